//! What a new user met in the first hour with the editor, each kept fixed by a test: a picture
//! overwritten with text by Save, a broken file that closed the editor, the map floating in
//! empty space, labels scrolling away, unreadable faces, editors covering their neighbours,
//! notes that could not be created, dialogs that let the wheel through, notices that never left.

use super::*;
use journeymap::app::Settings;
use journeymap::formats::{self, Format};
use journeymap::io::{Background, PictureSettings};

fn harness_on(app: JourneyMapApp, size: Vec2) -> Harness<'static, JourneyMapApp> {
    let mut harness = Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, app: &mut JourneyMapApp| app.ui(ui), app);
    harness.run();
    harness
}

/// A template written to `dir` as a file of kind `format`, drawn as `picture` says.
fn template_file(
    dir: &std::path::Path,
    template: &str,
    format: Format,
    picture: &PictureSettings,
) -> std::path::PathBuf {
    let map = templates::find(template).expect("template").map();
    let path = dir.join(format!("{template}.{}", format.extension()));
    formats::write(&path, &map, format, picture, &|_| {}).expect("written");
    path
}

fn opened(path: &std::path::Path) -> Harness<'static, JourneyMapApp> {
    let mut app = JourneyMapApp::new(JourneyMap::blank(""), None);
    app.open_now(path);
    assert!(app.notices.is_empty(), "{:?}", app.notices);
    harness_on(app, vec2(1600.0, 1000.0))
}

fn png_settings(path: &std::path::Path) -> (u32, PictureSettings) {
    let bytes = std::fs::read(path).expect("read");
    let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
    let reader = decoder.read_info().expect("a PNG");
    let width = reader.info().width;
    let picture = formats::read(&bytes, Format::Png)
        .expect("the map inside")
        .picture
        .expect("how it was drawn");
    (width, picture)
}

#[test]
fn save_keeps_each_kind_of_file_what_it_is_and_draws_a_picture_as_it_was_drawn() {
    let dir = tempfile::tempdir().expect("temp dir");
    let drawn = PictureSettings {
        scale: 1.0,
        background: Background::Transparent,
        dark: true,
        insights: true,
    };
    for format in Format::ALL.into_iter().filter(|f| f.lossless()) {
        let path = template_file(dir.path(), "hotel-stay-en", format, &drawn);
        let before_width = (format == Format::Png).then(|| png_settings(&path).0);
        let mut h = opened(&path);
        delete_first_card(&mut h);
        let edited = map(&h).clone();
        h.key_press_modifiers(Modifiers::COMMAND, Key::S);
        h.step();
        h.state_mut().finish_save(true);
        h.run();
        assert!(!h.state().doc.is_dirty(), "{format:?}: saved");
        let bytes = std::fs::read(&path).expect("still there");
        assert_eq!(
            Format::sniff(&bytes),
            format,
            "{format:?}: still a {format:?}"
        );
        let back = formats::read(&bytes, format).expect("opens again");
        assert_eq!(back.map, edited, "{format:?}: as the edited map");
        if format.is_picture() {
            assert_eq!(back.picture, Some(drawn), "{format:?}: drawn as before");
        }
        if before_width.is_some() {
            let options = journeymap::export::ExportOptions::from_settings(drawn);
            let expected = journeymap::export::paint(&edited, &options)
                .expect("painted")
                .pixels()
                .0;
            assert_eq!(png_settings(&path).0, expected, "drawn at the same scale");
        }
    }
}

#[test]
fn saving_a_big_picture_leaves_the_map_editable_and_saves_the_map_as_it_was() {
    let dir = tempfile::tempdir().expect("temp dir");
    let big = JourneyMap::generated(120);
    let path = dir.path().join("big.png");
    formats::write(
        &path,
        &big,
        Format::Png,
        &PictureSettings::default(),
        &|_| {},
    )
    .expect("written");
    let mut h = opened(&path);
    // Generated cards share titles, so they are selected by id rather than by label.
    let delete_first = |h: &mut Harness<'_, JourneyMapApp>| {
        let tp = map(h).stages[0].touchpoints[0].id;
        h.state_mut().canvas.select_only(Item::Touchpoint(tp));
        h.key_press(Key::Delete);
        h.step();
    };
    delete_first(&mut h);
    let saved = map(&h).clone();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.step();
    assert!(
        h.state().save_in_progress(),
        "the picture is drawn in the background"
    );
    assert!(
        h.query_by_label("Saving").is_some(),
        "the toolbar says a save is under way"
    );
    // The map stays editable meanwhile.
    delete_first(&mut h);
    assert_eq!(map(&h).touchpoint_count(), saved.touchpoint_count() - 1);
    h.state_mut().finish_save(true);
    h.run();
    assert!(!h.state().save_in_progress());
    assert_eq!(
        formats::open(&path).expect("opens").map,
        saved,
        "the file holds the map as it was when Save was pressed"
    );
    assert!(
        h.state().doc.is_dirty(),
        "the edit made during the save is not saved yet"
    );
}

