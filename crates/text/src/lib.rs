//! Sentence splitting, tokenizing, tagging, lemmatizing and dependency parsing, with training.
//!
//! Stages, in pipeline order: [`SentenceSplitter`] fills `Document::sentences`.
#![deny(missing_docs)]

mod sentences;

pub use sentences::{split_sentences, SentenceSplitter};
