//! Does a front-matter `summary` match the body it was cut from?
//!
//! News sites often keep a `summary` that is the body's first sentence cut after
//! N characters and closed with an ellipsis (`...`, `…` or `……`). [`compare`]
//! classifies a summary against the body's plain text (markup already removed,
//! paragraphs joined by `\n`) into a [`Verdict`]; [`regenerate`] rebuilds such a
//! summary from the body for an autofix.
//!
//! # How text is compared
//!
//! Both sides are turned into a stream of comparison units, lazily and one
//! grapheme cluster at a time:
//!
//! * each grapheme is NFKC-normalised on its own (the same as whole-string NFKC
//!   except for pathological sequences), so full-width and half-width forms
//!   (`，`/`,`, `：`/`:`, `ＡＢＣ`/`ABC`, `１２３`/`123`) compare equal, and so do
//!   `…` and `...`;
//! * the invisible characters U+00AD (soft hyphen), U+200B (zero-width space),
//!   U+2060 (word joiner) and U+FEFF (BOM) are dropped;
//! * a run of whitespace (including `\n`) becomes one space; a run that touches a
//!   CJK character on either side (Han, kana, Hangul, CJK and full-width
//!   punctuation) is ignored entirely, so `中文 文本` == `中文文本` and also
//!   `OpenAI 首席` == `OpenAI首席` (the spacing between CJK and Latin text is a
//!   style choice, not a difference). Leading whitespace is ignored too.
//!
//! Comparison is otherwise exact (case-sensitive). Every count reported is a
//! count of grapheme clusters of the *original* summary text, never bytes and
//! never normalised characters.
//!
//! The body is read only as far as the summary needs (plus a couple of units of
//! look-ahead for the sentence-end check), so the cost of [`compare`] depends on
//! the summary's length, not the body's.
//!
//! # Ellipsis
//!
//! The summary is trimmed, then its end is checked for an ellipsis:
//!
//! * two or more `…` (U+2026) or `⋯` (U+22EF) → [`Ellipsis::Double`];
//! * one `…` or `⋯` → [`Ellipsis::Single`];
//! * a run of three or more dots, where a dot is `.`, `．` (full-width), `。`
//!   or `｡` → [`Ellipsis::Dots3`] (so `。。。` and `......` are accepted as a
//!   three-dot ellipsis; [`Ellipsis::as_str`] and [`regenerate`] always write the
//!   canonical `...`);
//! * one or two dots are sentence punctuation, not an ellipsis.
//!
//! Whitespace between the text and the ellipsis (`"Hello ..."`) is ignored.
//!
//! # Decisions
//!
//! * A summary that is empty, or is only an ellipsis, is [`Verdict::Independent`]:
//!   there is nothing to compare; an empty summary is a job for a schema rule.
//! * A summary that ends with an ellipsis and whose text equals the whole body
//!   is an [`Verdict::Excerpt`] (the ellipsis is superfluous but harmless).
//! * A summary without an ellipsis that is longer than the body, or departs
//!   from it anywhere, is [`Verdict::Independent`].
//! * A summary without an ellipsis that is a prefix of the body ends at a
//!   sentence end ([`Verdict::Sentence`]) when the body ends or starts a new
//!   paragraph right after it, when its last character (ignoring closing quotes
//!   and brackets) is one of `。！？.!?；;`, or when the body's next character
//!   (after at most two closing quotes/brackets) is one of those. A `.` counts
//!   only when it is not directly followed by a letter or digit, so `3.5` and
//!   `example.com` are not sentence ends. Otherwise it is
//!   [`Verdict::TruncatedWithoutEllipsis`].
//! * [`compare`] is exact; whether a `Mismatch` is worth reporting is the caller's call.

use std::iter;
use std::str::Chars;

use unicode_normalization::{IsNormalized, Recompositions, UnicodeNormalization, is_nfkc_quick};
use unicode_segmentation::UnicodeSegmentation;

/// The ellipsis a summary ends with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ellipsis {
    /// `...` (also accepted: any run of three or more `.`, `．`, `。`, `｡`).
    Dots3,
    /// `…` (U+2026, or U+22EF `⋯`).
    Single,
    /// `……` (two or more U+2026 / U+22EF), the usual Chinese ellipsis.
    Double,
}

impl Ellipsis {
    /// The canonical spelling written by [`regenerate`].
    #[must_use]
    pub fn as_str(&self) -> &'static str {
        match self {
            Ellipsis::Dots3 => "...",
            Ellipsis::Single => "…",
            Ellipsis::Double => "……",
        }
    }
}

/// How a summary relates to the body text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Ends with an ellipsis and its text before the ellipsis is a prefix of the body.
    /// `chars` is the grapheme length of that text.
    Excerpt { ellipsis: Ellipsis, chars: usize },
    /// Ends with an ellipsis but departs from the body after `matched` graphemes
    /// (of the summary). `summary_says` / `body_says`: up to 12 graphemes of the
    /// original (not normalised) text from the point where they part; `body_says`
    /// is empty when the body ended first.
    Mismatch {
        ellipsis: Ellipsis,
        matched: usize,
        summary_says: String,
        body_says: String,
    },
    /// No ellipsis, a strict prefix of the body, cut inside a sentence. `chars` is
    /// the grapheme length of the trimmed summary.
    TruncatedWithoutEllipsis { chars: usize },
    /// No ellipsis, equal to the body's first sentence(s) (a prefix ending at a
    /// sentence end) — fine.
    Sentence,
    /// Anything else: an independent abstract — never an error.
    Independent,
}

/// How many graphemes of context `Mismatch` carries.
const CONTEXT_GRAPHEMES: usize = 12;

