use clap::Parser as _;
use journeymap::app::JourneyMapApp;
use journeymap::cli::{Cli, run};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(command) = cli.command {
        return match run(command) {
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
        };
    }
    let (map, path) = match cli.file {
        Some(path) => match journeymap::io::load(&path) {
            Ok(map) => (map, Some(path)),
            Err(err) => {
                for line in err.report(&path.display().to_string()) {
                    eprintln!("{line}");
                }
                return ExitCode::FAILURE;
            }
        },
        None => {
            let template = journeymap::templates::find(journeymap::templates::DEFAULT)
                .expect("the default template is bundled");
            (template.map(), None)
        }
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Journey Map")
            .with_inner_size([1400.0, 900.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Journey Map",
        options,
        Box::new(move |_cc| Ok(Box::new(JourneyMapApp::new(map, path)))),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("journeymap: cannot open a window: {err}");
            ExitCode::FAILURE
        }
    }
}
