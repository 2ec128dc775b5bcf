//! Date rules: every date field parsed the way Hugo does (`crate::dates`), then checked against
//! "now", against each other, and against the file name.
//!
//! Fields (matched case-insensitively, like Hugo): `date`; `publishDate` (aliases `pubdate`,
//! `published`); `lastmod` (alias `modified`); `expiryDate` (alias `unpublishdate`); plus the
//! fields named in `[dates] fields`. A value without offset is read in `[dates] timezone`
//! (UTC when unset). An empty string or null means "no date".

use std::path::Path;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::dates::{self, HugoDate};
use crate::diagnostic::{Diagnostic, Fix, Target};
use crate::document::Document;
use crate::parse::{Node, Value};

/// What the date rules need beyond the file.
#[derive(Debug, Clone)]
pub struct DateOptions {
    pub now: Timestamp,
    /// `None`: no site time zone configured (values without offset are read in UTC).
    pub timezone: Option<TimeZone>,
    /// Extra fields to parse, beyond the known ones.
    pub extra_fields: Vec<String>,
    /// The site builds pages dated in the future / already expired: `date/future` /
    /// `date/expired` have nothing to report.
    pub build_future: bool,
    pub build_expired: bool,
    /// Which date forms the site's generator documents as standard.
    pub dialect: crate::site::DateDialect,
}

impl Default for DateOptions {
    fn default() -> Self {
        DateOptions {
            now: Timestamp::now(),
            timezone: None,
            extra_fields: Vec::new(),
            build_future: false,
            build_expired: false,
            dialect: crate::site::DateDialect::Hugo,
        }
    }
}

/// Whether a date the Hugo-compatible parser calls nonstandard is a form the site's generator
/// documents as its own: Jekyll's `2013-02-22 13:09:05 +0000` (jekyllrb.com/docs/front-matter:
/// "YYYY-MM-DD HH:MM:SS +/-TTTT"; hours, minutes and seconds optional).
fn standard_for(dialect: crate::site::DateDialect, text: &str) -> bool {
    use crate::site::DateDialect;
    match dialect {
        DateDialect::Jekyll => {
            let b = text.trim().as_bytes();
            let digits = |r: std::ops::Range<usize>| {
                b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit))
            };
            let date = b.len() >= 10
                && digits(0..4)
                && b[4] == b'-'
                && digits(5..7)
                && b[7] == b'-'
                && digits(8..10);
            if !date {
                return false;
            }
            let rest = &b[10..];
            let time = |t: &[u8]| {
                t.len() >= 6
                    && t[0] == b' '
                    && t[1..3].iter().all(u8::is_ascii_digit)
                    && t[3] == b':'
                    && t[4..6].iter().all(u8::is_ascii_digit)
            };
            if rest.is_empty() {
                return true;
            }
            if !time(rest) {
                return false;
            }
            let mut r = &rest[6..];
            if r.len() >= 3 && r[0] == b':' && r[1..3].iter().all(u8::is_ascii_digit) {
                r = &r[3..];
            }
            // An optional ` +hhmm` / ` -hhmm` offset.
            r.is_empty()
                || (r.len() == 6
                    && r[0] == b' '
                    && matches!(r[1], b'+' | b'-')
                    && r[2..].iter().all(u8::is_ascii_digit))
        }
        _ => false,
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Date,
    Publish,
    Lastmod,
    Expiry,
    Other,
}

const KNOWN: [(&str, Role); 8] = [
    ("date", Role::Date),
    ("publishDate", Role::Publish),
    ("pubdate", Role::Publish),
    ("published", Role::Publish),
    ("lastmod", Role::Lastmod),
    ("modified", Role::Lastmod),
    ("expiryDate", Role::Expiry),
    ("unpublishdate", Role::Expiry),
];

struct Field<'a> {
    /// The entry's index in the header.
    index: usize,
    key: &'a str,
    role: Role,
    node: &'a Node,
    date: HugoDate,
}

