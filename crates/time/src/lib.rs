//! Temporal expressions: recognition and normalisation against the publication date.
//!
//! [`TimeTagger`] is the pipeline stage. It finds date and time expressions in every sentence
//! ("on November 17", "yesterday (November 26)", "six weeks ago", "earlier this month", "the
//! past two years", "every week", "now") and fills [`Document::times`] with their byte spans,
//! TIMEX3 values and types:
//!
//! | expression | value | type |
//! |---|---|---|
//! | November 17, 2014 · 2014-11-17 · 17 Nov. 2014 | `2014-11-17` | DATE |
//! | November 17 (DCT 2014-11-27) | `2014-11-17` | DATE |
//! | in December (past tense, DCT 2015-01-10) | `2014-12` | DATE |
//! | last week (DCT 2014-11-27) | `2014-W47` | DATE |
//! | six weeks ago | `2014-W42` | DATE |
//! | the third quarter · this summer · the 1990s | `2014-Q3` · `2014-SU` · `199` | DATE |
//! | this morning · 10:30 p.m. | `2014-11-27TMO` · `2014-11-27T22:30` | TIME |
//! | six weeks · the past two years · 24 hours | `P6W` · `P2Y` · `PT24H` | DURATION |
//! | every week · daily · each Thursday | `P1W` · `P1D` · `XXXX-WXX-4` | SET |
//! | now · recently · the future | `PRESENT_REF` · `PAST_REF` · `FUTURE_REF` | DATE |
//!
//! # Anchoring
//! The document creation time (DCT) is [`Metadata::published`](newsgraph_core::Metadata).
//! When it is missing the stage looks for a dateline at the top of the text ("MOSCOW, Nov. 27,
//! 2014 (Reuters) -", a first line "27 November 2014") and, if it finds a full date, records it
//! there. Without any DCT, years stay unresolved (`XXXX-11-17`, `XXXX-WXX`).
//!
//! Relative expressions count from the DCT. An underspecified month or day takes the year that
//! puts it nearest the DCT, biased by the tense of its clause: a past-tense clause reaches at
//! most a month beyond the DCT (a deadline set or moved: "was extended to Nov. 16"), so "Talks
//! broke down in December", written in November, means last December; a future-tense one
//! ("will resume in January") does not reach back before the DCT's month; a clause without either (a present tense, an infinitive
//! after a reporting verb: "said it expects the sale to close by Dec. 15", a deadline word:
//! "payable Jan. 2") takes the nearer occurrence within six months either side. A bare
//! weekday is the latest one on or before the DCT unless its clause looks ahead ("will meet
//! on Friday", "as soon as Tuesday"). Tense comes from the Penn tags of `doc.tokens` when the
//! tagger has run, with word cues laid over them, and from the word cues alone otherwise. Anaphoric expressions ("a year earlier", "the following week", "the quarter")
//! count from the last date mentioned before them.
//!
//! # Dating events and quotes
//! Later stages call [`date_at`] (or [`sentence_date`], or [`dating_at`] for the source of
//! the answer) to date what they found:
//!
//! ```
//! use newsgraph_core::{Date, Document, Stage};
//! use newsgraph_time::{date_at, sentence_date, TimeTagger};
//!
//! let mut doc = Document::from_text("d", "Lavrov spoke on December 9. He criticised Washington.");
//! doc.meta.published = Date::new(2014, 12, 10);
//! newsgraph_text::SentenceSplitter.annotate(&mut doc);
//! TimeTagger::new().annotate(&mut doc);
//! assert_eq!(doc.times[0].value, "2014-12-09");
//! assert_eq!(sentence_date(&doc, 0).as_deref(), Some("2014-12-09"));
//! // The second sentence has no date of its own: the paragraph's applies.
//! let offset = doc.text.find("criticised").unwrap();
//! assert_eq!(date_at(&doc, offset).as_deref(), Some("2014-12-09"));
//! ```
#![deny(missing_docs)]

mod calendar;
mod dateline;
mod grammar;
mod lexicon;
mod scan;
mod tense;
pub mod timeml;

use newsgraph_core::{Date, Diagnostic, Document, Span, Stage, TimeExpr, TimexType, Token};

use crate::grammar::Matcher;
use crate::scan::{scan, Tok};
use crate::tense::TenseMarks;

pub use crate::dateline::find_dateline;

