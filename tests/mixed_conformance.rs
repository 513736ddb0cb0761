//! Mixed launches: replays tests/conformance/mixed-vectors.json (made by
//! tests/conformance/generate_mixed.py) against `decide`. Each vector is a release's
//! `wandb.init` on a launch drawn at random from every family the other vectors vary one at a
//! time — `resume=`, `id=`, `mode=`, `resume_from=` / `fork_from=`, `settings=` with its own
//! mode, resume and run id, the resume variables, a sweep, the resume file and its text, the
//! workspace settings file — so that rules meet in combinations no grid put side by side.
//! The engine must agree as on the settings-resume vectors: where the SDK raises and with
//! what (its first error the one raised), the resume setting, the run id, the warnings, the
//! file afterwards, offline or not. A launch the engine refuses as not modelled is left out
//! (the family grids check that each refusal is exactly the one modelled), and so is one the
//! generator marked `backendChecks`; the share left out is bounded, so the replay cannot pass
//! by leaving out. No Python is needed here.

mod common;

use common::mode_replay;
use common::resume_text_replay::left_as_it_was;
use common::settings_resume_replay::check_batch_launch;
use common::{Recorded, assert_all_agree, recorded};
use serde_json::Value;

/// The committed vectors, or the file in `WANDB_RESUME_MIXED_VECTORS` (another run).
fn load() -> Value {
    common::load_json(
        "WANDB_RESUME_MIXED_VECTORS",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/conformance/mixed-vectors.json"
        ),
    )
}

/// Whether the launch is left out: the engine refuses it as input (`check_limits`), or the
/// generator marked it `backendChecks` (a check the backend makes when the run starts, which
/// the batch driver stops before; the main vectors record those launches from the complete
/// `wandb.init`).
fn left_out(v: &Recorded<'_>) -> bool {
    v.out["backendChecks"] == true || mode_replay::input(v).check_limits().is_err()
}

/// The disagreements between the engine and the SDK on one launch the engine models: as on
/// the settings-resume vectors, and the file a text left as it was.
fn check(v: &Recorded<'_>) -> Vec<String> {
    if left_out(v) {
        return Vec::new();
    }
    let (d, mut diffs) = check_batch_launch(v);
    diffs.extend(left_as_it_was(v.out, &d));
    diffs
}

#[test]
fn mixed_launches_match_the_real_sdk() {
    let doc = load();
    assert_all_agree("mixed vectors", &doc, check, |v| v.case.to_string());
    let all = recorded(&doc);
    let left = all.iter().filter(|v| left_out(v)).count();
    assert!(
        left * 5 < all.len(),
        "{left} of {} launches left out: the replay compares too little",
        all.len()
    );
    // The launches compared fail and succeed in about equal measure: a generator whose draws
    // all fail early would compare little but the first check.
    let accepted = all
        .iter()
        .filter(|v| !left_out(v) && v.out["rejected"] != true)
        .count();
    assert!(
        accepted * 2 > all.len() - left,
        "{accepted} of {} launches compared succeed",
        all.len() - left
    );
}
