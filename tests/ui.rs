//! The editor driven as a person would, through accessible labels (what screen readers read):
//! drags between stages, stage reordering, curve points, toolbar creation, in-place editing
//! with an input method, multi-select and delete, and undo back to the original bytes.

use egui::{Event, ImeEvent, Key, Modifiers, Pos2, Vec2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use journeymap::app::{JourneyMapApp, Modal};
use journeymap::canvas::item_label;
use journeymap::model::*;
use journeymap::{io, templates};

fn harness(template: &str) -> Harness<'static, JourneyMapApp> {
    let map = templates::find(template).expect("template").map();
    let mut harness = Harness::builder()
        .with_size(vec2(1600.0, 1000.0))
        .build_ui_state(
            |ui, app: &mut JourneyMapApp| app.ui(ui),
            JourneyMapApp::new(map, None),
        );
    harness.run();
    harness
}

fn map<'h>(h: &'h Harness<'_, JourneyMapApp>) -> &'h JourneyMap {
    h.state().doc.map()
}

fn centre(h: &Harness<'_, JourneyMapApp>, label: &str) -> Pos2 {
    h.get_by_label(label).rect().center()
}

/// Presses at `from`, moves in steps to `to` and releases there, a frame between each.
fn drag(h: &mut Harness<'_, JourneyMapApp>, from: Pos2, to: Pos2) {
    eprintln!(
        "drag {from:?} -> {to:?} canvas {:?}",
        h.state().canvas.rect()
    );
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    for i in 1..=6 {
        h.hover_at(from + (to - from) * (i as f32 / 6.0));
        h.run();
    }
    h.drop_at(to);
    h.run();
}

/// The selection, in order.
fn selected(h: &Harness<'_, JourneyMapApp>) -> Vec<Item> {
    h.state().canvas.selection.iter().copied().collect()
}

fn label(h: &Harness<'_, JourneyMapApp>, item: Item) -> String {
    item_label(map(h), item)
}

/// Types `committed` as a pinyin input method does: a composition shown, then committed.
fn type_with_ime(h: &mut Harness<'_, JourneyMapApp>, pinyin: &str, committed: &str) {
    h.event(Event::Ime(ImeEvent::Preedit {
        text: pinyin.into(),
        active_range_chars: None,
    }));
    h.run();
    h.event(Event::Ime(ImeEvent::Commit(committed.into())));
    h.run();
}

fn undo_all(h: &mut Harness<'_, JourneyMapApp>) {
    let mut guard = 0;
    while h.state().doc.undo_label().is_some() {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
        guard += 1;
        assert!(guard < 100, "undo never ends");
    }
}

