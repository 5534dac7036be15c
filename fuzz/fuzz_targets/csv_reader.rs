//! CSV bytes: UTF-8, separators, headers in two languages, quoted cells over several lines,
//! numbers in cells. Must never panic; what it reads must be a sound map whose own export
//! reads back.
#![no_main]

use journeymap::formats::{Format, read};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(opened) = read(bytes, Format::Csv) {
        assert!(opened.map.validate().is_empty());
        let (table, _) = journeymap::io::to_csv(&opened.map);
        assert!(journeymap::io::from_csv(&table).is_ok(), "its own export reads back");
    }
});
