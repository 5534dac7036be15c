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
    /// How the map is laid out and what it shows (format version 3).
    #[serde(default, skip_serializing_if = "is_default")]
    pub options: MapOptions,
    /// What a merge could not decide, waiting for someone to choose (format version 4).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<super::Conflict>,
}

/// How a map is laid out and what it shows, beyond its content (format version 3).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MapOptions {
    /// Number the touchpoints 1 to n across the journey, on their cards.
    #[serde(skip_serializing_if = "is_default")]
    pub number_steps: bool,
    /// Show a touchpoint's notes on its card.
    #[serde(skip_serializing_if = "is_default")]
    pub show_touchpoint_notes: bool,
    /// Continue a long journey on further bands below.
    #[serde(skip_serializing_if = "is_default")]
    pub wrap: Wrap,
    /// The touchpoints row's name in the team's words (empty: the interface's word).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub touchpoints_name: String,
    /// The emotion band's name in the team's words (empty: the interface's word).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub emotion_name: String,
    /// Where the touchpoints row stands among all the rows, counting from 0 at the top; the
    /// lanes fill the places the two fixed rows leave, in their own order.
    #[serde(skip_serializing_if = "is_zero")]
    pub touchpoints_row: u32,
    /// Where the emotion band stands among all the rows (1 by default: under the touchpoints).
    #[serde(skip_serializing_if = "is_one")]
    pub emotion_row: u32,
}

fn is_zero(value: &u32) -> bool {
    *value == 0
}

fn is_one(value: &u32) -> bool {
    *value == 1
}

impl Default for MapOptions {
    fn default() -> Self {
        Self {
            number_steps: false,
            show_touchpoint_notes: false,
            wrap: Wrap::None,
            touchpoints_name: String::new(),
            emotion_name: String::new(),
            touchpoints_row: 0,
            emotion_row: 1,
        }
    }
}

/// A row of the map, top to bottom: the touchpoint cards, the emotion band or a lane.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Row {
    /// The touchpoint cards.
    Touchpoints,
    /// The band of emotion curves.
    Emotion,
    /// A lane of notes.
    Lane(LaneId),
}

impl JourneyMap {
    /// The rows top to bottom: the lanes in their order, with the touchpoints row and the
    /// emotion band put in at their places (the lower place first; a place past the end puts
    /// the row last).
    pub fn rows(&self) -> Vec<Row> {
        let mut rows: Vec<Row> = self.lanes.iter().map(|l| Row::Lane(l.id)).collect();
        let mut fixed = [
            (self.options.touchpoints_row, Row::Touchpoints),
            (self.options.emotion_row, Row::Emotion),
        ];
        fixed.sort_by_key(|(place, row)| (*place, *row != Row::Touchpoints));
        for (place, row) in fixed {
            let at = (place as usize).min(rows.len());
            rows.insert(at, row);
        }
        rows
    }

    /// The options that put the rows in this order (which must hold each row once): the lane
    /// order it implies, and the places of the two fixed rows.
    pub fn places_for(rows: &[Row]) -> (Vec<LaneId>, u32, u32) {
        let place = |wanted: Row| {
            rows.iter()
                .position(|r| *r == wanted)
                .map_or(0, |p| u32::try_from(p).unwrap_or(u32::MAX))
        };
        let lanes = rows
            .iter()
            .filter_map(|r| match r {
                Row::Lane(id) => Some(*id),
                _ => None,
            })
            .collect();
        (lanes, place(Row::Touchpoints), place(Row::Emotion))
    }
}

/// How a long journey continues on bands below the first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Wrap {
    /// One band, however long.
    #[default]
    None,
    /// A new band after this many stages.
    AfterStages(u32),
    /// Bands shaped to print on a page of this shape.
    Page(PageShape),
}

/// A page shape a wrapped map is fitted to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PageShape {
    /// A4 landscape (297 × 210 mm).
    A4Landscape,
    /// A3 landscape (420 × 297 mm).
    A3Landscape,
}

impl PageShape {
    /// Width over height.
    pub fn aspect(self) -> f32 {
        match self {
            PageShape::A4Landscape => 297.0 / 210.0,
            PageShape::A3Landscape => 420.0 / 297.0,
        }
    }
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
    /// Who made the map and when, its source and licence: the footer's credit line.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
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
    /// The score that means "neither good nor bad", drawn as the heavy line. None: 0 when the
    /// scale runs from below zero to above it, else no neutral line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub neutral: Option<i32>,
}

