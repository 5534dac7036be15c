//! The command line: `journeymap [FILE]`, `templates`, `new`, `check`, `export`.
//! Each command returns what to print, or an error whose lines say what went wrong and where.

use crate::io;
use crate::templates;
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};

#[derive(Debug, Parser)]
#[command(name = "journeymap", version, about = "Customer journey map editor")]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A map file to open in the editor.
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the bundled templates, one name per line.
    Templates,
    /// Write a template as a new map file (.ron), or as a picture with the map inside (.png, .svg).
    New {
        /// A name from `journeymap templates`.
        template: String,
        /// Where to write the map.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Analyse a map: per emotion curve its weakest moment, peak and end, the peak-end score
    /// beside the mean, recoveries, the share of happy moments; gaps; curves compared; the
    /// COURTED checklist summed up. `--json` writes `{ "curves": [ … ], … }`.
    Insights {
        file: PathBuf,
        /// Write JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Validate a map file and print `stages=N touchpoints=M lanes=L curves=K` (a Mermaid
    /// diagram or a table is read as an import, its warnings on standard error).
    Check { file: PathBuf },
    /// Convert a map: to .png (with the map inside), .svg (likewise), .pdf (likewise), .ron,
    /// .mmd (a Mermaid journey) or .csv (a table); the input may be any of these. What a
    /// Mermaid diagram or a table cannot hold is said on standard error.
    Export {
        input: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
        /// Pixels per map unit for PNG, from 1 to 4.
        #[arg(long, default_value_t = 2.0)]
        scale: f32,
        /// white, transparent, or canvas (the editor's background).
        #[arg(long, default_value = "white")]
        background: crate::io::Background,
        /// Continue a long journey on bands below: `none`, a number of stages per band, `a4`
        /// or `a3` (landscape pages). The map's own setting when left out; the picture keeps
        /// the setting in the map it carries.
        #[arg(long)]
        wrap: Option<WrapArg>,
        /// For a .pdf: `one` page sized to the map (the default), or `a4` / `a3` sheets for a
        /// wall poster (the map at full size across them, overlapping by 10 mm, with dashed
        /// lines where the next sheet starts), or `wrap-a4` / `wrap-a3`: the journey wrapped
        /// into bands (as `--wrap` or the map says, else shaped to the paper), one band to a
        /// landscape sheet.
        #[arg(long, default_value = "one")]
        pages: PagesArg,
        /// Draw a box of insights under the map (each curve's weakest moment, peak and end,
        /// its peak-end score and mean; moments of truth; the COURTED checklist).
        #[arg(long)]
        insights: bool,
    },
    /// Write a small picture of a map for file managers (the freedesktop thumbnailer calls
    /// `journeymap thumbnail %i %o --size %s`): the whole map fitted so that its longer side is
    /// SIZE pixels, as a PNG. The input may be any map file.
    Thumbnail {
        input: PathBuf,
        output: PathBuf,
        /// The longer side in pixels, from 16 to 1024.
        #[arg(long, default_value_t = 256)]
        size: u32,
    },
    /// Merge two versions of a map made from the same one: what THEIRS changed since BASE is
    /// carried into OURS, written to OUT (a map file). Fields both changed differently keep
    /// OURS and are listed. Exit status 0 merged cleanly, 1 with conflicts, 2 trouble.
    Merge {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Print a map file's map as map text (.ron), whatever kind of file holds it: git's
    /// `textconv` for pictures, so an exported PNG or SVG diffs as its map.
    Show { file: PathBuf },
    /// Compare two versions of a map (any kind of map file): what was added, removed, moved,
    /// renamed or changed, one line each. Exit status 0 when they are the same, 1 when they
    /// differ, 2 when a file cannot be read (as `diff` does).
    Diff {
        old: PathBuf,
        new: PathBuf,
        /// Write the changes as a JSON array instead.
        #[arg(long)]
        json: bool,
    },
}

/// How `--wrap` is written: `none`, a number of stages, `a4` or `a3`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WrapArg(pub crate::model::Wrap);

impl std::str::FromStr for WrapArg {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        use crate::model::{PageShape, Wrap};
        Ok(WrapArg(match text.trim().to_ascii_lowercase().as_str() {
            "none" => Wrap::None,
            "a4" => Wrap::Page(PageShape::A4Landscape),
            "a3" => Wrap::Page(PageShape::A3Landscape),
            n => match n.parse::<u32>() {
                Ok(n) if n >= 1 => Wrap::AfterStages(n),
                _ => {
                    return Err(format!(
                        "{text:?} is not a wrap: write none, a number of stages per band (1 or more), a4 or a3"
                    ));
                }
            },
        }))
    }
}

/// How `--pages` is written: `one`, `a4`, `a3`, `wrap-a4` or `wrap-a3`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PagesArg(pub crate::export::pdf::Pages);

impl std::str::FromStr for PagesArg {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        use crate::export::pdf::{Pages, Paper};
        Ok(PagesArg(match text.trim().to_ascii_lowercase().as_str() {
            "one" => Pages::One,
            "a4" => Pages::Poster(Paper::A4),
            "a3" => Pages::Poster(Paper::A3),
            "wrap-a4" => Pages::Wrapped(Paper::A4),
            "wrap-a3" => Pages::Wrapped(Paper::A3),
            _ => {
                return Err(format!(
                    "{text:?} is not a page layout: write one, a4, a3, wrap-a4 or wrap-a3"
                ));
            }
        }))
    }
}

