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
//! `FIGHT` (CAMEO 19) beside `ASSAULT` (18, 20), `COERCE` for all of CAMEO 17 (the 2021 table
//! moves destroying property, 1712, and violent repression, 175, to `ASSAULT`), and easing a curfew or a state of emergency
//! (CAMEO 0813, 0814) as `CONCEDE` with the rest of 081, where the 2021 table has `RETREAT`.
//! Our codes are mapped to those names.
//!
//! `--analyse` classes every missed gold triple and every false alarm: no event coded in the
//! sentence (split into a suspected parse error, an agentless passive, and the rest), wrong
//! type (no triple of the other side has its type), or, when one has, source, target or both
//! wrong. It prints the counts per class and one line per item (record id, gold and ours,
//! trigger, sentence).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use anyhow::Context;
use newsgraph_core::{Date, Document, Event, Upos};

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
    /// After the figures, print every miss and false alarm with its cause (no event found,
    /// parse error suspected, agentless passive, wrong type, source or target wrong), counts
    /// by cause, and one line per item.
    #[arg(long)]
    analyse: bool,
    /// Score only events whose confidence is at least this (0 to 1), the filter users apply
    /// to `analyze` output.
    #[arg(long, default_value_t = 0.0)]
    min_confidence: f32,
    #[command(flatten)]
    pipeline: PipelineArgs,
}

type Triple = (String, String, String);

/// The gold standard's event type for a CAMEO code.
pub(crate) fn gsr_type(cameo: &str, plover: Option<&str>) -> Option<String> {
    let root = cameo.get(..2)?;
    if matches!(cameo, "0813" | "0814") {
        return Some("CONCEDE".to_string());
    }
    Some(
        match root {
            "01" => return None,
            "02" | "10" => "DEMAND",
            "09" => "INVESTIGATE",
            "11" => "DISAPPROVE",
            "19" => "FIGHT",
            "18" | "20" => "ASSAULT",
            "16" => "SANCTION",
            "17" => "COERCE",
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
    let mut analysis = Analysis::default();
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
        let id = r.get("id").and_then(|i| i.as_str()).unwrap_or("record");
        let mut doc = Document::from_text(id, sentence.trim());
        doc.meta.published = r
            .get("date")
            .and_then(|d| d.as_str())
            .and_then(|d| Date::parse_iso(d).ok());
        pipeline.run(&mut doc);
        let coded: Vec<(&Event, String)> = doc
            .events
            .iter()
            .filter(|e| !e.negated && e.confidence >= args.min_confidence)
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
        if args.analyse {
            let triggers: Vec<(Triple, String)> = coded
                .iter()
                .map(|(e, t)| {
                    (
                        (
                            country(e.source_code.as_deref()),
                            t.clone(),
                            country(e.target_code.as_deref()),
                        ),
                        e.trigger.slice(&doc.text).to_string(),
                    )
                })
                .collect();
            analysis.add(id, &doc, &gold, &pred, &triggers);
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
    if args.analyse {
        for line in analysis.lines() {
            println!("{line}");
        }
    }
    Ok(Outcome::ok())
}

/// Why a gold triple was missed or a predicted one was a false alarm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Cause {
    /// Nothing was coded, and the parse shows a typical defect.
    ParseErrorSuspected,
    /// Nothing was coded; the clause is a passive without an agent.
    AgentlessPassive,
    /// Nothing was coded and the parse looks sound (usually a lexicon gap or a missing actor).
    NoEvent,
    /// An event with the right actors but another type (or no event of the type at all).
    WrongType,
    /// The type and target are right, the source is not.
    SourceWrong,
    /// The type and source are right, the target is not.
    TargetWrong,
    /// The type is right, both actors are not.
    BothWrong,
}

impl Cause {
    fn name(self) -> &'static str {
        match self {
            Cause::ParseErrorSuspected => "no event: parse error suspected",
            Cause::AgentlessPassive => "no event: agentless passive",
            Cause::NoEvent => "no event found",
            Cause::WrongType => "wrong type",
            Cause::SourceWrong => "source wrong",
            Cause::TargetWrong => "target wrong",
            Cause::BothWrong => "source and target wrong",
        }
    }
}

/// The typical parse defect of a sentence, if any: an auxiliary or a non-verb at the root while
/// the sentence has a verb, or an adjective taken as a subject.
fn parse_defect(doc: &Document) -> Option<&'static str> {
    let tokens = &doc.tokens;
    let has_verb = tokens.iter().any(|t| t.upos == Upos::Verb);
    for t in tokens {
        if t.head.is_none() && t.deprel == "root" {
            if t.upos == Upos::Aux {
                return Some("auxiliary root");
            }
            if has_verb && t.upos != Upos::Verb {
                return Some("non-verb root");
            }
        }
        if t.upos == Upos::Adj && t.deprel.starts_with("nsubj") {
            return Some("adjective subject");
        }
    }
    None
}

/// Whether the sentence has a passive subject and no agent.
fn agentless_passive(doc: &Document) -> bool {
    let toks = &doc.tokens;
    toks.iter()
        .enumerate()
        .filter(|(_, t)| t.deprel == "nsubj:pass")
        .any(|(_, t)| {
            let Some(h) = t.head else { return false };
            !toks
                .iter()
                .any(|a| a.head == Some(h) && a.deprel == "obl:agent")
        })
}

