//! The file format and the command line: what teams mail each other must load, stay stable
//! byte for byte, explain bad input at `line:column`, and survive a crash mid-save.

use journeymap::io;
use journeymap::model::*;
use journeymap::templates;
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

fn journeymap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(args)
        .output()
        .expect("the journeymap binary runs")
}

/// Reads a map file of any kind, as the editor and the CLI do.
fn open(path: &Path) -> Result<JourneyMap, journeymap::io::LoadError> {
    journeymap::formats::open(path).map(|opened| opened.map)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

// ---------------------------------------------------------------------------------------------
// Templates and the CLI contract

#[test]
fn every_template_is_created_checked_and_exported_byte_for_byte() {
    let dir = tempfile::tempdir().expect("temp dir");
    let listed = journeymap(&["templates"]);
    assert!(listed.status.success());
    let names: Vec<String> = text(&listed.stdout).lines().map(str::to_owned).collect();
    assert!(names.len() >= 12, "six stories in two languages: {names:?}");
    for name in &names {
        let x = dir.path().join(format!("{name}.ron"));
        let x2 = dir.path().join(format!("{name}-again.ron"));
        let y = dir.path().join(format!("{name}-exported.ron"));
        let (xs, x2s, ys) = (
            x.to_str().unwrap(),
            x2.to_str().unwrap(),
            y.to_str().unwrap(),
        );

        assert!(
            journeymap(&["new", name, "-o", xs]).status.success(),
            "new {name}"
        );
        let checked = journeymap(&["check", xs]);
        assert!(
            checked.status.success(),
            "check {name}: {}",
            text(&checked.stderr)
        );
        let summary = text(&checked.stdout);
        let map = open(&x).expect("template loads");
        assert_eq!(summary.trim_end(), map.summary());
        assert!(summary.starts_with("stages="), "{summary}");

        assert!(journeymap(&["new", name, "-o", x2s]).status.success());
        assert_eq!(
            std::fs::read(&x).unwrap(),
            std::fs::read(&x2).unwrap(),
            "new twice: {name}"
        );

        assert!(journeymap(&["export", xs, "-o", ys]).status.success());
        assert_eq!(
            std::fs::read(&x).unwrap(),
            std::fs::read(&y).unwrap(),
            "export: {name}"
        );
    }
}

#[test]
fn templates_are_stored_as_saved_and_tell_whole_stories() {
    for template in templates::ALL {
        let map = template.map();
        assert_eq!(
            io::to_ron(&map),
            template.text,
            "{} is not normalised",
            template.name
        );
        assert!(map.stages.len() >= 4, "{}: stages", template.name);
        assert!(
            map.touchpoint_count() >= 5,
            "{}: touchpoints",
            template.name
        );
        for kind in [LaneKind::PainPoints, LaneKind::Opportunities] {
            assert!(
                map.lanes
                    .iter()
                    .any(|l| l.kind == kind && !l.notes.is_empty()),
                "{}: a {kind:?} lane with notes",
                template.name
            );
        }
        // The first curve is the full journey; a to-be curve may skip moments it designs away.
        let full = &map.curves[0];
        for tp in map.touchpoints() {
            assert!(
                full.scores.contains_key(&tp.id),
                "{}: curve {:?} has no score for {:?}",
                template.name,
                full.name,
                tp.title
            );
        }
        let is_zh = template.name.ends_with("-zh");
        let has_cjk = map
            .header
            .title
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        assert_eq!(is_zh, has_cjk, "{}: language of the title", template.name);
    }
    let phone = templates::find("phone-online-en")
        .expect("phone template")
        .map();
    assert_eq!(phone.curves.len(), 2, "plain against surprising");
    assert!(phone.touchpoint_count() >= 7, "about seven touchpoints");
}

#[test]
fn cli_errors_are_clear_and_exit_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("x.ron");
    let out = out.to_str().unwrap();

    let unknown = journeymap(&["new", "no-such-story", "-o", out]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        text(&unknown.stderr).contains("restaurant-en"),
        "lists the names"
    );

    let missing = journeymap(&["check", "does-not-exist.ron"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(text(&missing.stderr).starts_with("does-not-exist.ron: cannot read the file"));

    assert!(
        journeymap(&["new", "restaurant-en", "-o", out])
            .status
            .success()
    );
    let bad_ext = journeymap(&["export", out, "-o", "x.doc"]);
    assert_eq!(bad_ext.status.code(), Some(1));
    assert_eq!(
        text(&bad_ext.stderr).trim(),
        "x.doc: Journey Map does not write .doc files: name it .ron (the map), .png or .svg (a picture with the map), .pdf (for print, with the map), .mmd (Mermaid) or .csv (a table)"
    );
    assert!(!Path::new("x.doc").exists(), "nothing is written");

    let bad = dir.path().join("bad.ron");
    std::fs::write(
        &bad,
        BASE.replace("id: 3,", "id: 2,").replace("3: -1,", "3: 9,"),
    )
    .unwrap();
    let checked = journeymap(&["check", bad.to_str().unwrap()]);
    assert_eq!(checked.status.code(), Some(1));
    let file = bad.to_str().unwrap();
    let lines: Vec<String> = text(&checked.stderr).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 2, "every problem, one per line: {lines:?}");
    assert!(
        lines[0].starts_with(&format!("{file}:29:25: duplicate id 2")),
        "{lines:?}"
    );
    assert!(lines[1].starts_with(&format!("{file}:57:17:")), "{lines:?}");
    assert!(
        lines[1].contains("scores touchpoint 3, but nothing in the map has the id 3"),
        "{lines:?}"
    );
    assert!(checked.stdout.is_empty());
}

/// A version-1 file (a template as an early release saved it) opens as the same map as the
/// bundled template, with every lock off; it saves as version 3, and the version-3 text opens
/// as the same map again. Nothing is lost: every note keeps its stage (now its anchor) and its
/// place in the cell, every card its channel.
#[test]
fn version_1_files_open_as_the_current_version_losslessly() {
    let v1 = include_str!("fixtures/hotel-stay-v1.ron");
    assert!(v1.contains("\n    version: 1,\n"));
    let map = io::from_ron(v1).expect("a version-1 file opens");
    let mut template = templates::find("hotel-stay-en").expect("template").map();
    // Version 1 had no notes about the whole journey, such as the COURTED legend.
    for lane in &mut template.lanes {
        lane.notes.retain(|n| n.anchor != Anchor::Journey);
    }
    assert_eq!(map, template, "the same map");
    assert!(map.stages.iter().all(|s| !s.locked));
    assert!(map.lanes.iter().all(|l| !l.locked));
    let saved = io::to_ron(&map);
    assert!(saved.starts_with("(\n    format: \"journeymap\",\n    version: 6,\n"));
    assert_eq!(io::from_ron(&saved).expect("reloads"), map);
    // The old file's words, every one, are in the new file.
    for line in v1
        .lines()
        .filter(|l| l.trim_start().starts_with("text:") || l.trim_start().starts_with("title:"))
    {
        assert!(saved.contains(line.trim()), "{line}");
    }
    // Cards that named no channel in version 1 said "Other"; they still do.
    let unnamed = v1.matches("title:").count() - 1 - v1.matches("channel:").count();
    let other = saved.matches("channel: Some(Other)").count();
    assert_eq!(other, unnamed + v1.matches("channel: Other").count());

    let mut locked = map.clone();
    locked.lanes[0].locked = true;
    locked.stages[1].locked = true;
    let text = io::to_ron(&locked);
    assert_eq!(text.matches("locked: true").count(), 2, "{text}");
    assert_eq!(io::from_ron(&text).expect("reloads"), locked);
}

/// Every bundled template and every fixture of an older version opens and saves as version 6;
/// a version-2 file with notes, locks and channels migrates field by field.
#[test]
fn every_older_file_opens_and_saves_as_the_current_version() {
    let v2 = io::from_ron(BASE_V2).expect("a version-2 file opens");
    let note = &v2.lanes[0].notes[0];
    assert_eq!(note.anchor, Anchor::Stage(StageId(1)));
    assert_eq!(v2.stages[0].touchpoints[0].channel, Some(Channel::WeChat));
    assert_eq!(v2.options, MapOptions::default());
    let saved = io::to_ron(&v2);
    assert!(
        saved.contains("version: 6,") && saved.contains("anchor: Stage(1),"),
        "{saved}"
    );
    assert_eq!(io::from_ron(&saved).expect("reloads"), v2);

    for fixture in ["fixtures/hotel-stay-v1.ron", "fixtures/restaurant-v0.ron"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests")
            .join(fixture);
        let map = io::from_bytes(&std::fs::read(&path).expect("fixture")).expect(fixture);
        assert_eq!(
            io::from_ron(&io::to_ron(&map)).expect("reloads"),
            map,
            "{fixture}"
        );
    }
    for template in templates::ALL {
        let text = io::to_ron(&template.map());
        assert!(text.contains("version: 6,"), "{}", template.name);
    }
}

// ---------------------------------------------------------------------------------------------
// Bad input, each reported where it is

const BASE: &str = r##"(
    format: "journeymap",
    version: 3,
    header: (
        title: "Noodle bar",
        personas: [
            (
                id: 7,
                name: "Wen",
            ),
        ],
    ),
    scale: (
        min: -2,
        max: 2,
    ),
    stages: [
        (
            id: 1,
            name: "Order",
            colour: "#3a7bd5",
            touchpoints: [
                (
                    id: 2,
                    title: "Scan the menu",
                    channel: Some(WeChat),
                ),
                (
                    id: 3,
                    title: "Wait",
                ),
            ],
        ),
    ],
    lanes: [
        (
            id: 4,
            name: "Pain points",
            kind: PainPoints,
            notes: [
                (
                    id: 5,
                    anchor: Stage(1),
                    text: "No staff",
                ),
            ],
        ),
    ],
    curves: [
        (
            id: 6,
            name: "As-is",
            colour: "#c0395a",
            persona: Some(7),
            scores: {
                2: 1,
                3: -1,
            },
        ),
    ],
)
"##;

/// The same map as [`BASE`] in version 2: notes filed under their stage, a channel on every
/// touchpoint that names one.
const BASE_V2: &str = r##"(
    format: "journeymap",
    version: 2,
    header: (
        title: "Noodle bar",
    ),
    stages: [
        (
            id: 1,
            name: "Order",
            colour: "#3a7bd5",
            touchpoints: [
                (
                    id: 2,
                    title: "Scan the menu",
                    channel: WeChat,
                ),
            ],
        ),
    ],
    lanes: [
        (
            id: 4,
            name: "Pain points",
            kind: PainPoints,
            notes: {
                1: [
                    (
                        id: 5,
                        text: "No staff",
                    ),
                ],
            },
        ),
    ],
)
"##;

