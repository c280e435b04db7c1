//! Quote attribution: direct, indirect and mixed quotations with speaker, cue and content.
//!
//! The extractor works on the sentence text alone and uses the richer layers when earlier
//! stages filled them:
//!
//! 1. **Direct quotes.** [`marks`] pairs the quotation marks of each paragraph. A quoted span
//!    that stands as a clause of its own (it opens a sentence, or follows a colon, a comma or a
//!    cue) is a direct quote; shorter or embedded spans are fragments. Each direct quote looks
//!    for its attribution after the closing mark (`"...," said X`, `"...," X told reporters`),
//!    then before the opening mark (`X said: "..."`), then borrows it from the neighbouring
//!    quote of the same paragraph (`"A," X said. "B."`), from the previous paragraph when it
//!    continues an open quote, or, for a paragraph made only of a quote, from the speaker of
//!    the previous paragraph.
//! 2. **Indirect speech.** Each sentence is searched for a cue from the lexicon
//!    ([`lexicon`], `resources/quotes/cues.tsv`) outside direct quotes: `X said (that) ...`,
//!    `X told Y (that) ...`, `X accused Y of ...`, `according to X, ...`, `..., X said`.
//!    The content is the reported clause; when it contains a quoted fragment the quote is
//!    `mixed`.
//!    A line opened by a short name and a colon (`Name: ...`, headlines and transcripts) is
//!    attributed to the name.
//! 3. **Reports from the parse.** When the parser ran, [`deps`] finds each reporting verb of
//!    `resources/quotes/verbs.tsv` (by lemma) with a complement: the whole `ccomp` subtree
//!    (`X argued that ...`), an infinitive (`X plans to ...`) or, for evaluative verbs, the
//!    object with its predicate (`X called the plan a failure`, `X called for an inquiry`). It
//!    replaces the content of the word patterns' find with the same cue and adds the others.
//! 4. **Speakers.** The speaker span is the noun phrase next to the cue, found by word
//!    patterns or, when the parser ran, by the cue's `nsubj`. It is linked to the entity whose
//!    mention it covers (the actors stage resolves pronouns and titles to mentions); a pronoun
//!    with no entity falls back on the previous quote's speaker.
//! 5. **Dates.** A quote is dated by the time layer's expression in its sentence, else the
//!    paragraph's, else the publication date.
//!
//! *Invariant:* content spans lie inside the text, on char boundaries, and quotes of one kind
//! never overlap.

mod deps;
pub mod detector;
mod lexicon;
mod marks;
mod words;

pub use deps::{Complement, Verbs, VERBS_TSV};
pub use detector::{CueDetector, CUE_MODEL_TSV};
pub use lexicon::{CueEntry, Frame, Lexicon, LexiconError, CUES_TSV};
pub use words::lower_words;

use newsgraph_core::{Document, MentionVia, Quote, QuoteKind, Span, Stage, Upos};

use marks::Marked;
use words::{form, is_cap, lower, W};

/// Personal and relative pronouns that can name a speaker.
const PRONOUNS: &[&str] = &["he", "she", "they", "we", "i", "it", "you", "who"];
/// Auxiliaries and adverbs that may stand between a subject and its cue.
const AUX: &[&str] = &[
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "also",
    "later",
    "then",
    "previously",
    "repeatedly",
    "again",
    "further",
    "recently",
    "reportedly",
    "once",
    "would",
    "will",
    "did",
    "does",
    "do",
    "could",
    "may",
    "might",
    "should",
    "must",
    "only",
    "just",
    "publicly",
    "privately",
    "separately",
    "already",
    "still",
    "often",
    "never",
    "not",
    "first",
    "earlier",
    "subsequently",
    "simply",
    "openly",
    "flatly",
    "bluntly",
    "explicitly",
    "directly",
    "specifically",
    "always",
    "even",
    "too",
    "however",
    "famously",
    "falsely",
    "correctly",
    "rightly",
    "wrongly",
    "frequently",
    "last",
    "yesterday",
    "today",
    "tonight",
    "recently",
    "quickly",
    "angrily",
    "loudly",
    "clearly",
    "has",
    "had",
    "allegedly",
    "initially",
    "finally",
    "once",
    "now",
    "currently",
    "personally",
    "reportedly",
];
/// Words that end a noun phrase: conjunctions, subordinators, relatives, verbs of saying.
const BREAK: &[&str] = &[
    "that", "which", "and", "but", "or", "because", "when", "while", "after", "before", "if",
    "since", "although", "though", "so", "as", "where", "whether", "whom", "whose", "than", "nor",
    "yet", "unless", "until", "whereas",
];
/// Prepositions.
const PREP: &[&str] = &[
    "of",
    "in",
    "on",
    "at",
    "for",
    "to",
    "from",
    "by",
    "with",
    "about",
    "after",
    "during",
    "under",
    "over",
    "into",
    "against",
    "among",
    "between",
    "through",
    "without",
    "within",
    "via",
    "per",
    "since",
    "until",
    "like",
    "near",
    "across",
    "behind",
    "toward",
    "towards",
    "upon",
    "despite",
    "amid",
    "following",
    "before",
    "throughout",
    "onto",
    "outside",
    "inside",
];
/// Determiners and possessives that open a noun phrase.
const DET: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "our", "this", "these", "those", "some",
    "many", "several", "most", "all", "two", "three", "both", "one", "another", "other", "each",
    "any", "my", "your", "few", "four", "five", "senior", "top",
];
/// Words after "told"/"asked" that start the content rather than an addressee.
const CONTENT_OPENERS: &[&str] = &[
    "that", "how", "what", "why", "whether", "when", "where", "who", "if",
];

/// Findings credited by a headline colon (`Poll: ...`).
const FINDING_NOUNS: &[&str] = &[
    "poll", "polls", "survey", "study", "report", "analysis", "audit",
];

/// Prepositions that make a phrase before a colon a heading, not a name (`of` is in names:
/// `Secretary of State X:`).
const HEADING_PREPOSITIONS: &[&str] = &[
    "over", "for", "with", "in", "on", "at", "to", "from", "after", "against", "amid", "about",
    "into", "by", "vs", "versus", "under", "behind", "without",
];

/// Labels that open a line with a colon without naming a speaker.
const COLON_LABELS: &[&str] = &[
    "update",
    "updated",
    "watch",
    "note",
    "editor's",
    "editor’s",
    "video",
    "videos",
    "photo",
    "photos",
    "exclusive",
    "breaking",
    "read",
    "live",
    "related",
    "source",
    "sources",
    "image",
    "caption",
    "correction",
    "corrections",
    "clarification",
    "editor",
    "disclosure",
    "transcript",
    "listen",
    "see",
    "also",
    "q",
    "a",
    "question",
    "answer",
    "full",
    "more",
    "click",
    "follow",
    "contact",
    "email",
    "tags",
    "topics",
    "credit",
    "warning",
    "advertisement",
    "sign",
    "subscribe",
    "share",
];

/// Minimum number of words for a quoted span to count as a direct quote of its own.
const MIN_DIRECT_WORDS: usize = 4;

/// An attribution: who, with which cue.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Attribution {
    speaker: Option<Span>,
    cue: Option<Span>,
    entity: Option<usize>,
}

impl Attribution {
    fn is_some(&self) -> bool {
        self.speaker.is_some() || self.cue.is_some()
    }
}

/// A quote before linking and dating.
#[derive(Clone, Copy, Debug)]
struct Found {
    content: Span,
    kind: QuoteKind,
    attr: Attribution,
}

/// The quote attribution stage.
#[derive(Clone, Debug)]
pub struct QuoteExtractor {
    lex: Lexicon,
    verbs: Verbs,
    detector: Option<CueDetector>,
    /// The learned filter of found attributions (`None`: every find is kept).
    filter: Option<CueDetector>,
}

impl QuoteExtractor {
    /// The extractor with the embedded cue lexicon.
    pub fn new() -> Result<QuoteExtractor, LexiconError> {
        Ok(QuoteExtractor::with_lexicon(Lexicon::embedded()?)
            .with_verbs(Verbs::embedded()?)
            .with_detector(CueDetector::embedded()?)
            .with_filter(CueDetector::embedded_filter()?))
    }

    /// The extractor with a given lexicon and no reporting verbs for the dependency rule.
    pub fn with_lexicon(lex: Lexicon) -> QuoteExtractor {
        QuoteExtractor {
            lex,
            verbs: Verbs::default(),
            detector: None,
            filter: None,
        }
    }

    /// The same extractor with a learned filter of its finds (`None`: every find is kept).
    pub fn with_filter(self, filter: Option<CueDetector>) -> QuoteExtractor {
        QuoteExtractor { filter, ..self }
    }

    /// The same extractor with a learned cue detector (`None`: the lexicons alone).
    pub fn with_detector(self, detector: Option<CueDetector>) -> QuoteExtractor {
        QuoteExtractor { detector, ..self }
    }

    /// The reporting verbs and nouns of the dependency rule.
    pub fn verbs(&self) -> &Verbs {
        &self.verbs
    }

    /// The same extractor with the given reporting verbs for the dependency rule.
    pub fn with_verbs(self, verbs: Verbs) -> QuoteExtractor {
        QuoteExtractor { verbs, ..self }
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lex
    }

