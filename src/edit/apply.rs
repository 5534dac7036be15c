//! How each edit changes the map: what it checks first (so a failing edit changes nothing), what
//! it changes, and the inverse it hands back.

use super::{Applied, Edit, EditError};
use crate::model::{
    CurveId, EmotionCurve, EmotionScale, Header, JourneyMap, Lane, LaneId, LaneKind, Note, NoteId,
    PersonaId, Rgb, Stage, StageId, Touchpoint, TouchpointId,
};
use std::collections::{BTreeMap, HashSet};
use std::iter::once;

type Result<T> = std::result::Result<T, EditError>;

/// How much an edit is checked before it is applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mode {
    /// Everything that keeps a sound map sound: fresh ids, references to existing items, scores
    /// inside the scale, a well-formed scale. For edits that come from the user.
    Checked,
    /// Only that the items the edit changes can be found. For inverses (undo, redo, rolling
    /// back a batch): they put back a state the map was in, and must do so even when that state
    /// was not sound (a map built in code), rather than fail half-way through an undo.
    Trusted,
}

pub(super) fn run(edit: Edit, map: &mut JourneyMap, mode: Mode) -> Result<Applied> {
    match edit {
        Edit::MoveStage { stage, to } => move_stage(map, stage, to),
        Edit::MoveTouchpoint {
            touchpoint,
            to_stage,
            to,
        } => move_touchpoint(map, touchpoint, to_stage, to),
        Edit::MoveLane { lane, to } => move_lane(map, lane, to),
        Edit::MoveNote {
            note,
            to_lane,
            to_stage,
            to,
        } => move_note(map, note, to_lane, to_stage, to, mode),
        Edit::SetScore {
            curve,
            touchpoint,
            score,
        } => set_score(map, curve, touchpoint, score, mode),
        Edit::InsertStage {
            index,
            stage,
            notes,
            scores,
        } => insert_stage(map, index, stage, notes, scores, mode),
        Edit::RemoveStage { stage } => remove_stage(map, stage),
        Edit::InsertTouchpoint {
            stage,
            index,
            touchpoint,
            scores,
        } => insert_touchpoint(map, stage, index, touchpoint, scores, mode),
        Edit::RemoveTouchpoint { touchpoint } => remove_touchpoint(map, touchpoint),
        Edit::InsertLane { index, lane } => insert_lane(map, index, lane, mode),
        Edit::RemoveLane { lane } => remove_lane(map, lane),
        Edit::InsertNote {
            lane,
            stage,
            index,
            note,
        } => insert_note(map, lane, stage, index, note, mode),
        Edit::RemoveNote { note } => remove_note(map, note),
        Edit::InsertCurve { index, curve } => insert_curve(map, index, curve, mode),
        Edit::RemoveCurve { curve } => remove_curve(map, curve),
        Edit::SetHeader(header) => set_header(map, header, mode),
        Edit::SetScale(scale) => set_scale_and_scores(map, scale, Vec::new(), mode),
        Edit::SetScaleAndScores { scale, scores } => set_scale_and_scores(map, scale, scores, mode),
        Edit::SetStage {
            stage,
            name,
            colour,
        } => set_stage(map, stage, name, colour),
        Edit::SetTouchpoint(touchpoint) => set_touchpoint(map, touchpoint),
        Edit::SetLocked { item, locked } => set_locked(map, item, locked),
        Edit::SetLane { lane, name, kind } => set_lane(map, lane, name, kind),
        Edit::SetNote(note) => set_note(map, note),
        Edit::SetCurve {
            curve,
            name,
            colour,
            persona,
        } => set_curve(map, curve, name, colour, persona, mode),
        Edit::Batch(edits) => batch(map, edits, mode),
    }
}

fn done(inverse: Edit, changed: bool) -> Result<Applied> {
    Ok(Applied { inverse, changed })
}

// ---- Finding things --------------------------------------------------------------------------

fn stage_index(map: &JourneyMap, id: StageId) -> Result<usize> {
    map.stage_index(id).ok_or(EditError::NoSuchStage(id))
}

