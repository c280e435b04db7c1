//! Feature extraction for the tagger, shared by training and tagging.
//!
//! Each word is described once per sentence by a [`WordInfo`] of precomputed 64-bit hashes
//! (normalised form, lowercase, prefixes, suffixes, shape, ambiguity class); the features of a
//! position combine its own and its neighbours' hashes with the two previous tags into a fixed
//! array of feature keys, so tagging allocates nothing per token.

use std::hash::{BuildHasherDefault, Hasher};

/// Number of features per position.
pub(crate) const N_FEATURES: usize = 40;

/// The tag id used for positions before the sentence start.
pub(crate) const START_TAG: u8 = 254;

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// Mixes two 64-bit values into one well-spread hash.
#[inline]
pub(crate) const fn mix(a: u64, b: u64) -> u64 {
    let x = (a ^ b.rotate_left(29)).wrapping_mul(K);
    x ^ (x >> 31)
}

/// A 64-bit hash of `bytes` under `seed`.
pub(crate) fn hash_bytes(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = seed.wrapping_mul(K) ^ (bytes.len() as u64);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(a)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut a = [0u8; 8];
        a[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(a)).wrapping_mul(K);
    }
    mix(h, 0x5bd1_e995)
}

/// A hasher for keys that are already hashes: it passes them through.
#[derive(Default, Clone, Copy)]
pub(crate) struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b) ^ (self.0 >> 56);
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.0 = u64::from(i).wrapping_mul(K);
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }
}

/// `HashMap` state for pre-hashed keys.
pub(crate) type PassThroughState = BuildHasherDefault<PassThrough>;

/// Writes the tagger's normalised form of `form` into `out`: curly quotes and apostrophes
/// become ASCII, en and em dashes become `-` and `--`, and the digits of a word without
/// letters become `0` (`1,250` → `0,000`).
pub(crate) fn normalize(form: &str, out: &mut String) {
    let has_letter = form.chars().any(char::is_alphabetic);
    for c in form.chars() {
        match c {
            '‘' | '’' | 'ʼ' | '`' => out.push('\''),
            '“' | '”' | '«' | '»' | '„' => out.push('"'),
            '–' | '‐' | '‑' => out.push('-'),
            '—' | '―' => out.push_str("--"),
            '…' => out.push_str("..."),
            c if c.is_ascii_digit() && !has_letter => out.push('0'),
            c => out.push(c),
        }
    }
}

/// What the tag dictionary knows about a word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct DictEntry {
    /// The set of tags seen often enough with the word, one bit per tag id.
    pub mask: u128,
    /// The tag of a frequent word that always has it, taken without scoring.
    pub sure: Option<u8>,
}

/// The precomputed hashes of one word.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordInfo {
    form: u64,
    lower: u64,
    suffix: [u64; 4],
    prefix: [u64; 3],
    shape: u64,
    ambig: u64,
    last_part: u64,
    flags: u64,
    pub sure: Option<u8>,
}

impl WordInfo {
    /// The padding word before the start or after the end of a sentence.
    pub(crate) const fn padding(which: u64) -> WordInfo {
        let h = mix(0xABCD, which);
        WordInfo {
            form: h,
            lower: h,
            suffix: [h; 4],
            prefix: [h; 3],
            shape: h,
            ambig: h,
            last_part: h,
            flags: h,
            sure: None,
        }
    }
}

