//! WARC files (plain or gzipped), read record by record in constant memory.
//!
//! Only `response` records whose HTTP payload is HTML become documents: the HTTP status line and
//! headers are stripped (a `Content-Encoding: gzip` or chunked body is decoded, bounded), the
//! `WARC-Target-URI` becomes the document's URL, `WARC-Date` is kept as `meta.extra["fetched"]`
//! (a crawl date, not a publication date) and the HTTP `Content-Type` as
//! `meta.extra["content-type"]` (its charset helps decoding). Other records are skipped.
//!
//! A record whose `Content-Length` lies is detected (the bytes after it are not the blank
//! lines and `WARC/` header that must follow, or the content runs into the next record's
//! header) and reported as an error for that record; the reader resynchronises on the next
//! `WARC/` header line and goes on.

use std::io::{BufRead, Read};

use newsgraph_core::Metadata;

use crate::compress::describe;
use crate::reader::{InputFormat, RawDocument, ReadError};

/// Longest WARC or HTTP header block accepted.
const MAX_HEADER: usize = 256 * 1024;
/// How far the reader looks for the next record after damage.
const MAX_RESYNC: u64 = 64 * 1024 * 1024;

/// A buffered stream with room to push bytes back in front.
pub(crate) struct Pushback<R> {
    inner: R,
    front: Vec<u8>,
    pos: usize,
}

impl<R: BufRead> Pushback<R> {
    pub(crate) fn new(inner: R) -> Self {
        Pushback {
            inner,
            front: Vec::new(),
            pos: 0,
        }
    }
    /// Puts `bytes` back so they are read next.
    fn unread(&mut self, bytes: &[u8]) {
        let mut v = bytes.to_vec();
        v.extend_from_slice(&self.front[self.pos..]);
        self.front = v;
        self.pos = 0;
    }
}

impl<R: BufRead> Read for Pushback<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(buf.len());
        buf[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Pushback<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.pos < self.front.len() {
            return Ok(&self.front[self.pos..]);
        }
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        if self.pos < self.front.len() {
            self.pos = (self.pos + amt).min(self.front.len());
            if self.pos == self.front.len() {
                self.front.clear();
                self.pos = 0;
            }
        } else {
            self.inner.consume(amt);
        }
    }
}

/// Reads one line (up to `max` bytes, `\n` included); `None` at the end of the stream.
fn read_line(r: &mut impl BufRead, max: usize) -> std::io::Result<Option<Vec<u8>>> {
    let mut line = Vec::new();
    let n = r.take(max as u64).read_until(b'\n', &mut line)?;
    if n == 0 {
        return Ok(None);
    }
    Ok(Some(line))
}

/// The records of a WARC stream.
pub(crate) struct WarcRecords<R> {
    r: Pushback<R>,
    label: String,
    path: Option<String>,
    max_bytes: u64,
    record: usize,
    done: bool,
}

impl<R: BufRead> WarcRecords<R> {
    pub(crate) fn new(r: R, label: String, path: Option<String>, max_bytes: u64) -> Self {
        WarcRecords {
            r: Pushback::new(r),
            label,
            path,
            max_bytes,
            record: 0,
            done: false,
        }
    }

    fn err(&self, message: impl Into<String>) -> ReadError {
        ReadError::new(format!("{}#{}", self.label, self.record), message)
    }

