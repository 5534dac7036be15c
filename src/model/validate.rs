//! Checks a map is whole: unique ids, scores inside the scale, no reference to a missing item.
//! Every problem is reported, each with the path of the value at fault so a file reader can point
//! at its line and column.

use super::conflict::Value;
use super::ids::*;
use super::limits::*;
use super::map::{Anchor, Channel, JourneyMap, Wrap};
use std::collections::{HashMap, HashSet};
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
    /// Another value the problem concerns, e.g. the first item holding a duplicated id; a file
    /// reader names its line too.
    pub related: Option<MapPath>,
}

impl Problem {
    fn new(path: MapPath, message: impl Into<String>) -> Self {
        Self {
            path,
            message: message.into(),
            related: None,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)?;
        if let Some(related) = &self.related {
            write!(f, " (see {related})")?;
        }
        Ok(())
    }
}

/// Collects problems while walking a map, remembering which item claimed each id. Items are
/// found through indexes built once, so a map with many items (or many problems) is checked in
/// time linear in its size.
struct Checker<'a> {
    map: &'a JourneyMap,
    problems: Vec<Problem>,
    /// For the ids held more than once: the first item to claim each, in words, and where.
    seen: HashMap<u32, (String, MapPath)>,
    /// The ids held more than once (the only ones whose claims are remembered).
    shared: HashSet<u32>,
    /// What each id names ("a stage"…), the first item to hold it.
    kinds: HashMap<u32, &'static str>,
    /// Each stage's index among the stages.
    stage_at: HashMap<StageId, usize>,
    /// Each touchpoint's stage index and place in the journey.
    touchpoint_at: HashMap<TouchpointId, (usize, usize)>,
}

