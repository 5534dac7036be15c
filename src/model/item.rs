//! Names one thing on a map that a person can point at, select or drag.

use super::ids::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Item {
    Stage(StageId),
    Touchpoint(TouchpointId),
    Lane(LaneId),
    Note(NoteId),
    /// A curve's score for one touchpoint: the point on the curve.
    Score(CurveId, TouchpointId),
    Curve(CurveId),
    /// The cell where a lane crosses a stage: where new notes go.
    Cell(LaneId, StageId),
    /// A piece of the map's header.
    Header(HeaderPart),
}

/// The pieces of text in a map's header, each editable on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HeaderPart {
    Title,
    Scenario,
    Expectations,
    PersonaName(PersonaId),
    PersonaDescription(PersonaId),
}
