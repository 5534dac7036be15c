//! Each edit against a real template: it changes what it says, keeps the map sound, and its
//! inverse gives back the map exactly; errors change nothing; the document keeps its history
//! and its saved state straight.

use super::*;
use crate::model::{
    Anchor, Channel, EmotionCurve, JourneyMap, Lane, LaneKind, MapOptions, Note, Persona, Rgb,
    ScaleLevel, Stage, Touchpoint, Wrap, check_link,
};
use std::collections::BTreeMap;

fn restaurant() -> JourneyMap {
    let map = crate::templates::find("restaurant-en")
        .expect("the restaurant template is bundled")
        .map();
    assert_eq!(map.validate(), vec![], "the template is sound");
    map
}

/// Applies `edit` to a copy of `map` and checks: it changes the map and keeps it sound; its
/// inverse gives back `map` exactly; the inverse of that redoes the edit exactly. Returns the
/// edited map.
fn round_trip(map: &JourneyMap, edit: Edit) -> JourneyMap {
    let mut edited = map.clone();
    let applied = edit
        .clone()
        .apply_reporting(&mut edited)
        .unwrap_or_else(|err| panic!("{edit:?} should apply: {err}"));
    assert!(applied.changed, "{edit:?} should report a change");
    assert_ne!(&edited, map, "{edit:?} should change the map");
    assert_eq!(
        edited.validate(),
        vec![],
        "{edit:?} should keep the map sound"
    );

    let mut undone = edited.clone();
    let redo = applied
        .inverse
        .apply(&mut undone)
        .expect("the inverse applies");
    assert_eq!(&undone, map, "undoing {edit:?} should give back the map");

    let mut redone = undone;
    let undo_again = redo.apply(&mut redone).expect("the redo applies");
    assert_eq!(redone, edited, "redoing {edit:?} should give the same map");
    undo_again
        .apply(&mut redone)
        .expect("undoing twice applies");
    assert_eq!(&redone, map);
    edited
}

fn expect_error(map: &JourneyMap, edit: Edit, error: EditError) {
    let mut edited = map.clone();
    assert_eq!(edit.apply(&mut edited), Err(error));
    assert_eq!(&edited, map, "a failed edit must leave the map as it was");
}

fn note(id: u32, text: &str, anchor: Anchor) -> Note {
    Note::new(NoteId(id), text, anchor)
}

fn touchpoint(id: u32, title: &str) -> Touchpoint {
    Touchpoint {
        channel: Some(Channel::Web),
        ..Touchpoint::new(TouchpointId(id), title)
    }
}

/// The list index that puts a note at place `index` among the notes of `lane` anchored to
/// `anchor`, once the note `moving` has left the lane.
fn place(map: &JourneyMap, lane: usize, moving: NoteId, anchor: Anchor, index: usize) -> usize {
    let mut rest = map.lanes[lane].clone();
    rest.notes.retain(|n| n.id != moving);
    rest.position_for(anchor, index)
}

fn stage_ids(map: &JourneyMap) -> Vec<StageId> {
    map.stages.iter().map(|s| s.id).collect()
}

fn touchpoint_ids(stage: &Stage) -> Vec<TouchpointId> {
    stage.touchpoints.iter().map(|t| t.id).collect()
}

#[test]
fn move_stage_lands_at_the_index_in_the_resulting_list() {
    let map = restaurant();
    let ids = stage_ids(&map);
    let moved = round_trip(
        &map,
        Edit::MoveStage {
            stage: ids[1],
            to: 3,
        },
    );
    assert_eq!(
        stage_ids(&moved),
        [ids[0], ids[2], ids[3], ids[1], ids[4], ids[5]]
    );
    let last = round_trip(
        &map,
        Edit::MoveStage {
            stage: ids[0],
            to: usize::MAX,
        },
    );
    assert_eq!(stage_ids(&last)[5], ids[0]);
}

#[test]
fn move_touchpoint_within_and_across_stages() {
    let map = restaurant();
    let first = touchpoint_ids(&map.stages[0]);
    assert!(first.len() >= 3);

    let within = round_trip(
        &map,
        Edit::MoveTouchpoint {
            touchpoint: first[0],
            to_stage: map.stages[0].id,
            to: 2,
        },
    );
    assert_eq!(
        touchpoint_ids(&within.stages[0])[..3],
        [first[1], first[2], first[0]]
    );

    let second = touchpoint_ids(&map.stages[1]);
    let across = round_trip(
        &map,
        Edit::MoveTouchpoint {
            touchpoint: first[1],
            to_stage: map.stages[1].id,
            to: 1,
        },
    );
    assert_eq!(touchpoint_ids(&across.stages[0]).len(), first.len() - 1);
    assert_eq!(
        touchpoint_ids(&across.stages[1])[..2],
        [second[0], first[1]]
    );
    // Scores follow the touchpoint: they are keyed by id, not by place.
    assert_eq!(across.curves[0].scores, map.curves[0].scores);
}

#[test]
fn move_lane_round_trips() {
    let map = restaurant();
    let moved = round_trip(
        &map,
        Edit::MoveLane {
            lane: map.lanes[0].id,
            to: usize::MAX,
        },
    );
    assert_eq!(moved.lanes.last().map(|l| l.id), Some(map.lanes[0].id));
}

