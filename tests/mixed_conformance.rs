//! Mixed launches: replays tests/conformance/mixed-vectors.json (made by
//! tests/conformance/generate_mixed.py) against `decide`. Each vector is a release's
//! `wandb.init` on a launch drawn at random from every family the other vectors vary one at a
//! time — `resume=`, `id=`, `mode=`, `resume_from=` / `fork_from=`, `settings=` with its own
//! mode, resume and run id, the resume variables, a sweep, the resume file and its text, the
//! workspace settings file — so that rules meet in combinations no grid put side by side.
//! The engine must agree as on the settings-resume vectors: where the SDK raises and with
//! what (its first error the one raised), the resume setting, the run id, the warnings, the
//! file afterwards, offline or not — and where a backend process decides when the run starts,
//! what the complete `wandb.init` did (`fullInit`). A launch the engine refuses as not
//! modelled is left out (the family grids check that each refusal is exactly the one
//! modelled); the share left out is bounded, so the replay cannot pass by leaving out. No
//! Python is needed here.

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

/// Whether the launch is left out: the engine refuses it as input (`check_limits`).
fn left_out(v: &Recorded<'_>) -> bool {
    mode_replay::input(v).check_limits().is_err()
}

/// The disagreements between the engine and the SDK on one launch the engine models: as on
/// the settings-resume vectors, and the file a text left as it was.
fn check(v: &Recorded<'_>) -> Vec<String> {
    if left_out(v) {
        return Vec::new();
    }
    let (d, mut diffs) = check_batch_launch(v);
    diffs.extend(left_as_it_was(v.out, &d));
    // The launches also run under other hash seeds (0.19.0+ merge wandb.init's settings in
    // the order of a Python set): the engine must say the outcome varies exactly where it did.
    if let Some(seeds) = v.out["hashSeeds"].as_object() {
        let varies = seeds
            .values()
            .any(|rejected| rejected.as_bool() != Some(v.out["rejected"] == true));
        let warned = d
            .diagnostics
            .iter()
            .any(|x| x.code == "env-order-dependent");
        if varies != warned {
            diffs.push(format!(
                "the outcome varies with the hash seed: {varies} ({seeds:?}); the engine says so: {warned}"
            ));
        }
    }
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
    let seeded = all
        .iter()
        .filter(|v| v.out["hashSeeds"].is_object())
        .count();
    assert!(
        seeded >= 3 * 7,
        "{seeded} launches ran under other hash seeds"
    );
    assert!(
        accepted * 2 > all.len() - left,
        "{accepted} of {} launches compared succeed",
        all.len() - left
    );
}

/// 0.19.0+ merge `wandb.init`'s settings onto the environment field by field in the order of a
/// Python set, so a run moment given to `wandb.init` meets `WANDB_RUN_ID` or the call's `id=`
/// depending on the hash seed: the pinned launches ran under six seeds, and the outcome varies
/// where only `WANDB_RUN_ID` fails the check (from 0.19.5, which repaired run moments) —
/// there, and only there, the engine says so.
#[test]
fn a_run_moment_meets_wandb_run_id_or_the_call_id_by_hash_seed() {
    let doc = load();
    let all = recorded(&doc);
    for (init, env_id, varies) in [
        (r#"{"forkFrom":"prev1?_step=10","id":"xyz"}"#, "prev1", true),
        (
            r#"{"id":"prev1","resumeFrom":"prev1?_step=10"}"#,
            "other",
            true,
        ),
        (
            r#"{"id":"prev1","resumeFrom":"prev1?_step=10"}"#,
            "prev1",
            false,
        ),
    ] {
        let init: Value = serde_json::from_str(init).expect("init");
        // 0.19.0–0.19.4 refuse every run moment whatever the order.
        for (version, varies) in [("0.19.0", false), ("0.19.9", varies), ("0.31.0", varies)] {
            let v = all
                .iter()
                .find(|v| {
                    v.version == version
                        && v.case["init"] == init
                        && v.case["env"]["WANDB_RUN_ID"] == env_id
                        && v.out["hashSeeds"].is_object()
                })
                .unwrap_or_else(|| panic!("{version} {init} {env_id} recorded"));
            let outcomes: Vec<bool> = std::iter::once(v.out["rejected"] == true)
                .chain(
                    v.out["hashSeeds"]
                        .as_object()
                        .expect("seeds")
                        .values()
                        .map(|r| r == true),
                )
                .collect();
            assert_eq!(
                outcomes.iter().any(|r| *r != outcomes[0]),
                varies,
                "{version} {init} {env_id}: recorded {outcomes:?}"
            );
            let d = wandb_resume::decide(&mode_replay::input(v));
            let warned = d
                .diagnostics
                .iter()
                .any(|x| x.code == "env-order-dependent");
            assert_eq!(warned, varies, "{version} {init} {env_id}");
        }
    }
}
