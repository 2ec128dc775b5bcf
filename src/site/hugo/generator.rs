//! The [`Generator`] for Hugo: page URLs, aliases, languages, publish state, references and
//! links.

#[allow(unused_imports)]
use super::*;

/// What a section's `_index` says, per language.
#[derive(Debug, Clone, Default)]
pub(super) struct SectionInfo {
    pub(super) slug: Option<String>,
    pub(super) title: Option<String>,
    /// `cascade` build options: `render`, `list`, with their target.
    pub(super) cascade: Option<Cascade>,
}

#[derive(Debug, Clone, Default)]
pub(super) struct Cascade {
    pub(super) render: Option<String>,
    pub(super) list: Option<String>,
    pub(super) draft: Option<bool>,
    /// A glob on the page path (`/news/**`), lower-cased.
    pub(super) path: Option<globset::GlobMatcher>,
    /// Page kinds it applies to (`page`, `section`, `{home,section}`).
    pub(super) kinds: Option<Vec<String>>,
}

/// What page URLs depend on beyond their own file (built once per page map).
#[derive(Debug, Default)]
pub(super) struct Ctx {
    pub(super) tree: Tree,
    /// (language, section key) → its `_index` front matter.
    pub(super) sections: HashMap<(String, String), SectionInfo>,
    /// Every language's page (index) by tree key, for translations of a section.
    pub(super) first_section_dirs: HashSet<(String, String)>,
}

