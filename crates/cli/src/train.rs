//! `newsgraph train`: rebuilds the shipped models (from a UD treebank; the quote phrases from
//! PolNeAR), deterministically, one
//! subcommand per model.
//!
//! Each model reads `DIR/*-train.conllu` (and `DIR/*-dev.conllu` when present, to choose the
//! training pass), writes the model file (by default over the shipped one under
//! `resources/models/`) and prints its figures.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context};

use newsgraph_text::tagger::train::TrainOptions as TaggerOptions;

use crate::eval::{EvalFormat, Report};
use crate::{Globals, Outcome};

/// Arguments of `newsgraph train`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    command: TrainCommand,
}

/// The models that can be trained.
#[derive(clap::Subcommand, Debug)]
enum TrainCommand {
    /// The part-of-speech tagger and lemmatizer (averaged perceptron, learned suffix rules).
    #[command(
        after_help = "Example:\n  nice newsgraph train tagger --data ../shared/data/ud-english-ewt"
    )]
    Tagger(TaggerArgs),
    /// The dependency parser (arc-hybrid, dynamic oracle, averaged perceptron).
    #[command(
        after_help = "Example:\n  newsgraph train parser --data ../shared/data/ud-english-ewt --out resources/models/parser.bin"
    )]
    Parser(ParserArgs),
    /// Word clusters for the parser's features (divisive clustering of PPMI neighbour vectors).
    #[command(
        after_help = "Example:\n  newsgraph train clusters --data ../shared/data/ud-english-ewt --text ../shared/data/polnear/train/text --out resources/models/clusters.tsv\n\nRebuild the binary afterwards: the parser is trained with the embedded clusters."
    )]
    Clusters(ClustersArgs),
    /// The learned multi-word quote cues (`resources/quotes/phrases.tsv`) from a PolNeAR split.
    #[command(
        after_help = "Example:\n  newsgraph train quotes --data ../shared/data/polnear/train --out resources/quotes/phrases.tsv"
    )]
    Quotes(QuotesArgs),
}

/// Arguments of `newsgraph train clusters`.
#[derive(clap::Args, Debug)]
struct ClustersArgs {
    /// Treebank directory whose `*-ud-train.conllu` word forms are clustered.
    #[arg(long)]
    data: PathBuf,
    /// Directories of raw `.txt` files to cluster as well (split into sentences and tokens).
    #[arg(long)]
    text: Vec<PathBuf>,
    /// Where to write the clusters.
    #[arg(long, default_value = "resources/models/clusters.tsv")]
    out: PathBuf,
    /// Words seen fewer times get no cluster.
    #[arg(long, default_value_t = newsgraph_text::clusters::ClusterOptions::default().min_count)]
    min_count: usize,
    /// Longest bit string.
    #[arg(long, default_value_t = newsgraph_text::clusters::ClusterOptions::default().depth)]
    depth: u32,
    /// Number of frequent words that describe a word's neighbours.
    #[arg(long, default_value_t = newsgraph_text::clusters::ClusterOptions::default().contexts)]
    contexts: usize,
}

/// Arguments of `newsgraph train quotes`.
#[derive(clap::Args, Debug)]
struct QuotesArgs {
    /// A PolNeAR split folder (with `text/` and `attributions/`); the train split only.
    #[arg(long)]
    data: PathBuf,
    /// Where to write the phrase list.
    #[arg(long, default_value = "resources/quotes/phrases.tsv")]
    out: PathBuf,
    /// Where to write the learned cue detector.
    #[arg(long, default_value = "resources/quotes/cue_model.tsv")]
    cue_model: PathBuf,
    /// Where to write the learned filter of found attributions.
    #[arg(long, default_value = "resources/quotes/filter_model.tsv")]
    filter_model: PathBuf,
}

