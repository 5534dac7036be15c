//! Reading and writing maps: the `.ron` file format (with migration from older versions),
//! atomic saving, and locating problems at `line:column`; Mermaid journeys and CSV tables in
//! and out (lossy: for import and export).

mod atomic;
mod clip;
mod csv;
mod embedded;
mod locate;
mod mermaid;
mod pdf;
mod ron_file;
mod v0;
mod v2;

pub use self::csv::{from_csv, to_csv};
pub use atomic::{
    ReadOnlyTarget, WriteOptions, write_atomically, write_atomically_with,
    write_atomically_with_options,
};
pub use clip::{clip_from_text, clip_to_text};
pub use embedded::{
    Background, Embedded, MAP_KEYWORD, PICTURE_KEYWORD, PictureSettings, SVG_NAMESPACE, from_png,
    from_svg,
};
pub use locate::{TextPos, locate};
pub use mermaid::{
    Imported, MERMAID_NEUTRAL, MERMAID_SCALE, from_mermaid, to_mermaid, to_mermaid_score,
};
pub use pdf::{PDF_MAP_NAME, PDF_MAP_TYPE, from_pdf};
pub use ron_file::{
    FORMAT, FileProblem, LoadError, MAX_REPORTED, VERSION, from_bytes, from_ron, read_bounded,
    to_ron, too_large,
};

use crate::model::JourneyMap;
use std::path::Path;

/// Saves a map as a `.ron` file, atomically.
pub fn save(path: &Path, map: &JourneyMap) -> std::io::Result<()> {
    write_atomically(path, to_ron(map).as_bytes())
}
