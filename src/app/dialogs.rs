//! The editor's modal dialogs: the new-map chooser, the unsaved-changes guard, the in-app path
//! field, the command palette and the keyboard-shortcut sheet.

use super::JourneyMapApp;
use crate::commands::{Command, Menu};
use crate::i18n::{Language, tr, tr_with};
use egui::{Key, RichText};
use std::path::PathBuf;

/// What a new map starts from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NewMap {
    Blank,
    Template(&'static str),
}

/// An action waiting for the unsaved-changes guard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    New(NewMap),
    Open(PathBuf),
    /// Mermaid text pasted onto the canvas, opened as a new map.
    Import(String),
    Close,
}

/// What a typed path is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    SaveAs {
        then: Option<Pending>,
    },
    /// An exported picture; the extension (png or svg) says which.
    Export,
    /// Another version of the map, to compare the open one with.
    Compare,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Modal {
    NewChooser,
    Unsaved(Pending),
    /// `selected`: the suggested text has been selected once, so typing replaces it.
    PathPrompt {
        purpose: PathPurpose,
        text: String,
        selected: bool,
    },
    Palette {
        query: String,
        selected: usize,
    },
    Shortcuts,
    /// Which lanes a presentation's walk shows.
    PresentLanes,
    /// A touchpoint's link, shown before it is opened (a file mailed in may link anywhere).
    OpenLink(String),
    /// Unsaved changes a window that is gone left in a recovery copy.
    Recover(super::recovery::Orphan),
    /// A Mermaid journey was pasted: open it as a new map, or add it to this one?
    PasteMermaid(PastedMermaid),
    /// Save would replace a file someone else changed, or a read-only one: asked first.
    ConfirmOverwrite {
        path: std::path::PathBuf,
        reason: super::files::OverwriteReason,
        then: Option<Pending>,
        overrides: super::files::Overrides,
    },
}

/// Mermaid text pasted onto the canvas, read once: the text, and what the dialog says of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PastedMermaid {
    pub text: String,
    pub summary: String,
}

/// Whether `query`'s characters appear in `text` in order (case-insensitive): "dupl" finds
/// "Duplicate", "zf" finds "Zoom to fit".
pub fn matches_query(text: &str, query: &str) -> bool {
    let text = text.to_lowercase();
    let mut chars = text.chars();
    query
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .all(|q| chars.any(|c| c == q))
}

/// `text` in pinyin, each Chinese character by its syllable (`full`) or its first letter:
/// "导出 PNG" → "daochu png" or "dc png". Other characters stay as they are, lower-cased.
fn pinyin_of(text: &str, full: bool) -> String {
    use pinyin::ToPinyin as _;
    text.chars()
        .map(|c| match c.to_pinyin() {
            Some(p) if full => p.plain().to_owned(),
            Some(p) => p.first_letter().to_owned(),
            None => c.to_lowercase().collect(),
        })
        .collect()
}

/// Whether `query`'s letters are, in order, initials of `text`'s characters in any of their
/// readings (重做 is "cz", though 重 is most often zhòng) or its other characters.
fn matches_initials(text: &str, query: &str) -> bool {
    use pinyin::ToPinyinMulti as _;
    let query: Vec<char> = query
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut wanted = query.iter().peekable();
    for c in text.chars() {
        let Some(&&q) = wanted.peek() else { break };
        let hit = match c.to_pinyin_multi() {
            Some(readings) => readings
                .into_iter()
                .any(|p| p.first_letter().starts_with(q)),
            None => c.to_lowercase().any(|l| l == q),
        };
        if hit {
            wanted.next();
        }
    }
    wanted.peek().is_none()
}

/// The palette's commands for a query (among those that work in the editor, or while
/// `presenting`), found by their name in the interface's language, in English (people learn
/// command names from English guides) and, in Chinese, by the pinyin of the name or its
/// initials ("dc" finds 导出): those whose name contains the query first, then the rest.
pub fn palette_matches(query: &str, presenting: bool) -> Vec<Command> {
    let chinese = crate::i18n::language() == Language::Chinese;
    let names = |c: &Command| {
        let mut names = vec![
            c.text().to_owned(),
            crate::i18n::tr_in(Language::English, c.key()).to_owned(),
        ];
        if chinese {
            names.push(pinyin_of(c.text(), false));
            names.push(pinyin_of(c.text(), true));
        }
        names
    };
    let mut found: Vec<Command> = Command::ALL
        .iter()
        .copied()
        .filter(|c| c.works(presenting))
        .filter(|c| {
            names(c).iter().any(|n| matches_query(n, query))
                || (chinese && matches_initials(c.text(), query))
        })
        .collect();
    let lower = query.to_lowercase();
    found.sort_by_key(|c| !names(c).iter().any(|n| n.to_lowercase().contains(&lower)));
    found
}

