//! The canvas: the map on screen and everything a person does to it with pointer and keys. It
//! turns input into [`Edit`]s on the [`Document`]; drawing is left to [`crate::paint`],
//! geometry to [`crate::layout`]. One file per job:
//! - `view`: the map→screen transform: pan, zoom, fit, and how far panning may go;
//! - `hits`: one labelled interactive region per visible item (what screen readers and UI
//!   tests find items by);
//! - `drag`: drag and drop (moving items, creating them from the toolbar) and its targets;
//! - `overlay`: what a drag draws on top: insertion markers, ghosts, the score bubble;
//! - `text_edit`: editing an item's text in place;
//! - `keys`: walking the map with the arrow keys, scores with ↑ and ↓, new notes.

mod drag;
mod hits;
mod keys;
mod overlay;
mod text_edit;
mod view;

pub use hits::item_label;
pub use text_edit::{select_all, select_range};

use crate::edit::{Document, Edit};
use crate::i18n::tr_with;
use crate::layout::{Labels, MapLayout, Style};
use crate::model::*;
use crate::paint::{self, Theme, View, ViewOptions};
use egui::emath::TSTransform;
use egui::{CornerRadius, Rect, Role, Sense, Ui, Vec2, WidgetInfo};
use std::collections::BTreeSet;
use std::sync::Arc;

/// What the canvas lets a person do.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CanvasMode {
    /// Everything: select, move, create, edit text.
    #[default]
    Edit,
    /// Look only: pan, zoom and select; nothing on the map changes.
    ReadOnly,
    /// A presentation: the camera is the presentation's, nothing moves, and clicks on items
    /// are handed to it (for voting).
    Present,
}

/// How an item was clicked, for a presentation's voting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Click {
    /// The primary button.
    Primary,
    /// The secondary button, or Shift with the primary.
    Secondary,
}

/// What a toolbar can drag onto the canvas to create.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewItem {
    Stage,
    Touchpoint,
    Lane,
    Note,
}

/// The layout of a document's map, with everything it was computed from.
struct LayoutCache {
    revision: u64,
    style: Style,
    labels: Labels,
    layout: Arc<MapLayout>,
}

pub struct Canvas {
    /// Screen position = map position × scaling + translation.
    pub screen_from_map: TSTransform,
    pub selection: BTreeSet<Item>,
    pub style: Style,
    pub mode: CanvasMode,
    /// How the map is drawn beyond its transform: detail, spotlight, revealed curves.
    pub view_options: ViewOptions,
    /// Clicks on items this frame (in present mode, where a presentation uses them).
    clicks: Vec<(Item, Click)>,
    drag: Option<drag::Drag>,
    editor: Option<text_edit::TextEditor>,
    /// An item whose text editing starts at the next frame (once the layout shows it).
    pending_edit: Option<Item>,
    layout: Option<LayoutCache>,
    fit: view::Fit,
    /// Since when a dragged item has rested near the canvas's edge (for auto-scroll).
    edge_since: Option<f64>,
    rect: Rect,
    /// Edits the map refused, to be shown by the window.
    errors: Vec<String>,
    /// A card's link mark clicked: the link, for the window to show before opening it.
    link: Option<String>,
    /// Items marked as changed by a comparison with another version of the map.
    pub marks: Vec<(Item, Mark)>,
    /// An item to bring into view at the next frame.
    pending_show: Option<Item>,
}

/// How an item differs from the version the map is compared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// The other version does not have it.
    Added,
    /// Renamed, or a field or score changed.
    Changed,
    /// Somewhere else than in the other version.
    Moved,
    /// A merge left a conflict mark on it (drawn whether or not a comparison is under way).
    Conflict,
}

impl Default for Canvas {
    fn default() -> Self {
        Self {
            screen_from_map: TSTransform::IDENTITY,
            selection: BTreeSet::new(),
            style: Style::default(),
            mode: CanvasMode::default(),
            view_options: ViewOptions {
                detail: paint::Detail::Adaptive,
                ..ViewOptions::default()
            },
            clicks: Vec::new(),
            drag: None,
            editor: None,
            pending_edit: None,
            layout: None,
            fit: view::Fit::default(),
            edge_since: None,
            marks: Vec::new(),
            pending_show: None,
            rect: Rect::NOTHING,
            errors: Vec::new(),
            link: None,
        }
    }
}

