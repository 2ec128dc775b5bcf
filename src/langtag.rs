//! BCP 47 language tag validation for `lang:`-style front-matter fields.
//!
//! [`check`] accepts a tag when it is *valid* in the sense of RFC 5646 §2.2.9:
//! well-formed (the ABNF of §2.1, case-insensitive, so `zh-cn` is fine), and
//! every primary language, extended language, script, region and variant
//! subtag is in the IANA Language Subtag Registry, with no duplicate variant
//! or extension singleton. Private-use tags (`x-…`, `qaa`…`qtz`, `Qaaa`…`Qabx`,
//! `QM`…`QZ`, `XA`…`XZ`) and the grandfathered tags (`i-klingon`, `en-GB-oed`…)
//! are valid.
//!
//! The registry comes from the `language-tags` crate (0.3.x), which compiles a
//! snapshot of the IANA registry into the binary: it knows every subtag added up
//! to 2021-03-05 (`Vith`, `Toto`, `Cpmn`…) and none added later (the first it
//! misses is the variant `synnejyl`, added 2021-07-17; also e.g. the scripts
//! `Kawi`, `Nagm` and about a hundred languages registered since 2022). A tag
//! using only such a newer subtag is reported as not registered.
//!
//! # Decisions
//!
//! * Deprecated subtags (`iw`, `in`, `BU`…) are registered, so they are valid;
//!   flagging them is a different rule.
//! * The registry's `Prefix` fields (`pinyin` belongs after `zh-Latn`, the
//!   extended language `yue` after `zh`) are recommendations, not part of
//!   RFC 5646 validity, so `de-pinyin` is valid here. A tag with more than one
//!   extended language subtag is invalid (RFC 5646 erratum 5457).
//! * Surrounding whitespace makes a tag invalid (it is a different string); the
//!   trimmed tag is suggested, with certainty when it is valid.
//! * Suggestions are only given when the suggested tag is itself valid, and are
//!   *certain* only for mechanical fixes that cannot change the meaning: `_`
//!   for `-` (`zh_CN` → `zh-CN`), full-width or typographic characters for
//!   their ASCII forms (`ｚｈ－ＣＮ`, `zh‐CN`), and trimming whitespace.
//!   Guesses are not certain: language names (`english` → `en`, `中文` → `zh`),
//!   ISO 639-2 codes that the registry does not carry (`eng` → `en`), country
//!   codes used as languages (`jp` → `ja`), ISO 3166 alpha-3 regions
//!   (`en-USA` → `en-US`), `UK` → `GB`, `zh-CHS` → `zh-Hans`, spaces or stray
//!   hyphens.
//! * Suggested tags are written in the registry's canonical case
//!   (`zh-hans-cn` → `zh-Hans-CN`).

use language_tags::{LanguageTag, ParseError, ValidationError};

/// Why a language tag is invalid, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LangError {
    /// A sentence for a person, naming the tag and the offending subtag.
    pub reason: String,
    /// A valid tag to use instead, when one can be guessed.
    pub suggestion: Option<String>,
    /// True when the fix is certain (`zh_CN` → `zh-CN`).
    pub certain: bool,
}

/// Checks that `tag` is a well-formed BCP 47 tag whose subtags are all registered.
///
/// # Errors
///
/// A [`LangError`] saying why the tag is invalid, with a suggested valid tag
/// when one can be guessed.
pub fn check(tag: &str) -> Result<(), LangError> {
    if tag.is_empty() {
        return Err(error("the language tag is empty".to_string(), None, false));
    }
    if tag.trim().is_empty() {
        return Err(error(
            "the language tag is blank (only whitespace)".to_string(),
            None,
            false,
        ));
    }
    let trimmed = tag.trim();
    if trimmed.len() != tag.len() {
        let (suggestion, certain) = match check(trimmed) {
            Ok(()) => (canonical(trimmed), true),
            Err(e) => (e.suggestion, e.certain),
        };
        return Err(error(
            format!("{}: it has leading or trailing whitespace", not_valid(tag)),
            suggestion,
            certain,
        ));
    }
    match LanguageTag::parse(tag) {
        Ok(parsed) => check_registered(tag, &parsed),
        Err(parse_error) => Err(ill_formed(tag, parse_error)),
    }
}

