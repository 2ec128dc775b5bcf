//! The site-wide phase: rules that need every page at once, run over the page map after the
//! per-file phase. Links, anchors, images and references become lookups in the map; pages
//! publishing at one URL, aliases that collide and content in languages the site does not
//! configure are found here.
//!
//! Rules: `link/broken-relative`, `link/broken-anchor`, `thumbnail/missing-file`,
//! `link/broken-ref`, `site/duplicate-url`, `site/alias-conflict`, `i18n/unknown-language`,
//! `i18n/missing-translation`.

use std::collections::HashMap;
use std::ops::Range;

use super::facts::PageFacts;
use super::map::PageMap;
use super::urls;
use super::{Candidate, LangSource, Resolution, Role, Site};
use crate::diagnostic::Diagnostic;

/// The rules this phase reports.
pub const RULES: [&str; 8] = [
    "i18n/missing-translation",
    "i18n/unknown-language",
    "link/broken-anchor",
    "link/broken-ref",
    "link/broken-relative",
    "site/alias-conflict",
    "site/duplicate-url",
    "thumbnail/missing-file",
];

/// Whether a suppression id (a rule or a group) may name a rule of this phase.
pub fn may_report(id: &str) -> bool {
    RULES
        .iter()
        .any(|r| *r == id || crate::registry::group(r) == id)
}

/// What the site-wide rules need besides the map.
pub struct Inputs<'a> {
    pub site: &'a Site,
    pub map: &'a PageMap,
    /// Facts of every file, indexed like `map.pages`.
    pub facts: &'a [&'a PageFacts],
    /// Whether a rule is on for a file (its settings).
    pub on: &'a (dyn Fn(usize, &str) -> bool + Sync),
    /// Whether a file's diagnostics are reported in this run (pre-commit names a few files; the
    /// map still holds the whole site).
    pub reported: &'a (dyn Fn(usize) -> bool + Sync),
    /// `[i18n] require`: languages every default-language page needs a translation in.
    pub require_translations: &'a [String],
    /// The ids of each page, indexed on first use ([`AnchorIds::new`] with `facts.len()`).
    pub ids: &'a AnchorIds,
}

/// Every page's ids (its own and those of the pages it includes), sorted and indexed once: a
/// page with 5,000 headings and 5,000 links into it is 5,000 lookups, not 25,000,000 compares.
/// Boxed: most pages are never a link's target, and an empty slot is then 16 bytes, not 88.
pub struct AnchorIds(Vec<std::sync::OnceLock<Box<Ids>>>);

struct Ids {
    sorted: Vec<String>,
    lower: std::collections::HashSet<String>,
    /// The page may have ids frontlint cannot see (an id from a template, an include that is
    /// not known): any fragment is accepted.
    open: bool,
}

impl AnchorIds {
    pub fn new(pages: usize) -> AnchorIds {
        AnchorIds((0..pages).map(|_| std::sync::OnceLock::new()).collect())
    }
}

fn ids_of<'a>(inputs: &'a Inputs, target: usize) -> &'a Ids {
    inputs.ids.0[target].get_or_init(|| {
        let (mut sorted, open) = page_ids(inputs, target);
        sorted.sort();
        sorted.dedup();
        let open = open || sorted.iter().any(|a| a == super::facts::ANY_ANCHOR);
        let lower = sorted.iter().map(|a| a.to_ascii_lowercase()).collect();
        Box::new(Ids {
            sorted,
            lower,
            open,
        })
    })
}

/// Every site-wide diagnostic, with the index of the file it belongs to.
pub fn run(inputs: &Inputs) -> Vec<(usize, Diagnostic)> {
    use rayon::prelude::*;
    // Pages past `facts.len()` are the generator's extra pages: in the map, never reported.
    let mut out: Vec<(usize, Diagnostic)> = (0..inputs.facts.len())
        .into_par_iter()
        .filter(|&i| reported(inputs, i))
        .flat_map_iter(|i| {
            let mut d = Vec::new();
            links(inputs, i, &mut d);
            images(inputs, i, &mut d);
            refs(inputs, i, &mut d);
            unknown_language(inputs, i, &mut d);
            d.into_iter().map(move |d| (i, d))
        })
        .collect();
    duplicate_urls(inputs, &mut out);
    alias_conflicts(inputs, &mut out);
    missing_translations(inputs, &mut out);
    inputs.site.generator.site_checks(inputs, &mut out);
    out
}

