//! The JSON API under `/api/v1`: thin handlers that check parameters, call the store's read
//! queries on a pooled connection and answer with JSON.
//!
//! Lists come as `{"items": [...], "limit": n, "offset": k, "next_offset": k+n | null}`; one
//! document comes as the `newsgraph.analysis/1` object itself. A bad parameter is a 400 and an
//! unknown id a 404, both as `{"error": {"status", "message"}}`.

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, Method};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Json;
use newsgraph_store::query::{
    ActorFilter, Bucket, DocumentFilter, EventFilter, GraphFilter, QuoteFilter, TimelineFilter,
};
use newsgraph_store::Store;
use serde::Serialize;
use serde_json::json;

use crate::{ApiError, AppState, Params, Routes};

/// The API's routes.
pub(crate) fn routes(r: Routes) -> Routes {
    r.add(Method::GET, "/api/v1/stats", get(stats))
        .add(Method::GET, "/api/v1/documents", get(documents))
        .add(
            Method::POST,
            "/api/v1/documents",
            post(crate::ingest::post_document),
        )
        .add(Method::GET, "/api/v1/documents/{id}", get(document))
        .add(Method::GET, "/api/v1/documents/{id}/raw", get(document_raw))
        .add(Method::GET, "/api/v1/actors", get(actors))
        .add(Method::GET, "/api/v1/actors/{id}", get(actor))
        .add(Method::GET, "/api/v1/events", get(events))
        .add(Method::GET, "/api/v1/events/{id}", get(event))
        .add(Method::GET, "/api/v1/quotes", get(quotes))
        .add(Method::GET, "/api/v1/timeline", get(timeline))
        .add(Method::GET, "/api/v1/stories", get(stories))
        .add(Method::GET, "/api/v1/stories/{id}", get(story))
        .add(Method::GET, "/api/v1/graph", get(graph))
        .add(Method::GET, "/api/v1/search", get(search))
        .add(Method::GET, "/api/v1/openapi.json", get(openapi))
}

/// A page of rows.
#[derive(Serialize)]
pub(crate) struct Page<T> {
    pub items: Vec<T>,
    pub limit: usize,
    pub offset: usize,
    /// Where the next page starts, when this one was full.
    pub next_offset: Option<usize>,
}

impl<T> Page<T> {
    pub(crate) fn new(items: Vec<T>, limit: usize, offset: usize) -> Page<T> {
        let next_offset = (items.len() >= limit).then_some(offset + limit);
        Page {
            items,
            limit,
            offset,
            next_offset,
        }
    }
}

/// Parameters of the document list.
pub(crate) const DOCUMENT_PARAMS: &[&str] = &["since", "until", "actor", "limit", "offset"];
/// Parameters of the event list (those of `newsgraph events`).
pub(crate) const EVENT_PARAMS: &[&str] = &[
    "actor", "source", "target", "code", "quad", "since", "until", "place", "limit", "offset",
];
/// Parameters of the actor list.
pub(crate) const ACTOR_PARAMS: &[&str] = &["country", "kind", "limit", "offset"];
/// Parameters of the quote list.
pub(crate) const QUOTE_PARAMS: &[&str] = &["speaker", "since", "until", "limit", "offset"];
/// Parameters of the timeline.
pub(crate) const TIMELINE_PARAMS: &[&str] = &["actor", "partner", "since", "until", "by"];
/// Parameters of the graph.
pub(crate) const GRAPH_PARAMS: &[&str] = &["since", "until", "quad", "min_events", "limit"];
/// Entity kinds an actor filter accepts.
pub(crate) const KINDS: &[&str] = &[
    "person",
    "organization",
    "country",
    "location",
    "group",
    "other",
];

pub(crate) fn document_filter(
    p: &Params,
    default_limit: usize,
) -> Result<DocumentFilter, ApiError> {
    let (limit, offset) = p.paging(default_limit)?;
    Ok(DocumentFilter {
        since: p.date("since")?,
        until: p.date("until")?,
        actor: p.text("actor"),
        limit,
        offset,
    })
}

pub(crate) fn event_filter(p: &Params, default_limit: usize) -> Result<EventFilter, ApiError> {
    let (limit, offset) = p.paging(default_limit)?;
    let code = p
        .text("code")
        .map(|c| newsgraph_store::query::check_code(&c))
        .transpose()?;
    Ok(EventFilter {
        actor: p.text("actor"),
        source: p.text("source"),
        target: p.text("target"),
        code,
        quad: p.quad()?,
        since: p.date("since")?,
        until: p.date("until")?,
        place: p.text("place"),
        limit,
        offset,
    })
}

