//! Replays conformance vectors (tests/conformance/vectors, or the folder given) and prints
//! every disagreement between the engine and what the real SDK did.
//!
//! `cargo run -q --example conformance -- [DIR] [--limit N]`

use std::collections::BTreeMap;

use serde_json::Value;
use wandb_resume::{ResumeInput, codec, decide};

/// Codes whose `sdkMessage` is a warning the SDK prints during `wandb.init` (client side).
const PRINTED: &[&str] = &[
    "resume-file-ignored",
    "sweep-ignores-run-id",
    "run-id-empty",
    "run-id-whitespace-only",
    "resume-from-different-id",
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args
        .first()
        .cloned()
        .unwrap_or_else(|| "tests/conformance/vectors".into());
    let limit: usize = args
        .iter()
        .position(|a| a == "--limit")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let cases: Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/cases.json")).unwrap())
            .unwrap();
    let cases = cases["cases"].as_array().unwrap();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().unwrap() != "cases.json" && p.extension().is_some_and(|x| x == "json")
        })
        .collect();
    files.sort();
    for file in files {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let sdk = v["meta"]["sdk"].as_str().unwrap().to_owned();
        let outs = v["out"].as_array().unwrap();
        let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
        let mut shown = 0;
        for (case, out) in cases.iter().zip(outs) {
            let mut input = case.clone();
            input["sdk"] = Value::String(sdk.clone());
            let input: ResumeInput = match codec::input_json(&input.to_string()) {
                Ok(i) => i,
                Err(e) => {
                    *kinds.entry(format!("unreadable: {e}")).or_default() += 1;
                    continue;
                }
            };
            let d = decide(&input);
            let mut diffs = Vec::new();
            let rejected = out["rejected"].as_bool().unwrap_or(false);
            let engine_rejected =
                d.resume_file_action == wandb_resume::ResumeFileAction::NotReached;
            if rejected != engine_rejected {
                diffs.push(format!("rejected: sdk={rejected} engine={engine_rejected}"));
            } else if rejected {
                let msg = out["error"]["message"].as_str().unwrap_or("");
                let cause = out["error"]["cause"]["message"].as_str().unwrap_or("");
                let ours: Vec<&str> = d
                    .diagnostics
                    .iter()
                    .filter(|x| x.severity == wandb_resume::Severity::Error)
                    .filter_map(|x| x.sdk_message.as_deref())
                    .collect();
                if !ours.iter().any(|m| {
                    *m == msg || (!cause.is_empty() && cause.contains(*m)) || msg.contains(*m)
                }) {
                    diffs.push("error message".to_owned());
                }
            }
            if !rejected && !engine_rejected {
                let sdk_resume = out["resume"].as_str();
                let expect = match sdk_resume {
                    None => None,
                    Some(m @ ("allow" | "must" | "never" | "auto")) => Some(m.to_owned()),
                    Some("") => None,
                    Some(_) => Some("allow".to_owned()),
                };
                let got = d.resume.map(|m| m.as_str().to_owned());
                if expect != got {
                    diffs.push(format!("resume: sdk={sdk_resume:?} engine={got:?}"));
                }
                let id = out["runId"].as_str();
                if id != d.run_id.as_deref() {
                    diffs.push(format!("runId: sdk={id:?} engine={:?}", d.run_id));
                }
                let file = out["resumeFileAfter"].as_str();
                let ours = match (d.resume_file_action, &d.resume_file_after) {
                    (wandb_resume::ResumeFileAction::Written, None) => {
                        Some("<generated>".to_owned())
                    }
                    (_, f) => f.clone(),
                };
                if file.map(str::to_owned) != ours {
                    diffs.push(format!("resumeFileAfter: sdk={file:?} engine={ours:?}"));
                }
                let warnings: Vec<String> = out["warnings"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|w| w.as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default();
                let ours: Vec<String> = d
                    .diagnostics
                    .iter()
                    .filter(|x| {
                        PRINTED.contains(&x.code.as_str())
                            && x.severity != wandb_resume::Severity::Error
                    })
                    .filter_map(|x| x.sdk_message.clone())
                    .collect();
                let mut a = warnings.clone();
                a.sort();
                a.dedup();
                let mut b = ours.clone();
                b.sort();
                b.dedup();
                if a != b {
                    diffs.push(format!("warnings: sdk={warnings:?} engine={ours:?}"));
                }
            }
            for diff in &diffs {
                let kind = diff.split(':').next().unwrap().to_owned();
                *kinds.entry(kind).or_default() += 1;
            }
            if !diffs.is_empty() && shown < limit {
                shown += 1;
                println!(
                    "  [{sdk}] {} -> {:?}\n      {}",
                    case,
                    out,
                    diffs.join("\n      ")
                );
            }
        }
        println!("{sdk}: {} cases, mismatches {:?}", outs.len(), kinds);
    }
}
