//! End to end in a real browser: `newsgraph ingest` the seed articles and a fixture article,
//! `newsgraph serve` them, and drive headless Chromium through chromedriver (WebDriver): open
//! an article, check its highlights and the details panel, click through to an actor page and
//! its timeline, and save screenshots under `target/screenshots/`.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them). Without
//! `/usr/bin/chromium` the test is skipped with a message, unless `CI` is set: there it fails.

#[path = "../../server/tests/fixture/mod.rs"]
mod fixture;

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Kills a child process of this test when dropped, also when the test panics midway. A child
/// started as the leader of its own process group (`group`) takes the whole group with it:
/// chromedriver's Chromium and its helper processes would otherwise outlive the test.
struct Reaped {
    child: Child,
    group: bool,
}

impl Drop for Reaped {
    fn drop(&mut self) {
        if self.group {
            // The group's id is the leader's pid; `kill -- -PGID` signals every member.
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", self.child.id())])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn seeds() -> PathBuf {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/seeds"
    ))
    .to_path_buf()
}

fn screenshots() -> PathBuf {
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../target")).to_path_buf()
        })
        .join("screenshots");
    std::fs::create_dir_all(&dir).expect("create target/screenshots");
    dir
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// Starts `newsgraph serve` on a free loopback port and returns it with its base URL.
fn serve(db: &Path) -> (Reaped, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(["serve", "--db"])
        .arg(db)
        .args(["--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start newsgraph serve");
    let stdout = child.stdout.take().expect("stdout");
    let child = Reaped {
        child,
        group: false,
    };
    let mut line = String::new();
    let mut reader = BufReader::new(stdout);
    reader.read_line(&mut line).expect("read start-up line");
    // Keep reading so the server never writes into a closed pipe.
    std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no loopback address in '{line}'"))
        .trim_end_matches('/')
        .to_string();
    (child, url)
}

fn chromedriver() -> (Reaped, String) {
    let port = free_port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .arg("--allowed-ips=127.0.0.1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .expect("start chromedriver");
    // Reaped at once, so a failed start-up below does not leave it running either.
    let child = Reaped { child, group: true };
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "chromedriver did not start on port {port}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    (child, format!("http://127.0.0.1:{port}"))
}

async fn browser(driver: &str, profile: &Path) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": CHROMIUM,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000",
                format!("--user-data-dir={}", profile.display()),
            ]
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(driver)
        .await
        .expect("a WebDriver session with headless Chromium")
}

async fn shot(c: &Client, name: &str) {
    let png = c.screenshot().await.expect("screenshot");
    let path = screenshots().join(name);
    std::fs::write(&path, png).expect("write screenshot");
    println!("screenshot: {}", path.display());
}

