//! Part-of-speech tagging (UPOS and XPOS together) and lemmatization.
//!
//! An averaged perceptron over hashed features (see [`features`]) predicts one joint
//! UPOS+XPOS class per word, greedily left to right; frequent words that always carry the same
//! tag in the treebank take it from the tag dictionary without scoring. The [`Lemmatizer`]
//! then gives each word its lemma from its form and XPOS.
//!
//! The shipped model (`resources/models/tagger.bin`, trained on UD English EWT) is embedded in
//! the binary and decoded once, on first use. Its format, little-endian after the `NGTAGGER`
//! magic and version (see [`crate::binfmt`]):
//!
//! 1. classes: count, then per class its UPOS and XPOS strings;
//! 2. weights: the quantisation scale (`f32`), the feature count, then per feature (sorted by
//!    key) a `u32` key, an entry count `u8` and that many (class `u8`, weight `i16`) entries;
//! 3. tag dictionary: the ambiguity classes (count, then `u128` tag masks as two `u64`), then
//!    the entries (count, then `u32` key, `u16` ambiguity class, `u8` sure tag or 255);
//! 4. the lemmatizer (see [`Lemmatizer`]): its tags, suffix rules, exceptions and the keys of
//!    the known lemmas (version 2).

pub(crate) mod features;
pub mod train;

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use newsgraph_core::{Diagnostic, Document, Stage, Upos};

use crate::binfmt::{ModelError, Reader, Writer};
use crate::lemmatizer::Lemmatizer;
use features::{
    features, hash_bytes, normalize, word_info, DictEntry, PassThroughState, WordInfo, N_FEATURES,
    START_TAG,
};

/// Magic of the tagger model file.
pub const MAGIC: &[u8; 8] = b"NGTAGGER";
/// Format version of the tagger model file.
pub const VERSION: u32 = 2;

/// Most classes a model may have (tag sets are `u128` masks).
pub const MAX_CLASSES: usize = 128;

/// The shipped model file.
static SHIPPED: &[u8] = include_bytes!("../../../../resources/models/tagger.bin");

/// One weight of a feature for one class.
#[derive(Clone, Copy, Debug)]
struct Entry {
    class: u8,
    weight: i16,
}

/// Where the weights of one feature are: `len` entries from `start` in the entry list and,
/// for a feature with many classes, a dense row of `dense` as well.
#[derive(Clone, Copy, Debug)]
struct FeatureWeights {
    start: u32,
    len: u32,
    /// Offset of the feature's dense row, or [`NO_ROW`].
    row: u32,
}

const NO_ROW: u32 = u32::MAX;

/// Features with at least this many entries are scored from a dense row (one weight per
/// class): adding a whole row, which vectorises, costs less than this many scattered additions.
const DENSE_MIN: u32 = 24;

/// A trained tagger and lemmatizer, ready to tag.
#[derive(Debug, Default)]
pub struct TaggerModel {
    classes: Vec<(Upos, String)>,
    scale: f32,
    table: HashMap<u32, FeatureWeights, PassThroughState>,
    entries: Vec<Entry>,
    /// Dense rows (one weight per class) of the features with many entries, built at load.
    dense: Vec<i32>,
    ambig: Vec<u128>,
    dict: HashMap<u32, (u16, u8), PassThroughState>,
    lemmatizer: Lemmatizer,
}

/// The 32-bit key a 64-bit feature hash is stored under.
#[inline]
pub(crate) fn fingerprint(h: u64) -> u32 {
    (h ^ (h >> 32)) as u32
}

/// The dictionary key of a normalised form.
pub(crate) fn form_key(norm: &str) -> u64 {
    hash_bytes(101, norm.as_bytes())
}

/// The dictionary key of a lowercase form.
pub(crate) fn lower_key(lower: &str) -> u64 {
    hash_bytes(102, lower.as_bytes())
}

/// Reusable buffers for tagging sentences without allocating per word.
#[derive(Debug, Default)]
pub struct Scratch {
    norm: String,
    lower: String,
    infos: Vec<WordInfo>,
    tags: Vec<u8>,
    scores: Vec<i32>,
    /// Lemmas already found, by a hash of class and form: the form and its lemma.
    lemmas: HashMap<u64, (String, String), PassThroughState>,
}

/// Most lemmas a [`Scratch`] keeps before starting afresh.
const LEMMA_CACHE: usize = 1 << 14;

