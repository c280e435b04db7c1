//! The trained parser: weight tables, the binary model format and greedy decoding.
//!
//! Format (all little-endian): magic `NGPARSER`, `u32` format version, `u32` feature-set
//! number, (version 2 only, written for beam widths above 1) `u32` beam width, `u32`
//! action-table bits, `u32` label-table bits, `u32` label count, `u32` index of
//! the `root` label, the labels (each a `u8` length and UTF-8 bytes), then the action table
//! (`2^bits` rows of 3 `i16`) and the label table (`2^bits` rows of one `i16` per label).
//! Weights are the averaged perceptron weights scaled to the `i16` range per table.

use std::sync::{Arc, OnceLock};

use newsgraph_core::Upos;

use super::biaffine::{BatchItem, Biaffine, BiaffineScratch, Recurrent};
use super::features::{action_features, label_features, Templates, WordAttrs};
use super::neural::{Neural, NeuralScratch};
use super::state::{Action, State, NONE};

const MAGIC: &[u8; 8] = b"NGPARSER";
const VERSION: u32 = 2;
/// The format version of models with the feed-forward scorer.
const VERSION_NEURAL: u32 = 3;
/// The format version of models with the BiLSTM and biaffine arc scorer.
const VERSION_BIAFFINE: u32 = 4;

/// Why a model could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// The bytes do not start with the parser magic.
    #[error("not a parser model (bad magic)")]
    BadMagic,
    /// A format version this build cannot read.
    #[error("parser model format version {0} is not supported (expected {VERSION})")]
    Version(u32),
    /// Trained with other feature templates.
    #[error("parser model uses feature set {0}, which this build does not know; retrain it")]
    FeatureSet(u32),
    /// The header is inconsistent or the data ends early.
    #[error("parser model is malformed: {0}")]
    Malformed(String),
}

/// A trained dependency parser.
#[derive(Clone, Debug)]
pub struct ParserModel {
    pub(crate) labels: Vec<String>,
    pub(crate) root_label: u8,
    pub(crate) action_bits: u32,
    pub(crate) label_bits: u32,
    /// Decoding beam width (1: greedy).
    pub(crate) beam: u32,
    /// The feature templates and hashing the tables were trained with.
    pub(crate) templates: Templates,
    /// The action table, [`ACTION_STRIDE`] weights per row (the last one padding).
    pub(crate) action_w: Vec<i16>,
    /// The label table, [`label_stride`] weights per row (the labels, then zero padding),
    /// so a row is added in whole vector lanes.
    pub(crate) label_w: Vec<i16>,
    /// The feed-forward scorer (format version 3), used instead of the tables when present.
    pub(crate) neural: Option<Arc<Neural>>,
    /// The graph-based scorer (format version 4), used instead of the tables when present.
    pub(crate) biaffine: Option<Arc<Biaffine>>,
}

/// Reusable buffers for parsing sentences: push the words, call [`ParserModel::parse`], read
/// the heads and labels. Reusing one scratch across sentences avoids per-sentence allocation.
#[derive(Clone, Debug, Default)]
pub struct ParseScratch {
    words: Vec<WordAttrs>,
    state: State,
    feats: Vec<u64>,
    label_scores: Vec<i32>,
    beam: Beam,
    nn: NeuralScratch,
    bf: BiaffineScratch,
}

/// Buffers shared by the sentences of [`ParserModel::parse_batch`].
#[derive(Clone, Debug, Default)]
pub struct BatchScratch {
    recurrent: Recurrent,
}

/// The beams of [`ParserModel::parse`] with a beam width above 1.
#[derive(Clone, Debug, Default)]
struct Beam {
    items: Vec<(State, i64)>,
    next: Vec<(State, i64)>,
    cands: Vec<Cand>,
}

/// A successor of a beam item: the item, the action and the total score.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cand {
    pub item: usize,
    pub action: Action,
    pub score: f64,
}

