//! The held-out checks: `tests/heldout/` (ten articles about other conflicts than the seeds')
//! and the later `-fresh`, `-third`, `-fourth`, `-fifth`, `-sixth`, `-seventh` and `-eighth` sets, with hand-checked gold mentions,
//! analysed by the text stages and the actors stage and scored as `newsgraph eval actors`
//! scores them. Prints every error when run with `--nocapture`.

use newsgraph_actors::eval::{self, ErrorKind, Tally};
use newsgraph_actors::ActorStage;
use newsgraph_core::{Document, Stage};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/heldout");
const FRESH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/heldout-fresh");
const THIRD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/heldout-third");
const FOURTH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/heldout-fourth");
const FIFTH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/heldout-fifth");
const SIXTH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/heldout-sixth");
const SEVENTH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/heldout-seventh");
const EIGHTH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/heldout-eighth");
const NINTH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/heldout-ninth");
const TENTH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/heldout-tenth");
const TWELFTH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/heldout-twelfth");
const THIRTEENTH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/heldout-thirteenth");
const FOURTEENTH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/heldout-fourteenth");
const FIFTEENTH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/heldout-fifteenth");
const SIXTEENTH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/heldout-sixteenth");
const SEVENTEENTH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/heldout-seventeenth");

#[test]
fn held_out_resolution_precision_and_recall_reach_the_target() {
    let (gold, p, r) = score_dir(DIR);
    assert!(gold >= 150, "the check needs at least 150 gold mentions");
    assert!(p >= 0.9 && r >= 0.9, "precision {p:.3}, recall {r:.3}");
}

/// The articles written after the tuning: a lower bar, so that a regression shows.
#[test]
fn fresh_held_out_resolution_stays_above_the_floor() {
    let (_, p, r) = score_dir(FRESH);
    assert!(p >= 0.85 && r >= 0.75, "precision {p:.3}, recall {r:.3}");
}

/// The third set, written and committed before the system was first run on it (precision
/// 0.850, recall 0.783 then; 0.912 and 0.903 after the rules for old states, breakaway
/// regions, group-shaped names, months and small places): a floor under the current score,
/// so that a regression shows.
#[test]
fn third_held_out_resolution_stays_above_the_floor() {
    let (gold, p, r) = score_dir(THIRD);
    assert!(gold >= 150, "the check needs at least 150 gold mentions");
    assert!(p >= 0.88 && r >= 0.87, "precision {p:.3}, recall {r:.3}");
}

/// The fourth set, written and committed before the system was run on it (precision 0.809,
/// recall 0.767 when first scored), then released for development: its errors showed classes
/// of errors that general rules and a wider base fixed (0.927 and 0.905 after them). A floor
/// just under that score.
#[test]
fn fourth_held_out_resolution_stays_above_the_floor() {
    let (gold, p, r) = score_dir(FOURTH);
    assert!(gold >= 160, "the check needs at least 160 gold mentions");
    assert!(p >= 0.92 && r >= 0.90, "precision {p:.3}, recall {r:.3}");
}

/// The fifth set, written and committed before the system was run on it (precision 0.689,
/// recall 0.597 with the rules of its commit; 0.703 and 0.622 with the rules the fourth set
/// drove, still unseen by them), then released for development (0.706 and 0.624 once a capital
/// places an office's description; 0.736 and 0.649 once pronouns add no weight to the country in
/// focus; 0.872 and 0.830 after the office holders, parties and armed groups of its countries, the
/// country in context for namesakes and unknown groups, and the clause rules for pronouns): a
/// floor a little under that score, so that a regression shows.
#[test]
fn fifth_held_out_resolution_stays_above_the_floor() {
    let (gold, p, r) = score_dir(FIFTH);
    assert!(gold >= 300, "the check needs at least 300 gold mentions");
    assert!(p >= 0.86 && r >= 0.82, "precision {p:.3}, recall {r:.3}");
}

/// The sixth set (four articles, 168 gold mentions), written and committed before the system was
/// run on it: precision 0.783, recall 0.643 with the rules of its commit, the same with the two
/// rules the fifth set drove. Then released for development with the fifth (0.917 and 0.857 after
/// the same rules and facts): a floor a little under that score, so that a regression shows.
#[test]
fn sixth_held_out_resolution_stays_above_the_floor() {
    let (gold, p, r) = score_dir(SIXTH);
    assert!(gold >= 150, "the check needs at least 150 gold mentions");
    assert!(p >= 0.91 && r >= 0.85, "precision {p:.3}, recall {r:.3}");
}

