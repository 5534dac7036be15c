use clap::Parser as _;
use journeymap::cli::{Cli, run};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => match run(command) {
            Ok(out) => {
                print!("{out}");
                ExitCode::SUCCESS
            }
            Err(failure) => {
                for line in failure.0 {
                    eprintln!("{line}");
                }
                ExitCode::FAILURE
            }
        },
        None => {
            // The editor window arrives with the canvas; until then, say what would open.
            match cli.file {
                Some(file) => println!("would open {}", file.display()),
                None => println!("would open the template {}", journeymap::templates::DEFAULT),
            }
            ExitCode::SUCCESS
        }
    }
}