fn touchpoint_position(map: &JourneyMap, id: TouchpointId) -> Result<(usize, usize)> {
    map.touchpoint_position(id)
        .ok_or(EditError::NoSuchTouchpoint(id))
}

fn lane_index(map: &JourneyMap, id: LaneId) -> Result<usize> {
    map.lanes
        .iter()
        .position(|l| l.id == id)
        .ok_or(EditError::NoSuchLane(id))
}

fn curve_index(map: &JourneyMap, id: CurveId) -> Result<usize> {
    map.curves
        .iter()
        .position(|c| c.id == id)
        .ok_or(EditError::NoSuchCurve(id))
}

/// Where a note is: (lane index, the stage of its cell, index in the cell).
fn note_position(map: &JourneyMap, id: NoteId) -> Result<(usize, StageId, usize)> {
    map.lanes
        .iter()
        .enumerate()
        .find_map(|(li, lane)| {
            lane.notes.iter().find_map(|(stage, notes)| {
                notes
                    .iter()
                    .position(|n| n.id == id)
                    .map(|ni| (li, *stage, ni))
            })
        })
        .ok_or(EditError::NoSuchNote(id))
}

fn check_persona(map: &JourneyMap, id: PersonaId) -> Result<()> {
    if map.header.personas.iter().any(|p| p.id == id) {
        Ok(())
    } else {
        Err(EditError::NoSuchPersona(id))
    }
}

fn check_in_scale(scale: &EmotionScale, score: i32) -> Result<()> {
    if scale.contains(score) {
        Ok(())
    } else {
        Err(EditError::ScoreOutsideScale {
            score,
            min: scale.min,
            max: scale.max,
        })
    }
}

/// The same rules `validate()` applies to a scale.
fn check_scale(scale: &EmotionScale) -> Result<()> {
    if scale.min >= scale.max {
        return Err(EditError::InvalidScale {
            min: scale.min,
            max: scale.max,
        });
    }
    for (i, level) in scale.levels.iter().enumerate() {
        if !scale.contains(level.value) {
            return Err(EditError::LevelOutsideScale {
                value: level.value,
                min: scale.min,
                max: scale.max,
            });
        }
        if scale.levels[..i].iter().any(|l| l.value == level.value) {
            return Err(EditError::LevelNamedTwice { value: level.value });
        }
    }
    Ok(())
}

/// Fails with `DuplicateId` unless every id in `new` is unused, in the map and among `new`.
fn check_fresh(map: &JourneyMap, new: impl IntoIterator<Item = u32>) -> Result<()> {
    let mut used: HashSet<u32> = map.all_ids().collect();
    for id in new {
        if !used.insert(id) {
            return Err(EditError::DuplicateId(id));
        }
    }
    Ok(())
}

/// A new stage must not find notes already filed under its id (left by a hand-edited file):
/// it would adopt them, and removing it again would not give them back.
fn check_stage_unreferenced(map: &JourneyMap, id: StageId) -> Result<()> {
    if map.lanes.iter().any(|l| l.notes.contains_key(&id)) {
        Err(EditError::DuplicateId(id.0))
    } else {
        Ok(())
    }
}

/// Likewise, a new touchpoint must not find scores already filed under its id.
fn check_touchpoint_unreferenced(map: &JourneyMap, id: TouchpointId) -> Result<()> {
    if map.curves.iter().any(|c| c.scores.contains_key(&id)) {
        Err(EditError::DuplicateId(id.0))
    } else {
        Ok(())
    }
}

/// Every id in the map except the personas' (which a new header replaces).
fn ids_besides_personas(map: &JourneyMap) -> impl Iterator<Item = u32> + '_ {
    let stages = map
        .stages
        .iter()
        .flat_map(|s| once(s.id.0).chain(s.touchpoints.iter().map(|t| t.id.0)));
    let lanes = map
        .lanes
        .iter()
        .flat_map(|l| once(l.id.0).chain(l.notes.values().flatten().map(|n| n.id.0)));
    let curves = map.curves.iter().map(|c| c.id.0);
    stages.chain(lanes).chain(curves)
}