impl Generator for HugoSite {
    fn page_keys(&self) -> &'static [&'static str] {
        self.keys
    }

    fn role(&self, _site: &Site, rel: &str) -> Role {
        match self.content_role(rel) {
            None => Role::Ignored,
            Some(ContentRole::Page) => Role::Page,
            Some(ContentRole::Resource | ContentRole::Headless) => Role::Partial,
        }
    }

    fn page(&self, site: &Site, rel: &str, facts: &PageFacts) -> PageInfo {
        self.page_in(site, rel, facts, &Ctx::default())
    }

    fn context(
        &self,
        site: &Site,
        inputs: &[(String, &PageFacts)],
    ) -> Box<dyn std::any::Any + Send + Sync> {
        let mut ctx = Ctx::default();
        let _ = site;
        for (i, (rel, facts)) in inputs.iter().enumerate() {
            // Pages, and headless content (other pages include it): not bundle resources.
            if !matches!(
                self.content_role(rel),
                Some(ContentRole::Page | ContentRole::Headless)
            ) {
                continue;
            }
            let Some(loc) = self.locate(rel) else {
                continue;
            };
            let key = self.tree_key(loc.inside);
            let name = if loc.bundle == Bundle::None {
                paths::lower(loc.stem).replace(' ', "-")
            } else {
                urls::file_name(&key).to_string()
            };
            ctx.tree.insert(
                i,
                TreePath {
                    lang: loc.lang.clone(),
                    key: key.clone(),
                    bundle: loc.bundle,
                    name,
                },
            );
            if let Some(first) = loc.dirs.first() {
                ctx.first_section_dirs
                    .insert((loc.lang.clone(), format!("/{}", paths::lower(first))));
            }
            if loc.bundle == Bundle::Branch {
                let cascade = {
                    let mut c = Cascade::default();
                    for prefix in ["cascade.build", "cascade._build"] {
                        c.render = c.render.or_else(|| {
                            facts
                                .str(&format!("{prefix}.render"))
                                .map(str::to_ascii_lowercase)
                        });
                        c.list = c.list.or_else(|| {
                            facts
                                .str(&format!("{prefix}.list"))
                                .map(str::to_ascii_lowercase)
                        });
                    }
                    c.draft = self.bool_field(facts, "cascade.draft");
                    for prefix in ["cascade.target", "cascade._target"] {
                        if let Some(p) = facts.str(&format!("{prefix}.path")) {
                            c.path = globset::GlobBuilder::new(&p.to_lowercase())
                                .literal_separator(true)
                                .build()
                                .ok()
                                .map(|g| g.compile_matcher());
                        }
                        if let Some(k) = facts.str(&format!("{prefix}.kind")) {
                            c.kinds = Some(
                                k.trim_matches(['{', '}'])
                                    .split(',')
                                    .map(|s| s.trim().to_ascii_lowercase())
                                    .collect(),
                            );
                        }
                    }
                    (c.render.is_some() || c.list.is_some() || c.draft.is_some()).then_some(c)
                };
                ctx.sections.insert(
                    (loc.lang.clone(), key),
                    SectionInfo {
                        slug: facts.str("slug").map(String::from),
                        title: facts.str("title").map(String::from),
                        cascade,
                    },
                );
            }
        }
        Box::new(ctx)
    }

    fn page_in(
        &self,
        site: &Site,
        rel: &str,
        facts: &PageFacts,
        context: &(dyn std::any::Any + Send + Sync),
    ) -> PageInfo {
        let empty = Ctx::default();
        let ctx = context.downcast_ref::<Ctx>().unwrap_or(&empty);
        let Some(loc) = self.locate(rel) else {
            return PageInfo::default();
        };
        let key = self.tree_key(loc.inside);
        let kind = if loc.bundle == Bundle::Branch {
            PageKind::Section
        } else {
            PageKind::Page
        };
        let hugo_kind = match (loc.bundle, key.as_str()) {
            (Bundle::Branch, "/") => "home",
            (Bundle::Branch, k) => match self.taxonomy_depth(k) {
                Some(1) => "taxonomy",
                Some(2) => "term",
                _ => "section",
            },
            _ => "page",
        };

        // Build options: the page's own, else the nearest cascade that targets it.
        let own = |what: &str| {
            facts
                .str(&format!("build.{what}"))
                .or_else(|| facts.str(&format!("_build.{what}")))
                .map(str::to_ascii_lowercase)
        };
        let has_own_build = own("render").is_some() || own("list").is_some();
        let mut render = own("render");
        let mut list = own("list");
        let mut cascaded_draft = None;
        {
            let mut k = key.clone();
            loop {
                if let Some(c) = ctx
                    .sections
                    .get(&(loc.lang.clone(), k.clone()))
                    .and_then(|s| s.cascade.as_ref())
                {
                    let path_ok = c.path.as_ref().is_none_or(|g| g.is_match(&key));
                    let kind_ok = c
                        .kinds
                        .as_ref()
                        .is_none_or(|ks| ks.iter().any(|x| x == hugo_kind));
                    if path_ok && kind_ok {
                        if !has_own_build && render.is_none() && list.is_none() {
                            render = c.render.clone();
                            list = c.list.clone();
                        }
                        if cascaded_draft.is_none() {
                            cascaded_draft = c.draft;
                        }
                        break;
                    }
                }
                if k == "/" {
                    break;
                }
                k = refs_parent(&k);
            }
        }
        if loc.bundle == Bundle::Leaf && self.bool_field(facts, "headless") == Some(true) {
            render = Some("never".into());
            list = Some("never".into());
        }
        let rendered = !matches!(render.as_deref(), Some("never" | "false" | "link"));
        let _ = list;

        // Publish state.
        let draft = self
            .bool_field(facts, "draft")
            .or(cascaded_draft)
            .unwrap_or(false);
        let publish = self.date_of(facts, &self.dates.publish, rel);
        let expiry = self.date_of(facts, &self.dates.expiry, rel);
        let mut published = rendered && (!draft || site.build_drafts);
        if let Some(p) = publish.as_ref().and_then(|d| d.timestamp(&self.tz)) {
            if p > self.now && !site.build_future {
                published = false;
            }
        }
        if let Some(e) = expiry.as_ref().and_then(|d| d.timestamp(&self.tz)) {
            if e <= self.now && !site.build_expired {
                published = false;
            }
        }

        // The URL.
        let lang_prefix = self.lang_prefix(&loc.lang).to_string();
        let section = loc
            .dirs
            .first()
            .map(|d| paths::lower(d))
            .unwrap_or_default();
        let ugly = self.ugly(&section);
        let mut slug_field = facts.field("slug");
        let mut slug = facts.str("slug");
        let filename_slug;
        if slug.is_none() && self.dates.date.iter().any(|k| k == ":filename") {
            if let Some((_, rest)) = filename_date(urls::file_name(rel)) {
                filename_slug = rest.to_string();
                slug = Some(filename_slug.as_str());
                slug_field = None;
            }
        }
        let mut urls_out: Vec<PageUrl> = Vec::new();
        if rendered {
            let finish = |path: &str, dir_like: bool| -> String {
                let p = path.trim_matches('/');
                if p.is_empty() {
                    return format!("{lang_prefix}/");
                }
                if ugly && !dir_like && loc.bundle != Bundle::Branch {
                    format!("{lang_prefix}/{p}.html")
                } else {
                    format!("{lang_prefix}/{p}/")
                }
            };
            if let Some(u) = facts.field("url").filter(|_| facts.str("url").is_some()) {
                let raw = facts.str("url").unwrap_or("").trim();
                let mut url = if raw.starts_with('/') {
                    raw.to_string()
                } else {
                    format!("/{raw}")
                };
                let last = urls::file_name(url.trim_end_matches('/'));
                if !url.ends_with('/') && !last.contains('.') {
                    url.push('/');
                }
                urls_out.push(PageUrl {
                    url,
                    set_by: Some(u.span.clone()),
                });
            } else if let Some(pattern) = self.permalink_for(hugo_kind, &key) {
                let date = self
                    .date_of(facts, &self.dates.date, rel)
                    .map(|d| (d.civil.year(), d.civil.month(), d.civil.day()));
                let sections = self.sections_of(&loc, ctx);
                let section_slugs: Vec<String> = {
                    let mut k = String::new();
                    sections
                        .iter()
                        .map(|s| {
                            k.push('/');
                            k.push_str(s);
                            let info = ctx.sections.get(&(loc.lang.clone(), k.clone()));
                            let slug = info
                                .and_then(|i| i.slug.clone())
                                .or_else(|| info.and_then(|i| i.title.clone()))
                                .unwrap_or_default();
                            paths::urlize(&slug, self.lower)
                        })
                        .collect()
                };
                let filename = match loc.bundle {
                    Bundle::Leaf => loc.dirs.last().copied().unwrap_or(""),
                    Bundle::Branch => "",
                    Bundle::None => loc.stem,
                };
                let content_base = match loc.bundle {
                    Bundle::None => loc.stem,
                    _ => loc.dirs.last().copied().unwrap_or(""),
                };
                let page = paths::PermaPage {
                    date,
                    title: facts.str("title").unwrap_or(""),
                    slug,
                    filename,
                    content_base_name: content_base,
                    section: &section,
                    sections: sections.iter().map(String::as_str).collect(),
                    section_slugs,
                };
                if let Ok(expanded) = paths::expand(&pattern, &page, self.lower) {
                    let cleaned = paths::clean_permalink(&expanded, self.lower);
                    let mut p: String = cleaned
                        .split('/')
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join("/");
                    if ugly && loc.bundle != Bundle::Branch && !p.is_empty() {
                        p.push_str(".html");
                        urls_out.push(PageUrl {
                            url: format!("{lang_prefix}/{p}"),
                            set_by: slug_field.map(|f| f.span.clone()),
                        });
                    } else {
                        urls_out.push(PageUrl {
                            url: finish(&p, true),
                            set_by: slug_field.map(|f| f.span.clone()),
                        });
                    }
                }
            } else {
                let path = self.default_path(&loc, ctx, slug);
                urls_out.push(PageUrl {
                    url: finish(&path, false),
                    set_by: slug_field.map(|f| f.span.clone()),
                });
            }
        }

        // Aliases: absolute ones under the language prefix, relative ones next to the page.
        let mut aliases = Vec::new();
        let page_url = urls_out.first().map(|u| u.url.clone());
        for item in facts.list("aliases") {
            let a = item.value.trim();
            if a.is_empty() || a.contains("://") {
                continue;
            }
            let url = if a.starts_with('/') {
                format!("{lang_prefix}{a}")
            } else {
                let base = page_url
                    .clone()
                    .unwrap_or_else(|| format!("{lang_prefix}/"));
                let dir = &base[..base.trim_end_matches('/').rfind('/').map_or(1, |i| i + 1)];
                format!("{dir}{a}")
            };
            let url = urls::normalize(&url).unwrap_or(url);
            let last = urls::file_name(url.trim_end_matches('/'));
            let url = if url.ends_with('/') || last.contains('.') {
                url
            } else {
                format!("{url}/")
            };
            // Hugo keeps the page where an alias names the page itself (proven with Hugo 0.168:
            // the page is written, not a redirect).
            if urls_out
                .iter()
                .any(|u| urls::url_key(&u.url) == urls::url_key(&url))
            {
                continue;
            }
            aliases.push(Alias {
                url,
                span: item.span,
            });
        }

        // Language and translations.
        let (lang, lang_source) = match loc.unknown_suffix {
            Some(s) if self.multilingual || loc.source.lang.is_none() => {
                (Some(s.to_string()), LangSource::Suffix)
            }
            _ => (
                self.multilingual.then(|| loc.lang.clone()),
                loc.lang_source.clone(),
            ),
        };
        let translation_key = self
            .multilingual
            .then(|| match facts.str("translationkey") {
                Some(k) => format!("key:{k}"),
                None => format!("path:{key}"),
            });

        PageInfo {
            urls: urls_out,
            aliases,
            lang,
            lang_source,
            translation_key,
            published,
            kind,
        }
    }

    fn extra_ids(
        &self,
        text: &str,
        body: std::ops::Range<usize>,
        facts: &crate::body::BodyFacts,
        out: &mut Vec<String>,
        _deps: &mut Vec<PathBuf>,
    ) {
        if !self.attribute_block {
            return;
        }
        // `markup.goldmark.parser.attribute.block`: a line `{#id .class}` after a block gives
        // that block an id.
        let Some(src) = text.get(body.clone()) else {
            return;
        };
        let mut pos = body.start;
        for line in src.split_inclusive('\n') {
            let start = pos;
            pos += line.len();
            let t = line.trim();
            if !(t.starts_with('{') && t.ends_with('}')) || t.starts_with("{{") {
                continue;
            }
            if facts.code.iter().any(|c| c.start <= start && start < c.end) {
                continue;
            }
            for part in t[1..t.len() - 1].split_whitespace() {
                if let Some(id) = part.strip_prefix('#') {
                    if !id.is_empty() {
                        out.push(id.to_string());
                    }
                } else if let Some(v) = part.strip_prefix("id=") {
                    let v = v.trim_matches(['"', '\'']);
                    if !v.is_empty() {
                        out.push(v.to_string());
                    }
                }
            }
        }
    }

    fn refs(
        &self,
        text: &str,
        body: std::ops::Range<usize>,
        _code: &[std::ops::Range<usize>],
        out: &mut Vec<RefFact>,
    ) {
        refs::scan(text, body, &self.shortcodes, out);
    }

    fn resolve_ref(&self, _site: &Site, map: &PageMap, from: usize, r: &RefFact) -> Resolution {
        let Some(ctx) = map.context.downcast_ref::<Ctx>() else {
            return Resolution::Unknown;
        };
        if r.kind == crate::site::RefKind::Include {
            if r.target.is_empty() {
                return Resolution::Unknown;
            }
            // `or ($.Page.GetPage .) (site.GetPage .)`.
            let lang = ctx
                .tree
                .paths
                .get(from)
                .and_then(Option::as_ref)
                .map_or_else(|| self.default_lang().to_string(), |p| p.lang.clone());
            return match self.get_page(ctx, Some(from), &lang, &r.target, false) {
                Resolution::Page(i) => Resolution::Page(i),
                _ => self.get_page(ctx, None, &lang, &r.target, false),
            };
        }
        let path = r.target.split('#').next().unwrap_or("");
        if path.is_empty() {
            // `ref "#anchor"`: this page.
            return Resolution::Page(from);
        }
        let lang = ctx
            .tree
            .paths
            .get(from)
            .and_then(Option::as_ref)
            .map_or_else(|| self.default_lang().to_string(), |p| p.lang.clone());
        self.get_page(ctx, Some(from), &lang, path, true)
    }

    fn link_candidates(
        &self,
        site: &Site,
        map: &PageMap,
        from: usize,
        path: &str,
    ) -> Vec<Candidate> {
        let page = &map.pages[from];
        if let Some(h) = &self.hook {
            if h.is_special(path) {
                return vec![Candidate::Unknown];
            }
        }
        let Some(h) = &self.hook else {
            return self.browser_candidates(site, map, from, path);
        };
        // A hook that reports what it cannot resolve decides alone; one that passes such a
        // destination through silently leaves the browser's reading.
        let mut out = if h.reports_unresolved {
            Vec::new()
        } else {
            self.browser_candidates(site, map, from, path)
        };
        let ctx = map.context.downcast_ref::<Ctx>();
        let loc = self.locate(&page.rel);
        if h.get_page {
            if let (Some(ctx), Some(loc)) = (ctx, loc.as_ref()) {
                match self.get_page(ctx, Some(from), &loc.lang, path, false) {
                    Resolution::Page(i) => {
                        out.insert(0, Candidate::Source(map.pages[i].rel.clone()))
                    }
                    Resolution::Unknown => out.push(Candidate::Unknown),
                    _ => {}
                }
            }
        }
        let rest = path.trim_start_matches('/');
        // A resource is a file of the folder, found by its exact name (no extension guessed).
        let resource_in = |dir: &str| -> Option<Candidate> {
            let p = urls::join(dir, rest)?;
            (urls::is_under(&p, dir) && urls::file_name(&p).contains('.'))
                .then_some(Candidate::Source(p))
        };
        let page_dir = urls::parent(&page.rel);
        if h.page_resources && loc.as_ref().is_some_and(|l| l.bundle != Bundle::None) {
            out.extend(resource_in(page_dir));
        }
        if h.section_resources && loc.as_ref().is_some_and(|l| l.bundle != Bundle::Leaf) {
            if let Some(l) = &loc {
                // The current section: the nearest folder with an `_index`, else the first.
                let mut dir = urls::parent(l.inside).to_string();
                if let Some(ctx) = ctx {
                    loop {
                        let k = self.tree_key(&format!("{dir}/_index.md"));
                        if ctx.sections.contains_key(&(l.lang.clone(), k)) || !dir.contains('/') {
                            break;
                        }
                        dir = urls::parent(&dir).to_string();
                    }
                }
                if let Some(d) = urls::join(&l.source.dir, &dir) {
                    out.extend(resource_in(&d));
                }
            }
        }
        if h.global_resources {
            for a in &self.assets {
                out.extend(resource_in(a));
            }
        }
        out
    }

    fn image_candidates(
        &self,
        site: &Site,
        map: &PageMap,
        from: usize,
        path: &str,
    ) -> Vec<Candidate> {
        // The link render hook does not see images; without an image render hook the browser
        // resolves them.
        self.browser_candidates(site, map, from, path)
    }

    fn is_generated_url(&self, _site: &Site, url: &str) -> bool {
        let mut path = url.trim_start_matches('/');
        // Without the language prefix.
        for l in &self.langs {
            let p = l.key.as_str();
            if let Some(rest) = path.strip_prefix(p) {
                if rest.is_empty() || rest.starts_with('/') {
                    path = rest.trim_start_matches('/');
                    break;
                }
            }
        }
        let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let Some(first) = parts.first() else {
            // A language's home (`/en/` redirects to `/` for the default language).
            return true;
        };
        let last = parts.last().copied().unwrap_or("");
        if matches!(
            last,
            "index.xml" | "sitemap.xml" | "robots.txt" | "404.html" | "feed.xml" | "rss.xml"
        ) || self
            .outputs
            .iter()
            .any(|o| last == o || last.starts_with(&format!("{o}.")))
        {
            return true;
        }
        // Pagination: `…/page/2/`.
        if parts.len() >= 2
            && parts[parts.len() - 2] == "page"
            && last.bytes().all(|b| b.is_ascii_digit())
        {
            return true;
        }
        if self.taxonomy_depth(&format!("/{first}")).is_some() {
            return true;
        }
        // A first-level folder is a section even without `_index.md`.
        if parts.len() == 1
            && self
                .first_level_dirs()
                .contains(&urls::percent_decode(first).to_string())
        {
            return true;
        }
        // Pages a content adapter adds.
        let mut dir = String::new();
        for p in &parts {
            if !dir.is_empty() {
                dir.push('/');
            }
            dir.push_str(p);
            for s in &self.sources {
                if let Some(d) = urls::join(&s.dir, &dir) {
                    if self.has_adapter(&d) {
                        return true;
                    }
                }
            }
        }
        false
    }

    fn site_checks(
        &self,
        inputs: &crate::site::check::Inputs,
        out: &mut Vec<(usize, crate::diagnostic::Diagnostic)>,
    ) {
        taxonomy_term_collisions(self, inputs, out);
    }
}

pub(super) fn refs_parent(k: &str) -> String {
    match k.rfind('/') {
        Some(0) | None => "/".into(),
        Some(i) => k[..i].to_string(),
    }
}
