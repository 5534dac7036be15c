//! Every change to a map, as a value: [`Edit`]. Edits are applied in one place
//! ([`Edit::apply`]), and applying one returns its inverse, which is all undo and redo need.
//! [`Document`] owns the open map and its history; one user gesture (a whole drag, a whole text
//! edit, a multi-delete) is one [`Edit`] (an [`Edit::Batch`] when it takes several) and so one
//! undo step.
//!
//! Guarantees, for a map whose `validate()` is empty:
//! - a successful edit keeps `validate()` empty (no dangling reference, no out-of-scale score,
//!   no duplicate id);
//! - a failed edit leaves the map exactly as it was (a batch rolls back what it had applied);
//! - applying the inverse gives back the map exactly (`==`), and the inverse of the inverse
//!   redoes the edit.
//!
//! A note's anchor follows what it names: when a stage or touchpoint at the end of a note's
//! span is deleted or moved away, the span shrinks to what remains, and a note whose whole
//! anchor is deleted goes with it; undo puts back both.

pub mod actions;
mod apply;
mod changes;
mod document;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

pub use document::{Document, SavedState};

use crate::model::{
    Anchor, CurveId, EmotionCurve, EmotionScale, Header, Lane, LaneId, LaneKind, MapOptions, Note,
    NoteId, PersonaId, Rgb, Stage, StageId, Touchpoint, TouchpointId,
};

