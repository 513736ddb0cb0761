//! Run-moment parsing (`<run>?_step=<N>`, as `urllib.parse` + `int()`/`float()` read it):
//! no panic; a parsed moment names a run that occurs in the text once tabs and line breaks
//! are removed (as `urllib.parse` removes them); its step shows as the whole number the SDK
//! makes of it or as written; and `float()` of a plain decimal literal is `str::parse`'s double.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wandb_resume::run_moment::{StepValue, parse_run_moment, py_float};

fuzz_target!(|text: &str| {
    if let Some(moment) = parse_run_moment(text) {
        assert!(!moment.run.is_empty());
        let cleaned: String = text
            .chars()
            .filter(|c| !matches!(c, '\t' | '\r' | '\n'))
            .collect();
        assert!(cleaned.contains(&moment.run), "{text:?}");
        let shown = moment.step.to_string();
        assert!(!shown.is_empty(), "{text:?}");
        match &moment.step {
            StepValue::Int(digits) => assert_eq!(&shown, digits),
            StepValue::Float {
                value,
                text: written,
            } => {
                // Whole and within ±2^63: the integer; anything else as written.
                if value.is_finite()
                    && value.fract() == 0.0
                    && value.abs() < 9_223_372_036_854_775_808.0
                {
                    assert_eq!(shown.parse::<i64>().ok(), Some(*value as i64), "{text:?}");
                } else {
                    assert_eq!(&shown, written, "{text:?}");
                }
            }
        }
    }
    // Written with digits, points, exponents and signs only, Python's `float()` and Rust's
    // `str::parse` read the same grammar and both round correctly: the hand-written reader
    // (src/decimal_to_double.rs) must give the same double, bit for bit.
    let float = py_float(text);
    if text.bytes().all(|b| b"0123456789.eE+-".contains(&b)) {
        let std = text.parse::<f64>().ok();
        assert_eq!(float.map(f64::to_bits), std.map(f64::to_bits), "{text:?}");
    }
});
