//! `newsgraph eval polnear DIR`: quote attribution against PolNeAR's brat standoff spans.
//!
//! DIR is a split folder with `text/NAME.txt` and `attributions/NAME_ANNOTATOR.ann`. Each text
//! is analysed as it is (no cleaning, so offsets match the annotation) by the full pipeline.
//! When a text has several annotators, the first annotation file by name is the gold.
//!
//! Gold: each `E` attribution relation gives one Content, Source and Cue item, each a set of
//! character ranges (brat's discontinuous `a b;c d`). Predicted: quotes sharing a cue span are
//! one attribution (an interrupted quote is one Content of two pieces); a direct quote's
//! content is widened over its quotation marks, which PolNeAR includes.
//!
//! Matching, per role: *exact* when the two items cover the same characters, *overlap* when
//! they share one. Precision is the share of predicted items matching some gold item, recall
//! the share of gold items matched by some predicted item. `all_*` pools the three roles.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use newsgraph_core::{Document, QuoteKind, Upos};

use super::{EvalFormat, Report};
use crate::{Globals, Outcome};

/// Arguments of `eval polnear`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// A PolNeAR split folder (with `text/` and `attributions/`).
    dir: PathBuf,
    /// Output shape.
    #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
    format: EvalFormat,
    /// Print each missed gold content and each spurious predicted content to stderr.
    #[arg(long)]
    show_errors: bool,
    /// Print an error analysis to stderr: missed gold attributions by cue shape and lemma,
    /// source errors of the found ones, and each lemma's rate of use as a gold cue head.
    #[arg(long)]
    analyse: bool,
    /// Evaluate only the first N documents (by name).
    #[arg(long)]
    limit: Option<usize>,
}

/// A set of character ranges, sorted and merged.
pub(crate) type Chars = Vec<(usize, usize)>;

/// One attribution: content, source and cue items (each possibly absent).
#[derive(Clone, Debug, Default)]
pub(crate) struct Attr {
    pub(crate) content: Chars,
    pub(crate) source: Chars,
    pub(crate) cue: Chars,
}

#[derive(Default)]
pub(crate) struct Tally {
    gold: usize,
    predicted: usize,
    exact_p: usize,
    exact_r: usize,
    overlap_p: usize,
    overlap_r: usize,
}

impl Tally {
    fn add(&mut self, gold: &[&Chars], pred: &[&Chars]) {
        self.gold += gold.len();
        self.predicted += pred.len();
        for p in pred {
            if gold.iter().any(|g| g == p) {
                self.exact_p += 1;
            }
            if gold.iter().any(|g| overlaps(g, p)) {
                self.overlap_p += 1;
            }
        }
        for g in gold {
            if pred.iter().any(|p| p == g) {
                self.exact_r += 1;
            }
            if pred.iter().any(|p| overlaps(g, p)) {
                self.overlap_r += 1;
            }
        }
    }
    /// Pools the three roles of one document's gold and predicted attributions.
    pub(crate) fn add_all(&mut self, gold: &[Attr], pred: &[Attr]) {
        for f in [
            (|a: &Attr| &a.content) as fn(&Attr) -> &Chars,
            |a: &Attr| &a.source,
            |a: &Attr| &a.cue,
        ] {
            let g: Vec<&Chars> = gold.iter().map(f).filter(|c| !c.is_empty()).collect();
            let p: Vec<&Chars> = pred.iter().map(f).filter(|c| !c.is_empty()).collect();
            self.add(&g, &p);
        }
    }
    /// The overlap F1.
    pub(crate) fn overlap_f1(&self) -> f64 {
        let p = self.overlap_p as f64 / self.predicted.max(1) as f64;
        let r = self.overlap_r as f64 / self.gold.max(1) as f64;
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn merge(&mut self, o: &Tally) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.exact_p += o.exact_p;
        self.exact_r += o.exact_r;
        self.overlap_p += o.overlap_p;
        self.overlap_r += o.overlap_r;
    }
    fn report(&self, r: &mut Report, prefix: &str) {
        prf(
            r,
            &format!("{prefix}_exact_"),
            self.exact_p,
            self.exact_r,
            self.predicted,
            self.gold,
        );
        prf(
            r,
            &format!("{prefix}_overlap_"),
            self.overlap_p,
            self.overlap_r,
            self.predicted,
            self.gold,
        );
    }
}

