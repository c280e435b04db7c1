//! Lemmatization learned from the treebank.
//!
//! Two parts, both learned by [`Lemmatizer::learn`] from (form, XPOS, lemma) triples:
//!
//! - **suffix-rewrite rules per XPOS**: every training pair gives the rule "strip *n*
//!   characters, append *s*" (`studies`/NNS → strip 3, append `y`); for each tag and each word
//!   ending up to [`MAX_SUFFIX`] characters the most frequent rule is kept, and an unseen word
//!   takes the rule of its longest known ending (`-ies` → `-y`, `-ed` → ``, `-ing` → ``);
//! - **exceptions**: the (form, XPOS) pairs of the treebank the rules get wrong (irregulars:
//!   `went`/VBD → `go`, `'s`/VBZ → `be`, `n't` → `not`, `better`/JJR → `good`).
//!
//! Proper nouns keep their case (`Americans` → `American`); other words are lowercased.

use std::collections::{BTreeMap, HashMap};

use crate::binfmt::{ModelError, Reader, Writer};
use crate::tagger::features::{hash_bytes, mix, PassThroughState};

/// The longest word ending (in characters) a rule is conditioned on.
pub const MAX_SUFFIX: usize = 7;

/// A context (tag + ending) must be seen with this many distinct words to have a rule.
const MIN_CONTEXT_TYPES: u32 = 2;

/// "Strip `strip` characters, append `append`".
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Rule {
    strip: u8,
    append: String,
}

impl Rule {
    /// The rule turning `base` into `lemma`.
    fn between(base: &str, lemma: &str) -> Rule {
        let common = base
            .chars()
            .zip(lemma.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let strip = base.chars().count() - common;
        Rule {
            strip: strip.min(255) as u8,
            append: lemma.chars().skip(common).collect(),
        }
    }

    /// Applies the rule to `base`, or `None` when it would strip the whole word.
    fn apply(&self, base: &str) -> Option<String> {
        let n = base.chars().count();
        let strip = self.strip as usize;
        if strip >= n && !(strip == n && !self.append.is_empty()) {
            return None;
        }
        let keep = base
            .char_indices()
            .nth(n - strip)
            .map_or(base.len(), |(i, _)| i);
        let mut out = String::with_capacity(keep + self.append.len());
        out.push_str(&base[..keep]);
        out.push_str(&self.append);
        Some(out)
    }
}

/// A learned lemmatizer.
#[derive(Clone, Debug, Default)]
pub struct Lemmatizer {
    xpos: Vec<String>,
    xpos_index: HashMap<String, u8>,
    /// (xpos, exact form) → lemma.
    exceptions: HashMap<u64, String, PassThroughState>,
    /// (xpos, lowercase ending) → rule.
    rules: HashMap<u64, Rule, PassThroughState>,
}

fn is_proper(xpos: &str) -> bool {
    xpos.starts_with("NNP")
}

fn key(xpos: u8, s: &str) -> u64 {
    mix(xpos as u64 + 1, hash_bytes(77, s.as_bytes()))
}

/// Curly apostrophes and quotes as ASCII, for looking up exceptions.
fn ascii_quotes(s: &str) -> Option<String> {
    if s.is_ascii() {
        return None;
    }
    let t: String = s
        .chars()
        .map(|c| match c {
            '‘' | '’' | 'ʼ' => '\'',
            '“' | '”' => '"',
            c => c,
        })
        .collect();
    (t != s).then_some(t)
}

impl Lemmatizer {
    /// Learns rules and exceptions from (form, XPOS, lemma) triples.
    pub fn learn<'a>(words: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>) -> Lemmatizer {
        // Distinct (xpos, form) with their lemma counts.
        let mut pairs: BTreeMap<(&str, &str), BTreeMap<&str, u32>> = BTreeMap::new();
        for (form, xpos, lemma) in words {
            if lemma == "_" || form.is_empty() || lemma.is_empty() {
                continue;
            }
            *pairs
                .entry((xpos, form))
                .or_default()
                .entry(lemma)
                .or_default() += 1;
        }
        let mut lem = Lemmatizer::default();
        let mut tags: Vec<&str> = pairs.keys().map(|(x, _)| *x).collect();
        tags.dedup();
        for t in tags.iter().take(255) {
            lem.xpos_index.insert(t.to_string(), lem.xpos.len() as u8);
            lem.xpos.push(t.to_string());
        }
        let majority = |counts: &BTreeMap<&'a str, u32>| -> &'a str {
            let mut best = ("", 0);
            for (&l, &c) in counts {
                if c > best.1 {
                    best = (l, c);
                }
            }
            best.0
        };
        // Rule counts per context, over distinct (xpos, lowercase base, lemma) types.
        let mut types: BTreeMap<(u8, String), Rule> = BTreeMap::new();
        for (&(xpos, form), counts) in &pairs {
            let Some(&x) = lem.xpos_index.get(xpos) else {
                continue;
            };
            let lemma = majority(counts);
            let base = if is_proper(xpos) {
                form.to_string()
            } else {
                form.to_lowercase()
            };
            types
                .entry((x, form.to_lowercase()))
                .or_insert_with(|| Rule::between(&base, lemma));
        }
        let mut contexts: BTreeMap<(u8, String), BTreeMap<Rule, u32>> = BTreeMap::new();
        for ((x, lower), rule) in &types {
            let n = lower.chars().count();
            for k in 0..=n.min(MAX_SUFFIX) {
                let start = lower
                    .char_indices()
                    .nth(n - k)
                    .map_or(lower.len(), |(i, _)| i);
                *contexts
                    .entry((*x, lower[start..].to_string()))
                    .or_default()
                    .entry(rule.clone())
                    .or_default() += 1;
            }
        }
        // Keep a context's best rule when it differs from its parent's (one character shorter).
        let mut best: BTreeMap<(u8, String), Rule> = BTreeMap::new();
        for ((x, suffix), counts) in &contexts {
            let total: u32 = counts.values().sum();
            if total < MIN_CONTEXT_TYPES && !suffix.is_empty() {
                continue;
            }
            let mut top: Option<(&Rule, u32)> = None;
            for (r, &c) in counts {
                if top.map_or(true, |(_, tc)| c > tc) {
                    top = Some((r, c));
                }
            }
            if let Some((r, _)) = top {
                best.insert((*x, suffix.clone()), r.clone());
            }
        }
        for ((x, suffix), rule) in &best {
            let parent = {
                let mut p = suffix.chars();
                p.next();
                p.as_str().to_string()
            };
            let inherited = (!suffix.is_empty())
                .then(|| lem.effective_rule(&best, *x, &parent))
                .flatten();
            if inherited != Some(rule) {
                lem.rules.insert(key(*x, suffix), rule.clone());
            }
        }
        // Exceptions: what the rules get wrong.
        for (&(xpos, form), counts) in &pairs {
            let lemma = majority(counts);
            if lem.by_rules(form, xpos) != lemma {
                if let Some(&x) = lem.xpos_index.get(xpos) {
                    lem.exceptions.insert(key(x, form), lemma.to_string());
                }
            }
        }
        lem
    }

