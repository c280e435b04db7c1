//! A feed-forward transition scorer in the manner of Chen & Manning (2014), an alternative to
//! the perceptrons for the same arc-hybrid system.
//!
//! Input: embeddings of the words and tags of 18 positions (three stack and three buffer
//! items, the two leftmost and rightmost children of the two stack tops, the leftmost
//! grandchild and rightmost grandchild of the stack top, the two leftmost children of the
//! buffer front) and the arc labels of the 12 child positions, 48 embeddings in all; one
//! ReLU hidden layer; a softmax over the valid transitions (`SHIFT`, `LEFT`-label,
//! `RIGHT`-label). Words are the training words seen at least twice (others are one unknown
//! word), tags the (UPOS, XPOS) pairs of the training set. Training is minibatch AdaGrad with
//! dropout on the hidden layer, on the static oracle's transitions, single-threaded with a
//! seeded generator, so a run reproduces its model byte for byte.
//!
//! At load the products of the tag and label embeddings with their hidden-layer weights are
//! precomputed per position, so decoding multiplies only the 18 word embeddings.

use multiversion::target::selected_target;
use std::collections::{BTreeMap, HashMap};

use super::features::WordAttrs;
use super::state::{Action, State, NONE};

/// Word positions (each gives a word and a tag embedding).
pub(crate) const WORD_SLOTS: usize = 18;
/// Label positions (the child positions among the word positions).
pub(crate) const LABEL_SLOTS: usize = 12;
/// All embedding positions.
pub(crate) const SLOTS: usize = 2 * WORD_SLOTS + LABEL_SLOTS;

/// Special rows at the start of the word and tag tables.
const NULL_ROW: u32 = 0;
const ROOT_ROW: u32 = 1;
const UNK_ROW: u32 = 2;
const SPECIALS: usize = 3;

