//! Actor knowledge base, recognition, resolution, coreference and places.
//!
//! The [`ActorStage`] fills `Document::entities`: every actor and place the article mentions,
//! with its canonical name (the same in every document), kind, CAMEO-style actor code valid on
//! the publication date, ISO alpha-3 country, Wikidata id, coordinates for places, and every
//! mention with how it refers ([`newsgraph_core::MentionVia`]: name, acronym, metonymy,
//! nominal, pronoun).
//!
//! How it works, in order (see [`resolve`](crate) module docs for details):
//!
//! 1. the knowledge base ([`Kb`]) is loaded once from the embedded `resources/actors/` files,
//!    with an optional user file merged over it ([`user`]);
//! 2. the text is cut into words and normalised ([`norm`]); one Aho-Corasick automaton finds
//!    every knowledge-base phrase on word boundaries ([`matcher`]);
//! 3. capitalised runs the knowledge base missed are resolved as spelling variants, surnames,
//!    defined acronyms, gazetteer places ([`places`]) or new actors typed by their cues;
//! 4. country words, institutions and offices compose (`Russia's Supreme Court` → `RUSJUD`);
//!    capitals become their government unless used as places; nominals and pronouns go to the
//!    most salient antecedent.
//!
//! # Public API for later stages
//!
//! - [`entity_at`]: the entity and mention covering a byte span (the smallest mention that
//!   contains it, else the one overlapping it most);
//! - [`entity_at_token`]: the same for a token index into `Document::tokens`;
//! - [`actor_code`]: the actor code of an entity;
//! - [`places::locate`]: where something said in a span happened, with its precision and the
//!   evidence span.
//!
//! *Architecture invariant:* the stage does no IO; the knowledge base and gazetteer are built
//! once, in [`ActorStage::new`] or [`ActorStage::with_user_file`].
#![deny(missing_docs)]

mod error;
pub mod eval;
pub mod kb;
pub mod matcher;
mod names;
pub mod norm;
pub mod places;
mod resolve;
pub mod user;

use std::sync::Arc;

use newsgraph_core::{Document, Span, Stage};

pub use error::{KbError, LineError};
pub use kb::{Actor, ActorClass, Kb, Role};
pub use places::{locate, Gazetteer, Location};

/// The actors stage: knowledge base, matcher and gazetteer, built once.
#[derive(Clone)]
pub struct ActorStage {
    inner: Arc<Inner>,
}

struct Inner {
    kb: Kb,
    matcher: matcher::Matcher,
    gaz: Gazetteer,
}

impl ActorStage {
    /// The stage with the built-in knowledge base.
    pub fn new() -> Result<ActorStage, KbError> {
        ActorStage::from_kb(Kb::builtin()?)
    }

    /// The stage with a user file (`--actors my.toml`) merged over the built-in base; every bad
    /// line of the file is reported.
    pub fn with_user_file(path: &std::path::Path) -> Result<ActorStage, KbError> {
        let text = std::fs::read_to_string(path).map_err(|source| KbError::Io {
            file: path.display().to_string(),
            source,
        })?;
        ActorStage::with_user_toml(&path.display().to_string(), &text)
    }

    /// The stage with user actors given as TOML text (`name` is used in error messages).
    pub fn with_user_toml(name: &str, toml: &str) -> Result<ActorStage, KbError> {
        let base = Kb::builtin()?;
        let extra = user::parse(&base, name, toml)?;
        ActorStage::from_kb(Kb::build(extra)?)
    }

    fn from_kb(kb: Kb) -> Result<ActorStage, KbError> {
        let matcher = matcher::Matcher::new(&kb)?;
        let gaz = Gazetteer::builtin()?;
        Ok(ActorStage {
            inner: Arc::new(Inner { kb, matcher, gaz }),
        })
    }

    /// The knowledge base.
    pub fn kb(&self) -> &Kb {
        &self.inner.kb
    }

    /// The gazetteer.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.inner.gaz
    }
}

impl Stage for ActorStage {
    fn name(&self) -> &'static str {
        "actors"
    }

    fn annotate(&self, doc: &mut Document) {
        let i = &self.inner;
        doc.entities = resolve::resolve(&i.kb, &i.matcher, &i.gaz, doc);
    }
}

/// An entity and one of its mentions: indexes into `Document::entities` and its `mentions`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EntityRef {
    /// Index into `Document::entities`.
    pub entity: usize,
    /// Index into that entity's `mentions`.
    pub mention: usize,
}

/// The entity whose mention covers `span`: the smallest mention containing it; failing that,
/// the mention overlapping it most (ties: the earliest). `None` when no mention touches it.
pub fn entity_at(doc: &Document, span: Span) -> Option<EntityRef> {
    let mut inside: Option<(usize, EntityRef)> = None;
    let mut overlap: Option<(usize, EntityRef)> = None;
    for (ei, e) in doc.entities.iter().enumerate() {
        for (mi, m) in e.mentions.iter().enumerate() {
            let r = EntityRef {
                entity: ei,
                mention: mi,
            };
            if m.span.contains(span) {
                if inside.is_none_or(|(len, _)| m.span.len() < len) {
                    inside = Some((m.span.len(), r));
                }
            } else if m.span.overlaps(span) {
                let o = m.span.end.min(span.end) - m.span.start.max(span.start);
                if overlap.is_none_or(|(best, _)| o > best) {
                    overlap = Some((o, r));
                }
            }
        }
    }
    inside.or(overlap).map(|(_, r)| r)
}

/// The entity whose mention covers token `token` of `Document::tokens`.
pub fn entity_at_token(doc: &Document, token: usize) -> Option<EntityRef> {
    let t = doc.tokens.get(token)?;
    entity_at(doc, t.span)
}

/// The actor code of entity `entity` (`RUSGOV`), if it has one.
pub fn actor_code(doc: &Document, entity: usize) -> Option<&str> {
    doc.entities.get(entity)?.actor_code.as_deref()
}

/// Every mention inside `span` (a sentence, a quote), in text order.
pub fn mentions_in(doc: &Document, span: Span) -> Vec<EntityRef> {
    let mut out = Vec::new();
    for (ei, e) in doc.entities.iter().enumerate() {
        for (mi, m) in e.mentions.iter().enumerate() {
            if span.contains(m.span) {
                out.push(EntityRef {
                    entity: ei,
                    mention: mi,
                });
            }
        }
    }
    out.sort_by_key(|r| doc.entities[r.entity].mentions[r.mention].span.start);
    out
}
