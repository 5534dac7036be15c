//! The kinds of file a map is read from and written to, in one table: the extension that names
//! each, whether it keeps the whole map (and so may be the target of Save), how it is read
//! (readers live in [`crate::io`]) and written (`io` for text, [`crate::export`] for
//! pictures). The command line, Open, Save, Save as, drop and export all decide a file's kind
//! here, from its name, so no path ever receives bytes of another kind than its name says.
//! Mermaid journeys and CSV tables are lossy: they are imported and exported, never saved to.

use crate::export::{self, ExportError, ExportOptions};
use crate::io::{self, FileProblem, LoadError, PictureSettings};
use crate::model::JourneyMap;
use std::io::Write as _;
use std::path::Path;

/// A kind of map file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// The map's own text.
    Ron,
    /// A picture with the map inside (an `iTXt` chunk).
    Png,
    /// A vector picture with the map inside (`<metadata>`).
    Svg,
    /// A document for print with the map inside (an embedded file).
    Pdf,
    /// A Mermaid `journey` diagram (lossy: import and export only).
    Mermaid,
    /// A table, one row per touchpoint (lossy: import and export only).
    Csv,
}

impl Format {
    /// Every kind, the map's own first.
    pub const ALL: [Format; 6] = [
        Format::Ron,
        Format::Png,
        Format::Svg,
        Format::Pdf,
        Format::Mermaid,
        Format::Csv,
    ];

    /// The extension that names the kind, without its dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Ron => "ron",
            Format::Png => "png",
            Format::Svg => "svg",
            Format::Pdf => "pdf",
            Format::Mermaid => "mmd",
            Format::Csv => "csv",
        }
    }

    /// Other extensions that name the kind when a file is read.
    fn other_extensions(self) -> &'static [&'static str] {
        match self {
            Format::Mermaid => &["mermaid"],
            Format::Csv => &["tsv"],
            Format::Ron | Format::Png | Format::Svg | Format::Pdf => &[],
        }
    }

    /// The catalogue key of the kind's name in file dialogs.
    pub fn label_key(self) -> &'static str {
        match self {
            Format::Ron => "format.ron",
            Format::Png => "format.png",
            Format::Svg => "format.svg",
            Format::Pdf => "format.pdf",
            Format::Mermaid => "format.mermaid",
            Format::Csv => "format.csv",
        }
    }

    /// Whether a file of this kind keeps the whole map, so that Save may write it and opening
    /// it again gives the same map. Lossy kinds are for import and export only.
    pub fn lossless(self) -> bool {
        match self {
            Format::Ron | Format::Png | Format::Svg | Format::Pdf => true,
            Format::Mermaid | Format::Csv => false,
        }
    }

    /// Whether the kind is a picture (drawn by the export, which takes a while for big maps).
    pub fn is_picture(self) -> bool {
        matches!(self, Format::Png | Format::Svg | Format::Pdf)
    }

    /// The kind a path's extension names (case does not matter).
    pub fn of_path(path: &Path) -> Result<Format, FormatError> {
        let Some(extension) = path.extension() else {
            return Err(FormatError::NoExtension);
        };
        let extension = extension.to_string_lossy().to_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.extension() == extension || f.other_extensions().contains(&&*extension))
            .ok_or(FormatError::Unknown(extension))
    }

    /// The kind some bytes are, from their first bytes: for files whose name says nothing.
    pub fn sniff(bytes: &[u8]) -> Format {
        let start = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]);
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Format::Png
        } else if bytes.starts_with(b"%PDF-") {
            Format::Pdf
        } else if start
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('<')
        {
            Format::Svg
        } else if start
            .trim_start_matches('\u{feff}')
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with("%%"))
            .is_some_and(|l| l.to_lowercase().starts_with("journey") || l == "---")
        {
            Format::Mermaid
        } else {
            Format::Ron
        }
    }

    /// The extensions of every kind, for an Open dialog's filter.
    pub fn all_extensions() -> Vec<&'static str> {
        Format::ALL
            .iter()
            .flat_map(|f| {
                std::iter::once(f.extension()).chain(f.other_extensions().iter().copied())
            })
            .collect()
    }
}

/// A path whose name does not say a kind Journey Map writes.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error(
        "the file name has no extension: name it .ron (the map), .png or .svg (a picture with the map), .pdf (for print, with the map), .mmd (Mermaid) or .csv (a table)"
    )]
    NoExtension,
    #[error(
        "Journey Map does not write .{0} files: name it .ron (the map), .png or .svg (a picture with the map), .pdf (for print, with the map), .mmd (Mermaid) or .csv (a table)"
    )]
    Unknown(String),
}

