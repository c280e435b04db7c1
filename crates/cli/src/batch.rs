//! The batch runner shared by `analyze`, `ingest` and `demo`.
//!
//! *Invariant:* one bad input never stops the batch. Each input and each record is read,
//! cleaned and analysed on its own; a failure is printed as one line naming the input and
//! counted, and the batch goes on.

use std::panic::{catch_unwind, AssertUnwindSafe};

use indicatif::{ProgressBar, ProgressStyle};
use newsgraph_core::{Date, Document, Pipeline, Severity};
use newsgraph_ingest::{
    build_document, expand_inputs, open, Cleaner, Input, InputFormat, RawDocument, ReadOptions,
    RepeatIndex,
};

use crate::Globals;

/// How to read and analyse a batch.
pub struct Batch<'a> {
    /// Reader options (format, size limit).
    pub read: ReadOptions,
    /// Publication date that overrides what the documents say.
    pub published: Option<Date>,
    /// The analysis pipeline.
    pub pipeline: &'a Pipeline,
    /// Global flags.
    pub globals: Globals,
}

/// Counts of a finished batch.
#[derive(Default, Debug)]
pub struct Report {
    /// Documents analysed and accepted by the sink.
    pub done: usize,
    /// Inputs or records that failed.
    pub failed: usize,
}

/// Prints a per-input error line.
pub fn report_error(label: &str, message: &str) {
    eprintln!("newsgraph: {label}: {message}");
}

impl Batch<'_> {
    /// Reads, cleans and analyses every document under `paths`, handing each to `sink`.
    pub fn run(
        &self,
        paths: &[String],
        mut sink: impl FnMut(Document) -> anyhow::Result<()>,
    ) -> Report {
        let mut report = Report::default();
        let (inputs, errors) = expand_inputs(paths);
        for e in &errors {
            report_error(&e.label, &e.message);
        }
        report.failed += errors.len();
        let repeats = self.repeat_index(&inputs);
        let cleaner = Cleaner::default().with_repeats(repeats);
        let bar = self.progress(inputs.len() as u64);
        for input in &inputs {
            bar.set_message(input.label());
            match open(input, &self.read) {
                Err(e) => {
                    bar.suspend(|| report_error(&e.label, &e.message));
                    report.failed += 1;
                }
                Ok(records) => {
                    for raw in records {
                        let outcome = match raw {
                            Err(e) => Err((e.label, e.message)),
                            Ok(raw) => self.process(raw, &cleaner, &mut sink),
                        };
                        match outcome {
                            Ok(()) => report.done += 1,
                            Err((label, message)) => {
                                bar.suspend(|| report_error(&label, &message));
                                report.failed += 1;
                            }
                        }
                    }
                }
            }
            bar.inc(1);
        }
        bar.finish_and_clear();
        report
    }

    /// Analyses one raw document and gives it to the sink.
    pub fn process(
        &self,
        raw: RawDocument,
        cleaner: &Cleaner,
        sink: &mut impl FnMut(Document) -> anyhow::Result<()>,
    ) -> Result<(), (String, String)> {
        let label = raw.label.clone();
        let mut doc = build_document(raw, cleaner).map_err(|e| (e.label, e.message))?;
        if let Some(d) = self.published {
            doc.meta.published = Some(d);
        }
        let analysed = catch_unwind(AssertUnwindSafe(|| {
            self.pipeline.run(&mut doc);
            doc
        }));
        let doc = analysed.map_err(|_| {
            (
                label.clone(),
                "internal error while analysing; document skipped".to_string(),
            )
        })?;
        for d in &doc.diagnostics {
            let shown = match d.severity {
                Severity::Error | Severity::Warning => true,
                Severity::Info => self.globals.verbose > 0,
            };
            if shown {
                eprintln!("newsgraph: {label}: {}: {}", d.origin, d.message);
            }
        }
        sink(doc).map_err(|e| (label, format!("{e:#}")))
    }

    /// Counts head and tail lines across the batch's plain-text files, so furniture repeated
    /// across one source can be recognised.
    fn repeat_index(&self, inputs: &[Input]) -> RepeatIndex {
        let mut index = RepeatIndex::new();
        let files = inputs
            .iter()
            .filter(|i| matches!(i, Input::File(_)))
            .count();
        if files < 2 {
            return index;
        }
        // Only plain-text files are looked at (a crawl or an export is not read twice).
        let plain = |i: &&Input| match i {
            Input::File(p) => {
                self.read.format.unwrap_or(InputFormat::Text) == InputFormat::Text
                    && InputFormat::from_extension(p).is_none_or(|f| f == InputFormat::Text)
            }
            Input::Stdin => false,
        };
        for input in inputs.iter().filter(plain) {
            if let Ok(records) = open(input, &self.read) {
                for raw in records.flatten() {
                    if raw.format == InputFormat::Text {
                        let group = Cleaner::group_of(raw.path.as_deref(), &raw.meta);
                        index.observe(&group, &String::from_utf8_lossy(&raw.bytes));
                    }
                }
            }
        }
        index
    }

    fn progress(&self, len: u64) -> ProgressBar {
        if self.globals.quiet || !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::new(len);
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {wide_msg}")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar
    }
}

/// Parses an ISO date given on the command line.
pub fn parse_date_arg(s: &str) -> Result<Date, String> {
    Date::parse_iso(s).map_err(|_| format!("'{s}' is not a date; use YYYY-MM-DD, e.g. 2014-11-27"))
}
