//! Read queries over the store: events, actors, quotes, timelines, documents, search, graph.
//!
//! Every filter is validated first (dates must be ISO, codes CAMEO-shaped, actors must exist):
//! a bad parameter is a [`StoreError::BadQuery`] that says what is wrong, never empty output.
//! SQL is never built from request strings: values are always bound parameters.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, OptionalExtension, Row};
use serde::Serialize;

use crate::{Store, StoreError};

/// Filters of [`Store::events`].
#[derive(Clone, Debug, Default)]
pub struct EventFilter {
    /// Events with this actor as source or target.
    pub actor: Option<String>,
    /// Events with this source actor.
    pub source: Option<String>,
    /// Events with this target actor.
    pub target: Option<String>,
    /// CAMEO code or prefix (`11`, `112`, `1121`).
    pub code: Option<String>,
    /// Quad class 1..=4.
    pub quad: Option<u8>,
    /// First day (ISO, partial allowed).
    pub since: Option<String>,
    /// Last day (ISO, partial allowed, inclusive).
    pub until: Option<String>,
    /// Place name.
    pub place: Option<String>,
    /// Most rows to return (0 = 100).
    pub limit: usize,
    /// Rows to skip.
    pub offset: usize,
}

/// One deduplicated event.
#[allow(missing_docs)]
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct EventRow {
    pub id: i64,
    pub day: String,
    pub source_id: Option<i64>,
    pub source: Option<String>,
    pub source_code: Option<String>,
    pub target_id: Option<i64>,
    pub target: Option<String>,
    pub target_code: Option<String>,
    pub cameo: String,
    pub root: String,
    pub quad_class: i64,
    pub goldstein: f64,
    pub plover: Option<String>,
    pub place: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub num_mentions: i64,
    pub num_sources: i64,
    pub num_articles: i64,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
}

/// One mention of an event: where in which article it was found.
#[allow(missing_docs)]
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct EventMentionRow {
    pub event_id: i64,
    pub doc_id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub sentence: i64,
    pub sentence_text: String,
    pub start: i64,
    pub end: i64,
    pub trigger: String,
    pub confidence: f64,
}

/// One actor of the registry with usage counts.
#[allow(missing_docs)]
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ActorRow {
    pub id: i64,
    pub canonical: String,
    pub kind: String,
    pub actor_code: Option<String>,
    pub country: Option<String>,
    pub wikidata: Option<String>,
    pub mentions: i64,
    pub documents: i64,
}

/// Filters of [`Store::actors`].
#[derive(Clone, Debug, Default)]
pub struct ActorFilter {
    /// ISO alpha-3 country.
    pub country: Option<String>,
    /// Entity kind (`person`, `organization`, ...).
    pub kind: Option<String>,
    /// Most rows (0 = 100).
    pub limit: usize,
    /// Rows to skip.
    pub offset: usize,
}

/// A partner of an actor: who it acts on or is acted on by, and how.
#[allow(missing_docs)]
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct PartnerRow {
    pub id: i64,
    pub canonical: String,
    pub actor_code: Option<String>,
    pub events: i64,
    pub cooperation: i64,
    pub conflict: i64,
    pub mean_goldstein: f64,
}

/// Everything about one actor.
#[allow(missing_docs)]
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ActorDetail {
    pub actor: ActorRow,
    /// Distinct ways the actor is named, most frequent first.
    pub aliases: Vec<(String, i64)>,
    pub quotes: Vec<QuoteRow>,
    pub events_as_source: Vec<EventRow>,
    pub events_as_target: Vec<EventRow>,
    pub partners: Vec<PartnerRow>,
}

/// Filters of [`Store::quotes`].
#[derive(Clone, Debug, Default)]
pub struct QuoteFilter {
    /// Speaker name, alias or code.
    pub speaker: Option<String>,
    /// Said on or after (ISO).
    pub since: Option<String>,
    /// Said on or before (ISO).
    pub until: Option<String>,
    /// Most rows (0 = 100).
    pub limit: usize,
    /// Rows to skip.
    pub offset: usize,
}

/// One quote.
#[allow(missing_docs)]
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct QuoteRow {
    pub id: i64,
    pub doc_id: String,
    pub speaker_id: Option<i64>,
    pub speaker: Option<String>,
    pub speaker_text: Option<String>,
    pub text: String,
    pub kind: String,
    pub cue: Option<String>,
    pub date: Option<String>,
    pub start: i64,
    pub end: i64,
}

/// Time buckets of a timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Bucket {
    /// Per day.
    Day,
    /// Per ISO week (`2014-W47`).
    Week,
    /// Per month.
    #[default]
    Month,
}

/// Filters of [`Store::timeline`].
#[derive(Clone, Debug, Default)]
pub struct TimelineFilter {
    /// Events involving this actor (source or target).
    pub actor: Option<String>,
    /// With `actor`, only events between the two.
    pub partner: Option<String>,
    /// First day.
    pub since: Option<String>,
    /// Last day.
    pub until: Option<String>,
    /// Bucket size.
    pub by: Bucket,
}

/// One period of a timeline.
#[allow(missing_docs)]
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct TimelineRow {
    pub period: String,
    pub events: i64,
    pub mentions: i64,
    pub goldstein_sum: f64,
    pub mean_goldstein: f64,
    /// Verbal cooperation, material cooperation, verbal conflict, material conflict.
    pub quad: [i64; 4],
}

/// Filters of [`Store::documents`].
#[derive(Clone, Debug, Default)]
pub struct DocumentFilter {
    /// Published on or after.
    pub since: Option<String>,
    /// Published on or before.
    pub until: Option<String>,
    /// Mentioning this actor.
    pub actor: Option<String>,
    /// Most rows (0 = 100).
    pub limit: usize,
    /// Rows to skip.
    pub offset: usize,
}

