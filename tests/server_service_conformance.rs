//! Server outcomes of launches whose library was set up otherwise than the launch asks:
//! replays tests/conformance/server-service-vectors.json (made by
//! tests/conformance/generate_server_service.py), server-mode-vectors.json,
//! server-file-mode-vectors.json, server-settings-mode-vectors.json and
//! server-disabled-mode-vectors.json (made by generate_server_modes.py,
//! generate_server_file_modes.py, generate_server_settings_modes.py,
//! generate_server_disabled_modes.py) against `decide`'s two branches, as the server replay
//! does. Each vector is a release's complete, online `wandb.init` against the fake W&B server:
//! with `WANDB_DISABLE_SERVICE=true` — where 0.18.x and 0.19.x run the Python internal process
//! instead of wandb-core — and `fork_from` / `resume_from` beside a `resume` or a run id from
//! the environment, with the service off and on; or with an online `mode=` (`online`, `run`,
//! `shared`) under an offline `WANDB_MODE`, over the settings file's offline mode or under
//! `WANDB_MODE=disabled`, or the settings' online mode (`online`, `shared`) under an offline
//! `WANDB_MODE`. No Python is needed here.

mod common;

use common::server_replay::{
    check, check_any_mode, continued, decide_case, load, load_disabled_modes, load_file_modes,
    load_modes, load_service, load_settings_modes, not_modelled,
};
use serde_json::Value;

#[test]
fn server_outcomes_without_the_service_match_the_real_sdk() {
    let doc = load_service();
    common::assert_all_agree(
        "server outcomes without the service",
        &doc,
        |v| check(&doc, v),
        |v| format!("run {}, {}", v.case["state"], v.case),
    );
}

/// The case of `server-vectors.json` (the service on) with `state`, `id` and `resume` of
/// `case`, where it has one.
fn with_the_service<'a>(
    on: &'a [common::Recorded<'a>],
    version: &str,
    case: &Value,
) -> Option<&'a Value> {
    on.iter()
        .find(|v| {
            v.version == version
                && ["state", "id", "resume"]
                    .iter()
                    .all(|k| v.case.get(*k) == case.get(*k))
        })
        .map(|v| v.out)
}

/// A case with a branching argument: `fork_from` or `resume_from` from `wandb.init`, or
/// `WANDB_FORK_FROM`.
fn branching(case: &Value) -> bool {
    case.get("forkFrom").is_some()
        || case.get("resumeFrom").is_some()
        || case["env"].get("WANDB_FORK_FROM").is_some()
}

/// A replay over vectors where turning the service off changed nothing would prove nothing
/// about the backend it selects: the same launch must end differently with the service off and
/// on in some release — against the server (the server vectors hold the service-on side) and
/// with two branching arguments (this file holds both) — and the same in another.
#[test]
fn turning_the_service_off_changes_what_the_sdk_does() {
    let off = load_service();
    let on = load();
    let on = common::recorded(&on);
    let all = common::recorded(&off);
    let service_off = |case: &Value| case["env"].get("WANDB_DISABLE_SERVICE").is_some();
    let same_answer = |a: &Value, b: &Value| {
        a["raised"] == b["raised"]
            && a["resumed"] == b["resumed"]
            && a["configRestored"] == b["configRestored"]
    };
    let (mut server_differs, mut server_same) = (false, false);
    for v in all.iter().filter(|v| !branching(v.case)) {
        assert!(
            service_off(v.case),
            "a server case with the service on: {}",
            v.case
        );
        if let Some(on) = with_the_service(&on, v.version, v.case) {
            if same_answer(on, v.out) {
                server_same = true;
            } else {
                server_differs = true;
            }
        }
    }
    assert!(
        server_differs,
        "no server case ends otherwise with the service off"
    );
    assert!(
        server_same,
        "every server case ends otherwise with the service off"
    );

    let branching: Vec<_> = all.iter().filter(|v| branching(v.case)).collect();
    let mut branching_differs = false;
    for v in branching.iter().filter(|v| service_off(v.case)) {
        let mut env = v.case["env"].clone();
        env.as_object_mut()
            .expect("env")
            .remove("WANDB_DISABLE_SERVICE");
        let twin = branching
            .iter()
            .find(|w| {
                w.version == v.version
                    && w.case["env"] == env
                    && w.case.get("forkFrom") == v.case.get("forkFrom")
                    && w.case.get("resumeFrom") == v.case.get("resumeFrom")
            })
            .unwrap_or_else(|| panic!("{} {}: no twin with the service on", v.version, v.case));
        branching_differs |= !same_answer(twin.out, v.out);
    }
    assert!(
        branching_differs,
        "no branching case ends otherwise with the service off"
    );
    assert!(
        branching.iter().any(|v| v.out["raised"].is_null())
            && branching.iter().any(|v| !v.out["raised"].is_null()),
        "the branching cases never raised, or always did"
    );
}

