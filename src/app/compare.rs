//! Compare with file: the open map against another version of it (a teammate's copy, an older
//! export). The differences are marked on the canvas (added, changed, moved) and listed in a
//! panel to step through with F8 and Shift+F8; they follow the map as it is edited.

use super::JourneyMapApp;
use crate::canvas::Mark;
use crate::i18n::{tr, tr_count, tr_with};
use crate::model::diff::{Change, Kind, diff};
use crate::model::*;
use std::path::{Path, PathBuf};

/// A comparison under way.
pub struct Comparison {
    /// The other version's file.
    pub path: PathBuf,
    /// The other version.
    pub other: JourneyMap,
    /// What differs, the open map being the newer.
    pub changes: Vec<Change>,
    /// The item of the open map each change is about (None for what only the other has).
    pub items: Vec<Option<Item>>,
    /// The change stepped to last.
    pub current: Option<usize>,
    /// The document revision the changes were found at.
    revision: u64,
}

/// The item of `map` a change is about.
fn item_of(map: &JourneyMap, change: &Change) -> Option<Item> {
    let of = |kind: Kind, id: u32| match kind {
        Kind::Stage => Some(Item::Stage(StageId(id))),
        Kind::Touchpoint => Some(Item::Touchpoint(TouchpointId(id))),
        Kind::Lane => Some(Item::Lane(LaneId(id))),
        Kind::Note => Some(Item::Note(NoteId(id))),
        Kind::Curve => Some(Item::Curve(CurveId(id))),
        Kind::Persona | Kind::Header | Kind::Scale | Kind::Options | Kind::Conflict => None,
    };
    match change {
        Change::Added { kind, id, .. }
        | Change::Renamed { kind, id, .. }
        | Change::Moved { kind, id, .. }
        | Change::Changed { kind, id, .. } => of(*kind, *id),
        Change::Removed { .. } => None,
        Change::Score {
            curve, of, item, ..
        } => {
            let curve = map.curves.iter().find(|c| c.name == *curve)?.id;
            match of {
                Kind::Stage => map
                    .stages
                    .iter()
                    .find(|s| s.name == *item)
                    .map(|s| Item::StageScore(curve, s.id)),
                _ => map
                    .touchpoints()
                    .find(|t| t.title == *item)
                    .map(|t| Item::Score(curve, t.id)),
            }
        }
    }
}

fn mark_of(change: &Change) -> Option<Mark> {
    match change {
        Change::Added { .. } => Some(Mark::Added),
        Change::Moved { .. } => Some(Mark::Moved),
        Change::Renamed { .. } | Change::Changed { .. } | Change::Score { .. } => {
            Some(Mark::Changed)
        }
        Change::Removed { .. } => None,
    }
}

impl JourneyMapApp {
    /// Asks for the file to compare the open map with.
    pub fn compare_dialog(&mut self) {
        let filters = vec![(
            tr("dialog.filter.open").to_owned(),
            crate::formats::Format::all_extensions(),
        )];
        match self.native_file_dialog(true, "", &filters) {
            super::files::NativeDialog::Picked(path) => self.compare_with(&path),
            super::files::NativeDialog::Cancelled => {}
            super::files::NativeDialog::Unavailable => {
                self.modal = Some(super::Modal::PathPrompt {
                    purpose: super::PathPurpose::Compare,
                    text: String::new(),
                    selected: false,
                });
            }
        }
    }

    /// Compares the open map with the map in `path` (any kind of map file); a file that does
    /// not open is said in a notice and nothing changes.
    pub fn compare_with(&mut self, path: &Path) {
        match crate::formats::open(path) {
            Ok(opened) => {
                self.compare = Some(Comparison {
                    path: path.to_owned(),
                    other: opened.map,
                    changes: Vec::new(),
                    items: Vec::new(),
                    current: None,
                    revision: u64::MAX,
                });
                self.refresh_comparison();
            }
            Err(err) => {
                let lines = err.report(&path.display().to_string());
                self.notify(
                    format!("{}\n{}", tr("notice.compare_failed"), lines.join("\n")),
                    true,
                );
            }
        }
    }