/// A version-3 file opens, and saves as version 6 with only its version changed.
#[test]
fn the_base_sample_is_a_sound_normalised_file() {
    let map = io::from_ron(BASE).expect("base loads");
    assert_eq!(
        io::to_ron(&map),
        BASE.replacen("version: 3,", "version: 6,", 1)
    );
}

/// Conflict marks (version 4) round-trip to the same bytes, and a mark on something the map no
/// longer has is not saved.
#[test]
fn conflict_marks_are_saved_and_read_back() {
    let text = BASE
        .replacen("version: 3,", "version: 6,", 1)
        .replacen("    ],\n)\n", MARKS, 1);
    let map = io::from_ron(&text).expect("loads");
    assert_eq!(map.conflicts.len(), 1);
    assert_eq!(map.conflicts[0].on, Subject::Touchpoint(TouchpointId(2)));
    assert_eq!(io::to_ron(&map), text, "the same bytes");
    let mut gone = map.clone();
    gone.stages[0]
        .touchpoints
        .retain(|t| t.id != TouchpointId(2));
    gone.curves[0].scores.remove(&TouchpointId(2));
    assert!(!io::to_ron(&gone).contains("conflicts"));
}

/// The COURTED checklist and moments of truth (version 5) are saved, only where given, and read
/// back.
#[test]
fn courted_checks_and_moments_of_truth_are_saved_and_read_back() {
    let mut map = io::from_ron(BASE).expect("loads");
    let card = &mut map.stages[0].touchpoints[0];
    card.moment_of_truth = true;
    card.courted.set(Quality::TimeSaving, Check::Fail);
    card.courted.set(Quality::Clean, Check::Pass);
    let text = io::to_ron(&map);
    assert!(
        text.contains(
            "moment_of_truth: true,\n                    courted: (\n                        clean: Pass,\n                        time_saving: Fail,\n                    ),"
        ),
        "{text}"
    );
    assert_eq!(io::from_ron(&text).expect("reloads"), map);
    assert_eq!(
        text.matches("courted").count(),
        1,
        "cards without checks say nothing"
    );
}

/// The end of [`BASE`] with one conflict mark.
const MARKS: &str = r#"    ],
    conflicts: [
        (
            on: Touchpoint(2),
            field: "title",
            ours: Text("Scan the QR code"),
            theirs: Text("扫码点餐"),
        ),
    ],
)
"#;

#[test]
fn bad_input_is_reported_at_its_line_and_column() {
    let replace = |from: &str, to: &str| {
        assert!(BASE.contains(from), "{from}");
        BASE.replacen(from, to, 1).into_bytes()
    };
    let mut non_utf8 = BASE.as_bytes().to_vec();
    let at = BASE.find("Noodle").unwrap() + 5;
    non_utf8[at] = 0xe9; // Latin-1 é
    /// What the case is, the bytes, where the first problem is, what its message says.
    type Case = (&'static str, Vec<u8>, (usize, usize), &'static str);
    let cases: Vec<Case> = vec![
        (
            "truncated",
            BASE.as_bytes()[..BASE.find("the menu").unwrap()].to_vec(),
            (25, 28),
            "ends too early",
        ),
        (
            "truncated between values",
            BASE.as_bytes()[..BASE.find("    lanes").unwrap()].to_vec(),
            (34, 6),
            "ends too early",
        ),
        (
            "wrong field type: a number written as text",
            replace("id: 2,", "id: \"two\","),
            (24, 25),
            "`id` holds a whole number, e.g. `id: 3`; found `\"two\"`",
        ),
        (
            "wrong field type: text written as a number",
            replace("title: \"Wait\",", "title: 42,"),
            (30, 28),
            "`title` holds text in double quotes",
        ),
        (
            "an optional value written bare",
            replace("persona: Some(7),", "persona: 7,"),
            (54, 22),
            "write `Some(7)`",
        ),
        (
            "a string left open",
            replace("title: \"Wait\",", "title: \"Wait,"),
            (30, 28),
            "this string is not closed",
        ),
        (
            "unknown field",
            replace("title: \"Wait\",", "title: \"Wait\",\n mood: 3,"),
            (31, 2),
            "Unexpected field named `mood` in `Touchpoint`",
        ),
        (
            "duplicate id, with the line of both",
            replace("id: 3,", "id: 2,"),
            (29, 25),
            "duplicate id 2: touchpoint \"Wait\" has the id of touchpoint \"Scan the menu\"; every id in a map must be different (the first is at line 24:25)",
        ),
        (
            "score outside the scale",
            replace("3: -1,", "3: -5,"),
            (57, 17),
            "score -5 is outside the scale -2..2",
        ),
        (
            "a note anchored to a stage that is not there",
            replace("anchor: Stage(1),", "anchor: Stage(9),"),
            (43, 29),
            "names stage 9, but nothing in the map has the id 9",
        ),
        (
            "a touchpoint's id where a stage's belongs",
            replace("anchor: Stage(1),", "anchor: Stage(2),"),
            (43, 29),
            "names stage 2, but 2 is a touchpoint; a note anchors to",
        ),
        (
            "a run out of order",
            replace("anchor: Stage(1),", "anchor: Touchpoints(3, 2),"),
            (43, 29),
            "first comes after its last",
        ),
        (
            "a stage's id among touchpoint scores",
            replace("3: -1,", "1: -1,"),
            (57, 17),
            "1 is a stage; a stage's score goes in stage_scores",
        ),
        (
            "conflict marks in a version 3 file",
            BASE.replacen("    ],\n)\n", MARKS, 1).into_bytes(),
            (61, 16),
            "conflict marks came with file format version 4",
        ),
        (
            "a conflict mark on a field its item does not have",
            BASE.replacen("version: 3,", "version: 4,", 1)
                .replacen("    ],\n)\n", &MARKS.replace("\"title\"", "\"colour\""), 1)
                .into_bytes(),
            (64, 20),
            "\"colour\" is not a field a conflict can be about here",
        ),
        (
            "a moment of truth in a version 3 file",
            replace(
                "channel: Some(WeChat),\n",
                "channel: Some(WeChat),\n                    moment_of_truth: true,\n",
            ),
            (27, 38),
            "`moment_of_truth` came with file format version 5, but this file says version 3",
        ),
        (
            "newer version",
            replace("version: 3,", "version: 7,"),
            (3, 14),
            "newer Journey Map (file format version 7)",
        ),
        (
            "not our format",
            replace("\"journeymap\"", "\"mindmap\""),
            (2, 13),
            "not a Journey Map file",
        ),
        ("empty file", Vec::new(), (1, 1), "the file is empty"),
        (
            "only blank lines",
            b"\n\n  \n".to_vec(),
            (1, 1),
            "the file is empty",
        ),
        ("non-UTF-8 bytes", non_utf8, (5, 22), "not UTF-8"),
        (
            "not RON at all",
            b"title = \"Noodle bar\"\n".to_vec(),
            (1, 1),
            "not a Journey Map file",
        ),
        (
            "JSON",
            br#"{"format": "journeymap"}"#.to_vec(),
            (1, 1),
            "not a Journey Map file",
        ),
        (
            "version 2: notes under a stage that is not there",
            BASE_V2
                .replacen("                1: [", "                3: [", 1)
                .into_bytes(),
            (27, 17),
            "lane \"Pain points\" has notes for stage 3, but nothing in the map has the id 3",
        ),
        (
            "version 2: notes under a touchpoint's id",
            BASE_V2
                .replacen("                1: [", "                2: [", 1)
                .into_bytes(),
            (27, 17),
            "but 2 is a touchpoint; in a version 1 or 2 file, notes are listed under the id of their stage",
        ),
    ];
    for (what, bytes, (line, col), message) in cases {
        let err = io::from_bytes(&bytes).expect_err(what);
        let io::LoadError::Invalid(problems) = &err else {
            panic!("{what}: {err}");
        };
        let first = &problems[0];
        let at = first
            .at
            .unwrap_or_else(|| panic!("{what}: no position: {first:?}"));
        assert_eq!((at.line, at.col), (line, col), "{what}: {}", first.message);
        assert!(
            first.message.contains(message),
            "{what}: {:?}",
            first.message
        );
    }
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let with_bom = format!("\u{feff}{BASE}");
    assert!(io::from_ron(&with_bom).is_ok());
}

// ---------------------------------------------------------------------------------------------
// Older versions

#[test]
fn version_0_files_are_migrated() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/restaurant-v0.ron");
    let map = open(&path).expect("v0 sample loads");
    assert_eq!(map.header.title, "Lunch at the noodle bar");
    assert_eq!(map.header.personas.len(), 1);
    assert_eq!(map.header.personas[0].name, "Wang, office worker");
    assert_eq!(map.scale, EmotionScale::default());
    assert_eq!(map.summary(), "stages=2 touchpoints=4 lanes=2 curves=1");

    let curve = &map.curves[0];
    assert_eq!(curve.persona, Some(map.header.personas[0].id));
    let scores: Vec<(u32, i32)> = curve.scores.iter().map(|(t, s)| (t.0, *s)).collect();
    assert_eq!(
        scores,
        [(2, 1), (3, -1), (5, 2)],
        "touchpoint 6 had no score"
    );

    let pains = &map.lanes[0];
    assert_eq!(pains.kind, LaneKind::PainPoints);
    let texts: Vec<&str> = pains
        .notes_in(StageId(1))
        .iter()
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(texts, ["No staff in sight", "QR code hard to read"]);
    assert!(map.validate().is_empty());

    // Migration is deterministic, and the result saves as the current version.
    assert_eq!(open(&path).expect("again"), map);
    let saved = io::to_ron(&map);
    assert!(saved.contains("version: 6,"));
    assert_eq!(io::from_ron(&saved).expect("reloads"), map);
}

// ---------------------------------------------------------------------------------------------
// Round trips of generated maps

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ]{0,12}",
        "[旅程顾客体验触点痛点，。！]{0,8}",
        proptest::collection::vec(any::<char>(), 0..10).prop_map(String::from_iter),
    ]
}

fn any_channel() -> impl Strategy<Value = Channel> {
    prop_oneof![
        (0..Channel::NAMED.len()).prop_map(|i| Channel::NAMED[i].clone()),
        any_text().prop_map(Channel::Custom),
    ]
}

type TouchpointParts = (String, String, Channel, String, u32, bool);

prop_compose! {
    fn any_map()(
        title in any_text(),
        scenario in any_text(),
        personas in proptest::collection::vec((any_text(), any_text(), proptest::collection::vec(any_text(), 0..3)), 0..3),
        (min, max) in (-5i32..=0, 1i32..=10),
        labels in proptest::collection::vec((any_text(), proptest::option::of(any_text())), 0..4),
        stages in proptest::collection::vec(
            (any_text(), any::<(u8, u8, u8)>(), proptest::collection::vec(
                (any_text(), any_text(), any_channel(), any_text(), 0u32..20, any::<bool>()), 0..5)),
            0..5),
        lanes in proptest::collection::vec(
            (any_text(), 0..LaneKind::ALL.len(), proptest::collection::vec(proptest::collection::vec((any_text(), 0u32..5), 0..3), 0..5)),
            0..4),
        curves in proptest::collection::vec((any_text(), any::<(u8, u8, u8)>(), any::<bool>(), proptest::collection::vec(proptest::option::of(any::<i32>()), 0..25)), 0..3),
        extras in (any::<u64>(), any_text(), any_text()),
    ) -> JourneyMap {
        let mut map = build_map(title, scenario, personas, (min, max), labels, stages, lanes, curves);
        add_extras(&mut map, extras);
        map
    }
}

