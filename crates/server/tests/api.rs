//! The API and pages through the router, in process: every route described by the OpenAPI
//! document, lists, filters, paging, errors, the article view and its escaping, ingest
//! permissions and the loopback rule.

mod fixture;

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use newsgraph_server::{
    check_addr, router, ActorRole, AppState, Config, Ingest, IngestConfig, IngestReply,
    IngestRequest, ServerError,
};
use serde_json::Value;
use tower::ServiceExt;

struct Fixture {
    _dir: tempfile::TempDir,
    state: AppState,
}

fn config(path: &std::path::Path) -> Config {
    Config {
        db: path.to_path_buf(),
        addr: "127.0.0.1:0".parse().unwrap(),
        public: false,
        connections: 4,
        ingest: None,
        cameo_names: [(
            "040".to_string(),
            "Consult, not specified below".to_string(),
        )]
        .into_iter()
        .collect(),
        roles: [(
            "Amina Diallo".to_string(),
            vec![
                ActorRole {
                    from: "2019-01-15".into(),
                    to: Some("2022-06-01".into()),
                    title: "defence minister".into(),
                    code: "XYZGOV".into(),
                },
                ActorRole {
                    from: "2022-06-01".into(),
                    to: None,
                    title: "foreign minister".into(),
                    code: "XYZGOV".into(),
                },
            ],
        )]
        .into_iter()
        .collect(),
    }
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.db");
    drop(fixture::build(&path));
    let state = AppState::open(&config(&path)).unwrap();
    Fixture { _dir: dir, state }
}

fn empty_store() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e.db");
    drop(newsgraph_store::Store::open(&path).unwrap());
    let state = AppState::open(&config(&path)).unwrap();
    Fixture { _dir: dir, state }
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

