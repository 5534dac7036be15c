//! The `.ron` map file: a header naming the format and its version, then the map, pretty-printed
//! in a fixed order so that saving an unchanged map gives the same bytes and a one-field edit
//! gives a one-line diff.

use super::locate::{TextPos, locate};
use super::{v0, v2};
use crate::model::limits::MAX_FILE_BYTES;
use crate::model::*;
use serde::{Deserialize, Serialize};

/// The name written in every map file's `format` field.
pub const FORMAT: &str = "journeymap";
/// The version of the file format this build writes and reads natively.
pub const VERSION: u32 = 6;

/// A problem with a map file, at a place in it where one applies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileProblem {
    /// Where in the file the problem is; `None` when it concerns the file as a whole.
    pub at: Option<TextPos>,
    /// What is wrong, in a sentence.
    pub message: String,
}

impl FileProblem {
    fn at(at: TextPos, message: impl Into<String>) -> Self {
        Self {
            at: Some(at),
            message: message.into(),
        }
    }
    fn whole(message: impl Into<String>) -> Self {
        Self {
            at: None,
            message: message.into(),
        }
    }
}

/// Why a map file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read at all.
    #[error("cannot read the file: {0}")]
    Io(#[from] std::io::Error),
    /// The file was read but does not hold a sound map: every problem found.
    #[error("{}", describe(.0))]
    Invalid(Vec<FileProblem>),
}

fn describe(problems: &[FileProblem]) -> String {
    problems
        .iter()
        .map(|p| match p.at {
            Some(at) => format!("{at}: {}", p.message),
            None => p.message.clone(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

impl LoadError {
    /// One line per problem, `FILE:LINE:COL: message` (or `FILE: message`), as compilers print.
    pub fn report(&self, file: &str) -> Vec<String> {
        match self {
            LoadError::Io(err) => vec![format!("{file}: cannot read the file: {err}")],
            LoadError::Invalid(problems) => problems
                .iter()
                .map(|p| match p.at {
                    Some(at) => format!("{file}:{at}: {}", p.message),
                    None => format!("{file}: {}", p.message),
                })
                .collect(),
        }
    }

    fn one(at: Option<TextPos>, message: impl Into<String>) -> Self {
        LoadError::Invalid(vec![FileProblem {
            at,
            message: message.into(),
        }])
    }
}

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u32,
    header: &'a Header,
    scale: &'a EmotionScale,
    stages: &'a [Stage],
    lanes: &'a [Lane],
    curves: &'a [EmotionCurve],
    #[serde(skip_serializing_if = "is_default_options")]
    options: &'a MapOptions,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    conflicts: Vec<&'a Conflict>,
}

fn is_default_options(options: &&MapOptions) -> bool {
    **options == MapOptions::default()
}

#[derive(Deserialize)]
#[serde(rename = "JourneyMap", deny_unknown_fields)]
struct FileIn {
    format: String,
    version: u32,
    header: Header,
    #[serde(default)]
    scale: EmotionScale,
    #[serde(default)]
    stages: Vec<Stage>,
    #[serde(default)]
    lanes: Vec<Lane>,
    #[serde(default)]
    curves: Vec<EmotionCurve>,
    #[serde(default)]
    options: MapOptions,
    #[serde(default)]
    conflicts: Vec<Conflict>,
}

impl FileIn {
    fn into_map(self) -> JourneyMap {
        JourneyMap {
            header: self.header,
            scale: self.scale,
            stages: self.stages,
            lanes: self.lanes,
            curves: self.curves,
            options: self.options,
            conflicts: self.conflicts,
        }
    }
}

/// Just the two fields that say how to read the rest.
#[derive(Deserialize)]
#[serde(rename = "JourneyMap")]
struct Envelope {
    format: String,
    version: u32,
}

/// The map as file text: the same map always gives the same bytes.
pub fn to_ron(map: &JourneyMap) -> String {
    let file = FileOut {
        format: FORMAT,
        version: VERSION,
        header: &map.header,
        scale: &map.scale,
        stages: &map.stages,
        lanes: &map.lanes,
        curves: &map.curves,
        options: &map.options,
        // A mark on something removed since is not saved.
        conflicts: map.live_conflicts().map(|(_, c)| c).collect(),
    };
    let config = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .struct_names(false);
    let text = ron::ser::to_string_pretty(&file, config)
        .expect("a map holds only strings, numbers, lists and maps, which RON can always write");
    let mut text = unescape_apostrophes(&text);
    text.push('\n');
    text
}

/// ron escapes `'` inside double-quoted strings (`Mei\'s`); RON does not need it, and people
/// reading and diffing files should not see it. A map file has no char literals, so every `\'`
/// escape is inside a string.
fn unescape_apostrophes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('\'') => out.push('\''),
                Some(next) => {
                    out.push(c);
                    out.push(next);
                }
                None => out.push(c),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Reads map file bytes: checks they are UTF-8 RON of our format, migrates older versions and
/// validates the result. Every problem found is reported with its line and column.
pub fn from_bytes(bytes: &[u8]) -> Result<JourneyMap, LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let valid = std::str::from_utf8(&bytes[..err.valid_up_to()]).unwrap_or_default();
        let at = TextPos::of_offset(valid, valid.len());
        LoadError::one(
            Some(at),
            "the file is not UTF-8 text (a map file is RON text; was it saved in another encoding, or is it not a map?)",
        )
    })?;
    from_ron(text)
}

