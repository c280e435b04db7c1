//! The publication date from a dateline at the top of the text, for documents without one in
//! their metadata: "MOSCOW, Nov. 27, 2014 (Reuters) -", "27 November 2014" on a line of its
//! own, "Published: 2014-11-27 10:00".
//!
//! Only a full date (with its year) counts: a dateline without a year ("MOSCOW, Nov. 27
//! (Reuters)") cannot anchor anything and is left alone.

use newsgraph_core::Date;

use crate::calendar::Point;
use crate::grammar::Matcher;
use crate::scan::{scan, Kind, Tok};
use crate::tense::TenseMarks;

/// How far into the text a dateline may start, in bytes.
const HEAD: usize = 80;

/// The publication date written in the dateline or date line at the top of `text`, if any.
pub fn find_dateline(text: &str) -> Option<Date> {
    // The first line, at most a few hundred bytes.
    let mut end = text.find('\n').unwrap_or(text.len()).min(400);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let line = &text[..end];
    let mut toks: Vec<Tok> = Vec::new();
    scan(line, 0, &mut toks);
    let marks = TenseMarks::default();
    let words = toks.iter().filter(|t| t.kind == Kind::Word).count();
    let m = Matcher {
        t: &toks,
        dct: None,
        last: None,
        tense: &marks,
    };
    let mut i = 0;
    while i < toks.len() && toks[i].start < HEAD {
        if let Some(hit) = m.at(i) {
            if let Some(Point::Day(d)) = hit.point {
                let short_line = words <= 8;
                let next = toks.get(hit.end).map(|t| t.low.as_str()).unwrap_or("");
                let marked = matches!(next, "(" | "-" | ":" | "/" | "|" | "") || next == "--";
                if short_line || marked {
                    return Some(d);
                }
            }
            i = hit.end.max(i + 1);
        } else {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        let d = |y, m, d| Date::new(y, m, d);
        assert_eq!(
            find_dateline("MOSCOW, Nov. 27, 2014 (Reuters) - Russia said..."),
            d(2014, 11, 27)
        );
        assert_eq!(
            find_dateline("27 November 2014\n\nRussia said"),
            d(2014, 11, 27)
        );
        assert_eq!(
            find_dateline("Published: 2014-11-27 10:00\nText"),
            d(2014, 11, 27)
        );
        assert_eq!(
            find_dateline("MOSCOW, Nov. 27 (Reuters) - Russia said"),
            None
        );
        assert_eq!(
            find_dateline("Russia said on November 17, 2014 that talks in Geneva had failed and would not resume soon."),
            None
        );
        assert_eq!(find_dateline(""), None);
    }
}
