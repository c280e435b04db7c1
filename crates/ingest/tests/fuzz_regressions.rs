//! Inputs that once made a reader panic or hang (found by the fuzz targets in `fuzz/` or by the
//! bad-input tests), replayed through every reader. Add a crashing input as a new file in
//! `tests/fuzz_regressions/`.

use newsgraph_ingest::{fuzz_read, InputFormat};

#[test]
fn past_crashes_stay_fixed() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz_regressions");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for f in &files {
        let data = std::fs::read(f).unwrap();
        for format in [
            None,
            Some(InputFormat::Text),
            Some(InputFormat::Html),
            Some(InputFormat::Warc),
            Some(InputFormat::JsonLines),
            Some(InputFormat::Feed),
        ] {
            fuzz_read(&data, format);
        }
    }
}
