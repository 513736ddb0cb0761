//! Script endings: replays tests/conformance/ending-vectors.json against `simulate`. Each
//! vector is a release's complete offline `wandb.init`, then the script ended as a training
//! script ends (`run.finish()`, falling off its end, `sys.exit`, `exit(1)`, an exception, a
//! signal), and what `wandb/wandb-resume.json` held once every process it started had gone
//! (generate_endings.py). The file decides whether a restart in the same directory resumes.
//! No Python is needed here.

mod common;

use wandb_resume::env_vars::EnvVars;

use common::ending_replay::{check, endings, input, load, vectors};
use wandb_resume::profile::{Profile, Rule};
use wandb_resume::{ResumeInput, codec, decide, parse_sdk_version, service_process};

#[test]
fn endings_match_the_real_sdk() {
    let doc = load();
    common::assert_all_agree("endings", &doc, |v| check(&doc, v), |v| v.case.to_string());
}

/// The vectors hold every ending, and the outcomes differ where the replay must tell them
/// apart: vectors that all kept the file (or all raised) would prove nothing.
#[test]
fn ending_vectors_cover_each_outcome() {
    let doc = load();
    let all = vectors(&doc);
    for ending in endings().keys() {
        let compared: Vec<_> = all
            .iter()
            .filter(|v| v.case["ending"] == *ending && v.out["resumeFileAtEnd"].is_string())
            .collect();
        assert!(
            all.iter().any(|v| v.case["ending"] == *ending),
            "no case ends with {ending}"
        );
        // Every ending but `finish` leaves the file somewhere, and every ending a release
        // handles differently is seen both ways.
        if !["finish", "with-block"].contains(&ending.as_str()) {
            assert!(!compared.is_empty(), "{ending} never leaves the file");
        }
    }
    let kept_and_deleted = |ending: &str| {
        let outs: Vec<bool> = all
            .iter()
            .filter(|v| v.case["ending"] == ending && v.out["raised"].is_null())
            .filter(|v| v.out["unsupported"].is_null())
            .map(|v| v.out["resumeFileAtEnd"].is_string())
            .collect();
        outs.contains(&true) && outs.contains(&false)
    };
    for ending in [
        "exit",
        "raise-system-exit-1",
        "builtin-exit-1",
        "sigkill",
        "sigterm",
    ] {
        assert!(kept_and_deleted(ending), "{ending} is seen only one way");
    }
    assert!(
        all.iter().any(|v| v.out["raised"].is_object()),
        "no case where wandb.init raised"
    );
    // Only 0.9.x lacks a way to end (the `with` block).
    for v in all.iter().filter(|v| v.out["unsupported"] == true) {
        assert!(v.version.starts_with("0.9."), "{}: {}", v.version, v.case);
    }
}

/// How each era reads `WANDB_DISABLE_SERVICE`, as the SDK showed it: a script that falls off
/// its end deletes the resume file only without the service process, and a value that is not
/// a bool makes `wandb.init` raise where the release reads it as one. Each pair must be
/// recorded; `service_process::runs` and `decide` must say what the SDK did.
#[test]
fn each_era_reads_disable_service_as_the_sdk_did() {
    let doc = load();
    let all = vectors(&doc);
    let recorded = |version: &str, value: Option<&str>| {
        all.iter()
            .find(|v| {
                v.version == version
                    && v.case.get("mode").is_none()
                    && v.case["ending"] == "exit"
                    && v.case["resume"] == true
                    && v.case["resumeFileBefore"].is_null()
                    && v.case["env"]
                        .get("WANDB_DISABLE_SERVICE")
                        .and_then(|x| x.as_str())
                        == value
            })
            .unwrap_or_else(|| panic!("no `exit` case of {version} with {value:?}"))
    };
    let service = [
        // Not set: the service process runs from 0.13.0.
        ("0.12.21", None),
        ("0.13.0", None),
        ("0.31.0", None),
        // 0.13.0–0.13.10: any non-empty value, even "false".
        ("0.13.10", Some("false")),
        ("0.13.10", Some("")),
        // 0.13.11–0.15.5: a bool, else the text's truth.
        ("0.13.11", Some("false")),
        ("0.15.5", Some("bogus")),
        ("0.15.5", Some("")),
        // 0.15.6–0.19.x: a bool, in any case.
        ("0.19.11", Some("TRUE")),
        // 0.20.0: ignored.
        ("0.20.0", Some("true")),
    ];
    for (version, value) in service {
        let v = recorded(version, value);
        let env: EnvVars = value
            .map(|x| EnvVars::from([("WANDB_DISABLE_SERVICE", x)]))
            .unwrap_or_default();
        let profile = Profile::new(parse_sdk_version(version).expect("a release"));
        assert_eq!(
            service_process::runs(&profile, &env),
            v.out["resumeFileAtEnd"].is_string(),
            "{version} with {value:?}: the SDK's file after a normal end was {}",
            v.out["resumeFileAtEnd"]
        );
    }
    // " true" is not a bool: kept as text before 0.15.6 (no error), refused from it.
    for version in ["0.13.10", "0.15.5", "0.15.6"] {
        let v = recorded(version, Some(" true"));
        let d = decide(&codec::from_json(&input(&doc, v).to_string()).expect("an input"));
        let refused = d.diagnostics.iter().any(|x| {
            x.code == "disable-service-invalid" && x.severity == wandb_resume::Severity::Error
        });
        assert_eq!(refused, v.out["raised"].is_object(), "{version}");
    }
}

/// An offline `mode=` over `WANDB_MODE=disabled`: a script that falls off its end deletes the
/// resume file exactly where the release set the library up without the service process, and
/// `service_process::runs` must say so for each release; the vectors see the service off in two
/// spans between releases that run it (0.17.7–0.18.0, 0.19.1; 0.19.0 crashes between them).
#[test]
fn a_disabled_environment_under_an_offline_mode_runs_the_service_as_the_sdk_did() {
    let doc = load();
    let mut sides = Vec::new();
    for v in vectors(&doc) {
        if v.case["ending"] != "exit"
            || v.case["mode"] != "offline"
            || v.case["env"]["WANDB_MODE"] != "disabled"
            || v.out["raised"].is_object()
        {
            continue;
        }
        let profile = Profile::new(parse_sdk_version(v.version).expect("a release"));
        let given: ResumeInput = codec::from_json(&input(&doc, &v).to_string()).expect("an input");
        let env = given.env.unwrap_or_default();
        let kept = v.out["resumeFileAtEnd"].is_string();
        // (Before 0.13.0 there is no service: the exit hook deletes the file.)
        assert_eq!(
            service_process::runs(&profile, &env),
            kept,
            "{}: the SDK's file after a normal end was {}",
            v.version,
            v.out["resumeFileAtEnd"]
        );
        if profile.has(Rule::ServiceProcess) && sides.last() != Some(&kept) {
            sides.push(kept);
        }
    }
    // From 0.13.0: on, off (0.17.7–0.18.0), on (0.18.x), off (0.19.1), on (0.19.2+).
    assert_eq!(sides, [true, false, true, false, true]);
}