/// The fields of format version 3, drawn from `seed`: notes anchored to runs, cards and the
/// journey, owners and metrics, stage scores, descriptions, actors, links, a neutral level,
/// a credit line and the layout options.
fn add_extras(map: &mut JourneyMap, (seed, words, more): (u64, String, String)) {
    let mut state = seed | 1;
    let mut next = move |n: usize| -> usize {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        if n == 0 {
            0
        } else {
            (state % n as u64) as usize
        }
    };
    map.header.source.clone_from(&words);
    if next(3) == 0 {
        map.scale.neutral =
            Some(map.scale.min + next((map.scale.max - map.scale.min + 1) as usize) as i32);
    }
    let stages: Vec<StageId> = map.stages.iter().map(|s| s.id).collect();
    let cards: Vec<TouchpointId> = map.touchpoints().map(|t| t.id).collect();
    let personas: Vec<PersonaId> = map.header.personas.iter().map(|p| p.id).collect();
    for stage in &mut map.stages {
        if next(2) == 0 {
            stage.description.clone_from(&more);
        }
        for tp in &mut stage.touchpoints {
            tp.actors = personas.iter().copied().filter(|_| next(2) == 0).collect();
            if next(3) == 0 {
                tp.link = Some(format!("https://example.com/{}", next(1000)));
            }
            if next(4) == 0 {
                tp.channel = None;
            }
        }
    }
    let (min, max) = (map.scale.min, map.scale.max);
    for curve in &mut map.curves {
        for stage in &stages {
            if next(3) == 0 {
                curve
                    .stage_scores
                    .insert(*stage, min + next((max - min + 1) as usize) as i32);
            }
        }
    }
    let mut ids = map.id_allocator();
    for lane in &mut map.lanes {
        for _ in 0..next(4) {
            let anchor = match next(4) {
                0 if !stages.is_empty() => {
                    let a = next(stages.len());
                    let b = a + next(stages.len() - a);
                    Anchor::Stages(stages[a], stages[b])
                }
                1 if !cards.is_empty() => {
                    let a = next(cards.len());
                    let b = a + next(cards.len() - a);
                    Anchor::Touchpoints(cards[a], cards[b])
                }
                2 if !cards.is_empty() => Anchor::Touchpoint(cards[next(cards.len())]),
                _ => Anchor::Journey,
            };
            let mut note = Note::new(ids.note(), words.clone(), anchor);
            if next(2) == 0 {
                note.owner.clone_from(&more);
                note.metric.clone_from(&words);
            }
            let at = next(lane.notes.len() + 1);
            lane.notes.insert(at, note);
        }
    }
    map.options = MapOptions {
        number_steps: next(2) == 0,
        show_touchpoint_notes: next(2) == 0,
        wrap: match next(4) {
            0 => Wrap::AfterStages(1 + next(5) as u32),
            1 => Wrap::Page(PageShape::A4Landscape),
            2 => Wrap::Page(PageShape::A3Landscape),
            _ => Wrap::None,
        },
        touchpoints_name: if next(2) == 0 {
            more.clone()
        } else {
            String::new()
        },
        emotion_name: if next(2) == 0 {
            words.clone()
        } else {
            String::new()
        },
        touchpoints_row: next(4) as u32,
        emotion_row: next(5) as u32,
    };
}

#[allow(clippy::type_complexity, clippy::too_many_arguments)]
fn build_map(
    title: String,
    scenario: String,
    personas: Vec<(String, String, Vec<String>)>,
    (min, max): (i32, i32),
    labels: Vec<(String, Option<String>)>,
    stages: Vec<(String, (u8, u8, u8), Vec<TouchpointParts>)>,
    lanes: Vec<(String, usize, Vec<Vec<(String, u32)>>)>,
    curves: Vec<(String, (u8, u8, u8), bool, Vec<Option<i32>>)>,
) -> JourneyMap {
    let mut ids = IdAllocator::after(0);
    let personas: Vec<Persona> = personas
        .into_iter()
        .map(|(name, description, goals)| Persona {
            id: ids.persona(),
            name,
            description,
            goals,
        })
        .collect();
    let stages: Vec<Stage> = stages
        .into_iter()
        .map(|(name, (r, g, b), tps)| {
            let id = ids.stage();
            Stage {
                touchpoints: tps
                    .into_iter()
                    .map(
                        |(title, description, channel, notes, votes, locked)| Touchpoint {
                            description,
                            channel: Some(channel),
                            notes,
                            votes,
                            locked,
                            ..Touchpoint::new(ids.touchpoint(), title)
                        },
                    )
                    .collect(),
                ..Stage::new(id, name, Rgb::new(r, g, b))
            }
        })
        .collect();
    let touchpoint_ids: Vec<TouchpointId> = stages
        .iter()
        .flat_map(|s| s.touchpoints.iter().map(|t| t.id))
        .collect();
    let lanes = lanes
        .into_iter()
        .map(|(name, kind, cells)| {
            let id = ids.lane();
            Lane {
                notes: cells
                    .into_iter()
                    .zip(&stages)
                    .flat_map(|(cell, stage)| cell.into_iter().map(move |n| (stage.id, n)))
                    .map(|(stage, (text, votes))| Note {
                        votes,
                        ..Note::new(ids.note(), text, Anchor::Stage(stage))
                    })
                    .collect(),
                ..Lane::new(id, name, LaneKind::ALL[kind])
            }
        })
        .collect();
    let curves = curves
        .into_iter()
        .map(|(name, (r, g, b), with_persona, scores)| EmotionCurve {
            persona: personas.first().filter(|_| with_persona).map(|p| p.id),
            scores: touchpoint_ids
                .iter()
                .zip(scores)
                .filter_map(|(tp, score)| score.map(|s| (*tp, min + s.rem_euclid(max - min + 1))))
                .collect::<BTreeMap<_, _>>(),
            ..EmotionCurve::new(ids.curve(), name, Rgb::new(r, g, b))
        })
        .collect();
    let levels = labels
        .into_iter()
        .zip(min..=max)
        .map(|((label, emoji), value)| ScaleLevel {
            value,
            label,
            emoji,
        })
        .collect();
    JourneyMap {
        header: Header {
            title,
            personas,
            scenario,
            expectations: String::new(),
            source: String::new(),
        },
        scale: EmotionScale {
            min,
            max,
            levels,
            neutral: None,
        },
        stages,
        lanes,
        curves,
        options: MapOptions::default(),
        conflicts: Vec::new(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn generated_maps_round_trip_through_ron(map in any_map()) {
        prop_assert_eq!(map.validate(), vec![]);
        let text = io::to_ron(&map);
        let back = io::from_ron(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&back, &map);
        prop_assert_eq!(io::to_ron(&back), text);
    }

    #[test]
    fn a_one_field_edit_is_a_one_line_diff(map in any_map(), title in "[a-z]{1,8}") {
        prop_assume!(!map.stages.is_empty());
        let mut edited = map.clone();
        edited.stages[0].name = format!("{}{title}", map.stages[0].name);
        let (before, after) = (io::to_ron(&map), io::to_ron(&edited));
        let changed = before.lines().zip(after.lines()).filter(|(a, b)| a != b).count();
        prop_assert_eq!(before.lines().count(), after.lines().count());
        prop_assert_eq!(changed, 1);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        for format in journeymap::formats::Format::ALL {
            let _ = journeymap::formats::read(&bytes, format);
        }
    }

    /// Generated maps through Mermaid and a table: what comes back reads, is sound, and keeps
    /// every touchpoint's title.
    #[test]
    fn generated_maps_export_to_mermaid_and_csv_and_import_again(map in any_map()) {
        let titles = |m: &JourneyMap| m.touchpoints().map(|t| t.title.trim().to_owned()).collect::<Vec<_>>();
        let (text, _) = io::to_mermaid(&map);
        let back = io::from_mermaid(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?.map;
        prop_assert!(back.validate().is_empty());
        prop_assert_eq!(back.touchpoint_count(), map.touchpoint_count());
        let (table, _) = io::to_csv(&map);
        let back = io::from_csv(&table).map_err(|e| TestCaseError::fail(e.to_string()))?.map;
        prop_assert!(back.validate().is_empty());
        prop_assert_eq!(titles(&back), titles(&map));
    }

    /// Mermaid-like text made of its own pieces never panics, and what reads is sound.
    #[test]
    fn mermaid_made_of_its_own_pieces_never_panics(lines in proptest::collection::vec(
        prop_oneof![
            Just("journey".to_owned()),
            Just("  section A".to_owned()),
            Just("title T".to_owned()),
            Just("accDescr {".to_owned()),
            Just("}".to_owned()),
            Just("%% jm touchpoint 3".to_owned()),
            Just("%% jm curve 3 Me".to_owned()),
            Just("---".to_owned()),
            "[a-zé再 ]{0,6}:[ 0-9x.-]{0,4}(:[ A-Z,]{0,5})?",
        ],
        0..12,
    )) {
        let text = lines.join("\n");
        if let Ok(imported) = io::from_mermaid(&text) {
            prop_assert!(imported.map.validate().is_empty());
        }
    }

    #[test]
    fn mangled_map_files_never_panic(map in any_map(), cut in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let mut bytes = io::to_ron(&map).into_bytes();
        let at = cut.index(bytes.len());
        bytes[at] = byte;
        let _ = io::from_bytes(&bytes);
        let _ = io::from_bytes(&bytes[..at]);
    }
}

// ---------------------------------------------------------------------------------------------
// Crash safety

/// Kills `journeymap export` while it saves a big map over a small one, at the two moments
/// that matter: just before the new file is renamed over the old one (the old file must be
/// whole) and just after (the new one must be). A test-only pause holds the writer at each
/// moment until it is killed, so neither outcome depends on timing.
#[test]
fn a_crash_mid_save_leaves_the_old_file_or_the_new_one_whole() {
    use std::io::{BufRead, BufReader};
    let temporaries = |dir: &Path| -> Vec<String> {
        std::fs::read_dir(dir)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let big = JourneyMap::generated(2000);
    let big_path = dir.path().join("big.ron");
    io::save(&big_path, &big).expect("save big");
    let new_bytes = std::fs::read(&big_path).expect("read big");
    let old_bytes = io::to_ron(&JourneyMap::blank("old")).into_bytes();

    for (moment, expected) in [("before-rename", &old_bytes), ("after-rename", &new_bytes)] {
        let target = dir.path().join(format!("{moment}.ron"));
        std::fs::write(&target, &old_bytes).expect("the old file");
        let mut child = Command::new(env!("CARGO_BIN_EXE_journeymap"))
            .args([
                "export",
                big_path.to_str().expect("utf-8"),
                "-o",
                target.to_str().expect("utf-8"),
            ])
            .env("JOURNEYMAP_PAUSE_SAVE", moment)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        let stderr = child.stderr.take().expect("stderr");
        let mut line = String::new();
        BufReader::new(stderr).read_line(&mut line).expect("read");
        assert_eq!(line.trim(), format!("journeymap: paused {moment}"));
        child.kill().expect("kill");
        child.wait().expect("wait");
        let now = std::fs::read(&target).expect("the target exists after the crash");
        assert!(
            now == *expected,
            "killed {moment}: the target holds {} bytes, not the expected file whole",
            now.len()
        );
        if moment == "before-rename" {
            assert_eq!(
                temporaries(dir.path()).len(),
                1,
                "the killed write left its file"
            );
        }
    }
    // The next write in that folder took the killed write's temporary file away, and the one
    // after leaves none of its own either.
    assert_eq!(temporaries(dir.path()), Vec::<String>::new());
    let next = dir.path().join("next.ron");
    let run = journeymap(&[
        "export",
        big_path.to_str().expect("utf-8"),
        "-o",
        next.to_str().expect("utf-8"),
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert_eq!(temporaries(dir.path()), Vec::<String>::new());
}

// ---------------------------------------------------------------------------------------------
// Hostile input: every case ends well inside a generous watchdog, with a clear message

/// Runs the command line, failing the test if it has not finished within `seconds` (a hang),
/// never timing the machine otherwise.
fn journeymap_within(seconds: u64, args: &[&str]) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the journeymap binary runs");
    let id = child.id();
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(child.wait_with_output());
    });
    match finished.recv_timeout(std::time::Duration::from_secs(seconds)) {
        Ok(output) => output.expect("output"),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &id.to_string()]).status();
            panic!("journeymap {args:?} did not finish within {seconds} s: it hangs");
        }
    }
}

