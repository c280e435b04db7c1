//! Where the parsed text came from in the raw page.
//!
//! html5ever builds a faithful tree but keeps no source positions, so the text of each DOM
//! text node is matched back to the raw HTML. A light scan of the raw page ([`RawScan`]) finds
//! the runs of character data outside markup (tags, comments, `<script>`/`<style>` bodies and
//! other raw-text elements) and measures how deeply the markup nests; [`Aligner`] then walks
//! those runs in document order and matches each text node's characters against them, in
//! lockstep, skipping whitespace and stepping over character references (`&amp;`, `&#8217;`).
//! A node that cannot be matched maps to the nearest raw position instead; the cursor only
//! moves forward, so the work is linear in the page.

/// Elements whose content is not markup (the tokenizer switches to raw text or RCDATA).
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Character data runs of a raw page, and the most attributes one tag has.
#[derive(Debug, Default)]
pub(crate) struct RawScan {
    /// Byte ranges of character data outside markup, in order.
    pub runs: Vec<(usize, usize)>,
    /// The most attributes written in one start tag (html5ever checks each new attribute
    /// against the tag's earlier ones, so the work grows with the square of this).
    pub max_attributes: usize,
    /// Start tags seen.
    pub elements: usize,
}

fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || from >= hay.len() {
        return None;
    }
    let first = needle[0].to_ascii_lowercase();
    let mut i = from;
    while i + needle.len() <= hay.len() {
        let pos = memchr_ci(hay, i, first)?;
        if pos + needle.len() > hay.len() {
            return None;
        }
        if hay[pos..pos + needle.len()].eq_ignore_ascii_case(needle) {
            return Some(pos);
        }
        i = pos + 1;
    }
    None
}

fn memchr_ci(hay: &[u8], from: usize, lower: u8) -> Option<usize> {
    let upper = lower.to_ascii_uppercase();
    hay[from..]
        .iter()
        .position(|&b| b == lower || b == upper)
        .map(|p| p + from)
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// The end of a tag starting at `i` (just past `>`), honouring quoted attribute values.
fn tag_end(b: &[u8], mut i: usize) -> usize {
    let mut quote = 0u8;
    while i < b.len() {
        let c = b[i];
        if quote != 0 {
            if c == quote {
                quote = 0;
            }
        } else if c == b'"' || c == b'\'' {
            // Only a quote right after `=` (allowing spaces) opens a value.
            let mut k = i;
            while k > 0 && b[k - 1].is_ascii_whitespace() {
                k -= 1;
            }
            if k > 0 && b[k - 1] == b'=' {
                quote = c;
            }
        } else if c == b'>' {
            return i + 1;
        }
        i += 1;
    }
    b.len()
}

impl RawScan {
    /// Scans `raw` once.
    pub fn new(raw: &str) -> RawScan {
        let b = raw.as_bytes();
        let mut scan = RawScan::default();
        let mut text_start = 0usize;
        let mut i = 0usize;
        let push = |scan: &mut RawScan, s: usize, e: usize| {
            if e > s {
                scan.runs.push((s, e));
            }
        };
        while i < b.len() {
            let Some(off) = b[i..].iter().position(|&c| c == b'<') else {
                break;
            };
            let lt = i + off;
            let next = b.get(lt + 1).copied().unwrap_or(0);
            if b[lt..].starts_with(b"<!--") {
                push(&mut scan, text_start, lt);
                let end = find(b, lt + 4, b"-->").map_or(b.len(), |p| p + 3);
                i = end;
                text_start = end;
            } else if next == b'!' || next == b'?' {
                push(&mut scan, text_start, lt);
                let end = b[lt..]
                    .iter()
                    .position(|&c| c == b'>')
                    .map_or(b.len(), |p| lt + p + 1);
                i = end;
                text_start = end;
            } else if next == b'/' && b.get(lt + 2).is_some_and(|c| c.is_ascii_alphabetic()) {
                push(&mut scan, text_start, lt);
                let name_end = b[lt + 2..]
                    .iter()
                    .position(|c| !c.is_ascii_alphanumeric())
                    .map_or(b.len(), |p| lt + 2 + p);
                let end = tag_end(b, name_end);
                i = end;
                text_start = end;
            } else if next.is_ascii_alphabetic() {
                push(&mut scan, text_start, lt);
                let name_end = b[lt + 1..]
                    .iter()
                    .position(|c| !(c.is_ascii_alphanumeric() || *c == b'-' || *c == b':'))
                    .map_or(b.len(), |p| lt + 1 + p);
                let name = &b[lt + 1..name_end];
                let end = tag_end(b, name_end);
                scan.elements += 1;
                scan.max_attributes = scan.max_attributes.max(count_attributes(&b[name_end..end]));
                let self_closing = end >= 2 && b[end - 2] == b'/';
                if is_in(name, RAW_TEXT) && !self_closing {
                    let mut close = Vec::with_capacity(name.len() + 2);
                    close.extend_from_slice(b"</");
                    close.extend_from_slice(name);
                    let body_end = find_ci(b, end, &close).unwrap_or(b.len());
                    let after = if body_end < b.len() {
                        tag_end(b, body_end + close.len())
                    } else {
                        b.len()
                    };
                    i = after;
                    text_start = after;
                } else {
                    i = end;
                    text_start = end;
                }
            } else {
                // A lone `<` is character data.
                i = lt + 1;
            }
        }
        push(&mut scan, text_start, b.len());
        scan
    }
}

/// How many attributes the inside of a start tag (after its name) writes: names start after
/// whitespace or `/`, outside quoted values.
fn count_attributes(tag: &[u8]) -> usize {
    let mut n = 0;
    let mut quote = 0u8;
    let mut boundary = true;
    let mut after_eq = false;
    for &c in tag {
        if quote != 0 {
            if c == quote {
                quote = 0;
            }
            continue;
        }
        match c {
            b'"' | b'\'' if after_eq => quote = c,
            b'=' => {
                after_eq = true;
                boundary = false;
                continue;
            }
            b'>' => break,
            c if c.is_ascii_whitespace() || c == b'/' => {
                boundary = !after_eq;
                continue;
            }
            _ => {
                if boundary {
                    n += 1;
                }
                boundary = false;
            }
        }
        after_eq = false;
    }
    n
}

fn is_in(name: &[u8], set: &[&str]) -> bool {
    set.iter().any(|s| s.as_bytes().eq_ignore_ascii_case(name))
}

/// Where one character of a node's text came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    /// Copied verbatim from this raw byte offset.
    Verbatim(usize),
    /// Decoded from a character reference starting at this raw byte offset.
    Decoded(usize),
}

