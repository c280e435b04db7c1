//! The OpenAPI 3.1 description of `/api/v1`, served at `/api/v1/openapi.json`.
//!
//! Written by hand next to the handlers; a test walks every registered route and checks that it
//! is described here, and that nothing is described that is not routed.

use serde_json::{json, Map, Value};

fn param(name: &str, location: &str, description: &str, schema: Value) -> Value {
    json!({
        "name": name,
        "in": location,
        "required": location == "path",
        "description": description,
        "schema": schema,
    })
}

fn q(name: &str, description: &str) -> Value {
    param(name, "query", description, json!({ "type": "string" }))
}

fn qi(name: &str, description: &str, min: i64, max: i64) -> Value {
    param(
        name,
        "query",
        description,
        json!({ "type": "integer", "minimum": min, "maximum": max }),
    )
}

fn path_id(description: &str) -> Value {
    param("id", "path", description, json!({ "type": "string" }))
}

fn date(name: &str, what: &str) -> Value {
    param(
        name,
        "query",
        what,
        json!({ "type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$" }),
    )
}

fn paging() -> [Value; 2] {
    [
        qi("limit", "Most rows to return.", 1, crate::MAX_LIMIT as i64),
        qi("offset", "Rows to skip (for paging).", 0, 10_000_000),
    ]
}

fn quad() -> Value {
    qi(
        "quad",
        "Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.",
        1,
        4,
    )
}

fn op(summary: &str, params: Vec<Value>, schema: &str, errors: &[u16]) -> Value {
    let mut responses = Map::new();
    responses.insert(
        "200".into(),
        json!({
            "description": "OK",
            "content": { "application/json": { "schema": { "$ref": format!("#/components/schemas/{schema}") } } }
        }),
    );
    for e in errors {
        let what = match e {
            400 => "A parameter is wrong; the message says which and why.",
            401 => "Missing or wrong token.",
            403 => "Ingest over HTTP is off.",
            404 => "No such thing in the store.",
            413 => "The body is larger than the limit.",
            422 => "The article could not be read or analysed.",
            _ => "Error.",
        };
        responses.insert(
            e.to_string(),
            json!({
                "description": what,
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
            }),
        );
    }
    json!({ "summary": summary, "parameters": params, "responses": responses })
}

fn list(item: &str) -> Value {
    json!({
        "type": "object",
        "required": ["items", "limit", "offset", "next_offset"],
        "properties": {
            "items": { "type": "array", "items": { "$ref": format!("#/components/schemas/{item}") } },
            "limit": { "type": "integer" },
            "offset": { "type": "integer" },
            "next_offset": { "type": ["integer", "null"], "description": "Offset of the next page when this one was full." }
        }
    })
}

fn obj(fields: &[(&str, &str)]) -> Value {
    let mut props = Map::new();
    for (name, ty) in fields {
        let schema = match *ty {
            "string?" => json!({ "type": ["string", "null"] }),
            "integer?" => json!({ "type": ["integer", "null"] }),
            "number?" => json!({ "type": ["number", "null"] }),
            "[string]" => json!({ "type": "array", "items": { "type": "string" } }),
            t if t.starts_with('#') => {
                json!({ "$ref": format!("#/components/schemas/{}", &t[1..]) })
            }
            t if t.starts_with('[') => {
                json!({ "type": "array", "items": { "$ref": format!("#/components/schemas/{}", t.trim_matches(|c| c == '[' || c == ']')) } })
            }
            t => json!({ "type": t }),
        };
        props.insert((*name).into(), schema);
    }
    json!({ "type": "object", "properties": props })
}

