//! PDF for print: the map's SVG drawn onto a page by krilla (vector; text stays text, with the
//! bundled fonts embedded and subset, so Chinese prints on any machine, unlike the SVG, which
//! names its fonts), and the map's own text inside as an embedded file, so the PDF opens again
//! as the map. One page sized to the map, made smaller where the map is wider or taller than a
//! PDF page may be (200 inches); or a wall poster of A4/A3 sheets; or the journey wrapped into
//! bands, one to a landscape sheet.

use super::{ExportError, ExportOptions};
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

/// Paper for a poster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paper {
    /// 210 × 297 mm.
    A4,
    /// 297 × 420 mm.
    A3,
}

impl Paper {
    /// Its short and long side, in points.
    fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::A3 => (841.89, 1190.55),
        }
    }
}

/// How a PDF lays the map out on paper.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Pages {
    /// One page the size of the map.
    #[default]
    One,
    /// The map at full size across sheets of this paper (upright or across, whichever takes
    /// fewer), each overlapping the next by [`OVERLAP`], with dashed lines where the next sheet
    /// starts: a wall poster to glue together.
    Poster(Paper),
    /// The journey wrapped into bands (as the map's wrap option says, or shaped to this paper
    /// when the map does not wrap), one band to a landscape sheet of this paper, fitted inside
    /// its margins; the header goes on the first sheet, the credit line on the last.
    Wrapped(Paper),
}

/// The margin around a wrapped page's band, in points (10 mm).
pub const MARGIN: f32 = 28.35;

/// The stretches of a map `height` high that wrapped pages show, top to bottom, given its
/// bands: each band with half the gap to its neighbours, the first from the top (the header),
/// the last to the bottom (the credit line).
pub fn page_slices(bands: &[krilla::geom::Rect], height: f32) -> Vec<(f32, f32)> {
    if bands.is_empty() {
        return vec![(0.0, height)];
    }
    let last = bands.len() - 1;
    (0..bands.len())
        .map(|i| {
            let top = if i == 0 {
                0.0
            } else {
                f32::midpoint(bands[i - 1].bottom(), bands[i].top())
            };
            let bottom = if i == last {
                height
            } else {
                f32::midpoint(bands[i].bottom(), bands[i + 1].top())
            };
            (top, bottom)
        })
        .collect()
}

/// How much neighbouring poster sheets share, in points (10 mm).
pub const OVERLAP: f32 = 28.35;

/// The sheets a poster of `width` × `height` points takes: (sheet width, sheet height,
/// columns, rows).
pub fn poster_sheets(width: f32, height: f32, paper: Paper) -> (f32, f32, usize, usize) {
    let count = |length: f32, sheet: f32| -> usize {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let n = ((length - OVERLAP) / (sheet - OVERLAP)).ceil().max(1.0) as usize;
        n
    };
    let (short, long) = paper.size();
    let upright = (short, long, count(width, short), count(height, long));
    let across = (long, short, count(width, long), count(height, short));
    if across.2 * across.3 <= upright.2 * upright.3 {
        across
    } else {
        upright
    }
}

/// The map as a PDF with the map's text inside, on one page.
pub fn to_pdf(map: &JourneyMap, options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    to_pdf_pages(map, options, Pages::One)
}

