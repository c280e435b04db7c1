//! The main events of the five seed articles, worked out by hand from the articles, must come
//! out of `newsgraph analyze` with the right CAMEO root and actors.
//!
//! Each expectation is (seed file prefix, CAMEO root, source code, target code or `None` when
//! the article leaves the target open or any target is acceptable, what the article says).
//! The list is what a reader of each article would call its main happenings; the coder has
//! no rule that names these articles.

use std::path::PathBuf;
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;
use newsgraph_core::wire::Analysis;

type Expected = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
);

#[rustfmt::skip]
const MAIN_EVENTS: &[Expected] = &[
    (
        "000",
        "12",
        "USA",
        Some("SYRGOV"),
        "the US has ruled out any alliance with Assad",
    ),
    (
        "000",
        "02",
        "RUS",
        None,
        "Russia has called for an intra-Syria dialogue",
    ),
    (
        "001",
        "11",
        "RUSGOV",
        Some("USAGOV"),
        "Lavrov accused Washington of demonizing Assad",
    ),
    (
        "001",
        "02",
        "RUS",
        Some("USA"),
        "Russia urging the US not to ignore the Syrian authorities",
    ),
    (
        "001",
        "04",
        "SYRGOV",
        Some("RUSGOV"),
        "Muallem met Putin in Sochi",
    ),
    (
        "001",
        "12",
        "USA",
        None,
        "the US has refused to deal with Assad",
    ),
    (
        "002",
        "05",
        "IRNGOV",
        Some("SYR"),
        "Tehran's policy of supporting Syria",
    ),
    (
        "002",
        "04",
        "RUSGOV",
        Some("SYRGOV"),
        "Moscow meeting the Syrian government",
    ),
    (
        "003",
        "19",
        "SYRREBJAI",
        Some("SYR"),
        "Jaish al-Islam's rockets into Damascus",
    ),
    (
        "003",
        "12",
        "USA",
        None,
        "the US has refused to ask Assad's permission",
    ),
    (
        "004",
        "04",
        "RUSGOV",
        Some("SYRGOV"),
        "Putin and Lavrov met Moualem in Sochi",
    ),
    (
        "004",
        "05",
        "RUSGOV",
        Some("SYRGOV"),
        "Russia reaffirmed its support for Assad",
    ),
    (
        "004",
        "04",
        "SYRGOV",
        Some("RUS"),
        "Mualem's visit to Russia",
    ),
    (
        "004",
        "11",
        "RUSGOV",
        Some("USA"),
        "Lavrov criticized the US",
    ),
    (
        "004",
        "12",
        "USA",
        Some("SYRGOV"),
        "the US refused to cooperate with Damascus",
    ),
    (
        "004",
        "19",
        "SYRMIL",
        Some("SYR"),
        "Assad's army's air strikes on Raqqa",
    ),
];

#[test]
fn the_main_events_of_the_seed_articles_are_coded() {
    let seeds = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/seeds"
    ));
    let out = Command::cargo_bin("newsgraph")
        .expect("binary")
        .env_remove("NEWSGRAPH_DB")
        .args(["analyze", "--format", "json"])
        .arg(&seeds)
        .output()
        .expect("run newsgraph analyze");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let analyses: Vec<Analysis> = stdout
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("one analysis per line"))
        .collect();
    assert_eq!(analyses.len(), 5);
    let mut missing = Vec::new();
    for &(seed, root, source, target, what) in MAIN_EVENTS {
        let a = analyses
            .iter()
            .find(|a| {
                a.document
                    .path
                    .as_deref()
                    .and_then(|p| p.rsplit('/').next())
                    .is_some_and(|f| f.starts_with(seed))
            })
            .unwrap_or_else(|| panic!("seed {seed} not analysed"));
        let found = a.events.iter().any(|e| {
            !e.negated
                && e.cameo.starts_with(root)
                && e.source_code.as_deref() == Some(source)
                && target.is_none_or(|t| e.target_code.as_deref() == Some(t))
        });
        if !found {
            let got: Vec<String> = a
                .events
                .iter()
                .filter(|e| e.cameo.starts_with(root))
                .map(|e| {
                    format!(
                        "{} {}→{}",
                        e.cameo,
                        e.source_code.as_deref().unwrap_or("-"),
                        e.target_code.as_deref().unwrap_or("-")
                    )
                })
                .collect();
            missing.push(format!(
                "{seed}: {what}: want {root} {source}→{} among {got:?}",
                target.unwrap_or("any")
            ));
        }
    }
    assert!(
        missing.is_empty(),
        "main events not coded:\n{}",
        missing.join("\n")
    );
}
