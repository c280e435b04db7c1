//! Content ids and byte-to-text decoding (UTF-8 text; HTML in any declared or sniffed charset).

use newsgraph_core::Diagnostic;
use sha2::{Digest, Sha256};

/// The stable content id of an input: the first 128 bits of its SHA-256, in hex.
pub fn content_id(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// Decodes bytes as UTF-8 text.
///
/// A byte-order mark is skipped; invalid UTF-8 is decoded lossily with a warning; input that
/// looks binary (NUL bytes or mostly control characters near the start) is refused with the
/// reason.
pub fn decode_text(bytes: &[u8]) -> Result<(String, Vec<Diagnostic>), String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err("looks like a binary file (contains NUL bytes), not text".to_string());
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    if !head.is_empty() && controls * 10 > head.len() {
        return Err("looks like a binary file (mostly control characters), not text".to_string());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), Vec::new())),
        Err(e) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let warning = Diagnostic::warning(
                "reader",
                format!(
                    "invalid UTF-8 at byte {}; decoded with replacement characters",
                    e.valid_up_to()
                ),
            );
            Ok((text, vec![warning]))
        }
    }
}

/// The charset named in a `charset=` parameter or attribute within `head`, if any.
pub(crate) fn declared_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(p) = lower[from..].windows(8).position(|w| w == b"charset=") {
        let mut i = from + p + 8;
        from = i;
        while i < lower.len() && matches!(lower[i], b'"' | b'\'' | b' ') {
            i += 1;
        }
        let start = i;
        while i < lower.len()
            && (lower[i].is_ascii_alphanumeric() || matches!(lower[i], b'-' | b'_' | b':' | b'.'))
        {
            i += 1;
        }
        if let Some(enc) = encoding_rs::Encoding::for_label(&lower[start..i]) {
            return Some(enc);
        }
    }
    None
}

/// Decodes an HTML page: a byte-order mark wins, then valid UTF-8, then the charset the
/// container declared (`transport`, e.g. an HTTP `Content-Type`) or the page declares in a
/// `<meta>` near its start, then windows-1252. A declaration that the bytes contradict (a
/// page that says UTF-8 but is not) is reported in a warning and the bytes decide.
pub fn decode_html(
    bytes: &[u8],
    transport: Option<&str>,
) -> Result<(String, Vec<Diagnostic>), String> {
    let mut diags = Vec::new();
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, bad) = enc.decode(bytes);
        if bad {
            diags.push(Diagnostic::warning(
                "reader",
                format!("invalid {} after the byte-order mark; replaced", enc.name()),
            ));
        }
        return Ok((text.into_owned(), diags));
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err("looks like a binary file (contains NUL bytes), not HTML".to_string());
    }
    let declared = transport
        .and_then(|t| declared_charset(t.as_bytes()))
        .or_else(|| declared_charset(&bytes[..bytes.len().min(4096)]));
    if let Ok(s) = std::str::from_utf8(bytes) {
        if let Some(enc) = declared {
            if enc != encoding_rs::UTF_8 && !s.is_ascii() && !enc.is_single_byte() {
                // A multi-byte legacy charset whose bytes also happen to be UTF-8 is very
                // unlikely; trust the bytes.
                diags.push(Diagnostic::info(
                    "reader",
                    format!(
                        "page declares {} but is valid UTF-8; read as UTF-8",
                        enc.name()
                    ),
                ));
            }
        }
        return Ok((s.to_string(), diags));
    }
    let utf8_share = utf8_share(bytes);
    let enc = match declared {
        Some(enc)
            if enc == encoding_rs::UTF_8
                || enc == encoding_rs::UTF_16LE
                || enc == encoding_rs::UTF_16BE =>
        {
            if utf8_share >= 0.5 {
                encoding_rs::UTF_8
            } else {
                diags.push(Diagnostic::warning(
                    "reader",
                    "page declares UTF-8 but is not; read as windows-1252",
                ));
                encoding_rs::WINDOWS_1252
            }
        }
        Some(enc) => enc,
        None if utf8_share >= 0.5 => encoding_rs::UTF_8,
        None => encoding_rs::WINDOWS_1252,
    };
    let (text, bad) = enc.decode_without_bom_handling(bytes);
    if bad {
        diags.push(Diagnostic::warning(
            "reader",
            format!(
                "invalid {} in the page; decoded with replacement characters",
                enc.name()
            ),
        ));
    }
    Ok((text.into_owned(), diags))
}

