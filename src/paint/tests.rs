//! What the painter promises whatever the zoom: text inside its box, faces that can be
//! recognised, curves that never pass beyond their points.

use super::*;
use crate::layout::{Labels, MapLayout, curve_segments};
use crate::templates;

/// The light theme, for views that borrow it.
static LIGHT: std::sync::LazyLock<Theme> = std::sync::LazyLock::new(Theme::light);

fn lay_out(ctx: &egui::Context, map: &JourneyMap) -> MapLayout {
    ctx.fonts_mut(|f| MapLayout::new(map, &Style::default(), &Labels::default(), f))
}

/// Runs `paint` in a frame of a headless context with our fonts, on a painter over `screen`.
fn in_frame(ctx: &egui::Context, screen: Rect, mut paint: impl FnMut(&Painter)) -> Vec<Shape> {
    let input = egui::RawInput {
        screen_rect: Some(screen),
        ..Default::default()
    };
    let mut output = ctx.run_ui(input, |ui| {
        let painter = Painter::new(ui.ctx().clone(), egui::LayerId::background(), screen);
        paint(&painter);
    });
    output.textures_delta.clear();
    output.shapes.into_iter().map(|c| c.shape).collect()
}

/// Every text box of a layout, each with where it is drawn (stage names are centred in their
/// header).
fn text_boxes(layout: &MapLayout) -> Vec<TextBox> {
    let mut boxes = vec![layout.header.title.clone()];
    for band in &layout.bands {
        boxes.push(band.touchpoint_label.clone());
        boxes.push(band.curve_label.clone());
        boxes.extend(band.level_labels.iter().map(|l| l.text.clone()));
    }
    boxes.extend(layout.footer.clone());
    for block in &layout.header.blocks {
        boxes.push(block.label.clone());
        boxes.extend(block.parts.iter().map(|(_, t)| t.clone()));
    }
    for stage in &layout.stages {
        boxes.push(stage.name.clone());
        boxes.extend(stage.description.clone());
    }
    for card in &layout.cards {
        boxes.push(card.title.clone());
        boxes.extend(card.description.clone());
        boxes.extend(card.notes.clone());
    }
    for note in &layout.notes {
        boxes.push(note.text.clone());
        boxes.extend(note.meta.clone());
    }
    boxes.extend(layout.lanes.iter().map(|l| l.label.clone()));
    boxes
}

#[test]
fn every_text_stays_inside_its_box_at_every_zoom() {
    let ctx = crate::fonts::headless_context();
    let style = Style::default();
    let selection = BTreeSet::new();
    for template in templates::ALL {
        let map = template.map();
        let layout = lay_out(&ctx, &map);
        // The zoom Fit gives in a 1600 × 1000 window's canvas.
        let fit = (1270.0 / layout.size.x).min(880.0 / layout.size.y);
        for zoom in [0.05, fit, 0.47, 0.68, 1.0, 4.0] {
            let screen = Rect::from_min_size(Pos2::ZERO, layout.size * zoom);
            let view = View::still(
                TSTransform::from_scaling(zoom),
                &LIGHT,
                &style,
                &selection,
                Detail::Full,
            );
            let mut drawn = 0;
            in_frame(&ctx, screen, |painter| {
                for text_box in text_boxes(&layout) {
                    let Some((at, galley)) = fitted_text(painter, &view, &text_box, Color32::BLACK)
                    else {
                        continue;
                    };
                    drawn += 1;
                    let inked = Rect::from_min_size(at, galley.size());
                    let room = view.rect(text_box.rect).expand(0.5);
                    assert!(
                        room.contains_rect(inked),
                        "{} at {:.0} %: {:?} spills out of its box: {inked:?} in {room:?}",
                        template.name,
                        zoom * 100.0,
                        text_box.rows,
                    );
                }
            });
            if zoom >= 0.47 {
                assert!(drawn > 50, "{}: only {drawn} texts drawn", template.name);
            }
        }
    }
}

