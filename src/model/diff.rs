//! What changed between two versions of a map: stages, touchpoints, lanes, notes, curves and
//! personas added, removed, moved and renamed; changed fields; changed scores.
//!
//! Items are matched by id when the id names an item of the same kind that is plausibly the
//! same one (same title, same other content, or same place: it was only edited). Separate
//! drafts of a map hand out the same ids to different things, so an id whose item is unrelated
//! is not trusted: what is left is matched by title. A move is reported for the items whose
//! place changed of their own accord: an item whose container changed, and, within a
//! container, those outside the longest run kept in order (moving one card to the end moves
//! one card, not every card it passed).

use super::*;
use serde::Serialize;
use std::collections::HashMap;

/// The kind of thing a change is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A stage (a column).
    Stage,
    /// A touchpoint (a card).
    Touchpoint,
    /// A lane (a row of notes).
    Lane,
    /// A note in a lane.
    Note,
    /// An emotion curve.
    Curve,
    /// A persona.
    Persona,
    /// The map's header: title, scenario, expectations, credit line.
    Header,
    /// The emotion scale.
    Scale,
    /// The map's display options.
    Options,
    /// A conflict mark a merge left (added by a merge, removed when resolved).
    Conflict,
}

impl Kind {
    /// The word for the kind in a sentence.
    pub fn word(self) -> &'static str {
        match self {
            Kind::Stage => "stage",
            Kind::Touchpoint => "touchpoint",
            Kind::Lane => "lane",
            Kind::Note => "note",
            Kind::Curve => "curve",
            Kind::Persona => "persona",
            Kind::Header => "header",
            Kind::Scale => "scale",
            Kind::Options => "options",
            Kind::Conflict => "conflict mark on",
        }
    }
}

/// One difference between two maps. Ids are the new map's, the old one's for what was removed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// Something only the new map has, at `place` (e.g. `stage "Pay"`).
    Added {
        /// What it is.
        kind: Kind,
        /// Its id.
        id: u32,
        /// Its name or text.
        name: String,
        /// Where it is.
        place: String,
    },
    /// Something only the old map has.
    Removed {
        /// What it was.
        kind: Kind,
        /// Its id in the old map.
        id: u32,
        /// Its name or text.
        name: String,
        /// Where it was.
        place: String,
    },
    /// The same thing under a new name (or, for a note, with new text).
    Renamed {
        /// What it is.
        kind: Kind,
        /// Its id.
        id: u32,
        /// The old name.
        from: String,
        /// The new name.
        to: String,
    },
    /// The same thing somewhere else.
    Moved {
        /// What it is.
        kind: Kind,
        /// Its id.
        id: u32,
        /// Its name.
        name: String,
        /// Where it was.
        from: String,
        /// Where it is.
        to: String,
    },
    /// A field of the same thing changed.
    Changed {
        /// What it is.
        kind: Kind,
        /// Its id (0 for the header, scale and options).
        id: u32,
        /// Its name.
        name: String,
        /// The field, as the file names it.
        field: String,
        /// The old value, as text.
        from: String,
        /// The new value, as text.
        to: String,
    },
    /// A score on a curve changed, appeared or went, for a touchpoint or a whole stage both
    /// maps have.
    Score {
        /// The curve's name.
        curve: String,
        /// `touchpoint` or `stage`.
        of: Kind,
        /// The touchpoint's or stage's name.
        item: String,
        /// The old score, if any.
        from: Option<i32>,
        /// The new score, if any.
        to: Option<i32>,
    },
}

/// Text in a line of the report: in quotes, long text cut.
fn quoted(text: &str) -> String {
    limits::quoted(text)
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let score = |s: &Option<i32>| s.map_or_else(|| "none".to_owned(), |s| s.to_string());
        match self {
            Change::Added {
                kind, name, place, ..
            } => {
                write!(f, "+ {} {} added in {place}", kind.word(), quoted(name))
            }
            Change::Removed {
                kind, name, place, ..
            } => {
                write!(f, "- {} {} removed from {place}", kind.word(), quoted(name))
            }
            Change::Renamed { kind, from, to, .. } => {
                write!(
                    f,
                    "~ {} {} renamed {}",
                    kind.word(),
                    quoted(from),
                    quoted(to)
                )
            }
            Change::Moved {
                kind,
                name,
                from,
                to,
                ..
            } => {
                write!(
                    f,
                    "> {} {} moved from {from} to {to}",
                    kind.word(),
                    quoted(name)
                )
            }
            Change::Changed {
                kind,
                name,
                field,
                from,
                to,
                ..
            } => {
                let whose = if name.is_empty() {
                    kind.word().to_owned()
                } else {
                    format!("{} {}", kind.word(), quoted(name))
                };
                write!(f, "* {whose}: {field} {} → {}", quoted(from), quoted(to))
            }
            Change::Score {
                curve,
                of,
                item,
                from,
                to,
            } => write!(
                f,
                "* score of {} {} on curve {}: {} → {}",
                of.word(),
                quoted(item),
                quoted(curve),
                score(from),
                score(to)
            ),
        }
    }
}