/// The map as a PDF with the map's text inside, laid out as `pages` says.
pub fn to_pdf_pages(
    map: &JourneyMap,
    options: &ExportOptions,
    pages: Pages,
) -> Result<Vec<u8>, ExportError> {
    let settings = options.settings();
    let options = ExportOptions {
        scale: 1.0,
        ..options.clone()
    };
    // Wrapped pages need the journey in bands: the map's own, or ones shaped to the paper.
    let mut wrapped = None;
    if let Pages::Wrapped(paper) = pages
        && map.options.wrap == crate::model::Wrap::None
    {
        let mut copy = map.clone();
        copy.options.wrap = crate::model::Wrap::Page(match paper {
            Paper::A4 => crate::model::PageShape::A4Landscape,
            Paper::A3 => crate::model::PageShape::A3Landscape,
        });
        wrapped = Some(copy);
    }
    let (svg, bands) = super::svg_and_bands(wrapped.as_ref().unwrap_or(map), &options)?;
    let usvg_options = usvg::Options {
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(&svg, &usvg_options)
        .map_err(|e| ExportError::Pdf(format!("the drawing cannot be read back: {e}")))?;
    let (width, height) = (tree.size().width(), tree.size().height());
    let mut document = krilla::Document::new();
    match pages {
        Pages::One => {
            let shrink = (MAX_PAGE_POINTS / width)
                .min(MAX_PAGE_POINTS / height)
                .min(1.0);
            let (width, height) = (width * shrink, height * shrink);
            let size = Size::from_wh(width, height)
                .ok_or_else(|| ExportError::Pdf(format!("a page of {width} × {height} points")))?;
            let mut page = document.start_page_with(PageSettings::new(size));
            let mut surface = page.surface();
            surface.draw_svg(&tree, size, SvgSettings::default());
            surface.finish();
            page.finish();
        }
        Pages::Wrapped(paper) => {
            let full = Size::from_wh(width, height)
                .ok_or_else(|| ExportError::Pdf(format!("a map of {width} × {height} points")))?;
            let (short, long) = paper.size();
            let sheet = Size::from_wh(long, short)
                .ok_or_else(|| ExportError::Pdf("a sheet of no size".to_owned()))?;
            let bands: Vec<krilla::geom::Rect> = bands
                .iter()
                .filter_map(|b| krilla::geom::Rect::from_ltrb(b.min.x, b.min.y, b.max.x, b.max.y))
                .collect();
            for (top, bottom) in page_slices(&bands, height) {
                let tall = (bottom - top).max(1.0);
                // Fitted inside the margins; a small map is not blown up past twice its size.
                let fit = ((long - 2.0 * MARGIN) / width)
                    .min((short - 2.0 * MARGIN) / tall)
                    .min(2.0);
                let mut page = document.start_page_with(PageSettings::new(sheet));
                let mut surface = page.surface();
                surface.push_transform(&krilla::geom::Transform::from_row(
                    fit, 0.0, 0.0, fit, MARGIN, MARGIN,
                ));
                let mut clip = krilla::geom::PathBuilder::new();
                if let Some(rect) = krilla::geom::Rect::from_xywh(0.0, 0.0, width, tall) {
                    clip.push_rect(rect);
                }
                let clipped = clip.finish();
                if let Some(clip) = &clipped {
                    surface.push_clip_path(clip, &krilla::paint::FillRule::NonZero);
                }
                surface.push_transform(&krilla::geom::Transform::from_translate(0.0, -top));
                surface.draw_svg(&tree, full, SvgSettings::default());
                surface.pop();
                if clipped.is_some() {
                    surface.pop();
                }
                surface.pop();
                surface.finish();
                page.finish();
            }
        }
        Pages::Poster(paper) => {
            let full = Size::from_wh(width, height)
                .ok_or_else(|| ExportError::Pdf(format!("a map of {width} × {height} points")))?;
            let (sheet_w, sheet_h, columns, rows) = poster_sheets(width, height, paper);
            let sheet = Size::from_wh(sheet_w, sheet_h)
                .ok_or_else(|| ExportError::Pdf("a sheet of no size".to_owned()))?;
            for row in 0..rows {
                for column in 0..columns {
                    #[allow(clippy::cast_precision_loss)]
                    let (x, y) = (
                        column as f32 * (sheet_w - OVERLAP),
                        row as f32 * (sheet_h - OVERLAP),
                    );
                    let mut page = document.start_page_with(PageSettings::new(sheet));
                    let mut surface = page.surface();
                    surface.push_transform(&krilla::geom::Transform::from_translate(-x, -y));
                    surface.draw_svg(&tree, full, SvgSettings::default());
                    surface.pop();
                    glue_lines(
                        &mut surface,
                        sheet_w,
                        sheet_h,
                        column + 1 < columns,
                        row + 1 < rows,
                    );
                    surface.finish();
                    page.finish();
                }
            }
        }
    }
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

/// Dashed lines where the next sheet to the right and below starts: glue up to them.
fn glue_lines(surface: &mut krilla::surface::Surface, w: f32, h: f32, right: bool, below: bool) {
    let mut path = krilla::geom::PathBuilder::new();
    if right {
        path.move_to(w - OVERLAP, 0.0);
        path.line_to(w - OVERLAP, h);
    }
    if below {
        path.move_to(0.0, h - OVERLAP);
        path.line_to(w, h - OVERLAP);
    }
    let Some(path) = path.finish() else {
        return;
    };
    surface.set_fill(None);
    surface.set_stroke(Some(krilla::paint::Stroke {
        width: 0.5,
        dash: Some(krilla::paint::StrokeDash {
            array: vec![4.0, 3.0],
            offset: 0.0,
        }),
        ..krilla::paint::Stroke::default()
    }));
    surface.draw_path(&path);
    surface.set_stroke(None);
}

#[cfg(test)]
mod tests {
    use super::*;
    use krilla::geom::Rect;

    #[test]
    fn wrapped_pages_split_the_gaps_between_bands_and_keep_the_header_and_footer() {
        let bands = [
            Rect::from_ltrb(0.0, 100.0, 900.0, 400.0).expect("rect"),
            Rect::from_ltrb(0.0, 440.0, 500.0, 700.0).expect("rect"),
        ];
        assert_eq!(page_slices(&bands, 760.0), [(0.0, 420.0), (420.0, 760.0)]);
        assert_eq!(page_slices(&[], 300.0), [(0.0, 300.0)]);
    }
}
