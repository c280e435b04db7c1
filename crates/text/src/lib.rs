//! Sentence splitting, tokenizing, tagging, lemmatizing and dependency parsing, with training.
//!
//! Stages, in pipeline order:
//! 1. [`SentenceSplitter`] fills `Document::sentences`;
//! 2. [`Tokenizer`] fills `Document::tokens` (UD English syntactic words) and each
//!    `Sentence::tokens` range;
//! 3. [`Tagger`] fills each token's `upos`, `xpos` and `lemma`;
//! 4. [`ParserStage`] fills `Token::head` and `Token::deprel`.
//!
//! Models are trained from the UD English EWT treebank ([`tagger::train`]), written in the
//! little-endian format of [`binfmt`] and embedded from `resources/models/`.
#![deny(missing_docs)]

pub mod binfmt;
pub mod clusters;
pub mod conllu;
pub mod lemmatizer;
pub mod parser;
mod sentences;
pub mod tagger;
pub mod tokenizer;
pub mod ud_eval;

pub use lemmatizer::Lemmatizer;
pub use parser::ParserStage;
pub use sentences::{split_sentences, SentenceSplitter};
pub use tagger::{Tagger, TaggerModel};
pub use tokenizer::{tokenize, Tokenizer};
