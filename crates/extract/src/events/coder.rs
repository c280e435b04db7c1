//! The coder: lexicon triggers on the dependency parse, source and target from syntactic
//! slots, actors from the actors layer, one event per (source, target) pair.
//!
//! Per sentence: find each verb or noun whose lemma has lexicon entries, pick the entry whose
//! conditions all hold with the most conditions, take the source from the subject (the agent of
//! a passive; for a nominal event its possessor, modifier or the subject of a light verb) and the
//! target from the entry's slots (the subject of a passive first). Control verbs compose with
//! the event they govern ("refused to meet" is REJECT, "agreed to provide aid" is an intent to
//! aid, "threatened to strike" is THREATEN); events under other verbs of wanting are hypothetical.
//! Negation and modal auxiliaries set `negated`. Sentences with sport, entertainment or business
//! words are discarded.

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use newsgraph_core::{Document, Event, MentionVia, Place, Stage, TimexType};

use super::codebook::quad_class_of_root;
use super::codebook::Codebook;
use super::lexicon::{Condition, Entry, Lexicon, Slot, TriggerPos};
use super::petrarch::PetrarchDictionary;
use super::EventsError;

/// A coded trigger before actor resolution: token indices into `Document::tokens`.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// CAMEO code.
    pub code: String,
    /// The trigger token.
    pub trigger: usize,
    /// Phrase heads that may give the source, in order of preference.
    pub sources: Vec<usize>,
    /// Phrase heads that may give the target, in order of preference.
    pub targets: Vec<usize>,
    /// Negated or hypothetical.
    pub negated: bool,
    /// Confidence in 0..=1 before actor resolution.
    pub confidence: f32,
    /// The lexicon line that matched.
    pub line: usize,
    /// Whether a control verb was folded into this event ("refused to meet").
    pub composed: bool,
}

/// The event coding stage.
pub struct EventCoder {
    codebook: Codebook,
    lexicon: Lexicon,
    /// A user's PETRARCH verb dictionary, tried before our lexicon.
    user_verbs: Option<Arc<PetrarchDictionary>>,
    /// Code only what the user's verb dictionary codes.
    user_verbs_only: bool,
}

const NEGATORS: [&str; 4] = ["not", "n't", "never", "no"];
const HYPOTHETICAL_AUX: [&str; 7] = ["would", "could", "might", "may", "should", "must", "can"];
const FUTURE_AUX: [&str; 2] = ["will", "shall"];
const REFUSE: [&str; 3] = ["refuse", "decline", "reject"];
const INTENT: [&str; 20] = [
    "agree",
    "offer",
    "promise",
    "pledge",
    "vow",
    "swear",
    "plan",
    "intend",
    "decide",
    "prepare",
    "commit",
    "propose",
    "ready",
    "willing",
    "prepared",
    "determined",
    "undertake",
    "committed",
    "eager",
    "keen",
];

/// Predicate adjectives of willingness: "X is willing / ready / prepared to <verb>" expresses
/// an intent to do what the verb does, or an intent to cooperate when the verb codes nothing.
const INTENT_ADJECTIVES: [&str; 8] = [
    "willing",
    "ready",
    "prepared",
    "committed",
    "determined",
    "eager",
    "keen",
    "poised",
];
const THREAT: [&str; 2] = ["threaten", "warn"];
const APPEAL: [&str; 14] = [
    "urge",
    "ask",
    "call",
    "appeal",
    "press",
    "implore",
    "encourage",
    "invite",
    "plead",
    "request",
    "demand",
    "order",
    "insist",
    "tell",
];
/// Verbs under which the governed event happens: "began shelling", and attempts, which
/// count as the act ("tried to storm", "attempted to assassinate").
const IMPLICATIVE: [&str; 11] = [
    "begin", "start", "continue", "resume", "manage", "go", "proceed", "keep", "help", "try",
    "attempt",
];
const OBJECT_CONTROL: [&str; 14] = [
    "urge",
    "ask",
    "call",
    "press",
    "implore",
    "encourage",
    "invite",
    "tell",
    "order",
    "force",
    "persuade",
    "allow",
    "permit",
    "help",
];
const RELATIVE: [&str; 4] = ["who", "which", "that", "whom"];

/// Verbs of crowds moving or gathering: a demonstration when they come with a demand.
const CROWD_VERBS: [&str; 6] = ["march", "gather", "assemble", "parade", "converge", "rally"];

/// Pronouns that may stand for the speaker when they are the subject of reported speech.
const PRONOUN_SUBJECTS: [&str; 5] = ["it", "they", "he", "she", "we"];

/// Prepositions that point an embedded verb's phrase at the governing event's target.
const EMBEDDED_TARGET_PREPS: [&str; 6] = ["to", "on", "against", "with", "for", "from"];

/// Prepositions whose phrase may name an event's target when the lexicon entry's own slots
/// name no actor ("offered to hand over to X", "threatened to break relations with X").
const TARGET_PREPS: [&str; 11] = [
    "to", "with", "against", "on", "upon", "into", "toward", "towards", "from", "over", "at",
];

/// Nouns of measure or amount whose "of" phrase names what is given or sent.
const MEASURES: [&str; 16] = [
    "ton",
    "tonne",
    "kilogram",
    "dollar",
    "euro",
    "pound",
    "million",
    "billion",
    "thousand",
    "hundred",
    "amount",
    "shipment",
    "consignment",
    "package",
    "load",
    "tranche",
];

/// Nouns for ordinary people, who take the country of the place (or of the source) when
/// violence against them names no country.
const CIVILIANS: [&str; 16] = [
    "demonstrator",
    "protester",
    "protestor",
    "civilian",
    "people",
    "person",
    "villager",
    "resident",
    "worker",
    "student",
    "man",
    "woman",
    "child",
    "worshipper",
    "mourner",
    "passenger",
];

/// Verbs of travel whose `for` phrase says what the travellers came to do.
const JOURNEYS: [&str; 9] = [
    "return", "travel", "arrive", "come", "go", "fly", "head", "gather", "convene",
];

/// Relations followed from a phrase head when looking for the actor it names.
const ACTOR_PATH: [&str; 8] = [
    "compound", "amod", "nmod", "flat", "appos", "det", "nummod", "obl",
];

/// A sentence's dependency tree.
struct Tree<'a> {
    doc: &'a Document,
    lexicon: &'a Lexicon,
    start: usize,
    end: usize,
    children: Vec<Vec<usize>>,
    /// Subjects the parser labelled passive that are active (see `misparsed_passives`).
    active_subjects: BTreeSet<usize>,
    /// Heads and relations repaired over the parser's (see `repair_verbless_root`).
    heads: BTreeMap<usize, Option<usize>>,
    rels: BTreeMap<usize, &'static str>,
    /// Tokens the repairs read as verbs whatever their tag (see `repair_adjective_verbs`).
    verbs: BTreeSet<usize>,
    /// The lemma of each token of the sentence, found on first use (see [`Tree::lemma`]).
    lemmas: Vec<OnceCell<String>>,
}

