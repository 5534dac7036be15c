//! The map inside a PDF exported by Journey Map: an embedded file named
//! [`PDF_MAP_NAME`] in the document's `EmbeddedFiles` name tree, read with lopdf. The file is
//! refused from its size first; the embedded stream is inflated to at most the size a map file
//! may have.

use super::embedded::{Embedded, PictureSettings};
use super::ron_file::{FileProblem, LoadError};
use crate::model::limits::MAX_FILE_BYTES;
use lopdf::{Document, Object};

/// The name the map's text has inside a PDF.
pub const PDF_MAP_NAME: &str = "journeymap.ron";
/// Its media type.
pub const PDF_MAP_TYPE: &str = "application/x-journeymap+ron";

fn problem(message: impl Into<String>) -> LoadError {
    LoadError::Invalid(vec![FileProblem {
        at: None,
        message: message.into(),
    }])
}

/// How deep a name tree is followed (`Kids`), so a hostile file cannot loop.
const MAX_DEPTH: usize = 8;

/// The map text inside a PDF, and how the PDF was drawn (`scale=… background=… theme=…` in
/// the embedded file's description).
pub fn from_pdf(bytes: &[u8]) -> Result<Embedded, LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(super::too_large(bytes.len() as u64));
    }
    let document = Document::load_mem(bytes)
        .map_err(|e| problem(format!("this is not a PDF that can be read: {e}")))?;
    let not_ours = || {
        problem("this PDF holds no journey map (Journey Map puts one inside every PDF it exports)")
    };
    let catalog = document.catalog().map_err(|_| not_ours())?;
    let names = deref_dict(&document, catalog.get(b"Names").map_err(|_| not_ours())?)
        .ok_or_else(not_ours)?;
    let files = deref_dict(
        &document,
        names.get(b"EmbeddedFiles").map_err(|_| not_ours())?,
    )
    .ok_or_else(not_ours)?;
    let mut stack = vec![(files, 0)];
    while let Some((node, depth)) = stack.pop() {
        if let Ok(list) = node.get(b"Names").and_then(Object::as_array) {
            for pair in list.chunks(2) {
                let [name, spec] = pair else { continue };
                if name.as_str().ok() != Some(PDF_MAP_NAME.as_bytes()) {
                    continue;
                }
                return read_spec(&document, spec);
            }
        }
        if depth < MAX_DEPTH
            && let Ok(kids) = node.get(b"Kids").and_then(Object::as_array)
        {
            stack.extend(
                kids.iter()
                    .filter_map(|k| deref_dict(&document, k))
                    .map(|d| (d, depth + 1)),
            );
        }
    }
    Err(not_ours())
}

fn deref_dict<'a>(document: &'a Document, object: &'a Object) -> Option<&'a lopdf::Dictionary> {
    document.dereference(object).ok()?.1.as_dict().ok()
}

/// The text of a file specification's embedded stream, and the settings its description says.
fn read_spec(document: &Document, spec: &Object) -> Result<Embedded, LoadError> {
    let damaged = || problem("the map inside this PDF is damaged");
    let spec = deref_dict(document, spec).ok_or_else(damaged)?;
    let picture = spec
        .get(b"Desc")
        .and_then(Object::as_str)
        .ok()
        .map(|d| PictureSettings::from_text(&String::from_utf8_lossy(d)));
    let ef = deref_dict(document, spec.get(b"EF").map_err(|_| damaged())?).ok_or_else(damaged)?;
    let stream = document
        .dereference(ef.get(b"F").map_err(|_| damaged())?)
        .map_err(|_| damaged())?
        .1
        .as_stream()
        .map_err(|_| damaged())?;
    let limit = usize::try_from(MAX_FILE_BYTES).unwrap_or(usize::MAX);
    let bytes = stream
        .get_plain_content_with_limit(limit)
        .map_err(|e| problem(format!("the map inside this PDF cannot be read: {e}")))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| problem("the map inside this PDF is not UTF-8 text"))?;
    Ok(Embedded {
        text,
        picture,
        damaged: false,
    })
}
