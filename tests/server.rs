//! `frontlint server` end to end: the binary is started and spoken to in JSON-RPC over its
//! standard input and output, as an editor does.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::{Value, json};

const NOW: &str = "2026-11-28T00:00:00Z";
const PAGE: &str = "---\ntitle: 日本🦀\n\"日本🦀\": yes\ntags: [日本🦀, x, 日本🦀]\n---\n\n見て🦀 [x](missing.md)\n";

struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next: i64,
    /// Notifications received while waiting for something else.
    held: Vec<Value>,
}

impl Client {
    fn start(utf8: bool, root: &Path) -> (Client, Value) {
        Client::start_with(utf8, root, &[])
    }

    fn start_with(utf8: bool, root: &Path, env: &[(&str, &str)]) -> (Client, Value) {
        Client::start_init(utf8, root, env, &[])
    }

    /// `workspace_folders`: the folders of a multi-root workspace (none: `rootUri` only).
    fn start_init(
        utf8: bool,
        root: &Path,
        env: &[(&str, &str)],
        workspace_folders: &[&Path],
    ) -> (Client, Value) {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_frontlint"));
        cmd.arg("server")
            .env("FRONTLINT_NOW", NOW)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = 0usize;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = v.parse().unwrap();
                    }
                }
                let mut body = vec![0; len];
                r.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            rx,
            next: 1,
            held: Vec::new(),
        };
        let encodings = if utf8 {
            json!(["utf-8", "utf-16"])
        } else {
            json!(["utf-16"])
        };
        let mut params = json!({
            "processId": null,
            "rootUri": uri(root),
            "capabilities": {"general": {"positionEncodings": encodings}},
        });
        if !workspace_folders.is_empty() {
            params["workspaceFolders"] = workspace_folders
                .iter()
                .map(|f| json!({"uri": uri(f), "name": f.file_name().unwrap().to_string_lossy()}))
                .collect();
        }
        let init = client.request("initialize", params);
        client.notify("initialized", json!({}));
        (client, init)
    }

    fn send_raw(&mut self, body: &[u8]) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        let m = json!({"jsonrpc": "2.0", "method": method, "params": params});
        self.send_raw(m.to_string().as_bytes());
    }

    fn next_message(&mut self) -> Value {
        let m = self
            .rx
            .recv_timeout(Duration::from_secs(30))
            .expect("a message from the server within 30 s");
        assert_eq!(m["jsonrpc"], "2.0", "{m}");
        m
    }

    /// The response to a request (its `result`, or the whole response when it is an error).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next;
        self.next += 1;
        let m = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.send_raw(m.to_string().as_bytes());
        loop {
            let m = self.next_message();
            if m["id"] == json!(id) {
                return if m.get("error").is_some() {
                    m
                } else {
                    m["result"].clone()
                };
            }
            self.held.push(m);
        }
    }

    /// The next `textDocument/publishDiagnostics` for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let is_it = |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        };
        if let Some(i) = self.held.iter().position(is_it) {
            let m = self.held.remove(i);
            return m["params"]["diagnostics"].as_array().unwrap().clone();
        }
        loop {
            let m = self.next_message();
            if is_it(&m) {
                return m["params"]["diagnostics"].as_array().unwrap().clone();
            }
            self.held.push(m);
        }
    }

    fn open(&mut self, path: &Path, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri(path), "languageId": "markdown", "version": 1, "text": text}}),
        );
        self.diagnostics(&uri(path))
    }

    fn change(&mut self, path: &Path, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri(path), "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    fn stop(mut self) -> i32 {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r, Value::Null);
        self.notify("exit", Value::Null);
        self.child.wait().unwrap().code().unwrap()
    }
}

/// Write a `frontlint.toml` that turns `taxonomy/duplicate` off, and tell the server.
fn turn_off_duplicate_terms(c: &mut Client, root: &Path) {
    let config = common::write(
        root,
        "frontlint.toml",
        "[rules]\n\"taxonomy/duplicate\" = \"off\"\n",
    );
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&config), "type": 2}]}),
    );
}

