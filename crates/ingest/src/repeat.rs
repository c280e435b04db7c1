//! Lines that repeat across documents from the same source.
//!
//! When several articles from one site are ingested together, its page furniture (section
//! labels, blog footers, "Latest Posts") shows up at the head or tail of each. The index counts,
//! per source, in how many documents each head or tail line occurs; the cleaner drops such lines
//! only while they sit in a document's head or tail zone, never from the middle of a body.

use std::collections::{BTreeMap, BTreeSet};

/// How many lines from each end of a document are observed.
const EDGE_UNITS: usize = 15;

/// Counts of head and tail lines per source.
#[derive(Clone, Debug, Default)]
pub struct RepeatIndex {
    groups: BTreeMap<String, Group>,
}

#[derive(Clone, Debug, Default)]
struct Group {
    docs: usize,
    /// Content ids of the documents observed: a copy of one is not a second document.
    copies: BTreeSet<String>,
    lines: BTreeMap<String, usize>,
}

/// The key a line is compared by: lower case, single spaces.
pub(crate) fn normalize(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for word in line.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The non-empty lines of a text.
fn lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

impl RepeatIndex {
    /// An empty index.
    pub fn new() -> RepeatIndex {
        RepeatIndex::default()
    }

    /// Records the head and tail lines of one document of source `group`. A copy of a
    /// document already observed (same non-empty lines) is ignored, so that an article
    /// present twice in a batch is not taken for furniture.
    pub fn observe(&mut self, group: &str, text: &str) {
        let lines = lines(text);
        let id = crate::content_id(lines.join("\n").as_bytes());
        let mut seen = BTreeSet::new();
        let head = lines.iter().take(EDGE_UNITS);
        let tail = lines.iter().rev().take(EDGE_UNITS);
        for line in head.chain(tail) {
            seen.insert(normalize(line));
        }
        let g = self.groups.entry(group.to_string()).or_default();
        if !g.copies.insert(id) {
            return;
        }
        g.docs += 1;
        for line in seen {
            *g.lines.entry(line).or_default() += 1;
        }
    }

    /// Whether `line` repeats across the documents of `group`: seen in at least two of them and
    /// in at least a third.
    pub fn is_repeated(&self, group: &str, line: &str) -> bool {
        let Some(g) = self.groups.get(group) else {
            return false;
        };
        let n = g.lines.get(&normalize(line)).copied().unwrap_or(0);
        n >= 2 && n * 3 >= g.docs
    }

    /// Whether anything has been observed.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_lines_need_two_documents_of_one_source() {
        let mut idx = RepeatIndex::new();
        idx.observe("site", "Home\nStory one text.\nFooter");
        assert!(!idx.is_repeated("site", "Footer"));
        idx.observe("site", "Home\nStory two text.\nFooter");
        assert!(idx.is_repeated("site", "footer"));
        assert!(!idx.is_repeated("site", "Story one text."));
        assert!(!idx.is_repeated("other", "Footer"));
    }

    #[test]
    fn copies_of_one_document_are_not_repetition() {
        let mut idx = RepeatIndex::new();
        idx.observe("site", "Story one text.\nFooter");
        idx.observe("site", "  Story one text.\n\nFooter\n");
        assert!(!idx.is_repeated("site", "Footer"));
        assert!(!idx.is_repeated("site", "Story one text."));
    }
}
