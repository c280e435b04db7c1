//! The SQLite backend.

use std::path::{Path, PathBuf};
use std::time::Duration;

use newsgraph_core::wire::{Analysis, WireEntity};
use rusqlite::{params, Connection, ErrorCode, OpenFlags, OptionalExtension, Transaction};
use serde::Serialize;

use crate::schema::{APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION};
use crate::StoreError;

/// A newsgraph store in one SQLite file.
pub struct Store {
    conn: Connection,
    path: PathBuf,
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
        };
        store.conn.busy_timeout(Duration::from_secs(5))?;
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

    /// Stores one analysed document with its raw input, in one transaction.
    ///
    /// Idempotent: a document whose content id or URL is already stored is left alone.
    pub fn insert(
        &mut self,
        analysis: &Analysis,
        raw: &str,
        source: Option<&str>,
    ) -> Result<Inserted, StoreError> {
        let tx = self.conn.transaction()?;
        let doc = &analysis.document;
        let present: bool = tx
            .query_row(
                "SELECT 1 FROM documents WHERE id = ?1 OR (url IS NOT NULL AND url = ?2)",
                params![doc.id, doc.url],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        if present {
            return Ok(Inserted::Present);
        }
        let json = serde_json::to_string(analysis).map_err(|e| StoreError::Corrupt {
            id: doc.id.clone(),
            reason: e.to_string(),
        })?;
        let seq: i64 =
            tx.query_row("SELECT coalesce(max(seq), 0) + 1 FROM documents", [], |r| {
                r.get(0)
            })?;
        tx.execute(
            "INSERT INTO documents (id, path, url, source, title, byline, outlet, published, text, raw, analysis, seq)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
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
            ],
        )?;
        tx.execute(
            "INSERT INTO documents_fts (doc_id, title, text) VALUES (?1, ?2, ?3)",
            params![doc.id, doc.title.as_deref().unwrap_or(""), doc.text],
        )?;
        let actor_ids = insert_entities(&tx, &doc.id, &analysis.entities)?;
        let actor_of = |e: &Option<String>| -> Option<i64> {
            let idx = e
                .as_deref()?
                .strip_prefix('e')?
                .parse::<usize>()
                .ok()?
                .checked_sub(1)?;
            actor_ids.get(idx).copied()
        };
        for q in &analysis.quotes {
            tx.execute(
                "INSERT INTO quotes (doc_id, speaker_id, speaker_text, text, kind, cue, start, end, date)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    doc.id,
                    actor_of(&q.speaker),
                    q.speaker_text,
                    q.text,
                    q.kind,
                    q.cue,
                    q.start as i64,
                    q.end as i64,
                    q.date
                ],
            )?;
            let qid = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO quotes_fts (quote_id, text) VALUES (?1, ?2)",
                params![qid, q.text],
            )?;
        }
        for t in &analysis.times {
            tx.execute(
                "INSERT INTO times (doc_id, start, end, text, value) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![doc.id, t.start as i64, t.end as i64, t.text, t.value],
            )?;
        }
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
            tx.execute(
                "INSERT INTO events (day, source_key, target_key, cameo, place, source_id, target_id, source_code,
                     target_code, root, quad_class, goldstein, plover, lat, lon)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
                 ON CONFLICT (day, source_key, cameo, target_key, place) DO NOTHING",
                params![
                    day,
                    key(source_id, &e.source_code),
                    key(target_id, &e.target_code),
                    e.cameo,
                    place,
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
                ],
            )?;
            let event_id: i64 = tx.query_row(
                "SELECT id FROM events WHERE day = ?1 AND source_key = ?2 AND cameo = ?3 AND target_key = ?4 AND place = ?5",
                params![day, key(source_id, &e.source_code), e.cameo, key(target_id, &e.target_code), place],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO event_mentions (event_id, doc_id, sentence, sentence_text, start, end, trigger, confidence)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    event_id,
                    doc.id,
                    e.sentence as i64,
                    e.sentence_text,
                    e.start as i64,
                    e.end as i64,
                    e.trigger,
                    e.confidence
                ],
            )?;
            tx.execute(
                "UPDATE events SET
                    num_mentions = (SELECT count(*) FROM event_mentions WHERE event_id = ?1),
                    num_articles = (SELECT count(DISTINCT doc_id) FROM event_mentions WHERE event_id = ?1),
                    num_sources = (SELECT count(DISTINCT coalesce(d.source, d.outlet, d.id))
                                   FROM event_mentions m JOIN documents d ON d.id = m.doc_id WHERE m.event_id = ?1),
                    first_seen = (SELECT min(coalesce(d.published, '')) FROM event_mentions m
                                  JOIN documents d ON d.id = m.doc_id WHERE m.event_id = ?1),
                    last_seen = (SELECT max(coalesce(d.published, '')) FROM event_mentions m
                                 JOIN documents d ON d.id = m.doc_id WHERE m.event_id = ?1)
                 WHERE id = ?1",
                [event_id],
            )?;
        }
        crate::cluster::cluster_document(&tx, &doc.id)?;
        tx.commit()?;
        Ok(Inserted::New)
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

/// Registers the document's entities as actors (by canonical name) and stores their mentions.
/// Returns the actor id of each entity, in order.
fn insert_entities(
    tx: &Transaction<'_>,
    doc_id: &str,
    entities: &[WireEntity],
) -> Result<Vec<i64>, StoreError> {
    let mut ids = Vec::with_capacity(entities.len());
    for e in entities {
        tx.execute(
            "INSERT INTO actors (canonical, kind, actor_code, country, wikidata) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (canonical) DO UPDATE SET
                actor_code = coalesce(actors.actor_code, excluded.actor_code),
                country = coalesce(actors.country, excluded.country),
                wikidata = coalesce(actors.wikidata, excluded.wikidata)",
            params![e.canonical, e.kind, e.actor_code, e.country, e.wikidata],
        )?;
        let id: i64 = tx.query_row(
            "SELECT id FROM actors WHERE canonical = ?1",
            [&e.canonical],
            |r| r.get(0),
        )?;
        for m in &e.mentions {
            tx.execute(
                "INSERT INTO mentions (doc_id, actor_id, entity, start, end, text, via) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![doc_id, id, e.id, m.start as i64, m.end as i64, m.text, m.via],
            )?;
        }
        ids.push(id);
    }
    Ok(ids)
}
