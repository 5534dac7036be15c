//! The map→screen transform: pan and zoom, fitting the map to the canvas, and how far panning
//! may go (a margin past the map, never into empty space).

use super::Canvas;
use crate::layout::MapLayout;
use egui::emath::TSTransform;
use egui::{Pos2, Rect, Ui, Vec2, vec2};

/// The smallest zoom a person can choose (a fit may go below it for very long maps).
pub const MIN_ZOOM: f32 = 0.05;
pub const MAX_ZOOM: f32 = 5.0;
/// The most a fit zooms in: a small map is not blown up to fill a big screen.
const MAX_FIT_ZOOM: f32 = 1.25;
/// Space between the map and the canvas's edge when fitted, and the most empty canvas panning
/// shows beyond the map.
pub const MARGIN: f32 = 24.0;
/// How long a dragged item rests near the canvas's edge before the view starts to slide, so
/// passing by the edge does not scroll.
const EDGE_DWELL: f64 = 0.3;

/// Fitting the map to the canvas: asked for, and kept while the window is resized until the
/// person pans or zooms.
#[derive(Clone, Copy, Debug)]
pub(super) struct Fit {
    requested: bool,
    following: bool,
    /// The canvas size the map was last fitted to.
    size: Vec2,
    /// The zoom a fit gave (the least a person may zoom out to, when below [`MIN_ZOOM`]).
    zoom: f32,
}

impl Default for Fit {
    fn default() -> Self {
        Self {
            requested: true,
            following: false,
            size: Vec2::ZERO,
            zoom: MIN_ZOOM,
        }
    }
}

impl Canvas {
    pub fn zoom(&self) -> f32 {
        self.screen_from_map.scaling
    }

    /// Fits the whole map at the next frame, and keeps it fitted as the window changes size.
    pub fn request_fit(&mut self) {
        self.fit.requested = true;
    }

    /// Whether the map is fitted and follows the window's size.
    pub fn is_fitted(&self) -> bool {
        self.fit.following
    }

    /// Zooms by `factor` keeping the map point under `anchor` (screen) where it is.
    pub fn zoom_around(&mut self, anchor: Pos2, factor: f32) {
        let old = self.screen_from_map.scaling;
        let new = (old * factor).clamp(MIN_ZOOM.min(self.fit.zoom), MAX_ZOOM);
        let map_anchor = self.screen_from_map.inverse() * anchor;
        self.screen_from_map.scaling = new;
        self.screen_from_map.translation = anchor.to_vec2() - map_anchor.to_vec2() * new;
        self.fit.following = false;
    }

    pub fn zoom_by(&mut self, factor: f32) {
        self.zoom_around(self.rect.center(), factor);
    }

    /// Zoom to 100 %, keeping the centre of the view.
    pub fn zoom_actual(&mut self) {
        self.zoom_around(self.rect.center(), 1.0 / self.screen_from_map.scaling);
    }

    /// Moves the view by `delta` (screen points); the person has taken over from Fit.
    pub fn pan_by(&mut self, delta: Vec2) {
        self.screen_from_map.translation += delta;
        self.fit.following = false;
    }

    /// Shows `map_point` at the centre of the canvas at `zoom`.
    pub fn centre_on(&mut self, map_point: Pos2, zoom: f32) {
        let zoom = zoom.clamp(MIN_ZOOM.min(self.fit.zoom), MAX_ZOOM);
        self.screen_from_map = TSTransform::new(
            self.rect.center().to_vec2() - map_point.to_vec2() * zoom,
            zoom,
        );
        self.fit.following = false;
    }

    /// The map's whole width or height (whichever binds) in the canvas, at its top left.
    fn fit_now(&mut self, layout: &MapLayout) {
        let area = self.rect.shrink(MARGIN);
        let size = layout.size;
        let zoom = (area.width() / size.x)
            .min(area.height() / size.y)
            .clamp(1e-4, MAX_FIT_ZOOM);
        self.screen_from_map = TSTransform::new(area.min.to_vec2(), zoom);
        self.fit = Fit {
            requested: false,
            following: true,
            size: self.rect.size(),
            zoom,
        };
    }

    /// Takes this frame's canvas rect: fits the map when asked, or when the window changed size
    /// while the map was fitted.
    pub(super) fn place(&mut self, rect: Rect, layout: &MapLayout) {
        self.rect = rect;
        if rect.width() <= 1.0 || rect.height() <= 1.0 {
            return;
        }
        let resized = self.fit.following && rect.size() != self.fit.size;
        if self.fit.requested || resized {
            self.fit_now(layout);
        }
    }

