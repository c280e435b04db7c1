//! The tense of a sentence around a time expression, from POS tags when the tagger has run
//! and from word lists otherwise.
//!
//! Only the direction matters for anchoring: a future cue ("will", "is going to") lets an
//! underspecified date resolve after the publication date; everything else resolves on or
//! before it.

use newsgraph_core::Token;

use crate::scan::{Kind, Tok};

/// The tense of a clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Present,
    Future,
    Unknown,
}

/// Tense cues of one sentence, by byte offset.
#[derive(Debug, Default)]
pub(crate) struct TenseMarks {
    marks: Vec<(usize, Tense)>,
}

impl TenseMarks {
    /// Cues from tagged tokens (Penn tags in `xpos`).
    pub(crate) fn from_tagged(tokens: &[Token], text: &str) -> TenseMarks {
        let mut marks = Vec::new();
        for (k, t) in tokens.iter().enumerate() {
            let form = t.form(text).to_ascii_lowercase();
            let tense = match t.xpos.as_str() {
                "MD" if matches!(form.as_str(), "will" | "'ll" | "shall" | "wo") => {
                    Some(Tense::Future)
                }
                "VBD" => Some(Tense::Past),
                "VBN" if k > 0 && is_have(&tokens[k - 1].form(text).to_ascii_lowercase()) => {
                    Some(Tense::Past)
                }
                "VBG"
                    if form == "going"
                        && tokens
                            .get(k + 1)
                            .is_some_and(|n| n.form(text).eq_ignore_ascii_case("to")) =>
                {
                    Some(Tense::Future)
                }
                "VBZ" | "VBP" => Some(Tense::Present),
                _ => None,
            };
            if let Some(te) = tense {
                marks.push((t.span.start, te));
            }
        }
        TenseMarks { marks }
    }

    /// Cues from the words alone.
    pub(crate) fn from_words(toks: &[Tok]) -> TenseMarks {
        let mut marks = Vec::new();
        for (k, t) in toks.iter().enumerate() {
            if t.kind != Kind::Word {
                continue;
            }
            let w = t.low.as_str();
            let prev = k.checked_sub(1).map(|p| toks[p].low.as_str()).unwrap_or("");
            let next = toks.get(k + 1).map(|n| n.low.as_str()).unwrap_or("");
            let tense = match w {
                "will" | "shall" => Some(Tense::Future),
                "would" => Some(Tense::Future),
                "ll" if prev == "'" => Some(Tense::Future),
                "going" if next == "to" => Some(Tense::Future),
                // The present perfect speaks of the past: "has been searching since".
                "has" | "have" if next == "been" || is_past_word(next) => Some(Tense::Past),
                "is" | "are" | "am" | "has" | "have" | "does" | "do" | "says" | "say" => {
                    Some(Tense::Present)
                }
                "ago" => Some(Tense::Past),
                _ if is_plan_word(w) && matches!(next, "to" | "for") => Some(Tense::Future),
                "next" | "upcoming" | "tomorrow" => Some(Tense::Future),
                // An infinitive ("expects the sale to be completed by Dec. 15") or a
                // deadline word ("payable Jan. 2") leaves the reporting verb's past behind:
                // what follows may lie either side of the publication date.
                // "as soon as Tuesday", "as early as next week"
                "as" if matches!(next, "soon" | "early")
                    && toks.get(k + 2).is_some_and(|n| n.low == "as") =>
                {
                    Some(Tense::Future)
                }
                // "is to resume trading Tuesday": an arrangement to come
                "to" if matches!(prev, "is" | "are" | "was" | "were")
                    && toks.get(k + 1).is_some_and(|n| {
                        n.kind == Kind::Word && !n.upper && starts_infinitive(next)
                    }) =>
                {
                    Some(Tense::Future)
                }
                "to" if !is_plan_word(prev)
                    && toks.get(k + 1).is_some_and(|n| {
                        n.kind == Kind::Word && !n.upper && starts_infinitive(next)
                    }) =>
                {
                    Some(Tense::Unknown)
                }
                "payable" | "effective" | "until" | "till" | "through" => Some(Tense::Unknown),
                // A participle after a form of "be" is passive: the auxiliary decides.
                _ if is_past_word(w)
                    && !matches!(prev, "be" | "been" | "being" | "is" | "are" | "am") =>
                {
                    Some(Tense::Past)
                }
                _ => None,
            };
            if let Some(te) = tense {
                marks.push((t.start, te));
            }
        }
        TenseMarks { marks }
    }