impl Canvas {
    /// Forgets everything about the previous map: for a newly opened one.
    pub fn reset(&mut self) {
        *self = Canvas {
            style: std::mem::take(&mut self.style),
            mode: self.mode,
            ..Canvas::default()
        };
    }

    /// Where the canvas was on screen in the last frame.
    pub fn rect(&self) -> Rect {
        self.rect
    }

    pub fn is_dragging(&self) -> bool {
        self.drag.is_some()
    }

    pub fn is_editing_text(&self) -> bool {
        self.editor.is_some()
    }

    pub fn select_only(&mut self, item: Item) {
        self.selection.clear();
        self.selection.insert(item);
    }

    /// The items clicked since the last call, in present mode.
    pub fn take_clicks(&mut self) -> Vec<(Item, Click)> {
        std::mem::take(&mut self.clicks)
    }

    /// The link whose mark on a card was clicked since the last call.
    pub fn take_link(&mut self) -> Option<String> {
        self.link.take()
    }

    /// The edits the map refused since the last call (each already undone: nothing changed).
    pub fn take_errors(&mut self) -> Vec<String> {
        std::mem::take(&mut self.errors)
    }

    /// Applies an edit as one undo step; a refusal is kept for the window to show. Returns
    /// whether it was applied.
    fn apply(&mut self, doc: &mut Document, label: &str, edit: Edit) -> bool {
        match doc.apply(label, edit) {
            Ok(()) => true,
            Err(err) => {
                self.errors.push(tr_with(
                    "notice.edit_refused",
                    &[("what", label), ("reason", &err.to_string())],
                ));
                false
            }
        }
    }

    /// The layout of the document's map, recomputed only when something it depends on changed:
    /// the map, the style or the words of the row labels. After a small change (a text edited,
    /// a score moved) only what changed is laid out again.
    pub fn layout(&mut self, ctx: &egui::Context, doc: &Document) -> Arc<MapLayout> {
        let labels = crate::i18n::map_labels();
        if let Some(mut cache) = self.layout.take()
            && cache.style == self.style
            && cache.labels == labels
            && let Some(changes) = doc.changes_since(cache.revision)
        {
            if changes.is_empty() {
                let layout = cache.layout.clone();
                self.layout = Some(cache);
                return layout;
            }
            // The frame that drew the old layout has let go of it, so (taken out of the cache)
            // it is changed in place rather than copied.
            let done = ctx.fonts_mut(|fonts| {
                Arc::make_mut(&mut cache.layout).update(
                    doc.map(),
                    &self.style,
                    &labels,
                    fonts,
                    &changes,
                )
            });
            if done {
                cache.revision = doc.revision();
                let layout = cache.layout.clone();
                self.layout = Some(cache);
                return layout;
            }
        }
        let layout =
            Arc::new(ctx.fonts_mut(|fonts| MapLayout::new(doc.map(), &self.style, &labels, fonts)));
        self.layout = Some(LayoutCache {
            revision: doc.revision(),
            style: self.style.clone(),
            labels,
            layout: layout.clone(),
        });
        // Selected items that no longer exist are dropped from the selection.
        let map = doc.map();
        self.selection.retain(|item| map.has_item(*item));
        layout
    }