    /// Scrolling pans, Ctrl+scroll (or a pinch) zooms around the pointer, the middle button
    /// drags the map — when the pointer is over the canvas itself, not over a dialog or a
    /// panel in front of it.
    pub(super) fn pan_and_zoom(&mut self, ui: &Ui, rect: Rect, layout: &MapLayout) {
        let (hover, scroll, zoom, middle_drag) = ui.input(|i| {
            (
                i.pointer.hover_pos(),
                i.smooth_scroll_delta,
                i.zoom_delta(),
                if i.pointer.middle_down() {
                    i.pointer.delta()
                } else {
                    Vec2::ZERO
                },
            )
        });
        let over_canvas =
            hover.filter(|p| rect.contains(*p) && ui.ctx().layer_id_at(*p) == Some(ui.layer_id()));
        let Some(hover) = over_canvas else {
            return;
        };
        if zoom != 1.0 {
            self.zoom_around(hover, zoom);
        } else if scroll != Vec2::ZERO {
            self.pan_by(scroll);
        }
        if middle_drag != Vec2::ZERO {
            self.pan_by(middle_drag);
        }
        self.keep_in_view(layout);
    }

    /// Panning stops a margin past the map: the map never leaves the canvas, and a map smaller
    /// than the canvas stays at its top left.
    pub(super) fn keep_in_view(&mut self, layout: &MapLayout) {
        if self.rect.width() <= 1.0 || self.fit.requested {
            return;
        }
        let map = self.screen_from_map * layout.bounds();
        let canvas = self.rect;
        let axis = |map_min: f32, map_size: f32, view_min: f32, view_max: f32| {
            // The map's left edge may come at most MARGIN right of the canvas's left edge, and
            // its right edge at most MARGIN left of the canvas's right edge. A map that fits
            // the canvas in this direction stays where Fit puts it: at the top (or the left),
            // as a page does in a document window.
            let a = view_min + MARGIN;
            let b = view_max - MARGIN - map_size;
            map_min.clamp(b.min(a), a) - map_min
        };
        let shift = vec2(
            axis(map.min.x, map.width(), canvas.left(), canvas.right()),
            axis(map.min.y, map.height(), canvas.top(), canvas.bottom()),
        );
        self.screen_from_map.translation += shift;
    }

    /// While something is dragged near the canvas's edge, the view slides that way, so items
    /// can be taken to stages and lanes off screen.
    pub(super) fn auto_scroll(&mut self, ui: &Ui, layout: &MapLayout) {
        let (pointer, now) = ui.input(|i| (i.pointer.hover_pos(), i.time));
        let area = self.rect.shrink(40.0);
        let Some(p) = pointer.filter(|p| self.rect.contains(*p) && !area.contains(*p)) else {
            self.edge_since = None;
            return;
        };
        let since = *self.edge_since.get_or_insert(now);
        if now - since < EDGE_DWELL {
            let wait = EDGE_DWELL - (now - since);
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(wait));
            return;
        }
        let push = |v: f32, lo: f32, hi: f32| {
            if v < lo {
                (lo - v).min(40.0)
            } else if v > hi {
                -(v - hi).min(40.0)
            } else {
                0.0
            }
        };
        let speed = 0.4;
        // Only towards map that is out of sight.
        let map = self.screen_from_map * layout.bounds();
        let reveal = |push: f32, hidden_before: f32, hidden_after: f32| {
            if (push > 0.0 && hidden_before > 0.0) || (push < 0.0 && hidden_after > 0.0) {
                push
            } else {
                0.0
            }
        };
        let canvas = self.rect;
        let delta = vec2(
            reveal(
                push(p.x, area.left(), area.right()),
                canvas.left() - map.left(),
                map.right() - canvas.right(),
            ),
            reveal(
                push(p.y, area.top(), area.bottom()),
                canvas.top() - map.top(),
                map.bottom() - canvas.bottom(),
            ),
        );
        let before = self.screen_from_map.translation;
        if delta != Vec2::ZERO {
            self.pan_by(delta * speed);
            self.keep_in_view(layout);
        }
        // Keep sliding while there is map left to slide to.
        if self.screen_from_map.translation != before {
            ui.ctx().request_repaint();
        }
    }
}