fn prf(
    r: &mut Report,
    prefix: &str,
    correct_p: usize,
    correct_r: usize,
    predicted: usize,
    gold: usize,
) {
    let p = if predicted == 0 {
        0.0
    } else {
        correct_p as f64 / predicted as f64
    };
    let rc = if gold == 0 {
        0.0
    } else {
        correct_r as f64 / gold as f64
    };
    let f = if p + rc == 0.0 {
        0.0
    } else {
        2.0 * p * rc / (p + rc)
    };
    r.fraction(&format!("{prefix}precision"), p);
    r.fraction(&format!("{prefix}recall"), rc);
    r.fraction(&format!("{prefix}f1"), f);
}

fn overlaps(a: &Chars, b: &Chars) -> bool {
    a.iter().any(|x| b.iter().any(|y| x.0 < y.1 && y.0 < x.1))
}

fn normalise(mut c: Chars) -> Chars {
    c.retain(|r| r.0 < r.1);
    c.sort_unstable();
    let mut out: Chars = Vec::with_capacity(c.len());
    for r in c {
        match out.last_mut() {
            Some(l) if r.0 <= l.1 => l.1 = l.1.max(r.1),
            _ => out.push(r),
        }
    }
    out
}

/// Parses a brat `.ann` file into attributions.
pub(crate) fn parse_ann(text: &str, path: &Path) -> anyhow::Result<Vec<Attr>> {
    let mut spans: BTreeMap<String, Chars> = BTreeMap::new();
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let cols: Vec<&str> = line.split('\t').collect();
        let Some(id) = cols.first() else { continue };
        // a span's text may hold a line break: its continuation is no annotation line
        let is_id = |p: char| {
            id.strip_prefix(p)
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        };
        if is_id('T') {
            let meta = cols.get(1).with_context(|| {
                format!("{}: line {}: no type and offsets", path.display(), n + 1)
            })?;
            let mut parts = meta.splitn(2, ' ');
            let _kind = parts.next();
            let offs = parts.next().unwrap_or("");
            let mut ranges = Vec::new();
            for piece in offs.split(';') {
                let mut it = piece.split_whitespace();
                let (Some(a), Some(b)) = (it.next(), it.next()) else {
                    anyhow::bail!("{}: line {}: bad offsets `{piece}`", path.display(), n + 1);
                };
                let a: usize = a
                    .parse()
                    .with_context(|| format!("{}: line {}", path.display(), n + 1))?;
                let b: usize = b
                    .parse()
                    .with_context(|| format!("{}: line {}", path.display(), n + 1))?;
                ranges.push((a, b));
            }
            spans.insert(id.to_string(), normalise(ranges));
        } else if is_id('E') {
            let Some(args) = cols.get(1) else { continue };
            let mut a = Attr::default();
            for arg in args.split_whitespace() {
                let Some((role, t)) = arg.split_once(':') else {
                    continue;
                };
                let c = spans.get(t).cloned().unwrap_or_default();
                match role.trim_end_matches(char::is_numeric) {
                    "Content" => a.content = normalise([a.content.clone(), c].concat()),
                    "Source" => a.source = normalise([a.source.clone(), c].concat()),
                    "Cue" => a.cue = normalise([a.cue.clone(), c].concat()),
                    _ => {}
                }
            }
            out.push(a);
        }
    }
    Ok(out)
}

fn is_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

