//! Byte offsets to line and column, derived once per file.
//!
//! Every span in frontlint is a byte range into the file as read (BOM included). Lines and
//! columns are only computed when a diagnostic is reported: lines are 1-based and split at
//! `\n` (so CRLF files count the same lines as LF files), columns are 1-based and counted in
//! Unicode scalar values (characters), so `标题: x` puts `x` at column 5, not 9.

/// The start offset of every line of a text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

/// A 1-based line and character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// The 0-based line that contains `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// The byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line.min(self.starts.len() - 1)]
    }

    /// The position of a byte offset. An offset past the end or inside a character is moved
    /// back to the nearest character boundary, so this never panics.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.starts[line].min(offset);
        let column = text[start..offset].chars().count() + 1;
        Position {
            line: line + 1,
            column,
        }
    }
}

/// The largest character boundary of `text` that is not after `offset`.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    if offset >= text.len() {
        return text.len();
    }
    let mut i = offset;
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_columns_count_characters_not_bytes() {
        let text = "---\ntitle: \"奥特曼分享\"\ndate: 2025\n";
        let idx = LineIndex::new(text);
        let off = text.find("2025").unwrap();
        assert_eq!(idx.position(text, off), Position { line: 3, column: 7 });
        let off = text.find("分享").unwrap();
        assert_eq!(
            idx.position(text, off),
            Position {
                line: 2,
                column: 12
            }
        );
    }

    #[test]
    fn crlf_lines_match_lf_lines() {
        let text = "---\r\ntitle: 标题\r\ndate: x\r\n---\r\n";
        let idx = LineIndex::new(text);
        let off = text.find('x').unwrap();
        assert_eq!(idx.position(text, off), Position { line: 3, column: 7 });
        // The `\r` belongs to the line it ends.
        let cr = text.find("\r\ndate").unwrap();
        assert_eq!(
            idx.position(text, cr),
            Position {
                line: 2,
                column: 10
            }
        );
    }

    #[test]
    fn bom_is_one_character_of_line_one() {
        let text = "\u{feff}---\ntitle: a\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 3), Position { line: 1, column: 2 });
    }

    #[test]
    fn offsets_inside_a_character_or_past_the_end_are_clamped() {
        let text = "标题";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 1), Position { line: 1, column: 1 });
        assert_eq!(idx.position(text, 99), Position { line: 1, column: 3 });
    }
}
