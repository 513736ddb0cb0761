//! deriveRunId against reference outputs computed by Python's hashlib
//! (scripts/gen_derive_vectors.py → tests/vectors/derive.json).

use wandb_resume::derive_run_id;

#[test]
fn matches_the_python_reference() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/derive.json"
    ))
    .unwrap();
    let vectors: serde_json::Value = serde_json::from_str(&text).unwrap();
    let cases = vectors["cases"].as_array().unwrap();
    assert!(cases.len() >= 60);
    for case in cases {
        let key = case["key"].as_str().unwrap();
        let length = case["length"].as_u64().unwrap() as u32;
        assert_eq!(
            derive_run_id(key, length).unwrap(),
            case["id"].as_str().unwrap(),
            "{key:?} {length}"
        );
    }
}