/// Matches DOM text nodes, in document order, against the raw runs.
pub(crate) struct Aligner<'a> {
    raw: &'a str,
    runs: &'a [(usize, usize)],
    /// Current run and byte offset in the raw page.
    run: usize,
    pos: usize,
}

/// How many runs ahead a node's text is looked for before giving up on it.
const LOOKAHEAD: usize = 400;

impl<'a> Aligner<'a> {
    /// An aligner over `raw` and its scanned runs.
    pub fn new(raw: &'a str, runs: &'a [(usize, usize)]) -> Aligner<'a> {
        let pos = runs.first().map_or(0, |r| r.0);
        Aligner {
            raw,
            runs,
            run: 0,
            pos,
        }
    }

    /// The nearest raw position for text that could not be matched.
    pub fn cursor(&self) -> usize {
        self.pos
    }

    /// The origin of every non-whitespace character of `text` (in order), or `None` when the
    /// text is not found ahead of the cursor.
    pub fn align(&mut self, text: &str) -> Option<Vec<Origin>> {
        let first = text.chars().find(|c| !c.is_whitespace())?;
        let mut tried = 0;
        let mut run = self.run;
        let mut start = self.pos;
        while run < self.runs.len() && tried < LOOKAHEAD {
            let (s, e) = self.runs[run];
            let from = start.max(s);
            if from < e {
                // The run's first non-whitespace character must be able to start the text.
                let head = self.raw[from..e].trim_start();
                let at = e - head.len();
                if let Some(c) = head.chars().next() {
                    if c == first || c == '&' || c == '\r' {
                        if let Some((origins, end_run, end_pos)) = self.lockstep(text, run, at) {
                            self.run = end_run;
                            self.pos = end_pos;
                            return Some(origins);
                        }
                    }
                }
            }
            run += 1;
            tried += 1;
            start = 0;
        }
        None
    }

    /// Matches `text` from raw offset `pos` in run `run`; whitespace is skipped on both sides.
    fn lockstep(
        &self,
        text: &str,
        mut run: usize,
        mut pos: usize,
    ) -> Option<(Vec<Origin>, usize, usize)> {
        let raw = self.raw.as_bytes();
        let mut origins = Vec::with_capacity(text.len());
        let mut chars = text.chars().filter(|c| !c.is_whitespace()).peekable();
        // Runs crossed inside one text node (tags the parser ignored) are limited.
        let mut crossed = 0;
        while let Some(&want) = chars.peek() {
            // Skip raw whitespace, moving to the next run at a run's end.
            loop {
                let (_, e) = *self.runs.get(run)?;
                while pos < e && (raw[pos] as char).is_ascii_whitespace() {
                    pos += 1;
                }
                if pos < e {
                    break;
                }
                crossed += 1;
                if crossed > 8 {
                    return None;
                }
                run += 1;
                pos = self.runs.get(run)?.0;
            }
            let (_, e) = self.runs[run];
            let rest = self.raw.get(pos..e)?;
            let got = rest.chars().next()?;
            let amp_entity = got == '&' && is_amp_reference(rest);
            if got == want && !amp_entity {
                origins.push(Origin::Verbatim(pos));
                pos += got.len_utf8();
                chars.next();
            } else if got == '&' {
                let len = entity_len(rest)?;
                origins.push(Origin::Decoded(pos));
                chars.next();
                // Entities that decode to two code points.
                if let Some(&second) = chars.peek() {
                    let next_raw = self.raw.get(pos + len..e).and_then(|s| s.chars().next());
                    if is_combining_pair(second) && next_raw != Some(second) {
                        origins.push(Origin::Decoded(pos));
                        chars.next();
                    }
                }
                pos += len;
            } else if !got.is_whitespace() && (want == '\u{fffd}' || got == '\u{0}') {
                origins.push(Origin::Decoded(pos));
                pos += got.len_utf8();
                chars.next();
            } else {
                return None;
            }
        }
        Some((origins, run, pos))
    }
}

