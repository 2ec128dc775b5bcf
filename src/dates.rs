//! Hugo-compatible parsing of front-matter date strings.
//!
//! # What Hugo accepts, and where that comes from
//!
//! Hugo turns a front-matter date string into a time with
//! `ToTimeInDefaultLocationE` in gohugoio/hugo `common/htime/time.go`, which hands
//! strings to spf13/cast `StringToDateInDefaultLocation` (spf13/cast `time.go`).
//! That function tries Go's `time.Parse` with each layout of the `TimeFormats` list in
//! spf13/cast `internal/time.go`, in this order, and keeps the first that parses:
//!
//! | #  | Go layout                                   | name here                 |
//! |----|---------------------------------------------|---------------------------|
//! | 1  | `2006-01-02`                                | ISO 8601 date             |
//! | 2  | `2006-01-02T15:04:05Z07:00`                 | RFC 3339 (`time.RFC3339`) |
//! | 3  | `2006-01-02T15:04:05`                       | ISO 8601 without offset   |
//! | 4  | `Mon, 02 Jan 2006 15:04:05 -0700`           | RFC 1123Z                 |
//! | 5  | `Mon, 02 Jan 2006 15:04:05 MST`             | RFC 1123                  |
//! | 6  | `02 Jan 06 15:04 -0700`                     | RFC 822Z                  |
//! | 7  | `02 Jan 06 15:04 MST`                       | RFC 822                   |
//! | 8  | `Monday, 02-Jan-06 15:04:05 MST`            | RFC 850                   |
//! | 9  | `2006-01-02 15:04:05.999999999 -0700 MST`   | Go `Time.String()`        |
//! | 10 | `2006-01-02T15:04:05-0700`                  | RFC 3339, offset w/o colon|
//! | 11 | `2006-01-02 15:04:05Z0700`                  | space, offset w/o colon   |
//! | 12 | `2006-01-02 15:04:05`                       | space, no offset          |
//! | 13 | `Mon Jan _2 15:04:05 2006`                  | ANSI C (`time.ANSIC`)     |
//! | 14 | `Mon Jan _2 15:04:05 MST 2006`              | Unix date                 |
//! | 15 | `Mon Jan 02 15:04:05 -0700 2006`            | Ruby date                 |
//! | 16 | `2006-01-02 15:04:05Z07:00`                 | space, offset with colon  |
//! | 17 | `02 Jan 2006`                               | day month year            |
//! | 18 | `2006-01-02 15:04:05 -07:00`                | space before offset       |
//! | 19 | `2006-01-02 15:04:05 -0700`                 | space before offset       |
//! | 20 | `3:04PM`                                    | Kitchen (time only)       |
//! | 21 | `Jan _2 15:04:05`                           | Stamp (no year)           |
//! | 22 | `Jan _2 15:04:05.000`                       | StampMilli                |
//! | 23 | `Jan _2 15:04:05.000000`                    | StampMicro                |
//! | 24 | `Jan _2 15:04:05.000000000`                 | StampNano                 |
//!
//! Each layout is matched with the rules of Go's `time.Parse` (golang/go
//! `src/time/format.go`: `parse`, `nextStdChunk`, `skip`, `getnum`, `atoi`,
//! `parseNanoseconds`, `parseTimeZone`; the RFC 3339 shortcut in
//! `src/time/format_rfc3339.go` accepts a subset of the general rules), re-implemented
//! here byte by byte:
//!
//! * `2006` is exactly four digits; `06` two (`>= 69` is 19xx, else 20xx); `01`, `02`,
//!   `04`, `05` are exactly two digits; `15` (hour) and `_2` (day) are one or two digits.
//! * Month and weekday names match ASCII case-insensitively; the weekday is otherwise
//!   ignored (it may disagree with the date).
//! * A space in a layout matches a run of one or more spaces.
//! * After the seconds, `.` or `,` followed by digits is a fractional second in every
//!   layout (digits past the ninth are dropped).
//! * `Z07:00` is `Z` or `±hh:mm`; `Z0700` is `Z` or `±hhmm`; `-0700`/`-07:00` never take
//!   `Z`. Offsets up to 24 hours / 60 minutes are accepted.
//! * `MST` is `UTC`, `GMT`, `GMT±h`, `±h` (h <= 23), 3 upper-case letters, or 4-5 ending
//!   in `T` (plus `ChST`, `MeST`, `WITA`).
//! * Ranges: month 1-12, day 1..days in month (proleptic Gregorian), hour 0-23,
//!   minute and second 0-59 (no leap second). The value is not trimmed: leading or
//!   trailing whitespace makes every layout fail.
//!
//! Where this module differs from Hugo on purpose:
//!
//! * For the layouts whose zone is a name (RFC 1123, RFC 822, RFC 850, Unix date), cast
//!   ignores the zone and reads the wall clock in the site time zone, `UTC` and `GMT`
//!   included (spf13/cast `parseDateWith` re-creates the time in the default location for
//!   `timeFormatNamedTimezone`; checked with Hugo 0.168, see `tests/dates.rs`). Such values
//!   have `offset: None`, `zone_ignored`, and the nonstandard reason [`R_ZONE_IGNORED`].
//! * Kitchen and Stamp values (no date or no year) are parsed by Go as year 0 in UTC;
//!   here they have `offset: None` like any other value without an offset.

use std::fmt::Write as _;

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};

/// A date string that Hugo accepts.
#[derive(Debug, Clone, PartialEq)]
pub struct HugoDate {
    /// Calendar date-time as written (date-only values have time 00:00:00).
    pub civil: DateTime,
    /// The offset written in the value (`Z`, `+08:00`, `+0800`, `GMT`, `UTC`), None when the value has none.
    pub offset: Option<Offset>,
    /// True when the value is a date without a time (`2025-02-10`, `02 Jan 2006`).
    pub date_only: bool,
    /// Why the value, though Hugo accepts it, is not RFC 3339 / ISO 8601 (None when it is one of:
    /// `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS[.frac][Z|±HH:MM]`, `YYYY-MM-DD HH:MM:SS[.frac][Z|±HH:MM]`).
    /// The possible values are the `R_*` constants of this module.
    pub nonstandard: Option<&'static str>,
    /// The value names a zone (`GMT`, `UTC`, `PST`) in a layout whose zone is a name: Hugo
    /// ignores it and reads the wall clock in the site time zone (`offset` is `None`).
    pub zone_ignored: bool,
}

impl HugoDate {
    /// The instant; a value without offset is read in `default_tz`. Date-only = midnight there.
    /// None only when the instant is outside the range jiff supports.
    pub fn timestamp(&self, default_tz: &TimeZone) -> Option<Timestamp> {
        match self.offset {
            Some(offset) => offset.to_timestamp(self.civil).ok(),
            None => default_tz.to_timestamp(self.civil).ok(),
        }
    }

    /// `canonical`, keeping the instant Hugo reads when the site time zone is known: a value
    /// whose zone name Hugo ignores (`Mon, 02 Jan 2006 15:04:05 GMT`) is read in the site time
    /// zone, so with `Asia/Shanghai` it becomes `2006-01-02T15:04:05+08:00`. Without a site
    /// time zone, or at a wall-clock time that zone skips or repeats, it stays without offset
    /// (`2006-01-02T15:04:05`), which Hugo reads the same way as the original.
    pub fn canonical_in(&self, site: Option<&TimeZone>) -> String {
        if let (true, false, None, Some(tz)) =
            (self.zone_ignored, self.date_only, self.offset, site)
        {
            if let Ok(zoned) = tz.to_ambiguous_zoned(self.civil).unambiguous() {
                let with = HugoDate {
                    offset: Some(zoned.offset()),
                    ..self.clone()
                };
                return with.canonical();
            }
        }
        self.canonical()
    }

    /// Canonical RFC 3339 text keeping the written instant and offset:
    /// `2019-05-27T4:55:44+08:00` -> `2019-05-27T04:55:44+08:00`,
    /// `Sat, 03 Nov 2018 16:20:59 GMT` -> `2018-11-03T16:20:59` (Hugo ignores the zone name:
    /// see `canonical_in`), `+0800` -> `+08:00`,
    /// date-only stays `YYYY-MM-DD`, no offset stays without offset (`2025-02-10T07:55:15`).
    /// Fractional seconds keep their digits, except that trailing zeros are dropped
    /// (`.500` -> `.5`) and a comma becomes a period; a zero offset is written `Z`.
    /// An offset of 24 hours (which Go accepts) is kept as `+24:00`, which is not RFC 3339.
    pub fn canonical(&self) -> String {
        let c = self.civil;
        let mut out = String::with_capacity(35);
        let _ = write!(out, "{:04}-{:02}-{:02}", c.year(), c.month(), c.day());
        if self.date_only {
            return out;
        }
        let _ = write!(out, "T{:02}:{:02}:{:02}", c.hour(), c.minute(), c.second());
        let nanos = c.subsec_nanosecond();
        if nanos > 0 {
            let mut digits = format!("{nanos:09}");
            while digits.ends_with('0') {
                digits.pop();
            }
            out.push('.');
            out.push_str(&digits);
        }
        if let Some(offset) = self.offset {
            push_offset(&mut out, offset.seconds());
        }
        out
    }
}

/// Why a date string is not accepted by Hugo.
#[derive(Debug, Clone, PartialEq)]
pub struct DateError {
    /// Why it is invalid, for a person: "February 2025 has 28 days", "month 13 does not exist",
    /// "`10/02/2025 08:00` is not a layout Hugo accepts: …", "the year appears twice", …
    pub reason: String,
    /// The nearest valid form when one can be guessed (e.g. `2025-02-30` -> `2025-02-28`,
    /// `2023-01-29 18:30:22 2023 -0800` -> `2023-01-29T18:30:22-08:00`), else None.
    /// When present it is in canonical form and `parse` accepts it.
    pub suggestion: Option<String>,
}

/// Parse a date string the way Hugo does. The caller handles the empty string (means "no date")
/// and trims nothing: pass the scalar value as-is (Hugo does not trim either).
pub fn parse(s: &str) -> Result<HugoDate, DateError> {
    match fast_path(s.as_bytes()) {
        Fast::Ok(date) => return Ok(date),
        Fast::Range(err, fields) => return Err(range_error(err, &fields)),
        Fast::Fallback => {}
    }
    parse_layouts(s.as_bytes()).map_err(|fail| diagnose(s, &fail))
}

/// Fast check used as the JSON Schema `date`/`date-time` format: true iff `parse` succeeds.
pub fn is_valid(s: &str) -> bool {
    parse_quiet(s).is_some()
}

/// `parse` without the diagnosis of rejected values.
fn parse_quiet(s: &str) -> Option<HugoDate> {
    match fast_path(s.as_bytes()) {
        Fast::Ok(date) => Some(date),
        Fast::Range(..) => None,
        Fast::Fallback => parse_layouts(s.as_bytes()).ok(),
    }
}

// ---------------------------------------------------------------------------------------
// Nonstandard reasons
// ---------------------------------------------------------------------------------------

/// The hour is written with one digit (`T4:55:44`).
pub const R_HOUR_ONE_DIGIT: &str = "the hour has one digit";
/// `07:55:15,5` instead of `07:55:15.5`.
pub const R_FRACTION_COMMA: &str = "the fractional seconds use a comma instead of a period";
/// A run of several spaces where the layout has one.
pub const R_SEVERAL_SPACES: &str = "several spaces where one is expected";
/// `2025-02-10 07:55:15 +08:00`.
pub const R_SPACE_BEFORE_OFFSET: &str = "a space separates the time and the offset";
/// `+0800` instead of `+08:00`.
pub const R_OFFSET_NO_COLON: &str = "the offset has no colon";
/// `+24:00`, `+05:60` (Go accepts up to 24 hours and 60 minutes).
pub const R_OFFSET_RANGE: &str =
    "the offset is outside the range RFC 3339 allows (hours 00-23, minutes 00-59)";
/// `Mon, 03 Nov 2018 …` when 3 November 2018 is a Saturday.
pub const R_WEEKDAY_MISMATCH: &str = "the weekday does not match the date (Hugo ignores it)";
/// A zone abbreviation (`GMT`, `UTC`, `PST`) in a layout whose zone is a name.
pub const R_ZONE_IGNORED: &str =
    "the time-zone abbreviation is ignored by Hugo (the time is read in the site time zone)";
/// Layout 4.
pub const R_RFC1123Z: &str = "RFC 1123 layout with a numeric offset";
/// Layout 5.
pub const R_RFC1123: &str = "RFC 1123 layout";
/// Layout 6.
pub const R_RFC822Z: &str = "RFC 822 layout with a numeric offset (two-digit year, no seconds)";
/// Layout 7.
pub const R_RFC822: &str = "RFC 822 layout (two-digit year, no seconds)";
/// Layout 8.
pub const R_RFC850: &str = "RFC 850 layout (two-digit year)";
/// Layout 9.
pub const R_TIME_STRING: &str = "Go time.String() layout (an offset followed by a zone name)";
/// Layout 13.
pub const R_ANSIC: &str = "ANSI C asctime layout";
/// Layout 14.
pub const R_UNIX_DATE: &str = "Unix date layout";
/// Layout 15.
pub const R_RUBY_DATE: &str = "Ruby date layout";
/// Layout 17.
pub const R_DAY_MONTH_YEAR: &str = "day-month-year layout (`02 Jan 2006`)";
/// Layout 20.
pub const R_KITCHEN: &str = "a time without a date (Hugo reads it as 0000-01-01)";
/// Layouts 21-24.
pub const R_STAMP: &str = "a date without a year (Hugo reads it as year 0000)";

// ---------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------

/// The parsed parts of a value, before validation by jiff.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Fields {
    year: i32,
    month: i32,
    day: i32,
    hour: i32,
    minute: i32,
    second: i32,
    nanos: i32,
    /// Seconds east of UTC.
    offset: Option<i32>,
    date_only: bool,
}