fn uri(path: &Path) -> String {
    url::Url::from_file_path(path).unwrap().to_string()
}

/// A folder site with `content/a.md` (CJK and emoji before every diagnostic on its line).
fn site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    common::write(&root, "frontlint.toml", "");
    common::write(&root, "content/other.md", "---\ntitle: other\n---\nbody\n");
    let page = common::write(&root, "content/a.md", PAGE);
    (dir, page)
}

/// `(rule, start line, start character, end character)` of each diagnostic.
fn summary(ds: &[Value]) -> Vec<(String, u64, u64, u64)> {
    ds.iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap(),
                d["range"]["start"]["character"].as_u64().unwrap(),
                d["range"]["end"]["character"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn s(x: &str) -> String {
    x.to_string()
}

#[test]
fn diagnostics_in_utf16_and_utf8_positions() {
    let (_dir, page) = site();
    let root = page.parent().unwrap().parent().unwrap().to_path_buf();
    // UTF-16, the default: 🦀 is two code units, 日 one.
    let (mut c, init) = Client::start(false, &root);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    let ds = c.open(&page, PAGE);
    assert_eq!(
        summary(&ds),
        vec![
            (s("yaml/ambiguous-scalar"), 2, 8, 11),
            (s("taxonomy/duplicate"), 3, 16, 20),
            (s("link/broken-relative"), 6, 9, 19),
        ]
    );
    let dup = &ds[1];
    assert_eq!(dup["severity"], 2);
    assert_eq!(dup["source"], "frontlint");
    assert!(
        dup["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("docs/rules/taxonomy/duplicate.md")
    );
    assert_eq!(ds[2]["severity"], 1);
    // The first place of the term, as a related location.
    let related = &dup["relatedInformation"][0]["location"]["range"];
    assert_eq!(related["start"], json!({"line": 3, "character": 7}));
    assert_eq!(c.stop(), 0);

    // UTF-8 when the client offers it: bytes (日 three, 🦀 four).
    let (mut c, init) = Client::start(true, &root);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    // This client does not offer dynamic registration: not asked to watch files.
    assert!(
        !c.held
            .iter()
            .any(|m| m["method"] == "client/registerCapability")
    );
    let ds = c.open(&page, PAGE);
    assert_eq!(
        summary(&ds),
        vec![
            (s("yaml/ambiguous-scalar"), 2, 14, 17),
            (s("taxonomy/duplicate"), 3, 22, 32),
            (s("link/broken-relative"), 6, 15, 25),
        ]
    );
    assert_eq!(c.stop(), 0);
}

/// Apply LSP text edits (positions in `utf8` or UTF-16) to a text.
fn apply(text: &str, edits: &[Value], utf8: bool) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        let ch = p["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= ch || c == '\n' {
                return start + i;
            }
            units += if utf8 { c.len_utf8() } else { c.len_utf16() };
        }
        text.len()
    };
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (a, b, t) in spans {
        out.replace_range(a..b, &t);
    }
    out
}

