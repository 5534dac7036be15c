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
//! Lane cells with no notes are never kept (`lane.notes` has no entry for them), so maps stay
//! as clean as the files they are saved to.

pub mod actions;
mod apply;
mod document;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

pub use document::{Document, SavedState};

use crate::model::{
    CurveId, EmotionCurve, EmotionScale, Header, Lane, LaneId, LaneKind, Note, NoteId, PersonaId,
    Rgb, Stage, StageId, Touchpoint, TouchpointId,
};

/// One change to a map. Indexes are positions in the list the item ends up in, clamped to its
/// end, so "move to the end" is `to: usize::MAX`.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Moves a stage (with everything in its column) so that it ends up at index `to`.
    MoveStage {
        stage: StageId,
        to: usize,
    },
    /// Moves a touchpoint within its stage or to another one; `to` is its index in the target
    /// stage after it has left its source.
    MoveTouchpoint {
        touchpoint: TouchpointId,
        to_stage: StageId,
        to: usize,
    },
    MoveLane {
        lane: LaneId,
        to: usize,
    },
    /// Moves a note to index `to` of the cell (`to_lane`, `to_stage`), after it has left its
    /// own cell.
    MoveNote {
        note: NoteId,
        to_lane: LaneId,
        to_stage: StageId,
        to: usize,
    },
    /// Sets (`Some`) or removes (`None`) a touchpoint's score on a curve.
    SetScore {
        curve: CurveId,
        touchpoint: TouchpointId,
        score: Option<i32>,
    },
    /// Inserts a stage with its touchpoints, its notes in each lane and its touchpoints' scores
    /// as `(curve, touchpoint, score)`; the inverse of [`Edit::RemoveStage`].
    InsertStage {
        index: usize,
        stage: Stage,
        notes: Vec<(LaneId, Vec<Note>)>,
        scores: Vec<(CurveId, TouchpointId, i32)>,
    },
    /// Removes a stage, its touchpoints, their scores and the stage's notes in every lane.
    RemoveStage {
        stage: StageId,
    },
    /// Inserts a touchpoint with its score on each listed curve.
    InsertTouchpoint {
        stage: StageId,
        index: usize,
        touchpoint: Touchpoint,
        scores: Vec<(CurveId, i32)>,
    },
    /// Removes a touchpoint and its scores.
    RemoveTouchpoint {
        touchpoint: TouchpointId,
    },
    /// Inserts a lane with its notes (their stages must exist).
    InsertLane {
        index: usize,
        lane: Lane,
    },
    RemoveLane {
        lane: LaneId,
    },
    InsertNote {
        lane: LaneId,
        stage: StageId,
        index: usize,
        note: Note,
    },
    RemoveNote {
        note: NoteId,
    },
    /// Inserts a curve with its scores (their touchpoints must exist and be inside the scale).
    InsertCurve {
        index: usize,
        curve: EmotionCurve,
    },
    RemoveCurve {
        curve: CurveId,
    },
    /// Replaces the header. Curves whose persona it removes get persona `None`.
    SetHeader(Header),
    /// Replaces the scale; scores outside the new range are clamped into it.
    SetScale(EmotionScale),
    /// Replaces the scale, clamps every score into it, then sets (`Some`) or removes (`None`)
    /// each listed `(curve, touchpoint, score)`. This is what undoing [`Edit::SetScale`] takes:
    /// the old scale and the scores the clamping changed, in one step.
    SetScaleAndScores {
        scale: EmotionScale,
        scores: Vec<(CurveId, TouchpointId, Option<i32>)>,
    },
    SetStage {
        stage: StageId,
        name: String,
        colour: Rgb,
    },
    /// Replaces every field of the touchpoint with this id; it stays where it is.
    SetTouchpoint(Touchpoint),
    SetLane {
        lane: LaneId,
        name: String,
        kind: LaneKind,
    },
    /// Replaces the text and votes of the note with this id.
    SetNote(Note),
    SetCurve {
        curve: CurveId,
        name: String,
        colour: Rgb,
        persona: Option<PersonaId>,
    },
    /// Several edits as one: applied in order, all or none.
    Batch(Vec<Edit>),
}

/// Why an edit could not be applied. The map is unchanged when one is returned.
#[derive(Clone, Debug, thiserror::Error, PartialEq, Eq)]
pub enum EditError {
    #[error("there is no stage with id {0}")]
    NoSuchStage(StageId),
    #[error("there is no touchpoint with id {0}")]
    NoSuchTouchpoint(TouchpointId),
    #[error("there is no lane with id {0}")]
    NoSuchLane(LaneId),
    #[error("there is no note with id {0}")]
    NoSuchNote(NoteId),
    #[error("there is no emotion curve with id {0}")]
    NoSuchCurve(CurveId),
    #[error("there is no persona with id {0}")]
    NoSuchPersona(PersonaId),
    #[error("id {0} is already used in this map; a new item needs a fresh id")]
    DuplicateId(u32),
    #[error("score {score} is outside the scale {min}..{max}")]
    ScoreOutsideScale { score: i32, min: i32, max: i32 },
    #[error("a scale's max ({max}) must be greater than its min ({min})")]
    InvalidScale { min: i32, max: i32 },
    #[error("scale level {value} is outside the scale {min}..{max}")]
    LevelOutsideScale { value: i32, min: i32, max: i32 },
    #[error("scale level {value} is named twice")]
    LevelNamedTwice { value: i32 },
    #[error("touchpoint {touchpoint} is not in stage {stage}, so the stage cannot bring its score")]
    TouchpointNotInStage {
        touchpoint: TouchpointId,
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
        apply::run(self, map, apply::Mode::Checked)
    }

    /// An edit that does nothing: an empty batch.
    pub fn nothing() -> Self {
        Edit::Batch(Vec::new())
    }
}
