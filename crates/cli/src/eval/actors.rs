//! `newsgraph eval actors DIR`: actor and place mentions against hand-checked gold mentions
//! (the held-out articles in `crates/actors/tests/heldout/`).
//!
//! Each article is analysed as it is (no cleaning, so offsets match the gold) by the full
//! pipeline, dated by `articles.tsv`. Mentions are paired and scored as
//! `newsgraph_actors::eval` describes: *detection* counts a gold mention found when a
//! predicted mention overlaps it; *resolution* also needs the right canonical actor and a code
//! matching the gold code. `code_accuracy`, `canonical_accuracy` and `kind_accuracy` are shares
//! of the detected mentions; `{via}_recall` is resolution recall per way of referring.

use std::path::PathBuf;

use newsgraph_actors::eval::{self, ErrorKind, Tally, VIAS};
use newsgraph_core::Document;

use super::{EvalFormat, Report};
use crate::pipeline::PipelineArgs;
use crate::{Globals, Outcome};

/// Arguments of `eval actors`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// A directory with `articles.tsv`, `gold.tsv` and one `NAME.txt` per article.
    dir: PathBuf,
    /// Output shape.
    #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
    format: EvalFormat,
    /// List every miss, false positive and wrong resolution (to stderr).
    #[arg(long)]
    errors: bool,
    #[command(flatten)]
    pipeline: PipelineArgs,
}

/// Runs `eval actors`.
pub fn run(args: Args, _globals: Globals) -> anyhow::Result<Outcome> {
    let articles = eval::read_dir(&args.dir).map_err(|errs| {
        anyhow::anyhow!(
            "{} invalid line(s):\n{}",
            errs.len(),
            errs.iter()
                .map(|e| format!("  {e}"))
                .collect::<Vec<_>>()
                .join("\n")
        )
    })?;
    let pipeline = crate::pipeline::build(&args.pipeline)?;
    let stage = match &args.pipeline.actors {
        Some(p) => newsgraph_actors::ActorStage::with_user_file(p)?,
        None => newsgraph_actors::ActorStage::new()?,
    };
    let mut total = Tally::default();
    let mut rows = Vec::new();
    for art in &articles {
        let mut doc = Document::from_text(art.name.clone(), art.text.clone());
        doc.meta.published = Some(art.published);
        pipeline.run(&mut doc);
        let (t, errors) = eval::score(stage.kb(), stage.gazetteer(), art, &doc);
        if args.errors {
            for e in &errors {
                let tag = match e.kind {
                    ErrorKind::Miss => "MISS ",
                    ErrorKind::False => "FALSE",
                    ErrorKind::Wrong => "WRONG",
                };
                let text = e.text.replace('\n', " ");
                match e.kind {
                    ErrorKind::Miss => {
                        eprintln!("{tag} {}@{}: `{text}` gold {}", art.name, e.start, e.gold)
                    }
                    ErrorKind::False => {
                        eprintln!(
                            "{tag} {}@{}: `{text}` predicted {}",
                            art.name, e.start, e.predicted
                        )
                    }
                    ErrorKind::Wrong => eprintln!(
                        "{tag} {}@{}: `{text}` gold {} predicted {}",
                        art.name, e.start, e.gold, e.predicted
                    ),
                }
            }
        }
        rows.push(vec![
            art.name.clone(),
            t.gold.to_string(),
            t.predicted.to_string(),
            t.detected.to_string(),
            t.resolved.to_string(),
        ]);
        total.add(&t);
    }
    let mut r = Report::new(format!("Actor mentions ({})", args.dir.display()));
    r.count("documents", articles.len())
        .count("gold", total.gold)
        .count("predicted", total.predicted)
        .count("nested", total.nested)
        .prf("detection_", total.detected, total.predicted, total.gold)
        .prf("", total.resolved, total.predicted, total.gold)
        .ratio("exact_span", total.exact, total.detected)
        .ratio("canonical_accuracy", total.canonical_ok, total.detected)
        .ratio("code_accuracy", total.code_ok, total.detected)
        .ratio("kind_accuracy", total.kind_ok, total.detected);
    for (i, v) in VIAS.iter().enumerate() {
        let (g, _, ok) = total.by_via[i];
        let name = eval::via_label(*v);
        r.count(&format!("{name}_gold"), g)
            .ratio(&format!("{name}_recall"), ok, g);
    }
    r.detail(
        &["article", "gold", "predicted", "detected", "resolved"],
        rows,
    );
    r.print(args.format)?;
    Ok(Outcome { failed: 0 })
}
