//! Sentence splitting, tokenizing, tagging, lemmatizing and dependency parsing, with training.
//!
//! Stages, in pipeline order:
//! 1. [`SentenceSplitter`] fills `Document::sentences`;
//! 2. [`Tokenizer`] fills `Document::tokens` (UD English syntactic words) and each
//!    `Sentence::tokens` range.
#![deny(missing_docs)]

pub mod conllu;
mod sentences;
pub mod tokenizer;

pub use sentences::{split_sentences, SentenceSplitter};
pub use tokenizer::{tokenize, Tokenizer};
