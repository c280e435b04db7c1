//! Generates a synthetic store for load and query benchmarks: N documents about a pool of
//! actors, each with a few quotes and about ten events, a share of which repeat across articles
//! (so deduplication and mention counts are exercised as in real news).
//!
//! ```sh
//! cargo run --release -p newsgraph-store --example generate -- --db /tmp/big.db --documents 100000
//! ```
//!
//! Deterministic: the same flags give the same store. Goes through `Store::insert` with the
//! batching `newsgraph ingest` uses (`--batch 1` for a transaction per document), and prints
//! throughput at the end.

use std::path::PathBuf;
use std::time::Instant;

use newsgraph_core::wire::{Analysis, WireDocument, WireEntity, WireEvent, WireMention, WireQuote};
use newsgraph_store::Store;

const COUNTRIES: &[&str] = &[
    "AFG", "ARE", "ARM", "AZE", "BLR", "BRA", "CHN", "COD", "DEU", "EGY", "ETH", "FRA", "GBR",
    "IND", "IRN", "IRQ", "ISR", "JOR", "JPN", "KEN", "KOR", "LBN", "LBY", "MLI", "NER", "NGA",
    "PAK", "PRK", "PSE", "QAT", "RUS", "SAU", "SDN", "SOM", "SSD", "SYR", "TUR", "UKR", "USA",
    "VEN", "YEM", "ZAF",
];
const ROLES: &[&str] = &[
    "GOV", "MIL", "OPP", "REB", "JUD", "LEG", "CVL", "MED", "BUS", "COP",
];
const CODES: &[(&str, u8, f32)] = &[
    ("010", 1, 0.0),
    ("020", 1, 3.0),
    ("036", 1, 4.0),
    ("040", 1, 1.0),
    ("042", 1, 1.9),
    ("043", 1, 2.8),
    ("057", 1, 8.0),
    ("061", 2, 6.4),
    ("070", 2, 7.0),
    ("0874", 2, 10.0),
    ("111", 3, -2.0),
    ("112", 3, -2.0),
    ("120", 3, -4.0),
    ("130", 3, -4.4),
    ("141", 3, -6.5),
    ("163", 4, -8.0),
    ("173", 4, -5.0),
    ("190", 4, -10.0),
    ("193", 4, -10.0),
    ("195", 4, -10.0),
];
const WORDS: &[&str] = &[
    "talks",
    "ceasefire",
    "minister",
    "border",
    "offensive",
    "sanctions",
    "envoy",
    "summit",
    "rebels",
    "capital",
    "agreement",
    "shelling",
    "delegation",
    "statement",
    "negotiations",
    "forces",
    "province",
    "humanitarian",
    "aid",
    "convoy",
    "parliament",
    "election",
    "protest",
];

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

struct Opts {
    db: PathBuf,
    documents: usize,
    events_per_doc: usize,
    seed: u64,
    batch: usize,
}

fn parse_args() -> Result<Opts, String> {
    let mut o = Opts {
        db: PathBuf::from("generated.db"),
        documents: 100_000,
        events_per_doc: 10,
        seed: 1,
        batch: newsgraph_store::BATCH_DOCUMENTS,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--db" => o.db = PathBuf::from(val()?),
            "--documents" => {
                o.documents = val()?.parse().map_err(|e| format!("--documents: {e}"))?
            }
            "--events-per-doc" => {
                o.events_per_doc = val()?
                    .parse()
                    .map_err(|e| format!("--events-per-doc: {e}"))?
            }
            "--seed" => o.seed = val()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--batch" => o.batch = val()?.parse().map_err(|e| format!("--batch: {e}"))?,
            other => {
                return Err(format!(
                "unknown option {other}; use --db, --documents, --events-per-doc, --seed, --batch"
            ))
            }
        }
    }
    Ok(o)
}

fn actor(rng: &mut Rng) -> (String, String, String) {
    let country = COUNTRIES[rng.below(COUNTRIES.len())];
    // Governments dominate news; other roles are rarer.
    let role = if rng.below(3) == 0 {
        ROLES[rng.below(ROLES.len())]
    } else {
        "GOV"
    };
    let name = format!("{country} {role} actor {}", rng.below(4));
    (name, format!("{country}{role}"), country.to_string())
}

fn day(rng: &mut Rng) -> String {
    let y = 2010 + rng.below(16);
    let m = 1 + rng.below(12);
    let d = 1 + rng.below(28);
    format!("{y:04}-{m:02}-{d:02}")
}

