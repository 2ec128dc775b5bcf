//! Rule documentation: one entry per rule (why it matters, a failing and a passing example,
//! its options). `frontlint explain RULE` prints the page; `docs/rules/` holds the same pages,
//! generated from here (a test fails when they are out of date: `UPDATE_DOCS=1 cargo test`).

use super::{RULES, RuleInfo, info};

/// Where the project lives (rule pages are under `docs/rules/` there): `repository` in
/// Cargo.toml, the one line that names it for the code.
pub const HOME: &str = env!("CARGO_PKG_REPOSITORY");

pub struct Doc {
    /// Why the rule matters.
    pub why: &'static str,
    /// A file the rule reports.
    pub bad: &'static str,
    /// The same file, fixed.
    pub good: &'static str,
    /// The rule's options (beyond its severity), or "".
    pub options: &'static str,
}

const fn doc(
    why: &'static str,
    bad: &'static str,
    good: &'static str,
    options: &'static str,
) -> Doc {
    Doc {
        why,
        bad,
        good,
        options,
    }
}

const DATE_OPTIONS: &str = "`[dates] timezone = \"Asia/Shanghai\"` reads values without offset in that zone (UTC when unset); `[dates] fields = [\"date\", \"eventDate\"]` adds fields to parse. The current time comes from `--now 2026-01-01T00:00:00Z` or the `FRONTLINT_NOW` environment variable when set.";
const LINK_OPTIONS: &str = "`[links] exclude = [\"g\", \"/api/*\"]`: globs of destinations not checked (for render-hook conventions such as Hugo docs' glossary links `[term](g)`). `--root DIR` sets the site root.";
const THUMB_OPTIONS: &str = "`[thumbnails] fields = [\"thumbnail\", \"cover.image\"]`: the header keys that hold images (default `thumbnail`, `image`, `images`, `cover`, `cover.image`, `featured_image`, `banner`, `og_image`; a string or a list of strings). `--root DIR` sets the site root.";
const REMOTE_OPTIONS: &str = "Only with `--remote` (or `[remote] enabled = true`; `--offline` wins). `[remote]` in `frontlint.toml`: `concurrency = 64` (requests at once), `per-host = 4` (at once to one host), `connect-timeout = 5` and `timeout = 20` (seconds, or `\"500ms\"`, `\"1m\"`: the timeout covers a URL's redirects and the bytes read), `max-redirects = 10`, `retries = 3` and `max-retry-wait = 60` (429/503 answers, `Retry-After` honoured per host), `include`/`exclude` (globs of URLs: `[\"https://twitter.com/**\"]`), `cache-ttl = \"1d\"` and `cache-ttl-broken = \"1h\"` (`.frontlint_cache/remote.json`; `--no-cache` skips it), `user-agent`, `https-hints = true`, and `[remote.headers]` `\"cdn.example.com\" = \"CDN_HEADERS\"` (the environment variable whose `Name: value` lines are sent to that host only; never written to the cache or the output).";
const SUMMARY_OPTIONS: &str = "`[summary] fields = [\"summary\", \"description\"]` (the default), `min = 20`, `max = 160` (for `summary/length`).";
const TAXONOMY_OPTIONS: &str = "Taxonomies are `tags`, `categories` and `keywords`, plus every `[taxonomies.NAME]` table; `[taxonomies.categories] allowed = [\"qq\", \"tech\"]` restricts the terms.";
const SCHEMA_WHY: &str = "The site's JSON Schema is its contract for front matter: templates, feeds and search indexes read these fields and break, or silently print the wrong thing, when a value has the wrong shape. The schema comes from `--schema`, the config's `schema` (or an override's), else the built-in Hugo schema.";
const SCHEMA_OPTIONS: &str = "The schema itself: `schema = \"schemas/post.json\"` in `frontlint.toml`, per folder in `[[overrides]]`, or `--schema` on the command line.";

