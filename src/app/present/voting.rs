//! Dot voting, in rounds: votes are cast only inside a round, so nothing is voted by accident.
//! A round is set up with the number of people in the room and the dots each may place (one
//! laptop passes round: the room's total is counted down), optionally on one kind of lane only.
//! Each dot is one undo step on the map (the votes are saved with it); the round counts its dots
//! from the votes the map held when it began, so an undo gives a dot back. At the end, the items
//! the round voted for are ranked.

use crate::edit::Edit;
use crate::model::*;
use std::collections::BTreeMap;

/// How a round is set up, before it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct RoundSetup {
    /// How many people vote.
    pub participants: u32,
    /// How many dots each person places.
    pub dots: u32,
    /// Only notes of lanes of this kind may be voted on (pain points, say); None: every card
    /// and note.
    pub kind: Option<LaneKind>,
}

impl Default for RoundSetup {
    fn default() -> Self {
        Self {
            participants: 6,
            dots: 3,
            kind: None,
        }
    }
}

/// A round under way.
#[derive(Clone, Debug, PartialEq)]
pub struct Round {
    pub setup: RoundSetup,
    /// The votes each item held when the round began.
    start: BTreeMap<Item, u32>,
    /// The item the keyboard points at (Tab, Shift+Tab), which V and Shift+V vote on.
    pub focus: Option<Item>,
}

/// An item a round voted for, with its dots from the round and its votes in all.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    pub item: Item,
    /// The item's words (a card's title, a note's text).
    pub text: String,
    pub dots: u32,
    pub votes: u32,
}

/// The votes an item holds (cards and notes hold votes; nothing else does).
pub fn votes_of(map: &JourneyMap, item: Item) -> Option<u32> {
    match item {
        Item::Touchpoint(id) => map.touchpoint(id).map(|t| t.votes),
        Item::Note(id) => map.note(id).map(|at| at.note.votes),
        _ => None,
    }
}

/// The edit that gives `item` `votes` votes.
pub fn set_votes(map: &JourneyMap, item: Item, votes: u32) -> Option<Edit> {
    match item {
        Item::Touchpoint(id) => map
            .touchpoint(id)
            .map(|t| Edit::SetTouchpoint(Touchpoint { votes, ..t.clone() })),
        Item::Note(id) => map.note(id).map(|at| {
            Edit::SetNote(Note {
                votes,
                ..at.note.clone()
            })
        }),
        _ => None,
    }
}