#[test]
fn move_note_within_a_cell_to_another_cell_and_to_a_span() {
    let map = restaurant();
    let lane = &map.lanes[0];
    let stage = map.stages[0].id;
    let cell: Vec<Note> = lane.notes_in(stage).into_iter().cloned().collect();
    assert!(cell.len() >= 2, "the template has two notes in a cell");

    let anchor = Anchor::Stage(stage);
    let within = round_trip(
        &map,
        Edit::MoveNote {
            note: cell[0].id,
            to_lane: lane.id,
            anchor,
            to: place(&map, 0, cell[0].id, anchor, 1),
        },
    );
    assert_eq!(within.lanes[0].notes_in(stage)[1].id, cell[0].id);

    // Into another lane's cell, past its end: it goes last there.
    let target_stage = map.stages[5].id;
    let anchor = Anchor::Stage(target_stage);
    let across = round_trip(
        &map,
        Edit::MoveNote {
            note: cell[1].id,
            to_lane: map.lanes[1].id,
            anchor,
            to: place(&map, 1, cell[1].id, anchor, 7),
        },
    );
    let landed = across.lanes[1].notes_in(target_stage);
    assert_eq!(landed.last().map(|n| n.id), Some(cell[1].id));
    assert_eq!(landed.last().map(|n| n.anchor), Some(anchor));

    // Moved to span stages 2 to 4: one edit, undone exactly.
    let span = Anchor::Stages(map.stages[1].id, map.stages[3].id);
    let spanning = round_trip(
        &map,
        Edit::MoveNote {
            note: cell[0].id,
            to_lane: lane.id,
            anchor: span,
            to: usize::MAX,
        },
    );
    assert_eq!(
        spanning.note(cell[0].id).map(|at| at.note.anchor),
        Some(span)
    );

    expect_error(
        &map,
        Edit::MoveNote {
            note: cell[0].id,
            to_lane: lane.id,
            anchor: Anchor::Stages(map.stages[3].id, map.stages[1].id),
            to: 0,
        },
        EditError::BadAnchor(Anchor::Stages(map.stages[3].id, map.stages[1].id)),
    );
}

#[test]
fn set_score_changes_adds_and_removes() {
    let map = restaurant();
    let curve = map.curves[0].id;
    let (&touchpoint, &score) = map.curves[0].scores.iter().next().expect("scores");
    let changed = round_trip(
        &map,
        Edit::SetScore {
            curve,
            touchpoint,
            score: Some(if score == 2 { -2 } else { 2 }),
        },
    );
    assert_ne!(changed.curves[0].scores[&touchpoint], score);
    let removed = round_trip(
        &map,
        Edit::SetScore {
            curve,
            touchpoint,
            score: None,
        },
    );
    assert!(!removed.curves[0].scores.contains_key(&touchpoint));

    // A touchpoint with no score yet gets one.
    let mut unscored = map.clone();
    unscored.curves[0].scores.remove(&touchpoint);
    let added = round_trip(
        &unscored,
        Edit::SetScore {
            curve,
            touchpoint,
            score: Some(-1),
        },
    );
    assert_eq!(added.curves[0].scores[&touchpoint], -1);

    expect_error(
        &map,
        Edit::SetScore {
            curve,
            touchpoint,
            score: Some(3),
        },
        EditError::ScoreOutsideScale {
            score: 3,
            min: -2,
            max: 2,
        },
    );
}

#[test]
fn remove_stage_takes_its_touchpoints_scores_and_notes_and_undo_restores_them() {
    let map = restaurant();
    let stage = map.stages[0].clone();
    assert!(!stage.touchpoints.is_empty());
    assert!(map.lanes.iter().any(|l| !l.notes_in(stage.id).is_empty()));
    let tp = stage.touchpoints[0].id;
    assert!(map.curves.iter().all(|c| c.scores.contains_key(&tp)));

    let removed = round_trip(&map, Edit::RemoveStage { stage: stage.id });
    assert!(removed.stage(stage.id).is_none());
    assert!(
        removed
            .lanes
            .iter()
            .all(|l| l.notes.iter().all(|n| !n.anchor.names(stage.id.0)))
    );
    for t in &stage.touchpoints {
        assert!(removed.curves.iter().all(|c| !c.scores.contains_key(&t.id)));
    }
}

