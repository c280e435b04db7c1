//! Store errors.

use std::path::PathBuf;

/// What went wrong with the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The file exists but is not a SQLite database or not one of ours.
    #[error("{path}: not a newsgraph database ({reason}); choose another file with --db")]
    NotOurs {
        /// The database file.
        path: PathBuf,
        /// What gave it away.
        reason: String,
    },
    /// The database was written by a newer newsgraph.
    #[error("{path}: database schema version {found} is newer than this newsgraph supports ({supported}); upgrade newsgraph")]
    NewerSchema {
        /// The database file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },
    /// Another process holds a lock on the database for too long.
    #[error("{path}: database is locked by another process; try again when it has finished")]
    Locked {
        /// The database file.
        path: PathBuf,
    },
    /// The database could not be opened at all.
    #[error("{path}: cannot open database: {reason}")]
    Open {
        /// The database file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A batch of documents could not be committed; none of them is stored.
    #[error("{path}: could not commit the last {documents} documents (none of them is stored; ingest them again): {reason}")]
    Commit {
        /// The database file.
        path: PathBuf,
        /// Documents in the lost batch.
        documents: usize,
        /// Why.
        reason: String,
    },
    /// A stored document could not be decoded.
    #[error("stored document {id} is corrupt: {reason}")]
    Corrupt {
        /// Document id.
        id: String,
        /// Why.
        reason: String,
    },
    /// A query parameter is wrong.
    #[error("{0}")]
    BadQuery(String),
    /// Any other SQLite error.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}
