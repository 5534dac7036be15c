//! Large maps made up on demand, for benchmarks and tests of scale: deterministic, with
//! mixed English and Chinese text of varied length, notes in every lane and a full curve.

use super::*;

impl JourneyMap {
    /// A map with `touchpoints` touchpoints in stages of seven, notes in every lane and a score
    /// for every touchpoint on two curves. The same number always gives the same map.
    pub fn generated(touchpoints: usize) -> JourneyMap {
        let mut map = JourneyMap::blank("Generated journey 生成的旅程");
        map.stages.clear();
        let mut ids = map.id_allocator();
        let second = EmotionCurve {
            id: ids.curve(),
            name: "To-be".into(),
            colour: PALETTE[2],
            persona: None,
            scores: Default::default(),
        };
        map.curves.push(second);
        let per_stage = 7;
        for s in 0..touchpoints.div_ceil(per_stage) {
            let stage = ids.stage();
            let count = per_stage.min(touchpoints - s * per_stage);
            map.stages.push(Stage {
                id: stage,
                name: format!("Stage {s} 阶段"),
                colour: PALETTE[s % PALETTE.len()],
                touchpoints: (0..count)
                    .map(|t| Touchpoint {
                        id: ids.touchpoint(),
                        title: if t % 2 == 0 {
                            format!("Touchpoint {t} with a rather long title that has to wrap")
                        } else {
                            format!("触点{t}：顾客在门店排队等候结账，队伍很长而且没有人引导")
                        },
                        description: "Some description of what happens here. ".repeat(t % 3),
                        channel: Channel::NAMED[t % Channel::NAMED.len()].clone(),
                        notes: String::new(),
                        votes: (t % 4) as u32,
                        locked: false,
                    })
                    .collect(),
                locked: false,
            });
            for (li, lane) in map.lanes.iter_mut().enumerate() {
                let notes: Vec<Note> = (0..(s + li) % 4)
                    .map(|n| Note {
                        id: ids.note(),
                        text: format!("Note {n} 痛点 {}", "long ".repeat(n * 5)),
                        votes: 0,
                        locked: false,
                    })
                    .collect();
                // A cell without notes has no entry, as in saved files.
                if !notes.is_empty() {
                    lane.notes.insert(stage, notes);
                }
            }
        }
        let tps: Vec<TouchpointId> = map.touchpoints().map(|t| t.id).collect();
        for (i, tp) in tps.iter().enumerate() {
            map.curves[0].scores.insert(*tp, (i as i32 % 5) - 2);
            map.curves[1].scores.insert(*tp, ((i as i32 / 2) % 5) - 2);
        }
        map
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_maps_are_sound_and_sized() {
        let map = JourneyMap::generated(500);
        assert_eq!(map.touchpoint_count(), 500);
        assert!(map.validate().is_empty());
        assert_eq!(map, JourneyMap::generated(500));
    }
}
