//! Annotation layers: one typed vector per stage, all spans into `Document::text`.

use std::ops::Range;

use crate::Span;

/// A sentence: its span and the range of its tokens in `Document::tokens`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    /// Byte span in the clean text.
    pub span: Span,
    /// Index range into `Document::tokens` (empty until the tokenizer runs).
    pub tokens: Range<usize>,
}

/// Universal POS tags (UD v2).
#[allow(missing_docs)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    #[default]
    X,
}

impl Upos {
    /// All tags, in enum order.
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];
    /// The UD name (`NOUN`).
    pub fn as_str(self) -> &'static str {
        [
            "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON",
            "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X",
        ][self as usize]
    }
    /// The tag with UD name `s`.
    pub fn parse(s: &str) -> Option<Upos> {
        Upos::ALL.iter().copied().find(|u| u.as_str() == s)
    }
}

/// A token with its morpho-syntactic annotation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the clean text.
    pub span: Span,
    /// The token's form when it differs from the span's text (e.g. `n't` split from `can't`
    /// gives `ca` + `n't`; `None` means the span text is the form).
    pub form: Option<String>,
    /// Universal POS tag.
    pub upos: Upos,
    /// Penn Treebank tag (`NNP`, `VBD`); empty until tagged.
    pub xpos: String,
    /// Lemma; empty until lemmatised.
    pub lemma: String,
    /// Index of the head token in `Document::tokens`, `None` for the root (or unparsed).
    pub head: Option<usize>,
    /// UD relation to the head (`nsubj`, `obj`, `root`); empty until parsed.
    pub deprel: String,
}

impl Token {
    /// The token's form in `text`.
    pub fn form<'a>(&'a self, text: &'a str) -> &'a str {
        match &self.form {
            Some(f) => f,
            None => self.span.slice(text),
        }
    }
}

/// The TIMEX3 type of a time expression.
#[allow(missing_docs)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TimexType {
    #[default]
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    /// The TIMEX3 name (`DATE`).
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// A date or time expression, normalised.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TimeExpr {
    /// Byte span in the clean text.
    pub span: Span,
    /// TIMEX3 value: `2014-11-17`, `2014-11`, `2014-W47`, `P6W`, `XXXX-11-17`, `PRESENT_REF`.
    pub value: String,
    /// TIMEX3 type.
    pub kind: TimexType,
}

/// What sort of actor or place an entity is.
#[allow(missing_docs)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityKind {
    Person,
    Organization,
    Country,
    Location,
    Group,
    #[default]
    Other,
}

impl EntityKind {
    /// The contract name (`person`).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Country => "country",
            EntityKind::Location => "location",
            EntityKind::Group => "group",
            EntityKind::Other => "other",
        }
    }
    /// The kind with contract name `s`.
    pub fn parse(s: &str) -> Option<EntityKind> {
        Some(match s {
            "person" => EntityKind::Person,
            "organization" => EntityKind::Organization,
            "country" => EntityKind::Country,
            "location" => EntityKind::Location,
            "group" => EntityKind::Group,
            "other" => EntityKind::Other,
            _ => return None,
        })
    }
}

/// How a mention refers to its entity.
#[allow(missing_docs)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum MentionVia {
    /// A name or alias from the knowledge base, or a proper-noun chunk.
    #[default]
    Name,
    /// An acronym ("SNC", "IS").
    Acronym,
    /// A capital or seat of power standing for a government ("Moscow", "the Kremlin").
    Metonymy,
    /// A title or nominal ("the Russian foreign minister", "the extremist group").
    Nominal,
    /// A pronoun ("he", "its").
    Pronoun,
}

/// One mention of an entity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mention {
    /// Byte span in the clean text.
    pub span: Span,
    /// How the mention refers.
    pub via: MentionVia,
}

/// How precisely a place is known (ACLED-style).
#[allow(missing_docs)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GeoPrecision {
    Town,
    Region,
    Country,
}

/// A resolved place.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// Place name.
    pub name: String,
    /// ISO 3166-1 alpha-3 country.
    pub country: Option<String>,
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// Precision of the location.
    pub precision: GeoPrecision,
}

/// A resolved actor or place with all its mentions in the document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Entity {
    /// Canonical name, the same in every document for the same real-world actor.
    pub canonical: String,
    /// Person, organisation, country, ...
    pub kind: EntityKind,
    /// CAMEO-style actor code on the publication date (`RUSGOV`), if known.
    pub actor_code: Option<String>,
    /// ISO 3166-1 alpha-3 country.
    pub country: Option<String>,
    /// Wikidata id (`Q...`).
    pub wikidata: Option<String>,
    /// Coordinates for places.
    pub place: Option<Place>,
    /// Mentions in text order.
    pub mentions: Vec<Mention>,
}

/// Direct, indirect or mixed speech.
#[allow(missing_docs)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    #[default]
    Direct,
    Indirect,
    Mixed,
}

impl QuoteKind {
    /// The contract name (`direct`).
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Mixed => "mixed",
        }
    }
}

/// A quotation or reported statement.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Quote {
    /// Index into `Document::entities` of the speaker.
    pub speaker: Option<usize>,
    /// The words naming the speaker in this document.
    pub speaker_span: Option<Span>,
    /// The quoted words or the reported content.
    pub content: Span,
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// The attribution cue ("said", "according to").
    pub cue: Option<Span>,
    /// When it was said (ISO, partial allowed).
    pub date: Option<String>,
}

/// A coded event: who did what to whom.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Event {
    /// Index into `Document::entities` of the source actor.
    pub source: Option<usize>,
    /// Index into `Document::entities` of the target actor.
    pub target: Option<usize>,
    /// Source actor code (`RUSGOV`).
    pub source_code: Option<String>,
    /// Target actor code.
    pub target_code: Option<String>,
    /// CAMEO event code (`1121`).
    pub cameo: String,
    /// CAMEO root (`11`).
    pub root: String,
    /// Quad class 1..=4.
    pub quad_class: u8,
    /// Goldstein score.
    pub goldstein: f32,
    /// PLOVER event type.
    pub plover: Option<String>,
    /// ISO date of the event (partial allowed).
    pub date: Option<String>,
    /// Where it happened.
    pub place: Option<Place>,
    /// Negated or hypothetical.
    pub negated: bool,
    /// The trigger word(s).
    pub trigger: Span,
    /// The sentence the event comes from (index into `Document::sentences`).
    pub sentence: usize,
    /// Confidence in 0..=1.
    pub confidence: f32,
}