/// Number of extended grapheme clusters in `s`.
#[must_use]
pub fn grapheme_len(s: &str) -> usize {
    // Text of simple characters only (most summaries) has one grapheme per character.
    if s.chars().all(|c| is_simple(c) && c != '\r') {
        return s.chars().count();
    }
    Graphemes { text: s, pos: 0 }.count()
}

/// Splits a summary into its text before the ellipsis and the ellipsis, if any.
///
/// The summary is trimmed first, and so is the text before the ellipsis.
/// `("", Some(_))` means the summary is only an ellipsis.
#[must_use]
pub fn split_ellipsis(summary: &str) -> (&str, Option<Ellipsis>) {
    let s = summary.trim();
    let (rest, ellipsis) = strip_ellipsis(s);
    match ellipsis {
        Some(e) => (rest.trim_end(), Some(e)),
        None => (s, None),
    }
}

fn strip_ellipsis(s: &str) -> (&str, Option<Ellipsis>) {
    let is_ellipsis_char = |c: char| c == '\u{2026}' || c == '\u{22EF}';
    let is_dot = |c: char| matches!(c, '.' | '\u{FF0E}' | '\u{3002}' | '\u{FF61}');

    let rest = s.trim_end_matches(is_ellipsis_char);
    let n = s[rest.len()..].chars().count();
    if n >= 2 {
        return (rest, Some(Ellipsis::Double));
    }
    if n == 1 {
        return (rest, Some(Ellipsis::Single));
    }
    let rest = s.trim_end_matches(is_dot);
    if s[rest.len()..].chars().count() >= 3 {
        return (rest, Some(Ellipsis::Dots3));
    }
    (s, None)
}

/// Compares a front-matter summary with the body's plain text.
///
/// Comparison happens after NFKC normalisation and whitespace folding (see the
/// module documentation), so full-width vs half-width punctuation and CJK spacing
/// never count as differences. Counts are graphemes of the original summary. The
/// summary is trimmed first.
#[must_use]
pub fn compare(summary: &str, body_text: &str) -> Verdict {
    exact_excerpt(summary, body_text).unwrap_or_else(|| compare_with_stream(summary, body_text).0)
}

/// The common case without normalising: a summary with an ellipsis whose text is, byte for
/// byte, the start of the body (after leading ASCII whitespace), cut where both texts have a
/// grapheme boundary (simple characters on both sides). Identical bytes fold to identical
/// units, so [`compare_with_stream`] would say the same; anything else goes there.
fn exact_excerpt(summary: &str, body_text: &str) -> Option<Verdict> {
    let (text, ellipsis) = split_ellipsis(summary);
    let ellipsis = ellipsis?;
    let body = body_text.trim_start_matches([' ', '\t', '\n', '\r']);
    let rest = body.strip_prefix(text)?;
    let boundary = text.chars().next_back().is_some_and(is_simple)
        && text.chars().next().is_some_and(is_simple)
        && rest.chars().next().is_none_or(is_simple);
    boundary.then(|| Verdict::Excerpt {
        ellipsis,
        chars: grapheme_len(text),
    })
}

/// [`compare`], also returning the body stream (tests check how much of it was read).
fn compare_with_stream<'b>(summary: &str, body_text: &'b str) -> (Verdict, Folded<'b>) {
    let (text, ellipsis) = split_ellipsis(summary);
    let mut body = Folded::new(body_text);
    if text.is_empty() {
        return (Verdict::Independent, body);
    }
    let outcome = match_prefix(text, &mut body);
    let verdict = match (ellipsis, outcome) {
        (Some(ellipsis), Outcome::Prefix { chars, .. }) => Verdict::Excerpt { ellipsis, chars },
        (
            Some(ellipsis),
            Outcome::Departs {
                summary_at,
                body_at,
            },
        ) => Verdict::Mismatch {
            ellipsis,
            matched: summary_at.g,
            summary_says: take_graphemes(&text[summary_at.byte..], CONTEXT_GRAPHEMES),
            body_says: body_at
                .map(|u| take_graphemes(&body_text[u.byte..], CONTEXT_GRAPHEMES))
                .unwrap_or_default(),
        },
        (None, Outcome::Departs { .. }) => Verdict::Independent,
        (None, Outcome::Prefix { last, chars }) => {
            if ends_sentence(last, &mut body) {
                Verdict::Sentence
            } else {
                Verdict::TruncatedWithoutEllipsis { chars }
            }
        }
    };
    (verdict, body)
}

/// A summary regenerated from the body: the first `chars` graphemes of the
/// body's first paragraph (original text, not normalised), with trailing
/// whitespace removed, followed by the canonical spelling of `ellipsis`.
///
/// Leading whitespace and blank lines are skipped. When the first paragraph has
/// no more than `chars` graphemes nothing is cut, and it is returned whole,
/// without an ellipsis ([`compare`] then says [`Verdict::Sentence`] for it).
/// `chars == 0` gives the ellipsis alone.
#[must_use]
pub fn regenerate(body_text: &str, chars: usize, ellipsis: &Ellipsis) -> String {
    let body = body_text.trim_start();
    let paragraph = body.split('\n').next().unwrap_or("").trim_end();
    match paragraph.grapheme_indices(true).nth(chars) {
        None => paragraph.to_string(),
        Some((cut, _)) => {
            let mut out = paragraph[..cut].trim_end().to_string();
            out.push_str(ellipsis.as_str());
            out
        }
    }
}

// ---------------------------------------------------------------------------
// Comparison streams

