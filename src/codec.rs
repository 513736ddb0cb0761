//! JSON in, JSON out: how inputs cross into the core and results leave it.
//!
//! The wasm layer and the edge API both hand the core JSON text, so both accept exactly the
//! same inputs and report exactly the same errors. Reading is strict ([`crate::json`]):
//! unknown and repeated fields, wrong types (an array where an object belongs, too), lone
//! UTF-16 surrogates (`"\ud800"`, which `JSON.stringify` writes for a broken JS string) and
//! oversized input are errors with the path of the offending field.

use crate::error::InputError;
use crate::json::{self, FromJson, Path, ToJson};
use crate::model::ResumeInput;

/// Largest JSON input accepted, in bytes. A configuration is a few hundred bytes; a whole
/// environment a few tens of KiB.
pub const MAX_INPUT_BYTES: usize = 1024 * 1024;

/// Largest JSON text of a batch (`decideMany`), in bytes: 100 000 typical configurations.
pub const MAX_BATCH_BYTES: usize = 32 * 1024 * 1024;

/// Most configurations in one batch.
pub const MAX_BATCH_INPUTS: usize = 100_000;

/// Reads a `T` from JSON text, with the path of any mismatch (`init.resume`). Text that is
/// not JSON is `invalid-input` at the top level, with the line and column.
pub fn from_json<T: FromJson>(text: &str) -> Result<T, InputError> {
    from_json_within(text, MAX_INPUT_BYTES)
}

/// Reads a batch of configurations (a JSON array) and checks each one's limits; paths in
/// errors start with the index (`[3].init.resume`).
pub fn inputs_from_json(text: &str) -> Result<Vec<ResumeInput>, InputError> {
    let inputs: Vec<ResumeInput> = from_json_within(text, MAX_BATCH_BYTES)?;
    if inputs.len() > MAX_BATCH_INPUTS {
        return Err(InputError::TooLarge {
            path: "inputs".to_owned(),
            limit: MAX_BATCH_INPUTS,
            actual: inputs.len(),
            unit: "configurations",
        });
    }
    for (index, input) in inputs.iter().enumerate() {
        input
            .check_limits()
            .map_err(|e| e.within(&format!("[{index}]")))?;
    }
    Ok(inputs)
}

/// The decisions for a batch of configurations (a JSON array), as a JSON array in the same
/// order: what `decideMany` answers. Errors as [`inputs_from_json`].
pub fn decide_many_json(text: &str) -> Result<String, InputError> {
    let inputs = inputs_from_json(text)?;
    // About 1 KB per decision: one buffer, grown rarely.
    let mut w = json::JsonWriter::with_capacity(inputs.len() * 1024 + 2);
    w.begin_array();
    for input in &inputs {
        crate::engine::decide(input).write_json(&mut w);
    }
    w.end_array();
    Ok(w.finish())
}

fn from_json_within<T: FromJson>(text: &str, limit: usize) -> Result<T, InputError> {
    if text.len() > limit {
        return Err(InputError::TooLarge {
            path: "input".to_owned(),
            limit,
            actual: text.len(),
            unit: "bytes",
        });
    }
    let value = json::parse(text).map_err(|e| InputError::Invalid {
        path: String::new(),
        reason: format!("not valid JSON: {e}"),
    })?;
    T::from_json(&value, &mut Path::default())
}

/// Reads a `ResumeInput` from JSON and checks the size limits of its fields.
pub fn input_from_json(text: &str) -> Result<ResumeInput, InputError> {
    let input: ResumeInput = from_json(text)?;
    input.check_limits()?;
    Ok(input)
}

