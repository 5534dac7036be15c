//! Teams: a Mermaid journey or a table is imported as a new, unsaved map (never saved back to
//! the lossy file), pasted Mermaid text opens apart or joins the open map in one undo step, and
//! exports say what they could not hold.

use super::*;

const WORKING_DAY: &str = include_str!("../fixtures/mermaid/working-day.mmd");

#[test]
fn a_dropped_mermaid_file_opens_as_a_new_map_that_save_keeps_as_a_map_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness("restaurant-en");
    h.state_mut().native_dialogs = false;
    let diagram = dir.path().join("working-day.mmd");
    std::fs::write(&diagram, WORKING_DAY).expect("written");
    drop_file(&mut h, &diagram);
    assert_eq!(map(&h).touchpoint_count(), 5);
    let curves: Vec<&str> = map(&h).curves.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(curves, ["Me", "Cat"]);
    assert_eq!(
        h.state().path(),
        None,
        "an import has no file of its own yet"
    );
    assert!(h.state().doc.is_dirty(), "closing asks first");
    assert!(
        h.state().window_title().contains("working-day"),
        "{}",
        h.state().window_title()
    );
    assert!(
        h.state()
            .notices
            .iter()
            .any(|n| n.text.contains("Imported")),
        "{:?}",
        h.state().notices
    );

    // Save asks where; a Mermaid name is refused, the diagram stays as it was.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    assert!(matches!(h.state().modal, Some(Modal::PathPrompt { .. })));
    type_path(&mut h, diagram.to_str().expect("utf-8"));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        std::fs::read_to_string(&diagram).expect("still there"),
        WORKING_DAY
    );
    let refusal = h.state().notices.last().expect("a notice");
    assert!(
        refusal.error && refusal.text.contains("Save does not write"),
        "{}",
        refusal.text
    );
    assert!(h.state().doc.is_dirty());

    let target = dir.path().join("day.ron");
    type_path(&mut h, target.to_str().expect("utf-8"));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().path(), Some(target.as_path()));
    assert!(!h.state().doc.is_dirty());
    assert_eq!(
        io::from_ron(&std::fs::read_to_string(&target).expect("saved")).expect("a map"),
        *map(&h)
    );
}

fn paste(h: &mut Harness<'_, JourneyMapApp>, text: &str) {
    h.input_mut().events.push(Event::Paste(text.to_owned()));
    h.run();
    settle(h);
}

#[test]
fn pasted_mermaid_joins_the_open_map_in_one_undo_step_or_opens_apart() {
    let mut h = harness("restaurant-en");
    let before = map(&h).clone();
    paste(&mut h, WORKING_DAY);
    assert!(
        matches!(h.state().modal, Some(Modal::PasteMermaid(_))),
        "{:?}",
        h.state().modal
    );
    h.get_by_label("Add to this map").click();
    h.run();
    let joined = map(&h).clone();
    assert_eq!(joined.stages.len(), before.stages.len() + 2);
    assert_eq!(joined.touchpoint_count(), before.touchpoint_count() + 5);
    let me = joined
        .curves
        .iter()
        .find(|c| c.name == "Me")
        .expect("a curve for Me");
    // Mermaid's 1–5 on the map's own −2 to +2: 5, 3, 1, 5, 5 become 2, 0, −2, 2, 2.
    let added: Vec<i32> = joined.stages[before.stages.len()..]
        .iter()
        .flat_map(|s| &s.touchpoints)
        .filter_map(|t| me.scores.get(&t.id).copied())
        .collect();
    assert_eq!(added, [2, 0, -2, 2, 2]);
    assert!(joined.header.personas.iter().any(|p| p.name == "Cat"));
    assert!(joined.validate().is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(map(&h), &before, "one undo takes it all back");

    paste(&mut h, WORKING_DAY);
    h.get_by_label("Open as a new map").click();
    h.run();
    assert_eq!(map(&h).header.title, "My working day");
    assert_eq!(map(&h).touchpoint_count(), 5);
    assert!(h.state().doc.is_dirty());

    // Text that only looks like a journey says where it fails; the map stays.
    let opened = map(&h).clone();
    paste(&mut h, "journey\n  section A\n  Tea: 5; Coffee: 4\n");
    assert!(h.state().modal.is_none());
    assert_eq!(map(&h), &opened);
    let notice = &h.state().notices.last().expect("a notice").text;
    assert!(notice.contains("pasted text:3:9"), "{notice}");
}

#[test]
fn exports_to_mermaid_and_csv_say_what_they_left_out() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness("hotel-stay-zh");
    h.state_mut().native_dialogs = false;
    for (query, name) in [("export mermaid", "hotel.mmd"), ("export csv", "hotel.csv")] {
        h.key_press_modifiers(Modifiers::COMMAND, Key::K);
        settle(&mut h);
        h.get_by_label("Search commands").type_text(query);
        h.run();
        h.key_press(Key::Enter);
        settle(&mut h);
        let target = dir.path().join(name);
        type_path(&mut h, target.to_str().expect("utf-8"));
        h.run();
        h.get_by_label("Export").click();
        h.run();
        let opened = journeymap::formats::open(&target).expect("imports again");
        assert_eq!(
            opened.map.touchpoint_count(),
            map(&h).touchpoint_count(),
            "{name}"
        );
        let notice = h.state().notices.last().expect("a notice");
        assert!(
            notice.text.contains(name) && notice.text.contains('•'),
            "{}",
            notice.text
        );
        assert!(
            notice.error,
            "{name}: what was left out stays on screen until read"
        );
        assert!(!h.state().doc.is_dirty(), "the map keeps its own file");
    }
}

