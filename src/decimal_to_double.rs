//! The double nearest a decimal literal, ties to even — what CPython's `float()` returns for
//! a run moment's `_step=1e3` — computed exactly with small big integers.
//!
//! Why not `str::parse::<f64>`: `core`'s parser carries a 10 KB table of 128-bit powers of
//! five for its fast path, and with its code it was ≈ 15 KB of the gzipped module for one
//! rarely used value (issue 8). This one compares big integers instead: slower (a few
//! microseconds for a long literal), exact for every input, and 1.6 KB gzipped. The
//! tests check it bit for bit against `str::parse` on hard and random literals.

/// Significant digits kept; the rest only say whether the value lies above the kept ones.
/// Every double and every midpoint between two doubles has at most 767 significant digits,
/// so a literal cut after more digits, with a `1` appended when anything non-zero was cut,
/// rounds exactly as the whole literal does.
const MAX_DIGITS: usize = 800;

/// A non-negative big integer, little-endian base 2^32 limbs, no high zero limbs.
#[derive(Clone)]
struct BigUint(Vec<u32>);

impl BigUint {
    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    /// `self = self * factor + addend`.
    fn mul_add_small(&mut self, factor: u32, addend: u32) {
        let mut carry = u64::from(addend);
        for limb in &mut self.0 {
            let product = u64::from(*limb) * u64::from(factor) + carry;
            *limb = product as u32;
            carry = product >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
        self.trim();
    }

    /// `self * 10^exponent`.
    fn mul_pow10(&mut self, mut exponent: u32) {
        while exponent > 0 {
            let step = exponent.min(9);
            self.mul_add_small(10u32.pow(step), 0);
            exponent -= step;
        }
    }

    fn bit_len(&self) -> u32 {
        self.0
            .last()
            .map_or(0, |top| 32 * self.0.len() as u32 - top.leading_zeros())
    }

    /// `self << bits`.
    fn shl(&self, bits: u32) -> BigUint {
        let (limbs, shift) = ((bits / 32) as usize, bits % 32);
        let mut out = vec![0; limbs];
        let mut carry = 0u32;
        for &limb in &self.0 {
            out.push((limb << shift) | carry);
            carry = if shift == 0 { 0 } else { limb >> (32 - shift) };
        }
        out.push(carry);
        let mut big = BigUint(out);
        big.trim();
        big
    }

    /// `self -= other`, where `other <= self`.
    fn sub_assign(&mut self, other: &BigUint) {
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let difference =
                i64::from(*limb) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            *limb = difference as u32;
            borrow = i64::from(difference < 0);
        }
        self.trim();
    }

    /// Orders by value: more limbs is larger, then limb by limb from the top.
    fn cmp_value(&self, other: &BigUint) -> core::cmp::Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

/// The double nearest `literal`, ties to even: `[+-]? (digits ['.' digits?] | '.' digits)
/// ([eE] [+-]? digits)?`, ASCII digits only (no `_`, no `inf`/`nan`). `None` for anything
/// else. Values too large for a double are infinite, too small ones zero, both signed.
pub fn parse_decimal(literal: &str) -> Option<f64> {
    let (negative, unsigned) = match literal.as_bytes().first() {
        Some(b'-') => (true, &literal[1..]),
        Some(b'+') => (false, &literal[1..]),
        _ => (false, literal),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], Some(&unsigned[at + 1..])),
        None => (unsigned, None),
    };

    // The value is digits × 10^exp10, the digits without leading zeros.
    let mut digits = Vec::new();
    let mut exp10: i64 = 0;
    let (mut after_point, mut seen_digit, mut cut_non_zero) = (false, false, false);
    for byte in mantissa.bytes() {
        match byte {
            b'.' if !after_point => after_point = true,
            b'0'..=b'9' => {
                seen_digit = true;
                let digit = byte - b'0';
                if digits.is_empty() && digit == 0 {
                    exp10 -= i64::from(after_point);
                } else if digits.len() < MAX_DIGITS {
                    digits.push(digit);
                    exp10 -= i64::from(after_point);
                } else {
                    cut_non_zero |= digit != 0;
                    exp10 += i64::from(!after_point);
                }
            }
            _ => return None,
        }
    }
    if !seen_digit {
        return None;
    }
    if let Some(exponent) = exponent {
        let (exponent_negative, exponent_digits) = match exponent.as_bytes().first() {
            Some(b'-') => (true, &exponent[1..]),
            Some(b'+') => (false, &exponent[1..]),
            _ => (false, exponent),
        };
        if exponent_digits.is_empty() || !exponent_digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        // Beyond a million the value is infinite or zero whatever the digits.
        let magnitude = exponent_digits.bytes().fold(0i64, |sum, b| {
            (sum * 10 + i64::from(b - b'0')).min(1_000_000)
        });
        exp10 += if exponent_negative {
            -magnitude
        } else {
            magnitude
        };
    }
    if cut_non_zero {
        digits.push(1);
        exp10 -= 1;
    }
    let magnitude = magnitude_of(&digits, exp10);
    Some(if negative { -magnitude } else { magnitude })
}

