//! The newsgraph store: schema, SQLite backend, queries, exports and cross-document work.
//!
//! The store keeps each analysed document as the `newsgraph.analysis/1` object plus its raw
//! text, and spreads the annotations over relational tables: a global actor registry,
//! mentions, quotes, times, event mentions and deduplicated events. One document is written in
//! one transaction, keyed by its content id, so ingesting is idempotent and a killed ingest
//! leaves no half-written document.
#![deny(missing_docs)]

mod backend;
mod cluster;
mod error;
pub mod export;
pub mod query;
mod schema;
mod sqlite;

pub use backend::Backend;
pub use cluster::minhash;
pub use error::StoreError;
pub use schema::{MIGRATIONS, SCHEMA_VERSION};
pub use sqlite::{Inserted, Stats, Store};

/// Documents per transaction for bulk ingests (see [`Store::batch_writes`]).
pub const BATCH_DOCUMENTS: usize = 64;
/// The longest an ingest batch stays uncommitted, so readers see progress.
pub const BATCH_AGE: std::time::Duration = std::time::Duration::from_secs(2);