/// Whether `c` belongs to a CJK script or is CJK / full-width punctuation.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF     // Hangul Jamo
        | 0x2E80..=0x2FDF   // CJK radicals, Kangxi radicals
        | 0x2FF0..=0x303F   // ideographic description, CJK symbols & punctuation
        | 0x3040..=0x33FF   // kana, bopomofo, Hangul compat, kanbun, enclosed, compat
        | 0x3400..=0x4DBF   // CJK ext A
        | 0x4E00..=0x9FFF   // CJK unified ideographs
        | 0xA960..=0xA97F   // Hangul Jamo ext A
        | 0xAC00..=0xD7FF   // Hangul syllables, Jamo ext B
        | 0xF900..=0xFAFF   // CJK compatibility ideographs
        | 0xFE30..=0xFE4F   // CJK compatibility forms
        | 0xFF00..=0xFFEF   // half-width and full-width forms
        | 0x20000..=0x2FA1F // CJK ext B–F, compat supplement
        | 0x30000..=0x323AF // CJK ext G, H
    )
}

/// Invisible characters dropped before comparison.
fn is_ignorable(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

fn is_newline(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Sentence-ending punctuation (after NFKC, plus the full-width originals).
fn is_sentence_end(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '.' | '!' | '?' | '；' | ';' | '．' | '｡'
    )
}

/// Closing quotes and brackets, skipped when looking for a sentence end.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | ')'
            | ']'
            | '}'
            | '\u{2019}' // ’
            | '\u{201D}' // ”
            | '\u{00BB}' // »
            | '\u{300D}' // 」
            | '\u{300F}' // 』
            | '\u{300B}' // 》
            | '\u{3009}' // 〉
            | '\u{3011}' // 】
            | '\u{3015}' // 〕
            | '\u{FF09}' // ）
    )
}

/// One NFKC character with the grapheme it came from.
#[derive(Debug, Clone, Copy)]
struct RawUnit {
    c: char,
    /// Index of the original grapheme.
    g: usize,
    /// Byte offset of the original grapheme.
    byte: usize,
    cjk: bool,
}

/// Characters that are never part of a multi-character grapheme cluster
/// with a neighbour from this set (no Prepend, Extend, SpacingMark, ZWJ,
/// Hangul jamo or regional indicators; CR LF is handled separately).
fn is_simple(c: char) -> bool {
    c.is_ascii()
        || matches!(c,
            '\u{3001}'..='\u{3029}'   // CJK punctuation (before the combining marks)
            | '\u{3041}'..='\u{3096}' // hiragana
            | '\u{30A1}'..='\u{30FA}' // katakana
            | '\u{3400}'..='\u{4DBF}' // CJK ext A
            | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
            | '\u{FF01}'..='\u{FF5E}' // full-width ASCII
        )
}

/// Splits text into extended grapheme clusters like `unicode-segmentation`,
/// with a fast path for runs of ASCII and common CJK characters.
struct Graphemes<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for Graphemes<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let start = self.pos;
        let rest = self.text.get(start..)?;
        let mut chars = rest.chars();
        let c = chars.next()?;
        let simple = is_simple(c)
            && chars
                .next()
                .is_none_or(|n| is_simple(n) && !(c == '\r' && n == '\n'));
        let len = if simple {
            c.len_utf8()
        } else {
            // `start` is a cluster boundary, so segmenting from here is exact.
            rest.graphemes(true).next().map_or(rest.len(), str::len)
        };
        self.pos += len;
        rest.get(..len).map(|g| (start, g))
    }
}

/// Lazily NFKC-normalises text one grapheme at a time.
struct Raw<'a> {
    graphemes: Graphemes<'a>,
    current: Option<(usize, usize, bool, Recompositions<Chars<'a>>)>,
    consumed: usize,
}

impl<'a> Raw<'a> {
    fn new(text: &'a str) -> Self {
        Raw {
            graphemes: Graphemes { text, pos: 0 },
            current: None,
            consumed: 0,
        }
    }
}

impl Iterator for Raw<'_> {
    type Item = RawUnit;

    fn next(&mut self) -> Option<RawUnit> {
        loop {
            if let Some((g, byte, cjk, chars)) = &mut self.current {
                for c in chars.by_ref() {
                    if !is_ignorable(c) {
                        return Some(RawUnit {
                            c,
                            g: *g,
                            byte: *byte,
                            // Full-width letters and digits normalise to ASCII
                            // and are not CJK for spacing; full-width punctuation is.
                            cjk: is_cjk(c) || (*cjk && !c.is_ascii_alphanumeric()),
                        });
                    }
                }
            }
            let (byte, grapheme) = self.graphemes.next()?;
            let g = self.consumed;
            self.consumed += 1;
            let mut chars = grapheme.chars();
            let first = chars.next().unwrap_or(' ');
            let cjk = is_cjk(first);
            // Fast path: a lone character that NFKC leaves alone (ASCII, most
            // CJK) needs no normaliser.
            if chars.next().is_none()
                && (first.is_ascii()
                    || ('\u{4E00}'..='\u{9FFF}').contains(&first) // no decompositions
                    || is_nfkc_quick(iter::once(first)) == IsNormalized::Yes)
            {
                self.current = None;
                if is_ignorable(first) {
                    continue;
                }
                return Some(RawUnit {
                    c: first,
                    g,
                    byte,
                    cjk,
                });
            }
            self.current = Some((g, byte, cjk, grapheme.nfkc()));
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Char(char),
    /// A folded whitespace run; `soft` runs (touching CJK, or leading) are
    /// ignored in comparison.
    Space {
        soft: bool,
        newline: bool,
    },
}

#[derive(Debug, Clone, Copy)]
struct Unit {
    kind: Kind,
    g: usize,
    byte: usize,
}

impl Unit {
    fn is_soft(&self) -> bool {
        matches!(self.kind, Kind::Space { soft: true, .. })
    }

    fn same_as(&self, other: &Unit) -> bool {
        match (self.kind, other.kind) {
            (Kind::Char(a), Kind::Char(b)) => a == b,
            (Kind::Space { .. }, Kind::Space { .. }) => true,
            _ => false,
        }
    }

    fn char(&self) -> Option<char> {
        match self.kind {
            Kind::Char(c) => Some(c),
            Kind::Space { .. } => None,
        }
    }
}

/// Folds whitespace runs of a [`Raw`] stream, with one unit of look-ahead.
/// Trailing whitespace is dropped.
struct Folded<'a> {
    raw: Raw<'a>,
    /// A raw unit read ahead while folding whitespace.
    pending: Option<RawUnit>,
    /// CJK-ness of the previous non-space unit; `None` at the start.
    prev_cjk: Option<bool>,
    /// A folded unit read ahead by [`Folded::peek`].
    peeked: Option<Option<Unit>>,
}