/// The key of a word's tag pair.
#[inline]
pub(crate) fn tag_key(w: &WordAttrs) -> u64 {
    w.p ^ w.u.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The network's parameters.
#[derive(Clone, PartialEq)]
pub(crate) struct Net {
    pub dim: usize,
    pub hidden: usize,
    pub classes: usize,
    /// Rows of the word, tag and label tables (specials included).
    pub n_words: usize,
    pub n_tags: usize,
    pub n_labels: usize,
    /// All embeddings: word rows, then tag rows, then label rows; `dim` each.
    pub emb: Vec<f32>,
    /// Hidden weights, `SLOTS x dim x hidden`.
    pub w1: Vec<f32>,
    pub b1: Vec<f32>,
    /// Output weights, `classes x hidden`.
    pub w2: Vec<f32>,
    pub b2: Vec<f32>,
}

impl Net {
    /// A randomly initialised network.
    pub fn new(
        dim: usize,
        hidden: usize,
        classes: usize,
        n_words: usize,
        n_tags: usize,
        n_labels: usize,
        rng: &mut Rng,
    ) -> Net {
        let rows = n_words + n_tags + n_labels;
        let emb = (0..rows * dim).map(|_| rng.sym(0.1)).collect();
        let r1 = (6.0 / (SLOTS * dim + hidden) as f32).sqrt();
        let w1 = (0..SLOTS * dim * hidden).map(|_| rng.sym(r1)).collect();
        let r2 = (6.0 / (hidden + classes) as f32).sqrt();
        let w2 = (0..classes * hidden).map(|_| rng.sym(r2)).collect();
        Net {
            dim,
            hidden,
            classes,
            n_words,
            n_tags,
            n_labels,
            emb,
            w1,
            b1: vec![0.01; hidden],
            w2,
            b2: vec![0.0; classes],
        }
    }

    /// Hidden pre-activations for `feats` (global embedding rows), no precomputation.
    fn hidden_pre(&self, feats: &[u32; SLOTS], out: &mut [f32]) {
        let (d, h) = (self.dim, self.hidden);
        out.copy_from_slice(&self.b1);
        for (slot, &row) in feats.iter().enumerate() {
            let e = &self.emb[row as usize * d..row as usize * d + d];
            let w = &self.w1[slot * d * h..(slot + 1) * d * h];
            for (k, &x) in e.iter().enumerate() {
                axpy(x, &w[k * h..k * h + h], out);
            }
        }
    }

    /// Softmax cross-entropy of one example over the classes allowed by `allowed`, adding
    /// the gradients to `g` (the embedding gradients as rows); `drop` is the hidden-unit
    /// dropout mask already scaled (empty: none). Returns the loss.
    pub fn example_grad(
        &self,
        feats: &[u32; SLOTS],
        allowed: &[bool],
        gold: usize,
        drop: &[f32],
        g: &mut Grads,
        buf: &mut Buffers,
    ) -> f32 {
        let (d, h) = (self.dim, self.hidden);
        buf.pre.resize(h, 0.0);
        buf.act.resize(h, 0.0);
        buf.dh.resize(h, 0.0);
        buf.logits.resize(self.classes, 0.0);
        self.hidden_pre(feats, &mut buf.pre);
        for i in 0..h {
            let m = if drop.is_empty() { 1.0 } else { drop[i] };
            buf.act[i] = buf.pre[i].max(0.0) * m;
        }
        let mut max = f32::NEG_INFINITY;
        for c in 0..self.classes {
            if allowed[c] {
                let z = self.b2[c] + dot(&self.w2[c * h..c * h + h], &buf.act);
                buf.logits[c] = z;
                max = max.max(z);
            }
        }
        let mut sum = 0.0f32;
        for c in 0..self.classes {
            if allowed[c] {
                buf.logits[c] = (buf.logits[c] - max).exp();
                sum += buf.logits[c];
            }
        }
        let loss = -(buf.logits[gold] / sum).max(1e-30).ln();
        buf.correct = (0..self.classes)
            .filter(|&c| allowed[c])
            .all(|c| c == gold || buf.logits[c] < buf.logits[gold]);
        buf.dh.iter_mut().for_each(|x| *x = 0.0);
        for c in 0..self.classes {
            if !allowed[c] {
                continue;
            }
            let mut dz = buf.logits[c] / sum;
            if c == gold {
                dz -= 1.0;
            }
            g.b2[c] += dz;
            axpy(dz, &buf.act, &mut g.w2[c * h..c * h + h]);
            axpy(dz, &self.w2[c * h..c * h + h], &mut buf.dh);
        }
        for i in 0..h {
            let m = if drop.is_empty() { 1.0 } else { drop[i] };
            if buf.pre[i] <= 0.0 {
                buf.dh[i] = 0.0;
            } else {
                buf.dh[i] *= m;
            }
        }
        axpy(1.0, &buf.dh, &mut g.b1);
        for (slot, &row) in feats.iter().enumerate() {
            let r = row as usize;
            let e = &self.emb[r * d..r * d + d];
            let w = &self.w1[slot * d * h..(slot + 1) * d * h];
            let gw = &mut g.w1[slot * d * h..(slot + 1) * d * h];
            let start = g.emb.len();
            g.emb_rows.push(row);
            for k in 0..d {
                axpy(e[k], &buf.dh, &mut gw[k * h..k * h + h]);
                g.emb.push(dot(&w[k * h..k * h + h], &buf.dh));
            }
            debug_assert_eq!(g.emb.len(), start + d);
        }
        loss
    }
}

/// Gradient accumulators of a minibatch.
#[derive(Clone, Debug, Default)]
pub(crate) struct Grads {
    pub w1: Vec<f32>,
    pub b1: Vec<f32>,
    pub w2: Vec<f32>,
    pub b2: Vec<f32>,
    /// Embedding gradients, `dim` per entry of `emb_rows` (rows may repeat).
    pub emb: Vec<f32>,
    pub emb_rows: Vec<u32>,
}

impl Grads {
    pub fn for_net(net: &Net) -> Grads {
        Grads {
            w1: vec![0.0; net.w1.len()],
            b1: vec![0.0; net.b1.len()],
            w2: vec![0.0; net.w2.len()],
            b2: vec![0.0; net.b2.len()],
            emb: Vec::new(),
            emb_rows: Vec::new(),
        }
    }
    fn clear(&mut self) {
        for v in [&mut self.w1, &mut self.b1, &mut self.w2, &mut self.b2] {
            v.iter_mut().for_each(|x| *x = 0.0);
        }
        self.emb.clear();
        self.emb_rows.clear();
    }
}

/// Work buffers of one forward and backward pass.
#[derive(Clone, Debug, Default)]
pub(crate) struct Buffers {
    pre: Vec<f32>,
    act: Vec<f32>,
    dh: Vec<f32>,
    logits: Vec<f32>,
    /// Whether the last example's gold class scored best.
    pub correct: bool,
}

#[inline]
#[multiversion::multiversion(targets("x86_64+avx2+fma", "x86_64+avx"))]
pub(crate) fn axpy(a: f32, x: &[f32], y: &mut [f32]) {
    for (y, &x) in y.iter_mut().zip(x) {
        *y += a * x;
    }
}

/// `y += x w` for one row `x` and `w` of `x.len()` rows of `y.len()`: the columns in blocks
/// held in registers over all of `w`'s rows, so `y` is read and written once.
#[multiversion::multiversion(targets("x86_64+avx2+fma", "x86_64+avx"))]
pub(crate) fn vecmat_add(x: &[f32], w: &[f32], y: &mut [f32]) {
    const FMA: bool = selected_target!().supports_feature_str("fma");
    let n = y.len();
    let k = x.len().min(w.len().checked_div(n).unwrap_or(0));
    let w = &w[..k * n];
    let x = &x[..k];
    let mut j = 0;
    while j + 64 <= n {
        add_tile::<1, 64, FMA>(&[x], w, n, j, [y]);
        j += 64;
    }
    while j + 8 <= n {
        add_tile::<1, 8, FMA>(&[x], w, n, j, [y]);
        j += 8;
    }
    while j < n {
        add_tile::<1, 1, FMA>(&[x], w, n, j, [y]);
        j += 1;
    }
}

/// `y += x w` for `x` of rows of `k` and `w` of `k` rows of `n` (`y` has as many rows as `x`,
/// of `n`): tiles of four rows by sixteen columns held in registers over all of `w`'s rows,
/// each strip of sixteen columns of `w` read for all rows of `x` while it is in cache.
#[multiversion::multiversion(targets("x86_64+avx2+fma", "x86_64+avx"))]
pub(crate) fn matmul_add(x: &[f32], k: usize, w: &[f32], n: usize, y: &mut [f32]) {
    const FMA: bool = selected_target!().supports_feature_str("fma");
    let rows = y
        .len()
        .checked_div(n)
        .unwrap_or(0)
        .min(x.len().checked_div(k).unwrap_or(0));
    let w = &w[..k * n];
    let full = rows / 4 * 4;
    let mut j = 0;
    while j < n {
        let c = if j + 16 <= n { 16 } else { 1 };
        for r in (0..full).step_by(4) {
            let xs = &x[r * k..(r + 4) * k];
            let xs = [&xs[..k], &xs[k..2 * k], &xs[2 * k..3 * k], &xs[3 * k..]];
            let ys = rows_of(&mut y[r * n..(r + 4) * n], n);
            if c == 16 {
                add_tile::<4, 16, FMA>(&xs, w, n, j, ys);
            } else {
                add_tile::<4, 1, FMA>(&xs, w, n, j, ys);
            }
        }
        j += c;
    }
    for r in full..rows {
        vecmat_add(&x[r * k..(r + 1) * k], w, &mut y[r * n..(r + 1) * n]);
    }
}

/// The `R` rows of `n` of `block`.
#[inline(always)]
fn rows_of<const R: usize>(block: &mut [f32], n: usize) -> [&mut [f32]; R] {
    let mut rest = block;
    std::array::from_fn(|_| {
        let (row, tail) = std::mem::take(&mut rest).split_at_mut(n);
        rest = tail;
        row
    })
}

/// Adds to columns `j..j + C` of each row of `ys` the product of the matching row of `xs`
/// with `w` (rows of `n`), accumulating in registers: `R * C / 8` vector registers. `FMA`
/// only where the target has fused multiply-add (elsewhere `mul_add` is a library call).
#[inline(always)]
fn add_tile<const R: usize, const C: usize, const FMA: bool>(
    xs: &[&[f32]; R],
    w: &[f32],
    n: usize,
    j: usize,
    ys: [&mut [f32]; R],
) {
    let mut acc = [[0f32; C]; R];
    for (kk, wrow) in w.chunks_exact(n).enumerate() {
        let Some(wr) = wrow[j..].first_chunk::<C>() else {
            return;
        };
        for (acc_r, x) in acc.iter_mut().zip(xs) {
            let a = x[kk];
            for (v, &b) in acc_r.iter_mut().zip(wr) {
                *v = if FMA { a.mul_add(b, *v) } else { *v + a * b };
            }
        }
    }
    for (acc_r, y) in acc.iter().zip(ys) {
        for (v, &s) in y[j..j + C].iter_mut().zip(acc_r) {
            *v += s;
        }
    }
}

#[multiversion::multiversion(targets("x86_64+avx2+fma", "x86_64+avx"))]
pub(crate) fn dot(a: &[f32], b: &[f32]) -> f32 {
    // Eight partial sums, so the loop vectorises.
    let mut s = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            s[k] += x[k] * y[k];
        }
    }
    let mut t: f32 = s.iter().sum();
    for (x, y) in ra.iter().zip(rb) {
        t += x * y;
    }
    t
}

