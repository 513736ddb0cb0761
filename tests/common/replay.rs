//! Replaying the conformance vectors: loading them and comparing one case with the engine.
//! Shared by the conformance test and the rule-mutation check.
#![allow(dead_code)] // each test binary uses a part

use serde_json::Value;
use wandb_resume::{Decision, ResumeFileAction, ResumeInput, Severity, codec, decide};

/// Codes whose `sdkMessage` is a warning the SDK prints during `wandb.init`: one list in
/// tests/conformance/printed-codes.json, which the JS replay reads too.
pub fn printed() -> &'static [String] {
    static PRINTED: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    PRINTED.get_or_init(|| {
        serde_json::from_str(include_str!("../conformance/printed-codes.json"))
            .expect("tests/conformance/printed-codes.json is a JSON array of codes")
    })
}

/// How the engine's outcome begins where `wandb.init` raises before contacting W&B.
const RAISES_LOCALLY: &str = "wandb.init raises before contacting W&B";

/// Whether the engine says `wandb.init` raises before contacting W&B: before it reaches the
/// auto-resume file (`notReached`), or once its settings — the file written — are made.
pub fn rejected_locally(d: &Decision) -> bool {
    d.resume_file_action == ResumeFileAction::NotReached
        || d.if_missing.message.starts_with(RAISES_LOCALLY)
}

/// The auto-resume file once `wandb.init` has returned or raised: the SDK's and the engine's.
fn compare_resume_file(d: &Decision, out: &Value) -> Option<String> {
    let file = out["resumeFileAfter"].as_str().map(str::to_owned);
    let ours = match (d.resume_file_action, &d.resume_file_after) {
        (ResumeFileAction::Written, None) => Some("<generated>".to_owned()),
        (_, f) => f.clone(),
    };
    (file != ours).then(|| format!("resumeFileAfter: sdk={file:?} engine={ours:?}"))
}

/// Whether the engine's only error is 0.19.0's crash without the service process, which comes
/// as the backend starts.
fn crashes_at_backend_only(d: &Decision) -> bool {
    let mut errors = d
        .diagnostics
        .iter()
        .filter(|x| x.severity == Severity::Error);
    errors.clone().count() > 0 && errors.all(|x| x.code == "disabled-service-crashes")
}

/// Compares one case; returns the disagreements.
pub fn compare(input: &ResumeInput, out: &Value) -> Vec<String> {
    compare_decision(&decide(input), out)
}