    /// Tag-based cues with the word cues laid over them: where both mark a word, the word
    /// cue wins (it knows "planned to", "payable", "as soon as"); the tags add the verbs
    /// no word list holds.
    pub(crate) fn merged(tagged: TenseMarks, words: TenseMarks) -> TenseMarks {
        let mut marks = words.marks;
        for m in tagged.marks {
            if !marks.iter().any(|w| w.0 == m.0) {
                marks.push(m);
            }
        }
        marks.sort_by_key(|m| m.0);
        TenseMarks { marks }
    }

    /// The tense at byte offset `at`: the nearest cue before it (the verb an adjunct
    /// usually follows), else the nearest after it.
    pub(crate) fn at(&self, at: usize) -> Tense {
        let before = self.marks.iter().rev().find(|(pos, _)| *pos < at);
        let after = self.marks.iter().find(|(pos, _)| *pos >= at);
        before.or(after).map_or(Tense::Unknown, |m| m.1)
    }
}

/// Words that with "to" or "for" announce something to come ("planned to", "due for").
fn is_plan_word(w: &str) -> bool {
    matches!(
        w,
        "expected" | "scheduled" | "due" | "set" | "planned" | "plans" | "plan"
    )
}

/// Whether the word after "to" starts an infinitive: a lower-case word that is no
/// determiner, pronoun or number ("to be", "to pay", not "to the", "to Nov. 16").
fn starts_infinitive(next: &str) -> bool {
    !next.is_empty()
        && next.bytes().all(|b| b.is_ascii_lowercase())
        && !matches!(
            next,
            "the"
                | "a"
                | "an"
                | "this"
                | "that"
                | "these"
                | "those"
                | "his"
                | "her"
                | "its"
                | "their"
                | "our"
                | "my"
                | "your"
                | "him"
                | "them"
                | "us"
                | "me"
                | "it"
                | "some"
                | "all"
                | "about"
                | "more"
                | "less"
                | "date"
                | "day"
                | "year"
                | "early"
                | "late"
                | "mid"
        )
}

fn is_have(w: &str) -> bool {
    matches!(w, "has" | "have" | "had" | "'ve" | "'s" | "having")
}

/// Common irregular past forms and regular `-ed` forms.
fn is_past_word(w: &str) -> bool {
    if matches!(
        w,
        "was"
            | "were"
            | "had"
            | "did"
            | "said"
            | "told"
            | "met"
            | "went"
            | "came"
            | "took"
            | "gave"
            | "made"
            | "saw"
            | "got"
            | "held"
            | "left"
            | "began"
            | "broke"
            | "wrote"
            | "spoke"
            | "sent"
            | "found"
            | "fought"
            | "brought"
            | "thought"
            | "won"
            | "lost"
            | "led"
            | "fell"
            | "rose"
            | "hit"
            | "put"
            | "set"
            | "became"
            | "knew"
            | "grew"
            | "drew"
            | "threw"
            | "flew"
            | "fled"
            | "struck"
            | "stood"
            | "sought"
            | "bought"
            | "sold"
            | "paid"
            | "laid"
            | "meant"
            | "felt"
            | "kept"
            | "ran"
            | "shot"
            | "killed"
    ) {
        return true;
    }
    w.len() > 4
        && w.ends_with("ed")
        && !matches!(
            w,
            "need"
                | "needed"
                | "speed"
                | "indeed"
                | "hundred"
                | "proceed"
                | "exceed"
                | "succeed"
                | "united"
                | "based"
                | "related"
                | "armed"
                | "alleged"
                | "concerned"
                | "interested"
                | "supposed"
                | "limited"
                | "advanced"
                | "detailed"
                | "expected"
                | "scheduled"
                | "planned"
                | "proposed"
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::scan;

    fn marks(s: &str) -> (Vec<Tok>, TenseMarks) {
        let mut v = Vec::new();
        scan(s, 0, &mut v);
        let m = TenseMarks::from_words(&v);
        (v, m)
    }

    #[test]
    fn nearest_cue_wins() {
        let (_, m) = marks("He said talks will resume in December");
        assert_eq!(m.at(30), Tense::Future);
        let (_, m) = marks("Talks broke down in December");
        assert_eq!(m.at(20), Tense::Past);
        let (_, m) = marks("In December");
        assert_eq!(m.at(3), Tense::Unknown);
    }
}
