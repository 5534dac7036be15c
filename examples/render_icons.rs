//! Renders the app icon (`assets/icons/journeymap.svg`) into the PNG sizes the window, the
//! desktop's icon theme and the packages use: `assets/icons/hicolor/NxN/apps/journeymap.png`.
//! Run after changing the SVG:
//!
//! ```sh
//! cargo run --release --example render_icons
//! ```

use resvg::{tiny_skia, usvg};
use std::path::Path;
use std::process::ExitCode;

/// The sizes of the freedesktop icon theme's `hicolor` folders.
const SIZES: [u32; 8] = [16, 24, 32, 48, 64, 128, 256, 512];

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/icons");
    let svg = match std::fs::read_to_string(root.join("journeymap.svg")) {
        Ok(svg) => svg,
        Err(err) => {
            eprintln!("render_icons: cannot read the icon: {err}");
            return ExitCode::FAILURE;
        }
    };
    let tree = match usvg::Tree::from_str(&svg, &usvg::Options::default()) {
        Ok(tree) => tree,
        Err(err) => {
            eprintln!("render_icons: the icon is not an SVG resvg reads: {err}");
            return ExitCode::FAILURE;
        }
    };
    for size in SIZES {
        let Some(mut pixmap) = tiny_skia::Pixmap::new(size, size) else {
            return ExitCode::FAILURE;
        };
        let scale = size as f32 / tree.size().width();
        resvg::render(
            &tree,
            tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        let dir = root.join(format!("hicolor/{size}x{size}/apps"));
        let written = std::fs::create_dir_all(&dir)
            .map_err(|e| e.to_string())
            .and_then(|()| {
                pixmap
                    .save_png(dir.join("journeymap.png"))
                    .map_err(|e| e.to_string())
            });
        if let Err(err) = written {
            eprintln!("render_icons: cannot write the {size} px icon: {err}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
