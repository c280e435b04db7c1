//! The SQLite backend.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use newsgraph_core::wire::{Analysis, WireEntity};
use rusqlite::{params, Connection, ErrorCode, OpenFlags, OptionalExtension};
use serde::Serialize;

use crate::schema::{APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION};
use crate::StoreError;

/// A newsgraph store in one SQLite file.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    batch: Option<BatchPolicy>,
    /// Documents written in the open transaction.
    pending: usize,
    /// When the open transaction began.
    opened: Instant,
    /// Full-text rows of the open transaction's documents, written just before it commits:
    /// FTS5 flushes its buffered terms at every savepoint, so writing them per document (each
    /// in its savepoint) would make a small index segment per document.
    fts: Vec<FtsRow>,
}

/// A full-text row waiting for the commit.
enum FtsRow {
    Document {
        id: String,
        title: String,
        text: String,
    },
    Quote {
        id: i64,
        text: String,
    },
}

/// When a batch of writes is committed.
#[derive(Clone, Copy, Debug)]
struct BatchPolicy {
    documents: usize,
    max_age: Duration,
}

impl Drop for Store {
    /// Commits the open batch; a failure can only be printed here (call [`Store::flush`] to
    /// handle it).
    fn drop(&mut self) {
        if let Err(e) = self.flush() {
            eprintln!("newsgraph: {e}");
        }
    }
}

/// What happened to a document given to [`Store::insert`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inserted {
    /// Stored now.
    New,
    /// A document with the same content id (or URL) was already stored; nothing changed.
    Present,
}

/// What the store holds.
#[allow(missing_docs)]
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Stats {
    pub schema_version: i64,
    pub documents: i64,
    pub actors: i64,
    pub mentions: i64,
    pub quotes: i64,
    pub times: i64,
    pub events: i64,
    pub event_mentions: i64,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
}

fn classify_open_error(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotOurs {
            path: path.to_path_buf(),
            reason: "the file is not a SQLite database".into(),
        },
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Locked {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied | ErrorCode::ReadOnly) => {
            StoreError::Open {
                path: path.to_path_buf(),
                reason: e.to_string(),
            }
        }
        _ => StoreError::Open {
            path: path.to_path_buf(),
            reason: e.to_string(),
        },
    }
}

