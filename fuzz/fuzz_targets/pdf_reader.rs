//! PDF bytes: lopdf's parser, the embedded-file name tree (with its `Kids`), the embedded
//! stream inflated to a bounded size, and the map text inside. Must never panic.
#![no_main]

use journeymap::formats::{Format, read};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(opened) = read(bytes, Format::Pdf) {
        assert!(opened.map.validate().is_empty());
    }
});
