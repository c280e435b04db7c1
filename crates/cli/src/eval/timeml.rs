//! `newsgraph eval timeml DIR`: the time tagger against TimeML files (TempEval-3 style).
//!
//! Every `.tml` file under DIR (recursively) is read with its own document creation time;
//! extents are scored relaxed (overlap) and strict (identical), values and types only on
//! relaxed matches. A file that cannot be read is reported and skipped.

use std::path::{Path, PathBuf};

use anyhow::Context;
use newsgraph_time::timeml::{self, Score};
use newsgraph_time::TimeTagger;

use super::{EvalFormat, Report};
use crate::{Globals, Outcome};

/// Arguments of `newsgraph eval timeml`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Directory searched recursively for `.tml` files.
    pub dir: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
    pub format: EvalFormat,
    /// Also print every mismatch (missed, spurious, extent, value, type), grouped by kind,
    /// in the table.
    #[arg(long)]
    pub errors: bool,
    /// Write every mismatch, grouped by kind and with its context, to FILE (tab-separated).
    #[arg(long, value_name = "FILE")]
    pub errors_file: Option<PathBuf>,
}

/// Runs the evaluation.
pub fn run(args: Args, _globals: Globals) -> anyhow::Result<Outcome> {
    let mut files = Vec::new();
    collect(&args.dir, &mut files)
        .with_context(|| format!("cannot read {}", args.dir.display()))?;
    files.sort();
    if files.is_empty() {
        anyhow::bail!("{}: no .tml files found", args.dir.display());
    }
    let tagger = TimeTagger::new();
    let splitter = newsgraph_text::SentenceSplitter;
    let mut score = Score::default();
    let mut failed = 0;
    let keep = args.errors || args.errors_file.is_some();
    for f in &files {
        let parsed = std::fs::read_to_string(f)
            .map_err(anyhow::Error::from)
            .and_then(|s| timeml::read(&s).map_err(anyhow::Error::from));
        match parsed {
            Ok(mut doc) => {
                if doc.id.is_empty() {
                    doc.id = f.display().to_string();
                }
                score.add(&tagger, &splitter, &doc, keep);
            }
            Err(e) => {
                failed += 1;
                eprintln!("newsgraph: {}: {e}", f.display());
            }
        }
    }
    let mut r = Report::new(format!(
        "TimeML: {} documents under {}",
        score.documents,
        args.dir.display()
    ));
    r.count("documents", score.documents)
        .count("gold", score.gold)
        .count("predicted", score.predicted)
        .prf("", score.relaxed, score.predicted, score.gold)
        .prf("relaxed_", score.relaxed, score.predicted, score.gold)
        .prf("strict_", score.strict, score.predicted, score.gold)
        .prf("value_", score.value, score.predicted, score.gold)
        .ratio("type_accuracy", score.kind, score.relaxed)
        .ratio("value_accuracy", score.value, score.relaxed);
    let (grouped, counts) = score.grouped_errors();
    if keep {
        for (what, n) in &counts {
            r.count(&format!("errors_{what}"), *n);
        }
    }
    if let Some(path) = &args.errors_file {
        let mut out = String::from(
            "error\tdocument\tgold\tgold value\tpredicted\tpredicted value\tcontext\n",
        );
        for m in &grouped {
            let fields = [
                m.what,
                &m.doc,
                &m.gold.0,
                &m.gold.1,
                &m.predicted.0,
                &m.predicted.1,
                &m.context,
            ];
            let line: Vec<String> = fields.iter().map(|f| f.replace('\t', " ")).collect();
            out.push_str(&line.join("\t"));
            out.push('\n');
        }
        std::fs::write(path, out).with_context(|| format!("cannot write {}", path.display()))?;
    }
    if args.errors {
        let rows = grouped
            .iter()
            .map(|m| {
                vec![
                    m.what.to_string(),
                    m.doc.clone(),
                    m.gold.0.clone(),
                    m.gold.1.clone(),
                    m.predicted.0.clone(),
                    m.predicted.1.clone(),
                ]
            })
            .collect();
        r.detail(
            &[
                "error",
                "document",
                "gold",
                "gold value",
                "predicted",
                "predicted value",
            ],
            rows,
        );
    }
    r.print(args.format)?;
    Ok(Outcome { failed })
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if dir.is_file() {
        out.push(dir.to_path_buf());
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "tml") {
            out.push(path);
        }
    }
    Ok(())
}
