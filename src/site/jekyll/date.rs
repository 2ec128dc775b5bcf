//! Dates the way Jekyll reads them, for URLs (`:year/:month/:day`) and publishing (`future`).
//!
//! `Document#merge_date!` passes the front-matter value through
//! `Utils.parse_date(value.to_s)` = `Time.parse(input).localtime`, with `ENV["TZ"]` set to the
//! site's `timezone`; `Document#populate_title` takes the file name's `YYYY-MM-DD` when there is
//! no front-matter date. What the value is before `to_s` depends on YAML (Psych, 1.1):
//!
//! * an unquoted `2020-06-15 13:09:05` (a YAML timestamp, `ScalarScanner::TIME`) is a `Time`;
//!   without an offset it is **UTC**, so it moves in the site's zone;
//! * an unquoted `2020-06-15` (or `2020-6-5`) is a `Date`: midnight in the site's zone;
//! * anything else is a string for Ruby's `Time.parse`: without an offset it is **local**
//!   (`"2020-06-15 13:09:05"` stays 13:09 in the site's zone).
//!
//! Proven with Jekyll 4.3.1 on `fixtures/sites/jekyll-dates` (24 forms, `timezone:
//! America/Los_Angeles`). `Time.parse` takes far more than the forms parsed here (`June 15,
//! 2020`, `15 Jun 2020 13:09`, `20200615`, …); those are read too, and what is not understood
//! gives no date (the URL then falls back to the file name's date).

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, Zoned};

/// A date from the front matter (or the file name), resolved in the site's zone.
pub fn resolve(value: &str, quoted: bool, tz: &TimeZone) -> Option<Zoned> {
    let v = value.trim();
    let parsed = parse(v)?;
    let at = match parsed.offset {
        Some(off) => parsed.dt.to_zoned(TimeZone::fixed(off)).ok()?,
        // Psych reads an unquoted date-time without a zone as UTC.
        None if !quoted && parsed.has_time && parsed.yaml_timestamp => {
            parsed.dt.to_zoned(TimeZone::UTC).ok()?
        }
        None => parsed.dt.to_zoned(tz.clone()).ok()?,
    };
    Some(at.with_time_zone(tz.clone()))
}

/// A timestamp for the file name's date (`2020-06-15`), midnight in the site's zone.
pub fn from_file_name(ymd: &str, tz: &TimeZone) -> Option<Zoned> {
    resolve(ymd, true, tz)
}

