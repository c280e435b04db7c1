//! The matcher: hand-written rules over scanned tokens that recognise one time expression at a
//! position and normalise it against the publication date.
//!
//! Each rule looks at the tokens from a start position and returns the longest expression it
//! can build there ([`Hit`]); [`Matcher::at`] keeps the longest of all rules. Values follow
//! TIMEX3: `2014-11-17`, `2014-W47`, `2014-Q3`, `2014-SU`, `199` (the 1990s), `P6W`, `PT24H`,
//! `PRESENT_REF`, and `XXXX-11-17` when the year cannot be known.
//!
//! Anchoring follows the news strategy: relative expressions count from the publication date
//! (DCT); an underspecified date ("in December", "Friday") takes the occurrence nearest the
//! DCT that the tense of its clause allows (see `Matcher::year_for`): a past-tense clause
//! reaches at most a month beyond the DCT, a future-tense one not before the DCT's month. Anaphoric expressions ("a year earlier", "the quarter") refer to the last date
//! mentioned before them.

use newsgraph_core::{Date, TimexType};

use crate::calendar::{duration, Point, Unit};
use crate::lexicon;
use crate::scan::{Kind, Tok};
use crate::tense::{Tense, TenseMarks};

/// One recognised expression: where it ends (token index, exclusive) and its value.
#[derive(Clone, Debug)]
pub(crate) struct Hit {
    pub end: usize,
    pub value: String,
    pub kind: TimexType,
    /// The calendar point it denotes, when it denotes one (used as the anaphora anchor).
    pub point: Option<Point>,
}

impl Hit {
    fn date(end: usize, p: Point) -> Hit {
        Hit {
            end,
            value: p.value(),
            kind: TimexType::Date,
            point: Some(p),
        }
    }
    /// A date computed from another date: it does not become the anaphora anchor, so
    /// "a year ago ... a year ago" does not drift.
    fn rel(end: usize, p: Point) -> Hit {
        Hit {
            end,
            value: p.value(),
            kind: TimexType::Date,
            point: None,
        }
    }
    fn val(end: usize, value: impl Into<String>, kind: TimexType) -> Hit {
        Hit {
            end,
            value: value.into(),
            kind,
            point: None,
        }
    }
}

/// A quantity before a unit: a number, or vague (`several`, `a few`).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Qty {
    N(u32),
    Vague,
}

/// Which way an underspecified date may move from the DCT.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dir {
    /// On or before the DCT.
    Back,
    /// On or after the DCT.
    Forward,
}

/// Matches over the tokens of one sentence.
pub(crate) struct Matcher<'a> {
    pub t: &'a [Tok],
    pub dct: Option<Date>,
    /// The last date mentioned before the current position (in the document).
    pub last: Option<Point>,
    pub tense: &'a TenseMarks,
}

const TEMPORAL_PREPS: &[&str] = &[
    "in",
    "on",
    "since",
    "until",
    "till",
    "by",
    "of",
    "from",
    "to",
    "through",
    "during",
    "before",
    "after",
    "early",
    "late",
    "mid",
    "last",
    "next",
    "this",
    "that",
    "between",
    "and",
    "or",
    "into",
    "for",
    "around",
    "about",
    "throughout",
    "starting",
    "ending",
    "as",
    "at",
    "past",
    "within",
];

impl<'a> Matcher<'a> {
    // ---- token helpers ------------------------------------------------------------------

