//! One URL, checked over HTTP: HEAD first (GET with a small `Range` when the server refuses
//! HEAD), redirects followed by hand (at most `max_redirects`, loops reported), one deadline
//! for the whole chain, and for images the first bytes read and sniffed. No body is read past
//! [`SNIFF_BYTES`]: the connection is dropped instead, so a huge body is never downloaded.

use std::io::Read;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::Options;

/// How many bytes of an image are read to recognise its signature.
pub const SNIFF_BYTES: u64 = 512;

/// What a URL turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// A 2xx (after redirects); for an image, an image.
    Ok,
    /// 4xx/5xx, DNS, TLS, connection failure, timeout, redirect loop or too many redirects.
    Broken,
    /// A 2xx that is not an image (checked only where an image is expected).
    NotImage,
}

/// The result of checking one URL: what the diagnostics say. Holds nothing sent to the
/// server (no header values), so it may be cached and shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checked {
    pub verdict: Verdict,
    /// The last HTTP status, when there was a response.
    pub status: Option<u16>,
    /// The URL of the last request (after redirects).
    pub final_url: String,
    /// What went wrong, in words (`404 Not Found`, `timed out after 20 s`, `redirect loop`).
    pub detail: String,
    /// The server asked to come back later (429/503 with or without `Retry-After`): seconds to
    /// wait, when this is a result to retry rather than a final one.
    #[serde(skip)]
    pub retry_after: Option<Duration>,
}

/// How a URL is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Mode {
    /// Is it there: HEAD, GET when HEAD is refused.
    Alive,
    /// Is it there and an image: GET of the first bytes.
    Image,
}

/// The shared HTTP client of a run.
pub fn agent(options: &Options) -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        // Redirects are followed here, hop by hop: loops are reported, headers are sent only
        // to the host they are configured for, and one deadline covers the chain.
        .max_redirects(0)
        .timeout_connect(Some(options.connect_timeout))
        .timeout_global(Some(options.timeout))
        .user_agent(options.user_agent.as_str())
        .accept("*/*")
        .max_idle_connections_per_host(options.per_host.max(1))
        .max_idle_connections(options.global.max(1))
        .build()
        .new_agent()
}

