//! The `newsgraph` binary on every input format: chosen by extension (through `.gz`), by
//! content, or by `--input-format`; one object per record; bad records named with their file
//! and record while the others print; the same article stored once. Each test batches many
//! inputs into one run, since every run loads the models.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;
use newsgraph_core::wire::Analysis;

fn newsgraph() -> Command {
    let mut c = Command::cargo_bin("newsgraph").unwrap();
    c.env_remove("NEWSGRAPH_DB");
    c
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// A news page about `topic`, with furniture around the article.
fn page(topic: &str, url: Option<&str>, nav: &str) -> String {
    let canonical = url
        .map(|u| format!("<link rel=\"canonical\" href=\"{u}\">"))
        .unwrap_or_default();
    format!(
        "<!doctype html><html><head><title>{topic} talks resume</title>{canonical}\
         <meta property=\"article:published_time\" content=\"2019-11-19T10:00:00Z\"></head>\
         <body><nav><a href=/>Home</a> <a href=/world>{nav}</a></nav><article><h1>{topic} talks resume</h1>\
         <p>The foreign minister of {topic} said on Tuesday that the talks would resume in Geneva \
         next week, officials confirmed after the meeting.</p>\
         <p>Delegations from both sides are expected to attend, the ministry of {topic} said \
         in a statement issued late on Monday.</p></article></body></html>"
    )
}

/// A WARC response record; `lie` is added to the true Content-Length.
fn record(uri: &str, html: &str, lie: i64) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
    format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2019-11-20T00:00:00Z\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
        http.len() as i64 + lie
    )
    .into_bytes()
}

fn jsonl(records: &[(&str, &str)]) -> String {
    records
        .iter()
        .map(|(url, text)| {
            serde_json::json!({"url": url, "text": text, "title": "Wire report", "published": "2019-11-19"})
                .to_string()
                + "\n"
        })
        .collect()
}

const TEXT: &str = "Talks resume in Geneva\n\nThe envoy said on Tuesday that the talks would \
    resume in Geneva next week, officials said.\n";

fn feed_rss() -> String {
    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Example Wire</title>\
     <item><title>Ceasefire holds</title><link>http://feed.example/1</link>\
     <pubDate>Tue, 19 Nov 2019 10:00:00 GMT</pubDate><description>&lt;p&gt;The ceasefire held \
     on Tuesday, the army said in a statement.&lt;/p&gt;</description></item>\
     <item><title>Port reopens</title><link>http://feed.example/2</link>\
     <description>&lt;p&gt;The port reopened on Wednesday after a week of strikes, officials \
     said.&lt;/p&gt;</description></item></channel></rss>"
        .to_string()
}

fn feed_atom() -> String {
    "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">\
     <title>Atom Wire</title><id>urn:x</id><updated>2020-01-01T00:00:00Z</updated>\
     <entry><title>Election called</title><id>urn:a</id><link href=\"http://atom.example/a\"/>\
     <updated>2020-01-02T00:00:00Z</updated><content type=\"html\">&lt;p&gt;The prime minister \
     called an early election on Thursday, his office said.&lt;/p&gt;</content></entry></feed>"
        .to_string()
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.display().to_string()
}

fn analyses(stdout: &str) -> Vec<Analysis> {
    stdout
        .lines()
        .map(|l| serde_json::from_str::<Analysis>(l).unwrap())
        .collect()
}

