//! Parser throughput on EWT dev with gold tags (tokens per second, one core), and model load.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsgraph_core::Upos;
use newsgraph_text::conllu;
use newsgraph_text::parser::{ParseScratch, ParserModel};

fn parse(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu"
    );
    let text = std::fs::read_to_string(path).expect("../shared/data/ud-english-ewt");
    let dev = conllu::read(&text).expect("dev treebank");
    let sentences: Vec<Vec<(String, String, Upos, String)>> = dev
        .iter()
        .take(500)
        .map(|s| {
            s.words
                .iter()
                .map(|w| {
                    (
                        w.form.clone(),
                        w.lemma.clone(),
                        Upos::parse(&w.upos).unwrap_or_default(),
                        w.xpos.clone(),
                    )
                })
                .collect()
        })
        .collect();
    let tokens: usize = sentences.iter().map(Vec::len).sum();
    let model = ParserModel::shipped().expect("model");
    let mut scratch = ParseScratch::new();
    let mut g = c.benchmark_group("parser");
    g.throughput(Throughput::Elements(tokens as u64));
    g.sample_size(20);
    g.bench_function("parse_ewt_dev_500_sentences", |b| {
        b.iter(|| {
            let mut roots = 0;
            for s in &sentences {
                scratch.clear();
                for (f, l, u, x) in s {
                    scratch.push(f, l, *u, x);
                }
                model.parse(&mut scratch);
                roots += scratch.head(0).is_none() as usize;
            }
            roots
        })
    });
    g.finish();
    let bytes = model.to_bytes();
    let mut g = c.benchmark_group("parser_model");
    g.sample_size(10);
    g.bench_function("load", |b| {
        b.iter(|| ParserModel::from_bytes(&bytes).map(|m| m.labels().len()))
    });
    g.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
