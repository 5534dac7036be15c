//! The canvas: pan and zoom, selection, drag and drop, and in-place text editing. It turns
//! pointer and keyboard input into [`Edit`]s on the [`Document`]; drawing is left to
//! [`crate::paint`], geometry to [`crate::layout`].

pub mod actions;

use crate::edit::{Document, Edit};
use crate::i18n::{tr, tr_with};
use crate::layout::{MapLayout, Style};
use crate::model::*;
use crate::paint::{self, Theme, View};
use egui::emath::TSTransform;
use egui::{
    CornerRadius, Id, Key, Pos2, Rect, Response, Role, Sense, Stroke, StrokeKind, Ui, Vec2,
    WidgetInfo, pos2, vec2,
};
use std::collections::BTreeSet;
use std::sync::Arc;

const MIN_ZOOM: f32 = 0.05;
const MAX_ZOOM: f32 = 5.0;

/// What a toolbar can drag onto the canvas to create.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewItem {
    Stage,
    Touchpoint,
    Lane,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Dragged {
    Item(Item),
    New(NewItem),
    Pan,
    RubberBand { start: Pos2 },
}

#[derive(Clone, Copy, Debug)]
struct Drag {
    what: Dragged,
    /// Pointer minus the dragged item's top-left, in map units: the item keeps its grip.
    grab: Vec2,
    /// Escape pressed: ignore the rest of this drag.
    cancelled: bool,
}

/// An item's text being edited in place.
struct TextEditor {
    item: Item,
    text: String,
    focus_requested: bool,
    select_pending: bool,
}

/// Where a drop would land, for the insertion marker and the edit.
#[derive(Clone, Copy, Debug, PartialEq)]
enum DropTarget {
    Stage {
        to: usize,
        marker: usize,
    },
    Touchpoint {
        stage: usize,
        to: usize,
        marker: usize,
    },
    Lane {
        to: usize,
        marker: usize,
    },
    Note {
        lane: usize,
        stage: usize,
        to: usize,
        marker: usize,
    },
    Score(i32),
}

pub struct Canvas {
    /// Screen position = map position × scaling + translation.
    pub screen_from_map: TSTransform,
    pub selection: BTreeSet<Item>,
    pub style: Style,
    drag: Option<Drag>,
    editor: Option<TextEditor>,
    layout: Option<(u64, crate::i18n::Language, Arc<MapLayout>)>,
    fit_requested: bool,
    rect: Rect,
}

impl Default for Canvas {
    fn default() -> Self {
        Self {
            screen_from_map: TSTransform::IDENTITY,
            selection: BTreeSet::new(),
            style: Style::default(),
            drag: None,
            editor: None,
            layout: None,
            fit_requested: true,
            rect: Rect::NOTHING,
        }
    }
}

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
        Item::Note(id) => named(
            "a11y.note",
            actions::find_note(map, id).map_or("", |n| &n.3.text),
        ),
        Item::Score(curve, tp) => tr_with(
            "a11y.score",
            &[
                ("curve", map.curve(curve).map_or("", |c| &c.name)),
                ("touchpoint", map.touchpoint(tp).map_or("", |t| &t.title)),
            ],
        ),
        Item::Curve(id) => named("a11y.curve", map.curve(id).map_or("", |c| &c.name)),
    }
}

impl Canvas {
    /// Forgets everything about the previous map: for a newly opened one.
    pub fn reset(&mut self) {
        *self = Canvas {
            style: std::mem::take(&mut self.style),
            ..Canvas::default()
        };
    }

    /// Shows the whole map at the next frame.
    pub fn request_fit(&mut self) {
        self.fit_requested = true;
    }

    /// Where the canvas was on screen in the last frame.
    pub fn rect(&self) -> Rect {
        self.rect
    }

    pub fn zoom(&self) -> f32 {
        self.screen_from_map.scaling
    }

    pub fn is_dragging(&self) -> bool {
        self.drag.is_some()
    }

    pub fn is_editing_text(&self) -> bool {
        self.editor.is_some()
    }

    /// The layout of the document's map, recomputed only when the map changed.
    pub fn layout(&mut self, ctx: &egui::Context, doc: &Document) -> Arc<MapLayout> {
        match &self.layout {
            Some((revision, language, layout))
                if *revision == doc.revision() && *language == crate::i18n::language() =>
            {
                layout.clone()
            }
            _ => {
                let layout =
                    Arc::new(ctx.fonts_mut(|fonts| MapLayout::new(doc.map(), &self.style, fonts)));
                // The row labels are words of the interface's language.
                self.layout = Some((doc.revision(), crate::i18n::language(), layout.clone()));
                // Selected items that no longer exist are dropped from the selection.
                let map = doc.map();
                self.selection.retain(|item| exists(map, *item));
                layout
            }
        }
    }

