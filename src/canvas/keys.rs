//! The keyboard on the canvas: the arrow keys walk from item to item; with a curve point
//! selected, ↑ and ↓ change its score; Escape clears the selection. (Commands with shortcuts,
//! such as N for a new note, come from the command table.)

use super::Canvas;
use crate::edit::{Document, Edit};
use crate::i18n::tr;
use crate::layout::MapLayout;
use crate::model::*;
use egui::{Key, Rect, Ui, Vec2, pos2, vec2};

impl Canvas {
    pub(super) fn keyboard(&mut self, ui: &Ui, doc: &mut Document, layout: &MapLayout) {
        if ui.ctx().text_edit_focused() {
            return;
        }
        let (escape, arrows) = ui.input(|i| {
            let plain = !(i.modifiers.command || i.modifiers.ctrl);
            let arrows = [
                (Key::ArrowLeft, vec2(-1.0, 0.0)),
                (Key::ArrowRight, vec2(1.0, 0.0)),
                (Key::ArrowUp, vec2(0.0, -1.0)),
                (Key::ArrowDown, vec2(0.0, 1.0)),
            ]
            .into_iter()
            .find(|(k, _)| plain && i.key_pressed(*k))
            .map(|(_, d)| d);
            (i.key_pressed(Key::Escape), arrows)
        });
        if escape && self.drag.is_none() {
            self.selection.clear();
        }
        let Some(direction) = arrows else { return };
        let [current] = self.selection.iter().copied().collect::<Vec<_>>()[..] else {
            return;
        };
        // ↑ and ↓ on a curve point change its score; ← and → walk along.
        if let Item::Score(curve, tp) = current
            && direction.x == 0.0
        {
            if self.mode == super::CanvasMode::Edit {
                self.nudge_score(doc, curve, tp, -direction.y as i32);
            }
            return;
        }
        if let Some(next) = neighbour(layout, current, direction) {
            self.select_only(next);
        }
    }

    /// Moves a score `by` levels, within the scale.
    fn nudge_score(
        &mut self,
        doc: &mut Document,
        curve: CurveId,
        touchpoint: TouchpointId,
        by: i32,
    ) {
        let map = doc.map();
        let Some(&score) = map.curve(curve).and_then(|c| c.scores.get(&touchpoint)) else {
            return;
        };
        let new = map.scale.clamp(score.saturating_add(by));
        if new != score {
            let edit = Edit::SetScore {
                curve,
                touchpoint,
                score: Some(new),
            };
            self.apply(doc, tr("undo.change_score"), edit);
        }
    }
}

/// The item nearest to `from` in `direction`, among items of a kind that sits on the canvas.
fn neighbour(layout: &MapLayout, from: Item, direction: Vec2) -> Option<Item> {
    let mut items: Vec<(Item, Rect)> = Vec::new();
    items.extend(layout.stages.iter().map(|s| (Item::Stage(s.id), s.header)));
    items.extend(
        layout
            .cards
            .iter()
            .map(|c| (Item::Touchpoint(c.id), c.rect)),
    );
    items.extend(layout.lanes.iter().map(|l| {
        (
            Item::Lane(l.id),
            Rect::from_min_max(
                l.row.min,
                pos2(layout.bands[l.band].content_left, l.row.bottom()),
            ),
        )
    }));
    items.extend(layout.notes.iter().map(|n| (Item::Note(n.id), n.rect)));
    for curve in &layout.curves {
        items.extend(
            curve
                .points
                .iter()
                .map(|p| (p.item, Rect::from_center_size(p.pos, Vec2::splat(1.0)))),
        );
    }
    // A selected cell walks like the notes it would hold.
    let origin = match from {
        Item::Cell(lane, stage) => layout.cell(lane, stage)?.rect.center(),
        _ => items.iter().find(|(i, _)| *i == from)?.1.center(),
    };
    items
        .iter()
        .filter(|(i, _)| *i != from)
        .filter_map(|(item, rect)| {
            let d = rect.center() - origin;
            let along = d.dot(direction);
            let across = (d - direction * along).length();
            // Only items ahead, within a 45° cone; prefer near and straight ahead.
            (along > 1.0 && across <= along).then_some((*item, along + 2.0 * across))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(item, _)| item)
}
