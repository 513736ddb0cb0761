//! Every diagnostic code is reachable: for each one, a configuration that produces it, with
//! the severity it has there. The same examples fill the README's diagnostics table, and the
//! README is checked to document every code and every version boundary.

use wandb_resume::diagnostics::Code;
use wandb_resume::profile::BOUNDARIES;
use wandb_resume::{Decision, Severity, codec, decide, sanitize_run_id};

/// (code, severity, example configuration as JSON).
const EXAMPLES: &[(&str, Severity, &str)] = &[
    (
        "sdk-version-invalid",
        Severity::Error,
        r#"{"sdk":"latest"}"#,
    ),
    (
        "sdk-version-unsupported",
        Severity::Error,
        r#"{"sdk":"0.8.36"}"#,
    ),
    (
        "sdk-version-unknown",
        Severity::Error,
        r#"{"sdk":"0.22.5"}"#,
    ),
    (
        "sdk-version-newer",
        Severity::Warning,
        r#"{"sdk":"0.99.0"}"#,
    ),
    (
        "needs-newer-sdk",
        Severity::Error,
        r#"{"sdk":"0.16.4","init":{"forkFrom":"abc?_step=1"}}"#,
    ),
    (
        "resume-invalid",
        Severity::Error,
        r#"{"init":{"resume":"yes please"}}"#,
    ),
    (
        "resume-string-is-run-id",
        Severity::Info,
        r#"{"sdk":"0.18.7","init":{"resume":"abc123"}}"#,
    ),
    (
        "resume-looks-like-literal",
        Severity::Error,
        r#"{"init":{"resume":"True"}}"#,
    ),
    (
        "resume-wrong-case",
        Severity::Error,
        r#"{"init":{"resume":"Allow"}}"#,
    ),
    (
        "resume-env-empty",
        Severity::Info,
        r#"{"sdk":"0.18.7","env":{"WANDB_RESUME":""}}"#,
    ),
    (
        "resume-false-keeps-env",
        Severity::Warning,
        r#"{"env":{"WANDB_RESUME":"allow","WANDB_RUN_ID":"a"},"init":{"resume":false}}"#,
    ),
    (
        "init-overrides-env",
        Severity::Info,
        r#"{"env":{"WANDB_RUN_ID":"a"},"init":{"id":"b"}}"#,
    ),
    ("run-id-empty", Severity::Error, r#"{"init":{"id":""}}"#),
    (
        "run-id-whitespace-only",
        Severity::Error,
        r#"{"sdk":"0.18.7","init":{"id":"  "}}"#,
    ),
    (
        "run-id-whitespace-ends",
        Severity::Error,
        r#"{"env":{"WANDB_RUN_ID":"abc\n"}}"#,
    ),
    (
        "run-id-reserved-char",
        Severity::Error,
        r#"{"env":{"WANDB_RUN_ID":"exp:1"}}"#,
    ),
    (
        "run-id-discouraged-char",
        Severity::Warning,
        r#"{"env":{"WANDB_RUN_ID":"100%"}}"#,
    ),
    (
        "run-id-non-word-char",
        Severity::Info,
        r#"{"env":{"WANDB_RUN_ID":"exp.1"}}"#,
    ),
    (
        "run-id-too-long",
        Severity::Warning,
        r#"{"env":{"WANDB_RUN_ID":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}"#,
    ),
    (
        "run-id-artifact-name-too-long",
        Severity::Warning,
        r#"{"env":{"WANDB_RUN_ID":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}"#,
    ),
    (
        "run-id-nul",
        Severity::Error,
        r#"{"init":{"id":"a\u0000b"}}"#,
    ),
    (
        "must-without-run-id",
        Severity::Error,
        r#"{"env":{"WANDB_RESUME":"must"}}"#,
    ),
    (
        "allow-without-run-id",
        Severity::Warning,
        r#"{"env":{"WANDB_RESUME":"allow"}}"#,
    ),
    (
        "auto-without-shared-filesystem",
        Severity::Warning,
        r#"{"init":{"resume":true},"context":{"sharedFilesystem":false}}"#,
    ),
    (
        "resume-file-ignored",
        Severity::Warning,
        r#"{"init":{"resume":"auto","id":"new"},"context":{"resumeFile":"old"}}"#,
    ),
    (
        "run-id-from-resume-file",
        Severity::Info,
        r#"{"init":{"resume":true},"context":{"resumeFile":"old"}}"#,
    ),
    (
        "resume-file-invalid",
        Severity::Info,
        r#"{"init":{"resume":true},"context":{"resumeFile":""}}"#,
    ),
    (
        "resume-file-unreadable",
        Severity::Error,
        r#"{"sdk":"0.19.0","init":{"resume":true},"context":{"resumeFileText":""}}"#,
    ),
    (
        "run-id-without-resume",
        Severity::Warning,
        r#"{"init":{"id":"abc"}}"#,
    ),
    ("no-resume", Severity::Info, r#"{}"#),
    (
        "never-with-run-id",
        Severity::Warning,
        r#"{"env":{"WANDB_RESUME":"never","WANDB_RUN_ID":"abc"}}"#,
    ),
    (
        "concurrent-processes",
        Severity::Warning,
        r#"{"env":{"WANDB_RESUME":"allow","WANDB_RUN_ID":"abc"},"context":{"processes":8}}"#,
    ),
    (
        "notes-overwrite-ui",
        Severity::Warning,
        r#"{"env":{"WANDB_RESUME":"allow","WANDB_RUN_ID":"abc"},"init":{"notes":"lr sweep"}}"#,
    ),
    (
        "sweep-ignores-run-id",
        Severity::Warning,
        r#"{"env":{"WANDB_SWEEP_ID":"sw1","WANDB_RUN_ID":"r1"},"init":{"id":"mine"}}"#,
    ),
    (
        "sweep-run-id-replaced",
        Severity::Warning,
        r#"{"sdk":"0.10.21","env":{"WANDB_SWEEP_ID":"sw1","WANDB_RUN_ID":"r1"},"init":{"id":"mine"}}"#,
    ),
    (
        "sweep-id-invalid",
        Severity::Error,
        r#"{"env":{"WANDB_SWEEP_ID":""}}"#,
    ),
    (
        "disable-service-invalid",
        Severity::Error,
        r#"{"sdk":"0.18.0","env":{"WANDB_DISABLE_SERVICE":"bogus"}}"#,
    ),
    (
        "disabled-service-crashes",
        Severity::Error,
        r#"{"sdk":"0.19.0","env":{"WANDB_DISABLE_SERVICE":"true"}}"#,
    ),
    (
        "disable-service-deprecated",
        Severity::Warning,
        r#"{"sdk":"0.19.0","env":{"WANDB_DISABLE_SERVICE":"true"}}"#,
    ),
    (
        "env-order-dependent",
        Severity::Warning,
        r#"{"env":{"WANDB_RESUME_FROM":"abc?_step=1","WANDB_RUN_ID":"xyz"}}"#,
    ),
    (
        "branching-broken",
        Severity::Error,
        r#"{"sdk":"0.19.2","init":{"forkFrom":"abc?_step=10"}}"#,
    ),
    (
        "sweep-resume-unsupported",
        Severity::Warning,
        r#"{"env":{"WANDB_SWEEP_ID":"sw1","WANDB_RUN_ID":"r1"},"init":{"resume":"allow"}}"#,
    ),
    (
        "branching-args-exclusive",
        Severity::Error,
        r#"{"env":{"WANDB_RESUME":"allow"},"init":{"resumeFrom":"abc?_step=10"}}"#,
    ),
    (
        "run-moment-malformed",
        Severity::Error,
        r#"{"init":{"forkFrom":"abc?step=10"}}"#,
    ),
    (
        "run-moment-step-unusual",
        Severity::Warning,
        r#"{"init":{"forkFrom":"abc?_step=-1"}}"#,
    ),
    (
        "fork-from-same-id",
        Severity::Error,
        r#"{"init":{"id":"abc","forkFrom":"abc?_step=10"}}"#,
    ),
    (
        "resume-from-different-id",
        Severity::Error,
        r#"{"init":{"id":"xyz","resumeFrom":"abc?_step=10"}}"#,
    ),
    (
        "resume-from-rewinds",
        Severity::Info,
        r#"{"init":{"resumeFrom":"abc?_step=10"}}"#,
    ),
    (
        "fork-creates-run",
        Severity::Info,
        r#"{"init":{"forkFrom":"abc?_step=10"}}"#,
    ),
    (
        "processes-zero",
        Severity::Warning,
        r#"{"context":{"processes":0}}"#,
    ),
    (
        "resumed-flag-wrong",
        Severity::Warning,
        r#"{"sdk":"0.18.0","env":{"WANDB_RESUME":"allow","WANDB_RUN_ID":"abc"}}"#,
    ),
    (
        "resumed-config-empty",
        Severity::Warning,
        r#"{"sdk":"0.18.5","env":{"WANDB_RESUME":"allow","WANDB_RUN_ID":"abc"}}"#,
    ),
    (
        "run-step-after-resume",
        Severity::Info,
        r#"{"env":{"WANDB_RESUME":"allow","WANDB_RUN_ID":"abc"}}"#,
    ),
    (
        "env-change-warning-spurious",
        Severity::Info,
        r#"{"sdk":"0.21.2","env":{"WANDB_RUN_ID":"abc"}}"#,
    ),
    (
        "mode-invalid",
        Severity::Error,
        r#"{"sdk":"0.9.7","env":{"WANDB_MODE":"offline"}}"#,
    ),
    (
        "offline-resume-ignored",
        Severity::Info,
        r#"{"sdk":"0.30.0","env":{"WANDB_MODE":"offline"},"init":{"resume":"must","id":"abc"}}"#,
    ),
    (
        "offline-mode",
        Severity::Info,
        r#"{"init":{"mode":"offline","resume":"allow","id":"abc"}}"#,
    ),
    (
        "offline-login-first",
        Severity::Warning,
        r#"{"sdk":"0.10.5","init":{"mode":"offline","resume":"allow","id":"abc"}}"#,
    ),
    (
        "online-over-offline-env",
        Severity::Error,
        r#"{"sdk":"0.12.9","env":{"WANDB_MODE":"offline"},"init":{"mode":"online","resume":"allow","id":"abc"}}"#,
    ),
    (
        "online-over-offline-file",
        Severity::Warning,
        r#"{"sdk":"0.19.5","context":{"settingsFile":{"mode":"offline"}},"init":{"mode":"online","resume":"allow","id":"abc"}}"#,
    ),
    (
        "mode-over-disabled-env",
        Severity::Warning,
        r#"{"sdk":"0.31.0","env":{"WANDB_MODE":"disabled"},"init":{"mode":"online","resume":"allow","id":"abc"}}"#,
    ),
    (
        "offline-sync-writes-over",
        Severity::Warning,
        r#"{"sdk":"0.25.0","env":{"WANDB_MODE":"offline","WANDB_RESUME":"allow","WANDB_RUN_ID":"abc"}}"#,
    ),
    (
        "disabled-mode",
        Severity::Warning,
        r#"{"env":{"WANDB_MODE":"disabled","WANDB_RESUME":"allow","WANDB_RUN_ID":"abc"}}"#,
    ),
    (
        "disabled-run-id-differs",
        Severity::Warning,
        r#"{"sdk":"0.28.0","init":{"mode":"disabled","resume":"allow","id":"abc"}}"#,
    ),
    (
        "settings-dict-raises",
        Severity::Error,
        r#"{"sdk":"0.12.9","init":{"resume":"allow","id":"abc","settings":{"form":"dict","keys":["start_method"]}}}"#,
    ),
    (
        "settings-object-overrides-mode",
        Severity::Warning,
        r#"{"sdk":"0.18.7","env":{"WANDB_MODE":"offline"},"init":{"resume":"allow","id":"abc","settings":{"form":"object","keys":["start_method"]}}}"#,
    ),
    (
        "settings-mode-ignored",
        Severity::Warning,
        r#"{"sdk":"0.12.15","init":{"resume":"allow","id":"abc","settings":{"form":"object","keys":["mode"],"mode":"offline"}}}"#,
    ),
    (
        "settings-resume-ignored",
        Severity::Warning,
        r#"{"sdk":"0.12.15","init":{"resume":"allow","settings":{"form":"object","keys":["run_id"],"runId":"abc"}}}"#,
    ),
    (
        "settings-override-init",
        Severity::Warning,
        r#"{"sdk":"0.12.9","init":{"resume":"allow","id":"xyz","settings":{"form":"object","keys":["run_id"],"runId":"abc"}}}"#,
    ),
    (
        "settings-resume-true-raises",
        Severity::Error,
        r#"{"sdk":"0.18.7","init":{"settings":{"form":"dict","keys":["resume"],"resume":true}}}"#,
    ),
    (
        "settings-resume-stored-as-allow",
        Severity::Warning,
        r#"{"sdk":"0.14.1","init":{"id":"abc","settings":{"form":"object","keys":["resume"],"resume":true}}}"#,
    ),
    (
        "settings-resume-false-dropped",
        Severity::Info,
        r#"{"sdk":"0.18.7","env":{"WANDB_RESUME":"must"},"init":{"id":"abc","settings":{"form":"object","keys":["resume"],"resume":false}}}"#,
    ),
    (
        "settings-key-unknown",
        Severity::Error,
        r#"{"sdk":"0.20.0","init":{"settings":{"form":"object","keys":["_disable_service"],"disableService":true}}}"#,
    ),
    (
        "settings-disable-service-ignored",
        Severity::Warning,
        r#"{"sdk":"0.17.0","init":{"resume":true,"settings":{"form":"object","keys":["_disable_service"],"disableService":true}}}"#,
    ),
    (
        "settings-file-raises",
        Severity::Error,
        r#"{"sdk":"0.21.0","init":{"resume":"allow","id":"abc"},"context":{"settingsFile":{"disabled":"true","mode":"offline"}}}"#,
    ),
    (
        "settings-file-ignored",
        Severity::Warning,
        r#"{"sdk":"0.31.0","init":{"resume":"allow","id":"abc"},"context":{"settingsFile":{"disabled":"true","mode":"offline"}}}"#,
    ),
    (
        "settings-file-offline",
        Severity::Warning,
        r#"{"sdk":"0.18.7","env":{"WANDB_MODE":"online"},"init":{"resume":"allow","id":"abc"},"context":{"settingsFile":{"disabled":"true"}}}"#,
    ),
    (
        "disabled-env-offline",
        Severity::Warning,
        r#"{"sdk":"0.18.7","env":{"WANDB_DISABLED":"true"},"init":{"resume":"allow","id":"abc"}}"#,
    ),
    (
        "disabled-env-ignored",
        Severity::Warning,
        r#"{"sdk":"0.31.0","env":{"WANDB_DISABLED":"true"},"init":{"resume":"allow","id":"abc"}}"#,
    ),
    (
        "disabled-env-invalid",
        Severity::Error,
        r#"{"sdk":"0.17.7","env":{"WANDB_DISABLED":"maybe"},"init":{"resume":"allow","id":"abc"}}"#,
    ),
    (
        "shared-mode",
        Severity::Info,
        r#"{"sdk":"0.31.0","env":{"WANDB_MODE":"shared"},"init":{"resume":"allow","id":"abc"}}"#,
    ),
    (
        "shared-mode-step",
        Severity::Info,
        r#"{"sdk":"0.27.2","init":{"mode":"shared","id":"abc"}}"#,
    ),
    (
        "shared-mode-lost",
        Severity::Warning,
        r#"{"sdk":"0.18.7","env":{"WANDB_MODE":"shared"},"init":{"resume":"allow","id":"abc","settings":{"form":"object","keys":[]}}}"#,
    ),
    (
        "shared-mode-without-id",
        Severity::Warning,
        r#"{"sdk":"0.31.0","init":{"mode":"shared"}}"#,
    ),
    (
        "refused-launch-creates-run",
        Severity::Info,
        r#"{"sdk":"0.16.5","env":{"WANDB_RESUME":"never"},"init":{"id":"job-run","forkFrom":"source-run?_step=5"}}"#,
    ),
];

fn decision(json: &str) -> Decision {
    decide(
        &codec::from_json::<wandb_resume::ResumeInput>(json)
            .unwrap_or_else(|e| panic!("{json}: {e}")),
    )
}

#[test]
fn every_code_has_an_example_that_produces_it() {
    for code in Code::ALL {
        let (_, severity, json) = EXAMPLES
            .iter()
            .find(|(c, ..)| *c == code.as_str())
            .unwrap_or_else(|| panic!("no example for {}", code.as_str()));
        let d = decision(json);
        let found = d
            .diagnostics
            .iter()
            .find(|x| x.code == code.as_str())
            .unwrap_or_else(|| {
                panic!(
                    "{json} does not produce {}: {:#?}",
                    code.as_str(),
                    d.diagnostics
                )
            });
        assert_eq!(found.severity, *severity, "{}", code.as_str());
        assert!(
            found.hint.as_deref().is_some_and(|h| !h.is_empty())
                || found.severity == Severity::Info,
            "{} has no hint",
            code.as_str()
        );
    }
    assert_eq!(
        EXAMPLES.len(),
        Code::ALL.len(),
        "an example names a code that does not exist"
    );
}

#[test]
fn sanitize_reports_with_the_same_codes() {
    let s = sanitize_run_id("a:b", None);
    assert!(
        s.diagnostics
            .iter()
            .any(|d| d.code == "run-id-reserved-char")
    );
}

#[test]
fn readme_documents_every_code_and_boundary() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for code in Code::ALL {
        assert!(
            readme.contains(&format!("`{}`", code.as_str())),
            "README lacks `{}`",
            code.as_str()
        );
    }
    // Prettier pads table cells, so match a row that starts with the version.
    for b in BOUNDARIES {
        let found = readme.lines().any(|line| {
            line.strip_prefix("| ")
                .is_some_and(|rest| rest.trim_start().starts_with(&format!("{} ", b.since)))
        });
        assert!(found, "README lacks the {} boundary", b.since);
    }
}