/// Pairs old items with new ones: by id where the id's item is related (`related`), then by
/// equal non-empty title. Returns, for each new item, the index of its old one.
fn pair<T>(
    old: &[T],
    new: &[T],
    id: impl Fn(&T) -> u32,
    title: impl Fn(&T) -> &str,
    related: impl Fn(&T, &T) -> bool,
) -> Vec<Option<usize>> {
    let by_id: HashMap<u32, usize> = old.iter().enumerate().map(|(i, o)| (id(o), i)).collect();
    let mut taken = vec![false; old.len()];
    let mut pairs: Vec<Option<usize>> = new
        .iter()
        .map(|n| {
            let found = by_id.get(&id(n)).copied().filter(|&i| related(&old[i], n));
            if let Some(i) = found {
                taken[i] = true;
            }
            found
        })
        .collect();
    // What is left, by title: the first old item of the same title not yet taken.
    let mut by_title: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, o) in old.iter().enumerate().rev() {
        if !taken[i] && !title(o).is_empty() {
            by_title.entry(title(o)).or_default().push(i);
        }
    }
    for (n, pair) in new.iter().zip(&mut pairs) {
        if pair.is_none()
            && let Some(i) = by_title.get_mut(title(n)).and_then(Vec::pop)
        {
            taken[i] = true;
            *pair = Some(i);
        }
    }
    pairs
}

/// The indexes (into `seq`) of a longest strictly increasing run: the items kept in order.
fn kept_in_order(seq: &[usize]) -> Vec<bool> {
    // Patience sorting, O(n log n).
    let mut tails: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = vec![None; seq.len()];
    for (i, &value) in seq.iter().enumerate() {
        let at = tails.partition_point(|&t| seq[t] < value);
        before[i] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(i);
        } else {
            tails[at] = i;
        }
    }
    let mut kept = vec![false; seq.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        kept[i] = true;
        at = before[i];
    }
    kept
}

fn ordinal(i: usize) -> String {
    format!("#{}", i + 1)
}