/// [`compare`] for a decision already made (a replay that checks more of it).
pub fn compare_decision(d: &Decision, out: &Value) -> Vec<String> {
    let mut diffs = Vec::new();
    let rejected = out["rejected"].as_bool().unwrap_or(false);
    let engine_rejected = rejected_locally(d);
    // Where the SDK's outcome depends on what the input does not carry (the order of the
    // process environment, whether an API key is configured), the engine says so instead of
    // guessing.
    if depends_on_the_unknown(d) && (rejected != engine_rejected || rejected) {
        // Where the order of the environment decides, the engine lists what each order
        // raises: the SDK's error must be among them.
        if rejected && order_dependent(d) {
            let listed = order_dependent_errors(d);
            if !listed.iter().any(|q| raised(out, q)) {
                diffs.push(format!(
                    "error message (order-dependent): sdk={:?} engine lists {listed:?}",
                    out["error"]["message"]
                ));
            }
        }
        return diffs;
    }
    // An online launch the batch driver recorded stops before the backend starts, where 0.19.0
    // crashes without the service process: that crash is past the record.
    if !rejected && engine_rejected && out["offline"] == false && crashes_at_backend_only(d) {
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
        if !quoted.iter().any(|q| raised(out, q)) {
            diffs.push(format!(
                "error message: sdk={message:?} (cause {cause:?}) engine quotes {quoted:?}"
            ));
        }
        diffs.extend(compare_resume_file(d, out));
        return diffs;
    }
    // Accepted offline, refused online (0.16.5–0.17.x: the sender checks the run record only
    // when it sends it): the engine must say so with the SDK's text, and only then.
    let online_error = out["online"]["error"]["message"].as_str();
    let exclusive = d
        .diagnostics
        .iter()
        .find(|x| x.code == "branching-args-exclusive" && x.severity == Severity::Error);
    match (
        online_error,
        exclusive.and_then(|x| x.sdk_message.as_deref()),
    ) {
        (Some(message), Some(q)) if message.contains(q) => {}
        (None, None) => {}
        (None, Some(_)) if out["fullInit"].as_bool() != Some(true) => {}
        (sdk, engine) => diffs.push(format!(
            "online: sdk raises {sdk:?}, engine quotes {engine:?}"
        )),
    }
    let expect_resume = match &out["resume"] {
        Value::Null => None,
        Value::String(m) if m.is_empty() => None,
        Value::String(m) if matches!(m.as_str(), "allow" | "must" | "never" | "auto") => {
            Some(m.as_str())
        }
        // Before 0.19.0 any other stored value (a settings `True` or run id) behaves like allow
        // on the server (the settings-server vectors).
        _ => Some("allow"),
    };
    let got_resume = d.resume.map(|m| m.as_str());
    // A disabled run of 0.10.x–0.28.x holds fresh settings: no `resume` is recorded.
    if expect_resume != got_resume && out.get("resume").is_some() {
        diffs.push(format!(
            "resume: sdk={:?} engine={got_resume:?}",
            out["resume"]
        ));
    }
    let id = out["runId"].as_str();
    if id != d.run_id.as_deref() {
        diffs.push(format!("runId: sdk={id:?} engine={:?}", d.run_id));
    }
    diffs.extend(compare_resume_file(d, out));
    // Compared line by line: a complete wandb.init's warnings were recorded as lines of its
    // output (a message that quotes an id with a newline spans two), and a diagnostic may
    // quote several warnings the SDK prints one after another (one per line). A line's
    // trailing spaces (0.18.0+ end the service warning with one) are not part of the message,
    // as the ending recorder strips them; nor are they on the engine's side.
    let mut warnings: Vec<String> = out["warnings"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .flat_map(|w| w.split('\n'))
                .map(|line| new_id_placeholder(line.trim_end_matches(' ')))
                .collect()
        })
        .unwrap_or_default();
    let mut quoted: Vec<String> = d
        .diagnostics
        .iter()
        .filter(|x| printed().iter().any(|c| c == x.code) && x.severity != Severity::Error)
        .filter_map(|x| x.sdk_message.as_deref())
        .flat_map(|m| {
            m.split('\n')
                .map(|line| line.trim_end_matches(' ').to_owned())
        })
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

/// The warnings that the launch logs in where the case may have no API key: it raises
/// without one.
pub const LOGIN_UNKNOWN: [&str; 2] = ["offline-login-first", "settings-object-overrides-mode"];

/// Whether the decision warns that the launch logs in (so raises without an API key).
pub fn warns_of_login(d: &wandb_resume::Decision) -> bool {
    d.diagnostics
        .iter()
        .any(|x| LOGIN_UNKNOWN.contains(&x.code))
}

/// Whether the decision says that whether `wandb.init` raises depends on what the input does
/// not carry: the order of the process environment, or whether an API key is configured.
pub fn depends_on_the_unknown(d: &wandb_resume::Decision) -> bool {
    warns_of_login(d) || order_dependent(d)
}

/// Whether the decision warns that what `wandb.init` does depends on the order of the process
/// environment or of Python's set iteration.
pub fn order_dependent(d: &Decision) -> bool {
    d.diagnostics
        .iter()
        .any(|x| x.code == "env-order-dependent")
}

/// Every SDK error an order-dependent decision says `wandb.init` may raise: its errors' texts
/// and those the order warnings quote (what the other order raises).
pub fn order_dependent_errors(d: &Decision) -> Vec<&str> {
    d.diagnostics
        .iter()
        .filter(|x| x.severity == Severity::Error || x.code == "env-order-dependent")
        .filter_map(|x| x.sdk_message.as_deref())
        .collect()
}

