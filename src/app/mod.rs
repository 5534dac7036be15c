//! The editor window: menu bar, toolbar, canvas and inspector around one open [`Document`],
//! with files, the unsaved-changes guard, the clipboard, the command palette and themes.

mod dialogs;
mod files;
mod inspector;
mod settings;

pub use dialogs::{Modal, NewMap, PathPurpose, Pending, palette_matches, shortcut_sections};
pub use files::{FileTarget, SaveJob, expand_home, name_range};
pub use settings::{Settings, ThemeChoice};

use crate::canvas::{Canvas, NewItem};
use crate::commands::{Command, Menu};
use crate::edit::actions;
use crate::edit::{Document, Edit};
use crate::formats::Format;
use crate::i18n::{tr, tr_with};
use crate::io;
use crate::model::{Item, JourneyMap};
use crate::paint::Theme;
use egui::{Role, Sense, Ui, ViewportCommand, WidgetInfo};
use std::path::{Path, PathBuf};

/// The key the settings are stored under in eframe's storage.
pub const SETTINGS_KEY: &str = "journeymap-settings";

/// How long an informational notice stays, in seconds; errors stay until dismissed.
const NOTICE_SECONDS: f64 = 5.0;

/// A message at the top of the canvas: an error until dismissed, information for a few seconds.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
    /// When it was first shown (the UI's clock), for information that fades.
    shown_at: Option<f64>,
}

/// The whole editor state: the open map, its file, and how it is being viewed.
pub struct JourneyMapApp {
    pub doc: Document,
    pub canvas: Canvas,
    /// The file the map is saved to; None for a new map.
    pub target: Option<FileTarget>,
    /// A picture being saved in the background.
    pub save_job: Option<SaveJob>,
    /// What to call a map with no file (a template's name, or "Untitled").
    pub untitled_name: String,
    pub settings: Settings,
    /// Try the system's file dialogs; when none can be shown, an in-app path field is used.
    pub native_dialogs: bool,
    pub modal: Option<Modal>,
    pub notices: Vec<Notice>,
    allow_close: bool,
    close_now: bool,
    title: String,
    fonts_installed: bool,
    applied_theme: Option<ThemeChoice>,
    system_language: crate::i18n::Language,
    /// The map colours the screen shows now (light or dark).
    screen_theme: Theme,
}

impl JourneyMapApp {
    /// The editor on `map`, saved to `path` (as the kind its name says) if given.
    pub fn new(map: JourneyMap, path: Option<PathBuf>) -> Self {
        let target = path.map(|path| FileTarget {
            format: Format::of_path(&path).unwrap_or(Format::Ron),
            path,
            picture: io::PictureSettings::default(),
        });
        Self {
            doc: Document::new(map),
            canvas: Canvas::default(),
            target,
            save_job: None,
            untitled_name: tr("app.untitled").into(),
            settings: Settings::default(),
            native_dialogs: true,
            modal: None,
            notices: Vec::new(),
            allow_close: false,
            close_now: false,
            title: String::new(),
            fonts_installed: false,
            applied_theme: None,
            system_language: crate::i18n::Language::from_system(),
            screen_theme: Theme::light(),
        }
    }

    /// The editor as it starts: on `file` if given, else on the last map opened, else (the first
    /// time) on the default template, so the first run shows a real map. A file that does not
    /// open leaves the editor on the template, with a notice saying why and where.
    pub fn start(settings: Settings, file: Option<PathBuf>) -> Self {
        let template = crate::templates::find(crate::templates::DEFAULT)
            .expect("the default template is bundled");
        let mut app = Self::new(template.map(), None);
        app.untitled_name = template.name.to_owned();
        let file = file.or_else(|| settings.last_map().map(Path::to_owned));
        app.settings = settings;
        if let Some(path) = file {
            app.open_now(&path);
        }
        app
    }

    /// The file the map is saved to, if it has one.
    pub fn path(&self) -> Option<&Path> {
        self.target.as_ref().map(|t| t.path.as_path())
    }