/// Whether the page is part of the map's link graph (a page, built, with a URL).
fn is_page(inputs: &Inputs, i: usize) -> bool {
    inputs.map.pages[i].role == Role::Page
}

/// Whether page `i` is a linted file whose diagnostics this run reports (not an extra page).
fn reported(inputs: &Inputs, i: usize) -> bool {
    i < inputs.facts.len() && (inputs.reported)(i)
}

/// Whether a rule is on for page `i` (never for an extra page).
fn rule_on(inputs: &Inputs, i: usize, rule: &str) -> bool {
    i < inputs.facts.len() && (inputs.on)(i, rule)
}

/// The facts of page `i`, extra pages included.
fn facts_of<'a>(inputs: &Inputs<'a>, i: usize) -> &'a PageFacts {
    match inputs.facts.get(i) {
        Some(f) => f,
        None => inputs.map.extra_facts(i),
    }
}

fn links(inputs: &Inputs, i: usize, out: &mut Vec<Diagnostic>) {
    let on = |r: &str| (inputs.on)(i, r);
    let (broken_on, anchor_on) = (on("link/broken-relative"), on("link/broken-anchor"));
    if !broken_on && !anchor_on {
        return;
    }
    let facts = inputs.facts[i];
    let role = inputs.map.pages[i].role;
    if role == Role::Ignored {
        // The generator never builds it: its links lead nowhere it publishes.
        return;
    }
    for link in &facts.links {
        let what = if link.image { "image" } else { "link" };
        let expanded;
        let dest: &str = if super::facts::is_template(&link.dest) {
            match inputs.site.generator.expand_link(inputs.site, &link.dest) {
                Some(d) if super::facts::is_path(&d) => {
                    expanded = d;
                    &expanded
                }
                _ => continue,
            }
        } else {
            &link.dest
        };
        let (path, fragment) = urls::split_fragment(dest);
        if path.is_empty() {
            // `#frag` on this page.
            if let (Some(frag), true) = (fragment, anchor_on && facts.body) {
                anchor(inputs, i, frag, link.span.clone(), "this page", out);
            }
            continue;
        }
        let decoded = urls::percent_decode(path);
        match resolve_destination(inputs, i, &decoded, link.image) {
            Resolution::Page(target) => {
                if let (Some(frag), true) = (fragment, anchor_on) {
                    let target_facts = facts_of(inputs, target);
                    if target_facts.body && !frag.is_empty() {
                        anchor(inputs, target, frag, link.span.clone(), &format!("`{path}`"), out);
                    }
                }
            }
            Resolution::File | Resolution::Unknown => {}
            Resolution::Outside if broken_on => out.push(
                Diagnostic::new(
                    "link/broken-relative",
                    link.span.clone(),
                    format!("{what} target `{path}` points outside the site"),
                )
                .label("outside the site")
                .help("link to a page or file inside the site; frontlint does not look outside the site root"),
            ),
            Resolution::Missing if broken_on => {
                let mut d = Diagnostic::new(
                    "link/broken-relative",
                    link.span.clone(),
                    format!("{what} target `{path}` does not exist"),
                )
                .label("not found");
                if let Some(help) = suggest(inputs, i, &decoded) {
                    d = d.help(help);
                }
                out.push(d);
            }
            _ => {}
        }
    }
}

/// How a link destination path (no fragment, decoded) on page `i` resolves.
pub fn resolve_link(inputs: &Inputs, i: usize, path: &str) -> Resolution {
    resolve_destination(inputs, i, path, false)
}