/// The message for a file over [`MAX_FILE_BYTES`].
pub fn too_large(bytes: u64) -> LoadError {
    LoadError::one(
        None,
        format!(
            "the file is {:.1} MB; Journey Map opens map files up to {} MB (a real map is far \
             smaller: is this a map?)",
            bytes as f64 / 1e6,
            MAX_FILE_BYTES / 1_000_000
        ),
    )
}

/// Reads a file of at most [`MAX_FILE_BYTES`]: a larger one is refused from its size, before
/// it is read, and a file that grows (or never ends, like a device) while read is refused once
/// it passes the limit. Memory stays bounded whatever the path names.
pub fn read_bounded(path: &std::path::Path) -> Result<Vec<u8>, LoadError> {
    use std::io::Read as _;
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > MAX_FILE_BYTES {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads map file text; see [`from_bytes`].
pub fn from_ron(text: &str) -> Result<JourneyMap, LoadError> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(text.len() as u64));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::one(
            Some(TextPos { line: 1, col: 1 }),
            "the file is empty; a map file starts with `(format: \"journeymap\", ...`",
        ));
    }
    let options = ron::Options::default();
    let locate_all = |problems: Vec<Problem>| LoadError::Invalid(located(text, problems));
    // The common case first, a sound file of this version: read once. Anything else (an
    // older version, another format, a syntax error) is read again below, where each case
    // gets its own migration or message.
    if let Ok(file) = options.from_str::<FileIn>(text)
        && file.format == FORMAT
        && file.version == VERSION
    {
        let map = file.into_map();
        let problems = map.validate();
        return if problems.is_empty() {
            Ok(map)
        } else {
            Err(locate_all(problems))
        };
    }
    let envelope: Envelope = options.from_str(text).map_err(|e| syntax_error(text, e))?;
    let at = |field: &'static str| locate(text, &[PathSeg::Field(field)]);
    if envelope.format != FORMAT {
        return Err(LoadError::one(
            at("format"),
            format!(
                "this is not a Journey Map file: its format is {:?}, expected {FORMAT:?}",
                envelope.format
            ),
        ));
    }
    let map = match envelope.version {
        // Version 4 added conflict marks, version 5 the COURTED checklist and moments of truth,
        // version 6 marks on one COURTED quality (`courted.clean`…): an older file is a newer
        // one without them.
        3..=VERSION => {
            let file: FileIn = options.from_str(text).map_err(|e| syntax_error(text, e))?;
            if envelope.version < 6
                && let Some(i) = file
                    .conflicts
                    .iter()
                    .position(|c| c.field.starts_with("courted."))
            {
                let path = [
                    PathSeg::Field("conflicts"),
                    PathSeg::Index(i),
                    PathSeg::Field("field"),
                ];
                return Err(LoadError::one(
                    locate(text, &path),
                    format!(
                        "a conflict mark on one COURTED quality came with file format version \
                         6, but this file says version {}: was its version changed by hand?",
                        envelope.version
                    ),
                ));
            }
            if envelope.version == 3 && !file.conflicts.is_empty() {
                return Err(LoadError::one(
                    at("conflicts"),
                    "conflict marks came with file format version 4, but this file says version \
                     3: was its version changed by hand?",
                ));
            }
            if envelope.version < 5 {
                let newer = file.stages.iter().enumerate().find_map(|(s, stage)| {
                    stage.touchpoints.iter().enumerate().find_map(|(t, card)| {
                        let field = if card.moment_of_truth {
                            "moment_of_truth"
                        } else if card.courted != Courted::default() {
                            "courted"
                        } else {
                            return None;
                        };
                        Some((s, t, field))
                    })
                });
                if let Some((s, t, field)) = newer {
                    let path = [
                        PathSeg::Field("stages"),
                        PathSeg::Index(s),
                        PathSeg::Field("touchpoints"),
                        PathSeg::Index(t),
                        PathSeg::Field(field),
                    ];
                    return Err(LoadError::one(
                        locate(text, &path),
                        format!(
                            "`{field}` came with file format version 5, but this file says \
                             version {}: was its version changed by hand?",
                            envelope.version
                        ),
                    ));
                }
            }
            file.into_map()
        }
        1 | 2 => v2::migrate(options.from_str(text).map_err(|e| syntax_error(text, e))?)
            .map_err(locate_all)?,
        0 => v0::migrate(options.from_str(text).map_err(|e| syntax_error(text, e))?),
        newer => {
            return Err(LoadError::one(
                at("version"),
                format!(
                    "this map was saved by a newer Journey Map (file format version {newer}); \
                     this version reads versions up to {VERSION}: please update Journey Map"
                ),
            ));
        }
    };
    let problems = map.validate();
    if problems.is_empty() {
        Ok(map)
    } else {
        Err(locate_all(problems))
    }
}

