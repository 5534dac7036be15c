//! How big a map may be. Far beyond any real map, these keep a hostile or broken file from
//! costing minutes or gigabytes: every reader refuses what lies beyond them, with a message
//! naming the limit.

/// The most bytes a map file (or the map inside a picture) may have.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The widest an emotion scale may be: `max - min`.
pub const MAX_SCALE_SPAN: i32 = 20;
/// The most characters one text field (a title, a note…) may hold.
pub const MAX_TEXT_CHARS: usize = 10_000;
/// The most stages a map may have.
pub const MAX_STAGES: usize = 2_000;
/// The most touchpoints a map may have, across its stages.
pub const MAX_TOUCHPOINTS: usize = 10_000;
/// The most lanes a map may have.
pub const MAX_LANES: usize = 200;
/// The most notes a map may have, across its lanes.
pub const MAX_NOTES: usize = 50_000;
/// The most emotion curves a map may have.
pub const MAX_CURVES: usize = 50;
/// The most personas a map may have.
pub const MAX_PERSONAS: usize = 200;
/// The most conflict marks a map may have.
pub const MAX_CONFLICTS: usize = 10_000;
/// The largest id: room is left above it so new items always find a fresh one.
pub const MAX_ID: u32 = 2_000_000_000;

/// `text` quoted for a message, cut to a readable length: `"Order the…"`.
pub fn quoted(text: &str) -> String {
    const SHOWN: usize = 60;
    if text.chars().count() <= SHOWN {
        format!("{text:?}")
    } else {
        let cut: String = text.chars().take(SHOWN).collect();
        format!("{:?}", format!("{cut}…"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_cut_in_messages() {
        assert_eq!(quoted("Order"), "\"Order\"");
        let long = "x".repeat(10_000_000);
        let shown = quoted(&long);
        assert!(shown.len() < 80 && shown.ends_with("…\""), "{shown}");
        assert_eq!(quoted("a\nb"), "\"a\\nb\"");
    }
}
