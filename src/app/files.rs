//! Files: open, save, save as and export, the unsaved-changes guard, the system's file dialogs
//! (and the in-app path field where there are none), and saves that draw a picture in the
//! background so a big map never freezes the window.

use super::{JourneyMapApp, Modal, PathPurpose, Pending};
use crate::edit::SavedState;
use crate::formats::{self, Format};
use crate::i18n::{tr, tr_count, tr_with};
use crate::io::PictureSettings;
use crate::model::JourneyMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Where the open map is saved: its file, the file's kind, and how a picture is drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct FileTarget {
    pub path: PathBuf,
    pub format: Format,
    pub picture: PictureSettings,
    /// The file as it was when opened or last saved here, to tell when someone else wrote it.
    pub stamp: Option<DiskStamp>,
}

/// What tells one version of a file on disk from another: its time of change and its size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DiskStamp {
    modified: Option<std::time::SystemTime>,
    len: u64,
}

impl DiskStamp {
    /// The file at `path` as it is now (None when there is none).
    pub fn of(path: &Path) -> Option<DiskStamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(DiskStamp {
            modified: meta.modified().ok(),
            len: meta.len(),
        })
    }
}

impl FileTarget {
    /// Saving to `path` as `format`, drawn as `picture`; the file as it is now on disk.
    pub fn new(path: PathBuf, format: Format, picture: PictureSettings) -> Self {
        let stamp = DiskStamp::of(&path);
        Self {
            path,
            format,
            picture,
            stamp,
        }
    }
}

/// What the person agreed to when saving: to replace a file someone else changed since it was
/// opened, or a read-only one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Overrides {
    pub changed_on_disk: bool,
    pub read_only: bool,
}

/// Why Save asks before writing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OverwriteReason {
    /// The file changed on disk since it was opened or saved here.
    ChangedOnDisk,
    /// The file is read-only.
    ReadOnly,
}

/// A save running in the background: a picture being drawn and written.
pub struct SaveJob {
    pub target: FileTarget,
    /// The document's state that was copied and is being written.
    state: SavedState,
    /// How much is written, 0 to 1, as f32 bits.
    progress: Arc<AtomicU32>,
    handle: Option<JoinHandle<Result<(), String>>>,
    /// What to do once the save succeeds (New, Open or Close after "Save").
    pub then: Option<Pending>,
    pub started: Instant,
}

impl SaveJob {
    /// How much is written, 0 to 1.
    pub fn progress(&self) -> f32 {
        f32::from_bits(self.progress.load(Ordering::Relaxed))
    }

    fn is_finished(&self) -> bool {
        self.handle.as_ref().is_none_or(JoinHandle::is_finished)
    }

    fn result(&mut self) -> Result<(), String> {
        match self.handle.take().map(JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(_)) => Err(tr("notice.save_crashed").to_owned()),
            None => Ok(()),
        }
    }
}

pub(super) enum NativeDialog {
    Picked(PathBuf),
    Cancelled,
    Unavailable,
}

/// `~` and `~/…` mean the home folder, as in a shell.
pub fn expand_home(text: &str) -> PathBuf {
    let home = || std::env::var_os("HOME").map(PathBuf::from);
    match text.strip_prefix('~') {
        Some("") => home().unwrap_or_else(|| PathBuf::from(text)),
        Some(rest) if rest.starts_with('/') => match home() {
            Some(home) => home.join(&rest[1..]),
            None => PathBuf::from(text),
        },
        _ => PathBuf::from(text),
    }
}

/// The part of a path the path field selects, so that typing replaces the file's name and
/// keeps its folder and extension: the byte range of the name without its extension.
pub fn name_range(text: &str) -> std::ops::Range<usize> {
    let start = text.rfind('/').map_or(0, |i| i + 1);
    let name = &text[start..];
    let end = match name.rfind('.') {
        Some(dot) if dot > 0 => start + dot,
        _ => text.len(),
    };
    start..end
}

