//! Random run ids, as `wandb.util.generate_id()` makes them: `[a-z0-9]`, 8 characters by
//! default, drawn from the platform CSPRNG.
//!
//! Randomness comes only from `getrandom` (on wasm32 that is `crypto.getRandomValues`); there
//! is no fallback. Characters are drawn by rejection sampling so that every one of the 36 is
//! exactly equally likely.

use core::fmt;

/// The alphabet of wandb run ids (`runid.generate_id`): lowercase ASCII letters and digits.
pub const ID_ALPHABET: &[u8; 36] = b"abcdefghijklmnopqrstuvwxyz0123456789";

/// Length of a generated id when none is asked for (the SDK's default).
pub const DEFAULT_ID_LENGTH: u32 = 8;

/// Longest id `generate_id` makes; the documentation limits run ids to 64 characters, and
/// anything past 128 is a mistake rather than a wish for more entropy.
pub const MAX_ID_LENGTH: u32 = 128;

/// Most ids one [`generate_ids`] call makes (800 KB of text at the default length).
pub const MAX_IDS_PER_CALL: u32 = 100_000;

/// Why an id could not be generated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GenerateIdError {
    /// A length of zero was asked for.
    ZeroLength,
    /// A length over [`MAX_ID_LENGTH`] was asked for.
    TooLong(u32),
    /// More than [`MAX_IDS_PER_CALL`] ids were asked for at once.
    TooMany(u32),
    /// The platform has no usable CSPRNG (or it failed); no weaker source is used instead.
    NoRandomness(String),
}

impl GenerateIdError {
    /// Stable code for callers to switch on.
    pub fn code(&self) -> &'static str {
        match self {
            GenerateIdError::ZeroLength | GenerateIdError::TooLong(_) => "invalid-length",
            GenerateIdError::TooMany(_) => "invalid-count",
            GenerateIdError::NoRandomness(_) => "no-csprng",
        }
    }
}

impl fmt::Display for GenerateIdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GenerateIdError::ZeroLength => {
                f.write_str("an id length of 0 was asked for; use at least 1 (default 8)")
            }
            GenerateIdError::TooLong(n) => write!(
                f,
                "an id length of {n} was asked for; the most is {MAX_ID_LENGTH} (run ids should stay within 64)"
            ),
            GenerateIdError::TooMany(n) => write!(
                f,
                "{n} ids were asked for at once; the most is {MAX_IDS_PER_CALL}"
            ),
            GenerateIdError::NoRandomness(why) => write!(
                f,
                "no cryptographically secure random number generator is available ({why}); refusing to make a guessable id"
            ),
        }
    }
}

impl std::error::Error for GenerateIdError {}

/// Checks a requested id length.
pub fn check_length(length: u32) -> Result<usize, GenerateIdError> {
    match length {
        0 => Err(GenerateIdError::ZeroLength),
        n if n > MAX_ID_LENGTH => Err(GenerateIdError::TooLong(n)),
        n => Ok(n as usize),
    }
}

/// The character each random byte stands for, or 0 for the bytes rejection sampling
/// discards: 252 = 7 × 36 is the largest multiple of 36 that fits in a byte, so bytes ≥ 252
/// are dropped and each character has probability exactly 1/36. A table, not `b % 36`: the
/// size-tuned build keeps the division, and the lookup runs once per character.
const BYTE_TO_ID_CHAR: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 252 {
        table[b] = ID_ALPHABET[b % 36];
        b += 1;
    }
    table
};

/// Maps uniformly random bytes onto the alphabet by rejection sampling, writing characters
/// into `out` from position `filled` on until it is full or `bytes` runs out. Returns the
/// new count of characters written. No branch on the byte: a discarded byte's 0 is written
/// and not counted, so the next character overwrites it.
pub fn fill_from_bytes(bytes: &[u8], out: &mut [u8], mut filled: usize) -> usize {
    for &b in bytes {
        let Some(slot) = out.get_mut(filled) else {
            break;
        };
        let c = BYTE_TO_ID_CHAR[b as usize];
        *slot = c;
        filled += usize::from(c != 0);
    }
    filled
}

/// A fresh random id of `length` characters from `[a-z0-9]`.
pub fn generate_id(length: u32) -> Result<String, GenerateIdError> {
    generate_ids(1, length)
}

/// `count` fresh random ids of `length` characters, written one after another as one string
/// of `count × length` characters (every character independent and uniform, so any cut at
/// multiples of `length` gives independent ids). One string for many ids lets a caller on
/// the other side of the wasm boundary take a whole batch in one crossing.
pub fn generate_ids(count: u32, length: u32) -> Result<String, GenerateIdError> {
    let length = check_length(length)?;
    if count > MAX_IDS_PER_CALL {
        return Err(GenerateIdError::TooMany(count));
    }
    let total = count as usize * length;
    let mut ids = vec![0u8; total];
    let mut filled = 0;
    // Each byte is accepted with probability 252/256, so a draw a little larger than what is
    // missing almost always suffices; loop for the rare remainder. A call of
    // `crypto.getRandomValues` costs ≈ 3 µs in Node at any size up to a few KB, so the
    // buffer takes a default batch of ids (256 × 8, `js/ids.js`) in one draw.
    let mut buf = [core::mem::MaybeUninit::<u8>::uninit(); 4096];
    while filled < total {
        let missing = total - filled;
        let want = (missing + missing / 32 + 8).min(buf.len());
        let drawn = getrandom::fill_uninit(&mut buf[..want])
            .map_err(|e| GenerateIdError::NoRandomness(e.to_string()))?;
        filled = fill_from_bytes(drawn, &mut ids, filled);
    }
    // Every byte is from `ID_ALPHABET`: ASCII, so the conversion cannot fail.
    Ok(String::from_utf8(ids).unwrap_or_default())
}

