//! Calendar arithmetic on TIMEX3 granularities: days, ISO weeks, months, quarters, halves,
//! seasons, years, decades and centuries, and their TIMEX3 value strings.

use newsgraph_core::Date;

/// A unit of calendar time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Weekend,
    Week,
    Month,
    Quarter,
    Half,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The TIMEX3 duration letter(s) and whether they sit after `T`.
    pub(crate) fn duration_code(self) -> (&'static str, bool) {
        match self {
            Unit::Second => ("S", true),
            Unit::Minute => ("M", true),
            Unit::Hour => ("H", true),
            Unit::Day => ("D", false),
            Unit::Weekend => ("WE", false),
            Unit::Week => ("W", false),
            Unit::Month => ("M", false),
            Unit::Quarter => ("Q", false),
            Unit::Half => ("H", false),
            Unit::Year => ("Y", false),
            Unit::Decade => ("DE", false),
            Unit::Century => ("CE", false),
        }
    }
}

/// A duration value: `P6W`, `PT24H`, `PXY`; decades and centuries as years.
pub(crate) fn duration(n: Option<u32>, unit: Unit) -> String {
    let (n, unit) = match (n, unit) {
        (Some(n), Unit::Decade) => (Some(n * 10), Unit::Year),
        (Some(n), Unit::Century) => (Some(n * 100), Unit::Year),
        (None, Unit::Decade) | (None, Unit::Century) => (None, Unit::Year),
        (n, u) => (n, u),
    };
    let (code, t) = unit.duration_code();
    let q = n.map_or_else(|| "X".to_string(), |n| n.to_string());
    if t {
        format!("PT{q}{code}")
    } else {
        format!("P{q}{code}")
    }
}

/// A resolved stretch of calendar time at some granularity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Point {
    Day(Date),
    Week(i32, u8),
    Weekend(i32, u8),
    Month(i32, u8),
    Quarter(i32, u8),
    Half(i32, u8),
    /// Season 0 spring, 1 summer, 2 fall, 3 winter.
    Season(i32, u8),
    Year(i32),
    /// The decade's first three digits (`199` for the 1990s).
    Decade(i32),
    /// The century's first two digits (`19` for the 1900s).
    Century(i32),
}

const SEASONS: [&str; 4] = ["SP", "SU", "FA", "WI"];

impl Point {
    /// The TIMEX3 value.
    pub(crate) fn value(self) -> String {
        match self {
            Point::Day(d) => d.to_string(),
            Point::Week(y, w) => format!("{}-W{w:02}", year4(y)),
            Point::Weekend(y, w) => format!("{}-W{w:02}-WE", year4(y)),
            Point::Month(y, m) => format!("{}-{m:02}", year4(y)),
            Point::Quarter(y, q) => format!("{}-Q{q}", year4(y)),
            Point::Half(y, h) => format!("{}-H{h}", year4(y)),
            Point::Season(y, s) => format!("{}-{}", year4(y), SEASONS[usize::from(s.min(3))]),
            Point::Year(y) => year4(y),
            Point::Decade(d) => format!("{d:03}"),
            Point::Century(c) => format!("{c:02}"),
        }
    }

    /// The year the point lies in (its start).
    pub(crate) fn year(self) -> i32 {
        match self {
            Point::Day(d) => d.year,
            Point::Week(y, _)
            | Point::Weekend(y, _)
            | Point::Month(y, _)
            | Point::Quarter(y, _)
            | Point::Half(y, _)
            | Point::Season(y, _)
            | Point::Year(y) => y,
            Point::Decade(d) => d * 10,
            Point::Century(c) => c * 100,
        }
    }

    /// The granularity of the point.
    pub(crate) fn unit(self) -> Unit {
        match self {
            Point::Day(_) => Unit::Day,
            Point::Week(..) => Unit::Week,
            Point::Weekend(..) => Unit::Weekend,
            Point::Month(..) => Unit::Month,
            Point::Quarter(..) => Unit::Quarter,
            Point::Half(..) => Unit::Half,
            Point::Season(..) => Unit::Quarter,
            Point::Year(_) => Unit::Year,
            Point::Decade(_) => Unit::Decade,
            Point::Century(_) => Unit::Century,
        }
    }

