//! Maps carried inside pictures: a PNG's compressed `iTXt` chunk or an SVG's `<metadata>`, so
//! an exported picture opens again as the editable map. Beside the map, a picture records how
//! it was drawn ([`PictureSettings`]), so saving it again draws it the same way.

use super::ron_file::{FileProblem, LoadError};
use serde::{Deserialize, Serialize};

/// The PNG text keyword (and SVG media type) our map text is stored under.
pub const MAP_KEYWORD: &str = "application/vnd.journeymap+ron";
/// The PNG text keyword of the picture's [`PictureSettings`].
pub const PICTURE_KEYWORD: &str = "journeymap-picture";
/// The XML namespace of the SVG element that carries the map.
pub const SVG_NAMESPACE: &str = "urn:journeymap";

/// How much map text an untrusted picture may hold: as much as a map file.
const TEXT_LIMIT: usize = crate::model::limits::MAX_FILE_BYTES as usize;

/// What is behind the map in a picture.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Background {
    /// Plain white, whatever the theme.
    #[default]
    White,
    /// Nothing: the picture's pixels outside the map are see-through.
    Transparent,
    /// The canvas's own colour in the picture's theme, as on screen.
    Canvas,
}

impl Background {
    /// The word for the background in settings text and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Background::White => "white",
            Background::Transparent => "transparent",
            Background::Canvas => "canvas",
        }
    }
}

impl std::str::FromStr for Background {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "white" => Ok(Background::White),
            "transparent" => Ok(Background::Transparent),
            "canvas" => Ok(Background::Canvas),
            other => Err(format!(
                "the background is white, transparent or canvas, not {other:?}"
            )),
        }
    }
}

/// How a picture of a map was drawn: kept inside the picture, so that a map opened from a
/// picture and saved again comes out as the same kind of picture.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PictureSettings {
    /// Pixels per map unit (a PNG's resolution; an SVG is drawn at 1).
    pub scale: f32,
    /// What is behind the map.
    pub background: Background,
    /// Drawn in the dark theme's colours.
    pub dark: bool,
    /// With a box of insights under the map (each curve's weakest moment, peak, end,
    /// peak-end score and mean; moments of truth; the COURTED checklist).
    pub insights: bool,
}

impl Default for PictureSettings {
    fn default() -> Self {
        Self {
            scale: 2.0,
            background: Background::White,
            dark: false,
            insights: false,
        }
    }
}

impl PictureSettings {
    /// `scale=2 background=white theme=light` (and ` insights=on` when on): readable in a PNG
    /// chunk or an SVG attribute.
    pub fn to_text(&self) -> String {
        format!(
            "scale={} background={} theme={}{}",
            self.scale,
            self.background.name(),
            if self.dark { "dark" } else { "light" },
            if self.insights { " insights=on" } else { "" }
        )
    }

    /// Reads [`PictureSettings::to_text`]; what is missing or unknown keeps its default, so a
    /// picture from a newer version still saves sensibly.
    pub fn from_text(text: &str) -> Self {
        let mut settings = Self::default();
        for (key, value) in text.split_whitespace().filter_map(|p| p.split_once('=')) {
            match key {
                "scale" => {
                    if let Ok(scale) = value.parse::<f32>()
                        && (1.0..=4.0).contains(&scale)
                    {
                        settings.scale = scale;
                    }
                }
                "background" => {
                    if let Ok(background) = value.parse() {
                        settings.background = background;
                    }
                }
                "theme" => settings.dark = value == "dark",
                "insights" => settings.insights = value == "on",
                _ => {}
            }
        }
        settings
    }
}

/// The map text found in a picture, and how the picture was drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Embedded {
    /// The map as `.ron` file text, still to be read.
    pub text: String,
    /// None for a picture from a version that did not record it.
    pub picture: Option<PictureSettings>,
    /// The picture around the map is damaged: cut short, or a chunk fails its checksum.
    pub damaged: bool,
}

fn whole(message: String) -> LoadError {
    LoadError::Invalid(vec![FileProblem { at: None, message }])
}