/// Every vote on the map taken back to none, as one edit (None when there are none).
pub fn reset_votes(map: &JourneyMap) -> Option<Edit> {
    let voted = map
        .touchpoints()
        .filter(|t| t.votes > 0)
        .map(|t| Item::Touchpoint(t.id))
        .chain(
            map.lanes
                .iter()
                .flat_map(|l| &l.notes)
                .filter(|n| n.votes > 0)
                .map(|n| Item::Note(n.id)),
        );
    let edits: Vec<Edit> = voted.filter_map(|item| set_votes(map, item, 0)).collect();
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

impl Round {
    /// A round starting on `map` as it is now.
    pub fn start(setup: RoundSetup, map: &JourneyMap) -> Self {
        let mut start = BTreeMap::new();
        for t in map.touchpoints() {
            start.insert(Item::Touchpoint(t.id), t.votes);
        }
        for note in map.lanes.iter().flat_map(|l| &l.notes) {
            start.insert(Item::Note(note.id), note.votes);
        }
        Self {
            setup,
            start,
            focus: None,
        }
    }

    /// The dots the room has to place in all.
    pub fn total(&self) -> u32 {
        self.setup.participants.saturating_mul(self.setup.dots)
    }

    /// The dots this round has placed on `item`.
    pub fn dots_on(&self, map: &JourneyMap, item: Item) -> u32 {
        let now = votes_of(map, item).unwrap_or(0);
        now.saturating_sub(self.start.get(&item).copied().unwrap_or(0))
    }

    /// The dots placed so far.
    pub fn placed(&self, map: &JourneyMap) -> u32 {
        votable(map, self.setup.kind)
            .into_iter()
            .map(|item| self.dots_on(map, item))
            .sum()
    }

    /// The dots the room still has.
    pub fn left(&self, map: &JourneyMap) -> u32 {
        self.total().saturating_sub(self.placed(map))
    }

    /// Whether `item` may be voted on in this round.
    pub fn may_vote(&self, map: &JourneyMap, item: Item) -> bool {
        match item {
            Item::Touchpoint(id) => self.setup.kind.is_none() && map.touchpoint(id).is_some(),
            Item::Note(id) => map.note(id).is_some_and(|at| {
                self.setup
                    .kind
                    .is_none_or(|kind| map.lanes[at.lane_index].kind == kind)
            }),
            _ => false,
        }
    }

    /// The edit that places a dot on `item`, if the room has one left and the item may take it.
    pub fn add(&self, map: &JourneyMap, item: Item) -> Option<Edit> {
        if self.left(map) == 0 || !self.may_vote(map, item) {
            return None;
        }
        set_votes(map, item, votes_of(map, item)?.saturating_add(1))
    }

    /// The edit that takes back a dot this round placed on `item`.
    pub fn remove(&self, map: &JourneyMap, item: Item) -> Option<Edit> {
        if self.dots_on(map, item) == 0 {
            return None;
        }
        set_votes(map, item, votes_of(map, item)?.saturating_sub(1))
    }

    /// The items this round voted for, most dots first (then most votes), the first ten.
    pub fn ranking(&self, map: &JourneyMap) -> Vec<Ranked> {
        let mut ranked: Vec<Ranked> = votable(map, self.setup.kind)
            .into_iter()
            .filter_map(|item| {
                let dots = self.dots_on(map, item);
                (dots > 0).then(|| Ranked {
                    item,
                    text: map.item_text(item).unwrap_or_default().to_owned(),
                    dots,
                    votes: votes_of(map, item).unwrap_or(0),
                })
            })
            .collect();
        ranked.sort_by_key(|r| (std::cmp::Reverse(r.dots), std::cmp::Reverse(r.votes)));
        ranked.truncate(10);
        ranked
    }
}

/// The items a round may vote on, in map order: cards (unless the round is on one lane kind),
/// then the notes of the lanes it allows.
pub fn votable(map: &JourneyMap, kind: Option<LaneKind>) -> Vec<Item> {
    let cards = map
        .touchpoints()
        .filter(|_| kind.is_none())
        .map(|t| Item::Touchpoint(t.id));
    let notes = map
        .lanes
        .iter()
        .filter(|l| kind.is_none_or(|k| l.kind == k))
        .flat_map(|l| &l.notes)
        .filter(|n| map.anchor_stages(n.anchor).is_some())
        .map(|n| Item::Note(n.id));
    cards.chain(notes).collect()
}

/// The items of one stage a round may vote on, for Tab to walk through.
pub fn votable_in_stage(map: &JourneyMap, stage: usize, kind: Option<LaneKind>) -> Vec<Item> {
    let index = stage;
    let Some(stage) = map.stages.get(stage) else {
        return Vec::new();
    };
    let cards = stage
        .touchpoints
        .iter()
        .filter(|_| kind.is_none())
        .map(|t| Item::Touchpoint(t.id));
    let notes = map
        .lanes
        .iter()
        .filter(|l| kind.is_none_or(|k| l.kind == k))
        .flat_map(|l| map.notes_about(l, index))
        .map(|n| Item::Note(n.id));
    cards.chain(notes).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(map: &mut JourneyMap, edit: Option<Edit>) {
        edit.expect("an edit").apply(map).expect("applies");
    }

    #[test]
    fn a_round_counts_down_the_rooms_dots_and_ranks_what_it_voted_for() {
        let mut map = crate::templates::find("silk-shop-en")
            .expect("template")
            .map();
        let setup = RoundSetup {
            participants: 1,
            dots: 3,
            kind: None,
        };
        let round = Round::start(setup, &map);
        let a = Item::Touchpoint(map.stages[0].touchpoints[0].id);
        let b = Item::Touchpoint(map.stages[1].touchpoints[0].id);
        let before_b = votes_of(&map, b).expect("votes");
        assert_eq!(round.left(&map), 3);
        let edit = round.add(&map, a);
        apply(&mut map, edit);
        let edit = round.add(&map, b);
        apply(&mut map, edit);
        let edit = round.add(&map, b);
        apply(&mut map, edit);
        assert_eq!(round.left(&map), 0);
        assert!(round.add(&map, a).is_none(), "no dots left");
        assert_eq!(votes_of(&map, b), Some(before_b + 2));
        let ranking = round.ranking(&map);
        assert_eq!(
            ranking.iter().map(|r| (r.item, r.dots)).collect::<Vec<_>>(),
            [(b, 2), (a, 1)]
        );
        let edit = round.remove(&map, a);
        apply(&mut map, edit);
        assert!(
            round.remove(&map, a).is_none(),
            "only the round's own dots come off"
        );
        assert_eq!(round.left(&map), 1);
    }

    #[test]
    fn a_round_on_one_lane_kind_takes_only_its_notes() {
        let map = crate::templates::find("restaurant-en")
            .expect("template")
            .map();
        let setup = RoundSetup {
            participants: 2,
            dots: 2,
            kind: Some(LaneKind::PainPoints),
        };
        let round = Round::start(setup, &map);
        let card = Item::Touchpoint(map.stages[0].touchpoints[0].id);
        assert!(!round.may_vote(&map, card));
        let pains = votable(&map, Some(LaneKind::PainPoints));
        assert!(!pains.is_empty());
        for item in &pains {
            assert!(round.may_vote(&map, *item));
        }
        assert!(
            reset_votes(&map).is_some(),
            "the template holds votes to reset"
        );
    }
}
