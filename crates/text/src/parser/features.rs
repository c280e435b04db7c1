//! Feature extraction: hashed Zhang & Nivre-style templates over the parser state.
//!
//! Every word is reduced once to hashed attributes ([`WordAttrs`]): the lowercased form with
//! digits folded to `0`, the XPOS, the UPOS and a coarse shape. A feature is a template number
//! combined with the attributes it reads, hashed to 64 bits; the model maps the top bits of the
//! hash to a row of weights. `0` stands for "no such word" in every attribute.

use newsgraph_core::Upos;

use super::state::{State, NONE};

/// The templates and the way their values are hashed, recorded in a model as its feature-set
/// number: 3 and 4 chain a 64-bit finaliser over every value (4 adds the word-cluster
/// templates of `newsgraph train parser --clusters`); 5 and 6 are the same templates with one
/// multiplication per value ([`Templates::cheap`]), what training writes now. Bump the numbers
/// when templates or hashing change: models record theirs and refuse to load otherwise.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Templates {
    /// The word-cluster templates are added.
    pub clusters: bool,
    /// Values are folded in with one multiplication each instead of a full finaliser.
    pub cheap: bool,
}

impl Templates {
    /// What `newsgraph train parser` writes.
    pub fn current(clusters: bool) -> Templates {
        Templates {
            clusters,
            cheap: true,
        }
    }

    /// The feature-set number recorded in a model.
    pub fn number(self) -> u32 {
        match (self.cheap, self.clusters) {
            (false, false) => 3,
            (false, true) => 4,
            (true, false) => 5,
            (true, true) => 6,
        }
    }

    /// The templates of feature-set number `n`, if this build knows it.
    pub fn from_number(n: u32) -> Option<Templates> {
        let (cheap, clusters) = match n {
            3 => (false, false),
            4 => (false, true),
            5 => (true, false),
            6 => (true, true),
            _ => return None,
        };
        Some(Templates { clusters, cheap })
    }
}

/// Hashed attributes of one word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct WordAttrs {
    /// Lowercased form, digits folded.
    pub w: u64,
    /// Lowercased lemma, digits folded (the form's when there is no lemma).
    pub m: u64,
    /// XPOS.
    pub p: u64,
    /// UPOS (small number).
    pub u: u64,
    /// Shape class (small number).
    pub shape: u64,
    /// Word cluster bit-string prefixes of 4 and 6 bits and the whole string, hashed (a fixed
    /// value for words without a cluster); zero until [`WordAttrs::add_clusters`], which only
    /// models with the cluster templates need.
    pub c4: u64,
    pub c6: u64,
    pub cf: u64,
    /// The last and the first three letters, lowercased, hashed.
    pub suf: u64,
    pub pre: u64,
}

/// Hashed cluster prefixes of the word whose folded-form hash is `w`.
#[inline]
fn cluster_attrs(w: u64) -> (u64, u64, u64) {
    let code = crate::clusters::Clusters::shipped()
        .map(|c| c.code(w))
        .unwrap_or(0);
    let h = |k: u32, tag: u64| mix(crate::clusters::prefix(code, k) as u64 ^ tag) | 1;
    (h(4, 0xc4 << 40), h(6, 0xc6 << 40), h(31, 0xcf << 40))
}

/// A 64-bit finaliser (the splitmix64 one).
#[inline]
pub(crate) fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

