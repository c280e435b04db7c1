//! Store behaviour: event deduplication, story clusters, migrations, query validation.

use newsgraph_core::wire::Analysis;
use newsgraph_store::query::{EventFilter, GraphFilter, QuoteFilter, TimelineFilter};
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
    old_database(&path, 1);
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
    // The right shape but no such code in the CAMEO codebook.
    assert!(err(EventFilter {
        code: Some("199".into()),
        ..Default::default()
    })
    .contains("not in the CAMEO codebook"));
    // Roots and longer codes that exist are fine, with or without matching events.
    for code in ["04", "040", "19", "195"] {
        assert!(store
            .events(&EventFilter {
                code: Some(code.into()),
                ..Default::default()
            })
            .is_ok());
    }
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
    assert!(err(EventFilter {
        target: Some("Atlantis".into()),
        ..Default::default()
    })
    .contains("unknown actor 'Atlantis'"));
    let timeline = store.timeline(&TimelineFilter {
        actor: Some("Atlantis".into()),
        ..Default::default()
    });
    assert!(matches!(timeline, Err(StoreError::BadQuery(m)) if m.contains("unknown actor")));
    let timeline = store.timeline(&TimelineFilter {
        since: Some("2020-02-30".into()),
        ..Default::default()
    });
    assert!(matches!(timeline, Err(StoreError::BadQuery(m)) if m.contains("not a date")));
    let quotes = store.quotes(&QuoteFilter {
        speaker: Some("Atlantis".into()),
        ..Default::default()
    });
    assert!(matches!(quotes, Err(StoreError::BadQuery(m)) if m.contains("unknown actor")));
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

/// Builds a database at schema version `version` with one document, as that version wrote it.
fn old_database(path: &std::path::Path, version: usize) {
    let conn = rusqlite::Connection::open(path).unwrap();
    for sql in &MIGRATIONS[..version] {
        conn.execute_batch(sql).unwrap();
    }
    conn.pragma_update(None, "application_id", 0x4e47_5250_i64)
        .unwrap();
    conn.pragma_update(None, "user_version", version as i64)
        .unwrap();
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
    conn.execute(
        "INSERT INTO documents_fts (doc_id, title, text) VALUES ('old1', 'Old', ?1)",
        [&a.document.text],
    )
    .unwrap();
    if version >= 2 {
        conn.execute("UPDATE documents SET story = 'old1' WHERE id = 'old1'", [])
            .unwrap();
    }
    // An actor named twice in the old document: the upgrade to 5 counts it.
    conn.execute_batch(
        "INSERT INTO actors (id, canonical, kind) VALUES (77, 'Old Actor', 'person');
         INSERT INTO mentions (doc_id, actor_id, entity, start, end, text, via)
         VALUES ('old1', 77, 'e9', 0, 3, 'Old', 'name'), ('old1', 77, 'e9', 4, 7, 'Old', 'name');",
    )
    .unwrap();
    // From 5 on, the insert path keeps the counters and the actor's article list.
    if version >= 5 {
        conn.execute_batch(
            "UPDATE actors SET mentions = 2, documents = 1 WHERE id = 77;
             INSERT INTO actor_documents (actor_id, doc_id, published, seq) VALUES (77, 'old1', '2020-05-01', 1);",
        )
        .unwrap();
    }
}

/// The columns of index `name`, in order.
fn index_columns(store: &Store, name: &str) -> Vec<String> {
    let mut stmt = store
        .connection()
        .prepare("SELECT name FROM pragma_index_info(?1) ORDER BY seqno")
        .unwrap();
    let names = stmt.query_map([name], |r| r.get(0)).unwrap();
    names.collect::<Result<_, _>>().unwrap()
}

fn index_names(store: &Store) -> Vec<String> {
    let mut stmt = store
        .connection()
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap();
    let names = stmt.query_map([], |r| r.get(0)).unwrap();
    names.collect::<Result<_, _>>().unwrap()
}

