//! The `newsgraph.analysis/1` JSON contract (`spec/analysis-json.md`), as wire types.
//!
//! Built from a [`Document`]; spans become Unicode-scalar offsets (as Python's `str` counts
//! them) into `document.text`. Fields may be added; none may change meaning without a new
//! `schema`.

use serde::{Deserialize, Serialize};

use crate::{Document, Span};

/// The schema name written in every object.
pub const SCHEMA: &str = "newsgraph.analysis/1";

/// One analysed document.
#[allow(missing_docs)]
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Analysis {
    pub schema: String,
    pub document: WireDocument,
    pub entities: Vec<WireEntity>,
    pub quotes: Vec<WireQuote>,
    pub events: Vec<WireEvent>,
    pub times: Vec<WireTime>,
}

/// The clean article and its metadata.
#[allow(missing_docs)]
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct WireDocument {
    pub id: String,
    pub path: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub text: String,
    pub dropped: Vec<WireDropped>,
}

/// A dropped piece of the input.
#[allow(missing_docs)]
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct WireDropped {
    pub text: String,
    pub reason: String,
}

/// An entity with its mentions.
#[allow(missing_docs)]
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct WireEntity {
    pub id: String,
    pub canonical: String,
    pub kind: String,
    pub actor_code: Option<String>,
    pub country: Option<String>,
    pub wikidata: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<WirePlace>,
    pub mentions: Vec<WireMention>,
}

/// A place with coordinates.
#[allow(missing_docs)]
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct WirePlace {
    pub name: String,
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub precision: String,
}

/// One mention.
#[allow(missing_docs)]
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct WireMention {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// `name`, `acronym`, `metonymy`, `nominal` or `pronoun`.
    #[serde(default)]
    pub via: String,
}

/// A quote.
#[allow(missing_docs)]
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct WireQuote {
    pub speaker: Option<String>,
    pub speaker_text: Option<String>,
    pub text: String,
    pub kind: String,
    pub cue: Option<String>,
    pub start: usize,
    pub end: usize,
    pub date: Option<String>,
}

/// An event.
#[allow(missing_docs)]
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct WireEvent {
    pub source: Option<String>,
    pub target: Option<String>,
    pub source_code: Option<String>,
    pub target_code: Option<String>,
    pub cameo: String,
    pub root: String,
    pub quad_class: u8,
    pub goldstein: f32,
    pub plover: Option<String>,
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<WirePlace>,
    pub negated: bool,
    pub trigger: String,
    pub start: usize,
    pub end: usize,
    /// Index of the sentence the event comes from.
    #[serde(default)]
    pub sentence: usize,
    /// The text of that sentence.
    #[serde(default)]
    pub sentence_text: String,
    pub confidence: f32,
}

/// A time expression.
#[allow(missing_docs)]
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct WireTime {
    pub text: String,
    pub value: String,
    pub start: usize,
    pub end: usize,
    #[serde(default, rename = "type")]
    pub kind: String,
}

/// Converts byte offsets of one text into char offsets.
pub struct CharOffsets {
    /// `(byte, char)` at every non-ASCII char boundary, for binary search.
    marks: Vec<(usize, usize)>,
}

impl CharOffsets {
    /// Indexes `text`.
    pub fn new(text: &str) -> CharOffsets {
        let mut marks = Vec::new();
        for (ci, (bi, c)) in text.char_indices().enumerate() {
            if c.len_utf8() > 1 {
                marks.push((bi + c.len_utf8(), ci + 1));
            }
        }
        CharOffsets { marks }
    }
    /// The char offset of byte offset `byte`.
    pub fn char_of(&self, byte: usize) -> usize {
        let i = self.marks.partition_point(|&(b, _)| b <= byte);
        match i.checked_sub(1) {
            Some(j) => {
                let (b, c) = self.marks[j];
                c + (byte - b)
            }
            None => byte,
        }
    }
}

fn entity_id(i: usize) -> String {
    format!("e{}", i + 1)
}

fn place(p: &crate::Place) -> WirePlace {
    WirePlace {
        name: p.name.clone(),
        country: p.country.clone(),
        lat: p.lat,
        lon: p.lon,
        precision: match p.precision {
            crate::GeoPrecision::Town => "town",
            crate::GeoPrecision::Region => "region",
            crate::GeoPrecision::Country => "country",
        }
        .to_string(),
    }
}