/// Writes a result as JSON text.
pub fn to_json<T: ToJson + ?Sized>(value: &T) -> String {
    // A decision is about 0.7–1.5 KB: one allocation, rarely grown.
    let mut w = json::JsonWriter::with_capacity(2048);
    value.write_json(&mut w);
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_configuration() {
        let input =
            input_from_json(r#"{"env":{"WANDB_RESUME":"must"},"init":{"resume":true,"id":null}}"#)
                .unwrap();
        assert_eq!(input.env.unwrap()["WANDB_RESUME"], "must");
        assert_eq!(
            input.init.unwrap().resume,
            Some(crate::model::ResumeArg::Bool(true))
        );
    }

    #[test]
    fn errors_name_the_field() {
        let err = input_from_json(r#"{"init":{"bogus":1}}"#).unwrap_err();
        assert_eq!(err.code(), "invalid-input");
        assert!(
            err.to_string().contains("`init.bogus`") || err.to_string().contains("`init`"),
            "{err}"
        );
        assert!(err.to_string().contains("unknown field `bogus`"), "{err}");
        let err = input_from_json(r#"{"init":{"resume":5}}"#).unwrap_err();
        assert!(err.to_string().contains("`init.resume`"), "{err}");
        assert!(!err.to_string().contains("line"), "{err}");
        let err = input_from_json(r#"{"env":{"WANDB_RESUME":true}}"#).unwrap_err();
        assert!(err.to_string().contains("`env.WANDB_RESUME`"), "{err}");
        let err = input_from_json(r#"{"context":{"processes":-1}}"#).unwrap_err();
        assert!(err.to_string().contains("`context.processes`"), "{err}");
        assert_eq!(input_from_json("[]").unwrap_err().code(), "invalid-input");
        assert_eq!(
            input_from_json("{} {}").unwrap_err().code(),
            "invalid-input"
        );
    }

    #[test]
    fn lone_surrogates_are_their_own_error() {
        let err = input_from_json(r#"{"init":{"id":"a\ud800b"}}"#).unwrap_err();
        assert_eq!(err.code(), "lone-surrogate");
        assert!(err.to_string().contains("init.id"), "{err}");
        // A proper pair is fine.
        assert!(input_from_json(r#"{"init":{"id":"\ud83d\ude00"}}"#).is_ok());
    }

    #[test]
    fn arrays_are_refused() {
        let err = input_from_json(r#"{"init":["allow"]}"#).unwrap_err();
        assert!(err.to_string().contains("`init`"), "{err}");
        assert_eq!(input_from_json("[]").unwrap_err().code(), "invalid-input");
        let err = input_from_json(r#"{"context":{"runExists":[true]}}"#).unwrap_err();
        assert!(err.to_string().contains("`context.runExists`"), "{err}");
        // A bracket inside a string is not an array.
        assert!(input_from_json(r#"{"init":{"id":"a[b]\"["}}"#).is_ok());
    }

    #[test]
    fn repeated_fields_and_syntax_errors_are_invalid_input() {
        let err = input_from_json(r#"{"sdk":"0.19.0","sdk":"0.20.0"}"#).unwrap_err();
        assert!(err.to_string().contains("duplicate field `sdk`"), "{err}");
        let err = input_from_json(r#"{"sdk":"#).unwrap_err();
        assert_eq!(err.code(), "invalid-input");
        assert!(err.to_string().contains("line 1 column 8"), "{err}");
    }

    #[test]
    fn writes_what_it_reads() {
        let text = r#"{"sdk":"0.19.0","env":{"WANDB_RUN_ID":"a<b"},"init":{"resume":false,"resumeFrom":"x?_step=1"},"context":{"runExists":true,"processes":2}}"#;
        let input = input_from_json(text).unwrap();
        assert_eq!(to_json(&input), text.replace('<', "\\u003c"));
        assert_eq!(input_from_json(&to_json(&input)).unwrap(), input);
    }

    #[test]
    fn a_batch_answers_each_decision_in_order() {
        let texts = [
            "{}",
            r#"{"env":{"WANDB_RESUME":"must"}}"#,
            r#"{"sdk":"0.17.0","init":{"resume":"auto","id":"abc"}}"#,
        ];
        let one_by_one: Vec<String> = texts
            .iter()
            .map(|t| to_json(&crate::engine::decide(&input_from_json(t).unwrap())))
            .collect();
        let batch = decide_many_json(&format!("[{}]", texts.join(","))).unwrap();
        assert_eq!(batch, format!("[{}]", one_by_one.join(",")));
        assert_eq!(decide_many_json("[]").unwrap(), "[]");
        let err = decide_many_json(r#"[{}, {"init":{"resume":5}}]"#).unwrap_err();
        assert!(err.to_string().contains("`[1].init.resume`"), "{err}");
        let err = decide_many_json("[{}").unwrap_err();
        assert_eq!(err.code(), "invalid-input");
        assert!(err.to_string().contains("not valid JSON"), "{err}");
    }

    #[test]
    fn batches_read_each_configuration_with_its_index_in_paths() {
        let inputs = inputs_from_json(r#"[{}, {"init":{"resume":"allow"}}]"#).unwrap();
        assert_eq!(inputs.len(), 2);
        assert_eq!(inputs_from_json("[]").unwrap(), vec![]);
        let err = inputs_from_json(r#"[{}, {"init":{"resume":5}}]"#).unwrap_err();
        assert!(err.to_string().contains("`[1].init.resume`"), "{err}");
        let long = format!(r#"[{{}}, {{"init":{{"id":"{}"}}}}]"#, "x".repeat(70_000));
        let err = inputs_from_json(&long).unwrap_err();
        assert_eq!(err.code(), "input-too-large");
        assert!(err.to_string().contains("`[1].init.id`"), "{err}");
        let err = inputs_from_json(r#"[{"init":{"id":"\ud800"}}]"#).unwrap_err();
        assert_eq!(err.code(), "lone-surrogate");
        assert!(err.to_string().contains("[0].init.id"), "{err}");
        assert_eq!(inputs_from_json("{}").unwrap_err().code(), "invalid-input");
    }

    #[test]
    fn required_fields_are_named_when_missing() {
        use crate::timeline::SimulateArgs;
        let err = from_json::<SimulateArgs>(r#"{"input":{}}"#).unwrap_err();
        assert_eq!(err.to_string(), "invalid input: missing field `attempts`");
        let err = from_json::<SimulateArgs>(r#"{"input":{},"attempts":[{"after":"crashed"}]}"#)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid input at `attempts[0]`: missing field `where`"
        );
    }

    #[test]
    fn oversized_input_is_refused_before_parsing() {
        let big = format!(
            r#"{{"init":{{"notes":"{}"}}}}"#,
            "x".repeat(MAX_INPUT_BYTES)
        );
        assert_eq!(input_from_json(&big).unwrap_err().code(), "input-too-large");
    }
}