/// The predicted attributions of an analysed document, in character offsets.
pub(crate) fn predicted(doc: &Document) -> Vec<Attr> {
    let text = &doc.text;
    let char_at = |b: usize| text.get(..b).map_or(0, |t| t.chars().count());
    let mut groups: Vec<(Option<(usize, usize)>, Attr)> = Vec::new();
    for q in &doc.quotes {
        let mut c = q.content;
        if q.kind == QuoteKind::Direct {
            if let Some(ch) = text[..c.start].chars().next_back() {
                if is_mark(ch) {
                    c.start -= ch.len_utf8();
                }
            }
            if let Some(ch) = text[c.end..].chars().next() {
                if is_mark(ch) {
                    c.end += ch.len_utf8();
                }
            }
        }
        let content = vec![(char_at(c.start), char_at(c.end))];
        let source = q
            .speaker_span
            .map(|s| vec![(char_at(s.start), char_at(s.end))])
            .unwrap_or_default();
        let cue_key = q.cue.map(|s| (s.start, s.end));
        let cue = q
            .cue
            .map(|s| vec![(char_at(s.start), char_at(s.end))])
            .unwrap_or_default();
        if let Some(k) = cue_key {
            if let Some(g) = groups.iter_mut().find(|g| g.0 == Some(k)) {
                g.1.content = normalise([g.1.content.clone(), content].concat());
                continue;
            }
        }
        groups.push((
            cue_key,
            Attr {
                content: normalise(content),
                source,
                cue,
            },
        ));
    }
    groups.into_iter().map(|g| g.1).collect()
}

/// A PolNeAR text as a document: the files put one paragraph on each line, which is how
/// `analyze` reads such a file too, so every non-blank line is a paragraph (the offsets stay
/// those of the file, which the annotations use).
pub(crate) fn document(name: String, text: String) -> Document {
    let mut doc = Document::from_text(name, text);
    doc.paragraphs = newsgraph_core::line_spans(&doc.text);
    doc
}

/// The documents of a PolNeAR split folder: name → its annotation files
/// (`attributions/NAME_ANNOTATOR.ann`, sorted by name); the text is `DIR/text/NAME.txt`.
/// Shared by the evaluation and `newsgraph train quotes`.
pub(crate) fn annotations(dir: &Path) -> anyhow::Result<BTreeMap<String, Vec<PathBuf>>> {
    let ann_dir = dir.join("attributions");
    let mut anns: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for e in std::fs::read_dir(&ann_dir)
        .with_context(|| format!("{}: cannot read", ann_dir.display()))?
    {
        let p = e?.path();
        let Some(name) = p.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(stem) = name.strip_suffix(".ann") else {
            continue;
        };
        let Some((doc, _annotator)) = stem.rsplit_once('_') else {
            continue;
        };
        anns.entry(doc.to_string()).or_default().push(p);
    }
    for files in anns.values_mut() {
        files.sort();
    }
    Ok(anns)
}

/// Each document's gold annotation file: the first by name when a text has several annotators.
pub(crate) fn documents(dir: &Path) -> anyhow::Result<BTreeMap<String, PathBuf>> {
    Ok(annotations(dir)?
        .into_iter()
        .filter_map(|(doc, files)| files.into_iter().next().map(|f| (doc, f)))
        .collect())
}

