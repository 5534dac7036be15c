//! Pure geometry: where every part of a map goes, in map units, from the map, a [`Style`], the
//! row [`Labels`] and a text measurer. No painting and no interaction here; the painter, the
//! canvas's hit-testing and the exporters all read the same [`MapLayout`].
//!
//! A long journey may wrap: its stages are cut into [`Band`]s stacked top to bottom, each with
//! its own stage headers, rows and row labels, and the curves carry on from one band to the next.

mod bands;
mod build;
mod curve;
mod curves;
mod index;
mod notes;
mod query;
mod strips;
mod style;
mod text;
mod update;

pub use curve::{bezier_at, curve_segments};
pub use strips::Strips;
pub use style::{Style, TextRole};
pub use text::{
    Measure, Measured, append as append_text, cjk_punctuation, even_rows, is_cjk, job as text_line,
    lay_out, text_job, wrapped as text_wrapped,
};

use crate::model::*;
use egui::emath::{Pos2, Rect, Vec2};
use std::ops::Range;

/// The words a map's layout writes itself (row and header labels), in the interface's
/// language: passed in, so the geometry depends only on its inputs.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Labels {
    /// The label over the header's persona block.
    pub persona: String,
    /// The label over the header's scenario block.
    pub scenario: String,
    /// The label over the header's expectations block.
    pub expectations: String,
    /// The name of the touchpoint row in the gutter (a map may name it itself).
    pub touchpoints: String,
    /// The name of the curve band in the gutter (a map may name it itself).
    pub emotion: String,
    /// A persona's goals as the header writes them, `{goals}` standing for them, e.g.
    /// "Goals: {goals}" (the language's own punctuation around them).
    pub goals: String,
    /// What stands between two goals, e.g. "; ".
    pub goals_joiner: String,
    /// A note's owner, `{owner}` standing for it, e.g. "Owner: {owner}".
    pub owner: String,
    /// A note's metric, `{metric}` standing for it, e.g. "Metric: {metric}".
    pub metric: String,
    /// What a curve without any score says in its band, `{curve}` standing for its name.
    pub no_scores: String,
}

impl Default for Labels {
    fn default() -> Self {
        Self {
            persona: "Persona".into(),
            scenario: "Scenario".into(),
            expectations: "Expectations".into(),
            touchpoints: "Touchpoints".into(),
            emotion: "Emotion".into(),
            goals: "Goals: {goals}".into(),
            goals_joiner: "; ".into(),
            owner: "Owner: {owner}".into(),
            metric: "Metric: {metric}".into(),
            no_scores: "{curve}: no scores given".into(),
        }
    }
}

/// A piece of text placed in a box.
#[derive(Clone, Debug, PartialEq)]
pub struct TextBox {
    /// Where the text stands: as wide as it may wrap, as tall as its rows.
    pub rect: Rect,
    /// The text as wrapped into rows by the layout; painting draws these rows.
    pub rows: Vec<String>,
    /// What kind of text it is, which sets its font size.
    pub role: TextRole,
}

impl TextBox {
    /// Whether the box shows no text at all.
    pub fn is_empty(&self) -> bool {
        self.rows.iter().all(String::is_empty)
    }

    /// Whether the rows end in an ellipsis: the text was cut to fit.
    pub fn is_cut(&self) -> bool {
        self.rows.last().is_some_and(|r| r.ends_with('…'))
    }
}

/// One block of the header under the title: its label, and the pieces of text under it.
#[derive(Clone, Debug, PartialEq)]
pub struct HeaderBlock {
    /// The block's label, e.g. "Scenario".
    pub label: TextBox,
    /// The header parts in the block, top to bottom, each with its text.
    pub parts: Vec<(HeaderPart, TextBox)>,
}

/// Where the map's header goes: the title, and the blocks under it.
#[derive(Clone, Debug, PartialEq)]
pub struct HeaderLayout {
    /// The whole header, title and blocks.
    pub rect: Rect,
    /// The map's title.
    pub title: TextBox,
    /// Personas (name, description, goals), scenario, expectations, side by side.
    pub blocks: Vec<HeaderBlock>,
}

impl HeaderLayout {
    /// The box of a header part's text.
    pub fn part(&self, part: HeaderPart) -> Option<&TextBox> {
        if part == HeaderPart::Title {
            return Some(&self.title);
        }
        self.blocks
            .iter()
            .flat_map(|b| &b.parts)
            .find(|(p, _)| *p == part)
            .map(|(_, text)| text)
    }
}

