//! The clipboard format: copied stages, touchpoints and lane notes as RON text, readable in a
//! text editor and pasteable into any Journey Map window. Scores travel by curve name and lane
//! notes by lane name, since ids mean nothing in another map.

use crate::model::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The name in the clip's `format` field.
pub const CLIP_FORMAT: &str = "journeymap-clip";

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clip {
    pub format: String,
    pub version: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<ClipStage>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub touchpoints: Vec<ClipTouchpoint>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClipTouchpoint {
    pub touchpoint: Touchpoint,
    /// Scores by curve name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub scores: BTreeMap<String, i32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClipStage {
    pub id: StageId,
    pub name: String,
    pub colour: Rgb,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub touchpoints: Vec<ClipTouchpoint>,
    /// The stage's notes by lane name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub notes: BTreeMap<String, Vec<Note>>,
}

impl Clip {
    pub fn is_empty(&self) -> bool {
        self.stages.is_empty() && self.touchpoints.is_empty() && self.notes.is_empty()
    }

    /// What of `selection` can be copied from `map`, in map order.
    pub fn copy(map: &JourneyMap, selection: &std::collections::BTreeSet<Item>) -> Clip {
        let touchpoint = |tp: &Touchpoint| ClipTouchpoint {
            touchpoint: tp.clone(),
            scores: map
                .curves
                .iter()
                .filter_map(|c| c.scores.get(&tp.id).map(|s| (c.name.clone(), *s)))
                .collect(),
        };
        let mut clip = Clip {
            format: CLIP_FORMAT.into(),
            version: 1,
            ..Clip::default()
        };
        for stage in &map.stages {
            if selection.contains(&Item::Stage(stage.id)) {
                clip.stages.push(ClipStage {
                    id: stage.id,
                    name: stage.name.clone(),
                    colour: stage.colour,
                    touchpoints: stage.touchpoints.iter().map(touchpoint).collect(),
                    notes: map
                        .lanes
                        .iter()
                        .filter(|l| !l.notes_in(stage.id).is_empty())
                        .map(|l| (l.name.clone(), l.notes_in(stage.id).to_vec()))
                        .collect(),
                });
                continue;
            }
            clip.touchpoints.extend(
                stage
                    .touchpoints
                    .iter()
                    .filter(|t| selection.contains(&Item::Touchpoint(t.id)))
                    .map(touchpoint),
            );
        }
        for lane in &map.lanes {
            for stage in &map.stages {
                clip.notes.extend(
                    lane.notes_in(stage.id)
                        .iter()
                        .filter(|n| selection.contains(&Item::Note(n.id)))
                        .cloned(),
                );
            }
        }
        clip
    }

    pub fn to_text(&self) -> String {
        let config = ron::ser::PrettyConfig::new()
            .new_line("\n")
            .struct_names(false);
        ron::ser::to_string_pretty(self, config).expect(
            "a clip holds only strings, numbers, lists and maps, which RON can always write",
        )
    }

    /// Reads clipboard text; None when it is not a clip of ours (plain text, say).
    pub fn from_text(text: &str) -> Option<Clip> {
        let clip: Clip = ron::Options::default().from_str(text.trim()).ok()?;
        (clip.format == CLIP_FORMAT).then_some(clip)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
        let text = clip.to_text();
        assert!(text.contains("journeymap-clip"));
        assert_eq!(Clip::from_text(&text), Some(clip));
        assert_eq!(Clip::from_text("just some words"), None);
        assert_eq!(
            Clip::from_text(&crate::io::to_ron(&map)),
            None,
            "a map is not a clip"
        );
    }
}