#[test]
fn a_map_that_does_not_open_at_launch_leaves_the_editor_on_the_template_saying_where() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("broken.ron");
    std::fs::write(
        &bad,
        "(\n    format: \"journeymap\",\n    version: 2,\n    header: (title: 5),\n)\n",
    )
    .expect("write");
    let app = JourneyMapApp::start(Settings::default(), Some(bad.clone()));
    let template = templates::find(templates::DEFAULT).expect("template").map();
    assert_eq!(app.doc.map(), &template, "the window opens on the template");
    assert_eq!(app.path(), None, "the broken file is not the save target");
    let notice = &app.notices.last().expect("a notice").text;
    assert!(
        notice.contains(&format!("{}:4:", bad.display())),
        "names the file and the place: {notice}"
    );
}

#[test]
fn fit_shows_the_map_at_the_top_left_and_follows_the_window_until_the_view_is_moved() {
    let mut h = harness("silk-shop-en");
    let fitted_edge = |h: &Harness<'_, JourneyMapApp>| {
        let canvas = h.state().canvas.rect();
        let map_rect = h.state().canvas.screen_from_map * bounds(h);
        (map_rect.left_top() - canvas.left_top(), map_rect, canvas)
    };
    for size in [vec2(1024.0, 768.0), vec2(1600.0, 1000.0)] {
        h.set_size(size);
        h.run();
        let (offset, map_rect, canvas) = fitted_edge(&h);
        assert!((offset - vec2(24.0, 24.0)).length() < 1.0, "{offset:?}");
        let width = (map_rect.right() - (canvas.right() - 24.0)).abs() < 1.0;
        let height = (map_rect.bottom() - (canvas.bottom() - 24.0)).abs() < 1.0;
        assert!(width || height, "{size:?}: fills its width or its height");
    }
    // Once the person zooms, a resize leaves the view alone.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    h.run();
    let zoom = h.state().canvas.zoom();
    h.set_size(vec2(1200.0, 900.0));
    h.run();
    assert_eq!(h.state().canvas.zoom(), zoom);

    // A very long journey fits below 5 %.
    let long = JourneyMapApp::new(JourneyMap::generated(2000), None);
    let h = harness_on(long, vec2(1600.0, 1000.0));
    assert!(
        h.state().canvas.zoom() < 0.05,
        "{}",
        h.state().canvas.zoom()
    );
}

#[test]
fn row_labels_and_stage_headers_stay_pinned_when_the_map_scrolls_past_them() {
    let mut h = harness("restaurant-en");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    h.run();
    let canvas = h.state().canvas.rect();
    h.hover_at(canvas.center());
    h.run();
    // Scroll right and down, well past the row labels and the stage headers.
    h.event(Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: Vec2::new(-900.0, -700.0),
        modifiers: Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
    });
    h.run_steps(10);
    let t = h.state().canvas.screen_from_map;
    assert!(
        t.translation.x < -500.0 && t.translation.y < -100.0,
        "{t:?}"
    );
    let lane = map(&h).lanes[0].id;
    let lane_rect = h.get_by_label(&label(&h, Item::Lane(lane))).rect();
    assert!(
        (lane_rect.left() - canvas.left()).abs() < 1.0,
        "the lane's name stays at the left edge: {lane_rect:?}"
    );
    let stage = map(&h).stages[3].id;
    let header = h.get_by_label(&label(&h, Item::Stage(stage))).rect();
    assert!(
        (header.top() - canvas.top()).abs() < 1.0,
        "the stage's header stays at the top: {header:?}"
    );
}

#[test]
fn the_in_place_editor_covers_only_its_own_card_at_68_percent() {
    let mut h = harness("phone-online-en");
    let tp = map(&h).stages[1].touchpoints[0].id;
    let centre_point = {
        let canvas = &h.state().canvas;
        canvas.screen_from_map.inverse() * centre(&h, &label(&h, Item::Touchpoint(tp)))
    };
    h.state_mut().canvas.centre_on(centre_point, 0.68);
    h.run();
    let card = h.get_by_label(&label(&h, Item::Touchpoint(tp))).rect();
    h.get_by_label(&label(&h, Item::Touchpoint(tp))).click();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.run();
    let editor = h
        .get_by_label(&format!("Edit {}", label(&h, Item::Touchpoint(tp))))
        .rect();
    assert!(
        card.expand(0.5).contains_rect(editor),
        "the editor {editor:?} stays on its card {card:?}"
    );
    assert!(
        (h.state().canvas.zoom() - 0.68).abs() < 1e-4,
        "no zoom at a readable size"
    );
}

