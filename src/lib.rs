//! frontlint: a fast linter and validator for the front matter of Markdown content folders.
//!
//! The pipeline runs in one direction (see `docs/architecture.md`):
//! `cli` → `config` → `walk` → per file in parallel (`lint`: read → `split` → `parse` →
//! `schema` → `rules`) → sort → `report`.

pub mod audit;
pub mod body;
pub mod bounds;
pub mod cache;
pub mod cli;
pub mod config;
pub mod dates;
pub mod diagnostic;
pub mod document;
pub mod empty_run;
pub mod escape;
pub mod fasthash;
pub mod fix;
#[doc(hidden)]
pub mod fixcheck;
pub mod friendly;
pub mod fsutil;
pub mod infer;
pub mod langtag;
pub mod lint;
pub mod parse;
pub mod registry;
pub mod remote;
pub mod remote_options;
pub mod report;
pub mod rules;
pub mod run;
pub mod schema;
pub mod server;
pub mod site;
pub mod source;
pub mod split;
pub mod suppress;
pub mod textmatch;
pub mod util;
pub mod walk;
pub mod workspace;
