//! The run mode: replays tests/conformance/mode-vectors.json (made by
//! tests/conformance/generate_modes.py) against `decide`. Each vector is a release's
//! `wandb.init` with `WANDB_MODE` or `wandb.init(mode=…)` set: offline ones run complete and
//! unmodified, online ones through the batch driver. The engine must raise where the SDK
//! raised, agree on the resume setting, the run id, the warnings (0.12.0–0.30.0 warn that
//! resume is ignored offline) and the file afterwards, and call the launch offline exactly
//! where the SDK's own settings do. No Python is needed here.

mod common;

use common::{assert_all_agree, mode_replay, recorded};
use wandb_resume::{Action, ResumeFileAction, decide};

#[test]
fn modes_match_the_real_sdk() {
    let doc = mode_replay::load();
    // An online `mode=` over an offline WANDB_MODE is refused as not modelled (the vectors show
    // why: a login warning in some releases, the harness's own failure in 0.10.x–0.12.x).
    let check = |v: &common::Recorded<'_>| match mode_replay::refused(v) {
        Ok(true) => Vec::new(),
        Ok(false) => mode_replay::check(v),
        Err(why) => vec![why],
    };
    assert_all_agree("mode vectors", &doc, check, |v| v.case.to_string());
    let refused = recorded(&doc)
        .iter()
        .filter(|v| mode_replay::refused(v) == Ok(true))
        .count();
    assert_eq!(
        refused,
        doc["results"].as_object().unwrap().len(),
        "one case per release"
    );
}

/// The vectors see what the rules rest on: the offline warning from 0.12.0 to 0.30.0 and not
/// around it, `mode=` beating `WANDB_MODE`, 0.9.x refusing `WANDB_MODE=offline`, and an
/// offline launch that online would fail (resume must on a run W&B does not have).
#[test]
fn mode_vectors_cover_each_rule() {
    let doc = mode_replay::load();
    let all = recorded(&doc);
    let find = |version: &str, case: &str| {
        let case: serde_json::Value = serde_json::from_str(case).unwrap();
        all.iter()
            .find(|v| v.version == version && *v.case == case)
            .map(|v| v.out)
            .unwrap_or_else(|| panic!("{version} {case} recorded"))
    };
    let must_offline = r#"{"env":{"WANDB_MODE":"offline"},"init":{"resume":"must","id":"abc"}}"#;
    let warned = |version| {
        !find(version, must_offline)["warnings"]
            .as_array()
            .unwrap()
            .is_empty()
    };
    assert!(!warned("0.11.2"));
    assert!(warned("0.12.0"));
    assert!(warned("0.30.0"));
    assert!(!warned("0.31.0"));
    assert_eq!(find("0.31.0", must_offline)["offline"], true);
    assert_eq!(find("0.31.0", must_offline)["rejected"], false);
    assert_eq!(find("0.9.7", must_offline)["rejected"], true);
    let init_beats_env =
        r#"{"env":{"WANDB_MODE":"online"},"init":{"mode":"offline","resume":"must","id":"abc"}}"#;
    assert_eq!(find("0.31.0", init_beats_env)["offline"], true);
    let online = r#"{"env":{"WANDB_MODE":"run","WANDB_API_KEY":"0000000000000000000000000000000000000000","WANDB_BASE_URL":"http://127.0.0.1:9"},"init":{"resume":"must","id":"abc"}}"#;
    assert_eq!(find("0.31.0", online)["offline"], false);
}

/// Every offline vector (tests/conformance/vectors) was recorded offline — `WANDB_MODE=offline`
/// (0.9.x: `dryrun`) — with the offline-only warning left out, so read as the offline launch it
/// was, each must agree with the engine: it raises exactly where the SDK raised, and where the
/// SDK passed, the launch is offline on both branches with no error left (what W&B would refuse
/// once online does not stop it).
#[test]
fn the_offline_vectors_read_as_offline_launches() {
    let (_, vectors) = common::replay::load_vectors();
    let mut failures = Vec::new();
    let mut compared = 0;
    for v in &vectors {
        let mut input = v.input.clone();
        let mode = if v.sdk.starts_with("0.9.") {
            "dryrun"
        } else {
            "offline"
        };
        input
            .env
            .get_or_insert_with(Default::default)
            .insert("WANDB_MODE".to_owned(), mode.to_owned());
        let d = decide(&input);
        if common::replay::depends_on_the_unknown(&d) {
            continue;
        }
        compared += 1;
        let rejected = v.out["rejected"].as_bool().unwrap_or(false);
        let problem = if rejected != (d.resume_file_action == ResumeFileAction::NotReached) {
            Some(format!("wandb.init raises: sdk={rejected}"))
        } else if !rejected && !d.valid {
            Some(format!("errors left: {:?}", d.diagnostics))
        } else if !rejected && [d.if_exists.action, d.if_missing.action] != [Action::Offline; 2] {
            Some(format!(
                "{:?}/{:?}",
                d.if_exists.action, d.if_missing.action
            ))
        } else {
            None
        };
        if let Some(p) = problem {
            failures.push(format!("[{}] {}: {p}", v.sdk, v.case));
        }
    }
    assert!(compared > 70_000, "{compared} compared");
    assert!(
        failures.is_empty(),
        "{} of {compared} disagree:\n{}",
        failures.len(),
        failures[..failures.len().min(20)].join("\n")
    );
}