#[test]
fn notes_are_made_from_the_toolbar_by_double_click_from_the_inspector_and_with_n() {
    // Frames a sixtieth of a second apart, so two clicks can make a double-click.
    let restaurant = templates::find("restaurant-en").expect("template").map();
    let mut h = Harness::builder()
        .with_size(vec2(1600.0, 1000.0))
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(60)
        .build_ui_state(
            |ui, app: &mut JourneyMapApp| app.ui(ui),
            JourneyMapApp::new(restaurant, None),
        );
    h.run();
    let count = |h: &Harness<'_, JourneyMapApp>| -> usize {
        map(h).lanes.iter().map(|l| l.notes.len()).sum()
    };
    let (lane, stage) = (map(&h).lanes[1].id, map(&h).stages[2].id);
    let cell = label(&h, Item::Cell(lane, stage));
    let notes = count(&h);

    // 1. Drag "＋ Note" from the toolbar into a cell; its text opens for typing.
    let to = h.get_by_label(&cell).rect().right_bottom() - vec2(20.0, 10.0);
    let button = centre(&h, "New note");
    drag(&mut h, button, to);
    assert_eq!(count(&h), notes + 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text("Queue at the till".into()));
    h.key_press(Key::Enter);
    h.run();
    let texts: Vec<&str> = map(&h).lanes[1]
        .notes_in(stage)
        .iter()
        .map(|n| n.text.as_str())
        .collect();
    assert!(texts.contains(&"Queue at the till"), "{texts:?}");
    // Typing into a note too small to read zoomed in to it; fit the map again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run();

    // 2. Double-click the empty part of a cell.
    let (empty_lane, empty_stage) = (map(&h).lanes[0].id, map(&h).stages[0].id);
    let empty = h
        .get_by_label(&label(&h, Item::Cell(empty_lane, empty_stage)))
        .rect()
        .right_bottom()
        - vec2(8.0, 8.0);
    h.hover_at(empty);
    h.run();
    // Two clicks in quick succession.
    for pressed in [true, false, true, false] {
        h.event(Event::PointerButton {
            pos: empty,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run();
    assert_eq!(count(&h), notes + 2, "a double-click made a note");
    h.key_press(Key::Escape);
    h.run();

    // The new note's text opened zoomed in to it; fit the map again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run();

    // 3. Select a cell and press N.
    h.get_by_label(&label(&h, Item::Cell(lane, stage))).click();
    h.run();
    assert_eq!(selected(&h), vec![Item::Cell(lane, stage)]);
    h.key_press(Key::N);
    h.run();
    assert_eq!(count(&h), notes + 3, "N made a note");
    h.key_press(Key::Escape);
    h.run();

    // 4. The lane's inspector.
    h.get_by_label(&label(&h, Item::Lane(lane))).click();
    h.run();
    h.get_by_label("Add note").click();
    h.run();
    assert_eq!(count(&h), notes + 4, "the inspector made a note");
    h.key_press(Key::Escape);
    h.run();
    assert!(map(&h).validate().is_empty());
}

#[test]
fn the_title_and_the_header_are_edited_in_place() {
    let mut h = harness("hair-salon-en");
    let title = label(&h, Item::Header(HeaderPart::Title));
    h.get_by_label(&title).click();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text("A haircut on Saturday".into()));
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(map(&h).header.title, "A haircut on Saturday");

    // The scenario takes several lines: Shift+Enter breaks one, Enter keeps the text.
    let scenario = label(&h, Item::Header(HeaderPart::Scenario));
    h.get_by_label(&scenario).click();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text("First line".into()));
    h.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    h.event(Event::Text("second line".into()));
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(map(&h).header.scenario, "First line\nsecond line");
    assert_eq!(h.state().doc.undo_label(), Some("Edit text"));
}

#[test]
fn the_inspector_never_hands_out_an_id_the_document_has_held() {
    let mut h = harness("restaurant-en");
    let add = |h: &mut Harness<'_, JourneyMapApp>| {
        h.get_by_label("Add curve").scroll_to_me();
        h.run();
        h.get_by_label("Add curve").click();
        h.run();
        map(h).curves.last().expect("a curve").id
    };
    let first = add(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let second = add(&mut h);
    assert_ne!(first, second, "an id freed by undo is not given out again");
}

#[test]
fn a_new_style_gives_a_new_layout_and_a_refused_edit_is_reported() {
    let mut h = harness("restaurant-en");
    let tp = map(&h).stages[0].touchpoints[0].id;
    let before = h
        .get_by_label(&label(&h, Item::Touchpoint(tp)))
        .rect()
        .width();
    h.state_mut().canvas.style.card_width *= 1.5;
    h.run();
    let after = h
        .get_by_label(&label(&h, Item::Touchpoint(tp)))
        .rect()
        .width();
    assert!((after / before - 1.5).abs() < 0.01, "{before} → {after}");

    let missing = journeymap::edit::Edit::RemoveTouchpoint {
        touchpoint: TouchpointId(999_999),
    };
    h.state_mut().apply("Delete", missing);
    h.run();
    let notice = h.state().notices.last().expect("a notice");
    assert!(notice.error && notice.text.contains("999999"), "{notice:?}");
}

