//! Names one thing on a map that a person can point at, select or drag.

use super::ids::*;

/// One selectable part of a map, named by id so it survives reordering and undo.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Item {
    /// A stage: its column header.
    Stage(StageId),
    /// A touchpoint: its card in a stage.
    Touchpoint(TouchpointId),
    /// A lane: its row header.
    Lane(LaneId),
    /// A note in a lane's cell.
    Note(NoteId),
    /// A curve's score for one touchpoint: the point on the curve.
    Score(CurveId, TouchpointId),
    /// A whole emotion curve.
    Curve(CurveId),
    /// A curve's score for a whole stage: the point at the stage's centre.
    StageScore(CurveId, StageId),
    /// The cell where a lane crosses a stage: where new notes go.
    Cell(LaneId, StageId),
    /// The touchpoints row or the emotion band, by its name in the gutter: dragged to change
    /// the order of the rows, renamed in the inspector.
    FixedRow(FixedRow),
    /// A piece of the map's header.
    Header(HeaderPart),
}

/// The pieces of text in a map's header, each editable on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HeaderPart {
    /// The map's title.
    Title,
    /// The scenario the map follows.
    Scenario,
    /// What the customer expects.
    Expectations,
    /// The name of one persona.
    PersonaName(PersonaId),
    /// The description of one persona.
    PersonaDescription(PersonaId),
    /// The credit line in the footer: who made the map, its source.
    Source,
    /// The goals of one persona (edited in the inspector, one per line).
    PersonaGoals(PersonaId),
}

/// The two rows every map has besides its lanes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FixedRow {
    /// The row of touchpoint cards.
    Touchpoints,
    /// The band of emotion curves.
    Emotion,
}
