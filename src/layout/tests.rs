use super::*;
use crate::templates;
use egui::emath::pos2;

/// Lays out `map` with the fonts the app and the exports use.
pub(crate) fn lay_out(map: &JourneyMap) -> MapLayout {
    let ctx = crate::fonts::headless_context();
    ctx.fonts_mut(|fonts| MapLayout::new(map, &Style::default(), &Labels::default(), fonts))
}

/// A journey of `stages` stages, the odd ones with two cards, every card scored on the
/// first curve, and a wrap after `after` stages.
fn long_journey(stages: usize, after: u32) -> JourneyMap {
    let mut map = JourneyMap::blank("Long");
    map.stages.clear();
    let mut ids = map.id_allocator();
    for s in 0..stages {
        let mut stage = Stage::new(ids.stage(), format!("Step {s}"), PALETTE[s % PALETTE.len()]);
        for t in 0..1 + s % 2 {
            let tp = Touchpoint::new(ids.touchpoint(), format!("Card {s}.{t}"));
            map.curves[0].scores.insert(tp.id, (s as i32 % 5) - 2);
            stage.touchpoints.push(tp);
        }
        map.stages.push(stage);
    }
    let s: Vec<StageId> = map.stages.iter().map(|s| s.id).collect();
    map.lanes[1].notes.push(Note::new(
        ids.note(),
        "Spans a band's end",
        Anchor::Stages(s[after as usize - 2], s[after as usize + 1]),
    ));
    map.lanes[3]
        .notes
        .push(Note::new(ids.note(), "The whole journey", Anchor::Journey));
    map.options.wrap = Wrap::AfterStages(after);
    map
}

fn maps_to_check() -> Vec<(String, JourneyMap)> {
    let mut maps: Vec<(String, JourneyMap)> = templates::ALL
        .iter()
        .map(|t| (t.name.to_owned(), t.map()))
        .collect();
    maps.push(("generated-500".into(), JourneyMap::generated(500)));
    maps.push(("blank".into(), JourneyMap::blank("")));
    maps.push(("wrapped-23".into(), long_journey(23, 5)));
    let mut reordered = JourneyMap::generated(40);
    reordered.options.touchpoints_row = 2;
    reordered.options.emotion_row = 5;
    reordered.options.number_steps = true;
    maps.push(("reordered".into(), reordered));
    maps
}

fn inside(inner: Rect, outer: Rect) -> bool {
    outer.expand(0.01).contains_rect(inner)
}

fn overlap(a: Rect, b: Rect) -> bool {
    a.intersects(b) && a.intersect(b).area() > 0.01
}

#[test]
fn cards_do_not_overlap_and_stay_in_their_stage_and_band() {
    for (name, map) in maps_to_check() {
        let layout = lay_out(&map);
        assert_eq!(layout.cards.len(), map.touchpoint_count(), "{name}");
        for (i, card) in layout.cards.iter().enumerate() {
            let stage = &layout.stages[card.stage_index];
            let band = &layout.bands[card.band];
            assert_eq!(stage.band, card.band, "{name}");
            assert!(
                inside(card.rect, stage.column),
                "{name}: card {i} leaves its stage"
            );
            assert!(
                inside(card.rect, band.touchpoint_row),
                "{name}: card {i} leaves its row"
            );
            for part in [
                Some(&card.title),
                card.description.as_ref(),
                card.notes.as_ref(),
            ]
            .into_iter()
            .flatten()
            {
                assert!(
                    inside(part.rect, card.rect),
                    "{name}: text of card {i} overflows"
                );
            }
            for badge in card.step.iter().chain(&card.actors) {
                assert!(
                    inside(badge.rect, card.rect),
                    "{name}: a badge of card {i} overflows"
                );
            }
            for other in &layout.cards[i + 1..] {
                assert!(!overlap(card.rect, other.rect), "{name}: cards overlap");
            }
        }
        for pair in layout.stages.windows(2) {
            if pair[0].band == pair[1].band {
                assert!(
                    pair[0].column.right() < pair[1].column.left(),
                    "{name}: stages overlap"
                );
            }
        }
    }
}