#[derive(Debug)]
struct Parsed {
    dt: DateTime,
    offset: Option<Offset>,
    has_time: bool,
    /// The text is a YAML 1.1 timestamp (`ScalarScanner::TIME`): Psych makes it a `Time`.
    yaml_timestamp: bool,
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn parse(s: &str) -> Option<Parsed> {
    let tokens = tokenize(s);
    let mut date: Option<(i16, i8, i8)> = None;
    let mut time: Option<(i8, i8, i8, i32)> = None;
    let mut offset: Option<Offset> = None;
    let mut words_month: Option<i8> = None;
    let mut numbers: Vec<i64> = Vec::new();
    let mut yaml_timestamp = true;
    let mut number_after_time = false;
    for (i, t) in tokens.iter().enumerate() {
        match t {
            Tok::Date(y, m, d) if date.is_none() => date = Some((*y, *m, *d)),
            Tok::Time(h, mi, sec, ns) if time.is_none() => time = Some((*h, *mi, *sec, *ns)),
            // Ruby drops the zone when something it cannot place comes first
            // (`2023-01-29 18:30:22 2023 -0800` is local time).
            Tok::Offset(o) if offset.is_none() && time.is_some() && !number_after_time => {
                offset = Some(*o)
            }
            Tok::Word(w) => {
                yaml_timestamp = false;
                let l = w.to_ascii_lowercase();
                if let Some(m) = MONTHS.iter().position(|m| l.starts_with(m)) {
                    if l.len() == 3 || MONTH_NAMES[m] == l || (l.len() == 4 && l.ends_with('.')) {
                        words_month = Some(m as i8 + 1);
                        continue;
                    }
                }
                match l.as_str() {
                    "utc" | "gmt" | "z" if offset.is_none() => offset = Some(Offset::UTC),
                    _ => {
                        if let Some(o) = zone_abbreviation(&l) {
                            if offset.is_none() {
                                offset = Some(o);
                            }
                        } else if !is_weekday(&l) {
                            return None;
                        }
                    }
                }
            }
            Tok::Number(n) => {
                yaml_timestamp = false;
                number_after_time |= time.is_some();
                numbers.push(*n);
            }
            // A second date, time or offset: Ruby ignores what it cannot place.
            _ => {
                let _ = i;
                yaml_timestamp = false;
            }
        }
    }
    if date.is_none() {
        if let Some(m) = words_month {
            // `June 15, 2020`, `15 Jun 2020`.
            let (day, year) = match numbers.as_slice() {
                [a, b, ..] if *a > 31 => (*b, *a),
                [a, b, ..] => (*a, *b),
                _ => return None,
            };
            date = Some((i16::try_from(year).ok()?, m, i8::try_from(day).ok()?));
        } else if let [n] = numbers.as_slice() {
            // `20200615`.
            if (19_000_101..=29_991_231).contains(n) {
                date = Some((
                    (n / 10_000) as i16,
                    ((n / 100) % 100) as i8,
                    (n % 100) as i8,
                ));
            }
        }
    }
    let (y, m, d) = date?;
    let date = Date::new(y, m, d).ok()?;
    let has_time = time.is_some();
    let (h, mi, sec, ns) = time.unwrap_or((0, 0, 0, 0));
    let t = Time::new(h, mi, sec, ns).ok()?;
    Some(Parsed {
        dt: date.to_datetime(t),
        offset,
        has_time,
        yaml_timestamp: yaml_timestamp && has_time,
    })
}

const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn is_weekday(l: &str) -> bool {
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .any(|d| l.starts_with(d))
}

/// Zone abbreviations Ruby's `Date._parse` knows (the common North American and European ones).
fn zone_abbreviation(l: &str) -> Option<Offset> {
    let hours: i8 = match l {
        "est" => -5,
        "edt" => -4,
        "cst" => -6,
        "cdt" => -5,
        "mst" => -7,
        "mdt" => -6,
        "pst" => -8,
        "pdt" => -7,
        "bst" => 1,
        "cet" => 1,
        "cest" => 2,
        "eet" => 2,
        "eest" => 3,
        "jst" => 9,
        _ => return None,
    };
    Some(jiff::tz::offset(hours))
}

#[derive(Debug, PartialEq)]
enum Tok<'a> {
    Date(i16, i8, i8),
    Time(i8, i8, i8, i32),
    Offset(Offset),
    Number(i64),
    Word(&'a str),
}

fn tokenize(s: &str) -> Vec<Tok<'_>> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() || c == b',' || c == b'T' && i > 0 && b[i - 1].is_ascii_digit() {
            i += 1;
            continue;
        }
        if (c == b'+' || c == b'-') && i + 1 < b.len() && b[i + 1].is_ascii_digit() {
            // `+0000`, `-04:00`, `+2`.
            let start = i + 1;
            let mut j = start;
            while j < b.len() && (b[j].is_ascii_digit() || b[j] == b':') {
                j += 1;
            }
            let digits: String = s[start..j].chars().filter(char::is_ascii_digit).collect();
            let (h, m) = match digits.len() {
                1 | 2 => (digits.parse::<i32>().ok(), Some(0)),
                3 => (digits[..1].parse().ok(), digits[1..].parse().ok()),
                4 => (digits[..2].parse().ok(), digits[2..].parse().ok()),
                _ => (None, None),
            };
            if let (Some(h), Some(m)) = (h, m) {
                let secs = (h * 3600 + m * 60) * if c == b'-' { -1 } else { 1 };
                if let Ok(o) = Offset::from_seconds(secs) {
                    out.push(Tok::Offset(o));
                }
            }
            i = j;
            continue;
        }
        if c.is_ascii_digit() {
            let start = i;
            while i < b.len()
                && (b[i].is_ascii_digit() || matches!(b[i], b'-' | b'/' | b':' | b'.'))
            {
                // `13:09:05-04:00`: an offset right after a time starts its own token.
                if b[i] == b'-' && s[start..i].contains(':') {
                    break;
                }
                i += 1;
            }
            let tok = &s[start..i];
            out.push(number_token(tok).unwrap_or(Tok::Word(tok)));
            continue;
        }
        if c.is_ascii_alphabetic() {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphabetic() || b[i] == b'.') {
                i += 1;
            }
            let w = &s[start..i];
            if w == "Z" || w == "z" {
                out.push(Tok::Offset(Offset::UTC));
            } else {
                out.push(Tok::Word(w));
            }
            continue;
        }
        i += 1;
    }
    out
}