/// How many problems of one file are reported; the rest are counted.
pub const MAX_REPORTED: usize = 50;

/// The first [`MAX_REPORTED`] problems, each at its line and column (found in one walk through
/// the text), then how many more there are.
fn located(text: &str, mut problems: Vec<Problem>) -> Vec<FileProblem> {
    let more = problems.len().saturating_sub(MAX_REPORTED);
    problems.truncate(MAX_REPORTED);
    let mut paths: Vec<&[PathSeg]> = problems.iter().map(|p| p.path.0.as_slice()).collect();
    paths.extend(
        problems
            .iter()
            .filter_map(|p| p.related.as_ref().map(|r| r.0.as_slice())),
    );
    let found = super::locate::locate_all(text, &paths);
    let mut related = found[problems.len()..].iter();
    let mut out: Vec<FileProblem> = problems
        .iter()
        .zip(&found)
        .map(|(p, at)| {
            let mut message = p.message.clone();
            if p.related.is_some()
                && let Some(Some(first)) = related.next()
            {
                message = format!("{message} (the first is at line {first})");
            }
            match at {
                Some(pos) => FileProblem::at(*pos, message),
                None => FileProblem::whole(format!("{}: {message}", p.path)),
            }
        })
        .collect();
    if more > 0 {
        out.push(FileProblem::whole(format!(
            "and {more} more problems of these kinds (only the first {MAX_REPORTED} are listed)"
        )));
    }
    out
}

