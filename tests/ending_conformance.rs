//! Script endings: replays tests/conformance/ending-vectors.json against `simulate`. Each
//! vector is a release's complete offline `wandb.init`, then the script ended as a training
//! script ends (`run.finish()`, falling off its end, `sys.exit`, `exit(1)`, an exception, a
//! signal), and what `wandb/wandb-resume.json` held once every process it started had gone
//! (generate_endings.py). The file decides whether a restart in the same directory resumes.
//! No Python is needed here.

mod common;

use common::ending_replay::{check, endings, load, vectors};

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
