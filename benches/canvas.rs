//! How fast the canvas is with a large map: laying out 1 000 touchpoints, and one whole editor
//! frame (UI, paint, tessellation) at 100 % zoom and zoomed out as far as it goes; the insights
//! of a 10 000-touchpoint map.
//! Run with `cargo bench --bench canvas`; figures are kept in BENCHMARKS.md.

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Pos2, RawInput, Rect, vec2};
use journeymap::app::JourneyMapApp;
use journeymap::layout::{MapLayout, Style};
use journeymap::model::JourneyMap;
use std::hint::black_box;

fn layout(c: &mut Criterion) {
    let ctx = journeymap::fonts::headless_context();
    let map = JourneyMap::generated(1000);
    c.bench_function("layout 1000 touchpoints", |b| {
        b.iter(|| {
            ctx.fonts_mut(|fonts| {
                black_box(MapLayout::new(
                    &map,
                    &Style::default(),
                    &journeymap::layout::Labels::default(),
                    fonts,
                ))
            })
        });
    });
}

fn frame(c: &mut Criterion) {
    let input = || RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1400.0, 900.0))),
        ..Default::default()
    };
    for (name, zoom) in [
        ("frame 1000 touchpoints at 100%", Some(1.0)),
        ("frame 1000 touchpoints zoomed out", None),
    ] {
        let ctx = egui::Context::default();
        let mut app = JourneyMapApp::new(JourneyMap::generated(1000), None);
        for _ in 0..3 {
            let _ = ctx.run_ui(input(), |ui| app.ui(ui));
        }
        if zoom.is_some() {
            app.canvas.zoom_actual();
        }
        c.bench_function(name, |b| {
            b.iter(|| {
                let mut output = ctx.run_ui(input(), |ui| app.ui(ui));
                output.textures_delta.clear();
                let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
                black_box(primitives.len())
            });
        });
    }
}

fn insights(c: &mut Criterion) {
    let map = JourneyMap::generated(10_000);
    c.bench_function("insights 10000 touchpoints", |b| {
        b.iter(|| black_box(journeymap::model::insights::insights(&map)));
    });
}

criterion_group!(benches, layout, frame, insights);
criterion_main!(benches);
