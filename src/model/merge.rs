//! Three-way merge of two versions of a map made from the same one (`base`): what `theirs`
//! changed is carried into `ours` item by item, by identity. Ids are shared meaning here (both
//! sides come from `base`); ids both sides handed out to new items apart are not, so what
//! `theirs` added gets a fresh id where `ours` already uses its id.
//!
//! A field only one side changed takes that side's value; votes add up (both voted); a field
//! both changed to different values is a conflict: `ours` is kept and the conflict listed. An
//! item `theirs` removed goes, unless `ours` changed it or something of `ours` still refers to
//! it (a conflict, and it stays).

use super::*;
use std::collections::{HashMap, HashSet};

/// A field both sides changed to different values; the merge kept `ours`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// What it is about, e.g. `touchpoint "Order"`.
    pub item: String,
    /// The field, as the file names it (or `removed` when one side removed what the other
    /// changed).
    pub field: String,
    /// Our value, as text (kept).
    pub ours: String,
    /// Their value, as text.
    pub theirs: String,
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "! {}: {} is {} here and {} there (kept {})",
            self.item,
            self.field,
            limits::quoted(&self.ours),
            limits::quoted(&self.theirs),
            limits::quoted(&self.ours)
        )
    }
}

/// What a merge gives: the map, and the conflicts it kept our side of.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    /// The merged map.
    pub map: JourneyMap,
    /// Fields both sides changed differently.
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
    /// Merges one field into `into` (ours, in the result), saying a conflict as `item`.
    fn field<T: PartialEq + Clone + std::fmt::Debug>(
        &mut self,
        item: &str,
        field: &str,
        base: &T,
        into: &mut T,
        theirs: &T,
        show: impl Fn(&T) -> String,
    ) {
        match pick(base, into, theirs) {
            Some(value) => *into = value,
            None => self.conflicts.push(Conflict {
                item: item.to_owned(),
                field: field.to_owned(),
                ours: show(into),
                theirs: show(theirs),
            }),
        }
    }
}

#[allow(clippy::ptr_arg)] // Used as `show` for `String` fields.
fn text(s: &String) -> String {
    s.clone()
}