/// How tall the palette's list is, whatever it holds, so the dialog never jumps.
const PALETTE_LIST_HEIGHT: f32 = 360.0;

impl JourneyMapApp {
    pub(super) fn modal_ui(&mut self, ctx: &egui::Context) {
        let Some(modal) = self.modal.clone() else {
            return;
        };
        let modal_kind = modal.clone();
        let id = egui::Id::unique("journey-map-modal");
        let mut next: Option<Option<Modal>> = None;
        let screen = ctx.content_rect();
        let response = egui::Modal::new(id).show(ctx, |ui| {
            if matches!(modal, Modal::Shortcuts) {
                // A cheat sheet as wide as it needs, inside the window.
                ui.set_max_width((screen.width() - 80.0).clamp(300.0, 960.0));
            } else {
                ui.set_width(520.0f32.min(screen.width() - 80.0));
            }
            match modal {
                Modal::NewChooser => next = self.new_chooser_ui(ui),
                Modal::Unsaved(pending) => next = self.unsaved_ui(ui, pending),
                Modal::PathPrompt {
                    purpose,
                    text,
                    selected,
                } => next = self.path_prompt_ui(ui, purpose, text, selected),
                Modal::Palette { query, selected } => next = self.palette_ui(ui, query, selected),
                Modal::PresentLanes => {
                    let map = self.doc.map().clone();
                    if let Some(p) = self.present.as_mut()
                        && super::present::views::lanes_ui_inline(ui, &map, &mut p.hidden_lanes)
                    {
                        next = Some(None);
                    }
                    let hidden = self.present.as_ref().map(|p| p.hidden_lanes.clone());
                    self.canvas.style.hidden_lanes = hidden.unwrap_or_default();
                }
                Modal::Shortcuts => {
                    shortcuts_ui(ui, screen, self.present.is_some());
                    if ui.button(tr("dialog.close")).clicked() {
                        next = Some(None);
                    }
                }
                Modal::Recover(orphan) => {
                    ui.heading(tr("dialog.recover.heading"));
                    let file = orphan.info.file.as_ref().map_or_else(
                        || tr("dialog.recover.untitled").to_owned(),
                        |p| p.display().to_string(),
                    );
                    ui.label(tr_with(
                        "dialog.recover.body",
                        &[
                            ("title", &orphan.info.title),
                            ("file", &file),
                            ("minutes", &orphan.minutes_ago().to_string()),
                        ],
                    ));
                    // Enter restores: the changes are what the person came back for.
                    let enter = ui.input(|i| i.key_pressed(Key::Enter));
                    ui.horizontal(|ui| {
                        if ui.button(tr("dialog.recover.restore")).clicked() || enter {
                            self.orphans.retain(|o| o != &orphan);
                            self.restore(&orphan);
                            next = Some(None);
                        }
                        if ui.button(tr("dialog.recover.discard")).clicked() {
                            self.orphans.retain(|o| o != &orphan);
                            orphan.discard();
                            next = Some(None);
                        }
                        if ui.button(tr("dialog.recover.later")).clicked() {
                            self.orphans.clear();
                            next = Some(None);
                        }
                    });
                }
                Modal::PasteMermaid(PastedMermaid { text, summary }) => {
                    ui.heading(tr("dialog.paste_mermaid.heading"));
                    ui.label(summary);
                    // Enter opens it apart: nothing in the open map changes.
                    let enter = ui.input(|i| i.key_pressed(Key::Enter));
                    ui.horizontal(|ui| {
                        if ui.button(tr("dialog.paste_mermaid.new")).clicked() || enter {
                            self.modal = None;
                            self.guarded(Pending::Import(text.clone()));
                            next = Some(self.modal.take());
                        }
                        if ui.button(tr("dialog.paste_mermaid.merge")).clicked() {
                            next = Some(None);
                            self.merge_mermaid(&text);
                        }
                        if ui.button(tr("dialog.cancel")).clicked() {
                            next = Some(None);
                        }
                    });
                }
                Modal::ConfirmOverwrite {
                    path,
                    reason,
                    then,
                    overrides,
                } => {
                    use super::files::OverwriteReason;
                    let shown = path.display().to_string();
                    let (heading, body, action) = match reason {
                        OverwriteReason::ChangedOnDisk => (
                            tr("dialog.overwrite.changed.heading"),
                            tr_with("dialog.overwrite.changed.body", &[("path", &shown)]),
                            tr("dialog.overwrite.changed.action"),
                        ),
                        OverwriteReason::ReadOnly => (
                            tr("dialog.overwrite.read_only.heading"),
                            tr_with("dialog.overwrite.read_only.body", &[("path", &shown)]),
                            tr("dialog.overwrite.read_only.action"),
                        ),
                    };
                    ui.heading(heading);
                    ui.label(body);
                    ui.horizontal(|ui| {
                        if ui.button(action).clicked() {
                            let overrides = match reason {
                                OverwriteReason::ChangedOnDisk => super::files::Overrides {
                                    changed_on_disk: true,
                                    ..overrides
                                },
                                OverwriteReason::ReadOnly => super::files::Overrides {
                                    read_only: true,
                                    ..overrides
                                },
                            };
                            self.modal = None;
                            self.write_to_with(&path, then.clone(), overrides);
                            next = Some(self.modal.take());
                        }
                        if ui.button(tr("dialog.overwrite.save_as")).clicked() {
                            self.modal = None;
                            self.save_as(then.clone());
                            next = Some(self.modal.take());
                        }
                        if ui.button(tr("dialog.cancel")).clicked() {
                            next = Some(None);
                        }
                    });
                }
                Modal::OpenLink(link) => {
                    ui.heading(tr("dialog.link.heading"));
                    ui.label(tr("dialog.link.body"));
                    ui.add(egui::Label::new(RichText::new(&link).monospace().strong()).wrap());
                    ui.horizontal(|ui| {
                        if ui.button(tr("dialog.link.open")).clicked() {
                            ui.ctx().open_url(egui::OpenUrl::new_tab(&link));
                            next = Some(None);
                        }
                        if ui.button(tr("dialog.cancel")).clicked() {
                            next = Some(None);
                        }
                    });
                }
            }
        });
        // Escape or a click beside the dialog closes it, unless the dialog acted this frame
        // (a dialog that only kept its own typing open is closed).
        let escape = ctx.input(|i| i.key_pressed(Key::Escape));
        let only_kept_itself = match &next {
            None => true,
            Some(Some(kept)) => std::mem::discriminant(kept) == std::mem::discriminant(&modal_kind),
            Some(None) => false,
        };
        if (response.should_close() || escape) && only_kept_itself {
            next = Some(None);
        }
        // None keeps the dialog; Some(next) replaces it (an action may open the next one).
        if let Some(next) = next {
            self.modal = next;
        }
    }

