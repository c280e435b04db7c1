//! CAMEO/PLOVER event coding: who did what to whom, on the dependency parse.
//!
//! 1. [`codebook`]: every CAMEO code with its Goldstein value, quad class and PLOVER type.
//! 2. [`lexicon`]: our verbs, particles, light-verb and noun constructions with their codes.
//! 3. [`coder`]: finds triggers in each parsed sentence, takes source and target from the
//!    syntactic slots, resolves them to the actors layer, handles passives, coordination,
//!    control and reported speech, negation and modality, and fills `Document::events`.
//! 4. [`petrarch`]: reads PETRARCH/TABARI actor, agent and verb dictionaries as a user dictionary.

pub mod codebook;
pub mod coder;
pub mod lexicon;
pub mod petrarch;

pub use codebook::{CameoCode, Codebook};
pub use coder::EventCoder;
pub use lexicon::Lexicon;
pub use petrarch::{PetrarchActors, PetrarchDictionary};

/// What can go wrong loading the event resources.
#[derive(Debug, thiserror::Error)]
pub enum EventsError {
    /// A row of a data file is malformed.
    #[error("{file}:{line}: {problem}")]
    Data {
        /// The file.
        file: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        problem: String,
    },
    /// A file could not be read.
    #[error("{file}: {source}")]
    Io {
        /// The file.
        file: String,
        /// The underlying error.
        source: std::io::Error,
    },
}
