//! End-to-end tests of the `newsgraph` binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use assert_cmd::cargo::CommandCargoExt;
use newsgraph_core::wire::Analysis;

fn seeds() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/seeds"
    ))
}

fn newsgraph() -> Command {
    let mut c = Command::cargo_bin("newsgraph").unwrap();
    c.env_remove("NEWSGRAPH_DB");
    c
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Slices `text` by char offsets, as Python's `str` does.
fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

fn check_contract(line: &str) -> Analysis {
    let value: serde_json::Value = serde_json::from_str(line).unwrap();
    for key in [
        "schema", "document", "entities", "quotes", "events", "times",
    ] {
        assert!(value.get(key).is_some(), "missing {key}");
    }
    for key in [
        "id",
        "path",
        "title",
        "byline",
        "outlet",
        "published",
        "text",
        "dropped",
    ] {
        assert!(
            value["document"].get(key).is_some(),
            "missing document.{key}"
        );
    }
    let a: Analysis = serde_json::from_value(value).unwrap();
    assert_eq!(a.schema, "newsgraph.analysis/1");
    let text = &a.document.text;
    let n = text.chars().count();
    for e in &a.entities {
        for m in &e.mentions {
            assert!(m.start < m.end && m.end <= n);
            assert_eq!(char_slice(text, m.start, m.end), m.text);
        }
    }
    for q in &a.quotes {
        assert!(q.start <= q.end && q.end <= n);
        assert_eq!(char_slice(text, q.start, q.end), q.text);
    }
    for e in &a.events {
        assert!(e.end <= n);
        assert_eq!(char_slice(text, e.start, e.end), e.trigger);
        assert_eq!(&e.cameo[..2], e.root);
        assert!((1..=4).contains(&e.quad_class));
    }
    for t in &a.times {
        assert_eq!(char_slice(text, t.start, t.end), t.text);
    }
    a
}

#[test]
fn analyze_seeds_prints_valid_contract_objects_in_input_order() {
    let (code, stdout, stderr) = run(newsgraph()
        .args(["analyze", "--format", "json"])
        .arg(seeds()));
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 5);
    let mut paths = Vec::new();
    for line in lines {
        let a = check_contract(line);
        assert!(a.document.title.is_some());
        assert!(a.document.text.len() > 1000);
        assert!(!a.document.dropped.is_empty());
        paths.push(a.document.path.unwrap());
    }
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
}

#[test]
fn analyze_reads_stdin_and_takes_published() {
    let mut child = newsgraph()
        .args([
            "analyze",
            "--format",
            "json",
            "--published",
            "2014-11-27",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            b"Talks resume in Geneva\n\nThe envoy said on Tuesday that talks would resume.\n",
        )
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let a = check_contract(String::from_utf8(out.stdout).unwrap().trim());
    assert_eq!(a.document.path, None);
    assert_eq!(a.document.published.as_deref(), Some("2014-11-27"));
    assert_eq!(a.document.title.as_deref(), Some("Talks resume in Geneva"));
}

#[test]
fn bad_inputs_are_named_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("empty.txt"), "").unwrap();
    std::fs::write(d.join("binary.txt"), b"\x00\x01\x02\x03binary").unwrap();
    std::fs::write(
        d.join("latin1.txt"),
        b"Caf\xe9 talks\n\nThe minister said the talks in the caf\xe9 went well.\n",
    )
    .unwrap();
    std::fs::write(
        d.join("good.txt"),
        "Headline here\n\nThe army said it had retaken the town on Monday.\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run(newsgraph()
        .args(["analyze", "--format", "json"])
        .arg(d)
        .arg(d.join("missing.txt")));
    assert_eq!(code, 1);
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    assert!(stderr.contains("empty.txt: empty input"), "{stderr}");
    assert!(
        stderr.contains("binary.txt: looks like a binary file"),
        "{stderr}"
    );
    assert!(
        stderr.contains("missing.txt: no such file or directory"),
        "{stderr}"
    );
    assert!(
        stderr.contains("latin1.txt: reader: invalid UTF-8"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));
    // Size limit.
    let (code, _, stderr) = run(newsgraph()
        .args(["analyze", "--max-bytes", "10"])
        .arg(d.join("good.txt")));
    assert_eq!(code, 1);
    assert!(stderr.contains("byte limit"), "{stderr}");
}

fn stats(db: &Path) -> serde_json::Value {
    let (code, stdout, stderr) = run(newsgraph()
        .args(["stats", "--format", "json", "--db"])
        .arg(db));
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).unwrap()
}

#[test]
fn ingest_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let (code, _, stderr) = run(newsgraph().args(["ingest", "--db"]).arg(&db).arg(seeds()));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("5 new, 0 already present, 0 failed"),
        "{stderr}"
    );
    let first = stats(&db);
    let (code, _, stderr) = run(newsgraph().args(["ingest", "--db"]).arg(&db).arg(seeds()));
    assert_eq!(code, 0);
    assert!(
        stderr.contains("0 new, 5 already present, 0 failed"),
        "{stderr}"
    );
    assert_eq!(stats(&db), first);
    assert_eq!(first["documents"], 5);
}