fn edits_of(action: &Value, page: &Path) -> Vec<Value> {
    action["edit"]["changes"][uri(page)]
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn code_actions_apply_to_the_text() {
    let (_dir, page) = site();
    let root = page.parent().unwrap().parent().unwrap().to_path_buf();
    for utf8 in [false, true] {
        let (mut c, _) = Client::start(utf8, &root);
        c.open(&page, PAGE);
        let whole =
            json!({"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 0}});
        let actions = c.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri(&page)}, "range": whole, "context": {"diagnostics": []}}),
        );
        let actions = actions.as_array().unwrap();
        let titled = |t: &str| {
            actions
                .iter()
                .find(|a| a["title"] == t)
                .unwrap_or_else(|| panic!("no action {t:?} in {actions:#?}"))
        };
        // The safe fix: preferred, and it removes the repeated term.
        let fix = titled("Fix `taxonomy/duplicate`");
        assert_eq!(fix["kind"], "quickfix");
        assert_eq!(fix["isPreferred"], true);
        assert_eq!(
            apply(PAGE, &edits_of(fix, &page), utf8),
            PAGE.replace("[日本🦀, x, 日本🦀]", "[日本🦀, x]")
        );
        // The unsafe one is labelled and not preferred.
        let risky = titled("Fix `yaml/ambiguous-scalar` (unsafe: check the result)");
        assert_eq!(risky["isPreferred"], false);
        assert!(apply(PAGE, &edits_of(risky, &page), utf8).contains("\"日本🦀\": "));
        // Suppression comments: `#` in the header, HTML in the body.
        let header = titled("Suppress `taxonomy/duplicate` for this line");
        assert_eq!(
            apply(PAGE, &edits_of(header, &page), utf8),
            PAGE.replace(
                "tags:",
                "# frontlint-disable-next-line taxonomy/duplicate\ntags:"
            )
        );
        let body = titled("Suppress `link/broken-relative` for this line");
        let suppressed = apply(PAGE, &edits_of(body, &page), utf8);
        assert!(
            suppressed.contains("<!-- frontlint-disable-next-line link/broken-relative -->\n見て")
        );
        // The suppressed text, sent back: that diagnostic is gone.
        c.change(&page, 2, &suppressed);
        let ds = c.diagnostics(&uri(&page));
        assert!(
            !summary(&ds).iter().any(|d| d.0 == "link/broken-relative"),
            "{ds:#?}"
        );
        c.change(&page, 3, PAGE);
        c.diagnostics(&uri(&page));
        // Fix all: the same text as `frontlint --fix`.
        let all = c.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri(&page)}, "range": whole,
                   "context": {"diagnostics": [], "only": ["source.fixAll.frontlint"]}}),
        );
        let all = all.as_array().unwrap();
        assert_eq!(all.len(), 1, "{all:#?}");
        assert_eq!(all[0]["kind"], "source.fixAll.frontlint");
        let fixed_by_server = apply(PAGE, &edits_of(&all[0], &page), utf8);
        assert_eq!(c.stop(), 0);
        let copy = tempfile::tempdir().unwrap();
        let file = common::write(copy.path(), "a.md", PAGE);
        let out = common::run_in(copy.path(), &["--fix", "--no-cache", "a.md"]);
        assert!(out.status.code().is_some());
        assert_eq!(fixed_by_server, std::fs::read_to_string(file).unwrap());
    }
}

#[test]
fn changes_site_changes_and_config_reload() {
    let (dir, page) = site();
    let root = dir.path().canonicalize().unwrap();
    let (mut c, _) = Client::start(false, &root);
    let u = uri(&page);
    c.open(&page, PAGE);
    // A burst of changes: the last text wins.
    for v in 2..40 {
        c.change(
            &page,
            v,
            &PAGE.replace("missing.md", &format!("missing{v}.md")),
        );
    }
    c.change(&page, 40, &PAGE.replace("missing.md", "other.md"));
    let mut ds = c.diagnostics(&u);
    while summary(&ds).iter().any(|d| d.0 == "link/broken-relative") {
        ds = c.diagnostics(&u);
    }
    assert_eq!(summary(&ds).len(), 2, "{ds:#?}");
    // A page created on disk: the link to it resolves once the client says so.
    c.change(&page, 41, &PAGE.replace("missing.md", "new.md"));
    assert!(
        summary(&c.diagnostics(&u))
            .iter()
            .any(|d| d.0 == "link/broken-relative")
    );
    let new = common::write(&root, "content/new.md", "---\ntitle: new\n---\n");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&new), "type": 1}]}),
    );
    let ds = c.diagnostics(&u);
    assert!(
        !summary(&ds).iter().any(|d| d.0 == "link/broken-relative"),
        "{ds:#?}"
    );
    // The config changes: the workspace reloads and the document is linted again.
    turn_off_duplicate_terms(&mut c, &root);
    let ds = c.diagnostics(&u);
    assert_eq!(
        summary(&ds)
            .iter()
            .map(|d| d.0.as_str())
            .collect::<Vec<_>>(),
        ["yaml/ambiguous-scalar"]
    );
    // Closing clears the document's diagnostics.
    c.notify("textDocument/didClose", json!({"textDocument": {"uri": u}}));
    assert!(c.diagnostics(&u).is_empty());
    assert_eq!(c.stop(), 0);
}

