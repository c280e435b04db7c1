//! Reading and writing CoNLL-U, the Universal Dependencies treebank format.
//!
//! [`read`] parses a treebank into [`Sentence`]s of syntactic words; multiword tokens
//! (`3-4 don't`) are kept as [`MultiwordToken`] ranges over those words and empty nodes
//! (`8.1`) are skipped, as the CoNLL 2018 scorer does for basic dependencies.

use std::fmt;

/// One syntactic word of a treebank sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Word {
    /// The word form.
    pub form: String,
    /// The lemma (`_` when absent).
    pub lemma: String,
    /// Universal POS tag as written (`NOUN`).
    pub upos: String,
    /// Language-specific tag as written (`NN`).
    pub xpos: String,
    /// Morphological features as written (`Number=Sing`, or `_`).
    pub feats: String,
    /// Head as a 1-based word index, 0 for the root.
    pub head: usize,
    /// Universal dependency relation (`nsubj`, `obl:tmod`).
    pub deprel: String,
    /// Whether the word is followed by a space in the original text.
    pub space_after: bool,
}

/// A multiword token: a surface token covering several syntactic words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MultiwordToken {
    /// First word covered, 1-based.
    pub first: usize,
    /// Last word covered, 1-based, inclusive.
    pub last: usize,
    /// The surface form.
    pub form: String,
}

/// A treebank sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    /// `# sent_id`, when present.
    pub id: Option<String>,
    /// `# text`, when present.
    pub text: Option<String>,
    /// The syntactic words, in order (word `i` is `words[i - 1]`).
    pub words: Vec<Word>,
    /// Multiword tokens, in order.
    pub multiword: Vec<MultiwordToken>,
}

/// A line the reader could not use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConlluError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConlluError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ConlluError {}

/// Parses a whole CoNLL-U text.
///
/// Fails on the first malformed word line (wrong column count, bad id or head, a head past the
/// end of its sentence), naming the line.
pub fn read(text: &str) -> Result<Vec<Sentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let mut start_line = 1;
    for (i, line) in text.lines().enumerate() {
        let lineno = i + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                finish(&mut cur, start_line)?;
                out.push(std::mem::take(&mut cur));
            } else {
                cur = Sentence::default();
            }
            start_line = lineno + 1;
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim_start();
            if let Some(v) = comment.strip_prefix("sent_id =") {
                cur.id = Some(v.trim().to_string());
            } else if let Some(v) = comment.strip_prefix("text =") {
                cur.text = Some(v.trim().to_string());
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(ConlluError {
                line: lineno,
                message: format!("expected 10 tab-separated columns, found {}", cols.len()),
            });
        }
        let id = cols[0];
        if id.contains('.') {
            continue; // empty node of the enhanced graph
        }
        if let Some((a, b)) = id.split_once('-') {
            let (first, last) = match (a.parse::<usize>(), b.parse::<usize>()) {
                (Ok(a), Ok(b)) if a >= 1 && b >= a => (a, b),
                _ => {
                    return Err(ConlluError {
                        line: lineno,
                        message: format!("bad multiword token range `{id}`"),
                    })
                }
            };
            cur.multiword.push(MultiwordToken {
                first,
                last,
                form: cols[1].to_string(),
            });
            continue;
        }
        let n: usize = id.parse().map_err(|_| ConlluError {
            line: lineno,
            message: format!("bad word id `{id}`"),
        })?;
        if n != cur.words.len() + 1 {
            return Err(ConlluError {
                line: lineno,
                message: format!(
                    "word id {n} out of order (expected {})",
                    cur.words.len() + 1
                ),
            });
        }
        let head: usize = if cols[6] == "_" {
            0
        } else {
            cols[6].parse().map_err(|_| ConlluError {
                line: lineno,
                message: format!("bad head `{}`", cols[6]),
            })?
        };
        cur.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
            space_after: !cols[9].split('|').any(|m| m == "SpaceAfter=No"),
        });
    }
    if !cur.words.is_empty() {
        finish(&mut cur, start_line)?;
        out.push(cur);
    }
    Ok(out)
}

fn finish(s: &mut Sentence, line: usize) -> Result<(), ConlluError> {
    let n = s.words.len();
    if let Some(w) = s.words.iter().find(|w| w.head > n) {
        return Err(ConlluError {
            line,
            message: format!("head {} past the end of a {n}-word sentence", w.head),
        });
    }
    // A multiword token's words share its spacing: the space after the token is the space
    // after its last word.
    for m in &s.multiword {
        if m.last <= n {
            for i in m.first..m.last {
                s.words[i - 1].space_after = false;
            }
        }
    }
    Ok(())
}