/// The cell where a lane crosses a stage: notes are placed in it, and dropped or added there.
#[derive(Clone, Debug, PartialEq)]
pub struct CellBox {
    /// The lane whose row the cell is in.
    pub lane: LaneId,
    /// The stage whose column the cell is in.
    pub stage: StageId,
    /// The lane's index among the lanes.
    pub lane_index: usize,
    /// The stage's index among the stages.
    pub stage_index: usize,
    /// The whole cell: the stage's column across the lane's row.
    pub rect: Rect,
}

/// The name (and face) of one level of the emotion scale, beside its line in the curve band.
#[derive(Clone, Debug, PartialEq)]
pub struct LevelLabel {
    /// The score of the level.
    pub value: i32,
    /// Where the level's face is drawn, when the level has one.
    pub face: Option<Rect>,
    /// The level's name, or its score (e.g. "+1", "0") when the scale does not name it.
    pub text: TextBox,
}

/// One band of a map: a run of stages with their own headers and rows. A map that does not
/// wrap has one band.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    /// The stages in the band, as indices into the map's stages.
    pub stages: Range<usize>,
    /// The whole band, gutter included.
    pub rect: Rect,
    /// The left column that names the rows.
    pub gutter: Rect,
    /// The row of stage headers.
    pub stage_row: Rect,
    /// The row of touchpoint cards, as tall as the band's tallest card.
    pub touchpoint_row: Rect,
    /// The touchpoint row's name in the gutter.
    pub touchpoint_label: TextBox,
    /// The band the emotion curves are drawn in (empty height when there are no curves).
    pub curve_band: Rect,
    /// The curve band's name in the gutter.
    pub curve_label: TextBox,
    /// The height of each level of the scale in the curve band, top (max) to bottom (min).
    pub levels: Vec<(i32, f32)>,
    /// The levels' names and faces by the gutter.
    pub level_labels: Vec<LevelLabel>,
    /// The x where the stages start.
    pub content_left: f32,
    /// The x where the stages end.
    pub content_right: f32,
}

/// Where a stage goes: its column and the header at its top.
#[derive(Clone, Debug, PartialEq)]
pub struct StageBox {
    /// The stage's id.
    pub id: StageId,
    /// The band the stage is in.
    pub band: usize,
    /// The whole column, from the stage header to the band's last row.
    pub column: Rect,
    /// The stage header at the top of the column, in the stage's colour.
    pub header: Rect,
    /// The stage's name in the header, in up to two rows.
    pub name: TextBox,
    /// The stage's description under its name, when it has one.
    pub description: Option<TextBox>,
}

/// A small round mark on a card: a step number, or a persona's initials.
#[derive(Clone, Debug, PartialEq)]
pub struct Badge {
    /// The circle's bounding square.
    pub rect: Rect,
    /// What it says.
    pub text: String,
}

/// Where a touchpoint's card goes, and the parts of it.
#[derive(Clone, Debug, PartialEq)]
pub struct CardBox {
    /// The touchpoint's id.
    pub id: TouchpointId,
    /// The index of the card's stage among the stages.
    pub stage_index: usize,
    /// The band the card is in.
    pub band: usize,
    /// The card's index in its stage.
    pub index: usize,
    /// The whole card; every card is as tall as its band's touchpoint row.
    pub rect: Rect,
    /// The card's title, under the channel tag.
    pub title: TextBox,
    /// The row at the top of the card for its channel tag, votes and lock (no height when it
    /// shows none of them); the step number stands right of it.
    pub top_row: Rect,
    /// The channel tag at the top of the card; `None` when the touchpoint names no channel.
    pub channel: Option<Rect>,
    /// The touchpoint's number in the journey, when the map numbers its steps.
    pub step: Option<Badge>,
    /// The description under the title; `None` when the touchpoint has none.
    pub description: Option<TextBox>,
    /// The touchpoint's notes, when the map shows them on the cards.
    pub notes: Option<TextBox>,
    /// The initials of the personas taking part, at the card's foot.
    pub actors: Vec<Badge>,
    /// The link mark at the card's foot, when the touchpoint has a link.
    pub link: Option<Rect>,
}

/// Where a lane's row goes, in one band.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneBox {
    /// The lane's id.
    pub id: LaneId,
    /// The lane's index among the lanes.
    pub index: usize,
    /// The band the row is in.
    pub band: usize,
    /// The whole row, from the gutter to the right of the band's last stage.
    pub row: Rect,
    /// The lane's name in the gutter.
    pub label: TextBox,
}

