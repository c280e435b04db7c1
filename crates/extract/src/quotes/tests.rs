//! Pattern cases written as small articles, one per attribution pattern. The rules are read
//! without the learned filter of their finds, which has a test of its own.

use super::*;
use newsgraph_core::{Document, QuoteKind};

fn run(text: &str) -> Vec<(String, String, String, QuoteKind)> {
    let mut doc = Document::from_text("t", text);
    newsgraph_text::SentenceSplitter.annotate(&mut doc);
    let x = QuoteExtractor::new().unwrap().with_filter(None);
    x.extract(&doc)
        .into_iter()
        .map(|q| {
            (
                doc.slice(q.content).to_string(),
                q.speaker_span
                    .map(|s| doc.slice(s).to_string())
                    .unwrap_or_default(),
                q.cue.map(|s| doc.slice(s).to_string()).unwrap_or_default(),
                q.kind,
            )
        })
        .collect()
}

#[test]
fn smoke() {
    for q in run("\"We will not leave this city until the job is done,\" Obama told reporters on Monday.\n\nThe mayor said that the roads would reopen soon.") {
        eprintln!("{q:?}");
    }
}

/// The speaker spans of the quotes `run_parsed` finds in `text`.
fn speakers(text: &str) -> Vec<String> {
    run_parsed(text).into_iter().map(|q| q.1).collect()
}

/// Whether a quote of `qs` has speaker `who` and cue `cue`.
fn attributed(qs: &[(String, String, String, QuoteKind)], who: &str, cue: &str) -> bool {
    qs.iter().any(|q| q.1 == who && q.2 == cue)
}

fn run_parsed(text: &str) -> Vec<(String, String, String, QuoteKind)> {
    use newsgraph_core::Pipeline;
    let mut doc = Document::from_text("t", text);
    Pipeline::new()
        .with(newsgraph_text::SentenceSplitter)
        .with(newsgraph_text::Tokenizer)
        .with(newsgraph_text::Tagger::new().expect("shipped tagger"))
        .with(newsgraph_text::ParserStage::new().expect("shipped parser"))
        .run(&mut doc);
    let x = QuoteExtractor::new().unwrap().with_filter(None);
    x.extract(&doc)
        .into_iter()
        .map(|q| {
            (
                doc.slice(q.content).to_string(),
                q.speaker_span
                    .map(|s| doc.slice(s).to_string())
                    .unwrap_or_default(),
                q.cue.map(|s| doc.slice(s).to_string()).unwrap_or_default(),
                q.kind,
            )
        })
        .collect()
}

#[test]
fn verb_list_parses() {
    let v = Verbs::embedded().unwrap();
    assert!(v.len() > 50);
    assert_eq!(v.get("say"), Some(Complement::Obj));
    assert_eq!(v.get("add"), Some(Complement::Clause));
    assert!(Verbs::parse("say\tshout\n").is_err());
    assert!(Verbs::parse("say\tclause\nsay\tclause\n").is_err());
}

#[test]
fn complement_clause_of_a_reporting_verb_is_the_content() {
    // "speculate" is not in the cue lexicon: only the dependency rule finds it
    let qs = run_parsed("The senator speculated that voters would forgive the delay.");
    assert!(
        qs.iter().any(|q| q.2 == "speculated"
            && q.1 == "The senator"
            && q.0 == "that voters would forgive the delay"
            && q.3 == QuoteKind::Indirect),
        "{qs:?}"
    );
    // without the parse the sentence has no cue
    assert!(run("The senator speculated that voters would forgive the delay.").is_empty());
}

#[test]
fn object_of_an_evaluative_verb_is_the_content() {
    let qs = run_parsed("Officials praised the new budget.");
    assert!(
        qs.iter()
            .any(|q| q.0 == "the new budget" && q.1 == "Officials" && q.2 == "praised"),
        "{qs:?}"
    );
}

#[test]
fn name_and_colon_opening_a_line_is_an_attribution() {
    let qs = run("Harper: Tax Cuts Will Pay For Themselves\n\nThe vote is on Friday.");
    assert!(
        qs.iter()
            .any(|q| q.0 == "Tax Cuts Will Pay For Themselves" && q.1 == "Harper" && q.2 == ":"),
        "{qs:?}"
    );
    let qs = run("Update: The vote has been moved to Friday.");
    assert!(qs.is_empty(), "{qs:?}");
}

