//! Unit tests of the tagger: one table per kind of expression, each row with its anchor date.

use super::*;

fn dct(s: &str) -> Option<Date> {
    Date::parse_iso(s).ok()
}

/// (text, value, type) of every expression found in `text` as one sentence.
fn tag(text: &str, anchor: Option<Date>) -> Vec<(String, String, &'static str)> {
    TimeTagger::new()
        .tag(text, anchor, &[], &[])
        .into_iter()
        .map(|t| (t.span.slice(text).to_string(), t.value, t.kind.as_str()))
        .collect()
}

/// One table row: anchor date, sentence, expected (expression, value) pairs in order.
type Row<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

/// Checks every row and reports all failures at once.
fn check(rows: &[Row]) {
    let mut failures = Vec::new();
    for (anchor, text, want) in rows {
        let got: Vec<(String, String)> = tag(text, dct(anchor))
            .into_iter()
            .map(|(t, v, _)| (t, v))
            .collect();
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(t, v)| (t.to_string(), v.to_string()))
            .collect();
        if got != want {
            failures.push(format!(
                "{anchor} {text:?}\n   got  {got:?}\n   want {want:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn absolute_dates() {
    check(&[
        (
            "2014-11-27",
            "It happened on November 17, 2014.",
            &[("November 17, 2014", "2014-11-17")],
        ),
        (
            "2014-11-27",
            "It happened on Nov. 17, 2014.",
            &[("Nov. 17, 2014", "2014-11-17")],
        ),
        (
            "2014-11-27",
            "It happened on 17 November 2014.",
            &[("17 November 2014", "2014-11-17")],
        ),
        (
            "2014-11-27",
            "It happened on the 17th of November, 2014.",
            &[("the 17th of November, 2014", "2014-11-17")],
        ),
        (
            "2014-11-27",
            "Filed 2014-11-17 in Moscow.",
            &[("2014-11-17", "2014-11-17")],
        ),
        (
            "2014-11-27",
            "Filed 11/17/2014 in Moscow.",
            &[("11/17/2014", "2014-11-17")],
        ),
        (
            "2014-11-27",
            "On Monday, November 17, 2014, he left.",
            &[("Monday, November 17, 2014", "2014-11-17")],
        ),
        (
            "2014-11-27",
            "It was agreed in August 2013.",
            &[("August 2013", "2013-08")],
        ),
        ("2014-11-27", "It was agreed in 2013.", &[("2013", "2013")]),
        (
            "2014-11-27",
            "It was agreed in fiscal 2013.",
            &[("fiscal 2013", "2013")],
        ),
        (
            "2014-11-27",
            "Nov. 26th was cold.",
            &[("Nov. 26th", "2014-11-26")],
        ),
        // impossible dates are not dates
        ("2014-11-27", "The code 2014-02-30 is odd.", &[]),
    ]);
}

#[test]
fn underspecified_dates_take_the_dct_year_moved_by_tense() {
    check(&[
        (
            "2014-11-27",
            "Moscow pointed on November 17 to a report.",
            &[("November 17", "2014-11-17")],
        ),
        (
            "2014-12-10",
            "In an interview on December 9, Lavrov said so.",
            &[("December 9", "2014-12-09")],
        ),
        // year boundary: "in December" written in January means last December
        (
            "2015-01-10",
            "Talks broke down in December.",
            &[("December", "2014-12")],
        ),
        (
            "2015-01-10",
            "The law took effect on December 20.",
            &[("December 20", "2014-12-20")],
        ),
        // in a past-tense sentence written in November, December is last December
        (
            "2014-11-27",
            "The report was published in December.",
            &[("December", "2013-12")],
        ),
        // a future-tense sentence may look ahead
        (
            "2014-11-27",
            "The talks will resume in December.",
            &[("December", "2014-12")],
        ),
        (
            "2014-12-20",
            "Elections will be held in January.",
            &[("January", "2015-01")],
        ),
        // the same month stays in the DCT's year
        (
            "2014-11-27",
            "He met Putin in November.",
            &[("November", "2014-11")],
        ),
        // leap day: February 29 exists in 2016, not in 2015
        (
            "2016-03-05",
            "It was signed on February 29.",
            &[("February 29", "2016-02-29")],
        ),
        (
            "2015-03-05",
            "It was signed on February 29, 2016.",
            &[("February 29, 2016", "2016-02-29")],
        ),
    ]);
}

#[test]
fn plans_and_deadlines_reported_in_the_past_look_ahead() {
    check(&[
        // an infinitive after the reporting verb: the deadline may lie ahead
        (
            "1989-11-20",
            "They said they expect the sale to be completed by Dec. 15.",
            &[("Dec. 15", "1989-12-15")],
        ),
        // a deadline word does the same; January is nearer ahead than behind
        (
            "1989-11-20",
            "The directors declared a dividend, payable Jan. 2.",
            &[("Jan. 2", "1990-01-02")],
        ),
        // a plan verb with "to" still looks ahead for a weekday
        (
            "1998-09-30",
            "The team planned to leave Nairobi on Thursday.",
            &[("Thursday", "1998-10-01")],
        ),
        // "as soon as" and "is to" look ahead
        (
            "2000-04-03",
            "The group might come as soon as Tuesday.",
            &[("Tuesday", "2000-04-04")],
        ),
        (
            "1989-10-30",
            "The stock is to resume trading Tuesday.",
            &[("Tuesday", "1989-10-31")],
        ),
        // a present-tense clause takes the nearest occurrence
        (
            "1989-11-20",
            "The offer is open through January.",
            &[("January", "1990-01")],
        ),
        // the present perfect speaks of the past: last October, not next
        (
            "1999-05-06",
            "Investigators have been searching for him since the Oct. 23 slaying.",
            &[("Oct. 23", "1998-10-23")],
        ),
        // a future clause does not jump a year for a date earlier in the DCT's month
        (
            "2000-01-15",
            "The court will rule on the order to return him by Jan. 14.",
            &[("Jan. 14", "2000-01-14")],
        ),
        // a past clause reaches back over the year boundary for a month far ahead
        (
            "1998-02-06",
            "Prices fell sharply in October.",
            &[("October", "1997-10")],
        ),
    ]);
}

#[test]
fn timeml_extents_and_report_periods() {
    check(&[
        // a hyphenated modifier is the expression; the article belongs to the noun
        (
            "1989-10-30",
            "The third-quarter loss was large.",
            &[("third-quarter", "1989-Q3")],
        ),
        (
            "1989-10-30",
            "A factor in the third-quarter loss was the write-down.",
            &[("third-quarter", "1989-Q3")],
        ),
        // "of" with an amount after a quarter is not "of the century"
        (
            "1989-11-02",
            "It announced a loss for the third quarter of $226.3 million.",
            &[("the third quarter", "1989-Q3")],
        ),
        // approximators belong to the duration
        (
            "1998-03-01",
            "Talks have been cut off for nearly two years.",
            &[("nearly two years", "P2Y")],
        ),
        (
            "1989-10-30",
            "The plant will be closed over the next year or so, he said.",
            &[("the next year or so", "1990")],
        ),
        // "Earlier Friday" and "about 10:35 a.m.": the modifier stays outside
        (
            "2000-01-07",
            "Earlier Friday, lawyers filed a petition.",
            &[("Friday", "2000-01-07")],
        ),
        (
            "1998-08-07",
            "The blast occurred at about 10:35 a.m. in Nairobi.",
            &[("10:35 a.m.", "1998-08-07T10:35")],
        ),
        // "year-ago" compares with the period reported on, not with a past year
        (
            "1989-10-30",
            "Last year it earned $5 million. The year-ago results included a gain.",
            &[("Last year", "1988"), ("year-ago", "1988")],
        ),
        (
            "1989-10-30",
            "Net rose from the year-earlier third quarter.",
            &[("the year-earlier third quarter", "1988-Q3")],
        ),
        (
            "1989-10-30",
            "Sales in the latest period were $1.76 billion.",
            &[("the latest period", "1989-Q3")],
        ),
        (
            "1989-10-30",
            "It forecast an increase for the full year.",
            &[("the full year", "1989")],
        ),
        (
            "1989-10-30",
            "The merger should close by year-end.",
            &[("year-end", "1989")],
        ),
        (
            "1989-10-30",
            "They will sell junk bonds in the weeks ahead.",
            &[("the weeks ahead", "PXW")],
        ),
        (
            "1989-10-30",
            "It will placate holders in the short term.",
            &[("the short term", "FUTURE_REF")],
        ),
        (
            "1989-10-30",
            "In the past it considered a bid.",
            &[("the past", "PAST_REF")],
        ),
        (
            "1989-10-30",
            "The market has moved in recent years.",
            &[("recent years", "PXY")],
        ),
        // a 24-hour clock in four digits; a time on a holiday
        (
            "2014-11-27",
            "The strike happened at 0900 GMT.",
            &[("0900 GMT", "2014-11-27T09:00")],
        ),
        (
            "2014-11-27",
            "It was built in 1990 GMT style.",
            &[("1990", "1990")],
        ),
        (
            "2014-12-28",
            "The market closed at 4 p.m. on Christmas Eve.",
            &[("4 p.m. on Christmas Eve", "2014-12-24T16:00")],
        ),
        // frequencies
        (
            "2014-11-27",
            "They meet twice a week and three times a year.",
            &[("twice a week", "P1W"), ("three times a year", "P1Y")],
        ),
        // halves
        (
            "1998-02-27",
            "He served 2 1/2 years in prison.",
            &[("2 1/2 years", "P2Y6M")],
        ),
        (
            "1998-02-27",
            "The flight took five and a half hours.",
            &[("five and a half hours", "PT5H30M")],
        ),
        (
            "1998-02-27",
            "It lasted a minute and a half.",
            &[("a minute and a half", "PT1M30S")],
        ),
        // "the previous Friday" counts from the day last spoken of
        (
            "1989-10-30",
            "Stocks fell on Oct. 27, down from the previous Friday.",
            &[
                ("Oct. 27", "1989-10-27"),
                ("the previous Friday", "1989-10-20"),
            ],
        ),
        (
            "1989-10-30",
            "The deal was signed on Oct. 18 and closed the following Monday.",
            &[
                ("Oct. 18", "1989-10-18"),
                ("the following Monday", "1989-10-23"),
            ],
        ),
    ]);
}

#[test]
fn without_a_dct_years_stay_unresolved() {
    check(&[
        (
            "",
            "He arrived on November 17.",
            &[("November 17", "XXXX-11-17")],
        ),
        ("", "He arrived last week.", &[("last week", "XXXX-WXX")]),
        ("", "He arrived in December.", &[("December", "XXXX-12")]),
        (
            "",
            "He arrived on November 17, 2014.",
            &[("November 17, 2014", "2014-11-17")],
        ),
        ("", "He arrived yesterday.", &[("yesterday", "XXXX-XX-XX")]),
    ]);
}

#[test]
fn relative_expressions() {
    check(&[
        (
            "2014-11-27",
            "Lavrov said last week that talks failed.",
            &[("last week", "2014-W47")],
        ),
        // "last week" on a Monday is the week before the DCT's week
        (
            "2014-11-24",
            "Lavrov said last week that talks failed.",
            &[("last week", "2014-W47")],
        ),
        // and on a Sunday it is still the previous ISO week
        (
            "2014-11-30",
            "He left last week.",
            &[("last week", "2014-W47")],
        ),
        (
            "2015-01-02",
            "He left last week.",
            &[("last week", "2014-W52")],
        ),
        (
            "2014-11-27",
            "They met six weeks ago.",
            &[("six weeks ago", "2014-W42")],
        ),
        (
            "2014-11-27",
            "It began earlier this month.",
            &[("earlier this month", "2014-11")],
        ),
        (
            "2014-11-27",
            "Talks at the start of this year failed.",
            &[("the start of this year", "2014")],
        ),
        (
            "2014-11-27",
            "It rose over the past two years.",
            &[("the past two years", "P2Y")],
        ),
        (
            "2014-11-27",
            "They will meet next month.",
            &[("next month", "2014-12")],
        ),
        (
            "2014-11-27",
            "They meet this week.",
            &[("this week", "2014-W48")],
        ),
        (
            "2015-01-15",
            "Sales fell last month.",
            &[("last month", "2014-12")],
        ),
        (
            "2015-01-15",
            "Sales fell last year.",
            &[("last year", "2014")],
        ),
        (
            "2014-11-27",
            "He died two years ago.",
            &[("two years ago", "2012")],
        ),
        (
            "2014-11-27",
            "He died three days ago.",
            &[("three days ago", "2014-11-24")],
        ),
        (
            "2014-11-27",
            "It happened yesterday.",
            &[("yesterday", "2014-11-26")],
        ),
        (
            "2014-11-27",
            "It happens today.",
            &[("today", "2014-11-27")],
        ),
        (
            "2014-11-27",
            "It happens tomorrow.",
            &[("tomorrow", "2014-11-28")],
        ),
        (
            "2014-11-27",
            "They met yesterday (November 26) in Sochi.",
            &[("yesterday (November 26)", "2014-11-26")],
        ),
        (
            "2014-11-27",
            "It was better last November.",
            &[("last November", "2013-11")],
        ),
        (
            "2014-11-27",
            "Profits fell a year earlier.",
            &[("a year earlier", "2013")],
        ),
        (
            "2014-11-27",
            "It was done late last year.",
            &[("late last year", "2013")],
        ),
        (
            "2014-11-27",
            "It was done in mid-2013.",
            &[("mid-2013", "2013")],
        ),
        (
            "2014-11-27",
            "It was done at the end of 2013.",
            &[("the end of 2013", "2013")],
        ),
    ]);
}

#[test]
fn weekdays_resolve_to_the_nearest_past_one_unless_future() {
    check(&[
        // 2014-11-27 is a Thursday
        (
            "2014-11-27",
            "He said on Monday that...",
            &[("Monday", "2014-11-24")],
        ),
        (
            "2014-11-27",
            "He said Thursday that...",
            &[("Thursday", "2014-11-27")],
        ),
        (
            "2014-11-27",
            "He said Friday that...",
            &[("Friday", "2014-11-21")],
        ),
        (
            "2014-11-27",
            "He will arrive on Friday.",
            &[("Friday", "2014-11-28")],
        ),
        (
            "2014-11-27",
            "He left last Friday.",
            &[("last Friday", "2014-11-21")],
        ),
        (
            "2014-11-27",
            "He left last Thursday.",
            &[("last Thursday", "2014-11-20")],
        ),
        (
            "2014-11-27",
            "He will leave next Monday.",
            &[("next Monday", "2014-12-01")],
        ),
        (
            "2014-11-27",
            "He spoke Friday morning.",
            &[("Friday morning", "2014-11-21")],
        ),
    ]);
}

#[test]
fn seasons_quarters_decades_and_parts_of_a_year() {
    check(&[
        (
            "2014-11-27",
            "It happened this summer.",
            &[("this summer", "2014-SU")],
        ),
        (
            "2014-11-27",
            "It happened last winter.",
            &[("last winter", "2013-WI")],
        ),
        (
            "2014-11-27",
            "It happened in the summer of 2012.",
            &[("the summer of 2012", "2012-SU")],
        ),
        (
            "2014-11-27",
            "Profit rose in the third quarter.",
            &[("the third quarter", "2014-Q3")],
        ),
        (
            "2014-11-27",
            "Third-quarter profit rose.",
            &[("Third-quarter", "2014-Q3")],
        ),
        (
            "2014-11-27",
            "Profit rose in the fourth quarter of 2012.",
            &[("the fourth quarter of 2012", "2012-Q4")],
        ),
        (
            "2014-11-27",
            "Profit rose in Q2 2013.",
            &[("Q2 2013", "2013-Q2")],
        ),
        (
            "2014-11-27",
            "It grew in the first half of 2013.",
            &[("the first half of 2013", "2013-H1")],
        ),
        (
            "2014-11-27",
            "It was built in the 1990s.",
            &[("the 1990s", "199")],
        ),
        (
            "2014-11-27",
            "It was built in the '80s.",
            &[("the '80s", "198")],
        ),
        (
            "2014-11-27",
            "It was built in the 19th century.",
            &[("the 19th century", "18")],
        ),
    ]);
}

#[test]
fn durations_sets_times_and_references() {
    check(&[
        (
            "2014-11-27",
            "He waited six weeks.",
            &[("six weeks", "P6W")],
        ),
        (
            "2014-11-27",
            "He waited 24 hours.",
            &[("24 hours", "PT24H")],
        ),
        (
            "2014-11-27",
            "He signed a two-year deal.",
            &[("two-year", "P2Y")],
        ),
        (
            "2014-11-27",
            "The 47-year-old man left, aged 47 years old.",
            &[],
        ),
        (
            "2014-11-27",
            "He waited for several months.",
            &[("several months", "PXM")],
        ),
        (
            "2014-11-27",
            "They meet every week.",
            &[("every week", "P1W")],
        ),
        (
            "2014-11-27",
            "They meet each Thursday.",
            &[("each Thursday", "XXXX-WXX-4")],
        ),
        (
            "2014-11-27",
            "The paper appears daily.",
            &[("daily", "P1D")],
        ),
        (
            "2014-11-27",
            "He landed at 10:30 p.m. EST.",
            &[("10:30 p.m. EST", "2014-11-27T22:30")],
        ),
        (
            "2014-11-27",
            "He landed at 10 a.m. Wednesday.",
            &[("10 a.m. Wednesday", "2014-11-26T10:00")],
        ),
        (
            "2014-11-27",
            "He landed at noon.",
            &[("noon", "2014-11-27T12:00")],
        ),
        (
            "2014-11-27",
            "He landed this morning.",
            &[("this morning", "2014-11-27TMO")],
        ),
        (
            "2014-11-27",
            "He landed last night.",
            &[("last night", "2014-11-26TNI")],
        ),
        (
            "2014-11-27",
            "He is now in Moscow.",
            &[("now", "PRESENT_REF")],
        ),
        (
            "2014-11-27",
            "He is currently in Moscow.",
            &[("currently", "PRESENT_REF")],
        ),
        (
            "2014-11-27",
            "He was recently in Moscow.",
            &[("recently", "PAST_REF")],
        ),
        (
            "2014-11-27",
            "It may happen in the future.",
            &[("the future", "FUTURE_REF")],
        ),
    ]);
}

#[test]
fn ranges_give_one_expression_per_end() {
    check(&[
        (
            "2014-11-27",
            "It grew between 2011 and 2013.",
            &[("2011", "2011"), ("2013", "2013")],
        ),
        (
            "2014-11-27",
            "It grew from 2011 to 2013.",
            &[("2011", "2011"), ("2013", "2013")],
        ),
        (
            "2014-11-27",
            "It grew in 2011-13.",
            &[("2011", "2011"), ("13", "2013")],
        ),
    ]);
}

#[test]
fn ambiguous_words_are_not_dates() {
    check(&[
        // May the modal verb, March the noun, fall the verb, Sun the newspaper
        ("2014-11-27", "Prices may fall further.", &[]),
        ("2014-11-27", "May I ask a question?", &[]),
        ("2014-11-27", "They joined a March for peace.", &[]),
        ("2014-11-27", "Thousands will march on the capital.", &[]),
        // names: a newspaper, a television programme, fractions, an ordinal
        ("2014-11-27", "He told USA Today that talks failed.", &[]),
        (
            "2014-11-27",
            "He spoke on ABC's \"This Week\" programme.",
            &[],
        ),
        (
            "2014-11-27",
            "Iraq imports three-quarters of its food.",
            &[],
        ),
        ("2014-11-27", "It would be a second betrayal.", &[]),
        ("2014-11-27", "The Sun reported it.", &[]),
        (
            "2014-11-27",
            "He was elected in May.",
            &[("May", "2014-05")],
        ),
        (
            "2014-11-27",
            "He was elected on May 5.",
            &[("May 5", "2014-05-05")],
        ),
        ("2014-11-27", "It began in March.", &[("March", "2014-03")]),
        (
            "2014-11-27",
            "Sales fell in the fall.",
            &[("the fall", "2014-FA")],
        ),
        // counts and codes are not years
        ("2014-11-27", "About 2000 people marched.", &[]),
        ("2014-11-27", "Resolutions 2170 and 2178 passed.", &[]),
        ("2014-11-27", "Resolution 2014 passed.", &[]),
        ("2014-11-27", "He paid $1998 for it.", &[]),
    ]);
}

#[test]
fn the_stage_fills_times_and_a_dateline_gives_the_dct() {
    let mut doc = Document::from_text(
        "d",
        "MOSCOW, Nov. 27, 2014 (Reuters) - Lavrov met Muallem yesterday.\n\nHe said so last week.",
    );
    TimeTagger::new().annotate(&mut doc);
    assert_eq!(doc.meta.published, Date::new(2014, 11, 27));
    let values: Vec<&str> = doc.times.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(values, ["2014-11-27", "2014-11-26", "2014-W47"]);
    // An empty document is fine.
    let mut empty = Document::from_text("e", "");
    TimeTagger::new().annotate(&mut empty);
    assert!(empty.times.is_empty());
}

#[test]
fn dating_api_prefers_sentence_then_paragraph_then_publication() {
    let text = "Lavrov spoke on December 9. He criticised Washington.\n\nAssad agreed. He met Kerry on December 3, and later on December 5.";
    let mut doc = Document::from_text("d", text);
    doc.meta.published = Date::new(2014, 12, 10);
    newsgraph_text::SentenceSplitter.annotate(&mut doc);
    TimeTagger::new().annotate(&mut doc);
    assert_eq!(sentence_date(&doc, 0).as_deref(), Some("2014-12-09"));
    let d = dating_at(&doc, text.find("criticised").unwrap()).unwrap();
    assert_eq!(
        (d.value.as_str(), d.source),
        ("2014-12-09", DateSource::Paragraph)
    );
    // Second paragraph, first sentence: no date before it, so the paragraph's first.
    let d = dating_at(&doc, text.find("agreed").unwrap()).unwrap();
    assert_eq!(
        (d.value.as_str(), d.source),
        ("2014-12-03", DateSource::Paragraph)
    );
    // Nearest expression in the sentence.
    assert_eq!(
        date_at(&doc, text.rfind("on December").unwrap()).as_deref(),
        Some("2014-12-05")
    );
    assert_eq!(sentence_date(&doc, 3).as_deref(), Some("2014-12-03"));
    // Nothing at all: the publication date.
    let mut bare = Document::from_text("b", "Nothing here.");
    bare.meta.published = Date::new(2014, 12, 10);
    TimeTagger::new().annotate(&mut bare);
    let d = dating_at(&bare, 0).unwrap();
    assert_eq!(
        (d.value.as_str(), d.source),
        ("2014-12-10", DateSource::Published)
    );
    assert_eq!(sentence_date(&bare, 5), None);
}
