//! Word clusters: a binary hierarchy over the vocabulary of raw text, read by the parser as
//! bit-string prefixes (Koo, Carreras and Collins 2008), so that words it never saw in the
//! treebank, or saw with another tag, share features with words that behave alike.
//!
//! [`induce`] builds the hierarchy deterministically by divisive clustering of distributional
//! vectors: every word seen at least `min_count` times gets the positive pointwise mutual
//! information of its left and right neighbours among the `contexts` most frequent words
//! (and the sentence boundaries), normalised to unit length; the vocabulary is then split in
//! two again and again, each split seeded by the sign of the words' projection on the first
//! principal direction of the node (power iteration) and refined by spherical 2-means, until
//! `depth` bits or nodes of fewer than `min_size` words. A word's cluster is its path of bits.
//!
//! The file (`resources/models/clusters.tsv`, embedded) has one `BITS<TAB>word` line per
//! word, words lowercased with digits folded to `0`, as the parser keys its word forms.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Settings of [`induce`]; the defaults build the shipped file.
#[derive(Clone, Debug)]
pub struct ClusterOptions {
    /// Words seen fewer times are not clustered.
    pub min_count: usize,
    /// Neighbours are described by the this many most frequent words.
    pub contexts: usize,
    /// Longest bit string.
    pub depth: u32,
    /// Nodes with fewer words are not split.
    pub min_size: usize,
    /// Power iterations per split.
    pub power_iterations: usize,
    /// 2-means iterations per split.
    pub kmeans_iterations: usize,
}

impl Default for ClusterOptions {
    fn default() -> ClusterOptions {
        ClusterOptions {
            min_count: 3,
            contexts: 1000,
            depth: 12,
            min_size: 2,
            power_iterations: 10,
            kmeans_iterations: 6,
        }
    }
}

/// A bad cluster file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("cluster file line {line}: {problem}")]
pub struct ClusterError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub problem: String,
}

/// Words and their bit strings.
#[derive(Clone, Debug, Default)]
pub struct Clusters {
    /// `(word, bits)`, sorted by bits then word.
    entries: Vec<(String, String)>,
    /// Folded-form hash to the prefix code `1 << len | bits`.
    codes: HashMap<u64, u32>,
}

/// The normalisation the parser keys words by: lowercased, ASCII digits folded to `0`.
pub fn normalise(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

fn code_of(bits: &str) -> Option<u32> {
    if bits.is_empty() || bits.len() > 30 {
        return None;
    }
    let mut code = 1u32;
    for b in bits.bytes() {
        code = (code << 1)
            | match b {
                b'0' => 0,
                b'1' => 1,
                _ => return None,
            };
    }
    Some(code)
}

/// The first `k` bits of a prefix code (the whole code when it is shorter).
#[inline]
pub fn prefix(code: u32, k: u32) -> u32 {
    if code == 0 {
        return 0;
    }
    let len = 31 - code.leading_zeros();
    if len <= k {
        code
    } else {
        code >> (len - k)
    }
}

impl Clusters {
    /// Builds the lookup from `(word, bits)` pairs.
    fn from_entries(mut entries: Vec<(String, String)>) -> Clusters {
        entries.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
        let mut codes = HashMap::with_capacity(entries.len());
        for (w, bits) in &entries {
            if let Some(c) = code_of(bits) {
                codes.insert(crate::parser::word_key(w), c);
            }
        }
        Clusters { entries, codes }
    }

    /// Reads the `BITS<TAB>word` lines of a cluster file.
    pub fn from_text(text: &str) -> Result<Clusters, ClusterError> {
        let mut entries = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.is_empty() {
                continue;
            }
            let err = |problem: &str| ClusterError {
                line: i + 1,
                problem: problem.to_string(),
            };
            let (bits, word) = line
                .split_once('\t')
                .ok_or_else(|| err("expected BITS<TAB>word"))?;
            if code_of(bits).is_none() {
                return Err(err("the bit string must be 1 to 30 characters 0 or 1"));
            }
            if word.is_empty() {
                return Err(err("empty word"));
            }
            entries.push((word.to_string(), bits.to_string()));
        }
        Ok(Clusters::from_entries(entries))
    }

    /// The file text: one `BITS<TAB>word` line per word, sorted by bits then word.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for (w, bits) in &self.entries {
            out.push_str(bits);
            out.push('\t');
            out.push_str(w);
            out.push('\n');
        }
        out
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no words.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Number of distinct bit strings.
    pub fn cluster_count(&self) -> usize {
        let mut n = 0;
        let mut last: Option<&str> = None;
        for (_, b) in &self.entries {
            if last != Some(b.as_str()) {
                n += 1;
                last = Some(b);
            }
        }
        n
    }

    /// The prefix code (`1 << len | bits`) of the word whose folded-form hash is `key`, 0 for
    /// a word without a cluster.
    #[inline]
    pub fn code(&self, key: u64) -> u32 {
        self.codes.get(&key).copied().unwrap_or(0)
    }

    /// The bit string of `word` (normalised here), if it has one.
    pub fn bits(&self, word: &str) -> Option<String> {
        let c = self.code(crate::parser::word_key(word));
        if c == 0 {
            return None;
        }
        let len = 31 - c.leading_zeros();
        Some(
            (0..len)
                .rev()
                .map(|i| if c >> i & 1 == 1 { '1' } else { '0' })
                .collect(),
        )
    }

    /// The embedded clusters (`resources/models/clusters.tsv`).
    pub fn shipped() -> Result<&'static Clusters, ClusterError> {
        static SHIPPED: OnceLock<Result<Clusters, ClusterError>> = OnceLock::new();
        SHIPPED
            .get_or_init(|| {
                Clusters::from_text(include_str!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/../../resources/models/clusters.tsv"
                )))
            })
            .as_ref()
            .map_err(Clone::clone)
    }
}

