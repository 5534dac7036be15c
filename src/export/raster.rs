//! The CPU rasteriser of exports: draws the textured triangles that `egui::Context::tessellate`
//! makes, as egui's GPU renderers (egui_glow, egui-wgpu) draw them, with no GPU.
//!
//! [`Textures`] keeps CPU copies of egui's textures; [`Rasterizer`] bins the triangles into
//! bands of [`BAND_ROWS`] rows once and then renders any rectangle of the picture, band pieces in
//! parallel. Matched from the renderers:
//! - vertex colours and texels are premultiplied sRGB, multiplied and blended in gamma space
//!   (`ONE, ONE_MINUS_SRC_ALPHA` for colour, `ONE_MINUS_DST_ALPHA, ONE` for alpha) into an 8-bit
//!   target, rounding after every blend as an RGBA8 framebuffer does;
//! - bilinear sampling at texel centres (egui-wgpu's "predictable" filtering), nearest when the
//!   texture asks for it, with the texture's wrap mode; minification vs magnification is chosen
//!   per triangle from its texel-per-pixel ratio; no mipmaps;
//! - clip rects in points × pixels per point, rounded to whole pixels;
//! - vertices snapped to 1/256 pixel, pixel centres sampled with a top-left fill rule, so the
//!   two triangles on either side of an edge never both cover a pixel (egui's feathering needs it);
//! - paint callbacks and meshes with an unknown texture are skipped.

use egui::epaint::{ImageDelta, Primitive, Vertex};
use egui::{
    ClippedPrimitive, Color32, ImageData, Rect, TextureFilter, TextureId, TextureOptions,
    TextureWrapMode, TexturesDelta,
};
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Mutex, PoisonError};

/// Rows of a bin of triangles. Renders of whole bands never set a triangle up twice per band.
pub const BAND_ROWS: u32 = 64;

/// Vertex positions are snapped to 1/256 pixel, as GPUs snap (8 sub-pixel bits).
const SUBPIXEL_BITS: u32 = 8;
const SUBPIXEL: i64 = 1 << SUBPIXEL_BITS;
const HALF_PIXEL: i64 = SUBPIXEL / 2;

/// Bound of snapped coordinates (2^21 px): edge functions then stay far inside `i64`.
const MAX_SUBPIXEL_COORD: f32 = (1u32 << 29) as f32;

const MAX_WORKERS: usize = 4;

/// The smallest piece of a band given to a worker.
const MIN_CHUNK_ROWS: u32 = 8;

/// Triangles at most this many pixels wide are scanned pixel by pixel; wider ones get each
/// row's covered span from three divisions.
const SCAN_MAX_WIDTH: i64 = 8;

// ---------------------------------------------------------------------------------------------

/// One texture: premultiplied sRGBA texels, row by row, as egui hands them to a GPU.
struct Texture {
    width: usize,
    height: usize,
    texels: Vec<[u8; 4]>,
    options: TextureOptions,
}

/// CPU copies of egui's textures (font atlas, images), kept up to date from each frame's delta.
#[derive(Default)]
pub struct Textures {
    textures: HashMap<TextureId, Texture>,
    /// Freed by the last delta. egui frees "after painting" the frame, so they go at the next
    /// [`Textures::apply`], as the GPU renderers do.
    freed: Vec<TextureId>,
}

impl Textures {
    pub fn new() -> Self {
        Self::default()
    }

    /// Applies `set` (whole images or patches at a position) and `free` of a frame's
    /// TexturesDelta. Frees take effect at the next `apply`: egui frees a texture after painting
    /// the frame whose delta freed it.
    ///
    /// The caller still owns `delta` and must `clear()` it before dropping it (epaint
    /// debug-asserts that a dropped delta is empty).
    pub fn apply(&mut self, delta: &TexturesDelta) {
        for id in self.freed.drain(..) {
            self.textures.remove(&id);
        }
        // Each id's deltas are in order; the order between ids does not matter.
        for (id, image_deltas) in &delta.set {
            for image_delta in image_deltas {
                self.set(*id, image_delta);
            }
        }
        self.freed.extend(delta.free.iter().copied());
    }

