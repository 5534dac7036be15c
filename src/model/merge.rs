//! Three-way merge of two versions of a map made from the same one (`base`): what `theirs`
//! changed is carried into `ours` item by item, by identity. Ids are shared meaning here (both
//! sides come from `base`); ids both sides handed out to new items apart are not, so what
//! `theirs` added gets a fresh id where `ours` already uses its id.
//!
//! A field only one side changed takes that side's value; votes add up (both voted); a field
//! both changed to different values is a conflict: `ours` is kept and the conflict listed. An
//! item `theirs` removed goes, unless `ours` changed it or something of `ours` still refers to
//! it (a conflict, and it stays).

use super::conflict::*;
use super::*;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// What a merge gives: the map (with its conflict marks), and the marks this merge added.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    /// The merged map.
    pub map: JourneyMap,
    /// Fields both sides changed differently, and items one side removed and the other
    /// changed: the marks this merge left in the map.
    pub conflicts: Vec<Conflict>,
}

/// Three-way choice for one value: `None` when both changed it differently.
fn pick<T: PartialEq + Clone>(base: &T, ours: &T, theirs: &T) -> Option<T> {
    if ours == theirs || theirs == base {
        Some(ours.clone())
    } else if ours == base {
        Some(theirs.clone())
    } else {
        None
    }
}

struct Merger {
    conflicts: Vec<Conflict>,
}

impl Merger {
    /// Merges each of `fields` of `theirs` into `into` (ours, in the result), marking a
    /// conflict on `on` where both changed a field differently.
    fn fields<T>(&mut self, on: Subject, fields: &[Field<T>], base: &T, into: &mut T, theirs: &T) {
        for field in fields {
            let (b, o, t) = ((field.get)(base), (field.get)(into), (field.get)(theirs));
            match pick(&b, &o, &t) {
                // A value from `get` of the same field always sets (a test of the tables keeps
                // it so).
                Some(value) if value != o => {
                    let _ = (field.set)(into, value);
                }
                Some(_) => {}
                None => self.conflicts.push(Conflict {
                    on,
                    field: field.name.to_owned(),
                    ours: o,
                    theirs: t,
                }),
            }
        }
    }

    /// Marks an item one side removed and the other changed (or still uses); it stays.
    fn removal(&mut self, on: Subject, removed_by_us: bool) {
        let (ours, theirs) = if removed_by_us {
            (Value::Removed, Value::Changed)
        } else {
            (Value::Changed, Value::Removed)
        };
        self.conflicts.push(Conflict {
            on,
            field: REMOVED.to_owned(),
            ours,
            theirs,
        });
    }
}

type Scores = Vec<(TouchpointId, i32)>;
type StageScores = Vec<(StageId, i32)>;

/// Where a touchpoint is: (stage id, its index in the stage).
fn places(map: &JourneyMap) -> HashMap<TouchpointId, (StageId, usize)> {
    map.stages
        .iter()
        .flat_map(|s| {
            s.touchpoints
                .iter()
                .enumerate()
                .map(move |(i, t)| (t.id, (s.id, i)))
        })
        .collect()
}

fn cards(map: &JourneyMap) -> HashMap<TouchpointId, &Touchpoint> {
    map.touchpoints().map(|t| (t.id, t)).collect()
}

/// Where each of their items is in the result: its own id, or the fresh one it was given
/// because ours already used its id. What of theirs names an item (a card's actors, a note's
/// anchor, a curve's persona, a mark) goes through these maps, so it names the same item.
#[derive(Default)]
struct Renumbering {
    persona: HashMap<PersonaId, PersonaId>,
    stage: HashMap<StageId, StageId>,
    card: HashMap<TouchpointId, TouchpointId>,
    lane: HashMap<LaneId, LaneId>,
    note: HashMap<NoteId, NoteId>,
    curve: HashMap<CurveId, CurveId>,
}

/// `id` as `map` renumbers it (unchanged when it has no entry).
fn renumbered<K: std::hash::Hash + Eq + Copy>(map: &HashMap<K, K>, id: K) -> K {
    map.get(&id).copied().unwrap_or(id)
}

impl Renumbering {
    fn persona(&self, id: PersonaId) -> PersonaId {
        renumbered(&self.persona, id)
    }

    fn stage(&self, id: StageId) -> StageId {
        renumbered(&self.stage, id)
    }

    fn card(&self, id: TouchpointId) -> TouchpointId {
        renumbered(&self.card, id)
    }

    fn anchor(&self, anchor: Anchor) -> Anchor {
        match anchor {
            Anchor::Stage(a) => Anchor::Stage(self.stage(a)),
            Anchor::Stages(a, b) => Anchor::Stages(self.stage(a), self.stage(b)),
            Anchor::Touchpoint(a) => Anchor::Touchpoint(self.card(a)),
            Anchor::Touchpoints(a, b) => Anchor::Touchpoints(self.card(a), self.card(b)),
            Anchor::Journey => Anchor::Journey,
        }
    }

    fn actors(&self, actors: &[PersonaId]) -> Vec<PersonaId> {
        actors.iter().map(|a| self.persona(*a)).collect()
    }

