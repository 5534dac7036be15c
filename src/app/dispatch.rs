//! Command dispatch: every command a person asks for — from a menu, the toolbar, the palette
//! or a shortcut — goes through one queue and is run here, after the frame's interface is
//! drawn, so every way in behaves the same.

use super::{JourneyMapApp, Modal, Pending, ThemeChoice};
use crate::commands::Command;
use crate::edit::actions;
use crate::formats::Format;
use crate::i18n::{tr, tr_with};
use crate::io;
use crate::model::Item;
use egui::ViewportCommand;

/// The commands asked for this frame, in order.
#[derive(Debug, Default)]
pub struct CommandQueue(Vec<Command>);

impl CommandQueue {
    /// Asks for `command` to run at the end of this frame.
    pub fn send(&mut self, command: Command) {
        self.0.push(command);
    }

    fn take(&mut self) -> Vec<Command> {
        std::mem::take(&mut self.0)
    }
}

impl JourneyMapApp {
    /// Runs the commands asked for this frame; returns whether any ran.
    pub(super) fn run_queued(&mut self, ctx: &egui::Context) -> bool {
        let commands = self.commands.take();
        for &command in &commands {
            self.run(ctx, command);
        }
        !commands.is_empty()
    }

    fn copy_selection(&mut self, ctx: &egui::Context) -> bool {
        let clip = crate::model::Clip::copy(self.doc.map(), &self.canvas.selection);
        if clip.is_empty() {
            return false;
        }
        ctx.copy_text(io::clip_to_text(&clip));
        true
    }

    /// Pastes clipboard text: a clip of ours lands next to the selection; a Mermaid journey
    /// asks whether to open it as a new map or add it to this one; other text is ignored.
    pub fn paste_text(&mut self, text: &str) {
        let Some(clip) = io::clip_from_text(text) else {
            if crate::formats::Format::sniff(text.as_bytes()) == Format::Mermaid {
                match io::from_mermaid(text) {
                    Ok(imported) => {
                        let map = &imported.map;
                        let summary = tr_with(
                            "dialog.paste_mermaid.body",
                            &[
                                ("title", &map.header.title),
                                ("stages", &map.stages.len().to_string()),
                                ("touchpoints", &map.touchpoint_count().to_string()),
                            ],
                        );
                        self.modal = Some(Modal::PasteMermaid(super::dialogs::PastedMermaid {
                            text: text.to_owned(),
                            summary,
                        }));
                    }
                    Err(err) => self.notify(
                        format!(
                            "{}\n{}",
                            tr("notice.paste_mermaid_failed"),
                            err.report(tr("notice.pasted_text")).join("\n")
                        ),
                        true,
                    ),
                }
            }
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

    /// Opens pasted Mermaid text as a new, unsaved map (the caller has dealt with unsaved
    /// changes), its warnings in a notice.
    pub fn import_mermaid(&mut self, text: &str) {
        match io::from_mermaid(text) {
            Ok(imported) => {
                let name = imported.map.header.title.clone();
                self.replace_map(imported.map, None, &name);
                self.doc.mark_unsaved();
                self.notify_import_warnings(&imported.warnings);
            }
            Err(err) => self.notify(err.report(tr("notice.pasted_text")).join("\n"), true),
        }
    }

    /// Adds pasted Mermaid text's stages after this map's last stage, as one undo step.
    pub fn merge_mermaid(&mut self, text: &str) {
        match io::from_mermaid(text) {
            Ok(imported) => {
                let mut ids = self.doc.ids();
                if let Some(edit) = actions::merge(self.doc.map(), &imported.map, &mut ids) {
                    self.apply(tr("undo.merge_mermaid"), edit);
                }
                self.notify_import_warnings(&imported.warnings);
            }
            Err(err) => self.notify(err.report(tr("notice.pasted_text")).join("\n"), true),
        }
    }

    fn notify_import_warnings(&mut self, warnings: &[io::FileProblem]) {
        if warnings.is_empty() {
            return;
        }
        let lines: Vec<String> = warnings
            .iter()
            .take(5)
            .map(|w| match w.at {
                Some(at) => {
                    crate::i18n::labelled(&format!("{}:{at}", tr("notice.pasted_text")), &w.message)
                }
                None => w.message.clone(),
            })
            .collect();
        let mut text = lines.join("\n");
        if warnings.len() > lines.len() {
            text.push('\n');
            text.push_str(&crate::i18n::tr_count(
                "notice.more_warnings",
                warnings.len() - lines.len(),
                &[],
            ));
        }
        self.notify(text, true);
    }

    /// Runs a command from the command table (through [`CommandQueue`], not directly).
    fn run(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::New => self.modal = Some(Modal::NewChooser),
            Command::Open => self.open_dialog(),
            Command::Save => self.save(None),
            Command::SaveAs => self.save_as(None),
            Command::Quit => self.guarded(Pending::Close),
            Command::ExportPng => self.export_dialog(Format::Png),
            Command::ExportSvg => self.export_dialog(Format::Svg),
            Command::ExportPdf => self.export_dialog(Format::Pdf),
            Command::ExportMermaid => self.export_dialog(Format::Mermaid),
            Command::ExportCsv => self.export_dialog(Format::Csv),
            Command::Import => self.import_dialog(),
            Command::CompareWithFile => self.compare_dialog(),
            Command::NextChange => {
                self.step_change(true);
                self.scroll_to_change = true;
            }
            Command::PreviousChange => {
                self.step_change(false);
                self.scroll_to_change = true;
            }
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
                self.settings.show_inspector = !self.settings.show_inspector;
            }
            Command::ToggleInsights => self.insights_open = !self.insights_open,
            Command::ThemeSystem => self.settings.theme = ThemeChoice::System,
            Command::ThemeLight => self.settings.theme = ThemeChoice::Light,
            Command::ThemeDark => self.settings.theme = ThemeChoice::Dark,
            Command::Fullscreen => {
                let full = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
                ctx.send_viewport_cmd(ViewportCommand::Fullscreen(!full));
            }
            Command::Present => self.start_presenting(ctx),
            Command::ToggleAudienceWindow => {
                let on = &mut self.settings.present.audience_window;
                *on = !*on;
            }
            Command::ToggleHighContrast => {
                let on = &mut self.settings.present.high_contrast;
                *on = !*on;
            }
            Command::ToggleGlide => {
                let on = &mut self.settings.present.glide;
                *on = !*on;
            }
            Command::ToggleRevealCurve => {
                let on = &mut self.settings.present.reveal_curve;
                *on = !*on;
            }
            Command::ResetVotes => {
                if let Some(edit) = super::present::voting::reset_votes(self.doc.map()) {
                    self.apply(tr("undo.reset_votes"), edit);
                }
            }
            Command::PresentNext
            | Command::PresentPrevious
            | Command::PresentFirst
            | Command::PresentLast
            | Command::PresentGoTo
            | Command::PresentScrollUp
            | Command::PresentScrollDown
            | Command::PresentBlank
            | Command::PresentCapture
            | Command::PresentNextField
            | Command::PresentPreviousField
            | Command::PresentVote
            | Command::PresentUnvote
            | Command::PresentEndRound
            | Command::PresentChooseLanes
            | Command::PresentTimer
            | Command::PresentInsights
            | Command::PresentTimerLess
            | Command::PresentTimerMore
            | Command::PresentHelp
            | Command::PresentExit => self.run_present(ctx, command),
            Command::CommandPalette => {
                self.modal = Some(Modal::Palette {
                    query: String::new(),
                    selected: 0,
                });
            }
            Command::ShortcutHelp => self.modal = Some(Modal::Shortcuts),
        }
    }

