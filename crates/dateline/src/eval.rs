//! `dateline eval`: score the pipeline against hand-annotated articles, or the segmenter against
//! a CoNLL-U treebank.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Subcommand};
use dateline_eval::{evaluate_conllu_dir, load_gold_dir, score_document, Report};
use dateline_ingest::{parse_date, read_file, ReadConfig};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct EvalArgs {
    #[command(subcommand)]
    target: Option<EvalTarget>,
    /// A folder of `NAME.txt` articles with `NAME.gold.json` annotations.
    gold_dir: Option<PathBuf>,
    /// Also write the scores, per document and in total, as JSON to this file.
    #[arg(long)]
    json: Option<PathBuf>,
    /// Only the odd- or even-numbered articles (numbered from 1 in name order): develop on one
    /// half, report the other.
    #[arg(long, value_enum)]
    half: Option<ProbeHalf>,
}

#[derive(Debug, Subcommand)]
enum EvalTarget {
    /// Sentence-boundary precision, recall and F1 on CoNLL-U files (e.g. the GUM news treebank).
    Segment {
        /// A folder of `.conllu` files.
        dir: PathBuf,
        /// Also write the scores as JSON to this file.
        #[arg(long)]
        json: Option<PathBuf>,
    },
    /// Sentence-level PLOVER type and actor accuracy on the PLOVER gold-standard records
    /// (`plover_gsr.jsonl`, or a folder holding it).
    PloverGsr {
        /// The JSON Lines file, or its folder.
        path: PathBuf,
        /// Only the odd- or even-numbered records: develop on one half, report the other.
        #[arg(long, value_enum)]
        half: Option<ProbeHalf>,
        /// Also write the scores as JSON to this file.
        #[arg(long)]
        json: Option<PathBuf>,
    },
    /// Quote, speaker and cue scores on GUM news CoNLL-U files (`../shared/data/gum-news`):
    /// gold from their quotation markup, eRST attribution relations and coreference.
    Quotes {
        /// A folder of GUM `.conllu` files, numbered from 1 in name order.
        dir: PathBuf,
        /// Only the odd- or even-numbered files: develop on one half, report the other.
        #[arg(long, value_enum)]
        half: Option<ProbeHalf>,
        /// Also write the scores as JSON to this file.
        #[arg(long)]
        json: Option<PathBuf>,
    },
    /// Actor-code accuracy on dated probe sentences (TAB-separated: sentence, date, expected
    /// codes `|`-separated), e.g. `crates/dateline-eval/resources/probes/people.tsv`.
    Actors {
        /// The probe file.
        path: PathBuf,
        /// Only the odd- or even-numbered probes: develop on one half, report the other.
        #[arg(long, value_enum)]
        half: Option<ProbeHalf>,
        /// Also write the scores as JSON to this file.
        #[arg(long)]
        json: Option<PathBuf>,
    },
    /// Event precision and recall on probe sentences, each with the one event a CAMEO coder
    /// would code or none (TAB-separated: sentence, source, target, root, PLOVER type; `-` for
    /// none), e.g. `crates/dateline-eval/resources/probes/events.tsv`. With `-vv`, each probe
    /// that came out wrong is logged: for error analysis on the development half only.
    EventProbes {
        /// The probe file.
        path: PathBuf,
        /// Only the odd- or even-numbered probes: develop on one half, report the other.
        #[arg(long, value_enum)]
        half: Option<ProbeHalf>,
        /// Also write the scores as JSON to this file.
        #[arg(long)]
        json: Option<PathBuf>,
    },
    /// A trained model on a split of the GMB corpus.
    #[command(flatten)]
    Model(crate::train::ModelEval),
}

/// A half of a probe or record file.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum ProbeHalf {
    /// Odd-numbered records.
    Odd,
    /// Even-numbered records.
    Even,
}

impl From<ProbeHalf> for dateline_eval::Half {
    fn from(half: ProbeHalf) -> Self {
        match half {
            ProbeHalf::Odd => dateline_eval::Half::Odd,
            ProbeHalf::Even => dateline_eval::Half::Even,
        }
    }
}

/// The probes of the file at `path` that `read` finds, of `half`, and the pipeline to run them
/// through.
fn load_probes<T>(
    path: &Path,
    half: Option<ProbeHalf>,
    read: impl Fn(&str, Option<dateline_eval::Half>) -> dateline_eval::Result<Vec<T>>,
) -> anyhow::Result<(Vec<T>, dateline_core::Pipeline)> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let probes = read(&text, half.map(Into::into))
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let pipeline = dateline_nlp::standard_pipeline(&dateline_nlp::Config::default());
    Ok((probes, pipeline))
}

