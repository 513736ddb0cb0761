//! JSON in, JSON out: how inputs cross into the core and results leave it.
//!
//! The wasm layer and the edge API both hand the core JSON text, so both accept exactly the
//! same inputs and report exactly the same errors. Reading is strict: unknown fields, wrong
//! types, lone UTF-16 surrogates (`"\ud800"`, which `JSON.stringify` writes for a broken JS
//! string) and oversized input are errors with the path of the offending field.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::InputError;
use crate::model::ResumeInput;

/// Largest JSON input accepted, in bytes. A configuration is a few hundred bytes; a whole
/// environment a few tens of KiB.
pub const MAX_INPUT_BYTES: usize = 1024 * 1024;

/// Parses JSON text into `T`, with the path of any mismatch (`init.resume`).
pub fn from_json<T: DeserializeOwned>(json: &str) -> Result<T, InputError> {
    parse(json)
}

/// Parses an *input* (a configuration, options): as [`from_json`], and no arrays anywhere,
/// since no input has one and serde would read an array as a struct's fields in order.
pub fn input_json<T: DeserializeOwned>(json: &str) -> Result<T, InputError> {
    input_json_with_lists(json, &[])
}

/// As [`input_json`], but the top-level fields named in `lists` hold arrays (of objects that
/// themselves hold none), e.g. `attempts` in `{ input, attempts }`.
pub fn input_json_with_lists<T: DeserializeOwned>(
    json: &str,
    lists: &[&str],
) -> Result<T, InputError> {
    let value = parse(json)?;
    if let Some(path) = first_array_path(json, lists) {
        return Err(InputError::Invalid {
            path,
            reason: "invalid type: an array; expected an object or a value".to_owned(),
        });
    }
    Ok(value)
}

fn parse<T: DeserializeOwned>(json: &str) -> Result<T, InputError> {
    if json.len() > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge {
            path: "input".to_owned(),
            limit: MAX_INPUT_BYTES,
            actual: json.len(),
            unit: "bytes",
        });
    }
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        let reason = without_position(&inner.to_string());
        if json_has_lone_surrogate(json) {
            InputError::LoneSurrogate {
                fields: vec![if path == "." {
                    "input".to_owned()
                } else {
                    path
                }],
            }
        } else {
            InputError::Invalid { path, reason }
        }
    })?;
    deserializer.end().map_err(|err| InputError::Invalid {
        path: String::new(),
        reason: without_position(&err.to_string()),
    })?;
    Ok(value)
}

/// The path of the first array in `json` (which has already parsed), or `None`. A quick scan
/// for `[` outside strings decides; only then is the tree walked to name the place.
fn first_array_path(json: &str, lists: &[&str]) -> Option<String> {
    if !json.as_bytes().contains(&b'[') {
        return None;
    }
    let mut in_string = false;
    let mut escaped = false;
    let mut found = false;
    for b in json.bytes() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
        } else if b == b'"' {
            in_string = true;
        } else if b == b'[' {
            found = true;
            break;
        }
    }
    if !found {
        return None;
    }
    fn walk(value: &serde_json::Value, path: &mut Vec<String>, lists: &[&str]) -> bool {
        match value {
            serde_json::Value::Array(items)
                if path.len() == 1 && lists.contains(&path[0].as_str()) =>
            {
                for (i, item) in items.iter().enumerate() {
                    // serde_path_to_error's notation: `attempts[0].init`.
                    let list = path.pop().unwrap_or_default();
                    path.push(format!("{list}[{i}]"));
                    if matches!(item, serde_json::Value::Array(_)) || walk(item, path, &[]) {
                        return true;
                    }
                    path.pop();
                    path.push(list);
                }
                false
            }
            serde_json::Value::Array(_) => true,
            serde_json::Value::Object(map) => {
                for (key, child) in map {
                    path.push(key.clone());
                    if walk(child, path, lists) {
                        return true;
                    }
                    path.pop();
                }
                false
            }
            _ => false,
        }
    }
    let value: serde_json::Value = serde_json::from_str(json).ok()?;
    let mut path = Vec::new();
    walk(&value, &mut path, lists).then(|| {
        if path.is_empty() {
            ".".to_owned()
        } else {
            path.join(".")
        }
    })
}

/// True when JSON text contains a `\uD800`–`\uDFFF` escape that is not part of a high–low
/// surrogate pair: what `JSON.stringify` writes for a JS string with a broken character.
pub fn json_has_lone_surrogate(json: &str) -> bool {
    let bytes = json.as_bytes();
    let mut i = 0;
    let mut pending_high = false;
    while i < bytes.len() {
        if bytes[i] == b'\\' && i + 1 < bytes.len() {
            let unit = (bytes[i + 1] == b'u' && i + 6 <= bytes.len())
                .then(|| core::str::from_utf8(&bytes[i + 2..i + 6]).ok())
                .flatten()
                .and_then(|h| u16::from_str_radix(h, 16).ok());
            match unit {
                Some(0xD800..=0xDBFF) if pending_high => return true,
                Some(0xD800..=0xDBFF) => pending_high = true,
                Some(0xDC00..=0xDFFF) if !pending_high => return true,
                Some(0xDC00..=0xDFFF) => pending_high = false,
                _ if pending_high => return true,
                _ => {}
            }
            i += if unit.is_some() { 6 } else { 2 };
            continue;
        }
        if pending_high {
            return true;
        }
        i += 1;
    }
    pending_high
}

/// serde_json appends " at line L column C"; for JSON made by `JSON.stringify` the position
/// means nothing to the caller, the field path says more.
fn without_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// Reads a `ResumeInput` from JSON and checks the size limits of its fields.
pub fn input_from_json(json: &str) -> Result<ResumeInput, InputError> {
    let input: ResumeInput = input_json(json)?;
    input.check_limits()?;
    Ok(input)
}

/// Writes a result as JSON. The model's types always serialize (string keys, no floats that
/// JSON cannot hold), so this cannot fail; a failure would still be reported, not a panic.
pub fn to_json<T: Serialize>(value: &T) -> Result<String, InputError> {
    serde_json::to_string(value).map_err(|err| InputError::Invalid {
        path: String::new(),
        reason: format!("could not write the result: {err}"),
    })
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
        // A bracket inside a string is not an array.
        assert!(input_from_json(r#"{"init":{"id":"a[b]\"["}}"#).is_ok());
    }

    #[test]
    fn detects_lone_surrogate_escapes() {
        assert!(json_has_lone_surrogate(r#""a\ud800b""#));
        assert!(json_has_lone_surrogate(r#""\udc00""#));
        assert!(json_has_lone_surrogate(r#""\ud800""#));
        assert!(json_has_lone_surrogate(r#""\ud800\ud800\udc00""#));
        assert!(!json_has_lone_surrogate(r#""\ud83d\ude00""#));
        assert!(!json_has_lone_surrogate(r#""\\ud800""#));
        assert!(!json_has_lone_surrogate(r#""\u00e9\n""#));
        assert!(!json_has_lone_surrogate(r#""\u12""#));
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
