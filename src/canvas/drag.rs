//! Drag and drop: moving stages, touchpoints, lanes, notes and curve points, creating items by
//! dragging them from the toolbar, panning and box selection. Each drop is one edit.

use super::{Canvas, NewItem};
use crate::edit::{Document, Edit};
use crate::i18n::tr;
use crate::layout::{MapLayout, Style};
use crate::model::*;
use egui::{Key, Modifiers, Pos2, Rect, Ui, Vec2, pos2};

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Dragged {
    Item(Item),
    New(NewItem),
    Pan,
    RubberBand {
        start: Pos2,
    },
    /// The left or right edge of a note, dragged to widen or narrow what it spans.
    NoteEdge {
        note: NoteId,
        right: bool,
    },
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Drag {
    pub what: Dragged,
    /// Pointer minus the dragged item's top-left, in map units: the item keeps its grip.
    pub grab: Vec2,
    /// Escape pressed: ignore the rest of this drag.
    pub cancelled: bool,
}

/// Where a drop would land, for the insertion marker and the edit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum DropTarget {
    Stage {
        to: usize,
        marker: usize,
    },
    Touchpoint {
        stage: usize,
        to: usize,
        marker: usize,
    },
    /// A row (lane, touchpoints row or emotion band) lands at place `to` among the rows; the
    /// marker stands before row `marker` of the band under the pointer.
    Row {
        to: usize,
        marker: usize,
    },
    /// A stage's own note lands in a cell, at place `to` among its notes.
    Note {
        lane: usize,
        stage: usize,
        to: usize,
        marker: usize,
    },
    /// A note that spans stages or touchpoints lands in lane `lane`, spanning `anchor`.
    Span {
        lane: usize,
        anchor: Anchor,
    },
    /// A note's edge dragged: it spans `anchor` once dropped.
    Anchor(Anchor),
    Score(i32),
}

impl Canvas {
    /// Starts dragging a new item from a toolbar.
    pub fn begin_new_item_drag(&mut self, what: NewItem) {
        if self.mode != super::CanvasMode::Edit {
            return;
        }
        self.drag = Some(Drag {
            what: Dragged::New(what),
            // The ghost hangs centred on the pointer.
            grab: self.new_ghost_size() / 2.0,
            cancelled: false,
        });
    }

    /// A drag on empty canvas pans it; with Shift (or Ctrl) it draws a selection box.
    pub(super) fn begin_canvas_drag(&mut self, press: Option<Pos2>, modifiers: Modifiers) {
        let what = match press {
            Some(start) if modifiers.shift || modifiers.command => Dragged::RubberBand { start },
            _ => Dragged::Pan,
        };
        self.drag = Some(Drag {
            what,
            grab: Vec2::ZERO,
            cancelled: false,
        });
    }

    /// The item being dragged, drawn faded where it was.
    pub(super) fn lifted(&self) -> Option<Item> {
        match self.drag {
            Some(Drag {
                what: Dragged::Item(item),
                cancelled: false,
                ..
            }) => Some(item),
            _ => None,
        }
    }

    /// Starts dragging a note's edge, to widen or narrow what it spans.
    pub(super) fn start_edge_drag(&mut self, map: &JourneyMap, note: NoteId, right: bool) {
        if self.mode != super::CanvasMode::Edit || map.is_locked(Item::Note(note)) {
            return;
        }
        self.select_only(Item::Note(note));
        self.drag = Some(Drag {
            what: Dragged::NoteEdge { note, right },
            grab: Vec2::ZERO,
            cancelled: false,
        });
    }

