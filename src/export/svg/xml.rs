//! Writing XML: attributes, numbers, and escaped text.

use super::FAR;
use super::shapes::Paint;
use egui::epaint::Color32;
use egui::{Pos2, Rect};
use std::fmt::Write as _;

pub(super) fn paint_attrs(out: &mut String, paint: Paint) {
    match paint.fill {
        Some(colour) => colour_attrs(out, "fill", colour),
        None => out.push_str(r#" fill="none""#),
    }
    if let Some((width, colour)) = paint.stroke {
        stroke_attrs(out, width, colour);
    }
}

pub(super) fn stroke_attrs(out: &mut String, width: f32, colour: Color32) {
    colour_attrs(out, "stroke", colour);
    let _ = write!(out, r#" stroke-width="{}""#, num(width));
}

/// ` fill="#rrggbb"` and, unless opaque, ` fill-opacity=".."`: epaint's colours are
/// premultiplied, SVG's are not.
pub(super) fn colour_attrs(out: &mut String, name: &str, colour: Color32) {
    let [r, g, b, a] = colour.to_srgba_unmultiplied();
    let _ = write!(out, r##" {name}="#{r:02x}{g:02x}{b:02x}""##);
    if a < 255 {
        let _ = write!(out, r#" {name}-opacity="{}""#, num(f32::from(a) / 255.0));
    }
}

pub(super) fn rect_attrs(rect: Rect) -> String {
    format!(
        r#" x="{}" y="{}" width="{}" height="{}""#,
        num(rect.min.x),
        num(rect.min.y),
        num(rect.width()),
        num(rect.height())
    )
}

/// ` transform="rotate(..)"` turning `angle` radians clockwise about `pivot`, or nothing.
pub(super) fn rotation_attr(angle: f32, pivot: Pos2) -> String {
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

pub(super) fn xy(p: Pos2) -> String {
    format!("{} {}", num(p.x), num(p.y))
}

pub(super) fn points_attr(points: &[Pos2]) -> String {
    let pairs: Vec<String> = points
        .iter()
        .map(|p| format!("{},{}", num(p.x), num(p.y)))
        .collect();
    pairs.join(" ")
}

/// A number with at most two decimals, no trailing zeros and never "-0".
pub(super) fn num(value: f32) -> String {
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

/// XML 1.0 has no place for these, not even as character references.
pub(super) fn is_xml_illegal(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

pub(super) fn escape_char(out: &mut String, c: char) {
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
pub(super) fn escape_into(out: &mut String, text: &str) {
    out.reserve(text.len());
    text.chars().for_each(|c| escape_char(out, c));
}