#[test]
fn hover_shows_the_schema() {
    let (dir, page) = site();
    let root = dir.path().canonicalize().unwrap();
    common::write(
        &root,
        "schema.json",
        r##"{"type": "object", "required": ["title"], "properties": {
            "title": {"type": "string", "title": "Page title", "description": "Shown in the browser tab."},
            "tags": {"$ref": "#/$defs/terms"}},
           "$defs": {"terms": {"type": "array", "description": "Terms of the `tags` taxonomy."}}}"##,
    );
    common::write(&root, "frontlint.toml", "schema = \"schema.json\"\n");
    let (mut c, _) = Client::start(false, &root);
    c.open(&page, PAGE);
    let hover = |c: &mut Client, line: u32, character: u32| {
        c.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri(&page)}, "position": {"line": line, "character": character}}),
        )
    };
    let h = hover(&mut c, 1, 2);
    let text = h["contents"]["value"].as_str().unwrap();
    assert!(text.starts_with("**`title`**: Page title"), "{text}");
    assert!(text.contains("Shown in the browser tab."), "{text}");
    assert!(
        text.contains("Type: string") && text.contains("Required."),
        "{text}"
    );
    assert_eq!(h["range"]["end"], json!({"line": 1, "character": 5}));
    let h = hover(&mut c, 3, 0);
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("Terms of the `tags` taxonomy.")
    );
    // On a value, in the body, or on a key the schema does not describe: nothing.
    assert_eq!(hover(&mut c, 1, 9), Value::Null);
    assert_eq!(hover(&mut c, 6, 1), Value::Null);
    assert_eq!(hover(&mut c, 2, 2), Value::Null);
    assert_eq!(c.stop(), 0);
}

#[test]
fn bad_input_is_answered_and_the_server_stays_up() {
    let (dir, page) = site();
    let root = dir.path().canonicalize().unwrap();
    let (mut c, _) =
        Client::start_with(false, &root, &[("FRONTLINT_TEST_PANIC_LINT", "PANIC-HERE")]);
    // Not JSON.
    c.send_raw(b"{not json");
    let m = c.next_message();
    assert_eq!(m["error"]["code"], -32700);
    // JSON, but not a message.
    c.send_raw(br#"{"jsonrpc": "2.0", "params": 7}"#);
    assert_eq!(c.next_message()["error"]["code"], -32600);
    // An unknown method, and bad params.
    let r = c.request("frontlint/nothing", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    let r = c.request("textDocument/hover", json!({"nope": 1}));
    assert_eq!(r["error"]["code"], -32602);
    // A panic while linting: logged, no diagnostics for that text; the next text is linted.
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri(&page), "languageId": "markdown", "version": 1, "text": "PANIC-HERE"}}),
    );
    c.change(&page, 2, PAGE);
    assert_eq!(summary(&c.diagnostics(&uri(&page))).len(), 3);
    // Not Markdown, and a file that does not exist: diagnostics, no crash.
    let gone = root.join("content/gone.md");
    let ds = c.open(&gone, "\u{0}\u{1}binary");
    assert!(ds.iter().all(|d| d["code"].is_string()));
    assert_eq!(c.stop(), 0);

    // `exit` without `shutdown`: exit code 1.
    let (mut c, _) = Client::start(false, &root);
    c.notify("exit", Value::Null);
    assert_eq!(c.child.wait().unwrap().code(), Some(1));
}

