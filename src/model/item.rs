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
}