impl TaggerModel {
    /// The model embedded in the binary, decoded on first use.
    pub fn shipped() -> Result<Arc<TaggerModel>, ModelError> {
        static MODEL: OnceLock<Result<Arc<TaggerModel>, String>> = OnceLock::new();
        MODEL
            .get_or_init(|| {
                TaggerModel::from_bytes(SHIPPED)
                    .map(Arc::new)
                    .map_err(|e| e.to_string())
            })
            .clone()
            .map_err(ModelError::Corrupt)
    }

    /// The classes: UPOS and XPOS of each class id.
    pub fn classes(&self) -> &[(Upos, String)] {
        &self.classes
    }

    /// Number of weighted features.
    pub fn n_features(&self) -> usize {
        self.table.len()
    }

    /// The lemmatizer.
    pub fn lemmatizer(&self) -> &Lemmatizer {
        &self.lemmatizer
    }

    fn lookup(&self, norm: &str, lower: &str) -> DictEntry {
        let hit = self
            .dict
            .get(&fingerprint(form_key(norm)))
            .or_else(|| self.dict.get(&fingerprint(lower_key(lower))));
        match hit {
            Some(&(a, sure)) => DictEntry {
                mask: self.ambig.get(a as usize).copied().unwrap_or(0),
                sure: (sure != 255 && (sure as usize) < self.classes.len()).then_some(sure),
            },
            None => DictEntry::default(),
        }
    }

    /// Whether the tag dictionary holds this exact form (not only its lowercase).
    pub fn knows_form(&self, form: &str) -> bool {
        let mut norm = String::new();
        normalize(form, &mut norm);
        self.dict.contains_key(&fingerprint(form_key(&norm)))
    }

    /// Whether the treebank gave this exact form only proper-noun tags (`Clinton`), as
    /// opposed to a form it also saw as a common word (`Says`, `Health`) or never saw.
    pub fn only_proper(&self, form: &str) -> bool {
        let mut norm = String::new();
        normalize(form, &mut norm);
        let Some(&(a, _)) = self.dict.get(&fingerprint(form_key(&norm))) else {
            return false;
        };
        let mask = self.ambig.get(a as usize).copied().unwrap_or(0);
        mask != 0
            && self
                .classes
                .iter()
                .enumerate()
                .filter(|(c, _)| *c < 128 && mask & (1u128 << c) != 0)
                .all(|(_, (u, _))| *u == Upos::Propn)
    }

