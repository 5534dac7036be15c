//! The real window, as a person uses it: the built binary under Xvfb, driven by xdotool. A card
//! is dragged to another stage and saved with Ctrl+S; the file must change exactly as expected
//! and stay the kind of file it was (a map opened from a PNG or SVG is saved as that picture),
//! and the screen must show the map. Needs `Xvfb`, `xdotool` and ImageMagick's `import`
//! (`.ci/run` installs them); without them the test says so and passes, except under CI.

use journeymap::formats::{self, Format};
use journeymap::io;
use journeymap::layout::{MapLayout, Style};
use journeymap::model::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// Kills what it holds when the test ends, whichever way it ends.
struct Killed(Vec<Child>);

impl Drop for Killed {
    fn drop(&mut self) {
        for child in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn run(display: &str, args: &[&str]) -> String {
    let out = Command::new(args[0])
        .args(&args[1..])
        .env("DISPLAY", display)
        .output()
        .unwrap_or_else(|e| panic!("{args:?}: {e}"));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The screen as RGB rows.
struct Shot {
    width: usize,
    height: usize,
    rgb: Vec<u8>,
}

impl Shot {
    fn take(display: &str) -> Shot {
        let out = Command::new("import")
            .args(["-window", "root", "png:-"])
            .env("DISPLAY", display)
            .output()
            .expect("import runs");
        let image = image::load_from_memory_with_format(&out.stdout, image::ImageFormat::Png)
            .expect("a screenshot")
            .to_rgb8();
        Shot {
            width: image.width() as usize,
            height: image.height() as usize,
            rgb: image.into_raw(),
        }
    }

    fn is(&self, x: usize, y: usize, c: Rgb) -> bool {
        let p = &self.rgb[(y * self.width + x) * 3..][..3];
        p[0].abs_diff(c.r) <= 3 && p[1].abs_diff(c.g) <= 3 && p[2].abs_diff(c.b) <= 3
    }

    /// The screen rectangle of the topmost solid block of colour `c`: a stage's header.
    fn header_of(&self, c: Rgb) -> Option<(f32, f32, f32, f32)> {
        let counts: Vec<usize> = (0..self.height)
            .map(|y| (0..self.width).filter(|&x| self.is(x, y, c)).count())
            .collect();
        let widest = *counts.iter().max()?;
        if widest < 20 {
            return None;
        }
        let top = counts.iter().position(|&n| n * 2 >= widest)?;
        let bottom = top
            + counts[top..]
                .iter()
                .take_while(|&&n| n * 2 >= widest)
                .count();
        let middle = (top + bottom) / 2;
        let left = (0..self.width).find(|&x| self.is(x, middle, c))?;
        let right = (0..self.width).rev().find(|&x| self.is(x, middle, c))? + 1;
        Some((left as f32, top as f32, right as f32, bottom as f32))
    }

    fn distinct_colours(&self) -> usize {
        let mut seen = std::collections::HashSet::new();
        for p in self.rgb.chunks(3).step_by(7) {
            seen.insert((p[0], p[1], p[2]));
        }
        seen.len()
    }
}

fn test_map() -> JourneyMap {
    let mut map = JourneyMap::blank("Window test");
    map.stages.clear();
    let tp = |id: u32, title: &str| Touchpoint {
        channel: Some(Channel::Web),
        ..Touchpoint::new(TouchpointId(id), title)
    };
    map.stages.push(Stage {
        touchpoints: vec![tp(103, "Sees an advert"), tp(104, "Reads reviews")],
        ..Stage::new(StageId(101), "Before", Rgb::new(0xd0, 0x20, 0x6f))
    });
    map.stages.push(Stage {
        touchpoints: vec![tp(105, "Orders online")],
        ..Stage::new(StageId(102), "During", Rgb::new(0x15, 0x80, 0xe0))
    });
    map.curves[0].scores = BTreeMap::from([
        (TouchpointId(103), 1),
        (TouchpointId(104), -1),
        (TouchpointId(105), 2),
    ]);
    assert!(map.validate().is_empty());
    map
}

/// An X server for the test's windows, stopped when the test ends.
struct Display {
    name: String,
    /// Where the editors started on this display write their messages, shown when a test fails.
    log: std::path::PathBuf,
    _server: Killed,
    /// One real-window test at a time: on a two-core machine, five editors starting together
    /// under a software renderer took longer than any wait here allows.
    _turn: std::sync::MutexGuard<'static, ()>,
}

impl Display {
    /// None (after saying why) where the tools are missing, which CI never allows.
    fn start() -> Option<Display> {
        let tools = ["Xvfb", "xdotool", "import"];
        if let Some(missing) = tools.iter().find(|t| !have(t)) {
            assert!(
                std::env::var_os("CI").is_none(),
                "{missing} is missing: CI must install xvfb, xdotool and imagemagick"
            );
            eprintln!(
                "skipped: {missing} is not installed (apt-get install xvfb xdotool imagemagick)"
            );
            return None;
        }
        static TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let turn = TURN
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // Xvfb picks a free display and writes its number once it accepts connections (a socket
        // file alone may be left over from a server that was killed).
        let mut server = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                // Without it the server resets when its last client goes, and a client that
                // connects meanwhile (the editor, after a screenshot) is turned away.
                "-noreset",
                "-screen",
                "0",
                "1600x1000x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb starts");
        let mut number = String::new();
        std::io::BufRead::read_line(
            &mut std::io::BufReader::new(server.stdout.take().expect("Xvfb's output")),
            &mut number,
        )
        .expect("Xvfb names its display");
        let number: u32 = number.trim().parse().expect("Xvfb did not start");
        let name = format!(":{number}");
        // Ready when a client gets in.
        let started = Instant::now();
        while !Command::new("xdotool")
            .arg("getdisplaygeometry")
            .env("DISPLAY", &name)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
        {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "Xvfb on {name} takes no clients"
            );
            sleep(Duration::from_millis(100));
        }
        let log = std::env::temp_dir().join(format!("journeymap-window-{number}.log"));
        let _ = std::fs::remove_file(&log);
        Some(Display {
            name,
            log,
            _server: Killed(vec![server]),
            _turn: turn,
        })
    }

    /// The editor on `file`, with `home` as its home and the variables `env`, its messages
    /// appended to the display's log.
    fn editor(&self, file: &Path, home: &Path, env: &[(&str, &str)]) -> Child {
        let log = || {
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&self.log)
                .expect("the editor's log")
        };
        Command::new(env!("CARGO_BIN_EXE_journeymap"))
            .arg(file)
            .env("DISPLAY", &self.name)
            .env("HOME", home)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .envs(env.iter().copied())
            .env_remove("WAYLAND_DISPLAY")
            .stdout(log())
            .stderr(log())
            .spawn()
            .expect("the editor starts")
    }

