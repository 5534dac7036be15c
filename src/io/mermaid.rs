//! Mermaid's `journey` diagrams, in and out: the one open text format for journeys (GitHub,
//! GitLab and many wikis draw it). Lossy against a map, so Import and Export only.
//!
//! Reading follows Mermaid's own grammar (the lexer and parser in `journey.jison`, and
//! `addTask` in `journeyDb`): keywords in any case; `%%` comments (a `%%{…}%%` directive is
//! skipped, as Mermaid's preprocessing does) and `#` comments to the end of the line; YAML front
//! matter (its `title:` is read); `accTitle: …`, `accDescr: …` and `accDescr { … }`; blank
//! lines and any indentation; `section` lines (each one a new stage, repeated names included);
//! and tasks, `name: score: actor, actor`, before the first section too. What Mermaid fails to
//! parse (no `journey` line, a task without `:` or without anything after it, a `;`, a section
//! name with `:`) fails here at `line:column`; what it accepts but draws oddly (a missing or
//! non-numeric score, a fraction, a score outside 1–5) is read and said in a warning at its
//! line.
//!
//! Writing: stages become sections and touchpoints tasks with their actors' names and one
//! score (mapped to 1–5 when the map's scale differs, and said so); `%% jm …` comments carry
//! the map's ids, so export → edit in a text editor → import keeps every identity. What Mermaid
//! cannot hold (lanes, notes, descriptions, channels, stage scores…) is listed.

use super::locate::TextPos;
use super::ron_file::{FileProblem, LoadError};
use crate::model::limits;
use crate::model::*;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

/// The scale Mermaid's documentation gives its scores: 1 to 5, and Mermaid draws 3 as the
/// neutral face.
pub const MERMAID_SCALE: (i32, i32) = (1, 5);
/// The score Mermaid draws with a neutral face (above: smiling, below: sad).
pub const MERMAID_NEUTRAL: i32 = 3;
/// The curve that holds the scores of tasks without actors, when the diagram has no title.
pub const UNNAMED_CURVE: &str = "Score";
/// Put after a name's first character when the name would otherwise read as a keyword
/// (`Title search` is a task, not a title); taken out again on import. Invisible where Mermaid
/// draws it.
const KEYWORD_BREAK: char = '\u{200b}';

/// A map read from another kind of file, with what was read with a caveat.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The map.
    pub map: JourneyMap,
    /// One per caveat, at its line where it has one.
    pub warnings: Vec<FileProblem>,
}

impl Imported {
    /// The map read from a `source` ("diagram", "table"), once it is sound; else every problem
    /// (the first [`super::MAX_REPORTED`]), said as what the source makes.
    pub fn checked(
        map: JourneyMap,
        warnings: Vec<FileProblem>,
        source: &str,
    ) -> Result<Imported, LoadError> {
        let problems = map.validate();
        if problems.is_empty() {
            return Ok(Imported { map, warnings });
        }
        Err(LoadError::Invalid(
            problems
                .into_iter()
                .take(super::MAX_REPORTED)
                .map(|p| FileProblem {
                    at: None,
                    message: format!("the {source} makes a map that is not sound: {p}"),
                })
                .collect(),
        ))
    }
}

/// A task as read, before it becomes a touchpoint.
struct Task {
    at: TextPos,
    title: String,
    score: Option<i32>,
    actors: Vec<String>,
    id: Option<u32>,
}

/// A section as read.
struct Section {
    name: String,
    id: Option<u32>,
    tasks: Vec<Task>,
}

fn error(line: usize, col: usize, message: impl Into<String>) -> LoadError {
    LoadError::Invalid(vec![FileProblem {
        at: Some(TextPos { line, col }),
        message: message.into(),
    }])
}

fn warning(line: usize, col: usize, message: impl Into<String>) -> FileProblem {
    FileProblem {
        at: Some(TextPos { line, col }),
        message: message.into(),
    }
}

/// The ids that `%% jm …` comments give the next section or task, and the personas' and
/// curves' by name.
#[derive(Default)]
struct Ids {
    next_stage: Option<u32>,
    next_touchpoint: Option<u32>,
    /// The next task was unscored in the map (Mermaid needs a score, so it carries the neutral
    /// one).
    next_unscored: bool,
    personas: HashMap<String, u32>,
    curves: Vec<(String, u32)>,
}

impl Ids {
    /// Reads `jm stage 3`, `jm touchpoint 4`, `jm unscored`, `jm persona 1 Me`,
    /// `jm curve 10 Me`; other comments say nothing.
    fn read(&mut self, comment: &str) {
        let Some(rest) = comment.trim().strip_prefix("jm ") else {
            return;
        };
        if rest.trim() == "unscored" {
            self.next_unscored = true;
            return;
        }
        let mut words = rest.splitn(3, ' ');
        let (kind, id, name) = (words.next(), words.next(), words.next());
        let Some(id) = id.and_then(|i| i.trim().parse::<u32>().ok()) else {
            return;
        };
        let name = name.map(|n| n.trim().to_owned());
        match (kind, name) {
            (Some("stage"), _) => self.next_stage = Some(id),
            (Some("touchpoint"), _) => self.next_touchpoint = Some(id),
            (Some("persona"), Some(name)) => {
                self.personas.insert(name, id);
            }
            (Some("curve"), Some(name)) => self.curves.push((name, id)),
            _ => {}
        }
    }