/// Runs `eval polnear`.
pub fn run(args: Args, _globals: Globals) -> anyhow::Result<Outcome> {
    let anns = documents(&args.dir)?;
    let text_dir = args.dir.join("text");
    let pipeline = crate::pipeline::build(&crate::pipeline::PipelineArgs::default())?;
    let (mut content, mut source, mut cue) = (Tally::default(), Tally::default(), Tally::default());
    let mut analysis = Analysis::default();
    let mut docs = 0;
    let mut failed = 0;
    let mut n_gold = 0;
    let mut n_pred = 0;
    for (name, ann_path) in anns.iter().take(args.limit.unwrap_or(usize::MAX)) {
        let txt_path = text_dir.join(format!("{name}.txt"));
        let text = match std::fs::read_to_string(&txt_path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("newsgraph: {}: {e}", txt_path.display());
                failed += 1;
                continue;
            }
        };
        let gold = match std::fs::read_to_string(ann_path)
            .with_context(|| format!("{}: cannot read", ann_path.display()))
            .and_then(|t| parse_ann(&t, ann_path))
        {
            Ok(g) => g,
            Err(e) => {
                eprintln!("newsgraph: {e:#}");
                failed += 1;
                continue;
            }
        };
        let mut doc = document(name.clone(), text);
        pipeline.run(&mut doc);
        let pred = predicted(&doc);
        docs += 1;
        n_gold += gold.len();
        n_pred += pred.len();
        let roles = |a: &[Attr], f: fn(&Attr) -> &Chars| -> Vec<Chars> {
            a.iter().map(f).filter(|c| !c.is_empty()).cloned().collect()
        };
        for (tally, f) in [
            (&mut content, (|a: &Attr| &a.content) as fn(&Attr) -> &Chars),
            (&mut source, |a: &Attr| &a.source),
            (&mut cue, |a: &Attr| &a.cue),
        ] {
            let g = roles(&gold, f);
            let p = roles(&pred, f);
            tally.add(&g.iter().collect::<Vec<_>>(), &p.iter().collect::<Vec<_>>());
        }
        if args.show_errors {
            show_errors(&doc, name, &gold, &pred);
        }
        if args.analyse {
            analysis.add(&doc, &gold, &pred);
        }
    }
    let mut all = Tally::default();
    for t in [&content, &source, &cue] {
        all.merge(t);
    }
    let mut r = Report::new(format!(
        "PolNeAR quote attribution ({})",
        args.dir.display()
    ));
    r.count("documents", docs)
        .count("gold_attributions", n_gold)
        .count("predicted_attributions", n_pred);
    content.report(&mut r, "content");
    source.report(&mut r, "source");
    cue.report(&mut r, "cue");
    all.report(&mut r, "all");
    r.print(args.format)?;
    if args.analyse {
        analysis.print();
    }
    Ok(Outcome { failed })
}

