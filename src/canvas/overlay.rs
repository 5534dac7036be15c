//! What a drag draws over the map: the box of a box selection, insertion markers where the item
//! would land, the score a curve point would take, and a ghost of the dragged item.

use super::drag::{Dragged, DropTarget, ghost_size};
use super::{Canvas, NewItem};
use crate::i18n::tr;
use crate::layout::MapLayout;
use crate::model::*;
use crate::paint::{self, View};
use egui::{CornerRadius, Pos2, Rect, Stroke, StrokeKind, pos2, vec2};

impl Canvas {
    pub(super) fn paint_drag(
        &self,
        painter: &egui::Painter,
        view: &View,
        map: &JourneyMap,
        layout: &MapLayout,
        target: Option<DropTarget>,
        pointer: Option<Pos2>,
    ) {
        let Some(drag) = self.drag.filter(|d| !d.cancelled) else {
            return;
        };
        let Some(pointer) = pointer else { return };
        let theme = view.theme;
        let t = self.screen_from_map;
        if let Dragged::RubberBand { start } = drag.what {
            let band = t * Rect::from_two_pos(start, pointer);
            painter.rect_filled(band, CornerRadius::ZERO, theme.accent.gamma_multiply(0.12));
            painter.rect_stroke(
                band,
                CornerRadius::ZERO,
                Stroke::new(1.0, theme.accent),
                StrokeKind::Inside,
            );
            return;
        }
        let style = &self.style;
        match target {
            Some(DropTarget::Touchpoint { stage, marker, .. }) => {
                if let Some(x) = layout.touchpoint_marker_x(stage, marker, style) {
                    let band = &layout.bands[layout.stages[stage].band];
                    let row = band.touchpoint_row;
                    paint::insertion_marker_vertical(painter, view, x, row.top(), row.bottom());
                }
            }
            Some(DropTarget::Stage { marker, .. }) => {
                let band = &layout.bands[layout.band_at(pointer.y)];
                let x = if band.stages.contains(&marker) {
                    layout.stages[marker].column.left() - style.stage_gap / 2.0
                } else {
                    marker
                        .checked_sub(1)
                        .and_then(|i| layout.stages.get(i))
                        .map_or(band.content_left, |s| {
                            s.column.right() + style.stage_gap / 2.0
                        })
                };
                paint::insertion_marker_vertical(
                    painter,
                    view,
                    x,
                    band.stage_row.top(),
                    band.gutter.bottom(),
                );
            }
            Some(DropTarget::Row { marker, .. }) => {
                let band_index = layout.band_at(pointer.y);
                let band = &layout.bands[band_index];
                let rows = layout.band_rows(band_index);
                let y = rows
                    .get(marker)
                    .map(|(_, r)| r.top() - style.row_gap / 2.0)
                    .or_else(|| rows.last().map(|(_, r)| r.bottom()))
                    .unwrap_or(band.stage_row.bottom());
                paint::insertion_marker_horizontal(
                    painter,
                    view,
                    y,
                    band.gutter.left(),
                    band.content_right,
                );
            }
            Some(DropTarget::Note {
                lane,
                stage,
                marker,
                ..
            }) => {
                let band = layout.stages[stage].band;
                let Some(row) = layout
                    .lanes
                    .iter()
                    .find(|l| l.index == lane && l.band == band)
                    .map(|l| l.row)
                else {
                    return;
                };
                let cell = layout.stages[stage].column.intersect(row);
                painter.rect_stroke(
                    t * cell,
                    CornerRadius::same(6),
                    Stroke::new(2.0, theme.accent),
                    StrokeKind::Inside,
                );
                let in_cell: Vec<_> = layout
                    .notes
                    .iter()
                    .filter(|n| n.lane_index == lane && n.stages == (stage..stage + 1))
                    .collect();
                let (x, top, bottom) = match in_cell.get(marker) {
                    Some(n) => (
                        n.rect.left() - style.note_gap / 2.0,
                        n.rect.top(),
                        n.rect.bottom(),
                    ),
                    None => match in_cell.last() {
                        Some(n) => (
                            n.rect.right() + style.note_gap / 2.0,
                            n.rect.top(),
                            n.rect.bottom(),
                        ),
                        None => (
                            cell.left() + style.stage_padding,
                            cell.top() + 6.0,
                            cell.bottom() - 6.0,
                        ),
                    },
                };
                paint::insertion_marker_vertical(painter, view, x, top, bottom);
            }
            Some(DropTarget::Span { lane, anchor }) => {
                for rect in span_rects(map, layout, lane, anchor) {
                    painter.rect_stroke(
                        t * rect,
                        CornerRadius::same(6),
                        Stroke::new(2.0, theme.accent),
                        StrokeKind::Inside,
                    );
                }
            }
            Some(DropTarget::Anchor(anchor)) => {
                if let Dragged::NoteEdge { note, .. } = drag.what
                    && let Some(at) = map.note(note)
                {
                    for rect in span_rects(map, layout, at.lane_index, anchor) {
                        painter.rect_filled(
                            t * rect,
                            CornerRadius::same(6),
                            theme.accent.gamma_multiply(0.08),
                        );
                        painter.rect_stroke(
                            t * rect,
                            CornerRadius::same(6),
                            Stroke::new(2.0, theme.accent),
                            StrokeKind::Inside,
                        );
                    }
                }
            }
            Some(DropTarget::Score(score)) => {
                let place = match drag.what {
                    Dragged::Item(Item::Score(curve, tp)) => {
                        layout.card(tp).map(|c| (curve, c.band, c.rect.center().x))
                    }
                    Dragged::Item(Item::StageScore(curve, stage)) => layout
                        .stage_box(stage)
                        .map(|s| (curve, s.band, s.column.center().x)),
                    _ => None,
                };
                if let Some((curve, band, x)) = place
                    && let (Some(y), Some(c)) = (layout.y_of_level(band, score), map.curve(curve))
                {
                    let centre = t * pos2(x, y);
                    let colour = theme.colour(c.colour);
                    painter.circle(centre, 8.0, colour, Stroke::new(2.5, theme.surface));
                    let level = map.scale.level(score);
                    let number = EmotionScale::score_text(score);
                    let mut text = number.clone();
                    if let Some(level) = level
                        && !level.label.is_empty()
                    {
                        text = crate::i18n::bracketed(&level.label, &number);
                    }
                    let emoji = level.and_then(|l| l.emoji.as_deref());
                    let face = if emoji.is_some() { 22.0 } else { 0.0 };
                    let galley = crate::paint::galley(
                        painter,
                        crate::layout::text_line(
                            &text,
                            egui::FontId::proportional(14.0),
                            theme.text,
                        ),
                    );
                    let bubble = Rect::from_min_size(
                        centre + vec2(14.0, -14.0),
                        vec2(
                            galley.size().x + face + 12.0,
                            galley.size().y.max(18.0) + 8.0,
                        ),
                    );
                    painter.rect_filled(bubble, CornerRadius::same(4), theme.surface);
                    painter.rect_stroke(
                        bubble,
                        CornerRadius::same(4),
                        Stroke::new(1.0, colour),
                        StrokeKind::Inside,
                    );
                    if let Some(emoji) = emoji {
                        let slot = Rect::from_min_size(
                            pos2(bubble.left() + 6.0, bubble.center().y - 9.0),
                            vec2(18.0, 18.0),
                        );
                        paint::paint_emoji(painter, slot, emoji, theme.text);
                    }
                    painter.galley(
                        pos2(
                            bubble.left() + 6.0 + face,
                            bubble.center().y - galley.size().y / 2.0,
                        ),
                        galley,
                        theme.text,
                    );
                }
            }
            None => {}
        }
        // A ghost of the dragged item follows the pointer, at the map's scale, with the
        // item's own words.
        let Some(size) = ghost_size(style, layout, drag.what) else {
            return;
        };
        let label = match drag.what {
            Dragged::Item(item) => map.item_text(item).unwrap_or_default().to_owned(),
            Dragged::New(NewItem::Stage) => tr("new.stage").to_owned(),
            Dragged::New(NewItem::Touchpoint) => tr("new.touchpoint").to_owned(),
            Dragged::New(NewItem::Lane) => tr("new.lane").to_owned(),
            Dragged::New(NewItem::Note) => tr("new.note").to_owned(),
            _ => return,
        };
        let zoom = t.scaling;
        let rect = t * Rect::from_min_size(pointer - drag.grab, size);
        let radius = CornerRadius::same((6.0 * zoom).clamp(1.0, 12.0) as u8);
        painter.rect_filled(rect, radius, theme.surface.gamma_multiply(0.9));
        painter.rect_stroke(
            rect,
            radius,
            Stroke::new(1.5, theme.accent),
            StrokeKind::Inside,
        );
        let font = (14.0 * zoom).max(6.0);
        let pad = 8.0 * zoom;
        let galley = crate::paint::galley(
            painter,
            crate::layout::text_wrapped(
                &label,
                egui::FontId::proportional(font),
                theme.text,
                (rect.width() - 2.0 * pad).max(10.0),
            ),
        );
        painter
            .with_clip_rect(rect)
            .galley(rect.min + vec2(pad, pad), galley, theme.text);
    }
}

