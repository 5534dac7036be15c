//! The editor window: menu bar, toolbar, canvas and inspector around one open [`Document`],
//! with files, the unsaved-changes guard, the clipboard, the command palette and themes.

mod dialogs;
mod inspector;
mod settings;

pub use dialogs::{Modal, NewMap, PathPurpose, Pending};
pub use settings::{Settings, ThemeChoice};

use crate::canvas::{Canvas, NewItem, actions};
use crate::commands::{Command, Menu};
use crate::edit::Document;
use crate::i18n::{tr, tr_with};
use crate::io;
use crate::model::{Item, JourneyMap};
use crate::paint::Theme;
use egui::{Role, Sense, Ui, ViewportCommand, WidgetInfo};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The key the settings are stored under in eframe's storage.
pub const SETTINGS_KEY: &str = "journeymap-settings";

/// A message at the top of the canvas until dismissed.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

/// The whole editor state: the open map, its file, and how it is being viewed.
pub struct JourneyMapApp {
    pub doc: Document,
    pub canvas: Canvas,
    /// The file the map is saved to; None for a new map.
    pub path: Option<PathBuf>,
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
    pub fn new(map: JourneyMap, path: Option<PathBuf>) -> Self {
        Self {
            doc: Document::new(map),
            canvas: Canvas::default(),
            path,
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
    /// time) on the default template, so the first run shows a real map.
    pub fn start(settings: Settings, file: Option<(JourneyMap, PathBuf)>) -> Self {
        let template = || {
            let t = crate::templates::find(crate::templates::DEFAULT)
                .expect("the default template is bundled");
            (t.map(), t.name)
        };
        let mut notices = Vec::new();
        let (map, path, name) = match file {
            Some((map, path)) => (map, Some(path), String::new()),
            None => match settings.last_map().map(Path::to_owned) {
                Some(last) => match io::load(&last) {
                    Ok(map) => (map, Some(last), String::new()),
                    Err(err) => {
                        notices.push(Notice {
                            text: err.report(&last.display().to_string()).join("\n"),
                            error: true,
                        });
                        let (map, name) = template();
                        (map, None, name.to_owned())
                    }
                },
                None => {
                    let (map, name) = template();
                    (map, None, name.to_owned())
                }
            },
        };
        let mut app = Self::new(map, path);
        if !name.is_empty() {
            app.untitled_name = name;
        }
        app.settings = settings;
        app.notices = notices;
        app
    }

    /// The file name shown in the title bar and dialogs.
    pub fn display_name(&self) -> String {
        match &self.path {
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

    pub fn notify(&mut self, text: impl Into<String>, error: bool) {
        let notice = Notice {
            text: text.into(),
            error,
        };
        if !self.notices.contains(&notice) {
            self.notices.push(notice);
        }
    }

    /// Replaces the open map (the caller has dealt with unsaved changes).
    fn replace_map(&mut self, map: JourneyMap, path: Option<PathBuf>, untitled_name: &str) {
        self.doc = Document::new(map);
        self.path = path;
        self.untitled_name = untitled_name.to_owned();
        self.canvas.reset();
    }

    /// Opens `path` now. On failure the open map stays as it was and a notice says why.
    pub fn open_now(&mut self, path: &Path) {
        match io::load(path) {
            Ok(map) => {
                self.settings.remember(path);
                self.replace_map(map, Some(path.to_owned()), "");
            }
            Err(err) => {
                let lines = err.report(&path.display().to_string());
                self.notify(
                    format!("{}\n{}", tr("notice.open_failed"), lines.join("\n")),
                    true,
                );
            }
        }
    }

    /// Runs `pending` now, or first asks what to do with unsaved changes.
    pub fn guarded(&mut self, pending: Pending) {
        if self.doc.is_dirty() {
            self.modal = Some(Modal::Unsaved(pending));
        } else {
            self.perform(pending);
        }
    }

    fn perform(&mut self, pending: Pending) {
        match pending {
            Pending::New(NewMap::Blank) => {
                self.replace_map(localized_blank(), None, tr("app.untitled"))
            }
            Pending::New(NewMap::Template(name)) => {
                if let Some(template) = crate::templates::find(name) {
                    self.replace_map(template.map(), None, template.name);
                }
            }
            Pending::Open(path) => self.open_now(&path),
            Pending::Close => {
                self.allow_close = true;
                self.close_now = true;
            }
        }
    }

    /// Writes the map to `path` (adding `.ron` when there is no extension). Returns whether it
    /// was saved; on failure a notice says why and nothing else changes.
    pub fn write_to(&mut self, path: &Path) -> bool {
        let path = if path.extension().is_none() {
            path.with_extension("ron")
        } else {
            path.to_owned()
        };
        match io::save(&path, self.doc.map()) {
            Ok(()) => {
                self.doc.mark_saved();
                self.settings.remember(&path);
                self.path = Some(path);
                true
            }
            Err(err) => {
                self.notify(
                    tr_with(
                        "notice.save_failed",
                        &[
                            ("path", &path.display().to_string()),
                            ("reason", &err.to_string()),
                        ],
                    ),
                    true,
                );
                false
            }
        }
    }

    /// Saves to the map's file (asking for one if it has none), then carries on with `then`.
    pub fn save(&mut self, then: Option<Pending>) {
        match self.path.clone() {
            Some(path) => {
                if self.write_to(&path)
                    && let Some(then) = then
                {
                    self.perform(then);
                }
            }
            None => self.save_as(then),
        }
    }

    pub fn save_as(&mut self, then: Option<Pending>) {
        let suggested = format!("{}.ron", self.display_name().trim_end_matches(".ron"));
        match self.native_file_dialog(false, &suggested, (tr("dialog.filter.map"), &["ron"])) {
            NativeDialog::Picked(path) => {
                if self.write_to(&path)
                    && let Some(then) = then
                {
                    self.perform(then);
                }
            }
            NativeDialog::Cancelled => {}
            NativeDialog::Unavailable => {
                let text = self
                    .path
                    .as_ref()
                    .map_or(suggested, |p| p.display().to_string());
                self.modal = Some(Modal::PathPrompt {
                    purpose: PathPurpose::SaveAs { then },
                    text,
                    selected: false,
                });
            }
        }
    }

    pub fn open_dialog(&mut self) {
        match self.native_file_dialog(true, "", (tr("dialog.filter.open"), &["ron", "png", "svg"]))
        {
            NativeDialog::Picked(path) => self.guarded(Pending::Open(path)),
            NativeDialog::Cancelled => {}
            NativeDialog::Unavailable => {
                let text = self
                    .path
                    .as_ref()
                    .and_then(|p| p.parent())
                    .map(|d| format!("{}/", d.display()))
                    .unwrap_or_default();
                self.modal = Some(Modal::PathPrompt {
                    purpose: PathPurpose::Open,
                    text,
                    selected: false,
                });
            }
        }
    }

    /// Exports the map to `path` as its extension says; a notice says how it went.
    pub fn export_to(&mut self, path: &Path) {
        // The picture looks like the canvas: its theme and its background.
        let options = crate::export::ExportOptions {
            background: crate::export::Background::Canvas,
            theme: self.screen_theme.clone(),
            ..Default::default()
        };
        match crate::export::export_file(self.doc.map(), path, &options) {
            Ok(()) => {
                self.notify(
                    tr_with("notice.exported", &[("path", &path.display().to_string())]),
                    false,
                );
                let ctx = crate::fonts::headless_context();
                let missing = crate::export::missing_characters(&ctx, self.doc.map());
                if !missing.is_empty() {
                    let names: Vec<String> = missing
                        .iter()
                        .map(|c| format!("{c} (U+{:04X})", u32::from(*c)))
                        .collect();
                    self.notify(
                        tr_with("notice.missing_glyphs", &[("chars", &names.join(", "))]),
                        true,
                    );
                }
            }
            Err(err) => self.notify(
                tr_with(
                    "notice.export_failed",
                    &[
                        ("path", &path.display().to_string()),
                        ("reason", &err.to_string()),
                    ],
                ),
                true,
            ),
        }
    }

    pub fn export_dialog(&mut self, extension: &str) {
        let stem = self.display_name();
        let stem = stem.trim_end_matches(".ron");
        let suggested = format!("{stem}.{extension}");
        match self.native_file_dialog(
            false,
            &suggested,
            (tr("dialog.filter.picture"), &[extension]),
        ) {
            NativeDialog::Picked(path) => self.export_to(&path),
            NativeDialog::Cancelled => {}
            NativeDialog::Unavailable => {
                let text = match &self.path {
                    Some(p) => p.with_extension(extension).display().to_string(),
                    None => suggested,
                };
                self.modal = Some(Modal::PathPrompt {
                    purpose: PathPurpose::Export,
                    text,
                    selected: false,
                });
            }
        }
    }

    /// Shows the system's open or save dialog. rfd gives no way to tell "no dialog could be
    /// shown" from "cancelled", but a person cannot cancel within a tenth of a second: an
    /// instant None means there is no dialog, and from then on the in-app field is used.
    fn native_file_dialog(
        &mut self,
        open: bool,
        suggested: &str,
        filter: (&str, &[&str]),
    ) -> NativeDialog {
        if !self.native_dialogs {
            return NativeDialog::Unavailable;
        }
        let started = Instant::now();
        let dialog = rfd::FileDialog::new()
            .add_filter(filter.0, filter.1)
            .add_filter(tr("dialog.filter.all"), &["*"]);
        let picked = if open {
            dialog.pick_file()
        } else {
            dialog.set_file_name(suggested).save_file()
        };
        match picked {
            Some(path) => NativeDialog::Picked(path),
            None if started.elapsed() < Duration::from_millis(100) => {
                self.native_dialogs = false;
                self.notify(tr("notice.no_file_dialog"), false);
                NativeDialog::Unavailable
            }
            None => NativeDialog::Cancelled,
        }
    }

    fn copy_selection(&mut self, ctx: &egui::Context) -> bool {
        let clip = io::Clip::copy(self.doc.map(), &self.canvas.selection);
        if clip.is_empty() {
            return false;
        }
        ctx.copy_text(clip.to_text());
        true
    }

    /// Pastes clipboard text: a clip of ours lands next to the selection; other text is ignored.
    pub fn paste_text(&mut self, text: &str) {
        let Some(clip) = io::Clip::from_text(text) else {
            return;
        };
        let mut ids = self.doc.ids();
        if let Some((edit, pasted)) =
            actions::paste(self.doc.map(), &clip, &self.canvas.selection, &mut ids)
            && self.doc.apply(tr("undo.paste"), edit).is_ok()
        {
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
            Command::ExportPng => self.export_dialog("png"),
            Command::ExportSvg => self.export_dialog("svg"),
            Command::CopyImage => {
                let options = crate::export::ExportOptions::default();
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
                    let _ = self.doc.apply(tr("undo.cut"), edit);
                }
            }
            // The window answers with a paste event carrying the clipboard's text.
            Command::Paste => ctx.send_viewport_cmd(ViewportCommand::RequestPaste),
            Command::Delete => {
                if let Some(edit) = actions::delete(self.doc.map(), &self.canvas.selection) {
                    let _ = self.doc.apply(tr("undo.delete"), edit);
                }
            }
            Command::Duplicate => {
                let mut ids = self.doc.ids();
                if let Some((edit, copies)) =
                    actions::duplicate(self.doc.map(), &self.canvas.selection, &mut ids)
                    && self.doc.apply(tr("undo.duplicate"), edit).is_ok()
                {
                    self.canvas.selection = copies.into_iter().collect();
                }
            }
            Command::EditText => self.canvas.edit_selected_text(&self.doc),
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
            Command::EditText => match self.canvas.selection.iter().collect::<Vec<_>>()[..] {
                [item] => crate::canvas::item_text(self.doc.map(), *item).is_some(),
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
                let response = ui
                    .add_enabled(exists, egui::Button::new(name))
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
        });
    }

    fn notices_ui(&mut self, ui: &mut Ui) {
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
        if ctx.input(|i| i.viewport().close_requested()) && self.doc.is_dirty() && !self.allow_close
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.modal = Some(Modal::Unsaved(Pending::Close));
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
            egui::Panel::right("inspector")
                .resizable(true)
                .default_size(300.0)
                .show(ui, |ui| {
                    inspector::inspector_ui(ui, &mut self.doc, &self.canvas.selection)
                });
        }
        if !self.notices.is_empty() {
            egui::Panel::top("notices").show(ui, |ui| self.notices_ui(ui));
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| self.canvas.ui(ui, &mut self.doc, &theme));
        self.modal_ui(&ctx);
    }
}

/// A blank map with its first stage, lanes and curve named in the interface's language.
fn localized_blank() -> JourneyMap {
    let mut map = JourneyMap::blank(tr("app.untitled_journey"));
    for stage in &mut map.stages {
        stage.name = tr("blank.stage").to_owned();
    }
    for lane in &mut map.lanes {
        lane.name = crate::paint::lane_kind_name(lane.kind).to_owned();
    }
    for curve in &mut map.curves {
        curve.name = tr("blank.curve").to_owned();
    }
    map
}

enum NativeDialog {
    Picked(PathBuf),
    Cancelled,
    Unavailable,
}

impl eframe::App for JourneyMapApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        JourneyMapApp::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}
