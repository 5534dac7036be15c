//! The editor window: menu bar, toolbar, canvas and inspector around one open [`Document`],
//! with files, the unsaved-changes guard, the clipboard, the command palette and themes.

mod chrome;
pub mod compare;
mod dialogs;
mod dispatch;
mod files;
mod insights;
mod inspector;
mod present;
mod presenting;
pub mod recovery;
mod settings;
mod window;

pub use window::icon;

pub use dialogs::{
    Modal, NewMap, PastedMermaid, PathPurpose, Pending, palette_matches, shortcut_sections,
};
pub use dispatch::CommandQueue;
pub use files::{FileTarget, SaveJob, expand_home, name_range};
pub use present::Presentation;
pub use settings::{PresentSettings, Settings, ThemeChoice};

use crate::canvas::Canvas;
use crate::commands::Command;
use crate::edit::{Document, Edit};
use crate::formats::Format;
use crate::i18n::{tr, tr_count, tr_with};
use crate::io;
use crate::model::JourneyMap;
use crate::paint::Theme;
use egui::Ui;
use std::path::{Path, PathBuf};

/// The key the settings are stored under in eframe's storage.
pub const SETTINGS_KEY: &str = "journeymap-settings";

/// How long an informational notice stays, in seconds; errors stay until dismissed.
pub(crate) const NOTICE_SECONDS: f64 = 5.0;

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
    /// What to call a map with no file (a template's title, an imported file's name); empty
    /// for "Untitled" in the interface's language of the moment.
    pub untitled_name: String,
    pub settings: Settings,
    /// Try the system's file dialogs; when none can be shown, an in-app path field is used.
    pub native_dialogs: bool,
    pub modal: Option<Modal>,
    pub notices: Vec<Notice>,
    /// What the person asked for this frame (menus, toolbar, palette, shortcuts).
    pub commands: CommandQueue,
    /// A presentation under way (present mode).
    pub present: Option<Presentation>,
    /// How exports wrap a long journey when the export dialog says otherwise than the map.
    pub export_wrap: Option<crate::model::Wrap>,
    /// How an exported PDF lays the map out (one page, or a poster of sheets).
    pub export_pages: crate::export::pdf::Pages,
    /// Whether an export draws the insights box under the map.
    pub export_insights: bool,
    /// This window's recovery copy of unsaved changes (None when the app's data folder is
    /// out of reach, and in tests that do not ask for one).
    pub recovery: Option<recovery::Recovery>,
    /// Recovery copies left by windows that are gone, still to be offered.
    pub orphans: Vec<recovery::Orphan>,
    /// A comparison with another version of the map, its changes marked and listed.
    pub compare: Option<compare::Comparison>,
    /// Whether the insights panel shows.
    pub insights_open: bool,
    /// The analysis the insights panel shows, for the revision it was made at.
    insights_cache: Option<insights::InsightsCache>,
    /// A change picked in the comparison's list, gone to after the panel is drawn.
    pending_change: Option<usize>,
    /// The comparison's list scrolls to the current change at the next frame.
    scroll_to_change: bool,
    /// Whether the window had the focus at the last frame.
    was_focused: bool,
    /// The map's file changed on disk since it was opened or saved here (Save asks first).
    stale_on_disk: bool,
    /// The lane notes were last captured into, where the next capture starts.
    last_capture_lane: Option<crate::model::LaneId>,
    allow_close: bool,
    close_now: bool,
    title: String,
    /// The interface language the fonts were last set up for (none before the first frame).
    fonts_for: Option<crate::i18n::Language>,
    applied_theme: Option<ThemeChoice>,
    system_language: crate::i18n::Language,
    /// The map colours the screen shows now (light or dark).
    screen_theme: Theme,
}

