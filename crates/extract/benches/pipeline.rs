//! The whole analysis pipeline on real political news (the first 100 articles of PolNeAR's
//! train split, about 740 words each): articles per second on one core, with and without the
//! quote and event stages, so each stage's share of the time can be read off.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsgraph_core::{Document, Pipeline};

fn articles() -> Vec<String> {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/polnear/train/text"
    );
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("../shared/data/polnear/train/text")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .take(100)
        .map(|p| std::fs::read_to_string(p).expect("article"))
        .collect()
}

fn front() -> Pipeline {
    Pipeline::new()
        .with(newsgraph_text::SentenceSplitter)
        .with(newsgraph_text::Tokenizer)
        .with(newsgraph_text::Tagger::new().expect("tagger"))
        .with(newsgraph_text::ParserStage::new().expect("parser"))
        .with(newsgraph_time::TimeTagger::new())
        .with(newsgraph_actors::ActorStage::new().expect("actors"))
}

fn pipeline(c: &mut Criterion) {
    let texts = articles();
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    println!(
        "{} articles, {} words ({} words per article)",
        texts.len(),
        words,
        words / texts.len().max(1)
    );
    let without_quotes_and_events = front();
    let without_events = front().with(newsgraph_extract::QuoteExtractor::new().expect("quotes"));
    let full = front()
        .with(newsgraph_extract::QuoteExtractor::new().expect("quotes"))
        .with(newsgraph_extract::events::EventCoder::new().expect("events"));
    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Elements(texts.len() as u64));
    g.sample_size(10);
    for (name, p) in [
        ("text_time_actors", &without_quotes_and_events),
        ("plus_quotes", &without_events),
        ("full", &full),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut n = 0;
                for (i, t) in texts.iter().enumerate() {
                    let mut d = Document::from_text(format!("a{i}"), t.clone());
                    p.run(&mut d);
                    n += d.events.len() + d.quotes.len() + d.entities.len();
                }
                n
            })
        });
    }
    g.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
