//! Finds where a value sits in RON text, so problems found after parsing (a duplicate id, a
//! score outside the scale) can still be reported at `line:column` like syntax errors.
//!
//! The text has already parsed, so this scanner only needs to walk well-formed RON.

use crate::model::PathSeg;

/// A 1-based line and column (columns count characters, as editors do).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct TextPos {
    /// The line, counting from 1.
    pub line: usize,
    /// The column, counting characters from 1.
    pub col: usize,
}

impl TextPos {
    /// The line and column of a byte offset into `text`.
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let before = &text[..offset.min(text.len())];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Self {
            line: before.matches('\n').count() + 1,
            col: before[line_start..].chars().count() + 1,
        }
    }
}

impl TextPos {
    /// The byte offset of this position in `text`, if it lies inside it.
    pub fn offset_in(self, text: &str) -> Option<usize> {
        let line_start = if self.line <= 1 {
            0
        } else {
            text.match_indices('\n').nth(self.line - 2)?.0 + 1
        };
        let line = &text[line_start..];
        let in_line = line
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(line.len()))
            .nth(self.col.saturating_sub(1))?;
        Some(line_start + in_line)
    }
}

impl std::fmt::Display for TextPos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// The position of the value at `path` in `text` (of the key, for a map entry).
pub fn locate(text: &str, path: &[PathSeg]) -> Option<TextPos> {
    let mut scanner = Scanner { text, pos: 0 };
    scanner.find(path)?;
    Some(TextPos::of_offset(text, scanner.pos))
}

/// The positions of many values at once (`None` for a path not in the text): one walk through
/// the text, however many paths are asked for, so reporting every problem of a large file stays
/// linear in its size.
pub fn locate_all(text: &str, paths: &[&[PathSeg]]) -> Vec<Option<TextPos>> {
    let mut offsets = vec![None; paths.len()];
    let mut scanner = Scanner { text, pos: 0 };
    let targets: Vec<(usize, &[PathSeg])> = paths.iter().copied().enumerate().collect();
    scanner.find_many(targets, &mut offsets);
    positions_of(text, &offsets)
}

/// Line and column of each offset, in one pass over the text.
fn positions_of(text: &str, offsets: &[Option<usize>]) -> Vec<Option<TextPos>> {
    let mut order: Vec<(usize, usize)> = offsets
        .iter()
        .enumerate()
        .filter_map(|(i, o)| o.map(|o| (o, i)))
        .collect();
    order.sort_unstable();
    let mut out = vec![None; offsets.len()];
    let mut wanted = order.into_iter().peekable();
    let (mut line, mut col) = (1, 1);
    for (offset, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), '\0')))
    {
        while let Some(&(at, i)) = wanted.peek() {
            if at > offset {
                break;
            }
            out[i] = Some(TextPos { line, col });
            wanted.next();
        }
        if wanted.peek().is_none() {
            break;
        }
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    out
}

