//! Every client-side version rule is pinned by the conformance vectors: removing any one of
//! them (as if it had never shipped) makes vectors fail. Runs with the `rule-mutation`
//! feature (`cargo test --features rule-mutation --test rule_mutation -- --nocapture` prints
//! the table the README shows).
#![cfg(feature = "rule-mutation")]

mod common;

use common::replay::{Vector, compare, load_vectors};
use wandb_resume::profile::{BOUNDARIES, Rule, drop_rule};

/// Rules only the server or a later moment shows (the resume check's messages, the backend's
/// flags after a real resume, the resume file at exit): offline vectors cannot see them;
/// their evidence is in docs/research/.
const NOT_VISIBLE_OFFLINE: &[Rule] = &[
    Rule::ServiceProcess,
    Rule::UsageResumeMessages,
    Rule::StartedRunCheck,
    Rule::CoreResumedFlagFixed,
    Rule::RunStepFromBackend,
    Rule::PlainResumeMessages,
];

fn failing(vectors: &[Vector], rule: Option<Rule>) -> usize {
    drop_rule(rule);
    let n = vectors
        .iter()
        .filter(|v| !compare(&v.input, &v.out).is_empty())
        .count();
    drop_rule(None);
    n
}

#[test]
fn removing_any_client_side_rule_fails_vectors() {
    let (_, vectors) = load_vectors();
    assert_eq!(failing(&vectors, None), 0, "the vectors must pass first");
    let half = BOUNDARIES.len() / 2;
    let counts: Vec<usize> = std::thread::scope(|s| {
        let parts: Vec<_> = [&BOUNDARIES[..half], &BOUNDARIES[half..]]
            .into_iter()
            .map(|part| {
                let vectors = &vectors;
                s.spawn(move || {
                    part.iter()
                        .map(|b| failing(vectors, Some(b.rule)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|p| p.join().expect("replay thread"))
            .collect()
    });
    eprintln!("| rule removed | since | vectors that then fail |");
    eprintln!("| --- | --- | --- |");
    let mut problems = Vec::new();
    for (b, n) in BOUNDARIES.iter().zip(&counts) {
        eprintln!("| `{:?}` | {} | {n} |", b.rule, b.since);
        let offline_visible = !NOT_VISIBLE_OFFLINE.contains(&b.rule);
        if offline_visible && *n == 0 {
            problems.push(format!("{:?} ({}): no vector pins it", b.rule, b.since));
        }
        if !offline_visible && *n > 0 {
            problems.push(format!(
                "{:?} ({}): {n} vectors see it; take it off NOT_VISIBLE_OFFLINE",
                b.rule, b.since
            ));
        }
    }
    eprintln!("({} vectors)", vectors.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