/// Sorts candidates best first; ties go to the earlier item, then the lower action.
pub(crate) fn sort_cands(c: &mut [Cand]) {
    c.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.item.cmp(&b.item))
            .then((a.action as u8).cmp(&(b.action as u8)))
    });
}

impl ParseScratch {
    /// Empty buffers.
    pub fn new() -> ParseScratch {
        ParseScratch::default()
    }
    /// Forgets the words of the previous sentence.
    pub fn clear(&mut self) {
        self.words.clear();
    }
    /// Appends a word of the sentence to parse (`lemma` may be empty).
    pub fn push(&mut self, form: &str, lemma: &str, upos: Upos, xpos: &str) {
        self.words.push(WordAttrs::new(form, lemma, upos, xpos));
    }
    /// Number of words pushed.
    pub fn len(&self) -> usize {
        self.words.len()
    }
    /// Whether no word was pushed.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
    /// After [`ParserModel::parse`]: the head of word `i` as a word index in the sentence,
    /// `None` for the root's child.
    pub fn head(&self, i: usize) -> Option<usize> {
        let h = *self.state.heads.get(i)?;
        if h == NONE || h as usize >= self.words.len() {
            None
        } else {
            Some(h as usize)
        }
    }
    /// After [`ParserModel::parse`]: the label index of word `i` (see [`ParserModel::label`]).
    pub fn label(&self, i: usize) -> usize {
        self.state.labels.get(i).copied().unwrap_or(0) as usize
    }
}

#[inline]
fn row(h: u64, bits: u32) -> usize {
    (h >> (64 - bits)) as usize
}

fn shipped_bytes() -> &'static [u8] {
    include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../resources/models/parser.bin"
    ))
}

impl ParserModel {
    /// The model shipped in the binary (trained on UD English EWT), read once on first use.
    pub fn shipped() -> Result<Arc<ParserModel>, ModelError> {
        static MODEL: OnceLock<Result<Arc<ParserModel>, ModelError>> = OnceLock::new();
        MODEL
            .get_or_init(|| ParserModel::from_bytes(shipped_bytes()).map(Arc::new))
            .clone()
    }

    /// The relation labels, by index.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The name of label `i` (`nsubj`), or `dep` for an unknown index.
    pub fn label(&self, i: usize) -> &str {
        self.labels.get(i).map(String::as_str).unwrap_or("dep")
    }

    /// The decoding beam width (1: greedy).
    pub fn beam(&self) -> usize {
        self.beam as usize
    }

    /// Parses the words of each scratch of `batch`, as [`ParserModel::parse`] does one by
    /// one, with the same result; a graph-based model runs the sentences together, which is
    /// faster.
    pub fn parse_batch(&self, batch: &mut [ParseScratch], work: &mut BatchScratch) {
        let Some(bf) = &self.biaffine else {
            for scratch in batch.iter_mut() {
                self.parse(scratch);
            }
            return;
        };
        let mut items: Vec<BatchItem<'_>> = batch
            .iter_mut()
            .map(|scratch| {
                let ParseScratch {
                    words,
                    state,
                    bf: s,
                    ..
                } = scratch;
                state.reset(words.len());
                BatchItem {
                    words,
                    heads: &mut state.heads,
                    labels: &mut state.labels,
                    scratch: s,
                }
            })
            .collect();
        bf.parse_batch(&mut items, self.root_label, &mut work.recurrent);
    }

