//! PNG bytes: the chunk walk (before and after the image data, checksums, cut files) and the
//! map text inside. Must never panic.
#![no_main]

use journeymap::formats::{Format, read};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(opened) = read(bytes, Format::Png) {
        assert!(opened.map.validate().is_empty());
    }
});
