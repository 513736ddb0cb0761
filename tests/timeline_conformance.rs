//! Timelines: replays tests/conformance/timeline-vectors.json against `simulate`. Each vector
//! is a job configuration launched, ended a chosen way (a crash, a preemption, `run.finish()`,
//! …), restarted in the same directory, another one or on another machine, and restarted
//! again: three of a release's complete `wandb.init`s in a row (online, offline, with the
//! resume configuration in `settings=`) against one fake server that keeps the runs its
//! clients create (generate_timelines.py). What each attempt met — the runs on the server,
//! the resume file on disk — was left by the attempts before it, as on a real cluster. No
//! Python is needed here.

mod common;

use common::server_replay::continued;
use common::timeline_replay::{assert_all_agree, load, tally, vectors};

#[test]
fn timelines_match_the_real_sdk() {
    assert_all_agree("timelines", &load());
}

/// The vectors show every kind of attempt — resumed, a new run, the same run written over,
/// failed — and restarts that resume as well as ones that split the job: a replay over
/// timelines that all did one thing would prove nothing.
#[test]
fn timeline_vectors_cover_each_kind_of_attempt() {
    let doc = load();
    let last_step = doc["meta"]["lastStep"].as_u64().expect("meta.lastStep");
    for (version, timelines) in doc["results"].as_object().expect("results") {
        let attempts = timelines
            .as_array()
            .expect("timelines")
            .iter()
            .flat_map(|t| t.as_array().expect("attempts"));
        let [raised, resumed, fresh] = tally(attempts, last_step);
        assert!(
            raised > 0 && resumed > 0 && fresh > 0,
            "{version}: {raised} raised, {resumed} resumed, {fresh} from step 0"
        );
    }
    let all = vectors(&doc);
    // Some restart met a run an earlier attempt of its timeline created.
    assert!(
        all.iter().any(|v| {
            let outs = v.out.as_array().expect("attempts");
            outs.iter().skip(1).any(|a| continued(a, last_step))
        }),
        "no restart resumed"
    );
    // Offline launches: some restart wrote under the id of the attempt before it (read from
    // the file, or fixed) — what a later `wandb sync` must sort out.
    let offline = |v: &&common::Recorded<'_>| !v.case["launch"]["env"]["WANDB_MODE"].is_null();
    assert!(
        all.iter().filter(offline).any(|v| {
            let outs = v.out.as_array().expect("attempts");
            outs.windows(2)
                .any(|w| w[0]["runId"].is_string() && w[0]["runId"] == w[1]["runId"])
        }),
        "no offline restart reused its run id"
    );
    // `settings=` launches: some restart resumed what the settings named.
    assert!(
        all.iter()
            .filter(|v| v.case["launch"].get("settings").is_some())
            .any(|v| {
                let outs = v.out.as_array().expect("attempts");
                outs.iter().skip(1).any(|a| continued(a, last_step))
            }),
        "no settings= restart resumed"
    );
}
