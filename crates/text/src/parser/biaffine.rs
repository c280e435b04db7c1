//! A graph-based parser: a bidirectional LSTM reads the sentence, two small projections of its
//! states score every possible arc biaffinely, and a classifier labels the chosen arcs (after
//! Kiperwasser & Goldberg 2016 and Dozat & Manning 2017). The tree is the best projective one
//! with a single child of the root (Eisner's algorithm over the arcs' log-probabilities).
//!
//! Input per word: embeddings of its folded form (the training words seen at least
//! `min_count` times, others one unknown word), its (UPOS, XPOS) pair, its last and first
//! three letters, its shape class and its word cluster; the root is a position of its own
//! before the first word. Label scores carry a bias per arc class (root, or the dependent's
//! side and distance bucket). Training
//! minimises the cross-entropy of each word's gold head among all positions and of its gold
//! label given that head, by Adam on minibatches of sentences, with dropout on the LSTM inputs
//! and outputs and word dropout (a rare word is sometimes read as the unknown word). A batch
//! is cut into a fixed number of shards whose gradients are summed in order, and every random
//! draw is seeded from the sentence and epoch, so a run reproduces its model byte for byte
//! whatever the number of cores.

use std::collections::HashMap;

use super::features::WordAttrs;
use super::neural::{axpy, dot, matmul_add, tag_key, vecmat_add, Rng};
use super::quant::{QBuf, QMat};

/// Special rows at the start of the word, tag and suffix tables.
const ROOT_ROW: u32 = 0;
const UNK_ROW: u32 = 1;
const SPECIALS: usize = 2;
/// Shape classes (the word shapes 0..=6 and the root).
pub(crate) const SHAPES: usize = 8;
const ROOT_SHAPE: u32 = 7;

/// Training settings of the biaffine parser.
#[derive(Clone, Debug, PartialEq)]
pub struct BiaffineOptions {
    /// Word embedding size.
    pub word_dim: usize,
    /// Tag-pair embedding size.
    pub tag_dim: usize,
    /// Suffix embedding size.
    pub suffix_dim: usize,
    /// Shape embedding size.
    pub shape_dim: usize,
    /// Prefix embedding size.
    pub prefix_dim: usize,
    /// Word-cluster embedding size.
    pub cluster_dim: usize,
    /// LSTM units per direction.
    pub hidden: usize,
    /// Stacked BiLSTM layers.
    pub layers: usize,
    /// Size of the arc projections.
    pub arc_dim: usize,
    /// Size of the label projections.
    pub label_dim: usize,
    /// Adam learning rate.
    pub rate: f32,
    /// Dropout probability on the LSTM inputs and outputs.
    pub dropout: f32,
    /// Word dropout: a word seen `c` times is read as unknown with probability `a / (a + c)`.
    pub word_dropout: f32,
    /// Sentences per minibatch.
    pub batch: usize,
    /// Training words seen fewer times are unknown.
    pub min_count: usize,
    /// Parts of a minibatch computed in parallel (and summed in order).
    pub shards: usize,
    /// Weight of the old average in the running average of the weights kept after each
    /// minibatch (dev scores and the model use the average); 0 keeps the last weights.
    pub ema: f32,
}

impl Default for BiaffineOptions {
    fn default() -> BiaffineOptions {
        BiaffineOptions {
            word_dim: 64,
            tag_dim: 32,
            suffix_dim: 32,
            shape_dim: 8,
            prefix_dim: 16,
            cluster_dim: 16,
            hidden: 96,
            layers: 1,
            arc_dim: 96,
            label_dim: 64,
            rate: 0.002,
            dropout: 0.33,
            word_dropout: 0.25,
            batch: 32,
            min_count: 2,
            shards: 2,
            ema: 0.0,
        }
    }
}

/// The embedding tables, in the order of a position's rows and of the first layer's input:
/// folded form, (UPOS, XPOS) pair, last three letters, shape, first three letters, word
/// cluster.
pub(crate) const TABLES: usize = 6;
pub(crate) const SHAPE_TABLE: usize = 3;

/// Arc classes the label scorer has a bias for: the root's arc, then the head's side and
/// distance (1, 2, 3 to 5, 6 or more) on either side.
const ARC_CLASSES: usize = 9;

/// The class of the arc `head -> dep` (positions, the root 0).
fn arc_class(head: usize, dep: usize) -> usize {
    if head == 0 {
        return 0;
    }
    let dist = head.abs_diff(dep);
    let b = match dist {
        0 | 1 => 0,
        2 => 1,
        3..=5 => 2,
        _ => 3,
    };
    1 + b + if head < dep { 0 } else { 4 }
}

/// The network's sizes, as stored in the model file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Dims {
    /// Embedding size and rows of each table.
    pub emb: [usize; TABLES],
    pub rows: [usize; TABLES],
    pub h: usize,
    pub layers: usize,
    pub da: usize,
    pub dl: usize,
    pub n_labels: usize,
}

impl Dims {
    fn din(&self) -> usize {
        self.emb.iter().sum()
    }
    /// Where table `k`'s embedding starts in the first layer's input.
    fn emb_at(&self, k: usize) -> usize {
        self.emb[..k].iter().sum()
    }
    fn layer_in(&self, l: usize) -> usize {
        if l == 0 {
            self.din()
        } else {
            2 * self.h
        }
    }
    fn fields(&self) -> Vec<usize> {
        let mut f: Vec<usize> = self.emb.iter().chain(&self.rows).copied().collect();
        f.extend([self.h, self.layers, self.da, self.dl, self.n_labels]);
        f
    }
    const FIELDS: usize = 2 * TABLES + 5;
}

/// Offsets of one LSTM direction's weights: input (`in x 4h`), recurrent (`h x 4h`), bias.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct LstmOff {
    wx: usize,
    wh: usize,
    b: usize,
}

/// Where each parameter block lives in the flat parameter vector.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Layout {
    /// Each embedding table.
    emb: [usize; TABLES],
    lstm: Vec<[LstmOff; 2]>,
    /// Projections from the BiLSTM output (`2h x size` each) and their biases: arc dependent,
    /// arc head, label dependent, label head.
    proj: [(usize, usize); 4],
    /// Biaffine arc matrix (`da x da`) and head bias (`da`).
    m: usize,
    hb: usize,
    /// Label weights (`labels x 3dl`), biases, and biases by arc class (`ARC_CLASSES x
    /// labels`).
    wl: usize,
    bl: usize,
    bc: usize,
    total: usize,
}

impl Layout {
    fn new(d: &Dims) -> Layout {
        let mut at = 0usize;
        let mut take = |n: usize| {
            let o = at;
            at += n;
            o
        };
        let mut emb = [0; TABLES];
        for (k, e) in emb.iter_mut().enumerate() {
            *e = take(d.rows[k] * d.emb[k]);
        }
        let g4 = 4 * d.h;
        let lstm = (0..d.layers)
            .map(|l| {
                let din = d.layer_in(l);
                let mut dir = || LstmOff {
                    wx: take(din * g4),
                    wh: take(d.h * g4),
                    b: take(g4),
                };
                [dir(), dir()]
            })
            .collect();
        let r = 2 * d.h;
        let mut proj = [(0, 0); 4];
        for (k, p) in proj.iter_mut().enumerate() {
            let size = if k < 2 { d.da } else { d.dl };
            *p = (take(r * size), take(size));
        }
        let m = take(d.da * d.da);
        let hb = take(d.da);
        let wl = take(d.n_labels * 3 * d.dl);
        let bl = take(d.n_labels);
        let bc = take(ARC_CLASSES * d.n_labels);
        Layout {
            emb,
            lstm,
            proj,
            m,
            hb,
            wl,
            bl,
            bc,
            total: at,
        }
    }
}

/// The activations of one LSTM direction over a sentence.
#[derive(Clone, Debug, Default)]
struct DirTape {
    /// Gate values after their nonlinearity (input, forget, cell, output), `4h` per step.
    gates: Vec<f32>,
    c: Vec<f32>,
    tc: Vec<f32>,
    h: Vec<f32>,
}

/// Everything the forward pass computed over one sentence (position 0 is the root).
#[derive(Clone, Debug, Default)]
pub(crate) struct Tape {
    t: usize,
    /// Word, tag, suffix and shape rows read at each position.
    rows: Vec<[u32; TABLES]>,
    /// Each layer's input (dropout applied) and its dropout mask (empty: none).
    xin: Vec<Vec<f32>>,
    masks: Vec<Vec<f32>>,
    dirs: Vec<[DirTape; 2]>,
    /// Each layer's output, `2h` per position (forward, then backward states).
    out: Vec<Vec<f32>>,
    /// The last output with dropout, and its mask.
    r: Vec<f32>,
    mr: Vec<f32>,
    /// Projections after their ReLU: arc dependent, arc head, label dependent, label head.
    proj: [Vec<f32>; 4],
    /// `m` applied to each arc-head projection.
    b: Vec<f32>,
    /// Log-probability of each head (column) for each dependent (row), `t x t`.
    logp: Vec<f32>,
    /// A work row.
    scratch: Vec<f32>,
    /// The recurrence's work buffers.
    work: Recurrent,
}

impl Tape {
    fn size_layers(&mut self, layers: usize) {
        self.xin.resize(layers, Vec::new());
        self.masks.resize(layers, Vec::new());
        self.dirs.resize(layers, Default::default());
        self.out.resize(layers, Vec::new());
    }
}

