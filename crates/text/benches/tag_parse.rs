//! Tagger + lemmatizer + parser throughput on raw text (tokens per second, one core), the way
//! the pipeline runs them: sentences and tokens are prepared once, then each iteration tags and
//! parses fresh copies. Also the tagger and parser models' load times.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsgraph_core::{Document, Pipeline, Stage};
use newsgraph_text::conllu;

fn tag_parse(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu"
    );
    let text = std::fs::read_to_string(path).expect("../shared/data/ud-english-ewt");
    let dev = conllu::read(&text).expect("dev treebank");
    // 500 sentences as running text, one paragraph per 10 sentences.
    let mut raw = String::new();
    for (i, s) in dev.iter().take(500).enumerate() {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        raw.push_str(&words.join(" "));
        raw.push_str(if i % 10 == 9 { "\n\n" } else { " " });
    }
    let mut prepared = Document::from_text("bench", raw);
    Pipeline::new()
        .with(newsgraph_text::SentenceSplitter)
        .with(newsgraph_text::Tokenizer)
        .run(&mut prepared);
    let tokens = prepared.tokens.len();
    let tagger = newsgraph_text::Tagger::new().expect("shipped tagger");
    // `NEWSGRAPH_BENCH_PARSER=FILE` measures another parser model than the shipped one.
    let model = match std::env::var_os("NEWSGRAPH_BENCH_PARSER") {
        Some(path) => std::sync::Arc::new(
            newsgraph_text::parser::ParserModel::from_bytes(
                &std::fs::read(&path).expect("NEWSGRAPH_BENCH_PARSER: cannot read"),
            )
            .expect("NEWSGRAPH_BENCH_PARSER: not a parser model"),
        ),
        None => newsgraph_text::parser::ParserModel::shipped().expect("shipped parser"),
    };
    let parser = newsgraph_text::ParserStage::with_model(model.clone());
    let mut g = c.benchmark_group("tag_parse");
    g.throughput(Throughput::Elements(tokens as u64));
    g.sample_size(10);
    g.bench_function("tagger_only", |b| {
        b.iter(|| {
            let mut d = prepared.clone();
            tagger.annotate(&mut d);
            d.tokens.len()
        })
    });
    g.bench_function("tagger_and_parser", |b| {
        b.iter(|| {
            let mut d = prepared.clone();
            tagger.annotate(&mut d);
            parser.annotate(&mut d);
            d.tokens.len()
        })
    });
    g.finish();
    // Decoding the model from its bytes (what start-up pays once; `Tagger::new` caches it).
    let bytes = tagger.model().to_bytes();
    let mut g = c.benchmark_group("tagger_model");
    g.sample_size(10);
    g.bench_function("load", |b| {
        b.iter(|| newsgraph_text::tagger::TaggerModel::from_bytes(&bytes).is_ok())
    });
    g.finish();
    let bytes = model.to_bytes();
    let mut g = c.benchmark_group("parser_model");
    g.sample_size(10);
    g.bench_function("load", |b| {
        b.iter(|| newsgraph_text::parser::ParserModel::from_bytes(&bytes).is_ok())
    });
    g.finish();
}

criterion_group!(benches, tag_parse);
criterion_main!(benches);