impl<'a> Tree<'a> {
    fn new(doc: &'a Document, lexicon: &'a Lexicon, sentence: usize) -> Option<Tree<'a>> {
        let range = doc.sentences.get(sentence)?.tokens.clone();
        if range.is_empty() || range.end > doc.tokens.len() {
            return None;
        }
        let mut tree = Tree {
            doc,
            lexicon,
            start: range.start,
            end: range.end,
            children: Vec::new(),
            active_subjects: BTreeSet::new(),
            heads: BTreeMap::new(),
            rels: BTreeMap::new(),
            verbs: BTreeSet::new(),
            lemmas: vec![OnceCell::new(); range.len()],
        };
        tree.link();
        tree.repair_verbless_root();
        tree.link();
        tree.repair_auxiliary_root();
        tree.link();
        tree.repair_adjective_verbs();
        tree.link();
        tree.repair_stray_adjectives();
        tree.link();
        tree.repair_clauses_on_dates();
        tree.link();
        tree.repair_subjects_under_dates();
        tree.link();
        tree.active_subjects = tree.misparsed_passives();
        Some(tree)
    }
    /// The children lists from the (repaired) heads.
    fn link(&mut self) {
        let mut children = vec![Vec::new(); self.end - self.start];
        for i in self.start..self.end {
            if let Some(h) = self.head(i) {
                if h != i {
                    children[h - self.start].push(i);
                }
            }
        }
        self.children = children;
    }
    /// "The premier rejected demands", "Israeli tanks shelled positions": a past tense the
    /// parser took for a participle adjective of the object leaves a sentence whose root is a
    /// noun with no verb. When the root noun has no copula and no subject, and a verb tagged
    /// as past (participle) modifies it as `amod` after another nominal modifier, that verb is
    /// the clause: the nearest nominal before it is its subject and the root noun its object.
    fn repair_verbless_root(&mut self) {
        use newsgraph_core::Upos;
        let Some(r) = (self.start..self.end).find(|&i| self.doc.tokens[i].head.is_none()) else {
            return;
        };
        if !matches!(self.doc.tokens[r].upos, Upos::Noun | Upos::Propn) {
            return;
        }
        let kids = self.kids(r).to_vec();
        if kids
            .iter()
            .any(|&k| matches!(self.base(k), "cop" | "nsubj" | "aux"))
        {
            return;
        }
        let Some(v) = kids.iter().copied().find(|&k| {
            k < r
                && self.rel(k) == "amod"
                && self.doc.tokens[k].upos == Upos::Verb
                && matches!(self.doc.tokens[k].xpos.as_str(), "VBD" | "VBN")
                && self.kids(k).is_empty()
        }) else {
            return;
        };
        let Some(subj) = kids.iter().copied().rev().find(|&k| {
            k < v
                && matches!(
                    self.doc.tokens[k].upos,
                    Upos::Noun | Upos::Propn | Upos::Pron | Upos::Adj
                )
        }) else {
            return;
        };
        // what stood before the subject (its determiner, its modifiers) goes with it
        for &k in &kids {
            if k < subj {
                self.heads.insert(k, Some(subj));
            }
        }
        self.heads.insert(subj, Some(v));
        self.rels.insert(subj, "nsubj");
        self.heads.insert(v, None);
        self.rels.insert(v, "root");
        self.heads.insert(r, Some(v));
        self.rels.insert(r, "obj");
    }
    /// Moves `from`'s children that satisfy `keep` to `to` (heads repaired over the parse).
    fn move_kids(&mut self, from: usize, to: usize, keep: impl Fn(usize) -> bool) {
        let kids: Vec<usize> = self.kids(from).to_vec();
        for k in kids {
            if k != to && keep(k) {
                self.heads.insert(k, Some(to));
            }
        }
    }
    /// Puts `new` where `old` stood in the tree: `old`'s head and relation.
    fn take_place(&mut self, new: usize, old: usize) {
        let head = self.head(old);
        let rel: &'static str = match self.rel(old) {
            "root" => "root",
            "ccomp" => "ccomp",
            "conj" => "conj",
            "parataxis" => "parataxis",
            "advcl" => "advcl",
            "xcomp" => "xcomp",
            _ => "dep",
        };
        self.heads.insert(new, head);
        self.rels.insert(new, rel);
    }
    /// "Russia has threatened to ...", "Bangladesh has rejected ...": the perfect auxiliary
    /// taken for the main verb, with the participle hanging under it as a complement. A form of
    /// "have" tagged as a verb, with no object of its own, whose complement (`ccomp`, `xcomp`,
    /// `dep`) is a past form to its right with only adverbs and negators between and no
    /// subject of its own, is that participle's auxiliary: the participle takes its place and
    /// its other dependents.
    fn repair_auxiliary_root(&mut self) {
        use newsgraph_core::Upos;
        for h in self.start..self.end {
            let t = &self.doc.tokens[h];
            if t.upos != Upos::Verb || self.lemma(h) != "have" || self.base(h) == "aux" {
                continue;
            }
            if self.kids(h).iter().any(|&k| self.base(k) == "obj") {
                continue;
            }
            let Some(v) = self.kids(h).iter().copied().find(|&k| {
                k > h
                    && matches!(self.rel(k), "ccomp" | "xcomp" | "dep")
                    && self.doc.tokens[k].upos == Upos::Verb
                    && matches!(self.doc.tokens[k].xpos.as_str(), "VBN" | "VBD")
                    && !self
                        .kids(k)
                        .iter()
                        .any(|&c| self.base(c).starts_with("nsubj"))
                    && (h + 1..k).all(|j| matches!(self.doc.tokens[j].upos, Upos::Adv | Upos::Part))
            }) else {
                continue;
            };
            self.take_place(v, h);
            self.move_kids(h, v, |_| true);
            self.heads.insert(h, Some(v));
            self.rels.insert(h, "aux");
        }
    }
    /// "Guerrillas wounded two soldiers, police said": a past tense tagged as an adjective
    /// of the object, the subject hanging from the object noun. A noun with a subject of its
    /// own and no copula or auxiliary, with an `-ed` modifier between that subject and itself,
    /// is that verb's object, and the verb takes the noun's place.
    fn repair_adjective_verbs(&mut self) {
        for n in self.start..self.end {
            if !self.is_nominal(n) {
                continue;
            }
            let kids = self.kids(n).to_vec();
            if kids
                .iter()
                .any(|&k| matches!(self.base(k), "cop" | "aux" | "case"))
            {
                continue;
            }
            let Some(s) = kids
                .iter()
                .copied()
                .find(|&k| k < n && self.rel(k) == "nsubj")
            else {
                continue;
            };
            let Some(a) = kids.iter().copied().find(|&k| {
                k > s
                    && k < n
                    && self.rel(k) == "amod"
                    && self.kids(k).is_empty()
                    && self.doc.tokens[k]
                        .form(&self.doc.text)
                        .to_lowercase()
                        .ends_with("ed")
            }) else {
                continue;
            };
            self.take_place(a, n);
            self.heads.insert(s, Some(a));
            self.heads.insert(n, Some(a));
            self.rels.insert(n, "obj");
            self.verbs.insert(a);
        }
    }
    /// "British Foreign Secretary X said ...": a modifier opening a name phrase that the
    /// parser hung from a verb as a clause or a subject of its own (`ccomp`, `advcl`,
    /// `parataxis`, `dep`, `nsubj`) while it has no dependents. An adjective or proper noun right before a nominal is that
    /// phrase's modifier: it goes to the head of the phrase the next word belongs to.
    fn repair_stray_adjectives(&mut self) {
        use newsgraph_core::Upos;
        for a in self.start..self.end.saturating_sub(1) {
            // a proper noun may be a subject of its own ("Moscow troops ..." is rare, "Russia
            // said" is not): only an adjective is taken from a subject slot
            let subject_slot = self.base(a) == "nsubj";
            if !matches!(self.doc.tokens[a].upos, Upos::Adj | Upos::Propn)
                || (subject_slot && self.doc.tokens[a].upos != Upos::Adj)
                || !matches!(
                    self.base(a),
                    "ccomp" | "advcl" | "parataxis" | "dep" | "nsubj"
                )
                || !self.kids(a).is_empty()
            {
                continue;
            }
            let Some(v) = self.head(a).filter(|&h| h > a + 1 && self.is_verbal(h)) else {
                continue;
            };
            // climb from the next word through the phrase's modifiers to its head
            let mut n = a + 1;
            for _ in 0..8 {
                match self.head(n) {
                    Some(h)
                        if h > n
                            && h < v
                            && matches!(self.base(n), "amod" | "compound" | "flat" | "nmod") =>
                    {
                        n = h
                    }
                    _ => break,
                }
            }
            if !matches!(self.doc.tokens[n].upos, Upos::Noun | Upos::Propn) {
                continue;
            }
            self.heads.insert(a, Some(n));
            self.rels.insert(a, "amod");
        }
    }
    /// "said on Friday that the rebels must ...": a `that` clause the parser hung from the
    /// date phrase of a verb as its relative clause. A date does not take a `that` clause: the
    /// clause is the complement of the verb the date follows, and a date hung from a verb
    /// after the clause goes back to that verb too.
    fn repair_clauses_on_dates(&mut self) {
        for c in self.start..self.end {
            if self.base(c) != "acl" || !self.is_verbal(c) {
                continue;
            }
            let has_that = self
                .kids(c)
                .iter()
                .any(|&k| self.base(k) == "mark" && self.lemma(k) == "that" && k < c);
            if !has_that {
                continue;
            }
            let Some(n) = self.head(c) else {
                continue;
            };
            if !self.in_date(n) {
                continue;
            }
            // the verb the date follows ("said on Friday that"); the parser may have hung the
            // date from a later verb too
            let before = (self.start..n)
                .rev()
                .find(|&i| self.is_verbal(i) && !matches!(self.base(i), "aux" | "cop"));
            let Some(v) = before.or_else(|| self.head(n).filter(|&h| self.is_verbal(h))) else {
                continue;
            };
            self.heads.insert(c, Some(v));
            self.rels.insert(c, "ccomp");
            if self.head(n).is_some_and(|h| h > c) {
                self.heads.insert(n, Some(v));
            }
        }
    }
    /// "On Tuesday, the minister summoned ...": the subject after a fronted date hung from
    /// the date (as its apposition or conjunct) and the verb left without one. A verb with no
    /// subject takes a nominal that hangs from its own date phrase between the date and the
    /// verb.
    fn repair_subjects_under_dates(&mut self) {
        for v in self.start..self.end {
            if !self.is_verbal(v)
                || matches!(self.base(v), "aux" | "cop" | "amod" | "acl")
                || self
                    .kids(v)
                    .iter()
                    .any(|&k| self.base(k).starts_with("nsubj"))
            {
                continue;
            }
            let dates: Vec<usize> = self
                .kids(v)
                .iter()
                .copied()
                .filter(|&d| d < v && self.base(d) == "obl" && self.in_date(d))
                .collect();
            for d in dates {
                let Some(s) = self.kids(d).iter().copied().find(|&k| {
                    k > d
                        && k < v
                        && matches!(self.base(k), "appos" | "conj" | "list" | "dep")
                        && matches!(
                            self.doc.tokens[k].upos,
                            newsgraph_core::Upos::Noun
                                | newsgraph_core::Upos::Propn
                                | newsgraph_core::Upos::Pron
                        )
                        && !self.in_date(k)
                }) else {
                    continue;
                };
                self.heads.insert(s, Some(v));
                self.rels.insert(s, "nsubj");
                break;
            }
        }
    }
    /// Whether token `i` lies inside a time expression of the time stage.
    fn in_date(&self, i: usize) -> bool {
        let span = self.doc.tokens[i].span;
        self.doc
            .times
            .iter()
            .any(|t| t.span.start <= span.start && span.end <= t.span.end)
    }
    /// Subjects labelled passive that are active ones: a past tense tagged as participle
    /// ("Russia sent troops", "the regime cracked down on ...") gets `nsubj:pass` with no
    /// passive auxiliary. A passive needs a form of "be" or "get"; a subject before such a verb
    /// without one, with no "by" agent and with a complement (object, particle, or a phrase
    /// pointing at someone), is the doer, unless the verb has an active subject too. Headline passives ("Five killed in Kabul") keep
    /// their reading: they have no such complement.
    fn misparsed_passives(&self) -> BTreeSet<usize> {
        let mut out = BTreeSet::new();
        for s in self.start..self.end {
            if !matches!(self.rel(s), "nsubj:pass" | "nsubjpass") {
                continue;
            }
            let Some(v) = self.head(s) else {
                continue;
            };
            if s > v || self.agent(v).is_some() {
                continue;
            }
            let kids = self.kids(v);
            let passive_aux = kids.iter().any(|&c| {
                self.rel(c) == "aux:pass"
                    || (self.base(c) == "aux" && matches!(self.lemma(c), "be" | "get"))
            });
            let other_subject = kids
                .iter()
                .any(|&c| c != s && matches!(self.rel(c), "nsubj" | "csubj"));
            if passive_aux || other_subject || self.base(v) == "acl" {
                continue;
            }
            let complement = kids.iter().any(|&c| match self.base(c) {
                "obj" | "iobj" | "xcomp" => true,
                "compound" => self.rel(c) == "compound:prt",
                "obl" => TARGET_PREPS.iter().any(|p| self.introduced_by(c, p)),
                _ => false,
            });
            if complement {
                out.insert(s);
            }
        }
        out
    }
    fn contains(&self, i: usize) -> bool {
        (self.start..self.end).contains(&i)
    }
    fn kids(&self, i: usize) -> &[usize] {
        if self.contains(i) {
            &self.children[i - self.start]
        } else {
            &[]
        }
    }
    fn head(&self, i: usize) -> Option<usize> {
        match self.heads.get(&i) {
            Some(h) => *h,
            None => self.doc.tokens[i].head.filter(|h| self.contains(*h)),
        }
    }
    fn rel(&self, i: usize) -> &str {
        if self.active_subjects.contains(&i) {
            return "nsubj";
        }
        if let Some(r) = self.rels.get(&i) {
            return r;
        }
        &self.doc.tokens[i].deprel
    }
    fn base(&self, i: usize) -> &str {
        let r = self.rel(i);
        r.split(':').next().unwrap_or(r)
    }
    /// The lemma, with the lexicon's own inflection table taking precedence over the
    /// tagger's lemmatizer for the words the lexicon knows (a learned lemmatizer can turn
    /// "blamed" into "blam"; the table knows "blamed" is "blame").
    /// Empty for a token outside the sentence.
    fn lemma(&self, i: usize) -> &str {
        match i.checked_sub(self.start).and_then(|k| self.lemmas.get(k)) {
            Some(cell) => cell.get_or_init(|| self.find_lemma(i)),
            None => "",
        }
    }
    fn find_lemma(&self, i: usize) -> String {
        let t = &self.doc.tokens[i];
        let form = t.form(&self.doc.text).to_lowercase();
        if self.lexicon.names_noun(&form) && self.is_nominal(i) {
            return form;
        }
        if let Some(l) = self.lexicon.lemma_of_form(&form) {
            return l.to_string();
        }
        if t.lemma.is_empty() {
            form
        } else {
            t.lemma.to_lowercase()
        }
    }
    fn lemma_in(&self, i: usize, words: &[String]) -> bool {
        let l = self.lemma(i);
        words.iter().any(|w| w == l)
    }
    fn child(&self, i: usize, rel: &str) -> Option<usize> {
        self.kids(i).iter().copied().find(|&c| self.rel(c) == rel)
    }
    /// Every direct object of `i`, in order: a parse may split one object phrase into two
    /// ("hosted [Japanese] [Prime Minister Ryutaro Hashimoto]"), and only one of them names
    /// the actor.
    fn objects(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.kids(i)
            .iter()
            .copied()
            .filter(move |&c| self.rel(c) == "obj")
    }
    /// The subject the parse gave a to-infinitive clause right after verb `i` (between the
    /// two), which English infinitives lack: the object of `i` misattached.
    fn infinitive_subject(&self, i: usize) -> Option<usize> {
        let c = self.kids(i).iter().copied().find(|&c| {
            c > i
                && matches!(self.base(c), "xcomp" | "advcl" | "ccomp")
                && self.introduced_by(c, "to")
        })?;
        self.kids(c)
            .iter()
            .copied()
            .find(|&n| n > i && n < c && self.base(n) == "nsubj" && self.is_nominal(n))
    }
    fn is_verbal(&self, i: usize) -> bool {
        use newsgraph_core::Upos;
        matches!(self.doc.tokens[i].upos, Upos::Verb | Upos::Aux | Upos::X)
            || self.doc.tokens[i].xpos.starts_with("VB")
            || self.verbs.contains(&i)
    }
    fn is_nominal(&self, i: usize) -> bool {
        use newsgraph_core::Upos;
        matches!(self.doc.tokens[i].upos, Upos::Noun | Upos::Propn | Upos::X)
            || self.doc.tokens[i].xpos.starts_with("NN")
    }
    /// The preposition or subordinator introducing `i` (its `case` or `mark` children).
    fn introduced_by(&self, i: usize, word: &str) -> bool {
        self.kids(i).iter().any(|&c| {
            matches!(self.base(c), "case" | "mark") && self.lemma(c) == word
                || (self.rel(c) == "fixed" && self.lemma(c) == word)
        })
    }
    /// The direct object of `i` (or the subject of its passive).
    fn object(&self, i: usize) -> Option<usize> {
        self.child(i, "obj")
            .or_else(|| self.child(i, "nsubj:pass"))
            .or_else(|| self.child(i, "nsubjpass"))
    }
    /// What `i`'s object names: the object and its conjuncts, and for a measure of something ("25,000 tons of
    /// food", "five million dollars of aid") also the thing measured.
    fn object_heads(&self, i: usize) -> Vec<usize> {
        let Some(o) = self.object(i) else {
            return Vec::new();
        };
        // "provided food and medicine": each conjunct is given
        let mut out = vec![o];
        out.extend(
            self.kids(o)
                .iter()
                .copied()
                .filter(|&k| self.rel(k) == "conj"),
        );
        for k in out.clone() {
            if MEASURES.contains(&self.lemma(k)) {
                out.extend(
                    self.kids(k)
                        .iter()
                        .copied()
                        .filter(|&n| self.base(n) == "nmod" && self.introduced_by(n, "of")),
                );
            }
        }
        out
    }
    /// A dependent of `i` (or of its object, or of a nominal under that object) introduced by
    /// `word`.
    fn prep(&self, i: usize, word: &str) -> Option<usize> {
        let is_prep = |c: usize| {
            matches!(self.base(c), "obl" | "nmod" | "advcl" | "acl" | "xcomp")
                && self.introduced_by(c, word)
        };
        if let Some(c) = self.kids(i).iter().copied().find(|&c| is_prep(c)) {
            return Some(c);
        }
        let obj = self.object(i)?;
        if let Some(c) = self.kids(obj).iter().copied().find(|&c| is_prep(c)) {
            return Some(c);
        }
        // "provided photographs and intelligence [to X]": the phrase on the last conjunct
        if let Some(c) = self
            .kids(obj)
            .iter()
            .filter(|&&k| self.rel(k) == "conj")
            .flat_map(|&k| self.kids(k).iter().copied())
            .find(|&c| is_prep(c))
        {
            return Some(c);
        }
        self.kids(obj)
            .iter()
            .filter(|&&n| self.base(n) == "nmod")
            .flat_map(|&n| self.kids(n).iter().copied())
            .find(|&c| is_prep(c))
    }
    fn is_passive(&self, i: usize) -> bool {
        self.kids(i)
            .iter()
            .any(|&c| matches!(self.rel(c), "nsubj:pass" | "nsubjpass" | "aux:pass"))
    }
    fn agent(&self, i: usize) -> Option<usize> {
        self.child(i, "obl:agent").or_else(|| {
            self.kids(i)
                .iter()
                .copied()
                .find(|&c| self.base(c) == "obl" && self.introduced_by(c, "by"))
        })
    }
    /// The subject of verb `v`, following coordination, control and relative clauses.
    fn subject(&self, v: usize, depth: u8) -> Option<usize> {
        if depth > 6 {
            return None;
        }
        if self.is_passive(v) {
            if let Some(a) = self.agent(v) {
                return Some(a);
            }
        }
        if let Some(s) = self
            .kids(v)
            .iter()
            .copied()
            .find(|&c| matches!(self.rel(c), "nsubj" | "csubj"))
        {
            if RELATIVE.contains(&self.lemma(s)) {
                if let Some(h) = self.head(v) {
                    return Some(h);
                }
            }
            return Some(s);
        }
        if self.is_passive(v) {
            return None;
        }
        // "it is willing to ...": a pronoun misparsed as an expletive of an adjective that
        // governs an infinitive is the adjective's subject
        if let Some(x) = self.child(v, "expl") {
            if self.doc.tokens[v].upos == newsgraph_core::Upos::Adj
                && self.infinitive_of(v).is_some()
            {
                return Some(x);
            }
        }
        let h = self.head(v)?;
        match self.rel(v) {
            "conj" => self.subject(h, depth + 1),
            "xcomp" => {
                if OBJECT_CONTROL.contains(&self.lemma(h)) {
                    if let Some(o) = self.child(h, "obj").or_else(|| self.child(h, "iobj")) {
                        return Some(o);
                    }
                    if let Some(o) = self.prep(h, "on") {
                        return Some(o);
                    }
                }
                self.subject(h, depth + 1)
            }
            "advcl" => self.subject(h, depth + 1),
            "acl:relcl" | "acl" => Some(h),
            _ => None,
        }
    }
    /// The subject of `v` (see `subject`), then any further subjects the parser gave it:
    /// a title and the name it belongs to are often split into two ("Palestinian leader" and
    /// "Yasser Arafat"), and the first may name no actor.
    fn subjects(&self, v: usize) -> Vec<usize> {
        let mut out: Vec<usize> = self.subject(v, 0).into_iter().collect();
        for &c in self.kids(v) {
            if self.rel(c) == "nsubj" && !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }
    /// The verb an adjective or verb governs as its infinitive: an `xcomp`, or an adverbial
    /// clause introduced by "to" ("committed to opening up").
    fn infinitive_of(&self, i: usize) -> Option<usize> {
        self.kids(i).iter().copied().find(|&c| {
            self.is_verbal(c)
                && (self.base(c) == "xcomp"
                    || (self.base(c) == "advcl" && self.introduced_by(c, "to")))
        })
    }
    /// The control predicate governing `t` as its infinitive (see `infinitive_of`), if any.
    fn controller(&self, t: usize) -> Option<usize> {
        let h = self.head(t)?;
        match self.base(t) {
            "xcomp" => Some(h),
            "advcl" if self.introduced_by(t, "to") && self.is_intent_adjective(h) => Some(h),
            _ => None,
        }
    }
    /// A willingness adjective (by lemma or form: "committed" may be lemmatised "commit").
    fn is_intent_adjective(&self, i: usize) -> bool {
        let form = self.doc.tokens[i].form(&self.doc.text).to_lowercase();
        INTENT_ADJECTIVES.contains(&form.as_str()) || INTENT_ADJECTIVES.contains(&self.lemma(i))
    }
    fn has_neg(&self, i: usize) -> bool {
        self.kids(i).iter().any(|&c| {
            matches!(self.base(c), "advmod" | "neg" | "aux" | "part")
                && NEGATORS.contains(&self.lemma(c))
        })
    }
    fn aux_in(&self, i: usize, words: &[&str]) -> bool {
        self.kids(i)
            .iter()
            .any(|&c| self.base(c) == "aux" && words.contains(&self.lemma(c)))
    }
    fn is_conditional(&self, i: usize) -> bool {
        self.base(i) == "advcl" && (self.introduced_by(i, "if") || self.introduced_by(i, "unless"))
    }
    fn is_descendant(&self, i: usize, ancestor: usize) -> bool {
        let mut cur = i;
        for _ in 0..64 {
            match self.head(cur) {
                Some(h) if h == ancestor => return true,
                Some(h) => cur = h,
                None => return false,
            }
        }
        false
    }
}

/// Doers that are no conventional military force: CAMEO codes their violence as assault (18),
/// keeping conventional military force (19) for armies and the like.
const IRREGULAR_FORCES: [&str; 14] = [
    "guerrilla",
    "guerilla",
    "militant",
    "militiaman",
    "militia",
    "gunman",
    "insurgent",
    "terrorist",
    "bomber",
    "attacker",
    "assailant",
    "extremist",
    "kidnapper",
    "mob",
];

/// The CAMEO 18 code for a generic use of force (190: "killed", "wounded", "attacked") whose
/// doer is unconventional: an irregular armed group ("guerrillas killed", "attacked by
/// militiamen") is an assault (1823 for a killing, else 180); a bomb or bombing that kills or
/// wounds is a non-military bombing (183; 1831, 1832, 1833 for a suicide, car or roadside
/// one). `None` keeps the conventional reading.
fn unconventional_violence(tree: &Tree, t: usize, sources: &[usize]) -> Option<&'static str> {
    let s = *sources.first()?;
    let head = tree.lemma(s);
    let kill = matches!(tree.lemma(t), "kill" | "murder" | "slay");
    if IRREGULAR_FORCES.contains(&head)
        || tree
            .kids(s)
            .iter()
            .any(|&k| tree.rel(k) == "compound" && IRREGULAR_FORCES.contains(&tree.lemma(k)))
    {
        return Some(if kill { "1823" } else { "180" });
    }
    if matches!(head, "bomb" | "bombing") {
        let kind = tree.kids(s).iter().find_map(|&k| match tree.lemma(k) {
            "suicide" => Some("1831"),
            "car" => Some("1832"),
            "roadside" => Some("1833"),
            _ => None,
        });
        return Some(kind.unwrap_or("183"));
    }
    None
}