#[test]
fn killed_ingest_resumes_without_partial_or_duplicate_documents() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let n = 4000;
    for i in 0..n {
        let text = format!(
            "Story number {i}\n\nThe minister said on Monday that talks number {i} would resume. Officials agreed.\n\n\
             A second paragraph about case {i} follows here, with more words to store.\n"
        );
        std::fs::write(corpus.join(format!("{i:05}.txt")), text).unwrap();
    }
    let db = dir.path().join("news.db");
    let mut child = newsgraph()
        .args(["ingest", "--quiet", "--db"])
        .arg(&db)
        .arg(&corpus)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill as soon as some documents are in.
    let conn_count = |db: &Path| -> i64 {
        match rusqlite_count(db) {
            Some(c) => c,
            None => 0,
        }
    };
    let started = std::time::Instant::now();
    while conn_count(&db) < 50 && started.elapsed().as_secs() < 60 {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let partial = conn_count(&db);
    assert!(partial >= 50, "ingest stored nothing before the kill");
    let (code, _, stderr) = run(newsgraph().args(["ingest", "--db"]).arg(&db).arg(&corpus));
    assert_eq!(code, 0, "{stderr}");
    let s = stats(&db);
    assert_eq!(s["documents"], n);
    assert!(
        stderr.contains(&format!("{} already present", partial)) || partial == n as i64,
        "{stderr} (partial {partial})"
    );
}

/// Documents stored so far, read with the stats command (the store may be mid-write).
fn rusqlite_count(db: &Path) -> Option<i64> {
    if !db.exists() {
        return None;
    }
    let out = newsgraph()
        .args(["stats", "--format", "json", "--db"])
        .arg(db)
        .output()
        .ok()?;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    v["documents"].as_i64()
}

#[test]
fn foreign_and_newer_databases_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.db");
    let junk_text = "this is not a database at all, just some text that is long enough";
    std::fs::write(&junk, junk_text).unwrap();
    let (code, _, stderr) = run(newsgraph().args(["ingest", "--db"]).arg(&junk).arg(seeds()));
    assert_eq!(code, 2);
    assert!(stderr.contains("not a newsgraph database"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&junk).unwrap(),
        junk_text,
        "a foreign file must not be touched"
    );

    let db = dir.path().join("news.db");
    let (code, _, _) = run(newsgraph()
        .args(["ingest", "--quiet", "--db"])
        .arg(&db)
        .arg(seeds().join("000_03ae7078e2973ab7.txt")));
    assert_eq!(code, 0);
    let (code, _, stderr) = run(Command::new("python3").args([
        "-c",
        &format!("import sqlite3; c = sqlite3.connect({:?}); c.execute('PRAGMA user_version = 99'); c.commit()", db.display().to_string()),
    ]));
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = run(newsgraph().args(["ingest", "--db"]).arg(&db).arg(seeds()));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("newer than this newsgraph supports"),
        "{stderr}"
    );
}

#[test]
fn demo_runs_and_says_what_to_do_next() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let (code, stdout, stderr) = run(newsgraph().args(["demo", "--db"]).arg(&db));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("12 new"), "{stdout}");
    assert!(stdout.contains("Next:"));
    assert_eq!(stats(&db)["documents"], 12);
}

#[test]
fn usage_errors_exit_2() {
    let (code, _, stderr) = run(newsgraph().args(["analyze", "--published", "yesterday", "x.txt"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("not a date"), "{stderr}");
}

#[test]
fn store_queries_refuse_bad_filters_and_the_store_checks_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let (code, _, stderr) = run(newsgraph()
        .args(["ingest", "--quiet", "--db"])
        .arg(&db)
        .arg(seeds()));
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = run(newsgraph().args(["stats", "--check", "--db"]).arg(&db));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("consistent"), "{stderr}");
    // `events` and `export events` share their filters: the same bad value, the same error.
    for (args, message) in [
        (&["--code", "199"][..], "not in the CAMEO codebook"),
        (&["--since", "2014-13"][..], "not a date"),
        (&["--actor", "Atlantis of the Deep"][..], "unknown actor"),
        (&["--quad", "7"][..], "not a quad class"),
    ] {
        for command in [
            &["events"][..],
            &["export", "events", "--format", "csv"][..],
        ] {
            let (code, stdout, stderr) =
                run(newsgraph().args(command).args(args).arg("--db").arg(&db));
            assert_eq!(code, 2, "{command:?} {args:?}: {stderr}");
            assert!(stderr.contains(message), "{command:?} {args:?}: {stderr}");
            assert!(stdout.is_empty(), "{command:?} {args:?}: {stdout}");
        }
    }
    let (code, _, stderr) = run(newsgraph()
        .args(["timeline", "--actor", "Atlantis of the Deep", "--db"])
        .arg(&db));
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown actor"), "{stderr}");
}

#[test]
fn eval_plover_analyse_names_the_cause_of_each_miss_and_false_alarm() {
    let fixture = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/plover_analyse.json"
    ));
    let (code, out, err) = run(newsgraph()
        .args(["eval", "plover"])
        .arg(&fixture)
        .arg("--analyse"));
    assert_eq!(code, 0, "{err}");
    // one triple right, one of the wrong type, one sentence with no event at all
    assert!(out.contains("misses 2"), "{out}");
    assert!(out.contains("false alarms 1"), "{out}");
    assert!(
        out.contains(
            "MISS [wrong type] FIX-DISAPPROVE-0002: gold ESP DISAPPROVE ITA | ours ESP CONSULT ITA"
        ),
        "{out}"
    );
    assert!(
        out.contains("FALSE [wrong type] FIX-DISAPPROVE-0002: ours ESP CONSULT ITA"),
        "{out}"
    );
    assert!(
        out.contains("MISS [no event found] FIX-AID-0001: gold NOR AID SWE | ours -"),
        "{out}"
    );
    assert!(!out.contains("FIX-DISAPPROVE-0001"), "{out}");
}
