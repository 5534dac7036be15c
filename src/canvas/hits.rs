//! One interactive region per visible item, each labelled with the item's name: what screen
//! readers read, and what UI tests find items by.

use super::Canvas;
use crate::i18n::tr_with;
use crate::layout::MapLayout;
use crate::model::*;
use egui::{Id, Rect, Response, Role, Sense, Ui, Vec2, WidgetInfo, pos2};

/// The name screen readers (and UI tests) know an item by.
pub fn item_label(map: &JourneyMap, item: Item) -> String {
    let named = |key: &str, name: &str| tr_with(key, &[("name", name)]);
    match item {
        Item::Stage(id) => named("a11y.stage", map.stage(id).map_or("", |s| &s.name)),
        Item::Touchpoint(id) => named(
            "a11y.touchpoint",
            map.touchpoint(id).map_or("", |t| &t.title),
        ),
        Item::Lane(id) => named("a11y.lane", map.lane(id).map_or("", |l| &l.name)),
        Item::Note(id) => named("a11y.note", map.note(id).map_or("", |n| &n.note.text)),
        Item::Score(curve, tp) => tr_with(
            "a11y.score",
            &[
                ("curve", map.curve(curve).map_or("", |c| &c.name)),
                ("touchpoint", map.touchpoint(tp).map_or("", |t| &t.title)),
            ],
        ),
        Item::Curve(id) => named("a11y.curve", map.curve(id).map_or("", |c| &c.name)),
        Item::Cell(lane, stage) => tr_with(
            "a11y.cell",
            &[
                ("lane", map.lane(lane).map_or("", |l| &l.name)),
                ("stage", map.stage(stage).map_or("", |s| &s.name)),
            ],
        ),
        Item::Header(part) => {
            let text = map.item_text(item).unwrap_or_default();
            match part {
                HeaderPart::Title => named("a11y.title", text),
                HeaderPart::Scenario => named("a11y.scenario", text),
                HeaderPart::Expectations => named("a11y.expectations", text),
                HeaderPart::PersonaName(_) => named("a11y.persona", text),
                HeaderPart::PersonaDescription(id) => named(
                    "a11y.persona_description",
                    map.persona(id).map_or("", |p| &p.name),
                ),
            }
        }
    }
}

impl Canvas {
    /// One interactive region per visible item. Later regions lie on top: lane cells, the
    /// header, stage headers, lane labels, cards, notes, legends, curve points, and last the
    /// row labels and stage headers pinned to the canvas's edges.
    pub(super) fn item_responses(
        &self,
        ui: &Ui,
        map: &JourneyMap,
        layout: &MapLayout,
        rect: Rect,
    ) -> Vec<(Item, Response)> {
        let mut out = Vec::new();
        let t = self.screen_from_map;
        let shift = crate::paint::pinned_shift(layout, t, rect);
        let mut add = |item: Item, screen: Rect, role: Role| {
            let screen = screen.intersect(rect);
            if screen.is_positive() {
                let response = ui.interact(
                    screen,
                    Id::unique(("journey-map-item", item)),
                    Sense::click_and_drag(),
                );
                response.widget_info(|| WidgetInfo::labeled(role, true, item_label(map, item)));
                out.push((item, response));
            }
        };
        for cell in &layout.cells {
            add(Item::Cell(cell.lane, cell.stage), t * cell.rect, Role::Cell);
        }
        add(
            Item::Header(HeaderPart::Title),
            t * layout.header.title.rect,
            Role::Button,
        );
        for (part, text) in layout.header.blocks.iter().flat_map(|b| &b.parts) {
            add(Item::Header(*part), t * text.rect, Role::Button);
        }
        let header =
            |stage: &crate::layout::StageBox| (t * stage.header).translate(Vec2::new(0.0, shift.y));
        let lane_label = |lane: &crate::layout::LaneBox| {
            let label =
                Rect::from_min_max(lane.row.min, pos2(layout.content_left, lane.row.bottom()));
            (t * label).translate(Vec2::new(shift.x, 0.0))
        };
        if shift.y == 0.0 {
            for stage in &layout.stages {
                add(Item::Stage(stage.id), header(stage), Role::Button);
            }
        }
        if shift.x == 0.0 {
            for lane in &layout.lanes {
                add(Item::Lane(lane.id), lane_label(lane), Role::Button);
            }
        }
        for card in &layout.cards {
            add(Item::Touchpoint(card.id), t * card.rect, Role::Button);
        }
        for note in &layout.notes {
            add(Item::Note(note.id), t * note.rect, Role::Button);
        }
        for curve in &layout.curves {
            add(Item::Curve(curve.id), t * curve.legend, Role::Button);
        }
        let hit = 9.0 / self.zoom().max(0.3);
        for curve in &layout.curves {
            for point in &curve.points {
                let r = Rect::from_center_size(point.pos, Vec2::splat(2.0 * hit));
                add(Item::Score(curve.id, point.touchpoint), t * r, Role::Slider);
            }
        }
        // Pinned to the edges, on top of what scrolls beneath them.
        if shift.y > 0.0 {
            for stage in &layout.stages {
                add(Item::Stage(stage.id), header(stage), Role::Button);
            }
        }
        if shift.x > 0.0 {
            for lane in &layout.lanes {
                add(Item::Lane(lane.id), lane_label(lane), Role::Button);
            }
        }
        out
    }
}
