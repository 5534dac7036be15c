//! Placing a lane's notes in one band: each stage's own notes in a grid in its cell, then the
//! notes under touchpoints, then those spanning stages, then those about the whole journey,
//! each as high as the notes already placed under it allow (a skyline).

use super::build::Builder;
use super::{NoteBox, TextRole};
use crate::model::{Anchor, JourneyMap, Lane, Note};
use egui::emath::{Rect, pos2, vec2};
use std::ops::Range;

/// One card-wide slot of a stage's column: notes stack in slots.
struct Slot {
    left: f32,
    right: f32,
    /// Where the next note in this slot may start.
    top: f32,
}

/// What the note placement needs to know of the band.
pub(super) struct BandColumns<'a> {
    /// The band's stages, as indices into the map's stages.
    pub stages: Range<usize>,
    /// The x and width of each of the band's stages' columns.
    pub columns: &'a [(f32, f32)],
    /// The x range of each card in the band, left to right.
    pub cards: &'a [(f32, f32)],
    /// The place in the journey's order of the band's first card.
    pub first_card: usize,
    /// The band's index.
    pub band: usize,
    /// The band each stage is in, for every stage of the map.
    pub band_of_stage: &'a [usize],
}

/// Places `lane`'s notes in the band whose rows start at `top`; returns their boxes and the
/// lowest bottom any of them reaches.
pub(super) fn place(
    builder: &mut Builder<'_>,
    map: &JourneyMap,
    lane: &Lane,
    lane_index: usize,
    band: &BandColumns<'_>,
    top: f32,
) -> (Vec<NoteBox>, f32) {
    let style = builder.style.clone();
    let mut slots: Vec<Vec<Slot>> = band
        .stages
        .clone()
        .zip(band.columns)
        .map(|(si, &(x, _))| {
            let count = map.stages[si].touchpoints.len().max(1);
            (0..count)
                .map(|k| {
                    let left =
                        x + style.stage_padding + k as f32 * (style.card_width + style.card_gap);
                    Slot {
                        left,
                        right: left + style.card_width,
                        top: top + style.note_gap,
                    }
                })
                .collect()
        })
        .collect();
    let mut boxes = Vec::new();

    // Each stage's own notes: a grid of card-wide columns in its cell, in list order.
    let mut cells: Vec<Vec<(usize, &Note)>> = vec![Vec::new(); band.stages.len()];
    for (index, note) in lane.notes.iter().enumerate() {
        if let Anchor::Stage(stage) = note.anchor
            && let Some(span) = builder.index.anchor_stages(Anchor::Stage(stage))
            && band.stages.contains(span.start())
            && map.stages[*span.start()].id == stage
        {
            cells[span.start() - band.stages.start].push((index, note));
        }
    }
    for ((bi, si), cell) in band.stages.clone().enumerate().zip(cells) {
        if cell.is_empty() {
            continue;
        }
        let per_row = slots[bi].len();
        let mut row_top = top + style.note_gap;
        let mut row_height: f32 = 0.0;
        for (k, (index, note)) in cell.into_iter().enumerate() {
            let column = k % per_row;
            if column == 0 && k > 0 {
                row_top += row_height + style.note_gap;
                row_height = 0.0;
            }
            let left = slots[bi][column].left;
            let rect = note_box(builder, note, left, row_top, style.card_width);
            row_height = row_height.max(rect.0.height());
            boxes.push(NoteBox {
                id: note.id,
                lane_index,
                stages: si..si + 1,
                band: band.band,
                index,
                piece: 0,
                rect: rect.0,
                text: rect.1,
                meta: rect.2,
            });
        }
        let bottom = row_top + row_height + style.note_gap;
        for slot in &mut slots[bi] {
            slot.top = bottom;
        }
    }

    // Then the rest, in three passes: under touchpoints, across stages, across the journey.
    let passes: [fn(&Anchor) -> bool; 3] = [
        |a| a.on_touchpoints(),
        |a| matches!(a, Anchor::Stages(..)),
        |a| *a == Anchor::Journey,
    ];
    for pass in passes {
        for (index, note) in lane.notes.iter().enumerate() {
            if !pass(&note.anchor) {
                continue;
            }
            let Some(span) = builder.index.anchor_stages(note.anchor) else {
                continue;
            };
            // A note about the whole journey stands once, under the last band, rather than
            // again in every band of a wrapped map.
            if note.anchor == Anchor::Journey && band.band_of_stage.last() != Some(&band.band) {
                continue;
            }
            let first = (*span.start()).max(band.stages.start);
            let last = (*span.end()).min(band.stages.end.saturating_sub(1));
            if band.stages.is_empty() || first > last {
                continue;
            }
            let column = |si: usize| band.columns[si - band.stages.start];
            let mut left = column(first).0 + style.stage_padding;
            let mut right = column(last).0 + column(last).1 - style.stage_padding;
            // Under touchpoints: from the first member card in the band to the last (cards
            // stand left to right in the journey's order).
            if let Some(orders) = builder.index.anchor_orders(note.anchor) {
                let from = (*orders.start()).max(band.first_card);
                let to =
                    (*orders.end()).min((band.first_card + band.cards.len()).saturating_sub(1));
                if from <= to && !band.cards.is_empty() {
                    left = band.cards[from - band.first_card].0;
                    right = band.cards[to - band.first_card].1;
                }
            }
            // Only the slots of the stages the note spans can be under it.
            let under = first - band.stages.start..=last - band.stages.start;
            let covered = |slot: &Slot| slot.right > left + 0.5 && slot.left < right - 0.5;
            let y = slots[under.clone()]
                .iter()
                .flatten()
                .filter(|s| covered(s))
                .map(|s| s.top)
                .fold(top + style.note_gap, f32::max);
            let (rect, text, meta) = note_box(builder, note, left, y, right - left);
            for slot in slots[under].iter_mut().flatten().filter(|s| covered(s)) {
                slot.top = rect.bottom() + style.note_gap;
            }
            let piece = if note.anchor == Anchor::Journey {
                0
            } else {
                band.band
                    - band
                        .band_of_stage
                        .get(*span.start())
                        .copied()
                        .unwrap_or(band.band)
            };
            boxes.push(NoteBox {
                id: note.id,
                lane_index,
                stages: first..last + 1,
                band: band.band,
                index,
                piece,
                rect,
                text,
                meta,
            });
        }
    }
    let bottom = slots
        .iter()
        .flatten()
        .map(|s| s.top)
        .fold(top + style.note_gap, f32::max);
    (boxes, bottom)
}

/// A note's box `width` wide at (`left`, `top`): its text, then its owner and metric.
pub(super) fn note_box(
    builder: &mut Builder<'_>,
    note: &Note,
    left: f32,
    top: f32,
    width: f32,
) -> (Rect, super::TextBox, Option<super::TextBox>) {
    let pad = builder.style.note_padding;
    let inner = (width - 2.0 * pad).max(10.0);
    let text = builder.text(
        &note.text,
        TextRole::Note,
        pos2(left + pad, top + pad),
        inner,
    );
    let meta_line = builder.note_meta(note);
    let meta = meta_line.map(|line| {
        builder.text(
            &line,
            TextRole::NoteMeta,
            pos2(left + pad, text.rect.bottom() + 4.0),
            inner,
        )
    });
    let content_bottom = meta
        .as_ref()
        .map_or(text.rect.bottom(), |m| m.rect.bottom());
    let height = (content_bottom + pad - top).max(builder.style.note_min_height);
    (
        Rect::from_min_size(pos2(left, top), vec2(width, height)),
        text,
        meta,
    )
}
