//! Text as text: each galley row one `<text>` element, its runs of one font and colour
//! `<tspan>`s, placed on the baselines epaint uses, its width pinned to the row's.

use super::shapes::{line, mean_colour, triangles_into};
use super::xml::*;
use egui::Pos2;
use egui::epaint::text::{ByteIndex, Galley, Glyph, LayoutSection, PlacedRow, TextFormat};
use egui::epaint::{Color32, FontFamily, TextShape};
use std::fmt::Write as _;

/// Our fonts first (egui's Ubuntu-Light and the bundled Noto Sans CJK SC subset), then whatever
/// the viewer has.
pub(super) const FONT_FAMILY: &str = "Ubuntu, 'Noto Sans CJK SC', 'Noto Emoji', sans-serif";
/// Punctuation among Chinese: the CJK font's own (see `layout::cjk_punctuation`).
pub(super) const CJK_FIRST_FAMILY: &str = "'Noto Sans CJK SC', Ubuntu, 'Noto Emoji', sans-serif";
/// egui's monospace font is Hack.
pub(super) const MONOSPACE_FAMILY: &str = "Hack, 'Noto Sans CJK SC', 'Noto Emoji', monospace";

/// Each galley row as one `<text>` (a `<tspan>` per change of font or colour within it), its
/// width pinned to the row's so that a viewer's fonts cannot make it overflow its card.
pub(super) fn text_shape(out: &mut String, text: &TextShape) {
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
pub(super) fn decorations<'a>(
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
pub(super) struct TextRun<'a> {
    glyphs: std::ops::Range<usize>,
    format: &'a TextFormat,
    colour: Color32,
    /// From the row's top.
    baseline: f32,
    left: f32,
    right: f32,
}

pub(super) fn text_runs<'a>(
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

pub(super) fn same_font(a: &TextFormat, b: &TextFormat) -> bool {
    a.font_id == b.font_id && a.italics == b.italics && a.valign == b.valign
}

/// Where epaint puts the baseline of the family's main font in a row `row_height` high.
///
/// A glyph's own `pos.y` is its baseline, but epaint centres a fallback face (the CJK font,
/// emoji) on the main font's line, so CJK glyphs sit lower than Latin ones. One `<text>` has one
/// baseline, and a viewer puts every font on it, so we take the main font's — the same formula
/// epaint uses for its glyphs, from the family's metrics `font_ascent` / `font_height` that
/// every glyph carries — and any row gets the same baseline whatever script it starts with.
pub(super) fn baseline(
    glyph: &Glyph,
    format: &TextFormat,
    row_height: f32,
    pixels_per_point: f32,
) -> f32 {
    let y = glyph.font_ascent
        + format.valign.to_factor() * (row_height - glyph.line_height)
        + 0.5 * (glyph.line_height - glyph.font_height);
    if pixels_per_point > 0.0 {
        (y * pixels_per_point).round() / pixels_per_point
    } else {
        y
    }
}

pub(super) fn run_attrs(out: &mut String, run: &TextRun<'_>, origin: Pos2, chars: &[char]) {
    let font = &run.format.font_id;
    let _ = write!(
        out,
        r#" x="{}" y="{}" font-size="{}""#,
        num(origin.x + run.left),
        num(origin.y + run.baseline),
        num(font.size),
    );
    let family = match &font.family {
        FontFamily::Monospace => MONOSPACE_FAMILY,
        family if *family == crate::fonts::cjk_first_family() => CJK_FIRST_FAMILY,
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
pub(super) fn row_sources(galley: &Galley) -> Vec<(Vec<char>, Vec<usize>)> {
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
pub(super) fn text_into(out: &mut String, chars: &[char]) {
    for &c in chars {
        if c == '\t' || (!is_xml_illegal(c) && !c.is_control()) {
            escape_char(out, c);
        }
    }
}