#[test]
fn compare_with_file_marks_the_changes_lists_them_and_steps_through_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness("restaurant-en");
    h.state_mut().native_dialogs = false;
    // A teammate's version: one card renamed, another card gone.
    let mut other = map(&h).clone();
    other.stages[0].touchpoints[0].title = "Their title".to_owned();
    let gone = other.stages[1].touchpoints[0].id;
    let mut theirs = journeymap::edit::Document::new(other);
    theirs
        .apply(
            "Delete",
            journeymap::edit::Edit::RemoveTouchpoint { touchpoint: gone },
        )
        .expect("removed");
    let other = theirs.map().clone();
    let path = dir.path().join("theirs.ron");
    io::save(&path, &other).expect("saved");

    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    settle(&mut h);
    h.get_by_label("Search commands").type_text("compare with");
    h.run();
    h.key_press(Key::Enter);
    settle(&mut h);
    type_path(&mut h, path.to_str().expect("utf-8"));
    h.run();
    h.get_by_label("Compare").click();
    h.run();
    let renamed = map(&h).stages[0].touchpoints[0].id;
    let marks = h.state().canvas.marks.clone();
    assert_eq!(marks.len(), 2, "{marks:?}");
    assert!(marks.contains(&(Item::Touchpoint(renamed), journeymap::canvas::Mark::Changed)));
    assert!(marks.contains(&(Item::Touchpoint(gone), journeymap::canvas::Mark::Added)));
    h.get_by_label("2 changes");

    // F8 steps to the first change, and the list row selects its card too.
    h.key_press(Key::F8);
    h.run();
    assert_eq!(selected(&h), [Item::Touchpoint(renamed)]);
    let added = h
        .state()
        .compare
        .as_ref()
        .expect("comparing")
        .changes
        .iter()
        .map(ToString::to_string)
        .find(|c| c.starts_with('+'))
        .expect("an addition");
    h.get_by_label(&added).click();
    h.run();
    assert_eq!(selected(&h), [Item::Touchpoint(gone)]);

    // The marks follow the map: taking their title, the rename is no change any more.
    let mut card = map(&h).stages[0].touchpoints[0].clone();
    card.title = "Their title".to_owned();
    h.state_mut()
        .apply("Rename", journeymap::edit::Edit::SetTouchpoint(card));
    h.run();
    assert_eq!(h.state().canvas.marks.len(), 1);
    h.get_by_label("Close").click();
    h.run();
    assert!(h.state().compare.is_none() && h.state().canvas.marks.is_empty());
}

#[test]
fn export_pdf_as_a_poster_of_a4_sheets_from_the_export_dialog() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness("silk-shop-zh");
    h.state_mut().native_dialogs = false;
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    settle(&mut h);
    h.get_by_label("Search commands").type_text("export pdf");
    h.run();
    h.key_press(Key::Enter);
    settle(&mut h);
    let target = dir.path().join("poster.pdf");
    type_path(&mut h, target.to_str().expect("utf-8"));
    h.run();
    h.get_by_label("Pages").click();
    h.run();
    h.get_by_label("Poster on A4 sheets (overlapping 10 mm)")
        .click();
    h.run();
    h.get_by_label("Export").click();
    h.run();
    let pages = lopdf::Document::load(&target)
        .expect("a PDF")
        .get_pages()
        .len();
    assert!(pages >= 4, "{pages} sheets");
    assert_eq!(
        journeymap::formats::open(&target)
            .expect("opens as the map")
            .map,
        *map(&h)
    );
}

