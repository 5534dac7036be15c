//! Frame times of the real window while a card is dragged on a big map (issue 17): the release
//! editor under a private Xvfb (1600 × 1000, the window made as big), on a generated map of
//! TOUCHPOINTS touchpoints (10 000 unless told), with `JOURNEYMAP_FRAME_TIMES=1`. A touchpoint
//! card is dragged with xdotool (press, 30 moves, release) at the fit zoom, at 100 % (Ctrl+1) and
//! zoomed out to 5.5 % (13 × Ctrl+−, where a card is still about 9 px wide); the map is saved
//! with Ctrl+S after each drag and the saved file is compared with the one before, naming the card
//! that moved (at the fit zoom of a long map a card is a fraction of a pixel: nothing can be taken).
//! Prints, for each drag, the frames it took: the time in the editor's `ui` and the whole frame's
//! CPU time (eframe's: `ui`, tessellation, painting), median and 95th percentile.
//!
//! ```sh
//! cargo build --release --bin journeymap --example window_drag
//! target/release/examples/window_drag            # or: scripts/drag-frames.sh
//! ```
//!
//! Environment: `DRAG_DISPLAY` (the display to start Xvfb on, default `:96`),
//! `JOURNEYMAP_BIN` (default `target/release/journeymap`), `DRAG_KEEP` (a folder to keep the
//! editor's log, the maps and the screenshots in). Needs Xvfb, xdotool and ImageMagick's
//! `import`.

use journeymap::layout::{Labels, MapLayout, Style};
use journeymap::model::{JourneyMap, Rgb, TouchpointId};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const SCREEN: (u32, u32) = (1600, 1000);
/// Moves of the pointer between press and release, and the pause after each.
const STEPS: i32 = 30;
const STEP_PAUSE: Duration = Duration::from_millis(100);

/// Kills what it holds when dropped, whichever way the run ends.
struct Killed(Vec<Child>);