    /// The quotes of `doc`, in text order.
    pub fn extract(&self, doc: &Document) -> Vec<Quote> {
        let text = doc.text.as_str();
        let paras: Vec<Span> = if doc.paragraphs.is_empty() {
            if text.trim().is_empty() {
                Vec::new()
            } else {
                vec![Span::new(0, text.len())]
            }
        } else {
            doc.paragraphs
                .iter()
                .copied()
                .filter(|p| {
                    p.end <= text.len()
                        && text.is_char_boundary(p.start)
                        && text.is_char_boundary(p.end)
                })
                .collect()
        };
        let parse = Parse::new(doc);
        let mut found: Vec<Found> = Vec::new();
        // the attribution of the last quote of the previous paragraph, and whether it was open
        let mut prev_para: Option<(Attribution, bool)> = None;
        for para in paras {
            let ws = words::split(text, para.start, para.end);
            let sents = sentences_in(doc, para, &ws, text);
            let marked = marks::scan(text, para);
            let mut directs: Vec<(Marked, Attribution)> = Vec::new();
            let mut fragments: Vec<Marked> = Vec::new();
            let mut prev_close = para.start;
            for m in &marked {
                if self.is_direct(text, &ws, prev_close, m) {
                    directs.push((*m, Attribution::default()));
                } else {
                    fragments.push(*m);
                }
                prev_close = m.close_end;
            }
            // a quoted transcript line names its speaker inside the marks ("\"SMITH: ...")
            for d in directs.iter_mut() {
                let lo = ws.partition_point(|w| w.s < d.0.inner_start);
                let hi = ws.partition_point(|w| w.s < d.0.inner_end);
                if let Some((colon, (a, b))) = self.colon_source(text, &ws, lo, hi, &parse) {
                    let after = ws.get(colon + 1).map(|w| w.s);
                    if let Some(start) = after.filter(|&s| s < d.0.inner_end) {
                        d.0.inner_start = start;
                        d.1 = self.attribution(
                            Some(join(&ws, a, b)),
                            join(&ws, colon, colon + 1),
                            &parse,
                        );
                    }
                }
            }
            // attribution of each direct quote from its own sentence
            for k in 0..directs.len() {
                if directs[k].1.is_some() {
                    continue;
                }
                let m = directs[k].0;
                let next_open = directs.get(k + 1).map_or(para.end, |d| d.0.open);
                let prev_end = if k == 0 {
                    para.start
                } else {
                    directs[k - 1].0.close_end
                };
                let mut attr = self.after_attr(text, &ws, m.close_end, next_open, &parse);
                // a quote that ends its sentence ('"... timing." X said it would ...') is
                // credited by a cue after it only when nothing is reported after the cue
                let ends_sentence = text
                    .get(m.inner_start..m.inner_end)
                    .and_then(|q| q.trim_end().chars().last())
                    .is_some_and(|c| matches!(c, '.' | '!' | '?'));
                if ends_sentence
                    && attr
                        .cue
                        .is_some_and(|c| reports_after(text, &ws, c, &parse))
                {
                    attr = Attribution::default();
                }
                if !attr.is_some() {
                    let sent_start = sents
                        .iter()
                        .find(|s| s.start <= m.open && m.open < s.end.max(s.start + 1))
                        .map_or(para.start, |s| s.start);
                    attr = self.before_attr(text, &ws, prev_end.max(sent_start), m.open, &parse);
                }
                directs[k].1 = attr;
            }
            // quotes with no attribution of their own borrow one
            for k in 0..directs.len() {
                if directs[k].1.is_some() {
                    continue;
                }
                let m = directs[k].0;
                let starts_para = m.open == para.start;
                if k == 0 && starts_para {
                    if let Some((a, open)) = prev_para {
                        if open {
                            directs[k].1 = a;
                            continue;
                        }
                    }
                }
                if let Some(a) = directs[..k].iter().rev().map(|d| d.1).find(|a| a.is_some()) {
                    directs[k].1 = a;
                } else if let Some(a) = directs[k + 1..].iter().map(|d| d.1).find(|a| a.is_some()) {
                    directs[k].1 = a;
                } else if starts_para && m.close_end >= para.end.saturating_sub(1) {
                    if let Some((a, _)) = prev_para {
                        directs[k].1 = Attribution { cue: None, ..a };
                    }
                }
            }
            // indirect and mixed speech outside the direct quotes
            let mask: Vec<Span> = directs.iter().map(|d| d.0.outer()).collect();
            let used_cues: Vec<Span> = directs.iter().filter_map(|d| d.1.cue).collect();
            let mut indirect = Vec::new();
            for s in &sents {
                self.indirect_in(
                    text,
                    &ws,
                    *s,
                    &mask,
                    &fragments,
                    &used_cues,
                    &parse,
                    &mut indirect,
                );
            }
            if parse.parsed {
                self.dep_indirect(
                    &parse,
                    &ws,
                    para,
                    &mask,
                    &fragments,
                    &used_cues,
                    &mut indirect,
                );
            }
            // a quote standing alone after reported speech in the same paragraph continues
            // it ('... because "most people don't know," she said. "We have no context ..."')
            for (m, a) in directs.iter_mut() {
                if a.is_some() || m.open == para.start {
                    continue;
                }
                if let Some(f) = indirect
                    .iter()
                    .filter(|f| f.content.end <= m.open && f.attr.speaker.is_some())
                    .max_by_key(|f| f.content.end)
                {
                    *a = f.attr;
                }
            }
            let mut last = None;
            for (m, a) in &directs {
                if a.is_some() {
                    found.push(Found {
                        content: trim_span(text, m.inner()),
                        kind: QuoteKind::Direct,
                        attr: *a,
                    });
                    last = Some((*a, !m.closed));
                }
            }
            if let Some(f) = indirect.last() {
                let f: &Found = f;
                if last.is_none() {
                    last = Some((f.attr, false));
                }
            }
            found.extend(indirect);
            // a paragraph ending in a cue and a colon ("He said:") introduces a quote that
            // opens the next paragraph
            let ends_with_colon = ws.last().is_some_and(|w| !w.word && form(text, *w) == ":")
                && directs.last().is_none_or(|d| d.0.closed);
            if ends_with_colon {
                let from = sents
                    .last()
                    .map_or(para.start, |s| s.start)
                    .max(directs.last().map_or(para.start, |d| d.0.close_end));
                let a = self.before_attr(text, &ws, from, para.end, &parse);
                if a.is_some() {
                    last = Some((a, true));
                }
            }
            prev_para = last;
        }
        // link speakers and date
        found.sort_by_key(|f| (f.content.start, f.content.end));
        let mut quotes: Vec<Quote> = Vec::with_capacity(found.len());
        let mut last_entity: Option<usize> = None;
        let children = self.filter.as_ref().map(|_| detector::children(doc));
        for mut f in found {
            if f.content.is_empty() {
                continue;
            }
            f.attr.speaker = f
                .attr
                .speaker
                .map(|sp| parse.widen_speaker(sp, f.attr.cue, f.content))
                .and_then(|sp| without_time_lead(text, sp))
                .and_then(|sp| tidy_speaker(text, sp))
                .map(|sp| parse.without_adverbial_lead(sp))
                .map(|sp| parse.without_tail(sp))
                .map(
                    |sp| match f.attr.cue.and_then(|c| parse.token_at(c.start)) {
                        Some(v) if parse.parsed => deps::without_governing_verb(doc, v, sp),
                        _ => sp,
                    },
                );
            f.attr.cue = f
                .attr
                .cue
                .map(|c| with_channel(text, with_auxiliaries(text, f.attr.speaker, c)));
            if f.kind != QuoteKind::Direct {
                f.content = without_leading_conjunction(text, parse.without_dateline(f.content));
            }
            if quotes
                .iter()
                .any(|q| q.kind == f.kind && q.content.overlaps(f.content))
            {
                continue;
            }
            if let (Some(filter), Some(children)) = (&self.filter, &children) {
                let kids = |j: usize| children.get(j).cloned().unwrap_or_default();
                let feats = detector::attribution_features(
                    doc,
                    f.kind,
                    f.attr.cue,
                    f.attr.speaker,
                    f.content,
                    &kids,
                );
                if !filter.accepts(&feats) {
                    continue;
                }
            }
            let mut entity = f.attr.entity;
            if entity.is_none() {
                if let Some(sp) = f.attr.speaker {
                    entity = link_entity(doc, sp);
                    if entity.is_none() && is_pronoun(text, sp) {
                        entity = last_entity;
                    }
                }
            }
            if entity.is_some() {
                last_entity = entity;
            }
            quotes.push(Quote {
                speaker: entity,
                speaker_span: f.attr.speaker,
                content: f.content,
                kind: f.kind,
                cue: f.attr.cue,
                date: quote_date(doc, f.content),
            });
        }
        quotes
    }

    /// Whether a quoted span stands as a clause of its own.
    fn is_direct(&self, text: &str, ws: &[W], prev_close: usize, m: &Marked) -> bool {
        if m.single {
            return false;
        }
        let inner_words = ws
            .iter()
            .filter(|w| w.word && w.s >= m.inner_start && w.e <= m.inner_end)
            .count();
        let left = text.get(prev_close..m.open).unwrap_or("").trim_end();
        if inner_words < MIN_DIRECT_WORDS {
            // a short utterance standing as a sentence of its own: `"We will win," she said.`
            let inner = text
                .get(m.inner_start..m.inner_end)
                .unwrap_or("")
                .trim_end();
            let opens_sentence = left.is_empty() || left.ends_with(['.', '!', '?']);
            return inner_words >= 2 && opens_sentence && inner.ends_with([',', '.', '!', '?']);
        }
        if left.is_empty() {
            return true;
        }
        let left = left.trim_end_matches(['”', '"', '’', '\'', ')']);
        if left.ends_with([':', ',', '—', '–', '.', '!', '?', ';', '(']) {
            return true;
        }
        // a cue right before the mark: `he said "..."`
        if let Some(i) = ws.iter().rposition(|w| w.e <= m.open) {
            if ws[i].word {
                let l = lower(text, ws[i]);
                if self
                    .lex
                    .match_at(&[l.as_str()])
                    .is_some_and(|(e, _)| e.frame != Frame::According)
                {
                    return true;
                }
            }
        }
        false
    }

    /// The cue starting at word `i`, if any: (entry, number of tokens).
    fn cue_at(&self, text: &str, ws: &[W], i: usize, hi: usize) -> Option<(&CueEntry, usize)> {
        let w = *ws.get(i)?;
        if !w.word {
            return None;
        }
        let mut lw: Vec<String> = Vec::with_capacity(4);
        for x in ws[i..hi.min(ws.len())].iter().take(4) {
            if !x.word {
                break;
            }
            lw.push(lower(text, *x));
        }
        self.lex.match_at(&lw)
    }

    fn is_cue_word(&self, l: &str) -> bool {
        self.lex.match_at(&[l]).is_some()
    }

