//! Helpers shared by integration tests.

pub mod replay;
pub mod server_replay;
