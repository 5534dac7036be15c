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
        let second = EmotionCurve::new(ids.curve(), "To-be", PALETTE[2]);
        map.curves.push(second);
        let per_stage = 7;
        for s in 0..touchpoints.div_ceil(per_stage) {
            let stage = ids.stage();
            let count = per_stage.min(touchpoints - s * per_stage);
            let mut column =
                Stage::new(stage, format!("Stage {s} 阶段"), PALETTE[s % PALETTE.len()]);
            column.touchpoints = (0..count)
                .map(|t| {
                    let title = if t % 2 == 0 {
                        format!("Touchpoint {t} with a rather long title that has to wrap")
                    } else {
                        format!("触点{t}：顾客在门店排队等候结账，队伍很长而且没有人引导")
                    };
                    Touchpoint {
                        description: "Some description of what happens here. ".repeat(t % 3),
                        channel: Some(Channel::NAMED[t % Channel::NAMED.len()].clone()),
                        votes: (t % 4) as u32,
                        ..Touchpoint::new(ids.touchpoint(), title)
                    }
                })
                .collect();
            map.stages.push(column);
            for (li, lane) in map.lanes.iter_mut().enumerate() {
                lane.notes.extend((0..(s + li) % 4).map(|n| {
                    let text = format!("Note {n} 痛点 {}", "long ".repeat(n * 5));
                    Note::new(ids.note(), text, Anchor::Stage(stage))
                }));
            }
        }
        // Notes that span: two stages now and then, one under a card, one for the whole journey.
        let stages: Vec<StageId> = map.stages.iter().map(|s| s.id).collect();
        for pair in stages.windows(2).step_by(3) {
            let note = Note::new(
                ids.note(),
                "Across two stages 跨阶段",
                Anchor::Stages(pair[0], pair[1]),
            );
            map.lanes[1].notes.push(note);
        }
        if let Some(first) = map.stages.first().and_then(|s| s.touchpoints.first()) {
            let note = Note::new(
                ids.note(),
                "Under the first card",
                Anchor::Touchpoint(first.id),
            );
            map.lanes[0].notes.push(note);
        }
        if !stages.is_empty() {
            let mut note = Note::new(
                ids.note(),
                "About the whole journey 整个旅程",
                Anchor::Journey,
            );
            note.owner = "Service team".into();
            note.metric = "NPS ≥ 40".into();
            map.lanes[3].notes.push(note);
        }
        let tps: Vec<TouchpointId> = map.touchpoints().map(|t| t.id).collect();
        for (i, tp) in tps.iter().enumerate() {
            map.curves[0].scores.insert(*tp, (i as i32 % 5) - 2);
            map.curves[1].scores.insert(*tp, ((i as i32 / 2) % 5) - 2);
        }
        map
    }
}

impl JourneyMap {
    /// A plain map of `touchpoints` touchpoints in stages of ten, every one scored 1 on one
    /// curve: the shape of a big map file, for tests and benchmarks of reading.
    pub fn plain(touchpoints: usize) -> JourneyMap {
        let mut map = JourneyMap::blank("Big");
        map.stages.clear();
        let mut ids = map.id_allocator();
        for s in 0..touchpoints.div_ceil(10) {
            let mut stage = Stage::new(ids.stage(), format!("S{s}"), PALETTE[0]);
            for t in 0..10.min(touchpoints - s * 10) {
                let tp = Touchpoint::new(ids.touchpoint(), format!("Touchpoint {s}.{t}"));
                map.curves[0].scores.insert(tp.id, 1);
                stage.touchpoints.push(tp);
            }
            map.stages.push(stage);
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
