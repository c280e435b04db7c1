//! `newsgraph`: reads political news and writes down who did what to whom.
//!
//! One binary, one subcommand per job. Data goes to stdout, diagnostics to stderr; the exit
//! code is 0 when everything went well, 1 when some inputs failed (each named on stderr) and 2
//! when nothing could be done (bad usage, unopenable store).

mod analyze;
mod batch;
mod demo;
mod eval;
mod export;
mod ingest;
mod output;
mod pipeline;
mod query;
mod quote_detector;
mod quote_phrases;
mod serve;
mod stats;
mod train;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Reads political news the way an analyst does: actors, quotes, CAMEO events and dates, with
/// a trail back to the source sentence.
#[derive(Parser, Debug)]
#[command(
    name = "newsgraph",
    version,
    propagate_version = true,
    arg_required_else_help = true
)]
#[command(
    after_help = "Start with `newsgraph demo`, then `newsgraph stats`.\nSee `newsgraph help <command>` for examples."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Raise the log level (-v info, -vv debug).
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,
    /// No progress bars or summaries on stderr (errors are still printed).
    #[arg(short, long, global = true)]
    quiet: bool,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Ingest the built-in demo corpus and show what was found.
    #[command(after_help = "Example:\n  newsgraph demo\n  newsgraph demo --db /tmp/demo.db")]
    Demo(demo::Args),
    /// Analyse articles and print the result (JSON Lines, or a readable summary on a terminal).
    #[command(
        after_help = "Examples:\n  newsgraph analyze article.txt\n  newsgraph analyze --format json --published 2014-11-27 article.txt\n  cat article.txt | newsgraph analyze -"
    )]
    Analyze(analyze::Args),
    /// Analyse articles and store them (files, directories recursively, `-` for stdin).
    #[command(
        after_help = "Examples:\n  newsgraph ingest articles/\n  newsgraph ingest --db news.db a.txt b.txt"
    )]
    Ingest(ingest::Args),
    /// Show what the store holds.
    #[command(after_help = "Example:\n  newsgraph stats --db news.db")]
    Stats(stats::Args),
    /// List deduplicated events (who did what to whom), newest first.
    #[command(
        after_help = "Examples:\n  newsgraph events --actor Lavrov --since 2014-11 --until 2014-12\n  newsgraph events --source RUS --code 04 --format csv\n  newsgraph events --target SYRGOV --quad 4 --mentions"
    )]
    Events(query::EventsArgs),
    /// List the actors in the store, most mentioned first.
    #[command(
        after_help = "Examples:\n  newsgraph actors\n  newsgraph actors --country SYR --kind person"
    )]
    Actors(query::ActorsArgs),
    /// Everything about one actor: aliases, quotes, events as source and target, partners.
    #[command(
        after_help = "Examples:\n  newsgraph actor Lavrov\n  newsgraph actor RUSGOV --format json"
    )]
    Actor(query::ActorArgs),
    /// List quotes, newest first.
    #[command(
        after_help = "Examples:\n  newsgraph quotes --speaker Obama\n  newsgraph quotes --since 2014-12 --format csv"
    )]
    Quotes(query::QuotesArgs),
    /// Events per day, week or month: counts, Goldstein, cooperation vs conflict.
    #[command(
        after_help = "Examples:\n  newsgraph timeline --actor Russia --by week\n  newsgraph timeline --actor Russia --partner 'United States' --by month"
    )]
    Timeline(query::TimelineArgs),
    /// Full-text search over articles and quotes.
    #[command(
        after_help = "Examples:\n  newsgraph search \"freeze zone\"\n  newsgraph search 'ceasefire AND Aleppo'"
    )]
    Search(query::SearchArgs),
    /// Show one stored article with its annotations.
    #[command(
        after_help = "Examples:\n  newsgraph show 3a4305\n  newsgraph show 3a4305 --format json"
    )]
    Show(query::ShowArgs),
    /// Serve the HTTP API and web pages over a store (read-only, loopback, by default).
    #[command(
        after_help = "Examples:\n  newsgraph serve --db news.db\n  newsgraph serve --db news.db --addr 127.0.0.1:9000\n  NEWSGRAPH_TOKEN=$(openssl rand -hex 16) newsgraph serve --allow-ingest"
    )]
    Serve(serve::Args),
    /// List story clusters (articles about the same happening), or show one.
    #[command(
        after_help = "Examples:\n  newsgraph stories\n  newsgraph stories --min-articles 3\n  newsgraph stories 5f3a2c"
    )]
    Stories(query::StoriesArgs),
    /// Export events (GDELT TSV, CSV, JSON Lines, Parquet) or the actor network (GraphML, GEXF, DOT).
    #[command(
        after_help = "Examples:\n  newsgraph export events --format gdelt > events.tsv\n  newsgraph export events --format parquet -o events.parquet\n  newsgraph export graph --format graphml -o actors.graphml"
    )]
    Export(export::Args),
    /// Accuracy on an evaluation set: a readable table, or `--format json` for one object.
    #[command(after_help = "Run `newsgraph eval --help` for the evaluation sets.")]
    Eval(eval::Args),
    /// Rebuild a shipped model from its training data (deterministic).
    #[command(
        after_help = "Example:\n  newsgraph train parser --data ../shared/data/ud-english-ewt"
    )]
    Train(train::Args),
}

