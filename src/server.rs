//! `frontlint server`: the Language Server Protocol over standard input and output, on the same
//! engine as the command line ([`crate::workspace::Workspace`]).
//!
//! One thread reads messages (a malformed one is answered with a JSON-RPC error and skipped,
//! never fatal), the main thread handles them. The channel between them holds a few messages:
//! when the client sends changes faster than they are linted, the reader waits, and the main
//! thread handles every message that is waiting before it lints, so a burst of changes is
//! linted once, on its last text (no unbounded queue). A panic while linting becomes a logged
//! error (standard error) and the document gets no new diagnostics; the server stays up.
//!
//! Sites are indexed in the background: at start for each workspace folder that is a site,
//! else when a file of a new site is opened. The workspace is opened at once (config, site
//! model, schema: hover, completion and code actions work), its pages are linted on another
//! thread (with `$/progress`) and the index comes back through the same channel as the
//! client's messages. Documents of a site being indexed get their first diagnostics when the
//! index arrives, so that they are never published without the site-wide checks.
//!
//! Positions are UTF-16 code units unless the client offers `utf-8` in
//! `general.positionEncodings`.

use std::collections::{BTreeSet, HashMap};
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use serde_json::{Value, json};

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::LineIndex;
use crate::workspace::{OpenOptions, SiteIndex, Workspace};

/// Largest message read; a larger one is skipped with an error.
const MAX_MESSAGE: usize = 64 << 20;
/// Messages waiting between the reader and the main thread.
const QUEUE: usize = 16;
/// The code-action kind of "fix all safe problems".
pub const FIX_ALL: &str = "source.fixAll.frontlint";

/// How positions count characters on a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// Byte offset → LSP position.
pub fn position(text: &str, index: &LineIndex, offset: usize, enc: Encoding) -> lsp::Position {
    let offset = crate::source::floor_char_boundary(text, offset.min(text.len()));
    let line = index.line_of(offset);
    let start = index.line_start(line);
    let character = match enc {
        Encoding::Utf8 => offset - start,
        Encoding::Utf16 => text[start..offset].encode_utf16().count(),
    };
    lsp::Position::new(line as u32, character as u32)
}

/// LSP position → byte offset (clamped to the line's end, before its line break).
pub fn offset(text: &str, index: &LineIndex, pos: lsp::Position, enc: Encoding) -> usize {
    let line = pos.line as usize;
    let start = index.line_start(line);
    if index.line_of(start) != line.min(index.line_of(text.len())) {
        return text.len();
    }
    let rest = &text[start..];
    let end = start + rest.find('\n').unwrap_or(rest.len());
    let mut units = 0usize;
    for (i, c) in text[start..end].char_indices() {
        if units >= pos.character as usize {
            return start + i;
        }
        units += match enc {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        };
    }
    end
}

fn range(
    text: &str,
    index: &LineIndex,
    span: &std::ops::Range<usize>,
    enc: Encoding,
) -> lsp::Range {
    lsp::Range::new(
        position(text, index, span.start, enc),
        position(text, index, span.end.max(span.start), enc),
    )
}

/// A file URI's path.
fn path_of(uri: &str) -> Option<PathBuf> {
    url::Url::parse(uri).ok()?.to_file_path().ok()
}

fn uri_of(uri: &str) -> lsp::Uri {
    lsp::Uri::from_str(uri).unwrap_or_else(|_| lsp::Uri::from_str("file:///").expect("valid"))
}

/// An open document.
struct Doc {
    path: Option<PathBuf>,
    text: String,
    version: i32,
    /// The diagnostics of `text` (when not dirty).
    diagnostics: Vec<Diagnostic>,
}

/// What the main thread waits for: a message from the client, or a site indexed in the
/// background.
enum Event {
    Message(Message),
    /// The site index of workspace `id` (or why it could not be built).
    Indexed {
        id: u64,
        index: Result<SiteIndex, String>,
    },
    /// The client closed standard input.
    Closed,
}

/// A workspace, and its site index while it is being built.
struct Ws {
    /// Tells an index that arrives after a reload (for a workspace since dropped) apart.
    id: u64,
    ws: Workspace,
    pending: Option<Pending>,
}

/// A site index being built on another thread.
struct Pending {
    token: Option<String>,
    started: std::time::Instant,
    /// Pages that changed on disk meanwhile (the index may have read them before).
    changed: Vec<PathBuf>,
}

struct Server {
    enc: Encoding,
    /// The client shows `$/progress` (`window.workDoneProgress`).
    progress: bool,
    /// Progress tokens created so far.
    tokens: u32,
    /// Workspace folders of the client.
    folders: Vec<PathBuf>,
    docs: HashMap<String, Doc>,
    workspaces: Vec<Ws>,
    /// The id of the next workspace.
    next_id: u64,
    /// Where index threads send their result.
    events: std::sync::mpsc::SyncSender<Event>,
    dirty: BTreeSet<String>,
    shutdown: bool,
    out: Output,
}

/// Frames messages onto standard output (shared by the reader, which answers malformed
/// messages itself).
#[derive(Clone)]
struct Output;

impl Output {
    fn send_value(&self, v: &Value) {
        let body = v.to_string();
        let mut out = std::io::stdout().lock();
        let _ = write!(out, "Content-Length: {}\r\n\r\n{}", body.len(), body);
        let _ = out.flush();
    }
    fn send(&self, m: impl Into<Message>) {
        if let Ok(mut v) = serde_json::to_value(m.into()) {
            // `lsp_server::Message` adds the version only in its own writer.
            if let Some(o) = v.as_object_mut() {
                o.insert("jsonrpc".into(), json!("2.0"));
            }
            self.send_value(&v);
        }
    }
    fn notify(&self, method: &str, params: impl serde::Serialize) {
        self.send(Notification::new(method.to_string(), params));
    }
}