impl<'a> Checker<'a> {
    fn new(map: &'a JourneyMap) -> Self {
        let mut kinds = HashMap::new();
        let mut shared = HashSet::new();
        let mut stage_at = HashMap::new();
        let mut touchpoint_at = HashMap::new();
        // What each id names (the first item that holds it), and the ids held more than once.
        let mut note = |id: u32, kind: &'static str| {
            if let std::collections::hash_map::Entry::Vacant(v) = kinds.entry(id) {
                v.insert(kind);
            } else {
                shared.insert(id);
            }
        };
        for p in &map.header.personas {
            note(p.id.0, "a persona");
        }
        let mut order = 0;
        for (si, stage) in map.stages.iter().enumerate() {
            note(stage.id.0, "a stage");
            stage_at.entry(stage.id).or_insert(si);
            for tp in &stage.touchpoints {
                note(tp.id.0, "a touchpoint");
                touchpoint_at.entry(tp.id).or_insert((si, order));
                order += 1;
            }
        }
        for lane in &map.lanes {
            note(lane.id.0, "a lane");
            for n in &lane.notes {
                note(n.id.0, "a note");
            }
        }
        for curve in &map.curves {
            note(curve.id.0, "an emotion curve");
        }
        Self {
            map,
            problems: Vec::new(),
            seen: HashMap::new(),
            shared,
            kinds,
            stage_at,
            touchpoint_at,
        }
    }

    fn push(&mut self, path: MapPath, message: impl Into<String>) {
        self.problems.push(Problem::new(path, message));
    }

    /// Claims `id` for an item, described by `what` and found at `path` (both made only when
    /// they are needed: the id is too large or held by another item too).
    fn claim(&mut self, id: u32, what: impl FnOnce() -> String, path: impl FnOnce() -> MapPath) {
        let too_large = id > MAX_ID;
        if !too_large && !self.shared.contains(&id) {
            return;
        }
        let path = path();
        if too_large {
            self.push(
                path.clone(),
                format!("id {id} is too large: ids go up to {MAX_ID}"),
            );
        }
        if !self.shared.contains(&id) {
            return;
        }
        let what = what();
        if let Some((first, first_path)) = self.seen.get(&id) {
            self.problems.push(Problem {
                path,
                message: format!(
                    "duplicate id {id}: {what} has the id of {first}; every id in a map must be \
                     different"
                ),
                related: Some(first_path.clone()),
            });
        } else {
            self.seen.insert(id, (what, path));
        }
    }

    /// "8 is a touchpoint" / "there is no 8": what an id that was expected to be something
    /// else actually is.
    fn what_is(&self, id: u32) -> String {
        match self.kinds.get(&id) {
            Some(kind) => format!("{id} is {kind}"),
            None => format!("nothing in the map has the id {id}"),
        }
    }

    fn check_stage(&mut self, path: MapPath, id: StageId, role: &str) -> Option<usize> {
        if let Some(at) = self.stage_at.get(&id) {
            return Some(*at);
        }
        let what = self.what_is(id.0);
        self.push(path, format!("{role} names stage {id}, but {what}"));
        None
    }

    fn check_touchpoint(&mut self, path: MapPath, id: TouchpointId, role: &str) -> Option<usize> {
        if let Some((_, order)) = self.touchpoint_at.get(&id) {
            return Some(*order);
        }
        let what = self.what_is(id.0);
        self.push(path, format!("{role} names touchpoint {id}, but {what}"));
        None
    }

    fn check_anchor(&mut self, path: MapPath, anchor: Anchor, role: &str) {
        const HOW: &str = "a note anchors to Stage(id), Stages(first, last), Touchpoint(id), \
                           Touchpoints(first, last) or Journey";
        let ends = match anchor {
            Anchor::Stage(s) => self.check_stage(path.clone(), s, role).map(|a| (a, a)),
            Anchor::Stages(a, b) => {
                let a = self.check_stage(path.clone(), a, role);
                let b = self.check_stage(path.clone(), b, role);
                a.zip(b)
            }
            Anchor::Touchpoint(t) => self.check_touchpoint(path.clone(), t, role).map(|a| (a, a)),
            Anchor::Touchpoints(a, b) => {
                let a = self.check_touchpoint(path.clone(), a, role);
                let b = self.check_touchpoint(path.clone(), b, role);
                a.zip(b)
            }
            Anchor::Journey => Some((0, 0)),
        };
        match ends {
            None => {
                if let Some(last) = self.problems.last_mut() {
                    last.message = format!("{}; {HOW}", last.message);
                }
            }
            Some((first, last)) if first > last => self.push(
                path,
                format!(
                    "{role} spans a run whose first comes after its last; write the run left \
                     to right"
                ),
            ),
            Some(_) => {}
        }
    }

    fn check_score(&mut self, path: MapPath, score: i32) {
        let scale = &self.map.scale;
        if !scale.contains(score) {
            let message = format!(
                "score {score} is outside the scale {}..{}",
                scale.min, scale.max
            );
            self.push(path, message);
        }
    }

    fn check_text(&mut self, path: impl FnOnce() -> MapPath, text: &str) {
        // A quick bound first: a text of fewer bytes cannot have more characters.
        if text.len() > MAX_TEXT_CHARS && text.chars().count() > MAX_TEXT_CHARS {
            self.push(
                path(),
                format!(
                    "this text has {} characters; a text on a map holds at most {MAX_TEXT_CHARS} \
                     (it starts {})",
                    text.chars().count(),
                    quoted(text)
                ),
            );
        }
    }

    /// The sizes a map may not pass; when one is passed the rest of the checks are skipped (a
    /// file that large is refused for it).
    fn check_sizes(&mut self) -> bool {
        let map = self.map;
        let notes: usize = map.lanes.iter().map(|l| l.notes.len()).sum();
        let counts = [
            ("stages", map.stages.len(), MAX_STAGES, "stages"),
            (
                "touchpoints",
                map.touchpoint_count(),
                MAX_TOUCHPOINTS,
                "stages",
            ),
            ("lanes", map.lanes.len(), MAX_LANES, "lanes"),
            ("notes", notes, MAX_NOTES, "lanes"),
            ("emotion curves", map.curves.len(), MAX_CURVES, "curves"),
            (
                "conflict marks",
                map.conflicts.len(),
                MAX_CONFLICTS,
                "conflicts",
            ),
            (
                "personas",
                map.header.personas.len(),
                MAX_PERSONAS,
                "header",
            ),
        ];
        let mut fine = true;
        for (what, count, limit, field) in counts {
            if count > limit {
                fine = false;
                self.push(
                    MapPath::field(field),
                    format!("this map has {count} {what}; a map holds at most {limit}"),
                );
            }
        }
        fine
    }
}

