//! Builds the analysis pipeline from the command-line options.

use newsgraph_core::Pipeline;

/// Options that change what the pipeline loads.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct PipelineArgs {}

/// The full pipeline, stages in order (see `newsgraph_core` for the numbered list).
pub fn build(_args: &PipelineArgs) -> anyhow::Result<Pipeline> {
    let quotes = newsgraph_extract::QuoteExtractor::new()?;
    // events run last: they read every earlier layer
    let events = newsgraph_extract::events::EventCoder::new()
        .map_err(|e| anyhow::anyhow!("event resources: {e}"))?;
    Ok(Pipeline::new()
        .with(newsgraph_text::SentenceSplitter)
        .with(newsgraph_text::Tokenizer)
        .with(newsgraph_text::ParserStage::new()?)
        .with(newsgraph_time::TimeTagger::new())
        .with(quotes)
        .with(events))
}