/// One change to a map. Indexes are positions in the list the item ends up in, clamped to its
/// end, so "move to the end" is `to: usize::MAX`.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Moves a stage (with everything in its column) so that it ends up at index `to`.
    MoveStage {
        /// The stage to move.
        stage: StageId,
        /// The index the stage ends up at among the stages.
        to: usize,
    },
    /// Moves a touchpoint within its stage or to another one; `to` is its index in the target
    /// stage after it has left its source.
    MoveTouchpoint {
        /// The touchpoint to move.
        touchpoint: TouchpointId,
        /// The stage it ends up in (its own stage for a move within it).
        to_stage: StageId,
        /// The index it ends up at among that stage's touchpoints.
        to: usize,
    },
    /// Moves a lane (with all its notes) so that it ends up at index `to`.
    MoveLane {
        /// The lane to move.
        lane: LaneId,
        /// The index the lane ends up at among the lanes.
        to: usize,
    },
    /// Moves a note to lane `to_lane`, anchored at `anchor`, at index `to` of that lane's list
    /// of notes after it has left its own place (see [`crate::model::Lane::position_for`] for
    /// the index that puts it at a place in a cell).
    MoveNote {
        /// The note to move.
        note: NoteId,
        /// The lane it ends up in.
        to_lane: LaneId,
        /// Where it belongs after the move.
        anchor: Anchor,
        /// The index it ends up at in that lane's list of notes.
        to: usize,
    },
    /// Sets (`Some`) or removes (`None`) a touchpoint's score on a curve.
    SetScore {
        /// The curve the score is on.
        curve: CurveId,
        /// The touchpoint the score is for.
        touchpoint: TouchpointId,
        /// The new score, inside the scale; `None` removes the point from the curve.
        score: Option<i32>,
    },
    /// Inserts a stage with its touchpoints, notes anchored to it or them, its touchpoints'
    /// scores as `(curve, touchpoint, score)` and its own scores as `(curve, score)`.
    InsertStage {
        /// The index the stage ends up at among the stages.
        index: usize,
        /// The stage, with a fresh id and its touchpoints.
        stage: Stage,
        /// Notes to append to lanes, anchored to the stage or its touchpoints.
        notes: Vec<(LaneId, Note)>,
        /// Scores for the stage's own touchpoints, as `(curve, touchpoint, score)`.
        scores: Vec<(CurveId, TouchpointId, i32)>,
        /// Scores for the stage itself, as `(curve, score)`.
        stage_scores: Vec<(CurveId, i32)>,
    },
    /// Removes a stage, its touchpoints, their scores, the stage's own scores and the notes
    /// anchored to them alone; spans that reach past them shrink.
    RemoveStage {
        /// The stage to remove.
        stage: StageId,
    },
    /// Inserts a touchpoint with its score on each listed curve.
    InsertTouchpoint {
        /// The stage the touchpoint goes into.
        stage: StageId,
        /// The index it ends up at among that stage's touchpoints.
        index: usize,
        /// The touchpoint, with a fresh id.
        touchpoint: Touchpoint,
        /// Its score on each listed curve, as `(curve, score)`.
        scores: Vec<(CurveId, i32)>,
    },
    /// Removes a touchpoint, its scores and the notes anchored to it alone; spans of
    /// touchpoints that reach past it shrink.
    RemoveTouchpoint {
        /// The touchpoint to remove.
        touchpoint: TouchpointId,
    },
    /// Inserts a lane with its notes (what they are anchored to must exist).
    InsertLane {
        /// The index the lane ends up at among the lanes.
        index: usize,
        /// The lane, with a fresh id and its notes per stage.
        lane: Lane,
    },
    /// Removes a lane with all its notes.
    RemoveLane {
        /// The lane to remove.
        lane: LaneId,
    },
    /// Inserts a note, anchored where it says, into a lane's list of notes.
    InsertNote {
        /// The lane.
        lane: LaneId,
        /// The index the note ends up at in the lane's list of notes.
        index: usize,
        /// The note, with a fresh id and its anchor.
        note: Note,
    },
    /// Removes a note from its lane.
    RemoveNote {
        /// The note to remove.
        note: NoteId,
    },
    /// Inserts a curve with its scores (their touchpoints and stages must exist, the scores be
    /// inside the scale).
    InsertCurve {
        /// The index the curve ends up at among the curves.
        index: usize,
        /// The curve, with a fresh id.
        curve: EmotionCurve,
    },
    /// Removes a curve with all its scores.
    RemoveCurve {
        /// The curve to remove.
        curve: CurveId,
    },
    /// Replaces the header. Curves whose persona it removes get persona `None`.
    SetHeader(Header),
    /// Replaces the scale; scores outside the new range are clamped into it.
    SetScale(EmotionScale),
    /// Replaces the scale, clamps every score into it, then sets (`Some`) or removes (`None`)
    /// each listed `(curve, touchpoint, score)` and `(curve, stage, score)`. This is what
    /// undoing [`Edit::SetScale`] takes: the old scale and the scores the clamping changed, in
    /// one step.
    SetScaleAndScores {
        /// The new scale.
        scale: EmotionScale,
        /// Scores to set after clamping, as `(curve, touchpoint, score)`; `None` removes one.
        scores: Vec<(CurveId, TouchpointId, Option<i32>)>,
        /// Stage scores to set after clamping, as `(curve, stage, score)`.
        stage_scores: Vec<(CurveId, StageId, Option<i32>)>,
    },
    /// Sets (`Some`) or removes (`None`) a whole stage's score on a curve.
    SetStageScore {
        /// The curve the score is on.
        curve: CurveId,
        /// The stage the score is for.
        stage: StageId,
        /// The new score, inside the scale; `None` removes the point.
        score: Option<i32>,
    },
    /// Renames, recolours and redescribes a stage.
    SetStage {
        /// The stage to change.
        stage: StageId,
        /// Its new name.
        name: String,
        /// Its new colour.
        colour: Rgb,
        /// Its new description.
        description: String,
    },
    /// Replaces the map's layout options.
    SetOptions(MapOptions),
    /// Replaces every field of the touchpoint with this id; it stays where it is.
    SetTouchpoint(Touchpoint),
    /// Renames a lane and sets what kind of row it is.
    SetLane {
        /// The lane to change.
        lane: LaneId,
        /// Its new name.
        name: String,
        /// Its new kind.
        kind: LaneKind,
    },
    /// Replaces every field of the note with this id (its text, owner, metric, votes, lock and
    /// anchor: widening a note's span is this edit); it stays where it is in its lane.
    SetNote(Note),
    /// Renames and recolours a curve and sets whose feelings it shows.
    SetCurve {
        /// The curve to change.
        curve: CurveId,
        /// Its new name.
        name: String,
        /// Its new colour.
        colour: Rgb,
        /// The persona it belongs to (which must exist), or `None` for no persona.
        persona: Option<PersonaId>,
    },
    /// Locks or unlocks a stage, a touchpoint, a lane or a note: a locked item is not moved or
    /// deleted on the canvas.
    SetLocked {
        /// The stage, touchpoint, lane or note.
        item: crate::model::Item,
        /// Whether it is locked after the edit.
        locked: bool,
    },
    /// Replaces the map's conflict marks (resolving one removes it).
    SetConflicts(Vec<crate::model::Conflict>),
    /// Several edits as one: applied in order, all or none.
    Batch(Vec<Edit>),
}

