//! Training: greedy arc-hybrid parsing with a dynamic oracle and exploration, averaged
//! perceptrons for transitions and labels, fully deterministic (seeded shuffles, one thread).

use std::collections::{BTreeMap, HashMap};

use newsgraph_core::Upos;

use super::biaffine::{self, Biaffine, BiaffineOptions};
use super::features::{action_features, label_features, Templates, WordAttrs};
use super::model::{best_label, quantise, sort_cands, Cand, ParseScratch, ParserModel};
use super::neural::{self, NeuralOptions};
use super::state::{Action, State};
use super::{AttachmentScores, ParserError};
use crate::conllu;

/// Training settings; the defaults reproduce the shipped model.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Passes over the training set.
    pub epochs: usize,
    /// The action table has `2^action_bits` rows.
    pub action_bits: u32,
    /// The label table has `2^label_bits` rows.
    pub label_bits: u32,
    /// Seed of the shuffles and of exploration.
    pub seed: u64,
    /// Perceptrons trained with different seeds and summed.
    pub runs: usize,
    /// From this epoch (0-based) on, follow the model's own wrong predictions...
    pub explore_from: usize,
    /// ...with this probability.
    pub explore_p: f64,
    /// Beam width (1: greedy training with the dynamic oracle); above 1 the transitions
    /// are trained globally by beam search with early update and decoded with that beam.
    pub beam: usize,
    /// Add the word-cluster templates (features of [`crate::clusters::Clusters::shipped`]).
    pub clusters: bool,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            epochs: 10,
            action_bits: 20,
            label_bits: 17,
            seed: 0x5eed_0001,
            runs: 2,
            explore_from: 1,
            explore_p: 0.5,
            beam: 1,
            clusters: false,
        }
    }
}

