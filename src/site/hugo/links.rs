//! How links and references resolve on a Hugo site, URLs Hugo makes without a page, and
//! taxonomy terms writing one page.

#[allow(unused_imports)]
use super::*;

impl HugoSite {
    /// For a path under a taxonomy (`/tags`, `/tags/x`, `/tags/x/page/2`), how many parts it
    /// has; `None` for any other path.
    pub(super) fn taxonomy_depth(&self, key: &str) -> Option<usize> {
        let parts: Vec<&str> = key.split('/').filter(|s| !s.is_empty()).collect();
        let first = parts.first()?;
        self.taxonomies
            .iter()
            .any(|t| {
                paths::urlize(t, self.lower).eq_ignore_ascii_case(first)
                    || t.eq_ignore_ascii_case(first)
            })
            .then_some(parts.len())
    }

    /// Hugo's page lookup (`ref`, `GetPage`): a page, `Unknown` for pages Hugo makes without
    /// a file (a first-level folder is a section without `_index.md`; taxonomy and term
    /// pages), else `Missing`.
    pub(super) fn get_page(
        &self,
        ctx: &Ctx,
        from: Option<usize>,
        lang: &str,
        path: &str,
        is_reflink: bool,
    ) -> Resolution {
        let key_of = |p: &str| self.tree_key(p);
        match ctx.tree.lookup(from, lang, path, is_reflink, &key_of) {
            Ok(Some(i)) => Resolution::Page(i),
            Ok(None) => {
                let k = self.tree_key(path.trim_start_matches("./"));
                if ctx
                    .first_section_dirs
                    .contains(&(lang.to_string(), k.clone()))
                    || self.taxonomy_depth(&k).is_some()
                {
                    Resolution::Unknown
                } else {
                    Resolution::Missing
                }
            }
            Err(()) => Resolution::Missing,
        }
    }

    /// The permalink pattern for a page of this kind at this tree key, if any.
    pub(super) fn permalink_for(&self, kind: &str, key: &str) -> Option<String> {
        let section_path = key.trim_start_matches('/');
        let kind = if kind == "home" { return None } else { kind };
        self.permalinks
            .iter()
            .filter(|p| p.kind == kind)
            .filter(|p| match &p.glob {
                Some(g) => g.is_match(key),
                None if p.section.is_empty() => !section_path.contains('/'),
                None => urls::is_under(section_path, &p.section),
            })
            .max_by_key(|p| p.section.len())
            .map(|p| p.pattern.clone())
    }

    /// The current section's path, as folder names (`:sections`): for a section page its own
    /// folders, for a page the folders up to its nearest section (a folder with an `_index`,
    /// or the first level).
    pub(super) fn sections_of(&self, loc: &Located, ctx: &Ctx) -> Vec<String> {
        let dirs: Vec<String> = loc
            .dirs
            .iter()
            .map(|d| paths::lower(d).replace(' ', "-"))
            .collect();
        let mut n = dirs.len();
        if loc.bundle == Bundle::Leaf {
            n = n.saturating_sub(1);
        }
        while n > 1 {
            let k = format!("/{}", dirs[..n].join("/"));
            if ctx.sections.contains_key(&(loc.lang.clone(), k)) {
                break;
            }
            n -= 1;
        }
        dirs[..n].to_vec()
    }

    /// How a browser reads a destination: against each URL of the page; plus the content
    /// file a URL names when the file is a page resource Hugo publishes at its bundle's path
    /// (images and other files next to a page).
    pub(super) fn browser_candidates(
        &self,
        site: &Site,
        map: &PageMap,
        from: usize,
        path: &str,
    ) -> Vec<Candidate> {
        let page = &map.pages[from];
        let mut out = Vec::new();
        let resource = |u: &str, out: &mut Vec<Candidate>| {
            let mut rest = u.trim_start_matches('/');
            for l in &self.langs {
                if let Some(r) = rest.strip_prefix(&format!("{}/", l.key)) {
                    rest = r;
                }
            }
            let name = urls::file_name(rest.trim_end_matches('/'));
            let ext = paths::lower(name.rsplit('.').next().unwrap_or(""));
            if !name.contains('.') {
                // An HTML content page (`content/x/index.html`), which frontlint does not read
                // but Hugo publishes (older Hugo by default, 0.153+ with `security.allowContent`).
                let dir = rest.trim_end_matches('/');
                if dir.is_empty() {
                    return;
                }
                for s in &self.sources {
                    for file in [format!("{dir}/index.html"), format!("{dir}.html")] {
                        if let Some(p) = urls::join(&s.dir, &file) {
                            out.push(Candidate::Source(p));
                        }
                    }
                }
                return;
            }
            if CONTENT_EXTS.contains(&ext.as_str()) {
                return;
            }
            for s in &self.sources {
                if let Some(p) = urls::join(&s.dir, rest) {
                    out.push(Candidate::Source(p));
                }
            }
        };
        if path.starts_with('/') {
            let u = crate::site::map::strip_base(site, path).to_string();
            resource(&u, &mut out);
            out.insert(0, Candidate::Url(u));
            return out;
        }
        for u in &page.info.urls {
            let joined = crate::site::map::relative_url(&u.url, path);
            out.push(Candidate::Url(joined.clone()));
            resource(&joined, &mut out);
        }
        // A bundle's resources publish next to its page, wherever its URL is.
        let stem = paths::lower(urls::stem(urls::file_name(&page.rel)));
        let is_bundle = stem.starts_with("index") || stem.starts_with("_index");
        let ext = paths::lower(urls::file_name(path).rsplit('.').next().unwrap_or(""));
        if is_bundle && urls::file_name(path).contains('.') && !CONTENT_EXTS.contains(&ext.as_str())
        {
            if let Some(p) = urls::join(urls::parent(&page.rel), path) {
                out.push(Candidate::Source(p));
            }
        }
        if page.info.urls.is_empty() {
            // A page without a URL (headless, `render: never`): its text is shown by others.
            out.push(Candidate::Unknown);
        }
        out
    }
}