/// A value that has the shape of a layout but a part out of range.
#[derive(Debug, Clone, Copy, PartialEq)]
enum RangeErr {
    Month(i32),
    /// Day outside the month; the numbers are in the `Fields`.
    Day,
    Hour(i32),
    Hour12(i32),
    Minute(i32),
    Second(i32),
    OffsetHour(i32),
    OffsetMinute(i32),
    OffsetSecond(i32),
    Fraction,
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const SHORT_MONTH_NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const DAY_NAMES: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const SHORT_DAY_NAMES: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days in a month of the proleptic Gregorian calendar; 0 for a month outside 1-12.
fn days_in_month(year: i32, month: i32) -> i32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

fn make_date(f: &Fields, nonstandard: Option<&'static str>) -> Option<HugoDate> {
    let civil = DateTime::new(
        i16::try_from(f.year).ok()?,
        i8::try_from(f.month).ok()?,
        i8::try_from(f.day).ok()?,
        i8::try_from(f.hour).ok()?,
        i8::try_from(f.minute).ok()?,
        i8::try_from(f.second).ok()?,
        f.nanos,
    )
    .ok()?;
    let offset = match f.offset {
        Some(seconds) => Some(Offset::from_seconds(seconds).ok()?),
        None => None,
    };
    Some(HugoDate {
        civil,
        offset,
        date_only: f.date_only,
        nonstandard,
        zone_ignored: false,
    })
}

fn push_offset(out: &mut String, seconds: i32) {
    if seconds == 0 {
        out.push('Z');
        return;
    }
    let sign = if seconds < 0 { '-' } else { '+' };
    let abs = seconds.unsigned_abs();
    let _ = write!(out, "{sign}{:02}:{:02}", abs / 3600, abs / 60 % 60);
    if abs % 60 != 0 {
        let _ = write!(out, ":{:02}", abs % 60);
    }
}

#[inline]
fn is_digit(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(u8::is_ascii_digit)
}

/// Two ASCII digits at `i`.
#[inline]
fn two_digits(b: &[u8], i: usize) -> Option<i32> {
    match (b.get(i), b.get(i + 1)) {
        (Some(&h), Some(&l)) if h.is_ascii_digit() && l.is_ascii_digit() => {
            Some(i32::from(h - b'0') * 10 + i32::from(l - b'0'))
        }
        _ => None,
    }
}

/// Nanoseconds from a run of fraction digits (only the first nine count, as in Go).
fn fraction_nanos(digits: &[u8]) -> i32 {
    let mut ns = 0i32;
    for i in 0..9 {
        ns *= 10;
        if let Some(&d) = digits.get(i) {
            ns += i32::from(d - b'0');
        }
    }
    ns
}

fn iso_reason(
    hour_one_digit: bool,
    comma: bool,
    several_spaces: bool,
    space_before_offset: bool,
    offset_no_colon: bool,
    offset_beyond_rfc: bool,
) -> Option<&'static str> {
    if hour_one_digit {
        Some(R_HOUR_ONE_DIGIT)
    } else if comma {
        Some(R_FRACTION_COMMA)
    } else if several_spaces {
        Some(R_SEVERAL_SPACES)
    } else if space_before_offset {
        Some(R_SPACE_BEFORE_OFFSET)
    } else if offset_no_colon {
        Some(R_OFFSET_NO_COLON)
    } else if offset_beyond_rfc {
        Some(R_OFFSET_RANGE)
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------
// Fast path: `YYYY-MM-DD` and `YYYY-MM-DD[T ]H[H]:MM:SS[(.|,)digits][Z|±HH:MM|±HHMM]`
// (layouts 1, 2, 3, 10, 11, 12, 16). No allocation. Anything else falls back to the
// layout engine, which is the reference (a test checks the two agree).
// ---------------------------------------------------------------------------------------

enum Fast {
    Ok(HugoDate),
    Range(RangeErr, Fields),
    Fallback,
}

fn fast_path(b: &[u8]) -> Fast {
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return Fast::Fallback;
    }
    let (Some(y1), Some(y2), Some(month), Some(day)) = (
        two_digits(b, 0),
        two_digits(b, 2),
        two_digits(b, 5),
        two_digits(b, 8),
    ) else {
        return Fast::Fallback;
    };
    let mut f = Fields {
        year: y1 * 100 + y2,
        month,
        day,
        date_only: b.len() == 10,
        ..Fields::default()
    };
    let mut hour_one_digit = false;
    let mut comma = false;
    let mut no_colon = false;
    let mut offset_hm = (0, 0);
    if !f.date_only {
        if b[10] != b'T' && b[10] != b' ' {
            return Fast::Fallback;
        }
        let mut i = 11;
        if !is_digit(b, i) {
            return Fast::Fallback;
        }
        if is_digit(b, i + 1) {
            f.hour = i32::from(b[i] - b'0') * 10 + i32::from(b[i + 1] - b'0');
            i += 2;
        } else {
            hour_one_digit = true;
            f.hour = i32::from(b[i] - b'0');
            i += 1;
        }
        match (
            b.get(i),
            two_digits(b, i + 1),
            b.get(i + 3),
            two_digits(b, i + 4),
        ) {
            (Some(b':'), Some(minute), Some(b':'), Some(second)) => {
                f.minute = minute;
                f.second = second;
                i += 6;
            }
            _ => return Fast::Fallback,
        }
        if let Some(&sep @ (b'.' | b',')) = b.get(i) {
            if !is_digit(b, i + 1) {
                return Fast::Fallback;
            }
            comma = sep == b',';
            let start = i + 1;
            i = start;
            while is_digit(b, i) {
                i += 1;
            }
            f.nanos = fraction_nanos(&b[start..i]);
        }
        let rest = &b[i..];
        match rest {
            [] => {}
            [b'Z'] => f.offset = Some(0),
            [sign @ (b'+' | b'-'), ..] if rest.len() == 5 || rest.len() == 6 => {
                let (hh, mm) = if rest.len() == 6 {
                    if rest[3] != b':' {
                        return Fast::Fallback;
                    }
                    (two_digits(rest, 1), two_digits(rest, 4))
                } else {
                    no_colon = true;
                    (two_digits(rest, 1), two_digits(rest, 3))
                };
                let (Some(hh), Some(mm)) = (hh, mm) else {
                    return Fast::Fallback;
                };
                offset_hm = (hh, mm);
                let secs = (hh * 60 + mm) * 60;
                f.offset = Some(if *sign == b'-' { -secs } else { secs });
            }
            _ => return Fast::Fallback,
        }
    }
    // Same checks as Go, reported in the order the parts are written.
    let err = if !(1..=12).contains(&f.month) {
        Some(RangeErr::Month(f.month))
    } else if f.day < 1 || f.day > days_in_month(f.year, f.month) {
        Some(RangeErr::Day)
    } else if f.hour >= 24 {
        Some(RangeErr::Hour(f.hour))
    } else if f.minute >= 60 {
        Some(RangeErr::Minute(f.minute))
    } else if f.second >= 60 {
        Some(RangeErr::Second(f.second))
    } else if offset_hm.0 > 24 {
        Some(RangeErr::OffsetHour(offset_hm.0))
    } else if offset_hm.1 > 60 {
        Some(RangeErr::OffsetMinute(offset_hm.1))
    } else {
        None
    };
    if let Some(err) = err {
        return Fast::Range(err, f);
    }
    let reason = iso_reason(
        hour_one_digit,
        comma,
        false,
        false,
        no_colon,
        offset_hm.0 >= 24 || offset_hm.1 >= 60,
    );
    match make_date(&f, reason) {
        Some(date) => Fast::Ok(date),
        None => Fast::Range(RangeErr::Day, f),
    }
}

// ---------------------------------------------------------------------------------------
// Layout engine: Go's time.Parse over the cast layout list
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// No zone in the layout.
    NoZone,
    /// Zone is a name (`MST`): cast re-reads the wall clock in the default location.
    Named,
    /// Zone is numeric (`Z07:00`, `-0700`).
    Numeric,
    /// `-0700 MST`: the numeric offset wins.
    NumericAndNamed,
    /// Kitchen and Stamp layouts.
    TimeOnly,
}

struct Layout {
    go: &'static str,
    name: &'static str,
    kind: Kind,
    date_only: bool,
    /// `YYYY-MM-DD…` layouts, whose reason comes from `iso_reason`.
    iso: bool,
    space_before_offset: bool,
    reason: Option<&'static str>,
}

const fn iso(go: &'static str, name: &'static str, kind: Kind) -> Layout {
    Layout {
        go,
        name,
        kind,
        date_only: false,
        iso: true,
        space_before_offset: false,
        reason: None,
    }
}

const fn other(go: &'static str, name: &'static str, kind: Kind, reason: &'static str) -> Layout {
    Layout {
        go,
        name,
        kind,
        date_only: false,
        iso: false,
        space_before_offset: false,
        reason: Some(reason),
    }
}

/// spf13/cast `internal/time.go` `TimeFormats`, in order.
const LAYOUTS: [Layout; 24] = [
    Layout {
        date_only: true,
        ..iso("2006-01-02", "ISO 8601 date", Kind::NoZone)
    },
    iso("2006-01-02T15:04:05Z07:00", "RFC 3339", Kind::Numeric),
    iso(
        "2006-01-02T15:04:05",
        "ISO 8601 without offset",
        Kind::NoZone,
    ),
    other(
        "Mon, 02 Jan 2006 15:04:05 -0700",
        "RFC 1123Z",
        Kind::Numeric,
        R_RFC1123Z,
    ),
    other(
        "Mon, 02 Jan 2006 15:04:05 MST",
        "RFC 1123",
        Kind::Named,
        R_RFC1123,
    ),
    other(
        "02 Jan 06 15:04 -0700",
        "RFC 822Z",
        Kind::Numeric,
        R_RFC822Z,
    ),
    other("02 Jan 06 15:04 MST", "RFC 822", Kind::Named, R_RFC822),
    other(
        "Monday, 02-Jan-06 15:04:05 MST",
        "RFC 850",
        Kind::Named,
        R_RFC850,
    ),
    Layout {
        reason: Some(R_TIME_STRING),
        ..iso(
            "2006-01-02 15:04:05.999999999 -0700 MST",
            "Go time.String()",
            Kind::NumericAndNamed,
        )
    },
    iso(
        "2006-01-02T15:04:05-0700",
        "RFC 3339 without offset colon",
        Kind::Numeric,
    ),
    iso(
        "2006-01-02 15:04:05Z0700",
        "ISO 8601 with space",
        Kind::Numeric,
    ),
    iso("2006-01-02 15:04:05", "ISO 8601 with space", Kind::NoZone),
    other("Mon Jan _2 15:04:05 2006", "ANSI C", Kind::NoZone, R_ANSIC),
    other(
        "Mon Jan _2 15:04:05 MST 2006",
        "Unix date",
        Kind::Named,
        R_UNIX_DATE,
    ),
    other(
        "Mon Jan 02 15:04:05 -0700 2006",
        "Ruby date",
        Kind::Numeric,
        R_RUBY_DATE,
    ),
    iso(
        "2006-01-02 15:04:05Z07:00",
        "ISO 8601 with space",
        Kind::Numeric,
    ),
    Layout {
        date_only: true,
        ..other(
            "02 Jan 2006",
            "day month year",
            Kind::NoZone,
            R_DAY_MONTH_YEAR,
        )
    },
    Layout {
        space_before_offset: true,
        ..iso(
            "2006-01-02 15:04:05 -07:00",
            "ISO 8601 with spaces",
            Kind::Numeric,
        )
    },
    Layout {
        space_before_offset: true,
        ..iso(
            "2006-01-02 15:04:05 -0700",
            "ISO 8601 with spaces",
            Kind::Numeric,
        )
    },
    other("3:04PM", "Kitchen", Kind::TimeOnly, R_KITCHEN),
    other("Jan _2 15:04:05", "Stamp", Kind::TimeOnly, R_STAMP),
    other("Jan _2 15:04:05.000", "StampMilli", Kind::TimeOnly, R_STAMP),
    other(
        "Jan _2 15:04:05.000000",
        "StampMicro",
        Kind::TimeOnly,
        R_STAMP,
    ),
    other(
        "Jan _2 15:04:05.000000000",
        "StampNano",
        Kind::TimeOnly,
        R_STAMP,
    ),
];

/// Go's layout elements (`std*` constants of `time/format.go`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Std {
    End,
    LongMonth,
    Month,
    NumMonth,
    ZeroMonth,
    LongWeekDay,
    WeekDay,
    Day,
    UnderDay,
    ZeroDay,
    UnderYearDay,
    ZeroYearDay,
    Hour,
    Hour12,
    ZeroHour12,
    Minute,
    ZeroMinute,
    Second,
    ZeroSecond,
    LongYear,
    Year,
    PmUpper,
    PmLower,
    Tz,
    Iso8601Tz,
    Iso8601SecondsTz,
    Iso8601ShortTz,
    Iso8601ColonTz,
    Iso8601ColonSecondsTz,
    NumTz,
    NumSecondsTz,
    NumShortTz,
    NumColonTz,
    NumColonSecondsTz,
    /// `.000`: exactly this many digits.
    FracSecond0(usize),
    /// `.999`: optional, any number of digits.
    FracSecond9(usize),
}

const STD_0X: [Std; 6] = [
    Std::ZeroMonth,
    Std::ZeroDay,
    Std::ZeroHour12,
    Std::ZeroMinute,
    Std::ZeroSecond,
    Std::Year,
];

/// Go's `nextStdChunk`: literal prefix, element, rest of the layout.
fn next_std_chunk(layout: &[u8]) -> (&[u8], Std, &[u8]) {
    let starts_lower = |s: &[u8]| s.first().is_some_and(u8::is_ascii_lowercase);
    for i in 0..layout.len() {
        let at = &layout[i..];
        let found: Option<(Std, usize)> = match layout[i] {
            b'J' if at.starts_with(b"Jan") => {
                if at.starts_with(b"January") {
                    Some((Std::LongMonth, 7))
                } else if !starts_lower(&at[3..]) {
                    Some((Std::Month, 3))
                } else {
                    None
                }
            }
            b'M' if at.starts_with(b"Monday") => Some((Std::LongWeekDay, 6)),
            b'M' if at.starts_with(b"Mon") && !starts_lower(&at[3..]) => Some((Std::WeekDay, 3)),
            b'M' if at.starts_with(b"MST") => Some((Std::Tz, 3)),
            b'0' if matches!(at.get(1), Some(b'1'..=b'6')) => {
                Some((STD_0X[usize::from(at[1] - b'1')], 2))
            }
            b'0' if at.starts_with(b"002") => Some((Std::ZeroYearDay, 3)),
            b'1' if at.starts_with(b"15") => Some((Std::Hour, 2)),
            b'1' => Some((Std::NumMonth, 1)),
            b'2' if at.starts_with(b"2006") => Some((Std::LongYear, 4)),
            b'2' => Some((Std::Day, 1)),
            b'_' if at.starts_with(b"_2006") => {
                // A literal `_` followed by the year.
                return (&layout[..i + 1], Std::LongYear, &layout[i + 5..]);
            }
            b'_' if at.starts_with(b"_2") => Some((Std::UnderDay, 2)),
            b'_' if at.starts_with(b"__2") => Some((Std::UnderYearDay, 3)),
            b'3' => Some((Std::Hour12, 1)),
            b'4' => Some((Std::Minute, 1)),
            b'5' => Some((Std::Second, 1)),
            b'P' if at.starts_with(b"PM") => Some((Std::PmUpper, 2)),
            b'p' if at.starts_with(b"pm") => Some((Std::PmLower, 2)),
            b'-' => [
                (&b"-070000"[..], Std::NumSecondsTz),
                (b"-07:00:00", Std::NumColonSecondsTz),
                (b"-0700", Std::NumTz),
                (b"-07:00", Std::NumColonTz),
                (b"-07", Std::NumShortTz),
            ]
            .into_iter()
            .find(|(p, _)| at.starts_with(p))
            .map(|(p, std)| (std, p.len())),
            b'Z' => [
                (&b"Z070000"[..], Std::Iso8601SecondsTz),
                (b"Z07:00:00", Std::Iso8601ColonSecondsTz),
                (b"Z0700", Std::Iso8601Tz),
                (b"Z07:00", Std::Iso8601ColonTz),
                (b"Z07", Std::Iso8601ShortTz),
            ]
            .into_iter()
            .find(|(p, _)| at.starts_with(p))
            .map(|(p, std)| (std, p.len())),
            b'.' | b',' if matches!(at.get(1), Some(b'0' | b'9')) => {
                let ch = at[1];
                let n = at[1..].iter().take_while(|&&c| c == ch).count();
                if is_digit(at, 1 + n) {
                    None
                } else if ch == b'0' {
                    Some((Std::FracSecond0(n), 1 + n))
                } else {
                    Some((Std::FracSecond9(n), 1 + n))
                }
            }
            _ => None,
        };
        if let Some((std, len)) = found {
            return (&layout[..i], std, &layout[i + len..]);
        }
    }
    (layout, Std::End, &[])
}