/// Why an edit could not be applied. The map is unchanged when one is returned.
#[derive(Clone, Debug, thiserror::Error, PartialEq, Eq)]
pub enum EditError {
    /// The edit names a stage the map does not have.
    #[error("there is no stage with id {0}")]
    NoSuchStage(StageId),
    /// The edit names a touchpoint the map does not have.
    #[error("there is no touchpoint with id {0}")]
    NoSuchTouchpoint(TouchpointId),
    /// The edit names a lane the map does not have.
    #[error("there is no lane with id {0}")]
    NoSuchLane(LaneId),
    /// The edit names a note the map does not have.
    #[error("there is no note with id {0}")]
    NoSuchNote(NoteId),
    /// The edit names an emotion curve the map does not have.
    #[error("there is no emotion curve with id {0}")]
    NoSuchCurve(CurveId),
    /// A note's anchor names a stage or touchpoint the map does not have, or a run whose first
    /// comes after its last.
    #[error(
        "a note cannot be anchored to {0:?}: it names something the map does not have, or a run out of order"
    )]
    BadAnchor(Anchor),
    /// A touchpoint's link is not an `http`, `https` or `mailto` address.
    #[error("{0}")]
    BadLink(String),
    /// Options that cannot hold, e.g. wrapping after 0 stages.
    #[error("{0}")]
    BadOptions(&'static str),
    /// A conflict mark that could not be resolved either way.
    #[error("{0}")]
    BadConflict(String),
    /// The edit ties a curve to a persona the header does not have.
    #[error("there is no persona with id {0}")]
    NoSuchPersona(PersonaId),
    /// A new item's id is already used in the map (or twice among the new items).
    #[error("id {0} is already used in this map; a new item needs a fresh id")]
    DuplicateId(u32),
    /// A score lies outside the map's scale.
    #[error("score {score} is outside the scale {min}..{max}")]
    ScoreOutsideScale {
        /// The score that does not fit.
        score: i32,
        /// The scale's lowest score.
        min: i32,
        /// The scale's highest score.
        max: i32,
    },
    /// A new scale's max is not greater than its min.
    #[error("a scale's max ({max}) must be greater than its min ({min})")]
    InvalidScale {
        /// The new scale's lowest score.
        min: i32,
        /// The new scale's highest score.
        max: i32,
    },
    /// A new scale names a level outside its own range.
    #[error("scale level {value} is outside the scale {min}..{max}")]
    LevelOutsideScale {
        /// The score of the level that does not fit.
        value: i32,
        /// The new scale's lowest score.
        min: i32,
        /// The new scale's highest score.
        max: i32,
    },
    /// A new scale names the same level twice.
    #[error("scale level {value} is named twice")]
    LevelNamedTwice {
        /// The score of the level named twice.
        value: i32,
    },
    /// The edit would take the map past one of its limits (too many items, a text too long).
    #[error("{0}")]
    BeyondLimits(String),
    /// Only stages, touchpoints, lanes and notes can be locked.
    #[error("{0:?} cannot be locked: only stages, touchpoints, lanes and notes can")]
    NotLockable(crate::model::Item),
    /// An inserted stage brings a score for a touchpoint that is not among its own.
    #[error("touchpoint {touchpoint} is not in stage {stage}, so the stage cannot bring its score")]
    TouchpointNotInStage {
        /// The touchpoint the score is for.
        touchpoint: TouchpointId,
        /// The stage being inserted.
        stage: StageId,
    },
}