fn error(reason: String, suggestion: Option<String>, certain: bool) -> LangError {
    let certain = certain && suggestion.is_some();
    LangError {
        reason,
        suggestion,
        certain,
    }
}

fn not_valid(tag: &str) -> String {
    format!("`{}` is not a valid BCP 47 tag", shown(tag))
}

/// The tag as shown in a message: control characters escaped, long input cut.
fn shown(tag: &str) -> String {
    const MAX: usize = 40;
    let mut out = String::new();
    for (i, c) in tag.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    out
}

/// The canonical-case serialisation of `tag` if it is valid.
fn canonical(tag: &str) -> Option<String> {
    let parsed = LanguageTag::parse(tag).ok()?;
    check_registered(tag, &parsed).ok()?;
    Some(parsed.to_string())
}

// ---------------------------------------------------------------------------
// Well-formedness

/// How many subtags [`ill_formed`] examines to find the one that does not fit.
const MAX_SEARCH: usize = 64;

fn ill_formed(tag: &str, parse_error: ParseError) -> LangError {
    let prefix = not_valid(tag);

    if tag.contains('_') {
        let fixed = tag.replace('_', "-");
        let (suggestion, certain) = suggest_for(&fixed, true);
        return error(
            format!("{prefix}: subtags are separated by `-`, not `_`"),
            suggestion,
            certain,
        );
    }

    if let Some(c) = tag
        .chars()
        .find(|c| !c.is_ascii_alphanumeric() && *c != '-')
    {
        if c.is_whitespace() {
            let fixed = tag.split_whitespace().collect::<Vec<_>>().join("-");
            let (suggestion, _) = suggest_for(&fixed, false);
            return error(
                format!("{prefix}: subtags are separated by `-`, not spaces"),
                suggestion,
                false,
            );
        }
        let reason = format!(
            "{prefix}: it contains `{}`; only ASCII letters, digits and `-` are allowed",
            c.escape_debug()
        );
        if let Some(folded) = fold_to_ascii(tag).filter(|f| f != tag) {
            let (suggestion, certain) = suggest_for(&folded, true);
            if suggestion.is_some() {
                return error(reason, suggestion, certain);
            }
        }
        return error(reason, guess_from_name(tag), false);
    }

    let subtags: Vec<&str> = tag.split('-').collect();

    if subtags.iter().any(|s| s.is_empty()) {
        let fixed = subtags
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("-");
        let (suggestion, _) = suggest_for(&fixed, false);
        return error(
            format!("{prefix}: it has an empty subtag (a leading, trailing or doubled `-`)"),
            suggestion,
            false,
        );
    }

    if let Some(long) = subtags.iter().find(|s| s.len() > 8) {
        return error(
            format!("{prefix}: `{long}` is longer than 8 characters, the most a subtag may have"),
            guess_from_name(tag),
            false,
        );
    }

    // Find the first subtag that cannot be parsed where it stands, by parsing
    // ever longer prefixes (bounded: tags are short, odd input may not be).
    let mut end = 0;
    for (i, subtag) in subtags.iter().enumerate().take(MAX_SEARCH) {
        end += subtag.len() + usize::from(i > 0);
        match LanguageTag::parse(&tag[..end]) {
            Ok(_) | Err(ParseError::EmptyExtension | ParseError::EmptyPrivateUse) => {}
            Err(e) => return misplaced(tag, &prefix, &subtags, i, &e),
        }
    }

    match parse_error {
        ParseError::EmptyExtension | ParseError::EmptyPrivateUse => {
            // A singleton followed directly by another singleton, or by nothing.
            let lonely = subtags.iter().enumerate().skip(1).find(|(i, s)| {
                s.len() == 1 && subtags.get(i + 1).is_none_or(|next| next.len() == 1)
            });
            let detail = match lonely {
                Some((_, s)) if s.eq_ignore_ascii_case("x") => {
                    "`x` must be followed by at least one private-use subtag".to_string()
                }
                Some((_, s)) => {
                    format!("the extension singleton `{s}` must be followed by at least one subtag")
                }
                None => parse_error.to_string(),
            };
            error(format!("{prefix}: {detail}"), None, false)
        }
        other => error(format!("{prefix}: {other}"), None, false),
    }
}

