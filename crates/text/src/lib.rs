//! Sentence splitting, tokenizing, tagging, lemmatizing and dependency parsing, with training.
//!
//! Stages, in pipeline order: [`SentenceSplitter`] fills `Document::sentences`.
#![deny(missing_docs)]

pub mod conllu;
mod sentences;

pub use sentences::{split_sentences, SentenceSplitter};
