//! Retry policy, modelled on the official SDK: which responses retry, and how long to wait.
//!
//! Only idempotent requests (GET, DELETE) ever retry; the caller decides that. This module
//! holds the pure parts (status rules, `Retry-After` parsing, backoff maths) and the
//! [`Sleeper`] seam through which the client waits, so tests never sleep in real time.

use std::fmt;
use std::time::Duration;

use chrono::{DateTime, Utc};
use futures::future::BoxFuture;
use reqwest::header::HeaderMap;

const INITIAL_DELAY: Duration = Duration::from_millis(500);
const MAX_DELAY: Duration = Duration::from_secs(8);
/// The longest server-requested wait the client honours; longer hints are not retried.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(120);

/// Waits between retries. Replace it in tests to record delays instead of sleeping.
pub trait Sleeper: Send + Sync + fmt::Debug {
    /// Returns a future that completes after `duration`.
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()>;
}

/// The default [`Sleeper`]: `tokio::time::sleep`.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioSleeper;

impl Sleeper for TokioSleeper {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// Whether a response status is worth retrying (408, 409, 429, 5xx), unless the server's
/// `x-should-retry` header says otherwise.
pub(crate) fn status_is_retryable(status: u16, headers: &HeaderMap) -> bool {
    match headers.get("x-should-retry").and_then(|v| v.to_str().ok()) {
        Some("true") => return true,
        Some("false") => return false,
        _ => {}
    }
    matches!(status, 408 | 409 | 429) || status >= 500
}

/// The server's wait hint: `retry-after-ms` first, then `Retry-After` (seconds or HTTP date).
pub(crate) fn retry_after_hint(headers: &HeaderMap, now: DateTime<Utc>) -> Option<Duration> {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    if let Some(ms) = header("retry-after-ms").and_then(|v| v.parse::<f64>().ok()) {
        return seconds(ms / 1000.0);
    }
    let value = header("retry-after")?;
    if let Ok(secs) = value.parse::<f64>() {
        return seconds(secs);
    }
    let date = DateTime::parse_from_rfc2822(value)
        .ok()?
        .with_timezone(&Utc);
    Some((date - now).to_std().unwrap_or(Duration::ZERO))
}

fn seconds(value: f64) -> Option<Duration> {
    (value.is_finite() && value >= 0.0).then(|| Duration::from_secs_f64(value.min(1.0e9)))
}

/// Exponential backoff: 0.5 s doubling per retry already made, capped at 8 s, times a jitter
/// factor in `[0.75, 1]` derived from `jitter_unit` (a number in `[0, 1)`).
pub(crate) fn backoff(retries_done: u32, jitter_unit: f64) -> Duration {
    let factor = 2f64.powi(retries_done.min(30) as i32);
    let base = (INITIAL_DELAY.as_secs_f64() * factor).min(MAX_DELAY.as_secs_f64());
    let jitter = 1.0 - 0.25 * jitter_unit.clamp(0.0, 1.0);
    Duration::from_secs_f64(base * jitter)
}

/// How long to wait before the next retry, or `None` when the server asked for more than
/// [`MAX_RETRY_AFTER`] (then the error is returned instead).
pub(crate) fn next_delay(
    hint: Option<Duration>,
    retries_done: u32,
    jitter_unit: f64,
) -> Option<Duration> {
    match hint {
        Some(hint) if hint > MAX_RETRY_AFTER => None,
        Some(hint) if !hint.is_zero() => Some(hint),
        _ => Some(backoff(retries_done, jitter_unit)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn backoff_doubles_from_half_a_second_and_caps_at_eight() {
        let secs: Vec<f64> = (0..6).map(|n| backoff(n, 0.0).as_secs_f64()).collect();
        assert_eq!(secs, vec![0.5, 1.0, 2.0, 4.0, 8.0, 8.0]);
        assert_eq!(backoff(u32::MAX, 0.0), MAX_DELAY);
    }

    #[test]
    fn jitter_shortens_the_delay_by_at_most_a_quarter() {
        assert_eq!(backoff(1, 1.0), Duration::from_millis(750));
        assert_eq!(backoff(1, 0.5), Duration::from_millis(875));
        assert_eq!(backoff(1, 7.0), Duration::from_millis(750));
    }

    #[test]
    fn retry_after_accepts_seconds_and_milliseconds() {
        let now = Utc::now();
        assert_eq!(
            retry_after_hint(&headers(&[("retry-after", "3")]), now),
            Some(secs(3))
        );
        let both = headers(&[("retry-after", "3"), ("retry-after-ms", "250")]);
        assert_eq!(
            retry_after_hint(&both, now),
            Some(Duration::from_millis(250))
        );
        assert_eq!(
            retry_after_hint(&headers(&[("retry-after", "soon")]), now),
            None
        );
        assert_eq!(
            retry_after_hint(&headers(&[("retry-after", "-1")]), now),
            None
        );
        assert_eq!(retry_after_hint(&HeaderMap::new(), now), None);
    }

    #[test]
    fn retry_after_accepts_an_http_date() {
        let now = DateTime::parse_from_rfc2822("Wed, 21 Oct 2015 07:28:00 GMT").unwrap();
        let map = headers(&[("retry-after", "Wed, 21 Oct 2015 07:28:30 GMT")]);
        assert_eq!(
            retry_after_hint(&map, now.with_timezone(&Utc)),
            Some(secs(30))
        );
        let past = headers(&[("retry-after", "Wed, 21 Oct 2015 07:00:00 GMT")]);
        assert_eq!(
            retry_after_hint(&past, now.with_timezone(&Utc)),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn a_hint_over_two_minutes_is_not_retried() {
        assert_eq!(next_delay(Some(secs(121)), 0, 0.0), None);
        assert_eq!(next_delay(Some(secs(120)), 0, 0.0), Some(secs(120)));
        assert_eq!(next_delay(Some(Duration::ZERO), 2, 0.0), Some(secs(2)));
        assert_eq!(next_delay(None, 0, 0.0), Some(Duration::from_millis(500)));
    }

    #[test]
    fn retryable_statuses_follow_the_sdk() {
        let none = HeaderMap::new();
        for status in [408, 409, 429, 500, 502, 503, 504] {
            assert!(status_is_retryable(status, &none), "{status}");
        }
        for status in [400, 401, 403, 404, 422] {
            assert!(!status_is_retryable(status, &none), "{status}");
        }
        assert!(!status_is_retryable(
            500,
            &headers(&[("x-should-retry", "false")])
        ));
        assert!(status_is_retryable(
            400,
            &headers(&[("x-should-retry", "true")])
        ));
    }

    fn secs(n: u64) -> Duration {
        Duration::from_secs(n)
    }
}
