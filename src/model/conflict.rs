//! Conflict marks: what a three-way merge could not decide. When both versions changed the same
//! field differently, the merge keeps ours in the map and leaves a mark holding both values; the
//! mark is saved with the map (format version 4) until someone keeps one value or takes the
//! other. When one side removed an item the other changed, the item stays with a mark that says
//! which side removed it.
//!
//! Each kind of item lists its mergeable fields once (`STAGE`, `TOUCHPOINT`…): the merge walks
//! these tables, and taking a value back out of a mark goes through them too. A mark holds its
//! values typed ([`Value`]), so the file says `ours: Text("Order online")`, `theirs:
//! Channel(Some(App))`.

use super::ids::*;
use super::map::*;
use super::{HeaderPart, Item};
use serde::{Deserialize, Serialize};

/// What a conflict mark is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Subject {
    /// The map as a whole: its scale and options.
    Map,
    /// The header: title, scenario, expectations, source.
    Header,
    /// A persona in the header.
    Persona(PersonaId),
    /// A stage.
    Stage(StageId),
    /// A touchpoint.
    Touchpoint(TouchpointId),
    /// A lane.
    Lane(LaneId),
    /// A note.
    Note(NoteId),
    /// An emotion curve.
    Curve(CurveId),
    /// A curve's score for a touchpoint.
    Score(CurveId, TouchpointId),
    /// A curve's score for a whole stage.
    StageScore(CurveId, StageId),
}

/// The `field` of a mark that says one side removed the item and the other changed it.
pub const REMOVED: &str = "removed";

/// A value held by a conflict mark: one per type of mergeable field, plus the two sides of a
/// removal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Value {
    /// A text field.
    Text(String),
    /// A yes-or-no field (locked, moment of truth).
    Flag(bool),
    /// A colour.
    Colour(super::Rgb),
    /// A touchpoint's channel.
    Channel(Option<Channel>),
    /// Personas taking part.
    Actors(Vec<PersonaId>),
    /// A touchpoint's link.
    Link(Option<String>),
    /// A lane's kind.
    Kind(LaneKind),
    /// A note's anchor.
    Anchor(Anchor),
    /// A curve's persona.
    Persona(Option<PersonaId>),
    /// A persona's goals.
    Goals(Vec<String>),
    /// The emotion scale.
    Scale(EmotionScale),
    /// The map's options.
    Options(MapOptions),
    /// A touchpoint's COURTED checks.
    Courted(Courted),
    /// A score, or none.
    Score(Option<i32>),
    /// In a removal mark: this side removed the item.
    Removed,
    /// In a removal mark: this side changed (or still used) the item.
    Changed,
}

impl Value {
    /// The value in words for a message: text as it is, other values as the file writes them.
    pub fn words(&self) -> String {
        match self {
            Value::Text(text) => text.clone(),
            Value::Flag(flag) => flag.to_string(),
            Value::Colour(colour) => colour.to_string(),
            Value::Channel(Some(channel)) => format!("{channel:?}"),
            Value::Link(Some(link)) => link.clone(),
            Value::Score(Some(score)) => score.to_string(),
            Value::Channel(None) | Value::Link(None) | Value::Score(None) => "none".to_owned(),
            Value::Goals(goals) => goals.join("; "),
            Value::Removed => "removed".to_owned(),
            Value::Changed => "changed".to_owned(),
            other => format!("{other:?}"),
        }
    }
}

/// A text passing [`MAX_TEXT_CHARS`](super::limits::MAX_TEXT_CHARS), said as `validate` says it.
fn too_long(what: &str, text: &str) -> Option<String> {
    use super::limits::{MAX_TEXT_CHARS, quoted};
    // A quick bound first: a text of fewer bytes cannot have more characters.
    (text.len() > MAX_TEXT_CHARS && text.chars().count() > MAX_TEXT_CHARS).then(|| {
        format!(
            "{what} has {} characters; a text on a map holds at most {MAX_TEXT_CHARS} (it \
             starts {})",
            text.chars().count(),
            quoted(text)
        )
    })
}