/// The OpenAPI document.
pub fn document() -> Value {
    let actor = "Actor: canonical name, alias, actor code or registry id.";
    let paths = json!({
        "/api/v1/stats": { "get": op("What the store holds.", vec![], "Stats", &[400]) },
        "/api/v1/documents": {
            "get": op(
                "Stored documents, newest first.",
                [vec![date("since", "Published on or after."), date("until", "Published on or before (inclusive)."), q("actor", actor)], paging().to_vec()].concat(),
                "DocumentList",
                &[400],
            ),
            "post": {
                "summary": "Analyse and store one article (only with --allow-ingest and the bearer token).",
                "security": [{ "bearer": [] }],
                "parameters": [
                    q("name", "A name for the stored path and messages."),
                    date("published", "Publication date (YYYY-MM-DD) when the article states none."),
                    q("format", "Reader to force; sniffed from the content otherwise.")
                ],
                "requestBody": { "required": true, "content": { "text/plain": { "schema": { "type": "string" } }, "application/octet-stream": { "schema": { "type": "string", "format": "binary" } } } },
                "responses": {
                    "201": { "description": "Stored now.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/IngestReply" } } } },
                    "200": { "description": "Already stored.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/IngestReply" } } } },
                    "400": { "description": "A parameter is wrong.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
                    "401": { "description": "Missing or wrong token.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
                    "403": { "description": "Ingest over HTTP is off.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
                    "413": { "description": "Larger than the limit." },
                    "422": { "description": "The article could not be read or analysed.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
                }
            }
        },
        "/api/v1/documents/{id}": { "get": op("One document as the newsgraph.analysis/1 object.", vec![path_id("Document id, a unique prefix of it (4+ hex digits), or its stored path.")], "Analysis", &[400, 404]) },
        "/api/v1/documents/{id}/raw": {
            "get": {
                "summary": "The raw original input, as plain text.",
                "parameters": [path_id("Document id or unique prefix.")],
                "responses": {
                    "200": { "description": "OK", "content": { "text/plain": { "schema": { "type": "string" } } } },
                    "404": { "description": "No such document.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
                }
            }
        },
        "/api/v1/actors": {
            "get": op(
                "Actors of the registry, most mentioned first.",
                [vec![q("country", "ISO 3166 alpha-3 country (SYR, RUS)."), param("kind", "query", "Entity kind.", json!({ "type": "string", "enum": crate::api::KINDS }))], paging().to_vec()].concat(),
                "ActorList",
                &[400],
            )
        },
        "/api/v1/actors/{id}": { "get": op("One actor: aliases, quotes, events as source and target, top partners, roles over time.", vec![path_id("Registry id."), qi("limit", "Most quotes and events per section.", 1, crate::MAX_LIMIT as i64)], "ActorDetail", &[400, 404]) },
        "/api/v1/events": {
            "get": op(
                "Deduplicated events, newest first (the filters of `newsgraph events`).",
                [vec![
                    q("actor", "Source or target: canonical name, alias, actor code or registry id."),
                    q("source", actor), q("target", actor),
                    param("code", "query", "CAMEO code or prefix: 11, 112, 1121.", json!({ "type": "string", "pattern": "^[0-9]{2,4}$" })),
                    quad(),
                    date("since", "First day."), date("until", "Last day (inclusive)."),
                    q("place", "Place name."),
                ], paging().to_vec()].concat(),
                "EventList",
                &[400],
            )
        },
        "/api/v1/events/{id}": { "get": op("One event with the sentences it was found in.", vec![path_id("Event id.")], "EventDetail", &[400, 404]) },
        "/api/v1/quotes": {
            "get": op(
                "Quotes, newest first.",
                [vec![q("speaker", actor), date("since", "Said on or after."), date("until", "Said on or before.")], paging().to_vec()].concat(),
                "QuoteList",
                &[400],
            )
        },
        "/api/v1/timeline": {
            "get": op(
                "Events per period: counts, mentions, Goldstein, quad classes.",
                vec![
                    q("actor", actor),
                    q("partner", "With actor: only events between the two."),
                    date("since", "First day."), date("until", "Last day."),
                    param("by", "query", "Bucket size (default month).", json!({ "type": "string", "enum": ["day", "week", "month"] })),
                ],
                "Timeline",
                &[400],
            )
        },
        "/api/v1/stories": {
            "get": op(
                "Stories (clusters of articles), largest and latest first.",
                [vec![qi("min_articles", "Only stories with at least this many articles.", 1, 1_000_000)], paging().to_vec()].concat(),
                "StoryList",
                &[400],
            )
        },
        "/api/v1/stories/{id}": { "get": op("One story with its articles and events.", vec![path_id("Story id or the id of any of its documents.")], "StoryDetail", &[400, 404]) },
        "/api/v1/graph": {
            "get": op(
                "The actor network: nodes and weighted directed edges.",
                vec![date("since", "First day."), date("until", "Last day."), quad(), qi("min_events", "Only edges with at least this many events.", 1, 1_000_000), qi("limit", "Most edges, strongest first.", 1, 2000)],
                "Graph",
                &[400],
            )
        },
        "/api/v1/search": {
            "get": op(
                "Full-text search over articles and quotes: the best ranked of the newest 1,000 matches of each kind.",
                vec![
                    param("q", "query", "Words, \"a phrase\", AND, OR, NOT, prefix*.", json!({ "type": "string" })),
                    qi("limit", "Most hits of each kind.", 1, crate::MAX_LIMIT as i64),
                ],
                "SearchResults",
                &[400],
            )
        },
        "/api/v1/openapi.json": {
            "get": {
                "summary": "This description.",
                "responses": { "200": { "description": "OK", "content": { "application/json": { "schema": { "type": "object" } } } } }
            }
        }
    });
    let event = obj(&[
        ("id", "integer"),
        ("day", "string"),
        ("source_id", "integer?"),
        ("source", "string?"),
        ("source_code", "string?"),
        ("target_id", "integer?"),
        ("target", "string?"),
        ("target_code", "string?"),
        ("cameo", "string"),
        ("root", "string"),
        ("quad_class", "integer"),
        ("goldstein", "number"),
        ("plover", "string?"),
        ("place", "string"),
        ("lat", "number?"),
        ("lon", "number?"),
        ("num_mentions", "integer"),
        ("num_sources", "integer"),
        ("num_articles", "integer"),
        ("first_seen", "string?"),
        ("last_seen", "string?"),
    ]);
    let actor_row = obj(&[
        ("id", "integer"),
        ("canonical", "string"),
        ("kind", "string"),
        ("actor_code", "string?"),
        ("country", "string?"),
        ("wikidata", "string?"),
        ("mentions", "integer"),
        ("documents", "integer"),
    ]);
    let quote = obj(&[
        ("id", "integer"),
        ("doc_id", "string"),
        ("speaker_id", "integer?"),
        ("speaker", "string?"),
        ("speaker_text", "string?"),
        ("text", "string"),
        ("kind", "string"),
        ("cue", "string?"),
        ("date", "string?"),
        ("start", "integer"),
        ("end", "integer"),
    ]);
    let document_row = obj(&[
        ("id", "string"),
        ("path", "string?"),
        ("url", "string?"),
        ("title", "string?"),
        ("byline", "string?"),
        ("outlet", "string?"),
        ("published", "string?"),
        ("words", "integer"),
    ]);
    let story_row = obj(&[
        ("id", "string"),
        ("label", "string"),
        ("articles", "integer"),
        ("first_published", "string?"),
        ("last_published", "string?"),
        ("events", "integer"),
        ("actors", "[string]"),
    ]);
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "newsgraph",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Read-only access to a newsgraph store: articles, actors, quotes, CAMEO events, timelines, stories and the actor network. Errors are {\"error\": {\"status\", \"message\"}}."
        },
        "paths": paths,
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
            "schemas": {
                "Error": { "type": "object", "properties": { "error": obj(&[("status", "integer"), ("message", "string")]) } },
                "Stats": obj(&[("schema_version", "integer"), ("documents", "integer"), ("actors", "integer"), ("mentions", "integer"), ("quotes", "integer"), ("times", "integer"), ("events", "integer"), ("event_mentions", "integer"), ("first_published", "string?"), ("last_published", "string?")]),
                "Analysis": { "type": "object", "description": "The newsgraph.analysis/1 contract (spec/analysis-json.md): schema, document, entities, quotes, events, times; offsets are Unicode scalar offsets into document.text.", "required": ["schema", "document", "entities", "quotes", "events", "times"] },
                "Document": document_row,
                "DocumentList": list("Document"),
                "Actor": actor_row,
                "ActorList": list("Actor"),
                "Partner": obj(&[("id", "integer"), ("canonical", "string"), ("actor_code", "string?"), ("events", "integer"), ("cooperation", "integer"), ("conflict", "integer"), ("mean_goldstein", "number")]),
                "ActorDetail": {
                    "type": "object",
                    "properties": {
                        "actor": { "$ref": "#/components/schemas/Actor" },
                        "aliases": { "type": "array", "description": "[name, count] pairs, most frequent first.", "items": { "type": "array", "prefixItems": [{ "type": "string" }, { "type": "integer" }] } },
                        "quotes": { "type": "array", "items": { "$ref": "#/components/schemas/Quote" } },
                        "events_as_source": { "type": "array", "items": { "$ref": "#/components/schemas/Event" } },
                        "events_as_target": { "type": "array", "items": { "$ref": "#/components/schemas/Event" } },
                        "partners": { "type": "array", "items": { "$ref": "#/components/schemas/Partner" } },
                        "roles": { "type": "array", "description": "Offices the knowledge base records for the actor, oldest first; `to` (exclusive) is null while in office.", "items": { "$ref": "#/components/schemas/ActorRole" } }
                    }
                },
                "ActorRole": obj(&[("from", "string"), ("to", "string?"), ("title", "string"), ("code", "string")]),
                "Event": event,
                "EventList": list("Event"),
                "EventMention": obj(&[("event_id", "integer"), ("doc_id", "string"), ("title", "string?"), ("published", "string?"), ("sentence", "integer"), ("sentence_text", "string"), ("start", "integer"), ("end", "integer"), ("trigger", "string"), ("confidence", "number")]),
                "EventDetail": obj(&[("event", "#Event"), ("mentions", "[EventMention]")]),
                "Quote": quote,
                "QuoteList": list("Quote"),
                "TimelineRow": {
                    "type": "object",
                    "properties": {
                        "period": { "type": "string" }, "events": { "type": "integer" }, "mentions": { "type": "integer" },
                        "goldstein_sum": { "type": "number" }, "mean_goldstein": { "type": "number" },
                        "quad": { "type": "array", "items": { "type": "integer" }, "minItems": 4, "maxItems": 4, "description": "Verbal cooperation, material cooperation, verbal conflict, material conflict." }
                    }
                },
                "Timeline": obj(&[("items", "[TimelineRow]")]),
                "Story": story_row,
                "StoryList": list("Story"),
                "StoryDetail": obj(&[("story", "#Story"), ("documents", "[Document]"), ("events", "[Event]")]),
                "GraphNode": obj(&[("id", "integer"), ("label", "string"), ("actor_code", "string?"), ("kind", "string"), ("events", "integer")]),
                "GraphEdge": obj(&[("source", "integer"), ("target", "integer"), ("events", "integer"), ("mentions", "integer"), ("cooperation", "integer"), ("conflict", "integer"), ("mean_goldstein", "number")]),
                "Graph": obj(&[("nodes", "[GraphNode]"), ("edges", "[GraphEdge]")]),
                "SearchHit": obj(&[("kind", "string"), ("doc_id", "string"), ("quote_id", "integer?"), ("title", "string?"), ("snippet", "string")]),
                "SearchResults": obj(&[("items", "[SearchHit]")]),
                "IngestReply": obj(&[("id", "string"), ("new", "boolean")])
            }
        }
    })
}