/// What 0.19.5–0.23.0 print as `wandb.init` logs in for an online launch over a library set up
/// offline.
const OFFLINE_LOGIN_WARNING: &str = "Unable to verify login in offline mode.";

#[test]
fn online_over_an_offline_environment_matches_the_real_sdk() {
    online_mode_matches(
        &load_modes(),
        "an online mode= over an offline WANDB_MODE",
        &[OFFLINE_LOGIN_WARNING],
    );
}

#[test]
fn online_over_an_offline_settings_file_matches_the_real_sdk() {
    online_mode_matches(
        &load_file_modes(),
        "an online mode= over the settings file's offline mode",
        &[OFFLINE_LOGIN_WARNING],
    );
}

#[test]
fn online_settings_over_an_offline_environment_match_the_real_sdk() {
    online_mode_matches(
        &load_settings_modes(),
        "the settings' online mode over an offline WANDB_MODE",
        &[OFFLINE_LOGIN_WARNING],
    );
}

/// What 0.17.8–0.18.0 print where `wandb.init` sets the library up without the service process.
const SERVICE_DEPRECATION: &str = "Disabling the wandb service is deprecated";

/// An online `mode=` over `WANDB_MODE=disabled`: the deprecation warning of the service the
/// disabled setup turns off exactly where the SDK printed it, and no login warning (the library
/// is set up disabled, not offline).
#[test]
fn online_over_a_disabled_environment_matches_the_real_sdk() {
    online_mode_matches(
        &load_disabled_modes(),
        "an online mode= over WANDB_MODE=disabled",
        &[OFFLINE_LOGIN_WARNING, SERVICE_DEPRECATION],
    );
}

/// The server replay of `doc` (a shared launch replayed as the shared-mode server outcomes
/// are, and refused where the release refused the mode), with each of `warnings` — the start
/// of a `wandb: WARNING` line — quoted exactly where the SDK printed it (the other warnings of
/// an online launch are not the server replay's).
fn online_mode_matches(doc: &Value, what: &str, warnings: &[&str]) {
    common::assert_all_agree(
        &format!("server outcomes of {what}"),
        doc,
        |v| {
            let decision = decide_case(v.version, v.case);
            if not_modelled(v) {
                // The release refused the mode, or raised before reading it, or met it beside
                // the file's disabled line: the package must refuse it as not modelled.
                return match decision {
                    Err(refused) if refused.contains("not modelled") => vec![],
                    other => vec![format!("not modelled, but the engine answers: {other:?}")],
                };
            }
            let mut diffs = check_any_mode(doc, v);
            for warning in warnings {
                let printed = v.out["printedWarnings"].as_array().is_some_and(|w| {
                    w.iter()
                        .any(|l| l.as_str().is_some_and(|l| l.starts_with(warning)))
                });
                let quoted = decision.as_ref().is_ok_and(|d| {
                    d.diagnostics.iter().any(|x| {
                        x.sdk_message
                            .as_deref()
                            .is_some_and(|m| m.starts_with(warning))
                    })
                });
                if printed != quoted {
                    diffs.push(format!(
                        "\"{warning}\": SDK printed it {printed}, engine quotes it {quoted}"
                    ));
                }
            }
            diffs
        },
        |v| format!("run {}, {}", v.case["state"], v.case),
    );
}

