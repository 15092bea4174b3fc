//! Stages and the pipeline that runs them.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::Document;

/// One step of the pipeline: reads a document and adds its layer.
///
/// **Architecture invariant:** stages do no I/O and keep no mutable state; they are built once with
/// their resources and shared across threads.
pub trait Stage: Send + Sync {
    /// A short name for timings and diagnostics (`segment`, `entities`).
    fn name(&self) -> &'static str;

    /// Adds this stage's layer to `doc`. Never fails: odd text yields fewer annotations and, at
    /// most, a [`crate::Diagnostic`].
    fn run(&self, doc: &mut Document);
}

/// A stage that failed on a document: an internal error, reported with the document's input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("internal error in stage {stage}: {message}")]
pub struct StageFailure {
    /// The stage.
    pub stage: &'static str,
    /// The panic message.
    pub message: String,
}

/// Why a run over one document stopped before its end.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RunError {
    /// A stage panicked.
    #[error(transparent)]
    Failed(#[from] StageFailure),
    /// The caller asked the run to stop (a deadline passed); the document is half-annotated.
    #[error("stopped before stage {stage}: the caller cancelled the run")]
    Cancelled {
        /// The first stage not run.
        stage: &'static str,
    },
}

/// The default work budget: the most tokens a document is annotated over (about 6 MB of
/// English, a few seconds on one core). News articles are a few thousand.
pub const DEFAULT_MAX_TOKENS: usize = 1_000_000;

/// Stages run in order over each document; documents run in parallel.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
    max_tokens: usize,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.stages.iter().map(|s| s.name()))
            .finish()
    }
}

impl Pipeline {
    /// A pipeline of `stages`, run in the given order.
    #[must_use]
    pub fn new(stages: Vec<Box<dyn Stage>>) -> Self {
        Pipeline {
            stages,
            max_tokens: DEFAULT_MAX_TOKENS,
        }
    }

    /// The same pipeline with a work budget of `max_tokens` per document: a document segmented
    /// into more tokens is annotated over its first `max_tokens` only (whole sentences), with a
    /// diagnostic saying so. The text itself is kept whole.
    #[must_use]
    pub fn with_max_tokens(mut self, max_tokens: usize) -> Self {
        self.max_tokens = max_tokens;
        self
    }

    /// The work budget per document, in tokens.
    #[must_use]
    pub fn max_tokens(&self) -> usize {
        self.max_tokens
    }

    /// Runs `stage`, then holds the document to the budget.
    fn step(&self, stage: &dyn Stage, doc: &mut Document) {
        stage.run(doc);
        if doc.tokens.len() > self.max_tokens {
            let total = doc.tokens.len();
            doc.truncate_tokens(self.max_tokens);
            doc.diagnostics.push(crate::Diagnostic {
                stage: "budget".into(),
                message: format!(
                    "annotated over the first {} of {total} tokens: the work budget is {} tokens per document",
                    doc.tokens.len(),
                    self.max_tokens
                ),
            });
        }
    }

    /// The stage names, in order.
    #[must_use]
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Runs every stage over one document.
    pub fn run(&self, doc: &mut Document) {
        for stage in &self.stages {
            self.step(stage.as_ref(), doc);
        }
        doc.tokens_changed();
    }

    /// Runs every stage over one document; a stage that panics (a bug, never expected) is caught
    /// and reported instead of ending the whole run.
    ///
    /// # Errors
    /// The name of the stage that panicked and its message.
    pub fn run_guarded(&self, doc: &mut Document) -> Result<(), StageFailure> {
        self.run_cancellable(doc, &AtomicBool::new(false))
            .map_err(|e| match e {
                RunError::Failed(failure) => failure,
                RunError::Cancelled { stage } => StageFailure {
                    stage,
                    message: "cancelled".into(),
                },
            })
    }

    /// Runs like [`Pipeline::run_guarded`], checking `stop` before every stage: once it is set
    /// the run ends with [`RunError::Cancelled`] (cooperative cancellation, as a server does when a
    /// request's deadline passes; stages are linear, so the wait is one stage at most).
    ///
    /// # Errors
    /// A stage that panicked, or the cancellation.
    pub fn run_cancellable(&self, doc: &mut Document, stop: &AtomicBool) -> Result<(), RunError> {
        for stage in &self.stages {
            if stop.load(Ordering::Relaxed) {
                doc.tokens_changed();
                return Err(RunError::Cancelled {
                    stage: stage.name(),
                });
            }
            self.guarded_step(stage.as_ref(), doc)?;
        }
        doc.tokens_changed();
        Ok(())
    }