    /// `"...," said X` / `"...," X said` after a closing mark, within the sentence.
    fn after_attr(
        &self,
        text: &str,
        ws: &[W],
        from: usize,
        to: usize,
        parse: &Parse,
    ) -> Attribution {
        let lo = ws.partition_point(|w| w.s < from);
        let mut hi = ws.partition_point(|w| w.s < to);
        if let Some(p) = ws[lo..hi]
            .iter()
            .position(|w| !w.word && is_final(form(text, *w)))
        {
            hi = lo + p;
        }
        if let Some(a) = self.dash_credit(text, ws, lo, hi) {
            return a;
        }
        let mut k = lo;
        while k < hi && !ws[k].word && matches!(form(text, ws[k]), "," | "—" | "–" | "-" | ";")
        {
            k += 1;
        }
        if k >= hi {
            return Attribution::default();
        }
        if let Some((e, n)) = self.cue_at(text, ws, k, hi) {
            let cue = join(ws, k, k + n);
            if let Some((a, b)) = self.np_right(text, ws, k + n, hi) {
                let _ = e;
                return self.attribution(Some(join(ws, a, b)), cue, parse);
            }
            if e.frame != Frame::According {
                if let Some(sp) = parse.subject_of(cue) {
                    return self.attribution(Some(sp), cue, parse);
                }
            }
            return Attribution::default();
        }
        // `"...," Name, a professor at Yale, said`: up to three commas of apposition
        // ("Name, the attorney general of X, one of the states suing, said")
        let mut commas: Vec<usize> = Vec::new();
        let mut close = 0;
        for j in k..hi.min(k + 40) {
            if j < close {
                continue;
            }
            if !ws[j].word && j > k && form(text, ws[j]) == "(" {
                // a short bracket after a name ("Jane Doe (D-Ohio) said")
                if let Some(c) = (j + 1..hi.min(j + 8)).find(|&c| form(text, ws[c]) == ")") {
                    close = c + 1;
                    continue;
                }
            }
            if !ws[j].word {
                match form(text, ws[j]) {
                    "," if j > k && commas.len() < 3 => {
                        commas.push(j);
                        continue;
                    }
                    "(" | ")" | "-" | "'s" | "’s" | "." if !commas.is_empty() => continue,
                    _ => break,
                }
            }
            if commas.is_empty() && j >= k + 12 {
                break;
            }
            if let Some((e, n)) = self.cue_at(text, ws, j, hi).filter(|&(e, n)| {
                !(parse.is_propn(ws[j].s) || read_as_noun(text, ws, j, n, e, parse))
            }) {
                if j == k || e.frame == Frame::According {
                    break;
                }
                let cue = join(ws, j, j + n);
                if let Some(&c) = commas.first() {
                    // the cue must follow the apposition's closing comma
                    let mut b = j;
                    while b > c && ws[b - 1].word && AUX.contains(&lower(text, ws[b - 1]).as_str())
                    {
                        b -= 1;
                    }
                    if commas.len() >= 2 && commas.last() == Some(&(b - 1)) && c > k {
                        return self.attribution(Some(join(ws, k, c)), cue, parse);
                    }
                    break;
                }
                if let Some((a, b)) = self.np_left(text, ws, k, j) {
                    return self.attribution(Some(join(ws, a, b)), cue, parse);
                }
                break;
            }
            let l = lower(text, ws[j]);
            if commas.is_empty() && BREAK.contains(&l.as_str()) {
                break;
            }
        }
        Attribution::default()
    }

    /// `X said: "..."` / `According to X, "..."` before an opening mark.
    fn before_attr(
        &self,
        text: &str,
        ws: &[W],
        from: usize,
        open: usize,
        parse: &Parse,
    ) -> Attribution {
        let lo = ws.partition_point(|w| w.s < from);
        let hi = ws.partition_point(|w| w.e <= open);
        if lo >= hi {
            return Attribution::default();
        }
        // the last cue with at most a short addressee or adverbial between it and the mark
        let mut c = hi;
        while c > lo {
            c -= 1;
            let w = ws[c];
            if !w.word {
                let f = form(text, w);
                if is_final(f) {
                    return Attribution::default();
                }
                continue;
            }
            if hi - c > 10 {
                return Attribution::default();
            }
            let l = lower(text, w);
            if l == "that" {
                return Attribution::default();
            }
            if let Some((e, n)) = self.cue_at(text, ws, c, hi) {
                let cue = join(ws, c, c + n);
                if e.frame == Frame::According {
                    if let Some((a, b)) = self.np_right(text, ws, c + n, hi) {
                        return self.attribution(Some(join(ws, a, b)), cue, parse);
                    }
                    return Attribution::default();
                }
                let sp = self.speaker_left(text, ws, lo, c, cue, parse);
                return self.attribution(sp, cue, parse);
            }
        }
        // `X verb: "..."`: any verb of the tagger right before the colon introduces the quote
        if hi >= lo + 2 && form(text, ws[hi - 1]) == ":" && ws[hi - 2].word {
            let c = hi - 2;
            if parse.is_verb(ws[c].s) {
                let cue = join(ws, c, c + 1);
                if let Some(sp) = self.speaker_left(text, ws, lo, c, cue, parse) {
                    return self.attribution(Some(sp), cue, parse);
                }
            }
        }
        // `Name: "..."` (a headline or a transcript line)
        if let Some((colon, (a, b))) = self.colon_source(text, ws, lo, hi, parse) {
            if colon + 1 == hi {
                return self.attribution(Some(join(ws, a, b)), join(ws, colon, colon + 1), parse);
            }
        }
        Attribution::default()
    }

    /// A quote credited by a dash and a name closing the stretch after it (`"..." ― Jane
    /// Doe`, `"..." — John Smith, 34, a teacher`): the dash is the cue and the name, up to
    /// six mostly capitalised words before any comma, the speaker.
    fn dash_credit(&self, text: &str, ws: &[W], lo: usize, hi: usize) -> Option<Attribution> {
        let dash = *ws.get(lo)?;
        if dash.word || !matches!(form(text, dash), "―" | "—" | "–" | "--") || lo + 1 >= hi {
            return None;
        }
        let a = lo + 1;
        let mut b = a;
        while b < hi && ws[b].word {
            b += 1;
        }
        let name = &ws[a..b];
        let closes = b == hi || form(text, ws[b]) == ",";
        if name.is_empty() || name.len() > 6 || !closes || !is_cap(text, name[0]) {
            return None;
        }
        let caps = name.iter().filter(|w| is_cap(text, **w)).count();
        if caps * 2 < name.len() || name.iter().any(|w| self.is_cue_word(&lower(text, *w))) {
            return None;
        }
        Some(Attribution {
            speaker: Some(join(ws, a, b)),
            cue: Some(join(ws, lo, lo + 1)),
            entity: None,
        })
    }

    /// A short name and a colon opening the clause at word `lo`: `Name Name: ...`, as
    /// (index of the colon, the name's words). When the tagger ran, the words must read as a
    /// name: no verb ("Veto Power Impedes Peace Efforts:"), no preposition but "of" ("Little
    /// Relief for Refugees:"; "Secretary of State X:" stays) and a noun or pronoun last ("The
    /// Latest:"), since headings open lines with a colon too.
    fn colon_source(
        &self,
        text: &str,
        ws: &[W],
        lo: usize,
        hi: usize,
        parse: &Parse,
    ) -> Option<(usize, (usize, usize))> {
        let mut j = lo;
        while j < hi && ws[j].word && j - lo <= 5 {
            j += 1;
        }
        if j == lo || j >= hi || j - lo > 5 || form(text, ws[j]) != ":" {
            return None;
        }
        if !is_cap(text, ws[lo]) || COLON_LABELS.contains(&lower(text, ws[lo]).as_str()) {
            return None;
        }
        let name = &ws[lo..j];
        // `Poll: ...`, `Study: ...`: a headline credits a finding to its source.
        let finding = name.len() == 1 && FINDING_NOUNS.contains(&lower(text, name[0]).as_str());
        if finding {
            return Some((j, (lo, j)));
        }
        if name.iter().any(|w| self.is_cue_word(&lower(text, *w))) {
            return None;
        }
        // `Stealth Over Health:`: a preposition makes a heading of it, whatever the tagger
        // made of the capitals.
        if name
            .iter()
            .any(|w| HEADING_PREPOSITIONS.contains(&lower(text, *w).as_str()))
        {
            return None;
        }
        let caps = name.iter().filter(|w| is_cap(text, **w)).count();
        if caps * 2 < name.len() {
            return None;
        }
        if parse.parsed {
            let tag = |w: &W| parse.upos_at(w.s);
            let clause_word = name.iter().any(|w| match tag(w) {
                Some(Upos::Verb | Upos::Aux) => true,
                Some(Upos::Adp) => lower(text, *w) != "of",
                _ => false,
            });
            let nominal_end = name
                .last()
                .and_then(tag)
                .is_none_or(|u| matches!(u, Upos::Propn | Upos::Noun | Upos::Pron));
            if clause_word || !nominal_end {
                return None;
            }
        }
        Some((j, (lo, j)))
    }

    fn attribution(&self, speaker: Option<Span>, cue: Span, _parse: &Parse) -> Attribution {
        Attribution {
            speaker,
            cue: Some(cue),
            entity: None,
        }
    }

    /// The speaker of a cue at word `c`: the parse's subject, else the noun phrase to the
    /// left, else (after "and" or for a participle) the sentence's subject.
    fn speaker_left(
        &self,
        text: &str,
        ws: &[W],
        lo: usize,
        c: usize,
        cue: Span,
        parse: &Parse,
    ) -> Option<Span> {
        if let Some(sp) = parse.subject_of(cue) {
            return Some(sp);
        }
        if let Some((a, b)) = self
            .np_left(text, ws, lo, c)
            .or_else(|| self.np_before_parenthetical(text, ws, lo, c, parse))
        {
            return Some(join(ws, a, b));
        }
        let mut b = c;
        while b > lo && ws[b - 1].word && AUX.contains(&lower(text, ws[b - 1]).as_str()) {
            b -= 1;
        }
        let before = b.checked_sub(1).filter(|&p| p >= lo).map(|p| ws[p]);
        let coordinated = match before {
            Some(w) if w.word => lower(text, w) == "and",
            Some(w) => form(text, w) == "," && lower(text, ws[c]).ends_with("ing"),
            None => false,
        };
        if coordinated {
            return self
                .sentence_subject(text, ws, lo, c)
                .map(|(a, b)| join(ws, a, b));
        }
        None
    }