/// Arguments of `newsgraph train parser`.
#[derive(clap::Args, Debug)]
struct ParserArgs {
    /// Treebank directory holding `*-ud-train.conllu` (and `*-ud-dev.conllu` to pick the best
    /// epoch).
    #[arg(long)]
    data: PathBuf,
    /// Where to write the model.
    #[arg(long, default_value = "resources/models/parser.bin")]
    out: PathBuf,
    /// Passes over the training set.
    #[arg(long, default_value_t = newsgraph_text::parser::TrainOptions::default().epochs)]
    epochs: usize,
    /// The action table has 2^BITS rows.
    #[arg(long, default_value_t = newsgraph_text::parser::TrainOptions::default().action_bits)]
    action_bits: u32,
    /// The label table has 2^BITS rows.
    #[arg(long, default_value_t = newsgraph_text::parser::TrainOptions::default().label_bits)]
    label_bits: u32,
    /// Probability of following the model's own wrong transition after the first epoch.
    #[arg(long, default_value_t = newsgraph_text::parser::TrainOptions::default().explore_p)]
    explore: f64,
    /// Perceptrons trained with different seeds and summed into the model.
    #[arg(long, default_value_t = newsgraph_text::parser::TrainOptions::default().runs)]
    runs: usize,
    /// Beam width: above 1, transitions are trained globally by beam search with early
    /// update, and the model decodes with that beam
    #[arg(long, default_value_t = newsgraph_text::parser::TrainOptions::default().beam)]
    beam: usize,
    /// Tag and lemmatise the training set with this many jackknife taggers (each trained on
    /// the other folds) and dev with the shipped tagger, so the parser learns from predicted
    /// tags; 0 (the shipped model) trains and chooses on the treebank's gold tags.
    #[arg(long, default_value_t = 0)]
    folds: usize,
    /// With `--folds`: train on every sentence twice, with its jackknifed tags and with the
    /// treebank's own, so the parser learns both from clean tags and from the tagger's errors.
    #[arg(long)]
    with_gold: bool,
    /// Add the word-cluster feature templates (bit-string prefixes of the embedded
    /// `resources/models/clusters.tsv`, built by `newsgraph train clusters`).
    #[arg(long)]
    clusters: bool,
    /// Train the feed-forward scorer instead of the perceptrons (model format version 3):
    /// embeddings of 18 words and tags and 12 labels, one ReLU hidden layer, AdaGrad with
    /// dropout on the static oracle.
    #[arg(long)]
    neural: bool,
    /// With `--neural`: embedding size.
    #[arg(long, default_value_t = newsgraph_text::parser::NeuralOptions::default().dim)]
    dim: usize,
    /// With `--neural`: hidden units.
    #[arg(long, default_value_t = newsgraph_text::parser::NeuralOptions::default().hidden)]
    hidden: usize,
    /// With `--neural`: AdaGrad learning rate.
    #[arg(long, default_value_t = newsgraph_text::parser::NeuralOptions::default().rate)]
    rate: f32,
    /// With `--neural`: hidden-unit dropout probability.
    #[arg(long, default_value_t = newsgraph_text::parser::NeuralOptions::default().dropout)]
    dropout: f32,
    /// Train the graph-based parser instead (model format version 4): a BiLSTM over word,
    /// tag, suffix and shape embeddings, biaffine arc scores, Eisner decoding.
    #[arg(long)]
    biaffine: bool,
    /// With `--biaffine`: LSTM units per direction.
    #[arg(long, default_value_t = newsgraph_text::parser::BiaffineOptions::default().hidden)]
    lstm_units: usize,
    /// With `--biaffine`: stacked BiLSTM layers.
    #[arg(long, default_value_t = newsgraph_text::parser::BiaffineOptions::default().layers)]
    layers: usize,
    /// With `--biaffine`: word embedding size.
    #[arg(long, default_value_t = newsgraph_text::parser::BiaffineOptions::default().word_dim)]
    word_dim: usize,
    /// With `--biaffine`: size of the arc projections.
    #[arg(long, default_value_t = newsgraph_text::parser::BiaffineOptions::default().arc_dim)]
    arc_dim: usize,
    /// With `--biaffine`: Adam learning rate.
    #[arg(long, default_value_t = newsgraph_text::parser::BiaffineOptions::default().rate)]
    adam_rate: f32,
    /// With `--biaffine`: dropout on the LSTM inputs and outputs.
    #[arg(long, default_value_t = newsgraph_text::parser::BiaffineOptions::default().dropout)]
    lstm_dropout: f32,
    /// With `--biaffine`: sentences per minibatch.
    #[arg(long, default_value_t = newsgraph_text::parser::BiaffineOptions::default().batch)]
    batch: usize,
    /// With `--biaffine`: minibatch parts computed in parallel (the model does not depend
    /// on the number of cores, only on this).
    #[arg(long, default_value_t = newsgraph_text::parser::BiaffineOptions::default().shards)]
    shards: usize,
    /// With `--biaffine`: keep a running average of the weights, each minibatch weighting the
    /// old average by this (e.g. 0.999); dev scores and the model use the average. 0: off.
    #[arg(long, default_value_t = newsgraph_text::parser::BiaffineOptions::default().ema)]
    ema: f32,
    /// Train on the first N training sentences only (0: all), for quick learning curves.
    #[arg(long, default_value_t = 0)]
    limit: usize,
}