/// One stored document, without its text.
#[allow(missing_docs)]
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct DocumentRow {
    pub id: String,
    pub path: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub words: i64,
}

/// One search hit.
#[allow(missing_docs)]
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct SearchHit {
    /// `document` or `quote`.
    pub kind: String,
    pub doc_id: String,
    pub quote_id: Option<i64>,
    pub title: Option<String>,
    pub snippet: String,
}

/// Filters of [`Store::graph`].
#[derive(Clone, Debug, Default)]
pub struct GraphFilter {
    /// First day.
    pub since: Option<String>,
    /// Last day.
    pub until: Option<String>,
    /// Quad class 1..=4.
    pub quad: Option<u8>,
    /// Only edges with at least this many events.
    pub min_events: i64,
    /// Most edges, strongest first (0 = 500).
    pub limit: usize,
}

/// The actor network.
#[allow(missing_docs)]
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Graph {
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
}

/// An actor in the network.
#[allow(missing_docs)]
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct GraphNode {
    pub id: i64,
    pub label: String,
    pub actor_code: Option<String>,
    pub kind: String,
    pub events: i64,
}

/// Directed events from one actor to another.
#[allow(missing_docs)]
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct GraphEdge {
    pub source: i64,
    pub target: i64,
    pub events: i64,
    pub mentions: i64,
    pub cooperation: i64,
    pub conflict: i64,
    pub mean_goldstein: f64,
}

/// Checks an ISO date or partial date (`2014`, `2014-11`, `2014-11-26`).
pub fn check_date(what: &str, s: &str) -> Result<String, StoreError> {
    let bad = || {
        StoreError::BadQuery(format!(
            "{what}: '{s}' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD"
        ))
    };
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let ok = match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&m.parse::<u8>().unwrap_or(0)),
        [y, m, d] => {
            digits(y, 4)
                && digits(m, 2)
                && digits(d, 2)
                && newsgraph_core::Date::new(
                    y.parse().unwrap_or(0),
                    m.parse().unwrap_or(0),
                    d.parse().unwrap_or(0),
                )
                .is_some()
        }
        _ => false,
    };
    if ok {
        Ok(s.to_string())
    } else {
        Err(bad())
    }
}

/// The CAMEO codebook shipped with newsgraph (`code<TAB>name<TAB>...`), for checking codes.
const CODEBOOK: &str = include_str!("../../../resources/cameo/codebook.tsv");

/// Whether `code` is a CAMEO event code of the codebook, or the prefix of one.
fn in_codebook(code: &str) -> bool {
    CODEBOOK
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .any(|c| c.starts_with(code))
}

/// Checks a CAMEO code or prefix: two to four digits with a root 01..20 that the CAMEO
/// codebook knows.
pub fn check_code(s: &str) -> Result<String, StoreError> {
    let root: u8 = s.get(..2).and_then(|r| r.parse().ok()).unwrap_or(0);
    if !((2..=4).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_digit())
        && (1..=20).contains(&root))
    {
        return Err(StoreError::BadQuery(format!(
            "--code: '{s}' is not a CAMEO code; use a root 01..20 or a longer code such as 112 or 1121"
        )));
    }
    if !in_codebook(s) {
        return Err(StoreError::BadQuery(format!(
            "--code: '{s}' is not in the CAMEO codebook; root {:02} has codes such as {}",
            root,
            CODEBOOK
                .lines()
                .filter_map(|l| l.split('\t').next())
                .filter(|c| c.len() == 3 && c.starts_with(&s[..2]))
                .take(4)
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    Ok(s.to_string())
}

fn limit(n: usize, default: usize) -> i64 {
    if n == 0 {
        default as i64
    } else {
        n.min(100_000) as i64
    }
}

/// How many of the newest matches of each kind [`Store::search`] ranks (BM25 reads each
/// candidate's length row: one lookup per candidate).
pub const SEARCH_CANDIDATES: i64 = 200;

const EVENT_COLUMNS: &str = "e.id, e.day, e.source_id, sa.canonical, e.source_code, e.target_id, ta.canonical,
    e.target_code, e.cameo, e.root, e.quad_class, e.goldstein, e.plover, e.place, e.lat, e.lon, e.num_mentions,
    e.num_sources, e.num_articles, e.first_seen, e.last_seen";
const EVENT_FROM: &str =
    "FROM events e LEFT JOIN actors sa ON sa.id = e.source_id LEFT JOIN actors ta ON ta.id = e.target_id";

fn event_row(r: &Row<'_>) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        id: r.get(0)?,
        day: r.get(1)?,
        source_id: r.get(2)?,
        source: r.get(3)?,
        source_code: r.get(4)?,
        target_id: r.get(5)?,
        target: r.get(6)?,
        target_code: r.get(7)?,
        cameo: r.get(8)?,
        root: r.get(9)?,
        quad_class: r.get(10)?,
        goldstein: r.get(11)?,
        plover: r.get(12)?,
        place: r.get(13)?,
        lat: r.get(14)?,
        lon: r.get(15)?,
        num_mentions: r.get(16)?,
        num_sources: r.get(17)?,
        num_articles: r.get(18)?,
        first_seen: r.get(19)?,
        last_seen: r.get(20)?,
    })
}

fn actor_row(r: &Row<'_>) -> rusqlite::Result<ActorRow> {
    Ok(ActorRow {
        id: r.get(0)?,
        canonical: r.get(1)?,
        kind: r.get(2)?,
        actor_code: r.get(3)?,
        country: r.get(4)?,
        wikidata: r.get(5)?,
        mentions: r.get(6)?,
        documents: r.get(7)?,
    })
}

fn quote_row(r: &Row<'_>) -> rusqlite::Result<QuoteRow> {
    Ok(QuoteRow {
        id: r.get(0)?,
        doc_id: r.get(1)?,
        speaker_id: r.get(2)?,
        speaker: r.get(3)?,
        speaker_text: r.get(4)?,
        text: r.get(5)?,
        kind: r.get(6)?,
        cue: r.get(7)?,
        date: r.get(8)?,
        start: r.get(9)?,
        end: r.get(10)?,
    })
}

/// SQL conditions with their bound values.
#[derive(Default)]
pub(crate) struct Where {
    clauses: Vec<String>,
    pub(crate) values: Vec<Value>,
}

impl Where {
    fn push(&mut self, clause: &str, values: impl IntoIterator<Item = Value>) {
        let mut clause = clause.to_string();
        for v in values {
            self.values.push(v);
            clause = clause.replacen("{}", &format!("?{}", self.values.len()), 1);
        }
        self.clauses.push(clause);
    }
    fn push_ids(&mut self, template: &str, ids: &[i64]) {
        let start = self.values.len();
        let placeholders: Vec<String> = (0..ids.len())
            .map(|i| format!("?{}", start + i + 1))
            .collect();
        self.values.extend(ids.iter().map(|&i| Value::Integer(i)));
        self.clauses
            .push(template.replace("{ids}", &placeholders.join(",")));
    }
    /// Binds `ids` and returns their placeholders (`?4,?5`), for a clause written by hand.
    fn bind_ids(&mut self, ids: &[i64]) -> String {
        let start = self.values.len();
        self.values.extend(ids.iter().map(|&i| Value::Integer(i)));
        (0..ids.len())
            .map(|i| format!("?{}", start + i + 1))
            .collect::<Vec<_>>()
            .join(",")
    }
    /// The conditions joined with `AND`, or `1` when there are none.
    fn conditions(&self) -> String {
        if self.clauses.is_empty() {
            "1".to_string()
        } else {
            self.clauses.join(" AND ")
        }
    }
    pub(crate) fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.clauses.join(" AND "))
        }
    }
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

