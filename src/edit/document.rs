//! The open map and its history: undo and redo stacks of named steps, whether the map differs
//! from what was last saved, and a revision number that caches key on.

use super::apply::{self, Mode};
use super::changes::changed_by;
use super::{Edit, EditError};
use crate::model::{Changed, IdAllocator, JourneyMap};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};

/// How many changes a document remembers for [`Document::changes_since`]; a cache further
/// behind starts again from the whole map.
const CHANGES_KEPT: usize = 64;
/// The most pieces one change names before it counts as [`Changed::Everything`].
const MOST_PIECES: usize = 256;

/// Where the next document's revisions start: every document numbers its revisions in its own
/// range, so a revision of one is never taken for a revision of another.
static NEXT_REVISIONS: AtomicU64 = AtomicU64::new(0);
const REVISIONS_PER_DOCUMENT: u64 = 1 << 40;

/// The open map and its history. The map changes only through [`Document::apply`],
/// [`Document::undo`] and [`Document::redo`], so the history always matches it.
#[derive(Debug)]
pub struct Document {
    map: JourneyMap,
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Names what the map holds now: every applied edit makes a new number, and undo and redo
    /// return to the number of the state they restore. Saved-or-not compares these, so undoing
    /// back to the saved map makes it clean without comparing maps.
    state: u64,
    /// The last number handed out, so a new state never takes the number of an old one.
    last_state: u64,
    saved_state: u64,
    revision: u64,
    /// What each of the latest revisions changed, oldest first: `(revision, what)`.
    changes: VecDeque<(u64, Vec<Changed>)>,
    /// The largest id this document has ever held: new items are numbered past it, so an id
    /// freed by an undo or a delete is never given to something else (a selection or a
    /// clipboard still naming it must not suddenly name a new item).
    id_floor: u32,
}

/// One undo (or redo) step.
#[derive(Debug)]
struct Step {
    /// What the user did, for the menu: "Move touchpoint".
    label: String,
    /// On the undo stack, the edit that undoes the step; on the redo stack, the one that redoes
    /// it.
    edit: Edit,
    /// The state the map is in once `edit` has been applied.
    state: u64,
}

impl Document {
    /// A document for a map just opened (or made): clean, with no history.
    pub fn new(map: JourneyMap) -> Self {
        Self {
            id_floor: map.max_id(),
            map,
            undo: Vec::new(),
            redo: Vec::new(),
            state: 0,
            last_state: 0,
            saved_state: 0,
            revision: NEXT_REVISIONS.fetch_add(REVISIONS_PER_DOCUMENT, Ordering::Relaxed),
            changes: VecDeque::new(),
        }
    }

    /// The map as it is now.
    pub fn map(&self) -> &JourneyMap {
        &self.map
    }

    /// Applies `edit` as one undo step named `label` (e.g. "Move touchpoint") and clears what
    /// could be redone. An edit that changes nothing pushes no step and leaves redo alone; an
    /// edit that fails changes nothing at all.
    pub fn apply(&mut self, label: impl Into<String>, edit: Edit) -> Result<(), EditError> {
        let applied = edit.apply_reporting(&mut self.map)?;
        if !applied.changed {
            return Ok(());
        }
        self.record_change(&applied.inverse);
        self.undo.push(Step {
            label: label.into(),
            edit: applied.inverse,
            state: self.state,
        });
        self.redo.clear();
        // Only an edit that changes more than one item's fields can bring new ids.
        if self
            .changes
            .back()
            .is_none_or(|(_, what)| what.contains(&Changed::Everything))
        {
            self.id_floor = self.id_floor.max(self.map.max_id());
        }
        self.last_state += 1;
        self.state = self.last_state;
        Ok(())
    }

