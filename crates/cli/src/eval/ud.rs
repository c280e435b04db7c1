//! `newsgraph eval ud --data FILE`: the linguistic stages on a UD treebank file with gold
//! tokenisation.
//!
//! Each treebank sentence becomes a one-sentence document of its gold words (see
//! `newsgraph_text::ud_eval`), the tagger and then the parser annotate it as they do in the
//! pipeline (the parser reads the tagger's tags, not the gold ones), and the layers are compared
//! with the gold columns: `upos`, `xpos` and `lemma` accuracy, and `uas`, `las` (head and
//! universal relation, the CoNLL 2018 LAS) and `las_full` (relation with its subtype) over all
//! words, punctuation included. `tokens_per_second` is the annotation time alone, one thread.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use newsgraph_core::Stage;
use newsgraph_text::parser::ParserModel;
use newsgraph_text::ud_eval::{gold_document, UdScores};
use newsgraph_text::{ParserStage, Tagger, TaggerModel};

use super::{EvalFormat, Report};
use crate::{Globals, Outcome};

/// Arguments of `eval ud`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// A CoNLL-U file (e.g. `en_ewt-ud-test.conllu`).
    #[arg(long)]
    data: PathBuf,
    /// Score this tagger model file instead of the shipped one.
    #[arg(long)]
    tagger_model: Option<PathBuf>,
    /// Score this parser model file instead of the shipped one.
    #[arg(long)]
    parser_model: Option<PathBuf>,
    /// Parse from the treebank's own tags and lemmas instead of the tagger's (the parser's
    /// accuracy alone; UPOS, XPOS and lemma then score the treebank against itself).
    #[arg(long)]
    gold_tags: bool,
    /// Output shape.
    #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
    format: EvalFormat,
}

/// Runs `eval ud`.
pub fn run(args: Args, _globals: Globals) -> anyhow::Result<Outcome> {
    let text = std::fs::read_to_string(&args.data)
        .with_context(|| format!("{}: cannot read", args.data.display()))?;
    let gold =
        newsgraph_text::conllu::read(&text).with_context(|| args.data.display().to_string())?;
    let tagger = match &args.tagger_model {
        Some(path) => {
            let bytes =
                std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
            let model = TaggerModel::from_bytes(&bytes)
                .with_context(|| format!("{}: cannot load the tagger model", path.display()))?;
            Tagger::with_model(Arc::new(model))
        }
        None => Tagger::new().context("the shipped tagger model")?,
    };
    let parser = match &args.parser_model {
        Some(p) => {
            let bytes =
                std::fs::read(p).with_context(|| format!("{}: cannot read", p.display()))?;
            ParserStage::with_model(Arc::new(
                ParserModel::from_bytes(&bytes).with_context(|| format!("{}", p.display()))?,
            ))
        }
        None => ParserStage::new().context("the shipped parser model")?,
    };
    let stages: Vec<&dyn Stage> = if args.gold_tags {
        vec![&parser]
    } else {
        vec![&tagger, &parser]
    };
    let mut docs: Vec<_> = gold.iter().map(gold_document).collect();
    if args.gold_tags {
        for (g, doc) in gold.iter().zip(&mut docs) {
            for (w, t) in g.words.iter().zip(&mut doc.tokens) {
                t.upos = newsgraph_core::Upos::parse(&w.upos).unwrap_or_default();
                t.xpos = w.xpos.clone();
                t.lemma = w.lemma.clone();
            }
        }
    }
    let started = Instant::now();
    for doc in &mut docs {
        for stage in &stages {
            stage.annotate(doc);
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let mut scores = UdScores::default();
    for (g, doc) in gold.iter().zip(&docs) {
        scores.add(g, doc);
    }
    let mut r = Report::new(format!(
        "UD evaluation on {} (gold tokenisation, {} tags)",
        args.data.display(),
        if args.gold_tags { "gold" } else { "predicted" }
    ));
    r.count("sentences", gold.len())
        .count("tokens", scores.words)
        .fraction("upos", scores.share(scores.upos))
        .fraction("xpos", scores.share(scores.xpos))
        .fraction("lemma", scores.share(scores.lemma));
    if scores.parsed > 0 {
        r.fraction("uas", scores.share(scores.uas))
            .fraction("las", scores.share(scores.las))
            .fraction("las_full", scores.share(scores.las_full));
    }
    r.number(
        "tokens_per_second",
        if seconds > 0.0 {
            scores.words as f64 / seconds
        } else {
            0.0
        },
    );
    r.print(args.format)?;
    Ok(Outcome::ok())
}