#[test]
fn spans_shrink_to_what_remains_and_undo_gives_them_back() {
    let mut map = restaurant();
    let s: Vec<StageId> = stage_ids(&map);
    let mut ids = map.id_allocator();
    let (wide, under, whole) = (ids.note(), ids.note(), ids.note());
    let first_card = map.stages[1].touchpoints[0].id;
    let last_card = *touchpoint_ids(&map.stages[2]).last().expect("cards");
    map.lanes[2].notes.extend([
        note(wide.0, "from 1 to 3", Anchor::Stages(s[0], s[2])),
        note(
            under.0,
            "under cards",
            Anchor::Touchpoints(first_card, last_card),
        ),
        note(whole.0, "everywhere", Anchor::Journey),
    ]);
    assert_eq!(map.validate(), vec![]);
    let anchor_of = |m: &JourneyMap, id: NoteId| m.note(id).map(|at| at.note.anchor);

    // The first stage of a span goes: the span starts at the next.
    let edited = round_trip(&map, Edit::RemoveStage { stage: s[0] });
    assert_eq!(anchor_of(&edited, wide), Some(Anchor::Stages(s[1], s[2])));
    assert_eq!(anchor_of(&edited, whole), Some(Anchor::Journey));

    // Moved away from the end of the span: the span shrinks; moved inside it, it stays.
    let edited = round_trip(&map, Edit::MoveStage { stage: s[2], to: 5 });
    assert_eq!(anchor_of(&edited, wide), Some(Anchor::Stages(s[0], s[1])));
    let edited = round_trip(&map, Edit::MoveStage { stage: s[1], to: 0 });
    assert_eq!(anchor_of(&edited, wide), Some(Anchor::Stages(s[0], s[2])));
    let edited = round_trip(&map, Edit::MoveStage { stage: s[0], to: 1 });
    assert_eq!(anchor_of(&edited, wide), Some(Anchor::Stages(s[1], s[2])));
    assert_eq!(
        edited.anchor_stages(Anchor::Stages(s[1], s[2])),
        Some(0..=2),
        "the moved stage stays inside"
    );

    // A card at the end of a run of cards goes: the run ends at the card before it.
    let before_last = touchpoint_ids(&map.stages[2]).iter().rev().nth(1).copied();
    let edited = round_trip(
        &map,
        Edit::RemoveTouchpoint {
            touchpoint: last_card,
        },
    );
    assert_eq!(
        anchor_of(&edited, under),
        before_last.map(|b| Anchor::Touchpoints(first_card, b))
    );

    // Everything a note was anchored to goes: the note goes with it, and comes back on undo.
    let mut one = map.clone();
    let lone = ids.note();
    one.lanes[0]
        .notes
        .push(note(lone.0, "on one card", Anchor::Touchpoint(first_card)));
    let edited = round_trip(
        &one,
        Edit::RemoveTouchpoint {
            touchpoint: first_card,
        },
    );
    assert!(edited.note(lone).is_none());
    let edited = round_trip(&one, Edit::RemoveStage { stage: s[1] });
    assert!(edited.note(lone).is_none());
    assert!(
        edited.note(under).is_some(),
        "the run keeps the third stage's cards"
    );

    // Widening a span is one SetNote, undone as one step.
    let at = map.note(wide).expect("note").note.clone();
    let widened = round_trip(
        &map,
        Edit::SetNote(Note {
            anchor: Anchor::Stages(s[0], s[4]),
            ..at.clone()
        }),
    );
    assert_eq!(anchor_of(&widened, wide), Some(Anchor::Stages(s[0], s[4])));
    expect_error(
        &map,
        Edit::SetNote(Note {
            anchor: Anchor::Stage(StageId(9999)),
            ..at
        }),
        EditError::BadAnchor(Anchor::Stage(StageId(9999))),
    );
}

#[test]
fn insert_stage_with_notes_and_scores() {
    let map = restaurant();
    let mut ids = map.id_allocator();
    let stage_id = ids.stage();
    let tp = ids.touchpoint();
    let note_id = ids.note();
    let edit = Edit::InsertStage {
        index: 2,
        stage: Stage {
            touchpoints: vec![touchpoint(tp.0, "Find a space")],
            ..Stage::new(stage_id, "Park", Rgb::new(1, 2, 3))
        },
        notes: vec![(
            map.lanes[1].id,
            note(note_id.0, "Where?", Anchor::Stage(stage_id)),
        )],
        scores: vec![(map.curves[1].id, tp, -2)],
        stage_scores: vec![(map.curves[0].id, 1)],
    };
    let inserted = round_trip(&map, edit);
    assert_eq!(inserted.stages[2].id, stage_id);
    assert_eq!(inserted.lanes[1].notes_in(stage_id)[0].id, note_id);
    assert_eq!(inserted.curves[1].scores[&tp], -2);
    assert_eq!(inserted.curves[0].stage_scores[&stage_id], 1);

    // A stage brings only notes anchored to it or its cards.
    let mut ids = map.id_allocator();
    let (stage_id, note_id) = (ids.stage(), ids.note());
    let stray = Anchor::Stage(map.stages[0].id);
    expect_error(
        &map,
        Edit::InsertStage {
            index: 0,
            stage: Stage::new(stage_id, "Park", Rgb::new(1, 2, 3)),
            notes: vec![(map.lanes[1].id, note(note_id.0, "x", stray))],
            scores: Vec::new(),
            stage_scores: Vec::new(),
        },
        EditError::BadAnchor(stray),
    );
}

#[test]
fn stage_scores_are_set_removed_and_go_with_their_stage() {
    let map = restaurant();
    let curve = map.curves[0].id;
    let stage = map.stages[2].id;
    let scored = round_trip(
        &map,
        Edit::SetStageScore {
            curve,
            stage,
            score: Some(-1),
        },
    );
    assert_eq!(scored.curves[0].stage_scores[&stage], -1);
    let removed = round_trip(&scored, Edit::RemoveStage { stage });
    assert!(removed.curves[0].stage_scores.is_empty());
    let cleared = round_trip(
        &scored,
        Edit::SetStageScore {
            curve,
            stage,
            score: None,
        },
    );
    assert_eq!(cleared, map);
    expect_error(
        &map,
        Edit::SetStageScore {
            curve,
            stage,
            score: Some(7),
        },
        EditError::ScoreOutsideScale {
            score: 7,
            min: -2,
            max: 2,
        },
    );
}

#[test]
fn insert_and_remove_touchpoint_with_scores() {
    let map = restaurant();
    let tp = map.id_allocator().touchpoint();
    let inserted = round_trip(
        &map,
        Edit::InsertTouchpoint {
            stage: map.stages[1].id,
            index: usize::MAX,
            touchpoint: touchpoint(tp.0, "Ask for water"),
            scores: vec![(map.curves[0].id, 1), (map.curves[1].id, -1)],
        },
    );
    assert_eq!(
        inserted.stages[1].touchpoints.last().map(|t| t.id),
        Some(tp)
    );
    assert_eq!(inserted.curves[1].scores[&tp], -1);

    let victim = map.stages[2].touchpoints[1].id;
    let removed = round_trip(&map, Edit::RemoveTouchpoint { touchpoint: victim });
    assert!(removed.touchpoint(victim).is_none());
    assert!(
        removed
            .curves
            .iter()
            .all(|c| !c.scores.contains_key(&victim))
    );
}

