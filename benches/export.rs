//! Exporting maps. Benchmark 5, rasteriser against rasteriser: a template's PNG at 2x drawn by
//! our rasteriser into a full buffer against resvg rendering our SVG of it at the same size,
//! both encoded by the same PNG encoder with the same settings (ratio printed, budget <= 1.0x);
//! and the streamed export of a generated 2 000-touchpoint map at 3x, run once in a child
//! process so that its peak memory (VmHWM) is its own, against the picture's RGBA size (budget
//! <= 2 %). Run with `cargo bench --bench export`; figures are kept in BENCHMARKS.md.

use journeymap::export::{ExportOptions, paint, to_svg, write_png};
use journeymap::model::JourneyMap;
use std::process::Command;
use std::time::Instant;

// The app's allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Straight RGBA8 rows as a PNG, as the export writes them (fast compression, no text).
fn encode(rgba: &[u8], w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().expect("header");
    writer.write_image_data(rgba).expect("pixels");
    writer.finish().expect("end");
    out
}

/// Our SVG of `map` drawn as `options` say, in map units (resvg scales it).
fn svg_of(map: &JourneyMap, options: &ExportOptions) -> String {
    to_svg(
        map,
        &ExportOptions {
            scale: 1.0,
            ..options.clone()
        },
    )
    .expect("svg")
}

/// The median of `rounds` runs of `run`, in milliseconds, after one to warm up.
fn median_ms(rounds: usize, mut run: impl FnMut() -> usize) -> f64 {
    std::hint::black_box(run());
    let mut times: Vec<f64> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(run());
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[rounds / 2]
}

/// Benchmark 5: a template at 2x, our rasteriser against resvg, each to a full buffer and
/// through the same encoder.
fn rasteriser_against_rasteriser() {
    let template = "restaurant-en";
    let map = journeymap::templates::find(template)
        .expect("template")
        .map();
    let options = ExportOptions {
        scale: 2.0,
        ..Default::default()
    };
    let ours = || {
        // Painting and tessellating is our equivalent of resvg reading the SVG into its tree.
        let picture = paint(&map, &options).expect("paint").tessellate();
        let (w, h) = picture.pixels;
        let rgba = picture.rasterizer().render(0, 0, w, h, [0, 0, 0, 0]);
        encode(&rgba, w, h).len()
    };
    let svg = svg_of(&map, &options);
    let theirs = || {
        let pixmap = resvg_render::render(&svg, 2.0).expect("resvg renders");
        // tiny-skia keeps premultiplied pixels; a PNG takes straight ones.
        let rgba: Vec<u8> = pixmap
            .pixels()
            .iter()
            .flat_map(|p| {
                let c = p.demultiply();
                [c.red(), c.green(), c.blue(), c.alpha()]
            })
            .collect();
        encode(&rgba, pixmap.width(), pixmap.height()).len()
    };
    let ours_ms = median_ms(7, ours);
    let theirs_ms = median_ms(7, theirs);
    let ratio = ours_ms / theirs_ms;
    let verdict = if ratio <= 1.0 { "holds" } else { "MISSED" };
    println!(
        "ratio 5 {template} at 2x, ours / resvg (full buffer, same encoder): {ours_ms:.1} ms / \
         {theirs_ms:.1} ms = {ratio:.2}× (budget ≤ 1.0×, {verdict})"
    );
}

#[path = "../tests/support/resvg.rs"]
mod resvg_render;

fn peak_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Runs one case in this process and prints `seconds peak_kib width height`.
fn run_case(case: &str, touchpoints: usize, scale: f32) {
    let map = JourneyMap::generated(touchpoints);
    let options = ExportOptions {
        scale,
        ..Default::default()
    };
    let started = Instant::now();
    let (w, h) = match case {
        "ours" => write_png(&map, &options, std::io::sink()).expect("export"),
        "resvg" => {
            let svg = svg_of(&map, &options);
            let pixmap = resvg_render::render(&svg, scale).unwrap_or_else(|e| {
                println!("FAILED {e}");
                std::process::exit(0)
            });
            let png = pixmap.encode_png().expect("encode");
            std::hint::black_box(png.len());
            (pixmap.width(), pixmap.height())
        }
        other => panic!("unknown case {other}"),
    };
    println!(
        "{:.2} {} {w} {h}",
        started.elapsed().as_secs_f64(),
        peak_kib()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--case") {
        let n = args[i + 2].parse().expect("touchpoints");
        let scale = args[i + 3].parse().expect("scale");
        run_case(&args[i + 1], n, scale);
        return;
    }
    let filter = args
        .iter()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .cloned()
        .unwrap_or_default();
    if "ratio 5 rasteriser".contains(&filter) {
        rasteriser_against_rasteriser();
    }
    if "thumbnail".contains(&filter) {
        for n in [100, 2000, 10_000] {
            let map = JourneyMap::generated(n);
            let ms = median_ms(7, || {
                journeymap::export::thumbnail::png(&map, 256)
                    .expect("thumbnail")
                    .len()
            });
            println!("thumbnail of a generated {n}-touchpoint map at 256 px: {ms:.1} ms");
        }
    }
    let exe = std::env::current_exe().expect("this benchmark's path");
    println!(
        "{:<8} {:>12} {:>6} {:>10} {:>14} {:>12} {:>12}",
        "case", "touchpoints", "scale", "seconds", "peak MiB", "width", "height"
    );
    // resvg at 2 000 touchpoints would need its whole 12 GiB pixmap and a demultiplied copy
    // to encode it: more than this machine can spare, so its row is at 200.
    for (case, n, scale) in [("ours", 200, 3.0), ("resvg", 200, 3.0), ("ours", 2000, 3.0)] {
        let name = format!("{case}-{n}-{scale}x");
        if !name.contains(&filter) {
            continue;
        }
        let out = Command::new(&exe)
            .args(["--case", case, &n.to_string(), &scale.to_string()])
            .output()
            .expect("child runs");
        let text = String::from_utf8_lossy(&out.stdout);
        let fields: Vec<&str> = text.split_whitespace().collect();
        match fields[..] {
            [secs, kib, w, h] => {
                let mib = kib.parse::<f64>().unwrap_or(0.0) / 1024.0;
                println!("{case:<8} {n:>12} {scale:>6} {secs:>10} {mib:>14.0} {w:>12} {h:>12}");
                if case == "ours" && n == 2000 {
                    let rgba =
                        w.parse::<f64>().unwrap_or(0.0) * h.parse::<f64>().unwrap_or(0.0) * 4.0
                            / f64::from(1 << 20);
                    let share = 100.0 * mib / rgba;
                    let verdict = if share <= 2.0 { "holds" } else { "MISSED" };
                    println!(
                        "ratio 5 streamed export, {n} touchpoints at {scale}x: peak {mib:.0} MiB / \
                         RGBA {rgba:.0} MiB = {share:.2} % (budget ≤ 2 %, {verdict})"
                    );
                }
            }
            _ => println!(
                "{case:<8} {n:>12} {scale:>6} {}",
                text.trim().replace('\n', " ")
            ),
        }
    }
}