impl JourneyMap {
    /// The first limit of [`super::limits`] the map passes (too many items, a text too long, a
    /// scale too wide), in words; None within them all. Linear in the map's size.
    pub fn beyond_limits(&self) -> Option<String> {
        let mut check = Checker::new(self);
        if !check.check_sizes() {
            return check.problems.into_iter().next().map(|p| p.message);
        }
        let span = i64::from(self.scale.max) - i64::from(self.scale.min);
        if span > i64::from(MAX_SCALE_SPAN) {
            return Some(format!("a scale spans at most {MAX_SCALE_SPAN} steps"));
        }
        let header = &self.header;
        let texts = [
            &header.title,
            &header.scenario,
            &header.expectations,
            &header.source,
        ]
        .into_iter()
        .chain(
            header
                .personas
                .iter()
                .flat_map(|p| [&p.name, &p.description].into_iter().chain(&p.goals)),
        )
        .chain(self.scale.levels.iter().map(|l| &l.label))
        .chain(self.stages.iter().flat_map(|s| {
            [&s.name, &s.description].into_iter().chain(
                s.touchpoints
                    .iter()
                    .flat_map(|t| [&t.title, &t.description, &t.notes]),
            )
        }))
        .chain(self.lanes.iter().flat_map(|l| {
            std::iter::once(&l.name)
                .chain(l.notes.iter().flat_map(|n| [&n.text, &n.owner, &n.metric]))
        }))
        .chain(self.curves.iter().map(|c| &c.name));
        text_beyond_limits(texts)
    }

