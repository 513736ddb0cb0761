//! Conformance: replays the vectors recorded from the real wandb SDKs
//! (tests/conformance/vectors, made by tests/conformance/generate.py) and fails with a readable
//! diff on any disagreement. No Python is needed here.

mod common;

use common::replay::{compare, first_error_raised, load_vectors};

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

/// Rejected vectors whose outcome message (`ifExists` / `ifMissing`: the engine's first error)
/// quotes another error than the one the SDK raised. Where a configuration fails several
/// checks the engine orders its errors as each SDK version meets them (src/check_order.rs).
/// What is left: two environment variables that both fail when the environment loads
/// (0.19.0+; before it, `WANDB_FORK_FROM` with `WANDB_RESUME_FROM`), which the SDK meets in
/// the order of the process environment — not something a configuration states. The ceiling
/// is the committed vectors'; a wider sample (README, "Wider samples") finds more of the same
/// pairs. Lower the ceiling when it can be; never raise it.
const FIRST_ERROR_ELSEWHERE_CEILING: usize = 8;

#[test]
fn outcome_messages_quote_what_the_sdk_raises() {
    let (_, vectors) = load_vectors();
    let judged: Vec<_> = vectors
        .iter()
        .filter_map(|v| first_error_raised(&v.input, &v.out).map(|ok| (v, ok)))
        .collect();
    let elsewhere: Vec<_> = judged.iter().filter(|(_, ok)| !ok).collect();
    eprintln!(
        "conformance: the first error quotes what the SDK raised in {} of {} rejected vectors",
        judged.len() - elsewhere.len(),
        judged.len()
    );
    assert!(
        elsewhere.len() <= FIRST_ERROR_ELSEWHERE_CEILING,
        "{} rejected vectors (ceiling {FIRST_ERROR_ELSEWHERE_CEILING}) have an outcome message \
         quoting another error than the SDK raised, e.g. [{} #{}] {}",
        elsewhere.len(),
        elsewhere[0].0.sdk,
        elsewhere[0].0.index,
        elsewhere[0].0.case
    );
}

/// The list of printed-warning codes both replays read names real diagnostic codes (a typo
/// would silently leave that warning uncompared).
#[test]
fn printed_codes_are_diagnostic_codes() {
    let known: Vec<&str> = wandb_resume::diagnostics::Code::ALL
        .iter()
        .map(|c| c.as_str())
        .collect();
    for code in common::replay::printed() {
        assert!(
            known.contains(&code.as_str()),
            "tests/conformance/printed-codes.json names `{code}`, which is no diagnostic code"
        );
    }
}