fn log(message: &str) {
    eprintln!("[frontlint server] {}", crate::escape::text(message));
}

/// Read one framed message: `Ok(None)` at the end of input, `Err` for a frame that was read
/// and skipped (its text says why).
fn read_frame(r: &mut impl BufRead) -> std::io::Result<Option<Result<Vec<u8>, String>>> {
    let mut length: Option<usize> = None;
    let mut line = String::new();
    loop {
        line.clear();
        // A header line is short; a longer one is not a header.
        let n = r.by_ref().take(1024).read_line(&mut line)?;
        if n == 0 {
            return Ok(None);
        }
        let l = line.trim_end();
        if l.is_empty() {
            if length.is_some() {
                break;
            }
            continue;
        }
        if let Some((name, value)) = l.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok();
                if length.is_none() {
                    return Ok(Some(Err(format!("bad Content-Length: {}", value.trim()))));
                }
            }
        }
    }
    let length = length.unwrap_or(0);
    if length > MAX_MESSAGE {
        std::io::copy(&mut r.by_ref().take(length as u64), &mut std::io::sink())?;
        return Ok(Some(Err(format!("message of {length} bytes is too long"))));
    }
    let mut body = vec![0; length];
    r.read_exact(&mut body)?;
    Ok(Some(Ok(body)))
}

fn reader(tx: std::sync::mpsc::SyncSender<Event>, out: Output) {
    let stdin = std::io::stdin();
    let mut r = std::io::BufReader::new(stdin.lock());
    loop {
        let frame = match read_frame(&mut r) {
            Ok(Some(f)) => f,
            Ok(None) | Err(_) => {
                let _ = tx.send(Event::Closed);
                return;
            }
        };
        let parsed = frame.and_then(|body| {
            let v: Value =
                serde_json::from_slice(&body).map_err(|e| format!("parse error: {e}"))?;
            let id = v.get("id").cloned().unwrap_or(Value::Null);
            serde_json::from_value::<Message>(v)
                .map_err(|e| format!("invalid request: {e} (id {id})"))
        });
        match parsed {
            Ok(m) => {
                let exit = matches!(&m, Message::Notification(n) if n.method == "exit");
                if tx.send(Event::Message(m)).is_err() || exit {
                    return;
                }
            }
            Err(why) => {
                log(&why);
                let code = if why.starts_with("parse") {
                    ErrorCode::ParseError
                } else {
                    ErrorCode::InvalidRequest
                };
                out.send_value(&json!({
                    "jsonrpc": "2.0",
                    "id": null,
                    "error": {"code": code as i32, "message": why},
                }));
            }
        }
    }
}

/// Run the server until `exit` (or the end of input). Returns the exit code: 0 after
/// `shutdown` then `exit`, 1 otherwise.
pub fn run() -> u8 {
    let out = Output;
    let (tx, rx) = std::sync::mpsc::sync_channel::<Event>(QUEUE);
    {
        let out = out.clone();
        let tx = tx.clone();
        std::thread::spawn(move || reader(tx, out));
    }
    // Initialize: nothing else is answered before it.
    let (id, params) = loop {
        match rx.recv() {
            Ok(Event::Message(Message::Request(r))) if r.method == "initialize" => {
                break (r.id, r.params);
            }
            Ok(Event::Message(Message::Request(r))) => out.send(Response::new_err(
                r.id,
                ErrorCode::ServerNotInitialized as i32,
                "the server is not initialized".into(),
            )),
            Ok(Event::Message(Message::Notification(n))) if n.method == "exit" => return 1,
            Ok(Event::Closed) | Err(_) => return 1,
            Ok(_) => {}
        }
    };
    let init: lsp::InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let utf8 = init
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|e| e.contains(&lsp::PositionEncodingKind::UTF8));
    let enc = if utf8 {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    let mut folders: Vec<PathBuf> = init
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| path_of(f.uri.as_str()))
        .collect();
    #[allow(deprecated, reason = "clients that send only rootUri")]
    if folders.is_empty() {
        folders.extend(init.root_uri.as_ref().and_then(|u| path_of(u.as_str())));
    }
    let caps = lsp::ServerCapabilities {
        position_encoding: Some(if utf8 {
            lsp::PositionEncodingKind::UTF8
        } else {
            lsp::PositionEncodingKind::UTF16
        }),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::FULL),
                save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![
                    lsp::CodeActionKind::QUICKFIX,
                    lsp::CodeActionKind::new(FIX_ALL),
                ]),
                ..Default::default()
            },
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(vec![
                ":".into(),
                " ".into(),
                "[".into(),
                ",".into(),
                "(".into(),
                "/".into(),
            ]),
            ..Default::default()
        }),
        ..Default::default()
    };
    out.send(Response::new_ok(
        id,
        json!({
            "capabilities": caps,
            "serverInfo": {"name": "frontlint", "version": env!("CARGO_PKG_VERSION")},
        }),
    ));
    // Ask to be told of changes on disk (pages, configs, schemas) when the client can watch.
    let can_watch = init
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    if can_watch {
        out.send(Request::new(
            RequestId::from("frontlint/watch".to_string()),
            "client/registerCapability".into(),
            json!({"registrations": [{
                "id": "frontlint-watched-files",
                "method": "workspace/didChangeWatchedFiles",
                "registerOptions": {"watchers": [
                    {"globPattern": "**/*.{md,markdown,mdx,toml,yaml,yml,json,js,mjs,cjs,ts}"}
                ]},
            }]}),
        ));
    }
    let progress = init
        .capabilities
        .window
        .as_ref()
        .and_then(|w| w.work_done_progress)
        .unwrap_or(false);
    let mut server = Server {
        enc,
        progress,
        tokens: 0,
        folders,
        docs: HashMap::new(),
        workspaces: Vec::new(),
        next_id: 0,
        events: tx,
        dirty: BTreeSet::new(),
        shutdown: false,
        out,
    };
    server.index_folders();
    loop {
        let Ok(first) = rx.recv() else { return 1 };
        let mut batch = vec![first];
        while let Ok(m) = rx.try_recv() {
            batch.push(m);
        }
        for event in batch {
            let m = match event {
                Event::Message(m) => m,
                Event::Indexed { id, index } => {
                    server.indexed(id, index);
                    continue;
                }
                Event::Closed => return 1,
            };
            if let Some(code) = server.handle(m) {
                return code;
            }
        }
        server.lint_dirty();
    }
}