impl Value {
    /// What in the value passes a limit the map's validation holds the same value to in the
    /// map, in words: a text too long inside a value that is not itself a text (a channel's
    /// own name, the rows' names in the options, a level's name), a link that is no web or mail
    /// address, a scale that is no range, a wrap after no stage. (The texts of `Text`, `Link`
    /// and `Goals` values are measured where `validate` walks the marks.) Taking a value must
    /// never make a map that cannot be saved and opened again.
    fn beyond_limits(&self) -> Option<String> {
        use super::limits::MAX_SCALE_SPAN;
        match self {
            Value::Channel(Some(Channel::Custom(name))) => too_long("the channel's name", name),
            Value::Link(Some(link)) => super::check_link(link).err(),
            Value::Options(options) => {
                if options.wrap == Wrap::AfterStages(0) {
                    return Some(
                        "a map wraps after at least 1 stage: AfterStages(1) or more".to_owned(),
                    );
                }
                too_long("the touchpoints row's name", &options.touchpoints_name)
                    .or_else(|| too_long("the emotion row's name", &options.emotion_name))
            }
            Value::Scale(scale) => {
                if scale.min >= scale.max {
                    return Some(format!(
                        "the scale's max ({}) must be greater than its min ({})",
                        scale.max, scale.min
                    ));
                }
                if i64::from(scale.max) - i64::from(scale.min) > i64::from(MAX_SCALE_SPAN) {
                    return Some(format!("a scale spans at most {MAX_SCALE_SPAN} steps"));
                }
                let mut named = std::collections::HashSet::new();
                for level in &scale.levels {
                    if !scale.contains(level.value) {
                        return Some(format!(
                            "level {} is outside the scale {}..{}",
                            level.value, scale.min, scale.max
                        ));
                    }
                    if !named.insert(level.value) {
                        return Some(format!("level {} is named twice", level.value));
                    }
                    if let Some(why) = too_long("a level's name", &level.label) {
                        return Some(why);
                    }
                }
                scale.neutral.filter(|n| !scale.contains(*n)).map(|n| {
                    format!(
                        "the neutral level {n} is outside the scale {}..{}",
                        scale.min, scale.max
                    )
                })
            }
            _ => None,
        }
    }
}

/// A field two versions changed differently. The map holds `ours`; `theirs` waits here.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// The item.
    pub on: Subject,
    /// The field, as the file names it, or [`REMOVED`].
    pub field: String,
    /// Our value when merged (the one the map holds); [`Value::Removed`] or
    /// [`Value::Changed`] in a removal mark.
    pub ours: Value,
    /// Their value.
    pub theirs: Value,
}

impl Conflict {
    /// The mark in a sentence, naming its item as `map` has it: `touchpoint "Order": title is
    /// "Order online" here and "Order by app" there (kept "Order online")`.
    pub fn describe(&self, map: &JourneyMap) -> String {
        use super::limits::quoted;
        let item = self.on.describe(map);
        if self.is_removal() {
            let (here, there) = if self.ours == Value::Removed {
                ("removed", "changed")
            } else {
                ("changed or still used", "removed")
            };
            format!("! {item}: {here} here and {there} there (kept)")
        } else {
            let (ours, theirs) = (quoted(&self.ours.words()), quoted(&self.theirs.words()));
            format!(
                "! {item}: {} is {ours} here and {theirs} there (kept {ours})",
                self.field
            )
        }
    }
}

/// One mergeable field of an item of type `T`: its name in the file, and how its value goes
/// into a mark and back.
pub struct Field<T> {
    /// The field's name in the file.
    pub name: &'static str,
    /// The value, for a mark.
    pub get: fn(&T) -> Value,
    /// Sets the value from a mark; an error when the value is of another type.
    pub set: fn(&mut T, Value) -> Result<(), String>,
}

macro_rules! field {
    ($name:literal, $variant:ident, $($f:ident).+) => {
        Field {
            name: $name,
            get: |t| Value::$variant(t.$($f).+.clone()),
            set: |t, v| match v {
                Value::$variant(value) => {
                    t.$($f).+ = value;
                    Ok(())
                }
                other => Err(format!(
                    "{:?} is not a value of `{}` (it takes {}(…))",
                    other,
                    $name,
                    stringify!($variant)
                )),
            },
        }
    };
}

