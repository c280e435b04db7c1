//! The parser stage: fills `Token::head` and `Token::deprel` sentence by sentence.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::Arc;

use newsgraph_core::{Document, Stage};

use super::model::{BatchScratch, ModelError, ParseScratch, ParserModel};

/// Sentences parsed together (a graph-based model steps their LSTMs together).
const BATCH: usize = 32;

thread_local! {
    /// Each thread's parse buffers, kept from one document to the next so their memory is
    /// not asked of the system again for every document.
    static SCRATCH: RefCell<(Vec<ParseScratch>, BatchScratch)> = RefCell::default();
}

/// Parses every sentence of `Document::tokens`, reading the tagger's UPOS and XPOS (empty tags
/// are fine: the parse is then a tree all the same, only a worse one).
#[derive(Clone, Debug)]
pub struct ParserStage {
    model: Arc<ParserModel>,
}

impl ParserStage {
    /// The stage with the shipped model.
    pub fn new() -> Result<ParserStage, ModelError> {
        Ok(ParserStage {
            model: ParserModel::shipped()?,
        })
    }
    /// The stage with a given model.
    pub fn with_model(model: Arc<ParserModel>) -> ParserStage {
        ParserStage { model }
    }
}

/// The token ranges to parse: the sentences' ranges, or all tokens as one sentence when no
/// sentence has any.
fn sentence_ranges(doc: &Document) -> Vec<Range<usize>> {
    let n = doc.tokens.len();
    let mut out: Vec<Range<usize>> = doc
        .sentences
        .iter()
        .map(|s| s.tokens.start.min(n)..s.tokens.end.min(n))
        .filter(|r| !r.is_empty())
        .collect();
    if out.is_empty() && n > 0 {
        out.push(0..n);
    }
    out
}

impl Stage for ParserStage {
    fn name(&self) -> &'static str {
        "parser"
    }

    fn annotate(&self, doc: &mut Document) {
        let ranges = sentence_ranges(doc);
        let batch = BATCH.min(ranges.len());
        SCRATCH.with_borrow_mut(|(scratches, work)| {
            if scratches.len() < batch {
                scratches.resize_with(batch, ParseScratch::new);
            }
            self.parse_ranges(doc, &ranges, scratches, work);
        });
    }
}

impl ParserStage {
    fn parse_ranges(
        &self,
        doc: &mut Document,
        ranges: &[Range<usize>],
        scratches: &mut [ParseScratch],
        work: &mut BatchScratch,
    ) {
        for chunk in ranges.chunks(BATCH) {
            let scratches = &mut scratches[..chunk.len()];
            for (r, scratch) in chunk.iter().zip(scratches.iter_mut()) {
                scratch.clear();
                for t in &doc.tokens[r.clone()] {
                    scratch.push(t.form(&doc.text), &t.lemma, t.upos, &t.xpos);
                }
            }
            self.model.parse_batch(scratches, work);
            for (r, scratch) in chunk.iter().zip(scratches.iter()) {
                for (k, t) in doc.tokens[r.clone()].iter_mut().enumerate() {
                    t.head = scratch.head(k).map(|h| r.start + h);
                    t.deprel.clear();
                    t.deprel.push_str(self.model.label(scratch.label(k)));
                }
            }
        }
    }
}