/// The seventh set (six articles, 285 gold mentions), written and committed before the system was
/// run on it, after the rules and facts the fifth and sixth sets drove: precision 0.759, recall
/// 0.618 at its first score; 0.766 and 0.656 after the base's heads of state and government were
/// widened without reading it; 0.795 and 0.681 once open for development, after the Commonwealth,
/// regional bodies and UN missions joined the base. A floor a little under that score.
#[test]
fn seventh_held_out_resolution_stays_above_the_floor() {
    let (gold, p, r) = score_dir(SEVENTH);
    assert!(gold >= 150, "the check needs at least 150 gold mentions");
    assert!(p >= 0.79 && r >= 0.67, "precision {p:.3}, recall {r:.3}");
}

/// The eighth set (six articles, 298 gold mentions), written by someone who had not read the
/// rules or the base and committed before the system was run on it: precision 0.773, recall
/// 0.584 at its first score. Reading capitalised courts and assemblies without their country
/// (`the Supreme Court`, `Congress`) as the country's gave 0.770 and 0.594: the new mentions
/// include a court the gold names after a state that no longer exists and a pronoun that
/// follows one. A floor a little under that score.
#[test]
fn eighth_held_out_resolution_stays_above_the_floor() {
    let (gold, p, r) = score_dir(EIGHTH);
    assert!(gold >= 150, "the check needs at least 150 gold mentions");
    assert!(p >= 0.765 && r >= 0.585, "precision {p:.3}, recall {r:.3}");
}

/// The ninth set (six articles, 327 gold mentions), committed before the system was run on
/// it: precision 0.877, recall 0.783 at its first score; 0.902 and 0.813 after the rules its
/// errors pointed to (places named by a kind of place, name particles before a capital, an
/// office kept by a fallen holder). A floor a little under that.
#[test]
fn ninth_held_out_resolution_stays_above_the_floor() {
    let (gold, p, r) = score_dir(NINTH);
    assert!(gold >= 150, "the check needs at least 150 gold mentions");
    assert!(p >= 0.89 && r >= 0.80, "precision {p:.3}, recall {r:.3}");
}

/// The tenth set (six articles, 332 gold mentions), committed before the system was run on
/// it: precision 0.783, recall 0.675 at its first score; 0.870 and 0.765 after the rules its
/// errors pointed to (namesakes, hyphenated given names, organisation names through
/// connectors, ranks and adjectives, a bare parliament). A floor a little under that.
#[test]
fn tenth_held_out_resolution_stays_above_the_floor() {
    let (gold, p, r) = score_dir(TENTH);
    assert!(gold >= 150, "the check needs at least 150 gold mentions");
    assert!(p >= 0.85 && r >= 0.74, "precision {p:.3}, recall {r:.3}");
}

/// The twelfth set (six articles, 366 gold mentions), committed before the system was run on
/// it and scored once: precision 0.894, recall 0.809. Rules were drawn from it later (0.953 /
/// 0.883 now); the floor stays a little under its first score.
#[test]
fn twelfth_held_out_resolution_stays_above_the_floor() {
    let (gold, p, r) = score_dir(TWELFTH);
    assert!(gold >= 150, "the check needs at least 150 gold mentions");
    assert!(p >= 0.87 && r >= 0.78, "precision {p:.3}, recall {r:.3}");
}

/// The thirteenth and fourteenth sets, each committed before the system was run on it and
/// scored once (0.867 / 0.728 and 0.791 / 0.712), then used for development (0.936 / 0.832
/// and 0.869 / 0.819): floors between the two, so that a regression shows.
#[test]
fn thirteenth_and_fourteenth_held_out_resolution_stay_above_their_floors() {
    let (gold, p, r) = score_dir(THIRTEENTH);
    assert!(gold >= 150, "the check needs at least 150 gold mentions");
    assert!(
        p >= 0.90 && r >= 0.79,
        "thirteenth: precision {p:.3}, recall {r:.3}"
    );
    let (gold, p, r) = score_dir(FOURTEENTH);
    assert!(gold >= 150, "the check needs at least 150 gold mentions");
    assert!(
        p >= 0.83 && r >= 0.77,
        "fourteenth: precision {p:.3}, recall {r:.3}"
    );
}

/// The fifteenth set, committed before the system was run on it and scored once (0.828 /
/// 0.715), then used for development (0.882 / 0.790): a floor between the two.
#[test]
fn fifteenth_held_out_resolution_stays_above_the_floor() {
    let (gold, p, r) = score_dir(FIFTEENTH);
    assert!(gold >= 150, "the check needs at least 150 gold mentions");
    assert!(p >= 0.85 && r >= 0.75, "precision {p:.3}, recall {r:.3}");
}

