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
    /// Write a template as a new map file.
    New {
        /// A name from `journeymap templates`.
        template: String,
        /// Where to write the map.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Validate a map file and print `stages=N touchpoints=M lanes=L curves=K`.
    Check { file: PathBuf },
    /// Convert a map file; the output's extension says to what.
    Export {
        input: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
    },
}

/// A failed command: the lines to print on standard error.
#[derive(Debug)]
pub struct Failure(pub Vec<String>);

impl Failure {
    fn one(line: String) -> Self {
        Self(vec![line])
    }
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

fn load(path: &Path) -> Result<crate::model::JourneyMap, Failure> {
    io::load(path).map_err(|err| Failure(err.report(&shown(path))))
}

fn save_ron(path: &Path, map: &crate::model::JourneyMap) -> Result<(), Failure> {
    io::save(path, map)
        .map_err(|err| Failure::one(format!("{}: cannot write the file: {err}", shown(path))))
}

/// Runs a subcommand; returns what to print on standard output.
pub fn run(command: Command) -> Result<String, Failure> {
    match command {
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
            save_ron(&output, &found.map())?;
            Ok(String::new())
        }
        Command::Check { file } => Ok(format!("{}\n", load(&file)?.summary())),
        Command::Export { input, output } => {
            let map = load(&input)?;
            let extension = output
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            match extension.as_str() {
                "ron" => save_ron(&output, &map)?,
                other => {
                    return Err(Failure::one(format!(
                        "{}: cannot export to {}: the output's extension must be .ron",
                        shown(&output),
                        if other.is_empty() {
                            "a file with no extension".to_owned()
                        } else {
                            format!(".{other}")
                        }
                    )));
                }
            }
            Ok(String::new())
        }
    }
}
