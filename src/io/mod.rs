//! Reading and writing maps: the `.ron` file format (with migration from older versions),
//! atomic saving, and locating problems at `line:column`.

mod atomic;
mod clip;
mod embedded;
mod locate;
mod ron_file;
mod v0;

pub use atomic::{write_atomically, write_atomically_with};
pub use clip::{CLIP_FORMAT, Clip, ClipStage, ClipTouchpoint};
pub use embedded::{MAP_KEYWORD, map_from_bytes, map_text_from_png};
pub use locate::{TextPos, locate};
pub use ron_file::{FORMAT, FileProblem, LoadError, VERSION, from_bytes, from_ron, to_ron};

use crate::model::JourneyMap;
use std::path::Path;

/// Reads and validates a map file: `.ron`, or a `.png` / `.svg` exported by Journey Map.
pub fn load(path: &Path) -> Result<JourneyMap, LoadError> {
    let bytes = std::fs::read(path)?;
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy())
        .unwrap_or_default();
    map_from_bytes(&bytes, &extension)
}

/// Saves a map as a `.ron` file, atomically.
pub fn save(path: &Path, map: &JourneyMap) -> std::io::Result<()> {
    write_atomically(path, to_ron(map).as_bytes())
}
