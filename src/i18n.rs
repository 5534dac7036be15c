//! The interface in English and Simplified Chinese. One catalogue of strings per language
//! (`assets/i18n/*.ron`, a key → text map each, embedded); `tr` looks a key up in the language
//! of the thread's interface. A test checks both catalogues have every key the code uses.

use crate::model::{Channel, LaneKind};
use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};
use std::sync::{LazyLock, Mutex};

listed_enum! {
    /// A language of the interface.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Language as ALL {
        #[default]
        English,
        Chinese,
    }
}

impl Language {
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

/// The text of `key` in `language` (for matching commands by their English names).
pub fn tr_in(language: Language, key: &str) -> &'static str {
    language
        .catalogue()
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
    fill(tr(key), args)
}

fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut text = text.to_owned();
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// What goes between the items of a list in this thread's language: "Mei, Jun" in English,
/// "小美、小军" in Chinese.
pub fn list_separator() -> &'static str {
    match language() {
        Language::English => ", ",
        Language::Chinese => "、",
    }
}

/// `label: value` with the language's own colon: "Owner: Mei", "负责人：小美".
pub fn labelled(label: &str, value: &str) -> String {
    match language() {
        Language::English => format!("{label}: {value}"),
        Language::Chinese => format!("{label}：{value}"),
    }
}

/// `text (aside)` with the language's own brackets: "Checkout (-2)", "结账（-2）".
pub fn bracketed(text: &str, aside: &str) -> String {
    match language() {
        Language::English => format!("{text} ({aside})"),
        Language::Chinese => format!("{text}（{aside}）"),
    }
}

/// A share as a whole percentage, written as the language writes it: "45 %", "45%".
pub fn percent(share: f64) -> String {
    match language() {
        Language::English => format!("{:.0} %", share * 100.0),
        Language::Chinese => format!("{:.0}%", share * 100.0),
    }
}

/// The plural category of `n` in this thread's language (CLDR): English says "1 note" but
/// "0 notes" and "2 notes"; Chinese has one form for every number.
fn plural_category(n: usize) -> &'static str {
    match language() {
        Language::English if n == 1 => "one",
        _ => "other",
    }
}

/// The text of `key` for the number `n`, in the form the language uses for that number
/// (`key.one`, `key.other` in the catalogue), with `{n}` and each `{name}` filled in.
pub fn tr_count(key: &str, n: usize, args: &[(&str, &str)]) -> String {
    let count = n.to_string();
    let mut all = vec![("n", count.as_str())];
    all.extend_from_slice(args);
    fill(tr(&format!("{key}.{}", plural_category(n))), &all)
}

/// A missing key shows as itself; such keys are caught by the catalogue test. Each missing key
/// is kept once, so asking for it every frame does not grow memory.
fn leak_key(key: &str) -> &'static str {
    static MISSING: LazyLock<Mutex<HashMap<String, &'static str>>> = LazyLock::new(Mutex::default);
    let mut missing = MISSING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    missing
        .entry(key.to_owned())
        .or_insert_with(|| Box::leak(key.to_owned().into_boxed_str()))
}

/// The words a map's layout writes itself (row and header labels), in this thread's language.
pub fn map_labels() -> crate::layout::Labels {
    crate::layout::Labels {
        persona: tr("map.persona").to_owned(),
        scenario: tr("map.scenario").to_owned(),
        expectations: tr("map.expectations").to_owned(),
        touchpoints: tr("map.touchpoints").to_owned(),
        emotion: tr("map.emotion").to_owned(),
        goals: tr("map.goals").to_owned(),
        goals_joiner: tr("map.goals_joiner").to_owned(),
        owner: tr("map.owner").to_owned(),
        metric: tr("map.metric").to_owned(),
        no_scores: tr("map.no_scores").to_owned(),
    }
}

/// The short name of a channel, as its tag on a card shows it.
pub fn channel_label(channel: &Channel) -> &str {
    match channel {
        Channel::InPerson => tr("channel.in_person"),
        Channel::Phone => tr("channel.phone"),
        Channel::Web => tr("channel.web"),
        Channel::App => tr("channel.app"),
        Channel::WeChat => tr("channel.wechat"),
        Channel::Sms => tr("channel.sms"),
        Channel::Email => tr("channel.email"),
        Channel::Social => tr("channel.social"),
        Channel::Delivery => tr("channel.delivery"),
        Channel::Packaging => tr("channel.packaging"),
        Channel::Other => tr("channel.other"),
        Channel::Custom(name) => name,
    }
}

