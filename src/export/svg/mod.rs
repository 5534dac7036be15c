//! SVG export: the shapes the one paint function drew (epaint [`ClippedShape`]s, in points,
//! before tessellation) written as SVG elements — rectangles, circles, paths and real, selectable
//! text — with the map's RON kept in `<metadata>` so that the picture opens again as the map.
//!
//! Geometry follows epaint's tessellator, so the picture matches the screen: a stroke lies
//! inside, on or outside an outline as its [`StrokeKind`](egui::epaint::StrokeKind) says (circles and ellipses: outside),
//! and a fill stops where its stroke begins.
//!
//! One file per job: this one writes the document (its root, metadata, clip groups and
//! transforms); `shapes` turns each kind of shape into elements, `text` galleys into `<text>`,
//! and `xml` writes attributes, numbers and escaped text.

mod shapes;
mod text;
mod xml;

use std::collections::HashMap;
use std::fmt::Write as _;

use egui::emath::TSTransform;
use egui::epaint::{ClippedShape, Color32};
use egui::{Pos2, Rect, Vec2};
use shapes::shape;
use xml::{colour_attrs, escape_into, num, rect_attrs};

/// The map's text is kept in the SVG under this media type, so the file opens again as the map.
pub const MAP_MEDIA_TYPE: &str = crate::io::MAP_KEYWORD;
use crate::io::{PictureSettings, SVG_NAMESPACE};

/// Like epaint, clamp (nearly) infinite coordinates, so every number written is finite.
const FAR: f32 = 1e7;

/// An SVG document `size` points wide and high drawing `shapes` (as painted, in points), over
/// `background` (None: transparent), with `map_ron` embedded in `<metadata>` beside how the
/// picture was drawn.
pub fn shapes_to_svg(
    shapes: &[ClippedShape],
    size: Vec2,
    background: Option<Color32>,
    map_ron: &str,
    settings: &PictureSettings,
) -> String {
    let picture = Rect::from_min_size(Pos2::ZERO, size);
    let picture_attrs = rect_attrs(picture);

    // Clip rects as their attributes; a clip's id is its index here, found through `clip_ids`.
    let mut clips: Vec<String> = Vec::new();
    let mut clip_ids: HashMap<String, usize> = HashMap::new();
    let mut body = String::new();
    // The clip of the open group: None before the first shape, Some(None) for "no clip".
    let mut group: Option<Option<usize>> = None;

    for clipped in shapes {
        let clip = clipped.clip_rect.intersect(picture);
        if !(clip.width() > 0.0 && clip.height() > 0.0) {
            continue; // Nothing of the shape can show (this also catches NaN clips).
        }
        let transform = clipped.transform_after_tessellation;
        let bounds = transform * clipped.shape.visual_bounding_rect();
        if !bounds.intersects(clip) {
            continue;
        }

        let mut element = String::new();
        shape(&mut element, &clipped.shape);
        if element.is_empty() {
            continue;
        }

        let attrs = rect_attrs(clip);
        let clip_id = (attrs != picture_attrs).then(|| {
            *clip_ids.entry(attrs).or_insert_with_key(|attrs| {
                clips.push(attrs.clone());
                clips.len() - 1
            })
        });
        if group != Some(clip_id) {
            if let Some(Some(_)) = group {
                body.push_str("</g>\n");
            }
            if let Some(id) = clip_id {
                let _ = writeln!(body, r#"<g clip-path="url(#c{id})">"#);
            }
            group = Some(clip_id);
        }

        if transform == TSTransform::IDENTITY {
            body.push_str(&element);
        } else {
            let s = num(transform.scaling);
            let _ = writeln!(
                body,
                r#"<g transform="matrix({s} 0 0 {s} {} {})">"#,
                num(transform.translation.x),
                num(transform.translation.y),
            );
            body.push_str(&element);
            body.push_str("</g>\n");
        }
    }
    if let Some(Some(_)) = group {
        body.push_str("</g>\n");
    }

    let (w, h) = (num(size.x), num(size.y));
    let mut svg = String::with_capacity(body.len() + map_ron.len() + 512);
    svg.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">"#
    );
    let _ = write!(
        svg,
        r#"<metadata><jm:map xmlns:jm="{SVG_NAMESPACE}" type="{MAP_MEDIA_TYPE}" picture="{}">"#,
        settings.to_text()
    );
    escape_into(&mut svg, map_ron);
    svg.push_str("</jm:map></metadata>\n");
    if !clips.is_empty() {
        svg.push_str("<defs>\n");
        for (id, attrs) in clips.iter().enumerate() {
            let _ = writeln!(svg, r#"<clipPath id="c{id}"><rect{attrs}/></clipPath>"#);
        }
        svg.push_str("</defs>\n");
    }
    if let Some(colour) = background.filter(|c| c.a() > 0) {
        let _ = write!(svg, r#"<rect width="{w}" height="{h}""#);
        colour_attrs(&mut svg, "fill", colour);
        svg.push_str("/>\n");
    }
    svg.push_str(&body);
    svg.push_str("</svg>\n");
    svg
}

/// Adds a tooltip over each rectangle (in points) of `titles`: the whole of a text the picture
/// shows cut (a stage's name, a card's title, a note), as SVG viewers show a `<title>`.
pub fn add_titles(svg: &mut String, titles: &[(Rect, String)]) {
    if titles.is_empty() {
        return;
    }
    let end = svg.rfind("</svg>").unwrap_or(svg.len());
    let mut out = String::new();
    for (rect, text) in titles {
        let _ = write!(
            out,
            r#"<rect{} fill="transparent"><title>"#,
            rect_attrs(*rect)
        );
        escape_into(&mut out, text);
        out.push_str("</title></rect>\n");
    }
    svg.insert_str(end, &out);
}

#[cfg(test)]
mod tests;
