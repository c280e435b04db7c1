//! Scores the tagger on a TimeML directory and prints the figures and every mismatch with
//! its sentence, grouped by kind: `cargo run --release -p newsgraph-time --example
//! timeml_errors -- DIR`. The official figures come from `newsgraph eval timeml DIR`.

use std::path::{Path, PathBuf};

use newsgraph_time::timeml::{read, Score};
use newsgraph_time::TimeTagger;

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "tml") {
            out.push(p);
        }
    }
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/tempeval3/Training/TBAQ-cleaned".into());
    let mut files = Vec::new();
    collect(Path::new(&dir), &mut files);
    files.sort();
    let tagger = TimeTagger::new();
    let splitter = newsgraph_text::SentenceSplitter;
    let tokenizer = newsgraph_text::Tokenizer;
    let pos = newsgraph_text::Tagger::new().expect("shipped tagger model");
    let stages: Vec<&dyn newsgraph_core::Stage> = if std::env::var_os("WORDS_ONLY").is_some() {
        vec![&splitter]
    } else {
        vec![&splitter, &tokenizer, &pos]
    };
    let mut score = Score::default();
    for f in &files {
        let Ok(xml) = std::fs::read_to_string(f) else {
            eprintln!("{}: unreadable", f.display());
            continue;
        };
        match read(&xml) {
            Ok(doc) => score.add_after(&tagger, &stages, &doc, true),
            Err(e) => eprintln!("{}: {e}", f.display()),
        }
    }
    let (errors, counts) = score.grouped_errors();
    for m in errors {
        println!(
            "{:8} {:22} gold[{} | {}] pred[{} | {}]   ## {}",
            m.what, m.doc, m.gold.0, m.gold.1, m.predicted.0, m.predicted.1, m.context
        );
    }
    println!("{counts:?}");
    println!(
        "docs {} gold {} pred {} relaxed {:.4} strict {:.4} value {:.4}",
        score.documents,
        score.gold,
        score.predicted,
        score.f1(score.relaxed),
        score.f1(score.strict),
        score.f1(score.value)
    );
}