#[test]
fn notes_stay_in_their_columns_and_do_not_overlap() {
    for (name, map) in maps_to_check() {
        let layout = lay_out(&map);
        for lane in &map.lanes {
            for note in &lane.notes {
                assert!(
                    layout.note(note.id).is_some(),
                    "{name}: note {} not laid out",
                    note.id
                );
            }
        }
        for (i, note) in layout.notes.iter().enumerate() {
            let row = layout
                .lanes
                .iter()
                .find(|l| l.index == note.lane_index && l.band == note.band)
                .expect("the note's lane has a row in its band")
                .row;
            let first = &layout.stages[note.stages.start];
            let last = &layout.stages[note.stages.end - 1];
            let columns =
                Rect::from_x_y_ranges(first.column.left()..=last.column.right(), row.y_range());
            assert!(
                inside(note.rect, columns),
                "{name}: note {i} leaves its columns"
            );
            assert!(
                inside(note.text.rect, note.rect),
                "{name}: text of note {i} overflows"
            );
            if let Some(meta) = &note.meta {
                assert!(
                    inside(meta.rect, note.rect),
                    "{name}: owner of note {i} overflows"
                );
            }
            for other in &layout.notes[i + 1..] {
                assert!(!overlap(note.rect, other.rect), "{name}: notes overlap");
            }
        }
        for pair in layout.lanes.windows(2) {
            if pair[0].band == pair[1].band {
                assert!(
                    pair[0].row.bottom() <= pair[1].row.top(),
                    "{name}: lanes overlap"
                );
            }
        }
    }
}

#[test]
fn bands_stack_their_rows_in_the_maps_order_and_fit_the_map() {
    for (name, map) in maps_to_check() {
        let layout = lay_out(&map);
        assert!(
            layout.header.rect.bottom() < layout.first_band().rect.top(),
            "{name}"
        );
        for pair in layout.bands.windows(2) {
            assert!(
                pair[0].rect.bottom() < pair[1].rect.top(),
                "{name}: bands overlap"
            );
        }
        let bounds = layout.bounds();
        for (b, band) in layout.bands.iter().enumerate() {
            assert!(inside(band.rect, bounds), "{name}");
            let rows = layout.band_rows(b);
            let order: Vec<Row> = rows.iter().map(|(row, _)| *row).collect();
            let expected: Vec<Row> = map
                .rows()
                .into_iter()
                .filter(|r| match r {
                    Row::Lane(_) => true,
                    Row::Touchpoints => true,
                    Row::Emotion => true,
                })
                .collect();
            assert_eq!(order, expected, "{name}: band {b} rows in the map's order");
            assert!(band.stage_row.bottom() <= rows[0].1.top(), "{name}");
            for pair in rows.windows(2) {
                assert!(
                    pair[0].1.bottom() <= pair[1].1.top() + 0.01,
                    "{name}: rows overlap"
                );
            }
        }
        if let Some(footer) = &layout.footer {
            assert!(footer.rect.top() >= layout.bands.last().expect("a band").rect.bottom());
            assert!(
                inside(footer.rect, bounds),
                "{name}: the credit line is on the map"
            );
        }
        for curve in &layout.curves {
            for point in &curve.points {
                let band = &layout.bands[point.band];
                assert!(
                    band.curve_band.contains(point.pos),
                    "{name}: curve point outside band"
                );
                let x = match point.item {
                    Item::Score(_, tp) => {
                        layout
                            .card(tp)
                            .expect("scored cards are laid out")
                            .rect
                            .center()
                            .x
                    }
                    Item::StageScore(_, stage) => {
                        layout.stage_box(stage).expect("stage").column.center().x
                    }
                    other => panic!("{other:?} is not a score"),
                };
                let off = (point.pos.x - x).abs();
                assert!(
                    off <= Style::default().shared_point_spread * 1.5,
                    "{name}: point off by {off}"
                );
            }
        }
    }
}