    fn new_chooser_ui(&mut self, ui: &mut egui::Ui) -> Option<Option<Modal>> {
        ui.heading(tr("dialog.new.title"));
        ui.label(tr("dialog.new.hint"));
        ui.add_space(6.0);
        let mut choice = None;
        if ui.button(tr("dialog.new.blank")).clicked() {
            choice = Some(NewMap::Blank);
        }
        egui::ScrollArea::vertical()
            .max_height(360.0)
            .show(ui, |ui| {
                for (language, templates) in templates_by_language(crate::i18n::language()) {
                    ui.add_space(4.0);
                    ui.label(egui::RichText::new(language.native_name()).small().weak());
                    for template in templates {
                        let title = super::map_words(ui, template.title());
                        if ui.button(title).clicked() {
                            choice = Some(NewMap::Template(template.name));
                        }
                    }
                }
            });
        ui.add_space(6.0);
        if ui.button(tr("dialog.cancel")).clicked() {
            return Some(None);
        }
        let choice = choice?;
        self.modal = None;
        self.guarded(super::Pending::New(choice));
        Some(self.modal.take())
    }

    fn unsaved_ui(&mut self, ui: &mut egui::Ui, pending: Pending) -> Option<Option<Modal>> {
        let doing = match &pending {
            Pending::New(_) => "dialog.unsaved.before_new",
            Pending::Open(_) | Pending::Import(_) => "dialog.unsaved.before_open",
            Pending::Close => "dialog.unsaved.before_close",
        };
        ui.heading(tr("dialog.unsaved.title"));
        ui.label(tr_with(doing, &[("name", &self.display_name())]));
        ui.add_space(8.0);
        let mut result = None;
        ui.horizontal(|ui| {
            if ui.button(tr("dialog.unsaved.save")).clicked() {
                self.modal = None;
                self.save(Some(pending.clone()));
                result = Some(self.modal.take());
            }
            if ui.button(tr("dialog.unsaved.discard")).clicked() {
                self.modal = None;
                self.perform(pending.clone());
                result = Some(self.modal.take());
            }
            if ui.button(tr("dialog.cancel")).clicked() || ui.input(|i| i.key_pressed(Key::Escape))
            {
                result = Some(None);
            }
        });
        result
    }

