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
//! An unseen word takes the first of its candidate lemmas that the treebank knows as a lemma
//! (of any tag): the results of its rules from the longest matching ending to the shortest,
//! then the same with a silent `e` restored or removed and a doubled final consonant undone
//! (`declined` → `declin` unknown → `decline`; `blasted`: `-asted` strips `d` like `wasted`,
//! but `blaste` is unknown and `-ed` gives the known `blast`). When none is known, a verb stem
//! left by `-ed`/`-ing` gets its silent `e` back where English spelling needs one: after a
//! consonant + `l` (`hassl` → `hassle`), after `v`, `u`, `c` or `iz`/`yz`, and on a
//! one-syllable stem ending in one vowel and one consonant that the form did not double
//! (`timed` → `time`, whereas `trapped` → `trap`).
//!
//! Proper nouns keep their case (`Americans` → `American`); other words are lowercased.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

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
    /// Hashes of the lowercase lemmas of the treebank (see [`known_key`]).
    known: HashSet<u64, PassThroughState>,
}

/// The word class a tag's known lemmas are grouped under: the first two letters of the XPOS
/// (`VB` for every verb tag, `NN` for common nouns, `JJ`, `RB`, ...), or `*` for all of them.
fn group(xpos: &str) -> &str {
    xpos.get(..2).unwrap_or(xpos)
}

/// Whether the lemmas of `xpos` count as known lemmas: not proper nouns, foreign words,
/// addresses, typos or list markers, whose lemmas are names or noise.
fn contributes_known(xpos: &str) -> bool {
    xpos.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && !is_proper(xpos)
        && !matches!(xpos, "FW" | "GW" | "ADD" | "LS" | "AFX" | "XX")
}

