//! The journey map as plain data: serde types, stable ids and validation. No UI here.

mod changed;
mod clip;
mod color;
pub mod conflict;
pub mod diff;
mod generate;
mod ids;
pub mod insights;
mod item;
pub mod limits;
mod map;
pub mod merge;
mod query;
mod validate;

pub use changed::Changed;
pub use clip::{CLIP_FORMAT, CLIP_VERSION, Clip, ClipStage, ClipTouchpoint};
pub use color::{PALETTE, ParseRgbError, Rgb};
pub use conflict::{Conflict, Subject};
pub use ids::*;
pub use item::{FixedRow, HeaderPart, Item};
pub use map::*;
pub use query::NoteAt;
pub use validate::{MapPath, PathSeg, Problem, check_link, text_beyond_limits};