/// Where a note spanning `anchor` in lane `lane` (an index) would stand: one rectangle per band
/// it reaches, across the columns (or the cards) it spans.
fn span_rects(map: &JourneyMap, layout: &MapLayout, lane: usize, anchor: Anchor) -> Vec<Rect> {
    let Some(span) = map.anchor_stages(anchor) else {
        return Vec::new();
    };
    let members = map.anchor_members(anchor);
    layout
        .lanes
        .iter()
        .filter(|l| l.index == lane)
        .filter_map(|row| {
            let columns: Vec<Rect> = layout
                .stages
                .iter()
                .enumerate()
                .filter(|(i, s)| span.contains(i) && s.band == row.band)
                .map(|(_, s)| s.column)
                .collect();
            let (mut left, mut right) = (
                columns.iter().map(Rect::left).reduce(f32::min)?,
                columns.iter().map(Rect::right).reduce(f32::max)?,
            );
            if anchor.on_touchpoints() {
                let cards: Vec<&crate::layout::CardBox> = layout
                    .cards
                    .iter()
                    .filter(|c| c.band == row.band && members.contains(&c.id.0))
                    .collect();
                if let (Some(l), Some(r)) = (
                    cards.iter().map(|c| c.rect.left()).reduce(f32::min),
                    cards.iter().map(|c| c.rect.right()).reduce(f32::max),
                ) {
                    (left, right) = (l, r);
                }
            }
            Some(Rect::from_x_y_ranges(left..=right, row.row.y_range()))
        })
        .collect()
}

