//! Map file bytes: UTF-8 checks, the RON parser, migrations, validation and locating every
//! problem at its line and column. Must never panic, and a map it accepts must be sound and
//! save to text that reads back as the same map.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(map) = journeymap::io::from_bytes(bytes) {
        assert!(map.validate().is_empty());
        let text = journeymap::io::to_ron(&map);
        let back = journeymap::io::from_ron(&text).expect("our own output reads back");
        assert_eq!(back, map);
    }
});
