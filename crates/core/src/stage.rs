//! The stage trait and the pipeline that runs stages in order.

use crate::Document;

/// One step of the analysis: reads the layers earlier stages filled and fills its own.
///
/// *Architecture invariant:* a stage does no IO, reads no clock and uses no randomness; it
/// never rewrites `Document::text`. Problems go to `Document::diagnostics`, never a panic.
pub trait Stage: Send + Sync {
    /// A short name for logs and diagnostics (`"sentences"`).
    fn name(&self) -> &'static str;
    /// Annotates the document in place.
    fn annotate(&self, doc: &mut Document);
}

/// Stages run in order over a document.
#[derive(Default)]
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    /// An empty pipeline.
    pub fn new() -> Pipeline {
        Pipeline::default()
    }
    /// Appends a stage.
    pub fn with(mut self, stage: impl Stage + 'static) -> Pipeline {
        self.stages.push(Box::new(stage));
        self
    }
    /// Appends a boxed stage.
    pub fn push(&mut self, stage: Box<dyn Stage>) {
        self.stages.push(stage);
    }
    /// The stage names, in order.
    pub fn names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }
    /// Runs every stage over `doc`.
    pub fn run(&self, doc: &mut Document) {
        for stage in &self.stages {
            stage.annotate(doc);
        }
    }
}
