//! The learned cue detector: an averaged perceptron that tells whether a verb or noun outside
//! the reporting lexicons (`verbs.tsv`, `nouns.tsv`) is an attribution cue, from its lemma,
//! tags, relation, head and children in the parse, its neighbours and nearby quotation marks.
//! A token it accepts goes through the dependency rule's span builders (`deps.rs`) as a
//! reporting noun would, or as a reporting verb of the `obj` frame (a clause, an infinitive or
//! an object for content: `sings X`, `cited X`), unless its object is a reporting noun.
//!
//! The model, `resources/quotes/cue_model.tsv`, is learned from PolNeAR train by `newsgraph
//! train quotes` (`crates/cli/src/quote_phrases.rs`): one `feature TAB weight` line per
//! feature and a `threshold` line, the score a token needs.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use newsgraph_core::{Document, Upos};

use super::LexiconError;

/// The embedded model.
pub const CUE_MODEL_TSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../resources/quotes/cue_model.tsv"
));

/// The embedded filter of found attributions (`resources/quotes/filter_model.tsv`): the same
/// linear model over the features of [`attribution_features`], learned by `newsgraph train
/// quotes` from the extractor's own finds on PolNeAR train, each labelled by whether a gold
/// content overlaps it.
pub const FILTER_MODEL_TSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../resources/quotes/filter_model.tsv"
));

/// A linear cue scorer.
#[derive(Clone, Debug, Default)]
pub struct CueDetector {
    weights: HashMap<String, f32>,
    threshold: f32,
}

impl CueDetector {
    /// The embedded model; `None` when it holds no weights.
    pub fn embedded() -> Result<Option<CueDetector>, LexiconError> {
        let d = CueDetector::parse(CUE_MODEL_TSV)?;
        Ok((!d.weights.is_empty()).then_some(d))
    }

    /// The embedded attribution filter; `None` when it holds no weights.
    pub fn embedded_filter() -> Result<Option<CueDetector>, LexiconError> {
        let d = CueDetector::parse(FILTER_MODEL_TSV)?;
        Ok((!d.weights.is_empty()).then_some(d))
    }

    /// Parses a model in the `cue_model.tsv` format.
    pub fn parse(text: &str) -> Result<CueDetector, LexiconError> {
        let mut d = CueDetector::default();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |message: String| LexiconError {
                line: n + 1,
                message: format!("cue_model.tsv: {message}"),
            };
            let Some((name, w)) = line.rsplit_once('\t') else {
                return Err(err("expected `feature TAB weight`".to_string()));
            };
            let w: f32 = w
                .trim()
                .parse()
                .map_err(|_| err(format!("bad weight `{w}`")))?;
            if !w.is_finite() {
                return Err(err(format!("bad weight `{w}`")));
            }
            if name == "threshold" {
                d.threshold = w;
            } else if d.weights.insert(name.to_string(), w).is_some() {
                return Err(err(format!("duplicate feature `{name}`")));
            }
        }
        Ok(d)
    }

    /// The model in the `cue_model.tsv` format, features sorted (the same model always gives
    /// the same text).
    pub fn to_tsv(&self, header: &str) -> String {
        let mut s = String::new();
        for l in header.lines() {
            let _ = writeln!(s, "# {l}");
        }
        let _ = writeln!(s, "threshold\t{:.3}", self.threshold);
        let sorted: BTreeMap<&String, &f32> = self.weights.iter().collect();
        for (k, w) in sorted {
            let _ = writeln!(s, "{k}\t{w:.3}");
        }
        s
    }

    /// The score of a feature list.
    pub fn score(&self, feats: &[String]) -> f32 {
        feats.iter().filter_map(|f| self.weights.get(f)).sum()
    }

    /// Whether a feature list scores at least the threshold.
    pub fn accepts(&self, feats: &[String]) -> bool {
        self.score(feats) >= self.threshold
    }

    /// Whether token `i` of `doc` scores at least the threshold, its features scored as they
    /// are built (the same sum, in the same order, as [`CueDetector::accepts`] over [`features`]).
    pub fn accepts_token(
        &self,
        doc: &Document,
        i: usize,
        kids: &dyn Fn(usize) -> Vec<usize>,
    ) -> bool {
        let mut score = 0.0f32;
        each_feature(doc, i, kids, &mut |f| {
            if let Some(w) = self.weights.get(f) {
                score += w;
            }
        });
        score >= self.threshold
    }

    /// The same model with another threshold.
    pub fn with_threshold(mut self, t: f32) -> CueDetector {
        self.threshold = t;
        self
    }

    /// Number of features.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// Whether the model has no features.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }
}

