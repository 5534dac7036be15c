//! A colour written as `"#rrggbb"` in map files, so people can read and edit it by hand.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// An opaque colour of a stage or curve, 8 bits per channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb {
    /// Red, 0 to 255.
    pub r: u8,
    /// Green, 0 to 255.
    pub g: u8,
    /// Blue, 0 to 255.
    pub b: u8,
}

impl Rgb {
    /// The colour with these red, green and blue channels.
    pub const fn new(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b }
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

/// Text that is not a colour in `"#rrggbb"` form; holds the text as found.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("expected a colour like \"#3a7bd5\", found {0:?}")]
pub struct ParseRgbError(pub String);

impl FromStr for Rgb {
    type Err = ParseRgbError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseRgbError(s.to_owned());
        let hex = s.strip_prefix('#').ok_or_else(err)?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(err());
        }
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| err());
        Ok(Self::new(channel(0)?, channel(2)?, channel(4)?))
    }
}

impl Serialize for Rgb {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Rgb {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Colours new stages and curves cycle through: distinct, readable on white and on dark grey.
pub const PALETTE: [Rgb; 8] = [
    Rgb::new(0x3a, 0x7b, 0xd5),
    Rgb::new(0xe0, 0x7a, 0x2f),
    Rgb::new(0x2e, 0x9e, 0x6b),
    Rgb::new(0xc0, 0x39, 0x5a),
    Rgb::new(0x8a, 0x5c, 0xc7),
    Rgb::new(0x1f, 0x9f, 0xb0),
    Rgb::new(0xb8, 0x8a, 0x1c),
    Rgb::new(0x6b, 0x72, 0x80),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_hex() {
        let c: Rgb = "#3A7bd5".parse().expect("valid colour");
        assert_eq!(c, Rgb::new(0x3a, 0x7b, 0xd5));
        assert_eq!(c.to_string(), "#3a7bd5");
    }

    #[test]
    fn rejects_malformed_colours() {
        for bad in ["3a7bd5", "#3a7bd", "#3a7bd5ff", "#gg0000", "", "#éé0000"] {
            assert!(bad.parse::<Rgb>().is_err(), "{bad:?} should be rejected");
        }
    }
}