pub(crate) fn actor_filter(p: &Params, default_limit: usize) -> Result<ActorFilter, ApiError> {
    let (limit, offset) = p.paging(default_limit)?;
    let country = p.text("country");
    if let Some(c) = &country {
        if c.len() != 3 || !c.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(ApiError::bad(format!(
                "country: '{c}' is not an ISO 3166 alpha-3 code such as SYR or RUS"
            )));
        }
    }
    Ok(ActorFilter {
        country,
        kind: p.choice("kind", KINDS)?.map(str::to_string),
        limit,
        offset,
    })
}

pub(crate) fn quote_filter(p: &Params, default_limit: usize) -> Result<QuoteFilter, ApiError> {
    let (limit, offset) = p.paging(default_limit)?;
    Ok(QuoteFilter {
        speaker: p.text("speaker"),
        since: p.date("since")?,
        until: p.date("until")?,
        limit,
        offset,
    })
}

pub(crate) fn timeline_filter(p: &Params) -> Result<TimelineFilter, ApiError> {
    let by = match p.choice("by", &["day", "week", "month"])? {
        Some("day") => Bucket::Day,
        Some("week") => Bucket::Week,
        _ => Bucket::Month,
    };
    let partner = p.text("partner");
    if partner.is_some() && p.text("actor").is_none() {
        return Err(ApiError::bad("partner needs actor"));
    }
    Ok(TimelineFilter {
        actor: p.text("actor"),
        partner,
        since: p.date("since")?,
        until: p.date("until")?,
        by,
    })
}

pub(crate) fn graph_filter(p: &Params) -> Result<GraphFilter, ApiError> {
    Ok(GraphFilter {
        since: p.date("since")?,
        until: p.date("until")?,
        quad: p.quad()?,
        min_events: p.int("min_events", 1, 1_000_000)?.unwrap_or(1),
        limit: p.int("limit", 1, 2000)?.unwrap_or(500) as usize,
    })
}

/// A document id from a path: the full id, a unique prefix of it, or a stored path.
pub(crate) fn find_document(store: &Store, key: &str) -> Result<String, ApiError> {
    store
        .find_document(key)?
        .ok_or_else(|| ApiError::not_found(format!("no document '{key}' in the store")))
}

/// A registry id from a path.
pub(crate) fn actor_id(key: &str) -> Result<i64, ApiError> {
    key.parse::<i64>()
        .map_err(|_| ApiError::bad(format!("'{key}' is not an actor id (a whole number)")))
}

async fn stats(State(s): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let stats = s.pool.run(|st| Ok(st.stats()?)).await?;
    Ok(Json(stats).into_response())
}

async fn documents(State(s): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let p = Params::parse(q.as_deref(), DOCUMENT_PARAMS)?;
    let f = document_filter(&p, 50)?;
    let (limit, offset) = (f.limit, f.offset);
    let rows = s.pool.run(move |st| Ok(st.documents(&f)?)).await?;
    Ok(Json(Page::new(rows, limit, offset)).into_response())
}

async fn document(
    State(s): State<AppState>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let a = s
        .pool
        .run(move |st| {
            let id = find_document(st, &id)?;
            st.analysis(&id)?
                .ok_or_else(|| ApiError::not_found(format!("document '{id}' vanished")))
        })
        .await?;
    Ok(Json(a).into_response())
}

async fn document_raw(
    State(s): State<AppState>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let raw = s
        .pool
        .run(move |st| {
            let id = find_document(st, &id)?;
            Ok(st.raw(&id)?.unwrap_or_default())
        })
        .await?;
    Ok(raw_response(raw))
}

/// The raw original as inert plain text: never sniffed, never run, even if it is markup.
pub(crate) fn raw_response(raw: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (
                header::CONTENT_SECURITY_POLICY,
                "sandbox; default-src 'none'",
            ),
        ],
        raw,
    )
        .into_response()
}

async fn actors(State(s): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let p = Params::parse(q.as_deref(), ACTOR_PARAMS)?;
    let f = actor_filter(&p, 50)?;
    let (limit, offset) = (f.limit, f.offset);
    let rows = s.pool.run(move |st| Ok(st.actors(&f)?)).await?;
    Ok(Json(Page::new(rows, limit, offset)).into_response())
}

