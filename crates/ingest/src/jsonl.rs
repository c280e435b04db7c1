//! JSON Lines exports: one article per line, read line by line in constant memory.
//!
//! The field mapping (each line is one JSON object):
//!
//! | field | becomes |
//! |---|---|
//! | `html` | the article as an HTML page (extracted like an `.html` file) |
//! | `text` | the article as plain text (cleaned like a `.txt` file); used when `html` is absent |
//! | `title` | `meta.title` |
//! | `url` | `meta.url` |
//! | `published` | `meta.published` (ISO 8601, RFC 2822, `Nov 19, 2019`, Unix seconds) |
//! | `source` | `meta.source` (and the cleaner's repetition group) |
//! | `byline` or `author` | `meta.byline` |
//! | anything else | `meta.extra` (strings as they are, other values as JSON text) |
//!
//! Blank lines are skipped. A line that is not a JSON object, lacks both `text` and `html`, or
//! is longer than the byte limit is one per-record error (`file#line`), and the file goes on.

use std::io::{BufRead, Read};

use newsgraph_core::Metadata;
use serde_json::Value;

use crate::html::parse_date;
use crate::reader::{InputFormat, RawDocument, ReadError};

/// The records of a JSON Lines stream.
pub(crate) struct JsonLines<R> {
    r: R,
    label: String,
    path: Option<String>,
    max_bytes: u64,
    line: usize,
    done: bool,
}

impl<R: BufRead> JsonLines<R> {
    pub(crate) fn new(r: R, label: String, path: Option<String>, max_bytes: u64) -> Self {
        JsonLines {
            r,
            label,
            path,
            max_bytes,
            line: 0,
            done: false,
        }
    }

    /// Reads the next line, bounded; `Err` for an overlong line (the rest of it is skipped).
    fn read_line(&mut self) -> Result<Option<Vec<u8>>, ReadError> {
        let mut buf = Vec::new();
        let n = Read::take(&mut self.r, self.max_bytes + 1)
            .read_until(b'\n', &mut buf)
            .map_err(|e| {
                self.done = true;
                ReadError::new(
                    format!("{}#{}", self.label, self.line + 1),
                    format!("cannot read: {}", crate::compress::describe(&e)),
                )
            })?;
        if n == 0 {
            return Ok(None);
        }
        self.line += 1;
        if buf.len() as u64 > self.max_bytes && buf.last() != Some(&b'\n') {
            // Skip the rest of the overlong line.
            loop {
                let avail = match self.r.fill_buf() {
                    Ok(a) => a,
                    Err(_) => {
                        self.done = true;
                        break;
                    }
                };
                if avail.is_empty() {
                    break;
                }
                if let Some(p) = avail.iter().position(|&b| b == b'\n') {
                    self.r.consume(p + 1);
                    break;
                }
                let l = avail.len();
                self.r.consume(l);
            }
            return Err(ReadError::new(
                format!("{}#{}", self.label, self.line),
                format!("line is over the {} byte limit; skipped", self.max_bytes),
            ));
        }
        Ok(Some(buf))
    }
}

