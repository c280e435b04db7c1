//! `newsgraph eval plover FILE`: event coding against the PLOVER gold standard (hand-coded
//! sentences, each with source and target actors and one PLOVER event type).
//!
//! Each sentence is analysed alone by the full pipeline, dated by its record's date. A coded
//! event counts when it is not negated and has a PLOVER type. Its triple is (source country,
//! event type, target country): the first three letters of each actor code (`RUSGOV` → `RUS`,
//! `IGOUNO` → `IGO`), `---` for no target. Gold triples are every (source, target) pair of the
//! record. Triples are compared as sets per sentence; precision, recall and F1 pool them over
//! the file. Gold country codes written in CAMEO's legacy forms (`JAP`, `ITL`, `VTN`, ...)
//! are read as their ISO 3166 alpha-3 codes, on both sides, before comparing. Event-type accuracy is the share of records whose most confident event has the
//! gold type.
//!
//! The gold standard names event types as PLOVER 0.5 did: `DEMAND` (PLOVER's `REQUEST`, CAMEO
//! 02 and 10), `DISAPPROVE` and `INVESTIGATE` (CAMEO 11 and 09, later folded into `ACCUSE`),
//! `FIGHT` (CAMEO 19) beside `ASSAULT` (18, 20). Our codes are mapped to those names.

use std::collections::BTreeSet;
use std::path::PathBuf;

use anyhow::Context;
use newsgraph_core::{Date, Document, Event};

use super::{EvalFormat, Report};
use crate::pipeline::PipelineArgs;
use crate::{Globals, Outcome};

/// Arguments of `eval plover`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The PLOVER gold-standard JSON file (a list of records).
    file: PathBuf,
    /// Output shape.
    #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
    format: EvalFormat,
    /// Print each sentence's gold and predicted triples to stderr.
    #[arg(long)]
    show_errors: bool,
    #[command(flatten)]
    pipeline: PipelineArgs,
}

type Triple = (String, String, String);

/// The gold standard's event type for a CAMEO code.
pub(crate) fn gsr_type(cameo: &str, plover: Option<&str>) -> Option<String> {
    let root = cameo.get(..2)?;
    Some(
        match root {
            "01" => return None,
            "02" | "10" => "DEMAND",
            "09" => "INVESTIGATE",
            "11" => "DISAPPROVE",
            "19" => "FIGHT",
            "18" | "20" => "ASSAULT",
            "16" => "SANCTION",
            _ => return plover.map(str::to_string),
        }
        .to_string(),
    )
}

/// The ISO 3166 alpha-3 code for a legacy CAMEO country code, when they differ.
fn iso_country(code: &str) -> &str {
    match code {
        "JAP" => "JPN",
        "ITL" => "ITA",
        "VTN" => "VNM",
        "GMY" => "DEU",
        "UKG" => "GBR",
        "FRN" => "FRA",
        "SPN" => "ESP",
        "ROM" => "ROU",
        "SUD" => "SDN",
        "ZAI" => "COD",
        other => other,
    }
}

fn country(code: Option<&str>) -> String {
    let c = match code {
        Some(c) => c.get(..3).unwrap_or(c).to_uppercase(),
        None => String::new(),
    };
    if c.is_empty() {
        return "---".to_string();
    }
    iso_country(&c).to_string()
}

fn actor_codes(v: Option<&serde_json::Value>) -> Vec<String> {
    match v {
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .filter_map(|a| a.get("code").and_then(|c| c.as_str()))
            .map(|c| country(Some(c)))
            .collect(),
        _ => Vec::new(),
    }
}

