//! Conflict marks: what a three-way merge could not decide. When both versions changed the same
//! field differently, the merge keeps ours in the map and leaves a mark holding both values; the
//! mark is saved with the map (format version 4) until someone keeps one value or takes the
//! other. When one side removed an item the other changed, the item stays with a mark that says
//! which side removed it.
//!
//! Each kind of item lists its mergeable fields once (`STAGE`, `TOUCHPOINT`…): the merge walks
//! these tables, and taking a value back out of a mark goes through them too.

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
/// The value of a removal mark's side that removed the item.
pub const GONE: &str = "removed";
/// The value of a removal mark's side that changed (or still used) the item.
pub const KEPT: &str = "changed";

/// A field two versions changed differently. The map holds `ours`; `theirs` waits here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// The item.
    pub on: Subject,
    /// The field, as the file names it, or [`REMOVED`].
    pub field: String,
    /// Our value when merged (the one the map holds): plain text for a text field, RON for
    /// other values, [`GONE`] or [`KEPT`] for a removal.
    pub ours: String,
    /// Their value, written the same way.
    pub theirs: String,
}

impl Conflict {
    /// The mark in a sentence, naming its item as `map` has it: `touchpoint "Order": title is
    /// "Order online" here and "Order by app" there (kept "Order online")`.
    pub fn describe(&self, map: &JourneyMap) -> String {
        use super::limits::quoted;
        let item = self.on.describe(map);
        if self.is_removal() {
            let (here, there) = if self.ours == GONE {
                ("removed", "changed")
            } else {
                ("changed or still used", "removed")
            };
            format!("! {item}: {here} here and {there} there (kept)")
        } else {
            format!(
                "! {item}: {} is {} here and {} there (kept {})",
                self.field,
                quoted(&self.ours),
                quoted(&self.theirs),
                quoted(&self.ours)
            )
        }
    }
}

/// One mergeable field of an item of type `T`: its name in the file, and how its value is
/// written into a mark and read back.
pub struct Field<T> {
    /// The field's name in the file.
    pub name: &'static str,
    /// The value as a mark writes it.
    pub get: fn(&T) -> String,
    /// Sets the value from a mark's text; an error when the text is not a value of the field.
    pub set: fn(&mut T, &str) -> Result<(), String>,
}

macro_rules! text {
    ($name:literal, $($f:ident).+) => {
        Field {
            name: $name,
            get: |t| t.$($f).+.clone(),
            set: |t, v| {
                t.$($f).+ = v.to_owned();
                Ok(())
            },
        }
    };
}

macro_rules! value {
    ($name:literal, $($f:ident).+) => {
        Field {
            name: $name,
            get: |t| ron::to_string(&t.$($f).+).unwrap_or_default(),
            set: |t, v| {
                t.$($f).+ = ron::from_str(v).map_err(|e| e.code.to_string())?;
                Ok(())
            },
        }
    };
}

/// The map's own mergeable fields.
pub const MAP: &[Field<JourneyMap>] = &[value!("scale", scale), value!("options", options)];
/// The header's.
pub const HEADER: &[Field<Header>] = &[
    text!("title", title),
    text!("scenario", scenario),
    text!("expectations", expectations),
    text!("source", source),
];
/// A persona's.
pub const PERSONA: &[Field<Persona>] = &[
    text!("name", name),
    text!("description", description),
    value!("goals", goals),
];
/// A stage's.
pub const STAGE: &[Field<Stage>] = &[
    text!("name", name),
    text!("description", description),
    value!("colour", colour),
    value!("locked", locked),
];
/// A touchpoint's (votes are not here: both sides' votes add up).
pub const TOUCHPOINT: &[Field<Touchpoint>] = &[
    text!("title", title),
    text!("description", description),
    value!("channel", channel),
    value!("actors", actors),
    value!("link", link),
    text!("notes", notes),
    value!("locked", locked),
    value!("moment_of_truth", moment_of_truth),
    value!("courted", courted),
];
/// A lane's.
pub const LANE: &[Field<Lane>] = &[
    text!("name", name),
    value!("kind", kind),
    value!("locked", locked),
];
/// A note's (votes add up).
pub const NOTE: &[Field<Note>] = &[
    text!("text", text),
    text!("owner", owner),
    text!("metric", metric),
    value!("anchor", anchor),
    value!("locked", locked),
];
/// A curve's.
pub const CURVE: &[Field<EmotionCurve>] = &[
    text!("name", name),
    value!("colour", colour),
    value!("persona", persona),
];
/// The one field of a score: `Some(score)` or `None` (no point).
pub const SCORE: &[Field<Option<i32>>] = &[Field {
    name: "score",
    get: |t| ron::to_string(t).unwrap_or_default(),
    set: |t, v| {
        *t = ron::from_str(v).map_err(|e| e.code.to_string())?;
        Ok(())
    },
}];

