//! Readers (text, HTML, WARC, JSON Lines, feeds) and the article cleaner.
#![deny(missing_docs)]