    fn set(&mut self, id: TextureId, delta: &ImageDelta) {
        let ImageData::Color(image) = &delta.image;
        let [width, height] = image.size;
        if image.pixels.len() != width * height {
            return; // a malformed image; the GPU renderers assert on it
        }
        match delta.pos {
            None => {
                let texels = image.pixels.iter().map(egui::Color32::to_array).collect();
                let texture = Texture {
                    width,
                    height,
                    texels,
                    options: delta.options,
                };
                self.textures.insert(id, texture);
            }
            Some([x, y]) => {
                // A patch of a texture we never got has nothing to land on.
                let Some(texture) = self.textures.get_mut(&id) else {
                    return;
                };
                texture.options = delta.options;
                let columns = width.min(texture.width.saturating_sub(x));
                let rows = height.min(texture.height.saturating_sub(y));
                for row in 0..rows {
                    let dst = (y + row) * texture.width + x;
                    let src = &image.pixels[row * width..row * width + columns];
                    for (texel, colour) in texture.texels[dst..dst + columns].iter_mut().zip(src) {
                        *texel = colour.to_array();
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// A mesh the rasteriser draws: its vertices and texture.
struct MeshRef<'a> {
    vertices: Cow<'a, [Vertex]>,
    /// The mesh's clip rectangle in pixels: `[x0, y0, x1, y1]`, ends excluded.
    clip: [i32; 4],
    texture: &'a Texture,
}

/// Builds a [`Rasterizer`] mesh by mesh. Given meshes it owns ([`Builder::add_owned`]), it keeps
/// their vertices and lets their indices go as it goes: a long map's picture is tessellated a
/// piece at a time and never holds all of its indices at once.
pub struct Builder<'a> {
    textures: &'a Textures,
    pixels_per_point: f32,
    scale: f32,
    meshes: Vec<MeshRef<'a>>,
    triangles: Vec<Triangle>,
    /// Triangles per band, counted first so that the bins are filled in one allocation.
    band_counts: Vec<usize>,
    corners: Vec<[i32; 2]>,
}

impl<'a> Builder<'a> {
    pub fn new(textures: &'a Textures, pixels_per_point: f32) -> Self {
        Self {
            textures,
            pixels_per_point,
            scale: pixels_per_point * SUBPIXEL as f32,
            meshes: Vec::new(),
            triangles: Vec::new(),
            band_counts: Vec::new(),
            corners: Vec::new(),
        }
    }

    /// Adds tessellated primitives this builder may keep (their indices are dropped).
    pub fn add_owned(&mut self, primitives: Vec<ClippedPrimitive>) {
        for primitive in primitives {
            if let Primitive::Mesh(mut mesh) = primitive.primitive {
                let indices = std::mem::take(&mut mesh.indices);
                mesh.vertices.shrink_to_fit();
                self.add(
                    primitive.clip_rect,
                    mesh.texture_id,
                    &indices,
                    Cow::Owned(mesh.vertices),
                );
            }
        }
    }

    fn add(
        &mut self,
        clip_rect: Rect,
        texture_id: egui::TextureId,
        indices: &[u32],
        vertices: Cow<'a, [Vertex]>,
    ) {
        let (scale, pixels_per_point) = (self.scale, self.pixels_per_point);
        // The renderers skip meshes whose texture they do not have.
        let Some(texture) = self.textures.textures.get(&texture_id) else {
            return;
        };
        if texture.width == 0 || texture.height == 0 {
            return;
        }
        let clip = clip_pixels(clip_rect, pixels_per_point);
        if clip[0] >= clip[2] || clip[1] >= clip[3] {
            return;
        }
        let mesh_index = u32::try_from(self.meshes.len()).expect("fewer than 2^32 meshes");
        let corners = &mut self.corners;
        corners.clear();
        corners.extend(
            vertices
                .iter()
                .map(|v| [to_subpixel(v.pos.x * scale), to_subpixel(v.pos.y * scale)]),
        );
        self.meshes.push(MeshRef {
            vertices,
            texture,
            clip,
        });
        self.triangles.reserve(indices.len() / 3);
        for index in indices.chunks_exact(3) {
            let mut vertices = [index[0], index[1], index[2]];
            let (Some(&a), Some(&b), Some(&c)) = (
                corners.get(vertices[0] as usize),
                corners.get(vertices[1] as usize),
                corners.get(vertices[2] as usize),
            ) else {
                continue; // an index out of range; the tessellator never makes one
            };
            let mut tri = [a, b, c];
            let area = doubled_area(&widen(&tri));
            if area == 0 {
                continue;
            }
            // egui uses both windings; one order keeps the edge functions' signs simple.
            if area < 0 {
                tri.swap(1, 2);
                vertices.swap(1, 2);
            }
            let pixels = covered_pixels(&tri, clip);
            if pixels[0] >= pixels[2] || pixels[1] >= pixels[3] {
                continue;
            }
            let (first_band, last_band) = bands_of(&pixels);
            if self.band_counts.len() <= last_band {
                self.band_counts.resize(last_band + 1, 0);
            }
            for count in &mut self.band_counts[first_band..=last_band] {
                *count += 1;
            }
            self.triangles.push(Triangle {
                vertices,
                mesh: mesh_index,
                rows: [pixels[1], pixels[3]],
            });
        }
    }

    /// The rasteriser of everything added, its triangles binned into bands.
    pub fn finish(self) -> Rasterizer<'a> {
        let Self {
            scale,
            meshes,
            mut triangles,
            band_counts,
            ..
        } = self;
        triangles.shrink_to_fit();
        let mut band_starts = Vec::with_capacity(band_counts.len() + 1);
        let mut total = 0;
        band_starts.push(0);
        for count in &band_counts {
            total += count;
            band_starts.push(total);
        }
        // Filled in painting order, from each band's next free slot.
        let mut binned = vec![0; total];
        let mut next_slots = band_starts.clone();
        for (id, triangle) in triangles.iter().enumerate() {
            let id = u32::try_from(id).expect("fewer than 2^32 triangles");
            let [y0, y1] = triangle.rows;
            let (first_band, last_band) = bands_of(&[0, y0, 0, y1]);
            for next in &mut next_slots[first_band..=last_band] {
                binned[*next] = id;
                *next += 1;
            }
        }

        let workers = std::thread::available_parallelism()
            .map_or(1, std::num::NonZero::get)
            .clamp(1, MAX_WORKERS);
        Rasterizer {
            meshes,
            scale,
            triangles,
            band_starts,
            binned,
            workers,
        }
    }
}

/// A triangle ready for binning and drawing (24 bytes: a long map's picture has millions, so its
/// corners and the columns it covers are worked out again from its vertices when it is drawn
/// rather than kept; its rows are kept, so that a strip of rows passes over the others at once).
struct Triangle {
    /// The corners' vertices in the mesh, ordered so that the signed area is positive (y down).
    vertices: [u32; 3],
    mesh: u32,
    /// The rows of pixels whose centres it may cover, clipped: `y0..y1`.
    rows: [i32; 2],
}

/// A triangle's corners in 1/256 pixel (`scale` sub-pixels per point) and the pixels whose
/// centres it may cover, clipped to its mesh's clip: `[x0, y0, x1, y1]`, ends excluded.
fn placed(meshes: &[MeshRef<'_>], scale: f32, triangle: &Triangle) -> ([[i32; 2]; 3], [i32; 4]) {
    let mesh = &meshes[triangle.mesh as usize];
    let corners = triangle.vertices.map(|i| {
        let pos = mesh.vertices[i as usize].pos;
        [to_subpixel(pos.x * scale), to_subpixel(pos.y * scale)]
    });
    let pixels = covered_pixels(&corners, mesh.clip);
    (corners, pixels)
}

/// Rasterises tessellated egui output. Bins triangles once (into horizontal bands of
/// [`BAND_ROWS`] pixels) so that any rectangle of the picture renders fast and big pictures can
/// be made band by band.
pub struct Rasterizer<'a> {
    meshes: Vec<MeshRef<'a>>,
    /// Sub-pixels per point: vertex positions times this are corners in 1/256 pixel.
    scale: f32,
    /// All drawable triangles, in painting order.
    triangles: Vec<Triangle>,
    /// Band `b`'s triangles, in painting order, are `binned[band_starts[b]..band_starts[b + 1]]`.
    band_starts: Vec<usize>,
    binned: Vec<u32>,
    workers: usize,
}

impl<'a> Rasterizer<'a> {
    pub fn new(
        primitives: &'a [ClippedPrimitive],
        textures: &'a Textures,
        pixels_per_point: f32,
    ) -> Self {
        let mut builder = Builder::new(textures, pixels_per_point);
        for primitive in primitives {
            if let Primitive::Mesh(mesh) = &primitive.primitive {
                builder.add(
                    primitive.clip_rect,
                    mesh.texture_id,
                    &mesh.indices,
                    Cow::Borrowed(&mesh.vertices),
                );
            }
        }
        builder.finish()
    }

    /// Pixels x0..x0+w, y0..y0+h (physical pixels) of the picture drawn over `background`
    /// (straight, i.e. non-premultiplied, sRGB RGBA; `[0, 0, 0, 0]` for transparent), returned as
    /// w*h*4 bytes of straight RGBA8, row by row (what a PNG encoder takes).
    pub fn render(&self, x0: u32, y0: u32, w: u32, h: u32, background: [u8; 4]) -> Vec<u8> {
        let row_bytes = w as usize * 4;
        let mut out = vec![0u8; row_bytes * h as usize];
        if out.is_empty() {
            return out;
        }
        let [r, g, b, a] = background;
        let background = Color32::from_rgba_unmultiplied(r, g, b, a).to_array();

        // Pieces of bands: aligned to `chunk_rows` in the picture, so none straddles two bands.
        let chunk_rows = chunk_rows(h, self.workers);
        let (y0, end) = (u64::from(y0), u64::from(y0) + u64::from(h));
        let mut chunks = Vec::new();
        let mut rest: &mut [u8] = &mut out;
        let mut y = y0;
        while y < end {
            let next = ((y / chunk_rows + 1) * chunk_rows).min(end);
            let (pixels, tail) =
                std::mem::take(&mut rest).split_at_mut((next - y) as usize * row_bytes);
            let target = Target {
                x0: i64::from(x0),
                x1: i64::from(x0) + i64::from(w),
                y0: y as i64,
                y1: next as i64,
            };
            chunks.push((target, pixels));
            rest = tail;
            y = next;
        }

        let workers = self.workers.min(chunks.len());
        if workers <= 1 {
            for (target, pixels) in chunks {
                self.render_chunk(&target, pixels, background);
            }
        } else {
            let queue = Mutex::new(chunks.into_iter());
            let work = || {
                loop {
                    let next = queue.lock().unwrap_or_else(PoisonError::into_inner).next();
                    let Some((target, pixels)) = next else { break };
                    self.render_chunk(&target, pixels, background);
                }
            };
            std::thread::scope(|scope| {
                for _ in 1..workers {
                    scope.spawn(work);
                }
                work();
            });
        }
        out
    }

    /// Renders `target`, rows within one band, into its `pixels`.
    fn render_chunk(&self, target: &Target, pixels: &mut [u8], background: [u8; 4]) {
        let (pixels, _) = pixels.as_chunks_mut::<4>();
        pixels.fill(background);
        let band = target.y0 as usize / BAND_ROWS as usize;
        if let (Some(&start), Some(&end)) =
            (self.band_starts.get(band), self.band_starts.get(band + 1))
        {
            let band = &self.binned[start..end];
            let mut tint = TintCache::default();
            for &triangle in band {
                self.draw(
                    &self.triangles[triangle as usize],
                    target,
                    pixels,
                    &mut tint,
                );
            }
        }
        unpremultiply(pixels);
    }

    /// Draws one triangle into the part of `pixels` (covering `target`) that it covers.
    fn draw(
        &self,
        triangle: &Triangle,
        target: &Target,
        pixels: &mut [[u8; 4]],
        tint: &mut TintCache,
    ) {
        if i64::from(triangle.rows[1]) <= target.y0 || i64::from(triangle.rows[0]) >= target.y1 {
            return;
        }
        let (corners, covered) = placed(&self.meshes, self.scale, triangle);
        let xs = i64::from(covered[0]).max(target.x0);
        let ys = i64::from(covered[1]).max(target.y0);
        let xe = i64::from(covered[2]).min(target.x1);
        let ye = i64::from(covered[3]).min(target.y1);
        if xs >= xe || ys >= ye {
            return;
        }
        let mesh = &self.meshes[triangle.mesh as usize];
        let corners = widen(&corners);
        // Everything is measured from the triangle's first pixel, not the target's, so that a
        // pixel gets the same bits whichever piece of the picture it is rendered in.
        let (ox, oy) = (i64::from(covered[0]), i64::from(covered[1]));
        let origin = [ox * SUBPIXEL + HALF_PIXEL, oy * SUBPIXEL + HALF_PIXEL];
        // Edge i is opposite corner i, so its value over the area is corner i's weight.
        let edges = [
            Edge::new(corners[1], corners[2], origin),
            Edge::new(corners[2], corners[0], origin),
            Edge::new(corners[0], corners[1], origin),
        ];
        let stride = (target.x1 - target.x0) as usize;
        let geometry = Geometry {
            edges: &edges,
            columns: xs - ox..xe - ox,
            rows: ys - oy..ye - oy,
            // Index in `pixels` of the triangle's first pixel, maybe outside the target.
            origin: (oy - target.y0) * stride as i64 + (ox - target.x0),
            stride,
        };

        let texture = mesh.texture;
        let [a, b, c] = triangle.vertices;
        let (a, b, c) = (
            &mesh.vertices[a as usize],
            &mesh.vertices[b as usize],
            &mesh.vertices[c as usize],
        );
        let constant_colour = a.color == b.color && b.color == c.color;
        let colours = [a.color, b.color, c.color];
        let weights = || Weights::new(&edges, doubled_area(&corners));

        if a.uv == b.uv && b.uv == c.uv {
            // One texel (egui's WHITE_UV for plain shapes) for the whole triangle.
            let tint = tint.get(triangle.mesh, a.uv, texture);
            if constant_colour {
                let src = mul4(to_f32(a.color.to_array()), tint);
                if src[3] == 255.0 {
                    let opaque = [to_u8(src[0]), to_u8(src[1]), to_u8(src[2]), 255];
                    geometry.fill(pixels, |span, _, _| span.fill(opaque));
                } else {
                    geometry.fill(pixels, |span, _, _| {
                        for dst in span {
                            blend(dst, src);
                        }
                    });
                }
            } else {
                let colour = ColourPlanes::new(&weights(), colours, tint);
                geometry.fill(pixels, |span, row, k0| {
                    let (base, step) = colour.row(row);
                    for (k, dst) in (k0..).zip(span) {
                        blend(dst, mul_add4(step, k as f32, base));
                    }
                });
            }
        } else {
            let weights = weights();
            let (tw, th) = (texture.width as f32, texture.height as f32);
            let u = weights.plane([a.uv.x * tw, b.uv.x * tw, c.uv.x * tw]);
            let v = weights.plane([a.uv.y * th, b.uv.y * th, c.uv.y * th]);
            let options = &texture.options;
            let filter = if options.minification == options.magnification {
                options.magnification
            } else {
                // More than a texel per pixel is minification, as a GPU decides per pixel.
                let rho = (u.dx.hypot(v.dx)).max(u.dy.hypot(v.dy));
                if rho > 1.0 {
                    options.minification
                } else {
                    options.magnification
                }
            };
            let sampler = Sampler::new(texture, filter);
            // Colours scaled to 0..=1 so that colour × texel is 0..=255.
            let colour = ColourPlanes::new(&weights, colours, [1.0 / 255.0; 4]);
            geometry.fill(pixels, |span, row, k0| {
                let (u0, v0) = (u.row(row), v.row(row));
                let (base, step) = colour.row(row);
                for (k, dst) in (k0..).zip(span) {
                    let k = k as f32;
                    let texel = sampler.sample(u0 + u.dx * k, v0 + v.dx * k);
                    blend(dst, mul4(mul_add4(step, k, base), texel));
                }
            });
        }
    }
}

/// The last texel looked up for a constant-UV triangle, with its mesh: egui's plain shapes all
/// use the WHITE_UV texel, so one lookup serves a whole mesh.
#[derive(Default)]
struct TintCache {
    last: Option<(u32, egui::Pos2, [f32; 4])>,
}

impl TintCache {
    /// The texel at `uv` of `mesh`'s texture, channels 0..=1.
    fn get(&mut self, mesh: u32, uv: egui::Pos2, texture: &Texture) -> [f32; 4] {
        match self.last {
            Some((m, at, tint)) if m == mesh && at == uv => tint,
            _ => {
                let sampler = Sampler::new(texture, texture.options.magnification);
                let texel =
                    sampler.sample(uv.x * texture.width as f32, uv.y * texture.height as f32);
                let tint = [
                    texel[0] / 255.0,
                    texel[1] / 255.0,
                    texel[2] / 255.0,
                    texel[3] / 255.0,
                ];
                self.last = Some((mesh, uv, tint));
                tint
            }
        }
    }
}

/// The vertex colours (0..=255) times `scale`, interpolated over the triangle.
struct ColourPlanes {
    planes: [Plane; 4],
}

impl ColourPlanes {
    fn new(weights: &Weights, colours: [Color32; 3], scale: [f32; 4]) -> Self {
        let channel = |i: usize| {
            let plane = weights.plane([
                f32::from(colours[0][i]),
                f32::from(colours[1][i]),
                f32::from(colours[2][i]),
            ]);
            Plane {
                at: plane.at * scale[i],
                dx: plane.dx * scale[i],
                dy: plane.dy * scale[i],
            }
        };
        Self {
            planes: [channel(0), channel(1), channel(2), channel(3)],
        }
    }

    /// The colour at the first column of `row` and its step to the next pixel.
    #[inline(always)]
    fn row(&self, row: i64) -> ([f32; 4], [f32; 4]) {
        let p = &self.planes;
        (
            [p[0].row(row), p[1].row(row), p[2].row(row), p[3].row(row)],
            [p[0].dx, p[1].dx, p[2].dx, p[3].dx],
        )
    }
}

/// Pixels `x0..x1` × `y0..y1` of the picture, rendered as one piece.
struct Target {
    x0: i64,
    x1: i64,
    y0: i64,
    y1: i64,
}

/// The first and last band a triangle's pixels touch.
fn bands_of(pixels: &[i32; 4]) -> (usize, usize) {
    let band = |y: i32| y as usize / BAND_ROWS as usize;
    (band(pixels[1]), band(pixels[3] - 1))
}

/// Band pieces small enough that every worker gets some, even when one band is asked for.
fn chunk_rows(h: u32, workers: usize) -> u64 {
    let mut rows = BAND_ROWS;
    while rows > MIN_CHUNK_ROWS && (h.div_ceil(rows) as usize) < workers * 2 {
        rows /= 2;
    }
    u64::from(rows)
}

/// The clip rect in whole pixels, as egui_glow and egui-wgpu round and clamp it.
fn clip_pixels(clip_rect: Rect, pixels_per_point: f32) -> [i32; 4] {
    // `as` saturates (and maps NaN to 0), like the renderers' `as u32` and clamp.
    let px = |v: f32| ((v * pixels_per_point).round() as i32).max(0);
    let (x0, y0) = (px(clip_rect.min.x), px(clip_rect.min.y));
    let (x1, y1) = (px(clip_rect.max.x).max(x0), px(clip_rect.max.y).max(y0));
    [x0, y0, x1, y1]
}

fn to_subpixel(v: f32) -> i32 {
    v.round().clamp(-MAX_SUBPIXEL_COORD, MAX_SUBPIXEL_COORD) as i32
}

fn widen(corners: &[[i32; 2]; 3]) -> [[i64; 2]; 3] {
    corners.map(|c| c.map(i64::from))
}

/// Twice the signed area; positive when the corners turn clockwise on screen (y down).
fn doubled_area(c: &[[i64; 2]; 3]) -> i64 {
    (c[1][0] - c[0][0]) * (c[2][1] - c[0][1]) - (c[1][1] - c[0][1]) * (c[2][0] - c[0][0])
}

/// Pixels whose centres lie within the triangle's bounds and the clip rect.
fn covered_pixels(corners: &[[i32; 2]; 3], clip: [i32; 4]) -> [i32; 4] {
    let c = widen(corners);
    let min = |axis: usize| c[0][axis].min(c[1][axis]).min(c[2][axis]);
    let max = |axis: usize| c[0][axis].max(c[1][axis]).max(c[2][axis]);
    // First pixel with centre >= min, one past the last with centre <= max.
    let first = |axis: usize| -(HALF_PIXEL - min(axis)).div_euclid(SUBPIXEL);
    let end = |axis: usize| (max(axis) - HALF_PIXEL).div_euclid(SUBPIXEL) + 1;
    let clamp = |v: i64| v.clamp(0, i64::from(i32::MAX)) as i32;
    [
        clamp(first(0)).max(clip[0]),
        clamp(first(1)).max(clip[1]),
        clamp(end(0)).min(clip[2]),
        clamp(end(1)).min(clip[3]),
    ]
}

/// An edge function `(b - a) × (p - a)`, exact in integers: its value at the centre of the
/// triangle's first pixel and its steps per pixel.
#[derive(Clone, Copy)]
struct Edge {
    /// The value at the first pixel.
    at: i64,
    /// The value at the first pixel, minus one unless the edge is top or left: a pixel
    /// is covered when all three are >= 0, so a centre on a shared edge is drawn exactly once.
    test: i64,
    step_x: i64,
    step_y: i64,
}

impl Edge {
    fn new(a: [i64; 2], b: [i64; 2], start: [i64; 2]) -> Self {
        let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
        let at = dx * (start[1] - a[1]) - dy * (start[0] - a[0]);
        // With positive area and y down, the inside is right of a→b: a left edge goes up,
        // a top edge goes right.
        let top_left = dy < 0 || (dy == 0 && dx > 0);
        Self {
            at,
            test: if top_left { at } else { at - 1 },
            step_x: -dy * SUBPIXEL,
            step_y: dx * SUBPIXEL,
        }
    }
}

/// The weights of corners 1 and 2 as planes over the pixels (corner 0 has the rest).
struct Weights {
    at: [f32; 2],
    dx: [f32; 2],
    dy: [f32; 2],
}

impl Weights {
    fn new(edges: &[Edge; 3], area: i64) -> Self {
        // f32 is plenty: the weights' relative error stays near 1e-7.
        let inverse = 1.0 / area as f32;
        let ratio = |v: i64| v as f32 * inverse;
        let [_, e1, e2] = edges;
        Self {
            at: [ratio(e1.at), ratio(e2.at)],
            dx: [ratio(e1.step_x), ratio(e2.step_x)],
            dy: [ratio(e1.step_y), ratio(e2.step_y)],
        }
    }

    /// The plane through the corners' `values`.
    fn plane(&self, values: [f32; 3]) -> Plane {
        let (d1, d2) = (values[1] - values[0], values[2] - values[0]);
        Plane {
            at: values[0] + self.at[0] * d1 + self.at[1] * d2,
            dx: self.dx[0] * d1 + self.dx[1] * d2,
            dy: self.dy[0] * d1 + self.dy[1] * d2,
        }
    }
}

/// A vertex attribute interpolated linearly over the pixels from the triangle's first pixel.
#[derive(Clone, Copy)]
struct Plane {
    at: f32,
    dx: f32,
    dy: f32,
}

impl Plane {
    /// The value at the first column of `row`.
    #[inline(always)]
    fn row(&self, row: i64) -> f32 {
        self.at + self.dy * row as f32
    }
}

/// Which pixels of the target one triangle covers, row by row. Rows and columns count from the
/// triangle's first pixel.
struct Geometry<'e> {
    edges: &'e [Edge; 3],
    /// The columns and rows inside the target.
    columns: Range<i64>,
    rows: Range<i64>,
    /// Index of column 0, row 0 in the target's pixels (can be outside them).
    origin: i64,
    stride: usize,
}

impl Geometry<'_> {
    /// Calls `shade(span, row, k0)` with each row's covered pixels, `k0` being the first one's
    /// column.
    #[inline(always)]
    fn fill(&self, pixels: &mut [[u8; 4]], mut shade: impl FnMut(&mut [[u8; 4]], i64, i64)) {
        let e = self.edges;
        let step = [e[0].step_x, e[1].step_x, e[2].step_x];
        let (first, width) = (self.columns.start, self.columns.end - self.columns.start);
        for row in self.rows.clone() {
            let t = [
                e[0].test + e[0].step_y * row + step[0] * first,
                e[1].test + e[1].step_y * row + step[1] * first,
                e[2].test + e[2].step_y * row + step[2] * first,
            ];
            let (k0, k1) = if width <= SCAN_MAX_WIDTH {
                scan_row(t, step, width)
            } else {
                span_row(t, step, width)
            };
            if k0 < k1 {
                // Inside the target, so the index is too.
                let at = (self.origin + row * self.stride as i64 + first) as usize;
                shade(
                    &mut pixels[at + k0 as usize..at + k1 as usize],
                    row,
                    first + k0,
                );
            }
        }
    }
}

/// The covered pixels `k0..k1` of a row, testing pixel by pixel (a triangle's row is one run).
#[inline(always)]
fn scan_row(mut t: [i64; 3], step: [i64; 3], width: i64) -> (i64, i64) {
    let mut k0 = None;
    for k in 0..width {
        let inside = (t[0] | t[1] | t[2]) >= 0;
        match (inside, k0) {
            (true, None) => k0 = Some(k),
            (false, Some(k0)) => return (k0, k),
            _ => {}
        }
        t = [t[0] + step[0], t[1] + step[1], t[2] + step[2]];
    }
    k0.map_or((0, 0), |k0| (k0, width))
}

/// The covered pixels `k0..k1` of a row from each edge's limit: `t + k * step >= 0`.
#[inline(always)]
fn span_row(t: [i64; 3], step: [i64; 3], width: i64) -> (i64, i64) {
    let (mut k0, mut k1) = (0, width);
    for i in 0..3 {
        let (t, s) = (t[i], step[i]);
        if s > 0 {
            if t < 0 {
                k0 = k0.max((-t + s - 1) / s);
            }
        } else if s < 0 {
            if t < 0 {
                return (0, 0);
            }
            k1 = k1.min(t / -s + 1);
        } else if t < 0 {
            return (0, 0);
        }
    }
    (k0, k1)
}

/// Texture lookups as egui-wgpu's predictable filtering does them, in texel units.
struct Sampler<'t> {
    texels: &'t [[u8; 4]],
    width: i32,
    height: i32,
    wrap: TextureWrapMode,
    nearest: bool,
}

