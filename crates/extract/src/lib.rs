//! Quote attribution and CAMEO/PLOVER event coding.
#![deny(missing_docs)]

pub mod quotes;

pub use quotes::QuoteExtractor;

pub mod events;