/// A map file of `n` touchpoints in stages of ten, each scored.
fn big_map_text(n: usize) -> String {
    io::to_ron(&JourneyMap::plain(n))
}

#[test]
fn huge_and_hostile_files_are_refused_quickly_and_said_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        path.to_str().expect("utf-8").to_owned()
    };
    let check = |path: &str| journeymap_within(30, &["check", path]);

    // 200 000 touchpoints (a 17 MB file): refused by the limit, at once.
    let huge = write("huge.ron", &big_map_text(200_000));
    let run = check(&huge);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        text(&run.stderr).contains("this map has 200000 touchpoints; a map holds at most 10000"),
        "{}",
        text(&run.stderr)
    );

    // 10 000 duplicate ids, and 10 000 scores of touchpoints that are not there: the first 50
    // problems at their lines, then how many more.
    let many = big_map_text(5_000);
    let duplicated = many.replace("            id: ", "            id: 7, //");
    let run = check(&write("dups.ron", &duplicated));
    let lines: Vec<String> = text(&run.stderr).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), io::MAX_REPORTED + 1, "{:?}", &lines[..3]);
    assert!(
        lines[0].contains(":1") || lines[0].contains("duplicate id"),
        "{}",
        lines[0]
    );
    assert!(
        lines.last().expect("lines").contains("more problems"),
        "{lines:?}"
    );
    let bad_scores = many.replace(": 1,\n", ": 9,\n");
    let run = check(&write("scores.ron", &bad_scores));
    assert!(
        text(&run.stderr).contains("outside the scale"),
        "{}",
        text(&run.stderr)
    );
    assert!(text(&run.stderr).contains("more problems"));

    // Scales far too wide, or with thousands of levels: refused, never drawn.
    let base = io::to_ron(&templates::find("restaurant-en").expect("template").map());
    for (min, max) in [("0", "10000000"), ("-2147483648", "2147483647")] {
        let wide = base
            .replacen("min: -2,", &format!("min: {min},"), 1)
            .replacen("max: 2,", &format!("max: {max},"), 1);
        let path = write("wide.ron", &wide);
        let run = journeymap_within(
            30,
            &[
                "export",
                &path,
                "-o",
                &dir.path().join("wide.png").to_string_lossy(),
            ],
        );
        assert_eq!(run.status.code(), Some(1), "{}", text(&run.stderr));
        assert!(
            text(&run.stderr).contains("a scale spans at most 20 steps"),
            "{}",
            text(&run.stderr)
        );
    }
    let levels: String = (0..30_000)
        .map(|v| format!("(value: {v}, label: \"L\"),"))
        .collect();
    let many_levels = base.replacen("levels: [", &format!("levels: [{levels}"), 1);
    let run = check(&write("levels.ron", &many_levels));
    assert_eq!(run.status.code(), Some(1));

    // A 10 MB title is cut in the message that quotes it.
    let long_title = base.replacen(
        "title: \"Friday",
        &format!("title: \"{}", "x".repeat(10_000_000)),
        1,
    );
    let run = check(&write("title.ron", &long_title));
    let stderr = text(&run.stderr);
    assert!(
        stderr.contains("a text on a map holds at most 10000"),
        "{}",
        &stderr[..stderr.len().min(300)]
    );
    assert!(
        stderr.len() < 2_000,
        "the message is {} bytes",
        stderr.len()
    );

    // A 1 GB file is refused from its size, before it is read.
    let gigabyte = dir.path().join("gigabyte.ron");
    std::fs::File::create(&gigabyte)
        .expect("create")
        .set_len(1 << 30)
        .expect("sparse");
    let run = check(gigabyte.to_str().expect("utf-8"));
    assert!(
        text(&run.stderr)
            .contains("the file is 1073.7 MB; Journey Map opens map files up to 67 MB"),
        "{}",
        text(&run.stderr)
    );

    // A name with an escape sequence is printed escaped.
    let run = check(&dir.path().join("a\u{1b}[31mred.ron").to_string_lossy());
    assert!(
        !text(&run.stderr).contains('\u{1b}'),
        "{:?}",
        text(&run.stderr)
    );
    assert!(
        text(&run.stderr).contains("\\u{1b}[31mred.ron"),
        "{:?}",
        text(&run.stderr)
    );
}

#[test]
fn a_thousand_touchpoints_of_long_text_export_within_the_limits() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut map = JourneyMap::generated(3_000);
    let long = "A long description that goes on and on. ".repeat(240);
    for stage in &mut map.stages {
        for tp in &mut stage.touchpoints {
            tp.description.clone_from(&long);
        }
    }
    assert!(map.validate().is_empty());
    let path = dir.path().join("long.ron");
    io::save(&path, &map).expect("save");
    let out = dir.path().join("long.png");
    let run = journeymap_within(
        120,
        &[
            "export",
            path.to_str().expect("utf-8"),
            "-o",
            out.to_str().expect("utf-8"),
            "--scale",
            "1",
        ],
    );
    assert!(run.status.success(), "{}", text(&run.stderr));
}

#[test]
fn writes_respect_read_only_files_links_long_names_and_say_the_real_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = dir.path().join("map.ron");
    io::save(
        &source,
        &templates::find("hotel-stay-en").expect("template").map(),
    )
    .expect("save");
    let source = source.to_str().expect("utf-8");
    let export =
        |to: &Path| journeymap_within(60, &["export", source, "-o", to.to_str().expect("utf-8")]);

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let kept = dir.path().join("kept.ron");
        std::fs::write(&kept, "theirs").expect("write");
        std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o444)).expect("chmod");
        let run = export(&kept);
        assert_eq!(run.status.code(), Some(1));
        assert!(
            text(&run.stderr).contains("is read-only; it was not replaced"),
            "{}",
            text(&run.stderr)
        );
        assert_eq!(std::fs::read(&kept).expect("read"), b"theirs");

        let real = dir.path().join("real.png");
        std::fs::write(&real, "old").expect("write");
        let link = dir.path().join("link.png");
        std::os::unix::fs::symlink(&real, &link).expect("link");
        assert!(export(&link).status.success());
        assert!(
            std::fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink(),
            "still a link"
        );
        assert!(
            std::fs::read(&real).expect("read").starts_with(b"\x89PNG"),
            "written through the link"
        );
    }

    let long = dir.path().join(format!("{}.ron", "n".repeat(246)));
    assert!(export(&long).status.success(), "a 250-byte name");

    let run = export(Path::new("/proc/map.ron"));
    assert_eq!(run.status.code(), Some(1));
    assert!(
        !text(&run.stderr).contains("does not exist"),
        "{}",
        text(&run.stderr)
    );
}

#[test]
fn a_damaged_png_still_opens_and_a_map_chunk_after_the_pixels_is_found() {
    let dir = tempfile::tempdir().expect("temp dir");
    let map = templates::find("silk-shop-zh").expect("template").map();
    let png = dir.path().join("m.png");
    journeymap::formats::write_by_name(
        &png,
        &map,
        &io::PictureSettings {
            scale: 1.0,
            ..Default::default()
        },
    )
    .expect("png");
    let bytes = std::fs::read(&png).expect("read");

    // Cut in half: the map (before the pixels) is whole; the picture is said to be damaged.
    let half = dir.path().join("half.png");
    std::fs::write(&half, &bytes[..bytes.len() / 2]).expect("write");
    let opened = journeymap::formats::open(&half).expect("the map is read");
    assert_eq!(opened.map, map);
    assert!(opened.damaged);
    let run = journeymap_within(30, &["check", half.to_str().expect("utf-8")]);
    assert!(run.status.success());
    assert!(
        text(&run.stderr).contains("the picture is damaged"),
        "{}",
        text(&run.stderr)
    );

    // The map chunk moved after the image data (as some tools write text chunks): found.
    let chunks = png_chunks(&bytes);
    let mut moved = b"\x89PNG\r\n\x1a\n".to_vec();
    let is_map = |c: &[u8]| &c[4..8] == b"iTXt";
    for chunk in chunks.iter().filter(|c| !is_map(c) && &c[4..8] != b"IEND") {
        moved.extend_from_slice(chunk);
    }
    for chunk in chunks.iter().filter(|c| is_map(c)) {
        moved.extend_from_slice(chunk);
    }
    moved.extend_from_slice(chunks.last().expect("IEND"));
    let after = dir.path().join("after.png");
    std::fs::write(&after, &moved).expect("write");
    let opened = journeymap::formats::open(&after).expect("found after the pixels");
    assert_eq!(opened.map, map);
    assert!(!opened.damaged);
}