fn show_errors(doc: &Document, name: &str, gold: &[Attr], pred: &[Attr]) {
    let chars: Vec<char> = doc.text.chars().collect();
    let show = |c: &Chars| -> String {
        c.iter()
            .map(|r| {
                chars[r.0.min(chars.len())..r.1.min(chars.len())]
                    .iter()
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join(" … ")
            .replace('\n', " ")
    };
    let short = |s: String| -> String { s.chars().take(110).collect() };
    for g in gold {
        if g.content.is_empty() {
            continue;
        }
        let hit = pred.iter().find(|p| overlaps(&p.content, &g.content));
        match hit {
            None => eprintln!(
                "MISS {name}: [{}] [{}] {}",
                show(&g.source),
                show(&g.cue),
                short(show(&g.content))
            ),
            Some(p) if p.content != g.content || p.source != g.source => eprintln!(
                "DIFF {name}: gold [{}] [{}] {}\n                 pred [{}] [{}] {}",
                show(&g.source),
                show(&g.cue),
                short(show(&g.content)),
                show(&p.source),
                show(&p.cue),
                short(show(&p.content))
            ),
            Some(_) => {}
        }
    }
    for p in pred {
        if !gold.iter().any(|g| overlaps(&g.content, &p.content)) {
            eprintln!(
                "FALSE {name}: [{}] [{}] {}",
                show(&p.source),
                show(&p.cue),
                short(show(&p.content))
            );
        }
    }
}

/// The error analysis behind `--analyse`: missed gold attributions by cue shape and cue lemma,
/// source errors of the found ones, and for every (lemma, tag) how often the annotators mark
/// it as a cue against how often it occurs (the count the learned cue lists come from).
#[derive(Default)]
struct Analysis {
    /// (shape, lemma) → (gold, missed).
    cues: BTreeMap<(String, String), (usize, usize)>,
    /// shape → (gold, missed).
    shapes: BTreeMap<String, (usize, usize)>,
    /// Source errors of gold attributions whose content was found: kind → count.
    sources: BTreeMap<&'static str, usize>,
    /// (lemma, UPOS) → (uses as a gold cue head, occurrences).
    rates: BTreeMap<(String, &'static str), (usize, usize)>,
    /// Source errors with their spans: (kind, "gold | ours | cue").
    source_errors: Vec<(&'static str, String)>,
    /// Cue lemma of our attributions → (predicted, false: no gold content overlaps).
    predicted: BTreeMap<String, (usize, usize)>,
}

impl Analysis {
    fn add(&mut self, doc: &Document, gold: &[Attr], pred: &[Attr]) {
        let text = &doc.text;
        let byte_of: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()))
            .collect();
        let to_bytes = |c: &Chars| -> Vec<(usize, usize)> {
            c.iter()
                .map(|r| {
                    let a = byte_of.get(r.0).copied().unwrap_or(text.len());
                    let b = byte_of.get(r.1).copied().unwrap_or(text.len());
                    (a, b)
                })
                .collect()
        };
        let mut cue_heads = std::collections::BTreeSet::new();
        for g in gold {
            let bytes = to_bytes(&g.cue);
            let toks: Vec<usize> = doc
                .tokens
                .iter()
                .enumerate()
                .filter(|(_, t)| bytes.iter().any(|r| t.span.start < r.1 && r.0 < t.span.end))
                .map(|(i, _)| i)
                .collect();
            // The head of the cue: its first token whose head lies outside the cue, preferring
            // a verb or a noun.
            let outside: Vec<usize> = toks
                .iter()
                .copied()
                .filter(|&i| doc.tokens[i].head.is_none_or(|h| !toks.contains(&h)))
                .collect();
            let head = outside
                .iter()
                .copied()
                .find(|&i| matches!(doc.tokens[i].upos, Upos::Verb | Upos::Noun))
                .or_else(|| outside.first().copied())
                .or_else(|| toks.first().copied());
            if let Some(h) = head {
                cue_heads.insert(h);
            }
            let cue_text = g
                .cue
                .iter()
                .map(|r| {
                    let (a, b) = (byte_of.get(r.0).copied(), byte_of.get(r.1).copied());
                    match (a, b) {
                        (Some(a), Some(b)) => text.get(a..b).unwrap_or(""),
                        _ => "",
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            let content_text: String = to_bytes(&g.content)
                .iter()
                .filter_map(|&(a, b)| text.get(a..b))
                .collect();
            let words = toks
                .iter()
                .filter(|&&i| !matches!(doc.tokens[i].upos, Upos::Aux | Upos::Part | Upos::Adv))
                .count();
            let shape = if g.cue.is_empty() {
                "no cue"
            } else if cue_text.starts_with("according") {
                "according to"
            } else if cue_text.trim() == ":" {
                "colon"
            } else if content_text
                .trim_end()
                .trim_end_matches(is_mark)
                .ends_with('?')
            {
                "question"
            } else if g.cue.len() > 1 {
                "discontinuous"
            } else {
                match head.map(|h| doc.tokens[h].upos) {
                    Some(Upos::Verb) if words > 1 => "verb, multi-word",
                    Some(Upos::Verb) => "verb",
                    Some(Upos::Noun) if words > 1 => "noun, multi-word",
                    Some(Upos::Noun) => "noun",
                    _ => "other",
                }
            };
            let lemma =
                head.map_or_else(|| cue_text.clone(), |h| doc.tokens[h].lemma.to_lowercase());
            let found = pred.iter().find(|p| overlaps(&p.content, &g.content));
            let missed = usize::from(found.is_none());
            let e = self.cues.entry((shape.to_string(), lemma)).or_default();
            e.0 += 1;
            e.1 += missed;
            let e = self.shapes.entry(shape.to_string()).or_default();
            e.0 += 1;
            e.1 += missed;
            if let Some(p) = found {
                let kind = match (g.source.is_empty(), p.source.is_empty()) {
                    (true, true) => "none in gold, none predicted",
                    (true, false) => "none in gold, one predicted",
                    (false, true) => "gold source, none predicted",
                    (false, false) if p.source == g.source => "exact",
                    (false, false) if overlaps(&p.source, &g.source) => "boundary (overlap)",
                    (false, false) => "other speaker",
                };
                *self.sources.entry(kind).or_default() += 1;
                if !matches!(kind, "exact" | "none in gold, none predicted") {
                    let span_text = |spans: &Chars| -> String {
                        to_bytes(spans)
                            .iter()
                            .filter_map(|&(a, b)| text.get(a..b))
                            .collect::<Vec<_>>()
                            .join(" ")
                    };
                    let line = format!(
                        "{:?} | {:?} | {} | ours {:?} | content {:?}",
                        span_text(&g.source),
                        span_text(&p.source),
                        cue_text,
                        span_text(&p.cue),
                        content_text.chars().take(60).collect::<String>()
                    );
                    self.source_errors.push((kind, line));
                }
            }
        }
        for p in pred {
            // the cue's last verb or noun (`has said`, `was quoted`), else its last token
            let lemma = to_bytes(&p.cue)
                .first()
                .and_then(|&(a, b)| {
                    let inside: Vec<_> = doc
                        .tokens
                        .iter()
                        .filter(|t| t.span.start < b && a < t.span.end)
                        .collect();
                    inside
                        .iter()
                        .rev()
                        .find(|t| matches!(t.upos, Upos::Verb | Upos::Noun))
                        .or(inside.last())
                        .copied()
                })
                .map_or_else(|| "(no cue)".to_string(), |t| t.lemma.to_lowercase());
            let e = self.predicted.entry(lemma).or_default();
            e.0 += 1;
            e.1 += usize::from(!gold.iter().any(|g| overlaps(&g.content, &p.content)));
        }
        for (i, t) in doc.tokens.iter().enumerate() {
            if !matches!(t.upos, Upos::Verb | Upos::Noun | Upos::Adj | Upos::Adp) {
                continue;
            }
            let e = self
                .rates
                .entry((t.lemma.to_lowercase(), t.upos.as_str()))
                .or_default();
            e.1 += 1;
            e.0 += usize::from(cue_heads.contains(&i));
        }
    }

    fn print(&self) {
        eprintln!("== gold attributions by cue shape: gold, missed (no content overlap)");
        for (s, (g, m)) in &self.shapes {
            eprintln!("{g:6} {m:6}  {s}");
        }
        eprintln!("== most missed cues: missed, gold, shape, lemma");
        let mut v: Vec<_> = self.cues.iter().collect();
        v.sort_by(|a, b| b.1 .1.cmp(&a.1 .1).then(a.0.cmp(b.0)));
        for ((s, l), (g, m)) in v.iter().take(80) {
            eprintln!("{m:6} {g:6}  {s:18} {l}");
        }
        eprintln!("== our attributions by cue lemma: false (no gold content overlaps), predicted");
        let mut v: Vec<_> = self.predicted.iter().filter(|(_, (_, f))| *f > 0).collect();
        v.sort_by(|a, b| b.1 .1.cmp(&a.1 .1).then(a.0.cmp(b.0)));
        for (l, (n, f)) in v.iter().take(60) {
            eprintln!("{f:6} {n:6}  {l}");
        }
        eprintln!("== sources of found attributions");
        for (k, n) in &self.sources {
            eprintln!("{n:6}  {k}");
        }
        eprintln!(
            "== source errors: kind, gold source | our source | gold cue | our cue | gold content"
        );
        let mut errors: Vec<_> = self.source_errors.iter().collect();
        errors.sort_by_key(|e| e.0);
        for (k, line) in errors {
            eprintln!("{k:28}  {line}");
        }
        eprintln!("== cue rate: lemma, tag, uses as gold cue head, occurrences (uses >= 4)");
        let mut r: Vec<_> = self.rates.iter().filter(|(_, (u, _))| *u >= 4).collect();
        r.sort_by(|a, b| {
            let ra = a.1 .0 as f64 / a.1 .1 as f64;
            let rb = b.1 .0 as f64 / b.1 .1 as f64;
            rb.total_cmp(&ra).then(a.0.cmp(b.0))
        });
        for ((l, t), (u, n)) in r {
            eprintln!("{u:6} {n:6}  {t:5} {l}");
        }
    }
}