/// A small deterministic generator (xorshift64*).
#[derive(Clone, Debug)]
pub(crate) struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
    /// Uniform in [-r, r).
    pub fn sym(&mut self, r: f32) -> f32 {
        (2.0 * self.unit() - 1.0) * r
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The class of a transition: `SHIFT` 0, `LEFT`-l `1 + l`, `RIGHT`-l `1 + L + l`.
#[inline]
pub(crate) fn class_of(a: Action, label: u8, n_labels: usize) -> usize {
    match a {
        Action::Shift => 0,
        Action::Left => 1 + label as usize,
        Action::Right => 1 + n_labels + label as usize,
    }
}

/// The classes allowed in `st`: valid transitions, `root` only on arcs from the root and
/// only `root` there.
pub(crate) fn allowed(st: &State, root: u8, n_labels: usize, out: &mut Vec<bool>) {
    out.clear();
    out.resize(1 + 2 * n_labels, false);
    out[0] = st.valid(Action::Shift);
    if st.valid(Action::Left) {
        if st.b >= st.n {
            out[1 + root as usize] = true;
        } else {
            for l in 0..n_labels {
                out[1 + l] = l != root as usize;
            }
        }
    }
    if st.valid(Action::Right) {
        for l in 0..n_labels {
            out[1 + n_labels + l] = l != root as usize;
        }
    }
}

/// The table rows of the words of a sentence: (word row, tag row), both local to their table.
pub(crate) fn sentence_rows(
    words: &[WordAttrs],
    vocab: &HashMap<u64, u32>,
    tags: &HashMap<u64, u32>,
    out: &mut Vec<[u32; 2]>,
) {
    out.clear();
    out.extend(words.iter().map(|w| {
        [
            vocab.get(&w.w).copied().unwrap_or(UNK_ROW),
            tags.get(&tag_key(w)).copied().unwrap_or(UNK_ROW),
        ]
    }));
}

/// The 48 embedding rows (global: word rows first, then tags, then labels) of `st`.
pub(crate) fn features(
    st: &State,
    rows: &[[u32; 2]],
    n_words: usize,
    n_tags: usize,
    out: &mut [u32; SLOTS],
) {
    let child = |x: u32, v: &[u32]| if x == NONE { NONE } else { v[x as usize] };
    let s0 = st.s(0);
    let s1 = st.s(1);
    let b0 = st.buf(0);
    let lc1s0 = child(s0, &st.lc1);
    let rc1s0 = child(s0, &st.rc1);
    let nodes: [u32; WORD_SLOTS] = [
        s0,
        s1,
        st.s(2),
        b0,
        st.buf(1),
        st.buf(2),
        lc1s0,
        child(s0, &st.lc2),
        rc1s0,
        child(s0, &st.rc2),
        child(s1, &st.lc1),
        child(s1, &st.lc2),
        child(s1, &st.rc1),
        child(s1, &st.rc2),
        child(lc1s0, &st.lc1),
        child(rc1s0, &st.rc1),
        child(b0, &st.lc1),
        child(b0, &st.lc2),
    ];
    let tag_off = n_words as u32;
    let label_off = (n_words + n_tags) as u32;
    for (i, &x) in nodes.iter().enumerate() {
        let (w, t) = if x == NONE {
            (NULL_ROW, NULL_ROW)
        } else if x as usize >= st.n {
            (ROOT_ROW, ROOT_ROW)
        } else {
            let r = rows[x as usize];
            (r[0], r[1])
        };
        out[i] = w;
        out[WORD_SLOTS + i] = tag_off + t;
    }
    for (i, &x) in nodes[WORD_SLOTS - LABEL_SLOTS..].iter().enumerate() {
        out[2 * WORD_SLOTS + i] = if x == NONE {
            label_off
        } else {
            label_off + 1 + st.labels[x as usize] as u32
        };
    }
}

/// A network ready for decoding: the vocabularies as maps and the precomputed tag and
/// label contributions to the hidden layer.
#[derive(Clone)]
pub(crate) struct Neural {
    pub net: Net,
    /// Word keys (folded-form hashes) and tag keys, in row order (after the specials).
    pub word_keys: Vec<u64>,
    pub tag_keys: Vec<u64>,
    vocab: HashMap<u64, u32>,
    tags: HashMap<u64, u32>,
    /// For tag and label slots: `hidden` floats per (slot, row), slots in order.
    pre: Vec<f32>,
}

impl std::fmt::Debug for Neural {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Neural {{ dim: {}, hidden: {}, words: {}, tags: {} }}",
            self.net.dim,
            self.net.hidden,
            self.word_keys.len(),
            self.tag_keys.len()
        )
    }
}

