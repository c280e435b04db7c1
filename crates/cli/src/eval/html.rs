//! `newsgraph eval html DIR`: article-body extraction on a page benchmark.
//!
//! DIR holds `html/<key>.html.gz` and `ground-truth.json` (`{key: {"articleBody": ..., "url":
//! ...}}`). Scoring follows the benchmark's own method: each text is cut into words (runs of
//! letters, digits and `_`, lowercased), words into overlapping 4-word shingles counted as a
//! multiset; per page, true positives, false positives and false negatives are normalised to
//! sum to one; precision is averaged over the pages that predicted anything, recall over the
//! pages that have a true body, and F1 is computed from the two averages. `date_found` is the
//! share of pages for which a publication date was found.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use anyhow::Context;
use newsgraph_ingest::{decode_html, gunzip_limited, html};

use super::{EvalFormat, Report};
use crate::{Globals, Outcome};

/// Arguments of `newsgraph eval html`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Benchmark directory (with `html/*.html.gz` and `ground-truth.json`).
    dir: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
    format: EvalFormat,
    /// Show a per-page table (worst pages first) under the figures.
    #[arg(long)]
    pages: bool,
}

#[derive(serde::Deserialize)]
struct Truth {
    #[serde(rename = "articleBody", default)]
    body: String,
    #[serde(default)]
    url: String,
}

/// Word tokens: runs of alphanumeric characters or `_`, lowercased.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn shingles(text: &str) -> HashMap<Vec<String>, usize> {
    let w = words(text);
    let mut out = HashMap::new();
    if w.is_empty() {
        return out;
    }
    let n = 4.min(w.len());
    for i in 0..=(w.len() - n) {
        *out.entry(w[i..i + n].to_vec()).or_insert(0) += 1;
    }
    out
}

/// Normalised (tp, fp, fn) of one page.
pub fn shingle_match(truth: &str, pred: &str) -> (f64, f64, f64) {
    let t = shingles(truth);
    let p = shingles(pred);
    let (mut tp, mut fp, mut fnn) = (0usize, 0usize, 0usize);
    for (k, &tc) in &t {
        let pc = p.get(k).copied().unwrap_or(0);
        tp += tc.min(pc);
        fnn += tc.saturating_sub(pc);
    }
    for (k, &pc) in &p {
        fp += pc.saturating_sub(t.get(k).copied().unwrap_or(0));
    }
    let s = (tp + fp + fnn) as f64;
    if s == 0.0 {
        return (0.0, 0.0, 0.0);
    }
    (tp as f64 / s, fp as f64 / s, fnn as f64 / s)
}

fn precision(tp: f64, fp: f64, fnn: f64) -> f64 {
    if fp == 0.0 && fnn == 0.0 {
        1.0
    } else if tp == 0.0 && fp == 0.0 {
        0.0
    } else {
        tp / (tp + fp)
    }
}

fn recall(tp: f64, fp: f64, fnn: f64) -> f64 {
    if fp == 0.0 && fnn == 0.0 {
        1.0
    } else if tp == 0.0 && fnn == 0.0 {
        0.0
    } else {
        tp / (tp + fnn)
    }
}

fn mean(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        0.0
    } else {
        xs.iter().sum::<f64>() / xs.len() as f64
    }
}

/// Runs the evaluation.
pub fn run(args: Args, _globals: Globals) -> anyhow::Result<Outcome> {
    let gt_path = args.dir.join("ground-truth.json");
    let text = std::fs::read_to_string(&gt_path)
        .with_context(|| format!("cannot read {}", gt_path.display()))?;
    let truth: BTreeMap<String, Truth> = serde_json::from_str(&text)
        .with_context(|| format!("{}: not a benchmark ground truth", gt_path.display()))?;
    let mut scores = Vec::new();
    let mut rows = Vec::new();
    let mut dated = 0usize;
    let mut failed = 0usize;
    for (key, t) in &truth {
        let path = args.dir.join("html").join(format!("{key}.html.gz"));
        let extracted = std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|gz| gunzip_limited(&gz, 64 << 20).map_err(|e| e.to_string()))
            .and_then(|bytes| decode_html(&bytes, None))
            .and_then(|(page, _)| html::extract(&page).map_err(|e| e.to_string()));
        let (pred, date) = match extracted {
            Ok(x) => (x.text, x.meta.published),
            Err(e) => {
                eprintln!("newsgraph: {}: {e}", path.display());
                failed += 1;
                (String::new(), None)
            }
        };
        if date.is_some() {
            dated += 1;
        }
        let m = shingle_match(&t.body, &pred);
        let (p, r) = (precision(m.0, m.1, m.2), recall(m.0, m.1, m.2));
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        rows.push((
            f,
            vec![
                key[..8.min(key.len())].to_string(),
                format!("{p:.3}"),
                format!("{r:.3}"),
                format!("{f:.3}"),
                date.map_or("-".to_string(), |d| d.to_string()),
                t.url.chars().take(70).collect(),
            ],
        ));
        scores.push(m);
    }
    let ps: Vec<f64> = scores
        .iter()
        .filter(|(tp, fp, _)| tp + fp > 0.0)
        .map(|&(tp, fp, fnn)| precision(tp, fp, fnn))
        .collect();
    let rs: Vec<f64> = scores
        .iter()
        .filter(|(tp, _, fnn)| tp + fnn > 0.0)
        .map(|&(tp, fp, fnn)| recall(tp, fp, fnn))
        .collect();
    let (p, r) = (mean(&ps), mean(&rs));
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    let mut report = Report::new(format!(
        "HTML article extraction on {} ({} pages)",
        args.dir.display(),
        truth.len()
    ));
    report
        .count("pages", truth.len())
        .count("failed", failed)
        .fraction("precision", p)
        .fraction("recall", r)
        .fraction("f1", f1)
        .ratio("date_found", dated, truth.len());
    if args.pages {
        rows.sort_by(|a, b| a.0.total_cmp(&b.0));
        report.detail(
            &["page", "precision", "recall", "f1", "published", "url"],
            rows.into_iter().map(|(_, r)| r).collect(),
        );
    }
    report.print(args.format)?;
    Ok(Outcome { failed })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingle_scores() {
        let t = "One two three four five six.";
        assert_eq!(shingle_match(t, t), (1.0, 0.0, 0.0));
        let (tp, fp, fnn) = shingle_match(t, "one two three four");
        assert!(tp > 0.0 && fp == 0.0 && fnn > 0.0);
        assert_eq!(shingle_match(t, ""), (0.0, 0.0, 1.0));
        assert_eq!(words("It's 3-D_x"), ["it", "s", "3", "d_x"]);
    }
}
