//! What one change to a map touched, so that what is computed from the map (its layout) can be
//! brought up to date piece by piece instead of all over again.

use super::{CurveId, NoteId, StageId, TouchpointId};

/// What an applied edit changed. Anything that is not one of the narrow cases is
/// [`Changed::Everything`]: a reader that cannot tell starts again from the whole map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Changed {
    /// One touchpoint's own fields (its title, channel, actors, …): it stays where it was and
    /// keeps its scores.
    Touchpoint(TouchpointId),
    /// One stage's name, colour, description or lock.
    Stage(StageId),
    /// One note's own fields: its text, owner, metric, votes or lock; it keeps its lane, its
    /// place in the lane and its anchor.
    Note(NoteId),
    /// Scores on one curve (of touchpoints or whole stages).
    Scores(CurveId),
    /// The header's texts, with every persona keeping its name.
    Header,
    /// The conflict marks alone.
    Marks,
    /// Anything else.
    Everything,
}