/// Decoding buffers.
#[derive(Clone, Debug, Default)]
pub(crate) struct NeuralScratch {
    rows: Vec<[u32; 2]>,
    hidden: Vec<f32>,
    scores: Vec<f32>,
    allowed: Vec<bool>,
}

impl Neural {
    pub fn new(net: Net, word_keys: Vec<u64>, tag_keys: Vec<u64>) -> Neural {
        let vocab = key_map(&word_keys);
        let tags = key_map(&tag_keys);
        let (d, h) = (net.dim, net.hidden);
        let mut pre = Vec::new();
        let mut tmp = vec![0f32; h];
        for slot in WORD_SLOTS..SLOTS {
            let (start, rows) = if slot < 2 * WORD_SLOTS {
                (net.n_words, net.n_tags)
            } else {
                (net.n_words + net.n_tags, net.n_labels)
            };
            let w = &net.w1[slot * d * h..(slot + 1) * d * h];
            for r in start..start + rows {
                tmp.iter_mut().for_each(|x| *x = 0.0);
                let e = &net.emb[r * d..r * d + d];
                for (k, &x) in e.iter().enumerate() {
                    axpy(x, &w[k * h..k * h + h], &mut tmp);
                }
                pre.extend_from_slice(&tmp);
            }
        }
        Neural {
            net,
            word_keys,
            tag_keys,
            vocab,
            tags,
            pre,
        }
    }

