//! Spreadsheets, in and out: one row per touchpoint, so a team can draft a journey in a
//! spreadsheet and open it as a map, or hand a map to people who live in spreadsheets. Lossy
//! against a map (curves' colours, the header, the scale's words…), so Import and Export only.
//!
//! Columns: the stage, the touchpoint's order in it, its title, channel, description and
//! actors, one score column per curve, its votes, and one column per lane with the notes of
//! the touchpoint (one note per line in the cell). A stage's own notes, and a stage without
//! touchpoints, take a row with no touchpoint. Headers are read in English or Chinese; comma,
//! semicolon (as European spreadsheets write) or tab separated; other columns become lanes.
//! Written with the `csv` crate: RFC 4180 quoting, UTF-8 with a byte order mark so spreadsheets
//! open Chinese correctly, and cells that start with `=`, `+`, `-`, `@` (or `'`) written after
//! a `'`, so a spreadsheet never runs them as formulas.

use super::locate::TextPos;
use super::mermaid::Imported;
use super::ron_file::{FileProblem, LoadError};
use crate::model::limits;
use crate::model::*;
use std::collections::HashMap;

/// The fixed columns, with their headers in English and Chinese.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Stage,
    Order,
    Title,
    Channel,
    Description,
    Actors,
    Votes,
    MomentOfTruth,
    Courted,
}

const FIXED: [(Column, &str, &str); 9] = [
    (Column::Stage, "Stage", "阶段"),
    (Column::Order, "Order", "顺序"),
    (Column::Title, "Touchpoint", "触点"),
    (Column::Channel, "Channel", "渠道"),
    (Column::Description, "Description", "说明"),
    (Column::Actors, "Actors", "参与者"),
    (Column::Votes, "Votes", "票数"),
    (Column::MomentOfTruth, "Moment of truth", "关键时刻（MOT）"),
    (Column::Courted, "COURTED", "COURTED 清单"),
];

/// The COURTED qualities' letters, and their Chinese names, for the COURTED column: a cell
/// says `C+ T-` (or `整洁+ 省时-`): clean passed, time-saving failed, the rest not assessed.
const QUALITY_WORDS: [(Quality, char, &str); 7] = [
    (Quality::Clean, 'C', "整洁"),
    (Quality::Order, 'O', "有序"),
    (Quality::Understanding, 'U', "理解"),
    (Quality::Respect, 'R', "尊重"),
    (Quality::TimeSaving, 'T', "省时"),
    (Quality::Easy, 'E', "简便"),
    (Quality::Dependable, 'D', "可靠"),
];