    /// Tags one sentence of word forms; returns a class id per word (see [`Self::classes`]).
    pub fn tag<'s>(&self, forms: &[&str], scratch: &'s mut Scratch) -> &'s [u8] {
        let Scratch {
            norm,
            lower,
            infos,
            tags,
            scores,
            ..
        } = scratch;
        infos.clear();
        for f in forms {
            norm.clear();
            normalize(f, norm);
            infos.push(word_info(norm, lower, |n, l| self.lookup(n, l)));
        }
        tags.clear();
        let n = self.classes.len();
        scores.clear();
        scores.resize(MAX_CLASSES, 0);
        let mut feats = [0u64; N_FEATURES];
        let (mut p1, mut p2) = (START_TAG, START_TAG);
        for i in 0..infos.len() {
            let t = match infos[i].sure {
                Some(t) => t,
                None => {
                    features(infos, i, p1, p2, &mut feats);
                    scores.iter_mut().for_each(|s| *s = 0);
                    for f in &feats {
                        let Some(slot) = self.table.get(&fingerprint(*f)) else {
                            continue;
                        };
                        let row = slot.row as usize;
                        if let Some(w) = self.dense.get(row..row + n) {
                            for (o, x) in scores.iter_mut().zip(w) {
                                *o += *x;
                            }
                        } else {
                            // a fixed-size array and an index taken modulo its length
                            // (classes were checked at load) leave no bounds checks
                            let (start, len) = (slot.start as usize, slot.len as usize);
                            let at: &mut [i32; MAX_CLASSES] = match scores.first_chunk_mut() {
                                Some(a) => a,
                                None => continue,
                            };
                            for e in self.entries.get(start..start + len).unwrap_or_default() {
                                at[e.class as usize % MAX_CLASSES] += e.weight as i32;
                            }
                        }
                    }
                    argmax(&scores[..n])
                }
            };
            tags.push(t);
            p2 = p1;
            p1 = t;
        }
        tags
    }

    /// Replaces the UPOS, XPOS and lemma of every word of a treebank sentence with the
    /// model's predictions (forms, heads and relations are kept).
    pub fn retag(&self, sentence: &mut crate::conllu::Sentence, scratch: &mut Scratch) {
        let forms: Vec<&str> = sentence.words.iter().map(|w| w.form.as_str()).collect();
        let tags = self.tag(&forms, scratch).to_vec();
        for (w, c) in sentence.words.iter_mut().zip(tags) {
            let Some((upos, xpos)) = self.classes.get(c as usize) else {
                continue;
            };
            w.lemma = self.lemmatizer.lemma(&w.form, xpos);
            w.upos = upos.as_str().to_string();
            w.xpos.clone_from(xpos);
        }
    }

    /// Encodes the model in its file format.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::new(MAGIC, VERSION);
        w.u32(self.classes.len() as u32);
        for (u, x) in &self.classes {
            w.str(u.as_str());
            w.str(x);
        }
        w.f32(self.scale);
        let mut keys: Vec<(&u32, &FeatureWeights)> = self.table.iter().collect();
        keys.sort_unstable_by_key(|(k, _)| **k);
        w.u32(keys.len() as u32);
        for (k, &FeatureWeights { start, len, .. }) in keys {
            w.u32(*k);
            w.u8(len as u8);
            for e in &self.entries[start as usize..(start + len) as usize] {
                w.u8(e.class);
                w.i16(e.weight);
            }
        }
        w.u32(self.ambig.len() as u32);
        for m in &self.ambig {
            w.u64(*m as u64);
            w.u64((*m >> 64) as u64);
        }
        let mut dict: Vec<(&u32, &(u16, u8))> = self.dict.iter().collect();
        dict.sort_unstable_by_key(|(k, _)| **k);
        w.u32(dict.len() as u32);
        for (k, &(a, s)) in dict {
            w.u32(*k);
            w.u16(a);
            w.u8(s);
        }
        self.lemmatizer.write(&mut w);
        w.finish()
    }

    /// Decodes a model file.
    pub fn from_bytes(data: &[u8]) -> Result<TaggerModel, ModelError> {
        let mut r = Reader::new(data, MAGIC, VERSION)?;
        let n = r.count(MAX_CLASSES)?;
        let mut classes = Vec::with_capacity(n);
        for _ in 0..n {
            let u = r.str()?;
            let upos =
                Upos::parse(&u).ok_or_else(|| ModelError::Corrupt(format!("bad UPOS `{u}`")))?;
            classes.push((upos, r.str()?));
        }
        let scale = r.f32()?;
        let nf = r.count(data.len() / 5)?;
        let mut table = HashMap::with_capacity_and_hasher(nf, PassThroughState::default());
        let mut entries = Vec::with_capacity(nf * 3);
        for _ in 0..nf {
            let k = r.u32()?;
            let len = r.u8()? as u32;
            let start = entries.len() as u32;
            for _ in 0..len {
                let class = r.u8()?;
                if class as usize >= n {
                    return Err(ModelError::Corrupt(format!("class {class} out of range")));
                }
                entries.push(Entry {
                    class,
                    weight: r.i16()?,
                });
            }
            table.insert(
                k,
                FeatureWeights {
                    start,
                    len,
                    row: NO_ROW,
                },
            );
        }
        let na = r.count(data.len() / 16)?;
        let mut ambig = Vec::with_capacity(na);
        for _ in 0..na {
            let lo = r.u64()? as u128;
            let hi = r.u64()? as u128;
            ambig.push(lo | (hi << 64));
        }
        let nd = r.count(data.len() / 7)?;
        let mut dict = HashMap::with_capacity_and_hasher(nd, PassThroughState::default());
        for _ in 0..nd {
            let k = r.u32()?;
            let a = r.u16()?;
            let s = r.u8()?;
            dict.insert(k, (a, s));
        }
        let lemmatizer = Lemmatizer::read(&mut r)?;
        if !r.at_end() {
            return Err(ModelError::Corrupt("trailing bytes".into()));
        }
        Ok(TaggerModel::new(
            classes, scale, table, entries, ambig, dict, lemmatizer,
        ))
    }

    /// A model from its parts, with the dense rows of its busiest features laid out.
    fn new(
        classes: Vec<(Upos, String)>,
        scale: f32,
        mut table: HashMap<u32, FeatureWeights, PassThroughState>,
        entries: Vec<Entry>,
        ambig: Vec<u128>,
        dict: HashMap<u32, (u16, u8), PassThroughState>,
        lemmatizer: Lemmatizer,
    ) -> TaggerModel {
        let stride = classes.len();
        let mut dense = Vec::new();
        for slot in table.values_mut() {
            slot.row = NO_ROW;
            if slot.len < DENSE_MIN {
                continue;
            }
            let at = dense.len();
            dense.resize(at + stride, 0i32);
            let (start, len) = (slot.start as usize, slot.len as usize);
            for e in entries.get(start..start + len).unwrap_or_default() {
                if let Some(w) = dense.get_mut(at + e.class as usize) {
                    *w += i32::from(e.weight);
                }
            }
            slot.row = at as u32;
        }
        TaggerModel {
            classes,
            scale,
            table,
            entries,
            dense,
            ambig,
            dict,
            lemmatizer,
        }
    }
}

