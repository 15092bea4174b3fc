//! JSON Lines: one article per line, with configurable field names.

use std::io::BufRead;

use dateline_core::{Document, Meta, Source, SourceFormat};
use serde_json::{Map, Value};

use crate::dates::parse_date;
use crate::error::{IngestError, InputError};
use crate::html::fragment_text;
use crate::wire::apply_wire_metadata;

/// Which JSON fields hold what; the first present, non-empty field of each list wins.
#[derive(Debug, Clone)]
pub struct JsonlFields {
    /// Article text (`text`, `body`, `content`).
    pub text: Vec<String>,
    /// Headline (`title`, `headline`).
    pub title: Vec<String>,
    /// Address (`url`, `link`).
    pub url: Vec<String>,
    /// Publication date (`date`, `published`).
    pub date: Vec<String>,
    /// Identifier (`id`).
    pub id: Vec<String>,
    /// Authors, a string or an array of strings (`authors`, `author`).
    pub authors: Vec<String>,
    /// Outlet (`publisher`, `source`).
    pub publisher: Vec<String>,
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

impl Default for JsonlFields {
    fn default() -> Self {
        JsonlFields {
            text: names(&["text", "body", "content", "article"]),
            title: names(&["title", "headline"]),
            url: names(&["url", "link", "permalink"]),
            date: names(&[
                "date",
                "published",
                "published_at",
                "datePublished",
                "pubDate",
            ]),
            id: names(&["id"]),
            authors: names(&["authors", "author", "byline"]),
            publisher: names(&["publisher", "source", "outlet"]),
        }
    }
}

fn field<'a>(obj: &'a Map<String, Value>, keys: &[String]) -> Option<&'a Value> {
    keys.iter()
        .filter_map(|k| obj.get(k))
        .find(|v| !v.is_null() && v.as_str().is_none_or(|s| !s.trim().is_empty()))
}