    /// Zooms by `factor` keeping the map point under `anchor` (screen) where it is.
    pub fn zoom_around(&mut self, anchor: Pos2, factor: f32) {
        let old = self.screen_from_map.scaling;
        let new = (old * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let map_anchor = self.screen_from_map.inverse() * anchor;
        self.screen_from_map.scaling = new;
        self.screen_from_map.translation = anchor.to_vec2() - map_anchor.to_vec2() * new;
    }

    pub fn zoom_by(&mut self, factor: f32) {
        self.zoom_around(self.rect.center(), factor);
    }

    /// Zoom to 100 %, keeping the centre of the view.
    pub fn zoom_actual(&mut self) {
        self.zoom_around(self.rect.center(), 1.0 / self.screen_from_map.scaling);
    }

    fn fit(&mut self, layout: &MapLayout) {
        let area = self.rect.shrink(12.0);
        let size = layout.size;
        let zoom = (area.width() / size.x)
            .min(area.height() / size.y)
            .clamp(MIN_ZOOM, 1.25);
        let offset = area.center() - size * zoom / 2.0;
        // Tall maps start at the top rather than in the middle.
        let top = if size.y * zoom > area.height() {
            area.top()
        } else {
            offset.y
        };
        self.screen_from_map = TSTransform::new(vec2(offset.x, top), zoom);
    }

    /// Starts dragging a new item from a toolbar.
    pub fn begin_new_item_drag(&mut self, what: NewItem) {
        self.drag = Some(Drag {
            what: Dragged::New(what),
            // The ghost hangs centred on the pointer.
            grab: new_ghost_size(&self.style) / 2.0,
            cancelled: false,
        });
    }

    pub fn select_only(&mut self, item: Item) {
        self.selection.clear();
        self.selection.insert(item);
    }

    /// Opens the in-place editor on the single selected item.
    pub fn edit_selected_text(&mut self, doc: &Document) {
        if let [item] = self.selection.iter().copied().collect::<Vec<_>>()[..] {
            self.start_editing(doc.map(), item);
        }
    }

    fn start_editing(&mut self, map: &JourneyMap, item: Item) {
        let Some(text) = item_text(map, item) else {
            return;
        };
        self.editor = Some(TextEditor {
            item,
            text: text.to_owned(),
            focus_requested: false,
            select_pending: true,
        });
    }

    /// Shows the canvas in all of `ui`'s remaining space and handles its input.
    pub fn ui(&mut self, ui: &mut Ui, doc: &mut Document, theme: &Theme) {
        let (rect, background) =
            ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
        background.widget_info(|| WidgetInfo::labeled(Role::Canvas, true, tr("a11y.canvas")));
        self.rect = rect;
        let layout = self.layout(ui.ctx(), doc);
        if self.fit_requested && rect.width() > 1.0 {
            self.fit(&layout);
            self.fit_requested = false;
        }

        self.pan_and_zoom(ui, rect);
        let responses = self.item_responses(ui, doc.map(), &layout, rect);
        let pointer = ui
            .input(|i| i.pointer.interact_pos())
            .map(|p| self.screen_from_map.inverse() * p);
        // Drags are recognised some pixels after the press; grips and boxes start at the press.
        let press = ui
            .input(|i| i.pointer.press_origin())
            .map(|p| self.screen_from_map.inverse() * p)
            .or(pointer);
        let modifiers = ui.input(|i| i.modifiers);

        // Clicks select; double clicks edit.
        for (item, response) in &responses {
            if response.clicked() {
                if modifiers.shift || modifiers.command {
                    if !self.selection.remove(item) {
                        self.selection.insert(*item);
                    }
                } else {
                    self.select_only(*item);
                }
            }
            if response.double_clicked() {
                self.select_only(*item);
                self.start_editing(doc.map(), *item);
            }
            if response.drag_started_by(egui::PointerButton::Primary) {
                self.start_item_drag(doc.map(), &layout, *item, press);
            }
        }
        if background.clicked() && !(modifiers.shift || modifiers.command) {
            self.selection.clear();
        }
        if background.drag_started_by(egui::PointerButton::Primary) {
            let what = match press {
                Some(start) if modifiers.shift || modifiers.command => {
                    Dragged::RubberBand { start }
                }
                _ => Dragged::Pan,
            };
            self.drag = Some(Drag {
                what,
                grab: Vec2::ZERO,
                cancelled: false,
            });
        }

        let target = self.update_drag(ui, doc, &layout, pointer, rect);
        if !self.is_editing_text() {
            self.keyboard(ui, doc, &layout);
        }

        // Paint with the map as it now is (a drop may have changed it).
        let layout = self.layout(ui.ctx(), doc);
        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, CornerRadius::ZERO, theme.background);
        let lifted = match self.drag {
            Some(Drag {
                what: Dragged::Item(item),
                cancelled: false,
                ..
            }) => Some(item),
            _ => None,
        };
        let hovered = responses
            .iter()
            .rev()
            .find(|(_, r)| r.hovered())
            .map(|(item, _)| *item);
        let view = View {
            screen_from_map: self.screen_from_map,
            theme,
            style: &self.style,
            selection: &self.selection,
            hovered,
            lifted,
        };
        paint::paint_map(&painter, doc.map(), &layout, &view);
        self.paint_drag(&painter, &view, doc.map(), &layout, target, pointer);
        self.text_editor_ui(ui, doc, &layout);
    }