    /// The noun phrase ending just before word `i` (auxiliaries and adverbs skipped).
    /// `X, speaking to veterans in Virginia, said`, `X, a senior adviser, called`: the noun
    /// phrase before a comma-enclosed phrase without a finite verb that ends right before
    /// the cue at word `c`.
    fn np_before_parenthetical(
        &self,
        text: &str,
        ws: &[W],
        lo: usize,
        c: usize,
        parse: &Parse,
    ) -> Option<(usize, usize)> {
        let mut b = c;
        while b > lo && ws[b - 1].word && AUX.contains(&lower(text, ws[b - 1]).as_str()) {
            b -= 1;
        }
        let close = b.checked_sub(1).filter(|&p| p > lo)?;
        if ws[close].word || form(text, ws[close]) != "," {
            return None;
        }
        let open = (lo..close)
            .rev()
            .take(25)
            .find(|&j| !ws[j].word && form(text, ws[j]) == ",")?;
        if open + 1 >= close || parse.has_finite_verb(Span::new(ws[open].e, ws[close].s)) {
            return None;
        }
        self.np_left(text, ws, lo, open)
    }

    fn np_left(&self, text: &str, ws: &[W], lo: usize, i: usize) -> Option<(usize, usize)> {
        let mut b = i;
        while b > lo && ws[b - 1].word && AUX.contains(&lower(text, ws[b - 1]).as_str()) {
            b -= 1;
        }
        // a short bracket closing a name ("Rep. Jane Doe (D-Ohio)") stays with it
        if b > lo + 1 && !ws[b - 1].word && form(text, ws[b - 1]) == ")" {
            let open = (lo..b - 1)
                .rev()
                .take(7)
                .find(|&o| !ws[o].word && matches!(form(text, ws[o]), "(" | ")"))
                .filter(|&o| form(text, ws[o]) == "(");
            if let Some(o) = open {
                let (a, e) = self.np_left(text, ws, lo, o)?;
                return (e == o && is_cap(text, ws[e - 1])).then_some((a, b));
            }
        }
        if b <= lo {
            return None;
        }
        let last = ws[b - 1];
        if !last.word {
            return None;
        }
        let l = lower(text, last);
        if PRONOUNS.contains(&l.as_str()) || l == "which" {
            return Some((b - 1, b));
        }
        if BREAK.contains(&l.as_str()) || PREP.contains(&l.as_str()) || DET.contains(&l.as_str()) {
            return None;
        }
        if !is_cap(text, last) && (l.ends_with("ed") || l.ends_with("ing") || l.ends_with("ly")) {
            return None;
        }
        let mut a = b - 1;
        while a > lo && b - a < 10 {
            let w = ws[a - 1];
            if !w.word {
                break;
            }
            let l = lower(text, w);
            if BREAK.contains(&l.as_str())
                || PRONOUNS.contains(&l.as_str())
                || AUX.contains(&l.as_str())
                || self.is_cue_word(&l)
            {
                break;
            }
            if !is_cap(text, w) && (l.ends_with("ed") && !DET.contains(&l.as_str())) {
                break;
            }
            a -= 1;
        }
        // a leading prepositional phrase ("In Moscow Lavrov said"): keep the last name
        if PREP.contains(&lower(text, ws[a]).as_str()) {
            let mut p = b;
            while p > a + 1
                && (is_cap(text, ws[p - 1]) || DET.contains(&lower(text, ws[p - 1]).as_str()))
            {
                p -= 1;
            }
            if p == b {
                return None;
            }
            a = p;
        }
        let has_cap = ws[a..b].iter().any(|w| is_cap(text, *w));
        let starts_det = DET.contains(&lower(text, ws[a]).as_str());
        if !has_cap && !starts_det && b - a > 3 {
            return None;
        }
        Some((a, b))
    }

    /// The noun phrase starting at word `k` ("said the Russian foreign minister").
    fn np_right(&self, text: &str, ws: &[W], k: usize, hi: usize) -> Option<(usize, usize)> {
        let mut j = k;
        while j < hi && j - k < 10 {
            let w = ws[j];
            if !w.word {
                // a plural possessive ("the farmers' union") goes on
                let possessive = j > k
                    && matches!(form(text, w), "'" | "’")
                    && ws[j - 1].e == w.s
                    && ws.get(j + 1).is_some_and(|n| n.word && j + 1 < hi);
                if possessive {
                    j += 1;
                    continue;
                }
                break;
            }
            let l = lower(text, w);
            if j == k && PRONOUNS.contains(&l.as_str()) {
                return Some((k, k + 1));
            }
            if BREAK.contains(&l.as_str())
                || (AUX.contains(&l.as_str()) && j > k)
                || (self.is_cue_word(&l) && j > k)
            {
                break;
            }
            if PREP.contains(&l.as_str()) {
                let next_ok = ws.get(j + 1).is_some_and(|n| {
                    n.word
                        && j + 1 < hi
                        && (is_cap(text, *n) || DET.contains(&lower(text, *n).as_str()))
                });
                if l == "of" && next_ok && j > k {
                    j += 1;
                    continue;
                }
                break;
            }
            if j > k && !is_cap(text, w) && l.ends_with("ing") {
                break;
            }
            j += 1;
        }
        (j > k).then_some((k, j))
    }

    /// The subject at the start of a clause: skips a leading adverbial up to its comma.
    fn sentence_subject(
        &self,
        text: &str,
        ws: &[W],
        lo: usize,
        hi: usize,
    ) -> Option<(usize, usize)> {
        let mut k = lo;
        if k < hi && PREP.contains(&lower(text, ws[k]).as_str()) {
            match ws[k..hi]
                .iter()
                .position(|w| !w.word && form(text, *w) == ",")
            {
                Some(p) => k += p + 1,
                None => return None,
            }
        }
        let mut j = k;
        while j < hi && j - k < 8 {
            let w = ws[j];
            if !w.word {
                break;
            }
            let l = lower(text, w);
            if AUX.contains(&l.as_str()) || BREAK.contains(&l.as_str()) || self.is_cue_word(&l) {
                break;
            }
            if j > k && !is_cap(text, w) && (l.ends_with("ed") || PREP.contains(&l.as_str())) {
                break;
            }
            if j == k && PRONOUNS.contains(&l.as_str()) {
                return Some((k, k + 1));
            }
            j += 1;
        }
        (j > k).then_some((k, j))
    }

    /// Indirect and mixed speech in sentence `s`.
    #[allow(clippy::too_many_arguments)]
    fn indirect_in(
        &self,
        text: &str,
        ws: &[W],
        s: Span,
        mask: &[Span],
        fragments: &[Marked],
        used_cues: &[Span],
        parse: &Parse,
        out: &mut Vec<Found>,
    ) {
        let lo = ws.partition_point(|w| w.s < s.start);
        let hi = ws.partition_point(|w| w.s < s.end);
        let masked = |w: W| mask.iter().any(|m| m.start <= w.s && w.e <= m.end);
        let mut i = lo;
        let mut taken_until = 0usize;
        // `Name: CONTENT` at the start of the sentence
        if let Some((colon, (a, b))) = self.colon_source(text, ws, lo, hi, parse) {
            if let Some(content) = content_span(text, ws, colon + 1, hi) {
                let words_in = ws[colon + 1..hi].iter().filter(|w| w.word).count();
                let quoted = mask.iter().any(|m| m.overlaps(content));
                if words_in >= 3 && !quoted {
                    let mixed = fragments.iter().any(|f| content.contains(f.outer()));
                    out.push(Found {
                        content,
                        kind: if mixed {
                            QuoteKind::Mixed
                        } else {
                            QuoteKind::Indirect
                        },
                        attr: Attribution {
                            speaker: Some(join(ws, a, b)),
                            cue: Some(join(ws, colon, colon + 1)),
                            entity: None,
                        },
                    });
                    taken_until = content.end;
                }
            }
        }
        while i < hi {
            let w = ws[i];
            if !w.word || masked(w) || w.s < taken_until {
                i += 1;
                continue;
            }
            let Some((e, n)) = self.cue_at(text, ws, i, hi) else {
                i += 1;
                continue;
            };
            // a cue word inside a name ("the United States") is no cue
            if (i > lo && parse.is_propn(w.s)) || read_as_noun(text, ws, i, n, e, parse) {
                i += n;
                continue;
            }
            let cue = join(ws, i, i + n);
            if used_cues.iter().any(|u| u.overlaps(cue)) {
                i += n;
                continue;
            }
            let frame = e.frame;
            let got = match frame {
                Frame::According => self.according(text, ws, lo, hi, i, n, cue),
                _ => {
                    let infinitive = takes_infinitive(e);
                    self.reported(text, ws, lo, hi, i, n, frame, infinitive, cue, mask, parse)
                }
            };
            match got {
                Some((content, speaker)) if !content.is_empty() => {
                    // a content that is only a direct quote is that quote's business
                    if mask.iter().any(|m| {
                        m.contains(content)
                            || (content.contains(*m) && m.len() * 10 >= content.len() * 9)
                    }) {
                        i += n;
                        continue;
                    }
                    let mixed = fragments.iter().any(|f| content.contains(f.outer()))
                        || mask.iter().any(|m| content.overlaps(*m));
                    out.push(Found {
                        content,
                        kind: if mixed {
                            QuoteKind::Mixed
                        } else {
                            QuoteKind::Indirect
                        },
                        attr: Attribution {
                            speaker,
                            cue: Some(cue),
                            entity: None,
                        },
                    });
                    if content.start > cue.start {
                        taken_until = content.end;
                    }
                    i += n;
                }
                _ => i += n,
            }
        }
    }

