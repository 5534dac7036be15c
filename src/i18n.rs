//! The interface in English and Simplified Chinese. One catalogue of strings per language
//! (`assets/i18n/*.ron`, a key → text map each, embedded); `tr` looks a key up in the language
//! of the thread's interface. A test checks both catalogues have every key the code uses.

use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::collections::BTreeMap;
use std::sync::LazyLock;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Language {
    #[default]
    English,
    Chinese,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::English, Language::Chinese];

    /// The language's own name, as a language menu shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::Chinese => "简体中文",
        }
    }

    /// The system's language, if it is one we have; English otherwise.
    pub fn from_system() -> Language {
        Self::from_locale(sys_locale::get_locale().as_deref().unwrap_or(""))
    }

    /// `zh`, `zh-CN`, `zh_Hans_CN.UTF-8`… are Chinese; everything else is English.
    pub fn from_locale(locale: &str) -> Language {
        if locale.to_ascii_lowercase().starts_with("zh") {
            Language::Chinese
        } else {
            Language::English
        }
    }

    fn catalogue(self) -> &'static BTreeMap<String, String> {
        match self {
            Language::English => &ENGLISH,
            Language::Chinese => &CHINESE,
        }
    }
}

fn parse(name: &str, text: &str) -> BTreeMap<String, String> {
    ron::from_str(text).unwrap_or_else(|e| panic!("the {name} catalogue is not valid RON: {e}"))
}

static ENGLISH: LazyLock<BTreeMap<String, String>> =
    LazyLock::new(|| parse("English", include_str!("../assets/i18n/en.ron")));
static CHINESE: LazyLock<BTreeMap<String, String>> =
    LazyLock::new(|| parse("Chinese", include_str!("../assets/i18n/zh-Hans.ron")));

thread_local! {
    // Per thread: each window (and each UI test) runs its interface on its own thread.
    static CURRENT: Cell<Language> = const { Cell::new(Language::English) };
}

/// Sets the interface language of this thread.
pub fn set_language(language: Language) {
    CURRENT.with(|c| c.set(language));
}

pub fn language() -> Language {
    CURRENT.with(Cell::get)
}

/// The text of `key` in this thread's language (English, then the key itself, when missing).
pub fn tr(key: &str) -> &'static str {
    let lang = language();
    lang.catalogue()
        .get(key)
        .or_else(|| ENGLISH.get(key))
        .map_or_else(|| leak_key(key), String::as_str)
}

/// Whether `language`'s catalogue has `key` (for tests of keys built at run time).
pub fn has_text(language: Language, key: &str) -> bool {
    language.catalogue().contains_key(key)
}

/// `tr(key)` with each `{name}` replaced by its value.
pub fn tr_with(key: &str, args: &[(&str, &str)]) -> String {
    let mut text = tr(key).to_owned();
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// A missing key shows as itself; such keys are caught by the catalogue test, so this only
/// ever runs for a handful of strings.
fn leak_key(key: &str) -> &'static str {
    Box::leak(key.to_owned().into_boxed_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Every key the source code passes to `tr` or `tr_with` as a literal.
    fn keys_in_code() -> BTreeSet<String> {
        let mut keys = BTreeSet::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("src is readable") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).expect("source");
                    for marker in ["tr(\"", "tr_with(\""] {
                        for (at, _) in text.match_indices(marker) {
                            // `tr(` itself, not the end of `write_str(` or `as_str(`.
                            let before = text[..at].chars().next_back();
                            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                                continue;
                            }
                            let piece = &text[at + marker.len()..];
                            if let Some(end) = piece.find('"') {
                                keys.insert(piece[..end].to_owned());
                            }
                        }
                    }
                }
            }
        }
        keys
    }

    #[test]
    fn both_catalogues_have_every_key_and_nothing_empty() {
        let english: BTreeSet<&String> = ENGLISH.keys().collect();
        let chinese: BTreeSet<&String> = CHINESE.keys().collect();
        assert_eq!(
            english.symmetric_difference(&chinese).collect::<Vec<_>>(),
            Vec::<&&String>::new(),
            "keys in one catalogue only"
        );
        for key in keys_in_code() {
            assert!(
                ENGLISH.contains_key(&key),
                "{key:?} is used but not in en.ron"
            );
            assert!(
                CHINESE.contains_key(&key),
                "{key:?} is used but not in zh-Hans.ron"
            );
        }
        for (key, text) in CHINESE.iter() {
            assert!(
                !text.trim().is_empty() && !ENGLISH[key].trim().is_empty(),
                "{key} is empty"
            );
        }
    }

    #[test]
    fn placeholders_match_between_languages() {
        let names = |s: &str| -> BTreeSet<String> {
            s.split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_owned()))
                .collect()
        };
        for (key, en) in ENGLISH.iter() {
            assert_eq!(names(en), names(&CHINESE[key]), "{key}");
        }
    }

    #[test]
    fn locales_choose_the_language() {
        assert_eq!(Language::from_locale("zh-CN"), Language::Chinese);
        assert_eq!(Language::from_locale("zh_Hans_CN.UTF-8"), Language::Chinese);
        assert_eq!(Language::from_locale("en-GB"), Language::English);
        assert_eq!(Language::from_locale(""), Language::English);
    }

    #[test]
    fn the_language_is_per_thread() {
        set_language(Language::Chinese);
        let other = std::thread::spawn(language).join().expect("thread");
        assert_eq!(other, Language::English);
        assert_eq!(language(), Language::Chinese);
        assert_eq!(tr("menu.file"), "文件");
        set_language(Language::English);
        assert_eq!(tr("menu.file"), "File");
    }
}