    fn pre_row(&self, slot: usize, row: u32) -> &[f32] {
        let net = &self.net;
        let h = net.hidden;
        let off = if slot < 2 * WORD_SLOTS {
            (slot - WORD_SLOTS) * net.n_tags + (row as usize - net.n_words)
        } else {
            WORD_SLOTS * net.n_tags
                + (slot - 2 * WORD_SLOTS) * net.n_labels
                + (row as usize - net.n_words - net.n_tags)
        };
        &self.pre[off * h..off * h + h]
    }

    /// Class scores of `feats` (unnormalised) into `out`.
    fn scores(&self, feats: &[u32; SLOTS], hidden: &mut Vec<f32>, out: &mut Vec<f32>) {
        let net = &self.net;
        let (d, h) = (net.dim, net.hidden);
        hidden.clear();
        hidden.extend_from_slice(&net.b1);
        for (slot, &row) in feats.iter().enumerate().take(WORD_SLOTS) {
            let e = &net.emb[row as usize * d..row as usize * d + d];
            let w = &net.w1[slot * d * h..(slot + 1) * d * h];
            for (k, &x) in e.iter().enumerate() {
                axpy(x, &w[k * h..k * h + h], hidden);
            }
        }
        for (slot, &row) in feats.iter().enumerate().skip(WORD_SLOTS) {
            axpy(1.0, self.pre_row(slot, row), hidden);
        }
        hidden.iter_mut().for_each(|x| *x = x.max(0.0));
        out.clear();
        for c in 0..net.classes {
            out.push(net.b2[c] + dot(&net.w2[c * h..c * h + h], hidden));
        }
    }

    /// Greedy decoding of `words` into `state`.
    pub fn parse(&self, words: &[WordAttrs], state: &mut State, root: u8, s: &mut NeuralScratch) {
        let n_labels = self.net.n_labels - 1;
        sentence_rows(words, &self.vocab, &self.tags, &mut s.rows);
        state.reset(words.len());
        let mut feats = [0u32; SLOTS];
        while !state.terminal() {
            features(
                state,
                &s.rows,
                self.net.n_words,
                self.net.n_tags,
                &mut feats,
            );
            self.scores(&feats, &mut s.hidden, &mut s.scores);
            allowed(state, root, n_labels, &mut s.allowed);
            let mut best = None;
            for (c, (&ok, &z)) in s.allowed.iter().zip(&s.scores).enumerate() {
                if ok && best.is_none_or(|(_, b)| z > b) {
                    best = Some((c, z));
                }
            }
            let Some((c, _)) = best else {
                // No valid transition: cannot happen before the end; stop safely.
                break;
            };
            let (a, l) = if c == 0 {
                (Action::Shift, 0)
            } else if c <= n_labels {
                (Action::Left, (c - 1) as u8)
            } else {
                (Action::Right, (c - 1 - n_labels) as u8)
            };
            state.apply(a, l);
        }
    }

