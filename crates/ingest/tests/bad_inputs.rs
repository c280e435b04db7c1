//! Bad input, file by file: each problem is one clear error for the record it is in (named
//! `file#record`), the records around it are still read, and nothing panics.

use std::io::{Cursor, Write};

use newsgraph_ingest::{
    build_document, open_reader, Cleaner, Document, InputFormat, ReadError, ReadOptions,
};

/// Opens `bytes` as the file `label` and builds every record.
fn read_with(
    bytes: Vec<u8>,
    label: &str,
    format: Option<InputFormat>,
    max_bytes: u64,
) -> Vec<Result<Document, ReadError>> {
    let opts = ReadOptions { format, max_bytes };
    let cleaner = Cleaner::default();
    match open_reader(
        Box::new(Cursor::new(bytes)),
        label.to_string(),
        Some(label.to_string()),
        format,
        &opts,
    ) {
        Err(e) => vec![Err(e)],
        Ok(records) => records
            .map(|r| r.and_then(|raw| build_document(raw, &cleaner)))
            .collect(),
    }
}

fn read(bytes: Vec<u8>, label: &str) -> Vec<Result<Document, ReadError>> {
    read_with(bytes, label, None, 50 << 20)
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

const BODY: &str = "<p>The council met on Tuesday to discuss the budget, and members agreed to \
    hold another session next week, the chairman said after the vote.</p>";

fn page(words: &str) -> String {
    format!("<html><head><title>{words}</title></head><body><article><p>{words}</p>{BODY}</article></body></html>")
}

/// A WARC response record with an HTML payload; `lie` is added to the true Content-Length.
fn record(n: usize, html: &str, lie: i64) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
    let len = http.len() as i64 + lie;
    format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://news.example/{n}\r\n\
         WARC-Date: 2020-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n\
         Content-Length: {len}\r\n\r\n{http}\r\n\r\n"
    )
    .into_bytes()
}

/// Labels of the errors and URLs of the documents, in order.
fn outline(docs: &[Result<Document, ReadError>]) -> Vec<String> {
    docs.iter()
        .map(|d| match d {
            Ok(doc) => doc.meta.url.clone().unwrap_or_else(|| "ok".into()),
            Err(e) => format!("error {}", e.label),
        })
        .collect()
}

#[test]
fn truncated_gzip_keeps_the_records_before_the_damage() {
    // One gzip member per record, as crawls are published; the third is cut in half.
    let mut crawl = Vec::new();
    for n in 1..=3 {
        crawl.extend(gz(&record(n, &page(&format!("Story number {n}")), 0)));
    }
    let cut = crawl.len() - 60;
    let docs = read(crawl[..cut].to_vec(), "crawl.warc.gz");
    assert_eq!(
        outline(&docs),
        [
            "http://news.example/1",
            "http://news.example/2",
            "error crawl.warc.gz#3"
        ]
    );
    let e = docs[2].as_ref().unwrap_err();
    assert!(e.message.contains("truncated"), "{e}");

    // A gzipped page cut short is one error naming the damage.
    let html = gz(page("A single page").as_bytes());
    let docs = read(html[..html.len() / 2].to_vec(), "page.html.gz");
    let e = docs[0].as_ref().unwrap_err();
    assert_eq!(e.label, "page.html.gz");
    assert!(e.message.contains("damaged gzip data"), "{e}");
    assert!(e.message.contains("truncated"), "{e}");
}

#[test]
fn warc_lengths_that_lie_are_errors_for_their_record_only() {
    for lie in [-40i64, -1, 1, 30, 5000] {
        let mut crawl = record(1, &page("First story"), 0);
        crawl.extend(record(2, &page("Second story"), lie));
        crawl.extend(record(3, &page("Third story"), 0));
        for (bytes, label) in [(crawl.clone(), "c.warc"), (gz(&crawl), "c.warc.gz")] {
            let docs = read(bytes, label);
            let outline = outline(&docs);
            assert_eq!(
                outline[0], "http://news.example/1",
                "lie {lie}: {outline:?}"
            );
            assert_eq!(
                outline[1],
                format!("error {label}#2"),
                "lie {lie}: {outline:?}"
            );
            assert_eq!(
                outline.last().map(String::as_str),
                Some("http://news.example/3"),
                "lie {lie}: {outline:?}"
            );
            let e = docs[1].as_ref().unwrap_err();
            assert!(e.message.contains("Content-Length"), "lie {lie}: {e}");
        }
    }
}