    fn path_prompt_ui(
        &mut self,
        ui: &mut egui::Ui,
        purpose: PathPurpose,
        mut text: String,
        mut selected: bool,
    ) -> Option<Option<Modal>> {
        let (heading, action) = match &purpose {
            PathPurpose::Open => (tr("dialog.path.open"), tr("dialog.path.open.action")),
            PathPurpose::SaveAs { .. } => (tr("dialog.path.save"), tr("dialog.path.save.action")),
            PathPurpose::Export => (tr("dialog.path.export"), tr("dialog.path.export.action")),
            PathPurpose::Compare => (tr("dialog.path.compare"), tr("dialog.path.compare.action")),
        };
        ui.heading(heading);
        let label = ui.label(tr("dialog.path.label"));
        let edit = ui
            .add(egui::TextEdit::singleline(&mut text).desired_width(480.0))
            .labelled_by(label.id);
        // Enter in a single-line field gives up its focus: read it before taking the focus back.
        let enter =
            (edit.lost_focus() || edit.has_focus()) && ui.input(|i| i.key_pressed(Key::Enter));
        if ui.ctx().memory(|m| m.focused().is_none()) {
            edit.request_focus();
        }
        if !selected && edit.has_focus() {
            // The file's name starts selected, so typing replaces it and keeps its folder.
            let range = super::name_range(&text);
            let from = text[..range.start].chars().count();
            let to = from + text[range].chars().count();
            crate::canvas::select_range(ui.ctx(), edit.id, from, to);
            selected = true;
        }
        let hint = match &purpose {
            PathPurpose::Export => tr("dialog.path.hint.export"),
            PathPurpose::SaveAs { .. } => tr("dialog.path.hint.save"),
            PathPurpose::Open | PathPurpose::Compare => tr("dialog.path.hint"),
        };
        ui.label(RichText::new(hint).small().weak());
        // Wrapping is for pictures; a Mermaid diagram or a table has no shape.
        let picture = crate::formats::Format::of_path(std::path::Path::new(text.trim()))
            .is_ok_and(crate::formats::Format::is_picture);
        if purpose == PathPurpose::Export && picture {
            self.export_wrap_ui(ui);
            ui.checkbox(&mut self.export_insights, tr("dialog.export.insights"))
                .on_hover_text(tr("dialog.export.insights.tip"));
        }
        let pdf = crate::formats::Format::of_path(std::path::Path::new(text.trim()))
            == Ok(crate::formats::Format::Pdf);
        if purpose == PathPurpose::Export && pdf {
            self.export_pages_ui(ui);
        }
        let mut result = None;
        ui.horizontal(|ui| {
            let submit = ui.button(action).clicked() || enter;
            if submit && !text.trim().is_empty() {
                let path = super::expand_home(text.trim());
                self.modal = None;
                match purpose.clone() {
                    PathPurpose::Open => self.guarded(Pending::Open(path)),
                    PathPurpose::Export => self.export_to(&path),
                    PathPurpose::Compare => self.compare_with(&path),
                    PathPurpose::SaveAs { then } => {
                        if !self.write_to(&path, then.clone()) {
                            // Keep the field open so the path can be put right.
                            self.modal = Some(Modal::PathPrompt {
                                purpose: PathPurpose::SaveAs { then },
                                text: text.clone(),
                                selected: true,
                            });
                        }
                    }
                }
                result = Some(self.modal.take());
            }
            if ui.button(tr("dialog.cancel")).clicked() {
                result = Some(None);
            }
        });
        result.or(Some(Some(Modal::PathPrompt {
            purpose,
            text,
            selected,
        })))
    }