impl Default for EmotionScale {
    /// The service-design convention: −2 (very negative) to +2 (delighted).
    fn default() -> Self {
        Self {
            min: -2,
            max: 2,
            levels: Vec::new(),
            neutral: None,
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

    /// The neutral score: the one set, or 0 when the scale runs from below zero to above it.
    pub fn neutral_level(&self) -> Option<i32> {
        self.neutral
            .or_else(|| (self.min < 0 && self.max > 0).then_some(0))
            .filter(|n| self.contains(*n))
    }

    /// A score as the scale's labels write it: `+2`, `0`, `−1`.
    pub fn score_text(value: i32) -> String {
        match value {
            0 => "0".to_owned(),
            v if v > 0 => format!("+{v}"),
            v => format!("−{}", v.unsigned_abs()),
        }
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
    /// The stage's stable id; notes and stage scores refer to it.
    pub id: StageId,
    /// The name in the column header, e.g. "Order".
    pub name: String,
    /// The colour of the column header; a pale wash of it tints the whole column.
    pub colour: Rgb,
    /// A line or two under the name, saying what happens in the stage (format version 3).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The cards in this column, left to right in the order they happen.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub touchpoints: Vec<Touchpoint>,
    /// A locked stage cannot be dragged or deleted on the canvas (format version 2).
    #[serde(default, skip_serializing_if = "is_default")]
    pub locked: bool,
}

impl Stage {
    /// A stage with an id, a name and a colour, and nothing in it yet.
    pub fn new(id: StageId, name: impl Into<String>, colour: Rgb) -> Self {
        Self {
            id,
            name: name.into(),
            colour,
            description: String::new(),
            touchpoints: Vec::new(),
            locked: false,
        }
    }
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
    /// Where the interaction happens, shown as a tag on the card; None when the map does not
    /// say (then no tag shows).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    /// The personas taking part, shown as their initials on the card (format version 3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<PersonaId>,
    /// A web address for the page or the evidence behind the touchpoint: `http`, `https` or
    /// `mailto` only (format version 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// The team's working notes: in the inspector, and on the card when the map shows them.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// How many votes the team gave the touchpoint, e.g. when picking what to fix first.
    #[serde(default, skip_serializing_if = "is_default")]
    pub votes: u32,
    /// A locked touchpoint cannot be dragged or deleted (nor can its stage be deleted).
    #[serde(default, skip_serializing_if = "is_default")]
    pub locked: bool,
    /// The moment the customer decides on (format version 5): drawn apart, and its weakest
    /// one reported on its own.
    #[serde(default, skip_serializing_if = "is_default")]
    pub moment_of_truth: bool,
    /// How the touchpoint does on the COURTED checklist (format version 5).
    #[serde(default, skip_serializing_if = "is_default")]
    pub courted: Courted,
}

/// How a touchpoint does on one quality of the COURTED checklist.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Check {
    /// Nobody has looked yet.
    #[default]
    NotAssessed,
    /// It does well.
    Pass,
    /// It fails the customer.
    Fail,
}

/// The COURTED checklist of a touchpoint (format version 5): Clean, Order, Understanding,
/// Respect, Time-saving, Easy, Dependable, each passed, failed or not assessed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Courted {
    /// Clean: the place, the screen, the packaging.
    #[serde(skip_serializing_if = "is_default")]
    pub clean: Check,
    /// Order: well organised, the next step obvious.
    #[serde(skip_serializing_if = "is_default")]
    pub order: Check,
    /// Understanding of what the customer needs.
    #[serde(skip_serializing_if = "is_default")]
    pub understanding: Check,
    /// Respect for the customer.
    #[serde(skip_serializing_if = "is_default")]
    pub respect: Check,
    /// Time-saving: no waiting, no wasted steps.
    #[serde(skip_serializing_if = "is_default")]
    pub time_saving: Check,
    /// Easy: little mental and physical effort.
    #[serde(skip_serializing_if = "is_default")]
    pub easy: Check,
    /// Dependable: it works, every time.
    #[serde(skip_serializing_if = "is_default")]
    pub dependable: Check,
}

/// The qualities of the COURTED checklist, in its order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Quality {
    /// Clean.
    Clean,
    /// Order.
    Order,
    /// Understanding.
    Understanding,
    /// Respect.
    Respect,
    /// Time-saving.
    TimeSaving,
    /// Easy.
    Easy,
    /// Dependable.
    Dependable,
}

impl Quality {
    /// All seven, in the checklist's order.
    pub const ALL: [Quality; 7] = [
        Quality::Clean,
        Quality::Order,
        Quality::Understanding,
        Quality::Respect,
        Quality::TimeSaving,
        Quality::Easy,
        Quality::Dependable,
    ];