/// What decoding precomputes once: the first layer's input part of the gates (both
/// directions, `8h` per row) for every tag, suffix and shape row (the biases folded into the
/// shape rows) and for the most frequent words, and the four projections' weights merged
/// into one matrix.
#[derive(Clone, Debug, Default)]
struct Pre {
    /// Rows of each table precomputed (all but the rarer words), and their gate inputs.
    rows: [usize; TABLES],
    tables: [Vec<f32>; TABLES],
    /// The projections' sizes; their weights merged, `2h x (2da + 2dl)`, and their biases.
    sizes: [usize; 4],
    proj_w: Vec<f32>,
    proj_b: Vec<f32>,
    /// A row of zeros, `4h`, standing in for a table row that is not precomputed.
    zero: Vec<f32>,
    /// In integers for the batched products: each layer's recurrent weights and (past the
    /// first) input weights, both directions, and the merged projections.
    wh: Vec<[QMat; 2]>,
    wx: Vec<[QMat; 2]>,
    proj: QMat,
}

/// Words whose first-layer gate inputs are precomputed (the most frequent ones: the
/// vocabulary is sorted by count).
const PRE_WORDS: usize = 3000;

impl Pre {
    fn new(net: &Net) -> Pre {
        let d = &net.dims;
        let p = &net.params;
        let lay = &net.layout;
        let g4 = 4 * d.h;
        // The first `rows` rows of table `emb` (`dim` wide) times the first layer's input
        // weights rows `at..at + dim`, both directions.
        let table = |emb: usize, dim: usize, rows: usize, at: usize, bias: bool| {
            let mut out = vec![0f32; rows * 2 * g4];
            for r in 0..rows {
                let e = &p[emb + r * dim..emb + (r + 1) * dim];
                for dir in 0..2 {
                    let off = lay.lstm[0][dir];
                    let z = &mut out[(r * 2 + dir) * g4..(r * 2 + dir + 1) * g4];
                    if bias {
                        z.copy_from_slice(&p[off.b..off.b + g4]);
                    }
                    vecmat_add(e, &p[off.wx + at * g4..off.wx + (at + dim) * g4], z);
                }
            }
            out
        };
        let mut rows = d.rows;
        rows[0] = rows[0].min(PRE_WORDS + SPECIALS);
        let tables = std::array::from_fn(|k| {
            table(lay.emb[k], d.emb[k], rows[k], d.emb_at(k), k == SHAPE_TABLE)
        });
        let r_dim = 2 * d.h;
        let sizes = [d.da, d.da, d.dl, d.dl];
        let width: usize = sizes.iter().sum();
        let mut proj_w = vec![0f32; r_dim * width];
        let mut proj_b = Vec::with_capacity(width);
        let mut col = 0;
        for (k, &size) in sizes.iter().enumerate() {
            let (w, b) = lay.proj[k];
            for j in 0..r_dim {
                proj_w[j * width + col..j * width + col + size]
                    .copy_from_slice(&p[w + j * size..w + (j + 1) * size]);
            }
            proj_b.extend_from_slice(&p[b..b + size]);
            col += size;
        }
        let quantised = |l: usize, wh: bool| -> [QMat; 2] {
            std::array::from_fn(|dir| {
                let off = lay.lstm[l][dir];
                if wh {
                    QMat::new(&p[off.wh..off.wh + d.h * g4], d.h, g4)
                } else if l > 0 {
                    let din = d.layer_in(l);
                    QMat::new(&p[off.wx..off.wx + din * g4], din, g4)
                } else {
                    QMat::default()
                }
            })
        };
        Pre {
            sizes,
            rows,
            tables,
            proj: QMat::new(&proj_w, r_dim, width),
            proj_w,
            proj_b,
            zero: vec![0.0; g4],
            wh: (0..d.layers).map(|l| quantised(l, true)).collect(),
            wx: (0..d.layers).map(|l| quantised(l, false)).collect(),
        }
    }

    /// Fills the first layer's gates of `tp` from the precomputed rows.
    fn first_gates(&self, net: &Net, tp: &mut Tape) {
        let d = &net.dims;
        let p = &net.params;
        let lay = &net.layout;
        let g4 = 4 * d.h;
        let t = tp.t;
        for dir in 0..2 {
            let gates = &mut tp.dirs[0][dir].gates;
            resize(gates, t * g4);
            for (at, r) in tp.rows.iter().enumerate() {
                let z = &mut gates[at * g4..(at + 1) * g4];
                let part = |row: usize| (row * 2 + dir) * g4..(row * 2 + dir + 1) * g4;
                // The precomputed rows summed in one pass (the shape rows carry the biases),
                // a zero row for a table whose row is not precomputed.
                let rows: [&[f32]; TABLES] = std::array::from_fn(|k| {
                    let row = r[k] as usize;
                    if k == SHAPE_TABLE || row < self.rows[k] {
                        &self.tables[k][part(row)]
                    } else {
                        &self.zero[..]
                    }
                });
                sum_rows(&rows, z);
                for k in (0..TABLES).filter(|&k| k != SHAPE_TABLE) {
                    let row = r[k] as usize;
                    if row >= self.rows[k] {
                        let (off, dim, at) = (lay.lstm[0][dir], d.emb[k], d.emb_at(k));
                        let e = &p[lay.emb[k] + row * dim..lay.emb[k] + (row + 1) * dim];
                        vecmat_add(e, &p[off.wx + at * g4..off.wx + (at + dim) * g4], z);
                    }
                }
            }
        }
    }

    /// The four projections of the last layer's output in one pass.
    fn project(&self, tp: &mut Tape, r_dim: usize) {
        let width = self.proj_b.len();
        let t = tp.t;
        let mut y = std::mem::take(&mut tp.scratch);
        y.clear();
        for _ in 0..t {
            y.extend_from_slice(&self.proj_b);
        }
        matmul_add(&tp.r[..t * r_dim], r_dim, &self.proj_w, width, &mut y);
        self.split(&y, tp);
        tp.scratch = y;
    }

    /// The same for every sentence of `batch` (no dropout) in one matrix product.
    fn project_batch(
        &self,
        batch: &mut [BatchItem<'_>],
        layers: usize,
        r_dim: usize,
        work: &mut Recurrent,
    ) {
        let width = self.proj_b.len();
        work.x.clear();
        for it in batch.iter() {
            work.x.extend_from_slice(&it.scratch.tape.out[layers - 1]);
        }
        let rows = work.x.len() / r_dim;
        work.z.clear();
        for _ in 0..rows {
            work.z.extend_from_slice(&self.proj_b);
        }
        self.proj.add_product(&work.x, &mut work.z, &mut work.q);
        let mut at = 0;
        for it in batch.iter_mut() {
            let tp = &mut it.scratch.tape;
            self.split(&work.z[at * width..(at + tp.t) * width], tp);
            at += tp.t;
        }
    }

    /// Rows of the merged projections into the tape's four, after their ReLU.
    fn split(&self, y: &[f32], tp: &mut Tape) {
        let width = self.proj_b.len();
        for v in tp.proj.iter_mut() {
            v.clear();
        }
        for yt in y.chunks_exact(width) {
            let mut col = 0;
            for (k, &size) in self.sizes.iter().enumerate() {
                tp.proj[k].extend(yt[col..col + size].iter().map(|v| v.max(0.0)));
                col += size;
            }
        }
    }
}

/// The gradient buffers of a backward pass.
#[derive(Clone, Debug, Default)]
struct BackBufs {
    dproj: [Vec<f32>; 4],
    db: Vec<f32>,
    dr: Vec<f32>,
    dout: Vec<f32>,
    dx: Vec<f32>,
    dh: Vec<f32>,
    feat: Vec<f32>,
    dfeat: Vec<f32>,
    z: Vec<f32>,
    lstm: LstmBufs,
}

#[derive(Clone, Debug, Default)]
struct LstmBufs {
    dh_rec: Vec<f32>,
    dc_next: Vec<f32>,
    dz: Vec<f32>,
}

/// `e^x` to about 1e-7 relative, without a library call, so loops over it vectorise: `x =
/// n ln 2 + u` with `|u| <= ln 2 / 2`, `e^u` by its Taylor series to the sixth power, `2^n` by
/// the exponent bits.
#[inline(always)]
pub(crate) fn fast_exp(x: f32) -> f32 {
    // Adding 1.5 * 2^23 rounds to an integer, whose value is then in the low mantissa bits.
    const ROUND: f32 = 12_582_912.0;
    let x = x.clamp(-87.0, 88.0);
    let r = x * std::f32::consts::LOG2_E + ROUND;
    let nf = r - ROUND;
    let n = (r.to_bits() as i32).wrapping_sub(ROUND.to_bits() as i32);
    // ln 2 split into a part exact in f32 and the rest (Cody & Waite).
    let u = x - nf * 0.693_145_75 - nf * 1.428_606_8e-6;
    let p = 1.0
        + u * (1.0
            + u * (0.5
                + u * (1.0 / 6.0 + u * (1.0 / 24.0 + u * (1.0 / 120.0 + u * (1.0 / 720.0))))));
    p * f32::from_bits((n.wrapping_add(127) as u32) << 23)
}

#[inline(always)]
fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + fast_exp(-x))
}

#[inline(always)]
fn tanh(x: f32) -> f32 {
    2.0 / (1.0 + fast_exp(-2.0 * x)) - 1.0
}

