//! PDF for print: the map's SVG drawn onto a page by krilla (vector; text stays text, with the
//! bundled fonts embedded and subset, so Chinese prints on any machine, unlike the SVG, which
//! names its fonts), and the map's own text inside as an embedded file, so the PDF opens again
//! as the map. One page sized to the map, made smaller where the map is wider or taller than a
//! PDF page may be (200 inches).

use super::{ExportError, ExportOptions, to_svg};
use crate::io;
use crate::model::JourneyMap;
use krilla::embed::{AssociationKind, EmbeddedFile, MimeType};
use krilla::geom::Size;
use krilla::page::PageSettings;
use krilla_svg::{SurfaceExt, SvgSettings};
use std::sync::Arc;

/// The most a PDF page may measure on a side, in points: 200 inches.
pub const MAX_PAGE_POINTS: f32 = 14_400.0;

/// The fonts the SVG names, from the bundled ones (no system font is looked at, so a PDF is
/// the same on every machine).
fn fonts() -> Arc<usvg::fontdb::Database> {
    let mut db = usvg::fontdb::Database::new();
    for data in crate::fonts::definitions().font_data.values() {
        db.load_font_data(AsRef::<[u8]>::as_ref(&*data.font).to_vec());
    }
    db.set_sans_serif_family("Ubuntu");
    db.set_monospace_family("Hack");
    Arc::new(db)
}

/// The map as a PDF with the map's text inside.
pub fn to_pdf(map: &JourneyMap, options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    let settings = options.settings();
    let options = ExportOptions {
        scale: 1.0,
        ..options.clone()
    };
    let svg = to_svg(map, &options)?;
    let usvg_options = usvg::Options {
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(&svg, &usvg_options)
        .map_err(|e| ExportError::Pdf(format!("the drawing cannot be read back: {e}")))?;
    let (width, height) = (tree.size().width(), tree.size().height());
    let shrink = (MAX_PAGE_POINTS / width)
        .min(MAX_PAGE_POINTS / height)
        .min(1.0);
    let (width, height) = (width * shrink, height * shrink);
    let size = Size::from_wh(width, height)
        .ok_or_else(|| ExportError::Pdf(format!("a page of {width} × {height} points")))?;
    let mut document = krilla::Document::new();
    let mut page = document.start_page_with(PageSettings::new(size));
    let mut surface = page.surface();
    surface.draw_svg(&tree, size, SvgSettings::default());
    surface.finish();
    page.finish();
    document.embed_file(EmbeddedFile {
        path: io::PDF_MAP_NAME.to_owned(),
        mime_type: MimeType::new(io::PDF_MAP_TYPE),
        description: Some(format!(
            "The journey map this PDF shows: Journey Map opens it. {}",
            settings.to_text()
        )),
        association_kind: AssociationKind::Source,
        data: io::to_ron(map).into_bytes().into(),
        modification_date: None,
        compress: Some(true),
        location: None,
    });
    document
        .finish()
        .map_err(|e| ExportError::Pdf(format!("{e:?}")))
}