    fn curve(&self, name: &str) -> Option<u32> {
        self.curves
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, id)| *id)
    }
}

/// A name as Mermaid gave it: trimmed, with the keyword break taken out.
fn name_of(text: &str) -> String {
    let text = text.trim();
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(KEYWORD_BREAK)) => format!("{first}{}", chars.as_str()),
        _ if text == KEYWORD_BREAK.to_string() => String::new(),
        _ => text.to_owned(),
    }
}

/// The score text as JavaScript's `Number()` reads it (what Mermaid does): blank is 0, hex,
/// octal and binary prefixes, `Infinity`; None when it is not a number.
fn js_number(text: &str) -> Option<f64> {
    let text = text.trim();
    if text.is_empty() {
        return Some(0.0);
    }
    let radix = |prefix: &str, radix: u32| {
        let digits = text
            .strip_prefix(prefix)
            .or_else(|| text.strip_prefix(&prefix.to_uppercase()))?;
        u64::from_str_radix(digits, radix).ok().map(|v| v as f64)
    };
    if let Some(value) = radix("0x", 16).or_else(|| radix("0o", 8).or_else(|| radix("0b", 2))) {
        return Some(value);
    }
    // Rust reads `inf`, `nan` and `infinity` where JavaScript does not.
    if text
        .chars()
        .any(|c| c.is_ascii_alphabetic() && c != 'e' && c != 'E')
    {
        return match text {
            "Infinity" | "+Infinity" => Some(f64::INFINITY),
            "-Infinity" => Some(f64::NEG_INFINITY),
            _ => None,
        };
    }
    text.parse::<f64>().ok()
}

/// Whether `lower` starts with `word` followed by whitespace or the end.
fn starts_with_word(lower: &str, word: &str) -> bool {
    lower
        .strip_prefix(word)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
}