/// The index of the highest score (the first on ties).
#[inline]
fn argmax<T: PartialOrd + Copy>(scores: &[T]) -> u8 {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best as u8
}

/// The tagging and lemmatizing stage (name `"tagger"`): fills `upos`, `xpos` and `lemma` of
/// every token in a sentence.
#[derive(Clone, Debug)]
pub struct Tagger {
    model: Arc<TaggerModel>,
}

impl Tagger {
    /// The tagger with the shipped model.
    pub fn new() -> Result<Tagger, ModelError> {
        Ok(Tagger {
            model: TaggerModel::shipped()?,
        })
    }

    /// A tagger with `model`.
    pub fn with_model(model: Arc<TaggerModel>) -> Tagger {
        Tagger { model }
    }

    /// The model.
    pub fn model(&self) -> &TaggerModel {
        &self.model
    }

    /// The lemma of `form` tagged with class `c`, from `cache` when it was asked before.
    fn lemma(
        &self,
        form: &str,
        c: u8,
        cache: &mut HashMap<u64, (String, String), PassThroughState>,
    ) -> String {
        let key = features::mix(u64::from(c), hash_bytes(103, form.as_bytes()));
        if let Some((f, lemma)) = cache.get(&key) {
            if f == form {
                return lemma.clone();
            }
        }
        let lemma = self
            .model
            .lemmatizer
            .lemma(form, &self.model.classes[c as usize].1);
        if cache.len() >= LEMMA_CACHE {
            cache.clear();
        }
        cache.insert(key, (form.to_string(), lemma.clone()));
        lemma
    }

    /// Tags and lemmatizes the tokens of every sentence of `doc` with reusable buffers.
    pub fn annotate_with(&self, doc: &mut Document, scratch: &mut Scratch) {
        let mut results: Vec<u8> = Vec::new();
        let mut lemmas: Vec<String> = Vec::new();
        let mut bad = 0;
        for si in 0..doc.sentences.len() {
            let range = doc.sentences[si].tokens.clone();
            let Some(tokens) = doc.tokens.get(range.clone()) else {
                bad += 1;
                continue;
            };
            let forms: Vec<&str> = tokens.iter().map(|t| t.form(&doc.text)).collect();
            results.clear();
            // Only the headline's place, the first sentence of an article of several, is
            // read so.
            let headline = if si == 0 && doc.sentences.len() >= 3 {
                headline_forms(&self.model, &forms)
            } else {
                None
            };
            match headline {
                Some(lowered) => {
                    let lowered: Vec<&str> = lowered.iter().map(String::as_str).collect();
                    results.extend_from_slice(self.model.tag(&lowered, scratch));
                }
                None => results.extend_from_slice(self.model.tag(&forms, scratch)),
            }
            lemmas.clear();
            for (f, &c) in forms.iter().zip(&results) {
                lemmas.push(self.lemma(f, c, &mut scratch.lemmas));
            }
            for ((t, &c), lemma) in doc.tokens[range]
                .iter_mut()
                .zip(&results)
                .zip(lemmas.drain(..))
            {
                let (upos, xpos) = &self.model.classes[c as usize];
                t.upos = *upos;
                t.xpos.clone_from(xpos);
                t.lemma = lemma;
            }
        }
        if bad > 0 {
            doc.diagnostics.push(Diagnostic::warning(
                "tagger",
                format!("{bad} sentences with a token range outside the document's tokens"),
            ));
        }
    }
}