/// Check one URL once (no retry: the scheduler retries results with `retry_after`).
pub fn check(agent: &ureq::Agent, options: &Options, url: &str, mode: Mode) -> Checked {
    let deadline = Instant::now() + options.timeout;
    let mut current = url.to_string();
    let mut seen: Vec<String> = vec![current.clone()];
    let mut redirects = 0u32;
    let mut use_get = mode == Mode::Image;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return broken(None, &current, timed_out(options));
        }
        let response = request(agent, options, &current, use_get, left);
        let mut response = match response {
            Ok(r) => r,
            Err(e) => return broken(None, &current, describe(&e, options)),
        };
        let status = response.status().as_u16();
        if (300..400).contains(&status) && status != 304 {
            let Some(location) = response
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
            else {
                return broken(
                    Some(status),
                    &current,
                    format!("{} without a `Location`", reason(status)),
                );
            };
            let next = match url::Url::parse(&current).and_then(|base| base.join(location)) {
                Ok(n) => n,
                Err(_) => {
                    return broken(
                        Some(status),
                        &current,
                        format!("redirect to a malformed URL `{location}`"),
                    );
                }
            };
            if !matches!(next.scheme(), "http" | "https") {
                return broken(
                    Some(status),
                    &current,
                    format!("redirect to a `{}:` URL", next.scheme()),
                );
            }
            let mut next = next.to_string();
            // The fragment is not sent; two hops differing only in it are one request.
            if let Some(i) = next.find('#') {
                next.truncate(i);
            }
            if seen.contains(&next) {
                return broken(
                    Some(status),
                    &current,
                    format!("redirect loop back to `{next}`"),
                );
            }
            redirects += 1;
            if redirects > options.max_redirects {
                return broken(
                    Some(status),
                    &current,
                    format!("more than {} redirects", options.max_redirects),
                );
            }
            seen.push(next.clone());
            current = next;
            continue;
        }
        if status == 429 || status == 503 {
            let wait = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(retry_after);
            let mut c = broken(Some(status), &current, reason(status));
            c.retry_after = Some(wait.unwrap_or(Duration::ZERO));
            return c;
        }
        // A server that refuses HEAD (405, 501, and the 400/403 some answer it with) gets the
        // same question as a GET of one byte.
        if !use_get && matches!(status, 400 | 403 | 405 | 501) {
            use_get = true;
            continue;
        }
        // 416: the ranged GET of an empty file; it is there, and it is not an image.
        if status == 416 {
            let verdict = match mode {
                Mode::Alive => Verdict::Ok,
                Mode::Image => Verdict::NotImage,
            };
            return Checked {
                verdict,
                status: Some(status),
                final_url: current,
                detail: "an empty body".to_string(),
                retry_after: None,
            };
        }
        if !(200..300).contains(&status) {
            return broken(Some(status), &current, reason(status));
        }
        if mode == Mode::Alive {
            return Checked {
                verdict: Verdict::Ok,
                status: Some(status),
                final_url: current,
                detail: reason(status),
                retry_after: None,
            };
        }
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .map(|s| s.to_ascii_lowercase());
        let mut head = Vec::with_capacity(SNIFF_BYTES as usize);
        let read = response
            .body_mut()
            .as_reader()
            .take(SNIFF_BYTES)
            .read_to_end(&mut head);
        // The rest of the body is never read: dropping the response closes the connection.
        drop(response);
        if let Err(e) = read {
            if head.is_empty() {
                return broken(Some(status), &current, format!("the body failed: {e}"));
            }
        }
        let not_image = |detail: String| Checked {
            verdict: Verdict::NotImage,
            status: Some(status),
            final_url: current.clone(),
            detail,
            retry_after: None,
        };
        let generic = content_type.as_deref().is_none_or(|t| {
            t.is_empty()
                || t.starts_with("application/octet-stream")
                || t.starts_with("binary/octet-stream")
        });
        if let Some(t) = &content_type {
            if !generic && !t.trim_start().starts_with("image/") {
                let shown = t.split(';').next().unwrap_or(t).trim().to_string();
                return not_image(format!("`Content-Type: {shown}`"));
            }
        }
        if !is_image(&head) {
            return not_image(if head.is_empty() {
                "an empty body".to_string()
            } else {
                "its first bytes are not an image's".to_string()
            });
        }
        return Checked {
            verdict: Verdict::Ok,
            status: Some(status),
            final_url: current,
            detail: reason(status),
            retry_after: None,
        };
    }
}

fn request(
    agent: &ureq::Agent,
    options: &Options,
    url: &str,
    get: bool,
    left: Duration,
) -> Result<ureq::http::Response<ureq::Body>, ureq::Error> {
    let host = url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase));
    let headers = host
        .as_deref()
        .map(|h| options.headers_for(h))
        .unwrap_or_default();
    if get {
        let mut r = agent
            .get(url)
            .header("Range", format!("bytes=0-{}", SNIFF_BYTES - 1));
        for (k, v) in &headers {
            r = r.header(k.as_str(), v.as_str());
        }
        r.config().timeout_global(Some(left)).build().call()
    } else {
        let mut r = agent.head(url);
        for (k, v) in &headers {
            r = r.header(k.as_str(), v.as_str());
        }
        r.config().timeout_global(Some(left)).build().call()
    }
}

fn broken(status: Option<u16>, url: &str, detail: String) -> Checked {
    Checked {
        verdict: Verdict::Broken,
        status,
        final_url: url.to_string(),
        detail,
        retry_after: None,
    }
}

fn timed_out(options: &Options) -> String {
    format!("timed out after {}", show_duration(options.timeout))
}