#[test]
fn completion_of_keys_values_and_terms() {
    let (dir, page) = site();
    let root = dir.path().canonicalize().unwrap();
    common::write(
        &root,
        "schema.json",
        r#"{"type": "object", "properties": {
            "title": {"type": "string", "title": "Page title"},
            "draft": {"type": "boolean"},
            "weight": {"type": "integer", "title": "Order in lists"},
            "kind": {"enum": ["news", "blog"]},
            "tags": {"type": "array", "items": {"type": "string"}}}}"#,
    );
    common::write(&root, "frontlint.toml", "schema = \"schema.json\"\n");
    common::write(
        &root,
        "content/other.md",
        "---\ntitle: o\ntags: [rust, go]\n---\n",
    );
    common::write(
        &root,
        "content/third.md",
        "---\ntitle: t\ntags:\n  - rust\n---\n",
    );
    let text = "---\ntitle: x\ndr\nkind: \ndraft: \ntags: [日本🦀, \n---\nbody\n";
    for utf8 in [false, true] {
        let (mut c, _) = Client::start(utf8, &root);
        c.open(&page, text);
        let mut complete = |line: u32, character: u32| -> Vec<Value> {
            let r = c.request(
                "textDocument/completion",
                json!({"textDocument": {"uri": uri(&page)}, "position": {"line": line, "character": character}}),
            );
            r.as_array().cloned().unwrap_or_default()
        };
        let labels = |items: &[Value]| -> Vec<String> {
            items
                .iter()
                .map(|i| i["label"].as_str().unwrap().to_string())
                .collect()
        };
        // Keys: the schema's, less those present.
        let keys = complete(2, 2);
        assert_eq!(labels(&keys), ["weight"]);
        assert_eq!(keys[0]["detail"], "Order in lists");
        assert_eq!(keys[0]["textEdit"]["newText"], "weight: ");
        assert_eq!(
            keys[0]["textEdit"]["range"],
            json!({"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 2}})
        );
        assert_eq!(labels(&complete(3, 6)), ["news", "blog"]);
        assert_eq!(labels(&complete(4, 7)), ["true", "false"]);
        // Terms other pages use, most used first; the edited page's own are not counted.
        let col = if utf8 { 7 + 10 + 2 } else { 7 + 4 + 2 };
        let terms = complete(5, col);
        assert_eq!(labels(&terms), ["rust", "go"]);
        assert_eq!(
            terms[0]["textEdit"]["range"]["start"],
            json!({"line": 5, "character": col})
        );
        // In the body: nothing, except in a link's destination.
        assert!(complete(7, 2).is_empty());
        assert_eq!(c.stop(), 0);
    }
}

#[test]
fn hover_on_a_date_says_when_and_whether_published() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    common::write(&root, "hugo.toml", "timeZone = \"Asia/Shanghai\"\n");
    let text = "---\ntitle: x\ndate: 2026-12-01T08:00:00\nexpiryDate: 2020-01-01\nlastmod: 2026-01-01T00:00:00Z\n---\n";
    let page = common::write(&root, "content/p.md", text);
    let (mut c, _) = Client::start(false, &root);
    c.open(&page, text);
    let mut hover = |line: u32| -> String {
        let r = c.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri(&page)}, "position": {"line": line, "character": 1}}),
        );
        r["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let date = hover(2);
    assert!(
        date.contains("2026-12-01 08:00:00 +08:00 (Asia/Shanghai), 2026-12-01 00:00:00 UTC"),
        "{date}"
    );
    assert!(
        date.contains("In the future: the page is not published until then"),
        "{date}"
    );
    let expiry = hover(3);
    assert!(expiry.contains("2020-01-01 00:00:00 +08:00"), "{expiry}");
    assert!(
        expiry.contains("Expired: the page is not published"),
        "{expiry}"
    );
    let lastmod = hover(4);
    assert!(lastmod.contains("2026-01-01 08:00:00 +08:00"), "{lastmod}");
    assert!(!lastmod.contains("published"), "{lastmod}");
    assert_eq!(c.stop(), 0);
}

