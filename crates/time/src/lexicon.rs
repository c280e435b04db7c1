//! Word lists: month and weekday names, number words, units, seasons and parts of the day.

use crate::calendar::Unit;

/// Month number of a full name or abbreviation (`nov`, `sept`), lower case.
pub(crate) fn month(w: &str) -> Option<(u8, bool)> {
    // (month, is an abbreviation)
    Some(match w {
        "january" => (1, false),
        "february" => (2, false),
        "march" => (3, false),
        "april" => (4, false),
        "may" => (5, false),
        "june" => (6, false),
        "july" => (7, false),
        "august" => (8, false),
        "september" => (9, false),
        "october" => (10, false),
        "november" => (11, false),
        "december" => (12, false),
        "jan" => (1, true),
        "feb" => (2, true),
        "mar" => (3, true),
        "apr" => (4, true),
        "jun" => (6, true),
        "jul" => (7, true),
        "aug" => (8, true),
        "sep" | "sept" => (9, true),
        "oct" => (10, true),
        "nov" => (11, true),
        "dec" => (12, true),
        _ => return None,
    })
}

/// ISO weekday (Monday 1) of a full name, and whether the word is plural (`Mondays`).
pub(crate) fn weekday(w: &str) -> Option<(u8, bool)> {
    let (stem, plural) = match w.strip_suffix('s') {
        Some(s) if s.ends_with("day") => (s, true),
        _ => (w, false),
    };
    let d = match stem {
        "monday" => 1,
        "tuesday" => 2,
        "wednesday" => 3,
        "thursday" => 4,
        "friday" => 5,
        "saturday" => 6,
        "sunday" => 7,
        _ => return None,
    };
    Some((d, plural))
}

/// ISO weekday of an abbreviation (`Mon`, `Thurs`), only used before a date.
pub(crate) fn weekday_abbrev(w: &str) -> Option<u8> {
    Some(match w {
        "mon" => 1,
        "tue" | "tues" => 2,
        "wed" => 3,
        "thu" | "thur" | "thurs" => 4,
        "fri" => 5,
        "sat" => 6,
        "sun" => 7,
        _ => return None,
    })
}

/// Value of a cardinal number word up to ninety-nine (compounds are joined by the grammar).
pub(crate) fn number_word(w: &str) -> Option<u32> {
    Some(match w {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "hundred" => 100,
        "dozen" => 12,
        _ => return None,
    })
}

/// Value of an ordinal word (`third`) up to thirty-first.
pub(crate) fn ordinal_word(w: &str) -> Option<u32> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        _ => return None,
    })
}

/// Whether `w` is an ordinal suffix written after digits (`26th`).
pub(crate) fn ordinal_suffix(w: &str) -> bool {
    matches!(w, "st" | "nd" | "rd" | "th")
}

/// The unit a word names, and whether it is plural.
pub(crate) fn unit(w: &str) -> Option<(Unit, bool)> {
    Some(match w {
        "second" => (Unit::Second, false),
        "seconds" => (Unit::Second, true),
        "minute" => (Unit::Minute, false),
        "minutes" => (Unit::Minute, true),
        "hour" => (Unit::Hour, false),
        "hours" => (Unit::Hour, true),
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "weekend" => (Unit::Weekend, false),
        "weekends" => (Unit::Weekend, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "quarter" => (Unit::Quarter, false),
        "quarters" => (Unit::Quarter, true),
        "year" => (Unit::Year, false),
        "years" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        "century" => (Unit::Century, false),
        "centuries" => (Unit::Century, true),
        _ => return None,
    })
}

/// Season index (0 spring, 1 summer, 2 fall, 3 winter).
pub(crate) fn season(w: &str) -> Option<u8> {
    Some(match w {
        "spring" => 0,
        "summer" => 1,
        "fall" | "autumn" => 2,
        "winter" => 3,
        _ => return None,
    })
}

/// TIMEX3 part-of-day code.
pub(crate) fn part_of_day(w: &str) -> Option<&'static str> {
    Some(match w {
        "morning" | "mornings" => "MO",
        "afternoon" | "afternoons" => "AF",
        "evening" | "evenings" => "EV",
        "night" | "nights" => "NI",
        _ => return None,
    })
}

/// Whether an upper-case word is a time zone.
pub(crate) fn time_zone(w: &str) -> bool {
    matches!(
        w,
        "est"
            | "edt"
            | "cst"
            | "cdt"
            | "mst"
            | "mdt"
            | "pst"
            | "pdt"
            | "gmt"
            | "utc"
            | "bst"
            | "cet"
            | "cest"
            | "eet"
            | "eest"
            | "msk"
            | "ist"
            | "jst"
    )
}