    /// The file name shown in the title bar and dialogs.
    pub fn display_name(&self) -> String {
        match self.path() {
            Some(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            None => self.untitled_name.clone(),
        }
    }

    /// The window title: the file's name, a dot while there are unsaved changes.
    pub fn window_title(&self) -> String {
        let dirty = if self.doc.is_dirty() { "● " } else { "" };
        format!("{dirty}{} — Journey Map", self.display_name())
    }

    /// Shows a notice (once: the same text is not stacked twice).
    pub fn notify(&mut self, text: impl Into<String>, error: bool) {
        let text = text.into();
        self.notices.retain(|n| n.text != text);
        self.notices.push(Notice {
            text,
            error,
            shown_at: None,
        });
    }

    /// Applies an edit as one undo step; an edit the map refuses is reported (it changed
    /// nothing).
    pub fn apply(&mut self, label: &str, edit: Edit) {
        if let Err(err) = self.doc.apply(label, edit) {
            self.notify(
                tr_with(
                    "notice.edit_refused",
                    &[("what", label), ("reason", &err.to_string())],
                ),
                true,
            );
        }
    }

    /// Replaces the open map (the caller has dealt with unsaved changes).
    fn replace_map(&mut self, map: JourneyMap, target: Option<FileTarget>, untitled_name: &str) {
        self.doc = Document::new(map);
        self.target = target;
        self.untitled_name = untitled_name.to_owned();
        self.canvas.reset();
    }

    fn copy_selection(&mut self, ctx: &egui::Context) -> bool {
        let clip = crate::model::Clip::copy(self.doc.map(), &self.canvas.selection);
        if clip.is_empty() {
            return false;
        }
        ctx.copy_text(io::clip_to_text(&clip));
        true
    }

    /// Pastes clipboard text: a clip of ours lands next to the selection; other text is ignored.
    pub fn paste_text(&mut self, text: &str) {
        let Some(clip) = io::clip_from_text(text) else {
            return;
        };
        let mut ids = self.doc.ids();
        if let Some((edit, pasted)) =
            actions::paste(self.doc.map(), &clip, &self.canvas.selection, &mut ids)
        {
            self.apply(tr("undo.paste"), edit);
            self.canvas.selection = pasted.into_iter().collect();
        }
    }

    /// Runs a command from the command table.
    pub fn run(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::New => self.modal = Some(Modal::NewChooser),
            Command::Open => self.open_dialog(),
            Command::Save => self.save(None),
            Command::SaveAs => self.save_as(None),
            Command::Quit => self.guarded(Pending::Close),
            Command::ExportPng => self.export_dialog(Format::Png),
            Command::ExportSvg => self.export_dialog(Format::Svg),
            Command::CopyImage => {
                let options = crate::export::ExportOptions::from_settings(self.screen_picture());
                match crate::export::to_image(self.doc.map(), &options) {
                    Ok(image) => ctx.copy_image(image),
                    Err(err) => self.notify(
                        tr_with("notice.copy_image_failed", &[("reason", &err.to_string())]),
                        true,
                    ),
                }
            }
            Command::Undo => {
                self.doc.undo();
            }
            Command::Redo => {
                self.doc.redo();
            }
            Command::Copy => {
                self.copy_selection(ctx);
            }
            Command::Cut => {
                if self.copy_selection(ctx)
                    && let Some(edit) = actions::delete(self.doc.map(), &self.canvas.selection)
                {
                    self.apply(tr("undo.cut"), edit);
                }
            }
            // The window answers with a paste event carrying the clipboard's text.
            Command::Paste => ctx.send_viewport_cmd(ViewportCommand::RequestPaste),
            Command::Delete => {
                if let Some(edit) = actions::delete(self.doc.map(), &self.canvas.selection) {
                    self.apply(tr("undo.delete"), edit);
                }
            }
            Command::Duplicate => {
                let mut ids = self.doc.ids();
                if let Some((edit, copies)) =
                    actions::duplicate(self.doc.map(), &self.canvas.selection, &mut ids)
                {
                    self.apply(tr("undo.duplicate"), edit);
                    self.canvas.selection = copies.into_iter().collect();
                }
            }
            Command::EditText => self.canvas.edit_selected_text(),
            Command::AddNote => {
                self.canvas.add_note_at_selection(&mut self.doc);
            }
            Command::SelectAll => {
                self.canvas.selection = self
                    .doc
                    .map()
                    .touchpoints()
                    .map(|t| Item::Touchpoint(t.id))
                    .collect();
            }
            Command::ZoomIn => self.canvas.zoom_by(1.25),
            Command::ZoomOut => self.canvas.zoom_by(0.8),
            Command::ZoomFit => self.canvas.request_fit(),
            Command::ZoomActual => self.canvas.zoom_actual(),
            Command::ToggleInspector => {
                self.settings.show_inspector = !self.settings.show_inspector
            }
            Command::ThemeSystem => self.settings.theme = ThemeChoice::System,
            Command::ThemeLight => self.settings.theme = ThemeChoice::Light,
            Command::ThemeDark => self.settings.theme = ThemeChoice::Dark,
            Command::CommandPalette => {
                self.modal = Some(Modal::Palette {
                    query: String::new(),
                    selected: 0,
                })
            }
            Command::ShortcutHelp => self.modal = Some(Modal::Shortcuts),
        }
    }

