//! Server outcomes of launches whose library was set up otherwise than the launch asks:
//! replays tests/conformance/server-service-vectors.json (made by
//! tests/conformance/generate_server_service.py), server-mode-vectors.json,
//! server-file-mode-vectors.json and server-settings-mode-vectors.json (made by
//! generate_server_modes.py, generate_server_file_modes.py, generate_server_settings_modes.py) against `decide`'s two branches, as the server replay does. Each
//! vector is a release's complete, online `wandb.init` against the fake W&B server: with
//! `WANDB_DISABLE_SERVICE=true` — where 0.18.x and 0.19.x run the Python internal process
//! instead of wandb-core — and `fork_from` / `resume_from` beside a `resume` or a run id from
//! the environment, with the service off and on; or with an online `mode=` (`online`, `run`,
//! `shared`) under an offline `WANDB_MODE` or over the settings file's offline mode, or the
//! settings' online mode (`online`, `shared`) under an offline `WANDB_MODE`. No Python is
//! needed here.

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
    online_over_offline_matches(&load_modes(), "an online mode= over an offline WANDB_MODE");
}

#[test]
fn online_over_an_offline_settings_file_matches_the_real_sdk() {
    online_over_offline_matches(
        &load_file_modes(),
        "an online mode= over the settings file's offline mode",
    );
}

#[test]
fn online_settings_over_an_offline_environment_match_the_real_sdk() {
    online_over_offline_matches(
        &load_settings_modes(),
        "the settings' online mode over an offline WANDB_MODE",
    );
}

/// The server replay of `doc`, with the login's warning exactly where the SDK printed it (the
/// other warnings of an online launch are not the server replay's); a shared launch replayed
/// as the shared-mode server outcomes are, and refused where the release refused the mode.
fn online_over_offline_matches(doc: &Value, what: &str) {
    common::assert_all_agree(
        &format!("server outcomes of {what}"),
        doc,
        |v| {
            if not_modelled(v) {
                return refused_as_not_modelled(v);
            }
            let mut diffs = check_any_mode(doc, v);
            diffs.extend(quoted_where_printed(v, OFFLINE_LOGIN_WARNING));
            diffs
        },
        |v| format!("run {}, {}", v.case["state"], v.case),
    );
}

/// The release refused the mode, or met it beside the file's disabled line: the package must
/// refuse the case as not modelled.
fn refused_as_not_modelled(v: &common::Recorded<'_>) -> Vec<String> {
    match decide_case(v.version, v.case) {
        Err(refused) if refused.contains("not modelled") => vec![],
        other => vec![format!("not modelled, but the engine answers: {other:?}")],
    }
}

/// The engine quotes a `wandb: WARNING` line that starts with `warning` exactly where the SDK
/// printed one.
fn quoted_where_printed(v: &common::Recorded<'_>, warning: &str) -> Vec<String> {
    let printed = v.out["printedWarnings"].as_array().is_some_and(|w| {
        w.iter()
            .any(|l| l.as_str().is_some_and(|l| l.starts_with(warning)))
    });
    let quoted = decide_case(v.version, v.case).is_ok_and(|d| {
        d.diagnostics.iter().any(|x| {
            x.sdk_message
                .as_deref()
                .is_some_and(|m| m.starts_with(warning))
        })
    });
    if printed == quoted {
        vec![]
    } else {
        vec![format!(
            "\"{warning}\": SDK printed it {printed}, engine quotes it {quoted}"
        )]
    }
}

/// What 0.17.8–0.18.0 print where `wandb.init` sets the library up without the service process.
const SERVICE_DEPRECATION: &str = "Disabling the wandb service is deprecated";

