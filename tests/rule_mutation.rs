//! Every version rule is pinned by the conformance vectors: removing any one of them (as if it
//! had never shipped) makes vectors fail — the offline vectors (tests/conformance/vectors) or
//! the server outcomes (tests/conformance/server-vectors.json). Runs with the `rule-mutation`
//! feature (`cargo test --features rule-mutation --test rule_mutation -- --nocapture` prints
//! the table the README shows).
#![cfg(feature = "rule-mutation")]

mod common;

use common::replay::{Vector, compare, load_vectors};
use common::server_replay::{self, ServerVector};
use serde_json::Value;
use wandb_resume::profile::{BOUNDARIES, Rule, drop_rule};

/// Rules neither the offline vectors nor the fake server's answers show (what happens at
/// exit): their evidence is in docs/research/.
const NOT_VISIBLE: &[Rule] = &[Rule::ServiceProcess];

/// How many (offline, server) vectors fail with `rule` removed.
fn failing(
    vectors: &[Vector],
    server_doc: &Value,
    server: &[ServerVector<'_>],
    rule: Option<Rule>,
) -> (usize, usize) {
    drop_rule(rule);
    let offline = vectors
        .iter()
        .filter(|v| !compare(&v.input, &v.out).is_empty())
        .count();
    let online = server
        .iter()
        .filter(|v| !server_replay::check(server_doc, v).is_empty())
        .count();
    drop_rule(None);
    (offline, online)
}

#[test]
fn removing_any_rule_fails_vectors() {
    let (_, vectors) = load_vectors();
    let server_doc = server_replay::load();
    let server = server_replay::vectors(&server_doc);
    assert_eq!(
        failing(&vectors, &server_doc, &server, None),
        (0, 0),
        "the vectors must pass first"
    );
    let half = BOUNDARIES.len() / 2;
    let counts: Vec<(usize, usize)> = std::thread::scope(|s| {
        let parts: Vec<_> = [&BOUNDARIES[..half], &BOUNDARIES[half..]]
            .into_iter()
            .map(|part| {
                let (vectors, server_doc, server) = (&vectors, &server_doc, &server);
                s.spawn(move || {
                    part.iter()
                        .map(|b| failing(vectors, server_doc, server, Some(b.rule)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|p| p.join().expect("replay thread"))
            .collect()
    });
    eprintln!(
        "| rule removed | since | offline vectors that then fail | server outcomes that then fail |"
    );
    eprintln!("| --- | --- | --- | --- |");
    let mut problems = Vec::new();
    for (b, (offline, online)) in BOUNDARIES.iter().zip(&counts) {
        eprintln!("| `{:?}` | {} | {offline} | {online} |", b.rule, b.since);
        let visible = !NOT_VISIBLE.contains(&b.rule);
        let pinned = offline + online > 0;
        if visible && !pinned {
            problems.push(format!("{:?} ({}): no vector pins it", b.rule, b.since));
        }
        if !visible && pinned {
            problems.push(format!(
                "{:?} ({}): {} vectors see it; take it off NOT_VISIBLE",
                b.rule,
                b.since,
                offline + online
            ));
        }
    }
    eprintln!(
        "({} offline vectors, {} server outcomes)",
        vectors.len(),
        server.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