#[test]
fn version_1_and_2_databases_upgrade_to_the_latest() {
    for version in [1, 2, 3, 4, 5, 6] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        old_database(&path, version);
        // A reader does not upgrade: it asks for a writer first.
        match Store::open_read_only(&path) {
            Err(StoreError::Open { reason, .. }) => assert!(reason.contains("older"), "{reason}"),
            Err(e) => panic!("v{version}: unexpected error {e}"),
            Ok(_) => panic!("v{version}: a reader opened an old schema"),
        }
        let mut store = Store::open(&path).unwrap();
        assert_eq!(
            store.stats().unwrap().schema_version,
            newsgraph_store::SCHEMA_VERSION,
            "v{version}"
        );
        let indexes = index_names(&store);
        for wanted in [
            "events_timeline",
            "events_root_day",
            "events_source",
            "events_target",
            "events_recent",
            "mentions_actor_doc",
            "events_source_recent",
            "events_target_recent",
            "events_pair_recent",
            "quotes_speaker_recent",
            "documents_recent",
            "actor_documents_recent",
            "actors_most_mentioned",
            "stories_list",
            "mentions_actor_alias",
        ] {
            assert!(
                indexes.iter().any(|i| i == wanted),
                "v{version}: {wanted} missing in {indexes:?}"
            );
        }
        for superseded in ["events_day", "quotes_speaker", "mentions_actor"] {
            assert!(
                !indexes.iter().any(|i| i == superseded),
                "v{version}: superseded index {superseded} kept"
            );
        }
        // The timeline indexes carry the actors of each event, the story index dates (version 6).
        for (index, other) in [
            ("events_source", "target_id"),
            ("events_target", "source_id"),
            ("events_timeline", "target_id"),
            ("documents_story", "published"),
        ] {
            let columns = index_columns(&store, index);
            assert_eq!(
                columns.last().map(String::as_str),
                Some(other),
                "v{version}: {index} {columns:?}"
            );
        }
        // The actor counters were filled from the old mentions.
        let old_actor = store.actor(77).unwrap().unwrap();
        assert_eq!(
            (old_actor.mentions, old_actor.documents),
            (2, 1),
            "v{version}"
        );
        // The story table was filled from the old document's story (version 7).
        assert!(indexes.iter().any(|i| i == "stories_list"), "v{version}");
        let stories = store.stories(1, 10, 0).unwrap();
        assert_eq!(stories.len(), 1, "v{version}: {stories:?}");
        assert_eq!(
            (
                stories[0].id.as_str(),
                stories[0].label.as_str(),
                stories[0].articles
            ),
            ("old1", "Old", 1),
            "v{version}"
        );
        assert_eq!(
            stories[0].actors,
            vec!["Old Actor".to_string()],
            "v{version}"
        );
        // The old document is there, and new ones join it.
        store
            .insert(
                &meeting("new1", "o", "2020-05-01", "More talks."),
                "raw",
                None,
            )
            .unwrap();
        assert_eq!(store.stats().unwrap().documents, 2);
        assert!(store.analysis("old1").unwrap().is_some());
        let by_root = store
            .events(&EventFilter {
                code: Some("04".into()),
                actor: Some("Ruritania".into()),
                since: Some("2020-05-01".into()),
                until: Some("2020-05-01".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(by_root.len(), 1, "v{version}");
        // New documents keep the counters equal to a recount, and the list reads them.
        let counters: Vec<String> = store
            .check_derived()
            .unwrap()
            .into_iter()
            .filter(|p| p.contains("counters") || p.contains("article lists"))
            .collect();
        assert!(counters.is_empty(), "v{version}: {counters:?}");
        let stale: Vec<String> = store
            .check_derived()
            .unwrap()
            .into_iter()
            .filter(|p| p.contains("stories"))
            .collect();
        assert!(stale.is_empty(), "v{version}: {stale:?}");
        assert_eq!(
            store
                .stories(1, 10, 0)
                .unwrap()
                .iter()
                .map(|s| s.articles)
                .sum::<i64>(),
            2,
            "v{version}"
        );
        // The check notices a story whose figures drifted.
        store
            .connection()
            .execute(
                "UPDATE stories SET events = events + 1 WHERE id = 'old1'",
                [],
            )
            .unwrap();
        assert!(store
            .check_derived()
            .unwrap()
            .iter()
            .any(|p| p.starts_with("1 stories whose stored figures differ")));
        store
            .connection()
            .execute(
                "UPDATE stories SET events = events - 1 WHERE id = 'old1'",
                [],
            )
            .unwrap();
        // And the check notices a counter that drifted.
        store
            .connection()
            .execute(
                "UPDATE actors SET documents = documents + 1 WHERE id = 77",
                [],
            )
            .unwrap();
        assert!(store
            .check_derived()
            .unwrap()
            .iter()
            .any(|p| p.starts_with("1 actors whose mention or article counters")));
        store
            .connection()
            .execute(
                "UPDATE actors SET documents = documents - 1 WHERE id = 77",
                [],
            )
            .unwrap();
        let listed = store.actors(&Default::default()).unwrap();
        assert!(listed.iter().all(|a| a.mentions > 0 && a.documents > 0));
        assert!(listed.windows(2).all(|w| w[0].mentions >= w[1].mentions));
        drop(store);
        // Opening again is a no-op, and a reader now opens it.
        Store::open(&path).unwrap();
        assert!(Store::open_read_only(&path).is_ok());
    }
}

#[test]
fn a_newer_schema_is_refused_by_writers_and_readers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    {
        let mut store = Store::open(&path).unwrap();
        store
            .insert(&meeting("d", "o", "2020-05-01", "x"), "raw", None)
            .unwrap();
    }
    let newer = newsgraph_store::SCHEMA_VERSION + 1;
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", newer)
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    for result in [Store::open(&path), Store::open_read_only(&path)] {
        let err = match result {
            Err(e) => e,
            Ok(_) => panic!("a database of schema {newer} was opened"),
        };
        assert!(matches!(err, StoreError::NewerSchema { found, .. } if found == newer));
        let message = err.to_string();
        assert!(
            message.contains(&format!(
                "schema version {newer} is newer than this newsgraph supports ({})",
                newer - 1
            )),
            "{message}"
        );
        assert!(message.contains("upgrade newsgraph"), "{message}");
    }
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "a newer database was written to"
    );
}