fn syntax_error(text: &str, err: ron::error::SpannedError) -> LoadError {
    let mut start = TextPos {
        line: err.span.start.line,
        col: err.span.start.col,
    };
    // ron may point at the blank before the value at fault; point at the value.
    let mut offset = start.offset_in(text).unwrap_or(text.len());
    let rest = &text[offset..];
    let skipped = rest.len() - rest.trim_start().len();
    if skipped < rest.len() {
        offset += skipped;
        start = TextPos::of_offset(text, offset);
    }
    let reached = TextPos {
        line: err.span.end.line,
        col: err.span.end.col,
    };
    // A string left open swallows what follows, and the reader gives up somewhere after it:
    // point at where the string starts.
    if let Some(open) = unclosed_string(text, offset.max(reached.offset_in(text).unwrap_or(0))) {
        let at = TextPos::of_offset(text, open);
        return LoadError::one(
            Some(at),
            format!(
                "this string is not closed: a `\"` is missing before the end of line {} \
                 (reading went on to {reached}: {})",
                at.line, err.code
            ),
        );
    }
    // ron places some errors just past the end of the text; point at its last character.
    let trimmed = text.trim_end();
    let last_char = trimmed.char_indices().last().map_or(0, |(i, _)| i);
    let last = TextPos::of_offset(text, last_char);
    let hint = if start == (TextPos { line: 1, col: 1 }) {
        " (this is not a Journey Map file: one starts with `(` and `format: \"journeymap\"`)"
            .to_owned()
    } else if reached >= last
        || matches!(err.code, ron::Error::Eof)
        || (matches!(err.code, ron::Error::ExpectedStringEnd) && start.line == last.line)
    {
        " (the file ends too early: was it cut off?)".to_owned()
    } else {
        type_hint(text, offset, &err.code).unwrap_or_default()
    };
    LoadError::one(Some(start.min(last)), format!("{}{hint}", err.code))
}

/// What the value at `offset` should have been, in words, for the errors that mean "a value of
/// the wrong type": which field it is, what that field holds, and what was found.
fn type_hint(text: &str, offset: usize, code: &ron::Error) -> Option<String> {
    let field = field_at(text, offset)?;
    let found: String = text[offset..]
        .chars()
        .take_while(|c| !matches!(c, ',' | '\n' | ')' | ']' | '}'))
        .take(40)
        .collect();
    let found = found.trim();
    let holds = match code {
        ron::Error::ExpectedString => format!("text in double quotes, e.g. `{field}: \"…\"`"),
        ron::Error::ExpectedInteger | ron::Error::IntegerOutOfBounds => {
            format!("a whole number, e.g. `{field}: 3`")
        }
        ron::Error::ExpectedBoolean => format!("`true` or `false`, e.g. `{field}: true`"),
        ron::Error::ExpectedOption => {
            return Some(format!(
                ": `{field}` is optional: write `Some({found})` (or `None`)"
            ));
        }
        ron::Error::ExpectedArray => format!("a list in square brackets, e.g. `{field}: [ … ]`"),
        ron::Error::ExpectedMap => format!("a map in braces, e.g. `{field}: {{ 2: 1 }}`"),
        ron::Error::ExpectedStructLike | ron::Error::ExpectedNamedStructLike(_) => {
            format!("a group in parentheses, e.g. `{field}: ( … )`")
        }
        _ => return None,
    };
    Some(format!(": `{field}` holds {holds}; found `{found}`"))
}