#[test]
fn pages_without_a_body_are_an_error_for_that_page() {
    for html in [
        "<html><head><title>Only a title</title></head></html>",
        "<html><head></head><body></body></html>",
        "<html><body><nav><a href=/>Home</a></nav><script>var x = 1;</script></body></html>",
        "   \n\t ",
    ] {
        let docs = read(html.as_bytes().to_vec(), "empty.html");
        assert_eq!(docs.len(), 1);
        let e = docs[0].as_ref().unwrap_err();
        assert_eq!(e.label, "empty.html");
        assert!(
            e.message.contains("no article text") || e.message.contains("empty input"),
            "{e}"
        );
    }
    let mut crawl = record(1, &page("First story"), 0);
    crawl.extend(record(2, "<html><head><title>x</title></head></html>", 0));
    crawl.extend(record(3, &page("Third story"), 0));
    let docs = read(crawl, "c.warc");
    assert_eq!(
        outline(&docs),
        [
            "http://news.example/1",
            "error c.warc#2",
            "http://news.example/3"
        ]
    );
}

#[test]
fn fifty_megabytes_of_nesting_are_refused_quickly() {
    // However the nesting is written, the tree stops growing at the limit; the parser is fed
    // in chunks, so only the first chunks of a hostile page are ever parsed.
    // (Each tag carries a long attribute so that 50 MB stay under the tag count limit.)
    let pad = format!("title=\"{}\"", "x".repeat(240));
    for unit in [
        "<div {pad}>",
        "<div {pad}></x>",
        "<div {pad}/>",
        "<span {pad}><div {pad}></span>",
        "<b {pad}><div {pad}></b>",
    ] {
        let unit = unit.replace("{pad}", &pad);
        let page = unit.repeat(50_000_000 / unit.len());
        let docs = read_with(
            page.into_bytes(),
            "deep.html",
            Some(InputFormat::Html),
            50 << 20,
        );
        let e = docs[0].as_ref().unwrap_err();
        assert!(e.message.contains("elements deep"), "{unit}: {e}");
    }
    // A tag with endless attributes (quadratic to tokenize) is refused too.
    let mut page = String::from("<div");
    while page.len() < 50_000_000 {
        page.push_str(" a");
        page.push_str(&(page.len() % 100_000).to_string());
    }
    page.push_str("><p>text</p>");
    let docs = read_with(page.into_bytes(), "attrs.html", None, 50 << 20);
    assert!(docs[0].as_ref().unwrap_err().message.contains("attributes"));
    // So is a page of millions of flat tags (its tree would take gigabytes).
    let page = "<p>x".repeat(50_000_000 / 4);
    let docs = read_with(page.into_bytes(), "flat.html", None, 50 << 20);
    assert!(docs[0].as_ref().unwrap_err().message.contains("tags"));
    // Deep but legal nesting still reads.
    let page = format!("{}{BODY}", "<div>".repeat(1_000));
    let docs = read(page.into_bytes(), "ok.html");
    assert!(docs[0]
        .as_ref()
        .unwrap()
        .text
        .starts_with("The council met"));
}

#[test]
fn invalid_encodings_and_lying_charsets() {
    // Declared UTF-8, written in Latin-1: read as windows-1252 with a warning.
    let mut html = b"<html><head><meta charset=\"utf-8\"></head><body><p>Le caf\xe9 est ferm\xe9 \
        depuis mardi, a annonc\xe9 la mairie dans un communiqu\xe9 publi\xe9 hier soir.</p></body></html>"
        .to_vec();
    let docs = read(html.clone(), "latin1.html");
    let d = docs[0].as_ref().unwrap();
    assert!(d.text.contains("caf\u{e9} est ferm\u{e9}"), "{}", d.text);
    assert!(d
        .diagnostics
        .iter()
        .any(|x| x.message.contains("declares UTF-8")));
    // The HTTP header of a WARC record counts before the page's own declaration.
    let http = [
        &b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=iso-8859-1\r\n\r\n"[..],
        &html,
    ]
    .concat();
    let mut crawl = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    crawl.extend(&http);
    crawl.extend(b"\r\n\r\n");
    let docs = read(crawl, "c.warc");
    assert!(docs[0].as_ref().unwrap().text.contains("communiqu\u{e9}"));
    // Declared windows-1251 but really UTF-8: the bytes win.
    html = "<meta charset=windows-1251><p>Министр заявил в понедельник, что переговоры \
        возобновятся на следующей неделе, сообщили официальные лица.</p>"
        .as_bytes()
        .to_vec();
    let docs = read(html, "cyrillic.html");
    assert!(docs[0].as_ref().unwrap().text.contains("Министр заявил"));
    // Invalid UTF-8 in plain text: replaced, with a warning.
    let docs = read(
        b"The minister said \xff\xfe on Monday that talks would resume soon.".to_vec(),
        "bad.txt",
    );
    let d = docs[0].as_ref().unwrap();
    assert!(d.text.contains('\u{fffd}'));
    assert!(d
        .diagnostics
        .iter()
        .any(|x| x.message.contains("invalid UTF-8")));
    // A binary file is refused, not read as text.
    let docs = read(
        b"\x7fELF\x02\x01\x01\x00\x00\x00binary".to_vec(),
        "prog.txt",
    );
    assert!(docs[0].as_ref().unwrap_err().message.contains("binary"));
    // In JSON Lines, a line that is not UTF-8 is an error for that line only.
    let lines =
        b"{\"text\":\"First line of text, long enough to read.\"}\n{\"text\":\"caf\xe9\"}\n\
        {\"text\":\"Third line of text, long enough to read.\"}\n"
            .to_vec();
    let docs = read(lines, "x.jsonl");
    assert_eq!(outline(&docs), ["ok", "error x.jsonl#2", "ok"]);
    assert!(docs[1].as_ref().unwrap_err().message.contains("UTF-8"));
}

