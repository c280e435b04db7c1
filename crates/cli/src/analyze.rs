//! `newsgraph analyze`: analyse articles and print the `newsgraph.analysis/1` objects.

use std::fmt::Write as _;
use std::io::{IsTerminal, Write};

use newsgraph_core::wire::Analysis;
use newsgraph_core::{Date, Document};
use newsgraph_ingest::{InputFormat, ReadOptions};

use crate::batch::{parse_date_arg, Batch};
use crate::pipeline::{self, PipelineArgs};
use crate::{Globals, Outcome};

/// Output of `analyze`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnalyzeFormat {
    /// A readable summary.
    Text,
    /// One JSON object per document per line (the contract).
    Json,
    /// Same as `json`.
    Jsonl,
    /// Each sentence's tokens with tags, lemmas, heads and relations (CoNLL-U), for inspection.
    Conllu,
}

/// Arguments of `analyze`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or directories to analyse; `-` reads stdin.
    #[arg(required = true)]
    paths: Vec<String>,
    /// Output shape (default: `text` on a terminal, `json` otherwise).
    #[arg(long, value_enum)]
    format: Option<AnalyzeFormat>,
    /// Publication date (YYYY-MM-DD) used to resolve relative dates.
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

/// Runs `analyze`.
pub fn run(args: Args, globals: Globals) -> anyhow::Result<Outcome> {
    let pipeline = pipeline::build(&args.pipeline)?;
    let format = args.format.unwrap_or(if std::io::stdout().is_terminal() {
        AnalyzeFormat::Text
    } else {
        AnalyzeFormat::Json
    });
    let batch = Batch {
        read: ReadOptions {
            format: args.input_format,
            max_bytes: args.max_bytes,
        },
        published: args.published,
        pipeline: &pipeline,
        globals,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut closed = false;
    let report = batch.run(&args.paths, |doc| {
        if closed {
            return Ok(());
        }
        let rendered = match format {
            AnalyzeFormat::Json | AnalyzeFormat::Jsonl => {
                let mut s = serde_json::to_string(&Analysis::from_document(&doc))?;
                s.push('\n');
                s
            }
            AnalyzeFormat::Text => render_text(&doc),
            AnalyzeFormat::Conllu => render_conllu(&doc),
        };
        if let Err(e) = out
            .write_all(rendered.as_bytes())
            .and_then(|()| out.flush())
        {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                closed = true;
                return Ok(());
            }
            return Err(e.into());
        }
        Ok(())
    });
    Ok(Outcome {
        failed: report.failed,
    })
}

/// One document in CoNLL-U: a `# doc` comment naming it, then its sentences.
pub fn render_conllu(doc: &Document) -> String {
    let mut s = format!(
        "# newdoc id = {}\n# path = {}\n",
        doc.id,
        doc.path.as_deref().unwrap_or("<stdin>")
    );
    s.push_str(&newsgraph_text::conllu::write(
        &newsgraph_text::conllu::from_document(doc),
    ));
    s
}

/// A readable summary of one analysed document.
pub fn render_text(doc: &Document) -> String {
    render_analysis(&Analysis::from_document(doc), Some(doc.sentences.len()))
}

/// A readable summary of an analysis (from the pipeline or the store).
pub fn render_analysis(a: &Analysis, sentences: Option<usize>) -> String {
    let d = &a.document;
    let mut s = String::new();
    let _ = writeln!(s, "== {} ==", d.title.as_deref().unwrap_or("(no title)"));
    let _ = writeln!(
        s,
        "path: {}   id: {}",
        d.path.as_deref().unwrap_or("<stdin>"),
        d.id
    );
    let _ = writeln!(
        s,
        "published: {}   byline: {}   outlet: {}",
        d.published.as_deref().unwrap_or("-"),
        d.byline.as_deref().unwrap_or("-"),
        d.outlet.as_deref().unwrap_or("-")
    );
    let paragraphs = d
        .text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .count();
    let sentences = sentences
        .map(|n| format!("{n} sentences, "))
        .unwrap_or_default();
    let _ = writeln!(
        s,
        "{paragraphs} paragraphs, {sentences}{} words; {} dropped",
        d.text.split_whitespace().count(),
        d.dropped.len()
    );
    for dr in &d.dropped {
        let _ = writeln!(s, "  dropped ({}): {}", dr.reason, ellipsis(&dr.text, 70));
    }
    if !a.entities.is_empty() {
        let _ = writeln!(s, "\nActors and places ({}):", a.entities.len());
        for e in &a.entities {
            let mentions: Vec<String> =
                e.mentions.iter().map(|m| format!("{:?}", m.text)).collect();
            let _ = writeln!(
                s,
                "  {:<4} {:<28} {:<12} {:<8} {}",
                e.id,
                ellipsis(&e.canonical, 28),
                e.kind,
                e.actor_code.as_deref().unwrap_or("-"),
                ellipsis(&mentions.join(", "), 60)
            );
        }
    }
    if !a.quotes.is_empty() {
        let _ = writeln!(s, "\nQuotes ({}):", a.quotes.len());
        for q in &a.quotes {
            let _ = writeln!(
                s,
                "  [{}] {} ({}{}): {}",
                q.kind,
                q.speaker_text.as_deref().unwrap_or("?"),
                q.cue.as_deref().unwrap_or("-"),
                q.date
                    .as_deref()
                    .map(|d| format!(", {d}"))
                    .unwrap_or_default(),
                ellipsis(&q.text, 90)
            );
        }
    }
    if !a.events.is_empty() {
        let _ = writeln!(s, "\nEvents ({}):", a.events.len());
        for e in &a.events {
            let _ = writeln!(
                s,
                "  {:<8} {:<5} {:<8} {:>5.1}  {:<10} {}{} {:?}",
                e.source_code.as_deref().unwrap_or("-"),
                e.cameo,
                e.target_code.as_deref().unwrap_or("-"),
                e.goldstein,
                e.date.as_deref().unwrap_or("-"),
                if e.negated { "NOT " } else { "" },
                e.plover.as_deref().unwrap_or("-"),
                e.trigger
            );
        }
    }
    if !a.times.is_empty() {
        let _ = writeln!(s, "\nTimes ({}):", a.times.len());
        for t in &a.times {
            let _ = writeln!(s, "  {:<30} {}", format!("{:?}", t.text), t.value);
        }
    }
    s.push('\n');
    s
}

fn ellipsis(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n.saturating_sub(1)).chain(['…']).collect()
    }
}