/// Reads a Mermaid `journey` diagram. Linear in its length.
pub fn from_mermaid(text: &str) -> Result<Imported, LoadError> {
    if text.len() as u64 > limits::MAX_FILE_BYTES {
        return Err(super::too_large(text.len() as u64));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines: Vec<&str> = text.lines().collect();
    // Statements may follow `journey` on its line: the rest of that line is read as a line of
    // its own, `shift` columns further right.
    let mut shift: Option<(usize, usize)> = None;
    let mut warnings = Vec::new();
    let mut at = 0;
    let mut title = String::new();
    let mut description = String::new();

    // YAML front matter: `---` lines around `key: value` lines; the title is read.
    if lines.first().is_some_and(|l| l.trim_end() == "---") {
        let Some(end) = lines.iter().skip(1).position(|l| l.trim_end() == "---") else {
            return Err(error(
                1,
                1,
                "the front matter that starts here never ends (a closing `---` line is missing)",
            ));
        };
        for line in &lines[1..=end] {
            if let Some(value) = line.strip_prefix("title:") {
                title = value.trim().trim_matches(['"', '\'']).to_owned();
            }
        }
        at = end + 2;
    }

    let mut ids = Ids::default();
    let mut sections: Vec<Section> = Vec::new();
    let mut started = false;
    let mut in_description: Option<usize> = None;
    let mut in_directive: Option<usize> = None;
    while at < lines.len() {
        let number = at + 1;
        let raw = lines[at];
        at += 1;
        if let Some(start) = in_description {
            match raw.find('}') {
                Some(end) => {
                    description.push_str(raw[..end].trim());
                    description = description.trim_end().to_owned();
                    in_description = None;
                    if !raw[end + 1..].trim().is_empty() {
                        warnings.push(warning(
                            number,
                            raw[..=end].chars().count() + 1,
                            "text after the `}` that ends the description is left out",
                        ));
                    }
                }
                None => {
                    if description.chars().count() > limits::MAX_TEXT_CHARS {
                        return Err(error(
                            start,
                            1,
                            "this `accDescr {` block is longer than a map's text may be",
                        ));
                    }
                    description.push_str(raw.trim());
                    description.push('\n');
                }
            }
            continue;
        }
        if in_directive.is_some() {
            if raw.contains("}%%") {
                in_directive = None;
            }
            continue;
        }
        let trimmed = raw.trim_start();
        let indent = raw.len() - trimmed.len();
        let shifted = shift
            .filter(|(line, _)| *line == number)
            .map_or(0, |(_, by)| by);
        let col_of = |byte: usize| {
            let byte = (0..=byte.min(raw.len()))
                .rev()
                .find(|&b| raw.is_char_boundary(b))
                .unwrap_or(0);
            raw[..byte].chars().count() + 1 + shifted
        };
        if let Some(comment) = trimmed.strip_prefix("%%") {
            if comment.starts_with('{') {
                warnings.push(warning(
                    number,
                    col_of(indent),
                    "a `%%{…}%%` directive sets how Mermaid draws the diagram; it is left out",
                ));
                if !comment.contains("}%%") {
                    in_directive = Some(number);
                }
            } else {
                ids.read(comment);
            }
            continue;
        }
        let lower = trimmed.to_lowercase();
        if !started {
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            if starts_with_word(&lower, "journey") {
                started = true;
                // Statements may follow `journey` on its line.
                let rest = trimmed["journey".len()..].trim_start();
                if !rest.trim().is_empty() {
                    shift = Some((number, col_of(raw.len() - rest.len()) - 1));
                    lines[number - 1] = rest;
                    at -= 1;
                }
                continue;
            }
            return Err(error(
                number,
                col_of(indent),
                "this is not a Mermaid journey: a journey diagram starts with a line `journey`",
            ));
        }
        // `accTitle: …` and `accDescr: …` take the rest of the line, `#` and `;` included.
        if lower.starts_with("acctitle") {
            let rest = trimmed["acctitle".len()..].trim_start();
            if let Some(value) = rest.strip_prefix(':') {
                if title.is_empty() {
                    title = value.trim().to_owned();
                }
                continue;
            }
        }
        if lower.starts_with("accdescr") {
            let rest = trimmed["accdescr".len()..].trim_start();
            if let Some(value) = rest.strip_prefix(':') {
                description = value.trim().to_owned();
                continue;
            }
            if let Some(value) = rest.strip_prefix('{') {
                match value.find('}') {
                    Some(end) => description = value[..end].trim().to_owned(),
                    None => {
                        description = value.trim().to_owned();
                        if !description.is_empty() {
                            description.push('\n');
                        }
                        in_description = Some(number);
                    }
                }
                continue;
            }
        }
        // `#` and a `%%` within the line start comments.
        let mut line = trimmed;
        if let Some(cut) = line.find('#') {
            line = &line[..cut];
        }
        if let Some(cut) = line.find("%%") {
            line = &line[..cut];
        }
        let line = line.trim_end();
        if line.is_empty() {
            continue;
        }
        if let Some(bad) = line.find(';') {
            return Err(error(
                number,
                col_of(indent + bad),
                "Mermaid does not accept `;` in a journey: write one statement per line",
            ));
        }
        let lower = line.to_lowercase();
        if lower.starts_with("journey") {
            return Err(error(
                number,
                col_of(indent),
                "Mermaid reads a line that starts with `journey` as the diagram's first line again, and fails; rename the task",
            ));
        }
        if starts_with_word(&lower, "title") && lower.len() > "title".len() {
            title = line["title".len()..].trim().to_owned();
            continue;
        }
        if starts_with_word(&lower, "section") && lower.len() > "section".len() {
            let name = &line["section".len()..];
            if let Some(colon) = name.find(':') {
                return Err(error(
                    number,
                    col_of(indent + "section".len() + colon),
                    "a section's name may not hold `:` (Mermaid reads it as a task's score)",
                ));
            }
            sections.push(Section {
                name: name_of(name),
                id: ids.next_stage.take(),
                tasks: Vec::new(),
            });
            continue;
        }
        // A task: `name: data`, data being `score` or `score: actors`; more `:` pieces are
        // ignored, as Mermaid does.
        let Some((name, data)) = line.split_once(':') else {
            return Err(error(
                number,
                col_of(indent + line.len()),
                "a task needs `: score` after its name (e.g. `Make tea: 5: Me`)",
            ));
        };
        let colon = indent + name.len();
        let after = &trimmed[name.len() + 1..];
        if after.is_empty() || after.starts_with('#') || after.starts_with("%%") {
            return Err(error(
                number,
                col_of(colon + 1),
                "a task's `:` must be followed by its score (e.g. `Make tea: 5: Me`)",
            ));
        }
        let title = name_of(name);
        let mut pieces = data.split(':');
        let score_text = pieces.next().unwrap_or("").trim();
        let actors: Vec<String> = pieces
            .next()
            .map(|a| {
                // More than a map can hold is an error later: no need to read them all.
                a.split(',')
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .take(limits::MAX_PERSONAS + 1)
                    .collect()
            })
            .unwrap_or_default();
        let score_col = col_of(colon + 1 + (data.len() - data.trim_start().len()));
        let unscored = std::mem::take(&mut ids.next_unscored);
        let score = match js_number(score_text) {
            _ if unscored => None,
            _ if score_text.is_empty() => {
                warnings.push(warning(
                    number,
                    col_of(colon),
                    format!(
                        "“{}” has no score (Mermaid draws it at 0); it is left unscored",
                        limits::quoted(&title)
                    ),
                ));
                None
            }
            Some(value) if value.is_finite() => {
                if value.fract() != 0.0 {
                    warnings.push(warning(
                        number,
                        score_col,
                        format!(
                            "the score {score_text} is not a whole number; it is rounded to {}",
                            value.round()
                        ),
                    ));
                }
                #[allow(clippy::cast_possible_truncation)]
                let whole = value.round().clamp(-1e6, 1e6) as i32;
                Some(whole)
            }
            _ => {
                warnings.push(warning(
                    number,
                    score_col,
                    format!(
                        "the score “{}” of “{}” is not a number (Mermaid cannot draw it); it is left unscored",
                        limits::quoted(score_text),
                        limits::quoted(&title)
                    ),
                ));
                None
            }
        };
        if sections.is_empty() {
            sections.push(Section {
                name: String::new(),
                id: ids.next_stage.take(),
                tasks: Vec::new(),
            });
        }
        if let Some(section) = sections.last_mut() {
            section.tasks.push(Task {
                at: TextPos {
                    line: number,
                    col: col_of(indent),
                },
                title,
                score,
                actors,
                id: ids.next_touchpoint.take(),
            });
        }
    }
    if let Some(start) = in_description {
        return Err(error(
            start,
            1,
            "this `accDescr {` block never ends (a `}` is missing)",
        ));
    }
    if !started {
        return Err(error(
            lines.len().max(1),
            1,
            "this is not a Mermaid journey: it has no line `journey`",
        ));
    }
    if sections.is_empty() {
        warnings.push(FileProblem {
            at: None,
            message: "the diagram has no tasks: the map has one empty stage".to_owned(),
        });
        sections.push(Section {
            name: String::new(),
            id: None,
            tasks: Vec::new(),
        });
    }
    build(title, description, sections, &ids, warnings)
}

/// The scale the scores need: 1–5, widened to hold any score outside it (said in a warning)
/// as far as a map's scale may reach; scores beyond that are set to its end (said too).
fn scale_for(sections: &mut [Section], warnings: &mut Vec<FileProblem>) -> (i32, i32) {
    let (mut min, mut max) = MERMAID_SCALE;
    for task in sections.iter().flat_map(|s| &s.tasks) {
        if let Some(score) = task.score {
            min = min.min(score);
            max = max.max(score);
        }
    }
    // As wide as a map's scale may reach, keeping 1–5 inside; when both ends want more than
    // there is, each gets half, and one that needs less leaves the rest to the other.
    let span = limits::MAX_SCALE_SPAN;
    let extra = span - (MERMAID_SCALE.1 - MERMAID_SCALE.0);
    let (want_down, want_up) = (MERMAID_SCALE.0 - min, max - MERMAID_SCALE.1);
    let down = want_down.min((extra / 2).max(extra - want_up.min(extra)));
    let up = want_up.min(extra - down);
    let (min, max) = (MERMAID_SCALE.0 - down, MERMAID_SCALE.1 + up);
    for task in sections.iter_mut().flat_map(|s| &mut s.tasks) {
        let Some(score) = task.score else { continue };
        if (min..=max).contains(&score) {
            if !(MERMAID_SCALE.0..=MERMAID_SCALE.1).contains(&score) {
                warnings.push(FileProblem {
                    at: Some(task.at),
                    message: format!(
                        "the score {score} is outside Mermaid's 1 to 5; the map's scale is widened to {min} to {max} to hold it"
                    ),
                });
            }
        } else {
            let set = score.clamp(min, max);
            warnings.push(FileProblem {
                at: Some(task.at),
                message: format!(
                    "the score {score} is beyond what a map's scale holds ({span} steps); it is set to {set}"
                ),
            });
            task.score = Some(set);
        }
    }
    (min, max)
}

/// The map the sections and tasks make.
fn build(
    title: String,
    description: String,
    mut sections: Vec<Section>,
    ids: &Ids,
    mut warnings: Vec<FileProblem>,
) -> Result<Imported, LoadError> {
    let (min, max) = scale_for(&mut sections, &mut warnings);

    // Ids the comments gave are kept when they are free; the rest are numbered after them.
    let largest = ids
        .personas
        .values()
        .copied()
        .chain(ids.curves.iter().map(|(_, id)| *id))
        .chain(sections.iter().filter_map(|s| s.id))
        .chain(sections.iter().flat_map(|s| &s.tasks).filter_map(|t| t.id))
        .filter(|id| *id <= limits::MAX_ID)
        .max()
        .unwrap_or(0);
    let mut fresh = IdAllocator::after(largest);
    let mut used: HashSet<u32> = HashSet::new();
    let mut take = |wanted: Option<u32>| -> u32 {
        match wanted {
            Some(id) if id > 0 && id <= limits::MAX_ID && used.insert(id) => id,
            _ => loop {
                let id = fresh.next_raw();
                if used.insert(id) {
                    break id;
                }
            },
        }
    };

    // Actors in the order they first appear: each one a persona with a curve.
    let mut actors: Vec<String> = Vec::new();
    let mut actor_index: HashMap<String, usize> = HashMap::new();
    for task in sections.iter().flat_map(|s| &s.tasks) {
        for actor in &task.actors {
            if !actor_index.contains_key(actor) {
                if actors.len() == limits::MAX_PERSONAS {
                    return Err(error(
                        task.at.line,
                        task.at.col,
                        format!(
                            "the diagram names more than {} actors; a map holds at most that many personas",
                            limits::MAX_PERSONAS
                        ),
                    ));
                }
                actor_index.insert(actor.clone(), actors.len());
                actors.push(actor.clone());
            }
        }
    }
    let personas: Vec<Persona> = actors
        .iter()
        .map(|name| Persona {
            id: PersonaId(take(ids.personas.get(name).copied())),
            name: name.clone(),
            description: String::new(),
            goals: Vec::new(),
        })
        .collect();

    // Tasks without actors score a curve of their own: the one a comment names that is no
    // actor's, else one named after the diagram.
    let unnamed_needed = actors.is_empty()
        || sections
            .iter()
            .flat_map(|s| &s.tasks)
            .any(|t| t.actors.is_empty());
    let unnamed = unnamed_needed.then(|| {
        ids.curves
            .iter()
            .map(|(name, _)| name.clone())
            .find(|name| !actor_index.contains_key(name))
            .unwrap_or_else(|| {
                if title.is_empty() {
                    UNNAMED_CURVE.to_owned()
                } else {
                    title.clone()
                }
            })
    });
    let mut curves: Vec<EmotionCurve> = actors
        .iter()
        .chain(unnamed.iter())
        .enumerate()
        .map(|(i, name)| {
            let id = CurveId(take(ids.curve(name)));
            let mut curve = EmotionCurve::new(id, name.clone(), PALETTE[(i + 3) % PALETTE.len()]);
            curve.persona = personas.get(i).map(|p| p.id);
            curve
        })
        .collect();
    if curves.len() > limits::MAX_CURVES {
        return Err(error(
            1,
            1,
            format!(
                "the diagram has {} actors; a map holds at most {} curves, one per actor",
                actors.len(),
                limits::MAX_CURVES
            ),
        ));
    }

    let mut stages = Vec::new();
    for (i, section) in sections.into_iter().enumerate() {
        let id = StageId(take(section.id));
        let mut stage = Stage::new(id, section.name, PALETTE[i % PALETTE.len()]);
        for task in section.tasks {
            let tp = TouchpointId(take(task.id));
            let indexes: Vec<usize> = task
                .actors
                .iter()
                .filter_map(|a| actor_index.get(a).copied())
                .collect();
            if let Some(score) = task.score {
                if indexes.is_empty() {
                    if let Some(curve) = curves.last_mut() {
                        curve.scores.insert(tp, score);
                    }
                } else {
                    for &index in &indexes {
                        curves[index].scores.insert(tp, score);
                    }
                }
            }
            let mut touchpoint = Touchpoint::new(tp, task.title);
            touchpoint.actors = indexes.iter().map(|&i| personas[i].id).collect();
            touchpoint.actors.dedup();
            stage.touchpoints.push(touchpoint);
        }
        stages.push(stage);
    }

    let map = JourneyMap {
        header: Header {
            title,
            personas,
            scenario: description,
            ..Header::default()
        },
        scale: EmotionScale {
            min,
            max,
            levels: Vec::new(),
            neutral: Some(MERMAID_NEUTRAL),
        },
        stages,
        lanes: Vec::new(),
        curves,
        options: MapOptions::default(),
        conflicts: Vec::new(),
    };
    warnings.sort_by_key(|w| w.at.map(|a| (a.line, a.col)));
    Imported::checked(map, warnings, "diagram")
}

/// Where a text goes in the diagram.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Text {
    /// The title, which may hold `:` and never reads as another keyword.
    Title,
    /// A section's or task's name, or a comment's.
    Name,
    /// An actor, in a list split at `,`.
    Actor,
}