impl Server {
    /// Handle one message; `Some(code)` to exit.
    fn handle(&mut self, m: Message) -> Option<u8> {
        match m {
            Message::Request(r) => {
                let id = r.id.clone();
                let method = r.method.clone();
                let result =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.request(r)));
                let response = match result {
                    Ok(Ok(v)) => Response::new_ok(id, v),
                    Ok(Err((code, message))) => Response::new_err(id, code as i32, message),
                    Err(_) => {
                        log(&format!("internal error while answering {method}"));
                        Response::new_err(
                            id,
                            ErrorCode::InternalError as i32,
                            format!("frontlint failed while answering {method}"),
                        )
                    }
                };
                self.out.send(response);
                None
            }
            Message::Notification(n) if n.method == "exit" => Some(u8::from(!self.shutdown)),
            Message::Notification(n) => {
                let method = n.method.clone();
                if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.notification(n)))
                    .is_err()
                {
                    log(&format!("internal error while handling {method}"));
                }
                None
            }
            Message::Response(_) => None,
        }
    }

    fn request(&mut self, r: Request) -> Result<Value, (ErrorCode, String)> {
        fn params<P: serde::de::DeserializeOwned>(r: Request) -> Result<P, (ErrorCode, String)> {
            serde_json::from_value(r.params)
                .map_err(|e| (ErrorCode::InvalidParams, format!("invalid params: {e}")))
        }
        if self.shutdown && r.method != "shutdown" {
            return Err((
                ErrorCode::InvalidRequest,
                "the server is shutting down".into(),
            ));
        }
        match r.method.as_str() {
            "shutdown" => {
                self.shutdown = true;
                Ok(Value::Null)
            }
            "textDocument/codeAction" => {
                let p: lsp::CodeActionParams = params(r)?;
                Ok(serde_json::to_value(self.code_actions(&p)).unwrap_or(Value::Null))
            }
            "textDocument/hover" => {
                let p: lsp::HoverParams = params(r)?;
                Ok(serde_json::to_value(self.hover(&p)).unwrap_or(Value::Null))
            }
            "textDocument/completion" => {
                let p: lsp::CompletionParams = params(r)?;
                Ok(serde_json::to_value(self.completion(&p)).unwrap_or(Value::Null))
            }
            other => Err((ErrorCode::MethodNotFound, format!("unknown method {other}"))),
        }
    }

    fn notification(&mut self, n: Notification) {
        fn params<P: serde::de::DeserializeOwned>(n: Notification) -> Option<P> {
            match serde_json::from_value(n.params) {
                Ok(p) => Some(p),
                Err(e) => {
                    log(&format!("invalid params of {}: {e}", n.method));
                    None
                }
            }
        }
        match n.method.as_str() {
            "textDocument/didOpen" => {
                let Some(p) = params::<lsp::DidOpenTextDocumentParams>(n) else {
                    return;
                };
                let uri = p.text_document.uri.as_str().to_string();
                self.docs.insert(
                    uri.clone(),
                    Doc {
                        path: path_of(&uri),
                        text: p.text_document.text,
                        version: p.text_document.version,
                        diagnostics: Vec::new(),
                    },
                );
                self.dirty.insert(uri);
            }
            "textDocument/didChange" => {
                let Some(p) = params::<lsp::DidChangeTextDocumentParams>(n) else {
                    return;
                };
                let uri = p.text_document.uri.as_str().to_string();
                let enc = self.enc;
                let Some(doc) = self.docs.get_mut(&uri) else {
                    return;
                };
                for change in p.content_changes {
                    match change.range {
                        // Incremental changes, from clients that send them anyway.
                        Some(r) => {
                            let index = LineIndex::new(&doc.text);
                            let a = offset(&doc.text, &index, r.start, enc);
                            let b = offset(&doc.text, &index, r.end, enc).max(a);
                            doc.text.replace_range(a..b, &change.text);
                        }
                        None => doc.text = change.text,
                    }
                }
                doc.version = p.text_document.version;
                self.dirty.insert(uri);
            }
            "textDocument/didClose" => {
                let Some(p) = params::<lsp::DidCloseTextDocumentParams>(n) else {
                    return;
                };
                let uri = p.text_document.uri.as_str().to_string();
                self.docs.remove(&uri);
                self.dirty.remove(&uri);
                self.publish(&uri, Vec::new(), None);
            }
            "textDocument/didSave" => {
                let Some(p) = params::<lsp::DidSaveTextDocumentParams>(n) else {
                    return;
                };
                if let Some(path) = path_of(p.text_document.uri.as_str()) {
                    self.changed_on_disk(&path);
                }
            }
            "workspace/didChangeWatchedFiles" => {
                let Some(p) = params::<lsp::DidChangeWatchedFilesParams>(n) else {
                    return;
                };
                for change in p.changes {
                    if let Some(path) = path_of(change.uri.as_str()) {
                        self.changed_on_disk(&path);
                    }
                }
            }
            _ => {}
        }
    }

    /// A file changed on disk: a config, schema or generator config reloads every workspace;
    /// a page updates the site index of its workspace. Open documents are linted again.
    fn changed_on_disk(&mut self, path: &Path) {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let is_config = matches!(name, "frontlint.toml" | ".frontlint.toml")
            || name.ends_with(".json")
            || self.workspaces.iter().map(|w| &w.ws).any(|ws| {
                ws.site
                    .config_file
                    .as_ref()
                    .is_some_and(|f| ws.site.root.join(f) == path)
                    || ws.config.file.as_deref() == Some(path)
            });
        if is_config {
            // Indexes still being built are dropped when they arrive; the progress they
            // reported ends now.
            for w in std::mem::take(&mut self.workspaces) {
                if let Some(token) = w.pending.and_then(|p| p.token) {
                    self.end_progress(&token, "reloading");
                }
            }
            self.index_folders();
        } else if let Some(w) = self
            .workspaces
            .iter_mut()
            .find(|w| path.starts_with(&w.ws.site.root))
        {
            match &mut w.pending {
                Some(p) => p.changed.push(path.to_path_buf()),
                None => {
                    if let Err(e) = w.ws.update_page(path) {
                        log(&e.message);
                    }
                }
            }
        }
        self.dirty.extend(self.docs.keys().cloned());
    }

    /// The workspace of a file: an open one whose site holds it, else a new one (its site
    /// indexed in the background).
    fn workspace_for(&mut self, path: &Path) -> Result<usize, String> {
        if let Some(i) = self
            .workspaces
            .iter()
            .enumerate()
            .filter(|(_, w)| path.starts_with(&w.ws.site.root) && path.starts_with(&w.ws.cwd))
            .max_by_key(|(_, w)| w.ws.site.root.as_os_str().len())
            .map(|(i, _)| i)
        {
            return Ok(i);
        }
        let start = path.parent().unwrap_or(Path::new("/")).to_path_buf();
        let cwd = self
            .folders
            .iter()
            .filter(|f| path.starts_with(f))
            .max_by_key(|f| f.as_os_str().len())
            .cloned()
            .unwrap_or_else(|| start.clone());
        self.open_workspace(cwd, start)
            .map_err(|e| format!("{}: {}", e.path, e.message))
    }

    /// At start and after a reload: open the workspace of each workspace folder that is a site
    /// (a generator's or frontlint's config found from it) and index it in the background, so
    /// that the first file opened is checked against the whole site without waiting for the
    /// walk. Other folders are opened when a file in them is.
    fn index_folders(&mut self) {
        for folder in self.folders.clone() {
            if self
                .workspaces
                .iter()
                .any(|w| folder.starts_with(&w.ws.site.root) && folder.starts_with(&w.ws.cwd))
            {
                continue;
            }
            let opts = OpenOptions {
                cwd: folder.clone(),
                start: folder.clone(),
                term_facts: true,
                ..Default::default()
            };
            match Workspace::open(&opts) {
                Ok(ws) if ws.site.config_file.is_some() || ws.config.file.is_some() => {
                    self.add_workspace(ws, opts);
                }
                Ok(_) => {}
                Err(e) => log(&format!("{}: {}", e.path, e.message)),
            }
        }
    }

    fn open_workspace(
        &mut self,
        cwd: PathBuf,
        start: PathBuf,
    ) -> Result<usize, crate::workspace::Fatal> {
        let opts = OpenOptions {
            cwd,
            start,
            term_facts: true,
            ..Default::default()
        };
        let ws = Workspace::open(&opts)?;
        Ok(self.add_workspace(ws, opts))
    }

    /// Keep `ws` and start indexing its site on another thread, from a second workspace
    /// opened with the same options and the same "now" (opening is fast: configs and schema;
    /// the index lints every page). Requests are answered meanwhile; documents of the
    /// workspace get their diagnostics when the index arrives ([`Server::indexed`]).
    fn add_workspace(&mut self, ws: Workspace, mut opts: OpenOptions) -> usize {
        let id = self.next_id;
        self.next_id += 1;
        let token = self.progress.then(|| {
            self.tokens += 1;
            let token = format!("frontlint/index/{}", self.tokens);
            self.out.send(Request::new(
                RequestId::from(token.clone()),
                "window/workDoneProgress/create".into(),
                json!({"token": token}),
            ));
            self.out.notify(
                "$/progress",
                json!({"token": token, "value": {"kind": "begin", "title": "frontlint",
                    "message": format!("reading the site at {}", ws.site.root.display())}}),
            );
            token
        });
        opts.now = Some(ws.now().to_string());
        let tx = self.events.clone();
        std::thread::spawn(move || {
            // Debug builds only: lets a test see requests answered while the site is indexed.
            #[cfg(debug_assertions)]
            if let Some(ms) = std::env::var("FRONTLINT_TEST_INDEX_DELAY_MS")
                .ok()
                .and_then(|v| v.parse().ok())
            {
                std::thread::sleep(std::time::Duration::from_millis(ms));
            }
            let index = std::panic::catch_unwind(|| {
                Workspace::open(&opts).and_then(|mut ws| ws.build_index())
            });
            let index = match index {
                Ok(Ok(index)) => Ok(index),
                Ok(Err(e)) => Err(format!("{}: {}", e.path, e.message)),
                Err(_) => Err("internal error while indexing the site".to_string()),
            };
            let _ = tx.send(Event::Indexed { id, index });
        });
        self.workspaces.push(Ws {
            id,
            ws,
            pending: Some(Pending {
                token,
                started: std::time::Instant::now(),
                changed: Vec::new(),
            }),
        });
        self.workspaces.len() - 1
    }

    /// The site index of workspace `id` arrived: install it (unless the workspace was
    /// dropped by a reload meanwhile), catch up with the pages changed since, and lint the
    /// open documents again.
    fn indexed(&mut self, id: u64, index: Result<SiteIndex, String>) {
        let Some(w) = self.workspaces.iter_mut().find(|w| w.id == id) else {
            return;
        };
        let Some(pending) = w.pending.take() else {
            return;
        };
        let message = match index {
            Ok(index) => {
                let n = index.len();
                w.ws.set_index(index);
                for path in &pending.changed {
                    if let Err(e) = w.ws.update_page(path) {
                        log(&e.message);
                    }
                }
                log(&format!(
                    "site at {} ({n} pages) indexed in {} ms",
                    w.ws.site.root.display(),
                    pending.started.elapsed().as_millis()
                ));
                format!("{n} pages")
            }
            Err(why) => {
                // The documents are still checked, file by file.
                self.show_error(&why);
                why
            }
        };
        if let Some(token) = &pending.token {
            self.end_progress(token, &message);
        }
        self.dirty.extend(self.docs.keys().cloned());
    }

    /// Log an error and show it to the user.
    fn show_error(&self, why: &str) {
        log(why);
        self.out.notify(
            "window/showMessage",
            lsp::ShowMessageParams {
                typ: lsp::MessageType::ERROR,
                message: format!("frontlint: {why}"),
            },
        );
    }

    fn end_progress(&self, token: &str, message: &str) {
        self.out.notify(
            "$/progress",
            json!({"token": token, "value": {"kind": "end", "message": message}}),
        );
    }

    /// Lint every document changed since the last round, and publish.
    fn lint_dirty(&mut self) {
        for uri in std::mem::take(&mut self.dirty) {
            self.lint(&uri);
        }
    }

    fn lint(&mut self, uri: &str) {
        self.dirty.remove(uri);
        let Some(doc) = self.docs.get(uri) else {
            return;
        };
        let (Some(path), text, version) = (doc.path.clone(), doc.text.clone(), doc.version) else {
            return;
        };
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            // Debug builds only: lets the tests reach the catch (nothing panics on purpose).
            #[cfg(debug_assertions)]
            if std::env::var("FRONTLINT_TEST_PANIC_LINT")
                .is_ok_and(|m| !m.is_empty() && text.contains(&m))
            {
                panic!("a test asked for a panic while linting (FRONTLINT_TEST_PANIC_LINT)");
            }
            let i = self.workspace_for(&path)?;
            if self.workspaces[i].pending.is_some() {
                // Linted when the site is indexed, against the whole site.
                return Ok(None);
            }
            self.workspaces[i]
                .ws
                .lint_document(&path, &text)
                .map(Some)
                .map_err(|e| format!("{}: {}", e.path, e.message))
        }));
        let diagnostics = match result {
            Ok(Ok(Some(ds))) => ds,
            Ok(Ok(None)) => {
                self.dirty.insert(uri.to_string());
                return;
            }
            Ok(Err(why)) => {
                self.show_error(&why);
                Vec::new()
            }
            Err(_) => {
                log(&format!("internal error while linting {uri}"));
                return;
            }
        };
        if let Some(doc) = self.docs.get_mut(uri) {
            doc.diagnostics = diagnostics.clone();
        }
        self.publish(uri, diagnostics, Some(version));
    }

    fn to_lsp(&self, uri: &str, text: &str, index: &LineIndex, d: &Diagnostic) -> lsp::Diagnostic {
        let enc = self.enc;
        let message = match &d.help {
            Some(h) => format!("{}\nhelp: {h}", d.message),
            None => d.message.clone(),
        };
        let related: Vec<lsp::DiagnosticRelatedInformation> = d
            .labels
            .iter()
            .map(|l| lsp::DiagnosticRelatedInformation {
                location: lsp::Location::new(uri_of(uri), range(text, index, &l.span, enc)),
                message: l.message.clone(),
            })
            .collect();
        lsp::Diagnostic {
            range: range(text, index, &d.span, enc),
            severity: Some(match d.severity {
                Severity::Error => lsp::DiagnosticSeverity::ERROR,
                _ => lsp::DiagnosticSeverity::WARNING,
            }),
            code: Some(lsp::NumberOrString::String(d.rule.to_string())),
            code_description: lsp::Uri::from_str(&crate::rules::docs::url(d.rule))
                .ok()
                .map(|href| lsp::CodeDescription { href }),
            source: Some("frontlint".into()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            tags: None,
            data: None,
        }
    }

    fn publish(&self, uri: &str, diagnostics: Vec<Diagnostic>, version: Option<i32>) {
        let text = self.docs.get(uri).map_or("", |d| d.text.as_str());
        let index = LineIndex::new(text);
        let diagnostics = diagnostics
            .iter()
            .map(|d| self.to_lsp(uri, text, &index, d))
            .collect();
        self.out.notify(
            "textDocument/publishDiagnostics",
            lsp::PublishDiagnosticsParams {
                uri: uri_of(uri),
                diagnostics,
                version,
            },
        );
    }

    /// The document's diagnostics, linted first when a change is pending.
    fn fresh(&mut self, uri: &str) -> Option<&Doc> {
        if self.dirty.contains(uri) {
            self.lint(uri);
        }
        self.docs.get(uri)
    }

    fn code_actions(&mut self, p: &lsp::CodeActionParams) -> Vec<lsp::CodeActionOrCommand> {
        let uri = p.text_document.uri.as_str().to_string();
        let enc = self.enc;
        let Some(doc) = self.fresh(&uri) else {
            return Vec::new();
        };
        let (text, diagnostics, path) =
            (doc.text.clone(), doc.diagnostics.clone(), doc.path.clone());
        let index = LineIndex::new(&text);
        let wants = |kind: &str| {
            p.context.only.as_ref().is_none_or(|only| {
                only.iter()
                    .any(|k| kind == k.as_str() || kind.starts_with(&format!("{}.", k.as_str())))
            })
        };
        let edit = |edits: Vec<lsp::TextEdit>| lsp::WorkspaceEdit {
            changes: Some(HashMap::from([(uri_of(&uri), edits)])),
            ..Default::default()
        };
        let mut actions = Vec::new();
        let overlaps = |r: &lsp::Range| r.start <= p.range.end && p.range.start <= r.end;
        if wants("quickfix") {
            let header = match crate::split::split(&text) {
                crate::split::Split::Found(fm) | crate::split::Split::Unterminated(fm) => Some(fm),
                crate::split::Split::Missing => None,
            };
            for d in &diagnostics {
                let ld = self.to_lsp(&uri, &text, &index, d);
                if !overlaps(&ld.range) {
                    continue;
                }
                if let Some(fix) = &d.fix {
                    let edits = fix
                        .edits
                        .iter()
                        .map(|e| {
                            lsp::TextEdit::new(
                                range(&text, &index, &e.range, enc),
                                e.replacement.clone(),
                            )
                        })
                        .collect();
                    let title = if fix.safe {
                        format!("Fix `{}`", d.rule)
                    } else {
                        format!("Fix `{}` (unsafe: check the result)", d.rule)
                    };
                    actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                        title,
                        kind: Some(lsp::CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![ld.clone()]),
                        edit: Some(edit(edits)),
                        is_preferred: Some(fix.safe),
                        ..Default::default()
                    }));
                }
                if let Some(e) = suppression(&text, header.as_ref(), d) {
                    actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                        title: format!("Suppress `{}` for this line", d.rule),
                        kind: Some(lsp::CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![ld]),
                        edit: Some(edit(vec![lsp::TextEdit::new(
                            range(&text, &index, &e.range, enc),
                            e.replacement,
                        )])),
                        ..Default::default()
                    }));
                }
            }
        }
        let fixable = diagnostics
            .iter()
            .any(|d| d.fix.as_ref().is_some_and(|f| f.safe));
        let explicit = p.context.only.as_ref().is_some_and(|o| {
            o.iter()
                .any(|k| FIX_ALL.starts_with(k.as_str()) && k.as_str() != "quickfix")
        });
        if (fixable || explicit) && wants(FIX_ALL) {
            if let Some(path) = path {
                let fixed = self
                    .workspace_for(&path)
                    .ok()
                    .and_then(|i| self.workspaces[i].ws.fix_text(&path, &text, false).ok());
                if let Some(fixed) = fixed.filter(|f| f.changed()) {
                    let whole = range(&text, &index, &(0..text.len()), enc);
                    actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                        title: "Fix all safe problems (frontlint)".into(),
                        kind: Some(lsp::CodeActionKind::new(FIX_ALL)),
                        edit: Some(edit(vec![lsp::TextEdit::new(whole, fixed.fixed)])),
                        ..Default::default()
                    }));
                }
            }
        }
        actions
    }

    fn hover(&mut self, p: &lsp::HoverParams) -> Option<lsp::Hover> {
        let uri = p
            .text_document_position_params
            .text_document
            .uri
            .as_str()
            .to_string();
        let doc = self.docs.get(&uri)?;
        let (text, path) = (doc.text.clone(), doc.path.clone()?);
        let index = LineIndex::new(&text);
        let at = offset(
            &text,
            &index,
            p.text_document_position_params.position,
            self.enc,
        );
        let (key, span) = header_key_at(&text, at)?;
        let i = self.workspace_for(&path).ok()?;
        let settings = self.workspaces[i].ws.settings_for(&path).ok()?;
        let described = settings
            .schema
            .as_ref()
            .and_then(|schema| crate::schema::describe_key(schema, &key));
        let line_end = text[span.end..]
            .find('\n')
            .map_or(text.len(), |e| span.end + e);
        let value = text[span.end..line_end]
            .trim_start_matches([':', '=', ' ', '\t'])
            .trim_end()
            .trim_matches(|c| c == '"' || c == '\'');
        let date = date_note(&key, value, &settings.options.dates);
        let markdown = match (described, date) {
            (Some(d), Some(n)) => format!("{d}\n\n---\n\n{n}"),
            (Some(d), None) => d,
            (None, Some(n)) => n,
            (None, None) => return None,
        };
        Some(lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: markdown,
            }),
            range: Some(range(&text, &index, &span, self.enc)),
        })
    }
}

