//! Bounded gzip decompression (a truncated stream or a zip bomb is an error, never a hang).

use std::io::Read;

use flate2::read::MultiGzDecoder;

/// Whether `bytes` start like a gzip stream.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// Why a compressed input could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GzipError {
    /// The output would exceed the limit (a zip bomb, or just too large).
    #[error("decompresses to more than {limit} bytes (the --max-bytes limit); refusing")]
    TooLarge {
        /// The limit in bytes.
        limit: u64,
    },
    /// The stream is damaged or cut short.
    #[error("damaged gzip data after {at} decompressed bytes: {reason}")]
    Corrupt {
        /// Decompressed bytes read before the damage.
        at: u64,
        /// What the decoder said.
        reason: String,
    },
}

/// Decompresses a whole gzip stream (all members), refusing more than `limit` bytes of output.
pub fn gunzip_limited(bytes: &[u8], limit: u64) -> Result<Vec<u8>, GzipError> {
    let mut out = Vec::new();
    let mut dec = MultiGzDecoder::new(bytes).take(limit + 1);
    match dec.read_to_end(&mut out) {
        Ok(_) => {}
        Err(e) => {
            return Err(GzipError::Corrupt {
                at: out.len() as u64,
                reason: describe(&e),
            })
        }
    }
    if out.len() as u64 > limit {
        return Err(GzipError::TooLarge { limit });
    }
    Ok(out)
}

/// A short description of a decompression error.
pub(crate) fn describe(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof => "the stream is truncated".to_string(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn round_trip_multi_member_truncated_and_bomb() {
        let mut two = gz(b"hello ");
        two.extend(gz(b"world"));
        assert_eq!(gunzip_limited(&two, 100).unwrap(), b"hello world");
        let one = gz(&b"x".repeat(10_000));
        let cut = &one[..one.len() / 2];
        assert!(matches!(
            gunzip_limited(cut, 1 << 20),
            Err(GzipError::Corrupt { .. })
        ));
        // 100 MB of zeros compresses to ~100 KB; the limit stops it early.
        let bomb = gz(&vec![0u8; 100 << 20]);
        assert!(bomb.len() < 1 << 20);
        assert_eq!(
            gunzip_limited(&bomb, 1 << 20),
            Err(GzipError::TooLarge { limit: 1 << 20 })
        );
    }
}