    /// Its name in the file.
    pub fn key(self) -> &'static str {
        match self {
            Quality::Clean => "clean",
            Quality::Order => "order",
            Quality::Understanding => "understanding",
            Quality::Respect => "respect",
            Quality::TimeSaving => "time_saving",
            Quality::Easy => "easy",
            Quality::Dependable => "dependable",
        }
    }
}

impl Courted {
    /// The check for `quality`.
    pub fn get(&self, quality: Quality) -> Check {
        match quality {
            Quality::Clean => self.clean,
            Quality::Order => self.order,
            Quality::Understanding => self.understanding,
            Quality::Respect => self.respect,
            Quality::TimeSaving => self.time_saving,
            Quality::Easy => self.easy,
            Quality::Dependable => self.dependable,
        }
    }

    /// Sets the check for `quality`.
    pub fn set(&mut self, quality: Quality, check: Check) {
        let slot = match quality {
            Quality::Clean => &mut self.clean,
            Quality::Order => &mut self.order,
            Quality::Understanding => &mut self.understanding,
            Quality::Respect => &mut self.respect,
            Quality::TimeSaving => &mut self.time_saving,
            Quality::Easy => &mut self.easy,
            Quality::Dependable => &mut self.dependable,
        };
        *slot = check;
    }

    /// Whether anything was assessed.
    pub fn is_assessed(&self) -> bool {
        Quality::ALL
            .iter()
            .any(|q| self.get(*q) != Check::NotAssessed)
    }
}

impl Touchpoint {
    /// A touchpoint with just an id and a title: no description, channel, actors, link, notes
    /// or votes, unlocked.
    pub fn new(id: TouchpointId, title: impl Into<String>) -> Self {
        Self {
            id,
            title: title.into(),
            description: String::new(),
            channel: None,
            actors: Vec::new(),
            link: None,
            notes: String::new(),
            votes: 0,
            locked: false,
            moment_of_truth: false,
            courted: Courted::default(),
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
    /// The lane's notes, in order; each says where it belongs (its anchor). Notes of one cell
    /// show in the order they have here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// A locked lane cannot be dragged or deleted, nor can its notes be moved, taken out or
    /// deleted (format version 2).
    #[serde(default, skip_serializing_if = "is_default")]
    pub locked: bool,
}

impl Lane {
    /// A lane with an id, a name and a kind, and no notes yet.
    pub fn new(id: LaneId, name: impl Into<String>, kind: LaneKind) -> Self {
        Self {
            id,
            name: name.into(),
            kind,
            notes: Vec::new(),
            locked: false,
        }
    }

    /// The notes of this lane's cell under `stage` (anchored to that stage alone), in order.
    pub fn notes_in(&self, stage: StageId) -> Vec<&Note> {
        self.notes
            .iter()
            .filter(|n| n.anchor == Anchor::Stage(stage))
            .collect()
    }

    /// Where in `notes` a note goes to stand at place `index` among the notes anchored to
    /// `anchor` (after the last of them when `index` is past their end; at the end of the list
    /// when there are none).
    pub fn position_for(&self, anchor: Anchor, index: usize) -> usize {
        let cell: Vec<usize> = self
            .notes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.anchor == anchor)
            .map(|(i, _)| i)
            .collect();
        match (cell.get(index), cell.last()) {
            (Some(&at), _) => at,
            (None, Some(&last)) => last + 1,
            (None, None) => self.notes.len(),
        }
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

/// A sticky note in a lane: a thought, a pain point, an idea; about one stage, a run of
/// stages, a touchpoint or a run of them, or the whole journey.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// The note's stable id.
    pub id: NoteId,
    /// Where the note belongs: the columns it spans (format version 3).
    pub anchor: Anchor,
    /// What the note says.
    pub text: String,
    /// The team or person who owns what the note says (opportunity and ownership rows).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// How it is measured, e.g. "call time ≤ 2 min".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub metric: String,
    /// How many votes the team gave the note.
    #[serde(default, skip_serializing_if = "is_default")]
    pub votes: u32,
    /// A locked note cannot be dragged or deleted (format version 2).
    #[serde(default, skip_serializing_if = "is_default")]
    pub locked: bool,
}

impl Note {
    /// A note saying `text` at `anchor`, with no owner, metric or votes, unlocked.
    pub fn new(id: NoteId, text: impl Into<String>, anchor: Anchor) -> Self {
        Self {
            id,
            anchor,
            text: text.into(),
            owner: String::new(),
            metric: String::new(),
            votes: 0,
            locked: false,
        }
    }
}

/// Where a note belongs. Runs are given by their first and last member in the journey's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Anchor {
    /// One stage (the note sits in that stage's cell).
    Stage(StageId),
    /// A run of consecutive stages, first to last.
    Stages(StageId, StageId),
    /// One touchpoint (the note sits under its card).
    Touchpoint(TouchpointId),
    /// A run of touchpoints, first to last in journey order.
    Touchpoints(TouchpointId, TouchpointId),
    /// The whole journey.
    Journey,
}

impl Anchor {
    /// The run from `first` to `last`, stage ids (or, with `touchpoints`, touchpoint ids): a
    /// single stage or touchpoint when they are the same.
    pub fn run(first: u32, last: u32, touchpoints: bool) -> Anchor {
        match (touchpoints, first == last) {
            (false, true) => Anchor::Stage(StageId(first)),
            (false, false) => Anchor::Stages(StageId(first), StageId(last)),
            (true, true) => Anchor::Touchpoint(TouchpointId(first)),
            (true, false) => Anchor::Touchpoints(TouchpointId(first), TouchpointId(last)),
        }
    }

