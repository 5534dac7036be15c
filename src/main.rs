use clap::Parser as _;
use journeymap::app::JourneyMapApp;
use journeymap::cli::{Cli, run};
use std::process::ExitCode;

fn main() -> ExitCode {
    journeymap::i18n::set_language(journeymap::i18n::Language::from_system());
    let cli = Cli::parse();
    if let Some(command) = cli.command {
        return match run(command) {
            Ok(done) => {
                print!("{}", done.out);
                ExitCode::from(done.code)
            }
            Err(failure) => {
                for line in failure.0 {
                    eprintln!("{line}");
                }
                ExitCode::from(failure.1)
            }
        };
    }
    // A file that does not open is reported in the window (with its line and column), which
    // opens anyway: on the bundled template.
    let file = cli.file;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Journey Map")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Journey Map",
        options,
        Box::new(move |cc| {
            let settings = cc
                .storage
                .and_then(|s| eframe::get_value(s, journeymap::app::SETTINGS_KEY))
                .unwrap_or_default();
            let mut app = JourneyMapApp::start(settings, file);
            // Unsaved changes survive a crash: copies beside the app's data.
            if let Some(dir) = eframe::storage_dir("Journey Map") {
                app.keep_recovery_copies(&dir.join("recovery"));
            }
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("journeymap: cannot open a window: {err}");
            ExitCode::FAILURE
        }
    }
}
