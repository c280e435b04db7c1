//! User files (`--actors my.toml`): merged over the knowledge base, validated line by line.

use newsgraph_actors::{ActorStage, KbError};
use newsgraph_core::{Date, Document, Stage};

fn run(stage: &ActorStage, text: &str) -> Document {
    let mut doc = Document::from_text("t", text);
    doc.meta.published = Date::parse_iso("2021-06-01").ok();
    stage.annotate(&mut doc);
    doc
}

#[test]
fn a_user_file_adds_actors_and_overrides_built_in_ones() {
    let toml = r#"
[[actor]]
name = "Northern Brigade"
kind = "group"
type = "rebel"
code = "SYRREBNBR"
aliases = ["Liwa al-Shamal"]

[[actor]]
name = "Sergei Lavrov"
kind = "person"
gender = "m"
country = "RUS"
roles = ["RUSGOV head_of_government 2021-01-01.."]
"#;
    let stage = match ActorStage::with_user_toml("my.toml", toml) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    let doc = run(&stage, "Liwa al-Shamal attacked. Sergei Lavrov spoke.");
    let codes: Vec<(String, Option<String>)> = doc
        .entities
        .iter()
        .map(|e| (e.canonical.clone(), e.actor_code.clone()))
        .collect();
    assert_eq!(
        codes,
        [
            (
                "Northern Brigade".to_string(),
                Some("SYRREBNBR".to_string())
            ),
            ("Sergei Lavrov".to_string(), Some("RUSGOV".to_string())),
        ]
    );
    // The override replaced the built-in entry: its office is now head of government.
    let kb = stage.kb();
    let id = kb.by_canonical["Sergei Lavrov"];
    assert_eq!(kb.actors[id].roles[0].title, "head_of_government");
}

#[test]
fn every_bad_entry_is_reported_with_file_and_line() {
    let toml = r#"[[actor]]
name = "A"
kind = "person"
roles = ["RUSGOV foreign_minister 2020-01-01..2019-01-01"]

[[actor]]
name = "B"
kind = "group"
code = "syrreb"

[[actor]]
name = "C"
kind = "martian"
country = "XXX"
"#;
    let err = match ActorStage::with_user_toml("my.toml", toml) {
        Ok(_) => panic!("bad file accepted"),
        Err(e) => e,
    };
    let KbError::Invalid(lines) = &err else {
        panic!("unexpected error {err}");
    };
    let got: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    assert_eq!(got.len(), 4, "{got:#?}");
    assert!(got[0].starts_with("my.toml:1: actor `A`: role") && got[0].contains("ends before"));
    assert!(got[1].starts_with("my.toml:6: actor `B`: code `syrreb`"));
    assert!(got[2].starts_with("my.toml:11: actor `C`: kind `martian`"));
    assert!(got[3].starts_with("my.toml:11: actor `C`: unknown country `XXX`"));
}

#[test]
fn toml_syntax_errors_name_the_line() {
    let err = match ActorStage::with_user_toml("my.toml", "[[actor]]\nname = \"A\"\nkind = \n") {
        Ok(_) => panic!("bad file accepted"),
        Err(e) => e.to_string(),
    };
    assert!(err.contains("my.toml:3:"), "{err}");
}

#[test]
fn unknown_fields_are_refused() {
    let err = match ActorStage::with_user_toml(
        "my.toml",
        "[[actor]]\nname = \"A\"\nkind = \"person\"\nnickname = \"x\"\n",
    ) {
        Ok(_) => panic!("bad file accepted"),
        Err(e) => e.to_string(),
    };
    assert!(
        err.contains("my.toml:4:") && err.contains("nickname"),
        "{err}"
    );
}

#[test]
fn a_missing_file_is_a_clear_error() {
    let err = match ActorStage::with_user_file(std::path::Path::new("/nonexistent/my.toml")) {
        Ok(_) => panic!("missing file accepted"),
        Err(e) => e.to_string(),
    };
    assert!(
        err.starts_with("/nonexistent/my.toml: cannot read"),
        "{err}"
    );
}
