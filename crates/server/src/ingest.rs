//! Ingest over HTTP: `POST /api/v1/documents`, off unless the server was started with an
//! [`IngestConfig`], and then only with its bearer token and within its size limit.
//!
//! The pipeline itself lives with the command-line tool; it reaches the server as an
//! [`Ingest`] trait object, so both run the same stages on the same kind of input.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use serde::Serialize;

use crate::{ApiError, AppState, Params};

/// One article posted for ingest.
#[derive(Clone, Debug)]
pub struct IngestRequest {
    /// The article's bytes, as a file would hold them.
    pub bytes: Vec<u8>,
    /// A name for messages and the stored path (`name` parameter).
    pub name: Option<String>,
    /// Publication date to use when the article states none (`published` parameter).
    pub published: Option<String>,
    /// Reader to force (`format` parameter); sniffed from the content otherwise.
    pub format: Option<String>,
}

/// What happened to a posted article.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct IngestReply {
    /// Its content id (the document id).
    pub id: String,
    /// Stored now (`false`: it was already there).
    pub new: bool,
}

/// Runs the analysis pipeline on one article and stores it.
pub trait Ingest: Send + Sync {
    /// Analyses and stores `request`; `Err` says what is wrong with the input.
    fn ingest(&self, request: IngestRequest) -> Result<IngestReply, String>;
}

/// Ingest settings: the token, the size limit and the pipeline.
pub struct IngestConfig {
    /// The bearer token a request must carry.
    pub token: String,
    /// Largest body accepted, in bytes.
    pub max_bytes: usize,
    /// The pipeline.
    pub ingestor: Arc<dyn Ingest>,
}

/// Compares without stopping at the first difference.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// `POST /api/v1/documents`.
pub(crate) async fn post_document(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Result<impl IntoResponse, ApiError> {
    let Some(cfg) = state.ingest.clone() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "ingest over HTTP is off; start the server with --allow-ingest and a token",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if !same(given.as_bytes(), cfg.token.as_bytes()) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "missing or wrong token; send 'Authorization: Bearer <token>'",
        ));
    }
    let p = Params::parse(query.as_deref(), &["name", "published", "format"])?;
    let published = p.date("published")?;
    if let Some(d) = &published {
        if d.len() != 10 {
            return Err(ApiError::bad(format!(
                "published: '{d}' must be a full date, YYYY-MM-DD"
            )));
        }
    }
    if body.is_empty() {
        return Err(ApiError::bad(
            "the request body is empty; send the article's bytes",
        ));
    }
    if body.len() > cfg.max_bytes {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the article is {} bytes; the limit is {}",
                body.len(),
                cfg.max_bytes
            ),
        ));
    }
    let request = IngestRequest {
        bytes: body.to_vec(),
        name: p.text("name"),
        published,
        format: p.text("format"),
    };
    let ingestor = Arc::clone(&cfg.ingestor);
    let reply = tokio::task::spawn_blocking(move || ingestor.ingest(request))
        .await
        .map_err(|_| ApiError::internal("the ingest task failed"))?
        .map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, e))?;
    let status = if reply.new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(reply)))
}
