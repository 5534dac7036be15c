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
    /// The cell where a lane crosses a stage: where new notes go.
    Cell(LaneId, StageId),
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
}
