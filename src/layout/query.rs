//! Questions asked of a layout: where an item is, and where a dragged item would land.

use super::{CardBox, CellBox, MapLayout, NoteBox, Style};
use crate::model::{LaneId, NoteId, StageId, TouchpointId};
use egui::emath::{self, Pos2, Rect};

impl MapLayout {
    /// The whole map, from (0, 0) to its size.
    pub fn bounds(&self) -> Rect {
        Rect::from_min_size(Pos2::ZERO, self.size)
    }

    /// The card of the touchpoint with this id.
    pub fn card(&self, id: TouchpointId) -> Option<&CardBox> {
        self.cards.iter().find(|c| c.id == id)
    }

    /// The box of the note with this id.
    pub fn note(&self, id: NoteId) -> Option<&NoteBox> {
        self.notes.iter().find(|n| n.id == id)
    }

    /// The column and header of the stage with this id.
    pub fn stage_box(&self, id: StageId) -> Option<&super::StageBox> {
        self.stages.iter().find(|s| s.id == id)
    }

    /// The row of the lane with this id.
    pub fn lane_box(&self, id: LaneId) -> Option<&super::LaneBox> {
        self.lanes.iter().find(|l| l.id == id)
    }

    /// The cell where a lane crosses a stage.
    pub fn cell(&self, lane: LaneId, stage: StageId) -> Option<&CellBox> {
        self.cells
            .iter()
            .find(|c| c.lane == lane && c.stage == stage)
    }

    /// The stage whose column is nearest to `x` (None for a map without stages).
    pub fn stage_near_x(&self, x: f32) -> Option<usize> {
        self.stages
            .iter()
            .enumerate()
            .min_by(|(_, a), (_, b)| {
                let da = distance_to_range(x, a.column.x_range());
                let db = distance_to_range(x, b.column.x_range());
                da.total_cmp(&db)
            })
            .map(|(i, _)| i)
    }

    /// Where a stage dropped at `x` goes: the index among the stages, before the first stage
    /// whose centre is right of `x`.
    pub fn stage_insert_index(&self, x: f32) -> usize {
        self.stages
            .iter()
            .position(|s| x < s.column.center().x)
            .unwrap_or(self.stages.len())
    }

    /// Where a touchpoint dropped at `pos` goes: (stage index, index in the stage).
    pub fn touchpoint_drop(&self, pos: Pos2) -> Option<(usize, usize)> {
        let si = self.stage_near_x(pos.x)?;
        let index = self
            .cards
            .iter()
            .filter(|c| c.stage_index == si)
            .position(|c| pos.x < c.rect.center().x)
            .unwrap_or_else(|| self.cards.iter().filter(|c| c.stage_index == si).count());
        Some((si, index))
    }

    /// Where a lane dropped at height `y` goes.
    pub fn lane_insert_index(&self, y: f32) -> usize {
        self.lanes
            .iter()
            .position(|l| y < l.row.center().y)
            .unwrap_or(self.lanes.len())
    }

    /// The lane (its index in the map) whose row is at (or nearest to) height `y`.
    pub fn lane_near_y(&self, y: f32) -> Option<usize> {
        self.lanes
            .iter()
            .min_by(|a, b| {
                distance_to_range(y, a.row.y_range())
                    .total_cmp(&distance_to_range(y, b.row.y_range()))
            })
            .map(|l| l.index)
    }

    /// Where a note dropped at `pos` goes: (lane index in the map, stage index, index in the
    /// cell).
    pub fn note_drop(&self, pos: Pos2) -> Option<(usize, usize, usize)> {
        let li = self.lane_near_y(pos.y)?;
        let si = self.stage_near_x(pos.x)?;
        let in_cell = self
            .notes
            .iter()
            .filter(|n| n.lane_index == li && n.stage_index == si);
        // Reading order: a note goes before the first note it is above, or left of in its row.
        let index = in_cell
            .clone()
            .position(|n| {
                pos.y < n.rect.top() || (pos.y <= n.rect.bottom() && pos.x < n.rect.center().x)
            })
            .unwrap_or_else(|| in_cell.count());
        Some((li, si, index))
    }

    /// The level of the scale nearest to height `y` in the curve band.
    pub fn score_at_y(&self, y: f32) -> Option<i32> {
        self.levels
            .iter()
            .min_by(|a, b| (a.1 - y).abs().total_cmp(&(b.1 - y).abs()))
            .map(|&(value, _)| value)
    }

    /// The height of a level in the curve band.
    pub fn y_of_level(&self, value: i32) -> Option<f32> {
        self.levels.iter().find(|l| l.0 == value).map(|l| l.1)
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
