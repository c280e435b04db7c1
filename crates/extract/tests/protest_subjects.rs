//! Protest verbs whose subject is a crowd of a people: "Thousands of <demonym> <people>
//! demonstrated ..., calling for ...", through the real front end, actor stage and coder.

use newsgraph_core::{Document, Pipeline};

fn pipeline() -> Pipeline {
    Pipeline::new()
        .with(newsgraph_text::SentenceSplitter)
        .with(newsgraph_text::Tokenizer)
        .with(newsgraph_text::Tagger::new().expect("shipped tagger"))
        .with(newsgraph_text::ParserStage::new().expect("shipped parser"))
        .with(newsgraph_actors::ActorStage::new().expect("actors"))
        .with(newsgraph_extract::events::EventCoder::new().expect("event resources"))
}

fn protests(text: &str) -> Vec<(String, String)> {
    let mut doc = Document::from_text("t", text);
    pipeline().run(&mut doc);
    doc.events
        .iter()
        .filter(|e| e.cameo.starts_with("14"))
        .map(|e| (e.source_code.clone().unwrap_or_default(), e.cameo.clone()))
        .collect()
}

#[test]
fn a_crowd_of_a_people_the_base_does_not_know_protests_for_its_country() {
    let got = protests(
        "Thousands of Chinese Uighurs demonstrated in the western city of Kashgar on Friday \
         calling for religious freedom, residents said.",
    );
    assert!(got.iter().any(|(s, c)| s == "CHN" && c == "141"), "{got:?}");
    let got = protests(
        "Hundreds of Turkish Alevis protested outside the ministry, calling for new schools.",
    );
    assert!(got.iter().any(|(s, _)| s == "TUR"), "{got:?}");
}
