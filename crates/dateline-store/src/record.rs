//! One document as the store keeps it: the document row (with its `dateline/1` JSON), the rows
//! of its quotes and events, and its entities for the people summary. Built from an annotated [`Document`], or from the Parquet tables a cluster
//! job wrote (`dateline-export`), so both are stored by one writer.

use std::borrow::Cow;

use dateline_core::json::DocumentJson;
use dateline_core::rows::{self, EntityRow, EventRow, QuoteRow};
use dateline_core::Document;

use crate::codec::{Codec, Column};
use crate::minhash;
use crate::{Result, StoreError};

/// What storing a document costs that depends on the document alone: its hash, MinHash
/// signature and compressed text and JSON. [`Codec::prepare`] makes it on any thread, beside the
/// pipeline, so the single writer only writes. The JSON is kept compressed only: batches in
/// flight to the writer hold a fifth of the bytes.
#[derive(Debug, Clone)]
pub struct Prepared {
    hash: String,
    packed: Packed,
}

/// A document's MinHash signature, word count and compressed columns.
#[derive(Debug, Clone)]
pub(crate) struct Packed {
    pub(crate) signature: Vec<u32>,
    pub(crate) words: usize,
    pub(crate) text_z: Vec<u8>,
    pub(crate) json_z: Vec<u8>,
}

impl Packed {
    pub(crate) fn new(codec: &Codec, text: &str, json: &str) -> Result<Packed> {
        let (signature, words) = minhash::signature(text);
        Ok(Packed {
            signature,
            words,
            text_z: codec.pack(Column::Text, text)?,
            json_z: codec.pack(Column::Json, json)?,
        })
    }
}

fn document_json(doc: &Document) -> Result<String> {
    serde_json::to_string(&DocumentJson::new(doc)).map_err(|e| StoreError::Serialise {
        id: doc.id.clone(),
        reason: e.to_string(),
    })
}

impl Codec {
    /// Prepares `doc` for [`crate::BatchWriter::add_prepared`].
    pub fn prepare(&self, doc: &Document) -> Result<Prepared> {
        let json = document_json(doc)?;
        Ok(Prepared {
            hash: dateline_core::document::sha1_hex(doc.text.as_bytes()),
            packed: Packed::new(self, &doc.text, &json)?,
        })
    }
}

/// A document and its rows, ready to store.
pub struct Record<'a> {
    /// SHA-1 of the text (hex): the document's identity.
    pub hash: Cow<'a, str>,
    /// Input file.
    pub source_path: Option<&'a str>,
    /// Record within the input (a WARC record id, a JSONL line).
    pub source_record: Option<&'a str>,
    /// Address of the article.
    pub url: Option<&'a str>,
    /// Input format (`text`, `html`, …).
    pub format: &'a str,
    /// Headline.
    pub headline: Option<&'a str>,
    /// Publisher.
    pub publisher: Option<&'a str>,
    /// The source counted for `NumSources` unless the batch names one: the publisher, else the
    /// agency.
    pub source_name: Option<&'a str>,
    /// Authors as a JSON array.
    pub authors: Cow<'a, str>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<Cow<'a, str>>,
    /// Where the publication date came from (`markup`, `feed`, `path`, `flag`).
    pub published_source: Option<&'a str>,
    /// The text.
    pub text: &'a str,
    /// The `dateline/1` document; empty in a record made by [`Record::from_prepared`], whose
    /// JSON is already compressed.
    pub json: Cow<'a, str>,
    /// Entity rows: counted in the people summary (the entities themselves are in the JSON).
    pub entities: Vec<EntityRow<'a>>,
    /// Quote rows.
    pub quotes: Vec<QuoteRow<'a>>,
    /// Event rows.
    pub events: Vec<EventRow<'a>>,
    /// Signature and compressed columns, when prepared beforehand.
    pub(crate) packed: Option<Cow<'a, Packed>>,
}

impl<'a> Record<'a> {
    /// The record of `text`, whose SHA-1 (hex) is `hash` and whose `dateline/1` document is
    /// `json`, without metadata or rows: fill in the public fields (a loader of exported tables).
    pub fn new(hash: &'a str, text: &'a str, json: &'a str) -> Record<'a> {
        Record {
            hash: Cow::Borrowed(hash),
            source_path: None,
            source_record: None,
            url: None,
            format: "text",
            headline: None,
            publisher: None,
            source_name: None,
            authors: Cow::Borrowed("[]"),
            published: None,
            published_source: None,
            text,
            json: Cow::Borrowed(json),
            entities: Vec::new(),
            quotes: Vec::new(),
            events: Vec::new(),
            packed: None,
        }
    }

    /// The record of an annotated document.
    pub fn from_document(doc: &'a Document) -> Result<Record<'a>> {
        let json = document_json(doc)?;
        let mut record = Record::rows(doc);
        record.hash = Cow::Owned(dateline_core::document::sha1_hex(doc.text.as_bytes()));
        record.json = Cow::Owned(json);
        Ok(record)
    }

    /// The record of an annotated document prepared by [`Codec::prepare`].
    pub fn from_prepared(doc: &'a Document, prepared: &'a Prepared) -> Record<'a> {
        let mut record = Record::rows(doc);
        record.hash = Cow::Borrowed(&prepared.hash);
        record.packed = Some(Cow::Borrowed(&prepared.packed));
        record
    }

    fn rows(doc: &'a Document) -> Record<'a> {
        let row = rows::document(doc);
        let mut record = Record::new("", &doc.text, "");
        record.source_path = row.path;
        record.source_record = row.record;
        record.url = row.url;
        record.format = row.format;
        record.headline = row.headline;
        record.publisher = row.publisher;
        record.source_name = row.source_name;
        record.authors = Cow::Owned(row.authors);
        record.published = row.published.map(Cow::Owned);
        record.published_source = row.published_source;
        record.entities = doc.entities.iter().map(rows::entity).collect();
        record.quotes = doc.quotes.iter().map(|q| rows::quote(doc, q)).collect();
        record.events = doc.events.iter().map(|e| rows::event(doc, e)).collect();
        record
    }
}