impl Server {
    /// Completion in a YAML or TOML header: at the start of a top-level line, the keys the
    /// schema describes that the header does not have yet; after `key:` (or in its list), the
    /// key's enum values, `true`/`false` for a boolean, and the values other pages of the site
    /// use for it (taxonomy terms), most used first.
    fn completion(&mut self, p: &lsp::CompletionParams) -> Option<lsp::CompletionResponse> {
        let tdp = &p.text_document_position;
        let uri = tdp.text_document.uri.as_str().to_string();
        let doc = self.docs.get(&uri)?;
        let (text, path) = (doc.text.clone(), doc.path.clone()?);
        let index = LineIndex::new(&text);
        let enc = self.enc;
        let at = offset(&text, &index, tdp.position, enc);
        let Some(place) = header_place(&text, at) else {
            return self.link_completion(&text, &index, at, &path);
        };
        let i = self.workspace_for(&path).ok()?;
        let settings = self.workspaces[i].ws.settings_for(&path).ok()?;
        let word = range(&text, &index, &place.word, enc);
        let item =
            |label: String, kind, detail: Option<String>, insert: String| lsp::CompletionItem {
                label,
                kind: Some(kind),
                detail,
                text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit::new(
                    word, insert,
                ))),
                ..Default::default()
            };
        let mut items = Vec::new();
        match &place.key {
            None => {
                let schema = settings.schema.as_ref()?;
                for key in schema.keys() {
                    if place.present.iter().any(|k| k == key) {
                        continue;
                    }
                    let title = schema
                        .property(key)
                        .and_then(|p| p.get("title").or_else(|| p.get("description")))
                        .and_then(Value::as_str)
                        .map(str::to_string);
                    let insert = format!("{key}{}", place.separator);
                    items.push(item(
                        key.to_string(),
                        lsp::CompletionItemKind::PROPERTY,
                        title,
                        insert,
                    ));
                }
            }
            Some(key) => {
                let prop = settings.schema.as_ref().and_then(|s| s.property(key));
                let mut seen = std::collections::HashSet::new();
                let enums = prop
                    .and_then(|p| {
                        p.get("enum")
                            .or_else(|| p.get("items").and_then(|i| i.get("enum")))
                    })
                    .and_then(Value::as_array);
                for v in enums.into_iter().flatten() {
                    let label = v.as_str().map_or_else(|| v.to_string(), str::to_string);
                    if seen.insert(label.clone()) {
                        items.push(item(
                            label.clone(),
                            lsp::CompletionItemKind::ENUM_MEMBER,
                            None,
                            label,
                        ));
                    }
                }
                let boolean = prop.and_then(|p| p.get("type")).is_some_and(|t| {
                    t == "boolean"
                        || t.as_array()
                            .is_some_and(|a| a.iter().any(|x| x == "boolean"))
                });
                if boolean {
                    for b in ["true", "false"] {
                        items.push(item(
                            b.into(),
                            lsp::CompletionItemKind::VALUE,
                            None,
                            b.into(),
                        ));
                    }
                }
                for term in self.workspaces[i].ws.terms(key, &path) {
                    if seen.insert(term.clone()) {
                        let detail = Some("used on the site".to_string());
                        items.push(item(
                            term.clone(),
                            lsp::CompletionItemKind::VALUE,
                            detail,
                            term,
                        ));
                    }
                }
            }
        }
        Some(lsp::CompletionResponse::Array(items))
    }
}

