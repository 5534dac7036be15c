//! Renders our SVG with resvg, an independent renderer, using the same fonts as the app
//! (egui's Ubuntu-Light and the bundled CJK subset), so the two can be compared.

use resvg::{tiny_skia, usvg};

/// `svg` rendered at `scale` pixels per SVG unit, on a transparent pixmap.
pub fn render(svg: &str, scale: f32) -> Result<tiny_skia::Pixmap, String> {
    let mut options = usvg::Options::default();
    let fonts = journeymap::fonts::definitions();
    for data in fonts.font_data.values() {
        options
            .fontdb_mut()
            .load_font_data(data.font.as_ref().as_ref().to_vec());
    }
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).round() as u32,
        (size.height() * scale).round() as u32,
    );
    let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or_else(|| format!("no pixmap of {w}x{h}"))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}