    /// Whether the anchor is made of touchpoints (rather than stages or the whole journey).
    pub fn on_touchpoints(self) -> bool {
        matches!(self, Anchor::Touchpoint(_) | Anchor::Touchpoints(..))
    }

    /// The same anchor with its stage and touchpoint ids replaced as `ids` says (for copies
    /// with fresh ids); None when an id it names has no replacement.
    pub fn remap(self, ids: &std::collections::HashMap<u32, u32>) -> Option<Anchor> {
        let s = |id: StageId| ids.get(&id.0).map(|n| StageId(*n));
        let t = |id: TouchpointId| ids.get(&id.0).map(|n| TouchpointId(*n));
        Some(match self {
            Anchor::Stage(a) => Anchor::Stage(s(a)?),
            Anchor::Stages(a, b) => Anchor::Stages(s(a)?, s(b)?),
            Anchor::Touchpoint(a) => Anchor::Touchpoint(t(a)?),
            Anchor::Touchpoints(a, b) => Anchor::Touchpoints(t(a)?, t(b)?),
            Anchor::Journey => Anchor::Journey,
        })
    }

    /// Whether the anchor names this stage or touchpoint id as one of its ends.
    pub fn names(self, id: u32) -> bool {
        match self {
            Anchor::Stage(s) => s.0 == id,
            Anchor::Stages(a, b) => a.0 == id || b.0 == id,
            Anchor::Touchpoint(t) => t.0 == id,
            Anchor::Touchpoints(a, b) => a.0 == id || b.0 == id,
            Anchor::Journey => false,
        }
    }
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
    /// Scores of whole stages, for maps that score stages rather than (or as well as)
    /// touchpoints; a stage's point stands at its centre (format version 3).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub stage_scores: BTreeMap<StageId, i32>,
}

impl EmotionCurve {
    /// A curve with no scores yet.
    pub fn new(id: CurveId, name: impl Into<String>, colour: Rgb) -> Self {
        Self {
            id,
            name: name.into(),
            colour,
            persona: None,
            scores: BTreeMap::new(),
            stage_scores: BTreeMap::new(),
        }
    }
}

impl JourneyMap {
    /// An empty map with the default scale, one stage, one curve and the usual lanes, so a new
    /// map is ready to type into.
    pub fn blank(title: &str) -> Self {
        let mut ids = IdAllocator::after(0);
        let stage = Stage::new(ids.stage(), "Stage 1", PALETTE[0]);
        let lanes = [
            ("Actions", LaneKind::Actions),
            ("Thoughts", LaneKind::Thoughts),
            ("Pain points", LaneKind::PainPoints),
            ("Opportunities", LaneKind::Opportunities),
        ]
        .into_iter()
        .map(|(name, kind)| Lane::new(ids.lane(), name, kind))
        .collect();
        let curve = EmotionCurve::new(ids.curve(), "Emotion", PALETTE[3]);
        Self {
            header: Header {
                title: title.into(),
                ..Header::default()
            },
            scale: EmotionScale::default(),
            stages: vec![stage],
            lanes,
            curves: vec![curve],
            options: MapOptions::default(),
            conflicts: Vec::new(),
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
        let lanes = self
            .lanes
            .iter()
            .flat_map(|l| std::iter::once(l.id.0).chain(l.notes.iter().map(|n| n.id.0)));
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
