//! The window's chrome: the menu bar (with Open recent and Language), the toolbar, and the
//! notices above the canvas.

use super::{JourneyMapApp, NOTICE_SECONDS, Pending, elide_middle};
use crate::canvas::NewItem;
use crate::commands::{Command, Menu};
use crate::i18n::{tr, tr_with};
use egui::{Role, Sense, Ui, WidgetInfo};

impl JourneyMapApp {
    pub(super) fn menu_bar_ui(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            for &menu in Menu::ALL {
                ui.menu_button(menu.text(), |ui| {
                    // The menus are the editor's: present-mode keys are listed by `?` there.
                    for &command in Command::ALL
                        .iter()
                        .filter(|c| c.menu() == menu && c.works(false))
                    {
                        let mut button = egui::Button::new(self.menu_text(command));
                        if let Some(shortcut) = command.shortcut_text(ui.ctx()) {
                            button = button.shortcut_text(shortcut);
                        }
                        let response = ui
                            .add_enabled(
                                self.is_enabled(command),
                                button.selected(self.is_checked(command)),
                            )
                            .on_hover_text(command.tooltip());
                        if response.clicked() {
                            self.commands.send(command);
                            ui.close();
                        }
                        if command == Command::Open {
                            self.recent_menu_ui(ui);
                        }
                        if command == Command::ThemeDark {
                            self.language_menu_ui(ui);
                        }
                    }
                });
            }
        });
    }

    fn language_menu_ui(&mut self, ui: &mut Ui) {
        ui.menu_button(tr("menu.language"), |ui| {
            let mut choice = self.settings.language;
            ui.selectable_value(&mut choice, None, tr("menu.language.system"));
            for &language in crate::i18n::Language::ALL {
                ui.selectable_value(&mut choice, Some(language), language.native_name());
            }
            if choice != self.settings.language {
                self.settings.language = choice;
                ui.close();
            }
        });
    }

    fn recent_menu_ui(&mut self, ui: &mut Ui) {
        ui.menu_button(tr("menu.open_recent"), |ui| {
            if self.settings.recent.is_empty() {
                ui.label(tr("menu.no_recent"));
            }
            let mut chosen = None;
            for path in &self.settings.recent {
                let exists = path.exists();
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                // Two maps of one name in different folders must be told apart.
                let folder = path
                    .parent()
                    .map(|p| elide_middle(&p.display().to_string(), 40))
                    .unwrap_or_default();
                let response = ui
                    .add_enabled(exists, egui::Button::new(name).shortcut_text(folder))
                    .on_hover_text(path.display().to_string())
                    .on_disabled_hover_text(tr_with(
                        "menu.recent_gone",
                        &[("path", &path.display().to_string())],
                    ));
                if response.clicked() {
                    chosen = Some(path.clone());
                    ui.close();
                }
            }
            if let Some(path) = chosen {
                self.guarded(Pending::Open(path));
            }
        });
    }

    pub(super) fn toolbar_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.label(tr("toolbar.drag_hint"));
            for (what, text, tip, label) in [
                (
                    NewItem::Stage,
                    tr("toolbar.stage"),
                    tr("toolbar.stage.tip"),
                    tr("toolbar.stage.label"),
                ),
                (
                    NewItem::Touchpoint,
                    tr("toolbar.touchpoint"),
                    tr("toolbar.touchpoint.tip"),
                    tr("toolbar.touchpoint.label"),
                ),
                (
                    NewItem::Lane,
                    tr("toolbar.lane"),
                    tr("toolbar.lane.tip"),
                    tr("toolbar.lane.label"),
                ),
                (
                    NewItem::Note,
                    tr("toolbar.note"),
                    tr("toolbar.note.tip"),
                    tr("toolbar.note.label"),
                ),
            ] {
                let response = ui
                    .add(egui::Button::new(text).sense(Sense::click_and_drag()))
                    .on_hover_text(tip);
                response.widget_info(|| WidgetInfo::labeled(Role::Button, true, label));
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
                    self.commands.send(command);
                }
            }
            ui.separator();
            if ui
                .button(tr("toolbar.present"))
                .on_hover_text(Command::Present.tooltip())
                .clicked()
            {
                self.commands.send(Command::Present);
            }
            ui.separator();
            ui.label(crate::i18n::percent(f64::from(self.canvas.zoom())));
            if ui
                .button(tr("toolbar.fit"))
                .on_hover_text(Command::ZoomFit.tooltip())
                .clicked()
            {
                self.commands.send(Command::ZoomFit);
            }
            if let Some(job) = &self.save_job {
                ui.separator();
                ui.spinner();
                let name = job
                    .target
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let percent = format!("{:.0}", job.progress() * 100.0);
                ui.label(tr_with(
                    "toolbar.saving",
                    &[("name", &name), ("percent", &percent)],
                ))
                .widget_info(|| {
                    WidgetInfo::labeled(Role::ProgressIndicator, true, tr("a11y.saving"))
                });
            }
        });
    }

    pub(super) fn notices_ui(&mut self, ui: &mut Ui) {
        let now = ui.input(|i| i.time);
        for notice in &mut self.notices {
            notice.shown_at.get_or_insert(now);
        }
        // Information fades after a few seconds; errors stay until dismissed.
        self.notices
            .retain(|n| n.error || n.shown_at.is_some_and(|t| now - t < NOTICE_SECONDS));
        if let Some(first) = self
            .notices
            .iter()
            .filter(|n| !n.error)
            .filter_map(|n| n.shown_at)
            .reduce(f64::min)
        {
            let left = (first + NOTICE_SECONDS - now).max(0.05);
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(left));
        }
        let mut dismissed = None;
        for (i, notice) in self.notices.iter().enumerate() {
            let fill = if notice.error {
                ui.visuals().error_fg_color.gamma_multiply(0.18)
            } else {
                ui.visuals().faint_bg_color
            };
            egui::Frame::new()
                .fill(fill)
                .inner_margin(8.0)
                .corner_radius(4.0)
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        if ui.button(tr("notice.dismiss")).clicked() {
                            dismissed = Some(i);
                        }
                        ui.label(&notice.text);
                    });
                });
        }
        if let Some(i) = dismissed {
            self.notices.remove(i);
        }
    }
}
