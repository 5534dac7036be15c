//! Questions asked of a layout: where an item is, and where a dragged item would land. Places
//! are found in the band under the pointer: on a wrapped map, dropping a card on the second band
//! puts it among that band's stages.

use super::{Band, CardBox, CellBox, MapLayout, NoteBox, Style};
use crate::model::{LaneId, NoteId, Row, StageId, TouchpointId};
use egui::emath::{self, Pos2, Rect};

impl MapLayout {
    /// The whole map, from (0, 0) to its size.
    pub fn bounds(&self) -> Rect {
        Rect::from_min_size(Pos2::ZERO, self.size)
    }

    /// The first band (every map has at least one).
    pub fn first_band(&self) -> &Band {
        &self.bands[0]
    }

    /// The index of the band at (or nearest to) height `y`.
    pub fn band_at(&self, y: f32) -> usize {
        self.bands
            .iter()
            .enumerate()
            .min_by(|(_, a), (_, b)| {
                distance_to_range(y, a.rect.y_range())
                    .total_cmp(&distance_to_range(y, b.rect.y_range()))
            })
            .map_or(0, |(i, _)| i)
    }

    /// The card of the touchpoint with this id.
    pub fn card(&self, id: TouchpointId) -> Option<&CardBox> {
        self.cards.iter().find(|c| c.id == id)
    }

    /// The (first) box of the note with this id.
    pub fn note(&self, id: NoteId) -> Option<&NoteBox> {
        self.notes.iter().find(|n| n.id == id)
    }

    /// The column and header of the stage with this id.
    pub fn stage_box(&self, id: StageId) -> Option<&super::StageBox> {
        self.stages.iter().find(|s| s.id == id)
    }

    /// The (first band's) row of the lane with this id.
    pub fn lane_box(&self, id: LaneId) -> Option<&super::LaneBox> {
        self.lanes.iter().find(|l| l.id == id)
    }

    /// The cell where a lane crosses a stage.
    pub fn cell(&self, lane: LaneId, stage: StageId) -> Option<&CellBox> {
        self.cells
            .iter()
            .find(|c| c.lane == lane && c.stage == stage)
    }

    /// The rows of a band top to bottom, with their rectangles (the touchpoint row and the
    /// curve band across the stages, lanes across the gutter too).
    pub fn band_rows(&self, band: usize) -> Vec<(Row, Rect)> {
        let b = &self.bands[band];
        let mut rows: Vec<(Row, Rect)> = vec![
            (Row::Touchpoints, b.touchpoint_row),
            (Row::Emotion, b.curve_band),
        ];
        rows.extend(
            self.lanes
                .iter()
                .filter(|l| l.band == band)
                .map(|l| (Row::Lane(l.id), l.row)),
        );
        rows.sort_by(|a, b| a.1.top().total_cmp(&b.1.top()));
        rows
    }

    /// The stage (its index in the map) whose column is nearest to `pos`, in the band under it
    /// (None for a map without stages).
    pub fn stage_near(&self, pos: Pos2) -> Option<usize> {
        let band = self.band_at(pos.y);
        self.bands[band].stages.clone().min_by(|a, b| {
            let da = distance_to_range(pos.x, self.stages[*a].column.x_range());
            let db = distance_to_range(pos.x, self.stages[*b].column.x_range());
            da.total_cmp(&db)
        })
    }

    /// Where a stage dropped at `pos` goes: the index among the stages, before the first stage
    /// of the band under `pos` whose centre is right of it.
    pub fn stage_insert_index(&self, pos: Pos2) -> usize {
        let band = &self.bands[self.band_at(pos.y)];
        band.stages
            .clone()
            .find(|&si| pos.x < self.stages[si].column.center().x)
            .unwrap_or(band.stages.end)
    }