/// Where an item is on the map, for marks and for bringing it into view.
pub(super) fn item_rect(layout: &MapLayout, item: Item) -> Option<Rect> {
    match item {
        Item::Touchpoint(id) | Item::Score(_, id) => layout.card(id).map(|c| c.rect),
        Item::Note(id) => layout.note(id).map(|n| n.rect),
        Item::Stage(id) | Item::StageScore(_, id) => layout.stage_box(id).map(|s| s.header),
        Item::Lane(id) => layout.lane_box(id).map(|l| l.row),
        _ => None,
    }
}

/// The marks of a comparison (an outline and a sign on each added, changed or moved item), and
/// the conflict marks a merge left.
pub(super) fn paint_marks(
    painter: &egui::Painter,
    view: &crate::paint::View,
    layout: &MapLayout,
    marks: &[(Item, super::Mark)],
) {
    use super::Mark;
    for (item, mark) in marks {
        let Some(rect) = item_rect(layout, *item) else {
            continue;
        };
        let (colour, sign) = match mark {
            Mark::Added => (egui::Color32::from_rgb(0x1f, 0x9d, 0x55), "+"),
            Mark::Changed => (egui::Color32::from_rgb(0xd9, 0x7a, 0x06), "~"),
            Mark::Moved => (egui::Color32::from_rgb(0x6b, 0x4f, 0xd8), ">"),
            Mark::Conflict => (egui::Color32::from_rgb(0xd0, 0x34, 0x3c), "!"),
        };
        let rect = (view.screen_from_map * rect).expand(3.0);
        painter.rect_stroke(
            rect,
            egui::CornerRadius::same(6),
            egui::Stroke::new(2.5, colour),
            egui::StrokeKind::Outside,
        );
        let centre = rect.left_top() + egui::vec2(2.0, 2.0);
        painter.circle_filled(centre, 8.0, colour);
        painter.text(
            centre,
            egui::Align2::CENTER_CENTER,
            sign,
            egui::FontId::proportional(12.0),
            egui::Color32::WHITE,
        );
    }
}
