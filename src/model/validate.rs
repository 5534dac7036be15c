//! Checks a map is whole: unique ids, scores inside the scale, no reference to a missing item.
//! Every problem is reported, each with the path of the value at fault so a file reader can point
//! at its line and column.

use super::map::JourneyMap;
use std::collections::HashMap;
use std::fmt;

/// One step into the map's data, as it is written in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathSeg {
    /// A named field of a struct.
    Field(&'static str),
    /// The n-th element of a list.
    Index(usize),
    /// The entry of a map whose key is written as this text.
    Key(String),
}

/// Where in the map a value lives, e.g. `curves[1].scores[12]`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MapPath(pub Vec<PathSeg>);

impl MapPath {
    fn field(name: &'static str) -> Self {
        Self(vec![PathSeg::Field(name)])
    }
    fn index(mut self, i: usize) -> Self {
        self.0.push(PathSeg::Index(i));
        self
    }
    fn key(mut self, key: impl ToString) -> Self {
        self.0.push(PathSeg::Key(key.to_string()));
        self
    }
    fn then(mut self, name: &'static str) -> Self {
        self.0.push(PathSeg::Field(name));
        self
    }
}

impl fmt::Display for MapPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                PathSeg::Field(name) if i == 0 => write!(f, "{name}")?,
                PathSeg::Field(name) => write!(f, ".{name}")?,
                PathSeg::Index(n) => write!(f, "[{n}]")?,
                PathSeg::Key(k) => write!(f, "[{k}]")?,
            }
        }
        Ok(())
    }
}

