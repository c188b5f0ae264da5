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

// ---------------------------------------------------------------------------
// The calendar (proleptic Gregorian, UTC)
// ---------------------------------------------------------------------------

/// The latest instant a cookie can expire at: 9999-12-31T23:59:59.999Z.
/// Later expiry times (from a huge `Max-Age`) are clamped to it.
pub const MAX_DATE: Millis = 253_402_300_799_999;

/// The earliest instant [`format_http_date`] prints: 0001-01-01T00:00:00Z.
pub(crate) const MIN_FORMAT_DATE: Millis = -62_135_596_800_000;

/// Days since 1970-01-01 of the proleptic Gregorian date `y-m-d`
/// (Howard Hinnant's `days_from_civil`). `m` is 1..=12, `d` is 1..=31; callers
/// keep `|y|` small (≤ 10 000), so the arithmetic cannot overflow.
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date `(year, month 1..=12, day 1..=31)` of the day
/// `z` days after 1970-01-01 (Howard Hinnant's `civil_from_days`). Callers
/// pass days of years 1..=9999 only, so the arithmetic cannot overflow.
pub(crate) fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Gregorian leap year.
pub(crate) fn is_leap_year(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in month `m` (1..=12) of year `y`; 0 for an invalid month.
pub(crate) fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// English weekday abbreviation of a day counted from 1970-01-01.
fn weekday_name(days_since_epoch: i64) -> &'static str {
    // 1970-01-01 was a Thursday.
    match (days_since_epoch + 4).rem_euclid(7) {
        0 => "Sun",
        1 => "Mon",
        2 => "Tue",
        3 => "Wed",
        4 => "Thu",
        5 => "Fri",
        _ => "Sat",
    }
}

/// English month abbreviation of month `m` (1..=12).
fn month_name(m: i64) -> &'static str {
    match m {
        1 => "Jan",
        2 => "Feb",
        3 => "Mar",
        4 => "Apr",
        5 => "May",
        6 => "Jun",
        7 => "Jul",
        8 => "Aug",
        9 => "Sep",
        10 => "Oct",
        11 => "Nov",
        _ => "Dec",
    }
}

/// Formats `ms` as an RFC 1123 date, e.g. `Fri, 07 Aug 9999 08:04:19 GMT`.
///
/// Milliseconds are dropped. Instants outside years 0001..=9999 are clamped
/// into that range, so the year always has four digits.
pub fn format_http_date(ms: Millis) -> String {
    let ms = ms.clamp(MIN_FORMAT_DATE, MAX_DATE);
    let days = ms.div_euclid(DAY);
    let secs = ms.rem_euclid(DAY) / SECOND;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT",
        weekday_name(days),
        d,
        month_name(m),
        y,
        secs / 3_600,
        secs / 60 % 60,
        secs % 60
    )
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
    let (y, m, d) = civil_from_days(days);
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
