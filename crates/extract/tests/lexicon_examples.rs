//! Every lexicon entry's example sentence, run through the real tokenizer, tagger, parser and
//! coder: the entry's code must come out with the marked source and target (the nlprule habit:
//! a lexicon line is only as good as the sentence beside it).
//!
//! The marked `[S ..]` and `[T ..]` phrases are given to the coder as actors, so what is tested
//! is the trigger, the syntactic slots and the code, not actor recognition.

use newsgraph_core::{Document, Entity, EntityKind, Mention, MentionVia, Pipeline, Span, Stage};
use newsgraph_extract::events::lexicon::parse_example;
use newsgraph_extract::events::EventCoder;

fn actor(code: &str, span: (usize, usize)) -> Entity {
    Entity {
        canonical: code.to_string(),
        kind: EntityKind::Country,
        actor_code: Some(code.to_string()),
        country: Some(code.to_string()),
        mentions: vec![Mention {
            span: Span::new(span.0, span.1),
            via: MentionVia::Name,
        }],
        ..Entity::default()
    }
}

/// The share of examples that must code their own entry.
const MIN_PERCENT: usize = 87;

#[test]
fn lexicon_examples_code_their_own_entries() {
    let front = Pipeline::new()
        .with(newsgraph_text::SentenceSplitter)
        .with(newsgraph_text::Tokenizer)
        .with(newsgraph_text::Tagger::new().expect("shipped tagger"))
        .with(newsgraph_text::ParserStage::new().expect("shipped parser"));
    let coder = EventCoder::new().expect("event resources");
    let mut failures = Vec::new();
    let mut total = 0;
    for e in coder.lexicon().entries() {
        let ex = parse_example(&e.example);
        let Some(src) = ex.source else {
            failures.push(format!(
                "line {}: example has no [S ..]: {}",
                e.line, e.example
            ));
            continue;
        };
        total += 1;
        let mut doc = Document::from_text("example", ex.text.clone());
        front.run(&mut doc);
        doc.entities.push(actor("SRC", src));
        if let Some(t) = ex.target {
            doc.entities.push(actor("TGT", t));
        }
        coder.annotate(&mut doc);
        let want_target = ex.target.map(|_| "TGT");
        let ok = doc.events.iter().any(|ev| {
            ev.cameo == e.code
                && ev.source_code.as_deref() == Some("SRC")
                && (want_target.is_none() || ev.target_code.as_deref() == want_target)
        });
        if !ok {
            let got: Vec<String> = doc
                .events
                .iter()
                .map(|ev| {
                    format!(
                        "{} {}→{}{}",
                        ev.cameo,
                        ev.source_code.as_deref().unwrap_or("-"),
                        ev.target_code.as_deref().unwrap_or("-"),
                        if ev.negated { " (negated)" } else { "" }
                    )
                })
                .collect();
            failures.push(format!(
                "line {} {} {}: {:?} gave {:?}",
                e.line, e.lemma, e.code, e.example, got
            ));
        }
    }
    assert!(total > 200, "only {total} examples");
    // The floor sits just under what the shipped models reach (the misses are printed: short
    // example sentences are where the tagger confuses past tense and participle). Raise it
    // when entries or models improve; never lower it to let a change through.
    let passed = total - failures.len();
    println!(
        "{passed} of {total} lexicon examples code their own entry; misses:\n{}",
        failures.join("\n")
    );
    assert!(
        passed * 100 >= total * MIN_PERCENT,
        "only {passed} of {total} lexicon examples code their own entry (floor {MIN_PERCENT} %):\n{}",
        failures.join("\n")
    );
}