#[test]
fn a_spanning_note_covers_exactly_its_columns() {
    let mut map = templates::find("restaurant-en").expect("template").map();
    let style = Style::default();
    let s: Vec<StageId> = map.stages.iter().map(|s| s.id).collect();
    let (a, b) = (
        map.stages[1].touchpoints[1].id,
        map.stages[3].touchpoints[0].id,
    );
    let mut ids = map.id_allocator();
    let (stages, cards, journey) = (ids.note(), ids.note(), ids.note());
    map.lanes[2].notes.push(Note::new(
        stages,
        "stages 2 to 4",
        Anchor::Stages(s[1], s[3]),
    ));
    map.lanes[2]
        .notes
        .push(Note::new(cards, "under cards", Anchor::Touchpoints(a, b)));
    map.lanes[3]
        .notes
        .push(Note::new(journey, "the whole journey", Anchor::Journey));
    let layout = lay_out(&map);
    let column = |i: usize| layout.stages[i].column;
    let note = |id| layout.note(id).expect("laid out").rect;

    let r = note(stages);
    assert!((r.left() - (column(1).left() + style.stage_padding)).abs() < 0.01);
    assert!((r.right() - (column(3).right() - style.stage_padding)).abs() < 0.01);
    let r = note(cards);
    assert_eq!(r.left(), layout.card(a).expect("card").rect.left());
    assert_eq!(r.right(), layout.card(b).expect("card").rect.right());
    let r = note(journey);
    assert!((r.left() - (column(0).left() + style.stage_padding)).abs() < 0.01);
    assert!((r.right() - (column(5).right() - style.stage_padding)).abs() < 0.01);
    // It reaches no column beyond its own: the note of stages 2 to 4 leaves 1 and 5 free.
    assert!(note(stages).left() > column(0).right() && note(stages).right() < column(4).left());
}

#[test]
fn a_wrapped_map_keeps_everything_in_its_band_and_carries_the_curve_on() {
    let map = long_journey(23, 5);
    let layout = lay_out(&map);
    assert_eq!(layout.bands.len(), 5, "23 stages, 5 a band");
    assert_eq!(
        layout.lanes.len(),
        5 * map.lanes.len(),
        "every band names every row"
    );
    for stage in &layout.stages {
        assert!(inside(stage.column, layout.bands[stage.band].rect));
        assert!(inside(stage.header, layout.bands[stage.band].stage_row));
    }
    for card in &layout.cards {
        assert!(inside(card.rect, layout.bands[card.band].rect));
    }
    for note in &layout.notes {
        assert!(inside(note.rect, layout.bands[note.band].rect));
    }
    // The note across a band's end is in both bands; the whole-journey note stands once,
    // across the last band.
    let spans = map.lanes[1].notes.last().expect("span").id;
    let pieces: Vec<usize> = layout
        .notes
        .iter()
        .filter(|n| n.id == spans)
        .map(|n| n.piece)
        .collect();
    assert_eq!(pieces, [0, 1]);
    let whole = map.lanes[3].notes.last().expect("journey").id;
    let boxes: Vec<&NoteBox> = layout.notes.iter().filter(|n| n.id == whole).collect();
    assert_eq!(boxes.len(), 1);
    assert_eq!((boxes[0].band, boxes[0].stages.clone()), (4, 20..23));

    // Each band's line starts at its left edge, at the score the band above ended on.
    let curve = &layout.curves[0];
    for b in 1..layout.bands.len() {
        let ended = curve
            .points
            .iter()
            .rfind(|p| p.band == b - 1)
            .expect("points above");
        let first = curve
            .segments
            .iter()
            .find(|s| s.band == b)
            .expect("a line in every band");
        let y = layout.y_of_level(b, ended.score).expect("level");
        assert!((first.bezier[0].x - layout.bands[b].content_left).abs() < 0.01);
        assert!(
            (first.bezier[0].y - y).abs() < 0.01,
            "band {b} starts at {}",
            ended.score
        );
        assert!(!first.dashed, "nothing unscored between");
    }
}