/// The time tagger stage: fills `doc.times` (see the crate docs).
#[derive(Clone, Debug, Default)]
pub struct TimeTagger {
    _private: (),
}

impl TimeTagger {
    /// A tagger. The grammar is compiled code, so construction is free.
    pub fn new() -> TimeTagger {
        TimeTagger { _private: () }
    }

    /// Finds and normalises the time expressions of `text` against `dct`, treating each
    /// span of `units` (sentences; the whole text when empty) as one clause for tense, and
    /// taking tense from `tokens` (tagged with Penn tags) when they cover a unit.
    pub fn tag(
        &self,
        text: &str,
        dct: Option<Date>,
        units: &[Span],
        tokens: &[Token],
    ) -> Vec<TimeExpr> {
        let whole = [Span::new(0, text.len())];
        let units = if units.is_empty() { &whole[..] } else { units };
        let mut out = Vec::new();
        let mut last = None;
        let mut toks: Vec<Tok> = Vec::new();
        let tagged = !tokens.is_empty() && tokens.iter().any(|t| !t.xpos.is_empty());
        for unit in units {
            let Some(s) = text.get(unit.start..unit.end) else {
                continue;
            };
            toks.clear();
            scan(s, unit.start, &mut toks);
            let marks = if tagged {
                let lo = tokens.partition_point(|t| t.span.end <= unit.start);
                let hi = tokens.partition_point(|t| t.span.start < unit.end);
                if lo < hi {
                    TenseMarks::merged(
                        TenseMarks::from_tagged(&tokens[lo..hi], text),
                        TenseMarks::from_words(&toks),
                    )
                } else {
                    TenseMarks::from_words(&toks)
                }
            } else {
                TenseMarks::from_words(&toks)
            };
            tag_unit(&toks, dct, &marks, &mut last, &mut out);
        }
        out
    }
}

/// Tags one sentence's tokens, carrying the anaphora anchor `last` across sentences.
fn tag_unit(
    toks: &[Tok],
    dct: Option<Date>,
    marks: &TenseMarks,
    last: &mut Option<calendar::Point>,
    out: &mut Vec<TimeExpr>,
) {
    let mut i = 0;
    while i < toks.len() {
        let m = Matcher {
            t: toks,
            dct,
            last: *last,
            tense: marks,
        };
        let Some(hit) = m.at(i) else {
            i += 1;
            continue;
        };
        let end = hit.end.min(toks.len()).max(i + 1);
        out.push(TimeExpr {
            span: Span::new(toks[i].start, toks[end - 1].end),
            value: hit.value,
            kind: hit.kind,
        });
        if let Some(p) = hit.point {
            if hit.kind == TimexType::Date || hit.kind == TimexType::Time {
                *last = Some(p);
            }
            // A year range "2011-13" or "2011-2013": the second year is its own expression.
            if let calendar::Point::Year(y) = p {
                if let Some(second) = year_range_end(toks, end, y) {
                    out.push(TimeExpr {
                        span: Span::new(toks[end + 1].start, toks[end + 1].end),
                        value: second.to_string(),
                        kind: TimexType::Date,
                    });
                    i = end + 2;
                    continue;
                }
            }
        }
        i = end;
    }
}

fn year_range_end(toks: &[Tok], end: usize, y: i32) -> Option<i32> {
    let dash = toks.get(end)?;
    let n = toks.get(end + 1)?;
    if dash.low != "-" || !dash.glued || !n.glued || n.kind != scan::Kind::Num {
        return None;
    }
    let v: i32 = n.low.parse().ok()?;
    let second = match n.low.len() {
        2 => y - y % 100 + v,
        4 => v,
        _ => return None,
    };
    (second > y && second - y < 100).then_some(second)
}

impl Stage for TimeTagger {
    fn name(&self) -> &'static str {
        "time"
    }

    fn annotate(&self, doc: &mut Document) {
        if doc.meta.published.is_none() {
            if let Some(d) = find_dateline(&doc.text) {
                doc.meta.published = Some(d);
                doc.diagnostics.push(Diagnostic::info(
                    "time",
                    format!("publication date {d} taken from the dateline"),
                ));
            }
        }
        let units: Vec<Span> = if doc.sentences.is_empty() {
            doc.paragraphs.clone()
        } else {
            doc.sentences.iter().map(|s| s.span).collect()
        };
        doc.times = self.tag(&doc.text, doc.meta.published, &units, &doc.tokens);
    }
}

