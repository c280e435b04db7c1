//! Knowledge-base phrase matching on word boundaries.
//!
//! Every phrase of the knowledge base (names, aliases, acronyms, adjectives, metonyms,
//! institution and title phrases, nominals) is normalised the way the text is
//! ([`crate::norm::phrase_key`]) and compiled once into one Aho-Corasick automaton. A document's
//! words are normalised and joined with single spaces; every automaton hit that starts and ends
//! on a word boundary and passes its case rule is a candidate, and the longest candidate wins at
//! each position, leftmost first.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::error::KbError;
use crate::kb::{Kb, Target};
use crate::norm::Word;

/// A phrase found in the text: words `w0..w1` and what they may be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// First word.
    pub w0: usize,
    /// One past the last word.
    pub w1: usize,
    /// The targets that passed their case rule.
    pub targets: Vec<Target>,
}

/// The compiled phrase automaton.
#[derive(Debug)]
pub struct Matcher {
    ac: AhoCorasick,
    /// Pattern index → (number of words, targets).
    patterns: Vec<(usize, Vec<Target>)>,
}

/// Words that never start a name on their own (lowercase particles are allowed inside names).
const LOWER_OK: &[&str] = &[
    "the", "al", "el", "of", "de", "and", "for", "in", "bin", "ibn", "du", "van", "von", "der",
    "la", "le", "da", "di", "wal", "wa", "lid", "fi", "ad", "ash", "as", "ar", "at", "an", "az",
];

impl Matcher {
    /// Compiles the phrases of `kb`.
    pub fn new(kb: &Kb) -> Result<Matcher, KbError> {
        let mut keys = Vec::with_capacity(kb.phrases.len());
        let mut patterns = Vec::with_capacity(kb.phrases.len());
        for (k, t) in &kb.phrases {
            keys.push(k.as_str());
            patterns.push((k.split(' ').count(), t.clone()));
        }
        // A contiguous NFA: fast to build (start-up budget) and fast enough to search.
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&keys)
            .map_err(|e| KbError::Matcher(e.to_string()))?;
        Ok(Matcher { ac, patterns })
    }

    /// All phrases in `words` (leftmost-longest, non-overlapping), with case rules applied.
    pub fn find(&self, kb: &Kb, text: &str, words: &[Word]) -> Vec<Hit> {
        // The normalised word stream and each word's start in it.
        let mut joined = String::with_capacity(text.len());
        let mut starts = Vec::with_capacity(words.len());
        for w in words {
            if !joined.is_empty() {
                joined.push(' ');
            }
            starts.push(joined.len());
            joined.push_str(&w.norm);
        }
        // Word index of each byte that starts a word (others: u32::MAX).
        let mut start_word = vec![u32::MAX; joined.len() + 1];
        let mut end_word = vec![u32::MAX; joined.len() + 1];
        for (i, &s) in starts.iter().enumerate() {
            start_word[s] = i as u32;
            end_word[s + words[i].norm.len()] = i as u32;
        }
        // Best hit per start word: (end word, pattern).
        let mut best: Vec<Option<(usize, Vec<Target>)>> = vec![None; words.len()];
        for m in self.ac.find_overlapping_iter(&joined) {
            let ws = start_word[m.start()];
            let we = end_word[m.end()];
            if ws == u32::MAX || we == u32::MAX {
                continue;
            }
            let (w0, w1) = (ws as usize, we as usize + 1);
            // The possessive marker is matched only as part of a phrase, never at its edges.
            if words[w0].possessive || words[w1 - 1].possessive {
                continue;
            }
            let (n, targets) = &self.patterns[m.pattern().as_usize()];
            if *n != w1 - w0 {
                continue;
            }
            let ok: Vec<Target> = targets
                .iter()
                .copied()
                .filter(|t| case_ok(kb, *t, text, &words[w0..w1]))
                .collect();
            if ok.is_empty() {
                continue;
            }
            let longer = best[w0].as_ref().is_none_or(|(e, _)| w1 > *e);
            if longer {
                best[w0] = Some((w1, ok));
            }
        }
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            // `the United Nations refugee agency`: a longer name after the article wins over
            // `the United Nations`.
            if words[i].norm == "the" && i + 1 < words.len() {
                let here = best[i].as_ref().map_or(0, |(e, _)| *e);
                if best[i + 1].as_ref().is_some_and(|(e, _)| *e > here) {
                    best[i] = None;
                }
            }
            match best[i].take() {
                Some((w1, targets)) => {
                    // `the Kremlin`, `the European Union`: the article is not part of the name.
                    let w0 = if w1 - i > 1 && words[i].norm == "the" {
                        i + 1
                    } else {
                        i
                    };
                    out.push(Hit { w0, w1, targets });
                    i = w1;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// The case rule of a target: names, adjectives and metonyms must be capitalised (their first
/// word that is not a lowercase particle), acronyms all in capitals; institution phrases and
/// nominals match in any case.
fn case_ok(_kb: &Kb, t: Target, text: &str, words: &[Word]) -> bool {
    match t {
        Target::Acronym(_) => words.iter().all(|w| w.upper || w.norm.is_empty()),
        Target::Name(_) | Target::Adjective(_) | Target::Metonym(_) => {
            let first = words
                .iter()
                .find(|w| !LOWER_OK.contains(&w.norm.as_str()))
                .or(words.first());
            let Some(first) = first else { return false };
            if !first.cap {
                return false;
            }
            // A name written entirely in capitals inside mixed-case text is most likely an
            // acronym of something else (`IS` is not `is`), unless it is long.
            let s = &text[words[0].start..words[words.len() - 1].end];
            let letters = s.chars().filter(|c| c.is_alphabetic()).count();
            !(letters <= 3 && words.iter().all(|w| w.upper))
        }
        Target::Institution(_) => true,
        // `the military council`, not `Transitional Military Council`: a nominal of several
        // words whose head is capitalised is part of a name (`Islamist group` is not)
        Target::Nominal(_) => words.len() < 2 || !words[words.len() - 1].cap,
    }
}