    /// This point moved by `n` units, keeping its own granularity when the unit is no finer
    /// than it (`1989-Q3` a year earlier is `1988-Q3`); `None` when the move is finer than
    /// the point can express.
    pub(crate) fn shift(self, unit: Unit, n: i64) -> Option<Point> {
        let months = match unit {
            Unit::Month => Some(n),
            Unit::Quarter => Some(3 * n),
            Unit::Half => Some(6 * n),
            Unit::Year => Some(12 * n),
            Unit::Decade => Some(120 * n),
            Unit::Century => Some(1200 * n),
            _ => None,
        };
        Some(match self {
            Point::Day(d) => match unit {
                Unit::Day => Point::Day(d.add_days(n)),
                Unit::Week | Unit::Weekend => Point::Day(d.add_days(7 * n)),
                _ => {
                    let (y, m) = add_months(d.year, d.month, months?);
                    let day = d.day.min(days_in_month(y, m));
                    Point::Day(Date::new(y, m, day)?)
                }
            },
            Point::Week(y, w) | Point::Weekend(y, w) => {
                let days = match unit {
                    Unit::Week | Unit::Weekend => 7 * n,
                    Unit::Year => 364 * n,
                    Unit::Month => 28 * n,
                    _ => return None,
                };
                let monday = week_monday(y, w)?.add_days(days);
                let (y2, w2) = iso_week(monday);
                if matches!(self, Point::Weekend(..)) {
                    Point::Weekend(y2, w2)
                } else {
                    Point::Week(y2, w2)
                }
            }
            Point::Month(y, m) => {
                let (y, m) = add_months(y, m, months?);
                Point::Month(y, m)
            }
            Point::Quarter(y, q) => {
                let (y, m) = add_months(y, (q - 1) * 3 + 1, months?);
                if months? % 3 != 0 {
                    return None;
                }
                Point::Quarter(y, (m - 1) / 3 + 1)
            }
            Point::Half(y, h) => {
                let mv = months?;
                if mv % 6 != 0 {
                    return None;
                }
                let (y, m) = add_months(y, (h - 1) * 6 + 1, mv);
                Point::Half(y, (m - 1) / 6 + 1)
            }
            Point::Season(y, s) => {
                if unit != Unit::Year {
                    return None;
                }
                Point::Season(y + n as i32, s)
            }
            Point::Year(y) => Point::Year(y + (months? / 12) as i32).filter_whole(months? % 12)?,
            Point::Decade(d) => {
                let mv = months?;
                if mv % 120 != 0 {
                    return None;
                }
                Point::Decade(d + (mv / 120) as i32)
            }
            Point::Century(c) => {
                let mv = months?;
                if mv % 1200 != 0 {
                    return None;
                }
                Point::Century(c + (mv / 1200) as i32)
            }
        })
    }

    fn filter_whole(self, rest: i64) -> Option<Point> {
        (rest == 0).then_some(self)
    }

