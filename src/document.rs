//! The unit every rule sees: one file, read once, split once, parsed once.

use std::cell::{Cell, OnceCell, RefCell};
use std::ops::Range;
use std::path::Path;

use crate::body::BodyFacts;
use crate::parse::Node;
use crate::split::FrontMatter;

/// How much of the body's leading text the summary rules may compare.
pub const LEAD_LIMIT: usize = 2000;

pub struct Document<'a> {
    /// The path as shown to the user.
    pub path: &'a Path,
    /// The path relative to the site root, when the file is inside it: what rules that read
    /// folder names see, so the result does not depend on the folder frontlint runs from.
    pub site_path: Option<std::path::PathBuf>,
    /// The whole file.
    pub text: &'a str,
    /// The front matter's delimiters and ranges, when there is front matter.
    pub front: Option<&'a FrontMatter>,
    /// The header tree, when it parsed.
    pub root: Option<&'a Node>,
    /// The body after the front matter.
    pub body: Range<usize>,
    /// The body is MDX (an `.mdx` file, or Markdown a generator reads as MDX): JSX blocks,
    /// MDX comments and indented fences are read the MDX way.
    pub mdx: bool,
    /// Links, headings and lead text of the body: parsed on first use, once, for every rule.
    pub facts: OnceCell<BodyFacts>,
    /// Folders and files outside this one that rules looked at (for the cache).
    pub deps: RefCell<Vec<std::path::PathBuf>>,
    /// The instants of "now" between which the result stays the same (for the cache).
    pub window: Cell<NowWindow>,
}

/// The span of "now" for which a file's result holds: the date rules compare instants with now
/// (`date/future` while a date is after it, `date/expired` once a date is not), and each such
/// comparison flips exactly when now reaches the instant. Nanoseconds since the Unix epoch;
/// `from` inclusive, `until` exclusive, `None` for no bound.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NowWindow {
    pub from: Option<i128>,
    pub until: Option<i128>,
}

impl NowWindow {
    /// Narrow the window for a comparison of `instant` with `now`: the result holds until now
    /// reaches a later instant, and from an earlier (or equal) one.
    pub fn compared(&mut self, instant: jiff::Timestamp, now: jiff::Timestamp) {
        let t = instant.as_nanosecond();
        if instant > now {
            self.until = Some(self.until.map_or(t, |u| u.min(t)));
        } else {
            self.from = Some(self.from.map_or(t, |f| f.max(t)));
        }
    }

    /// Does a result computed in this window hold at `now`?
    pub fn holds(&self, now: i128) -> bool {
        self.from.is_none_or(|f| f <= now) && self.until.is_none_or(|u| now < u)
    }
}

/// Whether a path names an MDX file.
pub fn is_mdx_path(path: &Path) -> bool {
    crate::util::has_extension(path.as_os_str(), "mdx")
}

impl Document<'_> {
    /// Where to point at "the front matter as a whole": its opening delimiter, or the file start.
    pub fn header_span(&self) -> Range<usize> {
        self.front.map_or(0..0, |f| f.open.clone())
    }

    /// The body's links, headings and lead text (parsed once, on first use).
    pub fn facts(&self) -> &BodyFacts {
        self.facts.get_or_init(|| {
            if self.mdx {
                crate::body::extract_mdx(self.text, self.body.clone(), LEAD_LIMIT)
            } else {
                crate::body::extract(self.text, self.body.clone(), LEAD_LIMIT)
            }
        })
    }

    /// Record that the result depends on how `instant` compares with `now`.
    pub fn compared_with_now(&self, instant: jiff::Timestamp, now: jiff::Timestamp) {
        let mut w = self.window.get();
        w.compared(instant, now);
        self.window.set(w);
    }

    /// Record that the result depends on `path` (a folder probed, a file read).
    pub fn depends_on(&self, path: &Path) {
        self.deps.borrow_mut().push(path.to_path_buf());
    }

    /// The header tree when it is a mapping (the only shape rules look into).
    pub fn mapping(&self) -> Option<&Node> {
        self.root
            .filter(|r| matches!(r.value, crate::parse::Value::Map(_)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mdx_paths_are_those_whose_extension_is_mdx() {
        for p in [
            "a.mdx",
            "文章/b.MDX",
            "c/.mdx",
            ".mdx",
            "mdx",
            "d.md",
            "e.mdxx",
            "f..mdx",
            "g/h.mdx",
            "/i.Mdx",
            "j.mdx.md",
            "k.markdown",
            "l.MarkDown",
            ".md",
            "m.mkd",
        ] {
            let path = Path::new(p);
            let std = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("mdx"));
            assert_eq!(is_mdx_path(path), std, "{p}");
            let std = path.extension().is_some_and(|e| {
                ["md", "mdx", "markdown"]
                    .iter()
                    .any(|m| e.eq_ignore_ascii_case(m))
            });
            assert_eq!(crate::util::is_markdown_name(path.as_os_str()), std, "{p}");
        }
    }
}