/// Text as Mermaid may hold it in a name: on one line, with the characters that would end or
/// split it (`:`, `;`, `#`, `%%`, and `,` in an actor's name) written as their full-width
/// look-alikes, and a break after the first character where the name starts like a keyword.
fn clean(text: &str, kind: Text) -> String {
    let actor = kind == Text::Actor;
    let line: String = text
        .chars()
        .map(|c| match c {
            ':' if kind != Text::Title => '：',
            ';' => '；',
            '#' => '＃',
            ',' if actor => '，',
            '\n' | '\r' | '\t' => ' ',
            other => other,
        })
        .collect::<String>()
        .replace("%%", "%％")
        .trim()
        .to_owned();
    let lower = line.to_lowercase();
    let keyword = kind != Text::Title
        && (lower.starts_with("journey")
            || lower.starts_with("acctitle")
            || lower.starts_with("accdescr")
            || starts_with_word(&lower, "title")
            || starts_with_word(&lower, "section"));
    if keyword {
        let mut chars = line.chars();
        let first = chars.next().unwrap_or(' ');
        format!("{first}{KEYWORD_BREAK}{}", chars.as_str())
    } else {
        line
    }
}

/// A score on the map's scale as a score on Mermaid's 1–5: as it is when the scale is 1–5,
/// else mapped linearly and rounded.
pub fn to_mermaid_score(scale: &EmotionScale, score: i32) -> i32 {
    let (low, high) = MERMAID_SCALE;
    if (scale.min, scale.max) == MERMAID_SCALE || scale.min >= scale.max {
        return score;
    }
    let share = f64::from(score - scale.min) / f64::from(scale.max - scale.min);
    #[allow(clippy::cast_possible_truncation)]
    let mapped = (f64::from(low) + share * f64::from(high - low)).round() as i32;
    mapped
}

