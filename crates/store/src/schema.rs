//! Versioned schema migrations.
//!
//! `PRAGMA user_version` holds the schema version and `PRAGMA application_id` marks the file as
//! ours. Migration `i` takes a database from version `i` to `i + 1`; each runs in one
//! transaction. A database with a newer version than [`SCHEMA_VERSION`] is refused.

/// Marks a SQLite file as a newsgraph store ("NGRP").
pub const APPLICATION_ID: i64 = 0x4e47_5250;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Migrations, in order (SQL; some are followed by a backfill in Rust).
pub const MIGRATIONS: &[&str] = &[
    // 1: documents, actor registry, mentions, quotes, times, events with mentions, full text.
    r#"
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    path TEXT,
    url TEXT,
    source TEXT,
    title TEXT,
    byline TEXT,
    outlet TEXT,
    published TEXT,
    text TEXT NOT NULL,
    raw TEXT NOT NULL,
    analysis TEXT NOT NULL,
    seq INTEGER NOT NULL
);
CREATE UNIQUE INDEX documents_url ON documents(url) WHERE url IS NOT NULL;
CREATE INDEX documents_published ON documents(published);
CREATE UNIQUE INDEX documents_seq ON documents(seq);

CREATE TABLE actors (
    id INTEGER PRIMARY KEY,
    canonical TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    actor_code TEXT,
    country TEXT,
    wikidata TEXT
);
CREATE INDEX actors_code ON actors(actor_code);
CREATE INDEX actors_country ON actors(country);

CREATE TABLE mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    entity TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    via TEXT NOT NULL
);
CREATE INDEX mentions_actor ON mentions(actor_id);
CREATE INDEX mentions_doc ON mentions(doc_id);

CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    speaker_id INTEGER REFERENCES actors(id),
    speaker_text TEXT,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    cue TEXT,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    date TEXT
);
CREATE INDEX quotes_speaker ON quotes(speaker_id, date);
CREATE INDEX quotes_doc ON quotes(doc_id);

CREATE TABLE times (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT NOT NULL
);
CREATE INDEX times_doc ON times(doc_id);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    day TEXT NOT NULL,
    source_key TEXT NOT NULL,
    target_key TEXT NOT NULL,
    cameo TEXT NOT NULL,
    place TEXT NOT NULL,
    source_id INTEGER REFERENCES actors(id),
    target_id INTEGER REFERENCES actors(id),
    source_code TEXT,
    target_code TEXT,
    root TEXT NOT NULL,
    quad_class INTEGER NOT NULL,
    goldstein REAL NOT NULL,
    plover TEXT,
    lat REAL,
    lon REAL,
    num_mentions INTEGER NOT NULL DEFAULT 0,
    num_sources INTEGER NOT NULL DEFAULT 0,
    num_articles INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT,
    last_seen TEXT,
    UNIQUE (day, source_key, cameo, target_key, place)
);
CREATE INDEX events_source ON events(source_id, day);
CREATE INDEX events_target ON events(target_id, day);
CREATE INDEX events_day ON events(day);
CREATE INDEX events_cameo ON events(cameo);

CREATE TABLE event_mentions (
    event_id INTEGER NOT NULL REFERENCES events(id),
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence INTEGER NOT NULL,
    sentence_text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    trigger TEXT NOT NULL,
    confidence REAL NOT NULL
);
CREATE INDEX event_mentions_event ON event_mentions(event_id);
CREATE INDEX event_mentions_doc ON event_mentions(doc_id);

CREATE VIRTUAL TABLE documents_fts USING fts5(doc_id UNINDEXED, title, text);
CREATE VIRTUAL TABLE quotes_fts USING fts5(quote_id UNINDEXED, text);
"#,
    // 2: story clusters: MinHash bands for near-duplicates, an actor key, links and story ids.
    // Existing documents are clustered after the migration (see `cluster::backfill`).
    r#"