// ---- Moves -----------------------------------------------------------------------------------

/// Moves `list[from]` so that it ends up at `to`, clamped to the end; returns where it ended.
fn move_within<T>(list: &mut Vec<T>, from: usize, to: usize) -> usize {
    let item = list.remove(from);
    let to = to.min(list.len());
    list.insert(to, item);
    to
}

fn move_stage(map: &mut JourneyMap, stage: StageId, to: usize) -> Result<Applied> {
    let from = stage_index(map, stage)?;
    let to = move_within(&mut map.stages, from, to);
    done(Edit::MoveStage { stage, to: from }, to != from)
}

fn move_lane(map: &mut JourneyMap, lane: LaneId, to: usize) -> Result<Applied> {
    let from = lane_index(map, lane)?;
    let to = move_within(&mut map.lanes, from, to);
    done(Edit::MoveLane { lane, to: from }, to != from)
}

fn move_touchpoint(
    map: &mut JourneyMap,
    touchpoint: TouchpointId,
    to_stage: StageId,
    to: usize,
) -> Result<Applied> {
    let (from_si, from_ti) = touchpoint_position(map, touchpoint)?;
    let to_si = stage_index(map, to_stage)?;
    let from_stage = map.stages[from_si].id;
    let item = map.stages[from_si].touchpoints.remove(from_ti);
    let target = &mut map.stages[to_si].touchpoints;
    let to = to.min(target.len());
    target.insert(to, item);
    done(
        Edit::MoveTouchpoint {
            touchpoint,
            to_stage: from_stage,
            to: from_ti,
        },
        (to_si, to) != (from_si, from_ti),
    )
}

/// Removes the note at `index` of the lane's cell for `stage`, dropping the cell if that
/// empties it. `None` (and no change) if there is no such note.
fn take_note(lane: &mut Lane, stage: StageId, index: usize) -> Option<Note> {
    let cell = lane.notes.get_mut(&stage)?;
    if index >= cell.len() {
        return None;
    }
    let note = cell.remove(index);
    if cell.is_empty() {
        lane.notes.remove(&stage);
    }
    Some(note)
}

fn move_note(
    map: &mut JourneyMap,
    note: NoteId,
    to_lane: LaneId,
    to_stage: StageId,
    to: usize,
    mode: Mode,
) -> Result<Applied> {
    let (from_li, from_stage, from_ni) = note_position(map, note)?;
    let to_li = lane_index(map, to_lane)?;
    if mode == Mode::Checked {
        stage_index(map, to_stage)?;
    }
    let from_lane = map.lanes[from_li].id;
    let item = take_note(&mut map.lanes[from_li], from_stage, from_ni)
        .ok_or(EditError::NoSuchNote(note))?;
    let cell = map.lanes[to_li].notes.entry(to_stage).or_default();
    let to = to.min(cell.len());
    cell.insert(to, item);
    done(
        Edit::MoveNote {
            note,
            to_lane: from_lane,
            to_stage: from_stage,
            to: from_ni,
        },
        (to_li, to_stage, to) != (from_li, from_stage, from_ni),
    )
}

// ---- Scores ----------------------------------------------------------------------------------

fn set_score(
    map: &mut JourneyMap,
    curve: CurveId,
    touchpoint: TouchpointId,
    score: Option<i32>,
    mode: Mode,
) -> Result<Applied> {
    let ci = curve_index(map, curve)?;
    if mode == Mode::Checked {
        touchpoint_position(map, touchpoint)?;
        if let Some(score) = score {
            check_in_scale(&map.scale, score)?;
        }
    }
    let scores = &mut map.curves[ci].scores;
    let old = match score {
        Some(score) => scores.insert(touchpoint, score),
        None => scores.remove(&touchpoint),
    };
    done(
        Edit::SetScore {
            curve,
            touchpoint,
            score: old,
        },
        old != score,
    )
}

// ---- Inserting and removing ------------------------------------------------------------------

