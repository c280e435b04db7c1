//! `newsgraph train quotes` also learns the cue detector `resources/quotes/cue_model.tsv`
//! (see `newsgraph_extract::quotes::detector`) from a PolNeAR split (the train split only).
//!
//! Every text is analysed by the full pipeline; each verb or noun outside the reporting
//! lexicons is an example, a cue when it overlaps a gold Cue span of the text's first
//! annotation. Every tenth text (by name) is held out: the perceptron learns from the others
//! ([`EPOCHS`] passes, seed [`SEED`]), weights under [`MIN_WEIGHT`] are dropped, and the
//! threshold is the one of [`THRESHOLDS`] with the best all-spans overlap F1 of the whole
//! extractor on the held-out texts (without a filter). The filter of found attributions
//! ([`learn_filter`], `resources/quotes/filter_model.tsv`) then learns from the extractor's
//! own finds on the same training texts, analysed once ([`read_split`]). Same split, same
//! files.

use std::path::Path;

use anyhow::Context;
use newsgraph_core::Document;
use newsgraph_extract::quotes::detector::{attribution_features, candidates, children, train};
use newsgraph_extract::quotes::CueDetector;
use newsgraph_extract::QuoteExtractor;

use crate::eval::polnear::{documents, parse_ann, predicted, Attr, Tally};

/// Passes over the training examples.
pub const EPOCHS: usize = 10;
/// Seed of the example shuffle.
pub const SEED: u64 = 7;
/// Averaged weights of smaller magnitude are dropped.
pub const MIN_WEIGHT: f32 = 1.0;
/// The thresholds tried on the held-out texts.
pub const THRESHOLDS: &[f32] = &[
    -12.0, -8.0, -6.0, -4.0, -2.0, -1.0, 0.0, 1.0, 2.0, 4.0, 6.0, 8.0,
];

/// A PolNeAR split analysed by the full pipeline, with each text's gold attributions: the
/// training texts, and every tenth text (by name) held out.
pub struct Split {
    /// The texts the models learn from.
    pub train: Vec<(Document, Vec<Attr>)>,
    /// The texts thresholds are chosen on.
    pub held: Vec<(Document, Vec<Attr>)>,
}

/// Reads and analyses the split folder `dir` (texts without a readable annotation are left
/// out).
pub fn read_split(dir: &Path) -> anyhow::Result<Split> {
    let pipeline = crate::pipeline::build(&crate::pipeline::PipelineArgs::default())?;
    let mut split = Split {
        train: Vec::new(),
        held: Vec::new(),
    };
    for (n, (name, ann_path)) in documents(dir)?.into_iter().enumerate() {
        let txt_path = dir.join("text").join(format!("{name}.txt"));
        let Ok(text) = std::fs::read_to_string(&txt_path) else {
            continue;
        };
        let ann = std::fs::read_to_string(&ann_path)
            .with_context(|| format!("{}: cannot read", ann_path.display()))?;
        let Ok(gold) = parse_ann(&ann, &ann_path) else {
            continue;
        };
        let mut doc = crate::eval::polnear::document(name.clone(), text);
        pipeline.run(&mut doc);
        if n % 10 == 0 {
            split.held.push((doc, gold));
        } else {
            split.train.push((doc, gold));
        }
    }
    Ok(split)
}

/// The all-spans overlap F1 of the extractor with `detector` and `filter` on the held-out
/// texts.
fn held_out_f1(split: &Split, detector: Option<CueDetector>, filter: Option<CueDetector>) -> f64 {
    let mut all = Tally::default();
    if let Ok(x) = QuoteExtractor::new() {
        let x = x.with_detector(detector).with_filter(filter);
        for (doc, gold) in &split.held {
            let mut doc = doc.clone();
            doc.quotes = x.extract(&doc);
            all.add_all(gold, &predicted(&doc));
        }
    }
    all.overlap_f1()
}

