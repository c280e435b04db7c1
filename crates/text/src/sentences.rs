//! Sentence splitting for news text.
//!
//! Works paragraph by paragraph: a sentence never crosses a paragraph break. A boundary is a
//! `.`, `!` or `?` (possibly doubled, or followed by closing quotes and brackets) followed by
//! whitespace and something that can start a sentence. Abbreviations (`Mr.`, `Gen.`, `Jan.`),
//! initials (`J. Smith`) and dotted acronyms followed by a name (`U.S. President`) do not end a
//! sentence; a quote that closes after the full stop stays with its sentence.

use newsgraph_core::{Document, Sentence, Span, Stage};

/// The sentence-splitting stage (name `"sentences"`).
#[derive(Clone, Debug, Default)]
pub struct SentenceSplitter;

impl Stage for SentenceSplitter {
    fn name(&self) -> &'static str {
        "sentences"
    }

    fn annotate(&self, doc: &mut Document) {
        let paragraphs = if doc.paragraphs.is_empty() {
            newsgraph_core::paragraph_spans(&doc.text)
        } else {
            doc.paragraphs.clone()
        };
        let mut sentences = Vec::new();
        for p in paragraphs {
            for s in split_sentences(p.slice(&doc.text)) {
                sentences.push(Sentence {
                    span: Span::new(p.start + s.start, p.start + s.end),
                    tokens: 0..0,
                });
            }
        }
        doc.sentences = sentences;
    }
}

/// Titles and other abbreviations that are followed by a full stop but rarely end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cmdr",
    "adm", "gov", "sen", "rep", "rev", "hon", "pres", "st", "sr", "jr", "messrs", "mt", "ft", "no",
    "nos", "vs", "v", "cf", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "approx", "dept", "est", "fig", "inc", "corp", "ltd", "co", "bros", "ave",
    "blvd", "rd", "e.g", "i.e", "al", "op",
];

/// Words that, after a dotted acronym such as `U.S.`, show that a new sentence has started.
const SENTENCE_STARTERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "there",
    "but",
    "and",
    "in",
    "on",
    "at",
    "as",
    "if",
    "when",
    "while",
    "after",
    "before",
    "however",
    "meanwhile",
    "his",
    "her",
    "its",
    "their",
    "our",
    "such",
    "so",
    "yet",
    "for",
    "some",
    "many",
    "both",
];

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '}' | '»')
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '-' | '—' | '–'
    )
}

/// The word (letters and inner dots) that ends just before byte `end` of `text`.
fn word_before(text: &str, end: usize) -> &str {
    let head = &text[..end];
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.' || c == '-'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &head[start..]
}

/// The word starting at byte `start` of `text` (letters only).
fn word_after(text: &str, start: usize) -> &str {
    let tail = &text[start..];
    let end = tail
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(tail.len(), |(i, _)| i);
    &tail[..end]
}

/// Whether a full stop after `word` (the word without the stop) may end a sentence, given the
/// word that follows.
fn stop_can_end(word: &str, next: &str) -> bool {
    let lower = word.to_lowercase();
    let bare = lower.trim_start_matches(['-', '.']);
    if bare.is_empty() {
        return true;
    }
    let next_lower = next.to_lowercase();
    let starter = SENTENCE_STARTERS.contains(&next_lower.as_str());
    // Dotted acronyms (U.S, U.N, e.g): end only before a typical sentence opener.
    if bare.contains('.') {
        return starter && !ABBREVIATIONS.contains(&bare);
    }
    // A single capital letter is an initial (J. Smith).
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return false;
        }
    }
    if ABBREVIATIONS.contains(&bare) {
        // "No." and month abbreviations before a number never end; others end before an opener.
        return starter && !matches!(bare, "mr" | "mrs" | "ms" | "dr" | "gen" | "st");
    }
    true
}