/// A map read from a file, with what the file was.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    pub map: JourneyMap,
    pub format: Format,
    /// How a picture was drawn (None for map text, or a picture that did not say).
    pub picture: Option<PictureSettings>,
    /// The picture is damaged (cut short, or a chunk's checksum is wrong) but its map was read
    /// whole: say so, the map is fine.
    pub damaged: bool,
    /// What an import read with a caveat (a Mermaid score it had to guess, a column it took
    /// for a lane), at its line where it has one.
    pub warnings: Vec<FileProblem>,
}

impl Opened {
    /// The warnings as lines to show or print: `file:line:col: warning: …`.
    pub fn warning_lines(&self, file: &str) -> Vec<String> {
        self.warnings
            .iter()
            .map(|w| match w.at {
                Some(at) => format!("{file}:{at}: warning: {}", w.message),
                None => format!("{file}: warning: {}", w.message),
            })
            .collect()
    }
}

/// Reads a map from the bytes of a file of kind `format`.
pub fn read(bytes: &[u8], format: Format) -> Result<Opened, LoadError> {
    let mut warnings = Vec::new();
    let (map, picture, damaged) = match format {
        Format::Ron => (io::from_bytes(bytes)?, None, false),
        Format::Png => {
            let found = io::from_png(bytes)?;
            (
                io::from_ron(&found.text).map_err(inside("PNG"))?,
                found.picture,
                found.damaged,
            )
        }
        Format::Svg => {
            let found = io::from_svg(bytes)?;
            (
                io::from_ron(&found.text).map_err(inside("SVG"))?,
                found.picture,
                false,
            )
        }
        Format::Pdf => {
            let found = io::from_pdf(bytes)?;
            (
                io::from_ron(&found.text).map_err(inside("PDF"))?,
                found.picture,
                false,
            )
        }
        Format::Mermaid => {
            if bytes.len() as u64 > crate::model::limits::MAX_FILE_BYTES {
                return Err(io::too_large(bytes.len() as u64));
            }
            let text = std::str::from_utf8(bytes).map_err(|e| {
                let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
                let at = io::TextPos {
                    line: valid.matches('\n').count() + 1,
                    col: valid.rsplit('\n').next().unwrap_or("").chars().count() + 1,
                };
                LoadError::Invalid(vec![FileProblem {
                    at: Some(at),
                    message: "this is not UTF-8 text, which a Mermaid diagram is".to_owned(),
                }])
            })?;
            let imported = io::from_mermaid(text)?;
            warnings = imported.warnings;
            (imported.map, None, false)
        }
        Format::Csv => {
            let imported = io::from_csv(bytes)?;
            warnings = imported.warnings;
            (imported.map, None, false)
        }
    };
    Ok(Opened {
        map,
        format,
        picture,
        damaged,
        warnings,
    })
}

/// Reads and validates a map file; its name says its kind (or, when the name says nothing we
/// know, its first bytes do).
pub fn open(path: &Path) -> Result<Opened, LoadError> {
    let bytes = io::read_bounded(path)?;
    let format = Format::of_path(path).unwrap_or_else(|_| Format::sniff(&bytes));
    let mut opened = read(&bytes, format)?;
    // A table has no place for a title: its file's name is the best there is.
    if opened.map.header.title.is_empty()
        && !format.lossless()
        && let Some(stem) = path.file_stem()
    {
        opened.map.header.title = stem.to_string_lossy().into_owned();
    }
    Ok(opened)
}

/// Positions inside embedded text are positions in the map text, not the picture file.
fn inside(kind: &'static str) -> impl Fn(LoadError) -> LoadError {
    move |err| match err {
        LoadError::Invalid(problems) => LoadError::Invalid(
            problems
                .into_iter()
                .map(|p| FileProblem {
                    message: format!("{} (in the map inside the {kind})", p.message),
                    ..p
                })
                .collect(),
        ),
        other @ LoadError::Io(_) => other,
    }
}

