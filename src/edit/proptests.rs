//! Random edit sessions on the bundled templates: whatever the user does, valid or not, the map
//! stays sound, a failed or empty edit changes nothing, undoing everything gives back the opened
//! map exactly and redoing everything gives back the final one.

use super::{Document, Edit};
use crate::model::{
    Channel, CurveId, EmotionCurve, EmotionScale, IdAllocator, JourneyMap, Lane, LaneId, LaneKind,
    Note, NoteId, Persona, PersonaId, Rgb, ScaleLevel, Stage, StageId, Touchpoint, TouchpointId,
};
use proptest::prelude::*;
use std::collections::BTreeMap;

/// The number of kinds of edit [`Gen::edit`] makes.
const KINDS: u8 = 25;

/// A small deterministic random source, so one `(kind, seed)` pair stands for one edit and
/// proptest can shrink sessions edit by edit.
struct Rng(u64);

impl Rng {
    /// SplitMix64.
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn one_in(&mut self, n: u64) -> bool {
        self.next().is_multiple_of(n)
    }
}

/// Makes edits from the map's current ids: mostly valid, some pointing at missing items, some
/// reusing ids, some with scores outside the scale.
struct Gen<'a> {
    map: &'a JourneyMap,
    rng: Rng,
    ids: IdAllocator,
}