#[test]
fn a_session_of_edits_undoes_back_to_the_original_bytes() {
    let mut h = harness("restaurant-en");
    let original = io::to_ron(map(&h));

    // 1. Drag the first touchpoint of stage 0 behind the first card of stage 1, and back.
    let moved = map(&h).stages[0].touchpoints[0].id;
    let neighbour = map(&h).stages[0].touchpoints[1].id;
    let other = map(&h).stages[1].touchpoints[0].id;
    let from = centre(&h, &label(&h, Item::Touchpoint(moved)));
    let other_rect = h.get_by_label(&label(&h, Item::Touchpoint(other))).rect();
    drag(&mut h, from, other_rect.right_center() - vec2(10.0, 0.0));
    assert_eq!(
        map(&h).touchpoint_position(moved),
        Some((1, 1)),
        "moved into stage 1 after its first card"
    );
    let back_to = h
        .get_by_label(&label(&h, Item::Touchpoint(neighbour)))
        .rect()
        .left_center()
        + vec2(10.0, 0.0);
    let from = centre(&h, &label(&h, Item::Touchpoint(moved)));
    drag(&mut h, from, back_to);
    assert_eq!(
        map(&h).touchpoint_position(moved),
        Some((0, 0)),
        "and back where it was"
    );

    // 2. Reorder two stages: drag the first header past the second's centre.
    let (first, second) = (map(&h).stages[0].id, map(&h).stages[1].id);
    let from = centre(&h, &label(&h, Item::Stage(first)));
    let to = h
        .get_by_label(&label(&h, Item::Stage(second)))
        .rect()
        .right_center()
        - vec2(5.0, 0.0);
    drag(&mut h, from, to);
    let order: Vec<StageId> = map(&h).stages.iter().map(|s| s.id).collect();
    assert_eq!(&order[..2], &[second, first]);

    // 3. Drag a curve point two levels up.
    let curve = map(&h).curves[0].id;
    let (tp, score) = map(&h).curves[0]
        .scores
        .iter()
        .map(|(t, s)| (*t, *s))
        .find(|(_, s)| *s <= map(&h).scale.max - 2)
        .expect("a point with room above");
    let point = centre(&h, &label(&h, Item::Score(curve, tp)));
    let step = h.state().canvas.style.level_height * h.state().canvas.zoom();
    drag(&mut h, point, point - vec2(0.0, 2.0 * step));
    assert_eq!(map(&h).curves[0].scores[&tp], score + 2);

    // 4. Create a touchpoint by dragging it from the toolbar behind the last card of stage 2.
    let count = map(&h).touchpoint_count();
    let last = map(&h).stages[2]
        .touchpoints
        .last()
        .expect("stage 2 has touchpoints")
        .id;
    let target = h
        .get_by_label(&label(&h, Item::Touchpoint(last)))
        .rect()
        .right_center();
    let button = centre(&h, "New touchpoint");
    drag(&mut h, button, target);
    assert_eq!(map(&h).touchpoint_count(), count + 1);
    let created = map(&h).stages[2]
        .touchpoints
        .last()
        .expect("created")
        .clone();
    assert_eq!(created.title, "New touchpoint");
    // The new card opens for typing its title; Escape keeps the default.
    h.key_press(Key::Escape);
    h.run();

    // 5. Edit a title in place with an input method committing Chinese text.
    let titled = map(&h).stages[3].touchpoints[0].id;
    let card = centre(&h, &label(&h, Item::Touchpoint(titled)));
    h.hover_at(card);
    h.run();
    h.get_by_label(&label(&h, Item::Touchpoint(titled))).click();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let editor = format!("Edit {}", label(&h, Item::Touchpoint(titled)));
    assert!(
        h.get_by_label(&editor).is_focused(),
        "the editor has the keyboard"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    type_with_ime(&mut h, "gu ke", "顾客旅程");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        map(&h).touchpoint(titled).expect("still there").title,
        "顾客旅程"
    );
    // Editing text too small to read zoomed in to it; fit the map again.
    assert!(h.state().canvas.zoom() >= 0.99);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run();

    // 6. Select two touchpoints (click, then Shift+click) and delete them.
    let a = map(&h).stages[4].touchpoints[0].id;
    let b = map(&h).stages[5].touchpoints[0].id;
    h.get_by_label(&label(&h, Item::Touchpoint(a))).click();
    h.run();
    h.get_by_label(&label(&h, Item::Touchpoint(b)))
        .click_modifiers(Modifiers::SHIFT);
    h.run();
    assert_eq!(h.state().canvas.selection.len(), 2);
    h.key_press(Key::Delete);
    h.run();
    assert!(map(&h).touchpoint(a).is_none() && map(&h).touchpoint(b).is_none());
    assert!(map(&h).validate().is_empty());
    assert!(h.state().doc.is_dirty());

    // Undo everything: the very same file again.
    undo_all(&mut h);
    assert_eq!(io::to_ron(map(&h)), original);
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn escape_cancels_a_drag_and_locked_cards_stay_put() {
    let mut h = harness("hotel-stay-en");
    let tp = map(&h).stages[0].touchpoints[0].id;
    let target = h
        .get_by_label(&label(
            &h,
            Item::Touchpoint(map(&h).stages[1].touchpoints[0].id),
        ))
        .rect()
        .right_center();
    let from = centre(&h, &label(&h, Item::Touchpoint(tp)));
    h.drag_at(from);
    h.run();
    h.hover_at(target);
    h.run();
    h.key_press(Key::Escape);
    h.run();
    h.drop_at(target);
    h.run();
    assert_eq!(
        map(&h).touchpoint_position(tp),
        Some((0, 0)),
        "Escape cancelled the move"
    );
    assert!(h.state().doc.undo_label().is_none());

    // Lock it in the inspector, then try to drag it.
    h.get_by_label(&label(&h, Item::Touchpoint(tp))).click();
    h.run();
    h.get_by_label("Locked").click();
    h.run();
    assert!(map(&h).touchpoint(tp).expect("exists").locked);
    let from = centre(&h, &label(&h, Item::Touchpoint(tp)));
    drag(&mut h, from, target);
    assert_eq!(
        map(&h).touchpoint_position(tp),
        Some((0, 0)),
        "locked cards do not move"
    );
}

#[test]
fn the_canvas_pans_zooms_and_fits() {
    let mut h = harness("silk-shop-zh");
    // Fit: the map at the canvas's top left, filling its width or its height.
    let canvas = h.state().canvas.rect();
    let fitted = h.state().canvas.screen_from_map * bounds(&h);
    assert!(
        (fitted.left() - canvas.left() - 24.0).abs() < 1.0
            && (fitted.top() - canvas.top() - 24.0).abs() < 1.0,
        "top left: {fitted:?} in {canvas:?}"
    );
    let fills_width = (fitted.right() - (canvas.right() - 24.0)).abs() < 1.0;
    let fills_height = (fitted.bottom() - (canvas.bottom() - 24.0)).abs() < 1.0;
    assert!(fills_width || fills_height, "{fitted:?} in {canvas:?}");
    let zoom = h.state().canvas.zoom();

    // Zoomed in, a drag on empty canvas pans.
    for _ in 0..5 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
        h.run();
    }
    assert!(h.state().canvas.zoom() > zoom * 3.0);
    let before = h.state().canvas.screen_from_map;
    let empty = canvas.center_bottom() - vec2(0.0, 5.0);
    drag(&mut h, empty, empty + vec2(-120.0, -60.0));
    let after = h.state().canvas.screen_from_map;
    assert!(
        (after.translation - before.translation - vec2(-120.0, -60.0)).length() < 1.0,
        "{after:?}"
    );
    // Panning stops a margin past the map, however far the drag goes.
    h.hover_at(canvas.center());
    h.run();
    for _ in 0..4 {
        h.event(Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: Vec2::new(-2000.0, -2000.0),
            modifiers: Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
        });
        // Scrolling is smoothed over a few frames.
        h.run_steps(10);
    }
    let map_rect = h.state().canvas.screen_from_map * bounds(&h);
    assert!(
        (map_rect.right() - (canvas.right() - 24.0)).abs() < 1.0
            && (map_rect.bottom() - (canvas.bottom() - 24.0)).abs() < 1.0,
        "stops at the map's end: {map_rect:?} in {canvas:?}"
    );
    // Ctrl+scroll zooms around the pointer: the map point under it stays put.
    let pointer = Pos2::new(600.0, 500.0);
    h.hover_at(pointer);
    h.run();
    let under = h.state().canvas.screen_from_map.inverse() * pointer;
    h.event_modifiers(
        Event::MouseWheel {
            unit: egui::MouseWheelUnit::Line,
            delta: Vec2::new(0.0, 3.0),
            modifiers: Modifiers::COMMAND,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
        },
        Modifiers::COMMAND,
    );
    h.run();
    let t = h.state().canvas.screen_from_map;
    assert!(t.scaling > zoom * 3.0, "zoomed in");
    assert!(((t * under) - pointer).length() < 1.0, "around the pointer");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    h.run();
    for _ in 0..5 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
        h.run();
    }
    assert!((h.state().canvas.zoom() - 0.8f32.powi(5)).abs() < 1e-3);

    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run();
    assert!((h.state().canvas.zoom() - zoom).abs() < 1e-3, "fit again");
}

