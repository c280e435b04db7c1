//! Property tests over arbitrary and mangled inputs for every reader: nothing panics, every
//! built document keeps its invariants. The fuzz targets in `fuzz/` drive the same function.

use newsgraph_ingest::{fuzz_read, InputFormat};
use proptest::prelude::*;

const FORMATS: [Option<InputFormat>; 6] = [
    None,
    Some(InputFormat::Text),
    Some(InputFormat::Html),
    Some(InputFormat::Warc),
    Some(InputFormat::JsonLines),
    Some(InputFormat::Feed),
];

/// Pieces real inputs are made of, so mutations reach deep into each parser.
const PIECES: &[&str] = &[
    "<html>",
    "<body>",
    "<p>",
    "</p>",
    "<div class=\"article-body\">",
    "</div>",
    "<a href=x>",
    "</a>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "&amp;",
    "&#8217;",
    "&#x1F600;",
    "&nbsp",
    "<meta charset=\"windows-1251\">",
    "<title>",
    "<br><br>",
    "<table><tr><td>",
    "<svg>",
    "WARC/1.0\r\n",
    "WARC-Type: response\r\n",
    "Content-Type: application/http\r\n",
    "Content-Length: 40\r\n",
    "\r\n",
    "HTTP/1.1 200 OK\r\n",
    "Content-Type: text/html\r\n",
    "Transfer-Encoding: chunked\r\n",
    "5\r\nhello\r\n0\r\n\r\n",
    "{\"text\":\"",
    "\"}",
    "\n",
    "{\"html\":\"<p>x</p>\",\"published\":\"2019-11-19\"}",
    "<?xml version=\"1.0\"?>",
    "<rss><channel><item><description>",
    "</description></item></channel></rss>",
    "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content>",
    "</content></entry></feed>",
    "The minister said on Monday that talks would resume, officials confirmed. ",
    "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"",
    "\u{e9}",
    "\u{fffd}",
    "\u{0}",
    "\u{1F600}",
    "\u{200B}",
];

fn pieces() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(PIECES).prop_map(|s| s.as_bytes().to_vec()),
            prop::collection::vec(any::<u8>(), 0..8),
        ],
        0..60,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(data in prop::collection::vec(any::<u8>(), 0..2000), f in 0usize..6) {
        fuzz_read(&data, FORMATS[f]);
    }

    #[test]
    fn structured_inputs_never_panic(data in pieces(), f in 0usize..6) {
        fuzz_read(&data, FORMATS[f]);
    }

    #[test]
    fn gzipped_and_cut_inputs_never_panic(data in pieces(), cut in 0usize..400, f in 0usize..6) {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(&data).unwrap();
        let gz = e.finish().unwrap();
        let cut = gz.len().saturating_sub(cut % (gz.len() + 1));
        fuzz_read(&gz[..cut], FORMATS[f]);
    }
}
