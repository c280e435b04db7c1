//! The attribution-cue lexicon: `resources/quotes/cues.tsv`, embedded in the binary.
//!
//! Each entry is a cue as written (one or more words) with its frame, the pattern of
//! arguments it takes, and an example sentence that the tests run through the extractor.

use std::collections::HashMap;

use thiserror::Error;

/// The embedded lexicon text.
pub const CUES_TSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../resources/quotes/cues.tsv"
));

/// The embedded multi-word cues learned from the PolNeAR training split
/// (`newsgraph train quotes`); each is read as a cue of frame `speech`.
pub const PHRASES_TSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../resources/quotes/phrases.tsv"
));

/// What arguments a cue takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Frame {
    /// A verb of saying: "X said (that) ...", "..., X said", "said X".
    Speech,
    /// A verb with an addressee before the content: "X told reporters (that) ...".
    Tell,
    /// A verb whose object and complement are the content: "X accused Y of ...".
    Accuse,
    /// A verb of thinking or intending, reported only with an explicit clause.
    Belief,
    /// A verb of showing or finding, reported only with a `that` clause: "The poll shows
    /// that ...", not "The police found the car".
    Evidence,
    /// "according to X".
    According,
}

impl Frame {
    fn parse(s: &str) -> Option<Frame> {
        Some(match s {
            "speech" => Frame::Speech,
            "tell" => Frame::Tell,
            "accuse" => Frame::Accuse,
            "belief" => Frame::Belief,
            "evidence" => Frame::Evidence,
            "according" => Frame::According,
            _ => return None,
        })
    }
}

/// One lexicon entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CueEntry {
    /// The cue's words, lowercased.
    pub words: Vec<String>,
    /// Its frame.
    pub frame: Frame,
    /// The example sentence (empty for the learned phrases).
    pub example: String,
}

/// A problem in a lexicon file.
#[derive(Debug, Error)]
#[error("cue lexicon line {line}: {message}")]
pub struct LexiconError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// The cue lexicon, indexed by first word.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    entries: Vec<CueEntry>,
    by_first: HashMap<String, Vec<usize>>,
}

impl Lexicon {
    /// The embedded lexicon.
    pub fn embedded() -> Result<Lexicon, LexiconError> {
        let mut lex = Lexicon::parse(CUES_TSV)?;
        lex.add_phrases(PHRASES_TSV)?;
        Ok(lex)
    }

    /// Adds the phrases of a file in the `phrases.tsv` format (phrase, gold count,
    /// occurrences) as cues of frame `speech`; phrases already in the lexicon are skipped.
    pub fn add_phrases(&mut self, text: &str) -> Result<(), LexiconError> {
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let words: Vec<String> = cols[0].split_whitespace().map(str::to_lowercase).collect();
            let counts_ok =
                cols.len() == 3 && cols[1..].iter().all(|c| c.trim().parse::<u32>().is_ok());
            if !counts_ok || words.len() < 2 {
                return Err(LexiconError {
                    line: n + 1,
                    message: "expected a phrase of two or more words and two counts".into(),
                });
            }
            // a phrase the hand-written lexicon already has keeps its hand-written frame
            self.insert(CueEntry {
                words,
                frame: Frame::Speech,
                example: String::new(),
            });
        }
        self.sort_index();
        Ok(())
    }

    /// Adds `entry` unless a cue of the same words is there already; false if it was.
    fn insert(&mut self, entry: CueEntry) -> bool {
        if self.entries.iter().any(|e| e.words == entry.words) {
            return false;
        }
        let idx = self.entries.len();
        self.by_first
            .entry(entry.words[0].clone())
            .or_default()
            .push(idx);
        self.entries.push(entry);
        true
    }

    /// Longest cues first under each first word, so "was quoted as saying" wins over "was".
    fn sort_index(&mut self) {
        let entries = &self.entries;
        for list in self.by_first.values_mut() {
            list.sort_by_key(|&i| std::cmp::Reverse(entries[i].words.len()));
        }
    }

    /// Parses a lexicon in the `cues.tsv` format.
    pub fn parse(text: &str) -> Result<Lexicon, LexiconError> {
        let mut lex = Lexicon::default();
        for (n, line) in text.lines().enumerate() {
            let line_no = n + 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 3 {
                return Err(LexiconError {
                    line: line_no,
                    message: format!("expected 3 tab-separated columns, found {}", cols.len()),
                });
            }
            let words: Vec<String> = cols[0].split_whitespace().map(str::to_lowercase).collect();
            if words.is_empty() {
                return Err(LexiconError {
                    line: line_no,
                    message: "empty cue".into(),
                });
            }
            let frame = Frame::parse(cols[1].trim()).ok_or_else(|| LexiconError {
                line: line_no,
                message: format!("unknown frame `{}`", cols[1]),
            })?;
            let fresh = lex.insert(CueEntry {
                words,
                frame,
                example: cols[2].trim().to_string(),
            });
            if !fresh {
                return Err(LexiconError {
                    line: line_no,
                    message: format!("duplicate cue `{}`", cols[0]),
                });
            }
        }
        lex.sort_index();
        Ok(lex)
    }

    /// All entries in file order.
    pub fn entries(&self) -> &[CueEntry] {
        &self.entries
    }

    /// The longest cue starting at `words[0]`, as (entry, number of words).
    pub fn match_at<S: AsRef<str>>(&self, words: &[S]) -> Option<(&CueEntry, usize)> {
        let first = words.first()?.as_ref();
        let list = self.by_first.get(first)?;
        for &i in list {
            let e = &self.entries[i];
            if e.words.len() <= words.len()
                && e.words.iter().zip(words).all(|(a, b)| a == b.as_ref())
            {
                return Some((e, e.words.len()));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicon_parses() {
        let lex = Lexicon::embedded().unwrap();
        assert!(lex.entries().len() > 50);
        let (e, n) = lex
            .match_at(&["was", "quoted", "as", "saying", "that"])
            .unwrap();
        assert_eq!((e.frame, n), (Frame::Speech, 4));
    }

    #[test]
    fn bad_lines_are_named() {
        let err = Lexicon::parse("said\tspeech\n").unwrap_err();
        assert_eq!(err.line, 1);
        let err = Lexicon::parse("# c\nsaid\tshout\tx\n").unwrap_err();
        assert!(err.to_string().contains("line 2"));
    }

    #[test]
    fn learned_phrases_need_two_words_and_two_counts() {
        let mut lex = Lexicon::parse("said\tspeech\tHe said it.\n").unwrap();
        lex.add_phrases("# phrase\tgold\toccurrences\npointed out\t9\t12\n")
            .unwrap();
        let (e, n) = lex.match_at(&["pointed", "out", "that"]).unwrap();
        assert_eq!((e.frame, n), (Frame::Speech, 2));
        let err = lex.add_phrases("made clear\tmany\t3\n").unwrap_err();
        assert_eq!(err.line, 1);
        let err = lex.add_phrases("# c\nrailed\t4\t5\n").unwrap_err();
        assert_eq!(err.line, 2);
    }
}
