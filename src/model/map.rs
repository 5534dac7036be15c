//! The journey map itself: plain data, in the order people read it.

use super::color::{PALETTE, Rgb};
use super::ids::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// A whole customer journey map: who, what they want, and what happens to them stage by stage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JourneyMap {
    /// The title, personas, scenario and expectations above the map.
    pub header: Header,
    /// The range emotion scores live in, and the names of its levels.
    pub scale: EmotionScale,
    /// The columns of the map, left to right.
    pub stages: Vec<Stage>,
    /// The rows of notes below the emotion curves, top to bottom.
    pub lanes: Vec<Lane>,
    /// The emotion curves drawn over the touchpoints.
    pub curves: Vec<EmotionCurve>,
}

/// What the map is about: the persona, their scenario and what they expect.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// The map's title.
    pub title: String,
    /// The customers the map is about, in the order the header shows them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub personas: Vec<Persona>,
    /// The situation the journey follows, e.g. "booking a table for a birthday".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scenario: String,
    /// What the customer expects to get from the journey.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub expectations: String,
}

/// The customer whose point of view a curve takes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    /// The persona's stable id; curves refer to it.
    pub id: PersonaId,
    /// The persona's name as the header shows it.
    pub name: String,
    /// Who the persona is, shown under the name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// What the persona wants to achieve, one goal per entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<String>,
}

/// The integer range emotion scores live in, with optional words and faces per level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmotionScale {
    /// The lowest score, the most negative feeling.
    pub min: i32,
    /// The highest score, the most positive feeling.
    pub max: i32,
    /// Names and faces for some or all scores in `min..=max`; a score may have none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<ScaleLevel>,
}

impl Default for EmotionScale {
    /// The service-design convention: −2 (very negative) to +2 (delighted).
    fn default() -> Self {
        Self {
            min: -2,
            max: 2,
            levels: Vec::new(),
        }
    }
}

impl EmotionScale {
    /// Whether `score` lies in `min..=max`.
    pub fn contains(&self, score: i32) -> bool {
        (self.min..=self.max).contains(&score)
    }

    /// `score` moved into `min..=max` (to `min` if the scale is inverted).
    pub fn clamp(&self, score: i32) -> i32 {
        score.clamp(self.min, self.max.max(self.min))
    }

    /// The named level for score `value`, if the scale names it.
    pub fn level(&self, value: i32) -> Option<&ScaleLevel> {
        self.levels.iter().find(|level| level.value == value)
    }
}

/// The name (and face) of one level of the scale, e.g. `+2 = "delighted" 😄`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleLevel {
    /// The score this level names.
    pub value: i32,
    /// The word for the level, e.g. "delighted"; may be empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// A face (an emoji) shown beside the level's line in the curve band, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emoji: Option<String>,
}

/// A phase of the journey: one column of the map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// The stage's stable id; lanes key their notes by it.
    pub id: StageId,
    /// The name in the column header, e.g. "Order".
    pub name: String,
    /// The colour of the column header; a pale wash of it tints the whole column.
    pub colour: Rgb,
    /// The cards in this column, left to right in the order they happen.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub touchpoints: Vec<Touchpoint>,
    /// A locked stage cannot be dragged or deleted on the canvas (format version 2).
    #[serde(default, skip_serializing_if = "is_default")]
    pub locked: bool,
}

/// One interaction between the customer and the business, in a stage, through a channel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Touchpoint {
    /// The touchpoint's stable id; curves key their scores by it.
    pub id: TouchpointId,
    /// The title on the card.
    pub title: String,
    /// A longer text shown on the card under the title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Where the interaction happens, shown as a tag on the card.
    #[serde(default, skip_serializing_if = "is_default")]
    pub channel: Channel,
    /// The team's working notes, shown in the inspector but not on the card.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// How many votes the team gave the touchpoint, e.g. when picking what to fix first.
    #[serde(default, skip_serializing_if = "is_default")]
    pub votes: u32,
    /// A locked touchpoint cannot be dragged or deleted (nor can its stage be deleted).
    #[serde(default, skip_serializing_if = "is_default")]
    pub locked: bool,
}

