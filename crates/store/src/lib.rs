//! The newsgraph store: schema, SQLite backend, queries, exports and cross-document work.
#![deny(missing_docs)]
