//! Pattern cases written as small articles, one per attribution pattern.

use super::*;
use newsgraph_core::{Document, QuoteKind};

fn run(text: &str) -> Vec<(String, String, String, QuoteKind)> {
    let mut doc = Document::from_text("t", text);
    newsgraph_text::SentenceSplitter.annotate(&mut doc);
    let x = QuoteExtractor::new().unwrap();
    x.extract(&doc)
        .into_iter()
        .map(|q| {
            (
                doc.slice(q.content).to_string(),
                q.speaker_span
                    .map(|s| doc.slice(s).to_string())
                    .unwrap_or_default(),
                q.cue.map(|s| doc.slice(s).to_string()).unwrap_or_default(),
                q.kind,
            )
        })
        .collect()
}

#[test]
fn smoke() {
    for q in run("\"We will not leave this city until the job is done,\" Obama told reporters on Monday.\n\nThe mayor said that the roads would reopen soon.") {
        eprintln!("{q:?}");
    }
}