impl Store {
    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path).map_err(|e| classify_open_error(path, e))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            batch: None,
            pending: 0,
            opened: Instant::now(),
            fts: Vec::new(),
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// Opens an existing store read-only (for queries while another process ingests).
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        if !path.exists() {
            return Err(StoreError::Open {
                path: path.to_path_buf(),
                reason: "no such database; run `newsgraph ingest` first or pass --db".into(),
            });
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| classify_open_error(path, e))?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
            batch: None,
            pending: 0,
            opened: Instant::now(),
            fts: Vec::new(),
        };
        store.conn.busy_timeout(Duration::from_secs(5))?;
        store.conn.set_prepared_statement_cache_capacity(64);
        let version = store.check_ours()?;
        if version < SCHEMA_VERSION {
            return Err(StoreError::Open {
                path: path.to_path_buf(),
                reason: format!(
                    "schema version {version} is older than {SCHEMA_VERSION}; open it once for writing (e.g. `newsgraph ingest`) to upgrade"
                ),
            });
        }
        Ok(store)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The underlying connection, for the query and export modules.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    fn configure(&self) -> Result<(), StoreError> {
        let locked = |e: rusqlite::Error| classify_open_error(&self.path, e);
        // Every statement of the insert path stays prepared (rusqlite keeps 16 by default,
        // fewer than the insert and clustering statements, which then re-prepared each time).
        self.conn.set_prepared_statement_cache_capacity(64);
        self.conn
            .busy_timeout(Duration::from_secs(5))
            .map_err(locked)?;
        self.check_ours()?;
        self.conn
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(locked)?;
        self.conn
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(locked)?;
        self.conn
            .pragma_update(None, "foreign_keys", "ON")
            .map_err(locked)?;
        // A writer's page cache holds a whole batch's dirty index pages (events land on random
        // days, so each one touches pages all over the indexes): 64 MiB instead of SQLite's 2
        // MiB keeps them from spilling into the WAL mid-transaction and being written again.
        self.conn
            .pragma_update(None, "cache_size", -65_536)
            .map_err(locked)?;
        Ok(())
    }

    /// Checks that the file is a newsgraph store (or empty) and returns its schema version.
    fn check_ours(&self) -> Result<i64, StoreError> {
        let err = |e: rusqlite::Error| classify_open_error(&self.path, e);
        let app: i64 = self
            .conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .map_err(err)?;
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(err)?;
        if app != 0 && app != APPLICATION_ID {
            return Err(StoreError::NotOurs {
                path: self.path.clone(),
                reason: format!("it belongs to another application (id {app:#x})"),
            });
        }
        if app == 0 {
            let tables: i64 = self
                .conn
                .query_row(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
                    [],
                    |r| r.get(0),
                )
                .map_err(err)?;
            if tables > 0 {
                return Err(StoreError::NotOurs {
                    path: self.path.clone(),
                    reason: "it already holds tables of another application".into(),
                });
            }
        }
        if version > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                path: self.path.clone(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        Ok(version)
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let version = self.check_ours()?;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let tx = self.conn.transaction()?;
            tx.execute_batch(sql)?;
            if i + 1 == 2 {
                crate::cluster::backfill(&tx)?;
            }
            if i + 1 == 7 {
                crate::cluster::backfill_stories(&tx)?;
            }
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
            tx.pragma_update(None, "user_version", i as i64 + 1)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// Whether a document with this content id is stored.
    pub fn contains(&self, id: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT 1 FROM documents WHERE id = ?1", [id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Groups the following writes into transactions of up to `documents` documents, each
    /// committed also once it is older than `max_age` (so readers see progress), and when the
    /// store is flushed or dropped. Each document stays all-or-nothing: a killed process loses
    /// at most the uncommitted batch, never part of a document. `documents <= 1` turns batching
    /// off (one transaction per document, the default).
    pub fn batch_writes(&mut self, documents: usize, max_age: Duration) {
        self.batch = (documents > 1).then_some(BatchPolicy { documents, max_age });
    }

    /// Commits the open batch, if any.
    pub fn flush(&mut self) -> Result<(), StoreError> {
        if self.conn.is_autocommit() {
            return Ok(());
        }
        let pending = std::mem::take(&mut self.pending);
        let rows = std::mem::take(&mut self.fts);
        let result = write_fts(&self.conn, &rows).and_then(|()| self.conn.execute_batch("COMMIT"));
        result.map_err(|e| {
            // Nothing of the batch may stay half-done: give it up whole.
            let _ = self.conn.execute_batch("ROLLBACK");
            StoreError::Commit {
                path: self.path.clone(),
                documents: pending,
                reason: e.to_string(),
            }
        })
    }

    /// Stores one analysed document with its raw input, atomically.
    ///
    /// Idempotent: a document whose content id or URL is already stored is left alone. Without
    /// [`Store::batch_writes`] the document is committed before this returns.
    pub fn insert(
        &mut self,
        analysis: &Analysis,
        raw: &str,
        source: Option<&str>,
    ) -> Result<Inserted, StoreError> {
        if self.conn.is_autocommit() {
            // IMMEDIATE: take the write lock now (waiting up to the busy timeout) rather than
            // failing on the upgrade from a read.
            self.conn
                .execute_batch("BEGIN IMMEDIATE")
                .map_err(|e| classify_open_error(&self.path, e))?;
            self.opened = Instant::now();
            self.pending = 0;
        }
        let result = {
            // A failed document rolls back to here; the batch's earlier documents stay.
            let sp = self.conn.savepoint()?;
            let mut fts = Vec::new();
            let r = write_document(&sp, analysis, raw, source, &mut fts);
            if matches!(r, Ok(Inserted::New)) {
                sp.commit()?;
                self.fts.append(&mut fts);
            }
            r
        };
        if matches!(result, Ok(Inserted::New)) {
            self.pending += 1;
        }
        let due = match &self.batch {
            None => true,
            Some(b) => self.pending >= b.documents || self.opened.elapsed() >= b.max_age,
        };
        if due {
            self.flush()?;
        }
        result
    }

    /// Counts of what the store holds.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let count = |table: &str| -> Result<i64, StoreError> {
            Ok(self
                .conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
        };
        let (first_published, last_published) = self.conn.query_row(
            "SELECT min(published), max(published) FROM documents",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(Stats {
            schema_version: self
                .conn
                .pragma_query_value(None, "user_version", |r| r.get(0))?,
            documents: count("documents")?,
            actors: count("actors")?,
            mentions: count("mentions")?,
            quotes: count("quotes")?,
            times: count("times")?,
            events: count("events")?,
            event_mentions: count("event_mentions")?,
            first_published,
            last_published,
        })
    }

    /// Checks that the store is whole and its derived data agrees with what it was derived
    /// from: SQLite's own integrity check; no event without a mention and no row pointing at a
    /// missing document or event; every document with its full-text row, its story and as many
    /// mentions, quotes, times and event mentions as its stored analysis lists; every event's
    /// counts equal to a recount over its mentions, every actor's counters to a recount over
    /// its mentions, every story's stored figures to a recount over its articles (and a row for
    /// every story). Returns one line per problem (empty when
    /// all is well). Reads everything: for tests and `newsgraph stats --check`, not hot paths.
    pub fn check_consistency(&self) -> Result<Vec<String>, StoreError> {
        let mut problems = Vec::new();
        let integrity: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if integrity != "ok" {
            problems.push(format!("integrity check: {integrity}"));
        }
        problems.extend(self.check_derived()?);
        Ok(problems)
    }

    /// The part of [`Store::check_consistency`] about our own tables, without SQLite's
    /// integrity check: it may run inside a reader's transaction while a writer goes on
    /// (FTS5's index check can report a reader's view of a concurrently written index as
    /// malformed, so it is left to the full check).
    pub fn check_derived(&self) -> Result<Vec<String>, StoreError> {
        let conn = &self.conn;
        let mut problems = Vec::new();
        for (what, sql) in [
            (
                "events without a mention",
                "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_mentions m WHERE m.event_id = e.id)",
            ),
            (
                "event mentions of a missing event",
                "SELECT count(*) FROM event_mentions m WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = m.event_id)",
            ),
            (
                "event mentions of a missing document",
                "SELECT count(*) FROM event_mentions m WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = m.doc_id)",
            ),
            (
                "mentions of a missing document",
                "SELECT count(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = m.doc_id)",
            ),
            (
                "mentions of a missing actor",
                "SELECT count(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM actors a WHERE a.id = m.actor_id)",
            ),
            (
                "quotes of a missing document",
                "SELECT count(*) FROM quotes q WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = q.doc_id)",
            ),
            (
                "times of a missing document",
                "SELECT count(*) FROM times t WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = t.doc_id)",
            ),
            (
                "documents without a full-text row",
                "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM documents_fts f WHERE f.doc_id = d.id)",
            ),
            (
                "full-text rows of a missing document",
                "SELECT count(*) FROM documents_fts f WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = f.doc_id)",
            ),
            ("documents without a story", "SELECT count(*) FROM documents WHERE story IS NULL"),
            (
                "events whose counts differ from a recount",
                "SELECT count(*) FROM events e JOIN (
                    SELECT m.event_id AS id, count(*) AS n, count(DISTINCT m.doc_id) AS a,
                           count(DISTINCT coalesce(d.source, d.outlet, d.id)) AS s,
                           min(coalesce(d.published, '')) AS f, max(coalesce(d.published, '')) AS l
                    FROM event_mentions m JOIN documents d ON d.id = m.doc_id GROUP BY m.event_id) c ON c.id = e.id
                 WHERE e.num_mentions != c.n OR e.num_articles != c.a OR e.num_sources != c.s
                    OR e.first_seen IS NOT c.f OR e.last_seen IS NOT c.l",
            ),
            (
                "actors whose mention or article counters differ from a recount",
                "SELECT count(*) FROM actors a LEFT JOIN (
                    SELECT actor_id AS id, count(*) AS n, count(DISTINCT doc_id) AS d
                    FROM mentions GROUP BY actor_id) c ON c.id = a.id
                 WHERE a.mentions != coalesce(c.n, 0) OR a.documents != coalesce(c.d, 0)",
            ),
            (
                "actor and article pairs missing from or extra in the actor article lists",
                "SELECT (SELECT count(*) FROM (SELECT DISTINCT actor_id, doc_id FROM mentions) m
                         WHERE NOT EXISTS (SELECT 1 FROM actor_documents x JOIN documents d ON d.id = x.doc_id
                                           WHERE x.actor_id = m.actor_id AND x.doc_id = m.doc_id
                                             AND x.published IS d.published AND x.seq = d.seq))
                      + (SELECT count(*) FROM actor_documents)
                      - (SELECT count(*) FROM (SELECT DISTINCT actor_id, doc_id FROM mentions))",
            ),
        ] {
            let n: i64 = conn.query_row(sql, [], |r| r.get(0))?;
            if n > 0 {
                problems.push(format!("{n} {what}"));
            }
        }
        let stale = self.stale_stories()?;
        if let Some(first) = stale.first() {
            problems.push(format!(
                "{} stories whose stored figures differ from a recount over their articles (e.g. {first})",
                stale.len()
            ));
        }
        // Each document against its own analysis: nothing half-written.
        let mut docs = conn.prepare("SELECT id, analysis FROM documents ORDER BY seq")?;
        let mut counts = conn.prepare_cached(
            "SELECT (SELECT count(*) FROM mentions WHERE doc_id = ?1), (SELECT count(*) FROM quotes WHERE doc_id = ?1),
                    (SELECT count(*) FROM times WHERE doc_id = ?1), (SELECT count(*) FROM event_mentions WHERE doc_id = ?1)",
        )?;
        let mut rows = docs.query([])?;
        let mut partial = 0usize;
        let mut example = None;
        while let Some(r) = rows.next()? {
            let (id, json): (String, String) = (r.get(0)?, r.get(1)?);
            let a: Analysis = serde_json::from_str(&json).map_err(|e| StoreError::Corrupt {
                id: id.clone(),
                reason: e.to_string(),
            })?;
            let want = (
                a.entities
                    .iter()
                    .map(|e| e.mentions.len() as i64)
                    .sum::<i64>(),
                a.quotes.len() as i64,
                a.times.len() as i64,
                a.events.iter().filter(|e| !e.negated).count() as i64,
            );
            let have: (i64, i64, i64, i64) =
                counts.query_row([&id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
            if have != want {
                partial += 1;
                example.get_or_insert(id);
            }
        }
        if let Some(id) = example {
            problems.push(format!(
                "{partial} documents whose rows differ from their analysis (e.g. {id})"
            ));
        }
        Ok(problems)
    }

    /// The stored analysis of a document.
    pub fn analysis(&self, id: &str) -> Result<Option<Analysis>, StoreError> {
        let json: Option<String> = self
            .conn
            .query_row("SELECT analysis FROM documents WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        json.map(|j| {
            serde_json::from_str(&j).map_err(|e| StoreError::Corrupt {
                id: id.to_string(),
                reason: e.to_string(),
            })
        })
        .transpose()
    }
}