/// Where a note goes. A note spanning stages of two bands has one box in each.
#[derive(Clone, Debug, PartialEq)]
pub struct NoteBox {
    /// The note's id.
    pub id: NoteId,
    /// The index of the note's lane among the lanes.
    pub lane_index: usize,
    /// The stages the note spans in this box's band, as indices into the map's stages.
    pub stages: Range<usize>,
    /// The band the box is in.
    pub band: usize,
    /// The note's index in its lane's list of notes.
    pub index: usize,
    /// 0 for the box where the note starts, 1 and on for its continuations in later bands.
    pub piece: usize,
    /// The whole note.
    pub rect: Rect,
    /// The note's text.
    pub text: TextBox,
    /// The note's owner and metric, under its text, when it has them.
    pub meta: Option<TextBox>,
}

impl NoteBox {
    /// The first stage the box covers.
    pub fn stage_index(&self) -> usize {
        self.stages.start
    }

    /// Whether the note spans more than one stage's cell (or is not anchored to a cell).
    pub fn spans(&self, map: &JourneyMap) -> bool {
        map.note(self.id)
            .is_some_and(|at| !matches!(at.note.anchor, Anchor::Stage(_)))
    }
}

/// One point of an emotion curve: a touchpoint's score above its card, or a whole stage's at
/// the stage's centre.
#[derive(Clone, Debug, PartialEq)]
pub struct CurvePoint {
    /// The score as an item: [`Item::Score`] or [`Item::StageScore`].
    pub item: Item,
    /// The score.
    pub score: i32,
    /// The band the point is in.
    pub band: usize,
    /// Where the point is drawn: at the card's (or stage's) centre x and the score's level,
    /// moved sideways when another curve has a point with the same score there.
    pub pos: Pos2,
}

impl CurvePoint {
    /// The touchpoint the score is for, when it is a touchpoint's.
    pub fn touchpoint(&self) -> Option<TouchpointId> {
        match self.item {
            Item::Score(_, tp) => Some(tp),
            _ => None,
        }
    }
}

/// A piece of a curve's line between two neighbouring points (or from a band's left edge,
/// where the curve comes in from the band above).
#[derive(Clone, Debug, PartialEq)]
pub struct CurveSegment {
    /// The cubic Bézier `[start, control, control, end]`.
    pub bezier: [Pos2; 4],
    /// Drawn dashed: the stretch passes a touchpoint or stage nobody scored, so the line says
    /// nothing about it.
    pub dashed: bool,
    /// The band the segment is in.
    pub band: usize,
}

/// Where an emotion curve goes: its points, its line and its entry in the legend.
#[derive(Clone, Debug, PartialEq)]
pub struct CurveLine {
    /// The curve's id.
    pub id: CurveId,
    /// One point per score, in journey order; unscored touchpoints have none.
    pub points: Vec<CurvePoint>,
    /// The line through the points, band by band.
    pub segments: Vec<CurveSegment>,
    /// Where the curve's name stands in the legend (in the first band).
    pub legend: Rect,
    /// "No scores given", in the band, when the curve has no score at all.
    pub empty: Option<TextBox>,
    /// The weakest moment(s): the points tied at the curve's lowest score, as indices into
    /// `points` (none when every point has the same score).
    pub lowest: Vec<usize>,
    /// The points where a drop is made good (see [`crate::model::insights::recoveries`]), as
    /// indices into `points`.
    pub recovered: Vec<usize>,
}

/// Where everything on a map goes.
#[derive(Clone, Debug, PartialEq)]
pub struct MapLayout {
    /// The size of the whole map, margins included; the map starts at (0, 0).
    pub size: Vec2,
    /// The title and header blocks above the stages.
    pub header: HeaderLayout,
    /// The bands, top to bottom (one unless the map wraps).
    pub bands: Vec<Band>,
    /// One box per stage, left to right, band by band.
    pub stages: Vec<StageBox>,
    /// One card per touchpoint, stage by stage.
    pub cards: Vec<CardBox>,
    /// One row per lane and band, band by band, top to bottom.
    pub lanes: Vec<LaneBox>,
    /// The notes' boxes, band by band, lane by lane.
    pub notes: Vec<NoteBox>,
    /// One line per emotion curve, in the map's order.
    pub curves: Vec<CurveLine>,
    /// Every lane × stage cell, band by band, lane by lane.
    pub cells: Vec<CellBox>,
    /// The credit line at the foot of the map, when the map names its source.
    pub footer: Option<TextBox>,
    /// The stages, cards, notes and cells by the strip of the map they stand in (see
    /// [`MapLayout::cards_in`]).
    pub strips: Strips,
}

impl MapLayout {
    /// Lays out `map`, with `labels` naming the rows. Text is measured with `measure`, in map
    /// units.
    pub fn new(
        map: &JourneyMap,
        style: &Style,
        labels: &Labels,
        measure: &mut dyn Measure,
    ) -> Self {
        build::lay_out(map, style, labels, measure)
    }
}

#[cfg(test)]
mod tests;