/// The map's whole extent, in map units.
fn bounds(h: &Harness<'_, JourneyMapApp>) -> egui::Rect {
    let ctx = journeymap::fonts::headless_context();
    let labels = journeymap::i18n::map_labels();
    let style = journeymap::layout::Style::default();
    ctx.fonts_mut(|f| journeymap::layout::MapLayout::new(map(h), &style, &labels, f))
        .bounds()
}

#[test]
fn arrow_keys_walk_the_map_and_ctrl_d_duplicates() {
    let mut h = harness("phone-online-en");
    let first = map(&h).stages[0].touchpoints[0].id;
    let second = map(&h).stages[0].touchpoints[1].id;
    h.get_by_label(&label(&h, Item::Touchpoint(first))).click();
    h.run();
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(selected(&h), [Item::Touchpoint(second)]);
    h.key_press(Key::ArrowUp);
    h.run();
    assert_eq!(
        selected(&h),
        [Item::Stage(map(&h).stages[0].id)],
        "up from a card is its stage"
    );

    h.get_by_label(&label(&h, Item::Touchpoint(second))).click();
    h.run();
    let count = map(&h).touchpoint_count();
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    assert_eq!(map(&h).touchpoint_count(), count + 1);
    let copy = &map(&h).stages[0].touchpoints[2];
    assert_eq!(copy.title, map(&h).stages[0].touchpoints[1].title);
    assert_eq!(selected(&h), [Item::Touchpoint(copy.id)]);
    assert_eq!(h.state().doc.undo_label(), Some("Duplicate"));
}

#[test]
fn lanes_and_notes_move_by_drag() {
    let mut h = harness("restaurant-en");
    // Drag the second lane's name above the first.
    let (first, second) = (map(&h).lanes[0].id, map(&h).lanes[1].id);
    let from = centre(&h, &label(&h, Item::Lane(second)));
    let to = h
        .get_by_label(&label(&h, Item::Lane(first)))
        .rect()
        .center_top()
        + vec2(0.0, 2.0);
    drag(&mut h, from, to);
    let order: Vec<LaneId> = map(&h).lanes.iter().map(|l| l.id).collect();
    assert_eq!(&order[..2], &[second, first]);

    // Drag a note of stage 0 into the next stage of another lane, before that cell's first note.
    let pains = map(&h)
        .lanes
        .iter()
        .position(|l| l.kind == LaneKind::PainPoints)
        .expect("pain lane");
    let ideas = map(&h)
        .lanes
        .iter()
        .position(|l| l.kind == LaneKind::Opportunities)
        .expect("idea lane");
    let (s0, s1) = (map(&h).stages[0].id, map(&h).stages[1].id);
    let note = map(&h).lanes[pains].notes_in(s0)[0].id;
    let target_note = map(&h).lanes[ideas].notes_in(s1)[0].id;
    let from = centre(&h, &label(&h, Item::Note(note)));
    let to = h
        .get_by_label(&label(&h, Item::Note(target_note)))
        .rect()
        .left_center()
        + vec2(6.0, 0.0);
    drag(&mut h, from, to);
    let lane = &map(&h).lanes[ideas];
    assert_eq!(lane.notes_in(s1)[0].id, note, "the note leads its new cell");
    assert_eq!(lane.notes_in(s1)[1].id, target_note);
    assert!(
        map(&h).lanes[pains]
            .notes_in(s0)
            .iter()
            .all(|n| n.id != note)
    );
    assert_eq!(h.state().doc.undo_label(), Some("Move note"));
}