#[test]
fn a_page_wrap_takes_the_page_shape() {
    let mut map = long_journey(24, 6);
    map.options.wrap = Wrap::Page(PageShape::A4Landscape);
    let layout = lay_out(&map);
    let aspect = layout.size.x / layout.size.y;
    assert!(layout.bands.len() > 1);
    assert!(
        (aspect / PageShape::A4Landscape.aspect()).ln().abs() < 0.45,
        "{aspect} against {}",
        PageShape::A4Landscape.aspect()
    );
    map.options.wrap = Wrap::None;
    let strip = lay_out(&map);
    assert!(
        strip.size.x / strip.size.y > 3.0 * aspect,
        "unwrapped, it is a strip"
    );
}

#[test]
fn an_unscored_stretch_is_dashed_never_solid() {
    let mut map = JourneyMap::blank("Gaps");
    let mut ids = map.id_allocator();
    let tps: Vec<Touchpoint> = (0..4)
        .map(|i| Touchpoint::new(ids.touchpoint(), format!("T{i}")))
        .collect();
    map.stages[0].touchpoints = tps.clone();
    let curve = &mut map.curves[0];
    curve.scores.insert(tps[0].id, -1);
    curve.scores.insert(tps[2].id, 1);
    curve.scores.insert(tps[3].id, 2);
    let layout = lay_out(&map);
    let segments = &layout.curves[0].segments;
    assert_eq!(segments.len(), 2);
    assert!(segments[0].dashed, "across the unscored second touchpoint");
    assert!(
        !segments[1].dashed,
        "between two neighbours that are both scored"
    );

    // A stage scored as a whole speaks for its cards: no gap there.
    let second = Stage::new(ids.stage(), "Whole", PALETTE[1]);
    let third = Stage {
        touchpoints: vec![Touchpoint::new(ids.touchpoint(), "Unscored")],
        ..Stage::new(ids.stage(), "Scored as a whole", PALETTE[2])
    };
    let (second_id, third_id) = (second.id, third.id);
    map.stages.extend([second, third]);
    map.curves[0].stage_scores.insert(third_id, 0);
    let layout = lay_out(&map);
    let line = &layout.curves[0];
    assert_eq!(line.segments.len(), 3);
    assert!(
        line.segments[2].dashed,
        "the empty, unscored second stage is a gap"
    );
    map.curves[0].stage_scores.insert(second_id, 1);
    let layout = lay_out(&map);
    assert!(!layout.curves[0].segments[2].dashed && !layout.curves[0].segments[3].dashed);
    let stage_point = layout.curves[0]
        .points
        .iter()
        .find(|p| p.item == Item::StageScore(map.curves[0].id, third_id))
        .expect("a point for the stage");
    let column = layout.stage_box(third_id).expect("stage").column;
    assert!(
        (stage_point.pos.x - column.center().x).abs() < 0.01,
        "at the stage's centre"
    );

    // A curve with no score says so.
    map.curves[0].scores.clear();
    map.curves[0].stage_scores.clear();
    let layout = lay_out(&map);
    assert!(layout.curves[0].segments.is_empty());
    let empty = layout.curves[0]
        .empty
        .as_ref()
        .expect("says it has no scores");
    assert!(empty.rows.concat().contains("no scores given"));
}

