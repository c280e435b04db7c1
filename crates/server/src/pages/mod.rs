//! Server-rendered pages: overview, article, actor, events, timeline, network, search and
//! stories, plus the embedded stylesheet and script.
//!
//! Pages are maud templates, so every value is escaped unless it is wrapped in `PreEscaped`,
//! which this module never does with stored text. Links built from stored values go through
//! [`href`] (query strings encoded) or [`safe_url`] (only `http`/`https`). The script reads
//! `data-*` attributes and writes with `textContent` only.

mod article;
mod charts;

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, Method, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use maud::{html, Markup, DOCTYPE};
use newsgraph_core::wire::Analysis;
use newsgraph_store::query::{EventFilter, EventRow, QuoteRow};
use newsgraph_store::Store;

use crate::api::{self, find_document};
use crate::{ApiError, AppState, Params, Routes};

const CSS: &str = include_str!("../../assets/app.css");
const JS: &str = include_str!("../../assets/app.js");

/// The pages' routes.
pub(crate) fn routes(r: Routes) -> Routes {
    r.add(Method::GET, "/", get(overview))
        .add(Method::GET, "/documents/{id}", get(document))
        .add(Method::GET, "/documents/{id}/raw", get(document_raw))
        .add(Method::GET, "/actors/{id}", get(actor))
        .add(Method::GET, "/events", get(events))
        .add(Method::GET, "/events/{id}", get(event))
        .add(Method::GET, "/timeline", get(timeline))
        .add(Method::GET, "/network", get(network))
        .add(Method::GET, "/search", get(search))
        .add(Method::GET, "/stories", get(stories))
        .add(Method::GET, "/stories/{id}", get(story))
        .add(Method::GET, "/assets/app.css", get(css))
        .add(Method::GET, "/assets/app.js", get(js))
}

async fn css() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        CSS,
    )
        .into_response()
}

async fn js() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        JS,
    )
        .into_response()
}

/// The HTML 404 for unknown pages (JSON under `/api/`).
pub(crate) async fn not_found(uri: Uri) -> Response {
    let path = uri.path().to_string();
    if path.starts_with("/api/") {
        return ApiError::not_found(format!("no endpoint {path}; see /api/v1/openapi.json"))
            .into_response();
    }
    error_page(&ApiError::not_found(format!("There is no page at {path}.")))
}

fn error_page(e: &ApiError) -> Response {
    let title = match e.status {
        StatusCode::BAD_REQUEST => "Bad request",
        StatusCode::NOT_FOUND => "Not found",
        _ => "Error",
    };
    let body = layout(
        title,
        "",
        html! {
            h1 { (title) }
            p.error { (e.message) }
            p { a href="/" { "Back to the overview" } }
        },
    );
    (e.status, Html(body.into_string())).into_response()
}

/// Runs `f` on a pooled connection and renders its page, or an error page.
async fn page<F>(s: &AppState, f: F) -> Response
where
    F: FnOnce(&Store, &AppState) -> Result<Markup, ApiError> + Send + 'static,
{
    let state = s.clone();
    match s.pool.run(move |st| f(st, &state)).await {
        Ok(m) => Html(m.into_string()).into_response(),
        Err(e) => error_page(&e),
    }
}

fn layout(title: &str, active: &str, body: Markup) -> Markup {
    let nav = [
        ("/", "Overview"),
        ("/stories", "Stories"),
        ("/events", "Events"),
        ("/timeline", "Timeline"),
        ("/network", "Network"),
    ];
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · newsgraph" }
                link rel="stylesheet" href="/assets/app.css";
                script src="/assets/app.js" defer {}
            }
            body {
                a.skip href="#main" { "Skip to content" }
                header.top {
                    a.brand href="/" { "newsgraph" }
                    nav aria-label="Main" {
                        @for (href, label) in nav {
                            @if label == active {
                                a href=(href) aria-current="page" { (label) }
                            } @else {
                                a href=(href) { (label) }
                            }
                        }
                    }
                    form.search role="search" action="/search" method="get" {
                        label.vh for="q-top" { "Search articles and quotes" }
                        input id="q-top" type="search" name="q" placeholder="Search articles and quotes";
                        button type="submit" { "Search" }
                    }
                }
                main id="main" tabindex="-1" { (body) }
                footer { "newsgraph · read-only view of " a href="/api/v1/openapi.json" { "the store's API" } }
            }
        }
    }
}

/// A link with an encoded query string; empty values are left out.
pub(crate) fn href(path: &str, params: &[(&str, Option<&str>)]) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    let mut any = false;
    for (k, v) in params {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            q.append_pair(k, v);
            any = true;
        }
    }
    if any {
        format!("{path}?{}", q.finish())
    } else {
        path.to_string()
    }
}

/// `url` if it is a plain `http`/`https` address, for use as a link; anything else
/// (`javascript:`, `data:`, relative tricks) is shown as text only.
pub(crate) fn safe_url(url: &str) -> Option<&str> {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    let ok = (lower.starts_with("http://") || lower.starts_with("https://"))
        && !u
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>');
    ok.then_some(u)
}