    /// Indirect speech from the dependency parse: refines the content of the word patterns'
    /// finds with the same cue, and adds the ones they missed.
    #[allow(clippy::too_many_arguments)]
    fn dep_indirect(
        &self,
        parse: &Parse,
        ws: &[W],
        para: Span,
        mask: &[Span],
        fragments: &[Marked],
        used_cues: &[Span],
        out: &mut Vec<Found>,
    ) {
        let doc = parse.doc;
        for mut d in deps::find(doc, &self.verbs, self.detector.as_ref(), para) {
            // a cue the parse gave no subject ("In July, the group called for ..." parsed
            // around the date): the noun phrase written right before it, if no word of it
            // is a verb; raising verbs ("seems to", "is expected to") have no speaker
            if d.speaker.is_none() && !d.passive && !parse.is_raising(d.cue) {
                let c = ws.partition_point(|w| w.s < d.cue.start);
                d.speaker = self
                    .np_left(&doc.text, ws, 0, c)
                    .or_else(|| self.np_before_parenthetical(&doc.text, ws, 0, c, parse))
                    .map(|(a, b)| join(ws, a, b))
                    .filter(|&sp| !parse.has_verb(sp));
            }
            if mask.iter().any(|m| m.contains(d.cue)) || used_cues.iter().any(|u| u.overlaps(d.cue))
            {
                continue;
            }
            // a cue inside another attribution's source ("according to show insiders")
            if out
                .iter()
                .any(|f| f.attr.speaker.is_some_and(|sp| sp.contains(d.cue)))
            {
                continue;
            }
            if mask.iter().any(|m| {
                m.contains(d.content)
                    || (d.content.contains(*m) && m.len() * 10 >= d.content.len() * 9)
            }) {
                continue;
            }
            let mixed = fragments.iter().any(|f| d.content.contains(f.outer()))
                || mask.iter().any(|m| d.content.overlaps(*m));
            let kind = if mixed {
                QuoteKind::Mixed
            } else {
                QuoteKind::Indirect
            };
            // the pieces of one attribution share their cue ("X ... is expected ... to Y")
            let pieces = out.iter().any(|f| {
                f.attr.cue == Some(d.cue) && f.attr.speaker.is_none() && d.speaker.is_none()
            });
            if let Some(f) = out
                .iter_mut()
                .find(|f| f.attr.cue.is_some_and(|c| c.overlaps(d.cue)))
                .filter(|_| !pieces)
            {
                f.content = d.content;
                f.kind = kind;
                if f.attr.speaker.is_none() || d.passive {
                    f.attr.speaker = d.speaker;
                }
                continue;
            }
            out.push(Found {
                content: d.content,
                kind,
                attr: Attribution {
                    speaker: d.speaker,
                    cue: Some(d.cue),
                    entity: None,
                },
            });
        }
    }

    /// "according to X, ..." and "..., according to X".
    #[allow(clippy::too_many_arguments)]
    fn according(
        &self,
        text: &str,
        ws: &[W],
        lo: usize,
        hi: usize,
        i: usize,
        n: usize,
        _cue: Span,
    ) -> Option<(Span, Option<Span>)> {
        let (a, b) = self.np_right(text, ws, i + n, hi)?;
        let speaker = Some(join(ws, a, b));
        // ", according to X" or "— according to X"
        let before_comma =
            i > lo && !ws[i - 1].word && matches!(form(text, ws[i - 1]), "," | "—" | "–" | "--");
        if i == lo || (i == lo + 1 && !ws[lo].word) {
            // According to X, CONTENT.
            let comma = ws[b..hi]
                .iter()
                .position(|w| !w.word && form(text, *w) == ",")?
                + b;
            let content = content_span(text, ws, comma + 1, hi)?;
            return Some((content, speaker));
        }
        if before_comma {
            let content = content_span(text, ws, lo, i - 1)?;
            return Some((content, speaker));
        }
        None
    }

    /// "Asked whether X, she said ...": a speech cue that opens its clause with no speaker
    /// and takes a wh-clause, which runs to the clause's comma; the source is left open.
    #[allow(clippy::too_many_arguments)]
    fn unsourced_question(
        &self,
        text: &str,
        ws: &[W],
        lo: usize,
        hi: usize,
        i: usize,
        n: usize,
        frame: Frame,
    ) -> Option<(Span, Option<Span>)> {
        if frame != Frame::Speech {
            return None;
        }
        let opens = i == lo
            || ws.get(i.wrapping_sub(1)).is_some_and(|w| {
                (!w.word && form(text, *w) == ",")
                    || (w.word && matches!(lower(text, *w).as_str(), "when" | "after" | "once"))
            });
        let k = i + n;
        if !opens || k >= hi || !ws[k].word {
            return None;
        }
        let first = lower(text, ws[k]);
        if first == "that" || !CONTENT_OPENERS.contains(&first.as_str()) {
            return None;
        }
        let end = ws[k + 1..hi]
            .iter()
            .position(|w| !w.word && form(text, *w) == ",")
            .map_or(hi, |p| p + k + 1);
        if ws[k..end].iter().filter(|w| w.word).count() < 3 {
            return None;
        }
        Some((content_span(text, ws, k, end)?, None))
    }

    /// "X said (that) ...", "..., X said", "X told Y ...", "X accused Y of ...".
    #[allow(clippy::too_many_arguments)]
    fn reported(
        &self,
        text: &str,
        ws: &[W],
        lo: usize,
        hi: usize,
        i: usize,
        n: usize,
        frame: Frame,
        infinitive: bool,
        cue: Span,
        mask: &[Span],
        parse: &Parse,
    ) -> Option<(Span, Option<Span>)> {
        let after = i + n;
        // inverted: "CONTENT, X said." or "CONTENT, said X." The words after the cue, up
        // to a comma, are few, without "that" and, when a comma ends them, without a verb:
        // "..., X said Friday, as they ..." inverts; "..., X said the plan would fail" and
        // "Although ..., X said ..." do not
        let tail_short = |from: usize| {
            let rest = &ws[from.min(hi)..hi];
            let comma = rest.iter().position(|w| !w.word && form(text, *w) == ",");
            let head = &rest[..comma.unwrap_or(rest.len())];
            let clause = comma.is_some()
                && head
                    .first()
                    .zip(head.last())
                    .is_some_and(|(a, b)| parse.has_verb(Span::new(a.s, b.e)));
            head.iter().filter(|w| w.word).count() <= 8
                && !head.iter().any(|w| w.word && lower(text, *w) == "that")
                && !clause
        };
        if !matches!(frame, Frame::Belief | Frame::Evidence) {
            if let Some((a, b)) = self.np_left(text, ws, lo, i) {
                if a > lo && !ws[a - 1].word && form(text, ws[a - 1]) == "," && tail_short(after) {
                    let content = content_span(text, ws, lo, a - 1)?;
                    return Some((content, Some(join(ws, a, b))));
                }
            }
            if i > lo && !ws[i - 1].word && form(text, ws[i - 1]) == "," {
                if let Some((a, b)) = self.np_right(text, ws, after, hi) {
                    // "..., said Smith (on Friday)." but not "..., said the plan would fail"
                    let verb_after = b < hi
                        && ws[b..hi]
                            .iter()
                            .rev()
                            .find(|w| w.word)
                            .is_some_and(|last| parse.has_verb(Span::new(ws[b].s, last.e)));
                    if tail_short(b) && !verb_after {
                        let content = content_span(text, ws, lo, i - 1)?;
                        return Some((content, Some(join(ws, a, b))));
                    }
                }
            }
        }
        // forward: "X said (that) CONTENT"
        let Some(speaker) = self.speaker_left(text, ws, lo, i, cue, parse) else {
            return self.unsourced_question(text, ws, lo, hi, i, n, frame);
        };
        let mut k = after;
        if k >= hi {
            return None;
        }
        // a direct quote right after the cue ("said: "...") is not indirect speech
        let mut p = k;
        while p < hi && !ws[p].word && matches!(form(text, ws[p]), ":" | ",") {
            p += 1;
        }
        if p < hi && mask.iter().any(|m| m.start <= ws[p].s && ws[p].s < m.end) {
            return None;
        }
        match frame {
            Frame::Tell => {
                // skip the addressee up to "that" / a wh-word / a comma
                let mut j = k;
                while j < hi
                    && j - k < 8
                    && ws[j].word
                    && !CONTENT_OPENERS.contains(&lower(text, ws[j]).as_str())
                {
                    j += 1;
                }
                if j < hi && !ws[j].word && matches!(form(text, ws[j]), "," | ":") {
                    j += 1;
                }
                if j == k || j >= hi {
                    return None;
                }
                k = j;
            }
            Frame::Speech | Frame::Belief | Frame::Evidence => {
                // "said on Monday that ...": the content starts at "that"
                let look = ws[k..hi.min(k + 9)]
                    .iter()
                    .position(|w| !w.word || lower(text, *w) == "that");
                if let Some(q) = look {
                    let w = ws[k + q];
                    if w.word && q > 0 {
                        k += q;
                    }
                }
                let first = lower(text, ws[k]);
                // "X is eager to CONTENT": a learned phrase may take an infinitive
                let to_verb = infinitive
                    && first == "to"
                    && ws.get(k + 1).is_some_and(|w| w.word && k + 1 < hi);
                if !ws[k].word || (PREP.contains(&first.as_str()) && first != "that" && !to_verb) {
                    return None;
                }
                if frame == Frame::Evidence && first != "that" {
                    return None;
                }
                // "said (Friday) as he entered the talks", "said before he died": an
                // adverbial clause after the cue tells when, not what was said
                let mut j = k;
                while j < hi && ws[j].word && is_day_word(&lower(text, ws[j])) {
                    j += 1;
                }
                if j < hi && ws[j].word && CLAUSE_OPENERS.contains(&lower(text, ws[j]).as_str()) {
                    return None;
                }
                if frame == Frame::Belief && first != "that" {
                    let ok = PRONOUNS.contains(&first.as_str())
                        || DET.contains(&first.as_str())
                        || is_cap(text, ws[k]);
                    if !ok {
                        return None;
                    }
                }
                if matches!(
                    first.as_str(),
                    "so" | "it" | "this" | "yes" | "no" | "nothing"
                ) && k + 1 >= hi
                {
                    return None;
                }
            }
            Frame::Accuse => {
                if !ws[k].word {
                    return None;
                }
            }
            Frame::According => return None,
        }
        // content ends at the sentence end, or before ", CUE"/", according to"
        let mut end = hi;
        for j in k + 1..hi {
            if !ws[j].word && form(text, ws[j]) == "," && j + 1 < hi {
                if self
                    .cue_at(text, ws, j + 1, hi)
                    .is_some_and(|(e, _)| !matches!(e.frame, Frame::Belief | Frame::Evidence))
                {
                    end = j;
                    break;
                }
            }
        }
        let content = content_span(text, ws, k, end)?;
        let words_in = ws[k..end].iter().filter(|w| w.word).count();
        if words_in < 2 {
            return None;
        }
        Some((content, Some(speaker)))
    }
}