fn string_field(obj: &Map<String, Value>, keys: &[String]) -> Option<String> {
    match field(obj, keys)? {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Parses one JSONL record (`line` is 1-based, for messages).
pub fn parse_record(
    raw: &str,
    line: usize,
    fields: &JsonlFields,
    path: &str,
) -> Result<Document, IngestError> {
    let err = |message: String| IngestError::Jsonl { line, message };
    let value: Value = serde_json::from_str(raw).map_err(|e| err(format!("invalid JSON: {e}")))?;
    let Value::Object(obj) = value else {
        return Err(err("not a JSON object".into()));
    };
    let text = string_field(&obj, &fields.text).ok_or_else(|| {
        err(
            match fields.text.iter().find_map(|k| Some((k, obj.get(k)?))) {
                Some((k, Value::String(_))) => format!("the text field {k:?} is empty"),
                Some((k, Value::Null)) => format!("the text field {k:?} is null"),
                Some((k, _)) => format!("the text field {k:?} is not a string"),
                None => format!("no text field (looked for {})", fields.text.join(", ")),
            },
        )
    })?;
    let text = if text.trim_start().starts_with('<') {
        fragment_text(&text)
    } else {
        text
    };
    if text.trim().is_empty() {
        return Err(err("empty text".into()));
    }
    let authors = match field(&obj, &fields.authors) {
        Some(Value::String(s)) => vec![s.trim().to_owned()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(|s| s.trim().to_owned())
            .collect(),
        _ => Vec::new(),
    };
    let mut meta = Meta {
        headline: string_field(&obj, &fields.title),
        publisher: string_field(&obj, &fields.publisher),
        authors,
        ..Meta::default()
    };
    let date = string_field(&obj, &fields.date);
    meta.published = date.as_deref().and_then(parse_date);
    let body = apply_wire_metadata(&text, &mut meta);
    let source = Source {
        path: Some(path.to_owned()),
        url: string_field(&obj, &fields.url),
        format: SourceFormat::Jsonl,
        record: Some(line.to_string()),
    };
    let mut doc = Document::new(body, source, meta);
    if let (Some(date), None) = (&date, doc.meta.published) {
        doc.diagnostics.push(dateline_core::Diagnostic {
            stage: "read".into(),
            message: format!(
                "line {line}: the date {date:?} is not a calendar date (give YYYY-MM-DD, ISO 8601 \
                 or RFC 2822): the publication date is unknown"
            ),
        });
    }
    if let Some(id) = string_field(&obj, &fields.id) {
        doc.id = id;
    }
    Ok(doc)
}

/// Streams the records of a JSON Lines input, one line at a time; blank lines are skipped. A line
/// longer than `max_bytes` is an error for that line, read past without holding it in memory.
pub struct JsonlReader<R> {
    reader: R,
    fields: JsonlFields,
    path: String,
    line: usize,
    max_bytes: u64,
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> JsonlReader<R> {
    /// A reader over `reader`, named `path` in messages.
    pub fn new(reader: R, fields: JsonlFields, path: &str, max_bytes: u64) -> Self {
        JsonlReader {
            reader,
            fields,
            path: path.to_owned(),
            line: 0,
            max_bytes,
            buf: Vec::new(),
            done: false,
        }
    }

    /// Reads one line into `buf`, up to the limit; returns the line's full length, or `None` at end.
    fn next_line(&mut self) -> std::io::Result<Option<u64>> {
        self.buf.clear();
        let mut total = 0u64;
        loop {
            let available = self.reader.fill_buf()?;
            if available.is_empty() {
                return Ok((total > 0).then_some(total));
            }
            let (chunk, found) = match available.iter().position(|&b| b == b'\n') {
                Some(i) => (&available[..=i], true),
                None => (available, false),
            };
            let len = chunk.len();
            if total + len as u64 <= self.max_bytes + 1 {
                self.buf.extend_from_slice(chunk);
            }
            total += len as u64;
            self.reader.consume(len);
            if found {
                return Ok(Some(total));
            }
        }
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<Document, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let total = match self.next_line() {
                Ok(Some(total)) => total,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(InputError::new(&self.path, None, IngestError::Io(e))));
                }
            };
            self.line += 1;
            let record = self.line.to_string();
            if total > self.max_bytes + 1 {
                let error = IngestError::TooLarge {
                    size: Some(total),
                    limit: self.max_bytes,
                };
                return Some(Err(InputError::new(&self.path, Some(&record), error)));
            }
            let raw = String::from_utf8_lossy(&self.buf);
            if raw.trim().is_empty() {
                continue;
            }
            if self.line == 1 && matches!(raw.trim(), "{" | "[") {
                // A pretty-printed JSON document, not JSON Lines: one error, not one per line.
                self.done = true;
                let error = IngestError::Jsonl {
                    line: 1,
                    message: "a JSON document spread over several lines; expected JSON Lines \
                              (one object per line)"
                        .into(),
                };
                return Some(Err(InputError::new(&self.path, None, error)));
            }
            return Some(
                parse_record(raw.trim(), self.line, &self.fields, &self.path)
                    .map_err(|e| InputError::new(&self.path, Some(&record), e)),
            );
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_and_alternative_fields() {
        let input = "{\"title\":\"T\",\"text\":\"Body one.\",\"url\":\"u\",\"date\":\"2025-06-10\"}\n\n{\"headline\":\"H\",\"body\":\"Body two.\",\"published\":\"2025-06-11T10:00:00Z\"}\n";
        let docs: Vec<_> = JsonlReader::new(
            input.as_bytes(),
            JsonlFields::default(),
            "in.jsonl",
            1 << 20,
        )
        .collect();
        assert_eq!(docs.len(), 2);
        let first = docs[0].as_ref().unwrap();
        assert_eq!(first.meta.headline.as_deref(), Some("T"));
        assert_eq!(first.source.record.as_deref(), Some("1"));
        let second = docs[1].as_ref().unwrap();
        assert_eq!(second.text, "Body two.");
        assert_eq!(second.source.record.as_deref(), Some("3"));
        assert_eq!(second.meta.published.unwrap().to_string(), "2025-06-11");
    }

    #[test]
    fn bad_lines_are_errors_and_reading_goes_on() {
        let input = "{\"text\":\"ok\"}\n{not json\n{\"title\":\"no text\"}\n[1]\n";
        let docs: Vec<_> = JsonlReader::new(
            input.as_bytes(),
            JsonlFields::default(),
            "in.jsonl",
            1 << 20,
        )
        .collect();
        assert_eq!(docs.len(), 4);
        assert!(docs[0].is_ok());
        let msg = docs[1].as_ref().unwrap_err().to_string();
        assert!(msg.starts_with("in.jsonl#2: line 2: invalid JSON"), "{msg}");
        assert!(docs[2]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("no text field"));
        assert!(docs[3]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("not a JSON object"));
    }

    #[test]
    fn a_pretty_printed_document_is_one_error() {
        let data = "{\n  \"doc\": \"x.txt\",\n  \"entities\": []\n}\n";
        let items: Vec<_> = JsonlReader::new(
            data.as_bytes(),
            JsonlFields::default(),
            "gold.json",
            1 << 20,
        )
        .collect();
        assert_eq!(items.len(), 1);
        let err = items[0].as_ref().unwrap_err().to_string();
        assert!(
            err.contains("gold.json") && err.contains("JSON Lines"),
            "{err}"
        );
    }

    #[test]
    fn oversized_line_is_reported_and_skipped() {
        let big = format!(
            "{{\"text\":\"{}\"}}\n{{\"text\":\"small\"}}\n",
            "x".repeat(5000)
        );
        let docs: Vec<_> =
            JsonlReader::new(big.as_bytes(), JsonlFields::default(), "in.jsonl", 1000).collect();
        assert!(matches!(
            docs[0].as_ref().unwrap_err().error,
            IngestError::TooLarge { .. }
        ));
        assert_eq!(docs[1].as_ref().unwrap().text, "small");
    }

    #[test]
    fn empty_text_and_dates_that_are_no_dates_are_said_plainly() {
        let fields = JsonlFields::default();
        let message = |raw: &str| {
            parse_record(raw, 3, &fields, "x.jsonl")
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            message(r#"{"text": ""}"#),
            "line 3: the text field \"text\" is empty"
        );
        assert_eq!(
            message(r#"{"text": [1]}"#),
            "line 3: the text field \"text\" is not a string"
        );
        assert!(message(r#"{"body": null}"#).contains("is null"));
        assert!(message(r#"{"title": "T"}"#).starts_with("line 3: no text field (looked for text"));
        for date in ["yesterday", "2024-02-30"] {
            let raw =
                format!(r#"{{"text": "Chile and Peru signed an accord.", "date": "{date}"}}"#);
            let doc = parse_record(&raw, 3, &fields, "x.jsonl").unwrap();
            assert_eq!(doc.meta.published, None);
            let note = &doc.diagnostics[0];
            assert_eq!(note.stage, "read");
            assert!(
                note.message
                    .contains(&format!("{date:?} is not a calendar date")),
                "{}",
                note.message
            );
        }
        let dated = parse_record(
            r#"{"text": "Chile and Peru signed an accord.", "date": "2024-02-29"}"#,
            1,
            &fields,
            "x.jsonl",
        )
        .unwrap();
        assert!(dated.diagnostics.is_empty());
        assert!(dated.meta.published.is_some());
    }

    #[test]
    fn sizes_are_written_for_people() {
        let too_large = IngestError::TooLarge {
            size: Some(219_812_345),
            limit: 67_108_864,
        };
        assert_eq!(
            too_large.to_string(),
            "document of 219.8 MB (219,812,345 bytes) exceeds the limit of 67.1 MB (67,108,864 bytes) (raise --max-bytes)"
        );
        let stream = IngestError::TooLarge {
            size: None,
            limit: 512,
        };
        assert_eq!(
            stream.to_string(),
            "document of more bytes exceeds the limit of 512 bytes (raise --max-bytes)"
        );
    }
}
