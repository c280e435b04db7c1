//! `newsgraph eval ud`: the linguistic core against a UD treebank file with gold tokenisation.
//!
//! Parser figures: `uas`, `las` (head and universal relation, the CoNLL 2018 LAS) and
//! `las_full` (relation with its subtype), punctuation included, over every syntactic word.

use std::path::PathBuf;

use anyhow::Context;

use newsgraph_text::parser::{evaluate, ParseScratch, ParserModel};

use super::{EvalFormat, Report};
use crate::{Globals, Outcome};

/// Arguments of `newsgraph eval ud`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// A CoNLL-U file (`en_ewt-ud-test.conllu`).
    #[arg(long)]
    data: PathBuf,
    /// Evaluate this parser model file instead of the shipped one.
    #[arg(long)]
    parser_model: Option<PathBuf>,
    /// Output shape.
    #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
    format: EvalFormat,
}

/// Runs the evaluation.
pub fn run(args: Args, _globals: Globals) -> anyhow::Result<Outcome> {
    let gold = crate::train::read_treebank(&args.data)?;
    let model = match &args.parser_model {
        Some(p) => {
            let bytes =
                std::fs::read(p).with_context(|| format!("{}: cannot read", p.display()))?;
            std::sync::Arc::new(
                ParserModel::from_bytes(&bytes).with_context(|| format!("{}", p.display()))?,
            )
        }
        None => ParserModel::shipped()?,
    };
    let mut scratch = ParseScratch::new();
    let scores = evaluate(&model, &gold, &mut scratch);
    let mut report = Report::new(format!("UD evaluation on {}", args.data.display()));
    report
        .count("sentences", gold.len())
        .count("words", scores.words)
        .fraction("uas", scores.uas())
        .fraction("las", scores.las())
        .fraction("las_full", scores.las_full());
    report.print(args.format)?;
    Ok(Outcome::ok())
}