    pub fn is_enabled(&self, command: Command) -> bool {
        let selected = !self.canvas.selection.is_empty();
        match command {
            Command::Undo => self.doc.undo_label().is_some(),
            Command::Redo => self.doc.redo_label().is_some(),
            Command::Delete | Command::Duplicate | Command::Copy | Command::Cut => selected,
            Command::Save | Command::SaveAs => self.save_job.is_none(),
            Command::AddNote => self.canvas.note_place(self.doc.map()).is_some(),
            Command::EditText => match self.canvas.selection.iter().collect::<Vec<_>>()[..] {
                [item] => self.doc.map().item_text(*item).is_some(),
                _ => false,
            },
            _ => true,
        }
    }

    fn is_checked(&self, command: Command) -> bool {
        match command {
            Command::ToggleInspector => self.settings.show_inspector,
            Command::ThemeSystem => self.settings.theme == ThemeChoice::System,
            Command::ThemeLight => self.settings.theme == ThemeChoice::Light,
            Command::ThemeDark => self.settings.theme == ThemeChoice::Dark,
            _ => false,
        }
    }

    /// The menu text of a command; Undo and Redo name what they would do.
    pub fn menu_text(&self, command: Command) -> String {
        match (command, self.doc.undo_label(), self.doc.redo_label()) {
            (Command::Undo, Some(label), _) => tr_with("menu.undo_named", &[("what", label)]),
            (Command::Redo, _, Some(label)) => tr_with("menu.redo_named", &[("what", label)]),
            _ => command.text().to_owned(),
        }
    }

