//! Throughput of the readers on the 91 pages of the HTML extraction benchmark
//! (`../shared/data/html-extraction/html/*.html.gz`, decompressed before timing).
//!
//! * `html/build`: decoding and main-content extraction of every page, as `build_document`
//!   does for an `.html` file;
//! * `warc/records`: the WARC reader alone over a crawl made of the same pages (one
//!   `response` record each), records split and HTTP headers stripped;
//! * `warc/build`: the same crawl read and every record built into a document.
//!
//! `cargo bench -p newsgraph-ingest --bench readers` reports bytes per second (input bytes).

use std::io::Cursor;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsgraph_core::Metadata;
use newsgraph_ingest::{
    build_document, gunzip_limited, open_reader, Cleaner, InputFormat, RawDocument, ReadOptions,
};

fn pages() -> Vec<Vec<u8>> {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/html-extraction/html"
    );
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
        .iter()
        .filter_map(|f| std::fs::read(f).ok())
        .filter_map(|gz| gunzip_limited(&gz, 64 << 20).ok())
        .collect()
}

/// One WARC `response` record holding `page` as an HTTP 200 HTML payload.
fn warc_record(i: usize, page: &[u8]) -> Vec<u8> {
    let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
    http.extend_from_slice(page);
    let mut rec = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/{i}\r\n\
         WARC-Date: 2020-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n\
         Content-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    rec.extend_from_slice(&http);
    rec.extend_from_slice(b"\r\n\r\n");
    rec
}

fn bench(c: &mut Criterion) {
    let pages = pages();
    assert!(!pages.is_empty(), "benchmark pages not found");
    let total: usize = pages.iter().map(Vec::len).sum();
    let cleaner = Cleaner::default();

    let mut g = c.benchmark_group("html");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("build", |b| {
        b.iter(|| {
            let mut words = 0;
            for (i, p) in pages.iter().enumerate() {
                let raw = RawDocument {
                    bytes: p.clone(),
                    path: None,
                    label: format!("page{i}"),
                    format: InputFormat::Html,
                    meta: Metadata::default(),
                };
                if let Ok(doc) = build_document(raw, &cleaner) {
                    words += doc.text.len();
                }
            }
            words
        })
    });
    g.finish();

    let warc: Vec<u8> = pages
        .iter()
        .enumerate()
        .flat_map(|(i, p)| warc_record(i, p))
        .collect();
    let opts = ReadOptions::default();
    let open = || {
        open_reader(
            Box::new(Cursor::new(warc.clone())),
            "bench.warc".into(),
            None,
            None,
            &opts,
        )
        .expect("the crawl opens")
    };
    let mut g = c.benchmark_group("warc");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(warc.len() as u64));
    g.bench_function("records", |b| {
        b.iter(|| {
            open()
                .filter_map(Result::ok)
                .map(|r| r.bytes.len())
                .sum::<usize>()
        })
    });
    g.bench_function("build", |b| {
        b.iter(|| {
            open()
                .filter_map(Result::ok)
                .filter_map(|r| build_document(r, &cleaner).ok())
                .count()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
