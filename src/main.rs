use clap::Parser as _;
use journeymap::app::JourneyMapApp;
use journeymap::cli::{Cli, run};
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

// epaint builds its vertex buffers anew every frame; glibc's allocator hands large ones back to
// the system and faults them in again, which made a large map's frame up to 3x slower.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    let mut viewport = egui::ViewportBuilder::default();
    if let Some(icon) = journeymap::app::icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport: viewport
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
            Ok(Box::new(Timed::new(app)))
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

/// The editor, timed when the environment asks (for `scripts/startup.sh` and frame-time runs).
///
/// `JOURNEYMAP_FIRST_FRAME=1` prints `first-frame <unix time in ns>` to standard error once the
/// first frame has been painted and presented: at the start of the second frame's pass, which
/// the first frame asks for. `JOURNEYMAP_FRAME_TIMES=1` prints a line for every pass: the time
/// spent in the editor's `ui`, and eframe's CPU time of the previous frame (`ui`, tessellation
/// and painting, without the buffer swap), with the time the pass began:
/// `frame <n> unix_ns=<t> ui_ms=<t> prev_cpu_ms=<t>`.
struct Timed {
    app: JourneyMapApp,
    first_frame: bool,
    frame_times: bool,
}

impl Timed {
    fn new(app: JourneyMapApp) -> Self {
        let on = |name| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
        Self {
            app,
            first_frame: on("JOURNEYMAP_FIRST_FRAME"),
            frame_times: on("JOURNEYMAP_FRAME_TIMES"),
        }
    }
}

/// Nanoseconds since 1970, comparable with `date +%s%N` in a script.
fn unix_nanos() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_nanos()
}

impl eframe::App for Timed {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let frame_nr = ui.ctx().cumulative_frame_nr();
        if self.first_frame {
            if frame_nr == 0 {
                // The first frame is presented after this pass; the next frame's pass shows it was.
                ui.ctx().request_repaint();
            } else {
                eprintln!("first-frame {}", unix_nanos());
                self.first_frame = false;
            }
        }
        let began = self.frame_times.then(unix_nanos);
        let started = Instant::now();
        eframe::App::ui(&mut self.app, ui, frame);
        if let Some(began) = began {
            let cpu = frame.info().cpu_usage.map_or(f32::NAN, |s| s * 1000.0);
            eprintln!(
                "frame {frame_nr} unix_ns={began} ui_ms={:.3} prev_cpu_ms={cpu:.3}",
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::App::save(&mut self.app, storage);
    }

    fn on_exit(&mut self, gl: Option<&eframe::glow::Context>) {
        eframe::App::on_exit(&mut self.app, gl);
    }
}