/// What applying an edit did: its inverse, and whether the map changed at all.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    /// Applied to the map the edit produced, gives back the map it was applied to.
    pub inverse: Edit,
    /// False when the edit left the map as it was (a move to where the item already is, a
    /// `Set*` with the current values, an empty batch).
    pub changed: bool,
}

impl Edit {
    /// Applies the edit; returns its inverse. On error the map is left exactly as it was (a
    /// [`Edit::Batch`] that fails part-way rolls back the parts already applied).
    pub fn apply(self, map: &mut crate::model::JourneyMap) -> Result<Edit, EditError> {
        self.apply_reporting(map).map(|applied| applied.inverse)
    }

    /// Like [`Edit::apply`], and also tells whether the map changed.
    pub fn apply_reporting(self, map: &mut crate::model::JourneyMap) -> Result<Applied, EditError> {
        let reach = Reach::of(&self);
        let applied = apply::run(self, map, apply::Mode::Checked)?;
        // A map within its limits stays within them: what a file may not hold, an edit may not
        // make (a map that was already beyond them, built in code, is left to its maker).
        if applied.changed
            && let Some(why) = reach.beyond_limits(map)
        {
            let mut before = map.clone();
            apply::run(applied.inverse.clone(), &mut before, apply::Mode::Trusted)
                .expect("an inverse applies to the map its edit produced");
            if before.beyond_limits().is_none() {
                *map = before;
                return Err(EditError::BeyondLimits(why));
            }
        }
        Ok(applied)
    }

    /// An edit that does nothing: an empty batch.
    pub fn nothing() -> Self {
        Edit::Batch(Vec::new())
    }
}

/// What an edit can take beyond the map's limits: an edit of one item's fields only that
/// item's texts (no count changes), a score or a lock nothing; any other edit the whole map.
/// Checking just that keeps an edit of a large map from costing a walk through all of it.
enum Reach {
    Touchpoint(TouchpointId),
    Note(NoteId),
    Stage(StageId),
    Nothing,
    Whole,
}

impl Reach {
    fn of(edit: &Edit) -> Self {
        match edit {
            Edit::SetTouchpoint(t) => Reach::Touchpoint(t.id),
            Edit::SetNote(n) => Reach::Note(n.id),
            Edit::SetStage { stage, .. } => Reach::Stage(*stage),
            Edit::SetScore { .. } | Edit::SetStageScore { .. } | Edit::SetLocked { .. } => {
                Reach::Nothing
            }
            _ => Reach::Whole,
        }
    }

    /// Why the map is beyond its limits where this reach can have taken it, if it is.
    fn beyond_limits(&self, map: &crate::model::JourneyMap) -> Option<String> {
        use crate::model::text_beyond_limits;
        match *self {
            Reach::Touchpoint(id) => map
                .touchpoint(id)
                .and_then(|t| text_beyond_limits([&t.title, &t.description, &t.notes])),
            Reach::Note(id) => map.note(id).and_then(|at| {
                text_beyond_limits([&at.note.text, &at.note.owner, &at.note.metric])
            }),
            Reach::Stage(id) => map
                .stage(id)
                .and_then(|s| text_beyond_limits([&s.name, &s.description])),
            Reach::Nothing => None,
            Reach::Whole => map.beyond_limits(),
        }
    }
}