/// The two-digit root of a code ("" when shorter).
fn root2(code: &str) -> &str {
    code.get(..2).unwrap_or("")
}

/// Code for an expressed intent to do what `code` does (CAMEO 03 mirrors 04-08).
fn intent_code(code: &str) -> Option<&'static str> {
    Some(match code {
        c if c.starts_with("045") => "039",
        c if c.starts_with("04") => "036",
        c if c.starts_with("05") => "032",
        "061" => "0311",
        "062" => "0312",
        "063" => "0313",
        "064" => "0314",
        c if c.starts_with("06") => "031",
        "071" => "0331",
        "072" => "0332",
        "073" => "0333",
        "074" => "0334",
        c if c.starts_with("07") => "033",
        c if c.starts_with("081") => "0351",
        "082" => "0352",
        c if c.starts_with("083") => "034",
        c if c.starts_with("084") => "0353",
        "085" => "0354",
        c if c.starts_with("086") => "0355",
        c if c.starts_with("087") => "0356",
        c if c.starts_with("08") => "035",
        _ => return None,
    })
}

/// Code for refusing to do what `code` does (CAMEO 12).
fn refusal_code(code: &str) -> &'static str {
    match code {
        c if c.starts_with("045") => "126",
        c if c.starts_with("04") => "125",
        c if c.starts_with("057") => "127",
        "061" => "1211",
        "062" => "1212",
        c if c.starts_with("06") => "121",
        c if c.starts_with("07") => "122",
        c if c.starts_with("084") => "1243",
        "085" => "1244",
        c if c.starts_with("086") => "1245",
        c if c.starts_with("087") => "1246",
        c if c.starts_with("08") => "124",
        _ => "120",
    }
}

/// Code for threatening to do what `code` does (CAMEO 13).
fn threat_code(code: &str) -> &'static str {
    match root2(code) {
        "18" | "19" | "20" => "138",
        "16" => match code {
            "161" => "1313",
            c if c.starts_with("162") => "1311",
            "163" => "1312",
            c if c.starts_with("164") => "134",
            _ => "131",
        },
        "17" => "137",
        _ => "130",
    }
}

impl EventCoder {
    /// The coder with the embedded codebook and lexicon.
    pub fn new() -> Result<EventCoder, EventsError> {
        let codebook = Codebook::embedded()?;
        let lexicon = Lexicon::embedded(&codebook)?;
        Ok(EventCoder {
            codebook,
            lexicon,
            user_verbs: None,
            user_verbs_only: false,
        })
    }

    /// Codes verbs with a PETRARCH verb dictionary's groups and patterns first; with
    /// `exclusive`, only with it (as PETRARCH itself would).
    pub fn with_petrarch_verbs(mut self, dict: Arc<PetrarchDictionary>, exclusive: bool) -> Self {
        if dict.has_verbs() {
            self.user_verbs = Some(dict);
            self.user_verbs_only = exclusive;
        }
        self
    }

    /// A PETRARCH verb pattern match at verb `t`: the code of the longest matching pattern,
    /// else the group's code; `Some(None)` for a null code.
    fn user_verb_code(&self, tree: &Tree, t: usize) -> Option<Option<String>> {
        let dict = self.user_verbs.as_ref()?;
        let form = tree.doc.tokens[t].form(&tree.doc.text).to_uppercase();
        let group = dict
            .verb_group(&form)
            .or_else(|| dict.verb_group(&tree.lemma(t).to_uppercase()))?;
        let words: Vec<String> = (tree.start..tree.end)
            .map(|i| tree.doc.tokens[i].form(&tree.doc.text).to_uppercase())
            .collect();
        let at = t - tree.start;
        let in_order = |seq: &[Vec<String>], hay: &[String]| {
            let mut k = 0;
            for w in hay {
                if k < seq.len() && seq[k].iter().any(|a| a == w) {
                    k += 1;
                }
            }
            k == seq.len()
        };
        let mut best: Option<(usize, &Option<String>)> = None;
        for p in &group.patterns {
            let n = p.pre.len() + p.post.len();
            if n == 0 || best.is_some_and(|(b, _)| b >= n) {
                continue;
            }
            let post_end = (at + 1 + 12).min(words.len());
            if in_order(&p.pre, &words[..at]) && in_order(&p.post, &words[at + 1..post_end]) {
                best = Some((n, &p.code));
            }
        }
        Some(match best {
            Some((_, code)) => code.clone(),
            None => group.code.clone(),
        })
    }

    /// Target phrase heads for a verb coded from a user dictionary: object, indirect object,
    /// then its prepositional and clausal dependents in order.
    fn generic_targets(tree: &Tree, t: usize) -> Vec<usize> {
        let mut out = Vec::new();
        if tree.is_passive(t) {
            out.extend(tree.child(t, "nsubj:pass"));
        }
        out.extend(tree.child(t, "obj"));
        out.extend(tree.child(t, "iobj"));
        for &c in tree.kids(t) {
            if matches!(tree.base(c), "obl" | "xcomp" | "ccomp" | "advcl")
                && tree.agent(t) != Some(c)
            {
                out.push(c);
                out.extend(tree.child(c, "obj"));
                out.extend(tree.child(c, "nsubj"));
            }
        }
        out
    }

    /// Where a target may be when the entry's slots name no actor: the object, the indirect
    /// object, then prepositional phrases that point at someone; never time expressions,
    /// clauses or the passive's agent.
    fn fallback_targets(tree: &Tree, t: usize) -> Vec<usize> {
        let mut out = Vec::new();
        out.extend(tree.objects(t));
        out.extend(tree.child(t, "iobj"));
        // a nominal "xcomp" right after an event verb is almost always its misparsed object
        // ("met [Russian President Vladimir Putin]")
        out.extend(tree.child(t, "xcomp").filter(|&x| !tree.is_verbal(x)));
        for &c in tree.kids(t) {
            if tree.base(c) == "obl"
                && !matches!(tree.rel(c), "obl:tmod" | "obl:npmod" | "obl:unmarked")
                && tree.agent(t) != Some(c)
                && TARGET_PREPS.iter().any(|p| tree.introduced_by(c, p))
            {
                out.push(c);
            }
        }
        // "imposed sanctions [on X]", "gave aid [to X]", "withdrew its troops [from X]": the
        // phrase may hang from the object
        if let Some(o) = tree.child(t, "obj") {
            for &c in tree.kids(o) {
                if tree.base(c) == "nmod"
                    && ["to", "on", "against", "with", "upon", "from"]
                        .iter()
                        .any(|p| tree.introduced_by(c, p))
                {
                    out.push(c);
                }
            }
        }
        out
    }

    /// The last place a target may be: the words the verb governs after it, in text order,
    /// when none of its slots names an actor ("turned down a UN plan" with "UN" parsed as the
    /// object and "plan" as a verb, "warned it would open a front in its dispute with Chad").
    /// The walk stays in the verb's own clause: not its subject or agent, relative clauses,
    /// background clauses ("after ...", "as ..."), coordinated verbs, or a statement's content.
    fn later_phrases(tree: &Tree, t: usize, code: &str) -> Vec<usize> {
        // "following" may be lemmatised "follow"
        const BACKGROUND: [&str; 13] = [
            "after",
            "before",
            "as",
            "while",
            "when",
            "since",
            "despite",
            "because",
            "following",
            "follow",
            "during",
            "amid",
            "until",
        ];
        if code.starts_with("01") {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut stack = vec![t];
        while let Some(n) = stack.pop() {
            if out.len() > 64 {
                break;
            }
            for &c in tree.kids(n) {
                let skip = match tree.base(c) {
                    "nsubj" | "csubj" | "parataxis" | "punct" | "expl" => true,
                    "acl" => tree.rel(c) == "acl:relcl" || BACKGROUND.contains(&tree.lemma(c)),
                    "ccomp" => n == t && code.starts_with("01"),
                    "conj" => tree.is_verbal(c) && tree.is_verbal(n),
                    // "following an army assault" parsed as a verb of its own
                    "advcl" if BACKGROUND.contains(&tree.lemma(c)) => true,
                    "advcl" | "nmod" => BACKGROUND.iter().any(|w| tree.introduced_by(c, w)),
                    "obl" => {
                        tree.agent(n) == Some(c)
                            || BACKGROUND.iter().any(|w| tree.introduced_by(c, w))
                    }
                    _ => false,
                };
                if skip {
                    continue;
                }
                if c > t {
                    out.push(c);
                }
                stack.push(c);
            }
        }
        out.sort_unstable();
        out
    }

    /// Where a target may be when none of the verb's own dependents names one: the object and
    /// the pointed prepositional phrases of the verb it governs as an infinitive or clause
    /// ("offered to hand over the suspects [to Britain]"), following such verbs down a short
    /// chain. A statement's content clause is left out: what the content says is about
    /// someone else, not the statement's target.
    fn embedded_targets(tree: &Tree, t: usize, code: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let mut cur = t;
        for _ in 0..3 {
            let next = tree.kids(cur).iter().copied().find(|&c| {
                tree.is_verbal(c)
                    && (tree.base(c) == "xcomp"
                        || (tree.base(c) == "ccomp" && !code.starts_with("01")))
            });
            let Some(c) = next else {
                break;
            };
            out.extend(tree.child(c, "obj"));
            for &k in tree.kids(c) {
                if tree.base(k) == "obl"
                    && !matches!(tree.rel(k), "obl:tmod" | "obl:npmod" | "obl:unmarked")
                    && tree.agent(c) != Some(k)
                    && EMBEDDED_TARGET_PREPS
                        .iter()
                        .any(|p| tree.introduced_by(k, p))
                {
                    out.push(k);
                }
            }
            cur = c;
        }
        out
    }

    /// The codebook.
    pub fn codebook(&self) -> &Codebook {
        &self.codebook
    }

    /// The lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    fn conditions_hold(&self, tree: &Tree, t: usize, e: &Entry) -> bool {
        e.requires.iter().all(|c| match c {
            Condition::Particle(ws) => tree.kids(t).iter().any(|&k| {
                (tree.rel(k) == "compound:prt"
                    || (matches!(tree.base(k), "advmod" | "compound")
                        && matches!(
                            tree.doc.tokens[k].upos,
                            newsgraph_core::Upos::Adp
                                | newsgraph_core::Upos::Adv
                                | newsgraph_core::Upos::Part
                        )))
                    && tree.lemma_in(k, ws)
            }),
            Condition::Object(ws) => tree.object_heads(t).iter().any(|&o| tree.lemma_in(o, ws)),
            Condition::ObjectModifier(ws) => tree.object_heads(t).iter().any(|&o| {
                tree.kids(o).iter().any(|&m| {
                    matches!(tree.base(m), "amod" | "compound" | "nmod") && tree.lemma_in(m, ws)
                })
            }),
            Condition::Modifier(ws) => tree.kids(t).iter().any(|&m| {
                matches!(tree.base(m), "amod" | "compound" | "nmod") && tree.lemma_in(m, ws)
            }),
            Condition::Preposition(ws) => ws.iter().any(|w| tree.prep(t, w).is_some()),
        })
    }