/// The reason for a subtag that does not fit at position `i`.
fn misplaced(tag: &str, prefix: &str, subtags: &[&str], i: usize, e: &ParseError) -> LangError {
    let subtag = subtags[i];
    if i == 0 && subtag.eq_ignore_ascii_case("x") {
        return error(
            format!("{prefix}: `x` must be followed by at least one private-use subtag"),
            None,
            false,
        );
    }
    match e {
        ParseError::InvalidLanguage => error(
            format!(
                "{prefix}: the primary language subtag `{subtag}` must be 2 to 8 letters \
                 (or `x` for a private-use tag)"
            ),
            guess_from_name(tag),
            false,
        ),
        ParseError::TooManyExtlangs => error(
            format!(
                "{prefix}: `{subtag}` is a fourth extended language subtag; at most one is allowed"
            ),
            None,
            false,
        ),
        _ => {
            let suggestion = region_alpha3(subtag).and_then(|region| {
                let mut fixed: Vec<&str> = subtags.to_vec();
                fixed[i] = region;
                canonical(&fixed.join("-"))
            });
            error(
                format!(
                    "{prefix}: `{subtag}` cannot appear there (subtags go in the order language, \
                     script of 4 letters, region of 2 letters or 3 digits, variants, extensions)"
                ),
                suggestion,
                false,
            )
        }
    }
}

/// The canonical form of `fixed` when it is valid, else a suggestion that
/// `check(fixed)` makes; certainty only when `fixed` itself is valid and the
/// fix was mechanical.
fn suggest_for(fixed: &str, mechanical: bool) -> (Option<String>, bool) {
    if let Some(c) = canonical(fixed) {
        return (Some(c), mechanical);
    }
    match check(fixed) {
        Ok(()) => (None, false),
        Err(e) => (e.suggestion, false),
    }
}

/// Maps full-width ASCII and typographic hyphens to ASCII; `None` when some
/// other character remains non-ASCII.
fn fold_to_ascii(tag: &str) -> Option<String> {
    tag.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' => Some('-'),
            c if c.is_ascii() => Some(c),
            _ => None,
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Registration

#[derive(Clone, Copy)]
enum SubtagKind {
    Language,
    ExtLang,
    Script,
    Region,
    Variant,
}

impl SubtagKind {
    fn name(self) -> &'static str {
        match self {
            SubtagKind::Language => "language",
            SubtagKind::ExtLang => "extended language",
            SubtagKind::Script => "script",
            SubtagKind::Region => "region",
            SubtagKind::Variant => "variant",
        }
    }
}