    /// Parses the words in `scratch` (greedy, or beam search when the model was trained
    /// with a beam); the result stays in `scratch`.
    pub fn parse(&self, scratch: &mut ParseScratch) {
        if self.biaffine.is_some() {
            self.parse_batch(std::slice::from_mut(scratch), &mut BatchScratch::default());
            return;
        }
        if let Some(nn) = &self.neural {
            nn.parse(
                &scratch.words,
                &mut scratch.state,
                self.root_label,
                &mut scratch.nn,
            );
            return;
        }
        if self.beam > 1 {
            self.beam_parse(scratch);
            return;
        }
        let ParseScratch {
            words,
            state,
            feats,
            label_scores,
            ..
        } = scratch;
        if self.templates.clusters {
            words.iter_mut().for_each(WordAttrs::add_clusters);
        }
        let n = words.len();
        state.reset(n);
        label_scores.clear();
        label_scores.resize(label_stride(self.labels.len()), 0);
        while !state.terminal() {
            action_features(state, words, self.templates, feats);
            let scores = self.action_scores(feats);
            let mut best = Action::Shift;
            let mut best_score = i32::MIN;
            for a in Action::ALL {
                if state.valid(a) && scores[a as usize] > best_score {
                    best = a;
                    best_score = scores[a as usize];
                }
            }
            let label = match state.arc(best) {
                Some((h, d)) => self.choose_label(state, words, h, d, best, feats, label_scores),
                None => 0,
            };
            state.apply(best, label);
        }
    }