/// The upper bound for an inclusive partial-date `until`.
fn until_bound(s: &str) -> Value {
    Value::Text(format!("{s}~"))
}

impl Store {
    /// The actors a name, alias or code refers to (best matches first).
    pub fn resolve_actor(&self, query: &str) -> Result<Vec<i64>, StoreError> {
        let q = query.trim();
        if q.is_empty() {
            return Err(StoreError::BadQuery("empty actor name".into()));
        }
        let conn = self.connection();
        let mut ids: Vec<i64> = Vec::new();
        if let Ok(id) = q.parse::<i64>() {
            if conn
                .query_row("SELECT 1 FROM actors WHERE id = ?1", [id], |_| Ok(()))
                .optional()?
                .is_some()
            {
                return Ok(vec![id]);
            }
        }
        let lookup = |sql: &str| -> Result<Vec<i64>, StoreError> {
            let mut stmt = conn.prepare_cached(sql)?;
            let found = stmt.query_map([q], |r| r.get::<_, i64>(0))?;
            Ok(found.collect::<Result<_, _>>()?)
        };
        for sql in [
            "SELECT id FROM actors WHERE canonical = ?1 COLLATE NOCASE",
            "SELECT id FROM actors WHERE actor_code = ?1",
            "SELECT actor_id FROM mentions WHERE text = ?1 COLLATE NOCASE GROUP BY actor_id ORDER BY count(*) DESC LIMIT 5",
        ] {
            ids = lookup(sql)?;
            if !ids.is_empty() {
                break;
            }
        }
        if ids.is_empty() {
            Err(StoreError::BadQuery(format!("unknown actor '{q}': not a stored name, alias, code or id (see `newsgraph actors`)")))
        } else {
            Ok(ids)
        }
    }

    /// The validated SQL conditions of an event filter (`e` is the events table).
    pub(crate) fn event_where(&self, f: &EventFilter) -> Result<Where, StoreError> {
        let mut w = Where::default();
        if let Some(a) = &f.actor {
            let ids = self.resolve_actor(a)?;
            w.push_ids("(e.source_id IN ({ids}) OR e.target_id IN ({ids}))", &ids);
            // push_ids bound the ids once; both IN lists refer to the same placeholders.
        }
        if let Some(a) = &f.source {
            let ids = self.resolve_actor(a)?;
            w.push_ids("e.source_id IN ({ids})", &ids);
        }
        if let Some(a) = &f.target {
            let ids = self.resolve_actor(a)?;
            w.push_ids("e.target_id IN ({ids})", &ids);
        }
        if let Some(c) = &f.code {
            let c = check_code(c)?;
            if c.len() == 2 {
                // A root: equality on the root column (index events_root_day).
                w.push("e.root = {}", [text(&c)]);
            } else {
                w.push(
                    "e.cameo >= {} AND e.cameo < {}",
                    [text(&c), Value::Text(format!("{c}~"))],
                );
            }
        }
        if let Some(q) = f.quad {
            if !(1..=4).contains(&q) {
                return Err(StoreError::BadQuery(format!(
                    "--quad: {q} is not a quad class; use 1 to 4"
                )));
            }
            w.push("e.quad_class = {}", [Value::Integer(i64::from(q))]);
        }
        if let Some(s) = &f.since {
            w.push("e.day >= {}", [text(&check_date("--since", s)?)]);
        }
        if let Some(u) = &f.until {
            w.push("e.day <= {}", [until_bound(&check_date("--until", u)?)]);
        }
        if let Some(p) = &f.place {
            w.push("e.place = {} COLLATE NOCASE", [text(p)]);
        }
        Ok(w)
    }

    /// Validates an event filter without running it (dates, codes, actors), so a command can
    /// refuse bad input before it writes anything.
    pub fn check_event_filter(&self, f: &EventFilter) -> Result<(), StoreError> {
        self.event_where(f).map(|_| ())
    }