    /// One stage over one document; a panic is caught and returned as the stage's failure.
    fn guarded_step(&self, stage: &dyn Stage, doc: &mut Document) -> Result<(), StageFailure> {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.step(stage, doc))).map_err(
            |payload| StageFailure {
                stage: stage.name(),
                message: payload
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".to_owned()),
            },
        )
    }

    /// Runs the pipeline over a few documents on the current thread, stage by stage: each stage
    /// annotates every document before the next stage starts, so its model's weights stay in the
    /// core's cache (the reason spaCy's `nlp.pipe` batches too). The output is the same as
    /// [`Pipeline::run_guarded`] on each document in turn; a failure spoils only its own document,
    /// which the later stages skip. `on_stage` gets each stage's name and wall time over the chunk.
    pub fn run_chunk_with(
        &self,
        docs: &mut [Document],
        mut on_stage: impl FnMut(&'static str, Duration),
    ) -> Vec<Result<(), StageFailure>> {
        let mut outcomes: Vec<Result<(), StageFailure>> = vec![Ok(()); docs.len()];
        for stage in &self.stages {
            let started = Instant::now();
            for (doc, outcome) in docs.iter_mut().zip(&mut outcomes) {
                if outcome.is_ok() {
                    *outcome = self.guarded_step(stage.as_ref(), doc);
                }
            }
            on_stage(stage.name(), started.elapsed());
        }
        for doc in docs {
            doc.tokens_changed();
        }
        outcomes
    }

    /// Runs the pipeline over a batch of documents in parallel (on the current rayon pool), in
    /// chunks of up to [`CHUNK`] documents annotated stage by stage ([`Pipeline::run_chunk_with`];
    /// smaller when the batch is too small to give every thread a chunk): the one batch runner of
    /// the CLI, the server's store and the Python package. Each document's outcome comes back in
    /// order; a failure spoils only its own document.
    pub fn run_batch(&self, docs: &mut [Document]) -> Vec<Result<(), StageFailure>> {
        let chunk = CHUNK.min(docs.len().div_ceil(rayon::current_num_threads()).max(1));
        docs.par_chunks_mut(chunk)
            .flat_map_iter(|chunk| self.run_chunk_with(chunk, |_, _| {}))
            .collect()
    }
}

/// Documents one worker annotates stage by stage in [`Pipeline::run_batch`]: enough text (a few
/// thousand words of news) for a model's weights to be reused from cache, few enough that a batch
/// still spreads over every core.
pub const CHUNK: usize = 64;

#[cfg(test)]
mod tests {
    use super::*;