fn check_registered(input: &str, tag: &LanguageTag) -> Result<(), LangError> {
    let err = match tag.validate() {
        Ok(()) => return Ok(()),
        Err(err) => err,
    };
    let prefix = not_valid(input);
    match err {
        ValidationError::PrimaryLanguageNotInRegistry => Err(unregistered(
            input,
            tag,
            tag.primary_language(),
            SubtagKind::Language,
        )),
        ValidationError::ExtendedLanguageNotInRegistry => Err(unregistered(
            input,
            tag,
            tag.extended_language().unwrap_or_default(),
            SubtagKind::ExtLang,
        )),
        ValidationError::ScriptNotInRegistry => Err(unregistered(
            input,
            tag,
            tag.script().unwrap_or_default(),
            SubtagKind::Script,
        )),
        ValidationError::RegionNotInRegistry => Err(unregistered(
            input,
            tag,
            tag.region().unwrap_or_default(),
            SubtagKind::Region,
        )),
        ValidationError::VariantNotInRegistry => {
            let bad = tag
                .variant_subtags()
                .find(|v| !variant_registered(v))
                .unwrap_or_default();
            Err(unregistered(input, tag, bad, SubtagKind::Variant))
        }
        ValidationError::DuplicateVariant => {
            let variants: Vec<&str> = tag.variant_subtags().collect();
            let dup = variants
                .iter()
                .enumerate()
                .find(|(i, v)| variants[..*i].contains(v))
                .map_or("", |(_, v)| *v);
            Err(error(
                format!(
                    "{prefix}: the variant `{}` appears twice",
                    original_case(input, dup)
                ),
                None,
                false,
            ))
        }
        ValidationError::DuplicateExtension => {
            let mut seen = Vec::new();
            let dup = tag
                .extension()
                .unwrap_or_default()
                .split('-')
                .filter(|s| s.len() == 1)
                .find(|s| {
                    let repeated = seen.contains(s);
                    seen.push(*s);
                    repeated
                })
                .unwrap_or_default();
            Err(error(
                format!("{prefix}: the extension singleton `{dup}` appears twice"),
                None,
                false,
            ))
        }
        ValidationError::MultipleExtendedLanguageSubtags => Err(error(
            format!(
                "{prefix}: `{}` has more than one extended language subtag; at most one is allowed",
                tag.full_language()
            ),
            None,
            false,
        )),
        ValidationError::WrongExtendedLanguagePrefix | ValidationError::WrongVariantPrefix => {
            // Registered, but used after another prefix than the registry
            // recommends: valid. The crate stopped at this point, so check the
            // remaining subtags without the extended language and variants.
            let mut rest = tag.primary_language().to_string();
            for part in [
                tag.script(),
                tag.region(),
                tag.extension(),
                tag.private_use(),
            ]
            .into_iter()
            .flatten()
            {
                rest.push('-');
                rest.push_str(part);
            }
            let rest_tag = LanguageTag::parse(&rest)
                .map_err(|e| error(format!("{prefix}: {e}"), None, false))?;
            // A suggestion built from the reduced tag would drop subtags.
            check_registered(input, &rest_tag).map_err(|e| error(e.reason, None, false))?;
            if let Some(ext) = tag.extended_language() {
                let with_ext = format!("{}-{ext}", tag.primary_language());
                if let Ok(t) = LanguageTag::parse(&with_ext) {
                    if t.validate() == Err(ValidationError::ExtendedLanguageNotInRegistry) {
                        return Err(unregistered(input, tag, ext, SubtagKind::ExtLang));
                    }
                }
            }
            let variants: Vec<&str> = tag.variant_subtags().collect();
            for (i, v) in variants.iter().enumerate() {
                if !variant_registered(v) {
                    return Err(unregistered(input, tag, v, SubtagKind::Variant));
                }
                if variants[..i].contains(v) {
                    return Err(error(
                        format!(
                            "{prefix}: the variant `{}` appears twice",
                            original_case(input, v)
                        ),
                        None,
                        false,
                    ));
                }
            }
            Ok(())
        }
    }
}

fn variant_registered(variant: &str) -> bool {
    LanguageTag::parse(&format!("und-{variant}"))
        .is_ok_and(|t| t.validate() != Err(ValidationError::VariantNotInRegistry))
}

/// `subtag` as the user wrote it (the parsed tag has normalised case).
fn original_case<'a>(input: &'a str, subtag: &'a str) -> &'a str {
    input
        .split('-')
        .find(|s| s.eq_ignore_ascii_case(subtag))
        .unwrap_or(subtag)
}

fn unregistered(input: &str, tag: &LanguageTag, bad: &str, kind: SubtagKind) -> LangError {
    let written = original_case(input, bad);
    let mut reason = format!(
        "{}: `{written}` is not a registered {} subtag",
        not_valid(input),
        kind.name()
    );
    if let SubtagKind::ExtLang = kind {
        reason.push_str(
            " (a 3-letter subtag right after the language is read as an extended language; \
             regions are 2 letters or 3 digits)",
        );
    }
    let suggestion = suggest_replacement(tag, bad, kind);
    error(reason, suggestion, false)
}

/// A valid tag with the unregistered subtag `bad` replaced by a guess.
fn suggest_replacement(tag: &LanguageTag, bad: &str, kind: SubtagKind) -> Option<String> {
    let lower = bad.to_ascii_lowercase();
    let replacement: &str = match kind {
        SubtagKind::Language => language_for_name(&lower)?,
        SubtagKind::ExtLang => {
            if tag.primary_language() == "zh" && (lower == "chs" || lower == "cht") {
                if lower == "chs" { "Hans" } else { "Hant" }
            } else {
                region_alpha3(&lower)?
            }
        }
        SubtagKind::Region => match lower.as_str() {
            "uk" => "GB",
            _ => return None,
        },
        SubtagKind::Script | SubtagKind::Variant => return None,
    };
    let replaced = tag
        .as_str()
        .split('-')
        .map(|s| {
            if s.eq_ignore_ascii_case(bad) {
                replacement
            } else {
                s
            }
        })
        .collect::<Vec<_>>()
        .join("-");
    canonical(&replaced)
}

