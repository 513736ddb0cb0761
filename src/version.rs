//! SDK versions: parsing `"0.19.0"` and knowing which versions of wandb were ever released.
//!
//! Rules are keyed to the version that introduced them, so the engine must refuse to guess
//! from a string it cannot read or a version that never existed.

use core::fmt;

/// A released wandb SDK version `major.minor.patch` (all wandb releases this module models
/// are `0.x.y`; pre-releases are not modelled).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SdkVersion {
    /// Major component (0 for every release so far).
    pub major: u16,
    /// Minor component.
    pub minor: u16,
    /// Patch component.
    pub patch: u16,
}

impl SdkVersion {
    /// Builds a version from its three components.
    pub const fn new(major: u16, minor: u16, patch: u16) -> Self {
        SdkVersion {
            major,
            minor,
            patch,
        }
    }

    /// The oldest SDK this module models: 0.9.x is the documentation's era.
    pub const OLDEST: SdkVersion = SdkVersion::new(0, 9, 1);

    /// The newest SDK whose rules this module knows; applied when no version is given.
    pub const NEWEST: SdkVersion = SdkVersion::new(0, 31, 0);

    /// True when this exact version was published on PyPI.
    pub fn is_released(self) -> bool {
        if self.major != 0 {
            return false;
        }
        RELEASES
            .iter()
            .find(|(minor, _)| *minor == self.minor)
            .is_some_and(|(_, mask)| self.patch < 64 && mask & (1u64 << self.patch) != 0)
    }

    /// The newest release older than this version (`None` before 0.9.1).
    pub fn previous_release(self) -> Option<SdkVersion> {
        releases().rev().find(|v| *v < self)
    }

    /// The oldest release at or after this version (0.10.0 was never published: 0.10.2).
    pub fn first_release_from(self) -> Option<SdkVersion> {
        releases().find(|v| *v >= self)
    }

    /// The released patch versions of this version's minor series, e.g. `0.22.0–0.22.3`,
    /// for messages that correct a version that was never released.
    pub fn released_in_series(self) -> Option<(SdkVersion, SdkVersion)> {
        if self.major != 0 {
            return None;
        }
        let (_, mask) = RELEASES.iter().find(|(minor, _)| *minor == self.minor)?;
        let first = mask.trailing_zeros() as u16;
        let last = 63 - mask.leading_zeros() as u16;
        Some((
            SdkVersion::new(0, self.minor, first),
            SdkVersion::new(0, self.minor, last),
        ))
    }

    /// The version as `pip show wandb` prints it (`0.19.0`). Every decision names its
    /// version, and `to_string` would take it through `core::fmt`'s general machinery.
    pub fn dotted(&self) -> String {
        let mut text = String::with_capacity(8);
        // Writing to a String cannot fail.
        let _ = self.write_dotted(&mut text);
        text
    }

    /// Writes `major.minor.patch` as three plain decimal numbers (no general integer
    /// formatting); [`Self::dotted`] and `Display` share it.
    fn write_dotted(&self, out: &mut impl fmt::Write) -> fmt::Result {
        let mut buf = [0; 20];
        out.write_str(crate::json::decimal(self.major.into(), &mut buf))?;
        out.write_str(".")?;
        out.write_str(crate::json::decimal(self.minor.into(), &mut buf))?;
        out.write_str(".")?;
        out.write_str(crate::json::decimal(self.patch.into(), &mut buf))
    }
}

impl fmt::Display for SdkVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_dotted(f)
    }
}

/// Why a version string could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VersionError {
    /// Not of the form `MAJOR.MINOR.PATCH` with decimal numbers.
    Unparseable,
    /// Well-formed, but older than the oldest SDK this module models.
    TooOld(SdkVersion),
    /// Well-formed and in the modelled range, but never published.
    NeverReleased(SdkVersion),
}

impl fmt::Display for VersionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VersionError::Unparseable => write!(
                f,
                "not a wandb version: expected MAJOR.MINOR.PATCH such as \"{}\"",
                SdkVersion::NEWEST
            ),
            VersionError::TooOld(v) => write!(
                f,
                "wandb {v} is older than {}, the oldest SDK whose resume rules are modelled",
                SdkVersion::OLDEST
            ),
            VersionError::NeverReleased(v) => write!(f, "wandb {v} was never released"),
        }
    }
}

