//! The cleaner on the five seed articles: titles, bylines, outlets, no furniture left in a body,
//! every body paragraph exactly once.

use std::path::PathBuf;

use newsgraph_ingest::{
    build_document, expand_inputs, open, Cleaner, Document, ReadOptions, RepeatIndex,
};

fn seeds_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/seeds"
    ))
}

fn clean_all(batch: bool) -> Vec<(String, Document)> {
    let (inputs, errors) = expand_inputs(&[seeds_dir().display().to_string()]);
    assert!(errors.is_empty(), "{errors:?}");
    let opts = ReadOptions::default();
    let mut repeats = RepeatIndex::new();
    if batch {
        for input in &inputs {
            for raw in open(input, &opts).unwrap() {
                let raw = raw.unwrap();
                let group = Cleaner::group_of(raw.path.as_deref(), &raw.meta);
                repeats.observe(&group, &String::from_utf8_lossy(&raw.bytes));
            }
        }
    }
    let cleaner = Cleaner::default().with_repeats(repeats);
    let mut out = Vec::new();
    for input in &inputs {
        for raw in open(input, &opts).unwrap() {
            let raw = raw.unwrap();
            let name = raw.label.rsplit('/').next().unwrap().to_string();
            out.push((name, build_document(raw, &cleaner).unwrap()));
        }
    }
    out
}

const EXPECTED: &[(&str, &str, Option<&str>, Option<&str>)] = &[
    (
        "000_03ae7078e2973ab7.txt",
        "Moscow: UN's IS Report Backs Its Call For Fresh Syria Talks Involving Assad",
        Some("Joanna Paraszczuk"),
        None,
    ),
    (
        "001_13daece483d30832.txt",
        "Lavrov: U.S. Didn't Ask Us To Coordinate With Assad Over IS",
        Some("Joanna Paraszczuk"),
        None,
    ),
    (
        "002_af679a3f55185a80.txt",
        "Iran Slams U.S. Fight Against IS, Backs Russia's Push For Syria Talks",
        Some("Joanna Paraszczuk"),
        None,
    ),
    (
        "003_f8c8572966e5537a.txt",
        "Russia Urges 'Cooperation' With Assad After Damascus Shelling",
        Some("Joanna Paraszczuk"),
        None,
    ),
    (
        "004_85d06f60bc9485e7.txt",
        "Russia calls for end to Syria crisis to focus on fighting IS",
        None,
        Some("VOV.VN"),
    ),
];

/// Lines of the raw seeds that are page furniture, not article text.
const FURNITURE: &[&str] = &[
    "Accessibility links",
    "Breaking News",
    "About This Blog",
    "Latest Posts",
    "provides news, opinion, and analysis",
    "![]()",
    "(photo:",
    "-- Joanna",
    "According to VOV.VN",
    "(file photo)",
    "(pictured)",
    "(left) and his Russian counterpart",
];

fn check(docs: &[(String, Document)]) {
    assert_eq!(docs.len(), 5);
    for ((name, doc), (want_name, title, byline, outlet)) in docs.iter().zip(EXPECTED) {
        assert_eq!(name, want_name);
        assert_eq!(doc.meta.title.as_deref(), Some(*title), "title of {name}");
        assert_eq!(doc.meta.byline.as_deref(), *byline, "byline of {name}");
        assert_eq!(doc.meta.outlet.as_deref(), *outlet, "outlet of {name}");
        for f in FURNITURE {
            assert!(
                !doc.text.contains(f),
                "{name}: furniture {f:?} left in the body:\n{}",
                doc.text
            );
        }
        assert!(
            !doc.text.contains(title),
            "{name}: title repeated in the body"
        );
        // Every body paragraph exactly once, and every raw paragraph-sized line that is not
        // furniture is in the body.
        let paras: Vec<&str> = doc.paragraphs.iter().map(|p| doc.slice(*p)).collect();
        for (i, p) in paras.iter().enumerate() {
            assert_eq!(
                paras.iter().filter(|q| *q == p).count(),
                1,
                "{name}: paragraph {i} repeated: {p}"
            );
        }
        let raw = std::fs::read_to_string(seeds_dir().join(name)).unwrap();
        for line in raw
            .lines()
            .map(str::trim)
            .filter(|l| l.split_whitespace().count() >= 15)
        {
            let furniture = FURNITURE.iter().any(|f| line.contains(f));
            let caption = raw.matches(line).count() > 1; // printed twice above the body
            if !furniture && !caption {
                assert!(paras.contains(&line), "{name}: body line lost: {line}");
            }
        }
        // The alignment points every paragraph back to the same text in the raw input.
        for p in &doc.paragraphs {
            let r = doc.alignment.span_to_raw(*p).unwrap();
            assert_eq!(r.slice(&doc.raw), doc.slice(*p));
        }
    }
}

#[test]
fn seeds_clean_one_at_a_time() {
    check(&clean_all(false));
}

#[test]
fn seeds_clean_as_a_batch() {
    let docs = clean_all(true);
    check(&docs);
    // Repetition across the batch is recorded as such for the shared footer.
    assert!(docs[0].1.dropped.iter().any(|d| d.text == "Latest Posts"));
}