/// A headline in title case (`Clinton Hid Past Health Problems From Public, Doctor Says`), the
/// first sentence of an article, is tagged as if written in sentence case: after the first
/// word, a capitalised word the treebank never saw only as a proper noun, whose lowercase form
/// it knows, is tagged in lowercase. A headline has at least four words of four letters or
/// more, nearly all capitalised and not all in capitals; `None` for any other sentence.
fn headline_forms(model: &TaggerModel, forms: &[&str]) -> Option<Vec<String>> {
    let cap = |f: &str| f.chars().next().is_some_and(char::is_uppercase);
    let long: Vec<&&str> = forms
        .iter()
        .filter(|f| f.chars().count() >= 4 && f.chars().all(char::is_alphabetic))
        .collect();
    let capitalised = long.iter().filter(|f| cap(f)).count();
    let upper = long
        .iter()
        .filter(|f| f.chars().all(char::is_uppercase))
        .count();
    if long.len() < 4 || capitalised * 5 < long.len() * 4 || upper * 2 > long.len() {
        return None;
    }
    let out: Vec<String> = forms
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let lower = f.to_lowercase();
            let lowered = i > 0
                && cap(f)
                && lower != **f
                && !model.only_proper(f)
                && model.knows_form(&lower);
            if lowered {
                lower
            } else {
                f.to_string()
            }
        })
        .collect();
    Some(out)
}

impl Stage for Tagger {
    fn name(&self) -> &'static str {
        "tagger"
    }

    fn annotate(&self, doc: &mut Document) {
        let mut scratch = Scratch::default();
        self.annotate_with(doc, &mut scratch);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_model_loads_and_tags_news() {
        let model = TaggerModel::shipped().unwrap();
        let mut scratch = Scratch::default();
        let forms = ["The", "minister", "said", "he", "did", "n't", "know", "."];
        let tags: Vec<&str> = model
            .tag(&forms, &mut scratch)
            .iter()
            .map(|&c| model.classes()[c as usize].0.as_str())
            .collect();
        assert_eq!(
            tags,
            ["DET", "NOUN", "VERB", "PRON", "AUX", "PART", "VERB", "PUNCT"]
        );
        assert!(model.tag(&[], &mut scratch).is_empty());
    }

    #[test]
    fn shipped_lemmatizer_keeps_whole_verb_stems() {
        let lem = TaggerModel::shipped().unwrap().lemmatizer().clone();
        for (form, xpos, lemma) in [
            ("declined", "VBD", "decline"),
            ("blasted", "VBD", "blast"),
            ("conceded", "VBD", "concede"),
            ("named", "VBN", "name"),
            ("provoked", "VBD", "provoke"),
            ("resumed", "VBD", "resume"),
            ("declining", "VBG", "decline"),
            ("bombed", "VBD", "bomb"),
            ("stopped", "VBD", "stop"),
            ("visited", "VBD", "visit"),
        ] {
            assert_eq!(lem.lemma(form, xpos), lemma, "{form}/{xpos}");
        }
    }

    #[test]
    fn encoding_round_trips_and_bad_files_are_errors() {
        let model = TaggerModel::shipped().unwrap();
        let bytes = model.to_bytes();
        assert_eq!(
            bytes, SHIPPED,
            "the shipped file is what the model encodes to"
        );
        let back = TaggerModel::from_bytes(&bytes).unwrap();
        assert_eq!(back.n_features(), model.n_features());
        assert!(TaggerModel::from_bytes(&bytes[..bytes.len() / 2]).is_err());
        assert!(TaggerModel::from_bytes(b"garbage").is_err());
    }

    #[test]
    fn stage_tags_and_lemmatizes_documents() {
        let mut doc = Document::from_text("d", "Rebels attacked the cities. They didn't stop.");
        crate::SentenceSplitter.annotate(&mut doc);
        crate::Tokenizer.annotate(&mut doc);
        Tagger::new().unwrap().annotate(&mut doc);
        let got: Vec<(&str, &str, &str)> = doc
            .tokens
            .iter()
            .map(|t| (t.form(&doc.text), t.upos.as_str(), t.lemma.as_str()))
            .collect();
        assert_eq!(got[1], ("attacked", "VERB", "attack"));
        assert_eq!(got[3], ("cities", "NOUN", "city"));
        assert_eq!(got[7], ("n't", "PART", "not"));
        // Documents without tokens are fine.
        let mut empty = Document::from_text("e", "");
        Tagger::new().unwrap().annotate(&mut empty);
        assert!(empty.tokens.is_empty());
    }
}
