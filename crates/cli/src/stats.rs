//! `newsgraph stats`: what the store holds.

use crate::output::{self, Format};
use crate::{DbArg, Globals, Outcome};

/// Arguments of `stats`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    db: DbArg,
    /// Output shape (default: table on a terminal, jsonl otherwise).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Also check that the store is whole (SQLite integrity, no orphan rows, every document
    /// as complete as its analysis, event counts equal to a recount); exit 1 on a problem.
    #[arg(long)]
    check: bool,
}

/// Runs `stats`.
pub fn run(args: Args, _globals: Globals) -> anyhow::Result<Outcome> {
    let store = newsgraph_store::Store::open_read_only(&args.db.db)?;
    let stats = store.stats()?;
    let failed = if args.check {
        let problems = store.check_consistency()?;
        for p in &problems {
            eprintln!("newsgraph: {}: {p}", args.db.db.display());
        }
        if problems.is_empty() {
            eprintln!("newsgraph: {}: consistent", args.db.db.display());
        }
        problems.len()
    } else {
        0
    };
    let rows: Vec<Vec<String>> = vec![
        vec!["documents".into(), stats.documents.to_string()],
        vec!["actors".into(), stats.actors.to_string()],
        vec!["mentions".into(), stats.mentions.to_string()],
        vec!["quotes".into(), stats.quotes.to_string()],
        vec!["times".into(), stats.times.to_string()],
        vec!["events".into(), stats.events.to_string()],
        vec!["event mentions".into(), stats.event_mentions.to_string()],
        vec![
            "first published".into(),
            stats.first_published.clone().unwrap_or_else(|| "-".into()),
        ],
        vec![
            "last published".into(),
            stats.last_published.clone().unwrap_or_else(|| "-".into()),
        ],
        vec!["schema version".into(), stats.schema_version.to_string()],
    ];
    match Format::resolve(args.format) {
        Format::Table => print!("{}", output::table(&["what", "count"], &rows)),
        Format::Csv => print!("{}", output::csv(&["what", "count"], &rows)),
        Format::Jsonl | Format::Json => println!("{}", serde_json::to_string(&stats)?),
    }
    Ok(Outcome { failed })
}
