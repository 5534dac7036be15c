//! Questions asked of a map: where an item is, whether it exists, what text it shows.

use super::ids::*;
use super::item::{HeaderPart, Item};
use super::map::{JourneyMap, Note, Persona};

/// Where a note is in its map.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NoteAt<'a> {
    /// The lane whose row holds it.
    pub lane: LaneId,
    /// Where that lane is among the lanes, counting from the top.
    pub lane_index: usize,
    /// The stage whose cell holds it.
    pub stage: StageId,
    /// Its place in the cell.
    pub index: usize,
    /// The note itself.
    pub note: &'a Note,
}

impl JourneyMap {
    /// The note with this id, and where it is.
    pub fn note(&self, id: NoteId) -> Option<NoteAt<'_>> {
        self.lanes
            .iter()
            .enumerate()
            .find_map(|(lane_index, lane)| {
                lane.notes.iter().find_map(|(stage, notes)| {
                    let index = notes.iter().position(|n| n.id == id)?;
                    Some(NoteAt {
                        lane: lane.id,
                        lane_index,
                        stage: *stage,
                        index,
                        note: &notes[index],
                    })
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

    /// Whether the map holds `item` (a score: whether the curve scores that touchpoint).
    pub fn has_item(&self, item: Item) -> bool {
        match item {
            Item::Stage(id) => self.stage(id).is_some(),
            Item::Touchpoint(id) => self.touchpoint(id).is_some(),
            Item::Lane(id) => self.lane(id).is_some(),
            Item::Note(id) => self.note(id).is_some(),
            Item::Score(c, t) => self.curve(c).is_some_and(|c| c.scores.contains_key(&t)),
            Item::Curve(id) => self.curve(id).is_some(),
            Item::Cell(lane, stage) => self.lane(lane).is_some() && self.stage(stage).is_some(),
            Item::Header(part) => match part {
                HeaderPart::Title | HeaderPart::Scenario | HeaderPart::Expectations => true,
                HeaderPart::PersonaName(id) | HeaderPart::PersonaDescription(id) => {
                    self.persona(id).is_some()
                }
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
                HeaderPart::PersonaName(id) => self.persona(id).map(|p| p.name.as_str()),
                HeaderPart::PersonaDescription(id) => {
                    self.persona(id).map(|p| p.description.as_str())
                }
            },
            Item::Score(..) | Item::Cell(..) => None,
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
            Item::Score(..) | Item::Curve(_) | Item::Header(_) => false,
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
                    self.stage_index(at.stage).unwrap_or(0),
                    at.index,
                ),
                None => (3, 0, 0, 0),
            },
            Item::Score(..) | Item::Curve(_) | Item::Cell(..) | Item::Header(_) => (4, 0, 0, 0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_of_a_map_is_found_with_its_text() {
        let mut map = JourneyMap::blank("Title");
        let stage = map.stages[0].id;
        let lane = map.lanes[1].id;
        let note = Note {
            id: NoteId(99),
            text: "a thought".into(),
            votes: 0,
            locked: false,
        };
        map.lanes[1].notes.insert(stage, vec![note]);
        let at = map.note(NoteId(99)).expect("found");
        assert_eq!(
            (at.lane, at.lane_index, at.stage, at.index),
            (lane, 1, stage, 0)
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
    }
}
