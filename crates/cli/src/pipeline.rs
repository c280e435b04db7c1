//! Builds the analysis pipeline from the command-line options.

use std::path::PathBuf;

use anyhow::Context;
use newsgraph_core::Pipeline;

/// Options that change what the pipeline loads.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct PipelineArgs {
    /// Extra actors (TOML) merged over the built-in knowledge base; checked at start-up.
    #[arg(long, value_name = "FILE")]
    pub actors: Option<PathBuf>,
    /// A directory of PETRARCH/TABARI actor and agent dictionaries (`*actors*.txt`,
    /// `*agents*.txt`) to recognise actors with, beside the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub actors_petrarch: Option<PathBuf>,
}

/// The PETRARCH dictionaries named by `--actors-petrarch`, read once.
pub fn petrarch_dictionary(
    dir: &std::path::Path,
) -> anyhow::Result<newsgraph_extract::events::PetrarchDictionary> {
    newsgraph_extract::events::PetrarchDictionary::read_dir(dir)
        .with_context(|| format!("{}: cannot read PETRARCH dictionaries", dir.display()))
}

/// The linguistic front every pipeline starts with: sentences, tokens, tags and lemmas, parse.
pub fn linguistic() -> anyhow::Result<Pipeline> {
    Ok(Pipeline::new()
        .with(newsgraph_text::SentenceSplitter)
        .with(newsgraph_text::Tokenizer)
        .with(newsgraph_text::Tagger::new().context("loading the shipped tagger model")?)
        .with(newsgraph_text::ParserStage::new()?))
}

/// The full pipeline, stages in order (see `newsgraph_core` for the numbered list).
pub fn build(args: &PipelineArgs) -> anyhow::Result<Pipeline> {
    let actors = match &args.actors {
        Some(path) => newsgraph_actors::ActorStage::with_user_file(path)
            .with_context(|| format!("--actors {}", path.display()))?,
        None => newsgraph_actors::ActorStage::new().context("built-in actor knowledge base")?,
    };
    let quotes = newsgraph_extract::QuoteExtractor::new()?;
    // events run last: they read every earlier layer
    let events = newsgraph_extract::events::EventCoder::new()
        .map_err(|e| anyhow::anyhow!("event resources: {e}"))?;
    let mut pipeline = linguistic()?
        .with(newsgraph_time::TimeTagger::new())
        .with(actors);
    if let Some(dir) = &args.actors_petrarch {
        let dict = petrarch_dictionary(dir)?;
        pipeline.push(Box::new(newsgraph_extract::events::PetrarchActors::new(
            dict,
        )));
    }
    Ok(pipeline.with(quotes).with(events))
}