    /// Shows the canvas in all of `ui`'s remaining space and handles its input.
    pub fn ui(&mut self, ui: &mut Ui, doc: &mut Document, theme: &Theme) {
        let (rect, background) =
            ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
        background.widget_info(|| {
            WidgetInfo::labeled(Role::Canvas, true, crate::i18n::tr("a11y.canvas"))
        });
        let layout = self.layout(ui.ctx(), doc);
        let presenting = self.mode == CanvasMode::Present;
        if presenting {
            // The presentation moves the camera.
            self.rect = rect;
        } else {
            self.place(rect, &layout);
            self.pan_and_zoom(ui, rect, &layout);
            // Before any region is placed: this frame's regions are where the map is drawn.
            self.keep_in_view(&layout);
        }

        let responses = self.item_responses(ui, doc.map(), &layout, rect);
        let edges = self.edge_responses(ui, doc.map(), &layout, rect);
        for (link, response) in self.link_responses(ui, doc.map(), &layout, rect) {
            if response.clicked() {
                self.link = Some(link);
            }
        }
        if self.drag.is_none() {
            cut_text_tooltips(doc.map(), &layout, &responses);
        }
        let pointer = ui
            .input(|i| i.pointer.interact_pos())
            .map(|p| self.screen_from_map.inverse() * p);
        // Drags are recognised some pixels after the press; grips and boxes start at the press.
        let press = ui
            .input(|i| i.pointer.press_origin())
            .map(|p| self.screen_from_map.inverse() * p)
            .or(pointer);
        let modifiers = ui.input(|i| i.modifiers);
        let editing = self.mode == CanvasMode::Edit;

        // Clicks select; double clicks edit (or, on an empty cell, add a note there).
        for (item, response) in &responses {
            if presenting {
                if response.clicked() {
                    let click = if modifiers.shift {
                        Click::Secondary
                    } else {
                        Click::Primary
                    };
                    self.clicks.push((*item, click));
                } else if response.secondary_clicked() {
                    self.clicks.push((*item, Click::Secondary));
                }
                continue;
            }
            if response.clicked() {
                if modifiers.shift || modifiers.command {
                    if !self.selection.remove(item) {
                        self.selection.insert(*item);
                    }
                } else {
                    self.select_only(*item);
                }
            }
            if response.double_clicked() && editing {
                self.select_only(*item);
                match *item {
                    Item::Cell(lane, stage) => self.add_note(doc, lane, stage, None),
                    _ => self.pending_edit = Some(*item),
                }
            }
            if response.drag_started_by(egui::PointerButton::Primary) {
                match item {
                    // An empty stretch of a lane is canvas: dragging it pans (or draws a box).
                    Item::Cell(..) => self.begin_canvas_drag(press, modifiers),
                    _ if editing => self.start_item_drag(doc.map(), &layout, *item, press),
                    _ => {}
                }
            }
        }
        for (note, right, response) in &edges {
            if response.drag_started_by(egui::PointerButton::Primary) {
                self.start_edge_drag(doc.map(), *note, *right);
            }
        }
        if !presenting {
            if background.clicked() && !(modifiers.shift || modifiers.command) {
                self.selection.clear();
            }
            if background.drag_started_by(egui::PointerButton::Primary) {
                self.begin_canvas_drag(press, modifiers);
            }
        }

        let target = self.update_drag(ui, doc, &layout, pointer, rect);
        if !self.is_editing_text() && !presenting {
            self.keyboard(ui, doc, &layout);
        }
        if !presenting {
            self.show_pending(&layout);
            self.keep_in_view(&layout);
        }

        // Paint with the map as it now is (a drop may have changed it).
        let layout = self.layout(ui.ctx(), doc);
        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, CornerRadius::ZERO, theme.background);
        let hovered = responses
            .iter()
            .rev()
            .find(|(_, r)| r.hovered())
            .map(|(item, _)| *item)
            .filter(|item| !matches!(item, Item::Cell(..)));
        let view = View {
            screen_from_map: self.screen_from_map,
            theme,
            style: &self.style,
            selection: &self.selection,
            hovered,
            lifted: self.lifted(),
            pinned: Some(rect),
            detail: self.view_options.detail,
            spotlight: self.view_options.spotlight,
            reveal: self.view_options.reveal,
        };
        paint::paint_map(&painter, doc.map(), &layout, &view);
        overlay::paint_marks(&painter, &view, &layout, &self.marks);
        let conflicts: Vec<(Item, Mark)> = doc
            .map()
            .live_conflicts()
            .map(|(_, c)| (c.on.item(), Mark::Conflict))
            .collect();
        overlay::paint_marks(&painter, &view, &layout, &conflicts);
        self.paint_drag(&painter, &view, doc.map(), &layout, target, pointer);
        self.text_editor_ui(ui, doc, &layout);
    }

    /// Brings `item` into view at the next frame: centred, at a zoom where it reads, when it is
    /// off screen or too small to read.
    pub fn show(&mut self, item: Item) {
        self.pending_show = Some(item);
    }

    fn show_pending(&mut self, layout: &MapLayout) {
        let Some(item) = self.pending_show.take() else {
            return;
        };
        let Some(rect) = overlay::item_rect(layout, item) else {
            return;
        };
        let zoom = self.screen_from_map.scaling;
        let on_screen = self.screen_from_map * rect;
        if zoom < 0.6 || !self.rect.contains_rect(on_screen) {
            self.centre_on(rect.center(), zoom.max(0.8));
        }
    }

    /// Adds a note to the cell where `lane` crosses `stage` (at `index`, or at its end),
    /// selects it and opens its text for typing.
    pub fn add_note(
        &mut self,
        doc: &mut Document,
        lane: LaneId,
        stage: StageId,
        index: Option<usize>,
    ) {
        let mut ids = doc.ids();
        let text = crate::i18n::tr("new.note").to_owned();
        let Some((edit, id)) =
            crate::edit::actions::add_note(doc.map(), lane, stage, index, text, &mut ids)
        else {
            return;
        };
        if self.apply(doc, crate::i18n::tr("undo.add_note"), edit) {
            self.select_only(Item::Note(id));
            self.pending_edit = Some(Item::Note(id));
        }
    }

    /// Adds a note beside the selection: after a selected note, or at the end of a selected
    /// cell. Returns whether there was a place for one.
    pub fn add_note_at_selection(&mut self, doc: &mut Document) -> bool {
        let Some((lane, stage, index)) = self.note_place(doc.map()) else {
            return false;
        };
        self.add_note(doc, lane, stage, index);
        true
    }

    /// Where a new note goes for the current selection: (lane, stage, index).
    pub fn note_place(&self, map: &JourneyMap) -> Option<(LaneId, StageId, Option<usize>)> {
        match self.selection.iter().copied().collect::<Vec<_>>()[..] {
            [Item::Cell(lane, stage)] => Some((lane, stage, None)),
            [Item::Note(id)] => {
                let at = map.note(id)?;
                match at.stage() {
                    Some(stage) => {
                        let place = map.lanes[at.lane_index]
                            .notes_in(stage)
                            .iter()
                            .position(|n| n.id == id)?;
                        Some((at.lane, stage, Some(place + 1)))
                    }
                    // Beside a note that spans: in the cell of its first stage.
                    None => {
                        let first = *map.anchor_stages(at.note.anchor)?.start();
                        Some((at.lane, map.stages[first].id, None))
                    }
                }
            }
            [Item::Lane(lane)] => map.stages.first().map(|s| (lane, s.id, None)),
            _ => None,
        }
    }

    /// Opens the in-place editor on the single selected item.
    pub fn edit_selected_text(&mut self) {
        if let [item] = self.selection.iter().copied().collect::<Vec<_>>()[..] {
            self.pending_edit = Some(item);
        }
    }

    /// How big a toolbar ghost is while it is dragged.
    fn new_ghost_size(&self) -> Vec2 {
        Vec2::new(self.style.card_width, 56.0)
    }
}

/// A text the map shows cut (a stage's name in two rows, a card's title, a note) shows whole in
/// a tooltip while the pointer rests on it.
fn cut_text_tooltips(map: &JourneyMap, layout: &MapLayout, responses: &[(Item, egui::Response)]) {
    for (item, response) in responses {
        if !response.hovered() {
            continue;
        }
        let whole = match *item {
            Item::Stage(id) => layout
                .stage_box(id)
                .filter(|b| {
                    b.name.is_cut()
                        || b.description
                            .as_ref()
                            .is_some_and(crate::layout::TextBox::is_cut)
                })
                .and_then(|_| map.stage(id))
                .map(|s| format!("{}\n{}", s.name, s.description)),
            Item::Touchpoint(id) => layout
                .card(id)
                .filter(|c| c.title.is_cut())
                .and_then(|_| map.touchpoint(id))
                .map(|t| t.title.clone()),
            Item::Note(id) => layout
                .note(id)
                .filter(|n| n.text.is_cut())
                .and_then(|_| map.note(id))
                .map(|at| at.note.text.clone()),
            _ => None,
        };
        if let Some(text) = whole {
            response.clone().on_hover_text(text.trim_end().to_owned());
        }
    }
}
