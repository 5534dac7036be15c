//! Window events: files dropped on the window, text pasted into it, the close button (with the
//! unsaved-changes guard), the title and the theme.

use super::{JourneyMapApp, Modal, Pending};
use crate::i18n::tr;
use egui::ViewportCommand;

/// The app's icon at 256 px (rendered from `assets/icons/journeymap.svg`).
const ICON_PNG: &[u8] = include_bytes!("../../assets/icons/hicolor/256x256/apps/journeymap.png");

/// The icon the window and the task bar show; `None` only if the bundled PNG were broken.
pub fn icon() -> Option<egui::IconData> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(ICON_PNG));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().ok()?;
    let mut rgba = vec![0; reader.output_buffer_size()?];
    let info = reader.next_frame(&mut rgba).ok()?;
    rgba.truncate(info.buffer_size());
    (info.color_type == png::ColorType::Rgba).then_some(egui::IconData {
        rgba,
        width: info.width,
        height: info.height,
    })
}

impl JourneyMapApp {
    /// Files dropped on the window open (after the unsaved-changes guard).
    pub(super) fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        if let Some(file) = dropped.first() {
            self.guarded(Pending::Open(file.path().to_owned()));
        }
        let hovering = ctx.input(|i| !i.raw.hovered_files.is_empty());
        if hovering {
            let screen = ctx.content_rect();
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("drop-hint"),
            ));
            painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(120));
            painter.text(
                screen.center(),
                egui::Align2::CENTER_CENTER,
                tr("app.drop_hint"),
                egui::FontId::proportional(28.0),
                egui::Color32::WHITE,
            );
        }
    }

    pub(super) fn handle_paste(&mut self, ctx: &egui::Context) {
        if ctx.text_edit_focused() || self.modal.is_some() {
            return;
        }
        let pasted: Vec<String> = ctx.input(|i| {
            i.events
                .iter()
                .filter_map(|e| match e {
                    egui::Event::Paste(text) => Some(text.clone()),
                    _ => None,
                })
                .collect()
        });
        for text in pasted {
            self.paste_text(&text);
        }
    }

    pub(super) fn handle_window(&mut self, ctx: &egui::Context) {
        if self.save_job.is_some() {
            self.finish_save(false);
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            if let Some(job) = &mut self.save_job {
                // Never quit half-way through writing a file: close once it is written.
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                job.then.get_or_insert(Pending::Close);
            } else if self.doc.is_dirty() {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                self.modal = Some(Modal::Unsaved(Pending::Close));
            }
        }
        if std::mem::take(&mut self.close_now) {
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        if self.applied_theme != Some(self.settings.theme) {
            ctx.set_theme(self.settings.theme.preference());
            self.applied_theme = Some(self.settings.theme);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_window_icon_is_a_square_picture_with_something_in_it() {
        let icon = super::icon().expect("the bundled icon decodes");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
        let opaque = icon.rgba.chunks_exact(4).filter(|p| p[3] == 255).count();
        assert!(opaque > 256 * 256 / 2, "{opaque} opaque pixels");
    }
}