#[test]
fn the_wheel_over_the_palette_or_the_shortcut_sheet_leaves_the_map_alone() {
    let mut h = harness("restaurant-en");
    for keys in [(Modifiers::COMMAND, Key::K), (Modifiers::NONE, Key::F1)] {
        h.key_press_modifiers(keys.0, keys.1);
        settle(&mut h);
        let before = h.state().canvas.screen_from_map;
        h.hover_at(h.state().canvas.rect().center());
        h.run();
        h.event(Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: Vec2::new(0.0, -300.0),
            modifiers: Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
        });
        h.run_steps(6);
        assert_eq!(h.state().canvas.screen_from_map, before, "{keys:?}");
        h.key_press(Key::Escape);
        h.run();
    }
}

#[test]
fn the_palette_keeps_its_size_and_runs_only_what_can_run() {
    let mut h = harness("restaurant-en");
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    settle(&mut h);
    let field = h.get_by_label("Search commands").rect();
    h.get_by_label("Search commands").type_text("zoom");
    settle(&mut h);
    let narrowed = h.get_by_label("Search commands").rect();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    settle(&mut h);
    let cleared = h.get_by_label("Search commands").rect();
    assert_eq!(
        field, narrowed,
        "the dialog does not jump as results change"
    );
    assert_eq!(field, cleared);
    assert!(
        matches!(&h.state().modal, Some(Modal::Palette { query, .. }) if query.is_empty()),
        "the query is empty again"
    );
    // With nothing selected, Cut, Copy and Delete cannot run: the arrows pass over them.
    let Some(Modal::Palette { selected, .. }) = h.state().modal.clone() else {
        panic!("the palette is open");
    };
    let found = journeymap::app::palette_matches("", false);
    assert!(h.state().is_enabled(found[selected]));
    for _ in 0..found.len() {
        h.key_press(Key::ArrowDown);
        h.run();
        let Some(Modal::Palette { selected, .. }) = h.state().modal.clone() else {
            panic!("the palette is open");
        };
        assert!(
            h.state().is_enabled(found[selected]),
            "{:?}",
            found[selected]
        );
    }
}

#[test]
fn the_shortcut_sheet_fits_a_projector_window_in_both_languages() {
    for chinese in [false, true] {
        let map = templates::find("restaurant-en").expect("template").map();
        let mut app = JourneyMapApp::new(map, None);
        if chinese {
            app.settings.language = Some(journeymap::i18n::Language::Chinese);
        }
        let mut h = harness_on(app, vec2(1024.0, 768.0));
        h.key_press(Key::F1);
        settle(&mut h);
        let window = egui::Rect::from_min_size(Pos2::ZERO, vec2(1024.0, 768.0));
        let sections = journeymap::app::shortcut_sections(&h.ctx, false);
        let mut rows = 0;
        for (_, section) in &sections {
            for (what, keys) in section {
                for text in [what, keys] {
                    let nodes: Vec<_> = h.query_all_by_label(text).collect();
                    assert!(!nodes.is_empty(), "{text:?} is shown");
                    for node in nodes {
                        assert!(
                            window.contains_rect(node.rect()),
                            "{text:?} at {:?} is outside the window",
                            node.rect()
                        );
                    }
                }
                rows += 1;
            }
        }
        assert!(rows > 20, "{rows} rows");
        let redo = &sections[1]
            .1
            .iter()
            .find(|r| r.1.contains('Y'))
            .expect("redo")
            .1;
        let or = if chinese { "或" } else { "or" };
        assert!(redo.contains(or), "{redo}");
    }
}

#[test]
fn information_fades_and_errors_stay_until_dismissed() {
    let mut h = harness("restaurant-en");
    h.state_mut().notify("Exported somewhere", false);
    h.state_mut().notify("Could not save somewhere", true);
    h.run();
    assert_eq!(h.state().notices.len(), 2);
    // Six seconds later (a harness step is a quarter of a second).
    h.run_steps(24);
    let left: Vec<&str> = h.state().notices.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(left, ["Could not save somewhere"]);
}

#[test]
fn counts_read_as_words_do() {
    let mut h = harness("phone-online-en");
    let single = map(&h)
        .stages
        .iter()
        .find(|s| s.touchpoints.len() == 1)
        .expect("a stage with one touchpoint")
        .id;
    h.get_by_label(&label(&h, Item::Stage(single))).click();
    h.run();
    assert!(h.query_by_label("1 touchpoint").is_some());
    assert!(h.query_by_label("1 touchpoints").is_none());
}