fn insert_stage(
    map: &mut JourneyMap,
    index: usize,
    stage: Stage,
    notes: Vec<(LaneId, Vec<Note>)>,
    scores: Vec<(CurveId, TouchpointId, i32)>,
    mode: Mode,
) -> Result<Applied> {
    // Find every lane and curve before changing anything, so a missing one changes nothing.
    let notes = notes
        .into_iter()
        .map(|(lane, notes)| Ok((lane_index(map, lane)?, notes)))
        .collect::<Result<Vec<_>>>()?;
    let scores = scores
        .into_iter()
        .map(|(curve, touchpoint, score)| Ok((curve_index(map, curve)?, touchpoint, score)))
        .collect::<Result<Vec<_>>>()?;
    if mode == Mode::Checked {
        let touchpoint_ids = stage.touchpoints.iter().map(|t| t.id.0);
        let note_ids = notes
            .iter()
            .flat_map(|(_, notes)| notes.iter().map(|n| n.id.0));
        check_fresh(map, once(stage.id.0).chain(touchpoint_ids).chain(note_ids))?;
        check_stage_unreferenced(map, stage.id)?;
        for touchpoint in &stage.touchpoints {
            check_touchpoint_unreferenced(map, touchpoint.id)?;
        }
        for &(_, touchpoint, score) in &scores {
            if !stage.touchpoints.iter().any(|t| t.id == touchpoint) {
                return Err(EditError::TouchpointNotInStage {
                    touchpoint,
                    stage: stage.id,
                });
            }
            check_in_scale(&map.scale, score)?;
        }
    }
    let id = stage.id;
    let index = index.min(map.stages.len());
    map.stages.insert(index, stage);
    for (li, notes) in notes {
        if !notes.is_empty() {
            map.lanes[li].notes.entry(id).or_default().extend(notes);
        }
    }
    for (ci, touchpoint, score) in scores {
        map.curves[ci].scores.insert(touchpoint, score);
    }
    done(Edit::RemoveStage { stage: id }, true)
}

fn remove_stage(map: &mut JourneyMap, stage: StageId) -> Result<Applied> {
    let index = stage_index(map, stage)?;
    let removed = map.stages.remove(index);
    let notes = map
        .lanes
        .iter_mut()
        .filter_map(|lane| {
            let notes = lane.notes.remove(&stage)?;
            (!notes.is_empty()).then_some((lane.id, notes))
        })
        .collect();
    let mut scores = Vec::new();
    for curve in &mut map.curves {
        for touchpoint in &removed.touchpoints {
            if let Some(score) = curve.scores.remove(&touchpoint.id) {
                scores.push((curve.id, touchpoint.id, score));
            }
        }
    }
    done(
        Edit::InsertStage {
            index,
            stage: removed,
            notes,
            scores,
        },
        true,
    )
}

fn insert_touchpoint(
    map: &mut JourneyMap,
    stage: StageId,
    index: usize,
    touchpoint: Touchpoint,
    scores: Vec<(CurveId, i32)>,
    mode: Mode,
) -> Result<Applied> {
    let si = stage_index(map, stage)?;
    let scores = scores
        .into_iter()
        .map(|(curve, score)| Ok((curve_index(map, curve)?, score)))
        .collect::<Result<Vec<_>>>()?;
    if mode == Mode::Checked {
        check_fresh(map, [touchpoint.id.0])?;
        check_touchpoint_unreferenced(map, touchpoint.id)?;
        for &(_, score) in &scores {
            check_in_scale(&map.scale, score)?;
        }
    }
    let id = touchpoint.id;
    let list = &mut map.stages[si].touchpoints;
    list.insert(index.min(list.len()), touchpoint);
    for (ci, score) in scores {
        map.curves[ci].scores.insert(id, score);
    }
    done(Edit::RemoveTouchpoint { touchpoint: id }, true)
}