pub fn check(
    doc: &Document,
    opts: &DateOptions,
    on: &dyn Fn(&str) -> bool,
    out: &mut Vec<Diagnostic>,
) {
    let Some(root) = doc.mapping() else { return };
    let utc = TimeZone::UTC;
    let tz = opts.timezone.as_ref().unwrap_or(&utc);
    let mut fields: Vec<Field> = Vec::new();
    for (index, entry) in root.entries().iter().enumerate() {
        let role = KNOWN
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(&entry.key))
            .map(|(_, r)| *r)
            .or_else(|| {
                opts.extra_fields
                    .iter()
                    .any(|f| f.eq_ignore_ascii_case(&entry.key))
                    .then_some(Role::Other)
            });
        let Some(role) = role else { continue };
        let node = &entry.value;
        let text = match &node.value {
            Value::String(s) | Value::DateTime(s) => s.as_str(),
            Value::Null => continue,
            // Jekyll's `published: false` hides a page; it is not a date.
            Value::Bool(_) if role == Role::Publish => continue,
            _ => {
                if on("date/invalid") {
                    out.push(
                        Diagnostic::new(
                            "date/invalid",
                            node.span.clone(),
                            format!("`{}` must be a date, found {}", entry.key, node.describe()),
                        )
                        .help("write a date such as `2025-02-10` or `2025-02-10T07:55:15+08:00`"),
                    );
                }
                continue;
            }
        };
        if text.is_empty() {
            continue;
        }
        match dates::parse(text) {
            Ok(date) => fields.push(Field {
                index,
                key: &entry.key,
                role,
                node,
                date,
            }),
            Err(e) => {
                if on("date/invalid") {
                    let help = match &e.suggestion {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => "write an RFC 3339 date-time such as `2025-02-10T07:55:15+08:00`, or a date such as `2025-02-10`".into(),
                    };
                    out.push(
                        Diagnostic::new(
                            "date/invalid",
                            node.span.clone(),
                            format!("`{}` is not a valid date: {}", entry.key, e.reason),
                        )
                        .help(help),
                    );
                }
            }
        }
    }
    if fields.is_empty() {
        return;
    }
    let native = |f: &Field| matches!(f.node.value, Value::DateTime(_));
    for f in &fields {
        if let (Some(reason), false) = (f.date.nonstandard, native(f)) {
            let raw = match &f.node.value {
                Value::String(s) => s.as_str(),
                _ => "",
            };
            if on("date/nonstandard") && !standard_for(opts.dialect, raw) {
                // The instant Hugo reads: a zone name it ignores is the site's time zone.
                let canonical = f.date.canonical_in(opts.timezone.as_ref());
                let fix = super::edit::replace_str(doc, &[f.index], &canonical).map(|edit| {
                    Fix::set(edit, vec![f.index], Target::Str(canonical.clone()), true)
                });
                let mut d = Diagnostic::new(
                    "date/nonstandard",
                    f.node.span.clone(),
                    format!(
                        "`{}` is a date Hugo reads, but not RFC 3339: {reason}",
                        f.key
                    ),
                )
                .help(format!(
                    "write `{canonical}`; feeds, sitemaps and other tools misread this form"
                ));
                d.fix = fix;
                out.push(d);
            }
        }
        if opts.timezone.is_none()
            && !f.date.date_only
            && f.date.offset.is_none()
            && on("date/missing-timezone")
        {
            out.push(
                Diagnostic::new("date/missing-timezone", f.node.span.clone(), format!("`{}` has no time-zone offset and no site time zone is configured", f.key))
                    .help("add an offset (`+08:00`, `Z`), or set `[dates] timezone` in frontlint.toml to the site's time zone"),
            );
        }
    }
    let draft = root
        .get_entry_ignore_case("draft")
        .is_some_and(|e| e.value.value == Value::Bool(true));
    let find = |role: Role| fields.iter().rev().find(|f| f.role == role);
    let instant = |f: &Field| f.date.timestamp(tz);
    let publish = find(Role::Publish).or_else(|| find(Role::Date));
    if let (Some(p), false) = (publish, draft) {
        if let (Some(t), true) = (instant(p), on("date/future")) {
            doc.compared_with_now(t, opts.now);
            if t > opts.now && !opts.build_future {
                out.push(
                    Diagnostic::new(
                        "date/future",
                        p.node.span.clone(),
                        format!("`{}` is in the future ({}), so the page is not published until then", p.key, describe_instant(t, tz)),
                    )
                    .help("fix the date, or mark the page `draft: true` until it is due (the current time comes from `--now` or FRONTLINT_NOW when set)"),
                );
            }
        }
    }
    if let Some(lastmod) = find(Role::Lastmod) {
        for other in [find(Role::Date), find(Role::Publish)]
            .into_iter()
            .flatten()
        {
            order(
                lastmod,
                other,
                "was modified before it was published",
                tz,
                on,
                out,
            );
        }
    }
    if let Some(expiry) = find(Role::Expiry) {
        let start = find(Role::Publish).or_else(|| find(Role::Date));
        if let Some(start) = start {
            order(expiry, start, "expires before it is published", tz, on, out);
        }
        if let (Some(t), false, true) = (instant(expiry), draft, on("date/expired")) {
            doc.compared_with_now(t, opts.now);
            if t <= opts.now && !opts.build_expired {
                out.push(
                    Diagnostic::new(
                        "date/expired",
                        expiry.node.span.clone(),
                        format!(
                            "`{}` has passed ({}): the page is no longer published",
                            expiry.key,
                            describe_instant(t, tz)
                        ),
                    )
                    .help("remove the page, or move `expiryDate` if it should stay online"),
                );
            }
        }
    }
    if on("date/filename-mismatch") {
        if let Some(f) = find(Role::Date).or(publish) {
            filename_mismatch(doc.site_path.as_deref().unwrap_or(doc.path), f, out);
        }
    }
}