    pub(super) fn start_item_drag(
        &mut self,
        map: &JourneyMap,
        layout: &MapLayout,
        item: Item,
        pointer: Option<Pos2>,
    ) {
        let Some(pointer) = pointer else { return };
        if map.is_locked(item) {
            return;
        }
        let origin = match item {
            Item::Stage(id) => layout.stage_box(id).map(|s| s.header.min),
            Item::Touchpoint(id) => layout.card(id).map(|c| c.rect.min),
            Item::Lane(id) => layout.lane_box(id).map(|l| l.row.min),
            Item::FixedRow(row) => {
                let band = &layout.bands[layout.band_at(pointer.y)];
                Some(match row {
                    FixedRow::Touchpoints => band.touchpoint_row.min,
                    FixedRow::Emotion => band.curve_band.min,
                })
            }
            Item::Note(id) => layout.note(id).map(|n| n.rect.min),
            Item::Score(..) | Item::StageScore(..) => Some(pointer),
            Item::Curve(_) | Item::Cell(..) | Item::Header(_) => None,
        };
        if let Some(origin) = origin {
            if !self.selection.contains(&item) {
                self.select_only(item);
            }
            self.drag = Some(Drag {
                what: Dragged::Item(item),
                grab: pointer - origin,
                cancelled: false,
            });
        }
    }

    /// Follows the pointer during a drag; on release applies the move. Returns the drop target.
    pub(super) fn update_drag(
        &mut self,
        ui: &Ui,
        doc: &mut Document,
        layout: &MapLayout,
        pointer: Option<Pos2>,
        rect: Rect,
    ) -> Option<DropTarget> {
        let drag = self.drag?;
        let (released, down, delta, escape) = ui.input(|i| {
            (
                i.pointer.primary_released(),
                i.pointer.primary_down(),
                i.pointer.delta(),
                i.key_pressed(Key::Escape),
            )
        });
        if escape {
            self.drag = Some(Drag {
                cancelled: true,
                ..drag
            });
        }
        let drag = self.drag?;
        if drag.cancelled {
            if released || !down {
                self.drag = None;
            }
            return None;
        }
        if !matches!(drag.what, Dragged::Pan) {
            self.auto_scroll(ui, layout);
        }
        let map = doc.map();
        let on_canvas = pointer.is_some_and(|p| rect.contains(self.screen_from_map * p));
        // Cards, notes, stages and lanes land where their ghost is, not where the hand is.
        let reference =
            pointer.map(
                |p| match (drag.what, ghost_size(&self.style, layout, drag.what)) {
                    (Dragged::Item(Item::Score(..) | Item::StageScore(..)), _) | (_, None) => p,
                    (_, Some(size)) => p - drag.grab + size / 2.0,
                },
            );
        let target = match (drag.what, reference) {
            (Dragged::Pan, _) => {
                self.pan_by(delta);
                None
            }
            (Dragged::RubberBand { start }, Some(p)) => {
                if released || !down {
                    let band = Rect::from_two_pos(start, p);
                    // Like Shift+click, a Shift (or Ctrl) box adds to the selection.
                    self.select_in(layout, band);
                }
                None
            }
            (Dragged::Item(item), Some(p)) if on_canvas => {
                drop_target(map, layout, &self.style, item, p)
            }
            (Dragged::NoteEdge { note, right }, Some(p)) if on_canvas => {
                edge_target(map, layout, note, right, p).map(DropTarget::Anchor)
            }
            (Dragged::New(what), Some(p)) if on_canvas => new_item_target(layout, what, p),
            _ => None,
        };
        if released || !down {
            self.drag = None;
            if let Some(target) = target {
                self.drop(doc, drag.what, target);
            }
            return None;
        }
        target
    }

    fn select_in(&mut self, layout: &MapLayout, band: Rect) {
        for card in &layout.cards {
            if band.intersects(card.rect) {
                self.selection.insert(Item::Touchpoint(card.id));
            }
        }
        for note in &layout.notes {
            if band.intersects(note.rect) {
                self.selection.insert(Item::Note(note.id));
            }
        }
        for curve in &layout.curves {
            for point in &curve.points {
                if band.contains(point.pos) {
                    self.selection.insert(point.item);
                }
            }
        }
    }