pub fn get(id: &str) -> Doc {
    match id {
        "date/expired" => doc(
            "Hugo stops publishing a page once its `expiryDate` has passed; a page that should stay online disappears silently.",
            "---\ntitle: Offer\nexpiryDate: 2024-01-01\n---",
            "---\ntitle: Offer\nexpiryDate: 2030-01-01\n---",
            DATE_OPTIONS,
        ),
        "date/filename-mismatch" => doc(
            "Jekyll and Hugo (`:filename`) build permalinks and dates from a leading `YYYY-MM-DD` in the file name, and news sites file pages under `YYYY/MM/` folders. When the front-matter date says otherwise, URLs, archives and sort order disagree. The calendar date is compared as written, in its own offset.",
            "# _posts/2018-03-14-development-update.md\n---\ndate: 2018-04-19 10:00:00 -0700\n---",
            "# _posts/2018-04-19-development-update.md\n---\ndate: 2018-04-19 10:00:00 -0700\n---",
            "",
        ),
        "date/future" => doc(
            "Hugo (without `--buildFuture`) and Jekyll (without `--future`) skip pages dated in the future: the page is quietly not published. Instants are compared, so `+08:00` is honoured; a value without offset is read in the site time zone.",
            "---\ntitle: Launch\ndate: 2099-01-01T08:00:00+08:00\n---",
            "---\ntitle: Launch\ndate: 2099-01-01T08:00:00+08:00\ndraft: true\n---",
            DATE_OPTIONS,
        ),
        "date/invalid" => doc(
            "Hugo fails the build (since 0.135) or ignores the field when a date does not parse; impossible dates such as `2025-02-30` are common after hand edits. Accepted: RFC 3339 with `Z` or an offset (also `+0800`), `2025-02-10T07:55:15`, `2025-02-10 07:55:15`, `2025-02-10`, fractional seconds, TOML native date-times, and the other layouts Hugo takes (RFC 1123, RFC 822, RFC 850, ANSI C, Unix and Ruby dates, `02 Jan 2006`). An empty string means no date.",
            "---\ndate: 2025-02-30\n---",
            "---\ndate: 2025-02-28\n---",
            DATE_OPTIONS,
        ),
        "date/missing-timezone" => doc(
            "A date-time without offset means a different instant on build machines in different time zones (a post shows up a day early or late). Off by default.",
            "---\ndate: 2025-02-10T07:55:15\n---",
            "---\ndate: 2025-02-10T07:55:15+08:00\n---",
            DATE_OPTIONS,
        ),
        "date/nonstandard" => doc(
            "Hugo's Go-based parser accepts a one-digit hour (`2019-05-27T4:55:44+08:00`), RFC 1123 (`Sat, 03 Nov 2018 16:20:59 GMT`) or an offset without colon (`+0800`), but feeds, sitemaps, JSON-LD and other generators misread them. The help shows the RFC 3339 form with the instant Hugo reads: Hugo ignores a zone name (`GMT`, `UTC`, `MST`) and reads the time in the site time zone, so with `[dates] timezone = \"Asia/Shanghai\"` `Mon, 02 Jan 2006 15:04:05 GMT` becomes `2006-01-02T15:04:05+08:00` (without a configured time zone, `2006-01-02T15:04:05`).",
            "---\ndate: 2019-05-27T4:55:44+08:00\n---",
            "---\ndate: 2019-05-27T04:55:44+08:00\n---",
            "`[dates] timezone` decides the offset written for a date whose zone name Hugo ignores.",
        ),
        "date/order" => doc(
            "A `lastmod` before the publication date, or an `expiryDate` before it, is a typo: listing pages sort wrongly and the page may expire before it appears. Instants are compared, not text.",
            "---\ndate: 2025-02-10T08:00:00+08:00\nlastmod: 2025-02-09\n---",
            "---\ndate: 2025-02-10T08:00:00+08:00\nlastmod: 2025-02-11\n---",
            DATE_OPTIONS,
        ),
        "file/outside-root" => doc(
            "frontlint runs on pull requests from strangers. A repository can hold a symlink to `/home/runner/.ssh`, `/proc/self/environ` or `/dev/zero`; followed, it would leak files into the CI log, or never end. Each path given has a linted root: the site root (`--root`, else the config file's folder, else the current folder) when the path is inside it, else the path itself (a file's folder for a file). A symlink whose target resolves outside that root is not followed: a folder link is not walked, a link to a file the run would lint is not read. Nothing under /proc, /sys or /dev is ever read, also when named on the command line or reached through a link; a folder whose `.gitignore` or `.ignore` is such a link (or a FIFO or device) is not walked either. Links to other files (images, data) are never read, so they are not reported. Body links and header images that point outside the site are reported by `link/broken-relative` and `thumbnail/missing-file`, without looking whether the target exists.",
            "content/notes -> /home/runner/notes   (a symlink out of the site)\ncontent/env.md -> /proc/self/environ",
            "content/notes/   (a folder of the site; copy or move the files in)",
            "",
        ),
        "file/too-large" => doc(
            "A file this large is not a content page; reading it would cost the whole run's memory budget.",
            "(a 300 MiB file named `dump.md`)",
            "exclude = [\"dump.md\"]   # in frontlint.toml",
            "",
        ),
        "file/unreadable" => doc(
            "A page that cannot be read is not built; the site generator will fail or skip it. Symlink loops and FIFOs are reported instead of hanging the run.",
            "content/post.md -> content/post.md   (a symlink to itself)",
            "content/post.md   (a regular, readable file)",
            "",
        ),
        "i18n/missing-translation" => doc(
            "A multilingual site promises its readers every page in their language; a page added in the default language only is a gap the language switcher hides. Off by default: turn it on with `[i18n] require = [\"zh\", \"de\"]` (or `[\"all\"]`). Translations are grouped as the generator groups them: file-name suffix (`post.de.md`), language folder, `translationKey`.",
            "# i18n require = [\"de\"]\ncontent/posts/launch.md (no content/posts/launch.de.md)",
            "content/posts/launch.md\ncontent/posts/launch.de.md",
            "`[i18n] require = [\"zh\", \"de\"]`, or `[\"all\"]` for every configured language.",
        ),
        "i18n/unknown-language" => doc(
            "A page marked for a language the site does not configure (a `.de.md` suffix, a language folder, a `lang` value the generator reads) is dropped from the build or published in the wrong place, without an error. The site's languages come from the generator's config (`frontlint site` lists them).",
            "# languages: en, zh\ncontent/posts/launch.de.md",
            "# languages: en, zh, de\ncontent/posts/launch.de.md",
            "`[site] locales = [\"en\", \"zh-cn\"]` when the generator's config cannot be read (Starlight's `locales` in JavaScript).",
        ),
        "internal/error" => doc(
            "frontlint caught a crash while linting this file, and went on with the others. It is a bug in frontlint: please report it with the file.",
            "(any file that triggers the bug)",
            "(report it; `--ignore internal` hides it meanwhile)",
            "",
        ),
        "lang/invalid" => doc(
            "Hugo, hreflang links, `<html lang>` and feeds pass the tag on as is; `zh_CN` is ill-formed and `english` or `zh-CNN` are not registered, so browsers, screen readers and search engines ignore them. Tags are checked for well-formedness and against the IANA Language Subtag Registry (as carried by the `language-tags` crate: subtags registered up to March 2021).",
            "---\nlang: zh_CN\n---",
            "---\nlang: zh-CN\n---",
            "",
        ),
        "link/broken-anchor" => doc(
            "A `#fragment` that matches no heading scrolls nowhere: readers land at the top of the page. Anchors follow Hugo's GitHub-style ids (lowercase, spaces to `-`, CJK kept, duplicates `-1`, `-2`), `{#custom-id}` attributes and definition-list terms; `other.md#frag` checks the other file's headings.",
            "## 安装指南\n\nSee [installing](#安装).",
            "## 安装指南\n\nSee [installing](#安装指南).",
            LINK_OPTIONS,
        ),
        "link/broken-ref" => doc(
            "Generator cross-references name a page by its source path: Hugo's `{{< ref \"x\" >}}` and `{{< relref \"x\" >}}` fail the build (`REF_NOT_FOUND`) or render an empty link, Jekyll's `{% link %}` and `{% post_url %}` fail the build, Zola's `@/path.md` fails `zola check`. The lookup follows each generator's rules (Hugo: relative to the page, then from the content root, with or without extension; Jekyll: from the site source; Zola: from `content/`). A `#fragment` is checked by `link/broken-anchor`.",
            "See {{< ref \"blog/instal.md\" >}}.",
            "See {{< ref \"blog/install.md\" >}}.",
            "",
        ),
        "link/broken-relative" => doc(
            "A relative link to a file that was moved or renamed is the most common defect in docs. Paths resolve against the file's folder (and, for Hugo page links such as `../other/`, against the page's URL: `other.md`, `other/index.md`, `other/_index.md`), root-relative paths against `static/`, `assets/`, `content/` and its language folders; page names match case-insensitively, as Hugo serves them lowercased. Links inside code and Hugo shortcodes (`{{< ref >}}`) are not Markdown links and are not checked. A path that leaves the site root (and the paths given on the command line), as written or through a symlink, is reported as pointing outside the site: frontlint does not look there, so whether the file exists is neither checked nor shown.",
            "See [the guide](../guide/instal.md).",
            "See [the guide](../guide/install.md).",
            LINK_OPTIONS,
        ),
        "link/empty" => doc(
            "`[text]()` renders as a link to the page itself; it is a placeholder that was never filled in.",
            "Read [the announcement]().",
            "Read [the announcement](https://example.com/news).",
            "",
        ),
        "link/insecure" => doc(
            "`http://` links leak readers' traffic and are often redirects to the https page. Off by default: many sites link to http-only pages on purpose.",
            "[spec](http://example.com/spec)",
            "[spec](https://example.com/spec)",
            "",
        ),
        "link/remote-broken" => doc(
            "A dead link is a dead end for every reader, and links rot: pages move, sites close. With `--remote`, every absolute `http`/`https` body link (and protocol-relative `//host/…`) is asked for once per run however many pages use it: `HEAD`, or `GET` of one byte range when the server refuses `HEAD`; redirects are followed (at most 10, loops reported). A 4xx or 5xx after redirects, a DNS or TLS failure, a refused or dropped connection and a timeout are reported with the status and the final URL. For an `http://` link whose `https://` form answers, the help says so.",
            "[spec](https://example.com/moved-away)   (answers 404 Not Found)",
            "[spec](https://example.com/spec)   (answers 200 OK)",
            REMOTE_OPTIONS,
        ),
        "link/invalid-url" => doc(
            "A malformed absolute URL (a space in the host, no host, a bad port) is a dead link for every reader. Checked offline with the `url` crate; nothing is fetched.",
            "[home](https://exa%20mple.com/)",
            "[home](https://example.com/)",
            "",
        ),
        "thumbnail/insecure" => doc(
            "An `http://` image on an https page is mixed content: browsers block it or show a warning, and the listing page shows no thumbnail.",
            "---\nthumbnail: http://img.example.com/a.jpg\n---",
            "---\nthumbnail: https://img.example.com/a.jpg\n---",
            THUMB_OPTIONS,
        ),
        "thumbnail/invalid-url" => doc(
            "A thumbnail that is neither a URL nor a path (`htps//x`, `https://exa mple.com/a.jpg`, `https://`) is a broken image on every listing page.",
            "---\nthumbnail: htps//img.example.com/a.jpg\n---",
            "---\nthumbnail: https://img.example.com/a.jpg\n---",
            THUMB_OPTIONS,
        ),
        "thumbnail/missing-file" => doc(
            "A broken thumbnail is the most visible defect on a listing page. A relative path is looked up next to the page (page bundle) and under the site's `static/` and `assets/`; a root-relative path (`/img/a.png`) under `static/`, `assets/` and `content/`. The site root is the config file's folder, else the current folder, or `--root`. A path outside the site (`../../../../etc/passwd`, or through a symlink out of it) is reported as pointing outside the site, without looking whether it exists.",
            "---\nthumbnail: /img/ai-cost.png   # static/img/ai-costs.png exists\n---",
            "---\nthumbnail: /img/ai-costs.png\n---",
            THUMB_OPTIONS,
        ),
        "thumbnail/not-image" => doc(
            "A thumbnail pointing at a `.pdf` or `.html` file shows nothing. URLs without an extension (CDN style) are fine.",
            "---\nthumbnail: /files/report.pdf\n---",
            "---\nthumbnail: /img/report-cover.png\n---",
            THUMB_OPTIONS,
        ),
        "thumbnail/remote-broken" => doc(
            "CDN image URLs without an extension (`https://inews.gtimg.com/om_ls/…/0`) are well-formed offline whether or not the image still exists; a deleted one is a blank tile on every listing page. With `--remote`, each header image URL is asked for once per run with a `GET` of its first 512 bytes (never more: the connection is closed, so a huge file is not downloaded); redirects are followed (at most 10, loops reported). A 4xx or 5xx, a DNS or TLS failure, a refused or dropped connection and a timeout are reported with the status and the final URL.",
            "---\nthumbnail: https://img.example.com/deleted/0   # answers 404 Not Found\n---",
            "---\nthumbnail: https://img.example.com/current/0   # answers 200 OK, image/jpeg\n---",
            REMOTE_OPTIONS,
        ),
        "thumbnail/remote-not-image" => doc(
            "A thumbnail URL that answers with a web page (an article instead of its picture, a CDN's HTML error page served with 200, a login page) shows as a broken image. With `--remote`, a 2xx answer is an image when its `Content-Type` is `image/*` (or missing, or `application/octet-stream`) and its first bytes are an image's: PNG, JPEG, GIF, WebP, AVIF/HEIF, BMP, ICO, TIFF, JPEG XL or SVG.",
            "---\nthumbnail: https://news.example.com/2025/02/story.html   # text/html\n---",
            "---\nthumbnail: https://img.example.com/story/cover.jpg   # image/jpeg\n---",
            REMOTE_OPTIONS,
        ),
        "site/alias-conflict" => doc(
            "An alias (Hugo and Zola `aliases`, Jekyll `redirect_from`) writes a redirect page at its URL. When that URL is another page's, the redirect and the page overwrite each other; when two pages claim one alias, one redirect is lost. Labelled on the alias item.",
            "# content/old.md publishes at /old/\n---\ntitle: New\naliases: [\"/old/\"]\n---",
            "---\ntitle: New\naliases: [\"/older/\"]\n---",
            "",
        ),
        "site/duplicate-url" => doc(
            "Two pages that publish at one URL overwrite each other: the generator keeps one and the other silently disappears (Hugo lower-cases `Foo/Bar.md` to `/foo/bar/`, a `slug` can equal another page's file name, two Jekyll posts can share a permalink, two Docusaurus docs a slug). Reported at each page after the first in path order, labelled on the key that sets the URL, or at the file when its path does. Drafts and pages the site does not build are left out.",
            "# content/posts/hello.md and content/posts/other.md:\n---\ntitle: Other\nslug: hello\n---",
            "---\ntitle: Other\nslug: hello-again\n---",
            "",
        ),
        "summary/empty" => doc(
            "An empty `summary` or `description` overrides the generator's own excerpt with nothing: listing pages, feeds and search snippets show a blank.",
            "---\nsummary: \"\"\n---\nThe page has text.",
            "---\nsummary: \"The page has text.\"\n---\nThe page has text.",
            SUMMARY_OPTIONS,
        ),
        "summary/length" => doc(
            "Listing pages and search snippets cut long summaries mid-word and look empty with very short ones. Off by default; the bounds count characters (graphemes), never bytes.",
            "---\nsummary: 短\n---",
            "---\nsummary: 一段长度合适、能概括全文要点的摘要文字。\n---",
            SUMMARY_OPTIONS,
        ),
        "summary/markup" => doc(
            "Most themes print `summary` as plain text, so `**bold**`, `[links](…)` and `<p>` tags show up literally on listing pages and in feeds.",
            "---\nsummary: \"See **this** [post](/x/)\"\n---",
            "---\nsummary: \"See this post\"\n---",
            SUMMARY_OPTIONS,
        ),
        "summary/mismatch" => doc(
            "Content pipelines cut a summary from the body's first sentence and end it with an ellipsis; when the body is edited later, listing pages, RSS and search snippets keep showing text the article no longer says. A summary that ends with `...`, `…` or `……` claims to be an excerpt; it is reported when its text departs from the body's opening (after NFKC normalisation and whitespace folding, so full-width and half-width punctuation and CJK spacing never count). A summary without an ellipsis is an abstract and is never a mismatch; neither is one that shares not even its first character with the body (a teaser written for listings, `Jekyll 3.7.0 brings LiveReload… and much more…`).",
            "---\nsummary: \"2月10日消息，美国当地时间周日...\"\n---\n2月10日消息，美国当地时间周六，……",
            "---\nsummary: \"2月10日消息，美国当地时间周六...\"\n---\n2月10日消息，美国当地时间周六，……",
            SUMMARY_OPTIONS,
        ),
        "summary/truncated-without-ellipsis" => doc(
            "A summary that is the body's opening cut in the middle of a sentence reads as a broken sentence on listing pages; the ellipsis tells readers it continues.",
            "---\nsummary: Hello world, this is the fir\n---\nHello world, this is the first post.",
            "---\nsummary: Hello world, this is the fir...\n---\nHello world, this is the first post.",
            SUMMARY_OPTIONS,
        ),
        "taxonomy/duplicate" => doc(
            "A repeated term (compared case-insensitively after trimming) makes Hugo list the page twice under one term page, or creates two term pages that differ only in case.",
            "---\ntags: [Go, rust, \" go \"]\n---",
            "---\ntags: [Go, rust]\n---",
            TAXONOMY_OPTIONS,
        ),
        "taxonomy/not-a-list" => doc(
            "`categories: \"service mesh\"` is one term to Hugo but a list of characters or a comma-split list to other tools; sites that use lists elsewhere get inconsistent term pages. Not reported where the generator reads the string itself: Hugo (one term), Jekyll (words split on spaces), and a folder without a generator config whose pages are in `content/` (Hugo's conventions).",
            "---\ncategories: \"service mesh\"\n---",
            "---\ncategories: [\"service mesh\"]\n---",
            TAXONOMY_OPTIONS,
        ),
        "taxonomy/undefined" => doc(
            "Zola fails the build when a page uses a taxonomy its `config.toml` does not define; other generators ignore the terms, so the page is missing from every list of that taxonomy. An error for Zola sites, off elsewhere.",
            "+++\n[taxonomies]\ntag = [\"rust\"]\n+++",
            "+++\n[taxonomies]\ntags = [\"rust\"]\n+++",
            "",
        ),
        "taxonomy/unknown-term" => doc(
            "A site with a fixed vocabulary (news channels, product areas) breaks navigation when a page invents a term or misspells one. Reported only for taxonomies with a configured `allowed` list.",
            "---\ncategories: [tehc]\n---",
            "---\ncategories: [tech]\n---",
            TAXONOMY_OPTIONS,
        ),
        "suppression/unknown-directive" => doc(
            "A comment meant to suppress a finding but misspelt (`frontlint-disable-nextline`), borrowed from another linter (`frontlint-disable-line`, ESLint's \"this line\"), or naming no rule suppresses nothing, silently: the finding it was written for still fails the build, or the author believes it is handled. Only comments that start with `frontlint-` are checked. The directives are `frontlint-disable-next-line RULE` (the next line) and `frontlint-disable RULE` (the whole file).",
            "---\ntitle: Launch\ndate: 2099-01-01 # frontlint-disable-line date/future\n---",
            "---\ntitle: Launch\n# frontlint-disable-next-line date/future\ndate: 2099-01-01\n---",
            "",
        ),
        "suppression/unused" => doc(
            "A suppression that no longer suppresses anything hides the next real problem on that line, and tells readers something that is not true.",
            "---\n# frontlint-disable-next-line syntax/duplicate-key -- imported as is\ntitle: \"No duplicate any more\"\n---",
            "---\ntitle: \"No duplicate any more\"\n---",
            "",
        ),
        "syntax/duplicate-key" => doc(
            "YAML forbids duplicate keys, but most site generators keep one of the values silently (serde_yaml and PyYAML keep the last), so half of the author's edit is lost. Keys that differ only in case are different keys.",
            "---\ntitle: \"部署Envoy代理\"\nauthor:\nauthor: \"shiva\"\n---",
            "---\ntitle: \"部署Envoy代理\"\nauthor: \"shiva\"\n---",
            "",
        ),
        "syntax/empty" => doc(
            "An empty header is usually a template that was never filled in; the page has no title or date. Empty is empty in every format: `---`/`---`, `+++`/`+++` and `{}`.",
            "---\n---\nBody.",
            "---\ntitle: A page\n---\nBody.",
            "",
        ),
        "syntax/encoding" => doc(
            "Site generators read UTF-8. A GBK or UTF-16 file shows mojibake on the page or fails the build.",
            "---\ntitle: \"编码\"   # saved as GBK\n---",
            "---\ntitle: \"编码\"   # saved as UTF-8 (iconv -f GBK -t UTF-8)\n---",
            "",
        ),
        "syntax/invisible-character" => doc(
            "A key with a zero-width space, joiner or other invisible character looks exactly like another key: `dra\\u{200B}ft: true` (with the character itself where `\\u{200B}` is written here) reads as `draft: true` in every editor and review, but the site generator sees an unknown key and publishes the page. Bidirectional controls (U+202A–U+202E, U+2066–U+2069) reorder how the text after them is displayed, so a value or comment can show something other than what it holds (\"Trojan Source\": `photo\\u{202E}gpj.exe` shows as `photoexe.jpg`); U+FEFF has no use inside a header. Reported: in keys, every invisible character (Unicode's default-ignorable set: U+200B–U+200F, U+2060–U+206F, U+FEFF, U+00AD, tag characters, Hangul fillers, variation selectors…) and control character; anywhere in the header, bidi controls and U+FEFF. Zero-width joiners in values (emoji sequences, Persian and Indic text) and U+200E/U+200F marks in values are fine. The message names the character (`U+200B ZERO WIDTH SPACE`) and the span is on it; a key that holds one through an escape (`\"dra\\u200Bft\"`) is reported on the key. Every output format shows such characters as visible escapes.",
            "---\ndra\\u{200B}ft: true               # the invisible character itself, not this escape\ntitle: \"photo\\u{202E}gpj.exe\"      # shows as photoexe.jpg\n---",
            "---\ndraft: true\ntitle: \"photogpj.exe\"              # what the title holds\n---",
            "",
        ),
        "syntax/limit" => doc(
            "A header over 4 MiB, nested over 128 levels, or expanding to over 1,000,000 values through aliases (a \"billion laughs\" alias bomb) is not front matter; parsing it would cost unbounded time and memory.",
            "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n# … ten levels\n---",
            "---\ntitle: A page\n---",
            "",
        ),
        "syntax/missing" => doc(
            "Without front matter a page has no title, date or taxonomy; Hugo and Jekyll build it with defaults or not at all. Off for folders that hold plain docs (`README.md`): set it per folder with `[[overrides]]`.",
            "# A page\n\nBody.",
            "---\ntitle: A page\n---\n\nBody.",
            "",
        ),
        "syntax/not-a-mapping" => doc(
            "Front matter is a mapping of keys to values; a list or a single value cannot give the page a title or a date.",
            "---\n- title\n- date\n---",
            "---\ntitle: A page\ndate: 2025-02-10\n---",
            "",
        ),
        "syntax/parse-error" => doc(
            "The site generator fails the build on a header it cannot parse. The position is the parser's.",
            "---\nsummary: 说明: 这里的冒号让 YAML 解析失败\n---",
            "---\nsummary: \"说明: 这里的冒号让 YAML 解析失败\"\n---",
            "",
        ),
        "syntax/unterminated" => doc(
            "Without the closing delimiter the whole file is read as header, or the page is published with its header as body text.",
            "---\ntitle: A page\n\nBody.",
            "---\ntitle: A page\n---\n\nBody.",
            "",
        ),
        "yaml/ambiguous-scalar" => doc(
            "YAML 1.1 readers (Jekyll's Psych, PyYAML, older go-yaml) read a plain `yes`, `no`, `on`, `off`, `y` or `n` as a boolean, `0755` as the octal number 493 and `1:20` as the base-60 number 80; YAML 1.2 readers (Hugo) read strings and decimals. The same file means different things to different tools.",
            "---\ncomments: yes\nlead: 0755\ntime: 1:20\n---",
            "---\ncomments: true\nlead: \"0755\"\ntime: \"1:20\"\n---",
            "`[yaml] reader` says which YAML the site's generator reads. With `\"1.1\"` (Jekyll, MkDocs, Hugo before 0.152) `--fix` writes what those readers read today: `true`/`false` for `yes`/`no`/`on`/`off` in their usual spellings and the octal number for `0755` (`493`); with `\"1.2\"` (Hugo 0.152 and later) it quotes booleans and base-60 values and writes `493` for `0755` (Hugo 0.168 reads it as octal). Where the readers disagree (`y`, `1:20` for 1.1) or the reader is unknown (the default), the fix needs `--unsafe-fixes`: `true`/`false` where the schema says boolean, else the value quoted.",
        ),
        "yaml/unindented-flow" => doc(
            "Hugo (go-yaml) accepts a flow list whose closing `]` sits at column 0, but YAML 1.2 parsers (saphyr, yaml-rust2, js-yaml in strict mode) reject it, so other tools in the pipeline fail on the file.",
            "---\naliases: [\n  '/templates/base/',\n]\n---",
            "---\naliases: [\n  '/templates/base/',\n  ]\n---",
            "",
        ),
        id if id.starts_with("schema/") => schema_doc(id),
        _ => doc("", "", "", ""),
    }
}

