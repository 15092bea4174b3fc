//! `dateline train`: train the tagger and the entity recogniser from the GMB news corpus and write
//! the model files that are compiled into the binary.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::{Args, Subcommand, ValueEnum};
use dateline_eval::Counts;
use dateline_nlp::ner::{labels, Recognizer};
use dateline_syntax::model::ModelFile;
use dateline_syntax::pos::Tagger;
use dateline_train::gmb::{read_gmb, split, Split};
use dateline_train::{ner, pos};

/// The corpus beside the repository, where `../shared/data` keeps it.
pub const DEFAULT_GMB: &str = "../shared/data/gmb-ner/ner_dataset.csv.zip";
/// The UD English treebanks beside the repository.
pub const DEFAULT_UD: &str = "../shared/data/ud-english";

#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Which model.
    #[arg(value_enum)]
    model: ModelKind,
    /// The training data: the GMB corpus (`ner_dataset.csv.zip` or the extracted CSV) for `ner`,
    /// the folder of UD English treebanks for `parse` (default: beside the repository).
    #[arg(long)]
    data: Option<PathBuf>,
    /// Parser only: the GMB news corpus whose train split the tagger also learns from (news
    /// vocabulary; the treebanks are mostly web text).
    #[arg(long, default_value = DEFAULT_GMB)]
    news: PathBuf,
    /// Training passes over the data.
    #[arg(long, default_value_t = 6)]
    epochs: usize,
    /// Shuffling seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Parser only: feature rows of the move model, as a power of two.
    #[arg(long, default_value_t = dateline_syntax::parse::MOVE_BITS)]
    move_bits: u32,
    /// Parser only: feature rows of the label model, as a power of two.
    #[arg(long, default_value_t = dateline_syntax::parse::LABEL_BITS)]
    label_bits: u32,
    /// Parser only: the probability of following the model's own move in training (dynamic
    /// oracle exploration).
    #[arg(long, default_value_t = 0.9)]
    explore: f64,
    /// Parser only: the first epoch (0-based) that explores.
    #[arg(long, default_value_t = 1)]
    explore_from: usize,
    /// Parser only: feature rows of the tagger, as a power of two.
    #[arg(long, default_value_t = dateline_syntax::parse::TAG_BITS)]
    tag_bits: u32,
    /// Where to write the model (default: the embedded model files, `crates/dateline-nlp/models/ner.bin`
    /// or the folder `crates/dateline-syntax/models`).
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModelKind {
    /// The named-entity recogniser (GMB train, with the embedded tagger's tags).
    Ner,
    /// The part-of-speech tagger (UD treebanks and GMB train) and the dependency parser (UD
    /// English EWT train plus the CC BY/BY-SA genres of GUM train).
    Parse,
}

#[derive(Debug, Subcommand)]
pub enum ModelEval {
    /// Tagging accuracy on a GMB split.
    Pos(SplitArgs),
    /// Entity P/R/F1 per type on a GMB split.
    Ner(SplitArgs),
    /// Dependency attachment (UAS, LAS) on a CoNLL-U file: gold words, predicted tags, every
    /// word including punctuation, relations without subtypes.
    Parse(ParseEvalArgs),
}