/// `later` must not be before `earlier`.
fn order(
    later: &Field,
    earlier: &Field,
    what: &str,
    tz: &TimeZone,
    on: &dyn Fn(&str) -> bool,
    out: &mut Vec<Diagnostic>,
) {
    let (Some(a), Some(b)) = (later.date.timestamp(tz), earlier.date.timestamp(tz)) else {
        return;
    };
    if a < b && on("date/order") {
        out.push(
            Diagnostic::new(
                "date/order",
                later.node.span.clone(),
                format!(
                    "`{}` is before `{}`: the page {what}",
                    later.key, earlier.key
                ),
            )
            .label(describe_instant(a, tz))
            .with_label(earlier.node.span.clone(), describe_instant(b, tz))
            .help(format!(
                "make `{}` the same as or later than `{}`",
                later.key, earlier.key
            )),
        );
    }
}

fn describe_instant(t: Timestamp, tz: &TimeZone) -> String {
    let z = t.to_zoned(tz.clone());
    format!("{}", z.strftime("%Y-%m-%d %H:%M:%S %:z"))
}

/// `2025-02-10-slug.md`, `2018-03-14-19-30-00-slug.md`, or `…/2025/02/…` folders.
fn filename_mismatch(path: &Path, f: &Field, out: &mut Vec<Diagnostic>) {
    let written = f.date.civil.date();
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if let Some((y, m, d)) = leading_date(name) {
        if (y, m, d) != (written.year(), written.month(), written.day()) {
            out.push(mismatch(
                f,
                format!("the file name says {y:04}-{m:02}-{d:02}"),
                written,
            ));
        }
        return;
    }
    // The last `YYYY/MM` pair of folders, if any.
    let parts: Vec<&str> = path
        .parent()
        .map(|p| p.iter().filter_map(|c| c.to_str()).collect())
        .unwrap_or_default();
    for w in parts.windows(2).rev() {
        if let (Some(y), Some(m)) = (number(w[0], 4), number(w[1], 2)) {
            if (1..=12).contains(&m) {
                if (y, m) != (written.year(), i16::from(written.month())) {
                    out.push(mismatch(
                        f,
                        format!("the folders say {y:04}/{m:02}"),
                        written,
                    ));
                }
                return;
            }
        }
    }
}

fn mismatch(f: &Field, what: String, written: jiff::civil::Date) -> Diagnostic {
    Diagnostic::new(
        "date/filename-mismatch",
        f.node.span.clone(),
        format!("{what}, but `{}` is {written}", f.key),
    )
    .help("rename the file or fix the date; permalinks built from one disagree with the other")
}

fn number(s: &str, digits: usize) -> Option<i16> {
    (s.len() == digits && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn leading_date(name: &str) -> Option<(i16, i8, i8)> {
    let b = name.as_bytes();
    if b.len() < 11 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'-' | b'_' | b'.') {
        return None;
    }
    let y = number(&name[0..4], 4)?;
    let m = number(&name[5..7], 2)?;
    let d = number(&name[8..10], 2)?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m as i8, d as i8))
}

pub use crate::dates::parse_now;
