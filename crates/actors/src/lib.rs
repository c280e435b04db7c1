//! Actor knowledge base, recognition, resolution, coreference and places.
#![deny(missing_docs)]
