//! GDELT Global Knowledge Graph 2.1 export: one 27-column tab-separated record per original
//! document, built from its stored `dateline/1` JSON, with GDELT's delimiters (`;` between
//! blocks, `#` between the fields of a count or location, `,` before a character offset, `|`
//! inside a quotation, `#` between quotations).
//!
//! Filled: record id, date, source collection (1, web), source name, document URL, counts and
//! V2 counts (from claims with a GDELT-like category), V2 locations, persons and V2 persons,
//! organisations and V2 organisations, tone (from a small word list, `resources/tone-words.tsv`),
//! quotations, all names and amounts. Themes, GCAM, images and translation info are left empty:
//! Dateline does not compute them.

use std::collections::HashSet;
use std::io::Write;

use dateline_store::Store;
use serde_json::Value;

use crate::data::{fips, tone};
use crate::{ExportError, Result};

/// GDELT's cells hold no tabs, newlines or the delimiters of the cell's own structure.
fn field(s: &str) -> String {
    s.replace(['\t', '\n', '\r', ';', '#', '|'], " ")
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_default()
}

fn arr<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// `Name,offset;…` for every mention of the entities of `kind`; and the distinct names.
fn names(doc: &Value, kinds: &[&str]) -> (Vec<String>, Vec<String>) {
    let mut v2 = Vec::new();
    let mut plain = Vec::new();
    for e in arr(doc, "entities")
        .iter()
        .filter(|e| kinds.contains(&str_of(e, "type")))
    {
        let name = field(str_of(e, "name")).replace(',', " ");
        if !plain.contains(&name) {
            plain.push(name.clone());
        }
        for m in arr(e, "mentions") {
            v2.push(format!(
                "{name},{}",
                m.get("start").and_then(Value::as_u64).unwrap_or(0)
            ));
        }
    }
    (plain, v2)
}

/// V2 locations: `TYPE#NAME#COUNTRY#ADM1#ADM2#LAT#LONG#FEATUREID#OFFSET` for places with a
/// country (type 1 for a country, 4 for any other place).
fn locations(doc: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for e in arr(doc, "entities")
        .iter()
        .filter(|e| matches!(str_of(e, "type"), "GPE" | "LOC"))
    {
        let Some(country) = e.get("country").and_then(Value::as_str) else {
            continue;
        };
        let kind = if e.get("actor").and_then(Value::as_str) == Some(country) {
            1
        } else {
            4
        };
        let offset = arr(e, "mentions")
            .first()
            .and_then(|m| m.get("start"))
            .and_then(Value::as_u64)
            .unwrap_or(0);
        let fips = fips(country).unwrap_or_default();
        out.push(format!(
            "{kind}#{}#{fips}#{fips}####{offset}",
            field(str_of(e, "name"))
        ));
    }
    out
}

/// GDELT count types for claim categories.
fn count_type(category: &str) -> Option<&'static str> {
    Some(match category {
        "killed" => "KILL",
        "wounded" => "WOUND",
        "arrested" => "ARREST",
        "kidnapped" => "KIDNAP",
        "protesters" | "protest" => "PROTEST",
        "displaced" | "refugees" => "DISPLACED",
        "evacuated" => "EVACUATION",
        "affected" => "AFFECT",
        _ => return None,
    })
}

fn number(c: &Value) -> Option<f64> {
    c.get("value").and_then(Value::as_f64)
}

/// `(counts, v2 counts, amounts)` from the claims.
fn claims(doc: &Value) -> (Vec<String>, Vec<String>, Vec<String>) {
    let (mut counts, mut v2, mut amounts) = (Vec::new(), Vec::new(), Vec::new());
    for c in arr(doc, "claims") {
        let Some(n) = number(c) else { continue };
        let what = field(str_of(c, "counts")).replace(',', " ");
        let offset = c.get("start").and_then(Value::as_u64).unwrap_or(0);
        amounts.push(format!("{n},{what},{offset}"));
        if let Some(kind) = count_type(str_of(c, "category")) {
            counts.push(format!("{kind}#{n}#{what}#0######"));
            v2.push(format!("{kind}#{n}#{what}#0#######{offset}"));
        }
    }
    (counts, v2, amounts)
}

/// `offset|length|verb|quote` blocks joined by `#`, for direct quotes.
fn quotations(doc: &Value) -> String {
    arr(doc, "quotes")
        .iter()
        .filter(|q| str_of(q, "kind") == "direct")
        .map(|q| {
            let start = q.get("start").and_then(Value::as_u64).unwrap_or(0);
            let end = q.get("end").and_then(Value::as_u64).unwrap_or(start);
            let cue = q.get("cue").map(|c| str_of(c, "text")).unwrap_or_default();
            format!(
                "{start}|{}|{}|{}",
                end - start,
                field(cue),
                field(str_of(q, "text"))
            )
        })
        .collect::<Vec<_>>()
        .join("#")
}