/// How a link's or an image's destination path (no fragment, decoded) on page `i` resolves.
pub fn resolve_destination(inputs: &Inputs, i: usize, path: &str, image: bool) -> Resolution {
    let site = inputs.site;
    if leaves_the_site(&inputs.map.pages[i], path) {
        // Without a generator, nothing publishes a repository's README: GitHub renders it and
        // resolves its relative links against the file's URL on github.com
        // (`/owner/repo/blob/main/README.md`), so `../../graphs/contributors` is the
        // repository's contributors page ("Relative links and image paths in README files",
        // docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/
        // customizing-your-repository/about-readmes). Not looked at, not reported.
        if site.kind == super::Kind::Folder
            && crate::util::is_repository_doc(std::path::Path::new(&inputs.map.pages[i].rel))
        {
            return Resolution::Unknown;
        }
        return Resolution::Outside;
    }
    let candidates = if image {
        site.generator.image_candidates(site, inputs.map, i, path)
    } else {
        site.generator.link_candidates(site, inputs.map, i, path)
    };
    match inputs.map.resolve_any(site, &candidates, false) {
        Resolution::Missing if not_a_page(path) && site.generator.files_unknown(site) => {
            Resolution::Unknown
        }
        Resolution::Missing if !image => site.generator.unresolved_link(path),
        r => r,
    }
}

/// Whether a link path names a file that is not a page (`img.png`, `app.zip`; not `post.md`,
/// `guide/` or `guide`).
fn not_a_page(path: &str) -> bool {
    let name = urls::file_name(path.trim_end_matches('/'));
    match name.rsplit_once('.') {
        Some((_, ext)) if !path.ends_with('/') => !matches!(
            ext.to_ascii_lowercase().as_str(),
            "md" | "mdx" | "markdown" | "html" | "htm"
        ),
        _ => false,
    }
}

/// A relative path that climbs above the site root from the page's file and above the URL
/// root from each of the page's URLs: it names nothing inside the site, and nothing outside is
/// looked at (not even whether it exists).
pub fn leaves_the_site(page: &super::Page, path: &str) -> bool {
    if path.starts_with('/') {
        // `/../x` climbs above the site root.
        return !urls::stays_inside("", path);
    }
    if urls::stays_inside(urls::parent(&page.rel), path) {
        return false;
    }
    page.info.urls.iter().all(|u| {
        let dir = if u.url.ends_with('/') {
            u.url.as_str()
        } else {
            urls::parent(&u.url)
        };
        !urls::stays_inside(dir.trim_start_matches('/'), path)
    })
}

/// The ids of page `i` with those of the pages it includes ([`super::RefKind::Include`],
/// followed a few levels deep), and whether it includes content whose ids are not known.
fn page_ids(inputs: &Inputs, i: usize) -> (Vec<String>, bool) {
    let site = inputs.site;
    let mut ids: Vec<String> = inputs.facts[i].anchors.clone();
    let mut open = false;
    let mut seen = vec![i];
    let mut todo = vec![(i, 0)];
    while let Some((p, depth)) = todo.pop() {
        for r in inputs.facts[p]
            .refs
            .iter()
            .filter(|r| r.kind == super::RefKind::Include)
        {
            match site.generator.resolve_ref(site, inputs.map, p, r) {
                Resolution::Page(t) if inputs.facts[t].body => {
                    if !seen.contains(&t) && depth < 8 {
                        seen.push(t);
                        ids.extend(inputs.facts[t].anchors.iter().cloned());
                        todo.push((t, depth + 1));
                    }
                }
                _ => open = true,
            }
        }
    }
    (ids, open)
}

fn anchor(
    inputs: &Inputs,
    target: usize,
    frag: &str,
    span: Range<usize>,
    page: &str,
    out: &mut Vec<Diagnostic>,
) {
    let frag = urls::percent_decode(frag);
    let ids = ids_of(inputs, target);
    if ids.open
        || ids
            .sorted
            .binary_search_by(|a| a.as_str().cmp(&frag))
            .is_ok()
        || ids.lower.contains(&frag.to_ascii_lowercase())
    {
        return;
    }
    let anchors = &ids.sorted;
    // The ids nearest in sorted order: bounded work per broken fragment (see `closest`).
    const WINDOW: usize = 2_000;
    let window = if anchors.len() > WINDOW {
        let at = anchors.partition_point(|a| a.as_str() < frag.as_ref());
        let from = at.saturating_sub(WINDOW / 2).min(anchors.len() - WINDOW);
        &anchors[from..from + WINDOW]
    } else {
        &anchors[..]
    };
    let closest = window
        .iter()
        .filter_map(|a| {
            let d = crate::util::edit_distance_within(a, &frag, 2.max(a.chars().count() / 4))?;
            Some((d, a))
        })
        .min();
    let help = match closest {
        Some((_, a)) => format!("did you mean `#{a}`?"),
        None if anchors.is_empty() => format!("{page} has no headings"),
        None => "link to one of the page's headings (anchors are lowercase, spaces become `-`)"
            .to_string(),
    };
    out.push(
        Diagnostic::new(
            "link/broken-anchor",
            span,
            format!("{page} has no heading with the anchor `#{frag}`"),
        )
        .help(help),
    );
}