fn debug<T: std::fmt::Debug>(value: &T) -> String {
    format!("{value:?}")
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

    // The header and the scale and options, as whole values.
    let h = (&base.header, &theirs.header);
    m.field(
        "the header",
        "title",
        &h.0.title,
        &mut out.header.title,
        &h.1.title,
        text,
    );
    m.field(
        "the header",
        "scenario",
        &h.0.scenario,
        &mut out.header.scenario,
        &h.1.scenario,
        text,
    );
    m.field(
        "the header",
        "expectations",
        &h.0.expectations,
        &mut out.header.expectations,
        &h.1.expectations,
        text,
    );
    m.field(
        "the header",
        "source",
        &h.0.source,
        &mut out.header.source,
        &h.1.source,
        text,
    );
    m.field(
        "the map",
        "scale",
        &base.scale,
        &mut out.scale,
        &theirs.scale,
        debug,
    );
    m.field(
        "the map",
        "options",
        &base.options,
        &mut out.options,
        &theirs.options,
        debug,
    );

    // Personas.
    let mut persona_of: HashMap<PersonaId, PersonaId> = HashMap::new();
    for persona in &theirs.header.personas {
        let Some(was) = base.header.personas.iter().find(|p| p.id == persona.id) else {
            let id = PersonaId(fresh(persona.id.0, &mut used));
            persona_of.insert(persona.id, id);
            out.header.personas.push(Persona {
                id,
                ..persona.clone()
            });
            continue;
        };
        persona_of.insert(persona.id, persona.id);
        if let Some(mine) = out.header.personas.iter_mut().find(|p| p.id == persona.id) {
            let item = format!("persona {}", limits::quoted(&mine.name));
            m.field(
                &item,
                "name",
                &was.name,
                &mut mine.name,
                &persona.name,
                text,
            );
            m.field(
                &item,
                "description",
                &was.description,
                &mut mine.description,
                &persona.description,
                text,
            );
            m.field(
                &item,
                "goals",
                &was.goals,
                &mut mine.goals,
                &persona.goals,
                debug,
            );
        }
    }

    // Stages: their new ones (after the stage before them), their changes to common ones.
    let mut stage_of: HashMap<StageId, StageId> = HashMap::new();
    for (index, stage) in theirs.stages.iter().enumerate() {
        if base.stage(stage.id).is_some() {
            stage_of.insert(stage.id, stage.id);
            continue;
        }
        let id = StageId(fresh(stage.id.0, &mut used));
        stage_of.insert(stage.id, id);
        let after = theirs.stages[..index]
            .iter()
            .rev()
            .find_map(|s| stage_of.get(&s.id).and_then(|id| out.stage_index(*id)));
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
        let item = format!("stage {}", limits::quoted(&mine.name));
        m.field(&item, "name", &was.name, &mut mine.name, &stage.name, text);
        m.field(
            &item,
            "description",
            &was.description,
            &mut mine.description,
            &stage.description,
            text,
        );
        m.field(
            &item,
            "colour",
            &was.colour,
            &mut mine.colour,
            &stage.colour,
            debug,
        );
        m.field(
            &item,
            "locked",
            &was.locked,
            &mut mine.locked,
            &stage.locked,
            debug,
        );
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
    let mut card_of: HashMap<TouchpointId, TouchpointId> = HashMap::new();
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
    for &(stage, index, card) in &their_cards {
        let Some(was) = base_cards.get(&card.id) else {
            // Added by them: into its stage, after the card before it.
            let id = TouchpointId(fresh(card.id.0, &mut used));
            card_of.insert(card.id, id);
            let Some(target) = stage_of.get(&stage).and_then(|s| out.stage_index(*s)) else {
                continue;
            };
            let before = theirs
                .stage(stage)
                .and_then(|s| {
                    s.touchpoints[..index]
                        .iter()
                        .rev()
                        .find_map(|t| card_of.get(&t.id))
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
                .filter_map(|a| persona_of.get(a).copied())
                .collect();
            list.insert(at.min(list.len()), copy);
            continue;
        };
        card_of.insert(card.id, card.id);
        if !our_cards.contains_key(&card.id) {
            if *was != card {
                m.conflicts.push(Conflict {
                    item: format!("touchpoint {}", limits::quoted(&was.title)),
                    field: "removed".to_owned(),
                    ours: "removed".to_owned(),
                    theirs: "changed".to_owned(),
                });
            }
            continue;
        }
        // Moved by them to another stage (and not by us): move it.
        let (base_stage, _) = base_places[&card.id];
        let to = stage_of.get(&stage).and_then(|s| out.stage_index(*s));
        if stage != base_stage
            && our_places.get(&card.id).map(|p| p.0) == Some(base_stage)
            && let (Some(from), Some(to)) = (out.stage_index(base_stage), to)
            && let Some(at) = out.stages[from]
                .touchpoints
                .iter()
                .position(|t| t.id == card.id)
        {
            let moving = out.stages[from].touchpoints.remove(at);
            let list = &mut out.stages[to].touchpoints;
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
        let item = format!("touchpoint {}", limits::quoted(&mine.title));
        m.field(
            &item,
            "title",
            &was.title,
            &mut mine.title,
            &card.title,
            text,
        );
        m.field(
            &item,
            "description",
            &was.description,
            &mut mine.description,
            &card.description,
            text,
        );
        m.field(
            &item,
            "channel",
            &was.channel,
            &mut mine.channel,
            &card.channel,
            debug,
        );
        m.field(
            &item,
            "actors",
            &was.actors,
            &mut mine.actors,
            &card.actors,
            debug,
        );
        m.field(&item, "link", &was.link, &mut mine.link, &card.link, debug);
        m.field(
            &item,
            "notes",
            &was.notes,
            &mut mine.notes,
            &card.notes,
            text,
        );
        m.field(
            &item,
            "locked",
            &was.locked,
            &mut mine.locked,
            &card.locked,
            debug,
        );
        // Votes add up: both sides' votes count.
        mine.votes = (mine.votes + card.votes).saturating_sub(was.votes);
    }

    // Lanes and notes.
    let mut lane_of: HashMap<LaneId, LaneId> = HashMap::new();
    for (index, lane) in theirs.lanes.iter().enumerate() {
        let Some(was) = base.lanes.iter().find(|l| l.id == lane.id) else {
            let id = LaneId(fresh(lane.id.0, &mut used));
            lane_of.insert(lane.id, id);
            let mut copy = Lane { id, ..lane.clone() };
            copy.notes.clear();
            let after = theirs.lanes[..index].iter().rev().find_map(|l| {
                lane_of
                    .get(&l.id)
                    .and_then(|id| out.lanes.iter().position(|o| o.id == *id))
            });
            out.lanes.insert(after.map_or(0, |i| i + 1), copy);
            continue;
        };
        lane_of.insert(lane.id, lane.id);
        if let Some(mine) = out.lanes.iter_mut().find(|l| l.id == lane.id) {
            let item = format!("lane {}", limits::quoted(&mine.name));
            m.field(&item, "name", &was.name, &mut mine.name, &lane.name, text);
            m.field(&item, "kind", &was.kind, &mut mine.kind, &lane.kind, debug);
            m.field(
                &item,
                "locked",
                &was.locked,
                &mut mine.locked,
                &lane.locked,
                debug,
            );
        }
    }
    let carry = |anchor: Anchor,
                 stage_of: &HashMap<StageId, StageId>,
                 card_of: &HashMap<TouchpointId, TouchpointId>|
     -> Anchor {
        let s = |id: StageId| stage_of.get(&id).copied().unwrap_or(id);
        let t = |id: TouchpointId| card_of.get(&id).copied().unwrap_or(id);
        match anchor {
            Anchor::Stage(a) => Anchor::Stage(s(a)),
            Anchor::Stages(a, b) => Anchor::Stages(s(a), s(b)),
            Anchor::Touchpoint(a) => Anchor::Touchpoint(t(a)),
            Anchor::Touchpoints(a, b) => Anchor::Touchpoints(t(a), t(b)),
            Anchor::Journey => Anchor::Journey,
        }
    };
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
                let anchor = carry(note.anchor, &stage_of, &card_of);
                if let Some(target) = lane_of
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
            let item = format!("note {}", limits::quoted(&mine.text));
            m.field(&item, "text", &was.text, &mut mine.text, &note.text, text);
            m.field(
                &item,
                "owner",
                &was.owner,
                &mut mine.owner,
                &note.owner,
                text,
            );
            m.field(
                &item,
                "metric",
                &was.metric,
                &mut mine.metric,
                &note.metric,
                text,
            );
            m.field(
                &item,
                "anchor",
                &was.anchor,
                &mut mine.anchor,
                &note.anchor,
                debug,
            );
            m.field(
                &item,
                "locked",
                &was.locked,
                &mut mine.locked,
                &note.locked,
                debug,
            );
            mine.votes = (mine.votes + note.votes).saturating_sub(was.votes);
        }
    }

    // Curves and scores.
    for curve in &theirs.curves {
        let scores = |c: &EmotionCurve| -> (Scores, StageScores) {
            (
                c.scores
                    .iter()
                    .map(|(t, s)| (card_of.get(t).copied().unwrap_or(*t), *s))
                    .collect(),
                c.stage_scores
                    .iter()
                    .map(|(t, s)| (stage_of.get(t).copied().unwrap_or(*t), *s))
                    .collect(),
            )
        };
        let Some(was) = base.curves.iter().find(|c| c.id == curve.id) else {
            let id = CurveId(fresh(curve.id.0, &mut used));
            let (cards, stages) = scores(curve);
            let mut copy = EmotionCurve {
                id,
                ..curve.clone()
            };
            copy.persona = curve.persona.and_then(|p| persona_of.get(&p).copied());
            copy.scores = cards.into_iter().collect();
            copy.stage_scores = stages.into_iter().collect();
            out.curves.push(copy);
            continue;
        };
        let Some(mine) = out.curves.iter_mut().find(|c| c.id == curve.id) else {
            continue;
        };
        let item = format!("curve {}", limits::quoted(&mine.name));
        m.field(&item, "name", &was.name, &mut mine.name, &curve.name, text);
        m.field(
            &item,
            "colour",
            &was.colour,
            &mut mine.colour,
            &curve.colour,
            debug,
        );
        m.field(
            &item,
            "persona",
            &was.persona,
            &mut mine.persona,
            &curve.persona,
            debug,
        );
        let keys: HashSet<TouchpointId> = was
            .scores
            .keys()
            .chain(curve.scores.keys())
            .copied()
            .collect();
        let mut keys: Vec<TouchpointId> = keys.into_iter().collect();
        keys.sort_unstable();
        for key in keys {
            let target = card_of.get(&key).copied().unwrap_or(key);
            let (b, t) = (
                was.scores.get(&key).copied(),
                curve.scores.get(&key).copied(),
            );
            let mut o = mine.scores.get(&target).copied();
            let name = base_cards
                .get(&key)
                .map_or_else(String::new, |c| c.title.clone());
            m.field(
                &format!(
                    "the score of {} on curve {}",
                    limits::quoted(&name),
                    limits::quoted(&mine.name)
                ),
                "score",
                &b,
                &mut o,
                &t,
                debug,
            );
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
            let mut o = mine.stage_scores.get(&key).copied();
            m.field(
                &format!("a stage score on curve {}", limits::quoted(&mine.name)),
                "score",
                &b,
                &mut o,
                &t,
                debug,
            );
            match o {
                Some(score) => mine.stage_scores.insert(key, score),
                None => mine.stage_scores.remove(&key),
            };
        }
    }

    // What they removed goes, unless we changed it or still refer to it.
    remove_theirs(base, ours, theirs, &base_ids, &mut out, &mut m);
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
    let keep = |item: String, m: &mut Merger| {
        m.conflicts.push(Conflict {
            item,
            field: "removed".to_owned(),
            ours: "changed or still used".to_owned(),
            theirs: "removed".to_owned(),
        });
    };
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
                keep(format!("note {}", limits::quoted(&n.text)), m);
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
                keep(format!("touchpoint {}", limits::quoted(&t.title)), m);
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
            keep(format!("stage {}", limits::quoted(&s.name)), m);
        }
        stays
    });
    out.lanes.retain(|l| {
        if !gone.contains(&l.id.0) {
            return true;
        }
        if !l.notes.is_empty() && l.notes.iter().any(|n| !gone.contains(&n.id.0)) {
            keep(format!("lane {}", limits::quoted(&l.name)), m);
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
        assert_eq!(merged.conflicts[0].field, "title");
        assert_eq!(merged.map.stages[0].touchpoints[0].title, "Ours");
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
}