impl Server {
    /// Completion of a Markdown link's destination (`[text](` before the cursor): the other
    /// pages of the site, as paths relative to this page's folder.
    fn link_completion(
        &mut self,
        text: &str,
        index: &LineIndex,
        at: usize,
        path: &Path,
    ) -> Option<lsp::CompletionResponse> {
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let before = &text[start..at];
        // A cross-reference names a page by its path in the content folder: Hugo's
        // `{{< ref "posts/a.md" >}}` (and `relref`, `{{% … %}}`), Zola's `@/posts/a.md`.
        let reference = ref_open(before);
        let open = match reference {
            Some(open) => open,
            None => {
                let open = before.rfind("](")? + 2;
                if before[open..].contains([')', ' ']) {
                    return None;
                }
                open
            }
        };
        let word = range(text, index, &(start + open..at), self.enc);
        let i = self.workspace_for(path).ok()?;
        let ws = &self.workspaces[i].ws;
        if reference.is_some() {
            let own = ws.site_path(path);
            let items = ws
                .page_paths()
                .into_iter()
                .filter(|p| Some(p) != own.as_ref())
                .filter_map(|p| {
                    let dir = &ws.site.content_dir(&p)?.dir;
                    let inside = crate::site::urls::strip_dir(&p, dir)?.to_string();
                    Some(lsp::CompletionItem {
                        label: inside.clone(),
                        kind: Some(lsp::CompletionItemKind::REFERENCE),
                        detail: Some(p),
                        text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit::new(
                            word, inside,
                        ))),
                        ..Default::default()
                    })
                })
                .collect();
            return Some(lsp::CompletionResponse::Array(items));
        }
        let own = ws.site_path(path)?;
        let dir: Vec<&str> = own.split('/').collect();
        let dir = &dir[..dir.len() - 1];
        let items = ws
            .page_paths()
            .into_iter()
            .filter(|p| *p != own)
            .map(|p| {
                let parts: Vec<&str> = p.split('/').collect();
                let common = dir.iter().zip(&parts).take_while(|(a, b)| a == b).count();
                let mut rel: Vec<&str> = vec![".."; dir.len() - common];
                rel.extend(&parts[common..]);
                let rel = rel.join("/");
                lsp::CompletionItem {
                    label: rel.clone(),
                    kind: Some(lsp::CompletionItemKind::FILE),
                    detail: Some(p),
                    text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit::new(word, rel))),
                    ..Default::default()
                }
            })
            .collect();
        Some(lsp::CompletionResponse::Array(items))
    }
}

