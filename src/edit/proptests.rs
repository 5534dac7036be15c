//! Random edit sessions on the bundled templates: whatever the user does, valid or not, the map
//! stays sound, a failed or empty edit changes nothing, undoing everything gives back the opened
//! map exactly and redoing everything gives back the final one.

use super::{Document, Edit};
use crate::model::{
    Anchor, Channel, CurveId, EmotionCurve, EmotionScale, IdAllocator, JourneyMap, Lane, LaneId,
    LaneKind, MapOptions, Note, NoteId, PageShape, Persona, PersonaId, Rgb, ScaleLevel, Stage,
    StageId, Touchpoint, TouchpointId, Wrap,
};
use proptest::prelude::*;
use std::collections::BTreeMap;

/// The number of kinds of edit [`Gen::edit`] makes.
const KINDS: u8 = 29;

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
            .one_in(25)
            .then(|| 900_000 + self.rng.below(3) as u32)
    }

    /// A fresh id, or now and then one already used.
    fn new_id(&mut self) -> u32 {
        let used: Vec<u32> = self.map.all_ids().collect();
        if self.rng.one_in(16) && !used.is_empty() {
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
        let all: Vec<&Note> = self.map.lanes.iter().flat_map(|l| &l.notes).collect();
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
        let id = TouchpointId(self.new_id());
        let title = self.text();
        let channel = (!self.rng.one_in(4))
            .then(|| Channel::NAMED[self.rng.below(Channel::NAMED.len())].clone());
        let actors = self.persona().into_iter().collect();
        Touchpoint {
            channel,
            actors,
            votes: self.rng.below(3) as u32,
            ..Touchpoint::new(id, title)
        }
    }

    /// Where a note goes: mostly sound anchors, some naming missing items or runs out of order.
    fn anchor(&mut self) -> Anchor {
        // Runs mostly left to right, now and then the wrong way round.
        let ordered = !self.rng.one_in(6);
        let map = self.map;
        match self.rng.below(6) {
            0 => Anchor::Journey,
            1 => {
                let (a, b) = (self.stage(), self.stage());
                let (a, b) = if ordered && map.stage_index(a) > map.stage_index(b) {
                    (b, a)
                } else {
                    (a, b)
                };
                Anchor::Stages(a, b)
            }
            2 => Anchor::Touchpoint(self.touchpoint()),
            3 => {
                let (a, b) = (self.touchpoint(), self.touchpoint());
                let (a, b) = if ordered && map.touchpoint_order(a) > map.touchpoint_order(b) {
                    (b, a)
                } else {
                    (a, b)
                };
                Anchor::Touchpoints(a, b)
            }
            _ => Anchor::Stage(self.stage()),
        }
    }

    fn new_note(&mut self) -> Note {
        let id = NoteId(self.new_id());
        let text = self.text();
        let anchor = self.anchor();
        Note::new(id, text, anchor)
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
                anchor: self.anchor(),
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
                let id = StageId(self.new_id());
                let mut notes = Vec::new();
                for _ in 0..self.rng.below(3) {
                    let lane = self.lane();
                    let mut note = self.new_note();
                    // Mostly anchored to the new stage or its cards, as a paste brings them.
                    note.anchor = match (self.rng.below(3), touchpoints.first()) {
                        (0, Some(t)) => Anchor::Touchpoint(t.id),
                        (1, _) => note.anchor,
                        _ => Anchor::Stage(id),
                    };
                    notes.push((lane, note));
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
                let stage_scores = (0..self.rng.below(2))
                    .map(|_| (self.curve(), self.score()))
                    .collect();
                let (name, colour) = (self.text(), self.colour());
                Edit::InsertStage {
                    index: self.index(),
                    stage: Stage {
                        touchpoints,
                        ..Stage::new(id, name, colour)
                    },
                    notes,
                    scores,
                    stage_scores,
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
                let notes = (0..self.rng.below(4)).map(|_| self.new_note()).collect();
                let (id, name) = (LaneId(self.new_id()), self.text());
                let kind = LaneKind::ALL[self.rng.below(LaneKind::ALL.len())];
                Edit::InsertLane {
                    index: self.index(),
                    lane: Lane {
                        notes,
                        ..Lane::new(id, name, kind)
                    },
                }
            }
            11 => Edit::RemoveLane { lane: self.lane() },
            12 => Edit::InsertNote {
                lane: self.lane(),
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
                let mut stage_scores = BTreeMap::new();
                for _ in 0..self.rng.below(3) {
                    stage_scores.insert(self.stage(), self.score());
                }
                let (id, name, colour) = (CurveId(self.new_id()), self.text(), self.colour());
                Edit::InsertCurve {
                    index: self.index(),
                    curve: EmotionCurve {
                        persona: self.persona(),
                        scores,
                        stage_scores,
                        ..EmotionCurve::new(id, name, colour)
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
                let neutral = self.rng.one_in(3).then(|| self.score());
                let scale = EmotionScale {
                    min,
                    max,
                    levels,
                    neutral,
                };
                if kind == 17 {
                    Edit::SetScale(scale)
                } else {
                    let mut scores = Vec::new();
                    for _ in 0..self.rng.below(3) {
                        let score = (!self.rng.one_in(3)).then(|| self.score());
                        scores.push((self.curve(), self.touchpoint(), score));
                    }
                    let mut stage_scores = Vec::new();
                    for _ in 0..self.rng.below(3) {
                        let score = (!self.rng.one_in(3)).then(|| self.score());
                        stage_scores.push((self.curve(), self.stage(), score));
                    }
                    Edit::SetScaleAndScores {
                        scale,
                        scores,
                        stage_scores,
                    }
                }
            }
            18 => Edit::SetStage {
                stage: self.stage(),
                name: self.text(),
                colour: self.colour(),
                description: self.text(),
            },
            19 => {
                let id = self.touchpoint();
                let mut touchpoint = match self.map.touchpoint(id) {
                    Some(t) => t.clone(),
                    None => self.new_touchpoint(),
                };
                touchpoint.id = id;
                match self.rng.below(6) {
                    0 => touchpoint.title = self.text(),
                    1 => touchpoint.votes += 1,
                    2 => touchpoint.locked = !touchpoint.locked,
                    3 => touchpoint.actors = self.persona().into_iter().collect(),
                    4 => {
                        touchpoint.link = match self.rng.below(3) {
                            0 => None,
                            1 => Some("https://example.com/a".into()),
                            _ => Some("javascript:alert(1)".into()),
                        }
                    }
                    _ => touchpoint.channel = Some(Channel::Custom(self.text())),
                }
                Edit::SetTouchpoint(touchpoint)
            }
            20 => Edit::SetLane {
                lane: self.lane(),
                name: self.text(),
                kind: LaneKind::ALL[self.rng.below(LaneKind::ALL.len())],
            },
            21 => {
                let mut note = self
                    .note()
                    .cloned()
                    .unwrap_or_else(|| Note::new(NoteId(900_000), "", Anchor::Journey));
                match self.rng.below(4) {
                    0 => note.text = self.text(),
                    1 => note.owner = self.text(),
                    // Widened or narrowed, as dragging its edge does.
                    2 => note.anchor = self.anchor(),
                    _ => note.votes += 1,
                }
                Edit::SetNote(note)
            }
            22 => Edit::SetCurve {
                curve: self.curve(),
                name: self.text(),
                colour: self.colour(),
                persona: self.persona(),
            },
            25 => Edit::SetStageScore {
                curve: self.curve(),
                stage: self.stage(),
                score: (!self.rng.one_in(4)).then(|| self.score()),
            },
            26 => Edit::SetOptions(MapOptions {
                number_steps: self.rng.one_in(2),
                show_touchpoint_notes: self.rng.one_in(2),
                wrap: match self.rng.below(4) {
                    0 => Wrap::AfterStages(self.rng.below(4) as u32),
                    1 => Wrap::Page(PageShape::A4Landscape),
                    _ => Wrap::None,
                },
                touchpoints_name: self.text(),
                emotion_name: String::new(),
                touchpoints_row: self.rng.below(5) as u32,
                emotion_row: self.rng.below(5) as u32,
            }),
            27 => {
                // Dragging a row to another place among the rows.
                let rows = self.map.rows();
                let row = rows[self.rng.below(rows.len())];
                let to = self.index();
                super::actions::move_row(self.map, row, to).unwrap_or_else(Edit::nothing)
            }
            28 => {
                // Dragging a note's edge: the actions a canvas drop makes.
                let Some(at) = self.note().map(|n| n.id) else {
                    return Edit::nothing();
                };
                let (lane, anchor) = (self.lane(), self.anchor());
                super::actions::move_note(self.map, at, lane, anchor, Some(self.index()))
                    .unwrap_or_else(Edit::nothing)
            }
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

/// The generator makes mostly edits that apply: a session of random edits is mostly real work,
/// not refusals (which would leave the property above untested). Each edit is made against a
/// template as it opens.
#[test]
fn most_generated_edits_apply() {
    let (mut applied, mut total) = (0, 0);
    for template in crate::templates::ALL {
        let map = template.map();
        for seed in 0..300u64 {
            let kind = (seed % u64::from(KINDS)) as u8;
            let mut doc = Document::new(map.clone());
            let edit = Gen {
                map: &map,
                rng: Rng(seed.wrapping_mul(0x9e37_79b9)),
                ids: doc.ids(),
            }
            .edit(kind);
            let start = doc.revision();
            if doc.apply("edit", edit).is_ok() && doc.revision() != start {
                applied += 1;
            }
            total += 1;
        }
    }
    let share = f64::from(applied) / f64::from(total);
    assert!(
        share >= 0.6,
        "only {applied} of {total} generated edits applied"
    );
}

/// Undo part of the way, make a new edit, then redo (nothing to redo after a new edit): the
/// map stays sound, and undoing everything gives back the map that was opened.
#[test]
fn undo_a_new_edit_then_redo_keeps_the_map_sound() {
    for template in crate::templates::ALL {
        let original = template.map();
        let mut doc = Document::new(original.clone());
        let mut rng = Rng(7);
        for round in 0..150u64 {
            let before = doc.map().clone();
            let kind = rng.below(usize::from(KINDS)) as u8;
            let edit = Gen {
                map: &before,
                rng: Rng(round ^ 0x5eed),
                ids: doc.ids(),
            }
            .edit(kind);
            let _ = doc.apply("edit", edit);
            match rng.below(4) {
                0 => {
                    doc.undo();
                }
                1 => {
                    doc.redo();
                }
                _ => {}
            }
            assert_eq!(
                doc.map().validate(),
                vec![],
                "{} round {round}",
                template.name
            );
        }
        while doc.undo() {}
        assert_eq!(doc.map(), &original, "{}", template.name);
    }
}
