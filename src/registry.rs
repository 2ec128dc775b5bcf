//! The registry of rules: every rule id, its default severity, summary and whether it can be
//! fixed, and the severity type. It imports nothing of the crate, so that `diagnostic`, `rules`,
//! `config` and the reports can all use it without a cycle between them.

use serde::{Deserialize, Serialize};

/// How much a rule matters. Ordered so that `Error > Warning > Off`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Off,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Off => "off",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct RuleInfo {
    pub id: &'static str,
    pub default: Severity,
    /// One line: what the rule reports.
    pub summary: &'static str,
    /// Whether `--fix` can repair what it reports.
    pub fixable: Fixable,
}

const fn rule(id: &'static str, default: Severity, summary: &'static str) -> RuleInfo {
    RuleInfo {
        id,
        default,
        summary,
        fixable: Fixable::No,
    }
}

/// A rule whose findings `--fix` (safe) or `--unsafe-fixes` can repair.
const fn fixable(info: RuleInfo, how: Fixable) -> RuleInfo {
    RuleInfo {
        fixable: how,
        ..info
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fixable {
    No,
    /// Applied by `--fix`.
    Safe,
    /// Applied only with `--unsafe-fixes`.
    Unsafe,
}

impl Fixable {
    pub fn as_str(self) -> &'static str {
        match self {
            Fixable::No => "no",
            Fixable::Safe => "yes",
            Fixable::Unsafe => "unsafe",
        }
    }
}

use Severity::{Error, Off, Warning};

/// Every rule, sorted by id.
#[rustfmt::skip]
pub const RULES: &[RuleInfo] = &[
    rule("date/expired", Warning, "`expiryDate` has passed on a page that is not a draft."),
    rule("date/filename-mismatch", Warning, "The file name (`2025-02-10-slug.md`) or its `YYYY/MM` folders disagree with the date."),
    rule("date/future", Error, "The publication date is in the future and the page is not a draft, so it is not published."),
    rule("date/invalid", Error, "A date field whose value is not a date the site generator accepts."),
    rule("date/missing-timezone", Off, "A date-time without offset while no site time zone is configured."),
    fixable(rule("date/nonstandard", Warning, "A date Hugo accepts but that is not RFC 3339 (one-digit hour, RFC 1123, offset without colon)."), Fixable::Safe),
    rule("date/order", Error, "`lastmod` before the publication date, or `expiryDate` before it."),
    rule("file/outside-root", Warning, "A symlink out of the linted root, or a path under /proc, /sys or /dev: not followed, not read."),
    rule("file/too-large", Error, "The file is larger than frontlint reads (256 MiB)."),
    rule("file/unreadable", Error, "The file or folder cannot be read: missing, permission denied, a symlink loop, not a regular file."),
    rule("i18n/missing-translation", Off, "A page in the default language without a translation in a language `[i18n] require` names."),
    rule("i18n/unknown-language", Error, "Content marked for a language the site does not configure, which the generator drops or misplaces."),
    rule("internal/error", Error, "frontlint failed on this file; please report it. The run goes on with the other files."),
    fixable(rule("lang/invalid", Error, "A `lang`/`language`/`translations` value that is not a valid BCP 47 tag (well-formed, with registered subtags)."), Fixable::Safe),
    rule("link/broken-anchor", Error, "A `#fragment` link to a heading that does not exist on the page it points to."),
    rule("link/broken-ref", Error, "A generator cross-reference (Hugo `ref`/`relref`, Jekyll `link`/`post_url`, Zola `@/`) to a page that does not exist."),
    rule("link/broken-relative", Error, "A relative or root-relative link or image to a file that does not exist."),
    rule("link/empty", Error, "A link or image with an empty destination: `[text]()`."),
    rule("link/insecure", Off, "An `http://` link."),
    rule("link/invalid-url", Error, "A malformed absolute URL in a body link or autolink."),
    rule("link/remote-broken", Error, "With `--remote`: an absolute body link that answers 4xx/5xx or not at all (DNS, TLS, timeout, redirect loop)."),
    rule("schema/additionalItems", Error, "More list items than the schema allows."),
    rule("schema/additionalProperties", Error, "A key that the schema does not allow."),
    rule("schema/anyOf", Error, "The value matches none of the schema's `anyOf` alternatives."),
    rule("schema/const", Error, "The value differs from the schema's `const`."),
    rule("schema/contains", Error, "The list has no item matching the schema's `contains`."),
    rule("schema/dependentRequired", Error, "A key the schema requires when another key is present is missing."),
    rule("schema/enum", Error, "The value is not one of the schema's `enum` values."),
    rule("schema/exclusiveMaximum", Error, "The number is not below the schema's `exclusiveMaximum`."),
    rule("schema/exclusiveMinimum", Error, "The number is not above the schema's `exclusiveMinimum`."),
    rule("schema/false", Error, "The schema allows no value here (`false` schema)."),
    rule("schema/format", Error, "The string does not have the schema's `format` (date, date-time, uri, email, …)."),
    rule("schema/maxItems", Error, "The list has more items than the schema's `maxItems`."),
    rule("schema/maxLength", Error, "The string is longer than the schema's `maxLength` (in characters)."),
    rule("schema/maxProperties", Error, "The mapping has more keys than the schema's `maxProperties`."),
    rule("schema/maximum", Error, "The number is above the schema's `maximum`."),
    rule("schema/minItems", Error, "The list has fewer items than the schema's `minItems`."),
    rule("schema/minLength", Error, "The string is shorter than the schema's `minLength` (in characters)."),
    rule("schema/minProperties", Error, "The mapping has fewer keys than the schema's `minProperties`."),
    rule("schema/minimum", Error, "The number is below the schema's `minimum`."),
    rule("schema/multipleOf", Error, "The number is not a multiple of the schema's `multipleOf`."),
    rule("schema/not", Error, "The value matches a schema it must not match (`not`)."),
    rule("schema/oneOf", Error, "The value matches none, or more than one, of the schema's `oneOf` alternatives."),
    rule("schema/other", Error, "Another schema keyword failed (content encoding, media type, custom keyword, regex limits)."),
    rule("schema/pattern", Error, "The string does not match the schema's `pattern`."),
    rule("schema/propertyNames", Error, "A key does not match the schema's `propertyNames`."),
    rule("schema/required", Error, "A key that the schema requires is missing."),
    rule("schema/type", Error, "The value has the wrong type (a string where a boolean is expected, …)."),
    rule("schema/unevaluatedItems", Error, "List items that no subschema accounts for (`unevaluatedItems`)."),
    rule("schema/unevaluatedProperties", Error, "Keys that no subschema accounts for (`unevaluatedProperties`)."),
    rule("schema/uniqueItems", Error, "The list repeats an item but the schema says `uniqueItems`."),
    rule("site/alias-conflict", Error, "An alias or redirect that is another page's URL or another page's alias."),
    rule("site/duplicate-url", Error, "Two or more pages publish at the same URL; the generator keeps one of them."),
    rule("summary/empty", Warning, "A summary field that is present but empty while the body has text."),
    rule("summary/length", Off, "A summary shorter or longer than `[summary] min`/`max` characters."),
    rule("summary/markup", Warning, "Markdown or HTML syntax in a summary that a listing page would print raw."),
    fixable(rule("summary/mismatch", Error, "A summary ending with an ellipsis (an excerpt) that is no longer the body's opening text."), Fixable::Unsafe),
    fixable(rule("summary/truncated-without-ellipsis", Warning, "A summary that is the body's opening cut inside a sentence, without an ellipsis."), Fixable::Unsafe),
    rule("suppression/unknown-directive", Warning, "A comment that starts like a suppression but is not one (`frontlint-disable-line`, `frontlint-disable-nextline`) or names no rule."),
    rule("suppression/unused", Warning, "A `frontlint-disable` comment that suppresses nothing, or names an unknown rule."),
    rule("syntax/duplicate-key", Error, "The same key twice in one mapping; generators silently keep one of them."),
    rule("syntax/empty", Warning, "The front matter is present but holds no keys."),
    rule("syntax/encoding", Error, "The file is not valid UTF-8."),
    rule("syntax/invisible-character", Error, "A zero-width, bidi-control or other invisible character in a key, or a bidi control or U+FEFF anywhere in the front matter."),
    rule("syntax/limit", Error, "The front matter exceeds a safety limit (size, nesting depth, alias expansion)."),
    rule("syntax/missing", Warning, "The file has no front matter."),
    rule("syntax/not-a-mapping", Error, "The front matter is a list or a scalar, not a mapping of keys to values."),
    rule("syntax/parse-error", Error, "The front matter is not valid YAML, TOML or JSON."),
    rule("syntax/unterminated", Error, "The front matter is opened but never closed."),
    fixable(rule("taxonomy/duplicate", Warning, "The same term twice in `tags`, `categories`, `keywords` or a configured taxonomy."), Fixable::Safe),
    rule("taxonomy/not-a-list", Warning, "A taxonomy given as a string where the site uses lists."),
    rule("taxonomy/undefined", Off, "A taxonomy used in a page that the site config does not define (an error for Zola, which fails the build)."),
    rule("taxonomy/unknown-term", Error, "A term outside the taxonomy's configured `allowed` list."),
    rule("thumbnail/insecure", Warning, "An `http://` image in the header (mixed content on an https site)."),
    rule("thumbnail/invalid-url", Error, "A header image that is neither a valid URL nor a plausible path."),
    rule("thumbnail/missing-file", Error, "A header image path that exists neither next to the page nor under the site's `static/` or `assets/`."),
    rule("thumbnail/not-image", Warning, "A header image whose extension is not an image's (`.pdf`, `.html`)."),
    rule("thumbnail/remote-broken", Error, "With `--remote`: a header image URL that answers 4xx/5xx or not at all (DNS, TLS, timeout, redirect loop)."),
    rule("thumbnail/remote-not-image", Error, "With `--remote`: a header image URL that answers, but not with an image (`Content-Type` or first bytes)."),
    fixable(rule("yaml/ambiguous-scalar", Warning, "A plain `yes`/`no`/`on`/`off`/`y`/`n`, `0755` or `1:20` that YAML 1.1 readers (Jekyll) turn into a boolean or number."), Fixable::Unsafe),
    rule("yaml/unindented-flow", Warning, "A flow list or map closed at column 0: Hugo accepts it, strict YAML 1.2 parsers reject it."),
];

/// The registry entry of a rule id.
pub fn info(id: &str) -> Option<&'static RuleInfo> {
    index(id).map(|i| &RULES[i])
}