/// The map's own mergeable fields.
pub const MAP: &[Field<JourneyMap>] = &[
    field!("scale", Scale, scale),
    field!("options", Options, options),
];
/// The header's.
pub const HEADER: &[Field<Header>] = &[
    field!("title", Text, title),
    field!("scenario", Text, scenario),
    field!("expectations", Text, expectations),
    field!("source", Text, source),
];
/// A persona's.
pub const PERSONA: &[Field<Persona>] = &[
    field!("name", Text, name),
    field!("description", Text, description),
    field!("goals", Goals, goals),
];
/// A stage's.
pub const STAGE: &[Field<Stage>] = &[
    field!("name", Text, name),
    field!("description", Text, description),
    field!("colour", Colour, colour),
    field!("locked", Flag, locked),
];
/// The COURTED checklist holding `check` for `quality` alone (the others not assessed): the
/// value of one quality's field.
fn only(quality: Quality, check: Check) -> Courted {
    let mut courted = Courted::default();
    courted.set(quality, check);
    courted
}

/// One quality of the COURTED checklist as a field of its own (`courted.clean`…), so two
/// people assessing different qualities do not conflict. Its value is a [`Value::Courted`]
/// holding that quality alone; the others in it are ignored.
macro_rules! quality {
    ($name:literal, $quality:ident) => {
        Field {
            name: $name,
            get: |t| Value::Courted(only(Quality::$quality, t.courted.get(Quality::$quality))),
            set: |t, v| match v {
                Value::Courted(value) => {
                    t.courted
                        .set(Quality::$quality, value.get(Quality::$quality));
                    Ok(())
                }
                other => Err(format!(
                    "{:?} is not a value of `{}` (it takes Courted(…))",
                    other, $name
                )),
            },
        }
    };
}

/// A touchpoint's (votes are not here: both sides' votes add up).
pub const TOUCHPOINT: &[Field<Touchpoint>] = &[
    field!("title", Text, title),
    field!("description", Text, description),
    field!("channel", Channel, channel),
    field!("actors", Actors, actors),
    field!("link", Link, link),
    field!("notes", Text, notes),
    field!("locked", Flag, locked),
    field!("moment_of_truth", Flag, moment_of_truth),
    quality!("courted.clean", Clean),
    quality!("courted.order", Order),
    quality!("courted.understanding", Understanding),
    quality!("courted.respect", Respect),
    quality!("courted.time_saving", TimeSaving),
    quality!("courted.easy", Easy),
    quality!("courted.dependable", Dependable),
];
/// Fields of a touchpoint that marks saved by earlier merges name, and merges no longer make:
/// the whole COURTED checklist as one field (before each quality merged on its own). Such a
/// mark still loads and resolves.
pub const TOUCHPOINT_EARLIER: &[Field<Touchpoint>] = &[field!("courted", Courted, courted)];

/// Sets `name` of a touchpoint from `value`: a field of [`TOUCHPOINT`] or of
/// [`TOUCHPOINT_EARLIER`].
fn set_touchpoint(card: &mut Touchpoint, name: &str, value: Value) -> Result<(), String> {
    match field(TOUCHPOINT_EARLIER, name) {
        Some(earlier) => (earlier.set)(card, value),
        None => set_in(TOUCHPOINT, card, name, value),
    }
}
/// A lane's.
pub const LANE: &[Field<Lane>] = &[
    field!("name", Text, name),
    field!("kind", Kind, kind),
    field!("locked", Flag, locked),
];
/// A note's (votes add up).
pub const NOTE: &[Field<Note>] = &[
    field!("text", Text, text),
    field!("owner", Text, owner),
    field!("metric", Text, metric),
    field!("anchor", Anchor, anchor),
    field!("locked", Flag, locked),
];
/// A curve's.
pub const CURVE: &[Field<EmotionCurve>] = &[
    field!("name", Text, name),
    field!("colour", Colour, colour),
    field!("persona", Persona, persona),
];
/// The one field of a score: `Some(score)` or `None` (no point).
pub const SCORE: &[Field<Option<i32>>] = &[Field {
    name: "score",
    get: |t| Value::Score(*t),
    set: |t, v| match v {
        Value::Score(score) => {
            *t = score;
            Ok(())
        }
        other => Err(format!(
            "{other:?} is not a value of `score` (it takes Score(…))"
        )),
    },
}];

