//! Conformance: replays the vectors recorded from the real wandb SDKs
//! (tests/conformance/vectors, made by tests/conformance/generate.py) and fails with a readable
//! diff on any disagreement. No Python is needed here.

mod common;

use common::replay::{compare, load_vectors};

#[test]
fn every_vector_matches_the_real_sdk() {
    let (files, vectors) = load_vectors();
    let mut failures = Vec::new();
    for v in &vectors {
        let diffs = compare(&v.input, &v.out);
        if !diffs.is_empty() {
            failures.push(format!(
                "[{} #{}] {}\n    {}",
                v.sdk,
                v.index,
                v.case,
                diffs.join("\n    ")
            ));
        }
    }
    let show = std::env::var("WANDB_RESUME_SHOW")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20);
    assert!(
        failures.is_empty(),
        "{} of {} vectors disagree with the real SDK:\n{}",
        failures.len(),
        vectors.len(),
        failures[..failures.len().min(show)].join("\n")
    );
    eprintln!(
        "conformance: {} vectors over {files} SDK versions agree",
        vectors.len()
    );
}