    fn palette_ui(
        &mut self,
        ui: &mut egui::Ui,
        mut query: String,
        mut selected: usize,
    ) -> Option<Option<Modal>> {
        let label = ui.label(tr("palette.label"));
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut query)
                    .hint_text(tr("palette.hint"))
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        edit.request_focus();
        let found = palette_matches(&query, self.presenting());
        let enabled: Vec<bool> = found.iter().map(|c| self.is_enabled(*c)).collect();
        let (down, up, enter) = ui.input(|i| {
            (
                i.key_pressed(Key::ArrowDown),
                i.key_pressed(Key::ArrowUp),
                i.key_pressed(Key::Enter),
            )
        });
        if edit.changed() {
            selected = 0;
        }
        // The highlight rests on a command that can run; arrows skip those that cannot.
        let runnable = |i: usize| enabled.get(i).copied().unwrap_or(false);
        if !runnable(selected) {
            selected = (selected..found.len())
                .chain(0..selected)
                .find(|&i| runnable(i))
                .unwrap_or(0);
        }
        let moved = down || up;
        if down && let Some(next) = (selected + 1..found.len()).find(|&i| runnable(i)) {
            selected = next;
        }
        if up && let Some(previous) = (0..selected).rev().find(|&i| runnable(i)) {
            selected = previous;
        }
        let mut run = (enter && runnable(selected))
            .then(|| found.get(selected).copied())
            .flatten();
        egui::ScrollArea::vertical()
            .min_scrolled_height(PALETTE_LIST_HEIGHT)
            .max_height(PALETTE_LIST_HEIGHT)
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for (i, &command) in found.iter().enumerate() {
                    let shortcut = command.shortcut_text(ui.ctx()).unwrap_or_default();
                    let button = egui::Button::selectable(i == selected, self.menu_text(command))
                        .shortcut_text(shortcut);
                    let response = ui
                        .add_enabled(enabled[i], button)
                        .on_hover_text(command.tooltip());
                    if i == selected && moved {
                        response.scroll_to_me(None);
                    }
                    if response.clicked() {
                        run = Some(command);
                    }
                }
                if found.is_empty() {
                    ui.label(RichText::new(tr("palette.none")).weak());
                }
            });
        if let Some(command) = run.filter(|c| self.is_enabled(*c)) {
            self.commands.send(command);
            return Some(None);
        }
        Some(Some(Modal::Palette { query, selected }))
    }
}

/// A section of the shortcut sheet: its heading and its (what, keys) rows.
type Section = (String, Vec<(String, String)>);

/// Every command with a shortcut that works in the editor (or, while `presenting`, in present
/// mode), by menu, then the canvas's own keys: from the same table the menus and the palette
/// use.
pub fn shortcut_sections(ctx: &egui::Context, presenting: bool) -> Vec<Section> {
    let or = format!("  {}  ", tr("shortcuts.or"));
    let mut sections: Vec<Section> = Menu::ALL
        .iter()
        .map(|&menu| {
            let rows = Command::ALL
                .iter()
                .filter(|c| c.menu() == menu && !c.shortcuts().is_empty() && c.works(presenting))
                .map(|c| {
                    let keys: Vec<String> = c
                        .shortcuts()
                        .iter()
                        .map(|s| crate::commands::format_shortcut(ctx, s))
                        .collect();
                    (c.text().to_owned(), keys.join(&or))
                })
                .collect();
            (menu.text().to_owned(), rows)
        })
        .filter(|(_, rows): &Section| !rows.is_empty())
        .collect();
    let canvas = [
        ("shortcuts.pan", "shortcuts.pan.keys"),
        ("shortcuts.zoom", "shortcuts.zoom.keys"),
        ("shortcuts.add", "shortcuts.add.keys"),
        ("shortcuts.box", "shortcuts.box.keys"),
        ("shortcuts.walk", "shortcuts.walk.keys"),
        ("shortcuts.score", "shortcuts.score.keys"),
        ("shortcuts.escape", "shortcuts.escape.keys"),
    ]
    .iter()
    .map(|(what, keys)| (tr(what).to_owned(), tr(keys).to_owned()))
    .collect();
    if !presenting {
        sections.push((tr("shortcuts.canvas").to_owned(), canvas));
    }
    sections
}