/// Describes one word. `norm` is its normalised form; `lower` a scratch buffer; `lookup`
/// answers the tag dictionary for the form and, failing that, the lowercase form.
pub(crate) fn word_info(
    norm: &str,
    lower: &mut String,
    lookup: impl Fn(&str, &str) -> DictEntry,
) -> WordInfo {
    lower.clear();
    for c in norm.chars() {
        lower.extend(c.to_lowercase());
    }
    let l = lower.as_str();
    let mut info = WordInfo {
        form: hash_bytes(1, norm.as_bytes()),
        lower: hash_bytes(2, l.as_bytes()),
        ..WordInfo::default()
    };
    // Suffixes and prefixes by characters.
    let mut ends = l.char_indices().rev().map(|(i, _)| i);
    for k in 0..4 {
        let start = ends.next().unwrap_or(0);
        info.suffix[k] = hash_bytes(10 + k as u64, &l.as_bytes()[start..]);
    }
    let mut starts = l.char_indices().map(|(i, c)| i + c.len_utf8());
    for k in 0..3 {
        let end = starts.next().unwrap_or(l.len());
        info.prefix[k] = hash_bytes(20 + k as u64, &l.as_bytes()[..end]);
    }
    // Shape: X x d or the mark itself, runs capped at 3.
    let mut shape = 0x1234u64;
    let mut last = '\0';
    let mut run = 0;
    let (mut upper, mut lowerc, mut digit, mut hyphen, mut other) = (0, 0, 0, false, false);
    for c in norm.chars() {
        let m = if c.is_uppercase() {
            upper += 1;
            'X'
        } else if c.is_lowercase() {
            lowerc += 1;
            'x'
        } else if c.is_numeric() {
            digit += 1;
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            if c == '-' {
                hyphen = true;
            } else {
                other = true;
            }
            c
        };
        if m == last {
            run += 1;
        } else {
            run = 1;
            last = m;
        }
        if run <= 3 {
            shape = mix(shape, m as u64);
        }
    }
    info.shape = shape;
    info.flags = (upper > 0) as u64
        | ((lowerc > 0) as u64) << 1
        | ((digit > 0) as u64) << 2
        | (hyphen as u64) << 3
        | (other as u64) << 4
        | ((upper > 1 && lowerc == 0) as u64) << 5
        | ((norm.chars().next().is_some_and(char::is_uppercase)) as u64) << 6;
    info.last_part = match l.rfind('-') {
        Some(i) if i + 1 < l.len() => hash_bytes(30, &l.as_bytes()[i + 1..]),
        _ => 0,
    };
    let entry = lookup(norm, l);
    info.ambig = mix(
        0x77,
        (entry.mask as u64) ^ ((entry.mask >> 64) as u64).rotate_left(1),
    );
    info.sure = entry.sure;
    info
}

/// The feature keys of position `i` of `words`, given the two previous tags.
#[inline]
pub(crate) fn features(words: &[WordInfo], i: usize, p1: u8, p2: u8, out: &mut [u64; N_FEATURES]) {
    const BEFORE: WordInfo = WordInfo::padding(1);
    const AFTER: WordInfo = WordInfo::padding(2);
    let w = &words[i];
    let m1 = if i >= 1 { &words[i - 1] } else { &BEFORE };
    let m2 = if i >= 2 { &words[i - 2] } else { &BEFORE };
    let n1 = words.get(i + 1).unwrap_or(&AFTER);
    let n2 = words.get(i + 2).unwrap_or(&AFTER);
    let t1 = p1 as u64;
    let t2 = p2 as u64;
    let f = |t: u64, v: u64| mix(t.wrapping_mul(0x100_0000_01B3), v);
    let first = (i == 0) as u64;
    *out = [
        f(0, 0),
        f(1, w.lower),
        f(2, w.form),
        f(3, w.suffix[0]),
        f(4, w.suffix[1]),
        f(5, w.suffix[2]),
        f(6, w.suffix[3]),
        f(7, w.prefix[0]),
        f(8, w.prefix[1]),
        f(9, w.prefix[2]),
        f(10, w.shape),
        f(11, w.ambig),
        f(12, m1.lower),
        f(13, m2.lower),
        f(14, n1.lower),
        f(15, n2.lower),
        f(16, m1.suffix[2]),
        f(17, n1.suffix[2]),
        f(18, n1.ambig),
        f(19, n2.ambig),
        f(20, n1.shape),
        f(21, t1),
        f(22, t2),
        f(23, mix(t1, t2)),
        f(24, mix(t1, w.lower)),
        f(25, mix(m1.lower, w.lower)),
        f(26, mix(w.lower, n1.lower)),
        f(27, mix(w.ambig, n1.ambig)),
        f(28, mix(t1, n1.ambig)),
        f(29, mix(first, w.shape)),
        f(30, mix(t1, w.suffix[2])),
        f(31, w.last_part),
        f(32, mix(w.flags, first)),
        f(33, mix(m1.ambig, w.ambig)),
        f(34, mix(t1, w.ambig)),
        f(35, mix(mix(t1, w.ambig), n1.ambig)),
        f(36, mix(m1.lower, mix(w.lower, n1.lower))),
        f(37, mix(w.suffix[1], n1.lower)),
        f(38, mix(m1.shape, w.shape)),
        f(39, mix(mix(t2, t1), w.lower)),
    ];
}
