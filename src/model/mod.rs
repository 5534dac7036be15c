//! The journey map as plain data: serde types, stable ids and validation. No UI here.

mod color;
mod generate;
mod ids;
mod item;
mod map;
mod validate;

pub use color::{PALETTE, ParseRgbError, Rgb};
pub use ids::*;
pub use item::Item;
pub use map::*;
pub use validate::{MapPath, PathSeg, Problem};
