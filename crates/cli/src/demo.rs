//! `newsgraph demo`: ingest the built-in demo corpus and show what was found.

use newsgraph_core::Metadata;
use newsgraph_ingest::{Cleaner, InputFormat, RawDocument, ReadOptions, RepeatIndex};

use crate::batch::{report_error, Batch};
use crate::ingest::open_store;
use crate::pipeline::{self, PipelineArgs};
use crate::{DbArg, Globals, Outcome};

/// The demo articles (see `resources/demo/README.md`).
const DEMO: &[(&str, &str)] = &[
    (
        "01-ankara-idlib-talks.txt",
        include_str!("../../../resources/demo/01-ankara-idlib-talks.txt"),
    ),
    (
        "02-security-council-yemen.txt",
        include_str!("../../../resources/demo/02-security-council-yemen.txt"),
    ),
    (
        "03-khartoum-shelling.txt",
        include_str!("../../../resources/demo/03-khartoum-shelling.txt"),
    ),
    (
        "04-kyiv-blinken.txt",
        include_str!("../../../resources/demo/04-kyiv-blinken.txt"),
    ),
    (
        "05-grossi-tehran.txt",
        include_str!("../../../resources/demo/05-grossi-tehran.txt"),
    ),
    (
        "06-mali-france-ambassador.txt",
        include_str!("../../../resources/demo/06-mali-france-ambassador.txt"),
    ),
    (
        "07-gaza-ceasefire-talks.txt",
        include_str!("../../../resources/demo/07-gaza-ceasefire-talks.txt"),
    ),
    (
        "08-wang-yi-riyadh.txt",
        include_str!("../../../resources/demo/08-wang-yi-riyadh.txt"),
    ),
    (
        "09-nato-summit-russia.txt",
        include_str!("../../../resources/demo/09-nato-summit-russia.txt"),
    ),
    (
        "10-tigray-pretoria-accord.txt",
        include_str!("../../../resources/demo/10-tigray-pretoria-accord.txt"),
    ),
    (
        "11-caracas-protests.txt",
        include_str!("../../../resources/demo/11-caracas-protests.txt"),
    ),
    (
        "12-taliban-pakistan-border.txt",
        include_str!("../../../resources/demo/12-taliban-pakistan-border.txt"),
    ),
];

/// Arguments of `demo`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    pipeline: PipelineArgs,
}

/// Runs `demo`.
pub fn run(args: Args, globals: Globals) -> anyhow::Result<Outcome> {
    let mut store = open_store(&args.db)?;
    let pipeline = pipeline::build(&args.pipeline)?;
    let batch = Batch {
        read: ReadOptions::default(),
        published: None,
        pipeline: &pipeline,
        globals,
    };
    let raws: Vec<RawDocument> = DEMO
        .iter()
        .map(|(name, text)| RawDocument {
            bytes: text.as_bytes().to_vec(),
            path: Some(format!("demo/{name}")),
            label: format!("demo/{name}"),
            format: InputFormat::Text,
            meta: Metadata::default(),
        })
        .collect();
    let mut repeats = RepeatIndex::new();
    for raw in &raws {
        repeats.observe(
            &Cleaner::group_of(raw.path.as_deref(), &raw.meta),
            &String::from_utf8_lossy(&raw.bytes),
        );
    }
    let cleaner = Cleaner::default().with_repeats(repeats);
    let (mut new, mut present, mut failed) = (0, 0, 0);
    let mut titles = Vec::new();
    for raw in raws {
        let result = batch.process(raw, &cleaner, &mut |doc| {
            let analysis = newsgraph_core::wire::Analysis::from_document(&doc);
            match store.insert(&analysis, &doc.raw, doc.meta.source.as_deref())? {
                newsgraph_store::Inserted::New => new += 1,
                newsgraph_store::Inserted::Present => present += 1,
            }
            titles.push((
                doc.meta
                    .published
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                doc.meta.title.clone().unwrap_or_default(),
                doc.entities.len(),
                doc.quotes.len(),
                doc.events.len(),
            ));
            Ok(())
        });
        if let Err((label, message)) = result {
            report_error(&label, &message);
            failed += 1;
        }
    }
    let stats = store.stats()?;
    println!("Ingested the demo corpus into {}: {new} new, {present} already present, {failed} failed.\n", args.db.db.display());
    println!(
        "{:<10}  {:>6} {:>6} {:>6}  title",
        "published", "actors", "quotes", "events"
    );
    for (date, title, e, q, ev) in &titles {
        println!("{date:<10}  {e:>6} {q:>6} {ev:>6}  {title}");
    }
    println!(
        "\nThe store now holds {} documents, {} actors, {} quotes and {} events.",
        stats.documents, stats.actors, stats.quotes, stats.events
    );
    let db = if args.db.db.as_os_str() == "newsgraph.db" {
        String::new()
    } else {
        format!(" --db {}", args.db.db.display())
    };
    println!("\nNext:");
    println!("  newsgraph stats{db}");
    println!("  newsgraph analyze path/to/article.txt        # one article, readable summary");
    println!("  newsgraph ingest path/to/articles/{db}   # your own corpus");
    Ok(Outcome { failed })
}
