//! Sentence splitting, tokenizing, tagging, lemmatizing and dependency parsing, with training.
//!
//! Stages, in pipeline order:
//! 1. [`SentenceSplitter`] fills `Document::sentences`;
//! 2. [`Tokenizer`] fills `Document::tokens` (UD English syntactic words) and each
//!    `Sentence::tokens` range;
//! 3. [`ParserStage`] fills `Token::head` and `Token::deprel`.
#![deny(missing_docs)]

pub mod conllu;
pub mod parser;
mod sentences;
pub mod tokenizer;

pub use parser::ParserStage;
pub use sentences::{split_sentences, SentenceSplitter};
pub use tokenizer::{tokenize, Tokenizer};