/// The field of `fields` named `name`.
pub fn field<'a, T>(fields: &'a [Field<T>], name: &str) -> Option<&'a Field<T>> {
    fields.iter().find(|f| f.name == name)
}

/// Sets `name` of `target` from `value`, checking the name is one of `fields`.
fn set_in<T>(fields: &[Field<T>], target: &mut T, name: &str, value: Value) -> Result<(), String> {
    let field = field(fields, name).ok_or_else(|| {
        let names: Vec<&str> = fields.iter().map(|f| f.name).collect();
        format!(
            "{name:?} is not a field a conflict can be about here (it is one of {})",
            names.join(", ")
        )
    })?;
    (field.set)(target, value)
}

impl Subject {
    /// The item in words, by its name in `map`: `touchpoint "Order"`.
    pub fn describe(self, map: &JourneyMap) -> String {
        use super::limits::quoted;
        let named = |kind: &str, name: Option<&str>| match name {
            Some(name) => format!("{kind} {}", quoted(name)),
            None => format!("a {kind} the map no longer has"),
        };
        let curve = |c: CurveId| {
            map.curves
                .iter()
                .find(|x| x.id == c)
                .map(|x| x.name.as_str())
        };
        match self {
            Self::Map => "the map".to_owned(),
            Self::Header => "the header".to_owned(),
            Self::Persona(p) => named(
                "persona",
                map.header
                    .personas
                    .iter()
                    .find(|x| x.id == p)
                    .map(|x| x.name.as_str()),
            ),
            Self::Stage(s) => named("stage", map.stage(s).map(|x| x.name.as_str())),
            Self::Touchpoint(t) => named("touchpoint", map.touchpoint(t).map(|x| x.title.as_str())),
            Self::Lane(l) => named(
                "lane",
                map.lanes
                    .iter()
                    .find(|x| x.id == l)
                    .map(|x| x.name.as_str()),
            ),
            Self::Note(n) => named("note", map.note(n).map(|x| x.note.text.as_str())),
            Self::Curve(c) => named("curve", curve(c)),
            Self::Score(c, t) => format!(
                "the score of {} on {}",
                named("touchpoint", map.touchpoint(t).map(|x| x.title.as_str())),
                named("curve", curve(c))
            ),
            Self::StageScore(c, s) => format!(
                "the score of {} on {}",
                named("stage", map.stage(s).map(|x| x.name.as_str())),
                named("curve", curve(c))
            ),
        }
    }

    /// The item on the canvas that shows this subject.
    pub fn item(self) -> Item {
        match self {
            Self::Map | Self::Header => Item::Header(HeaderPart::Title),
            Self::Persona(p) => Item::Header(HeaderPart::PersonaName(p)),
            Self::Stage(s) => Item::Stage(s),
            Self::Touchpoint(t) => Item::Touchpoint(t),
            Self::Lane(l) => Item::Lane(l),
            Self::Note(n) => Item::Note(n),
            Self::Curve(c) => Item::Curve(c),
            Self::Score(c, t) => Item::Score(c, t),
            Self::StageScore(c, s) => Item::StageScore(c, s),
        }
    }

    /// Whether this subject names something `map` has.
    pub fn exists_in(self, map: &JourneyMap) -> bool {
        match self {
            Self::Map | Self::Header => true,
            Self::Persona(p) => map.header.personas.iter().any(|x| x.id == p),
            Self::Stage(s) => map.stage(s).is_some(),
            Self::Touchpoint(t) => map.touchpoint(t).is_some(),
            Self::Lane(l) => map.lanes.iter().any(|x| x.id == l),
            Self::Note(n) => map.note(n).is_some(),
            Self::Curve(c) => map.curves.iter().any(|x| x.id == c),
            Self::Score(c, t) => {
                map.curves.iter().any(|x| x.id == c) && map.touchpoint(t).is_some()
            }
            Self::StageScore(c, s) => {
                map.curves.iter().any(|x| x.id == c) && map.stage(s).is_some()
            }
        }
    }