/// Runs `eval plover`.
pub fn run(args: Args, _globals: Globals) -> anyhow::Result<Outcome> {
    let text = std::fs::read_to_string(&args.file)
        .with_context(|| format!("{}: cannot read", args.file.display()))?;
    let records: Vec<serde_json::Value> = serde_json::from_str(&text)
        .with_context(|| format!("{}: not a JSON list of PLOVER records", args.file.display()))?;
    let pipeline = crate::pipeline::build(&args.pipeline)?;
    let (mut gold_n, mut pred_n, mut correct) = (0usize, 0usize, 0usize);
    let (mut sentences, mut type_ok, mut with_event) = (0usize, 0usize, 0usize);
    for r in &records {
        let Some(event) = r.get("event").and_then(|e| e.as_str()) else {
            continue;
        };
        let Some(sentence) = r.get("text").and_then(|t| t.as_str()) else {
            continue;
        };
        if event == "DOCUMENT" {
            continue;
        }
        sentences += 1;
        let sources = actor_codes(r.get("source"));
        let mut targets = actor_codes(r.get("target"));
        if targets.is_empty() {
            targets.push("---".to_string());
        }
        let mut gold: BTreeSet<Triple> = BTreeSet::new();
        for s in &sources {
            for t in &targets {
                gold.insert((s.clone(), event.to_string(), t.clone()));
            }
        }
        let mut doc = Document::from_text(
            r.get("id").and_then(|i| i.as_str()).unwrap_or("record"),
            sentence.trim(),
        );
        doc.meta.published = r
            .get("date")
            .and_then(|d| d.as_str())
            .and_then(|d| Date::parse_iso(d).ok());
        pipeline.run(&mut doc);
        let coded: Vec<(&Event, String)> = doc
            .events
            .iter()
            .filter(|e| !e.negated)
            .filter_map(|e| gsr_type(&e.cameo, e.plover.as_deref()).map(|t| (e, t)))
            .collect();
        let pred: BTreeSet<Triple> = coded
            .iter()
            .map(|(e, t)| {
                (
                    country(e.source_code.as_deref()),
                    t.clone(),
                    country(e.target_code.as_deref()),
                )
            })
            .collect();
        let best = coded
            .iter()
            .fold(None::<&(&Event, String)>, |b, c| match b {
                Some(b) if b.0.confidence >= c.0.confidence => Some(b),
                _ => Some(c),
            })
            .map(|(_, t)| t.clone());
        if best.is_some() {
            with_event += 1;
        }
        if best.as_deref() == Some(event) {
            type_ok += 1;
        }
        let hit = pred.intersection(&gold).count();
        correct += hit;
        gold_n += gold.len();
        pred_n += pred.len();
        if args.show_errors && (hit < gold.len() || hit < pred.len()) {
            eprintln!("{sentence}\n  gold: {gold:?}\n  predicted: {pred:?}");
        }
    }
    let mut report = Report::new(format!("PLOVER gold standard: {}", args.file.display()));
    report
        .count("sentences", sentences)
        .count("gold", gold_n)
        .count("predicted", pred_n)
        .count("correct", correct)
        .prf("", correct, pred_n, gold_n)
        .ratio("event_type_accuracy", type_ok, sentences)
        .ratio("sentences_with_event", with_event, sentences);
    report.print(args.format)?;
    Ok(Outcome::ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_country_codes_read_as_iso() {
        assert_eq!(country(Some("JAPGOV")), "JPN");
        assert_eq!(country(Some("ITL")), "ITA");
        assert_eq!(country(Some("VTN")), "VNM");
        assert_eq!(country(Some("RUSGOV")), "RUS");
        assert_eq!(country(Some("")), "---");
        assert_eq!(country(None), "---");
    }

    #[test]
    fn codes_map_to_the_gold_standard_names() {
        assert_eq!(
            gsr_type("1121", Some("ACCUSE")).as_deref(),
            Some("DISAPPROVE")
        );
        assert_eq!(gsr_type("020", Some("REQUEST")).as_deref(), Some("DEMAND"));
        assert_eq!(gsr_type("190", Some("ASSAULT")).as_deref(), Some("FIGHT"));
        assert_eq!(
            gsr_type("0874", Some("RETREAT")).as_deref(),
            Some("RETREAT")
        );
        assert_eq!(gsr_type("010", None), None);
        assert_eq!(country(Some("IGOUNO")), "IGO");
        assert_eq!(country(None), "---");
    }
}