/// Where the path of an unfinished cross-reference starts in `before` (the line up to the
/// cursor): after `ref "` or `relref "` in a Hugo shortcode, or after Zola's `@/`.
fn ref_open(before: &str) -> Option<usize> {
    let mut best = None;
    for opener in ["ref \"", "relref \"", "ref `", "relref `"] {
        if let Some(i) = before.rfind(opener) {
            let open = i + opener.len();
            let shortcode = before[..i].rfind("{{").is_some_and(|s| {
                let inside = &before[s..i];
                (inside.starts_with("{{<") || inside.starts_with("{{%")) && !inside.contains("}}")
            });
            if shortcode && !before[open..].contains(['"', '`']) {
                best = best.max(Some(open));
            }
        }
    }
    if let Some(i) = before.rfind("(@/") {
        let open = i + 3;
        if !before[open..].contains([')', ' ']) {
            best = best.max(Some(open));
        }
    }
    best
}

/// Where the cursor is in a YAML or TOML header, for completion.
#[derive(Debug, PartialEq, Eq)]
pub struct HeaderPlace {
    /// The key whose value is being written; `None` at the start of a top-level line.
    pub key: Option<String>,
    /// The partial word before the cursor (what a completion replaces).
    pub word: std::ops::Range<usize>,
    /// The top-level keys the header has.
    pub present: Vec<String>,
    /// `": "` or `" = "`.
    pub separator: &'static str,
}