    /// The network part of the model file.
    pub fn write(&self, out: &mut Vec<u8>) {
        let net = &self.net;
        for x in [
            net.dim,
            net.hidden,
            net.classes,
            self.word_keys.len(),
            self.tag_keys.len(),
            net.n_labels,
        ] {
            out.extend_from_slice(&(x as u32).to_le_bytes());
        }
        for k in self.word_keys.iter().chain(&self.tag_keys) {
            out.extend_from_slice(&k.to_le_bytes());
        }
        for v in [&net.emb, &net.w1, &net.b1, &net.w2, &net.b2] {
            for x in v.iter() {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
    }

    /// Reads the network part written by [`Neural::write`].
    pub fn read(bytes: &[u8], n_labels: usize) -> Result<Neural, String> {
        let mut pos = 0usize;
        let mut take = |n: usize| -> Result<&[u8], String> {
            let s = bytes
                .get(pos..pos + n)
                .ok_or_else(|| "network data ends early".to_string())?;
            pos += n;
            Ok(s)
        };
        let mut head = [0usize; 6];
        for x in head.iter_mut() {
            let b = take(4)?;
            *x = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize;
        }
        let [dim, hidden, classes, nw, nt, nl] = head;
        if !(1..=512).contains(&dim) || !(1..=4096).contains(&hidden) {
            return Err("network sizes out of range".into());
        }
        if classes != 1 + 2 * n_labels || nl != n_labels + 1 {
            return Err("network classes do not match the labels".into());
        }
        if nw > 10_000_000 || nt > 100_000 {
            return Err("vocabulary too large".into());
        }
        let mut keys = |n: usize| -> Result<Vec<u64>, String> {
            let b = take(8 * n)?;
            Ok(b.chunks_exact(8)
                .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
                .collect())
        };
        let word_keys = keys(nw)?;
        let tag_keys = keys(nt)?;
        let (n_words, n_tags) = (nw + SPECIALS, nt + SPECIALS);
        let rows = n_words + n_tags + nl;
        let mut floats = |n: usize| -> Result<Vec<f32>, String> {
            let b = take(4 * n)?;
            Ok(b.chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect())
        };
        let emb = floats(rows * dim)?;
        let w1 = floats(SLOTS * dim * hidden)?;
        let b1 = floats(hidden)?;
        let w2 = floats(classes * hidden)?;
        let b2 = floats(classes)?;
        if pos != bytes.len() {
            return Err("trailing bytes after the network".into());
        }
        let net = Net {
            dim,
            hidden,
            classes,
            n_words,
            n_tags,
            n_labels: nl,
            emb,
            w1,
            b1,
            w2,
            b2,
        };
        Ok(Neural::new(net, word_keys, tag_keys))
    }
}

fn key_map(keys: &[u64]) -> HashMap<u64, u32> {
    keys.iter()
        .enumerate()
        .map(|(i, &k)| (k, (i + SPECIALS) as u32))
        .collect()
}

/// Training settings of the network.
#[derive(Clone, Debug)]
pub struct NeuralOptions {
    /// Embedding size.
    pub dim: usize,
    /// Hidden units.
    pub hidden: usize,
    /// Examples per AdaGrad step.
    pub batch: usize,
    /// AdaGrad learning rate.
    pub rate: f32,
    /// Probability of dropping a hidden unit in training.
    pub dropout: f32,
    /// Words seen fewer times are the unknown word.
    pub min_count: usize,
}

impl Default for NeuralOptions {
    fn default() -> NeuralOptions {
        NeuralOptions {
            dim: 32,
            hidden: 128,
            batch: 32,
            rate: 0.02,
            dropout: 0.3,
            min_count: 2,
        }
    }
}

/// One static-oracle transition: embedding rows, gold class and the allowed classes' mask
/// as a compact index into the three action kinds (`SHIFT`, `LEFT`, `RIGHT` valid, `LEFT`
/// onto the root).
pub(crate) struct Sample {
    pub feats: [u32; SLOTS],
    pub gold: u16,
    pub valid: u8,
}

/// The vocabularies of the training words: word keys seen `min_count` times and all tag
/// keys, each sorted by descending count then key.
pub(crate) fn vocabularies(data: &[Vec<WordAttrs>], min_count: usize) -> (Vec<u64>, Vec<u64>) {
    let mut wc: BTreeMap<u64, usize> = BTreeMap::new();
    let mut tc: BTreeMap<u64, usize> = BTreeMap::new();
    for s in data {
        for w in s {
            *wc.entry(w.w).or_default() += 1;
            *tc.entry(tag_key(w)).or_default() += 1;
        }
    }
    let sorted = |m: BTreeMap<u64, usize>, min: usize| {
        let mut v: Vec<(u64, usize)> = m.into_iter().filter(|&(_, c)| c >= min).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.into_iter().map(|(k, _)| k).collect::<Vec<u64>>()
    };
    (sorted(wc, min_count), sorted(tc, 1))
}

/// The mask of [`allowed`] from the compact `valid` code.
pub(crate) fn valid_code(st: &State) -> u8 {
    (st.valid(Action::Shift) as u8)
        | ((st.valid(Action::Left) as u8) << 1)
        | ((st.valid(Action::Right) as u8) << 2)
        | (((st.b >= st.n) as u8) << 3)
}

pub(crate) fn allowed_from_code(code: u8, root: u8, n_labels: usize, out: &mut Vec<bool>) {
    out.clear();
    out.resize(1 + 2 * n_labels, false);
    out[0] = code & 1 != 0;
    if code & 2 != 0 {
        if code & 8 != 0 {
            out[1 + root as usize] = true;
        } else {
            for l in 0..n_labels {
                out[1 + l] = l != root as usize;
            }
        }
    }
    if code & 4 != 0 {
        for l in 0..n_labels {
            out[1 + n_labels + l] = l != root as usize;
        }
    }
}

/// AdaGrad state and the step over one minibatch.
pub(crate) struct Trainer {
    pub net: Net,
    g: Grads,
    h_w1: Vec<f32>,
    h_b1: Vec<f32>,
    h_w2: Vec<f32>,
    h_b2: Vec<f32>,
    h_emb: Vec<f32>,
    buf: Buffers,
    drop: Vec<f32>,
    allowed: Vec<bool>,
}

const ADA_EPS: f32 = 1e-6;

fn ada(w: &mut [f32], g: &[f32], hist: &mut [f32], rate: f32, scale: f32) {
    for ((w, &g), h) in w.iter_mut().zip(g).zip(hist.iter_mut()) {
        let g = g * scale;
        *h += g * g;
        *w -= rate * g / (h.sqrt() + ADA_EPS);
    }
}

impl Trainer {
    pub fn new(net: Net) -> Trainer {
        Trainer {
            g: Grads::for_net(&net),
            h_w1: vec![0.0; net.w1.len()],
            h_b1: vec![0.0; net.b1.len()],
            h_w2: vec![0.0; net.w2.len()],
            h_b2: vec![0.0; net.b2.len()],
            h_emb: vec![0.0; net.emb.len()],
            buf: Buffers::default(),
            drop: Vec::new(),
            allowed: Vec::new(),
            net,
        }
    }

    /// One AdaGrad step on `batch`; returns the summed loss and the number of examples
    /// whose gold class scored best.
    pub fn step(
        &mut self,
        batch: &[&Sample],
        root: u8,
        opts: &NeuralOptions,
        rng: &mut Rng,
    ) -> (f32, usize) {
        let mut right = 0;
        self.g.clear();
        let n_labels = self.net.n_labels - 1;
        let keep = 1.0 - opts.dropout;
        let mut loss = 0.0;
        for s in batch {
            self.drop.clear();
            if opts.dropout > 0.0 {
                for _ in 0..self.net.hidden {
                    let m = if rng.unit() < keep { 1.0 / keep } else { 0.0 };
                    self.drop.push(m);
                }
            }
            allowed_from_code(s.valid, root, n_labels, &mut self.allowed);
            loss += self.net.example_grad(
                &s.feats,
                &self.allowed,
                s.gold as usize,
                &self.drop,
                &mut self.g,
                &mut self.buf,
            );
            right += self.buf.correct as usize;
        }
        let scale = 1.0 / batch.len().max(1) as f32;
        let rate = opts.rate;
        ada(&mut self.net.w1, &self.g.w1, &mut self.h_w1, rate, scale);
        ada(&mut self.net.b1, &self.g.b1, &mut self.h_b1, rate, scale);
        ada(&mut self.net.w2, &self.g.w2, &mut self.h_w2, rate, scale);
        ada(&mut self.net.b2, &self.g.b2, &mut self.h_b2, rate, scale);
        let d = self.net.dim;
        for (i, &row) in self.g.emb_rows.iter().enumerate() {
            let r = row as usize * d;
            ada(
                &mut self.net.emb[r..r + d],
                &self.g.emb[i * d..i * d + d],
                &mut self.h_emb[r..r + d],
                rate,
                scale,
            );
        }
        (loss, right)
    }
}

/// `y += x w`, one product at a time: what the kernels' tests compare with.
#[cfg(test)]
pub(crate) fn plain_product(x: &[f32], k: usize, w: &[f32], n: usize, y: &mut [f32]) {
    for (r, yr) in y.chunks_exact_mut(n).enumerate() {
        for (j, v) in yr.iter_mut().enumerate() {
            for kk in 0..k {
                *v += x[r * k + kk] * w[kk * n + j];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrix_kernels_match_the_plain_products() {
        let mut rng = Rng::new(3);
        // Sizes that leave remainders of every tile (rows of 4, columns of 64, 16 and 8).
        for (rows, k, n) in [
            (7, 13, 37),
            (4, 96, 384),
            (1, 5, 100),
            (9, 3, 16),
            (0, 4, 8),
        ] {
            let x: Vec<f32> = (0..rows * k).map(|_| rng.sym(0.5)).collect();
            let w: Vec<f32> = (0..k * n).map(|_| rng.sym(0.5)).collect();
            let y0: Vec<f32> = (0..rows * n).map(|_| rng.unit()).collect();
            let mut plain = y0.clone();
            plain_product(&x, k, &w, n, &mut plain);
            let mut y = y0.clone();
            matmul_add(&x, k, &w, n, &mut y);
            let mut v = y0.clone();
            for r in 0..rows {
                vecmat_add(&x[r * k..(r + 1) * k], &w, &mut v[r * n..(r + 1) * n]);
            }
            for ((a, b), c) in plain.iter().zip(&y).zip(&v) {
                assert!(
                    (a - b).abs() < 1e-4 && (a - c).abs() < 1e-4,
                    "{rows}x{k}x{n}: {a} {b} {c}"
                );
            }
        }
    }

    fn tiny() -> (Net, [u32; SLOTS]) {
        let mut rng = Rng::new(7);
        let net = Net::new(3, 5, 7, 5, 4, 4, &mut rng);
        let mut feats = [0u32; SLOTS];
        for (i, f) in feats.iter_mut().enumerate() {
            *f = if i < WORD_SLOTS {
                (i % 5) as u32
            } else if i < 2 * WORD_SLOTS {
                5 + (i % 4) as u32
            } else {
                9 + (i % 4) as u32
            };
        }
        (net, feats)
    }

    fn loss(net: &Net, feats: &[u32; SLOTS], allowed: &[bool]) -> f32 {
        let mut g = Grads::for_net(net);
        net.example_grad(feats, allowed, 2, &[], &mut g, &mut Buffers::default())
    }

    #[test]
    fn gradients_match_finite_differences() {
        let (mut net, feats) = tiny();
        let allowed = [true, false, true, true, true, false, true];
        let mut g = Grads::for_net(&net);
        net.example_grad(&feats, &allowed, 2, &[], &mut g, &mut Buffers::default());
        let eps = 1e-2f32;
        let check = |analytic: f32, plus: f32, minus: f32| {
            let numeric = (plus - minus) / (2.0 * eps);
            assert!(
                (analytic - numeric).abs() <= 2e-3 + 0.05 * numeric.abs(),
                "analytic {analytic} numeric {numeric}"
            );
        };
        for i in [0, 7, 40, 300, 700] {
            let x = net.w1[i];
            net.w1[i] = x + eps;
            let p = loss(&net, &feats, &allowed);
            net.w1[i] = x - eps;
            let m = loss(&net, &feats, &allowed);
            net.w1[i] = x;
            check(g.w1[i], p, m);
        }
        for i in [0, 6, 13, 34] {
            let x = net.w2[i];
            net.w2[i] = x + eps;
            let p = loss(&net, &feats, &allowed);
            net.w2[i] = x - eps;
            let m = loss(&net, &feats, &allowed);
            net.w2[i] = x;
            check(g.w2[i], p, m);
        }
        // Embedding of row 9 (a label row), summed over the slots using it.
        for k in 0..3 {
            let analytic: f32 = g
                .emb_rows
                .iter()
                .enumerate()
                .filter(|&(_, &r)| r == 9)
                .map(|(i, _)| g.emb[i * 3 + k])
                .sum();
            let x = net.emb[9 * 3 + k];
            net.emb[9 * 3 + k] = x + eps;
            let p = loss(&net, &feats, &allowed);
            net.emb[9 * 3 + k] = x - eps;
            let m = loss(&net, &feats, &allowed);
            net.emb[9 * 3 + k] = x;
            check(analytic, p, m);
        }
    }

    #[test]
    fn precomputed_scores_match_the_plain_forward_pass() {
        let (net, feats) = tiny();
        let neural = Neural::new(net.clone(), vec![11, 12], vec![13]);
        let (mut hid, mut out) = (Vec::new(), Vec::new());
        neural.scores(&feats, &mut hid, &mut out);
        let mut pre = vec![0.0; net.hidden];
        net.hidden_pre(&feats, &mut pre);
        pre.iter_mut().for_each(|x| *x = x.max(0.0));
        for c in 0..net.classes {
            let z = net.b2[c] + dot(&net.w2[c * 5..c * 5 + 5], &pre);
            assert!((z - out[c]).abs() < 1e-4, "{z} {}", out[c]);
        }
    }

    #[test]
    fn training_steps_lower_the_loss_and_are_deterministic() {
        let run = || {
            let (net, feats) = tiny();
            let mut t = Trainer::new(net);
            let s = Sample {
                feats,
                gold: 2,
                valid: 0b111,
            };
            let opts = NeuralOptions {
                rate: 0.05,
                dropout: 0.2,
                ..NeuralOptions::default()
            };
            let mut rng = Rng::new(3);
            let first = t.step(&[&s], 0, &opts, &mut rng).0;
            let mut last = first;
            for _ in 0..50 {
                last = t.step(&[&s], 0, &opts, &mut rng).0;
            }
            (first, last, t.net)
        };
        let (first, last, a) = run();
        assert!(last < first, "{first} -> {last}");
        let (_, _, b) = run();
        assert!(a == b, "two runs differ");
    }
}