/// Go's `skip`: match a literal, a layout space matching a run of spaces.
fn skip<'a>(
    mut value: &'a [u8],
    mut prefix: &[u8],
    several_spaces: &mut bool,
) -> Result<&'a [u8], &'a [u8]> {
    while let Some(&c) = prefix.first() {
        if c == b' ' {
            if value.first().is_some_and(|&v| v != b' ') {
                return Err(value);
            }
            let in_layout = prefix.iter().take_while(|&&c| c == b' ').count();
            let in_value = value.iter().take_while(|&&c| c == b' ').count();
            if in_value > in_layout {
                *several_spaces = true;
            }
            prefix = &prefix[in_layout..];
            value = &value[in_value..];
            continue;
        }
        match value.first() {
            Some(&v) if v == c => {
                prefix = &prefix[1..];
                value = &value[1..];
            }
            _ => return Err(value),
        }
    }
    Ok(value)
}

/// Go's `getnum`: one or two digits (exactly two when `fixed`), and how many were read.
fn getnum(s: &[u8], fixed: bool) -> Option<(i32, usize)> {
    if !is_digit(s, 0) {
        return None;
    }
    if !is_digit(s, 1) {
        if fixed {
            return None;
        }
        return Some((i32::from(s[0] - b'0'), 1));
    }
    Some((i32::from(s[0] - b'0') * 10 + i32::from(s[1] - b'0'), 2))
}

/// Go's `leadingInt`: the leading digits and how many there were; None on overflow.
fn leading_int(s: &[u8]) -> Option<(u64, usize)> {
    let mut x: u64 = 0;
    let mut n = 0;
    for &c in s {
        if !c.is_ascii_digit() {
            break;
        }
        if x > (1u64 << 63) / 10 {
            return None;
        }
        x = x * 10 + u64::from(c - b'0');
        if x > 1u64 << 63 {
            return None;
        }
        n += 1;
    }
    Some((x, n))
}

/// Go's `atoi` (takes a sign, and an empty digit string is 0).
fn atoi(s: &[u8]) -> Option<i64> {
    let (neg, digits) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let (q, n) = leading_int(digits)?;
    if n != digits.len() {
        return None;
    }
    let x = q as i64; // wraps at 1<<63 exactly like Go's int(q)
    Some(if neg { x.wrapping_neg() } else { x })
}

/// Go's `parseNanoseconds`: `value[0]` is the separator, `nbytes` counts it.
/// Ok(None) is a range error (a negative number after the separator).
fn parse_nanoseconds(value: &[u8], nbytes: usize) -> Result<Option<i32>, ()> {
    if !matches!(value.first(), Some(b'.' | b',')) {
        return Err(());
    }
    let nbytes = nbytes.min(10).min(value.len());
    let mut ns = atoi(&value[1..nbytes]).ok_or(())?;
    if ns < 0 {
        return Ok(None);
    }
    for _ in nbytes..10 {
        ns = ns.saturating_mul(10);
    }
    Ok(Some(i32::try_from(ns).unwrap_or(i32::MAX)))
}

fn match_ci(s1: &[u8], s2: &[u8]) -> bool {
    s1.iter().zip(s2).all(|(&c1, &c2)| {
        c1 == c2 || {
            let (l1, l2) = (c1 | 0x20, c2 | 0x20);
            l1 == l2 && l1.is_ascii_lowercase()
        }
    })
}

/// Go's `lookup`: index of the first name that starts `val` (ignoring ASCII case), and
/// its length.
fn lookup(table: &[&str], val: &[u8]) -> Option<(usize, usize)> {
    table.iter().enumerate().find_map(|(i, name)| {
        let name = name.as_bytes();
        (val.len() >= name.len() && match_ci(&val[..name.len()], name)).then_some((i, name.len()))
    })
}

fn parse_signed_offset(value: &[u8]) -> usize {
    if !matches!(value.first(), Some(b'+' | b'-')) {
        return 0;
    }
    match leading_int(&value[1..]) {
        Some((x, n)) if n > 0 && x <= 23 => 1 + n,
        _ => 0,
    }
}

/// Go's `parseTimeZone`: the length of the zone name that starts `value`.
fn parse_time_zone(value: &[u8]) -> Option<usize> {
    if value.len() < 3 {
        return None;
    }
    if value.starts_with(b"ChST") || value.starts_with(b"MeST") {
        return Some(4);
    }
    if value.starts_with(b"GMT") {
        return Some(
            3 + if value.len() == 3 {
                0
            } else {
                parse_signed_offset(&value[3..])
            },
        );
    }
    if matches!(value[0], b'+' | b'-') {
        let n = parse_signed_offset(value);
        return (n > 0).then_some(n);
    }
    let upper = value
        .iter()
        .take(6)
        .take_while(|c| c.is_ascii_uppercase())
        .count();
    match upper {
        3 => Some(3),
        4 if value[3] == b'T' || value.starts_with(b"WITA") => Some(4),
        5 if value[4] == b'T' => Some(5),
        _ => None,
    }
}

/// What one layout read from a value.
#[derive(Debug, Default)]
struct Parsed {
    year: i32,
    month: i32,
    day: i32,
    hour: i32,
    minute: i32,
    second: i32,
    nanos: i32,
    am: bool,
    pm: bool,
    /// `Z` or the zone name `UTC`: Go puts the time in UTC, whatever else was read.
    utc: bool,
    zone_offset: Option<i32>,
    weekday: Option<usize>,
    hour_one_digit: bool,
    comma: bool,
    several_spaces: bool,
    offset_no_colon: bool,
    offset_beyond_rfc: bool,
    range: Option<RangeErr>,
}

impl Parsed {
    fn range(&mut self, err: RangeErr) {
        self.range.get_or_insert(err);
    }
}

/// Go's `parse` for one layout. Err is how many bytes of the value matched.
/// Range errors do not stop the match (Go stops at once; the outcome is the same
/// failure, and going on tells whether the value had the layout's shape).
fn go_parse(layout: &'static str, orig: &[u8]) -> Result<Parsed, usize> {
    let mut p = Parsed {
        month: -1,
        day: -1,
        ..Parsed::default()
    };
    let pos = |rest: &[u8]| orig.len() - rest.len();
    let mut layout = layout.as_bytes();
    let mut value = orig;
    loop {
        let (prefix, std, suffix) = next_std_chunk(layout);
        value = skip(value, prefix, &mut p.several_spaces).map_err(pos)?;
        if std == Std::End {
            if !value.is_empty() {
                return Err(pos(value));
            }
            break;
        }
        layout = suffix;
        let hold = value;
        let fail = || pos(hold);
        match std {
            Std::Year => {
                let digits = value.get(..2).ok_or_else(fail)?;
                let year = atoi(digits).ok_or_else(fail)?;
                let year = i32::try_from(year).map_err(|_| fail())?;
                p.year = if year >= 69 { year + 1900 } else { year + 2000 };
                value = &value[2..];
            }
            Std::LongYear => {
                if value.len() < 4 || !is_digit(value, 0) {
                    return Err(fail());
                }
                let year = atoi(&value[..4]).ok_or_else(fail)?;
                p.year = i32::try_from(year).map_err(|_| fail())?;
                value = &value[4..];
            }
            Std::Month | Std::LongMonth => {
                let table: &[&str] = if std == Std::Month {
                    &SHORT_MONTH_NAMES
                } else {
                    &MONTH_NAMES
                };
                let (i, n) = lookup(table, value).ok_or_else(fail)?;
                p.month = i as i32 + 1;
                value = &value[n..];
            }
            Std::NumMonth | Std::ZeroMonth => {
                let (month, n) = getnum(value, std == Std::ZeroMonth).ok_or_else(fail)?;
                if !(1..=12).contains(&month) {
                    p.range(RangeErr::Month(month));
                }
                p.month = month;
                value = &value[n..];
            }
            Std::WeekDay | Std::LongWeekDay => {
                let table: &[&str] = if std == Std::WeekDay {
                    &SHORT_DAY_NAMES
                } else {
                    &DAY_NAMES
                };
                let (i, n) = lookup(table, value).ok_or_else(fail)?;
                p.weekday = Some(i);
                value = &value[n..];
            }
            Std::Day | Std::UnderDay | Std::ZeroDay => {
                if std == Std::UnderDay && value.first() == Some(&b' ') {
                    value = &value[1..];
                }
                let (day, n) = getnum(value, std == Std::ZeroDay).ok_or_else(fail)?;
                p.day = day;
                value = &value[n..];
            }
            Std::Hour => {
                let (hour, n) = getnum(value, false).ok_or_else(fail)?;
                p.hour_one_digit = n == 1;
                if hour >= 24 {
                    p.range(RangeErr::Hour(hour));
                }
                p.hour = hour;
                value = &value[n..];
            }
            Std::Hour12 | Std::ZeroHour12 => {
                let (hour, n) = getnum(value, std == Std::ZeroHour12).ok_or_else(fail)?;
                if hour > 12 {
                    p.range(RangeErr::Hour12(hour));
                }
                p.hour = hour;
                value = &value[n..];
            }
            Std::Minute | Std::ZeroMinute => {
                let (minute, n) = getnum(value, std == Std::ZeroMinute).ok_or_else(fail)?;
                if minute >= 60 {
                    p.range(RangeErr::Minute(minute));
                }
                p.minute = minute;
                value = &value[n..];
            }
            Std::Second | Std::ZeroSecond => {
                let (second, n) = getnum(value, std == Std::ZeroSecond).ok_or_else(fail)?;
                if second >= 60 {
                    p.range(RangeErr::Second(second));
                }
                p.second = second;
                value = &value[n..];
                // A fraction after the seconds is taken even when the layout has none.
                if value.len() >= 2 && matches!(value[0], b'.' | b',') && is_digit(value, 1) {
                    let (_, next, _) = next_std_chunk(layout);
                    if !matches!(next, Std::FracSecond0(_) | Std::FracSecond9(_)) {
                        let n = 2 + value[2..].iter().take_while(|c| c.is_ascii_digit()).count();
                        p.comma = value[0] == b',';
                        match parse_nanoseconds(value, n).map_err(|_| fail())? {
                            Some(ns) => p.nanos = ns,
                            None => p.range(RangeErr::Fraction),
                        }
                        value = &value[n..];
                    }
                }
            }
            Std::PmUpper | Std::PmLower => {
                let word = value.get(..2).ok_or_else(fail)?;
                let (am, pm): (&[u8], &[u8]) = if std == Std::PmUpper {
                    (b"AM", b"PM")
                } else {
                    (b"am", b"pm")
                };
                if word == pm {
                    p.pm = true;
                } else if word == am {
                    p.am = true;
                } else {
                    return Err(fail());
                }
                value = &value[2..];
            }
            Std::Iso8601Tz
            | Std::Iso8601SecondsTz
            | Std::Iso8601ShortTz
            | Std::Iso8601ColonTz
            | Std::Iso8601ColonSecondsTz
                if value.first() == Some(&b'Z') =>
            {
                p.utc = true;
                value = &value[1..];
            }
            Std::Iso8601Tz
            | Std::Iso8601SecondsTz
            | Std::Iso8601ShortTz
            | Std::Iso8601ColonTz
            | Std::Iso8601ColonSecondsTz
            | Std::NumTz
            | Std::NumSecondsTz
            | Std::NumShortTz
            | Std::NumColonTz
            | Std::NumColonSecondsTz => {
                // (length, hour, minute, second) positions as in Go.
                let (len, h, m, s): (usize, usize, Option<usize>, Option<usize>) = match std {
                    Std::Iso8601ColonTz | Std::NumColonTz => {
                        if value.get(3) != Some(&b':') {
                            return Err(fail());
                        }
                        (6, 1, Some(4), None)
                    }
                    Std::Iso8601ShortTz | Std::NumShortTz => (3, 1, None, None),
                    Std::Iso8601ColonSecondsTz | Std::NumColonSecondsTz => {
                        if value.get(3) != Some(&b':') || value.get(6) != Some(&b':') {
                            return Err(fail());
                        }
                        (9, 1, Some(4), Some(7))
                    }
                    Std::Iso8601SecondsTz | Std::NumSecondsTz => (7, 1, Some(3), Some(5)),
                    _ => (5, 1, Some(3), None),
                };
                if value.len() < len {
                    return Err(fail());
                }
                let field = |at: Option<usize>| match at {
                    Some(i) => two_digits(value, i),
                    None => Some(0),
                };
                let (Some(hh), Some(mm), Some(ss)) = (field(Some(h)), field(m), field(s)) else {
                    return Err(fail());
                };
                let sign = match value[0] {
                    b'+' => 1,
                    b'-' => -1,
                    _ => return Err(fail()),
                };
                if hh > 24 {
                    p.range(RangeErr::OffsetHour(hh));
                }
                if mm > 60 {
                    p.range(RangeErr::OffsetMinute(mm));
                }
                if ss > 60 {
                    p.range(RangeErr::OffsetSecond(ss));
                }
                p.offset_no_colon = !matches!(
                    std,
                    Std::Iso8601ColonTz
                        | Std::NumColonTz
                        | Std::Iso8601ColonSecondsTz
                        | Std::NumColonSecondsTz
                );
                p.offset_beyond_rfc = hh >= 24 || mm >= 60 || ss != 0;
                p.zone_offset = Some(sign * ((hh * 60 + mm) * 60 + ss));
                value = &value[len..];
            }
            Std::Tz => {
                let n = if value.starts_with(b"UTC") {
                    p.utc = true;
                    3
                } else {
                    parse_time_zone(value).ok_or_else(fail)?
                };
                value = &value[n..];
            }
            Std::FracSecond0(digits) => {
                let n = 1 + digits;
                if value.len() < n {
                    return Err(fail());
                }
                p.comma = value[0] == b',';
                match parse_nanoseconds(value, n).map_err(|_| fail())? {
                    Some(ns) => p.nanos = ns,
                    None => p.range(RangeErr::Fraction),
                }
                value = &value[n..];
            }
            Std::FracSecond9(_) => {
                if value.len() >= 2 && matches!(value[0], b'.' | b',') && is_digit(value, 1) {
                    let n = 1 + value[1..].iter().take_while(|c| c.is_ascii_digit()).count();
                    p.comma = value[0] == b',';
                    match parse_nanoseconds(value, n).map_err(|_| fail())? {
                        Some(ns) => p.nanos = ns,
                        None => p.range(RangeErr::Fraction),
                    }
                    value = &value[n..];
                }
            }
            // Day of year is in none of the layouts.
            Std::UnderYearDay | Std::ZeroYearDay | Std::End => return Err(fail()),
        }
    }
    if p.pm && p.hour < 12 {
        p.hour += 12;
    } else if p.am && p.hour == 12 {
        p.hour = 0;
    }
    if p.month < 0 {
        p.month = 1;
    }
    if p.day < 0 {
        p.day = 1;
    }
    // Go checks the day last; it is reported before the time parts here (as the fast
    // path does) so that messages follow the order the parts are written.
    if (p.day < 1 || p.day > days_in_month(p.year, p.month))
        && !matches!(p.range, Some(RangeErr::Month(_)))
    {
        p.range = Some(RangeErr::Day);
    }
    Ok(p)
}

