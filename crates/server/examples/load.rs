//! A bounded load test of the API on loopback: the server runs in this process on a free
//! loopback port over a store given on the command line; 20 clients (by default) send a fixed
//! number of requests over a mix of list and filter endpoints, stopping early at a time limit.
//! Prints per-endpoint and overall latency percentiles and the process's resident memory
//! before, at its peak, after, and by quarter of the run (flat once the connections' caches
//! are warm).
//!
//! ```sh
//! cargo run --release -p newsgraph-server --example load -- STORE.db [--clients 20] [--requests 4000] [--seconds 120]
//! ```

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use newsgraph_server::{router, AppState, Config};

fn rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn arg(args: &[String], name: &str, default: u64) -> u64 {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

type Http = Client<hyper_util::client::legacy::connect::HttpConnector, Empty<hyper::body::Bytes>>;

async fn fetch(client: &Http, url: &str) -> Result<(u16, Vec<u8>), String> {
    let uri: hyper::Uri = url.parse().map_err(|e| format!("{url}: {e}"))?;
    let res = client.get(uri).await.map_err(|e| format!("{url}: {e}"))?;
    let status = res.status().as_u16();
    let body = res
        .into_body()
        .collect()
        .await
        .map_err(|e| format!("{url}: {e}"))?
        .to_bytes();
    Ok((status, body.to_vec()))
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(db) = args.first().filter(|a| !a.starts_with("--")) else {
        eprintln!("usage: load STORE.db [--clients 20] [--requests 4000] [--seconds 120]");
        std::process::exit(2);
    };
    let clients = arg(&args, "--clients", 20) as usize;
    let requests = arg(&args, "--requests", 4000) as usize;
    let seconds = arg(&args, "--seconds", 120);
    let config = Config {
        db: db.into(),
        addr: "127.0.0.1:0".parse().expect("address"),
        public: false,
        connections: clients.min(32),
        ingest: None,
        cameo_names: BTreeMap::new(),
        roles: BTreeMap::new(),
    };
    let state = match AppState::open(&config) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("load: {e}");
            std::process::exit(2);
        }
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    tokio::spawn(async move {
        let _ = axum::serve(listener, router(state)).await;
    });
    let client: Http = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(clients)
        .build_http();

    // Filters from the store itself: its most mentioned actors and its date range.
    let stats: serde_json::Value = serde_json::from_slice(
        &fetch(&client, &format!("{base}/api/v1/stats"))
            .await
            .expect("stats")
            .1,
    )
    .expect("stats JSON");
    let actors: serde_json::Value = serde_json::from_slice(
        &fetch(&client, &format!("{base}/api/v1/actors?limit=5"))
            .await
            .expect("actors")
            .1,
    )
    .expect("actors JSON");
    let ids: Vec<i64> = actors["items"]
        .as_array()
        .map(|a| a.iter().filter_map(|x| x["id"].as_i64()).collect())
        .unwrap_or_default();
    let last = stats["last_published"].as_str().unwrap_or("2024-12-31");
    let month = last.get(..7).unwrap_or("2024-12").to_string();
    let mut mix: Vec<(&str, String)> = vec![
        ("documents", "/api/v1/documents?limit=50".into()),
        (
            "documents?since",
            format!("/api/v1/documents?since={month}&limit=50"),
        ),
        ("events", "/api/v1/events?limit=100".into()),
        ("events?code", "/api/v1/events?code=04&limit=100".into()),
        (
            "events?quad&since",
            format!("/api/v1/events?quad=4&since={month}&limit=100"),
        ),
        (
            "events?offset",
            "/api/v1/events?limit=100&offset=1000".into(),
        ),
        ("actors", "/api/v1/actors?limit=50".into()),
        ("quotes", "/api/v1/quotes?limit=100".into()),
        ("stories", "/api/v1/stories?limit=50".into()),
        (
            "graph?since",
            format!("/api/v1/graph?since={month}&limit=200"),
        ),
        ("search", "/api/v1/search?q=talks&limit=50".into()),
    ];
    if let Some(a) = ids.first() {
        mix.push((
            "events?actor",
            format!("/api/v1/events?actor={a}&limit=100"),
        ));
        mix.push((
            "quotes?speaker",
            format!("/api/v1/quotes?speaker={a}&limit=100"),
        ));
        mix.push((
            "documents?actor",
            format!("/api/v1/documents?actor={a}&limit=50"),
        ));
        mix.push((
            "timeline?actor",
            format!("/api/v1/timeline?actor={a}&by=month"),
        ));
        mix.push(("actor", format!("/api/v1/actors/{a}?limit=20")));
        if let Some(b) = ids.get(1) {
            mix.push((
                "events?source&target",
                format!("/api/v1/events?source={a}&target={b}&limit=100"),
            ));
        }
    }
    println!(
        "store {db}: {} documents, {} actors, {} events; {clients} clients, {requests} requests, {seconds} s limit, {} endpoints",
        stats["documents"], stats["actors"], stats["events"], mix.len()
    );
    // One warm-up pass so first-touch page-cache misses are not counted.
    for (_, path) in &mix {
        let (status, body) = fetch(&client, &format!("{base}{path}"))
            .await
            .expect("warm-up");
        if status != 200 {
            eprintln!(
                "load: {path} answered {status}: {}",
                String::from_utf8_lossy(&body)
            );
            std::process::exit(1);
        }
    }
    let rss_before = rss_mib();
    let next = Arc::new(AtomicUsize::new(0));
    let results: Arc<Mutex<BTreeMap<&str, Vec<Duration>>>> = Arc::new(Mutex::new(BTreeMap::new()));
    let errors = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(Mutex::new(rss_before));
    // Resident memory by progress (request index, MiB), to see that it levels off.
    let samples: Arc<Mutex<Vec<(usize, f64)>>> = Arc::new(Mutex::new(Vec::new()));
    let mix = Arc::new(mix);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let (client, next, results, errors, mix, base, peak, samples) = (
            client.clone(),
            next.clone(),
            results.clone(),
            errors.clone(),
            mix.clone(),
            base.clone(),
            peak.clone(),
            samples.clone(),
        );
        tasks.push(tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= requests || Instant::now() >= deadline {
                    break;
                }
                let (name, path) = &mix[i % mix.len()];
                let t = Instant::now();
                match fetch(&client, &format!("{base}{path}")).await {
                    Ok((200, _)) => {
                        let took = t.elapsed();
                        if let Ok(mut r) = results.lock() {
                            r.entry(*name).or_default().push(took);
                        }
                    }
                    _ => {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
                if i % 200 == 0 {
                    let now = rss_mib();
                    if let Ok(mut p) = peak.lock() {
                        *p = p.max(now);
                    }
                    if let Ok(mut s) = samples.lock() {
                        s.push((i, now));
                    }
                }
            }
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    let wall = started.elapsed();
    let results = results.lock().map(|r| r.clone()).unwrap_or_default();
    let mut all: Vec<Duration> = Vec::new();
    println!(
        "{:<22} {:>6} {:>9} {:>9} {:>9}",
        "endpoint", "n", "p50 ms", "p95 ms", "max ms"
    );
    for (name, mut times) in results {
        times.sort();
        println!(
            "{name:<22} {:>6} {:>9.1} {:>9.1} {:>9.1}",
            times.len(),
            percentile(&times, 0.5),
            percentile(&times, 0.95),
            percentile(&times, 1.0)
        );
        all.extend(times);
    }
    all.sort();
    println!(
        "{:<22} {:>6} {:>9.1} {:>9.1} {:>9.1}",
        "all",
        all.len(),
        percentile(&all, 0.5),
        percentile(&all, 0.95),
        percentile(&all, 1.0)
    );
    println!(
        "{} requests in {:.1} s ({:.0}/s), {} errors; resident memory {:.1} MiB before, {:.1} MiB peak, {:.1} MiB after",
        all.len(),
        wall.as_secs_f64(),
        all.len() as f64 / wall.as_secs_f64(),
        errors.load(Ordering::Relaxed),
        rss_before,
        peak.lock().map(|p| *p).unwrap_or(f64::NAN),
        rss_mib()
    );
    let mut samples = samples.lock().map(|s| s.clone()).unwrap_or_default();
    samples.sort_by_key(|&(i, _)| i);
    if let Some(&(last, _)) = samples.last() {
        let at = |q: usize| {
            samples
                .iter()
                .find(|&&(i, _)| i >= last * q / 4)
                .map_or(f64::NAN, |&(_, m)| m)
        };
        println!(
            "resident memory by progress: 25% {:.1} MiB, 50% {:.1} MiB, 75% {:.1} MiB, 100% {:.1} MiB",
            at(1),
            at(2),
            at(3),
            at(4)
        );
    }
}
