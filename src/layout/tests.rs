use super::*;
use crate::templates;

/// Lays out `map` with the fonts the app and the exports use.
pub(crate) fn lay_out(map: &JourneyMap) -> MapLayout {
    let ctx = crate::fonts::headless_context();
    ctx.fonts_mut(|fonts| MapLayout::new(map, &Style::default(), &Labels::default(), fonts))
}

fn maps_to_check() -> Vec<(String, JourneyMap)> {
    let mut maps: Vec<(String, JourneyMap)> = templates::ALL
        .iter()
        .map(|t| (t.name.to_owned(), t.map()))
        .collect();
    maps.push(("generated-500".into(), JourneyMap::generated(500)));
    maps.push(("blank".into(), JourneyMap::blank("")));
    maps
}

fn inside(inner: Rect, outer: Rect) -> bool {
    outer.expand(0.01).contains_rect(inner)
}

fn overlap(a: Rect, b: Rect) -> bool {
    a.intersects(b) && a.intersect(b).area() > 0.01
}

#[test]
fn cards_do_not_overlap_and_stay_in_their_stage() {
    for (name, map) in maps_to_check() {
        let layout = lay_out(&map);
        assert_eq!(layout.cards.len(), map.touchpoint_count(), "{name}");
        for (i, card) in layout.cards.iter().enumerate() {
            let stage = &layout.stages[card.stage_index];
            assert!(
                inside(card.rect, stage.column),
                "{name}: card {i} leaves its stage"
            );
            assert!(
                inside(card.rect, layout.touchpoint_row),
                "{name}: card {i} leaves its row"
            );
            assert!(
                inside(card.title.rect, card.rect),
                "{name}: title of card {i} overflows"
            );
            if let Some(d) = &card.description {
                assert!(
                    inside(d.rect, card.rect),
                    "{name}: description of card {i} overflows"
                );
            }
            for other in &layout.cards[i + 1..] {
                assert!(!overlap(card.rect, other.rect), "{name}: cards overlap");
            }
        }
        for pair in layout.stages.windows(2) {
            assert!(
                pair[0].column.right() < pair[1].column.left(),
                "{name}: stages overlap"
            );
        }
    }
}

#[test]
fn notes_stay_in_their_cell_and_do_not_overlap() {
    for (name, map) in maps_to_check() {
        let layout = lay_out(&map);
        let count: usize = map
            .lanes
            .iter()
            .map(|l| l.notes.values().map(Vec::len).sum::<usize>())
            .sum();
        assert_eq!(layout.notes.len(), count, "{name}");
        for (i, note) in layout.notes.iter().enumerate() {
            let cell = layout.stages[note.stage_index]
                .column
                .intersect(layout.lanes[note.lane_index].row);
            assert!(inside(note.rect, cell), "{name}: note {i} leaves its cell");
            assert!(
                inside(note.text.rect, note.rect),
                "{name}: text of note {i} overflows"
            );
            for other in &layout.notes[i + 1..] {
                assert!(!overlap(note.rect, other.rect), "{name}: notes overlap");
            }
        }
        for pair in layout.lanes.windows(2) {
            assert!(
                pair[0].row.bottom() <= pair[1].row.top(),
                "{name}: lanes overlap"
            );
        }
    }
}

#[test]
fn rows_stack_top_to_bottom_and_fit_the_map() {
    for (name, map) in maps_to_check() {
        let layout = lay_out(&map);
        assert!(
            layout.header.rect.bottom() < layout.stage_row.top(),
            "{name}"
        );
        assert!(
            layout.stage_row.bottom() < layout.touchpoint_row.top(),
            "{name}"
        );
        assert!(
            layout.touchpoint_row.bottom() < layout.curve_band.top(),
            "{name}"
        );
        if let Some(first) = layout.lanes.first() {
            assert!(layout.curve_band.bottom() < first.row.top(), "{name}");
        }
        let bounds = layout.bounds();
        for card in &layout.cards {
            assert!(inside(card.rect, bounds), "{name}");
        }
        for curve in &layout.curves {
            for point in &curve.points {
                assert!(
                    layout.curve_band.contains(point.pos),
                    "{name}: curve point outside band"
                );
                let card = layout
                    .card(point.touchpoint)
                    .expect("scored touchpoints have cards");
                let off = (point.pos.x - card.rect.center().x).abs();
                assert!(
                    off <= Style::default().shared_point_spread * 1.5,
                    "{name}: point off its card by {off}"
                );
                assert!(inside(
                    Rect::from_center_size(point.pos, Vec2::splat(1.0)),
                    card.rect
                        .expand(1.0)
                        .with_min_y(layout.curve_band.top())
                        .with_max_y(layout.curve_band.bottom())
                ));
            }
        }
    }
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
            channel: Channel::Web,
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
                .find(|p| p.touchpoint == tp)
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

    assert_eq!(layout.stage_insert_index(0.0), 0);
    assert_eq!(layout.stage_insert_index(f32::MAX), layout.stages.len());
    assert_eq!(layout.lane_insert_index(layout.lanes[1].row.top() + 1.0), 1);

    let (top, bottom) = (layout.levels[0], *layout.levels.last().expect("levels"));
    assert_eq!(layout.score_at_y(top.1 - 100.0), Some(map.scale.max));
    assert_eq!(layout.score_at_y(bottom.1 + 3.0), Some(map.scale.min));
}