/// Arguments of `newsgraph train tagger`.
#[derive(clap::Args, Debug)]
struct TaggerArgs {
    /// Treebank directory holding `*-train.conllu` (and optionally `*-dev.conllu`).
    #[arg(long)]
    data: PathBuf,
    /// Where to write the model.
    #[arg(long, default_value = "resources/models/tagger.bin")]
    out: PathBuf,
    /// Passes over the training set.
    #[arg(long, default_value_t = TaggerOptions::default().iterations)]
    iterations: usize,
    /// Seed of the sentence shuffle.
    #[arg(long, default_value_t = TaggerOptions::default().seed)]
    seed: u64,
    /// Figures as a table or one JSON object.
    #[arg(long, value_enum, default_value_t)]
    format: EvalFormat,
}

/// Runs the chosen training.
pub fn run(args: Args, globals: Globals) -> anyhow::Result<Outcome> {
    match args.command {
        TrainCommand::Tagger(a) => tagger(a, globals),
        TrainCommand::Parser(a) => parser(a, globals),
        TrainCommand::Clusters(a) => clusters(a, globals),
        TrainCommand::Quotes(a) => quotes(a, globals),
    }
}

fn quotes(args: QuotesArgs, globals: Globals) -> anyhow::Result<Outcome> {
    let lexicon = crate::quote_phrases::hand_written()?;
    let (phrases, texts) = crate::quote_phrases::learn(&args.data, &lexicon)?;
    let tsv = crate::quote_phrases::to_tsv(&phrases);
    std::fs::write(&args.out, tsv)
        .with_context(|| format!("{}: cannot write", args.out.display()))?;
    if !globals.quiet {
        eprintln!(
            "wrote {} ({} phrases from {texts} annotated texts)",
            args.out.display(),
            phrases.len()
        );
    }
    let split = crate::quote_detector::read_split(&args.data)?;
    let (model, report) = crate::quote_detector::learn(&split)?;
    let what = "Learned cue detector (averaged perceptron) from the PolNeAR training split";
    write_model(&args.cue_model, &model, what, &report, globals.quiet)?;
    let (filter, mut report) = crate::quote_detector::learn_filter(&split, &model)?;
    if filter.is_none() {
        report.push("keeping every find scored best: no weights".to_string());
    }
    let what = "Learned filter of found attributions (averaged perceptron) from the PolNeAR\ntraining split";
    write_model(
        &args.filter_model,
        &filter.unwrap_or_default(),
        what,
        &report,
        globals.quiet,
    )?;
    Ok(Outcome::ok())
}

/// Writes a learned quote model to `path` with a header saying what it is, how it was made and
/// the report of its training, and tells of it unless `quiet`.
fn write_model(
    path: &Path,
    model: &newsgraph_extract::quotes::CueDetector,
    what: &str,
    report: &[String],
    quiet: bool,
) -> anyhow::Result<()> {
    let header = format!(
        "{what} by\n  newsgraph train quotes --data ../shared/data/polnear/train\n{}",
        report.join("\n")
    );
    std::fs::write(path, model.to_tsv(&header))
        .with_context(|| format!("{}: cannot write", path.display()))?;
    if !quiet {
        for l in report {
            eprintln!("{l}");
        }
        eprintln!("wrote {} ({} features)", path.display(), model.len());
    }
    Ok(())
}

