//! Example maps bundled in the binary, written from the customer-experience stories the product
//! grew from, each in English and in Chinese.

use crate::io;
use crate::model::JourneyMap;
use std::sync::LazyLock;

/// A bundled example map.
pub struct Template {
    /// The name `journeymap new NAME` takes.
    pub name: &'static str,
    /// The map file's text, as saved by Journey Map.
    pub text: &'static str,
}

impl Template {
    /// The template as a map. Every template is tested to load, so this cannot fail.
    pub fn map(&self) -> JourneyMap {
        io::from_ron(self.text).unwrap_or_else(|err| panic!("template {}: {err}", self.name))
    }

    /// The map's title, as the New dialog lists it and an untitled map from it is named.
    pub fn title(&self) -> &'static str {
        static TITLES: LazyLock<Vec<String>> =
            LazyLock::new(|| ALL.iter().map(|t| t.map().header.title).collect());
        ALL.iter()
            .position(|t| t.name == self.name)
            .map_or("", |i| TITLES[i].as_str())
    }

    /// Whether the template is written in Chinese (its name ends in `-zh`; the others are in
    /// English).
    pub fn chinese(&self) -> bool {
        self.name.ends_with("-zh")
    }
}

macro_rules! templates {
    ($($name:literal),* $(,)?) => {
        /// Every bundled template, English and Chinese of each story side by side.
        pub const ALL: &[Template] = &[$(Template {
            name: $name,
            text: include_str!(concat!("../assets/templates/", $name, ".ron")),
        }),*];
    };
}

templates!(
    "restaurant-en",
    "restaurant-zh",
    "phone-store-en",
    "phone-store-zh",
    "phone-online-en",
    "phone-online-zh",
    "hair-salon-en",
    "hair-salon-zh",
    "hotel-stay-en",
    "hotel-stay-zh",
    "silk-shop-en",
    "silk-shop-zh",
);

/// The template the editor shows on its very first run.
pub const DEFAULT: &str = "phone-online-en";
/// The same, when the interface is in Chinese.
pub const DEFAULT_ZH: &str = "phone-online-zh";

pub fn find(name: &str) -> Option<&'static Template> {
    ALL.iter().find(|t| t.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Anchor, Quality};

    /// The COURTED qualities in the words the templates tag opportunities with, in the
    /// checklist's order: the glossary's Chinese, and the English the interface uses.
    const COURTED_ZH: [&str; 7] = ["整洁", "有序", "理解", "尊重", "省时", "简便", "可靠"];
    const COURTED_EN: [&str; 7] = [
        "Clean",
        "Order",
        "Understanding",
        "Respect",
        "Time-saving",
        "Easy",
        "Dependable",
    ];
    /// How the legend note of a lane with tags begins.
    const LEGEND_ZH: &str = "COURTED 清单：整洁、有序、理解、尊重、省时、简便、可靠";
    const LEGEND_EN: &str =
        "COURTED checklist: Clean, Order, Understanding, Respect, Time-saving, Easy, Dependable";

    /// The bracketed lists in `text` made only of words (letters, or a hyphen inside one),
    /// separated by 、 or commas: the tags of a note, e.g. （尊重、省时） or (Respect, Easy).
    fn tag_lists(text: &str) -> Vec<Vec<&str>> {
        let mut lists = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find(['(', '（']) {
            let after = &rest[open..];
            let after = &after[after.chars().next().map_or(1, char::len_utf8)..];
            let Some(close) = after.find([')', '）']) else {
                break;
            };
            let words: Vec<&str> = after[..close].split(['、', ',']).map(str::trim).collect();
            let is_word =
                |w: &&str| !w.is_empty() && w.chars().all(|c| c.is_alphabetic() || c == '-');
            if words.iter().all(is_word) {
                lists.push(words);
            }
            rest = &after[close..];
        }
        lists
    }

    #[test]
    fn tag_lists_are_the_bracketed_lists_of_words() {
        assert_eq!(
            tag_lists("先发短信（尊重、省时），再打电话（2 分钟）"),
            vec![vec!["尊重", "省时"]]
        );
        assert_eq!(
            tag_lists("Call ahead (Respect, Time-saving) (30 min)"),
            vec![vec!["Respect", "Time-saving"]]
        );
        assert!(tag_lists("“serves 2 / 3 / 4” (unclosed").is_empty());
    }

    /// Opportunities carry their COURTED qualities in brackets, in the seven words of the
    /// template's language (Easy is always 简便), and every lane that tags its notes explains
    /// the tags with a note about the whole journey that reads the checklist.
    #[test]
    fn courted_tags_are_the_seven_words_and_every_tagged_lane_has_the_legend() {
        assert_eq!(COURTED_ZH.len(), Quality::ALL.len());
        let mut tagged_templates = 0;
        for template in ALL {
            let zh = template.name.ends_with("-zh");
            let (words, legend) = if zh {
                (COURTED_ZH, LEGEND_ZH)
            } else {
                (COURTED_EN, LEGEND_EN)
            };
            let map = template.map();
            let check = |text: &str| {
                let lists = tag_lists(text);
                for tag in lists.iter().flatten() {
                    assert!(
                        words.contains(tag),
                        "{}: {tag:?} in {text:?} is not one of {words:?}",
                        template.name
                    );
                }
                !lists.is_empty()
            };
            for tp in map.touchpoints() {
                for text in [&tp.title, &tp.description, &tp.notes] {
                    check(text);
                }
            }
            let mut tagged = false;
            for lane in &map.lanes {
                let mut lane_tagged = false;
                for note in &lane.notes {
                    lane_tagged |= check(&note.text);
                }
                if lane_tagged {
                    tagged = true;
                    assert!(
                        lane.notes
                            .iter()
                            .any(|n| n.anchor == Anchor::Journey && n.text.starts_with(legend)),
                        "{}: lane {:?} tags its notes but has no legend note {legend:?} about the whole journey",
                        template.name,
                        lane.name
                    );
                }
            }
            tagged_templates += usize::from(tagged);
        }
        assert_eq!(
            tagged_templates,
            ALL.len(),
            "every template tags its opportunities"
        );
    }

    #[test]
    fn every_story_comes_in_english_and_chinese_side_by_side() {
        assert_eq!(ALL.len(), 12);
        for pair in ALL.chunks(2) {
            let (en, zh) = (&pair[0], &pair[1]);
            let story = en.name.strip_suffix("-en").expect("English first");
            assert_eq!(zh.name, format!("{story}-zh"));
            let (en, zh) = (en.map(), zh.map());
            let ids = |map: &JourneyMap| {
                let mut ids: Vec<u32> = map.touchpoints().map(|t| t.id.0).collect();
                ids.extend(map.stages.iter().map(|s| s.id.0));
                ids.extend(
                    map.lanes
                        .iter()
                        .flat_map(|l| l.notes.iter().map(|n| n.id.0)),
                );
                ids
            };
            assert_eq!(
                ids(&en),
                ids(&zh),
                "{story}: the same ids in both languages"
            );
        }
        assert!(find(DEFAULT).is_some() && find(DEFAULT_ZH).is_some());
    }
}
