//! `newsgraph eval petrarch FILE --dicts DIR`: the PETRARCH unit-test records, coded with the
//! suite's own actor, agent and verb dictionaries.
//!
//! Each `<Sentence>` record's text is analysed by our pipeline (our tokenizer and parser; the
//! shipped Treebank parses are ignored), dated by its `date`, with the dictionaries of DIR as the
//! only actors and verbs, the way PETRARCH codes. A record's triples are (source code, event
//! code, target code) with `---` for no target; a record is fully correct when its predicted
//! set equals the gold set (`noevents` records: when nothing is coded). Triple precision and
//! recall pool all records.
//!
//! Without `--dicts` the records are coded by our own full pipeline (built-in actors and event
//! lexicon), which makes a validation file with gold codings, such as PETRARCH-2's
//! `PETR2_GSR_validation.xml`, a second dev set; `--countries` then compares actor codes by their
//! country (first three letters), since the gold codes come from dictionaries we do not ship.
//! That file closes `<Sentence .../>` records written as empty elements with a later
//! `</Sentence>`; the reader does not insist that end tags match.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use newsgraph_core::{Date, Document};
use quick_xml::events::Event as Xml;
use quick_xml::Reader;

use super::{EvalFormat, Report};
use crate::{Globals, Outcome};

/// Arguments of `eval petrarch`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The unit-test records (`PETR.UnitTest.records.xml`).
    file: PathBuf,
    /// The directory with the suite's `*actors*`, `*agents*` and `*verbs*` dictionaries;
    /// without it our own actors and event lexicon code the records.
    #[arg(long, value_name = "DIR")]
    dicts: Option<PathBuf>,
    /// Compare source and target codes by country (their first three letters).
    #[arg(long)]
    countries: bool,
    /// Output shape.
    #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
    format: EvalFormat,
    /// Print each record coded wrongly to stderr.
    #[arg(long)]
    show_errors: bool,
}

type Triple = (String, String, String);

/// One test record.
#[derive(Debug, Default)]
struct Record {
    id: String,
    date: Option<Date>,
    text: String,
    gold: BTreeSet<Triple>,
}

fn attr(e: &quick_xml::events::BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| String::from_utf8_lossy(&a.value).trim().to_string())
}

fn read_records(xml: &str) -> anyhow::Result<Vec<Record>> {
    let mut reader = Reader::from_str(xml);
    // PETRARCH-2's validation file writes `<Sentence .../>` and closes it later
    reader.config_mut().check_end_names = false;
    reader.config_mut().allow_unmatched_ends = true;
    let mut out = Vec::new();
    let mut cur: Option<Record> = None;
    let mut in_text = false;
    loop {
        match reader.read_event()? {
            Xml::Start(e) | Xml::Empty(e) if e.name().as_ref() == b"Sentence" => {
                let date = attr(&e, b"date").and_then(|d| {
                    (d.len() == 8)
                        .then(|| format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..8]))
                        .and_then(|d| Date::parse_iso(&d).ok())
                });
                cur = Some(Record {
                    id: attr(&e, b"id").unwrap_or_default(),
                    date,
                    ..Record::default()
                });
            }
            Xml::Start(e) | Xml::Empty(e) if e.name().as_ref() == b"EventCoding" => {
                if let Some(r) = cur.as_mut() {
                    if let (Some(s), Some(c)) = (attr(&e, b"sourcecode"), attr(&e, b"eventcode")) {
                        let t = attr(&e, b"targetcode").unwrap_or_else(|| "---".into());
                        r.gold.insert((s, c, t));
                    }
                }
            }
            Xml::Start(e) if e.name().as_ref() == b"Text" => in_text = true,
            Xml::End(e) if e.name().as_ref() == b"Text" => in_text = false,
            Xml::Text(t) if in_text => {
                if let Some(r) = cur.as_mut() {
                    r.text.push_str(&t.decode()?);
                }
            }
            Xml::GeneralRef(g) if in_text => {
                if let Some(r) = cur.as_mut() {
                    let name = String::from_utf8_lossy(&g.into_inner()).into_owned();
                    r.text.push_str(match name.as_str() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => " ",
                    });
                }
            }
            Xml::End(e) if e.name().as_ref() == b"Sentence" => {
                if let Some(r) = cur.take() {
                    out.push(r);
                }
            }
            Xml::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Runs `eval petrarch`.