#[test]
fn a_client_that_can_watch_files_is_asked_to() {
    // A raw initialize offering dynamic registration of watched files.
    let mut child = Command::new(env!("CARGO_BIN_EXE_frontlint"))
        .arg("server")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let init = json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}}})
    .to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{init}", init.len()).unwrap();
    stdin.flush().unwrap();
    let mut r = BufReader::new(child.stdout.take().unwrap());
    let mut read = || -> Value {
        let mut len = 0;
        loop {
            let mut line = String::new();
            r.read_line(&mut line).unwrap();
            if line.trim_end().is_empty() {
                break;
            }
            if let Some(v) = line.trim_end().strip_prefix("Content-Length: ") {
                len = v.parse().unwrap();
            }
        }
        let mut body = vec![0; len];
        r.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    };
    assert_eq!(read()["id"], 1);
    let register = read();
    assert_eq!(register["method"], "client/registerCapability");
    let reg = &register["params"]["registrations"][0];
    assert_eq!(reg["method"], "workspace/didChangeWatchedFiles");
    assert!(
        reg["registerOptions"]["watchers"][0]["globPattern"]
            .as_str()
            .unwrap()
            .contains("toml")
    );
    drop(stdin);
    assert_eq!(child.wait().unwrap().code(), Some(1));
}

#[test]
fn completion_of_link_destinations() {
    let (dir, page) = site();
    let root = dir.path().canonicalize().unwrap();
    common::write(&root, "content/deep/er/third.md", "---\ntitle: t\n---\n");
    let text = "---\ntitle: x\n---\n\n見て🦀 [a](ot\n";
    let (mut c, _) = Client::start(false, &root);
    c.open(&page, text);
    let r = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri(&page)}, "position": {"line": 4, "character": 11}}),
    );
    let items = r.as_array().unwrap();
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["deep/er/third.md", "other.md"]);
    assert_eq!(items[1]["detail"], "content/other.md");
    // The partial path typed (`ot`, after 見て🦀 [a]( = 9 UTF-16 units) is what is replaced.
    assert_eq!(
        items[1]["textEdit"]["range"],
        json!({"start": {"line": 4, "character": 9}, "end": {"line": 4, "character": 11}})
    );
    // From a page in a subfolder, paths climb out of it.
    let deep = root.join("content/deep/er/third.md");
    c.open(&deep, "---\ntitle: t\n---\n[x](\n");
    let r = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri(&deep)}, "position": {"line": 3, "character": 4}}),
    );
    let labels: Vec<String> = r
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(labels, ["../../a.md", "../../other.md"]);
    assert_eq!(c.stop(), 0);
}

#[test]
fn indexing_the_site_reports_progress_to_clients_that_show_it() {
    let (dir, page) = site();
    let root = dir.path().canonicalize().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_frontlint"))
        .arg("server")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut send = |v: Value| {
        let b = v.to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{b}", b.len()).unwrap();
        stdin.flush().unwrap();
    };
    send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "rootUri": uri(&root), "capabilities": {"window": {"workDoneProgress": true}}}}),
    );
    send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument":
        {"uri": uri(&page), "languageId": "markdown", "version": 1, "text": PAGE}}}),
    );
    let mut r = BufReader::new(child.stdout.take().unwrap());
    let mut read = || -> Value {
        let mut len = 0;
        loop {
            let mut line = String::new();
            r.read_line(&mut line).unwrap();
            if line.trim_end().is_empty() {
                break;
            }
            if let Some(v) = line.trim_end().strip_prefix("Content-Length: ") {
                len = v.parse().unwrap();
            }
        }
        let mut body = vec![0; len];
        r.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    };
    assert_eq!(read()["id"], 1);
    let create = read();
    assert_eq!(create["method"], "window/workDoneProgress/create");
    let token = create["params"]["token"].clone();
    let begin = read();
    assert_eq!(begin["method"], "$/progress");
    assert_eq!(begin["params"]["token"], token);
    assert_eq!(begin["params"]["value"]["kind"], "begin");
    let end = read();
    assert_eq!(end["params"]["value"]["kind"], "end");
    assert_eq!(end["params"]["value"]["message"], "2 pages");
    assert_eq!(read()["method"], "textDocument/publishDiagnostics");
    drop(stdin);
    assert_eq!(child.wait().unwrap().code(), Some(1));
}