/// The PNG file signature.
const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// A PNG's header and text chunks, wherever they stand (before or after the image data), as a
/// small PNG of their own, and whether the file is damaged. Image data is skipped, never
/// inflated, so a picture a million pixels wide opens as its map at once.
fn text_chunks(bytes: &[u8]) -> Result<(Vec<u8>, bool), LoadError> {
    let Some(mut rest) = bytes.strip_prefix(PNG_SIGNATURE) else {
        return Err(whole(
            "this is not a readable PNG picture: it does not start as one".into(),
        ));
    };
    let mut kept = PNG_SIGNATURE.to_vec();
    let (mut damaged, mut ended) = (false, false);
    while rest.len() >= 12 {
        let length = u32::from_be_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
        let kind = &rest[4..8];
        let Some(whole_chunk) = length.checked_add(12).and_then(|n| rest.get(..n)) else {
            damaged = true; // Cut short inside this chunk.
            break;
        };
        let data = &whole_chunk[8..8 + length];
        let crc = u32::from_be_bytes(whole_chunk[8 + length..].try_into().unwrap_or_default());
        let mut hasher = crc32fast::Hasher::new();
        hasher.update(kind);
        hasher.update(data);
        if hasher.finalize() != crc {
            damaged = true;
        } else if matches!(kind, b"IHDR" | b"iTXt" | b"tEXt" | b"zTXt") {
            kept.extend_from_slice(whole_chunk);
        }
        rest = &rest[length + 12..];
        if kind == b"IEND" {
            ended = true;
            break;
        }
    }
    // An empty image-data chunk, where the reader stops reading chunks, and the end.
    for kind in [b"IDAT", b"IEND"] {
        kept.extend_from_slice(&[0, 0, 0, 0]);
        kept.extend_from_slice(kind);
        kept.extend_from_slice(&crc32fast::hash(kind).to_be_bytes());
    }
    Ok((kept, damaged || !ended))
}

/// The map inside PNG bytes: its text chunk, before or after the image data. A picture cut
/// short or corrupted around a whole map chunk still gives its map, marked damaged.
pub fn from_png(bytes: &[u8]) -> Result<Embedded, LoadError> {
    let (chunks, damaged) = text_chunks(bytes)?;
    let mut decoder = png::Decoder::new_with_limits(
        std::io::Cursor::new(chunks),
        png::Limits { bytes: TEXT_LIMIT },
    );
    decoder.set_ignore_text_chunk(false);
    let reader = decoder
        .read_info()
        .map_err(|e| whole(format!("this is not a readable PNG picture: {e}")))?;
    let chunks = &reader.info().utf8_text;
    let Some(mut chunk) = chunks.iter().find(|c| c.keyword == MAP_KEYWORD).cloned() else {
        return Err(whole(
            "this PNG carries no Journey Map: only pictures exported by Journey Map open as maps"
                .into(),
        ));
    };
    let unreadable =
        |e: png::DecodingError| whole(format!("the map inside this PNG cannot be read: {e}"));
    chunk
        .decompress_text_with_limit(TEXT_LIMIT)
        .map_err(unreadable)?;
    let text = chunk.get_text().map_err(unreadable)?;
    let picture = chunks
        .iter()
        .find(|c| c.keyword == PICTURE_KEYWORD)
        .cloned()
        .and_then(|mut c| {
            c.decompress_text_with_limit(4096).ok()?;
            c.get_text().ok()
        })
        .map(|t| PictureSettings::from_text(&t));
    Ok(Embedded {
        text,
        picture,
        damaged,
    })
}

