//! Each kind of shape the paint path draws as SVG elements, with its geometry as epaint's
//! tessellator makes it.

use super::FAR;
use super::text::text_shape;
use super::xml::*;
use egui::epaint::{
    CircleShape, Color32, ColorMode, CornerRadius, CubicBezierShape, EllipseShape, Mesh, PathShape,
    PathStroke, QuadraticBezierShape, RectShape, Shape, Stroke, StrokeKind,
};
use egui::{NumExt as _, Pos2, Rect, Vec2, pos2};
use std::fmt::Write as _;

/// How far a flattened Bézier may stray from the curve, in points.
const BEZIER_TOLERANCE: f32 = 0.1;

/// Appends the elements drawing `shape` (nothing for what cannot show).
pub(super) fn shape(out: &mut String, shape: &Shape) {
    match shape {
        Shape::Noop | Shape::Callback(_) => {}
        Shape::Vec(shapes) => shapes.iter().for_each(|s| self::shape(out, s)),
        Shape::Circle(circle) => circle_shape(out, circle),
        Shape::Ellipse(ellipse) => ellipse_shape(out, ellipse),
        Shape::LineSegment { points, stroke } => line(out, *points, *stroke),
        Shape::Path(path) => path_shape(out, path),
        // The paint path never draws bands (epaint's plots do).
        Shape::Band(_) => {}
        Shape::Rect(rect) => rect_shape(out, rect),
        Shape::Text(text) => text_shape(out, text),
        Shape::Mesh(mesh) => mesh_shape(out, mesh),
        Shape::QuadraticBezier(curve) => quadratic_bezier(out, curve),
        Shape::CubicBezier(curve) => cubic_bezier(out, curve),
    }
}

/// What an element is filled and stroked with (None: not at all).
#[derive(Clone, Copy)]
pub(super) struct Paint {
    pub fill: Option<Color32>,
    pub stroke: Option<(f32, Color32)>,
}

/// A fill and a stroke around one closed outline, drawn as epaint draws them: the stroke's
/// outer edge is the outline moved out by [`outer_shift`], and the fill stops where the stroke
/// begins. `emit(out, inset, paint)` writes the outline moved `inset` in from the stroke's outer
/// edge: the stroke's centre line is at `width / 2`, the fill's edge at `width`.
pub(super) fn fill_and_stroke(
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
pub(super) fn outer_shift(kind: StrokeKind, width: f32) -> f32 {
    match kind {
        StrokeKind::Inside => 0.0,
        StrokeKind::Middle => 0.5 * width,
        StrokeKind::Outside => width,
    }
}

pub(super) fn stroke_width(width: f32) -> f32 {
    if width.is_finite() {
        width.max(0.0)
    } else {
        0.0
    }
}

pub(super) fn rect_shape(out: &mut String, shape: &RectShape) {
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
pub(super) fn rounded_rect(
    out: &mut String,
    rect: Rect,
    radii: [f32; 4],
    paint: Paint,
    extra: &str,
) {
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
pub(super) fn arc(d: &mut String, r: f32, to: Pos2) {
    if num(r) != "0" {
        let _ = write!(d, " A{} {} 0 0 1 {}", num(r), num(r), xy(to));
    }
}

pub(super) fn circle_shape(out: &mut String, circle: &CircleShape) {
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

pub(super) fn ellipse_shape(out: &mut String, ellipse: &EllipseShape) {
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

pub(super) fn line(out: &mut String, [a, b]: [Pos2; 2], stroke: Stroke) {
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
pub(super) fn solid_stroke(stroke: &PathStroke, points: &[Pos2]) -> Stroke {
    let color = match &stroke.color {
        ColorMode::Solid(color) => *color,
        ColorMode::UV(color_at) => {
            let bounds = Rect::from_points(points);
            color_at(bounds, bounds.center())
        }
    };
    Stroke::new(stroke.width, color)
}

pub(super) fn path_shape(out: &mut String, path: &PathShape) {
    if path.closed {
        closed_path(out, &path.points, path.fill, &path.stroke);
    } else {
        open_path(out, &path.points, &path.stroke);
    }
}

/// A polyline: epaint fills only closed paths.
pub(super) fn open_path(out: &mut String, points: &[Pos2], path_stroke: &PathStroke) {
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
pub(super) fn closed_path(
    out: &mut String,
    points: &[Pos2],
    fill: Color32,
    path_stroke: &PathStroke,
) {
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
pub(super) fn normals(points: &[Pos2], closed: bool) -> Vec<Vec2> {
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

pub(super) fn unit(v: Vec2) -> Vec2 {
    let length = v.length();
    if length > 0.0 { v / length } else { Vec2::ZERO }
}

pub(super) fn offset(points: &[Pos2], normals: &[Vec2], distance: f32) -> Vec<Pos2> {
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
pub(super) fn cw_signed_area(points: &[Pos2]) -> f64 {
    let mut previous = points.last().copied().unwrap_or(Pos2::ZERO);
    let mut area = 0.0;
    for p in points {
        area += f64::from(previous.x * p.y - p.x * previous.y);
        previous = *p;
    }
    area
}

pub(super) fn cubic_bezier(out: &mut String, curve: &CubicBezierShape) {
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

pub(super) fn quadratic_bezier(out: &mut String, curve: &QuadraticBezierShape) {
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
pub(super) fn bezier(
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

pub(super) fn mesh_shape(out: &mut String, mesh: &Mesh) {
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
pub(super) fn mean_colour(colours: [Color32; 3]) -> Color32 {
    let mean = |i: usize| {
        let sum: u16 = colours.iter().map(|c| u16::from(c.to_array()[i])).sum();
        u8::try_from((sum + 1) / 3).unwrap_or(u8::MAX)
    };
    Color32::from_rgba_premultiplied(mean(0), mean(1), mean(2), mean(3))
}

/// Triangles as filled `<path>`s, one per run of the same colour; each triangle is turned
/// clockwise so that overlapping ones add up instead of cancelling.
pub(super) fn triangles_into(
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
