//! Server outcomes: replays tests/conformance/server-vectors.json against `decide`'s two
//! branches (`ifExists`, `ifMissing`). Each vector is a release's complete, online
//! `wandb.init` run against a fake W&B server that answers that the run exists (and has logged
//! steps 0-9), does not exist, or was created but never started (generate_server.py); the
//! release's own backend decided whether to resume, start fresh or raise. No Python is needed
//! here.

mod common;

use common::server_replay::{check, continued, load};

#[test]
fn server_outcomes_match_the_real_sdk() {
    let doc = load();
    common::assert_all_agree(
        "server outcomes",
        &doc,
        |v| check(&doc, v),
        |v| format!("run {}, {}", v.case["state"], v.case),
    );
}

/// The vectors hold every state for every release, and the answers differ where they must:
/// a replay over vectors that all say "started fresh" would prove nothing.
#[test]
fn server_vectors_cover_each_answer() {
    let doc = load();
    let cases = doc["cases"].as_array().expect("cases");
    let states: Vec<&str> = cases.iter().filter_map(|c| c["state"].as_str()).collect();
    for state in ["exists", "missing", "precreated", "generated"] {
        assert!(states.contains(&state), "no case with a run {state}");
    }
    let last_step = doc["meta"]["server"]["lastStep"]
        .as_u64()
        .expect("lastStep");
    for (version, outs) in doc["results"].as_object().expect("results") {
        let outs = outs.as_array().expect("results");
        let resumed = outs.iter().filter(|o| continued(o, last_step)).count();
        let raised = outs.iter().filter(|o| o["raised"].is_object()).count();
        assert!(
            resumed > 0 && raised > 0 && resumed + raised < outs.len(),
            "{version}: {resumed} resumed, {raised} raised of {} — the fake server's answers did not reach the SDK",
            outs.len()
        );
    }
}