#[test]
fn a_multi_root_workspace_checks_each_file_against_its_own_site() {
    // Two sites side by side, each its own workspace folder: a link resolves in its own site
    // only, and the same URL in both is no clash.
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path().canonicalize().unwrap();
    let (a, b) = (top.join("甲"), top.join("乙"));
    for site in [&a, &b] {
        common::write(site, "frontlint.toml", "");
    }
    common::write(&a, "content/q.md", "---\ntitle: q\n---\n正文\n");
    let page = "---\r\ntitle: 页\r\nurl: /same/\r\n---\r\n见 [q](q.md) 😀\r\n";
    let pa = common::write(&a, "content/p.md", page);
    let pb = common::write(&b, "content/p.md", page);
    let (mut client, _) = Client::start_init(false, &a, &[], &[&a, &b]);
    assert_eq!(summary(&client.open(&pa, page)), []);
    // In 乙 there is no q.md: the link is broken there, at its UTF-16 position.
    assert_eq!(
        summary(&client.open(&pb, page)),
        [(s("link/broken-relative"), 4, 6, 10)]
    );
    assert_eq!(client.stop(), 0);
}

#[test]
fn completion_of_references_offers_paths_in_the_content_folder() {
    let (dir, page) = site();
    let root = dir.path().canonicalize().unwrap();
    common::write(&root, "content/deep/er/third.md", "---\ntitle: t\n---\n");
    let (mut c, _) = Client::start(false, &root);
    let mut labels_at = |text: &str, line: u64, character: u64| -> Vec<String> {
        c.open(&page, text);
        let r = c.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri(&page)}, "position": {"line": line, "character": character}}),
        );
        r.as_array()
            .map(|items| {
                items
                    .iter()
                    .map(|i| i["label"].as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    // Hugo's shortcodes, after CJK and an emoji: paths inside `content/`, not relative ones.
    let hugo = "---\r\ntitle: x\r\n---\r\n見て🦀 {{< relref \"de\r\n";
    assert_eq!(labels_at(hugo, 3, 19), ["deep/er/third.md", "other.md"]);
    let zola = "---\ntitle: x\n---\n[下](@/ot\n";
    assert_eq!(labels_at(zola, 3, 8), ["deep/er/third.md", "other.md"]);
    // `ref "` in prose is no reference.
    let prose = "---\ntitle: x\n---\nthe ref \"de\n";
    assert_eq!(labels_at(prose, 3, 11), Vec::<String>::new());
    assert_eq!(c.stop(), 0);
}

#[test]
fn requests_are_answered_while_the_site_is_indexed_in_the_background() {
    // The index thread waits 3 s (debug builds only): the site is still being indexed while
    // the document is opened, hovered and the config changes.
    let (dir, page) = site();
    let root = dir.path().canonicalize().unwrap();
    let (mut c, _) = Client::start_with(false, &root, &[("FRONTLINT_TEST_INDEX_DELAY_MS", "3000")]);
    let u = uri(&page);
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": u, "languageId": "markdown", "version": 1, "text": PAGE}}),
    );
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": {"line": 1, "character": 2}}),
    );
    assert!(
        h["contents"]["value"]
            .as_str()
            .is_some_and(|t| t.contains("`title`")),
        "{h}"
    );
    // Answered before any diagnostics: they wait for the index.
    assert!(
        !c.held
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics"),
        "{:?}",
        c.held
    );
    // The config changes while indexing: the index under way is dropped, the site indexed
    // again with the new config, and the first diagnostics published have both the new
    // config (no `taxonomy/duplicate`) and the site-wide checks (the broken link).
    turn_off_duplicate_terms(&mut c, &root);
    let ds = c.diagnostics(&u);
    assert_eq!(
        summary(&ds),
        [
            (s("yaml/ambiguous-scalar"), 2, 8, 11),
            (s("link/broken-relative"), 6, 9, 19),
        ],
        "{ds:#?}"
    );
    assert_eq!(c.stop(), 0);
}