/// The double nearest `digits × 10^exp10`.
fn magnitude_of(digits: &[u8], exp10: i64) -> f64 {
    let decimal_places = digits.len() as i64 + exp10; // the value < 10^decimal_places
    if digits.is_empty() || decimal_places <= -324 {
        return 0.0; // below 10^-324, under half the smallest subnormal (2^-1075)
    }
    if decimal_places > 310 {
        return f64::INFINITY;
    }
    // value = numerator / denominator exactly.
    let mut numerator = BigUint(Vec::new());
    for chunk in digits.chunks(9) {
        let chunk_value = chunk.iter().fold(0u32, |sum, &d| sum * 10 + u32::from(d));
        numerator.mul_add_small(10u32.pow(chunk.len() as u32), chunk_value);
    }
    let mut denominator = BigUint(vec![1]);
    if exp10 >= 0 {
        numerator.mul_pow10(exp10 as u32);
    } else {
        denominator.mul_pow10(exp10.unsigned_abs() as u32);
    }

    // floor(log2(value)) is the bit lengths' difference or one less.
    let difference = numerator.bit_len() as i32 - denominator.bit_len() as i32;
    let (scaled_numerator, scaled_denominator) = scale(&numerator, &denominator, -difference);
    let mut binary_exponent = difference;
    if scaled_numerator.cmp_value(&scaled_denominator).is_lt() {
        binary_exponent -= 1;
    }
    if binary_exponent > 1023 {
        return f64::INFINITY;
    }

    // quotient = floor(value × 2^shift): 53 bits for a normal double, fewer for a subnormal
    // (whose unit is 2^-1074).
    let subnormal = binary_exponent < -1022;
    let shift = if subnormal {
        1074
    } else {
        52 - binary_exponent
    };
    let (mut remainder, divisor) = scale(&numerator, &denominator, shift);
    let mut quotient = 0u64;
    for bit in (0..=53).rev() {
        let part = divisor.shl(bit);
        if part.cmp_value(&remainder).is_le() {
            remainder.sub_assign(&part);
            quotient |= 1 << bit;
        }
    }
    // Round to nearest, ties to even.
    match remainder.shl(1).cmp_value(&divisor) {
        core::cmp::Ordering::Greater => quotient += 1,
        core::cmp::Ordering::Equal => quotient += quotient & 1,
        core::cmp::Ordering::Less => {}
    }
    if subnormal {
        // A subnormal that rounds up to 2^52 units is the smallest normal, whose bits these are.
        return f64::from_bits(quotient);
    }
    if quotient == 1 << 53 {
        quotient >>= 1;
        binary_exponent += 1;
        if binary_exponent > 1023 {
            return f64::INFINITY;
        }
    }
    let biased = (binary_exponent + 1023) as u64;
    f64::from_bits((biased << 52) | (quotient - (1 << 52)))
}

