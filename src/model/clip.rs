//! What the clipboard carries: copied stages, touchpoints and lane notes. Scores travel by curve
//! name and lane notes by lane name, since ids mean nothing in another map. Its text form is in
//! `io`.

use super::color::Rgb;
use super::ids::StageId;
use super::item::Item;
use super::map::{JourneyMap, Note, Touchpoint};
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
}
