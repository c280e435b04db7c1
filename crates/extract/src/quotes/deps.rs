//! The dependency rule for indirect speech: a reporting verb (`resources/quotes/verbs.tsv`,
//! by lemma) with a clausal complement. The content is the complement's whole subtree, the
//! source the verb's subject (or, for a participle or a coordinated verb, its head's subject),
//! the cue the verb with its particle ("pointed out").
//!
//! The rule runs only when the parser filled `Document::tokens` heads and relations.

use std::collections::{HashMap, HashSet};

use newsgraph_core::{Document, Span, Upos};

use super::detector::{is_candidate, known_lemma, CueDetector};
use super::LexiconError;

/// The embedded verb list.
pub const VERBS_TSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../resources/quotes/verbs.tsv"
));

/// The embedded list of reporting nouns ("his claim that ...", "her criticism of ...").
pub const NOUNS_TSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../resources/quotes/nouns.tsv"
));

/// Which complements a reporting verb takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Complement {
    /// A finite clause (`ccomp`).
    Clause,
    /// A finite clause or an infinitive (`ccomp` or `xcomp`).
    Inf,
    /// Also a direct object with its predicate ("called the plan a failure"), or the object
    /// of a preposition right after the verb ("called for an inquiry").
    Obj,
}

/// Reporting verbs by lemma.
#[derive(Clone, Debug, Default)]
pub struct Verbs {
    map: HashMap<String, Complement>,
    examples: Vec<(String, String)>,
    nouns: HashSet<String>,
    noun_examples: Vec<(String, String)>,
}

impl Verbs {
    /// The embedded list.
    pub fn embedded() -> Result<Verbs, LexiconError> {
        Verbs::parse(VERBS_TSV)?.with_nouns(NOUNS_TSV)
    }

    /// The same verbs with the reporting nouns of a list in the `nouns.tsv` format (a lemma,
    /// a TAB, an example sentence).
    pub fn with_nouns(mut self, text: &str) -> Result<Verbs, LexiconError> {
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |message: String| LexiconError {
                line: n + 1,
                message: format!("nouns.tsv: {message}"),
            };
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 2 {
                return Err(err(format!(
                    "expected 2 tab-separated columns, found {}",
                    cols.len()
                )));
            }
            let lemma = cols[0].trim().to_lowercase();
            if lemma.is_empty() || lemma.contains(' ') {
                return Err(err(format!("bad lemma `{}`", cols[0])));
            }
            let example = cols[1].trim();
            if example.is_empty() {
                return Err(err(format!("no example for `{lemma}`")));
            }
            if !self.nouns.insert(lemma.clone()) {
                return Err(err(format!("duplicate lemma `{lemma}`")));
            }
            self.noun_examples.push((lemma, example.to_string()));
        }
        Ok(self)
    }

    /// Whether `lemma` is a reporting noun.
    pub fn is_noun(&self, lemma: &str) -> bool {
        self.nouns.contains(lemma)
    }

    /// The (lemma, example sentence) pairs of the reporting nouns.
    pub fn noun_examples(&self) -> &[(String, String)] {
        &self.noun_examples
    }

    /// Parses a list in the `verbs.tsv` format.
    pub fn parse(text: &str) -> Result<Verbs, LexiconError> {
        let mut map = HashMap::new();
        let mut examples = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line_no = n + 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |message: String| LexiconError {
                line: line_no,
                message: format!("verbs.tsv: {message}"),
            };
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 2 && cols.len() != 3 {
                return Err(err(format!(
                    "expected 2 or 3 tab-separated columns, found {}",
                    cols.len()
                )));
            }
            let lemma = cols[0].trim().to_lowercase();
            if lemma.is_empty() || lemma.contains(' ') {
                return Err(err(format!("bad lemma `{}`", cols[0])));
            }
            let c = match cols[1].trim() {
                "clause" => Complement::Clause,
                "inf" => Complement::Inf,
                "obj" => Complement::Obj,
                other => return Err(err(format!("unknown complement `{other}`"))),
            };
            if map.insert(lemma.clone(), c).is_some() {
                return Err(err(format!("duplicate lemma `{lemma}`")));
            }
            if let Some(ex) = cols.get(2).map(|e| e.trim()).filter(|e| !e.is_empty()) {
                examples.push((lemma, ex.to_string()));
            }
        }
        Ok(Verbs {
            map,
            examples,
            ..Verbs::default()
        })
    }

    /// The complement frame of `lemma`, if it is a reporting verb. A lemma the suffix rules
    /// cut short or left long around a silent `e` ("declin", "blaste") finds its verb too.
    pub fn get(&self, lemma: &str) -> Option<Complement> {
        if let Some(c) = self.map.get(lemma) {
            return Some(*c);
        }
        if lemma.len() < 3 {
            return None;
        }
        if let Some(short) = lemma.strip_suffix('e') {
            return self.map.get(short).copied();
        }
        self.map.get(&format!("{lemma}e")).copied()
    }

    /// The (lemma, example sentence) pairs of the entries that have an example.
    pub fn examples(&self) -> &[(String, String)] {
        &self.examples
    }

    /// Number of verbs.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// One attribution found by the dependency rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DepQuote {
    pub cue: Span,
    pub content: Span,
    pub speaker: Option<Span>,
    /// A passive (`was criticized by X`, `is expected to`): its subject is the content, never
    /// the source; with no agent it has none.
    pub passive: bool,
}