/// The completion context at `at`, when it is inside a YAML or TOML header.
pub fn header_place(text: &str, at: usize) -> Option<HeaderPlace> {
    let fm = match crate::split::split(text) {
        crate::split::Split::Found(fm) | crate::split::Split::Unterminated(fm) => fm,
        crate::split::Split::Missing => return None,
    };
    let toml = fm.format == crate::split::Format::Toml;
    if fm.format == crate::split::Format::Json || at < fm.content.start || at > fm.content.end {
        return None;
    }
    let sep = if toml { '=' } else { ':' };
    let top_key = |line: &str| -> Option<String> {
        if line.starts_with([' ', '\t', '#', '-', '[']) {
            return None;
        }
        let (k, _) = line.split_once(sep)?;
        let k = k.trim().trim_matches(|c| c == '"' || c == '\'');
        (!k.is_empty()).then(|| k.to_string())
    };
    let header = &text[fm.content.clone()];
    let present: Vec<String> = header.lines().filter_map(top_key).collect();
    let line_start = text[..at]
        .rfind('\n')
        .map_or(0, |i| i + 1)
        .max(fm.content.start);
    let before = &text[line_start..at];
    let word_start = before
        .rfind([' ', '\t', '[', ',', ':', '=', '"', '\''])
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = line_start + word_start..at;
    let key = if let Some(k) = top_key(before).filter(|_| before.contains(sep)) {
        Some(k)
    } else if before.trim_start().starts_with("- ") || before.trim_start() == "-" {
        // A block-list item: the key of the nearest top-level line above.
        text[fm.content.start..line_start]
            .lines()
            .rev()
            .find_map(top_key)
    } else if before.starts_with([' ', '\t']) {
        return None;
    } else {
        None
    };
    Some(HeaderPlace {
        key,
        word,
        present,
        separator: if toml { " = " } else { ": " },
    })
}