/// What one epoch achieved.
#[derive(Clone, Debug)]
pub struct EpochReport {
    /// 1-based run number (0: the summed model of all runs).
    pub run: usize,
    /// 1-based epoch number (0: the summed model).
    pub epoch: usize,
    /// Fraction of transitions the model predicted at zero cost during the pass.
    pub train_accuracy: f64,
    /// Scores on the development set with the averaged weights, when one was given.
    pub dev: Option<AttachmentScores>,
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A perceptron weight table with the bookkeeping for averaging.
struct Table {
    bits: u32,
    classes: usize,
    w: Vec<f32>,
    /// Sum of `step * delta`: the averaged weight is `w - acc / step`.
    acc: Vec<f64>,
}

impl Table {
    fn new(bits: u32, classes: usize) -> Table {
        let len = (1usize << bits) * classes;
        Table {
            bits,
            classes,
            w: vec![0.0; len],
            acc: vec![0.0; len],
        }
    }
    #[inline]
    fn base(&self, f: u64) -> usize {
        (f >> (64 - self.bits)) as usize * self.classes
    }
    fn scores(&self, feats: &[u64], out: &mut [f32]) {
        out.iter_mut().for_each(|x| *x = 0.0);
        for &f in feats {
            let b = self.base(f);
            for (o, &w) in out.iter_mut().zip(&self.w[b..b + self.classes]) {
                *o += w;
            }
        }
    }
    fn update(&mut self, feats: &[u64], good: usize, bad: usize, step: f64) {
        for &f in feats {
            let b = self.base(f);
            self.w[b + good] += 1.0;
            self.acc[b + good] += step;
            self.w[b + bad] -= 1.0;
            self.acc[b + bad] -= step;
        }
    }
    fn add(&mut self, feats: &[u64], class: usize, delta: f32, step: f64) {
        for &f in feats {
            let b = self.base(f) + class;
            self.w[b] += delta;
            self.acc[b] += step * delta as f64;
        }
    }
    fn averaged(&self, step: f64) -> Vec<f32> {
        self.w
            .iter()
            .zip(&self.acc)
            .map(|(&w, &a)| (w as f64 - a / step) as f32)
            .collect()
    }
}

/// One training sentence reduced to what the parser reads.
struct Example {
    words: Vec<WordAttrs>,
    /// Gold head per word, `n` for the root.
    heads: Vec<u32>,
    labels: Vec<u8>,
}

/// The label inventory of a treebank, sorted by name, and the index of `root`.
fn label_inventory(sentences: &[conllu::Sentence]) -> Result<(Vec<String>, u8), ParserError> {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for s in sentences {
        for w in &s.words {
            *seen.entry(w.deprel.as_str()).or_default() += 1;
        }
    }
    let labels: Vec<String> = seen.keys().map(|s| s.to_string()).collect();
    if labels.len() > 64 {
        return Err(ParserError::Data(format!(
            "{} relation labels; the parser supports at most 64",
            labels.len()
        )));
    }
    let root = labels
        .iter()
        .position(|l| l == "root")
        .ok_or_else(|| ParserError::Data("no `root` relation in the training data".into()))?;
    Ok((labels, root as u8))
}

fn examples(sentences: &[conllu::Sentence], labels: &[String]) -> Vec<Example> {
    sentences
        .iter()
        .filter(|s| !s.words.is_empty())
        .map(|s| {
            let n = s.words.len();
            let words = s
                .words
                .iter()
                .map(|w| {
                    WordAttrs::new(
                        &w.form,
                        &w.lemma,
                        Upos::parse(&w.upos).unwrap_or_default(),
                        &w.xpos,
                    )
                })
                .collect();
            let heads = s
                .words
                .iter()
                .map(|w| {
                    if w.head == 0 {
                        n as u32
                    } else {
                        (w.head - 1) as u32
                    }
                })
                .collect();
            let labels = s
                .words
                .iter()
                .map(|w| labels.iter().position(|l| *l == w.deprel).unwrap_or(0) as u8)
                .collect();
            Example {
                words,
                heads,
                labels,
            }
        })
        .collect()
}

/// Trains a parser on `train`, reporting each epoch to `progress`.
///
/// `opts.runs` perceptrons are trained with different seeds (shuffles and exploration); each
/// keeps the averaged weights of its epoch with the best LAS on `dev` (or its last epoch
/// without one), and the shipped model sums them: a score-level ensemble of linear models
/// that costs nothing at parse time.
pub fn train(
    train: &[conllu::Sentence],
    dev: Option<&[conllu::Sentence]>,
    opts: &TrainOptions,
    mut progress: impl FnMut(&EpochReport),
) -> Result<ParserModel, ParserError> {
    if train.is_empty() {
        return Err(ParserError::Data("no training sentences".into()));
    }
    if !(8..=26).contains(&opts.action_bits) || !(8..=24).contains(&opts.label_bits) {
        return Err(ParserError::Data("table sizes out of range".into()));
    }
    if opts.epochs == 0 || opts.runs == 0 {
        return Err(ParserError::Data("no epochs to train".into()));
    }
    let (labels, root) = label_inventory(train)?;
    let mut data = examples(train, &labels);
    if opts.clusters {
        for ex in &mut data {
            ex.words.iter_mut().for_each(WordAttrs::add_clusters);
        }
    }
    let mut sum: Option<(Vec<f32>, Vec<f32>)> = None;
    for run in 0..opts.runs {
        let seed = mix_seed(opts.seed, run as u64);
        let (a, l) = train_run(
            &data,
            &labels,
            root,
            dev,
            opts,
            seed,
            run + 1,
            &mut progress,
        );
        sum = Some(match sum {
            None => (a, l),
            Some((mut sa, mut sl)) => {
                sa.iter_mut().zip(&a).for_each(|(x, y)| *x += y);
                sl.iter_mut().zip(&l).for_each(|(x, y)| *x += y);
                (sa, sl)
            }
        });
    }
    let (a, l) = sum.ok_or_else(|| ParserError::Data("no runs".into()))?;
    let model = trained_model(labels, root, opts, &a, &l);
    if opts.runs > 1 {
        let dev_scores = dev.map(|d| super::evaluate(&model, d, &mut ParseScratch::new()));
        progress(&EpochReport {
            run: 0,
            epoch: 0,
            train_accuracy: 0.0,
            dev: dev_scores,
        });
    }
    Ok(model)
}

fn mix_seed(seed: u64, run: u64) -> u64 {
    super::features::mix(seed ^ run.wrapping_mul(0x9e37_79b9_7f4a_7c15)) | 1
}

/// The model of averaged action and label tables `a` and `l`, quantised, with the current
/// feature set.
fn trained_model(
    labels: Vec<String>,
    root: u8,
    opts: &TrainOptions,
    a: &[f32],
    l: &[f32],
) -> ParserModel {
    ParserModel::from_tables(
        labels,
        root,
        (opts.action_bits, opts.label_bits),
        opts.beam as u32,
        Templates::current(opts.clusters),
        (&quantise(a), &quantise(l)),
    )
}

/// One perceptron: the averaged (float) action and label tables of its best epoch.
#[allow(clippy::too_many_arguments)]
fn train_run(
    data: &[Example],
    labels: &[String],
    root: u8,
    dev: Option<&[conllu::Sentence]>,
    opts: &TrainOptions,
    seed: u64,
    run: usize,
    progress: &mut impl FnMut(&EpochReport),
) -> (Vec<f32>, Vec<f32>) {
    let mut actions = Table::new(opts.action_bits, 3);
    let mut labeller = Table::new(opts.label_bits, labels.len());
    let mut rng = Rng(seed);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut state = State::default();
    let mut feats = Vec::new();
    let mut lscores = vec![0f32; labels.len()];
    let mut step = 1f64;
    let mut best: Option<(usize, Vec<f32>, Vec<f32>)> = None;
    let mut scratch = ParseScratch::new();
    let set = Templates::current(opts.clusters);
    for epoch in 0..opts.epochs {
        for i in (1..order.len()).rev() {
            let j = rng.below(i + 1);
            order.swap(i, j);
        }
        let (mut right, mut total) = (0usize, 0usize);
        for &k in &order {
            let ex = &data[k];
            if opts.beam > 1 {
                let (r, t) = beam_sentence(
                    ex,
                    &mut actions,
                    &mut labeller,
                    opts.beam,
                    root,
                    &mut step,
                    &mut feats,
                    &mut lscores,
                    set,
                );
                right += r;
                total += t;
                continue;
            }
            state.reset(ex.words.len());
            while !state.terminal() {
                action_features(&state, &ex.words, set, &mut feats);
                let mut s = [0f32; 3];
                actions.scores(&feats, &mut s);
                let mut costs = [u32::MAX; 3];
                for a in Action::ALL {
                    if state.valid(a) {
                        costs[a as usize] = state.cost(a, &ex.heads);
                    }
                }
                let min = *costs.iter().min().unwrap_or(&0);
                let pick = |ok: &dyn Fn(usize) -> bool| {
                    let mut b = None;
                    for a in Action::ALL {
                        let i = a as usize;
                        if costs[i] != u32::MAX && ok(i) {
                            match b {
                                Some((_, bs)) if s[i] <= bs => {}
                                _ => b = Some((a, s[i])),
                            }
                        }
                    }
                    b.map(|(a, _)| a)
                };
                let Some(pred) = pick(&|_| true) else { break };
                let gold = pick(&|i| costs[i] == min).unwrap_or(pred);
                total += 1;
                let follow = if costs[pred as usize] == min {
                    right += 1;
                    pred
                } else {
                    actions.update(&feats, gold as usize, pred as usize, step);
                    if epoch >= opts.explore_from && rng.unit() < opts.explore_p {
                        pred
                    } else {
                        gold
                    }
                };
                let label = match state.arc(follow) {
                    None => 0,
                    Some((h, _)) if h as usize >= state.n => root,
                    Some((h, d)) => {
                        let ctx = if follow == Action::Left {
                            state.s(1)
                        } else {
                            state.buf(0)
                        };
                        label_features(&state, &ex.words, (h, d, ctx), set, &mut feats);
                        labeller.scores(&feats, &mut lscores);
                        let guess = best_label(&lscores, root);
                        if ex.heads[d as usize] == h {
                            let g = ex.labels[d as usize];
                            if guess != g {
                                labeller.update(&feats, g as usize, guess as usize, step);
                            }
                            g
                        } else {
                            guess
                        }
                    }
                };
                state.apply(follow, label);
                step += 1.0;
            }
        }
        let (a, l) = (actions.averaged(step), labeller.averaged(step));
        let dev_scores = dev.map(|d| {
            let model = trained_model(labels.to_vec(), root, opts, &a, &l);
            super::evaluate(&model, d, &mut scratch)
        });
        progress(&EpochReport {
            run,
            epoch: epoch + 1,
            train_accuracy: if total == 0 {
                0.0
            } else {
                right as f64 / total as f64
            },
            dev: dev_scores,
        });
        let score = dev_scores.map(|d| d.las_full).unwrap_or(0);
        let better = match &best {
            None => true,
            Some((b, _, _)) => dev_scores.is_none() || score > *b,
        };
        if better {
            best = Some((score, a, l));
        }
    }
    best.map(|(_, a, l)| (a, l)).unwrap_or_default()
}

/// A beam item in training: the configuration, its summed score, whether every transition so
/// far was optimal, and the transitions taken.
#[derive(Clone)]
struct Item {
    st: State,
    score: f64,
    gold: bool,
    hist: Vec<(Action, u8)>,
}

/// Replays `seq` from the initial configuration, adding `delta` to the weights of each
/// transition from position `from` on.
fn replay(
    ex: &Example,
    seq: &[(Action, u8)],
    from: usize,
    delta: f32,
    actions: &mut Table,
    step: f64,
    feats: &mut Vec<u64>,
    set: Templates,
) {
    let mut st = State::default();
    st.reset(ex.words.len());
    for (t, &(a, l)) in seq.iter().enumerate() {
        if t >= from {
            action_features(&st, &ex.words, set, feats);
            actions.add(feats, a as usize, delta, step);
        }
        st.apply(a, l);
    }
}

/// Beam-search training on one sentence with early update: as soon as no optimal
/// derivation is left in the beam (or the best complete one is not optimal), the best-scoring
/// optimal one is rewarded and the beam's best penalised. Labels are trained locally on the
/// optimal items' arcs. Returns (steps where the beam's best was optimal, steps).
#[allow(clippy::too_many_arguments)]
fn beam_sentence(
    ex: &Example,
    actions: &mut Table,
    labeller: &mut Table,
    k: usize,
    root: u8,
    step: &mut f64,
    feats: &mut Vec<u64>,
    lscores: &mut [f32],
    set: Templates,
) -> (usize, usize) {
    let mut init = State::default();
    init.reset(ex.words.len());
    let mut items = vec![Item {
        st: init,
        score: 0.0,
        gold: true,
        hist: Vec::new(),
    }];
    let (mut right, mut total) = (0, 0);
    let mut cands: Vec<Cand> = Vec::new();
    let mut costs: Vec<([u32; 3], u32)> = Vec::new();
    let update = |g: &Item, p: &Item, actions: &mut Table, feats: &mut Vec<u64>, step: f64| {
        let common = g
            .hist
            .iter()
            .zip(&p.hist)
            .take_while(|(x, y)| x.0 == y.0 && x.1 == y.1)
            .count();
        replay(ex, &g.hist, common, 1.0, actions, step, feats, set);
        replay(ex, &p.hist, common, -1.0, actions, step, feats, set);
    };
    loop {
        if items.first().is_none_or(|it| it.st.terminal()) {
            break;
        }
        cands.clear();
        costs.clear();
        for (i, it) in items.iter().enumerate() {
            action_features(&it.st, &ex.words, set, feats);
            let mut s = [0f32; 3];
            actions.scores(feats, &mut s);
            let mut c = [u32::MAX; 3];
            if it.gold {
                for a in Action::ALL {
                    if it.st.valid(a) {
                        c[a as usize] = it.st.cost(a, &ex.heads);
                    }
                }
            }
            costs.push((c, *c.iter().min().unwrap_or(&u32::MAX)));
            for a in Action::ALL {
                if it.st.valid(a) {
                    cands.push(Cand {
                        item: i,
                        action: a,
                        score: it.score + s[a as usize] as f64,
                    });
                }
            }
        }
        sort_cands(&mut cands);
        let is_gold = |c: &Cand| {
            let (cs, min) = costs[c.item];
            items[c.item].gold && cs[c.action as usize] == min
        };
        let keep = cands.len().min(k);
        total += 1;
        if cands.first().is_some_and(is_gold) {
            right += 1;
        }
        let extend = |c: &Cand, gold: bool, label: u8| {
            let mut it = items[c.item].clone();
            it.st.apply(c.action, label);
            it.score = c.score;
            it.gold = gold;
            it.hist.push((c.action, label));
            it
        };
        if !cands[..keep].iter().any(is_gold) {
            if let (Some(g), Some(p)) = (cands.iter().find(|c| is_gold(c)), cands.first()) {
                let gl = gold_label(ex, &items[g.item].st, g.action, root);
                let pl = gold_label(ex, &items[p.item].st, p.action, root);
                let (gi, pi) = (extend(g, true, gl), extend(p, false, pl));
                update(&gi, &pi, actions, feats, *step);
            }
            *step += 1.0;
            return (right, total);
        }
        let mut next = Vec::with_capacity(keep);
        for c in &cands[..keep] {
            let gold = is_gold(c);
            let src = &items[c.item].st;
            let label = match src.arc(c.action) {
                None => 0,
                Some((h, _)) if h as usize >= src.n => root,
                Some((h, d)) => {
                    let ctx = if c.action == Action::Left {
                        src.s(1)
                    } else {
                        src.buf(0)
                    };
                    label_features(src, &ex.words, (h, d, ctx), set, feats);
                    labeller.scores(feats, lscores);
                    let guess = best_label(lscores, root);
                    if gold && ex.heads[d as usize] == h {
                        let g = ex.labels[d as usize];
                        if guess != g {
                            labeller.update(feats, g as usize, guess as usize, *step);
                        }
                        g
                    } else {
                        guess
                    }
                }
            };
            next.push(extend(c, gold, label));
        }
        items = next;
        *step += 1.0;
    }
    if let (Some(p), Some(g)) = (items.first(), items.iter().find(|it| it.gold)) {
        if !p.gold {
            update(g, p, actions, feats, *step);
        }
    }
    (right, total)
}

/// The label an arc gets on an optimal path: the gold one when the arc is gold, else 0.
fn gold_label(ex: &Example, st: &State, a: Action, root: u8) -> u8 {
    match st.arc(a) {
        None => 0,
        Some((h, _)) if h as usize >= st.n => root,
        Some((h, d)) if ex.heads[d as usize] == h => ex.labels[d as usize],
        Some(_) => 0,
    }
}

/// Trains the feed-forward scorer ([`super::neural`]) on the static oracle's transitions of
/// `train` for `epochs` passes, keeping the epoch with the best LAS on `dev` (or the last).
/// `EpochReport::train_accuracy` is the share of training transitions the network scored
/// best during the epoch (with dropout).
pub fn train_neural(
    train: &[conllu::Sentence],
    dev: Option<&[conllu::Sentence]>,
    epochs: usize,
    seed: u64,
    opts: &NeuralOptions,
    mut progress: impl FnMut(&EpochReport),
) -> Result<ParserModel, ParserError> {
    if train.is_empty() {
        return Err(ParserError::Data("no training sentences".into()));
    }
    if epochs == 0 || opts.batch == 0 || opts.dim == 0 || opts.hidden == 0 {
        return Err(ParserError::Data("no epochs, batch or network size".into()));
    }
    if !(0.0..1.0).contains(&opts.dropout) {
        return Err(ParserError::Data("dropout must be in [0, 1)".into()));
    }
    let (labels, root) = label_inventory(train)?;
    let data = examples(train, &labels);
    let words: Vec<Vec<WordAttrs>> = data.iter().map(|e| e.words.clone()).collect();
    let (word_keys, tag_keys) = neural::vocabularies(&words, opts.min_count);
    let key_map = |keys: &[u64]| -> HashMap<u64, u32> {
        keys.iter()
            .enumerate()
            .map(|(i, &k)| (k, (i + 3) as u32))
            .collect()
    };
    let (vocab, tags) = (key_map(&word_keys), key_map(&tag_keys));
    let n_labels = labels.len();
    let (n_words, n_tags) = (word_keys.len() + 3, tag_keys.len() + 3);
    // The static oracle's transitions.
    let mut samples = Vec::new();
    let mut rows = Vec::new();
    let mut st = State::default();
    for ex in &data {
        neural::sentence_rows(&ex.words, &vocab, &tags, &mut rows);
        st.reset(ex.words.len());
        while !st.terminal() {
            let Some(a) = Action::ALL
                .into_iter()
                .filter(|&a| st.valid(a))
                .min_by_key(|&a| st.cost(a, &ex.heads))
            else {
                break;
            };
            let label = gold_label(ex, &st, a, root);
            let mut feats = [0u32; neural::SLOTS];
            neural::features(&st, &rows, n_words, n_tags, &mut feats);
            samples.push(neural::Sample {
                feats,
                gold: neural::class_of(a, label, n_labels) as u16,
                valid: neural::valid_code(&st),
            });
            st.apply(a, label);
        }
    }
    let mut rng = neural::Rng::new(seed);
    let net = neural::Net::new(
        opts.dim,
        opts.hidden,
        1 + 2 * n_labels,
        n_words,
        n_tags,
        n_labels + 1,
        &mut rng,
    );
    let mut trainer = neural::Trainer::new(net);
    let mut order: Vec<usize> = (0..samples.len()).collect();
    let mut best: Option<(usize, neural::Net)> = None;
    let mut scratch = ParseScratch::new();
    let mut batch = Vec::with_capacity(opts.batch);
    for epoch in 0..epochs {
        for i in (1..order.len()).rev() {
            let j = rng.below(i + 1);
            order.swap(i, j);
        }
        let mut right = 0;
        for chunk in order.chunks(opts.batch) {
            batch.clear();
            batch.extend(chunk.iter().map(|&i| &samples[i]));
            right += trainer.step(&batch, root, opts, &mut rng).1;
        }
        let model = ParserModel::with_net(
            labels.clone(),
            root,
            neural::Neural::new(trainer.net.clone(), word_keys.clone(), tag_keys.clone()),
        );
        let dev_scores = dev.map(|d| super::evaluate(&model, d, &mut scratch));
        let las = dev_scores.map(|d| d.las).unwrap_or(0);
        if dev.is_none() || best.as_ref().is_none_or(|(b, _)| las > *b) {
            best = Some((las, trainer.net.clone()));
        }
        progress(&EpochReport {
            run: 1,
            epoch: epoch + 1,
            train_accuracy: right as f64 / samples.len().max(1) as f64,
            dev: dev_scores,
        });
    }
    let (_, net) = best.ok_or_else(|| ParserError::Data("no epochs".into()))?;
    Ok(ParserModel::with_net(
        labels,
        root,
        neural::Neural::new(net, word_keys, tag_keys),
    ))
}

/// Trains the graph-based parser ([`super::biaffine`], model format version 4) for `epochs`
/// passes, keeping the epoch with the best dev LAS (the last one without dev data).
pub fn train_biaffine(
    train: &[conllu::Sentence],
    dev: Option<&[conllu::Sentence]>,
    epochs: usize,
    seed: u64,
    opts: &BiaffineOptions,
    mut progress: impl FnMut(&EpochReport),
) -> Result<ParserModel, ParserError> {
    if train.is_empty() {
        return Err(ParserError::Data("no training sentences".into()));
    }
    let sizes = [
        opts.word_dim,
        opts.tag_dim,
        opts.suffix_dim,
        opts.shape_dim,
        opts.prefix_dim,
        opts.cluster_dim,
        opts.hidden,
        opts.arc_dim,
        opts.label_dim,
    ];
    if epochs == 0 || opts.batch == 0 || opts.layers == 0 || sizes.iter().any(|&s| s == 0) {
        return Err(ParserError::Data("no epochs, batch or network size".into()));
    }
    if !(0.0..1.0).contains(&opts.dropout) {
        return Err(ParserError::Data("dropout must be in [0, 1)".into()));
    }
    if !(0.0..1.0).contains(&opts.ema) {
        return Err(ParserError::Data(
            "the weight average's decay must be in [0, 1)".into(),
        ));
    }
    let (labels, root) = label_inventory(train)?;
    let data = examples(train, &labels);
    let words: Vec<Vec<WordAttrs>> = data.iter().map(|e| e.words.clone()).collect();
    let (keys, counts) = biaffine::vocabularies(&words, opts.min_count);
    let mut row_counts = vec![0u32; 2];
    row_counts.extend_from_slice(&counts);
    let emb = [
        opts.word_dim,
        opts.tag_dim,
        opts.suffix_dim,
        opts.shape_dim,
        opts.prefix_dim,
        opts.cluster_dim,
    ];
    let dims = biaffine::Dims {
        emb,
        rows: std::array::from_fn(|k| {
            if k == biaffine::SHAPE_TABLE {
                biaffine::SHAPES
            } else {
                keys[k].len() + 2
            }
        }),
        h: opts.hidden,
        layers: opts.layers,
        da: opts.arc_dim,
        dl: opts.label_dim,
        n_labels: labels.len(),
    };
    let mut rng = neural::Rng::new(seed);
    let net = biaffine::Net::new(dims, &mut rng);
    let model_of = |net: &biaffine::Net| {
        ParserModel::with_biaffine(
            labels.clone(),
            root,
            Biaffine::new(net.clone(), keys.clone()),
        )
    };
    let vocab = Biaffine::new(net.clone(), keys.clone());
    let samples: Vec<biaffine::Sample> = data
        .iter()
        .map(|e| biaffine::Sample::new(&e.words, &e.heads, &e.labels, &vocab))
        .collect();
    drop(vocab);
    let total_words: usize = samples.iter().map(|s| s.rows.len() - 1).sum();
    // The running average of the weights (Polyak averaging, exponentially weighted), which
    // dev scores and the model file take when `opts.ema` is set.
    let mut average = (opts.ema > 0.0).then(|| net.clone());
    let mut trainer = biaffine::Trainer::new(net, opts.shards);
    let mut order: Vec<usize> = (0..samples.len()).collect();
    let mut best: Option<(usize, biaffine::Net)> = None;
    let mut scratch = ParseScratch::new();
    let mut batch = Vec::with_capacity(opts.batch);
    let mut seeds = Vec::with_capacity(opts.batch);
    for epoch in 0..epochs {
        for i in (1..order.len()).rev() {
            let j = rng.below(i + 1);
            order.swap(i, j);
        }
        let mut right = 0;
        for chunk in order.chunks(opts.batch) {
            batch.clear();
            seeds.clear();
            for &i in chunk {
                batch.push(&samples[i]);
                seeds.push(seed ^ ((epoch as u64) << 40) ^ (i as u64).wrapping_mul(0x9e37_79b9));
            }
            right += trainer.step(&batch, &seeds, opts, &row_counts).1;
            if let Some(avg) = average.as_mut() {
                let keep = opts.ema;
                for (a, &w) in avg.params.iter_mut().zip(&trainer.net.params) {
                    *a = keep * *a + (1.0 - keep) * w;
                }
            }
        }
        let current = average.as_ref().unwrap_or(&trainer.net);
        let model = model_of(current);
        let dev_scores = dev.map(|d| super::evaluate(&model, d, &mut scratch));
        let las = dev_scores.map(|d| d.las).unwrap_or(0);
        if dev.is_none() || best.as_ref().is_none_or(|(b, _)| las > *b) {
            best = Some((las, current.clone()));
        }
        progress(&EpochReport {
            run: 1,
            epoch: epoch + 1,
            train_accuracy: right as f64 / total_words.max(1) as f64,
            dev: dev_scores,
        });
    }
    let (_, net) = best.ok_or_else(|| ParserError::Data("no epochs".into()))?;
    Ok(model_of(&net))
}