/// The name of a lane kind in the interface's language.
pub fn lane_kind_name(kind: LaneKind) -> &'static str {
    match kind {
        LaneKind::Actions => tr("lane.actions"),
        LaneKind::Thoughts => tr("lane.thoughts"),
        LaneKind::Feelings => tr("lane.feelings"),
        LaneKind::PainPoints => tr("lane.pain_points"),
        LaneKind::Opportunities => tr("lane.opportunities"),
        LaneKind::Backstage => tr("lane.backstage"),
        LaneKind::Custom => tr("lane.custom"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The alternatives the Chinese glossary rejects (one term per concept): the term used
    /// instead is in the comment.
    const REJECTED: [(&str, &str); 18] = [
        ("接触点", "触点"),
        ("体验点", "触点"),
        ("面对面", "线下"),
        ("所选项目", "所选对象"),
        ("情感曲线", "情绪曲线"),
        ("体验曲线", "情绪曲线"),
        ("用户旅程图", "客户旅程图 / 旅程图"),
        ("客户旅程地图", "客户旅程图 / 旅程图"),
        ("客户画像", "用户画像"),
        ("真实瞬间", "关键时刻（MOT）"),
        ("峰终法则", "峰终定律"),
        ("失误补救", "服务补救"),
        ("服务挽回", "服务补救"),
        ("全屏演示", "演示模式"),
        ("汇报模式", "演示模式"),
        ("共创会", "工作坊"),
        ("引导师", "主持人"),
        ("促动师", "主持人"),
    ];

    /// No Chinese catalogue value and no Chinese template uses a term the glossary rejects,
    /// and no map's rows share a name in Chinese (the feelings lane is 感受, the curve band
    /// 情绪曲线).
    #[test]
    fn chinese_keeps_to_the_glossary_and_rows_have_names_of_their_own() {
        let mut found = Vec::new();
        for (key, value) in CHINESE.iter() {
            for (word, use_instead) in REJECTED {
                if value.contains(word) {
                    found.push(format!("{key}: {word} (use {use_instead})"));
                }
            }
        }
        for template in crate::templates::ALL
            .iter()
            .filter(|t| t.name.ends_with("-zh"))
        {
            for (word, use_instead) in REJECTED {
                if template.text.contains(word) {
                    found.push(format!("{}: {word} (use {use_instead})", template.name));
                }
            }
            set_language(Language::Chinese);
            let labels = map_labels();
            set_language(Language::English);
            let map = template.map();
            let mut names: Vec<&str> = map.lanes.iter().map(|l| l.name.as_str()).collect();
            names.push(if map.options.emotion_name.is_empty() {
                &labels.emotion
            } else {
                &map.options.emotion_name
            });
            names.push(if map.options.touchpoints_name.is_empty() {
                &labels.touchpoints
            } else {
                &map.options.touchpoints_name
            });
            let distinct: BTreeSet<&str> = names.iter().copied().collect();
            assert_eq!(
                distinct.len(),
                names.len(),
                "{}: rows {names:?}",
                template.name
            );
        }
        assert!(found.is_empty(), "{found:#?}");
    }

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
                    for marker in ["tr(\"", "tr_with(\"", "tr_count(\""] {
                        for (at, _) in text.match_indices(marker) {
                            // `tr(` itself, not the end of `write_str(` or `as_str(`.
                            let before = text[..at].chars().next_back();
                            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                                continue;
                            }
                            let piece = &text[at + marker.len()..];
                            if let Some(end) = piece.find('"') {
                                let key = &piece[..end];
                                if marker.starts_with("tr_count") {
                                    keys.insert(format!("{key}.one"));
                                    keys.insert(format!("{key}.other"));
                                } else {
                                    keys.insert(key.to_owned());
                                }
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
    fn counts_take_the_form_their_number_needs() {
        set_language(Language::English);
        assert_eq!(tr_count("insp.note_count", 1, &[]), "1 note");
        assert_eq!(tr_count("insp.note_count", 0, &[]), "0 notes");
        assert_eq!(tr_count("insp.note_count", 2, &[]), "2 notes");
        set_language(Language::Chinese);
        assert_eq!(tr_count("insp.note_count", 1, &[]), "1 张便签");
        set_language(Language::English);
    }

    #[test]
    fn a_missing_key_is_kept_once() {
        let key = ["no", "such", "key"].join(".");
        let first = tr(&key);
        let second = tr(&key);
        assert_eq!(first, key);
        assert!(
            std::ptr::eq(first, second),
            "the same memory, not a new leak"
        );
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