pub fn show_duration(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

/// `404 Not Found`.
pub fn reason(status: u16) -> String {
    match ureq::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
    {
        Some(r) => format!("{status} {r}"),
        None => format!("HTTP {status}"),
    }
}

/// An error in the user's words.
fn describe(e: &ureq::Error, options: &Options) -> String {
    use ureq::Error as E;
    match e {
        E::Timeout(ureq::Timeout::Connect) => format!(
            "could not connect within {}",
            show_duration(options.connect_timeout)
        ),
        E::Timeout(_) => timed_out(options),
        E::HostNotFound => "DNS: the host was not found".to_string(),
        E::Io(io) => match io.kind() {
            std::io::ErrorKind::ConnectionRefused => "connection refused".to_string(),
            std::io::ErrorKind::ConnectionReset
            | std::io::ErrorKind::ConnectionAborted
            | std::io::ErrorKind::UnexpectedEof
            | std::io::ErrorKind::BrokenPipe => "the server closed the connection".to_string(),
            std::io::ErrorKind::TimedOut => timed_out(options),
            _ => format!("connection failed: {io}"),
        },
        E::Tls(m) => format!("TLS: {m}"),
        E::Rustls(r) => format!("TLS: {r}"),
        E::Protocol(p) => format!("the server's answer is not HTTP: {p}"),
        other => other.to_string(),
    }
}

/// `Retry-After`: seconds, or an HTTP date.
fn retry_after(v: &str) -> Option<Duration> {
    let v = v.trim();
    if let Ok(s) = v.parse::<u64>() {
        return Some(Duration::from_secs(s));
    }
    let when = jiff::fmt::rfc2822::parse(v).ok()?.timestamp();
    let now = jiff::Timestamp::now();
    let secs = (when.as_second() - now.as_second()).max(0);
    Some(Duration::from_secs(secs as u64))
}

/// Whether these first bytes are an image's (raster signatures, ISO-BMFF brands, SVG).
pub fn is_image(b: &[u8]) -> bool {
    let starts = |p: &[u8]| b.starts_with(p);
    if starts(b"\x89PNG\r\n\x1a\n")
        || starts(&[0xFF, 0xD8, 0xFF])
        || starts(b"GIF87a")
        || starts(b"GIF89a")
        || starts(b"BM")
        || starts(&[0, 0, 1, 0])
        || starts(&[0, 0, 2, 0])
        || starts(b"II*\0")
        || starts(b"MM\0*")
        || starts(&[0xFF, 0x0A])
        || starts(b"\0\0\0\x0cJXL \r\n\x87\n")
    {
        return true;
    }
    if b.len() >= 12 && &b[..4] == b"RIFF" && &b[8..12] == b"WEBP" {
        return true;
    }
    if b.len() >= 12 && &b[4..8] == b"ftyp" {
        let brand = &b[8..12];
        return [
            b"avif", b"avis", b"heic", b"heix", b"heim", b"heis", b"mif1", b"msf1",
        ]
        .iter()
        .any(|x| brand == *x);
    }
    // SVG: text whose first element is `<svg`, after an XML declaration, comments, a doctype.
    let text = String::from_utf8_lossy(b);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with("<svg") {
        return true;
    }
    if text.starts_with("<?xml") || text.starts_with("<!--") || text.starts_with("<!DOCTYPE svg") {
        let lower = text.to_ascii_lowercase();
        return lower.contains("<svg") && !lower.contains("<html");
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures() {
        assert!(is_image(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
        assert!(is_image(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]));
        assert!(is_image(b"GIF89a\x01\0"));
        assert!(is_image(b"RIFF\x10\0\0\0WEBPVP8 "));
        assert!(is_image(b"\0\0\0\x1cftypavif\0\0\0\0"));
        assert!(is_image(
            b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
        ));
        assert!(is_image(b"  <svg viewBox=\"0 0 1 1\"></svg>"));
        assert!(!is_image(
            b"<!DOCTYPE html><html><body>not found</body></html>"
        ));
        assert!(!is_image(b"RIFF\x10\0\0\0WAVEfmt "));
        assert!(!is_image(b"\0\0\0\x1cftypmp42\0\0\0\0"));
        assert!(!is_image(b""));
        assert!(!is_image(b"%PDF-1.7"));
    }

    #[test]
    fn retry_after_forms() {
        assert_eq!(retry_after("3"), Some(Duration::from_secs(3)));
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon"), None);
    }

    #[test]
    fn reasons() {
        assert_eq!(reason(404), "404 Not Found");
        assert_eq!(reason(599), "HTTP 599");
    }
}