/// Why a map could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(transparent)]
    Format(#[from] FormatError),
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Writes `map` to `path` as a file of kind `format`, atomically (the old file stays whole
/// until the new one is complete). Pictures are drawn as `picture` says; `progress` hears how
/// much of a PNG is written (0 to 1). Returns what a lossy kind could not hold, in sentences
/// (nothing for the map's own kinds).
pub fn write(
    path: &Path,
    map: &JourneyMap,
    format: Format,
    picture: &PictureSettings,
    progress: &dyn Fn(f32),
) -> Result<Vec<String>, WriteError> {
    write_with(
        path,
        map,
        format,
        picture,
        progress,
        io::WriteOptions::default(),
    )
}

/// [`write()`], replacing a read-only file too when `write_options` say the person agreed.
pub fn write_with(
    path: &Path,
    map: &JourneyMap,
    format: Format,
    picture: &PictureSettings,
    progress: &dyn Fn(f32),
    write_options: io::WriteOptions,
) -> Result<Vec<String>, WriteError> {
    let options = ExportOptions::from_settings(*picture);
    let mut lost = Vec::new();
    match format {
        Format::Ron => io::write_atomically_with_options(path, write_options, |file| {
            file.write_all(io::to_ron(map).as_bytes())
        })?,
        Format::Png => {
            let mut failure = None;
            let written = io::write_atomically_with_options(path, write_options, |file| {
                let mut buffered = std::io::BufWriter::new(file);
                export::write_png_reporting(map, &options, &mut buffered, progress).map_err(
                    |e| {
                        let err = std::io::Error::other(e.to_string());
                        failure = Some(e);
                        err
                    },
                )?;
                buffered.flush()
            });
            if let Err(err) = written {
                return Err(failure.map_or(WriteError::Io(err), WriteError::Export));
            }
        }
        Format::Svg => {
            let svg = export::to_svg(map, &options)?;
            io::write_atomically_with_options(path, write_options, |file| {
                file.write_all(svg.as_bytes())
            })?;
        }
        Format::Pdf => {
            let pdf = export::pdf::to_pdf(map, &options)?;
            io::write_atomically_with_options(path, write_options, |file| file.write_all(&pdf))?;
        }
        Format::Mermaid => {
            let (text, left) = io::to_mermaid(map);
            io::write_atomically_with_options(path, write_options, |file| {
                file.write_all(text.as_bytes())
            })?;
            lost = left;
        }
        Format::Csv => {
            let (bytes, left) = io::to_csv(map);
            io::write_atomically_with_options(path, write_options, |file| file.write_all(&bytes))?;
            lost = left;
        }
    }
    progress(1.0);
    Ok(lost)
}

/// Writes `map` to `path` as the kind its name says; returns that kind and what the file
/// could not hold.
pub fn write_by_name(
    path: &Path,
    map: &JourneyMap,
    picture: &PictureSettings,
) -> Result<(Format, Vec<String>), WriteError> {
    let format = Format::of_path(path)?;
    let lost = write(path, map, format, picture, &|_| {})?;
    Ok((format, lost))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn the_name_decides_the_kind() {
        let kind = |name: &str| Format::of_path(&PathBuf::from(name));
        assert_eq!(kind("a/map.ron"), Ok(Format::Ron));
        assert_eq!(kind("Map.PNG"), Ok(Format::Png));
        assert_eq!(kind("x.tar.svg"), Ok(Format::Svg));
        assert_eq!(kind("notes"), Err(FormatError::NoExtension));
        assert_eq!(kind("map.pdf"), Ok(Format::Pdf));
        assert_eq!(kind("map.docx"), Err(FormatError::Unknown("docx".into())));
        assert_eq!(kind("day.mermaid"), Ok(Format::Mermaid));
        assert_eq!(kind("plan.TSV"), Ok(Format::Csv));
        for format in Format::ALL {
            assert_eq!(kind(&format!("m.{}", format.extension())), Ok(format));
        }
    }

    #[test]
    fn first_bytes_tell_the_kind_of_a_file_without_a_known_name() {
        assert_eq!(Format::sniff(b"\x89PNG\r\n\x1a\nrest"), Format::Png);
        assert_eq!(Format::sniff(b"\xef\xbb\xbf  <?xml version"), Format::Svg);
        assert_eq!(Format::sniff(b"(format: \"journeymap\""), Format::Ron);
        assert_eq!(Format::sniff(b""), Format::Ron);
        assert_eq!(Format::sniff(b"%% a day\n\n  journey\n"), Format::Mermaid);
    }

    #[test]
    fn every_kind_writes_what_its_name_says_and_reads_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        let map = JourneyMap::blank("旅程");
        let settings = PictureSettings {
            scale: 1.0,
            background: io::Background::Transparent,
            dark: true,
            insights: true,
        };
        for format in Format::ALL {
            let path = dir.path().join(format!("m.{}", format.extension()));
            let (written, lost) = write_by_name(&path, &map, &settings).expect("writes");
            assert_eq!(written, format);
            assert_eq!(lost.is_empty(), format.lossless(), "{format:?}: {lost:?}");
            let bytes = std::fs::read(&path).expect("written");
            if format != Format::Csv {
                assert_eq!(Format::sniff(&bytes), format, "{format:?}");
            }
            let opened = open(&path).expect("opens");
            assert_eq!(opened.format, format);
            if !format.lossless() {
                let names =
                    |m: &JourneyMap| m.stages.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
                assert_eq!(names(&opened.map), names(&map), "{format:?}");
                continue;
            }
            assert_eq!(opened.map, map);
            assert_eq!(opened.format, format);
            let expected = format.is_picture().then_some(settings);
            assert_eq!(opened.picture, expected, "{format:?}");
        }
        let err = write_by_name(&dir.path().join("m.txt"), &map, &settings).expect_err("txt");
        assert!(err.to_string().contains("does not write .txt"), "{err}");
        assert!(!dir.path().join("m.txt").exists());
    }
}