impl Gen<'_> {
    fn index(&mut self) -> usize {
        if self.rng.one_in(8) {
            usize::MAX
        } else {
            self.rng.below(8)
        }
    }

    /// A missing id, now and then.
    fn missing(&mut self) -> Option<u32> {
        self.rng
            .one_in(10)
            .then(|| 900_000 + self.rng.below(3) as u32)
    }

    /// A fresh id, or now and then one already used.
    fn new_id(&mut self) -> u32 {
        let used: Vec<u32> = self.map.all_ids().collect();
        if self.rng.one_in(8) && !used.is_empty() {
            used[self.rng.below(used.len())]
        } else {
            self.ids.next_raw()
        }
    }

    fn stage(&mut self) -> StageId {
        match self.missing() {
            Some(id) => StageId(id),
            None if self.map.stages.is_empty() => StageId(900_000),
            None => self.map.stages[self.rng.below(self.map.stages.len())].id,
        }
    }

    fn touchpoint(&mut self) -> TouchpointId {
        let all: Vec<TouchpointId> = self.map.touchpoints().map(|t| t.id).collect();
        match self.missing() {
            Some(id) => TouchpointId(id),
            None if all.is_empty() => TouchpointId(900_000),
            None => all[self.rng.below(all.len())],
        }
    }

    fn lane(&mut self) -> LaneId {
        match self.missing() {
            Some(id) => LaneId(id),
            None if self.map.lanes.is_empty() => LaneId(900_000),
            None => self.map.lanes[self.rng.below(self.map.lanes.len())].id,
        }
    }

    fn note(&mut self) -> Option<&Note> {
        let all: Vec<&Note> = self
            .map
            .lanes
            .iter()
            .flat_map(|l| l.notes.values().flatten())
            .collect();
        if all.is_empty() || self.rng.one_in(10) {
            None
        } else {
            Some(all[self.rng.below(all.len())])
        }
    }

    fn note_id(&mut self) -> NoteId {
        self.note().map_or(NoteId(900_000), |n| n.id)
    }

    fn curve(&mut self) -> CurveId {
        match self.missing() {
            Some(id) => CurveId(id),
            None if self.map.curves.is_empty() => CurveId(900_000),
            None => self.map.curves[self.rng.below(self.map.curves.len())].id,
        }
    }

    fn persona(&mut self) -> Option<PersonaId> {
        let personas = &self.map.header.personas;
        if personas.is_empty() || self.rng.one_in(3) {
            None
        } else if self.rng.one_in(10) {
            Some(PersonaId(900_000))
        } else {
            Some(personas[self.rng.below(personas.len())].id)
        }
    }

    /// Inside the default scale (−2..2) more often than not.
    fn score(&mut self) -> i32 {
        self.rng.below(9) as i32 - 4
    }

    fn text(&mut self) -> String {
        format!("text {}", self.rng.below(1000))
    }

    fn colour(&mut self) -> Rgb {
        Rgb::new(self.rng.below(256) as u8, 0, self.rng.below(256) as u8)
    }

    fn new_touchpoint(&mut self) -> Touchpoint {
        Touchpoint {
            id: TouchpointId(self.new_id()),
            title: self.text(),
            description: String::new(),
            channel: Channel::NAMED[self.rng.below(Channel::NAMED.len())].clone(),
            notes: String::new(),
            votes: self.rng.below(3) as u32,
            locked: false,
        }
    }

    fn new_note(&mut self) -> Note {
        Note {
            id: NoteId(self.new_id()),
            text: self.text(),
            votes: 0,
            locked: false,
        }
    }

    fn edit(&mut self, kind: u8) -> Edit {
        match kind {
            0 => Edit::MoveStage {
                stage: self.stage(),
                to: self.index(),
            },
            1 => Edit::MoveTouchpoint {
                touchpoint: self.touchpoint(),
                to_stage: self.stage(),
                to: self.index(),
            },
            2 => Edit::MoveLane {
                lane: self.lane(),
                to: self.index(),
            },
            3 => Edit::MoveNote {
                note: self.note_id(),
                to_lane: self.lane(),
                to_stage: self.stage(),
                to: self.index(),
            },
            4 => Edit::SetScore {
                curve: self.curve(),
                touchpoint: self.touchpoint(),
                score: Some(self.score()),
            },
            5 => Edit::SetScore {
                curve: self.curve(),
                touchpoint: self.touchpoint(),
                score: None,
            },
            6 => {
                let touchpoints: Vec<Touchpoint> = (0..self.rng.below(3))
                    .map(|_| self.new_touchpoint())
                    .collect();
                let mut notes = Vec::new();
                for _ in 0..self.rng.below(3) {
                    let lane = self.lane();
                    let cell = (0..self.rng.below(3)).map(|_| self.new_note()).collect();
                    notes.push((lane, cell));
                }
                let mut scores = Vec::new();
                for t in &touchpoints {
                    if self.rng.one_in(2) {
                        let curve = self.curve();
                        scores.push((curve, t.id, self.score()));
                    }
                }
                if self.rng.one_in(10) {
                    // A score for a touchpoint of another stage.
                    let (curve, touchpoint) = (self.curve(), self.touchpoint());
                    scores.push((curve, touchpoint, 0));
                }
                Edit::InsertStage {
                    index: self.index(),
                    stage: Stage {
                        id: StageId(self.new_id()),
                        name: self.text(),
                        colour: self.colour(),
                        touchpoints,
                        locked: false,
                    },
                    notes,
                    scores,
                }
            }
            7 => Edit::RemoveStage {
                stage: self.stage(),
            },
            8 => {
                let mut scores = Vec::new();
                for _ in 0..self.rng.below(3) {
                    scores.push((self.curve(), self.score()));
                }
                Edit::InsertTouchpoint {
                    stage: self.stage(),
                    index: self.index(),
                    touchpoint: self.new_touchpoint(),
                    scores,
                }
            }
            9 => Edit::RemoveTouchpoint {
                touchpoint: self.touchpoint(),
            },
            10 => {
                let mut notes = BTreeMap::new();
                for _ in 0..self.rng.below(3) {
                    let stage = self.stage();
                    let cell = (0..self.rng.below(3)).map(|_| self.new_note()).collect();
                    notes.insert(stage, cell);
                }
                Edit::InsertLane {
                    index: self.index(),
                    lane: Lane {
                        id: LaneId(self.new_id()),
                        name: self.text(),
                        kind: LaneKind::ALL[self.rng.below(LaneKind::ALL.len())],
                        notes,
                        locked: false,
                    },
                }
            }
            11 => Edit::RemoveLane { lane: self.lane() },
            12 => Edit::InsertNote {
                lane: self.lane(),
                stage: self.stage(),
                index: self.index(),
                note: self.new_note(),
            },
            13 => Edit::RemoveNote {
                note: self.note_id(),
            },
            14 => {
                let mut scores = BTreeMap::new();
                for _ in 0..self.rng.below(4) {
                    scores.insert(self.touchpoint(), self.score());
                }
                Edit::InsertCurve {
                    index: self.index(),
                    curve: EmotionCurve {
                        id: CurveId(self.new_id()),
                        name: self.text(),
                        colour: self.colour(),
                        persona: self.persona(),
                        scores,
                    },
                }
            }
            15 => Edit::RemoveCurve {
                curve: self.curve(),
            },
            16 => {
                let mut header = self.map.header.clone();
                if !header.personas.is_empty() && self.rng.one_in(2) {
                    let gone = self.rng.below(header.personas.len());
                    header.personas.remove(gone);
                }
                if self.rng.one_in(2) {
                    let id = PersonaId(self.new_id());
                    header.personas.push(Persona {
                        id,
                        name: self.text(),
                        description: String::new(),
                        goals: Vec::new(),
                    });
                }
                if self.rng.one_in(2) {
                    header.title = self.text();
                }
                Edit::SetHeader(header)
            }
            17 | 24 => {
                let min = -(self.rng.below(5) as i32);
                let max = self.rng.below(5) as i32 - 1;
                let levels = match self.rng.below(3) {
                    0 => Vec::new(),
                    1 => self.map.scale.levels.clone(),
                    _ => (min..=max)
                        .map(|value| ScaleLevel {
                            value,
                            label: format!("level {value}"),
                            emoji: None,
                        })
                        .collect(),
                };
                let scale = EmotionScale { min, max, levels };
                if kind == 17 {
                    Edit::SetScale(scale)
                } else {
                    let mut scores = Vec::new();
                    for _ in 0..self.rng.below(3) {
                        let score = (!self.rng.one_in(3)).then(|| self.score());
                        scores.push((self.curve(), self.touchpoint(), score));
                    }
                    Edit::SetScaleAndScores { scale, scores }
                }
            }
            18 => Edit::SetStage {
                stage: self.stage(),
                name: self.text(),
                colour: self.colour(),
            },
            19 => {
                let id = self.touchpoint();
                let mut touchpoint = match self.map.touchpoint(id) {
                    Some(t) => t.clone(),
                    None => self.new_touchpoint(),
                };
                touchpoint.id = id;
                match self.rng.below(4) {
                    0 => touchpoint.title = self.text(),
                    1 => touchpoint.votes += 1,
                    2 => touchpoint.locked = !touchpoint.locked,
                    _ => touchpoint.channel = Channel::Custom(self.text()),
                }
                Edit::SetTouchpoint(touchpoint)
            }
            20 => Edit::SetLane {
                lane: self.lane(),
                name: self.text(),
                kind: LaneKind::ALL[self.rng.below(LaneKind::ALL.len())],
            },
            21 => {
                let mut note = self.note().cloned().unwrap_or_else(|| Note {
                    id: NoteId(900_000),
                    text: String::new(),
                    votes: 0,
                    locked: false,
                });
                if self.rng.one_in(2) {
                    note.text = self.text();
                } else {
                    note.votes += 1;
                }
                Edit::SetNote(note)
            }
            22 => Edit::SetCurve {
                curve: self.curve(),
                name: self.text(),
                colour: self.colour(),
                persona: self.persona(),
            },
            // A gesture: several edits as one step (every part made against the map as it is).
            _ => {
                let parts = self.rng.below(4);
                Edit::Batch(
                    (0..parts)
                        .map(|_| {
                            // Batches nest now and then, as gestures made of gestures do.
                            let kind = self.rng.below(usize::from(KINDS)) as u8;
                            self.edit(kind)
                        })
                        .collect(),
                )
            }
        }
    }
}

