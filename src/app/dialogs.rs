//! The editor's modal dialogs: the new-map chooser, the unsaved-changes guard, the in-app path
//! field, the command palette and the keyboard-shortcut sheet.

use super::JourneyMapApp;
use crate::commands::{Command, Menu};
use crate::i18n::{tr, tr_with};
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

/// The palette's commands for a query: those whose name starts with it first, then the rest.
pub fn palette_matches(query: &str) -> Vec<Command> {
    let mut found: Vec<Command> = Command::ALL
        .iter()
        .copied()
        .filter(|c| matches_query(c.text(), query))
        .collect();
    let lower = query.to_lowercase();
    found.sort_by_key(|c| !c.text().to_lowercase().contains(&lower));
    found
}

impl JourneyMapApp {
    pub(super) fn modal_ui(&mut self, ctx: &egui::Context) {
        let Some(modal) = self.modal.clone() else {
            return;
        };
        let modal_kind = modal.clone();
        let id = egui::Id::unique("journey-map-modal");
        let mut next: Option<Option<Modal>> = None;
        let response = egui::Modal::new(id).show(ctx, |ui| {
            ui.set_max_width(520.0);
            match modal {
                Modal::NewChooser => next = self.new_chooser_ui(ui),
                Modal::Unsaved(pending) => next = self.unsaved_ui(ui, pending),
                Modal::PathPrompt {
                    purpose,
                    text,
                    selected,
                } => next = self.path_prompt_ui(ui, purpose, text, selected),
                Modal::Palette { query, selected } => next = self.palette_ui(ui, query, selected),
                Modal::Shortcuts => {
                    shortcuts_ui(ui);
                    if ui.button(tr("dialog.close")).clicked() {
                        next = Some(None);
                    }
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
                for template in crate::templates::ALL {
                    let title = template.map().header.title;
                    if ui.button(format!("{title}  ({})", template.name)).clicked() {
                        choice = Some(NewMap::Template(template.name));
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
            Pending::Open(_) => "dialog.unsaved.before_open",
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
            // The suggestion starts selected, so typing replaces it.
            crate::canvas::select_all(ui.ctx(), edit.id, &text);
            selected = true;
        }
        let hint = match &purpose {
            PathPurpose::Export => tr("dialog.path.hint.export"),
            _ => tr("dialog.path.hint"),
        };
        ui.label(RichText::new(hint).small().weak());
        let mut result = None;
        ui.horizontal(|ui| {
            let submit = ui.button(action).clicked() || enter;
            if submit && !text.trim().is_empty() {
                let path = PathBuf::from(text.trim());
                self.modal = None;
                match purpose.clone() {
                    PathPurpose::Open => self.guarded(Pending::Open(path)),
                    PathPurpose::Export => self.export_to(&path),
                    PathPurpose::SaveAs { then } => {
                        if self.write_to(&path) {
                            if let Some(then) = then {
                                self.perform(then);
                            }
                        } else {
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
                    .desired_width(480.0),
            )
            .labelled_by(label.id);
        edit.request_focus();
        let found = palette_matches(&query);
        let (down, up, enter) = ui.input(|i| {
            (
                i.key_pressed(Key::ArrowDown),
                i.key_pressed(Key::ArrowUp),
                i.key_pressed(Key::Enter),
            )
        });
        if down {
            selected = (selected + 1).min(found.len().saturating_sub(1));
        }
        if up {
            selected = selected.saturating_sub(1);
        }
        if edit.changed() {
            selected = 0;
        }
        let mut run = enter.then(|| found.get(selected).copied()).flatten();
        egui::ScrollArea::vertical()
            .max_height(380.0)
            .show(ui, |ui| {
                for (i, &command) in found.iter().enumerate() {
                    let shortcut = command.shortcut_text(ui.ctx()).unwrap_or_default();
                    let enabled = self.is_enabled(command);
                    let button = egui::Button::selectable(i == selected, self.menu_text(command))
                        .shortcut_text(shortcut);
                    if ui
                        .add_enabled(enabled, button)
                        .on_hover_text(command.tooltip())
                        .clicked()
                    {
                        run = Some(command);
                    }
                }
                if found.is_empty() {
                    ui.label(RichText::new(tr("palette.none")).weak());
                }
            });
        if let Some(command) = run.filter(|c| self.is_enabled(*c)) {
            self.modal = None;
            self.run(&ui.ctx().clone(), command);
            return Some(self.modal.take());
        }
        Some(Some(Modal::Palette { query, selected }))
    }
}

/// Every command with its shortcuts, by menu: the same table the menus and palette use.
fn shortcuts_ui(ui: &mut egui::Ui) {
    ui.heading(tr("shortcuts.title"));
    egui::ScrollArea::vertical()
        .max_height(460.0)
        .show(ui, |ui| {
            for menu in Menu::ALL {
                ui.add_space(4.0);
                ui.strong(menu.text());
                egui::Grid::new(("shortcuts", menu.text()))
                    .num_columns(2)
                    .striped(true)
                    .show(ui, |ui| {
                        for command in Command::ALL
                            .iter()
                            .filter(|c| c.menu() == menu && !c.shortcuts().is_empty())
                        {
                            ui.label(command.text());
                            let keys: Vec<String> = command
                                .shortcuts()
                                .iter()
                                .map(|s| crate::commands::format_shortcut(ui.ctx(), s))
                                .collect();
                            ui.label(RichText::new(keys.join("  or  ")).monospace());
                            ui.end_row();
                        }
                    });
            }
            ui.add_space(4.0);
            ui.strong(tr("shortcuts.canvas"));
            egui::Grid::new("shortcuts-canvas")
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for (what, keys) in [
                        (tr("shortcuts.pan"), tr("shortcuts.pan.keys")),
                        (tr("shortcuts.zoom"), tr("shortcuts.zoom.keys")),
                        (tr("shortcuts.add"), tr("shortcuts.add.keys")),
                        (tr("shortcuts.box"), tr("shortcuts.box.keys")),
                        (tr("shortcuts.walk"), tr("shortcuts.walk.keys")),
                        (tr("shortcuts.score"), tr("shortcuts.score.keys")),
                        (tr("shortcuts.escape"), tr("shortcuts.escape.keys")),
                    ] {
                        ui.label(what);
                        ui.label(RichText::new(keys).monospace());
                        ui.end_row();
                    }
                });
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_palette_finds_commands_by_part_of_their_name() {
        assert!(matches_query("Duplicate", "dupl"));
        assert!(matches_query("Zoom to fit", "zf"));
        assert!(!matches_query("Undo", "redo"));
        assert_eq!(palette_matches("dupl").first(), Some(&Command::Duplicate));
        assert_eq!(palette_matches("save").first(), Some(&Command::Save));
        assert_eq!(palette_matches("").len(), Command::ALL.len());
    }
}