/// A recorded text with the generator's sentinel ids (`zgen0001`: the id wandb generated)
/// written as the engine writes an id not known before launch.
pub fn new_id_placeholder(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("zgen") {
        let digits = rest[at + 4..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        out.push_str(&rest[..at]);
        if digits == 4 {
            out.push_str("<new id>");
        } else {
            out.push_str(&rest[at..at + 4 + digits]);
        }
        rest = &rest[at + 4 + digits..];
    }
    out.push_str(rest);
    out
}

/// True when the error the SDK raised (`out.error`: its message or its cause) is `quoted`.
fn raised(out: &Value, quoted: &str) -> bool {
    let message = out["error"]["message"].as_str().unwrap_or("");
    let cause = out["error"]["cause"]["message"].as_str().unwrap_or("");
    quoted == message || message.contains(quoted) || (!cause.is_empty() && cause.contains(quoted))
}

/// For a case the SDK rejects: whether the engine's *first* error quotes what it raised —
/// the message `ifExists` / `ifMissing` show. [`compare`] accepts any error the engine quotes
/// (where two checks fail, all are listed; this asks whether the first is the one raised);
/// `None` where this does not apply (accepted, or the outcome depends on the order of the
/// process environment).
pub fn first_error_raised(input: &ResumeInput, out: &Value) -> Option<bool> {
    if !out["rejected"].as_bool().unwrap_or(false) {
        return None;
    }
    first_error_quotes(&decide(input), out)
}

/// [`first_error_raised`] with the engine's decision `d` already made.
pub fn first_error_quotes(d: &Decision, out: &Value) -> Option<bool> {
    if !out["rejected"].as_bool().unwrap_or(false) || depends_on_the_unknown(d) {
        return None;
    }
    let first = d
        .diagnostics
        .iter()
        .find(|x| x.severity == Severity::Error)?;
    Some(first.sdk_message.as_deref().is_some_and(|q| raised(out, q)))
}

/// One recorded case with the SDK version it was recorded from.
pub struct Vector {
    /// The SDK version.
    pub sdk: String,
    /// The index in `cases.json`.
    pub index: usize,
    /// The case as recorded (without `sdk`).
    pub case: Value,
    /// The case as the engine's input (with `sdk`).
    pub input: ResumeInput,
    /// What the SDK did.
    pub out: Value,
}

/// Every vector: from `tests/conformance/vectors`, or from the directory in
/// `WANDB_RESUME_VECTORS` (to replay freshly generated vectors before they are committed).
/// Returns the number of version files and the vectors.
pub fn load_vectors() -> (usize, Vec<Vector>) {
    let dir = std::env::var("WANDB_RESUME_VECTORS").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/conformance/vectors").to_owned()
    });
    let cases: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{dir}/cases.json"))
            .expect("tests/conformance/vectors/cases.json"),
    )
    .unwrap();
    let cases = cases["cases"].as_array().unwrap();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
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
    let mut vectors = Vec::new();
    for file in &files {
        let recorded: Value =
            serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let sdk = recorded["meta"]["sdk"].as_str().unwrap().to_owned();
        let outs = recorded["out"].as_array().unwrap();
        // A version's results cover the first N shared cases (boundary versions run fewer
        // random cases).
        assert!(
            outs.len() <= cases.len() && outs.len() > 1000,
            "{sdk}: {} results",
            outs.len()
        );
        for (index, (case, out)) in cases.iter().zip(outs).enumerate() {
            let mut json = case.clone();
            json["sdk"] = Value::String(sdk.clone());
            let input = codec::from_json::<wandb_resume::ResumeInput>(&json.to_string())
                .unwrap_or_else(|e| panic!("case {index}: {e}"));
            vectors.push(Vector {
                sdk: sdk.clone(),
                index,
                case: case.clone(),
                input,
                out: out.clone(),
            });
        }
    }
    (files.len(), vectors)
}
