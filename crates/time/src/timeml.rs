//! Reading TimeML (`.tml`) files and scoring the tagger against them the TempEval-3 way.
//!
//! [`read`] turns a TimeML document into its plain text (the content of `<TEXT>`), its
//! document creation time and its gold `TIMEX3` annotations with byte spans into that text.
//! [`Score::add`] tags the text and counts relaxed (overlapping) and strict (identical)
//! extent matches; a value or type counts only when the extents match (relaxed), as the
//! TempEval-3 scorer does.

use quick_xml::events::Event;
use quick_xml::Reader;

use newsgraph_core::{Date, Document, Span, Stage, TimeExpr};

use crate::TimeTagger;

/// Why a TimeML file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TimemlError {
    /// The XML is malformed.
    #[error("malformed XML at byte {position}: {message}")]
    Xml {
        /// Byte offset of the problem.
        position: u64,
        /// What the XML reader said.
        message: String,
    },
    /// There is no `<TEXT>` element.
    #[error("no <TEXT> element")]
    NoText,
}

/// A gold `TIMEX3` annotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldTimex {
    /// Byte span in [`TimemlDoc::text`].
    pub span: Span,
    /// The `value` attribute.
    pub value: String,
    /// The `type` attribute (`DATE`, `TIME`, `DURATION`, `SET`).
    pub kind: String,
}

/// A TimeML document: text, creation time and gold expressions.
#[derive(Clone, Debug, Default)]
pub struct TimemlDoc {
    /// The `<DOCID>`, if present.
    pub id: String,
    /// The content of `<TEXT>` with the markup removed.
    pub text: String,
    /// The document creation time (`functionInDocument="CREATION_TIME"`).
    pub dct: Option<Date>,
    /// Gold expressions inside `<TEXT>`, in text order.
    pub gold: Vec<GoldTimex>,
}

