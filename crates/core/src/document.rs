//! The document: cleaned text, alignment to the raw input, metadata and annotation layers.

use std::collections::BTreeMap;

use crate::layers::{Entity, Event, Quote, Sentence, TimeExpr, Token};
use crate::Date;

/// A half-open byte range `[start, end)` into [`Document::text`].
///
/// Internally every span is a **byte** offset on a char boundary, so slicing is free; the wire
/// form converts to the Unicode-scalar offsets the contract promises (see [`crate::wire`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    /// Whether the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// Whether `other` lies inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    /// Whether the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The text this span covers in `text` (empty if out of range or off a char boundary).
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Why the cleaner left a piece of the input out of the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DropReason {
    /// Site navigation, section labels, "Breaking News", "Latest Posts".
    Navigation,
    /// The headline, kept in the metadata instead of the body.
    Title,
    /// The byline, kept in the metadata.
    Byline,
    /// The outlet line ("According to VOV.VN"), kept in the metadata.
    Outlet,
    /// A paragraph already present in the body.
    Duplicate,
    /// A photo caption or photo credit.
    Caption,
    /// Image or other markup left by a scraper.
    Markup,
    /// Blog or site boilerplate ("About This Blog" and its text).
    Boilerplate,
    /// A line seen in other documents from the same source.
    Repeated,
    /// Blank or whitespace-only content, or text the reader could not use.
    Empty,
    /// A dateline or date stamp, kept in the metadata as the publication date.
    Dateline,
}

impl DropReason {
    /// The contract name of the reason.
    pub fn as_str(self) -> &'static str {
        match self {
            DropReason::Navigation => "navigation",
            DropReason::Title => "title",
            DropReason::Byline => "byline",
            DropReason::Outlet => "outlet",
            DropReason::Duplicate => "duplicate",
            DropReason::Caption => "caption",
            DropReason::Markup => "markup",
            DropReason::Boilerplate => "boilerplate",
            DropReason::Repeated => "repeated",
            DropReason::Empty => "empty",
            DropReason::Dateline => "dateline",
        }
    }
}

/// A piece of the raw input that is not part of the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dropped {
    /// The dropped text, as it was in the input.
    pub text: String,
    /// Why it was dropped.
    pub reason: DropReason,
    /// Where it was, as a byte range into [`Document::raw`].
    pub raw: Span,
}

/// One piece of the clean text copied verbatim from the raw input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Byte offset in the clean text.
    pub clean: usize,
    /// Byte offset in the raw input.
    pub raw: usize,
    /// Length in bytes.
    pub len: usize,
}

/// Maps offsets in the clean text back to the raw input.
///
/// Built by the cleaner as a sorted list of verbatim segments; text the cleaner inserted
/// (paragraph breaks, decoded entities) maps to the nearest preceding raw position.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Alignment {
    /// Segments sorted by `clean`.
    pub segments: Vec<Segment>,
}

impl Alignment {
    /// Appends a verbatim segment; segments must be pushed in clean-text order.
    pub fn push(&mut self, clean: usize, raw: usize, len: usize) {
        if len > 0 {
            self.segments.push(Segment { clean, raw, len });
        }
    }

    /// The raw byte offset of clean byte offset `clean`.
    pub fn to_raw(&self, clean: usize) -> Option<usize> {
        let i = self.segments.partition_point(|s| s.clean <= clean);
        let seg = self.segments.get(i.checked_sub(1)?)?;
        let delta = clean - seg.clean;
        Some(seg.raw + delta.min(seg.len))
    }

    /// The raw byte range of a clean span.
    pub fn span_to_raw(&self, span: Span) -> Option<Span> {
        let start = self.to_raw(span.start)?;
        let end = if span.end > span.start {
            self.to_raw(span.end - 1)? + 1
        } else {
            start
        };
        Some(Span::new(start, end.max(start)))
    }
}

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth knowing; the document is fine.
    Info,
    /// Something was off but handled (lossy decoding, no date found).
    Warning,
    /// The document could not be processed.
    Error,
}

/// A problem found while reading or analysing a document, kept as data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// Which reader or stage found it.
    pub origin: &'static str,
    /// What is wrong, one line.
    pub message: String,
}

impl Diagnostic {
    /// A warning from `origin`.
    pub fn warning(origin: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            origin,
            message: message.into(),
        }
    }
    /// An informational note from `origin`.
    pub fn info(origin: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Info,
            origin,
            message: message.into(),
        }
    }
}

