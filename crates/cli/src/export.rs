//! `newsgraph export`: events as GDELT-style TSV, CSV, JSON Lines or Parquet; the actor network
//! as GraphML, GEXF or DOT.

use std::io::Write;
use std::path::PathBuf;

use newsgraph_store::export::{EventFormat, GraphFormat};
use newsgraph_store::query::GraphFilter;
use newsgraph_store::Store;

use crate::query::EventFilterArgs;
use crate::{DbArg, Globals, Outcome};

/// Arguments of `export`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand, Debug)]
enum What {
    /// Deduplicated events with their counts, oldest first.
    #[command(
        after_help = "Examples:\n  newsgraph export events --format gdelt > events.tsv\n  newsgraph export events --format parquet -o events.parquet --since 2014\n  newsgraph export events --format csv --actor Russia --quad 4"
    )]
    Events(EventsArgs),
    /// The actor network: actors as nodes, cooperation and conflict as separate weighted edges.
    #[command(
        after_help = "Examples:\n  newsgraph export graph --format graphml -o actors.graphml\n  newsgraph export graph --format dot --min-events 2 | dot -Tsvg > actors.svg"
    )]
    Graph(GraphArgs),
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum EventsFormat {
    /// GDELT 2.0 event table: 61 tab-separated columns, no header, then newsgraph's own.
    Gdelt,
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
    /// Apache Parquet (needs -o/--output).
    Parquet,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum NetworkFormat {
    /// GraphML (Gephi, yEd, NetworkX, igraph).
    Graphml,
    /// GEXF 1.3 (Gephi).
    Gexf,
    /// Graphviz DOT.
    Dot,
}

#[derive(clap::Args, Debug)]
struct EventsArgs {
    #[command(flatten)]
    db: DbArg,
    /// Output shape.
    #[arg(long, value_enum, default_value = "gdelt")]
    format: EventsFormat,
    /// Write here instead of stdout.
    #[arg(short, long)]
    output: Option<PathBuf>,
    #[command(flatten)]
    filter: EventFilterArgs,
}

#[derive(clap::Args, Debug)]
struct GraphArgs {
    #[command(flatten)]
    db: DbArg,
    /// Output shape.
    #[arg(long, value_enum, default_value = "graphml")]
    format: NetworkFormat,
    /// Write here instead of stdout.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// First date.
    #[arg(long)]
    since: Option<String>,
    /// Last date, inclusive.
    #[arg(long)]
    until: Option<String>,
    /// Only events of this quad class (1..4).
    #[arg(long)]
    quad: Option<u8>,
    /// Only actor pairs with at least this many events.
    #[arg(long, default_value_t = 1)]
    min_events: i64,
    /// Most actor pairs, strongest first.
    #[arg(long, default_value_t = 5000)]
    limit: usize,
}

/// Where an export goes: a file (written whole, then renamed into place) or stdout.
fn sink(
    path: &Option<PathBuf>,
) -> anyhow::Result<(Box<dyn Write + Send>, Option<(PathBuf, PathBuf)>)> {
    match path {
        Some(p) => {
            let tmp = p.with_extension("partial");
            let f = std::fs::File::create(&tmp)
                .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", p.display()))?;
            Ok((Box::new(f), Some((tmp, p.clone()))))
        }
        None => Ok((Box::new(std::io::stdout()), None)),
    }
}

fn finish(target: Option<(PathBuf, PathBuf)>) -> anyhow::Result<()> {
    if let Some((tmp, path)) = target {
        std::fs::rename(&tmp, &path)
            .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", path.display()))?;
    }
    Ok(())
}

/// Runs `export`.
pub fn run(args: Args, g: Globals) -> anyhow::Result<Outcome> {
    match args.what {
        What::Events(a) => events(a, g),
        What::Graph(a) => graph(a, g),
    }
}

fn events(a: EventsArgs, g: Globals) -> anyhow::Result<Outcome> {
    let store = Store::open_read_only(&a.db.db)?;
    let format = match a.format {
        EventsFormat::Gdelt => EventFormat::Gdelt,
        EventsFormat::Csv => EventFormat::Csv,
        EventsFormat::Jsonl => EventFormat::Jsonl,
        EventsFormat::Parquet => EventFormat::Parquet,
    };
    if format == EventFormat::Parquet && a.output.is_none() {
        anyhow::bail!("--format parquet: Parquet is binary; give a file with -o/--output");
    }
    // No limit: an export is everything that matches.
    let filter = a.filter.filter(0, 0);
    // A bad filter is refused before any file is created.
    store.check_event_filter(&filter)?;
    let (out, target) = sink(&a.output)?;
    let n = match store.export_events(&filter, format, out) {
        Err(newsgraph_store::export::ExportError::Io(e))
            if e.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            0
        }
        r => r?,
    };
    finish(target)?;
    if !g.quiet {
        if let Some(p) = &a.output {
            eprintln!("newsgraph: wrote {n} events to {}", p.display());
        }
    }
    Ok(Outcome::ok())
}

fn graph(a: GraphArgs, g: Globals) -> anyhow::Result<Outcome> {
    let store = Store::open_read_only(&a.db.db)?;
    let format = match a.format {
        NetworkFormat::Graphml => GraphFormat::Graphml,
        NetworkFormat::Gexf => GraphFormat::Gexf,
        NetworkFormat::Dot => GraphFormat::Dot,
    };
    let filter = GraphFilter {
        since: a.since,
        until: a.until,
        quad: a.quad,
        min_events: a.min_events,
        limit: a.limit,
    };
    let (out, target) = sink(&a.output)?;
    let (nodes, edges) = store.export_graph(&filter, format, out)?;
    finish(target)?;
    if !g.quiet {
        if let Some(p) = &a.output {
            eprintln!(
                "newsgraph: wrote {nodes} actors and {edges} edges to {}",
                p.display()
            );
        }
    }
    Ok(Outcome::ok())
}