/// The name of the field whose value is at `offset` (for a value inside a list or map, the
/// field holding the list). Walks the text once from its start, past strings and comments.
fn field_at(text: &str, offset: usize) -> Option<String> {
    // One entry per open bracket: the last field named at that depth.
    let mut stack: Vec<Option<&str>> = vec![None];
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < offset.min(bytes.len()) {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'(' | b'[' | b'{' => stack.push(None),
            b')' | b']' | b'}' if stack.len() > 1 => {
                stack.pop();
            }
            b':' => {
                let before = text[..i].trim_end();
                let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
                let length: usize = before
                    .chars()
                    .rev()
                    .take_while(|c| ident(*c))
                    .map(char::len_utf8)
                    .sum();
                let name = &before[before.len() - length..];
                if let Some(top) = stack.last_mut()
                    && !name.is_empty()
                    && !name.bytes().all(|b| b.is_ascii_digit())
                {
                    *top = Some(name);
                }
            }
            _ => {}
        }
        i += 1;
    }
    stack
        .iter()
        .rev()
        .flatten()
        .next()
        .map(|name| (*name).to_owned())
}

/// The start of the first string before `limit` that runs over the end of its line: in a map
/// file (which writes line breaks in text as `\n`) that is a string whose closing quote is
/// missing.
fn unclosed_string(text: &str, limit: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len().min(limit) {
        match bytes[i] {
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\n' {
                        return Some(start);
                    }
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Version 6: a mark on one COURTED quality. A version-5 file opens and saves as version 6;
    /// a version-5 file holding such a mark was changed by hand and is refused where the mark is.
    #[test]
    fn a_version_5_file_opens_and_a_mark_on_one_quality_needs_version_6() {
        use crate::model::conflict::Value;
        use crate::model::{Conflict, Subject};
        let mut map = JourneyMap::plain(3);
        let plain_v5 = to_ron(&map).replacen("version: 6,", "version: 5,", 1);
        let opened = from_ron(&plain_v5).expect("a version-5 file opens");
        assert_eq!(opened, map);
        assert!(to_ron(&opened).contains("version: 6,"));
        let card = map.stages[0].touchpoints[0].id;
        map.conflicts.push(Conflict {
            on: Subject::Touchpoint(card),
            field: "courted.easy".to_owned(),
            ours: Value::Courted(crate::model::Courted::default()),
            theirs: Value::Courted(crate::model::Courted::default()),
        });
        let v6 = to_ron(&map);
        assert_eq!(from_ron(&v6).expect("version 6 opens"), map);
        let v5 = v6.replacen("version: 6,", "version: 5,", 1);
        let err = from_ron(&v5).expect_err("refused");
        let text = err.to_string();
        assert!(text.contains("came with file format version 6"), "{text}");
        let line = v5
            .lines()
            .position(|l| l.contains("courted.easy"))
            .expect("the mark's line")
            + 1;
        assert!(text.starts_with(&format!("{line}:")), "{text}");
    }

    #[test]
    fn blank_map_round_trips_to_the_same_bytes() {
        let map = JourneyMap::blank("旅程");
        let text = to_ron(&map);
        assert!(text.starts_with("(\n    format: \"journeymap\",\n    version: 6,\n"));
        assert!(text.contains("\"旅程\""), "CJK stays readable: {text}");
        let back = from_ron(&text).expect("own output loads");
        assert_eq!(back, map);
        assert_eq!(to_ron(&back), text);
    }

    #[test]
    fn multi_line_text_stays_on_one_line_of_the_file() {
        let mut map = JourneyMap::blank("a\nb");
        map.header.scenario = "line \"one\"\nline two".into();
        let text = to_ron(&map);
        assert!(text.contains(r#"title: "a\nb","#));
        assert_eq!(
            from_ron(&text).expect("loads").header.scenario,
            map.header.scenario
        );
    }

    #[test]
    fn apostrophes_are_written_plainly_and_backslashes_survive() {
        let mut map = JourneyMap::blank("Mei's \\' \\\\' order");
        map.header.expectations = "it's".into();
        let text = to_ron(&map);
        assert!(text.contains(r#"expectations: "it's","#), "{text}");
        assert_eq!(from_ron(&text).expect("loads"), map);
    }
}