#[test]
fn insert_and_remove_lanes_notes_and_curves() {
    let map = restaurant();
    let mut ids = map.id_allocator();
    let lane_id = ids.lane();
    let lane_note = ids.note();
    let lane = Lane {
        notes: vec![note(
            lane_note.0,
            "Host counts tables",
            Anchor::Stage(map.stages[0].id),
        )],
        ..Lane::new(lane_id, "Staff", LaneKind::Backstage)
    };
    let with_lane = round_trip(&map, Edit::InsertLane { index: 1, lane });
    assert_eq!(with_lane.lanes[1].id, lane_id);
    assert_eq!(with_lane.lanes[1].notes.len(), 1);
    round_trip(
        &map,
        Edit::RemoveLane {
            lane: map.lanes[0].id,
        },
    );

    let new_note = ids.note();
    let anchor = Anchor::Stage(map.stages[0].id);
    let with_note = round_trip(
        &map,
        Edit::InsertNote {
            lane: map.lanes[0].id,
            index: map.lanes[0].position_for(anchor, 1),
            note: note(new_note.0, "Checks the time", anchor),
        },
    );
    assert_eq!(
        with_note.lanes[0].notes_in(map.stages[0].id)[1].id,
        new_note
    );
    let first_note = map.lanes[0].notes_in(map.stages[0].id)[0].id;
    round_trip(&map, Edit::RemoveNote { note: first_note });

    let curve_id = ids.curve();
    let tp = map.stages[0].touchpoints[0].id;
    let curve = EmotionCurve {
        persona: Some(map.header.personas[1].id),
        scores: BTreeMap::from([(tp, 2)]),
        stage_scores: BTreeMap::from([(map.stages[1].id, -1)]),
        ..EmotionCurve::new(curve_id, "To-be", Rgb::new(9, 9, 9))
    };
    let with_curve = round_trip(&map, Edit::InsertCurve { index: 0, curve });
    assert_eq!(with_curve.curves[0].id, curve_id);
    round_trip(
        &map,
        Edit::RemoveCurve {
            curve: map.curves[1].id,
        },
    );
}

#[test]
fn set_header_clears_curves_of_removed_personas_and_undo_restores_them() {
    let map = restaurant();
    let removed = map.header.personas[0].id;
    assert_eq!(map.curves[0].persona, Some(removed));
    let mut header = map.header.clone();
    header.personas.remove(0);
    header.title = "Saturday lunch".into();
    let edited = round_trip(&map, Edit::SetHeader(header));
    assert_eq!(edited.curves[0].persona, None);
    assert_eq!(edited.curves[1].persona, map.curves[1].persona);

    // Only the title: no curve is touched.
    let mut header = map.header.clone();
    header.scenario.push_str(", in the rain");
    let edited = round_trip(&map, Edit::SetHeader(header));
    assert_eq!(edited.curves, map.curves);

    // A persona may not take the id of another item.
    let mut header = map.header.clone();
    header.personas.push(Persona {
        id: PersonaId(map.stages[0].id.0),
        name: "Ghost".into(),
        description: String::new(),
        goals: Vec::new(),
    });
    expect_error(
        &map,
        Edit::SetHeader(header),
        EditError::DuplicateId(map.stages[0].id.0),
    );
}

#[test]
fn set_scale_clamps_scores_and_undo_restores_scale_and_scores() {
    let map = restaurant();
    let narrow = EmotionScale {
        min: 0,
        max: 1,
        levels: vec![ScaleLevel {
            value: 1,
            label: "fine".into(),
            emoji: None,
        }],
        neutral: None,
    };
    let edited = round_trip(&map, Edit::SetScale(narrow.clone()));
    assert_eq!(edited.scale, narrow);
    for (old, new) in map.curves.iter().zip(&edited.curves) {
        assert_eq!(
            old.scores.len(),
            new.scores.len(),
            "clamping keeps every score"
        );
        for (tp, &score) in &old.scores {
            assert_eq!(new.scores[tp], score.clamp(0, 1));
        }
    }
    assert!(
        map.curves
            .iter()
            .any(|c| c.scores.values().any(|&s| !(0..=1).contains(&s))),
        "the test needs scores the narrow scale clamps"
    );

    // A scale far from the old one: the clamped scores are outside the old scale too.
    let far = EmotionScale {
        min: 5,
        max: 9,
        levels: Vec::new(),
        neutral: None,
    };
    let edited = round_trip(&map, Edit::SetScale(far));
    assert!(
        edited
            .curves
            .iter()
            .all(|c| c.scores.values().all(|&s| s == 5))
    );

    // Undo, redo, undo, redo... never grows the edit.
    let mut cycled = map.clone();
    let mut edit = Edit::SetScale(narrow);
    for _ in 0..6 {
        edit = edit.apply(&mut cycled).expect("applies");
        assert!(matches!(edit, Edit::SetScaleAndScores { .. }));
    }
    assert_eq!(cycled, map);

    expect_error(
        &map,
        Edit::SetScale(EmotionScale {
            min: 1,
            max: 1,
            levels: Vec::new(),
            neutral: None,
        }),
        EditError::InvalidScale { min: 1, max: 1 },
    );
    expect_error(
        &map,
        Edit::SetScale(EmotionScale {
            min: -1,
            max: 1,
            levels: map.scale.levels.clone(),
            neutral: None,
        }),
        EditError::LevelOutsideScale {
            value: -2,
            min: -1,
            max: 1,
        },
    );
    let level = |value| ScaleLevel {
        value,
        label: String::new(),
        emoji: None,
    };
    expect_error(
        &map,
        Edit::SetScale(EmotionScale {
            min: -1,
            max: 1,
            levels: vec![level(0), level(0)],
            neutral: None,
        }),
        EditError::LevelNamedTwice { value: 0 },
    );
}