/// "did you mean" for a missing path: the closest name in the folder it points into, from
/// the listing of that folder inside the site (never outside).
fn suggest(inputs: &Inputs, i: usize, path: &str) -> Option<String> {
    let site = inputs.site;
    let trimmed = path.trim_end_matches('/');
    let (dir_part, name) = match trimmed.rsplit_once('/') {
        Some((d, n)) => (d, n),
        None => ("", trimmed),
    };
    let dirs: Vec<String> = if path.starts_with('/') {
        let rest = dir_part.trim_start_matches('/');
        site.statics
            .iter()
            .map(|s| s.dir.as_str())
            .chain(site.content.iter().map(|c| c.dir.as_str()))
            .filter_map(|d| urls::join(d, rest))
            .collect()
    } else {
        urls::join(urls::parent(&inputs.map.pages[i].rel), dir_part)
            .into_iter()
            .collect()
    };
    dirs.iter()
        .find_map(|d| inputs.map.files.with_names(d, |names| closest(names, name)))
        .map(|n| {
            let shown = if dir_part.is_empty() {
                n
            } else {
                format!("{dir_part}/{n}")
            };
            format!("did you mean `{shown}`?")
        })
}

/// The name closest to `name`, when it is close.
fn closest(names: &[String], name: &str) -> Option<String> {
    // At most this many names, the ones nearest to `name` in sorted order (a typo keeps most
    // of the name's start): the work per broken link is bounded whatever the folder's size.
    const WINDOW: usize = 2_000;
    let names = if names.len() > WINDOW {
        let at = names.partition_point(|n| n.as_str() < name);
        let from = at.saturating_sub(WINDOW / 2).min(names.len() - WINDOW);
        &names[from..from + WINDOW]
    } else {
        names
    };
    let len = name.chars().count();
    names
        .iter()
        .filter_map(|n| {
            let max = 2.max(n.chars().count() / 5);
            if n.chars().count().abs_diff(len) > max {
                return None;
            }
            let d = crate::util::edit_distance_within(n, name, max)?;
            (d > 0).then_some((d, n))
        })
        .min()
        .map(|(_, n)| n.clone())
}

fn images(inputs: &Inputs, i: usize, out: &mut Vec<Diagnostic>) {
    if !(inputs.on)(i, "thumbnail/missing-file") {
        return;
    }
    let site = inputs.site;
    let page = &inputs.map.pages[i];
    for img in &inputs.facts[i].images {
        let decoded = urls::percent_decode(&img.path);
        let decoded = urls::split_fragment(&decoded).0.to_string();
        if decoded.is_empty() {
            continue;
        }
        if leaves_the_site(page, &decoded) {
            out.push(outside_image(img));
            continue;
        }
        let mut candidates = site
            .generator
            .link_candidates(site, inputs.map, i, &decoded);
        if !decoded.starts_with('/') {
            // A relative image may be a page resource (next to the page, or in its bundle
            // folder) or, for many themes, a path under the static folders.
            let stem = urls::stem(urls::file_name(&page.rel));
            if let Some(rel) =
                urls::join(urls::parent(&page.rel), stem).and_then(|d| urls::join(&d, &decoded))
            {
                candidates.push(Candidate::Source(rel));
            }
            candidates.push(Candidate::Url(format!("/{decoded}")));
        }
        match inputs.map.resolve_any(site, &candidates, false) {
            Resolution::Missing if site.generator.files_unknown(site) => {}
            Resolution::Missing => {
                let help = suggest(inputs, i, &decoded).unwrap_or_else(|| {
                    "put the file next to the page (a page bundle) or under the site's static folder".into()
                });
                out.push(
                    Diagnostic::new(
                        "thumbnail/missing-file",
                        img.span.clone(),
                        format!("`{}` image `{}` does not exist", img.field, img.path),
                    )
                    .label("not found")
                    .help(help),
                );
            }
            Resolution::Outside => out.push(outside_image(img)),
            _ => {}
        }
    }
}

