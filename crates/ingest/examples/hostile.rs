//! Times the HTML reader on hostile pages of about 50 MB (deep or bogus nesting, repeated
//! `<body>` tags, endless attributes, ...): each must be read, or refused, quickly.
//!
//! `hostile [NAME...] [--mb N]` builds each named page (all by default) and prints the time and
//! what came of it; run it under `/usr/bin/time -v` for the peak memory.

use std::time::Instant;

use newsgraph_core::Metadata;
use newsgraph_ingest::{build_document, Cleaner, InputFormat, RawDocument};

/// The hostile pages: a name and the unit repeated to fill the page.
const PAGES: &[(&str, &str)] = &[
    ("div-open", "<div>"),
    ("div-bogus-close", "<div></x>"),
    ("div-slash", "<div/>"),
    ("p-open", "<p>x"),
    ("b-open", "<b>"),
    ("a-open", "<a href=x>"),
    ("b-i-misnested", "<b><i>x</b></i>"),
    ("table-open", "<table>"),
    ("li-open", "<li>"),
    ("option-open", "<option>"),
    ("td-stray", "<td>x"),
    ("flat-div", "<div>x</div>"),
    ("body-attrs", "<body a{n}=1>"),
    ("one-tag-attrs", " a{n}"),
    ("entities", "&amp;&#x41;&nbsp"),
    ("comment-open", "<!--"),
    ("svg-nest", "<svg><g>"),
    ("text", "All work and no play. "),
];

fn page(unit: &str, bytes: usize, name: &str) -> String {
    let mut out = String::with_capacity(bytes + 64);
    if name == "one-tag-attrs" {
        out.push_str("<div");
    }
    let mut n = 0u64;
    while out.len() < bytes {
        if unit.contains("{n}") {
            out.push_str(&unit.replace("{n}", &n.to_string()));
        } else {
            out.push_str(unit);
        }
        n += 1;
    }
    if name == "one-tag-attrs" {
        out.push_str("><p>The end of a long tag, and some text.</p>");
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut mb = 50usize;
    let mut names = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--mb" {
            mb = it.next().and_then(|v| v.parse().ok()).unwrap_or(50);
        } else {
            names.push(a.as_str());
        }
    }
    let cleaner = Cleaner::default();
    for (name, unit) in PAGES {
        if !names.is_empty() && !names.contains(name) {
            continue;
        }
        let bytes = page(unit, mb * 1_000_000, name).into_bytes();
        let len = bytes.len();
        let start = Instant::now();
        let raw = RawDocument {
            bytes,
            path: None,
            label: name.to_string(),
            format: InputFormat::Html,
            meta: Metadata::default(),
        };
        let outcome = match build_document(raw, &cleaner) {
            Ok(doc) => format!("built, {} bytes of text", doc.text.len()),
            Err(e) => format!("refused: {}", e.message),
        };
        println!(
            "{name:16} {:>6.1} MB {:>8.2} s  {outcome}",
            len as f64 / 1e6,
            start.elapsed().as_secs_f64()
        );
    }
}