    fn best_entry<'e>(&self, tree: &Tree, t: usize, entries: &'e [Entry]) -> Option<&'e Entry> {
        // a modifier of the object says both that there is an object and what kind it is:
        // "provided military aid" is more specific than "provided aid"
        let weight = |e: &Entry| -> usize {
            e.requires
                .iter()
                .map(|c| match c {
                    Condition::ObjectModifier(_) => 2,
                    _ => 1,
                })
                .sum()
        };
        let mut best: Option<&Entry> = None;
        for e in entries {
            if self.conditions_hold(tree, t, e) && best.is_none_or(|b| weight(e) > weight(b)) {
                best = Some(e);
            }
        }
        best
    }

    fn target_nodes(&self, tree: &Tree, t: usize, e: &Entry) -> Vec<usize> {
        let mut out = Vec::new();
        if e.pos == TriggerPos::Verb && tree.is_passive(t) {
            if let Some(p) = tree
                .child(t, "nsubj:pass")
                .or_else(|| tree.child(t, "nsubjpass"))
            {
                out.push(p);
            }
        }
        let required_obj = e
            .requires
            .iter()
            .any(|c| matches!(c, Condition::Object(_) | Condition::ObjectModifier(_)));
        for slot in &e.target {
            let node = match slot {
                Slot::Object if required_obj => None,
                Slot::Object => {
                    // a split object: every part, in order, before the other slots
                    for o in tree.objects(t) {
                        if !out.contains(&o) {
                            out.push(o);
                        }
                    }
                    // "urging [X] not to ignore ...": a to-infinitive has no subject of its
                    // own, so one the parse gave it after the verb is the verb's object
                    if tree.objects(t).next().is_none() {
                        tree.infinitive_subject(t)
                    } else {
                        None
                    }
                }
                Slot::IndirectObject => tree.child(t, "iobj"),
                Slot::ClauseSubject => tree.child(t, "ccomp").and_then(|c| {
                    tree.child(c, "nsubj")
                        .or_else(|| tree.child(c, "nsubj:pass"))
                }),
                Slot::Preposition(w) => tree.prep(t, w).or_else(|| {
                    // "launched strikes on X" with "on X" attached to the light verb
                    let h = tree.head(t)?;
                    (e.pos == TriggerPos::Noun
                        && tree.rel(t) == "obj"
                        && self.lexicon.is_light(tree.lemma(h)))
                    .then(|| tree.prep(h, w))
                    .flatten()
                }),
            };
            if let Some(n) = node {
                if !out.contains(&n) {
                    out.push(n);
                }
            }
        }
        out
    }

    fn noun_sources(&self, tree: &Tree, n: usize, e: &Entry) -> Vec<usize> {
        let mut out = Vec::new();
        let mods: Vec<&String> = e
            .requires
            .iter()
            .filter_map(|c| match c {
                Condition::Modifier(ws) => Some(ws),
                _ => None,
            })
            .flatten()
            .collect();
        for &c in tree.kids(n) {
            if tree.rel(c) == "nmod:poss" {
                out.push(c);
            }
        }
        for &c in tree.kids(n) {
            if tree.base(c) == "nmod" && tree.introduced_by(c, "by") {
                out.push(c);
            }
        }
        for &c in tree.kids(n) {
            if matches!(tree.base(c), "amod" | "compound")
                && !mods.iter().any(|m| m.as_str() == tree.lemma(c))
            {
                out.push(c);
            }
        }
        if let Some(h) = tree.head(n) {
            let via_light = matches!(tree.rel(n), "obj" | "nsubj:pass" | "nsubjpass")
                && self.lexicon.is_light(tree.lemma(h));
            // "negotiators returned to Geneva for talks": the purpose of a journey is the
            // travellers' own
            let via_journey = tree.base(n) == "obl"
                && tree.introduced_by(n, "for")
                && JOURNEYS.contains(&tree.lemma(h));
            if via_light || via_journey {
                if let Some(s) = tree.subject(h, 0) {
                    out.push(s);
                }
            }
        }
        out
    }

    /// Whether predicate `t` is the content of a statement ("X said [it would ...]").
    fn is_reported(&self, tree: &Tree, t: usize) -> bool {
        tree.base(t) == "ccomp"
            && tree.head(t).is_some_and(|h| {
                self.lexicon
                    .verb(tree.lemma(h))
                    .iter()
                    .any(|e| e.code.starts_with("01"))
            })
    }

    /// "will", "shall", or the "would" of reported speech ("said they would boycott").
    fn future(&self, tree: &Tree, t: usize) -> bool {
        tree.aux_in(t, &FUTURE_AUX) || (tree.aux_in(t, &["would"]) && self.is_reported(tree, t))
    }

    /// A modal makes `t` hypothetical; reported "would" is a future instead.
    fn hypothetical(&self, tree: &Tree, t: usize) -> bool {
        let modals: &[&str] = if self.is_reported(tree, t) {
            &HYPOTHETICAL_AUX[1..]
        } else {
            &HYPOTHETICAL_AUX
        };
        tree.aux_in(t, modals)
    }

    /// "Switzerland said it had expelled ...": when the first source of predicate `t` is a
    /// pronoun and `t` is the content of a statement, the speaker is the next source to try.
    fn speaker_fallback(&self, tree: &Tree, t: usize, sources: &mut Vec<usize>) {
        if !sources
            .first()
            .is_some_and(|&s| PRONOUN_SUBJECTS.contains(&tree.lemma(s)))
            || !self.is_reported(tree, t)
        {
            return;
        }
        if let Some(h) = tree.head(t) {
            sources.extend(tree.subject(h, 0));
        }
    }

    /// The predicate adjectives of willingness ("X is ready to talk") as candidates of an
    /// intent to cooperate; an event coded in the infinitive composes with them instead.
    fn intent_adjectives(&self, tree: &Tree, out: &mut Vec<Candidate>) {
        for t in tree.start..tree.end {
            if tree.doc.tokens[t].upos != newsgraph_core::Upos::Adj
                || !tree.is_intent_adjective(t)
                || tree.child(t, "cop").is_none()
            {
                continue;
            }
            let Some(v) = tree.infinitive_of(t) else {
                continue;
            };
            let mut sources: Vec<usize> = tree.subject(t, 0).into_iter().collect();
            self.speaker_fallback(tree, t, &mut sources);
            let mut targets = EventCoder::fallback_targets(tree, v);
            for n in EventCoder::embedded_targets(tree, v, "030") {
                if !targets.contains(&n) {
                    targets.push(n);
                }
            }
            out.push(Candidate {
                code: "030".to_string(),
                trigger: t,
                sources,
                targets,
                negated: tree.has_neg(t) || tree.aux_in(t, &HYPOTHETICAL_AUX),
                confidence: 0.75,
                line: 0,
                composed: false,
            });
        }
    }

    /// "marched through the capital calling for ...", "gathered outside parliament demanding
    /// ...": a verb of crowds moving or gathering whose participle or infinitive clause makes a
    /// demand or appeal is a demonstration (CAMEO 141); the demand, an adverbial clause of it,
    /// is then dropped as its background. A march that demands nothing is left alone ("troops
    /// marched into the town").
    fn marches_with_demands(&self, tree: &Tree, out: &mut Vec<Candidate>) {
        for t in tree.start..tree.end {
            if !tree.is_verbal(t)
                || !CROWD_VERBS.contains(&tree.lemma(t))
                || out.iter().any(|c| c.trigger == t)
            {
                continue;
            }
            let demands = tree.kids(t).iter().any(|&k| {
                matches!(tree.base(k), "advcl" | "xcomp" | "conj")
                    && tree.is_verbal(k)
                    && (APPEAL.contains(&tree.lemma(k))
                        || matches!(tree.lemma(k), "protest" | "chant"))
            });
            if !demands {
                continue;
            }
            out.push(Candidate {
                code: "141".to_string(),
                trigger: t,
                sources: tree.subject(t, 0).into_iter().collect(),
                targets: EventCoder::fallback_targets(tree, t),
                negated: tree.has_neg(t) || self.hypothetical(tree, t),
                confidence: 0.75,
                line: 0,
                composed: false,
            });
        }
    }

    /// The coded triggers of the sentence of `tree`, before actors are resolved.
    fn candidates(&self, tree: &Tree) -> Vec<Candidate> {
        let doc = tree.doc;
        // sport, entertainment and business sentences are not coded
        if (tree.start..tree.end).any(|i| {
            self.lexicon
                .is_discard(&doc.tokens[i].form(&doc.text).to_lowercase())
        }) {
            return Vec::new();
        }
        let mut out: Vec<Candidate> = Vec::new();
        let mut consumed: BTreeSet<usize> = BTreeSet::new();
        // verbs first, so that a light verb's object is not coded twice as a nominal event
        for pass in [TriggerPos::Verb, TriggerPos::Noun] {
            for t in tree.start..tree.end {
                if consumed.contains(&t) {
                    continue;
                }
                if pass == TriggerPos::Verb && tree.is_verbal(t) {
                    if let Some(code) = self.user_verb_code(tree, t) {
                        if let Some(code) = code {
                            out.push(Candidate {
                                code,
                                trigger: t,
                                sources: tree.subject(t, 0).into_iter().collect(),
                                targets: EventCoder::generic_targets(tree, t),
                                negated: tree.has_neg(t) || tree.aux_in(t, &HYPOTHETICAL_AUX),
                                confidence: 0.7,
                                line: 0,
                                composed: true,
                            });
                        }
                        continue;
                    }
                }
                if self.user_verbs_only {
                    continue;
                }
                let lemma = tree.lemma(t);
                let entries = match pass {
                    TriggerPos::Verb if tree.is_verbal(t) => self.lexicon.verb(lemma),
                    TriggerPos::Noun if tree.is_nominal(t) => self.lexicon.noun(lemma),
                    _ => continue,
                };
                let Some(e) = self.best_entry(tree, t, entries) else {
                    continue;
                };
                if e.requires
                    .iter()
                    .any(|c| matches!(c, Condition::Object(_) | Condition::ObjectModifier(_)))
                {
                    consumed.extend(tree.object_heads(t));
                }
                let (mut sources, confidence): (Vec<usize>, f32) = match pass {
                    TriggerPos::Verb => (tree.subjects(t), 0.85),
                    TriggerPos::Noun => (self.noun_sources(tree, t, e), 0.7),
                };
                // "Switzerland said it had expelled ...": a pronoun subject of reported
                // speech that the actors stage left unresolved falls back to the speaker.
                if pass == TriggerPos::Verb {
                    self.speaker_fallback(tree, t, &mut sources);
                }
                let mut negated =
                    tree.has_neg(t) || self.hypothetical(tree, t) || tree.is_conditional(t);
                let mut code = e.code.clone();
                if pass == TriggerPos::Verb && code == "190" {
                    if let Some(c) = unconventional_violence(tree, t, &sources) {
                        code = c.to_string();
                    }
                }
                // "will not accept", "said it would not attend": a cooperation announced not
                // to come is a refusal of it (CAMEO 12), not a negated event
                let refused = pass == TriggerPos::Verb
                    && tree.has_neg(t)
                    && self.future(tree, t)
                    && !self.hypothetical(tree, t)
                    && !tree.is_conditional(t)
                    && matches!(root2(&code), "03" | "04" | "05" | "06" | "07" | "08");
                if refused {
                    code = refusal_code(&code).to_string();
                    negated = false;
                }
                let mut targets = self.target_nodes(tree, t, e);
                if pass == TriggerPos::Verb {
                    // the embedded verb's phrases come last: actors resolve the first node
                    // that names one, so they count only when the verb's own phrases do not
                    let own = EventCoder::fallback_targets(tree, t);
                    for n in own
                        .into_iter()
                        .chain(EventCoder::embedded_targets(tree, t, &code))
                    {
                        if !targets.contains(&n) {
                            targets.push(n);
                        }
                    }
                }
                if code == "010" {
                    // "X said Y must / should ..." is a demand on Y
                    if let Some(c) = tree
                        .child(t, "ccomp")
                        .filter(|&c| tree.aux_in(c, &["must", "should"]))
                    {
                        code = "100".to_string();
                        targets = tree
                            .child(c, "nsubj")
                            .or_else(|| tree.child(c, "nsubj:pass"))
                            .into_iter()
                            .collect();
                    }
                }
                if pass == TriggerPos::Verb && !refused && self.future(tree, t) {
                    // the condition may hang from the statement that reports the event
                    let speech = tree.head(t).filter(|_| self.is_reported(tree, t));
                    let unless = std::iter::once(t).chain(speech).any(|v| {
                        tree.kids(v)
                            .iter()
                            .any(|&k| tree.base(k) == "advcl" && tree.introduced_by(k, "unless"))
                    });
                    if unless && !code.starts_with("01") {
                        // "will withdraw its force unless ...": a condition set on someone
                        code = threat_code(&code).to_string();
                    } else if let Some(c) = intent_code(&code) {
                        code = c.to_string();
                    } else if matches!(root2(&code), "14" | "16" | "17" | "18" | "19" | "20") {
                        // announced coercion, sanctions or protest to come are threats
                        code = threat_code(&code).to_string();
                    }
                }
                out.push(Candidate {
                    code,
                    trigger: t,
                    sources,
                    targets,
                    negated,
                    confidence,
                    line: e.line,
                    composed: false,
                });
            }
        }
        if !self.user_verbs_only {
            self.intent_adjectives(tree, &mut out);
            self.marches_with_demands(tree, &mut out);
        }
        let mut out = self.compose(tree, out);
        for c in out.iter_mut().filter(|c| root2(&c.code) == "13") {
            for n in EventCoder::condition_subjects(tree, c.trigger) {
                if !c.targets.contains(&n) {
                    c.targets.push(n);
                }
            }
        }
        for c in out.iter_mut().filter(|c| tree.is_verbal(c.trigger)) {
            for n in EventCoder::later_phrases(tree, c.trigger, &c.code) {
                if !c.targets.contains(&n) {
                    c.targets.push(n);
                }
            }
            // "sent experts to Bosnia to investigate": the purpose of a move is aimed at
            // where the move goes, the last choice
            let t = c.trigger;
            if tree.base(t) == "advcl" && tree.introduced_by(t, "to") {
                if let Some(h) = tree.head(t).filter(|&h| tree.is_verbal(h)) {
                    // the phrase may hang from the verb or from what it sends
                    let obj = tree.child(h, "obj");
                    let phrases: Vec<usize> = tree
                        .kids(h)
                        .iter()
                        .chain(obj.iter().flat_map(|&o| tree.kids(o).iter()))
                        .copied()
                        .collect();
                    for k in phrases {
                        if k < t
                            && matches!(tree.base(k), "obl" | "nmod")
                            && ["to", "into"].iter().any(|p| tree.introduced_by(k, p))
                            && !c.targets.contains(&k)
                        {
                            c.targets.push(k);
                        }
                    }
                }
            }
        }
        out
    }

    /// "threatened to strike unless Iraq complied", "will boycott if the president runs": the
    /// subject of a threat's condition is whom the threat is aimed at, the last target choice.
    /// The condition may hang from the threat's verb or from the verbs it governs.
    fn condition_subjects(tree: &Tree, t: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut frontier = vec![t];
        for _ in 0..3 {
            let mut next = Vec::new();
            for &v in &frontier {
                for &k in tree.kids(v) {
                    if tree.base(k) == "advcl"
                        && (tree.introduced_by(k, "unless") || tree.introduced_by(k, "if"))
                    {
                        out.extend(
                            tree.child(k, "nsubj")
                                .or_else(|| tree.child(k, "nsubj:pass")),
                        );
                    } else if tree.is_verbal(k)
                        && (matches!(tree.base(k), "xcomp" | "ccomp")
                            || (tree.base(k) == "advcl" && tree.introduced_by(k, "to")))
                    {
                        // governed verbs and purposes: "threatened to stop talks to cut
                        // arms if ..."
                        next.push(k);
                    }
                }
            }
            frontier = next;
        }
        out
    }

    /// Combines events under control verbs with the verb that governs them.
    fn compose(&self, tree: &Tree, cands: Vec<Candidate>) -> Vec<Candidate> {
        let mut dropped: BTreeSet<usize> = BTreeSet::new(); // trigger tokens replaced
        let mut out: Vec<Candidate> = Vec::new();
        for mut c in cands.iter().cloned() {
            let t = c.trigger;
            if c.line != 0 {
                if let Some(mut h) = tree.controller(t) {
                    // "prepared to resume shelling": an implicative verb hands on to the verb
                    // that governs it, which says whether anything happened
                    for _ in 0..3 {
                        if !IMPLICATIVE.contains(&tree.lemma(h)) {
                            break;
                        }
                        match tree.controller(h) {
                            Some(up) => h = up,
                            None => break,
                        }
                    }
                    let hl = tree.lemma(h);
                    let hneg = tree.has_neg(h) || self.hypothetical(tree, h);
                    let mut hsrc: Vec<usize> = tree.subjects(h);
                    self.speaker_fallback(tree, h, &mut hsrc);
                    let take_head = |c: &mut Candidate| {
                        c.sources = hsrc.clone();
                        c.trigger = h;
                        c.negated = c.negated || hneg;
                        c.confidence = 0.8;
                        c.composed = true;
                    };
                    if REFUSE.contains(&hl) {
                        c.code = refusal_code(&c.code).to_string();
                        c.negated = false;
                        take_head(&mut c);
                        c.negated = hneg;
                        dropped.insert(h);
                    } else if THREAT.contains(&hl) {
                        c.code = threat_code(&c.code).to_string();
                        take_head(&mut c);
                        dropped.insert(h);
                    } else if INTENT.contains(&hl) {
                        match intent_code(&c.code) {
                            Some(ic) => c.code = ic.to_string(),
                            // forces made ready for an attack are a show of force, not
                            // (yet) a threat made to anyone
                            None if matches!(root2(&c.code), "18" | "19" | "20")
                                && hl == "prepare" =>
                            {
                                c.code = "150".to_string()
                            }
                            None if matches!(root2(&c.code), "18" | "19" | "20")
                                && !matches!(hl, "agree" | "offer" | "propose") =>
                            {
                                c.code = "138".to_string()
                            }
                            None if !c.code.starts_with("03") => c.negated = true,
                            None => {}
                        }
                        take_head(&mut c);
                        dropped.insert(h);
                    } else if APPEAL.contains(&hl) {
                        continue; // the appeal itself is the event
                    } else if !IMPLICATIVE.contains(&hl) {
                        c.negated = true; // wanted, hoped for: not (yet) an event
                    } else {
                        c.negated = c.negated || hneg;
                    }
                }
            }
            out.push(c);
        }
        let snapshot = out.clone();
        out.retain(|c| {
            // the governing verb's own reading gives way to the composed event
            if dropped.contains(&c.trigger) && !c.composed {
                return false;
            }
            // a statement whose content is coded is not coded itself
            if c.code == "010" {
                return !snapshot
                    .iter()
                    .any(|o| o.code != "010" && tree.is_descendant(o.trigger, c.trigger));
            }
            true
        });
        let out = self.fold_purposes(tree, out);
        self.drop_subordinates(tree, out)
    }

    /// The clause an event stands for: a nominal event under a light verb is that verb's.
    fn clause_node(&self, tree: &Tree, c: &Candidate) -> usize {
        let t = c.trigger;
        match tree.head(t) {
            Some(h)
                if tree.is_nominal(t)
                    && matches!(tree.rel(t), "obj" | "nsubj:pass")
                    && self.lexicon.is_light(tree.lemma(h)) =>
            {
                h
            }
            _ => t,
        }
    }

    /// One event per happening: an event in a relative or adverbial clause of another event
    /// ("rejected the plan [that the envoy proposed]", "resigned [as the opposition
    /// threatened ...]"), or a nominal event that is the theme of another ("rejected an
    /// ultimatum"), is background to it and not coded. Statements do not count as events
    /// here: what a statement reports keeps its own events.
    fn drop_subordinates(&self, tree: &Tree, out: Vec<Candidate>) -> Vec<Candidate> {
        let is_event = |c: &Candidate| !c.code.starts_with("01");
        let mains: Vec<usize> = out
            .iter()
            .filter(|c| is_event(c))
            .map(|c| self.clause_node(tree, c))
            .collect();
        let keep: Vec<bool> = out
            .iter()
            .map(|c| {
                if !is_event(c) {
                    return true;
                }
                let start = self.clause_node(tree, c);
                // a nominal event as the subject of another ("airstrikes hit Idlib") tells the
                // same happening in its own words and stays
                let mut crossed = start == c.trigger
                    && tree.is_nominal(start)
                    && !matches!(tree.base(start), "nsubj" | "csubj");
                let mut cur = start;
                for _ in 0..12 {
                    let Some(h) = tree.head(cur) else {
                        return true;
                    };
                    match tree.base(cur) {
                        "advcl" | "acl" => crossed = true,
                        "ccomp" | "parataxis" | "csubj" | "list" | "root" | "dep" => return true,
                        _ => {}
                    }
                    if crossed && h != start && mains.contains(&h) {
                        return false;
                    }
                    cur = h;
                }
                true
            })
            .collect();
        out.into_iter()
            .zip(keep)
            .filter(|(_, k)| *k)
            .map(|(c, _)| c)
            .collect()
    }

    /// "staged demonstrations to demand reforms", "visited Senegal to mediate": an event in
    /// a purpose clause ("to" + verb) of another event is what that event is for, not an
    /// event of its own. It is dropped, and its target phrases become the main event's last
    /// target choices.
    fn fold_purposes(&self, tree: &Tree, mut out: Vec<Candidate>) -> Vec<Candidate> {
        let is_event = |c: &Candidate| !c.code.starts_with("01");
        let mut folded: Vec<(usize, usize)> = Vec::new(); // (purpose, main)
        for (i, c) in out.iter().enumerate() {
            let t = c.trigger;
            if !is_event(c) || !tree.is_verbal(t) || !tree.introduced_by(t, "to") {
                continue;
            }
            // "summoned the envoy to complain": a governed verb of the same kind as the
            // event that governs it tells the same happening
            let same_kind = tree.base(t) == "xcomp"
                && tree.head(t).is_some_and(|h| {
                    out.iter()
                        .any(|m| m.trigger == h && is_event(m) && root2(&m.code) == root2(&c.code))
                });
            if !same_kind
                && (!matches!(tree.base(t), "advcl" | "acl") || tree.controller(t).is_some())
            {
                continue;
            }
            let mut cur = t;
            'up: for _ in 0..3 {
                let Some(h) = tree.head(cur) else {
                    break;
                };
                for (j, m) in out.iter().enumerate() {
                    let heads_it = m.trigger == h
                        || (tree.head(m.trigger) == Some(h)
                            && tree.rel(m.trigger) == "obj"
                            && self.lexicon.is_light(tree.lemma(h)));
                    if j != i && is_event(m) && heads_it {
                        folded.push((i, j));
                        break 'up;
                    }
                }
                if matches!(tree.base(h), "ccomp" | "parataxis" | "root" | "conj") {
                    break;
                }
                cur = h;
            }
        }
        let mut drop = vec![false; out.len()];
        for &(i, j) in &folded {
            if drop[j] {
                continue;
            }
            drop[i] = true;
            let extra = out[i].targets.clone();
            for n in extra {
                if !out[j].targets.contains(&n) {
                    out[j].targets.push(n);
                }
            }
        }
        out.into_iter()
            .zip(drop)
            .filter(|(_, d)| !d)
            .map(|(c, _)| c)
            .collect()
    }

    /// Root, quad class, Goldstein value and PLOVER type of a code: from the codebook, or, for
    /// a code from a user's verb dictionary, from its root alone.
    fn describe(&self, code: &str) -> Option<(String, u8, f32, Option<String>)> {
        if let Some(info) = self.codebook.get(code) {
            return Some((
                info.root().to_string(),
                info.quad_class,
                info.goldstein,
                info.plover.clone(),
            ));
        }
        self.user_verbs.as_ref()?;
        let root = root2(code);
        let r: u8 = root.parse().ok()?;
        let quad = if (1..=20).contains(&r) {
            quad_class_of_root(r)
        } else {
            0
        };
        Some((root.to_string(), quad, 0.0, None))
    }

    /// Whom a protest that names no target is aimed at: the government of the country it
    /// takes place in, or else of the protesters' own country ("students demonstrated in
    /// Jakarta" protest to the Indonesian government). Governments protesting are left alone.
    /// "Police fired on demonstrators, killing one": people named by no country are the
    /// people of the place, or else of the source's own country (`EGY` for Egyptian police).
    fn civilians_country(doc: &Document, src: usize, place: Option<&Place>) -> Option<String> {
        place
            .and_then(|p| p.country.clone())
            .or_else(|| doc.entities.get(src)?.country.clone())
    }

    fn protested_government(doc: &Document, src: usize, place: Option<&Place>) -> Option<String> {
        let ent = doc.entities.get(src)?;
        let code = ent.actor_code.as_deref().unwrap_or("");
        if code.get(3..).is_some_and(|r| r.starts_with("GOV")) {
            return None;
        }
        let country = place
            .and_then(|p| p.country.clone())
            .or_else(|| ent.country.clone())?;
        Some(format!("{country}GOV"))
    }

    fn entity_code(doc: &Document, e: usize) -> Option<String> {
        let ent = doc.entities.get(e)?;
        ent.actor_code.clone().or_else(|| ent.country.clone())
    }
}