/// Articles about a few meetings from several outlets, some repeating an event within one
/// article, some without a source, for checking the incremental event counts.
fn mixed_articles(n: usize) -> Vec<Analysis> {
    (0..n)
        .map(|i| {
            let mut a = meeting(
                &format!("doc{i:04}"),
                &format!("outlet{}", i % 3),
                &format!("2020-05-{:02}", 1 + i % 5),
                &format!("report {i}"),
            );
            a.events = vec![
                event(1, 2, "040", &format!("2020-05-{:02}", 1 + i % 4), "met", 10),
                event(2, 1, "190", "2020-06-01", "attacked", 10),
            ];
            if i % 4 == 0 {
                // The same event twice in one article: one more mention, not one more article.
                a.events.push(a.events[0].clone());
            }
            if i % 7 == 0 {
                a.document.outlet = None;
            }
            a
        })
        .collect()
}

#[test]
fn event_counts_kept_on_insert_equal_a_recount() {
    for batch in [1, 16] {
        let (_dir, mut store) = temp_store();
        store.batch_writes(batch, std::time::Duration::from_secs(60));
        for a in mixed_articles(60) {
            store.insert(&a, "raw", None).unwrap();
        }
        store.flush().unwrap();
        assert_eq!(store.check_consistency().unwrap(), Vec::<String>::new());
        let events = store.events(&EventFilter::default()).unwrap();
        let attack = events.iter().find(|e| e.cameo == "190").unwrap();
        // 60 articles from 3 outlets, plus the 9 without an outlet each its own source.
        assert_eq!(
            (attack.num_mentions, attack.num_articles, attack.num_sources),
            (60, 60, 3 + 9)
        );
        let met: i64 = events
            .iter()
            .filter(|e| e.cameo == "040")
            .map(|e| e.num_mentions)
            .sum();
        assert_eq!(met, 60 + 15);
        assert_eq!(store.stats().unwrap().documents, 60);
    }
}