// ---------------------------------------------------------------------------------------------
// The editor around the canvas: files, the unsaved-changes guard, clipboard, palette.

#[derive(Debug)]
struct DroppedPath(std::path::PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_file(h: &mut Harness<'_, JourneyMapApp>, path: &std::path::Path) {
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(path.to_owned())));
    h.run();
}

#[test]
fn dropping_a_map_file_opens_it_and_a_bad_one_says_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness("restaurant-en");
    let hotel = templates::find("hotel-stay-en").expect("template").map();
    let path = dir.path().join("hotel.ron");
    io::save(&path, &hotel).expect("save");

    drop_file(&mut h, &path);
    assert_eq!(map(&h), &hotel);
    assert_eq!(h.state().path(), Some(path.as_path()));
    assert_eq!(h.state().window_title(), "hotel.ron — Journey Map");

    // A broken file: the open map stays, and a notice names the file and the place.
    let bad = dir.path().join("broken.ron");
    std::fs::write(
        &bad,
        "(\n    format: \"journeymap\",\n    version: 2,\n    header: (title: 5),\n)\n",
    )
    .expect("write");
    drop_file(&mut h, &bad);
    assert_eq!(map(&h), &hotel, "the open map is untouched");
    let notice = &h.state().notices.last().expect("a notice").text;
    assert!(
        notice.contains(&format!("{}:4:", bad.display())),
        "{notice}"
    );
    h.get_by_label("Dismiss").click();
    h.run();
    assert!(h.state().notices.is_empty());
}

/// Replaces the whole text of the path field with `path` (the field starts with only the file's
/// name selected, so that typing a name keeps the folder).
fn type_path(h: &mut Harness<'_, JourneyMapApp>, path: &str) {
    h.get_by_label("File path").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("File path").type_text(path);
}

/// Runs until a newly opened dialog has settled where it will stay (a modal takes a few
/// frames to size and centre itself; no person clicks within them, nor within egui's
/// double-click time of the click that opened it).
fn settle(h: &mut Harness<'_, JourneyMapApp>) {
    h.run_steps(10);
}

fn delete_first_card(h: &mut Harness<'_, JourneyMapApp>) {
    let tp = map(h).stages[0].touchpoints[0].id;
    h.get_by_label(&label(h, Item::Touchpoint(tp))).click();
    h.run();
    h.key_press(Key::Delete);
    h.run();
}

#[test]
fn new_asks_about_unsaved_changes_and_cancel_keeps_them() {
    let mut h = harness("restaurant-en");
    delete_first_card(&mut h);
    let edited = map(&h).clone();
    assert!(h.state().doc.is_dirty());
    assert!(h.state().window_title().starts_with("● "));

    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    settle(&mut h);
    h.get_by_label("Blank map").click();
    settle(&mut h);
    assert!(
        h.query_by_label("Discard changes").is_some(),
        "the guard asks"
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(map(&h), &edited, "Cancel keeps the edits");
    assert!(h.state().modal.is_none());

    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    settle(&mut h);
    h.get_by_label("Blank map").click();
    settle(&mut h);
    h.get_by_label("Discard changes").click();
    h.run();
    assert_eq!(
        map(&h).header.title,
        "Untitled journey",
        "Discard drops them for a blank map"
    );
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn save_as_falls_back_to_a_path_field_and_save_then_writes_there() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness("silk-shop-zh");
    h.state_mut().native_dialogs = false;
    delete_first_card(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    let target = dir.path().join("丝绸店.ron");
    type_path(&mut h, target.to_str().expect("utf-8 path"));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().path(), Some(target.as_path()), "Enter saves");
    assert!(!h.state().doc.is_dirty());
    assert_eq!(
        std::fs::read_to_string(&target).expect("saved"),
        io::to_ron(map(&h))
    );
    assert_eq!(
        h.state()
            .settings
            .recent
            .first()
            .map(|p| p.ends_with("丝绸店.ron")),
        Some(true)
    );
}

#[test]
fn copy_a_touchpoint_and_paste_it_into_another_stage() {
    let mut h = harness("phone-online-en");
    let source = map(&h).stages[0].touchpoints[0].clone();
    h.get_by_label(&label(&h, Item::Touchpoint(source.id)))
        .click();
    h.run();
    // What the window sends for Ctrl+C.
    h.event(Event::Copy);
    h.step();
    let copied = h
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .expect("the selection went to the clipboard");
    assert!(
        copied.contains(&source.title),
        "readable map text: {copied}"
    );
    h.run();

    let target = map(&h).stages[2].touchpoints[0].id;
    h.get_by_label(&label(&h, Item::Touchpoint(target))).click();
    h.run();
    h.event(Event::Paste(copied));
    h.run();
    let pasted = &map(&h).stages[2].touchpoints[1];
    assert_eq!(pasted.title, source.title);
    assert_ne!(pasted.id, source.id, "pasting keeps ids unique");
    assert!(map(&h).validate().is_empty());
    for curve in &map(&h).curves {
        assert_eq!(
            curve.scores.get(&pasted.id),
            curve.scores.get(&source.id),
            "{}",
            curve.name
        );
    }
    assert_eq!(h.state().doc.undo_label(), Some("Paste"));
}

#[test]
fn the_command_palette_runs_a_command_found_by_part_of_its_name() {
    let mut h = harness("hair-salon-en");
    let tp = map(&h).stages[1].touchpoints[0].id;
    h.get_by_label(&label(&h, Item::Touchpoint(tp))).click();
    h.run();
    let count = map(&h).touchpoint_count();
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    settle(&mut h);
    h.get_by_label("Search commands").type_text("dupl");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().modal.is_none(), "the palette closes");
    assert_eq!(map(&h).touchpoint_count(), count + 1);
    assert_eq!(h.state().doc.undo_label(), Some("Duplicate"));
}