/// The learned detector and a report line per threshold tried (chosen without a filter).
pub fn learn(split: &Split) -> anyhow::Result<(CueDetector, Vec<String>)> {
    let base = QuoteExtractor::new()?.with_detector(None);
    let mut examples = Vec::new();
    for (doc, gold) in &split.train {
        let char_at = |b: usize| doc.text.get(..b).map_or(0, |t| t.chars().count());
        let cues: Vec<(usize, usize)> = gold.iter().flat_map(|a| a.cue.iter().copied()).collect();
        for (i, feats) in candidates(doc, base.verbs()) {
            let s = doc.tokens[i].span;
            let (a, b) = (char_at(s.start), char_at(s.end));
            let is_cue = cues.iter().any(|c| c.0 < b && a < c.1);
            examples.push((feats, is_cue));
        }
    }
    let model = train(&examples, EPOCHS, SEED).pruned(MIN_WEIGHT);
    let score = |d: Option<CueDetector>| held_out_f1(split, d, None);
    let mut report = vec![format!(
        "{} examples ({} cues), {} features; held-out all-spans overlap F1 without the detector {:.2} %",
        examples.len(),
        examples.iter().filter(|e| e.1).count(),
        model.len(),
        100.0 * score(None)
    )];
    let mut best = (f64::MIN, THRESHOLDS[0]);
    for &t in THRESHOLDS {
        let f = score(Some(model.clone().with_threshold(t)));
        report.push(format!("threshold {t:.2}: held-out F1 {:.2} %", 100.0 * f));
        if f > best.0 {
            best = (f, t);
        }
    }
    Ok((model.with_threshold(best.1), report))
}

/// The thresholds tried for the attribution filter (a filter that keeps everything is tried
/// too).
pub const FILTER_THRESHOLDS: &[f32] = &[-16.0, -12.0, -10.0, -8.0, -6.0, -4.0, -2.0, 0.0, 2.0];

/// The learned filter of found attributions, `None` when keeping every find scores best on
/// the held-out texts, and a report line per threshold. Every find of the extractor (with the
/// cue detector `detector`) on the training texts is an example, kept when a gold content
/// overlaps it; same split and passes as the cue detector.
pub fn learn_filter(
    split: &Split,
    detector: &CueDetector,
) -> anyhow::Result<(Option<CueDetector>, Vec<String>)> {
    let base = QuoteExtractor::new()?
        .with_detector(Some(detector.clone()))
        .with_filter(None);
    let mut examples = Vec::new();
    for (doc, gold) in &split.train {
        let children = children(doc);
        let kids = |j: usize| children.get(j).cloned().unwrap_or_default();
        let char_at = |b: usize| doc.text.get(..b).map_or(0, |t| t.chars().count());
        for q in base.extract(doc) {
            let (a, b) = (char_at(q.content.start), char_at(q.content.end));
            let kept = gold
                .iter()
                .any(|g| g.content.iter().any(|c| c.0 < b && a < c.1));
            let feats = attribution_features(doc, q.kind, q.cue, q.speaker_span, q.content, &kids);
            examples.push((feats, kept));
        }
    }
    let model = train(&examples, EPOCHS, SEED).pruned(MIN_WEIGHT);
    let score = |f: Option<CueDetector>| held_out_f1(split, Some(detector.clone()), f);
    let none = score(None);
    let mut report = vec![format!(
        "filter: {} examples ({} kept), {} features; held-out all-spans overlap F1 keeping every find {:.2} %",
        examples.len(),
        examples.iter().filter(|e| e.1).count(),
        model.len(),
        100.0 * none
    )];
    let mut best = (none, None);
    for &t in FILTER_THRESHOLDS {
        let f = score(Some(model.clone().with_threshold(t)));
        report.push(format!(
            "filter threshold {t:.2}: held-out F1 {:.2} %",
            100.0 * f
        ));
        if f > best.0 {
            best = (f, Some(t));
        }
    }
    Ok((best.1.map(|t| model.with_threshold(t)), report))
}