    /// Their card as it reads in the result (its actors renumbered).
    fn their_card<'a>(&self, card: &'a Touchpoint) -> Cow<'a, Touchpoint> {
        let actors = self.actors(&card.actors);
        if actors == card.actors {
            Cow::Borrowed(card)
        } else {
            Cow::Owned(Touchpoint {
                actors,
                ..card.clone()
            })
        }
    }

    fn subject(&self, on: Subject) -> Subject {
        let curve = |c: CurveId| renumbered(&self.curve, c);
        match on {
            Subject::Map | Subject::Header => on,
            Subject::Persona(p) => Subject::Persona(self.persona(p)),
            Subject::Stage(s) => Subject::Stage(self.stage(s)),
            Subject::Touchpoint(t) => Subject::Touchpoint(self.card(t)),
            Subject::Lane(l) => Subject::Lane(renumbered(&self.lane, l)),
            Subject::Note(n) => Subject::Note(renumbered(&self.note, n)),
            Subject::Curve(c) => Subject::Curve(curve(c)),
            Subject::Score(c, t) => Subject::Score(curve(c), self.card(t)),
            Subject::StageScore(c, s) => Subject::StageScore(curve(c), self.stage(s)),
        }
    }

    fn value(&self, value: &Value) -> Value {
        match value {
            Value::Actors(actors) => Value::Actors(self.actors(actors)),
            Value::Anchor(anchor) => Value::Anchor(self.anchor(*anchor)),
            Value::Persona(persona) => Value::Persona(persona.map(|p| self.persona(p))),
            other => other.clone(),
        }
    }

    /// A mark of theirs as it reads in the result: on the same item, naming the same items.
    fn mark(&self, mark: &Conflict) -> Conflict {
        Conflict {
            on: self.subject(mark.on),
            field: mark.field.clone(),
            ours: self.value(&mark.ours),
            theirs: self.value(&mark.theirs),
        }
    }
}

