//! The newsgraph document model and the analysis contract.
//!
//! Everything the pipeline knows about one article lives in a [`Document`]: the cleaned text,
//! an alignment back to the raw input, metadata, what the cleaner dropped, and one typed layer
//! per stage. Stages run in this order, each implementing [`Stage`]:
//!
//! 1. sentence splitter (`newsgraph-text`)
//! 2. tokenizer (`newsgraph-text`)
//! 3. tagger and lemmatizer (`newsgraph-text`)
//! 4. dependency parser (`newsgraph-text`)
//! 5. time tagger (`newsgraph-time`, needs the publication date)
//! 6. actor recognizer (`newsgraph-actors`)
//! 7. actor resolver (`newsgraph-actors`)
//! 8. quote attributor (`newsgraph-extract`)
//! 9. event coder (`newsgraph-extract`)
//!
//! The wire form, `newsgraph.analysis/1`, is in [`wire`] and is built from a `Document`; the
//! two evolve separately.
//!
//! *Architecture invariant:* this crate does no IO and depends on serde only.
#![deny(missing_docs)]

mod date;
mod document;
mod layers;
mod stage;
pub mod wire;

pub use date::{month_from_name, Date, DateError, MONTH_NAMES, WEEKDAY_NAMES};
pub use document::{
    line_spans, paragraph_spans, Alignment, Diagnostic, Document, DropReason, Dropped, Metadata,
    Segment, Severity, Span,
};
pub use layers::{
    Entity, EntityKind, Event, GeoPrecision, Mention, MentionVia, Place, Quote, QuoteKind,
    Sentence, TimeExpr, TimexType, Token, Upos,
};
pub use stage::{Pipeline, Stage};