/// The position of a rule id in `RULES`. Rules ask whether a rule is on many times per file,
/// so this is a hash lookup (one string comparison) rather than a binary search (six).
pub fn index(id: &str) -> Option<usize> {
    use std::sync::LazyLock;

    // An open-addressing table of rule positions (+ 1; 0 is empty), at most a quarter full:
    // one hash of the id and, nearly always, one comparison. (A `HashMap<&str, _>` hashes a
    // `str` twice, its bytes and a terminator, and was a twentieth of a `--no-body` run.)
    static TABLE: LazyLock<Vec<u16>> = LazyLock::new(|| {
        let mut table = vec![0u16; (RULES.len() * 4).next_power_of_two()];
        let mask = table.len() - 1;
        for (i, r) in RULES.iter().enumerate() {
            let mut slot = crate::fasthash::hash_bytes(r.id.as_bytes()) as usize & mask;
            while table[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            table[slot] = u16::try_from(i + 1).expect("fewer than 65,535 rules");
        }
        table
    });
    let table = &*TABLE;
    let mask = table.len() - 1;
    let mut slot = crate::fasthash::hash_bytes(id.as_bytes()) as usize & mask;
    loop {
        let i = usize::from(table[slot]).checked_sub(1)?;
        if RULES[i].id == id {
            return Some(i);
        }
        slot = (slot + 1) & mask;
    }
}

/// The default severity of a rule id; unknown ids (a bug) are errors.
pub fn default_severity(id: &str) -> Severity {
    info(id).map_or(Error, |r| r.default)
}

/// The group of a rule id: `date` for `date/future`.
pub fn group(id: &str) -> &str {
    id.split_once('/').map_or(id, |(g, _)| g)
}

/// Whether any rule of `group` (`link`, `summary`) is on: a rule module with nothing to report
/// skips its work.
pub fn group_on(on: &dyn Fn(&str) -> bool, name: &str) -> bool {
    use std::sync::LazyLock;
    // The rule ids of each group, found once: this runs for every file.
    static GROUPS: LazyLock<Vec<(&'static str, Vec<&'static str>)>> = LazyLock::new(|| {
        let mut groups: Vec<(&'static str, Vec<&'static str>)> = Vec::new();
        for r in RULES {
            let g = group(r.id);
            match groups.iter_mut().find(|(name, _)| *name == g) {
                Some((_, ids)) => ids.push(r.id),
                None => groups.push((g, vec![r.id])),
            }
        }
        groups
    });
    GROUPS
        .iter()
        .find(|(g, _)| *g == name)
        .is_some_and(|(_, ids)| ids.iter().any(|id| on(id)))
}

/// Whether `name` is a rule id or a group of rule ids.
pub fn is_known_selector(name: &str) -> bool {
    info(name).is_some() || RULES.iter().any(|r| group(r.id) == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_id_finds_its_position_and_nothing_else_finds_one() {
        for (i, r) in RULES.iter().enumerate() {
            assert_eq!(index(r.id), Some(i), "{}", r.id);
            assert_eq!(info(r.id).map(|x| x.id), Some(r.id));
        }
        for id in [
            "",
            "date",
            "date/",
            "date/futur",
            "Date/future",
            "日期/future",
            "x".repeat(300).as_str(),
        ] {
            assert_eq!(index(id), None, "{id}");
        }
    }
}
