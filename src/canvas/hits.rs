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
        Item::StageScore(curve, stage) => tr_with(
            "a11y.stage_score",
            &[
                ("curve", map.curve(curve).map_or("", |c| &c.name)),
                ("stage", map.stage(stage).map_or("", |s| &s.name)),
            ],
        ),
        Item::FixedRow(FixedRow::Touchpoints) => crate::i18n::tr("a11y.touchpoints_row").to_owned(),
        Item::FixedRow(FixedRow::Emotion) => crate::i18n::tr("a11y.emotion_row").to_owned(),
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
                HeaderPart::Source => named("a11y.source", text),
                HeaderPart::PersonaName(_) => named("a11y.persona", text),
                HeaderPart::PersonaDescription(id) => named(
                    "a11y.persona_description",
                    map.persona(id).map_or("", |p| &p.name),
                ),
                HeaderPart::PersonaGoals(id) => named(
                    "a11y.persona_goals",
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
        // An item may show in several places (a lane in every band): each region its own id.
        let mut seen: std::collections::HashMap<Item, usize> = std::collections::HashMap::new();
        // Items with a conflict mark say so to screen readers (and tests).
        let conflicted: std::collections::HashSet<Item> =
            map.live_conflicts().map(|(_, c)| c.on.item()).collect();
        // So do the weakest moments and recoveries marked on the curves: gathered only when a
        // label is asked for (by a screen reader), not every frame.
        let findings = std::cell::OnceCell::new();
        let findings = || {
            findings.get_or_init(|| {
                let mut findings: std::collections::HashMap<Item, &str> =
                    std::collections::HashMap::new();
                for line in &layout.curves {
                    for &i in &line.recovered {
                        findings.insert(line.points[i].item, "a11y.recovery");
                    }
                    for &i in &line.lowest {
                        findings.insert(line.points[i].item, "a11y.weakest");
                    }
                }
                findings
            })
        };
        let label = |item: Item| {
            let mut label = item_label(map, item);
            if let Some(key) = findings().get(&item) {
                label = tr_with(key, &[("label", &label)]);
            }
            if conflicted.contains(&item) {
                label = tr_with("a11y.conflict", &[("label", &label)]);
            }
            label
        };
        // An item smaller than a speck on screen cannot be pointed at: it gets no hit area of its
        // own (a map zoomed out to specks would otherwise register tens of thousands a frame).
        let mut add = |item: Item, screen: Rect, role: Role| {
            if screen.width() < crate::paint::SPECK || screen.height() < crate::paint::SPECK {
                return;
            }
            let screen = screen.intersect(rect);
            if screen.is_positive() {
                let count = seen.entry(item).or_default();
                *count += 1;
                let response = ui.interact(
                    screen,
                    Id::unique(("journey-map-item", item, *count)),
                    Sense::click_and_drag(),
                );
                response.widget_info(|| WidgetInfo::labeled(role, true, label(item)));
                out.push((item, response));
            }
        };
        // What is in view, in map units; stage headers may be pinned to the top, so any height.
        let view = t.inverse() * rect;
        let columns = Rect::from_x_y_ranges(view.x_range(), f32::MIN / 4.0..=f32::MAX / 4.0);
        for cell in layout.cells_in(view) {
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
        let gutter_label = |row: Rect, band: usize| {
            let label = Rect::from_min_max(
                pos2(layout.bands[band].gutter.left(), row.top()),
                pos2(layout.bands[band].content_left, row.bottom()),
            );
            (t * label).translate(Vec2::new(shift.x, 0.0))
        };
        let lane_label = |lane: &crate::layout::LaneBox| gutter_label(lane.row, lane.band);
        let fixed_labels = |add: &mut dyn FnMut(Item, Rect, Role)| {
            for (index, band) in layout.bands.iter().enumerate() {
                if band.touchpoint_row.height() > 0.0 {
                    add(
                        Item::FixedRow(FixedRow::Touchpoints),
                        gutter_label(band.touchpoint_row, index),
                        Role::Button,
                    );
                }
                if band.curve_band.height() > 0.0 {
                    add(
                        Item::FixedRow(FixedRow::Emotion),
                        gutter_label(band.curve_band, index),
                        Role::Button,
                    );
                }
            }
        };
        if shift.y == 0.0 {
            for (_, stage) in layout.stages_in(columns) {
                add(Item::Stage(stage.id), header(stage), Role::Button);
            }
        }
        if shift.x == 0.0 {
            for lane in &layout.lanes {
                add(Item::Lane(lane.id), lane_label(lane), Role::Button);
            }
            fixed_labels(&mut add);
        }
        for card in layout.cards_in(view) {
            add(Item::Touchpoint(card.id), t * card.rect, Role::Button);
        }
        for note in layout.notes_in(view) {
            add(Item::Note(note.id), t * note.rect, Role::Button);
        }
        for curve in &layout.curves {
            add(Item::Curve(curve.id), t * curve.legend, Role::Button);
        }
        let hit = 9.0 / self.zoom().max(0.3);
        for curve in &layout.curves {
            for point in &curve.points {
                let r = Rect::from_center_size(point.pos, Vec2::splat(2.0 * hit));
                if r.intersects(view) {
                    add(point.item, t * r, Role::Slider);
                }
            }
        }
        // Pinned to the edges, on top of what scrolls beneath them.
        if shift.y > 0.0 {
            for (_, stage) in layout.stages_in(columns) {
                add(Item::Stage(stage.id), header(stage), Role::Button);
            }
        }
        if shift.x > 0.0 {
            for lane in &layout.lanes {
                add(Item::Lane(lane.id), lane_label(lane), Role::Button);
            }
            fixed_labels(&mut add);
        }
        out
    }

    /// The link marks on cards: each opens its card's link once the window has shown it.
    pub(super) fn link_responses(
        &self,
        ui: &Ui,
        map: &JourneyMap,
        layout: &MapLayout,
        rect: Rect,
    ) -> Vec<(String, Response)> {
        let t = self.screen_from_map;
        layout
            .cards_in(t.inverse() * rect)
            .filter_map(|card| {
                let mark = card.link?;
                let whole = t * mark.expand(3.0);
                let screen = whole.intersect(rect);
                if !screen.is_positive() || whole.width() < crate::paint::SPECK {
                    return None;
                }
                let link = map
                    .stages
                    .get(card.stage_index)?
                    .touchpoints
                    .get(card.index)
                    .filter(|t| t.id == card.id)?
                    .link
                    .clone()?;
                let response = ui.interact(
                    screen,
                    Id::unique(("journey-map-card-link", card.id)),
                    Sense::click(),
                );
                let label = tr_with("a11y.card_link", &[("name", &link)]);
                response.widget_info(|| WidgetInfo::labeled(Role::Link, true, label.clone()));
                let response = response.on_hover_text(link.clone());
                if response.hovered() {
                    ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
                }
                Some((link, response))
            })
            .collect()
    }

    /// The edges of notes that can be dragged to widen or narrow what they span: the left edge
    /// of a note's first box and the right edge of its last, each labelled for screen readers
    /// (and UI tests). None on a note spanning the whole journey, a locked note, or when the
    /// map cannot change.
    pub(super) fn edge_responses(
        &self,
        ui: &Ui,
        map: &JourneyMap,
        layout: &MapLayout,
        rect: Rect,
    ) -> Vec<(NoteId, bool, Response)> {
        if self.mode != super::CanvasMode::Edit {
            return Vec::new();
        }
        let t = self.screen_from_map;
        // A hand's width on screen, however far the map is zoomed, never past a third of it.
        let reach: f32 = 6.0;
        let mut out = Vec::new();
        // The continuations of notes that wrap into later bands (few): a box is its note's
        // last piece unless the next piece exists.
        let continued: std::collections::HashSet<(NoteId, usize)> = layout
            .notes
            .iter()
            .filter(|n| n.piece > 0)
            .map(|n| (n.id, n.piece))
            .collect();
        let view = t.inverse() * rect.expand(reach);
        for note in layout.notes_in(view) {
            let screen = t * note.rect;
            if !screen.expand(reach).intersects(rect) {
                continue;
            }
            let Some(lane) = map.lanes.get(note.lane_index) else {
                continue;
            };
            let Some(at) = lane.notes.get(note.index).filter(|n| n.id == note.id) else {
                continue;
            };
            if at.anchor == Anchor::Journey || at.locked || lane.locked {
                continue;
            }
            // A note a few pixels wide has no edges to grab apart from itself.
            if screen.width() < 3.0 * crate::paint::SPECK {
                continue;
            }
            let last_piece = !continued.contains(&(note.id, note.piece + 1));
            let width = reach.min(screen.width() / 3.0);
            let text = &at.text;
            for right in [false, true] {
                if (right && !last_piece) || (!right && note.piece > 0) {
                    continue;
                }
                let x = if right { screen.right() } else { screen.left() };
                let edge =
                    Rect::from_x_y_ranges(x - width..=x + width, screen.y_range()).intersect(rect);
                if !edge.is_positive() {
                    continue;
                }
                let response = ui.interact(
                    edge,
                    Id::unique(("journey-map-note-edge", note.id, right)),
                    Sense::drag(),
                );
                let key = if right {
                    "a11y.note_right_edge"
                } else {
                    "a11y.note_left_edge"
                };
                response.widget_info(|| {
                    WidgetInfo::labeled(Role::Splitter, true, tr_with(key, &[("name", text)]))
                });
                if response.hovered() || response.dragged() {
                    ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeHorizontal);
                }
                out.push((note.id, right, response));
            }
        }
        out
    }
}