    fn drop(&mut self, doc: &mut Document, what: Dragged, target: DropTarget) {
        let map = doc.map();
        let (label, edit): (&str, Edit) = match (what, target) {
            (Dragged::Item(Item::Stage(stage)), DropTarget::Stage { to, .. }) => {
                (tr("undo.move_stage"), Edit::MoveStage { stage, to })
            }
            (
                Dragged::Item(Item::Touchpoint(touchpoint)),
                DropTarget::Touchpoint { stage, to, .. },
            ) => (
                tr("undo.move_touchpoint"),
                Edit::MoveTouchpoint {
                    touchpoint,
                    to_stage: map.stages[stage].id,
                    to,
                },
            ),
            (Dragged::Item(Item::Lane(lane)), DropTarget::Row { to, .. }) => {
                let Some(edit) = crate::edit::actions::move_row(map, Row::Lane(lane), to) else {
                    return;
                };
                (tr("undo.move_lane"), edit)
            }
            (Dragged::Item(Item::FixedRow(row)), DropTarget::Row { to, .. }) => {
                let row = match row {
                    FixedRow::Touchpoints => Row::Touchpoints,
                    FixedRow::Emotion => Row::Emotion,
                };
                let Some(edit) = crate::edit::actions::move_row(map, row, to) else {
                    return;
                };
                (tr("undo.move_row"), edit)
            }
            (
                Dragged::Item(Item::Note(note)),
                DropTarget::Note {
                    lane, stage, to, ..
                },
            ) => {
                let Some(edit) = crate::edit::actions::move_note(
                    map,
                    note,
                    map.lanes[lane].id,
                    Anchor::Stage(map.stages[stage].id),
                    Some(to),
                ) else {
                    return;
                };
                (tr("undo.move_note"), edit)
            }
            (Dragged::Item(Item::Note(note)), DropTarget::Span { lane, anchor }) => {
                let Some(edit) =
                    crate::edit::actions::move_note(map, note, map.lanes[lane].id, anchor, None)
                else {
                    return;
                };
                (tr("undo.move_note"), edit)
            }
            (Dragged::NoteEdge { note, .. }, DropTarget::Anchor(anchor)) => {
                let Some(at) = map.note(note) else { return };
                if at.note.anchor == anchor {
                    return;
                }
                (
                    tr("undo.resize_note"),
                    Edit::SetNote(Note {
                        anchor,
                        ..at.note.clone()
                    }),
                )
            }
            (Dragged::Item(Item::Score(curve, touchpoint)), DropTarget::Score(score)) => (
                tr("undo.change_score"),
                Edit::SetScore {
                    curve,
                    touchpoint,
                    score: Some(score),
                },
            ),
            (Dragged::Item(Item::StageScore(curve, stage)), DropTarget::Score(score)) => (
                tr("undo.change_score"),
                Edit::SetStageScore {
                    curve,
                    stage,
                    score: Some(score),
                },
            ),
            (Dragged::New(what), target) => {
                self.drop_new(doc, what, target);
                return;
            }
            _ => return,
        };
        self.apply(doc, label, edit);
    }

    /// Creates the item dragged from the toolbar where it was dropped, selects it and opens
    /// its name for typing.
    fn drop_new(&mut self, doc: &mut Document, what: NewItem, target: DropTarget) {
        let map = doc.map();
        let mut ids = doc.ids();
        let (label, edit, item) = match (what, target) {
            (NewItem::Stage, DropTarget::Stage { to, .. }) => {
                let id = ids.stage();
                let stage = Stage::new(
                    id,
                    tr("new.stage"),
                    PALETTE[map.stages.len() % PALETTE.len()],
                );
                let edit = Edit::InsertStage {
                    index: to,
                    stage,
                    notes: Vec::new(),
                    scores: Vec::new(),
                    stage_scores: Vec::new(),
                };
                (tr("undo.add_stage"), edit, Item::Stage(id))
            }
            (NewItem::Touchpoint, DropTarget::Touchpoint { stage, to, .. }) => {
                let id = ids.touchpoint();
                let edit = Edit::InsertTouchpoint {
                    stage: map.stages[stage].id,
                    index: to,
                    touchpoint: Touchpoint::new(id, tr("new.touchpoint")),
                    scores: Vec::new(),
                };
                (tr("undo.add_touchpoint"), edit, Item::Touchpoint(id))
            }
            (NewItem::Lane, DropTarget::Row { to, .. }) => {
                let id = ids.lane();
                let lane = Lane::new(id, tr("new.lane"), LaneKind::Custom);
                (
                    tr("undo.add_lane"),
                    crate::edit::actions::insert_lane_at_row(map, lane, to),
                    Item::Lane(id),
                )
            }
            (
                NewItem::Note,
                DropTarget::Note {
                    lane, stage, to, ..
                },
            ) => {
                let (lane, stage) = (map.lanes[lane].id, map.stages[stage].id);
                self.add_note(doc, lane, stage, Some(to));
                return;
            }
            _ => return,
        };
        if self.apply(doc, label, edit) {
            self.select_only(item);
            self.pending_edit = Some(item);
        }
    }
}

