//! Properties of the cleaner on arbitrary input.

use newsgraph_core::Metadata;
use newsgraph_ingest::Cleaner;
use proptest::prelude::*;

proptest! {
    #[test]
    fn cleaning_anything_keeps_offsets_sound(raw in "\\PC{0,300}|[A-Za-z .,!?\"“”'()|\\-\n]{0,400}") {
        let doc = Cleaner::default().clean(&raw, None, Metadata::default());
        for p in &doc.paragraphs {
            prop_assert!(doc.text.is_char_boundary(p.start) && doc.text.is_char_boundary(p.end));
            let back = doc.alignment.span_to_raw(*p).unwrap();
            prop_assert!(raw.is_char_boundary(back.start) && back.end <= raw.len());
        }
        // Every non-blank line is either in the body or recorded as dropped.
        let dropped: String = doc.dropped.iter().map(|d| d.text.as_str()).collect::<Vec<_>>().join(" ");
        for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
            prop_assert!(doc.text.contains(line) || dropped.contains(line), "line lost: {line:?}");
        }
    }
}
