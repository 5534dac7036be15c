//! Measuring text: the layout asks how big a text is; the painter lays it out the same way.

use egui::emath::Vec2;
use egui::epaint::text::TextFormat;
use egui::epaint::text::{FontsView, Galley, LayoutJob, TextWrapping};
use egui::epaint::{Color32, FontFamily, FontId};
use std::ops::Range;
use std::sync::Arc;

/// Text as the layout wrapped it: its size and its rows (the last one ending in "…" when the
/// text was cut). Painting draws exactly these rows at any zoom, so a text never gains, loses
/// or re-breaks a row when the map is zoomed.
#[derive(Clone, Debug, PartialEq)]
pub struct Measured {
    /// The width and height of the wrapped text, in map units.
    pub size: Vec2,
    /// The text of each row, as wrapped and cut.
    pub rows: Vec<String>,
}

/// Tells how wrapped text comes out.
pub trait Measure {
    /// `text` at `font_size` wrapped at `width`, cut to `max_rows` rows.
    fn measure(&mut self, text: &str, font_size: f32, width: f32, max_rows: usize) -> Measured;
}

/// The one way map text is laid out, for measuring and for painting: wrapped at `width`, at
/// most `max_rows` rows, the rest replaced by an ellipsis. CJK text breaks between characters,
/// Latin text between words.
pub fn text_job(
    text: &str,
    font_size: f32,
    color: Color32,
    width: f32,
    max_rows: usize,
) -> LayoutJob {
    let mut job = job(text, FontId::proportional(font_size), color);
    job.wrap = TextWrapping {
        max_width: width,
        max_rows,
        break_anywhere: false,
        overflow_character: Some('…'),
    };
    job
}

/// `text` in one line (wrapping is the caller's), punctuation among Chinese drawn by the CJK
/// font (see [`cjk_punctuation`]): the way every map text, name and label is laid out.
pub fn job(text: &str, font: FontId, color: Color32) -> LayoutJob {
    let mut job = LayoutJob::default();
    append(&mut job, text, TextFormat::simple(font, color));
    job
}

/// `text` wrapped at `width`, laid out as [`job`] does.
pub fn wrapped(text: &str, font: FontId, color: Color32, width: f32) -> LayoutJob {
    let mut job = job(text, font, color);
    job.wrap.max_width = width;
    job
}

/// Lays `job` out in `fonts`, each CJK-first stretch as tall as the rows of the proportional
/// family it stands in: the CJK font's own rows are taller, and a line holding a quotation
/// mark would stand apart from its neighbours. Every map text is laid out through here.
pub fn lay_out(fonts: &mut FontsView<'_>, mut job: LayoutJob) -> Arc<Galley> {
    even_rows(fonts, &mut job);
    fonts.layout_job(job)
}

/// Gives `job`'s CJK-first stretches the row height of the proportional family (see
/// [`lay_out`]), for a job a widget lays out itself.
pub fn even_rows(fonts: &mut FontsView<'_>, job: &mut LayoutJob) {
    let cjk = crate::fonts::cjk_first_family();
    for section in &mut job.sections {
        let format = &mut section.format;
        if format.font_id.family == cjk && format.line_height.is_none() {
            format.line_height = Some(fonts.row_height(&FontId::proportional(format.font_id.size)));
        }
    }
}

/// Appends `text` to `job` in `format`, the punctuation among Chinese in the CJK-first family
/// when `format` is proportional.
pub fn append(job: &mut LayoutJob, text: &str, format: TextFormat) {
    let stretches = if format.font_id.family == FontFamily::Proportional {
        cjk_punctuation(text)
    } else {
        Vec::new()
    };
    let mut at = 0;
    for stretch in stretches {
        if stretch.start > at {
            job.append(&text[at..stretch.start], 0.0, format.clone());
        }
        let mut cjk = format.clone();
        cjk.font_id.family = crate::fonts::cjk_first_family();
        job.append(&text[stretch.clone()], 0.0, cjk);
        at = stretch.end;
    }
    if at < text.len() || job.sections.is_empty() {
        job.append(&text[at..], 0.0, format);
    }
}

/// Whether `c` is written in Chinese, Japanese or Korean: Han characters, kana, Hangul, and
/// their own punctuation and full-width forms.
pub fn is_cjk(c: char) -> bool {
    matches!(
        u32::from(c),
        0x2E80..=0x2FDF
            | 0x3000..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA960..=0xA97F
            | 0xAC00..=0xD7FF
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFFEF
            | 0x2_0000..=0x3_FFFF
    )
}