fn schema_doc(id: &str) -> Doc {
    let (bad, good): (&str, &str) = match id {
        "schema/type" => ("---\ncomments: \"yes\"\n---", "---\ncomments: true\n---"),
        "schema/required" => (
            "---\nsummary: 没有标题\n---",
            "---\ntitle: 标题\nsummary: 没有标题\n---",
        ),
        "schema/enum" => (
            "---\nsidebar: middle   # enum: left, right\n---",
            "---\nsidebar: right\n---",
        ),
        "schema/format" => (
            "---\ndate: \"10/02/2025 08:00\"\n---",
            "---\ndate: 2025-02-10T08:00:00+08:00\n---",
        ),
        "schema/additionalProperties" => (
            "---\nthumbnial: /img/a.png\n---",
            "---\nthumbnail: /img/a.png\n---",
        ),
        "schema/pattern" => (
            "---\nthumbnail: http://x.example/a.png   # pattern: ^https://\n---",
            "---\nthumbnail: https://x.example/a.png\n---",
        ),
        "schema/maxLength" => (
            "---\ntitle: (a 200-character title)   # maxLength: 120\n---",
            "---\ntitle: A shorter title\n---",
        ),
        "schema/minimum" => ("---\nweight: -1   # minimum: 0\n---", "---\nweight: 1\n---"),
        _ => (
            "(a value the schema keyword rejects)",
            "(a value the schema keyword accepts)",
        ),
    };
    doc(SCHEMA_WHY, bad, good, SCHEMA_OPTIONS)
}