    struct Upper;
    impl Stage for Upper {
        fn name(&self) -> &'static str {
            "upper"
        }
        fn run(&self, doc: &mut Document) {
            doc.text = doc.text.to_uppercase();
        }
    }

    struct Exclaim;
    impl Stage for Exclaim {
        fn name(&self) -> &'static str {
            "exclaim"
        }
        fn run(&self, doc: &mut Document) {
            doc.text.push('!');
        }
    }

    fn doc(text: &str) -> Document {
        Document::from_text(text)
    }

    struct Explode;
    impl Stage for Explode {
        fn name(&self) -> &'static str {
            "explode"
        }
        fn run(&self, _doc: &mut Document) {
            panic!("boom");
        }
    }

    #[test]
    fn a_panicking_stage_is_reported_not_fatal() {
        let pipeline = Pipeline::new(vec![Box::new(Upper), Box::new(Explode), Box::new(Exclaim)]);
        let mut d = doc("x");
        let failure = pipeline.run_guarded(&mut d).unwrap_err();
        assert_eq!(failure.stage, "explode");
        assert_eq!(failure.message, "boom");
        assert_eq!(d.text, "X", "stages after the failure do not run");
        let ok = Pipeline::new(vec![Box::new(Upper)]);
        assert!(ok.run_guarded(&mut d).is_ok());
        let mut batch = vec![doc("a"), doc("b")];
        let outcomes = pipeline.run_batch(&mut batch);
        assert_eq!(outcomes.len(), 2);
        assert!(outcomes
            .iter()
            .all(|o| o.as_ref().is_err_and(|f| f.stage == "explode")));
    }

    #[test]
    fn stages_run_in_order_on_every_document() {
        let pipeline = Pipeline::new(vec![Box::new(Upper), Box::new(Exclaim)]);
        assert_eq!(pipeline.stage_names(), ["upper", "exclaim"]);
        let mut docs: Vec<Document> = (0..64).map(|i| doc(&format!("doc {i}"))).collect();
        assert!(pipeline.run_batch(&mut docs).iter().all(Result::is_ok));
        for (i, d) in docs.iter().enumerate() {
            assert_eq!(d.text, format!("DOC {i}!"));
        }
        let mut chunk = vec![doc("x"), doc("y")];
        let mut timed = Vec::new();
        let outcomes = pipeline.run_chunk_with(&mut chunk, |name, _| timed.push(name));
        assert!(outcomes.iter().all(Result::is_ok));
        assert_eq!(chunk[0].text, "X!");
        assert_eq!(chunk[1].text, "Y!");
        assert_eq!(
            timed,
            ["upper", "exclaim"],
            "each stage timed once per chunk"
        );
    }

    /// Panics on documents whose text starts with `!`.
    struct Picky;
    impl Stage for Picky {
        fn name(&self) -> &'static str {
            "picky"
        }
        fn run(&self, doc: &mut Document) {
            assert!(!doc.text.starts_with('!'), "picky: {}", doc.text);
        }
    }

    #[test]
    fn a_failure_in_a_chunk_spoils_only_its_document() {
        let pipeline = Pipeline::new(vec![Box::new(Picky), Box::new(Upper), Box::new(Exclaim)]);
        let mut docs: Vec<Document> = (0..200)
            .map(|i| {
                doc(&if i % 7 == 3 {
                    format!("!{i}")
                } else {
                    format!("d{i}")
                })
            })
            .collect();
        let outcomes = pipeline.run_batch(&mut docs);
        assert_eq!(outcomes.len(), 200);
        for (i, (d, outcome)) in docs.iter().zip(&outcomes).enumerate() {
            if i % 7 == 3 {
                let failure = outcome.as_ref().unwrap_err();
                assert_eq!(failure.stage, "picky");
                assert_eq!(failure.message, format!("picky: !{i}"));
                assert_eq!(
                    d.text,
                    format!("!{i}"),
                    "later stages skip a failed document"
                );
            } else {
                assert!(outcome.is_ok());
                assert_eq!(d.text, format!("D{i}!"));
            }
        }
    }

    #[test]
    fn the_budget_keeps_whole_sentences_and_says_so() {
        let text = "One two three. Four five six. Seven eight nine.";
        let pipeline = Pipeline::new(vec![Box::new(crate::Segmenter::default())]);
        let mut whole = doc(text);
        pipeline.run(&mut whole);
        assert_eq!(whole.tokens.len(), 12);
        assert!(whole.diagnostics.is_empty());
        let mut cut = doc(text);
        pipeline.with_max_tokens(9).run(&mut cut);
        assert_eq!(cut.tokens.len(), 8, "two whole sentences");
        assert_eq!(cut.sentences.len(), 2);
        assert_eq!(cut.text, text, "the text stays whole");
        assert_eq!(cut.diagnostics[0].stage, "budget");
        assert!(cut.diagnostics[0].message.contains("first 8 of 12 tokens"));
        crate::validate(&cut).unwrap();
        let mut tiny = doc(text);
        Pipeline::new(vec![Box::new(crate::Segmenter::default())])
            .with_max_tokens(2)
            .run(&mut tiny);
        assert_eq!(
            tiny.tokens.len(),
            2,
            "a first sentence over the budget is cut"
        );
        assert_eq!(tiny.sentences[0].span.of(&tiny.text), "One two");
        crate::validate(&tiny).unwrap();
    }

    #[test]
    fn a_cancelled_run_stops_before_the_next_stage() {
        let pipeline = Pipeline::new(vec![Box::new(Upper), Box::new(Exclaim)]);
        let stop = AtomicBool::new(true);
        let mut d = doc("x");
        let err = pipeline.run_cancellable(&mut d, &stop).unwrap_err();
        assert_eq!(err, RunError::Cancelled { stage: "upper" });
        assert_eq!(d.text, "x");
        stop.store(false, Ordering::Relaxed);
        pipeline.run_cancellable(&mut d, &stop).unwrap();
        assert_eq!(d.text, "X!");
    }
}