/// The attributions of the tokens inside `region`.
pub(crate) fn find(
    doc: &Document,
    verbs: &Verbs,
    detector: Option<&CueDetector>,
    region: Span,
) -> Vec<DepQuote> {
    let toks = &doc.tokens;
    let text = doc.text.as_str();
    let lo = toks.partition_point(|t| t.span.start < region.start);
    let hi = toks.partition_point(|t| t.span.start < region.end);
    if lo >= hi || !toks[lo..hi].iter().any(|t| !t.deprel.is_empty()) {
        return Vec::new();
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); hi - lo];
    for (i, t) in toks.iter().enumerate().take(hi).skip(lo) {
        if let Some(h) = t.head {
            if h >= lo && h < hi && h != i {
                children[h - lo].push(i);
            }
        }
    }
    let kids = |i: usize| children[i - lo].as_slice();
    // a verb or noun outside the lexicons that the learned detector takes for a cue
    let learned = |i: usize| {
        detector.is_some_and(|d| {
            let owned = |j: usize| {
                if j >= lo && j < hi {
                    children[j - lo].clone()
                } else {
                    Vec::new()
                }
            };
            let known = |u: Upos, l: &str| known_lemma(verbs, u, l);
            is_candidate(doc, i, &known) && d.accepts_token(doc, i, &owned)
        })
    };
    let mut out = Vec::new();
    // a participle cue that splits an earlier cue's content ("X said ..., arguing that ..."):
    // the earlier cue's speaker, and the complements the parse hung on the earlier cue
    let mut handed: HashMap<usize, (Option<Span>, Vec<usize>)> = HashMap::new();
    for v in lo..hi {
        let t = &toks[v];
        if t.upos == Upos::Noun {
            if let Some(q) = noun_report(doc, verbs, &learned, lo, hi, v, &kids) {
                out.push(q);
            }
            continue;
        }
        // "pledged delegates": a participle modifying a noun reports nothing
        if t.upos != Upos::Verb || t.deprel == "amod" {
            continue;
        }
        let lemma = if t.lemma.is_empty() {
            t.form(text).to_lowercase()
        } else {
            t.lemma.to_lowercase()
        };
        // "according to X" is the word patterns' (its "to" is no infinitive)
        if t.form(text).eq_ignore_ascii_case("according") {
            continue;
        }
        let known = verbs.get(&lemma);
        let Some(frame) = known.or_else(|| learned(v).then_some(Complement::Obj)) else {
            continue;
        };
        // "heard the union's complaint that ...": a learned cue whose object is a reporting
        // noun leaves the attribution to the noun
        if known.is_none()
            && kids(v).iter().any(|&c| {
                toks[c].deprel == "obj"
                    && toks[c].upos == Upos::Noun
                    && verbs.is_noun(&toks[c].lemma.to_lowercase())
            })
        {
            continue;
        }
        // a participle naming the noun it modifies ("a group called X") reports nothing
        if t.deprel == "acl" && t.xpos == "VBN" && NAMING.contains(&lemma.as_str()) {
            continue;
        }
        // a passive reporting verb ("is expected to", "was told") is not the source's act
        if let Some(&aux) = kids(v)
            .iter()
            .find(|&&c| toks[c].deprel == "aux:pass" && c < v)
        {
            // "X is (widely) expected to ...": an impersonal forecast, with no source; its
            // content is the subject and the infinitive, two pieces of one attribution
            if IMPERSONAL.contains(&lemma.as_str()) {
                if let Some(&inf) = kids(v)
                    .iter()
                    .find(|&&c| c > v && toks[c].deprel == "xcomp")
                {
                    let cue = Span::new(toks[aux].span.start, t.span.end);
                    let subject = kids(v)
                        .iter()
                        .copied()
                        .find(|&c| c < aux && toks[c].deprel == "nsubj:pass")
                        .and_then(|c| extent(doc, lo, hi, c, &kids));
                    if let Some(e) = extent(doc, lo, hi, inf, &kids) {
                        if content_words(doc, e, lo, hi) >= 2 {
                            for content in subject.into_iter().chain([e]) {
                                out.push(DepQuote {
                                    cue,
                                    content,
                                    speaker: None,
                                    passive: true,
                                });
                            }
                        }
                    }
                }
                continue;
            }
            // "The deal was negotiated by X", "the plan was announced": the subject is what
            // was said or judged, the agent after `by` (if any) says it
            let clause = kids(v)
                .iter()
                .any(|&c| matches!(toks[c].deprel.as_str(), "ccomp" | "xcomp"));
            if let Some(subj) = kids(v)
                .iter()
                .copied()
                .find(|&c| c < aux && toks[c].deprel == "nsubj:pass")
                .filter(|_| !clause)
                // "The lawyer's suggestion that ... was rejected": the noun's attribution
                .filter(|&c| !verbs.is_noun(&toks[c].lemma.to_lowercase()))
            {
                let by_agent = kids(v)
                    .iter()
                    .copied()
                    .find(|&c| c > v && toks[c].deprel == "obl:agent");
                let content = extent(doc, lo, hi, subj, &kids);
                let speaker = by_agent.and_then(|a| {
                    let e = speaker_extent(doc, lo, hi, a, &kids)?;
                    // without `by`
                    let first = kids(a)
                        .iter()
                        .copied()
                        .filter(|&c| toks[c].deprel == "case" && c < a)
                        .max()
                        .map(|c| c + 1)?;
                    Some(Span::new(toks[first].span.start, e.end))
                });
                if let Some(content) = content {
                    if content_words(doc, content, lo, hi) >= 2 {
                        out.push(DepQuote {
                            cue: Span::new(toks[aux].span.start, t.span.end),
                            content,
                            speaker,
                            passive: true,
                        });
                    }
                }
            }
            continue;
        }
        let wanted = |r: &str| match frame {
            Complement::Clause => r == "ccomp",
            Complement::Inf => r == "ccomp" || r == "xcomp",
            Complement::Obj => matches!(r, "ccomp" | "xcomp" | "obj"),
        };
        let mut cue = t.span;
        if let Some(&p) = kids(v)
            .iter()
            .find(|&&c| toks[c].deprel == "compound:prt" && c == v + 1)
        {
            cue = Span::new(cue.start, toks[p].span.end);
        }
        // the complements after the verb, else a clause before it ("..., X said")
        let mut comps: Vec<usize> = kids(v)
            .iter()
            .copied()
            .filter(|&c| c > v && wanted(toks[c].deprel.as_str()))
            .collect();
        let handoff = handed.remove(&v);
        if comps.is_empty() {
            if let Some((_, c)) = &handoff {
                comps = c.clone();
            }
        }
        // "said on Wednesday that ...": the parse may hang the clause on the day as a
        // relative clause; with the conjunction `that` it is the verb's complement
        for &c in kids(v) {
            if c <= v || !toks[c].deprel.starts_with("obl") {
                continue;
            }
            for &g in kids(c) {
                let that_clause = matches!(toks[g].deprel.as_str(), "acl:relcl" | "acl")
                    && kids(g).iter().any(|&m| {
                        toks[m].deprel == "mark"
                            && toks[m].upos == Upos::Sconj
                            && toks[m].form(text).eq_ignore_ascii_case("that")
                    });
                if that_clause && !comps.contains(&g) {
                    comps.push(g);
                }
            }
        }
        // "says the candidate has ...": an object before the clause of a verb that takes no
        // addressee is the clause's misattached subject
        if let Some(&first) = comps.iter().min() {
            if toks[first].deprel == "ccomp" && !ADDRESSEE.contains(&lemma.as_str()) {
                comps.extend(
                    kids(v)
                        .iter()
                        .copied()
                        .filter(|&c| c > v && c < first && toks[c].deprel == "obj"),
                );
            }
        }
        // the addressee of "urged X to ...", "asked X whether ..." is not what was said
        if ADDRESSEE.contains(&lemma.as_str())
            && comps
                .iter()
                .any(|&c| matches!(toks[c].deprel.as_str(), "ccomp" | "xcomp"))
        {
            comps.retain(|&c| toks[c].deprel != "obj");
        }
        // a reflexive object ("found himself") is no content
        comps.retain(|&c| {
            !(toks[c].deprel == "obj"
                && toks[c].form(text).to_lowercase().ends_with("self")
                && kids(c).is_empty())
        });
        let mut min_words = 2;
        if frame == Complement::Obj && !comps.iter().any(|&c| toks[c].deprel == "ccomp") {
            min_words = 1;
        }
        // a clause before the verb ("..., officials said on Friday") comes before the object
        // of a preposition after it
        if comps.is_empty() {
            if let Some(c) = kids(v)
                .iter()
                .copied()
                .find(|&c| c < v && toks[c].deprel == "ccomp")
            {
                comps.push(c);
                comps.extend(stray_subject(doc, lo, hi, c, &kids));
            }
        }
        if comps.is_empty() && frame == Complement::Obj {
            // "called for X", "talked about X", "called for reducing X": the preposition
            // joins the cue
            if let Some(&o) = kids(v).iter().find(|&&c| {
                c > v
                    && matches!(toks[c].deprel.as_str(), "obl" | "advcl")
                    && kids(c).iter().any(|&k| {
                        k == v + 1
                            && matches!(toks[k].deprel.as_str(), "case" | "mark")
                            && match toks[k].form(text).to_lowercase().as_str() {
                                "for" | "about" | "on" | "against" => true,
                                "to" => TO_VERBS.contains(&lemma.as_str()),
                                "of" => OF_VERBS.contains(&lemma.as_str()),
                                _ => false,
                            }
                    })
            }) {
                cue = Span::new(cue.start, toks[v + 1].span.end);
                comps.push(o);
                comps.extend(
                    kids(v)
                        .iter()
                        .copied()
                        .filter(|&c| c > o && toks[c].deprel == "xcomp"),
                );
            }
        }
        let mut content: Option<Span> = None;
        for &c in &comps {
            if let Some(e) = extent(doc, lo, hi, c, &kids) {
                content = Some(match content {
                    None => e,
                    Some(p) => Span::new(p.start.min(e.start), p.end.max(e.end)),
                });
            }
        }
        let Some(mut content) = content else {
            continue;
        };
        // ", arguing that ...", ", saying ...": a participle cue after a comma inside the
        // content starts an attribution of its own, by the same speaker
        let content_end = toks[..hi].partition_point(|x| x.span.start < content.end);
        let split = (v + 2..content_end).find(|&k| {
            toks[k].span.start >= content.start
                && toks[k].span.end <= content.end
                && toks[k - 1].span.start > content.start
                && (is_split_participle(doc, verbs, k, &kids)
                    || is_coordinated_cue(doc, verbs, v, k, &comps, &kids))
        });
        if let Some(k) = split {
            content = Span::new(content.start, toks[k - 2].span.end);
            let later: Vec<usize> = comps.iter().copied().filter(|&c| c > k).collect();
            comps.retain(|&c| c < k);
            handed.insert(k, (None, later));
        }
        // the preposition of "called for X" is the cue's, not the content's
        if content.start < cue.end && cue.end < content.end && content.start > t.span.start {
            let next = toks.partition_point(|x| x.span.start < cue.end);
            if let Some(n) = toks.get(next) {
                content = Span::new(n.span.start, content.end);
            }
        }
        if content.start <= t.span.start && t.span.end <= content.end {
            continue;
        }
        if text.get(content.start..content.end).is_none()
            || content_words(doc, content, lo, hi) < min_words
        {
            continue;
        }
        let subject = |x: usize, passive_ok: bool| {
            kids(x)
                .iter()
                .copied()
                .find(|&c| {
                    toks[c].deprel == "nsubj" || (passive_ok && toks[c].deprel == "nsubj:pass")
                })
                .and_then(|s| speaker_extent(doc, lo, hi, s, &kids))
        };
        // "X seemed to ...", "it appears that ...": an evidential report names no source
        if RAISING.contains(&lemma.as_str()) {
            out.push(DepQuote {
                cue,
                content,
                speaker: None,
                passive: false,
            });
            continue;
        }
        let mut speaker = subject(v, false);
        if let Some((Some(sp), _)) = handoff {
            speaker = Some(sp);
        }
        // "X will come to talk about", "X is expected to endorse", "X left, saying ...":
        // the subject of the governing verb, up to three levels
        let mut x = v;
        for _ in 0..3 {
            if speaker.is_some() || !matches!(toks[x].deprel.as_str(), "conj" | "advcl" | "xcomp") {
                break;
            }
            match toks[x].head.filter(|&h| h >= lo && h < hi) {
                Some(h) => {
                    speaker = subject(h, true);
                    x = h;
                }
                None => break,
            }
        }
        // "Pope Francis, calling ...": the noun the participle modifies
        if speaker.is_none() && toks[x].deprel == "acl" {
            if let Some(h) = toks[x].head.filter(|&h| h >= lo && h < x) {
                if toks[h].upos == Upos::Propn {
                    if let Some(mut e) = extent(doc, lo, hi, h, &kids) {
                        // without the preposition of "about Pope Francis calling ..."
                        if let Some(first) = toks[lo..x].iter().position(|t| {
                            e.start <= t.span.start
                                && !matches!(t.deprel.as_str(), "case" | "mark" | "cc")
                                && t.upos != Upos::Punct
                        }) {
                            e = Span::new(toks[lo + first].span.start, e.end);
                        }
                        let stop = toks[x].span.start;
                        let end = toks[lo..x]
                            .iter()
                            .rev()
                            .find(|t| t.span.end <= stop && t.upos != Upos::Punct)
                            .map(|t| t.span.end);
                        if let Some(end) = end.filter(|&end| end > e.start) {
                            speaker = Some(Span::new(e.start, end));
                        }
                    }
                }
            }
        }
        // "X released a statement on Saturday, ... insisting that ...": a participle the
        // parse hangs off the sentence anywhere speaks for the subject of its main verb
        if speaker.is_none() && t.xpos == "VBG" {
            let mut r = v;
            for _ in 0..hi - lo {
                match toks[r].head.filter(|&h| h >= lo && h < hi && h != r) {
                    Some(h) => r = h,
                    None => break,
                }
            }
            if r < v && toks[r].head.is_none() {
                speaker = subject(r, true).filter(|s| s.end <= t.span.start);
            }
        }
        if let Some(k) = split {
            if let Some(h) = handed.get_mut(&k) {
                h.0 = speaker;
            }
        }
        out.push(DepQuote {
            cue,
            content,
            speaker,
            passive: false,
        });
    }
    out
}