#[test]
fn closing_with_unsaved_changes_asks_and_cancel_keeps_the_window() {
    let mut h = harness("restaurant-zh");
    delete_first_card(&mut h);
    let edited = map(&h).clone();
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    settle(&mut h);
    assert_eq!(
        h.state().modal,
        Some(journeymap::app::Modal::Unsaved(
            journeymap::app::Pending::Close
        ))
    );
    h.get_by_label("Cancel").click();
    settle(&mut h);
    assert!(h.state().modal.is_none());
    assert_eq!(map(&h), &edited, "still open, edits kept");
}

#[test]
fn typing_in_the_editor_replaces_the_selected_text_and_each_item_has_its_own_editor() {
    let mut h = harness("restaurant-en");
    let (a, b) = (
        map(&h).stages[0].touchpoints[0].id,
        map(&h).stages[1].touchpoints[0].id,
    );
    for (tp, typed) in [(a, "Greeted warmly"), (b, "Menu on the wall")] {
        h.get_by_label(&label(&h, Item::Touchpoint(tp))).click();
        h.run();
        h.key_press(Key::Enter);
        h.run();
        h.event(Event::Text(typed.into()));
        h.run();
        h.key_press(Key::Enter);
        h.run();
        assert_eq!(map(&h).touchpoint(tp).expect("there").title, typed);
    }
    // Undo inside a fresh editor has nothing of the other item's typing to undo.
    h.get_by_label(&label(&h, Item::Touchpoint(a))).click();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        map(&h).touchpoint(a).expect("there").title,
        "Greeted warmly"
    );
}

#[test]
fn a_card_dropped_off_the_canvas_or_outside_its_rows_stays_put() {
    let mut h = harness("restaurant-en");
    let tp = map(&h).stages[0].touchpoints[0].id;
    let from = centre(&h, &label(&h, Item::Touchpoint(tp)));
    let inspector = Pos2::new(1550.0, 500.0);
    drag(&mut h, from, inspector);
    assert_eq!(
        map(&h).touchpoint_position(tp),
        Some((0, 0)),
        "dropped on the inspector"
    );
    let note = map(&h).lanes[2].notes_in(map(&h).stages[2].id)[0].id;
    let among_notes = centre(&h, &label(&h, Item::Note(note)));
    drag(&mut h, from, among_notes);
    assert_eq!(
        map(&h).touchpoint_position(tp),
        Some((0, 0)),
        "dropped among the lanes"
    );
    assert!(h.state().doc.undo_label().is_none());
}

#[test]
fn up_and_down_change_a_score_and_left_and_right_walk_the_curve() {
    let mut h = harness("restaurant-en");
    let curve = map(&h).curves[0].id;
    let tp = map(&h).stages[0].touchpoints[0].id;
    let score = map(&h).curves[0].scores[&tp];
    h.get_by_label(&label(&h, Item::Score(curve, tp))).click();
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(
        map(&h).curves[0].scores[&tp],
        (score - 1).max(map(&h).scale.min),
        "↓ lowers the score, as the README says"
    );
    h.key_press(Key::ArrowUp);
    h.run();
    assert_eq!(map(&h).curves[0].scores[&tp], score, "↑ raises it back");
    assert_eq!(
        selected(&h),
        vec![Item::Score(curve, tp)],
        "and it stays selected"
    );
    h.key_press(Key::ArrowRight);
    h.run();
    let next = map(&h).stages[0].touchpoints[1].id;
    assert_eq!(
        selected(&h),
        vec![Item::Score(curve, next)],
        "→ walks to the next point of the curve"
    );
}

// ---------------------------------------------------------------------------------------------
// One drawing path: the screen through our CPU renderer equals the exported picture.