/// The LSTM cell over one step: `z` holds the gate pre-activations (input, forget, cell,
/// output; `h` each) and gets their activations; `c_prev` is the previous cell (none at the
/// first step); writes the cell, its tanh and the state.
#[multiversion::multiversion(targets("x86_64+avx2+fma", "x86_64+avx"))]
fn lstm_cell(z: &mut [f32], c_prev: Option<&[f32]>, c: &mut [f32], tc: &mut [f32], hs: &mut [f32]) {
    let h = c.len();
    let (zi, rest) = z.split_at_mut(h);
    let (zf, rest) = rest.split_at_mut(h);
    let (zg, zo) = rest.split_at_mut(h);
    let zo = &mut zo[..h];
    let (tc, hs) = (&mut tc[..h], &mut hs[..h]);
    // One loop per activation, so each vectorises.
    for gate in [&mut *zi, &mut *zf, &mut *zo] {
        for v in gate.iter_mut() {
            *v = sigmoid(*v);
        }
    }
    for v in zg.iter_mut() {
        *v = tanh(*v);
    }
    match c_prev {
        Some(cp) => {
            for (((c, &cp), &f), (&i, &g)) in
                c.iter_mut().zip(cp).zip(&*zf).zip(zi.iter().zip(&*zg))
            {
                *c = f * cp + i * g;
            }
        }
        None => {
            for (c, (&i, &g)) in c.iter_mut().zip(zi.iter().zip(&*zg)) {
                *c = i * g;
            }
        }
    }
    for (((tcv, hv), &cv), &o) in tc.iter_mut().zip(hs.iter_mut()).zip(&*c).zip(&*zo) {
        *tcv = tanh(cv);
        *hv = o * *tcv;
    }
}

fn resize(v: &mut Vec<f32>, n: usize) {
    v.clear();
    v.resize(n, 0.0);
}

/// The input part of one LSTM direction's gates: `b + x_t Wx` for each of `t` steps of `x`
/// (`din` per step), `4h` per step into `gates`.
#[allow(clippy::too_many_arguments)]
fn input_projection(
    p: &[f32],
    off: LstmOff,
    din: usize,
    h: usize,
    x: &[f32],
    t: usize,
    gates: &mut Vec<f32>,
) {
    let g4 = 4 * h;
    let wx = &p[off.wx..off.wx + din * g4];
    let b = &p[off.b..off.b + g4];
    gates.clear();
    for _ in 0..t {
        gates.extend_from_slice(b);
    }
    matmul_add(&x[..t * din], din, wx, g4, gates);
}

/// `z = sum of rows`, element by element, in one pass.
#[multiversion::multiversion(targets("x86_64+avx2+fma", "x86_64+avx"))]
fn sum_rows(rows: &[&[f32]; TABLES], z: &mut [f32]) {
    let [a, b, c, d, e, f] = *rows;
    let n = z
        .len()
        .min(a.len())
        .min(b.len())
        .min(c.len())
        .min(d.len())
        .min(e.len())
        .min(f.len());
    let (a, b, c, d, e, f) = (&a[..n], &b[..n], &c[..n], &d[..n], &e[..n], &f[..n]);
    for (j, v) in z[..n].iter_mut().enumerate() {
        *v = a[j] + b[j] + c[j] + d[j] + e[j] + f[j];
    }
}

/// Work buffers of a batch: for [`recurrence`], the previous states of the sentences at a
/// step and their recurrent products; for [`Net::batch_inputs`], the layer inputs and their
/// products.
#[derive(Clone, Debug, Default)]
pub(crate) struct Recurrent {
    x: Vec<f32>,
    z: Vec<f32>,
    q: QBuf,
}

/// One LSTM direction over each sentence of `dirs` (with its length), whose gates already hold
/// their input part ([`input_projection`]): adds the recurrent part and applies the
/// nonlinearities. The sentences step together, so the recurrent weights are read once per
/// step for all of them. With `wq`, the recurrent weights in integers, the product is taken
/// in those.
#[allow(clippy::too_many_arguments)]
fn recurrence(
    p: &[f32],
    off: LstmOff,
    wq: Option<&QMat>,
    h: usize,
    reverse: bool,
    dirs: &mut [(&mut DirTape, usize)],
    work: &mut Recurrent,
) {
    let g4 = 4 * h;
    let wh = &p[off.wh..off.wh + h * g4];
    let mut steps = 0;
    for (tp, t) in dirs.iter_mut() {
        resize(&mut tp.c, *t * h);
        resize(&mut tp.tc, *t * h);
        resize(&mut tp.h, *t * h);
        steps = steps.max(*t);
    }
    // Position `step` of a sentence of `t`, and the position before it.
    let at_of = |step: usize, t: usize| if reverse { t - 1 - step } else { step };
    for step in 0..steps {
        if step > 0 {
            work.x.clear();
            for (tp, t) in dirs.iter().filter(|(_, t)| *t > step) {
                let pv = at_of(step - 1, *t);
                work.x.extend_from_slice(&tp.h[pv * h..(pv + 1) * h]);
            }
            match wq {
                Some(q) => {
                    q.sums(&work.x, &mut work.q);
                }
                None => {
                    resize(&mut work.z, work.x.len() / h * g4);
                    matmul_add(&work.x, h, wh, g4, &mut work.z);
                }
            }
        }
        let mut k = 0;
        for (tp, t) in dirs.iter_mut().filter(|(_, t)| *t > step) {
            let at = at_of(step, *t);
            let DirTape {
                gates,
                c,
                tc,
                h: hs,
            } = &mut **tp;
            let z = &mut gates[at * g4..(at + 1) * g4];
            let prev = if step > 0 {
                match wq {
                    Some(q) => q.add_row(&work.q, k, z),
                    None => axpy(1.0, &work.z[k * g4..(k + 1) * g4], z),
                }
                k += 1;
                Some(at_of(step - 1, *t))
            } else {
                None
            };
            let (c_prev, c_now) = match prev {
                // The previous step is before `at` going forward, after it going backward.
                Some(pv) if pv < at => {
                    let (a, b) = c.split_at_mut(at * h);
                    (Some(&a[pv * h..pv * h + h]), &mut b[..h])
                }
                Some(pv) => {
                    let (a, b) = c.split_at_mut(pv * h);
                    (Some(&b[..h]), &mut a[at * h..at * h + h])
                }
                None => (None, &mut c[at * h..at * h + h]),
            };
            lstm_cell(
                z,
                c_prev,
                c_now,
                &mut tc[at * h..at * h + h],
                &mut hs[at * h..at * h + h],
            );
        }
    }
}

/// Back through one LSTM direction: `dh` holds the loss gradient of each step's state
/// (`h` per step); the weight gradients go into `g`, the input gradients are added to `dx`.
#[allow(clippy::too_many_arguments)]
fn lstm_backward(
    p: &[f32],
    g: &mut [f32],
    off: LstmOff,
    din: usize,
    h: usize,
    x: &[f32],
    t: usize,
    reverse: bool,
    tp: &DirTape,
    dh: &[f32],
    dx: &mut [f32],
    bufs: &mut LstmBufs,
) {
    let g4 = 4 * h;
    resize(&mut bufs.dh_rec, h);
    resize(&mut bufs.dc_next, h);
    resize(&mut bufs.dz, g4);
    let LstmBufs {
        dh_rec,
        dc_next,
        dz,
    } = bufs;
    for step in (0..t).rev() {
        let at = if reverse { t - 1 - step } else { step };
        let prev = (step > 0).then(|| if reverse { at + 1 } else { at - 1 });
        let gt = &tp.gates[at * g4..(at + 1) * g4];
        for j in 0..h {
            let (i, f, gg, o) = (gt[j], gt[h + j], gt[2 * h + j], gt[3 * h + j]);
            let tcv = tp.tc[at * h + j];
            let d = dh[at * h + j] + dh_rec[j];
            let dc = d * o * (1.0 - tcv * tcv) + dc_next[j];
            let cp = prev.map_or(0.0, |pv| tp.c[pv * h + j]);
            dz[j] = dc * gg * i * (1.0 - i);
            dz[h + j] = dc * cp * f * (1.0 - f);
            dz[2 * h + j] = dc * i * (1.0 - gg * gg);
            dz[3 * h + j] = d * tcv * o * (1.0 - o);
            dc_next[j] = dc * f;
        }
        axpy(1.0, dz, &mut g[off.b..off.b + g4]);
        let xt = &x[at * din..(at + 1) * din];
        let dxt = &mut dx[at * din..(at + 1) * din];
        for (k, (&xk, dxk)) in xt.iter().zip(dxt.iter_mut()).enumerate() {
            let row = off.wx + k * g4;
            if xk != 0.0 {
                axpy(xk, dz, &mut g[row..row + g4]);
            }
            *dxk += dot(&p[row..row + g4], dz);
        }
        match prev {
            Some(pv) => {
                for k in 0..h {
                    let row = off.wh + k * g4;
                    let v = tp.h[pv * h + k];
                    if v != 0.0 {
                        axpy(v, dz, &mut g[row..row + g4]);
                    }
                    dh_rec[k] = dot(&p[row..row + g4], dz);
                }
            }
            None => dh_rec.iter_mut().for_each(|v| *v = 0.0),
        }
    }
}

/// A dropout mask of `n` entries, scaled so its expectation is one.
fn mask(n: usize, p: f32, rng: &mut Rng, out: &mut Vec<f32>) {
    out.clear();
    let keep = 1.0 / (1.0 - p);
    out.extend((0..n).map(|_| if rng.unit() < p { 0.0 } else { keep }));
}

/// The network: sizes, parameter layout and parameters.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Net {
    pub dims: Dims,
    layout: Layout,
    pub params: Vec<f32>,
}

/// What training adds to a forward pass: dropout and word dropout.
pub(crate) struct Noise<'a> {
    pub rng: Rng,
    pub dropout: f32,
    pub word_dropout: f32,
    /// Training count of each word row.
    pub counts: &'a [u32],
}