/// A sparse unit vector.
type Sparse = Vec<(u32, f32)>;

#[inline]
fn dot(x: &Sparse, v: &[f32]) -> f32 {
    x.iter().map(|&(i, a)| a * v[i as usize]).sum()
}

fn normalise_dense(v: &mut [f32]) -> bool {
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n <= 1e-12 || !n.is_finite() {
        return false;
    }
    v.iter_mut().for_each(|x| *x /= n);
    true
}

/// Clusters the words of `sentences` (each a list of tokens, normalised here).
pub fn induce(sentences: &[Vec<String>], opts: &ClusterOptions) -> Clusters {
    // Vocabulary by frequency, ties by the word.
    let mut counts: HashMap<String, u32> = HashMap::new();
    let norm: Vec<Vec<String>> = sentences
        .iter()
        .map(|s| s.iter().map(|w| normalise(w)).collect())
        .collect();
    for s in &norm {
        for w in s {
            *counts.entry(w.clone()).or_default() += 1;
        }
    }
    let mut vocab: Vec<(&str, u32)> = counts
        .iter()
        .filter(|(_, &c)| c as usize >= opts.min_count.max(1))
        .map(|(w, &c)| (w.as_str(), c))
        .collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    if vocab.len() < 2 {
        return Clusters::default();
    }
    let id: HashMap<&str, u32> = vocab
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (*w, i as u32))
        .collect();
    // Context columns: left neighbour k (0..K), boundary (K), then the same on the right.
    let k = opts.contexts.min(vocab.len()) as u32;
    let side = k + 1;
    let dim = (2 * side) as usize;
    let mut cooc: Vec<HashMap<u32, f32>> = vec![HashMap::new(); vocab.len()];
    for s in &norm {
        let ids: Vec<Option<u32>> = s.iter().map(|w| id.get(w.as_str()).copied()).collect();
        let ctx = |j: Option<usize>| -> Option<u32> {
            match j {
                None => Some(k),
                Some(j) => ids[j].filter(|&c| c < k),
            }
        };
        for (i, wid) in ids.iter().enumerate() {
            let Some(wid) = *wid else { continue };
            let left = ctx(i.checked_sub(1));
            let right = ctx(if i + 1 < ids.len() { Some(i + 1) } else { None });
            if let Some(c) = left {
                *cooc[wid as usize].entry(c).or_default() += 1.0;
            }
            if let Some(c) = right {
                *cooc[wid as usize].entry(side + c).or_default() += 1.0;
            }
        }
    }
    // PPMI with context counts smoothed to the power 0.75, then unit length.
    let mut col = vec![0f64; dim];
    let mut total = 0f64;
    for row in &cooc {
        for (&c, &n) in row {
            col[c as usize] += n as f64;
            total += n as f64;
        }
    }
    let smoothed: Vec<f64> = col.iter().map(|&c| c.powf(0.75)).collect();
    let smoothed_total: f64 = smoothed.iter().sum();
    let points: Vec<Sparse> = cooc
        .iter()
        .map(|row| {
            let row_total: f64 = row.values().map(|&n| n as f64).sum();
            let mut v: Sparse = row
                .iter()
                .filter_map(|(&c, &n)| {
                    let p_wc = n as f64 / total;
                    let p_w = row_total / total;
                    let p_c = smoothed[c as usize] / smoothed_total;
                    let pmi = (p_wc / (p_w * p_c)).ln();
                    (pmi > 0.0).then_some((c, pmi as f32))
                })
                .collect();
            v.sort_by_key(|&(c, _)| c);
            let n = v.iter().map(|(_, a)| a * a).sum::<f32>().sqrt();
            if n > 0.0 {
                v.iter_mut().for_each(|(_, a)| *a /= n);
            }
            v
        })
        .collect();
    let weight: Vec<f32> = vocab.iter().map(|&(_, c)| (1.0 + c as f32).ln()).collect();

    let mut bits: Vec<String> = vec![String::new(); vocab.len()];
    let mut stack: Vec<(Vec<u32>, String)> =
        vec![((0..vocab.len() as u32).collect(), String::new())];
    let mut mu = vec![0f32; dim];
    let mut v = vec![0f32; dim];
    let mut next = vec![0f32; dim];
    let mut cents = [vec![0f32; dim], vec![0f32; dim]];
    while let Some((node, path)) = stack.pop() {
        let leaf = |bits: &mut Vec<String>, node: &[u32], path: &str| {
            let p = if path.is_empty() { "0" } else { path };
            for &w in node {
                bits[w as usize] = p.to_string();
            }
        };
        if path.len() as u32 >= opts.depth || node.len() < opts.min_size.max(2) {
            leaf(&mut bits, &node, &path);
            continue;
        }
        // Weighted mean.
        mu.iter_mut().for_each(|x| *x = 0.0);
        let mut wsum = 0f32;
        for &w in &node {
            let a = weight[w as usize];
            wsum += a;
            for &(i, x) in &points[w as usize] {
                mu[i as usize] += a * x;
            }
        }
        mu.iter_mut().for_each(|x| *x /= wsum);
        // Power iteration from the most frequent word's offset from the mean.
        let first = node.iter().copied().min().unwrap_or(0) as usize;
        v.copy_from_slice(&mu);
        v.iter_mut().for_each(|x| *x = -*x);
        for &(i, x) in &points[first] {
            v[i as usize] += x;
        }
        if !normalise_dense(&mut v) {
            leaf(&mut bits, &node, &path);
            continue;
        }
        let mut ok = true;
        for _ in 0..opts.power_iterations {
            let mu_v: f32 = mu.iter().zip(&v).map(|(a, b)| a * b).sum();
            next.iter_mut().for_each(|x| *x = 0.0);
            let mut s_sum = 0f32;
            for &w in &node {
                let s = weight[w as usize] * (dot(&points[w as usize], &v) - mu_v);
                s_sum += s;
                for &(i, x) in &points[w as usize] {
                    next[i as usize] += s * x;
                }
            }
            for (n, m) in next.iter_mut().zip(&mu) {
                *n -= s_sum * m;
            }
            std::mem::swap(&mut v, &mut next);
            if !normalise_dense(&mut v) {
                ok = false;
                break;
            }
        }
        if !ok {
            leaf(&mut bits, &node, &path);
            continue;
        }
        let mu_v: f32 = mu.iter().zip(&v).map(|(a, b)| a * b).sum();
        let mut side_of: Vec<usize> = node
            .iter()
            .map(|&w| usize::from(dot(&points[w as usize], &v) - mu_v >= 0.0))
            .collect();
        // Spherical 2-means.
        for _ in 0..opts.kmeans_iterations {
            for c in cents.iter_mut() {
                c.iter_mut().for_each(|x| *x = 0.0);
            }
            for (&w, &s) in node.iter().zip(&side_of) {
                let a = weight[w as usize];
                for &(i, x) in &points[w as usize] {
                    cents[s][i as usize] += a * x;
                }
            }
            if !normalise_dense(&mut cents[0]) || !normalise_dense(&mut cents[1]) {
                break;
            }
            let mut changed = false;
            for (&w, s) in node.iter().zip(side_of.iter_mut()) {
                let p = &points[w as usize];
                let new = usize::from(dot(p, &cents[1]) > dot(p, &cents[0]));
                if new != *s {
                    *s = new;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let mut halves: [Vec<u32>; 2] = [Vec::new(), Vec::new()];
        for (&w, &s) in node.iter().zip(&side_of) {
            halves[s].push(w);
        }
        if halves[0].is_empty() || halves[1].is_empty() {
            leaf(&mut bits, &node, &path);
            continue;
        }
        // The half holding the most frequent word takes bit 0.
        let first0 = halves[0].iter().min().copied().unwrap_or(u32::MAX);
        let first1 = halves[1].iter().min().copied().unwrap_or(u32::MAX);
        if first1 < first0 {
            halves.swap(0, 1);
        }
        let [h0, h1] = halves;
        stack.push((h1, format!("{path}1")));
        stack.push((h0, format!("{path}0")));
    }
    Clusters::from_entries(
        vocab
            .iter()
            .zip(bits)
            .map(|(&(w, _), b)| (w.to_string(), b))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_clusters_load_and_cover_common_words() {
        let c = Clusters::shipped().expect("shipped clusters");
        assert!(c.len() > 1000);
        assert!(c.bits("the").is_some());
        assert!(c.bits("The").is_some(), "lookup lowercases");
    }

    #[test]
    fn file_round_trips_and_bad_lines_are_errors() {
        let c = Clusters::from_text("0101\tcat\n0100\tdog\n11\tran\n").expect("valid");
        assert_eq!(c.bits("Dog").as_deref(), Some("0100"));
        assert_eq!(c.cluster_count(), 3);
        let again = Clusters::from_text(&c.to_text()).expect("round trip");
        assert_eq!(again.to_text(), c.to_text());
        assert_eq!(prefix(c.code(crate::parser::word_key("cat")), 2), 0b101);
        assert_eq!(prefix(c.code(crate::parser::word_key("ran")), 4), 0b111);
        let err = Clusters::from_text("01\tok\n012\tbad\n").expect_err("bad bits");
        assert_eq!(err.line, 2);
        assert!(Clusters::from_text("0101 cat\n").is_err());
    }

    #[test]
    fn induction_is_deterministic_and_separates_word_classes() {
        let mut sents = Vec::new();
        for (i, n) in ["cat", "dog", "bird", "fish"].iter().enumerate() {
            for (j, v) in ["runs", "sleeps", "eats", "sits"].iter().enumerate() {
                for _ in 0..=(i + j) % 3 {
                    sents.push(
                        ["the", n, v, "here"]
                            .iter()
                            .map(|s| s.to_string())
                            .collect::<Vec<_>>(),
                    );
                    sents.push(
                        ["a", n, v, "now"]
                            .iter()
                            .map(|s| s.to_string())
                            .collect::<Vec<_>>(),
                    );
                }
            }
        }
        let opts = ClusterOptions {
            min_count: 1,
            ..ClusterOptions::default()
        };
        let a = induce(&sents, &opts);
        let b = induce(&sents, &opts);
        assert_eq!(a.to_text(), b.to_text());
        let bits = |w: &str| a.bits(w).unwrap_or_default();
        let shared = |x: &str, y: &str| {
            bits(x)
                .chars()
                .zip(bits(y).chars())
                .take_while(|(p, q)| p == q)
                .count()
        };
        assert!(shared("cat", "dog") > shared("cat", "runs"));
        assert!(shared("runs", "eats") > shared("runs", "dog"));
    }
}
