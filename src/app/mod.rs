//! The editor window: menu bar, toolbar, canvas and inspector around one open [`Document`].

mod inspector;

use crate::canvas::{Canvas, NewItem, actions};
use crate::commands::{Command, Menu};
use crate::edit::Document;
use crate::model::JourneyMap;
use crate::paint::Theme;
use egui::{Role, Sense, Ui, WidgetInfo};
use std::path::PathBuf;

/// The whole editor state: the open map, its file, and how it is being viewed.
pub struct JourneyMapApp {
    pub doc: Document,
    pub canvas: Canvas,
    pub path: Option<PathBuf>,
    pub show_inspector: bool,
    theme: Theme,
    fonts_installed: bool,
}

impl JourneyMapApp {
    pub fn new(map: JourneyMap, path: Option<PathBuf>) -> Self {
        Self {
            doc: Document::new(map),
            canvas: Canvas::default(),
            path,
            show_inspector: true,
            theme: Theme::light(),
            fonts_installed: false,
        }
    }

    /// Runs a command from the command table.
    pub fn run(&mut self, command: Command) {
        let canvas = &mut self.canvas;
        match command {
            Command::Undo => {
                self.doc.undo();
            }
            Command::Redo => {
                self.doc.redo();
            }
            Command::Delete => {
                if let Some(edit) = actions::delete(self.doc.map(), &canvas.selection) {
                    let _ = self.doc.apply("Delete", edit);
                }
            }
            Command::Duplicate => {
                let mut ids = self.doc.ids();
                if let Some((edit, copies)) =
                    actions::duplicate(self.doc.map(), &canvas.selection, &mut ids)
                    && self.doc.apply("Duplicate", edit).is_ok()
                {
                    canvas.selection = copies.into_iter().collect();
                }
            }
            Command::EditText => canvas.edit_selected_text(&self.doc),
            Command::SelectAll => {
                canvas.selection = self
                    .doc
                    .map()
                    .touchpoints()
                    .map(|t| crate::model::Item::Touchpoint(t.id))
                    .collect();
            }
            Command::ZoomIn => canvas.zoom_by(1.25),
            Command::ZoomOut => canvas.zoom_by(0.8),
            Command::ZoomFit => canvas.request_fit(),
            Command::ZoomActual => canvas.zoom_actual(),
            Command::ToggleInspector => self.show_inspector = !self.show_inspector,
        }
    }

    fn is_enabled(&self, command: Command) -> bool {
        match command {
            Command::Undo => self.doc.undo_label().is_some(),
            Command::Redo => self.doc.redo_label().is_some(),
            Command::Delete | Command::Duplicate => !self.canvas.selection.is_empty(),
            Command::EditText => self.canvas.selection.len() == 1,
            _ => true,
        }
    }

    /// The menu text of a command; Undo and Redo name what they would do.
    fn menu_text(&self, command: Command) -> String {
        match (command, self.doc.undo_label(), self.doc.redo_label()) {
            (Command::Undo, Some(label), _) => format!("Undo {label}"),
            (Command::Redo, _, Some(label)) => format!("Redo {label}"),
            _ => command.text().to_owned(),
        }
    }

    fn menu_bar_ui(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            for (menu, title) in [(Menu::Edit, "Edit"), (Menu::View, "View")] {
                ui.menu_button(title, |ui| {
                    for &command in Command::ALL.iter().filter(|c| c.menu() == menu) {
                        let mut button = egui::Button::new(self.menu_text(command));
                        if let Some(shortcut) = command.shortcut_text(ui.ctx()) {
                            button = button.shortcut_text(shortcut);
                        }
                        let checked = command == Command::ToggleInspector && self.show_inspector;
                        let response = ui
                            .add_enabled(self.is_enabled(command), button.selected(checked))
                            .on_hover_text(command.tooltip());
                        if response.clicked() {
                            self.run(command);
                            ui.close();
                        }
                    }
                    if menu == Menu::View {
                        ui.separator();
                        if ui
                            .button(if self.theme.dark {
                                "Light theme"
                            } else {
                                "Dark theme"
                            })
                            .clicked()
                        {
                            self.theme = if self.theme.dark {
                                Theme::light()
                            } else {
                                Theme::dark()
                            };
                            ui.close();
                        }
                    }
                });
            }
            ui.separator();
            let title = &self.doc.map().header.title;
            let dirty = if self.doc.is_dirty() { " •" } else { "" };
            ui.label(format!("{title}{dirty}"));
        });
    }

    fn toolbar_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.label("Drag onto the map:");
            for (what, text, tip) in [
                (
                    NewItem::Stage,
                    "＋ Stage",
                    "Drag onto the map to add a stage where you drop it",
                ),
                (
                    NewItem::Touchpoint,
                    "＋ Touchpoint",
                    "Drag into a stage to add a touchpoint where you drop it",
                ),
                (
                    NewItem::Lane,
                    "＋ Lane",
                    "Drag onto the map to add a lane where you drop it",
                ),
            ] {
                let response = ui
                    .add(egui::Button::new(text).sense(Sense::click_and_drag()))
                    .on_hover_text(tip);
                let label = format!("New {}", text.trim_start_matches("＋ ").to_lowercase());
                response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
                if response.drag_started() {
                    self.canvas.begin_new_item_drag(what);
                }
                if response.dragged() {
                    ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
                }
            }
            ui.separator();
            for command in [Command::Undo, Command::Redo] {
                let response = ui
                    .add_enabled(self.is_enabled(command), egui::Button::new(command.text()))
                    .on_hover_text(self.menu_text(command));
                if response.clicked() {
                    self.run(command);
                }
            }
            ui.separator();
            ui.label(format!("{:.0} %", self.canvas.zoom() * 100.0));
            if ui
                .button("Fit")
                .on_hover_text(Command::ZoomFit.tooltip())
                .clicked()
            {
                self.run(Command::ZoomFit);
            }
        });
    }

    /// The whole editor, in `ui`.
    pub fn ui(&mut self, ui: &mut Ui) {
        if !self.fonts_installed {
            // Applied at once when nothing was laid out yet in this pass.
            crate::fonts::install(ui.ctx());
            self.fonts_installed = true;
        }
        for command in Command::pressed(ui.ctx()) {
            if !(self.canvas.is_editing_text() && command.needs_canvas_focus()) {
                self.run(command);
            }
        }
        ui.ctx().set_visuals(if self.theme.dark {
            egui::Visuals::dark()
        } else {
            egui::Visuals::light()
        });
        egui::Panel::top("menu-bar").show(ui, |ui| self.menu_bar_ui(ui));
        egui::Panel::top("toolbar").show(ui, |ui| self.toolbar_ui(ui));
        if self.show_inspector {
            egui::Panel::right("inspector")
                .resizable(true)
                .default_size(300.0)
                .show(ui, |ui| {
                    inspector::inspector_ui(ui, &mut self.doc, &self.canvas.selection)
                });
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| self.canvas.ui(ui, &mut self.doc, &self.theme));
    }
}

impl eframe::App for JourneyMapApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        JourneyMapApp::ui(self, ui);
    }
}