/// Turn what a layout read into a `HugoDate`, or the range error with the parts read.
fn finish(layout: &Layout, p: &Parsed) -> Result<HugoDate, (RangeErr, Fields)> {
    let mut zone_ignored = false;
    let offset = match layout.kind {
        Kind::NoZone | Kind::TimeOnly => None,
        // spf13/cast reads every named-zone layout's wall clock in the site time zone, `UTC`
        // and `GMT` included (checked with Hugo 0.168: `tests/dates.rs`,
        // `named_zones_are_read_in_the_site_time_zone`).
        Kind::Named => {
            zone_ignored = true;
            None
        }
        Kind::Numeric | Kind::NumericAndNamed => {
            if p.utc {
                Some(0)
            } else {
                p.zone_offset
            }
        }
    };
    let fields = Fields {
        year: p.year,
        month: p.month,
        day: p.day,
        hour: p.hour,
        minute: p.minute,
        second: p.second,
        nanos: p.nanos,
        offset,
        date_only: layout.date_only,
    };
    if let Some(err) = p.range {
        return Err((err, fields));
    }
    let mut date = make_date(&fields, None).ok_or((RangeErr::Day, fields))?;
    date.zone_ignored = zone_ignored;
    date.nonstandard = if p
        .weekday
        .is_some_and(|w| w as i8 != date.civil.weekday().to_sunday_zero_offset())
    {
        Some(R_WEEKDAY_MISMATCH)
    } else if zone_ignored {
        Some(R_ZONE_IGNORED)
    } else if let Some(reason) = layout.reason {
        Some(reason)
    } else if layout.iso {
        iso_reason(
            p.hour_one_digit,
            p.comma,
            p.several_spaces,
            layout.space_before_offset,
            p.offset_no_colon && !p.utc,
            p.offset_beyond_rfc && !p.utc,
        )
    } else {
        None
    };
    Ok(date)
}

/// Why no layout matched.
#[derive(Debug, Default)]
struct LayoutsFail {
    /// The first layout whose shape matched but with a part out of range.
    range: Option<(RangeErr, Fields)>,
    /// The layout that matched the most bytes (index, bytes), when any matched some.
    best: Option<(usize, usize)>,
}

fn parse_layouts(value: &[u8]) -> Result<HugoDate, LayoutsFail> {
    let mut fail = LayoutsFail::default();
    for (i, layout) in LAYOUTS.iter().enumerate() {
        match go_parse(layout.go, value) {
            Ok(parsed) => match finish(layout, &parsed) {
                Ok(date) => return Ok(date),
                Err(range) => {
                    fail.range.get_or_insert(range);
                }
            },
            Err(progress) => {
                if progress > 0 && fail.best.is_none_or(|(_, best)| progress > best) {
                    fail.best = Some((i, progress));
                }
            }
        }
    }
    Err(fail)
}

// ---------------------------------------------------------------------------------------
// Diagnosis of rejected values (allocation is fine here)
// ---------------------------------------------------------------------------------------

/// The value for a message: at most 60 characters, control characters escaped.
fn show(s: &str) -> String {
    let mut out = String::new();
    for (n, ch) in s.chars().enumerate() {
        if n == 60 {
            out.push('…');
            break;
        }
        if ch.is_control() {
            out.extend(ch.escape_default());
        } else {
            out.push(ch);
        }
    }
    out
}

fn range_reason(err: RangeErr, f: &Fields) -> String {
    match err {
        RangeErr::Month(m) => format!("month {m} does not exist"),
        RangeErr::Day => {
            let dim = days_in_month(f.year, f.month);
            if f.day < 1 || dim == 0 {
                format!("day {} does not exist", f.day)
            } else {
                let name = MONTH_NAMES[(f.month - 1) as usize];
                let mut reason = format!("{name} {:04} has {dim} days", f.year);
                if f.month == 2 && f.day == 29 {
                    let _ = write!(reason, " ({:04} is not a leap year)", f.year);
                }
                reason
            }
        }
        RangeErr::Hour(24) => "hour 24 does not exist (hours go from 00 to 23; \
                               midnight at the end of a day is 00:00:00 of the next day)"
            .to_string(),
        RangeErr::Hour(h) => format!("hour {h} does not exist (hours go from 00 to 23)"),
        RangeErr::Hour12(h) => format!("hour {h} does not exist on a 12-hour clock"),
        RangeErr::Minute(m) => format!("minute {m} does not exist (minutes go from 00 to 59)"),
        RangeErr::Second(60) => {
            "second 60 does not exist for Hugo (leap seconds are not accepted)".to_string()
        }
        RangeErr::Second(s) => format!("second {s} does not exist (seconds go from 00 to 59)"),
        RangeErr::OffsetHour(h) => {
            format!("the offset of {h} hours is out of range (at most 24)")
        }
        RangeErr::OffsetMinute(m) => {
            format!("the offset minute {m} is out of range (at most 60)")
        }
        RangeErr::OffsetSecond(s) => {
            format!("the offset second {s} is out of range (at most 60)")
        }
        RangeErr::Fraction => "the fractional seconds are negative".to_string(),
    }
}

/// The nearest valid parts for a range error, when there is an obvious one.
fn range_fix(err: RangeErr, f: &Fields) -> Option<Fields> {
    let mut f = *f;
    match err {
        RangeErr::Day => {
            let dim = days_in_month(f.year, f.month);
            if dim == 0 || f.day <= dim {
                return None;
            }
            f.day = dim;
        }
        // `2025-13-01`: most likely year-day-month.
        RangeErr::Month(m) if m > 12 && (1..=12).contains(&f.day) => {
            if m > days_in_month(f.year, f.day) {
                return None;
            }
            (f.month, f.day) = (f.day, m);
        }
        RangeErr::Hour(24) if f.minute == 0 && f.second == 0 && f.nanos == 0 => {
            let date = Date::new(
                i16::try_from(f.year).ok()?,
                i8::try_from(f.month).ok()?,
                i8::try_from(f.day).ok()?,
            )
            .ok()?
            .tomorrow()
            .ok()?;
            f.year = i32::from(date.year());
            f.month = i32::from(date.month());
            f.day = i32::from(date.day());
            f.hour = 0;
        }
        _ => return None,
    }
    Some(f)
}

/// A suggestion only if it parses and is standard.
fn suggest(f: &Fields) -> Option<String> {
    let text = make_date(f, None)?.canonical();
    parse_quiet(&text)
        .is_some_and(|date| date.nonstandard.is_none())
        .then_some(text)
}

fn range_error(err: RangeErr, f: &Fields) -> DateError {
    DateError {
        reason: range_reason(err, f),
        suggestion: range_fix(err, f).and_then(|f| suggest(&f)),
    }
}

fn diagnose(s: &str, fail: &LayoutsFail) -> DateError {
    if s.is_empty() {
        return DateError {
            reason: "the value is empty".to_string(),
            suggestion: None,
        };
    }
    if let Some((err, fields)) = &fail.range {
        return range_error(*err, fields);
    }
    let trimmed = s.trim();
    if trimmed.is_empty() {
        return DateError {
            reason: "the value is only whitespace".to_string(),
            suggestion: None,
        };
    }
    if trimmed.len() != s.len() {
        return match parse(trimmed) {
            Ok(date) => DateError {
                reason: "the value has whitespace before or after it".to_string(),
                suggestion: Some(date.canonical()),
            },
            Err(err) => err,
        };
    }
    if let Some(err) = loose_iso(s) {
        return err;
    }
    let mut reason = if s.bytes().all(|c| c.is_ascii_digit()) {
        format!(
            "`{}` is not a layout Hugo accepts (a number is not a date)",
            show(s)
        )
    } else if s.bytes().any(|c| c.is_ascii_digit()) {
        format!("`{}` is not a layout Hugo accepts", show(s))
    } else {
        format!(
            "`{}` is not a date (Hugo accepts dates such as `2025-02-10` or \
             `2025-02-10T07:55:15+08:00`)",
            show(s)
        )
    };
    if let Some((i, mut progress)) = fail.best.filter(|&(i, p)| p >= 4 && !LAYOUTS[i].iso) {
        while !s.is_char_boundary(progress) {
            progress -= 1;
        }
        let layout = &LAYOUTS[i];
        let _ = write!(
            reason,
            " (nearest: {} `{}`, which does not match from `{}`)",
            layout.name,
            layout.go,
            show(&s[progress..])
        );
    }
    DateError {
        reason,
        suggestion: loose_text(s).and_then(|f| suggest(&f)),
    }
}

/// A byte cursor for the loose parsers.
struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> bool {
        let hit = self.peek() == Some(c);
        if hit {
            self.i += 1;
        }
        hit
    }

    /// A run of digits: its value (saturating) and length.
    fn digits(&mut self) -> (i32, usize) {
        let start = self.i;
        let mut v: i32 = 0;
        while let Some(c @ b'0'..=b'9') = self.peek() {
            v = v.saturating_mul(10).saturating_add(i32::from(c - b'0'));
            self.i += 1;
        }
        (v, self.i - start)
    }

    fn spaces(&mut self) -> usize {
        let start = self.i;
        while self.peek() == Some(b' ') {
            self.i += 1;
        }
        self.i - start
    }

    fn letters(&mut self) -> &'a [u8] {
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
            self.i += 1;
        }
        &self.b[start..self.i]
    }

    fn at_word_end(&self) -> bool {
        matches!(self.peek(), None | Some(b' '))
    }
}

#[derive(PartialEq)]
enum Order {
    YearFirst,
    /// Day-month-year or month-day-year that only one reading makes valid.
    Resolved,
    Ambiguous(i32, i32),
}

