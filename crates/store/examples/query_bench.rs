//! Times the store's common queries on a (generated) store: actor + date-range events,
//! actor timelines, code filters, actor detail and the network, each run repeatedly for several
//! actors, reporting median, 95th percentile and maximum in milliseconds.
//!
//! ```sh
//! cargo run --release -p newsgraph-store --example generate -- --db /tmp/big.db
//! cargo run --release -p newsgraph-store --example query_bench -- /tmp/big.db
//! ```

use std::time::Instant;

use newsgraph_store::query::{ActorFilter, Bucket, EventFilter, GraphFilter, TimelineFilter};
use newsgraph_store::Store;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("query_bench: give the store's path");
        std::process::exit(2);
    };
    let store = match Store::open_read_only(path.as_ref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("query_bench: {e}");
            std::process::exit(2);
        }
    };
    let actors = match store.actors(&ActorFilter {
        limit: 200,
        ..Default::default()
    }) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("query_bench: {e}");
            std::process::exit(1);
        }
    };
    // The busiest, a middling and a rare actor, by name and by code.
    let picks: Vec<String> = [0, actors.len() / 2, actors.len().saturating_sub(1)]
        .iter()
        .filter_map(|&i| actors.get(i).map(|a| a.canonical.clone()))
        .collect();
    let file_size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    if let Ok(s) = store.stats() {
        println!(
            "store: {} documents, {} events, {} actors, {:.0} MB",
            s.documents,
            s.events,
            s.actors,
            file_size as f64 / 1e6
        );
    }
    println!(
        "{:<44} {:>8} {:>8} {:>8} {:>7}",
        "query", "p50 ms", "p95 ms", "max ms", "rows"
    );
    let time = |name: &str, f: &mut dyn FnMut() -> usize| {
        let mut ms = Vec::new();
        let mut rows = 0;
        for _ in 0..30 {
            let t = Instant::now();
            rows = f();
            ms.push(t.elapsed().as_secs_f64() * 1e3);
        }
        ms.sort_by(|a, b| a.total_cmp(b));
        let p = |q: f64| ms[((ms.len() - 1) as f64 * q).round() as usize];
        println!(
            "{name:<44} {:>8.2} {:>8.2} {:>8.2} {rows:>7}",
            p(0.5),
            p(0.95),
            p(1.0)
        );
    };
    for a in &picks {
        let short: String = a.chars().take(18).collect();
        time(&format!("events --actor '{short}' 2014..2015"), &mut || {
            store
                .events(&EventFilter {
                    actor: Some(a.clone()),
                    since: Some("2014".into()),
                    until: Some("2015".into()),
                    ..Default::default()
                })
                .map(|r| r.len())
                .unwrap_or(0)
        });
        time(
            &format!("timeline --actor '{short}' --by month"),
            &mut || {
                store
                    .timeline(&TimelineFilter {
                        actor: Some(a.clone()),
                        by: Bucket::Month,
                        ..Default::default()
                    })
                    .map(|r| r.len())
                    .unwrap_or(0)
            },
        );
        time(&format!("actor '{short}' (detail)"), &mut || {
            store
                .resolve_actor(a)
                .ok()
                .and_then(|ids| store.actor_detail(ids[0], 20).ok().flatten())
                .map(|d| d.events_as_source.len())
                .unwrap_or(0)
        });
    }
    time("events --code 19 --since 2020-06", &mut || {
        store
            .events(&EventFilter {
                code: Some("19".into()),
                since: Some("2020-06".into()),
                until: Some("2020-06".into()),
                ..Default::default()
            })
            .map(|r| r.len())
            .unwrap_or(0)
    });
    time("timeline (all) --by week 2014", &mut || {
        store
            .timeline(&TimelineFilter {
                since: Some("2014".into()),
                until: Some("2014".into()),
                by: Bucket::Week,
                ..Default::default()
            })
            .map(|r| r.len())
            .unwrap_or(0)
    });
    time("graph 2014-11", &mut || {
        store
            .graph(&GraphFilter {
                since: Some("2014-11".into()),
                until: Some("2014-11".into()),
                ..Default::default()
            })
            .map(|g| g.edges.len())
            .unwrap_or(0)
    });
}
