//! Unsaved changes outlive a crash: a window's recovery copy is offered at the next start once
//! that window is gone (never while it runs), and restoring it brings the changes back, unsaved,
//! with the file they belong to.

use super::*;
use journeymap::edit::Edit;

fn app_with_copies(
    map: JourneyMap,
    file: &std::path::Path,
    dir: &std::path::Path,
) -> JourneyMapApp {
    let mut app = JourneyMapApp::new(map, Some(file.to_owned()));
    app.keep_recovery_copies(dir);
    app
}

#[test]
fn a_crashed_windows_changes_are_offered_and_restored_a_live_ones_never() {
    let dir = tempfile::tempdir().expect("temp dir");
    let copies = dir.path().join("recovery");
    let file = dir.path().join("dinner.ron");
    let opened = templates::find("restaurant-en").expect("template").map();
    io::save(&file, &opened).expect("saved");

    // The first window edits and its autosave copies the change.
    let mut first = app_with_copies(opened.clone(), &file, &copies);
    assert!(first.modal.is_none(), "nothing to offer at the first start");
    let stage = first.doc.map().stages[0].id;
    first
        .doc
        .apply("Move stage", Edit::MoveStage { stage, to: 3 })
        .expect("applies");
    let edited = first.doc.map().clone();
    let recovery = first.recovery.as_mut().expect("copies are kept");
    recovery.tick(&first.doc, Some(&file), true);
    recovery.flush();

    // While it runs, a second window is not offered its copy.
    let second = app_with_copies(opened.clone(), &file, &copies);
    assert!(
        second.modal.is_none(),
        "a live window's copy is not a crash"
    );
    drop(second);

    // It dies without cleaning up (its lock goes with it, as with SIGKILL).
    drop(first.recovery.take());
    std::mem::forget(first);

    // The next start offers the copy; Enter restores it.
    let third = app_with_copies(opened.clone(), &file, &copies);
    assert!(
        matches!(third.modal, Some(Modal::Recover(_))),
        "{:?}",
        third.modal
    );
    let mut h = Harness::builder()
        .with_size(vec2(1600.0, 1000.0))
        .build_ui_state(|ui, app: &mut JourneyMapApp| app.ui(ui), third);
    h.run();
    assert!(
        h.query_by_label("Restore").is_some(),
        "the dialog offers to restore"
    );
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(map(&h), &edited, "the changes are back");
    assert!(h.state().doc.is_dirty(), "and still unsaved");
    assert_eq!(
        h.state().target.as_ref().map(|t| t.path.clone()),
        Some(file.clone())
    );
    assert_eq!(
        io::from_ron(&std::fs::read_to_string(&file).expect("file")).expect("map"),
        opened,
        "the file is untouched"
    );

    // Saved, the copy goes; nothing is offered at the next start.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!h.state().doc.is_dirty());
    let app = h.state_mut();
    if let Some(recovery) = app.recovery.as_mut() {
        recovery.tick(&app.doc, Some(&file), false);
    }
    let left: Vec<_> = std::fs::read_dir(&copies)
        .expect("list")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    assert_eq!(left, Vec::<std::path::PathBuf>::new(), "no copy once saved");
}

#[test]
fn a_file_changed_on_disk_or_read_only_is_replaced_only_when_the_person_agrees() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("shared.ron");
    let opened = templates::find("hotel-stay-en").expect("template").map();
    io::save(&file, &opened).expect("saved");
    let mut h = Harness::builder()
        .with_size(vec2(1600.0, 1000.0))
        .build_ui_state(
            |ui, app: &mut JourneyMapApp| app.ui(ui),
            JourneyMapApp::new(opened.clone(), Some(file.clone())),
        );
    h.run();

    // A teammate saves their version while the window is in the background.
    h.input_mut().focused = false;
    h.event(Event::WindowFocused(false));
    h.run();
    let mut theirs = opened.clone();
    theirs.header.title = "Their version".into();
    io::save(&file, &theirs).expect("theirs");
    h.input_mut().focused = true;
    h.event(Event::WindowFocused(true));
    h.run();
    assert!(
        h.state()
            .notices
            .iter()
            .any(|n| n.text.contains("changed on disk")),
        "{:?}",
        h.state()
            .notices
            .iter()
            .map(|n| &n.text)
            .collect::<Vec<_>>()
    );

    // Save asks first; cancelling leaves their file and our changes as they are.
    let stage = map(&h).stages[0].id;
    h.state_mut()
        .doc
        .apply(
            "Move stage",
            journeymap::edit::Edit::MoveStage { stage, to: 2 },
        )
        .expect("applies");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(matches!(
        h.state().modal,
        Some(Modal::ConfirmOverwrite { .. })
    ));
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(
        io::from_ron(&std::fs::read_to_string(&file).expect("file")).expect("map"),
        theirs
    );
    assert!(h.state().doc.is_dirty());

    // Agreed: ours replaces theirs.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("Replace it").click();
    h.run();
    assert_eq!(
        io::from_ron(&std::fs::read_to_string(&file).expect("file")).expect("map"),
        *map(&h)
    );
    assert!(!h.state().doc.is_dirty());

    // A read-only file: asked too, and it stays read-only once saved.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).expect("chmod");
        h.state_mut()
            .doc
            .apply(
                "Move stage",
                journeymap::edit::Edit::MoveStage { stage, to: 0 },
            )
            .expect("applies");
        h.key_press_modifiers(Modifiers::COMMAND, Key::S);
        h.run();
        assert!(
            h.query_by_label("Save anyway").is_some(),
            "read-only is said before saving"
        );
        h.get_by_label("Save anyway").click();
        h.run();
        assert!(!h.state().doc.is_dirty());
        let mode = std::fs::metadata(&file).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o444);
    }
}