#[test]
fn set_scale_and_scores_sets_listed_scores_after_clamping() {
    let map = restaurant();
    let curve = map.curves[0].id;
    let tp = map.stages[0].touchpoints[0].id;
    let tp2 = map.stages[0].touchpoints[1].id;
    let edited = round_trip(
        &map,
        Edit::SetScaleAndScores {
            scale: EmotionScale {
                min: -5,
                max: 5,
                levels: Vec::new(),
                neutral: None,
            },
            scores: vec![(curve, tp, Some(5)), (curve, tp2, None)],
            stage_scores: vec![(curve, map.stages[0].id, Some(-5))],
        },
    );
    assert_eq!(
        edited.curves[0].stage_scores.get(&map.stages[0].id),
        Some(&-5)
    );
    assert_eq!(edited.curves[0].scores.get(&tp), Some(&5));
    assert_eq!(edited.curves[0].scores.get(&tp2), None);
}

#[test]
fn set_fields_of_stages_touchpoints_lanes_notes_and_curves() {
    let map = restaurant();
    let edited = round_trip(
        &map,
        Edit::SetStage {
            stage: map.stages[3].id,
            name: "Eat".into(),
            colour: Rgb::new(0, 0, 0),
            description: "The food arrives".into(),
        },
    );
    assert_eq!(edited.stages[3].name, "Eat");
    assert_eq!(edited.stages[3].description, "The food arrives");

    let mut tp = map.stages[1].touchpoints[0].clone();
    tp.title = "Menu on paper".into();
    tp.channel = Some(Channel::Custom("Paper".into()));
    tp.actors = vec![map.header.personas[0].id];
    tp.link = Some("https://example.com/menu".into());
    tp.locked = true;
    tp.votes += 3;
    let edited = round_trip(&map, Edit::SetTouchpoint(tp.clone()));
    assert_eq!(edited.stages[1].touchpoints[0], tp);

    let edited = round_trip(
        &map,
        Edit::SetLane {
            lane: map.lanes[0].id,
            name: "Doing".into(),
            kind: LaneKind::Custom,
        },
    );
    assert_eq!(edited.lanes[0].kind, LaneKind::Custom);

    let mut n = map.lanes[1].notes_in(map.stages[0].id)[0].clone();
    n.text = "Hungry".into();
    n.votes = 4;
    n.owner = "Front of house".into();
    n.metric = "wait ≤ 5 min".into();
    let edited = round_trip(&map, Edit::SetNote(n.clone()));
    assert_eq!(*edited.lanes[1].notes_in(map.stages[0].id)[0], n);

    let edited = round_trip(
        &map,
        Edit::SetCurve {
            curve: map.curves[0].id,
            name: "Lin, as-is".into(),
            colour: Rgb::new(1, 1, 1),
            persona: None,
        },
    );
    assert_eq!(edited.curves[0].persona, None);
    round_trip(
        &map,
        Edit::SetCurve {
            curve: map.curves[0].id,
            name: map.curves[0].name.clone(),
            colour: map.curves[0].colour,
            persona: map.curves[1].persona,
        },
    );
}

#[test]
fn batch_applies_in_order_and_undoes_in_reverse() {
    let map = restaurant();
    let tp = map.stages[0].touchpoints[0].id;
    let edit = Edit::Batch(vec![
        Edit::MoveTouchpoint {
            touchpoint: tp,
            to_stage: map.stages[1].id,
            to: 0,
        },
        // Depends on the move before it: index 0 of stage 1 is now `tp`.
        Edit::RemoveStage {
            stage: map.stages[1].id,
        },
        Edit::Batch(vec![Edit::MoveLane {
            lane: map.lanes[0].id,
            to: 1,
        }]),
    ]);
    let edited = round_trip(&map, edit);
    assert!(edited.touchpoint(tp).is_none());
}

