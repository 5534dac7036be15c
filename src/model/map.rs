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
    pub header: Header,
    pub scale: EmotionScale,
    pub stages: Vec<Stage>,
    pub lanes: Vec<Lane>,
    pub curves: Vec<EmotionCurve>,
}

/// What the map is about: the persona, their scenario and what they expect.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub personas: Vec<Persona>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scenario: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub expectations: String,
}

/// The customer whose point of view a curve takes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    pub id: PersonaId,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<String>,
}

/// The integer range emotion scores live in, with optional words and faces per level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmotionScale {
    pub min: i32,
    pub max: i32,
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
    pub fn contains(&self, score: i32) -> bool {
        (self.min..=self.max).contains(&score)
    }

    pub fn clamp(&self, score: i32) -> i32 {
        score.clamp(self.min, self.max.max(self.min))
    }

    pub fn level(&self, value: i32) -> Option<&ScaleLevel> {
        self.levels.iter().find(|level| level.value == value)
    }
}

/// The name (and face) of one level of the scale, e.g. `+2 = "delighted" 😄`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleLevel {
    pub value: i32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emoji: Option<String>,
}

/// A phase of the journey: one column of the map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: StageId,
    pub name: String,
    pub colour: Rgb,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub touchpoints: Vec<Touchpoint>,
}

/// One interaction between the customer and the business, in a stage, through a channel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Touchpoint {
    pub id: TouchpointId,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "is_default")]
    pub channel: Channel,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(default, skip_serializing_if = "is_default")]
    pub votes: u32,
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
        InPerson,
        Phone,
        Web,
        App,
        WeChat,
        Sms,
        Email,
        Social,
        Delivery,
        Packaging,
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
    pub id: LaneId,
    pub name: String,
    pub kind: LaneKind,
    /// Notes per stage, in order; a stage with no notes has no entry.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub notes: BTreeMap<StageId, Vec<Note>>,
}

impl Lane {
    pub fn notes_in(&self, stage: StageId) -> &[Note] {
        self.notes.get(&stage).map_or(&[], Vec::as_slice)
    }
}

listed_enum! {
    /// What a lane holds: the common rows of journey maps, or the team's own.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum LaneKind as ALL {
        Actions,
        Thoughts,
        Feelings,
        PainPoints,
        Opportunities,
        Backstage,
        Custom,
    }
}

/// A sticky note in one cell of a lane: a thought, a pain point, an idea.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub id: NoteId,
    pub text: String,
    #[serde(default, skip_serializing_if = "is_default")]
    pub votes: u32,
}

/// How one persona (or one scenario, as-is or to-be) feels at each touchpoint.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmotionCurve {
    pub id: CurveId,
    pub name: String,
    pub colour: Rgb,
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

    pub fn touchpoints(&self) -> impl Iterator<Item = &Touchpoint> {
        self.stages.iter().flat_map(|s| s.touchpoints.iter())
    }

    pub fn touchpoint_count(&self) -> usize {
        self.stages.iter().map(|s| s.touchpoints.len()).sum()
    }

    pub fn stage(&self, id: StageId) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }

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

    pub fn touchpoint(&self, id: TouchpointId) -> Option<&Touchpoint> {
        self.touchpoint_position(id)
            .map(|(si, ti)| &self.stages[si].touchpoints[ti])
    }

    pub fn lane(&self, id: LaneId) -> Option<&Lane> {
        self.lanes.iter().find(|l| l.id == id)
    }

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
