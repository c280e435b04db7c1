//! Lists what the tagger and lemmatizer get wrong on a treebank file: the most frequent UPOS
//! confusions and lemma errors, with counts.
//!
//! `cargo run --release -p newsgraph-text --example tag_errors -- FILE.conllu [TAGGER.bin] [N]`

use std::collections::BTreeMap;
use std::sync::Arc;

use newsgraph_core::Stage;
use newsgraph_text::tagger::TaggerModel;
use newsgraph_text::ud_eval::gold_document;
use newsgraph_text::{conllu, Tagger};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        return Err("usage: tag_errors FILE.conllu [TAGGER.bin] [N]".into());
    };
    let tagger = match args.get(1).filter(|a| !a.is_empty() && *a != "-") {
        Some(m) => Tagger::with_model(Arc::new(TaggerModel::from_bytes(&std::fs::read(m)?)?)),
        None => Tagger::new()?,
    };
    let top: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(40);
    let gold = conllu::read(&std::fs::read_to_string(path)?)?;
    let mut upos: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut xpos: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut lemmas: BTreeMap<(String, String, String, String), usize> = BTreeMap::new();
    let mut lemma_right_tag: usize = 0;
    let mut words = 0usize;
    for s in &gold {
        let mut doc = gold_document(s);
        tagger.annotate(&mut doc);
        for (w, t) in s.words.iter().zip(&doc.tokens) {
            words += 1;
            if t.upos.as_str() != w.upos {
                *upos
                    .entry((w.upos.clone(), t.upos.as_str().to_string()))
                    .or_default() += 1;
            }
            if t.xpos != w.xpos {
                *xpos.entry((w.xpos.clone(), t.xpos.clone())).or_default() += 1;
            }
            if t.lemma != w.lemma {
                if t.xpos == w.xpos {
                    lemma_right_tag += 1;
                }
                *lemmas
                    .entry((
                        w.form.clone(),
                        t.xpos.clone(),
                        w.lemma.clone(),
                        t.lemma.clone(),
                    ))
                    .or_default() += 1;
            }
        }
    }
    let show = |title: &str, rows: Vec<(String, usize)>| {
        let total: usize = rows.iter().map(|r| r.1).sum();
        println!("== {title}: {total} errors in {words} words");
        let mut rows = rows;
        rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        for (k, n) in rows.into_iter().take(top) {
            println!("{n:6}  {k}");
        }
    };
    show(
        "UPOS gold -> predicted",
        upos.into_iter()
            .map(|((g, p), n)| (format!("{g} -> {p}"), n))
            .collect(),
    );
    show(
        "XPOS gold -> predicted",
        xpos.into_iter()
            .map(|((g, p), n)| (format!("{g} -> {p}"), n))
            .collect(),
    );
    println!("lemma errors with the right XPOS: {lemma_right_tag}");
    show(
        "lemma: form/predicted XPOS gold -> predicted",
        lemmas
            .into_iter()
            .map(|((f, x, g, p), n)| (format!("{f}/{x} {g} -> {p}"), n))
            .collect(),
    );
    Ok(())
}
