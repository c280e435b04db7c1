//! Property tests: no input makes the tagger panic, and every span lies on char boundaries
//! inside the text.

use newsgraph_core::{Date, Document, Stage};
use newsgraph_time::{date_at, find_dateline, TimeTagger};
use proptest::prelude::*;

/// Pieces that exercise the grammar more than random characters do.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        Just("Nov. 31".to_string()),
        Just("the past".to_string()),
        Just("yesterday (".to_string()),
        Just("2014-".to_string()),
        Just("12/".to_string()),
        Just("'9".to_string()),
        Just("last".to_string()),
        Just("ago".to_string()),
        Just("the third".to_string()),
        Just("quarter".to_string()),
        Just("10:".to_string()),
        Just("p.m.".to_string()),
        Just("mid-".to_string()),
        Just("every".to_string()),
        Just("Friday".to_string()),
        Just("\u{2019}90s".to_string()),
        Just("é年".to_string()),
        Just("1/2".to_string()),
        Just("and a half".to_string()),
        Just("times a".to_string()),
        Just("0900 GMT".to_string()),
        Just("year-".to_string()),
        Just("the previous".to_string()),
        Just("year-ago third".to_string()),
        Just("as soon as".to_string()),
        Just("to be".to_string()),
        "[0-9]{1,5}",
        "[A-Za-z]{1,9}",
        "[ ,.()\\-/:']{1,3}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..24).prop_map(|v| v.join(" "))
}

proptest! {
    #[test]
    fn no_panic_and_spans_on_char_boundaries(s in text(), days in -40000i64..40000, has_dct in any::<bool>()) {
        let dct = has_dct.then(|| Date::new(1970, 1, 1).map(|d| d.add_days(days))).flatten();
        let mut doc = Document::from_text("p", s.clone());
        doc.meta.published = dct;
        newsgraph_text::SentenceSplitter.annotate(&mut doc);
        TimeTagger::new().annotate(&mut doc);
        for t in &doc.times {
            prop_assert!(t.span.start < t.span.end && t.span.end <= s.len());
            prop_assert!(s.is_char_boundary(t.span.start) && s.is_char_boundary(t.span.end));
            prop_assert!(!t.value.is_empty());
        }
        for w in doc.times.windows(2) {
            prop_assert!(w[0].span.end <= w[1].span.start);
        }
        for off in [0, s.len() / 2, s.len()] {
            let _ = date_at(&doc, off);
        }
        let _ = find_dateline(&s);
    }
}