    /// Whether a removal mark can be about this subject (things one can remove).
    fn removable(self) -> bool {
        matches!(
            self,
            Self::Stage(_) | Self::Touchpoint(_) | Self::Lane(_) | Self::Note(_)
        )
    }
}

impl Conflict {
    /// Whether this is a removal mark (one side removed the item, the other changed it).
    pub fn is_removal(&self) -> bool {
        self.field == REMOVED
    }

    /// Checks the mark can be resolved either way: its field is one of its subject's, and both
    /// values are values of that field. Says what is wrong.
    pub fn check(&self) -> Result<(), String> {
        if self.is_removal() {
            if !self.on.removable() {
                return Err(format!(
                    "a {REMOVED:?} mark is about a stage, touchpoint, lane or note, not {:?}",
                    self.on
                ));
            }
            let sides = (&self.ours, &self.theirs);
            if !matches!(
                sides,
                (Value::Removed, Value::Changed) | (Value::Changed, Value::Removed)
            ) {
                return Err(format!(
                    "a {REMOVED:?} mark has one side Removed and the other Changed"
                ));
            }
            return Ok(());
        }
        for value in [self.ours.clone(), self.theirs.clone()] {
            let colour = super::PALETTE[0];
            match self.on {
                Subject::Map => set_in(MAP, &mut JourneyMap::plain(0), &self.field, value),
                Subject::Header => set_in(HEADER, &mut Header::default(), &self.field, value),
                Subject::Persona(id) => {
                    let mut persona = Persona {
                        id,
                        name: String::new(),
                        description: String::new(),
                        goals: Vec::new(),
                    };
                    set_in(PERSONA, &mut persona, &self.field, value)
                }
                Subject::Stage(id) => {
                    set_in(STAGE, &mut Stage::new(id, "", colour), &self.field, value)
                }
                Subject::Touchpoint(id) => {
                    set_touchpoint(&mut Touchpoint::new(id, ""), &self.field, value)
                }
                Subject::Lane(id) => set_in(
                    LANE,
                    &mut Lane::new(id, "", LaneKind::Actions),
                    &self.field,
                    value,
                ),
                Subject::Note(id) => set_in(
                    NOTE,
                    &mut Note::new(id, "", Anchor::Journey),
                    &self.field,
                    value,
                ),
                Subject::Curve(id) => set_in(
                    CURVE,
                    &mut EmotionCurve::new(id, "", colour),
                    &self.field,
                    value,
                ),
                Subject::Score(..) | Subject::StageScore(..) => {
                    set_in(SCORE, &mut None, &self.field, value)
                }
            }?;
        }
        for (whose, value) in [("our", &self.ours), ("their", &self.theirs)] {
            if let Some(why) = value.beyond_limits() {
                return Err(format!("{whose} value: {why}"));
            }
        }
        Ok(())
    }
}

/// Sets the score under `key` from a mark's value (`None` removes it).
fn set_score<K: Ord + Copy>(
    scores: &mut std::collections::BTreeMap<K, i32>,
    key: K,
    field: &str,
    value: Value,
) -> Result<(), String> {
    let mut score = scores.get(&key).copied();
    set_in(SCORE, &mut score, field, value)?;
    match score {
        Some(s) => scores.insert(key, s),
        None => scores.remove(&key),
    };
    Ok(())
}