/// egui_kittest's renderer, backed by the same CPU rasteriser as the PNG export.
#[derive(Default)]
struct CpuRenderer {
    textures: journeymap::export::raster::Textures,
}

impl egui_kittest::TestRenderer for CpuRenderer {
    fn handle_delta(&mut self, delta: &mut egui::TexturesDelta) {
        self.textures.apply(delta);
        delta.clear();
    }

    fn render(
        &mut self,
        ctx: &egui::Context,
        output: &egui::FullOutput,
    ) -> Result<image::RgbaImage, String> {
        let ppp = output.pixels_per_point;
        let size = ctx.content_rect().size() * ppp;
        let (w, h) = (size.x.round() as u32, size.y.round() as u32);
        let primitives = ctx.tessellate(output.shapes.clone(), ppp);
        let raster = journeymap::export::raster::Rasterizer::new(&primitives, &self.textures, ppp);
        image::RgbaImage::from_raw(w, h, raster.render(0, 0, w, h, [0, 0, 0, 255]))
            .ok_or_else(|| "bad size".into())
    }
}

fn rendered_harness(template: &str, size: Vec2) -> Harness<'static, JourneyMapApp> {
    let map = templates::find(template).expect("template").map();
    let mut app = JourneyMapApp::new(map, None);
    app.settings.theme = journeymap::app::ThemeChoice::Light;
    app.settings.show_inspector = false;
    app.settings.language = Some(journeymap::i18n::Language::English);
    let mut harness = Harness::builder()
        .with_size(size)
        .renderer(CpuRenderer::default())
        .build_ui_state(|ui, app: &mut JourneyMapApp| app.ui(ui), app);
    harness.run();
    harness
}

#[test]
fn the_canvas_on_screen_equals_the_exported_png_of_the_same_region() {
    let mut h = rendered_harness("restaurant-en", vec2(1280.0, 800.0));
    // 100 %, the map's corner at the canvas's corner: the same region as the export's top left.
    let canvas = h.state().canvas.rect();
    h.state_mut().canvas.screen_from_map =
        egui::emath::TSTransform::from_translation(canvas.min.to_vec2());
    h.remove_cursor();
    h.run();
    let screen = h.render().expect("renders");

    let options = journeymap::export::ExportOptions {
        scale: 1.0,
        background: journeymap::export::Background::Canvas,
        ..Default::default()
    };
    let picture = journeymap::export::to_image(map(&h), &options).expect("exports");
    let (x0, y0) = (canvas.min.x as u32, canvas.min.y as u32);
    let w = (canvas.width() as usize).min(picture.size[0]);
    let hgt = (canvas.height() as usize).min(picture.size[1]);
    let (mut far, mut total) = (0usize, 0usize);
    for y in 0..hgt {
        for x in 0..w {
            let a = screen.get_pixel(x0 + x as u32, y0 + y as u32).0;
            let b = picture.pixels[y * picture.size[0] + x].to_srgba_unmultiplied();
            total += 1;
            if (0..3).any(|i| a[i].abs_diff(b[i]) > 2) {
                far += 1;
            }
        }
    }
    let share = far as f64 / total as f64;
    // The stated tolerance: at most 0.5 % of pixels more than 2/255 apart in any channel.
    assert!(
        share <= 0.005,
        "{far} of {total} pixels differ ({:.3} %)",
        share * 100.0
    );
}

#[test]
fn snapshot_of_a_chinese_map_on_the_canvas() {
    let mut h = rendered_harness("silk-shop-zh", vec2(900.0, 560.0));
    h.remove_cursor();
    h.run();
    h.snapshot("canvas-silk-shop-zh");
}

#[test]
fn file_export_png_writes_a_picture_that_opens_as_the_map() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness("hair-salon-zh");
    h.state_mut().native_dialogs = false;
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    settle(&mut h);
    h.get_by_label("Search commands").type_text("export png");
    h.run();
    h.key_press(Key::Enter);
    settle(&mut h);
    let target = dir.path().join("salon.png");
    type_path(&mut h, target.to_str().expect("utf-8"));
    h.run();
    h.get_by_label("Export").click();
    h.run();
    assert_eq!(
        journeymap::formats::open(&target)
            .expect("the picture opens as the map")
            .map,
        *map(&h)
    );
    assert!(
        h.state()
            .notices
            .iter()
            .any(|n| !n.error && n.text.contains("salon.png"))
    );
}

// ---------------------------------------------------------------------------------------------
// Chinese: the interface switches language, and Chinese typed through an input method lands.

