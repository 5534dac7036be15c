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
/// The version of the clip format this build writes and reads.
pub const CLIP_VERSION: u32 = 2;

/// What was copied from a map, in map order: whole stages, loose touchpoints and loose notes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clip {
    /// Always [`CLIP_FORMAT`], so clipboard text from elsewhere is not taken for a clip.
    pub format: String,
    /// The version of the clip format: 2 since notes carry their anchor.
    pub version: u32,
    /// Stages copied whole, with their cards, scores and notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<ClipStage>,
    /// Touchpoints copied without their stage.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub touchpoints: Vec<ClipTouchpoint>,
    /// Notes copied without their lane or stage.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

/// A copied touchpoint with the scores the map's curves gave it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClipTouchpoint {
    /// The touchpoint as it was; pasting gives it a fresh id.
    pub touchpoint: Touchpoint,
    /// Scores by curve name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub scores: BTreeMap<String, i32>,
}

/// A stage copied whole: its column, its cards and the notes of every lane under it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClipStage {
    /// The stage's id in the map it was copied from; pasting gives it a fresh one.
    pub id: StageId,
    /// The stage's name.
    pub name: String,
    /// The stage's colour.
    pub colour: Rgb,
    /// The stage's description.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The stage's own scores, by curve name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub stage_scores: BTreeMap<String, i32>,
    /// The stage's touchpoints, in order, with their scores.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub touchpoints: Vec<ClipTouchpoint>,
    /// The notes anchored within the stage (to it or its touchpoints), by lane name; their
    /// anchors name the ids the stage and its touchpoints had.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub notes: BTreeMap<String, Vec<Note>>,
}

impl Clip {
    /// Whether the clip holds nothing to paste.
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
            version: CLIP_VERSION,
            ..Clip::default()
        };
        for stage in &map.stages {
            if selection.contains(&Item::Stage(stage.id)) {
                clip.stages.push(ClipStage {
                    id: stage.id,
                    name: stage.name.clone(),
                    colour: stage.colour,
                    description: stage.description.clone(),
                    stage_scores: map
                        .curves
                        .iter()
                        .filter_map(|c| c.stage_scores.get(&stage.id).map(|s| (c.name.clone(), *s)))
                        .collect(),
                    touchpoints: stage.touchpoints.iter().map(touchpoint).collect(),
                    notes: map
                        .lanes
                        .iter()
                        .map(|l| (l.name.clone(), map.notes_within(l, stage)))
                        .filter(|(_, notes)| !notes.is_empty())
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
            clip.notes.extend(
                lane.notes
                    .iter()
                    .filter(|n| selection.contains(&Item::Note(n.id)))
                    .cloned(),
            );
        }
        clip
    }
}