/// Parses `MAJOR.MINOR.PATCH` (decimal, no sign, no suffix, at most 5 digits each).
///
/// A version newer than [`SdkVersion::NEWEST`] parses; the engine warns that it applies the
/// newest rules it knows. A version in the modelled range that PyPI never published is an error.
pub fn parse_sdk_version(text: &str) -> Result<SdkVersion, VersionError> {
    let mut parts = [0u16; 3];
    let mut count = 0;
    for piece in text.split('.') {
        if count == 3 || piece.is_empty() || piece.len() > 5 {
            return Err(VersionError::Unparseable);
        }
        if !piece.bytes().all(|b| b.is_ascii_digit()) {
            return Err(VersionError::Unparseable);
        }
        let value = crate::text::parse_u32(piece).ok_or(VersionError::Unparseable)?;
        parts[count] = u16::try_from(value).map_err(|_| VersionError::Unparseable)?;
        count += 1;
    }
    if count != 3 {
        return Err(VersionError::Unparseable);
    }
    let version = SdkVersion::new(parts[0], parts[1], parts[2]);
    if version < SdkVersion::OLDEST {
        return Err(VersionError::TooOld(version));
    }
    if version <= SdkVersion::NEWEST && !version.is_released() {
        return Err(VersionError::NeverReleased(version));
    }
    Ok(version)
}

/// Every release, oldest first.
fn releases() -> impl DoubleEndedIterator<Item = SdkVersion> {
    RELEASES.iter().flat_map(|&(minor, mask)| {
        (0..64u16)
            .filter(move |patch| mask & (1u64 << patch) != 0)
            .map(move |patch| SdkVersion::new(0, minor, patch))
    })
}

/// Every wandb release from 0.9.1 to [`SdkVersion::NEWEST`], as (minor, bit mask of patches).
/// Taken from PyPI's release list (`pip index versions wandb`); 0.10.0, 0.10.1, 0.10.6 and
/// 0.24.0 do not exist there.
static RELEASES: [(u16, u64); 23] = [
    (9, 0xFE),
    (10, 0x3_FFFF_FFBC),
    (11, 0x7),
    (12, 0x3F_FFFF),
    (13, 0xFFF),
    (14, 0x7),
    (15, 0x1FFF),
    (16, 0x7F),
    (17, 0x3FF),
    (18, 0xFF),
    (19, 0xFFF),
    (20, 0x3),
    (21, 0x1F),
    (22, 0xF),
    (23, 0x3),
    (24, 0x6),
    (25, 0x3),
    (26, 0x3),
    (27, 0x7),
    (28, 0x7),
    (29, 0x1),
    (30, 0x1),
    (31, 0x1),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_released_versions() {
        assert_eq!(parse_sdk_version("0.19.0"), Ok(SdkVersion::new(0, 19, 0)));
        assert_eq!(parse_sdk_version("0.9.7"), Ok(SdkVersion::new(0, 9, 7)));
        assert_eq!(parse_sdk_version("0.31.0"), Ok(SdkVersion::NEWEST));
    }

    #[test]
    fn future_versions_parse() {
        assert_eq!(parse_sdk_version("0.40.2"), Ok(SdkVersion::new(0, 40, 2)));
        assert_eq!(parse_sdk_version("1.0.0"), Ok(SdkVersion::new(1, 0, 0)));
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "",
            "0.19",
            "0.19.0.1",
            "v0.19.0",
            " 0.19.0",
            "0.19.0rc1",
            "0..1",
            "0.-1.0",
            "a.b.c",
            "0.19.999999",
            "0.19.+1",
            "０.19.0",
        ] {
            assert_eq!(
                parse_sdk_version(bad),
                Err(VersionError::Unparseable),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn rejects_unreleased_and_old() {
        assert_eq!(
            parse_sdk_version("0.10.6"),
            Err(VersionError::NeverReleased(SdkVersion::new(0, 10, 6)))
        );
        assert_eq!(
            parse_sdk_version("0.22.5"),
            Err(VersionError::NeverReleased(SdkVersion::new(0, 22, 5)))
        );
        assert_eq!(
            parse_sdk_version("0.8.36"),
            Err(VersionError::TooOld(SdkVersion::new(0, 8, 36)))
        );
        assert_eq!(
            SdkVersion::new(0, 22, 5).released_in_series(),
            Some((SdkVersion::new(0, 22, 0), SdkVersion::new(0, 22, 3)))
        );
    }
}