    /// Deduplicated events matching `f`, newest first.
    ///
    /// The page's ids are chosen from the events table alone, in the order of an index
    /// (`events_recent`, or an actor's `events_*_recent`), and only those rows are joined with
    /// their actors: rows skipped by an offset cost an index step each, not a row read and two
    /// joins. Events of an actor as source or target are the merge of its two ordered lists,
    /// each cut at the page's end, so neither side is read past what the page needs.
    pub fn events(&self, f: &EventFilter) -> Result<Vec<EventRow>, StoreError> {
        let n = limit(f.limit, 100);
        let off = f.offset.min(10_000_000) as i64;
        const ORDER: &str = "ORDER BY e.day DESC, e.num_mentions DESC, e.id";
        let (ids_sql, values) = match &f.actor {
            Some(a) => {
                let ids = self.resolve_actor(a)?;
                let rest = EventFilter {
                    actor: None,
                    ..f.clone()
                };
                let mut w = self.event_where(&rest)?;
                let cond = w.conditions();
                let ph = w.bind_ids(&ids);
                let arm = |col: &str| {
                    format!(
                        "SELECT * FROM (SELECT e.id, e.day, e.num_mentions FROM events e
                         WHERE e.{col} IN ({ph}) AND {cond} {ORDER} LIMIT {})",
                        n + off
                    )
                };
                (
                    format!(
                        "SELECT id FROM ({} UNION {}) e {ORDER} LIMIT {n} OFFSET {off}",
                        arm("source_id"),
                        arm("target_id")
                    ),
                    w.values,
                )
            }
            None => {
                let w = self.event_where(f)?;
                (
                    format!(
                        "SELECT e.id FROM events e {} {ORDER} LIMIT {n} OFFSET {off}",
                        w.sql()
                    ),
                    w.values,
                )
            }
        };
        let sql = format!("SELECT {EVENT_COLUMNS} {EVENT_FROM} WHERE e.id IN ({ids_sql}) {ORDER}");
        let w = Where {
            clauses: Vec::new(),
            values,
        };
        let mut stmt = self.connection().prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(w.values.iter()), event_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One event by id.
    pub fn event(&self, id: i64) -> Result<Option<EventRow>, StoreError> {
        let sql = format!("SELECT {EVENT_COLUMNS} {EVENT_FROM} WHERE e.id = ?1");
        Ok(self
            .connection()
            .query_row(&sql, [id], event_row)
            .optional()?)
    }