/// Short displaCy-like labels for entity kinds.
pub(crate) fn kind_label(kind: &str) -> &'static str {
    match kind {
        "person" => "PER",
        "organization" => "ORG",
        "country" => "GPE",
        "location" => "LOC",
        "group" => "GRP",
        _ => "MISC",
    }
}

/// A CSS class for an entity kind (only known words reach the markup).
pub(crate) fn kind_class(kind: &str) -> &'static str {
    match kind {
        "person" => "person",
        "organization" => "organization",
        "country" => "country",
        "location" => "location",
        "group" => "group",
        _ => "other",
    }
}

fn short(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

fn doc_title(title: &Option<String>, id: &str) -> String {
    title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| format!("Untitled document {}", short(id)))
}

fn actor_cell(id: Option<i64>, name: &Option<String>, code: &Option<String>) -> Markup {
    let label = match (name, code) {
        (Some(n), Some(c)) => format!("{n} ({c})"),
        (Some(n), None) => n.clone(),
        (None, Some(c)) => c.clone(),
        (None, None) => "—".into(),
    };
    html! {
        @if let Some(id) = id { a href={ "/actors/" (id) } { (label) } } @else { (label) }
    }
}

fn empty(what: &str) -> Markup {
    html! { p.empty { "No " (what) " in the store yet." } }
}

fn none(what: &str) -> Markup {
    html! { p.empty { "No " (what) "." } }
}

fn events_table(rows: &[EventRow], s: &AppState) -> Markup {
    if rows.is_empty() {
        return none("matching events");
    }
    html! {
        div.scroll {
            table {
                thead { tr { th { "Date" } th { "Source" } th { "Event" } th { "Target" } th.num { "Goldstein" } th { "Quad class" } th.num { "Mentions" } th.num { "Articles" } } }
                tbody {
                    @for e in rows {
                        tr {
                            td { a href={ "/events/" (e.id) } { (e.day) } }
                            td { (actor_cell(e.source_id, &e.source, &e.source_code)) }
                            td { a href={ "/events/" (e.id) } { code.cameo { (e.cameo) } } " " (s.cameo_name(&e.cameo).unwrap_or("")) }
                            td { (actor_cell(e.target_id, &e.target, &e.target_code)) }
                            td.num { (format!("{:.1}", e.goldstein)) }
                            td { span.{"quad q" (e.quad_class)} { (article::quad_name(e.quad_class)) } }
                            td.num { (e.num_mentions) }
                            td.num { (e.num_articles) }
                        }
                    }
                }
            }
        }
    }
}

fn quotes_list(rows: &[QuoteRow]) -> Markup {
    if rows.is_empty() {
        return none("quotes");
    }
    html! {
        ul.quotes {
            @for q in rows {
                li {
                    blockquote { (q.text) }
                    p.meta {
                        @if let Some(id) = q.speaker_id {
                            a href={ "/actors/" (id) } { (q.speaker.clone().unwrap_or_default()) }
                        } @else {
                            (q.speaker_text.clone().unwrap_or_else(|| "unattributed".into()))
                        }
                        " · " (q.kind)
                        @if let Some(c) = &q.cue { " · “" (c) "”" }
                        " · " (q.date.clone().unwrap_or_else(|| "undated".into()))
                        " · " a href={ "/documents/" (q.doc_id) } { "article " (short(&q.doc_id)) }
                    }
                }
            }
        }
    }
}

fn pager(
    path: &str,
    params: &[(&str, Option<&str>)],
    offset: usize,
    limit: usize,
    got: usize,
) -> Markup {
    let at = |o: usize| {
        let o = o.to_string();
        let mut p: Vec<(&str, Option<&str>)> = params.to_vec();
        p.push(("offset", Some(o.as_str())));
        href(path, &p)
    };
    html! {
        nav.pager aria-label="Pages" {
            @if offset > 0 { a href=(at(offset.saturating_sub(limit))) rel="prev" { "← Previous" } }
            @if got >= limit { a href=(at(offset + limit)) rel="next" { "Next →" } }
        }
    }
}