impl<'t> Sampler<'t> {
    fn new(texture: &'t Texture, filter: TextureFilter) -> Self {
        Self {
            texels: &texture.texels,
            width: i32::try_from(texture.width).unwrap_or(i32::MAX),
            height: i32::try_from(texture.height).unwrap_or(i32::MAX),
            wrap: texture.options.wrap_mode,
            nearest: filter == TextureFilter::Nearest,
        }
    }

    #[inline(always)]
    fn texel(&self, x: i32, y: i32) -> [f32; 4] {
        to_f32(self.texels[y as usize * self.width as usize + x as usize])
    }

    /// The texture at `(u, v)` texels from its top-left corner, channels 0..=255.
    #[inline(always)]
    fn sample(&self, u: f32, v: f32) -> [f32; 4] {
        if self.nearest {
            let x = wrap(floor(u).0, self.width, self.wrap);
            let y = wrap(floor(v).0, self.height, self.wrap);
            return self.texel(x, y);
        }
        let (ix, tx) = floor(u - 0.5);
        let (iy, ty) = floor(v - 0.5);
        let (x0, x1) = (
            wrap(ix, self.width, self.wrap),
            wrap(ix.saturating_add(1), self.width, self.wrap),
        );
        let (y0, y1) = (
            wrap(iy, self.height, self.wrap),
            wrap(iy.saturating_add(1), self.height, self.wrap),
        );
        let top_left = self.texel(x0, y0);
        let top_right = self.texel(x1, y0);
        let bottom_left = self.texel(x0, y1);
        let bottom_right = self.texel(x1, y1);
        let mut out = [0.0; 4];
        for c in 0..4 {
            let top = top_left[c] + (top_right[c] - top_left[c]) * tx;
            let bottom = bottom_left[c] + (bottom_right[c] - bottom_left[c]) * tx;
            out[c] = top + (bottom - top) * ty;
        }
        out
    }
}