    /// The rule `best` gives the ending `suffix` of tag `x`, walking to shorter endings.
    fn effective_rule<'b>(
        &self,
        best: &'b BTreeMap<(u8, String), Rule>,
        x: u8,
        suffix: &str,
    ) -> Option<&'b Rule> {
        let mut s = suffix;
        loop {
            if let Some(r) = best.get(&(x, s.to_string())) {
                return Some(r);
            }
            let mut c = s.chars();
            c.next()?;
            s = c.as_str();
        }
    }

    /// The lemma of `form` tagged `xpos`.
    pub fn lemma(&self, form: &str, xpos: &str) -> String {
        if let Some(&x) = self.xpos_index.get(xpos) {
            if let Some(l) = self.exceptions.get(&key(x, form)) {
                return l.clone();
            }
            if let Some(a) = ascii_quotes(form) {
                if let Some(l) = self.exceptions.get(&key(x, &a)) {
                    return l.clone();
                }
            }
            if !is_proper(xpos) && form.chars().any(char::is_uppercase) {
                let lower = form.to_lowercase();
                if let Some(l) = self.exceptions.get(&key(x, &lower)) {
                    return l.clone();
                }
            }
        }
        self.by_rules(form, xpos)
    }

    /// The lemma the suffix rules give.
    fn by_rules(&self, form: &str, xpos: &str) -> String {
        let lower = form.to_lowercase();
        let base = if is_proper(xpos) { form } else { &lower };
        let Some(&x) = self.xpos_index.get(xpos) else {
            return base.to_string();
        };
        let n = lower.chars().count();
        let starts: Vec<usize> = lower.char_indices().map(|(i, _)| i).collect();
        for k in (0..=n.min(MAX_SUFFIX)).rev() {
            let start = if k == 0 { lower.len() } else { starts[n - k] };
            if let Some(rule) = self.rules.get(&key(x, &lower[start..])) {
                return rule.apply(base).unwrap_or_else(|| base.to_string());
            }
        }
        base.to_string()
    }

    /// Number of (tag, ending) rules and of exceptions.
    pub fn sizes(&self) -> (usize, usize) {
        (self.rules.len(), self.exceptions.len())
    }

    /// Appends the lemmatizer to a model file: tags, then rules and exceptions by key.
    pub(crate) fn write(&self, w: &mut Writer) {
        w.u32(self.xpos.len() as u32);
        for x in &self.xpos {
            w.str(x);
        }
        let mut rules: Vec<(&u64, &Rule)> = self.rules.iter().collect();
        rules.sort_unstable_by_key(|(k, _)| **k);
        w.u32(rules.len() as u32);
        for (k, r) in rules {
            w.u64(*k);
            w.u8(r.strip);
            w.str(&r.append);
        }
        let mut exc: Vec<(&u64, &String)> = self.exceptions.iter().collect();
        exc.sort_unstable_by_key(|(k, _)| **k);
        w.u32(exc.len() as u32);
        for (k, l) in exc {
            w.u64(*k);
            w.str(l);
        }
    }

    /// Reads a lemmatizer written by [`Lemmatizer::write`].
    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Lemmatizer, ModelError> {
        let mut lem = Lemmatizer::default();
        let n = r.count(255)?;
        for i in 0..n {
            let x = r.str()?;
            lem.xpos_index.insert(x.clone(), i as u8);
            lem.xpos.push(x);
        }
        let n = r.count(usize::MAX)?;
        lem.rules.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            let strip = r.u8()?;
            let append = r.str()?;
            lem.rules.insert(k, Rule { strip, append });
        }
        let n = r.count(usize::MAX)?;
        lem.exceptions.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            let l = r.str()?;
            lem.exceptions.insert(k, l);
        }
        Ok(lem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Lemmatizer {
        let words = [
            ("studies", "NNS", "study"),
            ("parties", "NNS", "party"),
            ("cities", "NNS", "city"),
            ("talks", "NNS", "talk"),
            ("troops", "NNS", "troop"),
            ("rebels", "NNS", "rebel"),
            ("walked", "VBD", "walk"),
            ("talked", "VBD", "talk"),
            ("went", "VBD", "go"),
            ("said", "VBD", "say"),
            ("fighting", "VBG", "fight"),
            ("meeting", "VBG", "meet"),
            ("Americans", "NNPS", "American"),
            ("Iraqis", "NNPS", "Iraqi"),
            ("n't", "RB", "not"),
            ("I", "PRP", "I"),
            ("He", "PRP", "he"),
        ];
        Lemmatizer::learn(words)
    }

    #[test]
    fn learns_rules_and_exceptions() {
        let l = sample();
        assert_eq!(l.lemma("went", "VBD"), "go");
        assert_eq!(l.lemma("said", "VBD"), "say");
        assert_eq!(l.lemma("n't", "RB"), "not");
        assert_eq!(l.lemma("n’t", "RB"), "not");
        assert_eq!(l.lemma("I", "PRP"), "I");
        // Unseen words take the rule of their ending.
        assert_eq!(l.lemma("militias", "NNS"), "militia");
        assert_eq!(l.lemma("allies", "NNS"), "ally");
        assert_eq!(l.lemma("attacked", "VBD"), "attack");
        assert_eq!(l.lemma("Talking", "VBG"), "talk");
        assert_eq!(l.lemma("Syrians", "NNPS"), "Syrian");
        assert_eq!(l.lemma("Went", "VBD"), "go");
        // Unknown tags lowercase.
        assert_eq!(l.lemma("Zebra", "XYZ"), "zebra");
    }

    #[test]
    fn round_trips_through_the_model_format() {
        let l = sample();
        let mut w = Writer::new(b"NGLEMMAT", 1);
        l.write(&mut w);
        let bytes = w.finish();
        let mut r = Reader::new(&bytes, b"NGLEMMAT", 1).unwrap();
        let back = Lemmatizer::read(&mut r).unwrap();
        assert!(r.at_end());
        for (f, x) in [("went", "VBD"), ("allies", "NNS"), ("Syrians", "NNPS")] {
            assert_eq!(back.lemma(f, x), l.lemma(f, x));
        }
        assert!(Lemmatizer::read(&mut Reader::new(&bytes[..20], b"NGLEMMAT", 1).unwrap()).is_err());
    }
}