impl Stage for QuoteExtractor {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn annotate(&self, doc: &mut Document) {
        doc.quotes = self.extract(doc);
    }
}

/// Whether a cue takes an infinitive as its content ("is eager to ...", "had hoped to ..."):
/// a learned phrase (no example) that is no passive ("is expected to ..." reports no source,
/// and the parse's reports give it its two pieces).
fn takes_infinitive(e: &CueEntry) -> bool {
    let be = matches!(
        e.words.first().map(String::as_str),
        Some("is" | "are" | "was" | "were" | "be" | "been" | "being")
    );
    let participle = e
        .words
        .last()
        .is_some_and(|w| w.ends_with("ed") || w.ends_with("en"));
    e.example.is_empty() && !(be && participle)
}

/// Whether a lower-cased word opens a time expression ("Wednesday at the debate, ..."): a day
/// or month name ("may" left out, a verb and a name as often), "yesterday", "today", "tonight".
fn is_time_lead(w: &str) -> bool {
    newsgraph_core::WEEKDAY_NAMES.contains(&w)
        || (w != "may" && newsgraph_core::MONTH_NAMES.contains(&w))
        || matches!(w, "yesterday" | "today" | "tonight")
}

/// A weekday, month or "today"-like word, or a part of the day ("Friday afternoon").
fn is_day_word(w: &str) -> bool {
    is_time_lead(w) || matches!(w, "morning" | "afternoon" | "evening" | "night")
}

/// Nouns that make "last month", "earlier this week" a time expression.
const TIME_NOUNS: &[&str] = &[
    "week", "weekend", "month", "year", "night", "morning", "summer",
];

/// A speaker span that opens with a time expression ("Wednesday at the CNN debate,
/// candidate X"): the part after its last comma, or none when nothing follows the time.
fn without_time_lead(text: &str, sp: Span) -> Option<Span> {
    let s = text.get(sp.start..sp.end)?;
    let mut ws = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase);
    let first = ws.next().unwrap_or_default();
    let second = ws.next().unwrap_or_default();
    let timed = is_time_lead(&first)
        || (matches!(
            first.as_str(),
            "last" | "this" | "next" | "earlier" | "later"
        ) && (TIME_NOUNS.contains(&second.as_str()) || is_time_lead(&second)));
    if !timed {
        return Some(sp);
    }
    let comma = s.rfind(',')?;
    let rest = &s[comma + 1..];
    let lead = rest.len()
        - rest
            .trim_start_matches(|c: char| c.is_whitespace() || "\"“”'’".contains(c))
            .len();
    let start = sp.start + comma + 1 + lead;
    (start < sp.end && text[start..sp.end].chars().any(char::is_alphabetic))
        .then(|| Span::new(start, sp.end))
}

/// Words that open a clause, never a speaker's noun phrase ("after her campaign said").
const CLAUSE_OPENERS: &[&str] = &[
    "and", "but", "after", "as", "when", "while", "because", "since", "before", "though",
    "although", "once", "until",
];

/// A speaker span without a clause-opening word in front, and without what comes before a
/// closing quotation mark inside it ('Fox News Sunday," Governor X' → 'Governor X').
fn tidy_speaker(text: &str, sp: Span) -> Option<Span> {
    let s = text.get(sp.start..sp.end)?;
    if let Some(i) = s.rfind(['”', '"']) {
        let after = i + s[i..].chars().next().map_or(1, char::len_utf8);
        let lead = s[after..].len() - s[after..].trim_start().len();
        if after + lead < s.len() && s[..i].chars().any(char::is_alphabetic) {
            return tidy_speaker(text, Span::new(sp.start + after + lead, sp.end));
        }
    }
    let mut start = 0;
    if let Some((first, rest)) = s.split_once(char::is_whitespace) {
        if CLAUSE_OPENERS.contains(&first.to_lowercase().as_str()) && !rest.trim().is_empty() {
            start = s.len() - rest.trim_start().len();
        }
    }
    let end = s.trim_end().len();
    (start < end).then(|| Span::new(sp.start + start, sp.start + end))
}

/// Whether the one-word verb cue `e` at word `i` (`n` words) is a word the tagger read as
/// a noun ("battleground states", "the show"); "poll shows that" is a cue whatever its tag.
fn read_as_noun(text: &str, ws: &[W], i: usize, n: usize, e: &CueEntry, parse: &Parse) -> bool {
    n == 1
        && e.frame != Frame::According
        && parse.upos_at(ws[i].s) == Some(Upos::Noun)
        && !ws
            .get(i + 1)
            .is_some_and(|x| x.word && lower(text, *x) == "that")
}

/// A content span without the "And" or "But" that joins its sentence to the one before
/// ("And more than half of it is wrong, according to X").
fn without_leading_conjunction(text: &str, sp: Span) -> Span {
    let Some(s) = text.get(sp.start..sp.end) else {
        return sp;
    };
    for w in ["And ", "But ", "So "] {
        if let Some(rest) = s.strip_prefix(w) {
            let lead = s.len() - rest.trim_start().len();
            if rest
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
            {
                return Span::new(sp.start + lead, sp.end);
            }
        }
    }
    sp
}

/// Whether words with a verb follow `cue` before a comma or the sentence end (`X said it
/// would ...`, not `X said on Friday.` or `X said, adding ...`).
fn reports_after(text: &str, ws: &[W], cue: Span, parse: &Parse) -> bool {
    let lo = ws.partition_point(|w| w.s < cue.end);
    let hi = ws[lo..]
        .iter()
        .position(|w| !w.word && (is_final(form(text, *w)) || form(text, *w) == ","))
        .map_or(ws.len(), |p| lo + p);
    match (ws.get(lo), hi.checked_sub(1).and_then(|h| ws.get(h))) {
        (Some(a), Some(b)) if lo < hi => parse.has_verb(Span::new(a.s, b.e)),
        _ => false,
    }
}

fn is_final(f: &str) -> bool {
    matches!(f, "." | "!" | "?")
}

/// Auxiliaries, negation and focus adverbs that belong to a cue when they stand between the
/// speaker and the cue verb ("X has also said", "X did not mention").
const CUE_AUX: &[&str] = &[
    "has",
    "have",
    "had",
    "also",
    "did",
    "does",
    "do",
    "not",
    "never",
    "would",
    "will",
    "could",
    "may",
    "might",
    "should",
    "must",
    "is",
    "are",
    "was",
    "were",
    "n't",
    "didn't",
    "doesn't",
    "hasn't",
    "haven't",
    "didn’t",
    "doesn’t",
    "hasn’t",
    "haven’t",
    "can",
    "cannot",
    "be",
    "been",
];

/// Sentence adverbs that a speaker's commas may set off ("Smith, meanwhile, said"): not
/// part of the speaker.
const GAP_ADVERBS: &[&str] = &[
    "meanwhile",
    "however",
    "though",
    "too",
    "also",
    "instead",
    "likewise",
    "similarly",
    "later",
    "earlier",
    "today",
    "yesterday",
    "in",
    "on",
    "at",
    "for",
    "by",
    "during",
    "after",
    "before",
    "like",
    "particularly",
    "especially",
];

/// The cue widened to the left over the auxiliaries between it and the speaker.
fn with_auxiliaries(text: &str, speaker: Option<Span>, cue: Span) -> Span {
    let Some(sp) = speaker else {
        return cue;
    };
    if sp.end >= cue.start {
        return cue;
    }
    let Some(gap) = text.get(sp.end..cue.start) else {
        return cue;
    };
    let words: Vec<&str> = gap.split_whitespace().collect();
    if words.is_empty()
        || words.len() > 3
        || !words
            .iter()
            .all(|w| CUE_AUX.contains(&w.to_lowercase().as_str()))
    {
        return cue;
    }
    let lead = gap.len() - gap.trim_start().len();
    Span::new(sp.end + lead, cue.end)
}

/// The cue widened to the right over "in a statement", which names the channel of the act
/// ("X said in a statement that ...").
fn with_channel(text: &str, cue: Span) -> Span {
    let rest = text.get(cue.end..).unwrap_or("");
    for channel in [
        " in a statement",
        " in a written statement",
        " in a joint statement",
    ] {
        if rest.len() >= channel.len()
            && rest.is_char_boundary(channel.len())
            && rest[..channel.len()].eq_ignore_ascii_case(channel)
            && !rest[channel.len()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            return Span::new(cue.start, cue.end + channel.len());
        }
    }
    cue
}

/// The span from the start of token `a` to the end of token `b - 1`.
fn join(ws: &[W], a: usize, b: usize) -> Span {
    Span::new(ws[a].s, ws[b.max(a + 1) - 1].e)
}

/// Tokens `a..b` as a content span, without trailing sentence punctuation (closing quote
/// marks and the punctuation inside them are kept).
fn content_span(text: &str, ws: &[W], a: usize, b: usize) -> Option<Span> {
    if a >= b || b > ws.len() {
        return None;
    }
    let mut e = b;
    while e > a
        && !ws[e - 1].word
        && matches!(
            form(text, ws[e - 1]),
            "." | "," | ";" | ":" | "!" | "?" | "—" | "–" | "-"
        )
    {
        e -= 1;
    }
    let mut s = a;
    while s < e && !ws[s].word && matches!(form(text, ws[s]), "," | ":" | "—" | "–" | "-") {
        s += 1;
    }
    (s < e).then(|| join(ws, s, e))
}

/// The span without surrounding whitespace.
fn trim_span(text: &str, s: Span) -> Span {
    let t = s.slice(text);
    let lead = t.len() - t.trim_start().len();
    let trail = t.len() - t.trim_end().len();
    if lead + trail >= t.len() {
        return Span::new(s.start, s.start);
    }
    Span::new(s.start + lead, s.end - trail)
}

fn is_pronoun(text: &str, sp: Span) -> bool {
    PRONOUNS.contains(&sp.slice(text).to_lowercase().as_str())
}