/// The store location shared by every subcommand that touches the store.
#[derive(clap::Args, Debug, Clone)]
pub struct DbArg {
    /// The store: a SQLite file (created if missing).
    #[arg(long, env = "NEWSGRAPH_DB", default_value = "newsgraph.db")]
    pub db: PathBuf,
}

/// Global settings every command gets.
#[derive(Clone, Copy, Debug)]
pub struct Globals {
    /// Suppress progress and summaries.
    pub quiet: bool,
    /// Verbosity level.
    pub verbose: u8,
}

/// What a command achieved: how many inputs failed.
pub struct Outcome {
    /// Inputs or records that could not be processed.
    pub failed: usize,
}

impl Outcome {
    /// Nothing failed.
    pub fn ok() -> Outcome {
        Outcome { failed: 0 }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(cli.verbose);
    install_panic_hook();
    let globals = Globals {
        quiet: cli.quiet,
        verbose: cli.verbose,
    };
    let result = match cli.command {
        Command::Demo(args) => demo::run(args, globals),
        Command::Analyze(args) => analyze::run(args, globals),
        Command::Ingest(args) => ingest::run(args, globals),
        Command::Stats(args) => stats::run(args, globals),
        Command::Events(args) => query::events(args, globals),
        Command::Actors(args) => query::actors(args, globals),
        Command::Actor(args) => query::actor(args, globals),
        Command::Quotes(args) => query::quotes(args, globals),
        Command::Timeline(args) => query::timeline(args, globals),
        Command::Search(args) => query::search(args, globals),
        Command::Show(args) => query::show(args, globals),
        Command::Serve(args) => serve::run(args, globals),
        Command::Stories(args) => query::stories(args, globals),
        Command::Export(args) => export::run(args, globals),
        Command::Eval(args) => eval::run(args, globals),
        Command::Train(args) => train::run(args, globals),
    };
    match result {
        Ok(outcome) if outcome.failed == 0 => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(e) => {
            eprintln!("newsgraph: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn init_logging(verbose: u8) {
    let level = match verbose {
        0 => tracing::Level::WARN,
        1 => tracing::Level::INFO,
        _ => tracing::Level::DEBUG,
    };
    let ansi = std::env::var_os("NO_COLOR").is_none()
        && std::io::IsTerminal::is_terminal(&std::io::stderr());
    tracing_subscriber::fmt()
        .with_max_level(level)
        .with_writer(std::io::stderr)
        .with_ansi(ansi)
        .without_time()
        .init();
}

/// Panics are bugs, never the input's fault: say so in one line, without a backtrace.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".to_string());
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("newsgraph: internal error: {msg}{at} (please report this)");
    }));
}
