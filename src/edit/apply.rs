//! How each edit changes the map: what it checks first (so a failing edit changes nothing), what
//! it changes, and the inverse it hands back.

use super::{Applied, Edit, EditError};
use crate::model::{
    Anchor, CurveId, EmotionCurve, EmotionScale, Header, JourneyMap, Lane, LaneId, LaneKind,
    MapOptions, Note, NoteId, PersonaId, Rgb, Stage, StageId, Touchpoint, TouchpointId, Wrap,
    check_link,
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
        Edit::MoveStage { stage, to } => move_stage(map, stage, to, mode),
        Edit::MoveTouchpoint {
            touchpoint,
            to_stage,
            to,
        } => move_touchpoint(map, touchpoint, to_stage, to, mode),
        Edit::MoveLane { lane, to } => move_lane(map, lane, to),
        Edit::MoveNote {
            note,
            to_lane,
            anchor,
            to,
        } => move_note(map, note, to_lane, anchor, to, mode),
        Edit::SetScore {
            curve,
            touchpoint,
            score,
        } => set_score(map, curve, touchpoint, score, mode),
        Edit::SetStageScore {
            curve,
            stage,
            score,
        } => set_stage_score(map, curve, stage, score, mode),
        Edit::InsertStage {
            index,
            stage,
            notes,
            scores,
            stage_scores,
        } => insert_stage(map, index, stage, notes, scores, stage_scores, mode),
        Edit::RemoveStage { stage } => remove_stage(map, stage, mode),
        Edit::InsertTouchpoint {
            stage,
            index,
            touchpoint,
            scores,
        } => insert_touchpoint(map, stage, index, touchpoint, scores, mode),
        Edit::RemoveTouchpoint { touchpoint } => remove_touchpoint(map, touchpoint, mode),
        Edit::InsertLane { index, lane } => insert_lane(map, index, lane, mode),
        Edit::RemoveLane { lane } => remove_lane(map, lane),
        Edit::InsertNote { lane, index, note } => insert_note(map, lane, index, note, mode),
        Edit::RemoveNote { note } => remove_note(map, note),
        Edit::InsertCurve { index, curve } => insert_curve(map, index, curve, mode),
        Edit::RemoveCurve { curve } => remove_curve(map, curve),
        Edit::SetHeader(header) => set_header(map, header, mode),
        Edit::SetScale(scale) => set_scale_and_scores(map, scale, Vec::new(), Vec::new(), mode),
        Edit::SetScaleAndScores {
            scale,
            scores,
            stage_scores,
        } => set_scale_and_scores(map, scale, scores, stage_scores, mode),
        Edit::SetStage {
            stage,
            name,
            colour,
            description,
        } => set_stage(map, stage, name, colour, description),
        Edit::SetOptions(options) => set_options(map, options, mode),
        Edit::SetTouchpoint(touchpoint) => set_touchpoint(map, touchpoint, mode),
        Edit::SetLocked { item, locked } => set_locked(map, item, locked),
        Edit::SetLane { lane, name, kind } => set_lane(map, lane, name, kind),
        Edit::SetNote(note) => set_note(map, note, mode),
        Edit::SetCurve {
            curve,
            name,
            colour,
            persona,
        } => set_curve(map, curve, name, colour, persona, mode),
        Edit::SetConflicts(conflicts) => set_conflicts(map, conflicts, mode),
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

/// Where a note is: (lane index, index in the lane's list of notes).
fn note_position(map: &JourneyMap, id: NoteId) -> Result<(usize, usize)> {
    map.note(id)
        .map(|at| (at.lane_index, at.index))
        .ok_or(EditError::NoSuchNote(id))
}

/// A note's anchor must name what the map has, runs in order.
fn check_anchor(map: &JourneyMap, anchor: Anchor) -> Result<()> {
    if anchor == Anchor::Journey || map.anchor_stages(anchor).is_some() {
        Ok(())
    } else {
        Err(EditError::BadAnchor(anchor))
    }
}

/// A touchpoint's actors must be personas of the map, its link a web or mail address.
fn check_touchpoint_fields(map: &JourneyMap, touchpoint: &Touchpoint) -> Result<()> {
    for actor in &touchpoint.actors {
        check_persona(map, *actor)?;
    }
    if let Some(link) = &touchpoint.link {
        check_link(link).map_err(EditError::BadLink)?;
    }
    Ok(())
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
    if let Some(value) = scale.neutral
        && !scale.contains(value)
    {
        return Err(EditError::LevelOutsideScale {
            value,
            min: scale.min,
            max: scale.max,
        });
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

/// A new stage or touchpoint must not find notes anchored to its id or scores filed under it
/// (left by a hand-edited file): it would adopt them, and removing it again would not give them
/// back.
fn check_unreferenced(map: &JourneyMap, id: u32) -> Result<()> {
    let anchored = map
        .lanes
        .iter()
        .flat_map(|l| &l.notes)
        .any(|n| n.anchor.names(id));
    let scored = map.curves.iter().any(|c| {
        c.scores.contains_key(&TouchpointId(id)) || c.stage_scores.contains_key(&StageId(id))
    });
    if anchored || scored {
        Err(EditError::DuplicateId(id))
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
        .flat_map(|l| once(l.id.0).chain(l.notes.iter().map(|n| n.id.0)));
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

fn move_stage(map: &mut JourneyMap, stage: StageId, to: usize, mode: Mode) -> Result<Applied> {
    let from = stage_index(map, stage)?;
    let moved: HashSet<u32> = once(stage.0)
        .chain(map.stages[from].touchpoints.iter().map(|t| t.id.0))
        .collect();
    // A move to where the stage already is changes nothing, spans included.
    let spans = if to.min(map.stages.len() - 1) == from {
        Vec::new()
    } else {
        spans_touching(map, &moved, mode)
    };
    let to = move_within(&mut map.stages, from, to);
    let follow = reanchor(map, spans, &moved, false);
    with_follow_up(Edit::MoveStage { stage, to: from }, to != from, follow)
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
    mode: Mode,
) -> Result<Applied> {
    let (from_si, from_ti) = touchpoint_position(map, touchpoint)?;
    let to_si = stage_index(map, to_stage)?;
    let moved = HashSet::from([touchpoint.0]);
    let stays = to_si == from_si && to.min(map.stages[to_si].touchpoints.len() - 1) == from_ti;
    let spans = if stays {
        Vec::new()
    } else {
        spans_touching(map, &moved, mode)
    };
    let from_stage = map.stages[from_si].id;
    let item = map.stages[from_si].touchpoints.remove(from_ti);
    let target = &mut map.stages[to_si].touchpoints;
    let to = to.min(target.len());
    target.insert(to, item);
    let follow = reanchor(map, spans, &moved, false);
    with_follow_up(
        Edit::MoveTouchpoint {
            touchpoint,
            to_stage: from_stage,
            to: from_ti,
        },
        (to_si, to) != (from_si, from_ti),
        follow,
    )
}

fn move_note(
    map: &mut JourneyMap,
    note: NoteId,
    to_lane: LaneId,
    anchor: Anchor,
    to: usize,
    mode: Mode,
) -> Result<Applied> {
    let (from_li, from_ni) = note_position(map, note)?;
    let to_li = lane_index(map, to_lane)?;
    if mode == Mode::Checked {
        check_anchor(map, anchor)?;
    }
    let from_lane = map.lanes[from_li].id;
    let mut item = map.lanes[from_li].notes.remove(from_ni);
    let from_anchor = std::mem::replace(&mut item.anchor, anchor);
    let list = &mut map.lanes[to_li].notes;
    let to = to.min(list.len());
    list.insert(to, item);
    done(
        Edit::MoveNote {
            note,
            to_lane: from_lane,
            anchor: from_anchor,
            to: from_ni,
        },
        (to_li, to, anchor) != (from_li, from_ni, from_anchor),
    )
}

// ---- Anchors that follow what they name -------------------------------------------------------

/// A note whose anchor takes in a stage or touchpoint that is about to move or go: where it is
/// and what its anchor spans before the change.
struct Span {
    note: NoteId,
    members: Vec<u32>,
}

/// The notes whose anchors take in any of `ids` (stage and touchpoint ids). Only user edits
/// (checked) carry anchors along; an inverse puts anchors back itself.
fn spans_touching(map: &JourneyMap, ids: &HashSet<u32>, mode: Mode) -> Vec<Span> {
    if mode == Mode::Trusted {
        return Vec::new();
    }
    map.lanes
        .iter()
        .flat_map(|l| &l.notes)
        .filter_map(|note| {
            let members = map.anchor_members(note.anchor);
            members.iter().any(|m| ids.contains(m)).then_some(Span {
                note: note.id,
                members,
            })
        })
        .collect()
}

/// What keeping anchors whole took, after a stage or touchpoint moved or went: each note
/// whose anchor changed, as it was (to put back), and each note deleted because everything it
/// was anchored to went, with its lane and index.
#[derive(Default)]
struct FollowUp {
    anchors: Vec<Note>,
    deleted: Vec<(LaneId, usize, Note)>,
}

/// Makes every recorded note's anchor span what remains of it once `gone` (moved or deleted)
/// are left out. With `deleting`, a note with nothing left goes; when moving, such a note
/// (whose whole span moved together) keeps its anchor.
fn reanchor(
    map: &mut JourneyMap,
    spans: Vec<Span>,
    gone: &HashSet<u32>,
    deleting: bool,
) -> FollowUp {
    let mut follow = FollowUp::default();
    let mut delete = Vec::new();
    for span in spans {
        let Some(at) = map.note(span.note) else {
            continue;
        };
        let (li, ni, anchor) = (at.lane_index, at.index, at.note.anchor);
        let (moved, mut kept): (Vec<u32>, Vec<u32>) =
            span.members.into_iter().partition(|m| gone.contains(m));
        let new = if kept.is_empty() {
            if deleting {
                delete.push((li, ni));
                continue;
            }
            anchor
        } else {
            match anchor {
                Anchor::Stages(..) | Anchor::Touchpoints(..) => {
                    // What moved stays in the span if it landed inside it; moved away (past
                    // either end), the span shrinks to what remains.
                    if !deleting && lands_by(map, anchor.on_touchpoints(), &kept, &moved) {
                        kept.extend(moved);
                    }
                    map.anchor_spanning(&kept, anchor.on_touchpoints())
                        .unwrap_or(anchor)
                }
                _ => anchor,
            }
        };
        if new != anchor {
            let note = &mut map.lanes[li].notes[ni];
            follow.anchors.push(note.clone());
            note.anchor = new;
        }
    }
    // Last first, so the indices of the notes still to take out hold.
    delete.sort_unstable();
    for (li, ni) in delete.into_iter().rev() {
        let lane = &mut map.lanes[li];
        let note = lane.notes.remove(ni);
        follow.deleted.push((lane.id, ni, note));
    }
    follow.deleted.reverse();
    follow
}

/// Whether the members that moved (stage or touchpoint ids) now stand inside the run of those
/// that stayed, in the map's new order.
fn lands_by(map: &JourneyMap, touchpoints: bool, kept: &[u32], moved: &[u32]) -> bool {
    let range = |ids: &[u32]| {
        let places: Vec<usize> = ids
            .iter()
            .filter_map(|id| map.member_place(*id, touchpoints))
            .collect();
        Some((*places.iter().min()?, *places.iter().max()?))
    };
    match (range(kept), range(moved)) {
        (Some((lo, hi)), Some((first, last))) => lo < first && last < hi,
        _ => false,
    }
}

/// The inverse of an edit that also carried anchors along: the edit's own inverse first (so
/// what the notes name is back), then the deleted notes at their places (first to last), then
/// the anchors as they were.
fn with_follow_up(inverse: Edit, changed: bool, follow: FollowUp) -> Result<Applied> {
    if follow.anchors.is_empty() && follow.deleted.is_empty() {
        return done(inverse, changed);
    }
    let mut parts = vec![inverse];
    parts.extend(
        follow
            .deleted
            .into_iter()
            .map(|(lane, index, note)| Edit::InsertNote { lane, index, note }),
    );
    parts.extend(follow.anchors.into_iter().map(Edit::SetNote));
    done(Edit::Batch(parts), true)
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

fn set_stage_score(
    map: &mut JourneyMap,
    curve: CurveId,
    stage: StageId,
    score: Option<i32>,
    mode: Mode,
) -> Result<Applied> {
    let ci = curve_index(map, curve)?;
    if mode == Mode::Checked {
        stage_index(map, stage)?;
        if let Some(score) = score {
            check_in_scale(&map.scale, score)?;
        }
    }
    let scores = &mut map.curves[ci].stage_scores;
    let old = match score {
        Some(score) => scores.insert(stage, score),
        None => scores.remove(&stage),
    };
    done(
        Edit::SetStageScore {
            curve,
            stage,
            score: old,
        },
        old != score,
    )
}

// ---- Inserting and removing ------------------------------------------------------------------

#[allow(
    clippy::too_many_arguments,
    reason = "one argument per field of the edit"
)]
fn insert_stage(
    map: &mut JourneyMap,
    index: usize,
    stage: Stage,
    notes: Vec<(LaneId, Note)>,
    scores: Vec<(CurveId, TouchpointId, i32)>,
    stage_scores: Vec<(CurveId, i32)>,
    mode: Mode,
) -> Result<Applied> {
    // Find every lane and curve before changing anything, so a missing one changes nothing.
    let notes = notes
        .into_iter()
        .map(|(lane, note)| Ok((lane_index(map, lane)?, note)))
        .collect::<Result<Vec<_>>>()?;
    let scores = scores
        .into_iter()
        .map(|(curve, touchpoint, score)| Ok((curve_index(map, curve)?, touchpoint, score)))
        .collect::<Result<Vec<_>>>()?;
    let stage_scores = stage_scores
        .into_iter()
        .map(|(curve, score)| Ok((curve_index(map, curve)?, score)))
        .collect::<Result<Vec<_>>>()?;
    if mode == Mode::Checked {
        let touchpoint_ids = stage.touchpoints.iter().map(|t| t.id.0);
        let note_ids = notes.iter().map(|(_, n)| n.id.0);
        check_fresh(map, once(stage.id.0).chain(touchpoint_ids).chain(note_ids))?;
        check_unreferenced(map, stage.id.0)?;
        for touchpoint in &stage.touchpoints {
            check_unreferenced(map, touchpoint.id.0)?;
            check_touchpoint_fields(map, touchpoint)?;
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
        for &(_, score) in &stage_scores {
            check_in_scale(&map.scale, score)?;
        }
    }
    let id = stage.id;
    let own: HashSet<u32> = once(id.0)
        .chain(stage.touchpoints.iter().map(|t| t.id.0))
        .collect();
    let index = index.min(map.stages.len());
    map.stages.insert(index, stage);
    if mode == Mode::Checked {
        // The stage brings only notes anchored to it or its own touchpoints.
        for (_, note) in &notes {
            let members = map.anchor_members(note.anchor);
            if members.is_empty() || members.iter().any(|m| !own.contains(m)) {
                map.stages.remove(index);
                return Err(EditError::BadAnchor(note.anchor));
            }
        }
    }
    // Undoing takes the notes out first (they name the stage), then the stage.
    let mut inverse: Vec<Edit> = notes
        .iter()
        .map(|(_, note)| Edit::RemoveNote { note: note.id })
        .collect();
    for (li, note) in notes {
        map.lanes[li].notes.push(note);
    }
    for (ci, touchpoint, score) in scores {
        map.curves[ci].scores.insert(touchpoint, score);
    }
    for (ci, score) in stage_scores {
        map.curves[ci].stage_scores.insert(id, score);
    }
    inverse.push(Edit::RemoveStage { stage: id });
    let inverse = if inverse.len() == 1 {
        inverse.remove(0)
    } else {
        Edit::Batch(inverse)
    };
    done(inverse, true)
}

fn remove_stage(map: &mut JourneyMap, stage: StageId, mode: Mode) -> Result<Applied> {
    let index = stage_index(map, stage)?;
    let gone: HashSet<u32> = once(stage.0)
        .chain(map.stages[index].touchpoints.iter().map(|t| t.id.0))
        .collect();
    let spans = spans_touching(map, &gone, mode);
    let removed = map.stages.remove(index);
    let mut scores = Vec::new();
    let mut stage_scores = Vec::new();
    for curve in &mut map.curves {
        for touchpoint in &removed.touchpoints {
            if let Some(score) = curve.scores.remove(&touchpoint.id) {
                scores.push((curve.id, touchpoint.id, score));
            }
        }
        if let Some(score) = curve.stage_scores.remove(&stage) {
            stage_scores.push((curve.id, score));
        }
    }
    let follow = reanchor(map, spans, &gone, true);
    with_follow_up(
        Edit::InsertStage {
            index,
            stage: removed,
            notes: Vec::new(),
            scores,
            stage_scores,
        },
        true,
        follow,
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
        check_unreferenced(map, touchpoint.id.0)?;
        check_touchpoint_fields(map, &touchpoint)?;
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

fn remove_touchpoint(
    map: &mut JourneyMap,
    touchpoint: TouchpointId,
    mode: Mode,
) -> Result<Applied> {
    let (si, ti) = touchpoint_position(map, touchpoint)?;
    let gone = HashSet::from([touchpoint.0]);
    let spans = spans_touching(map, &gone, mode);
    let stage = map.stages[si].id;
    let removed = map.stages[si].touchpoints.remove(ti);
    let scores = map
        .curves
        .iter_mut()
        .filter_map(|c| c.scores.remove(&touchpoint).map(|score| (c.id, score)))
        .collect();
    let follow = reanchor(map, spans, &gone, true);
    with_follow_up(
        Edit::InsertTouchpoint {
            stage,
            index: ti,
            touchpoint: removed,
            scores,
        },
        true,
        follow,
    )
}

fn insert_lane(map: &mut JourneyMap, index: usize, lane: Lane, mode: Mode) -> Result<Applied> {
    if mode == Mode::Checked {
        let note_ids = lane.notes.iter().map(|n| n.id.0);
        check_fresh(map, once(lane.id.0).chain(note_ids))?;
        for note in &lane.notes {
            check_anchor(map, note.anchor)?;
        }
    }
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
    index: usize,
    note: Note,
    mode: Mode,
) -> Result<Applied> {
    let li = lane_index(map, lane)?;
    if mode == Mode::Checked {
        check_anchor(map, note.anchor)?;
        check_fresh(map, [note.id.0])?;
    }
    let id = note.id;
    let list = &mut map.lanes[li].notes;
    list.insert(index.min(list.len()), note);
    done(Edit::RemoveNote { note: id }, true)
}

fn remove_note(map: &mut JourneyMap, note: NoteId) -> Result<Applied> {
    let (li, index) = note_position(map, note)?;
    let lane = &mut map.lanes[li];
    let removed = lane.notes.remove(index);
    done(
        Edit::InsertNote {
            lane: lane.id,
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
        for (&stage, &score) in &curve.stage_scores {
            stage_index(map, stage)?;
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
    // Likewise touchpoints whose actors it removes lose those actors.
    for stage in &mut map.stages {
        for touchpoint in &mut stage.touchpoints {
            let keep = |actor: &PersonaId| {
                !old.personas.iter().any(|p| p.id == *actor)
                    || map.header.personas.iter().any(|p| p.id == *actor)
            };
            if !touchpoint.actors.iter().all(keep) {
                let before = touchpoint.clone();
                touchpoint.actors.retain(keep);
                restore.push(Edit::SetTouchpoint(before));
            }
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
    listed_stages: Vec<(CurveId, StageId, Option<i32>)>,
    mode: Mode,
) -> Result<Applied> {
    let listed = listed
        .into_iter()
        .map(|(curve, touchpoint, score)| Ok((curve_index(map, curve)?, touchpoint, score)))
        .collect::<Result<Vec<_>>>()?;
    let listed_stages = listed_stages
        .into_iter()
        .map(|(curve, stage, score)| Ok((curve_index(map, curve)?, stage, score)))
        .collect::<Result<Vec<_>>>()?;
    if mode == Mode::Checked {
        check_scale(&scale)?;
        for &(_, touchpoint, score) in &listed {
            touchpoint_position(map, touchpoint)?;
            if let Some(score) = score {
                check_in_scale(&scale, score)?;
            }
        }
        for &(_, stage, score) in &listed_stages {
            stage_index(map, stage)?;
            if let Some(score) = score {
                check_in_scale(&scale, score)?;
            }
        }
    }
    let old_scale = std::mem::replace(&mut map.scale, scale);
    let (scores, changed_scores) = rescore(map, &old_scale, listed, |c| &mut c.scores);
    let (stage_scores, changed_stages) =
        rescore(map, &old_scale, listed_stages, |c| &mut c.stage_scores);
    let changed = old_scale != map.scale || changed_scores || changed_stages;
    done(
        Edit::SetScaleAndScores {
            scale: old_scale,
            scores,
            stage_scores,
        },
        changed,
    )
}

/// Clamps one kind of score (touchpoint or stage scores, picked by `of`) into the map's new
/// scale, then sets the listed ones. Returns what puts them back, and whether any changed.
///
/// The inverse puts back every touched score that ends up different, and also every untouched
/// score the old scale would clamp (only in a map that was out of scale already), so undoing
/// gives back exactly the map the edit started from.
fn rescore<K: Ord + Copy>(
    map: &mut JourneyMap,
    old_scale: &EmotionScale,
    listed: Vec<(usize, K, Option<i32>)>,
    of: impl Fn(&mut EmotionCurve) -> &mut BTreeMap<K, i32>,
) -> (Vec<(CurveId, K, Option<i32>)>, bool) {
    // The value each score had before this edit, for every score the edit touched.
    let mut before: BTreeMap<(usize, K), Option<i32>> = BTreeMap::new();
    let scale = map.scale.clone();
    for (ci, curve) in map.curves.iter_mut().enumerate() {
        for (&key, score) in of(curve).iter_mut() {
            let clamped = scale.clamp(*score);
            if clamped != *score {
                before.insert((ci, key), Some(*score));
                *score = clamped;
            }
        }
    }
    for (ci, key, score) in listed {
        let scores = of(&mut map.curves[ci]);
        let old = match score {
            Some(score) => scores.insert(key, score),
            None => scores.remove(&key),
        };
        before.entry((ci, key)).or_insert(old);
    }
    let mut restore = Vec::new();
    for (&(ci, key), &old) in &before {
        let curve = &mut map.curves[ci];
        let id = curve.id;
        if of(curve).get(&key).copied() != old {
            restore.push((id, key, old));
        }
    }
    for (ci, curve) in map.curves.iter_mut().enumerate() {
        let id = curve.id;
        for (&key, &score) in of(curve).iter() {
            if !old_scale.contains(score) && !before.contains_key(&(ci, key)) {
                restore.push((id, key, Some(score)));
            }
        }
    }
    let changed = !restore.is_empty();
    (restore, changed)
}

// ---- Setting fields --------------------------------------------------------------------------

fn set_stage(
    map: &mut JourneyMap,
    stage: StageId,
    name: String,
    colour: Rgb,
    description: String,
) -> Result<Applied> {
    let index = stage_index(map, stage)?;
    let target = &mut map.stages[index];
    let changed =
        target.name != name || target.colour != colour || target.description != description;
    done(
        Edit::SetStage {
            stage,
            name: std::mem::replace(&mut target.name, name),
            colour: std::mem::replace(&mut target.colour, colour),
            description: std::mem::replace(&mut target.description, description),
        },
        changed,
    )
}

fn set_options(map: &mut JourneyMap, options: MapOptions, mode: Mode) -> Result<Applied> {
    if mode == Mode::Checked && options.wrap == Wrap::AfterStages(0) {
        return Err(EditError::BadOptions("a map wraps after at least 1 stage"));
    }
    let changed = map.options != options;
    let old = std::mem::replace(&mut map.options, options);
    done(Edit::SetOptions(old), changed)
}

fn set_conflicts(
    map: &mut JourneyMap,
    conflicts: Vec<crate::model::Conflict>,
    mode: Mode,
) -> Result<Applied> {
    if mode == Mode::Checked
        && let Some(why) = conflicts.iter().find_map(|c| c.check().err())
    {
        return Err(EditError::BadConflict(why));
    }
    let changed = map.conflicts != conflicts;
    let old = std::mem::replace(&mut map.conflicts, conflicts);
    done(Edit::SetConflicts(old), changed)
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
            let (li, ni) = note_position(map, id)?;
            &mut map.lanes[li].notes[ni].locked
        }
        other => return Err(EditError::NotLockable(other)),
    };
    let old = std::mem::replace(flag, locked);
    done(Edit::SetLocked { item, locked: old }, old != locked)
}

fn set_touchpoint(map: &mut JourneyMap, touchpoint: Touchpoint, mode: Mode) -> Result<Applied> {
    let (si, ti) = touchpoint_position(map, touchpoint.id)?;
    if mode == Mode::Checked {
        check_touchpoint_fields(map, &touchpoint)?;
    }
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

fn set_note(map: &mut JourneyMap, note: Note, mode: Mode) -> Result<Applied> {
    let (li, ni) = note_position(map, note.id)?;
    if mode == Mode::Checked {
        check_anchor(map, note.anchor)?;
    }
    let target = &mut map.lanes[li].notes[ni];
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