fn remove_touchpoint(map: &mut JourneyMap, touchpoint: TouchpointId) -> Result<Applied> {
    let (si, ti) = touchpoint_position(map, touchpoint)?;
    let stage = map.stages[si].id;
    let removed = map.stages[si].touchpoints.remove(ti);
    let scores = map
        .curves
        .iter_mut()
        .filter_map(|c| c.scores.remove(&touchpoint).map(|score| (c.id, score)))
        .collect();
    done(
        Edit::InsertTouchpoint {
            stage,
            index: ti,
            touchpoint: removed,
            scores,
        },
        true,
    )
}

fn insert_lane(map: &mut JourneyMap, index: usize, mut lane: Lane, mode: Mode) -> Result<Applied> {
    if mode == Mode::Checked {
        let note_ids = lane.notes.values().flatten().map(|n| n.id.0);
        check_fresh(map, once(lane.id.0).chain(note_ids))?;
        for stage in lane.notes.keys() {
            stage_index(map, *stage)?;
        }
    }
    lane.notes.retain(|_, notes| !notes.is_empty());
    let id = lane.id;
    let index = index.min(map.lanes.len());
    map.lanes.insert(index, lane);
    done(Edit::RemoveLane { lane: id }, true)
}

fn remove_lane(map: &mut JourneyMap, lane: LaneId) -> Result<Applied> {
    let index = lane_index(map, lane)?;
    let removed = map.lanes.remove(index);
    done(
        Edit::InsertLane {
            index,
            lane: removed,
        },
        true,
    )
}

fn insert_note(
    map: &mut JourneyMap,
    lane: LaneId,
    stage: StageId,
    index: usize,
    note: Note,
    mode: Mode,
) -> Result<Applied> {
    let li = lane_index(map, lane)?;
    if mode == Mode::Checked {
        stage_index(map, stage)?;
        check_fresh(map, [note.id.0])?;
    }
    let id = note.id;
    let cell = map.lanes[li].notes.entry(stage).or_default();
    cell.insert(index.min(cell.len()), note);
    done(Edit::RemoveNote { note: id }, true)
}

fn remove_note(map: &mut JourneyMap, note: NoteId) -> Result<Applied> {
    let (li, stage, index) = note_position(map, note)?;
    let lane = &mut map.lanes[li];
    let removed = take_note(lane, stage, index).ok_or(EditError::NoSuchNote(note))?;
    done(
        Edit::InsertNote {
            lane: lane.id,
            stage,
            index,
            note: removed,
        },
        true,
    )
}

fn insert_curve(
    map: &mut JourneyMap,
    index: usize,
    curve: EmotionCurve,
    mode: Mode,
) -> Result<Applied> {
    if mode == Mode::Checked {
        check_fresh(map, [curve.id.0])?;
        if let Some(persona) = curve.persona {
            check_persona(map, persona)?;
        }
        let touchpoints: HashSet<TouchpointId> = map.touchpoints().map(|t| t.id).collect();
        for (&touchpoint, &score) in &curve.scores {
            if !touchpoints.contains(&touchpoint) {
                return Err(EditError::NoSuchTouchpoint(touchpoint));
            }
            check_in_scale(&map.scale, score)?;
        }
    }
    let id = curve.id;
    let index = index.min(map.curves.len());
    map.curves.insert(index, curve);
    done(Edit::RemoveCurve { curve: id }, true)
}

fn remove_curve(map: &mut JourneyMap, curve: CurveId) -> Result<Applied> {
    let index = curve_index(map, curve)?;
    let removed = map.curves.remove(index);
    done(
        Edit::InsertCurve {
            index,
            curve: removed,
        },
        true,
    )
}

// ---- Header and scale ------------------------------------------------------------------------

