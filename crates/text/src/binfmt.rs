//! The little-endian binary format shared by the shipped models.
//!
//! Every model file starts with an 8-byte magic naming the model (`NGTAGGER`) and a `u32`
//! format version, then model-specific sections written with [`Writer`] and read back with
//! [`Reader`]: fixed-width little-endian integers and floats, and strings as a `u32` byte
//! length followed by UTF-8. A reader never panics on a short or corrupt file; it returns a
//! [`ModelError`].

use thiserror::Error;

/// Why a model file could not be read.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ModelError {
    /// The file does not start with the expected magic.
    #[error("not a {expected} model file (bad magic)")]
    Magic {
        /// The magic that was expected.
        expected: String,
    },
    /// The file was written by another format version.
    #[error("model format version {found}, this build reads version {expected}")]
    Version {
        /// The version in the file.
        found: u32,
        /// The version this build reads.
        expected: u32,
    },
    /// The file ends before a section does.
    #[error("model file truncated at byte {0}")]
    Truncated(usize),
    /// A section holds a value that cannot be right.
    #[error("corrupt model file: {0}")]
    Corrupt(String),
}

/// Appends little-endian values to a byte buffer.
#[derive(Debug, Default)]
pub struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    /// A writer whose buffer starts with `magic` and `version`.
    pub fn new(magic: &[u8; 8], version: u32) -> Writer {
        let mut w = Writer { buf: Vec::new() };
        w.buf.extend_from_slice(magic);
        w.u32(version);
        w
    }
    /// Appends a byte.
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    /// Appends a `u16`.
    pub fn u16(&mut self, v: u16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Appends a `u32`.
    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Appends a `u64`.
    pub fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Appends an `i16`.
    pub fn i16(&mut self, v: i16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Appends an `f32`.
    pub fn f32(&mut self, v: f32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Appends a length-prefixed string.
    pub fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.buf.extend_from_slice(s.as_bytes());
    }
    /// The bytes written so far.
    pub fn finish(self) -> Vec<u8> {
        self.buf
    }
}

/// Reads little-endian values from a byte slice.
#[derive(Debug)]
pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// A reader over `data` after checking its magic and version.
    pub fn new(data: &'a [u8], magic: &[u8; 8], version: u32) -> Result<Reader<'a>, ModelError> {
        if data.len() < 8 || &data[..8] != magic {
            return Err(ModelError::Magic {
                expected: String::from_utf8_lossy(magic).into_owned(),
            });
        }
        let mut r = Reader { data, pos: 8 };
        let found = r.u32()?;
        if found != version {
            return Err(ModelError::Version {
                found,
                expected: version,
            });
        }
        Ok(r)
    }
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.data.len())
            .ok_or(ModelError::Truncated(self.pos))?;
        let s = &self.data[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    /// Reads a byte.
    pub fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }
    /// Reads a `u16`.
    pub fn u16(&mut self) -> Result<u16, ModelError> {
        Ok(u16::from_le_bytes(self.array()?))
    }
    /// Reads a `u32`.
    pub fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    /// Reads a `u64`.
    pub fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    /// Reads an `i16`.
    pub fn i16(&mut self) -> Result<i16, ModelError> {
        Ok(i16::from_le_bytes(self.array()?))
    }
    /// Reads an `f32`.
    pub fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(self.array()?))
    }
    /// Reads a length-prefixed string.
    pub fn str(&mut self) -> Result<String, ModelError> {
        let n = self.u32()? as usize;
        let bytes = self.take(n)?;
        String::from_utf8(bytes.to_vec())
            .map_err(|_| ModelError::Corrupt(format!("invalid UTF-8 at byte {}", self.pos)))
    }
    /// Reads a count that must be at most `max` (guards allocations on corrupt files).
    pub fn count(&mut self, max: usize) -> Result<usize, ModelError> {
        let n = self.u32()? as usize;
        if n > max || n > self.data.len() {
            return Err(ModelError::Corrupt(format!("count {n} out of range")));
        }
        Ok(n)
    }
    /// Whether every byte has been read.
    pub fn at_end(&self) -> bool {
        self.pos == self.data.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_bad_files() {
        let mut w = Writer::new(b"NGTESTXX", 3);
        w.u8(7);
        w.u16(500);
        w.i16(-3);
        w.u64(u64::MAX);
        w.f32(1.5);
        w.str("héllo");
        let bytes = w.finish();
        let mut r = Reader::new(&bytes, b"NGTESTXX", 3).unwrap();
        assert_eq!(r.u8().unwrap(), 7);
        assert_eq!(r.u16().unwrap(), 500);
        assert_eq!(r.i16().unwrap(), -3);
        assert_eq!(r.u64().unwrap(), u64::MAX);
        assert_eq!(r.f32().unwrap(), 1.5);
        assert_eq!(r.str().unwrap(), "héllo");
        assert!(r.at_end());
        assert!(matches!(r.u8(), Err(ModelError::Truncated(_))));
        assert!(matches!(
            Reader::new(&bytes, b"NGOTHERX", 3),
            Err(ModelError::Magic { .. })
        ));
        assert!(matches!(
            Reader::new(&bytes, b"NGTESTXX", 4),
            Err(ModelError::Version { found: 3, .. })
        ));
        assert!(Reader::new(&bytes[..5], b"NGTESTXX", 3).is_err());
    }
}
