//! Mermaid text: the line reader, comments, front matter, scores read as JavaScript's
//! `Number()` does, the scale widened to hold them, and the ids comments carry. Must never
//! panic; what it reads must be a sound map whose own export reads back.
#![no_main]

use journeymap::formats::{Format, read};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(opened) = read(bytes, Format::Mermaid) {
        assert!(opened.map.validate().is_empty());
        let (text, _) = journeymap::io::to_mermaid(&opened.map);
        assert!(journeymap::io::from_mermaid(&text).is_ok(), "its own export reads back");
    }
});