    fn pan_and_zoom(&mut self, ui: &Ui, rect: Rect) {
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
        let Some(hover) = hover.filter(|p| rect.contains(*p)) else {
            return;
        };
        if zoom != 1.0 {
            self.zoom_around(hover, zoom);
        } else if scroll != Vec2::ZERO {
            self.screen_from_map.translation += scroll;
        }
        if middle_drag != Vec2::ZERO {
            self.screen_from_map.translation += middle_drag;
        }
    }

    /// One interactive region per visible item, labelled for screen readers and tests. Later
    /// regions lie on top: stage headers, lane labels, cards, notes, legends, curve points.
    fn item_responses(
        &self,
        ui: &Ui,
        map: &JourneyMap,
        layout: &MapLayout,
        rect: Rect,
    ) -> Vec<(Item, Response)> {
        let mut out = Vec::new();
        let t = self.screen_from_map;
        let mut add = |item: Item, map_rect: Rect, role: Role| {
            let screen = (t * map_rect).intersect(rect);
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
        for stage in &layout.stages {
            add(Item::Stage(stage.id), stage.header, Role::Button);
        }
        for lane in &layout.lanes {
            let label =
                Rect::from_min_max(lane.row.min, pos2(layout.content_left, lane.row.bottom()));
            add(Item::Lane(lane.id), label, Role::Button);
        }
        for card in &layout.cards {
            add(Item::Touchpoint(card.id), card.rect, Role::Button);
        }
        for note in &layout.notes {
            add(Item::Note(note.id), note.rect, Role::Button);
        }
        for curve in &layout.curves {
            add(Item::Curve(curve.id), curve.legend, Role::Button);
        }
        let hit = 9.0 / self.zoom().max(0.3);
        for curve in &layout.curves {
            for point in &curve.points {
                let r = Rect::from_center_size(point.pos, Vec2::splat(2.0 * hit));
                add(Item::Score(curve.id, point.touchpoint), r, Role::Slider);
            }
        }
        out
    }

    fn start_item_drag(
        &mut self,
        map: &JourneyMap,
        layout: &MapLayout,
        item: Item,
        pointer: Option<Pos2>,
    ) {
        let Some(pointer) = pointer else { return };
        let locked =
            matches!(item, Item::Touchpoint(id) if map.touchpoint(id).is_some_and(|t| t.locked));
        let origin = match item {
            Item::Stage(id) => layout
                .stages
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.header.min),
            Item::Touchpoint(id) => layout.card(id).map(|c| c.rect.min),
            Item::Lane(id) => layout.lanes.iter().find(|l| l.id == id).map(|l| l.row.min),
            Item::Note(id) => layout.note(id).map(|n| n.rect.min),
            Item::Score(..) => Some(pointer),
            Item::Curve(_) => None,
        };
        if locked {
            return;
        }
        if let Some(origin) = origin {
            if !self.selection.contains(&item) {
                self.select_only(item);
            }
            self.drag = Some(Drag {
                what: Dragged::Item(item),
                grab: pointer - origin,
                cancelled: false,
            });
        }
    }

    /// Follows the pointer during a drag; on release applies the move. Returns the drop target.
    fn update_drag(
        &mut self,
        ui: &Ui,
        doc: &mut Document,
        layout: &MapLayout,
        pointer: Option<Pos2>,
        rect: Rect,
    ) -> Option<DropTarget> {
        let drag = self.drag?;
        let (released, down, delta, escape) = ui.input(|i| {
            (
                i.pointer.primary_released(),
                i.pointer.primary_down(),
                i.pointer.delta(),
                i.key_pressed(Key::Escape),
            )
        });
        if escape {
            self.drag = Some(Drag {
                cancelled: true,
                ..drag
            });
        }
        let drag = self.drag?;
        if drag.cancelled {
            if released || !down {
                self.drag = None;
            }
            return None;
        }
        self.auto_scroll(ui, drag.what);
        let map = doc.map();
        let on_canvas = pointer.is_some_and(|p| rect.contains(self.screen_from_map * p));
        // Cards, notes, stages and lanes land where their ghost is, not where the hand is.
        let reference =
            pointer.map(
                |p| match (drag.what, ghost_size(&self.style, layout, drag.what)) {
                    (Dragged::Item(Item::Score(..)), _) | (_, None) => p,
                    (_, Some(size)) => p - drag.grab + size / 2.0,
                },
            );
        let target = match (drag.what, reference) {
            (Dragged::Pan, _) => {
                self.screen_from_map.translation += delta;
                None
            }
            (Dragged::RubberBand { start }, Some(p)) => {
                if released || !down {
                    let band = Rect::from_two_pos(start, p);
                    // Like Shift+click, a Shift (or Ctrl) box adds to the selection.
                    self.select_in(layout, band);
                }
                None
            }
            (Dragged::Item(item), Some(p)) if on_canvas => drop_target(map, layout, item, p),
            (Dragged::New(what), Some(p)) if on_canvas => new_item_target(layout, what, p),
            _ => None,
        };
        if released || !down {
            self.drag = None;
            if let Some(target) = target {
                self.drop(doc, drag.what, target);
            }
            return None;
        }
        target
    }