/// The rule's `why`, for SARIF's `fullDescription`.
pub fn full_description(id: &str) -> String {
    let d = get(id);
    if d.why.is_empty() {
        info(id).map_or_else(String::new, |r| r.summary.to_string())
    } else {
        d.why.to_string()
    }
}

/// The doc page's path under `docs/rules/`.
pub fn page_path(id: &str) -> String {
    format!("{id}.md")
}

pub fn url(id: &str) -> String {
    format!("{HOME}/blob/main/docs/rules/{}", page_path(id))
}

/// The rule's doc page, in Markdown.
pub fn page(rule: &RuleInfo) -> String {
    let d = get(rule.id);
    let mut s = format!("# `{}`\n\n", rule.id);
    s.push_str(&format!(
        "Default severity: **{}**.{}\n\n",
        rule.default.as_str(),
        match rule.fixable {
            super::Fixable::No => "",
            super::Fixable::Safe => " Fixable with `--fix`.",
            super::Fixable::Unsafe => " Fixable with `--fix --unsafe-fixes` (review the result).",
        }
    ));
    s.push_str("## What it checks\n\n");
    s.push_str(rule.summary);
    s.push_str("\n\n## Why it matters\n\n");
    s.push_str(d.why);
    s.push_str("\n\n## Example\n\nReported:\n\n```markdown\n");
    s.push_str(d.bad);
    s.push_str("\n```\n\nFine:\n\n```markdown\n");
    s.push_str(d.good);
    s.push_str("\n```\n\n## Options\n\n");
    if d.options.is_empty() {
        s.push_str("None beyond its severity");
    } else {
        s.push_str(d.options);
        s.push_str(" Severity");
    }
    s.push_str(&format!(
        ": `\"{}\" = \"off\" | \"warning\" | \"error\"` under `[rules]` in `frontlint.toml`, or `--ignore {}` / `--select {}` on the command line.\n",
        rule.id, rule.id, rule.id
    ));
    s
}

/// Every page, for the docs generator and its test.
pub fn all_pages() -> Vec<(String, String)> {
    RULES.iter().map(|r| (page_path(r.id), page(r))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_why_and_examples() {
        for r in RULES {
            let d = get(r.id);
            assert!(!d.why.is_empty(), "{} has no doc", r.id);
            assert!(
                !d.bad.is_empty() && !d.good.is_empty(),
                "{} has no examples",
                r.id
            );
        }
    }
}