#[test]
fn a_first_run_in_chinese_opens_a_chinese_template_and_new_lists_chinese_titles_first() {
    let settings = journeymap::app::Settings {
        language: Some(journeymap::i18n::Language::Chinese),
        ..Default::default()
    };
    let mut h = Harness::builder()
        .with_size(vec2(1600.0, 1000.0))
        .build_ui_state(
            |ui, app: &mut JourneyMapApp| app.ui(ui),
            JourneyMapApp::start(settings, None),
        );
    settle(&mut h);
    let opened = templates::ALL
        .iter()
        .find(|t| &t.map() == map(&h))
        .expect("the first run opens a bundled template");
    assert!(
        opened.chinese(),
        "{} is not a Chinese template",
        opened.name
    );
    // Named by its title, in the title bar and wherever the map's name is asked.
    assert_eq!(
        h.state().window_title(),
        format!("{} — Journey Map", opened.title())
    );

    h.get_by_label("文件").click();
    h.run();
    h.get_by_label_contains("新建…").click();
    // The list's scroll area takes a few frames to size itself.
    h.run_steps(8);
    assert!(matches!(h.state().modal, Some(Modal::NewChooser)));
    // Every template is listed by its title; the Chinese ones all come first.
    let mut listed: Vec<(f32, &templates::Template)> = templates::ALL
        .iter()
        .map(|t| (h.get_by_label(t.title()).rect().top(), t))
        .collect();
    listed.sort_by(|a, b| a.0.total_cmp(&b.0));
    let order: Vec<bool> = listed.iter().map(|(_, t)| t.chinese()).collect();
    let chinese = order.iter().filter(|c| **c).count();
    assert!(chinese >= 6, "{order:?}");
    assert!(
        order.iter().take(chinese).all(|c| *c),
        "Chinese titles first: {:?}",
        listed.iter().map(|(_, t)| t.name).collect::<Vec<_>>()
    );
    for template in templates::ALL {
        assert!(
            h.query_by_label_contains(template.name).is_none(),
            "no file name ({}) in the list",
            template.name
        );
    }

    // A map made from a template is named by the template's title.
    let (_, silk) = listed
        .iter()
        .find(|(_, t)| t.name == "silk-shop-zh")
        .expect("listed");
    h.get_by_label(silk.title()).click();
    h.run_steps(8);
    assert!(
        h.query_by_label("放弃更改").is_none(),
        "nothing was changed, so nothing is asked"
    );
    assert_eq!(map(&h), &silk.map());
    assert_eq!(h.state().display_name(), silk.title());
}

/// Every word a screen shows in ASCII letters only: what is not Chinese on a Chinese screen.
/// Words of the map itself, and names and keys that are the same in every language, are let
/// through.
fn english_words_shown(h: &Harness<'_, JourneyMapApp>, allowed: &[&str]) -> Vec<String> {
    use egui_kittest::kittest::{NodeT as _, by};
    let mut found = Vec::new();
    for node in h.query_all(by()) {
        let node = node.accesskit_node();
        for text in [node.label(), node.value(), node.description()]
            .into_iter()
            .flatten()
        {
            // Words of letters alone: not colours (#3a7bd5) or numbers.
            for word in text.split(|c: char| !c.is_alphanumeric()) {
                if word.len() >= 2
                    && word.chars().all(|c| c.is_ascii_alphabetic())
                    && !allowed.iter().any(|a| a.eq_ignore_ascii_case(word))
                    && !found.iter().any(|f: &String| f == word)
                {
                    found.push(word.to_owned());
                }
            }
        }
    }
    found
}

