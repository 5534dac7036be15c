//! Version 0 of the file format, written by early builds: one persona named in the title block,
//! an emotion score on each touchpoint (no curves), lanes without ids and notes as bare strings.
//! It is read and migrated to the current model; it is never written.

use crate::model::*;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
#[serde(rename = "JourneyMap", deny_unknown_fields)]
pub struct FileV0 {
    #[allow(dead_code, reason = "checked by the envelope")]
    format: String,
    #[allow(dead_code, reason = "checked by the envelope")]
    version: u32,
    title: String,
    #[serde(default)]
    persona: Option<String>,
    #[serde(default)]
    scenario: String,
    #[serde(default)]
    stages: Vec<StageV0>,
    #[serde(default)]
    lanes: Vec<LaneV0>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StageV0 {
    id: StageId,
    name: String,
    colour: Rgb,
    #[serde(default)]
    touchpoints: Vec<TouchpointV0>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TouchpointV0 {
    id: TouchpointId,
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    channel: Channel,
    /// Version 0 had one implicit curve on the −2..+2 scale.
    #[serde(default)]
    emotion: Option<i32>,
}

/// Gives stages and touchpoints ids 1, 2, 3… in the order they stand, and lane cells the new
/// ids of their stages.
fn renumber(old: &mut FileV0) {
    let mut next = 0u32;
    let mut stage_ids = std::collections::HashMap::new();
    for stage in &mut old.stages {
        next += 1;
        stage_ids.entry(stage.id).or_insert(StageId(next));
        stage.id = StageId(next);
        for tp in &mut stage.touchpoints {
            next += 1;
            tp.id = TouchpointId(next);
        }
    }
    for lane in &mut old.lanes {
        lane.notes = std::mem::take(&mut lane.notes)
            .into_iter()
            .map(|(stage, notes)| (stage_ids.get(&stage).copied().unwrap_or(stage), notes))
            .collect();
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LaneV0 {
    name: String,
    kind: LaneKind,
    #[serde(default)]
    notes: BTreeMap<StageId, Vec<String>>,
}

/// The same map in today's model. New ids are numbered after the file's largest one, so the
/// result is the same every time the file is read; when the file's ids leave no room for the
/// new ones below [`MAX_ID`](crate::model::limits::MAX_ID), every id is numbered afresh from 1
/// (a version-0 file's ids are its own business: nothing outside it refers to them).
pub fn migrate(mut old: FileV0) -> JourneyMap {
    let needed = old
        .lanes
        .iter()
        .map(|l| 1 + l.notes.values().map(Vec::len).sum::<usize>())
        .sum::<usize>()
        + 2;
    let largest = old
        .stages
        .iter()
        .flat_map(|s| std::iter::once(s.id.0).chain(s.touchpoints.iter().map(|t| t.id.0)))
        .max()
        .unwrap_or(0);
    if u64::from(largest) + needed as u64 > u64::from(crate::model::limits::MAX_ID) {
        renumber(&mut old);
    }
    let max_id = old
        .stages
        .iter()
        .flat_map(|s| std::iter::once(s.id.0).chain(s.touchpoints.iter().map(|t| t.id.0)))
        .max()
        .unwrap_or(0);
    let mut ids = IdAllocator::after(max_id);
    let personas: Vec<Persona> = old
        .persona
        .into_iter()
        .map(|name| Persona {
            id: ids.persona(),
            name,
            description: String::new(),
            goals: Vec::new(),
        })
        .collect();

    let mut scores = BTreeMap::new();
    let stages = old
        .stages
        .into_iter()
        .map(|stage| Stage {
            touchpoints: stage
                .touchpoints
                .into_iter()
                .map(|tp| {
                    if let Some(score) = tp.emotion {
                        scores.insert(tp.id, score);
                    }
                    Touchpoint {
                        description: tp.description,
                        channel: Some(tp.channel),
                        ..Touchpoint::new(tp.id, tp.title)
                    }
                })
                .collect(),
            ..Stage::new(stage.id, stage.name, stage.colour)
        })
        .collect();

    let lanes = old
        .lanes
        .into_iter()
        .map(|lane| {
            let id = ids.lane();
            let notes = lane
                .notes
                .into_iter()
                .flat_map(|(stage, texts)| texts.into_iter().map(move |t| (stage, t)))
                .map(|(stage, text)| Note::new(ids.note(), text, Anchor::Stage(stage)))
                .collect();
            Lane {
                notes,
                ..Lane::new(id, lane.name, lane.kind)
            }
        })
        .collect();

    let curves = vec![EmotionCurve {
        persona: personas.first().map(|p| p.id),
        scores,
        ..EmotionCurve::new(
            ids.curve(),
            personas
                .first()
                .map_or_else(|| "Emotion".to_owned(), |p| p.name.clone()),
            PALETTE[3],
        )
    }];

    JourneyMap {
        header: Header {
            title: old.title,
            personas,
            scenario: old.scenario,
            expectations: String::new(),
            source: String::new(),
        },
        scale: EmotionScale::default(),
        stages,
        lanes,
        curves,
        options: MapOptions::default(),
        conflicts: Vec::new(),
    }
}