#[test]
fn a_merge_conflict_is_marked_on_its_card_and_resolved_in_the_inspector() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness("restaurant-en");
    // Two teammates renamed the same card; `journeymap merge` kept ours and marked it.
    let base = map(&h).clone();
    let card = base.stages[0].touchpoints[0].id;
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.stages[0].touchpoints[0].title = "Our title".to_owned();
    theirs.stages[0].touchpoints[0].title = "他们的标题".to_owned();
    let merged = journeymap::model::merge::merge(&base, &ours, &theirs);
    let path = dir.path().join("merged.ron");
    io::save(&path, &merged.map).expect("saved");
    drop_file(&mut h, &path);
    assert_eq!(map(&h).conflicts.len(), 1);
    assert!(
        h.state()
            .notices
            .iter()
            .any(|n| n.text.contains("1 merge conflict left")),
        "{:?}",
        h.state().notices
    );

    // The card says so (outlined on the canvas, and in its accessible name); F8 goes to it.
    h.key_press(Key::F8);
    h.run();
    assert_eq!(selected(&h), [Item::Touchpoint(card)]);
    h.get_by_label("Touchpoint Our title, merge conflict");

    // The inspector shows both values; taking theirs renames the card and the mark goes.
    h.get_by_label("Merge conflict");
    h.get_by_label("他们的标题");
    let uses = h.get_all_by_label("Use this").count();
    assert_eq!(uses, 2, "one button per version");
    h.get_all_by_label("Use this")
        .nth(1)
        .expect("their value's button")
        .click();
    h.run();
    assert_eq!(map(&h).stages[0].touchpoints[0].title, "他们的标题");
    assert!(map(&h).conflicts.is_empty());
    assert!(h.query_by_label("Merge conflict").is_none());

    // One undo step brings back both our title and the mark.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(map(&h).stages[0].touchpoints[0].title, "Our title");
    assert_eq!(map(&h).conflicts, merged.map.conflicts);
}

#[test]
fn the_weakest_moment_is_flagged_and_the_insights_panel_goes_to_it() {
    let mut h = harness("phone-online-en");
    // The plain purchase's weakest moment, the parcel's packaging, is flagged on its curve.
    let plain = map(&h).curves[0].id;
    let packaging = map(&h)
        .touchpoints()
        .find(|t| t.title == "The parcel's packaging")
        .expect("card")
        .id;
    let flagged = format!(
        "{}, weakest moment",
        label(&h, Item::Score(plain, packaging))
    );
    h.get_by_label(&flagged);
    // Only there on that curve.
    let others = map(&h)
        .touchpoints()
        .filter(|t| t.id != packaging)
        .filter(|t| {
            let name = format!("{}, weakest moment", label(&h, Item::Score(plain, t.id)));
            h.query_by_label(&name).is_some()
        })
        .count();
    assert_eq!(others, 0);

    // Ctrl+Shift+I opens the insights; a click on the weakest moment selects its point.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::I);
    h.run();
    h.get_by_label("Insights");
    h.get_by_label("Remembered (peak-end rule): 0.50; felt (mean): -0.44");
    h.get_all_by_label("The parcel's packaging (-2)")
        .next()
        .expect("the weakest moment in the panel")
        .click();
    h.run();
    assert_eq!(selected(&h), [Item::Score(plain, packaging)]);
}

#[test]
fn a_touchpoint_is_marked_a_moment_of_truth_and_checked_against_courted_in_the_inspector() {
    let mut h = harness("phone-online-en");
    let card = map(&h).stages[3].touchpoints[0].id;
    h.get_by_label(&label(&h, Item::Touchpoint(card))).click();
    h.run();
    h.get_by_label("Moment of truth").click();
    h.run();
    assert!(map(&h).touchpoint(card).expect("card").moment_of_truth);
    h.get_by_label("Time-saving").click();
    settle(&mut h);
    h.get_by_label("Fail").click();
    h.run();
    let courted = &map(&h).touchpoint(card).expect("card").courted;
    assert_eq!(courted.time_saving, Check::Fail);
    assert_eq!(courted.clean, Check::NotAssessed);
    // One undo step each.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        map(&h).touchpoint(card).expect("card").courted,
        Courted::default()
    );
    assert!(map(&h).touchpoint(card).expect("card").moment_of_truth);
}
