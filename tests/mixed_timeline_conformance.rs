//! Mixed timelines: replays tests/conformance/mixed-timeline-vectors.json (made by
//! tests/conformance/generate_mixed_timelines.py) against `simulate`. Each vector is a job
//! configuration drawn at random — `resume=`, `id=`, the resume variables, an offline mode
//! from `WANDB_MODE` or `mode=`, the service process off, `settings=` with its resume and run
//! id, a rewind or a fork from `wandb.init` or its variable, a run already on the server — then
//! launched, ended a random way and restarted twice in a random place: three of a release's
//! complete `wandb.init`s in a row against a fake server that keeps the runs its clients
//! create. The timeline grids cross chosen launches with chosen sequences; these put the rules
//! together in combinations no grid did. tests/conformance/mixed-branch-timeline-vectors.json
//! (generate_mixed_branch_timelines.py) is the same draw with a rewind or a fork in every
//! launch and a `resume` in fewer: in the first, every rewind came beside a `resume`, which
//! the releases refuse before W&B is asked. No Python is needed here.

mod common;

use common::timeline_replay::{
    assert_all_agree, forked, load_mixed, load_mixed_branching, restarts, rewound, tally, vectors,
};

#[test]
fn mixed_timelines_match_the_real_sdk() {
    assert_all_agree("mixed timelines", &load_mixed());
}

/// The draw reached what it was made to put together: restarts that resumed, a new run and a
/// failure in every release, offline launches, `settings=`, branching and seeded runs — a
/// replay over timelines that all did one thing would prove nothing.
#[test]
fn mixed_timelines_cover_each_part_and_outcome() {
    let doc = load_mixed();
    let last_step = doc["meta"]["lastStep"].as_u64().expect("meta.lastStep");
    for (version, timelines) in doc["results"].as_object().expect("results") {
        let restarts = timelines
            .as_array()
            .expect("timelines")
            .iter()
            .flat_map(|t| &t.as_array().expect("attempts")[1..]);
        let [raised, resumed, fresh] = tally(restarts, last_step);
        assert!(
            raised > 0 && resumed > 0 && fresh > 0,
            "{version}: of the restarts {raised} raised, {resumed} resumed, {fresh} from step 0"
        );
    }
    let all = vectors(&doc);
    let launches = || all.iter().map(|v| &v.case["launch"]);
    let has = |pred: &dyn Fn(&serde_json::Value) -> bool, what: &str| {
        assert!(launches().any(pred), "no launch {what}");
    };
    has(
        &|l| !l["env"]["WANDB_MODE"].is_null(),
        "offline by WANDB_MODE",
    );
    has(&|l| !l["mode"].is_null(), "offline by mode=");
    has(&|l| !l["settings"].is_null(), "with settings=");
    has(
        &|l| !l["env"]["WANDB_DISABLE_SERVICE"].is_null(),
        "without the service",
    );
    has(
        &|l| !l["forkFrom"].is_null() || !l["env"]["WANDB_FORK_FROM"].is_null(),
        "forking",
    );
    has(
        &|l| !l["resumeFrom"].is_null() || !l["env"]["WANDB_RESUME_FROM"].is_null(),
        "rewinding",
    );
    assert!(
        all.iter().any(|v| v.case["seed"]
            .as_array()
            .is_some_and(|s| s.iter().any(|r| r == "job-run"))),
        "no timeline meets the job's run on the server at its first launch"
    );
}

#[test]
fn mixed_branching_timelines_match_the_real_sdk() {
    assert_all_agree("mixed branching timelines", &load_mixed_branching());
}

/// The branching draw reached what it was drawn for: restarts that W&B was asked to rewind, in
/// launches without any `resume` (the first draw had none), restarts that forked, and restarts
/// that raised — a replay over timelines that all raised before W&B would prove little.
#[test]
fn mixed_branching_timelines_rewind_and_fork_on_restarts() {
    let doc = load_mixed_branching();
    let branch_step = doc["meta"]["branchStep"].as_u64().expect("meta.branchStep");
    let all = vectors(&doc);
    let without_resume = |launch: &serde_json::Value| {
        launch["resume"].is_null()
            && launch["env"]["WANDB_RESUME"].is_null()
            && launch["settings"]["resume"].is_null()
    };
    assert!(
        all.iter()
            .any(|v| without_resume(&v.case["launch"]) && restarts(v).iter().any(rewound)),
        "no restart without a resume rewound the job's run"
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
    assert!(
        all.iter().all(|v| {
            let launch = &v.case["launch"];
            [
                &launch["resumeFrom"],
                &launch["forkFrom"],
                &launch["env"]["WANDB_RESUME_FROM"],
                &launch["env"]["WANDB_FORK_FROM"],
            ]
            .iter()
            .any(|moment| !moment.is_null())
        }),
        "a launch of the branching draw neither rewinds nor forks"
    );
}
