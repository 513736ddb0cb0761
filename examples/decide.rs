//! Prints the decision for each JSON configuration given on the command line — a quick way
//! to see what the engine says while working on a rule:
//!
//! `cargo run -q --example decide -- '{"sdk":"0.18.7","init":{"resume":"abc"}}'`

use wandb_resume::{codec, decide};
fn main() {
    for json in std::env::args().skip(1) {
        let d = decide(&codec::from_json::<wandb_resume::ResumeInput>(&json).unwrap());
        println!(
            "{json}\n  valid={} resume={:?}/{:?} id={:?}/{:?} exists={:?} missing={:?} file={:?}/{:?}",
            d.valid,
            d.resume,
            d.resume_source,
            d.run_id,
            d.run_id_source,
            d.if_exists.action,
            d.if_missing.action,
            d.resume_file_after,
            d.resume_file_action
        );
        for x in &d.diagnostics {
            println!(
                "    {:?} {} [{}] {}",
                x.severity,
                x.code,
                x.field.clone().unwrap_or_default(),
                x.sdk_message.clone().unwrap_or_default()
            );
        }
    }
}
