//! Snapshots of the `dateline/1` output for every example story (`examples/*.txt`) and every
//! well-formed reader fixture (`crates/dateline-ingest/tests/fixtures`), reviewed like code:
//! a change in what the pipeline finds shows up as a diff of `tests/snapshots/*.snap`
//! (`cargo insta review`, or `INSTA_UPDATE=always cargo test --test snapshots` and `git diff`).
//! They need nothing outside the repository.

use std::path::{Path, PathBuf};

use dateline_ingest::{read_file, ReadConfig};

/// The repository root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The files of `dir` (not recursive) whose extension is one of `extensions`, in name order.
fn files(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|p| {
            p.extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| extensions.contains(&x))
        })
        .collect();
    found.sort();
    found
}

/// Every document of `path`, annotated, as pretty `dateline/1` JSON, with the path written
/// relative to the repository so snapshots do not depend on the checkout's location.
fn annotated(path: &Path) -> Vec<String> {
    let pipeline = dateline_nlp::standard_pipeline(&dateline_nlp::Config::default());
    let relative = path
        .strip_prefix(root())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    read_file(path, &ReadConfig::default())
        .map(|read| {
            let mut doc = read.unwrap_or_else(|e| panic!("{e}"));
            doc.source.path = Some(relative.clone());
            pipeline
                .run_guarded(&mut doc)
                .unwrap_or_else(|f| panic!("{relative}: {f}"));
            let mut out = Vec::new();
            doc.write_json(&mut out, true).expect("serialisable");
            String::from_utf8(out).expect("JSON is UTF-8")
        })
        .collect()
}

/// Snapshots every document of `paths`, named by `prefix` and the path below `dir`.
fn snapshot_all(prefix: &str, dir: &Path, paths: &[PathBuf]) {
    assert!(!paths.is_empty(), "no {prefix} inputs found");
    for path in paths {
        let stem = path
            .strip_prefix(dir)
            .expect("inputs lie below their folder")
            .to_string_lossy()
            .replace(['/', '\\'], "-");
        let documents = annotated(path);
        assert!(!documents.is_empty(), "{stem}: no document read");
        for (i, json) in documents.iter().enumerate() {
            let name = if documents.len() == 1 {
                format!("{prefix}-{stem}")
            } else {
                format!("{prefix}-{stem}-{i}")
            };
            insta::assert_snapshot!(name, json);
        }
    }
}

#[test]
fn example_stories() {
    let dir = root().join("examples");
    snapshot_all("example", &dir, &files(&dir, &["txt"]));
}

#[test]
fn reader_fixtures() {
    let dir = root().join("crates/dateline-ingest/tests/fixtures");
    let mut inputs = files(&dir, &["txt", "html", "jsonl", "xml", "warc", "gz"]);
    // `articles-custom.jsonl` names its fields for a custom `JsonlFields`; the default
    // configuration rightly refuses it (the reader tests cover it).
    inputs.retain(|p| !p.ends_with("articles-custom.jsonl"));
    inputs.extend(files(&dir.join("mixed"), &["txt", "html", "jsonl", "xml"]));
    snapshot_all("fixture", &dir, &inputs);
}
