//! The cleaner for scraped plain-text articles.
//!
//! The input is cut into units (one per line, or per hard-wrapped block), each unit is
//! classified by its shape and position, and the body is rebuilt from the units that are left,
//! one paragraph each, separated by blank lines. Nothing names a site's strings: the rules use
//!
//! - *shape*: short lines without sentence punctuation, markup, photo-credit patterns, bylines
//!   (`-- Name`, `By Name`), outlet lines (`According to Outlet`), date stamps;
//! - *position*: a head zone before the first body paragraph (navigation, title, captions) and
//!   a tail zone after the last one (byline, outlet, blog footers, "latest" lists);
//! - *duplication*: a caption printed twice above the body, paragraphs repeated exactly or nearly;
//! - *repetition across documents* of the same source ([`RepeatIndex`]), at the head or tail.

use std::collections::BTreeSet;
use std::path::Path;

use newsgraph_core::{
    month_from_name, paragraph_spans, Alignment, Date, Document, DropReason, Dropped, Metadata,
    Span,
};

use crate::repeat::{normalize, RepeatIndex};

/// Tunable thresholds of the cleaner.
#[derive(Clone, Debug)]
pub struct CleanerConfig {
    /// A body paragraph has at least this many words (or ends a sentence with a few more).
    pub body_min_words: usize,
    /// Navigation labels have at most this many words.
    pub nav_max_words: usize,
    /// Word-trigram Jaccard similarity above which two paragraphs are near-duplicates.
    pub near_duplicate: f64,
}

impl Default for CleanerConfig {
    fn default() -> Self {
        CleanerConfig {
            body_min_words: 12,
            nav_max_words: 4,
            near_duplicate: 0.8,
        }
    }
}

/// Cleans scraped text into a [`Document`] body with metadata and recorded drops.
#[derive(Clone, Debug, Default)]
pub struct Cleaner {
    config: CleanerConfig,
    repeats: RepeatIndex,
}

/// One candidate paragraph: a line, or a hard-wrapped block of lines.
#[derive(Debug)]
struct Unit {
    /// Verbatim pieces in the raw text (one per line), joined by a space in `text`.
    pieces: Vec<Span>,
    text: String,
    words: usize,
}

impl Unit {
    fn raw_span(&self) -> Span {
        Span::new(self.pieces[0].start, self.pieces[self.pieces.len() - 1].end)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Body,
    Drop(DropReason),
}

impl Cleaner {
    /// A cleaner with the given thresholds.
    pub fn new(config: CleanerConfig) -> Cleaner {
        Cleaner {
            config,
            repeats: RepeatIndex::default(),
        }
    }

    /// Uses `repeats` (built over a batch) to drop furniture repeated across a source.
    pub fn with_repeats(mut self, repeats: RepeatIndex) -> Cleaner {
        self.repeats = repeats;
        self
    }

    /// The repetition group of a document: its `source`, else its directory.
    pub fn group_of(path: Option<&str>, meta: &Metadata) -> String {
        if let Some(s) = &meta.source {
            return s.clone();
        }
        path.and_then(|p| Path::new(p).parent())
            .map(|p| p.display().to_string())
            .unwrap_or_default()
    }

    /// Cleans `raw` into a document (id and path are left for the caller to set).
    pub fn clean(&self, raw: &str, path: Option<&str>, mut meta: Metadata) -> Document {
        let group = Cleaner::group_of(path, &meta);
        let units = units(raw);
        let classes = self.classify(&units, &group, &mut meta);

        let mut text = String::with_capacity(raw.len());
        let mut alignment = Alignment::default();
        let mut dropped = Vec::new();
        for (unit, class) in units.iter().zip(&classes) {
            match class {
                Class::Body => {
                    if !text.is_empty() {
                        text.push_str("\n\n");
                    }
                    for (k, piece) in unit.pieces.iter().enumerate() {
                        if k > 0 {
                            text.push(' ');
                        }
                        alignment.push(text.len(), piece.start, piece.len());
                        text.push_str(piece.slice(raw));
                    }
                }
                Class::Drop(reason) => dropped.push(Dropped {
                    text: unit.text.clone(),
                    reason: *reason,
                    raw: unit.raw_span(),
                }),
            }
        }
        let paragraphs = paragraph_spans(&text);
        Document {
            raw: raw.to_string(),
            text,
            alignment,
            meta,
            dropped,
            paragraphs,
            ..Document::default()
        }
    }