    /// All the problems in this map, in file order; empty when the map is sound. Linear in the
    /// map's size, however many problems it has.
    #[allow(
        clippy::too_many_lines,
        reason = "one walk through the map, in file order"
    )]
    pub fn validate(&self) -> Vec<Problem> {
        let mut check = Checker::new(self);
        if !check.check_sizes() {
            return check.problems;
        }

        check.check_text(
            || MapPath::field("header").then("title"),
            &self.header.title,
        );
        check.check_text(
            || MapPath::field("header").then("scenario"),
            &self.header.scenario,
        );
        check.check_text(
            || MapPath::field("header").then("expectations"),
            &self.header.expectations,
        );
        check.check_text(
            || MapPath::field("header").then("source"),
            &self.header.source,
        );
        let personas: HashSet<PersonaId> = self.header.personas.iter().map(|p| p.id).collect();
        for (i, persona) in self.header.personas.iter().enumerate() {
            let path = MapPath::field("header").then("personas").index(i);
            check.claim(
                persona.id.0,
                || format!("persona {}", quoted(&persona.name)),
                || path.clone().then("id"),
            );
            check.check_text(|| path.clone().then("name"), &persona.name);
            check.check_text(|| path.clone().then("description"), &persona.description);
            for (g, goal) in persona.goals.iter().enumerate() {
                check.check_text(|| path.clone().then("goals").index(g), goal);
            }
        }

        let scale = &self.scale;
        if scale.min >= scale.max {
            check.push(
                MapPath::field("scale").then("max"),
                format!(
                    "the scale's max ({}) must be greater than its min ({})",
                    scale.max, scale.min
                ),
            );
        } else if i64::from(scale.max) - i64::from(scale.min) > i64::from(MAX_SCALE_SPAN) {
            check.push(
                MapPath::field("scale").then("max"),
                format!(
                    "the scale runs from {} to {}; a scale spans at most {MAX_SCALE_SPAN} steps \
                     (e.g. -10 to 10)",
                    scale.min, scale.max
                ),
            );
        }
        let mut named = HashSet::new();
        for (i, level) in scale.levels.iter().enumerate() {
            let path = MapPath::field("scale").then("levels").index(i);
            if !scale.contains(level.value) {
                check.push(
                    path.then("value"),
                    format!(
                        "level {} is outside the scale {}..{}",
                        level.value, scale.min, scale.max
                    ),
                );
            } else if !named.insert(level.value) {
                check.push(
                    path.then("value"),
                    format!("level {} is named twice", level.value),
                );
            } else {
                check.check_text(|| path.clone().then("label"), &level.label);
            }
        }
        if let Some(neutral) = scale.neutral
            && !scale.contains(neutral)
        {
            check.push(
                MapPath::field("scale").then("neutral"),
                format!(
                    "the neutral level {neutral} is outside the scale {}..{}",
                    scale.min, scale.max
                ),
            );
        }

        for (si, stage) in self.stages.iter().enumerate() {
            let stage_path = MapPath::field("stages").index(si);
            check.claim(
                stage.id.0,
                || format!("stage {}", quoted(&stage.name)),
                || stage_path.clone().then("id"),
            );
            check.check_text(|| stage_path.clone().then("name"), &stage.name);
            check.check_text(
                || stage_path.clone().then("description"),
                &stage.description,
            );
            for (ti, touchpoint) in stage.touchpoints.iter().enumerate() {
                let tp_path = stage_path.clone().then("touchpoints").index(ti);
                check.claim(
                    touchpoint.id.0,
                    || format!("touchpoint {}", quoted(&touchpoint.title)),
                    || tp_path.clone().then("id"),
                );
                for (field, text) in [
                    ("title", &touchpoint.title),
                    ("description", &touchpoint.description),
                    ("notes", &touchpoint.notes),
                ] {
                    check.check_text(|| tp_path.clone().then(field), text);
                }
                if let Some(Channel::Custom(name)) = &touchpoint.channel {
                    check.check_text(|| tp_path.clone().then("channel"), name);
                }
                for (ai, actor) in touchpoint.actors.iter().enumerate() {
                    if !personas.contains(actor) {
                        let what = check.what_is(actor.0);
                        check.push(
                            tp_path.clone().then("actors").index(ai),
                            format!(
                                "touchpoint {} names persona {actor} as an actor, but {what}",
                                quoted(&touchpoint.title)
                            ),
                        );
                    }
                }
                if let Some(link) = &touchpoint.link
                    && let Err(why) = check_link(link)
                {
                    check.push(tp_path.then("link"), why);
                }
            }
        }

        for (li, lane) in self.lanes.iter().enumerate() {
            let lane_path = MapPath::field("lanes").index(li);
            check.claim(
                lane.id.0,
                || format!("lane {}", quoted(&lane.name)),
                || lane_path.clone().then("id"),
            );
            check.check_text(|| lane_path.clone().then("name"), &lane.name);
            let role = format!("a note of lane {}", quoted(&lane.name));
            for (ni, note) in lane.notes.iter().enumerate() {
                let note_path = lane_path.clone().then("notes").index(ni);
                check.claim(
                    note.id.0,
                    || format!("note {}", quoted(&note.text)),
                    || note_path.clone().then("id"),
                );
                for (field, text) in [
                    ("text", &note.text),
                    ("owner", &note.owner),
                    ("metric", &note.metric),
                ] {
                    check.check_text(|| note_path.clone().then(field), text);
                }
                check.check_anchor(note_path.then("anchor"), note.anchor, &role);
            }
        }

        for (ci, curve) in self.curves.iter().enumerate() {
            let curve_path = MapPath::field("curves").index(ci);
            check.claim(
                curve.id.0,
                || format!("curve {}", quoted(&curve.name)),
                || curve_path.clone().then("id"),
            );
            check.check_text(|| curve_path.clone().then("name"), &curve.name);
            if let Some(persona) = curve.persona
                && !personas.contains(&persona)
            {
                let what = check.what_is(persona.0);
                check.push(
                    curve_path.clone().then("persona"),
                    format!(
                        "curve {} belongs to persona {persona}, but {what}",
                        quoted(&curve.name)
                    ),
                );
            }
            let role = format!("curve {}", quoted(&curve.name));
            for (touchpoint, score) in &curve.scores {
                let path = curve_path.clone().then("scores").key(touchpoint);
                if check.touchpoint_at.contains_key(touchpoint) {
                    check.check_score(path, *score);
                } else {
                    let hint = if check.stage_at.contains_key(&StageId(touchpoint.0)) {
                        "; a stage's score goes in stage_scores"
                    } else {
                        ""
                    };
                    let what = check.what_is(touchpoint.0);
                    check.push(
                        path,
                        format!("{role} scores touchpoint {touchpoint}, but {what}{hint}"),
                    );
                }
            }
            for (stage, score) in &curve.stage_scores {
                let path = curve_path.clone().then("stage_scores").key(stage);
                if check.stage_at.contains_key(stage) {
                    check.check_score(path, *score);
                } else {
                    let hint = if check.touchpoint_at.contains_key(&TouchpointId(stage.0)) {
                        "; a touchpoint's score goes in scores"
                    } else {
                        ""
                    };
                    let what = check.what_is(stage.0);
                    check.push(
                        path,
                        format!("{role} scores stage {stage}, but {what}{hint}"),
                    );
                }
            }
        }

        let options = MapPath::field("options");
        if self.options.wrap == Wrap::AfterStages(0) {
            check.push(
                options.clone().then("wrap"),
                "a map wraps after at least 1 stage: AfterStages(1) or more",
            );
        }
        check.check_text(
            || options.clone().then("touchpoints_name"),
            &self.options.touchpoints_name,
        );
        check.check_text(
            || options.clone().then("emotion_name"),
            &self.options.emotion_name,
        );

        // Conflict marks: each can be resolved either way. One about something the map no
        // longer has is set aside, not refused (an undo may bring its item back).
        for (i, conflict) in self.conflicts.iter().enumerate() {
            let path = MapPath::field("conflicts").index(i);
            for (side, value) in [("ours", &conflict.ours), ("theirs", &conflict.theirs)] {
                let texts: Vec<&String> = match value {
                    Value::Text(text) | Value::Link(Some(text)) => vec![text],
                    Value::Goals(goals) => goals.iter().collect(),
                    _ => Vec::new(),
                };
                for text in texts {
                    check.check_text(|| path.clone().then(side), text);
                }
            }
            if let Err(why) = conflict.check() {
                check.push(path.then("field"), why);
            }
        }
        check.problems
    }
}