pub fn run(args: Args, _globals: Globals) -> anyhow::Result<Outcome> {
    let xml = std::fs::read_to_string(&args.file)
        .with_context(|| format!("{}: cannot read", args.file.display()))?;
    let records =
        read_records(&xml).with_context(|| format!("{}: bad XML", args.file.display()))?;
    let pipeline = match &args.dicts {
        Some(dir) => {
            let dict = Arc::new(crate::pipeline::petrarch_dictionary(dir)?);
            let coder = newsgraph_extract::events::EventCoder::new()
                .map_err(|e| anyhow::anyhow!("event resources: {e}"))?
                .with_petrarch_verbs(dict.clone(), true);
            crate::pipeline::linguistic()?
                .with(newsgraph_extract::events::PetrarchActors::new(
                    (*dict).clone(),
                ))
                .with(coder)
        }
        None => crate::pipeline::build(&crate::pipeline::PipelineArgs::default())?,
    };
    let actor = |code: &str| -> String {
        if args.countries && code != "---" {
            code.get(..3).unwrap_or(code).to_string()
        } else {
            code.to_string()
        }
    };
    let (mut gold_n, mut pred_n, mut correct, mut full) = (0, 0, 0, 0);
    for r in &records {
        let text = r.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut doc = Document::from_text(r.id.clone(), text);
        doc.meta.published = r.date;
        pipeline.run(&mut doc);
        let pred: BTreeSet<Triple> = doc
            .events
            .iter()
            .filter(|e| !e.negated)
            .map(|e| {
                (
                    actor(e.source_code.as_deref().unwrap_or("---")),
                    e.cameo.clone(),
                    actor(e.target_code.as_deref().unwrap_or("---")),
                )
            })
            .collect();
        let gold: BTreeSet<Triple> = r
            .gold
            .iter()
            .map(|(s, c, t)| (actor(s), c.clone(), actor(t)))
            .collect();
        let hit = pred.intersection(&gold).count();
        correct += hit;
        gold_n += gold.len();
        pred_n += pred.len();
        if pred == gold {
            full += 1;
        } else if args.show_errors {
            eprintln!(
                "{}: {}\n  gold: {:?}\n  predicted: {:?}",
                r.id, doc.text, gold, pred
            );
        }
    }
    let mut report = Report::new(format!("PETRARCH unit tests: {}", args.file.display()));
    report
        .count("records", records.len())
        .count("records_correct", full)
        .ratio("records_correct_share", full, records.len())
        .count("gold", gold_n)
        .count("predicted", pred_n)
        .count("correct", correct)
        .prf("", correct, pred_n, gold_n);
    report.print(args.format)?;
    Ok(Outcome::ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_read_with_their_codings() {
        let xml = r#"<Validation><Sentences>
<Sentence date="19950101" id="DEMO-01" category="DEMO" sentence="true">
<!-- comment -->
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>
Arnor restored ties
with Gondor.
</Text>
<Parse>(ROOT)</Parse>
</Sentence>
<Sentence date="19950101" id="X" category="DEMO" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>Nothing.</Text>
</Sentence></Sentences></Validation>"#;
        let r = read_records(xml).expect("parses");
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].id, "DEMO-01");
        assert!(r[0]
            .gold
            .contains(&("ARN".into(), "064".into(), "GON".into())));
        assert!(r[0].text.contains("Arnor restored ties"));
        assert!(r[1].gold.is_empty());
        assert_eq!(
            r[0].date.map(|d| d.to_string()).as_deref(),
            Some("1995-01-01")
        );
    }

    #[test]
    fn records_written_as_empty_elements_closed_later_are_read() {
        let xml = r#"<Validation><Sentences>
<Sentence date="20100304" id="A-1" category="AFP"/>
<EventCoding eventcode="042" sourcecode="ARN" targetcode="GON" />
<Text>Arnor's king visited Gondor.</Text>
</Sentence>
<Sentence date="20100305" id="A-2" category="AFP"/>
<EventCoding eventcode="036" sourcecode="GON" targetcode="ARN" />
<Text>Gondor wants talks.</Text>
</Sentence>
</Sentences></Validation>"#;
        let r = read_records(xml).expect("parses");
        assert_eq!(r.len(), 2);
        assert!(r[0]
            .gold
            .contains(&("ARN".into(), "042".into(), "GON".into())));
        assert!(r[1].text.contains("Gondor wants talks"));
    }
}