/// An online `mode=` over `WANDB_MODE=disabled`: the server replay, with the deprecation warning
/// of the service the disabled setup turns off exactly where the SDK printed it, and no login
/// warning (the library is set up disabled, not offline).
#[test]
fn online_over_a_disabled_environment_matches_the_real_sdk() {
    let doc = load_disabled_modes();
    common::assert_all_agree(
        "server outcomes of an online mode= over WANDB_MODE=disabled",
        &doc,
        |v| {
            if not_modelled(v) {
                return refused_as_not_modelled(v);
            }
            let mut diffs = check_any_mode(&doc, v);
            diffs.extend(quoted_where_printed(v, OFFLINE_LOGIN_WARNING));
            diffs.extend(quoted_where_printed(v, SERVICE_DEPRECATION));
            diffs
        },
        |v| format!("run {}, {}", v.case["state"], v.case),
    );
}

/// The disabled-mode vectors see each side: releases that raise before asking W&B (the mode
/// unknown, 0.19.0's crash), releases that resume the existing run, and online launches with
/// and without the service's deprecation warning.
#[test]
fn the_server_disabled_mode_vectors_see_each_side() {
    let doc = load_disabled_modes();
    let last_step = doc["meta"]["server"]["lastStep"]
        .as_u64()
        .expect("lastStep");
    let all = common::recorded(&doc);
    let releases = |f: &dyn Fn(&Value) -> bool| {
        let mut r: Vec<&str> = all.iter().filter(|v| f(v.out)).map(|v| v.version).collect();
        r.dedup();
        r
    };
    let asked = |o: &Value| o["operations"].as_array().is_some_and(|a| !a.is_empty());
    let crashed = |o: &Value| {
        o["raised"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("__pydantic_private__"))
    };
    assert_eq!(releases(&|o| crashed(o)), ["0.19.0"]);
    assert!(releases(&|o| o["raised"].is_object() && !asked(o) && !crashed(o)).len() > 1);
    assert!(releases(&|o| continued(o, last_step)).len() > 1);
    let warns = |o: &Value| {
        o["printedWarnings"].as_array().is_some_and(|w| {
            w.iter().any(|l| {
                l.as_str()
                    .is_some_and(|l| l.starts_with(SERVICE_DEPRECATION))
            })
        })
    };
    assert!(!releases(&|o| asked(o) && warns(o)).is_empty());
    assert!(!releases(&|o| asked(o) && !warns(o)).is_empty());
}

/// The vectors see each side of each rule they pin: releases that raise before asking W&B,
/// releases that resume the existing run online, and releases that print the login warning
/// and releases that do not, among the ones that go online.
#[test]
fn the_server_mode_vectors_see_each_side() {
    sees_each_side(&load_modes());
}

#[test]
fn the_server_file_mode_vectors_see_each_side() {
    sees_each_side(&load_file_modes());
}

#[test]
fn the_server_settings_mode_vectors_see_each_side() {
    sees_each_side(&load_settings_modes());
}

fn sees_each_side(doc: &Value) {
    let last_step = doc["meta"]["server"]["lastStep"]
        .as_u64()
        .expect("lastStep");
    let all = common::recorded(doc);
    let releases = |f: &dyn Fn(&Value) -> bool| {
        let mut r: Vec<&str> = all.iter().filter(|v| f(v.out)).map(|v| v.version).collect();
        r.dedup();
        r.len()
    };
    let asked = |o: &Value| o["operations"].as_array().is_some_and(|a| !a.is_empty());
    assert!(
        releases(&|o| o["raised"].is_object() && !asked(o)) > 0,
        "no release raises before asking W&B"
    );
    assert!(
        releases(&|o| continued(o, last_step)) > 0,
        "no release resumes the existing run"
    );
    let warns = |o: &Value| {
        o["printedWarnings"]
            .as_array()
            .is_some_and(|w| w.iter().any(|l| l == OFFLINE_LOGIN_WARNING))
    };
    assert!(
        releases(&|o| asked(o) && warns(o)) > 0,
        "no online launch prints the login warning"
    );
    assert!(
        releases(&|o| asked(o) && !warns(o)) > 0,
        "every online launch prints the login warning"
    );
}