/// `(numerator × 2^shift, denominator)` with the power of two moved to the denominator when
/// `shift` is negative, so both stay integers.
fn scale(numerator: &BigUint, denominator: &BigUint, shift: i32) -> (BigUint, BigUint) {
    if shift >= 0 {
        (numerator.shl(shift as u32), denominator.clone())
    } else {
        (numerator.clone(), denominator.shl(shift.unsigned_abs()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_as_std(literal: &str) {
        let ours = parse_decimal(literal);
        let std = literal.parse::<f64>().ok();
        assert_eq!(ours.map(f64::to_bits), std.map(f64::to_bits), "{literal}");
    }

    #[test]
    fn boundaries_round_as_std() {
        for literal in [
            "0",
            "-0",
            "0.0",
            ".5",
            "5.",
            "1e3",
            "1E+3",
            "123.456e-2",
            "9007199254740992",
            "9007199254740993",
            "9007199254740995",
            "4503599627370496.5",
            "4503599627370497.5",
            "0.1",
            "0.3",
            "1e22",
            "1e23",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "179769313486231580793728971405301e276",
            "1e309",
            "-1e309",
            "2.2250738585072011e-308",
            "2.2250738585072014e-308",
            "2.2250738585072012e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "1e-324",
            "1e-400",
            "0e999999999999",
            "1e999999999999999999999",
            "1e-999999999999999999999",
            "00000000000000000000001.5",
            "0.000000000000000000000000000000000000000000000000000000015",
        ] {
            assert_as_std(literal);
        }
        for rejected in [
            "", "-", ".", "e5", "1e", "1e+", "1.2.3", "1_0", "inf", "0x10", " 1",
        ] {
            assert_eq!(parse_decimal(rejected), None, "{rejected:?}");
        }
    }

    /// The exact decimal expansion of `odd × 2^exponent`: with `odd` the doubled mantissa
    /// plus one, the midpoint between two adjacent doubles.
    fn exact_decimal(odd: u64, exponent: i32) -> String {
        let mut big = BigUint(vec![odd as u32, (odd >> 32) as u32]);
        big.trim();
        let point = if exponent >= 0 {
            big = big.shl(exponent as u32);
            0
        } else {
            for _ in 0..-exponent {
                big.mul_add_small(5, 0);
            }
            exponent.unsigned_abs() as usize
        };
        let mut digits = Vec::new();
        while !big.0.is_empty() {
            let mut remainder = 0u64;
            for limb in big.0.iter_mut().rev() {
                let value = (remainder << 32) | u64::from(*limb);
                *limb = (value / 10) as u32;
                remainder = value % 10;
            }
            big.trim();
            digits.push(b'0' + remainder as u8);
        }
        digits.reverse();
        let text = String::from_utf8(digits).unwrap();
        format!("{text}e-{point}")
    }

    #[test]
    fn midpoints_and_their_neighbours_round_as_std() {
        let mut random = crate::parse_error::test_support::xorshift(0x9E37_79B9_7F4A_7C15);
        for round in 0..3_000 {
            // A mantissa and an exponent across the range, subnormals and the top included.
            let bits = match round % 4 {
                0 => random() & 0x000F_FFFF_FFFF_FFFF,
                1 => (random() & 0x7FEF_FFFF_FFFF_FFFF) | 0x0010_0000_0000_0000,
                2 => 0x7FEF_FFFF_FFFF_FFFF - (random() % 4),
                _ => (random() % 64) | ((random() % 2046 + 1) << 52),
            };
            let value = f64::from_bits(bits);
            let exponent_field = (bits >> 52) as i32;
            let (mantissa, exponent) = if exponent_field == 0 {
                (bits, -1074)
            } else {
                (
                    (bits & 0x000F_FFFF_FFFF_FFFF) | 1 << 52,
                    exponent_field - 1075,
                )
            };
            let midpoint = exact_decimal(2 * mantissa + 1, exponent - 1);
            assert_as_std(&midpoint);
            let (digits, power) = midpoint.split_once('e').unwrap();
            assert_as_std(&format!("{digits}0000000000001e{power}"));
            let below = format!("{}4999999999999e{power}", &digits[..digits.len() - 1]);
            assert_as_std(&below);
            assert_as_std(&format!("{value:e}"));
            assert_as_std(&format!("{value:.25e}"));
            assert_as_std(&format!("{value:.16e}"));
        }
    }

    #[test]
    fn random_literals_round_as_std() {
        let mut random = crate::parse_error::test_support::xorshift(0x2545_F491_4F6C_DD1D);
        for _ in 0..100_000 {
            let mut literal = String::new();
            if random() % 3 == 0 {
                literal.push('-');
            }
            let digits = 1 + random() % 40;
            let point = random() % (digits + 2);
            for i in 0..digits {
                if i == point {
                    literal.push('.');
                }
                literal.push(char::from(b'0' + (random() % 10) as u8));
            }
            if random() % 2 == 0 {
                literal += &format!("e{}", random() as i64 % 700);
            }
            assert_as_std(&literal);
        }
    }
}