/// The chunks of a PNG, each whole (length, type, data, checksum).
fn png_chunks(bytes: &[u8]) -> Vec<&[u8]> {
    let mut rest = &bytes[8..];
    let mut out = Vec::new();
    while rest.len() >= 12 {
        let len = u32::from_be_bytes(rest[..4].try_into().expect("4 bytes")) as usize;
        out.push(&rest[..len + 12]);
        rest = &rest[len + 12..];
    }
    out
}

/// What fuzzing found (`tests/fixtures/fuzz/<target>-<what>.<ext>`), each now a clear error or
/// a map, never a crash.
#[test]
fn every_input_fuzzing_found_is_read_without_a_crash() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut found = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let result = std::panic::catch_unwind(|| {
            if name.starts_with("clip_reader") {
                let _ = std::str::from_utf8(&bytes).map(io::clip_from_text);
            } else {
                use journeymap::formats::Format;
                let format = if name.starts_with("mermaid_reader") {
                    Format::Mermaid
                } else if name.starts_with("csv_reader") {
                    Format::Csv
                } else {
                    Format::sniff(&bytes)
                };
                let _ = journeymap::formats::read(&bytes, format);
            }
        });
        assert!(result.is_ok(), "{name} crashes the reader");
        found += 1;
    }
    assert!(found >= 2);
}

#[test]
fn a_version_0_file_with_ids_up_to_the_top_migrates_without_duplicates() {
    let v0 = r##"(
    format: "journeymap",
    version: 0,
    title: "Top",
    persona: Some("Wen"),
    stages: [
        (id: 4294967294, name: "A", colour: "#3a7bd5", touchpoints: [(id: 4294967295, title: "t", emotion: Some(1))]),
    ],
    lanes: [(name: "Pains", kind: PainPoints, notes: {4294967294: ["x", "y"]})],
)
"##;
    let map = io::from_ron(v0).expect("migrates");
    assert_eq!(map.validate(), vec![]);
    assert_eq!(map.lanes[0].notes.len(), 2);
    assert_eq!(
        map.curves[0].scores.values().copied().collect::<Vec<_>>(),
        [1]
    );
}

// ---------------------------------------------------------------------------------------------
// Pictures that open again as maps

fn png_size(path: &Path) -> (u32, u32) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(path).expect("open png"),
    ));
    let reader = decoder.read_info().expect("a PNG");
    let info = reader.info();
    (info.width, info.height)
}

#[test]
fn png_and_svg_exports_scale_exactly_and_open_again_as_the_same_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = |name: &str| dir.path().join(name).to_str().expect("utf-8").to_owned();
    assert!(
        journeymap(&["new", "silk-shop-zh", "-o", &p("t.ron")])
            .status
            .success()
    );
    let source = p("t.ron");
    for (args, out) in [
        (vec!["--scale", "1"], "a.png"),
        (vec!["--scale", "2"], "b.png"),
        (vec![], "c.svg"),
    ] {
        let target = p(out);
        let mut all = vec!["export", source.as_str(), "-o", target.as_str()];
        all.extend(args);
        let run = journeymap(&all);
        assert!(run.status.success(), "{out}: {}", text(&run.stderr));
    }
    let (w1, h1) = png_size(Path::new(&p("a.png")));
    let (w2, h2) = png_size(Path::new(&p("b.png")));
    assert!(w1 > 100 && h1 > 100);
    assert_eq!((w2, h2), (2 * w1, 2 * h1), "twice as wide and high");

    let original = std::fs::read(p("t.ron")).expect("t.ron");
    for picture in ["a.png", "b.png", "c.svg"] {
        let back = p(&format!("{picture}.ron"));
        let run = journeymap(&["export", &p(picture), "-o", &back]);
        assert!(run.status.success(), "{picture}: {}", text(&run.stderr));
        assert_eq!(
            std::fs::read(&back).expect("back"),
            original,
            "{picture} gives the map back"
        );
        let checked = journeymap(&["check", &p(picture)]);
        assert!(checked.status.success(), "a picture checks like its map");
    }
    let svg = std::fs::read_to_string(p("c.svg")).expect("svg");
    assert!(
        svg.contains("<text") && svg.contains("丝"),
        "text stays text, Chinese included"
    );
}

/// Published journey maps transcribed by hand (each names its source and licence in its credit
/// line): each checks, exports as PNG and SVG, and each picture opens again as exactly the map
/// (saving it gives the fixture's bytes). Together they hold notes across stages, under cards
/// and about the whole journey, actors, touchpoints with no channel, a curve with no scores, a
/// scale from 0 with no neutral level, and journeys long enough to wrap.
#[test]
fn published_maps_check_export_and_open_again_as_the_same_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/published");
    let mut names: Vec<_> = std::fs::read_dir(&fixtures)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .collect();
    names.sort();
    assert_eq!(names.len(), 3, "{names:?}");
    let mut anchors = std::collections::HashSet::new();
    let (mut actors, mut unnamed_channels, mut wrapped) = (0, 0, 0);
    for path in &names {
        let original = std::fs::read(path).expect("fixture");
        let map = io::from_bytes(&original).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            map.header.source.contains("http"),
            "{}: names its source",
            path.display()
        );
        assert_eq!(
            io::to_ron(&map).as_bytes(),
            &original[..],
            "{}: stored as saved",
            path.display()
        );
        for note in map.lanes.iter().flat_map(|l| &l.notes) {
            anchors.insert(std::mem::discriminant(&note.anchor));
        }
        actors += map.touchpoints().filter(|t| t.actors.len() > 1).count();
        unnamed_channels += map.touchpoints().filter(|t| t.channel.is_none()).count();
        wrapped += usize::from(map.options.wrap != Wrap::None);

        let source = path.to_str().expect("utf-8");
        for kind in ["png", "svg"] {
            let picture = dir.path().join(format!("map.{kind}"));
            let picture = picture.to_str().expect("utf-8");
            let run = journeymap(&["export", source, "-o", picture, "--scale", "1"]);
            assert!(
                run.status.success(),
                "{source} → {kind}: {}",
                text(&run.stderr)
            );
            let back = dir.path().join(format!("back-{kind}.ron"));
            let back = back.to_str().expect("utf-8");
            let run = journeymap(&["export", picture, "-o", back]);
            assert!(run.status.success(), "{kind} → ron: {}", text(&run.stderr));
            assert_eq!(
                std::fs::read(back).expect("back"),
                original,
                "{source}: the {kind} gives the map back"
            );
        }
    }
    assert!(
        anchors.len() >= 3,
        "spans of stages, notes under cards, notes about the whole journey"
    );
    assert!(actors >= 1 && unnamed_channels >= 40 && wrapped >= 2);
}

/// `new` and `export` write exactly the kind of file their output's name says, or nothing.
#[test]
fn every_command_writes_the_kind_its_output_names() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = |name: &str| dir.path().join(name).to_str().expect("utf-8").to_owned();
    let magic: [(&str, &[u8]); 3] = [
        ("m.ron", b"(\n    format: \"journeymap\""),
        ("m.png", b"\x89PNG\r\n\x1a\n"),
        ("m.svg", b"<?xml"),
    ];
    for (name, start) in magic {
        let new = journeymap(&["new", "hair-salon-en", "-o", &p(&format!("new-{name}"))]);
        assert!(new.status.success(), "{name}: {}", text(&new.stderr));
        let export = journeymap(&["export", &p(&format!("new-{name}")), "-o", &p(name)]);
        assert!(export.status.success(), "{name}: {}", text(&export.stderr));
        for written in [format!("new-{name}"), name.to_owned()] {
            let bytes = std::fs::read(p(&written)).expect("written");
            assert!(bytes.starts_with(start), "{written} is what its name says");
        }
    }
    for name in ["m.doc", "noextension"] {
        let run = journeymap(&["new", "hair-salon-en", "-o", &p(name)]);
        assert_eq!(run.status.code(), Some(1), "{name}");
        assert!(!Path::new(&p(name)).exists(), "{name}: nothing written");
    }
}

#[test]
fn a_png_without_a_map_is_refused_clearly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plain = dir.path().join("photo.png");
    {
        let file = std::fs::File::create(&plain).expect("create");
        let mut encoder = png::Encoder::new(file, 2, 2);
        encoder.set_color(png::ColorType::Rgba);
        let mut writer = encoder.write_header().expect("header");
        writer.write_image_data(&[255; 16]).expect("pixels");
    }
    let run = journeymap(&["check", plain.to_str().expect("utf-8")]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        text(&run.stderr).contains("carries no Journey Map"),
        "{}",
        text(&run.stderr)
    );
    let garbage = dir.path().join("garbage.png");
    std::fs::write(&garbage, b"not a png at all").expect("write");
    let run = journeymap(&["check", garbage.to_str().expect("utf-8")]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        text(&run.stderr).contains("not a readable PNG"),
        "{}",
        text(&run.stderr)
    );
}

#[test]
fn every_character_of_every_template_has_a_glyph() {
    let ctx = journeymap::fonts::headless_context();
    for template in templates::ALL {
        let missing = journeymap::export::missing_characters(&ctx, &template.map());
        assert!(
            missing.is_empty(),
            "{}: no glyph for {missing:?}",
            template.name
        );
    }
    let mut map = JourneyMap::blank("別整天研究私域了,客戶體驗才是業務增長的驅動力");
    map.header.scenario = "顾客体验 旅程 触点 ，。！？（）「」".into();
    assert_eq!(
        journeymap::export::missing_characters(&ctx, &map),
        Vec::<char>::new()
    );
    map.header.title = "\u{10FFFD} and ꙮ".into();
    assert_eq!(
        journeymap::export::missing_characters(&ctx, &map),
        vec!['\u{10FFFD}', 'ꙮ']
    );
}

#[test]
fn a_map_wider_than_a_gpu_texture_exports_at_3x() {
    let dir = tempfile::tempdir().expect("temp dir");
    let map = JourneyMap::generated(24);
    let out = dir.path().join("wide.png");
    let options = journeymap::export::ExportOptions {
        scale: 3.0,
        ..Default::default()
    };
    journeymap::formats::write_by_name(&out, &map, &options.settings()).expect("exports");
    let (w, _) = png_size(&out);
    assert!(w > 8192, "{w} px wide");
    assert_eq!(open(&out).expect("opens as the map"), map);
}

/// The share of drawn pixels (edges, lines, glyphs) on which resvg and our rasteriser must
/// agree, within 24/255 and one pixel: measured 96.5 % on hotel-stay-zh; a shape in the wrong
/// place or colour, or text in another font, falls well below.
const SVG_AGREEMENT: f64 = 0.93;

#[path = "support/resvg.rs"]
mod resvg_render;

