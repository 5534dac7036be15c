//! Reading files stays linear in their size: each case at one size and at four times that size
//! (4× the input must take at most 5× the time). Valid maps, maps with thousands of duplicate
//! ids or of scores outside the scale (every problem found and the first ones located), and SVGs
//! full of strings that look like the map's media type; Mermaid journeys and tables. Run with `cargo bench --bench loading`;
//! figures are kept in BENCHMARKS.md.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use journeymap::io;
use journeymap::model::*;

/// A map file of `n` touchpoints in stages of ten, every one scored.
fn map_text(n: usize) -> String {
    io::to_ron(&JourneyMap::plain(n))
}

fn loading(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    for n in [2_000, 8_000] {
        let valid = map_text(n);
        let duplicated = valid.replace("            id: ", "            id: 7, //");
        let bad_scores = valid.replace(": 1,\n", ": 9,\n");
        for (case, text) in [
            ("valid map", &valid),
            ("duplicate ids", &duplicated),
            ("bad scores", &bad_scores),
        ] {
            group.bench_with_input(BenchmarkId::new(case, n), text, |b, text| {
                b.iter(|| io::from_bytes(text.as_bytes()).is_ok());
            });
        }
    }
    for megabytes in [1usize, 4] {
        let decoy = format!("<text>type=\"{}\"</text>", io::MAP_KEYWORD);
        let mut svg = String::from("<svg xmlns=\"http://www.w3.org/2000/svg\">");
        while svg.len() < megabytes << 20 {
            svg.push_str(&decoy);
        }
        svg.push_str("</svg>");
        group.bench_with_input(
            BenchmarkId::new("svg metadata", megabytes),
            &svg,
            |b, svg| {
                b.iter(|| io::from_svg(svg.as_bytes()).is_err());
            },
        );
    }
    // Imports: the map as a Mermaid journey and as a table, every touchpoint with an actor
    // and a score; and a Mermaid task naming many actors at once.
    for n in [2_000, 8_000] {
        let map = JourneyMap::plain(n);
        let (mermaid, _) = io::to_mermaid(&map);
        group.bench_with_input(BenchmarkId::new("mermaid", n), &mermaid, |b, text| {
            b.iter(|| io::from_mermaid(text).is_ok());
        });
        let (table, _) = io::to_csv(&map);
        group.bench_with_input(BenchmarkId::new("csv", n), &table, |b, table| {
            b.iter(|| io::from_csv(table).is_ok());
        });
    }
    for actors in [50_000usize, 200_000] {
        let names: Vec<String> = (0..actors).map(|i| format!("A{i}")).collect();
        let text = format!("journey\nsection A\n  Crowd: 3: {}\n", names.join(", "));
        group.bench_with_input(
            BenchmarkId::new("mermaid actors", actors),
            &text,
            |b, text| {
                b.iter(|| io::from_mermaid(text).is_err());
            },
        );
    }
    // A map inside a PDF: the exported PDFs of 500 and 2 000 touchpoints.
    for n in [500, 2_000] {
        let map = JourneyMap::plain(n);
        let options = journeymap::export::ExportOptions::from_settings(io::PictureSettings {
            scale: 1.0,
            ..io::PictureSettings::default()
        });
        let pdf = journeymap::export::pdf::to_pdf(&map, &options).expect("a PDF");
        group.bench_with_input(BenchmarkId::new("pdf", n), &pdf, |b, pdf| {
            b.iter(|| io::from_pdf(pdf).is_ok());
        });
    }
    group.finish();
}

/// The same fields as a map file, read with nothing but `ron` and serde: the floor of opening.
#[derive(serde::Deserialize)]
#[serde(rename = "JourneyMap")]
#[allow(dead_code, reason = "read to be timed")]
struct Bare {
    format: String,
    version: u32,
    header: Header,
    #[serde(default)]
    scale: EmotionScale,
    #[serde(default)]
    stages: Vec<Stage>,
    #[serde(default)]
    lanes: Vec<Lane>,
    #[serde(default)]
    curves: Vec<EmotionCurve>,
    #[serde(default)]
    options: MapOptions,
    #[serde(default)]
    conflicts: Vec<Conflict>,
}

/// Benchmark 4: opening a 10 000-touchpoint file (checks, migration, validation) against bare
/// `ron::from_str` of the same text into the same types.
fn open_against_bare_ron(c: &mut Criterion) {
    let text = map_text(10_000);
    let median = |run: &dyn Fn()| {
        let mut times: Vec<f64> = (0..9)
            .map(|_| {
                let start = std::time::Instant::now();
                run();
                start.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        times.sort_by(f64::total_cmp);
        times[times.len() / 2]
    };
    let ours = median(&|| {
        std::hint::black_box(io::from_bytes(text.as_bytes()).is_ok());
    });
    let floor = median(&|| {
        std::hint::black_box(ron::from_str::<Bare>(&text).is_ok());
    });
    let ratio = ours / floor;
    let verdict = if ratio <= 1.3 { "holds" } else { "MISSED" };
    println!(
        "ratio 4 open / bare ron (10 000 touchpoints): {ours:.2} ms / {floor:.2} ms = {ratio:.2}× (budget ≤ 1.3×, {verdict})"
    );
    c.bench_function("open 10000 touchpoints", |b| {
        b.iter(|| io::from_bytes(text.as_bytes()).is_ok());
    });
}

criterion_group!(benches, loading, open_against_bare_ron);
criterion_main!(benches);
