//! Pictures of a map without a window or a GPU. A headless egui context with the app's fonts
//! paints the whole map through the same [`crate::paint::paint_map`] as the screen; the shapes
//! become SVG elements ([`svg`]), or are tessellated by epaint and rasterised on the CPU
//! ([`raster`]) band by band, streamed into a PNG that carries the map's text inside.

pub mod pdf;
pub mod raster;
pub mod svg;
pub mod thumbnail;

use crate::io;
use crate::layout::{MapLayout, Style};
use crate::model::JourneyMap;
use crate::paint::{Theme, View, paint_map};
use egui::emath::TSTransform;
use egui::{Color32, Pos2, Rect, Vec2};
use std::collections::BTreeSet;
use std::io::Write;

pub use crate::io::{Background, PictureSettings};

#[derive(Clone, Debug, PartialEq)]
pub struct ExportOptions {
    /// Pixels per map unit, 1 to 4.
    pub scale: f32,
    pub background: Background,
    pub theme: Theme,
    /// With a box of insights under the map.
    pub insights: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self::from_settings(PictureSettings::default())
    }
}

impl ExportOptions {
    /// The options that draw a picture as `settings` describe.
    pub fn from_settings(settings: PictureSettings) -> Self {
        Self {
            scale: settings.scale,
            background: settings.background,
            theme: if settings.dark {
                Theme::dark()
            } else {
                Theme::light()
            },
            insights: settings.insights,
        }
    }

    /// What the picture records of how it was drawn.
    pub fn settings(&self) -> PictureSettings {
        PictureSettings {
            scale: self.scale,
            background: self.background,
            dark: self.theme.dark,
            insights: self.insights,
        }
    }
}

/// The widest (and tallest) picture an export draws, in pixels.
pub const MAX_PICTURE_SIDE: u64 = 2 << 20;
/// The most pixels an export draws (the 2 000-touchpoint map at 3× is 2.8 billion).
pub const MAX_PICTURE_PIXELS: u64 = 6_000_000_000;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("the scale must be from 1 to 4, not {0}")]
    Scale(f32),
    #[error(
        "the picture would be {0} × {1} pixels, more than an export draws (at most {side} wide or high, {pixels} million pixels in all): export at a lower scale, or wrap the journey into bands",
        side = MAX_PICTURE_SIDE,
        pixels = MAX_PICTURE_PIXELS / 1_000_000
    )]
    TooBig(u64, u64),
    #[error("cannot write the picture: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot encode the PNG: {0}")]
    Png(#[from] png::EncodingError),
    #[error("cannot make the PDF: {0}")]
    Pdf(String),
    #[error("a thumbnail is from 16 to 1024 pixels, not {0}")]
    ThumbnailSize(u32),
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
    /// Texts the picture shows cut, whole, over where they stand (for SVG tooltips).
    pub titles: Vec<(Rect, String)>,
    /// The bands of a wrapped journey, top to bottom, in map units (for pages).
    pub bands: Vec<Rect>,
}

impl Painted {
    /// The picture's size in pixels.
    pub fn pixels(&self) -> (u32, u32) {
        let w = (self.size.x * self.scale).round() as u32;
        let h = (self.size.y * self.scale).round() as u32;
        (w, h)
    }
}

/// How many shapes are tessellated into one mesh.
const TESSELLATE_SHAPES: usize = 4096;

/// Tessellates `shapes` a few thousand at a time, in order, handing each piece's triangles to
/// `each`: one mesh for a long map's hundreds of thousands of shapes would grow by doubling,
/// holding its old copies, to several times its size.
fn tessellate_in_pieces(
    ctx: &egui::Context,
    mut shapes: Vec<egui::epaint::ClippedShape>,
    pixels_per_point: f32,
    mut each: impl FnMut(Vec<egui::ClippedPrimitive>),
) {
    while !shapes.is_empty() {
        let rest = shapes.split_off(shapes.len().min(TESSELLATE_SHAPES));
        each(ctx.tessellate(shapes, pixels_per_point));
        shapes = rest;
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
        let mut primitives = Vec::new();
        tessellate_in_pieces(&self.ctx, self.output.shapes, self.scale, |piece| {
            primitives.extend(piece);
        });
        Tessellated {
            primitives,
            textures: self.textures,
            pixels,
            scale: self.scale,
        }
    }
}

/// A headless context with our fonts for drawing `map` (its font atlas already in the textures),
/// in the light or dark theme, and the map laid out at 100 % as on screen (painting draws the
/// measured rows at any scale).
fn headless(map: &JourneyMap, dark: bool) -> (egui::Context, raster::Textures, Style, MapLayout) {
    let (ctx, mut first) = crate::fonts::headless_context_with_textures();
    let mut textures = raster::Textures::new();
    textures.apply(&first);
    first.clear();
    // The theme also sets how glyph coverage becomes alpha: match the screen's.
    ctx.set_theme(if dark {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    });
    let style = Style::default();
    let labels = crate::i18n::map_labels();
    let layout = ctx.fonts_mut(|fonts| MapLayout::new(map, &style, &labels, fonts));
    (ctx, textures, style, layout)
}