/// Whether token `k`, a reporting verb in the tense of cue `v` joined by `and` to the head of
/// one of its complements and with no subject of its own, is the cue's second verb (`X tweeted
/// that Y was wrong and urged Z to ...`: the parse joined `urged` to `wrong`).
fn is_coordinated_cue<'a>(
    doc: &Document,
    verbs: &Verbs,
    v: usize,
    k: usize,
    comps: &[usize],
    kids: &dyn Fn(usize) -> &'a [usize],
) -> bool {
    let toks = &doc.tokens;
    let t = &toks[k];
    if t.upos != Upos::Verb || t.deprel != "conj" || t.xpos != toks[v].xpos {
        return false;
    }
    if !t
        .head
        .is_some_and(|h| comps.contains(&h) && toks[h].deprel == "ccomp")
    {
        return false;
    }
    if !toks[k - 1].form(&doc.text).eq_ignore_ascii_case("and") {
        return false;
    }
    reports_without_subject(doc, verbs, k, kids)
}

/// Whether token `k` is a reporting verb of the lexicon with no subject of its own.
fn reports_without_subject<'a>(
    doc: &Document,
    verbs: &Verbs,
    k: usize,
    kids: &dyn Fn(usize) -> &'a [usize],
) -> bool {
    let toks = &doc.tokens;
    verbs.get(&toks[k].lemma.to_lowercase()).is_some()
        && !kids(k)
            .iter()
            .any(|&c| matches!(toks[c].deprel.as_str(), "nsubj" | "nsubj:pass"))
}