/// The treebank file in `dir` whose name ends with `suffix` (`-ud-train.conllu`).
pub fn treebank_file(dir: &Path, suffix: &str) -> anyhow::Result<Option<PathBuf>> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot read the directory", dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(suffix))
        })
        .collect();
    found.sort();
    Ok(found.into_iter().next())
}

/// Reads a CoNLL-U file, naming it in any error.
pub fn read_treebank(path: &Path) -> anyhow::Result<Vec<newsgraph_text::conllu::Sentence>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    newsgraph_text::conllu::read(&text).with_context(|| format!("{}", path.display()))
}

fn parser(args: ParserArgs, globals: Globals) -> anyhow::Result<Outcome> {
    use newsgraph_text::parser::{train, TrainOptions};
    let Some(train_path) = treebank_file(&args.data, "-ud-train.conllu")? else {
        bail!("{}: no *-ud-train.conllu file", args.data.display());
    };
    let mut train_set = read_treebank(&train_path)?;
    if args.limit > 0 {
        train_set.truncate(args.limit);
    }
    let mut dev_set = match treebank_file(&args.data, "-ud-dev.conllu")? {
        Some(p) => Some(read_treebank(&p)?),
        None => None,
    };
    let start = Instant::now();
    if args.with_gold && args.folds == 0 {
        bail!("--with-gold needs --folds");
    }
    if args.folds > 0 {
        let gold = args.with_gold.then(|| train_set.clone());
        train_set = newsgraph_text::tagger::train::jackknife(
            &train_set,
            args.folds,
            &TaggerOptions::default(),
            |line| {
                if !globals.quiet {
                    eprintln!(
                        "jackknife tagging: {line}  {:.0} s",
                        start.elapsed().as_secs_f64()
                    );
                }
            },
        )?;
        if let Some(gold) = gold {
            train_set.extend(gold);
        }
        let tagger = newsgraph_text::tagger::TaggerModel::shipped()?;
        let mut scratch = newsgraph_text::tagger::Scratch::default();
        for s in dev_set.iter_mut().flatten() {
            tagger.retag(s, &mut scratch);
        }
    }
    let opts = TrainOptions {
        epochs: args.epochs,
        action_bits: args.action_bits,
        label_bits: args.label_bits,
        explore_p: args.explore,
        runs: args.runs,
        beam: args.beam,
        clusters: args.clusters,
        ..TrainOptions::default()
    };
    let report = |r: &newsgraph_text::parser::EpochReport| {
        if !globals.quiet {
            match &r.dev {
                Some(d) => eprintln!(
                    "run {} epoch {:2}  train {:.2} %  dev UAS {:.2} %  LAS {:.2} %  LAS (full) {:.2} %  {:.0} s",
                    r.run,
                    r.epoch,
                    100.0 * r.train_accuracy,
                    100.0 * d.uas(),
                    100.0 * d.las(),
                    100.0 * d.las_full(),
                    start.elapsed().as_secs_f64()
                ),
                None => eprintln!(
                    "run {} epoch {:2}  train {:.2} %  {:.0} s",
                    r.run,
                    r.epoch,
                    100.0 * r.train_accuracy,
                    start.elapsed().as_secs_f64()
                ),
            }
        }
    };
    let model = if args.biaffine {
        let bopts = newsgraph_text::parser::BiaffineOptions {
            hidden: args.lstm_units,
            layers: args.layers,
            word_dim: args.word_dim,
            arc_dim: args.arc_dim,
            rate: args.adam_rate,
            dropout: args.lstm_dropout,
            batch: args.batch,
            shards: args.shards,
            ema: args.ema,
            ..Default::default()
        };
        newsgraph_text::parser::train_biaffine(
            &train_set,
            dev_set.as_deref(),
            args.epochs,
            opts.seed,
            &bopts,
            report,
        )?
    } else if args.neural {
        let nopts = newsgraph_text::parser::NeuralOptions {
            dim: args.dim,
            hidden: args.hidden,
            rate: args.rate,
            dropout: args.dropout,
            ..Default::default()
        };
        newsgraph_text::parser::train_neural(
            &train_set,
            dev_set.as_deref(),
            args.epochs,
            opts.seed,
            &nopts,
            report,
        )?
    } else {
        train(&train_set, dev_set.as_deref(), &opts, report)?
    };
    let bytes = model.to_bytes();
    std::fs::write(&args.out, &bytes)
        .with_context(|| format!("{}: cannot write the model", args.out.display()))?;
    if !globals.quiet {
        eprintln!(
            "wrote {} ({:.1} MB) in {:.0} s",
            args.out.display(),
            bytes.len() as f64 / 1e6,
            start.elapsed().as_secs_f64()
        );
    }
    Ok(Outcome::ok())
}