    /// While something is dragged near the canvas's edge, the view slides that way, so items
    /// can be taken to stages and lanes off screen.
    fn auto_scroll(&mut self, ui: &Ui, what: Dragged) {
        if matches!(what, Dragged::Pan) {
            return;
        }
        let Some(p) = ui.input(|i| i.pointer.hover_pos()) else {
            return;
        };
        let area = self.rect.shrink(40.0);
        if !self.rect.contains(p) || area.contains(p) {
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
        self.screen_from_map.translation += vec2(
            push(p.x, area.left(), area.right()),
            push(p.y, area.top(), area.bottom()),
        ) * speed;
        ui.ctx().request_repaint();
    }

    fn select_in(&mut self, layout: &MapLayout, band: Rect) {
        for card in &layout.cards {
            if band.intersects(card.rect) {
                self.selection.insert(Item::Touchpoint(card.id));
            }
        }
        for note in &layout.notes {
            if band.intersects(note.rect) {
                self.selection.insert(Item::Note(note.id));
            }
        }
        for curve in &layout.curves {
            for point in &curve.points {
                if band.contains(point.pos) {
                    self.selection
                        .insert(Item::Score(curve.id, point.touchpoint));
                }
            }
        }
    }

    fn drop(&mut self, doc: &mut Document, what: Dragged, target: DropTarget) {
        let map = doc.map();
        let (label, edit): (&str, Edit) = match (what, target) {
            (Dragged::Item(Item::Stage(stage)), DropTarget::Stage { to, .. }) => {
                (tr("undo.move_stage"), Edit::MoveStage { stage, to })
            }
            (
                Dragged::Item(Item::Touchpoint(touchpoint)),
                DropTarget::Touchpoint { stage, to, .. },
            ) => {
                let to_stage = map.stages[stage].id;
                (
                    tr("undo.move_touchpoint"),
                    Edit::MoveTouchpoint {
                        touchpoint,
                        to_stage,
                        to,
                    },
                )
            }
            (Dragged::Item(Item::Lane(lane)), DropTarget::Lane { to, .. }) => {
                (tr("undo.move_lane"), Edit::MoveLane { lane, to })
            }
            (
                Dragged::Item(Item::Note(note)),
                DropTarget::Note {
                    lane, stage, to, ..
                },
            ) => (
                tr("undo.move_note"),
                Edit::MoveNote {
                    note,
                    to_lane: map.lanes[lane].id,
                    to_stage: map.stages[stage].id,
                    to,
                },
            ),
            (Dragged::Item(Item::Score(curve, touchpoint)), DropTarget::Score(score)) => (
                tr("undo.change_score"),
                Edit::SetScore {
                    curve,
                    touchpoint,
                    score: Some(score),
                },
            ),
            (Dragged::New(what), target) => {
                let mut ids = doc.ids();
                let (label, edit, item) = match (what, target) {
                    (NewItem::Stage, DropTarget::Stage { to, .. }) => {
                        let id = ids.stage();
                        let stage = Stage {
                            id,
                            name: tr("new.stage").into(),
                            colour: PALETTE[map.stages.len() % PALETTE.len()],
                            touchpoints: Vec::new(),
                        };
                        (
                            tr("undo.add_stage"),
                            Edit::InsertStage {
                                index: to,
                                stage,
                                notes: Vec::new(),
                                scores: Vec::new(),
                            },
                            Item::Stage(id),
                        )
                    }
                    (NewItem::Touchpoint, DropTarget::Touchpoint { stage, to, .. }) => {
                        let id = ids.touchpoint();
                        let edit = Edit::InsertTouchpoint {
                            stage: map.stages[stage].id,
                            index: to,
                            touchpoint: actions::new_touchpoint(id),
                            scores: Vec::new(),
                        };
                        (tr("undo.add_touchpoint"), edit, Item::Touchpoint(id))
                    }
                    (NewItem::Lane, DropTarget::Lane { to, .. }) => {
                        let id = ids.lane();
                        let lane = Lane {
                            id,
                            name: tr("new.lane").into(),
                            kind: LaneKind::Custom,
                            notes: Default::default(),
                        };
                        (
                            tr("undo.add_lane"),
                            Edit::InsertLane { index: to, lane },
                            Item::Lane(id),
                        )
                    }
                    _ => return,
                };
                if doc.apply(label, edit).is_ok() {
                    self.select_only(item);
                    self.start_editing(doc.map(), item);
                }
                return;
            }
            _ => return,
        };
        // A refused move (say, into a stage that just vanished) changes nothing; nothing to report.
        let _ = doc.apply(label, edit);
    }

    fn keyboard(&mut self, ui: &Ui, doc: &mut Document, layout: &MapLayout) {
        if ui.ctx().text_edit_focused() {
            return;
        }
        let (escape, alt, arrows) = ui.input(|i| {
            let arrows = [
                (Key::ArrowLeft, vec2(-1.0, 0.0)),
                (Key::ArrowRight, vec2(1.0, 0.0)),
                (Key::ArrowUp, vec2(0.0, -1.0)),
                (Key::ArrowDown, vec2(0.0, 1.0)),
            ]
            .into_iter()
            .find(|(k, _)| i.key_pressed(*k))
            .map(|(_, d)| d);
            (i.key_pressed(Key::Escape), i.modifiers.alt, arrows)
        });
        if escape && self.drag.is_none() {
            self.selection.clear();
        }
        let Some(direction) = arrows else { return };
        let [current] = self.selection.iter().copied().collect::<Vec<_>>()[..] else {
            return;
        };
        // Alt+Up and Alt+Down on a curve point change the score; plain arrows walk on.
        if let (Item::Score(curve, tp), true) = (current, alt && direction.x == 0.0) {
            let map = doc.map();
            if let Some(score) = map.curve(curve).and_then(|c| c.scores.get(&tp)) {
                let new = map.scale.clamp(score - direction.y as i32);
                if new != *score {
                    let _ = doc.apply(
                        tr("undo.change_score"),
                        Edit::SetScore {
                            curve,
                            touchpoint: tp,
                            score: Some(new),
                        },
                    );
                }
            }
            return;
        }
        if let Some(next) = neighbour(layout, current, direction) {
            self.select_only(next);
        }
    }

    fn paint_drag(
        &self,
        painter: &egui::Painter,
        view: &View,
        map: &JourneyMap,
        layout: &MapLayout,
        target: Option<DropTarget>,
        pointer: Option<Pos2>,
    ) {
        let Some(drag) = self.drag.filter(|d| !d.cancelled) else {
            return;
        };
        let Some(pointer) = pointer else { return };
        let theme = view.theme;
        let t = self.screen_from_map;
        if let Dragged::RubberBand { start } = drag.what {
            let band = t * Rect::from_two_pos(start, pointer);
            painter.rect_filled(band, CornerRadius::ZERO, theme.accent.gamma_multiply(0.12));
            painter.rect_stroke(
                band,
                CornerRadius::ZERO,
                Stroke::new(1.0, theme.accent),
                StrokeKind::Inside,
            );
            return;
        }
        let style = &self.style;
        match target {
            Some(DropTarget::Touchpoint { stage, marker, .. }) => {
                if let Some(x) = layout.touchpoint_marker_x(stage, marker, style) {
                    let row = layout.touchpoint_row;
                    paint::insertion_marker_vertical(painter, view, x, row.top(), row.bottom());
                }
            }
            Some(DropTarget::Stage { marker, .. }) => {
                let x = layout
                    .stages
                    .get(marker)
                    .map(|s| s.column.left() - style.stage_gap / 2.0)
                    .or_else(|| {
                        layout
                            .stages
                            .last()
                            .map(|s| s.column.right() + style.stage_gap / 2.0)
                    })
                    .unwrap_or(layout.content_left);
                paint::insertion_marker_vertical(
                    painter,
                    view,
                    x,
                    layout.stage_row.top(),
                    layout.gutter.bottom(),
                );
            }
            Some(DropTarget::Lane { marker, .. }) => {
                let y = layout
                    .lanes
                    .get(marker)
                    .map(|l| l.row.top())
                    .or_else(|| layout.lanes.last().map(|l| l.row.bottom()))
                    .unwrap_or(layout.curve_band.bottom());
                paint::insertion_marker_horizontal(
                    painter,
                    view,
                    y,
                    layout.gutter.left(),
                    layout.content_right,
                );
            }
            Some(DropTarget::Note {
                lane,
                stage,
                marker,
                ..
            }) => {
                let cell = layout.stages[stage]
                    .column
                    .intersect(layout.lanes[lane].row);
                painter.rect_stroke(
                    t * cell,
                    CornerRadius::same(6),
                    Stroke::new(2.0, theme.accent),
                    StrokeKind::Inside,
                );
                let in_cell: Vec<_> = layout
                    .notes
                    .iter()
                    .filter(|n| n.lane_index == lane && n.stage_index == stage)
                    .collect();
                let (x, top, bottom) = match in_cell.get(marker) {
                    Some(n) => (
                        n.rect.left() - style.note_gap / 2.0,
                        n.rect.top(),
                        n.rect.bottom(),
                    ),
                    None => match in_cell.last() {
                        Some(n) => (
                            n.rect.right() + style.note_gap / 2.0,
                            n.rect.top(),
                            n.rect.bottom(),
                        ),
                        None => (
                            cell.left() + style.stage_padding,
                            cell.top() + 6.0,
                            cell.bottom() - 6.0,
                        ),
                    },
                };
                paint::insertion_marker_vertical(painter, view, x, top, bottom);
            }
            Some(DropTarget::Score(score)) => {
                if let Dragged::Item(Item::Score(curve, tp)) = drag.what
                    && let (Some(y), Some(card), Some(c)) =
                        (layout.y_of_level(score), layout.card(tp), map.curve(curve))
                {
                    let centre = t * pos2(card.rect.center().x, y);
                    let colour = theme.colour(c.colour);
                    painter.circle(centre, 8.0, colour, Stroke::new(2.5, theme.surface));
                    let level = map.scale.level(score);
                    let mut text = format!("{score:+}");
                    if let Some(level) = level {
                        if !level.label.is_empty() {
                            text = format!("{} ({score:+})", level.label);
                        }
                        if let Some(emoji) = &level.emoji {
                            text = format!("{emoji} {text}");
                        }
                    }
                    let galley =
                        painter.layout_no_wrap(text, egui::FontId::proportional(14.0), theme.text);
                    let bubble = Rect::from_min_size(
                        centre + vec2(14.0, -12.0),
                        galley.size() + vec2(12.0, 6.0),
                    );
                    painter.rect_filled(bubble, CornerRadius::same(4), theme.surface);
                    painter.rect_stroke(
                        bubble,
                        CornerRadius::same(4),
                        Stroke::new(1.0, colour),
                        StrokeKind::Inside,
                    );
                    painter.galley(bubble.min + vec2(6.0, 3.0), galley, theme.text);
                }
            }
            None => {}
        }
        // A ghost of the dragged item follows the pointer, at the map's scale, with the
        // item's own words.
        let Some(size) = ghost_size(style, layout, drag.what) else {
            return;
        };
        let label = match drag.what {
            Dragged::Item(item) => item_text(map, item).unwrap_or_default().to_owned(),
            Dragged::New(NewItem::Stage) => tr("new.stage").to_owned(),
            Dragged::New(NewItem::Touchpoint) => tr("new.touchpoint").to_owned(),
            Dragged::New(NewItem::Lane) => tr("new.lane").to_owned(),
            _ => return,
        };
        let zoom = t.scaling;
        let rect = t * Rect::from_min_size(pointer - drag.grab, size);
        let radius = CornerRadius::same((6.0 * zoom).clamp(1.0, 12.0) as u8);
        painter.rect_filled(rect, radius, theme.surface.gamma_multiply(0.9));
        painter.rect_stroke(
            rect,
            radius,
            Stroke::new(1.5, theme.accent),
            StrokeKind::Inside,
        );
        let font = (14.0 * zoom).max(6.0);
        let pad = 8.0 * zoom;
        let galley = painter.layout(
            label,
            egui::FontId::proportional(font),
            theme.text,
            (rect.width() - 2.0 * pad).max(10.0),
        );
        painter
            .with_clip_rect(rect)
            .galley(rect.min + vec2(pad, pad), galley, theme.text);
    }

    fn text_editor_ui(&mut self, ui: &mut Ui, doc: &mut Document, layout: &MapLayout) {
        let Some(editor) = &mut self.editor else {
            return;
        };
        let t = self.screen_from_map;
        let map_rect = match editor.item {
            Item::Stage(id) => layout.stages.iter().find(|s| s.id == id).map(|s| s.header),
            Item::Touchpoint(id) => layout
                .card(id)
                .map(|c| c.title.rect.expand2(vec2(4.0, 2.0))),
            Item::Lane(id) => layout
                .lanes
                .iter()
                .find(|l| l.id == id)
                .map(|l| l.label.rect),
            Item::Note(id) => layout.note(id).map(|n| n.rect),
            Item::Curve(id) => layout.curves.iter().find(|c| c.id == id).map(|c| c.legend),
            Item::Score(..) => None,
        };
        let Some(map_rect) = map_rect else {
            self.editor = None;
            return;
        };
        let item = editor.item;
        let zoom = t.scaling;
        let role = match item {
            Item::Stage(_) => crate::layout::TextRole::StageName,
            Item::Touchpoint(_) => crate::layout::TextRole::CardTitle,
            Item::Note(_) => crate::layout::TextRole::Note,
            _ => crate::layout::TextRole::RowLabel,
        };
        let font = (self.style.font_size(role) * zoom).clamp(11.0, 48.0);
        let covered = t * map_rect;
        // The editor covers the item's own text, so the old words do not show through.
        ui.painter().rect_filled(
            covered,
            CornerRadius::same(4),
            ui.visuals().extreme_bg_color,
        );
        let rect = Rect::from_min_size(
            covered.min,
            vec2(covered.width().max(180.0), font * 1.5 + 8.0),
        );
        // Each item has its own editor state: no caret or undo history from another item.
        let id = Id::unique(("journey-map-text-editor", item));
        if !editor.focus_requested {
            egui::text_edit::TextEditState::default().store(ui.ctx(), id);
        }
        let response = ui.put(
            rect,
            egui::TextEdit::singleline(&mut editor.text)
                .id(id)
                .font(egui::FontId::proportional(font))
                .margin(vec2(4.0, 4.0)),
        );
        response.widget_info(|| {
            WidgetInfo::labeled(
                Role::TextInput,
                true,
                tr_with("a11y.edit", &[("name", &item_label(doc.map(), item))]),
            )
        });
        if !editor.focus_requested {
            response.request_focus();
            editor.focus_requested = true;
            return;
        }
        if editor.select_pending && response.has_focus() {
            // The text starts selected, so typing replaces it (a field that does not have the
            // keyboard yet drops any selection, so this waits for the focus).
            select_all(ui.ctx(), id, &editor.text);
            editor.select_pending = false;
        }
        if response.lost_focus() {
            let cancelled = ui.input(|i| i.key_pressed(Key::Escape));
            let Some(editor) = self.editor.take() else {
                return;
            };
            if !cancelled && let Some(edit) = set_text(doc.map(), editor.item, editor.text) {
                let _ = doc.apply(tr("undo.edit_text"), edit);
            }
        }
    }
}

/// Selects the whole text of the text field `id`.
pub fn select_all(ctx: &egui::Context, id: Id, text: &str) {
    let mut state = egui::TextEdit::load_state(ctx, id).unwrap_or_default();
    let all = egui::text::CCursorRange::two(
        egui::text::CCursor::new(0),
        egui::text::CCursor::new(text.chars().count()),
    );
    state.cursor.set_char_range(Some(all));
    state.store(ctx, id);
    ctx.request_repaint();
}

fn exists(map: &JourneyMap, item: Item) -> bool {
    match item {
        Item::Stage(id) => map.stage(id).is_some(),
        Item::Touchpoint(id) => map.touchpoint(id).is_some(),
        Item::Lane(id) => map.lane(id).is_some(),
        Item::Note(id) => actions::find_note(map, id).is_some(),
        Item::Score(c, t) => map.curve(c).is_some_and(|c| c.scores.contains_key(&t)),
        Item::Curve(id) => map.curve(id).is_some(),
    }
}

/// The text an item shows, which in-place editing changes.
pub fn item_text(map: &JourneyMap, item: Item) -> Option<&str> {
    match item {
        Item::Stage(id) => map.stage(id).map(|s| s.name.as_str()),
        Item::Touchpoint(id) => map.touchpoint(id).map(|t| t.title.as_str()),
        Item::Lane(id) => map.lane(id).map(|l| l.name.as_str()),
        Item::Note(id) => actions::find_note(map, id).map(|n| n.3.text.as_str()),
        Item::Curve(id) => map.curve(id).map(|c| c.name.as_str()),
        Item::Score(..) => None,
    }
}

/// The edit that gives `item` the text `text` (None if it already has it or is gone).
pub fn set_text(map: &JourneyMap, item: Item, text: String) -> Option<Edit> {
    if item_text(map, item) == Some(text.as_str()) {
        return None;
    }
    match item {
        Item::Stage(id) => map.stage(id).map(|s| Edit::SetStage {
            stage: id,
            name: text,
            colour: s.colour,
        }),
        Item::Touchpoint(id) => map.touchpoint(id).map(|t| {
            Edit::SetTouchpoint(Touchpoint {
                title: text,
                ..t.clone()
            })
        }),
        Item::Lane(id) => map.lane(id).map(|l| Edit::SetLane {
            lane: id,
            name: text,
            kind: l.kind,
        }),
        Item::Note(id) => actions::find_note(map, id).map(|n| {
            Edit::SetNote(Note {
                text,
                ..n.3.clone()
            })
        }),
        Item::Curve(id) => map.curve(id).map(|c| Edit::SetCurve {
            curve: id,
            name: text,
            colour: c.colour,
            persona: c.persona,
        }),
        Item::Score(..) => None,
    }
}

fn new_ghost_size(style: &Style) -> Vec2 {
    vec2(style.card_width, 56.0)
}

/// The size (map units) of the ghost that follows the pointer while `what` is dragged.
fn ghost_size(style: &Style, layout: &MapLayout, what: Dragged) -> Option<Vec2> {
    match what {
        Dragged::Item(Item::Touchpoint(id)) => layout.card(id).map(|c| c.rect.size()),
        Dragged::Item(Item::Note(id)) => layout.note(id).map(|n| n.rect.size()),
        Dragged::Item(Item::Stage(id)) => layout
            .stages
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.header.size()),
        Dragged::Item(Item::Lane(id)) => layout
            .lanes
            .iter()
            .find(|l| l.id == id)
            .map(|l| vec2(style.gutter_width - 12.0, l.row.height().min(56.0))),
        Dragged::New(_) => Some(new_ghost_size(style)),
        _ => None,
    }
}