    pub fn is_enabled(&self, command: Command) -> bool {
        let selected = !self.canvas.selection.is_empty();
        if !command.works(self.presenting()) {
            return false;
        }
        let round = self.present.as_ref().is_some_and(|p| p.round.is_some());
        match command {
            Command::PresentUnvote | Command::PresentEndRound => round,
            Command::Undo => self.doc.undo_label().is_some(),
            Command::Redo => self.doc.redo_label().is_some(),
            Command::Delete | Command::Duplicate | Command::Copy | Command::Cut => selected,
            Command::Save | Command::SaveAs => self.save_job.is_none(),
            Command::NextChange | Command::PreviousChange => {
                self.compare.as_ref().is_some_and(|c| !c.changes.is_empty())
                    || self.doc.map().live_conflicts().next().is_some()
            }
            Command::AddNote => self.canvas.note_place(self.doc.map()).is_some(),
            Command::EditText => match self.canvas.selection.iter().collect::<Vec<_>>()[..] {
                [item] => self.doc.map().item_text(*item).is_some(),
                _ => false,
            },
            _ => true,
        }
    }

    pub(super) fn is_checked(&self, command: Command) -> bool {
        match command {
            Command::ToggleInspector => self.settings.show_inspector,
            Command::ToggleInsights => self.insights_open,
            Command::ThemeSystem => self.settings.theme == ThemeChoice::System,
            Command::ThemeLight => self.settings.theme == ThemeChoice::Light,
            Command::ThemeDark => self.settings.theme == ThemeChoice::Dark,
            Command::ToggleAudienceWindow => self.settings.present.audience_window,
            Command::ToggleHighContrast => self.settings.present.high_contrast,
            Command::ToggleGlide => self.settings.present.glide,
            Command::ToggleRevealCurve => self.settings.present.reveal_curve,
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
}