    /// What the editors wrote, for a failure message.
    fn messages(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let tail: Vec<&str> = text.lines().rev().take(40).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        format!("the editor on {} said:\n{}", self.name, tail.join("\n"))
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.log);
        // Politely first, so that the server removes its socket and lock files.
        for server in &mut self._server.0 {
            let _ = Command::new("kill")
                .args(["-TERM", &server.id().to_string()])
                .status();
            let waited = Instant::now();
            while waited.elapsed() < Duration::from_secs(5) {
                if server.try_wait().is_ok_and(|s| s.is_some()) {
                    break;
                }
                sleep(Duration::from_millis(50));
            }
        }
    }
}

/// Waits for the editor's window to show `map`, then drags the first card behind the last card
/// of the second stage (the card with id 105). Returns the window.
fn drag_first_card(on: &Display, map: &JourneyMap, file: &Path) -> String {
    let display = on.name.as_str();
    // Wait until the first stage's header is on screen.
    let started = Instant::now();
    let before = map.stages[0].colour;
    let shot = loop {
        let shot = Shot::take(display);
        if shot.header_of(before).is_some() {
            break shot;
        }
        assert!(
            started.elapsed() < Duration::from_secs(90),
            "the window never showed the map; {}",
            on.messages()
        );
        sleep(Duration::from_millis(300));
    };
    assert!(shot.distinct_colours() > 100, "the screen is not blank");
    let window = run(display, &["xdotool", "search", "--name", "Journey Map"]);
    let window = window
        .lines()
        .next()
        .expect("the window has our title")
        .to_owned();
    let name = file
        .file_name()
        .expect("a name")
        .to_string_lossy()
        .into_owned();
    assert!(run(display, &["xdotool", "getwindowname", &window]).contains(&name));

    // Map coordinates → screen, from where the first stage's header is drawn.
    let ctx = journeymap::fonts::headless_context();
    let layout = ctx.fonts_mut(|f| {
        MapLayout::new(
            map,
            &Style::default(),
            &journeymap::layout::Labels::default(),
            f,
        )
    });
    let (left, top, right, _) = shot.header_of(before).expect("header");
    let header = layout.stages[0].header;
    let scale = (right - left) / header.width();
    let to_screen = |p: egui::Pos2| {
        (
            (left + (p.x - header.left()) * scale) as i32,
            (top + (p.y - header.top()) * scale) as i32,
        )
    };

    let from = to_screen(layout.cards[0].rect.center());
    let target_card = layout
        .cards
        .iter()
        .find(|c| c.id == TouchpointId(105))
        .expect("card");
    let to = to_screen(target_card.rect.right_center() - egui::vec2(8.0, 0.0));
    let step = |args: &[&str]| {
        let mut all = vec!["xdotool"];
        all.extend_from_slice(args);
        run(display, &all);
        sleep(Duration::from_millis(250));
    };
    step(&["windowfocus", &window]);
    step(&["mousemove", &from.0.to_string(), &from.1.to_string()]);
    step(&["mousedown", "1"]);
    for i in 1..=4 {
        let x = from.0 + (to.0 - from.0) * i / 4;
        let y = from.1 + (to.1 - from.1) * i / 4;
        step(&["mousemove", &x.to_string(), &y.to_string()]);
    }
    step(&["mouseup", "1"]);
    window
}