/// The differences between `old` and `new`, in map order: header, stages, touchpoints, lanes,
/// notes, curves and scores, personas, scale, options.
pub fn diff(old: &JourneyMap, new: &JourneyMap) -> Vec<Change> {
    let mut changes = Vec::new();
    let field = |changes: &mut Vec<Change>,
                 kind: Kind,
                 id: u32,
                 name: &str,
                 field: &str,
                 a: String,
                 b: String| {
        if a != b {
            changes.push(Change::Changed {
                kind,
                id,
                name: name.to_owned(),
                field: field.to_owned(),
                from: a,
                to: b,
            });
        }
    };

    // The header.
    for (name, a, b) in [
        ("title", &old.header.title, &new.header.title),
        ("scenario", &old.header.scenario, &new.header.scenario),
        (
            "expectations",
            &old.header.expectations,
            &new.header.expectations,
        ),
        ("source", &old.header.source, &new.header.source),
    ] {
        field(
            &mut changes,
            Kind::Header,
            0,
            "",
            name,
            a.clone(),
            b.clone(),
        );
    }

    // Stages: related when they share the name, their touchpoints' titles or their place.
    fn titles(s: &Stage) -> Vec<&str> {
        s.touchpoints.iter().map(|t| t.title.as_str()).collect()
    }
    let old_index: HashMap<u32, usize> = old
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.0, i))
        .collect();
    let new_index: HashMap<u32, usize> = new
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.0, i))
        .collect();
    let stage_pairs = pair(
        &old.stages,
        &new.stages,
        |s| s.id.0,
        |s| s.name.as_str(),
        |a, b| {
            // The same name, a card in common, or an empty stage in the same place.
            let shared = titles(a);
            a.name == b.name
                || titles(b)
                    .iter()
                    .any(|t| !t.is_empty() && shared.contains(t))
                || (a.touchpoints.is_empty()
                    && b.touchpoints.is_empty()
                    && old_index.get(&a.id.0) == new_index.get(&b.id.0))
        },
    );
    let stage_name = |map: &JourneyMap, i: usize| format!("stage {}", quoted(&map.stages[i].name));
    let mut new_of_old_stage: HashMap<usize, usize> = HashMap::new();
    for (n, o) in stage_pairs.iter().enumerate() {
        if let Some(o) = o {
            new_of_old_stage.insert(*o, n);
        }
    }
    let mut seq = Vec::new();
    let mut seq_new = Vec::new();
    for (n, o) in stage_pairs.iter().enumerate() {
        let stage = &new.stages[n];
        match o {
            None => changes.push(Change::Added {
                kind: Kind::Stage,
                id: stage.id.0,
                name: stage.name.clone(),
                place: format!("the map at {}", ordinal(n)),
            }),
            Some(o) => {
                seq.push(*o);
                seq_new.push(n);
                let was = &old.stages[*o];
                if was.name != stage.name {
                    changes.push(Change::Renamed {
                        kind: Kind::Stage,
                        id: stage.id.0,
                        from: was.name.clone(),
                        to: stage.name.clone(),
                    });
                }
                field(
                    &mut changes,
                    Kind::Stage,
                    stage.id.0,
                    &stage.name,
                    "description",
                    was.description.clone(),
                    stage.description.clone(),
                );
                field(
                    &mut changes,
                    Kind::Stage,
                    stage.id.0,
                    &stage.name,
                    "colour",
                    was.colour.to_string(),
                    stage.colour.to_string(),
                );
                field(
                    &mut changes,
                    Kind::Stage,
                    stage.id.0,
                    &stage.name,
                    "locked",
                    was.locked.to_string(),
                    stage.locked.to_string(),
                );
            }
        }
    }
    for (k, kept) in kept_in_order(&seq).into_iter().enumerate() {
        if !kept {
            let stage = &new.stages[seq_new[k]];
            changes.push(Change::Moved {
                kind: Kind::Stage,
                id: stage.id.0,
                name: stage.name.clone(),
                from: format!("the map at {}", ordinal(seq[k])),
                to: format!("the map at {}", ordinal(seq_new[k])),
            });
        }
    }
    for (o, stage) in old.stages.iter().enumerate() {
        if !new_of_old_stage.contains_key(&o) {
            changes.push(Change::Removed {
                kind: Kind::Stage,
                id: stage.id.0,
                name: stage.name.clone(),
                place: format!("the map at {}", ordinal(o)),
            });
        }
    }

    // Touchpoints, with where they are: (stage index, index in the stage).
    let cards = |map: &JourneyMap| -> Vec<(usize, usize, Touchpoint)> {
        map.stages
            .iter()
            .enumerate()
            .flat_map(|(s, stage)| {
                stage
                    .touchpoints
                    .iter()
                    .enumerate()
                    .map(move |(i, t)| (s, i, t.clone()))
            })
            .collect()
    };
    let (old_cards, new_cards) = (cards(old), cards(new));
    let card_pairs = pair(
        &old_cards,
        &new_cards,
        |c| c.2.id.0,
        |c| c.2.title.as_str(),
        |a, b| {
            // The same title or description, or still in the same stage: only edited.
            a.2.title == b.2.title
                || (!a.2.description.is_empty() && a.2.description == b.2.description)
                || new_of_old_stage.get(&a.0) == Some(&b.0)
        },
    );
    let persona_names = |map: &JourneyMap, ids: &[PersonaId]| -> String {
        ids.iter()
            .filter_map(|p| map.persona(*p))
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let channel = |c: &Option<Channel>| c.as_ref().map(|c| format!("{c:?}")).unwrap_or_default();
    let mut matched_old_cards = vec![false; old_cards.len()];
    // Per new stage: (old index in its old stage, new card index) of cards that stayed.
    let mut stayed: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
    let mut card_of: HashMap<TouchpointId, TouchpointId> = HashMap::new();
    for (n, o) in card_pairs.iter().enumerate() {
        let (s, i, card) = &new_cards[n];
        let here = format!("{} {}", stage_name(new, *s), ordinal(*i));
        let Some(o) = *o else {
            changes.push(Change::Added {
                kind: Kind::Touchpoint,
                id: card.id.0,
                name: card.title.clone(),
                place: stage_name(new, *s),
            });
            continue;
        };
        matched_old_cards[o] = true;
        let (os, oi, was) = &old_cards[o];
        card_of.insert(was.id, card.id);
        if new_of_old_stage.get(os) == Some(s) {
            stayed.entry(*s).or_default().push((*oi, n));
        } else {
            changes.push(Change::Moved {
                kind: Kind::Touchpoint,
                id: card.id.0,
                name: card.title.clone(),
                from: format!("{} {}", stage_name(old, *os), ordinal(*oi)),
                to: here,
            });
        }
        if was.title != card.title {
            changes.push(Change::Renamed {
                kind: Kind::Touchpoint,
                id: card.id.0,
                from: was.title.clone(),
                to: card.title.clone(),
            });
        }
        let id = card.id.0;
        let name = &card.title;
        field(
            &mut changes,
            Kind::Touchpoint,
            id,
            name,
            "description",
            was.description.clone(),
            card.description.clone(),
        );
        field(
            &mut changes,
            Kind::Touchpoint,
            id,
            name,
            "channel",
            channel(&was.channel),
            channel(&card.channel),
        );
        field(
            &mut changes,
            Kind::Touchpoint,
            id,
            name,
            "actors",
            persona_names(old, &was.actors),
            persona_names(new, &card.actors),
        );
        field(
            &mut changes,
            Kind::Touchpoint,
            id,
            name,
            "link",
            was.link.clone().unwrap_or_default(),
            card.link.clone().unwrap_or_default(),
        );
        field(
            &mut changes,
            Kind::Touchpoint,
            id,
            name,
            "notes",
            was.notes.clone(),
            card.notes.clone(),
        );
        field(
            &mut changes,
            Kind::Touchpoint,
            id,
            name,
            "votes",
            was.votes.to_string(),
            card.votes.to_string(),
        );
        field(
            &mut changes,
            Kind::Touchpoint,
            id,
            name,
            "locked",
            was.locked.to_string(),
            card.locked.to_string(),
        );
        field(
            &mut changes,
            Kind::Touchpoint,
            id,
            name,
            "moment_of_truth",
            was.moment_of_truth.to_string(),
            card.moment_of_truth.to_string(),
        );
        for quality in Quality::ALL {
            let check = |c: &Touchpoint| format!("{:?}", c.courted.get(quality));
            field(
                &mut changes,
                Kind::Touchpoint,
                id,
                name,
                quality.key(),
                check(was),
                check(card),
            );
        }
    }
    let mut stages_with_stayers: Vec<usize> = stayed.keys().copied().collect();
    stages_with_stayers.sort_unstable();
    for s in stages_with_stayers {
        let list = &stayed[&s];
        let order: Vec<usize> = list.iter().map(|(oi, _)| *oi).collect();
        for (k, kept) in kept_in_order(&order).into_iter().enumerate() {
            if !kept {
                let (oi, n) = list[k];
                let (_, i, card) = &new_cards[n];
                changes.push(Change::Moved {
                    kind: Kind::Touchpoint,
                    id: card.id.0,
                    name: card.title.clone(),
                    from: format!("{} {}", stage_name(new, s), ordinal(oi)),
                    to: format!("{} {}", stage_name(new, s), ordinal(*i)),
                });
            }
        }
    }
    for (o, (s, i, card)) in old_cards.iter().enumerate() {
        if !matched_old_cards[o] {
            changes.push(Change::Removed {
                kind: Kind::Touchpoint,
                id: card.id.0,
                name: card.title.clone(),
                place: format!("{} {}", stage_name(old, *s), ordinal(*i)),
            });
        }
    }

    // Lanes and their notes.
    let lane_pairs = pair(
        &old.lanes,
        &new.lanes,
        |l| l.id.0,
        |l| l.name.as_str(),
        |a, b| a.name == b.name || a.kind == b.kind,
    );
    let mut new_of_old_lane: HashMap<usize, usize> = HashMap::new();
    let (mut seq, mut seq_new) = (Vec::new(), Vec::new());
    for (n, o) in lane_pairs.iter().enumerate() {
        let lane = &new.lanes[n];
        let Some(o) = *o else {
            changes.push(Change::Added {
                kind: Kind::Lane,
                id: lane.id.0,
                name: lane.name.clone(),
                place: format!("the map at {}", ordinal(n)),
            });
            continue;
        };
        new_of_old_lane.insert(o, n);
        seq.push(o);
        seq_new.push(n);
        let was = &old.lanes[o];
        if was.name != lane.name {
            changes.push(Change::Renamed {
                kind: Kind::Lane,
                id: lane.id.0,
                from: was.name.clone(),
                to: lane.name.clone(),
            });
        }
        field(
            &mut changes,
            Kind::Lane,
            lane.id.0,
            &lane.name,
            "kind",
            format!("{:?}", was.kind),
            format!("{:?}", lane.kind),
        );
        field(
            &mut changes,
            Kind::Lane,
            lane.id.0,
            &lane.name,
            "locked",
            was.locked.to_string(),
            lane.locked.to_string(),
        );
    }
    for (k, kept) in kept_in_order(&seq).into_iter().enumerate() {
        if !kept {
            let lane = &new.lanes[seq_new[k]];
            changes.push(Change::Moved {
                kind: Kind::Lane,
                id: lane.id.0,
                name: lane.name.clone(),
                from: format!("the map at {}", ordinal(seq[k])),
                to: format!("the map at {}", ordinal(seq_new[k])),
            });
        }
    }
    for (o, lane) in old.lanes.iter().enumerate() {
        if !new_of_old_lane.contains_key(&o) {
            changes.push(Change::Removed {
                kind: Kind::Lane,
                id: lane.id.0,
                name: lane.name.clone(),
                place: format!("the map at {}", ordinal(o)),
            });
        }
    }
    let stage_of_old: HashMap<StageId, StageId> = stage_pairs
        .iter()
        .enumerate()
        .filter_map(|(n, o)| o.map(|o| (old.stages[o].id, new.stages[n].id)))
        .collect();
    // An old anchor in the new map's ids (None where what it names is gone).
    let carried = |anchor: Anchor| -> Option<Anchor> {
        let s = |id: StageId| stage_of_old.get(&id).copied();
        let t = |id: TouchpointId| card_of.get(&id).copied();
        Some(match anchor {
            Anchor::Stage(a) => Anchor::Stage(s(a)?),
            Anchor::Stages(a, b) => Anchor::Stages(s(a)?, s(b)?),
            Anchor::Touchpoint(a) => Anchor::Touchpoint(t(a)?),
            Anchor::Touchpoints(a, b) => Anchor::Touchpoints(t(a)?, t(b)?),
            Anchor::Journey => Anchor::Journey,
        })
    };
    let describe = |map: &JourneyMap, anchor: Anchor| -> String {
        let stage = |id: StageId| map.stage(id).map_or_else(String::new, |s| quoted(&s.name));
        let card = |id: TouchpointId| {
            map.touchpoints()
                .find(|t| t.id == id)
                .map_or_else(String::new, |t| quoted(&t.title))
        };
        match anchor {
            Anchor::Stage(a) => format!("stage {}", stage(a)),
            Anchor::Stages(a, b) => format!("stages {} to {}", stage(a), stage(b)),
            Anchor::Touchpoint(a) => format!("touchpoint {}", card(a)),
            Anchor::Touchpoints(a, b) => format!("touchpoints {} to {}", card(a), card(b)),
            Anchor::Journey => "the whole journey".to_owned(),
        }
    };
    let notes = |map: &JourneyMap| -> Vec<(usize, usize, Note)> {
        map.lanes
            .iter()
            .enumerate()
            .flat_map(|(l, lane)| {
                lane.notes
                    .iter()
                    .enumerate()
                    .map(move |(i, n)| (l, i, n.clone()))
            })
            .collect()
    };
    let (old_notes, new_notes) = (notes(old), notes(new));
    let note_pairs = pair(
        &old_notes,
        &new_notes,
        |n| n.2.id.0,
        |n| n.2.text.as_str(),
        |a, b| a.2.text == b.2.text || carried(a.2.anchor) == Some(b.2.anchor),
    );
    let mut matched_old_notes = vec![false; old_notes.len()];
    let mut stayed: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
    for (n, o) in note_pairs.iter().enumerate() {
        let (l, _, note) = &new_notes[n];
        let lane = |map: &JourneyMap, l: usize| format!("lane {}", quoted(&map.lanes[l].name));
        let Some(o) = *o else {
            changes.push(Change::Added {
                kind: Kind::Note,
                id: note.id.0,
                name: note.text.clone(),
                place: format!("{} at {}", lane(new, *l), describe(new, note.anchor)),
            });
            continue;
        };
        matched_old_notes[o] = true;
        let (ol, oi, was) = &old_notes[o];
        if new_of_old_lane.get(ol) != Some(l) || carried(was.anchor) != Some(note.anchor) {
            changes.push(Change::Moved {
                kind: Kind::Note,
                id: note.id.0,
                name: note.text.clone(),
                from: format!("{} at {}", lane(old, *ol), describe(old, was.anchor)),
                to: format!("{} at {}", lane(new, *l), describe(new, note.anchor)),
            });
        } else {
            stayed.entry(*l).or_default().push((*oi, n));
        }
        if was.text != note.text {
            changes.push(Change::Renamed {
                kind: Kind::Note,
                id: note.id.0,
                from: was.text.clone(),
                to: note.text.clone(),
            });
        }
        let (id, name) = (note.id.0, &note.text);
        field(
            &mut changes,
            Kind::Note,
            id,
            name,
            "owner",
            was.owner.clone(),
            note.owner.clone(),
        );
        field(
            &mut changes,
            Kind::Note,
            id,
            name,
            "metric",
            was.metric.clone(),
            note.metric.clone(),
        );
        field(
            &mut changes,
            Kind::Note,
            id,
            name,
            "votes",
            was.votes.to_string(),
            note.votes.to_string(),
        );
        field(
            &mut changes,
            Kind::Note,
            id,
            name,
            "locked",
            was.locked.to_string(),
            note.locked.to_string(),
        );
    }
    let mut lanes_with_stayers: Vec<usize> = stayed.keys().copied().collect();
    lanes_with_stayers.sort_unstable();
    for l in lanes_with_stayers {
        let list = &stayed[&l];
        // Order matters among notes of the same cell only.
        let mut by_anchor: HashMap<Anchor, Vec<(usize, usize)>> = HashMap::new();
        for &(oi, n) in list {
            by_anchor
                .entry(new_notes[n].2.anchor)
                .or_default()
                .push((oi, n));
        }
        let mut cells: Vec<&Vec<(usize, usize)>> = by_anchor.values().collect();
        cells.sort_by_key(|c| c.first().map(|(_, n)| *n));
        for cell in cells {
            let order: Vec<usize> = cell.iter().map(|(oi, _)| *oi).collect();
            for (k, kept) in kept_in_order(&order).into_iter().enumerate() {
                if !kept {
                    let (oi, n) = cell[k];
                    let (_, i, note) = &new_notes[n];
                    let lane = format!("lane {}", quoted(&new.lanes[l].name));
                    changes.push(Change::Moved {
                        kind: Kind::Note,
                        id: note.id.0,
                        name: note.text.clone(),
                        from: format!("{lane} {}", ordinal(oi)),
                        to: format!("{lane} {}", ordinal(*i)),
                    });
                }
            }
        }
    }
    for (o, (l, _, note)) in old_notes.iter().enumerate() {
        if !matched_old_notes[o] {
            changes.push(Change::Removed {
                kind: Kind::Note,
                id: note.id.0,
                name: note.text.clone(),
                place: format!(
                    "lane {} at {}",
                    quoted(&old.lanes[*l].name),
                    describe(old, note.anchor)
                ),
            });
        }
    }

    // Personas.
    let persona_pairs = pair(
        &old.header.personas,
        &new.header.personas,
        |p| p.id.0,
        |p| p.name.as_str(),
        |a, b| a.name == b.name || a.description == b.description,
    );
    let mut matched = vec![false; old.header.personas.len()];
    for (n, o) in persona_pairs.iter().enumerate() {
        let persona = &new.header.personas[n];
        let Some(o) = *o else {
            changes.push(Change::Added {
                kind: Kind::Persona,
                id: persona.id.0,
                name: persona.name.clone(),
                place: "the header".to_owned(),
            });
            continue;
        };
        matched[o] = true;
        let was = &old.header.personas[o];
        if was.name != persona.name {
            changes.push(Change::Renamed {
                kind: Kind::Persona,
                id: persona.id.0,
                from: was.name.clone(),
                to: persona.name.clone(),
            });
        }
        field(
            &mut changes,
            Kind::Persona,
            persona.id.0,
            &persona.name,
            "description",
            was.description.clone(),
            persona.description.clone(),
        );
        field(
            &mut changes,
            Kind::Persona,
            persona.id.0,
            &persona.name,
            "goals",
            was.goals.join("; "),
            persona.goals.join("; "),
        );
    }
    for (o, persona) in old.header.personas.iter().enumerate() {
        if !matched[o] {
            changes.push(Change::Removed {
                kind: Kind::Persona,
                id: persona.id.0,
                name: persona.name.clone(),
                place: "the header".to_owned(),
            });
        }
    }

    // Curves and their scores (for touchpoints and stages both maps have).
    let curve_pairs = pair(
        &old.curves,
        &new.curves,
        |c| c.id.0,
        |c| c.name.as_str(),
        |a, b| a.name == b.name || a.colour == b.colour,
    );
    let mut matched = vec![false; old.curves.len()];
    for (n, o) in curve_pairs.iter().enumerate() {
        let curve = &new.curves[n];
        let Some(o) = *o else {
            changes.push(Change::Added {
                kind: Kind::Curve,
                id: curve.id.0,
                name: curve.name.clone(),
                place: format!("the map at {}", ordinal(n)),
            });
            continue;
        };
        matched[o] = true;
        let was = &old.curves[o];
        if was.name != curve.name {
            changes.push(Change::Renamed {
                kind: Kind::Curve,
                id: curve.id.0,
                from: was.name.clone(),
                to: curve.name.clone(),
            });
        }
        let persona = |map: &JourneyMap, p: Option<PersonaId>| {
            p.and_then(|p| map.persona(p))
                .map(|p| p.name.clone())
                .unwrap_or_default()
        };
        field(
            &mut changes,
            Kind::Curve,
            curve.id.0,
            &curve.name,
            "colour",
            was.colour.to_string(),
            curve.colour.to_string(),
        );
        field(
            &mut changes,
            Kind::Curve,
            curve.id.0,
            &curve.name,
            "persona",
            persona(old, was.persona),
            persona(new, curve.persona),
        );
        for (old_tp, new_tp) in &card_of {
            let (a, b) = (
                was.scores.get(old_tp).copied(),
                curve.scores.get(new_tp).copied(),
            );
            if a != b {
                let item = new_cards
                    .iter()
                    .find(|c| c.2.id == *new_tp)
                    .map(|c| c.2.title.clone())
                    .unwrap_or_default();
                changes.push(Change::Score {
                    curve: curve.name.clone(),
                    of: Kind::Touchpoint,
                    item,
                    from: a,
                    to: b,
                });
            }
        }
        for (old_stage, new_stage) in &stage_of_old {
            let (a, b) = (
                was.stage_scores.get(old_stage).copied(),
                curve.stage_scores.get(new_stage).copied(),
            );
            if a != b {
                let item = new
                    .stage(*new_stage)
                    .map(|s| s.name.clone())
                    .unwrap_or_default();
                changes.push(Change::Score {
                    curve: curve.name.clone(),
                    of: Kind::Stage,
                    item,
                    from: a,
                    to: b,
                });
            }
        }
    }
    for (o, curve) in old.curves.iter().enumerate() {
        if !matched[o] {
            changes.push(Change::Removed {
                kind: Kind::Curve,
                id: curve.id.0,
                name: curve.name.clone(),
                place: format!("the map at {}", ordinal(o)),
            });
        }
    }

    // The scale and the options.
    let scale = |s: &EmotionScale| format!("{} to {}", s.min, s.max);
    field(
        &mut changes,
        Kind::Scale,
        0,
        "",
        "range",
        scale(&old.scale),
        scale(&new.scale),
    );
    let neutral = |s: &EmotionScale| s.neutral.map(|n| n.to_string()).unwrap_or_default();
    field(
        &mut changes,
        Kind::Scale,
        0,
        "",
        "neutral",
        neutral(&old.scale),
        neutral(&new.scale),
    );
    field(
        &mut changes,
        Kind::Scale,
        0,
        "",
        "levels",
        format!("{:?}", old.scale.levels),
        format!("{:?}", new.scale.levels),
    );
    field(
        &mut changes,
        Kind::Options,
        0,
        "",
        "options",
        format!("{:?}", old.options),
        format!("{:?}", new.options),
    );
    // Conflict marks, by what they say: one only the new map has was left by a merge, one
    // only the old map has was resolved.
    let (old_marks, new_marks): (Vec<_>, Vec<_>) = (
        old.live_conflicts().map(|(_, c)| c).collect(),
        new.live_conflicts().map(|(_, c)| c).collect(),
    );
    let mark_name = |mark: &Conflict, map: &JourneyMap| {
        // Unquoted: the line quotes the whole name.
        let item = mark.on.describe(map).replace('"', "");
        format!("{item} ({})", mark.field)
    };
    for mark in old_marks.iter().filter(|m| !new_marks.contains(m)) {
        changes.push(Change::Removed {
            kind: Kind::Conflict,
            id: 0,
            name: mark_name(mark, old),
            place: "the map".to_owned(),
        });
    }
    for mark in new_marks.iter().filter(|m| !old_marks.contains(m)) {
        changes.push(Change::Added {
            kind: Kind::Conflict,
            id: 0,
            name: mark_name(mark, new),
            place: "the map".to_owned(),
        });
    }
    sort_scores(&mut changes, new);
    changes
}