/// Paints `map` in full at `options.scale` pixels per map unit.
pub fn paint(map: &JourneyMap, options: &ExportOptions) -> Result<Painted, ExportError> {
    if !(1.0..=4.0).contains(&options.scale) {
        return Err(ExportError::Scale(options.scale));
    }
    let (ctx, mut textures, style, layout) = headless(map, options.theme.dark);
    // The insights box, when asked for, goes under the map, as wide as it.
    let summary = options.insights.then(|| {
        let width = layout.size.x - 2.0 * style.margin;
        let text = insights_text(map);
        // Measured here to size the picture; laid out again while painting, where its glyphs
        // go into the frame's font atlas.
        let height = ctx.fonts_mut(|fonts| {
            crate::layout::lay_out(
                fonts,
                crate::layout::text_wrapped(
                    &text,
                    egui::FontId::proportional(15.0),
                    options.theme.text,
                    width - 32.0,
                ),
            )
            .size()
            .y
        });
        let rect = Rect::from_min_size(
            egui::pos2(style.margin, layout.size.y),
            egui::vec2(width, height + 32.0),
        );
        (rect, text)
    });
    let below = summary
        .as_ref()
        .map_or(0.0, |(rect, _)| rect.height() + style.margin);
    let size = Vec2::new(layout.size.x.ceil(), (layout.size.y + below).ceil());
    // The work follows the picture: one too large to draw is refused before any drawing.
    let (w, h) = (
        (f64::from(size.x) * f64::from(options.scale)).ceil() as u64,
        (f64::from(size.y) * f64::from(options.scale)).ceil() as u64,
    );
    if w > MAX_PICTURE_SIDE || h > MAX_PICTURE_SIDE || w.saturating_mul(h) > MAX_PICTURE_PIXELS {
        return Err(ExportError::TooBig(w, h));
    }
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
        let view = View::still(
            TSTransform::IDENTITY,
            &options.theme,
            &style,
            &selection,
            crate::paint::Detail::Full,
        );
        paint_map(&painter, map, &layout, &view);
        if let Some((rect, text)) = &summary {
            painter.rect(
                *rect,
                8.0,
                options.theme.surface,
                egui::Stroke::new(1.0, options.theme.surface_stroke),
                egui::StrokeKind::Inside,
            );
            let galley = crate::paint::galley(
                &painter,
                crate::layout::text_wrapped(
                    text,
                    egui::FontId::proportional(15.0),
                    options.theme.text,
                    rect.width() - 32.0,
                ),
            );
            painter.galley(
                rect.min + egui::vec2(16.0, 16.0),
                galley,
                options.theme.text,
            );
        }
    });
    textures.apply(&output.textures_delta);
    output.textures_delta.clear();
    let mut titles = Vec::new();
    for (stage, b) in map.stages.iter().zip(&layout.stages) {
        if b.name.is_cut()
            || b.description
                .as_ref()
                .is_some_and(crate::layout::TextBox::is_cut)
        {
            let mut text = stage.name.clone();
            if !stage.description.is_empty() {
                text = format!("{text}\n{}", stage.description);
            }
            titles.push((b.header, text));
        }
    }
    for card in &layout.cards {
        if let Some(tp) = map.touchpoint(card.id)
            && (card.title.is_cut()
                || card
                    .description
                    .as_ref()
                    .is_some_and(crate::layout::TextBox::is_cut))
        {
            titles.push((card.rect, format!("{}\n{}", tp.title, tp.description)));
        }
    }
    for note in &layout.notes {
        if note.text.is_cut()
            && let Some(at) = map.note(note.id)
        {
            titles.push((note.rect, at.note.text.clone()));
        }
    }
    Ok(Painted {
        ctx,
        output,
        textures,
        size,
        scale: options.scale,
        titles,
        bands: layout.bands.iter().map(|b| b.rect).collect(),
    })
}

/// The insights box's text, in the interface's language: a heading, then a line per curve and
/// one for moments of truth and the COURTED checklist.
pub fn insights_text(map: &JourneyMap) -> String {
    use crate::i18n::{tr, tr_with};
    let found = crate::model::insights::insights(map);
    let mut lines = vec![tr("export.insights.heading").to_owned()];
    for c in &found.curves {
        let (Some(weakest), Some(peak), Some(end), Some(mean), Some(peak_end), Some(share)) = (
            c.lowest.first(),
            &c.peak,
            &c.end,
            c.mean,
            c.peak_end,
            c.happiness_share,
        ) else {
            continue;
        };
        let point = |p: &crate::model::insights::Point| {
            crate::i18n::bracketed(&p.title, &p.score.to_string())
        };
        lines.push(tr_with(
            "export.insights.curve",
            &[
                ("curve", &c.curve),
                ("weakest", &point(weakest)),
                ("peak", &point(peak)),
                ("end", &point(end)),
                ("peak_end", &format!("{peak_end:.2}")),
                ("mean", &format!("{mean:.2}")),
                ("share", &crate::i18n::percent(share)),
                ("recoveries", &c.recoveries.len().to_string()),
            ],
        ));
    }
    let t = found.courted.map;
    lines.push(tr_with(
        "export.insights.checks",
        &[
            ("moments", &found.moments_of_truth.to_string()),
            ("pass", &t.pass.to_string()),
            ("fail", &t.fail.to_string()),
        ],
    ));
    lines.join("\n")
}

