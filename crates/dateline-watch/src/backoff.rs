//! When a feed may be asked again: exponential back-off after failures in a row, and the time
//! a server gives in `Retry-After` (seconds or an HTTP date). Times are Unix seconds.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Unix seconds of `time` (0 before 1970).
pub(crate) fn unix(time: SystemTime) -> i64 {
    time.duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Unix seconds now.
pub(crate) fn now() -> i64 {
    unix(SystemTime::now())
}

/// Whole seconds of `d`, as the state tables keep them.
pub(crate) fn secs(d: Duration) -> i64 {
    i64::try_from(d.as_secs()).unwrap_or(i64::MAX)
}

/// The wait after the `failures`-th failure in a row: `base * 2^(failures - 1)`, at most `cap`.
pub(crate) fn backoff(base: Duration, cap: Duration, failures: u32) -> Duration {
    let doublings = failures.saturating_sub(1).min(31);
    base.checked_mul(1u32 << doublings).unwrap_or(cap).min(cap)
}

/// The time a `Retry-After` value asks to wait until, read at `now`, at most `max` away.
pub(crate) fn retry_after(value: &str, now: SystemTime, max: Duration) -> Option<SystemTime> {
    let value = value.trim();
    let at = match value.parse::<u64>() {
        Ok(secs) => now.checked_add(Duration::from_secs(secs))?,
        Err(_) => httpdate::parse_http_date(value).ok()?,
    };
    let latest = now.checked_add(max)?;
    Some(at.clamp(now, latest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_up_to_the_cap() {
        let base = Duration::from_secs(60);
        let cap = Duration::from_secs(3600);
        assert_eq!(backoff(base, cap, 1), base);
        assert_eq!(backoff(base, cap, 2), Duration::from_secs(120));
        assert_eq!(backoff(base, cap, 4), Duration::from_secs(480));
        assert_eq!(backoff(base, cap, 7), cap);
        assert_eq!(backoff(base, cap, u32::MAX), cap);
        assert_eq!(backoff(Duration::ZERO, cap, 9), Duration::ZERO);
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        let now = UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let max = Duration::from_secs(86_400);
        assert_eq!(
            retry_after(" 120 ", now, max),
            Some(now + Duration::from_secs(120))
        );
        let date = httpdate::fmt_http_date(now + Duration::from_secs(300));
        assert_eq!(
            retry_after(&date, now, max),
            Some(now + Duration::from_secs(300))
        );
        assert_eq!(retry_after("999999999", now, max), Some(now + max));
        assert_eq!(
            retry_after("Thu, 01 Jan 1970 00:00:00 GMT", now, max),
            Some(now)
        );
        assert_eq!(retry_after("soon", now, max), None);
        assert_eq!(unix(now), 1_800_000_000);
    }
}