/// Opens `file` (holding `map`) in the editor, drags the first card behind the last card of the
/// second stage, presses Ctrl+S, and waits until the file holds the moved map as a file of
/// kind `format`. Returns the moved map.
fn drag_and_save(display: &Display, dir: &Path, file: &Path, map: &JourneyMap) -> JourneyMap {
    let editor_on = display;
    let display = display.name.as_str();
    let format = Format::of_path(file).expect("a known kind");
    let home = dir.join("home");
    std::fs::create_dir_all(&home).expect("home");
    let _editor = Killed(vec![editor_on.editor(file, &home, &[])]);

    let window = drag_first_card(editor_on, map, file);
    let name = file
        .file_name()
        .expect("a name")
        .to_string_lossy()
        .into_owned();
    let step = |args: &[&str]| {
        let mut all = vec!["xdotool"];
        all.extend_from_slice(args);
        run(display, &all);
        sleep(Duration::from_millis(250));
    };
    step(&["key", "ctrl+s"]);

    let mut expected = map.clone();
    let moved = expected.stages[0].touchpoints.remove(0);
    expected.stages[1].touchpoints.push(moved);
    let waited = Instant::now();
    loop {
        let bytes = std::fs::read(file).expect("the file is still there");
        let saved = formats::read(&bytes, format).ok().map(|o| o.map);
        if saved.as_ref() == Some(&expected) {
            assert_eq!(Format::sniff(&bytes), format, "still a {format:?} file");
            break;
        }
        assert!(
            waited.elapsed() < Duration::from_secs(30),
            "{name}: the saved file is not the expected map ({} bytes, {})",
            bytes.len(),
            if Format::sniff(&bytes) == format {
                "right kind"
            } else {
                "WRONG KIND"
            }
        );
        sleep(Duration::from_millis(200));
    }
    // The title loses its ● once the (background) save is done.
    let waited = Instant::now();
    while run(display, &["xdotool", "getwindowname", &window]).contains('●') {
        assert!(
            waited.elapsed() < Duration::from_secs(15),
            "still dirty after the save"
        );
        sleep(Duration::from_millis(200));
    }
    expected
}

