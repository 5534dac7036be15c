//! Stable, typed identifiers. Every item in a map keeps its id for life, so files diff cleanly
//! and references (scores, notes per stage) survive reordering.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl From<$name> for u32 {
            fn from(id: $name) -> u32 {
                id.0
            }
        }
    };
}

id_type!(
    /// Identifies a [`crate::model::Persona`].
    PersonaId
);
id_type!(
    /// Identifies a [`crate::model::Stage`].
    StageId
);
id_type!(
    /// Identifies a [`crate::model::Touchpoint`].
    TouchpointId
);
id_type!(
    /// Identifies a [`crate::model::Lane`].
    LaneId
);
id_type!(
    /// Identifies a [`crate::model::Note`] in a lane.
    NoteId
);
id_type!(
    /// Identifies an [`crate::model::EmotionCurve`].
    CurveId
);

/// Hands out fresh ids. All kinds share one number space, so an id names one item in the whole
/// map and a pasted or hand-edited file never confuses a stage with a touchpoint.
#[derive(Clone, Debug)]
pub struct IdAllocator {
    next: u32,
}

impl IdAllocator {
    /// An allocator whose ids are all greater than `max_used`.
    pub fn after(max_used: u32) -> Self {
        Self {
            next: max_used.saturating_add(1),
        }
    }

    /// A fresh id as a raw number, for any kind of item.
    pub fn next_raw(&mut self) -> u32 {
        let id = self.next;
        self.next = self.next.saturating_add(1);
        id
    }

    /// A fresh id for a new stage.
    pub fn stage(&mut self) -> StageId {
        StageId(self.next_raw())
    }
    /// A fresh id for a new touchpoint.
    pub fn touchpoint(&mut self) -> TouchpointId {
        TouchpointId(self.next_raw())
    }
    /// A fresh id for a new lane.
    pub fn lane(&mut self) -> LaneId {
        LaneId(self.next_raw())
    }
    /// A fresh id for a new note.
    pub fn note(&mut self) -> NoteId {
        NoteId(self.next_raw())
    }
    /// A fresh id for a new emotion curve.
    pub fn curve(&mut self) -> CurveId {
        CurveId(self.next_raw())
    }
    /// A fresh id for a new persona.
    pub fn persona(&mut self) -> PersonaId {
        PersonaId(self.next_raw())
    }
}
