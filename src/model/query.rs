//! Questions asked of a map: where an item is, whether it exists, what text it shows, what a
//! note's anchor spans.

use super::ids::*;
use super::item::{HeaderPart, Item};
use super::map::{Anchor, JourneyMap, Lane, Note, Persona, Stage};
use std::ops::RangeInclusive;

/// Where a note is in its map.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NoteAt<'a> {
    /// The lane whose row holds it.
    pub lane: LaneId,
    /// Where that lane is among the lanes, counting from the top.
    pub lane_index: usize,
    /// Its place in the lane's list of notes.
    pub index: usize,
    /// The note itself.
    pub note: &'a Note,
}

impl NoteAt<'_> {
    /// The stage whose cell holds the note, when it is anchored to one stage alone.
    pub fn stage(&self) -> Option<StageId> {
        match self.note.anchor {
            Anchor::Stage(stage) => Some(stage),
            _ => None,
        }
    }
}

impl JourneyMap {
    /// The note with this id, and where it is.
    pub fn note(&self, id: NoteId) -> Option<NoteAt<'_>> {
        self.lanes
            .iter()
            .enumerate()
            .find_map(|(lane_index, lane)| {
                let index = lane.notes.iter().position(|n| n.id == id)?;
                Some(NoteAt {
                    lane: lane.id,
                    lane_index,
                    index,
                    note: &lane.notes[index],
                })
            })
    }

    /// Where the lane with this id is among the lanes, counting from the top.
    pub fn lane_index(&self, id: LaneId) -> Option<usize> {
        self.lanes.iter().position(|l| l.id == id)
    }

    /// The persona with this id.
    pub fn persona(&self, id: PersonaId) -> Option<&Persona> {
        self.header.personas.iter().find(|p| p.id == id)
    }

    /// A touchpoint's place in the whole journey (0 for the first card of the first stage).
    pub fn touchpoint_order(&self, id: TouchpointId) -> Option<usize> {
        self.touchpoints().position(|t| t.id == id)
    }

    /// The stages an anchor spans, as indices into `stages`, first to last. None when it names
    /// a stage or touchpoint the map does not have, or a run whose first comes after its last.
    pub fn anchor_stages(&self, anchor: Anchor) -> Option<RangeInclusive<usize>> {
        let stage = |id| self.stage_index(id);
        let of = |tp| self.touchpoint_position(tp).map(|(s, _)| s);
        let (first, last) = match anchor {
            Anchor::Stage(s) => (stage(s)?, stage(s)?),
            Anchor::Stages(a, b) => (stage(a)?, stage(b)?),
            Anchor::Touchpoint(t) => (of(t)?, of(t)?),
            Anchor::Touchpoints(a, b) => {
                if self.touchpoint_order(a)? > self.touchpoint_order(b)? {
                    return None;
                }
                (of(a)?, of(b)?)
            }
            Anchor::Journey => (0, self.stages.len().checked_sub(1)?),
        };
        (first <= last).then_some(first..=last)
    }

    /// The ids of the stages (for a stage anchor) or touchpoints (for a touchpoint anchor) an
    /// anchor spans, in journey order; empty for the whole journey or an anchor that names
    /// something the map does not have.
    pub fn anchor_members(&self, anchor: Anchor) -> Vec<u32> {
        match anchor {
            Anchor::Stage(s) => self.stage(s).map(|_| vec![s.0]).unwrap_or_default(),
            Anchor::Touchpoint(t) => self.touchpoint(t).map(|_| vec![t.0]).unwrap_or_default(),
            Anchor::Stages(a, b) => match (self.stage_index(a), self.stage_index(b)) {
                (Some(a), Some(b)) if a <= b => self.stages[a..=b].iter().map(|s| s.id.0).collect(),
                _ => Vec::new(),
            },
            Anchor::Touchpoints(a, b) => {
                match (self.touchpoint_order(a), self.touchpoint_order(b)) {
                    (Some(a), Some(b)) if a <= b => self
                        .touchpoints()
                        .skip(a)
                        .take(b - a + 1)
                        .map(|t| t.id.0)
                        .collect(),
                    _ => Vec::new(),
                }
            }
            Anchor::Journey => Vec::new(),
        }
    }

    /// Where a stage (or, with `touchpoints`, a touchpoint) stands in the journey's order.
    pub fn member_place(&self, id: u32, touchpoints: bool) -> Option<usize> {
        if touchpoints {
            self.touchpoint_order(TouchpointId(id))
        } else {
            self.stage_index(StageId(id))
        }
    }

    /// The anchor spanning the given stages (or, with `touchpoints`, touchpoints) from the
    /// first to the last of them in today's order: one member gives a single anchor. None when
    /// none of them is in the map.
    pub fn anchor_spanning(&self, members: &[u32], touchpoints: bool) -> Option<Anchor> {
        let placed = members
            .iter()
            .filter_map(|id| Some((self.member_place(*id, touchpoints)?, *id)));
        let (_, first) = placed.clone().min()?;
        let (_, last) = placed.max()?;
        Some(Anchor::run(first, last, touchpoints))
    }

    /// The notes of `lane` about the stage at `index`: its own, then those that span it (runs
    /// of stages or cards reaching into it, the whole journey), each in list order.
    pub fn notes_about<'a>(&self, lane: &'a Lane, index: usize) -> Vec<&'a Note> {
        let Some(stage) = self.stages.get(index) else {
            return Vec::new();
        };
        let own = lane.notes_in(stage.id);
        let spanning = lane.notes.iter().filter(|n| {
            n.anchor != Anchor::Stage(stage.id)
                && self
                    .anchor_stages(n.anchor)
                    .is_some_and(|r| r.contains(&index))
        });
        own.into_iter().chain(spanning).collect()
    }

    /// The notes of `lane` anchored within `stage`: to it, or to its touchpoints.
    pub fn notes_within(&self, lane: &Lane, stage: &Stage) -> Vec<Note> {
        let own: Vec<u32> = std::iter::once(stage.id.0)
            .chain(stage.touchpoints.iter().map(|t| t.id.0))
            .collect();
        lane.notes
            .iter()
            .filter(|n| {
                let members = self.anchor_members(n.anchor);
                !members.is_empty() && members.iter().all(|m| own.contains(m))
            })
            .cloned()
            .collect()
    }

    /// What an id names in this map, in words, for messages ("a touchpoint", "a lane"…).
    pub fn kind_of_id(&self, id: u32) -> Option<&'static str> {
        if self.header.personas.iter().any(|p| p.id.0 == id) {
            Some("a persona")
        } else if self.stages.iter().any(|s| s.id.0 == id) {
            Some("a stage")
        } else if self.touchpoints().any(|t| t.id.0 == id) {
            Some("a touchpoint")
        } else if self.lanes.iter().any(|l| l.id.0 == id) {
            Some("a lane")
        } else if self
            .lanes
            .iter()
            .flat_map(|l| &l.notes)
            .any(|n| n.id.0 == id)
        {
            Some("a note")
        } else if self.curves.iter().any(|c| c.id.0 == id) {
            Some("an emotion curve")
        } else {
            None
        }
    }

    /// Whether the map holds `item` (a score: whether the curve scores that touchpoint or
    /// stage).
    pub fn has_item(&self, item: Item) -> bool {
        match item {
            Item::Stage(id) => self.stage(id).is_some(),
            Item::Touchpoint(id) => self.touchpoint(id).is_some(),
            Item::Lane(id) => self.lane(id).is_some(),
            Item::Note(id) => self.note(id).is_some(),
            Item::Score(c, t) => self.curve(c).is_some_and(|c| c.scores.contains_key(&t)),
            Item::StageScore(c, s) => self
                .curve(c)
                .is_some_and(|c| c.stage_scores.contains_key(&s)),
            Item::Curve(id) => self.curve(id).is_some(),
            Item::Cell(lane, stage) => self.lane(lane).is_some() && self.stage(stage).is_some(),
            Item::FixedRow(_) => true,
            Item::Header(part) => match part {
                HeaderPart::Title
                | HeaderPart::Scenario
                | HeaderPart::Expectations
                | HeaderPart::Source => true,
                HeaderPart::PersonaName(id)
                | HeaderPart::PersonaDescription(id)
                | HeaderPart::PersonaGoals(id) => self.persona(id).is_some(),
            },
        }
    }

    /// The text an item shows, which in-place editing changes (None for items without one).
    pub fn item_text(&self, item: Item) -> Option<&str> {
        match item {
            Item::Stage(id) => self.stage(id).map(|s| s.name.as_str()),
            Item::Touchpoint(id) => self.touchpoint(id).map(|t| t.title.as_str()),
            Item::Lane(id) => self.lane(id).map(|l| l.name.as_str()),
            Item::Note(id) => self.note(id).map(|n| n.note.text.as_str()),
            Item::Curve(id) => self.curve(id).map(|c| c.name.as_str()),
            Item::Header(part) => match part {
                HeaderPart::Title => Some(&self.header.title),
                HeaderPart::Scenario => Some(&self.header.scenario),
                HeaderPart::Expectations => Some(&self.header.expectations),
                HeaderPart::Source => Some(&self.header.source),
                HeaderPart::PersonaName(id) => self.persona(id).map(|p| p.name.as_str()),
                HeaderPart::PersonaDescription(id) => {
                    self.persona(id).map(|p| p.description.as_str())
                }
                // Goals are a list, edited in the inspector rather than in place.
                HeaderPart::PersonaGoals(_) => None,
            },
            // The fixed rows are renamed in the inspector: their shown name may be the
            // interface's word rather than the map's.
            Item::Score(..) | Item::StageScore(..) | Item::Cell(..) | Item::FixedRow(_) => None,
        }
    }

    /// Whether an item is locked against moving and deleting: a locked stage, touchpoint, lane
    /// or note, or a note in a locked lane.
    pub fn is_locked(&self, item: Item) -> bool {
        match item {
            Item::Stage(id) => self.stage(id).is_some_and(|s| s.locked),
            Item::Touchpoint(id) => self.touchpoint(id).is_some_and(|t| t.locked),
            Item::Lane(id) => self.lane(id).is_some_and(|l| l.locked),
            Item::Note(id) => self
                .note(id)
                .is_some_and(|at| at.note.locked || self.lanes[at.lane_index].locked),
            Item::Cell(lane, _) => self.lane(lane).is_some_and(|l| l.locked),
            Item::Score(..)
            | Item::StageScore(..)
            | Item::Curve(_)
            | Item::Header(_)
            | Item::FixedRow(_) => false,
        }
    }

    /// Where an item is in reading order: stages, touchpoints, lanes, notes, then the rest.
    pub fn order_key(&self, item: Item) -> (u8, usize, usize, usize) {
        match item {
            Item::Stage(id) => (0, self.stage_index(id).unwrap_or(0), 0, 0),
            Item::Touchpoint(id) => {
                let (s, t) = self.touchpoint_position(id).unwrap_or((0, 0));
                (1, s, t, 0)
            }
            Item::Lane(id) => (2, self.lane_index(id).unwrap_or(0), 0, 0),
            Item::Note(id) => match self.note(id) {
                Some(at) => (
                    3,
                    at.lane_index,
                    self.anchor_stages(at.note.anchor).map_or(0, |r| *r.start()),
                    at.index,
                ),
                None => (3, 0, 0, 0),
            },
            Item::Score(..)
            | Item::StageScore(..)
            | Item::Curve(_)
            | Item::Cell(..)
            | Item::Header(_)
            | Item::FixedRow(_) => (4, 0, 0, 0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Touchpoint;

    #[test]
    fn every_item_of_a_map_is_found_with_its_text() {
        let mut map = JourneyMap::blank("Title");
        let stage = map.stages[0].id;
        let lane = map.lanes[1].id;
        let note = Note::new(NoteId(99), "a thought", Anchor::Stage(stage));
        map.lanes[1].notes.push(note);
        let at = map.note(NoteId(99)).expect("found");
        assert_eq!(
            (at.lane, at.lane_index, at.stage(), at.index),
            (lane, 1, Some(stage), 0)
        );
        assert_eq!(map.item_text(Item::Note(NoteId(99))), Some("a thought"));
        assert_eq!(
            map.item_text(Item::Header(HeaderPart::Title)),
            Some("Title")
        );
        assert!(map.has_item(Item::Cell(lane, stage)));
        assert!(!map.has_item(Item::Note(NoteId(98))));
        assert!(!map.has_item(Item::Header(HeaderPart::PersonaName(PersonaId(1)))));
        assert_eq!(map.item_text(Item::Cell(lane, stage)), None);
        assert_eq!(map.kind_of_id(stage.0), Some("a stage"));
        assert_eq!(map.kind_of_id(99), Some("a note"));
    }

    #[test]
    fn anchors_span_their_stages_in_order() {
        let mut map = JourneyMap::blank("T");
        for n in 0..3 {
            map.stages.push(crate::model::Stage::new(
                StageId(50 + n),
                "S",
                crate::model::PALETTE[0],
            ));
        }
        map.stages[1]
            .touchpoints
            .push(Touchpoint::new(TouchpointId(60), "a"));
        map.stages[3]
            .touchpoints
            .push(Touchpoint::new(TouchpointId(61), "b"));
        let s = |i: usize| map.stages[i].id;
        assert_eq!(map.anchor_stages(Anchor::Stages(s(1), s(3))), Some(1..=3));
        assert_eq!(
            map.anchor_stages(Anchor::Stages(s(3), s(1))),
            None,
            "out of order"
        );
        assert_eq!(
            map.anchor_stages(Anchor::Touchpoints(TouchpointId(60), TouchpointId(61))),
            Some(1..=3)
        );
        assert_eq!(
            map.anchor_stages(Anchor::Touchpoints(TouchpointId(61), TouchpointId(60))),
            None
        );
        assert_eq!(map.anchor_stages(Anchor::Journey), Some(0..=3));
        assert_eq!(map.anchor_stages(Anchor::Stage(StageId(999))), None);
    }
}