impl Touchpoint {
    /// A touchpoint with just an id and a title: no description, notes or votes, channel
    /// "other", unlocked.
    pub fn new(id: TouchpointId, title: impl Into<String>) -> Self {
        Self {
            id,
            title: title.into(),
            description: String::new(),
            channel: Channel::Other,
            notes: String::new(),
            votes: 0,
            locked: false,
        }
    }
}

listed_enum! {
    /// Where a touchpoint happens. `NAMED` lists the named channels, in the order a picker
    /// shows them.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Channel as NAMED {
        /// Face to face, e.g. at a counter or a table.
        InPerson,
        /// A phone call.
        Phone,
        /// A website.
        Web,
        /// A mobile app.
        App,
        /// WeChat, including its mini programs.
        WeChat,
        /// A text message.
        Sms,
        /// An email.
        Email,
        /// Social media.
        Social,
        /// A delivery to the customer.
        Delivery,
        /// The product's packaging.
        Packaging,
        /// Any channel not worth naming; the default.
        #[default]
        Other;
        /// A channel the list does not name, in the team's own words.
        Custom(String),
    }
}

/// A row of the map: what the customer does, thinks, feels, where it hurts, what could be better,
/// or what happens backstage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lane {
    /// The lane's stable id.
    pub id: LaneId,
    /// The name in the row header.
    pub name: String,
    /// What the lane holds, which sets its colours.
    pub kind: LaneKind,
    /// Notes per stage, in order; a stage with no notes has no entry.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub notes: BTreeMap<StageId, Vec<Note>>,
    /// A locked lane cannot be dragged or deleted, nor can its notes be moved, taken out or
    /// deleted (format version 2).
    #[serde(default, skip_serializing_if = "is_default")]
    pub locked: bool,
}

impl Lane {
    /// The notes in this lane's cell under `stage`, in order (empty if none).
    pub fn notes_in(&self, stage: StageId) -> &[Note] {
        self.notes.get(&stage).map_or(&[], Vec::as_slice)
    }
}

listed_enum! {
    /// What a lane holds: the common rows of journey maps, or the team's own.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum LaneKind as ALL {
        /// What the customer does.
        Actions,
        /// What the customer thinks.
        Thoughts,
        /// What the customer feels, in words.
        Feelings,
        /// Where the journey hurts.
        PainPoints,
        /// What could be better.
        Opportunities,
        /// What the business does out of the customer's sight.
        Backstage,
        /// A row of the team's own, named by the lane's name.
        Custom,
    }
}

/// A sticky note in one cell of a lane: a thought, a pain point, an idea.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// The note's stable id.
    pub id: NoteId,
    /// What the note says.
    pub text: String,
    /// How many votes the team gave the note.
    #[serde(default, skip_serializing_if = "is_default")]
    pub votes: u32,
    /// A locked note cannot be dragged or deleted (format version 2).
    #[serde(default, skip_serializing_if = "is_default")]
    pub locked: bool,
}

/// How one persona (or one scenario, as-is or to-be) feels at each touchpoint.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmotionCurve {
    /// The curve's stable id.
    pub id: CurveId,
    /// The curve's name in the legend, e.g. "As-is".
    pub name: String,
    /// The colour the curve is drawn in.
    pub colour: Rgb,
    /// The persona whose feelings the curve shows, if it is tied to one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persona: Option<PersonaId>,
    /// A touchpoint with no entry has no score on this curve.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub scores: BTreeMap<TouchpointId, i32>,
}