async fn actor(
    State(s): State<AppState>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(q.as_deref(), &["limit"])?;
    let limit = p.int("limit", 1, crate::MAX_LIMIT as i64)?.unwrap_or(20) as usize;
    let id = actor_id(&id)?;
    let d = s
        .pool
        .run(move |st| {
            st.actor_detail(id, limit)?
                .ok_or_else(|| ApiError::not_found(format!("no actor {id} in the store")))
        })
        .await?;
    let roles = s.roles_of(&d.actor.canonical).to_vec();
    Ok(Json(ActorReply { detail: d, roles }).into_response())
}

/// One actor as the API shows it: the store's detail and the knowledge base's roles over time.
#[derive(serde::Serialize)]
struct ActorReply {
    #[serde(flatten)]
    detail: newsgraph_store::query::ActorDetail,
    /// Offices held, oldest first (empty when the knowledge base records none).
    roles: Vec<crate::ActorRole>,
}

async fn events(State(s): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let p = Params::parse(q.as_deref(), EVENT_PARAMS)?;
    let f = event_filter(&p, 100)?;
    let (limit, offset) = (f.limit, f.offset);
    let rows = s.pool.run(move |st| Ok(st.events(&f)?)).await?;
    Ok(Json(Page::new(rows, limit, offset)).into_response())
}

async fn event(
    State(s): State<AppState>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let id: i64 = id
        .parse()
        .map_err(|_| ApiError::bad(format!("'{id}' is not an event id (a whole number)")))?;
    let (event, mentions) = s
        .pool
        .run(move |st| {
            let e = st
                .event(id)?
                .ok_or_else(|| ApiError::not_found(format!("no event {id} in the store")))?;
            Ok((e, st.event_mentions(id)?))
        })
        .await?;
    Ok(Json(json!({ "event": event, "mentions": mentions })).into_response())
}

async fn quotes(State(s): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let p = Params::parse(q.as_deref(), QUOTE_PARAMS)?;
    let f = quote_filter(&p, 100)?;
    let (limit, offset) = (f.limit, f.offset);
    let rows = s.pool.run(move |st| Ok(st.quotes(&f)?)).await?;
    Ok(Json(Page::new(rows, limit, offset)).into_response())
}

async fn timeline(State(s): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let p = Params::parse(q.as_deref(), TIMELINE_PARAMS)?;
    let f = timeline_filter(&p)?;
    let rows = s.pool.run(move |st| Ok(st.timeline(&f)?)).await?;
    Ok(Json(json!({ "items": rows })).into_response())
}

async fn stories(State(s): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let p = Params::parse(q.as_deref(), &["min_articles", "limit", "offset"])?;
    let min = p.int("min_articles", 1, 1_000_000)?.unwrap_or(1);
    let (limit, offset) = p.paging(50)?;
    let rows = s
        .pool
        .run(move |st| Ok(st.stories(min, limit, offset)?))
        .await?;
    Ok(Json(Page::new(rows, limit, offset)).into_response())
}

async fn story(
    State(s): State<AppState>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let d = s
        .pool
        .run(move |st| {
            st.story(&id)?
                .ok_or_else(|| ApiError::not_found(format!("no story '{id}' in the store")))
        })
        .await?;
    Ok(Json(d).into_response())
}

async fn graph(State(s): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let p = Params::parse(q.as_deref(), GRAPH_PARAMS)?;
    let f = graph_filter(&p)?;
    let g = s.pool.run(move |st| Ok(st.graph(&f)?)).await?;
    Ok(Json(g).into_response())
}

async fn search(State(s): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let p = Params::parse(q.as_deref(), &["q", "limit"])?;
    let query = p
        .text("q")
        .ok_or_else(|| ApiError::bad("q: give the words to search for"))?;
    let limit = p.int("limit", 1, crate::MAX_LIMIT as i64)?.unwrap_or(50) as usize;
    let hits = s
        .pool
        .run(move |st| match st.search(&query, limit) {
            Err(newsgraph_store::StoreError::Sqlite(e)) => Err(ApiError::bad(format!(
                "q: not a valid search ({e}); plain words, \"a phrase\", AND, OR, NOT and prefix* work"
            ))),
            other => Ok(other?),
        })
        .await?;
    Ok(Json(json!({ "items": hits })).into_response())
}

async fn openapi(RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    Ok(Json(crate::openapi::document()).into_response())
}
