//! Inputs, formats and the two reading steps: [`open`] and [`build_document`].

use std::fmt;
use std::fs::File;
use std::io::Read;
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
}

impl InputFormat {
    /// Every format, for help texts.
    pub const ALL: &'static [InputFormat] = &[InputFormat::Text, InputFormat::Html];

    /// The format's name on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Html => "html",
        }
    }

    /// The format a path's extension names, if any.
    pub fn from_extension(path: &Path) -> Option<InputFormat> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        if name.ends_with(".txt") || name.ends_with(".text") || name.ends_with(".md") {
            return Some(InputFormat::Text);
        }
        if name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".xhtml") {
            return Some(InputFormat::Html);
        }
        None
    }

    /// The format the content looks like (for stdin and unknown extensions).
    pub fn sniff(_head: &[u8]) -> InputFormat {
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

/// Reads all of an input, refusing more than `max` bytes.
fn read_limited(input: &Input, max: u64) -> Result<Vec<u8>, ReadError> {
    let label = input.label();
    let mut reader: Box<dyn Read> = match input {
        Input::Stdin => Box::new(std::io::stdin().lock()),
        Input::File(p) => {
            let file = File::open(p).map_err(|e| ReadError::new(&label, describe_io(&e)))?;
            if let Ok(m) = file.metadata() {
                if m.len() > max {
                    return Err(ReadError::new(
                        &label,
                        format!(
                            "file is {} bytes, over the {} byte limit (--max-bytes to raise it)",
                            m.len(),
                            max
                        ),
                    ));
                }
            }
            Box::new(file)
        }
    };
    let mut bytes = Vec::new();
    (&mut reader)
        .take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::new(&label, format!("cannot read: {}", describe_io(&e))))?;
    if bytes.len() as u64 > max {
        return Err(ReadError::new(
            &label,
            format!("input is over the {max} byte limit (--max-bytes to raise it)"),
        ));
    }
    Ok(bytes)
}

/// Opens an input and yields its articles one at a time.
pub fn open(
    input: &Input,
    opts: &ReadOptions,
) -> Result<Box<dyn Iterator<Item = Result<RawDocument, ReadError>>>, ReadError> {
    let label = input.label();
    let path = match input {
        Input::Stdin => None,
        Input::File(p) => Some(p.display().to_string()),
    };
    let bytes = read_limited(input, opts.max_bytes)?;
    let format = opts
        .format
        .or_else(|| match input {
            Input::File(p) => InputFormat::from_extension(p),
            Input::Stdin => None,
        })
        .unwrap_or_else(|| InputFormat::sniff(&bytes[..bytes.len().min(4096)]));
    match format {
        InputFormat::Text | InputFormat::Html => {
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

/// Decodes and cleans one raw document.
pub fn build_document(raw: RawDocument, cleaner: &Cleaner) -> Result<Document, ReadError> {
    if raw.bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::new(
            &raw.label,
            "empty input: no text to analyse",
        ));
    }
    let id = content_id(&raw.bytes);
    match raw.format {
        InputFormat::Text => {
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