#[test]
fn a_failed_document_in_a_batch_leaves_the_others() {
    let (_dir, mut store) = temp_store();
    store.batch_writes(100, std::time::Duration::from_secs(60));
    store
        .insert(&meeting("a", "o", "2020-05-01", "x"), "raw", None)
        .unwrap();
    // Break the schema under the writer: the next document fails half-way (after its document
    // row) and must leave nothing behind, while the first stays.
    store
        .connection()
        .execute_batch("CREATE TEMP TRIGGER boom BEFORE INSERT ON event_mentions BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;")
        .unwrap();
    let err = store
        .insert(&meeting("b", "o", "2020-05-02", "y"), "raw", None)
        .unwrap_err();
    assert!(err.to_string().contains("disk on fire"), "{err}");
    store
        .connection()
        .execute_batch("DROP TRIGGER boom")
        .unwrap();
    store.flush().unwrap();
    assert_eq!(store.stats().unwrap().documents, 1);
    assert!(!store.contains("b").unwrap());
    assert_eq!(store.check_consistency().unwrap(), Vec::<String>::new());
    // And it can be stored once the fault is gone.
    store
        .insert(&meeting("b", "o", "2020-05-02", "y"), "raw", None)
        .unwrap();
    store.flush().unwrap();
    assert_eq!(store.stats().unwrap().documents, 2);
    assert_eq!(store.check_consistency().unwrap(), Vec::<String>::new());
}

#[test]
fn readers_see_a_consistent_store_while_a_batched_ingest_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut writer = Store::open(&path).unwrap();
    writer.batch_writes(7, std::time::Duration::from_secs(60));
    writer
        .insert(&meeting("first", "o", "2020-01-01", "x"), "raw", None)
        .unwrap();
    writer.flush().unwrap();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let done = done.clone();
        let path = path.clone();
        std::thread::spawn(move || {
            let store = Store::open_read_only(&path).unwrap();
            let (mut last, mut reads) = (0i64, 0usize);
            while !done.load(std::sync::atomic::Ordering::SeqCst) || reads == 0 {
                // One read transaction is one snapshot: every check must hold in it.
                store.connection().execute_batch("BEGIN").unwrap();
                let problems = store.check_derived().unwrap();
                let docs = store.stats().unwrap().documents;
                // Full-text search sees the same documents as the tables.
                let (indexed, stored): (i64, i64) = store
                    .connection()
                    .query_row(
                        "SELECT (SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'report'),
                                (SELECT count(*) FROM documents WHERE text LIKE '%report%')",
                        [],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .unwrap();
                store.connection().execute_batch("COMMIT").unwrap();
                assert_eq!(problems, Vec::<String>::new(), "after {docs} documents");
                assert_eq!(indexed, stored, "after {docs} documents");
                assert!(docs >= last, "documents went from {last} to {docs}");
                // Batches of 7 become visible whole.
                assert_eq!((docs - 1) % 7, 0, "{docs} documents visible");
                last = docs;
                reads += 1;
            }
            (last, reads)
        })
    };
    for a in mixed_articles(70) {
        writer.insert(&a, "raw", None).unwrap();
    }
    writer.flush().unwrap();
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let (seen, reads) = reader.join().unwrap();
    assert!(reads > 0 && seen <= 71);
    assert_eq!(writer.stats().unwrap().documents, 71);
    assert_eq!(writer.check_consistency().unwrap(), Vec::<String>::new());
}

