//! The clipboard's text form: a [`Clip`] as RON text, readable in a text editor and pasteable
//! into any Journey Map window.

use crate::model::{CLIP_FORMAT, CLIP_VERSION, Clip};

/// A clip as clipboard text.
pub fn clip_to_text(clip: &Clip) -> String {
    let config = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .struct_names(false);
    ron::ser::to_string_pretty(clip, config)
        .expect("a clip holds only strings, numbers, lists and maps, which RON can always write")
}

/// Reads clipboard text; None when it is not a clip of ours (plain text, say).
pub fn clip_from_text(text: &str) -> Option<Clip> {
    // Clipboard text as large as a map file at most (anything larger is not a clip of ours).
    if text.len() as u64 > crate::model::limits::MAX_FILE_BYTES {
        return None;
    }
    let clip: Clip = ron::Options::default().from_str(text.trim()).ok()?;
    (clip.format == CLIP_FORMAT && clip.version == CLIP_VERSION).then_some(clip)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Item;
    use std::collections::BTreeSet;

    #[test]
    fn a_clip_round_trips_through_text() {
        let map = crate::templates::find("restaurant-zh")
            .expect("template")
            .map();
        let selection = BTreeSet::from([
            Item::Stage(map.stages[1].id),
            Item::Touchpoint(map.stages[0].touchpoints[0].id),
            Item::Note(map.lanes[0].notes_in(map.stages[0].id)[0].id),
        ]);
        let clip = Clip::copy(&map, &selection);
        assert_eq!(
            (clip.stages.len(), clip.touchpoints.len(), clip.notes.len()),
            (1, 1, 1)
        );
        assert!(
            !clip.touchpoints[0].scores.is_empty(),
            "scores travel by curve name"
        );
        let text = clip_to_text(&clip);
        assert!(text.contains("journeymap-clip"));
        assert_eq!(clip_from_text(&text), Some(clip));
        assert_eq!(clip_from_text("just some words"), None);
        assert_eq!(
            clip_from_text(&crate::io::to_ron(&map)),
            None,
            "a map is not a clip"
        );
    }
}
