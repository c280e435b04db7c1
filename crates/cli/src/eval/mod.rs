//! `newsgraph eval`: accuracy figures on the evaluation sets, one subcommand per set.
//!
//! Every evaluation prints a readable table by default and, with `--format json`, one JSON
//! object of its figures with plain names (`upos`, `uas`, `precision`, `f1`, ...). Each
//! evaluation lives in its own file and reports through [`Report`].

mod actors;
mod petrarch;
mod plover;
pub(crate) mod polnear;
#[allow(dead_code, unused_imports)]
mod report;
mod timeml;
mod ud;

mod html;

#[allow(unused_imports)]
pub use report::{EvalFormat, Report};

use crate::{Globals, Outcome};

/// Arguments of `newsgraph eval`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    command: EvalCommand,
}

/// The evaluation sets, one variant and one file each.
#[derive(clap::Subcommand, Debug)]
enum EvalCommand {
    /// Quote attribution on PolNeAR (Source/Cue/Content spans): exact and overlap P/R/F1.
    #[command(
        after_help = "Example:\n  newsgraph eval polnear ../shared/data/polnear/dev --format json"
    )]
    Polnear(polnear::Args),
    /// Event coding on the PLOVER gold standard: (source, type, target) P/R/F1, type accuracy.
    #[command(
        after_help = "Example:\n  newsgraph eval plover ../shared/data/plover/PLOVER_GSR_dev.json --format json"
    )]
    Plover(plover::Args),
    /// Event coding on the PETRARCH unit-test records with the suite's dictionaries.
    #[command(
        after_help = "Example:\n  newsgraph eval petrarch ../shared/data/petrarch/validation/PETR.UnitTest.records.xml --dicts ../shared/data/petrarch/validation"
    )]
    Petrarch(petrarch::Args),
    /// Tagging and parsing against a UD treebank file (gold tokenisation).
    #[command(
        after_help = "Example:\n  newsgraph eval ud --data ../shared/data/ud-english-ewt/en_ewt-ud-test.conllu"
    )]
    Ud(ud::Args),
    /// The time tagger on TimeML files (TempEval-3): relaxed, strict and value F1.
    #[command(
        after_help = "Example:\n  newsgraph eval timeml ../shared/data/tempeval3/Training/TBAQ-cleaned/"
    )]
    Timeml(timeml::Args),
    /// Article-body extraction from HTML pages (shingle precision, recall, F1; dates found).
    #[command(
        after_help = "Example:\n  newsgraph eval html ../shared/data/html-extraction --format json"
    )]
    Html(html::Args),
    /// Actor and place mentions against hand-checked gold: detection and resolution P/R/F1.
    #[command(
        after_help = "Example:\n  newsgraph eval actors crates/actors/tests/heldout --errors"
    )]
    Actors(actors::Args),
}

/// Runs the chosen evaluation.
pub fn run(args: Args, globals: Globals) -> anyhow::Result<Outcome> {
    match args.command {
        EvalCommand::Polnear(a) => polnear::run(a, globals),
        EvalCommand::Plover(a) => plover::run(a, globals),
        EvalCommand::Petrarch(a) => petrarch::run(a, globals),
        EvalCommand::Ud(a) => ud::run(a, globals),
        EvalCommand::Timeml(a) => timeml::run(a, globals),
        EvalCommand::Html(a) => html::run(a, globals),
        EvalCommand::Actors(a) => actors::run(a, globals),
    }
}