/// Merges `theirs` into `ours`, both made from `base`.
pub fn merge(base: &JourneyMap, ours: &JourneyMap, theirs: &JourneyMap) -> Merged {
    let mut out = ours.clone();
    let mut m = Merger {
        conflicts: Vec::new(),
    };
    let mut ids = IdAllocator::after(ours.max_id().max(theirs.max_id()).max(base.max_id()));
    let mut used: HashSet<u32> = out.all_ids().collect();
    // Their id for an item they added, in the result.
    let mut fresh = |id: u32, used: &mut HashSet<u32>| -> u32 {
        if used.insert(id) {
            id
        } else {
            let id = ids.next_raw();
            used.insert(id);
            id
        }
    };
    let base_ids: HashSet<u32> = base.all_ids().collect();

    // The header's texts, the scale and the options.
    m.fields(
        Subject::Header,
        HEADER,
        &base.header,
        &mut out.header,
        &theirs.header,
    );
    m.fields(Subject::Map, MAP, base, &mut out, theirs);

    let mut to = Renumbering::default();

    // Personas.
    for persona in &theirs.header.personas {
        let Some(was) = base.header.personas.iter().find(|p| p.id == persona.id) else {
            let id = PersonaId(fresh(persona.id.0, &mut used));
            to.persona.insert(persona.id, id);
            out.header.personas.push(Persona {
                id,
                ..persona.clone()
            });
            continue;
        };
        to.persona.insert(persona.id, persona.id);
        if let Some(mine) = out.header.personas.iter_mut().find(|p| p.id == persona.id) {
            m.fields(Subject::Persona(persona.id), PERSONA, was, mine, persona);
        }
    }

    // Stages: their new ones (after the stage before them), their changes to common ones.
    for (index, stage) in theirs.stages.iter().enumerate() {
        if base.stage(stage.id).is_some() {
            to.stage.insert(stage.id, stage.id);
            continue;
        }
        let id = StageId(fresh(stage.id.0, &mut used));
        to.stage.insert(stage.id, id);
        let after = theirs.stages[..index]
            .iter()
            .rev()
            .find_map(|s| to.stage.get(&s.id).and_then(|id| out.stage_index(*id)));
        let mut copy = Stage {
            id,
            ..stage.clone()
        };
        copy.touchpoints.clear();
        out.stages.insert(after.map_or(0, |i| i + 1), copy);
    }
    for stage in &theirs.stages {
        let Some(was) = base.stage(stage.id) else {
            continue;
        };
        let Some(mine) = out.stages.iter_mut().find(|s| s.id == stage.id) else {
            continue;
        };
        m.fields(Subject::Stage(stage.id), STAGE, was, mine, stage);
    }
    // Their order of the stages both have, when ours kept base's.
    let order = |map: &JourneyMap| -> Vec<StageId> {
        map.stages
            .iter()
            .map(|s| s.id)
            .filter(|id| {
                base.stage(*id).is_some()
                    && ours.stage(*id).is_some()
                    && theirs.stage(*id).is_some()
            })
            .collect()
    };
    let (base_order, our_order, their_order) = (order(base), order(ours), order(theirs));
    if our_order == base_order && their_order != base_order {
        let mut slots: Vec<usize> = out
            .stages
            .iter()
            .enumerate()
            .filter(|(_, s)| their_order.contains(&s.id))
            .map(|(i, _)| i)
            .collect();
        slots.sort_unstable();
        let taken: Vec<Stage> = their_order
            .iter()
            .filter_map(|id| out.stages.iter().find(|s| s.id == *id).cloned())
            .collect();
        for (slot, stage) in slots.into_iter().zip(taken) {
            out.stages[slot] = stage;
        }
    }

    // Touchpoints.
    let (base_cards, our_cards) = (cards(base), cards(ours));
    let (base_places, our_places) = (places(base), places(ours));
    let their_cards: Vec<(StageId, usize, &Touchpoint)> = theirs
        .stages
        .iter()
        .flat_map(|s| {
            s.touchpoints
                .iter()
                .enumerate()
                .map(move |(i, t)| (s.id, i, t))
        })
        .collect();
    // A card that comes back names only the personas the result has (we may have removed some
    // it names), and gets back its scores from base (we removed them with it).
    let personas: HashSet<PersonaId> = out.header.personas.iter().map(|p| p.id).collect();
    let mut returned: Vec<(TouchpointId, TouchpointId)> = Vec::new();
    for &(stage, index, card) in &their_cards {
        let was = base_cards.get(&card.id);
        // Removed by us: it stays removed, unless they changed it (then it comes back marked).
        let removed_by_us = was.is_some() && !our_cards.contains_key(&card.id);
        if removed_by_us && was == Some(&card) {
            to.card.insert(card.id, card.id);
            continue;
        }
        let Some(was) = was.filter(|_| !removed_by_us) else {
            // Added by them (or changed by them and removed by us): into its stage, after the
            // card before it.
            let id = TouchpointId(fresh(card.id.0, &mut used));
            to.card.insert(card.id, id);
            let Some(target) = to.stage.get(&stage).and_then(|s| out.stage_index(*s)) else {
                continue;
            };
            let before = theirs
                .stage(stage)
                .and_then(|s| {
                    s.touchpoints[..index]
                        .iter()
                        .rev()
                        .find_map(|t| to.card.get(&t.id))
                })
                .copied();
            let list = &mut out.stages[target].touchpoints;
            let at = before
                .and_then(|b| list.iter().position(|t| t.id == b))
                .map_or(0, |i| i + 1);
            let mut copy = Touchpoint { id, ..card.clone() };
            copy.actors = card
                .actors
                .iter()
                .filter_map(|a| to.persona.get(a).copied())
                .filter(|a| personas.contains(a))
                .collect();
            list.insert(at.min(list.len()), copy);
            if removed_by_us {
                m.removal(Subject::Touchpoint(id), true);
                returned.push((card.id, id));
            }
            continue;
        };
        to.card.insert(card.id, card.id);
        // Moved by them to another stage (and not by us): move it.
        let (base_stage, _) = base_places[&card.id];
        let target = to.stage.get(&stage).and_then(|s| out.stage_index(*s));
        if stage != base_stage
            && our_places.get(&card.id).map(|p| p.0) == Some(base_stage)
            && let (Some(from), Some(target)) = (out.stage_index(base_stage), target)
            && let Some(at) = out.stages[from]
                .touchpoints
                .iter()
                .position(|t| t.id == card.id)
        {
            let moving = out.stages[from].touchpoints.remove(at);
            let list = &mut out.stages[target].touchpoints;
            list.insert(index.min(list.len()), moving);
        }
        let Some(mine) = out
            .stages
            .iter_mut()
            .flat_map(|s| s.touchpoints.iter_mut())
            .find(|t| t.id == card.id)
        else {
            continue;
        };
        let theirs_now = to.their_card(card);
        m.fields(
            Subject::Touchpoint(card.id),
            TOUCHPOINT,
            was,
            mine,
            &theirs_now,
        );
        // Votes add up: both sides' votes count.
        mine.votes = (mine.votes + card.votes).saturating_sub(was.votes);
    }
    // Base's scores of a card that came back are ours again: their changes to them merge below.
    for curve in &mut out.curves {
        let Some(was) = base.curves.iter().find(|c| c.id == curve.id) else {
            continue;
        };
        for &(card, id) in &returned {
            if let Some(score) = was.scores.get(&card) {
                curve.scores.entry(id).or_insert(*score);
            }
        }
    }

    // Lanes and notes.
    for (index, lane) in theirs.lanes.iter().enumerate() {
        let Some(was) = base.lanes.iter().find(|l| l.id == lane.id) else {
            let id = LaneId(fresh(lane.id.0, &mut used));
            to.lane.insert(lane.id, id);
            let mut copy = Lane { id, ..lane.clone() };
            copy.notes.clear();
            let after = theirs.lanes[..index].iter().rev().find_map(|l| {
                to.lane
                    .get(&l.id)
                    .and_then(|id| out.lanes.iter().position(|o| o.id == *id))
            });
            out.lanes.insert(after.map_or(0, |i| i + 1), copy);
            continue;
        };
        to.lane.insert(lane.id, lane.id);
        if let Some(mine) = out.lanes.iter_mut().find(|l| l.id == lane.id) {
            m.fields(Subject::Lane(lane.id), LANE, was, mine, lane);
        }
    }
    let base_notes: HashMap<NoteId, &Note> = base
        .lanes
        .iter()
        .flat_map(|l| &l.notes)
        .map(|n| (n.id, n))
        .collect();
    for lane in &theirs.lanes {
        for note in &lane.notes {
            let Some(was) = base_notes.get(&note.id) else {
                let id = NoteId(fresh(note.id.0, &mut used));
                to.note.insert(note.id, id);
                let anchor = to.anchor(note.anchor);
                if let Some(target) = to
                    .lane
                    .get(&lane.id)
                    .and_then(|l| out.lanes.iter_mut().find(|o| o.id == *l))
                {
                    target.notes.push(Note {
                        id,
                        anchor,
                        ..note.clone()
                    });
                }
                continue;
            };
            let Some(mine) = out
                .lanes
                .iter_mut()
                .flat_map(|l| l.notes.iter_mut())
                .find(|n| n.id == note.id)
            else {
                continue;
            };
            to.note.insert(note.id, note.id);
            let anchor = to.anchor(note.anchor);
            let theirs_now = if anchor == note.anchor {
                Cow::Borrowed(note)
            } else {
                Cow::Owned(Note {
                    anchor,
                    ..note.clone()
                })
            };
            m.fields(Subject::Note(note.id), NOTE, was, mine, &theirs_now);
            mine.votes = (mine.votes + note.votes).saturating_sub(was.votes);
        }
    }

    // Curves and scores.
    for curve in &theirs.curves {
        let scores = |c: &EmotionCurve| -> (Scores, StageScores) {
            (
                c.scores.iter().map(|(t, s)| (to.card(*t), *s)).collect(),
                c.stage_scores
                    .iter()
                    .map(|(t, s)| (to.stage(*t), *s))
                    .collect(),
            )
        };
        let Some(was) = base.curves.iter().find(|c| c.id == curve.id) else {
            let id = CurveId(fresh(curve.id.0, &mut used));
            let (cards, stages) = scores(curve);
            to.curve.insert(curve.id, id);
            let mut copy = EmotionCurve {
                id,
                ..curve.clone()
            };
            copy.persona = curve.persona.and_then(|p| to.persona.get(&p).copied());
            copy.scores = cards.into_iter().collect();
            copy.stage_scores = stages.into_iter().collect();
            out.curves.push(copy);
            continue;
        };
        let Some(mine) = out.curves.iter_mut().find(|c| c.id == curve.id) else {
            continue;
        };
        to.curve.insert(curve.id, curve.id);
        let persona = curve.persona.map(|p| to.persona(p));
        let theirs_now = if persona == curve.persona {
            Cow::Borrowed(curve)
        } else {
            Cow::Owned(EmotionCurve {
                persona,
                ..curve.clone()
            })
        };
        m.fields(Subject::Curve(curve.id), CURVE, was, mine, &theirs_now);
        let keys: HashSet<TouchpointId> = was
            .scores
            .keys()
            .chain(curve.scores.keys())
            .copied()
            .collect();
        let mut keys: Vec<TouchpointId> = keys.into_iter().collect();
        keys.sort_unstable();
        for key in keys {
            let target = to.card(key);
            let (b, t) = (
                was.scores.get(&key).copied(),
                curve.scores.get(&key).copied(),
            );
            let mut o = mine.scores.get(&target).copied();
            m.fields(Subject::Score(curve.id, target), SCORE, &b, &mut o, &t);
            match o {
                Some(score) => mine.scores.insert(target, score),
                None => mine.scores.remove(&target),
            };
        }
        let keys: HashSet<StageId> = was
            .stage_scores
            .keys()
            .chain(curve.stage_scores.keys())
            .copied()
            .collect();
        let mut keys: Vec<StageId> = keys.into_iter().collect();
        keys.sort_unstable();
        for key in keys {
            let (b, t) = (
                was.stage_scores.get(&key).copied(),
                curve.stage_scores.get(&key).copied(),
            );
            let target = to.stage(key);
            let mut o = mine.stage_scores.get(&target).copied();
            m.fields(Subject::StageScore(curve.id, target), SCORE, &b, &mut o, &t);
            match o {
                Some(score) => mine.stage_scores.insert(target, score),
                None => mine.stage_scores.remove(&target),
            };
        }
    }

    // What they removed goes, unless we changed it or still refer to it.
    remove_theirs(base, ours, theirs, &base_ids, &mut out, &mut m);

    // Marks from before: one either side resolved (it was in base and is gone there) goes;
    // one either side added stays (theirs on the items they were on, renumbered); then this
    // merge's own.
    let kept = |mark: &Conflict, other: &JourneyMap| {
        !base.conflicts.contains(mark) || other.conflicts.contains(mark)
    };
    out.conflicts.retain(|mark| kept(mark, theirs));
    for mark in &theirs.conflicts {
        let mark = to.mark(mark);
        if kept(&mark, ours) && !out.conflicts.contains(&mark) {
            out.conflicts.push(mark);
        }
    }
    for mark in &m.conflicts {
        if !out.conflicts.contains(mark) {
            out.conflicts.push(mark.clone());
        }
    }
    Merged {
        map: out,
        conflicts: m.conflicts,
    }
}