/// Score changes in journey order (they were found in id order).
fn sort_scores(changes: &mut [Change], new: &JourneyMap) {
    let order: HashMap<&str, usize> = new
        .touchpoints()
        .enumerate()
        .map(|(i, t)| (t.title.as_str(), i))
        .collect();
    let key = |c: &Change| match c {
        Change::Score { curve, item, .. } => Some((
            curve.clone(),
            order.get(item.as_str()).copied().unwrap_or(usize::MAX),
        )),
        _ => None,
    };
    // Stable: only runs of score changes are reordered among themselves.
    let mut start = 0;
    while start < changes.len() {
        if key(&changes[start]).is_none() {
            start += 1;
            continue;
        }
        let mut end = start;
        while end < changes.len() && key(&changes[end]).is_some() {
            end += 1;
        }
        changes[start..end].sort_by_key(|c| key(c));
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> JourneyMap {
        crate::model::JourneyMap::plain(12)
    }

    #[test]
    fn a_map_and_itself_differ_in_nothing() {
        assert!(diff(&map(), &map()).is_empty());
    }

    #[test]
    fn one_move_one_rename_one_score_and_one_addition_are_exactly_four_changes() {
        let old = map();
        let mut new = old.clone();
        // Move the first card of stage 1 to the end of stage 2.
        let moved = new.stages[0].touchpoints.remove(0);
        new.stages[1].touchpoints.push(moved);
        // Rename the second card of stage 1, change a score, add a card.
        new.stages[0].touchpoints[1].title = "Renamed".to_owned();
        let scored = new.stages[0].touchpoints[0].id;
        let was = new.curves[0].scores[&scored];
        new.curves[0].scores.insert(scored, was + 1);
        let fresh = new.id_allocator().touchpoint();
        new.stages[1]
            .touchpoints
            .insert(0, Touchpoint::new(fresh, "Fresh"));
        new.curves[0].scores.insert(fresh, 1);
        let changes = diff(&old, &new);
        assert_eq!(changes.len(), 4, "{changes:#?}");
        assert!(changes.iter().any(|c| matches!(c, Change::Added { kind: Kind::Touchpoint, name, .. } if name == "Fresh")), "{changes:#?}");
        assert!(changes.iter().any(|c| matches!(
            c,
            Change::Moved {
                kind: Kind::Touchpoint,
                ..
            }
        )));
        assert!(
            changes
                .iter()
                .any(|c| matches!(c, Change::Renamed { to, .. } if to == "Renamed"))
        );
        assert!(
            changes.iter().any(
                |c| matches!(c, Change::Score { from: Some(a), to: Some(b), .. } if *b == a + 1)
            )
        );
    }

    #[test]
    fn conflict_marks_are_compared_as_sets() {
        use crate::model::conflict::Value;
        let old = map();
        let card = |i: usize| Subject::Touchpoint(old.stages[0].touchpoints[i].id);
        let mark = |on, field: &str| Conflict {
            on,
            field: field.to_owned(),
            ours: Value::Text("A".to_owned()),
            theirs: Value::Text("B".to_owned()),
        };
        let mut old = old.clone();
        old.conflicts = vec![mark(card(0), "title"), mark(card(1), "notes")];
        let mut new = old.clone();
        new.conflicts.reverse();
        assert!(diff(&old, &new).is_empty(), "{:#?}", diff(&old, &new));
        // One resolved and one left, in another order: exactly those two lines.
        new.conflicts = vec![mark(card(2), "title"), mark(card(0), "title")];
        let lines: Vec<String> = diff(&old, &new).iter().map(ToString::to_string).collect();
        assert_eq!(lines.len(), 2, "{lines:#?}");
        assert!(
            lines[0].starts_with("- conflict mark on") && lines[0].contains("(notes)"),
            "{lines:#?}"
        );
        assert!(
            lines[1].starts_with("+ conflict mark on") && lines[1].contains("Touchpoint 0.2"),
            "{lines:#?}"
        );
    }

    #[test]
    fn a_card_moved_within_its_stage_is_the_only_one_moved() {
        let old = map();
        let mut new = old.clone();
        let first = new.stages[0].touchpoints.remove(0);
        new.stages[0].touchpoints.push(first);
        let changes = diff(&old, &new);
        assert_eq!(changes.len(), 1, "{changes:#?}");
        assert!(
            changes[0].to_string().starts_with("> touchpoint"),
            "{}",
            changes[0]
        );
    }

    #[test]
    fn drafts_that_reuse_ids_for_other_things_are_matched_by_title() {
        // Two drafts from the same blank map: both made "stage 2" with id 50, about different
        // things; the second also has the first's stage under another id.
        let mut a = map();
        let mut b = map();
        let mut ids = IdAllocator::after(1_000);
        let id = ids.stage();
        a.stages.push(Stage::new(id, "Delivery", PALETTE[0]));
        let mut other = Stage::new(id, "Returns", PALETTE[1]);
        other
            .touchpoints
            .push(Touchpoint::new(ids.touchpoint(), "Print label"));
        b.stages
            .push(Stage::new(ids.stage(), "Delivery", PALETTE[0]));
        b.stages.push(other);
        let changes = diff(&a, &b);
        let lines: Vec<String> = changes.iter().map(ToString::to_string).collect();
        assert!(
            lines.iter().any(|l| l.starts_with("+ stage \"Returns\"")),
            "{lines:#?}"
        );
        assert!(!lines.iter().any(|l| l.contains("renamed")), "{lines:#?}");
    }
}