#[inline]
fn hash_str_with(mut h: u64, bytes: impl Iterator<Item = u8>) -> u64 {
    for b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix(h) | 1
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// Hash of `s` lowercased, with ASCII digits folded to `0`.
pub(crate) fn folded_hash(s: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for c in s.chars() {
        for lc in c.to_lowercase() {
            let lc = if lc.is_ascii_digit() { '0' } else { lc };
            let mut buf = [0u8; 4];
            for &b in lc.encode_utf8(&mut buf).as_bytes() {
                h ^= b as u64;
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    mix(h) | 1
}

impl WordAttrs {
    /// The attributes of a word with form `form`, lemma `lemma` (may be empty) and tags
    /// `upos`, `xpos`.
    pub fn new(form: &str, lemma: &str, upos: Upos, xpos: &str) -> WordAttrs {
        let mut has_upper = false;
        let mut has_lower = false;
        let mut has_digit = false;
        let mut has_alpha = false;
        let mut first_upper = false;
        for (i, c) in form.chars().enumerate() {
            if c.is_uppercase() {
                has_upper = true;
                if i == 0 {
                    first_upper = true;
                }
            }
            if c.is_lowercase() {
                has_lower = true;
            }
            if c.is_alphabetic() {
                has_alpha = true;
            }
            if c.is_numeric() {
                has_digit = true;
            }
        }
        let w = folded_hash(form);
        let m = if lemma.is_empty() || lemma == "_" {
            w
        } else {
            folded_hash(lemma) ^ 0x4c45_4d4d
        };
        let shape = if has_digit {
            4
        } else if !has_alpha {
            5
        } else if has_upper && !has_lower {
            3
        } else if first_upper {
            2
        } else {
            1
        };
        let mut suf = 0x5355_4646_4958_0001u64;
        for c in form.chars().rev().take(3) {
            for l in c.to_lowercase() {
                suf = (suf ^ l as u64).wrapping_mul(0x0100_0000_01b3);
            }
        }
        let mut pre = 0x5052_4546_4958_0001u64;
        for c in form.chars().take(3) {
            for l in c.to_lowercase() {
                pre = (pre ^ l as u64).wrapping_mul(0x0100_0000_01b3);
            }
        }
        WordAttrs {
            suf,
            pre,
            c4: 0,
            c6: 0,
            cf: 0,
            w,
            m,
            p: hash_str_with(0x8422_2325_cbf2_9ce4, xpos.bytes()),
            u: upos as u64 + 1,
            shape,
        }
    }

    /// Fills in the word-cluster attributes (from the shipped clusters).
    pub fn add_clusters(&mut self) {
        (self.c4, self.c6, self.cf) = cluster_attrs(self.w);
    }
}

/// What a feature reads about one node: form, XPOS, UPOS, arc label (+1, 0 unattached).
#[derive(Clone, Copy, Debug, Default)]
struct Node {
    w: u64,
    m: u64,
    p: u64,
    u: u64,
    l: u64,
    shape: u64,
    c4: u64,
    c6: u64,
    cf: u64,
}

const ROOT: Node = Node {
    w: 0x5f52_4f4f_545f_5f57,
    m: 0x5f52_4f4f_545f_5f4d,
    p: 0x5f52_4f4f_545f_5f50,
    u: 40,
    l: 0,
    shape: 6,
    c4: 0x5f52_4f4f_545f_5fc4,
    c6: 0x5f52_4f4f_545f_5fc6,
    cf: 0x5f52_4f4f_545f_5fcf,
};

#[inline]
fn node(st: &State, words: &[WordAttrs], i: u32) -> Node {
    if i == NONE {
        return Node::default();
    }
    let i = i as usize;
    if i >= st.n {
        return ROOT;
    }
    let a = words[i];
    Node {
        w: a.w,
        m: a.m,
        p: a.p,
        u: a.u,
        l: if st.heads[i] != NONE {
            st.labels[i] as u64 + 1
        } else {
            0
        },
        shape: a.shape,
        c4: a.c4,
        c6: a.c6,
        cf: a.cf,
    }
}

#[inline]
fn child(i: u32, v: &[u32]) -> u32 {
    if i == NONE {
        NONE
    } else {
        v[i as usize]
    }
}

#[inline]
fn distance(a: u32, b: u32) -> u64 {
    if a == NONE || b == NONE {
        return 0;
    }
    let d = a.abs_diff(b) as u64;
    1 + match d {
        0..=4 => d,
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

#[inline]
fn count(i: u32, v: &[u8]) -> u64 {
    if i == NONE {
        0
    } else {
        1 + v[i as usize].min(6) as u64
    }
}

#[inline]
fn set(i: u32, v: &[u64]) -> u64 {
    if i == NONE {
        0
    } else {
        mix(v[i as usize] ^ 0x5e7)
    }
}

/// The feature hash of template `t` over `vals`. The model reads the top bits, which a
/// multiplication by an odd constant makes depend on every bit of its operand, so the cheap
/// way folds each value in with one multiplication; the old way runs the finaliser after each.
#[inline(always)]
fn hash<const CHEAP: bool>(t: u64, vals: &[u64]) -> u64 {
    let mut h = t.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for &v in vals {
        h = if CHEAP {
            (h ^ v).wrapping_mul(0xd6e8_feb8_6659_fd93).rotate_left(32)
        } else {
            mix(h ^ v)
        };
    }
    if CHEAP {
        h.rotate_left(32)
    } else {
        h
    }
}

macro_rules! templates {
    ($cheap:ident, $out:ident, $first:expr; $($($v:expr),+);+ $(;)?) => {{
        let mut t: u64 = $first;
        $(
            t += 1;
            $out.push(hash::<$cheap>(t, &[$($v),+]));
        )+
        t
    }};
}

/// The features that choose the next transition.
pub(crate) fn action_features(st: &State, words: &[WordAttrs], set: Templates, out: &mut Vec<u64>) {
    if set.cheap {
        action_features_with::<true>(st, words, set.clusters, out)
    } else {
        action_features_with::<false>(st, words, set.clusters, out)
    }
}

fn action_features_with<const CHEAP: bool>(
    st: &State,
    words: &[WordAttrs],
    clusters: bool,
    out: &mut Vec<u64>,
) {
    out.clear();
    let (s0i, s1i, s2i) = (st.s(0), st.s(1), st.s(2));
    let (b0i, b1i, b2i) = (st.buf(0), st.buf(1), st.buf(2));
    let nd = |i: u32| node(st, words, i);
    let (s0, s1, s2, b0, b1, b2) = (nd(s0i), nd(s1i), nd(s2i), nd(b0i), nd(b1i), nd(b2i));
    let s0l = nd(child(s0i, &st.lc1));
    let s0l2 = nd(child(s0i, &st.lc2));
    let s0r = nd(child(s0i, &st.rc1));
    let s0r2 = nd(child(s0i, &st.rc2));
    let s1l = nd(child(s1i, &st.lc1));
    let s1r = nd(child(s1i, &st.rc1));
    let s1r2 = nd(child(s1i, &st.rc2));
    let b0l = nd(child(b0i, &st.lc1));
    let b0l2 = nd(child(b0i, &st.lc2));
    let d1 = distance(s0i, b0i);
    let d2 = distance(s1i, s0i);
    let (s0vl, s0vr) = (count(s0i, &st.nl), count(s0i, &st.nr));
    let b0vl = count(b0i, &st.nl);
    let (s1vl, s1vr) = (count(s1i, &st.nl), count(s1i, &st.nr));
    let (s0sl, s0sr) = (set(s0i, &st.lset), set(s0i, &st.rset));
    let b0sl = set(b0i, &st.lset);
    let (s1sl, s1sr) = (set(s1i, &st.lset), set(s1i, &st.rset));
    let depth = st.stack.len().min(4) as u64 + 1;
    let b3 = nd(st.buf(3));
    let s3 = nd(st.s(3));
    let s0ll = nd(child(child(s0i, &st.lc1), &st.lc1));
    let s1ll = nd(child(child(s1i, &st.lc1), &st.lc1));
    let last = templates!(CHEAP, out, 0;
        // single words
        s0.w, s0.p; s0.w; s0.p; s0.u;
        b0.w, b0.p; b0.w; b0.p; b0.u;
        b1.w, b1.p; b1.w; b1.p;
        b2.w, b2.p; b2.p;
        s1.w, s1.p; s1.w; s1.p; s1.u;
        s2.w, s2.p; s2.p;
        // pairs
        s0.w, s0.p, b0.w, b0.p; s0.w, s0.p, b0.w; s0.w, b0.w, b0.p; s0.w, s0.p, b0.p;
        s0.p, b0.w, b0.p; s0.w, b0.w; s0.p, b0.p; b0.p, b1.p; s0.u, b0.u;
        s1.w, s1.p, s0.w, s0.p; s1.w, s0.w; s1.p, s0.p; s1.w, s1.p, s0.p; s1.p, s0.w, s0.p;
        s1.u, s0.u;
        s1.w, b0.w; s1.p, b0.p; s1.p, b0.w; s1.w, b0.p;
        b0.w, b1.w; b0.w, b1.p; b0.p, b1.w;
        // three tags
        b0.p, b1.p, b2.p; s0.p, b0.p, b1.p; s1.p, s0.p, b0.p; s0.p, s0l.p, b0.p;
        s0.p, s0r.p, b0.p; s0.p, b0.p, b0l.p; s1.p, s0.p, s0l.p; s1.p, s0.p, s0r.p;
        s1.p, s1r.p, s0.p; s1.p, s1l.p, s0.p; s2.p, s1.p, s0.p; s1.p, s0.p, b1.p;
        s0.w, s1.p, b0.p; s0.p, s1.p, b0.w;
        // distance
        s0.w, d1; s0.p, d1; b0.w, d1; b0.p, d1; s0.w, b0.w, d1; s0.p, b0.p, d1;
        s1.p, s0.p, d2; s1.w, s0.w, d2; s1.p, d2; s0.p, d2; d1, d2, s0.p;
        // valency
        s0.w, s0vr; s0.p, s0vr; s0.w, s0vl; s0.p, s0vl; b0.w, b0vl; b0.p, b0vl;
        s1.w, s1vr; s1.p, s1vr; s1.p, s1vl;
        // children
        s0l.w; s0l.p; s0l.l; s0r.w; s0r.p; s0r.l; b0l.w; b0l.p; b0l.l;
        s1l.w; s1l.p; s1l.l; s1r.w; s1r.p; s1r.l;
        s0l2.p; s0l2.l; s0r2.p; s0r2.l; b0l2.p; b0l2.l; s1r2.p; s1r2.l;
        s0.p, s0l.p, s0l2.p; s0.p, s0r.p, s0r2.p; b0.p, b0l.p, b0l2.p; s1.p, s1r.p, s1r2.p;
        s0.p, s0l.l, s0r.l; b0.p, b0l.l, b0l2.l; s1.p, s1l.l, s1r.l;
        s0.w, s0l.l; s0.w, s0r.l; b0.w, b0l.l; s1.w, s1r.l;
        // label sets
        s0.w, s0sr; s0.p, s0sr; s0.w, s0sl; s0.p, s0sl; b0.w, b0sl; b0.p, b0sl;
        s1.p, s1sr; s1.p, s1sl; s1.w, s1sr;
        // context
        depth, b0.p; depth, s0.p, b0.p; s0.shape, b0.shape, s0.p;
        // extended context
        b3.p; b1.p, b2.p, b3.p; s3.p, s2.p, s1.p; s2.p, s1.p, b0.p; s2.p, s0.p, b0.p;
        s0.u, b0.u, b1.u; s1.u, s0.u, b0.u; s2.u, s1.u, s0.u;
        s0.w, s0.p, b0.w, b1.p; s0.w, b0.p, b1.p; s0.p, b0.w, b1.p; s0.p, b0.p, b1.w;
        s1.w, s0.p, b0.p; s1.p, s0.w, b0.p; s1.p, s0.p, b0.w;
        s0l.w, s0.w; s0r.w, s0.w; b0l.w, b0.w; s1r.w, s1.w; s0l.w, b0.w;
        s0.p, s0ll.p; s1.p, s1ll.p; s0ll.l, s0l.l, s0.p;
        s0.shape, s0.p, b0.p; b0.shape, b0.p, s0.p; b1.shape, b0.p;
        // lemmas
        s0.m; b0.m; s1.m; s0.m, b0.p; s0.p, b0.m; s0.m, b0.m; s1.m, s0.p; s1.p, s0.m;
        s1.m, s0.m; s0.m, s0sr; b0.m, b0sl; s1.m, s1sr
    );
    if !clusters {
        return;
    }
    templates!(CHEAP, out, last;
        s0.c4; s0.c6; s0.cf; b0.c4; b0.c6; b0.cf; s1.c4; s1.cf; b1.c4; b1.cf;
        s0.cf, s0.p; b0.cf, b0.p; s0.cf, b0.cf; s0.c4, b0.c4; s0.c6, b0.c6;
        s0.cf, b0.p; s0.p, b0.cf; s0.c4, b0.p; s0.p, b0.c4;
        s1.cf, s0.cf; s1.c4, s0.c4; s1.cf, s0.p; s1.p, s0.cf; s1.c4, s0.p; s1.p, s0.c4;
        b0.cf, b1.cf; b0.c4, b1.c4; b0.p, b1.c4; b0.c4, b1.p;
        s0.c4, b0.c4, b1.c4; s1.c4, s0.c4, b0.c4; s0.p, b0.c4, b1.p; s1.p, s0.c4, b0.p;
        s0.cf, d1; b0.cf, d1; s0.c4, b0.c4, d1; s1.c4, s0.c4, d2;
        s0l.c4, s0.p; s0r.c4, s0.p; b0l.c4, b0.p
    );
}

/// The features that choose the label of the arc `h -> d` (`left` when `d < h`); `ctx` is the
/// word beside the arc in the configuration (the second stack item for a left arc, the buffer
/// front for a right arc).
pub(crate) fn label_features(
    st: &State,
    words: &[WordAttrs],
    arc: (u32, u32, u32),
    set: Templates,
    out: &mut Vec<u64>,
) {
    if set.cheap {
        label_features_with::<true>(st, words, arc, set.clusters, out)
    } else {
        label_features_with::<false>(st, words, arc, set.clusters, out)
    }
}

fn label_features_with<const CHEAP: bool>(
    st: &State,
    words: &[WordAttrs],
    (h, d, ctx): (u32, u32, u32),
    clusters: bool,
    out: &mut Vec<u64>,
) {
    out.clear();
    let nd = |i: u32| node(st, words, i);
    let prev = |i: u32| if i == 0 || i == NONE { NONE } else { i - 1 };
    let next = |i: u32| {
        if i == NONE || i as usize + 1 >= st.n {
            NONE
        } else {
            i + 1
        }
    };
    let dir: u64 = if d < h { 1 } else { 2 };
    let (hn, dn, c) = (nd(h), nd(d), nd(ctx));
    let dl = nd(child(d, &st.lc1));
    let dl2 = nd(child(d, &st.lc2));
    let dr = nd(child(d, &st.rc1));
    let hl = nd(child(h, &st.lc1));
    let hr = nd(child(h, &st.rc1));
    let (dm1, dp1) = (nd(prev(d)), nd(next(d)));
    let (hm1, hp1) = (nd(prev(h)), nd(next(h)));
    let dist = distance(h, d);
    let (dsl, dsr) = (set(d, &st.lset), set(d, &st.rset));
    let (hsl, hsr) = (set(h, &st.lset), set(h, &st.rset));
    let (dvl, dvr) = (count(d, &st.nl), count(d, &st.nr));
    let (hvl, hvr) = (count(h, &st.nl), count(h, &st.nr));
    let last = templates!(CHEAP, out, 0;
        dir; dir, dn.w; dir, dn.p; dir, dn.u; dir, dn.w, dn.p; dir, dn.shape, dn.p;
        dir, hn.w; dir, hn.p; dir, hn.w, hn.p; dir, hn.u;
        dir, hn.w, dn.w; dir, hn.p, dn.p; dir, hn.w, dn.p; dir, hn.p, dn.w; dir, hn.u, dn.u;
        dir, hn.w, hn.p, dn.w, dn.p;
        dir, dist, hn.p, dn.p; dir, dist, dn.p;
        dir, dl.w, dn.p; dir, dl.p, dn.p; dir, dl.l, dn.p; dir, dr.w, dn.p; dir, dr.p, dn.p;
        dir, dr.l; dir, dl2.l, dl.l; dir, dsl, dn.p; dir, dsr, dn.p; dir, dsl, hn.p;
        dir, dl.w, hn.p; dir, dl.w, hn.w; dir, dl.w, dn.w;
        dir, hsl, dn.p; dir, hsr, dn.p; dir, hl.l, dn.p; dir, hr.l, dn.p; dir, hsl, hsr, dn.p;
        dir, dm1.p, dn.p; dir, dn.p, dp1.p; dir, hm1.p, hn.p; dir, hn.p, hp1.p; dir, dm1.w, dn.p;
        dir, dp1.w, dn.p;
        dir, c.p, dn.p; dir, c.p, hn.p, dn.p; dir, c.w, dn.p;
        dir, dn.p, dvl, dvr; dir, hn.p, hvl, hvr;
        dir, hn.m; dir, dn.m; dir, hn.m, dn.p; dir, hn.p, dn.m; dir, hn.m, dn.m;
        dir, hn.m, hsr, dn.p; dir, hn.m, hsl, dn.p; dir, dl.w, hn.m; dir, dn.m, dsl
    );
    if !clusters {
        return;
    }
    templates!(CHEAP, out, last;
        dir, dn.c4; dir, dn.c6; dir, dn.cf; dir, hn.c4; dir, hn.c6; dir, hn.cf;
        dir, dn.cf, dn.p; dir, hn.cf, hn.p; dir, hn.cf, dn.cf; dir, hn.c4, dn.c4;
        dir, hn.c6, dn.c6; dir, hn.p, dn.cf; dir, hn.cf, dn.p; dir, hn.p, dn.c4;
        dir, hn.c4, dn.p; dir, dist, hn.c4, dn.c4; dir, c.c4, dn.c4
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_hashings_separate_templates_values_and_order() {
        let vals = [0x1234_5678_9abc_def1u64, 7];
        for h in [hash::<true>, hash::<false>] {
            let a = h(1, &vals);
            assert_ne!(a, h(2, &vals));
            assert_ne!(a, h(1, &[vals[1], vals[0]]));
            assert_ne!(
                a >> 44,
                h(1, &[vals[0], 8]) >> 44,
                "top bits ignore a small value"
            );
        }
        assert_ne!(hash::<true>(1, &vals), hash::<false>(1, &vals));
    }
}
