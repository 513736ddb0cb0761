//! `wandb sync` of an offline run: replays tests/conformance/sync-vectors.json (made by
//! tests/conformance/generate_sync.py: each release's complete offline `wandb.init`, three
//! logged rows, then its own `wandb sync [--append]` against a fake W&B server). The engine
//! must offer `--append` exactly in the releases that know it, and what its warning says
//! about a sync must hold in every release: a plain sync never asks W&B about the run and
//! sends the history from the first row; `--append` asks and adds the rows after the run's,
//! with the steps as logged offline.

mod common;

use common::{assert_all_agree, recorded, sync_replay};

#[test]
fn syncs_match_the_real_sdk() {
    let doc = sync_replay::load();
    for version in doc["results"].as_object().unwrap().keys() {
        assert!(
            sync_replay::sync_warning(version).is_some(),
            "{version}: no offline-sync-writes-over"
        );
    }
    assert_all_agree(
        "sync vectors",
        &doc,
        |v| sync_replay::check(&doc, v),
        |v| v.case.to_string(),
    );
}

/// The vectors see both ends of `--append`: unknown in 0.13.9 and 0.30.0, known in 0.13.10
/// and 0.29.0.
#[test]
fn sync_vectors_cover_append_s_span() {
    let doc = sync_replay::load();
    let all = recorded(&doc);
    let knows = |version: &str| {
        all.iter()
            .find(|v| v.version == version && v.case["append"] == true)
            .map(|v| v.out["appendUnknown"] == false)
            .unwrap_or_else(|| panic!("{version} recorded"))
    };
    assert!(!knows("0.13.9"));
    assert!(knows("0.13.10"));
    assert!(knows("0.29.0"));
    assert!(!knows("0.30.0"));
}
