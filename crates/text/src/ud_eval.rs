//! Scoring the stages against a UD treebank with gold tokenisation, the CoNLL 2018 way.
//!
//! [`gold_document`] turns a treebank sentence into a one-sentence [`Document`] whose tokens
//! are the gold syntactic words (text: the words joined by single spaces), so the same stages
//! that run on news text run on the treebank. [`UdScores`] then compares the filled layers
//! with the gold words: UPOS, XPOS and lemma accuracy, and, when a parser filled `head` and
//! `deprel`, UAS and LAS over every word, punctuation included; LAS compares the universal
//! part of the relation (`obl` for `obl:tmod`), as the CoNLL 2018 scorer does.

use newsgraph_core::{Document, Sentence, Span, Token};

use crate::conllu;

/// The universal part of a relation (`obl` for `obl:tmod`).
fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// A document holding one treebank sentence as gold tokens.
pub fn gold_document(s: &conllu::Sentence) -> Document {
    let mut text = String::new();
    let mut tokens = Vec::with_capacity(s.words.len());
    for w in &s.words {
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(&w.form);
        tokens.push(Token {
            span: Span::new(start, text.len()),
            ..Token::default()
        });
    }
    let mut doc = Document::from_text(s.id.clone().unwrap_or_default(), text);
    doc.sentences = vec![Sentence {
        span: Span::new(0, doc.text.len()),
        tokens: 0..tokens.len(),
    }];
    doc.tokens = tokens;
    doc
}

/// Running counts of correct annotations.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UdScores {
    /// Words scored.
    pub words: usize,
    /// Words with the gold UPOS.
    pub upos: usize,
    /// Words with the gold XPOS.
    pub xpos: usize,
    /// Words with the gold lemma.
    pub lemma: usize,
    /// Words with a relation filled in (0 when no parser ran).
    pub parsed: usize,
    /// Words with the gold head.
    pub uas: usize,
    /// Words with the gold head and universal relation.
    pub las: usize,
    /// Words with the gold head and full relation (subtype included).
    pub las_full: usize,
}

impl UdScores {
    /// Adds the comparison of `doc` (built by [`gold_document`] and annotated) with `gold`.
    pub fn add(&mut self, gold: &conllu::Sentence, doc: &Document) {
        for (w, t) in gold.words.iter().zip(&doc.tokens) {
            self.words += 1;
            self.upos += (t.upos.as_str() == w.upos) as usize;
            self.xpos += (t.xpos == w.xpos) as usize;
            self.lemma += (t.lemma == w.lemma) as usize;
            if !t.deprel.is_empty() {
                self.parsed += 1;
            }
            let head = t.head.map_or(0, |h| h + 1);
            if head == w.head {
                self.uas += 1;
                if universal(&t.deprel) == universal(&w.deprel) {
                    self.las += 1;
                }
                if t.deprel == w.deprel {
                    self.las_full += 1;
                }
            }
        }
        // Gold words the document lost count as wrong.
        self.words += gold.words.len().saturating_sub(doc.tokens.len());
    }

    /// `part / words`, 0 for no words.
    pub fn share(&self, part: usize) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            part as f64 / self.words as f64
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_documents_score_their_own_annotation() {
        let s = &conllu::read(
            "1\tThey\tthey\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n",
        )
        .unwrap()[0];
        let mut doc = gold_document(s);
        assert_eq!(doc.text, "They left .");
        assert_eq!(doc.sentence_tokens(0)[1].form(&doc.text), "left");
        let mut scores = UdScores::default();
        scores.add(s, &doc);
        assert_eq!((scores.words, scores.upos, scores.parsed), (3, 0, 0));
        for (t, w) in doc.tokens.iter_mut().zip(&s.words) {
            t.upos = newsgraph_core::Upos::parse(&w.upos).unwrap();
            t.xpos = w.xpos.clone();
            t.lemma = w.lemma.clone();
            t.head = w.head.checked_sub(1);
            t.deprel = w.deprel.clone();
        }
        let mut scores = UdScores::default();
        scores.add(s, &doc);
        assert_eq!(
            scores,
            UdScores {
                words: 3,
                upos: 3,
                xpos: 3,
                lemma: 3,
                parsed: 3,
                uas: 3,
                las: 3,
                las_full: 3
            }
        );
    }
}
