//! The strict JSON reader on arbitrary text: never a panic; whatever it reads as a
//! configuration, the engine decides, and the configuration writes and reads back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wandb_resume::{codec, decide, json, model::ResumeInput, timeline::SimulateArgs};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = core::str::from_utf8(data) else {
        return;
    };
    let _ = json::parse(text);
    let _ = codec::from_json::<SimulateArgs>(text);
    let _ = codec::inputs_from_json(text);
    if let Ok(input) = codec::input_from_json(text) {
        let _ = decide(&input);
        let again = codec::to_json(&input);
        assert_eq!(
            codec::from_json::<ResumeInput>(&again).as_ref(),
            Ok(&input),
            "{again}"
        );
    }
});