/// Something wrong with a map.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where the faulty value is, e.g. `stages[0].touchpoints[2].id`.
    pub path: MapPath,
    /// What is wrong, in a sentence for the reader of the file.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl JourneyMap {
    /// All the problems in this map, in file order; empty when the map is sound.
    pub fn validate(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut seen: HashMap<u32, String> = HashMap::new();
        let mut claim = |id: u32, what: String, path: MapPath, problems: &mut Vec<Problem>| {
            if let Some(first) = seen.get(&id) {
                problems.push(Problem {
                    path,
                    message: format!("duplicate id {id}: {what} has the id of {first}"),
                });
            } else {
                seen.insert(id, what);
            }
        };

        for (i, persona) in self.header.personas.iter().enumerate() {
            let path = MapPath::field("header")
                .then("personas")
                .index(i)
                .then("id");
            claim(
                persona.id.0,
                format!("persona {:?}", persona.name),
                path,
                &mut problems,
            );
        }

        let scale = &self.scale;
        if scale.min >= scale.max {
            problems.push(Problem {
                path: MapPath::field("scale").then("max"),
                message: format!(
                    "the scale's max ({}) must be greater than its min ({})",
                    scale.max, scale.min
                ),
            });
        }
        for (i, level) in scale.levels.iter().enumerate() {
            let path = MapPath::field("scale")
                .then("levels")
                .index(i)
                .then("value");
            if !scale.contains(level.value) {
                problems.push(Problem {
                    path,
                    message: format!(
                        "level {} is outside the scale {}..{}",
                        level.value, scale.min, scale.max
                    ),
                });
            } else if scale.levels[..i].iter().any(|l| l.value == level.value) {
                problems.push(Problem {
                    path,
                    message: format!("level {} is named twice", level.value),
                });
            }
        }

        for (si, stage) in self.stages.iter().enumerate() {
            let stage_path = MapPath::field("stages").index(si);
            claim(
                stage.id.0,
                format!("stage {:?}", stage.name),
                stage_path.clone().then("id"),
                &mut problems,
            );
            for (ti, touchpoint) in stage.touchpoints.iter().enumerate() {
                claim(
                    touchpoint.id.0,
                    format!("touchpoint {:?}", touchpoint.title),
                    stage_path.clone().then("touchpoints").index(ti).then("id"),
                    &mut problems,
                );
            }
        }

        for (li, lane) in self.lanes.iter().enumerate() {
            let lane_path = MapPath::field("lanes").index(li);
            claim(
                lane.id.0,
                format!("lane {:?}", lane.name),
                lane_path.clone().then("id"),
                &mut problems,
            );
            for (stage, notes) in &lane.notes {
                let cell_path = lane_path.clone().then("notes").key(stage);
                if self.stage(*stage).is_none() {
                    problems.push(Problem {
                        path: cell_path.clone(),
                        message: format!(
                            "lane {:?} has notes for stage {stage}, which does not exist",
                            lane.name
                        ),
                    });
                }
                for (ni, note) in notes.iter().enumerate() {
                    claim(
                        note.id.0,
                        format!("note {:?}", note.text),
                        cell_path.clone().index(ni).then("id"),
                        &mut problems,
                    );
                }
            }
        }

        for (ci, curve) in self.curves.iter().enumerate() {
            let curve_path = MapPath::field("curves").index(ci);
            claim(
                curve.id.0,
                format!("curve {:?}", curve.name),
                curve_path.clone().then("id"),
                &mut problems,
            );
            if let Some(persona) = curve.persona
                && !self.header.personas.iter().any(|p| p.id == persona)
            {
                problems.push(Problem {
                    path: curve_path.clone().then("persona"),
                    message: format!(
                        "curve {:?} belongs to persona {persona}, which does not exist",
                        curve.name
                    ),
                });
            }
            for (touchpoint, score) in &curve.scores {
                let path = curve_path.clone().then("scores").key(touchpoint);
                if self.touchpoint(*touchpoint).is_none() {
                    problems.push(Problem {
                        path,
                        message: format!(
                            "curve {:?} scores touchpoint {touchpoint}, which does not exist",
                            curve.name
                        ),
                    });
                } else if !scale.contains(*score) {
                    problems.push(Problem {
                        path,
                        message: format!(
                            "score {score} is outside the scale {}..{}",
                            scale.min, scale.max
                        ),
                    });
                }
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use crate::model::*;

    fn sample() -> JourneyMap {
        let mut map = JourneyMap::blank("Test");
        let mut ids = map.id_allocator();
        let tp = ids.touchpoint();
        map.stages[0].touchpoints.push(Touchpoint {
            channel: Channel::App,
            ..Touchpoint::new(tp, "Order")
        });
        map.curves[0].scores.insert(tp, 1);
        map
    }

    #[test]
    fn blank_and_sample_maps_are_sound() {
        assert_eq!(JourneyMap::blank("x").validate(), vec![]);
        assert_eq!(sample().validate(), vec![]);
    }

    #[test]
    fn reports_every_problem_with_its_path() {
        let mut map = sample();
        let tp = map.stages[0].touchpoints[0].id;
        map.lanes[1].id = LaneId(map.lanes[0].id.0);
        map.curves[0].scores.insert(tp, 9);
        map.curves[0].scores.insert(TouchpointId(999), 0);
        map.curves[0].persona = Some(PersonaId(77));
        map.lanes[0].notes.insert(StageId(555), vec![]);
        let problems = map.validate();
        let paths: Vec<String> = problems.iter().map(|p| p.path.to_string()).collect();
        assert_eq!(
            paths,
            [
                "lanes[0].notes[555]",
                "lanes[1].id",
                "curves[0].persona",
                format!("curves[0].scores[{tp}]").as_str(),
                "curves[0].scores[999]",
            ]
        );
        assert!(problems[1].message.contains("duplicate id"));
        assert!(problems[3].message.contains("outside the scale -2..2"));
    }

    #[test]
    fn scale_must_be_a_range_with_distinct_levels() {
        let mut map = sample();
        map.scale = EmotionScale {
            min: 3,
            max: 3,
            levels: vec![
                ScaleLevel {
                    value: 3,
                    label: "ok".into(),
                    emoji: None,
                },
                ScaleLevel {
                    value: 3,
                    label: "again".into(),
                    emoji: None,
                },
            ],
        };
        map.curves[0].scores.clear();
        let paths: Vec<String> = map.validate().iter().map(|p| p.path.to_string()).collect();
        assert_eq!(paths, ["scale.max", "scale.levels[1].value"]);
    }
}