#[test]
fn cards_show_what_the_map_gives_and_nothing_it_does_not() {
    let mut map = templates::find("restaurant-en").expect("template").map();
    let first = map.stages[0].touchpoints[0].id;
    map.stages[0].touchpoints[0].channel = None;
    map.stages[0].touchpoints[0].actors = map.header.personas.iter().map(|p| p.id).collect();
    map.stages[0].touchpoints[0].link = Some("https://example.com".into());
    map.options.number_steps = true;
    let layout = lay_out(&map);
    let card = layout.card(first).expect("card");
    assert!(card.channel.is_none(), "no channel given, no tag");
    assert_eq!(card.actors.len(), map.header.personas.len());
    assert!(card.link.is_some_and(|l| inside(l, card.rect)));
    let steps: Vec<String> = layout
        .cards
        .iter()
        .map(|c| c.step.as_ref().expect("numbered").text.clone())
        .collect();
    let expected: Vec<String> = (1..=map.touchpoint_count())
        .map(|n| n.to_string())
        .collect();
    assert_eq!(steps, expected, "numbered 1 to n across the journey");
    assert!(layout.cards[1].channel.is_some());
}

#[test]
fn stage_names_take_two_rows_and_descriptions_stay_in_the_header() {
    let mut map = JourneyMap::blank("t");
    map.stages[0].name = "Applying for the licence online and waiting for the letter".into();
    map.stages[0].description =
        "What happens between sending the form and hearing back from the office".into();
    let layout = lay_out(&map);
    let stage = &layout.stages[0];
    assert_eq!(stage.name.rows.len(), 2, "{:?}", stage.name.rows);
    let description = stage.description.as_ref().expect("described");
    assert!(inside(stage.name.rect, stage.header));
    assert!(inside(description.rect, stage.header));
    assert!(description.rect.top() >= stage.name.rect.bottom());
}

#[test]
fn the_rows_take_the_maps_names_and_places() {
    let mut map = templates::find("restaurant-en").expect("template").map();
    map.options.touchpoints_name = "Action".into();
    map.options.emotion_name = "Experience".into();
    map.options.emotion_row = 0;
    map.options.touchpoints_row = 3;
    let layout = lay_out(&map);
    let band = layout.first_band();
    assert_eq!(band.touchpoint_label.rows, ["Action"]);
    assert_eq!(band.curve_label.rows, ["Experience"]);
    let rows: Vec<Row> = layout.band_rows(0).into_iter().map(|(r, _)| r).collect();
    assert_eq!(rows[0], Row::Emotion);
    assert_eq!(rows[3], Row::Touchpoints);
}

#[test]
fn long_titles_wrap_inside_their_card() {
    let ctx = crate::fonts::headless_context();
    let style = Style::default();
    let inner = style.card_width - 2.0 * style.card_padding;
    for title in [
        "Checks the order's progress page again and again while waiting for the courier",
        "顾客在网上下单之后反复查看物流进度，担心手机在路上被摔坏或者被别人冒领",
    ] {
        let mut map = JourneyMap::blank("t");
        map.stages[0].touchpoints.push(Touchpoint {
            channel: Some(Channel::Web),
            ..Touchpoint::new(TouchpointId(100), title)
        });
        let layout = ctx.fonts_mut(|f| MapLayout::new(&map, &style, &Labels::default(), f));
        let card = &layout.cards[0];
        assert!(card.title.rows.len() > 1, "{title}: the layout's rows wrap");
        let galley = ctx.fonts_mut(|f| {
            f.layout_job(text_job(
                title,
                style.font_size(TextRole::CardTitle),
                egui::Color32::BLACK,
                inner,
                3,
            ))
        });
        assert!(galley.rows.len() > 1, "{title} wraps");
        assert!(
            galley.size().x <= inner + 0.5,
            "{title}: {} > {inner}",
            galley.size().x
        );
        assert!((galley.size().y - card.title.rect.height()).abs() < 0.5);
        assert!(inside(card.title.rect, card.rect));
    }
}