/// Whether token `k` is a reporting participle set off by a comma with no subject of its own
/// (`..., arguing that ...`, `..., saying ...`).
fn is_split_participle<'a>(
    doc: &Document,
    verbs: &Verbs,
    k: usize,
    kids: &dyn Fn(usize) -> &'a [usize],
) -> bool {
    let toks = &doc.tokens;
    let t = &toks[k];
    if t.upos != Upos::Verb || t.xpos != "VBG" || matches!(t.deprel.as_str(), "amod" | "acl") {
        return false;
    }
    if toks[k - 1].form(&doc.text) != "," {
        return false;
    }
    reports_without_subject(doc, verbs, k, kids)
}

/// Speaker span `sp` of the cue at token `v`, ending before the last comma ahead of the first
/// verb that governs `v` inside it: a speaker is no clause that governs its cue (`X, who
/// chairs Y, welcomed Z and said`, where the parse took `welcomed` for a verb of the relative
/// clause).
pub(crate) fn without_governing_verb(doc: &Document, v: usize, sp: Span) -> Span {
    let toks = &doc.tokens;
    let text = doc.text.as_str();
    let mut first: Option<usize> = None;
    let mut x = v;
    for _ in 0..toks.len() {
        let Some(h) = toks[x].head.filter(|&h| h != x) else {
            break;
        };
        if toks[h].upos == Upos::Verb
            && sp.start <= toks[h].span.start
            && toks[h].span.end <= sp.end
        {
            first = Some(first.map_or(h, |f| f.min(h)));
        }
        x = h;
    }
    let Some(f) = first else {
        return sp;
    };
    let comma = (0..f)
        .rev()
        .take_while(|&k| toks[k].span.start >= sp.start)
        .find(|&k| toks[k].form(text) == ",");
    let Some(k) = comma else {
        // `X puts the toll at ... and accuses Y`: the words before the verb
        return if f > 0 && toks[f - 1].span.end > sp.start && toks[f].span.start > sp.start {
            Span::new(sp.start, toks[f - 1].span.end)
        } else {
            sp
        };
    };
    // `In August, several groups granted X ..., saying`: the verb's own subject after the
    // comma is the speaker; a relative pronoun there (`X, who chairs Y, welcomed`) leaves
    // the name before the comma.
    let subject = (k + 1..f).find(|&c| {
        toks[c].head == Some(f)
            && toks[c].deprel.starts_with("nsubj")
            && !matches!(
                toks[c].form(text).to_lowercase().as_str(),
                "who" | "which" | "that"
            )
    });
    match subject {
        Some(_) if k + 1 < f => Span::new(toks[k + 1].span.start, toks[f - 1].span.end),
        _ if k > 0 && toks[k - 1].span.end > sp.start => Span::new(sp.start, toks[k - 1].span.end),
        _ => sp,
    }
}

