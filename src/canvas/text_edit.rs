//! Editing an item's text in place: a text field over the item's own words, at the map's zoom,
//! so it covers exactly what it edits. Enter or a click elsewhere keeps the text, Escape drops
//! it; where an item's text may have several lines, Shift+Enter starts a new one.

use super::Canvas;
use crate::edit::Document;
use crate::i18n::{tr, tr_with};
use crate::layout::{MapLayout, TextRole};
use crate::model::*;
use egui::{CornerRadius, Id, Key, KeyboardShortcut, Modifiers, Rect, Role, Ui, WidgetInfo, vec2};

/// Below this size on screen, text is zoomed in to before it is edited.
const MIN_EDIT_FONT: f32 = 9.0;

/// An item's text being edited in place.
pub(super) struct TextEditor {
    item: Item,
    text: String,
    focus_requested: bool,
    select_pending: bool,
}

/// Where an item's editable text is, in map units, and what kind of text it is.
fn text_place(layout: &MapLayout, item: Item) -> Option<(Rect, TextRole)> {
    match item {
        Item::Stage(id) => layout
            .stage_box(id)
            .map(|s| (s.name.rect.expand2(vec2(4.0, 2.0)), TextRole::StageName)),
        Item::Touchpoint(id) => layout
            .card(id)
            .map(|c| (c.title.rect.expand2(vec2(4.0, 2.0)), TextRole::CardTitle)),
        Item::Lane(id) => layout
            .lane_box(id)
            .map(|l| (l.label.rect, TextRole::RowLabel)),
        Item::Note(id) => layout
            .note(id)
            .map(|n| (n.rect.shrink(2.0), TextRole::Note)),
        Item::Curve(id) => layout
            .curves
            .iter()
            .find(|c| c.id == id)
            .map(|c| (c.legend, TextRole::Legend)),
        Item::Header(part) => layout
            .header
            .part(part)
            .map(|t| (t.rect.expand2(vec2(4.0, 2.0)), t.role)),
        Item::Score(..) | Item::StageScore(..) | Item::Cell(..) | Item::FixedRow(_) => None,
    }
}

/// Whether an item's text may hold several lines.
fn multiline(item: Item) -> bool {
    matches!(
        item,
        Item::Note(_)
            | Item::Header(
                HeaderPart::Scenario | HeaderPart::Expectations | HeaderPart::PersonaDescription(_)
            )
    )
}

impl Canvas {
    /// Opens the editor on `item`'s text; text too small to read is zoomed in to first.
    fn start_editing(&mut self, map: &JourneyMap, layout: &MapLayout, item: Item) {
        if self.mode != super::CanvasMode::Edit {
            return;
        }
        let (Some(text), Some((rect, role))) = (map.item_text(item), text_place(layout, item))
        else {
            return;
        };
        if self.style.font_size(role) * self.zoom() < MIN_EDIT_FONT {
            self.centre_on(rect.center(), 1.0);
        }
        self.editor = Some(TextEditor {
            item,
            text: text.to_owned(),
            focus_requested: false,
            select_pending: true,
        });
    }

    /// The screen rect the editor of `item` covers (for tests and the window test).
    pub fn text_editor_rect(&self, layout: &MapLayout) -> Option<Rect> {
        let editor = self.editor.as_ref()?;
        text_place(layout, editor.item).map(|(rect, _)| self.screen_from_map * rect)
    }

    pub(super) fn text_editor_ui(&mut self, ui: &mut Ui, doc: &mut Document, layout: &MapLayout) {
        if let Some(item) = self.pending_edit.take() {
            self.start_editing(doc.map(), layout, item);
        }
        let Some(editor) = &mut self.editor else {
            return;
        };
        let item = editor.item;
        let Some((map_rect, role)) = text_place(layout, item) else {
            self.editor = None;
            return;
        };
        let t = self.screen_from_map;
        let font = self.style.font_size(role) * t.scaling;
        let covered = t * map_rect;
        // The editor covers the item's own text, so the old words do not show through.
        ui.painter().rect_filled(
            covered,
            CornerRadius::same(4),
            ui.visuals().extreme_bg_color,
        );
        let margin = (font * 0.25).clamp(1.0, 6.0);
        let rect = Rect::from_min_size(
            covered.min,
            vec2(
                covered.width(),
                covered.height().max(font * 1.3 + 2.0 * margin),
            ),
        );
        // Each item has its own editor state: no caret or undo history from another item.
        let id = Id::unique(("journey-map-text-editor", item));
        if !editor.focus_requested {
            egui::text_edit::TextEditState::default().store(ui.ctx(), id);
        }
        let new_line = multiline(item).then(|| KeyboardShortcut::new(Modifiers::SHIFT, Key::Enter));
        let mut layouter = crate::paint::map_text_layouter(egui::FontId::proportional(font), true);
        let response = ui.put(
            rect,
            egui::TextEdit::multiline(&mut editor.text)
                .id(id)
                .font(egui::FontId::proportional(font))
                .layouter(&mut layouter)
                .margin(vec2(margin, margin))
                .desired_width(rect.width())
                .desired_rows(1)
                .return_key(new_line),
        );
        response.widget_info(|| {
            WidgetInfo::labeled(
                Role::TextInput,
                true,
                tr_with(
                    "a11y.edit",
                    &[("name", &super::item_label(doc.map(), item))],
                ),
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
        let (enter, escape) = ui.input(|i| {
            (
                i.key_pressed(Key::Enter) && !i.modifiers.shift,
                i.key_pressed(Key::Escape),
            )
        });
        let done = response.lost_focus() || (response.has_focus() && (enter || escape));
        if done {
            if response.has_focus() {
                response.surrender_focus();
            }
            let Some(editor) = self.editor.take() else {
                return;
            };
            if !escape
                && let Some(edit) =
                    crate::edit::actions::set_text(doc.map(), editor.item, editor.text)
            {
                self.apply(doc, tr("undo.edit_text"), edit);
            }
        }
    }
}

/// Selects the whole text of the text field `id`.
pub fn select_all(ctx: &egui::Context, id: Id, text: &str) {
    select_range(ctx, id, 0, text.chars().count());
}

/// Selects the characters `from..to` (counted in characters) of the text field `id`.
pub fn select_range(ctx: &egui::Context, id: Id, from: usize, to: usize) {
    let mut state = egui::TextEdit::load_state(ctx, id).unwrap_or_default();
    let range =
        egui::text::CCursorRange::two(egui::text::CCursor::new(from), egui::text::CCursor::new(to));
    state.cursor.set_char_range(Some(range));
    state.store(ctx, id);
    ctx.request_repaint();
}