/// The byte ranges of `text` the CJK font draws although the Latin one could: in every run
/// (the characters between two spaces or line ends) that holds a CJK character, its
/// punctuation and symbols outside ASCII — “ ” ‘ ’ … · and their like, dashes aside. Touching
/// ranges are one. ASCII, letters and digits keep the Latin font; CJK characters are the CJK
/// font's anyway.
pub fn cjk_punctuation(text: &str) -> Vec<Range<usize>> {
    // Not the dashes: the bundled subset's are proportional glyphs with side bearings, so
    // "——" would show a gap; the Latin font's touch.
    let shared = |c: char| {
        !c.is_ascii()
            && !c.is_alphanumeric()
            && !c.is_whitespace()
            && !is_cjk(c)
            && !matches!(c, '\u{2012}'..='\u{2015}')
    };
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut run_start = 0;
    for (end, _) in text
        .char_indices()
        .filter(|(_, c)| c.is_whitespace())
        .chain(std::iter::once((text.len(), ' ')))
    {
        let run = &text[run_start..end];
        if run.chars().any(is_cjk) {
            for (i, c) in run.char_indices().filter(|(_, c)| shared(*c)) {
                let range = run_start + i..run_start + i + c.len_utf8();
                match out.last_mut() {
                    Some(last) if last.end == range.start => last.end = range.end,
                    _ => out.push(range),
                }
            }
        }
        run_start = (end + text[end..].chars().next().map_or(0, char::len_utf8)).min(text.len());
    }
    out
}

impl Measure for FontsView<'_> {
    fn measure(&mut self, text: &str, font_size: f32, width: f32, max_rows: usize) -> Measured {
        let galley = lay_out(
            self,
            text_job(text, font_size, Color32::WHITE, width, max_rows),
        );
        // Every character has a glyph (ligatures add zero-width ones), so the glyphs spell the rows.
        let rows = galley
            .rows
            .iter()
            .map(|row| row.glyphs.iter().map(|g| g.chr).collect::<String>())
            .collect();
        Measured {
            size: galley.size(),
            rows,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drawn_by_cjk(text: &str) -> Vec<&str> {
        cjk_punctuation(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn punctuation_among_chinese_is_the_cjk_fonts_and_elsewhere_the_latin_ones() {
        assert_eq!(drawn_by_cjk("他说：“有问题回复1”（有序）"), ["“", "”"]);
        assert_eq!(drawn_by_cjk("‘好’……——"), ["‘", "’……"]);
        // A run is what lies between spaces or line ends: an English run keeps its quotes.
        assert_eq!(drawn_by_cjk("He said “fine” 然后“走了”"), ["“", "”"]);
        assert_eq!(
            drawn_by_cjk("“fine”\n“好”"),
            ["“", "”"],
            "the second line is its own run"
        );
        // Letters, digits and ASCII stay Latin even among Chinese.
        assert!(drawn_by_cjk("iPhone手机\"3\"·").len() == 1);
        assert!(drawn_by_cjk("Plain English — no Chinese…").is_empty());
        assert!(drawn_by_cjk("").is_empty());
    }

    /// A line holding the CJK font's quotation marks is as tall as the lines around it.
    #[test]
    fn a_line_with_chinese_quotation_marks_is_as_tall_as_its_neighbours() {
        let ctx = crate::fonts::headless_context();
        for size in [9.0, 12.0, 14.0, 18.0, 31.0] {
            let galley = ctx.fonts_mut(|f| {
                lay_out(
                    f,
                    job(
                        "第一行\n第二行有“引号”……\n第三行",
                        FontId::proportional(size),
                        Color32::WHITE,
                    ),
                )
            });
            let heights: Vec<f32> = galley.rows.iter().map(|r| r.rect().height()).collect();
            assert_eq!(heights.len(), 3);
            assert!(
                heights.iter().all(|h| (h - heights[0]).abs() < 0.01),
                "at {size}: {heights:?}"
            );
        }
    }

    #[test]
    fn a_job_covers_its_text_once_in_order_and_switches_family_only_for_those_stretches() {
        for text in [
            "",
            "abc",
            "“好”",
            "他说 “OK” “好”",
            "a\u{3000}“b”",
            "😊“笑”😊",
        ] {
            let job = job(text, FontId::proportional(14.0), Color32::WHITE);
            assert_eq!(job.text, text);
            let mut at = 0;
            for section in &job.sections {
                let range = section.byte_range.start.0..section.byte_range.end.0;
                assert_eq!(range.start, at, "{text:?}");
                at = range.end;
                let cjk = section.format.font_id.family == crate::fonts::cjk_first_family();
                let stretch = &text[range.clone()];
                assert_eq!(
                    cjk,
                    cjk_punctuation(text).contains(&range),
                    "{text:?}: {stretch:?}"
                );
            }
            assert_eq!(at, text.len());
        }
        let mono = job("“好”", FontId::monospace(14.0), Color32::WHITE);
        assert_eq!(mono.sections.len(), 1, "monospace text is left as it is");
    }
}
