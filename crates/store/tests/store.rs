//! Store behaviour: event deduplication, story clusters, migrations, query validation.

use newsgraph_core::wire::Analysis;
use newsgraph_store::query::{EventFilter, QuoteFilter, TimelineFilter};
use newsgraph_store::{Inserted, Store, StoreError, MIGRATIONS};

mod common;

use common::{event, meeting, temp_store};

#[test]
fn three_articles_about_one_meeting_give_one_event() {
    let (_dir, mut store) = temp_store();
    let words = [
        "Officials called the talks useful.",
        "Both sides praised the tone.",
        "No agreement was signed.",
    ];
    for (i, w) in words.iter().enumerate() {
        let a = meeting(&format!("doc{i}"), &format!("outlet{i}"), "2020-05-01", w);
        assert_eq!(store.insert(&a, "raw", None).unwrap(), Inserted::New);
    }
    assert_eq!(
        store
            .insert(
                &meeting("doc0", "outlet0", "2020-05-01", words[0]),
                "raw",
                None
            )
            .unwrap(),
        Inserted::Present
    );
    let events = store.events(&EventFilter::default()).unwrap();
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!((e.num_articles, e.num_mentions, e.num_sources), (3, 3, 3));
    assert_eq!(e.source.as_deref(), Some("Ruritania"));
    assert_eq!(store.event_mentions(e.id).unwrap().len(), 3);
    // The actor is found by name, alias and code; its events both ways.
    let by_code = store
        .events(&EventFilter {
            actor: Some("FREGOV".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(by_code.len(), 1);
    assert_eq!(
        store
            .quotes(&QuoteFilter {
                speaker: Some("ruritania".into()),
                ..Default::default()
            })
            .unwrap()
            .len(),
        3
    );
    let t = store
        .timeline(&TimelineFilter {
            actor: Some("Ruritania".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].period, "2020-05");
    // One event with both actors is a story link: the three articles form one story.
    let stories = store.stories(2, 10, 0).unwrap();
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0].articles, 3);
    assert_eq!(stories[0].id, "doc0");
}

#[test]
fn stories_do_not_depend_on_ingest_order() {
    let mut docs = Vec::new();
    for i in 0..6 {
        let mut a = meeting(&format!("m{i}"), "wire", "2020-05-01", "Talks.");
        if i >= 3 {
            // A second, unrelated story: another pair, another day.
            a.events = vec![event(2, 1, "190", "2020-06-10", "attacked", 10)];
            a.document.published = Some("2020-06-10".into());
        }
        docs.push(a);
    }
    // A near-duplicate text with no events joins the first story through MinHash.
    let long = "The foreign ministers of the two countries met in the capital on Monday to discuss a ceasefire \
                in the north and the return of refugees to their homes before the winter sets in, officials said.";
    let mut dup = meeting("z-dup", "copy", "2021-01-01", long);
    dup.events.clear();
    dup.entities.truncate(1);
    let mut orig = meeting("m0", "wire", "2020-05-01", long);
    orig.entities.truncate(2);
    docs[0] = orig;
    docs.push(dup);

    let assign = |order: Vec<&Analysis>| {
        let (_dir, mut store) = temp_store();
        for a in order {
            store.insert(a, "raw", None).unwrap();
        }
        store.story_assignments().unwrap()
    };
    let forward = assign(docs.iter().collect());
    let backward = assign(docs.iter().rev().collect());
    assert_eq!(forward, backward);
    let story_of = |id: &str| forward.iter().find(|(d, _)| d == id).unwrap().1.clone();
    assert_eq!(story_of("m1"), "m0");
    assert_eq!(story_of("z-dup"), "m0");
    assert_eq!(story_of("m4"), "m3");
}

#[test]
fn a_version_1_database_opens_and_upgrades() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "application_id", 0x4e47_5250_i64)
            .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        let a = meeting(
            "old1",
            "wire",
            "2020-05-01",
            "Officials called the talks useful.",
        );
        conn.execute(
            "INSERT INTO documents (id, path, url, source, title, byline, outlet, published, text, raw, analysis, seq)
             VALUES ('old1', NULL, NULL, NULL, 'Old', NULL, NULL, '2020-05-01', ?1, 'raw', ?2, 1)",
            rusqlite::params![a.document.text, serde_json::to_string(&a).unwrap()],
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let stats = store.stats().unwrap();
    assert_eq!(stats.schema_version, MIGRATIONS.len() as i64);
    assert_eq!(stats.documents, 1);
    assert_eq!(
        store.story_assignments().unwrap(),
        vec![("old1".to_string(), "old1".to_string())]
    );
    assert!(store.analysis("old1").unwrap().is_some());
}

#[test]
fn bad_queries_say_what_is_wrong() {
    let (_dir, mut store) = temp_store();
    store
        .insert(&meeting("d", "o", "2020-05-01", "x"), "raw", None)
        .unwrap();
    let err = |f: EventFilter| match store.events(&f) {
        Err(StoreError::BadQuery(m)) => m,
        other => panic!("expected a bad query, got {other:?}"),
    };
    assert!(err(EventFilter {
        since: Some("2020-13-01".into()),
        ..Default::default()
    })
    .contains("not a date"));
    assert!(err(EventFilter {
        until: Some("May 2020".into()),
        ..Default::default()
    })
    .contains("not a date"));
    assert!(err(EventFilter {
        code: Some("99".into()),
        ..Default::default()
    })
    .contains("not a CAMEO code"));
    assert!(err(EventFilter {
        code: Some("1x".into()),
        ..Default::default()
    })
    .contains("not a CAMEO code"));
    assert!(err(EventFilter {
        quad: Some(5),
        ..Default::default()
    })
    .contains("quad"));
    assert!(err(EventFilter {
        actor: Some("Atlantis".into()),
        ..Default::default()
    })
    .contains("unknown actor"));
    assert!(matches!(
        store.search("  ", 10),
        Err(StoreError::BadQuery(_))
    ));
    // Partial dates work as inclusive bounds.
    let ok = store.events(&EventFilter {
        since: Some("2020".into()),
        until: Some("2020-05".into()),
        ..Default::default()
    });
    assert_eq!(ok.unwrap().len(), 1);
    // SQL in a parameter is just text.
    let hits = store.search("x'); DROP TABLE documents; --", 10).unwrap();
    assert!(hits.is_empty());
    assert_eq!(store.stats().unwrap().documents, 1);
}

#[test]
fn readers_see_whole_documents_while_an_ingest_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut writer = Store::open(&path).unwrap();
    writer
        .insert(&meeting("first", "o", "2020-01-01", "x"), "raw", None)
        .unwrap();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let done = done.clone();
        let path = path.clone();
        std::thread::spawn(move || {
            let store = Store::open_read_only(&path).unwrap();
            let (mut last, mut reads) = (0i64, 0usize);
            while !done.load(std::sync::atomic::Ordering::SeqCst) || reads == 0 {
                // One statement sees one snapshot: every stored document has its event mention.
                let (docs, orphans): (i64, i64) = store
                    .connection()
                    .query_row(
                        "SELECT count(*), sum(NOT EXISTS (SELECT 1 FROM event_mentions m WHERE m.doc_id = d.id))
                         FROM documents d",
                        [],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .unwrap();
                assert_eq!(orphans, 0, "a half-written document was visible");
                assert!(docs >= last, "documents went from {last} to {docs}");
                last = docs;
                reads += 1;
            }
            (last, reads)
        })
    };
    for i in 0..40 {
        let mut a = meeting(
            &format!("doc{i}"),
            "o",
            "2020-05-01",
            &format!("report {i}"),
        );
        a.events = vec![event(
            1,
            2,
            "040",
            &format!("2020-05-{:02}", 1 + i % 28),
            "met",
            10,
        )];
        writer.insert(&a, "raw", None).unwrap();
    }
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let (seen, reads) = reader.join().unwrap();
    assert!(reads > 0 && seen <= 41);
    assert_eq!(writer.stats().unwrap().documents, 41);
}
