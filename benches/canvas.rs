//! How fast the canvas is with a large map: laying out 1 000 touchpoints, and one whole editor
//! frame (UI, paint, tessellation) at 100 % zoom and zoomed out as far as it goes; the insights
//! of a 10 000-touchpoint map.
//! Run with `cargo bench --bench canvas`; figures are kept in BENCHMARKS.md.

use criterion::{Criterion, criterion_group, criterion_main};

// The app's allocator, so the frames are timed as the app runs them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use egui::emath::TSTransform;
use egui::{LayerId, Pos2, RawInput, Rect, vec2};
use journeymap::app::JourneyMapApp;
use journeymap::edit::Edit;
use journeymap::layout::{MapLayout, Style, TextBox};
use journeymap::model::JourneyMap;
use journeymap::paint::{Detail, Theme, View, paint_map};
use std::collections::BTreeSet;
use std::hint::black_box;
use std::time::Instant;

fn layout(c: &mut Criterion) {
    let ctx = journeymap::fonts::headless_context();
    for n in [10_000, 1000] {
        let map = JourneyMap::generated(n);
        c.bench_function(&format!("layout {n} touchpoints"), |b| {
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

/// The median time of `run` over `rounds` runs, after a few to warm up, in milliseconds.
fn median_ms(rounds: usize, mut run: impl FnMut()) -> f64 {
    for _ in 0..3 {
        run();
    }
    let mut times: Vec<f64> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// Prints a ratio against its floor and budget, as BENCHMARKS.md records it.
fn report(what: &str, ours: f64, floor: f64, budget: f64) {
    let ratio = ours / floor;
    let verdict = if ratio <= budget { "holds" } else { "MISSED" };
    println!(
        "ratio {what}: {ours:.2} ms / {floor:.2} ms = {ratio:.2}× (budget ≤ {budget}×, {verdict})"
    );
}

/// The texts a map shows (stage names and descriptions, card titles, descriptions and notes,
/// notes, row names), each with its place and size.
fn texts(layout: &MapLayout) -> Vec<&TextBox> {
    let mut out: Vec<&TextBox> = Vec::new();
    for stage in &layout.stages {
        out.push(&stage.name);
        out.extend(&stage.description);
    }
    for card in &layout.cards {
        out.push(&card.title);
        out.extend(&card.description);
        out.extend(&card.notes);
    }
    for note in &layout.notes {
        out.push(&note.text);
        out.extend(&note.meta);
    }
    out
}

/// Benchmark 1: a frame of a 1 000-touchpoint map fully in view at 100 % with every detail
/// (layout cached: paint and tessellation), against egui's own floor: the same texts as plain
/// labels at the same places and sizes.
fn frame_against_labels(c: &mut Criterion) {
    let ctx = journeymap::fonts::headless_context();
    let map = JourneyMap::generated(1000);
    let style = Style::default();
    let labels = journeymap::layout::Labels::default();
    let layout = ctx.fonts_mut(|fonts| MapLayout::new(&map, &style, &labels, fonts));
    let screen = Rect::from_min_size(Pos2::ZERO, layout.size);
    let input = || RawInput {
        screen_rect: Some(screen),
        ..Default::default()
    };
    let theme = Theme::light();
    let selection = BTreeSet::new();
    let mut map_frame = || {
        let output = ctx.run_ui(input(), |ui| {
            let painter = egui::Painter::new(ui.ctx().clone(), LayerId::background(), screen);
            let view = View::still(
                TSTransform::IDENTITY,
                &theme,
                &style,
                &selection,
                Detail::Full,
            );
            paint_map(&painter, &map, &layout, &view);
        });
        black_box(ctx.tessellate(output.shapes, output.pixels_per_point).len());
    };
    let boxes = texts(&layout);
    let mut label_frame = || {
        let output = ctx.run_ui(input(), |ui| {
            for text in &boxes {
                let size = style.font_size(text.role);
                ui.put(
                    text.rect,
                    egui::Label::new(egui::RichText::new(text.rows.join("\n")).size(size)),
                );
            }
        });
        black_box(ctx.tessellate(output.shapes, output.pixels_per_point).len());
    };
    let ours = median_ms(15, &mut map_frame);
    let floor = median_ms(15, &mut label_frame);
    report("1 frame / labels (1 000 touchpoints)", ours, floor, 1.5);
    c.bench_function("frame 1000 touchpoints painted", |b| {
        b.iter(&mut map_frame);
    });
    c.bench_function("frame 1000 touchpoints as labels", |b| {
        b.iter(&mut label_frame);
    });
}

/// One whole editor frame of `app`, tessellated.
fn editor_frame(ctx: &egui::Context, app: &mut JourneyMapApp) {
    let input = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1400.0, 900.0))),
        ..Default::default()
    };
    let mut output = ctx.run_ui(input, |ui| app.ui(ui));
    output.textures_delta.clear();
    black_box(ctx.tessellate(output.shapes, output.pixels_per_point).len());
}

/// An editor on a generated map of `n` touchpoints, settled, at 100 % (or zoomed out as far as
/// it goes when `overview`).
fn editor(n: usize, overview: bool) -> (egui::Context, JourneyMapApp) {
    let ctx = egui::Context::default();
    let mut app = JourneyMapApp::new(JourneyMap::generated(n), None);
    for _ in 0..3 {
        editor_frame(&ctx, &mut app);
    }
    if !overview {
        app.canvas.zoom_actual();
    }
    editor_frame(&ctx, &mut app);
    (ctx, app)
}

/// Benchmark 2: the cost follows the view. A 10 000-touchpoint map at 100 % (about as much in
/// view as the whole 100-touchpoint map) against the 100-touchpoint map; and zoomed out as far
/// as it goes against the 1 000-touchpoint map zoomed out.
fn cost_follows_the_view(c: &mut Criterion) {
    let (small_ctx, mut small) = editor(100, false);
    let (big_ctx, mut big) = editor(10_000, false);
    let floor = median_ms(15, || editor_frame(&small_ctx, &mut small));
    let ours = median_ms(15, || editor_frame(&big_ctx, &mut big));
    report("2 frame 10 000 at 100 % / 100 at 100 %", ours, floor, 2.0);
    c.bench_function("frame 10000 touchpoints at 100%", |b| {
        b.iter(|| editor_frame(&big_ctx, &mut big));
    });
    let (mid_ctx, mut mid) = editor(1_000, true);
    let (far_ctx, mut far) = editor(10_000, true);
    let floor = median_ms(9, || editor_frame(&mid_ctx, &mut mid));
    let ours = median_ms(9, || editor_frame(&far_ctx, &mut far));
    report("2 overview 10 000 / overview 1 000", ours, floor, 3.0);
    c.bench_function("frame 10000 touchpoints fitted", |b| {
        b.iter(|| editor_frame(&far_ctx, &mut far));
    });
}

/// Benchmark 3: an edit (apply and undo, and the re-layout each causes) on the
/// 10 000-touchpoint map, against one frame of it at 100 %.
fn edit_against_a_frame(c: &mut Criterion) {
    let (ctx, mut app) = editor(10_000, false);
    let frame = median_ms(15, || editor_frame(&ctx, &mut app));
    let card = app.doc.map().stages[500].touchpoints[0].clone();
    // Apply and undo, each followed by the layout the canvas asks for (the same path a frame
    // takes).
    let edit_with = |app: &mut JourneyMapApp, title: &str| {
        let mut renamed = card.clone();
        renamed.title = title.to_owned();
        app.doc
            .apply("Rename", Edit::SetTouchpoint(renamed))
            .expect("applies");
        black_box(app.canvas.layout(&ctx, &app.doc));
        assert!(app.doc.undo());
        black_box(app.canvas.layout(&ctx, &app.doc));
    };
    let ours = median_ms(15, || edit_with(&mut app, "Renamed")) / 2.0;
    report(
        "3 edit (apply or undo, with re-layout) / frame, 10 000",
        ours,
        frame,
        1.0,
    );
    // An edit that moves things (a card to the end of its stage): everything after it moves,
    // and the whole map is laid out again.
    let (stage, moved) = app.doc.map().stages[500..]
        .iter()
        .find(|s| s.touchpoints.len() > 1)
        .map(|s| (s.id, s.touchpoints[0].id))
        .expect("a stage with two cards");
    let whole = median_ms(9, || {
        app.doc
            .apply(
                "Move",
                Edit::MoveTouchpoint {
                    touchpoint: moved,
                    to_stage: stage,
                    to: usize::MAX,
                },
            )
            .expect("applies");
        black_box(app.canvas.layout(&ctx, &app.doc));
        assert!(app.doc.undo());
        black_box(app.canvas.layout(&ctx, &app.doc));
    }) / 2.0;
    report(
        "3 edit that moves cards (laid out again) / frame, 10 000",
        whole,
        frame,
        1.0,
    );
    c.bench_function("edit and undo 10000 touchpoints", |b| {
        b.iter(|| edit_with(&mut app, "Renamed"));
    });
}

criterion_group!(
    benches,
    layout,
    frame,
    insights,
    frame_against_labels,
    cost_follows_the_view,
    edit_against_a_frame
);
criterion_main!(benches);