/// Removes from `out` what `theirs` removed from `base`, keeping (with a conflict) what `ours`
/// changed or what something in `out` still refers to.
fn remove_theirs(
    base: &JourneyMap,
    ours: &JourneyMap,
    theirs: &JourneyMap,
    base_ids: &HashSet<u32>,
    out: &mut JourneyMap,
    m: &mut Merger,
) {
    let their_ids: HashSet<u32> = theirs.all_ids().collect();
    let gone: HashSet<u32> = base_ids.difference(&their_ids).copied().collect();
    if gone.is_empty() {
        return;
    }
    // Notes first (they refer to cards and stages).
    let base_notes: HashMap<NoteId, &Note> = base
        .lanes
        .iter()
        .flat_map(|l| &l.notes)
        .map(|n| (n.id, n))
        .collect();
    let our_notes: HashMap<NoteId, &Note> = ours
        .lanes
        .iter()
        .flat_map(|l| &l.notes)
        .map(|n| (n.id, n))
        .collect();
    for lane in &mut out.lanes {
        lane.notes.retain(|n| {
            if !gone.contains(&n.id.0) {
                return true;
            }
            let changed = our_notes
                .get(&n.id)
                .zip(base_notes.get(&n.id))
                .is_some_and(|(o, b)| o != b);
            if changed {
                m.removal(Subject::Note(n.id), false);
            }
            changed
        });
    }
    let referred: HashSet<u32> = out
        .lanes
        .iter()
        .flat_map(|l| &l.notes)
        .flat_map(|n| out.anchor_members(n.anchor))
        .collect();
    let base_cards = cards(base);
    let our_cards = cards(ours);
    for stage in &mut out.stages {
        stage.touchpoints.retain(|t| {
            if !gone.contains(&t.id.0) {
                return true;
            }
            let changed = our_cards
                .get(&t.id)
                .zip(base_cards.get(&t.id))
                .is_some_and(|(o, b)| o != b);
            let used = referred.contains(&t.id.0);
            if changed || used {
                m.removal(Subject::Touchpoint(t.id), false);
            }
            changed || used
        });
    }
    out.stages.retain(|s| {
        if !gone.contains(&s.id.0) {
            return true;
        }
        let stays = !s.touchpoints.is_empty() || referred.contains(&s.id.0);
        if stays {
            m.removal(Subject::Stage(s.id), false);
        }
        stays
    });
    out.lanes.retain(|l| {
        if !gone.contains(&l.id.0) {
            return true;
        }
        if !l.notes.is_empty() && l.notes.iter().any(|n| !gone.contains(&n.id.0)) {
            m.removal(Subject::Lane(l.id), false);
            return true;
        }
        false
    });
    let cards_left: HashSet<TouchpointId> = out.touchpoints().map(|t| t.id).collect();
    let stages_left: HashSet<StageId> = out.stages.iter().map(|s| s.id).collect();
    out.curves.retain(|c| !gone.contains(&c.id.0));
    for curve in &mut out.curves {
        curve.scores.retain(|t, _| cards_left.contains(t));
        curve.stage_scores.retain(|s, _| stages_left.contains(s));
    }
    let personas_used: HashSet<PersonaId> = out
        .touchpoints()
        .flat_map(|t| t.actors.iter().copied())
        .chain(out.curves.iter().filter_map(|c| c.persona))
        .collect();
    out.header
        .personas
        .retain(|p| !gone.contains(&p.id.0) || personas_used.contains(&p.id));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> JourneyMap {
        JourneyMap::plain(12)
    }

    #[test]
    fn disjoint_changes_give_both() {
        let base = base();
        let mut ours = base.clone();
        ours.stages[0].touchpoints[0].title = "Ours".to_owned();
        ours.stages[1].touchpoints[0].votes += 2;
        let mut theirs = base.clone();
        theirs.stages[0].touchpoints[1].title = "Theirs".to_owned();
        theirs.stages[1].touchpoints[0].votes += 3;
        let gone = theirs.stages[1].touchpoints.remove(1).id;
        let merged = merge(&base, &ours, &theirs);
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        let map = &merged.map;
        assert_eq!(map.stages[0].touchpoints[0].title, "Ours");
        assert_eq!(map.stages[0].touchpoints[1].title, "Theirs");
        assert_eq!(
            map.stages[1].touchpoints[0].votes,
            base.stages[1].touchpoints[0].votes + 5,
            "both voted"
        );
        assert!(map.touchpoints().all(|t| t.id != gone), "their removal");
        assert!(map.validate().is_empty(), "{:?}", map.validate());
    }

    #[test]
    fn the_same_card_renamed_two_ways_is_a_conflict_that_keeps_ours() {
        let base = base();
        let mut ours = base.clone();
        ours.stages[0].touchpoints[0].title = "Ours".to_owned();
        let mut theirs = base.clone();
        theirs.stages[0].touchpoints[0].title = "Theirs".to_owned();
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.conflicts.len(), 1, "{:?}", merged.conflicts);
        let mark = &merged.conflicts[0];
        assert_eq!(mark.field, "title");
        assert_eq!(
            mark.on,
            Subject::Touchpoint(base.stages[0].touchpoints[0].id)
        );
        assert_eq!(
            (&mark.ours, &mark.theirs),
            (&Value::Text("Ours".into()), &Value::Text("Theirs".into()))
        );
        assert_eq!(merged.map.stages[0].touchpoints[0].title, "Ours");
        assert_eq!(
            merged.map.conflicts, merged.conflicts,
            "the map keeps the mark"
        );
        assert!(merged.map.validate().is_empty());
    }

    #[test]
    fn marks_either_side_resolved_go_and_marks_either_side_added_stay() {
        let mut base = base();
        let card = base.stages[0].touchpoints[0].id;
        let mark = |field: &str| Conflict {
            on: Subject::Touchpoint(card),
            field: field.to_owned(),
            ours: Value::Text("A".to_owned()),
            theirs: Value::Text("B".to_owned()),
        };
        base.conflicts = vec![mark("title"), mark("notes")];
        let mut ours = base.clone();
        ours.conflicts.retain(|m| m.field != "title"); // we resolved the title
        let mut theirs = base.clone();
        theirs.conflicts.push(mark("description")); // their own merge left another
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(
            merged.map.conflicts,
            vec![mark("notes"), mark("description")]
        );
    }

    #[test]
    fn a_card_we_removed_and_they_changed_comes_back_marked() {
        let base = base();
        let mut ours = base.clone();
        let gone = ours.stages[0].touchpoints.remove(0);
        for curve in &mut ours.curves {
            curve.scores.remove(&gone.id);
        }
        let mut theirs = base.clone();
        theirs.stages[0].touchpoints[0].title = "Still needed".to_owned();
        let merged = merge(&base, &ours, &theirs);
        let back = merged.map.stages[0].touchpoints.first().expect("a card");
        assert_eq!(back.title, "Still needed");
        assert_eq!(
            merged.conflicts,
            vec![Conflict {
                on: Subject::Touchpoint(back.id),
                field: REMOVED.to_owned(),
                ours: Value::Removed,
                theirs: Value::Changed,
            }]
        );
        assert!(
            merged.map.validate().is_empty(),
            "{:?}",
            merged.map.validate()
        );
    }

    #[test]
    fn a_card_we_removed_and_they_changed_comes_back_with_our_personas_and_its_scores() {
        let mut base = base();
        let mut ids = base.id_allocator();
        let (gone, kept) = (ids.persona(), ids.persona());
        for (id, name) in [(gone, "Gone"), (kept, "Kept")] {
            base.header.personas.push(Persona {
                id,
                name: name.to_owned(),
                description: String::new(),
                goals: Vec::new(),
            });
        }
        base.stages[0].touchpoints[0].actors = vec![gone, kept];
        let card = base.stages[0].touchpoints[0].id;
        let mut second = EmotionCurve::new(ids.curve(), "To-be", PALETTE[2]);
        second.scores.insert(card, 2);
        base.curves.push(second);
        assert!(base.validate().is_empty(), "{:?}", base.validate());
        // We removed the card (and its scores) and a persona it had as an actor.
        let mut ours = base.clone();
        ours.stages[0].touchpoints.remove(0);
        for curve in &mut ours.curves {
            curve.scores.remove(&card);
        }
        ours.header.personas.retain(|p| p.id != gone);
        let mut theirs = base.clone();
        theirs.stages[0].touchpoints[0].title = "Still needed".to_owned();
        let merged = merge(&base, &ours, &theirs);
        let map = &merged.map;
        assert!(map.validate().is_empty(), "{:?}", map.validate());
        let back = map.stages[0].touchpoints.first().expect("a card");
        assert_eq!(back.title, "Still needed");
        assert_eq!(back.actors, vec![kept], "only the personas the map has");
        let scores: Vec<Option<i32>> = map
            .curves
            .iter()
            .map(|c| c.scores.get(&back.id).copied())
            .collect();
        assert_eq!(scores, [Some(1), Some(2)], "its scores from base");
    }

    #[test]
    fn courted_qualities_merge_one_by_one() {
        let base = base();
        let card = base.stages[0].touchpoints[0].id;
        let with = |map: &JourneyMap, checks: &[(Quality, Check)]| {
            let mut map = map.clone();
            for (quality, check) in checks {
                map.stages[0].touchpoints[0].courted.set(*quality, *check);
            }
            map
        };
        // Each assessed a different quality: both assessments stay.
        let ours = with(&base, &[(Quality::Clean, Check::Pass)]);
        let theirs = with(&base, &[(Quality::Respect, Check::Fail)]);
        let merged = merge(&base, &ours, &theirs);
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        let courted = &merged.map.stages[0].touchpoints[0].courted;
        assert_eq!(
            (courted.get(Quality::Clean), courted.get(Quality::Respect)),
            (Check::Pass, Check::Fail)
        );
        // The same quality two ways: a mark on that quality alone.
        let theirs = with(
            &base,
            &[(Quality::Clean, Check::Fail), (Quality::Easy, Check::Pass)],
        );
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.conflicts.len(), 1, "{:?}", merged.conflicts);
        let mark = &merged.conflicts[0];
        assert_eq!(
            (mark.on, mark.field.as_str()),
            (Subject::Touchpoint(card), "courted.clean")
        );
        assert_eq!(mark.check(), Ok(()));
        let courted = &merged.map.stages[0].touchpoints[0].courted;
        assert_eq!(
            (courted.get(Quality::Clean), courted.get(Quality::Easy)),
            (Check::Pass, Check::Pass),
            "ours kept where both changed, theirs taken where only they did"
        );
        let mut resolved = merged.map.clone();
        set(&mut resolved, mark.on, &mark.field, mark.theirs.clone()).expect("resolves");
        let courted = &resolved.stages[0].touchpoints[0].courted;
        assert_eq!(
            (courted.get(Quality::Clean), courted.get(Quality::Easy)),
            (Check::Fail, Check::Pass),
            "taking theirs changes that quality alone"
        );
    }

    #[test]
    fn cards_both_added_under_the_same_id_are_all_kept_with_unique_ids() {
        let base = base();
        let next = base.id_allocator().touchpoint();
        let mut ours = base.clone();
        ours.stages[0]
            .touchpoints
            .push(Touchpoint::new(next, "Ours new"));
        ours.curves[0].scores.insert(next, 1);
        let mut theirs = base.clone();
        theirs.stages[0]
            .touchpoints
            .push(Touchpoint::new(next, "Theirs new"));
        theirs.curves[0].scores.insert(next, -1);
        let merged = merge(&base, &ours, &theirs);
        let map = &merged.map;
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        let ids: Vec<TouchpointId> = map.stages[0].touchpoints.iter().map(|t| t.id).collect();
        let titles: Vec<&str> = map.stages[0]
            .touchpoints
            .iter()
            .map(|t| t.title.as_str())
            .collect();
        assert!(
            titles.contains(&"Ours new") && titles.contains(&"Theirs new"),
            "{titles:?}"
        );
        let unique: HashSet<_> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len());
        let theirs_id = map
            .touchpoints()
            .find(|t| t.title == "Theirs new")
            .map(|t| t.id)
            .expect("theirs");
        assert_eq!(
            map.curves[0].scores.get(&theirs_id),
            Some(&-1),
            "their score went with it"
        );
        assert_eq!(map.curves[0].scores.get(&next), Some(&1));
        assert!(map.validate().is_empty(), "{:?}", map.validate());
    }

    #[test]
    fn a_card_they_moved_and_we_renamed_is_moved_and_renamed() {
        let base = base();
        let mut ours = base.clone();
        ours.stages[0].touchpoints[0].title = "Renamed".to_owned();
        let mut theirs = base.clone();
        let moving = theirs.stages[0].touchpoints.remove(0);
        theirs.stages[1].touchpoints.push(moving);
        let merged = merge(&base, &ours, &theirs);
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        let last = merged.map.stages[1].touchpoints.last().expect("a card");
        assert_eq!(last.title, "Renamed");
        assert!(merged.map.validate().is_empty());
    }

    /// Both sides add one item of every kind under the same ids: ours keeps them, theirs'
    /// are renumbered. Returns base, ours, theirs and the shared ids.
    #[allow(clippy::type_complexity)]
    fn both_added() -> (
        JourneyMap,
        JourneyMap,
        JourneyMap,
        (PersonaId, StageId, TouchpointId, LaneId, NoteId, CurveId),
    ) {
        let base = JourneyMap::plain(12);
        let mut ids = base.id_allocator();
        let shared = (
            ids.persona(),
            ids.stage(),
            ids.touchpoint(),
            ids.lane(),
            ids.note(),
            ids.curve(),
        );
        let (p, s, t, l, n, c) = shared;
        let side = |who: &str| {
            let mut map = base.clone();
            map.header.personas.push(Persona {
                id: p,
                name: format!("{who} persona"),
                description: String::new(),
                goals: Vec::new(),
            });
            let mut stage = Stage::new(s, format!("{who} stage"), PALETTE[1]);
            stage.touchpoints.push(Touchpoint {
                actors: vec![p],
                ..Touchpoint::new(t, format!("{who} card"))
            });
            map.stages.push(stage);
            let mut lane = Lane::new(l, format!("{who} lane"), LaneKind::Thoughts);
            lane.notes
                .push(Note::new(n, format!("{who} note"), Anchor::Touchpoint(t)));
            map.lanes.push(lane);
            let mut curve = EmotionCurve::new(c, format!("{who} curve"), PALETTE[2]);
            curve.persona = Some(p);
            curve.scores.insert(t, 1);
            curve.stage_scores.insert(s, 2);
            map.curves.push(curve);
            map
        };
        (base.clone(), side("Ours"), side("Their"), shared)
    }

    /// The name of what `on` is about in `map`, as `describe` gives it.
    fn about(map: &JourneyMap, on: Subject) -> String {
        on.describe(map)
    }

    #[test]
    fn marks_carried_from_theirs_follow_the_renumbering() {
        let (base, ours, mut theirs, (p, s, t, l, n, c)) = both_added();
        let mark = |on, field: &str, ours: Value, theirs: Value| Conflict {
            on,
            field: field.to_owned(),
            ours,
            theirs,
        };
        let text = |x: &str| Value::Text(x.to_owned());
        theirs.conflicts = vec![
            mark(Subject::Persona(p), "name", text("A"), text("B")),
            mark(Subject::Stage(s), "name", text("A"), text("B")),
            mark(
                Subject::Touchpoint(t),
                "actors",
                Value::Actors(vec![p]),
                Value::Actors(Vec::new()),
            ),
            mark(Subject::Lane(l), "name", text("A"), text("B")),
            mark(
                Subject::Note(n),
                "anchor",
                Value::Anchor(Anchor::Touchpoint(t)),
                Value::Anchor(Anchor::Stage(s)),
            ),
            mark(
                Subject::Curve(c),
                "persona",
                Value::Persona(Some(p)),
                Value::Persona(None),
            ),
            mark(
                Subject::Score(c, t),
                "score",
                Value::Score(Some(1)),
                Value::Score(None),
            ),
            mark(
                Subject::StageScore(c, s),
                "score",
                Value::Score(Some(2)),
                Value::Score(None),
            ),
        ];
        let merged = merge(&base, &ours, &theirs);
        let map = &merged.map;
        assert!(map.validate().is_empty(), "{:?}", map.validate());
        assert_eq!(map.conflicts.len(), 8, "{:#?}", map.conflicts);
        let persona = |name: &str| {
            map.header
                .personas
                .iter()
                .find(|x| x.name == name)
                .map(|x| x.id)
                .expect("persona")
        };
        let their_persona = persona("Their persona");
        let their_card = map
            .touchpoints()
            .find(|x| x.title == "Their card")
            .map(|x| x.id)
            .expect("card");
        let their_stage = map
            .stages
            .iter()
            .find(|x| x.name == "Their stage")
            .map(|x| x.id)
            .expect("stage");
        for mark in &map.conflicts {
            let said = about(map, mark.on);
            assert!(
                said.contains("Their") && !said.contains("Ours"),
                "{:?} is about {said}",
                mark.on
            );
        }
        assert_eq!(map.conflicts[2].ours, Value::Actors(vec![their_persona]));
        assert_eq!(
            map.conflicts[4].ours,
            Value::Anchor(Anchor::Touchpoint(their_card))
        );
        assert_eq!(
            map.conflicts[4].theirs,
            Value::Anchor(Anchor::Stage(their_stage))
        );
        assert_eq!(map.conflicts[5].ours, Value::Persona(Some(their_persona)));
    }

    #[test]
    fn what_they_point_at_an_item_they_added_follows_its_new_id() {
        let (base, ours, mut theirs, (p, s, t, ..)) = both_added();
        // On items of base: their card takes their new persona as an actor, their note moves
        // under their new card, their curve is their new persona's and scores their new stage.
        let card = base.stages[0].touchpoints[0].id;
        for x in theirs
            .stages
            .iter_mut()
            .flat_map(|s| s.touchpoints.iter_mut())
        {
            if x.id == card {
                x.actors = vec![p];
            }
        }
        let note = ours.id_allocator().note();
        let mut base = base;
        base.lanes[0]
            .notes
            .push(Note::new(note, "Shared note", Anchor::Journey));
        let mut ours = ours;
        ours.lanes[0]
            .notes
            .push(Note::new(note, "Shared note", Anchor::Journey));
        theirs.lanes[0]
            .notes
            .push(Note::new(note, "Shared note", Anchor::Touchpoint(t)));
        theirs.curves[0].persona = Some(p);
        theirs.curves[0].stage_scores.insert(s, -1);
        let merged = merge(&base, &ours, &theirs);
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        let map = &merged.map;
        assert!(map.validate().is_empty(), "{:?}", map.validate());
        let their_persona = map
            .header
            .personas
            .iter()
            .find(|x| x.name == "Their persona")
            .map(|x| x.id);
        let their_card = map
            .touchpoints()
            .find(|x| x.title == "Their card")
            .map(|x| x.id);
        let their_stage = map
            .stages
            .iter()
            .find(|x| x.name == "Their stage")
            .map(|x| x.id)
            .expect("stage");
        assert_eq!(
            map.touchpoint(card).map(|x| x.actors.clone()),
            their_persona.map(|p| vec![p])
        );
        assert_eq!(
            map.note(note).map(|x| x.note.anchor),
            their_card.map(Anchor::Touchpoint)
        );
        assert_eq!(map.curves[0].persona, their_persona);
        assert_eq!(map.curves[0].stage_scores.get(&their_stage), Some(&-1));
        assert_eq!(map.curves[0].stage_scores.get(&s), None, "{s} is ours");
    }
}
