//! Clipboard text, as pasted into the editor: must never panic, and a clip it accepts must
//! write back as the same clip.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(text) = std::str::from_utf8(bytes)
        && let Some(clip) = journeymap::io::clip_from_text(text)
    {
        let again = journeymap::io::clip_from_text(&journeymap::io::clip_to_text(&clip));
        assert_eq!(again.as_ref(), Some(&clip));
    }
});