/// The keyboard shortcut sheet: every section in full, in two columns that share their
/// alignment, sized to the window (no scrolling in a small box).
fn shortcuts_ui(ui: &mut egui::Ui, screen: egui::Rect, presenting: bool) {
    ui.heading(tr("shortcuts.title"));
    ui.add_space(4.0);
    let sections = shortcut_sections(ui.ctx(), presenting);
    // Split the sections into two columns of about the same number of rows.
    let total: usize = sections.iter().map(|(_, rows)| rows.len() + 1).sum();
    let mut split = 0;
    let mut count = 0;
    for (i, (_, rows)) in sections.iter().enumerate() {
        if count * 2 >= total {
            break;
        }
        count += rows.len() + 1;
        split = i + 1;
    }
    let (left, right) = sections.split_at(split);
    let column_width = ((ui.max_rect().width() - 24.0) / 2.0).max(140.0);
    let what_width = (column_width * 0.55).min(240.0);
    egui::ScrollArea::vertical()
        .max_height((screen.height() - 140.0).max(200.0))
        .show(ui, |ui| {
            ui.horizontal_top(|ui| {
                for (n, column) in [left, right].into_iter().enumerate() {
                    ui.vertical(|ui| {
                        ui.set_width(column_width);
                        egui::Grid::new(("shortcut-sheet", n))
                            .num_columns(2)
                            .min_col_width(what_width)
                            .spacing([12.0, 2.0])
                            .show(ui, |ui| {
                                for (heading, rows) in column {
                                    ui.strong(heading);
                                    ui.end_row();
                                    for (what, keys) in rows {
                                        ui.add(egui::Label::new(what.as_str()).wrap());
                                        ui.add(
                                            egui::Label::new(
                                                RichText::new(keys.as_str()).monospace(),
                                            )
                                            .wrap(),
                                        );
                                        ui.end_row();
                                    }
                                }
                            });
                    });
                }
            });
        });
}

impl JourneyMapApp {
    /// How a PDF lays the map out: one page, a poster of A4 or A3 sheets, or the journey
    /// wrapped onto landscape sheets.
    fn export_pages_ui(&mut self, ui: &mut egui::Ui) {
        use crate::export::pdf::{Pages, Paper};
        let words = |p: Pages| match p {
            Pages::One => tr("dialog.export.one_page"),
            Pages::Poster(Paper::A4) => tr("dialog.export.poster_a4"),
            Pages::Poster(Paper::A3) => tr("dialog.export.poster_a3"),
            Pages::Wrapped(Paper::A4) => tr("dialog.export.wrapped_a4"),
            Pages::Wrapped(Paper::A3) => tr("dialog.export.wrapped_a3"),
        };
        ui.horizontal(|ui| {
            let label = ui.label(tr("dialog.export.pages"));
            let mut pages = self.export_pages;
            egui::ComboBox::from_id_salt("export-pages")
                .selected_text(words(pages))
                .show_ui(ui, |ui| {
                    for choice in [
                        Pages::One,
                        Pages::Poster(Paper::A4),
                        Pages::Poster(Paper::A3),
                        Pages::Wrapped(Paper::A4),
                        Pages::Wrapped(Paper::A3),
                    ] {
                        ui.selectable_value(&mut pages, choice, words(choice));
                    }
                })
                .response
                .labelled_by(label.id);
            self.export_pages = pages;
        });
    }

