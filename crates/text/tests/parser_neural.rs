//! The feed-forward parser scorer: training is deterministic, the model format round-trips,
//! and a small network learns something and always returns trees.

use newsgraph_text::conllu;
use newsgraph_text::parser::{evaluate, train_neural, NeuralOptions, ParseScratch, ParserModel};

fn treebank(name: &str) -> Vec<conllu::Sentence> {
    let path = format!(
        "{}/../../../shared/data/ud-english-ewt/en_ewt-ud-{name}.conllu",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).expect("../shared/data/ud-english-ewt");
    conllu::read(&text).expect("treebank")
}

#[test]
fn neural_training_is_deterministic_and_the_model_round_trips() {
    let train = treebank("train");
    let dev = treebank("dev");
    let (train, dev) = (&train[..300], &dev[..100]);
    let opts = NeuralOptions {
        hidden: 32,
        dim: 16,
        ..NeuralOptions::default()
    };
    let run = || train_neural(train, Some(dev), 2, 7, &opts, |_| {}).expect("trains");
    let a = run().to_bytes();
    let b = run().to_bytes();
    assert!(a == b, "two runs gave different models");
    let model = ParserModel::from_bytes(&a).expect("reads back");
    assert!(model.to_bytes() == a, "the format does not round-trip");
    let mut scratch = ParseScratch::new();
    let scores = evaluate(&model, dev, &mut scratch);
    // Attaching every word to its neighbour scores about 30 % UAS on EWT.
    assert!(scores.uas() > 0.5, "UAS {:.3}", scores.uas());
    for s in dev {
        newsgraph_text::parser::parse_conllu(&model, s, &mut scratch);
        let n = s.words.len();
        let heads: Vec<Option<usize>> = (0..n).map(|i| scratch.head(i)).collect();
        assert_eq!(heads.iter().filter(|h| h.is_none()).count(), 1);
        for i in 0..n {
            let (mut at, mut steps) = (i, 0);
            while let Some(h) = heads[at] {
                at = h;
                steps += 1;
                assert!(steps <= n, "cycle: {heads:?}");
            }
        }
    }
}

#[test]
fn truncated_neural_models_are_errors() {
    let train = treebank("train");
    let opts = NeuralOptions {
        hidden: 8,
        dim: 4,
        ..NeuralOptions::default()
    };
    let bytes = train_neural(&train[..50], None, 1, 1, &opts, |_| {})
        .expect("trains")
        .to_bytes();
    for cut in [9, 20, bytes.len() / 2, bytes.len() - 1] {
        assert!(
            ParserModel::from_bytes(&bytes[..cut]).is_err(),
            "cut at {cut}"
        );
    }
}
