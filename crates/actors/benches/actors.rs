//! Recognition + resolution throughput and knowledge-base load time.
//!
//! Corpus: the PolNeAR training articles in `../shared` (political news), first ~1 MB, one
//! document each, with their sentences split first (as in the pipeline).
//! Run: `cargo bench -p newsgraph-actors`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsgraph_actors::ActorStage;
use newsgraph_core::{Date, Document, Stage};

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/polnear/train/text"
);

fn corpus() -> Vec<Document> {
    let mut names: Vec<_> = std::fs::read_dir(CORPUS)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    names.sort();
    let mut docs = Vec::new();
    let mut total = 0;
    for p in names {
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        total += text.len();
        let mut d = Document::from_text(p.display().to_string(), text);
        d.meta.published = Date::new(2016, 10, 1);
        newsgraph_text::SentenceSplitter.annotate(&mut d);
        docs.push(d);
        if total > 1_000_000 {
            break;
        }
    }
    docs
}

fn bench(c: &mut Criterion) {
    let stage = match ActorStage::new() {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    let docs = corpus();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut g = c.benchmark_group("actors");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("recognise_and_resolve_1MB", |b| {
        b.iter(|| {
            let mut n = 0;
            for d in &docs {
                let mut d = d.clone();
                stage.annotate(&mut d);
                n += d.entities.len();
            }
            n
        })
    });
    g.finish();
    let mut g = c.benchmark_group("startup");
    g.sample_size(10);
    g.bench_function("kb_and_gazetteer_load", |b| {
        b.iter(|| ActorStage::new().map(|s| s.kb().actors.len()).unwrap_or(0))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