/// Diagnose values that start like a numeric date (`2025-2-3`, `10/02/2025 08:00`,
/// `2023-01-29 18:30:22 2023 -0800`, …). None when the value does not look like one.
fn loose_iso(s: &str) -> Option<DateError> {
    let b = s.as_bytes();
    let mut c = Cursor { b, i: 0 };
    let mut issues: Vec<String> = Vec::new();
    let mut can_suggest = true;
    let mut f = Fields::default();

    // --- date
    let (n1, l1) = c.digits();
    if l1 == 0 {
        return None;
    }
    let order;
    if l1 == 8 && !matches!(c.peek(), Some(b'-' | b'/' | b'.')) {
        order = Order::YearFirst;
        (f.year, f.month, f.day) = (n1 / 10000, n1 / 100 % 100, n1 % 100);
        issues.push("the date has no `-` separators (write YYYY-MM-DD)".to_string());
    } else {
        let sep = c.peek().filter(|x| matches!(x, b'-' | b'/' | b'.'))?;
        c.i += 1;
        let (n2, l2) = c.digits();
        if !(1..=2).contains(&l2) || !c.eat(sep) {
            return None;
        }
        let (n3, l3) = c.digits();
        if l1 == 4 && (1..=2).contains(&l3) {
            order = Order::YearFirst;
            (f.year, f.month, f.day) = (n1, n2, n3);
            if sep != b'-' {
                issues.push(format!(
                    "the date uses `{}` instead of `-` (write YYYY-MM-DD)",
                    sep as char
                ));
            }
            if l2 == 1 {
                issues.push(format!("the month has one digit (write {n2:02})"));
            }
            if l3 == 1 {
                issues.push(format!("the day has one digit (write {n3:02})"));
            }
        } else if (1..=2).contains(&l1) && l3 == 4 {
            f.year = n3;
            if n1 == n2 || (n1 > 12 && n2 <= 12) {
                order = Order::Resolved;
                (f.day, f.month) = (n1, n2);
            } else if n2 > 12 && n1 <= 12 {
                order = Order::Resolved;
                (f.month, f.day) = (n1, n2);
            } else {
                order = Order::Ambiguous(n1, n2);
            }
        } else {
            return None;
        }
    }
    let date_end = c.i;

    // --- time
    let mut has_time = false;
    let save = c.i;
    let tsep = c.peek();
    let sep_ok = match tsep {
        Some(b'T' | b't' | b'_') => {
            c.i += 1;
            true
        }
        Some(b' ') => {
            c.spaces();
            true
        }
        _ => false,
    };
    if sep_ok {
        let (h, hl) = c.digits();
        if (1..=2).contains(&hl) && c.eat(b':') {
            let (mi, ml) = c.digits();
            if (1..=2).contains(&ml) {
                has_time = true;
                f.hour = h;
                f.minute = mi;
                if ml == 1 {
                    issues.push(format!("the minute has one digit (write {mi:02})"));
                }
                if tsep == Some(b't') {
                    issues.push("the `T` between the date and the time must be upper-case".into());
                } else if tsep == Some(b'_') {
                    issues.push("the date and the time must be separated by `T` or a space".into());
                }
                let before_seconds = c.i;
                let (sec, sl) = if c.eat(b':') { c.digits() } else { (0, 0) };
                if (1..=2).contains(&sl) {
                    f.second = sec;
                    if sl == 1 {
                        issues.push(format!("the second has one digit (write {sec:02})"));
                    }
                    if matches!(c.peek(), Some(b'.' | b',')) && is_digit(b, c.i + 1) {
                        c.i += 1;
                        let start = c.i;
                        c.digits();
                        f.nanos = fraction_nanos(&b[start..c.i]);
                    }
                } else {
                    c.i = before_seconds;
                    issues.push("the time has no seconds (Hugo needs HH:MM:SS)".into());
                }
                // 12-hour clock.
                let save_ampm = c.i;
                c.spaces();
                let word = c.letters();
                if (word.eq_ignore_ascii_case(b"am") || word.eq_ignore_ascii_case(b"pm"))
                    && c.at_word_end()
                {
                    let pm = word.eq_ignore_ascii_case(b"pm");
                    if (1..=12).contains(&f.hour) {
                        f.hour = match (pm, f.hour) {
                            (true, 12) => 12,
                            (true, h) => h + 12,
                            (false, 12) => 0,
                            (false, h) => h,
                        };
                    }
                    issues.push("a 12-hour clock with AM/PM is not accepted (write 00-23)".into());
                } else {
                    c.i = save_ampm;
                }
            }
        }
    }
    if !has_time {
        c.i = save;
    }

    // --- a repeated year, a zone, in either order
    let mut second_year = None;
    let mut zone_seen = false;
    for _ in 0..2 {
        let save = c.i;
        let spaces = c.spaces();
        if c.i == b.len() {
            c.i = save;
            break;
        }
        let (y, yl) = c.digits();
        if yl == 4 && spaces > 0 && c.at_word_end() && second_year.is_none() {
            second_year = Some(y);
            continue;
        }
        c.i = save + spaces;
        if zone_seen {
            c.i = save;
            break;
        }
        match loose_zone(&mut c, spaces, tsep == Some(b' '), has_time) {
            Some((offset, issue)) => {
                zone_seen = true;
                f.offset = offset;
                if offset.is_none() {
                    can_suggest = false;
                }
                if let Some(issue) = issue {
                    issues.push(issue);
                }
            }
            None => {
                c.i = save;
                break;
            }
        }
    }
    match second_year {
        Some(y) if y == f.year => issues.insert(0, "the year appears twice".into()),
        Some(y) => {
            can_suggest = false;
            issues.insert(0, format!("a second year ({y}) follows the time"));
        }
        None => {}
    }
    if c.i < b.len() {
        can_suggest = false;
        let mut at = c.i;
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        issues.insert(
            0,
            format!("unexpected text `{}` after the date", show(&s[at..])),
        );
    }
    if zone_seen && !has_time {
        issues.push("a date without a time cannot have an offset".into());
    }
    f.date_only = !has_time && !zone_seen;

    // --- range
    let range = if !(1..=12).contains(&f.month) {
        Some(RangeErr::Month(f.month))
    } else if f.day < 1 || f.day > days_in_month(f.year, f.month) {
        Some(RangeErr::Day)
    } else if f.hour >= 24 {
        Some(RangeErr::Hour(f.hour))
    } else if f.minute >= 60 {
        Some(RangeErr::Minute(f.minute))
    } else if f.second >= 60 {
        Some(RangeErr::Second(f.second))
    } else {
        None
    };

    // --- the order of day and month comes first, then ranges, then the rest
    let year_first_msg = |extra: String| {
        format!(
            "`{}` is not a layout Hugo accepts: write the date year first, as YYYY-MM-DD{extra}",
            show(s)
        )
    };
    match order {
        Order::Ambiguous(a, m) => {
            let date_text = String::from_utf8_lossy(&b[..date_end]);
            return Some(DateError {
                reason: year_first_msg(format!(
                    " (`{date_text}` could be {y:04}-{a:02}-{m:02} or {y:04}-{m:02}-{a:02})",
                    y = f.year
                )),
                suggestion: None,
            });
        }
        Order::Resolved => issues.insert(0, year_first_msg(String::new())),
        Order::YearFirst => {}
    }
    if let Some(err) = range {
        let at = usize::from(order == Order::Resolved);
        issues.insert(at, range_reason(err, &f));
    }
    let reason = issues.into_iter().next()?;
    let suggestion = if !can_suggest {
        None
    } else if let Some(err) = range {
        range_fix(err, &f).and_then(|f| suggest(&f))
    } else {
        suggest(&f)
    };
    Some(DateError { reason, suggestion })
}

/// A zone after a loose time: (offset when known, issue when Hugo rejects it).
/// None when there is no zone here. `space_sep`: date and time are separated by spaces
/// (the only case where Hugo takes a space before a numeric offset).
fn loose_zone(
    c: &mut Cursor,
    spaces: usize,
    space_sep: bool,
    has_time: bool,
) -> Option<(Option<i32>, Option<String>)> {
    let space_issue = |what: &str, is_z: bool| -> Option<String> {
        (has_time && spaces > 0 && (is_z || !space_sep))
            .then(|| format!("{what} must follow the time without a space"))
    };
    match c.peek()? {
        z @ (b'Z' | b'z') => {
            c.i += 1;
            if !c.at_word_end() {
                return None;
            }
            let issue = if z == b'z' {
                Some("the `Z` must be upper-case".to_string())
            } else {
                space_issue("`Z`", true)
            };
            Some((Some(0), issue))
        }
        sign @ (b'+' | b'-') => {
            c.i += 1;
            let (v, l) = c.digits();
            let (hh, mm, issue) = match l {
                4 => (v / 100, v % 100, space_issue("the offset", false)),
                1 | 2 => {
                    if c.eat(b':') {
                        let (m, ml) = c.digits();
                        if ml != 2 {
                            return None;
                        }
                        let issue = if l == 1 {
                            Some(format!("the offset hour has one digit (write {v:02})"))
                        } else {
                            space_issue("the offset", false)
                        };
                        (v, m, issue)
                    } else {
                        (
                            v,
                            0,
                            Some(format!("the offset has no minutes (write {v:02}:00)")),
                        )
                    }
                }
                _ => return None,
            };
            let secs = (hh * 60 + mm) * 60;
            // Only offsets RFC 3339 can write are suggested.
            let offset = (hh <= 23 && mm <= 59).then_some(if sign == b'-' { -secs } else { secs });
            // A zone name after the offset (Go's time.String() wants `-0700 MST`).
            let save = c.i;
            let n = c.spaces();
            let name = c.letters();
            let issue = if n > 0 && (3..=5).contains(&name.len()) && c.at_word_end() {
                Some(
                    "a zone name after the offset is only accepted as `2006-01-02 15:04:05 -0700 MST`"
                        .to_string(),
                )
                .or(issue)
            } else {
                c.i = save;
                issue
            };
            Some((offset, issue))
        }
        b'A'..=b'Z' | b'a'..=b'z' if has_time => {
            let name = c.letters();
            if !(1..=5).contains(&name.len()) || !c.at_word_end() {
                return None;
            }
            let utc = name.eq_ignore_ascii_case(b"UTC") || name.eq_ignore_ascii_case(b"GMT");
            let issue = format!(
                "a zone name (`{}`) after the time is not accepted; write an offset such as `Z` or `+01:00`",
                String::from_utf8_lossy(name)
            );
            Some((utc.then_some(0), Some(issue)))
        }
        _ => None,
    }
}

/// Guess the parts of a value written with a month name (`February 10, 2025`,
/// `Mon, 3 Nov 2018 16:20:59 GMT`): only when month, day and year are clear and every
/// word is understood.
fn loose_text(s: &str) -> Option<Fields> {
    let mut f = Fields::default();
    let (mut month, mut day, mut year) = (None, None, None);
    let mut time = false;
    let mut pm = None;
    for token in s.split(|c: char| c.is_whitespace() || c == ',') {
        let token = token.trim_end_matches('.');
        if token.is_empty() {
            continue;
        }
        let lower = token.to_ascii_lowercase();
        let b = token.as_bytes();
        if b.iter().all(u8::is_ascii_alphabetic) {
            let find = |names: &[&str]| -> Option<usize> {
                if lower.len() < 3 {
                    return None;
                }
                names
                    .iter()
                    .position(|n| n.to_ascii_lowercase().starts_with(lower.as_str()))
            };
            if let Some(m) = find(&MONTH_NAMES) {
                if month.replace(m as i32 + 1).is_some() {
                    return None;
                }
            } else if find(&DAY_NAMES).is_some() {
                // The weekday is ignored, as Hugo does.
            } else if lower == "am" || lower == "pm" {
                pm = Some(lower == "pm");
            } else if lower == "utc" || lower == "gmt" || lower == "z" {
                f.offset = Some(0);
            } else {
                return None;
            }
        } else if b.iter().all(u8::is_ascii_digit) {
            let v: i32 = token.parse().ok()?;
            match b.len() {
                4 => {
                    if year.is_some_and(|y| y != v) {
                        return None;
                    }
                    year = Some(v);
                }
                1 | 2 if day.replace(v).is_none() => {}
                _ => return None,
            }
        } else if let Some(num) = ["st", "nd", "rd", "th"]
            .iter()
            .find_map(|suffix| lower.strip_suffix(suffix))
            .filter(|n| (1..=2).contains(&n.len()) && n.bytes().all(|c| c.is_ascii_digit()))
        {
            if day.replace(num.parse().ok()?).is_some() {
                return None;
            }
        } else if b[0].is_ascii_digit() && token.contains(':') && !time {
            let mut c = Cursor { b, i: 0 };
            let (h, hl) = c.digits();
            let ok_colon = c.eat(b':');
            let (mi, ml) = c.digits();
            if !(1..=2).contains(&hl) || !ok_colon || ml != 2 {
                return None;
            }
            (f.hour, f.minute) = (h, mi);
            if c.eat(b':') {
                let (sec, sl) = c.digits();
                if sl != 2 {
                    return None;
                }
                f.second = sec;
                if matches!(c.peek(), Some(b'.' | b',')) && is_digit(b, c.i + 1) {
                    c.i += 1;
                    let start = c.i;
                    c.digits();
                    f.nanos = fraction_nanos(&b[start..c.i]);
                }
            }
            let rest = token[c.i..].to_ascii_lowercase();
            match rest.as_str() {
                "" => {}
                "am" | "pm" => pm = Some(rest == "pm"),
                _ => return None,
            }
            time = true;
        } else if matches!(b[0], b'+' | b'-') && b.len() >= 3 {
            let digits: String = token[1..].chars().filter(|&c| c != ':').collect();
            if digits.len() != 4 || !digits.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let v: i32 = digits.parse().ok()?;
            if v / 100 > 23 || v % 100 > 59 {
                return None;
            }
            let secs = (v / 100 * 60 + v % 100) * 60;
            f.offset = Some(if b[0] == b'-' { -secs } else { secs });
        } else {
            return None;
        }
    }
    (f.year, f.month, f.day) = (year?, month?, day?);
    if let Some(pm) = pm {
        if !(1..=12).contains(&f.hour) {
            return None;
        }
        f.hour = match (pm, f.hour) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
    }
    f.date_only = !time && f.offset.is_none();
    let dim = days_in_month(f.year, f.month);
    if f.day > dim && dim > 0 {
        f.day = dim;
    }
    Some(f)
}

