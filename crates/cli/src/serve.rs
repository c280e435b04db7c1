//! `newsgraph serve`: the HTTP API and web pages over a store (`newsgraph-server`).
//!
//! Read-only and on loopback unless told otherwise. With `--allow-ingest` and a token, articles
//! can be posted to `POST /api/v1/documents`; they go through the same batch runner and
//! pipeline as `newsgraph ingest`, handed to the server as an [`Ingest`] object.

use std::net::{SocketAddr, ToSocketAddrs};
use std::sync::{Arc, Mutex};

use newsgraph_core::{Date, Metadata};
use newsgraph_ingest::{Cleaner, InputFormat, RawDocument, ReadOptions};
use newsgraph_server::{Config, Ingest, IngestConfig, IngestReply, IngestRequest};
use newsgraph_store::{Inserted, Store};

use crate::batch::Batch;
use crate::pipeline::{self, PipelineArgs};
use crate::{DbArg, Globals, Outcome};

/// Arguments of `serve`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    db: DbArg,
    /// Address to listen on (loopback unless --public).
    #[arg(long, default_value = "127.0.0.1:8080", value_parser = parse_addr)]
    addr: SocketAddr,
    /// Allow listening on a non-loopback address.
    #[arg(long)]
    public: bool,
    /// Accept articles at POST /api/v1/documents (needs --token).
    #[arg(long)]
    allow_ingest: bool,
    /// The bearer token ingest requests must carry (at least 16 characters).
    #[arg(long, env = "NEWSGRAPH_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// Largest article accepted over HTTP, in bytes.
    #[arg(long, default_value_t = 5 * 1024 * 1024)]
    max_bytes: usize,
    /// Read-only database connections kept open.
    #[arg(long, default_value_t = 8)]
    connections: usize,
    #[command(flatten)]
    pipeline: PipelineArgs,
}

fn parse_addr(s: &str) -> Result<SocketAddr, String> {
    s.to_socket_addrs()
        .map_err(|e| format!("'{s}' is not an address such as 127.0.0.1:8080 ({e})"))?
        .next()
        .ok_or_else(|| format!("'{s}' names no address"))
}

/// Runs `serve`.
pub fn run(args: Args, globals: Globals) -> anyhow::Result<Outcome> {
    let ingest = if args.allow_ingest {
        let Some(token) = args.token.clone() else {
            anyhow::bail!(
                "--allow-ingest needs --token (or NEWSGRAPH_TOKEN), at least 16 characters"
            );
        };
        // Creates the store if needed, so a new server can start empty and be fed over HTTP.
        let store = crate::ingest::open_store(&args.db)?;
        Some(IngestConfig {
            token,
            max_bytes: args.max_bytes,
            ingestor: Arc::new(PipelineIngest {
                store: Mutex::new(store),
                pipeline: pipeline::build(&args.pipeline)?,
                max_bytes: args.max_bytes as u64,
                globals,
            }),
        })
    } else {
        if args.token.is_some() && std::env::var_os("NEWSGRAPH_TOKEN").is_none() {
            eprintln!(
                "newsgraph: --token given without --allow-ingest; the server stays read-only"
            );
        }
        None
    };
    let writable = ingest.is_some();
    let config = Config {
        db: args.db.db.clone(),
        addr: args.addr,
        public: args.public,
        connections: args.connections,
        ingest,
        cameo_names: cameo_names(),
        roles: roles(&args.pipeline)?,
    };
    let db = args.db.db.display().to_string();
    newsgraph_server::run(config, |addr| {
        // One write, errors ignored: a server whose stdout was closed keeps serving.
        let mode = if writable {
            "ingest allowed at POST /api/v1/documents with the token"
        } else {
            "read-only"
        };
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        let _ = write!(
            out,
            "newsgraph: serving {db} at http://{addr}/\nnewsgraph: {mode}; API at http://{addr}/api/v1/openapi.json; Ctrl-C stops\n"
        );
        let _ = out.flush();
    })?;
    Ok(Outcome::ok())
}

/// Canonical name → date-bounded roles from the knowledge base (with `--actors` merged over
/// it, as ingest uses it), for the actor pages, oldest first.
fn roles(
    args: &PipelineArgs,
) -> anyhow::Result<std::collections::BTreeMap<String, Vec<newsgraph_server::ActorRole>>> {
    use anyhow::Context as _;
    let stage = match &args.actors {
        Some(path) => newsgraph_actors::ActorStage::with_user_file(path)
            .with_context(|| format!("--actors {}", path.display()))?,
        None => newsgraph_actors::ActorStage::new().context("built-in actor knowledge base")?,
    };
    let kb = stage.kb();
    Ok(kb
        .actors
        .iter()
        .filter(|a| !a.roles.is_empty())
        .map(|a| {
            let mut roles: Vec<newsgraph_server::ActorRole> = a
                .roles
                .iter()
                .map(|r| newsgraph_server::ActorRole {
                    from: r.from.to_string(),
                    to: r.to.map(|t| t.to_string()),
                    title: kb
                        .institution(&r.title)
                        .map(|i| i.canonical.to_lowercase())
                        .unwrap_or_else(|| r.title.replace('_', " ")),
                    code: r.code.clone(),
                })
                .collect();
            roles.sort();
            (a.canonical.clone(), roles)
        })
        .collect())
}

/// CAMEO code → name from the embedded codebook, for the pages' event details.
fn cameo_names() -> std::collections::BTreeMap<String, String> {
    match newsgraph_extract::events::Codebook::embedded() {
        Ok(book) => book
            .iter()
            .map(|c| (c.code.clone(), c.name.clone()))
            .collect(),
        Err(e) => {
            eprintln!(
                "newsgraph: the CAMEO codebook did not load ({e}); pages show codes without names"
            );
            Default::default()
        }
    }
}

/// The pipeline of `newsgraph ingest`, behind the server's [`Ingest`] trait.
struct PipelineIngest {
    store: Mutex<Store>,
    pipeline: newsgraph_core::Pipeline,
    max_bytes: u64,
    globals: Globals,
}

impl Ingest for PipelineIngest {
    fn ingest(&self, request: IngestRequest) -> Result<IngestReply, String> {
        let published = request
            .published
            .as_deref()
            .map(|d| Date::parse_iso(d).map_err(|_| format!("published: '{d}' is not a date")))
            .transpose()?;
        let format = match request.format.as_deref() {
            Some(f) => f.parse::<InputFormat>()?,
            None => InputFormat::sniff(&request.bytes),
        };
        let label = request
            .name
            .clone()
            .unwrap_or_else(|| "posted article".to_string());
        let raw = RawDocument {
            bytes: request.bytes,
            path: request.name,
            label: label.clone(),
            format,
            meta: Metadata::default(),
        };
        let batch = Batch {
            read: ReadOptions {
                format: Some(format),
                max_bytes: self.max_bytes,
            },
            published,
            pipeline: &self.pipeline,
            globals: Globals {
                quiet: true,
                ..self.globals
            },
        };
        let mut store = self
            .store
            .lock()
            .map_err(|_| "the store is unavailable after an earlier failure".to_string())?;
        let mut reply = None;
        batch
            .process(raw, &Cleaner::default(), &mut |doc| {
                let analysis = newsgraph_core::wire::Analysis::from_document(&doc);
                let inserted = store.insert(&analysis, &doc.raw, doc.meta.source.as_deref())?;
                reply = Some(IngestReply {
                    id: doc.id.clone(),
                    new: inserted == Inserted::New,
                });
                Ok(())
            })
            .map_err(|(_, message)| message)?;
        reply.ok_or_else(|| format!("{label}: nothing was stored"))
    }
}
