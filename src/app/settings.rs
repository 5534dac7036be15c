//! What the editor remembers between runs (through eframe's storage).

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// How many files the File → Open recent menu lists.
const RECENT_LIMIT: usize = 10;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    pub fn preference(self) -> egui::ThemePreference {
        match self {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub recent: Vec<PathBuf>,
    pub theme: ThemeChoice,
    pub show_inspector: bool,
    /// The interface language; None follows the system.
    pub language: Option<crate::i18n::Language>,
    /// How presentations look and behave.
    pub present: PresentSettings,
}

/// How presentations look and behave (remembered between runs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PresentSettings {
    /// The camera glides from stage to stage (off: it jumps).
    pub glide: bool,
    /// Black on white with strong lines, for washed-out projectors.
    pub high_contrast: bool,
    /// The emotion curves are drawn only up to the stage in focus.
    pub reveal_curve: bool,
    /// The map shows in a second window for the room, and this one becomes the presenter's.
    pub audience_window: bool,
}

impl Default for PresentSettings {
    fn default() -> Self {
        Self {
            glide: true,
            high_contrast: false,
            reveal_curve: false,
            audience_window: false,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            theme: ThemeChoice::System,
            show_inspector: true,
            language: None,
            present: PresentSettings::default(),
        }
    }
}

impl Settings {
    /// Puts `path` first in the recent files.
    pub fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_LIMIT);
    }

    /// The map to open when the editor starts with no file named: the last one, if it is still there.
    pub fn last_map(&self) -> Option<&Path> {
        self.recent
            .first()
            .map(PathBuf::as_path)
            .filter(|p| p.exists())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_unique_newest_first_and_bounded() {
        let mut settings = Settings::default();
        for i in 0..15 {
            settings.remember(Path::new(&format!("/nowhere/{i}.ron")));
        }
        settings.remember(Path::new("/nowhere/3.ron"));
        assert_eq!(settings.recent.len(), RECENT_LIMIT);
        assert_eq!(settings.recent[0], Path::new("/nowhere/3.ron"));
        assert_eq!(
            settings
                .recent
                .iter()
                .filter(|p| p.ends_with("3.ron"))
                .count(),
            1
        );
        assert_eq!(settings.last_map(), None, "a missing file is not reopened");
    }
}
