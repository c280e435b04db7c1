//! Errors from loading knowledge-base files.

use std::fmt;

/// A problem in one line of a knowledge-base or user file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineError {
    /// The file (`resources/actors/people.tsv`, `my.toml`).
    pub file: String,
    /// 1-based line number (0 when the problem is about the whole file).
    pub line: usize,
    /// What is wrong.
    pub problem: String,
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.problem)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.problem)
        }
    }
}

/// Why a knowledge base could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KbError {
    /// One or more lines are invalid; every bad line is listed.
    #[error("{} invalid line(s):\n{}", .0.len(), join(.0))]
    Invalid(Vec<LineError>),
    /// A user file could not be read.
    #[error("{file}: cannot read: {source}")]
    Io {
        /// The file.
        file: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The matcher could not be built.
    #[error("cannot build the name matcher: {0}")]
    Matcher(String),
}

fn join(errors: &[LineError]) -> String {
    errors
        .iter()
        .map(|e| format!("  {e}"))
        .collect::<Vec<_>>()
        .join("\n")
}