/// Metadata of an article, from the text, the page or the container.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metadata {
    /// Headline.
    pub title: Option<String>,
    /// Standfirst or description under the headline.
    pub standfirst: Option<String>,
    /// Author as written, without leading dashes.
    pub byline: Option<String>,
    /// Publishing outlet named in the text or page.
    pub outlet: Option<String>,
    /// Publication date (the document creation time for date resolution).
    pub published: Option<Date>,
    /// Where the article came from (URL).
    pub url: Option<String>,
    /// Source name given by a container (JSON Lines `source`, WARC host).
    pub source: Option<String>,
    /// Any other fields the reader found, kept as strings.
    pub extra: BTreeMap<String, String>,
}

/// One article as the pipeline sees it.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// Stable content id: the same input bytes always give the same id.
    pub id: String,
    /// Input path, or `None` for stdin.
    pub path: Option<String>,
    /// The raw input as decoded text (the original the alignment points into).
    pub raw: String,
    /// The cleaned body; every span indexes into it.
    pub text: String,
    /// Map from `text` offsets back to `raw`.
    pub alignment: Alignment,
    /// Title, byline, outlet, date and the rest.
    pub meta: Metadata,
    /// What the cleaner left out, with reasons.
    pub dropped: Vec<Dropped>,
    /// Paragraph spans, in order, tiling the body except for the breaks between them.
    pub paragraphs: Vec<Span>,
    /// Sentences, in order, tiling each paragraph.
    pub sentences: Vec<Sentence>,
    /// Tokens of all sentences, in order.
    pub tokens: Vec<Token>,
    /// Date and time expressions.
    pub times: Vec<TimeExpr>,
    /// Resolved actors and places with their mentions.
    pub entities: Vec<Entity>,
    /// Attributed quotations.
    pub quotes: Vec<Quote>,
    /// Coded events.
    pub events: Vec<Event>,
    /// Problems found on the way.
    pub diagnostics: Vec<Diagnostic>,
}

impl Document {
    /// A document whose clean text is `text` verbatim (no cleaning, identity alignment).
    pub fn from_text(id: impl Into<String>, text: impl Into<String>) -> Document {
        let text = text.into();
        let mut alignment = Alignment::default();
        alignment.push(0, 0, text.len());
        let mut doc = Document {
            id: id.into(),
            raw: text.clone(),
            text,
            alignment,
            ..Document::default()
        };
        doc.paragraphs = paragraph_spans(&doc.text);
        doc
    }

    /// The text of a span of the body.
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }

    /// The index of the sentence containing byte offset `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        (i < self.sentences.len() && self.sentences[i].span.start <= offset).then_some(i)
    }

    /// The index of the paragraph containing byte offset `offset`, if any.
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.end <= offset);
        (i < self.paragraphs.len() && self.paragraphs[i].start <= offset).then_some(i)
    }

    /// The tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        match self.sentences.get(i) {
            Some(s) => self.tokens.get(s.tokens.clone()).unwrap_or(&[]),
            None => &[],
        }
    }
}

/// Paragraph spans of a text whose paragraphs are separated by blank lines (`\n\n`).
pub fn paragraph_spans(text: &str) -> Vec<Span> {
    trimmed_pieces(text, "\n\n")
}

/// Paragraph spans of a text that puts one paragraph on each line (every non-blank line).
pub fn line_spans(text: &str) -> Vec<Span> {
    trimmed_pieces(text, "\n")
}

/// The non-blank pieces of `text` between occurrences of `sep`, trimmed of white space.
fn trimmed_pieces(text: &str, sep: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices(sep) {
        push_trimmed(text, start, i, &mut out);
        start = i + sep.len();
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    if start >= end {
        return;
    }
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(Span::new(start + lead, end - trail));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alignment_maps_back_to_raw() {
        let mut a = Alignment::default();
        a.push(0, 10, 5);
        a.push(7, 30, 4);
        assert_eq!(a.to_raw(0), Some(10));
        assert_eq!(a.to_raw(4), Some(14));
        assert_eq!(a.to_raw(8), Some(31));
        assert_eq!(a.span_to_raw(Span::new(7, 11)), Some(Span::new(30, 34)));
    }

    #[test]
    fn line_spans_are_the_trimmed_non_blank_lines() {
        let t = "One.\n  Two two. \n\n\r\nThree.";
        let got: Vec<&str> = line_spans(t).iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(got, ["One.", "Two two.", "Three."]);
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let d = Document::from_text("x", "One.\n\nTwo two.\n\n\n\nThree.");
        let paras: Vec<&str> = d.paragraphs.iter().map(|p| d.slice(*p)).collect();
        assert_eq!(paras, ["One.", "Two two.", "Three."]);
    }
}