/// The share of non-ASCII byte sequences that are well-formed UTF-8.
fn utf8_share(bytes: &[u8]) -> f64 {
    let mut good = 0usize;
    let mut bad = 0usize;
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good += s.bytes().filter(|b| *b >= 0x80).count();
                break;
            }
            Err(e) => {
                let (ok, after) = rest.split_at(e.valid_up_to());
                good += ok.iter().filter(|b| **b >= 0x80).count();
                bad += 1;
                let skip = e.error_len().unwrap_or(after.len()).max(1);
                rest = &after[skip.min(after.len())..];
                if rest.is_empty() {
                    break;
                }
            }
        }
    }
    // `good` counts bytes; a multi-byte character is 2-4 bytes, so weigh it as one sequence.
    let good = good as f64 / 2.0;
    if good + bad as f64 == 0.0 {
        1.0
    } else {
        good / (good + bad as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_charsets_are_sniffed_and_lies_caught() {
        // Declared windows-1251 (Cyrillic) and really so.
        let page = b"<meta charset=\"windows-1251\"><p>\xcf\xf0\xe8\xe2\xe5\xf2</p>";
        let (text, _) = decode_html(page, None).unwrap();
        assert!(
            text.contains("\u{41f}\u{440}\u{438}\u{432}\u{435}\u{442}"),
            "{text}"
        );
        // Declared UTF-8 but Latin-1 bytes.
        let page = b"<meta charset=utf-8><p>caf\xe9 cr\xe8me br\xfbl\xe9e</p>";
        let (text, diags) = decode_html(page, None).unwrap();
        assert!(text.contains("caf\u{e9} cr\u{e8}me"), "{text}");
        assert_eq!(diags.len(), 1);
        // Declared Latin-1 but valid UTF-8: the bytes win.
        let page = "<meta charset=iso-8859-1><p>caf\u{e9}</p>".as_bytes();
        let (text, _) = decode_html(page, None).unwrap();
        assert!(text.contains("caf\u{e9}"));
        // The transport header counts first.
        let page = b"<p>\xe9t\xe9</p>";
        let (text, _) = decode_html(page, Some("text/html; charset=iso-8859-1")).unwrap();
        assert!(text.contains("\u{e9}t\u{e9}"));
        // UTF-16 with a BOM.
        let mut page = vec![0xff, 0xfe];
        for u in "<p>hi</p>".encode_utf16() {
            page.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode_html(&page, None).unwrap().0, "<p>hi</p>");
        assert!(decode_html(b"\x00\x01\x02", None).is_err());
    }

    #[test]
    fn ids_are_stable_and_distinct() {
        assert_eq!(content_id(b"abc"), content_id(b"abc"));
        assert_ne!(content_id(b"abc"), content_id(b"abd"));
        assert_eq!(content_id(b"abc").len(), 32);
    }

    #[test]
    fn decoding_handles_bad_input() {
        assert!(decode_text(b"\x00\x01binary").is_err());
        let (text, diags) = decode_text(b"caf\xe9 au lait").unwrap();
        assert!(text.starts_with("caf"));
        assert_eq!(diags.len(), 1);
        let (text, diags) = decode_text("\u{feff}Hello".as_bytes()).unwrap();
        assert_eq!(text, "Hello");
        assert!(diags.is_empty());
    }
}
