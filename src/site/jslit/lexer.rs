//! Tokens of JavaScript and TypeScript: comments, strings, template literals, regular
//! expressions, numbers, identifiers and punctuation.

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Ident(String),
    Str(String),
    /// A template literal with `${}`: not a literal.
    Template,
    Num(String),
    /// A regular expression literal.
    Regex,
    /// Punctuation: `{`, `}`, `(`, `)`, `[`, `]`, `,`, `:`, `;`, `.`, `=`, `?`, `...`, `=>`,
    /// `<`, `>`, and any other operator as written.
    P(&'static str),
}

const PUNCTS: &[&str] = &[
    ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=", "=>", "==", "!=",
    "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
    "**", "<<", ">>", "{", "}", "(", ")", "[", "]", ",", ":", ";", ".", "=", "?", "<", ">", "+",
    "-", "*", "/", "%", "&", "|", "^", "!", "~", "@", "#",
];

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || c == '$' || (!c.is_ascii() && c.is_alphabetic())
}

fn is_ident_char(c: char) -> bool {
    is_ident_start(c) || c.is_ascii_digit() || (!c.is_ascii() && c.is_alphanumeric())
}

/// Whether a `/` after this token starts a regular expression (an expression is expected).
fn regex_allowed(prev: Option<&Tok>) -> bool {
    match prev {
        None => true,
        Some(Tok::P(p)) => !matches!(*p, ")" | "]" | "}"),
        Some(Tok::Ident(w)) => matches!(
            w.as_str(),
            "return"
                | "typeof"
                | "instanceof"
                | "in"
                | "of"
                | "new"
                | "delete"
                | "void"
                | "throw"
                | "case"
                | "do"
                | "else"
                | "yield"
                | "await"
        ),
        Some(_) => false,
    }
}