#[test]
fn every_cue_example_finds_its_own_cue() {
    let x = QuoteExtractor::new().unwrap().with_filter(None);
    let mut failures = Vec::new();
    for e in x
        .lexicon()
        .entries()
        .iter()
        .filter(|e| !e.example.is_empty())
    {
        let want = e.words.join(" ");
        let found = run(&e.example)
            .iter()
            .any(|q| q.2.to_lowercase() == want && !q.0.is_empty());
        if !found {
            failures.push(format!("{want}: {}", e.example));
        }
    }
    assert!(
        failures.is_empty(),
        "{} examples fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn a_verb_and_colon_before_a_quote_is_its_attribution() {
    let qs = run_parsed("The chairman fumed: \"This is the worst budget in a decade.\"");
    assert!(
        qs.iter()
            .any(|q| q.0 == "This is the worst budget in a decade."
                && q.1 == "The chairman"
                && q.2 == "fumed"),
        "{qs:?}"
    );
}

#[test]
fn auxiliaries_between_speaker_and_cue_join_the_cue() {
    let qs = run("The mayor has also said that the roads would reopen soon.");
    assert!(
        qs.iter()
            .any(|q| q.2 == "has also said" && q.1 == "The mayor"),
        "{qs:?}"
    );
}

#[test]
fn a_statement_named_after_the_cue_joins_it() {
    let qs = run("The ministry said in a statement that the border would stay closed.");
    assert!(
        qs.iter().any(|q| q.2 == "said in a statement"
            && q.1 == "The ministry"
            && q.0.ends_with("the border would stay closed")),
        "{qs:?}"
    );
}

#[test]
fn a_raising_verb_of_appearance_reports_without_a_source() {
    let qs = run_parsed("The new coalition seemed to be losing support in the north.");
    let q = qs.iter().find(|q| q.2 == "seemed");
    assert!(
        q.is_some_and(|q| q.1.is_empty() && q.0.contains("losing support")),
        "{qs:?}"
    );
}

#[test]
fn a_speaker_keeps_its_apposition_and_title() {
    let qs = run_parsed("The governor, a former prosecutor, said that the budget would pass.");
    assert!(
        qs.iter()
            .any(|q| q.1 == "The governor, a former prosecutor," && q.2 == "said"),
        "{qs:?}"
    );
    // at the end of the sentence the apposition has no closing comma
    let qs = run_parsed("\"The budget will pass,\" said Anna Berg, a former prosecutor.");
    assert!(
        qs.iter()
            .any(|q| q.1 == "Anna Berg, a former prosecutor" && q.2 == "said"),
        "{qs:?}"
    );
}

#[test]
fn a_speaker_keeps_the_title_before_the_name() {
    for (text, speaker) in [
        (
            "Former state treasurer Anna Berg said the budget would pass.",
            "Former state treasurer Anna Berg",
        ),
        (
            "Republican presidential candidate Tom Weller says the plan will fail.",
            "Republican presidential candidate Tom Weller",
        ),
    ] {
        let qs = run_parsed(text);
        assert!(qs.iter().any(|q| q.1 == speaker), "{text}: {qs:?}");
    }
}

#[test]
fn a_sentence_adverb_between_commas_is_not_the_speakers() {
    let qs = run_parsed("Anna Berg, meanwhile, said that the budget would pass.");
    assert!(qs.iter().any(|q| q.1 == "Anna Berg"), "{qs:?}");
}

#[test]
fn a_direct_quote_finds_a_speaker_with_an_apposition_before_the_cue() {
    let text =
        "“We are not done yet,” Anna Berg, director of research at a polling firm, said on Monday.";
    let qs = run(text);
    assert!(
        qs.iter()
            .any(|q| q.1 == "Anna Berg" && q.2 == "said" && q.3 == QuoteKind::Direct),
        "{qs:?}"
    );
    let qs = run_parsed(text);
    assert!(
        qs.iter().any(
            |q| q.1 == "Anna Berg, director of research at a polling firm,"
                && q.2 == "said"
                && q.3 == QuoteKind::Direct
        ),
        "{qs:?}"
    );
}

#[test]
fn every_reporting_verb_example_is_found_by_the_dependency_rule() {
    let verbs = Verbs::embedded().unwrap();
    assert!(!verbs.examples().is_empty());
    let mut failed = Vec::new();
    for (lemma, example) in verbs.examples() {
        let stem = lemma.trim_end_matches(['e', 'y']);
        let qs = run_parsed(example);
        if !qs
            .iter()
            .any(|q| q.2.to_lowercase().contains(stem) && !q.0.is_empty())
        {
            failed.push(format!("{lemma}: {example}: {qs:?}"));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn a_lemma_cut_short_finds_its_verb() {
    let verbs = Verbs::parse("decline\tinf\nblast\tobj\n").unwrap();
    assert_eq!(verbs.get("declin"), Some(Complement::Inf));
    assert_eq!(verbs.get("blaste"), Some(Complement::Obj));
    assert_eq!(verbs.get("blas"), None);
}

#[test]
fn an_impersonal_expectation_has_two_pieces_and_no_source() {
    let qs = run_parsed("The central bank is widely expected to raise rates at its next meeting.");
    let pieces: Vec<_> = qs.iter().filter(|q| q.2 == "is widely expected").collect();
    assert!(
        pieces.iter().any(|q| q.0 == "The central bank")
            && pieces
                .iter()
                .any(|q| q.0 == "to raise rates at its next meeting")
            && pieces.iter().all(|q| q.1.is_empty()),
        "{qs:?}"
    );
}

#[test]
fn noun_list_parses_and_refuses_bad_lines() {
    let v = Verbs::embedded().unwrap();
    assert!(v.is_noun("criticism") && !v.is_noun("said"));
    assert!(v.noun_examples().len() > 20);
    let bad = Verbs::default().with_nouns("claim\n").unwrap_err();
    assert_eq!(bad.line, 1);
    assert!(Verbs::default()
        .with_nouns("claim\tA.\nclaim\tB.\n")
        .is_err());
}

#[test]
fn every_reporting_noun_example_is_found_by_the_dependency_rule() {
    let verbs = Verbs::embedded().unwrap();
    let mut failed = Vec::new();
    for (lemma, example) in verbs.noun_examples() {
        let qs = run_parsed(example);
        if !qs
            .iter()
            .any(|q| q.2.to_lowercase().starts_with(lemma.as_str()) && !q.0.is_empty())
        {
            failed.push(format!("{lemma}: {example}: {qs:?}"));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn a_reporting_noun_takes_its_possessor_as_source() {
    let qs = run_parsed("The governor's criticism of the new highway angered the builders.");
    assert!(
        qs.iter()
            .any(|q| q.0 == "the new highway" && q.1 == "The governor's" && q.2 == "criticism of"),
        "{qs:?}"
    );
    let qs = run_parsed("Despite his claim that the ballots were lost, the count went on.");
    assert!(
        qs.iter()
            .any(|q| q.0.starts_with("that the ballots were lost")
                && q.1 == "his"
                && q.2 == "claim"),
        "{qs:?}"
    );
}

#[test]
fn a_reporting_noun_without_a_holder_keeps_only_its_topic_prepositions() {
    // "the support of millions" names who supports, not what is supported
    let qs = run_parsed("The plan won the support of millions of farmers.");
    assert!(!qs.iter().any(|q| q.2.starts_with("support")), "{qs:?}");
    let qs = run_parsed("Calls for a recount grew louder on Friday.");
    assert!(
        qs.iter()
            .any(|q| q.0 == "a recount" && q.1.is_empty() && q.2 == "Calls for"),
        "{qs:?}"
    );
}

#[test]
fn a_speaker_opening_with_a_time_expression_keeps_what_follows_it() {
    use newsgraph_core::Span;
    let text = "Friday on the morning show, Senator Jane Roe said it.";
    let sp = Span::new(0, 44);
    let got = super::without_time_lead(text, sp).unwrap();
    assert_eq!(&text[got.start..got.end], "Senator Jane Roe");
    let text = "Sunday said it.";
    assert!(super::without_time_lead(text, Span::new(0, 6)).is_none());
    let text = "This phony fact check said it.";
    let sp = Span::new(0, 21);
    assert_eq!(super::without_time_lead(text, sp), Some(sp));
}

#[test]
fn a_speaker_loses_a_clause_opener() {
    use newsgraph_core::Span;
    let text = "after her campaign said it.";
    let got = super::tidy_speaker(text, Span::new(0, 18)).unwrap();
    assert_eq!(&text[got.start..got.end], "her campaign");
    let text = "Asa Hutchinson said it.";
    assert_eq!(
        super::tidy_speaker(text, Span::new(0, 13)),
        Some(Span::new(0, 13))
    );
}

#[test]
fn a_speaker_ends_before_a_verb_or_a_day_the_patterns_took() {
    use newsgraph_core::Pipeline;
    let mut doc = Document::from_text(
        "t",
        "The Kentucky senator on Tuesday said the bill would fail.",
    );
    Pipeline::new()
        .with(newsgraph_text::SentenceSplitter)
        .with(newsgraph_text::Tokenizer)
        .with(newsgraph_text::Tagger::new().expect("shipped tagger"))
        .with(newsgraph_text::ParserStage::new().expect("shipped parser"))
        .run(&mut doc);
    let parse = super::Parse::new(&doc);
    let text = doc.text.as_str();
    let end = text.find(" said").unwrap();
    let got = parse.without_tail(newsgraph_core::Span::new(0, end));
    assert_eq!(&text[got.start..got.end], "The Kentucky senator");
}

#[test]
fn a_heading_before_a_colon_is_no_speaker() {
    for t in [
        "Fewer Ships for the Navy: The number of ships in service has fallen by a third since 2010.",
        "Help for Flood Victims: Farmers in the east expect to lose half of their wheat this year.",
    ] {
        let qs = run_parsed(t);
        assert!(qs.iter().all(|q| q.2 != ":"), "{t}: {qs:?}");
    }
    let qs = run_parsed("Harper: Tax cuts will pay for themselves within a decade.");
    assert!(attributed(&qs, "Harper", ":"), "{qs:?}");
}

#[test]
fn an_adverbial_in_front_of_the_speaker_is_left_out() {
    let s = speakers(
        "At a rally Tuesday in Mombasa, Odinga promised that the new port would open next year.",
    );
    assert!(s.iter().any(|x| x == "Odinga"), "{s:?}");
    let s = speakers("The vote came shortly after Ruto said the budget would be cut by a tenth.");
    assert!(s.iter().any(|x| x == "Ruto"), "{s:?}");
    let s = speakers(
        "NAIROBI, March 3 (Agency) — Former President Mwai Kibaki said the talks had failed.",
    );
    assert!(
        s.iter().any(|x| x == "Former President Mwai Kibaki"),
        "{s:?}"
    );
}

#[test]
fn a_list_of_speakers_keeps_its_first_members() {
    use newsgraph_core::Pipeline;
    let text = "The army advanced as Kenya, Uganda and Tanzania watched.";
    let mut doc = Document::from_text("t", text);
    Pipeline::new()
        .with(newsgraph_text::SentenceSplitter)
        .with(newsgraph_text::Tokenizer)
        .with(newsgraph_text::Tagger::new().expect("shipped tagger"))
        .with(newsgraph_text::ParserStage::new().expect("shipped parser"))
        .run(&mut doc);
    let parse = Parse::new(&doc);
    let at = |w: &str| text.find(w).unwrap();
    let list = Span::new(at("Kenya"), at(" watched"));
    assert_eq!(
        doc.slice(parse.without_adverbial_lead(list)),
        "Kenya, Uganda and Tanzania"
    );
    let led = Span::new(at("as Kenya"), at(" watched"));
    assert_eq!(
        doc.slice(parse.without_adverbial_lead(led)),
        "Kenya, Uganda and Tanzania"
    );
}

#[test]
fn a_dash_and_a_name_after_a_quote_credit_it() {
    let qs = run(
        "Readers wrote in.\n\n“The clinic closed and nobody told us why.” ― Amina Yusuf\n\n\
         “We waited three hours for a bus.” — Tomas Ruiz, 41, a nurse",
    );
    assert!(
        qs.iter()
            .any(|q| q.0 == "The clinic closed and nobody told us why." && q.1 == "Amina Yusuf"),
        "{qs:?}"
    );
    assert!(attributed(&qs, "Tomas Ruiz", "—"), "{qs:?}");
    let qs = run("“The clinic closed,” ― and then the bus stopped running too, said the mayor.");
    assert!(qs.iter().all(|q| q.2 != "―"), "{qs:?}");
}

#[test]
fn a_cue_without_a_parsed_subject_takes_the_noun_phrase_before_it() {
    let qs = run_parsed("In July, the NUM called for a moratorium on new mines.");
    assert!(attributed(&qs, "the NUM", "called for"), "{qs:?}");
    let qs = run_parsed("In March, the ceasefire seemed to hold across the region.");
    assert!(qs.iter().all(|q| q.1 != "the ceasefire"), "{qs:?}");
}

#[test]
fn a_bracket_after_the_speakers_name_stays_with_it() {
    let qs = run("\"The budget is a disgrace,\" Sen. Maria Lopez (D-N.M.) said Friday.");
    assert!(
        attributed(&qs, "Sen. Maria Lopez (D-N.M.)", "said"),
        "{qs:?}"
    );
    let qs = run("\"We will vote no,\" Rep. Tom Hale (R-Ohio) told reporters.");
    assert!(qs.iter().any(|q| q.1 == "Rep. Tom Hale (R-Ohio)"), "{qs:?}");
}

#[test]
fn a_quoted_transcript_line_names_its_speaker_inside_the_marks() {
    let qs = run(
        "The exchange went as follows.\n\n\"HOST: Will you run again next year?\n\n\
         \"OKAFOR: I have not decided, and I will not decide before the summer.\"",
    );
    assert!(
        qs.iter()
            .any(|q| q.1 == "OKAFOR" && q.2 == ":" && q.0.starts_with("I have not decided")),
        "{qs:?}"
    );
    assert!(qs.iter().any(|q| q.1 == "HOST"), "{qs:?}");
}

#[test]
fn a_short_utterance_standing_alone_is_a_direct_quote() {
    let qs = run("The minister left early.\n\n\"We will win,\" she said.");
    assert!(
        qs.iter()
            .any(|q| q.0 == "We will win," && q.1 == "she" && q.3 == QuoteKind::Direct),
        "{qs:?}"
    );
    let qs = run("Critics called the plan a \"quick fix,\" the minister said.");
    assert!(qs.iter().all(|q| q.3 != QuoteKind::Direct), "{qs:?}");
}

#[test]
fn a_speakers_title_and_hyphenated_name_stay_whole() {
    let s =
        speakers("British Prime Minister Ellen Hart said this week that the country would leave.");
    assert!(
        s.iter().any(|x| x == "British Prime Minister Ellen Hart"),
        "{s:?}"
    );
    let s =
        speakers("Secretary General Ban Ki-moon condemned what he called a breach of the truce.");
    assert!(
        s.iter().any(|x| x == "Secretary General Ban Ki-moon"),
        "{s:?}"
    );
}

#[test]
fn a_title_abbreviation_before_the_speaker_ends_no_sentence() {
    let qs = run("\"The bridge must be rebuilt,\" the Rev. Samuel Osei said on Sunday.");
    assert!(
        qs.iter()
            .any(|q| q.1 == "the Rev. Samuel Osei" && q.3 == QuoteKind::Direct),
        "{qs:?}"
    );
}

#[test]
fn a_reported_clause_before_the_cue_survives_a_long_adverbial_after_it() {
    let qs = run_parsed(
        "The new port levy is a tax on every farmer in the valley, regional growers said \
         Tuesday evening, as they gathered outside the customs office in the old town.",
    );
    assert!(
        qs.iter().any(
            |q| q.0 == "The new port levy is a tax on every farmer in the valley"
                && q.1 == "regional growers"
        ),
        "{qs:?}"
    );
    // a verb before the comma after the cue reads forward
    let qs = run_parsed(
        "Although the harvest failed, officials said the cooperative would pay its debts, \
         as it had every year.",
    );
    assert!(
        qs.iter().all(|q| q.0 != "Although the harvest failed"),
        "{qs:?}"
    );
}

#[test]
fn a_dateline_is_no_part_of_the_content() {
    let qs = run_parsed(
        "KAMPALA ― The ban on night buses will be lifted next month, transport officials said \
         on Friday.",
    );
    assert!(
        qs.iter()
            .any(|q| q.0 == "The ban on night buses will be lifted next month"),
        "{qs:?}"
    );
}

#[test]
fn a_quote_ending_its_sentence_takes_no_cue_that_reports_more() {
    let qs = run_parsed(
        "The mayor toured the dam on Monday. \"The real test is the rainy season.\" \
         Governor Ana Ruiz said it would be \"reckless\" to reopen the valley road before March.",
    );
    assert!(
        qs.iter()
            .all(|q| !(q.3 == QuoteKind::Direct && q.1 == "Governor Ana Ruiz")),
        "{qs:?}"
    );
    assert!(
        qs.iter()
            .any(|q| q.1 == "Governor Ana Ruiz" && q.3 == QuoteKind::Mixed),
        "{qs:?}"
    );
    // a cue with nothing reported after it still credits the quote
    let qs = run_parsed("\"The real test is the rainy season.\" Governor Ana Ruiz said on Friday.");
    assert!(
        qs.iter()
            .any(|q| q.1 == "Governor Ana Ruiz" && q.3 == QuoteKind::Direct),
        "{qs:?}"
    );
}

#[test]
fn a_verb_of_finding_reports_only_a_that_clause() {
    let qs = run("The survey found that most tenants pay a third of their income in rent.");
    assert!(
        qs.iter().any(|q| q.1 == "The survey" && q.2 == "found"),
        "{qs:?}"
    );
    let qs = run("Divers found the wreck of the ferry near the northern reef on Sunday.");
    assert!(qs.iter().all(|q| q.2 != "found"), "{qs:?}");
}

#[test]
fn an_adverbial_clause_after_the_cue_is_not_what_was_said() {
    let qs = run_parsed(
        "\"We will not sign,\" the foreign minister said. The prime minister said Friday as \
         he entered the summit hall.",
    );
    assert!(
        qs.iter().all(|q| !q.0.contains("entered the summit hall")),
        "{qs:?}"
    );
}

#[test]
fn a_verb_cue_read_as_a_noun_is_no_cue() {
    let qs = run_parsed(
        "The farm vote in several northern states could decide a close election next spring.",
    );
    assert!(qs.iter().all(|q| q.2 != "states"), "{qs:?}");
}

#[test]
fn according_to_after_a_dash_or_with_a_cue_word_in_the_source() {
    let qs = run_parsed(
        "And nearly half of the grain never reached the market — according to the farmers' \
         union.",
    );
    assert!(
        qs.iter().any(
            |q| q.0 == "nearly half of the grain never reached the market"
                && q.1 == "the farmers' union"
        ),
        "{qs:?}"
    );
    let qs = run_parsed(
        "The coach shouted at the players after every loss, according to show insiders.",
    );
    assert!(
        qs.iter().any(|q| q.1 == "show insiders"
            && q.0 == "The coach shouted at the players after every loss"),
        "{qs:?}"
    );
}

#[test]
fn a_quote_after_reported_speech_in_its_paragraph_continues_it() {
    let qs = run_parsed(
        "The curator said the exhibit mattered because \"few visitors know the story,\" she \
         said. \"We cannot understand the present without it.\"",
    );
    assert!(
        qs.iter().any(|q| q.3 == QuoteKind::Direct
            && q.0.starts_with("We cannot understand")
            && !q.1.is_empty()),
        "{qs:?}"
    );
}

#[test]
fn an_apposition_of_three_commas_before_the_cue() {
    let qs = run_parsed(
        "\"The levy is unlawful,\" Maria Okafor, the attorney general of Lagos, one of the \
         states suing the ministry, said at a hearing this month.",
    );
    assert!(
        qs.iter()
            .any(|q| q.3 == QuoteKind::Direct && q.1.starts_with("Maria Okafor")),
        "{qs:?}"
    );
}

#[test]
fn a_gerund_after_called_for_is_the_content() {
    let qs = run_parsed("The governor called for cutting the fuel tax before the winter.");
    assert!(
        qs.iter().any(|q| q.1 == "The governor"
            && q.2 == "called for"
            && q.0.starts_with("cutting the fuel tax")),
        "{qs:?}"
    );
}

#[test]
fn a_speaker_starts_after_a_closing_mark_and_ends_before_a_relative_time() {
    let text = "Morning Report,” Governor Ruth Adeyemi";
    let sp = tidy_speaker(text, Span::new(0, text.len())).map(|s| &text[s.start..s.end]);
    assert_eq!(sp, Some("Governor Ruth Adeyemi"));
    let qs =
        run_parsed("The Northern Mill Company this month announced it would close two plants.");
    assert!(
        qs.iter().any(|q| q.1 == "The Northern Mill Company"),
        "{qs:?}"
    );
}

#[test]
fn the_speaker_before_a_parenthetical_phrase() {
    let qs = run_parsed(
        "Okafor, speaking to farmers in the delta, said that the dam would be finished by June.",
    );
    assert!(
        qs.iter().any(|q| q.1 == "Okafor" && q.2 == "said"),
        "{qs:?}"
    );
    // a clause between the commas is no parenthetical of the speaker
    let qs = run_parsed(
        "After the vote, two junior ministers urged him to resign, arguing that the party \
         would lose.",
    );
    assert!(qs.iter().all(|q| !q.1.contains("urged")), "{qs:?}");
}

#[test]
fn a_subject_after_the_cue_belongs_to_the_reported_clause() {
    for text in [
        "Mensah, speaking to a farmers group in Accra, said the tariffs would be reviewed.",
        "Mensah, speaking to a farmers group in Accra, said he would order a review.",
    ] {
        let qs = run_parsed(text);
        assert!(
            qs.iter().any(|q| q.1 == "Mensah" && q.2 == "said"),
            "{text}: {qs:?}"
        );
    }
    let qs = run_parsed(
        "Adeyemi -- co-author of Fields of Salt, a study of the delta's farms -- said the \
         minister tended to make promises at those meetings, such as his pledge that no farm \
         would close.",
    );
    assert!(
        qs.iter().all(|q| !q.1.starts_with("the minister")),
        "{qs:?}"
    );
    // the inverted order still works
    let qs = run_parsed("The tariffs will be reviewed, said Mensah.");
    assert!(qs.iter().any(|q| q.1 == "Mensah"), "{qs:?}");
}

#[test]
fn a_dateline_with_a_spaced_hyphen_and_an_editorial_label_are_no_attribution() {
    let qs = run_parsed(
        "NAIROBI - The ban on night buses will be lifted next month, transport officials said \
         on Friday.",
    );
    assert!(
        qs.iter()
            .any(|q| q.0 == "The ban on night buses will be lifted next month"),
        "{qs:?}"
    );
    let qs = run_parsed(
        "CLARIFICATION: The first paragraph has been changed to show that the mayor wants a \
         review.",
    );
    assert!(qs.iter().all(|q| q.1 != "CLARIFICATION"), "{qs:?}");
}

#[test]
fn a_headline_colon_credits_a_finding_to_its_source() {
    let qs = run_parsed(
        "Poll: Farmers Expect Lower Prices for Grain This Autumn.\n\nThe poll of 900 farmers \
         was taken in May. Most said costs had risen. Few expected help.",
    );
    assert!(attributed(&qs, "Poll", ":"), "{qs:?}");
    // A heading with a preposition names no source, with or without tags.
    let qs = run(
        "Water Over Wine: The Town Council Votes to Close Two Bars Early.\n\nThe vote was \
         close. The bars will appeal. The council meets again in June.",
    );
    assert!(!qs.iter().any(|q| q.2 == ":"), "{qs:?}");
}

#[test]
fn a_title_case_headline_reads_its_cue() {
    let qs = run_parsed(
        "Mayor Hid Budget Shortfall From Council, Former City Auditor Says.\n\nThe auditor \
         spoke on Monday. The mayor denied it. The council will meet on Friday.",
    );
    assert!(attributed(&qs, "Former City Auditor", "Says"), "{qs:?}");
}

#[test]
fn a_paragraph_ending_in_cue_and_colon_introduces_the_next_quote() {
    let qs = run_parsed(
        "The minister spoke at length on Monday. He said:\n\n\"We will not give up the port. The \
         talks are over.\"\n\nThe talks resume next week.",
    );
    assert!(
        qs.iter()
            .any(|q| q.0.starts_with("We will not give up the port")
                && q.1 == "He"
                && q.2 == "said"
                && q.3 == QuoteKind::Direct),
        "{qs:?}"
    );
}

#[test]
fn a_capitalised_reporting_word_inside_a_name_is_not_the_cue() {
    // "States" (a reporting verb's form) inside "United States" does not end the apposition
    let qs = run_parsed(
        "\"The strategy is very clear,\" Mark Hale, a former United States ambassador to \
         Chile, said.",
    );
    assert!(
        qs.iter().any(|q| q.0 == "The strategy is very clear,"
            && q.1.starts_with("Mark Hale")
            && q.2 == "said"
            && q.3 == QuoteKind::Direct),
        "{qs:?}"
    );
}

#[test]
fn a_participle_naming_its_noun_is_no_report() {
    let qs = run_parsed(
        "A group called the Coalition sued the city. The scheme, called Green Path, sells \
         permits.",
    );
    assert!(!qs.iter().any(|q| q.2 == "called"), "{qs:?}");
    // the finite verb still reports
    let qs = run_parsed("The mayor called the plan a disaster.");
    assert!(attributed(&qs, "The mayor", "called"), "{qs:?}");
}

#[test]
fn a_speaker_is_no_clause_that_governs_its_cue() {
    let qs = run_parsed(
        "South African President Jacob Zuma, who chairs the Southern African Development \
         Community (SADC), welcomed the resignation and said the bloc would support a peaceful \
         transition.",
    );
    assert!(
        qs.iter()
            .any(|q| q.2 == "said" && !q.1.contains("welcomed") && q.1.contains("Zuma")),
        "{qs:?}"
    );
    let qs = run_parsed(
        "Human Rights Watch puts the toll at more than 12,000 and accuses officers of \
         executing suspects.",
    );
    assert!(
        qs.iter()
            .any(|q| q.2 == "accuses" && q.1 == "Human Rights Watch"),
        "{qs:?}"
    );
    let qs = run_parsed(
        "In March, three farm unions signed a pact with the ministry, saying the grain price \
         was still too low.",
    );
    assert!(
        qs.iter()
            .any(|q| q.2 == "saying" && q.1 == "three farm unions"),
        "{qs:?}"
    );
}

#[test]
fn a_that_clause_the_parse_hangs_on_the_day_is_the_content() {
    let qs = run_parsed(
        "MANILA — President Rodrigo Duterte said on Wednesday that the Philippines would \
         withdraw from the International Criminal Court (ICC), a month after the court's \
         prosecutor opened a preliminary examination.",
    );
    assert!(
        qs.iter()
            .any(|q| q.2 == "said" && q.0.starts_with("that the Philippines would withdraw")),
        "{qs:?}"
    );
}

#[test]
fn a_party_and_state_label_between_commas_ends_no_sentence() {
    let qs = run("\"The plan will fail,\" Jane Doe, D-Calif., said.");
    assert!(
        qs.iter().any(|q| q.0 == "The plan will fail,"
            && q.1.starts_with("Jane Doe")
            && q.3 == QuoteKind::Direct),
        "{qs:?}"
    );
}

#[test]
fn a_participle_cue_after_a_comma_starts_an_attribution_of_its_own() {
    let qs = run_parsed(
        "The governor said she would not sign the bill, insisting that the state could not \
         afford it.",
    );
    assert!(
        qs.iter()
            .any(|q| q.2 == "said" && q.0 == "she would not sign the bill"),
        "{qs:?}"
    );
    assert!(
        qs.iter().any(|q| q.2 == "insisting"
            && q.1 == "The governor"
            && q.0 == "that the state could not afford it"),
        "{qs:?}"
    );
}

#[test]
fn a_second_reporting_verb_joined_to_the_content_is_the_speakers() {
    let qs = run_parsed(
        "The farmers union said that prices were too low and urged the ministry to buy the \
         surplus grain.",
    );
    assert!(
        qs.iter()
            .any(|q| q.2 == "said" && q.0 == "that prices were too low"),
        "{qs:?}"
    );
    assert!(attributed(&qs, "The farmers union", "urged"), "{qs:?}");
}

#[test]
fn a_learned_cue_leaves_a_reporting_noun_object_its_attribution() {
    let qs = run_parsed("The court heard the union's complaint that its members had been fired.");
    assert!(
        qs.iter()
            .any(|q| q.2 == "complaint" && q.0 == "that its members had been fired"),
        "{qs:?}"
    );
    assert!(!qs.iter().any(|q| q.2 == "heard"), "{qs:?}");
}

#[test]
fn a_passive_report_has_its_subject_for_content_and_its_agent_for_source() {
    let qs = run_parsed("The new budget was criticized by opposition lawmakers.");
    assert!(
        qs.iter()
            .any(|q| q.0 == "The new budget" && q.1 == "opposition lawmakers"),
        "{qs:?}"
    );
    // no agent: no source, and the subject is not taken for one
    let qs = run_parsed("The ceasefire was announced on Monday.");
    assert!(
        qs.iter()
            .any(|q| q.0 == "The ceasefire" && q.1.is_empty() && q.2 == "was announced"),
        "{qs:?}"
    );
    // an addressee's passive reports the clause, not the addressee
    let qs = run_parsed("The minister was told that the talks had failed.");
    assert!(!qs.iter().any(|q| q.0 == "The minister"), "{qs:?}");
}

#[test]
fn the_attribution_filter_drops_what_it_scores_below_its_threshold() {
    let mut doc = Document::from_text(
        "t",
        "\"We will not leave,\" Obama told reporters on Monday.\n\nThe mayor said that the \
         roads would reopen soon.",
    );
    newsgraph_text::SentenceSplitter.annotate(&mut doc);
    let x = QuoteExtractor::new().unwrap().with_filter(None);
    assert_eq!(x.extract(&doc).len(), 2);
    // a model that scores every find below its threshold keeps none; one that rejects only
    // direct quotes keeps the reported speech
    let none = CueDetector::parse("bias\t-1.0\nthreshold\t0.0\n").unwrap();
    let x = x.with_filter(Some(none));
    assert!(x.extract(&doc).is_empty());
    let no_direct = CueDetector::parse("bias\t1.0\nkind=d\t-2.0\nthreshold\t0.0\n").unwrap();
    let x = QuoteExtractor::new().unwrap().with_filter(Some(no_direct));
    let qs = x.extract(&doc);
    assert_eq!(qs.len(), 1);
    assert_eq!(qs[0].kind, QuoteKind::Indirect);
}

#[test]
fn a_stance_verb_with_an_infinitive_or_an_object_and_infinitive_is_an_attribution() {
    // "X expects Y to ...", "X hopes to ...": the wider `obj` frame of verbs.tsv
    let qs = run_parsed("Most economists expect the central bank to raise rates in March.");
    assert!(
        qs.iter().any(|q| q.1 == "Most economists"
            && q.2 == "expect"
            && q.0.contains("the central bank to raise rates")),
        "{qs:?}"
    );
    let qs = run_parsed("The governor hopes to sign the budget before the recess.");
    assert!(
        qs.iter()
            .any(|q| q.1 == "The governor" && q.0.starts_with("to sign the budget")),
        "{qs:?}"
    );
    // the day after the verb is no content when a clause before it is
    let qs = run_parsed("The border will reopen next week, the ministry said on Monday.");
    assert!(
        qs.iter()
            .any(|q| q.0 == "The border will reopen next week" && q.1 == "the ministry"),
        "{qs:?}"
    );
    assert!(qs.iter().all(|q| q.0 != "Monday"), "{qs:?}");
}