/// Whether `s` starts with a reference that decodes to `&` itself.
fn is_amp_reference(s: &str) -> bool {
    let b = s.as_bytes();
    let head = &b[..b.len().min(6)];
    head.len() >= 4
        && (head[..4].eq_ignore_ascii_case(b"&amp")
            || head.starts_with(b"&#38")
            || head[..4].eq_ignore_ascii_case(b"&#x2") && head.get(4).is_some_and(|c| *c == b'6'))
}

fn is_combining_pair(c: char) -> bool {
    matches!(
        c,
        '\u{0338}' | '\u{20D2}' | '\u{20E5}' | '\u{FE00}' | '\u{200A}' | '\u{0333}'
    )
}

/// The length of a character reference at the start of `s` (`&name;`, `&#123;`, `&#x1F;`, or a
/// legacy name without the semicolon), if it looks like one.
fn entity_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.first() != Some(&b'&') {
        return None;
    }
    let mut i = 1;
    if b.get(1) == Some(&b'#') {
        i = 2;
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        if hex {
            i = 3;
        }
        let start = i;
        while i < b.len()
            && i - start < 10
            && (if hex {
                b[i].is_ascii_hexdigit()
            } else {
                b[i].is_ascii_digit()
            })
        {
            i += 1;
        }
        if i == start {
            return None;
        }
    } else {
        while i < b.len() && i < 40 && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i == 1 {
            return None;
        }
    }
    if b.get(i) == Some(&b';') {
        i += 1;
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_skip_markup_scripts_and_comments() {
        let raw =
            "<p class=\"a>b\">One <!-- c --> two</p><script>var x = '<p>no</p>';</script>Three";
        let scan = RawScan::new(raw);
        let texts: Vec<&str> = scan.runs.iter().map(|&(s, e)| &raw[s..e]).collect();
        assert_eq!(texts, ["One ", " two", "Three"]);
    }

    #[test]
    fn attributes_are_counted_outside_quoted_values() {
        let scan = RawScan::new(
            "<div><p class=\"a b=c d\" id='x y' data-x = 1 hidden/>x<p>y</div><br><img src=a>",
        );
        assert_eq!(scan.max_attributes, 4);
        assert_eq!(scan.elements, 5);
        assert_eq!(count_attributes(b" a=1 b c='d e' f=\"g h\">"), 4);
    }

    #[test]
    fn entities_and_whitespace_align() {
        let raw = "<p>Tom &amp;\n  Jerry&#8217;s</p>";
        let scan = RawScan::new(raw);
        let mut a = Aligner::new(raw, &scan.runs);
        let o = a.align("Tom & Jerry\u{2019}s").unwrap();
        assert_eq!(o[0], Origin::Verbatim(3));
        assert_eq!(o[3], Origin::Decoded(7));
        assert_eq!(o[4], Origin::Verbatim(15));
        assert_eq!(o[9], Origin::Decoded(20));
        assert_eq!(o[10], Origin::Verbatim(27));
    }

    #[test]
    fn script_copies_are_not_matched() {
        let raw = "<script>{\"articleBody\":\"Hello world\"}</script><p>Hello world</p>";
        let scan = RawScan::new(raw);
        let mut a = Aligner::new(raw, &scan.runs);
        let o = a.align("Hello world").unwrap();
        assert_eq!(o[0], Origin::Verbatim(raw.rfind("Hello").unwrap()));
        assert!(a.align("missing").is_none());
    }
}
