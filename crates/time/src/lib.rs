//! Temporal expressions: recognition and normalisation against the publication date.
#![deny(missing_docs)]