/// A suggestion for a whole tag that is a language name (`english`, `中文`).
fn guess_from_name(tag: &str) -> Option<String> {
    let lower = tag.trim().to_lowercase();
    language_for_name(&lower).map(str::to_string)
}

/// Registered codes for common language names and for codes people use by
/// mistake (ISO 639-2 codes the registry does not carry, country codes).
/// Names are lowercase and must not themselves be registered (tested).
const LANGUAGE_NAMES: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "english", "eng", "englisch", "anglais", "inglés", "ingles", "英语", "英文", "英語",
        ],
    ),
    (
        "zh",
        &[
            "chinese",
            "zho",
            "chi",
            "cn",
            "中文",
            "汉语",
            "漢語",
            "华语",
            "普通话",
            "mandarin",
        ],
    ),
    (
        "fr",
        &["french", "fra", "fre", "français", "francais", "法语"],
    ),
    ("de", &["german", "deu", "ger", "deutsch", "德语"]),
    (
        "es",
        &[
            "spanish",
            "spa",
            "español",
            "espanol",
            "castellano",
            "西班牙语",
        ],
    ),
    ("ja", &["japanese", "jpn", "jp", "日本語", "日语", "日文"]),
    ("ko", &["korean", "kor", "한국어", "韩语", "韓語"]),
    ("pt", &["portuguese", "por", "português", "portugues"]),
    ("ru", &["russian", "rus", "русский"]),
    ("it", &["italian", "ita", "italiano"]),
    ("ar", &["arabic", "ara", "العربية"]),
    ("nl", &["dutch", "nld", "dut", "nederlands"]),
    ("hi", &["hindi", "hin"]),
    ("tr", &["turkish", "tur", "türkçe", "turkce"]),
    ("pl", &["polish", "pol", "polski"]),
    ("vi", &["vietnamese", "vie", "vn", "tiếng việt"]),
    ("th", &["thai", "tha"]),
    ("id", &["indonesian", "ind"]),
    ("sv", &["swedish", "swe", "svenska"]),
    ("uk", &["ukrainian", "ukr", "ua"]),
    ("he", &["hebrew", "heb"]),
    ("el", &["greek", "ell", "gre", "gr"]),
    ("cs", &["czech", "ces", "cze", "cz"]),
    ("da", &["danish", "dan", "dk"]),
    ("fi", &["finnish", "fin"]),
    ("no", &["norwegian", "nor"]),
    ("hu", &["hungarian", "hun"]),
    ("ro", &["romanian", "ron", "rum"]),
    ("fa", &["persian", "fas", "per", "farsi"]),
];

/// ISO 3166-1 alpha-3 codes of common regions and their registered alpha-2
/// region subtag.
const REGION_ALPHA3: &[(&str, &str)] = &[
    ("usa", "US"),
    ("gbr", "GB"),
    ("chn", "CN"),
    ("twn", "TW"),
    ("hkg", "HK"),
    ("mac", "MO"),
    ("sgp", "SG"),
    ("jpn", "JP"),
    ("kor", "KR"),
    ("deu", "DE"),
    ("aut", "AT"),
    ("che", "CH"),
    ("fra", "FR"),
    ("bel", "BE"),
    ("esp", "ES"),
    ("mex", "MX"),
    ("arg", "AR"),
    ("ita", "IT"),
    ("prt", "PT"),
    ("bra", "BR"),
    ("can", "CA"),
    ("aus", "AU"),
    ("nzl", "NZ"),
    ("ind", "IN"),
    ("rus", "RU"),
    ("nld", "NL"),
    ("swe", "SE"),
];