async fn send(state: &AppState, req: Request<Body>) -> Reply {
    let res = router(state.clone()).oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

async fn get(state: &AppState, uri: &str) -> Reply {
    send(state, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn ok_json(state: &AppState, uri: &str) -> Value {
    let r = get(state, uri).await;
    assert_eq!(r.status, StatusCode::OK, "{uri}: {}", r.body);
    r.json()
}

async fn bad(state: &AppState, uri: &str, says: &str) {
    let r = get(state, uri).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{uri}: {}", r.body);
    let msg = r.json()["error"]["message"]
        .as_str()
        .unwrap_or("")
        .to_string();
    assert!(msg.contains(says), "{uri}: '{msg}' does not say '{says}'");
}

async fn find_actor(state: &AppState, name: &str) -> i64 {
    let v = ok_json(state, "/api/v1/actors?limit=100").await;
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["canonical"] == name)
        .and_then(|a| a["id"].as_i64())
        .unwrap_or_else(|| panic!("no actor {name}"))
}

#[tokio::test]
async fn every_route_is_described_and_every_description_is_routed() {
    let f = fixture();
    let spec = ok_json(&f.state, "/api/v1/openapi.json").await;
    let mut described = BTreeSet::new();
    for (path, ops) in spec["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            described.insert((method.to_uppercase(), path.clone()));
        }
    }
    let routed: BTreeSet<(String, String)> = newsgraph_server::routes()
        .into_iter()
        .filter(|r| r.path.starts_with("/api/"))
        .map(|r| (r.method.to_string(), r.path.to_string()))
        .collect();
    assert_eq!(routed, described, "routes and openapi.json differ");
    // The actor detail describes its roles over time, with each role's fields.
    let schemas = &spec["components"]["schemas"];
    assert_eq!(
        schemas["ActorDetail"]["properties"]["roles"]["items"]["$ref"],
        "#/components/schemas/ActorRole"
    );
    for field in ["from", "to", "title", "code"] {
        assert!(
            schemas["ActorRole"]["properties"].get(field).is_some(),
            "ActorRole lacks {field}"
        );
    }
    // Every reference resolves.
    let text = spec.to_string();
    for part in text.split("\"#/components/schemas/").skip(1) {
        let name = part.split('"').next().unwrap();
        assert!(
            spec["components"]["schemas"].get(name).is_some(),
            "missing schema {name}"
        );
    }
    // Every described query parameter is accepted by its route (not refused as unknown).
    for (path, ops) in spec["paths"].as_object().unwrap() {
        let Some(op) = ops.get("get") else { continue };
        for p in op["parameters"].as_array().into_iter().flatten() {
            if p["in"] != "query" {
                continue;
            }
            let uri = format!(
                "{}?{}=",
                path.replace("{id}", fixture::FIRST_ID),
                p["name"].as_str().unwrap()
            );
            let r = get(&f.state, &uri).await;
            assert!(
                !r.body.contains("unknown parameter"),
                "{uri} refuses its own parameter: {}",
                r.body
            );
        }
    }
}

#[tokio::test]
async fn every_route_answers() {
    let f = fixture();
    let diallo = find_actor(&f.state, "Amina Diallo").await;
    let event = ok_json(&f.state, "/api/v1/events?limit=1").await["items"][0]["id"]
        .as_i64()
        .unwrap();
    for r in newsgraph_server::routes() {
        let id = if r.path.contains("actors") {
            diallo.to_string()
        } else if r.path.contains("events") {
            event.to_string()
        } else {
            fixture::FIRST_ID.to_string()
        };
        let mut uri = r.path.replace("{id}", &id);
        if r.path.ends_with("/search") {
            uri.push_str("?q=border");
        }
        let reply = if r.method == "POST" {
            send(&f.state, Request::post(&uri).body(Body::from("x")).unwrap()).await
        } else {
            get(&f.state, &uri).await
        };
        let want = if r.method == "POST" {
            StatusCode::FORBIDDEN
        } else {
            StatusCode::OK
        };
        assert_eq!(reply.status, want, "{} {uri}: {}", r.method, reply.body);
    }
}

#[tokio::test]
async fn lists_filter_and_page() {
    let f = fixture();
    let s = &f.state;
    let docs = ok_json(s, "/api/v1/documents").await;
    assert_eq!(docs["items"].as_array().unwrap().len(), 2);
    assert_eq!(docs["items"][0]["id"], fixture::SECOND_ID, "newest first");
    let page = ok_json(s, "/api/v1/documents?limit=1").await;
    assert_eq!(page["next_offset"], 1);
    let page2 = ok_json(s, "/api/v1/documents?limit=1&offset=1").await;
    assert_eq!(page2["items"][0]["id"], fixture::FIRST_ID);
    let march = ok_json(s, "/api/v1/documents?since=2024-03&until=2024-03").await;
    assert_eq!(march["items"].as_array().unwrap().len(), 1);

    let events = ok_json(s, "/api/v1/events").await;
    assert_eq!(
        events["items"].as_array().unwrap().len(),
        3,
        "the meeting is deduplicated: {events}"
    );
    let met = ok_json(s, "/api/v1/events?code=04&actor=Diallo").await;
    assert_eq!(met["items"][0]["num_articles"], 2);
    let conflict = ok_json(s, "/api/v1/events?quad=4").await;
    assert_eq!(conflict["items"][0]["cameo"], "163");
    let by_target = ok_json(s, "/api/v1/events?target=XYZOPP&since=2024-04").await;
    assert_eq!(by_target["items"].as_array().unwrap().len(), 1);

    let quotes = ok_json(s, "/api/v1/quotes?speaker=Amina%20Diallo").await;
    assert_eq!(quotes["items"][0]["speaker"], "Amina Diallo");

    let diallo = find_actor(s, "Amina Diallo").await;
    let berg = find_actor(s, "Tomas Berg").await;
    let actor = ok_json(s, &format!("/api/v1/actors/{diallo}")).await;
    assert_eq!(actor["actor"]["canonical"], "Amina Diallo");
    assert_eq!(actor["events_as_source"].as_array().unwrap().len(), 1);
    assert_eq!(actor["partners"][0]["canonical"], "Tomas Berg");
    assert_eq!(actor["quotes"].as_array().unwrap().len(), 1);
    // Its roles over time, oldest first; an actor without any has an empty list.
    assert_eq!(
        actor["roles"],
        serde_json::json!([
            {"from": "2019-01-15", "to": "2022-06-01", "title": "defence minister", "code": "XYZGOV"},
            {"from": "2022-06-01", "to": null, "title": "foreign minister", "code": "XYZGOV"}
        ])
    );
    let berg_detail = ok_json(s, &format!("/api/v1/actors/{berg}")).await;
    assert_eq!(berg_detail["roles"], serde_json::json!([]));

    let tl = ok_json(s, &format!("/api/v1/timeline?actor={berg}&by=month")).await;
    let periods: Vec<&str> = tl["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["period"].as_str().unwrap())
        .collect();
    assert_eq!(periods, ["2024-03", "2024-04"]);
    let pair = ok_json(
        s,
        &format!("/api/v1/timeline?actor={diallo}&partner={berg}&by=week"),
    )
    .await;
    assert_eq!(pair["items"].as_array().unwrap().len(), 1);

    let g = ok_json(s, "/api/v1/graph").await;
    assert_eq!(g["edges"].as_array().unwrap().len(), 2, "{g}");
    assert_eq!(
        g["edges"][0]["events"], 2,
        "the accusation and the sanctions: {g}"
    );
    assert_eq!(g["nodes"].as_array().unwrap().len(), 3);
    let g = ok_json(s, "/api/v1/graph?quad=1").await;
    assert_eq!(g["edges"].as_array().unwrap().len(), 1);

    let hits = ok_json(s, "/api/v1/search?q=border").await;
    let kinds: BTreeSet<&str> = hits["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, BTreeSet::from(["document", "quote"]));

    let stories = ok_json(s, "/api/v1/stories").await;
    assert!(!stories["items"].as_array().unwrap().is_empty());
    let story = stories["items"][0]["id"].as_str().unwrap().to_string();
    let d = ok_json(s, &format!("/api/v1/stories/{story}")).await;
    assert!(!d["documents"].as_array().unwrap().is_empty());

    let stats = ok_json(s, "/api/v1/stats").await;
    assert_eq!(stats["documents"], 2);
}

#[tokio::test]
async fn one_document_is_the_analysis_contract() {
    let f = fixture();
    let v = ok_json(
        &f.state,
        &format!("/api/v1/documents/{}", &fixture::FIRST_ID[..8]),
    )
    .await;
    let got: newsgraph_core::wire::Analysis = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(got, fixture::analyses()[0]);
    assert_eq!(v["schema"], "newsgraph.analysis/1");
}

#[tokio::test]
async fn bad_parameters_say_what_is_wrong() {
    let f = fixture();
    let s = &f.state;
    bad(s, "/api/v1/events?quad=9", "quad").await;
    bad(s, "/api/v1/events?quad=x", "quad").await;
    bad(s, "/api/v1/events?since=2024-13-01", "not a date").await;
    bad(s, "/api/v1/events?code=99", "CAMEO").await;
    bad(s, "/api/v1/events?actor=Nobody%20At%20All", "unknown actor").await;
    bad(s, "/api/v1/events?limit=0", "limit").await;
    bad(s, "/api/v1/events?limit=100000", "limit").await;
    bad(s, "/api/v1/events?offset=-1", "offset").await;
    bad(s, "/api/v1/events?colour=red", "unknown parameter 'colour'").await;
    bad(s, "/api/v1/events?quad=1&quad=2", "twice").await;
    bad(s, "/api/v1/actors?kind=robot", "kind").await;
    bad(s, "/api/v1/actors?country=Narnia", "country").await;
    bad(s, "/api/v1/actors/abc", "not an actor id").await;
    bad(s, "/api/v1/timeline?partner=Berg", "partner needs actor").await;
    bad(s, "/api/v1/timeline?by=year", "by").await;
    bad(s, "/api/v1/search", "q").await;
    bad(s, "/api/v1/search?q=open%20AND", "search").await;
    bad(s, "/api/v1/graph?min_events=0", "min_events").await;
    bad(s, "/api/v1/stats?x=1", "takes none").await;
    // The store's messages speak of flags; the API's of parameters.
    let r = get(s, "/api/v1/events?since=20x4").await;
    assert!(!r.body.contains("--"), "{}", r.body);
}

#[tokio::test]
async fn unknown_ids_are_404() {
    let f = fixture();
    for uri in [
        "/api/v1/documents/ffffffffffffffffffffffffffffffff",
        "/api/v1/documents/ffff/raw",
        "/api/v1/actors/999999",
        "/api/v1/events/999999",
        "/api/v1/stories/ffffffff",
        "/api/v1/nothing-here",
    ] {
        let r = get(&f.state, uri).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}: {}", r.body);
        assert!(r.json()["error"]["message"].is_string(), "{uri}");
    }
    for uri in [
        "/documents/ffffffff",
        "/actors/999999",
        "/events/999999",
        "/no/such/page",
    ] {
        let r = get(&f.state, uri).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(r.body.starts_with("<!DOCTYPE html>"), "{uri}");
    }
}

#[tokio::test]
async fn the_article_view_highlights_entities_quotes_and_events() {
    let f = fixture();
    let diallo = find_actor(&f.state, "Amina Diallo").await;
    let r = get(&f.state, &format!("/documents/{}", fixture::FIRST_ID)).await;
    assert_eq!(r.status, StatusCode::OK);
    let page = &r.body;
    assert!(page.contains(&format!(
        "<a class=\"ent ent-person\" href=\"/actors/{diallo}\" data-k=\"entity\" data-name=\"Amina Diallo\""
    )), "{page}");
    assert_eq!(
        page.matches("data-k=\"entity\"").count(),
        6,
        "every mention is marked"
    );
    assert_eq!(page.matches("data-k=\"event\"").count(), 2);
    // Each trigger leads to its stored event, which was reported in this article.
    let links: Vec<&str> = page
        .split("data-href=\"/events/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert_eq!(links.len(), 2, "{page}");
    for id in links {
        let ev = ok_json(&f.state, &format!("/api/v1/events/{id}")).await;
        assert!(
            ev["mentions"]
                .as_array()
                .unwrap()
                .iter()
                .any(|m| m["doc_id"] == fixture::FIRST_ID),
            "{ev}"
        );
        assert!(page.contains(&format!("<td><a href=\"/events/{id}\">")));
    }
    assert!(page.contains("data-cameo=\"040\" data-cameo-name=\"Consult, not specified below\""));
    assert!(page.contains("data-goldstein=\"-2.0\""));
    assert!(page.contains("data-confidence=\"0.80\""));
    assert!(page.contains(
        "<span class=\"quote\" tabindex=\"0\" data-k=\"quote\" data-speaker=\"Amina Diallo\""
    ));
    assert!(page.contains("data-k=\"time\" data-value=\"2024-03-04\""));
    assert!(page.contains("Dropped page furniture (1)"));
    assert!(page.contains(&format!("href=\"/documents/{}/raw\"", fixture::FIRST_ID)));
    // The text survives whole: stripping the markup gives the clean text back.
    let start = page.find("id=\"text\">").unwrap() + "id=\"text\">".len();
    let end = start + page[start..].find("</div><aside").unwrap();
    let mut plain = String::new();
    let mut in_tag = false;
    let mut in_label = 0;
    let inner = &page[start..end];
    let mut i = 0;
    while i < inner.len() {
        let rest = &inner[i..];
        if rest.starts_with("<span class=\"lbl\"") {
            in_label += 1;
        }
        let c = rest.chars().next().unwrap();
        if c == '<' {
            in_tag = true;
        } else if c == '>' {
            in_tag = false;
            if rest.len() > 1 && in_label > 0 && inner[..i].ends_with("</span") {
                in_label -= 1;
            }
        } else if !in_tag && in_label == 0 {
            plain.push(c);
        }
        i += c.len_utf8();
    }
    let plain = plain
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    assert!(
        plain.starts_with("Foreign Minister Amina Diallo"),
        "{plain}"
    );
}

#[tokio::test]
async fn hostile_markup_renders_inert() {
    let f = fixture();
    for uri in [
        format!("/documents/{}", fixture::FIRST_ID),
        "/".to_string(),
        "/search?q=leaflet".to_string(),
        "/events".to_string(),
        "/network".to_string(),
    ] {
        let r = get(&f.state, &uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        let page = &r.body;
        // Only our own script tag; no markup from the store survives as markup.
        assert_eq!(page.matches("<script").count(), 1, "{uri}: {page}");
        assert!(page.contains("<script src=\"/assets/app.js\" defer></script>"));
        for hostile in [
            "<img",
            "<b>",
            "\"onerror=",
            "href=\"javascript:",
            "<a href=\"javascript",
        ] {
            assert!(!page.contains(hostile), "{uri} contains {hostile}");
        }
        for tag in tags(page) {
            assert!(!handler_attribute(&tag), "{uri}: event handler in {tag}");
        }
        let csp = r.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("script-src 'self'") && csp.contains("default-src 'none'"));
        assert_eq!(r.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    }
    let page = get(&f.state, &format!("/documents/{}", fixture::FIRST_ID))
        .await
        .body;
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "shown as text"
    );
    assert!(
        page.contains("<span class=\"url\">javascript:alert(8)</span>"),
        "a javascript: URL is text, not a link"
    );
    let good = get(&f.state, &format!("/documents/{}", fixture::SECOND_ID))
        .await
        .body;
    assert!(good.contains("href=\"https://example.org/news/sanctions\""));
    // The raw original is served as sandboxed plain text.
    for uri in [
        format!("/documents/{}/raw", fixture::FIRST_ID),
        format!("/api/v1/documents/{}/raw", fixture::FIRST_ID),
    ] {
        let r = get(&f.state, &uri).await;
        assert_eq!(r.headers[header::CONTENT_TYPE], "text/plain; charset=utf-8");
        assert!(r.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .starts_with("sandbox"));
        assert!(r.body.contains("<script>alert('raw')</script>"));
    }
}

/// The tags of a page: every raw `<` starts one (text has them escaped).
fn tags(page: &str) -> Vec<String> {
    page.split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap_or("").to_string())
        .collect()
}

/// Whether a tag has an `on...=` attribute outside quoted values.
fn handler_attribute(tag: &str) -> bool {
    let mut quoted = false;
    let b = tag.as_bytes();
    for i in 0..b.len() {
        match b[i] {
            b'"' => quoted = !quoted,
            b' ' | b'\t' | b'\n' | b'/' if !quoted => {
                let rest = &tag[i + 1..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphabetic())
                    .collect();
                if name.len() > 2
                    && name.to_ascii_lowercase().starts_with("on")
                    && rest[name.len()..].trim_start().starts_with('=')
                {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

#[test]
fn the_tag_scanner_finds_handlers() {
    assert!(handler_attribute("img src=x onerror=alert(1)"));
    assert!(handler_attribute("a href=\"#\" onclick = \"x\""));
    assert!(!handler_attribute("mark data-x=\" onerror=1\" title=\"a\""));
    assert_eq!(tags("a &lt;b&gt; <i>c</i>"), ["i", "/i"]);
}

#[tokio::test]
async fn pages_render_with_data_and_on_an_empty_store() {
    let f = fixture();
    let diallo = find_actor(&f.state, "Amina Diallo").await;
    let berg = find_actor(&f.state, "Tomas Berg").await;
    let tl = get(
        &f.state,
        &format!("/timeline?actor={diallo}&partner={berg}&by=week"),
    )
    .await;
    assert_eq!(tl.status, StatusCode::OK);
    assert!(tl.body.contains("<svg class=\"chart\""));
    assert!(tl.body.contains("Timeline: Amina Diallo and Tomas Berg"));
    assert!(tl.body.contains(&format!("href=\"/events?actor={diallo}&amp;partner={berg}&amp;since=2024-03-04&amp;until=2024-03-10\"")), "{}", tl.body);
    let ev = get(
        &f.state,
        &format!("/events?actor={diallo}&partner={berg}&since=2024-03-04&until=2024-03-10"),
    )
    .await;
    assert_eq!(
        ev.body.matches("<tr><td><a href=\"/events/").count(),
        1,
        "{}",
        ev.body
    );
    let net = get(&f.state, "/network").await;
    assert_eq!(net.body.matches("<circle class=\"node\"").count(), 3);
    let actor = get(&f.state, &format!("/actors/{diallo}")).await;
    assert!(actor
        .body
        .contains("We agreed to reopen the border crossings,"));
    assert!(actor.body.contains("pair timeline"));
    // Its roles over time, from the knowledge base, oldest first.
    let roles = &actor.body[actor.body.find("Roles over time").unwrap()..];
    let roles = &roles[..roles.find("</table>").unwrap()];
    assert!(
        roles.contains("<td>2019-01-15</td><td>2022-06-01</td><td>defence minister</td>"),
        "{roles}"
    );
    assert!(roles.contains("<td>2022-06-01</td><td>in office</td><td>foreign minister</td>"));
    // An actor the knowledge base has no roles for says so.
    let berg = find_actor(&f.state, "Tomas Berg").await;
    assert!(get(&f.state, &format!("/actors/{berg}"))
        .await
        .body
        .contains("The knowledge base records no dated roles for this actor."));

    let e = empty_store();
    for uri in [
        "/",
        "/events",
        "/timeline",
        "/network",
        "/search?q=anything",
        "/stories",
        "/api/v1/documents",
        "/api/v1/graph",
    ] {
        let r = get(&e.state, uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}: {}", r.body);
    }
    assert!(get(&e.state, "/")
        .await
        .body
        .contains("No articles in the store yet."));
}

struct Recorder {
    seen: Mutex<Vec<IngestRequest>>,
}

impl Ingest for Recorder {
    fn ingest(&self, request: IngestRequest) -> Result<IngestReply, String> {
        if request.bytes.starts_with(b"\x00") {
            return Err("binary input".into());
        }
        self.seen.lock().unwrap().push(request);
        Ok(IngestReply {
            id: "c0ffee".into(),
            new: true,
        })
    }
}

#[tokio::test]
async fn nothing_writes_without_the_token() {
    let f = fixture();
    let recorder = Arc::new(Recorder {
        seen: Mutex::new(Vec::new()),
    });
    let token = "0123456789abcdef-token";
    let weak = f.state.clone().with_ingest(IngestConfig {
        token: "short".into(),
        max_bytes: 100,
        ingestor: recorder.clone(),
    });
    assert!(matches!(weak, Err(ServerError::WeakToken)));
    let state = f
        .state
        .clone()
        .with_ingest(IngestConfig {
            token: token.into(),
            max_bytes: 100,
            ingestor: recorder.clone(),
        })
        .unwrap();
    let post = |auth: Option<&str>, uri: &str, body: &'static [u8]| {
        let mut b = Request::post(uri);
        if let Some(a) = auth {
            b = b.header(header::AUTHORIZATION, a);
        }
        b.body(Body::from(body)).unwrap()
    };
    let off = send(
        &f.state,
        post(
            Some(&format!("Bearer {token}")),
            "/api/v1/documents",
            b"text",
        ),
    )
    .await;
    assert_eq!(
        off.status,
        StatusCode::FORBIDDEN,
        "ingest is off without --allow-ingest"
    );
    for auth in [
        None,
        Some("Bearer wrong-token-wrong-token"),
        Some(token),
        Some("Bearer "),
    ] {
        let r = send(&state, post(auth, "/api/v1/documents", b"text")).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{auth:?}");
    }
    assert!(recorder.seen.lock().unwrap().is_empty());
    let auth = format!("Bearer {token}");
    let r = send(
        &state,
        post(
            Some(&auth),
            "/api/v1/documents?name=a.txt&published=2024-01-02",
            b"An article.",
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["id"], "c0ffee");
    {
        let seen = recorder.seen.lock().unwrap();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].name.as_deref(), Some("a.txt"));
        assert_eq!(seen[0].published.as_deref(), Some("2024-01-02"));
        assert_eq!(seen[0].bytes, b"An article.");
    }
    let big: &'static [u8] = Box::leak(vec![b'a'; 5000].into_boxed_slice());
    let r = send(&state, post(Some(&auth), "/api/v1/documents", big)).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    let r = send(
        &state,
        post(Some(&auth), "/api/v1/documents?published=2024-01", b"x"),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = send(&state, post(Some(&auth), "/api/v1/documents", b"\x00\x01")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = send(&state, post(Some(&auth), "/api/v1/documents", b"")).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(recorder.seen.lock().unwrap().len(), 1);
    // No other method writes.
    for m in ["PUT", "DELETE", "PATCH"] {
        let r = send(
            &state,
            Request::builder()
                .method(m)
                .uri("/api/v1/documents")
                .header(header::AUTHORIZATION, &auth)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{m}");
    }
}

#[test]
fn binds_loopback_unless_told() {
    for a in ["127.0.0.1:8080", "[::1]:8080", "127.0.0.2:1"] {
        assert!(check_addr(&a.parse().unwrap(), false).is_ok(), "{a}");
    }
    for a in ["0.0.0.0:8080", "[::]:8080", "192.0.2.1:80"] {
        let e = check_addr(&a.parse().unwrap(), false).unwrap_err();
        assert!(matches!(e, ServerError::NotLoopback(_)), "{a}");
        assert!(check_addr(&a.parse().unwrap(), true).is_ok());
    }
    // `run` refuses before it opens or binds anything.
    let mut c = config(std::path::Path::new("/nonexistent/store.db"));
    c.addr = "0.0.0.0:0".parse().unwrap();
    let e = newsgraph_server::run(c, |_| panic!("must not bind")).unwrap_err();
    assert!(matches!(e, ServerError::NotLoopback(_)));
}

#[tokio::test]
async fn request_strings_never_become_sql() {
    let f = fixture();
    // Injection attempts are values like any other: unknown actors, no rows.
    bad(
        &f.state,
        "/api/v1/events?actor=%27%20OR%201%3D1%20--",
        "unknown actor",
    )
    .await;
    let v = ok_json(&f.state, "/api/v1/events?place=x%27%20OR%20%271%27%3D%271").await;
    assert!(v["items"].as_array().unwrap().is_empty());
    let v = ok_json(
        &f.state,
        "/api/v1/search?q=border%27%3B%20DROP%20TABLE%20documents%3B%20--",
    )
    .await;
    assert!(v["items"].is_array());
    assert_eq!(ok_json(&f.state, "/api/v1/stats").await["documents"], 2);
    // And the server holds no SQL of its own: every query is the store's.
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    let mut stack = vec![std::path::PathBuf::from(src)];
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            stack.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
        } else if p.extension().is_some_and(|e| e == "rs") {
            let code = std::fs::read_to_string(&p).unwrap();
            for word in [
                "SELECT ",
                "INSERT ",
                "UPDATE ",
                "DELETE ",
                "connection()",
                "rusqlite",
            ] {
                assert!(!code.contains(word), "{} contains {word}", p.display());
            }
        }
    }
}
