//! The `[remote]` table of `frontlint.toml` and the options it gives: a leaf module (it imports
//! nothing of the crate), so that `config` can read it without depending on the checker in
//! `remote`.

use std::collections::BTreeMap;
use std::ops::Range;
use std::time::Duration;

use serde::Deserialize;

/// The `[remote]` table of `frontlint.toml`, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawRemote {
    enabled: Option<bool>,
    concurrency: Option<usize>,
    per_host: Option<usize>,
    connect_timeout: Option<toml::Spanned<RawDuration>>,
    timeout: Option<toml::Spanned<RawDuration>>,
    max_redirects: Option<u32>,
    retries: Option<u32>,
    max_retry_wait: Option<toml::Spanned<RawDuration>>,
    #[serde(default)]
    include: Vec<toml::Spanned<String>>,
    #[serde(default)]
    exclude: Vec<toml::Spanned<String>>,
    cache_ttl: Option<toml::Spanned<RawDuration>>,
    cache_ttl_broken: Option<toml::Spanned<RawDuration>>,
    user_agent: Option<String>,
    https_hints: Option<bool>,
    /// Host → the name of an environment variable holding `Name: value` lines.
    #[serde(default)]
    headers: BTreeMap<String, String>,
}

/// A duration: seconds (`20`, `0.5`) or a string with a unit (`"500ms"`, `"20s"`, `"5m"`,
/// `"12h"`, `"1d"`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawDuration {
    Int(u64),
    Float(f64),
    Text(String),
}

fn parse_duration(d: &RawDuration) -> Option<Duration> {
    match d {
        RawDuration::Int(s) => Some(Duration::from_secs(*s)),
        RawDuration::Float(f) if f.is_finite() && *f >= 0.0 && *f < 1e9 => {
            Some(Duration::from_secs_f64(*f))
        }
        RawDuration::Float(_) => None,
        RawDuration::Text(t) => {
            let t = t.trim();
            let split = t.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
            let (n, unit) = t.split_at(split);
            let n: f64 = n.parse().ok()?;
            let scale = match unit.trim() {
                "ms" => 0.001,
                "s" => 1.0,
                "m" | "min" => 60.0,
                "h" => 3600.0,
                "d" => 86400.0,
                _ => return None,
            };
            let secs = n * scale;
            (secs.is_finite() && secs < 1e9).then(|| Duration::from_secs_f64(secs))
        }
    }
}

/// The remote options of a run.
#[derive(Debug, Clone)]
pub struct Options {
    pub enabled: bool,
    /// At most this many requests at once (`concurrency`).
    pub global: usize,
    /// At most this many requests at once to one host (`per-host`).
    pub per_host: usize,
    pub connect_timeout: Duration,
    /// For one URL, redirects and the bytes read included.
    pub timeout: Duration,
    pub max_redirects: u32,
    /// How many times a URL answered with 429/503 is asked again.
    pub retries: u32,
    /// A `Retry-After` longer than this is not waited for: the URL is reported.
    pub max_retry_wait: Duration,
    pub include: Option<globset::GlobSet>,
    pub exclude: Option<globset::GlobSet>,
    pub cache_ttl: Duration,
    pub cache_ttl_broken: Duration,
    pub user_agent: String,
    /// Check `https://` for `http://` URLs and say when it works.
    pub https_hints: bool,
    /// Host → environment variable with the headers sent to it.
    pub headers: BTreeMap<String, String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            enabled: false,
            global: 64,
            per_host: 4,
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(20),
            max_redirects: 10,
            retries: 3,
            max_retry_wait: Duration::from_secs(60),
            include: None,
            exclude: None,
            cache_ttl: Duration::from_secs(86400),
            cache_ttl_broken: Duration::from_secs(3600),
            user_agent: format!(
                "frontlint/{} (link checker; +{})",
                env!("CARGO_PKG_VERSION"),
                env!("CARGO_PKG_REPOSITORY")
            ),
            https_hints: true,
            headers: BTreeMap::new(),
        }
    }
}

