//! Replaying the resume-file text vectors (tests/conformance/resume-text-vectors.json):
//! loading them and comparing one case with the engine. Shared by the resume-text
//! conformance test and the rule-mutation check.
#![allow(dead_code)] // each test binary uses a part

use serde_json::Value;
use wandb_resume::resume_file_text::{self, FileContent};
use wandb_resume::{Decision, ResumeFileAction, ResumeInput, codec, decide};

use super::replay::compare;

/// The committed vectors, or the file in `WANDB_RESUME_TEXT_VECTORS` (another run).
pub fn load() -> Value {
    super::load_json(
        "WANDB_RESUME_TEXT_VECTORS",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/conformance/resume-text-vectors.json"
        ),
    )
}

/// One recorded case: the release, the case, the engine's input, what the SDK did.
pub struct TextVector<'a> {
    /// The release.
    pub version: &'a str,
    /// The case, as the generator wrote it.
    pub case: &'a Value,
    /// The case as the engine's input (with `sdk`).
    pub input: ResumeInput,
    /// What the SDK did.
    pub out: &'a Value,
}

impl TextVector<'_> {
    /// The file's text.
    pub fn text(&self) -> &str {
        self.case["context"]["resumeFileText"]
            .as_str()
            .expect("a text")
    }
}

/// Every recorded case. A release that ran only the fixed texts (not the random ones) has
/// results for the first cases only.
pub fn vectors(doc: &Value) -> Vec<TextVector<'_>> {
    let cases = doc["cases"].as_array().expect("cases");
    let mut all = Vec::new();
    for (version, outs) in doc["results"].as_object().expect("results") {
        let outs = outs.as_array().expect("results per release");
        assert!(
            outs.len() > 100 && outs.len() <= cases.len(),
            "{version}: {} results",
            outs.len()
        );
        for (case, out) in cases.iter().zip(outs) {
            let mut json = case.clone();
            json["sdk"] = Value::String(version.clone());
            let input = codec::from_json::<ResumeInput>(&json.to_string())
                .unwrap_or_else(|e| panic!("{case}: {e}"));
            all.push(TextVector {
                version,
                case,
                input,
                out,
            });
        }
    }
    all
}

/// Whether the package refuses the case's text as not modelled (its input check), and the
/// refusal is the decoder's: `Err` when the two disagree.
pub fn refused(v: &TextVector<'_>) -> Result<bool, String> {
    let unmodeled = matches!(resume_file_text::read(v.text()), FileContent::Unmodeled(_));
    match (v.input.check_limits(), unmodeled) {
        (Err(_), true) => Ok(true),
        (Ok(()), false) => Ok(false),
        (Err(e), false) => Err(format!("refused: {e}")),
        (Ok(()), true) => Err("not refused, though not modelled".to_owned()),
    }
}

/// The disagreements between the engine and the SDK for a case the package models.
pub fn check(v: &TextVector<'_>) -> Vec<String> {
    let mut diffs = compare(&v.input, v.out);
    diffs.extend(left_as_it_was(v.out, &decide(&v.input)));
    diffs
}

/// A file the SDK left as it was, though it holds no id (`{"unparsed": text}`): the engine's
/// decision `d` must say so (a null resumeFileAfter alone would also mean "deleted").
pub fn left_as_it_was(out: &Value, d: &Decision) -> Option<String> {
    (out["resumeFileAfter"]["unparsed"].is_string()
        && out["rejected"] != true
        && d.resume_file_action != ResumeFileAction::Untouched)
        .then(|| {
            format!(
                "the SDK left the file as it was; the engine says {:?}",
                d.resume_file_action
            )
        })
}
