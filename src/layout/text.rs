//! Measuring text: the layout asks how big a text is; the painter lays it out the same way.

use egui::emath::Vec2;
use egui::epaint::text::{FontsView, LayoutJob, TextWrapping};
use egui::epaint::{Color32, FontId};

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
    let mut job = LayoutJob::simple(
        text.to_owned(),
        FontId::proportional(font_size),
        color,
        width,
    );
    job.wrap = TextWrapping {
        max_width: width,
        max_rows,
        break_anywhere: false,
        overflow_character: Some('…'),
    };
    job
}

impl Measure for FontsView<'_> {
    fn measure(&mut self, text: &str, font_size: f32, width: f32, max_rows: usize) -> Measured {
        let galley = self.layout_job(text_job(text, font_size, Color32::WHITE, width, max_rows));
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