ALTER TABLE documents ADD COLUMN story TEXT;
ALTER TABLE documents ADD COLUMN minhash BLOB;
ALTER TABLE documents ADD COLUMN actor_key TEXT;
CREATE INDEX documents_story ON documents(story);
CREATE INDEX documents_actor_key ON documents(actor_key, published);
CREATE TABLE doc_bands (
    band INTEGER NOT NULL,
    hash INTEGER NOT NULL,
    doc_id TEXT NOT NULL,
    PRIMARY KEY (band, hash, doc_id)
) WITHOUT ROWID;
CREATE TABLE story_links (
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
"#,
    // 3: indexes for the common reads. Covering indexes for timelines: over all actors (it
    // supersedes `events_day`) and per source and target actor (they supersede the
    // `(actor, day)` indexes of the same names); root codes with days (code filters on a root
    // are `root = ?`); case-insensitive actor names; mention texts (aliases).
    r#"
DROP INDEX events_day;
CREATE INDEX events_timeline ON events(day, quad_class, goldstein, num_mentions);
DROP INDEX events_source;
CREATE INDEX events_source ON events(source_id, day, quad_class, goldstein, num_mentions);
DROP INDEX events_target;
CREATE INDEX events_target ON events(target_id, day, quad_class, goldstein, num_mentions);
CREATE INDEX events_root_day ON events(root, day);
CREATE INDEX actors_canonical_nocase ON actors(canonical COLLATE NOCASE);
CREATE INDEX mentions_text ON mentions(text COLLATE NOCASE);
"#,
    // 4: the default order of event lists (newest day, most mentioned first) as an index, so
    // an unfiltered page reads its rows in order instead of sorting every event (1.2 s → 6 ms
    // on a 1,000,000-event store); mentions by actor and document, so the actor list counts
    // mentions and articles from the index alone (0.43 s → 0.03 s; it supersedes
    // `mentions_actor`); each quote's day (its own date, else its article's publication
    // date) stored and indexed, so quote lists read in order instead of sorting every quote.
    r#"
CREATE INDEX events_recent ON events(day DESC, num_mentions DESC, id);
DROP INDEX mentions_actor;
CREATE INDEX mentions_actor_doc ON mentions(actor_id, doc_id);
ALTER TABLE quotes ADD COLUMN day TEXT;
UPDATE quotes SET day = coalesce(date, (SELECT published FROM documents d WHERE d.id = quotes.doc_id));
CREATE INDEX quotes_recent ON quotes(day DESC, id);
"#,
    // 5: list reads that stay bounded however large the store grows. Each actor's events as
    // source, as target and between a source and a target in the default event order, so a
    // filtered page reads its rows in order (the "as source or target" list merges the first
    // two); each speaker's quotes in quote order (it supersedes `quotes_speaker`); documents in
    // list order. Per-actor mention and article counters, kept by the insert path (see
    // `Store::check_consistency`), so the actor list reads the most mentioned actors from an
    // index instead of counting every mention; and each actor's articles in list order (one
    // row per actor and article, kept by the insert path), so an actor's article page reads
    // its rows from one index instead of sorting all of the actor's articles.
    r#"
CREATE INDEX events_source_recent ON events(source_id, day DESC, num_mentions DESC, id);
CREATE INDEX events_target_recent ON events(target_id, day DESC, num_mentions DESC, id);
CREATE INDEX events_pair_recent ON events(source_id, target_id, day DESC, num_mentions DESC, id);
DROP INDEX quotes_speaker;
CREATE INDEX quotes_speaker_recent ON quotes(speaker_id, day DESC, id);
CREATE INDEX documents_recent ON documents(published DESC, seq DESC);
ALTER TABLE actors ADD COLUMN mentions INTEGER NOT NULL DEFAULT 0;
ALTER TABLE actors ADD COLUMN documents INTEGER NOT NULL DEFAULT 0;
UPDATE actors SET
    mentions = (SELECT count(*) FROM mentions m WHERE m.actor_id = actors.id),
    documents = (SELECT count(DISTINCT m.doc_id) FROM mentions m WHERE m.actor_id = actors.id);
CREATE INDEX actors_most_mentioned ON actors(mentions DESC, canonical);
CREATE TABLE actor_documents (
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    published TEXT,
    seq INTEGER NOT NULL
);
INSERT INTO actor_documents (actor_id, doc_id, published, seq)
    SELECT DISTINCT m.actor_id, m.doc_id, d.published, d.seq FROM mentions m JOIN documents d ON d.id = m.doc_id;
CREATE INDEX actor_documents_recent ON actor_documents(actor_id, published DESC, seq DESC, doc_id);
"#,
    // 6: the per-actor timeline indexes of migration 3 also carry the other side of each event
    // (the target beside the source, the source beside the target), so an actor's timeline and
    // its partner counts read both sides from the two indexes alone, as one union, instead of
    // looking up every one of the actor's event rows. The timeline index over all actors carries
    // both actors too, so the graph of a date range reads its edges from that index alone; and
    // the story index carries publication dates, so the story list groups from the index alone.
    r#"
DROP INDEX events_timeline;
CREATE INDEX events_timeline ON events(day, quad_class, goldstein, num_mentions, source_id, target_id);
DROP INDEX documents_story;
CREATE INDEX documents_story ON documents(story, published);
DROP INDEX events_source;
CREATE INDEX events_source ON events(source_id, day, quad_class, goldstein, num_mentions, target_id);
DROP INDEX events_target;
CREATE INDEX events_target ON events(target_id, day, quad_class, goldstein, num_mentions, source_id);
"#,
    // 7: one row per story with the figures its list shows (article count, first and last
    // publication date, label, event count, leading actors as a JSON array), kept by the insert
    // path for each story a new document joins or merges (see `cluster::refresh_stories` and
    // `Store::check_consistency`), so the story list reads one page from `stories_list` instead
    // of grouping every article and counting each story's events and actors. Existing stores are
    // filled after the migration (see `cluster::backfill_stories`). And each actor's mention texts
    // with how they were found, so its aliases are counted from that index alone instead of
    // looking up every one of its mention rows.
    r#"
CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    articles INTEGER NOT NULL,
    first_published TEXT,
    last_published TEXT,
    label TEXT NOT NULL,
    events INTEGER NOT NULL,
    actors TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX stories_list ON stories(articles DESC, last_published DESC, id);
CREATE INDEX mentions_actor_alias ON mentions(actor_id, text, via);
"#,
];
