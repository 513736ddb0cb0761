//! SDK version parsing on arbitrary text: no panic, and a parsed version prints as a string
//! that parses to the same version.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wandb_resume::version::parse_sdk_version;

fuzz_target!(|text: &str| {
    if let Ok(v) = parse_sdk_version(text) {
        assert_eq!(parse_sdk_version(&v.to_string()), Ok(v), "{text:?}");
    }
});