/// Writes sentences as CoNLL-U (basic dependencies only; enhanced column `_`).
pub fn write(sentences: &[Sentence]) -> String {
    let mut out = String::new();
    for s in sentences {
        if let Some(id) = &s.id {
            out.push_str(&format!("# sent_id = {id}\n"));
        }
        if let Some(text) = &s.text {
            out.push_str(&format!("# text = {text}\n"));
        }
        for (i, w) in s.words.iter().enumerate() {
            let n = i + 1;
            if let Some(m) = s.multiword.iter().find(|m| m.first == n) {
                out.push_str(&format!(
                    "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t_\n",
                    m.first, m.last, m.form
                ));
            }
            let field = |s: &str| {
                if s.is_empty() {
                    "_".to_string()
                } else {
                    s.to_string()
                }
            };
            out.push_str(&format!(
                "{n}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t_\t{}\n",
                field(&w.form),
                field(&w.lemma),
                field(&w.upos),
                field(&w.xpos),
                field(&w.feats),
                w.head,
                field(&w.deprel),
                if w.space_after { "_" } else { "SpaceAfter=No" },
            ));
        }
        out.push('\n');
    }
    out
}

/// The sentences of an annotated document as treebank sentences, for inspection: ids count
/// from 1 within `doc`, heads become 1-based sentence positions (0 for the root, for an
/// unparsed token, or for a head outside the sentence), and `SpaceAfter=No` marks tokens
/// directly followed by the next one.
pub fn from_document(doc: &newsgraph_core::Document) -> Vec<Sentence> {
    let mut out = Vec::with_capacity(doc.sentences.len());
    for (si, s) in doc.sentences.iter().enumerate() {
        let range = s.tokens.clone();
        let tokens = doc.tokens.get(range.clone()).unwrap_or(&[]);
        let words = tokens
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let head = t
                    .head
                    .filter(|h| range.contains(h))
                    .map_or(0, |h| h - range.start + 1);
                let next = tokens.get(i + 1);
                Word {
                    form: t.form(&doc.text).to_string(),
                    lemma: t.lemma.clone(),
                    upos: if t.xpos.is_empty() {
                        String::new()
                    } else {
                        t.upos.as_str().to_string()
                    },
                    xpos: t.xpos.clone(),
                    feats: String::new(),
                    head,
                    deprel: t.deprel.clone(),
                    space_after: next.is_none_or(|n| n.span.start > t.span.end),
                }
            })
            .collect();
        out.push(Sentence {
            id: Some((si + 1).to_string()),
            text: Some(doc.slice(s.span).replace('\n', " ")),
            words,
            multiword: Vec::new(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = s1\n# text = I don't know.\n1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t4:nsubj\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t4:aux\t_\n3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_\n4\tknow\tknow\tVERB\tVB\t_\t0\troot\t0:root\tSpaceAfter=No\n4.1\tx\tx\tX\tX\t_\t_\t_\t4:dep\t_\n5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_\n\n";

    #[test]
    fn reads_words_multiword_tokens_and_skips_empty_nodes() {
        let s = read(SAMPLE).unwrap();
        assert_eq!(s.len(), 1);
        let s = &s[0];
        assert_eq!(s.id.as_deref(), Some("s1"));
        assert_eq!(s.text.as_deref(), Some("I don't know."));
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(forms, ["I", "do", "n't", "know", "."]);
        assert_eq!(s.words[3].head, 0);
        assert_eq!(s.words[0].head, 4);
        assert!(!s.words[1].space_after, "inside a multiword token");
        assert!(!s.words[3].space_after);
        assert_eq!(s.multiword[0].form, "don't");
    }

    #[test]
    fn round_trips() {
        let s = read(SAMPLE).unwrap();
        let again = read(&write(&s)).unwrap();
        assert_eq!(s[0].words, again[0].words);
        assert_eq!(s[0].multiword, again[0].multiword);
    }

    #[test]
    fn bad_lines_name_their_line() {
        let e = read("1\tI\tI\n").unwrap_err();
        assert_eq!(e.line, 1);
        let e = read("1\tI\tI\tPRON\tPRP\t_\t7\tnsubj\t_\t_\n\n").unwrap_err();
        assert!(e.message.contains("past the end"), "{e}");
    }

    #[test]
    fn writes_annotated_documents() {
        let mut doc = newsgraph_core::Document::from_text("d", "He didn't go.");
        doc.sentences = vec![newsgraph_core::Sentence {
            span: newsgraph_core::Span::new(0, 13),
            tokens: 0..5,
        }];
        for (a, b) in [(0, 2), (3, 6), (6, 9), (10, 12), (12, 13)] {
            doc.tokens.push(newsgraph_core::Token {
                span: newsgraph_core::Span::new(a, b),
                head: (a != 10).then_some(3),
                deprel: if a == 10 { "root" } else { "dep" }.into(),
                ..Default::default()
            });
        }
        let out = write(&from_document(&doc));
        assert!(out.contains("# text = He didn't go.\n"), "{out}");
        assert!(
            out.contains("2\tdid\t_\t_\t_\t_\t4\tdep\t_\tSpaceAfter=No\n"),
            "{out}"
        );
        assert!(
            out.contains("4\tgo\t_\t_\t_\t_\t0\troot\t_\tSpaceAfter=No\n"),
            "{out}"
        );
    }

    #[test]
    fn reads_the_whole_dev_treebank() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu"
        );
        let text = std::fs::read_to_string(path)
            .expect("../shared/data/ud-english-ewt beside the repository");
        let s = read(&text).unwrap();
        assert_eq!(s.len(), 2001);
    }
}