struct Scanner<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Scanner<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn eat(&mut self, c: char) -> Option<()> {
        self.skip_ws();
        if self.peek() == Some(c) {
            self.pos += c.len_utf8();
            Some(())
        } else {
            None
        }
    }

    fn skip_ws(&mut self) {
        loop {
            let rest = self.rest();
            let trimmed = rest.trim_start();
            self.pos += rest.len() - trimmed.len();
            if trimmed.starts_with("//") {
                self.pos += trimmed.find('\n').unwrap_or(trimmed.len());
            } else if trimmed.starts_with("/*") {
                self.skip_block_comment();
            } else {
                return;
            }
        }
    }

    fn skip_block_comment(&mut self) {
        let mut depth = 0usize;
        while !self.rest().is_empty() {
            if self.rest().starts_with("/*") {
                depth += 1;
                self.pos += 2;
            } else if self.rest().starts_with("*/") {
                depth -= 1;
                self.pos += 2;
                if depth == 0 {
                    return;
                }
            } else {
                self.pos += self.peek().map_or(1, char::len_utf8);
            }
        }
    }

    fn ident(&mut self) -> &'a str {
        self.skip_ws();
        let start = self.pos;
        let len = self
            .rest()
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '+' | '-' | '.')))
            .unwrap_or(self.rest().len());
        self.pos += len;
        &self.text[start..self.pos]
    }

    /// Skips one value of any kind; returns its text.
    fn skip_value(&mut self) -> Option<&'a str> {
        self.skip_ws();
        let start = self.pos;
        match self.peek()? {
            '"' => self.skip_string()?,
            '\'' => self.skip_char()?,
            '(' | '[' | '{' => self.skip_group()?,
            'r' if self.rest()[1..].starts_with(['"', '#']) => self.skip_raw_string()?,
            _ => {
                if self.ident().is_empty() {
                    return None;
                }
                self.skip_ws();
                if self.peek() == Some('(') {
                    self.skip_group()?;
                }
            }
        }
        Some(&self.text[start..self.pos])
    }

    fn skip_string(&mut self) -> Option<()> {
        self.pos += 1;
        let mut escaped = false;
        for (i, c) in self.rest().char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => {
                    self.pos += i + 1;
                    return Some(());
                }
                _ => {}
            }
        }
        None
    }

    fn skip_char(&mut self) -> Option<()> {
        let rest = self.rest();
        let close = if rest[1..].starts_with('\\') {
            rest[3..].find('\'')? + 3
        } else {
            rest[1..].find('\'')? + 1
        };
        self.pos += close + 1;
        Some(())
    }

    fn skip_raw_string(&mut self) -> Option<()> {
        let hashes = self.rest()[1..].chars().take_while(|&c| c == '#').count();
        let closing = format!("\"{}", "#".repeat(hashes));
        self.pos += 2 + hashes;
        self.pos += self.rest().find(&closing)? + closing.len();
        Some(())
    }

    fn skip_group(&mut self) -> Option<()> {
        let close = match self.peek()? {
            '(' => ')',
            '[' => ']',
            _ => '}',
        };
        self.pos += 1;
        loop {
            self.skip_ws();
            if self.peek()? == close {
                self.pos += 1;
                return Some(());
            }
            match self.peek()? {
                ',' | ':' => self.pos += 1,
                _ => {
                    self.skip_value()?;
                }
            }
        }
    }

    /// Steps into `Some(...)` so paths need not mention options.
    fn unwrap_some(&mut self) {
        self.skip_ws();
        if self.rest().starts_with("Some") {
            let save = self.pos;
            self.pos += 4;
            if self.eat('(').is_none() {
                self.pos = save;
            }
        }
    }

    /// Walks the value here once, recording where each target path ends (its index in `out`).
    fn find_many(&mut self, targets: Vec<(usize, &[PathSeg])>, out: &mut [Option<usize>]) {
        if targets.is_empty() {
            self.skip_value();
            return;
        }
        self.unwrap_some();
        self.skip_ws();
        let mut deeper: Vec<(usize, &[PathSeg])> = Vec::new();
        for (i, path) in targets {
            if path.is_empty() {
                out[i] = Some(self.pos);
            } else {
                deeper.push((i, path));
            }
        }
        if deeper.is_empty() {
            self.skip_value();
            return;
        }
        // What the next step of each path names, to hand each child only its own paths.
        let mut by_step: std::collections::HashMap<StepKey<'_>, Vec<(usize, &[PathSeg])>> =
            std::collections::HashMap::new();
        for (i, path) in deeper {
            let (seg, rest) = path.split_first().expect("not empty");
            let key = match seg {
                PathSeg::Field(name) => StepKey::Field(name),
                PathSeg::Index(n) => StepKey::Index(*n),
                PathSeg::Key(k) => StepKey::Key(k.as_str()),
            };
            by_step.entry(key).or_default().push((i, rest));
        }
        match self.peek() {
            Some(c) if c.is_alphabetic() || c == '(' => {
                if c.is_alphabetic() {
                    self.ident();
                    self.skip_ws();
                }
                if self.eat('(').is_none() {
                    return;
                }
                while self.next_item(')') {
                    let field = self.ident();
                    if field.is_empty() || self.eat(':').is_none() {
                        return;
                    }
                    let targets = by_step.remove(&StepKey::Field(field)).unwrap_or_default();
                    self.find_many(targets, out);
                }
            }
            Some('[') => {
                self.pos += 1;
                let mut index = 0;
                while self.next_item(']') {
                    let targets = by_step.remove(&StepKey::Index(index)).unwrap_or_default();
                    let before = self.pos;
                    self.find_many(targets, out);
                    if self.pos == before {
                        return;
                    }
                    index += 1;
                }
            }
            Some('{') => {
                self.pos += 1;
                while self.next_item('}') {
                    let key_pos = self.pos;
                    let Some(text) = self.skip_value() else {
                        return;
                    };
                    let text = text.trim();
                    let key = text
                        .strip_prefix('"')
                        .and_then(|t| t.strip_suffix('"'))
                        .unwrap_or(text);
                    let mut targets = by_step.remove(&StepKey::Key(key)).unwrap_or_default();
                    // A path ending at a key points at the key.
                    targets.retain(|(i, rest)| {
                        if rest.is_empty() {
                            out[*i] = Some(key_pos);
                            false
                        } else {
                            true
                        }
                    });
                    if self.eat(':').is_none() {
                        return;
                    }
                    self.find_many(targets, out);
                }
            }
            _ => {
                self.skip_value();
            }
        }
    }

    /// Steps to the next item of a group closed by `close`, past blanks and commas: true when an
    /// item is ahead, false at the group's end (stepped past) or the text's.
    fn next_item(&mut self, close: char) -> bool {
        loop {
            self.skip_ws();
            match self.peek() {
                None => return false,
                Some(c) if c == close => {
                    self.pos += 1;
                    return false;
                }
                Some(',') => self.pos += 1,
                Some(_) => return true,
            }
        }
    }

    fn find(&mut self, path: &[PathSeg]) -> Option<()> {
        self.unwrap_some();
        self.skip_ws();
        let Some((seg, rest)) = path.split_first() else {
            return Some(());
        };
        match seg {
            PathSeg::Field(name) => {
                // A struct may carry its name: `Stage(...)`.
                if self.peek()?.is_alphabetic() {
                    self.ident();
                }
                self.eat('(')?;
                loop {
                    self.skip_ws();
                    if self.peek()? == ')' {
                        return None;
                    }
                    let field = self.ident();
                    self.eat(':')?;
                    if field == *name {
                        return self.find(rest);
                    }
                    self.skip_value()?;
                    self.eat(',');
                }
            }
            PathSeg::Index(index) => {
                self.eat('[')?;
                for _ in 0..*index {
                    self.skip_value()?;
                    self.eat(',')?;
                }
                self.skip_ws();
                if self.peek()? == ']' {
                    return None;
                }
                self.find(rest)
            }
            PathSeg::Key(key) => {
                self.eat('{')?;
                loop {
                    self.skip_ws();
                    if self.peek()? == '}' {
                        return None;
                    }
                    let key_pos = self.pos;
                    let text = self.skip_value()?.trim();
                    let matches = text == key
                        || text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) == Some(key);
                    self.eat(':')?;
                    if matches {
                        if rest.is_empty() {
                            self.pos = key_pos;
                            return Some(());
                        }
                        return self.find(rest);
                    }
                    self.skip_value()?;
                    self.eat(',');
                }
            }
        }
    }
}