/// Writes the full-text rows of a batch.
fn write_fts(conn: &Connection, rows: &[FtsRow]) -> rusqlite::Result<()> {
    let mut doc =
        conn.prepare_cached("INSERT INTO documents_fts (doc_id, title, text) VALUES (?1, ?2, ?3)")?;
    let mut quote =
        conn.prepare_cached("INSERT INTO quotes_fts (quote_id, text) VALUES (?1, ?2)")?;
    for row in rows {
        match row {
            FtsRow::Document { id, title, text } => doc.execute(params![id, title, text])?,
            FtsRow::Quote { id, text } => quote.execute(params![id, text])?,
        };
    }
    Ok(())
}

/// Writes one document and everything in it (inside the caller's savepoint) but its full-text
/// rows, which go to `fts` for the commit.
fn write_document(
    conn: &Connection,
    analysis: &Analysis,
    raw: &str,
    source: Option<&str>,
    fts: &mut Vec<FtsRow>,
) -> Result<Inserted, StoreError> {
    let doc = &analysis.document;
    let present = conn
        .prepare_cached(
            "SELECT 1 FROM documents WHERE id = ?1 OR (url IS NOT NULL AND url = ?2) LIMIT 1",
        )?
        .query_row(params![doc.id, doc.url], |_| Ok(()))
        .optional()?
        .is_some();
    if present {
        return Ok(Inserted::Present);
    }
    let json = serde_json::to_string(analysis).map_err(|e| StoreError::Corrupt {
        id: doc.id.clone(),
        reason: e.to_string(),
    })?;
    let seq: i64 = conn
        .prepare_cached("SELECT coalesce(max(seq), 0) + 1 FROM documents")?
        .query_row([], |r| r.get(0))?;
    conn.prepare_cached(
        "INSERT INTO documents (id, path, url, source, title, byline, outlet, published, text, raw, analysis, seq)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        doc.id,
        doc.path,
        doc.url,
        source,
        doc.title,
        doc.byline,
        doc.outlet,
        doc.published,
        doc.text,
        raw,
        json,
        seq
    ])?;
    fts.push(FtsRow::Document {
        id: doc.id.clone(),
        title: doc.title.clone().unwrap_or_default(),
        text: doc.text.clone(),
    });
    let actor_ids = insert_entities(conn, &doc.id, &analysis.entities)?;
    let actor_of = |e: &Option<String>| -> Option<i64> {
        let idx = e
            .as_deref()?
            .strip_prefix('e')?
            .parse::<usize>()
            .ok()?
            .checked_sub(1)?;
        actor_ids.get(idx).copied()
    };
    {
        let mut quote = conn.prepare_cached(
            "INSERT INTO quotes (doc_id, speaker_id, speaker_text, text, kind, cue, start, end, date, day)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        for q in &analysis.quotes {
            quote.execute(params![
                doc.id,
                actor_of(&q.speaker),
                q.speaker_text,
                q.text,
                q.kind,
                q.cue,
                q.start as i64,
                q.end as i64,
                q.date,
                q.date.as_deref().or(doc.published.as_deref())
            ])?;
            fts.push(FtsRow::Quote {
                id: conn.last_insert_rowid(),
                text: q.text.clone(),
            });
        }
    }
    {
        let mut time = conn.prepare_cached(
            "INSERT INTO times (doc_id, start, end, text, value) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for t in &analysis.times {
            time.execute(params![
                doc.id,
                t.start as i64,
                t.end as i64,
                t.text,
                t.value
            ])?;
        }
    }
    insert_events(conn, analysis, source, &actor_of)?;
    let stories =
        crate::cluster::cluster_document(conn, &doc.id, &doc.text, doc.published.as_deref())?;
    crate::cluster::refresh_stories(conn, &stories)?;
    Ok(Inserted::New)
}