fn set_header(map: &mut JourneyMap, header: Header, mode: Mode) -> Result<Applied> {
    if mode == Mode::Checked {
        // A persona may keep the id it had; it must not take another item's, or another's.
        let mut used: HashSet<u32> = ids_besides_personas(map).collect();
        for persona in &header.personas {
            if !used.insert(persona.id.0) {
                return Err(EditError::DuplicateId(persona.id.0));
            }
        }
    }
    let old = std::mem::replace(&mut map.header, header);
    // Only curves whose persona this edit removes: a curve already pointing nowhere (a map
    // built in code) is left as it is, so the inverse can always put back what it cleared.
    let mut restore = Vec::new();
    for curve in &mut map.curves {
        if let Some(persona) = curve.persona
            && old.personas.iter().any(|p| p.id == persona)
            && !map.header.personas.iter().any(|p| p.id == persona)
        {
            curve.persona = None;
            restore.push(Edit::SetCurve {
                curve: curve.id,
                name: curve.name.clone(),
                colour: curve.colour,
                persona: Some(persona),
            });
        }
    }
    let changed = old != map.header || !restore.is_empty();
    let inverse = if restore.is_empty() {
        Edit::SetHeader(old)
    } else {
        // The old header first, so the personas exist again when the curves point back at them.
        Edit::Batch(once(Edit::SetHeader(old)).chain(restore).collect())
    };
    done(inverse, changed)
}

fn set_scale_and_scores(
    map: &mut JourneyMap,
    scale: EmotionScale,
    listed: Vec<(CurveId, TouchpointId, Option<i32>)>,
    mode: Mode,
) -> Result<Applied> {
    let listed = listed
        .into_iter()
        .map(|(curve, touchpoint, score)| Ok((curve_index(map, curve)?, touchpoint, score)))
        .collect::<Result<Vec<_>>>()?;
    if mode == Mode::Checked {
        check_scale(&scale)?;
        for &(_, touchpoint, score) in &listed {
            touchpoint_position(map, touchpoint)?;
            if let Some(score) = score {
                check_in_scale(&scale, score)?;
            }
        }
    }
    let old_scale = std::mem::replace(&mut map.scale, scale);
    // The value each score had before this edit, for every score the edit touched.
    let mut before: BTreeMap<(usize, TouchpointId), Option<i32>> = BTreeMap::new();
    for (ci, curve) in map.curves.iter_mut().enumerate() {
        for (&touchpoint, score) in &mut curve.scores {
            let clamped = map.scale.clamp(*score);
            if clamped != *score {
                before.insert((ci, touchpoint), Some(*score));
                *score = clamped;
            }
        }
    }
    for (ci, touchpoint, score) in listed {
        let scores = &mut map.curves[ci].scores;
        let old = match score {
            Some(score) => scores.insert(touchpoint, score),
            None => scores.remove(&touchpoint),
        };
        before.entry((ci, touchpoint)).or_insert(old);
    }

    // The inverse puts back every touched score that ends up different, and also every
    // untouched score the old scale would clamp (only in a map that was out of scale already),
    // so undoing gives back exactly the map this edit started from.
    let mut restore = Vec::new();
    for (&(ci, touchpoint), &old) in &before {
        let curve = &map.curves[ci];
        if curve.scores.get(&touchpoint).copied() != old {
            restore.push((curve.id, touchpoint, old));
        }
    }
    for (ci, curve) in map.curves.iter().enumerate() {
        for (&touchpoint, &score) in &curve.scores {
            if !old_scale.contains(score) && !before.contains_key(&(ci, touchpoint)) {
                restore.push((curve.id, touchpoint, Some(score)));
            }
        }
    }
    let changed = old_scale != map.scale || !restore.is_empty();
    done(
        Edit::SetScaleAndScores {
            scale: old_scale,
            scores: restore,
        },
        changed,
    )
}

// ---- Setting fields --------------------------------------------------------------------------

fn set_stage(map: &mut JourneyMap, stage: StageId, name: String, colour: Rgb) -> Result<Applied> {
    let index = stage_index(map, stage)?;
    let target = &mut map.stages[index];
    let changed = target.name != name || target.colour != colour;
    let old_name = std::mem::replace(&mut target.name, name);
    let old_colour = std::mem::replace(&mut target.colour, colour);
    done(
        Edit::SetStage {
            stage,
            name: old_name,
            colour: old_colour,
        },
        changed,
    )
}

