//! The storage trait: what every backend of the store offers.
//!
//! The command line, the HTTP server and the benchmarks speak to a `dyn Backend`, so a second
//! backend (PostgreSQL for many workers on one shared database) plugs in beside the SQLite
//! [`Store`] without touching them. Both must give identical answers: the store tests are
//! written against this trait's behaviour.

use newsgraph_core::wire::Analysis;

use crate::query::{
    ActorDetail, ActorFilter, ActorRow, DocumentFilter, DocumentRow, EventFilter, EventMentionRow,
    EventRow, Graph, GraphFilter, QuoteFilter, QuoteRow, SearchHit, StoryDetail, StoryRow,
    TimelineFilter, TimelineRow,
};
use crate::{Inserted, Stats, Store, StoreError};

/// A newsgraph store: idempotent document writes and validated read queries.
///
/// *Contract:* `insert` is atomic per document and keyed by content id (and URL): a document
/// already stored is left alone and reported as [`Inserted::Present`]. Every query validates its
/// filter first and answers [`StoreError::BadQuery`] for bad input, never empty output.
pub trait Backend {
    /// Stores one analysed document with its raw input.
    fn insert(
        &mut self,
        analysis: &Analysis,
        raw: &str,
        source: Option<&str>,
    ) -> Result<Inserted, StoreError>;
    /// Whether a document with this content id is stored.
    fn contains(&self, id: &str) -> Result<bool, StoreError>;
    /// Counts of what the store holds.
    fn stats(&self) -> Result<Stats, StoreError>;
    /// One stored document as the analysis contract.
    fn analysis(&self, id: &str) -> Result<Option<Analysis>, StoreError>;
    /// The id of the document a key (id, unique id prefix or path) names.
    fn find_document(&self, key: &str) -> Result<Option<String>, StoreError>;
    /// The raw input of a stored document.
    fn raw(&self, id: &str) -> Result<Option<String>, StoreError>;
    /// Deduplicated events, newest first.
    fn events(&self, f: &EventFilter) -> Result<Vec<EventRow>, StoreError>;
    /// The mentions behind one event.
    fn event_mentions(&self, event_id: i64) -> Result<Vec<EventMentionRow>, StoreError>;
    /// Actors, most mentioned first.
    fn actors(&self, f: &ActorFilter) -> Result<Vec<ActorRow>, StoreError>;
    /// The actors a name, alias, code or id refers to.
    fn resolve_actor(&self, query: &str) -> Result<Vec<i64>, StoreError>;
    /// Everything about one actor.
    fn actor_detail(&self, id: i64, limit_rows: usize) -> Result<Option<ActorDetail>, StoreError>;
    /// Quotes, newest first.
    fn quotes(&self, f: &QuoteFilter) -> Result<Vec<QuoteRow>, StoreError>;
    /// Events per period.
    fn timeline(&self, f: &TimelineFilter) -> Result<Vec<TimelineRow>, StoreError>;
    /// Stored documents.
    fn documents(&self, f: &DocumentFilter) -> Result<Vec<DocumentRow>, StoreError>;
    /// Full-text search over documents and quotes.
    fn search(&self, query: &str, max: usize) -> Result<Vec<SearchHit>, StoreError>;
    /// The actor network.
    fn graph(&self, f: &GraphFilter) -> Result<Graph, StoreError>;
    /// Story clusters.
    fn stories(
        &self,
        min_articles: i64,
        max: usize,
        offset: usize,
    ) -> Result<Vec<StoryRow>, StoreError>;
    /// One story with its articles and events.
    fn story(&self, key: &str) -> Result<Option<StoryDetail>, StoreError>;
}

impl Backend for Store {
    fn insert(
        &mut self,
        analysis: &Analysis,
        raw: &str,
        source: Option<&str>,
    ) -> Result<Inserted, StoreError> {
        Store::insert(self, analysis, raw, source)
    }
    fn contains(&self, id: &str) -> Result<bool, StoreError> {
        Store::contains(self, id)
    }
    fn stats(&self) -> Result<Stats, StoreError> {
        Store::stats(self)
    }
    fn analysis(&self, id: &str) -> Result<Option<Analysis>, StoreError> {
        Store::analysis(self, id)
    }
    fn find_document(&self, key: &str) -> Result<Option<String>, StoreError> {
        Store::find_document(self, key)
    }
    fn raw(&self, id: &str) -> Result<Option<String>, StoreError> {
        Store::raw(self, id)
    }
    fn events(&self, f: &EventFilter) -> Result<Vec<EventRow>, StoreError> {
        Store::events(self, f)
    }
    fn event_mentions(&self, event_id: i64) -> Result<Vec<EventMentionRow>, StoreError> {
        Store::event_mentions(self, event_id)
    }
    fn actors(&self, f: &ActorFilter) -> Result<Vec<ActorRow>, StoreError> {
        Store::actors(self, f)
    }
    fn resolve_actor(&self, query: &str) -> Result<Vec<i64>, StoreError> {
        Store::resolve_actor(self, query)
    }
    fn actor_detail(&self, id: i64, limit_rows: usize) -> Result<Option<ActorDetail>, StoreError> {
        Store::actor_detail(self, id, limit_rows)
    }
    fn quotes(&self, f: &QuoteFilter) -> Result<Vec<QuoteRow>, StoreError> {
        Store::quotes(self, f)
    }
    fn timeline(&self, f: &TimelineFilter) -> Result<Vec<TimelineRow>, StoreError> {
        Store::timeline(self, f)
    }
    fn documents(&self, f: &DocumentFilter) -> Result<Vec<DocumentRow>, StoreError> {
        Store::documents(self, f)
    }
    fn search(&self, query: &str, max: usize) -> Result<Vec<SearchHit>, StoreError> {
        Store::search(self, query, max)
    }
    fn graph(&self, f: &GraphFilter) -> Result<Graph, StoreError> {
        Store::graph(self, f)
    }
    fn stories(
        &self,
        min_articles: i64,
        max: usize,
        offset: usize,
    ) -> Result<Vec<StoryRow>, StoreError> {
        Store::stories(self, min_articles, max, offset)
    }
    fn story(&self, key: &str) -> Result<Option<StoryDetail>, StoreError> {
        Store::story(self, key)
    }
}