/// The child half of the kill test: ingests forever into the database named by the
/// environment, in small batches, until it is killed.
#[test]
fn kill_target_ingests_until_killed() {
    let Ok(path) = std::env::var("NEWSGRAPH_STORE_KILL_TARGET") else {
        return; // Only runs as the child of `a_killed_ingest_leaves_only_whole_documents`.
    };
    let mut store = Store::open(std::path::Path::new(&path)).unwrap();
    store.batch_writes(5, std::time::Duration::from_secs(60));
    for i in 0.. {
        for mut a in mixed_articles(20) {
            a.document.id = format!("{}-{i}", a.document.id);
            store.insert(&a, "raw", None).unwrap();
        }
    }
}

#[test]
fn a_killed_ingest_leaves_only_whole_documents() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("killed.db");
    Store::open(&path).unwrap();
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "kill_target_ingests_until_killed", "--nocapture"])
        .env("NEWSGRAPH_STORE_KILL_TARGET", &path)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until a few batches are committed, then kill the writer in the middle of its work.
    let reader = Store::open_read_only(&path).unwrap();
    let mut polls = 0;
    while reader.stats().unwrap().documents < 200 {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the writer stopped by itself"
        );
        polls += 1;
        assert!(polls < 60_000, "the writer stored too little");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    drop(reader);
    let store = Store::open(&path).unwrap();
    let stats = store.stats().unwrap();
    assert!(stats.documents >= 200);
    assert_eq!(stats.documents % 5, 0, "only whole batches are stored");
    assert_eq!(store.check_consistency().unwrap(), Vec::<String>::new());
}

/// A store of articles among five actors, each naming three of them with events between them
/// in both directions on a spread of days; returns each article's actor names.
fn five_actor_store(store: &mut Store) -> Vec<(String, Vec<&'static str>)> {
    const NAMES: [(&str, &str); 5] = [
        ("Ruritania", "RURGOV"),
        ("Freedonia", "FREGOV"),
        ("Sylvania", "SYLGOV"),
        ("Latveria", "LATGOV"),
        ("Genovia", "GENGOV"),
    ];
    let mut docs = Vec::new();
    for i in 0..40usize {
        let mut chosen_unique: Vec<usize> = vec![i % 5, (i * 3 + 1) % 5, (i * 7 + 2) % 5];
        chosen_unique.sort_unstable();
        chosen_unique.dedup();
        let mut a = meeting(
            &format!("doc{i:02}"),
            ["wire", "daily", "post"][i % 3],
            &format!("2021-{:02}-{:02}", 1 + i % 12, 1 + (i * 5) % 28),
            &format!("Article {i}."),
        );
        a.entities = chosen_unique
            .iter()
            .enumerate()
            .map(|(k, &n)| common::entity(k + 1, NAMES[n].0, NAMES[n].1, NAMES[n].0, 0))
            .collect();
        a.quotes[0].speaker = Some(format!("e{}", 1 + i % chosen_unique.len()));
        a.events = (0..chosen_unique.len())
            .flat_map(|s| (0..chosen_unique.len()).map(move |t| (s, t)))
            .filter(|(s, t)| s != t)
            .enumerate()
            .map(|(k, (s, t))| {
                let day = format!("2021-{:02}-{:02}", 1 + (i + k) % 12, 1 + (i * 3 + k) % 4);
                let cameo = ["040", "042", "057"][(i + k) % 3];
                event(s + 1, t + 1, cameo, &day, "met", 10)
            })
            .collect();
        store.insert(&a, "raw", None).unwrap();
        docs.push((
            a.document.id.clone(),
            chosen_unique.iter().map(|&n| NAMES[n].0).collect(),
        ));
    }
    docs
}

