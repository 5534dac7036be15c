//! SVG export: the shapes the one paint function drew (epaint [`ClippedShape`]s, in points,
//! before tessellation) written as SVG elements — rectangles, circles, paths and real, selectable
//! text — with the map's RON kept in `<metadata>` so that the picture opens again as the map.
//!
//! Geometry follows epaint's tessellator, so the picture matches the screen: a stroke lies
//! inside, on or outside an outline as its [`StrokeKind`] says (circles and ellipses: outside),
//! and a fill stops where its stroke begins.

use std::collections::HashMap;
use std::fmt::Write as _;

use egui::emath::TSTransform;
use egui::epaint::text::{ByteIndex, Galley, Glyph, LayoutSection, PlacedRow, TextFormat};
use egui::epaint::{
    BandPoint, BandShape, CircleShape, ClippedShape, Color32, ColorMode, CornerRadius,
    CubicBezierShape, EllipseShape, FontFamily, Mesh, PathShape, PathStroke, QuadraticBezierShape,
    RectShape, Shape, Stroke, StrokeKind, TextShape,
};
use egui::{NumExt as _, Pos2, Rangef, Rect, Vec2, pos2, vec2};

/// The map's text is kept in the SVG under this media type, so the file opens again as the map.
pub const MAP_MEDIA_TYPE: &str = crate::io::MAP_KEYWORD;
use crate::io::{PictureSettings, SVG_NAMESPACE};

/// Our fonts first (egui's Ubuntu-Light and the bundled Noto Sans CJK SC subset), then whatever
/// the viewer has.
const FONT_FAMILY: &str = "Ubuntu, 'Noto Sans CJK SC', 'Noto Emoji', sans-serif";
/// egui's monospace font is Hack.
const MONOSPACE_FAMILY: &str = "Hack, 'Noto Sans CJK SC', 'Noto Emoji', monospace";
/// Like epaint, clamp (nearly) infinite coordinates, so every number written is finite.
const FAR: f32 = 1e7;
/// How far a flattened Bézier may stray from the curve, in points.
const BEZIER_TOLERANCE: f32 = 0.1;

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

// --- shapes --------------------------------------------------------------------------------

/// Appends the elements drawing `shape` (nothing for what cannot show).
fn shape(out: &mut String, shape: &Shape) {
    match shape {
        Shape::Noop | Shape::Callback(_) => {}
        Shape::Vec(shapes) => shapes.iter().for_each(|s| self::shape(out, s)),
        Shape::Circle(circle) => circle_shape(out, circle),
        Shape::Ellipse(ellipse) => ellipse_shape(out, ellipse),
        Shape::LineSegment { points, stroke } => line(out, *points, *stroke),
        Shape::Path(path) => path_shape(out, path),
        Shape::Band(band) => band_shape(out, band),
        Shape::Rect(rect) => rect_shape(out, rect),
        Shape::Text(text) => text_shape(out, text),
        Shape::Mesh(mesh) => mesh_shape(out, mesh),
        Shape::QuadraticBezier(curve) => quadratic_bezier(out, curve),
        Shape::CubicBezier(curve) => cubic_bezier(out, curve),
    }
}

/// What an element is filled and stroked with (None: not at all).
#[derive(Clone, Copy)]
struct Paint {
    fill: Option<Color32>,
    stroke: Option<(f32, Color32)>,
}

/// A fill and a stroke around one closed outline, drawn as epaint draws them: the stroke's
/// outer edge is the outline moved out by [`outer_shift`], and the fill stops where the stroke
/// begins. `emit(out, inset, paint)` writes the outline moved `inset` in from the stroke's outer
/// edge: the stroke's centre line is at `width / 2`, the fill's edge at `width`.
fn fill_and_stroke(
    out: &mut String,
    fill: Color32,
    stroke: Stroke,
    emit: &dyn Fn(&mut String, f32, Paint),
) {
    let width = stroke_width(stroke.width);
    let fill = (fill.a() > 0).then_some(fill);
    let stroke = (width > 0.0 && stroke.color.a() > 0).then_some((width, stroke.color));
    match (fill, stroke) {
        // An opaque stroke hides the fill under it: one element does.
        (Some(_), Some((_, colour))) if colour.a() == 255 => {
            emit(out, 0.5 * width, Paint { fill, stroke });
        }
        _ => {
            if fill.is_some() {
                emit(out, width, Paint { fill, stroke: None });
            }
            if stroke.is_some() {
                emit(out, 0.5 * width, Paint { fill: None, stroke });
            }
        }
    }
}

/// How far out of the outline a stroke of `kind` reaches.
fn outer_shift(kind: StrokeKind, width: f32) -> f32 {
    match kind {
        StrokeKind::Inside => 0.0,
        StrokeKind::Middle => 0.5 * width,
        StrokeKind::Outside => width,
    }
}

fn stroke_width(width: f32) -> f32 {
    if width.is_finite() {
        width.max(0.0)
    } else {
        0.0
    }
}

fn rect_shape(out: &mut String, shape: &RectShape) {
    let rect = Rect::from_min_max(
        shape.rect.min.at_least(pos2(-FAR, -FAR)),
        shape.rect.max.at_most(pos2(FAR, FAR)),
    );
    if !(rect.is_finite() && rect.width() >= 0.0 && rect.height() >= 0.0) {
        return;
    }
    let width = stroke_width(shape.stroke.width);
    let outer = rect.expand(outer_shift(shape.stroke_kind, width));
    let extra = rotation_attr(shape.angle, rect.center());

    // epaint draws the corners of the stroke's outer edge; a rounded corner stays round.
    let CornerRadius { nw, ne, sw, se } = shape.corner_radius;
    let half = 0.5 * outer.width().min(outer.height());
    let radii = [nw, ne, sw, se].map(|r| {
        if r == 0 {
            0.0
        } else {
            (f32::from(r) + outer_shift(shape.stroke_kind, width))
                .max(width + 0.1)
                .min(half)
        }
    });

    let mut stroke = shape.stroke;
    stroke.width = width;
    let mut fill = shape.fill;
    if width > 0.0 && stroke.color.a() > 0 && outer.width().min(outer.height()) <= 2.0 * width {
        // Like epaint: a stroke this wide covers the fill; it becomes the fill.
        fill = stroke.color;
        stroke = Stroke::NONE;
    }
    fill_and_stroke(out, fill, stroke, &|out, inset, paint| {
        rounded_rect(
            out,
            outer.shrink(inset),
            radii.map(|r| (r - inset).max(0.0)),
            paint,
            &extra,
        );
    });
}