impl Analysis {
    /// The contract object for `doc`.
    pub fn from_document(doc: &Document) -> Analysis {
        let co = CharOffsets::new(&doc.text);
        let off = |s: Span| (co.char_of(s.start), co.char_of(s.end));
        let entities = doc
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| WireEntity {
                id: entity_id(i),
                canonical: e.canonical.clone(),
                kind: e.kind.as_str().to_string(),
                actor_code: e.actor_code.clone(),
                country: e.country.clone(),
                wikidata: e.wikidata.clone(),
                place: e.place.as_ref().map(place),
                mentions: e
                    .mentions
                    .iter()
                    .map(|m| {
                        let (start, end) = off(m.span);
                        WireMention {
                            start,
                            end,
                            text: doc.slice(m.span).to_string(),
                            via: format!("{:?}", m.via).to_lowercase(),
                        }
                    })
                    .collect(),
            })
            .collect();
        let quotes = doc
            .quotes
            .iter()
            .map(|q| {
                let (start, end) = off(q.content);
                WireQuote {
                    speaker: q.speaker.map(entity_id),
                    speaker_text: q.speaker_span.map(|s| doc.slice(s).to_string()),
                    text: doc.slice(q.content).to_string(),
                    kind: q.kind.as_str().to_string(),
                    cue: q.cue.map(|s| doc.slice(s).to_string()),
                    start,
                    end,
                    date: q.date.clone(),
                }
            })
            .collect();
        let events = doc
            .events
            .iter()
            .map(|e| {
                let (start, end) = off(e.trigger);
                WireEvent {
                    source: e.source.map(entity_id),
                    target: e.target.map(entity_id),
                    source_code: e.source_code.clone(),
                    target_code: e.target_code.clone(),
                    cameo: e.cameo.clone(),
                    root: e.root.clone(),
                    quad_class: e.quad_class,
                    goldstein: e.goldstein,
                    plover: e.plover.clone(),
                    date: e.date.clone(),
                    place: e.place.as_ref().map(place),
                    negated: e.negated,
                    trigger: doc.slice(e.trigger).to_string(),
                    start,
                    end,
                    sentence: e.sentence,
                    sentence_text: doc
                        .sentences
                        .get(e.sentence)
                        .map(|s| doc.slice(s.span).to_string())
                        .unwrap_or_default(),
                    confidence: e.confidence,
                }
            })
            .collect();
        let times = doc
            .times
            .iter()
            .map(|t| {
                let (start, end) = off(t.span);
                WireTime {
                    text: doc.slice(t.span).to_string(),
                    value: t.value.clone(),
                    start,
                    end,
                    kind: t.kind.as_str().to_string(),
                }
            })
            .collect();
        Analysis {
            schema: SCHEMA.to_string(),
            document: WireDocument {
                id: doc.id.clone(),
                path: doc.path.clone(),
                url: doc.meta.url.clone(),
                title: doc.meta.title.clone(),
                byline: doc.meta.byline.clone(),
                outlet: doc.meta.outlet.clone(),
                published: doc.meta.published.map(|d| d.to_string()),
                text: doc.text.clone(),
                dropped: doc
                    .dropped
                    .iter()
                    .map(|d| WireDropped {
                        text: d.text.clone(),
                        reason: d.reason.as_str().to_string(),
                    })
                    .collect(),
            },
            entities,
            quotes,
            events,
            times,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Entity, EntityKind, Mention};

    #[test]
    fn offsets_are_counted_in_chars() {
        let mut doc = Document::from_text("d", "“Syria” — Lavrov said.");
        let start = doc.text.find("Lavrov").unwrap();
        doc.entities.push(Entity {
            canonical: "Sergei Lavrov".into(),
            kind: EntityKind::Person,
            mentions: vec![Mention {
                span: Span::new(start, start + 6),
                ..Mention::default()
            }],
            ..Entity::default()
        });
        let a = Analysis::from_document(&doc);
        let m = &a.entities[0].mentions[0];
        let chars: Vec<char> = a.document.text.chars().collect();
        let sliced: String = chars[m.start..m.end].iter().collect();
        assert_eq!(sliced, "Lavrov");
        assert_eq!(m.text, "Lavrov");
        let json = serde_json::to_string(&a).unwrap();
        assert!(json.contains("\"schema\":\"newsgraph.analysis/1\""));
    }
}