fn outside_image(img: &super::facts::ImageFact) -> Diagnostic {
    Diagnostic::new(
        "thumbnail/missing-file",
        img.span.clone(),
        format!(
            "`{}` image `{}` points outside the site",
            img.field, img.path
        ),
    )
    .label("outside the site")
    .help("use an image inside the site; frontlint does not look outside the site root")
}

fn refs(inputs: &Inputs, i: usize, out: &mut Vec<Diagnostic>) {
    let on = |r: &str| (inputs.on)(i, r);
    let (ref_on, anchor_on) = (on("link/broken-ref"), on("link/broken-anchor"));
    if !ref_on && !anchor_on {
        return;
    }
    let site = inputs.site;
    for r in &inputs.facts[i].refs {
        match site.generator.resolve_ref(site, inputs.map, i, r) {
            Resolution::Page(target) => {
                let frag = r.target.split_once('#').map(|(_, f)| f).unwrap_or("");
                let target_facts = facts_of(inputs, target);
                if anchor_on && !frag.is_empty() && target_facts.body {
                    let page = format!("`{}`", r.target.split('#').next().unwrap_or(""));
                    anchor(inputs, target, frag, r.span.clone(), &page, out);
                }
            }
            Resolution::Missing | Resolution::Outside if ref_on => out.push(
                Diagnostic::new(
                    "link/broken-ref",
                    r.span.clone(),
                    format!(
                        "no page matches the {} `{}`",
                        if r.kind == super::RefKind::Include {
                            "include"
                        } else {
                            "reference"
                        },
                        r.target
                    ),
                )
                .label("not found")
                .help("check the path: it names a content file (`blog/post.md`) or a page path"),
            ),
            _ => {}
        }
    }
}

fn unknown_language(inputs: &Inputs, i: usize, out: &mut Vec<Diagnostic>) {
    let site = inputs.site;
    if site.languages.is_empty() || !(inputs.on)(i, "i18n/unknown-language") {
        return;
    }
    let info = &inputs.map.pages[i].info;
    let Some(lang) = &info.lang else { return };
    if site.language(lang).is_some() {
        return;
    }
    let known: Vec<&str> = site.languages.iter().map(|l| l.key.as_str()).collect();
    let (span, how) = match &info.lang_source {
        LangSource::Key { span } => (span.clone(), "its language key"),
        LangSource::Suffix => (0..0, "its file-name suffix"),
        LangSource::Folder => (0..0, "its folder"),
        LangSource::Default => return,
    };
    out.push(
        Diagnostic::new(
            "i18n/unknown-language",
            span,
            format!(
                "the page is in `{lang}` ({how}), a language the site does not configure ({})",
                known.join(", ")
            ),
        )
        .help(format!(
            "use one of the site's languages, or add `{lang}` to the {} config",
            site.kind
        )),
    );
}

/// `site/duplicate-url`: reported at every page after the first (in path order) publishing at
/// one URL.
fn duplicate_urls(inputs: &Inputs, out: &mut Vec<(usize, Diagnostic)>) {
    let map = inputs.map;
    // The map already groups pages by URL key (in path order): only keys with two pages or
    // more are looked at, and of those only published pages count.
    let mut keys: Vec<(String, Vec<(usize, usize)>)> = map
        .shared_urls()
        .map(|(key, v)| {
            let pages = v
                .iter()
                .copied()
                .filter(|&(i, _)| is_page(inputs, i) && map.pages[i].info.published)
                .collect();
            (key, pages)
        })
        .collect();
    keys.sort();
    for (key, mut pages) in keys {
        pages.sort_by(|a, b| {
            map.pages[a.0]
                .rel
                .cmp(&map.pages[b.0].rel)
                .then(a.1.cmp(&b.1))
        });
        pages.dedup_by_key(|p| p.0);
        if pages.len() < 2 {
            continue;
        }
        let first = &map.pages[pages[0].0].rel;
        for &(i, j) in &pages[1..] {
            if !reported(inputs, i) || !rule_on(inputs, i, "site/duplicate-url") {
                continue;
            }
            let url = &map.pages[i].info.urls[j];
            let span = url.set_by.clone().unwrap_or(0..0);
            let d = Diagnostic::new(
                "site/duplicate-url",
                span,
                format!(
                    "this page publishes at `{key}`, like `{first}`: one of them is overwritten"
                ),
            )
            .label("sets the URL")
            .note(format!("first published by {first}"))
            .help("give one of the pages another `slug`, `url` or file name");
            out.push((i, d));
        }
    }
}