/// `v`'s floor as an integer and the fraction above it; no libm call on baseline x86-64.
#[inline(always)]
fn floor(v: f32) -> (i32, f32) {
    let truncated = v as i32;
    let floor = truncated.saturating_sub(i32::from(v < truncated as f32));
    (floor, v - floor as f32)
}

#[inline(always)]
fn wrap(i: i32, n: i32, mode: TextureWrapMode) -> i32 {
    match mode {
        TextureWrapMode::ClampToEdge => i.clamp(0, n - 1),
        TextureWrapMode::Repeat => i.rem_euclid(n),
        TextureWrapMode::MirroredRepeat => {
            let period = n.saturating_mul(2);
            let phase = i.rem_euclid(period);
            phase.min(period - 1 - phase)
        }
    }
}

#[inline(always)]
fn to_f32(c: [u8; 4]) -> [f32; 4] {
    [
        f32::from(c[0]),
        f32::from(c[1]),
        f32::from(c[2]),
        f32::from(c[3]),
    ]
}

#[inline(always)]
fn mul_add4(a: [f32; 4], k: f32, b: [f32; 4]) -> [f32; 4] {
    [
        a[0] * k + b[0],
        a[1] * k + b[1],
        a[2] * k + b[2],
        a[3] * k + b[3],
    ]
}

