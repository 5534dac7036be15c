//! Edits built from a selection: delete, duplicate, paste, retype. Pure functions from the map
//! to an [`Edit`], so they are tested without a UI.

use super::Edit;
use crate::model::*;
use std::collections::{BTreeSet, HashMap};

/// Removes the selected items; locked items stay (so do stages holding a locked touchpoint,
/// lanes holding a locked note, and the notes of a locked lane). Parts of something removed
/// whole (a score of a removed touchpoint, a note of a removed lane) are left to go with it, so
/// the batch never trips over itself. None when nothing can be removed.
pub fn delete(map: &JourneyMap, selection: &BTreeSet<Item>) -> Option<Edit> {
    // A stage whose removal would take or shrink a locked note stays.
    let holds_locked_note = |stage: &Stage| {
        let own: Vec<u32> = std::iter::once(stage.id.0)
            .chain(stage.touchpoints.iter().map(|t| t.id.0))
            .collect();
        map.lanes.iter().any(|l| {
            l.notes.iter().any(|n| {
                (n.locked || l.locked)
                    && map.anchor_members(n.anchor).iter().any(|m| own.contains(m))
            })
        })
    };
    let stages: BTreeSet<StageId> = selection
        .iter()
        .filter_map(|i| match i {
            Item::Stage(id) => map
                .stage(*id)
                .filter(|s| !s.locked && s.touchpoints.iter().all(|t| !t.locked))
                .filter(|s| !holds_locked_note(s))
                .map(|s| s.id),
            _ => None,
        })
        .collect();
    let in_removed_stage = |tp: TouchpointId| {
        map.touchpoint_position(tp)
            .is_some_and(|(si, _)| stages.contains(&map.stages[si].id))
    };
    let touchpoints: BTreeSet<TouchpointId> = selection
        .iter()
        .filter_map(|i| match i {
            Item::Touchpoint(id) => Some(*id),
            _ => None,
        })
        .filter(|id| map.touchpoint(*id).is_some_and(|t| !t.locked) && !in_removed_stage(*id))
        .collect();
    let lanes: BTreeSet<LaneId> = selection
        .iter()
        .filter_map(|i| match i {
            Item::Lane(id)
                if map
                    .lane(*id)
                    .is_some_and(|l| !l.locked && l.notes.iter().all(|n| !n.locked)) =>
            {
                Some(*id)
            }
            _ => None,
        })
        .collect();
    let curves: BTreeSet<CurveId> = selection
        .iter()
        .filter_map(|i| match i {
            Item::Curve(id) if map.curve(*id).is_some() => Some(*id),
            _ => None,
        })
        .collect();

    let mut edits = Vec::new();
    for item in selection {
        match *item {
            Item::Score(curve, touchpoint)
                if !curves.contains(&curve)
                    && !touchpoints.contains(&touchpoint)
                    && !in_removed_stage(touchpoint)
                    && map
                        .curve(curve)
                        .is_some_and(|c| c.scores.contains_key(&touchpoint)) =>
            {
                edits.push(Edit::SetScore {
                    curve,
                    touchpoint,
                    score: None,
                });
            }
            Item::StageScore(curve, stage)
                if !curves.contains(&curve)
                    && !stages.contains(&stage)
                    && map
                        .curve(curve)
                        .is_some_and(|c| c.stage_scores.contains_key(&stage)) =>
            {
                edits.push(Edit::SetStageScore {
                    curve,
                    stage,
                    score: None,
                });
            }
            // Notes go first, before the stages and touchpoints they may be anchored to.
            Item::Note(id) => {
                if let Some(at) = map.note(id)
                    && !map.is_locked(*item)
                    && !lanes.contains(&at.lane)
                {
                    edits.push(Edit::RemoveNote { note: id });
                }
            }
            _ => {}
        }
    }
    edits.extend(
        touchpoints
            .into_iter()
            .map(|touchpoint| Edit::RemoveTouchpoint { touchpoint }),
    );
    edits.extend(curves.into_iter().map(|curve| Edit::RemoveCurve { curve }));
    edits.extend(lanes.into_iter().map(|lane| Edit::RemoveLane { lane }));
    edits.extend(stages.into_iter().map(|stage| Edit::RemoveStage { stage }));
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

/// Copies the selected stages, touchpoints, lanes and notes next to the originals, with fresh
/// ids; returns the edit and the copies (to select them).
pub fn duplicate(
    map: &JourneyMap,
    selection: &BTreeSet<Item>,
    ids: &mut IdAllocator,
) -> Option<(Edit, Vec<Item>)> {
    let mut edits = Vec::new();
    let mut copies = Vec::new();
    let scores_of = |tp: TouchpointId| -> Vec<(CurveId, i32)> {
        map.curves
            .iter()
            .filter_map(|c| c.scores.get(&tp).map(|s| (c.id, *s)))
            .collect()
    };
    // Walk in reverse map order so inserting after an original does not shift the next one.
    let mut items: Vec<Item> = selection.iter().copied().collect();
    items.sort_by_key(|item| std::cmp::Reverse(map.order_key(*item)));
    for item in items {
        match item {
            Item::Touchpoint(id) => {
                let Some((si, ti)) = map.touchpoint_position(id) else {
                    continue;
                };
                let mut copy = map.stages[si].touchpoints[ti].clone();
                copy.id = ids.touchpoint();
                copy.locked = false;
                copies.push(Item::Touchpoint(copy.id));
                edits.push(Edit::InsertTouchpoint {
                    stage: map.stages[si].id,
                    index: ti + 1,
                    scores: scores_of(id),
                    touchpoint: copy,
                });
            }
            Item::Stage(id) => {
                let Some(si) = map.stage_index(id) else {
                    continue;
                };
                let original = &map.stages[si];
                let mut stage = original.clone();
                stage.id = ids.stage();
                stage.locked = false;
                let mut fresh = HashMap::from([(id.0, stage.id.0)]);
                let mut scores = Vec::new();
                for tp in &mut stage.touchpoints {
                    let old = tp.id;
                    tp.id = ids.touchpoint();
                    tp.locked = false;
                    fresh.insert(old.0, tp.id.0);
                    scores.extend(scores_of(old).into_iter().map(|(c, s)| (c, tp.id, s)));
                }
                let notes = map
                    .lanes
                    .iter()
                    .flat_map(|l| {
                        map.notes_within(l, original)
                            .into_iter()
                            .map(move |n| (l.id, n))
                    })
                    .filter_map(|(lane, n)| {
                        let anchor = n.anchor.remap(&fresh)?;
                        Some((
                            lane,
                            Note {
                                id: ids.note(),
                                anchor,
                                locked: false,
                                ..n
                            },
                        ))
                    })
                    .collect();
                let stage_scores = map
                    .curves
                    .iter()
                    .filter_map(|c| c.stage_scores.get(&id).map(|s| (c.id, *s)))
                    .collect();
                copies.push(Item::Stage(stage.id));
                edits.push(Edit::InsertStage {
                    index: si + 1,
                    stage,
                    notes,
                    scores,
                    stage_scores,
                });
            }
            Item::Lane(id) => {
                let Some(li) = map.lanes.iter().position(|l| l.id == id) else {
                    continue;
                };
                let mut lane = map.lanes[li].clone();
                lane.id = ids.lane();
                lane.locked = false;
                for note in &mut lane.notes {
                    note.id = ids.note();
                    note.locked = false;
                }
                copies.push(Item::Lane(lane.id));
                edits.push(Edit::InsertLane {
                    index: li + 1,
                    lane,
                });
            }
            Item::Note(id) => {
                let Some(at) = map.note(id) else {
                    continue;
                };
                let copy = Note {
                    id: ids.note(),
                    locked: false,
                    ..at.note.clone()
                };
                copies.push(Item::Note(copy.id));
                edits.push(Edit::InsertNote {
                    lane: at.lane,
                    index: at.index + 1,
                    note: copy,
                });
            }
            Item::Score(..)
            | Item::StageScore(..)
            | Item::Curve(_)
            | Item::Cell(..)
            | Item::Header(_)
            | Item::FixedRow(_) => {}
        }
    }
    (!edits.is_empty()).then_some((Edit::Batch(edits), copies))
}

/// Pastes `clip` next to the selection, with fresh ids; returns the edit and the pasted items.
///
/// Stages go after the selected stage (or the stage of the selected card or note); touchpoints
/// into that stage, after the selected card or at its end; notes after the selected note, or
/// into the first cell of the selected lane or stage. Scores find their curve by name and lane
/// notes their lane by name; what has no match is left out.
pub fn paste(
    map: &JourneyMap,
    clip: &Clip,
    selection: &BTreeSet<Item>,
    ids: &mut IdAllocator,
) -> Option<(Edit, Vec<Item>)> {
    let anchor_stage: Option<usize> = selection.iter().find_map(|item| match *item {
        Item::Stage(id) => map.stage_index(id),
        Item::Touchpoint(id) => map.touchpoint_position(id).map(|(s, _)| s),
        Item::Note(id) => map
            .note(id)
            .and_then(|at| map.anchor_stages(at.note.anchor))
            .map(|r| *r.end()),
        Item::Cell(_, stage) => map.stage_index(stage),
        Item::Score(_, tp) => map.touchpoint_position(tp).map(|(s, _)| s),
        Item::StageScore(_, stage) => map.stage_index(stage),
        _ => None,
    });
    let selected_card = selection.iter().find_map(|item| match *item {
        Item::Touchpoint(id) => map.touchpoint_position(id),
        _ => None,
    });
    let scores_for = |scores: &std::collections::BTreeMap<String, i32>| -> Vec<(CurveId, i32)> {
        map.curves
            .iter()
            .filter_map(|c| scores.get(&c.name).map(|s| (c.id, map.scale.clamp(*s))))
            .collect()
    };
    let mut edits = Vec::new();
    let mut pasted = Vec::new();

    let first_stage = anchor_stage.map_or(map.stages.len(), |s| s + 1);
    for (stage_index, clip_stage) in (first_stage..).zip(&clip.stages) {
        let id = ids.stage();
        let mut fresh = HashMap::from([(clip_stage.id.0, id.0)]);
        let mut scores = Vec::new();
        let touchpoints = clip_stage
            .touchpoints
            .iter()
            .map(|ct| {
                let tp = Touchpoint {
                    id: ids.touchpoint(),
                    locked: false,
                    ..ct.touchpoint.clone()
                };
                fresh.insert(ct.touchpoint.id.0, tp.id.0);
                scores.extend(
                    scores_for(&ct.scores)
                        .into_iter()
                        .map(|(c, s)| (c, tp.id, s)),
                );
                tp
            })
            .collect();
        let notes = clip_stage
            .notes
            .iter()
            .filter_map(|(lane_name, notes)| {
                let lane = map.lanes.iter().find(|l| &l.name == lane_name)?;
                Some(notes.iter().map(move |n| (lane.id, n)))
            })
            .flatten()
            .filter_map(|(lane, n)| {
                let anchor = n.anchor.remap(&fresh)?;
                Some((
                    lane,
                    Note {
                        id: ids.note(),
                        anchor,
                        locked: false,
                        ..n.clone()
                    },
                ))
            })
            .collect();
        let stage = Stage {
            description: clip_stage.description.clone(),
            touchpoints,
            ..Stage::new(id, clip_stage.name.clone(), clip_stage.colour)
        };
        edits.push(Edit::InsertStage {
            index: stage_index,
            stage,
            notes,
            scores,
            stage_scores: scores_for(&clip_stage.stage_scores),
        });
        pasted.push(Item::Stage(id));
    }

    if !clip.touchpoints.is_empty() {
        let (si, mut index) = match (selected_card, anchor_stage) {
            (Some((s, t)), _) => (Some(s), t + 1),
            (None, Some(s)) => (Some(s), map.stages[s].touchpoints.len()),
            (None, None) => (
                map.stages.len().checked_sub(1),
                map.stages.last().map_or(0, |s| s.touchpoints.len()),
            ),
        };
        if let Some(si) = si {
            for ct in &clip.touchpoints {
                let touchpoint = Touchpoint {
                    id: ids.touchpoint(),
                    locked: false,
                    ..ct.touchpoint.clone()
                };
                pasted.push(Item::Touchpoint(touchpoint.id));
                edits.push(Edit::InsertTouchpoint {
                    stage: map.stages[si].id,
                    index,
                    scores: scores_for(&ct.scores),
                    touchpoint,
                });
                index += 1;
            }
        }
    }

    if !clip.notes.is_empty() {
        // Where pasted notes go: (lane, anchor, index in the lane's list).
        let selected_note = selection.iter().find_map(|item| match *item {
            Item::Note(id) => map
                .note(id)
                .map(|at| (at.lane, at.note.anchor, at.index + 1)),
            Item::Cell(lane, stage) => {
                let anchor = Anchor::Stage(stage);
                Some((
                    lane,
                    anchor,
                    map.lane(lane)?.position_for(anchor, usize::MAX),
                ))
            }
            _ => None,
        });
        let selected_lane = selection.iter().find_map(|item| match *item {
            Item::Lane(id) => Some(id),
            _ => None,
        });
        let cell = selected_note.or_else(|| {
            let lane = selected_lane.or_else(|| map.lanes.first().map(|l| l.id))?;
            let anchor = Anchor::Stage(map.stages.get(anchor_stage.unwrap_or(0))?.id);
            Some((
                lane,
                anchor,
                map.lane(lane)?.position_for(anchor, usize::MAX),
            ))
        });
        if let Some((lane, anchor, mut index)) = cell {
            for note in &clip.notes {
                let note = Note {
                    id: ids.note(),
                    anchor,
                    locked: false,
                    ..note.clone()
                };
                pasted.push(Item::Note(note.id));
                edits.push(Edit::InsertNote { lane, index, note });
                index += 1;
            }
        }
    }
    (!edits.is_empty()).then_some((Edit::Batch(edits), pasted))
}

/// The edit that gives `item` the text `text` (None if it already has it, is gone or has no
/// text).
pub fn set_text(map: &JourneyMap, item: Item, text: String) -> Option<Edit> {
    if map.item_text(item)? == text {
        return None;
    }
    match item {
        Item::Stage(id) => map.stage(id).map(|s| Edit::SetStage {
            stage: id,
            name: text,
            colour: s.colour,
            description: s.description.clone(),
        }),
        Item::Touchpoint(id) => map.touchpoint(id).map(|t| {
            Edit::SetTouchpoint(Touchpoint {
                title: text,
                ..t.clone()
            })
        }),
        Item::Lane(id) => map.lane(id).map(|l| Edit::SetLane {
            lane: id,
            name: text,
            kind: l.kind,
        }),
        Item::Note(id) => map.note(id).map(|at| {
            Edit::SetNote(Note {
                text,
                ..at.note.clone()
            })
        }),
        Item::Curve(id) => map.curve(id).map(|c| Edit::SetCurve {
            curve: id,
            name: text,
            colour: c.colour,
            persona: c.persona,
        }),
        Item::Header(part) => {
            let mut header = map.header.clone();
            match part {
                HeaderPart::Title => header.title = text,
                HeaderPart::Scenario => header.scenario = text,
                HeaderPart::Expectations => header.expectations = text,
                HeaderPart::Source => header.source = text,
                HeaderPart::PersonaName(id) => {
                    header.personas.iter_mut().find(|p| p.id == id)?.name = text;
                }
                HeaderPart::PersonaDescription(id) => {
                    header.personas.iter_mut().find(|p| p.id == id)?.description = text;
                }
                HeaderPart::PersonaGoals(_) => return None,
            }
            Some(Edit::SetHeader(header))
        }
        Item::Score(..) | Item::StageScore(..) | Item::Cell(..) | Item::FixedRow(_) => None,
    }
}

/// A new note saying `text` in the cell where `lane` crosses `stage`: at place `index` among
/// the cell's notes, or at its end.
pub fn add_note(
    map: &JourneyMap,
    lane: LaneId,
    stage: StageId,
    index: Option<usize>,
    text: String,
    ids: &mut IdAllocator,
) -> Option<(Edit, NoteId)> {
    map.stage(stage)?;
    let anchor = Anchor::Stage(stage);
    let index = map
        .lane(lane)?
        .position_for(anchor, index.unwrap_or(usize::MAX));
    let id = ids.note();
    let note = Note::new(id, text, anchor);
    Some((Edit::InsertNote { lane, index, note }, id))
}

/// Moves a row (the touchpoints row, the emotion band or a lane) so that it ends up at place
/// `to` among all the rows: lanes move among the lanes, the fixed rows change their places.
/// None when it is already there.
pub fn move_row(map: &JourneyMap, row: Row, to: usize) -> Option<Edit> {
    let mut rows = map.rows();
    let from = rows.iter().position(|r| *r == row)?;
    rows.remove(from);
    rows.insert(to.min(rows.len()), row);
    let (lanes, touchpoints_row, emotion_row) = JourneyMap::places_for(&rows);
    let mut edits: Vec<Edit> = lanes
        .iter()
        .enumerate()
        .map(|(to, lane)| Edit::MoveLane { lane: *lane, to })
        .collect();
    if (touchpoints_row, emotion_row) != (map.options.touchpoints_row, map.options.emotion_row) {
        edits.push(Edit::SetOptions(MapOptions {
            touchpoints_row,
            emotion_row,
            ..map.options.clone()
        }));
    }
    (map.rows() != rows).then_some(Edit::Batch(edits))
}

/// Inserts `lane` so that it stands at place `row` among all the rows, the touchpoints row and
/// emotion band keeping their places relative to the other rows.
pub fn insert_lane_at_row(map: &JourneyMap, lane: Lane, row: usize) -> Edit {
    let mut rows = map.rows();
    let id = lane.id;
    let row = row.min(rows.len());
    rows.insert(row, Row::Lane(id));
    let (lanes, touchpoints_row, emotion_row) = JourneyMap::places_for(&rows);
    let index = lanes
        .iter()
        .position(|l| *l == id)
        .unwrap_or(map.lanes.len());
    let mut edits = vec![Edit::InsertLane { index, lane }];
    if (touchpoints_row, emotion_row) != (map.options.touchpoints_row, map.options.emotion_row) {
        edits.push(Edit::SetOptions(MapOptions {
            touchpoints_row,
            emotion_row,
            ..map.options.clone()
        }));
    }
    Edit::Batch(edits)
}

/// Moves a note to `lane` with `anchor`: for a stage's own notes, at place `cell_index` among
/// the notes of that cell (its end when None); otherwise where it stands in its lane's list
/// (at the end, when it changes lanes).
pub fn move_note(
    map: &JourneyMap,
    note: NoteId,
    lane: LaneId,
    anchor: Anchor,
    cell_index: Option<usize>,
) -> Option<Edit> {
    let at = map.note(note)?;
    let target = map.lane(lane)?;
    // The lane's list as it is once the note has left it.
    let mut rest: Lane = target.clone();
    rest.notes.retain(|n| n.id != note);
    let to = match cell_index {
        Some(index) => rest.position_for(anchor, index),
        None if at.lane == lane => at.index,
        None => rest.notes.len(),
    };
    if at.lane == lane && at.index == to && at.note.anchor == anchor {
        return None;
    }
    Some(Edit::MoveNote {
        note,
        to_lane: lane,
        anchor,
        to,
    })
}

/// A score on scale `from` as a score on scale `to`: the same where the scales agree, else
/// placed at the same share of the way from the lowest to the highest, rounded.
pub fn rescale(score: i32, from: &EmotionScale, to: &EmotionScale) -> i32 {
    if (from.min, from.max) == (to.min, to.max) || from.max <= from.min {
        return score.clamp(to.min, to.max);
    }
    let share = f64::from(score - from.min) / f64::from(from.max - from.min);
    #[allow(clippy::cast_possible_truncation)]
    let mapped = (f64::from(to.min) + share * f64::from(to.max - to.min)).round() as i32;
    mapped.clamp(to.min, to.max)
}

/// Adds another map's stages after the last stage, as one edit: its touchpoints with fresh
/// ids, its personas where no persona of the same name is here yet, its scores on the curve of
/// the same name (a new curve where there is none), moved onto this map's scale. Lanes and
/// notes of `other` are left out (an imported diagram has none). None when `other` has no
/// stages.
pub fn merge(map: &JourneyMap, other: &JourneyMap, ids: &mut IdAllocator) -> Option<Edit> {
    if other.stages.is_empty() {
        return None;
    }
    let mut edits = Vec::new();
    // Personas by name.
    let mut persona_of: HashMap<PersonaId, PersonaId> = HashMap::new();
    let mut header = map.header.clone();
    for persona in &other.header.personas {
        let here = header
            .personas
            .iter()
            .find(|p| p.name == persona.name)
            .map(|p| p.id);
        let id = here.unwrap_or_else(|| {
            let id = ids.persona();
            header.personas.push(Persona {
                id,
                ..persona.clone()
            });
            id
        });
        persona_of.insert(persona.id, id);
    }
    if header != map.header {
        edits.push(Edit::SetHeader(header));
    }
    // Curves by name: this map's, or new ones.
    let mut new_curves: Vec<EmotionCurve> = Vec::new();
    let mut curve_of: HashMap<CurveId, (bool, CurveId)> = HashMap::new();
    for curve in &other.curves {
        match map.curves.iter().find(|c| c.name == curve.name) {
            Some(here) => {
                curve_of.insert(curve.id, (true, here.id));
            }
            None => {
                let mut fresh = EmotionCurve::new(ids.curve(), curve.name.clone(), curve.colour);
                fresh.persona = curve.persona.and_then(|p| persona_of.get(&p).copied());
                curve_of.insert(curve.id, (false, fresh.id));
                new_curves.push(fresh);
            }
        }
    }
    for (i, stage) in other.stages.iter().enumerate() {
        let mut copy = Stage::new(ids.stage(), stage.name.clone(), stage.colour);
        copy.description.clone_from(&stage.description);
        let mut scores = Vec::new();
        for tp in &stage.touchpoints {
            let id = ids.touchpoint();
            let mut card = Touchpoint {
                id,
                locked: false,
                ..tp.clone()
            };
            card.actors = tp
                .actors
                .iter()
                .filter_map(|a| persona_of.get(a).copied())
                .collect();
            for curve in &other.curves {
                let Some(&score) = curve.scores.get(&tp.id) else {
                    continue;
                };
                let score = rescale(score, &other.scale, &map.scale);
                match curve_of.get(&curve.id) {
                    Some(&(true, here)) => scores.push((here, id, score)),
                    Some(&(false, fresh)) => {
                        if let Some(c) = new_curves.iter_mut().find(|c| c.id == fresh) {
                            c.scores.insert(id, score);
                        }
                    }
                    None => {}
                }
            }
            copy.touchpoints.push(card);
        }
        edits.push(Edit::InsertStage {
            index: map.stages.len() + i,
            stage: copy,
            notes: Vec::new(),
            scores,
            stage_scores: Vec::new(),
        });
    }
    for (i, curve) in new_curves.into_iter().enumerate() {
        edits.push(Edit::InsertCurve {
            index: map.curves.len() + i,
            curve,
        });
    }
    Some(Edit::Batch(edits))
}

/// Resolves conflict mark `index` of `map` with one of its values (`theirs`, or ours): the
/// field takes that value (or the item goes, when that side removed it) and the mark goes, in
/// one edit. None when there is no such mark or its value no longer fits the map.
pub fn resolve_conflict(map: &JourneyMap, index: usize, theirs: bool) -> Option<Edit> {
    use crate::model::conflict::{self, Value};
    let mark = map.conflicts.get(index)?;
    let mut rest = map.conflicts.clone();
    rest.remove(index);
    let mut edits = vec![Edit::SetConflicts(rest)];
    let chosen = if theirs { &mark.theirs } else { &mark.ours };
    if mark.is_removal() {
        if *chosen == Value::Removed {
            edits.push(match mark.on {
                Subject::Stage(stage) => Edit::RemoveStage { stage },
                Subject::Touchpoint(touchpoint) => Edit::RemoveTouchpoint { touchpoint },
                Subject::Lane(lane) => Edit::RemoveLane { lane },
                Subject::Note(note) => Edit::RemoveNote { note },
                _ => return None,
            });
        }
        return Some(Edit::Batch(edits));
    }
    let mut after = map.clone();
    conflict::set(&mut after, mark.on, &mark.field, chosen.clone()).ok()?;
    let locked = |item: Item, was: bool, now: bool| {
        (was != now).then_some(Edit::SetLocked { item, locked: now })
    };
    match mark.on {
        Subject::Map if map.scale != after.scale => edits.push(Edit::SetScale(after.scale)),
        Subject::Map => edits.push(Edit::SetOptions(after.options)),
        Subject::Header | Subject::Persona(_) => edits.push(Edit::SetHeader(after.header)),
        Subject::Stage(id) => {
            let (was, now) = (map.stage(id)?, after.stage(id)?);
            edits.push(Edit::SetStage {
                stage: id,
                name: now.name.clone(),
                colour: now.colour,
                description: now.description.clone(),
            });
            edits.extend(locked(Item::Stage(id), was.locked, now.locked));
        }
        Subject::Touchpoint(id) => edits.push(Edit::SetTouchpoint(after.touchpoint(id)?.clone())),
        Subject::Lane(id) => {
            let was = map.lanes.iter().find(|l| l.id == id)?;
            let now = after.lanes.iter().find(|l| l.id == id)?;
            edits.push(Edit::SetLane {
                lane: id,
                name: now.name.clone(),
                kind: now.kind,
            });
            edits.extend(locked(Item::Lane(id), was.locked, now.locked));
        }
        Subject::Note(id) => edits.push(Edit::SetNote(after.note(id)?.note.clone())),
        Subject::Curve(id) => {
            let now = after.curves.iter().find(|c| c.id == id)?;
            edits.push(Edit::SetCurve {
                curve: id,
                name: now.name.clone(),
                colour: now.colour,
                persona: now.persona,
            });
        }
        Subject::Score(curve, touchpoint) => {
            let now = after.curves.iter().find(|c| c.id == curve)?;
            edits.push(Edit::SetScore {
                curve,
                touchpoint,
                score: now.scores.get(&touchpoint).copied(),
            });
        }
        Subject::StageScore(curve, stage) => {
            let now = after.curves.iter().find(|c| c.id == curve)?;
            edits.push(Edit::SetStageScore {
                curve,
                stage,
                score: now.stage_scores.get(&stage).copied(),
            });
        }
    }
    Some(Edit::Batch(edits))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates;

    fn map() -> JourneyMap {
        templates::find("restaurant-en").expect("template").map()
    }

    #[test]
    fn delete_skips_locked_touchpoints_and_keeps_the_map_sound() {
        let mut map = map();
        let first = map.stages[0].touchpoints[0].id;
        let second = map.stages[0].touchpoints[1].id;
        map.stages[0].touchpoints[0].locked = true;
        let selection = BTreeSet::from([Item::Touchpoint(first), Item::Touchpoint(second)]);
        let edit = delete(&map, &selection).expect("something to delete");
        edit.apply(&mut map).expect("applies");
        assert!(map.touchpoint(first).is_some(), "locked stays");
        assert!(map.touchpoint(second).is_none());
        assert!(map.validate().is_empty());
    }

    #[test]
    fn locked_stages_lanes_and_notes_stay_and_a_lock_is_one_undoable_edit() {
        let mut map = map();
        let stage = map.stages[1].id;
        let lane = map.lanes[0].id;
        let note_in_locked_lane = map.lanes[0].notes.first().expect("a note").id;
        let other_lane = map.lanes[1].id;
        let locked_note = map.lanes[1].notes.first().expect("a note").id;
        for item in [
            Item::Stage(stage),
            Item::Lane(lane),
            Item::Note(locked_note),
        ] {
            Edit::SetLocked { item, locked: true }
                .apply(&mut map)
                .expect("locks");
        }
        assert!(
            map.is_locked(Item::Note(note_in_locked_lane)),
            "a locked lane locks its notes"
        );
        let selection = BTreeSet::from([
            Item::Stage(stage),
            Item::Lane(lane),
            Item::Note(note_in_locked_lane),
            Item::Note(locked_note),
            Item::Lane(other_lane),
        ]);
        // The other lane holds the locked note, so it stays too: nothing can be deleted.
        assert_eq!(delete(&map, &selection), None);
        let before = map.clone();
        let undo = Edit::SetLocked {
            item: Item::Stage(stage),
            locked: false,
        }
        .apply(&mut map)
        .expect("unlocks");
        assert!(!map.stages[1].locked);
        undo.apply(&mut map).expect("undoes");
        assert_eq!(map, before);
        assert!(
            Edit::SetLocked {
                item: Item::Curve(map.curves[0].id),
                locked: true
            }
            .apply(&mut map)
            .is_err(),
            "a curve is not lockable"
        );
    }

    #[test]
    fn paste_lands_next_to_the_selection_with_fresh_ids_and_scores_by_curve_name() {
        let mut map = map();
        let tp = map.stages[0].touchpoints[0].clone();
        let clip = Clip::copy(&map, &BTreeSet::from([Item::Touchpoint(tp.id)]));
        let target = map.stages[2].touchpoints[0].id;
        let mut ids = map.id_allocator();
        let (edit, pasted) = paste(
            &map,
            &clip,
            &BTreeSet::from([Item::Touchpoint(target)]),
            &mut ids,
        )
        .expect("pastes");
        edit.apply(&mut map).expect("applies");
        let [Item::Touchpoint(new)] = pasted[..] else {
            panic!("one touchpoint: {pasted:?}")
        };
        assert_ne!(new, tp.id);
        assert_eq!(map.touchpoint_position(new), Some((2, 1)));
        assert_eq!(map.touchpoint(new).map(|t| &t.title), Some(&tp.title));
        for curve in &map.curves {
            assert_eq!(curve.scores.get(&new), curve.scores.get(&tp.id));
        }
        assert!(map.validate().is_empty());
    }

    #[test]
    fn deleting_items_with_their_parts_selected_too_removes_them_all() {
        let mut map = map();
        let stage = &map.stages[1];
        let tp = map.stages[0].touchpoints[0].id;
        let lane = &map.lanes[0];
        let note = lane.notes_in(map.stages[0].id)[0].id;
        let mut selection = BTreeSet::from([
            Item::Touchpoint(tp),
            Item::Stage(stage.id),
            Item::Lane(lane.id),
            Item::Note(note),
        ]);
        for curve in &map.curves {
            selection.insert(Item::Score(curve.id, tp));
            selection.insert(Item::Score(curve.id, stage.touchpoints[0].id));
        }
        let (stage, lane) = (stage.id, lane.id);
        let before = map.clone();
        let inverse = delete(&map, &selection)
            .expect("something to delete")
            .apply(&mut map)
            .expect("no part trips the batch");
        assert!(
            map.touchpoint(tp).is_none() && map.stage(stage).is_none() && map.lane(lane).is_none()
        );
        assert!(map.validate().is_empty());
        inverse.apply(&mut map).expect("undo");
        assert_eq!(map, before);
    }

    #[test]
    fn duplicate_copies_with_fresh_ids_next_to_the_originals() {
        let mut map = map();
        let stage = map.stages[1].id;
        let tp = map.stages[0].touchpoints[0].id;
        let before_stages = map.stages.len();
        let before_tps = map.touchpoint_count();
        let mut ids = map.id_allocator();
        let selection = BTreeSet::from([Item::Stage(stage), Item::Touchpoint(tp)]);
        let (edit, copies) = duplicate(&map, &selection, &mut ids).expect("copies");
        let stage_tps = map.stages[1].touchpoints.len();
        edit.apply(&mut map).expect("applies");
        assert_eq!(copies.len(), 2);
        assert_eq!(map.stages.len(), before_stages + 1);
        assert_eq!(map.stages[2].name, map.stages[1].name);
        assert_eq!(map.touchpoint_count(), before_tps + 1 + stage_tps);
        assert_eq!(
            map.stages[0].touchpoints[1].title,
            map.stages[0].touchpoints[0].title
        );
        assert!(map.validate().is_empty(), "{:?}", map.validate());
    }

    #[test]
    fn another_map_joins_after_the_last_stage_on_this_maps_scale_and_undoes_whole() {
        let mut map = JourneyMap::blank("Here");
        let mut ids = map.id_allocator();
        let me = Persona {
            id: ids.persona(),
            name: "Me".to_owned(),
            description: String::new(),
            goals: Vec::new(),
        };
        map.header.personas.push(me.clone());
        // The other map: a 1–5 scale, a persona of the same name and one new, two curves.
        let mut other = JourneyMap::blank("There");
        other.lanes.clear();
        other.scale = EmotionScale {
            min: 1,
            max: 5,
            levels: Vec::new(),
            neutral: Some(3),
        };
        let mut theirs = IdAllocator::after(100);
        let (their_me, cat) = (theirs.persona(), theirs.persona());
        for (id, name) in [(their_me, "Me"), (cat, "Cat")] {
            other.header.personas.push(Persona {
                id,
                name: name.to_owned(),
                description: String::new(),
                goals: Vec::new(),
            });
        }
        let tp = theirs.touchpoint();
        let mut card = Touchpoint::new(tp, "Tea");
        card.actors = vec![their_me, cat];
        other.stages[0].touchpoints.push(card);
        other.curves[0].name = "Emotion".to_owned();
        other.curves[0].scores.insert(tp, 5);
        let mut cats = EmotionCurve::new(theirs.curve(), "Cat", PALETTE[1]);
        cats.persona = Some(cat);
        cats.scores.insert(tp, 1);
        other.curves.push(cats);

        let mut doc = crate::edit::Document::new(map.clone());
        let mut ids = doc.ids();
        let edit = merge(doc.map(), &other, &mut ids).expect("an edit");
        doc.apply("Add", edit).expect("applies");
        let joined = doc.map();
        assert_eq!(joined.stages.len(), 2);
        let added = &joined.stages[1].touchpoints[0];
        assert_eq!(added.title, "Tea");
        assert_ne!(added.id, tp, "a fresh id");
        assert_eq!(joined.header.personas.len(), 2, "Me is the same Me");
        assert_eq!(added.actors, [me.id, joined.header.personas[1].id]);
        assert_eq!(
            joined.curves[0].scores.get(&added.id),
            Some(&2),
            "5 of 1–5 is +2"
        );
        assert_eq!(joined.curves[1].name, "Cat");
        assert_eq!(joined.curves[1].scores.get(&added.id), Some(&-2));
        assert_eq!(joined.curves[1].persona, Some(joined.header.personas[1].id));
        assert!(joined.validate().is_empty(), "{:?}", joined.validate());
        assert!(doc.undo());
        assert_eq!(doc.map(), &map);
    }
}