/// Where dragging `item` to map point `p` would drop it.
fn drop_target(map: &JourneyMap, layout: &MapLayout, item: Item, p: Pos2) -> Option<DropTarget> {
    match item {
        Item::Stage(id) => {
            let from = map.stage_index(id)?;
            let marker = layout.stage_insert_index(p.x);
            Some(DropTarget::Stage {
                to: if from < marker { marker - 1 } else { marker },
                marker,
            })
        }
        Item::Touchpoint(id) => {
            let (from_stage, from) = map.touchpoint_position(id)?;
            if !touchpoint_rows(layout).contains(p.y) {
                return None;
            }
            let (stage, marker) = layout.touchpoint_drop(p)?;
            let to = if stage == from_stage && from < marker {
                marker - 1
            } else {
                marker
            };
            Some(DropTarget::Touchpoint { stage, to, marker })
        }
        Item::Lane(id) => {
            let from = map.lanes.iter().position(|l| l.id == id)?;
            let marker = layout.lane_insert_index(p.y);
            Some(DropTarget::Lane {
                to: if from < marker { marker - 1 } else { marker },
                marker,
            })
        }
        Item::Note(id) => {
            let (lane_id, stage_id, from, _) = actions::find_note(map, id)?;
            if !lane_rows(layout).contains(p.y) {
                return None;
            }
            let (lane, stage, marker) = layout.note_drop(p)?;
            let same_cell = map.lanes[lane].id == lane_id && map.stages[stage].id == stage_id;
            let to = if same_cell && from < marker {
                marker - 1
            } else {
                marker
            };
            Some(DropTarget::Note {
                lane,
                stage,
                to,
                marker,
            })
        }
        Item::Score(..) => layout.score_at_y(p.y).map(DropTarget::Score),
        Item::Curve(_) => None,
    }
}

