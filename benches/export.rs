//! Exporting big maps: our PNG export (banded CPU rasteriser, streamed PNG) against resvg
//! rendering our own SVG of the same map at the same size. Each case runs once in a child
//! process, so its peak memory (VmHWM) is its own. Run with `cargo bench --bench export`;
//! figures are kept in BENCHMARKS.md.

use journeymap::export::{ExportOptions, to_svg, write_png};
use journeymap::model::JourneyMap;
use std::process::Command;
use std::time::Instant;

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
            let svg = to_svg(
                &map,
                &ExportOptions {
                    scale: 1.0,
                    ..options.clone()
                },
            )
            .expect("svg");
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
    let exe = std::env::current_exe().expect("this benchmark's path");
    println!(
        "{:<8} {:>12} {:>6} {:>10} {:>14} {:>12} {:>12}",
        "case", "touchpoints", "scale", "seconds", "peak MiB", "width", "height"
    );
    // resvg at 2 000 touchpoints would need its whole 10.5 GiB pixmap and a demultiplied copy
    // to encode it: more than this machine can spare, so the comparison is made at 200.
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
            }
            _ => println!(
                "{case:<8} {n:>12} {scale:>6} {}",
                text.trim().replace('\n', " ")
            ),
        }
    }
}
