//! Drag and drop: moving stages, touchpoints, lanes, notes and curve points, creating items by
//! dragging them from the toolbar, panning and box selection. Each drop is one edit.

use super::{Canvas, NewItem};
use crate::edit::{Document, Edit};
use crate::i18n::tr;
use crate::layout::{MapLayout, Style};
use crate::model::*;
use egui::{Key, Modifiers, Pos2, Rect, Ui, Vec2};

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Dragged {
    Item(Item),
    New(NewItem),
    Pan,
    RubberBand { start: Pos2 },
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
    Lane {
        to: usize,
        marker: usize,
    },
    Note {
        lane: usize,
        stage: usize,
        to: usize,
        marker: usize,
    },
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
            Item::Note(id) => layout.note(id).map(|n| n.rect.min),
            Item::Score(..) => Some(pointer),
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
                    (Dragged::Item(Item::Score(..)), _) | (_, None) => p,
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
            (Dragged::Item(item), Some(p)) if on_canvas => drop_target(map, layout, item, p),
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
                    self.selection
                        .insert(Item::Score(curve.id, point.touchpoint));
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
            (Dragged::Item(Item::Lane(lane)), DropTarget::Lane { to, .. }) => {
                (tr("undo.move_lane"), Edit::MoveLane { lane, to })
            }
            (
                Dragged::Item(Item::Note(note)),
                DropTarget::Note {
                    lane, stage, to, ..
                },
            ) => (
                tr("undo.move_note"),
                Edit::MoveNote {
                    note,
                    to_lane: map.lanes[lane].id,
                    to_stage: map.stages[stage].id,
                    to,
                },
            ),
            (Dragged::Item(Item::Score(curve, touchpoint)), DropTarget::Score(score)) => (
                tr("undo.change_score"),
                Edit::SetScore {
                    curve,
                    touchpoint,
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
                let stage = Stage {
                    id,
                    name: tr("new.stage").into(),
                    colour: PALETTE[map.stages.len() % PALETTE.len()],
                    touchpoints: Vec::new(),
                    locked: false,
                };
                let edit = Edit::InsertStage {
                    index: to,
                    stage,
                    notes: Vec::new(),
                    scores: Vec::new(),
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
            (NewItem::Lane, DropTarget::Lane { to, .. }) => {
                let id = ids.lane();
                let lane = Lane {
                    id,
                    name: tr("new.lane").into(),
                    kind: LaneKind::Custom,
                    notes: Default::default(),
                    locked: false,
                };
                (
                    tr("undo.add_lane"),
                    Edit::InsertLane { index: to, lane },
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
        Dragged::New(_) => Some(Vec2::new(style.card_width, 56.0)),
        _ => None,
    }
}

/// Where dragging `item` to map point `p` would drop it.
fn drop_target(map: &JourneyMap, layout: &MapLayout, item: Item, p: Pos2) -> Option<DropTarget> {
    match item {
        Item::Stage(id) => {
            let from = map.stage_index(id)?;
            let marker = layout.stage_insert_index(p.x);
            Some(DropTarget::Stage {
                to: if from < marker { marker - 1 } else { marker },
                marker,
            })
        }
        Item::Touchpoint(id) => {
            let (from_stage, from) = map.touchpoint_position(id)?;
            if !touchpoint_rows(layout).contains(p.y) {
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
        Item::Lane(id) => {
            let from = map.lane_index(id)?;
            let marker = layout.lane_insert_index(p.y);
            Some(DropTarget::Lane {
                to: if from < marker { marker - 1 } else { marker },
                marker,
            })
        }
        Item::Note(id) => {
            let at = map.note(id)?;
            if !lane_rows(layout).contains(p.y) {
                return None;
            }
            let (lane, stage, marker) = layout.note_drop(p)?;
            // A locked lane takes no note in.
            if map.lanes[lane].locked {
                return None;
            }
            let same_cell = map.lanes[lane].id == at.lane && map.stages[stage].id == at.stage;
            let to = if same_cell && at.index < marker {
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
        Item::Score(..) => layout.score_at_y(p.y).map(DropTarget::Score),
        Item::Curve(_) | Item::Cell(..) | Item::Header(_) => None,
    }
}

/// The heights where a touchpoint can be dropped: its stage headers, cards and curves.
fn touchpoint_rows(layout: &MapLayout) -> egui::Rangef {
    egui::Rangef::new(
        layout.stage_row.top() - 20.0,
        layout
            .curve_band
            .bottom()
            .max(layout.touchpoint_row.bottom() + 20.0),
    )
}

/// The heights where a note or a lane can be dropped.
fn lane_rows(layout: &MapLayout) -> egui::Rangef {
    let top = layout
        .lanes
        .first()
        .map_or(layout.curve_band.bottom(), |l| l.row.top());
    let bottom = layout.lanes.last().map_or(top, |l| l.row.bottom());
    egui::Rangef::new(top - 20.0, bottom + 20.0)
}

fn new_item_target(layout: &MapLayout, what: NewItem, p: Pos2) -> Option<DropTarget> {
    match what {
        NewItem::Stage => {
            let marker = layout.stage_insert_index(p.x);
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
            let marker = layout.lane_insert_index(p.y);
            Some(DropTarget::Lane { to: marker, marker })
        }
        NewItem::Note => {
            if !lane_rows(layout).contains(p.y) {
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
