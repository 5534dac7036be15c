//! The inspector's fields: each commits once per finished gesture (a text field left, a drag
//! ended, a swatch clicked), and a [`Panel`] turns the committed value into one named edit.

use crate::edit::Edit;
use crate::i18n::{tr, tr_with};
use crate::model::{EmotionScale, PALETTE, Rgb};
use egui::{DragValue, RichText, TextEdit, Ui};

/// A change the inspector makes: the name of its undo step, and the edit.
pub(super) type Change = (&'static str, Edit);

/// One panel of the inspector being drawn, with the change a field of it committed (at most one
/// per frame: a person finishes one gesture at a time).
pub(super) struct Panel<'u> {
    pub ui: &'u mut Ui,
    pub change: Option<Change>,
}

impl<'u> Panel<'u> {
    pub fn new(ui: &'u mut Ui) -> Self {
        Self { ui, change: None }
    }

    /// Records `edit` as the panel's change, named `undo`.
    pub fn set(&mut self, undo: &'static str, edit: Edit) {
        self.change = Some((undo, edit));
    }

    /// A text field showing `current` under `label`; when it is left with other text, the edit
    /// `make(text)` named `undo` is the change.
    pub fn text(
        &mut self,
        key: impl std::hash::Hash + std::fmt::Debug,
        label: &str,
        current: &str,
        multiline: bool,
        undo: &'static str,
        make: impl FnOnce(String) -> Edit,
    ) {
        if let Some(text) = text_field(self.ui, key, label, current, multiline) {
            self.set(undo, make(text));
        }
    }

    /// A number field beside `label`; when a drag ends or typing is done with another value,
    /// the edit `make(value)` named `undo` is the change.
    pub fn number(
        &mut self,
        key: impl std::hash::Hash + std::fmt::Debug,
        label: egui::Id,
        current: i64,
        range: std::ops::RangeInclusive<i64>,
        undo: &'static str,
        make: impl FnOnce(i64) -> Edit,
    ) {
        if let Some(value) = number_field(self.ui, key, label, current, range) {
            self.set(undo, make(value));
        }
    }

    /// The palette's swatches under `label`; a click on another colour makes `make(colour)`.
    pub fn colour(&mut self, current: Rgb, undo: &'static str, make: impl FnOnce(Rgb) -> Edit) {
        self.ui
            .label(RichText::new(tr("insp.colour")).small().weak());
        if let Some(colour) = colour_swatches(self.ui, current) {
            self.set(undo, make(colour));
        }
    }

    /// Fields side by side.
    pub fn horizontal(&mut self, add: impl FnOnce(&mut Panel)) {
        let change = self.ui.horizontal(|ui| Panel::run(ui, add)).inner;
        self.keep(change);
    }

    /// Fields one under another.
    pub fn vertical(&mut self, add: impl FnOnce(&mut Panel)) {
        let change = self.ui.vertical(|ui| Panel::run(ui, add)).inner;
        self.keep(change);
    }

    /// Fields whose ids are kept apart by `id` (one persona's among several).
    pub fn with_id(
        &mut self,
        id: impl std::hash::Hash + std::fmt::Debug,
        add: impl FnOnce(&mut Panel),
    ) {
        let change = self.ui.push_id(id, |ui| Panel::run(ui, add)).inner;
        self.keep(change);
    }

    fn run(ui: &mut Ui, add: impl FnOnce(&mut Panel)) -> Option<Change> {
        let mut panel = Panel::new(ui);
        add(&mut panel);
        panel.change
    }

    fn keep(&mut self, change: Option<Change>) {
        if change.is_some() {
            self.change = change;
        }
    }

    /// The "Locked" box of an item: a locked item is not moved or deleted on the canvas.
    pub fn lock(&mut self, item: crate::model::Item, locked: bool) {
        let mut value = locked;
        if self.ui.checkbox(&mut value, tr("insp.locked")).changed() {
            let undo = if value {
                tr("insp.lock")
            } else {
                tr("insp.unlock")
            };
            self.set(
                undo,
                Edit::SetLocked {
                    item,
                    locked: value,
                },
            );
        }
    }