/// The most pixel bytes a PNG export holds for a whole band of rows, and the most for a strip of
/// a band when a band would be more.
const BAND_BYTES: u64 = 64 << 20;
const STRIP_BYTES: u64 = 16 << 20;

/// Writes `map` as a PNG with the map's text inside. Returns the picture's size in pixels.
pub fn write_png(
    map: &JourneyMap,
    options: &ExportOptions,
    out: impl Write,
) -> Result<(u32, u32), ExportError> {
    write_png_reporting(map, options, out, &|_| {})
}

/// [`write_png`], telling `progress` the share of the picture written so far (0 to 1).
pub fn write_png_reporting(
    map: &JourneyMap,
    options: &ExportOptions,
    out: impl Write,
    progress: &dyn Fn(f32),
) -> Result<(u32, u32), ExportError> {
    let painted = paint(map, options)?;
    let (w, h) = painted.pixels();
    // Tessellated a few thousand shapes at a time, each piece's indices let go once its
    // triangles are binned: memory follows the picture's vertices and triangles, not more.
    let Painted {
        ctx,
        output,
        textures,
        scale,
        ..
    } = painted;
    let mut builder = raster::Builder::new(&textures, scale);
    tessellate_in_pieces(&ctx, output.shapes, scale, |piece| builder.add_owned(piece));
    drop(ctx);
    let rasterizer = builder.finish();

    let mut encoder = png::Encoder::new(out, w, h);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header()?;
    let mut chunk = png::text_metadata::ITXtChunk::new(io::MAP_KEYWORD, io::to_ron(map));
    chunk.compressed = true;
    writer.write_text_chunk(&chunk)?;
    let settings =
        png::text_metadata::ITXtChunk::new(io::PICTURE_KEYWORD, options.settings().to_text());
    writer.write_text_chunk(&settings)?;
    let mut stream = writer.stream_writer()?;
    let background = [0, 0, 0, 0];
    let mut y = 0;
    // Memory stays at a strip of rows, whatever the picture's height: a band of the
    // rasteriser at once (each band's triangles are gone through once), or, when a band's
    // pixels alone would take more than BAND_BYTES, strips of at most STRIP_BYTES.
    let row_bytes = (u64::from(w) * 4).max(1);
    let strip_rows = if row_bytes * u64::from(raster::BAND_ROWS) <= BAND_BYTES {
        raster::BAND_ROWS
    } else {
        u32::try_from(STRIP_BYTES / row_bytes)
            .unwrap_or(u32::MAX)
            .clamp(1, raster::BAND_ROWS)
    };
    while y < h {
        let rows = strip_rows.min(h - y);
        stream.write_all(&rasterizer.render(0, y, w, rows, background))?;
        y += rows;
        progress(y as f32 / h as f32);
    }
    stream.finish()?;
    Ok((w, h))
}

/// The map as an SVG document with the map's text inside.
pub fn to_svg(map: &JourneyMap, options: &ExportOptions) -> Result<String, ExportError> {
    svg_and_bands(map, options).map(|(svg, _)| svg)
}

/// [`to_svg`], with the rectangles of the journey's bands in the SVG's units.
pub(crate) fn svg_and_bands(
    map: &JourneyMap,
    options: &ExportOptions,
) -> Result<(String, Vec<Rect>), ExportError> {
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
    let mut svg = svg::shapes_to_svg(
        &painted.output.shapes,
        painted.size,
        background,
        &io::to_ron(map),
        &options.settings(),
    );
    svg::add_titles(&mut svg, &painted.titles);
    Ok((svg, painted.bands))
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
    texts.extend([
        map.header.source.as_str(),
        map.options.touchpoints_name.as_str(),
        map.options.emotion_name.as_str(),
    ]);
    for stage in &map.stages {
        texts.push(&stage.name);
        texts.push(&stage.description);
        for tp in &stage.touchpoints {
            texts.extend([
                tp.title.as_str(),
                tp.description.as_str(),
                tp.notes.as_str(),
            ]);
            texts.extend(tp.channel.as_ref().map(crate::i18n::channel_label));
        }
    }
    for lane in &map.lanes {
        texts.push(&lane.name);
        for note in &lane.notes {
            texts.extend([
                note.text.as_str(),
                note.owner.as_str(),
                note.metric.as_str(),
            ]);
        }
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
