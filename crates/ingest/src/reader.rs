//! Inputs, formats and the two reading steps: [`open`] and [`build_document`].

use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use newsgraph_core::{Document, Metadata};

use crate::{content_id, decode_text, Cleaner};

/// How an input is to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InputFormat {
    /// Plain text, one article per file, as scraped (page furniture left in).
    Text,
    /// An HTML page, one article per file.
    Html,
    /// A WARC crawl (plain or gzipped): one article per HTML `response` record.
    Warc,
    /// JSON Lines: one article per line (`text` or `html`, `title`, `url`, `published`, `source`).
    JsonLines,
    /// An RSS or Atom feed: one article per item.
    Feed,
}

impl InputFormat {
    /// Every format, for help texts.
    pub const ALL: &'static [InputFormat] = &[
        InputFormat::Text,
        InputFormat::Html,
        InputFormat::Warc,
        InputFormat::JsonLines,
        InputFormat::Feed,
    ];

    /// The format's name on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Html => "html",
            InputFormat::Warc => "warc",
            InputFormat::JsonLines => "jsonl",
            InputFormat::Feed => "feed",
        }
    }

    /// The format a path's extension names, if any (a `.gz` suffix is looked through).
    pub fn from_extension(path: &Path) -> Option<InputFormat> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let ext = name.rsplit_once('.')?.1;
        Some(match ext {
            "txt" | "text" | "md" => InputFormat::Text,
            "html" | "htm" | "xhtml" => InputFormat::Html,
            "warc" | "arc" => InputFormat::Warc,
            "jsonl" | "ndjson" | "jsonlines" => InputFormat::JsonLines,
            "xml" | "rss" | "atom" => InputFormat::Feed,
            _ => return None,
        })
    }

    /// The format the content looks like (for stdin and unknown extensions).
    pub fn sniff(head: &[u8]) -> InputFormat {
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let start = head
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(head.len());
        let head = &head[start..];
        if head.starts_with(b"WARC/") {
            return InputFormat::Warc;
        }
        let lower: Vec<u8> = head
            .iter()
            .take(4096)
            .map(|b| b.to_ascii_lowercase())
            .collect();
        let has = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
        if head.starts_with(b"{") {
            return InputFormat::JsonLines;
        }
        if head.starts_with(b"<") {
            if has(b"<rss") || has(b"<feed") || has(b"<rdf:rdf") {
                return InputFormat::Feed;
            }
            if has(b"<html")
                || has(b"<!doctype html")
                || has(b"<body")
                || has(b"<head")
                || has(b"<p")
                || has(b"<div")
                || has(b"<article")
            {
                return InputFormat::Html;
            }
            if lower.starts_with(b"<?xml") {
                return InputFormat::Feed;
            }
        }
        InputFormat::Text
    }
}

impl fmt::Display for InputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for InputFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        InputFormat::ALL
            .iter()
            .copied()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = InputFormat::ALL.iter().map(|f| f.as_str()).collect();
                format!(
                    "unknown input format '{s}' (expected one of: {})",
                    names.join(", ")
                )
            })
    }
}

/// Options for reading inputs.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// Force a reader instead of choosing by extension and content.
    pub format: Option<InputFormat>,
    /// Largest input accepted, in bytes.
    pub max_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: None,
            max_bytes: 50 * 1024 * 1024,
        }
    }
}

/// One input: a file or standard input.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    /// Standard input (`-`).
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Input {
    /// The name used in messages: the path, or `<stdin>`.
    pub fn label(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            Input::File(p) => p.display().to_string(),
        }
    }
}

/// A problem reading one input or one record of it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{label}: {message}")]
pub struct ReadError {
    /// The file, or `file#record`.
    pub label: String,
    /// What is wrong, one line.
    pub message: String,
}

impl ReadError {
    /// An error about `label`.
    pub fn new(label: impl Into<String>, message: impl Into<String>) -> ReadError {
        ReadError {
            label: label.into(),
            message: message.into(),
        }
    }
}

/// One article's bytes with what the container said about it.
#[derive(Clone, Debug)]
pub struct RawDocument {
    /// The article's bytes (text or markup).
    pub bytes: Vec<u8>,
    /// The input path, `None` for stdin.
    pub path: Option<String>,
    /// The name used in messages (path, or `path#record`).
    pub label: String,
    /// How to turn the bytes into a document.
    pub format: InputFormat,
    /// Metadata from the container (URL, date, source).
    pub meta: Metadata,
}

/// Expands paths: `-` is stdin, directories are walked recursively (files sorted by path,
/// hidden entries skipped). Paths that do not exist come back as errors.
pub fn expand_inputs(paths: &[String]) -> (Vec<Input>, Vec<ReadError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let path = Path::new(p);
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                let walker = walkdir::WalkDir::new(path)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_entry(|e| {
                        e.depth() == 0
                            || !e.file_name().to_str().is_some_and(|n| n.starts_with('.'))
                    });
                for entry in walker {
                    match entry {
                        Ok(e) if e.file_type().is_file() => inputs.push(Input::File(e.into_path())),
                        Ok(_) => {}
                        Err(e) => errors.push(ReadError::new(
                            p.clone(),
                            format!("cannot walk directory: {e}"),
                        )),
                    }
                }
            }
            Ok(_) => inputs.push(Input::File(path.to_path_buf())),
            Err(e) => errors.push(ReadError::new(p.clone(), describe_io(&e))),
        }
    }
    (inputs, errors)
}

fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Wraps a reader in a buffered stream, looking through gzip compression.
fn buffered(reader: Box<dyn Read>, label: &str) -> Result<(Box<dyn BufRead>, bool), ReadError> {
    let mut buf = BufReader::with_capacity(64 * 1024, reader);
    let head = buf
        .fill_buf()
        .map_err(|e| ReadError::new(label, format!("cannot read: {}", describe_io(&e))))?;
    if crate::is_gzip(head) {
        let dec = flate2::bufread::MultiGzDecoder::new(buf);
        Ok((Box::new(BufReader::with_capacity(64 * 1024, dec)), true))
    } else {
        Ok((Box::new(buf), false))
    }
}

/// Reads all of a stream, refusing more than `max` bytes.
fn read_all(mut stream: impl Read, label: &str, max: u64, gz: bool) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    (&mut stream)
        .take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            let what = if gz {
                format!(
                    "damaged gzip data after {} bytes: {}",
                    bytes.len(),
                    crate::compress::describe(&e)
                )
            } else {
                format!("cannot read: {}", describe_io(&e))
            };
            ReadError::new(label, what)
        })?;
    if bytes.len() as u64 > max {
        let what = if gz {
            format!("decompresses to more than {max} bytes (the --max-bytes limit); refusing")
        } else {
            format!("input is over the {max} byte limit (--max-bytes to raise it)")
        };
        return Err(ReadError::new(label, what));
    }
    Ok(bytes)
}

/// Opens an input and yields its articles one at a time.
///
/// The reader is chosen by `opts.format`, else the extension (looking through `.gz`), else the
/// content. WARC and JSON Lines inputs are streamed record by record (the byte limit applies to
/// each record); other formats are read whole, within the limit.
pub fn open(input: &Input, opts: &ReadOptions) -> Result<Records, ReadError> {
    let label = input.label();
    let (reader, path, by_extension): (Box<dyn Read>, _, _) = match input {
        Input::Stdin => (Box::new(std::io::stdin()), None, None),
        Input::File(p) => (
            Box::new(File::open(p).map_err(|e| ReadError::new(&label, describe_io(&e)))?),
            Some(p.display().to_string()),
            InputFormat::from_extension(p),
        ),
    };
    open_reader(reader, label, path, opts.format.or(by_extension), opts)
}

/// The articles of one input, one result per record.
pub type Records = Box<dyn Iterator<Item = Result<RawDocument, ReadError>>>;

/// Reads articles from any byte stream (gzip looked through); `format` forces a reader,
/// otherwise the content decides. `label` names the stream in errors.
pub fn open_reader(
    reader: Box<dyn Read>,
    label: String,
    path: Option<String>,
    format: Option<InputFormat>,
    opts: &ReadOptions,
) -> Result<Records, ReadError> {
    let (mut stream, gz) = buffered(reader, &label)?;
    // The head decides the format; a stream damaged inside it (a cut gzip member) still
    // yields what came before the damage, and the error comes after it, in its record.
    let mut head = Vec::new();
    let mut pending = None;
    let mut buf = [0u8; 4096];
    while head.len() < 4096 {
        match stream.read(&mut buf[..4096 - head.len()]) {
            Ok(0) => break,
            Ok(n) => head.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => {
                pending = Some(e);
                break;
            }
        }
    }
    if let Some(e) = pending.take() {
        if head.is_empty() {
            return Err(ReadError::new(
                &label,
                if gz {
                    format!("damaged gzip data: {}", crate::compress::describe(&e))
                } else {
                    format!("cannot read: {}", describe_io(&e))
                },
            ));
        }
        pending = Some(e);
    }
    let stream: Box<dyn Read> = match pending {
        Some(e) => Box::new(FailAfter(Some(e))),
        None => stream,
    };
    let format = format.unwrap_or_else(|| InputFormat::sniff(&head));
    let stream = BufReader::new(std::io::Cursor::new(head).chain(stream));
    match format {
        InputFormat::Warc => Ok(Box::new(crate::warc::WarcRecords::new(
            stream,
            label,
            path,
            opts.max_bytes,
        ))),
        InputFormat::JsonLines => Ok(Box::new(crate::jsonl::JsonLines::new(
            stream,
            label,
            path,
            opts.max_bytes,
        ))),
        InputFormat::Feed => {
            let bytes = read_all(stream, &label, opts.max_bytes, gz)?;
            let items = crate::feed::feed_items(&bytes, &label, path)?;
            Ok(Box::new(items.into_iter()))
        }
        InputFormat::Text | InputFormat::Html => {
            let bytes = read_all(stream, &label, opts.max_bytes, gz)?;
            let raw = RawDocument {
                bytes,
                path,
                label,
                format,
                meta: Metadata::default(),
            };
            Ok(Box::new(std::iter::once(Ok(raw))))
        }
    }
}