#[test]
fn errors_leave_the_map_unchanged() {
    let map = restaurant();
    let stage = map.stages[0].id;
    let tp = map.stages[0].touchpoints[0].id;
    let lane = map.lanes[0].id;
    let curve = map.curves[0].id;
    let used = map.lanes[0].notes_in(stage)[0].id.0;
    let fresh = map.id_allocator().next_raw();
    let cases = [
        (
            Edit::MoveStage {
                stage: StageId(999),
                to: 0,
            },
            EditError::NoSuchStage(StageId(999)),
        ),
        (
            Edit::MoveTouchpoint {
                touchpoint: tp,
                to_stage: StageId(999),
                to: 0,
            },
            EditError::NoSuchStage(StageId(999)),
        ),
        (
            Edit::MoveLane {
                lane: LaneId(999),
                to: 0,
            },
            EditError::NoSuchLane(LaneId(999)),
        ),
        (
            Edit::MoveNote {
                note: NoteId(used),
                to_lane: lane,
                anchor: Anchor::Stage(StageId(999)),
                to: 0,
            },
            EditError::BadAnchor(Anchor::Stage(StageId(999))),
        ),
        (
            Edit::SetScore {
                curve,
                touchpoint: TouchpointId(999),
                score: Some(0),
            },
            EditError::NoSuchTouchpoint(TouchpointId(999)),
        ),
        (
            Edit::InsertTouchpoint {
                stage,
                index: 0,
                touchpoint: touchpoint(used, "Twin"),
                scores: Vec::new(),
            },
            EditError::DuplicateId(used),
        ),
        (
            Edit::InsertTouchpoint {
                stage,
                index: 0,
                touchpoint: touchpoint(fresh, "New"),
                scores: vec![(curve, 7)],
            },
            EditError::ScoreOutsideScale {
                score: 7,
                min: -2,
                max: 2,
            },
        ),
        (
            Edit::InsertStage {
                index: 0,
                stage: Stage::new(StageId(fresh), "New", Rgb::new(0, 0, 0)),
                notes: Vec::new(),
                scores: vec![(curve, tp, 0)],
                stage_scores: Vec::new(),
            },
            EditError::TouchpointNotInStage {
                touchpoint: tp,
                stage: StageId(fresh),
            },
        ),
        (
            Edit::InsertStage {
                index: 0,
                stage: Stage {
                    touchpoints: vec![touchpoint(fresh + 1, "a"), touchpoint(fresh + 1, "b")],
                    ..Stage::new(StageId(fresh), "New", Rgb::new(0, 0, 0))
                },
                notes: Vec::new(),
                scores: Vec::new(),
                stage_scores: Vec::new(),
            },
            EditError::DuplicateId(fresh + 1),
        ),
        (
            Edit::InsertLane {
                index: 0,
                lane: Lane {
                    notes: vec![note(fresh + 1, "x", Anchor::Stage(StageId(999)))],
                    ..Lane::new(LaneId(fresh), "New", LaneKind::Custom)
                },
            },
            EditError::BadAnchor(Anchor::Stage(StageId(999))),
        ),
        (
            Edit::InsertNote {
                lane,
                index: 0,
                note: note(curve.0, "x", Anchor::Stage(stage)),
            },
            EditError::DuplicateId(curve.0),
        ),
        (
            Edit::SetStageScore {
                curve,
                stage: StageId(999),
                score: Some(0),
            },
            EditError::NoSuchStage(StageId(999)),
        ),
        (
            Edit::SetTouchpoint(Touchpoint {
                link: Some("file:///etc/passwd".into()),
                ..map.stages[0].touchpoints[0].clone()
            }),
            EditError::BadLink(
                check_link("file:///etc/passwd").expect_err("a file link is refused"),
            ),
        ),
        (
            Edit::SetTouchpoint(Touchpoint {
                actors: vec![PersonaId(999)],
                ..map.stages[0].touchpoints[0].clone()
            }),
            EditError::NoSuchPersona(PersonaId(999)),
        ),
        (
            Edit::SetOptions(MapOptions {
                wrap: Wrap::AfterStages(0),
                ..MapOptions::default()
            }),
            EditError::BadOptions("a map wraps after at least 1 stage"),
        ),
        (
            Edit::InsertCurve {
                index: 0,
                curve: EmotionCurve {
                    scores: BTreeMap::from([(TouchpointId(999), 0)]),
                    ..EmotionCurve::new(CurveId(fresh), "New", Rgb::new(0, 0, 0))
                },
            },
            EditError::NoSuchTouchpoint(TouchpointId(999)),
        ),
        (
            Edit::SetCurve {
                curve,
                name: "x".into(),
                colour: Rgb::new(0, 0, 0),
                persona: Some(PersonaId(999)),
            },
            EditError::NoSuchPersona(PersonaId(999)),
        ),
        (
            Edit::SetNote(note(999, "x", Anchor::Journey)),
            EditError::NoSuchNote(NoteId(999)),
        ),
        (
            Edit::RemoveCurve {
                curve: CurveId(999),
            },
            EditError::NoSuchCurve(CurveId(999)),
        ),
    ];
    for (edit, error) in cases {
        expect_error(&map, edit, error);
    }
}

#[test]
fn a_batch_failing_in_its_third_edit_rolls_back_the_first_two() {
    let map = restaurant();
    let tp = map.stages[0].touchpoints[0].id;
    let edit = Edit::Batch(vec![
        Edit::RemoveStage {
            stage: map.stages[2].id,
        },
        Edit::MoveTouchpoint {
            touchpoint: tp,
            to_stage: map.stages[1].id,
            to: 0,
        },
        Edit::SetScore {
            curve: map.curves[0].id,
            touchpoint: tp,
            score: Some(99),
        },
        Edit::RemoveLane {
            lane: map.lanes[0].id,
        },
    ]);
    expect_error(
        &map,
        edit,
        EditError::ScoreOutsideScale {
            score: 99,
            min: -2,
            max: 2,
        },
    );

    // The same inside a nested batch.
    let nested = Edit::Batch(vec![
        Edit::MoveLane {
            lane: map.lanes[0].id,
            to: 1,
        },
        Edit::Batch(vec![
            Edit::RemoveNote {
                note: map.lanes[0].notes_in(map.stages[0].id)[0].id,
            },
            Edit::RemoveStage {
                stage: StageId(999),
            },
        ]),
    ]);
    expect_error(&map, nested, EditError::NoSuchStage(StageId(999)));
}