    fn menu_bar_ui(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            for menu in Menu::ALL {
                ui.menu_button(menu.text(), |ui| {
                    for &command in Command::ALL.iter().filter(|c| c.menu() == menu) {
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
                            self.run(ui.ctx(), command);
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
            for language in crate::i18n::Language::ALL {
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

    fn toolbar_ui(&mut self, ui: &mut Ui) {
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
                    self.run(ui.ctx(), command);
                }
            }
            ui.separator();
            ui.label(format!("{:.0} %", self.canvas.zoom() * 100.0));
            if ui
                .button(tr("toolbar.fit"))
                .on_hover_text(Command::ZoomFit.tooltip())
                .clicked()
            {
                self.run(ui.ctx(), Command::ZoomFit);
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

    fn notices_ui(&mut self, ui: &mut Ui) {
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

    /// Files dropped on the window open (after the unsaved-changes guard).
    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        if let Some(file) = dropped.first() {
            self.guarded(Pending::Open(file.path().to_owned()));
        }
        let hovering = ctx.input(|i| !i.raw.hovered_files.is_empty());
        if hovering {
            let screen = ctx.content_rect();
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("drop-hint"),
            ));
            painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(120));
            painter.text(
                screen.center(),
                egui::Align2::CENTER_CENTER,
                tr("app.drop_hint"),
                egui::FontId::proportional(28.0),
                egui::Color32::WHITE,
            );
        }
    }

    fn handle_paste(&mut self, ctx: &egui::Context) {
        if ctx.text_edit_focused() || self.modal.is_some() {
            return;
        }
        let pasted: Vec<String> = ctx.input(|i| {
            i.events
                .iter()
                .filter_map(|e| match e {
                    egui::Event::Paste(text) => Some(text.clone()),
                    _ => None,
                })
                .collect()
        });
        for text in pasted {
            self.paste_text(&text);
        }
    }

    fn handle_window(&mut self, ctx: &egui::Context) {
        if self.save_job.is_some() {
            self.finish_save(false);
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            if let Some(job) = &mut self.save_job {
                // Never quit half-way through writing a file: close once it is written.
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                job.then.get_or_insert(Pending::Close);
            } else if self.doc.is_dirty() {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                self.modal = Some(Modal::Unsaved(Pending::Close));
            }
        }
        if std::mem::take(&mut self.close_now) {
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        if self.applied_theme != Some(self.settings.theme) {
            ctx.set_theme(self.settings.theme.preference());
            self.applied_theme = Some(self.settings.theme);
        }
    }

    /// The whole editor, in `ui`.
    pub fn ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        crate::i18n::set_language(self.settings.language.unwrap_or(self.system_language));
        if !self.fonts_installed {
            // Applied at once when nothing was laid out yet in this pass.
            crate::fonts::install(&ctx);
            self.fonts_installed = true;
        }
        if self.modal.is_none() {
            for command in Command::pressed(&ctx) {
                if !(self.canvas.is_editing_text() && command.needs_canvas_focus()) {
                    self.run(&ctx, command);
                }
            }
            self.handle_paste(&ctx);
        }
        self.handle_dropped_files(&ctx);
        self.handle_window(&ctx);
        let theme = if ctx.theme() == egui::Theme::Dark {
            Theme::dark()
        } else {
            Theme::light()
        };
        self.screen_theme = theme.clone();

        egui::Panel::top("menu-bar").show(ui, |ui| self.menu_bar_ui(ui));
        egui::Panel::top("toolbar").show(ui, |ui| self.toolbar_ui(ui));
        if self.settings.show_inspector {
            let change = egui::Panel::right("inspector")
                .resizable(true)
                .default_size(300.0)
                .show(ui, |ui| {
                    inspector::inspector_ui(ui, &self.doc, &self.canvas.selection)
                })
                .inner;
            match change {
                Some(inspector::InspectorAction::Apply(label, edit)) => self.apply(label, edit),
                Some(inspector::InspectorAction::AddNote { lane, stage }) => {
                    self.canvas.add_note(&mut self.doc, lane, stage, None);
                }
                None => {}
            }
        }
        if !self.notices.is_empty() {
            egui::Panel::top("notices").show(ui, |ui| self.notices_ui(ui));
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| self.canvas.ui(ui, &mut self.doc, &theme));
        for error in self.canvas.take_errors() {
            self.notify(error, true);
        }
        self.modal_ui(&ctx);
    }
}

/// `text` cut to about `max` characters by an ellipsis in the middle, keeping both ends.
pub fn elide_middle(text: &str, max: usize) -> String {
    let count = text.chars().count();
    if count <= max {
        return text.to_owned();
    }
    let keep = max.saturating_sub(1);
    let head: String = text.chars().take(keep / 2).collect();
    let tail: String = text.chars().skip(count - (keep - keep / 2)).collect();
    format!("{head}…{tail}")
}

/// A blank map with its first stage, lanes and curve named in the interface's language.
fn localized_blank() -> JourneyMap {
    let mut map = JourneyMap::blank(tr("app.untitled_journey"));
    for stage in &mut map.stages {
        stage.name = tr("blank.stage").to_owned();
    }
    for lane in &mut map.lanes {
        lane.name = crate::i18n::lane_kind_name(lane.kind).to_owned();
    }
    for curve in &mut map.curves {
        curve.name = tr("blank.curve").to_owned();
    }
    map
}

impl eframe::App for JourneyMapApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        JourneyMapApp::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}