impl Net {
    /// A randomly initialised network.
    pub fn new(dims: Dims, rng: &mut Rng) -> Net {
        let layout = Layout::new(&dims);
        let mut params = vec![0f32; layout.total];
        let mut fill = |from: usize, n: usize, r: f32, rng: &mut Rng| {
            for v in &mut params[from..from + n] {
                *v = rng.sym(r);
            }
        };
        for k in 0..TABLES {
            fill(layout.emb[k], dims.rows[k] * dims.emb[k], 0.1, rng);
        }
        let g4 = 4 * dims.h;
        for (l, dirs) in layout.lstm.iter().enumerate() {
            let din = dims.layer_in(l);
            for off in dirs {
                fill(off.wx, din * g4, (6.0 / (din + g4) as f32).sqrt(), rng);
                fill(
                    off.wh,
                    dims.h * g4,
                    (6.0 / (dims.h + g4) as f32).sqrt(),
                    rng,
                );
            }
        }
        let r = 2 * dims.h;
        for (k, &(w, _)) in layout.proj.iter().enumerate() {
            let size = if k < 2 { dims.da } else { dims.dl };
            fill(w, r * size, (6.0 / (r + size) as f32).sqrt(), rng);
        }
        fill(layout.wl, dims.n_labels * 3 * dims.dl, 0.05, rng);
        // Forget gates start open; the biaffine matrix starts at zero, as Dozat & Manning's.
        for dirs in &layout.lstm {
            for off in dirs {
                for v in &mut params[off.b + dims.h..off.b + 2 * dims.h] {
                    *v = 1.0;
                }
            }
        }
        Net {
            dims,
            layout,
            params,
        }
    }

    /// The network with given parameters (their number must fit the sizes).
    pub fn from_params(dims: Dims, params: Vec<f32>) -> Result<Net, String> {
        let layout = Layout::new(&dims);
        if params.len() != layout.total {
            return Err(format!(
                "expected {} parameters, found {}",
                layout.total,
                params.len()
            ));
        }
        Ok(Net {
            dims,
            layout,
            params,
        })
    }

    pub fn n_params(&self) -> usize {
        self.layout.total
    }

    /// The forward pass over `rows` (position 0 the root), filling `tp` up to the arc
    /// log-probabilities.
    pub fn forward(&self, rows: &[[u32; TABLES]], mut noise: Option<Noise<'_>>, tp: &mut Tape) {
        let d = &self.dims;
        let p = &self.params;
        let lay = &self.layout;
        let t = rows.len();
        tp.t = t;
        tp.rows.clear();
        tp.rows.extend_from_slice(rows);
        if let Some(nz) = noise.as_mut() {
            for r in tp.rows.iter_mut().skip(1) {
                let c = nz.counts.get(r[0] as usize).copied().unwrap_or(0) as f32;
                if r[0] != UNK_ROW && nz.rng.unit() < nz.word_dropout / (nz.word_dropout + c) {
                    r[0] = UNK_ROW;
                }
            }
        }
        tp.size_layers(d.layers);
        // Layer 0 input: the embeddings.
        let din = d.din();
        let x0 = &mut tp.xin[0];
        x0.clear();
        for r in &tp.rows {
            for k in 0..TABLES {
                let (at, dim) = (lay.emb[k], d.emb[k]);
                let row = r[k] as usize;
                x0.extend_from_slice(&p[at + row * dim..at + (row + 1) * dim]);
            }
        }
        debug_assert_eq!(x0.len(), t * din);
        self.layers_and_scores(noise, tp, None);
    }

    /// The rest of the forward pass after the rows (and, unless `pre` is given, the first
    /// layer's input) are in `tp`: with `pre`, the first layer's gates already hold their input
    /// part and the projections read its merged weights.
    fn layers_and_scores(&self, mut noise: Option<Noise<'_>>, tp: &mut Tape, pre: Option<&Pre>) {
        let mut work = std::mem::take(&mut tp.work);
        for l in 0..self.dims.layers {
            self.layer_input(l, noise.as_mut(), tp, pre.is_some());
            for dir in 0..2 {
                let off = self.layout.lstm[l][dir];
                let mut one = [(&mut tp.dirs[l][dir], tp.t)];
                recurrence(
                    &self.params,
                    off,
                    None,
                    self.dims.h,
                    dir == 1,
                    &mut one,
                    &mut work,
                );
            }
            self.layer_output(l, tp);
        }
        tp.work = work;
        self.scores(noise, tp, pre);
    }

    /// Layer `l`'s input (the previous layer's output, with dropout under `noise`) and the
    /// input part of its gates; with `first_done`, layer 0's gates already hold theirs.
    fn layer_input(
        &self,
        l: usize,
        noise: Option<&mut Noise<'_>>,
        tp: &mut Tape,
        first_done: bool,
    ) {
        let d = &self.dims;
        let t = tp.t;
        let n_in = d.layer_in(l);
        if l > 0 {
            let x = &mut tp.xin[l];
            x.clear();
            x.extend_from_slice(&tp.out[l - 1]);
        }
        match noise {
            Some(nz) => {
                mask(t * n_in, nz.dropout, &mut nz.rng, &mut tp.masks[l]);
                for (x, m) in tp.xin[l].iter_mut().zip(&tp.masks[l]) {
                    *x *= m;
                }
            }
            None => tp.masks[l].clear(),
        }
        if l > 0 || !first_done {
            for dir in 0..2 {
                let off = self.layout.lstm[l][dir];
                let gates = &mut tp.dirs[l][dir].gates;
                input_projection(&self.params, off, n_in, d.h, &tp.xin[l], t, gates);
            }
        }
    }