/// Splits one paragraph into sentence spans (byte ranges into `text`), trimmed of surrounding
/// whitespace. Non-whitespace text is always covered; spans are ordered and disjoint.
pub fn split_sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        let terminal = matches!(c, '.' | '!' | '?' | '…');
        let line_break = c == '\n';
        if !terminal && !line_break {
            i += 1;
            continue;
        }
        // Extend over repeated terminals and closing quotes/brackets.
        let mut j = if line_break { i } else { i + 1 };
        if terminal {
            while j < chars.len()
                && (matches!(chars[j].1, '.' | '!' | '?' | '…') || is_closing(chars[j].1))
            {
                j += 1;
            }
        }
        let end = chars.get(j).map_or(text.len(), |&(p, _)| p);
        // A boundary needs whitespace next (or the end).
        let mut k = j;
        while k < chars.len() && chars[k].1.is_whitespace() {
            k += 1;
        }
        if k == j && k < chars.len() {
            i += 1;
            continue;
        }
        let saw_newline = chars[j..k].iter().any(|&(_, ch)| ch == '\n') || line_break;
        let next_start = chars.get(k).map_or(text.len(), |&(p, _)| p);
        let ok = if k >= chars.len() {
            true
        } else if saw_newline {
            // A line break inside a paragraph ends a sentence (headlines, list items).
            true
        } else {
            let next = chars[k].1;
            let can_start = next.is_uppercase() || next.is_numeric() || is_opening(next);
            if !can_start {
                false
            } else if c == '.'
                && chars[i + 1..j]
                    .iter()
                    .all(|&(_, ch)| !matches!(ch, '.' | '!' | '?'))
            {
                let closed_by_quote = chars[i + 1..j].iter().any(|&(_, ch)| is_closing(ch));
                closed_by_quote
                    || stop_can_end(
                        word_before(text, pos),
                        word_after(
                            text,
                            next_start + if is_opening(next) { next.len_utf8() } else { 0 },
                        ),
                    )
            } else {
                true
            }
        };
        if ok {
            let span_end = if line_break { pos } else { end };
            push_trimmed(text, start, span_end, &mut out);
            start = next_start;
            i = k.max(i + 1);
        } else {
            i += 1;
        }
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
    use proptest::prelude::*;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text)
            .into_iter()
            .map(|s| s.slice(text))
            .collect()
    }

    #[test]
    fn news_cases() {
        let cases: &[(&str, &[&str])] = &[
            (
                "The U.S. President spoke. He left.",
                &["The U.S. President spoke.", "He left."],
            ),
            (
                "Talks ended in the U.S. The envoy flew home.",
                &["Talks ended in the U.S.", "The envoy flew home."],
            ),
            (
                "Mr. Smith met Gen. Jones on Jan. 5 in Geneva.",
                &["Mr. Smith met Gen. Jones on Jan. 5 in Geneva."],
            ),
            (
                "J. R. Smith won. Others lost.",
                &["J. R. Smith won.", "Others lost."],
            ),
            (
                "\"We will fight,\" he said. \"We will win.\" The crowd cheered.",
                &[
                    "\"We will fight,\" he said.",
                    "\"We will win.\"",
                    "The crowd cheered.",
                ],
            ),
            (
                "He said: “It is over.” Then he left.",
                &["He said: “It is over.”", "Then he left."],
            ),
            (
                "Is it war? Nobody knows! Maybe.",
                &["Is it war?", "Nobody knows!", "Maybe."],
            ),
            (
                "The rate rose 2.5 percent. It fell.",
                &["The rate rose 2.5 percent.", "It fell."],
            ),
            (
                "Headline without a stop\nThe body starts here.",
                &["Headline without a stop", "The body starts here."],
            ),
            (
                "Attacks (in the north.) Continued.",
                &["Attacks (in the north.)", "Continued."],
            ),
            (
                "The army -- which denied it -- said so. Yes.",
                &["The army -- which denied it -- said so.", "Yes."],
            ),
            (
                "the U.N. Security Council met.",
                &["the U.N. Security Council met."],
            ),
            (
                "It cost $5 vs. $6 last year.",
                &["It cost $5 vs. $6 last year."],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(split(text), *want, "splitting {text:?}");
        }
    }

    #[test]
    fn stage_never_crosses_paragraphs() {
        let mut doc =
            Document::from_text("d", "First para ends here\n\nSecond one. Two sentences.");
        SentenceSplitter.annotate(&mut doc);
        let got: Vec<&str> = doc.sentences.iter().map(|s| doc.slice(s.span)).collect();
        assert_eq!(
            got,
            ["First para ends here", "Second one.", "Two sentences."]
        );
    }

    proptest! {
        #[test]
        fn sentences_tile_the_text(text in "\\PC{0,200}|[A-Za-z .!?\"“”'()\n]{0,200}") {
            let mut doc = Document::from_text("p", text.clone());
            SentenceSplitter.annotate(&mut doc);
            let mut prev = 0;
            for s in &doc.sentences {
                prop_assert!(s.span.start >= prev && s.span.start < s.span.end && s.span.end <= text.len());
                prop_assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
                prop_assert!(text[prev..s.span.start].trim().is_empty(), "gap with text before {:?}", s.span);
                prev = s.span.end;
            }
            prop_assert!(text[prev..].trim().is_empty());
        }
    }
}