/// Prepositions that introduce what a reporting noun is about ("criticism of", "support for").
const NOUN_PREPS: &[&str] = &["of", "for", "to", "on", "against", "about"];

/// The prepositions of [`NOUN_PREPS`] that keep their sense without a possessor.
const NOUN_PREPS_NO_HOLDER: &[&str] = &["for", "against", "about"];

/// A reporting noun with its complement: a `that` clause or infinitive ("his claim that ...",
/// "her promise to ..."), or the object of a preposition right after it ("their support for
/// X", cue "support for"). The source is the noun's possessor ("Smith's", "his"); without
/// one the attribution has no source.
fn noun_report<'a>(
    doc: &Document,
    verbs: &Verbs,
    learned: &dyn Fn(usize) -> bool,
    lo: usize,
    hi: usize,
    v: usize,
    kids: &dyn Fn(usize) -> &'a [usize],
) -> Option<DepQuote> {
    let toks = &doc.tokens;
    let text = doc.text.as_str();
    let t = &toks[v];
    if t.deprel == "compound" {
        return None;
    }
    let lemma = if t.lemma.is_empty() {
        t.form(text).to_lowercase()
    } else {
        t.lemma.to_lowercase()
    };
    if !verbs.is_noun(&lemma) && !learned(v) {
        return None;
    }
    let speaker = kids(v)
        .iter()
        .copied()
        .find(|&c| c < v && toks[c].deprel == "nmod:poss")
        .and_then(|c| extent(doc, lo, hi, c, kids));
    let mut cue = t.span;
    let mut content = None;
    // "the claim that ...", "his promise to ..."; the parser often takes the "that" of a
    // noun's complement clause for a relative pronoun: a "that" right after the noun in a
    // clause with a subject of its own opens the complement all the same
    // (or for a determiner of the clause's subject, "his view that taxes ..."); and a
    // complement clause labelled as a verb's (`ccomp`) is one all the same.
    let that_next = v + 1 < hi && toks[v + 1].form(text).eq_ignore_ascii_case("that");
    let that_in = |c: usize| {
        let h = toks[v + 1].head;
        h == Some(c) || h.and_then(|h| toks[h].head) == Some(c)
    };
    if let Some(&c) = kids(v).iter().find(|&&c| {
        let rel = toks[c].deprel.as_str();
        let marked = kids(c).iter().any(|&m| {
            m < c
                && toks[m].deprel == "mark"
                && matches!(toks[m].form(text).to_lowercase().as_str(), "that" | "to")
        });
        let own_subject = || {
            kids(c)
                .iter()
                .any(|&k| k != v + 1 && matches!(toks[k].deprel.as_str(), "nsubj" | "nsubj:pass"))
        };
        c > v
            && (matches!(rel, "acl" | "ccomp") && marked
                || matches!(rel, "acl" | "acl:relcl" | "ccomp")
                    && that_next
                    && that_in(c)
                    && own_subject())
    }) {
        content = extent(doc, lo, hi, c, kids);
    }
    // "criticism of X", "support for X": the preposition joins the cue. Without a possessor
    // "of" and "to" mostly name the holder or the addressee ("the support of millions").
    if content.is_none() && v + 2 < hi {
        let prep = toks[v + 1].form(text).to_lowercase();
        let allowed = if speaker.is_some() {
            NOUN_PREPS
        } else {
            NOUN_PREPS_NO_HOLDER
        };
        if allowed.contains(&prep.as_str()) && toks[v + 1].deprel == "case" {
            if let Some(&c) = kids(v)
                .iter()
                .find(|&&c| c > v + 1 && toks[c].deprel == "nmod" && toks[v + 1].head == Some(c))
            {
                cue = Span::new(t.span.start, toks[v + 1].span.end);
                content = extent(doc, lo, hi, c, kids)
                    .filter(|e| e.end > toks[v + 1].span.end)
                    .map(|e| Span::new(e.start.max(toks[v + 2].span.start), e.end));
            }
        }
    }
    // `the crowd's chant of "no more wars"`: a quotation right after "of" is the content
    // however the parse hung it
    if content.is_none() && v + 3 < hi && toks[v + 1].form(text).eq_ignore_ascii_case("of") {
        let open = toks[v + 2].form(text);
        if matches!(open, "“" | "\"") {
            let close = if open == "“" { "”" } else { "\"" };
            if let Some(e) = (v + 3..hi).find(|&i| toks[i].form(text) == close) {
                cue = Span::new(t.span.start, toks[v + 1].span.end);
                content = Some(Span::new(toks[v + 2].span.start, toks[e].span.end));
            }
        }
    }
    let content = content?;
    if text.get(content.start..content.end).is_none() || content.start < cue.end {
        return None;
    }
    Some(DepQuote {
        cue,
        content,
        speaker,
        passive: false,
    })
}

