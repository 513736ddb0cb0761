//! Conformance: replays the vectors recorded from the real wandb SDKs
//! (tests/conformance/vectors, made by tests/conformance/generate.py) and fails with a readable
//! diff on any disagreement. No Python is needed here.

use serde_json::Value;
use wandb_resume::{ResumeFileAction, ResumeInput, Severity, codec, decide};

/// Codes whose `sdkMessage` is a warning the SDK prints during `wandb.init`.
const PRINTED: &[&str] = &[
    "resume-file-ignored",
    "sweep-ignores-run-id",
    "run-id-empty",
    "run-id-whitespace-only",
    "resume-from-different-id",
];

/// Compares one case; returns the disagreements.
fn compare(input: &ResumeInput, out: &Value) -> Vec<String> {
    let d = decide(input);
    let mut diffs = Vec::new();
    let rejected = out["rejected"].as_bool().unwrap_or(false);
    let engine_rejected = d.resume_file_action == ResumeFileAction::NotReached;
    // Where the SDK's outcome depends on the order of the process environment (which the
    // input, a map, does not carry), the engine says so instead of guessing.
    if d.diagnostics
        .iter()
        .any(|x| x.code == "env-order-dependent")
        && (rejected != engine_rejected || rejected)
    {
        return diffs;
    }
    if rejected != engine_rejected {
        diffs.push(format!(
            "wandb.init raises: sdk={rejected} engine={engine_rejected} (sdk error: {}; engine errors: {:?})",
            out["error"],
            d.diagnostics
                .iter()
                .filter(|x| x.severity == Severity::Error)
                .map(|x| &x.code)
                .collect::<Vec<_>>()
        ));
        return diffs;
    }
    if rejected {
        let message = out["error"]["message"].as_str().unwrap_or("");
        let cause = out["error"]["cause"]["message"].as_str().unwrap_or("");
        let quoted: Vec<&str> = d
            .diagnostics
            .iter()
            .filter(|x| x.severity == Severity::Error)
            .filter_map(|x| x.sdk_message.as_deref())
            .collect();
        let matches = quoted.iter().any(|q| {
            *q == message || message.contains(q) || (!cause.is_empty() && cause.contains(q))
        });
        if !matches {
            diffs.push(format!(
                "error message: sdk={message:?} (cause {cause:?}) engine quotes {quoted:?}"
            ));
        }
        return diffs;
    }
    let expect_resume = match out["resume"].as_str() {
        None | Some("") => None,
        Some(m @ ("allow" | "must" | "never" | "auto")) => Some(m),
        // Before 0.19.0 any other stored value behaves like allow on the server.
        Some(_) => Some("allow"),
    };
    let got_resume = d.resume.map(|m| m.as_str());
    if expect_resume != got_resume {
        diffs.push(format!(
            "resume: sdk={:?} engine={got_resume:?}",
            out["resume"]
        ));
    }
    let id = out["runId"].as_str();
    if id != d.run_id.as_deref() {
        diffs.push(format!("runId: sdk={id:?} engine={:?}", d.run_id));
    }
    let file = out["resumeFileAfter"].as_str().map(str::to_owned);
    let ours = match (d.resume_file_action, &d.resume_file_after) {
        (ResumeFileAction::Written, None) => Some("<generated>".to_owned()),
        (_, f) => f.clone(),
    };
    if file != ours {
        diffs.push(format!("resumeFileAfter: sdk={file:?} engine={ours:?}"));
    }
    let mut warnings: Vec<String> = out["warnings"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|w| w.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let mut quoted: Vec<String> = d
        .diagnostics
        .iter()
        .filter(|x| PRINTED.contains(&x.code.as_str()) && x.severity != Severity::Error)
        .filter_map(|x| x.sdk_message.clone())
        .collect();
    warnings.sort();
    warnings.dedup();
    quoted.sort();
    quoted.dedup();
    if warnings != quoted {
        diffs.push(format!("warnings: sdk={warnings:?} engine={quoted:?}"));
    }
    diffs
}

#[test]
fn every_vector_matches_the_real_sdk() {
    // WANDB_RESUME_VECTORS points the replay at freshly generated vectors before they are
    // committed.
    let dir = std::env::var("WANDB_RESUME_VECTORS").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/conformance/vectors").to_owned()
    });
    let dir = dir.as_str();
    let cases: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{dir}/cases.json"))
            .expect("tests/conformance/vectors/cases.json"),
    )
    .unwrap();
    let cases = cases["cases"].as_array().unwrap();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json") && !p.ends_with("cases.json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 10,
        "expected vectors for at least 10 SDK versions, found {}",
        files.len()
    );
    let mut failures = Vec::new();
    let mut total = 0;
    for file in &files {
        let vectors: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let sdk = vectors["meta"]["sdk"].as_str().unwrap();
        let outs = vectors["out"].as_array().unwrap();
        // A version's results cover the first N shared cases (boundary versions run fewer
        // random cases).
        assert!(
            outs.len() <= cases.len() && outs.len() > 1000,
            "{sdk}: {} results",
            outs.len()
        );
        for (i, (case, out)) in cases.iter().zip(outs).enumerate() {
            let mut json = case.clone();
            json["sdk"] = Value::String(sdk.to_owned());
            let input =
                codec::input_json(&json.to_string()).unwrap_or_else(|e| panic!("case {i}: {e}"));
            total += 1;
            let diffs = compare(&input, out);
            if !diffs.is_empty() {
                failures.push(format!("[{sdk} #{i}] {case}\n    {}", diffs.join("\n    ")));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {total} vectors disagree with the real SDK:\n{}",
        failures.len(),
        failures
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    eprintln!(
        "conformance: {total} vectors over {} SDK versions agree",
        files.len()
    );
}