#[test]
fn drag_a_card_to_another_stage_and_save_in_a_real_window() {
    let Some(display) = Display::start() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let map = test_map();
    let file = dir.path().join("journey.ron");
    io::save(&file, &map).expect("write the map");
    let expected = drag_and_save(&display, dir.path(), &file, &map);
    assert_eq!(
        std::fs::read_to_string(&file).expect("saved"),
        io::to_ron(&expected),
        "byte for byte what the editor writes"
    );
}

#[test]
fn a_map_opened_from_a_picture_is_saved_as_that_picture_in_a_real_window() {
    let Some(display) = Display::start() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let map = test_map();
    for format in [Format::Png, Format::Svg] {
        let file = dir.path().join(format!("journey.{}", format.extension()));
        let picture = journeymap::io::PictureSettings {
            scale: 1.0,
            ..Default::default()
        };
        formats::write(&file, &map, format, &picture, &|_| {}).expect("exported");
        drag_and_save(&display, dir.path(), &file, &map);
        let opened = formats::open(&file).expect("opens again");
        assert_eq!(opened.picture, Some(picture), "{format:?}: drawn as it was");
    }
}

#[test]
fn the_window_carries_the_app_icon_in_a_real_window() {
    let Some(display) = Display::start() else {
        return;
    };
    if !have("xprop") {
        assert!(
            std::env::var_os("CI").is_none(),
            "xprop is missing: CI must install x11-utils"
        );
        eprintln!("skipped: xprop is not installed (apt-get install x11-utils)");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("journey.ron");
    io::save(&file, &test_map()).expect("write the map");
    let _editor = start_editor(&display, dir.path(), &file, "(recent:[])");
    let window = windows(&display, 1).remove(0);
    // The property is set once the window is mapped; give it a moment.
    let started = Instant::now();
    loop {
        // As numbers, not xprop's drawing of the icon:
        // "_NET_WM_ICON(CARDINAL)=256, 256, <256 × 256 ARGB pixels>".
        let icon = run(
            &display.name,
            &[
                "xprop",
                "-id",
                &window,
                "-f",
                "_NET_WM_ICON",
                "32c",
                "=$0+",
                "_NET_WM_ICON",
            ],
        );
        if let Some(values) = icon
            .split_once('=')
            .map(|(_, v)| v)
            .filter(|v| !v.trim().is_empty())
        {
            let mut numbers = values.split(',').map(|n| n.trim().parse::<u64>());
            let (w, h) = (numbers.next(), numbers.next());
            assert!(
                matches!((&w, &h), (Some(Ok(256)), Some(Ok(256)))),
                "icon {w:?} × {h:?}"
            );
            let pixels = numbers.filter(|n| n.as_ref().is_ok_and(|v| *v >> 24 == 255));
            assert!(pixels.count() > 256 * 256 / 2, "the icon is mostly empty");
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the window has no icon: {icon}{}",
            display.messages()
        );
        sleep(Duration::from_millis(300));
    }
}

/// A second map opened from the file manager (its desktop entry runs `journeymap %f` for each
/// file) opens in a window of its own beside the first, in the same home.
#[test]
fn a_second_file_opens_a_second_window_in_a_real_window() {
    let Some(display) = Display::start() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let home = dir.path().join("home");
    let mut editors = Killed(Vec::new());
    for name in ["first", "second"] {
        let file = dir.path().join(format!("{name}.ron"));
        io::save(&file, &test_map()).expect("write the map");
        editors.0.push(display.editor(&file, &home, &[]));
        // Each starts as the file manager starts it: one after the other.
        windows(&display, editors.0.len());
    }
    let titles: Vec<String> = windows(&display, 2)
        .iter()
        .map(|w| run(&display.name, &["xdotool", "getwindowname", w]))
        .collect();
    for name in ["first", "second"] {
        assert!(
            titles.iter().any(|t| t.contains(name)),
            "no window for {name}: {titles:?}"
        );
    }
}

/// Starts the editor on `file` with `settings` (eframe's storage, as RON) in a home of its own.
fn start_editor(display: &Display, dir: &Path, file: &Path, settings: &str) -> Killed {
    let home = dir.join("home");
    let data = home.join("data").join("journeymap");
    std::fs::create_dir_all(&data).expect("data dir");
    std::fs::write(
        data.join("app.ron"),
        format!("{{\n    \"journeymap-settings\": {settings:?},\n}}\n"),
    )
    .expect("settings");
    Killed(vec![display.editor(file, &home, &[])])
}

/// The windows titled "… Journey Map", waiting until there are `n`.
fn windows(display: &Display, n: usize) -> Vec<String> {
    let started = Instant::now();
    loop {
        let found: Vec<String> = run(
            &display.name,
            &["xdotool", "search", "--name", "Journey Map"],
        )
        .lines()
        .map(str::to_owned)
        .collect();
        if found.len() >= n {
            return found;
        }
        assert!(
            started.elapsed() < Duration::from_secs(90),
            "{} windows, not {n}; {}",
            found.len(),
            display.messages()
        );
        sleep(Duration::from_millis(300));
    }
}

/// F5, then Right twice: the second stage fills the screen, its name set large enough to read
/// from the back of the room (at least 24 px tall, measured in the screenshot).
#[test]
fn present_mode_sets_the_stage_in_focus_large_in_a_real_window() {
    let Some(display) = Display::start() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let map = test_map();
    let file = dir.path().join("journey.ron");
    io::save(&file, &map).expect("write the map");
    let _editor = start_editor(
        &display,
        dir.path(),
        &file,
        "(theme:Light,show_inspector:true)",
    );
    let window = windows(&display, 1).remove(0);
    let started = Instant::now();
    while Shot::take(&display.name)
        .header_of(map.stages[0].colour)
        .is_none()
    {
        assert!(
            started.elapsed() < Duration::from_secs(90),
            "no map on screen; {}",
            display.messages()
        );
        sleep(Duration::from_millis(300));
    }
    let key = |k: &str| {
        run(&display.name, &["xdotool", "key", "--window", &window, k]);
        sleep(Duration::from_millis(700));
    };
    run(&display.name, &["xdotool", "windowfocus", &window]);
    key("F5");
    key("Right");
    key("Right");
    sleep(Duration::from_millis(800));
    let shot = Shot::take(&display.name);
    let second = map.stages[1].colour;
    let (left, top, right, bottom) = shot.header_of(second).expect("the second stage's header");
    assert!(
        right - left > 500.0,
        "the stage in focus spans the screen: {left}..{right}"
    );
    // The name: white letters inside the header.
    let white = |x: usize, y: usize| {
        let p = &shot.rgb[(y * shot.width + x) * 3..][..3];
        p.iter().all(|c| *c > 235)
    };
    let rows: Vec<usize> = (top as usize..bottom as usize)
        .filter(|&y| (left as usize..right as usize).any(|x| white(x, y)))
        .collect();
    let height = rows.last().zip(rows.first()).map_or(0, |(b, t)| b - t + 1);
    assert!(height >= 24, "the stage's name is {height} px tall");
}

/// With the audience window on, F5 opens a second window for the room; both are painted.
#[test]
fn present_mode_opens_an_audience_window_in_a_real_window() {
    let Some(display) = Display::start() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let map = test_map();
    let file = dir.path().join("journey.ron");
    io::save(&file, &map).expect("write the map");
    let _editor = start_editor(
        &display,
        dir.path(),
        &file,
        "(theme:Light,present:(audience_window:true))",
    );
    let window = windows(&display, 1).remove(0);
    let started = Instant::now();
    while Shot::take(&display.name)
        .header_of(map.stages[0].colour)
        .is_none()
    {
        assert!(
            started.elapsed() < Duration::from_secs(90),
            "no map on screen; {}",
            display.messages()
        );
        sleep(Duration::from_millis(300));
    }
    // A busy machine may drop a key sent while the window is still settling: press again.
    let mut both = Vec::new();
    for _ in 0..3 {
        run(&display.name, &["xdotool", "windowfocus", &window]);
        sleep(Duration::from_millis(300));
        run(
            &display.name,
            &["xdotool", "key", "--window", &window, "F5"],
        );
        let waited = Instant::now();
        while both.len() < 2 && waited.elapsed() < Duration::from_secs(10) {
            sleep(Duration::from_millis(300));
            both = run(
                &display.name,
                &["xdotool", "search", "--name", "Journey Map"],
            )
            .lines()
            .map(str::to_owned)
            .collect();
        }
        if both.len() >= 2 {
            break;
        }
    }
    assert_eq!(both.len(), 2, "the presenter's window and the audience's");
    // Without a window manager both open at the top left: set them side by side.
    run(
        &display.name,
        &["xdotool", "windowmove", &both[1], "700", "0"],
    );
    sleep(Duration::from_millis(1500));
    for id in &both {
        let out = Command::new("import")
            .args(["-window", id, "png:-"])
            .env("DISPLAY", &display.name)
            .output()
            .expect("import runs");
        let image = image::load_from_memory_with_format(&out.stdout, image::ImageFormat::Png)
            .expect("a screenshot of the window")
            .to_rgb8();
        let colours: std::collections::HashSet<[u8; 3]> =
            image.pixels().step_by(5).map(|p| p.0).collect();
        assert!(
            colours.len() > 50,
            "window {id} is painted ({} colours)",
            colours.len()
        );
    }
}

/// The editor is killed (SIGKILL) with unsaved changes; the next start offers the recovery copy
/// its autosave wrote, Enter restores it, and Ctrl+S saves the restored changes to the file.
#[test]
fn a_killed_editor_offers_its_unsaved_changes_at_the_next_start_in_a_real_window() {
    let Some(display) = Display::start() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("kill.ron");
    let map = test_map();
    io::save(&file, &map).expect("saved");
    let home = dir.path().join("home");
    let recovery = home.join("data").join("journeymap").join("recovery");
    let editor = || display.editor(&file, &home, &[("JOURNEYMAP_AUTOSAVE_SECONDS", "1")]);
    let mut expected = map.clone();
    let moved = expected.stages[0].touchpoints.remove(0);
    expected.stages[1].touchpoints.push(moved);

    let mut first = Killed(vec![editor()]);
    drag_first_card(&display, &map, &file);
    // The autosave writes the recovery copy (never the file itself).
    let copy = |dir: &Path| -> Option<JourneyMap> {
        let found = std::fs::read_dir(dir)
            .ok()?
            .flatten()
            .map(|e| e.path())
            .find(|p| {
                p.extension().is_some_and(|e| e == "ron") && p.with_extension("info").exists()
            })?;
        io::from_ron(&std::fs::read_to_string(found).ok()?).ok()
    };
    let waited = Instant::now();
    while copy(&recovery).as_ref() != Some(&expected) {
        assert!(
            waited.elapsed() < Duration::from_secs(30),
            "no recovery copy was written"
        );
        sleep(Duration::from_millis(200));
    }
    assert_eq!(
        io::from_ron(&std::fs::read_to_string(&file).expect("file")).expect("map"),
        map,
        "the file is untouched"
    );
    // SIGKILL: no chance to clean up.
    for child in &mut first.0 {
        child.kill().expect("kill");
        child.wait().expect("wait");
    }

    let _second = Killed(vec![editor()]);
    let window = windows(&display, 1).remove(0);
    sleep(Duration::from_secs(2));
    run(&display.name, &["xdotool", "windowfocus", &window]);
    sleep(Duration::from_millis(300));
    run(
        &display.name,
        &["xdotool", "key", "--window", &window, "Return"],
    );
    sleep(Duration::from_millis(500));
    run(
        &display.name,
        &["xdotool", "key", "--window", &window, "ctrl+s"],
    );
    let waited = Instant::now();
    loop {
        let saved = io::from_ron(&std::fs::read_to_string(&file).expect("file")).ok();
        if saved.as_ref() == Some(&expected) {
            break;
        }
        assert!(
            waited.elapsed() < Duration::from_secs(30),
            "the restored changes were not saved"
        );
        sleep(Duration::from_millis(300));
    }
    // Saved: the copy is gone.
    let waited = Instant::now();
    while copy(&recovery).is_some() {
        assert!(
            waited.elapsed() < Duration::from_secs(10),
            "the recovery copy stays after the save"
        );
        sleep(Duration::from_millis(200));
    }
}
