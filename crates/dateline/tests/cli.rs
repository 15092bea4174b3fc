//! End-to-end tests of the `dateline` binary.

#![allow(clippy::print_stderr)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dateline"))
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixtures() -> PathBuf {
    repo().join("crates/dateline-ingest/tests/fixtures")
}

fn shared() -> Option<PathBuf> {
    let dir = repo().join("../shared/eval/dev");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: ../shared/eval/dev is absent");
        None
    }
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

fn texts<'a>(doc: &'a Value, layer: &str) -> Vec<&'a str> {
    doc[layer]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect()
}

/// Every span object in the output must index `text` exactly.
fn assert_spans_index_text(doc: &Value) {
    let text = doc["text"].as_str().unwrap();
    for layer in ["paragraphs", "sentences"] {
        for span in doc[layer].as_array().unwrap() {
            let (s, e) = (
                span["start"].as_u64().unwrap() as usize,
                span["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[s..e], span["text"].as_str().unwrap());
        }
    }
}

#[test]
fn seed_article_metadata_and_sentences() {
    let Some(dev) = shared() else { return };
    let path = dev.join("seed-reuters.txt");
    let out = run(&["extract", path.to_str().unwrap(), "--date", "2024-10-30"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = json(&out);
    assert_eq!(doc["schema"], "dateline/1");
    assert_eq!(
        doc["meta"]["authors"],
        serde_json::json!(["Phil Stewart", "Jonathan Landay"])
    );
    assert_eq!(
        doc["meta"]["editors"],
        serde_json::json!(["Chris Reese", "Jonathan Oatis"])
    );
    assert_eq!(doc["meta"]["dateline"]["place"], "WASHINGTON");
    assert_eq!(doc["meta"]["dateline"]["agency"], "Reuters");
    assert_eq!(doc["meta"]["published"], "2024-10-30");
    assert_eq!(doc["meta"]["headline"], Value::Null);
    assert_spans_index_text(&doc);
    let sentences = texts(&doc, "sentences");
    assert!(
        sentences[0].starts_with("North Korea"),
        "dateline is not a sentence: {:?}",
        sentences[0]
    );
    assert!(sentences
        .iter()
        .all(|s| !s.starts_with("By ") && !s.starts_with("(Reporting")));
    for s in &sentences {
        assert!(
            !s.ends_with("U.S.") && !s.ends_with(" …") && !s.starts_with("they will"),
            "bad boundary: {s:?}"
        );
    }
    assert!(sentences
        .iter()
        .any(|s| s.contains("we have every reason to believe that … they will be killed")));
}

#[test]
fn example_articles_extract() {
    let examples: Vec<String> = [
        "nato-baltic-drills.txt",
        "sahel-ceasefire.txt",
        "pacific-talks.txt",
    ]
    .iter()
    .map(|name| repo().join("examples").join(name).display().to_string())
    .collect();
    let mut args = vec!["extract", "--format", "jsonl"];
    args.extend(examples.iter().map(String::as_str));
    let out = run(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs: Vec<Value> = out
        .stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 3);
    for doc in &docs {
        assert!(doc["meta"]["headline"].is_string());
        assert!(
            doc["meta"]["dateline"]["place"].is_string(),
            "{}",
            doc["meta"]
        );
        assert_spans_index_text(doc);
    }
}

#[test]
fn directory_with_a_broken_file_exits_1_and_extracts_the_rest() {
    let dir = fixtures().join("mixed");
    let out = run(&["extract", dir.to_str().unwrap(), "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error: ") && stderr.contains("broken.warc.gz: "),
        "{stderr}"
    );
    assert!(stderr.contains("11 ok, 1 failed"), "{stderr}");
    let lines = out
        .stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .count();
    assert_eq!(lines, 11);
}

#[test]
fn each_format_extracts_through_the_cli() {
    for (name, docs) in [
        ("article.html", 1),
        ("feed-rss.xml", 3),
        ("feed-atom.xml", 2),
        ("articles.jsonl", 4),
        ("crawl.warc.gz", 2),
    ] {
        let path = fixtures().join(name);
        let out = run(&["extract", path.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let value = json(&out);
        let count = value.as_array().map_or(1, Vec::len);
        assert_eq!(count, docs, "{name}");
    }
}

#[test]
fn stdin_and_date_option() {
    let mut child = bin()
        .args(["extract", "-", "--date", "2025-01-02", "--format", "pretty"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"KYIV (Reuters) - Ukraine said talks would resume. Russia agreed.")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let doc = json(&out);
    assert_eq!(doc["meta"]["published"], "2025-01-02");
    assert_eq!(doc["source"]["path"], "-");
    assert_eq!(
        texts(&doc, "sentences"),
        ["Ukraine said talks would resume.", "Russia agreed."]
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("1 ok, 0 failed") && stderr.contains("words/s"),
        "{stderr}"
    );
}

#[test]
fn bad_inputs_are_reported_not_fatal() {
    let broken = fixtures().join("broken");
    // `--glob '*'` takes the `.bin` file too, which a directory walk skips by default.
    let out = run(&[
        "extract",
        broken.to_str().unwrap(),
        "--format",
        "jsonl",
        "--glob",
        "*",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for name in [
        "empty.txt",
        "binary.bin",
        "truncated.warc.gz",
        "malformed.warc",
        "malformed.xml",
        "malformed.jsonl#2",
    ] {
        assert!(
            stderr.contains(&format!("{name}: ")),
            "no error for {name}: {stderr}"
        );
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn out_file_and_bad_date() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.json");
    let input = fixtures().join("mixed/story.txt");
    let out = run(&[
        "extract",
        input.to_str().unwrap(),
        "--out",
        target.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(doc["schema"], "dateline/1");
    let bad = run(&["extract", input.to_str().unwrap(), "--date", "30/10/2024"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("YYYY-MM-DD"));
}

#[test]
fn closed_stdout_is_not_a_panic() {
    let dir = fixtures().join("mixed");
    let mut child = bin()
        .args(["extract", dir.to_str().unwrap(), "--format", "jsonl"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn seed_article_entities_and_coreference() {
    let Some(dev) = shared() else { return };
    let path = dev.join("seed-reuters.txt");
    let out = run(&["extract", path.to_str().unwrap(), "--date", "2024-10-30"]);
    let doc = json(&out);
    let entities = doc["entities"].as_array().unwrap();
    let find = |name: &str| {
        entities
            .iter()
            .find(|e| e["name"] == name)
            .unwrap_or_else(|| panic!("no entity {name}"))
    };
    let forms = |e: &Value| -> Vec<String> {
        e["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["text"].as_str().unwrap().to_owned())
            .collect()
    };
    let austin = find("Lloyd Austin");
    assert_eq!(austin["actor"], "USAGOV");
    let austin_forms = forms(austin);
    assert!(
        austin_forms.contains(&"Austin".to_owned()),
        "{austin_forms:?}"
    );
    assert!(
        austin_forms.contains(&"the defense secretary".to_owned()),
        "{austin_forms:?}"
    );
    let kim = find("Kim Yong-hyun");
    let leader = find("Kim Jong Un");
    assert_ne!(kim["id"], leader["id"]);
    assert_eq!(kim["actor"], "KORGOV");
    assert_eq!(leader["actor"], "PRKGOV");
    assert!(
        forms(kim).iter().filter(|m| *m == "Kim").count() >= 2,
        "bare Kim is Kim Yong-hyun"
    );
    assert_eq!(forms(leader), ["Kim Jong Un"]);
    let north_korea = find("North Korea");
    assert_eq!(north_korea["actor"], "PRK");
    assert!(forms(north_korea).contains(&"Pyongyang".to_owned()));
    assert_eq!(find("Pentagon")["actor"], "USAMIL");
    assert_eq!(find("Kursk")["country"], "RUS");
    assert_eq!(find("Vladimir Putin")["actor"], "RUSGOV");
}

#[test]
fn ingest_is_idempotent_and_query_answers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("corpus.db");
    let db = db.to_str().unwrap();
    let examples = repo().join("examples");
    let stories: Vec<String> = [
        "pacific-talks.txt",
        "sahel-ceasefire.txt",
        "nato-baltic-drills.txt",
    ]
    .iter()
    .map(|f| examples.join(f).display().to_string())
    .collect();
    let mut args = vec!["ingest", "--db", db, "--date", "2024-03-05"];
    args.extend(stories.iter().map(String::as_str));
    let first = run(&args);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let summary = String::from_utf8_lossy(&first.stderr);
    assert!(summary.contains("3 stored"), "{summary}");
    let again = run(&args);
    let summary = String::from_utf8_lossy(&again.stderr);
    assert!(summary.contains("0 stored, 3 already stored"), "{summary}");

    let actors = run(&[
        "query", "--db", db, "--format", "json", "actors", "--top", "3",
    ]);
    assert!(
        actors.status.success(),
        "{}",
        String::from_utf8_lossy(&actors.stderr)
    );
    let rows = json(&actors);
    assert!(!rows.as_array().unwrap().is_empty());
    let csv = run(&["query", "--db", db, "--format", "csv", "network"]);
    let text = String::from_utf8_lossy(&csv.stdout);
    assert!(
        text.starts_with("source,target,events,mean_goldstein"),
        "{text}"
    );
    let table = run(&["query", "--db", db, "search", "ceasefire"]);
    assert!(String::from_utf8_lossy(&table.stdout).starts_with("kind"));

    let missing = run(&[
        "query",
        "--db",
        dir.path().join("none.db").to_str().unwrap(),
        "actors",
    ]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no such store"));
}

#[test]
fn the_seed_article_yields_austins_quotes_from_the_store() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared is not beside the repository");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("seed.db");
    let db = db.to_str().unwrap();
    let seed = shared.join("seed-reuters.txt");
    let out = run(&[
        "ingest",
        "--db",
        db,
        "--date",
        "2024-10-30",
        seed.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let quotes = json(&run(&[
        "query",
        "--db",
        db,
        "--format",
        "json",
        "quotes",
        "--speaker",
        "Lloyd Austin",
    ]));
    let quotes = quotes.as_array().unwrap();
    assert!(quotes.len() >= 8, "{quotes:?}");
    assert!(quotes.iter().any(|q| q["text"]
        .as_str()
        .is_some_and(|t| t.starts_with("It does have the potential"))));
    let events = json(&run(&[
        "query", "--db", db, "--format", "json", "events", "--actor", "PRK", "--target", "RUS",
        "--root", "07",
    ]));
    assert_eq!(events[0]["cameo"], "072");
    assert_eq!(events[0]["date"], "2024-10-30");
}

/// Numbers before "stored" and "already stored" in an ingest summary.
fn stored_counts(stderr: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(stderr);
    let number_before = |label: &str| {
        text.split(label)
            .next()
            .and_then(|head| head.rsplit(", ").next())
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("no '{label}' in {text}"))
    };
    (number_before(" stored,"), number_before(" already stored"))
}

#[test]
fn a_killed_ingest_resumes_without_loss_or_duplication() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let n = dateline_corpus::write_corpus(&corpus, 11, 150_000).unwrap();
    let db = dir.path().join("corpus.db");
    let db = db.to_str().unwrap();
    let corpus = corpus.to_str().unwrap();
    let mut child = bin()
        .args(["ingest", "--db", db, corpus])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let _ = child.kill(); // SIGKILL: no chance to commit the open batch
    let _ = child.wait();
    // The resumed run bounds the writer's cache far below its default: slower, same result.
    let resumed = run(&["ingest", "--db", db, "--cache-mb", "16", corpus]);
    assert!(
        resumed.status.success(),
        "{}",
        String::from_utf8_lossy(&resumed.stderr)
    );
    let (stored, already) = stored_counts(&resumed.stderr);
    assert_eq!(stored + already, n, "every article stored exactly once");
    let again = run(&["ingest", "--db", db, corpus]);
    assert_eq!(stored_counts(&again.stderr), (0, n));
}

/// An article without a publication date stays undated in the JSON, the store, the timeline and
/// every export (never the day of ingestion); the summary says so and suggests `--date`. A date
/// given by the user is recorded as such.
#[test]
fn undated_articles_stay_undated_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("undated.txt");
    std::fs::write(
        &article,
        "Rebels attack army base in the north\n\nRebel fighters attacked an army base near the \
         town of Kidal, the Malian army said. Mali accused Algeria of arming the rebels.\n",
    )
    .unwrap();
    let article = article.to_str().unwrap();
    let extracted = json(&run(&["extract", article, "--format", "json"]));
    assert_eq!(extracted["meta"]["published"], Value::Null);
    assert_eq!(extracted["meta"]["published_source"], Value::Null);
    let given = json(&run(&[
        "extract",
        article,
        "--format",
        "json",
        "--date",
        "2024-05-06",
    ]));
    assert_eq!(given["meta"]["published_source"], "flag");

    let db = dir.path().join("corpus.db");
    let db = db.to_str().unwrap();
    let ingest = run(&["ingest", "--db", db, article]);
    let summary = String::from_utf8_lossy(&ingest.stderr);
    assert!(ingest.status.success(), "{summary}");
    assert!(
        summary.contains("1 of the stored documents have no publication date")
            && summary.contains("--date"),
        "{summary}"
    );
    let gdelt = run(&["export", "--db", db, "--format", "gdelt-events"]);
    let rows = String::from_utf8_lossy(&gdelt.stdout).into_owned();
    assert!(!rows.is_empty(), "the article has events");
    let today = chrono::Utc::now().format("%Y%m%d").to_string();
    for row in rows.lines() {
        let cells: Vec<&str> = row.split('\t').collect();
        assert_eq!(cells.len(), 61);
        assert_eq!(
            cells[1..5],
            ["", "", "", ""],
            "SQLDATE and its parts: {row}"
        );
        assert!(
            cells[59].starts_with(&today),
            "DATEADDED is when it was stored"
        );
    }
    let plover = run(&["export", "--db", db, "--format", "plover"]);
    for line in String::from_utf8_lossy(&plover.stdout).lines() {
        let record: Value = serde_json::from_str(line).unwrap();
        assert_eq!(record["date"], Value::Null, "{line}");
    }
    let gkg = run(&["export", "--db", db, "--format", "gdelt-gkg"]);
    let gkg = String::from_utf8_lossy(&gkg.stdout).into_owned();
    assert_eq!(gkg.lines().next().unwrap().split('\t').nth(1), Some(""));
    let events = json(&run(&["query", "--db", db, "--format", "json", "events"]));
    let events = events.as_array().unwrap();
    assert!(events.iter().any(|e| e["source_actor"]
        .as_str()
        .is_some_and(|a| a.starts_with("MLI"))));
    for e in events {
        assert_eq!(e["date"], Value::Null, "{e}");
        assert_eq!(e["first_seen"], Value::Null, "{e}");
    }
    let timeline = run(&[
        "query", "--db", db, "--format", "json", "timeline", "--actor", "MLI",
    ]);
    let buckets = json(&timeline);
    assert!(
        buckets.as_array().unwrap().is_empty(),
        "undated events stay out of the timeline: {buckets}"
    );
}

/// A directory walk reads articles only, as ripgrep would choose them: the README and scripts
/// beside the example stories are skipped and counted, `--type` and `--glob` change the choice.
#[test]
fn directory_walks_take_articles_and_count_what_they_skip() {
    let dir = tempfile::tempdir().unwrap();
    let story = "Chile and Peru signed a fisheries accord in Lima on Monday, officials said.\n";
    for (path, text) in [
        ("story.txt", story),
        ("page.html", "<html><body><article><p>Chile and Peru signed a fisheries accord in Lima on Monday, officials said.</p></article></body></html>"),
        ("README.md", "# Stories\n\nRun the scripts.\n"),
        ("fetch.py", "import sys\nprint('\"We will not stop,\" he said.')\n"),
        ("seed.gold.json", "{\"events\": []}"),
    ] {
        std::fs::write(dir.path().join(path), text).unwrap();
    }
    let root = dir.path().to_str().unwrap();
    let all = run(&["extract", root, "--format", "jsonl"]);
    let stderr = String::from_utf8_lossy(&all.stderr);
    assert!(all.status.success(), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&all.stdout).lines().count(), 2);
    assert!(stderr.contains("3 files skipped"), "{stderr}");
    let html = run(&["extract", root, "--format", "jsonl", "--type", "html"]);
    assert_eq!(String::from_utf8_lossy(&html.stdout).lines().count(), 1);
    let md = run(&["extract", root, "--format", "jsonl", "--glob", "*.md"]);
    assert_eq!(String::from_utf8_lossy(&md.stdout).lines().count(), 1);
    let bad = run(&["extract", root, "--type", "pdf"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown file type"));
}

/// `--syntax` adds the tokens as `dateline/1` describes them: `upos`, the sentence, the head's
/// position within the sentence (0 for the root) and the UD relation as `deprel`.
#[test]
fn syntax_tokens_follow_the_schema() {
    let out = bin()
        .args(["extract", "-", "--syntax"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(
                b"Talks fail\n\nThe rebels attacked the base. Mali accused Algeria.\n",
            )?;
            child.wait_with_output()
        })
        .unwrap();
    let doc = json(&out);
    let tokens = doc["tokens"].as_array().unwrap();
    let find = |word: &str| tokens.iter().find(|t| t["text"] == word).unwrap();
    let (attacked, rebels, accused, mali) = (
        find("attacked"),
        find("rebels"),
        find("accused"),
        find("Mali"),
    );
    assert_eq!(attacked["head"], 0);
    assert_eq!(attacked["deprel"], "root");
    assert_eq!(attacked["upos"], "VERB");
    assert_eq!(rebels["head"], 3, "the third word of its sentence");
    assert_eq!(rebels["deprel"], "nsubj");
    assert_eq!(mali["sentence"], 1);
    assert_eq!(mali["head"], 2, "counted within its own sentence");
    assert_eq!(accused["head"], 0);
    assert_eq!(
        mali["head_token"],
        tokens.iter().position(|t| t == accused).unwrap()
    );
}

/// Every flag of `query` is checked, with a message saying what a right value looks like; an
/// empty answer says so; plain words search as words.
#[test]
fn queries_validate_their_flags_and_explain_themselves() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    let db = db.to_str().unwrap();
    let story = repo().join("examples/mekong-dam-talks.txt");
    assert!(run(&["ingest", "--db", db, story.to_str().unwrap()])
        .status
        .success());
    for (args, words) in [
        (
            vec!["events", "--since", "2024-13-45"],
            "expected YYYY-MM-DD",
        ),
        (
            vec!["events", "--until", "yesterday"],
            "expected YYYY-MM-DD",
        ),
        (vec!["events", "--root", "abc"], "is not a CAMEO root"),
        (vec!["events", "--root", "21"], "is not a CAMEO root"),
        (vec!["events", "--actor", "1x"], "is not an actor code"),
        (vec!["events", "--limit", "0"], "--limit"),
        (vec!["timeline", "--actor", "??"], "is not an actor code"),
        (vec!["search", "--raw", "AND"], "is not a valid FTS5 query"),
    ] {
        let mut full = vec!["query", "--db", db];
        full.extend(args.iter().copied());
        let out = run(&full);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(words), "{args:?}: {stderr}");
        assert_eq!(
            stderr.lines().filter(|l| l.starts_with("error:")).count(),
            1,
            "said once: {stderr}"
        );
        assert_eq!(stderr.matches(words).count(), 1, "said once: {stderr}");
    }
    let none = run(&["query", "--db", db, "events", "--actor", "ZZZ"]);
    assert_eq!(String::from_utf8_lossy(&none.stdout).trim(), "no results");
    let and = run(&["query", "--db", db, "search", "and"]);
    assert!(
        and.status.success(),
        "{}",
        String::from_utf8_lossy(&and.stderr)
    );
    let events =
        String::from_utf8_lossy(&run(&["query", "--db", db, "events"]).stdout).into_owned();
    assert!(
        events.contains("Sign formal agreement"),
        "labels beside codes: {events}"
    );
    assert!(events.contains("Cambodia"), "actor names: {events}");
    let evidence = run(&[
        "query",
        "--db",
        db,
        "--format",
        "json",
        "events",
        "--evidence",
    ]);
    let rows = json(&evidence);
    assert!(rows[0]["evidence"]
        .as_str()
        .is_some_and(|e| e.contains("Laos")));
}

/// `--format text` reads as sentences; `-q` leaves only errors; completions are printed.
#[test]
fn text_view_quiet_and_completions() {
    let story = repo().join("examples/mekong-dam-talks.txt");
    let story = story.to_str().unwrap();
    let text = run(&["extract", story, "--format", "text"]);
    let out = String::from_utf8_lossy(&text.stdout);
    assert!(out.contains("Events (") && out.contains(" → "), "{out}");
    assert!(!out.contains('\u{1b}'), "no colour into a pipe");
    let quiet = run(&["-q", "extract", story]);
    assert!(quiet.status.success());
    assert!(
        quiet.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&quiet.stderr)
    );
    let bash = run(&["completions", "bash"]);
    assert!(String::from_utf8_lossy(&bash.stdout).contains("_dateline()"));
}

#[test]
fn kb_looks_a_name_up_with_the_role_of_a_date() {
    let may = run(&["kb", "Theresa May", "--date", "2017-03-14"]);
    assert!(
        may.status.success(),
        "{}",
        String::from_utf8_lossy(&may.stderr)
    );
    let text = String::from_utf8_lossy(&may.stdout);
    assert!(
        text.contains("code on 2017-03-14: GBRGOV") && text.starts_with('→'),
        "{text}"
    );
    let bush =
        String::from_utf8_lossy(&run(&["kb", "Bush", "--date", "2005-06-01"]).stdout).into_owned();
    let chosen = bush
        .lines()
        .find(|l| l.starts_with('→'))
        .unwrap_or_default();
    assert!(chosen.contains("George W. Bush"), "{bush}");
    let nobody = run(&["kb", "Zyxwv Qqqq"]);
    assert_eq!(nobody.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&nobody.stdout).contains("no one"));
    let bad = run(&["kb", "Putin", "--date", "2005-13-01"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("YYYY-MM-DD"));
}

/// A constructed GUM-style document: one quotation attributed by an eRST relation, its speaker a
/// coreference chain.
const GUM_DOC: &str = "# newdoc id = GUM_news_test\n# newpar\n# text = \"The dam will open soon,\" Mayor Ann Lee said.\n\
1\t\"\t\"\tPUNCT\t``\t_\t5\tpunct\t_\tDiscourse=ROOT:1:0|SpaceAfter=No\n\
2\tThe\tthe\tDET\tDT\t_\t3\tdet\t_\t_\n\
3\tdam\tdam\tNOUN\tNN\t_\t5\tnsubj\t_\t_\n\
4\twill\twill\tAUX\tMD\t_\t5\taux\t_\t_\n\
5\topen\topen\tVERB\tVB\t_\t0\troot\t_\t_\n\
6\tsoon\tsoon\tADV\tRB\t_\t5\tadvmod\t_\tSpaceAfter=No\n\
7\t,\t,\tPUNCT\t,\t_\t5\tpunct\t_\tSpaceAfter=No\n\
8\t\"\t\"\tPUNCT\t''\t_\t5\tpunct\t_\t_\n\
9\tMayor\tMayor\tPROPN\tNNP\t_\t11\tcompound\t_\tDiscourse=attribution-positive:2->1:0:lex-indwd-12+sem-atsrc-9-11\n\
10\tAnn\tAnn\tPROPN\tNNP\t_\t12\tnsubj\t_\tEntity=(1-person-new\n\
11\tLee\tLee\tPROPN\tNNP\t_\t10\tflat\t_\tEntity=1)\n\
12\tsaid\tsay\tVERB\tVBD\t_\t5\tparataxis\t_\tSpaceAfter=No\n\
13\t.\t.\tPUNCT\t.\t_\t5\tpunct\t_\t_\n\n";

#[test]
fn eval_quotes_scores_gum_files_by_half() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["GUM_news_a.conllu", "GUM_news_b.conllu"] {
        std::fs::write(dir.path().join(name), GUM_DOC).unwrap();
    }
    let out_json = dir.path().join("scores.json");
    let out = run(&[
        "eval",
        "quotes",
        dir.path().to_str().unwrap(),
        "--half",
        "odd",
        "--json",
        out_json.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("GUM news documents: 1, gold quotes: 1"),
        "{stdout}"
    );
    let scores: Value = serde_json::from_str(&std::fs::read_to_string(&out_json).unwrap()).unwrap();
    assert_eq!(scores["documents"], 1);
    assert_eq!(scores["quotes"]["direct"]["n_gold"], 1);
    assert_eq!(
        scores["quotes"]["speaker"]["correct"], 1,
        "the quote is Ann Lee's: {scores}"
    );

    let empty = tempfile::tempdir().unwrap();
    let out = run(&["eval", "quotes", empty.path().to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no .conllu files"), "{stderr}");
}
