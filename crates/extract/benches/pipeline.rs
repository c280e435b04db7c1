//! The whole analysis pipeline on real political news (the first 100 articles of PolNeAR's
//! train split, about 630 words each): articles per second on one core, with and without the
//! quote and event stages, so each stage's share of the time can be read off.

use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsgraph_core::{Document, Pipeline, Stage};

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

/// Every stage of the pipeline, in order: text, dates, actors, then quotes and events.
fn stages() -> Vec<Box<dyn Stage>> {
    vec![
        Box::new(newsgraph_text::SentenceSplitter),
        Box::new(newsgraph_text::Tokenizer),
        Box::new(newsgraph_text::Tagger::new().expect("tagger")),
        Box::new(newsgraph_text::ParserStage::new().expect("parser")),
        Box::new(newsgraph_time::TimeTagger::new()),
        Box::new(newsgraph_actors::ActorStage::new().expect("actors")),
        Box::new(newsgraph_extract::QuoteExtractor::new().expect("quotes")),
        Box::new(newsgraph_extract::events::EventCoder::new().expect("events")),
    ]
}

/// The pipeline of the first `n` of [`stages`].
fn first_stages(n: usize) -> Pipeline {
    let mut p = Pipeline::new();
    for s in stages().into_iter().take(n) {
        p.push(s);
    }
    p
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
    stage_shares(&texts);
    let without_quotes_and_events = first_stages(6);
    let without_events = first_stages(7);
    let full = first_stages(8);
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

/// Each stage's wall-clock time over the articles (best of five rounds, stages run in
/// pipeline order on the same documents), printed as milliseconds per article and share.
fn stage_shares(texts: &[String]) {
    let stages = stages();
    let mut best = vec![Duration::MAX; stages.len()];
    for _ in 0..5 {
        let mut spent = vec![Duration::ZERO; stages.len()];
        for (i, t) in texts.iter().enumerate() {
            let mut d = Document::from_text(format!("a{i}"), t.clone());
            for (s, stage) in stages.iter().enumerate() {
                let start = Instant::now();
                stage.annotate(&mut d);
                spent[s] += start.elapsed();
            }
        }
        for (b, s) in best.iter_mut().zip(spent) {
            *b = (*b).min(s);
        }
    }
    let total: Duration = best.iter().sum();
    let per = |d: Duration| d.as_secs_f64() * 1000.0 / texts.len().max(1) as f64;
    println!("stage            ms/article  share");
    for (stage, d) in stages.iter().zip(&best) {
        println!(
            "{:<16} {:>10.3} {:>5.1} %",
            stage.name(),
            per(*d),
            100.0 * d.as_secs_f64() / total.as_secs_f64().max(1e-9)
        );
    }
    println!(
        "{:<16} {:>10.3}  ({:.1} articles/s)",
        "all",
        per(total),
        1000.0 / per(total).max(1e-9)
    );
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