    /// Undoes the latest step; false when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        let Some(step) = self.undo.pop() else {
            return false;
        };
        self.replay(step, Direction::Undo)
    }

    /// Redoes the latest undone step; false when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        let Some(step) = self.redo.pop() else {
            return false;
        };
        self.replay(step, Direction::Redo)
    }

    fn replay(&mut self, step: Step, direction: Direction) -> bool {
        // Trusted: the step puts back a state this map was in, so there is nothing to check.
        match apply::run(step.edit, &mut self.map, Mode::Trusted) {
            Ok(applied) => {
                self.record_change(&applied.inverse);
                let back = Step {
                    label: step.label,
                    edit: applied.inverse,
                    state: self.state,
                };
                match direction {
                    Direction::Undo => self.redo.push(back),
                    Direction::Redo => self.undo.push(back),
                }
                self.state = step.state;
                true
            }
            Err(_) => {
                // Only a bug in this module gets here (a failed edit changes nothing, so the
                // map is intact), but the history no longer matches the map: drop it rather
                // than undo into something the user never had.
                self.undo.clear();
                self.redo.clear();
                false
            }
        }
    }

    /// Moves to a new revision, remembering what the edit whose inverse is `inverse` changed.
    fn record_change(&mut self, inverse: &Edit) {
        let mut what = Vec::new();
        changed_by(inverse, &self.map, &mut what);
        // Past a few hundred pieces, bringing a layout up to date piece by piece costs more
        // than doing it again.
        if what.len() > MOST_PIECES || what.contains(&Changed::Everything) {
            what = vec![Changed::Everything];
        } else {
            let mut seen = std::collections::HashSet::new();
            what.retain(|changed| seen.insert(*changed));
        }
        self.revision += 1;
        if self.changes.len() == CHANGES_KEPT {
            self.changes.pop_front();
        }
        self.changes.push_back((self.revision, what));
    }

    /// What changed in the map since it was at `revision`, each change once, or `None` when
    /// that is not known (a revision too far back, or one of another document): then assume
    /// everything did. Empty when the map is still at `revision`.
    pub fn changes_since(&self, revision: u64) -> Option<Vec<Changed>> {
        if revision == self.revision {
            return Some(Vec::new());
        }
        if revision > self.revision {
            return None;
        }
        let first = self.changes.iter().position(|(r, _)| *r == revision + 1)?;
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for (_, what) in self.changes.iter().skip(first) {
            if what.contains(&Changed::Everything) {
                return Some(vec![Changed::Everything]);
            }
            out.extend(what.iter().filter(|changed| seen.insert(**changed)));
        }
        Some(out)
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is an undone step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// What Undo would undo, for the menu ("Undo Move touchpoint").
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|step| step.label.as_str())
    }

    /// What Redo would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|step| step.label.as_str())
    }

    /// Whether the map differs from the one last saved (or opened). Undoing or redoing back to
    /// that map makes the document clean again.
    pub fn is_dirty(&self) -> bool {
        self.state != self.saved_state
    }

    /// Records that the map as it is now differs from every saved one (a map restored from a
    /// recovery copy: its changes were never saved).
    pub fn mark_unsaved(&mut self) {
        self.saved_state = u64::MAX;
    }

    /// Records that the map as it is now has been saved.
    pub fn mark_saved(&mut self) {
        self.saved_state = self.state;
    }

    /// Names the map as it is now, for [`Document::mark_saved_state`]: a save that runs in the
    /// background writes a copy of this state while editing goes on.
    pub fn state(&self) -> SavedState {
        SavedState(self.state)
    }

    /// Records that the map as it was in `state` has been saved: the document is clean if it is
    /// in that state now (and becomes clean again if undo or redo return to it).
    pub fn mark_saved_state(&mut self, state: SavedState) {
        self.saved_state = state.0;
    }

    /// A number that changes whenever the map does (every apply that changes it, every undo
    /// and redo), so caches of anything computed from the map know when to recompute.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Fresh ids for new items: past every id this document has ever held. Two calls without
    /// an edit between them hand out the same ids, so take them right before the edit.
    pub fn ids(&self) -> IdAllocator {
        IdAllocator::after(self.id_floor)
    }
}

/// One state of a document's map (see [`Document::state`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SavedState(u64);

#[derive(Clone, Copy)]
enum Direction {
    Undo,
    Redo,
}