/// Classifies `triple` (missed when `is_gold`, else a false alarm) against the other side's
/// triples of its sentence.
fn cause(triple: &Triple, other: &BTreeSet<Triple>, doc: &Document, coded: bool) -> Cause {
    if !coded {
        if parse_defect(doc).is_some() {
            return Cause::ParseErrorSuspected;
        }
        if agentless_passive(doc) {
            return Cause::AgentlessPassive;
        }
        return Cause::NoEvent;
    }
    let (s, ty, t) = triple;
    let same_type: Vec<&Triple> = other.iter().filter(|o| &o.1 == ty).collect();
    if same_type.is_empty() {
        return Cause::WrongType;
    }
    if same_type.iter().any(|o| &o.0 == s) {
        return Cause::TargetWrong;
    }
    if same_type.iter().any(|o| &o.2 == t) {
        return Cause::SourceWrong;
    }
    Cause::BothWrong
}

/// The error analysis behind `--analyse`: every missed gold triple and every false alarm with
/// its cause, counted by cause.
#[derive(Default)]
struct Analysis {
    misses: BTreeMap<Cause, usize>,
    false_alarms: BTreeMap<Cause, usize>,
    /// Per-item lines: (kind, cause, id, line).
    items: Vec<(&'static str, Cause, String, String)>,
}

fn show(t: &Triple) -> String {
    format!("{} {} {}", t.0, t.1, t.2)
}

impl Analysis {
    fn add(
        &mut self,
        id: &str,
        doc: &Document,
        gold: &BTreeSet<Triple>,
        pred: &BTreeSet<Triple>,
        triggers: &[(Triple, String)],
    ) {
        let coded = !pred.is_empty();
        let said: String = doc.text.chars().take(160).collect();
        let said = said.replace('\n', " ");
        let root = doc
            .tokens
            .iter()
            .find(|t| t.head.is_none() && t.deprel == "root")
            .map(|t| t.lemma.clone())
            .unwrap_or_default();
        let ours = if pred.is_empty() {
            "-".to_string()
        } else {
            pred.iter().map(show).collect::<Vec<_>>().join("; ")
        };
        let trigger_of = |t: &Triple| {
            triggers
                .iter()
                .find(|(p, _)| p == t)
                .map(|(_, w)| w.clone())
                .unwrap_or_default()
        };
        for g in gold.difference(pred) {
            let c = cause(g, pred, doc, coded);
            *self.misses.entry(c).or_default() += 1;
            let why = match c {
                Cause::ParseErrorSuspected => parse_defect(doc).unwrap_or("").to_string(),
                _ => String::new(),
            };
            let trig = if coded {
                pred.iter().map(trigger_of).collect::<Vec<_>>().join(", ")
            } else {
                format!("root {root}")
            };
            self.items.push((
                "MISS",
                c,
                id.to_string(),
                format!(
                    "gold {} | ours {ours} | trigger {trig}{}{why}\n    {said}",
                    show(g),
                    if why.is_empty() { "" } else { " | " }
                ),
            ));
        }
        for p in pred.difference(gold) {
            let c = cause(p, gold, doc, true);
            *self.false_alarms.entry(c).or_default() += 1;
            let golds = gold.iter().map(show).collect::<Vec<_>>().join("; ");
            self.items.push((
                "FALSE",
                c,
                id.to_string(),
                format!(
                    "ours {} | gold {golds} | trigger {}\n    {said}",
                    show(p),
                    trigger_of(p)
                ),
            ));
        }
    }

    fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        let total = |m: &BTreeMap<Cause, usize>| m.values().sum::<usize>();
        out.push(format!("misses {}", total(&self.misses)));
        for (c, n) in &self.misses {
            out.push(format!("  {:<34} {n}", c.name()));
        }
        out.push(format!("false alarms {}", total(&self.false_alarms)));
        for (c, n) in &self.false_alarms {
            out.push(format!("  {:<34} {n}", c.name()));
        }
        let mut items: Vec<&(&str, Cause, String, String)> = self.items.iter().collect();
        items.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        for (kind, c, id, line) in items {
            out.push(format!("{kind} [{}] {id}: {line}", c.name()));
        }
        out
    }
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
        assert_eq!(gsr_type("1712", Some("ASSAULT")).as_deref(), Some("COERCE"));
        assert_eq!(gsr_type("181", Some("ASSAULT")).as_deref(), Some("ASSAULT"));
        assert_eq!(
            gsr_type("0874", Some("RETREAT")).as_deref(),
            Some("RETREAT")
        );
        assert_eq!(gsr_type("010", None), None);
        assert_eq!(
            gsr_type("0814", Some("RETREAT")).as_deref(),
            Some("CONCEDE")
        );
        assert_eq!(country(Some("IGOUNO")), "IGO");
        assert_eq!(country(None), "---");
    }

    fn t(s: &str, ty: &str, g: &str) -> Triple {
        (s.to_string(), ty.to_string(), g.to_string())
    }

    #[test]
    fn causes_compare_a_triple_with_its_sentences_other_side() {
        let doc = Document::from_text("d", "Nothing was parsed.");
        let other: BTreeSet<Triple> = [t("USA", "AID", "MKD")].into_iter().collect();
        let c = |x: Triple| cause(&x, &other, &doc, true);
        assert_eq!(c(t("USA", "AID", "ALB")), Cause::TargetWrong);
        assert_eq!(c(t("GBR", "AID", "MKD")), Cause::SourceWrong);
        assert_eq!(c(t("GBR", "AID", "ALB")), Cause::BothWrong);
        assert_eq!(c(t("USA", "CONSULT", "MKD")), Cause::WrongType);
        assert_eq!(
            cause(&t("USA", "AID", "MKD"), &BTreeSet::new(), &doc, false),
            Cause::NoEvent
        );
    }
}