/// The first `n` ASCII digits of `s`.
fn digits(s: &str, n: usize) -> String {
    s.chars().filter(char::is_ascii_digit).take(n).collect()
}

/// The 27 GKG 2.1 columns of a stored document.
fn record(
    id: i64,
    published: Option<&str>,
    ingested: &str,
    source: Option<&str>,
    doc: &Value,
) -> Vec<String> {
    // Publication date only: an undated article gets an empty DATE, not the day it was stored.
    let date = digits(published.unwrap_or_default(), 8);
    let (persons, v2_persons) = names(doc, &["PERSON"]);
    let (orgs, v2_orgs) = names(doc, &["ORG"]);
    let (counts, v2_counts, amounts) = claims(doc);
    let (_, all_names) = names(
        doc,
        &["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW"],
    );
    let url = doc
        .get("source")
        .map(|s| str_of(s, "url"))
        .unwrap_or_default();
    vec![
        // The record id names the batch by when it was stored, as GDELT's do.
        format!("{:0<14}-{id}", digits(ingested, 14)),
        if date.is_empty() {
            String::new()
        } else {
            format!("{date:0<8}000000")
        },
        "1".to_owned(),
        field(source.unwrap_or_default()),
        field(url),
        counts.join(";"),
        v2_counts.join(";"),
        String::new(),
        String::new(),
        String::new(),
        locations(doc).join(";"),
        persons.join(";"),
        v2_persons.join(";"),
        orgs.join(";"),
        v2_orgs.join(";"),
        tone(str_of(doc, "text")).1,
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        quotations(doc),
        all_names.join(";"),
        amounts.join(";"),
        String::new(),
        String::new(),
    ]
}

/// Writes one GDELT GKG 2.1 record per original document of `store`; returns the number of
/// records.
pub fn gkg(store: &Store, out: &mut impl Write) -> Result<usize> {
    write_records(store, None, out)
}

/// Writes the GKG 2.1 records of the original documents among `documents` (store ids), as
/// [`gkg`] does for all: a poll's update file.
pub fn gkg_for(store: &Store, documents: &[i64], out: &mut impl Write) -> Result<usize> {
    let only: HashSet<i64> = documents.iter().copied().collect();
    write_records(store, Some(&only), out)
}

fn write_records(
    store: &Store,
    only: Option<&HashSet<i64>>,
    out: &mut impl Write,
) -> Result<usize> {
    let mut stmt = store.connection().prepare(
            "SELECT id, published, ingested_at, source_name, json_z FROM documents WHERE duplicate_of IS NULL ORDER BY id",
        )?;
    let mut rows = stmt.query([])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        if only.is_some_and(|only| !only.contains(&id)) {
            continue;
        }
        let json = store.unpack(r.get_ref(4)?.as_bytes().map_err(rusqlite::Error::from)?)?;
        let doc: Value =
            serde_json::from_str(&json).map_err(|e| ExportError::Format(e.to_string()))?;
        let published: Option<String> = r.get(1)?;
        let ingested: String = r.get(2)?;
        let source: Option<String> = r.get(3)?;
        let cells = record(id, published.as_deref(), &ingested, source.as_deref(), &doc);
        writeln!(out, "{}", cells.join("\t"))?;
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_has_27_cells_and_gdelt_delimiters() {
        let doc = serde_json::json!({
            "source": {"url": "https://x.example/a"},
            "entities": [
                {"name": "Lloyd Austin", "type": "PERSON", "mentions": [{"start": 5}, {"start": 90}]},
                {"name": "Ukraine", "type": "GPE", "actor": "UKR", "country": "UKR", "mentions": [{"start": 40}]}
            ],
            "quotes": [{"kind": "direct", "start": 10, "end": 20, "text": "We will; act", "cue": {"text": "said"}}],
            "claims": [{"value": 12.0, "counts": "soldiers", "category": "killed", "start": 60}],
            "text": "Peace talks failed and fighting killed twelve soldiers."
        });
        let cells = record(
            7,
            Some("2024-10-30"),
            "2026-01-01T00:00:00Z",
            Some("Wire"),
            &doc,
        );
        assert_eq!(cells.len(), 27);
        assert_eq!(
            cells[0], "20260101000000-7",
            "the record id names the batch"
        );
        assert_eq!(cells[1], "20241030000000");
        let undated = record(7, None, "2026-01-01T00:00:00Z", None, &doc);
        assert_eq!(undated[1], "", "no publication date, no DATE");
        assert_eq!(cells[5], "KILL#12#soldiers#0######");
        assert_eq!(cells[10], "1#Ukraine#UP#UP####40");
        assert_eq!(cells[12], "Lloyd Austin,5;Lloyd Austin,90");
        assert_eq!(cells[22], "10|10|said|We will  act");
        assert_eq!(cells[24], "12,soldiers,60");
        // 8 words: "peace" +1, "failed", "fighting", "killed" -1 each.
        assert_eq!(cells[15], "-25.0000,12.5000,37.5000,50.0000,0,0,8");
    }
}
