//! Faces for the levels of the emotion scale, drawn as shapes: a monochrome emoji font draws
//! them as grey blobs at the size a scale label has, so the common faces (😡 😟 😐 😊 😄 and
//! their cousins) are drawn here, readable at any zoom, in both themes and in every export.
//! Any other emoji a person types is drawn as text.

use egui::epaint::PathShape;
use egui::{Color32, Painter, Pos2, Rect, Shape, Stroke, pos2, vec2};

/// The expressions we draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Face {
    /// 😄 a wide open smile.
    Grin,
    /// 😊 a smile.
    Smile,
    /// 😐 a straight mouth.
    Neutral,
    /// 😟 raised brows and a slight frown.
    Worried,
    /// 🙁 a frown.
    Frown,
    /// 😡 frowning brows on a red face.
    Angry,
}

impl Face {
    /// The face an emoji stands for, if it is one we draw (variation selectors ignored).
    pub fn of_emoji(emoji: &str) -> Option<Face> {
        let mut chars = emoji
            .trim()
            .chars()
            .filter(|c| !('\u{fe00}'..='\u{fe0f}').contains(c));
        let first = chars.next()?;
        if chars.next().is_some() {
            return None;
        }
        Some(match first {
            '😄' | '😁' | '😃' | '😀' | '😆' | '🤩' | '😍' | '🥰' => Face::Grin,
            '😊' | '🙂' | '☺' | '😌' | '😉' => Face::Smile,
            '😐' | '😑' | '😶' => Face::Neutral,
            '😟' | '😕' | '😬' | '😧' | '😨' => Face::Worried,
            '🙁' | '☹' | '😞' | '😔' | '😢' | '😭' | '😩' | '😫' | '😖' => {
                Face::Frown
            }
            '😠' | '😡' | '🤬' | '😤' => Face::Angry,
            _ => return None,
        })
    }
}

const SKIN: Color32 = Color32::from_rgb(0xff, 0xcc, 0x4d);
const ANGRY_SKIN: Color32 = Color32::from_rgb(0xf2, 0x6b, 0x4f);
const EDGE: Color32 = Color32::from_rgb(0xc9, 0x8a, 0x14);
const FEATURE: Color32 = Color32::from_rgb(0x4a, 0x32, 0x14);

/// Points along the quadratic Bézier from `a` to `b` bending towards `control`.
fn bend(a: Pos2, control: Pos2, b: Pos2, steps: usize) -> Vec<Pos2> {
    (0..=steps)
        .map(|i| {
            let t = i as f32 / steps as f32;
            let u = 1.0 - t;
            (a.to_vec2() * u * u + control.to_vec2() * 2.0 * u * t + b.to_vec2() * t * t).to_pos2()
        })
        .collect()
}

/// Draws `face` filling `rect` (a square, on screen).
pub fn paint_face(painter: &Painter, rect: Rect, face: Face) {
    let d = rect.width().min(rect.height());
    if d < 2.0 {
        return;
    }
    let c = rect.center();
    let r = d / 2.0;
    let skin = if face == Face::Angry {
        ANGRY_SKIN
    } else {
        SKIN
    };
    painter.circle(c, r - 0.5, skin, Stroke::new((d / 18.0).max(0.5), EDGE));
    let line = Stroke::new((d / 11.0).max(0.6), FEATURE);
    let at = |x: f32, y: f32| pos2(c.x + x * r, c.y + y * r);

    // Eyes: dots, a little taller when surprised by worry.
    let eye = vec2(0.13, if face == Face::Worried { 0.19 } else { 0.16 }) * r;
    for side in [-1.0, 1.0] {
        let centre = at(0.36 * side, -0.18);
        painter.add(egui::epaint::EllipseShape::filled(centre, eye, FEATURE));
    }
    // Brows: worried ones rise towards the middle, angry ones fall towards it.
    let brows = match face {
        Face::Worried => Some((-0.52, -0.62)),
        Face::Angry => Some((-0.62, -0.44)),
        _ => None,
    };
    if let Some((outer, inner)) = brows {
        for side in [-1.0, 1.0] {
            painter.line_segment([at(0.58 * side, outer), at(0.16 * side, inner)], line);
        }
    }
    // Mouth.
    match face {
        Face::Grin => {
            let mut mouth = bend(at(-0.55, 0.18), at(0.0, 0.95), at(0.55, 0.18), 12);
            mouth.push(at(-0.55, 0.18));
            painter.add(Shape::Path(PathShape::convex_polygon(
                mouth,
                FEATURE,
                Stroke::NONE,
            )));
        }
        Face::Smile => {
            let mouth = bend(at(-0.48, 0.28), at(0.0, 0.78), at(0.48, 0.28), 10);
            painter.add(Shape::line(mouth, line));
        }
        Face::Neutral => {
            painter.line_segment([at(-0.4, 0.4), at(0.4, 0.4)], line);
        }
        Face::Worried => {
            let mouth = bend(at(-0.36, 0.52), at(0.0, 0.3), at(0.36, 0.52), 10);
            painter.add(Shape::line(mouth, line));
        }
        Face::Frown | Face::Angry => {
            let mouth = bend(at(-0.45, 0.6), at(0.0, 0.12), at(0.45, 0.6), 10);
            painter.add(Shape::line(mouth, line));
        }
    }
}

/// Draws a scale level's emoji in `rect`: as a face when it is one we draw, else as text.
pub fn paint_emoji(painter: &Painter, rect: Rect, emoji: &str, text_colour: Color32) {
    match Face::of_emoji(emoji) {
        Some(face) => paint_face(painter, rect, face),
        None => {
            let size = rect.height() * 0.9;
            if size >= 3.0 {
                painter.text(
                    rect.center(),
                    egui::Align2::CENTER_CENTER,
                    emoji,
                    egui::FontId::proportional(size),
                    text_colour,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_faces_are_drawn_and_other_emoji_are_not() {
        assert_eq!(Face::of_emoji("😡"), Some(Face::Angry));
        assert_eq!(Face::of_emoji("😟"), Some(Face::Worried));
        assert_eq!(Face::of_emoji("😐"), Some(Face::Neutral));
        assert_eq!(Face::of_emoji("😊"), Some(Face::Smile));
        assert_eq!(Face::of_emoji(" 😄 "), Some(Face::Grin));
        assert_eq!(Face::of_emoji("☺\u{fe0f}"), Some(Face::Smile));
        assert_eq!(Face::of_emoji("🚀"), None);
        assert_eq!(Face::of_emoji("😄😄"), None);
        assert_eq!(Face::of_emoji(""), None);
    }
}