    /// A small caption above a field.
    pub fn caption(&mut self, text: &str) -> egui::Response {
        self.ui.label(RichText::new(text).small().weak())
    }
}

/// A text field that commits when it loses focus: returns the new text then.
fn text_field(
    ui: &mut Ui,
    key: impl std::hash::Hash + std::fmt::Debug,
    label: &str,
    current: &str,
    multiline: bool,
) -> Option<String> {
    let id = ui.make_persistent_id(("inspector-text", key));
    let label_response = ui.label(RichText::new(label).small().weak());
    let mut buffer: String = ui
        .data_mut(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| current.to_owned());
    // Map text, laid out as on the map whatever the interface's language.
    let font = egui::FontId::proportional(egui::TextStyle::Body.resolve(ui.style()).size);
    let mut layouter = crate::paint::map_text_layouter(font.clone(), multiline);
    let edit = if multiline {
        TextEdit::multiline(&mut buffer).desired_rows(3)
    } else {
        TextEdit::singleline(&mut buffer)
    };
    let response = ui
        .add(
            edit.id(id.with("field"))
                .font(font)
                .layouter(&mut layouter)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label_response.id);
    if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, buffer));
        None
    } else {
        ui.data_mut(|d| d.remove::<String>(id));
        (response.lost_focus() && buffer != current).then_some(buffer)
    }
}

/// A number field that commits once per gesture: when a drag ends, or when the field is left
/// after typing. Returns the new value then.
fn number_field(
    ui: &mut Ui,
    key: impl std::hash::Hash + std::fmt::Debug,
    label: egui::Id,
    current: i64,
    range: std::ops::RangeInclusive<i64>,
) -> Option<i64> {
    let id = ui.make_persistent_id(("inspector-number", key));
    let mut value: i64 = ui.data_mut(|d| d.get_temp(id)).unwrap_or(current);
    let response = ui
        .add(DragValue::new(&mut value).range(range))
        .labelled_by(label);
    if response.dragged() || response.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, value));
        None
    } else {
        ui.data_mut(|d| d.remove::<i64>(id));
        (value != current).then_some(value)
    }
}

fn colour_swatches(ui: &mut Ui, current: Rgb) -> Option<Rgb> {
    let mut picked = None;
    ui.horizontal_wrapped(|ui| {
        for colour in PALETTE {
            let fill = egui::Color32::from_rgb(colour.r, colour.g, colour.b);
            let size = egui::vec2(20.0, 20.0);
            let (rect, response) = ui.allocate_exact_size(size, egui::Sense::click());
            let stroke = if colour == current {
                egui::Stroke::new(2.5, ui.visuals().strong_text_color())
            } else {
                egui::Stroke::NONE
            };
            ui.painter()
                .rect(rect, 4.0, fill, stroke, egui::StrokeKind::Outside);
            let text = colour.to_string();
            response.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    true,
                    tr_with("insp.colour_named", &[("colour", &text)]),
                )
            });
            if response.on_hover_text(colour.to_string()).clicked() && colour != current {
                picked = Some(colour);
            }
        }
    });
    picked
}

/// A score in words: its value and its level's name (the level's face is drawn beside the
/// scale, where it can be drawn as a face rather than as a monochrome glyph).
pub(super) fn score_text(scale: &EmotionScale, score: Option<i32>) -> String {
    match score {
        None => tr("insp.no_score").to_owned(),
        Some(value) => match scale.level(value).filter(|l| !l.label.is_empty()) {
            Some(level) => format!("{} {}", EmotionScale::score_text(value), level.label),
            None => EmotionScale::score_text(value),
        },
    }
}

/// A level's face as the map draws it (a text field can only show the emoji's own glyph).
pub(super) fn face_icon(ui: &mut Ui, emoji: Option<&str>) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(20.0, 20.0), egui::Sense::hover());
    if let Some(emoji) = emoji {
        crate::paint::paint_emoji(ui.painter(), rect, emoji, ui.visuals().text_color());
    }
}