/// The field of `fields` named `name`.
pub fn field<'a, T>(fields: &'a [Field<T>], name: &str) -> Option<&'a Field<T>> {
    fields.iter().find(|f| f.name == name)
}

/// Sets `name` of `target` from `value`, checking the name is one of `fields`.
fn set_in<T>(fields: &[Field<T>], target: &mut T, name: &str, value: &str) -> Result<(), String> {
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
            let sides = [self.ours.as_str(), self.theirs.as_str()];
            if !(sides == [GONE, KEPT] || sides == [KEPT, GONE]) {
                return Err(format!(
                    "a {REMOVED:?} mark has one side {GONE:?} and the other {KEPT:?}"
                ));
            }
            return Ok(());
        }
        for value in [&self.ours, &self.theirs] {
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
                    set_in(TOUCHPOINT, &mut Touchpoint::new(id, ""), &self.field, value)
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
        Ok(())
    }
}

/// Sets `field` of `on` in `map` from a mark's text (not for removal marks).
pub fn set(map: &mut JourneyMap, on: Subject, field: &str, value: &str) -> Result<(), String> {
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
            set_in(TOUCHPOINT, card, field, value)
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
            let mut score = curve.scores.get(&t).copied();
            set_in(SCORE, &mut score, field, value)?;
            match score {
                Some(s) => curve.scores.insert(t, s),
                None => curve.scores.remove(&t),
            };
            Ok(())
        }
        Subject::StageScore(c, s) => {
            let curve = map
                .curves
                .iter_mut()
                .find(|x| x.id == c)
                .ok_or_else(missing)?;
            let mut score = curve.stage_scores.get(&s).copied();
            set_in(SCORE, &mut score, field, value)?;
            match score {
                Some(v) => curve.stage_scores.insert(s, v),
                None => curve.stage_scores.remove(&s),
            };
            Ok(())
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
            (f.set)(&mut copy, &(f.get)(&card)).expect(f.name);
            assert_eq!(copy, card, "{}", f.name);
        }
        for f in STAGE {
            let mut copy = map.stages[0].clone();
            (f.set)(&mut copy, &(f.get)(&map.stages[0])).expect(f.name);
            assert_eq!(copy, map.stages[0], "{}", f.name);
        }
        for f in MAP {
            let mut copy = map.clone();
            (f.set)(&mut copy, &(f.get)(&map)).expect(f.name);
            assert_eq!(copy, map, "{}", f.name);
        }
    }

    #[test]
    fn a_mark_is_checked_against_its_field() {
        let mark = |on, field: &str, ours: &str, theirs: &str| Conflict {
            on,
            field: field.to_owned(),
            ours: ours.to_owned(),
            theirs: theirs.to_owned(),
        };
        let t = Subject::Touchpoint(TouchpointId(9));
        assert_eq!(mark(t, "title", "A", "B").check(), Ok(()));
        assert_eq!(mark(t, "channel", "Some(Web)", "None").check(), Ok(()));
        assert!(
            mark(t, "channel", "Some(Web)", "Some(Pigeon)")
                .check()
                .is_err()
        );
        assert!(
            mark(t, "colour", "A", "B").check().is_err(),
            "no such field"
        );
        assert_eq!(mark(t, REMOVED, GONE, KEPT).check(), Ok(()));
        assert!(mark(t, REMOVED, GONE, GONE).check().is_err());
        assert!(
            mark(Subject::Curve(CurveId(1)), REMOVED, GONE, KEPT)
                .check()
                .is_err()
        );
        let s = Subject::Score(CurveId(1), TouchpointId(2));
        assert_eq!(mark(s, "score", "Some(2)", "None").check(), Ok(()));
        assert!(mark(s, "score", "2", "x").check().is_err());
    }

    #[test]
    fn setting_a_value_reaches_the_item() {
        let mut map = JourneyMap::plain(6);
        let id = map.touchpoints().nth(1).expect("a card").id;
        set(&mut map, Subject::Touchpoint(id), "title", "渠道").expect("set");
        assert_eq!(map.touchpoint(id).expect("card").title, "渠道");
        let curve = map.curves[0].id;
        set(&mut map, Subject::Score(curve, id), "score", "None").expect("set");
        assert_eq!(map.curves[0].scores.get(&id), None);
    }
}