    /// Finds the changes again when the map changed since.
    pub(super) fn refresh_comparison(&mut self) {
        let revision = self.doc.revision();
        let Some(comparison) = self.compare.as_mut() else {
            self.canvas.marks.clear();
            return;
        };
        if comparison.revision == revision {
            return;
        }
        let map = self.doc.map();
        comparison.changes = diff(&comparison.other, map);
        comparison.items = comparison.changes.iter().map(|c| item_of(map, c)).collect();
        comparison.revision = revision;
        comparison.current = comparison.current.filter(|&i| i < comparison.changes.len());
        self.canvas.marks = comparison
            .changes
            .iter()
            .zip(&comparison.items)
            .filter_map(|(change, item)| Some(((*item)?, mark_of(change)?)))
            .collect();
    }

    /// Steps to the next (or previous) change: selects its item and brings it into view.
    /// Without a comparison, steps through the merge's conflict marks.
    pub fn step_change(&mut self, forward: bool) {
        let Some(comparison) = self.compare.as_mut().filter(|c| !c.changes.is_empty()) else {
            self.step_conflict(forward);
            return;
        };
        let count = comparison.changes.len();
        let next = match (comparison.current, forward) {
            (None, true) => 0,
            (None, false) => count - 1,
            (Some(i), true) => (i + 1) % count,
            (Some(i), false) => (i + count - 1) % count,
        };
        self.go_to_change(next);
    }

    /// Selects the next (or previous) item with a conflict mark after the one selected.
    fn step_conflict(&mut self, forward: bool) {
        let mut items: Vec<Item> = Vec::new();
        for (_, mark) in self.doc.map().live_conflicts() {
            if !items.contains(&mark.on.item()) {
                items.push(mark.on.item());
            }
        }
        let count = items.len();
        if count == 0 {
            return;
        }
        let at = items
            .iter()
            .position(|item| self.canvas.selection.contains(item));
        let next = match (at, forward) {
            (None, true) => 0,
            (None, false) => count - 1,
            (Some(i), true) => (i + 1) % count,
            (Some(i), false) => (i + count - 1) % count,
        };
        let item = items[next];
        self.canvas.selection = [item].into_iter().collect();
        self.canvas.show(item);
    }

    fn go_to_change(&mut self, index: usize) {
        let Some(comparison) = self.compare.as_mut() else {
            return;
        };
        comparison.current = Some(index);
        if let Some(Some(item)) = comparison.items.get(index).copied() {
            self.canvas.selection = [item].into_iter().collect();
            self.canvas.show(item);
        }
    }

    /// The list of changes, beside the canvas.
    pub(super) fn compare_panel(&mut self, ui: &mut egui::Ui) {
        self.refresh_comparison();
        let Some(comparison) = self.compare.as_ref() else {
            return;
        };
        let name = comparison.path.file_name().map_or_else(
            || comparison.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let mut go = None;
        let mut close = false;
        egui::Panel::left("compare")
            .resizable(true)
            .default_size(320.0)
            .show(ui, |ui| {
                ui.heading(tr("compare.heading"));
                ui.label(tr_with("compare.with", &[("file", &name)]));
                ui.label(tr_count("compare.count", comparison.changes.len(), &[]));
                ui.horizontal(|ui| {
                    if ui.button(tr("compare.previous")).clicked() {
                        go = Some(false);
                    }
                    if ui.button(tr("compare.next")).clicked() {
                        go = Some(true);
                    }
                    if ui.button(tr("compare.close")).clicked() {
                        close = true;
                    }
                });
                ui.separator();
                if comparison.changes.is_empty() {
                    ui.label(tr("compare.same"));
                }
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for (i, change) in comparison.changes.iter().enumerate() {
                        let text = change.to_string();
                        let chosen = comparison.current == Some(i);
                        let response = ui.add(egui::Button::selectable(chosen, text).truncate());
                        if response.clicked() {
                            go = None;
                            self.pending_change = Some(i);
                        }
                        if chosen && self.scroll_to_change {
                            response.scroll_to_me(None);
                        }
                    }
                });
            });
        super::name_resize_handle(ui, "compare");
        self.scroll_to_change = false;
        if close {
            self.compare = None;
            self.canvas.marks.clear();
            return;
        }
        if let Some(forward) = go {
            self.step_change(forward);
            self.scroll_to_change = true;
        }
        if let Some(i) = self.pending_change.take() {
            self.go_to_change(i);
        }
    }
}