#[inline(always)]
fn mul4(a: [f32; 4], b: [f32; 4]) -> [f32; 4] {
    [a[0] * b[0], a[1] * b[1], a[2] * b[2], a[3] * b[3]]
}

/// Rounds to the nearest (even) integer as a GPU writes a float to an 8-bit channel.
#[inline(always)]
fn to_u8(v: f32) -> u8 {
    // Adding 1.5 × 2^23 leaves the rounded integer in the low mantissa bits: no slow
    // saturating float-to-int conversion.
    ((v.clamp(0.0, 255.0) + 12_582_912.0).to_bits() & 0xff) as u8
}

/// Premultiplied `src` (channels 0..=255) over `dst`: colour `ONE, ONE_MINUS_SRC_ALPHA`,
/// alpha `ONE_MINUS_DST_ALPHA, ONE`, as the renderers set the blend state.
#[inline(always)]
fn blend(dst: &mut [u8; 4], src: [f32; 4]) {
    let keep = 1.0 - src[3] * (1.0 / 255.0);
    let d = to_f32(*dst);
    *dst = [
        to_u8(src[0] + d[0] * keep),
        to_u8(src[1] + d[1] * keep),
        to_u8(src[2] + d[2] * keep),
        to_u8(src[3] * (1.0 - d[3] * (1.0 / 255.0)) + d[3]),
    ];
}