    /// The input part of layer `l`'s gates (`l > 0`, no dropout) for every sentence of
    /// `batch` in one matrix product per direction, so each strip of the input weights is read
    /// once for the whole batch; in integers, `wx` the layer's input weights.
    fn batch_inputs(
        &self,
        l: usize,
        wx: &[QMat; 2],
        batch: &mut [BatchItem<'_>],
        work: &mut Recurrent,
    ) {
        let d = &self.dims;
        let p = &self.params;
        let g4 = 4 * d.h;
        work.x.clear();
        for it in batch.iter_mut() {
            let tp = &mut it.scratch.tape;
            tp.masks[l].clear();
            work.x.extend_from_slice(&tp.out[l - 1]);
        }
        for (dir, q) in wx.iter().enumerate() {
            let off = self.layout.lstm[l][dir];
            let bias = &p[off.b..off.b + g4];
            // Both directions read the same input, quantised once.
            if dir == 0 {
                q.sums(&work.x, &mut work.q);
            } else {
                q.sums_again(&mut work.q);
            }
            let mut row = 0;
            for it in batch.iter_mut() {
                let tp = &mut it.scratch.tape;
                let gates = &mut tp.dirs[l][dir].gates;
                gates.clear();
                for _ in 0..tp.t {
                    gates.extend_from_slice(bias);
                    let at = gates.len() - g4;
                    q.add_row(&work.q, row, &mut gates[at..]);
                    row += 1;
                }
            }
        }
    }

    /// Layer `l`'s output from its two directions' states.
    fn layer_output(&self, l: usize, tp: &mut Tape) {
        let h = self.dims.h;
        let out = &mut tp.out[l];
        out.clear();
        for at in 0..tp.t {
            out.extend_from_slice(&tp.dirs[l][0].h[at * h..(at + 1) * h]);
            out.extend_from_slice(&tp.dirs[l][1].h[at * h..(at + 1) * h]);
        }
    }

    /// The projections and arc log-probabilities from the last layer's output.
    fn scores(&self, mut noise: Option<Noise<'_>>, tp: &mut Tape, pre: Option<&Pre>) {
        let d = &self.dims;
        let p = &self.params;
        let lay = &self.layout;
        let t = tp.t;
        let layers = d.layers;
        let r_dim = 2 * d.h;
        tp.r.clear();
        tp.r.extend_from_slice(&tp.out[layers - 1]);
        match noise.as_mut() {
            Some(nz) => {
                mask(t * r_dim, nz.dropout, &mut nz.rng, &mut tp.mr);
                for (x, m) in tp.r.iter_mut().zip(&tp.mr) {
                    *x *= m;
                }
            }
            None => tp.mr.clear(),
        }
        if let Some(pre) = pre {
            pre.project(tp, r_dim);
        }
        for k in 0..4 {
            if pre.is_some() {
                break;
            }
            let size = if k < 2 { d.da } else { d.dl };
            let (w, b) = lay.proj[k];
            let y = &mut tp.proj[k];
            y.clear();
            for at in 0..t {
                let start = y.len();
                y.extend_from_slice(&p[b..b + size]);
                let yt = &mut y[start..];
                for (j, &v) in tp.r[at * r_dim..(at + 1) * r_dim].iter().enumerate() {
                    if v != 0.0 {
                        axpy(v, &p[w + j * size..w + (j + 1) * size], yt);
                    }
                }
                yt.iter_mut().for_each(|v| *v = v.max(0.0));
            }
        }
        self.arcs(tp);
    }

    /// The arc log-probabilities from the projections.
    fn arcs(&self, tp: &mut Tape) {
        let d = &self.dims;
        let p = &self.params;
        let lay = &self.layout;
        let t = tp.t;
        // b[h] = sum_j ah[h][j] m[j, :]
        let da = d.da;
        resize(&mut tp.b, t * da);
        matmul_add(
            &tp.proj[1][..t * da],
            da,
            &p[lay.m..lay.m + da * da],
            da,
            &mut tp.b,
        );
        let hb = &p[lay.hb..lay.hb + da];
        resize(&mut tp.logp, t * t);
        let head_bias: Vec<f32> = (0..t)
            .map(|h| dot(hb, &tp.proj[1][h * da..(h + 1) * da]))
            .collect();
        for dep in 1..t {
            let ad = &tp.proj[0][dep * da..(dep + 1) * da];
            let row = &mut tp.logp[dep * t..(dep + 1) * t];
            let mut max = f32::NEG_INFINITY;
            for h in 0..t {
                if h == dep {
                    row[h] = f32::NEG_INFINITY;
                    continue;
                }
                let s = dot(ad, &tp.b[h * da..(h + 1) * da]) + head_bias[h];
                row[h] = s;
                max = max.max(s);
            }
            let sum: f32 = row
                .iter()
                .map(|&s| {
                    if s.is_finite() {
                        fast_exp(s - max)
                    } else {
                        0.0
                    }
                })
                .sum();
            let lse = max + sum.ln();
            for v in row.iter_mut() {
                if v.is_finite() {
                    *v -= lse;
                }
            }
        }
    }

    /// The label scores of the arc `head -> dep` into `z` (one per label).
    fn label_scores(
        &self,
        tp: &Tape,
        dep: usize,
        head: usize,
        feat: &mut Vec<f32>,
        z: &mut Vec<f32>,
    ) {
        let d = &self.dims;
        let dl = d.dl;
        let p = &self.params;
        let lay = &self.layout;
        let ld = &tp.proj[2][dep * dl..(dep + 1) * dl];
        let lh = &tp.proj[3][head * dl..(head + 1) * dl];
        feat.clear();
        feat.extend_from_slice(ld);
        feat.extend_from_slice(lh);
        feat.extend(ld.iter().zip(lh).map(|(a, b)| a * b));
        z.clear();
        let class = lay.bc + arc_class(head, dep) * d.n_labels;
        for c in 0..d.n_labels {
            let w = &p[lay.wl + c * 3 * dl..lay.wl + (c + 1) * 3 * dl];
            z.push(p[lay.bl + c] + p[class + c] + dot(w, feat));
        }
    }

    /// The loss of the gold tree (`heads[i]`, `labels[i]` for position `i >= 1`; position 0
    /// unused) after [`Net::forward`], adding its gradient to `g`. Returns the loss and the
    /// number of words whose best-scoring head is the gold one.
    fn backward(
        &self,
        tp: &Tape,
        heads: &[u32],
        labels: &[u8],
        g: &mut [f32],
        bb: &mut BackBufs,
    ) -> (f32, usize) {
        let d = &self.dims;
        let p = &self.params;
        let lay = &self.layout;
        let t = tp.t;
        let (da, dl) = (d.da, d.dl);
        for k in 0..4 {
            let size = if k < 2 { da } else { dl };
            resize(&mut bb.dproj[k], t * size);
        }
        resize(&mut bb.db, t * da);
        let mut loss = 0.0f32;
        let mut right = 0usize;
        let hb_off = lay.hb;
        for dep in 1..t {
            let gold = heads[dep] as usize;
            let row = &tp.logp[dep * t..(dep + 1) * t];
            loss -= row[gold];
            let best = (0..t)
                .filter(|&h| h != dep)
                .max_by(|&a, &b| row[a].total_cmp(&row[b]));
            if best == Some(gold) {
                right += 1;
            }
            let ad = &tp.proj[0][dep * da..(dep + 1) * da];
            for h in 0..t {
                if h == dep {
                    continue;
                }
                let mut ds = fast_exp(row[h]);
                if h == gold {
                    ds -= 1.0;
                }
                if ds == 0.0 {
                    continue;
                }
                let bh = &tp.b[h * da..(h + 1) * da];
                axpy(ds, bh, &mut bb.dproj[0][dep * da..(dep + 1) * da]);
                axpy(ds, ad, &mut bb.db[h * da..(h + 1) * da]);
                let ah = &tp.proj[1][h * da..(h + 1) * da];
                axpy(ds, ah, &mut g[hb_off..hb_off + da]);
                axpy(
                    ds,
                    &p[hb_off..hb_off + da],
                    &mut bb.dproj[1][h * da..(h + 1) * da],
                );
            }
            // The label of the gold arc.
            self.label_scores(tp, dep, gold, &mut bb.feat, &mut bb.z);
            let z = &mut bb.z;
            let max = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let sum: f32 = z.iter().map(|&v| fast_exp(v - max)).sum();
            let gl = labels[dep] as usize;
            loss -= z[gl] - max - sum.ln();
            resize(&mut bb.dfeat, 3 * dl);
            for c in 0..d.n_labels {
                let mut dz = fast_exp(z[c] - max) / sum;
                if c == gl {
                    dz -= 1.0;
                }
                g[lay.bl + c] += dz;
                g[lay.bc + arc_class(gold, dep) * d.n_labels + c] += dz;
                let w = lay.wl + c * 3 * dl;
                axpy(dz, &bb.feat, &mut g[w..w + 3 * dl]);
                axpy(dz, &p[w..w + 3 * dl], &mut bb.dfeat);
            }
            let ld = &tp.proj[2][dep * dl..(dep + 1) * dl];
            let lh = &tp.proj[3][gold * dl..(gold + 1) * dl];
            for j in 0..dl {
                bb.dproj[2][dep * dl + j] += bb.dfeat[j] + bb.dfeat[2 * dl + j] * lh[j];
                bb.dproj[3][gold * dl + j] += bb.dfeat[dl + j] + bb.dfeat[2 * dl + j] * ld[j];
            }
        }
        // Through b[h] = sum_j ah[h][j] m[j, :].
        for h in 0..t {
            let dbh = &bb.db[h * da..(h + 1) * da];
            for j in 0..da {
                let row = lay.m + j * da;
                let v = tp.proj[1][h * da + j];
                if v != 0.0 {
                    axpy(v, dbh, &mut g[row..row + da]);
                }
                bb.dproj[1][h * da + j] += dot(&p[row..row + da], dbh);
            }
        }
        // Through the projections' ReLU to the BiLSTM output.
        let r_dim = 2 * d.h;
        resize(&mut bb.dr, t * r_dim);
        for k in 0..4 {
            let size = if k < 2 { da } else { dl };
            let (w, b) = lay.proj[k];
            for at in 0..t {
                let y = &tp.proj[k][at * size..(at + 1) * size];
                let dy = &mut bb.dproj[k][at * size..(at + 1) * size];
                for (dv, &yv) in dy.iter_mut().zip(y) {
                    if yv <= 0.0 {
                        *dv = 0.0;
                    }
                }
                axpy(1.0, dy, &mut g[b..b + size]);
                let rt = &tp.r[at * r_dim..(at + 1) * r_dim];
                let drt = &mut bb.dr[at * r_dim..(at + 1) * r_dim];
                for j in 0..r_dim {
                    let row = w + j * size;
                    if rt[j] != 0.0 {
                        axpy(rt[j], dy, &mut g[row..row + size]);
                    }
                    drt[j] += dot(&p[row..row + size], dy);
                }
            }
        }
        if !tp.mr.is_empty() {
            for (v, m) in bb.dr.iter_mut().zip(&tp.mr) {
                *v *= m;
            }
        }
        // Back through the layers.
        std::mem::swap(&mut bb.dout, &mut bb.dr);
        for l in (0..d.layers).rev() {
            let n_in = d.layer_in(l);
            resize(&mut bb.dx, t * n_in);
            for dir in 0..2 {
                resize(&mut bb.dh, t * d.h);
                for at in 0..t {
                    let from = at * r_dim + dir * d.h;
                    bb.dh[at * d.h..(at + 1) * d.h].copy_from_slice(&bb.dout[from..from + d.h]);
                }
                lstm_backward(
                    p,
                    g,
                    lay.lstm[l][dir],
                    n_in,
                    d.h,
                    &tp.xin[l],
                    t,
                    dir == 1,
                    &tp.dirs[l][dir],
                    &bb.dh,
                    &mut bb.dx,
                    &mut bb.lstm,
                );
            }
            if !tp.masks[l].is_empty() {
                for (v, m) in bb.dx.iter_mut().zip(&tp.masks[l]) {
                    *v *= m;
                }
            }
            std::mem::swap(&mut bb.dout, &mut bb.dx);
        }
        // Into the embedding rows.
        let din = d.din();
        for (at, r) in tp.rows.iter().enumerate() {
            let dx = &bb.dout[at * din..(at + 1) * din];
            for k in 0..TABLES {
                let (off, dim, from) = (lay.emb[k], d.emb[k], d.emb_at(k));
                let row = r[k] as usize;
                axpy(
                    1.0,
                    &dx[from..from + dim],
                    &mut g[off + row * dim..off + (row + 1) * dim],
                );
            }
        }
        (loss, right)
    }
}

/// The keys a word looks up in each table (the shape table has none: its rows are the
/// shape classes).
fn keys_of(w: &WordAttrs) -> [u64; TABLES] {
    let mut with_clusters = *w;
    with_clusters.add_clusters();
    [w.w, tag_key(w), w.suf, 0, w.pre, with_clusters.cf]
}

/// The keys of each table (empty for the shape table), from a training set: forms, suffixes
/// and prefixes seen at least `min_count` times, every tag pair and cluster, each sorted by
/// descending count then key; and the counts of the form keys.
pub(crate) fn vocabularies(
    sentences: &[Vec<WordAttrs>],
    min_count: usize,
) -> ([Vec<u64>; TABLES], Vec<u32>) {
    let mut seen: [HashMap<u64, u32>; TABLES] = Default::default();
    for s in sentences {
        for w in s {
            for (k, key) in keys_of(w).into_iter().enumerate() {
                if k != SHAPE_TABLE {
                    *seen[k].entry(key).or_default() += 1;
                }
            }
        }
    }
    let mut counts = Vec::new();
    let keys = std::array::from_fn(|k| {
        let min = if matches!(k, 0 | 2 | 4) { min_count } else { 1 };
        let mut v: Vec<(u64, u32)> = std::mem::take(&mut seen[k])
            .into_iter()
            .filter(|&(_, c)| c as usize >= min)
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        if k == 0 {
            counts = v.iter().map(|&(_, c)| c).collect();
        }
        v.into_iter().map(|(key, _)| key).collect()
    });
    (keys, counts)
}

fn key_map(keys: &[u64]) -> HashMap<u64, u32> {
    keys.iter()
        .enumerate()
        .map(|(i, &k)| (k, (i + SPECIALS) as u32))
        .collect()
}

/// One sentence of [`Biaffine::parse_batch`]: its words, where its heads and labels go,
/// and its buffers.
pub(crate) struct BatchItem<'a> {
    pub words: &'a [WordAttrs],
    pub heads: &'a mut Vec<u32>,
    pub labels: &'a mut Vec<u8>,
    pub scratch: &'a mut BiaffineScratch,
}