#[test]
fn faces_are_drawn_as_shapes_at_least_16_px_tall_at_100_percent() {
    let ctx = crate::fonts::headless_context();
    let style = Style::default();
    let selection = BTreeSet::new();
    for template in templates::ALL {
        let map = template.map();
        let layout = lay_out(&ctx, &map);
        let faces: Vec<Rect> = layout
            .first_band()
            .level_labels
            .iter()
            .filter_map(|l| l.face)
            .collect();
        assert_eq!(faces.len(), 5, "{}: a face for every level", template.name);
        let screen = Rect::from_min_size(Pos2::ZERO, layout.size);
        for theme in [Theme::light(), Theme::dark()] {
            let view = View::still(
                TSTransform::IDENTITY,
                &theme,
                &style,
                &selection,
                Detail::Full,
            );
            let shapes = in_frame(&ctx, screen, |painter| {
                paint_map(painter, &map, &layout, &view);
            });
            for face in &faces {
                assert!(face.height() >= 16.0, "{}: {face:?}", template.name);
                let drawn = shapes.iter().any(|s| match s {
                    Shape::Circle(c) => {
                        (c.center - face.center()).length() < 0.5 && 2.0 * c.radius >= 16.0
                    }
                    _ => false,
                });
                assert!(drawn, "{}: no face drawn at {face:?}", template.name);
            }
            // No face is left to the emoji font, which draws them as blobs.
            let emoji_text = shapes.iter().any(|s| match s {
                Shape::Text(t) => t
                    .galley
                    .text()
                    .chars()
                    .any(|c| super::Face::of_emoji(&c.to_string()).is_some()),
                _ => false,
            });
            assert!(!emoji_text, "{}: a face drawn as text", template.name);
        }
    }
}

#[test]
fn template_curves_never_pass_beyond_the_points_they_join() {
    let ctx = crate::fonts::headless_context();
    for template in templates::ALL {
        let layout = lay_out(&ctx, &template.map());
        for curve in &layout.curves {
            let points: Vec<Pos2> = curve.points.iter().map(|p| p.pos).collect();
            for segment in curve_segments(&points) {
                let (lo, hi) = (
                    segment[0].y.min(segment[3].y) - 0.01,
                    segment[0].y.max(segment[3].y) + 0.01,
                );
                for i in 0..=50 {
                    let y = crate::layout::bezier_at(&segment, i as f32 / 50.0).y;
                    assert!(
                        (lo..=hi).contains(&y),
                        "{}: the curve reaches {y} between {lo} and {hi}",
                        template.name
                    );
                }
            }
        }
    }
}

/// Zoomed out to specks, a lane with a note at its start and one far along it shows two
/// blocks, not one bar across the empty cells between (a lane's notes are not listed left to
/// right, so a run joins only blocks that touch).
#[test]
fn specks_leave_the_empty_stretch_between_two_notes_empty() {
    let ctx = crate::fonts::headless_context();
    let mut map = JourneyMap::plain(400);
    let mut ids = map.id_allocator();
    let (near, far) = (map.stages[0].id, map.stages[30].id);
    let lane = &mut map.lanes[0];
    lane.notes.clear();
    // Listed far first: the order the runs meet them.
    lane.notes
        .push(Note::new(ids.note(), "far", Anchor::Stage(far)));
    lane.notes
        .push(Note::new(ids.note(), "near", Anchor::Stage(near)));
    let layout = lay_out(&ctx, &map);
    let style = Style::default();
    let zoom = 2.0 / style.card_width;
    let screen = Rect::from_min_size(Pos2::ZERO, layout.size * zoom);
    let selection = BTreeSet::new();
    let view = View::still(
        TSTransform::from_scaling(zoom),
        &LIGHT,
        &style,
        &selection,
        Detail::Adaptive,
    );
    assert!(specks(&view));
    let accent = view.theme.lane_accent(map.lanes[0].kind);
    let shapes = in_frame(&ctx, screen, |painter| {
        paint_notes(painter, &map, &layout, &view, layout.bounds());
    });
    let blocks: Vec<Rect> = shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Rect(r) if r.fill == accent => Some(r.rect),
            _ => None,
        })
        .collect();
    let gap = (
        layout.stages[1].column.left() * zoom,
        layout.stages[29].column.right() * zoom,
    );
    assert_eq!(blocks.len(), 2, "{blocks:?}");
    assert!(
        blocks
            .iter()
            .all(|b| b.right() <= gap.0 + 0.5 || b.left() >= gap.1 - 0.5),
        "a block covers the empty stages: {blocks:?}"
    );
}
