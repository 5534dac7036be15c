//! SVG bytes: the XML parser, finding the map's metadata element, and the map text inside.
//! Must never panic.
#![no_main]

use journeymap::formats::{Format, read};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(opened) = read(bytes, Format::Svg) {
        assert!(opened.map.validate().is_empty());
    }
});