    fn low(&self, i: usize) -> &str {
        self.t.get(i).map_or("", |t| t.low.as_str())
    }
    fn is(&self, i: usize, w: &str) -> bool {
        self.low(i) == w
    }
    fn word(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.kind == Kind::Word)
    }
    fn glued(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.glued)
    }
    fn upper(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.upper)
    }
    /// A number token of at most `max_len` digits.
    fn num(&self, i: usize, max_len: usize) -> Option<u32> {
        let t = self.t.get(i)?;
        if t.kind != Kind::Num || t.low.len() > max_len {
            return None;
        }
        t.low.parse().ok()
    }
    fn num_len(&self, i: usize) -> usize {
        self.t
            .get(i)
            .filter(|t| t.kind == Kind::Num)
            .map_or(0, |t| t.low.len())
    }
    /// Skips a period glued to the previous token (`Nov.`).
    fn dot(&self, i: usize) -> usize {
        if self.is(i, ".") && self.glued(i) {
            i + 1
        } else {
            i
        }
    }
    fn prev_low(&self, i: usize) -> &str {
        i.checked_sub(1).map_or("", |p| self.low(p))
    }
    fn dir(&self, i: usize) -> Dir {
        let at = self.t.get(i).map_or(0, |t| t.start);
        match self.tense.at(at) {
            Tense::Future => Dir::Forward,
            _ => Dir::Back,
        }
    }
    fn tense(&self, i: usize) -> Tense {
        let at = self.t.get(i).map_or(0, |t| t.start);
        self.tense.at(at)
    }

    // ---- entry point --------------------------------------------------------------------

    /// The longest expression starting at token `i`.
    pub(crate) fn at(&self, i: usize) -> Option<Hit> {
        let t = self.t.get(i)?;
        if t.kind == Kind::Punct && t.low != "'" {
            return None;
        }
        let rules: [fn(&Matcher<'a>, usize) -> Option<Hit>; 15] = [
            Matcher::bare_units,
            Matcher::holiday,
            Matcher::modified,
            Matcher::explicit_date,
            Matcher::weekday_expr,
            Matcher::deictic,
            Matcher::relative,
            Matcher::quantity,
            Matcher::quarter,
            Matcher::season_expr,
            Matcher::decade,
            Matcher::time_of_day,
            Matcher::refs,
            Matcher::set,
            Matcher::year_expr,
        ];
        let mut best: Option<Hit> = None;
        for rule in rules {
            if let Some(h) = rule(self, i) {
                if h.end > i && best.as_ref().is_none_or(|b| h.end > b.end) {
                    best = Some(h);
                }
            }
        }
        // "the next year or so": the hedge belongs to the expression.
        if let Some(b) = &mut best {
            if self.is(b.end, "or") && self.is(b.end + 1, "so") && !self.word(b.end + 2) {
                b.end += 2;
            }
        }
        // "the third-quarter loss": a hyphenated modifier is the expression, the article
        // belongs to the noun it modifies.
        if let Some(b) = &best {
            if self.is(i, "the")
                && b.end == i + 4
                && self.is(i + 2, "-")
                && self.glued(i + 2)
                && matches!(self.low(i + 3), "quarter" | "half")
                && self.word(i + 4)
            {
                return None;
            }
        }
        best
    }

    /// An expression that may stand under a modifier ("early", "the end of").
    fn inner(&self, i: usize) -> Option<Hit> {
        let rules: [fn(&Matcher<'a>, usize) -> Option<Hit>; 9] = [
            Matcher::holiday,
            Matcher::explicit_date,
            Matcher::weekday_expr,
            Matcher::deictic,
            Matcher::relative,
            Matcher::quarter,
            Matcher::season_expr,
            Matcher::decade,
            Matcher::year_expr,
        ];
        let mut best: Option<Hit> = None;
        for rule in rules {
            if let Some(h) = rule(self, i) {
                if h.kind != TimexType::Duration
                    && h.kind != TimexType::Set
                    && best.as_ref().is_none_or(|b| h.end > b.end)
                {
                    best = Some(h);
                }
            }
        }
        best
    }

    // ---- anchoring helpers --------------------------------------------------------------

    /// The year of an underspecified month (and day) seen from the DCT.
    ///
    /// The nearest occurrence wins, biased by tense: a future clause does not reach back
    /// before the DCT's month, a past clause reaches forward only a little (news reports
    /// plans and deadlines of the coming weeks in the past tense: "said it will be paid Dec.
    /// 15"), and other clauses take the occurrence nearest to the DCT.
    fn year_for(&self, month: u8, day: Option<u8>, i: usize) -> Option<i32> {
        let dct = self.dct?;
        // Months from the DCT to `month` (and `day`) in the DCT's year; the day as a fraction.
        let frac = |d: u8| f64::from(d) / 31.0;
        let ahead =
            f64::from(month) - f64::from(dct.month) + day.map_or(0.0, |d| frac(d) - frac(dct.day));
        // The window [lo, hi) of months after the DCT the date may lie in, 12 wide.
        let (lo, hi) = match self.tense(i) {
            // Not before the DCT's month (its earlier days included: "by Jan. 14").
            Tense::Future => {
                // The DCT's own month stays: "the Aug. 7 blasts", in a sentence that
                // speaks of what will follow them, are this August's.
                let months = i32::from(month) - i32::from(dct.month);
                return Some(if months < 0 { dct.year + 1 } else { dct.year });
            }
            // At most a month beyond the DCT: a deadline set or moved in a past-tense clause
            // ("was extended to Nov. 16"); "in December", written in November, is last year's.
            Tense::Past => (-11.0, 1.0),
            // The nearer occurrence.
            Tense::Present | Tense::Unknown => (-6.0, 6.0),
        };
        let mut year = dct.year;
        if ahead >= hi {
            year -= 1;
        } else if ahead < lo {
            year += 1;
        }
        Some(year)
    }

    fn month_day(
        &self,
        end: usize,
        month: u8,
        day: Option<u8>,
        year: Option<i32>,
        i: usize,
    ) -> Option<Hit> {
        let year = year.or_else(|| self.year_for(month, day, i));
        match (year, day) {
            (Some(y), Some(d)) => Some(Hit::date(end, Point::Day(Date::new(y, month, d)?))),
            (Some(y), None) => Some(Hit::date(end, Point::Month(y, month))),
            (None, Some(d)) => {
                // Check the day exists in some year (Feb 29 does).
                Date::new(2000, month, d)?;
                Some(Hit::val(
                    end,
                    format!("XXXX-{month:02}-{d:02}"),
                    TimexType::Date,
                ))
            }
            (None, None) => Some(Hit::val(end, format!("XXXX-{month:02}"), TimexType::Date)),
        }
    }

    /// A value for a point relative to the DCT, or the unresolved form without one.
    fn dct_point(
        &self,
        end: usize,
        f: impl FnOnce(Date) -> Option<Point>,
        unit: Unit,
    ) -> Option<Hit> {
        match self.dct {
            Some(d) => Some(Hit::date(end, f(d)?)),
            None => Some(Hit::val(end, unresolved(unit), TimexType::Date)),
        }
    }

    /// The weekday `wd` near the DCT: `Back` on or before it, `Forward` on or after;
    /// `strict` excludes the DCT itself.
    fn weekday_date(&self, wd: u8, dir: Dir, strict: bool) -> Option<Date> {
        let dct = self.dct?;
        let cur = i64::from(dct.weekday());
        let wd = i64::from(wd);
        Some(match dir {
            Dir::Back => {
                let mut back = (cur - wd).rem_euclid(7);
                if strict && back == 0 {
                    back = 7;
                }
                dct.add_days(-back)
            }
            Dir::Forward => {
                let mut fwd = (wd - cur).rem_euclid(7);
                if strict && fwd == 0 {
                    fwd = 7;
                }
                dct.add_days(fwd)
            }
        })
    }

    // ---- quantities ---------------------------------------------------------------------

    /// A quantity at `i`: digits, number words (`twenty-four`), `a`/`an`, `a few`, `several`.
    fn qty(&self, i: usize) -> Option<(usize, Qty)> {
        if let Some(n) = self.num(i, 6) {
            // Decimal: 2.5
            if self.is(i + 1, ".")
                && self.glued(i + 1)
                && self.num(i + 2, 3).is_some()
                && self.glued(i + 2)
            {
                return None;
            }
            if self.is(i + 1, ",")
                && self.glued(i + 1)
                && self.num_len(i + 2) == 3
                && self.glued(i + 2)
            {
                let rest = self.num(i + 2, 3)?;
                return Some((i + 3, Qty::N(n * 1000 + rest)));
            }
            return Some((i + 1, Qty::N(n)));
        }
        let w = self.low(i);
        match w {
            "a" | "an" => {
                if self.is(i + 1, "few") {
                    return Some((i + 2, Qty::Vague));
                }
                if self.is(i + 1, "couple") {
                    let j = if self.is(i + 2, "of") { i + 3 } else { i + 2 };
                    return Some((j, Qty::N(2)));
                }
                if self.is(i + 1, "dozen") {
                    return Some((i + 2, Qty::N(12)));
                }
                if self.is(i + 1, "half") && self.is(i + 2, "dozen") {
                    return Some((i + 3, Qty::N(6)));
                }
                return Some((i + 1, Qty::N(1)));
            }
            "few" | "several" | "many" | "some" | "numerous" | "couple" => {
                let j = if w == "couple" && self.is(i + 1, "of") {
                    i + 2
                } else {
                    i + 1
                };
                return Some((j, Qty::Vague));
            }
            _ => {}
        }
        let n = lexicon::number_word(w)?;
        // twenty-four, twenty four
        let mut j = i + 1;
        let mut total = n;
        if (20..=90).contains(&n) && n % 10 == 0 {
            let k = if self.is(j, "-") && self.glued(j) {
                j + 1
            } else {
                j
            };
            if let Some(u) = lexicon::number_word(self.low(k)).filter(|u| *u < 10) {
                total += u;
                j = k + 1;
            }
        }
        if self.is(j, "hundred") && total < 10 {
            total *= 100;
            j += 1;
        }
        Some((j, Qty::N(total)))
    }

    // ---- rules ----------------------------------------------------------------------------

    /// "early 2014", "mid-November", "late last year", "the end of the year", "earlier this
    /// month", "the start of this year".
    fn modified(&self, i: usize) -> Option<Hit> {
        let w = self.low(i);
        let mut j = match w {
            "early" | "late" | "mid" | "earlier" | "later" => i + 1,
            "the"
                if matches!(
                    self.low(i + 1),
                    "start"
                        | "beginning"
                        | "end"
                        | "middle"
                        | "turn"
                        | "close"
                        | "rest"
                        | "remainder"
                ) && self.is(i + 2, "of") =>
            {
                i + 3
            }
            _ => return None,
        };
        if self.is(j, "-") && self.glued(j) {
            j += 1;
        } else if w == "mid" {
            return None;
        }
        if matches!(w, "earlier" | "later") {
            // only before this/last/next + unit, or "in the year/month/week"
            if self.is(j, "in") && self.is(j + 1, "the") {
                j += 1;
            } else if !matches!(
                self.low(j),
                "this" | "last" | "next" | "that" | "yesterday" | "today" | "tomorrow" | "tonight"
            ) {
                // "Earlier Friday": TimeML leaves the modifier outside a bare weekday.
                return None;
            }
        }
        let h = self.inner(j)?;
        // Bare "late" or "early" before a plain number is a quantity, not a date.
        Some(Hit { end: h.end, ..h })
    }

    /// Dates written with a month name or in numbers, with an optional weekday before them.
    fn explicit_date(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        // Weekday prefix: "Monday, November 17", "Thu Nov 27"
        if let Some((_, false)) = lexicon::weekday(self.low(j)) {
            j += 1;
        } else if lexicon::weekday_abbrev(self.low(j)).is_some() && self.upper(j) {
            j = self.dot(j + 1);
        }
        if j > i {
            if self.is(j, ",") {
                j += 1;
            }
            if self.is(j, "the") {
                j += 1;
            }
            let h = self.explicit_date_core(j, true)?;
            let is_day = matches!(h.point, Some(Point::Day(_)))
                || (h.value.len() == 10 && h.value.starts_with("XXXX"));
            return is_day.then_some(h);
        }
        self.explicit_date_core(i, false)
    }

    fn explicit_date_core(&self, i: usize, after_weekday: bool) -> Option<Hit> {
        // ISO 2014-11-17 or 2014/11/17
        if self.num_len(i) == 4 {
            let sep = self.low(i + 1).to_string();
            if (sep == "-" || sep == "/")
                && self.glued(i + 1)
                && self.glued(i + 2)
                && self.glued(i + 3)
                && self.glued(i + 4)
                && self.is(i + 3, &sep)
            {
                let (y, m, d) = (self.num(i, 4)?, self.num(i + 2, 2)?, self.num(i + 4, 2)?);
                let date = Date::new(y as i32, m as u8, d as u8)?;
                return Some(Hit::date(i + 5, Point::Day(date)));
            }
        }
        // US numeric 11/17/2014, 11/17/14
        if self.num(i, 2).is_some()
            && self.is(i + 1, "/")
            && self.glued(i + 1)
            && self.glued(i + 2)
            && self.is(i + 3, "/")
            && self.glued(i + 3)
            && self.glued(i + 4)
        {
            let (m, d) = (self.num(i, 2)?, self.num(i + 2, 2)?);
            let y = match self.num_len(i + 4) {
                4 => self.num(i + 4, 4)? as i32,
                2 => {
                    let yy = self.num(i + 4, 2)? as i32;
                    if yy >= 50 {
                        1900 + yy
                    } else {
                        2000 + yy
                    }
                }
                _ => return None,
            };
            return Some(Hit::date(
                i + 5,
                Point::Day(Date::new(y, m as u8, d as u8)?),
            ));
        }
        // Month first: November 17[th][, 2014] | November [of|,] 2014 | November
        if let Some((m, abbrev)) = lexicon::month(self.low(i)) {
            if !self.upper(i) {
                return None;
            }
            let j = if abbrev { self.dot(i + 1) } else { i + 1 };
            let had_dot = j > i + 1;
            if let Some(d) = self.num(j, 2).filter(|d| (1..=31).contains(d)) {
                let mut k = j + 1;
                if lexicon::ordinal_suffix(self.low(k)) && self.glued(k) {
                    k += 1;
                }
                // Not "May 2" as in a count ("March 15 protesters")? Accept.
                let mut year = None;
                let mut end = k;
                let y_at = if self.is(k, ",") { k + 1 } else { k };
                if self.num_len(y_at) == 4 {
                    if let Some(y) = self.num(y_at, 4).filter(|y| (1000..=2999).contains(y)) {
                        year = Some(y as i32);
                        end = y_at + 1;
                    }
                }
                // A day range "Nov. 17-19": keep the first day only.
                return self.month_day(end, m, Some(d as u8), year, i);
            }
            let y_at = if self.is(j, ",") || self.is(j, "of") {
                j + 1
            } else {
                j
            };
            if self.num_len(y_at) == 4 {
                if let Some(y) = self.num(y_at, 4).filter(|y| (1000..=2999).contains(y)) {
                    return Some(Hit::date(y_at + 1, Point::Month(y as i32, m)));
                }
            }
            if after_weekday {
                return None;
            }
            // "June last year", "January of this year"
            let r_at = if self.is(j, "of") { j + 1 } else { j };
            if matches!(self.low(r_at), "last" | "this" | "next") && self.is(r_at + 1, "year") {
                let step = match self.low(r_at) {
                    "last" => -1,
                    "next" => 1,
                    _ => 0,
                };
                return Some(match self.dct {
                    Some(d) => Hit::date(r_at + 2, Point::Month(d.year + step, m)),
                    None => Hit::val(r_at + 2, format!("XXXX-{m:02}"), TimexType::Date),
                });
            }
            // The month alone: abbreviations need a day or year, ambiguous names a context.
            if abbrev && !had_dot {
                return None;
            }
            if abbrev {
                // "Nov." alone at a sentence end is still the month.
            }
            let ambiguous = matches!(m, 3 | 5) || abbrev;
            if ambiguous && !TEMPORAL_PREPS.contains(&self.prev_low(i)) {
                return None;
            }
            if m == 3 && self.is(i.wrapping_sub(1), "a") {
                return None;
            }
            return self.month_day(j, m, None, None, i);
        }
        // Day first: [the] 17[th] [of] November [2014]
        let mut j = i;
        if self.is(j, "the") {
            j += 1;
        }
        let d = match self.num(j, 2).filter(|d| (1..=31).contains(d)) {
            Some(d) => {
                j += 1;
                if lexicon::ordinal_suffix(self.low(j)) && self.glued(j) {
                    j += 1;
                }
                d
            }
            None => {
                let d = lexicon::ordinal_word(self.low(j))?;
                j += 1;
                if !self.is(j, "of") {
                    return None;
                }
                d
            }
        };
        if self.is(j, "of") {
            j += 1;
        }
        let (m, _) = lexicon::month(self.low(j))?;
        if !self.upper(j) {
            return None;
        }
        let k = self.dot(j + 1);
        let y_at = if self.is(k, ",") { k + 1 } else { k };
        if let Some(y) = self
            .num(y_at, 4)
            .filter(|y| (1000..=2999).contains(y) && self.num_len(y_at) == 4)
        {
            return self.month_day(y_at + 1, m, Some(d as u8), Some(y as i32), i);
        }
        self.month_day(k, m, Some(d as u8), None, i)
    }

    /// A parenthesised date right after an expression: "yesterday (November 26)".
    fn paren_date(&self, i: usize) -> Option<Hit> {
        if !self.is(i, "(") {
            return None;
        }
        let h = self.explicit_date(i + 1)?;
        if !self.is(h.end, ")") {
            return None;
        }
        Some(Hit {
            end: h.end + 1,
            ..h
        })
    }

    /// A part of the day after a day expression: "morning", "night".
    fn part_after(&self, i: usize) -> Option<(usize, &'static str)> {
        lexicon::part_of_day(self.low(i)).map(|p| (i + 1, p))
    }

    /// A day with a part of it ("Friday morning") is dated by the day, as the TimeBank
    /// annotation mostly does (its `TMO`/`NI` suffixes are as often absent as present);
    /// the part only widens the extent.
    fn with_part(&self, h: Hit, part: Option<(usize, &'static str)>) -> Hit {
        match part {
            Some((end, _)) => Hit { end, ..h },
            None => h,
        }
    }

    /// "Friday", "last Friday", "next Monday", "Friday morning", "Monday (November 17)".
    fn weekday_expr(&self, i: usize) -> Option<Hit> {
        // "the previous Friday", "the following Monday": the article is part of it.
        let k = if self.is(i, "the") && matches!(self.low(i + 1), "previous" | "following") {
            i + 1
        } else {
            i
        };
        let (rel, j) = match self.low(k) {
            r @ ("last" | "next" | "this" | "coming" | "past" | "previous" | "following") => {
                (r, k + 1)
            }
            _ if k > i => return None,
            _ => ("", i),
        };
        let (wd, plural) = lexicon::weekday(self.low(j))?;
        if !self.upper(j) {
            return None;
        }
        if plural {
            let part = self.part_after(j + 1);
            let value = match part {
                Some((_, code)) => format!("XXXX-WXX-{wd}T{code}"),
                None => format!("XXXX-WXX-{wd}"),
            };
            return Some(Hit::val(part.map_or(j + 1, |p| p.0), value, TimexType::Set));
        }
        let date = match rel {
            // "the previous Friday" counts back from the day last spoken of.
            "previous" if matches!(self.last, Some(Point::Day(_))) => match self.last {
                Some(Point::Day(d)) => {
                    let back = (i64::from(d.weekday()) - i64::from(wd) - 1).rem_euclid(7) + 1;
                    Some(d.add_days(-back))
                }
                _ => None,
            },
            "following" => match self.last {
                Some(Point::Day(d)) => {
                    let fwd = (i64::from(wd) - i64::from(d.weekday()) - 1).rem_euclid(7) + 1;
                    Some(d.add_days(fwd))
                }
                _ => self.weekday_date(wd, Dir::Forward, true),
            },
            "last" | "past" | "previous" => self.weekday_date(wd, Dir::Back, true),
            "next" | "coming" => self.weekday_date(wd, Dir::Forward, true),
            "this" => self.weekday_date(wd, self.dir(i), false),
            _ => {
                // A present-tense clause takes the nearest such weekday, either side.
                match self.tense(i) {
                    Tense::Present => {
                        let back = self.weekday_date(wd, Dir::Back, false);
                        let fwd = self.weekday_date(wd, Dir::Forward, false);
                        match (back, fwd, self.dct) {
                            (Some(b), Some(f), Some(d)) => {
                                if d.to_days() - b.to_days() <= f.to_days() - d.to_days() {
                                    Some(b)
                                } else {
                                    Some(f)
                                }
                            }
                            _ => back,
                        }
                    }
                    _ => self.weekday_date(wd, self.dir(i), false),
                }
            }
        };
        let mut end = j + 1;
        let part = self.part_after(end);
        if let Some((e, _)) = part {
            end = e;
        }
        if let Some(p) = self.paren_date(end) {
            return Some(self.with_part(Hit { end: p.end, ..p }, part.map(|(_, c)| (p.end, c))));
        }
        let h = match date {
            Some(d) => Hit::date(j + 1, Point::Day(d)),
            None => Hit::val(j + 1, format!("XXXX-WXX-{wd}"), TimexType::Date),
        };
        Some(self.with_part(h, part))
    }

    /// today, yesterday, tomorrow, tonight, this morning, last night, overnight.
    fn deictic(&self, i: usize) -> Option<Hit> {
        let w = self.low(i);
        let (offset, end, fixed_part) = match w {
            // "USA Today", "VOA Today": a name, not the day.
            "today" if self.upper(i) && i > 0 && self.upper(i - 1) && self.word(i - 1) => {
                return None
            }
            "today" => (0, i + 1, None),
            "yesterday" => (-1, i + 1, None),
            "tomorrow" => (1, i + 1, None),
            "tonight" => (0, i + 1, Some("NI")),
            "overnight" => (0, i + 1, Some("NI")),
            "the"
                if self.is(i + 1, "day")
                    && self.is(i + 2, "before")
                    && self.is(i + 3, "yesterday") =>
            {
                (-2, i + 4, None)
            }
            "the"
                if self.is(i + 1, "day")
                    && self.is(i + 2, "after")
                    && self.is(i + 3, "tomorrow") =>
            {
                (2, i + 4, None)
            }
            "this" | "later" | "earlier" => {
                let (j, part) = if w == "this" {
                    (i + 1, lexicon::part_of_day(self.low(i + 1))?)
                } else if self.is(i + 1, "this") {
                    (i + 2, lexicon::part_of_day(self.low(i + 2))?)
                } else {
                    return None;
                };
                if self.low(j).ends_with('s') {
                    return None;
                }
                (0, j + 1, Some(part))
            }
            "last" if self.is(i + 1, "night") => (-1, i + 2, Some("NI")),
            _ => return None,
        };
        if w == "today" && self.is(end, "'") && self.is(end + 1, "s") {
            // "today's" modifies a noun: still the DCT.
        }
        let base = match self.dct {
            Some(d) => Hit::date(end, Point::Day(d.add_days(offset))),
            None => Hit::val(end, "XXXX-XX-XX", TimexType::Date),
        };
        if let Some(code) = fixed_part {
            return Some(Hit {
                value: format!("{}T{code}", base.value),
                kind: TimexType::Time,
                ..base
            });
        }
        let part = self.part_after(end);
        let after = part.map_or(end, |p| p.0);
        if let Some(p) = self.paren_date(after) {
            return Some(self.with_part(Hit { end: p.end, ..p }, part.map(|(_, c)| (p.end, c))));
        }
        Some(self.with_part(base, part))
    }

    /// last/this/next week, month, year, quarter, weekend, decade, century, season or month
    /// name; the past/last/next N units; the previous/following year; the year/month/week.
    fn relative(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        let the = self.is(j, "the");
        if the {
            j += 1;
        }
        let rel = self.low(j);
        let rel = match rel {
            // "the latest period" of a quarterly report is its quarter.
            "latest" if the && self.is(j + 1, "period") => return self.latest_quarter(j + 2),
            "last" | "next" | "this" | "past" | "coming" | "previous" | "following" | "current"
            | "preceding" | "same" | "recent" | "latest" | "prior" | "that" => rel,
            "weekend" if the => return self.the_weekend(i, j + 1),
            // "the weeks ahead", "the months ahead"
            _ if the && self.is(j + 1, "ahead") && lexicon::unit(rel).is_some_and(|u| u.1) => {
                let (unit, _) = lexicon::unit(rel)?;
                return Some(Hit::val(j + 2, duration(None, unit), TimexType::Duration));
            }
            // "the fiscal year", "the full year": the year spoken of, as "the year".
            "fiscal" | "full"
                if the && self.is(j + 1, "year") && !(self.is(j + 2, "-") && self.glued(j + 2)) =>
            {
                // "for the full year" is the year's total, a date, not a stretch of time.
                // Its year is that of the quarter or half just reported on, else the DCT's.
                if rel == "full" {
                    let y = match (self.last, self.dct) {
                        (Some(p @ (Point::Quarter(..) | Point::Half(..))), _) => Some(p.year()),
                        (_, Some(d)) => Some(d.year),
                        (Some(p), None) if p.unit() <= Unit::Year => Some(p.year()),
                        (_, None) => None,
                    };
                    return Some(match y {
                        Some(y) => Hit::rel(j + 2, Point::Year(y)),
                        None => Hit::val(j + 2, "XXXX", TimexType::Date),
                    });
                }
                return self.relative_the_unit(i, j + 1);
            }
            "year" | "month" | "week" if the => return self.relative_the_unit(i, j),
            _ => return None,
        };
        self.relative_rel(i, j, rel)
    }

    /// "the year", "the month", "the week" (the unit at `j`): the one spoken of, else the
    /// DCT's; a duration after "for", "over", "throughout".
    fn relative_the_unit(&self, i: usize, j: usize) -> Option<Hit> {
        let rel = self.low(j);
        let (unit, _) = lexicon::unit(rel)?;
        if self.glued(j + 1) && self.is(j + 1, "-") {
            return None;
        }
        if matches!(self.prev_low(i), "for" | "over" | "throughout") {
            return Some(Hit::val(
                j + 1,
                duration(Some(1), unit),
                TimexType::Duration,
            ));
        }
        let anchor = self
            .last
            .filter(|p| p.unit() <= unit)
            .map(|p| p.coarsen(unit));
        match (anchor, self.dct) {
            (Some(p), _) => Some(Hit::date(j + 1, p)),
            (None, Some(d)) => Some(Hit::date(j + 1, Point::Day(d).coarsen(unit))),
            (None, None) => Some(Hit::val(j + 1, unresolved(unit), TimexType::Date)),
        }
    }

    fn relative_rel(&self, i: usize, j: usize, rel: &str) -> Option<Hit> {
        let the = self.is(i, "the");
        let mut j = j;
        j += 1;
        // "ABC's "This Week"": a capitalised unit after a capitalised word is a title.
        if self.upper(j) && self.upper(j - 1) && lexicon::unit(self.low(j)).is_some() {
            return None;
        }
        // N units: the past two years, the next few days, last 12 months
        if matches!(
            rel,
            "last"
                | "next"
                | "past"
                | "coming"
                | "previous"
                | "following"
                | "recent"
                | "preceding"
                | "prior"
        ) {
            if let Some((k, q)) = self.qty(j) {
                if !self.is(j, "a") && !self.is(j, "an") {
                    if let Some((unit, _)) = lexicon::unit(self.low(k)) {
                        let v = match q {
                            Qty::N(n) => duration(Some(n), unit),
                            Qty::Vague => duration(None, unit),
                        };
                        return Some(Hit::val(k + 1, v, TimexType::Duration));
                    }
                }
            }
        }
        let w = self.low(j);
        // Month names: last November, this December
        if let Some((m, false)) = lexicon::month(w) {
            if !self.upper(j) {
                return None;
            }
            let dct = match self.dct {
                Some(d) => d,
                None => return Some(Hit::val(j + 1, format!("XXXX-{m:02}"), TimexType::Date)),
            };
            let y = match rel {
                "last" | "past" | "previous" => {
                    if m < dct.month {
                        dct.year
                    } else {
                        dct.year - 1
                    }
                }
                "next" | "coming" => {
                    if m > dct.month {
                        dct.year
                    } else {
                        dct.year + 1
                    }
                }
                "this" => dct.year,
                _ => return None,
            };
            return Some(Hit::date(j + 1, Point::Month(y, m)));
        }
        // Seasons: last summer, this fall
        if let Some(s) = lexicon::season(w) {
            let dct = match self.dct {
                Some(d) => d,
                None => {
                    return Some(Hit::val(
                        j + 1,
                        format!("XXXX-{}", ["SP", "SU", "FA", "WI"][s as usize]),
                        TimexType::Date,
                    ))
                }
            };
            let cur = current_season(dct);
            let y = match rel {
                "last" | "past" | "previous" => {
                    if s < cur.1 {
                        cur.0
                    } else {
                        cur.0 - 1
                    }
                }
                "next" | "coming" => {
                    if s > cur.1 {
                        cur.0
                    } else {
                        cur.0 + 1
                    }
                }
                "this" => dct.year,
                _ => return None,
            };
            return Some(Hit::date(j + 1, Point::Season(y, s)));
        }
        let (unit, plural) = lexicon::unit(w)?;
        if self.glued(j + 1) && self.is(j + 1, "-") {
            // "last-minute", "this year-end": not a date of its own
            if !(self.is(j + 2, "end") || self.is(j + 2, "earlier")) {
                return None;
            }
        }
        if plural {
            return match rel {
                // "recent years" is a stretch of unknown length, as TimeBank mostly has it.
                "past" | "last" | "next" | "coming" | "previous" | "following" | "recent" => {
                    Some(Hit::val(j + 1, duration(None, unit), TimexType::Duration))
                }
                _ => None,
            };
        }
        if matches!(unit, Unit::Second | Unit::Minute | Unit::Hour) {
            return None;
        }
        // the past year, the last week (as a stretch of time)
        if the && matches!(rel, "past" | "last") && !matches!(unit, Unit::Weekend | Unit::Quarter) {
            return Some(Hit::val(
                j + 1,
                duration(Some(1), unit),
                TimexType::Duration,
            ));
        }
        if rel == "past" {
            return Some(Hit::val(
                j + 1,
                duration(Some(1), unit),
                TimexType::Duration,
            ));
        }
        let step: i64 = match rel {
            "last" | "previous" | "preceding" | "prior" => -1,
            "next" | "following" | "coming" => 1,
            "this" | "current" | "same" | "that" => 0,
            "latest" | "recent" => {
                if unit == Unit::Quarter {
                    return self.latest_quarter(j + 1);
                }
                return None;
            }
            _ => return None,
        };
        // previous/following/same are anaphoric: from the last date mentioned
        let anaphoric = matches!(
            rel,
            "previous" | "following" | "same" | "preceding" | "prior" | "that"
        );
        if anaphoric {
            if let Some(p) = self.last.filter(|p| p.unit() <= unit) {
                let base = if unit == Unit::Weekend {
                    p.coarsen(Unit::Week)
                } else {
                    p.coarsen(unit)
                };
                if let Some(r) = base.shift(unit, step) {
                    return Some(Hit::date(j + 1, r));
                }
            }
        }
        if unit == Unit::Quarter && step == -1 && !anaphoric {
            // last quarter
        }
        self.dct_point(
            j + 1,
            |d| {
                let base = Point::Day(d).coarsen(if unit == Unit::Weekend {
                    Unit::Weekend
                } else {
                    unit
                });
                base.shift(
                    if unit == Unit::Weekend {
                        Unit::Week
                    } else {
                        unit
                    },
                    step,
                )
            },
            unit,
        )
    }

    /// "the weekend": the one just past, or the coming one in a future clause.
    fn the_weekend(&self, i: usize, end: usize) -> Option<Hit> {
        let Some(d) = self.dct else {
            return Some(Hit::val(end, "XXXX-WXX-WE", TimexType::Date));
        };
        let (y, w) = crate::calendar::iso_week(d);
        let this = Point::Weekend(y, w);
        let p = if d.weekday() >= 6 || self.dir(i) == Dir::Forward {
            this
        } else {
            this.shift(Unit::Week, -1)?
        };
        Some(Hit::date(end, p))
    }

    /// A plural unit alone after a preposition: "for years", "within weeks".
    fn bare_units(&self, i: usize) -> Option<Hit> {
        let (unit, plural) = lexicon::unit(self.low(i))?;
        if !plural || unit == Unit::Second {
            return None;
        }
        if !matches!(
            self.prev_low(i),
            "for" | "within" | "in" | "over" | "after" | "than" | "take" | "takes" | "took" | "or"
        ) {
            return None;
        }
        let mut end = i + 1;
        // "weeks or months"
        if self.is(end, "or") {
            if let Some((u2, true)) = lexicon::unit(self.low(end + 1)) {
                if u2 > unit {
                    end += 2;
                }
            }
        }
        Some(Hit::val(end, duration(None, unit), TimexType::Duration))
    }

    /// Fixed-date holidays and Thanksgiving: "Christmas", "New Year's Day", "Thanksgiving".
    fn holiday(&self, i: usize) -> Option<Hit> {
        let w = self.low(i);
        if !self.upper(i) {
            return None;
        }
        let (m, d, end) = match w {
            "christmas" if self.is(i + 1, "eve") => (12, 24, i + 2),
            "christmas" if self.is(i + 1, "day") => (12, 25, i + 2),
            "christmas" => (12, 25, i + 1),
            "new" if self.is(i + 1, "year") && self.is(i + 2, "'") && self.is(i + 3, "s") => {
                match self.low(i + 4) {
                    "eve" => (12, 31, i + 5),
                    "day" => (1, 1, i + 5),
                    _ => return None,
                }
            }
            "thanksgiving" => {
                let end = if self.is(i + 1, "day") { i + 2 } else { i + 1 };
                // The fourth Thursday of November.
                let y = match self.year_for(11, Some(22), i) {
                    Some(y) => y,
                    None => return Some(Hit::val(end, "XXXX-11-XX", TimexType::Date)),
                };
                let first = Date::new(y, 11, 1)?;
                let to_thu = (4 + 7 - i64::from(first.weekday())) % 7;
                return Some(Hit::date(end, Point::Day(first.add_days(to_thu + 21))));
            }
            _ => return None,
        };
        self.month_day(end, m, Some(d), None, i)
    }

    fn latest_quarter(&self, end: usize) -> Option<Hit> {
        if let Some(p @ Point::Quarter(..)) = self.last {
            return Some(Hit::date(end, p));
        }
        self.dct_point(
            end,
            |d| {
                Point::Day(d)
                    .coarsen(Unit::Quarter)
                    .shift(Unit::Quarter, -1)
            },
            Unit::Quarter,
        )
    }

    /// Durations and distances: "six weeks", "two-year", "six weeks ago", "a year earlier",
    /// "47 years old", "more than two years".
    fn quantity(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        // approximators, part of the extent in TimeML
        match self.low(j) {
            "more" | "less" | "fewer" if self.is(j + 1, "than") => j += 2,
            "no" if matches!(self.low(j + 1), "more" | "less") && self.is(j + 2, "than") => j += 3,
            "nearly" | "almost" => j += 1,
            "at" if matches!(self.low(j + 1), "least" | "most") => j += 2,
            "up" if self.is(j + 1, "to") => j += 2,
            "the" => {
                // the first nine months, the 12 months
                j += 1;
                if matches!(self.low(j), "first" | "last" | "final") {
                    j += 1;
                }
                let (k, q) = self.qty(j)?;
                if matches!(self.low(j), "a" | "an" | "some" | "many") {
                    return None;
                }
                let (unit, plural) = lexicon::unit(self.low(k))?;
                if !plural {
                    return None;
                }
                let n = match q {
                    Qty::N(n) => Some(n),
                    Qty::Vague => None,
                };
                return Some(Hit::val(k + 1, duration(n, unit), TimexType::Duration));
            }
            _ => {}
        }
        if let Some(h) = self.half_quantity(j) {
            return Some(h);
        }
        let (k, q) = self.qty(j)?;
        let mut k = k;
        // "two-year", "47-year-old"
        let hyphen = self.is(k, "-") && self.glued(k) && self.glued(k + 1);
        if hyphen {
            k += 1;
        }
        let (unit, plural) = lexicon::unit(self.low(k))?;
        // "three-quarters of its food", "more than a quarter of the market": fractions.
        if unit == Unit::Quarter && self.is(k + 1, "of") {
            return None;
        }
        // "a second betrayal": the ordinal, not the unit.
        if unit == Unit::Second
            && !plural
            && self.word(k + 1)
            && !matches!(self.low(k + 1), "later" | "earlier" | "ago" | "or" | "and")
        {
            return None;
        }
        if matches!(q, Qty::N(1)) && plural && !self.t.get(j).is_some_and(|t| t.kind == Kind::Num) {
            // "a years" is not English; "one years" neither
        }
        if matches!(q, Qty::N(n) if n != 1) && !plural && !hyphen {
            // "two year" (without a hyphen) still a duration in sloppy text
        }
        if self.num_len(j) >= 4 && !plural {
            return None;
        }
        if matches!(self.low(j), "some" | "many" | "numerous") && !plural {
            return None;
        }
        if matches!(self.low(j), "a" | "an") && plural && k == j + 1 {
            return None;
        }
        let n = match q {
            Qty::N(n) => Some(n),
            Qty::Vague => None,
        };
        let mut end = k + 1;
        // 47-year-old, 47 years old
        // Ages ("47-year-old", "47 years old") describe people, not time.
        if (hyphen && self.is(end, "-") && self.glued(end) && self.is(end + 1, "old"))
            || self.is(end, "old")
        {
            return None;
        }
        if hyphen {
            return Some(Hit::val(end, duration(n, unit), TimexType::Duration));
        }
        let next = self.low(end);
        match next {
            "ago" => {
                end += 1;
                let Some(n) = n else {
                    return Some(Hit::val(end, "PAST_REF", TimexType::Date));
                };
                return self.distance(end, unit, -i64::from(n), false);
            }
            "earlier" | "later" => {
                end += 1;
                let Some(n) = n else {
                    let v = if next == "earlier" {
                        "PAST_REF"
                    } else {
                        "FUTURE_REF"
                    };
                    return Some(Hit::val(end, v, TimexType::Date));
                };
                let sign = if next == "earlier" { -1 } else { 1 };
                return self.distance(end, unit, sign * i64::from(n), true);
            }
            "from" if self.is(end + 1, "now") => {
                let Some(n) = n else {
                    return Some(Hit::val(end + 2, "FUTURE_REF", TimexType::Date));
                };
                return self.distance(end + 2, unit, i64::from(n), false);
            }
            _ => {}
        }
        // "a year" alone after a price ("$5 a year") is a set, skip it; a lone "a day" too.
        if matches!(self.low(j), "a" | "an") && matches!(self.prev_low(j), "") {
            // sentence-initial "A year" is fine
        }
        if matches!(self.low(i), "a" | "an")
            && self
                .t
                .get(i.wrapping_sub(1))
                .is_some_and(|t| t.kind == Kind::Num || t.low == "percent" || t.low == "%")
        {
            return Some(Hit::val(end, duration(n, unit), TimexType::Set));
        }
        Some(Hit::val(end, duration(n, unit), TimexType::Duration))
    }

    /// "2 1/2 years", "five and a half hours", "a minute and a half": durations with a half.
    fn half_quantity(&self, j: usize) -> Option<Hit> {
        let (k, q) = self.qty(j)?;
        let Qty::N(n) = q else {
            return None;
        };
        let is_half = |at: usize| {
            self.is(at, "1")
                && self.is(at + 1, "/")
                && self.glued(at + 1)
                && self.is(at + 2, "2")
                && self.glued(at + 2)
        };
        let and_a_half =
            |at: usize| self.is(at, "and") && self.is(at + 1, "a") && self.is(at + 2, "half");
        let (unit, end) = if is_half(k) || and_a_half(k) {
            (lexicon::unit(self.low(k + 3))?.0, k + 4)
        } else {
            // "a minute and a half": the unit first
            let (unit, _) = lexicon::unit(self.low(k))?;
            if !and_a_half(k + 1) {
                return None;
            }
            (unit, k + 4)
        };
        let value = match unit {
            Unit::Year => format!("P{n}Y6M"),
            Unit::Month => format!("P{n}M15D"),
            Unit::Day => format!("P{n}DT12H"),
            Unit::Hour => format!("PT{n}H30M"),
            Unit::Minute => format!("PT{n}M30S"),
            _ => return None,
        };
        Some(Hit::val(end, value, TimexType::Duration))
    }

    /// A date `n` units from the DCT (`anaphoric`: from the last date mentioned).
    fn distance(&self, end: usize, unit: Unit, n: i64, anaphoric: bool) -> Option<Hit> {
        let anchor = if anaphoric {
            self.last.or(self.dct.map(Point::Day))
        } else {
            self.dct.map(Point::Day)
        };
        // In quarterly reporting "a year ago" means the same quarter a year before.
        if unit == Unit::Year {
            if let Some(p @ (Point::Quarter(..) | Point::Half(..))) = self.last {
                if let Some(r) = p.shift(unit, n) {
                    return Some(Hit::rel(end, r));
                }
            }
        }
        let Some(anchor) = anchor else {
            return Some(Hit::val(end, unresolved(unit), TimexType::Date));
        };
        let target_unit = match unit {
            Unit::Second | Unit::Minute | Unit::Hour => Unit::Day,
            Unit::Weekend => Unit::Week,
            u => u,
        };
        let moved = match unit {
            Unit::Second | Unit::Minute | Unit::Hour => Some(anchor),
            Unit::Weekend => anchor.shift(Unit::Week, n),
            _ => anchor.shift(unit, n),
        };
        let moved = match moved {
            Some(m) => m,
            None => {
                let base = self.dct.map(Point::Day)?;
                base.shift(unit, n)?
            }
        };
        let p = if moved.unit() < target_unit {
            moved.coarsen(target_unit)
        } else {
            moved
        };
        Some(Hit::rel(end, p))
    }

    /// Quarters and halves: "the third quarter", "third-quarter", "Q3 2014", "the fourth
    /// quarter of 1997", "the quarter", "the year-earlier quarter", "the first half".
    fn quarter(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        if self.is(j, "the") {
            j += 1;
        }
        let mut explicit_year: Option<i32> = None;
        let mut rel_year: i64 = 0;
        // this year's / last year's
        if matches!(self.low(j), "this" | "last" | "next")
            && self.is(j + 1, "year")
            && self.is(j + 2, "'")
            && self.is(j + 3, "s")
        {
            rel_year = match self.low(j) {
                "last" => -1,
                "next" => 1,
                _ => 0,
            };
            explicit_year = self.dct.map(|d| d.year + rel_year as i32);
            j += 4;
        } else if self.num_len(j) == 4 && self.is(j + 1, "'") && self.is(j + 2, "s") {
            explicit_year = self.num(j, 4).map(|y| y as i32);
            j += 3;
        }
        if self.is(j, "fiscal") {
            j += 1;
        }
        if self.is(i, "the") && explicit_year.is_none() && self.num_len(j) == 4 {
            let y = self.num(j, 4)? as i32;
            if matches!(self.low(j + 1), "quarter" | "period") {
                let q = match self.last {
                    Some(Point::Quarter(_, q)) => q,
                    _ => {
                        let d = self.dct?;
                        match Point::Day(d)
                            .coarsen(Unit::Quarter)
                            .shift(Unit::Quarter, -1)?
                        {
                            Point::Quarter(_, q) => q,
                            _ => return None,
                        }
                    }
                };
                return Some(Hit::rel(j + 2, Point::Quarter(y, q)));
            }
            explicit_year = Some(y);
            j += 1;
        }
        // year-earlier / year-ago
        if self.is(j, "year")
            && self.is(j + 1, "-")
            && matches!(self.low(j + 2), "earlier" | "ago")
            && self.glued(j + 2)
        {
            let mut end = j + 3;
            // The period reported on: the last date when it lies in the DCT's year (a
            // quarter just named), else the DCT's year. A year already in the past is a
            // comparison itself, not the reference.
            let base = match (self.last, self.dct) {
                (Some(p), Some(d)) if p.unit() <= Unit::Year && p.year() == d.year => Some(p),
                (Some(p), None) if p.unit() <= Unit::Year => Some(p),
                (_, d) => d.map(|d| Point::Year(d.year)),
            };
            // "the year-ago third quarter": that quarter a year before.
            if let Some(q) = lexicon::ordinal_word(self.low(end)).filter(|q| (1..=4).contains(q)) {
                if self.is(end + 1, "quarter") {
                    let y = base.map(|p| p.year() - 1);
                    return Some(match y {
                        Some(y) => Hit::rel(end + 2, Point::Quarter(y, q as u8)),
                        None => Hit::val(end + 2, format!("XXXX-Q{q}"), TimexType::Date),
                    });
                }
            }
            if matches!(self.low(end), "quarter" | "period") {
                end += 1;
            } else if self.is(i, "the") {
                return None;
            }
            let p = match base {
                Some(p) => p.shift(Unit::Year, -1)?,
                None => return Some(Hit::val(end, "XXXX", TimexType::Date)),
            };
            return Some(Hit::rel(end, p));
        }
        let ord = lexicon::ordinal_word(self.low(j)).or_else(|| {
            let n = self.num(j, 1)?;
            (lexicon::ordinal_suffix(self.low(j + 1)) && self.glued(j + 1)).then_some(n)
        });
        let (n, k) = match ord {
            Some(n) => (
                Some(n),
                if self.t.get(j).is_some_and(|t| t.kind == Kind::Num) {
                    j + 2
                } else {
                    j + 1
                },
            ),
            None => {
                // Q3, the quarter, the latest quarter
                if self.low(j) == "q" && self.upper(j) && self.glued(j + 1) {
                    let q = self.num(j + 1, 1).filter(|q| (1..=4).contains(q))?;
                    let mut end = j + 2;
                    let mut y = None;
                    if let Some(yy) = self.num(end, 4).filter(|_| self.num_len(end) == 4) {
                        y = Some(yy as i32);
                        end += 1;
                    }
                    return self.quarter_value(end, q as u8, y.or(explicit_year), j);
                }
                if self.is(i, "the") && self.is(j, "quarter") && !self.is(j + 1, "-") {
                    if self.is(j + 1, "of") || self.is(j + 1, "century") {
                        return None;
                    }
                    return self.latest_quarter(j + 1);
                }
                return None;
            }
        };
        let mut k = k;
        if self.is(k, "-") && self.glued(k) {
            k += 1;
        }
        let half = match self.low(k) {
            "quarter" => false,
            "half" => true,
            _ => return None,
        };
        let n = n?;
        if (!half && !(1..=4).contains(&n)) || (half && !(1..=2).contains(&n)) {
            return None;
        }
        let mut end = k + 1;
        if self.is(end, "of") || self.is(end, ",") {
            let mut y_at = end + 1;
            if self.is(y_at, "fiscal") {
                y_at += 1;
            }
            if let Some(y) = self.num(y_at, 4).filter(|_| self.num_len(y_at) == 4) {
                explicit_year = Some(y as i32);
                end = y_at + 1;
            } else if self.is(end, "of")
                && matches!(self.low(y_at), "this" | "last" | "next")
                && self.is(y_at + 1, "year")
            {
                let r = match self.low(y_at) {
                    "last" => -1,
                    "next" => 1,
                    _ => 0,
                };
                explicit_year = self.dct.map(|d| d.year + r);
                if explicit_year.is_none() {
                    return Some(Hit::val(
                        y_at + 2,
                        if half {
                            format!("XXXX-H{n}")
                        } else {
                            format!("XXXX-Q{n}")
                        },
                        TimexType::Date,
                    ));
                }
                end = y_at + 2;
            } else if self.is(end, "of") && self.is(y_at, "the") && self.is(y_at + 1, "year") {
                end = y_at + 2;
            } else if self.is(end, "of") {
                // "the first quarter of the century" is not ours; "a loss for the third
                // quarter of $226.3 million" is, with "of" outside.
                let amount = self
                    .t
                    .get(y_at)
                    .is_some_and(|t| t.kind != Kind::Word || t.low == "about");
                if !self.is(y_at, "the") && !amount {
                    return None;
                }
            }
        } else if let Some(y) = self.num(end, 4).filter(|_| self.num_len(end) == 4) {
            explicit_year = Some(y as i32);
            end += 1;
        }
        let _ = rel_year;
        if half {
            let y = explicit_year.or_else(|| match self.last {
                Some(p) if p.unit() <= Unit::Year => Some(p.year()),
                _ => self.dct.map(|d| d.year),
            });
            return Some(match y {
                Some(y) => Hit::date(end, Point::Half(y, n as u8)),
                None => Hit::val(end, format!("XXXX-H{n}"), TimexType::Date),
            });
        }
        self.quarter_value(end, n as u8, explicit_year, i)
    }

    fn quarter_value(&self, end: usize, q: u8, year: Option<i32>, i: usize) -> Option<Hit> {
        if let Some(y) = year {
            return Some(Hit::date(end, Point::Quarter(y, q)));
        }
        // The DCT's year, moved back when the quarter has not begun yet.
        let Some(d) = self.dct else {
            return Some(Hit::val(end, format!("XXXX-Q{q}"), TimexType::Date));
        };
        let cur = (d.month - 1) / 3 + 1;
        let y = if q > cur && self.dir(i) == Dir::Back {
            d.year - 1
        } else {
            d.year
        };
        Some(Hit::date(end, Point::Quarter(y, q)))
    }

    /// Seasons: "summer 2014", "the summer of 2013", "in the spring", "winter".
    fn season_expr(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        let the = self.is(j, "the");
        if the {
            j += 1;
        }
        let s = lexicon::season(self.low(j))?;
        let mut end = j + 1;
        let y_at = if self.is(end, "of") { end + 1 } else { end };
        if let Some(y) = self.num(y_at, 4).filter(|_| self.num_len(y_at) == 4) {
            end = y_at + 1;
            return Some(Hit::date(end, Point::Season(y as i32, s)));
        }
        if self.is(end, "of") || (self.is(end, "-") && self.glued(end)) {
            return None;
        }
        // Bare seasons need a temporal context; "fall" is also a verb and a noun.
        let prev = self.prev_low(i);
        let ok = matches!(
            prev,
            "in" | "during"
                | "since"
                | "until"
                | "by"
                | "this"
                | "last"
                | "next"
                | "over"
                | "through"
                | "early"
                | "late"
                | "mid"
        ) || (the
            && matches!(
                prev,
                "in" | "during" | "since" | "until" | "by" | "over" | "through"
            ));
        if !ok || (s == 2 && self.low(j) == "fall" && !the) {
            return None;
        }
        let y = match self.dct {
            Some(d) => {
                let cur = current_season(d);
                if s > cur.1 && self.dir(i) == Dir::Back {
                    cur.0 - 1
                } else if s < cur.1 && self.dir(i) == Dir::Forward {
                    cur.0 + 1
                } else {
                    cur.0
                }
            }
            None => {
                return Some(Hit::val(
                    end,
                    format!("XXXX-{}", ["SP", "SU", "FA", "WI"][s as usize]),
                    TimexType::Date,
                ));
            }
        };
        Some(Hit::date(end, Point::Season(y, s)))
    }

    /// Decades and centuries: "the 1990s", "the '90s", "the 20th century".
    fn decade(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        if self.is(j, "the") {
            j += 1;
        }
        if matches!(self.low(j), "early" | "mid" | "late") {
            j += 1;
            if self.is(j, "-") {
                j += 1;
            }
        }
        // 1990s
        if self.num_len(j) == 4 && self.is(j + 1, "s") && self.glued(j + 1) {
            let y = self.num(j, 4)?;
            if y % 10 != 0 {
                return None;
            }
            if y % 100 == 0 && !self.is(i, "the") {
                // "1900s" could be a century; TIMEX keeps the decade reading
            }
            return Some(Hit::date(j + 2, Point::Decade(y as i32 / 10)));
        }
        // '90s
        if self.is(j, "'")
            && self.num_len(j + 1) == 2
            && self.glued(j + 1)
            && self.is(j + 2, "s")
            && self.glued(j + 2)
        {
            let yy = self.num(j + 1, 2)? as i32;
            if yy % 10 != 0 {
                return None;
            }
            let century = match self.dct {
                Some(d) if yy + 2000 <= d.year => 200,
                _ => 190,
            };
            return Some(Hit::date(j + 3, Point::Decade(century + yy / 10)));
        }
        // 20th century, twentieth century
        let n = lexicon::ordinal_word(self.low(j))
            .map(|n| (n, j + 1))
            .or_else(|| {
                let n = self.num(j, 2)?;
                (lexicon::ordinal_suffix(self.low(j + 1)) && self.glued(j + 1))
                    .then_some((n, j + 2))
            });
        if let Some((n, k)) = n {
            let k = if self.is(k, "-") { k + 1 } else { k };
            if self.is(k, "century") && (1..=30).contains(&n) {
                return Some(Hit::date(k + 1, Point::Century(n as i32 - 1)));
            }
        }
        None
    }

    /// Times of day: "10 a.m.", "10:30 p.m. EST", "noon", "midnight Friday", "14:00 GMT".
    fn time_of_day(&self, i: usize) -> Option<Hit> {
        let j = i;
        if matches!(self.low(j), "around" | "about" | "at")
            && (self.num(j + 1, 2).is_some() || matches!(self.low(j + 1), "noon" | "midnight"))
        {
            // TimeML leaves "about 10:35 a.m." out of the extent; the time starts after it.
            return None;
        }
        let (hh, mm, end, explicit_meridiem) = match self.low(j) {
            "noon" | "midday" => (12, 0, j + 1, true),
            "midnight" => (24, 0, j + 1, true),
            // "0900 GMT", "1530 hours": four digits of a 24-hour clock with a zone or "hours"
            _ if self.num_len(j) == 4
                && ((self.upper(j + 1) && lexicon::time_zone(self.low(j + 1)))
                    || self.is(j + 1, "hours")) =>
            {
                let v = self.num(j, 4)?;
                let (h, m) = (v / 100, v % 100);
                if h > 23 || m > 59 {
                    return None;
                }
                let end = if self.is(j + 1, "hours") {
                    j + 2
                } else {
                    j + 1
                };
                (h, m, end, false)
            }
            _ => {
                let h = self.num(j, 2)?;
                let mut k = j + 1;
                let mut m = None;
                if self.is(k, ":") && self.glued(k) && self.num_len(k + 1) == 2 && self.glued(k + 1)
                {
                    m = self.num(k + 1, 2);
                    k += 2;
                }
                let meridiem = self.meridiem(k);
                match meridiem {
                    Some((e, pm)) => {
                        if !(1..=12).contains(&h) || m.is_some_and(|m| m > 59) {
                            return None;
                        }
                        let hh = match (h, pm) {
                            (12, false) => 0,
                            (12, true) => 12,
                            (h, true) => h + 12,
                            (h, false) => h,
                        };
                        (hh, m.unwrap_or(0), e, true)
                    }
                    None => {
                        if self.is(k, "o") && self.is(k + 1, "'") && self.is(k + 2, "clock") {
                            if !(1..=12).contains(&h) {
                                return None;
                            }
                            (h, 0, k + 3, false)
                        } else {
                            // 24-hour clock needs minutes and a time zone or "hours"
                            let m = m?;
                            if h > 23 || m > 59 {
                                return None;
                            }
                            let tz = self.upper(k) && lexicon::time_zone(self.low(k));
                            if !tz && !self.is(k, "hours") && !self.is(k, "local") {
                                return None;
                            }
                            (h, m, k, false)
                        }
                    }
                }
            }
        };
        let _ = explicit_meridiem;
        let mut end = end;
        if self.upper(end) && lexicon::time_zone(self.low(end)) {
            end += 1;
        } else if self.is(end, "local") && self.is(end + 1, "time") {
            end += 2;
        }
        let clock = if mm == 0 && hh == 24 {
            "T24:00".to_string()
        } else {
            format!("T{hh:02}:{mm:02}")
        };
        // A day right after: "10 p.m. Wednesday", "5 p.m. EST, Nov. 9", "noon Saturday"
        let mut k = end;
        if self.is(k, ",") {
            k += 1;
        }
        if self.is(k, "on") {
            k += 1;
        }
        let day = self
            .weekday_expr(k)
            .or_else(|| self.explicit_date(k))
            .or_else(|| self.holiday(k))
            .or_else(|| self.deictic(k));
        if let Some(d) = day.filter(|d| d.kind == TimexType::Date && d.value.len() == 10) {
            return Some(Hit {
                end: d.end,
                value: format!("{}{clock}", d.value),
                kind: TimexType::Time,
                point: d.point,
            });
        }
        // Otherwise the day last mentioned (a narrative's day), else the DCT.
        let base = match (self.last, self.dct) {
            (Some(Point::Day(d)), _) | (None, Some(d)) => d.to_string(),
            (Some(_), Some(d)) => d.to_string(),
            (_, None) => "XXXX-XX-XX".to_string(),
        };
        Some(Hit::val(end, format!("{base}{clock}"), TimexType::Time))
    }

    /// `a.m.`, `p.m`, `am`, `PM` at `i`: the end and whether it is p.m.
    fn meridiem(&self, i: usize) -> Option<(usize, bool)> {
        let w = self.low(i);
        match w {
            "am" | "pm" => Some((self.dot(i + 1), w == "pm")),
            "a" | "p"
                if self.is(i + 1, ".")
                    && self.glued(i + 1)
                    && self.is(i + 2, "m")
                    && self.glued(i + 2) =>
            {
                Some((self.dot(i + 3), w == "p"))
            }
            _ => None,
        }
    }

    /// now, currently, recently, the past, the future, soon, ...
    fn refs(&self, i: usize) -> Option<Hit> {
        let w = self.low(i);
        let (v, end) = match w {
            "now" => {
                if self.is(i + 1, "that") {
                    return None;
                }
                ("PRESENT_REF", i + 1)
            }
            "right" | "just" if self.is(i + 1, "now") => ("PRESENT_REF", i + 2),
            "currently" | "nowadays" => ("PRESENT_REF", i + 1),
            "current" => {
                if lexicon::unit(self.low(i + 1)).is_some() {
                    return None;
                }
                ("PRESENT_REF", i + 1)
            }
            "at" if self.is(i + 1, "present") => ("PRESENT_REF", i + 2),
            "some" if self.is(i + 1, "time") && self.is(i + 2, "ago") => ("PAST_REF", i + 3),
            "a" if self.is(i + 1, "long") && self.is(i + 2, "time") && self.is(i + 3, "ago") => {
                ("PAST_REF", i + 4)
            }
            "these" if self.is(i + 1, "days") => ("PRESENT_REF", i + 2),
            "the" if self.is(i + 1, "present") && !self.word(i + 2) => ("PRESENT_REF", i + 2),
            "recently" | "lately" => ("PAST_REF", i + 1),
            // "in the past that ..."; "the past two years" is a longer rule's.
            "the" if self.is(i + 1, "past") && (!self.word(i + 2) || self.prev_low(i) == "in") => {
                ("PAST_REF", i + 2)
            }
            "the"
                if matches!(self.low(i + 1), "near" | "short")
                    && matches!(self.low(i + 2), "term" | "run") =>
            {
                ("FUTURE_REF", i + 3)
            }
            // "by year-end", "by year's end", "around year end": the DCT's year.
            "year" if !self.is(i.wrapping_sub(1), "the") => {
                let end = if self.is(i + 1, "-") && self.glued(i + 1) && self.is(i + 2, "end") {
                    i + 3
                } else if self.is(i + 1, "'") && self.is(i + 2, "s") && self.is(i + 3, "end") {
                    i + 4
                } else if self.is(i + 1, "end") {
                    i + 2
                } else {
                    return None;
                };
                let Some(d) = self.dct else {
                    return Some(Hit::val(end, "XXXX", TimexType::Date));
                };
                return Some(Hit::date(end, Point::Year(d.year)));
            }
            "the" if self.is(i + 1, "future") => ("FUTURE_REF", i + 2),
            "the" if self.is(i + 1, "near") && self.is(i + 2, "future") => ("FUTURE_REF", i + 3),
            _ => return None,
        };
        Some(Hit::val(end, v, TimexType::Date))
    }

    /// Recurrences: "every week", "each Thursday", "daily", "every two years".
    fn set(&self, i: usize) -> Option<Hit> {
        let w = self.low(i);
        let fixed = match w {
            "daily" => Some("P1D"),
            "weekly" => Some("P1W"),
            "monthly" => Some("P1M"),
            "yearly" => Some("P1Y"),
            "hourly" => Some("PT1H"),
            "nightly" => Some("P1D"),
            _ => None,
        };
        if let Some(v) = fixed {
            return Some(Hit::val(i + 1, v, TimexType::Set));
        }
        // "twice a week", "three times a year", "once a month": a frequency per unit.
        let per = match w {
            "once" | "twice" | "thrice" => Some(i + 1),
            _ if self.is(i + 1, "times") || self.is(i + 2, "times") => self
                .qty(i)
                .filter(|(k, q)| matches!(q, Qty::N(_)) && self.is(*k, "times"))
                .map(|(k, _)| k + 1),
            _ => None,
        };
        if let Some(k) = per {
            if matches!(self.low(k), "a" | "an" | "per" | "each" | "every") {
                let (unit, plural) = lexicon::unit(self.low(k + 1))?;
                if !plural {
                    return Some(Hit::val(k + 2, duration(Some(1), unit), TimexType::Set));
                }
            }
            return None;
        }
        if !matches!(w, "every" | "each") {
            return None;
        }
        let mut j = i + 1;
        let mut n = 1;
        if self.is(j, "other") {
            n = 2;
            j += 1;
        } else if let Some((k, Qty::N(q))) = self.qty(j) {
            if !self.is(j, "a") && !self.is(j, "an") {
                n = q;
                j = k;
            }
        }
        let t = self.low(j);
        if let Some((wd, _)) = lexicon::weekday(t) {
            let part = self.part_after(j + 1);
            let v = match part {
                Some((_, c)) => format!("XXXX-WXX-{wd}T{c}"),
                None => format!("XXXX-WXX-{wd}"),
            };
            return Some(Hit::val(part.map_or(j + 1, |p| p.0), v, TimexType::Set));
        }
        if let Some((m, false)) = lexicon::month(t) {
            return Some(Hit::val(j + 1, format!("XXXX-{m:02}"), TimexType::Set));
        }
        if let Some(code) = lexicon::part_of_day(t) {
            return Some(Hit::val(
                j + 1,
                format!("XXXX-XX-XXT{code}"),
                TimexType::Set,
            ));
        }
        let (unit, _) = lexicon::unit(t)?;
        Some(Hit::val(j + 1, duration(Some(n), unit), TimexType::Set))
    }

    /// Years: "1998", "fiscal 1998", "the year 2000", and the second year of "2011-13".
    fn year_expr(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        if self.is(j, "the") && self.is(j + 1, "year") && self.num_len(j + 2) == 4 {
            j += 2;
        } else if self.is(j, "fiscal") || (self.is(j, "fy") && self.upper(j)) {
            j += 1;
            if self.is(j, "year") {
                j += 1;
            }
            if self.num_len(j) != 4 {
                return None;
            }
        }
        if self.is(j, "nineteen") || (self.is(j, "twenty") && !self.is(j + 1, "-")) {
            // "nineteen ninety-six", "twenty fourteen"
            let century = if self.is(j, "nineteen") { 1900 } else { 2000 };
            let tens = lexicon::number_word(self.low(j + 1)).filter(|n| (10..=90).contains(n))?;
            let mut k = j + 2;
            let mut n = tens;
            if tens >= 20 && tens % 10 == 0 && self.is(k, "-") && self.glued(k) {
                n += lexicon::number_word(self.low(k + 1)).filter(|u| *u < 10)?;
                k += 2;
            }
            if lexicon::unit(self.low(k)).is_some() {
                return None;
            }
            return Some(Hit::date(k, Point::Year(century + n as i32)));
        }
        if self.num_len(j) != 4 {
            return None;
        }
        let y = self.num(j, 4)? as i32;
        if !(1000..=2100).contains(&y) {
            return None;
        }
        let prev = self.prev_low(j);
        let prev_tok = j.checked_sub(1).and_then(|p| self.t.get(p));
        if j == i {
            // Context: not a count, an amount, a code or part of a longer number.
            if let Some(p) = prev_tok {
                let glued_prev = self.glued(j);
                if glued_prev && !matches!(p.low.as_str(), "(" | "-" | "'" | "\"" | "/") {
                    return None;
                }
                if matches!(
                    p.low.as_str(),
                    "$" | "#"
                        | "£"
                        | "€"
                        | "about"
                        | "some"
                        | "nearly"
                        | "almost"
                        | "than"
                        | "over"
                        | "around"
                        | "approximately"
                        | "roughly"
                        | "least"
                        | "only"
                        | "just"
                        | "no"
                        | "number"
                        | "at"
                        | "page"
                        | "to"
                        | "and"
                        | "of"
                        | "/"
                        | ","
                        | "."
                ) && y < 1900
                {
                    return None;
                }
                if matches!(
                    p.low.as_str(),
                    "$" | "#"
                        | "£"
                        | "€"
                        | "about"
                        | "nearly"
                        | "almost"
                        | "approximately"
                        | "roughly"
                        | "no"
                        | "number"
                        | "page"
                ) {
                    return None;
                }
                if p.kind == Kind::Word
                    && p.upper
                    && lexicon::month(&p.low).is_none()
                    && !TEMPORAL_PREPS.contains(&p.low.as_str())
                    && !matches!(
                        p.low.as_str(),
                        "the"
                            | "fiscal"
                            | "since"
                            | "until"
                            | "summer"
                            | "spring"
                            | "winter"
                            | "autumn"
                            | "fall"
                            | "christmas"
                            | "a"
                            | "its"
                            | "his"
                            | "her"
                            | "their"
                    )
                {
                    return None;
                }
                if p.kind == Kind::Num {
                    return None;
                }
            }
            // Part of a number-only date that did not parse ("2014-02-30").
            if matches!(self.low(j + 1), "-" | "/" | ".")
                && self.glued(j + 1)
                && self.num(j + 2, 2).is_some()
                && self.glued(j + 2)
                && self.low(j + 3) == self.low(j + 1)
                && self.glued(j + 3)
            {
                return None;
            }
            let next = self.t.get(j + 1);
            if let Some(nx) = next {
                if nx.glued
                    && (nx.kind == Kind::Num
                        || matches!(nx.low.as_str(), "%" | "." | ",")
                            && self
                                .t
                                .get(j + 2)
                                .is_some_and(|t| t.glued && t.kind == Kind::Num))
                {
                    return None;
                }
                if matches!(
                    nx.low.as_str(),
                    "%" | "percent"
                        | "people"
                        | "troops"
                        | "soldiers"
                        | "men"
                        | "women"
                        | "children"
                        | "dollars"
                        | "euros"
                        | "pounds"
                        | "tonnes"
                        | "tons"
                        | "kilometres"
                        | "kilometers"
                        | "miles"
                        | "metres"
                        | "meters"
                        | "feet"
                        | "members"
                        | "votes"
                        | "cases"
                        | "deaths"
                        | "times"
                        | "hours"
                        | "minutes"
                        | "km"
                        | "kg"
                        | "points"
                ) {
                    return None;
                }
            }
            if y < 1900 && !TEMPORAL_PREPS.contains(&prev) {
                return None;
            }
        }
        Some(Hit::date(j + 1, Point::Year(y)))
    }
}

/// The season of a date and the year it belongs to (December belongs to the next winter).
fn current_season(d: Date) -> (i32, u8) {
    match d.month {
        3..=5 => (d.year, 0),
        6..=8 => (d.year, 1),
        9..=11 => (d.year, 2),
        12 => (d.year, 3),
        _ => (d.year - 1, 3),
    }
}

/// The unresolved value of a unit-sized date when there is no DCT.
fn unresolved(unit: Unit) -> String {
    match unit {
        Unit::Day | Unit::Hour | Unit::Minute | Unit::Second => "XXXX-XX-XX".into(),
        Unit::Week => "XXXX-WXX".into(),
        Unit::Weekend => "XXXX-WXX-WE".into(),
        Unit::Month => "XXXX-XX".into(),
        Unit::Quarter => "XXXX-QX".into(),
        Unit::Half => "XXXX-HX".into(),
        Unit::Year => "XXXX".into(),
        Unit::Decade => "XXX".into(),
        Unit::Century => "XX".into(),
    }
}