/// Verbs whose passive reports an impersonal expectation ("X is expected to ...").
const IMPERSONAL: &[&str] = &["expect"];

/// Raising verbs of appearance: their subject is what is judged, not who judges.
const RAISING: &[&str] = &["seem", "appear"];

/// Verbs whose past participle names the noun it modifies ("a program called EB-5").
const NAMING: &[&str] = &["call", "name", "dub", "label", "nickname", "title", "term"];

/// Verbs whose object after "to" is what they report on ("referring to X").
const TO_VERBS: &[&str] = &["refer", "point", "respond", "react", "object", "allude"];

/// Verbs whose content follows "of" ("spoke of the legacy", "talked of reform").
const OF_VERBS: &[&str] = &["speak", "talk"];

/// Verbs whose object is an addressee, not part of what is said.
const ADDRESSEE: &[&str] = &[
    "tell", "ask", "remind", "inform", "assure", "warn", "advise", "caution", "notify", "convince",
    "persuade", "urge", "thank", "promise",
];

/// For a clause `c` before its cue that has no subject: the noun phrase right before it
/// that the parse hung elsewhere (`NAIROBI - The ban on night buses will be lifted ...,
/// officials said`, the ban taken for an apposition of the dateline), its top token.
fn stray_subject<'a>(
    doc: &Document,
    lo: usize,
    hi: usize,
    c: usize,
    kids: &dyn Fn(usize) -> &'a [usize],
) -> Option<usize> {
    let toks = &doc.tokens;
    let has_subject = kids(c).iter().any(|&k| {
        k < c && (toks[k].deprel.starts_with("nsubj") || toks[k].deprel.starts_with("csubj"))
            || toks[k].deprel == "expl"
    });
    if has_subject {
        return None;
    }
    // The first token of the clause (its phrase's, punctuation at the edge aside).
    let start = extent(doc, lo, hi, c, kids)?.start;
    let first = toks.partition_point(|t| t.span.start < start);
    let mut n = first.checked_sub(1).filter(|&j| j >= lo)?;
    // Up to the top of the phrase that ends there, stopping at an apposition or a stray
    // attachment (its head is what the phrase was wrongly hung from).
    for _ in 0..8 {
        if matches!(
            toks[n].deprel.as_str(),
            "appos" | "vocative" | "dep" | "parataxis"
        ) {
            break;
        }
        match toks[n].head {
            Some(h) if h >= lo && h < first && h < n => n = h,
            _ => break,
        }
    }
    matches!(toks[n].upos, Upos::Noun | Upos::Propn | Upos::Pron)
        .then_some(n)
        .filter(|&n| toks[n].head.is_some_and(|h| h < first))
}