/// A map as a Mermaid `journey`, and what it could not hold, in sentences.
pub fn to_mermaid(map: &JourneyMap) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut lost = Vec::new();
    let _ = writeln!(out, "journey");
    // A title may hold `:`; one of spaces alone is no title to Mermaid.
    let title = clean(&map.header.title, Text::Title);
    if !title.is_empty() {
        let _ = writeln!(out, "    title {title}");
    }
    if !map.header.scenario.is_empty() {
        let scenario = map.header.scenario.replace('}', "｝");
        if scenario.contains('\n') {
            let _ = writeln!(out, "    accDescr {{");
            for line in scenario.lines() {
                let _ = writeln!(out, "        {}", line.trim());
            }
            let _ = writeln!(out, "    }}");
        } else {
            let _ = writeln!(out, "    accDescr: {}", scenario.trim());
        }
    }
    for persona in &map.header.personas {
        let _ = writeln!(
            out,
            "    %% jm persona {} {}",
            persona.id,
            clean(&persona.name, Text::Actor)
        );
    }
    for curve in &map.curves {
        let _ = writeln!(
            out,
            "    %% jm curve {} {}",
            curve.id,
            clean(&curve.name, Text::Name)
        );
    }
    let scale = &map.scale;
    if (scale.min, scale.max) != MERMAID_SCALE {
        lost.push(format!(
            "scores from {} to {} are mapped to Mermaid's 1 to 5 and rounded",
            scale.min, scale.max
        ));
    }
    let mut disagree = 0;
    for (index, stage) in map.stages.iter().enumerate() {
        let _ = writeln!(out, "    %% jm stage {}", stage.id);
        // A nameless first stage holds the tasks before the first section.
        if index > 0 || !stage.name.is_empty() {
            let name = clean(&stage.name, Text::Name);
            let name = if name.is_empty() {
                KEYWORD_BREAK.to_string()
            } else {
                name
            };
            let _ = writeln!(out, "    section {name}");
        }
        for tp in &stage.touchpoints {
            // One score per task: the first curve of one of its actors that scores it, else
            // the first curve that does.
            let scores: Vec<(Option<PersonaId>, i32)> = map
                .curves
                .iter()
                .filter_map(|c| c.scores.get(&tp.id).map(|s| (c.persona, *s)))
                .collect();
            let chosen = scores
                .iter()
                .find(|(p, _)| p.is_some_and(|p| tp.actors.contains(&p)))
                .or_else(|| scores.first())
                .map(|(_, s)| *s);
            if scores.iter().any(|(_, s)| Some(*s) != chosen) {
                disagree += 1;
            }
            let actors: Vec<String> = tp
                .actors
                .iter()
                .filter_map(|a| map.persona(*a))
                .map(|p| clean(&p.name, Text::Actor))
                .filter(|name| !name.is_empty())
                .collect();
            let _ = writeln!(out, "    %% jm touchpoint {}", tp.id);
            if chosen.is_none() {
                let _ = writeln!(out, "    %% jm unscored");
            }
            let score = chosen.map_or(MERMAID_NEUTRAL, |s| to_mermaid_score(scale, s));
            let title = clean(&tp.title, Text::Name);
            let title = if title.is_empty() {
                KEYWORD_BREAK.to_string()
            } else {
                title
            };
            if actors.is_empty() {
                let _ = writeln!(out, "      {title}: {score}");
            } else {
                let _ = writeln!(out, "      {title}: {score}: {}", actors.join(", "));
            }
        }
    }
    if disagree > 0 {
        lost.push(format!(
            "Mermaid holds one score per task: at {disagree} touchpoints the curves disagree, and the score written is that of the first actor's curve"
        ));
    }
    let unscored = map
        .touchpoints()
        .filter(|t| map.curves.iter().all(|c| !c.scores.contains_key(&t.id)))
        .count();
    if unscored > 0 {
        lost.push(format!(
            "{unscored} touchpoints have no score; Mermaid needs one, so they show the neutral {MERMAID_NEUTRAL} there (a comment keeps them unscored when the file is imported again)"
        ));
    }
    let mut left_out = Vec::new();
    let notes: usize = map.lanes.iter().map(|l| l.notes.len()).sum();
    if !map.lanes.is_empty() {
        left_out.push(format!("{} lanes with {notes} notes", map.lanes.len()));
    }
    let described = map
        .touchpoints()
        .filter(|t| !t.description.is_empty() || !t.notes.is_empty())
        .count();
    if described > 0 {
        left_out.push(format!(
            "the descriptions and notes of {described} touchpoints"
        ));
    }
    let channels = map.touchpoints().filter(|t| t.channel.is_some()).count();
    if channels > 0 {
        left_out.push(format!("{channels} channels"));
    }
    if map.curves.iter().any(|c| !c.stage_scores.is_empty()) {
        left_out.push("the scores of whole stages".to_owned());
    }
    if map.stages.iter().any(|s| !s.description.is_empty()) {
        left_out.push("stage descriptions".to_owned());
    }
    if map.touchpoints().any(|t| t.link.is_some() || t.votes > 0) {
        left_out.push("links and votes".to_owned());
    }
    if !map.header.expectations.is_empty() || !map.header.source.is_empty() {
        left_out.push("the expectations and the credit line".to_owned());
    }
    let moments = map.touchpoints().filter(|t| t.moment_of_truth).count();
    if moments > 0 {
        left_out.push(format!("{moments} moments of truth"));
    }
    let checked = map
        .touchpoints()
        .filter(|t| t.courted.is_assessed())
        .count();
    if checked > 0 {
        left_out.push(format!("the COURTED checks of {checked} touchpoints"));
    }
    let conflicts = map.live_conflicts().count();
    if conflicts > 0 {
        left_out.push(format!(
            "{conflicts} merge conflict marks (this version's values are written)"
        ));
    }
    if !left_out.is_empty() {
        lost.push(format!("Mermaid has no place for {}", left_out.join(", ")));
    }
    (out, lost)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example of Mermaid's documentation (docs/syntax/userJourney.md).
    const WORKING_DAY: &str = include_str!("../../tests/fixtures/mermaid/working-day.mmd");

    fn read(text: &str) -> Imported {
        from_mermaid(text).unwrap_or_else(|e| panic!("{text}\n{e}"))
    }

    fn fails_at(text: &str) -> (usize, usize, String) {
        match from_mermaid(text) {
            Err(LoadError::Invalid(problems)) => {
                let p = &problems[0];
                let at = p.at.expect("a place");
                (at.line, at.col, p.message.clone())
            }
            other => panic!("{text}: {other:?}"),
        }
    }

    fn lines_warned(imported: &Imported) -> Vec<usize> {
        imported
            .warnings
            .iter()
            .filter_map(|w| w.at.map(|a| a.line))
            .collect()
    }

    #[test]
    fn the_documentation_example_reads_as_two_stages_five_touchpoints_and_two_curves() {
        let imported = read(WORKING_DAY);
        let map = &imported.map;
        assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
        assert_eq!(map.header.title, "My working day");
        let stages: Vec<&str> = map.stages.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(stages, ["Go to work", "Go home"]);
        assert_eq!(map.touchpoint_count(), 5);
        let curves: Vec<&str> = map.curves.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(curves, ["Me", "Cat"]);
        let scores =
            |curve: usize| -> Vec<i32> { map.curves[curve].scores.values().copied().collect() };
        assert_eq!(scores(0), [5, 3, 1, 5, 5]);
        assert_eq!(scores(1), [1]);
        assert_eq!((map.scale.min, map.scale.max), (1, 5));
        let work = &map.stages[0].touchpoints[2];
        assert_eq!(work.title, "Do work");
        assert_eq!(work.actors.len(), 2);
        assert_eq!(map.curves[1].persona, Some(work.actors[1]));
        assert!(map.validate().is_empty());
    }

    #[test]
    fn export_then_import_gives_the_same_map() {
        let map = read(WORKING_DAY).map;
        let (text, lost) = to_mermaid(&map);
        assert!(lost.is_empty(), "{lost:?}");
        assert_eq!(read(&text).map, map, "{text}");
        // Without the id comments, the same map but for fresh ids.
        let bare: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("%%"))
            .map(|l| format!("{l}\n"))
            .collect();
        let again = read(&bare).map;
        assert_eq!(again.touchpoint_count(), 5);
        assert_eq!(again.curves.len(), 2);
    }

    #[test]
    fn an_edited_export_keeps_the_identities_of_what_it_kept() {
        let map = read(WORKING_DAY).map;
        let (text, _) = to_mermaid(&map);
        // A teammate moves "Sit down" to the top and adds a task.
        let sit: Vec<&str> = text.lines().rev().take(2).collect();
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        lines.truncate(lines.len() - 2);
        let first_task = lines
            .iter()
            .position(|l| l.contains("Make tea"))
            .expect("Make tea")
            - 1;
        lines.insert(first_task, sit[0].to_owned());
        lines.insert(first_task, sit[1].to_owned());
        lines.push("      Feed the cat: 4: Cat".to_owned());
        let edited = read(&lines.join("\n")).map;
        let sit_id = map.stages[1].touchpoints[1].id;
        assert_eq!(edited.stages[0].touchpoints[0].id, sit_id);
        assert_eq!(edited.stages[0].touchpoints[0].title, "Sit down");
        let fed = &edited.stages[1].touchpoints[1];
        assert_eq!(fed.title, "Feed the cat");
        assert!(map.all_ids().all(|id| id != fed.id.0), "a fresh id");
        assert_eq!(edited.curves[1].id, map.curves[1].id);
    }

    #[test]
    fn what_mermaid_accepts_but_draws_oddly_is_read_with_a_warning_at_its_line() {
        let imported = read(
            "journey\n  title Odd\n  section A\n    No score: \n    Words: many: Me\n    Half: 2.5: Me\n    High: 9: Me\n    Hex: 0x2: Me\n",
        );
        assert_eq!(lines_warned(&imported), [4, 5, 6, 7]);
        let half = &imported.warnings[2];
        assert_eq!(half.at, Some(TextPos { line: 6, col: 11 }), "{half:?}");
        let map = &imported.map;
        assert_eq!((map.scale.min, map.scale.max), (1, 9));
        let me = &map.curves[0];
        let scores: Vec<i32> = me.scores.values().copied().collect();
        assert_eq!(
            scores,
            [3, 9, 2],
            "2.5 rounds away from zero; hex as JavaScript reads it"
        );
        assert_eq!(map.curves[1].name, "Odd", "the actor-less task's curve");
        assert!(map.curves[1].scores.is_empty(), "no score is unscored");
        // Scores beyond a map's reach are set to its end.
        let far = read("journey\nsection A\n  Far: 1000: Me\n  Low: -40: Me\n");
        assert_eq!((far.map.scale.min, far.map.scale.max), (-7, 13));
        assert_eq!(lines_warned(&far), [3, 4]);
    }

    #[test]
    fn comments_front_matter_and_accessibility_lines_follow_mermaids_grammar() {
        let imported = read(
            "---\ntitle: From the front\nconfig:\n  theme: dark\n---\n%%{init: {'theme':'forest'}}%%\n\n  JOURNEY\n%% a comment\n  # another\n  accTitle: Not the title\n  accDescr {\n    Two lines\n    of description\n  }\n  Before: 4\nSECTION  One # trailing comment\n\tTab task:5:A,B\n  Trailing:   2   :  A  \n",
        );
        let map = &imported.map;
        assert_eq!(map.header.title, "From the front");
        assert_eq!(map.header.scenario, "Two lines\nof description");
        assert_eq!(lines_warned(&imported), [6], "the directive");
        let stages: Vec<&str> = map.stages.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(stages, ["", "One"]);
        assert_eq!(map.stages[1].touchpoints[0].title, "Tab task");
        assert_eq!(map.stages[1].touchpoints[1].actors.len(), 1);
        let names: Vec<&str> = map.curves.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["A", "B", "From the front"]);
    }

    #[test]
    fn what_mermaid_fails_to_parse_fails_at_its_line_and_column() {
        assert_eq!(fails_at("graph TD\n").0, 1);
        let (line, col, _) = fails_at("journey\n  section A\n  Task without score\n");
        assert_eq!((line, col), (3, 21));
        let (line, col, _) = fails_at("journey\n  section A\n  Tea: 5; Coffee: 4\n");
        assert_eq!((line, col), (3, 9));
        let (line, col, _) = fails_at("journey\nsection A: B\n");
        assert_eq!((line, col), (2, 10));
        let (line, col, _) = fails_at("journey\nsection A\n  Tea:\n");
        assert_eq!((line, col), (3, 7));
        let (line, _, message) = fails_at("journey\naccDescr {\n never closed\n");
        assert_eq!(line, 2);
        assert!(message.contains('}'), "{message}");
        assert_eq!(fails_at("").0, 1);
        assert_eq!(fails_at("journey\n  Journey home: 3\n").0, 2);
    }

    #[test]
    fn names_that_mermaid_would_misread_survive_the_round_trip() {
        let mut map = JourneyMap::blank("A: the map");
        map.scale = EmotionScale {
            min: 1,
            max: 5,
            levels: Vec::new(),
            neutral: Some(3),
        };
        map.lanes.clear();
        map.stages[0].name = "Section two".to_owned();
        let mut ids = map.id_allocator();
        for title in [
            "Title search",
            "=SUM(A1)",
            "a; b # c",
            "50%% off",
            "section",
            "Journey home",
        ] {
            map.stages[0]
                .touchpoints
                .push(Touchpoint::new(ids.touchpoint(), title));
        }
        let (text, _) = to_mermaid(&map);
        let back = read(&text).map;
        let titles: Vec<&str> = back.stages[0]
            .touchpoints
            .iter()
            .map(|t| t.title.as_str())
            .collect();
        assert_eq!(
            titles,
            [
                "Title search",
                "=SUM(A1)",
                "a； b ＃ c",
                "50%％ off",
                "section",
                "Journey home"
            ]
        );
        assert_eq!(back.stages[0].name, "Section two");
        assert_eq!(back.header.title, "A: the map");
    }

    #[test]
    fn another_scale_is_mapped_to_one_to_five_and_said() {
        let scale = EmotionScale::default();
        assert_eq!(
            [-2, -1, 0, 1, 2].map(|s| to_mermaid_score(&scale, s)),
            [1, 2, 3, 4, 5]
        );
        let map = crate::model::JourneyMap::blank("x");
        let (_, lost) = to_mermaid(&map);
        assert!(lost.iter().any(|l| l.contains("-2 to 2")), "{lost:?}");
        assert!(lost.iter().any(|l| l.contains("4 lanes")), "{lost:?}");
    }
}