/// One step of a path, borrowed, to group paths by their next step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum StepKey<'a> {
    Field(&'a str),
    Index(usize),
    Key(&'a str),
}

#[cfg(test)]
mod tests {
    use super::*;
    use PathSeg::*;

    const TEXT: &str = r##"(
    a: "x, (y",
    // b: 9
    b: [
        (id: 1, s: Some("é")),
        /* (id: 2) */ Named(id: 3, t: 'c', r: r#"q")"#),
    ],
    m: {
        12: 4,
        "k": Some([1]),
    },
)"##;

    fn at(path: &[PathSeg]) -> Option<(usize, usize)> {
        locate(TEXT, path).map(|p| (p.line, p.col))
    }

    #[test]
    fn finds_fields_items_and_keys_past_strings_and_comments() {
        assert_eq!(at(&[Field("a")]), Some((2, 8)));
        assert_eq!(at(&[Field("b"), Index(0), Field("id")]), Some((5, 14)));
        assert_eq!(at(&[Field("b"), Index(1), Field("id")]), Some((6, 33)));
        assert_eq!(at(&[Field("b"), Index(1), Field("r")]), Some((6, 47)));
        assert_eq!(at(&[Field("m"), Key("12".into())]), Some((9, 9)));
        assert_eq!(at(&[Field("m"), Key("k".into()), Index(0)]), Some((10, 20)));
    }

    #[test]
    fn many_paths_are_found_in_one_walk_as_one_by_one() {
        let paths: Vec<Vec<PathSeg>> = vec![
            vec![Field("a")],
            vec![Field("b"), Index(0), Field("id")],
            vec![Field("b"), Index(1), Field("id")],
            vec![Field("b"), Index(1), Field("r")],
            vec![Field("m"), Key("12".into())],
            vec![Field("m"), Key("k".into()), Index(0)],
            vec![Field("zz")],
            vec![Field("b"), Index(5)],
            vec![Field("b"), Index(0), Field("id")],
        ];
        let refs: Vec<&[PathSeg]> = paths.iter().map(Vec::as_slice).collect();
        let all = locate_all(TEXT, &refs);
        for (path, found) in paths.iter().zip(all) {
            assert_eq!(found, locate(TEXT, path), "{path:?}");
        }
    }

    #[test]
    fn missing_paths_give_none() {
        assert_eq!(at(&[Field("zz")]), None);
        assert_eq!(at(&[Field("b"), Index(5)]), None);
        assert_eq!(at(&[Field("m"), Key("13".into())]), None);
    }

    #[test]
    fn offsets_and_positions_agree() {
        let text = "ab\n旅程x\n";
        for offset in [0, 1, 3, 6, 9, 10] {
            assert_eq!(
                TextPos::of_offset(text, offset).offset_in(text),
                Some(offset)
            );
        }
        assert_eq!(TextPos { line: 9, col: 1 }.offset_in(text), None);
    }

    #[test]
    fn columns_count_characters() {
        let pos = TextPos::of_offset("ab\n旅程x", "ab\n旅程".len());
        assert_eq!((pos.line, pos.col), (2, 3));
    }
}