    /// Skips to the next line starting with `WARC/`, leaving it unread.
    fn resync(&mut self) -> std::io::Result<bool> {
        let mut skipped = 0u64;
        while skipped < MAX_RESYNC {
            let Some(line) = read_line(&mut self.r, MAX_HEADER)? else {
                return Ok(false);
            };
            skipped += line.len() as u64;
            if line.starts_with(b"WARC/") {
                self.r.unread(&line);
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Reads the next record; `Ok(None)` for a record that is not a document.
    fn next_record(&mut self) -> Result<Option<Option<RawDocument>>, ReadError> {
        // Blank lines between records.
        let version = loop {
            match read_line(&mut self.r, MAX_HEADER) {
                Ok(None) => return Ok(None),
                Ok(Some(l)) if l.iter().all(|b| b.is_ascii_whitespace()) => continue,
                Ok(Some(l)) => break l,
                Err(e) => return Err(self.err(format!("cannot read: {}", describe(&e)))),
            }
        };
        self.record += 1;
        if !version.starts_with(b"WARC/") {
            let shown: String = String::from_utf8_lossy(&version[..version.len().min(40)])
                .trim()
                .to_string();
            let found = self.resync().unwrap_or(false);
            if !found {
                self.done = true;
            }
            return Err(self.err(format!(
                "not a WARC record header (found '{shown}'); skipped to the next record"
            )));
        }
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut size = 0usize;
        loop {
            let line = match read_line(&mut self.r, MAX_HEADER) {
                Ok(Some(l)) => l,
                Ok(None) => {
                    self.done = true;
                    return Err(self.err("the file ends inside a record header"));
                }
                Err(e) => {
                    self.done = true;
                    return Err(self.err(format!("cannot read: {}", describe(&e))));
                }
            };
            size += line.len();
            if size > MAX_HEADER {
                let _ = self.resync();
                return Err(self.err("record header is too long"));
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                break;
            }
            if let Some((k, v)) = text.split_once(':') {
                headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
        let get = |k: &str| {
            headers
                .iter()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.as_str())
        };
        let Some(len) = get("content-length").and_then(|v| v.parse::<u64>().ok()) else {
            let _ = self.resync();
            return Err(self.err("record has no valid Content-Length; skipped"));
        };
        let kind = get("warc-type").unwrap_or("").to_ascii_lowercase();
        let is_http = get("content-type")
            .is_some_and(|t| t.to_ascii_lowercase().contains("application/http"));
        let wanted = kind == "response" && is_http;
        let uri = get("warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_string());
        let date = get("warc-date").map(str::to_string);
        let record_id = get("warc-record-id").map(str::to_string);

        // Read the content (skip it when it is over the limit), then check that the record
        // ends where its length says: the blank-line separator, then the next header.
        let mut content = Vec::new();
        let too_large = len > self.max_bytes;
        let got = if too_large {
            std::io::copy(&mut Read::take(&mut self.r, len), &mut std::io::sink())
        } else {
            Read::take(&mut self.r, len)
                .read_to_end(&mut content)
                .map(|n| n as u64)
        };
        let got = match got {
            Ok(n) => n,
            Err(e) => {
                self.done = true;
                return Err(self.err(format!("cannot read record content: {}", describe(&e))));
            }
        };
        if got < len {
            // A length too long for the last record runs off the end of the file.
            if let Some(p) = find(&content, b"\r\n\r\nWARC/") {
                let tail = content.split_off(p);
                self.r.unread(&tail);
                return Err(self.err(format!(
                    "Content-Length {len} runs into the next record (true length {p}); record skipped"
                )));
            }
            self.done = true;
            return Err(self.err(format!(
                "the file ends inside a record (Content-Length {len}, {got} bytes present)"
            )));
        }
        let mut next = Vec::new();
        let peeked = Read::take(&mut self.r, 16).read_to_end(&mut next);
        self.r.unread(&next);
        if peeked.is_ok() && !ends_well(&next) {
            // Too long: the content took in the separator and maybe more of the next record.
            let from = content.len().saturating_sub(16);
            let mut window = content[from..].to_vec();
            window.extend_from_slice(&next);
            let near = find(&window, b"\r\n\r\nWARC/")
                .filter(|&p| p < content.len() - from)
                .map(|p| from + p);
            let far = || find(&content, b"\r\n\r\nWARC/1.");
            if let Some(p) = near.or_else(far) {
                let tail = content.split_off(p);
                self.r.unread(&tail);
                return Err(self.err(format!(
                    "Content-Length {len} is {} bytes too long: it runs into the next record; \
                     record skipped",
                    len - p as u64
                )));
            }
            // A separator shorter than the standard one, then the next header, is accepted;
            // otherwise the length is too short and content is left before the next header.
            let short_separator =
                next.trim_ascii_start().starts_with(b"WARC/") && next.first() != Some(&b'W');
            if !short_separator {
                let found = self.resync().unwrap_or(false);
                if !found {
                    self.done = true;
                }
                return Err(self.err(format!(
                    "Content-Length {len} is shorter than the record; record skipped"
                )));
            }
        }
        if !wanted {
            return Ok(Some(None));
        }
        if too_large {
            return Err(self.err(format!(
                "record is {len} bytes, over the {} byte limit (--max-bytes to raise it)",
                self.max_bytes
            )));
        }
        let Some(payload) = http_payload(&content, self.max_bytes).map_err(|m| self.err(m))? else {
            return Ok(Some(None));
        };
        let mut meta = Metadata::default();
        if let Some(u) = &uri {
            meta.url = Some(u.clone());
            meta.source = host_of(u);
        }
        if let Some(d) = date {
            meta.extra.insert("fetched".to_string(), d);
        }
        if let Some(id) = record_id {
            meta.extra.insert("warc-record-id".to_string(), id);
        }
        if let Some(ct) = payload.content_type {
            meta.extra.insert("content-type".to_string(), ct);
        }
        Ok(Some(Some(RawDocument {
            bytes: payload.body,
            path: self.path.clone(),
            label: format!("{}#{}", self.label, self.record),
            format: InputFormat::Html,
            meta,
        })))
    }
}

impl<R: BufRead> Iterator for WarcRecords<R> {
    type Item = Result<RawDocument, ReadError>;
    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.next_record() {
                Ok(None) => {
                    self.done = true;
                }
                Ok(Some(None)) => continue,
                Ok(Some(Some(doc))) => return Some(Ok(doc)),
                Err(e) => return Some(Err(e)),
            }
        }
        None
    }
}

/// Whether `next` (the bytes after a record's content) is the separator and then the next
/// record or the end of the file.
fn ends_well(next: &[u8]) -> bool {
    let rest = next
        .strip_prefix(b"\r\n\r\n")
        .or_else(|| next.strip_prefix(b"\n\n"));
    match rest {
        Some(rest) => {
            let rest = rest.trim_ascii_start();
            rest.is_empty() || rest.starts_with(b"WARC/") || b"WARC/".starts_with(rest)
        }
        // A file may end right after the content, without the separator.
        None => next.iter().all(|b| b.is_ascii_whitespace()) && !next.contains(&b'W'),
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The host of a URL (`https://www.example.com/x` → `www.example.com`).
pub(crate) fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

struct Payload {
    body: Vec<u8>,
    content_type: Option<String>,
}

/// Strips the HTTP status line and headers; `None` when the payload is not an HTML page.
fn http_payload(content: &[u8], max: u64) -> Result<Option<Payload>, String> {
    let split = find(content, b"\r\n\r\n")
        .map(|p| (p, p + 4))
        .or_else(|| find(content, b"\n\n").map(|p| (p, p + 2)));
    let Some((head_end, body_start)) = split else {
        return Err("HTTP response has no end of headers".to_string());
    };
    let head = String::from_utf8_lossy(&content[..head_end]);
    let mut lines = head.lines();
    let status = lines.next().unwrap_or("");
    let code: u16 = status
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    if !status.starts_with("HTTP/") {
        return Err(format!(
            "not an HTTP response (status line '{}')",
            status.chars().take(40).collect::<String>()
        ));
    }
    if !(200..300).contains(&code) {
        return Ok(None);
    }
    let mut content_type = None;
    let mut encoding = None;
    let mut chunked = false;
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            let k = k.trim().to_ascii_lowercase();
            let v = v.trim();
            match k.as_str() {
                "content-type" => content_type = Some(v.to_string()),
                "content-encoding" => encoding = Some(v.to_ascii_lowercase()),
                "transfer-encoding" => chunked = v.to_ascii_lowercase().contains("chunked"),
                _ => {}
            }
        }
    }
    let is_html = content_type.as_deref().is_none_or(|t| {
        let t = t.to_ascii_lowercase();
        t.contains("html")
    });
    if !is_html {
        return Ok(None);
    }
    let mut body = content[body_start..].to_vec();
    if chunked {
        if let Some(b) = dechunk(&body) {
            body = b;
        }
    }
    if matches!(encoding.as_deref(), Some("gzip") | Some("x-gzip")) && crate::is_gzip(&body) {
        body = crate::gunzip_limited(&body, max).map_err(|e| format!("HTTP body: {e}"))?;
    }
    Ok(Some(Payload { body, content_type }))
}

/// Decodes a chunked HTTP body; `None` if it is not well-formed chunking.
fn dechunk(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        let line_end = i + find(&b[i..], b"\r\n")?;
        let size_text = std::str::from_utf8(&b[i..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        i = line_end + 2;
        if size == 0 {
            return Some(out);
        }
        let end = i.checked_add(size)?;
        out.extend_from_slice(b.get(i..end)?);
        i = end + 2;
        if i > b.len() {
            return Some(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn record(uri: &str, http: &str, lie: i64) -> Vec<u8> {
        let len = (http.len() as i64 + lie) as usize;
        format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2019-11-19T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {len}\r\n\r\n{http}\r\n\r\n"
        )
        .into_bytes()
    }

    fn page(body: &str) -> String {
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>{body}</p></body></html>")
    }

    fn read(bytes: &[u8]) -> Vec<Result<RawDocument, ReadError>> {
        WarcRecords::new(bytes, "crawl.warc".into(), None, 1 << 20).collect()
    }

    #[test]
    fn responses_become_documents_others_are_skipped() {
        let mut w =
            b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n".to_vec();
        w.extend(record("http://a.example/1", &page("first"), 0));
        w.extend(record(
            "http://a.example/img",
            "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG",
            0,
        ));
        w.extend(record("http://b.example/2", &page("second"), 0));
        let docs = read(&w);
        assert_eq!(docs.len(), 2);
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.meta.url.as_deref(), Some("http://a.example/1"));
        assert_eq!(d.meta.source.as_deref(), Some("a.example"));
        assert_eq!(d.meta.extra["fetched"], "2019-11-19T10:00:00Z");
        assert!(String::from_utf8_lossy(&d.bytes).starts_with("<html>"));
        assert_eq!(d.label, "crawl.warc#2");
    }

    #[test]
    fn lying_lengths_are_errors_and_reading_goes_on() {
        for lie in [-7i64, 25, 4000] {
            let mut w = record("http://a.example/1", &page("first"), lie);
            w.extend(record("http://b.example/2", &page("second"), 0));
            let docs = read(&w);
            let oks: Vec<_> = docs.iter().filter_map(|d| d.as_ref().ok()).collect();
            let errs: Vec<_> = docs.iter().filter_map(|d| d.as_ref().err()).collect();
            assert!(!errs.is_empty(), "lie {lie}: {docs:?}");
            assert!(errs[0].label.starts_with("crawl.warc#"), "{errs:?}");
            assert_eq!(oks.len(), 1, "lie {lie}: {docs:?}");
            assert_eq!(oks[0].meta.url.as_deref(), Some("http://b.example/2"));
        }
    }

    #[test]
    fn garbage_and_truncation() {
        let mut w = b"this is not a warc file\r\n".to_vec();
        w.extend(record("http://b.example/2", &page("second"), 0));
        let docs = read(&w);
        assert!(docs[0].is_err());
        assert!(docs[1].is_ok());
        let full = record("http://a.example/1", &page("first"), 0);
        let docs = read(&full[..full.len() / 2]);
        assert_eq!(docs.len(), 1);
        assert!(docs[0]
            .as_ref()
            .unwrap_err()
            .message
            .contains("ends inside"));
    }

    #[test]
    fn chunked_and_gzip_bodies() {
        assert_eq!(
            dechunk(b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n").unwrap(),
            b"hello world"
        );
        assert_eq!(
            host_of("https://user@www.Example.com:8080/x"),
            Some("www.example.com".into())
        );
    }
}