/// A stream that fails with the error it was given (once), then ends.
struct FailAfter(Option<std::io::Error>);

impl Read for FailAfter {
    fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
        match self.0.take() {
            Some(e) => Err(e),
            None => Ok(0),
        }
    }
}

/// A URL without its fragment and surrounding whitespace, for comparing fetches.
fn normalize_url(url: &str) -> String {
    let u = url.trim();
    let u = u.split('#').next().unwrap_or(u);
    u.to_string()
}

/// Decodes and cleans one raw document.
pub fn build_document(raw: RawDocument, cleaner: &Cleaner) -> Result<Document, ReadError> {
    if raw.bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::new(
            &raw.label,
            "empty input: no text to analyse",
        ));
    }
    match raw.format {
        InputFormat::Text | InputFormat::Warc | InputFormat::JsonLines | InputFormat::Feed => {
            let id = content_id(&raw.bytes);
            let (text, diagnostics) =
                decode_text(&raw.bytes).map_err(|m| ReadError::new(&raw.label, m))?;
            let mut doc = cleaner.clean(&text, raw.path.as_deref(), raw.meta);
            doc.id = id;
            doc.path = raw.path;
            doc.diagnostics.extend(diagnostics);
            if doc.text.trim().is_empty() {
                return Err(ReadError::new(
                    &raw.label,
                    "no article text left after cleaning",
                ));
            }
            Ok(doc)
        }
        InputFormat::Html => {
            let transport = raw.meta.extra.get("content-type").cloned();
            let (page, diagnostics) = crate::decode_html(&raw.bytes, transport.as_deref())
                .map_err(|m| ReadError::new(&raw.label, m))?;
            let x = crate::html::extract(&page)
                .map_err(|e| ReadError::new(&raw.label, e.to_string()))?;
            let mut meta = raw.meta;
            let pm = x.meta;
            // What the container states explicitly wins; the page fills the rest.
            meta.title = meta.title.or(pm.title);
            meta.standfirst = meta.standfirst.or(pm.description);
            meta.byline = meta.byline.or(pm.byline);
            meta.outlet = meta.outlet.or(pm.outlet);
            meta.published = meta.published.or(pm.published);
            meta.url = meta.url.or(pm.url);
            // Two fetches of one article differ in their furniture, not their body: the id
            // of a page is the id of its clean text.
            let id = content_id(x.text.as_bytes());
            meta.url = meta.url.map(|u| normalize_url(&u));
            let mut doc = Document {
                id,
                path: raw.path,
                raw: page,
                text: x.text,
                alignment: x.alignment,
                meta,
                dropped: x.dropped,
                paragraphs: x.paragraphs,
                ..Document::default()
            };
            doc.diagnostics.extend(diagnostics);
            if doc.text.trim().is_empty() {
                return Err(ReadError::new(
                    &raw.label,
                    "no article text found in the page",
                ));
            }
            Ok(doc)
        }
    }
}

/// Reads `data` as an input of `format` (sniffed when `None`) and builds every record, checking
/// the invariants every document must keep (alignment segments verbatim and in range,
/// paragraphs on char boundaries). Returns how many documents were built. Used by the fuzz
/// targets in `fuzz/` and the property tests; panics only if an invariant is broken.
pub fn fuzz_read(data: &[u8], format: Option<InputFormat>) -> usize {
    let opts = ReadOptions {
        format,
        max_bytes: 1 << 20,
    };
    let cleaner = Cleaner::default();
    let Ok(records) = open_reader(
        Box::new(std::io::Cursor::new(data.to_vec())),
        "fuzz".to_string(),
        None,
        format,
        &opts,
    ) else {
        return 0;
    };
    let mut built = 0;
    for raw in records.take(10_000) {
        let Ok(raw) = raw else { continue };
        let Ok(doc) = build_document(raw, &cleaner) else {
            continue;
        };
        for seg in &doc.alignment.segments {
            let clean = doc.text.get(seg.clean..seg.clean + seg.len);
            let raw = doc.raw.get(seg.raw..seg.raw + seg.len);
            assert!(
                clean.is_some() && clean == raw,
                "alignment segment not verbatim: {seg:?}"
            );
        }
        for w in doc.alignment.segments.windows(2) {
            assert!(
                w[0].clean + w[0].len <= w[1].clean,
                "alignment segments out of order"
            );
        }
        for p in &doc.paragraphs {
            assert!(
                doc.text.get(p.start..p.end).is_some(),
                "paragraph off a char boundary"
            );
        }
        for d in &doc.dropped {
            assert!(
                doc.raw.get(d.raw.start..d.raw.end).is_some(),
                "drop span off the raw text"
            );
        }
        built += 1;
    }
    built
}