/// Decoding buffers of a sentence.
#[derive(Clone, Debug, Default)]
pub(crate) struct BiaffineScratch {
    rows: Vec<[u32; TABLES]>,
    tape: Tape,
    eisner: Eisner,
    feat: Vec<f32>,
    z: Vec<f32>,
    /// Every word's label scores (zeros for the root's dependent).
    all_z: Vec<f32>,
}

/// A trained biaffine parser ready for decoding.
#[derive(Clone)]
pub(crate) struct Biaffine {
    pub net: Net,
    /// Each table's keys in row order (after the specials), and as maps.
    pub keys: [Vec<u64>; TABLES],
    maps: [HashMap<u64, u32>; TABLES],
    pre: Pre,
    /// Each label's group of labels a head takes at most once (0: none), see
    /// [`unique_group`].
    groups: Vec<u8>,
    /// The `cop` label, which a present participle verb does not take (its `be` is an
    /// auxiliary: `was urging`), and that participle's XPOS and UPOS keys.
    cop: Option<usize>,
    vbg: (u64, u64),
}

/// The group of a relation a head has at most one of: its subject (`nsubj`, `csubj`, passive
/// or not; not the `:outer` subject of a clause whose predicate has a subject of its own), its
/// object, its indirect object. 0 for any other relation.
fn unique_group(label: &str) -> u8 {
    match label {
        "nsubj" | "nsubj:pass" | "csubj" | "csubj:pass" => 1,
        "obj" => 2,
        "iobj" => 3,
        _ => 0,
    }
}

impl std::fmt::Debug for Biaffine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Biaffine {{ dims: {:?} }}", self.net.dims)
    }
}

impl Biaffine {
    pub fn new(net: Net, keys: [Vec<u64>; TABLES]) -> Biaffine {
        Biaffine {
            pre: Pre::new(&net),
            maps: std::array::from_fn(|k| key_map(&keys[k])),
            net,
            keys,
            groups: Vec::new(),
            cop: None,
            vbg: {
                let w = WordAttrs::new("", "", newsgraph_core::Upos::Verb, "VBG");
                (w.p, w.u)
            },
        }
    }

    /// Reads the labels' names, so decoding gives a head at most one subject, object and
    /// indirect object.
    pub fn set_label_names(&mut self, labels: &[String]) {
        self.groups = labels.iter().map(|l| unique_group(l)).collect();
        self.cop = labels.iter().position(|l| l == "cop");
    }

    /// The table rows of a sentence, the root first.
    pub fn rows(&self, words: &[WordAttrs], out: &mut Vec<[u32; TABLES]>) {
        out.clear();
        out.push(std::array::from_fn(|k| {
            if k == SHAPE_TABLE {
                ROOT_SHAPE
            } else {
                ROOT_ROW
            }
        }));
        out.extend(words.iter().map(|w| {
            let keys = keys_of(w);
            std::array::from_fn(|k| {
                if k == SHAPE_TABLE {
                    (w.shape as u32).min(ROOT_SHAPE - 1)
                } else {
                    self.maps[k].get(&keys[k]).copied().unwrap_or(UNK_ROW)
                }
            })
        }));
    }