/// The map inside SVG text: the first element named `map` in our namespace whose `type` is our
/// media type (editors may move the namespace declaration or change the prefix, but keep the
/// element).
pub fn from_svg(bytes: &[u8]) -> Result<Embedded, LoadError> {
    if bytes.len() > TEXT_LIMIT {
        return Err(whole(format!(
            "this SVG is larger than {} MiB, more than any map needs",
            TEXT_LIMIT >> 20
        )));
    }
    let text =
        std::str::from_utf8(bytes).map_err(|_| whole("this SVG is not UTF-8 text".into()))?;
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..Default::default()
    };
    let document = roxmltree::Document::parse_with_options(text, options).map_err(|e| {
        whole(format!(
            "this SVG is not well-formed XML ({e}); was it cut off or edited by hand?"
        ))
    })?;
    let element = document.descendants().find(|n| {
        n.is_element()
            && n.tag_name().name() == "map"
            && n.tag_name().namespace() == Some(SVG_NAMESPACE)
            && n.attribute("type") == Some(MAP_KEYWORD)
    });
    let Some(element) = element else {
        return Err(whole(
            "this SVG carries no Journey Map: only pictures exported by Journey Map open as maps"
                .into(),
        ));
    };
    // The text of the element: its text and CDATA children (an editor may write either).
    let mut map = String::new();
    for child in element.children() {
        match child.text() {
            Some(t) if child.is_text() => map.push_str(t),
            _ if child.is_element() => {
                return Err(whole(
                    "the map inside this SVG holds markup; it cannot be read".into(),
                ));
            }
            _ => {}
        }
    }
    let picture = element.attribute("picture").map(PictureSettings::from_text);
    Ok(Embedded {
        text: map,
        picture,
        damaged: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(inner: &str) -> Vec<u8> {
        format!("<svg xmlns=\"http://www.w3.org/2000/svg\">{inner}</svg>").into_bytes()
    }

    #[test]
    fn picture_settings_round_trip_and_tolerate_what_they_do_not_know() {
        let settings = PictureSettings {
            scale: 3.0,
            background: Background::Canvas,
            dark: true,
            insights: true,
        };
        assert_eq!(
            settings.to_text(),
            "scale=3 background=canvas theme=dark insights=on"
        );
        assert_eq!(PictureSettings::from_text(&settings.to_text()), settings);
        assert_eq!(
            PictureSettings::from_text("scale=99 background=plaid future=yes"),
            PictureSettings::default()
        );
    }

    #[test]
    fn the_map_is_found_only_where_it_is() {
        let err = from_svg(&svg("")).expect_err("no map");
        assert!(err.to_string().contains("carries no Journey Map"), "{err}");
        // The media type mentioned in drawn text is not the map.
        let found = from_svg(&svg(&format!(
            "<text> type=\"{MAP_KEYWORD}\"</text><metadata><jm:map xmlns:jm=\"{SVG_NAMESPACE}\" \
             type=\"{MAP_KEYWORD}\" picture=\"scale=1\">(a: 1)</jm:map></metadata>"
        )))
        .expect("found");
        assert_eq!(found.text, "(a: 1)");
        assert_eq!(found.picture.map(|p| p.scale), Some(1.0));
        // Another prefix, and CDATA as an editor may write it.
        let edited = from_svg(&svg(&format!(
            "<metadata><x:map xmlns:x=\"{SVG_NAMESPACE}\" type='{MAP_KEYWORD}'>\
             <![CDATA[a < b & \"c\"]]> &amp; d</x:map></metadata>"
        )))
        .expect("found");
        assert_eq!(edited.text, "a < b & \"c\" & d");
        assert_eq!(
            edited.picture, None,
            "an older picture says nothing of itself"
        );
        // A `map` element in another namespace is someone else's.
        let other = svg(&format!(
            "<y:map xmlns:y=\"urn:other\" type=\"{MAP_KEYWORD}\">x</y:map>"
        ));
        assert!(from_svg(&other).is_err());
        // An unknown entity: not well-formed, said so.
        let broken = svg(&format!(
            "<jm:map xmlns:jm=\"{SVG_NAMESPACE}\" type=\"{MAP_KEYWORD}\">a &nbsp; b</jm:map>"
        ));
        let err = from_svg(&broken).expect_err("broken");
        assert!(err.to_string().contains("not well-formed"), "{err}");
    }
}