async fn overview(State(s): State<AppState>, RawQuery(q): RawQuery) -> Response {
    let p = match Params::parse(q.as_deref(), api::DOCUMENT_PARAMS) {
        Ok(p) => p,
        Err(e) => return error_page(&e),
    };
    page(&s, move |st, s| {
        let f = api::document_filter(&p, 25)?;
        let (limit, offset) = (f.limit, f.offset);
        let stats = st.stats()?;
        let docs = st.documents(&f)?;
        let actors = st.actors(&newsgraph_store::query::ActorFilter {
            limit: 15,
            ..Default::default()
        })?;
        let events = st.events(&EventFilter {
            limit: 10,
            ..Default::default()
        })?;
        let (since, until, actor) = (p.text("since"), p.text("until"), p.text("actor"));
        let keep = [
            ("since", since.as_deref()),
            ("until", until.as_deref()),
            ("actor", actor.as_deref()),
        ];
        Ok(layout("Overview", "Overview", html! {
            h1 { "Overview" }
            p.counts {
                (stats.documents) " articles · " (stats.actors) " actors · " (stats.quotes) " quotes · " (stats.events) " events"
                @if let (Some(a), Some(b)) = (&stats.first_published, &stats.last_published) { " · published " (a) " to " (b) }
            }
            div.grid {
                section aria-labelledby="h-docs" {
                    h2 id="h-docs" { "Articles" }
                    form.filters method="get" action="/" {
                        label { "From " input type="text" name="since" value=[since.as_deref()] placeholder="YYYY-MM-DD" size="10"; }
                        label { "to " input type="text" name="until" value=[until.as_deref()] placeholder="YYYY-MM-DD" size="10"; }
                        label { "mentioning " input type="text" name="actor" value=[actor.as_deref()] placeholder="actor" size="14"; }
                        button type="submit" { "Filter" }
                    }
                    @if docs.is_empty() { (empty("articles")) } @else {
                        ul.docs {
                            @for d in &docs {
                                li {
                                    a href={ "/documents/" (d.id) } { (doc_title(&d.title, &d.id)) }
                                    span.meta { " " (d.published.clone().unwrap_or_else(|| "undated".into()))
                                        @if let Some(o) = &d.outlet { " · " (o) }
                                        " · " (d.words) " words" }
                                }
                            }
                        }
                        (pager("/", &keep, offset, limit, docs.len()))
                    }
                }
                section aria-labelledby="h-actors" {
                    h2 id="h-actors" { "Most mentioned actors" }
                    @if actors.is_empty() { (empty("actors")) } @else {
                        ol.actors {
                            @for a in &actors {
                                li { a href={ "/actors/" (a.id) } { (a.canonical) } span.meta { " " (kind_label(&a.kind)) @if let Some(c) = &a.actor_code { " · " (c) } " · " (a.mentions) " mentions" } }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="h-events" {
                h2 id="h-events" { "Latest events" }
                (events_table(&events, s))
                p { a href="/events" { "All events →" } }
            }
        }))
    })
    .await
}

/// Registry ids of the document's entities, by canonical name.
fn actor_ids(st: &Store, a: &Analysis) -> Vec<Option<i64>> {
    a.entities
        .iter()
        .map(|e| {
            st.resolve_actor(&e.canonical)
                .ok()
                .and_then(|ids| ids.first().copied())
        })
        .collect()
}

async fn document(
    State(s): State<AppState>,
    Path(key): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    if let Err(e) = Params::parse(q.as_deref(), &[]) {
        return error_page(&e);
    }
    page(&s, move |st, s| {
        let id = find_document(st, &key)?;
        let a = st
            .analysis(&id)?
            .ok_or_else(|| ApiError::not_found(format!("document '{id}' vanished")))?;
        let ids = actor_ids(st, &a);
        let event_ids = article::stored_events(&a, &st.document_events(&id)?);
        let names = |c: &str| s.cameo_name(c).map(str::to_string);
        let cx = article::Context { actor_ids: &ids, event_ids: &event_ids, cameo_name: &names };
        let pieces = article::pieces(&a);
        let d = &a.document;
        let title = doc_title(&d.title, &d.id);
        let entity_name = |e: &Option<String>, code: &Option<String>| -> Markup {
            let idx = e.as_deref().and_then(article::entity_index);
            match idx.and_then(|i| a.entities.get(i).map(|en| (i, en))) {
                Some((i, en)) => match ids.get(i).copied().flatten() {
                    Some(aid) => html! { a href={ "/actors/" (aid) } { (en.canonical) } },
                    None => html! { (en.canonical) },
                },
                None => html! { (code.clone().unwrap_or_else(|| "—".into())) },
            }
        };
        Ok(layout(&title, "", html! {
            article.doc {
                h1 { (title) }
                p.meta {
                    @if let Some(b) = &d.byline { (b) " · " }
                    @if let Some(o) = &d.outlet { (o) " · " }
                    (d.published.clone().unwrap_or_else(|| "undated".into()))
                    @if let Some(u) = &d.url {
                        " · "
                        @if let Some(u) = safe_url(u) { a href=(u) rel="noreferrer noopener" { "source page" } } @else { span.url { (u) } }
                    }
                    " · " a href={ "/documents/" (d.id) "/raw" } { "raw original" }
                    " · " a href={ "/api/v1/documents/" (d.id) } { "JSON" }
                }
                div.legend aria-label="Legend" {
                    span.ent.ent-person { "person" } span.ent.ent-organization { "organization" } span.ent.ent-country { "country" }
                    span.ent.ent-location { "place" } span.ent.ent-group { "group" }
                    mark.ev.q1 { "event (cooperation)" } mark.ev.q4 { "event (conflict)" } span.quote { "quote" } mark.time { "time" }
                }
                div.reader {
                    div.text id="text" { (article::render(&a, &pieces, &cx)) }
                    aside.info id="info" aria-live="polite" {
                        p { "Hover, focus (Tab) or click a highlight to see its details." }
                    }
                }
                p.counts { (a.entities.len()) " entities · " (a.quotes.len()) " quotes · " (a.events.len()) " events · " (a.times.len()) " time expressions" }
                section aria-labelledby="h-ents" {
                    h2 id="h-ents" { "Entities" }
                    @if a.entities.is_empty() { p.empty { "No entities found in this article." } } @else {
                        ul.ents {
                            @for (i, e) in a.entities.iter().enumerate() {
                                li {
                                    @if let Some(aid) = ids.get(i).copied().flatten() { a href={ "/actors/" (aid) } { (e.canonical) } } @else { (e.canonical) }
                                    span.meta { " " (kind_label(&e.kind)) @if let Some(c) = &e.actor_code { " · " (c) } " · " (e.mentions.len()) " mentions" }
                                }
                            }
                        }
                    }
                }
                section aria-labelledby="h-evs" {
                    h2 id="h-evs" { "Events" }
                    @if a.events.is_empty() { p.empty { "No events found in this article." } } @else {
                        div.scroll { table {
                            thead { tr { th { "Trigger" } th { "Source" } th { "Event" } th { "Target" } th.num { "Goldstein" } th { "Date" } th.num { "Confidence" } } }
                            tbody { @for (i, e) in a.events.iter().enumerate() { tr.negated[e.negated] {
                                td {
                                    @if let Some(eid) = event_ids.get(i).copied().flatten() { a href={ "/events/" (eid) } { (e.trigger) } } @else { (e.trigger) }
                                    @if e.negated { " (negated)" }
                                }
                                td { (entity_name(&e.source, &e.source_code)) }
                                td { code.cameo { (e.cameo) } " " (s.cameo_name(&e.cameo).unwrap_or("")) }
                                td { (entity_name(&e.target, &e.target_code)) }
                                td.num { (format!("{:.1}", e.goldstein)) }
                                td { (e.date.clone().unwrap_or_else(|| "undated".into())) }
                                td.num { (format!("{:.2}", e.confidence)) }
                            } } }
                        } }
                    }
                }
                section aria-labelledby="h-quotes" {
                    h2 id="h-quotes" { "Quotes" }
                    @if a.quotes.is_empty() { p.empty { "No quotes found in this article." } } @else {
                        ul.quotes { @for q in &a.quotes { li {
                            blockquote { (q.text) }
                            p.meta { (entity_name(&q.speaker, &q.speaker_text)) " · " (q.kind) @if let Some(c) = &q.cue { " · “" (c) "”" } }
                        } } }
                    }
                }
                details.dropped {
                    summary { "Dropped page furniture (" (d.dropped.len()) ")" }
                    @if d.dropped.is_empty() { p.empty { "The cleaner dropped nothing from this article." } } @else {
                        ul { @for x in &d.dropped { li { span.reason { (x.reason) } " " code { (x.text) } } } }
                    }
                }
            }
        }))
    })
    .await
}

async fn document_raw(State(s): State<AppState>, Path(key): Path<String>) -> Response {
    match s
        .pool
        .run(move |st| {
            let id = find_document(st, &key)?;
            Ok(st.raw(&id)?.unwrap_or_default())
        })
        .await
    {
        Ok(raw) => api::raw_response(raw),
        Err(e) => error_page(&e),
    }
}

async fn actor(
    State(s): State<AppState>,
    Path(key): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    if let Err(e) = Params::parse(q.as_deref(), &[]) {
        return error_page(&e);
    }
    page(&s, move |st, s| {
        let id = api::actor_id(&key)?;
        let d = st
            .actor_detail(id, 50)?
            .ok_or_else(|| ApiError::not_found(format!("There is no actor {id} in the store.")))?;
        let a = &d.actor;
        let docs = st.documents(&newsgraph_store::query::DocumentFilter {
            actor: Some(a.id.to_string()),
            limit: 20,
            ..Default::default()
        })?;
        let idstr = a.id.to_string();
        Ok(layout(&a.canonical, "", html! {
            h1 { (a.canonical) }
            p.meta {
                (kind_label(&a.kind)) " (" (a.kind) ")"
                " · actor code " code { (a.actor_code.clone().unwrap_or_else(|| "none".into())) }
                @if let Some(c) = &a.country { " · country " (c) }
                @if let Some(w) = &a.wikidata { " · Wikidata " (w) }
                " · " (a.mentions) " mentions in " (a.documents) " articles"
            }
            p { a href=(href("/timeline", &[("actor", Some(&idstr))])) { "Timeline of this actor →" } " " a href=(href("/events", &[("actor", Some(&idstr))])) { "All its events →" } }
            section aria-labelledby="h-ro" {
                h2 id="h-ro" { "Roles over time" }
                @let roles = s.roles_of(&a.canonical);
                @if roles.is_empty() { p.empty { "The knowledge base records no dated roles for this actor." } } @else {
                    div.scroll { table.roles {
                        thead { tr { th { "From" } th { "Until" } th { "Office" } th { "Actor code" } } }
                        tbody { @for r in roles { tr {
                            td { (r.from) }
                            td { @if let Some(t) = &r.to { (t) } @else { "in office" } }
                            td { (r.title) }
                            td { code { (r.code) } }
                        } } }
                    } }
                }
            }
            section aria-labelledby="h-al" {
                h2 id="h-al" { "Aliases" }
                @if d.aliases.is_empty() { p.empty { "No aliases recorded." } } @else {
                    ul.inline { @for (t, n) in &d.aliases { li { (t) span.meta { " ×" (n) } } } }
                }
            }
            section aria-labelledby="h-pa" {
                h2 id="h-pa" { "Partners" }
                @if d.partners.is_empty() { (none("partners")) } @else {
                    div.scroll { table {
                        thead { tr { th { "Partner" } th.num { "Events" } th.num { "Cooperation" } th.num { "Conflict" } th.num { "Mean Goldstein" } th { "Timeline" } } }
                        tbody { @for p in &d.partners { tr {
                            td { a href={ "/actors/" (p.id) } { (p.canonical) } @if let Some(c) = &p.actor_code { " (" (c) ")" } }
                            td.num { (p.events) } td.num { (p.cooperation) } td.num { (p.conflict) }
                            td.num { (format!("{:.2}", p.mean_goldstein)) }
                            td { a href=(href("/timeline", &[("actor", Some(&idstr)), ("partner", Some(&p.id.to_string()))])) { "pair timeline" } }
                        } } }
                    } }
                }
            }
            section aria-labelledby="h-src" { h2 id="h-src" { "Events as source (" (d.events_as_source.len()) ")" } (events_table(&d.events_as_source, s)) }
            section aria-labelledby="h-tgt" { h2 id="h-tgt" { "Events as target (" (d.events_as_target.len()) ")" } (events_table(&d.events_as_target, s)) }
            section aria-labelledby="h-q" { h2 id="h-q" { "Quotes (" (d.quotes.len()) ")" } (quotes_list(&d.quotes)) }
            section aria-labelledby="h-d" {
                h2 id="h-d" { "Articles" }
                @if docs.is_empty() { (none("articles")) } @else {
                    ul.docs { @for doc in &docs { li { a href={ "/documents/" (doc.id) } { (doc_title(&doc.title, &doc.id)) } span.meta { " " (doc.published.clone().unwrap_or_default()) } } } }
                }
            }
        }))
    })
    .await
}

async fn events(State(s): State<AppState>, RawQuery(q): RawQuery) -> Response {
    let mut allowed: Vec<&str> = api::EVENT_PARAMS.to_vec();
    allowed.push("partner");
    let p = match Params::parse(q.as_deref(), &allowed) {
        Ok(p) => p,
        Err(e) => return error_page(&e),
    };
    page(&s, move |st, s| {
        let f = api::event_filter(&p, 50)?;
        let (limit, offset) = (f.limit, f.offset);
        let partner = p.text("partner");
        let rows = match (&partner, &f.actor) {
            (Some(b), Some(a)) => {
                // Both directions of a pair, merged newest first.
                let one = EventFilter { actor: None, source: Some(a.clone()), target: Some(b.clone()), limit: limit + offset, offset: 0, ..f.clone() };
                let two = EventFilter { actor: None, source: Some(b.clone()), target: Some(a.clone()), limit: limit + offset, offset: 0, ..f.clone() };
                let mut rows = st.events(&one)?;
                rows.extend(st.events(&two)?);
                rows.sort_by(|x, y| y.day.cmp(&x.day).then(y.num_mentions.cmp(&x.num_mentions)).then(x.id.cmp(&y.id)));
                rows.into_iter().skip(offset).take(limit).collect()
            }
            (Some(_), None) => return Err(ApiError::bad("partner needs actor")),
            _ => st.events(&f)?,
        };
        let names = ["actor", "partner", "source", "target", "code", "quad", "since", "until", "place"];
        let vals: Vec<Option<String>> = names.iter().map(|n| p.text(n)).collect();
        let keep: Vec<(&str, Option<&str>)> = names.iter().zip(&vals).map(|(n, v)| (*n, v.as_deref())).collect();
        let field = |n: &str| vals[names.iter().position(|x| *x == n).unwrap_or(0)].clone();
        Ok(layout("Events", "Events", html! {
            h1 { "Events" }
            form.filters method="get" action="/events" {
                @for (n, label, ph) in [("actor", "Actor", "name, alias, code"), ("partner", "with", "second actor"), ("source", "Source", ""), ("target", "Target", ""), ("code", "CAMEO", "e.g. 04, 112"), ("since", "From", "YYYY-MM-DD"), ("until", "to", "YYYY-MM-DD"), ("place", "Place", "")] {
                    label { (label) " " input type="text" name=(n) value=[field(n)] placeholder=(ph) size="12"; }
                }
                label { "Quad class "
                    select name="quad" {
                        option value="" { "any" }
                        @for q in 1..=4i64 { @let v = q.to_string(); option value=(v) selected[field("quad").as_deref() == Some(v.as_str())] { (article::quad_name(q)) } }
                    }
                }
                button type="submit" { "Filter" }
            }
            (events_table(&rows, s))
            (pager("/events", &keep, offset, limit, rows.len()))
        }))
    })
    .await
}

async fn event(State(s): State<AppState>, Path(key): Path<String>) -> Response {
    page(&s, move |st, s| {
        let id: i64 = key
            .parse()
            .map_err(|_| ApiError::bad(format!("'{key}' is not an event id")))?;
        let e = st
            .event(id)?
            .ok_or_else(|| ApiError::not_found(format!("There is no event {id} in the store.")))?;
        let mentions = st.event_mentions(id)?;
        let title = format!("Event {} on {}", e.cameo, e.day);
        Ok(layout(&title, "Events", html! {
            h1 { "Event " code.cameo { (e.cameo) } " " (s.cameo_name(&e.cameo).unwrap_or("")) }
            (events_table(std::slice::from_ref(&e), s))
            p.meta { "PLOVER " (e.plover.clone().unwrap_or_else(|| "—".into())) " · place " (if e.place.is_empty() { "—" } else { &e.place })
                " · seen " (e.first_seen.clone().unwrap_or_default()) " to " (e.last_seen.clone().unwrap_or_default()) " in " (e.num_sources) " sources" }
            h2 { "Where it was reported (" (mentions.len()) ")" }
            @if mentions.is_empty() { (none("mentions")) } @else {
                ul.quotes { @for m in &mentions { li {
                    blockquote { (m.sentence_text) }
                    p.meta { "trigger “" (m.trigger) "” · confidence " (format!("{:.2}", m.confidence)) " · "
                        a href={ "/documents/" (m.doc_id) } { (doc_title(&m.title, &m.doc_id)) } " · " (m.published.clone().unwrap_or_default()) }
                } } }
            }
        }))
    })
    .await
}

/// The first and last day of a timeline period (`2014`, `2014-11`, `2014-11-26`, `2014-W47`).
pub(crate) fn period_range(period: &str) -> (String, String) {
    if let Some((y, w)) = period.split_once("-W") {
        if let (Ok(y), Ok(w)) = (y.parse::<i32>(), w.parse::<i64>()) {
            if let Some(jan4) = newsgraph_core::Date::new(y, 1, 4) {
                let monday = jan4.add_days(-(i64::from(jan4.weekday()) - 1) + 7 * (w - 1));
                return (monday.to_string(), monday.add_days(6).to_string());
            }
        }
    }
    (period.to_string(), period.to_string())
}

async fn timeline(State(s): State<AppState>, RawQuery(q): RawQuery) -> Response {
    let p = match Params::parse(q.as_deref(), api::TIMELINE_PARAMS) {
        Ok(p) => p,
        Err(e) => return error_page(&e),
    };
    page(&s, move |st, _s| {
        let f = api::timeline_filter(&p)?;
        let rows = st.timeline(&f)?;
        let label = |key: &Option<String>| -> Result<Option<String>, ApiError> {
            Ok(match key {
                Some(k) => {
                    let ids = st.resolve_actor(k)?;
                    ids.first().and_then(|i| st.actor(*i).ok().flatten()).map(|a| a.canonical)
                }
                None => None,
            })
        };
        let (an, pn) = (label(&f.actor)?, label(&f.partner)?);
        let heading = match (&an, &pn) {
            (Some(a), Some(b)) => format!("Timeline: {a} and {b}"),
            (Some(a), None) => format!("Timeline: {a}"),
            _ => "Timeline: all events".to_string(),
        };
        let by = p.text("by").unwrap_or_else(|| "month".into());
        let (actor, partner) = (p.text("actor"), p.text("partner"));
        let link = |period: &str| {
            let (a, b) = period_range(period);
            href("/events", &[("actor", actor.as_deref()), ("partner", partner.as_deref()), ("since", Some(&a)), ("until", Some(&b))])
        };
        let total: i64 = rows.iter().map(|r| r.events).sum();
        Ok(layout(&heading, "Timeline", html! {
            h1 { (heading) }
            form.filters method="get" action="/timeline" {
                label { "Actor " input type="text" name="actor" value=[actor.as_deref()] placeholder="name, alias, code or id" size="16"; }
                label { "with " input type="text" name="partner" value=[partner.as_deref()] placeholder="second actor (optional)" size="16"; }
                label { "per " select name="by" {
                    @for b in ["week", "month", "day"] { option value=(b) selected[by == b] { (b) } }
                } }
                label { "From " input type="text" name="since" value=[p.text("since")] placeholder="YYYY-MM-DD" size="10"; }
                label { "to " input type="text" name="until" value=[p.text("until")] placeholder="YYYY-MM-DD" size="10"; }
                button type="submit" { "Show" }
            }
            @if rows.is_empty() { (none("events for this selection")) } @else {
                p.counts { (total) " events in " (rows.len()) " periods. Each column links to its events." }
                div.legend {
                    @for (i, c) in charts::QUAD_COLOURS.iter().enumerate() { span.swatch { svg width="12" height="12" aria-hidden="true" { rect width="12" height="12" fill=(c) {} } " " (article::quad_name(i as i64 + 1)) } }
                    span.swatch { svg width="12" height="12" aria-hidden="true" { circle cx="6" cy="6" r="4" fill="#2b5797" {} } " mean Goldstein" }
                }
                figure.chart { (charts::timeline(&rows, &link)) }
                div.scroll { table {
                    thead { tr { th { "Period" } th.num { "Events" } th.num { "Verbal coop." } th.num { "Material coop." } th.num { "Verbal conflict" } th.num { "Material conflict" } th.num { "Mean Goldstein" } } }
                    tbody { @for r in &rows { tr {
                        td { a href=(link(&r.period)) { (r.period) } } td.num { (r.events) }
                        td.num { (r.quad[0]) } td.num { (r.quad[1]) } td.num { (r.quad[2]) } td.num { (r.quad[3]) }
                        td.num { (format!("{:.2}", r.mean_goldstein)) }
                    } } }
                } }
            }
        }))
    })
    .await
}

async fn network(State(s): State<AppState>, RawQuery(q): RawQuery) -> Response {
    let p = match Params::parse(q.as_deref(), api::GRAPH_PARAMS) {
        Ok(p) => p,
        Err(e) => return error_page(&e),
    };
    page(&s, move |st, _s| {
        let mut f = api::graph_filter(&p)?;
        if p.text("limit").is_none() {
            f.limit = 150;
        }
        let g = st.graph(&f)?;
        let quad = p.text("quad");
        Ok(layout("Network", "Network", html! {
            h1 { "Actor network" }
            form.filters method="get" action="/network" {
                label { "From " input type="text" name="since" value=[p.text("since")] placeholder="YYYY-MM-DD" size="10"; }
                label { "to " input type="text" name="until" value=[p.text("until")] placeholder="YYYY-MM-DD" size="10"; }
                label { "Quad class " select name="quad" {
                    option value="" { "any" }
                    @for q in 1..=4i64 { @let v = q.to_string(); option value=(v) selected[quad.as_deref() == Some(v.as_str())] { (article::quad_name(q)) } }
                } }
                label { "At least " input type="number" name="min_events" min="1" value=[p.text("min_events")] size="4"; " events" }
                button type="submit" { "Show" }
            }
            @if g.edges.is_empty() { (none("links between actors for this selection")) } @else {
                p.counts { (g.nodes.len()) " actors, " (g.edges.len()) " directed links (strongest first). Edge width: events; colour: mean Goldstein, red conflict to green cooperation." }
                figure.chart { (charts::network(&g)) }
                details { summary { "Links as a table" }
                    div.scroll { table {
                        thead { tr { th { "Source" } th { "Target" } th.num { "Events" } th.num { "Cooperation" } th.num { "Conflict" } th.num { "Mean Goldstein" } } }
                        tbody { @for e in &g.edges {
                            @let name = |id: i64| g.nodes.iter().find(|n| n.id == id).map(|n| n.label.clone()).unwrap_or_default();
                            tr { td { a href={ "/actors/" (e.source) } { (name(e.source)) } } td { a href={ "/actors/" (e.target) } { (name(e.target)) } }
                                td.num { a href=(href("/events", &[("source", Some(&e.source.to_string())), ("target", Some(&e.target.to_string()))])) { (e.events) } }
                                td.num { (e.cooperation) } td.num { (e.conflict) } td.num { (format!("{:.2}", e.mean_goldstein)) } }
                        } }
                    } }
                }
            }
        }))
    })
    .await
}

/// Splits a store snippet (`[` `]` around matches) into text and highlighted parts.
fn snippet(s: &str) -> Markup {
    let mut parts: Vec<(bool, &str)> = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        match rest[open..].find(']') {
            Some(close) => {
                parts.push((false, &rest[..open]));
                parts.push((true, &rest[open + 1..open + close]));
                rest = &rest[open + close + 1..];
            }
            None => break,
        }
    }
    parts.push((false, rest));
    html! { @for (hit, t) in parts { @if hit { mark.hit { (t) } } @else { (t) } } }
}

async fn search(State(s): State<AppState>, RawQuery(q): RawQuery) -> Response {
    let p = match Params::parse(q.as_deref(), &["q", "limit"]) {
        Ok(p) => p,
        Err(e) => return error_page(&e),
    };
    page(&s, move |st, _s| {
        let query = p.text("q");
        let hits = match &query {
            Some(q) => match st.search(q, p.int("limit", 1, crate::MAX_LIMIT as i64)?.unwrap_or(50) as usize) {
                Err(newsgraph_store::StoreError::Sqlite(e)) => {
                    return Err(ApiError::bad(format!("Not a valid search ({e}). Plain words, \"a phrase\", AND, OR, NOT and prefix* work.")))
                }
                other => Some(other?),
            },
            None => None,
        };
        Ok(layout("Search", "", html! {
            h1 { "Search" }
            form.filters role="search" method="get" action="/search" {
                label { "Words " input type="search" name="q" value=[query.as_deref()] size="30"; }
                button type="submit" { "Search" }
            }
            @if let Some(hits) = hits {
                @if hits.is_empty() { p.empty { "Nothing matches." } } @else {
                    p.counts { (hits.len()) " hits" }
                    ol.hits { @for h in &hits { li {
                        a href={ "/documents/" (h.doc_id) } { (doc_title(&h.title, &h.doc_id)) }
                        span.meta { " " (h.kind) }
                        p { (snippet(&h.snippet)) }
                    } } }
                }
            } @else {
                p { "Search the articles and quotes: plain words, \"a phrase\", AND, OR, NOT, prefix*." }
            }
        }))
    })
    .await
}

async fn stories(State(s): State<AppState>, RawQuery(q): RawQuery) -> Response {
    let p = match Params::parse(q.as_deref(), &["min_articles", "limit", "offset"]) {
        Ok(p) => p,
        Err(e) => return error_page(&e),
    };
    page(&s, move |st, _s| {
        let min = p.int("min_articles", 1, 1_000_000)?.unwrap_or(1);
        let (limit, offset) = p.paging(50)?;
        let rows = st.stories(min, limit, offset)?;
        let m = min.to_string();
        Ok(layout("Stories", "Stories", html! {
            h1 { "Stories" }
            p { "Articles grouped by near-duplicate text, shared events or the same leading actors." }
            form.filters method="get" action="/stories" {
                label { "At least " input type="number" name="min_articles" min="1" value=(min) size="4"; " articles" }
                button type="submit" { "Show" }
            }
            @if rows.is_empty() { (empty("stories")) } @else {
                ol.docs { @for r in &rows { li {
                    a href={ "/stories/" (r.id) } { (if r.label.trim().is_empty() { "Untitled story" } else { &r.label }) }
                    span.meta { " " (r.articles) " articles · " (r.events) " events · "
                        (r.first_published.clone().unwrap_or_default()) " to " (r.last_published.clone().unwrap_or_default())
                        @if !r.actors.is_empty() { " · " (r.actors.join(", ")) } }
                } } }
                (pager("/stories", &[("min_articles", Some(&m))], offset, limit, rows.len()))
            }
        }))
    })
    .await
}

async fn story(State(s): State<AppState>, Path(key): Path<String>) -> Response {
    page(&s, move |st, s| {
        let d = st
            .story(&key)?
            .ok_or_else(|| ApiError::not_found(format!("There is no story '{key}' in the store.")))?;
        let title = if d.story.label.trim().is_empty() { "Untitled story".to_string() } else { d.story.label.clone() };
        Ok(layout(&title, "Stories", html! {
            h1 { (title) }
            p.meta { (d.story.articles) " articles · " (d.story.events) " events" @if !d.story.actors.is_empty() { " · " (d.story.actors.join(", ")) } }
            h2 { "Articles" }
            ul.docs { @for doc in &d.documents { li { a href={ "/documents/" (doc.id) } { (doc_title(&doc.title, &doc.id)) } span.meta { " " (doc.published.clone().unwrap_or_default()) @if let Some(o) = &doc.outlet { " · " (o) } } } } }
            h2 { "Events" }
            (events_table(&d.events, s))
        }))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(
            safe_url("https://example.org/a?b=c"),
            Some("https://example.org/a?b=c")
        );
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url(" JaVaScRiPt:alert(1)"), None);
        assert_eq!(safe_url("data:text/html,<script>"), None);
        assert_eq!(safe_url("https://x.org/\"onerror=alert(1)"), None);
        assert_eq!(safe_url("//evil.example/"), None);
    }

    #[test]
    fn weeks_map_to_their_days() {
        assert_eq!(
            period_range("2014-W48"),
            ("2014-11-24".into(), "2014-11-30".into())
        );
        assert_eq!(
            period_range("2015-W01"),
            ("2014-12-29".into(), "2015-01-04".into())
        );
        assert_eq!(
            period_range("2014-11"),
            ("2014-11".into(), "2014-11".into())
        );
    }

    #[test]
    fn snippets_mark_matches_and_escape_the_rest() {
        let m = snippet("a [Lavrov] <b> [said").into_string();
        assert_eq!(m, "a <mark class=\"hit\">Lavrov</mark> &lt;b&gt; [said");
    }

    #[test]
    fn query_strings_are_encoded() {
        assert_eq!(
            href("/events", &[("actor", Some("A&B=C")), ("x", None)]),
            "/events?actor=A%26B%3DC"
        );
        assert_eq!(href("/events", &[("actor", Some(""))]), "/events");
    }
}