#[test]
fn every_screen_in_chinese_shows_only_chinese_names_and_keys() {
    let mut h = harness("phone-online-zh");
    h.state_mut().native_dialogs = false;
    h.state_mut().settings.language = Some(journeymap::i18n::Language::Chinese);
    settle(&mut h);
    // The map's own words, whatever language they are in.
    let mut allowed: Vec<String> = Vec::new();
    let m = map(&h).clone();
    let mut texts = vec![m.header.title.clone(), m.header.scenario.clone()];
    texts.extend(m.stages.iter().flat_map(|s| {
        s.touchpoints
            .iter()
            .flat_map(|t| [t.title.clone(), t.description.clone()])
            .chain([s.name.clone()])
    }));
    texts.extend(
        m.lanes
            .iter()
            .flat_map(|l| l.notes.iter().map(|n| n.text.clone())),
    );
    texts.extend(m.curves.iter().map(|c| c.name.clone()));
    for text in texts {
        allowed.extend(
            text.split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| !w.is_empty())
                .map(str::to_owned),
        );
    }
    // Names, file kinds and keys, written so in Chinese too.
    for name in [
        "Journey",
        "Map",
        "COURTED",
        "MOT",
        "PNG",
        "SVG",
        "PDF",
        "CSV",
        "RON",
        "Mermaid",
        "Ctrl",
        "Shift",
        "Alt",
        "Cmd",
        "Esc",
        "Enter",
        "Tab",
        "Space",
        "Del",
        "Delete",
        "Backspace",
        "Home",
        "End",
        "PageUp",
        "PageDown",
        "English",
        "xdg",
        "desktop",
        "portal",
        "ron",
        "png",
        "svg",
        "pdf",
        "csv",
        "mmd",
        "Up",
        "Down",
        "Left",
        "Right",
        "Markdown",
        "GitHub",
        "http",
        "https",
        "mailto",
    ] {
        allowed.push(name.to_owned());
    }
    // The New dialog, and only it, lists the English templates by their titles.
    let mut in_new = allowed.clone();
    for title in templates::ALL.iter().map(templates::Template::title) {
        in_new.extend(
            title
                .split(|c: char| !c.is_ascii_alphabetic())
                .map(str::to_owned),
        );
    }
    let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
    let in_new: Vec<&str> = in_new.iter().map(String::as_str).collect();
    let mut seen: Vec<(String, Vec<String>)> = Vec::new();
    let mut look = |h: &Harness<'_, JourneyMapApp>, screen: &str| {
        let new = matches!(h.state().modal, Some(Modal::NewChooser));
        let words = english_words_shown(h, if new { &in_new } else { &allowed });
        if !words.is_empty() {
            seen.push((screen.to_owned(), words));
        }
    };
    look(&h, "the editor");
    for menu in ["文件", "编辑", "视图", "演示", "帮助"] {
        h.get_by_label(menu).click();
        h.run_steps(4);
        look(&h, menu);
        h.key_press(Key::Escape);
        h.run_steps(4);
    }
    let m = map(&h).clone();
    let items = [
        Item::Touchpoint(m.stages[0].touchpoints[0].id),
        Item::Stage(m.stages[0].id),
        Item::Note(m.lanes[0].notes[0].id),
    ];
    for item in items {
        h.get_by_label(&label(&h, item)).click();
        h.run_steps(4);
        look(&h, &format!("the inspector of {item:?}"));
    }
    h.key_press(Key::Escape);
    h.run_steps(4);
    for command in [
        journeymap::commands::Command::New,
        journeymap::commands::Command::CommandPalette,
        journeymap::commands::Command::ShortcutHelp,
        journeymap::commands::Command::Open,
        journeymap::commands::Command::ExportPng,
        journeymap::commands::Command::ToggleInsights,
    ] {
        h.state_mut().commands.send(command);
        h.run_steps(8);
        look(&h, &format!("{command:?}"));
        if h.state().modal.is_some() {
            h.state_mut().modal = None;
        }
        h.run_steps(4);
    }
    assert!(
        seen.is_empty(),
        "English words on Chinese screens: {seen:#?}"
    );
}

#[test]
fn switching_to_chinese_turns_the_menus_chinese_and_an_ime_title_lands_in_the_map() {
    let mut h = harness("phone-online-zh");
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Language").hover();
    settle(&mut h);
    h.get_by_label("简体中文").click();
    settle(&mut h);
    assert_eq!(
        h.state().settings.language,
        Some(journeymap::i18n::Language::Chinese)
    );
    for menu in ["文件", "编辑", "视图", "帮助"] {
        assert!(
            h.query_by_label(menu).is_some(),
            "the {menu} menu reads in Chinese"
        );
    }
    assert!(h.query_by_label("File").is_none());
    let ctx = h.ctx.clone();
    let app = h.state_mut();
    let layout = app.canvas.layout(&ctx, &app.doc);
    assert_eq!(
        layout.first_band().touchpoint_label.rows,
        ["触点"],
        "the canvas's own words switch at once"
    );

    let tp = map(&h).stages[0].touchpoints[0].id;
    let card = label(&h, Item::Touchpoint(tp));
    assert!(
        card.starts_with("触点"),
        "canvas items are named in Chinese too: {card}"
    );
    h.get_by_label(&card).click();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    type_with_ime(&mut h, "gu ke ti yan", "顾客体验");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(map(&h).touchpoint(tp).expect("there").title, "顾客体验");
    assert_eq!(h.state().doc.undo_label(), Some("编辑文本"));
}

#[test]
fn escape_closes_the_command_palette_and_a_failed_save_keeps_the_path_field() {
    let mut h = harness("restaurant-en");
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    settle(&mut h);
    h.get_by_label("Search commands").type_text("zo");
    h.run();
    h.key_press(Key::Escape);
    settle(&mut h);
    assert!(h.state().modal.is_none(), "Escape closes the palette");

    h.state_mut().native_dialogs = false;
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    settle(&mut h);
    let dir = tempfile::tempdir().expect("temp dir");
    let nowhere = dir.path().join("missing-folder").join("map.ron");
    type_path(&mut h, nowhere.to_str().expect("utf-8"));
    h.run();
    h.key_press(Key::Enter);
    settle(&mut h);
    assert!(
        matches!(
            h.state().modal,
            Some(journeymap::app::Modal::PathPrompt { .. })
        ),
        "the field stays open to put the path right"
    );
    let notice = &h.state().notices.last().expect("a notice").text;
    assert!(
        notice.contains("does not exist") && !notice.contains(".map.ron."),
        "no temporary file named: {notice}"
    );
}

#[path = "ui/first_hour.rs"]
mod first_hour;

#[path = "ui/workshop.rs"]
mod workshop;

#[path = "ui/real_maps.rs"]
mod real_maps;

#[path = "ui/monkey.rs"]
mod monkey;

#[path = "ui/recovery.rs"]
mod recovery;

#[path = "ui/teams.rs"]
mod teams;