/// Taxonomy terms that differ but publish their pages at one URL: Hugo keys terms by their
/// lower-cased value with spaces as `-`, then drops the characters a path does not keep for
/// the term page's path, so `“envoy”` and `envoy` are two terms writing `/categories/envoy/`
/// (Hugo warns "Duplicate target paths"; one term page overwrites the other). Reported (`site/duplicate-url`) at each use of every spelling
/// but the most used one.
/// One use of a term: the page, the span of the item, the term as written.
type Use = (usize, std::ops::Range<usize>, String);

pub(super) fn taxonomy_term_collisions(
    hugo: &HugoSite,
    inputs: &crate::site::check::Inputs,
    out: &mut Vec<(usize, crate::diagnostic::Diagnostic)>,
) {
    use std::collections::BTreeMap;
    let map = inputs.map;
    for tax in &hugo.taxonomies {
        let key = tax.to_lowercase();
        let prefix = paths::urlize(tax, hugo.lower);
        // (lang, term URL) → term key → uses (page, span, as written).
        let mut by_url: BTreeMap<(String, String), BTreeMap<String, Vec<Use>>> = BTreeMap::new();
        for (i, p) in map.pages.iter().enumerate() {
            if p.role != Role::Page || !p.info.published || p.info.urls.is_empty() {
                continue;
            }
            let lang = p.info.lang.clone().unwrap_or_default();
            for item in inputs.facts[i].list(&key) {
                // Hugo's key for a term: lower-cased, spaces as `-` (`service mesh` and
                // `Service-Mesh` are one term); its page: that, sanitised (`“envoy”` → `envoy`).
                // Proven with Hugo 0.168 (fixtures/sites/hugo-taxonomy).
                let term_key = paths::lower(&item.value).replace(' ', "-");
                if term_key.is_empty() {
                    continue;
                }
                let url = paths::segment(&item.value, hugo.lower);
                if url.is_empty() {
                    continue;
                }
                by_url
                    .entry((lang.clone(), url))
                    .or_default()
                    .entry(term_key)
                    .or_default()
                    .push((i, item.span.clone(), item.value.clone()));
            }
        }
        for ((_, url), terms) in by_url {
            if terms.len() < 2 {
                continue;
            }
            let mut ranked: Vec<(&String, &Vec<Use>)> = terms.iter().collect();
            ranked.sort_by(|a, b| {
                b.1.len()
                    .cmp(&a.1.len())
                    .then_with(|| map.pages[a.1[0].0].rel.cmp(&map.pages[b.1[0].0].rel))
            });
            let (main, main_uses) = ranked[0];
            let main_written = &main_uses[0].2;
            let first_page = &map.pages[main_uses[0].0].rel;
            for (_, uses) in &ranked[1..] {
                for (i, span, written) in uses.iter() {
                    if !(inputs.reported)(*i) || !(inputs.on)(*i, "site/duplicate-url") {
                        continue;
                    }
                    let _ = main;
                    out.push((
                        *i,
                        crate::diagnostic::Diagnostic::new(
                            "site/duplicate-url",
                            span.clone(),
                            format!(
                                "the {key} term `{written}` publishes its page at `/{prefix}/{url}/`, like the term `{main_written}`: Hugo writes one over the other"
                            ),
                        )
                        .label("this term")
                        .note(format!("`{main_written}` is used by {} page(s), first {first_page}", main_uses.len()))
                        .help(format!("write the term as `{main_written}`")),
                    ));
                }
            }
        }
    }
}
