//! Present mode as a facilitator runs a workshop: F5, the walk from stage to stage (each stage
//! filling the screen, the walk's position read by screen readers), notes captured as the room
//! speaks, a round of dot voting and its ranking, nothing moved by accident, and Escape back to
//! the editor with only notes and votes changed.

use super::*;
use journeymap::layout::{Labels, MapLayout, Style};

/// The silk-shop map in a 1600 × 1000 window, saved to a file in `dir`.
fn presenting_harness(dir: &std::path::Path) -> Harness<'static, JourneyMapApp> {
    let map = templates::find("silk-shop-en").expect("template").map();
    let path = dir.join("silk.ron");
    io::save(&path, &map).expect("saved");
    let mut harness = Harness::builder()
        .with_size(vec2(1600.0, 1000.0))
        .build_ui_state(
            |ui, app: &mut JourneyMapApp| app.ui(ui),
            JourneyMapApp::new(map, Some(path)),
        );
    harness.run();
    harness
}

fn layout_of(map: &JourneyMap) -> MapLayout {
    let ctx = journeymap::fonts::headless_context();
    ctx.fonts_mut(|f| MapLayout::new(map, &Style::presentation(), &Labels::default(), f))
}

/// Every vote back to none and every note whose text is in `added` taken out: what the map was
/// before a workshop added notes and votes.
fn without_notes_and_votes(map: &JourneyMap, added: &[&str]) -> JourneyMap {
    let mut map = map.clone();
    for stage in &mut map.stages {
        for tp in &mut stage.touchpoints {
            tp.votes = 0;
        }
    }
    for lane in &mut map.lanes {
        lane.notes.retain(|n| !added.contains(&n.text.as_str()));
        for note in &mut lane.notes {
            note.votes = 0;
        }
    }
    map
}

#[test]
fn a_workshop_walks_the_stages_captures_notes_votes_and_leaves_the_map_as_it_was() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = presenting_harness(dir.path());
    let before = map(&h).clone();

    // F5: present mode, the editing chrome gone.
    assert!(h.query_by_label("File").is_some());
    h.key_press(Key::F5);
    h.run();
    assert!(h.state().presenting());
    for chrome in ["File", "New touchpoint", "Fit"] {
        assert!(h.query_by_label(chrome).is_none(), "{chrome} is hidden");
    }
    assert!(h.query_by_label("Overview").is_some());

    // Right, six times: stages 1 to 6, each filling the view; the seventh: the overview.
    let layout = layout_of(map(&h));
    for i in 0..6 {
        h.key_press(Key::ArrowRight);
        h.run();
        let stage = &map(&h).stages[i];
        let status = format!("Stage {} of 6: {}", i + 1, stage.name);
        assert!(h.query_by_label(&status).is_some(), "{status}");
        let canvas = h.state().canvas.rect();
        let t = h.state().canvas.screen_from_map;
        let focused = t * layout.stages[i].column;
        assert!(
            canvas.left() - 0.5 <= focused.left() && focused.right() <= canvas.right() + 0.5,
            "stage {i}'s column {focused:?} lies inside the view {canvas:?}"
        );
        for (j, other) in layout.stages.iter().enumerate().filter(|(j, _)| *j != i) {
            let centre = (t * other.column).center().x;
            assert!(
                !canvas.x_range().contains(centre),
                "stage {j}'s centre is not in view while stage {i} is"
            );
        }
    }
    h.key_press(Key::ArrowRight);
    h.run();
    assert!(
        h.query_by_label("Overview").is_some(),
        "the walk ends on the overview"
    );

    // Capture two notes in stage 2: N, type, Enter, type, Enter, Escape.
    h.key_press(Key::ArrowRight);
    h.key_press(Key::ArrowRight);
    h.run();
    h.key_press(Key::N);
    h.run();
    h.run();
    let added = ["Wanted it the same day", "The shop wrote back fast"];
    for text in added {
        h.event(Event::Text(text.into()));
        h.run();
        h.key_press(Key::Enter);
        h.run();
        h.run();
    }
    h.key_press(Key::Escape);
    h.run();
    assert!(
        h.state().presenting(),
        "Escape ended the capture, not the presentation"
    );
    let stage = map(&h).stages[1].id;
    let captured: Vec<&str> = map(&h)
        .lanes
        .iter()
        .flat_map(|l| l.notes_in(stage))
        .map(|n| n.text.as_str())
        .filter(|t| added.contains(t))
        .collect();
    assert_eq!(captured, added, "both notes are in the stage");
    assert_eq!(h.state().doc.undo_label(), Some("Capture note"));

    // A voting round: one person, three dots; one on card A, two on card B.
    let a = map(&h).stages[1].touchpoints[0].id;
    let b = map(&h).stages[1].touchpoints[1].id;
    let (votes_a, votes_b) = (
        map(&h).touchpoint(a).expect("a").votes,
        map(&h).touchpoint(b).expect("b").votes,
    );
    h.key_press(Key::V);
    h.run();
    h.get_by_label("People in the room")
        .set_value_accesskit(1.0);
    h.get_by_label("Dots each").set_value_accesskit(3.0);
    h.run();
    h.get_by_label("Start").click();
    h.run();
    h.get_by_label(&label(&h, Item::Touchpoint(a))).click();
    h.run();
    for _ in 0..2 {
        h.get_by_label(&label(&h, Item::Touchpoint(b))).click();
        h.run();
    }
    assert_eq!(map(&h).touchpoint(a).expect("a").votes, votes_a + 1);
    assert_eq!(map(&h).touchpoint(b).expect("b").votes, votes_b + 2);
    assert!(
        h.query_by_label("0 dots left · voting on every card and note")
            .is_some(),
        "the room's dots are counted down"
    );
    // A further click has no dot left to place.
    h.get_by_label(&label(&h, Item::Touchpoint(a))).click();
    h.run();
    assert_eq!(map(&h).touchpoint(a).expect("a").votes, votes_a + 1);
    h.key_press(Key::Escape);
    h.run();
    let ranking = h.state().present.as_ref().and_then(|p| p.ranking.clone());
    let ranked: Vec<(Item, u32)> = ranking
        .expect("the round ends with its ranking")
        .iter()
        .map(|r| (r.item, r.dots))
        .collect();
    assert_eq!(ranked, [(Item::Touchpoint(b), 2), (Item::Touchpoint(a), 1)]);
    assert!(h.query_by_label("2 dots").is_some() && h.query_by_label("1 dot").is_some());
    h.key_press(Key::Escape);
    h.run();

    // A drag in present mode moves nothing.
    let card = h.get_by_label(&label(&h, Item::Touchpoint(a))).rect();
    let moved_from = map(&h).clone();
    drag(&mut h, card.center(), card.center() + vec2(300.0, 0.0));
    assert_eq!(map(&h), &moved_from, "nothing moves while presenting");

    // Save, then Escape back to the editor: only notes and votes changed.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().presenting());
    assert!(h.query_by_label("File").is_some(), "the chrome is back");
    assert_eq!(
        without_notes_and_votes(map(&h), &added),
        without_notes_and_votes(&before, &[])
    );
    let saved = std::fs::read_to_string(dir.path().join("silk.ron")).expect("saved");
    for text in added {
        assert!(saved.contains(text), "{text} is in the saved file");
    }
}

