//! The exports end to end: a store filled by the pipeline, each export read back with an
//! independent reader (Python's `csv` and `json`, pyarrow), and the Arrow tables built straight
//! from documents compared with the Parquet export.

#![allow(clippy::print_stderr)]

use chrono::NaiveDate;
use dateline_core::{Document, Pipeline};
use dateline_store::Store;

fn pipeline() -> Pipeline {
    dateline_nlp::standard_pipeline(&dateline_nlp::Config::default())
}

fn doc(p: &Pipeline, text: &str, publisher: &str, date: &str) -> Document {
    let mut d = Document::from_text(text);
    d.meta.publisher = Some(publisher.to_owned());
    d.meta.published = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
    p.run(&mut d);
    d
}

/// Runs `script` with python3 on `input`; `None` (and a printed reason) when python3 is missing.
fn python(script: &str, input: &[u8]) -> Option<String> {
    use std::io::Write as _;
    let Ok(mut child) = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
    else {
        eprintln!("skipped: python3 is not installed");
        return None;
    };
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "python3 failed");
    Some(String::from_utf8(out.stdout).unwrap())
}

#[test]
fn exports_read_back_with_independent_readers() {
    let p = pipeline();
    let mut store = Store::open_in_memory().unwrap();
    let mut with_url = doc(
        &p,
        "Chile condemned Peru on Monday over the fishing dispute in Arica.",
        "Andes Wire",
        "2024-05-07",
    );
    with_url.source.url = Some("https://andes.example/story".into());
    let docs = [
        with_url,
        doc(
            &p,
            "Russian troops attacked Ukraine near Kharkiv on Tuesday.",
            "Kyiv Daily",
            "2024-05-08",
        ),
    ];
    store.add_batch(&docs, None).unwrap();
    let aggregates: i64 = store
        .connection()
        .query_row("SELECT COUNT(*) FROM aggregates", [], |r| r.get(0))
        .unwrap();
    assert!(aggregates >= 2);

    let mut gdelt = Vec::new();
    assert_eq!(
        dateline_export::gdelt_events(&store, &mut gdelt).unwrap() as i64,
        aggregates
    );
    let check = "import csv, sys\nrows = list(csv.reader(sys.stdin, delimiter='\\t', quoting=csv.QUOTE_NONE))\n\
                 assert all(len(r) == 61 for r in rows), [len(r) for r in rows]\n\
                 print(len(rows), rows[0][1], rows[0][5], rows[0][15], rows[0][26], rows[0][60])";
    if let Some(out) = python(check, &gdelt) {
        let fields: Vec<&str> = out.split_whitespace().collect();
        assert_eq!(fields[0], aggregates.to_string());
        assert_eq!(
            fields[1], "20240506",
            "SQLDATE of 'on Monday' before 2024-05-07"
        );
        assert_eq!(&fields[2..5], ["CHL", "PER", "111"]);
        assert_eq!(fields[5], "https://andes.example/story");
    }

    let mut gkg = Vec::new();
    assert_eq!(dateline_export::gkg(&store, &mut gkg).unwrap(), 2);
    let check = "import csv, sys\nrows = list(csv.reader(sys.stdin, delimiter='\\t', quoting=csv.QUOTE_NONE))\n\
                 assert all(len(r) == 27 for r in rows), [len(r) for r in rows]\n\
                 print(len(rows), rows[0][4], '|'.join(sorted({n.split(',')[0] for r in rows for n in r[23].split(';') if n})))";
    if let Some(out) = python(check, &gkg) {
        assert!(out.starts_with("2 https://andes.example/story"), "{out}");
        assert!(out.contains("Chile") && out.contains("Peru"), "{out}");
    }

    let mut plover = Vec::new();
    let n = dateline_export::plover(&store, &mut plover).unwrap();
    let check = "import json, sys\nrecs = [json.loads(l) for l in sys.stdin]\nprint(len(recs), sorted({r['event'] for r in recs}))";
    if let Some(out) = python(check, &plover) {
        assert!(out.starts_with(&n.to_string()), "{out}");
        assert!(out.contains("ACCUSE") && out.contains("ASSAULT"), "{out}");
    }

    let dir = tempfile::tempdir().unwrap();
    let written = dateline_export::parquet(&store, dir.path()).unwrap();
    assert_eq!(written.len(), 5);
    let events = written
        .iter()
        .find(|(f, _)| *f == "events.parquet")
        .unwrap()
        .1;
    let check = format!(
        "import sys\ntry:\n    import pyarrow.parquet as pq\nexcept ImportError:\n    print('no-pyarrow'); sys.exit(0)\n\
         t = pq.read_table('{}')\nprint(t.num_rows, t.column('cameo_root').to_pylist()[0], t.schema.field('goldstein').type)",
        dir.path().join("events.parquet").display()
    );
    if let Some(out) = python(&check, b"") {
        if out.trim() == "no-pyarrow" {
            assert!(
                std::env::var_os("DATELINE_REQUIRE_PYARROW").is_none(),
                "pyarrow is required here (DATELINE_REQUIRE_PYARROW is set)"
            );
            eprintln!("skipped the Parquet read-back: pyarrow is not installed");
        } else {
            let fields: Vec<&str> = out.split_whitespace().collect();
            assert_eq!(fields[0], events.to_string(), "{out}");
            assert_eq!(fields[2], "double", "{out}");
        }
    }

    let mut csv = Vec::new();
    let rows = dateline_export::events_csv(&store, &mut csv).unwrap();
    let check = "import csv, sys\nrows = list(csv.DictReader(sys.stdin))\nprint(len(rows), rows[0]['cameo_root'], rows[0]['url'])";
    if let Some(out) = python(check, &csv) {
        assert_eq!(out.trim(), format!("{rows} 11 https://andes.example/story"));
    }

    let mut jsonl = Vec::new();
    assert_eq!(dateline_export::documents(&store, &mut jsonl).unwrap(), 2);
    let check = "import json, sys\nprint(sum(1 for l in sys.stdin if json.loads(l)['schema'] == 'dateline/1'))";
    if let Some(out) = python(check, &jsonl) {
        assert_eq!(out.trim(), "2");
    }
}

