//! How a release reads a setting that is a bool (`WANDB_DISABLE_SERVICE`, `WANDB_DISABLED`):
//! Python's `strtobool` words from 0.12.10 (pydantic's bool, which takes the same words, from
//! 0.19.0), and what it does with a value it cannot read — None after one warning in 0.12.10,
//! the text kept after three warnings in 0.12.11–0.15.5 (true unless empty), an error from
//! 0.15.6. The ending vectors pin it for the first variable, the WANDB_DISABLED vectors for the
//! second.

use crate::profile::{Profile, Rule};

/// What a release makes of a bool setting's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BoolReading {
    /// A word `strtobool` reads.
    Bool(bool),
    /// Not a bool: None, after one warning (0.12.10).
    DefaultedToNone,
    /// Not a bool: the text is kept, after three warnings (0.12.11–0.15.5); true unless empty.
    KeptAsText,
    /// Not a bool: `wandb.init` raises (0.15.6 on).
    Unreadable,
}

/// Python's `strtobool` and pydantic's bool accept the same words, in any case and without
/// surrounding whitespace.
fn parse_bool(text: &str) -> Option<bool> {
    const TRUE: [&str; 6] = ["y", "yes", "t", "true", "on", "1"];
    const FALSE: [&str; 6] = ["n", "no", "f", "false", "off", "0"];
    let is = |words: &[&str]| words.iter().any(|w| w.eq_ignore_ascii_case(text));
    if is(&TRUE) {
        Some(true)
    } else if is(&FALSE) {
        Some(false)
    } else {
        None
    }
}

/// `value` as `profile`'s SDK reads a bool setting (one it reads as a bool at all).
pub(crate) fn read(profile: &Profile, value: &str) -> BoolReading {
    match parse_bool(value) {
        Some(b) => BoolReading::Bool(b),
        None if profile.has(Rule::UnreadableSettingRaises) => BoolReading::Unreadable,
        None if profile.has(Rule::UnreadableBoolKept) => BoolReading::KeptAsText,
        None => BoolReading::DefaultedToNone,
    }
}

/// Whether the text of `value`, where the SDK keeps it ([`BoolReading::KeptAsText`]), counts
/// as true.
pub(crate) fn kept_text_is_true(value: &str) -> bool {
    !value.is_empty()
}

/// The warning 0.12.10 prints for a `value` it cannot read as a bool, before taking None.
pub(crate) fn defaulted_to_none_warning(value: &str) -> String {
    format!(
        "Could not parse value {value} as a bool. Defaulting to None.This will raise an error in the future."
    )
}

/// The three warnings 0.12.11–0.15.5 print for a `property` whose `value` they cannot read as a
/// bool, and keep as text.
pub(crate) fn kept_as_text_warnings(property: &str, value: &str) -> String {
    format!(
        "Could not parse value {value} as a bool.\nUnable to preprocess value for property {property}: {value}. This will raise an error in the future.\nInvalid value for property {property}: {value}. This will raise an error in the future."
    )
}

/// What 0.15.6–0.18.x raise for a `property` whose `value` they cannot read as a bool.
pub(crate) fn unreadable_error(property: &str, value: &str) -> String {
    format!("Unable to preprocess value for property {property}: {value}.")
}

/// The hint for a bool setting a release cannot read.
pub(crate) const BOOL_HINT: &str =
    "Unset it, or set true / false (also yes / no, on / off, 1 / 0).";
