//! Fixtures shared by the store tests: small analysed articles about fictional countries.
#![allow(dead_code)]

use newsgraph_core::wire::{Analysis, WireDocument, WireEntity, WireEvent, WireMention, WireQuote};
use newsgraph_store::Store;

pub fn entity(id: usize, canonical: &str, code: &str, text: &str, start: usize) -> WireEntity {
    WireEntity {
        id: format!("e{id}"),
        canonical: canonical.into(),
        kind: "country".into(),
        actor_code: Some(code.into()),
        country: Some(code[..3].into()),
        wikidata: None,
        place: None,
        mentions: vec![WireMention {
            start,
            end: start + text.chars().count(),
            text: text.into(),
            via: "name".into(),
        }],
    }
}

pub fn event(
    source: usize,
    target: usize,
    cameo: &str,
    date: &str,
    trigger: &str,
    start: usize,
) -> WireEvent {
    WireEvent {
        source: Some(format!("e{source}")),
        target: Some(format!("e{target}")),
        source_code: None,
        target_code: None,
        cameo: cameo.into(),
        root: cameo[..2].into(),
        quad_class: 1,
        goldstein: 1.0,
        plover: None,
        date: Some(date.into()),
        place: None,
        negated: false,
        trigger: trigger.into(),
        start,
        end: start + trigger.len(),
        sentence: 0,
        sentence_text: String::new(),
        confidence: 0.9,
    }
}

/// An article in which `a` meets `b` on `date`, with its own wording.
pub fn meeting(id: &str, outlet: &str, published: &str, words: &str) -> Analysis {
    let text = format!("Ruritania met Freedonia on {published}. {words}");
    Analysis {
        schema: "newsgraph.analysis/1".into(),
        document: WireDocument {
            id: id.into(),
            path: Some(format!("{id}.txt")),
            url: None,
            title: Some(format!("Meeting reported by {outlet}")),
            byline: None,
            outlet: Some(outlet.into()),
            published: Some(published.into()),
            text,
            dropped: vec![],
        },
        entities: vec![
            entity(1, "Ruritania", "RURGOV", "Ruritania", 0),
            entity(2, "Freedonia", "FREGOV", "Freedonia", 15),
        ],
        quotes: vec![WireQuote {
            speaker: Some("e1".into()),
            speaker_text: Some("Ruritania".into()),
            text: "talks went well".into(),
            kind: "indirect".into(),
            cue: Some("said".into()),
            start: 0,
            end: 0,
            date: Some(published.into()),
        }],
        events: vec![event(1, 2, "040", "2020-05-01", "met", 10)],
        times: vec![],
    }
}

pub fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("s.db")).unwrap();
    (dir, store)
}
