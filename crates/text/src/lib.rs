//! Sentence splitting, tokenizing, tagging, lemmatizing and dependency parsing, with training.
#![deny(missing_docs)]