#[test]
fn the_walk_blanks_jumps_and_keeps_time_from_the_keyboard() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = presenting_harness(dir.path());
    h.key_press(Key::F5);
    h.run();
    // G 4 Enter: stage 4.
    h.key_press(Key::G);
    h.event(Event::Text("4".into()));
    h.key_press(Key::Enter);
    h.run();
    let name = map(&h).stages[3].name.clone();
    assert!(h.query_by_label(&format!("Stage 4 of 6: {name}")).is_some());
    // End and Home.
    h.key_press(Key::End);
    h.run();
    assert_eq!(h.state().present.as_ref().map(|p| p.step), Some(6));
    h.key_press(Key::Home);
    h.run();
    assert_eq!(h.state().present.as_ref().map(|p| p.step), Some(1));
    // B blanks the screen and B again brings it back; `.` too (as clickers send).
    h.key_press(Key::B);
    h.run();
    assert_eq!(h.state().present.as_ref().map(|p| p.blank), Some(true));
    h.key_press(Key::Period);
    h.run();
    assert_eq!(h.state().present.as_ref().map(|p| p.blank), Some(false));
    // T starts the countdown, ] adds a minute: shown to the room.
    h.key_press(Key::T);
    h.key_press(Key::CloseBracket);
    h.run_steps(2);
    let now = h.ctx.input(|i| i.time);
    let left = h.state().present.as_ref().map(|p| p.timer.remaining(now));
    assert!(
        left.is_some_and(|s| s > 5.0 * 60.0 && s <= 6.0 * 60.0),
        "{left:?}"
    );
    let shown = h
        .state()
        .present
        .as_ref()
        .map(|p| p.timer.text(now))
        .expect("a timer");
    assert!(
        h.query_by_label(&format!("Timer {shown}")).is_some(),
        "shown to the room"
    );
    // ? shows the keys; Escape closes them first, then leaves present mode.
    h.key_press(Key::Questionmark);
    h.run_steps(2);
    assert!(
        h.query_all_by_label("Present-mode keys").count() >= 2,
        "the heading and its row"
    );
    assert!(
        h.query_by_label("Blank the screen").is_some(),
        "the keys are listed"
    );
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.state().presenting());
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().presenting());
}

#[test]
fn i_shows_the_room_each_curves_weakest_moment_and_peak_end_score() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = presenting_harness(dir.path());
    h.key_press(Key::F5);
    h.run();
    h.key_press(Key::I);
    h.run();
    let found = journeymap::model::insights::insights(map(&h));
    let curve = &found.curves[0];
    let weakest = &curve.lowest[0];
    let line = format!(
        "{}: weakest moment {} ({}) · remembered (peak-end) {:.1}, felt {:.1}",
        curve.curve,
        weakest.title,
        weakest.score,
        curve.peak_end.expect("peak-end"),
        curve.mean.expect("mean")
    );
    assert!(h.query_by_label_contains(&line).is_some(), "{line}");
    // I again hides it.
    h.key_press(Key::I);
    h.run();
    assert_eq!(h.state().present.as_ref().map(|p| p.insights), Some(false));
}
