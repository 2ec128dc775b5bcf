//! Running the checks: at most `global` requests at once, at most `per_host` to one host, and a
//! host that answered 429/503 left alone until its `Retry-After` (or an exponential backoff)
//! has passed, then asked again, up to `retries` times.

use std::collections::{HashMap, VecDeque};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use super::Options;
use super::check::{self, Checked, Mode};

/// One URL to check.
#[derive(Debug, Clone)]
pub struct Job {
    pub url: String,
    pub mode: Mode,
}

struct Host {
    queue: VecDeque<(usize, u32)>,
    active: usize,
    /// No request to this host before this instant (after a 429 or 503).
    not_before: Option<Instant>,
}

struct State {
    hosts: Vec<Host>,
    /// Jobs not yet finished.
    left: usize,
    /// Round-robin start, so that one host does not take every free slot.
    next: usize,
    results: Vec<Option<Checked>>,
}

/// The host a URL is limited under (lower-case, without port).
pub fn host_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
        .unwrap_or_default()
}

/// Check every job; `progress(done, total, host)` is called after each.
pub fn run(
    options: &Options,
    jobs: &[Job],
    progress: &(dyn Fn(usize, usize, &str) + Sync),
) -> Vec<Checked> {
    if jobs.is_empty() {
        return Vec::new();
    }
    let agent = check::agent(options);
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut hosts: Vec<Host> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for (i, job) in jobs.iter().enumerate() {
        let name = host_of(&job.url);
        let h = *index.entry(name.clone()).or_insert_with(|| {
            hosts.push(Host {
                queue: VecDeque::new(),
                active: 0,
                not_before: None,
            });
            names.push(name);
            hosts.len() - 1
        });
        hosts[h].queue.push_back((i, 0));
    }
    let state = Mutex::new(State {
        hosts,
        left: jobs.len(),
        next: 0,
        results: vec![None; jobs.len()],
    });
    let wake = Condvar::new();
    let per_host = options.per_host.max(1);
    let hosts_n = state.lock().map(|s| s.hosts.len()).unwrap_or(1);
    let workers = options
        .global
        .max(1)
        .min(jobs.len())
        .min(hosts_n.saturating_mul(per_host));
    let done = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    // Take a job of a host with a free slot, or wait.
                    let (h, job, attempt) = {
                        let mut st = state.lock().unwrap_or_else(|e| e.into_inner());
                        loop {
                            if st.left == 0 {
                                return;
                            }
                            let now = Instant::now();
                            let n = st.hosts.len();
                            let mut soonest: Option<Instant> = None;
                            let mut picked = None;
                            for k in 0..n {
                                let h = (st.next + k) % n;
                                let host = &st.hosts[h];
                                if host.queue.is_empty() || host.active >= per_host {
                                    continue;
                                }
                                match host.not_before {
                                    Some(t) if t > now => {
                                        soonest = Some(soonest.map_or(t, |s| s.min(t)));
                                    }
                                    _ => {
                                        picked = Some(h);
                                        break;
                                    }
                                }
                            }
                            if let Some(h) = picked {
                                st.next = (h + 1) % n;
                                let host = &mut st.hosts[h];
                                host.active += 1;
                                let (job, attempt) =
                                    host.queue.pop_front().expect("a host with work");
                                break (h, job, attempt);
                            }
                            st = match soonest {
                                Some(t) => {
                                    let wait = t.saturating_duration_since(now);
                                    wake.wait_timeout(st, wait)
                                        .unwrap_or_else(|e| e.into_inner())
                                        .0
                                }
                                None => wake.wait(st).unwrap_or_else(|e| e.into_inner()),
                            };
                        }
                    };
                    let result = check::check(&agent, options, &jobs[job].url, jobs[job].mode);
                    let mut st = state.lock().unwrap_or_else(|e| e.into_inner());
                    st.hosts[h].active -= 1;
                    match result.retry_after {
                        Some(wait)
                            if attempt < options.retries && wait <= options.max_retry_wait =>
                        {
                            // Backoff: what the server asked for, at least 1 s, 2 s, 4 s, …
                            let backoff = Duration::from_secs(1 << attempt.min(6));
                            let until = Instant::now() + wait.max(backoff);
                            let host = &mut st.hosts[h];
                            host.not_before = Some(host.not_before.map_or(until, |t| t.max(until)));
                            host.queue.push_front((job, attempt + 1));
                        }
                        _ => {
                            let mut result = result;
                            if let Some(wait) = result.retry_after.take() {
                                result.detail = if attempt >= options.retries {
                                    format!("{} (still after {} retries)", result.detail, attempt)
                                } else {
                                    format!(
                                        "{} (asked to wait {}, more than {})",
                                        result.detail,
                                        check::show_duration(wait),
                                        check::show_duration(options.max_retry_wait)
                                    )
                                };
                            }
                            st.results[job] = Some(result);
                            st.left -= 1;
                            let d = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                            progress(d, jobs.len(), &names[h]);
                        }
                    }
                    let finished = st.left == 0;
                    drop(st);
                    // This worker takes the slot it freed itself; one more is woken in case
                    // the slot is for a host it cannot take (a retry waiting), all at the end.
                    if finished {
                        wake.notify_all();
                    } else {
                        wake.notify_one();
                    }
                }
            });
        }
    });
    let st = state.into_inner().unwrap_or_else(|e| e.into_inner());
    st.results
        .into_iter()
        .map(|r| r.expect("every job has a result"))
        .collect()
}