    /// Beam search: every item of the beam is expanded by its valid actions and the `beam`
    /// best successors (summed transition scores) are kept; every derivation takes `2n`
    /// transitions, so the beams stay aligned and the first terminal item is the best.
    fn beam_parse(&self, scratch: &mut ParseScratch) {
        let ParseScratch {
            words,
            state,
            feats,
            label_scores,
            beam,
            ..
        } = scratch;
        if self.templates.clusters {
            words.iter_mut().for_each(WordAttrs::add_clusters);
        }
        let k = self.beam as usize;
        let n = words.len();
        label_scores.clear();
        label_scores.resize(label_stride(self.labels.len()), 0);
        beam.items.truncate(1);
        if beam.items.is_empty() {
            beam.items.push((State::default(), 0));
        }
        beam.items[0].0.reset(n);
        beam.items[0].1 = 0;
        loop {
            if beam.items.first().is_none_or(|(s, _)| s.terminal()) {
                break;
            }
            beam.cands.clear();
            for (i, (st, total)) in beam.items.iter().enumerate() {
                action_features(st, words, self.templates, feats);
                let scores = self.action_scores(feats);
                for a in Action::ALL {
                    if st.valid(a) {
                        beam.cands.push(Cand {
                            item: i,
                            action: a,
                            score: (*total + scores[a as usize] as i64) as f64,
                        });
                    }
                }
            }
            sort_cands(&mut beam.cands);
            let keep = beam.cands.len().min(k);
            while beam.next.len() < keep {
                beam.next.push((State::default(), 0));
            }
            beam.next.truncate(keep);
            for (j, c) in beam.cands[..keep].iter().enumerate() {
                let (src, _) = &beam.items[c.item];
                let label = match src.arc(c.action) {
                    Some((h, d)) => {
                        self.choose_label(src, words, h, d, c.action, feats, label_scores)
                    }
                    None => 0,
                };
                let (dst, total) = &mut beam.next[j];
                dst.clone_from(src);
                dst.apply(c.action, label);
                *total = c.score as i64;
            }
            std::mem::swap(&mut beam.items, &mut beam.next);
        }
        match beam.items.first() {
            Some((best, _)) => state.clone_from(best),
            None => state.reset(n),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn choose_label(
        &self,
        state: &State,
        words: &[WordAttrs],
        h: u32,
        d: u32,
        a: Action,
        feats: &mut Vec<u64>,
        scores: &mut [i32],
    ) -> u8 {
        if h as usize >= state.n {
            return self.root_label;
        }
        let ctx = if a == Action::Left {
            state.s(1)
        } else {
            state.buf(0)
        };
        label_features(state, words, (h, d, ctx), self.templates, feats);
        self.label_scores(feats, scores);
        best_label(&scores[..self.labels.len()], self.root_label)
    }

    #[inline]
    pub(crate) fn action_scores(&self, feats: &[u64]) -> [i32; 3] {
        let mut s = [0i32; ACTION_STRIDE];
        for &f in feats {
            let r = row(f, self.action_bits) * ACTION_STRIDE;
            if let Some(w) = self.action_w.get(r..r + ACTION_STRIDE) {
                for (o, &x) in s.iter_mut().zip(w) {
                    *o += x as i32;
                }
            }
        }
        [s[0], s[1], s[2]]
    }

    /// Sums the label rows of `feats` into `out` ([`label_stride`] long; the scores of the
    /// labels come first).
    #[inline]
    pub(crate) fn label_scores(&self, feats: &[u64], out: &mut [i32]) {
        let stride = label_stride(self.labels.len());
        out.iter_mut().for_each(|x| *x = 0);
        for &f in feats {
            let r = row(f, self.label_bits) * stride;
            if let Some(w) = self.label_w.get(r..r + stride) {
                for (o, x) in out.chunks_exact_mut(LANES).zip(w.chunks_exact(LANES)) {
                    for k in 0..LANES {
                        o[k] += x[k] as i32;
                    }
                }
            }
        }
    }

    /// The model in its binary format.
    pub fn to_bytes(&self) -> Vec<u8> {
        if self.neural.is_some() || self.biaffine.is_some() {
            let mut out = Vec::new();
            out.extend_from_slice(MAGIC);
            let version = if self.biaffine.is_some() {
                VERSION_BIAFFINE
            } else {
                VERSION_NEURAL
            };
            out.extend_from_slice(&version.to_le_bytes());
            for x in [self.labels.len() as u32, self.root_label as u32] {
                out.extend_from_slice(&x.to_le_bytes());
            }
            for l in &self.labels {
                out.push(l.len() as u8);
                out.extend_from_slice(l.as_bytes());
            }
            if let Some(bf) = &self.biaffine {
                bf.write(&mut out);
            } else if let Some(nn) = &self.neural {
                nn.write(&mut out);
            }
            return out;
        }
        let mut out = Vec::with_capacity(64 + 2 * (self.action_w.len() + self.label_w.len()));
        out.extend_from_slice(MAGIC);
        // A greedy model keeps format version 1, so it reads as it always did.
        let (version, beam) = if self.beam > 1 {
            (VERSION, vec![self.beam])
        } else {
            (1, Vec::new())
        };
        out.extend_from_slice(&version.to_le_bytes());
        let fs = self.templates.number();
        out.extend_from_slice(&fs.to_le_bytes());
        for x in beam.into_iter().chain([
            self.action_bits,
            self.label_bits,
            self.labels.len() as u32,
            self.root_label as u32,
        ]) {
            out.extend_from_slice(&x.to_le_bytes());
        }
        for l in &self.labels {
            out.push(l.len() as u8);
            out.extend_from_slice(l.as_bytes());
        }
        let l = self.labels.len();
        let action_rows = self.action_w.chunks_exact(ACTION_STRIDE).map(|r| &r[..3]);
        let label_rows = self.label_w.chunks_exact(label_stride(l)).map(|r| &r[..l]);
        for row in action_rows.chain(label_rows) {
            for w in row {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        out
    }

    /// Reads a model in the binary format.
    pub fn from_bytes(bytes: &[u8]) -> Result<ParserModel, ModelError> {
        let malformed = |m: &str| ModelError::Malformed(m.to_string());
        if bytes.len() < 8 || &bytes[..8] != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let mut pos = 8;
        let u32_at = |pos: &mut usize| -> Result<u32, ModelError> {
            let b = bytes
                .get(*pos..*pos + 4)
                .ok_or_else(|| malformed("header ends early"))?;
            *pos += 4;
            Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        };
        let version = u32_at(&mut pos)?;
        if version == VERSION_NEURAL || version == VERSION_BIAFFINE {
            let n_labels = u32_at(&mut pos)? as usize;
            let root_label = u32_at(&mut pos)? as usize;
            if n_labels == 0 || n_labels > 64 || root_label >= n_labels {
                return Err(malformed("bad label count or root label"));
            }
            let labels = read_labels(bytes, &mut pos, n_labels)?;
            if version == VERSION_BIAFFINE {
                let bf = Biaffine::read(&bytes[pos..], n_labels).map_err(ModelError::Malformed)?;
                return Ok(ParserModel::with_biaffine(labels, root_label as u8, bf));
            }
            let nn = Neural::read(&bytes[pos..], n_labels).map_err(ModelError::Malformed)?;
            return Ok(ParserModel::with_net(labels, root_label as u8, nn));
        }
        if version != VERSION && version != 1 {
            return Err(ModelError::Version(version));
        }
        let fs = u32_at(&mut pos)?;
        let templates = Templates::from_number(fs).ok_or(ModelError::FeatureSet(fs))?;
        let beam = if version >= 2 { u32_at(&mut pos)? } else { 1 };
        if !(1..=64).contains(&beam) {
            return Err(malformed("beam width out of range"));
        }
        let action_bits = u32_at(&mut pos)?;
        let label_bits = u32_at(&mut pos)?;
        let n_labels = u32_at(&mut pos)? as usize;
        let root_label = u32_at(&mut pos)? as usize;
        if !(1..=28).contains(&action_bits) || !(1..=28).contains(&label_bits) {
            return Err(malformed("table size out of range"));
        }
        if n_labels == 0 || n_labels > 64 || root_label >= n_labels {
            return Err(malformed("bad label count or root label"));
        }
        let labels = read_labels(bytes, &mut pos, n_labels)?;
        let na = (1usize << action_bits) * 3;
        let nl = (1usize << label_bits) * n_labels;
        let rest = &bytes[pos..];
        if rest.len() != 2 * (na + nl) {
            return Err(malformed(&format!(
                "expected {} weight bytes, found {}",
                2 * (na + nl),
                rest.len()
            )));
        }
        let (action_bytes, label_bytes) = rest.split_at(2 * na);
        let action_w = read_rows(action_bytes, 3, ACTION_STRIDE);
        let label_w = read_rows(label_bytes, n_labels, label_stride(n_labels));
        Ok(ParserModel {
            labels,
            root_label: root_label as u8,
            action_bits,
            label_bits,
            beam,
            templates,
            action_w,
            label_w,
            neural: None,
            biaffine: None,
        })
    }

    /// A model of quantised tables (`action`: 3 weights per row, `label`: one per label per
    /// row, as the file stores them), laid out padded for scoring.
    pub(crate) fn from_tables(
        labels: Vec<String>,
        root_label: u8,
        (action_bits, label_bits): (u32, u32),
        beam: u32,
        templates: Templates,
        (action, label): (&[i16], &[i16]),
    ) -> ParserModel {
        let n = labels.len();
        ParserModel {
            labels,
            root_label,
            action_bits,
            label_bits,
            beam,
            templates,
            action_w: pad_rows(action, 3, ACTION_STRIDE),
            label_w: pad_rows(label, n, label_stride(n)),
            neural: None,
            biaffine: None,
        }
    }

    /// A model scoring with a network instead of tables: no tables, greedy.
    fn tableless(labels: Vec<String>, root_label: u8) -> ParserModel {
        ParserModel {
            labels,
            root_label,
            action_bits: 0,
            label_bits: 0,
            beam: 1,
            templates: Templates::default(),
            action_w: Vec::new(),
            label_w: Vec::new(),
            neural: None,
            biaffine: None,
        }
    }

    /// A model scoring with the network `nn`.
    pub(crate) fn with_net(labels: Vec<String>, root_label: u8, nn: Neural) -> ParserModel {
        ParserModel {
            neural: Some(Arc::new(nn)),
            ..ParserModel::tableless(labels, root_label)
        }
    }

    /// A model scoring with the biaffine network `bf`.
    pub(crate) fn with_biaffine(
        labels: Vec<String>,
        root_label: u8,
        mut bf: Biaffine,
    ) -> ParserModel {
        bf.set_label_names(&labels);
        ParserModel {
            biaffine: Some(Arc::new(bf)),
            ..ParserModel::tableless(labels, root_label)
        }
    }
}

fn read_labels(bytes: &[u8], pos: &mut usize, n: usize) -> Result<Vec<String>, ModelError> {
    let malformed = |m: &str| ModelError::Malformed(m.to_string());
    let mut labels = Vec::with_capacity(n);
    for _ in 0..n {
        let len = *bytes
            .get(*pos)
            .ok_or_else(|| malformed("labels end early"))? as usize;
        *pos += 1;
        let s = bytes
            .get(*pos..*pos + len)
            .ok_or_else(|| malformed("labels end early"))?;
        let s = std::str::from_utf8(s).map_err(|_| malformed("label is not UTF-8"))?;
        labels.push(s.to_string());
        *pos += len;
    }
    Ok(labels)
}

/// The best label other than `root` (a word attached below the root is never `root`).
#[inline]
pub(crate) fn best_label<T: PartialOrd + Copy>(scores: &[T], root: u8) -> u8 {
    let mut best = None;
    for (i, &s) in scores.iter().enumerate() {
        if i == root as usize {
            continue;
        }
        match best {
            Some((_, b)) if s <= b => {}
            _ => best = Some((i, s)),
        }
    }
    best.map(|(i, _)| i as u8).unwrap_or(0)
}

/// Weights per action-table row: the three transitions and one of padding, so a row is one
/// aligned 8-byte load.
const ACTION_STRIDE: usize = 4;

/// Vector lanes the label rows are padded to.
const LANES: usize = 8;

/// Weights per label-table row for `n_labels` labels: rounded up to whole lanes.
fn label_stride(n_labels: usize) -> usize {
    n_labels.div_ceil(LANES) * LANES
}

/// Rows of `width` weights laid out `stride` apart, the gap zero.
fn pad_rows(w: &[i16], width: usize, stride: usize) -> Vec<i16> {
    let mut out = Vec::with_capacity(w.len() / width.max(1) * stride);
    for row in w.chunks_exact(width.max(1)) {
        out.extend_from_slice(row);
        out.resize(out.len() + stride - row.len(), 0);
    }
    out
}

/// Little-endian `i16` rows of `width` weights read into rows `stride` apart, the gap zero.
fn read_rows(bytes: &[u8], width: usize, stride: usize) -> Vec<i16> {
    let width = width.max(1);
    let mut out = vec![0i16; bytes.len() / (2 * width) * stride];
    for (row, dst) in bytes
        .chunks_exact(2 * width)
        .zip(out.chunks_exact_mut(stride))
    {
        for (c, w) in row.chunks_exact(2).zip(dst.iter_mut()) {
            *w = i16::from_le_bytes([c[0], c[1]]);
        }
    }
    out
}

/// Quantises a table of averaged weights to `i16`, scaling by the largest magnitude.
pub(crate) fn quantise(w: &[f32]) -> Vec<i16> {
    let max = w.iter().fold(0f32, |m, &x| m.max(x.abs()));
    if max == 0.0 {
        return vec![0; w.len()];
    }
    let scale = 32767.0 / max;
    w.iter()
        .map(|&x| (x * scale).round().clamp(-32767.0, 32767.0) as i16)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_tables_write_back_the_bytes_they_were_read_from() {
        let bytes = shipped_bytes();
        let model = ParserModel::from_bytes(bytes).unwrap();
        assert_eq!(model.action_w.len() % ACTION_STRIDE, 0);
        assert_eq!(model.label_w.len() % label_stride(model.labels.len()), 0);
        assert!(
            model.to_bytes() == bytes,
            "the shipped model does not round-trip"
        );
        let short = &bytes[..bytes.len() - 2];
        assert!(matches!(
            ParserModel::from_bytes(short),
            Err(ModelError::Malformed(_))
        ));
    }

    #[test]
    fn label_rows_pad_to_whole_lanes_with_zeros() {
        assert_eq!(label_stride(51), 56);
        assert_eq!(label_stride(8), 8);
        assert_eq!(
            pad_rows(&[1, 2, 3, 4, 5, 6], 3, 4),
            vec![1, 2, 3, 0, 4, 5, 6, 0]
        );
        assert_eq!(read_rows(&[1, 0, 255, 255], 1, 2), vec![1, 0, -1, 0]);
    }

    /// A perceptron model trained on two sentences (the shipped model may be graph-based).
    fn perceptron() -> ParserModel {
        let rows = [
            "1\tRussia\tRussia\tPROPN\tNNP\t_\t2\tnsubj\t_\t_",
            "2\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_",
            "3\ttalks\ttalk\tNOUN\tNNS\t_\t5\tnsubj\t_\t_",
            "4\twould\twould\tAUX\tMD\t_\t5\taux\t_\t_",
            "5\tresume\tresume\tVERB\tVB\t_\t2\tccomp\t_\t_",
            "6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_",
            "",
            "1\tTalks\ttalk\tNOUN\tNNS\t_\t2\tnsubj\t_\t_",
            "2\tresumed\tresume\tVERB\tVBD\t_\t0\troot\t_\t_",
            "3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_",
            "",
        ];
        let sentences = crate::conllu::read(&rows.join("\n")).unwrap();
        let opts = super::super::TrainOptions {
            epochs: 2,
            action_bits: 12,
            label_bits: 10,
            ..Default::default()
        };
        super::super::train(&sentences, None, &opts, |_| {}).unwrap()
    }

    #[test]
    fn feature_sets_record_templates_and_hashing() {
        for n in 3..=6 {
            assert_eq!(Templates::from_number(n).unwrap().number(), n);
        }
        assert_eq!(Templates::from_number(7), None);
        assert_eq!(Templates::current(false).number(), 5);
        let mut model = perceptron();
        model.templates = Templates::current(false);
        let back = ParserModel::from_bytes(&model.to_bytes()).unwrap();
        assert_eq!(back.templates, model.templates);
        let mut bytes = model.to_bytes();
        bytes[12..16].copy_from_slice(&9u32.to_le_bytes());
        assert_eq!(
            ParserModel::from_bytes(&bytes).unwrap_err(),
            ModelError::FeatureSet(9)
        );
    }

    #[test]
    fn beam_width_round_trips_and_beam_parses_are_trees() {
        let greedy = perceptron();
        assert_eq!(greedy.beam(), 1);
        assert_eq!(
            ParserModel::from_bytes(&greedy.to_bytes()).unwrap().beam(),
            1
        );
        let mut wide = greedy.clone();
        wide.beam = 4;
        let wide = ParserModel::from_bytes(&wide.to_bytes()).unwrap();
        assert_eq!(wide.beam(), 4);
        let mut s = ParseScratch::new();
        for (f, u, x) in [
            ("Russia", Upos::Propn, "NNP"),
            ("said", Upos::Verb, "VBD"),
            ("talks", Upos::Noun, "NNS"),
            ("would", Upos::Aux, "MD"),
            ("resume", Upos::Verb, "VB"),
            (".", Upos::Punct, "."),
        ] {
            s.push(f, "", u, x);
        }
        wide.parse(&mut s);
        let heads: Vec<Option<usize>> = (0..s.len()).map(|i| s.head(i)).collect();
        assert_eq!(heads.iter().filter(|h| h.is_none()).count(), 1, "{heads:?}");
        for i in 0..s.len() {
            let (mut at, mut steps) = (i, 0);
            while let Some(h) = heads[at] {
                at = h;
                steps += 1;
                assert!(steps <= s.len(), "cycle: {heads:?}");
            }
        }
    }
}
