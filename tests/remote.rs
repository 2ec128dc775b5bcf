//! `--remote` against a server written here, on 127.0.0.1 only: every outcome (images, 404,
//! 500, timeouts, redirect chains and loops, 429 with `Retry-After`, HEAD refused, HTML where
//! an image is expected, a huge body, dropped connections), the per-host and global limits
//! (the server counts requests in flight), the remote cache, and that without `--remote`
//! nothing is contacted.

mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{frontlint, json, stderr, write};
use tempfile::TempDir;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0];

#[derive(Default)]
struct Stats {
    /// `METHOD /path` of every request, in arrival order.
    log: Mutex<Vec<String>>,
    /// Connections accepted.
    connections: AtomicUsize,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    /// Body bytes the huge response got out before the client hung up.
    huge_sent: AtomicU64,
    /// Requests per path (for the 429 route).
    per_path: Mutex<HashMap<String, usize>>,
    /// Header lines of requests to `/headers`.
    seen_headers: Mutex<Vec<String>>,
}

struct Server {
    addr: SocketAddr,
    stats: Arc<Stats>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let stats = Arc::new(Stats::default());
        let s = stats.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(conn) = conn else { continue };
                s.connections.fetch_add(1, Ordering::SeqCst);
                let s = s.clone();
                std::thread::spawn(move || serve(conn, &s));
            }
        });
        Server { addr, stats }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn log(&self) -> Vec<String> {
        self.stats.log.lock().unwrap().clone()
    }

    fn count(&self, request: &str) -> usize {
        self.log().iter().filter(|l| *l == request).count()
    }
}

