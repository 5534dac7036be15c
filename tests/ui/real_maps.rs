//! What real maps needed: notes that span stages, widened or narrowed by their edge and moved
//! whole; rows in the team's order.

use super::*;

/// The restaurant template with a note across its second and third stages in the first lane.
fn with_a_spanning_note() -> (Harness<'static, JourneyMapApp>, NoteId) {
    let mut map = templates::find("restaurant-en").expect("template").map();
    let id = map.id_allocator().note();
    let (a, b) = (map.stages[1].id, map.stages[2].id);
    map.lanes[0].notes.push(Note::new(
        id,
        "Orders and waits in one breath",
        Anchor::Stages(a, b),
    ));
    let mut h = Harness::builder()
        .with_size(vec2(1600.0, 1000.0))
        .build_ui_state(
            |ui, app: &mut JourneyMapApp| app.ui(ui),
            JourneyMapApp::new(map, None),
        );
    h.run();
    (h, id)
}

fn anchor(h: &Harness<'_, JourneyMapApp>, id: NoteId) -> Anchor {
    map(h).note(id).expect("the note").note.anchor
}

#[test]
fn dragging_a_spanning_notes_edge_widens_it_in_one_undo_step() {
    let (mut h, id) = with_a_spanning_note();
    let stages: Vec<StageId> = map(&h).stages.iter().map(|s| s.id).collect();
    let before = map(&h).clone();
    let text = "Orders and waits in one breath";

    // The right edge, dragged onto the fourth stage's column.
    let edge = centre(&h, &format!("Right edge of note: {text}"));
    let fourth = centre(&h, &label(&h, Item::Stage(stages[3])));
    drag(&mut h, edge, Pos2::new(fourth.x, edge.y));
    assert_eq!(anchor(&h, id), Anchor::Stages(stages[1], stages[3]));
    assert_eq!(h.state().doc.undo_label(), Some("Resize note"));

    // The left edge, dragged right past the first stage of the span: it narrows.
    let edge = centre(&h, &format!("Left edge of note: {text}"));
    let third = centre(&h, &label(&h, Item::Stage(stages[2])));
    drag(&mut h, edge, Pos2::new(third.x, edge.y));
    assert_eq!(anchor(&h, id), Anchor::Stages(stages[2], stages[3]));

    // Each drag was one step: two undos give back the map as it was.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(anchor(&h, id), Anchor::Stages(stages[1], stages[3]));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(map(&h), &before);
}

#[test]
fn a_spanning_note_moves_whole_to_another_lane_keeping_its_width() {
    let (mut h, id) = with_a_spanning_note();
    let stages: Vec<StageId> = map(&h).stages.iter().map(|s| s.id).collect();
    let note = h.get_by_label(&label(&h, Item::Note(id))).rect();
    let grip = note.left_center() + vec2(30.0, 0.0);
    // Down into the second lane, one stage to the right.
    let lane = h
        .get_by_label(&label(&h, Item::Lane(map(&h).lanes[1].id)))
        .rect();
    let third = centre(&h, &label(&h, Item::Stage(stages[2])));
    let target = Pos2::new(third.x - note.width() / 4.0, lane.center().y);
    drag(&mut h, grip, target);
    let at = map(&h).note(id).expect("the note");
    assert_eq!(at.lane, map(&h).lanes[1].id, "in the second lane");
    let span = map(&h).anchor_stages(at.note.anchor).expect("a span");
    assert_eq!(
        span.end() - span.start(),
        1,
        "two stages wide still: {:?}",
        at.note.anchor
    );
    undo_all(&mut h);
    assert_eq!(anchor(&h, id), Anchor::Stages(stages[1], stages[2]));
}

#[test]
fn the_emotion_row_is_dragged_above_the_touchpoints() {
    let mut h = harness("restaurant-en");
    let emotion = centre(&h, "Emotion row");
    let touchpoints = h.get_by_label("Touchpoints row").rect();
    drag(&mut h, emotion, touchpoints.left_top() + vec2(20.0, 4.0));
    assert_eq!(map(&h).rows()[..2], [Row::Emotion, Row::Touchpoints]);
    assert_eq!(h.state().doc.undo_label(), Some("Move row"));
    undo_all(&mut h);
    assert_eq!(map(&h).rows()[..2], [Row::Touchpoints, Row::Emotion]);
}