/// The sentences of `para`: the splitter's when it ran, else a split at final punctuation.
fn sentences_in(doc: &Document, para: Span, ws: &[W], text: &str) -> Vec<Span> {
    let from_doc: Vec<Span> = doc
        .sentences
        .iter()
        .map(|s| s.span)
        .filter(|s| para.contains(*s))
        .collect();
    if !from_doc.is_empty() {
        return from_doc;
    }
    let mut out = Vec::new();
    let mut start = para.start;
    for (k, w) in ws.iter().enumerate() {
        if !w.word && is_final(form(text, *w)) {
            let next = ws.get(k + 1);
            let boundary = next.is_none_or_cap(text);
            if boundary {
                out.push(Span::new(start, w.e));
                start = next.map_or(para.end, |n| n.s);
            }
        }
    }
    if start < para.end {
        out.push(Span::new(start, para.end));
    }
    out
}

trait NextCap {
    fn is_none_or_cap(&self, text: &str) -> bool;
}

impl NextCap for Option<&W> {
    fn is_none_or_cap(&self, text: &str) -> bool {
        match self {
            None => true,
            Some(w) => !w.word || is_cap(text, **w),
        }
    }
}

/// The entity whose mention best covers `span`: the longest mention inside it, else one
/// overlapping it.
fn link_entity(doc: &Document, span: Span) -> Option<usize> {
    let mut best: Option<(usize, usize, u8)> = None; // (entity, length, rank)
    for (ei, e) in doc.entities.iter().enumerate() {
        for m in &e.mentions {
            if !m.span.overlaps(span) {
                continue;
            }
            let rank = if span.contains(m.span) { 2 } else { 1 };
            let rank =
                rank * 2 + u8::from(m.via != MentionVia::Pronoun || span.len() <= m.span.len());
            let cand = (ei, m.span.len(), rank);
            best = match best {
                Some(b) if (b.2, b.1) >= (cand.2, cand.1) => Some(b),
                _ => Some(cand),
            };
        }
    }
    best.map(|b| b.0)
}

/// When a quote was said: the time layer's date in its sentence, else in its paragraph,
/// else the publication date.
fn quote_date(doc: &Document, content: Span) -> Option<String> {
    let is_date = |v: &str| {
        v.len() >= 4
            && v.as_bytes()[..4]
                .iter()
                .all(|b| b.is_ascii_digit() || *b == b'X')
    };
    let within = |area: Span| {
        doc.times
            .iter()
            .find(|t| area.contains(t.span) && is_date(&t.value) && !content.contains(t.span))
            .map(|t| t.value.clone())
    };
    if let Some(si) = doc.sentence_at(content.start) {
        if let Some(v) = within(doc.sentences[si].span) {
            return Some(v);
        }
    }
    if let Some(pi) = doc.paragraph_at(content.start) {
        if let Some(v) = within(doc.paragraphs[pi]) {
            return Some(v);
        }
    }
    doc.meta.published.map(|d| d.to_string())
}

/// A view of the dependency parse, when the parser ran.
struct Parse<'a> {
    doc: &'a Document,
    parsed: bool,
}