/// `site/alias-conflict`: an alias equal to a page's URL or to another page's alias.
fn alias_conflicts(inputs: &Inputs, out: &mut Vec<(usize, Diagnostic)>) {
    let map = inputs.map;
    for (i, p) in map.pages.iter().enumerate() {
        if p.info.aliases.is_empty()
            || !is_page(inputs, i)
            || !p.info.published
            || !reported(inputs, i)
            || !rule_on(inputs, i, "site/alias-conflict")
        {
            continue;
        }
        for (j, a) in p.info.aliases.iter().enumerate() {
            let key = urls::url_key(&a.url);
            let page_hit = map
                .pages_at(&key)
                .find(|&k| map.pages[k].info.published && is_page(inputs, k));
            let message = if let Some(k) = page_hit {
                if k == i {
                    format!("the alias `{}` is the page's own URL", a.url)
                } else {
                    format!(
                        "the alias `{}` is the URL of `{}`: the redirect would overwrite that page",
                        a.url, map.pages[k].rel
                    )
                }
            } else {
                let earlier = map.aliases_at(&key).iter().copied().find(|&(k, l)| {
                    (k, l) != (i, j)
                        && map.pages[k].info.published
                        && (map.pages[k].rel.as_str(), l) < (p.rel.as_str(), j)
                });
                match earlier {
                    Some((k, _)) if k == i => format!("the alias `{}` is listed twice", a.url),
                    Some((k, _)) => format!(
                        "`{}` is also an alias of `{}`: one redirect overwrites the other",
                        a.url, map.pages[k].rel
                    ),
                    None => continue,
                }
            };
            out.push((
                i,
                Diagnostic::new("site/alias-conflict", a.span.clone(), message)
                    .label("this alias")
                    .help("remove the alias, or point it at a URL no page uses"),
            ));
        }
    }
}

/// `i18n/missing-translation`: default-language pages without a translation in a required
/// language.
fn missing_translations(inputs: &Inputs, out: &mut Vec<(usize, Diagnostic)>) {
    let site = inputs.site;
    let Some(default) = site.default_language() else {
        return;
    };
    if inputs.require_translations.is_empty() {
        return;
    }
    let required: Vec<&str> = if inputs.require_translations.iter().any(|r| r == "all") {
        site.languages
            .iter()
            .skip(1)
            .map(|l| l.key.as_str())
            .collect()
    } else {
        inputs
            .require_translations
            .iter()
            .map(String::as_str)
            .collect()
    };
    let map = inputs.map;
    let mut groups: HashMap<&str, Vec<&str>> = HashMap::new();
    for (i, p) in map.pages.iter().enumerate() {
        if let (true, Some(key), Some(lang)) =
            (is_page(inputs, i), &p.info.translation_key, &p.info.lang)
        {
            groups.entry(key.as_str()).or_default().push(lang.as_str());
        }
    }
    for (i, p) in map.pages.iter().enumerate() {
        if !is_page(inputs, i)
            || !reported(inputs, i)
            || !rule_on(inputs, i, "i18n/missing-translation")
        {
            continue;
        }
        let lang = p.info.lang.as_deref().unwrap_or(default);
        if site.language(lang).map(|l| l.key.as_str()) != Some(default) {
            continue;
        }
        let have = p
            .info
            .translation_key
            .as_deref()
            .and_then(|k| groups.get(k))
            .cloned()
            .unwrap_or_default();
        let missing: Vec<&str> = required
            .iter()
            .copied()
            .filter(|r| {
                !have
                    .iter()
                    .any(|h| site.language(h).map(|l| &l.key) == site.language(r).map(|l| &l.key))
            })
            .collect();
        if !missing.is_empty() {
            out.push((
                i,
                Diagnostic::new(
                    "i18n/missing-translation",
                    0..0,
                    format!(
                        "no translation in {}",
                        missing
                            .iter()
                            .map(|m| format!("`{m}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
                .help("add the translated page, or drop the language from `[i18n] require`"),
            ));
        }
    }
}