    fn classify(&self, units: &[Unit], group: &str, meta: &mut Metadata) -> Vec<Class> {
        let cfg = &self.config;
        let n = units.len();
        let mut class: Vec<Option<Class>> = vec![None; n];
        let repeated =
            |i: usize| !self.repeats.is_empty() && self.repeats.is_repeated(group, &units[i].text);

        // Shape rules that hold anywhere on the page.
        for (i, u) in units.iter().enumerate() {
            if is_markup(&u.text) {
                class[i] = Some(Class::Drop(DropReason::Markup));
            } else if is_photo_credit(&u.text) {
                class[i] = Some(Class::Drop(DropReason::Caption));
            }
        }

        // Head zone: everything before the first body-like unit.
        let body_like = |i: usize, class: &[Option<Class>]| {
            class[i].is_none() && !repeated(i) && is_body_like(&units[i], cfg.body_min_words)
        };
        // A unit printed twice in a row above the body is an image caption (alt text + caption).
        let mut i = 0;
        while i + 1 < n {
            if class[i].is_none()
                && class[i + 1].is_none()
                && normalize(&units[i].text) == normalize(&units[i + 1].text)
            {
                let before_body = (0..i).all(|k| !body_like(k, &class));
                if before_body {
                    class[i] = Some(Class::Drop(DropReason::Caption));
                    class[i + 1] = Some(Class::Drop(DropReason::Caption));
                    i += 2;
                    continue;
                }
            }
            i += 1;
        }
        let first_body = (0..n).find(|&i| body_like(i, &class)).unwrap_or(n);
        // Date stamps and bylines in the head are metadata, never the title.
        for k in 0..first_body {
            if class[k].is_some() {
                continue;
            }
            if let Some(d) = parse_date_stamp(&units[k].text) {
                meta.published.get_or_insert(d);
                class[k] = Some(Class::Drop(DropReason::Dateline));
            } else if let Some(name) = byline_name(&units[k].text, true) {
                meta.byline.get_or_insert(name);
                class[k] = Some(Class::Drop(DropReason::Byline));
            }
        }
        // The title: the last headline-shaped unit before the body.
        let title = (0..first_body).rev().find(|&i| {
            class[i].is_none() && !repeated(i) && is_headline(&units[i], cfg.nav_max_words)
        });
        if let Some(t) = title {
            if meta.title.is_none() {
                meta.title = Some(units[t].text.clone());
            }
            class[t] = Some(Class::Drop(DropReason::Title));
        }
        for k in 0..first_body {
            if class[k].is_some() {
                continue;
            }
            let u = &units[k];
            if title.is_some_and(|t| k < t) || repeated(k) || is_nav_like(u, cfg.nav_max_words) {
                let reason = if repeated(k) {
                    DropReason::Repeated
                } else {
                    DropReason::Navigation
                };
                class[k] = Some(Class::Drop(reason));
            }
        }

        // Tail zone: walk back from the end over furniture.
        let mut j = n;
        let mut byline_at = None;
        while j > first_body {
            let k = j - 1;
            let u = &units[k];
            if class[k].is_some() {
                j -= 1;
                continue;
            }
            let heading_before =
                k > 0 && class[k - 1].is_none() && is_nav_like(&units[k - 1], cfg.nav_max_words);
            if let Some(outlet) = outlet_name(&u.text) {
                meta.outlet.get_or_insert(outlet);
                class[k] = Some(Class::Drop(DropReason::Outlet));
            } else if let Some(name) = byline_name(&u.text, false) {
                meta.byline.get_or_insert(name);
                class[k] = Some(Class::Drop(DropReason::Byline));
                byline_at = Some(k);
                break;
            } else if repeated(k) {
                class[k] = Some(Class::Drop(DropReason::Repeated));
            } else if is_nav_like(u, cfg.nav_max_words) {
                class[k] = Some(Class::Drop(DropReason::Navigation));
            } else if heading_before && starts_about_heading(&units[k - 1].text) {
                class[k] = Some(Class::Drop(DropReason::Boilerplate));
            } else {
                break;
            }
            j -= 1;
        }
        // After a closing byline nothing belongs to the article.
        if byline_at.is_none() {
            // Look for a "-- Name" byline a little above the tail (before a footer we did not
            // recognise) and cut there.
            let lo = first_body.max(n.saturating_sub(8));
            if let Some(k) = (lo..n)
                .rev()
                .find(|&k| class[k].is_none() && is_dash_byline(&units[k].text))
            {
                if let Some(name) = byline_name(&units[k].text, false) {
                    meta.byline.get_or_insert(name);
                    class[k] = Some(Class::Drop(DropReason::Byline));
                    byline_at = Some(k);
                }
            }
        }
        if let Some(b) = byline_at {
            for k in b + 1..n {
                if class[k].is_none() {
                    let u = &units[k];
                    class[k] = Some(Class::Drop(if let Some(outlet) = outlet_name(&u.text) {
                        meta.outlet.get_or_insert(outlet);
                        DropReason::Outlet
                    } else if is_nav_like(u, cfg.nav_max_words) {
                        DropReason::Navigation
                    } else {
                        DropReason::Boilerplate
                    }));
                }
            }
        }

        // Exact and near-duplicate paragraphs in the body: keep the first.
        let mut seen: Vec<(String, BTreeSet<u64>)> = Vec::new();
        for k in 0..n {
            if class[k].is_some() {
                continue;
            }
            let key = normalize(&units[k].text);
            let shingles = trigrams(&key);
            let dup = seen.iter().any(|(s, sh)| {
                *s == key
                    || (units[k].words >= 8 && jaccard(sh, &shingles) >= self.config.near_duplicate)
            });
            if dup {
                class[k] = Some(Class::Drop(DropReason::Duplicate));
            } else {
                seen.push((key, shingles));
                class[k] = Some(Class::Body);
            }
        }
        if meta.standfirst.is_none() {
            if let Some(t) = title {
                let next = (t + 1..n).find(|&k| class[k] == Some(Class::Body));
                if let Some(s) =
                    next.filter(|&s| units[s].words <= 45 && sentence_count(&units[s].text) == 1)
                {
                    // Kept in the body too: a standfirst carries content the events need.
                    meta.standfirst = Some(units[s].text.clone());
                }
            }
        }
        class
            .into_iter()
            .map(|c| c.unwrap_or(Class::Body))
            .collect()
    }
}

/// Cuts raw text into units: each non-empty line, except that a line not ending a sentence
/// followed by a line starting in lower case (hard wrapping) is joined with it.
fn units(raw: &str) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    let mut offset = 0;
    let mut joinable = false;
    for line in raw.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let lead = content.len() - content.trim_start().len();
        let trimmed = content.trim();
        if trimmed.is_empty() {
            joinable = false;
            continue;
        }
        let span = Span::new(start + lead, start + lead + trimmed.len());
        let starts_lower = trimmed.chars().next().is_some_and(char::is_lowercase);
        match out.last_mut() {
            Some(prev) if joinable && starts_lower => {
                prev.pieces.push(span);
                prev.text.push(' ');
                prev.text.push_str(trimmed);
                prev.words += trimmed.split_whitespace().count();
            }
            _ => out.push(Unit {
                pieces: vec![span],
                text: trimmed.to_string(),
                words: trimmed.split_whitespace().count(),
            }),
        }
        joinable = !ends_sentence(trimmed) && trimmed.len() > 30;
    }
    out
}