/// Turns one JSON Lines record into a raw document.
pub fn record_to_raw(
    line: &[u8],
    label: String,
    path: Option<String>,
) -> Result<RawDocument, ReadError> {
    let text = std::str::from_utf8(line)
        .map_err(|e| ReadError::new(&label, format!("not UTF-8 at byte {}", e.valid_up_to())))?;
    let value: Value =
        serde_json::from_str(text).map_err(|e| ReadError::new(&label, format!("not JSON: {e}")))?;
    let Value::Object(map) = value else {
        return Err(ReadError::new(&label, "not a JSON object"));
    };
    let mut meta = Metadata::default();
    let mut body: Option<(InputFormat, String)> = None;
    let mut text_body = None;
    for (k, v) in map {
        let s = match &v {
            Value::String(s) => Some(s.clone()),
            _ => None,
        };
        match (k.as_str(), s) {
            ("html", Some(s)) => body = Some((InputFormat::Html, s)),
            ("text", Some(s)) => text_body = Some(s),
            ("title", Some(s)) => meta.title = Some(s),
            ("url", Some(s)) => meta.url = Some(s),
            ("source", Some(s)) => meta.source = Some(s),
            ("byline" | "author", Some(s)) => meta.byline = Some(s),
            ("published", Some(s)) => match parse_date(&s) {
                Some(d) => meta.published = Some(d),
                None => {
                    meta.extra.insert("published".to_string(), s);
                }
            },
            ("published", None) if v.is_number() => {
                meta.published = parse_date(&v.to_string());
            }
            (_, Some(s)) => {
                meta.extra.insert(k, s);
            }
            (_, None) => {
                if !v.is_null() {
                    meta.extra.insert(k, v.to_string());
                }
            }
        }
    }
    let (format, content) = match (body, text_body) {
        (Some(b), _) => b,
        (None, Some(t)) => (InputFormat::Text, t),
        (None, None) => {
            return Err(ReadError::new(
                &label,
                "record has neither a \"text\" nor an \"html\" string field",
            ))
        }
    };
    Ok(RawDocument {
        bytes: content.into_bytes(),
        path,
        label,
        format,
        meta,
    })
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Result<RawDocument, ReadError>;
    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let line = match self.read_line() {
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Ok(Some(l)) => l,
                Err(e) => return Some(Err(e)),
            };
            let trimmed = line.trim_ascii();
            if trimmed.is_empty() {
                continue;
            }
            let label = format!("{}#{}", self.label, self.line);
            return Some(record_to_raw(trimmed, label, self.path.clone()));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Vec<Result<RawDocument, ReadError>> {
        JsonLines::new(s.as_bytes(), "x.jsonl".into(), None, 1000).collect()
    }

    #[test]
    fn mapping_and_per_line_errors() {
        let input = concat!(
            r#"{"text":"Body one.","title":"T1","url":"http://e.example/1","published":"2019-11-19","source":"E","lang":"en","tags":["a","b"]}"#,
            "\n\n",
            "this is not json\n",
            r#"{"html":"<p>Two</p>","text":"ignored"}"#,
            "\n",
            r#"[1,2]"#,
            "\n",
            r#"{"title":"no body"}"#,
            "\n",
            r#"{"text":"last"}"#,
        );
        let docs = read(input);
        assert_eq!(docs.len(), 6);
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.format, InputFormat::Text);
        assert_eq!(d.meta.title.as_deref(), Some("T1"));
        assert_eq!(d.meta.published, newsgraph_core::Date::new(2019, 11, 19));
        assert_eq!(d.meta.source.as_deref(), Some("E"));
        assert_eq!(d.meta.extra["lang"], "en");
        assert_eq!(d.meta.extra["tags"], r#"["a","b"]"#);
        let e = docs[1].as_ref().unwrap_err();
        assert_eq!(e.label, "x.jsonl#3");
        assert!(e.message.starts_with("not JSON"), "{e}");
        assert_eq!(docs[2].as_ref().unwrap().format, InputFormat::Html);
        assert!(docs[3].is_err());
        assert!(docs[4].as_ref().unwrap_err().message.contains("neither"));
        assert_eq!(docs[5].as_ref().unwrap().bytes, b"last");
    }

    #[test]
    fn overlong_lines_are_skipped() {
        let long = format!(
            "{{\"text\":\"{}\"}}\n{{\"text\":\"ok\"}}\n",
            "x".repeat(5000)
        );
        let docs = read(&long);
        assert_eq!(docs.len(), 2);
        assert!(docs[0].as_ref().unwrap_err().message.contains("limit"));
        assert_eq!(docs[1].as_ref().unwrap().bytes, b"ok");
    }
}