/// The size (map units) of the ghost that follows the pointer while `what` is dragged.
pub(super) fn ghost_size(style: &Style, layout: &MapLayout, what: Dragged) -> Option<Vec2> {
    match what {
        Dragged::Item(Item::Touchpoint(id)) => layout.card(id).map(|c| c.rect.size()),
        Dragged::Item(Item::Note(id)) => layout.note(id).map(|n| n.rect.size()),
        Dragged::Item(Item::Stage(id)) => layout.stage_box(id).map(|s| s.header.size()),
        Dragged::Item(Item::Lane(id)) => layout
            .lane_box(id)
            .map(|l| Vec2::new(style.gutter_width - 12.0, l.row.height().min(56.0))),
        Dragged::Item(Item::FixedRow(_)) => Some(Vec2::new(style.gutter_width - 12.0, 56.0)),
        Dragged::New(_) => Some(Vec2::new(style.card_width, 56.0)),
        _ => None,
    }
}

/// Where dragging `item` to map point `p` (the middle of its ghost) would drop it.
fn drop_target(
    map: &JourneyMap,
    layout: &MapLayout,
    style: &Style,
    item: Item,
    p: Pos2,
) -> Option<DropTarget> {
    match item {
        Item::Stage(id) => {
            let from = map.stage_index(id)?;
            let marker = layout.stage_insert_index(p);
            Some(DropTarget::Stage {
                to: if from < marker { marker - 1 } else { marker },
                marker,
            })
        }
        Item::Touchpoint(id) => {
            let (from_stage, from) = map.touchpoint_position(id)?;
            if !touchpoint_rows(layout, p) {
                return None;
            }
            let (stage, marker) = layout.touchpoint_drop(p)?;
            let to = if stage == from_stage && from < marker {
                marker - 1
            } else {
                marker
            };
            Some(DropTarget::Touchpoint { stage, to, marker })
        }
        Item::Lane(_) | Item::FixedRow(_) => {
            let row = match item {
                Item::Lane(id) => Row::Lane(id),
                Item::FixedRow(FixedRow::Touchpoints) => Row::Touchpoints,
                _ => Row::Emotion,
            };
            let from = map.rows().iter().position(|r| *r == row)?;
            let marker = layout.row_insert_index(p);
            Some(DropTarget::Row {
                to: if from < marker { marker - 1 } else { marker },
                marker,
            })
        }
        Item::Note(id) => {
            let at = map.note(id)?;
            if !lane_rows(layout, p) {
                return None;
            }
            let lane = layout.lane_near(p)?;
            // A locked lane takes no note in.
            if map.lanes[lane].locked {
                return None;
            }
            match at.note.anchor {
                Anchor::Stage(own) => {
                    let (lane, stage, marker) = layout.note_drop(p)?;
                    let place = map.lanes[at.lane_index]
                        .notes_in(own)
                        .iter()
                        .position(|n| n.id == id)?;
                    let same_cell = map.lanes[lane].id == at.lane && map.stages[stage].id == own;
                    let to = if same_cell && place < marker {
                        marker - 1
                    } else {
                        marker
                    };
                    Some(DropTarget::Note {
                        lane,
                        stage,
                        to,
                        marker,
                    })
                }
                anchor => {
                    // The span keeps its length; its first column is where the ghost's left
                    // end is.
                    let width = layout.note(id).map_or(style.card_width, |n| n.rect.width());
                    let left = pos2(p.x - width / 2.0 + style.card_width / 2.0, p.y);
                    let anchor = shifted(map, layout, anchor, left)?;
                    Some(DropTarget::Span { lane, anchor })
                }
            }
        }
        Item::Score(..) | Item::StageScore(..) => layout.score_at(p).map(DropTarget::Score),
        Item::Curve(_) | Item::Cell(..) | Item::Header(_) => None,
    }
}