/// Parses a TimeML document.
pub fn read(xml: &str) -> Result<TimemlDoc, TimemlError> {
    let mut reader = Reader::from_str(xml);
    let mut doc = TimemlDoc::default();
    let mut in_text = false;
    let mut seen_text = false;
    let mut in_docid = false;
    let mut open: Option<(usize, String, String, bool)> = None;
    loop {
        let ev = reader.read_event().map_err(|e| TimemlError::Xml {
            position: reader.error_position(),
            message: e.to_string(),
        })?;
        match ev {
            Event::Start(e) => match e.name().as_ref() {
                b"TEXT" => {
                    in_text = true;
                    seen_text = true;
                }
                b"DOCID" => in_docid = true,
                b"TIMEX3" => {
                    let mut value = String::new();
                    let mut kind = String::new();
                    let mut creation = false;
                    for a in e.attributes().flatten() {
                        let v = String::from_utf8_lossy(&a.value).into_owned();
                        match a.key.as_ref() {
                            b"value" => value = v,
                            b"type" => kind = v,
                            b"functionInDocument" => creation = v == "CREATION_TIME",
                            _ => {}
                        }
                    }
                    if creation && doc.dct.is_none() {
                        doc.dct = Date::parse_iso(value.get(..10).unwrap_or(&value)).ok();
                    }
                    open = Some((doc.text.len(), value, kind, in_text));
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                b"TEXT" => in_text = false,
                b"DOCID" => in_docid = false,
                b"TIMEX3" => {
                    if let Some((start, value, kind, true)) = open.take() {
                        // Trim the span to non-space text.
                        let piece = &doc.text[start..];
                        let lead = piece.len() - piece.trim_start().len();
                        let end = doc.text.trim_end().len().max(start + lead);
                        doc.gold.push(GoldTimex {
                            span: Span::new(start + lead, end),
                            value,
                            kind,
                        });
                    }
                }
                _ => {}
            },
            Event::Text(t) => {
                let s = t.decode().map_err(|e| TimemlError::Xml {
                    position: reader.buffer_position(),
                    message: e.to_string(),
                })?;
                if in_text {
                    doc.text.push_str(&s);
                } else if in_docid {
                    doc.id.push_str(s.trim());
                }
            }
            Event::CData(t) if in_text => {
                doc.text.push_str(&String::from_utf8_lossy(&t.into_inner()));
            }
            Event::GeneralRef(r) if in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    doc.text.push(c);
                } else {
                    let name = String::from_utf8_lossy(&r.into_inner()).into_owned();
                    let c = match name.as_str() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    };
                    doc.text.push_str(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_text {
        return Err(TimemlError::NoText);
    }
    Ok(doc)
}

/// One mismatch between the tagger and the gold annotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// Document id.
    pub doc: String,
    /// `missed`, `spurious`, `extent`, `value` or `type`.
    pub what: &'static str,
    /// Gold text and value (empty for a spurious expression).
    pub gold: (String, String),
    /// Predicted text and value (empty for a missed expression).
    pub predicted: (String, String),
    /// The text around the expression (up to 60 bytes either side, on one line).
    pub context: String,
}

/// Counts over a set of documents.
#[derive(Clone, Debug, Default)]
pub struct Score {
    /// Documents scored.
    pub documents: usize,
    /// Gold expressions.
    pub gold: usize,
    /// Predicted expressions.
    pub predicted: usize,
    /// Gold expressions overlapped by a prediction (one-to-one).
    pub relaxed: usize,
    /// Gold expressions with a prediction of exactly the same extent.
    pub strict: usize,
    /// Relaxed matches with the same value.
    pub value: usize,
    /// Relaxed matches with the same type.
    pub kind: usize,
    /// Mismatches, when asked for.
    pub errors: Vec<Mismatch>,
}

impl Score {
    /// Tags `doc` with `tagger` (sentences split by the text crate's splitter) and adds
    /// its counts; records mismatches when `keep_errors`.
    pub fn add(
        &mut self,
        tagger: &TimeTagger,
        splitter: &dyn Stage,
        doc: &TimemlDoc,
        keep_errors: bool,
    ) {
        self.add_after(tagger, &[splitter], doc, keep_errors);
    }

    /// Like [`Score::add`], running `stages` (sentence splitter first; a tokenizer and POS
    /// tagger give the tense from Penn tags) before the time tagger.
    pub fn add_after(
        &mut self,
        tagger: &TimeTagger,
        stages: &[&dyn Stage],
        doc: &TimemlDoc,
        keep_errors: bool,
    ) {
        let mut d = Document::from_text(doc.id.clone(), doc.text.clone());
        d.meta.published = doc.dct;
        for stage in stages {
            stage.annotate(&mut d);
        }
        let units: Vec<Span> = d.sentences.iter().map(|s| s.span).collect();
        let predicted = tagger.tag(&d.text, doc.dct, &units, &d.tokens);
        self.add_predictions(doc, &predicted, keep_errors);
    }

    /// Adds the counts of `predicted` against the gold of `doc`.
    pub fn add_predictions(&mut self, doc: &TimemlDoc, predicted: &[TimeExpr], keep_errors: bool) {
        self.documents += 1;
        self.gold += doc.gold.len();
        self.predicted += predicted.len();
        let text = |s: Span| s.slice(&doc.text).replace('\n', " ");
        let context = |s: Span| around(&doc.text, s);
        let mut used = vec![false; predicted.len()];
        for g in &doc.gold {
            let found = predicted
                .iter()
                .enumerate()
                .find(|(k, p)| !used[*k] && p.span.overlaps(g.span));
            let Some((k, p)) = found else {
                if keep_errors {
                    self.errors.push(Mismatch {
                        doc: doc.id.clone(),
                        what: "missed",
                        gold: (text(g.span), g.value.clone()),
                        predicted: (String::new(), String::new()),
                        context: context(g.span),
                    });
                }
                continue;
            };
            used[k] = true;
            self.relaxed += 1;
            let strict = p.span == g.span;
            let value = p.value == g.value;
            let kind = p.kind.as_str() == g.kind;
            self.strict += usize::from(strict);
            self.value += usize::from(value);
            self.kind += usize::from(kind);
            if keep_errors && (!strict || !value || !kind) {
                let what = if !value {
                    "value"
                } else if !strict {
                    "extent"
                } else {
                    "type"
                };
                self.errors.push(Mismatch {
                    doc: doc.id.clone(),
                    what,
                    gold: (text(g.span), format!("{} {}", g.kind, g.value)),
                    predicted: (text(p.span), format!("{} {}", p.kind.as_str(), p.value)),
                    context: context(g.span),
                });
            }
        }
        if keep_errors {
            for (k, p) in predicted.iter().enumerate() {
                if !used[k] {
                    self.errors.push(Mismatch {
                        doc: doc.id.clone(),
                        what: "spurious",
                        gold: (String::new(), String::new()),
                        predicted: (text(p.span), format!("{} {}", p.kind.as_str(), p.value)),
                        context: context(p.span),
                    });
                }
            }
        }
    }

    /// The kept mismatches grouped by kind (`missed`, `spurious`, `extent`, `value`, `type`,
    /// in that order), each group sorted by gold and predicted value, with the size of
    /// each group.
    pub fn grouped_errors(&self) -> (Vec<&Mismatch>, Vec<(&'static str, usize)>) {
        const ORDER: [&str; 5] = ["missed", "spurious", "extent", "value", "type"];
        let rank = |w: &str| ORDER.iter().position(|o| *o == w).unwrap_or(ORDER.len());
        let mut all: Vec<&Mismatch> = self.errors.iter().collect();
        all.sort_by(|a, b| {
            (rank(a.what), &a.gold.1, &a.predicted.1, &a.doc).cmp(&(
                rank(b.what),
                &b.gold.1,
                &b.predicted.1,
                &b.doc,
            ))
        });
        let counts = ORDER
            .iter()
            .map(|w| (*w, self.errors.iter().filter(|m| m.what == *w).count()))
            .collect();
        (all, counts)
    }

    /// F1 of `correct` against the predicted and gold counts.
    pub fn f1(&self, correct: usize) -> f64 {
        let p = ratio(correct, self.predicted);
        let r = ratio(correct, self.gold);
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Up to 60 bytes of `text` either side of `s` (on char boundaries), on one line.
fn around(text: &str, s: Span) -> String {
    let mut lo = s.start.saturating_sub(60);
    while lo > 0 && !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut hi = (s.end + 60).min(text.len());
    while hi < text.len() && !text.is_char_boundary(hi) {
        hi += 1;
    }
    let mut out = String::new();
    for (piece, mark) in [
        (text.get(lo..s.start), "["),
        (text.get(s.start..s.end), "]"),
        (text.get(s.end..hi), ""),
    ] {
        out.push_str(piece.unwrap_or(""));
        out.push_str(mark);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TML: &str = r#"<?xml version="1.0" ?>
<TimeML><DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07" temporalFunction="false" functionInDocument="CREATION_TIME">08/07/1998</TIMEX3></DCT>
<TEXT>Bombs <EVENT eid="e1">exploded</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3> &amp; <TIMEX3 tid="t2" type="DURATION" value="P2Y">two years</TIMEX3> later.</TEXT>
</TimeML>"#;

    #[test]
    fn reads_text_dct_and_gold_spans() {
        let d = read(TML).unwrap();
        assert_eq!(d.id, "X1");
        assert_eq!(d.dct, Date::new(1998, 8, 7));
        assert_eq!(d.text, "Bombs exploded Friday & two years later.");
        assert_eq!(d.gold.len(), 2);
        assert_eq!(d.gold[0].span.slice(&d.text), "Friday");
        assert_eq!(d.gold[1].span.slice(&d.text), "two years");
        assert_eq!(d.gold[1].value, "P2Y");
    }

    #[test]
    fn malformed_xml_is_an_error() {
        assert!(read("<TimeML><TEXT>a <b></TEXT>").is_err());
        assert!(matches!(
            read("<TimeML></TimeML>"),
            Err(TimemlError::NoText)
        ));
    }

    #[test]
    fn scoring_counts_relaxed_strict_and_value() {
        let d = read(TML).unwrap();
        let mut s = Score::default();
        let p = vec![
            TimeExpr {
                span: d.gold[0].span,
                value: "1998-08-07".into(),
                kind: newsgraph_core::TimexType::Date,
            },
            TimeExpr {
                span: Span::new(d.gold[1].span.start, d.gold[1].span.end + 6),
                value: "P3Y".into(),
                kind: newsgraph_core::TimexType::Duration,
            },
        ];
        s.add_predictions(&d, &p, true);
        assert_eq!((s.relaxed, s.strict, s.value, s.kind), (2, 1, 1, 2));
        assert_eq!(s.errors.len(), 1);
        assert_eq!(s.errors[0].what, "value");
    }
}