fn serve(conn: TcpStream, s: &Stats) {
    let mut reader = BufReader::new(conn.try_clone().unwrap());
    let mut out = conn;
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) == 0 {
        return;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let path = parts.next().unwrap_or("").to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
            break;
        }
        headers.push(h.trim_end().to_string());
    }
    s.log.lock().unwrap().push(format!("{method} {path}"));
    let n = s.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    s.max_in_flight.fetch_max(n, Ordering::SeqCst);
    let nth = {
        let mut m = s.per_path.lock().unwrap();
        let c = m.entry(path.clone()).or_default();
        *c += 1;
        *c
    };
    let head = method == "HEAD";
    let respond = |out: &mut TcpStream, status: &str, extra: &str, ctype: &str, body: &[u8]| {
        let _ = write!(
            out,
            "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n",
            body.len()
        );
        if !head {
            let _ = out.write_all(body);
        }
        let _ = out.flush();
    };
    let redirect = |out: &mut TcpStream, code: &str, to: &str| {
        respond(out, code, &format!("Location: {to}\r\n"), "text/plain", b"");
    };
    match path.as_str() {
        "/img.png" => respond(&mut out, "200 OK", "", "image/png", PNG),
        "/cdn/om_ls/0" => respond(&mut out, "200 OK", "", "image/jpeg", JPEG),
        "/octet" => respond(&mut out, "200 OK", "", "application/octet-stream", PNG),
        "/ok" => respond(&mut out, "200 OK", "", "text/plain", b"fine"),
        "/missing.png" | "/gone" => respond(
            &mut out,
            "404 Not Found",
            "",
            "text/html",
            b"<html>no</html>",
        ),
        "/error" => respond(
            &mut out,
            "500 Internal Server Error",
            "",
            "text/plain",
            b"oops",
        ),
        "/slow" => {
            std::thread::sleep(Duration::from_secs(4));
            respond(&mut out, "200 OK", "", "image/png", PNG);
        }
        "/r1" => redirect(&mut out, "302 Found", "/r2"),
        "/r2" => redirect(&mut out, "301 Moved Permanently", "r3"),
        "/r3" => redirect(&mut out, "307 Temporary Redirect", "/img.png"),
        "/r-gone" => redirect(&mut out, "302 Found", "/gone"),
        "/loop-a" => redirect(&mut out, "302 Found", "/loop-b"),
        "/loop-b" => redirect(&mut out, "302 Found", "/loop-a"),
        p if p.starts_with("/far/") => {
            let k: u32 = p[5..].parse().unwrap_or(0);
            redirect(&mut out, "302 Found", &format!("/far/{}", k + 1));
        }
        "/limited.png" if nth == 1 => {
            respond(
                &mut out,
                "429 Too Many Requests",
                "Retry-After: 1\r\n",
                "text/plain",
                b"slow down",
            );
        }
        "/limited.png" => respond(&mut out, "200 OK", "", "image/png", PNG),
        "/always-429" => respond(
            &mut out,
            "429 Too Many Requests",
            "Retry-After: 3600\r\n",
            "text/plain",
            b"",
        ),
        "/nohead" if head => respond(&mut out, "405 Method Not Allowed", "", "text/plain", b""),
        "/nohead" => {
            let ranged = headers
                .iter()
                .any(|h| h.to_ascii_lowercase().starts_with("range: bytes=0-"));
            if ranged {
                respond(
                    &mut out,
                    "206 Partial Content",
                    "Content-Range: bytes 0-0/5\r\n",
                    "text/plain",
                    b"f",
                );
            } else {
                respond(&mut out, "200 OK", "", "text/plain", b"fine!");
            }
        }
        "/empty" if head => respond(&mut out, "405 Method Not Allowed", "", "text/plain", b""),
        "/empty" => respond(
            &mut out,
            "416 Range Not Satisfiable",
            "Content-Range: bytes */0\r\n",
            "image/png",
            b"",
        ),
        "/page.html" => respond(
            &mut out,
            "200 OK",
            "",
            "text/html; charset=utf-8",
            b"<!DOCTYPE html><html><body>a page</body></html>",
        ),
        "/fake.png" => respond(
            &mut out,
            "200 OK",
            "",
            "image/png",
            b"<!DOCTYPE html><html>not a png</html>",
        ),
        "/huge.png" => {
            let total: u64 = 1 << 30;
            let _ = write!(
                out,
                "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: {total}\r\nConnection: close\r\n\r\n"
            );
            if !head {
                let mut chunk = vec![0u8; 64 << 10];
                chunk[..PNG.len()].copy_from_slice(PNG);
                let mut sent = 0u64;
                while sent < total {
                    match out.write(&chunk) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => sent += n as u64,
                    }
                    chunk[..PNG.len()].fill(0);
                    s.huge_sent.store(sent, Ordering::SeqCst);
                }
            }
        }
        "/drop" => {
            // Read the request, answer nothing, hang up.
        }
        "/headers" => {
            s.seen_headers
                .lock()
                .unwrap()
                .extend(headers.iter().cloned());
            if headers
                .iter()
                .any(|h| h.eq_ignore_ascii_case("X-Token: s3cret-value"))
            {
                respond(&mut out, "200 OK", "", "text/plain", b"welcome");
            } else {
                respond(&mut out, "401 Unauthorized", "", "text/plain", b"who?");
            }
        }
        p if p.starts_with("/c/") => {
            // Long enough that requests overlap even on a loaded machine (150 ms did not,
            // once, with a build running beside the tests).
            std::thread::sleep(Duration::from_millis(400));
            respond(&mut out, "200 OK", "", "text/plain", b"ok");
        }
        _ => respond(&mut out, "404 Not Found", "", "text/plain", b""),
    }
    s.in_flight.fetch_sub(1, Ordering::SeqCst);
    // Drain what the client may still send, then close.
    let _ = out.shutdown(std::net::Shutdown::Write);
    let mut sink = [0u8; 256];
    let _ = out.set_read_timeout(Some(Duration::from_millis(200)));
    let _ = reader.get_mut().read(&mut sink);
}

/// A site at a temporary folder with this config and these pages.
fn site(config: &str, pages: &[(&str, String)]) -> TempDir {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "frontlint.toml", config);
    for (path, text) in pages {
        write(dir.path(), path, text);
    }
    dir
}

/// frontlint in `dir` with `args`, no proxy from the environment (every request goes to the
/// test server directly, and nowhere else).
fn run(dir: &TempDir, args: &[&str]) -> std::process::Output {
    let mut cmd = frontlint();
    for v in [
        "http_proxy",
        "https_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "all_proxy",
        "NO_PROXY",
        "no_proxy",
    ] {
        cmd.env_remove(v);
    }
    cmd.args(["--format", "json", "--select", "link,thumbnail"])
        .args(args)
        .current_dir(dir.path())
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap()
}

