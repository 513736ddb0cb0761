//! # wandb-resume
//!
//! Tells a machine-learning engineer, before the job starts, what Weights & Biases will do
//! with a resume configuration (`WANDB_RESUME`, `WANDB_RUN_ID`, `wandb.init(resume=…, id=…)`,
//! the auto-resume file) on the first launch and on every restart.
//!
//! The crate is a pure-Rust core (this library, tested natively with `cargo test`) plus one
//! thin wasm-bindgen module, `wasm`, compiled only for `wasm32`, that converts JS values
//! and forwards to the core. Nothing in the core knows about JavaScript.

#![cfg_attr(not(target_arch = "wasm32"), forbid(unsafe_code))]
#![warn(missing_docs)]

mod bool_setting;
mod branching;
mod check_order;
pub mod codec;
mod decimal_to_double;
pub mod derive;
pub mod diagnostics;
pub mod disabled_env;
pub mod engine;
pub mod env_block;
pub mod env_vars;
pub mod error;
pub mod fix;
pub mod generator;
pub mod http_api;
pub mod init_call;
pub mod json;
pub mod method_table;
pub mod model;
mod outcome;
pub mod parse_error;
pub mod profile;
pub mod pyunicode;
pub mod query_string;
#[cfg(test)]
mod recorded;
mod resume_file;
pub mod resume_file_text;
pub mod resume_value;
pub mod run_id;
mod run_mode;
pub mod run_moment;
pub mod sanitize;
pub mod scenarios;
pub mod service_process;
pub mod settings_arg;
pub mod settings_file;
mod settings_resume;
mod settings_service;
mod shared_mode;
pub mod snippets;
mod text;
pub mod timeline;
pub mod version;

#[cfg(target_arch = "wasm32")]
pub mod wasm;
#[cfg(target_arch = "wasm32")]
pub mod wasm_http;

pub use derive::derive_run_id;
pub use engine::decide;
pub use error::InputError;
pub use generator::{GenerateIdError, collision_probability, generate_id};
pub use method_table::{MethodTable, method_table};
pub use model::*;
pub use sanitize::sanitize_run_id;
pub use timeline::{Attempt, Ending, Place, Timeline, simulate};
pub use version::{SdkVersion, parse_sdk_version};
