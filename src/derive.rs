//! Deterministic run ids: the same job key always gives the same id, so a restart on another
//! machine (no shared filesystem, no `wandb-resume.json`) reattaches to its run, while
//! different keys practically never collide.
//!
//! Algorithm (versioned, stable): `SHA-256("wandb-resume/run-id/v1\0" || UTF-8 key)`; the
//! 32-byte digest is read as a big-endian integer and written in base 36, most significant
//! digit first, zero-padded to 50 digits, digit value d written as the d-th character of
//! `abcdefghijklmnopqrstuvwxyz0123456789` (wandb's alphabet); the id is the last `length`
//! digits, i.e. the digest modulo 36^length. 36^16 ≈ 2^82.7, so with the default length of 16 a million
//! distinct keys collide with probability ≈ 6·10⁻¹⁴ (see `collision_probability`).

use core::fmt;

use crate::generator::{ID_ALPHABET, MAX_ID_LENGTH};

/// Default length of a derived id: 16 characters of `[a-z0-9]` (≈ 82.7 bits).
pub const DEFAULT_DERIVED_LENGTH: u32 = 16;

/// Longest derived id: a SHA-256 digest holds 49 full base-36 digits.
pub const MAX_DERIVED_LENGTH: u32 = 49;

/// Domain separation, so a derived id never equals another tool's hash of the same key.
const DOMAIN: &[u8] = b"wandb-resume/run-id/v1\0";

/// Why an id could not be derived.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeriveError {
    /// The key is empty: every job would get the same id.
    EmptyKey,
    /// A length of 0 or over [`MAX_DERIVED_LENGTH`].
    BadLength(u32),
}

impl DeriveError {
    /// Stable code for callers to switch on.
    pub fn code(&self) -> &'static str {
        match self {
            DeriveError::EmptyKey => "empty-key",
            DeriveError::BadLength(_) => "invalid-length",
        }
    }
}

impl fmt::Display for DeriveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeriveError::EmptyKey => f.write_str(
                "the key is empty, so every job would get the same id; use something that names the job, e.g. \"$SLURM_JOB_ID-$SLURM_ARRAY_TASK_ID\"",
            ),
            DeriveError::BadLength(n) => write!(
                f,
                "a derived id length of {n} was asked for; use 1 to {MAX_DERIVED_LENGTH} (default {DEFAULT_DERIVED_LENGTH})"
            ),
        }
    }
}

impl std::error::Error for DeriveError {}

/// The run id derived from `key`, `length` characters of `[a-z0-9]`.
pub fn derive_run_id(key: &str, length: u32) -> Result<String, DeriveError> {
    if key.is_empty() {
        return Err(DeriveError::EmptyKey);
    }
    if length == 0 || length > MAX_DERIVED_LENGTH || length > MAX_ID_LENGTH {
        return Err(DeriveError::BadLength(length));
    }
    let mut message = Vec::with_capacity(DOMAIN.len() + key.len());
    message.extend_from_slice(DOMAIN);
    message.extend_from_slice(key.as_bytes());
    let digest = sha256(&message);

    // Base 36 by repeated division of the big-endian 256-bit number.
    let mut number = digest;
    let mut digits = [0u8; 50];
    for slot in digits.iter_mut().rev() {
        let mut remainder = 0u32;
        for byte in number.iter_mut() {
            let value = (remainder << 8) | u32::from(*byte);
            *byte = (value / 36) as u8;
            remainder = value % 36;
        }
        *slot = remainder as u8;
    }
    let start = digits.len() - length as usize;
    Ok(digits[start..]
        .iter()
        .map(|&d| ID_ALPHABET[d as usize] as char)
        .collect())
}

/// SHA-256 (FIPS 180-4). Small and dependency-free; checked against the standard's test
/// vectors and against Python's `hashlib` in the committed derive vectors.
pub fn sha256(message: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let bit_len = (message.len() as u64).wrapping_mul(8);
    let mut padded = message.to_vec();
    padded.push(0x80);
    while padded.len() % 64 != 56 {
        padded.push(0);
    }
    padded.extend_from_slice(&bit_len.to_be_bytes());
    for block in padded.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (state, value) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *state = state.wrapping_add(value);
        }
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = h[i / 4].to_be_bytes()[i % 4];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn sha256_matches_fips_180_4_examples() {
        // FIPS 180-4 / NIST CSRC example values.
        assert_eq!(
            hex(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            hex(&sha256(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            hex(&sha256(
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
            )),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
    }

    #[test]
    fn derived_ids_are_stable_and_distinct() {
        let a = derive_run_id("12345-0", DEFAULT_DERIVED_LENGTH).unwrap();
        assert_eq!(a, derive_run_id("12345-0", DEFAULT_DERIVED_LENGTH).unwrap());
        assert_ne!(a, derive_run_id("12345-1", DEFAULT_DERIVED_LENGTH).unwrap());
        assert_eq!(a.len(), 16);
        assert!(a.bytes().all(|b| ID_ALPHABET.contains(&b)));
        // A shorter id is the tail of the longer one.
        let long = derive_run_id("12345-0", MAX_DERIVED_LENGTH).unwrap();
        assert!(long.ends_with(&a));
    }

    #[test]
    fn bad_arguments_are_errors() {
        assert_eq!(derive_run_id("", 16), Err(DeriveError::EmptyKey));
        assert_eq!(derive_run_id("k", 0), Err(DeriveError::BadLength(0)));
        assert_eq!(derive_run_id("k", 50), Err(DeriveError::BadLength(50)));
        assert_eq!(DeriveError::EmptyKey.code(), "empty-key");
    }
}