/// Which entity (with an actor code) covers each token.
struct ActorIndex {
    by_token: Vec<Option<(usize, MentionVia)>>,
}

impl ActorIndex {
    fn new(doc: &Document) -> ActorIndex {
        let mut by_token: Vec<Option<(usize, MentionVia)>> = vec![None; doc.tokens.len()];
        for (ei, ent) in doc.entities.iter().enumerate() {
            if ent.actor_code.is_none() && ent.country.is_none() {
                continue;
            }
            for m in &ent.mentions {
                let first = doc.tokens.partition_point(|t| t.span.end <= m.span.start);
                for (ti, tok) in doc.tokens.iter().enumerate().skip(first) {
                    if tok.span.start >= m.span.end {
                        break;
                    }
                    if tok.span.overlaps(m.span) && by_token[ti].is_none() {
                        by_token[ti] = Some((ei, m.via));
                    }
                }
            }
        }
        ActorIndex { by_token }
    }

    fn at(&self, t: usize) -> Option<(usize, MentionVia)> {
        self.by_token.get(t).copied().flatten()
    }

    /// The actor a phrase head names, searching its modifiers when the head is not one.
    fn find(&self, tree: &Tree, h: usize) -> Option<(usize, usize, MentionVia)> {
        self.find_other(tree, h, &[])
    }

    /// As `find`, passing over the actors in `besides`: "its European partners" names the
    /// partners' organisation, not the source that "its" stands for.
    fn find_other(
        &self,
        tree: &Tree,
        h: usize,
        besides: &[usize],
    ) -> Option<(usize, usize, MentionVia)> {
        let at = |t: usize| self.at(t).filter(|(e, _)| !besides.contains(e));
        if let Some((e, via)) = at(h) {
            return Some((h, e, via));
        }
        let mut frontier = vec![h];
        for _ in 0..3 {
            let mut next = Vec::new();
            for &n in &frontier {
                for &c in tree.kids(n) {
                    if !ACTOR_PATH.contains(&tree.base(c)) {
                        continue;
                    }
                    if let Some((e, via)) = at(c) {
                        return Some((c, e, via));
                    }
                    next.push(c);
                }
            }
            frontier = next;
        }
        None
    }

    /// The actors a phrase names: its own and those of coordinated phrases.
    /// (`besides`: actors passed over, see `find_other`.)
    fn actors_other(&self, tree: &Tree, h: usize, besides: &[usize]) -> Vec<(usize, MentionVia)> {
        let mut heads = vec![h];
        let mut i = 0;
        while i < heads.len() && heads.len() < 16 {
            let n = heads[i];
            for &c in tree.kids(n) {
                if tree.rel(c) == "conj" && !heads.contains(&c) {
                    heads.push(c);
                }
            }
            i += 1;
        }
        let mut out: Vec<(usize, MentionVia)> = Vec::new();
        for (k, &n) in heads.iter().enumerate() {
            if let Some((tok, e, via)) = self.find_other(tree, n, besides) {
                if !out.iter().any(|(o, _)| *o == e) {
                    out.push((e, via));
                }
                // "Hungarian and Romanian officials": the conjunct sits on the modifier
                if k == 0 && tok != n {
                    // every word of the mention may carry the conjunct ("Sierra Leonean and
                    // Liberian refugees" hangs "Liberian" from "Leonean")
                    let same = |j: usize| self.at(j).is_some_and(|(o, _)| o == e);
                    let mut lo = tok;
                    while lo > tree.start && same(lo - 1) {
                        lo -= 1;
                    }
                    let mut hi = tok + 1;
                    while hi < tree.end && same(hi) {
                        hi += 1;
                    }
                    for c in (lo..hi).flat_map(|w| tree.kids(w).iter().copied()) {
                        if tree.rel(c) == "conj" {
                            if let Some((ce, cvia)) = self.at(c) {
                                if !out.iter().any(|(o, _)| *o == ce) {
                                    out.push((ce, cvia));
                                }
                            }
                        }
                    }
                }
            }
        }
        out
    }

    fn first(&self, tree: &Tree, nodes: &[usize]) -> Vec<(usize, MentionVia)> {
        self.first_other(tree, nodes, &[])
    }

    /// The actors of the first node that names one other than those in `besides` (an event's
    /// sources: "threatened an offensive in its war with Iraq" is not aimed at its own
    /// source, whose pronoun comes first).
    fn first_other(
        &self,
        tree: &Tree,
        nodes: &[usize],
        besides: &[usize],
    ) -> Vec<(usize, MentionVia)> {
        nodes
            .iter()
            .map(|&n| {
                let mut a = self.actors_other(tree, n, besides);
                a.retain(|(e, _)| !besides.contains(e));
                a
            })
            .find(|a| !a.is_empty())
            .unwrap_or_default()
    }
}

fn sentence_date(doc: &Document, sentence: usize) -> Option<String> {
    let span = doc.sentences.get(sentence)?.span;
    doc.times
        .iter()
        .find(|t| {
            span.contains(t.span)
                && t.kind == TimexType::Date
                && t.value.as_bytes().first().is_some_and(u8::is_ascii_digit)
        })
        .map(|t| t.value.clone())
        .or_else(|| doc.meta.published.map(|d| d.to_string()))
}

fn event_place(doc: &Document, tree: &Tree, trigger: usize, index: &ActorIndex) -> Option<Place> {
    let mut nodes: Vec<usize> = Vec::new();
    for &c in tree.kids(trigger) {
        if tree.base(c) == "obl"
            && ["in", "at", "near"]
                .iter()
                .any(|w| tree.introduced_by(c, w))
        {
            nodes.push(c);
        }
    }
    for n in nodes {
        if let Some((_, e, _)) = index.find(tree, n) {
            if let Some(p) = doc.entities.get(e).and_then(|e| e.place.clone()) {
                return Some(p);
            }
        }
    }
    // places without an actor code are not in the index: look the tokens up directly
    for &c in tree.kids(trigger) {
        if tree.base(c) != "obl" || !["in", "at"].iter().any(|w| tree.introduced_by(c, w)) {
            continue;
        }
        let span = doc.tokens[c].span;
        for ent in &doc.entities {
            if let Some(p) = &ent.place {
                if ent.mentions.iter().any(|m| m.span.overlaps(span)) {
                    return Some(p.clone());
                }
            }
        }
    }
    None
}

impl EventCoder {
    /// Codes every sentence of `doc`, returning the events (also what `annotate` stores).
    pub fn code(&self, doc: &Document) -> Vec<Event> {
        let index = ActorIndex::new(doc);
        let mut events = Vec::new();
        for s in 0..doc.sentences.len() {
            let Some(tree) = Tree::new(doc, &self.lexicon, s) else {
                continue;
            };
            let date = sentence_date(doc, s);
            for c in self.candidates(&tree) {
                let Some((root, quad_class, goldstein, plover)) = self.describe(&c.code) else {
                    continue;
                };
                let sources = index.first(&tree, &c.sources);
                if sources.is_empty() {
                    continue;
                }
                let source_ids: Vec<usize> = sources.iter().map(|(e, _)| *e).collect();
                let mut targets: Vec<Option<(usize, MentionVia)>> = index
                    .first_other(&tree, &c.targets, &source_ids)
                    .into_iter()
                    .map(Some)
                    .collect();
                if targets.is_empty() {
                    targets.push(None);
                }
                let place = event_place(doc, &tree, c.trigger, &index);
                let trigger = doc.tokens[c.trigger].span;
                for &(src, svia) in &sources {
                    for tgt in &targets {
                        let tgt = tgt.filter(|(t, _)| *t != src);
                        let source_code = EventCoder::entity_code(doc, src);
                        let target_code = match tgt {
                            Some(t) => EventCoder::entity_code(doc, t.0),
                            None if root == "14" => {
                                EventCoder::protested_government(doc, src, place.as_ref())
                            }
                            None if matches!(root.as_str(), "17" | "18" | "19" | "20")
                                && c.targets
                                    .iter()
                                    .take(2)
                                    .any(|&n| CIVILIANS.contains(&tree.lemma(n))) =>
                            {
                                EventCoder::civilians_country(doc, src, place.as_ref())
                            }
                            None => None,
                        };
                        let mut confidence = c.confidence;
                        if tgt.is_none() {
                            confidence -= 0.15;
                        }
                        if svia == MentionVia::Pronoun {
                            confidence *= 0.85;
                        }
                        if c.negated {
                            confidence *= 0.8;
                        }
                        let ev = Event {
                            source: Some(src),
                            target: tgt.map(|t| t.0),
                            source_code,
                            target_code,
                            cameo: c.code.clone(),
                            root: root.clone(),
                            quad_class,
                            goldstein,
                            plover: plover.clone(),
                            date: date.clone(),
                            place: place.clone(),
                            negated: c.negated,
                            trigger,
                            sentence: s,
                            confidence: confidence.clamp(0.05, 1.0),
                        };
                        let dup = events.iter().any(|o: &Event| {
                            o.sentence == ev.sentence
                                && o.source == ev.source
                                && o.target == ev.target
                                && o.cameo == ev.cameo
                        });
                        if !dup {
                            events.push(ev);
                        }
                    }
                }
            }
        }
        // One happening told twice in a sentence ("army raids have killed rebel commanders"):
        // the reading without a target gives way to one with, for the same source and code.
        let snapshot = events.clone();
        events.retain(|e| {
            e.target.is_some()
                || !snapshot.iter().any(|o| {
                    o.sentence == e.sentence
                        && o.source == e.source
                        && o.cameo == e.cameo
                        && o.negated == e.negated
                        && o.target.is_some()
                })
        });
        events
    }
}