impl Options {
    /// The `[remote]` table, checked; errors point at the value.
    pub fn from_raw(raw: &RawRemote) -> Result<Options, (Option<Range<usize>>, String)> {
        let mut o = Options::default();
        let duration = |d: &Option<toml::Spanned<RawDuration>>, default: Duration| {
            match d {
            None => Ok(default),
            Some(s) => parse_duration(s.get_ref()).ok_or_else(|| {
                (
                    Some(s.span()),
                    "not a duration: write seconds (`20`) or a number with a unit (`\"500ms\"`, `\"20s\"`, `\"5m\"`, `\"12h\"`, `\"1d\"`)".to_string(),
                )
            }),
        }
        };
        o.enabled = raw.enabled.unwrap_or(false);
        if let Some(n) = raw.concurrency {
            o.global = n;
        }
        if let Some(n) = raw.per_host {
            o.per_host = n;
        }
        if o.global == 0 || o.per_host == 0 || o.global > 1024 || o.per_host > 1024 {
            return Err((
                None,
                "`[remote] concurrency` and `per-host` are from 1 to 1024".into(),
            ));
        }
        o.connect_timeout = duration(&raw.connect_timeout, o.connect_timeout)?;
        o.timeout = duration(&raw.timeout, o.timeout)?;
        o.max_retry_wait = duration(&raw.max_retry_wait, o.max_retry_wait)?;
        o.cache_ttl = duration(&raw.cache_ttl, o.cache_ttl)?;
        o.cache_ttl_broken = duration(&raw.cache_ttl_broken, o.cache_ttl_broken.min(o.cache_ttl))?;
        if o.timeout.is_zero() || o.connect_timeout.is_zero() {
            return Err((
                None,
                "`[remote] timeout` and `connect-timeout` must be more than 0".into(),
            ));
        }
        if let Some(n) = raw.max_redirects {
            o.max_redirects = n.min(100);
        }
        if let Some(n) = raw.retries {
            o.retries = n.min(10);
        }
        if let Some(ua) = &raw.user_agent {
            if ua.trim().is_empty() || ua.chars().any(char::is_control) {
                return Err((
                    None,
                    "`[remote] user-agent` must be one line of text".into(),
                ));
            }
            o.user_agent = ua.clone();
        }
        o.https_hints = raw.https_hints.unwrap_or(true);
        o.include = globs(&raw.include)?;
        o.exclude = globs(&raw.exclude)?;
        o.headers = raw
            .headers
            .iter()
            .map(|(h, v)| (h.to_ascii_lowercase(), v.clone()))
            .collect();
        Ok(o)
    }

    /// The headers configured for a host, read from the environment now (never stored).
    pub fn headers_for(&self, host: &str) -> Vec<(String, String)> {
        let Some(var) = self.headers.get(host) else {
            return Vec::new();
        };
        let Ok(value) = std::env::var(var) else {
            return Vec::new();
        };
        value
            .lines()
            .filter_map(|l| {
                let (k, v) = l.split_once(':')?;
                let k = k.trim();
                (!k.is_empty()).then(|| (k.to_string(), v.trim().to_string()))
            })
            .collect()
    }

    /// Whether the URL is checked (`include`, when given, must match; `exclude` must not).
    pub fn wanted(&self, url: &str) -> bool {
        self.include.as_ref().is_none_or(|g| g.is_match(url))
            && !self.exclude.as_ref().is_some_and(|g| g.is_match(url))
    }
}

fn globs(
    patterns: &[toml::Spanned<String>],
) -> Result<Option<globset::GlobSet>, (Option<Range<usize>>, String)> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut set = globset::GlobSetBuilder::new();
    for p in patterns {
        let g = globset::GlobBuilder::new(p.get_ref())
            .literal_separator(false)
            .build()
            .map_err(|e| (Some(p.span()), format!("invalid glob: {}", e.kind())))?;
        set.add(g);
    }
    set.build().map(Some).map_err(|e| (None, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        let d = |s: &str| parse_duration(&RawDuration::Text(s.into()));
        assert_eq!(d("500ms"), Some(Duration::from_millis(500)));
        assert_eq!(d("20s"), Some(Duration::from_secs(20)));
        assert_eq!(d("1d"), Some(Duration::from_secs(86400)));
        assert_eq!(d("1.5h"), Some(Duration::from_secs(5400)));
        assert_eq!(d("5 parsecs"), None);
        assert_eq!(d("12"), None);
        assert_eq!(
            parse_duration(&RawDuration::Int(3)),
            Some(Duration::from_secs(3))
        );
        assert_eq!(parse_duration(&RawDuration::Float(-1.0)), None);
    }
}