/// Trains an averaged perceptron on (features, is cue) examples: `epochs` passes in a seeded
/// shuffled order; weights whose magnitude rounds to 0.000 are dropped. Deterministic.
pub fn train(examples: &[(Vec<String>, bool)], epochs: usize, seed: u64) -> CueDetector {
    // feature -> (weight, total, stamp)
    let mut w: HashMap<&str, (f32, f64, u64)> = HashMap::new();
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = seed.max(1);
    let mut step: u64 = 0;
    for _ in 0..epochs {
        for i in (1..order.len()).rev() {
            rng ^= rng >> 12;
            rng ^= rng << 25;
            rng ^= rng >> 27;
            let j = (rng.wrapping_mul(0x2545_F491_4F6C_DD1D) % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for &k in &order {
            step += 1;
            let (feats, gold) = &examples[k];
            let s: f32 = feats
                .iter()
                .filter_map(|f| w.get(f.as_str()))
                .map(|e| e.0)
                .sum();
            if (s >= 0.0) == *gold {
                continue;
            }
            let delta = if *gold { 1.0 } else { -1.0 };
            for f in feats {
                let e = w.entry(f.as_str()).or_insert((0.0, 0.0, 0));
                e.1 += e.0 as f64 * (step - e.2) as f64;
                e.2 = step;
                e.0 += delta;
            }
        }
    }
    let mut weights = HashMap::new();
    for (f, (wt, total, stamp)) in w {
        let avg = (total + wt as f64 * (step - stamp) as f64) / step.max(1) as f64;
        if (avg * 1000.0).round() != 0.0 {
            weights.insert(f.to_string(), ((avg * 1000.0).round() / 1000.0) as f32);
        }
    }
    CueDetector {
        weights,
        threshold: 0.0,
    }
}

/// Whether the detector looks at token `i`: a verb or noun outside the reporting lexicons
/// (`known` tells whether a lemma of the token's class is in them).
pub fn is_candidate(doc: &Document, i: usize, known: &dyn Fn(Upos, &str) -> bool) -> bool {
    let Some(t) = doc.tokens.get(i) else {
        return false;
    };
    if !matches!(t.upos, Upos::Verb | Upos::Noun) || t.deprel.is_empty() {
        return false;
    }
    !known(t.upos, &lemma_of(doc, i))
}

/// The token's lemma, lowercased (its form when it has none).
pub(crate) fn lemma_of(doc: &Document, i: usize) -> String {
    let t = &doc.tokens[i];
    if t.lemma.is_empty() {
        t.form(&doc.text).to_lowercase()
    } else {
        t.lemma.to_lowercase()
    }
}

fn is_quote_mark(f: &str) -> bool {
    matches!(f, "\"" | "“" | "”" | "‘" | "’" | "''" | "``")
}

/// The features of token `i`; `kids(j)` lists the children of token `j`.
pub fn features(doc: &Document, i: usize, kids: &dyn Fn(usize) -> Vec<usize>) -> Vec<String> {
    let mut out = Vec::new();
    each_feature(doc, i, kids, &mut |f| out.push(f.to_string()));
    out
}

/// Calls `emit` with each feature of token `i`, in the order of [`features`], building them in
/// one reused buffer (the extractor scores them as they come, without a list of strings).
pub fn each_feature(
    doc: &Document,
    i: usize,
    kids: &dyn Fn(usize) -> Vec<usize>,
    emit: &mut dyn FnMut(&str),
) {
    use std::fmt::Write;
    let toks = &doc.tokens;
    let text = doc.text.as_str();
    let t = &toks[i];
    let lemma = lemma_of(doc, i);
    let mut b = String::with_capacity(48);
    // `write!` into a String cannot fail
    macro_rules! feat {
        ($($arg:tt)*) => {{
            b.clear();
            let _ = write!(b, $($arg)*);
            emit(&b);
        }};
    }
    let lower = |b: &mut String, s: &str| b.extend(s.chars().flat_map(char::to_lowercase));
    let up = t.upos;
    emit("bias");
    feat!("l={lemma}");
    feat!("u={up:?}");
    feat!("x={}", t.xpos);
    feat!("ud={up:?}|{}", t.deprel);
    feat!("ul={up:?}|{lemma}");
    if let Some(h) = t.head.filter(|&h| h < toks.len()) {
        feat!("hl={}", lemma_of(doc, h));
        feat!("hu={:?}|{}", toks[h].upos, t.deprel);
    } else {
        emit("root");
    }
    let ks = kids(i);
    for &c in &ks {
        let rel = toks[c].deprel.as_str();
        let side = if c < i { "<" } else { ">" };
        feat!("c={rel}{side}");
        feat!("cu={rel}|{:?}", toks[c].upos);
        // who acts, and what frame this lemma takes
        if matches!(rel, "nsubj" | "nsubj:pass") {
            feat!("sl={}", lemma_of(doc, c));
        }
        if matches!(rel, "ccomp" | "xcomp" | "obj" | "obl") {
            feat!("lc={lemma}|{rel}");
        }
        if matches!(rel, "case" | "mark" | "compound:prt" | "aux" | "aux:pass") {
            b.clear();
            let _ = write!(b, "cw={rel}|");
            lower(&mut b, toks[c].form(text));
            emit(&b);
        }
        if matches!(rel, "ccomp" | "xcomp" | "acl" | "advcl" | "parataxis") {
            for k in kids(c) {
                if toks[k].deprel == "mark" {
                    b.clear();
                    let _ = write!(b, "cm={rel}|");
                    lower(&mut b, toks[k].form(text));
                    emit(&b);
                }
            }
        }
    }
    b.clear();
    b.push_str("p1=");
    if i > 0 {
        lower(&mut b, toks[i - 1].form(text));
    } else {
        b.push('^');
    }
    emit(&b);
    b.clear();
    b.push_str("n1=");
    if i + 1 < toks.len() {
        lower(&mut b, toks[i + 1].form(text));
    } else {
        b.push('$');
    }
    emit(&b);
    let lo = i.saturating_sub(4);
    let hi = (i + 5).min(toks.len());
    let is = |j: usize, w: &str| toks[j].form(text).eq_ignore_ascii_case(w);
    if (lo..i).any(|j| is_quote_mark(toks[j].form(text))) {
        emit("q<");
    }
    if (i + 1..hi).any(|j| is_quote_mark(toks[j].form(text))) {
        emit("q>");
    }
    if (lo..hi).any(|j| is(j, "according")) {
        emit("according");
    }
    if (i + 1..hi).any(|j| is(j, "that")) {
        emit("that>");
    }
}

/// The features of a found attribution for the filter: its kind, whether it has a source and
/// how long its content is, and the features of its cue's head word (the cue's last verb or
/// noun, else its last word) as [`features`] gives them, each prefixed with `k:` and the kind.
pub fn attribution_features(
    doc: &Document,
    kind: newsgraph_core::QuoteKind,
    cue: Option<newsgraph_core::Span>,
    speaker: Option<newsgraph_core::Span>,
    content: newsgraph_core::Span,
    kids: &dyn Fn(usize) -> Vec<usize>,
) -> Vec<String> {
    let k = match kind {
        newsgraph_core::QuoteKind::Direct => "d",
        newsgraph_core::QuoteKind::Indirect => "i",
        newsgraph_core::QuoteKind::Mixed => "m",
    };
    let mut out = vec![
        "bias".to_string(),
        format!("kind={k}"),
        format!("src={k}|{}", speaker.is_some()),
    ];
    let toks = &doc.tokens;
    // tokens are in text order: the ones of a span are a range found by two searches
    let range = |a: usize, b: usize| {
        toks.partition_point(|t| t.span.end <= a)..toks.partition_point(|t| t.span.start < b)
    };
    let in_content = range(content.start, content.end)
        .filter(|&i| content.start <= toks[i].span.start && toks[i].span.end <= content.end)
        .count();
    out.push(format!("len={k}|{}", (in_content / 4).min(8)));
    let Some(cue) = cue else {
        out.push(format!("nocue={k}"));
        return out;
    };
    let inside: Vec<usize> = range(cue.start, cue.end)
        .filter(|&i| toks[i].span.start < cue.end && cue.start < toks[i].span.end)
        .collect();
    out.push(format!("cuelen={k}|{}", inside.len().min(4)));
    let head = inside
        .iter()
        .rev()
        .copied()
        .find(|&i| matches!(toks[i].upos, Upos::Verb | Upos::Noun))
        .or(inside.last().copied());
    if let Some(h) = head {
        out.push(format!("before={k}|{}", content.start >= cue.end));
        each_feature(doc, h, kids, &mut |f| out.push(format!("{k}:{f}")));
    }
    out
}

/// The children of every token of `doc` in its parse, by token index.
pub fn children(doc: &Document) -> Vec<Vec<usize>> {
    let toks = &doc.tokens;
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); toks.len()];
    for (i, t) in toks.iter().enumerate() {
        if let Some(h) = t.head.filter(|&h| h < toks.len() && h != i) {
            children[h].push(i);
        }
    }
    children
}

