//! Maps carried inside pictures: a PNG's compressed `iTXt` chunk or an SVG's `<metadata>`, so
//! an exported picture opens again as the editable map.

use super::ron_file::{FileProblem, LoadError, from_ron};
use crate::model::JourneyMap;

/// The PNG text keyword (and SVG media type) our map text is stored under.
pub const MAP_KEYWORD: &str = "application/vnd.journeymap+ron";

/// How much map text an untrusted PNG may inflate to: far more than any real map needs.
const TEXT_LIMIT: usize = 64 * 1024 * 1024;

fn whole(message: String) -> LoadError {
    LoadError::Invalid(vec![FileProblem { at: None, message }])
}

/// The map text inside PNG bytes.
pub fn map_text_from_png(bytes: &[u8]) -> Result<String, LoadError> {
    let mut decoder = png::Decoder::new_with_limits(
        std::io::Cursor::new(bytes),
        png::Limits { bytes: TEXT_LIMIT },
    );
    decoder.set_ignore_text_chunk(false);
    let reader = decoder
        .read_info()
        .map_err(|e| whole(format!("this is not a readable PNG picture: {e}")))?;
    let chunk = reader
        .info()
        .utf8_text
        .iter()
        .find(|c| c.keyword == MAP_KEYWORD)
        .cloned();
    let Some(mut chunk) = chunk else {
        return Err(whole(
            "this PNG carries no Journey Map: only pictures exported by Journey Map open as maps"
                .into(),
        ));
    };
    chunk
        .decompress_text_with_limit(TEXT_LIMIT)
        .map_err(|e| whole(format!("the map inside this PNG cannot be read: {e}")))?;
    chunk
        .get_text()
        .map_err(|e| whole(format!("the map inside this PNG cannot be read: {e}")))
}

/// Reads a map from the bytes of a `.ron`, `.png` or `.svg` file, chosen by `extension`.
pub fn map_from_bytes(bytes: &[u8], extension: &str) -> Result<JourneyMap, LoadError> {
    match extension.to_ascii_lowercase().as_str() {
        "png" => from_ron(&map_text_from_png(bytes)?).map_err(inside("PNG")),
        "svg" => {
            let text = std::str::from_utf8(bytes)
                .map_err(|_| whole("this SVG is not UTF-8 text".into()))?;
            let map = crate::export::svg::map_from_svg(text).ok_or_else(|| {
                whole(
                    "this SVG carries no Journey Map: only pictures exported by Journey Map open as maps"
                        .into(),
                )
            })?;
            from_ron(&map).map_err(inside("SVG"))
        }
        _ => super::from_bytes(bytes),
    }
}

/// Positions inside embedded text are positions in the map text, not the picture file.
fn inside(kind: &'static str) -> impl Fn(LoadError) -> LoadError {
    move |err| match err {
        LoadError::Invalid(problems) => LoadError::Invalid(
            problems
                .into_iter()
                .map(|p| FileProblem {
                    message: format!("{} (in the map inside the {kind})", p.message),
                    ..p
                })
                .collect(),
        ),
        other => other,
    }
}
