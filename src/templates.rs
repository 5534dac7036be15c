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