    /// How the export wraps a long journey: as the map says, or its own way.
    fn export_wrap_ui(&mut self, ui: &mut egui::Ui) {
        use crate::model::{PageShape, Wrap};
        let words = |w: Option<Wrap>| match w {
            None => tr("dialog.export.wrap_as_map").to_owned(),
            Some(Wrap::None) => tr("insp.wrap_none").to_owned(),
            Some(Wrap::AfterStages(n)) => {
                crate::i18n::tr_with("insp.wrap_after", &[("n", &n.to_string())])
            }
            Some(Wrap::Page(PageShape::A4Landscape)) => tr("insp.wrap_a4").to_owned(),
            Some(Wrap::Page(PageShape::A3Landscape)) => tr("insp.wrap_a3").to_owned(),
        };
        ui.horizontal(|ui| {
            let label = ui.label(tr("insp.wrap"));
            let mut wrap = self.export_wrap;
            egui::ComboBox::from_id_salt("export-wrap")
                .selected_text(words(wrap))
                .show_ui(ui, |ui| {
                    for choice in [
                        None,
                        Some(Wrap::None),
                        Some(Wrap::AfterStages(6)),
                        Some(Wrap::Page(PageShape::A4Landscape)),
                        Some(Wrap::Page(PageShape::A3Landscape)),
                    ] {
                        ui.selectable_value(&mut wrap, choice, words(choice));
                    }
                })
                .response
                .labelled_by(label.id);
            self.export_wrap = wrap;
        });
    }
}

/// The bundled templates grouped by their language, the interface's language first, each
/// group in the order the templates are bundled.
pub(super) fn templates_by_language(
    first: crate::i18n::Language,
) -> Vec<(
    crate::i18n::Language,
    Vec<&'static crate::templates::Template>,
)> {
    let mut languages = crate::i18n::Language::ALL.to_vec();
    languages.sort_by_key(|l| *l != first);
    languages
        .into_iter()
        .map(|language| {
            let templates = crate::templates::ALL
                .iter()
                .filter(|t| template_language(t) == language)
                .collect();
            (language, templates)
        })
        .filter(|(_, templates): &(_, Vec<_>)| !templates.is_empty())
        .collect()
}

/// The language a template is written in.
pub(super) fn template_language(template: &crate::templates::Template) -> crate::i18n::Language {
    if template.chinese() {
        crate::i18n::Language::Chinese
    } else {
        crate::i18n::Language::English
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_palette_finds_commands_by_part_of_their_name() {
        assert!(matches_query("Duplicate", "dupl"));
        assert!(matches_query("Zoom to fit", "zf"));
        assert!(!matches_query("Undo", "redo"));
        assert_eq!(
            palette_matches("dupl", false).first(),
            Some(&Command::Duplicate)
        );
        assert_eq!(palette_matches("save", false).first(), Some(&Command::Save));
        let editor = Command::ALL.iter().filter(|c| c.works(false)).count();
        assert_eq!(palette_matches("", false).len(), editor);
        assert!(palette_matches("blank", true).contains(&Command::PresentBlank));
        assert!(!palette_matches("blank", false).contains(&Command::PresentBlank));
    }

    #[test]
    fn in_chinese_the_palette_finds_commands_by_their_english_names_too() {
        crate::i18n::set_language(Language::Chinese);
        assert_eq!(
            palette_matches("export png", false).first(),
            Some(&Command::ExportPng)
        );
        assert_eq!(
            palette_matches("导出", false).first().map(|c| c.menu()),
            Some(Menu::File)
        );
        crate::i18n::set_language(Language::English);
    }

    /// In Chinese, a command is found by the initials of its name's pinyin, or the pinyin
    /// itself: 撤销 by "cx", 全选触点 by "qxcd", 导出 PNG by "dcpng".
    #[test]
    fn in_chinese_the_palette_finds_commands_by_pinyin_and_its_initials() {
        crate::i18n::set_language(Language::Chinese);
        let first = |query: &str| palette_matches(query, false).first().copied();
        assert_eq!(pinyin_of("导出 PNG…", false), "dc png…");
        assert_eq!(pinyin_of("撤销", true), "chexiao");
        assert_eq!(first("cx"), Some(Command::Undo), "{}", Command::Undo.text());
        assert_eq!(first("chexiao"), Some(Command::Undo));
        assert_eq!(first("qxcd"), Some(Command::SelectAll));
        assert!(palette_matches("dcpng", false).contains(&Command::ExportPng));
        assert!(
            palette_matches("cz", false).contains(&Command::Redo),
            "重做 read chóngzuò: {}",
            Command::Redo.text()
        );
        crate::i18n::set_language(Language::English);
        assert!(
            !palette_matches("cx", false).contains(&Command::Undo),
            "English names are not searched by pinyin"
        );
    }
}