/// Clicks a link or button that navigates, and waits until the browser is on the new page
/// (a slow machine must not make the next check read the old one).
async fn click_through(c: &Client, what: Locator<'_>) -> Result<(), fantoccini::error::CmdError> {
    let before = c.current_url().await?;
    c.find(what).await?.click().await?;
    let deadline = Instant::now() + Duration::from_secs(20);
    while c.current_url().await? == before {
        assert!(
            Instant::now() < deadline,
            "{what:?}: no navigation from {before}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The new document has loaded once its body is there.
    c.find(Locator::Css("body")).await?;
    Ok(())
}

async fn count(c: &Client, css: &str) -> usize {
    c.find_all(Locator::Css(css)).await.expect(css).len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_analyst_reads_an_article_and_follows_an_actor() {
    if !Path::new(CHROMIUM).exists() {
        if std::env::var_os("CI").is_some() {
            panic!(
                "{CHROMIUM} is missing in CI: .ci/run must install chromium and chromium-driver"
            );
        }
        println!("SKIPPED: {CHROMIUM} is not installed (apt-get install chromium chromium-driver); the browser test runs in CI");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("store.db");
    let out = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(["ingest", "--quiet", "--db"])
        .arg(&db)
        .arg(seeds())
        .output()
        .expect("run newsgraph ingest");
    assert!(
        out.status.success(),
        "ingest failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    drop(fixture::build(&db));
    let store = newsgraph_store::Store::open_read_only(&db).expect("store");
    let (_server, base) = serve(&db);
    let (_driver, driver_url) = chromedriver();
    let c = browser(&driver_url, &dir.path().join("profile")).await;
    let result = drive(&c, &base, &store).await;
    let _ = c.close().await;
    result.expect("the browser walk");
}

async fn drive(
    c: &Client,
    base: &str,
    store: &newsgraph_store::Store,
) -> Result<(), fantoccini::error::CmdError> {
    // The overview lists every article.
    c.goto(&format!("{base}/")).await?;
    let docs = store.stats().expect("stats").documents as usize;
    assert_eq!(count(c, "ul.docs li").await, docs.min(25));
    shot(c, "overview.png").await;

    // The fixture article: every mention, trigger and quote is highlighted.
    c.goto(&format!("{base}/documents/{}", fixture::FIRST_ID))
        .await?;
    let a = &fixture::analyses()[0];
    let mentions: usize = a.entities.iter().map(|e| e.mentions.len()).sum();
    assert_eq!(count(c, "#text [data-k=entity]").await, mentions);
    assert_eq!(count(c, "#text [data-k=event]").await, a.events.len());
    assert_eq!(count(c, "#text [data-k=quote]").await, a.quotes.len());
    // Hostile text stayed text: no script ran, none was added.
    assert_eq!(count(c, "script").await, 1);
    let alerted = c
        .execute(
            "return typeof window.__pwned === 'undefined' && document.title",
            vec![],
        )
        .await?;
    assert!(
        alerted.as_str().is_some_and(|t| t.contains("<script>")),
        "{alerted:?}"
    );
    // Clicking a trigger shows its CAMEO code, Goldstein score, date and confidence.
    let trigger = c.find(Locator::Css("#text mark.ev")).await?;
    trigger.click().await?;
    let info = c.find(Locator::Id("info")).await?.text().await?;
    for want in [
        "CAMEO",
        "040",
        "Goldstein",
        "1.0",
        "2024-03-04",
        "Confidence",
        "0.80",
        "Amina Diallo",
        "Tomas Berg",
    ] {
        assert!(info.contains(want), "details panel lacks {want}: {info}");
    }
    // The panel leads to the trigger's stored event, with every report of it.
    let event_link = c
        .find(Locator::Css("#info a.more"))
        .await?
        .attr("href")
        .await?
        .unwrap_or_default();
    assert!(event_link.starts_with("/events/"), "{event_link}");
    shot(c, "article-trigger.png").await;
    // Keyboard: focusing a mention shows the actor's code.
    c.execute("document.querySelector('#text a.ent').focus()", vec![])
        .await?;
    let info = c.find(Locator::Id("info")).await?.text().await?;
    assert!(info.contains("XYZGOV"), "{info}");
    // The dropped furniture opens on demand.
    c.find(Locator::Css("details.dropped summary"))
        .await?
        .click()
        .await?;
    let dropped = c
        .find(Locator::Css("details.dropped"))
        .await?
        .text()
        .await?;
    assert!(dropped.contains("javascript:alert(6)"), "{dropped}");
    shot(c, "article-fixture.png").await;
    c.goto(&format!("{base}{event_link}")).await?;
    let event_page = c.find(Locator::Css("main")).await?.text().await?;
    assert!(event_page.contains("040"), "{event_page}");
    let event_id: i64 = event_link
        .trim_start_matches("/events/")
        .parse()
        .expect("an event id");
    let reports = store
        .event_mentions(event_id)
        .expect("event mentions")
        .len();
    assert!(
        event_page.contains(&format!("Where it was reported ({reports})")),
        "{event_page}"
    );
    c.find(Locator::Css(&format!(
        "main a[href='/documents/{}']",
        fixture::FIRST_ID
    )))
    .await?;
    shot(c, "event.png").await;

    // A seed article as ingested by the pipeline: its highlights match its stored analysis.
    let seed = store
        .documents(&newsgraph_store::query::DocumentFilter {
            limit: 100,
            ..Default::default()
        })
        .expect("documents")
        .into_iter()
        .filter(|d| d.id != fixture::FIRST_ID && d.id != fixture::SECOND_ID)
        .map(|d| store.analysis(&d.id).expect("analysis").expect("stored"))
        .max_by_key(|a| (a.entities.len() + a.events.len(), a.document.id.clone()))
        .expect("a seed article");
    c.goto(&format!("{base}/documents/{}", seed.document.id))
        .await?;
    let shown_entities = count(c, "#text [data-k=entity]").await;
    let shown_events = count(c, "#text [data-k=event]").await;
    println!(
        "seed article {}: {} entities / {} events in the analysis, {} mention and {} trigger highlights shown",
        seed.document.id, seed.entities.len(), seed.events.len(), shown_entities, shown_events
    );
    assert_eq!(shown_entities > 0, !seed.entities.is_empty());
    assert!(shown_events <= seed.events.len());
    // The text without the small code labels drawn after each highlight.
    let text = c
        .execute(
            "const t = document.getElementById('text').cloneNode(true);\
             t.querySelectorAll('.lbl').forEach(l => l.remove());\
             return t.textContent;",
            vec![],
        )
        .await?;
    let text = text.as_str().unwrap_or_default().to_owned();
    let first_words: String = seed
        .document
        .text
        .split_whitespace()
        .take(6)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains(&first_words),
        "the clean text is shown"
    );
    shot(c, "article-seed.png").await;

    // Phone width: the details panel moves below the text and nothing overflows sideways.
    c.set_window_size(390, 844).await?;
    c.goto(&format!("{base}/documents/{}", fixture::FIRST_ID))
        .await?;
    let overflow = c
        .execute(
            "return document.documentElement.scrollWidth <= window.innerWidth + 1",
            vec![],
        )
        .await?;
    assert_eq!(
        overflow,
        serde_json::Value::Bool(true),
        "the article page scrolls sideways on a phone"
    );
    shot(c, "article-phone.png").await;
    c.set_window_size(1280, 1000).await?;

    // Click through to the actor page.
    c.goto(&format!("{base}/documents/{}", fixture::FIRST_ID))
        .await?;
    click_through(c, Locator::Css("#text a.ent[data-name='Amina Diallo']")).await?;
    let h1 = c.find(Locator::Css("h1")).await?.text().await?;
    assert_eq!(h1, "Amina Diallo");
    assert!(c.current_url().await?.path().starts_with("/actors/"));
    let page = c.find(Locator::Css("main")).await?.text().await?;
    for want in [
        "Aliases",
        "Partners",
        "Tomas Berg",
        "Events as source",
        "We agreed to reopen the border crossings,",
    ] {
        assert!(page.contains(want), "actor page lacks {want}");
    }
    shot(c, "actor.png").await;

    // An actor the knowledge base gives dated roles: its page lists them in order.
    let kb = newsgraph_actors::ActorStage::new().expect("knowledge base");
    let with_roles = store
        .actors(&newsgraph_store::query::ActorFilter {
            kind: Some("person".into()),
            limit: 1000,
            ..Default::default()
        })
        .expect("actors")
        .into_iter()
        .find_map(|a| {
            kb.kb()
                .actors
                .iter()
                .find(|k| k.canonical == a.canonical && !k.roles.is_empty())
                .map(|k| (a.id, k.roles.clone()))
        });
    let (person, roles) = with_roles.expect("a seed article names a person with dated roles");
    let back = c.current_url().await?;
    c.goto(&format!("{base}/actors/{person}")).await?;
    let rows = c
        .execute(
            "return Array.from(document.querySelectorAll('table.roles tbody tr'), r => r.cells[0].textContent);",
            vec![],
        )
        .await?;
    let mut froms: Vec<String> = roles.iter().map(|r| r.from.to_string()).collect();
    froms.sort();
    assert_eq!(rows, serde_json::json!(froms), "the roles table");
    shot(c, "actor-roles.png").await;
    c.goto(back.as_str()).await?;

    // And on to the pair's timeline, then the events behind one of its columns.
    click_through(c, Locator::LinkText("pair timeline")).await?;
    let h1 = c.find(Locator::Css("h1")).await?.text().await?;
    assert_eq!(h1, "Timeline: Amina Diallo and Tomas Berg");
    assert_eq!(count(c, "svg.chart a").await, 1);
    c.find(Locator::Css("select[name=by]"))
        .await?
        .select_by_value("week")
        .await?;
    c.find(Locator::Css("form.filters button"))
        .await?
        .click()
        .await?;
    // The form submits by navigation: wait for the new page rather than race it.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let url = c.current_url().await?;
        if url.query().unwrap_or("").contains("by=week") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the filter form did not navigate to by=week: {url}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    shot(c, "timeline.png").await;
    click_through(c, Locator::Css("table tbody a")).await?;
    assert_eq!(
        count(c, "tbody tr").await,
        1,
        "the week's one event between the two"
    );

    c.goto(&format!("{base}/network")).await?;
    // The fixture's actors are nodes beside the seed articles' actors, each drawn once.
    let labels = c
        .execute(
            "return Array.from(document.querySelectorAll('svg.network text.nlabel'), t => t.textContent);",
            vec![],
        )
        .await?;
    let labels: Vec<String> = labels
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(count(c, "svg.network circle.node").await, labels.len());
    for want in ["Amina Diallo", "Tomas Berg"] {
        assert!(
            labels.iter().any(|l| l == want),
            "network lacks {want}: {labels:?}"
        );
    }
    let distinct: std::collections::BTreeSet<&String> = labels.iter().collect();
    assert_eq!(
        distinct.len(),
        labels.len(),
        "an actor drawn twice: {labels:?}"
    );
    shot(c, "network.png").await;
    Ok(())
}
