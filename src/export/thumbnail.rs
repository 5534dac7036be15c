//! Thumbnails for file managers: the map fitted into a square of `size` pixels (its longer side
//! exactly `size`), drawn as the canvas draws a fitted map (level of detail on: titles kept
//! readable or shown as blocks), straight into a plain PNG. A map more than twice as long as it
//! is tall shows its beginning (the header and the first stages) at half the size's height
//! rather than shrinking to a line; either way it costs what the thumbnail's pixels and the
//! items in it cost, never a picture at full size.

use super::{ExportError, raster};
use crate::model::JourneyMap;
use crate::paint::{Detail, Theme, View, paint_map};
use egui::emath::TSTransform;
use egui::{Color32, Pos2, Rect, Vec2};
use std::collections::BTreeSet;

/// The most a thumbnail's longer side is of its shorter one.
const MOST_ASPECT: f32 = 2.0;

/// The sizes a thumbnail may be asked for, in pixels (freedesktop asks for 128 to 1024).
pub const SIZES: std::ops::RangeInclusive<u32> = 16..=1024;

/// `map` fitted into `size` × `size` pixels on white: straight RGBA8 rows, with the picture's
/// width and height (the longer one is `size`).
pub fn render(map: &JourneyMap, size: u32) -> Result<(Vec<u8>, u32, u32), ExportError> {
    if !SIZES.contains(&size) {
        return Err(ExportError::ThumbnailSize(size));
    }
    let (ctx, mut textures, style, layout) = super::headless(map, false);
    let (long, short) = (
        layout.size.x.max(layout.size.y).max(1.0),
        layout.size.x.min(layout.size.y).max(1.0),
    );
    let zoom = if long > MOST_ASPECT * short {
        size as f32 / MOST_ASPECT / short
    } else {
        size as f32 / long
    };
    let pixels = |side: f32| ((side * zoom).round() as u32).clamp(1, size);
    let (w, h) = (pixels(layout.size.x), pixels(layout.size.y));
    let screen = Rect::from_min_size(Pos2::ZERO, Vec2::new(w as f32, h as f32));
    let input = egui::RawInput {
        screen_rect: Some(screen),
        ..Default::default()
    };
    let theme = Theme::light();
    let selection = BTreeSet::new();
    let mut output = ctx.run_ui(input, |ui| {
        let painter = egui::Painter::new(ui.ctx().clone(), egui::LayerId::background(), screen);
        painter.rect_filled(screen, 0.0, Color32::WHITE);
        let view = View::still(
            TSTransform::from_scaling(zoom),
            &theme,
            &style,
            &selection,
            Detail::Adaptive,
        );
        paint_map(&painter, map, &layout, &view);
    });
    textures.apply(&output.textures_delta);
    output.textures_delta.clear();
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    let rasterizer = raster::Rasterizer::new(&primitives, &textures, output.pixels_per_point);
    Ok((rasterizer.render(0, 0, w, h, [255, 255, 255, 255]), w, h))
}

/// [`render`], as PNG bytes.
pub fn png(map: &JourneyMap, size: u32) -> Result<Vec<u8>, ExportError> {
    let (rgba, w, h) = render(map, size)?;
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&rgba)?;
    writer.finish()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many pixels differ from white: a thumbnail that shows a map is not blank.
    fn drawn(rgba: &[u8]) -> usize {
        rgba.chunks_exact(4)
            .filter(|p| p[..3].iter().any(|c| *c < 235))
            .count()
    }

    #[test]
    fn a_thumbnail_is_its_size_along_its_longer_side_and_shows_the_map() {
        for (name, map) in [
            ("template", crate::templates::ALL[0].map()),
            ("long", JourneyMap::generated(2000)),
        ] {
            for size in [128, 256] {
                let (rgba, w, h) = render(&map, size).expect("renders");
                assert_eq!(w.max(h), size, "{name} at {size}: {w} × {h}");
                assert!(2 * w.min(h) >= size - 1, "{name} at {size}: {w} × {h}");
                assert_eq!(rgba.len(), (w * h * 4) as usize);
                let share = drawn(&rgba) as f64 / f64::from(w * h);
                assert!(share > 0.2, "{name} at {size}: only {share:.2} drawn");
            }
        }
        assert!(matches!(
            render(&JourneyMap::plain(1), 8),
            Err(ExportError::ThumbnailSize(8))
        ));
    }
}