fn number_token(tok: &str) -> Option<Tok<'_>> {
    let tok = tok.trim_end_matches(['.', '-', '/']);
    if tok.contains(':') {
        // `13:09`, `13:09:05`, `13:09:05.123`.
        let (hms, frac) = tok.split_once('.').unwrap_or((tok, ""));
        let parts: Vec<&str> = hms.split(':').collect();
        let n = |s: &str| s.parse::<i8>().ok();
        let (h, m, s) = match parts.as_slice() {
            [h, m] => (n(h)?, n(m)?, 0),
            [h, m, s] => (n(h)?, n(m)?, n(s)?),
            _ => return None,
        };
        let mut ns = 0i32;
        if !frac.is_empty() {
            let digits: String = frac.chars().take(9).collect();
            ns = digits.parse::<i32>().ok()? * 10i32.pow(9 - digits.len() as u32);
        }
        return Some(Tok::Time(h, m, s, ns));
    }
    for sep in ['-', '/'] {
        if tok.contains(sep) {
            let parts: Vec<&str> = tok.split(sep).collect();
            if let [y, m, d] = parts.as_slice() {
                if y.len() == 4 {
                    return Some(Tok::Date(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?));
                }
            }
            return None;
        }
    }
    tok.parse().ok().map(Tok::Number)
}

/// Whether `at` is after `now` (Jekyll's `hidden_in_the_future?` compares whole seconds).
pub fn in_future(at: &Zoned, now: Timestamp) -> bool {
    at.timestamp().as_second() > now.as_second()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(v: &str, quoted: bool) -> String {
        let tz = TimeZone::get("America/Los_Angeles").unwrap();
        resolve(v, quoted, &tz)
            .map(|z| z.strftime("%Y-%m-%d %H:%M:%S").to_string())
            .unwrap_or_else(|| "none".into())
    }

    /// Each line is what Jekyll 4.3.1 made of the form, in `America/Los_Angeles`
    /// (`fixtures/sites/jekyll-dates`).
    #[test]
    fn jekyll_dates() {
        let cases: [(&str, bool, &str); 24] = [
            (
                "2020-06-15 13:09:05 2020 -0800",
                true,
                "2020-06-15 13:09:05",
            ),
            ("2020-06-15 13:09:05 +0000", false, "2020-06-15 06:09:05"),
            ("2020-06-15 13:09:05 -0400", false, "2020-06-15 10:09:05"),
            ("2020-06-15 13:09:05", false, "2020-06-15 06:09:05"),
            ("2020-06-15", false, "2020-06-15 00:00:00"),
            ("2020-06-15T13:09:05Z", false, "2020-06-15 06:09:05"),
            ("2020-06-15T13:09:05+02:00", false, "2020-06-15 04:09:05"),
            ("2020-06-15 13:09:05 +0000", true, "2020-06-15 06:09:05"),
            ("2020-06-15 13:09:05", true, "2020-06-15 13:09:05"),
            ("2020-06-15", true, "2020-06-15 00:00:00"),
            ("2020-06-15T13:09:05+02:00", true, "2020-06-15 04:09:05"),
            ("2020-06-15 13:09", true, "2020-06-15 13:09:00"),
            ("June 15, 2020", true, "2020-06-15 00:00:00"),
            ("15 Jun 2020 13:09", true, "2020-06-15 13:09:00"),
            ("2020/06/15 13:09:05", true, "2020-06-15 13:09:05"),
            ("2020-06-15 13:09:05 PDT", true, "2020-06-15 13:09:05"),
            ("2020-06-15 13:09:05 UTC", true, "2020-06-15 06:09:05"),
            (
                "2020-06-15 13:09:05.123 +0000",
                false,
                "2020-06-15 06:09:05",
            ),
            (
                "Mon, 15 Jun 2020 13:09:05 +0000",
                true,
                "2020-06-15 06:09:05",
            ),
            ("2020-06-15 1:09:05 +0000", false, "2020-06-14 18:09:05"),
            ("2020-06-16 03:09:05 +0000", false, "2020-06-15 20:09:05"),
            ("2020-6-5", false, "2020-06-05 00:00:00"),
            ("2020-06-15T13:09", true, "2020-06-15 13:09:00"),
            ("20200615", true, "2020-06-15 00:00:00"),
        ];
        for (v, q, want) in cases {
            assert_eq!(at(v, q), want, "{v} (quoted: {q})");
        }
        assert_eq!(at("yesterday", true), "none");
    }
}