#[test]
fn edits_that_change_nothing_say_so() {
    let map = restaurant();
    let stage = &map.stages[1];
    let tp = &stage.touchpoints[1];
    let lane = &map.lanes[0];
    let cell = &lane.notes;
    let cell_anchor = cell[0].anchor;
    let curve = &map.curves[0];
    let (&scored, &score) = curve.scores.iter().next().expect("scores");
    let nothing = [
        Edit::nothing(),
        Edit::MoveStage {
            stage: stage.id,
            to: 1,
        },
        Edit::MoveStage {
            stage: map.stages[5].id,
            to: usize::MAX,
        },
        Edit::MoveTouchpoint {
            touchpoint: tp.id,
            to_stage: stage.id,
            to: 1,
        },
        Edit::MoveLane {
            lane: lane.id,
            to: 0,
        },
        Edit::MoveNote {
            note: cell[0].id,
            to_lane: lane.id,
            anchor: cell_anchor,
            to: 0,
        },
        Edit::SetOptions(map.options.clone()),
        Edit::SetStageScore {
            curve: curve.id,
            stage: stage.id,
            score: None,
        },
        Edit::SetScore {
            curve: curve.id,
            touchpoint: scored,
            score: Some(score),
        },
        Edit::SetHeader(map.header.clone()),
        Edit::SetScale(map.scale.clone()),
        Edit::SetStage {
            stage: stage.id,
            name: stage.name.clone(),
            colour: stage.colour,
            description: stage.description.clone(),
        },
        Edit::SetTouchpoint(tp.clone()),
        Edit::SetLane {
            lane: lane.id,
            name: lane.name.clone(),
            kind: lane.kind,
        },
        Edit::SetNote(cell[0].clone()),
        Edit::SetCurve {
            curve: curve.id,
            name: curve.name.clone(),
            colour: curve.colour,
            persona: curve.persona,
        },
    ];
    let all = Edit::Batch(nothing.to_vec());
    for edit in nothing.into_iter().chain([all]) {
        let mut edited = map.clone();
        let applied = edit.clone().apply_reporting(&mut edited).expect("applies");
        assert!(!applied.changed, "{edit:?} changes nothing");
        assert_eq!(edited, map);
    }
}

#[test]
fn document_names_its_undo_and_redo_steps() {
    let map = restaurant();
    let mut doc = Document::new(map.clone());
    assert_eq!((doc.undo_label(), doc.redo_label()), (None, None));
    assert!(!doc.undo());
    assert!(!doc.redo());

    let stage = map.stages[0].id;
    doc.apply("Move stage", Edit::MoveStage { stage, to: 2 })
        .expect("applies");
    doc.apply(
        "Rename lane",
        Edit::SetLane {
            lane: map.lanes[0].id,
            name: "Doing".into(),
            kind: LaneKind::Actions,
        },
    )
    .expect("applies");
    assert_eq!(doc.undo_label(), Some("Rename lane"));
    assert!(doc.undo());
    assert_eq!(doc.undo_label(), Some("Move stage"));
    assert_eq!(doc.redo_label(), Some("Rename lane"));
    assert!(doc.undo());
    assert_eq!(doc.map(), &map);
    assert_eq!(doc.undo_label(), None);
    assert_eq!(doc.redo_label(), Some("Move stage"));
    assert!(!doc.undo());
    assert!(doc.redo());
    assert_eq!(doc.redo_label(), Some("Rename lane"));

    // A new edit forgets what could be redone.
    doc.apply("Move stage back", Edit::MoveStage { stage, to: 0 })
        .expect("applies");
    assert_eq!(doc.redo_label(), None);
    assert!(!doc.redo());
    assert_eq!(doc.map(), &map);
}

#[test]
fn document_knows_when_it_differs_from_the_saved_map() {
    let map = restaurant();
    let mut doc = Document::new(map.clone());
    assert!(!doc.is_dirty());
    let stage = map.stages[0].id;
    let rev0 = doc.revision();

    doc.apply("Move stage", Edit::MoveStage { stage, to: 1 })
        .expect("applies");
    assert!(doc.is_dirty());
    let rev1 = doc.revision();
    assert_ne!(rev1, rev0);

    assert!(doc.undo());
    assert!(!doc.is_dirty(), "undone back to the opened map");
    assert_ne!(doc.revision(), rev1);

    assert!(doc.redo());
    assert!(doc.is_dirty());
    doc.mark_saved();
    assert!(!doc.is_dirty());
    assert!(doc.undo());
    assert!(doc.is_dirty(), "the saved map had the stage moved");
    assert!(doc.redo());
    assert!(!doc.is_dirty());

    // Moving the stage back gives the opened map, but not the saved one.
    doc.apply("Move stage", Edit::MoveStage { stage, to: 0 })
        .expect("applies");
    assert!(doc.is_dirty());

    // After undoing past the save and editing, the saved state can never come back.
    assert!(doc.undo());
    assert!(!doc.is_dirty());
    assert!(doc.undo());
    doc.apply("Move stage", Edit::MoveStage { stage, to: 1 })
        .expect("applies");
    assert_eq!(
        doc.map().stages[1].id,
        stage,
        "the same map as was saved..."
    );
    assert!(doc.is_dirty(), "...but reached by a different history");
}

#[test]
fn document_pushes_nothing_for_edits_that_change_nothing_or_fail() {
    let map = restaurant();
    let mut doc = Document::new(map.clone());
    let stage = map.stages[0].id;
    doc.apply("Move stage", Edit::MoveStage { stage, to: 3 })
        .expect("applies");
    assert!(doc.undo());
    let rev = doc.revision();

    doc.apply("Nothing", Edit::nothing()).expect("applies");
    doc.apply("Stay", Edit::MoveStage { stage, to: 0 })
        .expect("applies");
    let failed = doc.apply(
        "Remove missing",
        Edit::RemoveStage {
            stage: StageId(999),
        },
    );
    assert_eq!(failed, Err(EditError::NoSuchStage(StageId(999))));
    assert_eq!(doc.undo_label(), None);
    assert_eq!(doc.redo_label(), Some("Move stage"), "redo survives no-ops");
    assert_eq!(doc.revision(), rev);
    assert!(!doc.is_dirty());
    assert_eq!(doc.map(), &map);
}

