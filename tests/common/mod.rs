//! Helpers shared by integration tests.
#![allow(dead_code)] // each test binary uses a part

pub mod ending_replay;
pub mod mode_replay;
pub mod replay;
pub mod resume_text_replay;
pub mod server_replay;
pub mod settings_replay;
pub mod settings_resume_replay;
pub mod shared_replay;
pub mod sync_replay;
pub mod timeline_replay;

use serde_json::Value;

/// A vector file of tests/conformance: `default`, or the file named by the variable `var` (to
/// replay a sweep of other releases before anything is committed).
pub fn load_json(var: &str, default: &str) -> Value {
    let path = std::env::var(var).unwrap_or_else(|_| default.to_owned());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path} is not JSON: {e}"))
}

/// The vector file `name` of tests/conformance, or the file in the environment variable `var`
/// (another run of its generator).
pub fn load_conformance(var: &str, name: &str) -> Value {
    let committed = format!("{}/tests/conformance/{name}", env!("CARGO_MANIFEST_DIR"));
    load_json(var, &committed)
}

/// One recorded case of a file `{cases, results: {release: [one result per case]}}`: the
/// release, the case, what the SDK did.
pub struct Recorded<'a> {
    /// The release (`0.18.0`).
    pub version: &'a str,
    /// The case, as the generator wrote it.
    pub case: &'a Value,
    /// What the SDK did.
    pub out: &'a Value,
}

/// Every recorded case of `doc`, release by release.
pub fn recorded(doc: &Value) -> Vec<Recorded<'_>> {
    let cases = doc["cases"].as_array().expect("cases");
    let mut all = Vec::new();
    for (version, outs) in doc["results"].as_object().expect("results") {
        let outs = outs.as_array().expect("one result per case");
        assert_eq!(outs.len(), cases.len(), "{version}: one result per case");
        all.extend(
            cases
                .iter()
                .zip(outs)
                .map(|(case, out)| Recorded { version, case, out }),
        );
    }
    all
}

/// Fails with the first 30 disagreements (all of them with `WANDB_RESUME_SHOW_ALL` set;
/// `check` gives a case's, `label` names the case) unless every recorded case of `doc`
/// agrees; prints the count otherwise.
pub fn assert_all_agree(
    what: &str,
    doc: &Value,
    check: impl Fn(&Recorded<'_>) -> Vec<String>,
    label: impl Fn(&Recorded<'_>) -> String,
) {
    let all = recorded(doc);
    let failures: Vec<String> = all
        .iter()
        .filter_map(|v| {
            let diffs = check(v);
            (!diffs.is_empty())
                .then(|| format!("[{}] {}\n    {}", v.version, label(v), diffs.join("\n    ")))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} {what} disagree with the real SDK:\n{}",
        failures.len(),
        all.len(),
        failures[..failures
            .len()
            .min(std::env::var("WANDB_RESUME_SHOW_ALL").map_or(30, |_| usize::MAX))]
            .join("\n")
    );
    eprintln!(
        "{what}: {} over {} releases agree",
        all.len(),
        doc["results"].as_object().map_or(0, |r| r.len())
    );
}
