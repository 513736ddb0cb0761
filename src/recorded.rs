//! Test support: the committed conformance vectors (tests/conformance/*.json), for unit tests
//! that take their expected values from what the real SDKs did rather than writing them by
//! hand.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use serde_json::Value;

/// The vector file `name` of tests/conformance, read once per test binary.
pub(crate) fn vectors(name: &'static str) -> &'static Value {
    static FILES: OnceLock<Mutex<HashMap<&'static str, &'static Value>>> = OnceLock::new();
    let mut files = FILES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    files.entry(name).or_insert_with(|| {
        let path = format!("{}/tests/conformance/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let doc: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        Box::leak(Box::new(doc))
    })
}

/// What release `sdk` did with the first case of the vector file `name` that `matches`
/// (`what` names the case in the failure).
pub(crate) fn result(
    name: &'static str,
    sdk: &str,
    what: &str,
    matches: impl Fn(&Value) -> bool,
) -> &'static Value {
    let doc = vectors(name);
    let at = doc["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .position(matches)
        .unwrap_or_else(|| panic!("{name}: no case {what}"));
    let out = &doc["results"][sdk][at];
    assert!(!out.is_null(), "{name}: {sdk} not recorded");
    out
}
