//! The newsgraph HTTP API and web pages over the store.
//!
//! [`router`] builds the whole application: the JSON API under `/api/v1` (described by
//! `/api/v1/openapi.json`), server-rendered pages (`/`, `/documents/{id}`, `/actors/{id}`,
//! `/timeline`, `/network`, `/search`, `/stories`, `/events`) and the page assets, which ship
//! inside the binary. [`run`] binds it to an address and serves until interrupted.
//!
//! Every query goes through the store's validated read queries (`newsgraph_store::query`) on
//! read-only connections ([`pool`]); this crate holds no SQL. Writing is possible only through
//! `POST /api/v1/documents`, only when the server was started with an [`IngestConfig`] (the
//! `--allow-ingest` flag), and only with its bearer token.
//!
//! *Architecture invariant:* the server binds to loopback unless [`Config::public`] is set, and
//! every piece of stored text reaches a page through maud's escaping (or `textContent` in the
//! page script), never as markup.
#![deny(missing_docs)]

mod api;
mod error;
mod ingest;
pub mod openapi;
mod pages;
mod params;
pub mod pool;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::http::{header, HeaderValue, Method};
use axum::response::Response;
use axum::routing::MethodRouter;
use axum::Router;

pub use error::{ApiError, ServerError};
pub use ingest::{Ingest, IngestConfig, IngestReply, IngestRequest};
pub use params::{Params, MAX_LIMIT};

/// How to run the server.
pub struct Config {
    /// The store file.
    pub db: PathBuf,
    /// Where to listen.
    pub addr: SocketAddr,
    /// Allow a non-loopback address.
    pub public: bool,
    /// Read-only connections kept open.
    pub connections: usize,
    /// Ingest over HTTP, when allowed.
    pub ingest: Option<IngestConfig>,
    /// CAMEO code → name, for the pages (may be empty).
    pub cameo_names: std::collections::BTreeMap<String, String>,
    /// Canonical actor name → its date-bounded roles from the knowledge base, for the actor
    /// pages (may be empty).
    pub roles: std::collections::BTreeMap<String, Vec<ActorRole>>,
}

/// An office an actor held between two dates, as the knowledge base records it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct ActorRole {
    /// First day (ISO).
    pub from: String,
    /// Last day (ISO, exclusive); `None` while in office.
    pub to: Option<String>,
    /// The office, readable (`foreign minister`).
    pub title: String,
    /// The actor code while the role is held (`SYRGOV`).
    pub code: String,
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub(crate) pool: Arc<pool::Pool>,
    pub(crate) ingest: Option<Arc<IngestConfig>>,
    pub(crate) cameo_names: Arc<std::collections::BTreeMap<String, String>>,
    pub(crate) roles: Arc<std::collections::BTreeMap<String, Vec<ActorRole>>>,
}

impl AppState {
    /// State over a store file: opens the read-only pool (the file must exist).
    pub fn open(config: &Config) -> Result<AppState, ServerError> {
        Ok(AppState {
            pool: pool::Pool::open(&config.db, config.connections)?,
            ingest: None,
            cameo_names: Arc::new(config.cameo_names.clone()),
            roles: Arc::new(config.roles.clone()),
        })
    }

    /// Enables ingest over HTTP.
    pub fn with_ingest(mut self, ingest: IngestConfig) -> Result<AppState, ServerError> {
        if ingest.token.chars().count() < 16 {
            return Err(ServerError::WeakToken);
        }
        self.ingest = Some(Arc::new(ingest));
        Ok(self)
    }

    /// The knowledge base's roles of an actor, oldest first (none when it has none).
    pub(crate) fn roles_of(&self, canonical: &str) -> &[ActorRole] {
        self.roles.get(canonical).map_or(&[], Vec::as_slice)
    }

    /// The CAMEO name of a code, when known.
    pub(crate) fn cameo_name(&self, code: &str) -> Option<&str> {
        self.cameo_names.get(code).map(String::as_str)
    }
}

/// One registered route: its method and path template.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Route {
    /// `GET` or `POST`.
    pub method: &'static str,
    /// Path template in axum and OpenAPI syntax (`/api/v1/actors/{id}`).
    pub path: &'static str,
}

/// Builds the router while writing down every route, so the OpenAPI test can walk them.
pub(crate) struct Routes {
    router: Router<AppState>,
    list: Vec<Route>,
}

impl Routes {
    fn new() -> Routes {
        Routes {
            router: Router::new(),
            list: Vec::new(),
        }
    }
    pub(crate) fn add(
        mut self,
        method: Method,
        path: &'static str,
        handler: MethodRouter<AppState>,
    ) -> Routes {
        let m = if method == Method::POST {
            "POST"
        } else {
            "GET"
        };
        self.list.push(Route { method: m, path });
        self.router = self.router.route(path, handler);
        self
    }
}

fn build() -> Routes {
    pages::routes(api::routes(Routes::new()))
}

/// Every route of the application, sorted.
pub fn routes() -> Vec<Route> {
    let mut list = build().list;
    list.sort();
    list
}

/// The application: API, pages and assets, with security headers on every response.
pub fn router(state: AppState) -> Router {
    let max_body = state
        .ingest
        .as_ref()
        .map_or(64 * 1024, |i| i.max_bytes.saturating_add(1024));
    build()
        .router
        .fallback(pages::not_found)
        .layer(axum::extract::DefaultBodyLimit::max(max_body))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

/// Pages may load only our own script, styles and images, cannot be framed, and send no
/// referrer; no response may be sniffed into another type.
async fn security_headers(mut res: Response) -> Response {
    let h = res.headers_mut();
    // A handler's own, stricter policy (the raw original's sandbox) stays.
    h.entry(header::CONTENT_SECURITY_POLICY).or_insert(
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}

/// Checks that `addr` may be bound: loopback, or anything when `public` is set.
pub fn check_addr(addr: &SocketAddr, public: bool) -> Result<(), ServerError> {
    if addr.ip().is_loopback() || public {
        Ok(())
    } else {
        Err(ServerError::NotLoopback(addr.to_string()))
    }
}

/// Binds `config.addr`, calls `ready` with the address actually bound (useful with port 0),
/// and serves until Ctrl-C. Builds its own runtime.
pub fn run(config: Config, ready: impl FnOnce(SocketAddr)) -> Result<(), ServerError> {
    check_addr(&config.addr, config.public)?;
    let mut state = AppState::open(&config)?;
    let blocking = config.connections.clamp(2, 64) + 2;
    if let Some(ingest) = config.ingest {
        state = state.with_ingest(ingest)?;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(blocking)
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|source| ServerError::Bind {
                addr: config.addr.to_string(),
                source,
            })?;
        ready(listener.local_addr()?);
        axum::serve(listener, router(state))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok(())
    })
}