/// The instant the `--now` option or `FRONTLINT_NOW` gives: RFC 3339, or a date (midnight UTC).
pub fn parse_now(s: &str) -> Result<jiff::Timestamp, String> {
    if let Ok(t) = s.parse::<jiff::Timestamp>() {
        return Ok(t);
    }
    match parse(s) {
        Ok(d) => d
            .timestamp(&jiff::tz::TimeZone::UTC)
            .ok_or_else(|| format!("`{s}` is out of range")),
        Err(e) => {
            // The reason when it is specific ("month 13 does not exist"), not the list of
            // forms Hugo reads: `--now` takes RFC 3339, the example says what that looks like.
            let reason = if e.reason.starts_with(&format!("`{s}` is not a")) {
                String::new()
            } else {
                format!(" ({})", e.reason)
            };
            Err(format!(
                "`{s}` is not a date-time{reason}: write one such as `2026-01-31T09:30:00+08:00`, `2026-01-31T01:30:00Z` or `2026-01-31`"
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> HugoDate {
        match parse(s) {
            Ok(date) => date,
            Err(err) => panic!("{s:?} should parse: {err:?}"),
        }
    }

    fn err(s: &str) -> DateError {
        match parse(s) {
            Ok(date) => panic!("{s:?} should be rejected, got {date:?}"),
            Err(err) => err,
        }
    }

    /// (value, canonical, offset seconds, date_only, nonstandard)
    type Case = (
        &'static str,
        &'static str,
        Option<i32>,
        bool,
        Option<&'static str>,
    );

    fn check(cases: &[Case]) {
        for &(value, canonical, offset, date_only, reason) in cases {
            let date = ok(value);
            assert_eq!(date.canonical(), canonical, "canonical of {value:?}");
            assert_eq!(
                date.offset.map(|o| o.seconds()),
                offset,
                "offset of {value:?}"
            );
            assert_eq!(date.date_only, date_only, "date_only of {value:?}");
            assert_eq!(date.nonstandard, reason, "nonstandard of {value:?}");
            assert!(is_valid(value), "is_valid {value:?}");
        }
    }

    // --- every layout of the cast list, in order ---------------------------------------

    #[test]
    fn layout_01_date() {
        check(&[
            ("2025-02-10", "2025-02-10", None, true, None),
            ("0000-01-01", "0000-01-01", None, true, None),
            ("9999-12-31", "9999-12-31", None, true, None),
            ("2024-02-29", "2024-02-29", None, true, None),
            ("2000-02-29", "2000-02-29", None, true, None),
        ]);
        let date = ok("2025-02-10");
        assert_eq!(date.civil, jiff::civil::date(2025, 2, 10).at(0, 0, 0, 0));
    }

    #[test]
    fn layout_02_rfc3339() {
        check(&[
            (
                "2025-02-10T07:55:15Z",
                "2025-02-10T07:55:15Z",
                Some(0),
                false,
                None,
            ),
            (
                "2025-02-10T07:55:15+08:00",
                "2025-02-10T07:55:15+08:00",
                Some(28800),
                false,
                None,
            ),
            (
                "2025-02-10T07:55:15-05:30",
                "2025-02-10T07:55:15-05:30",
                Some(-19800),
                false,
                None,
            ),
            (
                "2025-02-10T07:55:15+00:00",
                "2025-02-10T07:55:15Z",
                Some(0),
                false,
                None,
            ),
            (
                "2025-02-10T07:55:15.5Z",
                "2025-02-10T07:55:15.5Z",
                Some(0),
                false,
                None,
            ),
            (
                "2025-02-10T07:55:15.123456789+01:00",
                "2025-02-10T07:55:15.123456789+01:00",
                Some(3600),
                false,
                None,
            ),
            (
                "2025-02-10T07:55:15.500Z",
                "2025-02-10T07:55:15.5Z",
                Some(0),
                false,
                None,
            ),
            (
                "2025-02-10T07:55:15.000Z",
                "2025-02-10T07:55:15Z",
                Some(0),
                false,
                None,
            ),
            // Go drops digits past the ninth.
            (
                "2025-02-10T07:55:15.1234567891234Z",
                "2025-02-10T07:55:15.123456789Z",
                Some(0),
                false,
                None,
            ),
            (
                "2019-05-27T4:55:44+08:00",
                "2019-05-27T04:55:44+08:00",
                Some(28800),
                false,
                Some(R_HOUR_ONE_DIGIT),
            ),
            (
                "2025-02-10T07:55:15,25Z",
                "2025-02-10T07:55:15.25Z",
                Some(0),
                false,
                Some(R_FRACTION_COMMA),
            ),
            (
                "2025-02-10T07:55:15+24:00",
                "2025-02-10T07:55:15+24:00",
                Some(86400),
                false,
                Some(R_OFFSET_RANGE),
            ),
            (
                "2025-02-10T07:55:15-01:60",
                "2025-02-10T07:55:15-02:00",
                Some(-7200),
                false,
                Some(R_OFFSET_RANGE),
            ),
        ]);
    }

    #[test]
    fn layout_03_iso_without_offset() {
        check(&[
            (
                "2025-02-10T07:55:15",
                "2025-02-10T07:55:15",
                None,
                false,
                None,
            ),
            (
                "2025-02-10T00:00:00",
                "2025-02-10T00:00:00",
                None,
                false,
                None,
            ),
            (
                "2025-02-10T23:59:59.999999999",
                "2025-02-10T23:59:59.999999999",
                None,
                false,
                None,
            ),
            (
                "2025-02-10T7:55:15",
                "2025-02-10T07:55:15",
                None,
                false,
                Some(R_HOUR_ONE_DIGIT),
            ),
        ]);
    }

    #[test]
    fn layout_04_rfc1123z() {
        check(&[
            (
                "Sat, 03 Nov 2018 16:20:59 +0800",
                "2018-11-03T16:20:59+08:00",
                Some(28800),
                false,
                Some(R_RFC1123Z),
            ),
            (
                "Sat, 03 Nov 2018 16:20:59 -0000",
                "2018-11-03T16:20:59Z",
                Some(0),
                false,
                Some(R_RFC1123Z),
            ),
            // Names match ignoring case, as in Go.
            (
                "sat, 03 NOV 2018 16:20:59 +0800",
                "2018-11-03T16:20:59+08:00",
                Some(28800),
                false,
                Some(R_RFC1123Z),
            ),
            (
                "Sat, 03 Nov 2018 6:20:59 +0800",
                "2018-11-03T06:20:59+08:00",
                Some(28800),
                false,
                Some(R_RFC1123Z),
            ),
        ]);
    }

    #[test]
    fn layout_05_rfc1123() {
        check(&[
            (
                "Sat, 03 Nov 2018 16:20:59 GMT",
                "2018-11-03T16:20:59",
                None,
                false,
                Some(R_ZONE_IGNORED),
            ),
            (
                "Sat, 03 Nov 2018 16:20:59 UTC",
                "2018-11-03T16:20:59",
                None,
                false,
                Some(R_ZONE_IGNORED),
            ),
            (
                "Sat, 03 Nov 2018 16:20:59.25 GMT",
                "2018-11-03T16:20:59.25",
                None,
                false,
                Some(R_ZONE_IGNORED),
            ),
            // Other zone names are ignored by Hugo (wall clock in the site time zone).
            (
                "Sat, 03 Nov 2018 16:20:59 PST",
                "2018-11-03T16:20:59",
                None,
                false,
                Some(R_ZONE_IGNORED),
            ),
            (
                "Sat, 03 Nov 2018 16:20:59 CEST",
                "2018-11-03T16:20:59",
                None,
                false,
                Some(R_ZONE_IGNORED),
            ),
            (
                "Sat, 03 Nov 2018 16:20:59 GMT+3",
                "2018-11-03T16:20:59",
                None,
                false,
                Some(R_ZONE_IGNORED),
            ),
            (
                "Sat, 03 Nov 2018 16:20:59 +03",
                "2018-11-03T16:20:59",
                None,
                false,
                Some(R_ZONE_IGNORED),
            ),
            (
                "Sat, 03 Nov 2018 16:20:59 ChST",
                "2018-11-03T16:20:59",
                None,
                false,
                Some(R_ZONE_IGNORED),
            ),
            // The weekday is not checked by Hugo; it is reported here.
            (
                "Mon, 03 Nov 2018 16:20:59 GMT",
                "2018-11-03T16:20:59",
                None,
                false,
                Some(R_WEEKDAY_MISMATCH),
            ),
        ]);
        // Zone names Go does not take.
        for bad in ["Z", "PT", "ABCDEF", "ABCD", "GMt", "+24", "+0800x"] {
            assert!(
                !is_valid(&format!("Sat, 03 Nov 2018 16:20:59 {bad}")),
                "{bad}"
            );
        }
    }

    #[test]
    fn layout_06_07_rfc822() {
        check(&[
            (
                "03 Nov 18 16:20 -0700",
                "2018-11-03T16:20:00-07:00",
                Some(-25200),
                false,
                Some(R_RFC822Z),
            ),
            (
                "03 Nov 18 16:20 UTC",
                "2018-11-03T16:20:00",
                None,
                false,
                Some(R_ZONE_IGNORED),
            ),
            (
                "03 Nov 18 16:20 MST",
                "2018-11-03T16:20:00",
                None,
                false,
                Some(R_ZONE_IGNORED),
            ),
            // Two-digit years: 69-99 are 19xx, 00-68 are 20xx.
            (
                "03 Nov 69 16:20 UTC",
                "1969-11-03T16:20:00",
                None,
                false,
                Some(R_ZONE_IGNORED),
            ),
            (
                "03 Nov 68 16:20 UTC",
                "2068-11-03T16:20:00",
                None,
                false,
                Some(R_ZONE_IGNORED),
            ),
        ]);
    }

    #[test]
    fn layout_08_rfc850() {
        check(&[
            (
                "Saturday, 03-Nov-18 16:20:59 UTC",
                "2018-11-03T16:20:59",
                None,
                false,
                Some(R_ZONE_IGNORED),
            ),
            (
                "Saturday, 03-Nov-18 16:20:59 EST",
                "2018-11-03T16:20:59",
                None,
                false,
                Some(R_ZONE_IGNORED),
            ),
            (
                "Sunday, 03-Nov-18 16:20:59 UTC",
                "2018-11-03T16:20:59",
                None,
                false,
                Some(R_WEEKDAY_MISMATCH),
            ),
        ]);
    }

    #[test]
    fn layout_09_time_string() {
        check(&[
            (
                "2018-11-03 16:20:59 +0800 CST",
                "2018-11-03T16:20:59+08:00",
                Some(28800),
                false,
                Some(R_TIME_STRING),
            ),
            (
                "2018-11-03 16:20:59.123 -0700 MST",
                "2018-11-03T16:20:59.123-07:00",
                Some(-25200),
                false,
                Some(R_TIME_STRING),
            ),
            // Go lets the name UTC win over the offset.
            (
                "2018-11-03 16:20:59 +0800 UTC",
                "2018-11-03T16:20:59Z",
                Some(0),
                false,
                Some(R_TIME_STRING),
            ),
        ]);
    }

    #[test]
    fn layout_10_11_offset_without_colon() {
        check(&[
            (
                "2025-02-10T07:55:15+0800",
                "2025-02-10T07:55:15+08:00",
                Some(28800),
                false,
                Some(R_OFFSET_NO_COLON),
            ),
            (
                "2025-02-10T07:55:15.5-0130",
                "2025-02-10T07:55:15.5-01:30",
                Some(-5400),
                false,
                Some(R_OFFSET_NO_COLON),
            ),
            (
                "2025-02-10 07:55:15+0800",
                "2025-02-10T07:55:15+08:00",
                Some(28800),
                false,
                Some(R_OFFSET_NO_COLON),
            ),
            (
                "2025-02-10 07:55:15Z",
                "2025-02-10T07:55:15Z",
                Some(0),
                false,
                None,
            ),
            (
                "2025-02-10 07:55:15.75Z",
                "2025-02-10T07:55:15.75Z",
                Some(0),
                false,
                None,
            ),
        ]);
    }

    #[test]
    fn layout_12_16_space() {
        check(&[
            (
                "2025-02-10 07:55:15",
                "2025-02-10T07:55:15",
                None,
                false,
                None,
            ),
            (
                "2025-02-10 07:55:15.5",
                "2025-02-10T07:55:15.5",
                None,
                false,
                None,
            ),
            (
                "2025-02-10 07:55:15+08:00",
                "2025-02-10T07:55:15+08:00",
                Some(28800),
                false,
                None,
            ),
            (
                "2025-02-10 7:55:15",
                "2025-02-10T07:55:15",
                None,
                false,
                Some(R_HOUR_ONE_DIGIT),
            ),
            (
                "2025-02-10 07:55:15,5",
                "2025-02-10T07:55:15.5",
                None,
                false,
                Some(R_FRACTION_COMMA),
            ),
            // A layout space matches a run of spaces.
            (
                "2025-02-10   07:55:15",
                "2025-02-10T07:55:15",
                None,
                false,
                Some(R_SEVERAL_SPACES),
            ),
        ]);
    }

    #[test]
    fn layout_13_14_15_unix_styles() {
        check(&[
            (
                "Sat Nov  3 16:20:59 2018",
                "2018-11-03T16:20:59",
                None,
                false,
                Some(R_ANSIC),
            ),
            (
                "Sat Nov 3 16:20:59 2018",
                "2018-11-03T16:20:59",
                None,
                false,
                Some(R_ANSIC),
            ),
            (
                "Sat Nov 13 16:20:59 2018",
                "2018-11-13T16:20:59",
                None,
                false,
                Some(R_WEEKDAY_MISMATCH),
            ),
            (
                "Tue Nov 13 16:20:59 2018",
                "2018-11-13T16:20:59",
                None,
                false,
                Some(R_ANSIC),
            ),
            (
                "Sat Nov  3 16:20:59 UTC 2018",
                "2018-11-03T16:20:59",
                None,
                false,
                Some(R_ZONE_IGNORED),
            ),
            (
                "Sat Nov  3 16:20:59 PDT 2018",
                "2018-11-03T16:20:59",
                None,
                false,
                Some(R_ZONE_IGNORED),
            ),
            (
                "Sat Nov 03 16:20:59 -0700 2018",
                "2018-11-03T16:20:59-07:00",
                Some(-25200),
                false,
                Some(R_RUBY_DATE),
            ),
        ]);
    }

    #[test]
    fn layout_17_day_month_year() {
        check(&[
            (
                "03 Nov 2018",
                "2018-11-03",
                None,
                true,
                Some(R_DAY_MONTH_YEAR),
            ),
            (
                "29 feb 2024",
                "2024-02-29",
                None,
                true,
                Some(R_DAY_MONTH_YEAR),
            ),
        ]);
        // The day needs two digits.
        assert!(!is_valid("3 Nov 2018"));
    }

    #[test]
    fn layout_18_19_space_before_offset() {
        check(&[
            (
                "2025-02-10 07:55:15 +08:00",
                "2025-02-10T07:55:15+08:00",
                Some(28800),
                false,
                Some(R_SPACE_BEFORE_OFFSET),
            ),
            (
                "2025-02-10 07:55:15 -0700",
                "2025-02-10T07:55:15-07:00",
                Some(-25200),
                false,
                Some(R_SPACE_BEFORE_OFFSET),
            ),
            (
                "2025-02-10 07:55:15.5 -07:00",
                "2025-02-10T07:55:15.5-07:00",
                Some(-25200),
                false,
                Some(R_SPACE_BEFORE_OFFSET),
            ),
        ]);
    }

    #[test]
    fn layout_20_to_24_time_only() {
        check(&[
            (
                "3:04PM",
                "0000-01-01T15:04:00",
                None,
                false,
                Some(R_KITCHEN),
            ),
            (
                "12:00AM",
                "0000-01-01T00:00:00",
                None,
                false,
                Some(R_KITCHEN),
            ),
            (
                "12:30PM",
                "0000-01-01T12:30:00",
                None,
                false,
                Some(R_KITCHEN),
            ),
            (
                "Nov  3 16:20:59",
                "0000-11-03T16:20:59",
                None,
                false,
                Some(R_STAMP),
            ),
            (
                "Nov  3 16:20:59.123456",
                "0000-11-03T16:20:59.123456",
                None,
                false,
                Some(R_STAMP),
            ),
            (
                "Feb 29 16:20:59",
                "0000-02-29T16:20:59",
                None,
                false,
                Some(R_STAMP),
            ),
            // Only StampMilli (exactly three characters after the point, read by Go's atoi)
            // takes this.
            (
                "Nov  3 16:20:59.+12",
                "0000-11-03T16:20:59.012",
                None,
                false,
                Some(R_STAMP),
            ),
        ]);
        assert!(!is_valid("3:04pm"));
        assert!(!is_valid("13:04PM"));
    }

    // --- the layout table and the chunker -------------------------------------------------

    fn chunks(layout: &[u8]) -> Vec<(String, Std)> {
        let mut out = Vec::new();
        let mut rest = layout;
        loop {
            let (prefix, std, suffix) = next_std_chunk(rest);
            out.push((String::from_utf8_lossy(prefix).into_owned(), std));
            if std == Std::End {
                return out;
            }
            rest = suffix;
        }
    }

    #[test]
    fn chunker_matches_go() {
        use Std::*;
        let lit = |s: &str| s.to_string();
        assert_eq!(
            chunks(b"Mon, 02 Jan 2006 15:04:05 MST"),
            vec![
                (lit(""), WeekDay),
                (lit(", "), ZeroDay),
                (lit(" "), Month),
                (lit(" "), LongYear),
                (lit(" "), Hour),
                (lit(":"), ZeroMinute),
                (lit(":"), ZeroSecond),
                (lit(" "), Tz),
                (lit(""), End),
            ]
        );
        assert_eq!(
            chunks(b"2006-01-02 15:04:05.999999999 -0700 MST"),
            vec![
                (lit(""), LongYear),
                (lit("-"), ZeroMonth),
                (lit("-"), ZeroDay),
                (lit(" "), Hour),
                (lit(":"), ZeroMinute),
                (lit(":"), ZeroSecond),
                (lit(""), FracSecond9(9)),
                (lit(" "), NumTz),
                (lit(" "), Tz),
                (lit(""), End),
            ]
        );
        assert_eq!(
            chunks(b"Monday, 02-Jan-06 15:04:05 MST")[..4],
            [
                (lit(""), LongWeekDay),
                (lit(", "), ZeroDay),
                (lit("-"), Month),
                (lit("-"), Year)
            ]
        );
        assert_eq!(
            chunks(b"2006-01-02T15:04:05Z07:00")[6],
            (lit(""), Iso8601ColonTz)
        );
        assert_eq!(chunks(b"2006-01-02 15:04:05Z0700")[6], (lit(""), Iso8601Tz));
        assert_eq!(chunks(b"Jan _2 15:04:05.000")[1], (lit(" "), UnderDay));
        assert_eq!(chunks(b"Jan _2 15:04:05.000")[5], (lit(""), FracSecond0(3)));
        assert_eq!(
            chunks(b"3:04PM"),
            vec![
                (lit(""), Hour12),
                (lit(":"), ZeroMinute),
                (lit(""), PmUpper),
                (lit(""), End)
            ]
        );
        // No layout uses an element the engine does not parse.
        for layout in &LAYOUTS {
            for (_, std) in chunks(layout.go.as_bytes()) {
                assert!(!matches!(std, UnderYearDay | ZeroYearDay), "{}", layout.go);
            }
        }
    }

    #[test]
    fn every_layout_parses_go_reference_time() {
        // Go's reference time written in each layout (Mon Jan 2 15:04:05 MST 2006 = -0700).
        let examples = [
            "2006-01-02",
            "2006-01-02T15:04:05-07:00",
            "2006-01-02T15:04:05",
            "Mon, 02 Jan 2006 15:04:05 -0700",
            "Mon, 02 Jan 2006 15:04:05 MST",
            "02 Jan 06 15:04 -0700",
            "02 Jan 06 15:04 MST",
            "Monday, 02-Jan-06 15:04:05 MST",
            "2006-01-02 15:04:05.999999999 -0700 MST",
            "2006-01-02T15:04:05-0700",
            "2006-01-02 15:04:05-0700",
            "2006-01-02 15:04:05",
            "Mon Jan  2 15:04:05 2006",
            "Mon Jan  2 15:04:05 MST 2006",
            "Mon Jan 02 15:04:05 -0700 2006",
            "2006-01-02 15:04:05-07:00",
            "02 Jan 2006",
            "2006-01-02 15:04:05 -07:00",
            "2006-01-02 15:04:05 -0700",
            "3:04PM",
            "Jan  2 15:04:05",
            "Jan  2 15:04:05.000",
            "Jan  2 15:04:05.000000",
            "Jan  2 15:04:05.000000000",
        ];
        assert_eq!(examples.len(), LAYOUTS.len());
        for (layout, example) in LAYOUTS.iter().zip(examples) {
            // The layout itself reads its example ...
            let parsed = go_parse(layout.go, example.as_bytes())
                .unwrap_or_else(|at| panic!("{} fails on {example:?} at {at}", layout.go));
            assert!(parsed.range.is_none(), "{example:?}");
            // ... and so does the whole parser.
            let date = ok(example);
            if !matches!(layout.kind, Kind::TimeOnly) {
                assert_eq!(
                    date.civil.date(),
                    jiff::civil::date(2006, 1, 2),
                    "{example:?}"
                );
            }
            assert_eq!(date.date_only, layout.date_only, "{example:?}");
        }
    }

    // --- rejected values -------------------------------------------------------------------

    #[test]
    fn rejects_from_the_brief() {
        let e = err("2025-02-30");
        assert_eq!(e.reason, "February 2025 has 28 days");
        assert_eq!(e.suggestion.as_deref(), Some("2025-02-28"));

        let e = err("2025-13-01");
        assert_eq!(e.reason, "month 13 does not exist");
        assert_eq!(e.suggestion.as_deref(), Some("2025-01-13"));

        let e = err("10/02/2025 08:00");
        assert_eq!(
            e.reason,
            "`10/02/2025 08:00` is not a layout Hugo accepts: write the date year first, as \
             YYYY-MM-DD (`10/02/2025` could be 2025-10-02 or 2025-02-10)"
        );
        assert_eq!(e.suggestion, None);

        let e = err("2023-01-29 18:30:22 2023 -0800");
        assert_eq!(e.reason, "the year appears twice");
        assert_eq!(e.suggestion.as_deref(), Some("2023-01-29T18:30:22-08:00"));

        let e = err("htps");
        assert!(e.reason.starts_with("`htps` is not a date"), "{}", e.reason);
        assert_eq!(e.suggestion, None);

        let e = err("2025-02-10T25:00:00");
        assert_eq!(e.reason, "hour 25 does not exist (hours go from 00 to 23)");
        assert_eq!(e.suggestion, None);
    }

    #[test]
    fn range_errors() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "2025-02-29",
                "February 2025 has 28 days (2025 is not a leap year)",
                Some("2025-02-28"),
            ),
            (
                "1900-02-29",
                "February 1900 has 28 days (1900 is not a leap year)",
                Some("1900-02-28"),
            ),
            (
                "2025-04-31T10:00:00+02:00",
                "April 2025 has 30 days",
                Some("2025-04-30T10:00:00+02:00"),
            ),
            ("2025-02-00", "day 0 does not exist", None),
            ("2025-00-10", "month 0 does not exist", None),
            ("2025-14-20", "month 14 does not exist", None),
            (
                "2025-12-31T24:00:00Z",
                "hour 24 does not exist (hours go from 00 to 23; midnight at the end of a day is 00:00:00 of the next day)",
                Some("2026-01-01T00:00:00Z"),
            ),
            (
                "2025-02-10T10:60:00",
                "minute 60 does not exist (minutes go from 00 to 59)",
                None,
            ),
            (
                "2025-02-10T10:00:60Z",
                "second 60 does not exist for Hugo (leap seconds are not accepted)",
                None,
            ),
            (
                "2025-02-10T10:00:00+25:00",
                "the offset of 25 hours is out of range (at most 24)",
                None,
            ),
            (
                "2025-02-10 10:00:00 +0861",
                "the offset minute 61 is out of range (at most 60)",
                None,
            ),
            (
                "Sat, 31 Feb 2018 16:20:59 GMT",
                "February 2018 has 28 days",
                Some("2018-02-28T16:20:59"),
            ),
            ("31 Apr 2018", "April 2018 has 30 days", Some("2018-04-30")),
            ("13:04PM", "hour 13 does not exist on a 12-hour clock", None),
            (
                "Feb 30 16:20:59",
                "February 0000 has 29 days",
                Some("0000-02-29T16:20:59"),
            ),
            (
                "2025-02-30 25:00:00 -07:00",
                "February 2025 has 28 days",
                None,
            ),
            (
                "Nov  3 16:20:59.-12",
                "the fractional seconds are negative",
                None,
            ),
        ];
        for &(value, reason, suggestion) in cases {
            let e = err(value);
            assert_eq!(e.reason, reason, "{value:?}");
            assert_eq!(e.suggestion.as_deref(), suggestion, "{value:?}");
            assert!(!is_valid(value));
        }
    }

    #[test]
    fn shape_errors_with_suggestions() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "2025-2-3",
                "the month has one digit (write 02)",
                Some("2025-02-03"),
            ),
            (
                "2025-02-3",
                "the day has one digit (write 03)",
                Some("2025-02-03"),
            ),
            (
                "2025/02/10",
                "the date uses `/` instead of `-` (write YYYY-MM-DD)",
                Some("2025-02-10"),
            ),
            (
                "2025.02.10",
                "the date uses `.` instead of `-` (write YYYY-MM-DD)",
                Some("2025-02-10"),
            ),
            (
                "20250210",
                "the date has no `-` separators (write YYYY-MM-DD)",
                Some("2025-02-10"),
            ),
            (
                "2025-02-10T08:00",
                "the time has no seconds (Hugo needs HH:MM:SS)",
                Some("2025-02-10T08:00:00"),
            ),
            (
                "2025-02-10 08:00+01:00",
                "the time has no seconds (Hugo needs HH:MM:SS)",
                Some("2025-02-10T08:00:00+01:00"),
            ),
            (
                "2025-02-10T08:5:00",
                "the minute has one digit (write 05)",
                Some("2025-02-10T08:05:00"),
            ),
            (
                "2025-02-10T08:05:0",
                "the second has one digit (write 00)",
                Some("2025-02-10T08:05:00"),
            ),
            (
                "2025-02-10t07:55:15Z",
                "the `T` between the date and the time must be upper-case",
                Some("2025-02-10T07:55:15Z"),
            ),
            (
                "2025-02-10T07:55:15z",
                "the `Z` must be upper-case",
                Some("2025-02-10T07:55:15Z"),
            ),
            (
                "2025-02-10_07:55:15",
                "the date and the time must be separated by `T` or a space",
                Some("2025-02-10T07:55:15"),
            ),
            (
                "2025-02-10T07:55:15 +08:00",
                "the offset must follow the time without a space",
                Some("2025-02-10T07:55:15+08:00"),
            ),
            (
                "2025-02-10 07:55:15 Z",
                "`Z` must follow the time without a space",
                Some("2025-02-10T07:55:15Z"),
            ),
            (
                "2025-02-10T07:55:15+08",
                "the offset has no minutes (write 08:00)",
                Some("2025-02-10T07:55:15+08:00"),
            ),
            (
                "2025-02-10T07:55:15+8:00",
                "the offset hour has one digit (write 08)",
                Some("2025-02-10T07:55:15+08:00"),
            ),
            (
                "2025-02-10 07:55:15 UTC",
                "a zone name (`UTC`) after the time is not accepted; write an offset such as `Z` or `+01:00`",
                Some("2025-02-10T07:55:15Z"),
            ),
            (
                "2025-02-10 07:55:15 CET",
                "a zone name (`CET`) after the time is not accepted; write an offset such as `Z` or `+01:00`",
                None,
            ),
            (
                "2025-02-10 07:55:15 +08:00 CST",
                "a zone name after the offset is only accepted as `2006-01-02 15:04:05 -0700 MST`",
                Some("2025-02-10T07:55:15+08:00"),
            ),
            (
                "2025-02-10+08:00",
                "a date without a time cannot have an offset",
                Some("2025-02-10T00:00:00+08:00"),
            ),
            (
                "2025-02-10 08:00:00 PM",
                "a 12-hour clock with AM/PM is not accepted (write 00-23)",
                Some("2025-02-10T20:00:00"),
            ),
            (
                "2025-02-10 (draft)",
                "unexpected text ` (draft)` after the date",
                None,
            ),
            (
                "2023-01-29 18:30:22 2024",
                "a second year (2024) follows the time",
                None,
            ),
            (
                "2023-01-29 18:30:22 -0800 2023",
                "the year appears twice",
                Some("2023-01-29T18:30:22-08:00"),
            ),
            (
                "25/02/2025",
                "`25/02/2025` is not a layout Hugo accepts: write the date year first, as YYYY-MM-DD",
                Some("2025-02-25"),
            ),
            (
                "02/25/2025 13:00",
                "`02/25/2025 13:00` is not a layout Hugo accepts: write the date year first, as YYYY-MM-DD",
                Some("2025-02-25T13:00:00"),
            ),
            (
                "31/02/2025",
                "`31/02/2025` is not a layout Hugo accepts: write the date year first, as YYYY-MM-DD",
                Some("2025-02-28"),
            ),
            (
                "2025-02-30 08:00",
                "February 2025 has 28 days",
                Some("2025-02-28T08:00:00"),
            ),
            (
                " 2025-02-10",
                "the value has whitespace before or after it",
                Some("2025-02-10"),
            ),
            (
                "2025-02-10T07:55:15Z\n",
                "the value has whitespace before or after it",
                Some("2025-02-10T07:55:15Z"),
            ),
            (
                " 2025-02-30 ",
                "February 2025 has 28 days",
                Some("2025-02-28"),
            ),
            ("", "the value is empty", None),
            ("  ", "the value is only whitespace", None),
        ];
        for &(value, reason, suggestion) in cases {
            let e = err(value);
            assert_eq!(e.reason, reason, "{value:?}");
            assert_eq!(e.suggestion.as_deref(), suggestion, "{value:?}");
        }
    }

    #[test]
    fn textual_errors() {
        let e = err("February 10, 2025");
        assert_eq!(e.reason, "`February 10, 2025` is not a layout Hugo accepts");
        assert_eq!(e.suggestion.as_deref(), Some("2025-02-10"));

        let e = err("Mon, 3 Nov 2018 16:20:59 GMT");
        assert!(e.reason.contains("nearest: RFC 1123"), "{}", e.reason);
        assert_eq!(e.suggestion.as_deref(), Some("2018-11-03T16:20:59Z"));

        let e = err("Nov 3rd, 2018 4:20 pm");
        assert_eq!(e.suggestion.as_deref(), Some("2018-11-03T16:20:00"));

        let e = err("3 Nov 2018");
        assert_eq!(e.suggestion.as_deref(), Some("2018-11-03"));

        let e = err("1700000000");
        assert_eq!(
            e.reason,
            "`1700000000` is not a layout Hugo accepts (a number is not a date)"
        );

        // Unknown words: no guess.
        assert_eq!(err("sometime in Nov 2018").suggestion, None);
        assert_eq!(err("yesterday").suggestion, None);
    }

    #[test]
    fn strict_go_rules() {
        for bad in [
            "2025-02-10T07:55:15+08:00 ",
            "2025-02-10 ",
            "2025-02-10T",
            "2025-02-10T07:55:15.",
            "2025-02-10T07:55:15.Z",
            "2025-02-10T07:55:15+08:0",
            "2025-02-10T07:55:15+08:000",
            "2025-02-10T07:55:15ZZ",
            "2025-02-10T007:55:15",
            "2025-02-10T07:55",
            "2025-02-10T07:55:15 Z",
            "2025-02-10T07:55:15 +08:00",
            "2025-02-10 07:55:15 UTC",
            "2025-02-10T07:55:15Z+08:00",
            "2025-02-10T07:55:15-08",
            "+2025-02-10",
            "25-02-10",
            "2025-02-1",
            "2025-2-10",
            "２０２５-02-10",
            "2025-02-10T07:55:15.5.5",
            "2025-02-10\t07:55:15",
            "2025-02-10\u{a0}07:55:15",
        ] {
            assert!(!is_valid(bad), "{bad:?} should be rejected");
            assert!(parse(bad).is_err());
        }
    }

    // --- canonical() and timestamp() --------------------------------------------------------

    #[test]
    fn canonical_forms() {
        for (value, canonical) in [
            ("2019-05-27T4:55:44+08:00", "2019-05-27T04:55:44+08:00"),
            ("Sat, 03 Nov 2018 16:20:59 GMT", "2018-11-03T16:20:59"),
            ("2025-02-10T07:55:15+0800", "2025-02-10T07:55:15+08:00"),
            ("2025-02-10", "2025-02-10"),
            ("2025-02-10T07:55:15", "2025-02-10T07:55:15"),
            ("2025-02-10 07:55:15", "2025-02-10T07:55:15"),
            ("2025-02-10T07:55:15.120Z", "2025-02-10T07:55:15.12Z"),
            (
                "2025-02-10T07:55:15.000000001Z",
                "2025-02-10T07:55:15.000000001Z",
            ),
            ("2025-02-10T07:55:15-00:30", "2025-02-10T07:55:15-00:30"),
            ("03 Nov 2018", "2018-11-03"),
        ] {
            let date = ok(value);
            assert_eq!(date.canonical(), canonical, "{value:?}");
            // The canonical form is itself standard and means the same.
            let again = ok(canonical);
            assert_eq!(again.nonstandard, None, "{canonical:?}");
            assert_eq!(again.civil, date.civil);
            assert_eq!(again.offset, date.offset);
            assert_eq!(again.date_only, date.date_only);
        }
    }

    #[test]
    fn canonical_in_the_site_time_zone_keeps_the_instant_hugo_reads() {
        let shanghai = TimeZone::get("Asia/Shanghai").unwrap();
        let new_york = TimeZone::get("America/New_York").unwrap();
        for (value, site, canonical) in [
            // Hugo 0.168 reads these at 15:04:05+08:00 with `timeZone = "Asia/Shanghai"`
            // (tests/data/readers/ORACLE-hugo-list-all.csv).
            (
                "Mon, 02 Jan 2006 15:04:05 GMT",
                Some(&shanghai),
                "2006-01-02T15:04:05+08:00",
            ),
            (
                "Mon, 02 Jan 2006 15:04:05 UTC",
                Some(&shanghai),
                "2006-01-02T15:04:05+08:00",
            ),
            (
                "Mon, 02 Jan 2006 15:04:05 MST",
                Some(&shanghai),
                "2006-01-02T15:04:05+08:00",
            ),
            // Unknown site zone: no offset, which Hugo reads in the site zone too.
            ("Mon, 02 Jan 2006 15:04:05 GMT", None, "2006-01-02T15:04:05"),
            // A wall-clock time the zone skips (daylight saving): no offset either.
            (
                "Sun, 09 Mar 2025 02:30:00 EST",
                Some(&new_york),
                "2025-03-09T02:30:00",
            ),
            (
                "Sun, 09 Mar 2025 12:30:00 EST",
                Some(&new_york),
                "2025-03-09T12:30:00-04:00",
            ),
            // A written offset is kept whatever the site zone.
            (
                "2019-05-27T4:55:44+08:00",
                Some(&new_york),
                "2019-05-27T04:55:44+08:00",
            ),
            ("02 Jan 2006", Some(&shanghai), "2006-01-02"),
        ] {
            let date = ok(value);
            assert_eq!(date.canonical_in(site), canonical, "{value:?}");
            let tz = site.cloned().unwrap_or(TimeZone::UTC);
            assert_eq!(
                ok(canonical).timestamp(&tz),
                date.timestamp(&tz),
                "{value:?}: same instant"
            );
        }
    }

    #[test]
    fn timestamp_with_fixed_offsets() {
        let minus5 = TimeZone::fixed(jiff::tz::offset(-5));
        let at = |value: &str, tz: &TimeZone| ok(value).timestamp(tz).unwrap().to_string();
        assert_eq!(at("2025-02-10", &minus5), "2025-02-10T05:00:00Z");
        assert_eq!(at("2025-02-10T07:55:15", &minus5), "2025-02-10T12:55:15Z");
        assert_eq!(
            at("2025-02-10T07:55:15.5", &TimeZone::UTC),
            "2025-02-10T07:55:15.5Z"
        );
        // A written offset wins over the default zone.
        assert_eq!(
            at("2025-02-10T07:55:15+08:00", &minus5),
            "2025-02-09T23:55:15Z"
        );
        assert_eq!(
            at("2025-02-10T07:55:15+0800", &minus5),
            "2025-02-09T23:55:15Z"
        );
        // A zone name Hugo ignores, `GMT` included: read in the default zone.
        assert_eq!(
            at("Sat, 03 Nov 2018 16:20:59 GMT", &minus5),
            "2018-11-03T21:20:59Z"
        );
        // A zone name Hugo ignores: read in the default zone.
        assert_eq!(
            at("Sat, 03 Nov 2018 16:20:59 PST", &minus5),
            "2018-11-03T21:20:59Z"
        );
        // Year 0 is fine.
        assert_eq!(at("3:04PM", &TimeZone::UTC), "0000-01-01T15:04:00Z");
        // Out of jiff's range: None, no panic.
        let date = ok("9999-12-31T23:59:59-24:00");
        assert_eq!(date.timestamp(&TimeZone::UTC), None);
        let date = ok("0000-01-01T00:00:00+24:00");
        assert!(date.timestamp(&TimeZone::UTC).is_some());
    }

    #[test]
    fn timestamp_with_iana_zones() {
        // jiff reads the system database (/usr/share/zoneinfo). Where a machine has none,
        // this test says so and checks nothing.
        let (Ok(shanghai), Ok(new_york)) = (
            TimeZone::get("Asia/Shanghai"),
            TimeZone::get("America/New_York"),
        ) else {
            eprintln!("no IANA time-zone database: timestamp_with_iana_zones skipped");
            return;
        };
        let at = |value: &str, tz: &TimeZone| ok(value).timestamp(tz).unwrap().to_string();
        assert_eq!(at("2025-02-10", &shanghai), "2025-02-09T16:00:00Z");
        assert_eq!(at("2025-02-10T07:55:15", &shanghai), "2025-02-09T23:55:15Z");
        assert_eq!(
            at("2025-02-10T07:55:15Z", &shanghai),
            "2025-02-10T07:55:15Z"
        );
        assert_eq!(at("2024-07-01T12:00:00", &new_york), "2024-07-01T16:00:00Z");
        assert_eq!(at("2024-01-01T12:00:00", &new_york), "2024-01-01T17:00:00Z");
        // In the spring-forward gap the later reading is used (jiff's "compatible").
        assert_eq!(at("2024-03-10T02:30:00", &new_york), "2024-03-10T07:30:00Z");
    }

    // --- fast path == layout engine, no panics ------------------------------------------------

    /// A small deterministic generator (xorshift64*).
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }

        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[(self.next() % items.len() as u64) as usize]
        }
    }

    /// Every property of one value.
    fn check_value(s: &str) {
        let parsed = parse(s);
        assert_eq!(is_valid(s), parsed.is_ok(), "{s:?}");
        match (fast_path(s.as_bytes()), parse_layouts(s.as_bytes())) {
            (Fast::Ok(fast), Ok(slow)) => assert_eq!(fast, slow, "{s:?}"),
            (Fast::Ok(fast), Err(_)) => panic!("{s:?}: fast path took {fast:?}, Go would not"),
            (Fast::Range(..), Ok(slow)) => panic!("{s:?}: fast path refused, Go takes {slow:?}"),
            (Fast::Range(e1, f1), Err(fail)) => {
                assert!(fail.range.is_some(), "{s:?}: {e1:?} but no layout shape");
                assert_eq!(fail.range.map(|(_, f)| f.date_only), Some(f1.date_only));
            }
            (Fast::Fallback, _) => {}
        }
        match parsed {
            Ok(date) => {
                let canonical = date.canonical();
                let again = parse(&canonical)
                    .unwrap_or_else(|e| panic!("{s:?} -> {canonical:?} fails: {e:?}"));
                // Offsets of 24 hours or 60 minutes (Go takes them) have no RFC 3339 form.
                let expected = date
                    .offset
                    .filter(|o| o.seconds().abs() >= 24 * 3600)
                    .map(|_| R_OFFSET_RANGE);
                assert_eq!(again.nonstandard, expected, "{canonical:?}");
                assert_eq!(
                    (again.civil, again.offset),
                    (date.civil, date.offset),
                    "{s:?}"
                );
                let _ = date.timestamp(&TimeZone::UTC);
            }
            Err(e) => {
                assert!(!e.reason.is_empty());
                if let Some(suggestion) = &e.suggestion {
                    let fixed = parse(suggestion)
                        .unwrap_or_else(|e| panic!("{s:?}: suggestion {suggestion:?}: {e:?}"));
                    assert_eq!(fixed.nonstandard, None, "{suggestion:?}");
                    assert_eq!(&fixed.canonical(), suggestion);
                }
            }
        }
    }

    #[test]
    fn fast_path_agrees_with_layout_engine() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let years = ["2025", "2024", "0000", "9999", "1900", "202", "20255"];
        let months = ["01", "02", "04", "12", "13", "00", "2", "1a"];
        let days = ["01", "28", "29", "30", "31", "00", "1", "32"];
        let seps = ["", "T", " ", "  ", "t", "_", "\t"];
        let hours = ["00", "7", "07", "23", "24", "25", "123", "", "x"];
        let rest = [":55:15", ":5:15", ":55", ":55:60", ":60:00", ":55:1", ""];
        let fracs = ["", ".5", ",5", ".123456789123", ".", ",", ".x", ".000"];
        let zones = [
            "",
            "Z",
            "z",
            "+08:00",
            "-08:00",
            "+0800",
            "-0000",
            "+24:00",
            "+25:00",
            "+08:60",
            "+08:61",
            "+08",
            " +08:00",
            " -0700",
            "  -0700",
            "+08:00:00",
            "Zx",
            " Z",
            " +0800 CST",
            " +0800 UTC",
            " UTC",
            "+8:00",
            "+08:0",
            "-08000",
        ];
        for _ in 0..60_000 {
            let s = format!(
                "{}-{}-{}{}{}{}{}{}",
                rng.pick(&years),
                rng.pick(&months),
                rng.pick(&days),
                rng.pick(&seps),
                rng.pick(&hours),
                rng.pick(&rest),
                rng.pick(&fracs),
                rng.pick(&zones),
            );
            check_value(&s);
        }
    }

    #[test]
    fn no_panics_on_mutated_and_odd_input() {
        let seeds = [
            "2025-02-10T07:55:15.123+08:00",
            "2025-02-10 07:55:15 -0700",
            "2018-11-03 16:20:59.5 +0800 CST",
            "Sat, 03 Nov 2018 16:20:59 GMT+3",
            "Saturday, 03-Nov-18 16:20:59 UTC",
            "Sat Nov  3 16:20:59 PST 2018",
            "Nov  3 16:20:59.000000",
            "3:04PM",
            "10/02/2025 08:00 pm",
            "2023-01-29 18:30:22 2023 -0800",
            "February 10th, 2025 4:20:00 PM +01:00",
        ];
        let alphabet = [
            "0", "1", "2", "9", "-", ":", "T", " ", "  ", "Z", "+", ".", ",", "/", "_", "a", "P",
            "M", "é", "日", "\u{0}", "\n", "\u{feff}", "𝟚", "GMT", "Jan", "Mon",
        ];
        let mut rng = Rng(42);
        for _ in 0..40_000 {
            let mut s = rng.pick(&seeds).to_string();
            for _ in 0..(1 + rng.next() % 4) {
                let mut at = (rng.next() % (s.len() as u64 + 1)) as usize;
                while !s.is_char_boundary(at) {
                    at -= 1;
                }
                match rng.next() % 3 {
                    0 => s.insert_str(at, rng.pick(&alphabet)),
                    1 => {
                        s.truncate(at);
                    }
                    _ => {
                        let tail = s.split_off(at);
                        let skip = tail.chars().next().map_or(0, char::len_utf8);
                        s.push_str(rng.pick(&alphabet));
                        s.push_str(&tail[skip..]);
                    }
                }
            }
            check_value(&s);
        }
        // Every prefix of every seed.
        for seed in seeds {
            for (i, _) in seed.char_indices() {
                check_value(&seed[..i]);
            }
        }
        // Odd and long values.
        let long_digits = "9".repeat(100_000);
        let long_date = format!("2025-02-10T07:55:15.{long_digits}Z");
        let long_zone = format!("Sat, 03 Nov 2018 16:20:59 GMT+{long_digits}");
        let long_tail = format!("2025-02-10 {}", "x".repeat(50_000));
        for s in [
            "",
            " ",
            "\u{0}",
            "日本語の日付",
            "２０２５-０２-１０",
            "2025-02-10T07:55:15\u{301}Z",
            "🎉",
            "+",
            "-",
            "Z",
            "::",
            "..",
            "--",
            "T",
            "GMT",
            "Jan",
            &long_digits,
            &long_date,
            &long_zone,
            &long_tail,
            &"é".repeat(10_000),
            &"2025-".repeat(10_000),
        ] {
            check_value(s);
        }
        assert!(
            is_valid(&long_date),
            "Go takes any number of fraction digits"
        );
        assert_eq!(ok(&long_date).civil.subsec_nanosecond(), 999_999_999);
        assert!(err(&long_tail).reason.chars().count() < 200);
    }

    #[test]
    fn all_short_strings() {
        // Every string of up to three characters from a small alphabet.
        let alphabet = [
            "0", "1", "2", "9", "-", ":", "T", " ", "Z", "+", ".", "P", "M", "é",
        ];
        let mut strings = vec![String::new()];
        for _ in 0..3 {
            let mut next = Vec::new();
            for s in &strings {
                for a in alphabet {
                    next.push(format!("{s}{a}"));
                }
            }
            for s in &next {
                check_value(s);
            }
            strings = next;
        }
    }
}