fn session() -> impl Strategy<Value = (usize, Vec<(u8, u64)>)> {
    (
        0..crate::templates::ALL.len(),
        prop::collection::vec((0..KINDS, any::<u64>()), 1..30),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_sessions_stay_sound_and_undo_and_redo_exactly((template, edits) in session()) {
        let original = crate::templates::ALL[template].map();
        prop_assert_eq!(original.validate(), vec![]);
        let mut doc = Document::new(original.clone());
        let mut steps = 0;

        for (kind, seed) in edits {
            let before = doc.map().clone();
            let edit = Gen { map: &before, rng: Rng(seed), ids: doc.ids() }.edit(kind);
            let revision = doc.revision();
            let result = doc.apply(format!("edit {kind}"), edit.clone());
            prop_assert_eq!(doc.map().validate(), vec![], "after {:?} ({:?})", edit, result);
            if result.is_err() || doc.revision() == revision {
                prop_assert_eq!(doc.map(), &before, "{:?} failed or did nothing: {:?}", edit, result);
                continue;
            }
            steps += 1;
            prop_assert!(doc.is_dirty());
            // Each step undoes and redoes exactly, there and then.
            let after = doc.map().clone();
            prop_assert!(doc.undo());
            prop_assert_eq!(doc.map(), &before, "undoing {:?}", edit);
            prop_assert!(doc.redo());
            prop_assert_eq!(doc.map(), &after, "redoing {:?}", edit);
        }

        let last = doc.map().clone();
        for _ in 0..steps {
            prop_assert!(doc.undo());
            prop_assert_eq!(doc.map().validate(), vec![]);
        }
        prop_assert!(!doc.undo());
        prop_assert_eq!(doc.map(), &original);
        prop_assert!(!doc.is_dirty());

        for _ in 0..steps {
            prop_assert!(doc.redo());
        }
        prop_assert!(!doc.redo());
        prop_assert_eq!(doc.map(), &last);
        prop_assert_eq!(doc.is_dirty(), steps > 0);
    }
}
