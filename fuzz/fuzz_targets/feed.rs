//! Fuzz target: the feed reader (`cargo fuzz run feed` on nightly). On stable this builds as
//! a plain binary that replays the files named on its command line through the same function.
#![cfg_attr(fuzzing, no_main)]

#[allow(unused_imports)]
use newsgraph_ingest::{fuzz_read, InputFormat};

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    fuzz_read(data, Some(InputFormat::Feed));
});

#[cfg(not(fuzzing))]
fn main() {
    for path in std::env::args().skip(1) {
        match std::fs::read(&path) {
            Ok(data) => println!("{path}: {} documents", fuzz_read(&data, Some(InputFormat::Feed))),
            Err(e) => eprintln!("{path}: {e}"),
        }
    }
}
