//! Documents into the store the way `dateline ingest` does it: one pipeline pass over a batch
//! (`Pipeline::run_batch`, all cores), then one transaction (`Store::add_batch`) for the
//! documents the pipeline annotated.

use dateline_core::document::sha1_hex;
use dateline_core::{Document, Pipeline, StageFailure};
use dateline_store::{BatchReport, Store, StoreError};

/// What [`annotate_and_store`] did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Annotated {
    /// What the store did with the annotated documents.
    pub report: BatchReport,
    /// Per document given, in order: the SHA-1 of its text (its identity in the store) when the
    /// pipeline annotated it and it is now stored, or why a stage failed on it.
    pub outcomes: Vec<Result<String, StageFailure>>,
}

/// Runs `pipeline` over `docs` and stores those it annotated in one transaction; `source`
/// overrides each document's publisher as its source name.
pub fn annotate_and_store(
    pipeline: &Pipeline,
    store: &mut Store,
    mut docs: Vec<Document>,
    source: Option<&str>,
) -> Result<Annotated, StoreError> {
    let results = pipeline.run_batch(&mut docs);
    let mut outcomes = Vec::with_capacity(docs.len());
    let mut annotated = Vec::with_capacity(docs.len());
    for (doc, result) in docs.into_iter().zip(results) {
        match result {
            Ok(()) => {
                outcomes.push(Ok(sha1_hex(doc.text.as_bytes())));
                annotated.push(doc);
            }
            Err(failure) => outcomes.push(Err(failure)),
        }
    }
    let report = if annotated.is_empty() {
        BatchReport::default()
    } else {
        store.add_batch(&annotated, source)?
    };
    Ok(Annotated { report, outcomes })
}