/// The heights where a touchpoint can be dropped: its stage headers, cards and curves.
fn touchpoint_rows(layout: &MapLayout) -> egui::Rangef {
    egui::Rangef::new(
        layout.stage_row.top() - 20.0,
        layout
            .curve_band
            .bottom()
            .max(layout.touchpoint_row.bottom() + 20.0),
    )
}

/// The heights where a note or a lane can be dropped.
fn lane_rows(layout: &MapLayout) -> egui::Rangef {
    let top = layout
        .lanes
        .first()
        .map_or(layout.curve_band.bottom(), |l| l.row.top());
    let bottom = layout.lanes.last().map_or(top, |l| l.row.bottom());
    egui::Rangef::new(top - 20.0, bottom + 20.0)
}

fn new_item_target(layout: &MapLayout, what: NewItem, p: Pos2) -> Option<DropTarget> {
    match what {
        NewItem::Stage => {
            let marker = layout.stage_insert_index(p.x);
            Some(DropTarget::Stage { to: marker, marker })
        }
        NewItem::Touchpoint => {
            layout
                .touchpoint_drop(p)
                .map(|(stage, marker)| DropTarget::Touchpoint {
                    stage,
                    to: marker,
                    marker,
                })
        }
        NewItem::Lane => {
            let marker = layout.lane_insert_index(p.y);
            Some(DropTarget::Lane { to: marker, marker })
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
            Rect::from_min_max(l.row.min, pos2(layout.content_left, l.row.bottom())),
        )
    }));
    items.extend(layout.notes.iter().map(|n| (Item::Note(n.id), n.rect)));
    for curve in &layout.curves {
        items.extend(curve.points.iter().map(|p| {
            (
                Item::Score(curve.id, p.touchpoint),
                Rect::from_center_size(p.pos, Vec2::splat(1.0)),
            )
        }));
    }
    let origin = items.iter().find(|(i, _)| *i == from)?.1.center();
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
