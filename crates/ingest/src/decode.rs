//! Content ids and byte-to-text decoding.

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

#[cfg(test)]
mod tests {
    use super::*;

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
