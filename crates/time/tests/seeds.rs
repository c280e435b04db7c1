//! Every date expression in the five seed articles, normalised against each article's
//! publication date. The dates were worked out from the articles' content:
//!
//! - 000: Moscow's statement of November 17 and Obama's remarks of November 16 at the G20 in
//!   Brisbane (2014) are the latest events: published 2014-11-18.
//! - 001: Lavrov's RIA Novosti interview of December 9, 2014: published 2014-12-10.
//! - 002: Lavrov's France-24 interview of December 16, 2014: published 2014-12-17.
//! - 003: the rocket attacks on Damascus of February 5, 2015: published 2015-02-06.
//! - 004: Muallem in Sochi "yesterday (November 26)", 2014: published 2014-11-27.

use newsgraph_core::{Date, Document, Stage};
use newsgraph_time::TimeTagger;

fn seed(prefix: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/seeds");
    let entry = std::fs::read_dir(dir)
        .expect("seed directory")
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .expect("seed file");
    std::fs::read_to_string(entry.path()).expect("seed text")
}

fn times(prefix: &str, published: &str) -> Vec<(String, String)> {
    let mut doc = Document::from_text(prefix, seed(prefix));
    doc.meta.published = Date::parse_iso(published).ok();
    newsgraph_text::SentenceSplitter.annotate(&mut doc);
    TimeTagger::new().annotate(&mut doc);
    doc.times
        .iter()
        .map(|t| (doc.slice(t.span).to_string(), t.value.clone()))
        .collect()
}

fn check(prefix: &str, published: &str, want: &[(&str, &str)]) {
    let got = times(prefix, published);
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(got, want, "seed {prefix} published {published}");
}

#[test]
fn seed_000() {
    check(
        "000_",
        "2014-11-18",
        &[
            ("November 17", "2014-11-17"),
            ("November 14", "2014-11-14"),
            ("the start of this year", "2014"),
            ("January", "2014-01"),
            ("August", "2014-08"),
            ("September", "2014-09"),
            ("last week", "2014-W46"),
            ("last week", "2014-W46"),
            ("November 16", "2014-11-16"),
        ],
    );
}

#[test]
fn seed_001() {
    check(
        "001_",
        "2014-12-10",
        &[
            ("November 26", "2014-11-26"),
            ("November 26", "2014-11-26"),
            ("December 9", "2014-12-09"),
            ("December 9", "2014-12-09"),
            ("August 2013", "2013-08"),
            ("August 2013", "2013-08"),
            ("December 3", "2014-12-03"),
            ("two months", "P2M"),
            ("November 26", "2014-11-26"),
            ("February", "2014-02"),
            ("January", "2014-01"),
        ],
    );
}

#[test]
fn seed_002() {
    check(
        "002_",
        "2014-12-17",
        &[
            ("December 16", "2014-12-16"),
            ("some time ago", "PAST_REF"),
            ("February", "2014-02"),
            ("November", "2014-11"),
        ],
    );
}

#[test]
fn seed_003() {
    check(
        "003_",
        "2015-02-06",
        &[
            ("February 5", "2015-02-05"),
            ("February 5", "2015-02-05"),
            ("February 5", "2015-02-05"),
            // "has in the past received backing": an indefinite past reference
            ("the past", "PAST_REF"),
            ("February 3", "2015-02-03"),
            ("December", "2014-12"),
            // a stretch of weeks of unknown length, as TimeBank annotates "recent weeks"
            ("recent weeks", "PXW"),
            ("January", "2015-01"),
            ("February 5", "2015-02-05"),
            ("several months", "PXM"),
            ("February 5", "2015-02-05"),
        ],
    );
}

#[test]
fn seed_004() {
    check(
        "004_",
        "2014-11-27",
        &[
            ("yesterday (November 26)", "2014-11-26"),
            ("yesterday (November 26)", "2014-11-26"),
            ("earlier this month", "2014-11"),
            ("many months", "PXM"),
            ("daily", "P1D"),
            ("six weeks ago", "2014-W42"),
        ],
    );
}