impl JourneyMapApp {
    /// Opens `path` now. On failure the open map stays as it was and a notice says why.
    pub fn open_now(&mut self, path: &Path) {
        match formats::open(path) {
            Ok(opened) if !opened.format.lossless() => {
                // An import: a new, unsaved map (Save asks where to keep it, as a map).
                let name = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let shown = path.display().to_string();
                let mut lines = opened.warning_lines(&shown);
                let count = lines.len();
                lines.truncate(5);
                if count > lines.len() {
                    lines.push(tr_count("notice.more_warnings", count - lines.len(), &[]));
                }
                self.replace_map(opened.map, None, &name);
                self.doc.mark_unsaved();
                let mut text = tr_with(
                    "notice.imported",
                    &[("path", &shown), ("format", tr(opened.format.label_key()))],
                );
                for line in lines {
                    text.push('\n');
                    text.push_str(&line);
                }
                self.notify(text, count > 0);
            }
            Ok(opened) => {
                self.settings.remember(path);
                let target = FileTarget::new(
                    path.to_owned(),
                    opened.format,
                    opened.picture.unwrap_or_default(),
                );
                self.replace_map(opened.map, Some(target), "");
                if opened.damaged {
                    self.notify(
                        tr_with(
                            "notice.picture_damaged",
                            &[("path", &path.display().to_string())],
                        ),
                        true,
                    );
                }
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

    pub(super) fn perform(&mut self, pending: Pending) {
        match pending {
            Pending::New(super::NewMap::Blank) => {
                self.replace_map(super::localized_blank(), None, "");
            }
            Pending::New(super::NewMap::Template(name)) => {
                if let Some(template) = crate::templates::find(name) {
                    self.replace_map(template.map(), None, template.title());
                }
            }
            Pending::Open(path) => self.open_now(&path),
            Pending::Import(text) => self.import_mermaid(&text),
            Pending::Close => {
                self.allow_close = true;
                self.close_now = true;
            }
        }
    }

    /// What `path` is saved as: the kind its extension names (`.ron` added when it has none).
    /// A picture is drawn as the open picture was, or as the screen shows the map.
    fn target_for(&mut self, path: &Path) -> Result<FileTarget, formats::FormatError> {
        let path = if path.extension().is_none() {
            path.with_extension(Format::Ron.extension())
        } else {
            path.to_owned()
        };
        let format = Format::of_path(&path)?;
        let picture = match &self.target {
            Some(target) if target.format.is_picture() => target.picture,
            _ => self.screen_picture(),
        };
        Ok(FileTarget::new(path, format, picture))
    }

    /// Whether the map's own file changed on disk since it was opened or saved here.
    pub fn changed_on_disk(&self, path: &Path) -> bool {
        self.target.as_ref().is_some_and(|t| {
            t.path == path
                && t.stamp.is_some()
                && DiskStamp::of(path).is_some_and(|now| Some(now) != t.stamp)
        })
    }

    /// Says so when the map's file changed on disk while the window was away (once per
    /// change).
    pub(super) fn check_file_on_disk(&mut self) {
        let Some(path) = self.target.as_ref().map(|t| t.path.clone()) else {
            return;
        };
        if self.changed_on_disk(&path) {
            self.notify(
                tr_with(
                    "notice.changed_on_disk",
                    &[("path", &path.display().to_string())],
                ),
                true,
            );
            // Told once: the next change is news again.
            if let Some(target) = self.target.as_mut() {
                target.stamp = DiskStamp::of(&path);
                self.stale_on_disk = true;
            }
        }
    }

    /// Restores the map of a recovery copy a window that is gone left: the open map gives way
    /// to it (unsaved, with its file as the target), and the copy is ours from now on.
    pub fn restore(&mut self, orphan: &super::recovery::Orphan) {
        let opened =
            crate::io::read_bounded(&orphan.map).and_then(|bytes| crate::io::from_bytes(&bytes));
        match opened {
            Ok(map) => {
                let target = orphan.info.file.as_ref().and_then(|path| {
                    let format = Format::of_path(path).ok()?;
                    let picture = formats::open(path)
                        .ok()
                        .and_then(|o| o.picture)
                        .unwrap_or_default();
                    Some(FileTarget::new(path.clone(), format, picture))
                });
                let name = orphan.info.title.clone();
                self.replace_map(map, target, &name);
                self.doc.mark_unsaved();
                orphan.discard();
                self.notify(tr("notice.restored"), false);
            }
            Err(err) => {
                let lines = err.report(&orphan.map.display().to_string());
                self.notify(
                    format!("{}\n{}", tr("notice.restore_failed"), lines.join("\n")),
                    true,
                );
            }
        }
    }

    /// A picture drawn as the screen shows the map: its theme and its background.
    pub(super) fn screen_picture(&self) -> PictureSettings {
        PictureSettings {
            background: crate::io::Background::Canvas,
            dark: self.screen_theme.dark,
            ..PictureSettings::default()
        }
    }

    /// Writes the map to `path` as the kind its name says (`.ron` when it says none). Map text
    /// is written at once; a picture is drawn in the background (see [`Self::save_in_progress`]).
    /// Returns false when the save failed at once (a notice says why; nothing else changes).
    pub fn write_to(&mut self, path: &Path, then: Option<Pending>) -> bool {
        self.write_to_with(path, then, Overrides::default())
    }

    /// [`Self::write_to`], with what the person already agreed to. A file someone else changed
    /// since it was opened here, or a read-only one, is not replaced before they agree: a
    /// dialog asks, and the map stays as it is (unsaved) meanwhile.
    pub fn write_to_with(
        &mut self,
        path: &Path,
        then: Option<Pending>,
        overrides: Overrides,
    ) -> bool {
        if self.save_job.is_some() {
            self.notify(tr("notice.save_busy"), false);
            return false;
        }
        let target = match self.target_for(path) {
            Ok(target) => target,
            Err(err) => {
                self.save_failed(path, &err.to_string());
                return false;
            }
        };
        // A Mermaid diagram or a table keeps only part of the map: they are exported, never
        // saved to, so the map never silently loses what they cannot hold.
        if !target.format.lossless() {
            let reason = tr_with(
                "notice.save_lossy",
                &[("format", tr(target.format.label_key()))],
            );
            self.save_failed(path, &reason);
            return false;
        }
        let ask = |reason| Modal::ConfirmOverwrite {
            path: target.path.clone(),
            reason,
            then: then.clone(),
            overrides,
        };
        if !overrides.changed_on_disk
            && (self.stale_on_disk || self.changed_on_disk(&target.path))
            && self.target.as_ref().is_some_and(|t| t.path == target.path)
        {
            self.modal = Some(ask(OverwriteReason::ChangedOnDisk));
            return false;
        }
        let read_only = std::fs::metadata(&target.path).is_ok_and(|m| m.permissions().readonly());
        if read_only && !overrides.read_only {
            self.modal = Some(ask(OverwriteReason::ReadOnly));
            return false;
        }
        let write_options = crate::io::WriteOptions {
            over_read_only: overrides.read_only,
        };
        if target.format.is_picture() {
            self.start_save_job(target, then, write_options);
            return true;
        }
        match formats::write_with(
            &target.path,
            self.doc.map(),
            target.format,
            &target.picture,
            &|_| {},
            write_options,
        ) {
            Ok(_) => {
                let state = self.doc.state();
                self.saved(target, state);
                if let Some(then) = then {
                    self.guarded(then);
                }
                true
            }
            Err(err) => {
                self.save_failed(&target.path, &err.to_string());
                false
            }
        }
    }

    fn saved(&mut self, mut target: FileTarget, state: SavedState) {
        self.doc.mark_saved_state(state);
        self.settings.remember(&target.path);
        target.stamp = DiskStamp::of(&target.path);
        self.stale_on_disk = false;
        self.target = Some(target);
    }

    fn save_failed(&mut self, path: &Path, reason: &str) {
        self.notify(
            tr_with(
                "notice.save_failed",
                &[("path", &path.display().to_string()), ("reason", reason)],
            ),
            true,
        );
    }

    /// Draws and writes a picture on another thread from a copy of the map; editing goes on.
    fn start_save_job(
        &mut self,
        target: FileTarget,
        then: Option<Pending>,
        write_options: crate::io::WriteOptions,
    ) {
        let map: JourneyMap = self.doc.map().clone();
        let progress = Arc::new(AtomicU32::new(0));
        let language = crate::i18n::language();
        let (path, format, picture) = (target.path.clone(), target.format, target.picture);
        let reporter = progress.clone();
        let spawned = std::thread::Builder::new()
            .name("journeymap-save".into())
            .spawn(move || {
                // The picture's words (row labels) are in the interface's language.
                crate::i18n::set_language(language);
                let report = |share: f32| reporter.store(share.to_bits(), Ordering::Relaxed);
                formats::write_with(&path, &map, format, &picture, &report, write_options)
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            });
        match spawned {
            Ok(handle) => {
                self.save_job = Some(SaveJob {
                    target,
                    state: self.doc.state(),
                    progress,
                    handle: Some(handle),
                    then,
                    started: Instant::now(),
                });
            }
            Err(err) => self.save_failed(&target.path, &err.to_string()),
        }
    }

    /// Whether a picture is being saved in the background.
    pub fn save_in_progress(&self) -> bool {
        self.save_job.is_some()
    }

    /// Finishes a background save that has ended: marks the map saved (if it was not edited
    /// meanwhile) and carries on with what waited for it. With `wait`, waits for it to end.
    pub fn finish_save(&mut self, wait: bool) {
        let Some(job) = &self.save_job else { return };
        if !wait && !job.is_finished() {
            return;
        }
        let Some(mut job) = self.save_job.take() else {
            return;
        };
        match job.result() {
            Ok(()) => {
                self.notify(
                    tr_with(
                        "notice.saved",
                        &[("path", &job.target.path.display().to_string())],
                    ),
                    false,
                );
                let then = job.then.take();
                self.saved(job.target, job.state);
                if let Some(then) = then {
                    self.guarded(then);
                }
            }
            Err(reason) => self.save_failed(&job.target.path, &reason),
        }
    }

    /// Saves to the map's file (asking for one if it has none), then carries on with `then`.
    pub fn save(&mut self, then: Option<Pending>) {
        match self.target.as_ref().map(|t| t.path.clone()) {
            Some(path) => {
                self.write_to(&path, then);
            }
            None => self.save_as(then),
        }
    }

    pub fn save_as(&mut self, then: Option<Pending>) {
        let extension = self
            .target
            .as_ref()
            .map_or(Format::Ron, |t| t.format)
            .extension();
        let suggested = format!("{}.{extension}", self.display_stem());
        let filters: Vec<(String, Vec<&str>)> = Format::ALL
            .iter()
            .filter(|f| f.lossless())
            .map(|f| (tr(f.label_key()).to_owned(), vec![f.extension()]))
            .collect();
        match self.native_file_dialog(false, &suggested, &filters) {
            NativeDialog::Picked(path) => {
                self.write_to(&path, then);
            }
            NativeDialog::Cancelled => {}
            NativeDialog::Unavailable => {
                let text = self
                    .target
                    .as_ref()
                    .map_or(suggested, |t| t.path.display().to_string());
                self.modal = Some(Modal::PathPrompt {
                    purpose: PathPurpose::SaveAs { then },
                    text,
                    selected: false,
                });
            }
        }
    }

    pub fn open_dialog(&mut self) {
        let filters = vec![(
            tr("dialog.filter.open").to_owned(),
            Format::all_extensions(),
        )];
        self.pick_and_open(&filters);
    }

    /// Open, offering the kinds a map is imported from (Mermaid, tables).
    pub fn import_dialog(&mut self) {
        let filters: Vec<(String, Vec<&str>)> = Format::ALL
            .iter()
            .filter(|f| !f.lossless())
            .map(|f| (tr(f.label_key()).to_owned(), vec![f.extension()]))
            .collect();
        self.pick_and_open(&filters);
    }

    fn pick_and_open(&mut self, filters: &[(String, Vec<&str>)]) {
        match self.native_file_dialog(true, "", filters) {
            NativeDialog::Picked(path) => self.guarded(Pending::Open(path)),
            NativeDialog::Cancelled => {}
            NativeDialog::Unavailable => {
                let text = self
                    .target
                    .as_ref()
                    .and_then(|t| t.path.parent())
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

    /// Exports the map to `path` as its name says, drawn as the screen shows it; a notice says
    /// how it went. The open map keeps its own file.
    pub fn export_to(&mut self, path: &Path) {
        let picture = crate::io::PictureSettings {
            insights: self.export_insights,
            ..self.screen_picture()
        };
        // The export dialog may wrap a long journey its own way; the picture carries the map
        // with that setting, so it opens again as it looks.
        let mut map = self.doc.map().clone();
        if let Some(wrap) = self.export_wrap {
            map.options.wrap = wrap;
        }
        let poster = self.export_pages != crate::export::pdf::Pages::One
            && Format::of_path(path) == Ok(Format::Pdf);
        let written = if poster {
            let options = crate::export::ExportOptions::from_settings(picture);
            crate::export::pdf::to_pdf_pages(&map, &options, self.export_pages)
                .map_err(|e| e.to_string())
                .and_then(|bytes| {
                    crate::io::write_atomically(path, &bytes).map_err(|e| e.to_string())
                })
                .map(|()| (Format::Pdf, Vec::new()))
        } else {
            formats::write_by_name(path, &map, &picture).map_err(|e| e.to_string())
        };
        match written {
            Ok((format, lost)) => {
                let mut text = tr_with("notice.exported", &[("path", &path.display().to_string())]);
                for line in &lost {
                    text.push_str("\n• ");
                    text.push_str(line);
                }
                // What the file could not hold stays on screen until read.
                self.notify(text, !lost.is_empty());
                if format.is_picture() {
                    self.warn_missing_glyphs();
                }
            }
            Err(err) => self.notify(
                tr_with(
                    "notice.export_failed",
                    &[("path", &path.display().to_string()), ("reason", &err)],
                ),
                true,
            ),
        }
    }

    fn warn_missing_glyphs(&mut self) {
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

    pub fn export_dialog(&mut self, format: Format) {
        let extension = format.extension();
        let suggested = format!("{}.{extension}", self.display_stem());
        let filters = vec![(tr(format.label_key()).to_owned(), vec![extension])];
        match self.native_file_dialog(false, &suggested, &filters) {
            NativeDialog::Picked(path) => self.export_to(&path),
            NativeDialog::Cancelled => {}
            NativeDialog::Unavailable => {
                let text = match &self.target {
                    Some(t) => t.path.with_extension(extension).display().to_string(),
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
    pub(super) fn native_file_dialog(
        &mut self,
        open: bool,
        suggested: &str,
        filters: &[(String, Vec<&str>)],
    ) -> NativeDialog {
        if !self.native_dialogs {
            return NativeDialog::Unavailable;
        }
        let started = Instant::now();
        let mut dialog = rfd::FileDialog::new();
        for (name, extensions) in filters {
            dialog = dialog.add_filter(name, extensions);
        }
        let dialog = dialog.add_filter(tr("dialog.filter.all"), &["*"]);
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

    /// The map's file name without its extension (or the untitled name).
    fn display_stem(&self) -> String {
        match &self.target {
            Some(t) => t
                .path
                .file_stem()
                .map_or_else(|| self.display_name(), |s| s.to_string_lossy().into_owned()),
            None => file_stem_for(&self.untitled_name),
        }
    }
}

/// A name made fit to be a file's name on every system: no path separators, no characters
/// Windows refuses, no control characters, no dots or spaces at the ends, at most 80
/// characters; "Untitled" when nothing is left.
fn file_stem_for(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_control() || r#"/\:*?"<>|"#.contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let joined: String = words.join(" ").chars().take(80).collect();
    let stem = joined.trim_matches(|c: char| c == '.' || c.is_whitespace());
    if stem.is_empty() {
        tr("app.untitled").to_owned()
    } else {
        stem.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_becomes_a_file_name_every_system_takes() {
        assert_eq!(
            file_stem_for("网上买手机：平平无奇 vs 处处惊喜"),
            "网上买手机：平平无奇 vs 处处惊喜"
        );
        assert_eq!(file_stem_for("Buy/sell: a \"deal\"?"), "Buy sell a deal");
        assert_eq!(file_stem_for(" ..hidden.. "), "hidden");
        assert_eq!(file_stem_for("a\tb\nc"), "a b c");
        assert_eq!(file_stem_for(&"长".repeat(200)).chars().count(), 80);
        assert_eq!(file_stem_for("///"), tr("app.untitled"));
    }

    #[test]
    fn a_tilde_is_the_home_folder() {
        let Some(home) = std::env::var_os("HOME").map(PathBuf::from) else {
            return;
        };
        assert_eq!(expand_home("~"), home);
        assert_eq!(expand_home("~/maps/a.ron"), home.join("maps/a.ron"));
        assert_eq!(expand_home("/tmp/~x"), PathBuf::from("/tmp/~x"));
        assert_eq!(expand_home("~other/a"), PathBuf::from("~other/a"));
    }

    #[test]
    fn the_path_field_selects_the_name_alone() {
        let text = "/home/mei/maps/silk.shop.ron";
        assert_eq!(&text[name_range(text)], "silk.shop");
        assert_eq!(&"map.png"[name_range("map.png")], "map");
        assert_eq!(&"/a/noext"[name_range("/a/noext")], "noext");
        assert_eq!(&"/a/.hidden"[name_range("/a/.hidden")], ".hidden");
        assert_eq!(name_range("/a/"), 3..3);
    }
}
