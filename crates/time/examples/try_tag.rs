//! Tags each line of stdin as one sentence against the date given as the first argument and
//! prints the expressions found: `echo "He left on Friday." | cargo run -p newsgraph-time
//! --example try_tag -- 2014-11-27`.

use std::io::BufRead;

use newsgraph_core::{Date, Span};
use newsgraph_time::TimeTagger;

fn main() {
    let dct = std::env::args()
        .nth(1)
        .and_then(|a| Date::parse_iso(&a).ok());
    let tagger = TimeTagger::new();
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let found = tagger.tag(&line, dct, &[Span::new(0, line.len())], &[]);
        let shown: Vec<String> = found
            .iter()
            .map(|t| format!("[{}] {} {}", t.span.slice(&line), t.kind.as_str(), t.value))
            .collect();
        println!("{line}\n    {}", shown.join(" | "));
    }
}