/// The first of `texts` longer than a map may hold, described; `None` when every one fits.
pub fn text_beyond_limits<'a>(texts: impl IntoIterator<Item = &'a String>) -> Option<String> {
    for text in texts {
        if text.len() > MAX_TEXT_CHARS && text.chars().count() > MAX_TEXT_CHARS {
            return Some(format!(
                "a text on a map holds at most {MAX_TEXT_CHARS} characters (this one starts {})",
                quoted(text)
            ));
        }
    }
    None
}

/// Whether a touchpoint's link is one the map may hold: an `http`, `https` or `mailto` address
/// (files travel by e-mail, so a link never opens a program or a local file).
pub fn check_link(link: &str) -> Result<(), String> {
    let scheme = link.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    match scheme.as_deref() {
        Some("http" | "https") if link.contains("://") && link.len() > 8 => Ok(()),
        Some("mailto") if link.len() > 7 => Ok(()),
        _ => Err(format!(
            "the link {link:?} is not a web or mail address: a link starts with https://, \
             http:// or mailto:"
        )),
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
            channel: Some(Channel::App),
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
        map.lanes[0]
            .notes
            .push(Note::new(NoteId(600), "x", Anchor::Stage(StageId(555))));
        // A touchpoint's id where a stage belongs: the message says what the id is.
        map.lanes[0]
            .notes
            .push(Note::new(NoteId(601), "y", Anchor::Stage(StageId(tp.0))));
        let problems = map.validate();
        let paths: Vec<String> = problems.iter().map(|p| p.path.to_string()).collect();
        assert_eq!(
            paths,
            [
                "lanes[0].notes[0].anchor",
                "lanes[0].notes[1].anchor",
                "lanes[1].id",
                "curves[0].persona",
                format!("curves[0].scores[{tp}]").as_str(),
                "curves[0].scores[999]",
            ]
        );
        assert!(
            problems[1]
                .message
                .contains(&format!("{tp} is a touchpoint")),
            "{}",
            problems[1].message
        );
        assert!(problems[1].message.contains("Touchpoint(id)"));
        assert!(problems[2].message.contains("duplicate id"));
        assert_eq!(
            problems[2].related.as_ref().map(ToString::to_string),
            Some("lanes[0].id".to_owned()),
            "a duplicate names the first holder of the id"
        );
        assert!(problems[4].message.contains("outside the scale -2..2"));
    }

    #[test]
    fn scores_that_name_the_wrong_kind_of_item_say_where_they_belong() {
        let mut map = sample();
        let stage = map.stages[0].id;
        let tp = map.stages[0].touchpoints[0].id;
        map.curves[0].scores.insert(TouchpointId(stage.0), 1);
        map.curves[0].stage_scores.insert(StageId(tp.0), 1);
        let messages: Vec<String> = map.validate().into_iter().map(|p| p.message).collect();
        assert!(
            messages[0].contains(&format!("{stage} is a stage")),
            "{messages:?}"
        );
        assert!(messages[0].contains("stage_scores"), "{messages:?}");
        assert!(
            messages[1].contains(&format!("{tp} is a touchpoint")),
            "{messages:?}"
        );
    }

    #[test]
    fn links_are_web_or_mail_addresses_only() {
        for good in [
            "https://gov.example/apply",
            "http://a.example",
            "mailto:help@example.org",
        ] {
            assert_eq!(check_link(good), Ok(()), "{good}");
        }
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "www.example.com",
            "https://",
            "",
        ] {
            assert!(check_link(bad).is_err(), "{bad}");
        }
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
            neutral: Some(9),
        };
        map.curves[0].scores.clear();
        let paths: Vec<String> = map.validate().iter().map(|p| p.path.to_string()).collect();
        assert_eq!(
            paths,
            ["scale.max", "scale.levels[1].value", "scale.neutral"]
        );
    }
}
