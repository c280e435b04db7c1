//! Throughput of the time tagger on news text: the five seed articles and the TimeBank
//! texts, sentence-split beforehand, tagged against a publication date.
//!
//! `cargo bench -p newsgraph-time` reports bytes per second.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsgraph_core::{Date, Document, Span, Stage};
use newsgraph_time::TimeTagger;

fn corpus() -> String {
    let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");
    let mut text = String::new();
    let mut files: Vec<_> = std::fs::read_dir(format!("{shared}/corpus/seeds"))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    for sub in ["TimeBank", "AQUAINT"] {
        let dir = format!("{shared}/data/tempeval3/Training/TBAQ-cleaned/{sub}");
        if let Ok(d) = std::fs::read_dir(dir) {
            files.extend(d.flatten().map(|e| e.path()));
        }
    }
    files.sort();
    for f in files {
        let Ok(raw) = std::fs::read_to_string(&f) else {
            continue;
        };
        if f.extension().is_some_and(|e| e == "tml") {
            if let Ok(doc) = newsgraph_time::timeml::read(&raw) {
                text.push_str(&doc.text);
            }
        } else {
            text.push_str(&raw);
        }
        text.push_str("\n\n");
    }
    text
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let mut doc = Document::from_text("bench", text);
    newsgraph_text::SentenceSplitter.annotate(&mut doc);
    let units: Vec<Span> = doc.sentences.iter().map(|s| s.span).collect();
    let dct = Date::new(2014, 11, 27);
    let tagger = TimeTagger::new();
    let mut group = c.benchmark_group("time");
    group.throughput(Throughput::Bytes(doc.text.len() as u64));
    group.sample_size(20);
    group.bench_function("tag", |b| {
        b.iter(|| tagger.tag(&doc.text, dct, &units, &doc.tokens).len())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
