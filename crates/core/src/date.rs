//! A calendar date without time zone, the only date type the contract needs.

use std::fmt;

/// A proleptic Gregorian calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2014.
    pub year: i32,
    /// Month, 1..=12.
    pub month: u8,
    /// Day of month, 1..=31 (valid for the month).
    pub day: u8,
}

/// Why a string is not a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a date: {}", self.0)
    }
}

impl std::error::Error for DateError {}

impl Date {
    /// A date, if it exists in the calendar.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Result<Date, DateError> {
        let err = || DateError(s.to_string());
        let s = s.trim();
        let mut parts = s.splitn(3, '-');
        let y = parts.next().ok_or_else(err)?;
        let m = parts.next().ok_or_else(err)?;
        let d = parts.next().ok_or_else(err)?;
        if y.len() != 4 || m.len() != 2 || d.len() < 2 {
            return Err(err());
        }
        // Accept a trailing time part such as `2014-11-26T10:00:00Z`.
        // `get`, not slicing: a multibyte character there must not panic.
        let d = d.get(..2).ok_or_else(err)?;
        let year = y.parse().map_err(|_| err())?;
        let month = m.parse().map_err(|_| err())?;
        let day = d.parse().map_err(|_| err())?;
        Date::new(year, month, day).ok_or_else(err)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// This date moved by `n` days.
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// ISO weekday, Monday = 1 .. Sunday = 7.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (4).
        ((self.to_days() + 3).rem_euclid(7) + 1) as u8
    }
}

/// English weekday names, Monday first (ISO order), in lower case.
pub const WEEKDAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// English month names, January first, in lower case.
pub const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month (1–12) an English month name or abbreviation stands for: the full name or any
/// start of it of three letters or more (`Nov`, `Sept`, `Novem`), in any case, with a trailing
/// `.` or `,` ignored. `None` for anything else.
pub fn month_from_name(word: &str) -> Option<u8> {
    let w = word.trim_end_matches(['.', ',']).to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTH_NAMES
        .iter()
        .position(|m| m.starts_with(&w))
        .map(|i| i as u8 + 1)
}

/// Whether `year` is a leap year.
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in a month of a year.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_and_weekday() {
        let d = Date::new(2014, 11, 26).unwrap();
        assert_eq!(Date::from_days(d.to_days()), d);
        assert_eq!(d.weekday(), 3); // a Wednesday
        assert_eq!(
            Date::new(2016, 2, 28).unwrap().add_days(1),
            Date::new(2016, 2, 29).unwrap()
        );
        assert_eq!(
            Date::new(2015, 2, 28).unwrap().add_days(1),
            Date::new(2015, 3, 1).unwrap()
        );
        assert_eq!(Date::new(1970, 1, 1).unwrap().to_days(), 0);
        assert_eq!(Date::new(1969, 12, 31).unwrap().to_days(), -1);
    }

    #[test]
    fn parse_iso_rejects_impossible_dates() {
        assert!(Date::parse_iso("2014-02-30").is_err());
        assert!(Date::parse_iso("2014-13-01").is_err());
        assert!(Date::parse_iso("yesterday").is_err());
        assert!(Date::parse_iso("2014-11-\u{fffd}x").is_err());
        assert_eq!(
            Date::parse_iso("2014-11-26T08:00:00Z").unwrap().to_string(),
            "2014-11-26"
        );
    }

    #[test]
    fn month_names_and_their_abbreviations() {
        assert_eq!(month_from_name("November"), Some(11));
        assert_eq!(month_from_name("nov."), Some(11));
        assert_eq!(month_from_name("Sept"), Some(9));
        assert_eq!(month_from_name("DEC,"), Some(12));
        assert_eq!(month_from_name("Ma"), None);
        assert_eq!(month_from_name("Mayday"), None);
        assert_eq!(month_from_name("Novembre"), None);
        assert_eq!(month_from_name("é"), None);
    }

    #[test]
    fn parse_iso_rejects_multibyte_input_without_panicking() {
        assert!(Date::parse_iso("2014-11-1é").is_err());
        assert!(Date::parse_iso("2014-11-é1").is_err());
        assert!(Date::parse_iso("2014-1é-01").is_err());
        assert!(Date::parse_iso("２０１４-11-26").is_err());
    }
}
