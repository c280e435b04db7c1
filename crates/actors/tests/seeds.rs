//! The five seed articles: every person, government, group and place is found and resolved,
//! and the spelling variants across articles merge into one actor.

use std::collections::BTreeMap;

use newsgraph_actors::ActorStage;
use newsgraph_core::{Date, Document, Metadata, Stage};
use newsgraph_ingest::{Cleaner, CleanerConfig};

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/seeds");

/// (file, publication date).
const FILES: &[(&str, &str)] = &[
    ("000_03ae7078e2973ab7.txt", "2014-11-18"),
    ("001_13daece483d30832.txt", "2014-12-10"),
    ("002_af679a3f55185a80.txt", "2014-12-17"),
    ("003_f8c8572966e5537a.txt", "2015-02-06"),
    ("004_85d06f60bc9485e7.txt", "2014-11-27"),
];

fn analysed() -> Vec<Document> {
    let stage = match ActorStage::new() {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    let cleaner = Cleaner::new(CleanerConfig::default());
    FILES
        .iter()
        .map(|(f, date)| {
            let raw = match std::fs::read_to_string(format!("{SEEDS}/{f}")) {
                Ok(r) => r,
                Err(e) => panic!("{f}: {e}"),
            };
            let mut doc = cleaner.clean(&raw, Some(f), Metadata::default());
            doc.meta.published = Date::parse_iso(date).ok();
            newsgraph_text::SentenceSplitter.annotate(&mut doc);
            stage.annotate(&mut doc);
            doc
        })
        .collect()
}

/// canonical → (code, mention texts) over all five articles.
fn actors(docs: &[Document]) -> BTreeMap<String, (Option<String>, Vec<String>)> {
    let mut out: BTreeMap<String, (Option<String>, Vec<String>)> = BTreeMap::new();
    for d in docs {
        for e in &d.entities {
            let entry = out
                .entry(e.canonical.clone())
                .or_insert((e.actor_code.clone(), Vec::new()));
            for m in &e.mentions {
                entry.1.push(d.slice(m.span).to_string());
            }
        }
    }
    out
}

#[test]
fn every_actor_and_place_of_the_seeds_is_found_with_its_code() {
    let docs = analysed();
    let got = actors(&docs);
    let expected: &[(&str, Option<&str>)] = &[
        ("Bashar al-Assad", Some("SYRGOV")),
        ("Walid al-Moallem", Some("SYRGOV")),
        ("Sergei Lavrov", Some("RUSGOV")),
        ("Vladimir Putin", Some("RUSGOV")),
        ("Barack Obama", Some("USAGOV")),
        ("John Kerry", Some("USAGOV")),
        ("Staffan de Mistura", Some("IGOUNO")),
        ("Hossein Amir-Abdollahian", Some("IRNGOV")),
        ("Mikhail Bogdanov", Some("RUSGOV")),
        ("Alexander Lukashevich", Some("RUSGOV")),
        ("Moaz al-Khatib", Some("SYROPP")),
        ("Russian government", Some("RUSGOV")),
        ("Russian Foreign Ministry", Some("RUSGOV")),
        ("Russian Supreme Court", Some("RUSJUD")),
        ("Russian Embassy", Some("RUSGOV")),
        ("Syrian government", Some("SYRGOV")),
        ("Syrian military", Some("SYRMIL")),
        ("Syrian opposition", Some("SYROPP")),
        ("Iranian government", Some("IRNGOV")),
        ("American government", Some("USAGOV")),
        ("Islamic State", Some("IMGMUSISI")),
        ("Jabhat al-Nusra", Some("SYRREBNUS")),
        ("Jaish al-Islam", Some("SYRREBJAI")),
        ("Free Syrian Army", Some("SYRREBFSA")),
        ("Syrian National Coalition", Some("SYROPP")),
        ("Syrian Observatory for Human Rights", Some("NGOSYRHRI")),
        ("United Nations", Some("IGOUNO")),
        ("UN Security Council", Some("IGOUNOSEC")),
        ("G20", Some("IGOG20")),
        ("al-Qaeda", Some("IMGMUSAQD")),
        ("Russia", Some("RUS")),
        ("Syria", Some("SYR")),
        ("Iran", Some("IRN")),
        ("Iraq", Some("IRQ")),
        ("United States", Some("USA")),
        ("Saudi Arabia", Some("SAU")),
        ("Aleppo", None),
        ("Sochi", None),
        ("Ar Raqqah", None),
        ("‘Ayn al ‘Arab", None),
        ("Brisbane", None),
        ("Istanbul", None),
        ("Damascus", None),
        ("Geneva", None),
        ("Middle East", None),
        ("Black Sea", None),
        ("Al-Mayadeen TV", Some("LBNMED")),
        ("RIA Novosti", Some("RUSMED")),
        ("Paris Match", Some("FRAMED")),
    ];
    let mut missing = Vec::new();
    for (name, code) in expected {
        match got.get(*name) {
            Some((c, _)) if c.as_deref() == *code => {}
            Some((c, _)) => missing.push(format!("{name}: code {c:?}, expected {code:?}")),
            None => missing.push(format!("{name}: not found")),
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn spelling_variants_across_the_seeds_merge() {
    let docs = analysed();
    let got = actors(&docs);
    let has = |canonical: &str, variants: &[&str]| {
        let Some((_, texts)) = got.get(canonical) else {
            panic!("{canonical} not found");
        };
        for v in variants {
            assert!(
                texts.iter().any(|t| t == v),
                "{canonical}: no `{v}` in {texts:?}"
            );
        }
    };
    has(
        "Walid al-Moallem",
        &[
            "Walid al-Moallem",
            "Walid Muallem",
            "Muallem",
            "Walid al-Moualem",
            "Mualem",
        ],
    );
    has(
        "Sergei Lavrov",
        &["Sergei Lavrov", "Sergey Lavrov", "Lavrov"],
    );
    has(
        "Bashar al-Assad",
        &[
            "Bashar al-Assad",
            "Bashar Assad",
            "Assad",
            "President Assad",
        ],
    );
    has(
        "Hossein Amir-Abdollahian",
        &["Hossein Amir-Abdollahian", "Abdollahian"],
    );
    has("Moaz al-Khatib", &["Moaz Alkhatib"]);
    has("Islamic State", &["Islamic State", "IS", "ISIS"]);
    has(
        "Syrian National Coalition",
        &[
            "Syrian National Coalition",
            "SNC",
            "National Coalition of Syrian Revolutionary and Opposition Forces",
        ],
    );
    has("Jaish al-Islam", &["Jaish al-Islam", "Islam Army"]);
    has(
        "Russian Foreign Ministry",
        &["Foreign Ministry", "Russian Foreign Ministry"],
    );
    has("Russian government", &["Moscow", "Russian leaders"]);
    has(
        "Syrian government",
        &["Damascus", "Assad government", "Syrian government"],
    );
}

#[test]
fn every_actor_of_the_seeds_is_resolved_to_a_code() {
    let docs = analysed();
    let stage = match ActorStage::new() {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    let mut unresolved = Vec::new();
    for (canonical, (code, texts)) in actors(&docs) {
        println!(
            "{canonical}\t{}\t{}",
            code.as_deref().unwrap_or("-"),
            texts.join(" | ")
        );
        let kind = docs
            .iter()
            .flat_map(|d| d.entities.iter())
            .find(|e| e.canonical == canonical)
            .map(|e| e.kind);
        if kind == Some(newsgraph_core::EntityKind::Location) {
            continue;
        }
        match code {
            Some(c) if stage.kb().code_prefix_known(&c) => {}
            c => unresolved.push(format!("{canonical}: {c:?} ({})", texts.join(" | "))),
        }
    }
    assert!(unresolved.is_empty(), "{}", unresolved.join("\n"));
}
