//! The run mode: replays tests/conformance/mode-vectors.json (made by
//! tests/conformance/generate_modes.py) against `decide`. Each vector is a release's
//! `wandb.init` with `WANDB_MODE` or `wandb.init(mode=…)` set: offline and disabled ones run
//! complete and unmodified, online ones through the batch driver. The engine must raise where
//! the SDK raised, agree on the resume setting, the run id, the warnings (0.12.0–0.30.0 warn
//! that resume is ignored offline) and the file afterwards, and call the launch offline
//! (disabled) exactly where the SDK's own settings do (it returned its disabled run). No Python
//! is needed here.

mod common;

use common::{assert_all_agree, mode_replay, recorded};
use wandb_resume::{Action, decide};

#[test]
fn modes_match_the_real_sdk() {
    let doc = mode_replay::load();
    // `noop`, the disabled mode of 0.10.0–0.10.9 that later releases refuse each in their
    // words, is refused as not modelled. `mode="online"` over an offline WANDB_MODE is modelled
    // since the server-mode vectors (0.10.9–0.12.9 raise, some releases warn about the login),
    // an offline `mode=` over WANDB_MODE=disabled since the ending vectors (some releases set
    // the library up without the service process; 0.19.0 crashes).
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
        4 * doc["results"].as_object().unwrap().len(),
        "per release: four noop"
    );
}

/// The vectors see what the rules rest on: the offline warning from 0.12.0 to 0.30.0 and not
/// around it, `mode=` beating `WANDB_MODE`, 0.9.x refusing `WANDB_MODE=offline`, an offline
/// launch that online would fail (resume must on a run W&B does not have), and each boundary
/// of the disabled mode.
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
    // Disabled: `disabled` from 0.10.10; the run's id a placeholder until 0.10.18, a fresh one
    // until 0.28.0, the id set from 0.29.0; the run directory made until 0.10.29; the service
    // warning in 0.17.8–0.18.0 only; must without a run never fails.
    let disabled = r#"{"env":{"WANDB_MODE":"disabled"},"init":{"resume":"must","id":"abc"}}"#;
    assert_eq!(find("0.10.9", disabled)["rejected"], true);
    assert_eq!(find("0.10.10", disabled)["disabled"], true);
    assert_eq!(find("0.10.18", disabled)["placeholderId"], true);
    assert!(find("0.10.19", disabled)["placeholderId"].is_null());
    assert!(find("0.28.0", disabled)["runId"].is_null());
    assert_eq!(find("0.29.0", disabled)["runId"], "abc");
    assert_eq!(find("0.31.0", disabled)["rejected"], false);
    let long_id = format!(
        r#"{{"env":{{"WANDB_MODE":"disabled"}},"init":{{"id":"{}"}}}}"#,
        "x".repeat(240)
    );
    assert_eq!(find("0.10.29", &long_id)["rejected"], true);
    assert_eq!(find("0.10.30", &long_id)["rejected"], false);
    let service_warned = |version| {
        find(version, disabled)["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| {
                w.as_str()
                    .unwrap()
                    .starts_with("Disabling the wandb service")
            })
    };
    assert!(!service_warned("0.17.7"));
    assert!(service_warned("0.17.8"));
    assert!(service_warned("0.18.0"));
    assert!(!service_warned("0.18.1"));
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
        let problem = if rejected != common::replay::rejected_locally(&d) {
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