/// Three dated stories with events, a quote, a claim and entities.
fn fixture_documents() -> Vec<Document> {
    let p = pipeline();
    vec![
        doc(
            &p,
            "Chile condemned Peru on Monday over the fishing dispute in Arica. \"We will respond,\" Peruvian Foreign Minister Ana Ruiz told reporters. Peru said more than 300 fishing boats had been seized.",
            "Andes Wire",
            "2024-05-07",
        ),
        doc(&p, "Brazil and Argentina signed a trade pact on Friday, officials said.", "Rio Post", "2024-05-10"),
        doc(&p, "Kenyan police arrested 40 protesters in Nairobi on Tuesday.", "Lake Herald", "2024-05-14"),
    ]
}

/// Arrow tables built straight from documents (the Python package, Spark) have the columns and
/// types of the Parquet export and the same values, store-only columns aside.
#[test]
fn document_tables_match_the_parquet_export() {
    use arrow_array::cast::AsArray;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    let docs = fixture_documents();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("c.db")).unwrap();
    store.add_batch(&docs, None).unwrap();
    dateline_export::parquet(&store, dir.path()).unwrap();
    let tables = dateline_export::document_tables(&docs).unwrap();
    let names: Vec<&str> = tables.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        ["events", "quotes", "entities", "claims", "documents"]
    );
    for (name, batch) in &tables {
        let file = std::fs::File::open(dir.path().join(format!("{name}.parquet"))).unwrap();
        let reader = ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap();
        let schema = arrow_array::RecordBatchReader::schema(&reader);
        let exported: Vec<_> = reader.map(Result::unwrap).collect();
        let exported = arrow_select::concat::concat_batches(&schema, &exported).unwrap();
        let fields = |s: &arrow_schema::Schema| {
            s.fields()
                .iter()
                .map(|f| (f.name().clone(), f.data_type().clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            fields(&batch.schema()),
            fields(&exported.schema()),
            "{name}"
        );
        assert_eq!(batch.num_rows(), exported.num_rows(), "{name}");
        assert!(batch.num_rows() > 0, "{name} is empty");
        for (i, field) in batch.schema().fields().iter().enumerate() {
            if ["id", "document", "aggregate", "duplicate_of"].contains(&field.name().as_str()) {
                assert_eq!(batch.column(i).null_count(), batch.num_rows());
                continue;
            }
            assert_eq!(
                batch.column(i).as_ref(),
                exported.column(i).as_ref(),
                "{name}.{}",
                field.name()
            );
        }
    }
    let events = &tables[0].1;
    let cameo = events.column_by_name("cameo").unwrap().as_string::<i32>();
    assert!(
        cameo.iter().any(|c| c.is_some_and(|c| c.starts_with("11"))),
        "{cameo:?}"
    );
}

/// Every exported table of `dir` as sorted rows of text, store-only columns aside.
fn table_rows(dir: &std::path::Path) -> Vec<(String, Vec<String>)> {
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    ["events", "quotes", "entities", "claims", "documents"]
        .iter()
        .map(|name| {
            let file = std::fs::File::open(dir.join(format!("{name}.parquet"))).unwrap();
            let reader = ParquetRecordBatchReaderBuilder::try_new(file)
                .unwrap()
                .build()
                .unwrap();
            let mut rows = Vec::new();
            for batch in reader.map(Result::unwrap) {
                let schema = batch.schema();
                for row in 0..batch.num_rows() {
                    let cells: Vec<String> = schema
                        .fields()
                        .iter()
                        .enumerate()
                        .filter(|(_, f)| {
                            !["id", "document", "aggregate", "duplicate_of"]
                                .contains(&f.name().as_str())
                        })
                        .map(|(i, f)| {
                            let value =
                                arrow_cast::display::array_value_to_string(batch.column(i), row)
                                    .unwrap();
                            format!("{}={value}", f.name())
                        })
                        .collect();
                    rows.push(cells.join("|"));
                }
            }
            rows.sort();
            ((*name).to_owned(), rows)
        })
        .collect()
}

/// A store's Parquet export loads into a new store (as a cluster job's output does) without
/// the pipeline, and that store exports the same tables; a second load stores nothing twice.
#[test]
fn exported_tables_load_into_a_store() {
    let docs = fixture_documents();
    let dir = tempfile::tempdir().unwrap();
    let mut first = Store::open(&dir.path().join("first.db")).unwrap();
    first.add_batch(&docs, None).unwrap();
    let tables = dir.path().join("tables");
    dateline_export::parquet(&first, &tables).unwrap();
    assert!(dateline_export::is_table_dir(&tables));
    assert!(!dateline_export::is_table_dir(dir.path()));

    let mut second = Store::open(&dir.path().join("second.db")).unwrap();
    let mut seen = Vec::new();
    let report =
        dateline_export::load_tables(&mut second, &tables, None, |n| seen.push(n)).unwrap();
    assert_eq!(
        (report.documents, report.stored.added, report.orphan_rows),
        (3, 3, 0)
    );
    assert_eq!(
        report.stored.events,
        first
            .connection()
            .query_row("SELECT COUNT(*) FROM events", [], |r| r.get::<_, usize>(0))
            .unwrap()
    );
    assert_eq!(seen.last(), Some(&3));
    let again = dir.path().join("again");
    dateline_export::parquet(&second, &again).unwrap();
    let (expected, got) = (table_rows(&tables), table_rows(&again));
    for ((name, want), (_, have)) in expected.iter().zip(&got) {
        assert!(!want.is_empty(), "{name} is empty");
        assert_eq!(want, have, "{name}");
    }
    let repeat = dateline_export::load_tables(&mut second, &tables, None, |_| {}).unwrap();
    assert_eq!((repeat.stored.added, repeat.stored.already_stored), (0, 3));

    // A missing documents table is an error naming the directory; so is a broken file.
    let err = dateline_export::load_tables(&mut second, dir.path(), None, |_| {}).unwrap_err();
    assert!(err.to_string().contains("no documents table"), "{err}");
    let broken = dir.path().join("broken");
    std::fs::create_dir_all(broken.join("documents")).unwrap();
    std::fs::write(broken.join("documents/part-0.parquet"), b"PAR1 not really").unwrap();
    let err = dateline_export::load_tables(&mut second, &broken, None, |_| {}).unwrap_err();
    assert!(err.to_string().contains("part-0.parquet"), "{err}");
}