/// Our SVG opened by an independent renderer draws the same picture as our PNG: the same
/// shapes in the same places, text in the same lines (glyph edges differ between renderers).
#[test]
fn the_svg_renders_in_resvg_like_the_png() {
    let map = templates::find("hotel-stay-zh").expect("template").map();
    let options = journeymap::export::ExportOptions {
        scale: 1.0,
        ..Default::default()
    };
    let svg = journeymap::export::to_svg(&map, &options).expect("svg");
    let theirs = resvg_render::render(&svg, 1.0).expect("resvg reads our SVG");
    let ours = journeymap::export::to_image(&map, &options).expect("png pixels");
    assert_eq!(
        (theirs.width() as usize, theirs.height() as usize),
        (ours.size[0], ours.size[1])
    );
    // Only the drawn pixels count: most of the picture is background and flat fills, on which
    // any two renderers agree. A pixel is drawn detail when, in either picture, it differs from
    // a pixel near it (an edge, a line, a glyph).
    let (w, h) = (ours.size[0], ours.size[1]);
    let rgb = |img: &dyn Fn(usize) -> [u8; 3], x: usize, y: usize| img(y * w + x);
    let theirs_at = |i: usize| {
        let p = theirs.pixels()[i].demultiply();
        [p.red(), p.green(), p.blue()]
    };
    let ours_at = |i: usize| {
        let p = ours.pixels[i].to_srgba_unmultiplied();
        [p[0], p[1], p[2]]
    };
    let differs = |a: [u8; 3], b: [u8; 3]| a.iter().zip(b).any(|(x, y)| x.abs_diff(y) > 24);
    let (mut drawn, mut close) = (0usize, 0usize);
    for y in 2..h {
        for x in 2..w {
            let detail = |img: &dyn Fn(usize) -> [u8; 3]| {
                let here = rgb(img, x, y);
                differs(here, rgb(img, x - 2, y)) || differs(here, rgb(img, x, y - 2))
            };
            if !(detail(&theirs_at) || detail(&ours_at)) {
                continue;
            }
            drawn += 1;
            // Edges may fall a pixel apart between renderers: a match within one pixel counts.
            let theirs_here = rgb(&theirs_at, x, y);
            let near = (y - 1..=(y + 1).min(h - 1)).any(|v| {
                (x - 1..=(x + 1).min(w - 1)).any(|u| !differs(theirs_here, rgb(&ours_at, u, v)))
            });
            close += usize::from(near);
        }
    }
    let share = close as f64 / drawn as f64;
    assert!(drawn > 50_000, "{drawn} drawn pixels");
    // Dense Chinese text is where two renderers' glyph edges disagree; shapes agree exactly.
    assert!(
        share > SVG_AGREEMENT,
        "only {:.1} % of the drawn pixels agree",
        share * 100.0
    );
}

// ---------------------------------------------------------------------------------------------
// Mermaid journeys and CSV tables: imported and exported, never saved to

/// What a fixture's `%% expect …` line says the import gives.
struct Expected {
    stages: usize,
    touchpoints: usize,
    curves: Vec<String>,
    warnings: Vec<usize>,
}

fn expected(text: &str) -> Expected {
    let line = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("%% expect "))
        .expect("an `%% expect` line");
    let field = |name: &str| -> String {
        let start = line.find(&format!("{name}=")).expect(name) + name.len() + 1;
        let rest = &line[start..];
        let end = ["stages=", "touchpoints=", "curves=", "warnings="]
            .iter()
            .filter_map(|f| rest.find(&format!(" {f}")))
            .min()
            .unwrap_or(rest.len());
        rest[..end].trim().to_owned()
    };
    Expected {
        stages: field("stages").parse().expect("stages"),
        touchpoints: field("touchpoints").parse().expect("touchpoints"),
        curves: field("curves").split('|').map(str::to_owned).collect(),
        warnings: field("warnings")
            .split(',')
            .filter(|w| !w.is_empty())
            .map(|w| w.parse().expect("a line number"))
            .collect(),
    }
}

#[test]
fn mermaid_journeys_import_with_the_warnings_mermaid_warrants_and_export_back() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mermaid");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let want = expected(&std::fs::read_to_string(&path).expect("text"));
        let opened = journeymap::formats::open(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let map = &opened.map;
        assert_eq!(map.stages.len(), want.stages, "{name}: stages");
        assert_eq!(
            map.touchpoint_count(),
            want.touchpoints,
            "{name}: touchpoints"
        );
        let curves: Vec<&str> = map.curves.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(curves, want.curves, "{name}: curves");
        let lines: Vec<usize> = opened
            .warnings
            .iter()
            .filter_map(|w| w.at.map(|a| a.line))
            .collect();
        assert_eq!(lines, want.warnings, "{name}: {:#?}", opened.warnings);
        assert!(map.validate().is_empty(), "{name}");
        // Export and import again: the same map, or said why not.
        let (text, lost) = io::to_mermaid(map);
        let again = io::from_mermaid(&text).expect("reads its own export").map;
        if lost.is_empty() {
            assert_eq!(&again, map, "{name}:\n{text}");
        } else {
            assert_eq!(again.touchpoint_count(), map.touchpoint_count(), "{name}");
            assert!(
                lost.iter().any(|l| l.contains("mapped")),
                "{name}: {lost:?}"
            );
        }
        seen += 1;
    }
    assert!(seen >= 8, "{seen} fixtures");
}