/// `anchor` moved so that it starts at the stage (or card) at `left`, its length kept.
fn shifted(map: &JourneyMap, layout: &MapLayout, anchor: Anchor, left: Pos2) -> Option<Anchor> {
    match anchor {
        Anchor::Journey => Some(Anchor::Journey),
        Anchor::Stage(_) | Anchor::Stages(..) => {
            let span = map.anchor_stages(anchor)?;
            let len = span.end() - span.start();
            let first = layout.stage_near(left)?.min(map.stages.len() - 1 - len);
            let (a, b) = (map.stages[first].id, map.stages[first + len].id);
            Some(Anchor::run(a.0, b.0, false))
        }
        Anchor::Touchpoint(_) | Anchor::Touchpoints(..) => {
            let members = map.anchor_members(anchor);
            let len = members.len().checked_sub(1)?;
            let card = layout.card_near(left)?;
            let order: Vec<TouchpointId> = map.touchpoints().map(|t| t.id).collect();
            let first = order
                .iter()
                .position(|t| *t == card.id)?
                .min(order.len() - 1 - len);
            Some(Anchor::run(order[first].0, order[first + len].0, true))
        }
    }
}

/// What a note spans when its left (or right) edge is dragged to `p`: from its other end to
/// the stage (or card, for a note under touchpoints) at `p`.
pub(super) fn edge_target(
    map: &JourneyMap,
    layout: &MapLayout,
    note: NoteId,
    right: bool,
    p: Pos2,
) -> Option<Anchor> {
    let anchor = map.note(note)?.note.anchor;
    if anchor.on_touchpoints() {
        let members = map.anchor_members(anchor);
        let order: Vec<TouchpointId> = map.touchpoints().map(|t| t.id).collect();
        let place = |id: u32| order.iter().position(|t| t.0 == id);
        let (first, last) = (place(*members.first()?)?, place(*members.last()?)?);
        let near = layout.card_near(p)?.id;
        let moved = order.iter().position(|t| *t == near)?;
        let fixed = if right { first } else { last };
        Some(Anchor::run(
            order[fixed.min(moved)].0,
            order[fixed.max(moved)].0,
            true,
        ))
    } else {
        let span = map.anchor_stages(anchor)?;
        if anchor == Anchor::Journey {
            return None;
        }
        let moved = layout.stage_near(p)?;
        let fixed = if right { *span.start() } else { *span.end() };
        Some(Anchor::run(
            map.stages[fixed.min(moved)].id.0,
            map.stages[fixed.max(moved)].id.0,
            false,
        ))
    }
}

/// Whether a touchpoint can be dropped at `p`: over its band's stage headers, cards or curves.
fn touchpoint_rows(layout: &MapLayout, p: Pos2) -> bool {
    let band = &layout.bands[layout.band_at(p.y)];
    [band.stage_row, band.touchpoint_row, band.curve_band]
        .iter()
        .any(|r| r.expand(20.0).y_range().contains(p.y))
}

/// Whether a note can be dropped at `p`: over (or near) its band's lanes.
fn lane_rows(layout: &MapLayout, p: Pos2) -> bool {
    let band = layout.band_at(p.y);
    layout
        .lanes
        .iter()
        .filter(|l| l.band == band)
        .any(|l| l.row.expand(20.0).y_range().contains(p.y))
}

fn new_item_target(layout: &MapLayout, what: NewItem, p: Pos2) -> Option<DropTarget> {
    match what {
        NewItem::Stage => {
            let marker = layout.stage_insert_index(p);
            Some(DropTarget::Stage { to: marker, marker })
        }
        NewItem::Touchpoint => {
            layout
                .touchpoint_drop(p)
                .map(|(stage, marker)| DropTarget::Touchpoint {
                    stage,
                    to: marker,
                    marker,
                })
        }
        NewItem::Lane => {
            let marker = layout.row_insert_index(p);
            Some(DropTarget::Row { to: marker, marker })
        }
        NewItem::Note => {
            if !lane_rows(layout, p) {
                return None;
            }
            layout
                .note_drop(p)
                .map(|(lane, stage, marker)| DropTarget::Note {
                    lane,
                    stage,
                    to: marker,
                    marker,
                })
        }
    }
}