#[test]
fn rows_hold_the_whole_text_or_end_in_an_ellipsis() {
    let map = JourneyMap::generated(60);
    let layout = lay_out(&map);
    for card in &layout.cards {
        let tp = map.touchpoint(card.id).expect("card of a touchpoint");
        let joined: String = card.title.rows.concat();
        let whole: String = tp.title.split_whitespace().collect();
        let shown: String = joined.split_whitespace().collect();
        assert!(
            shown == whole || shown.ends_with('…'),
            "{:?} vs {:?}",
            card.title.rows,
            tp.title
        );
    }
}

#[test]
fn points_sharing_a_score_stand_apart() {
    let mut map = templates::find("restaurant-en").expect("template").map();
    let tp = map.stages[0].touchpoints[0].id;
    for curve in &mut map.curves {
        curve.scores.insert(tp, 1);
    }
    let layout = lay_out(&map);
    let xs: Vec<f32> = layout
        .curves
        .iter()
        .filter_map(|c| {
            c.points
                .iter()
                .find(|p| p.touchpoint() == Some(tp))
                .map(|p| p.pos.x)
        })
        .collect();
    assert_eq!(xs.len(), 2);
    assert!((xs[0] - xs[1]).abs() >= Style::default().shared_point_spread - 0.01);
}

#[test]
fn drop_targets_follow_the_pointer() {
    let map = templates::find("restaurant-en").expect("template").map();
    let layout = lay_out(&map);
    let first = &layout.cards[0];
    // Left of the first card of the first stage: index 0; right of it: index 1.
    assert_eq!(
        layout.touchpoint_drop(first.rect.left_center()),
        Some((0, 0))
    );
    assert_eq!(
        layout.touchpoint_drop(first.rect.right_center()),
        Some((0, 1))
    );
    let last_stage = layout.stages.len() - 1;
    let far_right = pos2(layout.size.x + 500.0, first.rect.center().y);
    let in_last = layout
        .cards
        .iter()
        .filter(|c| c.stage_index == last_stage)
        .count();
    assert_eq!(
        layout.touchpoint_drop(far_right),
        Some((last_stage, in_last))
    );

    let y = first.rect.center().y;
    assert_eq!(layout.stage_insert_index(pos2(0.0, y)), 0);
    assert_eq!(
        layout.stage_insert_index(pos2(f32::MAX, y)),
        layout.stages.len()
    );
    // The rows: touchpoints, emotion, then the lanes.
    let second_lane = layout.lanes[1].row;
    assert_eq!(
        layout.row_insert_index(pos2(10.0, second_lane.top() + 1.0)),
        3
    );

    let band = layout.first_band();
    let (top, bottom) = (band.levels[0], *band.levels.last().expect("levels"));
    assert_eq!(
        layout.score_at(pos2(300.0, top.1 - 30.0)),
        Some(map.scale.max)
    );
    assert_eq!(
        layout.score_at(pos2(300.0, bottom.1 + 3.0)),
        Some(map.scale.min)
    );
}

/// The edits a layout is brought up to date after, piece by piece where it can be: texts made
/// shorter, longer and much longer, locks, scores, the header.
fn small_edits(map: &JourneyMap) -> Vec<crate::edit::Edit> {
    use crate::edit::Edit;
    let long = "A much longer text that will take more rows than it did before, and then some more";
    let mut edits = Vec::new();
    for tp in map.touchpoints().step_by(4) {
        for title in ["X", "A title of two rows perhaps", long] {
            let mut changed = tp.clone();
            changed.title = title.to_owned();
            edits.push(Edit::SetTouchpoint(changed));
        }
        let mut locked = tp.clone();
        locked.locked = !locked.locked;
        edits.push(Edit::SetTouchpoint(locked));
    }
    for stage in map.stages.iter().step_by(2) {
        for name in ["S", long] {
            edits.push(Edit::SetStage {
                stage: stage.id,
                name: name.to_owned(),
                colour: stage.colour,
                description: stage.description.clone(),
            });
        }
    }
    for lane in &map.lanes {
        for note in lane.notes.iter().step_by(3) {
            for text in ["n", "Two words", long] {
                let mut changed = note.clone();
                changed.text = text.to_owned();
                edits.push(Edit::SetNote(changed));
            }
        }
    }
    if let (Some(curve), Some(tp)) = (map.curves.first(), map.touchpoints().nth(1)) {
        for score in [Some(map.scale.min), Some(map.scale.max), None] {
            edits.push(Edit::SetScore {
                curve: curve.id,
                touchpoint: tp.id,
                score,
            });
        }
    }
    let mut header = map.header.clone();
    header.title.push_str(" (2)");
    edits.push(Edit::SetHeader(header.clone()));
    header.scenario = long.repeat(3);
    edits.push(Edit::SetHeader(header));
    edits
}