#[test]
fn document_hands_out_fresh_ids() {
    let map = restaurant();
    let doc = Document::new(map.clone());
    let mut ids = doc.ids();
    let id = ids.next_raw();
    assert!(map.all_ids().all(|used| used < id));
}

#[test]
fn ids_freed_by_undo_or_delete_are_not_handed_out_again() {
    let map = crate::templates::find("restaurant-en")
        .expect("template")
        .map();
    let mut doc = Document::new(map);
    let stage = doc.map().stages[0].id;
    let first = doc.ids().touchpoint();
    let touchpoint = Touchpoint::new(first, "New touchpoint");
    doc.apply(
        "Add touchpoint",
        Edit::InsertTouchpoint {
            stage,
            index: 0,
            touchpoint,
            scores: Vec::new(),
        },
    )
    .expect("adds");
    assert!(doc.undo());
    assert!(doc.map().touchpoint(first).is_none());
    assert_ne!(
        doc.ids().touchpoint(),
        first,
        "the undone item's id stays retired"
    );
}

#[test]
fn an_edit_never_takes_the_map_past_its_limits() {
    let map = restaurant();
    let mut note = map.lanes[0].notes[0].clone();
    note.text = "x".repeat(crate::model::limits::MAX_TEXT_CHARS + 1);
    let mut edited = map.clone();
    let err = Edit::SetNote(note)
        .apply(&mut edited)
        .expect_err("too long");
    assert!(matches!(err, EditError::BeyondLimits(_)), "{err}");
    assert!(
        err.to_string().contains("at most 10000 characters"),
        "{err}"
    );
    assert_eq!(edited, map, "nothing changed");

    let wide = EmotionScale {
        min: -50,
        max: 50,
        ..map.scale.clone()
    };
    let mut edited = map.clone();
    let err = Edit::SetScale(wide)
        .apply(&mut edited)
        .expect_err("too wide");
    assert!(
        err.to_string().contains("a scale spans at most 20 steps"),
        "{err}"
    );
    assert_eq!(edited, map);
}

#[test]
fn resolving_a_conflict_takes_a_value_or_removes_the_item_in_one_undoable_edit() {
    use crate::model::conflict::{REMOVED, Value};
    use crate::model::{Conflict, Subject};
    let mut map = restaurant();
    let card = map.stages[0].touchpoints[0].clone();
    let curve = map.curves[0].id;
    let mark = |on, field: &str, ours: Value, theirs: Value| Conflict {
        on,
        field: field.to_owned(),
        ours,
        theirs,
    };
    map.conflicts = vec![
        mark(
            Subject::Touchpoint(card.id),
            "title",
            Value::Text(card.title.clone()),
            Value::Text("扫码点餐".to_owned()),
        ),
        mark(
            Subject::Touchpoint(card.id),
            "channel",
            Value::Channel(None),
            Value::Channel(Some(Channel::App)),
        ),
        mark(
            Subject::Score(curve, card.id),
            "score",
            Value::Score(Some(1)),
            Value::Score(None),
        ),
        mark(
            Subject::Stage(map.stages[1].id),
            "colour",
            Value::Colour("#3a7bd5".parse().expect("colour")),
            Value::Colour("#c0395a".parse().expect("colour")),
        ),
        mark(
            Subject::Touchpoint(card.id),
            REMOVED,
            Value::Changed,
            Value::Removed,
        ),
    ];
    assert_eq!(map.validate(), vec![]);

    let title = actions::resolve_conflict(&map, 0, true).expect("resolves");
    let edited = round_trip(&map, title);
    assert_eq!(edited.stages[0].touchpoints[0].title, "扫码点餐");
    assert_eq!(edited.conflicts[..], map.conflicts[1..]);

    let channel = round_trip(
        &map,
        actions::resolve_conflict(&map, 1, true).expect("resolves"),
    );
    assert_eq!(channel.stages[0].touchpoints[0].channel, Some(Channel::App));
    let score = round_trip(
        &map,
        actions::resolve_conflict(&map, 2, true).expect("resolves"),
    );
    assert_eq!(score.curves[0].scores.get(&card.id), None);
    let colour = round_trip(
        &map,
        actions::resolve_conflict(&map, 3, true).expect("resolves"),
    );
    assert_eq!(colour.stages[1].colour.to_string(), "#c0395a");

    // Keeping ours only drops the mark; taking their removal removes the card.
    let kept = round_trip(
        &map,
        actions::resolve_conflict(&map, 4, false).expect("resolves"),
    );
    assert!(kept.touchpoint(card.id).is_some());
    assert_eq!(kept.conflicts.len(), 4);
    let removed = round_trip(
        &map,
        actions::resolve_conflict(&map, 4, true).expect("resolves"),
    );
    assert!(removed.touchpoint(card.id).is_none());
    assert!(actions::resolve_conflict(&map, 9, true).is_none());
}

#[test]
fn a_conflict_mark_that_cannot_be_resolved_is_refused() {
    let map = restaurant();
    let card = map.stages[0].touchpoints[0].id;
    let bad = crate::model::Conflict {
        on: crate::model::Subject::Touchpoint(card),
        field: "channel".to_owned(),
        ours: crate::model::conflict::Value::Channel(None),
        theirs: crate::model::conflict::Value::Text("Pigeon".to_owned()),
    };
    let mut edited = map.clone();
    assert!(matches!(
        Edit::SetConflicts(vec![bad]).apply(&mut edited),
        Err(EditError::BadConflict(_))
    ));
    assert_eq!(edited, map);
}
