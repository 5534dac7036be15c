//! Where each stage and touchpoint stands, found once per layout so that placing a note never
//! searches the map: laying out a map stays linear in its size.

use crate::model::{Anchor, JourneyMap, StageId, TouchpointId};
use std::collections::HashMap;
use std::ops::RangeInclusive;

/// The stages' indices and the touchpoints' places, by id.
pub(super) struct MapIndex {
    stage: HashMap<StageId, usize>,
    /// A touchpoint's stage index and its place in the journey's order.
    touchpoint: HashMap<TouchpointId, (usize, usize)>,
    stages: usize,
}

impl MapIndex {
    pub fn new(map: &JourneyMap) -> Self {
        let mut stage = HashMap::with_capacity(map.stages.len());
        let mut touchpoint = HashMap::new();
        let mut order = 0;
        for (si, s) in map.stages.iter().enumerate() {
            stage.entry(s.id).or_insert(si);
            for tp in &s.touchpoints {
                touchpoint.entry(tp.id).or_insert((si, order));
                order += 1;
            }
        }
        Self {
            stage,
            touchpoint,
            stages: map.stages.len(),
        }
    }

    /// An index of nothing, for a builder that places no notes.
    pub fn empty() -> Self {
        Self {
            stage: HashMap::new(),
            touchpoint: HashMap::new(),
            stages: 0,
        }
    }

    /// The touchpoint's place in the journey's order (0 for the first).
    pub fn order(&self, id: TouchpointId) -> Option<usize> {
        self.touchpoint.get(&id).map(|&(_, order)| order)
    }

    /// The stages an anchor spans, as [`JourneyMap::anchor_stages`] says, without searching.
    pub fn anchor_stages(&self, anchor: Anchor) -> Option<RangeInclusive<usize>> {
        let stage = |id| self.stage.get(&id).copied();
        let of = |id| self.touchpoint.get(&id).map(|&(si, _)| si);
        let (first, last) = match anchor {
            Anchor::Stage(s) => (stage(s)?, stage(s)?),
            Anchor::Stages(a, b) => (stage(a)?, stage(b)?),
            Anchor::Touchpoint(t) => (of(t)?, of(t)?),
            Anchor::Touchpoints(a, b) => {
                if self.order(a)? > self.order(b)? {
                    return None;
                }
                (of(a)?, of(b)?)
            }
            Anchor::Journey => (0, self.stages.checked_sub(1)?),
        };
        (first <= last).then_some(first..=last)
    }

    /// The touchpoints a touchpoint anchor spans, as places in the journey's order; None for
    /// other anchors and for a run whose first comes after its last.
    pub fn anchor_orders(&self, anchor: Anchor) -> Option<RangeInclusive<usize>> {
        let (a, b) = match anchor {
            Anchor::Touchpoint(t) => (self.order(t)?, self.order(t)?),
            Anchor::Touchpoints(a, b) => (self.order(a)?, self.order(b)?),
            _ => return None,
        };
        (a <= b).then_some(a..=b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_answers_as_the_map_does() {
        let maps = crate::templates::ALL
            .iter()
            .map(crate::templates::Template::map);
        for map in maps.chain([JourneyMap::generated(300)]) {
            let index = MapIndex::new(&map);
            for lane in &map.lanes {
                for note in &lane.notes {
                    assert_eq!(
                        index.anchor_stages(note.anchor),
                        map.anchor_stages(note.anchor),
                        "{:?}",
                        note.anchor
                    );
                }
            }
            for (order, tp) in map.touchpoints().enumerate() {
                assert_eq!(index.order(tp.id), Some(order));
                assert_eq!(
                    index.anchor_stages(Anchor::Touchpoint(tp.id)),
                    map.anchor_stages(Anchor::Touchpoint(tp.id))
                );
            }
        }
    }
}