impl Drop for Killed {
    fn drop(&mut self) {
        for child in self.0.iter_mut().rev() {
            let _ = Command::new("kill")
                .args(["-TERM", &child.id().to_string()])
                .status();
            let waited = Instant::now();
            while waited.elapsed() < Duration::from_secs(5)
                && !child.try_wait().is_ok_and(|s| s.is_some())
            {
                sleep(Duration::from_millis(50));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

type Failure = String;

fn unix_nanos() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_nanos()
}

struct Display {
    name: String,
}

impl Display {
    fn run(&self, args: &[&str]) -> Result<String, Failure> {
        let out = Command::new(args[0])
            .args(&args[1..])
            .env("DISPLAY", &self.name)
            .output()
            .map_err(|e| format!("{}: {e}", args[0]))?;
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    fn xdotool(&self, args: &[&str]) -> Result<(), Failure> {
        let mut all = vec!["xdotool"];
        all.extend_from_slice(args);
        self.run(&all).map(drop)
    }

    fn shot(&self) -> Result<image::RgbImage, Failure> {
        let out = Command::new("import")
            .args(["-window", "root", "png:-"])
            .env("DISPLAY", &self.name)
            .output()
            .map_err(|e| format!("import: {e}"))?;
        image::load_from_memory_with_format(&out.stdout, image::ImageFormat::Png)
            .map(|i| i.to_rgb8())
            .map_err(|e| format!("a screenshot: {e}"))
    }
}

fn same(p: &image::Rgb<u8>, c: Rgb) -> bool {
    p[0].abs_diff(c.r) <= 3 && p[1].abs_diff(c.g) <= 3 && p[2].abs_diff(c.b) <= 3
}

/// The map → screen transform found on a screenshot: `screen = offset + map * scale`.
#[derive(Clone, Copy, Debug)]
struct View {
    offset: (f32, f32),
    scale: f32,
}

impl View {
    fn to_screen(self, p: egui::Pos2) -> (i32, i32) {
        (
            (self.offset.0 + p.x * self.scale).round() as i32,
            (self.offset.1 + p.y * self.scale).round() as i32,
        )
    }
}

/// At the fit zoom a long map is a thin strip across the canvas: its ends give the scale.
fn fitted_view(shot: &image::RgbImage, layout: &MapLayout) -> Result<View, Failure> {
    let background = *shot.get_pixel(4, SCREEN.1 - 40);
    let differs = |x: u32, y: u32| {
        let p = shot.get_pixel(x, y);
        (0..3).any(|i| p[i].abs_diff(background[i]) > 12)
    };
    // The canvas starts under the toolbar; the strip is the first row that differs across most of
    // the canvas's left half.
    let top = (50..SCREEN.1 / 2)
        .find(|&y| (0..SCREEN.0 / 2).filter(|&x| differs(x, y)).count() > 300)
        .ok_or("no map strip on the canvas at the fit zoom")?;
    let left = (0..SCREEN.0).find(|&x| differs(x, top)).ok_or("no strip")?;
    let mut right = left;
    let mut gap = 0;
    for x in left..SCREEN.0 {
        if differs(x, top) {
            right = x + 1;
            gap = 0;
        } else {
            gap += 1;
            if gap > 12 {
                break;
            }
        }
    }
    Ok(View {
        offset: (left as f32, top as f32),
        scale: (right - left) as f32 / layout.size.x,
    })
}

/// At 100 %: a stage header whose left edge is on screen, right after the previous stage's
/// header (so not one cut by the row labels pinned to the canvas's left edge), gives the offset.
/// Which stage it is follows from its colour and from where Zoom to 100 % puts the map (the
/// middle of the map at the middle of the canvas).
fn actual_view(
    shot: &image::RgbImage,
    map: &JourneyMap,
    layout: &MapLayout,
    canvas_right: u32,
) -> Result<View, Failure> {
    let colours: Vec<Rgb> = map.stages.iter().map(|s| s.colour).collect();
    let estimate = canvas_right as f32 / 2.0 - layout.size.x / 2.0;
    for y in 50..SCREEN.1 / 2 {
        for x in 2..canvas_right.saturating_sub(60) {
            let p = shot.get_pixel(x, y);
            let Some(&colour) = colours.iter().find(|c| same(p, **c)) else {
                continue;
            };
            let solid = (0..6).all(|d| same(shot.get_pixel(x + d, y + 2), colour));
            let edge = !same(shot.get_pixel(x - 1, y + 2), colour);
            if !(solid && edge) {
                continue;
            }
            let Some(s) = (1..layout.stages.len())
                .filter(|&i| map.stages[i].colour == colour)
                .min_by(|&a, &b| {
                    let da = (estimate + layout.stages[a].header.left() - x as f32).abs();
                    let db = (estimate + layout.stages[b].header.left() - x as f32).abs();
                    da.total_cmp(&db)
                })
            else {
                continue;
            };
            let (this, before) = (&layout.stages[s].header, &layout.stages[s - 1].header);
            let gap = this.left() - before.right();
            let previous = (x as f32 - gap - 4.0).round();
            if previous < 0.0
                || !same(
                    shot.get_pixel(previous as u32, y + 2),
                    map.stages[s - 1].colour,
                )
            {
                continue;
            }
            // The top, past the rounded corner.
            let column = x + 12;
            let mut top = y;
            while top > 0 && same(shot.get_pixel(column, top - 1), colour) {
                top -= 1;
            }
            return Ok(View {
                offset: (x as f32 - this.left(), top as f32 - this.top()),
                scale: 1.0,
            });
        }
    }
    Err("no stage header with its left edge on screen at 100 %".into())
}

/// Where each touchpoint is: (stage index, place in the stage).
fn places(map: &JourneyMap) -> std::collections::HashMap<TouchpointId, (usize, usize)> {
    map.stages
        .iter()
        .enumerate()
        .flat_map(|(s, stage)| {
            stage
                .touchpoints
                .iter()
                .enumerate()
                .map(move |(i, t)| (t.id, (s, i)))
        })
        .collect()
}

/// The touchpoints whose stage or order changed between two versions, in words.
fn moves(before: &JourneyMap, after: &JourneyMap) -> Vec<String> {
    let (a, b) = (places(before), places(after));
    let mut moved: Vec<String> = Vec::new();
    // A move shifts its neighbours by one place; name the card whose own neighbours changed
    // most, i.e. every card whose stage changed, or the one whose place changed by more than one.
    for (id, was) in &a {
        if let Some(now) = b.get(id)
            && (was.0 != now.0 || was.1.abs_diff(now.1) > 1)
        {
            moved.push(format!(
                "touchpoint {} moved from stage {} place {} to stage {} place {}",
                id.0,
                was.0 + 1,
                was.1 + 1,
                now.0 + 1,
                now.1 + 1
            ));
        }
    }
    moved.sort();
    if moved.is_empty() && a != b {
        moved.push("two neighbouring cards swapped places".into());
    }
    moved
}

struct Frame {
    at: u128,
    ui_ms: f64,
    prev_cpu_ms: f64,
}

fn frames(log: &Path) -> Vec<Frame> {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    text.lines()
        .filter(|l| l.starts_with("frame "))
        .filter_map(|l| {
            let field = |name: &str| {
                l.split_whitespace()
                    .find_map(|w| w.strip_prefix(name))
                    .map(str::to_owned)
            };
            Some(Frame {
                at: field("unix_ns=")?.parse().ok()?,
                ui_ms: field("ui_ms=")?.parse().ok()?,
                prev_cpu_ms: field("prev_cpu_ms=")?.parse().ok()?,
            })
        })
        .collect()
}

/// Median and 95th percentile (nearest rank).
fn stats(mut values: Vec<f64>) -> Option<(f64, f64)> {
    values.retain(|v| v.is_finite());
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    let median = if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    };
    let rank = ((0.95 * n as f64).ceil() as usize).clamp(1, n);
    Some((median, values[rank - 1]))
}

/// What one drag cost: the frames whose pass began between the press and the release.
fn report(name: &str, log: &Path, from: u128, to: u128) {
    let all = frames(log);
    let during: Vec<usize> = (0..all.len())
        .filter(|&i| all[i].at >= from && all[i].at <= to)
        .collect();
    let ui: Vec<f64> = during.iter().map(|&i| all[i].ui_ms).collect();
    // A frame's whole CPU time is reported by the next frame.
    let cpu: Vec<f64> = during
        .iter()
        .filter_map(|&i| all.get(i + 1).map(|f| f.prev_cpu_ms))
        .collect();
    let seconds = (to - from) as f64 / 1e9;
    println!(
        "{name}: {} frames in {seconds:.1} s of dragging ({:.1} frames/s)",
        during.len(),
        during.len() as f64 / seconds
    );
    if let Some((median, p95)) = stats(ui) {
        println!("  time in the editor's ui:      median {median:7.2} ms, p95 {p95:7.2} ms");
    }
    if let Some((median, p95)) = stats(cpu) {
        println!("  frame CPU (ui+tessellate+paint): median {median:7.2} ms, p95 {p95:7.2} ms");
    }
}

/// Presses at `from`, moves to `to` in [`STEPS`] steps, releases; returns when it pressed and
/// released (unix ns).
fn drag(display: &Display, from: (i32, i32), to: (i32, i32)) -> Result<(u128, u128), Failure> {
    let at = |p: (i32, i32)| [p.0.to_string(), p.1.to_string()];
    let [x, y] = at(from);
    display.xdotool(&["mousemove", &x, &y])?;
    sleep(Duration::from_millis(400));
    let pressed = unix_nanos();
    display.xdotool(&["mousedown", "1"])?;
    sleep(Duration::from_millis(300));
    for i in 1..=STEPS {
        let p = (
            from.0 + (to.0 - from.0) * i / STEPS,
            from.1 + (to.1 - from.1) * i / STEPS,
        );
        let [x, y] = at(p);
        display.xdotool(&["mousemove", &x, &y])?;
        sleep(STEP_PAUSE);
    }
    display.xdotool(&["mouseup", "1"])?;
    let released = unix_nanos();
    Ok((pressed, released))
}

/// Ctrl+S, then the map as saved (None if the file did not change within `wait`).
fn save(
    display: &Display,
    window: &str,
    file: &Path,
    wait: Duration,
) -> Result<Option<JourneyMap>, Failure> {
    let before = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    display.xdotool(&["windowfocus", window])?;
    sleep(Duration::from_millis(300));
    display.xdotool(&["key", "ctrl+s"])?;
    let started = Instant::now();
    while started.elapsed() < wait {
        sleep(Duration::from_millis(300));
        let now = std::fs::read(file).unwrap_or_default();
        if now != before
            && let Ok(map) = journeymap::io::from_bytes(&now)
        {
            return Ok(Some(map));
        }
    }
    Ok(None)
}

/// Saves (Ctrl+S) and says which card moved since `before`; the map as saved, or `before`.
fn save_and_check(
    display: &Display,
    window: &str,
    file: &Path,
    before: JourneyMap,
) -> Result<JourneyMap, Failure> {
    Ok(
        match save(display, window, file, Duration::from_secs(60))? {
            Some(saved) => {
                let moved = moves(&before, &saved);
                let said = if moved.is_empty() {
                    "no card moved".to_owned()
                } else {
                    moved.join("; ")
                };
                println!("  saved: {said}");
                saved
            }
            None => {
                println!("  saved: the file did not change (nothing was moved)");
                before
            }
        },
    )
}

fn keep(dir: Option<&PathBuf>, name: &str, shot: &image::RgbImage) {
    if let Some(dir) = dir {
        let _ = shot.save(dir.join(name));
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("window_drag: {failure}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Failure> {
    let touchpoints: usize = match std::env::args().nth(1) {
        Some(n) => n.parse().map_err(|_| format!("{n:?} is not a number"))?,
        None => 10_000,
    };
    let bin =
        std::env::var("JOURNEYMAP_BIN").unwrap_or_else(|_| "target/release/journeymap".into());
    let display = Display {
        name: std::env::var("DRAG_DISPLAY").unwrap_or_else(|_| ":96".into()),
    };
    let kept = std::env::var_os("DRAG_KEEP").map(PathBuf::from);
    let temp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let dir = kept.clone().unwrap_or_else(|| temp.path().to_owned());
    std::fs::create_dir_all(dir.join("home")).map_err(|e| e.to_string())?;
    let file = dir.join("big.ron");
    let log = dir.join("editor.log");
    let _ = std::fs::remove_file(&log);

    let mut map = JourneyMap::generated(touchpoints);
    journeymap::io::save(&file, &map).map_err(|e| e.to_string())?;
    let ctx = journeymap::fonts::headless_context();
    let layout = |map: &JourneyMap| {
        ctx.fonts_mut(|f| MapLayout::new(map, &Style::default(), &Labels::default(), f))
    };

    if display.run(&["xdotool", "getdisplaygeometry"])?.trim() != "" {
        return Err(format!(
            "display {} is in use (set DRAG_DISPLAY)",
            display.name
        ));
    }
    let geometry = format!("{}x{}x24", SCREEN.0, SCREEN.1);
    let server = Command::new("Xvfb")
        .args([display.name.as_str(), "-screen", "0", &geometry])
        .args(["-nolisten", "tcp", "-noreset"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("Xvfb: {e}"))?;
    let mut running = Killed(vec![server]);
    let started = Instant::now();
    while display.run(&["xdotool", "getdisplaygeometry"])?.trim() == "" {
        if started.elapsed() > Duration::from_secs(20) {
            return Err("Xvfb takes no clients".into());
        }
        sleep(Duration::from_millis(100));
    }

    let home = dir.join("home");
    let editor = Command::new(&bin)
        .arg(&file)
        .env("DISPLAY", &display.name)
        .env("HOME", &home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("JOURNEYMAP_FRAME_TIMES", "1")
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).map_err(|e| e.to_string())?)
        .spawn()
        .map_err(|e| format!("{bin}: {e}"))?;
    running.0.push(editor);

    let window = loop {
        let found = display.run(&[
            "xdotool",
            "search",
            "--onlyvisible",
            "--name",
            "Journey Map",
        ])?;
        if let Some(w) = found.lines().next() {
            break w.to_owned();
        }
        if started.elapsed() > Duration::from_secs(120) {
            return Err("the editor's window never showed".into());
        }
        sleep(Duration::from_millis(200));
    };
    let (w, h) = (SCREEN.0.to_string(), SCREEN.1.to_string());
    display.xdotool(&["windowmove", &window, "0", "0"])?;
    display.xdotool(&["windowsize", &window, &w, &h])?;
    // Let the resized window settle (a frame at the fit zoom is slow).
    sleep(Duration::from_secs(4));

    // --- At the fit zoom. ----------------------------------------------------------------
    let shot = display.shot()?;
    keep(kept.as_ref(), "fit-before.png", &shot);
    let laid = layout(&map);
    let view = fitted_view(&shot, &laid)?;
    let card = &laid.cards[laid.cards.len() / 4];
    let from = view.to_screen(card.rect.center());
    let to = (from.0 + 300, from.1);
    println!(
        "fit zoom {:.4} % (the map {:.0} × {:.0} points; a card {:.2} × {:.2} px on screen): \
         dragging touchpoint {} (stage {}) from {from:?} to {to:?}",
        view.scale * 100.0,
        laid.size.x,
        laid.size.y,
        card.rect.width() * view.scale,
        card.rect.height() * view.scale,
        card.id.0,
        card.stage_index + 1
    );
    let (pressed, released) = drag(&display, from, to)?;
    sleep(Duration::from_secs(2));
    keep(kept.as_ref(), "fit-after.png", &display.shot()?);
    report("drag at the fit zoom", &log, pressed, released);
    map = save_and_check(&display, &window, &file, map)?;
    let fitted = view;

    // --- At 100 %. -----------------------------------------------------------------------
    display.xdotool(&["windowfocus", &window])?;
    sleep(Duration::from_millis(300));
    display.xdotool(&["key", "ctrl+1"])?;
    sleep(Duration::from_secs(3));
    let shot = display.shot()?;
    keep(kept.as_ref(), "actual-before.png", &shot);
    let laid = layout(&map);
    // The inspector (300 points by default) is on the right of the canvas.
    let canvas_right = SCREEN.0 - 300;
    let view = actual_view(&shot, &map, &laid, canvas_right)?;
    let on_screen = |p: (i32, i32)| p.0 > 10 && p.0 < canvas_right as i32 - 10;
    let stage = (0..laid.stages.len())
        .find(|&s| {
            let cards: Vec<_> = laid.cards.iter().filter(|c| c.stage_index == s).collect();
            cards.len() >= 3
                && on_screen(view.to_screen(cards[0].rect.left_center()))
                && on_screen(view.to_screen(cards[2].rect.right_center()))
        })
        .ok_or("no stage with three cards on screen at 100 %")?;
    let cards: Vec<_> = laid
        .cards
        .iter()
        .filter(|c| c.stage_index == stage)
        .collect();
    let from = view.to_screen(cards[0].rect.center());
    let to = view.to_screen(cards[2].rect.right_center() - egui::vec2(8.0, 0.0));
    println!(
        "100 %: dragging touchpoint {} (stage {}, first card) from {from:?} behind the third card, to {to:?}",
        cards[0].id.0,
        stage + 1
    );
    let (pressed, released) = drag(&display, from, to)?;
    sleep(Duration::from_secs(1));
    keep(kept.as_ref(), "actual-after.png", &display.shot()?);
    report("drag at 100 %", &log, pressed, released);
    map = save_and_check(&display, &window, &file, map)?;
    let actual = view;

    // --- Zoomed out: 13 × Zoom out (0.8 each, around the canvas's centre) from 100 %. ------
    // Cards are then about 8 px wide: the smallest zoom at which a person can still take one.
    // The canvas's centre: horizontally the middle of the map at 100 % (Zoom to 100 % kept the
    // fitted map's centre there); vertically half-way between the canvas's top (the fitted
    // strip's top less the fit margin of 24 points) and the screen's bottom.
    let steps = 13;
    for _ in 0..steps {
        display.xdotool(&["key", "ctrl+minus"])?;
        sleep(Duration::from_millis(150));
    }
    sleep(Duration::from_secs(2));
    let shot = display.shot()?;
    keep(kept.as_ref(), "out-before.png", &shot);
    let laid = layout(&map);
    let factor = 0.8f32.powi(steps);
    let centre = (
        actual.offset.0 + laid.size.x / 2.0,
        (fitted.offset.1 - 24.0 + SCREEN.1 as f32) / 2.0,
    );
    let mut view = View {
        offset: (
            centre.0 + (actual.offset.0 - centre.0) * factor,
            centre.1 + (actual.offset.1 - centre.1) * factor,
        ),
        scale: factor,
    };
    // The view may have been held from showing empty space above or below the map: find the
    // stage header under the canvas's centre by its colour, down that column.
    let stage = laid
        .stages
        .iter()
        .position(|s| view.to_screen(s.header.right_top()).0 > centre.0 as i32)
        .ok_or("no stage at the canvas's centre")?;
    let header = laid.stages[stage].header;
    let column = view.to_screen(header.center()).0 as u32;
    let colour = map.stages[stage].colour;
    let top = (50..SCREEN.1)
        .find(|&y| same(shot.get_pixel(column, y), colour))
        .ok_or("the stage header is not on screen when zoomed out")?;
    view.offset.1 = top as f32 - header.top() * factor;
    let first = laid
        .cards
        .iter()
        .find(|c| c.stage_index == stage)
        .ok_or("a stage without cards")?;
    let target = laid
        .cards
        .iter()
        .filter(|c| c.stage_index == stage + 1)
        .nth(3)
        .ok_or("the next stage has no fourth card")?;
    let from = view.to_screen(first.rect.center());
    let to = view.to_screen(target.rect.center());
    println!(
        "{:.1} %: (a card {:.1} × {:.1} px) dragging touchpoint {} (stage {}, first card) from {from:?} onto the fourth card of the next stage, {to:?}",
        factor * 100.0,
        first.rect.width() * factor,
        first.rect.height() * factor,
        first.id.0,
        stage + 1
    );
    let (pressed, released) = drag(&display, from, to)?;
    sleep(Duration::from_secs(1));
    keep(kept.as_ref(), "out-after.png", &display.shot()?);
    report("drag zoomed out", &log, pressed, released);
    save_and_check(&display, &window, &file, map)?;
    Ok(())
}
