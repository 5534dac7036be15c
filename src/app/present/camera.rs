//! Where the presentation's camera looks: the whole map, or one stage filling the width of the
//! screen (its lanes scrolled), and the glide from one shot to the next. A shot is computed
//! for each window from its own size, so the presenter's and the audience's windows agree.

use crate::layout::MapLayout;
use egui::emath::TSTransform;
use egui::{Rect, vec2};

/// Space between the picture and the screen's edge.
const MARGIN: f32 = 16.0;
/// The most a stage is zoomed in (a stage of one card would fill the screen absurdly).
const MAX_ZOOM: f32 = 3.0;
/// How long a glide from one shot to the next takes, in seconds.
pub const GLIDE_SECONDS: f64 = 0.45;

/// What the camera shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shot {
    /// The whole journey.
    Overview,
    /// One stage across the screen's width, its rows scrolled down by `scroll` map units.
    Stage { index: usize, scroll: f32 },
}

/// The zoom and the translation that show `shot` of `layout` in `rect` (on screen).
pub fn transform(shot: Shot, layout: &MapLayout, rect: Rect) -> TSTransform {
    let area = rect.shrink(MARGIN);
    match shot {
        Shot::Stage { index, scroll } if index < layout.stages.len() => {
            let column = layout.stages[index].column;
            let band = &layout.bands[layout.stages[index].band];
            let gutter = band.content_left - band.gutter.left();
            // The row names stay pinned at the left edge, so the stage shares the width
            // with them.
            let zoom = (area.width() / (column.width() + gutter)).min(MAX_ZOOM);
            let top = band.stage_row.top();
            let scroll = scroll.clamp(0.0, max_scroll(layout, index, rect, zoom));
            // A narrow stage (held back by the largest zoom) stands in the middle of the room
            // the row names leave.
            let spare = (area.width() - (column.width() + gutter) * zoom).max(0.0);
            let translation = vec2(
                area.left() + gutter * zoom + spare / 2.0 - column.left() * zoom,
                area.top() - (top + scroll) * zoom,
            );
            TSTransform::new(translation, zoom)
        }
        _ => {
            let size = layout.size;
            let zoom = (area.width() / size.x)
                .min(area.height() / size.y)
                .max(1e-4);
            // Centred: a projected overview is a picture, not a page.
            let offset = area.center() - size * zoom / 2.0;
            TSTransform::new(offset.to_vec2(), zoom)
        }
    }
}

/// How far a stage's rows can scroll down before their end reaches the bottom of the screen.
pub fn max_scroll(layout: &MapLayout, index: usize, rect: Rect, zoom: f32) -> f32 {
    let visible = (rect.height() - 2.0 * MARGIN) / zoom;
    let band = layout
        .stages
        .get(index)
        .map_or(layout.first_band(), |s| &layout.bands[s.band]);
    (band.gutter.bottom() - band.stage_row.top() - visible).max(0.0)
}

/// The zoom a stage is shown at in `rect` (for scrolling by a screen's height).
pub fn stage_zoom(layout: &MapLayout, index: usize, rect: Rect) -> f32 {
    transform(Shot::Stage { index, scroll: 0.0 }, layout, rect).scaling
}

/// A move of the camera from one shot to another, started at `start` (the UI's clock).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Glide {
    pub from: Shot,
    pub to: Shot,
    pub start: f64,
}

impl Glide {
    /// How far along the glide is at `now`, eased (0 to 1).
    pub fn progress(&self, now: f64) -> f32 {
        let t = ((now - self.start) / GLIDE_SECONDS).clamp(0.0, 1.0) as f32;
        // Smoothstep: starts and ends gently.
        t * t * (3.0 - 2.0 * t)
    }

    /// Whether the glide has arrived at `now`.
    pub fn done(&self, now: f64) -> bool {
        now - self.start >= GLIDE_SECONDS
    }

