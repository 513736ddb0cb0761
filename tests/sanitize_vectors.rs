//! The sanitizer against Python itself: `re.sub(r"\W", "-", s)` for every Unicode scalar value
//! and for 3000 seeded random strings, recorded by scripts/gen_sanitize_vectors.py with the
//! Python the word table was generated from.

use serde_json::Value;
use wandb_resume::pyunicode::PYTHON_VERSION;
use wandb_resume::sanitize::replace_non_word;

fn vectors() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/sanitize.json"
    ))
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn every_scalar_value_matches_python() {
    let v = vectors();
    assert_eq!(
        v["python"].as_str(),
        Some(PYTHON_VERSION),
        "regenerate with the table's Python"
    );
    let mut checked = 0u32;
    for run in v["scalarRuns"].as_array().unwrap() {
        let (start, end, replaced) = (
            run[0].as_u64().unwrap() as u32,
            run[1].as_u64().unwrap() as u32,
            run[2].as_bool().unwrap(),
        );
        for cp in start..=end {
            let Some(ch) = char::from_u32(cp) else {
                continue;
            };
            let (out, n) = replace_non_word(&ch.to_string());
            let expected = if replaced {
                "-".to_owned()
            } else {
                ch.to_string()
            };
            assert_eq!(out, expected, "U+{cp:04X}");
            assert_eq!(n, u32::from(replaced), "U+{cp:04X}");
            checked += 1;
        }
    }
    // Every scalar value: 0x110000 minus the 2048 surrogates.
    assert_eq!(checked, 0x110000 - 0x800);
}

#[test]
fn random_strings_match_python() {
    let v = vectors();
    let strings = v["strings"].as_array().unwrap();
    assert_eq!(strings.len(), 3000);
    for s in strings {
        let raw = s["raw"].as_str().unwrap();
        let (out, n) = replace_non_word(raw);
        assert_eq!(out, s["sanitized"].as_str().unwrap(), "{raw:?}");
        assert_eq!(n as u64, s["replaced"].as_u64().unwrap(), "{raw:?}");
    }
}