fn set_locked(map: &mut JourneyMap, item: crate::model::Item, locked: bool) -> Result<Applied> {
    use crate::model::Item;
    let flag = match item {
        Item::Stage(id) => {
            let index = stage_index(map, id)?;
            &mut map.stages[index].locked
        }
        Item::Touchpoint(id) => {
            let (si, ti) = touchpoint_position(map, id)?;
            &mut map.stages[si].touchpoints[ti].locked
        }
        Item::Lane(id) => {
            let index = lane_index(map, id)?;
            &mut map.lanes[index].locked
        }
        Item::Note(id) => {
            let (li, stage, ni) = note_position(map, id)?;
            &mut map.lanes[li]
                .notes
                .get_mut(&stage)
                .and_then(|cell| cell.get_mut(ni))
                .ok_or(EditError::NoSuchNote(id))?
                .locked
        }
        other => return Err(EditError::NotLockable(other)),
    };
    let old = std::mem::replace(flag, locked);
    done(Edit::SetLocked { item, locked: old }, old != locked)
}

fn set_touchpoint(map: &mut JourneyMap, touchpoint: Touchpoint) -> Result<Applied> {
    let (si, ti) = touchpoint_position(map, touchpoint.id)?;
    let target = &mut map.stages[si].touchpoints[ti];
    let changed = *target != touchpoint;
    let old = std::mem::replace(target, touchpoint);
    done(Edit::SetTouchpoint(old), changed)
}

fn set_lane(map: &mut JourneyMap, lane: LaneId, name: String, kind: LaneKind) -> Result<Applied> {
    let index = lane_index(map, lane)?;
    let target = &mut map.lanes[index];
    let changed = target.name != name || target.kind != kind;
    let old_name = std::mem::replace(&mut target.name, name);
    let old_kind = std::mem::replace(&mut target.kind, kind);
    done(
        Edit::SetLane {
            lane,
            name: old_name,
            kind: old_kind,
        },
        changed,
    )
}

fn set_note(map: &mut JourneyMap, note: Note) -> Result<Applied> {
    let (li, stage, ni) = note_position(map, note.id)?;
    let target = map.lanes[li]
        .notes
        .get_mut(&stage)
        .and_then(|cell| cell.get_mut(ni))
        .ok_or(EditError::NoSuchNote(note.id))?;
    let changed = *target != note;
    let old = std::mem::replace(target, note);
    done(Edit::SetNote(old), changed)
}

fn set_curve(
    map: &mut JourneyMap,
    curve: CurveId,
    name: String,
    colour: Rgb,
    persona: Option<PersonaId>,
    mode: Mode,
) -> Result<Applied> {
    let index = curve_index(map, curve)?;
    if mode == Mode::Checked
        && let Some(persona) = persona
    {
        check_persona(map, persona)?;
    }
    let target = &mut map.curves[index];
    let changed = target.name != name || target.colour != colour || target.persona != persona;
    let old = Edit::SetCurve {
        curve,
        name: std::mem::replace(&mut target.name, name),
        colour: std::mem::replace(&mut target.colour, colour),
        persona: std::mem::replace(&mut target.persona, persona),
    };
    done(old, changed)
}

// ---- Batches ---------------------------------------------------------------------------------

fn batch(map: &mut JourneyMap, edits: Vec<Edit>, mode: Mode) -> Result<Applied> {
    let mut inverses = Vec::with_capacity(edits.len());
    for edit in edits {
        match run(edit, map, mode) {
            // A part that changed nothing needs no undoing.
            Ok(applied) if applied.changed => inverses.push(applied.inverse),
            Ok(_) => {}
            Err(err) => {
                roll_back(map, inverses);
                return Err(err);
            }
        }
    }
    let changed = !inverses.is_empty();
    inverses.reverse();
    done(Edit::Batch(inverses), changed)
}

/// Undoes the parts of a batch already applied, last first.
fn roll_back(map: &mut JourneyMap, inverses: Vec<Edit>) {
    for inverse in inverses.into_iter().rev() {
        run(inverse, map, Mode::Trusted)
            .expect("an inverse applies to the map its edit produced: it only looks up items that edit kept or made");
    }
}