/// The registered language code for a lowercase name, if known.
fn language_for_name(name: &str) -> Option<&'static str> {
    LANGUAGE_NAMES
        .iter()
        .find(|(_, names)| names.contains(&name))
        .map(|(code, _)| *code)
}

/// The alpha-2 region subtag for an ISO 3166-1 alpha-3 code, if known.
fn region_alpha3(code: &str) -> Option<&'static str> {
    REGION_ALPHA3
        .iter()
        .find(|(alpha3, _)| alpha3.eq_ignore_ascii_case(code))
        .map(|(_, alpha2)| *alpha2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(tag: &str) -> LangError {
        match check(tag) {
            Ok(()) => panic!("`{tag}` should be invalid"),
            Err(e) => e,
        }
    }

    #[test]
    fn common_tags_are_valid() {
        for tag in [
            "zh-CN",
            "zh-Hans-CN",
            "es-419",
            "en",
            "en-US",
            "pt-BR",
            "zh-cn",
            "ZH-HANS-cn",
            "zh-Hant-TW",
            "sr-Latn-RS",
            "de-CH-1996",
            "ja",
            "yue-HK",
            "zh-yue",
            "fil",
            "en-GB-oxendict",
            "de-DE-u-co-phonebk",
            "en-US-x-twain",
            "x-private",
            "i-klingon",
            "en-GB-oed",
            "qaa",
            "en-Qaaa",
            "en-XA",
            "iw",
        ] {
            assert_eq!(check(tag), Ok(()), "{tag}");
        }
    }

    #[test]
    fn underscore_is_certain_fix() {
        let e = err("zh_CN");
        assert_eq!(
            e.reason,
            "`zh_CN` is not a valid BCP 47 tag: subtags are separated by `-`, not `_`"
        );
        assert_eq!(e.suggestion.as_deref(), Some("zh-CN"));
        assert!(e.certain);

        let e = err("zh_hans_cn");
        assert_eq!(e.suggestion.as_deref(), Some("zh-Hans-CN"));
        assert!(e.certain);

        // Underscore and an unregistered subtag: no certain fix.
        let e = err("zh_CNN");
        assert!(e.reason.contains("not `_`"), "{}", e.reason);
        assert_eq!(e.suggestion, None);
        assert!(!e.certain);

        // Underscore plus a guessable name: a guess, not certain.
        let e = err("english_US");
        assert_eq!(e.suggestion.as_deref(), Some("en-US"));
        assert!(!e.certain);
    }

    #[test]
    fn english_is_well_formed_but_not_registered() {
        assert!(LanguageTag::parse("english").is_ok());
        let e = err("english");
        assert_eq!(
            e.reason,
            "`english` is not a valid BCP 47 tag: `english` is not a registered language subtag"
        );
        assert_eq!(e.suggestion.as_deref(), Some("en"));
        assert!(!e.certain);

        let e = err("English-US");
        assert!(e.reason.contains("`English`"), "{}", e.reason);
        assert_eq!(e.suggestion.as_deref(), Some("en-US"));

        let e = err("Chinese");
        assert_eq!(e.suggestion.as_deref(), Some("zh"));
        let e = err("eng");
        assert_eq!(e.suggestion.as_deref(), Some("en"));
        let e = err("jp");
        assert_eq!(e.suggestion.as_deref(), Some("ja"));
        let e = err("xyzzy");
        assert_eq!(e.suggestion, None);
        assert!(!e.certain);
    }

    #[test]
    fn unregistered_region_like_subtag_is_named() {
        let e = err("zh-CNN");
        assert!(
            e.reason
                .starts_with("`zh-CNN` is not a valid BCP 47 tag: `CNN` is not a registered"),
            "{}",
            e.reason
        );
        assert_eq!(e.suggestion, None);
        assert!(!e.certain);

        let e = err("zh-YY");
        assert_eq!(
            e.reason,
            "`zh-YY` is not a valid BCP 47 tag: `YY` is not a registered region subtag"
        );
        let e = err("en-Abcd");
        assert!(
            e.reason
                .contains("`Abcd` is not a registered script subtag"),
            "{}",
            e.reason
        );
        let e = err("de-DE-abcdefg");
        assert!(
            e.reason
                .contains("`abcdefg` is not a registered variant subtag"),
            "{}",
            e.reason
        );
    }

    #[test]
    fn guessed_region_and_script_fixes() {
        let e = err("en-USA");
        assert_eq!(e.suggestion.as_deref(), Some("en-US"));
        assert!(!e.certain);
        let e = err("en-UK");
        assert!(
            e.reason.contains("`UK` is not a registered region subtag"),
            "{}",
            e.reason
        );
        assert_eq!(e.suggestion.as_deref(), Some("en-GB"));
        let e = err("zh-CHS");
        assert_eq!(e.suggestion.as_deref(), Some("zh-Hans"));
        let e = err("zh-Hans-CHN");
        assert!(
            e.reason.contains("`CHN` cannot appear there"),
            "{}",
            e.reason
        );
        assert_eq!(e.suggestion.as_deref(), Some("zh-Hans-CN"));
    }

    #[test]
    fn empty_and_blank() {
        let e = err("");
        assert_eq!(e.reason, "the language tag is empty");
        assert_eq!(e.suggestion, None);
        assert!(!e.certain);
        let e = err("  \t");
        assert!(e.reason.contains("blank"));
    }

    #[test]
    fn surrounding_whitespace() {
        let e = err(" zh-cn ");
        assert!(
            e.reason.contains("leading or trailing whitespace"),
            "{}",
            e.reason
        );
        assert_eq!(e.suggestion.as_deref(), Some("zh-CN"));
        assert!(e.certain);
        let e = err(" english");
        assert_eq!(e.suggestion.as_deref(), Some("en"));
        assert!(!e.certain);
    }

    #[test]
    fn ill_formed_reasons() {
        let e = err("en US");
        assert!(
            e.reason
                .ends_with("subtags are separated by `-`, not spaces"),
            "{}",
            e.reason
        );
        assert_eq!(e.suggestion.as_deref(), Some("en-US"));
        assert!(!e.certain);

        let e = err("en-");
        assert!(e.reason.contains("empty subtag"), "{}", e.reason);
        assert_eq!(e.suggestion.as_deref(), Some("en"));
        let e = err("en--US");
        assert_eq!(e.suggestion.as_deref(), Some("en-US"));

        let e = err("portuguese");
        assert!(
            e.reason.contains("`portuguese` is longer than 8"),
            "{}",
            e.reason
        );
        assert_eq!(e.suggestion.as_deref(), Some("pt"));

        let e = err("e");
        assert!(
            e.reason.contains("primary language subtag `e`"),
            "{}",
            e.reason
        );
        let e = err("123");
        assert!(
            e.reason.contains("primary language subtag `123`"),
            "{}",
            e.reason
        );

        let e = err("en-US-Latn");
        assert!(
            e.reason.contains("`Latn` cannot appear there"),
            "{}",
            e.reason
        );
        let e = err("zh-CN-CN");
        assert!(
            e.reason.contains("`CN` cannot appear there"),
            "{}",
            e.reason
        );

        let e = err("en-a");
        assert!(
            e.reason.contains("singleton `a` must be followed"),
            "{}",
            e.reason
        );
        let e = err("en-a-b-foo");
        assert!(
            e.reason.contains("singleton `a` must be followed"),
            "{}",
            e.reason
        );
        let e = err("en-x");
        assert!(e.reason.contains("`x` must be followed"), "{}", e.reason);
        let e = err("x-");
        assert!(e.reason.contains("empty subtag"), "{}", e.reason);
        let e = err("x");
        assert!(e.reason.contains("`x` must be followed"), "{}", e.reason);

        let e = err("zh-abc-def-ghi-jkl");
        assert!(e.reason.contains("`jkl`"), "{}", e.reason);
    }

    #[test]
    fn non_ascii_input() {
        let e = err("中文");
        assert!(e.reason.contains("it contains `中`"), "{}", e.reason);
        assert_eq!(e.suggestion.as_deref(), Some("zh"));
        assert!(!e.certain);

        let e = err("ｚｈ－ＣＮ");
        assert_eq!(e.suggestion.as_deref(), Some("zh-CN"));
        assert!(e.certain);
        let e = err("zh\u{2010}CN");
        assert_eq!(e.suggestion.as_deref(), Some("zh-CN"));
        assert!(e.certain);

        let e = err("zh-CN\u{0}");
        assert!(e.reason.contains("\\0"), "{}", e.reason);
        let e = err("en-é");
        assert_eq!(e.suggestion, None);
    }

    #[test]
    fn duplicates_and_extlangs() {
        let e = err("de-DE-1996-1996");
        assert!(
            e.reason.contains("variant `1996` appears twice"),
            "{}",
            e.reason
        );
        let e = err("en-a-foo-a-bar");
        assert!(
            e.reason.contains("singleton `a` appears twice"),
            "{}",
            e.reason
        );
        let e = err("zh-yue-cmn");
        assert!(
            e.reason.contains("more than one extended language"),
            "{}",
            e.reason
        );
    }

    #[test]
    fn registry_prefixes_are_recommendations() {
        // Registered subtags after an unexpected prefix are valid (RFC 5646 §2.2.9)...
        assert_eq!(check("de-pinyin"), Ok(()));
        assert_eq!(check("en-yue"), Ok(()));
        // ...but the rest of such a tag is still checked.
        let e = err("de-pinyin-YY");
        assert!(
            e.reason.contains("cannot appear there") || e.reason.contains("`YY`"),
            "{}",
            e.reason
        );
        // No suggestion that would silently drop `yue`.
        assert_eq!(err("en-yue-UK").suggestion, None);
        let e = err("en-yue-YY");
        assert!(
            e.reason.contains("`YY` is not a registered region"),
            "{}",
            e.reason
        );
        let e = err("de-pinyin-abcdefg");
        assert!(
            e.reason.contains("`abcdefg` is not a registered variant"),
            "{}",
            e.reason
        );
        let e = err("de-pinyin-pinyin");
        assert!(e.reason.contains("appears twice"), "{}", e.reason);
    }

    #[test]
    fn name_tables_hold_only_unregistered_keys_and_valid_values() {
        for (code, names) in LANGUAGE_NAMES {
            assert_eq!(check(code), Ok(()), "{code}");
            for name in *names {
                assert_eq!(name.to_lowercase(), *name);
                assert!(check(name).is_err(), "`{name}` is registered");
                assert_eq!(guess_from_name(name).as_deref(), Some(*code), "{name}");
            }
        }
        for (alpha3, alpha2) in REGION_ALPHA3 {
            assert_eq!(check(&format!("en-{alpha2}")), Ok(()), "{alpha2}");
            assert!(check(&format!("en-{alpha3}")).is_err(), "{alpha3}");
            assert_eq!(
                err(&format!("fr-{alpha3}")).suggestion,
                Some(format!("fr-{alpha2}"))
            );
        }
    }

    #[test]
    fn no_panics_on_odd_input() {
        let long_valid = format!("en-US-x-abc{}", "-abcdefgh".repeat(5_000));
        let odd = [
            "-",
            "--",
            "---",
            "x",
            "X-",
            "i",
            "i-",
            "i-unknown",
            "a-b",
            "1",
            "😀",
            "e\u{301}n",
            "\u{FEFF}en",
            "en\u{0}",
            "\n",
            "en-\u{10FFFF}",
            "ﬁ",
            "ǅ",
            "zh-Hans-CN-u-ca-chinese-x-a-b-c",
            "zh-cmn-Hans-CN",
            "sgn-BE-FR",
            "en-a-bbb-a-ccc",
            "en-9",
            "en-1994",
            "sl-rozaj-biske-1994",
            "abcdefghi-jkl",
            "aaaa",
            "en-US-",
            "_",
            "__",
            "_-_",
            "ｘ",
            "\u{FF01}",
        ];
        for tag in odd {
            let _ = check(tag);
        }
        let long = "a-".repeat(50_000);
        let _ = check(&long);
        let _ = check(&"-".repeat(10_000));
        let _ = check(&"x".repeat(100_000));
        let _ = check(&"中".repeat(10_000));
        let _ = check(&"en_".repeat(10_000));
        assert_eq!(check(&long_valid), Ok(()));
        let e = err(&"abc-".repeat(1_000));
        assert!(e.reason.chars().count() < 400, "{}", e.reason);
    }
}