/// The sixteenth set, committed before the system was run on it and scored once (0.844 /
/// 0.782), then used for development (0.853 / 0.797): a floor below the first score.
#[test]
fn sixteenth_held_out_resolution_stays_above_the_floor() {
    let (gold, p, r) = score_dir(SIXTEENTH);
    assert!(gold >= 150, "the check needs at least 150 gold mentions");
    assert!(p >= 0.83 && r >= 0.77, "precision {p:.3}, recall {r:.3}");
}

/// The seventeenth set, committed before the system was run on it and scored once (0.709 /
/// 0.611), then used for development (0.817 / 0.743): a floor below the first score.
#[test]
fn seventeenth_held_out_resolution_stays_above_the_floor() {
    let (gold, p, r) = score_dir(SEVENTEENTH);
    assert!(gold >= 150, "the check needs at least 150 gold mentions");
    assert!(p >= 0.70 && r >= 0.60, "precision {p:.3}, recall {r:.3}");
}

/// Gold mentions, resolution precision and recall over the articles of `dir`.
fn score_dir(dir: &str) -> (usize, f64, f64) {
    let articles = match eval::read_dir(std::path::Path::new(dir)) {
        Ok(a) => a,
        Err(e) => panic!("{e:?}"),
    };
    let stage = match ActorStage::new() {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    let tagger = match newsgraph_text::Tagger::new() {
        Ok(t) => t,
        Err(e) => panic!("{e}"),
    };
    let parser = match newsgraph_text::ParserStage::new() {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    };
    let mut total = Tally::default();
    for art in &articles {
        let mut doc = Document::from_text(art.name.clone(), art.text.clone());
        doc.meta.published = Some(art.published);
        newsgraph_text::SentenceSplitter.annotate(&mut doc);
        newsgraph_text::Tokenizer.annotate(&mut doc);
        tagger.annotate(&mut doc);
        parser.annotate(&mut doc);
        stage.annotate(&mut doc);
        let (t, errors) = eval::score(stage.kb(), stage.gazetteer(), art, &doc);
        for e in errors {
            let tag = match e.kind {
                ErrorKind::Miss => "MISS ",
                ErrorKind::False => "FALSE",
                ErrorKind::Wrong => "WRONG",
            };
            println!(
                "{tag} {}@{}: `{}` gold [{}] predicted [{}]",
                art.name, e.start, e.text, e.gold, e.predicted
            );
        }
        total.add(&t);
    }
    let p = total.resolved as f64 / total.predicted.max(1) as f64;
    let r = total.resolved as f64 / total.gold.max(1) as f64;
    println!(
        "gold {} predicted {} detected {} resolved {}: precision {p:.3} recall {r:.3}",
        total.gold, total.predicted, total.detected, total.resolved
    );
    (total.gold, p, r)
}

#[test]
fn a_bad_gold_file_is_reported_with_file_and_line() {
    let dir = std::env::temp_dir().join(format!("newsgraph-actors-eval-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let write = |name: &str, text: &str| {
        if let Err(e) = std::fs::write(dir.join(name), text) {
            panic!("{name}: {e}");
        }
    };
    write("a.txt", "Moscow said so.");
    write("articles.tsv", "article\tpublished\na\t2014-13-01\n");
    write(
        "gold.tsv",
        "article\tstart\tend\toccurrence\ttext\tcanonical\tcode\tkind\tvia\n\
         b\t0\t6\t1\tMoscow\tRussian government\tRUSGOV\torganization\tmetonymy\n",
    );
    let errors = match eval::read_dir(&dir) {
        Ok(_) => panic!("bad files accepted"),
        Err(e) => e,
    };
    let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert!(
        text.iter()
            .any(|e| e.contains("articles.tsv:2:") && e.contains("2014-13-01")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|e| e.contains("gold.tsv:2:") && e.contains("`b`")),
        "{text:?}"
    );
    write("articles.tsv", "article\tpublished\na\t2014-12-01\n");
    write(
        "gold.tsv",
        "article\tstart\tend\toccurrence\ttext\tcanonical\tcode\tkind\tvia\n\
         a\t0\t5\t1\tMoscow\tRussian government\tRUSGOV\torganization\tmetonymy\n",
    );
    let errors = eval::read_dir(&dir).err().unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        errors
            .iter()
            .any(|e| e.line == 2 && e.problem.contains("not `Moscow`")),
        "{errors:?}"
    );
}
