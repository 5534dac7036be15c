//! Pictures of a map without a window or a GPU. A headless egui context with the app's fonts
//! paints the whole map through the same [`crate::paint::paint_map`] as the screen; the shapes
//! become SVG elements ([`svg`]), or are tessellated by epaint and rasterised on the CPU
//! ([`raster`]) band by band, streamed into a PNG that carries the map's text inside.

pub mod raster;
pub mod svg;

use crate::io;
use crate::layout::{MapLayout, Style};
use crate::model::JourneyMap;
use crate::paint::{Theme, View, paint_map};
use egui::emath::TSTransform;
use egui::{Color32, Pos2, Rect, Vec2};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

/// What is behind the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Background {
    White,
    Transparent,
    /// The canvas's own colour, as on screen.
    Canvas,
}

impl std::str::FromStr for Background {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "white" => Ok(Background::White),
            "transparent" => Ok(Background::Transparent),
            other => Err(format!(
                "the background is white or transparent, not {other:?}"
            )),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExportOptions {
    /// Pixels per map unit, 1 to 4.
    pub scale: f32,
    pub background: Background,
    pub theme: Theme,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            scale: 2.0,
            background: Background::White,
            theme: Theme::light(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("the scale must be from 1 to 4, not {0}")]
    Scale(f32),
    #[error("cannot write the picture: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot encode the PNG: {0}")]
    Png(#[from] png::EncodingError),
    #[error("cannot export to {0}: the output's extension must be .png, .svg or .ron")]
    Format(String),
}

/// A map painted in full into a headless context, ready to become a picture.
pub struct Painted {
    pub ctx: egui::Context,
    /// The frame's output; its texture changes are already in `textures`.
    pub output: egui::FullOutput,
    pub textures: raster::Textures,
    /// The picture's size in map units (whole numbers, so scales give exact multiples).
    pub size: Vec2,
    pub scale: f32,
}

impl Painted {
    /// The picture's size in pixels.
    pub fn pixels(&self) -> (u32, u32) {
        let w = (self.size.x * self.scale).round() as u32;
        let h = (self.size.y * self.scale).round() as u32;
        (w, h)
    }
}

/// A painted map as triangles, ready to rasterise.
pub struct Tessellated {
    pub primitives: Vec<egui::ClippedPrimitive>,
    pub textures: raster::Textures,
    pub pixels: (u32, u32),
    pub scale: f32,
}

impl Tessellated {
    pub fn rasterizer(&self) -> raster::Rasterizer<'_> {
        raster::Rasterizer::new(&self.primitives, &self.textures, self.scale)
    }
}

impl Painted {
    /// The painted shapes as epaint's textured triangles at the picture's scale.
    pub fn tessellate(self) -> Tessellated {
        let pixels = self.pixels();
        Tessellated {
            primitives: self.ctx.tessellate(self.output.shapes, self.scale),
            textures: self.textures,
            pixels,
            scale: self.scale,
        }
    }
}

/// Paints `map` in full at `options.scale` pixels per map unit.
pub fn paint(map: &JourneyMap, options: &ExportOptions) -> Result<Painted, ExportError> {
    if !(1.0..=4.0).contains(&options.scale) {
        return Err(ExportError::Scale(options.scale));
    }
    let ctx = crate::fonts::headless_context();
    // The theme also sets how glyph coverage becomes alpha: match the screen's.
    ctx.set_theme(if options.theme.dark {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    });
    let style = Style::default();
    // Laid out at 100 % as on screen; painting draws the measured rows at any scale.
    let layout = ctx.fonts_mut(|fonts| MapLayout::new(map, &style, fonts));
    let size = Vec2::new(layout.size.x.ceil(), layout.size.y.ceil());
    let screen = Rect::from_min_size(Pos2::ZERO, size);
    let mut input = egui::RawInput {
        screen_rect: Some(screen),
        ..Default::default()
    };
    input
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .native_pixels_per_point = Some(options.scale);
    let selection = BTreeSet::new();
    let mut output = ctx.run_ui(input, |ui| {
        let painter = egui::Painter::new(ui.ctx().clone(), egui::LayerId::background(), screen);
        let fill = match options.background {
            Background::White => Some(Color32::WHITE),
            Background::Canvas => Some(options.theme.background),
            Background::Transparent => None,
        };
        if let Some(fill) = fill {
            painter.rect_filled(screen, 0.0, fill);
        }
        let view = View {
            screen_from_map: TSTransform::IDENTITY,
            theme: &options.theme,
            style: &style,
            selection: &selection,
            hovered: None,
            lifted: None,
        };
        paint_map(&painter, map, &layout, &view);
    });
    let mut textures = raster::Textures::new();
    textures.apply(&output.textures_delta);
    output.textures_delta.clear();
    Ok(Painted {
        ctx,
        output,
        textures,
        size,
        scale: options.scale,
    })
}

/// Writes `map` as a PNG with the map's text inside. Returns the picture's size in pixels.
pub fn write_png(
    map: &JourneyMap,
    options: &ExportOptions,
    out: impl Write,
) -> Result<(u32, u32), ExportError> {
    let picture = paint(map, options)?.tessellate();
    let (w, h) = picture.pixels;
    let rasterizer = picture.rasterizer();

    let mut encoder = png::Encoder::new(out, w, h);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header()?;
    let mut chunk = png::text_metadata::ITXtChunk::new(io::MAP_KEYWORD, io::to_ron(map));
    chunk.compressed = true;
    writer.write_text_chunk(&chunk)?;
    let mut stream = writer.stream_writer()?;
    let background = [0, 0, 0, 0];
    let mut y = 0;
    while y < h {
        // Memory stays at a band, whatever the picture's height.
        let rows = raster::BAND_ROWS.min(h - y);
        stream.write_all(&rasterizer.render(0, y, w, rows, background))?;
        y += rows;
    }
    stream.finish()?;
    Ok((w, h))
}

/// The map as an SVG document with the map's text inside.
pub fn to_svg(map: &JourneyMap, options: &ExportOptions) -> Result<String, ExportError> {
    // The SVG's root draws the background; the painted shapes are the map alone.
    let transparent = ExportOptions {
        background: Background::Transparent,
        ..options.clone()
    };
    let painted = paint(map, &transparent)?;
    let background = match options.background {
        Background::White => Some(Color32::WHITE),
        Background::Canvas => Some(options.theme.background),
        Background::Transparent => None,
    };
    Ok(svg::shapes_to_svg(
        &painted.output.shapes,
        painted.size,
        background,
        &io::to_ron(map),
    ))
}

/// The map as an in-memory image (for the clipboard).
pub fn to_image(
    map: &JourneyMap,
    options: &ExportOptions,
) -> Result<egui::ColorImage, ExportError> {
    let picture = paint(map, options)?.tessellate();
    let (w, h) = picture.pixels;
    let rgba = picture.rasterizer().render(0, 0, w, h, [0, 0, 0, 0]);
    Ok(egui::ColorImage::from_rgba_unmultiplied(
        [w as usize, h as usize],
        &rgba,
    ))
}

/// Writes `map` to `path` as what its extension names: `.png`, `.svg` or `.ron`, atomically.
pub fn export_file(
    map: &JourneyMap,
    path: &Path,
    options: &ExportOptions,
) -> Result<(), ExportError> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "png" => {
            let mut failure = None;
            io::write_atomically_with(path, |file| {
                let buffered = std::io::BufWriter::new(file);
                write_png(map, options, buffered).map(|_| ()).map_err(|e| {
                    let err = std::io::Error::other(e.to_string());
                    failure = Some(e);
                    err
                })
            })
            .map_err(|e| failure.take().unwrap_or(ExportError::Io(e)))
        }
        "svg" => Ok(io::write_atomically(
            path,
            to_svg(map, options)?.as_bytes(),
        )?),
        "ron" => Ok(io::save(path, map)?),
        _ => Err(ExportError::Format(if extension.is_empty() {
            "a file with no extension".into()
        } else {
            format!(".{extension}")
        })),
    }
}