impl JourneyMap {
    /// An empty map with the default scale, one stage, one curve and the usual lanes, so a new
    /// map is ready to type into.
    pub fn blank(title: &str) -> Self {
        let mut ids = IdAllocator::after(0);
        let stage = Stage {
            id: ids.stage(),
            name: "Stage 1".into(),
            colour: PALETTE[0],
            touchpoints: Vec::new(),
            locked: false,
        };
        let lanes = [
            ("Actions", LaneKind::Actions),
            ("Thoughts", LaneKind::Thoughts),
            ("Pain points", LaneKind::PainPoints),
            ("Opportunities", LaneKind::Opportunities),
        ]
        .into_iter()
        .map(|(name, kind)| Lane {
            id: ids.lane(),
            name: name.into(),
            kind,
            notes: BTreeMap::new(),
            locked: false,
        })
        .collect();
        let curve = EmotionCurve {
            id: ids.curve(),
            name: "Emotion".into(),
            colour: PALETTE[3],
            persona: None,
            scores: BTreeMap::new(),
        };
        Self {
            header: Header {
                title: title.into(),
                ..Header::default()
            },
            scale: EmotionScale::default(),
            stages: vec![stage],
            lanes,
            curves: vec![curve],
        }
    }

    /// The largest id used anywhere in the map (0 for none).
    pub fn max_id(&self) -> u32 {
        self.all_ids().max().unwrap_or(0)
    }

    /// An allocator whose ids are fresh for this map.
    pub fn id_allocator(&self) -> IdAllocator {
        IdAllocator::after(self.max_id())
    }

    /// Every id the map defines, as raw numbers, in file order.
    pub fn all_ids(&self) -> impl Iterator<Item = u32> + '_ {
        let personas = self.header.personas.iter().map(|p| p.id.0);
        let stages = self
            .stages
            .iter()
            .flat_map(|s| std::iter::once(s.id.0).chain(s.touchpoints.iter().map(|t| t.id.0)));
        let lanes = self.lanes.iter().flat_map(|l| {
            std::iter::once(l.id.0).chain(l.notes.values().flatten().map(|n| n.id.0))
        });
        let curves = self.curves.iter().map(|c| c.id.0);
        personas.chain(stages).chain(lanes).chain(curves)
    }

    /// Every touchpoint in the order they happen: stage by stage, left to right.
    pub fn touchpoints(&self) -> impl Iterator<Item = &Touchpoint> {
        self.stages.iter().flat_map(|s| s.touchpoints.iter())
    }

    /// How many touchpoints the map has across all stages.
    pub fn touchpoint_count(&self) -> usize {
        self.stages.iter().map(|s| s.touchpoints.len()).sum()
    }

    /// The stage with this id.
    pub fn stage(&self, id: StageId) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }

    /// Where the stage with this id is among the stages, counting from the left.
    pub fn stage_index(&self, id: StageId) -> Option<usize> {
        self.stages.iter().position(|s| s.id == id)
    }

    /// Where a touchpoint is: (stage index, index within the stage).
    pub fn touchpoint_position(&self, id: TouchpointId) -> Option<(usize, usize)> {
        self.stages.iter().enumerate().find_map(|(si, stage)| {
            stage
                .touchpoints
                .iter()
                .position(|t| t.id == id)
                .map(|ti| (si, ti))
        })
    }

    /// The touchpoint with this id, in whichever stage it is.
    pub fn touchpoint(&self, id: TouchpointId) -> Option<&Touchpoint> {
        self.touchpoint_position(id)
            .map(|(si, ti)| &self.stages[si].touchpoints[ti])
    }

    /// The lane with this id.
    pub fn lane(&self, id: LaneId) -> Option<&Lane> {
        self.lanes.iter().find(|l| l.id == id)
    }

    /// The emotion curve with this id.
    pub fn curve(&self, id: CurveId) -> Option<&EmotionCurve> {
        self.curves.iter().find(|c| c.id == id)
    }

    /// One-line summary used by `journeymap check`.
    pub fn summary(&self) -> String {
        format!(
            "stages={} touchpoints={} lanes={} curves={}",
            self.stages.len(),
            self.touchpoint_count(),
            self.lanes.len(),
            self.curves.len()
        )
    }
}
