//! Run-moment parsing (`<run>?_step=<N>`, as `urllib.parse` + `int()`/`float()` read it):
//! no panic; a parsed moment names a run that occurs in the text once tabs and line breaks
//! are removed (as `urllib.parse` removes them).
#![no_main]

use libfuzzer_sys::fuzz_target;
use wandb_resume::run_moment::{parse_run_moment, py_float};

fuzz_target!(|text: &str| {
    if let Some(moment) = parse_run_moment(text) {
        assert!(!moment.run.is_empty());
        let cleaned: String = text
            .chars()
            .filter(|c| !matches!(c, '\t' | '\r' | '\n'))
            .collect();
        assert!(cleaned.contains(&moment.run), "{text:?}");
    }
    let _ = py_float(text);
});
