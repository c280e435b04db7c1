//! Readers (text, HTML, WARC, JSON Lines, feeds) and the article cleaner.
//!
//! Reading happens in two steps, so a container (a WARC file, a JSON Lines export) can yield
//! many articles one at a time:
//!
//! 1. [`open`] turns a path (or stdin) into an iterator of [`RawDocument`]s, one per article,
//!    each a `Result` so one bad record never stops the file;
//! 2. [`build_document`] decodes a raw document, cleans it and returns the [`Document`] the
//!    pipeline annotates.
//!
//! *Architecture invariant:* the cleaner is the only place text is removed; everything it drops
//! is recorded in `Document::dropped` with a reason, and the clean text keeps an alignment back
//! to the raw input.
#![deny(missing_docs)]

mod clean;
mod compress;
mod decode;
mod feed;
pub mod html;
mod jsonl;
mod reader;
mod repeat;
mod warc;

pub use clean::{Cleaner, CleanerConfig};
pub use compress::{gunzip_limited, is_gzip, GzipError};
pub use decode::{content_id, decode_html, decode_text};
pub use feed::feed_items;
pub use jsonl::record_to_raw;
pub use reader::{
    build_document, expand_inputs, fuzz_read, open, open_reader, Input, InputFormat, RawDocument,
    ReadError, ReadOptions, Records,
};
pub use repeat::RepeatIndex;

pub use newsgraph_core::Document;
