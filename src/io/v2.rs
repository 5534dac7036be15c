//! Versions 1 and 2 of the file format: a lane kept its notes per stage (`notes: {stage: [..]}`),
//! every touchpoint had a channel ("Other" when the file named none), a curve scored touchpoints
//! only. Version 2 added locks on stages, lanes and notes; version 1 is version 2 with every lock
//! off, so one reader serves both. Both are read and migrated to the current model, losslessly;
//! they are never written.

use crate::model::*;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
#[serde(rename = "JourneyMap", deny_unknown_fields)]
pub struct FileV2 {
    #[allow(dead_code, reason = "checked by the envelope")]
    format: String,
    #[allow(dead_code, reason = "checked by the envelope")]
    version: u32,
    header: HeaderV2,
    #[serde(default)]
    scale: ScaleV2,
    #[serde(default)]
    stages: Vec<StageV2>,
    #[serde(default)]
    lanes: Vec<LaneV2>,
    #[serde(default)]
    curves: Vec<CurveV2>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HeaderV2 {
    title: String,
    #[serde(default)]
    personas: Vec<Persona>,
    #[serde(default)]
    scenario: String,
    #[serde(default)]
    expectations: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScaleV2 {
    min: i32,
    max: i32,
    #[serde(default)]
    levels: Vec<ScaleLevel>,
}

impl Default for ScaleV2 {
    fn default() -> Self {
        let scale = EmotionScale::default();
        Self {
            min: scale.min,
            max: scale.max,
            levels: Vec::new(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StageV2 {
    id: StageId,
    name: String,
    colour: Rgb,
    #[serde(default)]
    touchpoints: Vec<TouchpointV2>,
    #[serde(default)]
    locked: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TouchpointV2 {
    id: TouchpointId,
    title: String,
    #[serde(default)]
    description: String,
    /// Absent meant "Other", and the card said so.
    #[serde(default)]
    channel: Channel,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    votes: u32,
    #[serde(default)]
    locked: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LaneV2 {
    id: LaneId,
    name: String,
    kind: LaneKind,
    #[serde(default)]
    notes: BTreeMap<StageId, Vec<NoteV2>>,
    #[serde(default)]
    locked: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoteV2 {
    id: NoteId,
    text: String,
    #[serde(default)]
    votes: u32,
    #[serde(default)]
    locked: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CurveV2 {
    id: CurveId,
    name: String,
    colour: Rgb,
    #[serde(default)]
    persona: Option<PersonaId>,
    #[serde(default)]
    scores: BTreeMap<TouchpointId, i32>,
}

/// The same map in today's model, or the problems only the old shape can state (with paths
/// into the old file): a cell of notes under a stage the map does not have.
///
/// Each lane's notes keep their order within a cell; cells follow the stages left to right,
/// so the notes list reads as the old map did. A touchpoint without a channel said "Other",
/// and still does.
pub fn migrate(old: FileV2) -> Result<JourneyMap, Vec<Problem>> {
    let stage_ids: Vec<StageId> = old.stages.iter().map(|s| s.id).collect();
    let kind_of = |id: u32| {
        if old
            .stages
            .iter()
            .any(|s| s.touchpoints.iter().any(|t| t.id.0 == id))
        {
            format!("{id} is a touchpoint")
        } else if old.lanes.iter().any(|l| l.id.0 == id) {
            format!("{id} is a lane")
        } else if old.curves.iter().any(|c| c.id.0 == id) {
            format!("{id} is an emotion curve")
        } else if old.header.personas.iter().any(|p| p.id.0 == id) {
            format!("{id} is a persona")
        } else {
            format!("nothing in the map has the id {id}")
        }
    };
    let mut problems = Vec::new();
    for (li, lane) in old.lanes.iter().enumerate() {
        for stage in lane.notes.keys() {
            if !stage_ids.contains(stage) {
                problems.push(Problem {
                    path: MapPath(vec![
                        PathSeg::Field("lanes"),
                        PathSeg::Index(li),
                        PathSeg::Field("notes"),
                        PathSeg::Key(stage.to_string()),
                    ]),
                    message: format!(
                        "lane {:?} has notes for stage {stage}, but {}; in a version 1 or 2 \
                         file, notes are listed under the id of their stage",
                        lane.name,
                        kind_of(stage.0)
                    ),
                    related: None,
                });
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    let stages = old
        .stages
        .into_iter()
        .map(|s| Stage {
            touchpoints: s
                .touchpoints
                .into_iter()
                .map(|t| Touchpoint {
                    description: t.description,
                    channel: Some(t.channel),
                    notes: t.notes,
                    votes: t.votes,
                    locked: t.locked,
                    ..Touchpoint::new(t.id, t.title)
                })
                .collect(),
            locked: s.locked,
            ..Stage::new(s.id, s.name, s.colour)
        })
        .collect();
    let lanes = old
        .lanes
        .into_iter()
        .map(|mut lane| {
            let notes = stage_ids
                .iter()
                .filter_map(|stage| lane.notes.remove(stage).map(|notes| (*stage, notes)))
                .flat_map(|(stage, notes)| {
                    notes.into_iter().map(move |n| Note {
                        votes: n.votes,
                        locked: n.locked,
                        ..Note::new(n.id, n.text, Anchor::Stage(stage))
                    })
                })
                .collect();
            Lane {
                notes,
                locked: lane.locked,
                ..Lane::new(lane.id, lane.name, lane.kind)
            }
        })
        .collect();
    let curves = old
        .curves
        .into_iter()
        .map(|c| EmotionCurve {
            persona: c.persona,
            scores: c.scores,
            ..EmotionCurve::new(c.id, c.name, c.colour)
        })
        .collect();
    Ok(JourneyMap {
        header: Header {
            title: old.header.title,
            personas: old.header.personas,
            scenario: old.header.scenario,
            expectations: old.header.expectations,
            source: String::new(),
        },
        scale: EmotionScale {
            min: old.scale.min,
            max: old.scale.max,
            levels: old.scale.levels,
            neutral: None,
        },
        stages,
        lanes,
        curves,
        options: MapOptions::default(),
        conflicts: Vec::new(),
    })
}