impl<'a> Folded<'a> {
    fn new(text: &'a str) -> Self {
        Folded {
            raw: Raw::new(text),
            pending: None,
            prev_cjk: None,
            peeked: None,
        }
    }

    /// Graphemes of the original text read so far (including look-ahead).
    fn graphemes_read(&self) -> usize {
        self.raw.consumed
    }

    fn next_raw(&mut self) -> Option<RawUnit> {
        self.pending.take().or_else(|| self.raw.next())
    }

    fn peek_raw(&mut self) -> Option<RawUnit> {
        if self.pending.is_none() {
            self.pending = self.raw.next();
        }
        self.pending
    }

    fn peek(&mut self) -> Option<&Unit> {
        if self.peeked.is_none() {
            let next = self.fold_next();
            self.peeked = Some(next);
        }
        self.peeked.as_ref().and_then(Option::as_ref)
    }

    fn fold_next(&mut self) -> Option<Unit> {
        let first = self.next_raw()?;
        if !first.c.is_whitespace() {
            self.prev_cjk = Some(first.cjk);
            return Some(Unit {
                kind: Kind::Char(first.c),
                g: first.g,
                byte: first.byte,
            });
        }
        let mut newline = is_newline(first.c);
        let next_cjk = loop {
            let next = self.peek_raw()?;
            if !next.c.is_whitespace() {
                break next.cjk;
            }
            newline |= is_newline(next.c);
            self.pending = None;
        };
        let soft = self.prev_cjk.is_none_or(|prev| prev || next_cjk);
        Some(Unit {
            kind: Kind::Space { soft, newline },
            g: first.g,
            byte: first.byte,
        })
    }
}

impl Iterator for Folded<'_> {
    type Item = Unit;

    fn next(&mut self) -> Option<Unit> {
        match self.peeked.take() {
            Some(unit) => unit,
            None => self.fold_next(),
        }
    }
}

enum Outcome {
    /// The whole summary text matched; `last` is the last significant summary
    /// character (ignoring closing quotes and brackets), `chars` the summary's
    /// grapheme count.
    Prefix { last: Option<char>, chars: usize },
    /// The streams part at `summary_at` (a summary unit) and `body_at` (`None`
    /// when the body ended first).
    Departs {
        summary_at: Unit,
        body_at: Option<Unit>,
    },
}

fn next_hard(it: &mut impl Iterator<Item = Unit>) -> Option<Unit> {
    it.find(|u| !u.is_soft())
}

fn match_prefix(text: &str, body: &mut Folded<'_>) -> Outcome {
    let mut summary = Folded::new(text);
    let mut last = None;
    while let Some(s) = next_hard(&mut summary) {
        match next_hard(body) {
            Some(b) if s.same_as(&b) => {
                if let Some(c) = s.char().filter(|&c| !is_closer(c)) {
                    last = Some(c);
                }
            }
            body_at => {
                return Outcome::Departs {
                    summary_at: s,
                    body_at,
                };
            }
        }
    }
    Outcome::Prefix {
        last,
        chars: summary.graphemes_read(),
    }
}

/// Whether a summary that matched a prefix of the body ends at a sentence end.
fn ends_sentence(last: Option<char>, body: &mut Folded<'_>) -> bool {
    // End of text or paragraph right after the summary.
    let next = loop {
        match body.next() {
            None => return true,
            Some(Unit {
                kind: Kind::Space { newline: true, .. },
                ..
            }) => return true,
            Some(u) if u.is_soft() => continue,
            Some(u) => break u,
        }
    };
    let not_alnum = |u: Option<&Unit>| !u.and_then(Unit::char).is_some_and(char::is_alphanumeric);

    // The summary's own last character ends a sentence.
    if let Some(c) = last {
        if is_sentence_end(c) && (c != '.' || not_alnum(Some(&next))) {
            return true;
        }
    }

    // The body's next character (after up to two closers) ends a sentence, or
    // the text or paragraph ends after those closers.
    let mut candidate = next;
    for _ in 0..2 {
        if candidate.char().is_some_and(is_closer) {
            match body.next() {
                Some(u) => candidate = u,
                None => return true,
            }
        }
    }
    match candidate.kind {
        Kind::Char(c) if is_sentence_end(c) => c != '.' || not_alnum(body.peek()),
        Kind::Space { newline, .. } => newline,
        Kind::Char(_) => false,
    }
}

