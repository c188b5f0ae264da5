//! Virtual time. The world never reads a real clock: every function that needs "now"
//! takes it as an argument, and the reader moves time with +1 min / +15 min / +1 h.

/// Milliseconds since the Unix epoch (UTC), on the world's virtual clock.
pub type Millis = i64;

/// One second.
pub const SECOND: Millis = 1_000;
/// One minute.
pub const MINUTE: Millis = 60 * SECOND;
/// One hour.
pub const HOUR: Millis = 60 * MINUTE;
/// One day.
pub const DAY: Millis = 24 * HOUR;

/// Where every world's clock starts: 2026-03-02 00:00:00 UTC (09:00 in Seoul).
pub const EPOCH: Millis = 1_772_409_600_000;

/// The world's clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    now: Millis,
}

impl Default for Clock {
    fn default() -> Self {
        Clock { now: EPOCH }
    }
}

impl Clock {
    /// A clock showing `now`.
    pub fn at(now: Millis) -> Self {
        Clock { now }
    }
    /// The current virtual time.
    pub fn now(&self) -> Millis {
        self.now
    }
    /// Moves time forward (negative steps are ignored: time never runs back).
    pub fn advance(&mut self, by: Millis) {
        self.now = self.now.saturating_add(by.max(0));
    }
    /// The current virtual time in whole seconds (JWT `iat`/`exp` use seconds).
    pub fn now_secs(&self) -> i64 {
        self.now.div_euclid(SECOND)
    }
}

/// `HH:MM:SS` of a time in UTC+`offset_min` minutes (Seoul is +540).
pub fn time_of_day(t: Millis, offset_min: i64) -> String {
    let secs = (t.div_euclid(SECOND) + offset_min * 60).rem_euclid(86_400);
    format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
}

/// A countdown such as `12:31`, `1:02:03` or `6d 23h`; negative spans read `-0:42`.
pub fn countdown(span: Millis) -> String {
    let sign = if span < 0 { "-" } else { "" };
    let s = span.unsigned_abs() / 1000;
    if s >= 86_400 {
        format!("{sign}{}d {}h", s / 86_400, s / 3600 % 24)
    } else if s >= 3600 {
        format!("{sign}{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{sign}{}:{:02}", s / 60, s % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advancing_moves_forward_only() {
        let mut c = Clock::default();
        c.advance(15 * MINUTE);
        assert_eq!(c.now(), EPOCH + 900_000);
        c.advance(-HOUR);
        assert_eq!(c.now(), EPOCH + 900_000);
        assert_eq!(c.now_secs(), (EPOCH + 900_000) / 1000);
    }

    #[test]
    fn epoch_is_nine_in_seoul() {
        assert_eq!(time_of_day(EPOCH, 540), "09:00:00");
        assert_eq!(time_of_day(EPOCH, 0), "00:00:00");
    }

    #[test]
    fn countdowns_read_like_a_timer() {
        assert_eq!(countdown(751 * SECOND), "12:31");
        assert_eq!(countdown(HOUR + 2 * MINUTE + 3 * SECOND), "1:02:03");
        assert_eq!(countdown(7 * DAY - HOUR), "6d 23h");
        assert_eq!(countdown(-42 * SECOND), "-0:42");
    }
}

/// ISO 8601 in UTC with milliseconds: `2026-03-02T00:00:00.000Z` (HAR timestamps).
pub fn iso8601(t: Millis) -> String {
    let days = t.div_euclid(DAY);
    let ms = t.rem_euclid(DAY);
    let (y, m, d) = super::cookie_jar::civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z", ms / HOUR, ms / MINUTE % 60, ms / SECOND % 60, ms % SECOND)
}

#[cfg(test)]
mod iso_tests {
    #[test]
    fn iso8601_of_the_epoch_and_of_the_world_start() {
        assert_eq!(super::iso8601(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(super::iso8601(super::EPOCH + 42), "2026-03-02T00:00:00.042Z");
    }
}
