//! Streaming check for the WARC reader: writes a large crawl made of the HTML extraction
//! benchmark pages repeated, and reads a crawl back record by record, building every document.
//!
//! ```text
//! warc_stream write OUT.warc[.gz] GIGABYTES   # one response record per page, repeated
//! warc_stream read  IN.warc[.gz]              # read and build every record, print counts
//! ```
//!
//! `scripts/warc-memory.sh` runs both under `/usr/bin/time -v` and deletes the crawl after.

use std::io::{BufWriter, Write};
use std::time::Instant;

use newsgraph_ingest::{build_document, gunzip_limited, open, Cleaner, Input, ReadOptions};

fn pages() -> Result<Vec<Vec<u8>>, Box<dyn std::error::Error>> {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/html-extraction/html"
    );
    let mut files: Vec<_> = std::fs::read_dir(dir)?
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        out.push(gunzip_limited(&std::fs::read(&f)?, 64 << 20)?);
    }
    if out.is_empty() {
        return Err(format!("no pages in {dir}").into());
    }
    Ok(out)
}

fn record(n: u64, page: &[u8]) -> Vec<u8> {
    let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
    http.extend_from_slice(page);
    let mut rec = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{n:032x}>\r\n\
         WARC-Target-URI: https://news.example/{n}\r\nWARC-Date: 2020-01-01T00:00:00Z\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    rec.extend_from_slice(&http);
    rec.extend_from_slice(b"\r\n\r\n");
    rec
}

fn write(path: &str, gigabytes: f64) -> Result<(), Box<dyn std::error::Error>> {
    let pages = pages()?;
    let target = (gigabytes * 1e9) as u64;
    let gz = path.ends_with(".gz");
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    let (mut written, mut n) = (0u64, 0u64);
    while written < target {
        let rec = record(n, &pages[(n % pages.len() as u64) as usize]);
        written += rec.len() as u64;
        if gz {
            // One gzip member per record, as crawls are published.
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(&rec)?;
            out.write_all(&e.finish()?)?;
        } else {
            out.write_all(&rec)?;
        }
        n += 1;
    }
    out.flush()?;
    println!("wrote {path}: {n} records, {written} bytes of WARC");
    Ok(())
}

fn read(path: &str) -> Result<(), Box<dyn std::error::Error>> {
    let start = Instant::now();
    let cleaner = Cleaner::default();
    let records = open(&Input::File(path.into()), &ReadOptions::default())?;
    let (mut docs, mut failed, mut bytes, mut text) = (0u64, 0u64, 0u64, 0u64);
    for raw in records {
        match raw {
            Ok(raw) => {
                bytes += raw.bytes.len() as u64;
                match build_document(raw, &cleaner) {
                    Ok(doc) => {
                        docs += 1;
                        text += doc.text.len() as u64;
                    }
                    Err(e) => {
                        failed += 1;
                        eprintln!("{e}");
                    }
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!("{e}");
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "read {path}: {docs} documents, {failed} failed, {bytes} payload bytes, {text} bytes of \
         clean text in {secs:.1} s ({:.1} MB/s of payload)",
        bytes as f64 / 1e6 / secs
    );
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["write", path, gb] => write(path, gb.parse()?),
        ["read", path] => read(path),
        _ => Err("usage: warc_stream write OUT.warc[.gz] GIGABYTES | read IN.warc[.gz]".into()),
    }
}
