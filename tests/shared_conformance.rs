//! The shared mode (`mode="shared"`, several processes writing one run): replays
//! tests/conformance/shared-mode-vectors.json and shared-server-vectors.json (made by
//! tests/conformance/generate_shared.py) against `decide`. The mode vectors run `shared` from
//! `WANDB_MODE`, `mode=` and `settings=`, beside the other modes and the settings file, as the
//! settings vectors run theirs, and record whether the settled settings are shared; the server
//! vectors run each release's complete `wandb.init` online against a fake W&B server, as the
//! primary writer and as a secondary one. No Python is needed here.

mod common;

use common::shared_replay::{check_mode, check_server, load_modes, load_server, writers_agree};
use common::{Recorded, assert_all_agree, recorded};
use serde_json::Value;

#[test]
fn shared_modes_match_the_real_sdk() {
    assert_all_agree("shared-mode vectors", &load_modes(), check_mode, |v| {
        v.case.to_string()
    });
}

#[test]
fn shared_server_outcomes_match_the_real_sdk() {
    let doc = load_server();
    assert_all_agree(
        "shared-mode server outcomes",
        &doc,
        |v| check_server(&doc, v),
        |v| v.case.to_string(),
    );
}

/// The primary writer and a secondary one (`x_primary=False`) meet the same answer in every
/// state of the run and with every `resume`: the engine, which does not read `x_primary`,
/// needs that.
#[test]
fn every_writer_meets_the_same_answer() {
    let diffs = writers_agree(&load_server());
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
}

/// One mode vector: `WANDB_MODE=shared` with `resume="must"`, an id, and `settings` (or none).
fn env_shared<'a>(all: &'a [Recorded<'a>], version: &str, settings: &Value) -> &'a Value {
    all.iter()
        .find(|v| {
            v.version == version
                && v.case["env"]["WANDB_MODE"] == "shared"
                && v.case["init"]["mode"].is_null()
                && v.case["init"]["resume"] == "must"
                && v.case["context"].is_null()
                && v.case["init"]["settings"] == *settings
        })
        .map(|v| v.out)
        .unwrap_or_else(|| panic!("{version} {settings} recorded"))
}

/// Each boundary is seen from both sides: 0.16.2 refuses the mode and 0.16.3 settles it; a
/// settings object (online unless it says otherwise) replaces `WANDB_MODE=shared` in 0.18.7
/// and not in 0.19.0; the warning starts in 0.17.6 and changes its words in 0.19.6; reading
/// `wandb.run.step` raises from 0.27.2.
#[test]
fn shared_vectors_cover_each_era() {
    let modes = load_modes();
    let all = recorded(&modes);
    let none = Value::Null;
    let old = env_shared(&all, "0.16.2", &none);
    assert_eq!(old["rejected"], true, "0.16.2: {old}");
    assert!(
        old["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("'shared'")),
        "0.16.2: {old}"
    );
    assert_eq!(env_shared(&all, "0.16.3", &none)["shared"], true);
    let object: Value = serde_json::json!({"form": "object", "keys": []});
    assert_eq!(env_shared(&all, "0.18.7", &object)["shared"], false);
    assert_eq!(env_shared(&all, "0.19.0", &object)["shared"], true);

    let server = load_server();
    let servers = recorded(&server);
    let resumed = |version: &str| {
        servers
            .iter()
            .find(|v| {
                v.version == version
                    && v.case["state"] == "exists"
                    && v.case["resume"] == "allow"
                    && v.case["env"]["WANDB__PRIMARY"].is_null()
            })
            .map(|v| v.out)
            .unwrap_or_else(|| panic!("{version} recorded"))
    };
    let warned = |version: &str| {
        resumed(version)["printedWarnings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .find(|w| w.contains("experimental"))
            .map(|w| {
                w.split(" is experimental")
                    .next()
                    .unwrap_or_default()
                    .to_owned()
            })
    };
    assert_eq!(warned("0.17.5"), None);
    assert_eq!(warned("0.17.6").as_deref(), Some("The `_shared` feature"));
    assert_eq!(warned("0.19.5").as_deref(), Some("The `_shared` feature"));
    assert_eq!(
        warned("0.19.6").as_deref(),
        Some("The `shared` mode feature")
    );
    assert_eq!(resumed("0.27.1")["step"], 10);
    assert!(
        resumed("0.27.2")["step"]
            .as_str()
            .is_some_and(|s| s.starts_with("raises")),
        "{}",
        resumed("0.27.2")
    );
    assert_eq!(resumed("0.27.2")["startingStep"], 10);
}
