//! Never lose work: while the map has unsaved changes, a recovery copy (always map text,
//! whatever the file's own kind) is written beside the app's data every half minute and when
//! the window loses focus, atomically and off the UI thread; never over the person's file. A
//! save or a clean exit removes it. Each running window holds a lock on its own copy, so the
//! next start offers a copy only when the window that wrote it is gone (a crash, a kill), never
//! a copy of a window still open.

use crate::edit::Document;
use crate::io;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// How often a map with unsaved changes is copied (`JOURNEYMAP_AUTOSAVE_SECONDS` sets it, for
/// tests).
fn interval() -> Duration {
    let seconds = std::env::var("JOURNEYMAP_AUTOSAVE_SECONDS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|s| *s > 0.0)
        .unwrap_or(30.0);
    Duration::from_secs_f64(seconds)
}

/// What a recovery copy says of itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryInfo {
    /// The map's file, if it had one.
    pub file: Option<PathBuf>,
    /// The map's title.
    pub title: String,
    /// When the copy was written, in seconds since 1970.
    pub saved_unix: u64,
}

/// A recovery copy left by a window that is gone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Orphan {
    /// The copy's map text.
    pub map: PathBuf,
    /// What it says of itself.
    pub info: RecoveryInfo,
}

impl Orphan {
    /// How long ago the copy was written, in whole minutes.
    pub fn minutes_ago(&self) -> u64 {
        now_unix().saturating_sub(self.info.saved_unix) / 60
    }

    /// Removes the copy and its companions.
    pub fn discard(&self) {
        for extension in ["ron", "info", "lock"] {
            let _ = std::fs::remove_file(self.map.with_extension(extension));
        }
    }
}

fn now_unix() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// This window's recovery copy.
pub struct Recovery {
    dir: PathBuf,
    id: String,
    /// Held for as long as the window runs: the copy is ours.
    _lock: File,
    written_revision: Option<u64>,
    last_write: Option<Instant>,
    writer: Option<JoinHandle<()>>,
}

impl Recovery {
    /// Starts keeping recovery copies in `dir` (made if missing). None when the folder cannot
    /// be made or locked: the editor works on without copies.
    pub fn start(dir: &Path) -> Option<Self> {
        std::fs::create_dir_all(dir).ok()?;
        let millis = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        let id = format!("{}-{millis}", std::process::id());
        let lock = File::create(dir.join(format!("{id}.lock"))).ok()?;
        lock.try_lock().ok()?;
        Some(Self {
            dir: dir.to_owned(),
            id,
            _lock: lock,
            written_revision: None,
            last_write: None,
            writer: None,
        })
    }

    fn path(&self, extension: &str) -> PathBuf {
        self.dir.join(format!("{}.{extension}", self.id))
    }

    /// Called every frame: copies the map when it has unsaved changes not yet copied, and the
    /// interval has passed or `now_please` (the window lost focus); removes the copy once the
    /// map is saved.
    pub fn tick(&mut self, doc: &Document, file: Option<&Path>, now_please: bool) {
        if self.writer.as_ref().is_some_and(JoinHandle::is_finished)
            && let Some(writer) = self.writer.take()
        {
            let _ = writer.join();
        }
        if !doc.is_dirty() {
            // Saved: the copy goes now, even when it is still being written (clear waits for
            // the writer), so no copy outlives the save.
            if self.written_revision.is_some() {
                self.clear();
            }
            return;
        }
        let due = self.last_write.is_none_or(|t| t.elapsed() >= interval()) || now_please;
        if !due || self.writer.is_some() || self.written_revision == Some(doc.revision()) {
            return;
        }
        let map = doc.map().clone();
        let info = RecoveryInfo {
            file: file.map(Path::to_owned),
            title: map.header.title.clone(),
            saved_unix: now_unix(),
        };
        let (ron_path, info_path) = (self.path("ron"), self.path("info"));
        self.written_revision = Some(doc.revision());
        self.last_write = Some(Instant::now());
        self.writer = std::thread::Builder::new()
            .name("journeymap-recovery".into())
            .spawn(move || {
                let info = ron::to_string(&info).unwrap_or_default();
                // The map first: a copy is offered only when both are there.
                if io::write_atomically(&ron_path, io::to_ron(&map).as_bytes()).is_ok() {
                    let _ = io::write_atomically(&info_path, info.as_bytes());
                }
            })
            .ok();
    }

    /// Waits for a copy being written (for tests and a clean exit).
    pub fn flush(&mut self) {
        if let Some(writer) = self.writer.take() {
            let _ = writer.join();
        }
    }

    /// Removes this window's copy: the map is saved, or the window closes cleanly.
    pub fn clear(&mut self) {
        self.flush();
        let _ = std::fs::remove_file(self.path("ron"));
        let _ = std::fs::remove_file(self.path("info"));
        self.written_revision = None;
    }

    /// Closes cleanly: no copy is left, nor the lock.
    pub fn close(mut self) {
        self.clear();
        let _ = std::fs::remove_file(self.path("lock"));
    }

    /// The copies in `dir` whose windows are gone (their locks are free), newest first.
    pub fn orphans(dir: &Path) -> Vec<Orphan> {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut found: Vec<Orphan> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .filter_map(|map| {
                // A free lock (or none) means no window holds the copy.
                let lock = File::options()
                    .create(true)
                    .truncate(false)
                    .write(true)
                    .open(map.with_extension("lock"))
                    .ok()?;
                lock.try_lock().ok()?;
                let text = std::fs::read_to_string(map.with_extension("info")).ok()?;
                let info: RecoveryInfo = ron::from_str(&text).ok()?;
                Some(Orphan { map, info })
            })
            .collect();
        found.sort_by_key(|o| std::cmp::Reverse(o.info.saved_unix));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copies(dir: &Path) -> Vec<PathBuf> {
        std::fs::read_dir(dir)
            .expect("list")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron" || e == "info"))
            .collect()
    }

    #[test]
    fn a_save_while_the_copy_is_being_written_leaves_no_copy() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut recovery = Recovery::start(dir.path()).expect("started");
        let mut doc = Document::new(
            crate::templates::find("hotel-stay-en")
                .expect("template")
                .map(),
        );
        doc.mark_unsaved();
        // The copy starts on its thread, and the map is saved before that thread is done.
        recovery.tick(&doc, None, true);
        doc.mark_saved();
        recovery.tick(&doc, None, false);
        recovery.flush();
        assert_eq!(copies(dir.path()), Vec::<PathBuf>::new());
        recovery.close();
    }
}