    /// Where a touchpoint dropped at `pos` goes: (stage index, index in the stage).
    pub fn touchpoint_drop(&self, pos: Pos2) -> Option<(usize, usize)> {
        let si = self.stage_near(pos)?;
        let in_stage = self.cards.iter().filter(|c| c.stage_index == si);
        let index = in_stage
            .clone()
            .position(|c| pos.x < c.rect.center().x)
            .unwrap_or_else(|| in_stage.count());
        Some((si, index))
    }

    /// The card nearest to `pos` in the band under it.
    pub fn card_near(&self, pos: Pos2) -> Option<&CardBox> {
        let band = self.band_at(pos.y);
        self.cards.iter().filter(|c| c.band == band).min_by(|a, b| {
            distance_to_range(pos.x, a.rect.x_range())
                .total_cmp(&distance_to_range(pos.x, b.rect.x_range()))
        })
    }

    /// Where a row dropped at `pos` goes: its index among all the rows (touchpoints, emotion
    /// band, lanes), before the first row of the band under `pos` whose middle is below it.
    pub fn row_insert_index(&self, pos: Pos2) -> usize {
        let rows = self.band_rows(self.band_at(pos.y));
        rows.iter()
            .position(|(_, r)| pos.y < r.center().y)
            .unwrap_or(rows.len())
    }

    /// The lane (its index in the map) whose row is at (or nearest to) `pos`, in the band under
    /// it.
    pub fn lane_near(&self, pos: Pos2) -> Option<usize> {
        let band = self.band_at(pos.y);
        self.lanes
            .iter()
            .filter(|l| l.band == band)
            .min_by(|a, b| {
                distance_to_range(pos.y, a.row.y_range())
                    .total_cmp(&distance_to_range(pos.y, b.row.y_range()))
            })
            .map(|l| l.index)
    }

    /// Where a note dropped at `pos` into a cell goes: (lane index in the map, stage index,
    /// place among the cell's own notes).
    pub fn note_drop(&self, pos: Pos2) -> Option<(usize, usize, usize)> {
        let li = self.lane_near(pos)?;
        let si = self.stage_near(pos)?;
        let in_cell = self
            .notes
            .iter()
            .filter(|n| n.lane_index == li && n.stages == (si..si + 1) && n.piece == 0);
        // Reading order: a note goes before the first note it is above, or left of in its row.
        let index = in_cell
            .clone()
            .position(|n| {
                pos.y < n.rect.top() || (pos.y <= n.rect.bottom() && pos.x < n.rect.center().x)
            })
            .unwrap_or_else(|| in_cell.count());
        Some((li, si, index))
    }

    /// The level of the scale nearest to `pos` in the curve band of the band under it.
    pub fn score_at(&self, pos: Pos2) -> Option<i32> {
        self.bands[self.band_at(pos.y)]
            .levels
            .iter()
            .min_by(|a, b| (a.1 - pos.y).abs().total_cmp(&(b.1 - pos.y).abs()))
            .map(|&(value, _)| value)
    }

    /// The height of a level in a band's curve band.
    pub fn y_of_level(&self, band: usize, value: i32) -> Option<f32> {
        self.bands
            .get(band)?
            .levels
            .iter()
            .find(|l| l.0 == value)
            .map(|l| l.1)
    }

    /// The x where an insertion marker for a touchpoint dropped at (stage, index) stands.
    pub fn touchpoint_marker_x(
        &self,
        stage_index: usize,
        index: usize,
        style: &Style,
    ) -> Option<f32> {
        let stage = self.stages.get(stage_index)?;
        let in_stage: Vec<&CardBox> = self
            .cards
            .iter()
            .filter(|c| c.stage_index == stage_index)
            .collect();
        Some(match in_stage.get(index) {
            Some(card) => card.rect.left() - style.card_gap / 2.0,
            None => in_stage
                .last()
                .map_or(stage.column.left() + style.stage_padding, |c| {
                    c.rect.right() + style.card_gap / 2.0
                }),
        })
    }
}

fn distance_to_range(x: f32, range: emath::Rangef) -> f32 {
    if x < range.min {
        range.min - x
    } else if x > range.max {
        x - range.max
    } else {
        0.0
    }
}