#[test]
fn a_layout_brought_up_to_date_is_the_layout_laid_out_again() {
    let ctx = crate::fonts::headless_context();
    let (style, labels) = (Style::default(), Labels::default());
    let (mut quick, mut again) = (0, 0);
    // The generated map is left out: in debug builds it alone would take minutes.
    let maps = maps_to_check()
        .into_iter()
        .filter(|(name, _)| name != "generated-500");
    let fresh = |map: &JourneyMap| ctx.fonts_mut(|f| MapLayout::new(map, &style, &labels, f));
    for (name, map) in maps {
        let before = fresh(&map);
        for edit in small_edits(&map) {
            let mut doc = crate::edit::Document::new(map.clone());
            let revision = doc.revision();
            if doc.apply("edit", edit.clone()).is_err() {
                continue;
            }
            // The edit, then its undo: both must come out as a whole new layout would.
            for step in 0..2 {
                let changes = doc.changes_since(revision).expect("known");
                let mut updated = before.clone();
                let done = ctx
                    .fonts_mut(|fonts| updated.update(doc.map(), &style, &labels, fonts, &changes));
                if done {
                    quick += 1;
                    let expected = if step == 0 {
                        fresh(doc.map())
                    } else {
                        before.clone()
                    };
                    assert_eq!(updated, expected, "{name}: {edit:?} (step {step})");
                } else {
                    again += 1;
                }
                if step == 0 {
                    assert!(doc.undo());
                }
            }
        }
    }
    // Most of these edits keep heights (and the test would prove nothing if none did), some
    // do not.
    assert!(
        quick > again && again > 0,
        "{quick} brought up to date, {again} laid out again"
    );
}

/// A map fitted to pages chooses its bands from its header and its notes as laid out on one
/// band: edits of those are laid out again whole, never brought up to date in place.
#[test]
fn a_map_fitted_to_pages_lays_header_and_note_edits_out_again() {
    let ctx = crate::fonts::headless_context();
    let (style, labels) = (Style::default(), Labels::default());
    let mut map = JourneyMap::generated(200);
    map.options.wrap = Wrap::Page(PageShape::A4Landscape);
    let mut header = map.header.clone();
    header.title.push_str(" (2)");
    let mut note = map.lanes[0].notes[0].clone();
    note.text.push('!');
    let mut card = map.stages[0].touchpoints[0].clone();
    card.title = "X".to_owned();
    for (edit, in_place) in [
        (crate::edit::Edit::SetHeader(header), false),
        (crate::edit::Edit::SetNote(note), false),
        (crate::edit::Edit::SetTouchpoint(card), true),
    ] {
        let mut doc = crate::edit::Document::new(map.clone());
        let mut layout = lay_out(doc.map());
        let revision = doc.revision();
        doc.apply("edit", edit.clone()).expect("applies");
        let changes = doc.changes_since(revision).expect("known");
        let done = ctx.fonts_mut(|f| layout.update(doc.map(), &style, &labels, f, &changes));
        assert_eq!(done, in_place, "{edit:?}");
        if done {
            assert_eq!(layout, lay_out(doc.map()));
        }
    }
}
