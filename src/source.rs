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

    /// The positions of many byte offsets, in their order, in one pass over the text: the
    /// offsets are sorted, then each column is counted on from the previous offset when it is on
    /// the same line. Time is linear in the text plus `k log k` for `k` offsets, however many
    /// fall on one long line ([`LineIndex::position`] alone counts from the line start each
    /// time: quadratic for 200,000 diagnostics on one line).
    pub fn positions(&self, text: &str, offsets: &[usize]) -> Vec<Position> {
        let mut order: Vec<(usize, usize)> = offsets
            .iter()
            .enumerate()
            .map(|(i, &o)| (floor_char_boundary(text, o), i))
            .collect();
        order.sort_unstable();
        let mut out = vec![Position { line: 1, column: 1 }; offsets.len()];
        // The last offset placed: its line, its byte offset and its column.
        let mut at: Option<(usize, usize, usize)> = None;
        for (offset, i) in order {
            let line = self.line_of(offset);
            let start = self.starts[line].min(offset);
            let (from, column) = match at {
                Some((l, o, c)) if l == line && o >= start && o <= offset => (o, c),
                _ => (start, 1),
            };
            let column = column + text[from..offset].chars().count();
            at = Some((line, offset, column));
            out[i] = Position {
                line: line + 1,
                column,
            };
        }
        out
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

/// The number of characters before each byte offset (SARIF's `charOffset`), in one pass like
/// [`LineIndex::positions`].
pub fn char_offsets(text: &str, offsets: &[usize]) -> Vec<usize> {
    let mut order: Vec<(usize, usize)> = offsets
        .iter()
        .enumerate()
        .map(|(i, &o)| (floor_char_boundary(text, o), i))
        .collect();
    order.sort_unstable();
    let mut out = vec![0; offsets.len()];
    let (mut at, mut chars) = (0, 0);
    for (offset, i) in order {
        chars += text[at..offset].chars().count();
        at = offset;
        out[i] = chars;
    }
    out
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
    fn many_positions_match_one_at_a_time() {
        let text = "---\r\n标题: a\r\ntags: [标签, b, 标签]\r\n---\r\n正文 [x]() 😀 [y]()\n";
        let idx = LineIndex::new(text);
        // Every offset, some twice, in scrambled order, inside characters and past the end.
        let mut offsets: Vec<usize> = (0..=text.len() + 3).collect();
        offsets.extend((0..text.len()).step_by(3));
        offsets.reverse();
        offsets.rotate_left(7);
        let many = idx.positions(text, &offsets);
        for (o, p) in offsets.iter().zip(&many) {
            assert_eq!(*p, idx.position(text, *o), "offset {o}");
        }
        let chars = char_offsets(text, &offsets);
        for (o, c) in offsets.iter().zip(&chars) {
            let b = floor_char_boundary(text, *o);
            assert_eq!(*c, text[..b].chars().count(), "offset {o}");
        }
    }

    #[test]
    fn many_offsets_on_one_long_line() {
        // `scripts/scaling.sh` checks the time grows linearly; this checks the values.
        let text = format!("标题{}", "[a]() ".repeat(20_000));
        let idx = LineIndex::new(&text);
        let offsets: Vec<usize> = (0..20_000).rev().map(|i| 6 + i * 6).collect();
        let many = idx.positions(&text, &offsets);
        assert_eq!(
            many[0],
            Position {
                line: 1,
                column: 3 + 19_999 * 6
            }
        );
        assert_eq!(many[19_999], Position { line: 1, column: 3 });
        let chars = char_offsets(&text, &offsets);
        assert_eq!((chars[0], chars[19_999]), (2 + 19_999 * 6, 2));
    }

    #[test]
    fn offsets_inside_a_character_or_past_the_end_are_clamped() {
        let text = "标题";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 1), Position { line: 1, column: 1 });
        assert_eq!(idx.position(text, 99), Position { line: 1, column: 3 });
    }
}