fn document(i: usize, rng: &mut Rng, events_per_doc: usize) -> Analysis {
    let published = day(rng);
    let mut text = String::new();
    for w in 0..150 {
        if w > 0 {
            text.push(if w % 15 == 0 { '.' } else { ' ' });
            if w % 15 == 0 {
                text.push(' ');
            }
        }
        text.push_str(WORDS[rng.below(WORDS.len())]);
    }
    text.push('.');
    let n_actors = 4;
    let entities: Vec<WireEntity> = (0..n_actors)
        .map(|k| {
            let (canonical, code, country) = actor(rng);
            let start = rng.below(text.len().saturating_sub(10).max(1));
            WireEntity {
                id: format!("e{}", k + 1),
                canonical,
                kind: "organization".into(),
                actor_code: Some(code),
                country: Some(country),
                wikidata: None,
                place: None,
                mentions: vec![WireMention {
                    start,
                    end: start + 5,
                    text: text[start..start + 5].to_string(),
                    via: "name".into(),
                }],
            }
        })
        .collect();
    let events = (0..events_per_doc)
        .map(|_| {
            let (cameo, quad, goldstein) = CODES[rng.below(CODES.len())];
            let s = rng.below(n_actors);
            let t = (s + 1 + rng.below(n_actors - 1)) % n_actors;
            // Most events happen on the publication day or the day before, as in news.
            let date = if rng.below(4) == 0 {
                day(rng)
            } else {
                published.clone()
            };
            WireEvent {
                source: Some(format!("e{}", s + 1)),
                target: Some(format!("e{}", t + 1)),
                source_code: entities[s].actor_code.clone(),
                target_code: entities[t].actor_code.clone(),
                cameo: cameo.into(),
                root: cameo[..2].into(),
                quad_class: quad,
                goldstein,
                plover: None,
                date: Some(date),
                place: None,
                negated: false,
                trigger: "talks".into(),
                start: 0,
                end: 5,
                sentence: rng.below(10),
                sentence_text: text[..80.min(text.len())].to_string(),
                confidence: 0.8,
            }
        })
        .collect();
    let quotes = vec![WireQuote {
        speaker: Some("e1".into()),
        speaker_text: Some(entities[0].canonical.clone()),
        text: text[..60.min(text.len())].to_string(),
        kind: "direct".into(),
        cue: Some("said".into()),
        start: 0,
        end: 60.min(text.len()),
        date: Some(published.clone()),
    }];
    Analysis {
        schema: "newsgraph.analysis/1".into(),
        document: WireDocument {
            id: format!("gen{i:08}"),
            path: None,
            url: Some(format!("https://news.example/{i}")),
            title: Some(format!("Generated report {i}")),
            byline: None,
            outlet: Some(format!("outlet{}", rng.below(50))),
            published: Some(published),
            text,
            dropped: vec![],
        },
        entities,
        quotes,
        events,
        times: vec![],
    }
}

fn main() {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("generate: {e}");
            std::process::exit(2);
        }
    };
    let mut store = match Store::open(&opts.db) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("generate: {e}");
            std::process::exit(2);
        }
    };
    store.batch_writes(opts.batch, newsgraph_store::BATCH_AGE);
    let mut rng = Rng(opts.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let start = Instant::now();
    for i in 0..opts.documents {
        let a = document(i, &mut rng, opts.events_per_doc);
        if let Err(e) = store.insert(&a, &a.document.text, a.document.outlet.as_deref()) {
            eprintln!("generate: document {i}: {e}");
            std::process::exit(1);
        }
        if (i + 1) % 10_000 == 0 {
            eprintln!(
                "generate: {} documents, {:.0} per second",
                i + 1,
                (i + 1) as f64 / start.elapsed().as_secs_f64()
            );
        }
    }
    if let Err(e) = store.flush() {
        eprintln!("generate: {e}");
        std::process::exit(1);
    }
    let secs = start.elapsed().as_secs_f64();
    match store.stats() {
        Ok(s) => println!(
            "generated {} documents, {} events ({} mentions), {} actors in {secs:.1} s ({:.0} documents/s) into {}",
            s.documents,
            s.events,
            s.event_mentions,
            s.actors,
            opts.documents as f64 / secs,
            opts.db.display()
        ),
        Err(e) => eprintln!("generate: {e}"),
    }
}