impl Stage for EventCoder {
    fn name(&self) -> &'static str {
        "events"
    }
    fn annotate(&self, doc: &mut Document) {
        doc.events = self.code(doc);
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use newsgraph_core::{Entity, EntityKind, Mention, Sentence, Span, Token, Upos};

    /// A one-sentence document from CoNLL-U-like rows `form lemma UPOS head deprel [XPOS]`
    /// (heads 1-based, 0 for the root) and actors `(words, code, via)`.
    pub(crate) fn doc(rows: &str, actors: &[(&str, &str, MentionVia)]) -> Document {
        let mut text = String::new();
        let mut tokens = Vec::new();
        for row in rows.split(';').map(str::trim).filter(|r| !r.is_empty()) {
            let f: Vec<&str> = row.split_whitespace().collect();
            assert!(f.len() == 5 || f.len() == 6, "bad row {row}");
            if !text.is_empty() {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(f[0]);
            let head: usize = f[3].parse().expect("head");
            tokens.push(Token {
                span: Span::new(start, text.len()),
                form: None,
                upos: Upos::parse(f[2]).expect("upos"),
                xpos: f.get(5).map(|x| x.to_string()).unwrap_or_default(),
                lemma: f[1].to_string(),
                head: head.checked_sub(1),
                deprel: f[4].to_string(),
            });
        }
        let mut d = Document::from_text("t", text.clone());
        d.sentences = vec![Sentence {
            span: Span::new(0, text.len()),
            tokens: 0..tokens.len(),
        }];
        d.tokens = tokens;
        for (words, code, via) in actors {
            let start = text.find(words).expect("actor words in text");
            d.entities.push(Entity {
                canonical: words.to_string(),
                kind: EntityKind::Country,
                actor_code: Some(code.to_string()),
                country: Some(code[..3].to_string()),
                mentions: vec![Mention {
                    span: Span::new(start, start + words.len()),
                    via: *via,
                }],
                ..Entity::default()
            });
        }
        d
    }

    fn coded(d: &Document) -> Vec<(String, String, String, bool)> {
        let coder = EventCoder::new().expect("coder");
        let events = coder.code(d);
        for e in &events {
            let s = d.sentences[e.sentence].span;
            assert!(s.contains(e.trigger), "trigger outside its sentence");
            assert!(e.source.is_some() && !e.cameo.is_empty());
        }
        events
            .into_iter()
            .map(|e| {
                (
                    e.source_code.unwrap_or_default(),
                    e.cameo,
                    e.target_code.unwrap_or_default(),
                    e.negated,
                )
            })
            .collect()
    }

    fn ev(s: &str, c: &str, t: &str, n: bool) -> (String, String, String, bool) {
        (s.into(), c.into(), t.into(), n)
    }

    const N: MentionVia = MentionVia::Name;

    #[test]
    fn a_that_clause_hung_from_a_date_is_the_complement_of_the_verb() {
        // "Britain said on Friday that Sudan must act": the clause parsed as a relative
        // clause of "Friday"
        let rows = "Britain Britain PROPN 2 nsubj; said say VERB 0 root VBD; on on ADP 4 case;
             Friday Friday PROPN 2 obl; that that SCONJ 8 mark; Sudan Sudan PROPN 8 nsubj;
             must must AUX 8 aux; act act VERB 4 acl VB";
        let actors = [("Britain", "GBR", N), ("Sudan", "SDN", N)];
        let mut d = doc(rows, &actors);
        let friday = d.text.find("Friday").expect("in text");
        d.times.push(newsgraph_core::TimeExpr {
            span: Span::new(friday, friday + 6),
            value: "XXXX-WXX-5".to_string(),
            kind: TimexType::Date,
        });
        assert_eq!(coded(&d), [ev("GBR", "100", "SDN", false)]);
        // without the date the relative reading stands and the statement is plain
        let d = doc(rows, &actors);
        assert!(coded(&d).iter().all(|(_, c, _, _)| c != "100"));
    }

    #[test]
    fn a_target_is_not_the_source_named_again_by_a_pronoun() {
        // "Iran threatened to launch an offensive in its war with Iraq": "its" is Iran
        let mut d = doc(
            "Iran Iran PROPN 2 nsubj; threatened threaten VERB 0 root VBD; to to PART 4 mark;
             launch launch VERB 2 xcomp VB; an a DET 6 det; offensive offensive NOUN 4 obj;
             in in ADP 9 case; its its PRON 9 nmod:poss; war war NOUN 6 nmod;
             with with ADP 11 case; Iraq Iraq PROPN 9 nmod",
            &[("Iran", "IRN", N), ("Iraq", "IRQ", N)],
        );
        let its = d.text.find(" its ").expect("in text") + 1;
        d.entities[0].mentions.push(Mention {
            span: Span::new(its, its + 3),
            via: MentionVia::Pronoun,
        });
        let coded = coded(&d);
        assert!(coded.contains(&ev("IRN", "138", "IRQ", false)), "{coded:?}");
    }

    #[test]
    fn a_subject_hung_from_a_fronted_date_is_the_verbs() {
        // "On Tuesday, Ankara rejected Athens": "Ankara" parsed as an apposition of "Tuesday"
        let rows = "On on ADP 2 case; Tuesday Tuesday PROPN 5 obl; , , PUNCT 4 punct;
             Ankara Ankara PROPN 2 appos; rejected reject VERB 0 root VBD;
             Athens Athens PROPN 5 obj";
        let actors = [("Ankara", "TURGOV", N), ("Athens", "GRCGOV", N)];
        let mut d = doc(rows, &actors);
        let tue = d.text.find("Tuesday").expect("in text");
        d.times.push(newsgraph_core::TimeExpr {
            span: Span::new(tue, tue + 7),
            value: "XXXX-WXX-2".to_string(),
            kind: TimexType::Date,
        });
        assert_eq!(coded(&d), [ev("TURGOV", "120", "GRCGOV", false)]);
        // an apposition of a phrase that is not a date stays where it is
        assert!(coded(&doc(rows, &actors)).is_empty());
    }

    #[test]
    fn a_governed_verb_of_the_same_kind_is_the_same_happening() {
        // "Abuja summoned Niamey's envoy to complain": one complaint, not two
        let d = doc(
            "Abuja Abuja PROPN 2 nsubj; summoned summon VERB 0 root VBD;
             Niamey Niamey PROPN 5 nmod:poss; 's 's PART 3 case; envoy envoy NOUN 2 obj;
             to to PART 7 mark; complain complain VERB 2 xcomp VB",
            &[("Abuja", "NGAGOV", N), ("Niamey", "NERGOV", N)],
        );
        let got = coded(&d);
        assert_eq!(got, [ev("NGAGOV", "114", "NERGOV", false)], "{got:?}");
    }

    #[test]
    fn a_conjunct_on_any_word_of_a_two_word_modifier_is_a_target_too() {
        // "Guinea tortured scores of Sierra Leonean and Liberian refugees"
        let d = doc(
            "Guinea Guinea PROPN 2 nsubj; tortured torture VERB 0 root VBD;
             scores score NOUN 2 obj; of of ADP 5 case; Sierra Sierra PROPN 3 nmod;
             Leonean Leonean PROPN 9 compound; and and CCONJ 8 cc;
             Liberian Liberian PROPN 6 conj; refugees refugee NOUN 3 nmod",
            &[
                ("Guinea", "GIN", N),
                ("Sierra Leonean", "SLE", N),
                ("Liberian", "LBR", N),
            ],
        );
        let got = coded(&d);
        assert!(got.contains(&ev("GIN", "1822", "SLE", false)), "{got:?}");
        assert!(got.contains(&ev("GIN", "1822", "LBR", false)), "{got:?}");
    }

    #[test]
    fn an_adjective_subject_before_a_name_modifies_the_name() {
        // "Georgian President Shevardnadze resigned as protesters ...": "Georgian" parsed as
        // the subject of a later verb, the name as the subject of "resigned"
        let d = doc(
            "Georgian Georgian ADJ 7 nsubj JJ; President President PROPN 3 compound;
             Shevardnadze Shevardnadze PROPN 4 nsubj; resigned resign VERB 7 advcl VBD;
             as as SCONJ 7 mark; protesters protester NOUN 7 nsubj;
             stormed storm VERB 0 root VBD; parliament parliament NOUN 7 obj",
            &[("Georgian", "GEO", N), ("Shevardnadze", "GEOGOV", N)],
        );
        let got = coded(&d);
        assert!(got.iter().all(|(s, _, _, _)| s != "GEO"), "{got:?}");
    }

    #[test]
    fn an_implicative_verb_hands_on_to_the_verb_that_governs_it() {
        // "Skopje prepared to resume shelling Tetovo": nothing was shelled yet
        let d = doc(
            "Skopje Skopje PROPN 2 nsubj; prepared prepare VERB 0 root VBD; to to PART 4 mark;
             resume resume VERB 2 xcomp VB; shelling shell VERB 4 xcomp VBG;
             Tetovo Tetovo PROPN 5 obj",
            &[("Skopje", "MKDGOV", N), ("Tetovo", "MKD", N)],
        );
        let got = coded(&d);
        assert!(
            got.iter().all(|(_, c, _, _)| !c.starts_with("19")),
            "{got:?}"
        );
        assert!(
            got.iter().any(|(s, c, _, _)| s == "MKDGOV" && c == "150"),
            "{got:?}"
        );
    }

    #[test]
    fn a_target_phrase_opening_with_the_sources_pronoun_names_its_own_actor() {
        // "Athens demanded that its EU partners refuse": the partners are the EU
        let mut d = doc(
            "Athens Athens PROPN 2 nsubj; demanded demand VERB 0 root VBD; that that SCONJ 7 mark;
             its its PRON 6 nmod:poss; EU EU PROPN 6 compound; partners partner NOUN 7 nsubj;
             refuse refuse VERB 2 ccomp VB",
            &[("Athens", "GRCGOV", N), ("EU", "IGOEUREEC", N)],
        );
        let its = d.text.find(" its ").expect("in text") + 1;
        d.entities[0].mentions.push(Mention {
            span: Span::new(its, its + 3),
            via: MentionVia::Pronoun,
        });
        let got = coded(&d);
        assert!(
            got.contains(&ev("GRCGOV", "100", "IGOEUREEC", false)),
            "{got:?}"
        );
    }

    #[test]
    fn violence_against_people_of_no_country_targets_the_sources_country() {
        // "Egyptian police shot demonstrators": the demonstrators are Egypt's
        let d = doc(
            "Egyptian Egyptian ADJ 2 amod; police police NOUN 3 nsubj; shot shoot VERB 0 root VBD;
             demonstrators demonstrator NOUN 3 obj",
            &[("Egyptian police", "EGYCOP", N)],
        );
        let got = coded(&d);
        assert!(
            got.iter()
                .any(|(s, c, t, _)| s == "EGYCOP" && c.starts_with("1") && t == "EGY"),
            "{got:?}"
        );
        // a thing shot at names no one
        let d = doc(
            "Egyptian Egyptian ADJ 2 amod; police police NOUN 3 nsubj; shot shoot VERB 0 root VBD;
             flares flare NOUN 3 obj",
            &[("Egyptian police", "EGYCOP", N)],
        );
        assert!(
            coded(&d).iter().all(|(_, _, t, _)| t.is_empty()),
            "{:?}",
            coded(&d)
        );
    }

    #[test]
    fn the_purpose_of_a_move_is_aimed_where_the_move_goes() {
        // "The UN sent experts to Haiti to investigate"
        let d = doc(
            "UN UN PROPN 2 nsubj; sent send VERB 0 root VBD; experts expert NOUN 2 obj;
             to to ADP 5 case; Haiti Haiti PROPN 3 nmod; to to PART 7 mark;
             investigate investigate VERB 2 advcl VB",
            &[("UN", "IGOUNO", N), ("Haiti", "HTI", N)],
        );
        let got = coded(&d);
        assert!(got.contains(&ev("IGOUNO", "090", "HTI", false)), "{got:?}");
    }

    #[test]
    fn the_purpose_of_a_journey_is_the_travellers_event() {
        // "Cairo's envoys returned to Geneva for talks with Israel"
        let d = doc(
            "envoys envoy NOUN 2 nsubj; returned return VERB 0 root VBD; to to ADP 4 case;
             Geneva Geneva PROPN 2 obl; for for ADP 6 case; talks talk NOUN 2 obl;
             with with ADP 8 case; Israel Israel PROPN 6 nmod",
            &[("envoys", "EGYGOV", N), ("Israel", "ISRGOV", N)],
        );
        let got = coded(&d);
        assert!(
            got.contains(&ev("EGYGOV", "046", "ISRGOV", false)),
            "{got:?}"
        );
        // an appeal for talks is not a talk
        let d = doc(
            "envoys envoy NOUN 2 nsubj; pressed press VERB 0 root VBD; for for ADP 4 case;
             talks talk NOUN 2 obl; with with ADP 6 case; Israel Israel PROPN 4 nmod",
            &[("envoys", "EGYGOV", N), ("Israel", "ISRGOV", N)],
        );
        assert!(
            coded(&d).iter().all(|(_, c, _, _)| c != "046"),
            "{:?}",
            coded(&d)
        );
    }

    #[test]
    fn a_stray_adjective_before_a_name_modifies_the_name() {
        // "British minister Straw said Sudan must act": "British" hung from the verb as its
        // clausal complement, before the real one
        let d = doc(
            "British British ADJ 4 ccomp JJ; minister minister NOUN 3 compound;
             Straw Straw PROPN 4 nsubj; said say VERB 0 root VBD; Sudan Sudan PROPN 7 nsubj;
             must must AUX 7 aux; act act VERB 4 ccomp VB",
            &[("Straw", "GBRGOV", N), ("Sudan", "SDN", N)],
        );
        assert_eq!(coded(&d), [ev("GBRGOV", "100", "SDN", false)]);
    }

    #[test]
    fn a_perfect_auxiliary_parsed_as_the_main_verb_hands_over_its_subject() {
        // "Ankara has flatly rejected Athens": "has" at the root, the participle its complement
        let d = doc(
            "Ankara Ankara PROPN 2 nsubj; has have VERB 0 root VBZ; flatly flatly ADV 4 advmod;
             rejected reject VERB 2 ccomp VBD; Athens Athens PROPN 4 obj",
            &[("Ankara", "TURGOV", N), ("Athens", "GRCGOV", N)],
        );
        assert_eq!(coded(&d), [ev("TURGOV", "120", "GRCGOV", false)]);
        // possession keeps its reading: "has" with an object of its own
        let d = doc(
            "Ankara Ankara PROPN 2 nsubj; has have VERB 0 root VBZ; plans plan NOUN 2 obj;
             approved approve VERB 3 acl VBN; by by ADP 6 case; Athens Athens PROPN 4 obl",
            &[("Ankara", "TURGOV", N), ("Athens", "GRCGOV", N)],
        );
        assert!(coded(&d).iter().all(|(_, c, _, _)| c != "120"));
    }

    #[test]
    fn a_past_tense_tagged_as_adjective_of_its_object_is_the_verb() {
        // "Guerrillas wounded two soldiers, police said": the subject hangs from the object
        let d = doc(
            "Guerrillas guerrilla NOUN 4 nsubj; wounded wounded ADJ 4 amod JJ; two two NUM 4 nummod;
             soldiers soldier NOUN 7 ccomp; , , PUNCT 7 punct; police police NOUN 7 nsubj;
             said say VERB 0 root",
            &[("Guerrillas", "COLREB", N), ("soldiers", "COLMIL", N)],
        );
        let got = coded(&d);
        assert!(
            got.contains(&ev("COLREB", "180", "COLMIL", false)),
            "{got:?}"
        );
    }

    #[test]
    fn violence_by_irregular_forces_or_bombs_is_assault_and_by_armies_is_fighting() {
        let kill = |subject: &str, lemma: &str| {
            doc(
                &format!(
                    "{subject} {lemma} NOUN 2 nsubj; killed kill VERB 0 root;
                     soldiers soldier NOUN 2 obj"
                ),
                &[(subject, "SOMREB", N), ("soldiers", "KENMIL", N)],
            )
        };
        assert_eq!(
            coded(&kill("Militants", "militant")),
            [ev("SOMREB", "1823", "KENMIL", false)]
        );
        assert_eq!(
            coded(&kill("Troops", "troop")),
            [ev("SOMREB", "190", "KENMIL", false)]
        );
        let d = doc(
            "A a DET 3 det; roadside roadside NOUN 3 compound; bombing bombing NOUN 4 nsubj;
             killed kill VERB 0 root; soldiers soldier NOUN 4 obj",
            &[("roadside bombing", "SOMREB", N), ("soldiers", "KENMIL", N)],
        );
        let got = coded(&d);
        assert!(
            got.contains(&ev("SOMREB", "1833", "KENMIL", false)),
            "{got:?}"
        );
    }

    #[test]
    fn a_target_the_slots_miss_is_the_first_actor_later_in_the_clause() {
        // "for a possible war against Zagreb": no slot of the verb points there
        let d = doc(
            "Belgrade Belgrade PROPN 2 nsubj; mobilized mobilize VERB 0 root; its its PRON 4 nmod:poss;
             reserves reserve NOUN 2 obj; for for ADP 8 case; a a DET 8 det;
             possible possible ADJ 8 amod; war war NOUN 2 obl; against against ADP 10 case;
             Zagreb Zagreb PROPN 8 nmod",
            &[("Belgrade", "SRBGOV", N), ("Zagreb", "HRVGOV", N)],
        );
        assert_eq!(coded(&d), [ev("SRBGOV", "154", "HRVGOV", false)]);
        // a background phrase names no target
        let d = doc(
            "Rebels rebel NOUN 2 nsubj; surrendered surrender VERB 0 root; after after ADP 4 case;
             talks talk NOUN 2 obl; with with ADP 6 case; Kampala Kampala PROPN 4 nmod",
            &[("Rebels", "UGAREB", N), ("Kampala", "UGAGOV", N)],
        );
        let got = coded(&d);
        assert!(
            !got.is_empty() && got.iter().all(|(s, _, t, _)| s == "UGAREB" && t.is_empty()),
            "{got:?}"
        );
    }

    #[test]
    fn active_verb_with_object() {
        let d = doc(
            "Muallem Muallem PROPN 2 nsubj; met meet VERB 0 root; Putin Putin PROPN 2 obj;
             in in ADP 5 case; Sochi Sochi PROPN 2 obl",
            &[("Muallem", "SYRGOV", N), ("Putin", "RUSGOV", N)],
        );
        assert_eq!(coded(&d), [ev("SYRGOV", "040", "RUSGOV", false)]);
    }

    #[test]
    fn an_object_split_in_two_by_the_parse_gives_the_target_from_either_part() {
        // "Ankara hosted Greek Premier Papandreou": the adjective parsed as an object of its own
        let d = doc(
            "Ankara Ankara PROPN 2 nsubj; hosted host VERB 0 root; Greek Greek PROPN 2 obj;
             Premier Premier PROPN 5 compound; Papandreou Papandreou PROPN 2 obj",
            &[("Ankara", "TUR", N), ("Papandreou", "GRCGOV", N)],
        );
        assert_eq!(coded(&d), [ev("TUR", "043", "GRCGOV", false)]);
    }

    #[test]
    fn the_lexicon_inflection_table_overrides_a_wrong_lemma() {
        // a learned lemmatizer may give "blam" for "blamed"
        let d = doc(
            "Hamas Hamas PROPN 2 nsubj; blamed blam VERB 0 root; Israel Israel PROPN 2 obj",
            &[("Hamas", "PSEREB", N), ("Israel", "ISR", N)],
        );
        assert_eq!(coded(&d), [ev("PSEREB", "112", "ISR", false)]);
    }

    #[test]
    fn a_past_tense_misparsed_as_passive_keeps_its_doer() {
        // no passive auxiliary, no agent, an object: "Ankara sent weapons to Baku"
        let d = doc(
            "Ankara Ankara PROPN 2 nsubj:pass; sent send VERB 0 root; weapons weapon NOUN 2 obj;
             to to ADP 5 case; Baku Baku PROPN 2 obl",
            &[("Ankara", "TURGOV", N), ("Baku", "AZE", N)],
        );
        let got = coded(&d);
        assert!(
            got.iter().any(|(s, _, t, _)| s == "TURGOV" && t == "AZE"),
            "{got:?}"
        );
        // a headline passive without a complement stays a passive without a doer
        let d = doc(
            "Soldiers soldier NOUN 2 nsubj:pass; killed kill VERB 0 root; in in ADP 4 case;
             Kabul Kabul PROPN 2 obl",
            &[("Soldiers", "AFGMIL", N)],
        );
        assert_eq!(coded(&d), []);
        // a real passive keeps its reading
        let d = doc(
            "Lagos Lagos PROPN 3 nsubj:pass; was be AUX 3 aux:pass; criticized criticize VERB 0 root;
             by by ADP 5 case; Accra Accra PROPN 3 obl",
            &[("Lagos", "NGAGOV", N), ("Accra", "GHAGOV", N)],
        );
        let got = coded(&d);
        assert!(
            got.iter()
                .all(|(s, _, t, _)| s == "GHAGOV" && t == "NGAGOV")
                && !got.is_empty(),
            "{got:?}"
        );
    }

    #[test]
    fn plural_condition_words_match_without_a_lemma() {
        // the lemmatizer left "troops" unchanged; the lexicon's condition names "troop"
        let d = doc(
            "Moscow Moscow PROPN 2 nsubj; sent send VERB 0 root; troops troops NOUN 2 obj;
             to to ADP 5 case; Minsk Minsk PROPN 2 obl",
            &[("Moscow", "RUSGOV", N), ("Minsk", "BLRGOV", N)],
        );
        assert_eq!(coded(&d), [ev("RUSGOV", "072", "BLRGOV", false)]);
    }

    #[test]
    fn a_noun_that_is_also_a_verb_form_keeps_its_noun_lemma() {
        // "meeting" is a form of "meet", but as a noun it is the lexicon's "meeting"
        let d = doc(
            "Ottawa Ottawa PROPN 2 nsubj; held hold VERB 0 root; a a DET 4 det;
             meeting meet NOUN 2 obj; with with ADP 6 case; Oslo Oslo PROPN 4 nmod",
            &[("Ottawa", "CANGOV", N), ("Oslo", "NORGOV", N)],
        );
        assert_eq!(coded(&d), [ev("CANGOV", "040", "NORGOV", false)]);
    }

    #[test]
    fn a_modifier_of_the_object_is_more_specific_than_the_object() {
        let d = doc(
            "Paris Paris PROPN 2 nsubj; provided provide VERB 0 root; military military ADJ 4 amod;
             aid aid NOUN 2 obj; to to ADP 6 case; Kigali Kigali PROPN 2 obl",
            &[("Paris", "FRAGOV", N), ("Kigali", "RWAGOV", N)],
        );
        assert_eq!(coded(&d), [ev("FRAGOV", "072", "RWAGOV", false)]);
    }

    #[test]
    fn swearing_to_fight_is_a_threat_and_an_attempt_is_the_act() {
        let d = doc(
            "Rebels rebel NOUN 3 nsubj; have have AUX 3 aux; sworn swear VERB 0 root;
             to to PART 5 mark; attack attack VERB 3 xcomp; Goma Goma PROPN 5 obj",
            &[("Rebels", "CODREB", N), ("Goma", "COD", N)],
        );
        assert_eq!(coded(&d), [ev("CODREB", "138", "COD", false)]);
        let d = doc(
            "Hackers hacker NOUN 2 nsubj; tried try VERB 0 root; to to PART 4 mark;
             attack attack VERB 2 xcomp; Tallinn Tallinn PROPN 4 obj",
            &[("Hackers", "RUSCRM", N), ("Tallinn", "ESTGOV", N)],
        );
        assert_eq!(coded(&d), [ev("RUSCRM", "190", "ESTGOV", false)]);
    }

    #[test]
    fn nominal_events_under_new_light_verbs() {
        // "reiterated its demand on X": the demand is the possessor's
        let d = doc(
            "Seoul Seoul PROPN 2 nsubj; reiterated reiterate VERB 0 root; its its PRON 4 nmod:poss;
             demand demand NOUN 2 obj; on on ADP 6 case; Pyongyang Pyongyang PROPN 4 nmod",
            &[
                ("Seoul", "KORGOV", N),
                ("its", "KORGOV", N),
                ("Pyongyang", "PRKGOV", N),
            ],
        );
        assert_eq!(coded(&d), [ev("KORGOV", "100", "PRKGOV", false)]);
        // "waged an invasion of X"
        let d = doc(
            "Baghdad Baghdad PROPN 2 nsubj; waged wage VERB 0 root; an a DET 4 det;
             invasion invasion NOUN 2 obj; of of ADP 6 case; Kuwait Kuwait PROPN 4 nmod",
            &[("Baghdad", "IRQGOV", N), ("Kuwait", "KWT", N)],
        );
        assert_eq!(coded(&d), [ev("IRQGOV", "190", "KWT", false)]);
    }

    #[test]
    fn a_past_tense_parsed_as_adjective_of_a_root_noun_is_the_verb() {
        // the parser made "condemned" a modifier of "strikes", the root of a verbless sentence
        let mut d = doc(
            "Turkish Turkish ADJ 2 amod; diplomats diplomat NOUN 4 compound;
             condemned condemn VERB 4 amod; strikes strike NOUN 0 root; on on ADP 6 case;
             Idlib Idlib PROPN 4 nmod",
            &[("Turkish", "TUR", N)],
        );
        d.tokens[2].xpos = "VBD".to_string();
        let got = coded(&d);
        assert!(
            got.iter()
                .any(|(s, c, _, _)| s == "TUR" && c.starts_with("11")),
            "{got:?}"
        );
        // a participle adjective in a sentence that has its verb stays an adjective
        let mut d = doc(
            "the the DET 3 det; condemned condemn VERB 3 amod; men man NOUN 4 nsubj;
             appealed appeal VERB 0 root; to to ADP 6 case; Ankara Ankara PROPN 4 obl",
            &[("men", "TURCVL", N), ("Ankara", "TURGOV", N)],
        );
        d.tokens[1].xpos = "VBN".to_string();
        let got = coded(&d);
        assert!(
            got.iter().all(|(_, c, _, _)| c.starts_with("02")),
            "{got:?}"
        );
    }

    #[test]
    fn the_subject_of_a_threats_condition_is_its_target() {
        let d = doc(
            "Ankara Ankara PROPN 2 nsubj; threatened threaten VERB 0 root; to to PART 4 mark;
             strike strike VERB 2 xcomp; unless unless SCONJ 7 mark; Damascus Damascus PROPN 7 nsubj;
             withdrew withdraw VERB 4 advcl",
            &[("Ankara", "TURGOV", N), ("Damascus", "SYRGOV", N)],
        );
        let got = coded(&d);
        assert!(
            got.iter()
                .any(|(s, c, t, _)| s == "TURGOV" && c.starts_with("13") && t == "SYRGOV"),
            "{got:?}"
        );
    }

    #[test]
    fn a_condition_on_a_purpose_clause_names_the_threats_target() {
        // "Moscow threatened to quit talks to cut arms if Washington deployed missiles"
        let d = doc(
            "Moscow Moscow PROPN 2 nsubj; threatened threaten VERB 0 root VBD; to to PART 4 mark;
             quit quit VERB 2 xcomp VB; talks talk NOUN 4 obj; to to PART 7 mark;
             cut cut VERB 4 advcl VB; arms arm NOUN 7 obj; if if SCONJ 11 mark;
             Washington Washington PROPN 11 nsubj; deployed deploy VERB 7 advcl VBD;
             missiles missile NOUN 11 obj",
            &[("Moscow", "RUSGOV", N), ("Washington", "USAGOV", N)],
        );
        let got = coded(&d);
        assert!(
            got.iter()
                .any(|(s, c, t, _)| s == "RUSGOV" && c.starts_with("13") && t == "USAGOV"),
            "{got:?}"
        );
    }

    #[test]
    fn a_from_phrase_on_the_object_names_the_target() {
        // "evacuated its soldiers from X" with "from X" attached to the object
        let d = doc(
            "Hanoi Hanoi PROPN 2 nsubj; evacuated evacuate VERB 0 root; its its PRON 4 nmod:poss;
             soldiers soldier NOUN 2 obj; from from ADP 6 case; Cambodia Cambodia PROPN 4 nmod",
            &[("Hanoi", "VNMGOV", N), ("Cambodia", "KHM", N)],
        );
        let got = coded(&d);
        assert!(
            got.iter().any(|(s, _, t, _)| s == "VNMGOV" && t == "KHM"),
            "{got:?}"
        );
    }

    #[test]
    fn a_march_that_makes_a_demand_is_a_demonstration() {
        let d = doc(
            "Students student NOUN 2 nsubj; marched march VERB 0 root; in in ADP 4 case;
             Accra Accra PROPN 2 obl; demanding demand VERB 2 advcl; jobs job NOUN 5 obj",
            &[("Students", "GHAEDU", N)],
        );
        let got = coded(&d);
        assert!(
            got.iter().any(|(s, c, _, _)| s == "GHAEDU" && c == "141"),
            "{got:?}"
        );
        // a march without a demand is no protest
        let d = doc(
            "Troops troop NOUN 2 nsubj; marched march VERB 0 root; into into ADP 4 case;
             Goma Goma PROPN 2 obl",
            &[("Troops", "CODMIL", N), ("Goma", "COD", N)],
        );
        assert!(coded(&d).iter().all(|(_, c, _, _)| c != "141"));
    }

    #[test]
    fn cooperation_announced_not_to_come_is_a_refusal() {
        let d = doc(
            "Minsk Minsk PROPN 4 nsubj; will will AUX 4 aux; not not PART 4 advmod;
             meet meet VERB 0 root; Vilnius Vilnius PROPN 4 obj",
            &[("Minsk", "BLRGOV", N), ("Vilnius", "LTUGOV", N)],
        );
        assert_eq!(coded(&d), [ev("BLRGOV", "125", "LTUGOV", false)]);
        // in the past it is only a negated meeting
        let d = doc(
            "Minsk Minsk PROPN 4 nsubj; did do AUX 4 aux; not not PART 4 advmod;
             meet meet VERB 0 root; Vilnius Vilnius PROPN 4 obj",
            &[("Minsk", "BLRGOV", N), ("Vilnius", "LTUGOV", N)],
        );
        assert_eq!(coded(&d), [ev("BLRGOV", "040", "LTUGOV", true)]);
    }

    #[test]
    fn a_second_subject_the_parser_split_off_may_name_the_source() {
        // "The new envoy Ali Hassan visited Rabat" parsed with two subjects
        let d = doc(
            "The the DET 3 det; new new ADJ 3 amod; envoy envoy NOUN 6 nsubj;
             Ali Ali PROPN 6 nsubj; Hassan Hassan PROPN 4 flat; visited visit VERB 0 root;
             Rabat Rabat PROPN 6 obj",
            &[("Ali Hassan", "SDNGOV", N), ("Rabat", "MARGOV", N)],
        );
        assert_eq!(coded(&d), [ev("SDNGOV", "042", "MARGOV", false)]);
    }

    #[test]
    fn a_target_named_only_in_a_prepositional_phrase_is_found() {
        // the entry for "threaten to cut ties" names no slot with an actor; "with Russia" does
        let d = doc(
            "Minsk Minsk PROPN 2 nsubj; threatened threaten VERB 0 root; to to PART 4 mark;
             cut cut VERB 2 xcomp; ties tie NOUN 4 obj; with with ADP 7 case;
             Poland Poland PROPN 4 obl",
            &[
                ("Minsk", "BLRGOV", MentionVia::Metonymy),
                ("Poland", "POL", N),
            ],
        );
        let got = coded(&d);
        assert!(
            got.iter()
                .any(|(s, c, t, _)| s == "BLRGOV" && c.starts_with("13") && t == "POL"),
            "{got:?}"
        );
    }

    #[test]
    fn an_unresolved_pronoun_in_reported_speech_is_the_speaker() {
        let d = doc(
            "Oslo Oslo PROPN 2 nsubj; says say VERB 0 root; it it PRON 5 nsubj;
             has have AUX 5 aux; expelled expel VERB 2 ccomp; three three NUM 7 nummod;
             envoys envoy NOUN 5 obj",
            &[("Oslo", "NORGOV", MentionVia::Metonymy)],
        );
        let got = coded(&d);
        assert!(
            got.iter().any(|(s, c, _, _)| s == "NORGOV" && c == "166"),
            "{got:?}"
        );
    }

    #[test]
    fn a_targetless_reading_gives_way_to_one_with_a_target() {
        // "Turkish raids killed PKK commanders": the nominal "raids" has no target, "killed" has
        let d = doc(
            "Turkish Turkish ADJ 2 amod; raids raid NOUN 3 nsubj; killed kill VERB 0 root;
             PKK PKK PROPN 5 compound; commanders commander NOUN 3 obj",
            &[("Turkish", "TUR", N), ("PKK", "TURREB", N)],
        );
        let got = coded(&d);
        assert!(got.iter().all(|(_, _, t, _)| t == "TURREB"), "{got:?}");
        assert!(!got.is_empty());
    }

    #[test]
    fn passive_takes_the_agent_as_source() {
        let d = doc(
            "Damascus Damascus PROPN 3 nsubj:pass; was be AUX 3 aux:pass;
             attacked attack VERB 0 root; by by ADP 5 case; rebels rebel NOUN 3 obl:agent",
            &[("Damascus", "SYR", N), ("rebels", "SYRREB", N)],
        );
        assert_eq!(coded(&d), [ev("SYRREB", "190", "SYR", false)]);
    }

    #[test]
    fn passive_without_agent_has_no_event() {
        let d = doc(
            "Damascus Damascus PROPN 3 nsubj:pass; was be AUX 3 aux:pass;
             attacked attack VERB 0 root",
            &[("Damascus", "SYR", N)],
        );
        assert!(coded(&d).is_empty());
    }

    #[test]
    fn coordinated_actors_give_one_event_per_pair() {
        let d = doc(
            "Russia Russia PROPN 4 nsubj; and and CCONJ 3 cc; China China PROPN 1 conj;
             criticized criticize VERB 0 root; Japan Japan PROPN 4 obj; and and CCONJ 7 cc;
             Korea Korea PROPN 5 conj",
            &[
                ("Russia", "RUS", N),
                ("China", "CHN", N),
                ("Japan", "JPN", N),
                ("Korea", "KOR", N),
            ],
        );
        assert_eq!(
            coded(&d),
            [
                ev("RUS", "111", "JPN", false),
                ev("RUS", "111", "KOR", false),
                ev("CHN", "111", "JPN", false),
                ev("CHN", "111", "KOR", false)
            ]
        );
    }

    #[test]
    fn coordinated_modifiers_give_compound_actors() {
        let d = doc(
            "Czech Czech ADJ 4 amod; and and CCONJ 3 cc; Slovak Slovak ADJ 1 conj;
             officials official NOUN 5 nsubj; criticized criticize VERB 0 root;
             Austria Austria PROPN 5 obj",
            &[
                ("Czech", "CZE", N),
                ("Slovak", "SVK", N),
                ("Austria", "AUT", N),
            ],
        );
        assert_eq!(
            coded(&d),
            [
                ev("CZE", "111", "AUT", false),
                ev("SVK", "111", "AUT", false)
            ]
        );
    }

    #[test]
    fn reported_speech_codes_the_content_for_its_own_actors() {
        let d = doc(
            "Lavrov Lavrov PROPN 2 nsubj; said say VERB 0 root; Kiev Kiev PROPN 4 nsubj;
             shelled shell VERB 2 ccomp; Donetsk Donetsk PROPN 4 obj",
            &[
                ("Lavrov", "RUSGOV", N),
                ("Kiev", "UKRGOV", MentionVia::Metonymy),
                ("Donetsk", "UKR", N),
            ],
        );
        assert_eq!(coded(&d), [ev("UKRGOV", "194", "UKR", false)]);
    }

    #[test]
    fn a_statement_without_coded_content_is_a_statement() {
        let d = doc(
            "Lavrov Lavrov PROPN 2 nsubj; said say VERB 0 root; it it PRON 4 nsubj;
             rained rain VERB 2 ccomp",
            &[("Lavrov", "RUSGOV", N)],
        );
        assert_eq!(coded(&d), [ev("RUSGOV", "010", "", false)]);
    }

    #[test]
    fn negation_is_marked() {
        let d = doc(
            "Washington Washington PROPN 4 nsubj; did do AUX 4 aux; not not PART 4 advmod;
             ask ask VERB 0 root; Moscow Moscow PROPN 4 obj",
            &[
                ("Washington", "USAGOV", MentionVia::Metonymy),
                ("Moscow", "RUSGOV", MentionVia::Metonymy),
            ],
        );
        assert_eq!(coded(&d), [ev("USAGOV", "020", "RUSGOV", true)]);
    }

    #[test]
    fn modal_auxiliaries_make_an_event_hypothetical() {
        let d = doc(
            "Israel Israel PROPN 3 nsubj; would would AUX 3 aux; attack attack VERB 0 root;
             Iran Iran PROPN 3 obj",
            &[("Israel", "ISR", N), ("Iran", "IRN", N)],
        );
        assert_eq!(coded(&d), [ev("ISR", "190", "IRN", true)]);
    }

    #[test]
    fn a_target_in_the_governed_infinitive_counts() {
        let d = doc(
            "Qatar Qatar PROPN 2 nsubj; offered offer VERB 0 root; to to PART 4 mark;
             ship ship VERB 2 xcomp; grain grain NOUN 4 obj; to to ADP 7 case;
             Britain Britain PROPN 4 obl",
            &[("Qatar", "QAT", N), ("Britain", "GBR", N)],
        );
        assert_eq!(coded(&d), [ev("QAT", "030", "GBR", false)]);
    }

    #[test]
    fn a_willingness_adjective_alone_is_an_intent_to_cooperate() {
        let d = doc(
            "Syria Syria PROPN 3 nsubj; is be AUX 3 cop; ready ready ADJ 0 root;
             to to PART 5 mark; reconsider reconsider VERB 3 xcomp",
            &[("Syria", "SYR", N)],
        );
        assert_eq!(coded(&d), [ev("SYR", "030", "", false)]);
    }

    #[test]
    fn a_willingness_adjective_composes_with_the_event_it_governs() {
        // the pronoun is misparsed as an expletive; the speaker stands for it
        let d = doc(
            "Chile Chile PROPN 2 nsubj; says say VERB 0 root; it it PRON 5 expl;
             is be AUX 5 cop; willing willing ADJ 2 ccomp; to to PART 7 mark;
             meet meet VERB 5 xcomp; Bolivia Bolivia PROPN 7 obj",
            &[("Chile", "CHL", N), ("Bolivia", "BOL", N)],
        );
        assert_eq!(coded(&d), [ev("CHL", "036", "BOL", false)]);
        // "committed to meeting": the infinitive parsed as an adverbial clause
        let d = doc(
            "Turkey Turkey PROPN 3 nsubj; is be AUX 3 cop; committed committed ADJ 0 root;
             to to SCONJ 5 mark; meeting meet VERB 3 advcl; Iraq Iraq PROPN 5 obj",
            &[("Turkey", "TUR", N), ("Iraq", "IRQ", N)],
        );
        assert_eq!(coded(&d), [ev("TUR", "036", "IRQ", false)]);
    }

    #[test]
    fn a_purpose_clause_is_folded_into_the_main_event() {
        let d = doc(
            "Serbia Serbia PROPN 2 nsubj; mobilized mobilize VERB 0 root; troops troop NOUN 2 obj;
             to to PART 5 mark; attack attack VERB 2 advcl; Kosovo Kosovo PROPN 5 obj",
            &[("Serbia", "SRB", N), ("Kosovo", "XKX", N)],
        );
        assert_eq!(coded(&d), [ev("SRB", "154", "XKX", false)]);
        // a statement is not a main event: its content clause keeps its own event
        let d = doc(
            "Serbia Serbia PROPN 2 nsubj; visited visit VERB 0 root; Greece Greece PROPN 2 obj;
             to to PART 5 mark; cooperate cooperate VERB 2 advcl; with with ADP 7 case;
             Athens Athens PROPN 5 obl",
            &[
                ("Serbia", "SRB", N),
                ("Greece", "GRC", N),
                ("Athens", "GRC", N),
            ],
        );
        assert_eq!(coded(&d), [ev("SRB", "042", "GRC", false)]);
    }

    #[test]
    fn reported_would_is_a_future_and_announced_sanctions_are_threats() {
        let d = doc(
            "Egypt Egypt PROPN 2 nsubj; said say VERB 0 root; it it PRON 5 nsubj;
             would would AUX 5 aux; boycott boycott VERB 2 ccomp; Israel Israel PROPN 5 obj",
            &[("Egypt", "EGY", N), ("Israel", "ISR", N)],
        );
        assert_eq!(coded(&d), [ev("EGY", "130", "ISR", false)]);
        // outside reported speech "would" stays hypothetical
        let d = doc(
            "Egypt Egypt PROPN 3 nsubj; would would AUX 3 aux; meet meet VERB 0 root;
             Israel Israel PROPN 3 obj",
            &[("Egypt", "EGY", N), ("Israel", "ISR", N)],
        );
        assert_eq!(coded(&d), [ev("EGY", "040", "ISR", true)]);
    }

    #[test]
    fn a_future_event_on_a_condition_is_a_threat() {
        let d = doc(
            "Chad Chad PROPN 3 nsubj; will will AUX 3 aux; withdraw withdraw VERB 0 root;
             troops troop NOUN 3 obj; from from ADP 6 case; Niger Niger PROPN 3 obl;
             unless unless SCONJ 9 mark; Niger Niger PROPN 9 nsubj; pays pay VERB 3 advcl",
            &[("Chad", "TCD", N), ("Niger", "NER", N)],
        );
        assert_eq!(coded(&d), [ev("TCD", "130", "NER", false)]);
    }

    #[test]
    fn a_measure_of_aid_is_aid() {
        let d = doc(
            "Japan Japan PROPN 2 nsubj; sent send VERB 0 root; tons ton NOUN 2 obj;
             of of ADP 5 case; aid aid NOUN 3 nmod; to to ADP 7 case; Laos Laos PROPN 2 obl",
            &[("Japan", "JPN", N), ("Laos", "LAO", N)],
        );
        assert_eq!(coded(&d), [ev("JPN", "070", "LAO", false)]);
    }

    #[test]
    fn targets_hang_from_the_object_or_its_conjuncts() {
        // "to Laos" on the second conjunct of the object
        let d = doc(
            "Japan Japan PROPN 2 nsubj; sent send VERB 0 root; food food NOUN 2 obj;
             and and CCONJ 5 cc; aid aid NOUN 3 conj; to to ADP 7 case; Laos Laos PROPN 5 nmod",
            &[("Japan", "JPN", N), ("Laos", "LAO", N)],
        );
        assert_eq!(coded(&d), [ev("JPN", "070", "LAO", false)]);
        // a plain verb with the pointed phrase on its object
        let d = doc(
            "Japan Japan PROPN 2 nsubj; aided aid VERB 0 root; efforts effort NOUN 2 obj;
             against against ADP 5 case; Laos Laos PROPN 3 nmod",
            &[("Japan", "JPN", N), ("Laos", "LAO", N)],
        );
        assert_eq!(coded(&d), [ev("JPN", "070", "LAO", false)]);
    }

    #[test]
    fn a_subject_given_to_an_infinitive_after_the_verb_is_its_object() {
        // "urged [Japan] not to ignore Laos", Japan parsed as the infinitive's subject
        let d = doc(
            "China China PROPN 2 nsubj; urged urge VERB 0 root; Japan Japan PROPN 6 nsubj;
             not not PART 6 advmod; to to PART 6 mark; ignore ignore VERB 2 advcl;
             Laos Laos PROPN 6 obj",
            &[("China", "CHN", N), ("Japan", "JPN", N), ("Laos", "LAO", N)],
        );
        assert!(
            coded(&d)
                .iter()
                .any(|e| *e == ev("CHN", "020", "JPN", false)),
            "{:?}",
            coded(&d)
        );
    }

    #[test]
    fn a_protest_without_a_target_is_aimed_at_the_government() {
        let d = doc(
            "Kurdish Kurdish ADJ 2 amod; students student NOUN 3 nsubj;
             protested protest VERB 0 root",
            &[("Kurdish", "TUR", N)],
        );
        assert_eq!(coded(&d), [ev("TUR", "140", "TURGOV", false)]);
        // a government's protest is not turned on itself
        let d = doc(
            "Ankara Ankara PROPN 2 nsubj; protested protest VERB 0 root",
            &[("Ankara", "TURGOV", N)],
        );
        assert_eq!(coded(&d), [ev("TURGOV", "140", "", false)]);
    }

    #[test]
    fn background_clauses_and_themes_are_not_events_of_their_own() {
        // an adverbial clause of another event
        let d = doc(
            "Serbia Serbia PROPN 2 nsubj; met meet VERB 0 root; Greece Greece PROPN 2 obj;
             after after SCONJ 6 mark; Albania Albania PROPN 6 nsubj; attacked attack VERB 2 advcl;
             Kosovo Kosovo PROPN 6 obj",
            &[
                ("Serbia", "SRB", N),
                ("Greece", "GRC", N),
                ("Albania", "ALB", N),
                ("Kosovo", "XKX", N),
            ],
        );
        assert_eq!(coded(&d), [ev("SRB", "040", "GRC", false)]);
        // a nominal event that is what another event is about
        let d = doc(
            "Iran Iran PROPN 2 nsubj; rejected reject VERB 0 root; a a DET 5 det;
             Turkish Turkish ADJ 5 amod; ultimatum ultimatum NOUN 2 obj",
            &[("Iran", "IRN", N), ("Turkish", "TUR", N)],
        );
        let got = coded(&d);
        assert!(got.iter().all(|e| e.0 == "IRN"), "{got:?}");
        assert!(!got.is_empty());
        // the content of a statement keeps its own event
        let d = doc(
            "Serbia Serbia PROPN 2 nsubj; said say VERB 0 root; Albania Albania PROPN 4 nsubj;
             attacked attack VERB 2 ccomp; Kosovo Kosovo PROPN 4 obj",
            &[
                ("Serbia", "SRB", N),
                ("Albania", "ALB", N),
                ("Kosovo", "XKX", N),
            ],
        );
        assert_eq!(coded(&d), [ev("ALB", "190", "XKX", false)]);
    }

    #[test]
    fn a_statement_does_not_take_its_content_as_target() {
        let d = doc(
            "Qatar Qatar PROPN 2 nsubj; said say VERB 0 root; it it PRON 4 nsubj;
             shipped ship VERB 2 ccomp; grain grain NOUN 4 obj; to to ADP 7 case;
             Britain Britain PROPN 4 obl",
            &[("Qatar", "QAT", N), ("Britain", "GBR", N)],
        );
        assert_eq!(coded(&d), [ev("QAT", "010", "", false)]);
    }

    #[test]
    fn refusing_is_rejecting() {
        let d = doc(
            "Iran Iran PROPN 2 nsubj; refused refuse VERB 0 root; to to PART 4 mark;
             meet meet VERB 2 xcomp; Obama Obama PROPN 4 obj",
            &[("Iran", "IRN", N), ("Obama", "USAGOV", N)],
        );
        assert_eq!(coded(&d), [ev("IRN", "125", "USAGOV", false)]);
    }

    #[test]
    fn appeals_take_the_object_as_target_and_not_the_wish() {
        let d = doc(
            "Russia Russia PROPN 2 nsubj; urged urge VERB 0 root; the the DET 4 det;
             US US PROPN 2 obj; not not PART 7 advmod; to to PART 7 mark;
             attack attack VERB 2 xcomp; Syria Syria PROPN 7 obj",
            &[("Russia", "RUS", N), ("US", "USA", N), ("Syria", "SYR", N)],
        );
        assert_eq!(coded(&d), [ev("RUS", "020", "USA", false)]);
    }

    #[test]
    fn future_cooperation_is_an_intent() {
        let d = doc(
            "Austria Austria PROPN 3 nsubj; will will AUX 3 aux; give give VERB 0 root;
             Ghana Ghana PROPN 3 iobj; a a DET 6 det; grant grant NOUN 3 obj",
            &[("Austria", "AUT", N), ("Ghana", "GHA", N)],
        );
        assert_eq!(coded(&d), [ev("AUT", "0331", "GHA", false)]);
    }

    #[test]
    fn metonymy_gives_the_government() {
        let d = doc(
            "The the DET 2 det; Kremlin Kremlin PROPN 3 nsubj; condemned condemn VERB 0 root;
             Kiev Kiev PROPN 3 obj",
            &[
                ("Kremlin", "RUSGOV", MentionVia::Metonymy),
                ("Kiev", "UKRGOV", MentionVia::Metonymy),
            ],
        );
        assert_eq!(coded(&d), [ev("RUSGOV", "111", "UKRGOV", false)]);
    }

    #[test]
    fn nominal_event_under_a_light_verb() {
        let d = doc(
            "The the DET 2 det; US US PROPN 3 nsubj; launched launch VERB 0 root;
             air air NOUN 5 compound; strikes strike NOUN 3 obj; against against ADP 7 case;
             militants militant NOUN 5 nmod",
            &[("US", "USA", N), ("militants", "IMGMUSISI", N)],
        );
        assert_eq!(coded(&d), [ev("USA", "195", "IMGMUSISI", false)]);
    }

    #[test]
    fn nominal_event_with_a_national_modifier() {
        let d = doc(
            "Russian Russian ADJ 2 amod; airstrikes airstrike NOUN 3 nsubj; hit hit VERB 0 root;
             Idlib Idlib PROPN 3 obj",
            &[("Russian", "RUS", N), ("Idlib", "SYR", N)],
        );
        // the nominal event (no target of its own) and "hit" with the strikes as its subject
        let c = coded(&d);
        assert!(c.contains(&ev("RUS", "190", "SYR", false)), "{c:?}");
        assert!(c.contains(&ev("RUS", "195", "", false)), "{c:?}");
    }

    #[test]
    fn light_verb_and_noun_are_coded_once() {
        let d = doc(
            "Kerry Kerry PROPN 2 nsubj; held hold VERB 0 root; talks talk NOUN 2 obj;
             with with ADP 5 case; Lavrov Lavrov PROPN 3 nmod",
            &[("Kerry", "USAGOV", N), ("Lavrov", "RUSGOV", N)],
        );
        assert_eq!(coded(&d), [ev("USAGOV", "046", "RUSGOV", false)]);
    }

    #[test]
    fn particle_verbs() {
        let d = doc(
            "Washington Washington PROPN 2 nsubj; ruled rule VERB 0 root; out out ADP 2 compound:prt;
             any any DET 5 det; alliance alliance NOUN 2 obj; with with ADP 7 case;
             Assad Assad PROPN 5 nmod",
            &[("Washington", "USAGOV", MentionVia::Metonymy), ("Assad", "SYRGOV", N)],
        );
        assert_eq!(coded(&d), [ev("USAGOV", "120", "SYRGOV", false)]);
    }

    #[test]
    fn unparsed_and_empty_documents_code_nothing() {
        let coder = EventCoder::new().expect("coder");
        let mut d = Document::from_text("t", "Russia attacked Ukraine.");
        coder.annotate(&mut d);
        assert!(d.events.is_empty());
        d.sentences = vec![Sentence {
            span: Span::new(0, 5),
            tokens: 0..3,
        }];
        coder.annotate(&mut d); // token range past the token layer
        assert!(d.events.is_empty());
    }

    #[test]
    fn sport_sentences_are_discarded() {
        let d = doc(
            "The the DET 2 det; striker striker NOUN 3 nsubj; attacked attack VERB 0 root;
             Madrid Madrid PROPN 3 obj; in in ADP 6 case; the the DET 7 det;
             semi-final semi-final NOUN 3 obl",
            &[("Madrid", "ESP", N), ("striker", "ESP", N)],
        );
        assert!(coded(&d).is_empty());
    }
}