/// Sets `field` of `on` in `map` from a mark's value (not for removal marks).
pub fn set(map: &mut JourneyMap, on: Subject, field: &str, value: Value) -> Result<(), String> {
    let missing = || format!("the map has no {on:?}");
    match on {
        Subject::Map => set_in(MAP, map, field, value),
        Subject::Header => set_in(HEADER, &mut map.header, field, value),
        Subject::Persona(p) => {
            let persona = map
                .header
                .personas
                .iter_mut()
                .find(|x| x.id == p)
                .ok_or_else(missing)?;
            set_in(PERSONA, persona, field, value)
        }
        Subject::Stage(s) => {
            let stage = map
                .stages
                .iter_mut()
                .find(|x| x.id == s)
                .ok_or_else(missing)?;
            set_in(STAGE, stage, field, value)
        }
        Subject::Touchpoint(t) => {
            let card = map
                .stages
                .iter_mut()
                .flat_map(|s| s.touchpoints.iter_mut())
                .find(|x| x.id == t)
                .ok_or_else(missing)?;
            set_touchpoint(card, field, value)
        }
        Subject::Lane(l) => {
            let lane = map
                .lanes
                .iter_mut()
                .find(|x| x.id == l)
                .ok_or_else(missing)?;
            set_in(LANE, lane, field, value)
        }
        Subject::Note(n) => {
            let note = map
                .lanes
                .iter_mut()
                .flat_map(|l| l.notes.iter_mut())
                .find(|x| x.id == n)
                .ok_or_else(missing)?;
            set_in(NOTE, note, field, value)
        }
        Subject::Curve(c) => {
            let curve = map
                .curves
                .iter_mut()
                .find(|x| x.id == c)
                .ok_or_else(missing)?;
            set_in(CURVE, curve, field, value)
        }
        Subject::Score(c, t) => {
            let curve = map
                .curves
                .iter_mut()
                .find(|x| x.id == c)
                .ok_or_else(missing)?;
            set_score(&mut curve.scores, t, field, value)
        }
        Subject::StageScore(c, s) => {
            let curve = map
                .curves
                .iter_mut()
                .find(|x| x.id == c)
                .ok_or_else(missing)?;
            set_score(&mut curve.stage_scores, s, field, value)
        }
    }
}