/// The span of a speaker's subtree at `root`, without a participle phrase set off by a comma
/// after it ([`without_aside`]).
fn speaker_extent<'a>(
    doc: &Document,
    lo: usize,
    hi: usize,
    root: usize,
    kids: &dyn Fn(usize) -> &'a [usize],
) -> Option<Span> {
    extent(doc, lo, hi, root, kids).map(|e| without_aside(doc, root, e))
}

/// The span `t` of the phrase headed by token `h`, ending before a participle phrase set off
/// by a comma after the head (`Okafor, speaking to farmers in the delta, said`: the phrase
/// tells where or how, not who).
pub(crate) fn without_aside(doc: &Document, h: usize, t: Span) -> Span {
    let toks = &doc.tokens;
    let text = doc.text.as_str();
    let aside = (h + 2..toks.len().min(h + 40)).find(|&c| {
        toks[c].head == Some(h)
            && toks[c].deprel == "acl"
            && matches!(toks[c].xpos.as_str(), "VBG" | "VBN")
    });
    let comma = aside.and_then(|c| (h + 1..c).rev().find(|&k| toks[k].form(text) == ","));
    match comma {
        Some(k) if toks[k - 1].span.end > t.start && toks[k - 1].span.end < t.end => {
            Span::new(t.start, toks[k - 1].span.end)
        }
        _ => t,
    }
}