    /// Parses each sentence of `batch`, its words, into its heads and labels: `heads[i]` is the
    /// head of word `i` (`n` for the root), `labels[i]` its label. The sentences' LSTM steps
    /// run together ([`recurrence`]); the result does not depend on the batch.
    pub fn parse_batch(&self, batch: &mut [BatchItem<'_>], root: u8, work: &mut Recurrent) {
        let net = &self.net;
        for it in batch.iter_mut() {
            it.heads.clear();
            it.labels.clear();
            let s = &mut *it.scratch;
            self.rows(it.words, &mut s.rows);
            if it.words.is_empty() {
                // Not even the root: nothing to run.
                s.rows.clear();
            }
            let tp = &mut s.tape;
            tp.t = s.rows.len();
            tp.rows.clear();
            tp.rows.extend_from_slice(&s.rows);
            tp.size_layers(net.dims.layers);
            self.pre.first_gates(net, tp);
        }
        for l in 0..net.dims.layers {
            if l == 0 {
                for it in batch.iter_mut() {
                    net.layer_input(l, None, &mut it.scratch.tape, true);
                }
            } else {
                net.batch_inputs(l, &self.pre.wx[l], batch, work);
            }
            for dir in 0..2 {
                let mut dirs: Vec<(&mut DirTape, usize)> = batch
                    .iter_mut()
                    .map(|it| {
                        let tp = &mut it.scratch.tape;
                        (&mut tp.dirs[l][dir], tp.t)
                    })
                    .collect();
                recurrence(
                    &net.params,
                    net.layout.lstm[l][dir],
                    Some(&self.pre.wh[l][dir]),
                    net.dims.h,
                    dir == 1,
                    &mut dirs,
                    work,
                );
            }
            for it in batch.iter_mut() {
                net.layer_output(l, &mut it.scratch.tape);
            }
        }
        self.pre
            .project_batch(batch, net.dims.layers, 2 * net.dims.h, work);
        for it in batch.iter_mut() {
            if !it.words.is_empty() {
                net.arcs(&mut it.scratch.tape);
                self.decode(it, root);
            }
        }
    }

    /// The tree of one sentence of a batch from its arc scores.
    fn decode(&self, it: &mut BatchItem<'_>, root: u8) {
        let s = &mut *it.scratch;
        let n = it.words.len();
        let t = n + 1;
        let logp = &s.tape.logp;
        s.eisner.decode(n, |h, d| logp[d * t + h], it.heads);
        let n_labels = self.net.dims.n_labels;
        let best = |z: &[f32], ok: &dyn Fn(usize) -> bool| {
            (0..n_labels)
                .filter(|&c| c != root as usize && ok(c))
                .max_by(|&a, &b| z[a].total_cmp(&z[b]))
        };
        s.all_z.clear();
        for i in 0..n {
            let h = it.heads[i] as usize;
            let label = if h == 0 {
                s.all_z.resize(s.all_z.len() + n_labels, 0.0);
                root
            } else {
                self.net
                    .label_scores(&s.tape, i + 1, h, &mut s.feat, &mut s.z);
                s.all_z.extend_from_slice(&s.z);
                best(&s.z, &|_| true).unwrap_or(0) as u8
            };
            it.labels.push(label);
        }
        // `be` before a present participle verb is its auxiliary (EWT train: 1,201 `aux`
        // against 30 `cop`).
        if let Some(cop) = self.cop {
            for i in 0..n {
                let h = it.heads[i] as usize;
                if it.labels[i] as usize == cop
                    && h > 0
                    && (it.words[h - 1].p, it.words[h - 1].u) == self.vbg
                {
                    let z = &s.all_z[i * n_labels..(i + 1) * n_labels];
                    if let Some(c) = best(z, &|c| c != cop) {
                        it.labels[i] = c as u8;
                    }
                }
            }
        }
        // Of two subjects, objects or indirect objects of a head, the one that loses less
        // by it (the smaller margin of its label over its best label outside the group, a
        // difference of log-probabilities) takes that other label.
        let group = |c: usize| self.groups.get(c).copied().unwrap_or(0);
        // Each word's group, and its label's margin with the best label outside the group.
        let alts: Vec<(u8, Option<(usize, f32)>)> = (0..n)
            .map(|i| {
                let g = group(it.labels[i] as usize);
                if g == 0 || it.heads[i] == 0 {
                    return (0, None);
                }
                let z = &s.all_z[i * n_labels..(i + 1) * n_labels];
                let alt = best(z, &|c| group(c) != g).map(|c| (c, z[it.labels[i] as usize] - z[c]));
                (g, alt)
            })
            .collect();
        let margin = |i: usize| alts[i].1.map_or(f32::INFINITY, |(_, m)| m);
        for i in 0..n {
            let (g, alt) = alts[i];
            let Some((c, _)) = alt else { continue };
            let beaten = (0..n).any(|k| {
                k != i
                    && it.heads[k] == it.heads[i]
                    && alts[k].0 == g
                    && (margin(k), std::cmp::Reverse(k)) > (margin(i), std::cmp::Reverse(i))
            });
            if beaten {
                it.labels[i] = c as u8;
            }
        }
        // Positions to word indices: the root (position 0) is `n`, word `k` is position k+1.
        for h in it.heads.iter_mut() {
            *h = if *h == 0 { n as u32 } else { *h - 1 };
        }
    }

    /// The network part of the model file.
    pub fn write(&self, out: &mut Vec<u8>) {
        for x in self.net.dims.fields() {
            out.extend_from_slice(&(x as u32).to_le_bytes());
        }
        for keys in &self.keys {
            out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
            for k in keys.iter() {
                out.extend_from_slice(&k.to_le_bytes());
            }
        }
        for x in &self.net.params {
            out.extend_from_slice(&x.to_le_bytes());
        }
    }

    /// Reads the network part written by [`Biaffine::write`].
    pub fn read(bytes: &[u8], n_labels: usize) -> Result<Biaffine, String> {
        let mut pos = 0usize;
        let mut take = |n: usize| -> Result<&[u8], String> {
            let s = bytes
                .get(pos..pos.saturating_add(n))
                .ok_or_else(|| "network data ends early".to_string())?;
            pos += n;
            Ok(s)
        };
        let mut f = [0usize; Dims::FIELDS];
        for x in f.iter_mut() {
            let b = take(4)?;
            *x = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize;
        }
        let dims = Dims {
            emb: std::array::from_fn(|k| f[k]),
            rows: std::array::from_fn(|k| f[TABLES + k]),
            h: f[2 * TABLES],
            layers: f[2 * TABLES + 1],
            da: f[2 * TABLES + 2],
            dl: f[2 * TABLES + 3],
            n_labels: f[2 * TABLES + 4],
        };
        let small = |v: usize| (1..=1024).contains(&v);
        if !dims
            .emb
            .iter()
            .chain([&dims.h, &dims.da, &dims.dl])
            .all(|&v| small(v))
            || !(1..=4).contains(&dims.layers)
        {
            return Err("network sizes out of range".into());
        }
        if dims.n_labels != n_labels {
            return Err("network labels do not match the model's".into());
        }
        if dims.rows.iter().any(|&r| r > 5_000_000) || dims.rows[SHAPE_TABLE] != SHAPES {
            return Err("vocabulary size out of range".into());
        }
        let mut keys: [Vec<u64>; TABLES] = Default::default();
        for (k, out) in keys.iter_mut().enumerate() {
            let c = take(4)?;
            let count = u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as usize;
            let expected = if k == SHAPE_TABLE {
                0
            } else {
                dims.rows[k].saturating_sub(SPECIALS)
            };
            if count != expected {
                return Err("vocabulary size does not match the network".into());
            }
            let b = take(8 * count)?;
            *out = b
                .chunks_exact(8)
                .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
                .collect();
        }
        let total = Layout::new(&dims).total;
        let b = take(4 * total)?;
        let params: Vec<f32> = b
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        if pos != bytes.len() {
            return Err("trailing bytes after the network".into());
        }
        if params.iter().any(|v| !v.is_finite()) {
            return Err("a network weight is not a finite number".into());
        }
        let net = Net::from_params(dims, params)?;
        Ok(Biaffine::new(net, keys))
    }
}

/// Eisner's algorithm for the best projective tree in which the root has one child.
#[derive(Clone, Debug, Default)]
struct Eisner {
    /// Complete spans headed at their left (`cr`) and right (`cl`) end, incomplete spans with
    /// an arc from left to right (`ir`) and right to left (`il`), `n x n` each, and the split
    /// points that gave each its best score.
    cr: Vec<f32>,
    cl: Vec<f32>,
    ir: Vec<f32>,
    il: Vec<f32>,
    bcr: Vec<u32>,
    bcl: Vec<u32>,
    bi: Vec<u32>,
    stack: Vec<(u8, u32, u32)>,
}

impl Eisner {
    /// Fills `heads` (one per word, `0` the root, `k + 1` word `k`) with the best tree under
    /// `score(head, dep)` over positions (`0` the root, words `1..=n`).
    fn decode(&mut self, n: usize, score: impl Fn(usize, usize) -> f32, heads: &mut Vec<u32>) {
        heads.clear();
        heads.resize(n, 0);
        let nn = n * n;
        for v in [&mut self.cr, &mut self.cl, &mut self.ir, &mut self.il] {
            v.clear();
            v.resize(nn, f32::NEG_INFINITY);
        }
        for v in [&mut self.bcr, &mut self.bcl, &mut self.bi] {
            v.clear();
            v.resize(nn, 0);
        }
        for i in 0..n {
            self.cr[i * n + i] = 0.0;
            self.cl[i * n + i] = 0.0;
        }
        // Word k of the span tables is position k + 1 of `score`.
        for len in 1..n {
            for s in 0..n - len {
                let t = s + len;
                let mut best = (f32::NEG_INFINITY, s);
                for r in s..t {
                    let v = self.cr[s * n + r] + self.cl[(r + 1) * n + t];
                    if v > best.0 {
                        best = (v, r);
                    }
                }
                self.ir[s * n + t] = best.0 + score(s + 1, t + 1);
                self.il[s * n + t] = best.0 + score(t + 1, s + 1);
                self.bi[s * n + t] = best.1 as u32;
                let mut bl = (f32::NEG_INFINITY, s);
                for r in s..t {
                    let v = self.cl[s * n + r] + self.il[r * n + t];
                    if v > bl.0 {
                        bl = (v, r);
                    }
                }
                self.cl[s * n + t] = bl.0;
                self.bcl[s * n + t] = bl.1 as u32;
                let mut br = (f32::NEG_INFINITY, s + 1);
                for r in s + 1..=t {
                    let v = self.ir[s * n + r] + self.cr[r * n + t];
                    if v > br.0 {
                        br = (v, r);
                    }
                }
                self.cr[s * n + t] = br.0;
                self.bcr[s * n + t] = br.1 as u32;
            }
        }
        let mut root = (f32::NEG_INFINITY, 0);
        for r in 0..n {
            let v = score(0, r + 1) + self.cl[r] + self.cr[r * n + n - 1];
            if v > root.0 {
                root = (v, r);
            }
        }
        let r = root.1;
        heads[r] = 0;
        // Kinds: 0 complete right, 1 complete left, 2 incomplete right, 3 incomplete left.
        self.stack.clear();
        self.stack.push((1, 0, r as u32));
        self.stack.push((0, r as u32, (n - 1) as u32));
        while let Some((kind, s, t)) = self.stack.pop() {
            let (s, t) = (s as usize, t as usize);
            if s == t {
                continue;
            }
            match kind {
                0 => {
                    let m = self.bcr[s * n + t];
                    self.stack.push((2, s as u32, m));
                    self.stack.push((0, m, t as u32));
                }
                1 => {
                    let m = self.bcl[s * n + t];
                    self.stack.push((1, s as u32, m));
                    self.stack.push((3, m, t as u32));
                }
                _ => {
                    if kind == 2 {
                        heads[t] = (s + 1) as u32;
                    } else {
                        heads[s] = (t + 1) as u32;
                    }
                    let m = self.bi[s * n + t];
                    self.stack.push((0, s as u32, m));
                    self.stack.push((1, m + 1, t as u32));
                }
            }
        }
    }
}

/// A training sentence: table rows (root first), gold head positions and labels (position 0
/// unused).
pub(crate) struct Sample {
    pub rows: Vec<[u32; TABLES]>,
    pub heads: Vec<u32>,
    pub labels: Vec<u8>,
}

impl Sample {
    pub fn new(words: &[WordAttrs], heads: &[u32], labels: &[u8], vocab: &Biaffine) -> Sample {
        let n = words.len();
        let mut rows = Vec::new();
        vocab.rows(words, &mut rows);
        let mut h = vec![0u32];
        h.extend(
            heads
                .iter()
                .map(|&x| if x as usize >= n { 0 } else { x + 1 }),
        );
        let mut l = vec![0u8];
        l.extend_from_slice(labels);
        Sample {
            rows,
            heads: h,
            labels: l,
        }
    }
}

/// Adam over the flat parameter vector.
pub(crate) struct Trainer {
    pub net: Net,
    m: Vec<f32>,
    v: Vec<f32>,
    step: i32,
    grads: Vec<Vec<f32>>,
}

/// Adam's decay rates (the second one as Dozat & Manning's) and its epsilon.
const BETA1: f32 = 0.9;
const BETA2: f32 = 0.9;
const EPS: f32 = 1e-8;
/// Gradients are scaled down to this global norm.
const CLIP: f32 = 5.0;

impl Trainer {
    pub fn new(net: Net, shards: usize) -> Trainer {
        let n = net.n_params();
        Trainer {
            m: vec![0.0; n],
            v: vec![0.0; n],
            step: 0,
            grads: vec![vec![0.0; n]; shards.max(1)],
            net,
        }
    }

