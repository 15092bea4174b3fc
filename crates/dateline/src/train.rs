//! `dateline train`: train the tagger and the entity recogniser from the GMB news corpus and write
//! the model files that are compiled into the binary.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::{Args, Subcommand, ValueEnum};
use dateline_eval::Counts;
use dateline_nlp::ner::{labels, Recognizer};
use dateline_syntax::pos::Tagger;
use dateline_train::gmb::{read_gmb, split, Split};
use dateline_train::{ner, pos};

/// The corpus beside the repository, where `../shared/data` keeps it.
pub const DEFAULT_GMB: &str = "../shared/data/gmb-ner/ner_dataset.csv.zip";

#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Which model.
    #[arg(value_enum)]
    model: ModelKind,
    /// The GMB corpus (`ner_dataset.csv.zip` or the extracted CSV).
    #[arg(long, default_value = DEFAULT_GMB)]
    data: PathBuf,
    /// Training passes over the data.
    #[arg(long, default_value_t = 6)]
    epochs: usize,
    /// Shuffling seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Where to write the model (default: the embedded model file, `crates/dateline-syntax/models/pos.bin`
    /// or `crates/dateline-nlp/models/ner.bin`).
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModelKind {
    /// The part-of-speech tagger.
    Pos,
    /// The named-entity recogniser.
    Ner,
}

#[derive(Debug, Subcommand)]
pub enum ModelEval {
    /// Tagging accuracy on a GMB split.
    Pos(SplitArgs),
    /// Entity P/R/F1 per type on a GMB split.
    Ner(SplitArgs),
}

#[derive(Debug, Args)]
pub struct SplitArgs {
    /// The GMB corpus.
    #[arg(long, default_value = DEFAULT_GMB)]
    data: PathBuf,
    /// Which split (train, dev, test).
    #[arg(long, default_value = "test")]
    split: Split,
}

fn default_out(kind: ModelKind) -> PathBuf {
    match kind {
        ModelKind::Pos => Path::new("crates/dateline-syntax/models/pos.bin"),
        ModelKind::Ner => Path::new("crates/dateline-nlp/models/ner.bin"),
    }
    .to_path_buf()
}

fn load(path: &Path) -> anyhow::Result<Vec<dateline_train::gmb::Sentence>> {
    let sentences = read_gmb(path)
        .with_context(|| format!("cannot read the GMB corpus at {}", path.display()))?;
    eprintln!("{}: {} sentences", path.display(), sentences.len());
    Ok(sentences)
}

fn ner_table(counts: &[(usize, usize, usize)]) -> String {
    use std::fmt::Write;
    let mut out = format!(
        "{:<8} {:>7} {:>7} {:>7} {:>7}\n",
        "type", "P", "R", "F1", "gold"
    );
    let mut all = Counts::default();
    let mut main = Counts::default();
    let row = |out: &mut String, label: &str, c: &Counts| {
        let _ = writeln!(
            out,
            "{label:<8} {:>7.3} {:>7.3} {:>7.3} {:>7}",
            c.precision(),
            c.recall(),
            c.f1(),
            c.n_gold
        );
    };
    for (ty, &(matched, predicted, gold)) in labels::TYPES.iter().zip(counts) {
        let c = Counts::one_to_one(matched, predicted, gold);
        row(&mut out, ty, &c);
        all += c;
        if ["per", "org", "geo", "gpe", "tim"].contains(ty) {
            main += c;
        }
    }
    row(&mut out, "all 8", &all);
    row(&mut out, "main 5", &main);
    out
}

pub fn train(args: &TrainArgs) -> anyhow::Result<ExitCode> {
    let sentences = load(&args.data)?;
    let train_set = split(&sentences, Split::Train);
    let dev = split(&sentences, Split::Dev);
    let started = Instant::now();
    let gazetteer = dateline_nlp::gazetteer::Gazetteer::embedded().token_classes();
    let (mut file, summary) = match args.model {
        ModelKind::Pos => {
            let file = pos::train(train_set, args.epochs, args.seed);
            let tagger = Tagger::from_file(file.clone())?;
            let (correct, total) = pos::accuracy(&tagger, dev);
            let summary = format!(
                "dev accuracy {:.4} ({correct}/{total})",
                correct as f64 / total.max(1) as f64
            );
            (file, summary)
        }
        ModelKind::Ner => {
            let file = ner::train(train_set, gazetteer, args.epochs, args.seed);
            let recognizer = Recognizer::from_bytes(&file.to_bytes())?;
            let counts = ner::evaluate(&recognizer, Tagger::embedded(), gazetteer, dev);
            (file, format!("dev:\n{}", ner_table(&counts)))
        }
    };
    file.about = format!(
        r#"{{"data":"GMB ner_dataset.csv (Kaggle entity-annotated-corpus, ODbL)","split":"train = first 80% of sentences","sentences":{},"epochs":{},"seed":{},"gazetteer":"{:016x}"}}"#,
        train_set.len(),
        args.epochs,
        args.seed,
        gazetteer.fingerprint()
    );
    let out = args.out.clone().unwrap_or_else(|| default_out(args.model));
    std::fs::write(&out, file.to_bytes())
        .with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!(
        "trained in {:.1} s; {summary}\nwrote {}",
        started.elapsed().as_secs_f64(),
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn eval(target: &ModelEval) -> anyhow::Result<ExitCode> {
    match target {
        ModelEval::Pos(args) => {
            let sentences = load(&args.data)?;
            let (correct, total) = pos::accuracy(Tagger::embedded(), split(&sentences, args.split));
            #[allow(clippy::print_stdout)]
            {
                println!(
                    "POS accuracy on {:?}: {:.4} ({correct}/{total})",
                    args.split,
                    correct as f64 / total.max(1) as f64
                );
            }
        }
        ModelEval::Ner(args) => {
            let sentences = load(&args.data)?;
            let gazetteer = dateline_nlp::gazetteer::Gazetteer::embedded().token_classes();
            let counts = ner::evaluate(
                Recognizer::embedded(),
                Tagger::embedded(),
                gazetteer,
                split(&sentences, args.split),
            );
            #[allow(clippy::print_stdout)]
            {
                print!(
                    "NER on GMB {:?} (exact span and type):\n{}",
                    args.split,
                    ner_table(&counts)
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