/// For a date value: the instant it means (in the site's time zone, and UTC) and, for the
/// publish and expiry dates, whether the page is published now.
pub fn date_note(
    key: &str,
    value: &str,
    opts: &crate::rules::dates::DateOptions,
) -> Option<String> {
    let date = crate::dates::parse(value).ok()?;
    let tz = opts.timezone.clone().unwrap_or(jiff::tz::TimeZone::UTC);
    let ts = date.timestamp(&tz)?;
    let zone = tz.iana_name().unwrap_or("UTC");
    let local = ts
        .to_zoned(tz.clone())
        .strftime("%Y-%m-%d %H:%M:%S %:z")
        .to_string();
    let mut out = format!(
        "`{value}` is {local} ({zone}), {} UTC.",
        ts.strftime("%Y-%m-%d %H:%M:%S")
    );
    if opts.timezone.is_none() && date.offset.is_none() {
        out.push_str(" No time zone is configured: a value without offset is read in UTC.");
    }
    let now = opts.now;
    let shown_now = now.strftime("%Y-%m-%d %H:%M:%S UTC");
    match key.to_ascii_lowercase().as_str() {
        "date" | "publishdate" | "pubdate" | "published" => {
            if ts > now && !opts.build_future {
                out.push_str(&format!(
                    "\n\nIn the future: the page is not published until then (now: {shown_now})."
                ));
            } else {
                out.push_str(&format!("\n\nPublished now (now: {shown_now})."));
            }
        }
        "expirydate" | "expirydate_" | "unpublishdate" => {
            if ts <= now && !opts.build_expired {
                out.push_str(&format!(
                    "\n\nExpired: the page is not published (now: {shown_now})."
                ));
            } else {
                out.push_str(&format!("\n\nNot expired yet (now: {shown_now})."));
            }
        }
        _ => {}
    }
    Some(out)
}

/// The top-level key of the YAML or TOML header line at `at`, and its span.
pub fn header_key_at(text: &str, at: usize) -> Option<(String, std::ops::Range<usize>)> {
    let fm = match crate::split::split(text) {
        crate::split::Split::Found(fm) | crate::split::Split::Unterminated(fm) => fm,
        crate::split::Split::Missing => return None,
    };
    if fm.format == crate::split::Format::Json || !fm.content.contains(&at) && fm.content.end != at
    {
        return None;
    }
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = &text[start..end];
    let sep = if fm.format == crate::split::Format::Toml {
        '='
    } else {
        ':'
    };
    let (key, _) = line.split_once(sep)?;
    let trimmed = key.trim_end();
    if trimmed.is_empty() || key.starts_with([' ', '\t', '#', '-', '[']) {
        return None;
    }
    let unquoted = trimmed.trim_matches(|c| c == '"' || c == '\'');
    let span = start..start + trimmed.len();
    (span.contains(&at) || at == span.end).then(|| (unquoted.to_string(), span))
}

/// The edit that suppresses `d` on its line: a `# frontlint-disable-next-line` comment in a
/// YAML or TOML header, an HTML comment in the body; `None` where no such comment can go
/// (a JSON header, the delimiter lines, a whole-file diagnostic).
pub fn suppression(
    text: &str,
    header: Option<&crate::split::FrontMatter>,
    d: &Diagnostic,
) -> Option<crate::diagnostic::Edit> {
    let at = d.span.start.min(text.len());
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = &text[line_start..line_end];
    let indent: String = line
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let newline = if line.ends_with('\r') { "\r\n" } else { "\n" };
    let comment = match header {
        Some(fm) if fm.content.start <= line_start && line_start < fm.content.end => {
            if fm.format == crate::split::Format::Json {
                return None;
            }
            format!("{indent}# frontlint-disable-next-line {}{newline}", d.rule)
        }
        Some(fm) if line_start < fm.body_start => return None,
        None if d.span == (0..0) => return None,
        _ => format!("<!-- frontlint-disable-next-line {} -->{newline}", d.rule),
    };
    Some(crate::diagnostic::Edit {
        range: line_start..line_start,
        replacement: comment,
    })
}
