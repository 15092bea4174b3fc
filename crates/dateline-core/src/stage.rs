//! Stages and the pipeline that runs them.

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

/// Stages run in order over each document; documents run in parallel.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
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
        Pipeline { stages }
    }

    /// The stage names, in order.
    #[must_use]
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Runs every stage over one document.
    pub fn run(&self, doc: &mut Document) {
        for stage in &self.stages {
            stage.run(doc);
        }
        doc.tokens_changed();
    }

    /// Runs every stage over one document and returns each stage's wall time.
    pub fn run_timed(&self, doc: &mut Document) -> Vec<(&'static str, Duration)> {
        let timings = self
            .stages
            .iter()
            .map(|stage| {
                let started = Instant::now();
                stage.run(doc);
                (stage.name(), started.elapsed())
            })
            .collect();
        doc.tokens_changed();
        timings
    }

    /// Runs every stage over one document; a stage that panics (a bug, never expected) is caught
    /// and reported instead of ending the whole run.
    ///
    /// # Errors
    /// The name of the stage that panicked and its message.
    pub fn run_guarded(&self, doc: &mut Document) -> Result<(), StageFailure> {
        for stage in &self.stages {
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| stage.run(doc)));
            if let Err(payload) = outcome {
                let message = payload
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".to_owned());
                return Err(StageFailure {
                    stage: stage.name(),
                    message,
                });
            }
        }
        doc.tokens_changed();
        Ok(())
    }

    /// Runs the pipeline over a batch of documents in parallel (on the current rayon pool): the
    /// one batch runner of the CLI, the server's store and the Python package. Each document's
    /// outcome comes back in order; a failure ([`Pipeline::run_guarded`]) spoils only its own
    /// document.
    pub fn run_batch(&self, docs: &mut [Document]) -> Vec<Result<(), StageFailure>> {
        docs.par_iter_mut()
            .map(|doc| self.run_guarded(doc))
            .collect()
    }
}

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
        let mut one = doc("x");
        let timings = pipeline.run_timed(&mut one);
        assert_eq!(one.text, "X!");
        assert_eq!(timings.len(), 2);
    }
}