    /// The point coarsened to `unit` (a day to its week, month, quarter or year).
    pub(crate) fn coarsen(self, unit: Unit) -> Point {
        if let (Point::Week(y, w) | Point::Weekend(y, w), true) = (self, unit > Unit::Week) {
            // A week belongs to the month, quarter and year of its Thursday.
            if let Some(monday) = week_monday(y, w) {
                return Point::Day(monday.add_days(3)).coarsen(unit);
            }
        }
        match (self, unit) {
            (Point::Day(d), Unit::Week) => {
                let (y, w) = iso_week(d);
                Point::Week(y, w)
            }
            (Point::Day(d), Unit::Weekend) => {
                let (y, w) = iso_week(d);
                Point::Weekend(y, w)
            }
            (Point::Day(d), Unit::Month) => Point::Month(d.year, d.month),
            (Point::Day(d), Unit::Quarter) => Point::Quarter(d.year, (d.month - 1) / 3 + 1),
            (Point::Day(d), Unit::Half) => Point::Half(d.year, (d.month - 1) / 6 + 1),
            (Point::Month(y, m), Unit::Quarter) => Point::Quarter(y, (m - 1) / 3 + 1),
            (Point::Month(y, m), Unit::Half) => Point::Half(y, (m - 1) / 6 + 1),
            (Point::Quarter(y, q), Unit::Half) => Point::Half(y, q.div_ceil(2)),
            (p, Unit::Year) if p.unit() < Unit::Year => Point::Year(p.year()),
            (p, Unit::Decade) => Point::Decade(p.year().div_euclid(10)),
            (p, Unit::Century) => Point::Century(p.year().div_euclid(100)),
            (p, _) => p,
        }
    }
}

fn year4(y: i32) -> String {
    if (0..=9999).contains(&y) {
        format!("{y:04}")
    } else {
        y.to_string()
    }
}

/// Days in a month (0 for a month outside 1..=12).
pub(crate) fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// `(year, month)` moved by `n` months.
pub(crate) fn add_months(y: i32, m: u8, n: i64) -> (i32, u8) {
    let total = i64::from(y) * 12 + i64::from(m) - 1 + n;
    (
        total.div_euclid(12) as i32,
        (total.rem_euclid(12) + 1) as u8,
    )
}

/// The ISO week-numbering year and week of a date.
pub(crate) fn iso_week(d: Date) -> (i32, u8) {
    let thursday = d.add_days(4 - i64::from(d.weekday()));
    let jan1 = Date {
        year: thursday.year,
        month: 1,
        day: 1,
    };
    let week = (thursday.to_days() - jan1.to_days()) / 7 + 1;
    (thursday.year, week as u8)
}

/// The Monday of ISO week `w` of year `y`.
pub(crate) fn week_monday(y: i32, w: u8) -> Option<Date> {
    let jan4 = Date::new(y, 1, 4)?;
    let week1_monday = jan4.add_days(1 - i64::from(jan4.weekday()));
    Some(week1_monday.add_days(7 * (i64::from(w) - 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn iso_weeks_across_year_ends() {
        assert_eq!(iso_week(d(2014, 11, 27)), (2014, 48));
        assert_eq!(iso_week(d(2014, 12, 29)), (2015, 1));
        assert_eq!(iso_week(d(2016, 1, 3)), (2015, 53));
        assert_eq!(iso_week(d(2016, 1, 4)), (2016, 1));
        assert_eq!(week_monday(2015, 1), Some(d(2014, 12, 29)));
    }

    #[test]
    fn shifting_keeps_granularity() {
        assert_eq!(
            Point::Quarter(1989, 3).shift(Unit::Year, -1),
            Some(Point::Quarter(1988, 3))
        );
        assert_eq!(
            Point::Month(2015, 1).shift(Unit::Month, -1),
            Some(Point::Month(2014, 12))
        );
        assert_eq!(
            Point::Day(d(2016, 2, 29)).shift(Unit::Year, -1),
            Some(Point::Day(d(2015, 2, 28)))
        );
        assert_eq!(Point::Year(2014).shift(Unit::Day, 1), None);
        assert_eq!(
            Point::Week(2015, 1).shift(Unit::Week, -1),
            Some(Point::Week(2014, 52))
        );
    }

    #[test]
    fn values() {
        assert_eq!(Point::Week(2014, 7).value(), "2014-W07");
        assert_eq!(Point::Season(2014, 1).value(), "2014-SU");
        assert_eq!(Point::Decade(199).value(), "199");
        assert_eq!(duration(Some(6), Unit::Week), "P6W");
        assert_eq!(duration(Some(24), Unit::Hour), "PT24H");
        assert_eq!(duration(None, Unit::Year), "PXY");
        assert_eq!(duration(Some(2), Unit::Decade), "P20Y");
    }
}