/// Stores the document's event mentions, creating or updating their deduplicated events.
///
/// The counts are kept incrementally: `num_mentions` + 1 per mention, `num_articles` + 1 for
/// the document's first mention of an event, `num_sources` + 1 when no other stored document
/// of the same source mentions it, `first_seen`/`last_seen` widened. They equal a recount over
/// `event_mentions` (see [`Store::check_consistency`]).
fn insert_events(
    conn: &Connection,
    analysis: &Analysis,
    source: Option<&str>,
    actor_of: &dyn Fn(&Option<String>) -> Option<i64>,
) -> Result<(), StoreError> {
    let doc = &analysis.document;
    // The same key as `coalesce(d.source, d.outlet, d.id)` over the stored document.
    let source_key = source.or(doc.outlet.as_deref()).unwrap_or(doc.id.as_str());
    let seen = doc.published.clone().unwrap_or_default();
    let mut upsert = conn.prepare_cached(
        "INSERT INTO events (day, source_key, target_key, cameo, place, source_id, target_id, source_code,
             target_code, root, quad_class, goldstein, plover, lat, lon,
             num_mentions, num_articles, num_sources, first_seen, last_seen)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, 1, ?16, 1, ?17, ?17)
         ON CONFLICT (day, source_key, cameo, target_key, place) DO UPDATE SET
             num_mentions = num_mentions + 1,
             num_articles = num_articles + excluded.num_articles,
             first_seen = min(first_seen, excluded.first_seen),
             last_seen = max(last_seen, excluded.last_seen)
         RETURNING id, num_mentions",
    )?;
    let mut same_source = conn.prepare_cached(
        "SELECT 1 FROM event_mentions m JOIN documents d ON d.id = m.doc_id
         WHERE m.event_id = ?1 AND m.doc_id != ?2 AND coalesce(d.source, d.outlet, d.id) = ?3 LIMIT 1",
    )?;
    let mut new_source =
        conn.prepare_cached("UPDATE events SET num_sources = num_sources + 1 WHERE id = ?1")?;
    let mut mention = conn.prepare_cached(
        "INSERT INTO event_mentions (event_id, doc_id, sentence, sentence_text, start, end, trigger, confidence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    // Dedup keys this document has already mentioned.
    let mut counted: Vec<(String, String, String, String, String)> = Vec::new();
    for e in analysis.events.iter().filter(|e| !e.negated) {
        let source_id = actor_of(&e.source);
        let target_id = actor_of(&e.target);
        let key = |id: Option<i64>, code: &Option<String>| match id {
            Some(id) => format!("#{id}"),
            None => code.clone().unwrap_or_default(),
        };
        let day = e
            .date
            .clone()
            .or_else(|| doc.published.clone())
            .unwrap_or_default();
        let place = e.place.as_ref().map(|p| p.name.clone()).unwrap_or_default();
        let dedup = (
            day,
            key(source_id, &e.source_code),
            e.cameo.clone(),
            key(target_id, &e.target_code),
            place,
        );
        let repeat = counted.contains(&dedup);
        let (event_id, mentions): (i64, i64) = upsert.query_row(
            params![
                dedup.0,
                dedup.1,
                dedup.3,
                dedup.2,
                dedup.4,
                source_id,
                target_id,
                e.source_code,
                e.target_code,
                e.root,
                e.quad_class,
                e.goldstein,
                e.plover,
                e.place.as_ref().map(|p| p.lat),
                e.place.as_ref().map(|p| p.lon),
                i64::from(!repeat),
                seen,
            ],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if !repeat {
            // A new event counted its one source on insert; an existing one gains a source
            // when no other stored document of this source mentions it.
            if mentions > 1
                && same_source
                    .query_row(params![event_id, doc.id, source_key], |_| Ok(()))
                    .optional()?
                    .is_none()
            {
                new_source.execute([event_id])?;
            }
            counted.push(dedup);
        }
        mention.execute(params![
            event_id,
            doc.id,
            e.sentence as i64,
            e.sentence_text,
            e.start as i64,
            e.end as i64,
            e.trigger,
            e.confidence
        ])?;
    }
    Ok(())
}

/// Registers the document's entities as actors (by canonical name) and stores their mentions.
/// Returns the actor id of each entity, in order.
fn insert_entities(
    conn: &Connection,
    doc_id: &str,
    entities: &[WireEntity],
) -> Result<Vec<i64>, StoreError> {
    let mut find = conn.prepare_cached(
        "SELECT id, actor_code IS NULL, country IS NULL, wikidata IS NULL FROM actors WHERE canonical = ?1",
    )?;
    let mut add = conn.prepare_cached(
        "INSERT INTO actors (canonical, kind, actor_code, country, wikidata) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut fill = conn.prepare_cached(
        "UPDATE actors SET actor_code = coalesce(actor_code, ?2), country = coalesce(country, ?3),
             wikidata = coalesce(wikidata, ?4) WHERE id = ?1",
    )?;
    let mut mention = conn.prepare_cached(
        "INSERT INTO mentions (doc_id, actor_id, entity, start, end, text, via) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    // The actor list's counters: mentions, and articles (once per actor per document).
    let mut count = conn.prepare_cached(
        "UPDATE actors SET mentions = mentions + ?2, documents = documents + ?3 WHERE id = ?1",
    )?;
    let mut listed = conn.prepare_cached(
        "INSERT INTO actor_documents (actor_id, doc_id, published, seq)
         SELECT ?1, id, published, seq FROM documents WHERE id = ?2",
    )?;
    let mut ids: Vec<i64> = Vec::with_capacity(entities.len());
    let mut mentioned: Vec<i64> = Vec::new();
    for e in entities {
        let found: Option<(i64, bool, bool, bool)> = find
            .query_row([&e.canonical], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()?;
        let id = match found {
            None => {
                add.execute(params![
                    e.canonical,
                    e.kind,
                    e.actor_code,
                    e.country,
                    e.wikidata
                ])?;
                conn.last_insert_rowid()
            }
            Some((id, no_code, no_country, no_wikidata)) => {
                // The registry keeps the first value it saw and fills only what it lacks.
                if (no_code && e.actor_code.is_some())
                    || (no_country && e.country.is_some())
                    || (no_wikidata && e.wikidata.is_some())
                {
                    fill.execute(params![id, e.actor_code, e.country, e.wikidata])?;
                }
                id
            }
        };
        for m in &e.mentions {
            mention.execute(params![
                doc_id,
                id,
                e.id,
                m.start as i64,
                m.end as i64,
                m.text,
                m.via
            ])?;
        }
        if !e.mentions.is_empty() {
            let first_in_document = !mentioned.contains(&id);
            count.execute(params![
                id,
                e.mentions.len() as i64,
                i64::from(first_in_document)
            ])?;
            if first_in_document {
                listed.execute(params![id, doc_id])?;
            }
            mentioned.push(id);
        }
        ids.push(id);
    }
    Ok(ids)
}