/// Premultiplied to straight alpha; a pixel with no alpha is transparent black.
fn unpremultiply(pixels: &mut [[u8; 4]]) {
    for pixel in pixels {
        let a = u32::from(pixel[3]);
        match a {
            255 => {}
            0 => *pixel = [0; 4],
            _ => {
                let straight = |c: u8| (((u32::from(c) * 255 + a / 2) / a).min(255)) as u8;
                *pixel = [
                    straight(pixel[0]),
                    straight(pixel[1]),
                    straight(pixel[2]),
                    pixel[3],
                ];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::epaint::{Mesh, PaintCallback};
    use egui::{ColorImage, Pos2, RawInput, RichText, pos2, vec2};
    use std::sync::Arc;
    use std::time::Instant;

    const BLACK: [u8; 4] = [0, 0, 0, 255];
    const WHITE: [u8; 4] = [255, 255, 255, 255];
    const TRANSPARENT: [u8; 4] = [0, 0, 0, 0];

    /// Textures with the given images set, as egui would send them.
    fn textures_with(images: Vec<(TextureId, ColorImage, TextureOptions)>) -> Textures {
        let mut delta = TexturesDelta::default();
        for (id, image, options) in images {
            delta.push(id, ImageDelta::full(image, options));
        }
        let mut textures = Textures::new();
        textures.apply(&delta);
        delta.clear();
        textures
    }

    /// A stand-in font texture: its (0, 0) texel is white, as WHITE_UV needs.
    fn font_texture() -> Textures {
        let image = ColorImage::filled([4, 4], Color32::WHITE);
        textures_with(vec![(TextureId::default(), image, TextureOptions::LINEAR)])
    }

    fn rect(x0: f32, y0: f32, x1: f32, y1: f32) -> Rect {
        Rect::from_min_max(pos2(x0, y0), pos2(x1, y1))
    }

    fn filled(r: Rect, colour: Color32, clip: Rect) -> ClippedPrimitive {
        let mut mesh = Mesh::default();
        mesh.add_colored_rect(r, colour);
        ClippedPrimitive {
            clip_rect: clip,
            primitive: Primitive::Mesh(mesh),
        }
    }

    fn pixel(rgba: &[u8], w: u32, x: u32, y: u32) -> [u8; 4] {
        let i = ((y * w + x) * 4) as usize;
        [rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]]
    }

    /// `src` (premultiplied) over an opaque `dst`, in exact arithmetic, rounded.
    fn over(src: [u8; 4], dst: [u8; 4]) -> [u8; 4] {
        let keep = 1.0 - f64::from(src[3]) / 255.0;
        let c = |i: usize| (f64::from(src[i]) + f64::from(dst[i]) * keep).round() as u8;
        [c(0), c(1), c(2), 255]
    }

    #[test]
    fn opaque_rect_has_exact_colour_and_edges() {
        let textures = font_texture();
        let colour = Color32::from_rgb(200, 100, 50);
        let background = [10, 20, 30, 255];
        // Edges on whole points at 2 px per point, and edges through pixel centres at 1.
        let cases = [
            (2.0, rect(2.0, 3.0, 10.0, 7.0), (4..20, 6..14)),
            (1.0, rect(1.5, 2.25, 5.5, 4.75), (1..5, 2..5)),
        ];
        for (ppp, r, (xs, ys)) in cases {
            let primitives = [filled(r, colour, Rect::EVERYTHING)];
            let rgba =
                Rasterizer::new(&primitives, &textures, ppp).render(0, 0, 24, 18, background);
            assert_eq!(rgba.len(), 24 * 18 * 4);
            for y in 0..18 {
                for x in 0..24 {
                    let inside = xs.contains(&x) && ys.contains(&y);
                    let expected = if inside {
                        [200, 100, 50, 255]
                    } else {
                        background
                    };
                    assert_eq!(
                        pixel(&rgba, 24, x, y),
                        expected,
                        "pixel ({x}, {y}) at {ppp} ppp"
                    );
                }
            }
        }
    }

    #[test]
    fn shared_edges_and_vertices_are_blended_once() {
        let textures = font_texture();
        let half_blue = Color32::from_rgba_premultiplied(0, 0, 128, 128);
        let expected = over(half_blue.to_array(), WHITE);
        let everything = Rect::EVERYTHING;

        // A square split along a diagonal through pixel centres; two rects meeting on a column
        // of pixel centres; a fan around a pixel centre.
        let square = vec![filled(rect(0.0, 0.0, 8.0, 8.0), half_blue, everything)];
        let halves = vec![
            filled(rect(0.5, 0.5, 4.5, 8.5), half_blue, everything),
            filled(rect(4.5, 0.5, 8.5, 8.5), half_blue, everything),
        ];
        let mut fan = Mesh::default();
        let ring = [
            (4.5, 0.5),
            (8.5, 2.5),
            (8.5, 6.5),
            (4.5, 8.5),
            (0.5, 6.5),
            (0.5, 2.5),
        ];
        fan.colored_vertex(pos2(4.5, 4.5), half_blue);
        for (x, y) in ring {
            fan.colored_vertex(pos2(x, y), half_blue);
        }
        for i in 0..6 {
            fan.add_triangle(0, 1 + i, 1 + (i + 1) % 6);
        }
        let fan = vec![ClippedPrimitive {
            clip_rect: everything,
            primitive: Primitive::Mesh(fan),
        }];

        for (name, primitives) in [("square", square), ("halves", halves), ("fan", fan)] {
            let rgba = Rasterizer::new(&primitives, &textures, 1.0).render(0, 0, 10, 10, WHITE);
            let mut covered = 0;
            for y in 0..10 {
                for x in 0..10 {
                    let p = pixel(&rgba, 10, x, y);
                    assert!(
                        p == WHITE || p == expected,
                        "{name}: pixel ({x}, {y}) is {p:?}"
                    );
                    covered += usize::from(p == expected);
                }
            }
            let area = if name == "fan" { 48 } else { 64 };
            assert_eq!(covered, area, "{name}: pixels covered");
        }
    }

    #[test]
    fn translucent_colour_blends_as_src_plus_dst_times_one_minus_alpha() {
        let textures = font_texture();
        let colour = Color32::from_rgba_premultiplied(100, 50, 0, 128);
        let primitives = [filled(rect(0.0, 0.0, 4.0, 4.0), colour, Rect::EVERYTHING)];
        let rasterizer = Rasterizer::new(&primitives, &textures, 1.0);

        let background = [200, 150, 100, 255];
        let rgba = rasterizer.render(0, 0, 4, 4, background);
        assert_eq!(over(colour.to_array(), background), [200, 125, 50, 255]);
        assert_eq!(pixel(&rgba, 4, 2, 2), [200, 125, 50, 255]);

        // Over nothing, the straight colour comes back: 100 * 255 / 128 ≈ 199.
        let rgba = rasterizer.render(0, 0, 4, 4, TRANSPARENT);
        assert_eq!(pixel(&rgba, 4, 2, 2), [199, 100, 0, 128]);

        // Over a half-transparent background: alpha 128 + 128 * (1 - 128/255) ≈ 192.
        let rgba = rasterizer.render(0, 0, 4, 4, [0, 0, 255, 128]);
        let [r, g, b, a] = pixel(&rgba, 4, 2, 2);
        assert_eq!(a, 192);
        // Premultiplied: blue 128 * 0.498 ≈ 64, red 100: straight (133, 66, 85).
        assert_eq!([r, g, b], [133, 66, 85]);
    }

    #[test]
    fn clip_rects_clip_to_rounded_pixels() {
        let textures = font_texture();
        let big = rect(0.0, 0.0, 20.0, 20.0);
        let red = Color32::from_rgb(255, 0, 0);
        let green = Color32::from_rgb(0, 255, 0);
        let callback = ClippedPrimitive {
            clip_rect: Rect::EVERYTHING,
            primitive: Primitive::Callback(PaintCallback {
                rect: big,
                callback: Arc::new(()),
            }),
        };
        let primitives = [
            filled(big, red, rect(2.4, 2.6, 7.5, 9.2)),
            callback,
            // 1.5 px per point: x 10..12 → 15..18 px, y 1.1..2.9 → 2..4 px (1.65 and 4.35).
            filled(big, green, rect(10.0, 1.1, 12.0, 2.9)),
            // Nothing left after rounding: 0.2..0.3 px.
            filled(big, red, rect(0.2, 0.2, 0.3, 20.0)),
        ];
        let rgba = Rasterizer::new(&primitives, &textures, 1.0).render(0, 0, 32, 32, BLACK);
        let rgba_15 = Rasterizer::new(&primitives, &textures, 1.5).render(0, 0, 32, 32, BLACK);
        for y in 0..32 {
            for x in 0..32 {
                let expected = if (2..8).contains(&x) && (3..9).contains(&y) {
                    [255, 0, 0, 255]
                } else if (10..12).contains(&x) && (1..3).contains(&y) {
                    [0, 255, 0, 255]
                } else {
                    BLACK
                };
                assert_eq!(pixel(&rgba, 32, x, y), expected, "({x}, {y}) at 1 ppp");

                // 2.4..7.5 × 2.6..9.2 points → 3.6..11.25 × 3.9..13.8 px → 4..11 × 4..14.
                let expected = if (4..11).contains(&x) && (4..14).contains(&y) {
                    [255, 0, 0, 255]
                } else if (15..18).contains(&x) && (2..4).contains(&y) {
                    [0, 255, 0, 255]
                } else {
                    BLACK
                };
                assert_eq!(pixel(&rgba_15, 32, x, y), expected, "({x}, {y}) at 1.5 ppp");
            }
        }
    }

    #[test]
    fn textures_are_sampled_bilinearly_at_texel_centres() {
        let image = ColorImage::new([2, 1], vec![Color32::BLACK, Color32::WHITE]);
        let id = TextureId::User(7);
        let linear = textures_with(vec![(id, image.clone(), TextureOptions::LINEAR)]);
        let nearest = textures_with(vec![(id, image, TextureOptions::NEAREST)]);
        let mut mesh = Mesh::with_texture(id);
        mesh.add_rect_with_uv(
            rect(0.0, 0.0, 4.0, 1.0),
            rect(0.0, 0.0, 1.0, 1.0),
            Color32::WHITE,
        );
        let primitives = [ClippedPrimitive {
            clip_rect: Rect::EVERYTHING,
            primitive: Primitive::Mesh(mesh),
        }];
        let row = |textures: &Textures| {
            let rgba = Rasterizer::new(&primitives, textures, 1.0).render(0, 0, 4, 1, BLACK);
            (0..4).map(|x| pixel(&rgba, 4, x, 0)[0]).collect::<Vec<_>>()
        };
        // Texel coordinates 0.25, 0.75, 1.25, 1.75: clamped black, ¼, ¾, clamped white.
        assert_eq!(row(&linear), [0, 64, 191, 255]);
        assert_eq!(row(&nearest), [0, 0, 255, 255]);
    }

    #[test]
    fn patches_update_textures_and_frees_wait_for_the_next_frame() {
        let id = TextureId::default();
        let mut textures = font_texture();
        let primitives = [filled(
            rect(0.0, 0.0, 2.0, 2.0),
            Color32::WHITE,
            Rect::EVERYTHING,
        )];
        let centre = |textures: &Textures| {
            let rgba = Rasterizer::new(&primitives, textures, 1.0).render(0, 0, 2, 2, BLACK);
            pixel(&rgba, 2, 1, 1)
        };
        assert_eq!(centre(&textures), WHITE);

        // A patch over the white texel turns the WHITE_UV texel grey.
        let mut delta = TexturesDelta::default();
        let grey = ColorImage::filled([1, 1], Color32::from_gray(100));
        delta.push(
            id,
            ImageDelta::partial([0, 0], grey, TextureOptions::LINEAR),
        );
        textures.apply(&delta);
        delta.clear();
        assert_eq!(centre(&textures), [100, 100, 100, 255]);

        // Freed: still there for painting this frame, gone at the next delta.
        delta.free(id);
        textures.apply(&delta);
        delta.clear();
        assert_eq!(centre(&textures), [100, 100, 100, 255]);
        textures.apply(&delta);
        assert_eq!(centre(&textures), BLACK);
    }

    /// One frame of real egui UI, tessellated.
    struct Frame {
        primitives: Vec<ClippedPrimitive>,
        textures: Textures,
        pixels_per_point: f32,
        label: Rect,
        circle: Pos2,
    }

    const CIRCLE: Color32 = Color32::from_rgb(200, 30, 40);

    fn egui_frame(pixels_per_point: f32) -> Frame {
        let ctx = egui::Context::default();
        ctx.set_pixels_per_point(pixels_per_point);
        let screen = Rect::from_min_size(Pos2::ZERO, vec2(200.0, 100.0) / pixels_per_point);
        let input = RawInput {
            screen_rect: Some(screen),
            ..Default::default()
        };
        let mut label = Rect::NOTHING;
        let circle = screen.center() + vec2(40.0, 10.0) / pixels_per_point;
        let mut output = ctx.run_ui(input, |ui| {
            egui::Frame::new().fill(Color32::WHITE).show(ui, |ui| {
                let text = RichText::new("Journey Map").color(Color32::BLACK);
                let text = text.size(18.0 / pixels_per_point);
                label = ui.label(text).rect;
            });
            ui.painter()
                .circle_filled(circle, 20.0 / pixels_per_point, CIRCLE);
        });
        let mut textures = Textures::new();
        textures.apply(&output.textures_delta);
        output.textures_delta.clear();
        let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
        Frame {
            primitives,
            textures,
            pixels_per_point: output.pixels_per_point,
            label,
            circle,
        }
    }

    #[test]
    fn real_egui_frame_draws_glyphs_and_shapes() {
        for ppp in [1.0, 2.0] {
            let frame = egui_frame(ppp);
            assert_eq!(frame.pixels_per_point, ppp);
            let rasterizer = Rasterizer::new(&frame.primitives, &frame.textures, ppp);
            let rgba = rasterizer.render(0, 0, 200, 100, [90, 90, 90, 255]);

            let c = frame.circle * ppp;
            assert_eq!(
                pixel(&rgba, 200, c.x as u32, c.y as u32),
                [200, 30, 40, 255]
            );

            // Black glyphs on the frame's white: dark ink, white paper and grey edges.
            let label = frame.label * ppp;
            assert!(label.width() > 50.0 && label.height() > 10.0, "{label:?}");
            let mut greys = std::collections::BTreeSet::new();
            let (mut ink, mut paper) = (0, 0);
            for y in label.min.y as u32..label.max.y as u32 {
                for x in label.min.x as u32..label.max.x as u32 {
                    let [r, g, b, a] = pixel(&rgba, 200, x, y);
                    assert!(
                        r == g && g == b && a == 255,
                        "({x}, {y}) is {:?}",
                        [r, g, b, a]
                    );
                    greys.insert(r);
                    ink += usize::from(r < 60);
                    paper += usize::from(r == 255);
                }
            }
            assert!(
                ink > 50 && paper > 200 && greys.len() > 20,
                "{ink} {paper} {greys:?}"
            );
        }
    }

    #[test]
    fn any_rectangle_renders_as_the_same_pixels_of_the_whole() {
        for ppp in [1.0, 1.5] {
            let frame = egui_frame(ppp);
            let rasterizer = Rasterizer::new(&frame.primitives, &frame.textures, ppp);
            let background = [30, 60, 90, 255];
            let whole = rasterizer.render(0, 0, 200, 100, background);

            let mut pieces = vec![
                (37, 13, 101, 70),
                (0, 60, 200, 40),
                (150, 0, 50, 100),
                (199, 99, 1, 1),
            ];
            // Strips of 7 rows (as the PNG writer asks for bands) and of 13 columns.
            pieces.extend((0..100).step_by(7).map(|y| (3, y, 190, 7.min(100 - y))));
            pieces.extend((0..200).step_by(13).map(|x| (x, 0, 13.min(200 - x), 100)));
            for (x0, y0, w, h) in pieces {
                let part = rasterizer.render(x0, y0, w, h, background);
                for y in 0..h {
                    for x in 0..w {
                        assert_eq!(
                            pixel(&part, w, x, y),
                            pixel(&whole, 200, x0 + x, y0 + y),
                            "({}, {}) in the piece at ({x0}, {y0}), {ppp} ppp",
                            x0 + x,
                            y0 + y
                        );
                    }
                }
            }

            // One worker gives the same picture as several.
            let mut serial = Rasterizer::new(&frame.primitives, &frame.textures, ppp);
            serial.workers = 1;
            assert!(serial.render(0, 0, 200, 100, background) == whole);
            let mut parallel = Rasterizer::new(&frame.primitives, &frame.textures, ppp);
            parallel.workers = 4;
            assert!(parallel.render(0, 0, 200, 100, background) == whole);
            // Beyond everything drawn: background only.
            let far = rasterizer.render(5000, 5000, 3, 3, background);
            assert!(far.chunks_exact(4).all(|p| p == background));
        }
    }

    #[test]
    fn transparent_background_stays_transparent_outside_shapes() {
        let frame = egui_frame(1.0);
        let rasterizer = Rasterizer::new(&frame.primitives, &frame.textures, 1.0);
        let rgba = rasterizer.render(0, 0, 200, 100, TRANSPARENT);
        let c = frame.circle;
        let mut edge = 0;
        for y in 0..100 {
            for x in 0..200 {
                let p = pixel(&rgba, 200, x, y);
                let d = pos2(x as f32 + 0.5, y as f32 + 0.5).distance(c);
                if d > 21.0 && !frame.label.expand(8.0).contains(pos2(x as f32, y as f32)) {
                    assert_eq!(p, TRANSPARENT, "({x}, {y})");
                } else if d < 19.0 {
                    assert_eq!(p, [200, 30, 40, 255], "({x}, {y})");
                } else if d > 19.5 && d < 20.5 && p[3] >= 64 && p[3] < 255 {
                    // Feathered edge, un-premultiplied back to the circle's colour.
                    edge += 1;
                    let close = |a: u8, b: u8| a.abs_diff(b) <= 3;
                    assert!(
                        close(p[0], 200) && close(p[1], 30) && close(p[2], 40),
                        "{p:?}"
                    );
                }
            }
        }
        assert!(edge > 20, "{edge} feathered edge pixels");
    }

    /// Timing of a 1600×1000 frame of 2000 labelled rects:
    /// `cargo test --release -- --ignored --nocapture render_speed`.
    #[test]
    #[ignore = "a measurement, run on demand"]
    fn render_speed_1600x1000() {
        let ctx = egui::Context::default();
        let screen = Rect::from_min_size(Pos2::ZERO, vec2(1600.0, 1000.0));
        let input = RawInput {
            screen_rect: Some(screen),
            ..Default::default()
        };
        let mut output = ctx.run_ui(input, |ui| {
            let painter = ui.painter();
            painter.rect_filled(screen, 0.0, Color32::from_gray(245));
            for i in 0..2000 {
                let (col, row) = ((i % 40) as f32, (i / 40) as f32);
                let r =
                    Rect::from_min_size(pos2(col * 40.0 + 2.0, row * 20.0 + 2.0), vec2(36.0, 16.0));
                let fill = Color32::from_rgb((i * 37 % 200) as u8 + 40, 120, 200);
                painter.rect_filled(r, 4.0, fill);
                painter.rect_stroke(r, 4.0, (1.0, Color32::BLACK), egui::StrokeKind::Inside);
                painter.text(
                    r.center(),
                    egui::Align2::CENTER_CENTER,
                    format!("Step {i}"),
                    egui::FontId::proportional(10.0),
                    Color32::BLACK,
                );
            }
            let line: Vec<Pos2> = (0..1000)
                .map(|i| pos2(i as f32 * 1.6, 500.0 + 300.0 * (i as f32 * 0.05).sin()))
                .collect();
            painter.line(line, (2.0, Color32::RED));
        });
        let mut textures = Textures::new();
        textures.apply(&output.textures_delta);
        output.textures_delta.clear();
        let started = Instant::now();
        let primitives = ctx.tessellate(output.shapes, 1.0);
        let tessellate = started.elapsed();
        let triangles: usize = primitives
            .iter()
            .map(|p| match &p.primitive {
                Primitive::Mesh(mesh) => mesh.indices.len() / 3,
                Primitive::Callback(_) => 0,
            })
            .sum();

        let best = |f: &mut dyn FnMut()| {
            (0..7)
                .map(|_| {
                    let started = Instant::now();
                    f();
                    started.elapsed()
                })
                .min()
                .expect("seven runs")
        };
        let binning = best(&mut || drop(Rasterizer::new(&primitives, &textures, 1.0)));
        let mut rasterizer = Rasterizer::new(&primitives, &textures, 1.0);
        let workers = rasterizer.workers;
        let whole = best(&mut || drop(rasterizer.render(0, 0, 1600, 1000, WHITE)));
        let banded = best(&mut || {
            for y in (0..1000).step_by(BAND_ROWS as usize) {
                drop(rasterizer.render(0, y, 1600, BAND_ROWS.min(1000 - y), WHITE));
            }
        });
        rasterizer.workers = 1;
        let serial = best(&mut || drop(rasterizer.render(0, 0, 1600, 1000, WHITE)));
        println!(
            "{triangles} triangles; tessellate {tessellate:?}; bin {binning:?}; \
             render 1600×1000 with {workers} workers {whole:?}, band by band {banded:?}, \
             1 worker {serial:?}"
        );
    }
}