#[test]
fn zip_bombs_stop_at_the_limit() {
    let limit = 1 << 20;
    let zeros = vec![b' '; 64 << 20];
    // A gzipped page that inflates past the limit.
    let bomb = gz(&zeros);
    assert!(bomb.len() < 1 << 20);
    let docs = read_with(bomb.clone(), "bomb.html.gz", None, limit);
    let e = docs[0].as_ref().unwrap_err();
    assert!(e.message.contains("decompresses to more than"), "{e}");
    // In a crawl, a record that inflates past the limit is skipped and the next one read.
    let mut huge = record(2, "", 0);
    let at = huge.len() - 4;
    huge.splice(at..at, zeros.iter().copied());
    let fixed = String::from_utf8_lossy(&huge).replace(
        "Content-Length: 59\r\n",
        &format!("Content-Length: {}\r\n", 59 + zeros.len()),
    );
    let mut crawl = gz(&record(1, &page("First story"), 0));
    crawl.extend(gz(fixed.as_bytes()));
    crawl.extend(gz(&record(3, &page("Third story"), 0)));
    let docs = read_with(crawl, "c.warc.gz", None, limit);
    assert_eq!(
        outline(&docs),
        [
            "http://news.example/1",
            "error c.warc.gz#2",
            "http://news.example/3"
        ]
    );
    assert!(docs[1].as_ref().unwrap_err().message.contains("over the"));
    // An HTTP body compressed with gzip inside a record is bounded too.
    let mut http =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    http.extend(&bomb);
    let mut crawl = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    crawl.extend(&http);
    crawl.extend(b"\r\n\r\n");
    crawl.extend(record(2, &page("Second story"), 0));
    let docs = read_with(crawl, "c.warc", None, limit);
    assert_eq!(outline(&docs), ["error c.warc#1", "http://news.example/2"]);
    assert!(docs[0].as_ref().unwrap_err().message.contains("HTTP body"));
    // A JSON Lines export whose one line inflates past the limit.
    let mut lines = b"{\"text\":\"".to_vec();
    lines.extend(&zeros);
    lines.extend(b"\"}\n{\"text\":\"The next line is read as usual, with its text.\"}\n");
    let docs = read_with(gz(&lines), "x.jsonl.gz", None, limit);
    assert_eq!(outline(&docs), ["error x.jsonl.gz#1", "ok"]);
}

#[test]
fn json_lines_that_are_not_json() {
    let lines = concat!(
        "{\"text\":\"The first record has text enough to be read.\",\"url\":\"http://e.example/1\"}\n",
        "this line is not JSON\n",
        "{\"text\": \"an object cut short\n",
        "[\"an\", \"array\"]\n",
        "42\n",
        "{\"title\":\"no text or html field\"}\n",
        "{\"text\":17}\n",
        "\n",
        "{\"html\":\"<p>The last record is HTML, with a paragraph of its own to read.</p>\",\"url\":\"http://e.example/9\"}\n",
    );
    let docs = read(lines.as_bytes().to_vec(), "x.jsonl");
    assert_eq!(
        outline(&docs),
        [
            "http://e.example/1",
            "error x.jsonl#2",
            "error x.jsonl#3",
            "error x.jsonl#4",
            "error x.jsonl#5",
            "error x.jsonl#6",
            "error x.jsonl#7",
            "http://e.example/9"
        ]
    );
    for d in &docs[1..7] {
        let e = d.as_ref().unwrap_err();
        assert!(
            e.message.starts_with("not JSON")
                || e.message.contains("not a JSON object")
                || e.message.contains("neither"),
            "{e}"
        );
    }
}