fn eval_actor_probes(
    path: &Path,
    half: Option<ProbeHalf>,
    json: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    use dateline_eval::actor_probes::{read_probes, ProbeScore};
    let (probes, pipeline) = load_probes(path, half, read_probes)?;
    let mut score = ProbeScore::default();
    for probe in &probes {
        let mut doc = dateline_core::Document::from_text(probe.text.clone());
        doc.meta.published = probe.published;
        doc.meta.published_source = probe.published.map(|_| dateline_core::DateSource::Flag);
        pipeline.run(&mut doc);
        score.add(&doc, probe);
    }
    report(&score, json)
}

/// Prints a score and, when asked, writes it as JSON.
fn report(
    score: &(impl std::fmt::Display + serde::Serialize),
    json: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    #[allow(clippy::print_stdout)]
    {
        print!("{score}");
    }
    if let Some(path) = json {
        write_json(path, score)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn write_json(path: &Path, value: &impl serde::Serialize) -> anyhow::Result<()> {
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    serde_json::to_writer_pretty(BufWriter::new(file), value)
        .with_context(|| format!("cannot write {}", path.display()))
}

fn eval_gum_quotes(
    dir: &Path,
    half: Option<ProbeHalf>,
    json: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "conllu") && p.is_file())
        .collect();
    files.sort();
    if files.is_empty() {
        anyhow::bail!("{}: no .conllu files", dir.display());
    }
    let half = half.map(Into::into);
    let pipeline = dateline_nlp::standard_pipeline(&dateline_nlp::Config::default());
    let mut score = dateline_eval::gum_quotes::GumQuoteScore::default();
    for (k, path) in files.iter().enumerate() {
        if !dateline_eval::Half::keeps(half, k + 1) {
            continue;
        }
        let conllu = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let gold = dateline_eval::gum_quotes::read_document(&conllu);
        let mut doc = dateline_core::Document::from_text(gold.text.clone());
        pipeline.run(&mut doc);
        score.add(&doc, &gold);
    }
    report(&score, json)
}