/// The key of a lowercase lemma of a word class in the known-lemma set.
fn known_key(group: &str, lemma: &str) -> u64 {
    mix(
        hash_bytes(79, group.as_bytes()),
        hash_bytes(78, lemma.as_bytes()),
    )
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Whether English spelling wants a silent `e` after `stem`, the part of a verb form left
/// by stripping `-ed` or `-ing` (`hassl`, `resolv`, `argu`, `produc`, `realiz`, `nam`).
fn wants_silent_e(stem: &str) -> bool {
    let c: Vec<char> = stem.chars().collect();
    let n = c.len();
    if n < 2 || !c.iter().all(|c| c.is_ascii_lowercase()) {
        return false;
    }
    let (a, b) = (c[n - 2], c[n - 1]);
    match b {
        'l' => !is_vowel(a) && !matches!(a, 'l' | 'r' | 'w' | 'y'),
        'v' => true,
        'u' => !is_vowel(a) && a != 'q',
        'c' => is_vowel(a),
        'z' => matches!(a, 'i' | 'y'),
        _ => {
            // Ending in consonant, single vowel, consonant (not w, x, y): a stem with a short
            // stressed vowel doubles its consonant (`trapped`, `occurred`), so a one-syllable
            // stem that did not is spelled with a silent e (`named`, `timed`), and so is a
            // longer one ending in a syllable that is stressed in verbs (`conceded`,
            // `provoked`, `resumed`, `declined`; not `-it`, `-en`, `-er`, `-et`: `visited`,
            // `opened`, `offered`, `targeted`).
            if n < 3 || is_vowel(b) || matches!(b, 'w' | 'x' | 'y') || !is_vowel(a) {
                return false;
            }
            if is_vowel(c[n - 3]) || c[n - 3] == 'q' {
                return false;
            }
            let vowel_groups = c
                .iter()
                .enumerate()
                .filter(|&(i, &x)| is_vowel(x) && (i == 0 || !is_vowel(c[i - 1])))
                .count();
            const STRESSED: [&str; 16] = [
                "ed", "id", "ud", "in", "um", "ok", "ir", "ur", "ot", "ut", "at", "as", "os", "us",
                "is", "ag",
            ];
            vowel_groups == 1 || STRESSED.iter().any(|e| stem.ends_with(e))
        }
    }
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

/// Other spellings a stripped stem may have: with a silent `e` restored (`declin` →
/// `decline`) or removed, and with a doubled final consonant undone (`modell` → `model`).
fn spelling_variants(stem: &str) -> Vec<String> {
    let mut out = Vec::new();
    let c: Vec<char> = stem.chars().collect();
    let n = c.len();
    if n < 2 {
        return out;
    }
    if c[n - 1] == 'e' {
        out.push(c[..n - 1].iter().collect());
    } else {
        out.push(format!("{stem}e"));
    }
    if c[n - 1] == c[n - 2] && !is_vowel(c[n - 1]) && c[n - 1].is_alphabetic() {
        out.push(c[..n - 1].iter().collect());
    }
    out
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
        for (&(xpos, _), counts) in &pairs {
            if !contributes_known(xpos) {
                continue;
            }
            for l in counts.keys() {
                let l = l.to_lowercase();
                lem.known.insert(known_key(group(xpos), &l));
                lem.known.insert(known_key("*", &l));
            }
        }
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
                if top.is_none_or(|(_, tc)| c > tc) {
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

    /// The lemma the suffix rules give, checked against the known lemmas.
    fn by_rules(&self, form: &str, xpos: &str) -> String {
        let lower = form.to_lowercase();
        let base = if is_proper(xpos) { form } else { &lower };
        let Some(&x) = self.xpos_index.get(xpos) else {
            return base.to_string();
        };
        // The results of the rules of every matching ending, longest ending first.
        let n = lower.chars().count();
        let starts: Vec<usize> = lower.char_indices().map(|(i, _)| i).collect();
        let mut candidates: Vec<String> = Vec::new();
        for k in (0..=n.min(MAX_SUFFIX)).rev() {
            let start = if k == 0 { lower.len() } else { starts[n - k] };
            if let Some(rule) = self.rules.get(&key(x, &lower[start..])) {
                // The base of a common word is lowercased: a rule that writes capitals came
                // from a word whose treebank lemma keeps its case (`belgian` → `Belgian`
                // rewrites the whole word) and does not carry over to other words.
                if !is_proper(xpos) && rule.append.chars().any(char::is_uppercase) {
                    continue;
                }
                let out = rule.apply(base).unwrap_or_else(|| base.to_string());
                if !candidates.contains(&out) {
                    candidates.push(out);
                }
            }
        }
        let Some(first) = candidates.first().cloned() else {
            return base.to_string();
        };
        if is_proper(xpos) || self.known.is_empty() {
            return first;
        }
        // A lemma known for the tag's word class, then one known for any class.
        for g in [group(xpos), "*"] {
            if let Some(c) = candidates.iter().find(|c| self.is_known(g, c)) {
                return c.clone();
            }
            for c in candidates.iter().filter(|c| *c != base) {
                if let Some(v) = spelling_variants(c)
                    .into_iter()
                    .find(|v| self.is_known(g, v))
                {
                    return v;
                }
            }
        }
        // Nothing known: the verb stem left by `-ed` or `-ing`, with the silent e its
        // spelling asks for. A rule that strips into the stem is kept only when the stem ends
        // in a doubled consonant (`stopped` → `stop`): otherwise it comes from such words and
        // does not fit this one (`-ped` of `stopped` on `wiped`).
        if xpos.starts_with("VB") {
            let stem = lower
                .strip_suffix("ed")
                .or_else(|| lower.strip_suffix("ing"));
            if let Some(stem) = stem.filter(|s| s.chars().count() >= 2) {
                let doubled = {
                    let mut r = stem.chars().rev();
                    matches!((r.next(), r.next()), (Some(a), Some(b)) if a == b && !is_vowel(a))
                };
                let into_stem = first.len() < stem.len() && stem.starts_with(first.as_str());
                if first == stem || (into_stem && !doubled) {
                    if wants_silent_e(stem) {
                        return format!("{stem}e");
                    }
                    return stem.to_string();
                }
            }
        }
        first
    }

    fn is_known(&self, group: &str, lemma: &str) -> bool {
        self.known.contains(&known_key(group, lemma))
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
        let known: BTreeSet<u64> = self.known.iter().copied().collect();
        w.u32(known.len() as u32);
        for k in known {
            w.u64(k);
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
        let n = r.count(usize::MAX)?;
        lem.known.reserve(n);
        for _ in 0..n {
            lem.known.insert(r.u64()?);
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
            // Verb endings whose rules need the known lemmas or the spelling.
            ("joined", "VBD", "join"),
            ("gained", "VBD", "gain"),
            ("remained", "VBD", "remain"),
            ("decline", "NN", "decline"),
            ("wasted", "VBD", "waste"),
            ("tasted", "VBD", "taste"),
            ("blast", "NN", "blast"),
            ("stopped", "VBD", "stop"),
            ("dropped", "VBD", "drop"),
            ("needed", "VBD", "need"),
            ("ended", "VBD", "end"),
            ("limited", "VBD", "limit"),
            ("edited", "VBD", "edit"),
            ("Tim", "NNP", "Tim"),
        ];
        Lemmatizer::learn(words)
    }

    #[test]
    fn unseen_verb_forms_get_their_whole_stem() {
        let l = sample();
        // The longest ending's rule gives an unknown word; a shorter ending's is known.
        assert_eq!(l.lemma("blasted", "VBD"), "blast");
        // A silent e restored because the treebank knows the lemma.
        assert_eq!(l.lemma("declined", "VBD"), "decline");
        // Unknown lemmas: the silent e English spelling asks for.
        assert_eq!(l.lemma("conceded", "VBD"), "concede");
        assert_eq!(l.lemma("hassled", "VBD"), "hassle");
        assert_eq!(l.lemma("resolved", "VBD"), "resolve");
        assert_eq!(l.lemma("provoking", "VBG"), "provoke");
        assert_eq!(l.lemma("named", "VBD"), "name");
        // A proper noun's lemma is no known word: `timed` is not `Tim`.
        assert_eq!(l.lemma("timed", "VBD"), "time");
        // Doubled consonants are undone; a rule from them does not cut a single one.
        assert_eq!(l.lemma("trapped", "VBD"), "trap");
        assert_eq!(l.lemma("wiped", "VBD"), "wipe");
        // No silent e after unstressed endings or stems that keep their form.
        assert_eq!(l.lemma("visited", "VBD"), "visit");
        assert_eq!(l.lemma("opened", "VBD"), "open");
        assert_eq!(l.lemma("attacked", "VBD"), "attack");
        assert_eq!(l.lemma("rained", "VBD"), "rain");
        // Words seen in training keep their treebank lemma.
        assert_eq!(l.lemma("joined", "VBD"), "join");
        assert_eq!(l.lemma("wasted", "VBD"), "waste");
    }

    #[test]
    fn a_change_of_case_does_not_become_a_suffix_rule() {
        // The treebank keeps the capital on nationality adjectives: the rule between the
        // lowercased form and the lemma rewrites the whole word, not an ending.
        let l = Lemmatizer::learn([
            ("Belgian", "JJ", "Belgian"),
            ("Norwegian", "JJ", "Norwegian"),
            ("Egyptian", "JJ", "Egyptian"),
            ("rich", "JJ", "rich"),
        ]);
        assert_eq!(l.lemma("Georgian", "JJ"), "georgian");
        assert_eq!(l.lemma("Belgian", "JJ"), "Belgian");
    }

    #[test]
    fn silent_e_follows_english_spelling() {
        for stem in [
            "hassl", "recycl", "resolv", "argu", "produc", "realiz", "nam", "conced",
        ] {
            assert!(wants_silent_e(stem), "{stem}");
        }
        for stem in [
            "pull", "curl", "walk", "visit", "open", "offer", "rain", "fix", "show",
        ] {
            assert!(!wants_silent_e(stem), "{stem}");
        }
        assert!(!wants_silent_e(""));
        assert!(!wants_silent_e("Nam"));
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
        for (f, x) in [
            ("went", "VBD"),
            ("allies", "NNS"),
            ("Syrians", "NNPS"),
            ("declined", "VBD"),
        ] {
            assert_eq!(back.lemma(f, x), l.lemma(f, x));
        }
        assert!(Lemmatizer::read(&mut Reader::new(&bytes[..20], b"NGLEMMAT", 1).unwrap()).is_err());
    }
}
