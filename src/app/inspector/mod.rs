//! The inspector: every field of the selection, or of the map itself when nothing is selected.
//! Each finished change (a text field left, a box ticked, a swatch clicked) is one undo step.
//! `widgets` holds the fields and the [`Panel`](widgets::Panel) that turns them into edits;
//! `items` the panels of single items; `map` the map's own panel; `scale` its scale;
//! `conflicts` the marks a merge left, above the panel of the item they are on.

mod conflicts;
mod items;
pub(super) use items::quality_name;
mod map;
mod scale;
mod widgets;

use crate::edit::{Document, Edit};
use crate::model::*;
use std::collections::BTreeSet;
use widgets::Panel;

/// What the person did in the inspector.
#[derive(Clone, Debug, PartialEq)]
pub enum InspectorAction {
    /// A change to the map: one undo step with this name.
    Apply(&'static str, Box<Edit>),
    /// Add a note to the cell where this lane crosses this stage, and type into it.
    AddNote { lane: LaneId, stage: StageId },
}

/// Shows the inspector; returns what the person did, if anything.
pub fn inspector_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    selection: &BTreeSet<Item>,
) -> Option<InspectorAction> {
    let map = doc.map();
    let selected: Vec<Item> = selection.iter().copied().collect();
    let mut add_note = None;
    let change = egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            let mut p = Panel::new(ui);
            if matches!(selected[..], [] | [Item::Header(_)]) {
                conflicts::conflict_count_ui(p.ui, map);
                conflicts::conflicts_ui(&mut p, map, &|c| {
                    matches!(c.on, Subject::Map | Subject::Header | Subject::Persona(_))
                });
            } else {
                conflicts::conflicts_ui(&mut p, map, &|c| selection.contains(&c.on.item()));
            }
            match selected[..] {
                [] | [Item::Header(_)] => map::map_ui(&mut p, map, &|| doc.ids()),
                [Item::Cell(lane, stage)] => {
                    if let Some(lane) = map.lane(lane) {
                        items::lane_ui(&mut p, map, lane, Some(stage), &mut add_note);
                    }
                }
                [Item::Touchpoint(id)] => {
                    if let Some(tp) = map.touchpoint(id) {
                        items::touchpoint_ui(&mut p, map, tp);
                    }
                }
                [Item::Stage(id)] => {
                    if let Some(stage) = map.stage(id) {
                        items::stage_ui(&mut p, map, stage);
                    }
                }
                [Item::FixedRow(_)] => map::options_ui(&mut p, map),
                [Item::Lane(id)] => {
                    if let Some(lane) = map.lane(id) {
                        items::lane_ui(&mut p, map, lane, None, &mut add_note);
                    }
                }
                [Item::Note(id)] => {
                    if let Some(at) = map.note(id) {
                        items::note_ui(&mut p, map, at.note);
                    }
                }
                [Item::Curve(id) | Item::Score(id, _) | Item::StageScore(id, _)] => {
                    if let Some(curve) = map.curve(id) {
                        if let [item @ (Item::Score(..) | Item::StageScore(..))] = selected[..] {
                            items::score_ui(&mut p, map, curve, item);
                            p.ui.separator();
                        }
                        items::curve_ui(&mut p, map, curve);
                    }
                }
                _ => items::many_ui(p.ui, selected.len()),
            }
            p.change
        })
        .inner;
    change
        .map(|(label, edit)| InspectorAction::Apply(label, Box::new(edit)))
        .or(add_note)
}
