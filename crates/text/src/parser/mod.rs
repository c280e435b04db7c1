//! Dependency parsing: a greedy transition-based parser producing UD relations.
//!
//! The transition system is arc-hybrid with the root at the end of the buffer (so every parse
//! is a tree with exactly one root, whatever the scores), trained with the dynamic oracle of
//! Goldberg & Nivre and exploration of the model's own errors, so non-projective training
//! trees need no preprocessing. Transitions and labels are scored by two averaged perceptrons
//! over hashed Zhang & Nivre-style features (stack and buffer words, tags, lowercased forms,
//! leftmost and rightmost children, valency, distance, child label sets); labels are the full
//! UD relations with subtypes (`nsubj:pass`, `obl:unmarked`, `compound:prt`). The shipped
//! model is trained on the treebank's gold tags; `newsgraph train parser --folds K` trains on
//! predicted ones instead, the training set retagged by jackknifed taggers
//! ([`crate::tagger::train::jackknife`]) and the development set, which picks each
//! perceptron's epoch, by the shipped tagger.
//!
//! `newsgraph train parser --neural` ([`train_neural`]) scores the same transitions with a
//! small feed-forward network instead (model format version 3; not the shipped model).
//!
//! [`ParserStage`] parses each sentence of `Document::tokens` with the shipped model, filling
//! `Token::head` (an index into `Document::tokens`) and `Token::deprel`. [`train`] rebuilds a
//! model from a treebank and [`evaluate`] scores one against gold trees.

mod biaffine;
mod features;
mod model;
mod neural;
mod quant;
mod stage;
mod state;
mod train;

pub use biaffine::BiaffineOptions;
pub(crate) use features::folded_hash as word_key;
pub use model::{BatchScratch, ModelError, ParseScratch, ParserModel};
pub use neural::NeuralOptions;
pub use stage::ParserStage;
pub use train::{train, train_biaffine, train_neural, EpochReport, TrainOptions};

use newsgraph_core::Upos;

use crate::conllu;

/// Why training could not run.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParserError {
    /// The training data cannot be used.
    #[error("{0}")]
    Data(String),
}

/// Attachment counts over a set of sentences (punctuation included, as in CoNLL 2018).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AttachmentScores {
    /// Words scored.
    pub words: usize,
    /// Words with the right head.
    pub heads: usize,
    /// Words with the right head and universal relation (subtypes ignored: the CoNLL 2018 LAS).
    pub las: usize,
    /// Words with the right head and the full relation, subtype included.
    pub las_full: usize,
}

impl AttachmentScores {
    /// Unlabelled attachment score, 0..=1.
    pub fn uas(&self) -> f64 {
        ratio(self.heads, self.words)
    }
    /// Labelled attachment score on universal relations, 0..=1.
    pub fn las(&self) -> f64 {
        ratio(self.las, self.words)
    }
    /// Labelled attachment score on full relations with subtypes, 0..=1.
    pub fn las_full(&self) -> f64 {
        ratio(self.las_full, self.words)
    }
    /// Scores one word: gold and predicted head (0 = root) and relation.
    pub fn add(&mut self, gold_head: usize, gold_rel: &str, head: usize, rel: &str) {
        self.words += 1;
        if gold_head == head {
            self.heads += 1;
            if gold_rel == rel {
                self.las_full += 1;
            }
            if universal(gold_rel) == universal(rel) {
                self.las += 1;
            }
        }
    }
}

fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Parses a treebank sentence from its forms and the tags it carries (gold or predicted),
/// returning 1-based heads (0 = root) and relations.
pub fn parse_conllu(
    model: &ParserModel,
    sentence: &conllu::Sentence,
    scratch: &mut ParseScratch,
) -> Vec<(usize, String)> {
    scratch.clear();
    for w in &sentence.words {
        scratch.push(
            &w.form,
            &w.lemma,
            Upos::parse(&w.upos).unwrap_or_default(),
            &w.xpos,
        );
    }
    model.parse(scratch);
    (0..sentence.words.len())
        .map(|i| {
            (
                scratch.head(i).map(|h| h + 1).unwrap_or(0),
                model.label(scratch.label(i)).to_string(),
            )
        })
        .collect()
}

/// Parses every sentence with the tags it carries and scores the trees against its gold ones.
pub fn evaluate(
    model: &ParserModel,
    sentences: &[conllu::Sentence],
    scratch: &mut ParseScratch,
) -> AttachmentScores {
    let mut scores = AttachmentScores::default();
    for s in sentences {
        scratch.clear();
        for w in &s.words {
            scratch.push(
                &w.form,
                &w.lemma,
                Upos::parse(&w.upos).unwrap_or_default(),
                &w.xpos,
            );
        }
        model.parse(scratch);
        for (i, w) in s.words.iter().enumerate() {
            let head = scratch.head(i).map(|h| h + 1).unwrap_or(0);
            scores.add(w.head, &w.deprel, head, model.label(scratch.label(i)));
        }
    }
    scores
}