/// `(rule, line, message)`, remote rules only.
fn remote_findings(out: &std::process::Output) -> Vec<(String, u64, String)> {
    json(out)
        .iter()
        .filter(|d| d["rule"].as_str().unwrap().contains("/remote-"))
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const FAST: &str = "[remote]\ntimeout = 1\nconnect-timeout = 1\nhttps-hints = false\n";

#[test]
fn every_outcome_is_reported_with_status_and_final_url() {
    let srv = Server::start();
    let u = |p: &str| srv.url(p);
    let page = format!(
        "---\ntitle: All\nthumbnail: {}\nimages:\n  - {}\n  - {}\n  - {}\n  - {}\n  - {}\n  - {}\n  - {}\n  - {}\n  - {}\n  - {}\n---\n\
         [a]({}) [b]({}) [c]({}) [d]({})\n\n[e]({}) [f]({}) [g]({}) [h]({})\n\n[i]({}) [j]({}#part)\n",
        u("/img.png"),     // 3: fine
        u("/cdn/om_ls/0"), // 5: fine, no extension
        u("/missing.png"), // 6: 404
        u("/page.html"),   // 7: HTML where an image is expected
        u("/fake.png"),    // 8: image/png that is HTML
        u("/r1"),          // 9: chain of 3 redirects to an image
        u("/slow"),        // 10: past the timeout
        u("/huge.png"),    // 11: 1 GiB, not downloaded
        u("/limited.png"), // 12: 429 then fine
        u("/octet"),       // 13: octet-stream with a PNG signature
        u("/drop"),        // 14: connection dropped
        u("/ok"),          // 16 a
        u("/error"),       // 16 b: 500
        u("/loop-a"),      // 16 c: loop
        u("/far/0"),       // 16 d: too many
        u("/nohead"),      // 18 e: HEAD refused, GET fine
        u("/r-gone"),      // 18 f: redirect to a 404
        u("/gone"),        // 18 g: 404
        u("/page.html"),   // 18 h: HTML is fine for a link
        u("/drop"),        // 20 i
        u("/ok"),          // 20 j: same URL as a, other fragment
    );
    let dir = site(FAST, &[("content/all.md", page)]);
    let out = run(&dir, &["--remote"]);
    let got = remote_findings(&out);
    let a = srv.addr;
    let want: Vec<(&str, u64, String)> = vec![
        (
            "thumbnail/remote-broken",
            6,
            format!("`images` image `http://{a}/missing.png` is broken: 404 Not Found"),
        ),
        (
            "thumbnail/remote-not-image",
            7,
            format!(
                "`images` `http://{a}/page.html` is not an image: `Content-Type: text/html` (200 OK)"
            ),
        ),
        (
            "thumbnail/remote-not-image",
            8,
            format!(
                "`images` `http://{a}/fake.png` is not an image: its first bytes are not an image's (200 OK)"
            ),
        ),
        (
            "thumbnail/remote-broken",
            10,
            format!("`images` image `http://{a}/slow` is broken: timed out after 1 s"),
        ),
        (
            "thumbnail/remote-broken",
            14,
            format!("`images` image `http://{a}/drop` is broken: the server closed the connection"),
        ),
        (
            "link/remote-broken",
            16,
            format!("broken link `http://{a}/error`: 500 Internal Server Error"),
        ),
        (
            "link/remote-broken",
            16,
            format!(
                "broken link `http://{a}/loop-a`: redirect loop back to `http://{a}/loop-a` at `http://{a}/loop-b`"
            ),
        ),
        (
            "link/remote-broken",
            16,
            format!(
                "broken link `http://{a}/far/0`: more than 10 redirects at `http://{a}/far/10`"
            ),
        ),
        (
            "link/remote-broken",
            18,
            format!("broken link `http://{a}/r-gone`: 404 Not Found at `http://{a}/gone`"),
        ),
        (
            "link/remote-broken",
            18,
            format!("broken link `http://{a}/gone`: 404 Not Found"),
        ),
        (
            "link/remote-broken",
            20,
            format!("broken link `http://{a}/drop`: the server closed the connection"),
        ),
    ];
    let want: Vec<(String, u64, String)> = want
        .into_iter()
        .map(|(r, l, m)| (r.to_string(), l, m))
        .collect();
    assert_eq!(got, want, "{}", stderr(&out));
    assert_eq!(out.status.code(), Some(1));

    // Each URL once (the fragment is not part of it; an image and a link use share one
    // request), the chain hop by hop, HEAD then GET where HEAD is refused, 429 asked twice.
    assert_eq!(
        srv.count("GET /img.png"),
        2,
        "thumbnail and the end of /r1: {:?}",
        srv.log()
    );
    assert_eq!(srv.count("HEAD /ok"), 1, "{:?}", srv.log());
    assert_eq!(srv.count("GET /page.html"), 1, "{:?}", srv.log());
    assert_eq!(srv.count("HEAD /page.html"), 0, "{:?}", srv.log());
    assert_eq!(
        srv.count("HEAD /nohead") + srv.count("GET /nohead"),
        2,
        "{:?}",
        srv.log()
    );
    assert_eq!(srv.count("GET /limited.png"), 2, "{:?}", srv.log());
    assert_eq!(srv.count("HEAD /far/10"), 1);
    assert_eq!(
        srv.count("GET /far/11") + srv.count("HEAD /far/11"),
        0,
        "stops after 10 redirects"
    );
    for hop in ["/r1", "/r2", "/r3"] {
        assert_eq!(
            srv.count(&format!("GET {hop}")),
            1,
            "{hop}: {:?}",
            srv.log()
        );
    }
    // The huge body: the first bytes, never the gigabyte (socket buffers hold a few MiB).
    let sent = srv.stats.huge_sent.load(Ordering::SeqCst);
    assert!(sent < 32 << 20, "{sent} bytes of the huge body were sent");
    let summary = stderr(&out);
    assert!(
        summary.contains("Remote: 18 URLs checked (0 from the cache, 18 requested), 10 broken"),
        "{summary}"
    );
}

#[test]
fn every_page_using_a_broken_url_is_told_and_it_is_asked_for_once() {
    let srv = Server::start();
    let pages: Vec<(String, String)> = (0..6)
        .map(|i| {
            (
                format!("content/p{i}.md"),
                format!(
                    "---\ntitle: P{i}\nthumbnail: {}\n---\nsee [it]({})\n",
                    srv.url("/missing.png"),
                    srv.url("/gone")
                ),
            )
        })
        .collect();
    let pages: Vec<(&str, String)> = pages.iter().map(|(p, t)| (p.as_str(), t.clone())).collect();
    let dir = site(FAST, &pages);
    let out = run(&dir, &["--remote"]);
    let all = json(&out);
    for i in 0..6 {
        let path = format!("content/p{i}.md");
        let rules: Vec<&str> = all
            .iter()
            .filter(|d| {
                d["path"] == path.as_str() && d["rule"].as_str().unwrap().contains("remote")
            })
            .map(|d| d["rule"].as_str().unwrap())
            .collect();
        assert_eq!(
            rules,
            ["thumbnail/remote-broken", "link/remote-broken"],
            "{path}"
        );
    }
    assert_eq!(srv.log().len(), 2, "{:?}", srv.log());
}

#[test]
fn per_host_and_global_limits_hold() {
    let srv = Server::start();
    let body: String = (0..24)
        .map(|i| format!("[l{i}]({})\n", srv.url(&format!("/c/{i}"))))
        .collect();
    let page = format!("---\ntitle: Many\n---\n{body}");
    let dir = site(FAST, &[("content/many.md", page.clone())]);
    let out = run(&dir, &["--remote", "--no-cache"]);
    assert!(remote_findings(&out).is_empty(), "{}", stderr(&out));
    let max = srv.stats.max_in_flight.load(Ordering::SeqCst);
    assert!(
        (2..=4).contains(&max),
        "default per-host limit 4, in parallel: {max} at once"
    );
    assert_eq!(srv.log().len(), 24);

    let srv = Server::start();
    let body: String = (0..12)
        .map(|i| format!("[l{i}]({})\n", srv.url(&format!("/c/{i}"))))
        .collect();
    let config = format!("{FAST}concurrency = 2\nper-host = 16\n");
    let dir = site(
        &config,
        &[("content/many.md", format!("---\ntitle: Many\n---\n{body}"))],
    );
    let out = run(&dir, &["--remote", "--no-cache"]);
    assert!(remote_findings(&out).is_empty(), "{}", stderr(&out));
    let max = srv.stats.max_in_flight.load(Ordering::SeqCst);
    assert_eq!(max, 2, "global limit 2 over a per-host limit of 16");
}

#[test]
fn the_cache_answers_the_second_run_and_retries_broken_urls_sooner() {
    let srv = Server::start();
    let page = format!(
        "---\ntitle: C\nthumbnail: {}\n---\n[ok]({}) [gone]({})\n",
        srv.url("/img.png"),
        srv.url("/ok"),
        srv.url("/gone")
    );
    let dir = site(FAST, &[("content/c.md", page.clone())]);
    let first = run(&dir, &["--remote"]);
    let n = srv.log().len();
    assert_eq!(n, 3, "{:?}", srv.log());
    let second = run(&dir, &["--remote"]);
    assert_eq!(
        srv.log().len(),
        n,
        "the second run asks nothing: {:?}",
        srv.log()
    );
    assert_eq!(remote_findings(&first), remote_findings(&second));
    assert_eq!(remote_findings(&second).len(), 1);
    assert!(
        stderr(&second).contains("(3 from the cache, 0 requested)"),
        "{}",
        stderr(&second)
    );
    let cache = std::fs::read_to_string(dir.path().join(".frontlint_cache/remote.json")).unwrap();
    assert!(cache.contains(&srv.url("/gone")), "{cache}");

    // Broken results expire first: with `cache-ttl-broken = 0` only /gone is asked again.
    write(
        dir.path(),
        "frontlint.toml",
        format!("{FAST}cache-ttl-broken = 0\n"),
    );
    let third = run(&dir, &["--remote"]);
    assert_eq!(
        srv.log()[n..],
        ["HEAD /gone".to_string()],
        "{:?}",
        srv.log()
    );
    assert_eq!(remote_findings(&third), remote_findings(&first));

    // `--no-cache` asks everything and leaves the cache file as it was.
    let before = std::fs::read(dir.path().join(".frontlint_cache/remote.json")).unwrap();
    let m = srv.log().len();
    run(&dir, &["--remote", "--no-cache"]);
    assert_eq!(srv.log().len(), m + 3);
    assert_eq!(
        std::fs::read(dir.path().join(".frontlint_cache/remote.json")).unwrap(),
        before
    );
}

#[test]
fn without_remote_nothing_is_contacted() {
    let srv = Server::start();
    // A trap: a proxy that would see any request routed through the environment's proxy.
    let trap = Server::start();
    let page = format!(
        "---\ntitle: O\nthumbnail: {}\n---\n[a]({}) [b]({})\n",
        srv.url("/img.png"),
        srv.url("/gone"),
        srv.url("/ok")
    );
    let enabled = format!("{FAST}enabled = true\n");
    for (config, args) in [
        (FAST, vec![]),
        (FAST, vec!["--offline"]),
        (enabled.as_str(), vec!["--offline"]),
        (enabled.as_str(), vec!["--offline", "--no-cache"]),
    ] {
        let dir = site(config, &[("content/o.md", page.clone())]);
        let out = frontlint()
            .env("http_proxy", trap.url(""))
            .env("HTTP_PROXY", trap.url(""))
            .env("https_proxy", trap.url(""))
            .env("ALL_PROXY", trap.url(""))
            .args(["--format", "json"])
            .args(&args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(remote_findings(&out).is_empty(), "{args:?}");
        assert!(!stderr(&out).contains("Remote:"), "{}", stderr(&out));
        assert!(!dir.path().join(".frontlint_cache/remote.json").exists());
    }
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(srv.stats.connections.load(Ordering::SeqCst), 0);
    assert_eq!(trap.stats.connections.load(Ordering::SeqCst), 0);

    // `enabled = true` alone is the same as `--remote`.
    let dir = site(&enabled, &[("content/o.md", page)]);
    let out = run(&dir, &[]);
    assert_eq!(remote_findings(&out).len(), 1, "{}", stderr(&out));
    assert!(srv.stats.connections.load(Ordering::SeqCst) >= 3);
}

/// The system calls of an offline run: no socket of any internet family is created.
#[test]
fn an_offline_run_creates_no_socket() {
    if std::process::Command::new("strace")
        .arg("-V")
        .output()
        .is_err()
    {
        eprintln!("strace is not installed: covered by without_remote_nothing_is_contacted");
        return;
    }
    let page =
        "---\ntitle: S\nthumbnail: https://example.com/a.png\n---\n[x](https://example.com/)\n";
    let dir = site(
        "[remote]\nenabled = true\n",
        &[("content/s.md", page.to_string())],
    );
    let log = dir.path().join("strace.log");
    let bin = assert_cmd::cargo::cargo_bin("frontlint");
    let status = std::process::Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=socket,connect", "-o"])
        .arg(&log)
        .arg(&bin)
        .args(["--offline", "--format", "json", "--no-cache"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let trace = std::fs::read_to_string(&log).unwrap_or_default();
    if trace.is_empty() && !status.status.success() {
        // ptrace is not allowed here (a container without CAP_SYS_PTRACE).
        eprintln!(
            "strace could not trace: {}",
            String::from_utf8_lossy(&status.stderr)
        );
        return;
    }
    assert!(!trace.contains("AF_INET"), "{trace}");
    // And the same trace does see the sockets of a remote run (the check can fail).
    let dir2 = site(
        "",
        &[(
            "content/s.md",
            "---\ntitle: S\n---\n[x](http://127.0.0.1:9/)\n".to_string(),
        )],
    );
    let log2 = dir2.path().join("strace.log");
    std::process::Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=socket,connect", "-o"])
        .arg(&log2)
        .arg(&bin)
        .args(["--remote", "--format", "json", "--no-cache"])
        .current_dir(dir2.path())
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .output()
        .unwrap();
    let trace2 = std::fs::read_to_string(&log2).unwrap_or_default();
    assert!(trace2.contains("AF_INET"), "{trace2}");
}

#[test]
fn headers_come_from_the_environment_and_are_never_written() {
    let srv = Server::start();
    let page = format!("---\ntitle: H\n---\n[private]({})\n", srv.url("/headers"));
    let config = format!("{FAST}\n[remote.headers]\n\"127.0.0.1\" = \"FRONTLINT_TEST_HEADERS\"\n");
    let dir = site(&config, &[("content/h.md", page)]);
    // Without the variable: 401.
    let out = run(&dir, &["--remote", "--no-cache"]);
    assert_eq!(remote_findings(&out).len(), 1);
    assert!(remote_findings(&out)[0].2.contains("401 Unauthorized"));
    // With it: sent, accepted, and nowhere in the output or the cache.
    let out = frontlint()
        .env("FRONTLINT_TEST_HEADERS", "X-Token: s3cret-value")
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .args(["--format", "json", "--remote"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(remote_findings(&out).is_empty(), "{}", stderr(&out));
    assert!(
        srv.stats
            .seen_headers
            .lock()
            .unwrap()
            .iter()
            .any(|h| h.eq_ignore_ascii_case("X-Token: s3cret-value"))
    );
    assert!(
        srv.stats
            .seen_headers
            .lock()
            .unwrap()
            .iter()
            .any(|h| h.to_ascii_lowercase().starts_with("user-agent: frontlint/"))
    );
    let all = format!("{}{}", common::stdout(&out), stderr(&out));
    assert!(!all.contains("s3cret"));
    let cache = std::fs::read_to_string(dir.path().join(".frontlint_cache/remote.json")).unwrap();
    assert!(
        !cache.contains("s3cret") && cache.contains("/headers"),
        "{cache}"
    );
}

#[test]
fn include_exclude_and_retry_after_too_long() {
    let srv = Server::start();
    let page = format!(
        "---\ntitle: X\n---\n[a]({}) [b]({}) [c]({})\n",
        srv.url("/error"),
        srv.url("/gone"),
        srv.url("/always-429")
    );
    let config = format!("{FAST}exclude = [\"**/error\"]\nmax-retry-wait = 5\n");
    let dir = site(&config, &[("content/x.md", page)]);
    let out = run(&dir, &["--remote", "--no-cache"]);
    let got: Vec<String> = remote_findings(&out).into_iter().map(|f| f.2).collect();
    assert_eq!(
        got,
        [
            format!("broken link `{}`: 404 Not Found", srv.url("/gone")),
            format!(
                "broken link `{}`: 429 Too Many Requests (asked to wait 3600 s, more than 5 s)",
                srv.url("/always-429")
            ),
        ]
    );
    assert_eq!(srv.count("HEAD /error") + srv.count("GET /error"), 0);
    assert_eq!(srv.count("HEAD /always-429"), 1, "not waited for");

    let config = format!("{FAST}include = [\"**/error\"]\n");
    let dir = site(
        &config,
        &[(
            "content/x.md",
            format!("[a]({}) [b]({})\n", srv.url("/error"), srv.url("/ok")),
        )],
    );
    let before = srv.count("HEAD /ok");
    let out = run(&dir, &["--remote", "--no-cache"]);
    assert_eq!(remote_findings(&out).len(), 1);
    assert_eq!(srv.count("HEAD /ok"), before, "not included");
}

#[test]
fn bad_remote_config_is_a_clear_error() {
    let dir = site(
        "[remote]\ntimeout = \"forever\"\n",
        &[("content/a.md", "---\ntitle: A\n---\n".to_string())],
    );
    let out = run(&dir, &["--remote"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a duration"), "{}", stderr(&out));
    let dir = site(
        "[remote]\nper-host = 0\n",
        &[("content/a.md", "---\ntitle: A\n---\n".to_string())],
    );
    let out = run(&dir, &["--remote"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&dir, &["--remote", "--offline"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "--remote and --offline conflict"
    );
}

#[test]
fn suppression_comments_apply_and_are_not_unused_offline() {
    let srv = Server::start();
    let page = format!(
        "---\ntitle: S\n---\n<!-- frontlint-disable-next-line link/remote-broken -->\n[a]({})\n\n[b]({})\n",
        srv.url("/gone"),
        srv.url("/error")
    );
    let dir = site(FAST, &[("content/s.md", page)]);
    let out = run(
        &dir,
        &["--remote", "--select", "link,thumbnail,suppression"],
    );
    let all: Vec<(String, u64)> = json(&out)
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(all, [("link/remote-broken".to_string(), 7)]);
    let out = run(&dir, &["--select", "link,thumbnail,suppression"]);
    assert!(
        json(&out).is_empty(),
        "offline, the comment is not `unused`: {:?}",
        json(&out)
    );
}

#[test]
fn an_empty_file_is_there_but_not_an_image() {
    let srv = Server::start();
    let page = format!(
        "---\ntitle: E\nthumbnail: {}\n---\n[e]({})\n",
        srv.url("/empty"),
        srv.url("/empty")
    );
    let dir = site(FAST, &[("content/e.md", page)]);
    let out = run(&dir, &["--remote"]);
    assert_eq!(
        remote_findings(&out),
        [(
            "thumbnail/remote-not-image".to_string(),
            3,
            format!(
                "`thumbnail` `{}` is not an image: an empty body (416 Range Not Satisfiable)",
                srv.url("/empty")
            )
        )]
    );
}

/// On a terminal (a pseudo-terminal from `script`), a progress line: checked / total and the
/// host, erased before the report; never when standard error is not a terminal.
#[test]
fn progress_on_a_terminal_only() {
    let srv = Server::start();
    let page = format!(
        "---\ntitle: P\n---\n[a]({}) [b]({})\n",
        srv.url("/ok"),
        srv.url("/gone")
    );
    let dir = site(FAST, &[("content/p.md", page)]);
    let out = run(&dir, &["--remote", "--no-cache"]);
    assert!(!stderr(&out).contains("checked ·"), "{}", stderr(&out));
    assert!(!stderr(&out).contains('\r'));
    let bin = assert_cmd::cargo::cargo_bin("frontlint");
    let command = format!(
        "{} --remote --no-cache --format concise --color never",
        bin.display()
    );
    let Ok(tty) = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(dir.path())
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .output()
    else {
        eprintln!("`script` is not installed: the terminal case is not covered here");
        return;
    };
    let shown = String::from_utf8_lossy(&tty.stdout);
    let host = srv.addr.ip().to_string();
    assert!(
        shown.contains(&format!("\r\x1b[2Kremote: 2/2 checked · {host}")),
        "{shown:?}"
    );
    assert!(
        shown.contains("Remote: 2 URLs checked (0 from the cache, 2 requested), 1 broken"),
        "{shown:?}"
    );
    // Erased before the report.
    assert!(shown.contains("\r\x1b[2Kcontent/p.md:4:"), "{shown:?}");
}