/// Characters of the map's text that no bundled font can draw (they would show as boxes), each
/// once, in the order they first appear.
pub fn missing_characters(ctx: &egui::Context, map: &JourneyMap) -> Vec<char> {
    let mut texts: Vec<&str> = vec![
        &map.header.title,
        &map.header.scenario,
        &map.header.expectations,
    ];
    for persona in &map.header.personas {
        texts.push(&persona.name);
        texts.push(&persona.description);
        texts.extend(persona.goals.iter().map(String::as_str));
    }
    for level in &map.scale.levels {
        texts.push(&level.label);
        texts.extend(level.emoji.as_deref());
    }
    for stage in &map.stages {
        texts.push(&stage.name);
        for tp in &stage.touchpoints {
            texts.extend([
                tp.title.as_str(),
                tp.description.as_str(),
                crate::paint::channel_label(&tp.channel),
            ]);
        }
    }
    for lane in &map.lanes {
        texts.push(&lane.name);
        texts.extend(lane.notes.values().flatten().map(|n| n.text.as_str()));
    }
    texts.extend(map.curves.iter().map(|c| c.name.as_str()));

    let font = egui::FontId::proportional(14.0);
    let mut seen = std::collections::HashSet::new();
    let mut missing = Vec::new();
    ctx.fonts_mut(|fonts| {
        for c in texts.iter().flat_map(|t| t.chars()) {
            // Variation selectors and joiners shape with their neighbours; they need no glyph.
            let invisible = c.is_whitespace()
                || c.is_control()
                || ('\u{fe00}'..='\u{fe0f}').contains(&c)
                || c == '\u{200d}';
            if !invisible && seen.insert(c) && !fonts.has_glyph(&font, c) {
                missing.push(c);
            }
        }
    });
    missing
}
