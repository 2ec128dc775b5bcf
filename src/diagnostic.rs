//! Diagnostics are plain data: a rule id, a severity, what is wrong (message), what to do
//! (help), and byte spans into the file. Renderers in `report` turn them into text.

use std::ops::Range;

pub use crate::registry::Severity;

/// A secondary span with its own text ("first defined here").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Range<usize>,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// A rule id from `rules::RULES`.
    pub rule: &'static str,
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// Extra context, such as the schema location that failed.
    pub note: Option<String>,
    /// The primary span: byte offsets into the file.
    pub span: Range<usize>,
    /// Text of the primary label, if any.
    pub label: Option<String>,
    pub labels: Vec<Label>,
    /// How `--fix` repairs it, when it can.
    pub fix: Option<Fix>,
}

/// A text edit on a byte range of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

/// Edits that repair a diagnostic, and what they mean to change in the header tree. Safe fixes
/// keep the meaning the author intended and are applied by `--fix`; unsafe ones
/// (`--unsafe-fixes`) rewrite content that needs a look.
///
/// `changes` is the contract `--fix` checks before it writes (`fix::verify`): after the edits,
/// the re-parsed header must equal the old one with exactly these changes made, and nothing
/// else (keys, order, types, values; aliases follow their anchor). A fix whose edits do more, or
/// less, is not applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub edits: Vec<Edit>,
    pub safe: bool,
    pub changes: Vec<Change>,
}

/// One value a fix changes: the node at `path` (from the header's root: the index of the entry
/// in a mapping, of the item in a list) becomes `to`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub path: Vec<usize>,
    pub to: Target,
}

/// What a changed node becomes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Str(String),
    Bool(bool),
    Int(i64),
    /// The list item at the path is removed.
    Remove,
}

impl Fix {
    /// Replace one value: `edit` makes the node at `path` read as `to`.
    pub fn set(edit: Edit, path: Vec<usize>, to: Target, safe: bool) -> Fix {
        Fix {
            edits: vec![edit],
            safe,
            changes: vec![Change { path, to }],
        }
    }

    /// Remove one list item: `edit` deletes the item at `path`.
    pub fn remove(edit: Edit, path: Vec<usize>, safe: bool) -> Fix {
        Fix::set(edit, path, Target::Remove, safe)
    }
}

impl Diagnostic {
    /// A diagnostic with the rule's default severity; `lint` applies the configured one.
    pub fn new(rule: &'static str, span: Range<usize>, message: impl Into<String>) -> Self {
        debug_assert!(
            crate::registry::info(rule).is_some(),
            "`{rule}` is not in rules::RULES"
        );
        Diagnostic {
            rule,
            severity: crate::registry::default_severity(rule),
            message: message.into(),
            help: None,
            note: None,
            span,
            label: None,
            labels: Vec::new(),
            fix: None,
        }
    }

    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    pub fn label(mut self, text: impl Into<String>) -> Self {
        self.label = Some(text.into());
        self
    }

    pub fn with_label(mut self, span: Range<usize>, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }
}