/// The span of the subtree of `root` (all its descendants inside `lo..hi`), without
/// punctuation at its edges; unbalanced quotation marks at the edges are dropped too.
fn extent<'a>(
    doc: &Document,
    lo: usize,
    hi: usize,
    root: usize,
    kids: &dyn Fn(usize) -> &'a [usize],
) -> Option<Span> {
    let toks = &doc.tokens;
    let text = doc.text.as_str();
    let (mut a, mut b) = (root, root);
    let mut stack = vec![root];
    let mut seen = 0usize;
    while let Some(x) = stack.pop() {
        seen += 1;
        if seen > hi - lo + 1 {
            break; // a cycle in a malformed parse
        }
        a = a.min(x);
        b = b.max(x);
        for &c in kids(x) {
            stack.push(c);
        }
    }
    let is_edge_punct = |i: usize| {
        let f = toks[i].form(text);
        toks[i].upos == Upos::Punct && !matches!(f, "\"" | "“" | "”" | "'" | "‘" | "’" | ")" | "(")
    };
    while a < b && is_edge_punct(a) {
        a += 1;
    }
    while b > a && is_edge_punct(b) {
        b -= 1;
    }
    let opens = |f: &str| matches!(f, "“" | "\"" | "‘");
    let closes = |f: &str| matches!(f, "”" | "\"" | "’");
    let count = |from: usize, to: usize, f: &dyn Fn(&str) -> bool| {
        (from..=to).filter(|&i| f(toks[i].form(text))).count()
    };
    // a lone opening mark at the start or closing mark at the end is not the content's
    if a < b && opens(toks[a].form(text)) && count(a, b, &|f| matches!(f, "”" | "\"")) == 0 {
        a += 1;
    }
    if b > a && closes(toks[b].form(text)) && count(a, b, &|f| matches!(f, "“" | "\"")) == 0 {
        b -= 1;
    }
    if toks[a].upos == Upos::Punct && toks[b].upos == Upos::Punct && a == b {
        return None;
    }
    // the dot of an abbreviation ("the U.S.") and the punctuation closing an open quotation
    // ("... for the nomination.”") belong to the content
    if b + 1 < hi
        && toks[b + 1].form(text) == "."
        && toks[b + 1].span.start == toks[b].span.end
        && toks[b].form(text).contains('.')
    {
        b += 1;
    }
    let open_marks = count(a, b, &|f| f == "“");
    let close_marks = count(a, b, &|f| f == "”");
    let straight = count(a, b, &|f| f == "\"");
    if open_marks > close_marks || straight % 2 == 1 {
        let mut e = b + 1;
        while e < hi && e <= b + 3 && matches!(toks[e].form(text), "." | "," | "!" | "?") {
            e += 1;
        }
        if e < hi && matches!(toks[e].form(text), "”" | "\"") {
            b = e;
        }
    }
    let _ = lo;
    Some(Span::new(toks[a].span.start, toks[b].span.end))
}

fn content_words(doc: &Document, s: Span, lo: usize, hi: usize) -> usize {
    doc.tokens[lo..hi]
        .iter()
        .filter(|t| s.contains(t.span) && t.upos != Upos::Punct)
        .count()
}