impl JourneyMap {
    /// The conflict marks about things the map has (a mark on something removed since is
    /// set aside: it comes back with an undo).
    pub fn live_conflicts(&self) -> impl Iterator<Item = (usize, &Conflict)> {
        self.conflicts
            .iter()
            .enumerate()
            .filter(|(_, c)| c.on.exists_in(self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_every_table_writes_a_value_it_reads_back() {
        let map = JourneyMap::plain(6);
        let card = map.touchpoints().next().expect("a card").clone();
        for f in TOUCHPOINT {
            let mut copy = card.clone();
            (f.set)(&mut copy, (f.get)(&card)).expect(f.name);
            assert_eq!(copy, card, "{}", f.name);
        }
        for f in STAGE {
            let mut copy = map.stages[0].clone();
            (f.set)(&mut copy, (f.get)(&map.stages[0])).expect(f.name);
            assert_eq!(copy, map.stages[0], "{}", f.name);
        }
        for f in MAP {
            let mut copy = map.clone();
            (f.set)(&mut copy, (f.get)(&map)).expect(f.name);
            assert_eq!(copy, map, "{}", f.name);
        }
    }

    #[test]
    fn a_mark_is_checked_against_its_field() {
        let mark = |on, field: &str, ours: Value, theirs: Value| Conflict {
            on,
            field: field.to_owned(),
            ours,
            theirs,
        };
        let text = |t: &str| Value::Text(t.to_owned());
        let t = Subject::Touchpoint(TouchpointId(9));
        assert_eq!(mark(t, "title", text("A"), text("B")).check(), Ok(()));
        let web = Value::Channel(Some(Channel::Web));
        assert_eq!(
            mark(t, "channel", web.clone(), Value::Channel(None)).check(),
            Ok(())
        );
        assert!(
            mark(t, "channel", web, text("Pigeon")).check().is_err(),
            "a value of another type"
        );
        assert!(
            mark(t, "colour", text("A"), text("B")).check().is_err(),
            "no such field"
        );
        assert_eq!(
            mark(t, REMOVED, Value::Removed, Value::Changed).check(),
            Ok(())
        );
        assert!(
            mark(t, REMOVED, Value::Removed, Value::Removed)
                .check()
                .is_err()
        );
        assert!(
            mark(
                Subject::Curve(CurveId(1)),
                REMOVED,
                Value::Removed,
                Value::Changed
            )
            .check()
            .is_err()
        );
        let s = Subject::Score(CurveId(1), TouchpointId(2));
        assert_eq!(
            mark(s, "score", Value::Score(Some(2)), Value::Score(None)).check(),
            Ok(())
        );
        assert!(
            mark(s, "score", Value::Flag(true), text("x"))
                .check()
                .is_err()
        );
    }

    #[test]
    fn a_saved_mark_on_the_whole_courted_checklist_still_loads_and_resolves() {
        let mut map = JourneyMap::plain(3);
        let card = map.stages[0].touchpoints[0].id;
        let theirs = only(Quality::Order, Check::Fail);
        map.conflicts.push(Conflict {
            on: Subject::Touchpoint(card),
            field: "courted".to_owned(),
            ours: Value::Courted(Courted::default()),
            theirs: Value::Courted(theirs.clone()),
        });
        let text = crate::io::to_ron(&map);
        assert!(text.contains("field: \"courted\""), "{text}");
        let reopened = crate::io::from_ron(&text).expect("reopens");
        assert_eq!(reopened, map);
        let mark = &reopened.conflicts[0];
        let mut resolved = reopened.clone();
        set(&mut resolved, mark.on, &mark.field, mark.theirs.clone()).expect("resolves");
        assert_eq!(resolved.stages[0].touchpoints[0].courted, theirs);
    }

    #[test]
    fn a_mark_holding_a_value_beyond_the_limits_is_refused_when_its_map_reopens() {
        use super::super::limits::MAX_TEXT_CHARS;
        use crate::io::{from_ron, to_ron};
        let long = "长".repeat(MAX_TEXT_CHARS + 1);
        let card = Subject::Touchpoint(JourneyMap::plain(3).stages[0].touchpoints[0].id);
        let marks = [
            Conflict {
                on: card,
                field: "channel".to_owned(),
                ours: Value::Channel(None),
                theirs: Value::Channel(Some(Channel::Custom(long.clone()))),
            },
            Conflict {
                on: Subject::Map,
                field: "options".to_owned(),
                ours: Value::Options(MapOptions::default()),
                theirs: Value::Options(MapOptions {
                    emotion_name: long.clone(),
                    ..MapOptions::default()
                }),
            },
            Conflict {
                on: Subject::Map,
                field: "scale".to_owned(),
                ours: Value::Scale(EmotionScale {
                    levels: vec![ScaleLevel {
                        value: 1,
                        label: long.clone(),
                        emoji: None,
                    }],
                    ..EmotionScale::default()
                }),
                theirs: Value::Scale(EmotionScale::default()),
            },
            Conflict {
                on: Subject::Map,
                field: "scale".to_owned(),
                ours: Value::Scale(EmotionScale::default()),
                theirs: Value::Scale(EmotionScale {
                    min: -30,
                    max: 30,
                    levels: Vec::new(),
                    neutral: None,
                }),
            },
            Conflict {
                on: card,
                field: "link".to_owned(),
                ours: Value::Link(None),
                theirs: Value::Link(Some("javascript:alert(1)".to_owned())),
            },
        ];
        for mark in marks {
            let mut map = JourneyMap::plain(3);
            map.conflicts.push(mark.clone());
            let saved = to_ron(&map);
            let Err(err) = from_ron(&saved) else {
                panic!(
                    "a map with a {:?} mark beyond the limits reopened",
                    mark.field
                )
            };
            let said = err.report("map.journey").join("\n");
            assert!(said.contains(" value: "), "{said}");
            assert!(mark.check().is_err(), "{mark:?}");
        }
        // Within the limits, the same kinds of value save and reopen.
        let mut map = JourneyMap::plain(3);
        map.conflicts.push(Conflict {
            on: card,
            field: "channel".to_owned(),
            ours: Value::Channel(None),
            theirs: Value::Channel(Some(Channel::Custom("长".repeat(MAX_TEXT_CHARS)))),
        });
        assert_eq!(from_ron(&to_ron(&map)).expect("reopens"), map);
    }

    #[test]
    fn setting_a_value_reaches_the_item() {
        let mut map = JourneyMap::plain(6);
        let id = map.touchpoints().nth(1).expect("a card").id;
        set(
            &mut map,
            Subject::Touchpoint(id),
            "title",
            Value::Text("渠道".to_owned()),
        )
        .expect("set");
        assert_eq!(map.touchpoint(id).expect("card").title, "渠道");
        let curve = map.curves[0].id;
        set(
            &mut map,
            Subject::Score(curve, id),
            "score",
            Value::Score(None),
        )
        .expect("set");
        assert_eq!(map.curves[0].scores.get(&id), None);
    }
}