/// A touchpoint's COURTED checks as a cell: `C+ T-`.
fn courted_cell(courted: &Courted, chinese: bool) -> String {
    QUALITY_WORDS
        .iter()
        .filter_map(|(quality, letter, word)| {
            let sign = match courted.get(*quality) {
                Check::Pass => '+',
                Check::Fail => '-',
                Check::NotAssessed => return None,
            };
            Some(if chinese {
                format!("{word}{sign}")
            } else {
                format!("{letter}{sign}")
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads a COURTED cell; the words it does not understand.
fn courted_of(cell: &str) -> (Courted, Vec<String>) {
    let mut courted = Courted::default();
    let mut unknown = Vec::new();
    for token in cell
        .split([' ', ',', '，', '、', ';'])
        .filter(|t| !t.is_empty())
    {
        let (name, check) = match token.chars().last() {
            Some('+') => (&token[..token.len() - 1], Check::Pass),
            Some('-') => (&token[..token.len() - 1], Check::Fail),
            Some('−') => (&token[..token.len() - '−'.len_utf8()], Check::Fail),
            _ => ("", Check::NotAssessed),
        };
        let quality = QUALITY_WORDS.iter().find(|(_, letter, word)| {
            name.eq_ignore_ascii_case(&letter.to_string()) || name == *word
        });
        match quality {
            Some((quality, _, _)) if check != Check::NotAssessed => courted.set(*quality, check),
            _ => unknown.push(token.to_owned()),
        }
    }
    (courted, unknown)
}

/// Whether a Moment of truth cell says yes.
fn says_yes(cell: &str) -> bool {
    let cell = cell.trim();
    ["yes", "y", "x", "true", "1", "✓", "是", "√"]
        .iter()
        .any(|w| cell.eq_ignore_ascii_case(w))
}
/// A score column's header: `Score: As-is`, `评分：现状`.
const SCORE: (&str, &str) = ("Score", "评分");
/// A lane column's header: `Lane: Pain points`, `泳道：痛点`; with the lane's kind in brackets
/// when its name does not say it: `Lane (pain points): Frustrations`.
const LANE: (&str, &str) = ("Lane", "泳道");

/// The words for each named channel, English first; the first of each language is written.
const CHANNELS: [(Channel, &[&str]); 11] = [
    (Channel::InPerson, &["In person", "线下", "面对面", "到店"]),
    (Channel::Phone, &["Phone", "电话"]),
    (Channel::Web, &["Web", "网页", "网站"]),
    (Channel::App, &["App", "应用"]),
    (Channel::WeChat, &["WeChat", "微信"]),
    (Channel::Sms, &["SMS", "短信"]),
    (Channel::Email, &["Email", "邮件", "E-mail"]),
    (Channel::Social, &["Social", "社交媒体"]),
    (Channel::Delivery, &["Delivery", "配送"]),
    (Channel::Packaging, &["Packaging", "包装"]),
    (Channel::Other, &["Other", "其他"]),
];

/// The words for each lane kind, English first.
const KINDS: [(LaneKind, &[&str]); 7] = [
    (LaneKind::Actions, &["Actions", "行为"]),
    (LaneKind::Thoughts, &["Thoughts", "想法"]),
    (LaneKind::Feelings, &["Feelings", "感受"]),
    (LaneKind::PainPoints, &["Pain points", "痛点"]),
    (LaneKind::Opportunities, &["Opportunities", "机会点"]),
    (LaneKind::Backstage, &["Backstage", "后台支持", "后台"]),
    (LaneKind::Custom, &["Custom", "自定义"]),
];

/// The most columns a table may have: the fixed ones, a score per curve and a lane each.
const MAX_COLUMNS: usize = FIXED.len() + limits::MAX_CURVES + limits::MAX_LANES;

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
}

/// Whether the map is written in Chinese: its headers then are too.
fn chinese(map: &JourneyMap) -> bool {
    map.header.title.chars().any(is_cjk) || map.stages.iter().any(|s| s.name.chars().any(is_cjk))
}

fn channel_word(channel: &Channel, chinese: bool) -> String {
    match channel {
        Channel::Custom(name) => name.clone(),
        named => CHANNELS
            .iter()
            .find(|(c, _)| c == named)
            .map(|(_, words)| words[usize::from(chinese)].to_owned())
            .unwrap_or_default(),
    }
}

fn channel_of(word: &str) -> Option<Channel> {
    let word = word.trim();
    if word.is_empty() {
        return None;
    }
    let found = CHANNELS.iter().find(|(_, words)| {
        words
            .iter()
            .any(|w| w.eq_ignore_ascii_case(word) || w.replace(' ', "").eq_ignore_ascii_case(word))
    });
    Some(found.map_or_else(|| Channel::Custom(word.to_owned()), |(c, _)| c.clone()))
}

fn kind_of(word: &str) -> Option<LaneKind> {
    let word = word.trim();
    KINDS
        .iter()
        .find(|(_, words)| words.iter().any(|w| w.eq_ignore_ascii_case(word)))
        .map(|(kind, _)| *kind)
}

/// A text cell as a spreadsheet should take it: one that starts like a formula (or with the
/// `'` that marks text) gets a `'` before it, which spreadsheets read as "this is text".
fn guarded(text: &str) -> String {
    if text
        .trim_start()
        .starts_with(['=', '+', '-', '@', '\t', '\r', '\''])
    {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// A text cell as [`guarded`] wrote it.
fn unguarded(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest)
            if rest
                .trim_start()
                .starts_with(['=', '+', '-', '@', '\t', '\r', '\'']) =>
        {
            rest
        }
        _ => text,
    }
}

/// One header in the map's language.
fn header(pair: (&str, &str), chinese: bool, name: Option<&str>) -> String {
    match (name, chinese) {
        (None, false) => pair.0.to_owned(),
        (None, true) => pair.1.to_owned(),
        (Some(name), false) => format!("{}: {name}", pair.0),
        (Some(name), true) => format!("{}：{name}", pair.1),
    }
}

/// The header of a lane's column: the kind in brackets when the name does not say it.
fn lane_header(lane: &Lane, chinese: bool) -> String {
    if kind_of(&lane.name) == Some(lane.kind) {
        return header(LANE, chinese, Some(&lane.name));
    }
    let kind = KINDS
        .iter()
        .find(|(k, _)| *k == lane.kind)
        .map_or("", |(_, words)| words[usize::from(chinese)]);
    if chinese {
        format!("{}（{kind}）：{}", LANE.1, lane.name)
    } else {
        format!("{} ({}): {}", LANE.0, kind.to_lowercase(), lane.name)
    }
}

/// The map as CSV bytes (UTF-8 with a byte order mark; headers in Chinese when the map is
/// written in Chinese), and what the table could not hold, in sentences.
pub fn to_csv(map: &JourneyMap) -> (Vec<u8>, Vec<String>) {
    let zh = chinese(map);
    let mut head: Vec<String> = FIXED[..6]
        .iter()
        .map(|(_, en, cn)| header((en, cn), zh, None))
        .collect();
    head.extend(map.curves.iter().map(|c| header(SCORE, zh, Some(&c.name))));
    head.push(header(("Votes", "票数"), zh, None));
    // Moments of truth and the COURTED checklist only when the map has them.
    let moments = map.touchpoints().any(|t| t.moment_of_truth);
    let checks = map.touchpoints().any(|t| t.courted.is_assessed());
    if moments {
        head.push(header((FIXED[7].1, FIXED[7].2), zh, None));
    }
    if checks {
        head.push(header((FIXED[8].1, FIXED[8].2), zh, None));
    }
    head.extend(map.lanes.iter().map(|l| lane_header(l, zh)));

    // Where each note goes: the row of its touchpoint, or its stage's own row; a span on the
    // row where it begins.
    let mut at_touchpoint: HashMap<(usize, TouchpointId), Vec<String>> = HashMap::new();
    let mut at_stage: HashMap<(usize, StageId), Vec<String>> = HashMap::new();
    let (mut spans, mut multiline) = (0, 0);
    for (lane_index, lane) in map.lanes.iter().enumerate() {
        for note in &lane.notes {
            if note.text.contains('\n') {
                multiline += 1;
            }
            let text = note.text.replace(['\r', '\n'], " ");
            match note.anchor {
                Anchor::Touchpoint(tp) => at_touchpoint
                    .entry((lane_index, tp))
                    .or_default()
                    .push(text),
                Anchor::Stage(stage) => at_stage.entry((lane_index, stage)).or_default().push(text),
                Anchor::Touchpoints(tp, _) => {
                    spans += 1;
                    at_touchpoint
                        .entry((lane_index, tp))
                        .or_default()
                        .push(text);
                }
                Anchor::Stages(stage, _) => {
                    spans += 1;
                    at_stage.entry((lane_index, stage)).or_default().push(text);
                }
                Anchor::Journey => {
                    spans += 1;
                    if let Some(first) = map.stages.first() {
                        at_stage
                            .entry((lane_index, first.id))
                            .or_default()
                            .push(text);
                    }
                }
            }
        }
    }
    let cell =
        |notes: Option<&Vec<String>>| guarded(&notes.map(|n| n.join("\n")).unwrap_or_default());

    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    let mut rows: Vec<Vec<String>> = Vec::new();
    // A stage named as the one before it, or not at all, joins it when the table is read.
    let mut joined = 0;
    for (index, stage) in map.stages.iter().enumerate() {
        if index > 0 && (stage.name.is_empty() || stage.name == map.stages[index - 1].name) {
            joined += 1;
        }
        let own = (0..map.lanes.len()).any(|l| at_stage.contains_key(&(l, stage.id)));
        if stage.touchpoints.is_empty() || own || !stage.description.is_empty() {
            let mut row = vec![
                guarded(&stage.name),
                String::new(),
                String::new(),
                String::new(),
                guarded(&stage.description),
                String::new(),
            ];
            row.extend(map.curves.iter().map(|_| String::new()));
            row.push(String::new());
            row.extend((0..usize::from(moments) + usize::from(checks)).map(|_| String::new()));
            row.extend((0..map.lanes.len()).map(|l| cell(at_stage.get(&(l, stage.id)))));
            rows.push(row);
        }
        for (order, tp) in stage.touchpoints.iter().enumerate() {
            let actors: Vec<&str> = tp
                .actors
                .iter()
                .filter_map(|a| map.persona(*a))
                .map(|p| p.name.as_str())
                .collect();
            let mut row = vec![
                guarded(&stage.name),
                (order + 1).to_string(),
                guarded(&tp.title),
                guarded(
                    &tp.channel
                        .as_ref()
                        .map(|c| channel_word(c, zh))
                        .unwrap_or_default(),
                ),
                guarded(&tp.description),
                guarded(&actors.join(", ")),
            ];
            row.extend(map.curves.iter().map(|c| {
                c.scores
                    .get(&tp.id)
                    .map(ToString::to_string)
                    .unwrap_or_default()
            }));
            row.push(if tp.votes > 0 {
                tp.votes.to_string()
            } else {
                String::new()
            });
            if moments {
                let yes = if zh { "是" } else { "yes" };
                row.push(if tp.moment_of_truth { yes } else { "" }.to_owned());
            }
            if checks {
                row.push(courted_cell(&tp.courted, zh));
            }
            row.extend((0..map.lanes.len()).map(|l| cell(at_touchpoint.get(&(l, tp.id)))));
            rows.push(row);
        }
    }
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    // Writing to memory does not fail; were it to, the table would be empty, never wrong.
    let written = std::iter::once(&head)
        .chain(&rows)
        .try_for_each(|row| writer.write_record(row));
    match (written, writer.into_inner()) {
        (Ok(()), Ok(table)) => bytes.extend(table),
        _ => bytes.clear(),
    }

    let mut lost = Vec::new();
    if spans > 0 {
        lost.push(format!(
            "{spans} notes that span stages, touchpoints or the whole journey are written on the row where they begin"
        ));
    }
    if multiline > 0 {
        lost.push(format!(
            "{multiline} notes of several lines are written on one line (a cell holds one note per line)"
        ));
    }
    if joined > 0 {
        lost.push(format!(
            "{joined} stages have no name or the name of the stage before them, and a table read back joins them to it"
        ));
    }
    let scores = map.curves.iter().flat_map(|c| c.scores.values().copied());
    let (lowest, highest) = scores.fold((i32::MAX, i32::MIN), |(l, h), s| (l.min(s), h.max(s)));
    let read_back = scale_for(lowest, highest);
    if read_back != (map.scale.min, map.scale.max) {
        lost.push(format!(
            "a table has no place for the scale ({} to {}): read back, the scores are taken to run from {} to {}",
            map.scale.min, map.scale.max, read_back.0, read_back.1
        ));
    }
    let mut left_out = Vec::new();
    if !map.header.title.is_empty() {
        left_out.push("the title (a table read back is named after its file)");
    }
    if map.curves.iter().any(|c| !c.stage_scores.is_empty()) {
        left_out.push("the scores of whole stages");
    }
    if !map
        .header
        .personas
        .iter()
        .all(|p| p.description.is_empty() && p.goals.is_empty())
        || !map.header.scenario.is_empty()
        || !map.header.expectations.is_empty()
        || !map.header.source.is_empty()
    {
        left_out.push("the header (scenario, expectations, personas' descriptions, credit line)");
    }
    if !map.scale.levels.is_empty() {
        left_out.push("the scale's words and faces");
    }
    if map
        .touchpoints()
        .any(|t| t.link.is_some() || !t.notes.is_empty())
    {
        left_out.push("touchpoints' links and working notes");
    }
    if map.live_conflicts().next().is_some() {
        left_out.push("the merge's conflict marks (this version's values are written)");
    }
    if !left_out.is_empty() {
        lost.push(format!("a table has no place for {}", left_out.join(", ")));
    }
    (bytes, lost)
}

/// The scale a table's scores are read on: the first usual one that holds them all (−2 to +2
/// when there are none), else as far as they reach.
fn scale_for(lowest: i32, highest: i32) -> (i32, i32) {
    if lowest > highest {
        return (-2, 2);
    }
    [(-2, 2), (1, 5), (-3, 3), (-5, 5), (0, 10), (1, 10)]
        .into_iter()
        .find(|(min, max)| *min <= lowest && highest <= *max)
        .unwrap_or((lowest, highest))
}

/// What a header names.
#[derive(Clone, Debug, PartialEq)]
enum Heading {
    Fixed(Column),
    Score(String),
    Lane(String, LaneKind),
    /// Blank header over blank cells: ignored.
    Blank,
}

/// What a header cell names: a fixed column (English or Chinese, any case), `Score: name`,
/// `Lane: name` or `Lane (kind): name`; anything else is a lane of that name.
fn heading(text: &str) -> (Heading, bool) {
    let text = text.trim();
    if text.is_empty() {
        return (Heading::Blank, false);
    }
    if let Some((column, _, _)) = FIXED
        .iter()
        .find(|(_, en, zh)| en.eq_ignore_ascii_case(text) || *zh == text)
    {
        return (Heading::Fixed(*column), false);
    }
    let split = text.split_once([':', '：']);
    if let Some((word, name)) = split {
        let (word, name) = (word.trim(), name.trim());
        if word.eq_ignore_ascii_case(SCORE.0) || word == SCORE.1 {
            return (Heading::Score(name.to_owned()), false);
        }
        let (word, kind) = match word.split_once(['(', '（']) {
            Some((w, k)) => (w.trim(), kind_of(k.trim_end_matches([')', '）']))),
            None => (word, None),
        };
        if word.eq_ignore_ascii_case(LANE.0) || word == LANE.1 {
            let kind = kind.or_else(|| kind_of(name)).unwrap_or(LaneKind::Custom);
            return (Heading::Lane(name.to_owned(), kind), false);
        }
    }
    let kind = kind_of(text).unwrap_or(LaneKind::Custom);
    (Heading::Lane(text.to_owned(), kind), true)
}

/// Where field `field` of the record starting at byte `start` is in `text`.
fn field_pos(text: &str, start: usize, field: usize, delimiter: u8) -> TextPos {
    let bytes = text.as_bytes();
    let (mut i, mut seen, mut quoted) = (start.min(bytes.len()), 0, false);
    while i < bytes.len() && seen < field {
        match bytes[i] {
            b'"' => quoted = !quoted,
            b if b == delimiter && !quoted => seen += 1,
            b'\n' if !quoted => break,
            _ => {}
        }
        i += 1;
    }
    let before = &text[..i];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    TextPos {
        line,
        col: text[line_start..i].chars().count() + 1,
    }
}

/// The separator the header line uses: the one of `,`, `;` and tab that makes a cell of it
/// read "Touchpoint" (or 触点); else whichever it has most of outside quotes.
fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let cells = |delimiter: char| -> Vec<String> {
        let (mut cells, mut cell, mut quoted) = (Vec::new(), String::new(), false);
        for c in first.chars() {
            match c {
                '"' => quoted = !quoted,
                c if c == delimiter && !quoted => cells.push(std::mem::take(&mut cell)),
                c => cell.push(c),
            }
        }
        cells.push(cell);
        cells
    };
    let candidates = [(',', b','), (';', b';'), ('\t', b'\t')];
    for (c, byte) in candidates {
        let title = FIXED[2];
        if cells(c)
            .iter()
            .any(|cell| cell.trim().eq_ignore_ascii_case(title.1) || cell.trim() == title.2)
        {
            return byte;
        }
    }
    candidates
        .iter()
        .map(|(c, byte)| (cells(*c).len(), usize::from(*byte == b','), *byte))
        .max()
        .map_or(b',', |(_, _, byte)| byte)
}

/// Reads a table written by [`to_csv`] or drafted in a spreadsheet. Linear in its length.
pub fn from_csv(bytes: &[u8]) -> Result<Imported, LoadError> {
    if bytes.len() as u64 > limits::MAX_FILE_BYTES {
        return Err(super::too_large(bytes.len() as u64));
    }
    let problem = |at: Option<TextPos>, message: String| {
        LoadError::Invalid(vec![FileProblem { at, message }])
    };
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let line = valid.matches('\n').count() + 1;
        let col = valid.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        problem(
            Some(TextPos { line, col }),
            "this is not UTF-8 text: save the table as \"CSV UTF-8\" (in Excel: Save As → CSV UTF-8)"
                .to_owned(),
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut warnings = Vec::new();
    let mut records = reader.records();
    let at_record = |start: u64, field: usize| {
        field_pos(
            text,
            usize::try_from(start).unwrap_or(usize::MAX),
            field,
            delimiter,
        )
    };
    let csv_problem = |e: &csv::Error| {
        let at = e.position().map(|p| at_record(p.byte(), 0));
        problem(at, format!("the table cannot be read: {e}"))
    };

    let Some(first) = records.next() else {
        return Err(problem(
            None,
            "the table is empty: its first row names the columns (Stage, Touchpoint, …)".to_owned(),
        ));
    };
    let first = first.map_err(|e| csv_problem(&e))?;
    if first.len() > MAX_COLUMNS {
        return Err(problem(
            Some(at_record(0, MAX_COLUMNS)),
            format!(
                "the table has {} columns; a map's table has at most {MAX_COLUMNS}",
                first.len()
            ),
        ));
    }
    let headings: Vec<Heading> = first
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let (heading, guessed) = heading(text);
            if guessed {
                warnings.push(FileProblem {
                    at: Some(at_record(0, i)),
                    message: format!(
                        "the column “{}” is not one Journey Map writes; it is read as a lane",
                        limits::quoted(text.trim())
                    ),
                });
            }
            heading
        })
        .collect();
    let find = |column: Column| headings.iter().position(|h| *h == Heading::Fixed(column));
    let Some(title_column) = find(Column::Title) else {
        return Err(problem(
            Some(TextPos { line: 1, col: 1 }),
            "the first row names the columns, and one must be “Touchpoint” (触点)".to_owned(),
        ));
    };
    let stage_column = find(Column::Stage);

    // The map, built as the rows come.
    let mut ids = IdAllocator::after(0);
    let mut stages: Vec<Stage> = Vec::new();
    let mut personas: Vec<Persona> = Vec::new();
    let mut persona_of: HashMap<String, PersonaId> = HashMap::new();
    let mut curves: Vec<(usize, EmotionCurve)> = Vec::new();
    let mut lanes: Vec<(usize, Lane)> = Vec::new();
    for (i, heading) in headings.iter().enumerate() {
        match heading {
            Heading::Score(name) => {
                let colour = PALETTE[(curves.len() + 3) % PALETTE.len()];
                curves.push((i, EmotionCurve::new(ids.curve(), name.clone(), colour)));
            }
            Heading::Lane(name, kind) => {
                lanes.push((i, Lane::new(ids.lane(), name.clone(), *kind)));
            }
            _ => {}
        }
    }
    // (stage index, order given, row) for each touchpoint, sorted by order within its stage.
    let mut orders: Vec<Vec<(Option<u64>, usize)>> = Vec::new();
    let (mut lowest, mut highest) = (i32::MAX, i32::MIN);
    for record in records {
        let record = record.map_err(|e| csv_problem(&e))?;
        let start = record.position().map_or(0, csv::Position::byte);
        let at = |field: usize| at_record(start, field);
        let cell = |column: Option<usize>| {
            column
                .and_then(|c| record.get(c))
                .map(|t| unguarded(t.trim()).to_owned())
                .unwrap_or_default()
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() > MAX_COLUMNS {
            return Err(problem(
                Some(at(MAX_COLUMNS)),
                format!(
                    "this row has {} cells; a map's table has at most {MAX_COLUMNS} columns",
                    record.len()
                ),
            ));
        }
        // A row joins the stage above while its Stage cell names that stage or is blank (as
        // a spreadsheet shows merged cells); another name starts the next stage.
        let stage_name = cell(stage_column);
        let current = stages
            .last()
            .filter(|s| stage_name.is_empty() || s.name == stage_name);
        let stage_index = match current {
            Some(_) => stages.len() - 1,
            None => {
                if stages.len() == limits::MAX_STAGES {
                    return Err(problem(
                        Some(at(0)),
                        format!("a map has at most {} stages", limits::MAX_STAGES),
                    ));
                }
                let colour = PALETTE[stages.len() % PALETTE.len()];
                stages.push(Stage::new(ids.stage(), stage_name.clone(), colour));
                orders.push(Vec::new());
                stages.len() - 1
            }
        };
        let title = cell(Some(title_column));
        let order_text = cell(find(Column::Order));
        let description = cell(find(Column::Description));
        let stage_row = title.is_empty() && order_text.is_empty();
        let anchor = if stage_row {
            if !description.is_empty() {
                stages[stage_index].description = description.clone();
            }
            Anchor::Stage(stages[stage_index].id)
        } else {
            let id = ids.touchpoint();
            let mut tp = Touchpoint::new(id, title);
            tp.description = description;
            tp.channel = channel_of(&cell(find(Column::Channel)));
            for name in cell(find(Column::Actors)).split([',', '，', '、', ';']) {
                let name = name.trim();
                if name.is_empty() {
                    continue;
                }
                let persona = match persona_of.get(name) {
                    Some(&p) => p,
                    None => {
                        let p = ids.persona();
                        personas.push(Persona {
                            id: p,
                            name: name.to_owned(),
                            description: String::new(),
                            goals: Vec::new(),
                        });
                        persona_of.insert(name.to_owned(), p);
                        p
                    }
                };
                if !tp.actors.contains(&persona) {
                    tp.actors.push(persona);
                }
            }
            let votes_column = find(Column::Votes);
            let votes = cell(votes_column);
            if !votes.is_empty() {
                match votes.parse::<u32>() {
                    Ok(v) => tp.votes = v,
                    Err(_) => warnings.push(FileProblem {
                        at: Some(at(votes_column.unwrap_or(0))),
                        message: format!(
                            "“{}” is not a number of votes; it is left out",
                            limits::quoted(&votes)
                        ),
                    }),
                }
            }
            tp.moment_of_truth = says_yes(&cell(find(Column::MomentOfTruth)));
            let courted_column = find(Column::Courted);
            let (courted, unknown) = courted_of(&cell(courted_column));
            tp.courted = courted;
            if !unknown.is_empty() {
                warnings.push(FileProblem {
                    at: Some(at(courted_column.unwrap_or(0))),
                    message: format!(
                        "“{}” is not a COURTED check (write a letter of C O U R T E D with + \
                         for passed or - for failed, e.g. C+ T-); it is left out",
                        limits::quoted(&unknown.join(" "))
                    ),
                });
            }
            let order = if order_text.is_empty() {
                None
            } else if let Ok(n) = order_text.parse::<u64>() {
                Some(n)
            } else {
                warnings.push(FileProblem {
                    at: Some(at(find(Column::Order).unwrap_or(0))),
                    message: format!(
                        "“{}” is not an order (1, 2, 3…); the row keeps its place",
                        limits::quoted(&order_text)
                    ),
                });
                None
            };
            for (column, curve) in &mut curves {
                let text = cell(Some(*column));
                if text.is_empty() {
                    continue;
                }
                match text.replace(',', ".").parse::<f64>() {
                    Ok(value) if value.is_finite() && value.abs() < 1e6 => {
                        if value.fract() != 0.0 {
                            warnings.push(FileProblem {
                                at: Some(at(*column)),
                                message: format!("the score {text} is not a whole number; it is rounded to {}", value.round()),
                            });
                        }
                        #[allow(clippy::cast_possible_truncation)]
                        let score = value.round() as i32;
                        lowest = lowest.min(score);
                        highest = highest.max(score);
                        curve.scores.insert(id, score);
                    }
                    _ => warnings.push(FileProblem {
                        at: Some(at(*column)),
                        message: format!("the score “{}” is not a number; the touchpoint is left unscored on “{}”", limits::quoted(&text), limits::quoted(&curve.name)),
                    }),
                }
            }
            orders[stage_index].push((order, stages[stage_index].touchpoints.len()));
            stages[stage_index].touchpoints.push(tp);
            Anchor::Touchpoint(id)
        };
        for (column, lane) in &mut lanes {
            for line in cell(Some(*column)).lines() {
                let line = unguarded(line.trim());
                if !line.is_empty() {
                    if lane.notes.len() == limits::MAX_NOTES {
                        return Err(problem(
                            Some(at(*column)),
                            format!("a lane holds at most {} notes", limits::MAX_NOTES),
                        ));
                    }
                    lane.notes.push(Note::new(ids.note(), line, anchor));
                }
            }
        }
    }
    // Touchpoints in the order their column gives, when it gives each of a stage's its own
    // number; else in the order of the rows.
    for (stage, order) in stages.iter_mut().zip(&mut orders) {
        let mut keyed: Vec<(u64, usize)> = order
            .iter()
            .map(|(given, row)| (given.unwrap_or(u64::MAX), *row))
            .collect();
        keyed.sort_by_key(|(o, _)| *o);
        let distinct =
            keyed.windows(2).all(|w| w[0].0 < w[1].0) && keyed.iter().all(|(o, _)| *o != u64::MAX);
        if !distinct {
            keyed.sort_by_key(|(_, row)| *row);
        }
        let mut taken: Vec<Option<Touchpoint>> = std::mem::take(&mut stage.touchpoints)
            .into_iter()
            .map(Some)
            .collect();
        stage.touchpoints = keyed
            .iter()
            .filter_map(|(_, row)| taken[*row].take())
            .collect();
    }
    if stages.is_empty() {
        warnings.push(FileProblem {
            at: None,
            message: "the table has no rows: the map has one empty stage".to_owned(),
        });
        stages.push(Stage::new(ids.stage(), String::new(), PALETTE[0]));
    }
    let scale = {
        let (min, max) = scale_for(lowest, highest);
        if max - min > limits::MAX_SCALE_SPAN {
            return Err(problem(
                None,
                format!(
                    "the scores run from {min} to {max}; a map's scale spans at most {} steps",
                    limits::MAX_SCALE_SPAN
                ),
            ));
        }
        EmotionScale {
            min,
            max,
            levels: Vec::new(),
            neutral: None,
        }
    };
    let map = JourneyMap {
        header: Header {
            personas,
            ..Header::default()
        },
        scale,
        stages,
        lanes: lanes.into_iter().map(|(_, l)| l).collect(),
        curves: curves.into_iter().map(|(_, c)| c).collect(),
        options: MapOptions::default(),
        conflicts: Vec::new(),
    };
    Imported::checked(map, warnings, "table")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Imported {
        from_csv(text.as_bytes()).unwrap_or_else(|e| panic!("{text}\n{e}"))
    }

    #[test]
    fn a_chinese_template_goes_through_a_spreadsheet_and_back() {
        let template =
            super::super::from_ron(include_str!("../../assets/templates/restaurant-zh.ron"))
                .expect("template");
        let (bytes, _) = to_csv(&template);
        assert!(
            bytes.starts_with("\u{feff}".as_bytes()),
            "a byte order mark"
        );
        // Any CSV reader reads it.
        let mut reader = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
        let headers = reader.headers().expect("headers").clone();
        assert_eq!(&headers[0], "阶段");
        assert_eq!(&headers[2], "触点");
        let rows = reader.records().count();
        assert!(rows >= template.touchpoint_count(), "{rows}");

        let back = from_csv(&bytes).expect("reads back").map;
        let titles = |m: &JourneyMap| m.touchpoints().map(|t| t.title.clone()).collect::<Vec<_>>();
        assert_eq!(titles(&back), titles(&template));
        let stages = |m: &JourneyMap| m.stages.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
        assert_eq!(stages(&back), stages(&template));
        assert_eq!(back.curves.len(), template.curves.len());
        for (a, b) in back.curves.iter().zip(&template.curves) {
            assert_eq!(a.name, b.name);
            let scores = |m: &JourneyMap, c: &EmotionCurve| {
                m.touchpoints()
                    .map(|t| c.scores.get(&t.id).copied())
                    .collect::<Vec<_>>()
            };
            assert_eq!(scores(&back, a), scores(&template, b), "{}", a.name);
        }
        let channels = |m: &JourneyMap| {
            m.touchpoints()
                .map(|t| t.channel.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(channels(&back), channels(&template));
        let notes = |m: &JourneyMap| {
            m.lanes
                .iter()
                .map(|l| (l.name.clone(), l.kind, l.notes.len()))
                .collect::<Vec<_>>()
        };
        assert_eq!(notes(&back), notes(&template));
    }

    #[test]
    fn moments_of_truth_and_courted_checks_go_through_a_table_and_back() {
        for name in ["restaurant-zh", "restaurant-en"] {
            let mut map = crate::templates::find(name).expect("template").map();
            let card = &mut map.stages[1].touchpoints[0];
            card.moment_of_truth = true;
            card.courted.set(Quality::Clean, Check::Pass);
            card.courted.set(Quality::TimeSaving, Check::Fail);
            map.stages[2].touchpoints[0]
                .courted
                .set(Quality::Dependable, Check::Pass);
            let (bytes, _) = to_csv(&map);
            let text = String::from_utf8(bytes.clone()).expect("UTF-8");
            assert!(
                text.contains("C+ T-") || text.contains("整洁+ 省时-"),
                "{text}"
            );
            let back = from_csv(&bytes).expect("reads back").map;
            let marks = |m: &JourneyMap| {
                m.touchpoints()
                    .map(|t| (t.moment_of_truth, t.courted.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(marks(&back), marks(&map), "{name}");
        }
        // Drafted by hand: lower case letters, a cross for yes, and a word it does not know.
        let table = read(
            "Stage,Touchpoint,Moment of truth,COURTED\nPay,Split the bill,x,\"c+ d- nice+\"\n",
        );
        let card = table.map.touchpoints().next().expect("a card");
        assert!(card.moment_of_truth);
        assert_eq!(card.courted.clean, Check::Pass);
        assert_eq!(card.courted.dependable, Check::Fail);
        assert!(
            table.warnings.iter().any(|w| w.message.contains("nice+")),
            "{:?}",
            table.warnings
        );
    }

    #[test]
    fn a_cell_that_looks_like_a_formula_is_written_as_text_and_read_back_as_it_was() {
        let mut map = JourneyMap::blank("Formulas");
        let mut ids = map.id_allocator();
        for title in [
            "=HYPERLINK(\"http://x\")",
            "+1 call",
            "-",
            "@here",
            "'quoted",
            "plain",
        ] {
            map.stages[0]
                .touchpoints
                .push(Touchpoint::new(ids.touchpoint(), title));
        }
        let first = map.stages[0].touchpoints[0].id;
        map.curves[0].scores.insert(first, -2);
        let (bytes, _) = to_csv(&map);
        let text = String::from_utf8(bytes.clone()).expect("UTF-8");
        assert!(text.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{text}");
        assert!(text.contains(",'+1 call,"), "{text}");
        assert!(
            text.contains(",-2,"),
            "a negative score stays a number: {text}"
        );
        for line in text.lines().skip(1) {
            for cell in line.split(',') {
                let cell = cell.trim_start_matches('"');
                assert!(!cell.starts_with(['=', '+', '@']), "{cell} in {line}");
            }
        }
        let back = from_csv(&bytes).expect("reads").map;
        let titles: Vec<&str> = back.touchpoints().map(|t| t.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "=HYPERLINK(\"http://x\")",
                "+1 call",
                "-",
                "@here",
                "'quoted",
                "plain"
            ]
        );
        assert_eq!(
            back.curves[0].scores.get(&back.stages[0].touchpoints[0].id),
            Some(&-2)
        );
    }

    #[test]
    fn a_drafted_table_with_semicolons_chinese_headers_and_extra_columns_opens() {
        let imported = read(
            "阶段;触点;渠道;评分：现状;Risks\n发现;看到广告;微信;2;没人看\n发现;问朋友;线下;1;\n到店;排队;;-1;\"太久\n没座位\"\n",
        );
        let map = &imported.map;
        assert_eq!(map.stages.len(), 2);
        assert_eq!(map.touchpoint_count(), 3);
        assert_eq!(map.stages[0].touchpoints[0].channel, Some(Channel::WeChat));
        assert_eq!(
            map.stages[0].touchpoints[1].channel,
            Some(Channel::InPerson)
        );
        assert_eq!(map.stages[1].touchpoints[0].channel, None);
        assert_eq!(map.curves[0].name, "现状");
        assert_eq!((map.scale.min, map.scale.max), (-2, 2));
        assert_eq!(map.lanes[0].name, "Risks");
        assert_eq!(map.lanes[0].notes.len(), 3, "one note per line of a cell");
        assert_eq!(imported.warnings.len(), 1, "{:?}", imported.warnings);
        assert_eq!(imported.warnings[0].at, Some(TextPos { line: 1, col: 16 }));
    }

    #[test]
    fn order_stage_rows_and_bad_cells() {
        let imported = read(
            "Stage,Order,Touchpoint,Votes,Score: A,Lane: Pain points\nOne,2,Second,x,,\nOne,1,First,3,4.5,\nEmpty,,,,,A stage note\n",
        );
        let map = &imported.map;
        let titles: Vec<&str> = map.touchpoints().map(|t| t.title.as_str()).collect();
        assert_eq!(titles, ["First", "Second"]);
        assert_eq!(map.stages[1].name, "Empty");
        assert!(map.stages[1].touchpoints.is_empty());
        assert_eq!(map.lanes[0].kind, LaneKind::PainPoints);
        assert_eq!(
            map.lanes[0].notes[0].anchor,
            Anchor::Stage(map.stages[1].id)
        );
        let at: Vec<(usize, usize)> = imported
            .warnings
            .iter()
            .filter_map(|w| w.at)
            .map(|a| (a.line, a.col))
            .collect();
        assert_eq!(at, [(2, 14), (3, 15)], "{:?}", imported.warnings);
        assert_eq!(map.stages[0].touchpoints[0].votes, 3);
        assert_eq!((map.scale.min, map.scale.max), (1, 5));
    }

    #[test]
    fn semicolons_and_tabs_in_names_do_not_confuse_the_separator() {
        let mut map = JourneyMap::blank("x");
        map.curves[0].name = "a;b;c;d;e;f;g;h;i;j;k;l".to_owned();
        map.lanes[0].name = "\tx\ty\tz\tw\tv\tu\tt\ts\tr".to_owned();
        let tp = map.id_allocator().touchpoint();
        map.stages[0]
            .touchpoints
            .push(Touchpoint::new(tp, "one; two"));
        let (bytes, _) = to_csv(&map);
        let back = from_csv(&bytes).expect("reads").map;
        assert_eq!(back.curves[0].name, map.curves[0].name);
        assert_eq!(back.stages[0].touchpoints[0].title, "one; two");
    }

    #[test]
    fn what_is_no_table_of_a_map_says_where() {
        let err = from_csv(b"Stage,Title\nA,B\n").expect_err("no Touchpoint column");
        assert!(err.to_string().contains("Touchpoint"), "{err}");
        let err = from_csv(b"Touchpoint\n\xff\xfe\n").expect_err("not UTF-8");
        assert!(err.report("t.csv")[0].starts_with("t.csv:2:1:"), "{err}");
        let err = from_csv(b"Touchpoint\n\"never closed\n").map(|_| ()).err();
        // The csv crate reads an unclosed quote to the end of the file as one cell.
        assert!(err.is_none(), "{err:?}");
    }
}