    /// The stored event of each event mention of a document, in the order they were stored
    /// (the order of the analysis's events that are not negated): `(start, end, event id)`,
    /// with the trigger's offsets as in the analysis.
    pub fn document_events(&self, doc_id: &str) -> Result<Vec<(i64, i64, i64)>, StoreError> {
        let mut stmt = self.connection().prepare_cached(
            "SELECT start, end, event_id FROM event_mentions WHERE doc_id = ?1 ORDER BY rowid",
        )?;
        let rows = stmt.query_map([doc_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The mentions behind an event: which article and sentence said it.
    pub fn event_mentions(&self, event_id: i64) -> Result<Vec<EventMentionRow>, StoreError> {
        let mut stmt = self.connection().prepare_cached(
            "SELECT m.event_id, m.doc_id, d.title, d.published, m.sentence, m.sentence_text, m.start, m.end, m.trigger,
                    m.confidence
             FROM event_mentions m JOIN documents d ON d.id = m.doc_id WHERE m.event_id = ?1 ORDER BY d.published, d.id",
        )?;
        let rows = stmt.query_map([event_id], |r| {
            Ok(EventMentionRow {
                event_id: r.get(0)?,
                doc_id: r.get(1)?,
                title: r.get(2)?,
                published: r.get(3)?,
                sentence: r.get(4)?,
                sentence_text: r.get(5)?,
                start: r.get(6)?,
                end: r.get(7)?,
                trigger: r.get(8)?,
                confidence: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Actors of the registry, most mentioned first (by the counters the insert path keeps).
    pub fn actors(&self, f: &ActorFilter) -> Result<Vec<ActorRow>, StoreError> {
        let mut w = Where::default();
        if let Some(c) = &f.country {
            w.push("a.country = {}", [text(&c.to_uppercase())]);
        }
        if let Some(k) = &f.kind {
            w.push("a.kind = {}", [text(k)]);
        }
        let sql = format!(
            "SELECT a.id, a.canonical, a.kind, a.actor_code, a.country, a.wikidata,
                    a.mentions, a.documents
             FROM actors a {} ORDER BY a.mentions DESC, a.canonical LIMIT {} OFFSET {}",
            w.sql(),
            limit(f.limit, 100),
            f.offset
        );
        let mut stmt = self.connection().prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(w.values.iter()), actor_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One actor by registry id.
    pub fn actor(&self, id: i64) -> Result<Option<ActorRow>, StoreError> {
        Ok(self
            .connection()
            .query_row(
                "SELECT a.id, a.canonical, a.kind, a.actor_code, a.country, a.wikidata,
                        a.mentions, a.documents
                 FROM actors a WHERE a.id = ?1",
                [id],
                actor_row,
            )
            .optional()?)
    }

    /// Everything about one actor: aliases, quotes, events both ways, top partners.
    pub fn actor_detail(
        &self,
        id: i64,
        limit_rows: usize,
    ) -> Result<Option<ActorDetail>, StoreError> {
        let Some(actor) = self.actor(id)? else {
            return Ok(None);
        };
        let conn = self.connection();
        let mut stmt = conn.prepare_cached(
            // From `mentions_actor_alias` alone, in text order.
            "SELECT text, count(*) AS n FROM mentions INDEXED BY mentions_actor_alias
             WHERE actor_id = ?1 AND via IN ('name', 'acronym', 'metonymy')
             GROUP BY text ORDER BY n DESC, text LIMIT 30",
        )?;
        let aliases = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let n = limit(limit_rows, 50);
        let quotes = self.quotes_where("q.speaker_id = ?1", &[Value::Integer(id)], n, 0)?;
        let events_for = |col: &str| -> Result<Vec<EventRow>, StoreError> {
            // The default event order, so the page is read in order from the actor's
            // `events_*_recent` index and cut there.
            let sql = format!("SELECT {EVENT_COLUMNS} {EVENT_FROM} WHERE e.{col} = ?1 ORDER BY e.day DESC, e.num_mentions DESC, e.id LIMIT {n}");
            let mut stmt = conn.prepare(&sql)?;
            let rows = stmt.query_map([id], event_row)?;
            Ok(rows.collect::<Result<_, _>>()?)
        };
        let events_as_source = events_for("source_id")?;
        let events_as_target = events_for("target_id")?;
        let mut stmt = conn.prepare_cached(
            // Partners as target, then as source, each read from its covering index alone.
            "SELECT p.id, p.canonical, p.actor_code, s.n, s.coop, s.conf, s.g
             FROM (SELECT partner, count(*) AS n, sum(quad_class IN (1, 2)) AS coop,
                          sum(quad_class IN (3, 4)) AS conf, avg(goldstein) AS g
                   FROM (SELECT target_id AS partner, quad_class, goldstein FROM events
                         WHERE source_id = ?1 AND target_id != ?1
                         UNION ALL
                         SELECT source_id, quad_class, goldstein FROM events
                         WHERE target_id = ?1 AND source_id != ?1)
                   GROUP BY partner) s
             JOIN actors p ON p.id = s.partner
             ORDER BY s.n DESC, p.canonical LIMIT 20",
        )?;
        let partners = stmt
            .query_map([id], |r| {
                Ok(PartnerRow {
                    id: r.get(0)?,
                    canonical: r.get(1)?,
                    actor_code: r.get(2)?,
                    events: r.get(3)?,
                    cooperation: r.get(4)?,
                    conflict: r.get(5)?,
                    mean_goldstein: r.get(6)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(Some(ActorDetail {
            actor,
            aliases,
            quotes,
            events_as_source,
            events_as_target,
            partners,
        }))
    }

    fn quotes_where(
        &self,
        clause: &str,
        values: &[Value],
        n: i64,
        offset: usize,
    ) -> Result<Vec<QuoteRow>, StoreError> {
        let sql = format!(
            "SELECT q.id, q.doc_id, q.speaker_id, a.canonical, q.speaker_text, q.text, q.kind, q.cue, q.date, q.start, q.end
             FROM quotes q LEFT JOIN actors a ON a.id = q.speaker_id
             {} ORDER BY q.day DESC, q.id LIMIT {n} OFFSET {offset}",
            if clause.is_empty() { String::new() } else { format!("WHERE {clause}") }
        );
        let mut stmt = self.connection().prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(values.iter()), quote_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Quotes matching `f`, newest first.
    pub fn quotes(&self, f: &QuoteFilter) -> Result<Vec<QuoteRow>, StoreError> {
        let mut w = Where::default();
        if let Some(s) = &f.speaker {
            let ids = self.resolve_actor(s)?;
            w.push_ids("q.speaker_id IN ({ids})", &ids);
        }
        if let Some(s) = &f.since {
            w.push("q.day >= {}", [text(&check_date("--since", s)?)]);
        }
        if let Some(u) = &f.until {
            w.push("q.day <= {}", [until_bound(&check_date("--until", u)?)]);
        }
        let clause = w.clauses.join(" AND ");
        self.quotes_where(&clause, &w.values, limit(f.limit, 100), f.offset)
    }

    /// Events per period: counts, mentions, Goldstein and quad classes.
    pub fn timeline(&self, f: &TimelineFilter) -> Result<Vec<TimelineRow>, StoreError> {
        let mut w = Where::default();
        w.push("e.day != ''", []);
        // An actor as source or target: its events as source, then as target (less those where
        // it is the source too), each read from its covering index alone.
        let mut either = None;
        if let Some(a) = &f.actor {
            let ids = self.resolve_actor(a)?;
            match &f.partner {
                Some(p) => {
                    let pids = self.resolve_actor(p)?;
                    let mut both = ids.clone();
                    both.extend(&pids);
                    let (na, np) = (ids.len(), pids.len());
                    let start = w.values.len();
                    let ph = |from: usize, n: usize| -> String {
                        (0..n)
                            .map(|i| format!("?{}", start + from + i + 1))
                            .collect::<Vec<_>>()
                            .join(",")
                    };
                    let (pa, pp) = (ph(0, na), ph(na, np));
                    w.values.extend(both.iter().map(|&i| Value::Integer(i)));
                    w.clauses.push(format!(
                        "((e.source_id IN ({pa}) AND e.target_id IN ({pp})) OR (e.source_id IN ({pp}) AND e.target_id IN ({pa})))"
                    ));
                }
                None => either = Some(w.bind_ids(&ids)),
            }
        } else if f.partner.is_some() {
            return Err(StoreError::BadQuery("--partner needs --actor".into()));
        }
        if let Some(s) = &f.since {
            w.push("e.day >= {}", [text(&check_date("--since", s)?)]);
        }
        if let Some(u) = &f.until {
            w.push("e.day <= {}", [until_bound(&check_date("--until", u)?)]);
        }
        let from = match &either {
            Some(ids) => {
                let c = w.conditions();
                format!(
                    "(SELECT e.day, e.quad_class, e.goldstein, e.num_mentions FROM events e
                      WHERE e.source_id IN ({ids}) AND {c}
                      UNION ALL
                      SELECT e.day, e.quad_class, e.goldstein, e.num_mentions FROM events e
                      WHERE e.target_id IN ({ids}) AND (e.source_id IS NULL OR e.source_id NOT IN ({ids})) AND {c}) e"
                )
            }
            None => format!("events e {}", w.sql()),
        };
        let period = match f.by {
            Bucket::Day => "e.day",
            Bucket::Week => "coalesce(strftime('%G-W%V', e.day), e.day)",
            Bucket::Month => "substr(e.day, 1, 7)",
        };
        let sql = format!(
            "SELECT {period} AS p, count(*), sum(e.num_mentions), sum(e.goldstein), avg(e.goldstein),
                    sum(e.quad_class = 1), sum(e.quad_class = 2), sum(e.quad_class = 3), sum(e.quad_class = 4)
             FROM {from} GROUP BY p ORDER BY p"
        );
        let mut stmt = self.connection().prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(w.values.iter()), |r| {
            Ok(TimelineRow {
                period: r.get(0)?,
                events: r.get(1)?,
                mentions: r.get(2)?,
                goldstein_sum: r.get(3)?,
                mean_goldstein: r.get(4)?,
                quad: [r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?],
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Stored documents, newest first.
    pub fn documents(&self, f: &DocumentFilter) -> Result<Vec<DocumentRow>, StoreError> {
        let mut w = Where::default();
        if let Some(s) = &f.since {
            w.push("d.published >= {}", [text(&check_date("--since", s)?)]);
        }
        if let Some(u) = &f.until {
            w.push(
                "d.published <= {}",
                [until_bound(&check_date("--until", u)?)],
            );
        }
        // The page's ids first, from one index in list order (`documents_recent`, or the
        // actor's `actor_documents_recent`), then only those rows are read.
        const ORDER: &str = "ORDER BY d.published DESC, d.seq DESC";
        let (n, off) = (limit(f.limit, 100), f.offset.min(10_000_000));
        let ids_sql = match &f.actor {
            Some(a) => {
                let ids = self.resolve_actor(a)?;
                let cond = w.conditions();
                let ph = w.bind_ids(&ids);
                // `d` is the actor's article list here: the same columns as the documents'.
                format!(
                    "SELECT DISTINCT d.doc_id AS id, d.published, d.seq FROM actor_documents d
                     WHERE d.actor_id IN ({ph}) AND {cond} {ORDER} LIMIT {n} OFFSET {off}"
                )
            }
            None => format!(
                "SELECT d.id, d.published, d.seq FROM documents d {} {ORDER} LIMIT {n} OFFSET {off}",
                w.sql()
            ),
        };
        // The page keeps the order keys it was chosen by: sorting by the rows' own `seq` would
        // read each row past its text, raw input and analysis (twice as slow).
        let sql = format!(
            "SELECT d.id, d.path, d.url, d.title, d.byline, d.outlet, d.published,
                    length(d.text) - length(replace(d.text, ' ', '')) + 1
             FROM ({ids_sql}) p CROSS JOIN documents d ON d.id = p.id
             ORDER BY p.published DESC, p.seq DESC"
        );
        let mut stmt = self.connection().prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(w.values.iter()), |r| {
            Ok(DocumentRow {
                id: r.get(0)?,
                path: r.get(1)?,
                url: r.get(2)?,
                title: r.get(3)?,
                byline: r.get(4)?,
                outlet: r.get(5)?,
                published: r.get(6)?,
                words: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The raw input of a document, as stored.
    pub fn raw(&self, id: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .connection()
            .query_row("SELECT raw FROM documents WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Finds a document by full id, unique id prefix, or path.
    pub fn find_document(&self, key: &str) -> Result<Option<String>, StoreError> {
        let conn = self.connection();
        if let Some(id) = conn
            .query_row(
                "SELECT id FROM documents WHERE id = ?1 OR path = ?1",
                [key],
                |r| r.get(0),
            )
            .optional()?
        {
            return Ok(Some(id));
        }
        if key.len() >= 4 && key.bytes().all(|b| b.is_ascii_hexdigit()) {
            let mut stmt =
                conn.prepare_cached("SELECT id FROM documents WHERE id >= ?1 AND id < ?2 LIMIT 2")?;
            let ids: Vec<String> = stmt
                .query_map([key.to_string(), format!("{key}~")], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            if ids.len() == 1 {
                return Ok(ids.into_iter().next());
            }
            if ids.len() > 1 {
                return Err(StoreError::BadQuery(format!(
                    "document id prefix '{key}' is ambiguous; give more characters"
                )));
            }
        }
        Ok(None)
    }

    /// Full-text search over documents and quotes (FTS5 syntax; plain words work).
    ///
    /// Each kind ranks (BM25) only its newest [`SEARCH_CANDIDATES`] matches (or `max`, if more),
    /// so a common word costs the same as a rare one: the index yields matches newest first and
    /// stops there, instead of ranking and sorting every match. Hits come most relevant first,
    /// equally relevant ones newest first; each kind's snippets come from one more read of its
    /// matches, from the oldest ranked one on.
    pub fn search(&self, query: &str, max: usize) -> Result<Vec<SearchHit>, StoreError> {
        let q = fts_query(query)?;
        let n = limit(max, 50);
        let cap = n.max(SEARCH_CANDIDATES);
        let conn = self.connection();
        let mut hits = Vec::new();
        let best = |table: &str| -> Result<Vec<i64>, StoreError> {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT r FROM (SELECT rowid AS r, bm25({table}) AS score FROM {table}
                                WHERE {table} MATCH ?1 ORDER BY rowid DESC LIMIT ?2)
                 ORDER BY score, r DESC LIMIT ?3"
            ))?;
            let rows = stmt.query_map(rusqlite::params![q, cap, n], |r| r.get(0))?;
            Ok(rows.collect::<Result<_, _>>()?)
        };
        // The ranked hits with their snippets from one read of the matches from the oldest
        // ranked rowid on (snippets are taken only for the ranked rows), then in rank order.
        let mut take = |table: &str,
                        sql: &str,
                        row: fn(&rusqlite::Row<'_>) -> rusqlite::Result<SearchHit>|
         -> Result<(), StoreError> {
            let ranked = best(table)?;
            let Some(&oldest) = ranked.iter().min() else {
                return Ok(());
            };
            let ids =
                serde_json::to_string(&ranked).map_err(|e| StoreError::BadQuery(e.to_string()))?;
            let mut stmt = conn.prepare_cached(sql)?;
            let mut found: Vec<(i64, SearchHit)> = stmt
                .query_map(rusqlite::params![q, oldest, ids], |r| {
                    Ok((r.get::<_, i64>(0)?, row(r)?))
                })?
                .collect::<Result<_, _>>()?;
            found.sort_by_key(|(rowid, _)| ranked.iter().position(|x| x == rowid));
            hits.extend(found.into_iter().map(|(_, h)| h));
            Ok(())
        };
        take(
            "documents_fts",
            "SELECT f.rowid, f.doc_id, d.title, snippet(documents_fts, 2, '[', ']', '…', 16)
             FROM documents_fts f JOIN documents d ON d.id = f.doc_id
             WHERE documents_fts MATCH ?1 AND f.rowid >= ?2
               AND +f.rowid IN (SELECT value FROM json_each(?3))",
            |r| {
                Ok(SearchHit {
                    kind: "document".into(),
                    doc_id: r.get(1)?,
                    quote_id: None,
                    title: r.get(2)?,
                    snippet: r.get(3)?,
                })
            },
        )?;
        take(
            "quotes_fts",
            "SELECT f.rowid, q.doc_id, q.id, d.title, snippet(quotes_fts, 1, '[', ']', '…', 16)
             FROM quotes_fts f JOIN quotes q ON q.id = f.quote_id JOIN documents d ON d.id = q.doc_id
             WHERE quotes_fts MATCH ?1 AND f.rowid >= ?2
               AND +f.rowid IN (SELECT value FROM json_each(?3))",
            |r| {
                Ok(SearchHit {
                    kind: "quote".into(),
                    doc_id: r.get(1)?,
                    quote_id: Some(r.get(2)?),
                    title: r.get(3)?,
                    snippet: r.get(4)?,
                })
            },
        )?;
        Ok(hits)
    }

    /// The actor network: nodes and weighted directed edges.
    pub fn graph(&self, f: &GraphFilter) -> Result<Graph, StoreError> {
        let mut w = Where::default();
        w.push(
            "e.source_id IS NOT NULL AND e.target_id IS NOT NULL AND e.source_id != e.target_id",
            [],
        );
        if let Some(s) = &f.since {
            w.push("e.day >= {}", [text(&check_date("since", s)?)]);
        }
        if let Some(u) = &f.until {
            w.push("e.day <= {}", [until_bound(&check_date("until", u)?)]);
        }
        if let Some(q) = f.quad {
            if !(1..=4).contains(&q) {
                return Err(StoreError::BadQuery(format!(
                    "quad: {q} is not a quad class; use 1 to 4"
                )));
            }
            w.push("e.quad_class = {}", [Value::Integer(i64::from(q))]);
        }
        let sql = format!(
            "SELECT e.source_id, e.target_id, count(*) AS n, sum(e.num_mentions), sum(e.quad_class IN (1, 2)),
                    sum(e.quad_class IN (3, 4)), avg(e.goldstein)
             FROM events e {} {} GROUP BY e.source_id, e.target_id HAVING n >= {}
             ORDER BY n DESC, e.source_id, e.target_id LIMIT {}",
            // A date range reads its events from the covering day index; left to itself the
            // planner walks every event in (source, target) order to skip the grouping sort.
            if f.since.is_some() || f.until.is_some() {
                "INDEXED BY events_timeline"
            } else {
                ""
            },
            w.sql(),
            f.min_events.max(1),
            limit(f.limit, 500)
        );
        let mut stmt = self.connection().prepare(&sql)?;
        let edges: Vec<GraphEdge> = stmt
            .query_map(params_from_iter(w.values.iter()), |r| {
                Ok(GraphEdge {
                    source: r.get(0)?,
                    target: r.get(1)?,
                    events: r.get(2)?,
                    mentions: r.get(3)?,
                    cooperation: r.get(4)?,
                    conflict: r.get(5)?,
                    mean_goldstein: r.get(6)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut ids: Vec<i64> = edges.iter().flat_map(|e| [e.source, e.target]).collect();
        ids.sort_unstable();
        ids.dedup();
        let mut nodes = Vec::with_capacity(ids.len());
        let mut stmt = self
            .connection()
            .prepare_cached("SELECT canonical, actor_code, kind FROM actors WHERE id = ?1")?;
        for id in ids {
            let (label, actor_code, kind): (String, Option<String>, String) =
                stmt.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            let events = edges
                .iter()
                .filter(|e| e.source == id || e.target == id)
                .map(|e| e.events)
                .sum();
            nodes.push(GraphNode {
                id,
                label,
                actor_code,
                kind,
                events,
            });
        }
        Ok(Graph { nodes, edges })
    }
}

/// Turns user input into an FTS5 query: kept as is when it uses FTS syntax (quotes, AND/OR,
/// NEAR, `*`), otherwise each word is quoted so punctuation cannot break the query.
fn fts_query(q: &str) -> Result<String, StoreError> {
    let q = q.trim();
    if q.is_empty() {
        return Err(StoreError::BadQuery("empty search query".into()));
    }
    let advanced = q.contains('"')
        || q.contains('*')
        || q.split_whitespace()
            .any(|w| matches!(w, "AND" | "OR" | "NOT" | "NEAR"));
    if advanced && q.matches('"').count() % 2 == 0 {
        return Ok(q.to_string());
    }
    let words: Vec<String> = q
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\""))
        .collect();
    if words.is_empty() {
        return Err(StoreError::BadQuery(format!(
            "search query '{q}' has no words"
        )));
    }
    Ok(words.join(" "))
}

/// One story: articles grouped by [`crate::cluster`] rules.
#[allow(missing_docs)]
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct StoryRow {
    pub id: String,
    /// Title of the story's earliest article.
    pub label: String,
    pub articles: i64,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
    pub events: i64,
    /// Most mentioned actors, most first.
    pub actors: Vec<String>,
}

/// One story with its articles and events.
#[allow(missing_docs)]
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct StoryDetail {
    pub story: StoryRow,
    pub documents: Vec<DocumentRow>,
    pub events: Vec<EventRow>,
}

/// One `stories` row (see migration 7).
fn stored_story(r: &Row<'_>) -> rusqlite::Result<StoryRow> {
    let actors: String = r.get(6)?;
    Ok(StoryRow {
        id: r.get(0)?,
        articles: r.get(1)?,
        first_published: r.get(2)?,
        last_published: r.get(3)?,
        label: r.get(4)?,
        events: r.get(5)?,
        // Written by the insert path as a JSON array of names; anything else reads as none.
        actors: serde_json::from_str(&actors).unwrap_or_default(),
    })
}

const STORY_COLUMNS: &str = "id, articles, first_published, last_published, label, events, actors";

impl Store {
    /// Stories with at least `min_articles` articles, largest and latest first.
    ///
    /// One page of the `stories` table read in order from `stories_list`, kept on insert.
    pub fn stories(
        &self,
        min_articles: i64,
        max: usize,
        offset: usize,
    ) -> Result<Vec<StoryRow>, StoreError> {
        let mut stmt = self.connection().prepare_cached(&format!(
            "SELECT {STORY_COLUMNS} FROM stories INDEXED BY stories_list WHERE articles >= ?1
             ORDER BY articles DESC, last_published DESC, id LIMIT ?2 OFFSET ?3"
        ))?;
        let rows = stmt.query_map(
            rusqlite::params![min_articles.max(1), limit(max, 100), offset as i64],
            stored_story,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every story whose stored row differs from a recount over its documents, and every
    /// story of the documents without a row (for [`Store::check_consistency`]).
    pub(crate) fn stale_stories(&self) -> Result<Vec<String>, StoreError> {
        let conn = self.connection();
        let mut bad = Vec::new();
        let mut stmt = conn.prepare(&format!("SELECT {STORY_COLUMNS} FROM stories ORDER BY id"))?;
        let stored: Vec<StoryRow> = stmt
            .query_map([], stored_story)?
            .collect::<Result<_, _>>()?;
        for row in &stored {
            if crate::cluster::recount_story(conn, &row.id)?.as_ref() != Some(row) {
                bad.push(row.id.clone());
            }
        }
        let mut stmt = conn.prepare(
            "SELECT DISTINCT story FROM documents d WHERE story IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = d.story) ORDER BY story",
        )?;
        for id in stmt.query_map([], |r| r.get::<_, String>(0))? {
            bad.push(id?);
        }
        Ok(bad)
    }

    /// One story by id (the smallest document id in it) or by any of its documents.
    pub fn story(&self, key: &str) -> Result<Option<StoryDetail>, StoreError> {
        let conn = self.connection();
        let Some(doc) = self.find_document(key)? else {
            return Ok(None);
        };
        let story: Option<String> =
            conn.query_row("SELECT story FROM documents WHERE id = ?1", [&doc], |r| {
                r.get(0)
            })?;
        let Some(story) = story else { return Ok(None) };
        let stored = conn
            .prepare_cached(&format!(
                "SELECT {STORY_COLUMNS} FROM stories WHERE id = ?1"
            ))?
            .query_row([&story], stored_story)
            .optional()?;
        let row = match stored {
            Some(row) => row,
            None => match crate::cluster::recount_story(conn, &story)? {
                Some(row) => row,
                None => return Ok(None),
            },
        };
        let mut stmt = conn.prepare_cached(
            "SELECT d.id, d.path, d.url, d.title, d.byline, d.outlet, d.published,
                    length(d.text) - length(replace(d.text, ' ', '')) + 1
             FROM documents d WHERE d.story = ?1 ORDER BY d.published, d.id",
        )?;
        let documents = stmt
            .query_map([&story], |r| {
                Ok(DocumentRow {
                    id: r.get(0)?,
                    path: r.get(1)?,
                    url: r.get(2)?,
                    title: r.get(3)?,
                    byline: r.get(4)?,
                    outlet: r.get(5)?,
                    published: r.get(6)?,
                    words: r.get(7)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let sql = format!(
            "SELECT {EVENT_COLUMNS} {EVENT_FROM} WHERE e.id IN
               (SELECT m.event_id FROM event_mentions m JOIN documents d ON d.id = m.doc_id WHERE d.story = ?1)
             ORDER BY e.day, e.id LIMIT 500"
        );
        let mut stmt = conn.prepare(&sql)?;
        let events = stmt
            .query_map([&story], event_row)?
            .collect::<Result<_, _>>()?;
        Ok(Some(StoryDetail {
            story: row,
            documents,
            events,
        }))
    }

    /// Each document's story id, sorted by document id (for comparing stores).
    pub fn story_assignments(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self
            .connection()
            .prepare("SELECT id, coalesce(story, id) FROM documents ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