/// A failed command: the lines to print on standard error, and the exit status (1, or 2 for
/// `diff`, whose 1 means "different").
#[derive(Debug)]
pub struct Failure(pub Vec<String>, pub u8);

impl Failure {
    fn one(line: String) -> Self {
        Self(vec![line], 1)
    }
}

/// A command that ran: what to print on standard output, and the exit status (0, or 1 when
/// `diff` found differences).
#[derive(Debug, PartialEq, Eq)]
pub struct Done {
    pub out: String,
    pub code: u8,
}

impl From<String> for Done {
    fn from(out: String) -> Self {
        Done { out, code: 0 }
    }
}

/// A path as a terminal may print it: control characters (an escape sequence in a file's
/// name) written as escapes, never sent raw.
fn shown(path: &Path) -> String {
    path.display()
        .to_string()
        .chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

fn load(path: &Path) -> Result<crate::model::JourneyMap, Failure> {
    let opened = crate::formats::open(path).map_err(|err| Failure(err.report(&shown(path)), 1))?;
    if opened.damaged {
        eprintln!(
            "{}: warning: the picture is damaged (cut short, or a checksum is wrong); its map was read whole",
            shown(path)
        );
    }
    for line in opened.warning_lines(&shown(path)) {
        eprintln!("{line}");
    }
    Ok(opened.map)
}

/// Writes `map` as the kind of file `path` names (`.ron`, `.png`, `.svg`, `.mmd`, `.csv`),
/// atomically, as the editor saves; what a lossy kind could not hold is said on standard error.
fn write(
    path: &Path,
    map: &crate::model::JourneyMap,
    picture: &io::PictureSettings,
) -> Result<(), Failure> {
    let (_, lost) = crate::formats::write_by_name(path, map, picture)
        .map_err(|err| Failure::one(format!("{}: {err}", shown(path))))?;
    for line in lost {
        eprintln!("{}: warning: {line}", shown(path));
    }
    Ok(())
}

/// Runs a subcommand; returns what to print on standard output.
pub fn run(command: Command) -> Result<Done, Failure> {
    match &command {
        Command::Diff { old, new, json } => return diff(old, new, *json),
        Command::Merge {
            base,
            ours,
            theirs,
            output,
        } => return merge(base, ours, theirs, output),
        _ => {}
    }
    run_other(command).map(Done::from)
}

/// `diff OLD NEW`: the changes, one per line (or as JSON); status 0 equal, 1 different, 2
/// trouble.
fn diff(old: &Path, new: &Path, json: bool) -> Result<Done, Failure> {
    let trouble = |f: Failure| Failure(f.0, 2);
    let (a, b) = (load(old).map_err(trouble)?, load(new).map_err(trouble)?);
    let changes = crate::model::diff::diff(&a, &b);
    let out = if json {
        let text = serde_json::to_string_pretty(&changes)
            .map_err(|e| Failure(vec![format!("cannot write JSON: {e}")], 2))?;
        format!("{text}\n")
    } else {
        changes.iter().map(|c| format!("{c}\n")).collect()
    };
    Ok(Done {
        out,
        code: u8::from(!changes.is_empty()),
    })
}

/// `merge BASE OURS THEIRS -o OUT`: status 0 clean, 1 with conflicts (listed), 2 trouble.
fn merge(base: &Path, ours: &Path, theirs: &Path, output: &Path) -> Result<Done, Failure> {
    let trouble = |f: Failure| Failure(f.0, 2);
    let (base, ours, theirs) = (
        load(base).map_err(trouble)?,
        load(ours).map_err(trouble)?,
        load(theirs).map_err(trouble)?,
    );
    // A name that says no kind (git's temporary `%A`) keeps the kind of the file it names.
    use crate::formats::Format;
    let format = Format::of_path(output).or_else(|err| {
        std::fs::read(output)
            .map(|bytes| Format::sniff(&bytes))
            .map_err(|_| Failure(vec![format!("{}: {err}", shown(output))], 2))
    })?;
    if !format.lossless() {
        return Err(Failure(
            vec![format!(
                "{}: a merge is written as a map (.ron, .png or .svg), never as a .{}",
                shown(output),
                format.extension()
            )],
            2,
        ));
    }
    let merged = crate::model::merge::merge(&base, &ours, &theirs);
    if let Some(problem) = merged.map.validate().first() {
        return Err(Failure(
            vec![format!("the merge does not make a sound map: {problem}")],
            2,
        ));
    }
    crate::formats::write(
        output,
        &merged.map,
        format,
        &io::PictureSettings::default(),
        &|_| {},
    )
    .map_err(|err| Failure(vec![format!("{}: {err}", shown(output))], 2))?;
    Ok(Done {
        out: merged
            .conflicts
            .iter()
            .map(|c| format!("{}\n", c.describe(&merged.map)))
            .collect(),
        code: u8::from(!merged.conflicts.is_empty()),
    })
}

fn run_other(command: Command) -> Result<String, Failure> {
    match command {
        Command::Diff { .. } | Command::Merge { .. } => Ok(String::new()),
        Command::Insights { file, json } => {
            let found = crate::model::insights::insights(&load(&file)?);
            if json {
                serde_json::to_string_pretty(&found)
                    .map(|text| format!("{text}\n"))
                    .map_err(|e| Failure::one(format!("cannot write JSON: {e}")))
            } else {
                Ok(found.report())
            }
        }
        Command::Templates => Ok(templates::ALL
            .iter()
            .map(|t| format!("{}\n", t.name))
            .collect()),
        Command::New { template, output } => {
            let Some(found) = templates::find(&template) else {
                let names: Vec<&str> = templates::ALL.iter().map(|t| t.name).collect();
                return Err(Failure::one(format!(
                    "no template named {template:?}; the templates are: {}",
                    names.join(", ")
                )));
            };
            if let Ok(format) = crate::formats::Format::of_path(&output)
                && !format.lossless()
            {
                return Err(Failure::one(format!(
                    "{}: `new` writes a map (.ron, .png or .svg); a .{} file keeps only part of one: write the map, then `journeymap export` it",
                    shown(&output),
                    format.extension()
                )));
            }
            write(&output, &found.map(), &io::PictureSettings::default())?;
            Ok(String::new())
        }
        Command::Check { file } => Ok(format!("{}\n", load(&file)?.summary())),
        Command::Show { file } => Ok(io::to_ron(&load(&file)?)),
        Command::Thumbnail {
            input,
            output,
            size,
        } => {
            // A thumbnail is a plain PNG: its name says so.
            if crate::formats::Format::of_path(&output) != Ok(crate::formats::Format::Png) {
                return Err(Failure::one(format!(
                    "{}: a thumbnail is written as a .png",
                    shown(&output)
                )));
            }
            let map = load(&input)?;
            let bytes = crate::export::thumbnail::png(&map, size)
                .map_err(|err| Failure::one(format!("{}: {err}", shown(&output))))?;
            crate::io::write_atomically(&output, &bytes)
                .map_err(|err| Failure::one(format!("{}: {err}", shown(&output))))?;
            Ok(String::new())
        }
        Command::Export {
            input,
            output,
            scale,
            background,
            wrap,
            pages,
            insights,
        } => {
            let mut map = load(&input)?;
            if let Some(WrapArg(wrap)) = wrap {
                map.options.wrap = wrap;
            }
            let picture = io::PictureSettings {
                scale,
                background,
                dark: false,
                insights,
            };
            let pdf = crate::formats::Format::of_path(&output) == Ok(crate::formats::Format::Pdf);
            if pages.0 == crate::export::pdf::Pages::One || !pdf {
                write(&output, &map, &picture)?;
            } else {
                let options = crate::export::ExportOptions::from_settings(picture);
                let bytes = crate::export::pdf::to_pdf_pages(&map, &options, pages.0)
                    .map_err(|e| Failure::one(format!("{}: {e}", shown(&output))))?;
                io::write_atomically(&output, &bytes)
                    .map_err(|e| Failure::one(format!("{}: {e}", shown(&output))))?;
            }
            let ctx = crate::fonts::headless_context();
            let missing = crate::export::missing_characters(&ctx, &map);
            if !missing.is_empty() {
                let names: Vec<String> = missing
                    .iter()
                    .map(|c| format!("{c:?} (U+{:04X})", u32::from(*c)))
                    .collect();
                eprintln!(
                    "{}: warning: no bundled font has {}; they show as boxes",
                    shown(&output),
                    names.join(", ")
                );
            }
            Ok(String::new())
        }
    }
}