#[test]
fn every_format_by_extension_and_content_one_object_per_record() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut crawl = record("http://crawl.example/1", &page("Norway", None, "World"), 0);
    crawl.extend(record(
        "http://crawl.example/2",
        &page("Chile", None, "World"),
        25,
    ));
    crawl.extend(record(
        "http://crawl.example/3",
        &page("Kenya", None, "World"),
        0,
    ));
    let mut crawl_gz = gz(&record(
        "http://crawl.example/4",
        &page("Peru", None, "World"),
        0,
    ));
    crawl_gz.extend(gz(&record(
        "http://crawl.example/5",
        &page("Laos", None, "World"),
        0,
    )));
    let lines = jsonl(&[(
        "http://jsonl.example/1",
        "The envoy arrived in Oslo on Monday.",
    )]) + "this line is not JSON\n"
        + &jsonl(&[("http://jsonl.example/3", "The envoy left Oslo on Tuesday.")]);
    let inputs = [
        (
            write(
                d,
                "a.html",
                page("Japan", Some("http://page.example/a"), "World"),
            ),
            1,
        ),
        (
            write(d, "b.htm.gz", gz(page("Ghana", None, "World").as_bytes())),
            1,
        ),
        (write(d, "c.warc", &crawl), 2),
        (write(d, "d.warc.gz", &crawl_gz), 2),
        (write(d, "e.jsonl", &lines), 2),
        (write(d, "f.jsonl.gz", gz(lines.as_bytes())), 2),
        (write(d, "g.rss", feed_rss()), 2),
        (write(d, "h.atom", feed_atom()), 1),
        (write(d, "i.txt", TEXT), 1),
        (write(d, "j.txt.gz", gz(TEXT.as_bytes())), 1),
        (
            write(d, "page-without-extension", page("Nepal", None, "World")),
            1,
        ),
        (
            write(
                d,
                "crawl-without-extension",
                record("http://crawl.example/6", &page("Oman", None, "World"), 0),
            ),
            1,
        ),
        (
            write(d, "lines-without-extension.gz", gz(lines.as_bytes())),
            2,
        ),
    ];
    let (code, stdout, stderr) = run(newsgraph()
        .args(["analyze", "--format", "json"])
        .args(inputs.iter().map(|(p, _)| p)));
    // Two bad records (a lying length, a line that is not JSON, twice): exit 1, the rest printed.
    assert_eq!(code, 1, "{stderr}");
    let out = analyses(&stdout);
    let want: usize = inputs.iter().map(|(_, n)| n).sum();
    assert_eq!(out.len(), want, "{stderr}");
    let c = &inputs[2].0;
    assert!(
        stderr.contains(&format!("newsgraph: {c}#2: Content-Length")),
        "{stderr}"
    );
    for e in [
        "e.jsonl#2: not JSON",
        "f.jsonl.gz#2: not JSON",
        "lines-without-extension.gz#2: not JSON",
    ] {
        assert!(stderr.contains(e), "{e} missing: {stderr}");
    }
    assert_eq!(
        stderr
            .lines()
            .filter(|l| l.starts_with("newsgraph: "))
            .count(),
        4,
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));
    // Every object is one article, in input order, with what its container said.
    let urls: Vec<Option<&str>> = out.iter().map(|a| a.document.url.as_deref()).collect();
    assert_eq!(
        urls,
        [
            Some("http://page.example/a"),
            None,
            Some("http://crawl.example/1"),
            Some("http://crawl.example/3"),
            Some("http://crawl.example/4"),
            Some("http://crawl.example/5"),
            Some("http://jsonl.example/1"),
            Some("http://jsonl.example/3"),
            Some("http://jsonl.example/1"),
            Some("http://jsonl.example/3"),
            Some("http://feed.example/1"),
            Some("http://feed.example/2"),
            Some("http://atom.example/a"),
            None,
            None,
            None,
            Some("http://crawl.example/6"),
            Some("http://jsonl.example/1"),
            Some("http://jsonl.example/3"),
        ]
    );
    for a in &out {
        let t = &a.document.text;
        assert!(
            !t.contains('<') && !t.contains("Home"),
            "markup or furniture left: {t}"
        );
    }
    let html = &out[0].document;
    assert_eq!(html.title.as_deref(), Some("Japan talks resume"));
    assert_eq!(html.published.as_deref(), Some("2019-11-19"));
    assert!(
        html.text.starts_with("The foreign minister of Japan"),
        "{}",
        html.text
    );
    assert!(out[1].document.text.contains("minister of Ghana"));
    assert!(out[3].document.text.contains("minister of Kenya"));
    assert_eq!(out[10].document.title.as_deref(), Some("Ceasefire holds"));
    assert_eq!(out[10].document.published.as_deref(), Some("2019-11-19"));
    assert_eq!(
        out[13].document.title.as_deref(),
        Some("Talks resume in Geneva")
    );
    assert!(out[15].document.text.contains("minister of Nepal"));
}

#[test]
fn input_format_forces_the_reader() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let html = write(d, "page.txt", page("Japan", None, "World"));
    let crawl = write(
        d,
        "crawl.dat",
        record("http://crawl.example/1", &page("Chile", None, "World"), 0),
    );
    // By extension the page is plain text (its markup kept); forced, it is a page.
    let (code, stdout, stderr) = run(newsgraph().args(["analyze", "--format", "json"]).arg(&html));
    assert_eq!(code, 0, "{stderr}");
    assert!(analyses(&stdout)[0].document.text.contains("<p>"));
    let (code, stdout, stderr) = run(newsgraph()
        .args(["analyze", "--format", "json", "--input-format", "html"])
        .args([&html, &crawl]));
    // The crawl forced to HTML is one page: its WARC and HTTP headers are not markup, but the
    // article inside is found all the same.
    assert_eq!(code, 0, "{stderr}");
    let out = analyses(&stdout);
    assert_eq!(out.len(), 2);
    assert_eq!(out[0].document.title.as_deref(), Some("Japan talks resume"));
    assert!(!out[0].document.text.contains('<'));
    assert_eq!(out[1].document.url, None);
    let (code, _, stderr) = run(newsgraph()
        .args(["analyze", "--input-format", "pdf"])
        .arg(&html));
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown input format 'pdf'"), "{stderr}");
}

#[test]
fn the_same_article_twice_is_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let db = d.join("news.db");
    // Japan: a page, the same page with other furniture and no URL (same content), and a
    // crawl record of it (same URL). Chile: a crawl record and a JSON line with its URL but
    // other text. Kenya: only once.
    let a = write(
        d,
        "a.html",
        page("Japan", Some("http://news.example/japan"), "World"),
    );
    let b = write(d, "b.html", page("Japan", None, "Sport and weather"));
    let mut crawl = record(
        "http://news.example/japan",
        &page("Japan", None, "Business"),
        0,
    );
    crawl.extend(record(
        "http://news.example/chile",
        &page("Chile", None, "World"),
        0,
    ));
    let c = write(d, "c.warc", &crawl);
    let lines = jsonl(&[
        (
            "http://news.example/chile",
            "The envoy of Chile arrived in Oslo on Monday.",
        ),
        (
            "http://news.example/kenya",
            "The envoy of Kenya arrived in Oslo on Monday.",
        ),
    ]);
    let e = write(d, "e.jsonl", lines);
    let (code, _, stderr) = run(newsgraph()
        .args(["ingest", "--db"])
        .arg(&db)
        .args([&a, &b, &c, &e]));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("3 new, 3 already present, 0 failed"),
        "{stderr}"
    );
    let (code, stdout, stderr) = run(newsgraph()
        .args(["stats", "--format", "json", "--db"])
        .arg(&db));
    assert_eq!(code, 0, "{stderr}");
    let stats: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(stats["documents"], 3);
}
