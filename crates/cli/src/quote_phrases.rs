//! `newsgraph train quotes`: learns the multi-word attribution cues of
//! `resources/quotes/phrases.tsv` from a PolNeAR split (use the train split only).
//!
//! Reads the split with the brat reader of `eval polnear`; a text with several annotators
//! counts once per annotation (its cues and its occurrences alike).
//! Counts every contiguous multi-word gold Cue span (lowercased words, each a word of letters)
//! and how often the same word sequence occurs anywhere in the split's texts; keeps phrases
//! that are a gold cue at least [`MIN_GOLD`] times in [`MIN_DOCS`] texts and in at least
//! [`MIN_RATE`] of their occurrences, and are neither in `cues.tsv` nor hold one of its
//! one-word cues ("has said" is found by "said"). The output is sorted (gold count
//! descending, then phrase), so the same split always gives the same file.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use anyhow::Context;
use newsgraph_extract::quotes::{lower_words, Lexicon, CUES_TSV};

use crate::eval::polnear::{annotations, parse_ann};

/// A phrase must be a gold cue at least this many times ...
pub const MIN_GOLD: usize = 4;
/// ... in at least this many texts ...
pub const MIN_DOCS: usize = 3;
/// ... and in at least this share of its occurrences.
pub const MIN_RATE: f64 = 0.5;
/// Longest phrase, in words.
pub const MAX_WORDS: usize = 4;

/// One learned phrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phrase {
    /// The lowercased words.
    pub words: Vec<String>,
    /// Times it is a gold cue span.
    pub gold: usize,
    /// Times the word sequence occurs in the texts (at least `gold`).
    pub occurrences: usize,
}

/// Learns the phrases of the split folder `dir`, best first.
pub fn learn(dir: &Path, lexicon: &Lexicon) -> anyhow::Result<(Vec<Phrase>, usize)> {
    let known: HashSet<&[String]> = lexicon.entries().iter().map(|e| &e.words[..]).collect();
    let single: HashSet<&str> = lexicon
        .entries()
        .iter()
        .filter(|e| e.words.len() == 1)
        .map(|e| e.words[0].as_str())
        .collect();
    let mut gold: BTreeMap<Vec<String>, (usize, BTreeSet<String>)> = BTreeMap::new();
    let mut texts = Vec::new();
    for (name, ann_path) in annotations(dir)?
        .into_iter()
        .flat_map(|(name, files)| files.into_iter().map(move |f| (name.clone(), f)))
    {
        let txt_path = dir.join("text").join(format!("{name}.txt"));
        let Ok(text) = std::fs::read_to_string(&txt_path) else {
            continue;
        };
        let ann = std::fs::read_to_string(&ann_path)
            .with_context(|| format!("{}: cannot read", ann_path.display()))?;
        let chars: Vec<char> = text.chars().collect();
        // a cue shared by several attributions counts once
        let attrs = match parse_ann(&ann, &ann_path) {
            Ok(a) => a,
            Err(e) => {
                // skipped as `eval polnear` skips it
                eprintln!("newsgraph: {e:#}");
                continue;
            }
        };
        let cues: BTreeSet<(usize, usize)> = attrs
            .iter()
            .filter(|a| a.cue.len() == 1)
            .map(|a| a.cue[0])
            .collect();
        for (a, b) in cues {
            let Some(span) = chars.get(a..b) else {
                continue;
            };
            let ws = lower_words(&span.iter().collect::<String>());
            let all_letters = ws
                .iter()
                .all(|w| w.starts_with(|c: char| c.is_ascii_lowercase()));
            if (2..=MAX_WORDS).contains(&ws.len()) && all_letters {
                let e = gold.entry(ws).or_default();
                e.0 += 1;
                e.1.insert(name.clone());
            }
        }
        texts.push(text);
    }
    let candidates: HashSet<&Vec<String>> = gold
        .iter()
        .filter(|(p, (n, docs))| {
            *n >= MIN_GOLD
                && docs.len() >= MIN_DOCS
                && !known.contains(&p[..])
                && !p.iter().any(|w| single.contains(w.as_str()))
        })
        .map(|(p, _)| p)
        .collect();
    let mut seen: BTreeMap<&Vec<String>, usize> = BTreeMap::new();
    for text in &texts {
        let ws = lower_words(text);
        for n in 2..=MAX_WORDS {
            for window in ws.windows(n) {
                if let Some(p) = candidates.get(&window.to_vec()) {
                    *seen.entry(p).or_default() += 1;
                }
            }
        }
    }
    let mut out: Vec<Phrase> = candidates
        .iter()
        .map(|p| {
            let g = gold.get(*p).map_or(0, |e| e.0);
            Phrase {
                words: (*p).clone(),
                gold: g,
                occurrences: seen.get(p).copied().unwrap_or(0).max(g),
            }
        })
        .filter(|p| p.gold as f64 / p.occurrences as f64 >= MIN_RATE)
        .collect();
    out.sort_by(|a, b| {
        b.gold
            .cmp(&a.gold)
            .then_with(|| a.words.join(" ").cmp(&b.words.join(" ")))
    });
    Ok((out, texts.len()))
}

/// The `phrases.tsv` text of the learned phrases.
pub fn to_tsv(phrases: &[Phrase]) -> String {
    let mut s = String::new();
    s.push_str("# Multi-word attribution cues learned from the PolNeAR training split by\n");
    s.push_str(
        "#   newsgraph train quotes --data ../shared/data/polnear/train --out resources/quotes/phrases.tsv\n",
    );
    let _ = writeln!(
        s,
        "# (gold cue at least {MIN_GOLD} times, in {MIN_DOCS} texts, and in at least {:.0}% of the phrase's",
        MIN_RATE * 100.0
    );
    s.push_str("# occurrences; entries of cues.tsv and phrases holding a one-word cue of it left out). The quote extractor reads each as a cue of\n");
    s.push_str("# frame `speech`: \"X PHRASE (that) CONTENT\" and \"CONTENT, X PHRASE\".\n");
    s.push_str("#\n# phrase\tgold\toccurrences\n");
    for p in phrases {
        let _ = writeln!(s, "{}\t{}\t{}", p.words.join(" "), p.gold, p.occurrences);
    }
    s
}

/// Lexicon of `cues.tsv` alone (the phrases are what is being learned).
pub fn hand_written() -> anyhow::Result<Lexicon> {
    Lexicon::parse(CUES_TSV).context("resources/quotes/cues.tsv")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_lists_phrases_with_counts() {
        let p = Phrase {
            words: vec!["pointed".into(), "to".into()],
            gold: 5,
            occurrences: 8,
        };
        let t = to_tsv(&[p]);
        assert!(t.ends_with("pointed to\t5\t8\n"));
        let mut lex = hand_written().unwrap();
        lex.add_phrases(&t).unwrap();
        assert!(lex.match_at(&["pointed", "to"]).is_some());
    }
}

#[cfg(test)]
mod reader_tests {
    use crate::eval::polnear::parse_ann;
    use std::path::Path;

    #[test]
    fn a_span_text_with_a_line_break_is_read() {
        let ann = "T1\tSource 0 3\tThe\nT2\tCue 4 8\tsaid\nT3\tContent 9 20\tfirst\nThe rest\nE1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n";
        let attrs = parse_ann(ann, Path::new("x.ann")).unwrap();
        assert_eq!(attrs.len(), 1);
        assert_eq!(attrs[0].cue, vec![(4, 8)]);
        assert_eq!(attrs[0].source, vec![(0, 3)]);
    }
}