    /// The camera at `now` in `rect`: between the two shots' transforms.
    pub fn transform(&self, layout: &MapLayout, rect: Rect, now: f64) -> TSTransform {
        let to = transform(self.to, layout, rect);
        if self.done(now) {
            return to;
        }
        let from = transform(self.from, layout, rect);
        let t = self.progress(now);
        // The zoom moves in proportion (geometrically), so the glide neither rushes nor crawls.
        let zoom = from.scaling * (to.scaling / from.scaling).powf(t);
        // The map point at the screen's centre moves straight from one shot's to the other's.
        let centre = rect.center();
        let a = from.inverse() * centre;
        let b = to.inverse() * centre;
        let point = a + (b - a) * t;
        TSTransform::new(centre.to_vec2() - point.to_vec2() * zoom, zoom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Labels, Style, TextRole};
    use crate::paint::{Detail, Theme, View, fitted_text};
    use egui::{Color32, Pos2, vec2};

    /// The size text is drawn at when `role`'s box is painted under `t`.
    fn drawn_size(ctx: &egui::Context, t: TSTransform, text: &crate::layout::TextBox) -> f32 {
        let style = Style::presentation();
        let selection = Default::default();
        let theme = Theme::light();
        let view = View::still(t, &theme, &style, &selection, Detail::Adaptive);
        let mut size = 0.0;
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let painter = ui.painter().clone();
            if let Some((_, galley)) = fitted_text(&painter, &view, text, Color32::BLACK) {
                size = galley.job.sections[0].format.font_id.size;
            }
        });
        output.textures_delta.clear();
        size
    }

    /// On a 1024 × 768 projector, a stage in focus sets every card's title and the body of its
    /// cards and notes at 18 px or more; on 1920 × 1080, bodies at 24 px or more.
    #[test]
    fn the_presentation_type_scale_reads_from_the_back_of_the_room() {
        let ctx = crate::fonts::headless_context();
        for (screen, title_px, body_px) in [
            (vec2(1024.0, 768.0), 18.0, 18.0),
            (vec2(1920.0, 1080.0), 24.0, 24.0),
        ] {
            let rect = Rect::from_min_size(Pos2::ZERO, screen);
            for template in crate::templates::ALL {
                let map = template.map();
                let layout = ctx.fonts_mut(|f| {
                    MapLayout::new(&map, &Style::presentation(), &Labels::default(), f)
                });
                for index in 0..layout.stages.len() {
                    let t = transform(Shot::Stage { index, scroll: 0.0 }, &layout, rect);
                    for card in layout.cards.iter().filter(|c| c.stage_index == index) {
                        let size = drawn_size(&ctx, t, &card.title);
                        assert!(
                            size >= title_px,
                            "{} stage {index} on {screen:?}: a title at {size} px",
                            template.name
                        );
                        if let Some(body) = &card.description {
                            let size = drawn_size(&ctx, t, body);
                            assert!(
                                size >= body_px,
                                "{}: a description at {size} px",
                                template.name
                            );
                        }
                    }
                    for note in layout.notes.iter().filter(|n| n.stages.contains(&index)) {
                        assert_eq!(note.text.role, TextRole::Note);
                        let size = drawn_size(&ctx, t, &note.text);
                        assert!(size >= body_px, "{}: a note at {size} px", template.name);
                    }
                }
            }
        }
    }

    #[test]
    fn a_glide_starts_at_one_shot_and_arrives_at_the_other() {
        let ctx = crate::fonts::headless_context();
        let map = crate::templates::find("restaurant-en")
            .expect("template")
            .map();
        let layout =
            ctx.fonts_mut(|f| MapLayout::new(&map, &Style::presentation(), &Labels::default(), f));
        let rect = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 720.0));
        let glide = Glide {
            from: Shot::Overview,
            to: Shot::Stage {
                index: 2,
                scroll: 0.0,
            },
            start: 10.0,
        };
        let close = |a: TSTransform, b: TSTransform| {
            (a.scaling - b.scaling).abs() < 1e-4 && (a.translation - b.translation).length() < 0.01
        };
        assert!(close(
            glide.transform(&layout, rect, 10.0),
            transform(glide.from, &layout, rect)
        ));
        assert!(close(
            glide.transform(&layout, rect, 10.0 + GLIDE_SECONDS),
            transform(glide.to, &layout, rect)
        ));
        let middle = glide.transform(&layout, rect, 10.0 + GLIDE_SECONDS / 2.0);
        let (a, b) = (
            transform(glide.from, &layout, rect).scaling,
            transform(glide.to, &layout, rect).scaling,
        );
        assert!(middle.scaling > a.min(b) && middle.scaling < a.max(b));
    }
}