/// The candidate tokens of `doc` (see [`is_candidate`]) with their features, for training.
pub fn candidates(doc: &Document, verbs: &super::Verbs) -> Vec<(usize, Vec<String>)> {
    let toks = &doc.tokens;
    let children = children(doc);
    let kids = |j: usize| children.get(j).cloned().unwrap_or_default();
    let known = |u: Upos, l: &str| known_lemma(verbs, u, l);
    (0..toks.len())
        .filter(|&i| is_candidate(doc, i, &known))
        .map(|i| (i, features(doc, i, &kids)))
        .collect()
}

/// Whether a verb or noun lemma is in the reporting lexicons.
pub(crate) fn known_lemma(verbs: &super::Verbs, u: Upos, l: &str) -> bool {
    if u == Upos::Noun {
        verbs.is_noun(l)
    } else {
        verbs.get(l).is_some()
    }
}

impl CueDetector {
    /// The same model without the weights of magnitude under `min`.
    pub fn pruned(mut self, min: f32) -> CueDetector {
        self.weights.retain(|_, w| w.abs() >= min);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(fs: &[&str], y: bool) -> (Vec<String>, bool) {
        (fs.iter().map(|s| s.to_string()).collect(), y)
    }

    #[test]
    fn training_separates_and_round_trips() {
        let data = vec![
            ex(&["bias", "l=shout", "c=ccomp>"], true),
            ex(&["bias", "l=eat", "c=obj>"], false),
            ex(&["bias", "l=shout", "c=obj>"], true),
            ex(&["bias", "l=run"], false),
        ];
        let m = train(&data, 5, 3);
        assert_eq!(m.to_tsv("x"), train(&data, 5, 3).to_tsv("x"));
        for (f, y) in &data {
            assert_eq!(m.accepts(f), *y, "{f:?}");
        }
        let back = CueDetector::parse(&m.to_tsv("a model")).unwrap();
        assert_eq!(back.to_tsv("x"), m.to_tsv("x"));
        assert!(CueDetector::parse("l=x\tnot a number\n").is_err());
    }

    #[test]
    fn the_embedded_model_reads() {
        let m = CueDetector::embedded().unwrap();
        assert!(m.is_some_and(|m| !m.is_empty()));
        assert!(CueDetector::embedded_filter().is_ok());
    }
}
