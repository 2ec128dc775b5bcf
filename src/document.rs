//! The unit every rule sees: one file, read once, split once, parsed once.

use std::cell::{OnceCell, RefCell};
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
    /// The whole file.
    pub text: &'a str,
    /// The front matter's delimiters and ranges, when there is front matter.
    pub front: Option<&'a FrontMatter>,
    /// The header tree, when it parsed.
    pub root: Option<&'a Node>,
    /// The body after the front matter.
    pub body: Range<usize>,
    /// Links, headings and lead text of the body: parsed on first use, once, for every rule.
    pub facts: OnceCell<BodyFacts>,
    /// Folders and files outside this one that rules looked at (for the cache).
    pub deps: RefCell<Vec<std::path::PathBuf>>,
}

impl Document<'_> {
    /// Where to point at "the front matter as a whole": its opening delimiter, or the file start.
    pub fn header_span(&self) -> Range<usize> {
        self.front.map_or(0..0, |f| f.open.clone())
    }

    /// The body's links, headings and lead text (parsed once, on first use).
    pub fn facts(&self) -> &BodyFacts {
        self.facts
            .get_or_init(|| crate::body::extract(self.text, self.body.clone(), LEAD_LIMIT))
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
