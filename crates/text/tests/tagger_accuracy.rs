//! Accuracy regression on a slice of EWT dev: the shipped tagger must stay within a point of
//! what it reached when it was committed.

use newsgraph_core::Stage;
use newsgraph_text::conllu;
use newsgraph_text::ud_eval::{gold_document, UdScores};
use newsgraph_text::Tagger;

/// Sentences of EWT dev scored.
const SLICE: usize = 400;
/// What the shipped model reaches on the slice (update together with the model).
const SHIPPED_UPOS: f64 = 0.9614;
const SHIPPED_LEMMA: f64 = 0.9789;

#[test]
fn shipped_tagger_keeps_its_accuracy_on_ewt_dev() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu"
    );
    let text =
        std::fs::read_to_string(path).expect("../shared/data/ud-english-ewt beside the repository");
    let gold = conllu::read(&text).unwrap();
    let tagger = Tagger::new().unwrap();
    let mut scores = UdScores::default();
    for s in gold.iter().take(SLICE) {
        let mut doc = gold_document(s);
        tagger.annotate(&mut doc);
        scores.add(s, &doc);
    }
    let upos = scores.share(scores.upos);
    let lemma = scores.share(scores.lemma);
    eprintln!("UPOS {upos:.4} lemma {lemma:.4} on {} words", scores.words);
    assert!(
        upos >= SHIPPED_UPOS - 0.01,
        "UPOS {upos:.4} fell more than a point below {SHIPPED_UPOS}"
    );
    assert!(
        lemma >= SHIPPED_LEMMA - 0.01,
        "lemma {lemma:.4} fell more than a point below {SHIPPED_LEMMA}"
    );
}