fn eval_gold(dir: &Path, half: Option<ProbeHalf>, json: Option<&Path>) -> anyhow::Result<ExitCode> {
    let half = half.map(Into::into);
    let cases: Vec<_> = load_gold_dir(dir)
        .with_context(|| format!("cannot load gold from {}", dir.display()))?
        .into_iter()
        .enumerate()
        .filter(|(k, _)| dateline_eval::Half::keeps(half, k + 1))
        .map(|(_, case)| case)
        .collect();
    if cases.is_empty() {
        anyhow::bail!(
            "{}: no NAME.txt with a NAME.gold.json beside it",
            dir.display()
        );
    }
    let pipeline = dateline_nlp::standard_pipeline(&dateline_nlp::Config::default());
    let config = ReadConfig::default();
    let mut report = Report::new();
    let mut failed = 0;
    for case in &cases {
        let mut doc = match read_file(&case.text_path, &config).next() {
            Some(Ok(doc)) => doc,
            Some(Err(err)) => {
                eprintln!("error: {err}");
                failed += 1;
                continue;
            }
            None => {
                eprintln!("error: {}: no document", case.text_path.display());
                failed += 1;
                continue;
            }
        };
        if let Some(published) = case.gold.input.published.as_deref().and_then(parse_date) {
            doc.meta.published = Some(published);
            doc.meta.published_source = Some(dateline_core::DateSource::Flag);
        }
        pipeline.run(&mut doc);
        report.add(case.name.clone(), score_document(&doc, &case.gold));
    }
    #[allow(clippy::print_stdout)]
    {
        print!("{}", report.render());
    }
    if let Some(path) = json {
        write_json(path, &report)?;
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn eval_segmentation(dir: &Path, json: Option<&Path>) -> anyhow::Result<ExitCode> {
    let score =
        evaluate_conllu_dir(dir).with_context(|| format!("cannot evaluate {}", dir.display()))?;
    report(&score, json)
}

fn eval_event_probes(
    path: &Path,
    half: Option<ProbeHalf>,
    json: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    use dateline_eval::event_probes::{read_event_probes, EventProbeScore};
    let (probes, pipeline) = load_probes(path, half, read_event_probes)?;
    let mut score = EventProbeScore::default();
    for probe in &probes {
        let mut doc = dateline_core::Document::from_text(probe.text.clone());
        pipeline.run(&mut doc);
        if !score.add(&doc, probe) {
            let gold: Vec<String> = probe
                .gold
                .iter()
                .map(|g| {
                    format!(
                        "{} {}->{}",
                        g.cameo_root,
                        g.source.as_deref().unwrap_or("-"),
                        g.target.as_deref().unwrap_or("-")
                    )
                })
                .collect();
            let gold = if gold.is_empty() {
                "none".to_owned()
            } else {
                gold.join("; ")
            };
            tracing::debug!(
                number = probe.number,
                gold = %gold,
                predicted = %describe_events(&doc),
                text = %probe.text,
                "probe wrong"
            );
        }
    }
    report(&score, json)
}

/// An event as `PLOVER code source->target (rule)`, for logs.
fn describe(e: &dateline_core::Event) -> String {
    let actor = |p: Option<&dateline_core::Participant>| {
        p.and_then(|p| p.actor.clone()).unwrap_or_default()
    };
    format!(
        "{} {} {}->{} ({})",
        e.plover.as_ref().map_or("-", |p| p.kind.as_str()),
        e.cameo,
        actor(e.source.as_ref()),
        actor(e.target.as_ref()),
        e.rule.as_deref().unwrap_or("-"),
    )
}

/// The events of `doc` ([`describe`]d), for logs.
fn describe_events(doc: &dateline_core::Document) -> String {
    if doc.events.is_empty() {
        return "none".to_owned();
    }
    doc.events
        .iter()
        .map(describe)
        .collect::<Vec<_>>()
        .join("; ")
}

/// With `-vv`, a record whose top event has the wrong type (or none): for error analysis on the
/// development half only.
fn log_gsr_miss(doc: &dateline_core::Document, gold: &dateline_eval::plover_gsr::GsrRecord) {
    tracing::debug!(
        id = %gold.id,
        gold = %format!("{} {} {:?}->{:?}", gold.plover_event, gold.cameo_code.as_deref().unwrap_or("-"),
            gold.source_codes, gold.target_codes),
        predicted = %dateline_eval::plover_gsr::top(doc).map_or_else(|| "none".to_owned(), describe),
        text = %gold.text,
        "wrong type"
    );
}

fn eval_plover_gsr(
    path: &Path,
    half: Option<ProbeHalf>,
    json: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let file = if path.is_dir() {
        path.join("plover_gsr.jsonl")
    } else {
        path.to_owned()
    };
    let reader = File::open(&file).with_context(|| format!("cannot open {}", file.display()))?;
    let records = dateline_eval::plover_gsr::read_records(
        std::io::BufReader::new(reader),
        half.map(Into::into),
    )
    .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let pipeline = dateline_nlp::standard_pipeline(&dateline_nlp::Config::default());
    let mut score = dateline_eval::plover_gsr::GsrScore::default();
    for record in &records {
        let mut doc = dateline_core::Document::from_text(record.text.clone());
        pipeline.run(&mut doc);
        let right = score.plover.correct;
        score.add(&doc, record);
        if score.plover.correct == right {
            log_gsr_miss(&doc, record);
        }
    }
    report(&score, json)
}

pub fn run(args: &EvalArgs) -> anyhow::Result<ExitCode> {
    match (&args.target, &args.gold_dir) {
        (Some(EvalTarget::Segment { dir, json }), _) => eval_segmentation(dir, json.as_deref()),
        (Some(EvalTarget::PloverGsr { path, half, json }), _) => {
            eval_plover_gsr(path, *half, json.as_deref())
        }
        (Some(EvalTarget::Quotes { dir, half, json }), _) => {
            eval_gum_quotes(dir, *half, json.as_deref())
        }
        (Some(EvalTarget::Actors { path, half, json }), _) => {
            eval_actor_probes(path, *half, json.as_deref())
        }
        (Some(EvalTarget::EventProbes { path, half, json }), _) => {
            eval_event_probes(path, *half, json.as_deref())
        }
        (Some(EvalTarget::Model(target)), _) => crate::train::eval(target),
        (None, Some(dir)) => eval_gold(dir, args.half, args.json.as_deref()),
        (None, None) => anyhow::bail!(
            "give a gold folder (dateline eval DIR) or a target (dateline eval segment DIR)"
        ),
    }
}