impl JourneyMapApp {
    /// The editor on `map`, saved to `path` (as the kind its name says) if given.
    pub fn new(map: JourneyMap, path: Option<PathBuf>) -> Self {
        let target = path.map(|path| {
            let format = Format::of_path(&path).unwrap_or(Format::Ron);
            FileTarget::new(path, format, io::PictureSettings::default())
        });
        Self {
            doc: Document::new(map),
            canvas: Canvas::default(),
            target,
            save_job: None,
            untitled_name: String::new(),
            settings: Settings::default(),
            native_dialogs: true,
            modal: None,
            notices: Vec::new(),
            commands: CommandQueue::default(),
            present: None,
            export_wrap: None,
            export_pages: crate::export::pdf::Pages::One,
            export_insights: false,
            recovery: None,
            orphans: Vec::new(),
            compare: None,
            insights_open: false,
            insights_cache: None,
            pending_change: None,
            scroll_to_change: false,
            was_focused: true,
            stale_on_disk: false,
            last_capture_lane: None,
            allow_close: false,
            close_now: false,
            title: String::new(),
            fonts_for: None,
            applied_theme: None,
            system_language: crate::i18n::Language::from_system(),
            screen_theme: Theme::light(),
        }
    }

    /// The editor as it starts: on `file` if given, else on the last map opened, else (the first
    /// time) on the default template in the interface's language, so the first run shows a real
    /// map a reader can read. A file that does not open leaves the editor on the template, with
    /// a notice saying why and where.
    pub fn start(settings: Settings, file: Option<PathBuf>) -> Self {
        let language = settings
            .language
            .unwrap_or_else(crate::i18n::Language::from_system);
        let name = match language {
            crate::i18n::Language::Chinese => crate::templates::DEFAULT_ZH,
            crate::i18n::Language::English => crate::templates::DEFAULT,
        };
        let template = crate::templates::find(name).expect("the default template is bundled");
        let mut app = Self::new(template.map(), None);
        app.untitled_name = template.title().to_owned();
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
            None if self.untitled_name.is_empty() => tr("app.untitled").to_owned(),
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
    /// Keeps recovery copies in `dir` from now on, and offers the copies that windows which are
    /// gone left there (the newest first).
    pub fn keep_recovery_copies(&mut self, dir: &std::path::Path) {
        self.orphans = recovery::Recovery::orphans(dir);
        self.recovery = recovery::Recovery::start(dir);
        self.offer_next_orphan();
    }

    /// Offers the next recovery copy left by a window that is gone, if any.
    pub(super) fn offer_next_orphan(&mut self) {
        if self.modal.is_none()
            && let Some(orphan) = self.orphans.first().cloned()
        {
            self.modal = Some(Modal::Recover(orphan));
        }
    }

    /// Copies unsaved changes for recovery, now when the window has just lost the focus; says
    /// so when the map's file changed on disk while the window was away.
    fn keep_recovery_copy(&mut self, ctx: &egui::Context) {
        let focused = ctx.input(|i| i.focused);
        let lost = self.was_focused && !focused;
        let regained = !self.was_focused && focused;
        self.was_focused = focused;
        if let Some(recovery) = self.recovery.as_mut() {
            let file = self.target.as_ref().map(|t| t.path.as_path());
            recovery.tick(&self.doc, file, lost);
        }
        if regained {
            self.check_file_on_disk();
        }
    }

    fn replace_map(&mut self, map: JourneyMap, target: Option<FileTarget>, untitled_name: &str) {
        self.stale_on_disk = false;
        self.doc = Document::new(map);
        self.target = target;
        self.untitled_name = untitled_name.to_owned();
        self.canvas.reset();
        // A comparison was with the map that is gone.
        self.compare = None;
        self.canvas.marks.clear();
        let conflicts = self.doc.map().live_conflicts().count();
        if conflicts > 0 {
            self.notify(tr_count("insp.conflicts_left", conflicts, &[]), false);
        }
    }

    /// The whole editor, in `ui`.
    pub fn ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let language = self.settings.language.unwrap_or(self.system_language);
        crate::i18n::set_language(language);
        if self.fonts_for.is_none() {
            // Applied at once when nothing was laid out yet in this pass.
            crate::fonts::install(&ctx);
        }
        if self.fonts_for != Some(language) {
            let chinese = language == crate::i18n::Language::Chinese;
            ctx.all_styles_mut(|style| crate::fonts::set_interface_family(style, chinese));
            crate::fonts::set_interface_family(ui.style_mut(), chinese);
            self.fonts_for = Some(language);
        }
        if self.modal.is_none() {
            let presenting = self.present.is_some();
            for command in Command::pressed(&ctx, presenting) {
                if !(self.canvas.is_editing_text() && command.needs_canvas_focus()) {
                    self.commands.send(command);
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

        if self.present.is_some() {
            // Present mode: no editing chrome, the map under the presentation's camera.
            self.present_ui(ui, &theme);
        } else {
            self.editor_ui(ui, &theme);
        }
        for error in self.canvas.take_errors() {
            self.notify(error, true);
        }
        self.keep_recovery_copy(&ctx);
        if let Some(link) = self.canvas.take_link() {
            self.modal = Some(Modal::OpenLink(link));
        }
        self.modal_ui(&ctx);
        if self.run_queued(&ctx) {
            // Show what the commands did.
            ctx.request_repaint();
        }
    }

    /// The editor: menus, toolbar, inspector, notices and the canvas.
    fn editor_ui(&mut self, ui: &mut Ui, theme: &Theme) {
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
            name_resize_handle(ui, "inspector");
            match change {
                Some(inspector::InspectorAction::Apply(label, edit)) => self.apply(label, *edit),
                Some(inspector::InspectorAction::AddNote { lane, stage }) => {
                    self.canvas.add_note(&mut self.doc, lane, stage, None);
                }
                None => {}
            }
        }
        if !self.notices.is_empty() {
            egui::Panel::top("notices").show(ui, |ui| self.notices_ui(ui));
        }
        if self.compare.is_some() {
            self.compare_panel(ui);
        }
        if self.insights_open {
            self.insights_panel(ui);
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| self.canvas.ui(ui, &mut self.doc, theme));
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

    /// A clean exit: the unsaved changes were saved or given up, so no recovery copy is left.
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        if let Some(recovery) = self.recovery.take() {
            recovery.close();
        }
    }
}

/// Map text (a title, a name) for a widget, laid out as the map lays it out whatever the
/// interface's language: an English title in the Chinese interface keeps its Latin
/// apostrophes, a Chinese one gets the CJK font's quotation marks. In the widget's colour.
pub(crate) fn map_words(ui: &Ui, text: &str) -> egui::text::LayoutJob {
    let size = egui::TextStyle::Button.resolve(ui.style()).size;
    let mut job = crate::layout::text_line(
        text,
        egui::FontId::proportional(size),
        egui::Color32::PLACEHOLDER,
    );
    ui.fonts_mut(|f| crate::layout::even_rows(f, &mut job));
    job
}

/// Names the handle of the resizable panel `salt`, shown in `ui`, in the interface's language
/// for screen readers (egui names it "Resize panel" in English; the handle's id is egui's).
pub(crate) fn name_resize_handle(ui: &Ui, salt: &str) {
    let handle = ui.scope_id().with(salt).with("__resize");
    if ui.ctx().has_accesskit_node(handle) {
        ui.ctx()
            .accesskit_node_builder(handle, |node| node.set_label(tr("a11y.resize_panel")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first run opens the template in the interface's language.
    #[test]
    fn the_first_run_opens_the_template_in_the_interfaces_language() {
        for (language, template) in [
            (crate::i18n::Language::Chinese, crate::templates::DEFAULT_ZH),
            (crate::i18n::Language::English, crate::templates::DEFAULT),
        ] {
            let settings = Settings {
                language: Some(language),
                ..Settings::default()
            };
            let app = JourneyMapApp::start(settings, None);
            let template = crate::templates::find(template).expect("bundled");
            assert_eq!(app.untitled_name, template.title());
            assert_eq!(app.doc.map(), &template.map());
        }
    }

    #[test]
    fn long_folders_are_elided_in_the_middle() {
        assert_eq!(elide_middle("/home/mei", 40), "/home/mei");
        let long = "/home/mei/projects/clients/2026/restaurant-chain/maps";
        let short = elide_middle(long, 20);
        assert_eq!(short.chars().count(), 20);
        assert!(
            short.starts_with("/home/mei") && short.ends_with("maps"),
            "{short}"
        );
        assert!(short.contains('…'));
    }
}