/// Where the date given by [`dating_at`] comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateSource {
    /// A date expression in the same sentence.
    Sentence,
    /// A date expression elsewhere in the same paragraph.
    Paragraph,
    /// The publication date.
    Published,
}

/// A date that applies to a position, with where it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dating {
    /// ISO date, partial allowed: `2014-11-17`, `2014-11`, `2014-W47`, `2014`, `XXXX-11-17`.
    pub value: String,
    /// Where the date comes from.
    pub source: DateSource,
    /// The expression it comes from (`None` for the publication date).
    pub span: Option<Span>,
}

/// The date that applies at byte `offset` of `doc.text`, as an ISO string (partial allowed):
/// the date expression of the sentence holding `offset` (the nearest one when there are
/// several), else the nearest preceding one in its paragraph (or the paragraph's first),
/// else the publication date. `None` when none of these exists.
///
/// Only calendar dates count: durations, sets and `PAST_REF`-style references are skipped,
/// `PRESENT_REF` stands for the publication date, and a time of day gives its day
/// (`2014-11-26TMO` → `2014-11-26`). Call it after the time stage has run.
pub fn date_at(doc: &Document, offset: usize) -> Option<String> {
    dating_at(doc, offset).map(|d| d.value)
}

/// The date that applies to sentence `sentence` (index into `doc.sentences`); the same rules
/// as [`date_at`], with the sentence's first date expression preferred.
pub fn sentence_date(doc: &Document, sentence: usize) -> Option<String> {
    let s = doc.sentences.get(sentence)?;
    dating_in(doc, s.span, s.span.start, true).map(|d| d.value)
}

/// Like [`date_at`], also telling where the date comes from.
pub fn dating_at(doc: &Document, offset: usize) -> Option<Dating> {
    let sentence = doc
        .sentence_at(offset)
        .and_then(|i| doc.sentences.get(i))
        .map(|s| s.span)
        .unwrap_or(Span::new(offset, offset));
    dating_in(doc, sentence, offset, false)
}

fn dating_in(doc: &Document, sentence: Span, offset: usize, first: bool) -> Option<Dating> {
    let dated = |t: &&TimeExpr| calendar_value(doc, t).is_some();
    let in_sentence: Vec<&TimeExpr> = doc
        .times
        .iter()
        .filter(|t| sentence.contains(t.span) && !sentence.is_empty())
        .filter(dated)
        .collect();
    let pick = if first {
        in_sentence.first().copied()
    } else {
        in_sentence
            .iter()
            .min_by_key(|t| distance(t.span, offset))
            .copied()
    };
    if let Some(t) = pick {
        return Some(Dating {
            value: calendar_value(doc, t)?,
            source: DateSource::Sentence,
            span: Some(t.span),
        });
    }
    let para = doc
        .paragraph_at(sentence.start)
        .and_then(|p| doc.paragraphs.get(p))
        .copied();
    if let Some(p) = para {
        let in_para: Vec<&TimeExpr> = doc
            .times
            .iter()
            .filter(|t| p.contains(t.span))
            .filter(dated)
            .collect();
        let before = in_para.iter().rev().find(|t| t.span.end <= sentence.start);
        if let Some(t) = before.or(in_para.first()) {
            return Some(Dating {
                value: calendar_value(doc, t)?,
                source: DateSource::Paragraph,
                span: Some(t.span),
            });
        }
    }
    doc.meta.published.map(|d| Dating {
        value: d.to_string(),
        source: DateSource::Published,
        span: None,
    })
}

fn distance(span: Span, offset: usize) -> usize {
    if offset < span.start {
        span.start - offset
    } else {
        offset.saturating_sub(span.end)
    }
}

/// The calendar date an expression gives, if it gives one.
fn calendar_value(doc: &Document, t: &TimeExpr) -> Option<String> {
    match t.kind {
        TimexType::Duration | TimexType::Set => return None,
        TimexType::Date | TimexType::Time => {}
    }
    if t.value == "PRESENT_REF" {
        return doc.meta.published.map(|d| d.to_string());
    }
    let v = t.value.split('T').next().unwrap_or("");
    let first = v.chars().next()?;
    if !(first.is_ascii_digit() || first == 'X') || v.chars().all(|c| c == 'X' || c == '-') {
        return None;
    }
    Some(v.to_string())
}

#[cfg(test)]
mod tests;
