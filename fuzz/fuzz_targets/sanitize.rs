//! `sanitize_run_id` on arbitrary ids and version strings: no panic, one character out for
//! each character in, and sanitizing again changes nothing (`-` is itself a non-word
//! character, so the count of replacements need not be zero the second time).
#![no_main]

use libfuzzer_sys::fuzz_target;
use wandb_resume::sanitize::{replace_non_word, sanitize_run_id};

fuzz_target!(|input: (&str, Option<&str>)| {
    let (raw, sdk) = input;
    let result = sanitize_run_id(raw, sdk);
    assert_eq!(replace_non_word(&result.sanitized).0, result.sanitized);
    assert_eq!(result.sanitized.chars().count(), raw.chars().count());
});
