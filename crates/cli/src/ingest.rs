//! `newsgraph ingest`: analyse articles and store them.

use newsgraph_core::wire::Analysis;
use newsgraph_core::Date;
use newsgraph_ingest::{InputFormat, ReadOptions};
use newsgraph_store::{Inserted, Store};

use crate::batch::{parse_date_arg, report_error, Batch};
use crate::pipeline::{self, PipelineArgs};
use crate::{DbArg, Globals, Outcome};

/// Arguments of `ingest`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or directories to ingest; `-` reads stdin.
    #[arg(required = true)]
    paths: Vec<String>,
    #[command(flatten)]
    db: DbArg,
    /// Publication date (YYYY-MM-DD) for documents that do not state one.
    #[arg(long, value_parser = parse_date_arg)]
    published: Option<Date>,
    /// Force a reader instead of choosing by extension and content.
    #[arg(long, value_parser = clap::value_parser!(InputFormat))]
    input_format: Option<InputFormat>,
    /// Largest input accepted, in bytes.
    #[arg(long, default_value_t = 50 * 1024 * 1024)]
    max_bytes: u64,
    #[command(flatten)]
    pipeline: PipelineArgs,
}

/// Counts of an ingest.
#[derive(Default, Debug)]
pub struct IngestCounts {
    /// Stored now.
    pub new: usize,
    /// Already in the store.
    pub present: usize,
    /// Failed.
    pub failed: usize,
}

impl IngestCounts {
    /// The documents a failed commit lost (they were counted as new).
    fn pending_at_failure(&self, e: &newsgraph_store::StoreError) -> usize {
        match e {
            newsgraph_store::StoreError::Commit { documents, .. } => *documents,
            _ => 0,
        }
    }
}

/// Runs `ingest`.
pub fn run(args: Args, globals: Globals) -> anyhow::Result<Outcome> {
    let mut store = open_store(&args.db)?;
    let pipeline = pipeline::build(&args.pipeline)?;
    let batch = Batch {
        read: ReadOptions {
            format: args.input_format,
            max_bytes: args.max_bytes,
        },
        published: args.published,
        pipeline: &pipeline,
        globals,
    };
    // Documents are committed in batches (fewer, larger transactions); each stays whole, and a
    // killed ingest loses at most the last uncommitted batch, which ingesting again stores.
    store.batch_writes(newsgraph_store::BATCH_DOCUMENTS, newsgraph_store::BATCH_AGE);
    let mut counts = ingest_paths(&batch, &mut store, &args.paths);
    if let Err(e) = store.flush() {
        report_error(&args.db.db.display().to_string(), &e.to_string());
        counts.failed += counts.pending_at_failure(&e);
        counts.new -= counts.pending_at_failure(&e).min(counts.new);
    }
    if !globals.quiet {
        eprintln!(
            "newsgraph: ingested into {}: {} new, {} already present, {} failed",
            args.db.db.display(),
            counts.new,
            counts.present,
            counts.failed
        );
    }
    Ok(Outcome {
        failed: counts.failed,
    })
}

/// Opens the store named by `--db`, refusing URLs of backends this build lacks.
pub fn open_store(db: &DbArg) -> anyhow::Result<Store> {
    let s = db.db.to_string_lossy();
    if s.starts_with("postgres://") || s.starts_with("postgresql://") {
        anyhow::bail!("{s}: the PostgreSQL backend is not part of this build; use a SQLite file path with --db");
    }
    Ok(Store::open(&db.db)?)
}

/// Ingests everything under `paths` into `store`.
pub fn ingest_paths(batch: &Batch<'_>, store: &mut Store, paths: &[String]) -> IngestCounts {
    let mut counts = IngestCounts::default();
    let report = batch.run(paths, |doc| {
        let analysis = Analysis::from_document(&doc);
        match store.insert(&analysis, &doc.raw, doc.meta.source.as_deref())? {
            Inserted::New => counts.new += 1,
            Inserted::Present => counts.present += 1,
        }
        Ok(())
    });
    counts.failed = report.failed;
    counts
}