#[derive(Debug, Args)]
pub struct ParseEvalArgs {
    /// The CoNLL-U file (e.g. `../shared/data/ud-english/en_ewt-ud-test.conllu`).
    file: PathBuf,
    /// Print `{"uas", "las", "words", "words_per_s"}` as JSON instead of a line of text.
    #[arg(long)]
    json: bool,
    /// Also write the predicted trees to this CoNLL-U file (gold words; predicted head and
    /// relation; the gold relation in MISC as `Gold=HEAD:REL`), for error analysis.
    #[arg(long, value_name = "FILE")]
    conllu: Option<PathBuf>,
    /// Score the `parse-*.bin` files in this folder (as written by `train parse --out`) instead
    /// of the embedded model.
    #[arg(long, value_name = "DIR")]
    model: Option<PathBuf>,
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
        ModelKind::Ner => Path::new("crates/dateline-nlp/models/ner.bin"),
        ModelKind::Parse => Path::new("crates/dateline-syntax/models"),
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
    if args.model == ModelKind::Parse {
        return train_parser(args);
    }
    let data = args.data.clone().unwrap_or_else(|| DEFAULT_GMB.into());
    let sentences = load(&data)?;
    let train_set = split(&sentences, Split::Train);
    let dev = split(&sentences, Split::Dev);
    let started = Instant::now();
    let gazetteer = dateline_nlp::gazetteer::Gazetteer::embedded().token_classes();
    let (mut file, summary) = match args.model {
        ModelKind::Ner => {
            let file = ner::train(
                train_set,
                Tagger::embedded(),
                gazetteer,
                args.epochs,
                args.seed,
            );
            let recognizer = Recognizer::from_bytes(&file.to_bytes())?;
            let counts = ner::evaluate(&recognizer, Tagger::embedded(), gazetteer, dev);
            (file, format!("dev:\n{}", ner_table(&counts)))
        }
        ModelKind::Parse => unreachable!("trained by train_parser"),
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
        ModelEval::Parse(args) => return eval_parser(args),
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

/// Training passes of the tagger (on UD, and of each jackknifing fold).
const TAGGER_EPOCHS: usize = 10;

/// The treebank files the parser trains on, in the UD folder `dir`.
const PARSE_TRAIN: [&str; 2] = ["en_ewt-ud-train.conllu", "en_gum-ud-train.conllu"];
/// The development files that choose the model.
const PARSE_DEV: [&str; 2] = ["en_ewt-ud-dev.conllu", "en_gum-ud-dev.conllu"];

fn treebanks(dir: &Path, files: &[&str]) -> anyhow::Result<Vec<dateline_train::conllu::Sentence>> {
    let mut out = Vec::new();
    for file in files {
        let path = dir.join(file);
        let sentences = dateline_train::conllu::read(&path)
            .with_context(|| format!("cannot read the treebank {}", path.display()))?;
        out.extend(
            sentences
                .into_iter()
                .filter(dateline_train::parse::licensed),
        );
    }
    Ok(out)
}

fn train_parser(args: &TrainArgs) -> anyhow::Result<ExitCode> {
    let dir = args.data.clone().unwrap_or_else(|| DEFAULT_UD.into());
    let train_set = treebanks(&dir, &PARSE_TRAIN)?;
    let dev = treebanks(&dir, &PARSE_DEV)?;
    eprintln!(
        "{}: {} training sentences, {} dev sentences",
        dir.display(),
        train_set.len(),
        dev.len()
    );
    let started = Instant::now();
    let tag_bits = args.tag_bits;
    for bits in [args.move_bits, args.label_bits, tag_bits] {
        anyhow::ensure!(
            (8..=24).contains(&bits),
            "model bits must be 8 to 24, not {bits}"
        );
    }
    let news_all = load(&args.news)?;
    let news = split(&news_all, Split::Train);
    let tag_file =
        dateline_train::parse::tagger(&train_set, news, TAGGER_EPOCHS, args.seed, tag_bits);
    let tagger = Tagger::from_file(tag_file.clone())?;
    let dev_tagged: Vec<_> = dev
        .iter()
        .filter_map(dateline_train::conllu::tagged)
        .collect();
    let (right, total) = pos::accuracy(&tagger, &dev_tagged);
    eprintln!(
        "tagger: dev accuracy {:.4} ({right}/{total}); {} words in the lexicon",
        right as f64 / total.max(1) as f64,
        tag_file.lexicon.len()
    );
    let options = dateline_train::parse::TrainOptions {
        epochs: args.epochs,
        seed: args.seed,
        explore_from: args.explore_from,
        explore: args.explore,
        move_bits: args.move_bits,
        label_bits: args.label_bits,
    };
    let tags = dateline_train::parse::jackknifed_tags(
        &train_set,
        news,
        5,
        TAGGER_EPOCHS,
        args.seed,
        tag_bits,
    );
    eprintln!(
        "tagged by 5-fold jackknifing in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let (moves, labels) = dateline_train::parse::train(&train_set, &tags, options);
    let parser = dateline_syntax::parse::Parser::from_files(
        Cow::Owned(tagger),
        moves.clone(),
        labels.clone(),
    )?;
    let score = dateline_train::parse::evaluate(&parser, &dev);
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| default_out(ModelKind::Parse));
    for file in [&tag_file, &moves, &labels] {
        let path = out.join(format!("{}.bin", file.name));
        std::fs::write(&path, file.to_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?;
        eprintln!("wrote {}", path.display());
    }
    eprintln!(
        "trained in {:.1} s; dev UAS {:.4} LAS {:.4} ({} words)",
        started.elapsed().as_secs_f64(),
        score.uas(),
        score.las(),
        score.words
    );
    Ok(ExitCode::SUCCESS)
}

/// The parser whose model files `train parse --out DIR` wrote into `dir`.
fn load_parser(dir: &Path) -> anyhow::Result<dateline_syntax::parse::Parser> {
    let read = |name: &str| -> anyhow::Result<Vec<u8>> {
        let path = dir.join(format!("{name}.bin"));
        std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))
    };
    Ok(dateline_syntax::parse::Parser::from_files(
        Cow::Owned(Tagger::from_bytes(&read("parse-tags")?)?),
        ModelFile::load("parse-moves", &read("parse-moves")?)?,
        ModelFile::load("parse-labels", &read("parse-labels")?)?,
    )?)
}

fn eval_parser(args: &ParseEvalArgs) -> anyhow::Result<ExitCode> {
    let trees = dateline_train::conllu::read(&args.file)
        .with_context(|| format!("cannot read the treebank {}", args.file.display()))?;
    let loaded = args.model.as_deref().map(load_parser).transpose()?;
    let parser = loaded
        .as_ref()
        .unwrap_or_else(|| dateline_syntax::parse::Parser::embedded());
    let started = Instant::now();
    let score = dateline_train::parse::evaluate(parser, &trees);
    let words_per_s = score.words as f64 / started.elapsed().as_secs_f64().max(1e-9);
    if let Some(path) = &args.conllu {
        let mut out = String::new();
        dateline_train::parse::evaluate_with(parser, &trees, |tree, arcs| {
            dateline_train::conllu::write_parse(tree, arcs, &mut out);
        });
        std::fs::write(path, out).with_context(|| format!("cannot write {}", path.display()))?;
    }
    #[allow(clippy::print_stdout)]
    if args.json {
        println!(
            "{}",
            serde_json::json!({
                "uas": (score.uas() * 10_000.0).round() / 10_000.0,
                "las": (score.las() * 10_000.0).round() / 10_000.0,
                "words": score.words,
                "words_per_s": words_per_s.round(),
            })
        );
    } else {
        println!(
            "{}: UAS {:.4}, LAS {:.4} over {} words (tagging and parsing at {:.0} words/s)",
            args.file.display(),
            score.uas(),
            score.las(),
            score.words,
            words_per_s
        );
    }
    Ok(ExitCode::SUCCESS)
}