/// The vectors see each side of each rule they pin: releases that raise before asking W&B,
/// releases that resume the existing run online, and releases that print the login warning
/// and releases that do not, among the ones that go online.
#[test]
fn the_server_mode_vectors_see_each_side() {
    sees_each_side(&load_modes(), OFFLINE_LOGIN_WARNING);
}

#[test]
fn the_server_file_mode_vectors_see_each_side() {
    sees_each_side(&load_file_modes(), OFFLINE_LOGIN_WARNING);
}

#[test]
fn the_server_settings_mode_vectors_see_each_side() {
    sees_each_side(&load_settings_modes(), OFFLINE_LOGIN_WARNING);
}

/// The disabled-mode vectors see each side too, the service's deprecation warning for the
/// login's; and 0.19.0 alone crashes (the service off), beside more than one release that
/// raises before asking W&B otherwise (the mode unknown) and more than one that resumes.
#[test]
fn the_server_disabled_mode_vectors_see_each_side() {
    let doc = load_disabled_modes();
    sees_each_side(&doc, SERVICE_DEPRECATION);
    let crashed = |o: &Value| {
        o["raised"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("__pydantic_private__"))
    };
    assert_eq!(releases_where(&doc, &crashed), ["0.19.0"]);
    assert!(releases_where(&doc, &|o| raised_before_asking(o) && !crashed(o)).len() > 1);
    let last_step = last_step(&doc);
    assert!(releases_where(&doc, &|o| continued(o, last_step)).len() > 1);
}

/// The releases of `doc` with a record for which `f` holds.
fn releases_where<'a>(doc: &'a Value, f: &dyn Fn(&Value) -> bool) -> Vec<&'a str> {
    let mut r: Vec<&str> = common::recorded(doc)
        .iter()
        .filter(|v| f(v.out))
        .map(|v| v.version)
        .collect();
    r.dedup();
    r
}

/// The last step of the fake server's runs.
fn last_step(doc: &Value) -> u64 {
    doc["meta"]["server"]["lastStep"]
        .as_u64()
        .expect("lastStep")
}

/// Whether the launch asked W&B anything.
fn asked(o: &Value) -> bool {
    o["operations"].as_array().is_some_and(|a| !a.is_empty())
}

/// Whether `wandb.init` raised before asking W&B anything.
fn raised_before_asking(o: &Value) -> bool {
    o["raised"].is_object() && !asked(o)
}

/// Each side of the vectors' rules: a release raises before asking W&B, one resumes the
/// existing run, and among online launches one prints a warning starting with `warning` and
/// one does not.
fn sees_each_side(doc: &Value, warning: &str) {
    let last_step = last_step(doc);
    assert!(
        !releases_where(doc, &raised_before_asking).is_empty(),
        "no release raises before asking W&B"
    );
    assert!(
        !releases_where(doc, &|o| continued(o, last_step)).is_empty(),
        "no release resumes the existing run"
    );
    let warns = |o: &Value| {
        o["printedWarnings"].as_array().is_some_and(|w| {
            w.iter()
                .any(|l| l.as_str().is_some_and(|l| l.starts_with(warning)))
        })
    };
    assert!(
        !releases_where(doc, &|o| asked(o) && warns(o)).is_empty(),
        "no online launch prints \"{warning}\""
    );
    assert!(
        !releases_where(doc, &|o| asked(o) && !warns(o)).is_empty(),
        "every online launch prints \"{warning}\""
    );
}
