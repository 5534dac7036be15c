//! The floor of the start-up benchmark (`scripts/startup.sh`): an empty eframe window built
//! with the editor's features and opened with the editor's `NativeOptions` (same renderer, same
//! viewport), showing one empty panel. With `JOURNEYMAP_FIRST_FRAME=1` it prints
//! `first-frame <unix time in ns>` to standard error at the start of its second frame, after the
//! first was painted and presented, exactly as the editor does.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

struct Empty {
    first_frame: bool,
}

impl eframe::App for Empty {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if self.first_frame {
            if ui.ctx().cumulative_frame_nr() == 0 {
                ui.ctx().request_repaint();
            } else {
                let nanos = SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .unwrap_or(Duration::ZERO)
                    .as_nanos();
                eprintln!("first-frame {nanos}");
                self.first_frame = false;
            }
        }
        egui::CentralPanel::default().show(ui, |_ui| {});
    }
}

fn main() -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Empty window")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let first_frame =
        std::env::var_os("JOURNEYMAP_FIRST_FRAME").is_some_and(|v| !v.is_empty() && v != "0");
    eframe::run_native(
        "Empty window",
        options,
        Box::new(move |_cc| Ok(Box::new(Empty { first_frame }))),
    )
}
