//! Diagnostics are plain data: a rule id, a severity, what is wrong (message), what to do
//! (help), and byte spans into the file. Renderers in `report` turn them into text.

use std::ops::Range;

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
}

impl Diagnostic {
    /// A diagnostic with the rule's default severity; `lint` applies the configured one.
    pub fn new(rule: &'static str, span: Range<usize>, message: impl Into<String>) -> Self {
        debug_assert!(
            crate::rules::info(rule).is_some(),
            "`{rule}` is not in rules::RULES"
        );
        Diagnostic {
            rule,
            severity: crate::rules::default_severity(rule),
            message: message.into(),
            help: None,
            note: None,
            span,
            label: None,
            labels: Vec::new(),
        }
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