    /// One minibatch: the summed gradient of its sentences, then an Adam step. `seeds` gives
    /// each sentence's dropout seed. Returns the loss and the words whose best head was gold.
    pub fn step(
        &mut self,
        batch: &[&Sample],
        seeds: &[u64],
        opts: &BiaffineOptions,
        counts: &[u32],
    ) -> (f32, usize) {
        let shards = self.grads.len();
        let per = batch.len().div_ceil(shards).max(1);
        let net = &self.net;
        let results: Vec<(f32, usize)> = std::thread::scope(|scope| {
            let handles: Vec<_> = self
                .grads
                .iter_mut()
                .enumerate()
                .map(|(k, g)| {
                    let from = (k * per).min(batch.len());
                    let to = ((k + 1) * per).min(batch.len());
                    let part = &batch[from..to];
                    let seeds = &seeds[from..to];
                    scope.spawn(move || {
                        g.iter_mut().for_each(|x| *x = 0.0);
                        let mut tape = Tape::default();
                        let mut bb = BackBufs::default();
                        let mut out = (0.0, 0);
                        for (s, &seed) in part.iter().zip(seeds) {
                            let noise = Noise {
                                rng: Rng::new(seed),
                                dropout: opts.dropout,
                                word_dropout: opts.word_dropout,
                                counts,
                            };
                            net.forward(&s.rows, Some(noise), &mut tape);
                            let (l, r) = net.backward(&tape, &s.heads, &s.labels, g, &mut bb);
                            out.0 += l;
                            out.1 += r;
                        }
                        out
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or((f32::NAN, 0)))
                .collect()
        });
        let (first, rest) = self.grads.split_at_mut(1);
        let g = &mut first[0];
        for other in rest.iter() {
            axpy(1.0, other, g);
        }
        let words: usize = batch.iter().map(|s| s.rows.len() - 1).sum();
        let scale = 1.0 / words.max(1) as f32;
        let norm = g
            .iter()
            .map(|x| (x * scale) * (x * scale))
            .sum::<f32>()
            .sqrt();
        let clip = if norm > CLIP { CLIP / norm } else { 1.0 };
        let gs = scale * clip;
        self.step += 1;
        let c1 = 1.0 - BETA1.powi(self.step);
        let c2 = 1.0 - BETA2.powi(self.step);
        let rate = opts.rate * c2.sqrt() / c1;
        for (((w, &gr), m), v) in self
            .net
            .params
            .iter_mut()
            .zip(g.iter())
            .zip(self.m.iter_mut())
            .zip(self.v.iter_mut())
        {
            let gr = gr * gs;
            *m = BETA1 * *m + (1.0 - BETA1) * gr;
            *v = BETA2 * *v + (1.0 - BETA2) * gr * gr;
            *w -= rate * *m / (v.sqrt() + EPS);
        }
        results
            .into_iter()
            .fold((0.0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> (Net, Vec<[u32; TABLES]>, Vec<u32>, Vec<u8>) {
        let dims = Dims {
            emb: [3, 2, 2, 1, 2, 2],
            rows: [5, 4, 3, SHAPES, 3, 4],
            h: 3,
            layers: 2,
            da: 3,
            dl: 2,
            n_labels: 3,
        };
        let mut rng = Rng::new(7);
        let mut net = Net::new(dims, &mut rng);
        // Non-zero everywhere, so every path carries gradient.
        for v in net.params.iter_mut() {
            *v = rng.sym(0.8);
        }
        let rows = vec![
            [0, 0, 0, 7, 0, 0],
            [2, 2, 2, 1, 2, 3],
            [3, 3, 1, 2, 1, 2],
            [4, 2, 2, 1, 2, 1],
        ];
        (net, rows, vec![0, 2, 0, 2], vec![0, 1, 0, 2])
    }

    fn loss(net: &Net, rows: &[[u32; TABLES]], heads: &[u32], labels: &[u8]) -> f32 {
        let mut tp = Tape::default();
        net.forward(rows, None, &mut tp);
        let mut g = vec![0.0; net.n_params()];
        net.backward(&tp, heads, labels, &mut g, &mut BackBufs::default())
            .0
    }

    #[test]
    fn gradients_match_finite_differences() {
        let (mut net, rows, heads, labels) = tiny();
        let mut tp = Tape::default();
        net.forward(&rows, None, &mut tp);
        let mut g = vec![0.0; net.n_params()];
        net.backward(&tp, &heads, &labels, &mut g, &mut BackBufs::default());
        let mut checked = 0;
        let mut worst = 0f32;
        for i in 0..net.n_params() {
            let keep = net.params[i];
            let e = 1e-2;
            net.params[i] = keep + e;
            let up = loss(&net, &rows, &heads, &labels);
            net.params[i] = keep - e;
            let down = loss(&net, &rows, &heads, &labels);
            net.params[i] = keep;
            let numeric = (up - down) / (2.0 * e);
            let tol = 3e-4 + 1e-2 * numeric.abs().max(g[i].abs());
            worst = worst.max((numeric - g[i]).abs() / tol);
            assert!(
                (numeric - g[i]).abs() < tol,
                "parameter {i}: analytic {} numeric {numeric}",
                g[i]
            );
            checked += 1;
        }
        assert!(checked > 50, "{worst}");
    }

    #[test]
    fn precomputed_decoding_matches_the_training_pass() {
        let (net, rows, _, _) = tiny();
        let mut slow = Tape::default();
        net.forward(&rows, None, &mut slow);
        let keys = [
            vec![1, 2, 3],
            vec![1, 2],
            vec![1],
            vec![],
            vec![1],
            vec![1, 2],
        ];
        let bf = Biaffine::new(net, keys);
        let mut fast = Tape::default();
        fast.t = rows.len();
        fast.rows = rows.clone();
        fast.size_layers(bf.net.dims.layers);
        bf.pre.first_gates(&bf.net, &mut fast);
        bf.net.layers_and_scores(None, &mut fast, Some(&bf.pre));
        for (a, b) in slow.logp.iter().zip(&fast.logp) {
            assert!(a == b || (a - b).abs() < 1e-4, "{a} vs {b}");
        }
        for k in 0..4 {
            for (a, b) in slow.proj[k].iter().zip(&fast.proj[k]) {
                assert!((a - b).abs() < 1e-4, "{a} vs {b}");
            }
        }
    }

    #[test]
    fn a_batch_parses_as_its_sentences_do_alone() {
        use newsgraph_core::Upos;
        let text = [
            "Moscow rejected the plan .",
            "The minister said on Tuesday that talks would resume in Geneva next week .",
            "Rebels shelled the town",
            "",
            "He left .",
            "Officials in three capitals welcomed the ceasefire , which took hold at dawn .",
        ];
        let sentences: Vec<Vec<WordAttrs>> = text
            .iter()
            .map(|s| {
                s.split_whitespace()
                    .map(|w| {
                        let upos = if w.chars().next().is_some_and(char::is_uppercase) {
                            Upos::Propn
                        } else {
                            Upos::Noun
                        };
                        WordAttrs::new(w, "", upos, "NN")
                    })
                    .collect()
            })
            .collect();
        let (keys, _) = vocabularies(&sentences, 1);
        let dims = Dims {
            emb: [4, 2, 2, 2, 2, 2],
            rows: std::array::from_fn(|k| {
                if k == SHAPE_TABLE {
                    SHAPES
                } else {
                    keys[k].len() + 2
                }
            }),
            h: 5,
            layers: 2,
            da: 4,
            dl: 3,
            n_labels: 4,
        };
        let mut rng = Rng::new(11);
        let mut net = Net::new(dims, &mut rng);
        for v in net.params.iter_mut() {
            *v = rng.sym(0.8);
        }
        let bf = Biaffine::new(net, keys);
        let mut work = Recurrent::default();
        let parse = |batch: &[usize], work: &mut Recurrent| {
            let mut heads = vec![Vec::new(); batch.len()];
            let mut labels = vec![Vec::new(); batch.len()];
            let mut scratch = vec![BiaffineScratch::default(); batch.len()];
            let mut items: Vec<BatchItem<'_>> = batch
                .iter()
                .zip(
                    heads
                        .iter_mut()
                        .zip(labels.iter_mut())
                        .zip(scratch.iter_mut()),
                )
                .map(|(&i, ((heads, labels), scratch))| BatchItem {
                    words: &sentences[i],
                    heads,
                    labels,
                    scratch,
                })
                .collect();
            bf.parse_batch(&mut items, 0, work);
            let logp: Vec<Vec<f32>> = scratch.iter().map(|s| s.tape.logp.clone()).collect();
            (heads, labels, logp)
        };
        let all: Vec<usize> = (0..sentences.len()).collect();
        let (heads, labels, logp) = parse(&all, &mut work);
        for &i in &all {
            let (h1, l1, p1) = parse(&[i], &mut work);
            assert_eq!(heads[i], h1[0], "sentence {i}");
            assert_eq!(labels[i], l1[0], "sentence {i}");
            assert_eq!(heads[i].len(), sentences[i].len());
            for (a, b) in logp[i].iter().zip(&p1[0]) {
                assert!(a == b || (a - b).abs() < 1e-4, "sentence {i}: {a} vs {b}");
            }
        }
    }

    #[test]
    fn fast_exp_is_close_to_exp() {
        let mut x = -80.0f32;
        while x < 80.0 {
            let (a, b) = (fast_exp(x), x.exp());
            assert!((a - b).abs() <= 1e-6 * b, "{x}: {a} vs {b}");
            x += 0.037;
        }
        assert!((fast_exp(-1000.0) / (-87.0f32).exp() - 1.0).abs() < 1e-6);
        assert!(fast_exp(f32::NAN).is_nan());
        assert!((tanh(0.3) - 0.3f32.tanh()).abs() < 1e-6);
        assert!((tanh(-9.0) + 1.0).abs() < 1e-6);
    }

    #[test]
    fn eisner_finds_the_best_projective_tree() {
        // Scores favour 0 -> 2, 2 -> 1, 2 -> 3.
        let n = 3;
        let score = |h: usize, d: usize| match (h, d) {
            (0, 2) | (2, 1) | (2, 3) => 0.0,
            _ => -5.0,
        };
        let mut heads = Vec::new();
        Eisner::default().decode(n, score, &mut heads);
        assert_eq!(heads, vec![2, 0, 2]);
        // A single root child even when two words prefer the root.
        let score = |h: usize, d: usize| match (h, d) {
            (0, _) => 0.0,
            _ => -1.0,
        };
        Eisner::default().decode(n, score, &mut heads);
        assert_eq!(heads.iter().filter(|&&h| h == 0).count(), 1);
        Eisner::default().decode(1, score, &mut heads);
        assert_eq!(heads, vec![0]);
    }
}