fn take_graphemes(s: &str, n: usize) -> String {
    match s.grapheme_indices(true).nth(n) {
        Some((end, _)) => s[..end].to_string(),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUMMARY: &str = "2月10日消息，美国当地时间周日，OpenAI首席执行官山姆··奥特曼在个人博客上发文，阐述了对人工...";
    const BODY: &str = "2月10日消息，美国当地时间周日，OpenAI首席执行官山姆··奥特曼在个人博客上发文，阐述了对人工智能经济学的三点观察：\n第一，AI 模型的智能大致等于训练和运行它所用资源的对数。";

    #[test]
    fn news_example_is_excerpt() {
        let pre = SUMMARY.trim_end_matches('.');
        assert_eq!(
            compare(SUMMARY, BODY),
            Verdict::Excerpt {
                ellipsis: Ellipsis::Dots3,
                chars: grapheme_len(pre)
            }
        );
    }

    #[test]
    fn one_changed_character_is_mismatch_at_its_index() {
        // Change "博客" to "网站" in the body: the first changed grapheme is "博".
        let body = BODY.replacen("博客", "网站", 1);
        let index = grapheme_len(&BODY[..BODY.find("博客").unwrap()]);
        let v = compare(SUMMARY, &body);
        match &v {
            Verdict::Mismatch {
                ellipsis,
                matched,
                summary_says,
                body_says,
            } => {
                assert_eq!(*ellipsis, Ellipsis::Dots3);
                assert_eq!(*matched, index);
                assert_eq!(summary_says, "博客上发文，阐述了对人工");
                assert_eq!(body_says, "网站上发文，阐述了对人工");
            }
            other => panic!("expected Mismatch, got {other:?}"),
        }
    }

    #[test]
    fn unrelated_abstract_is_small_mismatch_not_excerpt() {
        let summary = "本文介绍了使用Envoy来加速Monzo...";
        let body = "本文作者在伦敦一家银行工作，负责支付系统的可观测性建设。\n第二段。";
        let v = compare(summary, body);
        match &v {
            Verdict::Mismatch {
                matched,
                summary_says,
                body_says,
                ..
            } => {
                assert_eq!(*matched, 2);
                assert_eq!(summary_says, "介绍了使用Envoy来加");
                assert_eq!(body_says, "作者在伦敦一家银行工作，");
            }
            other => panic!("expected Mismatch, got {other:?}"),
        }
    }

    #[test]
    fn full_width_and_half_width_punctuation_match() {
        let summary = "ＯｐｅｎＡＩ：发布，新模型（ＧＰＴ－５）于２０２５年…";
        let body = "OpenAI: 发布,新模型(GPT-5)于2025年8月上线。";
        assert_eq!(
            compare(summary, body),
            Verdict::Excerpt {
                ellipsis: Ellipsis::Single,
                chars: grapheme_len(summary) - 1
            }
        );
        // And the other way round.
        let summary = "OpenAI: 发布, 新模型...";
        let body = "ＯｐｅｎＡＩ：发布，新模型（ＧＰＴ－５）";
        assert!(matches!(
            compare(summary, body),
            Verdict::Excerpt {
                ellipsis: Ellipsis::Dots3,
                chars: 15
            }
        ));
    }

    #[test]
    fn latin_whitespace_runs_fold() {
        assert_eq!(
            compare("Hello world...", "Hello  world, and more"),
            Verdict::Excerpt {
                ellipsis: Ellipsis::Dots3,
                chars: 11
            }
        );
        assert_eq!(
            compare("Hello world...", "Hello\nworld, and more"),
            Verdict::Excerpt {
                ellipsis: Ellipsis::Dots3,
                chars: 11
            }
        );
        // Whitespace is not invented where there is none.
        assert!(matches!(
            compare("Hello world...", "Helloworld, and more"),
            Verdict::Mismatch { matched: 5, .. }
        ));
    }

    #[test]
    fn cjk_spacing_is_ignored() {
        assert!(matches!(
            compare("中文 文本是一种……", "中文文本是一种书写系统"),
            Verdict::Excerpt {
                ellipsis: Ellipsis::Double,
                chars: 8
            }
        ));
        assert!(matches!(
            compare("中文文本是一种……", "中文 文本 是一种书写系统"),
            Verdict::Excerpt {
                ellipsis: Ellipsis::Double,
                chars: 7
            }
        ));
        assert!(matches!(
            compare("使用 Envoy 加速…", "使用Envoy加速服务"),
            Verdict::Excerpt {
                ellipsis: Ellipsis::Single,
                ..
            }
        ));
    }

    #[test]
    fn cjk_double_ellipsis() {
        let summary = "  今天天气很好，我们去公园……  ";
        let body = "今天天气很好，我们去公园散步。";
        assert_eq!(
            compare(summary, body),
            Verdict::Excerpt {
                ellipsis: Ellipsis::Double,
                chars: 12
            }
        );
        assert_eq!(split_ellipsis("abc……"), ("abc", Some(Ellipsis::Double)));
        assert_eq!(split_ellipsis("abc………"), ("abc", Some(Ellipsis::Double)));
        assert_eq!(split_ellipsis("abc⋯⋯"), ("abc", Some(Ellipsis::Double)));
    }

    #[test]
    fn ellipsis_spellings() {
        assert_eq!(split_ellipsis("abc..."), ("abc", Some(Ellipsis::Dots3)));
        assert_eq!(split_ellipsis("abc ..."), ("abc", Some(Ellipsis::Dots3)));
        assert_eq!(split_ellipsis("abc......"), ("abc", Some(Ellipsis::Dots3)));
        assert_eq!(split_ellipsis("abc。。。"), ("abc", Some(Ellipsis::Dots3)));
        assert_eq!(split_ellipsis("abc．．．"), ("abc", Some(Ellipsis::Dots3)));
        assert_eq!(split_ellipsis("abc…"), ("abc", Some(Ellipsis::Single)));
        assert_eq!(split_ellipsis("abc.."), ("abc..", None));
        assert_eq!(split_ellipsis("abc."), ("abc.", None));
        assert_eq!(split_ellipsis("abc"), ("abc", None));
        assert_eq!(split_ellipsis("..."), ("", Some(Ellipsis::Dots3)));
        assert_eq!(split_ellipsis(""), ("", None));
        // `。。。` compares like `...`.
        assert!(matches!(
            compare("今天天气很好。。。", "今天天气很好，我们去公园。"),
            Verdict::Excerpt {
                ellipsis: Ellipsis::Dots3,
                chars: 6
            }
        ));
        // A `…` in the body equals `...` in the summary text (NFKC).
        assert!(matches!(
            compare("Wait... what…", "Wait… what is this"),
            Verdict::Excerpt {
                ellipsis: Ellipsis::Single,
                chars: 12
            }
        ));
    }

    #[test]
    fn empty_pre_ellipsis_text_is_independent() {
        assert_eq!(compare("...", BODY), Verdict::Independent);
        assert_eq!(compare(" … ", BODY), Verdict::Independent);
        assert_eq!(compare("", BODY), Verdict::Independent);
        assert_eq!(compare("   ", ""), Verdict::Independent);
    }

    #[test]
    fn whole_body_with_ellipsis_is_excerpt() {
        assert_eq!(
            compare("Short body...", "Short body"),
            Verdict::Excerpt {
                ellipsis: Ellipsis::Dots3,
                chars: 10
            }
        );
        assert_eq!(
            compare("Short body.…", "Short body.\n"),
            Verdict::Excerpt {
                ellipsis: Ellipsis::Single,
                chars: 11
            }
        );
    }

    #[test]
    fn summary_longer_than_body() {
        let v = compare("Short body and more...", "Short body");
        assert_eq!(
            v,
            Verdict::Mismatch {
                ellipsis: Ellipsis::Dots3,
                matched: 10,
                summary_says: " and more".to_string(),
                body_says: String::new(),
            }
        );
        assert_eq!(
            compare("Short body and more", "Short body"),
            Verdict::Independent
        );
        assert!(matches!(
            compare("abc...", ""),
            Verdict::Mismatch { matched: 0, .. }
        ));
    }

    #[test]
    fn truncated_without_ellipsis() {
        assert_eq!(
            compare("Hello world", "Hello world and more."),
            Verdict::TruncatedWithoutEllipsis { chars: 11 }
        );
        assert_eq!(
            compare("Hello", "Hello, world."),
            Verdict::TruncatedWithoutEllipsis { chars: 5 }
        );
        assert_eq!(
            compare("2月10日消息，美国当地时间周日", BODY),
            Verdict::TruncatedWithoutEllipsis { chars: 16 }
        );
        // A `.` followed by a digit or letter is not a sentence end.
        assert_eq!(
            compare("Version 3", "Version 3.5 is out."),
            Verdict::TruncatedWithoutEllipsis { chars: 9 }
        );
        assert_eq!(
            compare("See example.", "See example.com for more."),
            Verdict::TruncatedWithoutEllipsis { chars: 12 }
        );
    }

    #[test]
    fn sentence() {
        // Ends right before sentence punctuation.
        assert_eq!(
            compare("Hello world", "Hello world. More."),
            Verdict::Sentence
        );
        assert_eq!(
            compare("今天天气很好", "今天天气很好！我们去公园。"),
            Verdict::Sentence
        );
        assert_eq!(
            compare("今天天气很好", "今天天气很好; 我们去公园。"),
            Verdict::Sentence
        );
        // Ends with its own sentence punctuation.
        assert_eq!(
            compare("今天天气很好。", "今天天气很好。我们去公园。"),
            Verdict::Sentence
        );
        assert_eq!(
            compare("他说：“好。”", "他说：“好。”然后走了。"),
            Verdict::Sentence
        );
        assert_eq!(
            compare("Hello world.", "Hello world. More."),
            Verdict::Sentence
        );
        // Closing quote before the body's period.
        assert_eq!(
            compare("He said \"hi", "He said \"hi\". Then left."),
            Verdict::Sentence
        );
        assert_eq!(compare("He said \"hi", "He said \"hi\""), Verdict::Sentence);
        assert_eq!(
            compare("他说“好", "他说“好”\n然后走了。"),
            Verdict::Sentence
        );
        assert_eq!(
            compare("He said \"hi", "He said \"hi\" and left."),
            Verdict::TruncatedWithoutEllipsis { chars: 11 }
        );
        // End of paragraph and end of text.
        assert_eq!(compare("标题", "标题\n正文内容。"), Verdict::Sentence);
        assert_eq!(compare("Title", "Title\r\nBody text."), Verdict::Sentence);
        assert_eq!(
            compare("The whole body", "The whole body"),
            Verdict::Sentence
        );
        assert_eq!(
            compare("The whole body", "  The whole body \n\n"),
            Verdict::Sentence
        );
        // Full-width summary vs half-width body.
        assert_eq!(compare("ＯＫ，好的！", "OK,好的!再见。"), Verdict::Sentence);
    }

    #[test]
    fn independent_without_ellipsis() {
        assert_eq!(
            compare("An overview of the release.", BODY),
            Verdict::Independent
        );
        assert_eq!(compare("hello world", "Hello world."), Verdict::Independent);
    }

    #[test]
    fn counts_are_graphemes() {
        assert_eq!(grapheme_len(""), 0);
        assert_eq!(grapheme_len("e\u{301}"), 1);
        assert_eq!(grapheme_len("👨‍👩‍👧"), 1);
        assert_eq!(grapheme_len("中文"), 2);
        assert_eq!(grapheme_len("\r\n"), 1);
        let v = compare("👨‍👩‍👧 family café…", "👨‍👩‍👧 family cafe\u{301} photos");
        assert_eq!(
            v,
            Verdict::Excerpt {
                ellipsis: Ellipsis::Single,
                chars: 13
            }
        );
        let v = compare("👍🏽 é x...", "👍🏽 é y");
        assert!(matches!(v, Verdict::Mismatch { matched: 4, .. }), "{v:?}");
    }

    #[test]
    fn nfkc_expansion_keeps_grapheme_counts() {
        // "㈱" (1 grapheme) normalises to "(株)"; a departure inside it reports
        // the index of the whole grapheme.
        let v = compare("ab㈱cd...", "ab(株]cd");
        match v {
            Verdict::Mismatch {
                matched,
                summary_says,
                body_says,
                ..
            } => {
                assert_eq!(matched, 2);
                assert_eq!(summary_says, "㈱cd");
                // The body side starts where the body departs.
                assert_eq!(body_says, "]cd");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            compare("ab㈱cd...", "ab(株)cdef"),
            Verdict::Excerpt {
                ellipsis: Ellipsis::Dots3,
                chars: 5
            }
        );
    }

    #[test]
    fn invisible_characters_are_ignored() {
        assert!(matches!(
            compare("\u{FEFF}Hello wor…", "Hel\u{200B}lo\u{00AD} world"),
            // The BOM is not whitespace, so it is not trimmed and is counted.
            Verdict::Excerpt { chars: 10, .. }
        ));
    }

    #[test]
    fn mismatch_context_is_original_text() {
        let v = compare("Ｈｅｌｌｏ there, friend of mine...", "Hello here, friend");
        match v {
            Verdict::Mismatch {
                matched,
                summary_says,
                body_says,
                ..
            } => {
                assert_eq!(matched, 6);
                assert_eq!(summary_says, "there, frien");
                assert_eq!(body_says, "here, friend");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn regenerate_cuts_first_paragraph() {
        assert_eq!(regenerate(BODY, 30, &Ellipsis::Dots3), {
            let p: String = BODY.graphemes(true).take(30).collect();
            p + "..."
        });
        assert_eq!(
            regenerate("\n\n  Hello world, and more\nSecond", 6, &Ellipsis::Single),
            "Hello…"
        );
        // Short paragraph: nothing cut, no ellipsis.
        assert_eq!(
            regenerate("Short.\nSecond paragraph", 40, &Ellipsis::Double),
            "Short."
        );
        assert_eq!(regenerate("Short.", 6, &Ellipsis::Double), "Short.");
        assert_eq!(regenerate("Short.", 5, &Ellipsis::Double), "Short……");
        assert_eq!(regenerate("abc", 0, &Ellipsis::Dots3), "...");
        assert_eq!(regenerate("", 10, &Ellipsis::Dots3), "");
        // Graphemes, not chars.
        assert_eq!(
            regenerate("e\u{301}e\u{301}e\u{301}", 2, &Ellipsis::Single),
            "e\u{301}e\u{301}…"
        );
    }

    #[test]
    fn regenerate_round_trips_through_compare() {
        for n in [1, 5, 20, 40, 55] {
            for e in [Ellipsis::Dots3, Ellipsis::Single, Ellipsis::Double] {
                let s = regenerate(BODY, n, &e);
                let (pre, _) = split_ellipsis(&s);
                assert_eq!(
                    compare(&s, BODY),
                    Verdict::Excerpt {
                        ellipsis: e.clone(),
                        chars: grapheme_len(pre)
                    },
                    "{s}"
                );
            }
        }
    }

    #[test]
    fn reads_the_body_lazily() {
        let mut body = String::from(BODY);
        let tail = "很长的正文。".repeat(200_000);
        body.push_str(&tail);
        let read = |summary: &str| {
            let (v, stream) = compare_with_stream(summary, &body);
            (v, stream.graphemes_read())
        };
        let (v, read_summary) = read(SUMMARY);
        assert!(matches!(v, Verdict::Excerpt { .. }));
        assert!(
            read_summary <= grapheme_len(SUMMARY) + 3,
            "read {read_summary} graphemes"
        );

        let (v, n) = read("2月10日消息");
        assert_eq!(v, Verdict::TruncatedWithoutEllipsis { chars: 7 });
        assert!(n <= 12, "read {n} graphemes");

        // A long whitespace-free mismatch stops at the first difference.
        let (v, n) = read("XYZ...");
        assert!(matches!(v, Verdict::Mismatch { matched: 0, .. }));
        assert!(n <= 2, "read {n} graphemes");
    }

    #[test]
    fn exact_excerpt_agrees_with_the_full_comparison() {
        let pool = [
            "中文", "。", "，", " ", "\n", "a", "e\u{301}", "\u{301}", "ａ", "…", "...",
            "\u{200B}", "\u{AD}", "OpenAI", "👍🏽", "\r\n", "\u{3000}", "：", ":", "é",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut taken = 0;
        for _ in 0..20_000 {
            let body: String = (0..next(12)).map(|_| pool[next(pool.len())]).collect();
            let cut = (0..=body.len())
                .filter(|&i| body.is_char_boundary(i))
                .nth(next(body.chars().count() + 1))
                .unwrap_or(0);
            let ellipsis = ["...", "…", "……", ""][next(4)];
            let summary = format!("{}{ellipsis}", &body[..cut]);
            if let Some(fast) = exact_excerpt(&summary, &body) {
                taken += 1;
                assert_eq!(
                    fast,
                    compare_with_stream(&summary, &body).0,
                    "{summary:?} / {body:?}"
                );
            }
        }
        assert!(taken > 1_000, "fast path taken {taken} times");
    }

    #[test]
    fn fast_grapheme_split_agrees_with_unicode_segmentation() {
        let texts = [
            BODY,
            SUMMARY,
            "a\r\nb\rc\n\r\n",
            "e\u{301}x\u{301}\u{302}中\u{301}",
            "か\u{3099}き\u{309A}カ\u{3099}",
            "漢\u{FE0E}字\u{E0100}。\u{302A}",
            "👨\u{200D}👩\u{200D}👧a👍🏽b🇨🇳🇺🇸🇯c",
            "\u{1100}\u{1161}\u{11A8}가\u{11A8}각a",
            "\u{0600}1\u{0600}a",
            "क्षि a नमस्ते",
            "ａ\u{301}Ａ，\u{200D}x",
            "\u{0}\u{1}\u{7F}\u{85}\u{2028}",
            "",
        ];
        for text in texts {
            let ours: Vec<_> = Graphemes { text, pos: 0 }.collect();
            let theirs: Vec<_> = text.grapheme_indices(true).collect();
            assert_eq!(ours, theirs, "{text:?}");
            assert_eq!(grapheme_len(text), theirs.len(), "{text:?}");
        }
        // Pseudo-random mixes of simple and cluster-forming characters.
        let pool = [
            'a', ' ', '\r', '\n', '中', '。', '，', 'か', 'Ａ', '\u{301}', '\u{3099}', '\u{302A}',
            '\u{200D}', '\u{FE0F}', '👍', '🏽', '🇨', '🇳', '\u{1100}', '\u{1161}', '\u{11A8}', '가',
            '\u{0600}', 'क', '\u{94D}', '\u{93F}', '\u{0}', '…',
        ];
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..3_000 {
            let mut text = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 12) as usize;
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push(pool[(seed % pool.len() as u64) as usize]);
            }
            let ours: Vec<_> = Graphemes {
                text: &text,
                pos: 0,
            }
            .collect();
            let theirs: Vec<_> = text.grapheme_indices(true).collect();
            assert_eq!(ours, theirs, "{text:?}");
            assert_eq!(grapheme_len(&text), theirs.len(), "{text:?}");
        }
    }

    #[test]
    fn no_panics_on_odd_input() {
        let long = "ab ".repeat(10_000);
        let samples: Vec<String> = vec![
            String::new(),
            " ".into(),
            "\n\n\n".into(),
            "...".into(),
            "……".into(),
            "。。。。".into(),
            "\u{301}\u{301}\u{301}".into(),
            "\u{200D}\u{FE0F}".into(),
            "\u{0}\u{1}\u{7F}".into(),
            "\u{FEFF}".into(),
            "\u{202E}עברית\u{202C} עברית…".into(),
            "🏳️‍🌈🏳️‍🌈…".into(),
            "\u{10FFFF}\u{E000}".into(),
            "ﷺ ﷻ ㈱ ﬁ …".into(),
            "\r\n\r".into(),
            " \u{301}x".into(),
            "a\u{3000}b\u{00A0}c".into(),
            long.clone(),
            long.clone() + "...",
            SUMMARY.into(),
            BODY.into(),
        ];
        for s in &samples {
            for b in &samples {
                let _ = compare(s, b);
                for e in [Ellipsis::Dots3, Ellipsis::Single, Ellipsis::Double] {
                    let _ = regenerate(b, 3, &e);
                }
            }
        }
        // Random mixes: no panics, and counts stay within the summary.
        let pool = [
            "a", " ", "\n", "中", "。", "，", "...", "…", "Ａ", "\u{301}", "👍🏽", "\u{200D}", "㈱",
            ".", "”", "\u{FEFF}", "\u{3000}", "1",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % 1_000) as usize
        };
        for _ in 0..3_000 {
            let body: String = (0..next() % 16)
                .map(|_| pool[next() % pool.len()])
                .collect();
            let summary: String = if next() % 2 == 0 {
                let cut: String = body.graphemes(true).take(next() % 10).collect();
                cut + pool[next() % pool.len()] + pool[next() % pool.len()]
            } else {
                (0..next() % 10)
                    .map(|_| pool[next() % pool.len()])
                    .collect()
            };
            let pre = grapheme_len(split_ellipsis(&summary).0);
            match compare(&summary, &body) {
                Verdict::Excerpt { chars, .. } => assert_eq!(chars, pre, "{summary:?}"),
                Verdict::Mismatch { matched, .. } => assert!(matched < pre, "{summary:?}"),
                Verdict::TruncatedWithoutEllipsis { chars } => {
                    assert_eq!(chars, grapheme_len(summary.trim()), "{summary:?}")
                }
                Verdict::Sentence | Verdict::Independent => {}
            }
            let _ = regenerate(&body, next() % 8, &Ellipsis::Single);
        }
        assert!(matches!(
            compare(&(long.clone() + "..."), &long),
            Verdict::Excerpt { .. }
        ));
        assert_eq!(compare(&long, &long), Verdict::Sentence);
        let huge = "中文 ".repeat(300_000);
        assert!(matches!(
            compare(&(huge.clone() + "…"), &huge),
            Verdict::Excerpt { .. }
        ));
    }
}