fn last_significant_char(text: &str) -> Option<char> {
    text.trim_end()
        .chars()
        .rev()
        .find(|c| !matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»'))
}

fn ends_sentence(text: &str) -> bool {
    matches!(
        last_significant_char(text),
        Some('.' | '!' | '?' | '…' | ':' | ';')
    )
}

/// Counts sentence ends followed by a space and a capital (a rough count is all that is needed).
fn sentence_count(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let mut n = 1;
    for w in chars.windows(3) {
        if matches!(w[0], '.' | '!' | '?') && w[1] == ' ' && w[2].is_uppercase() {
            n += 1;
        }
    }
    n
}

/// A paragraph of running text: a sentence that ends, or a long stretch of words.
fn is_body_like(u: &Unit, min_words: usize) -> bool {
    (u.words >= min_words / 2 && ends_sentence(&u.text)) || u.words >= min_words * 5 / 2
}

/// Short labels without sentence punctuation: "Breaking News", "Latest Posts", "Share".
fn is_nav_like(u: &Unit, max_words: usize) -> bool {
    u.words <= max_words && !ends_sentence(&u.text) && !u.text.starts_with(['"', '“'])
}

/// A headline: a few words, not a full sentence ending in a full stop.
fn is_headline(u: &Unit, nav_max_words: usize) -> bool {
    let last = last_significant_char(&u.text);
    u.words >= 3.min(nav_max_words) && u.words <= 30 && !matches!(last, Some('.' | ',' | ';' | ':'))
}

/// Image markup and other scraper residue: `![](..)`, `<img ..>`, lines of symbols and pipes.
fn is_markup(text: &str) -> bool {
    let t = text.trim();
    if t.starts_with("![")
        || t.starts_with("<img")
        || t.starts_with("[image")
        || t.starts_with("[Image")
    {
        return true;
    }
    let alnum = t.chars().filter(|c| c.is_alphanumeric()).count();
    let total = t.chars().filter(|c| !c.is_whitespace()).count();
    total > 0 && alnum * 2 < total
}

/// Photo captions and credits: "(photo: X)", "Photo: X", "(file photo)", "| credit".
fn is_photo_credit(text: &str) -> bool {
    let lower = text.to_lowercase();
    let credit = [
        "(photo:",
        "(photo ",
        "photo:",
        "photograph:",
        "(file photo)",
        "photo credit",
        "image:",
        "(image:",
    ]
    .iter()
    .any(|m| lower.contains(m));
    let table_cell = text.trim_end().ends_with('|');
    credit || (table_cell && !ends_sentence(text.trim_end().trim_end_matches('|')))
}

fn is_dash_byline(text: &str) -> bool {
    text.starts_with("--") || text.starts_with('—') || text.starts_with('–')
}

/// The author of a byline line: `-- Name`, `— Name`, or (at the head) `By Name`.
fn byline_name(text: &str, head: bool) -> Option<String> {
    let t = text.trim();
    let rest = if is_dash_byline(t) {
        t.trim_start_matches(['-', '—', '–', ' '])
    } else if let Some(r) = t.strip_prefix("By ").or_else(|| t.strip_prefix("BY ")) {
        r
    } else {
        return None;
    };
    let _ = head;
    let name = rest.trim().trim_end_matches(['.', ',']);
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 || ends_sentence(name) && !name.ends_with('.') {
        return None;
    }
    let capitalised = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
        .count();
    if capitalised * 2 < words.len() + 1 || name.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(name.to_string())
}

/// The outlet of a closing line like "According to VOV.VN" or "Source: Reuters".
fn outlet_name(text: &str) -> Option<String> {
    let t = text.trim();
    let rest = t
        .strip_prefix("According to ")
        .or_else(|| t.strip_prefix("Source: "))
        .or_else(|| t.strip_prefix("Source - "))?;
    let words = rest.split_whitespace().count();
    if words == 0 || words > 5 || matches!(last_significant_char(rest), Some(',' | ';' | ':')) {
        return None;
    }
    let first = rest.chars().next()?;
    if !first.is_uppercase() && !first.is_ascii_digit() {
        return None;
    }
    Some(rest.trim_end_matches('.').to_string()).filter(|s| !s.is_empty())
}

fn starts_about_heading(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.starts_with("about ") || lower == "about"
}

/// A line that is only a date stamp: "November 27, 2014", "27 November 2014", "2014-11-27",
/// optionally after "Published"/"Updated"/"Posted" and before a time.
fn parse_date_stamp(text: &str) -> Option<Date> {
    let mut t = text.trim();
    for prefix in [
        "Published:",
        "Published on",
        "Published",
        "Posted on",
        "Posted:",
        "Posted",
        "Updated:",
        "Date:",
    ] {
        if let Some(r) = t.strip_prefix(prefix) {
            t = r.trim();
            break;
        }
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.is_empty() || words.len() > 7 {
        return None;
    }
    if let Ok(d) = Date::parse_iso(words[0]) {
        return Some(d);
    }
    let num = |w: &str| w.trim_end_matches([',', '.']).parse::<u32>().ok();
    let (month, day, year) = match words.as_slice() {
        [m, d, y, ..] if month_from_name(m).is_some() => (month_from_name(m)?, num(d)?, num(y)?),
        [d, m, y, ..] if month_from_name(m).is_some() => (month_from_name(m)?, num(d)?, num(y)?),
        _ => return None,
    };
    if !(1000..=9999).contains(&year) || day > 31 {
        return None;
    }
    Date::new(year as i32, month, day as u8)
}

fn trigrams(key: &str) -> BTreeSet<u64> {
    let words: Vec<&str> = key.split(' ').collect();
    words
        .windows(3)
        .map(|w| {
            // FNV-1a over the three words.
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for b in w.join(" ").bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
            h
        })
        .collect()
}

fn jaccard(a: &BTreeSet<u64>, b: &BTreeSet<u64>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let inter = a.intersection(b).count();
    inter as f64 / (a.len() + b.len() - inter) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(raw: &str) -> Document {
        Cleaner::default().clean(raw, None, Metadata::default())
    }

    fn reasons(doc: &Document) -> Vec<(&str, &str)> {
        doc.dropped
            .iter()
            .map(|d| (d.reason.as_str(), d.text.as_str()))
            .collect()
    }

    #[test]
    fn head_furniture_title_byline_and_date() {
        let doc = clean(
            "Home\nPolitics\n\nRebels Seize Border Town\n\nBy Jane Doe\n\n12 March 2021\n\n\
             Rebels captured the border town on Friday after two days of fighting, officials said.\n\n\
             The army said it would retake it.\n",
        );
        assert_eq!(doc.meta.title.as_deref(), Some("Rebels Seize Border Town"));
        assert_eq!(doc.meta.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(
            doc.meta.published.map(|d| d.to_string()).as_deref(),
            Some("2021-03-12")
        );
        assert_eq!(doc.paragraphs.len(), 2);
        assert!(reasons(&doc).contains(&("navigation", "Home")));
        assert!(doc.text.starts_with("Rebels captured"));
    }

    #[test]
    fn markup_captions_and_credits_are_dropped_anywhere() {
        let doc = clean(
            "Talks Open in Vienna\n\nDiplomats met in Vienna on Monday to revive the stalled nuclear talks.\n\n\
             ![](https://example.org/a.jpg)\n\nThe hotel lobby (Photo: Some Agency) |\n\n\
             The delegations will meet again next week, a spokesman said.\n",
        );
        let r = reasons(&doc);
        assert!(
            r.iter().any(|(k, t)| *k == "markup" && t.starts_with("![")),
            "{r:?}"
        );
        assert!(r.iter().any(|(k, _)| *k == "caption"), "{r:?}");
        assert_eq!(doc.paragraphs.len(), 2);
    }

    #[test]
    fn duplicate_and_near_duplicate_paragraphs_kept_once() {
        let p = "The foreign minister said the government was ready to talk to the opposition without conditions.";
        let near = "The foreign minister said the government was ready to talk to the opposition without any conditions.";
        let doc = clean(&format!("Ready to Talk\n\n{p}\n\nAnother paragraph with different words in it entirely.\n\n{p}\n\n{near}\n"));
        assert_eq!(doc.paragraphs.len(), 2, "{:?}", doc.text);
        assert_eq!(
            doc.dropped
                .iter()
                .filter(|d| d.reason == DropReason::Duplicate)
                .count(),
            2
        );
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined_with_alignment() {
        let raw = "Ceasefire Holds\n\nThe ceasefire held for a third day on Sunday as both sides\nwithdrew heavy weapons from the front line, monitors said.\n";
        let doc = clean(raw);
        assert_eq!(doc.paragraphs.len(), 1);
        let p = doc.paragraphs[0];
        assert!(doc.slice(p).contains("sides withdrew"));
        let start = doc.text.find("withdrew").unwrap();
        let raw_at = doc.alignment.to_raw(start).unwrap();
        assert!(raw[raw_at..].starts_with("withdrew"));
    }

    #[test]
    fn closing_byline_outlet_and_footer() {
        let doc = clean(
            "Aid Convoy Reaches City\n\nAn aid convoy reached the besieged city on Tuesday for the first time in months.\n\n\
             -- John Smith\n\nAbout Us\n\nWe are a small newsroom covering the region since 1999, and we publish daily.\n\nMost Read\n",
        );
        assert_eq!(doc.meta.byline.as_deref(), Some("John Smith"));
        assert_eq!(doc.paragraphs.len(), 1);
        let doc = clean("Aid Arrives\n\nAn aid convoy reached the besieged city on Tuesday for the first time.\n\nAccording to Example News\n");
        assert_eq!(doc.meta.outlet.as_deref(), Some("Example News"));
        assert_eq!(doc.paragraphs.len(), 1);
    }

    #[test]
    fn text_without_furniture_is_kept_whole() {
        let raw = "The council met on Monday. It adopted a resolution.\n\nMembers said more talks were needed.";
        let doc = clean(raw);
        assert_eq!(doc.text, raw);
        assert!(doc.dropped.is_empty());
        assert_eq!(doc.meta.title, None);
    }
}
