//! Branching timelines: replays tests/conformance/branch-timeline-vectors.json against
//! `simulate`. A requeued job runs its script again with the environment it launched with, so
//! a `WANDB_RESUME_FROM` (rewind a run to a step) or `WANDB_FORK_FROM` (start a run from
//! another's step) set for the first launch — or `resume_from=` / `fork_from=` in its
//! `wandb.init` call — is there on every restart. Each vector is such a
//! launch and two restarts, three of a release's complete `wandb.init`s in a row against a
//! fake server that holds the runs the timeline branches from and keeps the ones its clients
//! create (generate_branch_timelines.py): whether each restart rewinds again, forks another
//! run, writes over the one the first fork made or raises. No Python is needed here.

mod common;

use common::timeline_replay::{
    assert_all_agree, forked, load_branching, restarts, rewound, vectors,
};

#[test]
fn branching_timelines_match_the_real_sdk() {
    assert_all_agree("branching timelines", &load_branching());
}

/// The vectors show restarts that rewind again (W&B asked to rewind on each), restarts that
/// fork another run, and launches that raise: a replay over timelines that all did one thing
/// would prove nothing.
#[test]
fn branching_vectors_cover_rewinds_forks_and_failures() {
    let doc = load_branching();
    let branch_step = doc["meta"]["branchStep"].as_u64().expect("meta.branchStep");
    let all = vectors(&doc);
    assert!(
        all.iter().any(|v| restarts(v).iter().any(rewound)),
        "no restart rewound a run"
    );
    assert!(
        all.iter()
            .any(|v| restarts(v).iter().any(|a| forked(a, branch_step))),
        "no restart forked a run"
    );
    assert!(
        all.iter()
            .any(|v| restarts(v).iter().any(|a| a["raised"].is_object())),
        "no restart raised"
    );
    // Every release the file names contributes timelines.
    for (version, timelines) in doc["results"].as_object().expect("results") {
        assert!(
            !timelines.as_array().expect("timelines").is_empty(),
            "{version}: no timelines"
        );
    }
}