#[test]
fn filtered_pages_equal_a_filter_over_every_row() {
    let (_dir, mut store) = temp_store();
    let docs = five_actor_store(&mut store);
    assert_eq!(store.check_consistency().unwrap(), Vec::<String>::new());
    let all = store
        .events(&EventFilter {
            limit: 100_000,
            ..Default::default()
        })
        .unwrap();
    assert!(all.len() > 50, "{}", all.len());
    let all_docs = store
        .documents(&newsgraph_store::query::DocumentFilter {
            limit: 1000,
            ..Default::default()
        })
        .unwrap();
    let all_quotes = store
        .quotes(&QuoteFilter {
            limit: 1000,
            ..Default::default()
        })
        .unwrap();
    let actors = store.actors(&Default::default()).unwrap();
    assert_eq!(actors.len(), 5);
    for a in &actors {
        // The counters against the articles as written.
        let named = docs
            .iter()
            .filter(|(_, n)| n.contains(&a.canonical.as_str()));
        assert_eq!(a.documents, named.clone().count() as i64, "{}", a.canonical);
        assert_eq!(a.mentions, a.documents, "one mention per article");
        let id = Some(a.id.to_string());
        for (limit, offset) in [(3, 0), (3, 2), (7, 5), (100, 0), (5, 1000)] {
            let page = |f: EventFilter| store.events(&EventFilter { limit, offset, ..f }).unwrap();
            let expect = |keep: &dyn Fn(&&newsgraph_store::query::EventRow) -> bool| {
                all.iter()
                    .filter(keep)
                    .skip(offset)
                    .take(limit)
                    .cloned()
                    .collect::<Vec<_>>()
            };
            let either = |e: &&newsgraph_store::query::EventRow| {
                e.source_id == Some(a.id) || e.target_id == Some(a.id)
            };
            assert_eq!(
                page(EventFilter {
                    actor: id.clone(),
                    ..Default::default()
                }),
                expect(&either),
                "{} {limit} {offset}",
                a.canonical
            );
            // With a further filter on both arms of the merge.
            assert_eq!(
                page(EventFilter {
                    actor: id.clone(),
                    code: Some("042".into()),
                    since: Some("2021-03".into()),
                    ..Default::default()
                }),
                expect(&|e| either(e) && e.cameo == "042" && e.day.as_str() >= "2021-03"),
            );
            for b in &actors {
                assert_eq!(
                    page(EventFilter {
                        source: id.clone(),
                        target: Some(b.id.to_string()),
                        ..Default::default()
                    }),
                    expect(&|e| e.source_id == Some(a.id) && e.target_id == Some(b.id)),
                );
            }
            let doc_page = store
                .documents(&newsgraph_store::query::DocumentFilter {
                    actor: id.clone(),
                    limit,
                    offset,
                    ..Default::default()
                })
                .unwrap();
            let doc_expect: Vec<_> = all_docs
                .iter()
                .filter(|d| {
                    docs.iter()
                        .any(|(x, n)| x == &d.id && n.contains(&a.canonical.as_str()))
                })
                .skip(offset)
                .take(limit)
                .cloned()
                .collect();
            assert_eq!(doc_page, doc_expect, "{} {limit} {offset}", a.canonical);
            let quote_page = store
                .quotes(&QuoteFilter {
                    speaker: id.clone(),
                    limit,
                    offset,
                    ..Default::default()
                })
                .unwrap();
            let quote_expect: Vec<_> = all_quotes
                .iter()
                .filter(|q| q.speaker_id == Some(a.id))
                .skip(offset)
                .take(limit)
                .cloned()
                .collect();
            assert_eq!(quote_page, quote_expect);
        }
    }
    // Plain pages with an offset are windows of the whole list.
    for (limit, offset) in [(10, 0), (10, 10), (25, 40)] {
        let page = store
            .events(&EventFilter {
                limit,
                offset,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(
            page,
            all[offset.min(all.len())..(offset + limit).min(all.len())]
        );
    }
}

#[test]
fn an_actors_timeline_and_partners_count_each_event_once_from_either_side() {
    let (_dir, mut store) = temp_store();
    let mut a = meeting("doc0", "o", "2020-05-01", "They met again.");
    a.events = vec![
        event(1, 2, "040", "2020-05-01", "met", 10),
        event(2, 1, "043", "2020-06-02", "hosted", 20),
        event(1, 1, "010", "2020-06-03", "said", 30),
    ];
    store.insert(&a, "raw", None).unwrap();
    let months = |actor: &str| -> Vec<(String, i64)> {
        store
            .timeline(&TimelineFilter {
                actor: Some(actor.into()),
                ..Default::default()
            })
            .unwrap()
            .into_iter()
            .map(|r| (r.period, r.events))
            .collect()
    };
    // The event of an actor with itself counts once.
    assert_eq!(
        months("Ruritania"),
        [("2020-05".to_string(), 1), ("2020-06".to_string(), 2)]
    );
    assert_eq!(
        months("Freedonia"),
        [("2020-05".to_string(), 1), ("2020-06".to_string(), 1)]
    );
    let id = store.resolve_actor("Ruritania").unwrap()[0];
    let detail = store.actor_detail(id, 10).unwrap().unwrap();
    let partners: Vec<(&str, i64)> = detail
        .partners
        .iter()
        .map(|p| (p.canonical.as_str(), p.events))
        .collect();
    assert_eq!(partners, [("Freedonia", 2)]);
    // The graph of a date range holds the edges of its days alone, self-events left out.
    let graph = |since: &str, until: &str| -> Vec<(i64, i64, i64)> {
        store
            .graph(&GraphFilter {
                since: Some(since.into()),
                until: Some(until.into()),
                ..Default::default()
            })
            .unwrap()
            .edges
            .iter()
            .map(|e| (e.source, e.target, e.events))
            .collect()
    };
    let other = store.resolve_actor("Freedonia").unwrap()[0];
    assert_eq!(graph("2020-06", "2020-06"), [(other, id, 1)]);
    assert_eq!(graph("2020-05-01", "2020-05-01"), [(id, other, 1)]);
    assert_eq!(graph("2020-07", "2020-12"), []);
}

#[test]
fn search_ranks_the_most_relevant_of_the_newest_matches_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("search.db")).unwrap();
    store.batch_writes(64, std::time::Duration::from_secs(60));
    let dense = "Harvest, harvest, harvest: the harvest.";
    let sparse = |i: usize| {
        format!("Item {i}: the harvest was discussed among many other matters of the day.")
    };
    // An old, very relevant article, then more newer matches than are ranked.
    store
        .insert(&meeting("old-dense", "o", "2020-05-01", dense), "raw", None)
        .unwrap();
    let newer = newsgraph_store::query::SEARCH_CANDIDATES as usize + 20;
    for i in 0..newer {
        store
            .insert(
                &meeting(&format!("s{i:04}"), "o", "2020-05-02", &sparse(i)),
                "raw",
                None,
            )
            .unwrap();
    }
    // A relevant article among the newest matches.
    store
        .insert(&meeting("new-dense", "o", "2020-05-03", dense), "raw", None)
        .unwrap();
    store.flush().unwrap();
    let hits = store.search("harvest", 10).unwrap();
    assert_eq!(hits.len(), 10);
    // The most relevant of the ranked (newest) matches comes first; the old one is past them.
    assert_eq!(hits[0].doc_id, "new-dense");
    assert!(hits.iter().all(|h| h.doc_id != "old-dense"));
    // Among equally relevant hits, the newest come first.
    let rest: Vec<&str> = hits[1..].iter().map(|h| h.doc_id.as_str()).collect();
    let mut sorted = rest.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(rest, sorted);
}