fn clusters(args: ClustersArgs, globals: Globals) -> anyhow::Result<Outcome> {
    use newsgraph_text::clusters::{induce, ClusterOptions};
    let Some(train_path) = treebank_file(&args.data, "-ud-train.conllu")? else {
        bail!("{}: no *-ud-train.conllu file", args.data.display());
    };
    let start = Instant::now();
    let mut sentences: Vec<Vec<String>> = read_treebank(&train_path)?
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.clone()).collect())
        .collect();
    for dir in &args.text {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .with_context(|| format!("{}: cannot read the directory", dir.display()))?
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f)
                .with_context(|| format!("{}: cannot read", f.display()))?;
            for sent in newsgraph_text::split_sentences(&text) {
                let Some(st) = text.get(sent.start..sent.end) else {
                    continue;
                };
                let words: Vec<String> = newsgraph_text::tokenize(st)
                    .iter()
                    .filter_map(|t| st.get(t.start..t.end))
                    .map(str::to_string)
                    .collect();
                if !words.is_empty() {
                    sentences.push(words);
                }
            }
        }
    }
    let opts = ClusterOptions {
        min_count: args.min_count,
        depth: args.depth,
        contexts: args.contexts,
        ..ClusterOptions::default()
    };
    let clusters = induce(&sentences, &opts);
    std::fs::write(&args.out, clusters.to_text())
        .with_context(|| format!("{}: cannot write the clusters", args.out.display()))?;
    if !globals.quiet {
        eprintln!(
            "wrote {}: {} words in {} clusters from {} sentences in {:.0} s",
            args.out.display(),
            clusters.len(),
            clusters.cluster_count(),
            sentences.len(),
            start.elapsed().as_secs_f64()
        );
    }
    Ok(Outcome::ok())
}

fn tagger(args: TaggerArgs, globals: Globals) -> anyhow::Result<Outcome> {
    let Some(train_path) = treebank_file(&args.data, "-train.conllu")? else {
        bail!("{}: no *-train.conllu file", args.data.display());
    };
    let train_set = read_treebank(&train_path)?;
    let dev_set = match treebank_file(&args.data, "-dev.conllu")? {
        Some(p) => read_treebank(&p)?,
        None => Vec::new(),
    };
    let opts = TaggerOptions {
        iterations: args.iterations,
        seed: args.seed,
        ..TaggerOptions::default()
    };
    let started = Instant::now();
    let (model, report) = newsgraph_text::tagger::train::train(
        &train_set,
        (!dev_set.is_empty()).then_some(dev_set.as_slice()),
        &opts,
        |line| {
            if !globals.quiet {
                eprintln!("train tagger: {line}");
            }
        },
    )?;
    let seconds = started.elapsed().as_secs_f64();
    let bytes = model.to_bytes();
    if let Some(parent) = args.out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("{}: cannot create the directory", parent.display()))?;
    }
    std::fs::write(&args.out, &bytes)
        .with_context(|| format!("{}: cannot write the model", args.out.display()))?;
    let mut r = Report::new(format!("Tagger trained, written to {}", args.out.display()));
    r.count("sentences", train_set.len())
        .count("words", report.words)
        .count("classes", report.classes)
        .count("passes", report.train_accuracy.len())
        .count("chosen_pass", report.chosen)
        .count("features", report.features)
        .count("lemma_rules", report.lemma_rules)
        .count("lemma_exceptions", report.lemma_exceptions)
        .count("model_bytes", bytes.len());
    if let Some(&dev) = report.dev_upos.get(report.chosen.wrapping_sub(1)) {
        r.fraction("dev_upos", dev);
    }
    r.number("seconds", seconds);
    r.print(args.format)?;
    Ok(Outcome::ok())
}