impl<'a> Parse<'a> {
    fn new(doc: &'a Document) -> Parse<'a> {
        let parsed = doc
            .tokens
            .iter()
            .any(|t| !t.deprel.is_empty() && t.head.is_some());
        Parse { doc, parsed }
    }

    /// A speaker span without the verbs, adverbs and day ("on Tuesday") the patterns let
    /// onto its end: a noun phrase ends in none of them ("Donald Trump went", "the Kentucky
    /// Republican on Tuesday"); at least its first token stays.
    fn without_tail(&self, sp: Span) -> Span {
        if !self.parsed || sp.start >= sp.end {
            return sp;
        }
        let toks = &self.doc.tokens;
        let (Some(first), Some(mut last)) = (self.token_at(sp.start), self.token_at(sp.end - 1))
        else {
            return sp;
        };
        while last > first {
            let t = &toks[last];
            // the end of a hyphenated word ("British-based") is no word of its own
            if t.span.start <= toks[last - 1].span.end {
                break;
            }
            let lower = t.form(&self.doc.text).to_lowercase();
            let day = is_time_lead(&lower);
            // "X this month", "X last week"
            let relative_time = TIME_NOUNS.contains(&lower.as_str())
                && last > first + 1
                && matches!(
                    toks[last - 1].form(&self.doc.text).to_lowercase().as_str(),
                    "this" | "last" | "next"
                );
            if matches!(t.upos, Upos::Verb | Upos::Aux | Upos::Adv) {
                last -= 1;
            } else if relative_time || (day && last > first + 1 && toks[last - 1].upos == Upos::Adp)
            {
                last -= 2;
            } else {
                break;
            }
        }
        Span::new(sp.start, toks[last].span.end.min(sp.end))
    }

    /// Whether token `i` is a dash, or a hyphen standing for one, with a space on either
    /// side ("CITY — ...", "CITY - ...").
    fn is_spaced_dash(&self, i: usize) -> bool {
        let toks = &self.doc.tokens;
        i > 0
            && i + 1 < toks.len()
            && matches!(toks[i].form(&self.doc.text), "—" | "–" | "--" | "―" | "-")
            && toks[i - 1].span.end < toks[i].span.start
            && toks[i].span.end < toks[i + 1].span.start
    }

    /// A content span without the dateline it opens with ("WASHINGTON ― ...", "BEIRUT,
    /// Oct. 4 (Reuters) — ..."): capitalised words, numbers and punctuation before a spaced
    /// dash among the first dozen tokens.
    fn without_dateline(&self, sp: Span) -> Span {
        let Some((lo, hi)) = self.tokens_of(sp) else {
            return sp;
        };
        let toks = &self.doc.tokens;
        let text = self.doc.text.as_str();
        let Some(d) = (lo..hi.min(lo + 12)).find(|&i| self.is_spaced_dash(i)) else {
            return sp;
        };
        let dateline = d > lo
            && toks[lo..d].iter().all(|t| {
                t.upos == Upos::Punct
                    || t.upos == Upos::Num
                    || t.form(text).chars().next().is_some_and(char::is_uppercase)
            });
        match toks.get(d + 1) {
            Some(next) if dateline && d + 1 < hi => Span::new(next.span.start, sp.end),
            _ => sp,
        }
    }

    /// A speaker span without the adverbial the patterns let onto its front: a dateline
    /// before a spaced dash ("CITY, Oct. 4 (Agency) — Former President X"), and, when the
    /// span opens a prepositional phrase ("At a rally Friday in Coral Springs, Clinton",
    /// "shortly after Trump", "even after the FBI"; the preposition may stand just before
    /// the span), the part after its last comma, else the span without the leading
    /// adverbs and prepositions. What is left must hold a noun or pronoun; otherwise the
    /// span is returned as it is.
    fn without_adverbial_lead(&self, sp: Span) -> Span {
        if !self.parsed || sp.start >= sp.end {
            return sp;
        }
        let toks = &self.doc.tokens;
        let text = self.doc.text.as_str();
        let Some((lo, hi)) = self.tokens_of(sp) else {
            return sp;
        };
        let nominal = |from: usize| {
            (from..hi).any(|i| matches!(toks[i].upos, Upos::Noun | Upos::Propn | Upos::Pron))
        };
        let from_token = |mut i: usize| {
            while i + 1 < hi && toks[i].upos == Upos::Punct {
                i += 1;
            }
            Span::new(toks[i].span.start.max(sp.start), sp.end)
        };
        let dash = (lo..hi).rev().find(|&i| self.is_spaced_dash(i));
        if let Some(d) = dash.filter(|&d| d + 1 < hi && nominal(d + 1)) {
            return self.without_adverbial_lead(from_token(d + 1));
        }
        let is_prep = |i: usize| matches!(toks[i].upos, Upos::Adp | Upos::Sconj);
        let before_is_prep = lo > 0
            && is_prep(lo - 1)
            && text
                .get(toks[lo - 1].span.end..sp.start)
                .is_some_and(|g| g.chars().all(char::is_whitespace));
        let mut run = lo;
        while run < hi && matches!(toks[run].upos, Upos::Adv | Upos::Adp | Upos::Sconj) {
            run += 1;
        }
        let run_has_prep = (lo..run).any(is_prep);
        if !(before_is_prep || run_has_prep) {
            return sp;
        }
        // the last comma, unless it closes a list ("the United States, Britain and France")
        let comma = (run..hi).rev().find(|&i| toks[i].form(text) == ",");
        let list = |c: usize| (c + 1..hi).any(|i| toks[i].upos == Upos::Cconj);
        if let Some(c) = comma.filter(|&c| c + 1 < hi && nominal(c + 1) && !list(c)) {
            return from_token(c + 1);
        }
        if run_has_prep && run < hi && nominal(run) {
            return from_token(run);
        }
        sp
    }

    /// Whether the cue at `cue` is a raising verb ("seems", "appeared", "is expected"), whose
    /// subject belongs to the clause it governs rather than to a speaker.
    fn is_raising(&self, cue: Span) -> bool {
        self.tokens_of(cue).is_some_and(|(lo, hi)| {
            self.doc.tokens[lo..hi]
                .iter()
                .any(|t| matches!(t.lemma.as_str(), "seem" | "appear" | "expect" | "likely"))
        })
    }

    /// Whether a token of `sp` is a verb or an auxiliary.
    fn has_verb(&self, sp: Span) -> bool {
        self.tokens_of(sp).is_some_and(|(lo, hi)| {
            self.doc.tokens[lo..hi]
                .iter()
                .any(|t| matches!(t.upos, Upos::Verb | Upos::Aux))
        })
    }

    /// Whether a token of `sp` is a finite verb or a modal (past, present, `will`) outside a
    /// relative clause ("a historian who attended the session" has none).
    fn has_finite_verb(&self, sp: Span) -> bool {
        let text = self.doc.text.as_str();
        self.tokens_of(sp).is_some_and(|(lo, hi)| {
            let toks = &self.doc.tokens[lo..hi];
            let relative = toks.iter().position(|t| {
                matches!(
                    t.form(text).to_lowercase().as_str(),
                    "who" | "whom" | "whose" | "which" | "that"
                )
            });
            toks[..relative.unwrap_or(toks.len())]
                .iter()
                .any(|t| matches!(t.xpos.as_str(), "VBD" | "VBZ" | "VBP" | "MD"))
        })
    }

    /// The tokens overlapping `sp`, as an index range, if there are any.
    fn tokens_of(&self, sp: Span) -> Option<(usize, usize)> {
        let toks = &self.doc.tokens;
        let lo = toks.partition_point(|t| t.span.end <= sp.start);
        let hi = toks.partition_point(|t| t.span.start < sp.end);
        (lo < hi).then_some((lo, hi))
    }

    /// The token index whose span starts at or covers byte `at`.
    fn token_at(&self, at: usize) -> Option<usize> {
        let toks = &self.doc.tokens;
        let i = toks.partition_point(|t| t.span.end <= at);
        (i < toks.len() && toks[i].span.start <= at).then_some(i)
    }

    /// Whether the tagger made the token at byte `at` a verb.
    fn is_verb(&self, at: usize) -> bool {
        self.token_at(at)
            .is_some_and(|i| self.doc.tokens[i].upos == Upos::Verb)
    }

    /// The tagger's UPOS of the token at byte `at`.
    fn upos_at(&self, at: usize) -> Option<Upos> {
        self.token_at(at).map(|i| self.doc.tokens[i].upos)
    }

    /// Whether the tagger made the token at byte `at` a proper noun.
    fn is_propn(&self, at: usize) -> bool {
        self.token_at(at)
            .is_some_and(|i| self.doc.tokens[i].upos == Upos::Propn)
    }

    /// The span of the `nsubj` subtree of the verb at `cue`, if the parse has one.
    fn subject_of(&self, cue: Span) -> Option<Span> {
        if !self.parsed {
            return None;
        }
        let toks = &self.doc.tokens;
        let v = self.token_at(cue.start)?;
        // in "was quoted as saying" the head is the first verb of the cue
        let mut subjects = toks
            .iter()
            .enumerate()
            .filter(|(_, t)| t.head == Some(v) && (t.deprel == "nsubj" || t.deprel == "nsubj:pass"))
            .map(|(i, _)| deps::without_aside(self.doc, i, self.subtree(i, v)));
        let mut sp = subjects.next()?;
        // two subjects side by side are one noun phrase the parse split ("party leader" +
        // "Nigel Farage")
        for next in subjects {
            let between = self.doc.text.get(sp.end..next.start);
            if between.is_some_and(|b| b.chars().all(char::is_whitespace)) {
                sp = Span::new(sp.start, next.end);
            }
        }
        Some(sp)
    }

    /// The speaker span widened to the whole noun phrase the parse gives its head: titles,
    /// appositions, relative clauses and prepositional modifiers ("Joe Smith, a professor at
    /// Yale,"), the way PolNeAR-style annotation marks a source. The closing comma of an
    /// apposition belongs to the phrase when the clause goes on after it ("X, a Y, said").
    /// The widened span never reaches the cue or the content; without a parse, or when the
    /// span has no single nominal head, it is returned as it is.
    fn widen_speaker(&self, sp: Span, cue: Option<Span>, content: Span) -> Span {
        if !self.parsed {
            return sp;
        }
        let toks = &self.doc.tokens;
        let text = self.doc.text.as_str();
        let Some((lo, hi)) = self.tokens_of(sp) else {
            return sp;
        };
        let fits = |s: Span| !s.overlaps(content) && !cue.is_some_and(|c| s.overlaps(c));
        let stop = cue
            .and_then(|c| self.token_at(c.start))
            .unwrap_or(usize::MAX);
        let mut wide = sp;
        // the subtree of the span's one nominal head
        let inside = |i: usize| lo <= i && i < hi;
        let heads: Vec<usize> = (lo..hi)
            .filter(|&i| toks[i].upos != Upos::Punct && !toks[i].head.is_some_and(inside))
            .collect();
        if let [h] = heads[..] {
            if matches!(
                toks[h].upos,
                Upos::Noun | Upos::Propn | Upos::Pron | Upos::Num | Upos::Adj
            ) {
                let t = deps::without_aside(self.doc, h, self.subtree(h, stop));
                let t = Span::new(t.start.min(sp.start), t.end.max(sp.end));
                if fits(t) {
                    wide = t;
                }
            }
        }
        // the title and modifiers before a name, whatever the parse made of them
        // ("Republican presidential candidate Marco Rubio", "Clinton's spokesman Nick Merrill")
        if let Some(first) = self.token_at(wide.start) {
            // a title word the tagger made an adjective still reads as a proper noun
            // ("Prime" in "British Prime Minister X")
            if toks[first].upos == Upos::Propn || toks[first].xpos.starts_with("NNP") {
                let in_time =
                    |j: usize| self.doc.times.iter().any(|t| t.span.contains(toks[j].span));
                let mut a = first;
                while a > 0 {
                    let j = a - 1;
                    let t = &toks[j];
                    let gap = text.get(t.span.end..toks[a].span.start).unwrap_or("\n");
                    if gap.contains('\n') || j == stop || content.contains(t.span) || in_time(j) {
                        break;
                    }
                    let f = t.form(text);
                    match t.upos {
                        Upos::Adj | Upos::Noun | Upos::Propn | Upos::Num => a = j,
                        _ if matches!(f.to_lowercase().as_str(), "former" | "retired" | "late") => {
                            a = j
                        }
                        Upos::Det => {
                            a = j;
                            break;
                        }
                        Upos::Part if matches!(f, "'s" | "’s") => a = j,
                        Upos::Punct if f == "-" && gap.is_empty() => a = j,
                        _ => break,
                    }
                }
                // never open on a possessive or a hyphen
                while a < first && matches!(toks[a].upos, Upos::Part | Upos::Punct) {
                    a += 1;
                }
                let t = Span::new(toks[a].span.start, wide.end);
                if fits(t) {
                    wide = t;
                }
            }
        }
        // a name never ends inside a hyphenated word ("Ban Ki-moon")
        if let Some(mut last) = wide.end.checked_sub(1).and_then(|e| self.token_at(e)) {
            let joined = |a: usize, b: usize| toks[a].span.end == toks[b].span.start;
            while last + 2 < toks.len()
                && last + 2 < stop
                && toks[last + 1].form(text) == "-"
                && joined(last, last + 1)
                && joined(last + 1, last + 2)
                && !content.contains(toks[last + 2].span)
            {
                last += 2;
            }
            let t = Span::new(wide.start, toks[last].span.end.max(wide.end));
            if fits(t) {
                wide = t;
            }
        }
        // a sentence adverb the parse hung on the speaker ("Smith, meanwhile,") is not its
        let a = toks.partition_point(|t| t.span.start < sp.start);
        let b = toks.partition_point(|t| t.span.start < wide.end);
        for k in a + 1..b {
            let next = toks.get(k + 1).filter(|_| k + 1 < b);
            if toks[k].form(text) == ","
                && next.is_some_and(|n| {
                    n.upos == Upos::Adv
                        || n.upos == Upos::Adp
                        || GAP_ADVERBS.contains(&n.form(text).to_lowercase().as_str())
                })
            {
                let end = toks[a..k].iter().rev().find(|t| t.upos != Upos::Punct);
                if let Some(end) = end.filter(|t| t.span.end > wide.start) {
                    wide = Span::new(wide.start, end.span.end);
                }
                break;
            }
        }
        // an apposition or relative clause set off by commas between the speaker and the cue
        // ("Smith, a professor at Yale, said"; not "Smith, meanwhile, said")
        if let Some(c) = cue.filter(|c| c.start > wide.end) {
            let a = toks.partition_point(|t| t.span.start < wide.end);
            let b = toks.partition_point(|t| t.span.start < c.start);
            let mut e = b;
            while e > a && CUE_AUX.contains(&toks[e - 1].form(text).to_lowercase().as_str()) {
                e -= 1;
            }
            if e >= a + 3
                && e - a <= 40
                && toks[a].form(text) == ","
                && toks[e - 1].form(text) == ","
                && !toks[a + 1..e - 1]
                    .iter()
                    .any(|t| matches!(t.form(text), "." | "!" | "?" | ";"))
            {
                let first = &toks[a + 1];
                let w = first.form(text).to_lowercase();
                let nominal = matches!(
                    first.upos,
                    Upos::Det | Upos::Propn | Upos::Noun | Upos::Num | Upos::Adj
                ) || matches!(w.as_str(), "who" | "whose" | "which");
                if nominal && !GAP_ADVERBS.contains(&w.as_str()) {
                    wide = Span::new(wide.start, toks[e - 1].span.end);
                }
            }
        }
        if text.get(wide.end..wide.end + 1) == Some(",")
            && wide.slice(text).contains(',')
            && text
                .get(wide.end + 1..)
                .and_then(|r| r.trim_start().chars().next())
                .is_some_and(char::is_alphanumeric)
        {
            wide.end += 1;
        }
        if !fits(wide) {
            return sp;
        }
        wide
    }

    /// The span of the subtree of token `root`: the contiguous tokens reached through heads,
    /// with the punctuation between them ("Clinton, 35, the daughter of ..."), never reaching
    /// the cue token `stop`, without punctuation at its edges.
    fn subtree(&self, root: usize, stop: usize) -> Span {
        let toks = &self.doc.tokens;
        let in_tree = |mut i: usize| {
            for _ in 0..64 {
                if i == stop {
                    return false;
                }
                if i == root {
                    return true;
                }
                match toks[i].head {
                    Some(h) if h != i => i = h,
                    _ => return false,
                }
            }
            false
        };
        let mut lo = root;
        while lo > 0 && lo - 1 != stop && in_tree(lo - 1) {
            lo -= 1;
        }
        let mut hi = root;
        while hi + 1 < toks.len() && hi + 1 != stop && in_tree(hi + 1) {
            hi += 1;
        }
        let text = self.doc.text.as_str();
        let is_punct = |i: usize| toks[i].deprel == "punct" || toks[i].upos == Upos::Punct;
        let balanced_close = |lo: usize, hi: usize| {
            let f = toks[hi].form(text);
            let opener = match f {
                ")" => "(",
                "”" => "“",
                "’" => "‘",
                _ => return false,
            };
            toks[lo..hi].iter().any(|t| t.form(text) == opener)
        };
        while lo < root && is_punct(lo) {
            lo += 1;
        }
        while hi > root && is_punct(hi) && !balanced_close(lo, hi) {
            hi -= 1;
        }
        Span::new(toks[lo].span.start, toks[hi].span.end)
    }
}

#[cfg(test)]
mod tests;