/// The probability that at least two of `runs` independently generated ids of `length`
/// characters collide (the birthday bound, computed exactly as `1 - Π(1 - i/N)` in a
/// numerically stable form).
pub fn collision_probability(runs: f64, length: u32) -> Result<f64, GenerateIdError> {
    check_length(length)?;
    if !runs.is_finite() || runs < 0.0 {
        return Ok(f64::NAN);
    }
    let space = 36f64.powi(length as i32);
    if runs <= 1.0 {
        return Ok(0.0);
    }
    if runs > space {
        return Ok(1.0);
    }
    let n = runs.floor();
    let ln_no_collision = if n <= 200_000.0 {
        // Exact: ln Π_{i<n} (1 - i/N), summed with ln_1p for precision.
        (1..n as u64)
            .map(|i| (-(i as f64) / space).ln_1p())
            .sum::<f64>()
    } else {
        // Series: -n(n-1)/(2N) - n(n-1)(2n-1)/(12N²); the next term is below double
        // precision wherever the result is not already 1.
        let first = n * (n - 1.0) / (2.0 * space);
        let second = n * (n - 1.0) * (2.0 * n - 1.0) / (12.0 * space * space);
        -(first + second)
    };
    Ok(-ln_no_collision.exp_m1())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_requested_length_and_alphabet() {
        for len in [1, 8, 64, 128] {
            let id = generate_id(len).unwrap();
            assert_eq!(id.len(), len as usize);
            assert!(id.bytes().all(|b| ID_ALPHABET.contains(&b)), "{id}");
        }
    }

    #[test]
    fn batches_are_count_times_length_characters_of_the_alphabet() {
        let ids = generate_ids(1000, 8).unwrap();
        assert_eq!(ids.len(), 8000);
        assert!(ids.bytes().all(|b| ID_ALPHABET.contains(&b)));
        assert_eq!(generate_ids(0, 8).unwrap(), "");
        assert_eq!(generate_ids(3, 128).unwrap().len(), 384);
        // Every character of the alphabet turns up in a large batch.
        assert!(ID_ALPHABET.iter().all(|c| ids.as_bytes().contains(c)));
        assert_eq!(
            generate_ids(MAX_IDS_PER_CALL + 1, 8),
            Err(GenerateIdError::TooMany(MAX_IDS_PER_CALL + 1))
        );
        assert_eq!(
            generate_ids(MAX_IDS_PER_CALL + 1, 8).unwrap_err().code(),
            "invalid-count"
        );
        assert_eq!(generate_ids(2, 0), Err(GenerateIdError::ZeroLength));
    }

    #[test]
    fn bad_lengths_are_errors() {
        assert_eq!(generate_id(0), Err(GenerateIdError::ZeroLength));
        assert_eq!(generate_id(129), Err(GenerateIdError::TooLong(129)));
        assert_eq!(GenerateIdError::ZeroLength.code(), "invalid-length");
    }

    #[test]
    fn rejection_sampling_discards_high_bytes() {
        let mut out = [0u8; 4];
        let filled = fill_from_bytes(&[252, 253, 255, 0, 35, 36, 251, 1], &mut out, 0);
        assert_eq!(&out, b"a9a9");
        assert_eq!(filled, 4);
        let mut out = [0u8; 3];
        assert_eq!(fill_from_bytes(&[255, 254], &mut out, 0), 0);
        assert_eq!(fill_from_bytes(&[1, 255, 2], &mut out, 1), 3);
        assert_eq!(&out[1..], b"bc");
    }

    #[test]
    fn every_byte_value_below_252_maps_evenly() {
        let mut counts = [0u32; 36];
        for b in 0u8..=255 {
            let mut out = [0u8; 1];
            let filled = fill_from_bytes(&[b], &mut out, 0);
            assert_eq!(filled, usize::from(b < 252), "byte {b}");
            if filled == 1 {
                let c = out[0];
                assert_eq!(c, ID_ALPHABET[usize::from(b) % 36], "byte {b}");
                counts[ID_ALPHABET.iter().position(|&x| x == c).unwrap()] += 1;
            }
        }
        assert!(counts.iter().all(|&c| c == 7), "{counts:?}");
    }

    #[test]
    fn collision_probability_matches_birthday_bound() {
        // 36^8 ≈ 2.82e12: a million runs. Reference: Python's
        // -expm1(fsum(log1p(-i/N) for i in range(1, n))) = 0.16241711353550364.
        let p = collision_probability(1e6, 8).unwrap();
        assert!((p - 0.162_417_113_535_503_64).abs() < 1e-12, "{p}");
        assert_eq!(collision_probability(1.0, 8).unwrap(), 0.0);
        assert_eq!(collision_probability(37.0, 1).unwrap(), 1.0);
        assert!(collision_probability(-1.0, 8).unwrap().is_nan());
        assert_eq!(
            collision_probability(2.0, 0),
            Err(GenerateIdError::ZeroLength)
        );
        // Two ids of one character collide with probability 1/36.
        let p2 = collision_probability(2.0, 1).unwrap();
        assert!((p2 - 1.0 / 36.0).abs() < 1e-15, "{p2}");
        // Three ids of one character: 1 - (35/36)(34/36).
        let p3 = collision_probability(3.0, 1).unwrap();
        assert!((p3 - (1.0 - 35.0 * 34.0 / 1296.0)).abs() < 1e-15, "{p3}");
    }
}
