//! RFC 3339 dates and date-times to unix milliseconds, and back.
//!
//! License dates are written by people (`2027-06-30`) or tools
//! (`2027-06-30T12:00:00Z`). A date alone means the whole UTC day: as a
//! start (`not_before`) it is that day's midnight, as an end (`expires_at`)
//! the license stays valid until the next midnight.

/// Milliseconds in a day.
pub const DAY_MS: u64 = 86_400_000;

/// A parsed instant, remembering whether only a date was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instant {
    /// Unix milliseconds of the start of the written date or the exact date-time.
    pub ms: u64,
    /// Only `YYYY-MM-DD` was written.
    pub date_only: bool,
}

impl Instant {
    /// The instant from which a limit written as this value no longer holds:
    /// for a date alone, the following midnight.
    pub fn end_ms(self) -> u64 {
        if self.date_only {
            self.ms + DAY_MS
        } else {
            self.ms
        }
    }
}

// Howard Hinnant's days_from_civil: days since 1970-01-01.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

fn num(b: &[u8], at: usize, len: usize) -> Option<u32> {
    let digits = b.get(at..at + len)?;
    digits.iter().try_fold(0u32, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

/// Parse `YYYY-MM-DD` or an RFC 3339 date-time (`T`, optional fraction,
/// `Z` or `±HH:MM`). Years 1970-9999 only; anything else is `None`.
pub fn parse(s: &str) -> Option<Instant> {
    let b = s.as_bytes();
    let year = num(b, 0, 4)?;
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let (month, day) = (num(b, 5, 2)?, num(b, 8, 2)?);
    let year = i64::from(year);
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    if b.len() == 10 {
        // Before 1970 both the start and the end of the day are clamped to
        // the epoch: an expiry then is long past, a not-before long reached.
        return Some(match u64::try_from(days) {
            Ok(d) => Instant {
                ms: d * DAY_MS,
                date_only: true,
            },
            Err(_) => Instant {
                ms: 0,
                date_only: false,
            },
        });
    }
    if !matches!(b.get(10), Some(b'T' | b't'))
        || b.get(13) != Some(&b':')
        || b.get(16) != Some(&b':')
    {
        return None;
    }
    let (h, mi, sec) = (num(b, 11, 2)?, num(b, 14, 2)?, num(b, 17, 2)?);
    if h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let mut i = 19;
    let mut millis = 0u32;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            if i - start < 3 {
                millis = millis * 10 + u32::from(b[i] - b'0');
            }
            i += 1;
        }
        let n = i - start;
        if n == 0 {
            return None;
        }
        for _ in n..3 {
            millis *= 10;
        }
    }
    let offset_s: i64 = match b.get(i) {
        Some(b'Z' | b'z') if b.len() == i + 1 => 0,
        Some(sign @ (b'+' | b'-')) if b.len() == i + 6 && b[i + 3] == b':' => {
            let (oh, om) = (num(b, i + 1, 2)?, num(b, i + 4, 2)?);
            if oh > 23 || om > 59 {
                return None;
            }
            let o = i64::from(oh * 3600 + om * 60);
            if *sign == b'-' {
                -o
            } else {
                o
            }
        }
        _ => return None,
    };
    let secs = days * 86_400 + i64::from(h * 3600 + mi * 60 + sec) - offset_s;
    let ms = secs.checked_mul(1000)? + i64::from(millis);
    Some(Instant {
        ms: u64::try_from(ms).unwrap_or(0),
        date_only: false,
    })
}

/// Format unix ms as `YYYY-MM-DDTHH:MM:SSZ` (seconds precision).
///
/// (Dates parse from year 0000 on; instants before 1970-01-01T00:00:00Z are
/// clamped to it, since every time in the core is unsigned unix ms.)
pub fn format_datetime(ms: u64) -> String {
    let secs = (ms / 1000) as i64;
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let rem = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Format unix ms as the UTC date `YYYY-MM-DD`.
pub fn format_date(ms: u64) -> String {
    format_datetime(ms)[..10].to_string()
}

/// A duration as operators read it: `48h 12m` (minutes rounded down).
pub fn format_duration(ms: u64) -> String {
    let minutes = ms / 60_000;
    format!("{}h {}m", minutes / 60, minutes % 60)
}

/// Whole days from `now` until `end`, rounded up; 0 once `end` has passed.
pub fn days_remaining(now: u64, end: u64) -> u32 {
    if now >= end {
        0
    } else {
        u32::try_from((end - now).div_ceil(DAY_MS)).unwrap_or(u32::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dates_as_whole_utc_days() {
        let i = parse("2027-06-30").unwrap();
        assert!(i.date_only);
        assert_eq!(format_datetime(i.ms), "2027-06-30T00:00:00Z");
        assert_eq!(format_datetime(i.end_ms()), "2027-07-01T00:00:00Z");
    }

    #[test]
    fn parses_date_times_with_offsets_and_fractions() {
        assert_eq!(parse("1970-01-01T00:00:00Z").unwrap().ms, 0);
        assert_eq!(parse("1970-01-01T01:00:00+01:00").unwrap().ms, 0);
        assert_eq!(parse("1970-01-01T00:00:01.5Z").unwrap().ms, 1500);
        assert_eq!(parse("1970-01-01T00:00:01.123456Z").unwrap().ms, 1123);
        assert_eq!(parse("2000-02-29T23:59:59Z").unwrap().ms, 951_868_799_000);
    }

    #[test]
    fn dates_before_1970_parse_and_clamp_to_the_epoch() {
        for early in [
            "1969-12-31",
            "0001-01-01",
            "1969-12-31T23:59:59Z",
            "1970-01-01T00:30:00+01:00",
        ] {
            let i = parse(early).unwrap_or_else(|| panic!("{early}"));
            assert_eq!((i.ms, i.end_ms()), (0, 0), "{early}");
        }
        assert_eq!(parse("1970-01-01").unwrap().end_ms(), DAY_MS);
    }

    #[test]
    fn rejects_impossible_or_sloppy_dates() {
        for bad in [
            "2027-02-29",
            "2027-13-01",
            "2027-6-30",
            "2027-06-30 ",
            "2027-06-30T24:00:00Z",
            "2027-06-30T12:00:00",
            "2027-06-30T12:00:00.Z",
            "next tuesday",
            "",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn days_remaining_rounds_up_and_stops_at_zero() {
        assert_eq!(days_remaining(0, DAY_MS), 1);
        assert_eq!(days_remaining(1, DAY_MS), 1);
        assert_eq!(days_remaining(0, DAY_MS + 1), 2);
        assert_eq!(days_remaining(DAY_MS, DAY_MS), 0);
        assert_eq!(days_remaining(DAY_MS + 1, DAY_MS), 0);
    }

    #[test]
    fn civil_round_trip() {
        for d in (-1000..40000).step_by(17) {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
    }
}