#[test]
fn mermaid_and_csv_go_through_the_command_line_and_say_what_they_lose() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mermaid");
    let day = fixture.join("working-day.mmd");
    let ron = dir.path().join("day.ron");
    let out = journeymap(&[
        "export",
        &day.to_string_lossy(),
        "-o",
        &ron.to_string_lossy(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let checked = journeymap(&["check", &ron.to_string_lossy()]);
    assert_eq!(
        text(&checked.stdout).trim(),
        "stages=2 touchpoints=5 lanes=0 curves=2"
    );
    let back = dir.path().join("back.mmd");
    let out = journeymap(&[
        "export",
        &ron.to_string_lossy(),
        "-o",
        &back.to_string_lossy(),
    ]);
    assert!(out.status.success());
    assert_eq!(text(&out.stderr), "", "nothing lost");
    assert_eq!(open(&back).expect("opens"), open(&ron).expect("opens"));

    // A template loses its lanes and notes, and says so.
    let template = dir.path().join("hotel.ron");
    assert!(
        journeymap(&["new", "hotel-stay-en", "-o", &template.to_string_lossy()])
            .status
            .success()
    );
    for kind in ["mmd", "csv"] {
        let target = dir.path().join(format!("hotel.{kind}"));
        let out = journeymap(&[
            "export",
            &template.to_string_lossy(),
            "-o",
            &target.to_string_lossy(),
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let said = text(&out.stderr);
        assert!(said.contains("warning:"), "{kind}: {said}");
        let opened = journeymap::formats::open(&target).expect("imports");
        assert_eq!(opened.format.extension(), kind);
        assert_eq!(
            opened.map.touchpoint_count(),
            open(&template).expect("template").touchpoint_count()
        );
    }
    // `new` writes maps, never a lossy kind.
    let refused = dir.path().join("new.mmd");
    let out = journeymap(&["new", "hotel-stay-en", "-o", &refused.to_string_lossy()]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("export"),
        "{}",
        text(&out.stderr)
    );
    assert!(!refused.exists());
    // Warnings name the file, line and column.
    let odd = fixture.join("odd-scores.mmd");
    let out = journeymap(&["check", &odd.to_string_lossy()]);
    assert!(out.status.success());
    let said = text(&out.stderr);
    assert!(said.contains("odd-scores.mmd:6:"), "{said}");
    assert!(
        said.contains("warning: the score 3.5 is not a whole number"),
        "{said}"
    );
    // A failure too.
    let bad = dir.path().join("bad.mmd");
    std::fs::write(&bad, "journey\n  section A\n  Tea: 5; Coffee: 4\n").expect("written");
    let out = journeymap(&["check", &bad.to_string_lossy()]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("bad.mmd:3:9: "),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_chinese_template_as_csv_parses_with_the_csv_crate_and_imports_to_the_same_scores() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut template = templates::find("silk-shop-zh").expect("template").map();
    // A title that a spreadsheet would run as a formula stays text.
    template.stages[0].touchpoints[0].title = "=1+1 到店".to_owned();
    let path = dir.path().join("丝绸店.csv");
    journeymap::formats::write_by_name(&path, &template, &io::PictureSettings::default())
        .expect("exported");
    let bytes = std::fs::read(&path).expect("written");
    assert!(
        bytes.starts_with(b"\xef\xbb\xbf"),
        "UTF-8 with a byte order mark"
    );
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().expect("a header row").clone();
    assert_eq!(&headers[2], "触点");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    let first = rows
        .iter()
        .find(|r| !r[2].is_empty())
        .expect("a touchpoint row");
    assert_eq!(&first[2], "'=1+1 到店", "neutralised");

    let back = journeymap::formats::open(&path).expect("imports").map;
    assert_eq!(back.header.title, "丝绸店", "named after the file");
    let titles = |m: &JourneyMap| m.touchpoints().map(|t| t.title.clone()).collect::<Vec<_>>();
    assert_eq!(titles(&back), titles(&template));
    assert_eq!(
        back.touchpoints().next().map(|t| t.title.as_str()),
        Some("=1+1 到店")
    );
    for (curve, original) in back.curves.iter().zip(&template.curves) {
        assert_eq!(curve.name, original.name);
        let scores = |m: &JourneyMap, c: &EmotionCurve| {
            m.touchpoints()
                .map(|t| c.scores.get(&t.id).copied())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            scores(&back, curve),
            scores(&template, original),
            "{}",
            curve.name
        );
    }
    assert_eq!(back.curves.len(), template.curves.len());
}

#[test]
fn hostile_mermaid_and_tables_are_refused_quickly_and_said_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("written");
        path.to_string_lossy().into_owned()
    };
    let mut tasks = String::from("journey\nsection A\n");
    for i in 0..20_000 {
        tasks.push_str(&format!("  Task {i}: 3: Me\n"));
    }
    let actors: Vec<String> = (0..300_000).map(|i| format!("A{i}")).collect();
    let cases = [
        (write("tasks.mmd", &tasks), "a map holds at most 10000"),
        (
            write(
                "actors.mmd",
                &format!("journey\nsection A\n  Crowd: 3: {}\n", actors.join(", ")),
            ),
            "more than 200 actors",
        ),
        (
            write(
                "columns.csv",
                &format!("Touchpoint,{}\nx\n", actors[..5_000].join(",")),
            ),
            "columns",
        ),
        (
            write(
                "rows.csv",
                &format!("Stage,Touchpoint\n{}", "A,B\n".repeat(20_000)),
            ),
            "a map holds at most 10000",
        ),
        (
            write(
                "long.mmd",
                &format!("journey\nsection A\n  {}: 3\n", "x".repeat(3_000_000)),
            ),
            "holds at most 10000",
        ),
    ];
    for (path, says) in cases {
        let out = journeymap_within(30, &["check", &path]);
        assert!(!out.status.success(), "{path}");
        let said = text(&out.stderr);
        assert!(said.contains(says), "{path}: {said}");
        assert!(
            said.lines().count() <= 60,
            "{path}: a few lines, not a flood"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Comparing versions

#[test]
fn diff_reports_exactly_what_changed_with_the_exit_status_of_diff() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = templates::find("restaurant-zh").expect("template").map();
    let mut new = old.clone();
    // One card moved to the next stage, one renamed, one score changed, one added.
    let moved = new.stages[0].touchpoints.remove(0);
    new.stages[1].touchpoints.push(moved);
    new.stages[2].touchpoints[0].title = "上茶很快".to_owned();
    let curve = &mut new.curves[0];
    let (&card, &score) = curve.scores.iter().next().expect("a scored card");
    let changed = if score == new.scale.max {
        score - 1
    } else {
        score + 1
    };
    curve.scores.insert(card, changed);
    let fresh = new.id_allocator().touchpoint();
    new.stages[3]
        .touchpoints
        .push(Touchpoint::new(fresh, "加菜"));
    let (a, b) = (dir.path().join("old.ron"), dir.path().join("new.png"));
    io::save(&a, &old).expect("saved");
    journeymap::formats::write_by_name(&b, &new, &io::PictureSettings::default()).expect("saved");

    let out = journeymap(&["diff", &a.to_string_lossy(), &b.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines.len(), 4, "{report}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("+ touchpoint \"加菜\" added")),
        "{report}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("> touchpoint")),
        "{report}"
    );
    assert!(
        lines.iter().any(|l| l.contains("renamed \"上茶很快\"")),
        "{report}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("* score of touchpoint")),
        "{report}"
    );
    let json = journeymap(&["diff", "--json", &a.to_string_lossy(), &b.to_string_lossy()]);
    let parsed: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(parsed.as_array().map(Vec::len), Some(4), "{parsed}");

    // A picture shows as its map's text (git's textconv).
    let shown = journeymap(&["show", &b.to_string_lossy()]);
    assert_eq!(text(&shown.stdout), io::to_ron(&new));
    let same = journeymap(&["diff", &a.to_string_lossy(), &a.to_string_lossy()]);
    assert_eq!(same.status.code(), Some(0));
    assert_eq!(text(&same.stdout), "");
    let broken = dir.path().join("broken.ron");
    std::fs::write(
        &broken,
        "(format: \"journeymap\", version: 3, header: (title: 5))",
    )
    .expect("written");
    let trouble = journeymap(&["diff", &a.to_string_lossy(), &broken.to_string_lossy()]);
    assert_eq!(trouble.status.code(), Some(2));
    assert!(
        text(&trouble.stderr).contains("broken.ron:1:"),
        "{}",
        text(&trouble.stderr)
    );
}

#[test]
fn merge_carries_both_sides_and_reports_a_conflict_with_status_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = templates::find("hotel-stay-en").expect("template").map();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.stages[0].touchpoints[0].title = "Ours".to_owned();
    theirs.stages[1].touchpoints[0].title = "Theirs".to_owned();
    let next = base.id_allocator().touchpoint();
    ours.stages[2]
        .touchpoints
        .push(Touchpoint::new(next, "Our new card"));
    theirs.stages[2]
        .touchpoints
        .push(Touchpoint::new(next, "Their new card"));
    let path = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    io::save(Path::new(&path("base.ron")), &base).expect("saved");
    io::save(Path::new(&path("ours.ron")), &ours).expect("saved");
    io::save(Path::new(&path("theirs.ron")), &theirs).expect("saved");
    let out = journeymap(&[
        "merge",
        &path("base.ron"),
        &path("ours.ron"),
        &path("theirs.ron"),
        "-o",
        &path("out.ron"),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let merged = open(Path::new(&path("out.ron"))).expect("merged");
    let titles: Vec<&str> = merged.touchpoints().map(|t| t.title.as_str()).collect();
    for title in ["Ours", "Theirs", "Our new card", "Their new card"] {
        assert!(titles.contains(&title), "{title}: {titles:?}");
    }
    let ids: std::collections::HashSet<u32> = merged.all_ids().collect();
    assert_eq!(ids.len(), merged.all_ids().count(), "unique ids");

    // Both renamed the same card: a conflict, ours kept, status 1.
    theirs.stages[0].touchpoints[0].title = "Theirs too".to_owned();
    io::save(Path::new(&path("theirs.ron")), &theirs).expect("saved");
    let out = journeymap(&[
        "merge",
        &path("base.ron"),
        &path("ours.ron"),
        &path("theirs.ron"),
        "-o",
        &path("out.ron"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout)
            .contains("touchpoint \"Ours\": title is \"Ours\" here and \"Theirs too\" there"),
        "{}",
        text(&out.stdout)
    );
    // The conflict is saved with the map (format version 4) and opens as a mark on the card,
    // holding both values; taking theirs renames the card and the mark goes.
    let saved = std::fs::read_to_string(path("out.ron")).expect("merged file");
    assert!(
        saved.contains("version: 6,") && saved.contains("conflicts: ["),
        "{saved}"
    );
    let merged = open(Path::new(&path("out.ron"))).expect("merged");
    let card = merged.stages[0].touchpoints[0].id;
    assert_eq!(
        merged.conflicts,
        vec![Conflict {
            on: Subject::Touchpoint(card),
            field: "title".to_owned(),
            ours: conflict::Value::Text("Ours".to_owned()),
            theirs: conflict::Value::Text("Theirs too".to_owned()),
        }]
    );
    let mut doc = journeymap::edit::Document::new(merged);
    let edit = journeymap::edit::actions::resolve_conflict(doc.map(), 0, true).expect("resolves");
    doc.apply("Resolve", edit).expect("applies");
    assert_eq!(doc.map().stages[0].touchpoints[0].title, "Theirs too");
    assert!(doc.map().conflicts.is_empty());
    let broken = path("broken.ron");
    std::fs::write(&broken, "(").expect("written");
    let out = journeymap(&[
        "merge",
        &path("base.ron"),
        &broken,
        &path("theirs.ron"),
        "-o",
        &path("out.ron"),
    ]);
    assert_eq!(out.status.code(), Some(2));
}

// ---------------------------------------------------------------------------------------------
// PDF for print

/// Runs a poppler tool on `pdf`; None (after saying why) where poppler is missing, which CI
/// never allows.
fn poppler(tool: &str, args: &[&str]) -> Option<Output> {
    match Command::new(tool).args(args).output() {
        Ok(out) => Some(out),
        Err(_) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "{tool} is missing: CI must install poppler-utils"
            );
            eprintln!("skipped: {tool} is not installed (apt-get install poppler-utils)");
            None
        }
    }
}

#[test]
fn a_chinese_pdf_keeps_its_text_and_fonts_renders_and_opens_as_the_map() {
    let dir = tempfile::tempdir().expect("temp dir");
    let map = templates::find("silk-shop-zh").expect("template").map();
    let ron = dir.path().join("silk.ron");
    io::save(&ron, &map).expect("saved");
    let pdf = dir.path().join("silk.pdf");
    let out = journeymap(&[
        "export",
        &ron.to_string_lossy(),
        "-o",
        &pdf.to_string_lossy(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(std::fs::read(&pdf).expect("written").starts_with(b"%PDF-"));
    assert_eq!(open(&pdf).expect("opens as the map"), map);

    let Some(words) = poppler("pdftotext", &[&pdf.to_string_lossy(), "-"]) else {
        return;
    };
    let words = text(&words.stdout);
    for stage in &map.stages {
        assert!(
            words.contains(&stage.name),
            "{} not in the text:\n{words}",
            stage.name
        );
    }
    assert!(words.contains(&map.header.title), "{words}");
    let fonts = poppler("pdffonts", &[&pdf.to_string_lossy()]).expect("poppler");
    let fonts = text(&fonts.stdout);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in &rows {
        let cells: Vec<&str> = row.split_whitespace().collect();
        // name type [encoding] emb sub uni object ID: emb and sub are the 5th and 4th from the end.
        let (emb, sub) = (cells[cells.len() - 5], cells[cells.len() - 4]);
        assert_eq!((emb, sub), ("yes", "yes"), "embedded and subset: {row}");
    }
    let pages = dir.path().join("page");
    let rendered = poppler(
        "pdftoppm",
        &[
            "-r",
            "20",
            "-png",
            &pdf.to_string_lossy(),
            &pages.to_string_lossy(),
        ],
    )
    .expect("poppler");
    assert!(rendered.status.success(), "{}", text(&rendered.stderr));
    let images = std::fs::read_dir(dir.path())
        .expect("list")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().starts_with("page"))
        })
        .count();
    assert!(images >= 1);

    // A wall poster: the map at full size across A4 sheets; every sheet renders, and the PDF
    // still opens as the map.
    let poster = dir.path().join("poster.pdf");
    let out = journeymap(&[
        "export",
        &ron.to_string_lossy(),
        "-o",
        &poster.to_string_lossy(),
        "--pages",
        "a4",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(open(&poster).expect("opens as the map"), map);
    let info = text(
        &poppler("pdfinfo", &[&poster.to_string_lossy()])
            .expect("poppler")
            .stdout,
    );
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count");
    assert!(pages >= 4, "a poster of several sheets: {info}");
    assert!(info.contains("(A4)"), "{info}");
    let sheets = dir.path().join("sheet");
    let rendered = poppler(
        "pdftoppm",
        &[
            "-r",
            "10",
            "-png",
            &poster.to_string_lossy(),
            &sheets.to_string_lossy(),
        ],
    )
    .expect("poppler");
    assert!(rendered.status.success());
    let drawn = std::fs::read_dir(dir.path())
        .expect("list")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().starts_with("sheet"))
        })
        .count();
    assert_eq!(drawn, pages, "every sheet renders");

    // Wrapped onto landscape A4 pages, a band to a page: the first stage on the first page,
    // the last on the last, every page across, and the PDF still opens as the map.
    let wrapped = dir.path().join("wrapped.pdf");
    let out = journeymap(&[
        "export",
        &ron.to_string_lossy(),
        "-o",
        &wrapped.to_string_lossy(),
        "--pages",
        "wrap-a4",
        "--wrap",
        "2",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut two_per_band = map.clone();
    two_per_band.options.wrap = Wrap::AfterStages(2);
    assert_eq!(open(&wrapped).expect("opens as the map"), two_per_band);
    let info = text(
        &poppler(
            "pdfinfo",
            &["-f", "1", "-l", "99", &wrapped.to_string_lossy()],
        )
        .expect("poppler")
        .stdout,
    );
    let sizes: Vec<&str> = info
        .lines()
        .filter(|l| l.starts_with("Page ") && l.contains(" size: "))
        .collect();
    assert_eq!(
        sizes.len(),
        map.stages.len().div_ceil(2),
        "a band of two stages to a page: {info}"
    );
    assert!(
        sizes.iter().all(|l| l.contains("841.89 x 595.28")),
        "every page A4 across: {info}"
    );
    let page_text = |page: usize| {
        let page = page.to_string();
        let out = poppler(
            "pdftotext",
            &["-f", &page, "-l", &page, &wrapped.to_string_lossy(), "-"],
        )
        .expect("poppler");
        text(&out.stdout).replace(char::is_whitespace, "")
    };
    let (first, last) = (&map.stages[0].name, &map.stages[map.stages.len() - 1].name);
    assert!(page_text(1).contains(first.as_str()), "{first} on page 1");
    assert!(
        !page_text(1).contains(last.as_str()),
        "{last} not on page 1"
    );
    assert!(
        page_text(sizes.len()).contains(last.as_str()),
        "{last} on the last page"
    );
}

// ---------------------------------------------------------------------------------------------
// Insights

/// `journeymap insights --json` keeps its contract: `{ "curves": [ … ] }`, each curve with
/// `curve`, `curve_id`, `lowest`, `peak`, `end` (points of `kind`, `id`, `title`, `score`),
/// `mean`, `peak_end`, `happiness_share` and `recoveries` (`from` and `to` points). On the phone
/// template the plain purchase's weakest moment is the parcel's packaging, and the surprising
/// one peaks at checking the order's progress, as the story goes.
#[test]
fn insights_json_keeps_its_field_names_and_tells_the_phone_story() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("phone.ron");
    io::save(
        &file,
        &templates::find("phone-online-en").expect("template").map(),
    )
    .expect("saved");
    let out = journeymap(&["insights", &file.to_string_lossy(), "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let plain = &json["curves"][0];
    assert_eq!(plain["curve"], "Plain online purchase");
    assert_eq!(plain["curve_id"], 92);
    assert_eq!(
        plain["lowest"],
        serde_json::json!([{
            "kind": "touchpoint", "id": 10, "title": "The parcel's packaging", "score": -2
        }])
    );
    assert_eq!(plain["end"]["title"], "Telling a friend");
    assert_eq!(plain["peak_end"], 0.5);
    let mean = plain["mean"].as_f64().expect("mean");
    assert!((mean - (-4.0 / 9.0)).abs() < 1e-9, "{mean}");
    let share = plain["happiness_share"].as_f64().expect("share");
    assert!((share - 1.0 / 9.0).abs() < 1e-9, "{share}");
    let recovery = &plain["recoveries"][1];
    assert_eq!(recovery["from"]["title"], "The parcel's packaging");
    assert_eq!(recovery["to"]["kind"], "touchpoint");
    let surprise = &json["curves"][1];
    assert_eq!(surprise["peak"]["title"], "Checking the order's progress");
    assert_eq!(surprise["peak"]["score"], 2);

    // The text says the same in words.
    let out = journeymap(&["insights", &file.to_string_lossy()]);
    assert!(
        text(&out.stdout).contains("weakest moment: \"The parcel's packaging\" (-2)"),
        "{}",
        text(&out.stdout)
    );
}

// ---------------------------------------------------------------------------------------------
// Desktop integration: the thumbnailer, the desktop entry, the MIME type

/// `journeymap thumbnail` of every template and of a 2 000-touchpoint map is a PNG whose longer
/// side is the size asked for and which shows a map; a name that is not .png is refused.
#[test]
fn thumbnails_are_the_size_asked_for_and_show_the_map() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut inputs: Vec<(String, std::path::PathBuf)> = Vec::new();
    for template in templates::ALL {
        let path = dir.path().join(format!("{}.ron", template.name));
        std::fs::write(&path, template.text).expect("write");
        inputs.push((template.name.to_owned(), path));
    }
    let long = dir.path().join("long.ron");
    io::save(&long, &JourneyMap::generated(2000)).expect("write");
    inputs.push(("generated 2000".to_owned(), long.clone()));
    for (name, input) in &inputs {
        for size in [128, 256] {
            let out = dir.path().join(format!("thumb-{size}.png"));
            let run = journeymap(&[
                "thumbnail",
                &input.to_string_lossy(),
                &out.to_string_lossy(),
                "--size",
                &size.to_string(),
            ]);
            assert!(run.status.success(), "{name}: {}", text(&run.stderr));
            let picture = image::open(&out).expect("a PNG").to_rgba8();
            let (w, h) = picture.dimensions();
            assert_eq!(w.max(h), size, "{name} at {size}: {w} × {h}");
            let inked = picture
                .pixels()
                .filter(|p| p.0[..3].iter().any(|c| *c < 235))
                .count();
            assert!(
                inked * 5 > (w * h) as usize,
                "{name} at {size}: {inked} of {} pixels drawn",
                w * h
            );
        }
    }
    let refused = journeymap(&[
        "thumbnail",
        &long.to_string_lossy(),
        &dir.path().join("thumb.jpg").to_string_lossy(),
    ]);
    assert!(!refused.status.success());
    assert!(
        text(&refused.stderr).contains(".png"),
        "{}",
        text(&refused.stderr)
    );
}

/// The desktop entry is valid (where `desktop-file-validate` is installed, which CI makes
/// sure of), names the MIME type the XML registers, and the thumbnailer calls a command line
/// the CLI takes; the MIME type's magic is found where a saved map has it.
#[test]
fn the_desktop_files_agree_with_each_other_and_with_a_saved_map() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/linux");
    let desktop = root.join("journeymap.desktop");
    if Command::new("desktop-file-validate")
        .arg("--help")
        .output()
        .is_ok()
    {
        let out = Command::new("desktop-file-validate")
            .arg(&desktop)
            .output()
            .expect("runs");
        assert!(
            out.status.success() && out.stdout.is_empty(),
            "{}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
    } else {
        assert!(
            std::env::var_os("CI").is_none(),
            "desktop-file-validate is missing: CI must install desktop-file-utils"
        );
    }
    let entry = std::fs::read_to_string(&desktop).expect("desktop entry");
    let mime = std::fs::read_to_string(root.join("journeymap.xml")).expect("MIME XML");
    let thumbnailer =
        std::fs::read_to_string(root.join("journeymap.thumbnailer")).expect("thumbnailer");
    let xml = roxmltree::Document::parse(&mime).expect("MIME XML parses");
    let kind = xml
        .descendants()
        .find(|n| n.has_tag_name("mime-type"))
        .and_then(|n| n.attribute("type"))
        .expect("a MIME type");
    assert!(entry.contains(&format!("MimeType={kind};")), "{entry}");
    assert!(
        thumbnailer.contains(&format!("MimeType={kind};")),
        "{thumbnailer}"
    );
    // The magic: a saved map has the string within the offsets the XML gives.
    let matched = xml
        .descendants()
        .find(|n| n.has_tag_name("match"))
        .expect("a magic match");
    let value = matched.attribute("value").expect("value");
    let (from, to) = matched
        .attribute("offset")
        .and_then(|o| o.split_once(':'))
        .expect("offset range");
    let (from, to): (usize, usize) = (from.parse().expect("from"), to.parse().expect("to"));
    let saved = io::to_ron(&templates::ALL[0].map());
    let at = saved.find(value).expect("a saved map holds the magic");
    assert!(
        (from..=to).contains(&at),
        "{value:?} at {at}, not in {from}:{to}"
    );
    // The thumbnailer's command line is one the CLI takes.
    let exec = thumbnailer
        .lines()
        .find_map(|l| l.strip_prefix("Exec="))
        .expect("Exec");
    let args: Vec<&str> = exec
        .split_whitespace()
        .map(|a| match a {
            "%i" => "in.ron",
            "%o" => "out.png",
            "%s" => "128",
            other => other,
        })
        .collect();
    assert_eq!(args[0], "journeymap");
    assert!(
        <journeymap::cli::Cli as clap::Parser>::try_parse_from(&args).is_ok(),
        "{exec}"
    );
}

/// The .deb (cargo-deb, from the release binary this suite was built with) installs into a
/// scratch root the binary, a valid desktop entry, the MIME XML, the thumbnailer and the icons.
#[test]
fn the_deb_installs_the_binary_the_desktop_files_and_the_icons() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let have = |program: &str, arg: &str| {
        Command::new(program)
            .arg(arg)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !have("dpkg", "--version")
        || !Command::new(&cargo)
            .args(["deb", "--version"])
            .output()
            .is_ok_and(|o| o.status.success())
    {
        assert!(
            std::env::var_os("CI").is_none(),
            "cargo-deb or dpkg is missing: CI must install cargo-deb"
        );
        eprintln!("skipped: cargo-deb is not installed (cargo install cargo-deb --locked)");
        return;
    }
    // Only from a release build: the package takes target/release/journeymap.
    let binary = Path::new(env!("CARGO_BIN_EXE_journeymap"));
    if !binary.ends_with("release/journeymap") {
        eprintln!("skipped: the package is made from a release build");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let out = Command::new(&cargo)
        .args(["deb", "--no-build", "--output"])
        .arg(dir.path())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo deb runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let deb = std::fs::read_dir(dir.path())
        .expect("output")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "deb"))
        .expect("a .deb");
    let root = dir.path().join("root");
    let unpacked = Command::new("dpkg")
        .arg("-x")
        .arg(&deb)
        .arg(&root)
        .status()
        .expect("dpkg -x runs");
    assert!(unpacked.success());
    let installed = root.join("usr/bin/journeymap");
    let version = Command::new(&installed)
        .arg("--version")
        .output()
        .expect("the installed binary runs");
    assert!(
        text(&version.stdout).starts_with("journeymap "),
        "{}",
        text(&version.stdout)
    );
    let desktop = root.join("usr/share/applications/journeymap.desktop");
    let valid = Command::new("desktop-file-validate").arg(&desktop).output();
    match valid {
        Ok(valid) => assert!(
            valid.status.success() && valid.stdout.is_empty(),
            "{}",
            text(&valid.stdout)
        ),
        Err(_) => assert!(
            std::env::var_os("CI").is_none(),
            "CI must install desktop-file-utils"
        ),
    }
    for file in [
        "usr/share/mime/packages/journeymap.xml",
        "usr/share/thumbnailers/journeymap.thumbnailer",
        "usr/share/icons/hicolor/scalable/apps/journeymap.svg",
    ] {
        assert!(root.join(file).is_file(), "{file} is not in the package");
    }
    for size in [16, 24, 32, 48, 64, 128, 256, 512] {
        let icon = root.join(format!(
            "usr/share/icons/hicolor/{size}x{size}/apps/journeymap.png"
        ));
        let picture = image::open(&icon).expect("an icon PNG");
        assert_eq!((picture.width(), picture.height()), (size, size));
    }
    // Its run-time libraries are declared (they are opened at run time, unseen by detection).
    let info = Command::new("dpkg")
        .arg("-I")
        .arg(&deb)
        .output()
        .expect("dpkg -I");
    let info = text(&info.stdout);
    for library in ["libgl1", "libx11-6", "libxkbcommon0", "libwayland-client0"] {
        assert!(info.contains(library), "{library} is not declared: {info}");
    }
}