/// A `<rect>`, or a `<path>` when the corners differ. `radii`: nw, ne, sw, se.
fn rounded_rect(out: &mut String, rect: Rect, radii: [f32; 4], paint: Paint, extra: &str) {
    if !(rect.width() > 0.0 && rect.height() > 0.0) {
        return;
    }
    let [nw, ne, sw, se] = radii;
    if radii.iter().all(|r| num(*r) == num(nw)) {
        let _ = write!(out, "<rect{}", rect_attrs(rect));
        if num(nw) != "0" {
            let _ = write!(out, r#" rx="{}""#, num(nw));
        }
    } else {
        let (min, max) = (rect.min, rect.max);
        let mut d = format!("M{} H{}", xy(pos2(min.x + nw, min.y)), num(max.x - ne));
        arc(&mut d, ne, pos2(max.x, min.y + ne));
        let _ = write!(d, " V{}", num(max.y - se));
        arc(&mut d, se, pos2(max.x - se, max.y));
        let _ = write!(d, " H{}", num(min.x + sw));
        arc(&mut d, sw, pos2(min.x, max.y - sw));
        let _ = write!(d, " V{}", num(min.y + nw));
        arc(&mut d, nw, pos2(min.x + nw, min.y));
        d.push_str(" Z");
        let _ = write!(out, r#"<path d="{d}""#);
    }
    paint_attrs(out, paint);
    out.push_str(extra);
    out.push_str("/>\n");
}

/// A clockwise quarter circle of radius `r` to `to`, if the corner is rounded.
fn arc(d: &mut String, r: f32, to: Pos2) {
    if num(r) != "0" {
        let _ = write!(d, " A{} {} 0 0 1 {}", num(r), num(r), xy(to));
    }
}

fn circle_shape(out: &mut String, circle: &CircleShape) {
    if !(circle.radius > 0.0 && circle.center.is_finite()) {
        return;
    }
    // epaint strokes circles on the outside.
    let outer = circle.radius + stroke_width(circle.stroke.width);
    fill_and_stroke(out, circle.fill, circle.stroke, &|out, inset, paint| {
        let _ = write!(
            out,
            r#"<circle cx="{}" cy="{}" r="{}""#,
            num(circle.center.x),
            num(circle.center.y),
            num(outer - inset),
        );
        paint_attrs(out, paint);
        out.push_str("/>\n");
    });
}

fn ellipse_shape(out: &mut String, ellipse: &EllipseShape) {
    if !(ellipse.radius.x > 0.0 && ellipse.radius.y > 0.0 && ellipse.center.is_finite()) {
        return;
    }
    // epaint strokes ellipses on the outside.
    let outer = ellipse.radius + Vec2::splat(stroke_width(ellipse.stroke.width));
    let extra = rotation_attr(ellipse.angle, ellipse.center);
    fill_and_stroke(out, ellipse.fill, ellipse.stroke, &|out, inset, paint| {
        let _ = write!(
            out,
            r#"<ellipse cx="{}" cy="{}" rx="{}" ry="{}""#,
            num(ellipse.center.x),
            num(ellipse.center.y),
            num(outer.x - inset),
            num(outer.y - inset),
        );
        paint_attrs(out, paint);
        out.push_str(&extra);
        out.push_str("/>\n");
    });
}

fn line(out: &mut String, [a, b]: [Pos2; 2], stroke: Stroke) {
    let width = stroke_width(stroke.width);
    if width <= 0.0 || stroke.color.a() == 0 || !(a.is_finite() && b.is_finite()) {
        return;
    }
    let _ = write!(
        out,
        r#"<line x1="{}" y1="{}" x2="{}" y2="{}""#,
        num(a.x),
        num(a.y),
        num(b.x),
        num(b.y)
    );
    stroke_attrs(out, width, stroke.color);
    out.push_str("/>\n");
}

/// One colour for a path's stroke; a colour callback is sampled at the middle of `points`.
fn solid_stroke(stroke: &PathStroke, points: &[Pos2]) -> Stroke {
    let color = match &stroke.color {
        ColorMode::Solid(color) => *color,
        ColorMode::UV(color_at) => {
            let bounds = Rect::from_points(points);
            color_at(bounds, bounds.center())
        }
    };
    Stroke::new(stroke.width, color)
}

fn path_shape(out: &mut String, path: &PathShape) {
    if path.closed {
        closed_path(out, &path.points, path.fill, &path.stroke);
    } else {
        open_path(out, &path.points, &path.stroke);
    }
}

/// A polyline: epaint fills only closed paths.
fn open_path(out: &mut String, points: &[Pos2], path_stroke: &PathStroke) {
    if points.len() < 2 || !points.iter().all(|p| p.is_finite()) {
        return;
    }
    let stroke = solid_stroke(path_stroke, points);
    let width = stroke_width(stroke.width);
    if width <= 0.0 || stroke.color.a() == 0 {
        return;
    }
    let shift = outer_shift(path_stroke.kind, width) - 0.5 * width;
    let points = offset(points, &normals(points, false), shift);
    let _ = write!(
        out,
        r#"<polyline points="{}" fill="none""#,
        points_attr(&points)
    );
    stroke_attrs(out, width, stroke.color);
    out.push_str("/>\n");
}

/// A polygon, filled and stroked like epaint's closed paths (which is how it draws every closed
/// outline but rectangles and circles).
fn closed_path(out: &mut String, points: &[Pos2], fill: Color32, path_stroke: &PathStroke) {
    if points.len() < 2 || !points.iter().all(|p| p.is_finite()) {
        return;
    }
    let stroke = solid_stroke(path_stroke, points);
    let width = stroke_width(stroke.width);
    let mut normals = normals(points, true);
    // epaint turns a filled path clockwise, so that its normals point out.
    if fill != Color32::TRANSPARENT && width > 0.0 && cw_signed_area(points) < 0.0 {
        normals.iter_mut().for_each(|n| *n = -*n);
    }
    let outer = outer_shift(path_stroke.kind, width);
    fill_and_stroke(out, fill, stroke, &|out, inset, paint| {
        let moved = offset(points, &normals, outer - inset);
        let _ = write!(out, r#"<polygon points="{}""#, points_attr(&moved));
        paint_attrs(out, paint);
        out.push_str("/>\n");
    });
}

/// The normals epaint moves a path's points along for a stroke's kind: the mean of the
/// neighbouring edges' normals, lengthened for a mitre join.
fn normals(points: &[Pos2], closed: bool) -> Vec<Vec2> {
    let n = points.len();
    let edge = |from: usize, to: usize| unit(points[to] - points[from]).rot90();
    (0..n)
        .map(|i| {
            let before = if i > 0 {
                Some(edge(i - 1, i))
            } else {
                closed.then(|| edge(n - 1, 0))
            };
            let after = if i + 1 < n {
                Some(edge(i, i + 1))
            } else {
                closed.then(|| edge(n - 1, 0))
            };
            match (before, after) {
                (Some(n0), Some(n1)) => {
                    let (n0, n1) = match (n0 == Vec2::ZERO, n1 == Vec2::ZERO) {
                        (true, _) => (n1, n1),
                        (_, true) => (n0, n0),
                        _ => (n0, n1),
                    };
                    let normal = (n0 + n1) * 0.5;
                    let length_sq = normal.length_sq();
                    if length_sq > 0.0 {
                        normal / length_sq
                    } else {
                        Vec2::ZERO
                    }
                }
                (Some(normal), None) | (None, Some(normal)) => normal,
                (None, None) => Vec2::ZERO,
            }
        })
        .collect()
}

fn unit(v: Vec2) -> Vec2 {
    let length = v.length();
    if length > 0.0 { v / length } else { Vec2::ZERO }
}

fn offset(points: &[Pos2], normals: &[Vec2], distance: f32) -> Vec<Pos2> {
    if distance == 0.0 {
        return points.to_vec();
    }
    points
        .iter()
        .zip(normals)
        .map(|(p, n)| *p + distance * *n)
        .collect()
}

/// Positive for a path that turns clockwise on the screen (y down).
fn cw_signed_area(points: &[Pos2]) -> f64 {
    let mut previous = points.last().copied().unwrap_or(Pos2::ZERO);
    let mut area = 0.0;
    for p in points {
        area += f64::from(previous.x * p.y - p.x * previous.y);
        previous = *p;
    }
    area
}

fn cubic_bezier(out: &mut String, curve: &CubicBezierShape) {
    let [p0, p1, p2, p3] = curve.points;
    let d = format!("M{} C{} {} {}", xy(p0), xy(p1), xy(p2), xy(p3));
    bezier(
        out,
        &d,
        curve.closed,
        curve.fill,
        &curve.stroke,
        &curve.points,
        || curve.flatten(Some(BEZIER_TOLERANCE)),
    );
}

fn quadratic_bezier(out: &mut String, curve: &QuadraticBezierShape) {
    let [p0, p1, p2] = curve.points;
    let d = format!("M{} Q{} {}", xy(p0), xy(p1), xy(p2));
    bezier(
        out,
        &d,
        curve.closed,
        curve.fill,
        &curve.stroke,
        &curve.points,
        || curve.flatten(Some(BEZIER_TOLERANCE)),
    );
}

/// A curve as a `<path>` along `d`. A stroke off the curve's centre line (or a translucent
/// one beside a fill) needs the curve's offset, so those are drawn from `flattened` points.
fn bezier(
    out: &mut String,
    d: &str,
    closed: bool,
    fill: Color32,
    path_stroke: &PathStroke,
    control_points: &[Pos2],
    flattened: impl Fn() -> Vec<Pos2>,
) {
    if !control_points.iter().all(|p| p.is_finite()) {
        return;
    }
    let stroke = solid_stroke(path_stroke, control_points);
    let width = stroke_width(stroke.width);
    let stroked = width > 0.0 && stroke.color.a() > 0;
    let centred = path_stroke.kind == StrokeKind::Middle || width == 0.0;
    if !closed {
        if !stroked {
            return;
        }
        if !centred {
            return open_path(out, &flattened(), path_stroke);
        }
        let _ = write!(out, r#"<path d="{d}" fill="none""#);
        stroke_attrs(out, width, stroke.color);
        out.push_str("/>\n");
        return;
    }
    let filled = fill.a() > 0;
    if !centred || (filled && stroked && stroke.color.a() < 255) {
        return closed_path(out, &flattened(), fill, path_stroke);
    }
    let fill = filled.then_some(fill);
    let stroke = stroked.then_some((width, stroke.color));
    if fill.is_none() && stroke.is_none() {
        return;
    }
    let _ = write!(out, r#"<path d="{d} Z""#);
    paint_attrs(out, Paint { fill, stroke });
    out.push_str("/>\n");
}

/// Each run of the band (samples with growing x) as the closed outline epaint draws: the top
/// edge left to right, the bottom edge back, shrunk to make room for the stroke.
fn band_shape(out: &mut String, band: &BandShape) {
    if !band.angle.is_finite() {
        return;
    }
    let width = stroke_width(band.stroke.width);
    let inset = width - outer_shift(band.stroke_kind, width);
    let rotation = egui::emath::Rot2::from_angle(band.angle);
    let stroke = PathStroke::from(band.stroke).with_kind(StrokeKind::Outside);
    let points = &band.points;
    let mut start = 0;
    while start < points.len() {
        if !band_point_is_valid(&points[start]) {
            start += 1;
            continue;
        }
        let mut end = start;
        while end + 1 < points.len()
            && band_point_is_valid(&points[end + 1])
            && points[end].x < points[end + 1].x
        {
            end += 1;
        }
        if start < end {
            let run = &points[start..=end];
            let shrunk = |y: Rangef| {
                let half = (0.5 * y.span() - inset).max(0.0);
                (y.center() - half, y.center() + half)
            };
            let mut outline: Vec<Pos2> = run
                .iter()
                .map(|p| (rotation * vec2(p.x, shrunk(p.y).0)).to_pos2())
                .collect();
            outline.extend(
                run.iter()
                    .rev()
                    .map(|p| (rotation * vec2(p.x, shrunk(p.y).1)).to_pos2()),
            );
            closed_path(out, &outline, band.fill, &stroke);
        }
        start = end + 1;
    }
}

/// As epaint's (crate-private) `BandPoint::is_valid`.
fn band_point_is_valid(point: &BandPoint) -> bool {
    point.is_finite() && point.y.min <= point.y.max
}

fn mesh_shape(out: &mut String, mesh: &Mesh) {
    let vertex = |i: &u32| mesh.vertices.get(*i as usize);
    let triangles = mesh.indices.chunks_exact(3).filter_map(|t| {
        let [a, b, c] = [vertex(&t[0])?, vertex(&t[1])?, vertex(&t[2])?];
        Some((
            [a.pos, b.pos, c.pos],
            mean_colour([a.color, b.color, c.color]),
        ))
    });
    triangles_into(out, triangles, Vec2::ZERO);
}

/// Premultiplied colours average component by component.
fn mean_colour(colours: [Color32; 3]) -> Color32 {
    let mean = |i: usize| {
        let sum: u16 = colours.iter().map(|c| u16::from(c.to_array()[i])).sum();
        u8::try_from((sum + 1) / 3).unwrap_or(u8::MAX)
    };
    Color32::from_rgba_premultiplied(mean(0), mean(1), mean(2), mean(3))
}

/// Triangles as filled `<path>`s, one per run of the same colour; each triangle is turned
/// clockwise so that overlapping ones add up instead of cancelling.
fn triangles_into(
    out: &mut String,
    triangles: impl Iterator<Item = ([Pos2; 3], Color32)>,
    translation: Vec2,
) {
    let mut run: Option<(Color32, String)> = None;
    let flush = |out: &mut String, run: Option<(Color32, String)>| {
        if let Some((colour, d)) = run {
            let _ = write!(out, r#"<path d="{d}""#);
            colour_attrs(out, "fill", colour);
            out.push_str("/>\n");
        }
    };
    for (mut corners, colour) in triangles {
        if colour.a() == 0 || !corners.iter().all(|p| p.is_finite()) {
            continue;
        }
        let area = cw_signed_area(&corners);
        if area == 0.0 {
            continue;
        }
        if area < 0.0 {
            corners.swap(1, 2);
        }
        let [a, b, c] = corners.map(|p| p + translation);
        let triangle = format!("M{} L{} L{} Z", xy(a), xy(b), xy(c));
        match &mut run {
            Some((run_colour, d)) if *run_colour == colour => {
                d.push(' ');
                d.push_str(&triangle);
            }
            _ => {
                flush(out, run.take());
                run = Some((colour, triangle));
            }
        }
    }
    flush(out, run);
}

// --- text ----------------------------------------------------------------------------------

/// Each galley row as one `<text>` (a `<tspan>` per change of font or colour within it), its
/// width pinned to the row's so that a viewer's fonts cannot make it overflow its card.
fn text_shape(out: &mut String, text: &TextShape) {
    let galley = &text.galley;
    let invisible = text.opacity_factor.is_nan() || text.opacity_factor <= 0.0;
    if galley.is_empty() || invisible || !text.pos.is_finite() {
        return;
    }
    let rotated = text.angle != 0.0 && text.angle.is_finite();
    if rotated {
        let _ = writeln!(out, "<g{}>", rotation_attr(text.angle, text.pos));
    }
    let resolve = |colour: Color32| {
        let colour = if colour == Color32::PLACEHOLDER {
            text.fallback_color
        } else {
            colour
        };
        if text.opacity_factor < 1.0 {
            colour.gamma_multiply(text.opacity_factor)
        } else {
            colour
        }
    };

    for (placed, (chars, sections)) in galley.rows.iter().zip(row_sources(galley)) {
        let origin = text.pos + placed.pos.to_vec2();
        if !origin.is_finite() {
            continue;
        }
        let visuals = &placed.visuals;
        let mesh = &visuals.mesh;
        // Section backgrounds come before the glyphs in the row's mesh, underlines and
        // strikethroughs after them.
        let split = visuals.glyph_index_start.min(mesh.indices.len());
        triangles_into(
            out,
            decorations(placed, &mesh.indices[..split], &resolve),
            origin.to_vec2(),
        );

        let runs = text_runs(galley, placed, &sections, |format| {
            match text.override_text_color {
                Some(colour) => resolve(colour),
                None => resolve(format.color),
            }
        });
        let visible: Vec<&TextRun> = runs
            .iter()
            .filter(|run| {
                run.colour.a() > 0 && !chars[run.glyphs.clone()].iter().all(|c| c.is_whitespace())
            })
            .collect();
        if let [run] = visible.as_slice() {
            out.push_str("<text");
            run_attrs(out, run, origin, &chars);
            out.push_str(r#" xml:space="preserve">"#);
            text_into(out, &chars[run.glyphs.clone()]);
            out.push_str("</text>\n");
        } else if !visible.is_empty() {
            out.push_str(r#"<text xml:space="preserve">"#);
            for run in visible {
                out.push_str("<tspan");
                run_attrs(out, run, origin, &chars);
                out.push('>');
                text_into(out, &chars[run.glyphs.clone()]);
                out.push_str("</tspan>");
            }
            out.push_str("</text>\n");
        }

        triangles_into(
            out,
            decorations(placed, &mesh.indices[split..], &resolve),
            origin.to_vec2(),
        );
        if !mesh.is_empty() {
            let bottom = visuals.mesh_bounds.translate(origin.to_vec2());
            line(
                out,
                [bottom.left_bottom(), bottom.right_bottom()],
                text.underline,
            );
        }
    }
    if rotated {
        out.push_str("</g>\n");
    }
}

/// The triangles among `indices` of the row's mesh that are not glyphs, coloured as epaint
/// colours them (the override colour is for glyphs only).
fn decorations<'a>(
    row: &'a PlacedRow,
    indices: &'a [u32],
    resolve: &'a dyn Fn(Color32) -> Color32,
) -> impl Iterator<Item = ([Pos2; 3], Color32)> + 'a {
    let visuals = &row.visuals;
    let vertex = |i: &u32| {
        let i = *i as usize;
        if visuals.glyph_vertex_range.contains(&i) {
            None
        } else {
            visuals.mesh.vertices.get(i)
        }
    };
    indices.chunks_exact(3).filter_map(move |t| {
        let [a, b, c] = [vertex(&t[0])?, vertex(&t[1])?, vertex(&t[2])?];
        let colours = [a.color, b.color, c.color].map(resolve);
        Some(([a.pos, b.pos, c.pos], mean_colour(colours)))
    })
}

/// Glyphs of a row in one font and colour.
struct TextRun<'a> {
    glyphs: std::ops::Range<usize>,
    format: &'a TextFormat,
    colour: Color32,
    /// From the row's top.
    baseline: f32,
    left: f32,
    right: f32,
}

fn text_runs<'a>(
    galley: &'a Galley,
    row: &'a PlacedRow,
    sections: &[usize],
    colour_of: impl Fn(&TextFormat) -> Color32,
) -> Vec<TextRun<'a>> {
    let job_sections: &[LayoutSection] = &galley.job.sections;
    let format_of = |i: usize| sections.get(i).and_then(|s| job_sections.get(*s));
    let mut runs: Vec<TextRun<'a>> = Vec::new();
    for (i, glyph) in row.glyphs.iter().enumerate() {
        let Some(section) = format_of(i) else {
            continue;
        };
        let format = &section.format;
        let colour = colour_of(format);
        let left = glyph.pos.x;
        let right = glyph.max_x();
        if let Some(run) = runs.last_mut()
            && run.glyphs.end == i
            && same_font(run.format, format)
            && run.colour == colour
        {
            run.glyphs.end = i + 1;
            run.left = run.left.min(left);
            run.right = run.right.max(right);
            continue;
        }
        runs.push(TextRun {
            glyphs: i..i + 1,
            format,
            colour,
            baseline: baseline(glyph, format, row.size.y, galley.pixels_per_point),
            left,
            right,
        });
    }
    runs
}

fn same_font(a: &TextFormat, b: &TextFormat) -> bool {
    a.font_id == b.font_id && a.italics == b.italics && a.valign == b.valign
}

/// Where epaint puts the baseline of the family's main font in a row `row_height` high.
///
/// A glyph's own `pos.y` is its baseline, but epaint centres a fallback face (the CJK font,
/// emoji) on the main font's line, so CJK glyphs sit lower than Latin ones. One `<text>` has one
/// baseline, and a viewer puts every font on it, so we take the main font's — the same formula
/// epaint uses for its glyphs, from the family's metrics `font_ascent` / `font_height` that
/// every glyph carries — and any row gets the same baseline whatever script it starts with.
fn baseline(glyph: &Glyph, format: &TextFormat, row_height: f32, pixels_per_point: f32) -> f32 {
    let y = glyph.font_ascent
        + format.valign.to_factor() * (row_height - glyph.line_height)
        + 0.5 * (glyph.line_height - glyph.font_height);
    if pixels_per_point > 0.0 {
        (y * pixels_per_point).round() / pixels_per_point
    } else {
        y
    }
}

fn run_attrs(out: &mut String, run: &TextRun<'_>, origin: Pos2, chars: &[char]) {
    let font = &run.format.font_id;
    let _ = write!(
        out,
        r#" x="{}" y="{}" font-size="{}""#,
        num(origin.x + run.left),
        num(origin.y + run.baseline),
        num(font.size),
    );
    let family = match font.family {
        FontFamily::Monospace => MONOSPACE_FAMILY,
        _ => FONT_FAMILY,
    };
    let _ = write!(out, r#" font-family="{family}""#);
    if run.format.italics {
        out.push_str(r#" font-style="italic""#);
    }
    colour_attrs(out, "fill", run.colour);
    let width = run.right - run.left;
    if num(width) != "0" && chars[run.glyphs.clone()].iter().any(|c| !c.is_whitespace()) {
        let _ = write!(
            out,
            r#" textLength="{}" lengthAdjust="spacingAndGlyphs""#,
            num(width)
        );
    }
}

/// For each row of `galley`: the characters it spells and the section of each of its glyphs.
///
/// Each glyph stands for one character of the job's text, in order, and a row that ends a
/// paragraph drops its `\n`. When the glyphs add up to the text exactly, the text's own
/// characters are used; a glyph's `chr` can repeat the first character of a cluster the shaper
/// drew with several glyphs. Otherwise (an elided galley ends in an overflow character that is
/// not in the text) the glyphs spell the rows.
fn row_sources(galley: &Galley) -> Vec<(Vec<char>, Vec<usize>)> {
    let job = &galley.job;
    let chars: Vec<(usize, char)> = job.text.char_indices().collect();
    let section_at = |byte: usize| {
        let byte = ByteIndex(byte);
        job.sections
            .iter()
            .position(|s| s.byte_range.contains(&byte))
            .or_else(|| {
                job.sections
                    .iter()
                    .rposition(|s| s.byte_range.start <= byte)
            })
            .unwrap_or(0)
    };
    let mut cursor = 0;
    let mut aligned = !galley.elided;
    let mut rows: Vec<(Vec<char>, Vec<usize>)> = Vec::with_capacity(galley.rows.len());
    for row in &galley.rows {
        let mut text = Vec::with_capacity(row.glyphs.len());
        let mut sections = Vec::with_capacity(row.glyphs.len());
        for glyph in &row.glyphs {
            let (byte, chr) = match chars.get(cursor) {
                Some(found) => *found,
                None => {
                    aligned = false;
                    (chars.last().map_or(0, |(byte, _)| *byte), glyph.chr)
                }
            };
            text.push(chr);
            sections.push(section_at(byte));
            cursor += 1;
        }
        if row.ends_with_newline {
            cursor += 1;
        }
        rows.push((text, sections));
    }
    if !aligned || cursor != chars.len() {
        for ((text, _), row) in rows.iter_mut().zip(&galley.rows) {
            *text = row.glyphs.iter().map(|g| g.chr).collect();
        }
    }
    rows
}

/// Text content: escaped, without the characters XML cannot carry (control characters draw
/// nothing anyway).
fn text_into(out: &mut String, chars: &[char]) {
    for &c in chars {
        if c == '\t' || (!is_xml_illegal(c) && !c.is_control()) {
            escape_char(out, c);
        }
    }
}

// --- attributes and numbers ----------------------------------------------------------------

fn paint_attrs(out: &mut String, paint: Paint) {
    match paint.fill {
        Some(colour) => colour_attrs(out, "fill", colour),
        None => out.push_str(r#" fill="none""#),
    }
    if let Some((width, colour)) = paint.stroke {
        stroke_attrs(out, width, colour);
    }
}

fn stroke_attrs(out: &mut String, width: f32, colour: Color32) {
    colour_attrs(out, "stroke", colour);
    let _ = write!(out, r#" stroke-width="{}""#, num(width));
}

/// ` fill="#rrggbb"` and, unless opaque, ` fill-opacity=".."`: epaint's colours are
/// premultiplied, SVG's are not.
fn colour_attrs(out: &mut String, name: &str, colour: Color32) {
    let [r, g, b, a] = colour.to_srgba_unmultiplied();
    let _ = write!(out, r##" {name}="#{r:02x}{g:02x}{b:02x}""##);
    if a < 255 {
        let _ = write!(out, r#" {name}-opacity="{}""#, num(f32::from(a) / 255.0));
    }
}

fn rect_attrs(rect: Rect) -> String {
    format!(
        r#" x="{}" y="{}" width="{}" height="{}""#,
        num(rect.min.x),
        num(rect.min.y),
        num(rect.width()),
        num(rect.height())
    )
}

/// ` transform="rotate(..)"` turning `angle` radians clockwise about `pivot`, or nothing.
fn rotation_attr(angle: f32, pivot: Pos2) -> String {
    if angle == 0.0 || !angle.is_finite() || num(angle.to_degrees()) == "0" {
        return String::new();
    }
    format!(
        r#" transform="rotate({} {} {})""#,
        num(angle.to_degrees()),
        num(pivot.x),
        num(pivot.y)
    )
}

fn xy(p: Pos2) -> String {
    format!("{} {}", num(p.x), num(p.y))
}

fn points_attr(points: &[Pos2]) -> String {
    let pairs: Vec<String> = points
        .iter()
        .map(|p| format!("{},{}", num(p.x), num(p.y)))
        .collect();
    pairs.join(" ")
}

/// A number with at most two decimals, no trailing zeros and never "-0".
fn num(value: f32) -> String {
    let value = if value.is_finite() {
        value.clamp(-FAR, FAR)
    } else {
        0.0
    };
    let mut text = format!("{value:.2}");
    if text.contains('.') {
        let trimmed = text.trim_end_matches('0').trim_end_matches('.').len();
        text.truncate(trimmed);
    }
    if text == "-0" {
        text = "0".to_owned();
    }
    text
}

// --- escaping ------------------------------------------------------------------------------

/// XML 1.0 has no place for these, not even as character references.
fn is_xml_illegal(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

fn escape_char(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&apos;"),
        // An XML reader turns a raw CR (and CR LF) into LF; a reference keeps it.
        '\r' => out.push_str("&#13;"),
        // XML 1.0 cannot hold these at all; map text never has one (RON escapes them in
        // strings), and drawn text shows a replacement character for them.
        c if is_xml_illegal(c) => out.push(char::REPLACEMENT_CHARACTER),
        c => out.push(c),
    }
}

/// Escapes `text` for element content or an attribute value.
fn escape_into(out: &mut String, text: &str) {
    out.reserve(text.len());
    text.chars().for_each(|c| escape_char(out, c));
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Align2, Context, FontId, RawInput};

    fn picture() -> Vec2 {
        vec2(200.0, 100.0)
    }

    fn svg_of(shapes: Vec<Shape>) -> String {
        let clipped: Vec<ClippedShape> = shapes
            .into_iter()
            .map(|s| ClippedShape::new(Rect::EVERYTHING, s))
            .collect();
        shapes_to_svg(&clipped, picture(), None, "", &PictureSettings::default())
    }

    /// The start tags (with their attributes) of the elements named `name`.
    fn elements<'a>(svg: &'a str, name: &str) -> Vec<&'a str> {
        let open = format!("<{name} ");
        let mut found = Vec::new();
        let mut rest = svg;
        while let Some(at) = rest.find(&open) {
            let tag = &rest[at..];
            let end = tag.find('>').expect("a tag ends");
            found.push(&tag[..=end]);
            rest = &tag[end..];
        }
        found
    }

    /// The value of `attribute` in `tag`.
    fn attr<'a>(tag: &'a str, attribute: &str) -> Option<&'a str> {
        let key = format!(" {attribute}=\"");
        let start = tag.find(&key)? + key.len();
        Some(&tag[start..start + tag[start..].find('"')?])
    }

    /// The texts of the `<text>` elements, as written (escaped).
    fn texts(svg: &str) -> Vec<&str> {
        svg.match_indices("<text")
            .map(|(at, _)| {
                let element = &svg[at..];
                let content = &element[element.find('>').expect("text tag ends") + 1..];
                &content[..content.find("</text>").expect("text ends")]
            })
            .collect()
    }

    fn map_from_svg(svg: &str) -> String {
        crate::io::from_svg(svg.as_bytes())
            .expect("the map is found")
            .text
    }

    #[test]
    fn metadata_round_trip_is_byte_exact() {
        let tricky = [
            "",
            "(title: \"旅程地图\", note: r#\"she said \"hi\" & 'left'\"#)",
            "]]> &amp; &lt; <b>bold</b> </jm:map> <![CDATA[x]]>",
            "lines\nwith\r\nendings\rand\ttabs  \n",
            "emoji 👍🏽🇫🇷 and 中文，标点？ and application/vnd.journeymap+ron",
        ];
        let settings = PictureSettings::default();
        for map in tricky {
            let svg = shapes_to_svg(&[], picture(), Some(Color32::WHITE), map, &settings);
            assert_eq!(map_from_svg(&svg), map, "{svg}");
            let metadata = &svg[svg.find("<metadata>").expect("metadata")..];
            let content = &metadata[metadata.find('>').expect("tag") + 1..];
            let content = &content[content.find('>').expect("tag") + 1..];
            let content = &content[..content.find("</jm:map>").expect("end")];
            assert!(!content.contains(['<', '"', '\'', '\r']), "{content}");
        }
        assert!(
            shapes_to_svg(&[], picture(), None, "x", &settings).contains(
                r#"<metadata><jm:map xmlns:jm="urn:journeymap" type="application/vnd.journeymap+ron" picture="scale=2 background=white theme=light">x</jm:map></metadata>"#
            )
        );
    }

    #[test]
    fn control_characters_in_a_map_survive_the_svg() {
        let map = crate::model::JourneyMap::blank("control \u{1} \u{1f} \u{fffe}");
        let ron = crate::io::to_ron(&map);
        let svg = shapes_to_svg(&[], picture(), None, &ron, &PictureSettings::default());
        assert_eq!(map_from_svg(&svg), ron);
        assert_eq!(
            crate::io::from_ron(&map_from_svg(&svg)).expect("loads"),
            map
        );
    }

    #[test]
    fn document_has_the_root_size_and_background() {
        let svg = shapes_to_svg(
            &[],
            vec2(640.5, 480.0),
            Some(Color32::from_rgb(1, 2, 3)),
            "",
            &PictureSettings::default(),
        );
        assert!(svg.contains(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="640.5" height="480" viewBox="0 0 640.5 480">"#
        ));
        assert!(svg.contains(r##"<rect width="640.5" height="480" fill="#010203"/>"##));
        assert!(svg.trim_end().ends_with("</svg>"));
        let transparent = shapes_to_svg(
            &[],
            vec2(640.5, 480.0),
            None,
            "",
            &PictureSettings::default(),
        );
        assert!(elements(&transparent, "rect").is_empty());
    }

    #[test]
    fn rect_strokes_follow_the_stroke_kind() {
        let rect = Rect::from_min_max(pos2(10.0, 10.0), pos2(90.0, 50.0));
        let stroke = Stroke::new(2.0, Color32::BLACK);
        let fill = Color32::from_rgb(0xff, 0x80, 0x00);
        let svg = svg_of(vec![
            Shape::Rect(RectShape::new(rect, 6, fill, stroke, StrokeKind::Inside)),
            Shape::Rect(RectShape::new(rect, 6, fill, stroke, StrokeKind::Middle)),
            Shape::Rect(RectShape::new(rect, 6, fill, stroke, StrokeKind::Outside)),
        ]);
        let rects = elements(&svg, "rect");
        assert_eq!(rects.len(), 3, "{svg}");
        // Each <rect> is the stroke's centre line; the opaque stroke hides the fill under it.
        let expected = [
            ("11", "11", "78", "38", "5"),
            ("10", "10", "80", "40", "6"),
            ("9", "9", "82", "42", "7"),
        ];
        for (tag, (x, y, w, h, rx)) in rects.iter().zip(expected) {
            assert_eq!(attr(tag, "x"), Some(x), "{tag}");
            assert_eq!(attr(tag, "y"), Some(y), "{tag}");
            assert_eq!(attr(tag, "width"), Some(w), "{tag}");
            assert_eq!(attr(tag, "height"), Some(h), "{tag}");
            assert_eq!(attr(tag, "rx"), Some(rx), "{tag}");
            assert_eq!(attr(tag, "fill"), Some("#ff8000"), "{tag}");
            assert_eq!(attr(tag, "stroke"), Some("#000000"), "{tag}");
            assert_eq!(attr(tag, "stroke-width"), Some("2"), "{tag}");
        }
    }

    #[test]
    fn translucent_stroke_and_fill_do_not_overlap() {
        let rect = Rect::from_min_max(pos2(10.0, 10.0), pos2(90.0, 50.0));
        let stroke = Stroke::new(4.0, Color32::from_black_alpha(128));
        let svg = svg_of(vec![Shape::Rect(RectShape::new(
            rect,
            0,
            Color32::WHITE,
            stroke,
            StrokeKind::Inside,
        ))]);
        let rects = elements(&svg, "rect");
        assert_eq!(rects.len(), 2, "{svg}");
        // The fill stops at the stroke's inner edge; the stroke follows its centre line.
        assert_eq!(attr(rects[0], "x"), Some("14"));
        assert_eq!(attr(rects[0], "width"), Some("72"));
        assert_eq!(attr(rects[0], "stroke"), None);
        assert_eq!(attr(rects[1], "x"), Some("12"));
        assert_eq!(attr(rects[1], "width"), Some("76"));
        assert_eq!(attr(rects[1], "fill"), Some("none"));
        assert_eq!(attr(rects[1], "stroke-opacity"), Some("0.5"));
        assert_eq!(attr(rects[0], "rx"), None, "square corners have no rx");
    }

    #[test]
    fn uneven_corners_become_a_path_with_arcs() {
        let rect = Rect::from_min_max(pos2(0.0, 0.0), pos2(40.0, 20.0));
        let corners = CornerRadius {
            nw: 4,
            ne: 4,
            sw: 0,
            se: 0,
        };
        let svg = svg_of(vec![Shape::Rect(RectShape::filled(
            rect,
            corners,
            Color32::RED,
        ))]);
        let paths = elements(&svg, "path");
        assert_eq!(paths.len(), 1, "{svg}");
        assert_eq!(
            attr(paths[0], "d"),
            Some("M4 0 H36 A4 4 0 0 1 40 4 V20 H0 V4 A4 4 0 0 1 4 0 Z")
        );
    }

    #[test]
    fn circle_line_and_curves() {
        let svg = svg_of(vec![
            Shape::circle_filled(pos2(50.0, 40.0), 10.0, Color32::BLUE),
            Shape::Circle(CircleShape {
                center: pos2(20.0, 20.0),
                radius: 5.0,
                fill: Color32::TRANSPARENT,
                stroke: Stroke::new(2.0, Color32::GREEN),
            }),
            Shape::line_segment([pos2(0.0, 0.0), pos2(100.5, 50.25)], (1.5, Color32::BLACK)),
            Shape::CubicBezier(CubicBezierShape::from_points_stroke(
                [
                    pos2(10.0, 10.0),
                    pos2(20.0, 0.0),
                    pos2(30.0, 20.0),
                    pos2(40.0, 10.0),
                ],
                false,
                Color32::TRANSPARENT,
                PathStroke::new(2.5, Color32::RED),
            )),
            Shape::QuadraticBezier(QuadraticBezierShape::from_points_stroke(
                [pos2(0.0, 0.0), pos2(5.0, 10.0), pos2(10.0, 0.0)],
                true,
                Color32::WHITE,
                Stroke::NONE,
            )),
        ]);
        let circles = elements(&svg, "circle");
        assert_eq!(circles.len(), 2, "{svg}");
        assert_eq!(
            circles[0],
            r##"<circle cx="50" cy="40" r="10" fill="#0000ff"/>"##
        );
        // epaint strokes circles outside: the centre line is a radius of 5 + 1.
        assert_eq!(
            circles[1],
            r##"<circle cx="20" cy="20" r="6" fill="none" stroke="#00ff00" stroke-width="2"/>"##
        );
        assert_eq!(
            elements(&svg, "line"),
            [
                r##"<line x1="0" y1="0" x2="100.5" y2="50.25" stroke="#000000" stroke-width="1.5"/>"##
            ]
        );
        let paths = elements(&svg, "path");
        assert_eq!(paths.len(), 2, "{svg}");
        assert_eq!(attr(paths[0], "d"), Some("M10 10 C20 0 30 20 40 10"));
        assert_eq!(attr(paths[0], "fill"), Some("none"));
        assert_eq!(attr(paths[0], "stroke"), Some("#ff0000"));
        assert_eq!(attr(paths[0], "stroke-width"), Some("2.5"));
        assert_eq!(attr(paths[1], "d"), Some("M0 0 Q5 10 10 0 Z"));
        assert_eq!(attr(paths[1], "fill"), Some("#ffffff"));
    }

    #[test]
    fn paths_vec_mesh_and_nothing() {
        let triangle = vec![pos2(0.0, 0.0), pos2(10.0, 0.0), pos2(10.0, 10.0)];
        let mut mesh = Mesh::default();
        mesh.add_colored_rect(
            Rect::from_min_max(pos2(1.0, 1.0), pos2(3.0, 2.0)),
            Color32::RED,
        );
        let svg = svg_of(vec![Shape::Vec(vec![
            Shape::Noop,
            Shape::Path(PathShape::line(
                triangle.clone(),
                Stroke::new(1.0, Color32::BLACK),
            )),
            Shape::Path(PathShape::convex_polygon(
                triangle,
                Color32::RED,
                Stroke::NONE,
            )),
            Shape::from(mesh),
        ])]);
        assert_eq!(
            elements(&svg, "polyline"),
            [
                r##"<polyline points="0,0 10,0 10,10" fill="none" stroke="#000000" stroke-width="1"/>"##
            ]
        );
        assert_eq!(
            elements(&svg, "polygon"),
            [r##"<polygon points="0,0 10,0 10,10" fill="#ff0000"/>"##]
        );
        // The mesh's two triangles share a colour, so one path.
        let paths = elements(&svg, "path");
        assert_eq!(paths.len(), 1, "{svg}");
        assert_eq!(attr(paths[0], "d").map(|d| d.matches('M').count()), Some(2));
        assert_eq!(attr(paths[0], "fill"), Some("#ff0000"));
    }

    #[test]
    fn premultiplied_colours_become_colour_and_opacity() {
        let half_red = Color32::from_rgba_unmultiplied(255, 0, 0, 128);
        assert_eq!(half_red.r(), 128, "stored premultiplied");
        let quarter_white = Color32::from_white_alpha(64);
        let svg = svg_of(vec![
            Shape::rect_filled(
                Rect::from_min_size(pos2(1.0, 1.0), vec2(5.0, 5.0)),
                0,
                half_red,
            ),
            Shape::line_segment([pos2(0.0, 0.0), pos2(9.0, 9.0)], (1.0, quarter_white)),
        ]);
        let rect = elements(&svg, "rect")[0];
        assert_eq!(attr(rect, "fill"), Some("#ff0000"), "{rect}");
        assert_eq!(attr(rect, "fill-opacity"), Some("0.5"), "{rect}");
        let line = elements(&svg, "line")[0];
        assert_eq!(attr(line, "stroke"), Some("#ffffff"), "{line}");
        assert_eq!(attr(line, "stroke-opacity"), Some("0.25"), "{line}");
        // Opaque colours carry no opacity; invisible ones draw nothing.
        assert!(
            !svg_of(vec![Shape::circle_filled(
                pos2(5.0, 5.0),
                2.0,
                Color32::RED
            )])
            .contains("opacity")
        );
        let invisible = svg_of(vec![Shape::circle_filled(
            pos2(5.0, 5.0),
            2.0,
            Color32::TRANSPARENT,
        )]);
        assert!(elements(&invisible, "circle").is_empty());
    }

    /// Paints with egui's default fonts in a headless context and returns what was painted.
    fn painted(paint: impl Fn(&egui::Painter)) -> Vec<ClippedShape> {
        let ctx = Context::default();
        let mut output = ctx.run_ui(RawInput::default(), |ui| paint(ui.painter()));
        output.textures_delta.clear();
        output.shapes
    }

    #[test]
    fn text_is_text() {
        let shapes = painted(|painter| {
            painter.text(
                pos2(10.0, 20.0),
                Align2::LEFT_TOP,
                "Hello 旅程 & <b>",
                FontId::proportional(20.0),
                Color32::BLACK,
            );
        });
        let svg = shapes_to_svg(&shapes, picture(), None, "", &PictureSettings::default());
        assert_eq!(texts(&svg), ["Hello 旅程 &amp; &lt;b&gt;"], "{svg}");
        let tag = elements(&svg, "text")[0];
        assert_eq!(attr(tag, "font-size"), Some("20"), "{tag}");
        assert_eq!(attr(tag, "fill"), Some("#000000"), "{tag}");
        assert_eq!(attr(tag, "x"), Some("10"), "{tag}");
        assert_eq!(attr(tag, "xml:space"), Some("preserve"), "{tag}");
        assert_eq!(attr(tag, "font-family"), Some(FONT_FAMILY), "{tag}");
        assert_eq!(attr(tag, "lengthAdjust"), Some("spacingAndGlyphs"), "{tag}");

        // The baseline is where egui put the first glyph's, and the length is the row's.
        let Shape::Text(text) = &shapes[0].shape else {
            panic!("painted text");
        };
        let row = &text.galley.rows[0];
        let glyph = &row.glyphs[0];
        assert_eq!(
            attr(tag, "y"),
            Some(num(20.0 + row.pos.y + glyph.pos.y).as_str())
        );
        let last = row.glyphs.last().expect("glyphs");
        assert_eq!(
            attr(tag, "textLength"),
            Some(num(last.max_x() - glyph.pos.x).as_str())
        );
    }

    #[test]
    fn each_row_of_wrapped_text_is_one_text() {
        let shapes = painted(|painter| {
            let galley = painter.layout(
                "Customers compare plans before they call us\nthen wait".to_owned(),
                FontId::proportional(14.0),
                Color32::DARK_BLUE,
                60.0,
            );
            painter.galley(pos2(5.0, 5.0), galley, Color32::RED);
        });
        let galley = &painted_galley(&shapes);
        let rows: Vec<String> = galley.rows.iter().map(|r| r.text()).collect();
        assert!(rows.len() >= 4, "{rows:?}");
        let svg = shapes_to_svg(&shapes, picture(), None, "", &PictureSettings::default());
        let written = texts(&svg);
        let expected: Vec<&str> = rows.iter().map(|r| r.as_str()).collect();
        assert_eq!(written, expected, "{svg}");
        let ys: Vec<f32> = elements(&svg, "text")
            .iter()
            .map(|t| attr(t, "y").and_then(|y| y.parse().ok()).expect("y"))
            .collect();
        assert!(ys.windows(2).all(|w| w[0] < w[1]), "{ys:?}");
        // The section's own colour, not the fallback.
        assert!(
            elements(&svg, "text")
                .iter()
                .all(|t| attr(t, "fill") == Some("#00008b"))
        );
    }

    #[test]
    fn sections_become_tspans_and_a_cut_row_keeps_its_ellipsis() {
        use egui::text::{LayoutJob, TextFormat};
        let shapes = painted(|painter| {
            let mut job = LayoutJob::default();
            let plain = TextFormat::simple(FontId::proportional(12.0), Color32::BLACK);
            job.append("Plain ", 0.0, plain);
            // A placeholder colour takes the text's fallback colour.
            let big = TextFormat::simple(FontId::monospace(24.0), Color32::PLACEHOLDER);
            job.append("big & bold", 0.0, big);
            painter.galley(pos2(0.0, 0.0), painter.layout_job(job), Color32::RED);

            let mut cut = LayoutJob::simple(
                "one two three four five six".to_owned(),
                FontId::proportional(14.0),
                Color32::BLACK,
                60.0,
            );
            cut.wrap.max_rows = 1;
            cut.wrap.overflow_character = Some('…');
            painter.galley(pos2(0.0, 50.0), painter.layout_job(cut), Color32::BLACK);
        });
        let svg = shapes_to_svg(&shapes, picture(), None, "", &PictureSettings::default());
        let tspans = elements(&svg, "tspan");
        assert_eq!(tspans.len(), 2, "{svg}");
        assert_eq!(attr(tspans[0], "font-size"), Some("12"));
        assert_eq!(attr(tspans[0], "fill"), Some("#000000"));
        assert_eq!(attr(tspans[0], "font-family"), Some(FONT_FAMILY));
        assert_eq!(attr(tspans[1], "font-size"), Some("24"));
        assert_eq!(attr(tspans[1], "fill"), Some("#ff0000"));
        assert_eq!(attr(tspans[1], "font-family"), Some(MONOSPACE_FAMILY));
        let written = texts(&svg);
        assert_eq!(written.len(), 2, "{svg}");
        assert!(written[0].contains(">Plain </tspan>"), "{}", written[0]);
        assert!(
            written[0].contains(">big &amp; bold</tspan>"),
            "{}",
            written[0]
        );
        assert!(painted_galley(&shapes[1..]).elided);
        assert!(
            written[1].starts_with("one") && written[1].ends_with('…'),
            "{}",
            written[1]
        );
    }

    fn painted_galley(shapes: &[ClippedShape]) -> std::sync::Arc<Galley> {
        match &shapes[0].shape {
            Shape::Text(text) => text.galley.clone(),
            other => panic!("expected text, got {other:?}"),
        }
    }

    #[test]
    fn clip_groups_only_for_clips_inside_the_picture() {
        let dot = |x: f32| Shape::circle_filled(pos2(x, 30.0), 4.0, Color32::RED);
        let inner = Rect::from_min_max(pos2(10.0, 10.0), pos2(50.0, 50.0));
        let shapes = [
            ClippedShape::new(inner, dot(20.0)),
            ClippedShape::new(inner, dot(30.0)),
            ClippedShape::new(Rect::EVERYTHING, dot(60.0)),
            ClippedShape::new(Rect::from_min_size(Pos2::ZERO, picture()), dot(70.0)),
            ClippedShape::new(inner, dot(40.0)),
            // Outside its clip: culled.
            ClippedShape::new(inner, dot(150.0)),
        ];
        let svg = shapes_to_svg(&shapes, picture(), None, "", &PictureSettings::default());
        assert_eq!(
            svg.matches("<clipPath ").count(),
            1,
            "one clip rect, one clipPath: {svg}"
        );
        assert!(svg.contains(
            r#"<clipPath id="c0"><rect x="10" y="10" width="40" height="40"/></clipPath>"#
        ));
        assert_eq!(
            svg.matches(r##"<g clip-path="url(#c0)">"##).count(),
            2,
            "{svg}"
        );
        let first = svg.find("<g clip").expect("group");
        let group = &svg[first..first + svg[first..].find("</g>").expect("end")];
        assert_eq!(
            group.matches("<circle").count(),
            2,
            "consecutive shapes share a group"
        );
        assert_eq!(svg.matches("<circle").count(), 5, "{svg}");
        // Whole-picture clips draw without a group.
        let unclipped = shapes_to_svg(
            &shapes[2..4],
            picture(),
            None,
            "",
            &PictureSettings::default(),
        );
        assert!(!unclipped.contains("clip"), "{unclipped}");
    }

    #[test]
    fn transform_after_tessellation_is_kept() {
        let mut shape = ClippedShape::new(
            Rect::EVERYTHING,
            Shape::circle_filled(pos2(5.0, 5.0), 2.0, Color32::RED),
        );
        shape.transform_after_tessellation = TSTransform::new(vec2(10.0, -2.5), 2.0);
        let svg = shapes_to_svg(&[shape], picture(), None, "", &PictureSettings::default());
        assert!(
            svg.contains(r#"<g transform="matrix(2 0 0 2 10 -2.5)">"#),
            "{svg}"
        );
    }

    #[test]
    fn numbers_have_two_decimals_and_no_negative_zero() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.5), "1.5");
        assert_eq!(num(1.239), "1.24");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(-0.0), "0");
        assert_eq!(num(-2.50), "-2.5");
        assert_eq!(num(100.0), "100");
        assert_eq!(num(f32::NAN), "0");
        assert_eq!(num(f32::INFINITY), "0");
        assert_eq!(num(1e30), "10000000");
    }

    #[test]
    fn output_is_deterministic() {
        let paint = |painter: &egui::Painter| {
            painter.rect_filled(
                Rect::from_min_size(pos2(3.3, 4.4), vec2(50.0, 20.0)),
                5,
                Color32::from_black_alpha(100),
            );
            painter
                .with_clip_rect(Rect::from_min_size(pos2(0.0, 0.0), vec2(80.0, 40.0)))
                .text(
                    pos2(1.0, 2.0),
                    Align2::LEFT_TOP,
                    "同じ map 🗺",
                    FontId::proportional(13.0),
                    Color32::GRAY,
                );
            painter.circle_stroke(pos2(40.0, 40.0), 7.7, (1.3, Color32::GOLD));
        };
        let first = shapes_to_svg(
            &painted(paint),
            picture(),
            Some(Color32::WHITE),
            "(x: 1)",
            &PictureSettings::default(),
        );
        let second = shapes_to_svg(
            &painted(paint),
            picture(),
            Some(Color32::WHITE),
            "(x: 1)",
            &PictureSettings::default(),
        );
        assert_eq!(first, second);
        // Every number in it has at most two decimals.
        for token in first.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-')) {
            if let Some((_, decimals)) = token.split_once('.') {
                assert!(
                    decimals.len() <= 2 || token.starts_with('.'),
                    "{token} in {first}"
                );
            }
            assert_ne!(token, "-0", "{first}");
        }
    }
}