pub(super) fn tokenize(src: &str) -> Vec<Tok> {
    let chars: Vec<char> = src.chars().collect();
    let n = chars.len();
    let mut out: Vec<Tok> = Vec::new();
    let mut i = 0;
    while i < n {
        let c = chars[i];
        if c.is_whitespace() || c == '\u{feff}' {
            i += 1;
            continue;
        }
        // Comments.
        if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < n && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '/' && chars.get(i + 1) == Some(&'*') {
            i += 2;
            while i < n && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            i = (i + 2).min(n);
            continue;
        }
        // `#!` on the first line.
        if c == '#' && i == 0 && chars.get(1) == Some(&'!') {
            while i < n && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '"' || c == '\'' {
            let (s, next) = string(&chars, i + 1, c);
            out.push(Tok::Str(s));
            i = next;
            continue;
        }
        if c == '`' {
            let (tok, next) = template(&chars, i + 1);
            out.push(tok);
            i = next;
            continue;
        }
        if c.is_ascii_digit() || (c == '.' && chars.get(i + 1).is_some_and(char::is_ascii_digit)) {
            let start = i;
            while i < n && (chars[i].is_ascii_alphanumeric() || chars[i] == '.' || chars[i] == '_')
            {
                // An exponent sign.
                if matches!(chars[i], 'e' | 'E')
                    && matches!(chars.get(i + 1), Some('+' | '-'))
                    && !chars[start..i].iter().any(|c| matches!(c, 'x' | 'X'))
                {
                    i += 1;
                }
                i += 1;
            }
            out.push(Tok::Num(chars[start..i].iter().collect()));
            continue;
        }
        if is_ident_start(c) || c == '\\' {
            let start = i;
            i += 1;
            while i < n && is_ident_char(chars[i]) {
                i += 1;
            }
            out.push(Tok::Ident(chars[start..i].iter().collect()));
            continue;
        }
        if c == '/' && regex_allowed(out.last()) {
            i += 1;
            let mut class = false;
            while i < n && chars[i] != '\n' {
                match chars[i] {
                    '\\' => i += 1,
                    '[' => class = true,
                    ']' => class = false,
                    '/' if !class => break,
                    _ => {}
                }
                i += 1;
            }
            i += 1;
            while i < n && is_ident_char(chars[i]) {
                i += 1;
            }
            out.push(Tok::Regex);
            continue;
        }
        let rest = &chars[i..];
        let p = PUNCTS
            .iter()
            .find(|p| {
                p.chars()
                    .enumerate()
                    .all(|(k, pc)| rest.get(k) == Some(&pc))
            })
            .copied();
        match p {
            Some(p) => {
                out.push(Tok::P(p));
                i += p.chars().count();
            }
            None => {
                out.push(Tok::P("?unknown"));
                i += 1;
            }
        }
    }
    out
}

/// A quoted string from `i` (after the quote) to its closing `quote`.
fn string(chars: &[char], mut i: usize, quote: char) -> (String, usize) {
    let mut s = String::new();
    while i < chars.len() {
        let c = chars[i];
        if c == quote {
            return (s, i + 1);
        }
        if c == '\n' {
            // An unterminated string ends at the line.
            return (s, i);
        }
        if c == '\\' {
            i += 1;
            i = escape(chars, i, &mut s);
            continue;
        }
        s.push(c);
        i += 1;
    }
    (s, i)
}

/// One escape sequence at `i` (after the backslash); the index after it.
fn escape(chars: &[char], i: usize, s: &mut String) -> usize {
    let Some(&c) = chars.get(i) else { return i };
    let hex = |from: usize, len: usize| -> Option<u32> {
        let t: String = chars.get(from..from + len)?.iter().collect();
        u32::from_str_radix(&t, 16).ok()
    };
    match c {
        'n' => s.push('\n'),
        't' => s.push('\t'),
        'r' => s.push('\r'),
        'b' => s.push('\u{8}'),
        'f' => s.push('\u{c}'),
        'v' => s.push('\u{b}'),
        '0' => s.push('\0'),
        '\r' => {
            return if chars.get(i + 1) == Some(&'\n') {
                i + 2
            } else {
                i + 1
            };
        }
        '\n' | '\u{2028}' | '\u{2029}' => {}
        'x' => {
            if let Some(v) = hex(i + 1, 2).and_then(char::from_u32) {
                s.push(v);
                return i + 3;
            }
            s.push('x');
        }
        'u' => {
            if chars.get(i + 1) == Some(&'{') {
                let end = chars[i + 2..]
                    .iter()
                    .position(|&c| c == '}')
                    .map(|p| i + 2 + p);
                if let Some(end) = end {
                    let t: String = chars[i + 2..end].iter().collect();
                    if let Some(v) = u32::from_str_radix(&t, 16).ok().and_then(char::from_u32) {
                        s.push(v);
                    }
                    return end + 1;
                }
            } else if let Some(v) = hex(i + 1, 4) {
                // A surrogate pair written as two escapes.
                if (0xD800..0xDC00).contains(&v)
                    && chars.get(i + 5) == Some(&'\\')
                    && chars.get(i + 6) == Some(&'u')
                {
                    if let Some(lo) = hex(i + 7, 4).filter(|lo| (0xDC00..0xE000).contains(lo)) {
                        let cp = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
                        if let Some(ch) = char::from_u32(cp) {
                            s.push(ch);
                        }
                        return i + 11;
                    }
                }
                if let Some(ch) = char::from_u32(v) {
                    s.push(ch);
                }
                return i + 5;
            }
            s.push('u');
        }
        other => s.push(other),
    }
    i + 1
}

/// A template literal from `i` (after the backquote): a string when it has no `${}`.
fn template(chars: &[char], mut i: usize) -> (Tok, usize) {
    let mut s = String::new();
    let mut literal = true;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            return (if literal { Tok::Str(s) } else { Tok::Template }, i + 1);
        }
        if c == '\\' {
            i = escape(chars, i + 1, &mut s);
            continue;
        }
        if c == '$' && chars.get(i + 1) == Some(&'{') {
            literal = false;
            i = skip_substitution(chars, i + 2);
            continue;
        }
        s.push(c);
        i += 1;
    }
    (Tok::Template, i)
}

/// Past the `}` closing a `${` substitution opened before `i` (strings and nested templates
/// inside are skipped whole).
fn skip_substitution(chars: &[char], mut i: usize) -> usize {
    let mut depth = 1usize;
    while i < chars.len() {
        match chars[i] {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            q @ ('"' | '\'') => {
                i = string(chars, i + 1, q).1;
                continue;
            }
            '`' => {
                i = template(chars, i + 1).1;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    i
}
