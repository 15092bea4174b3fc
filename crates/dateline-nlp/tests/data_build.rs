//! The generated data files are what their committed scripts make of `../shared/data`: each
//! script is run and its output compared byte for byte with the committed file. Skipped, with the
//! reason printed, where the shared data or Python is missing (a clean clone on CI).

#![allow(clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The shared data folder and a Python 3, or `None` after saying why the test is skipped.
fn inputs() -> Option<PathBuf> {
    let data = repo().join("../shared/data");
    if !data.join("leaders").is_dir() || !data.join("petrarch").is_dir() {
        eprintln!(
            "skipped: {} (leaders/, petrarch/) is not here",
            data.display()
        );
        return None;
    }
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipped: no python3 to run the build scripts");
        return None;
    }
    Some(data)
}

fn run(script: &Path, args: &[&std::ffi::OsStr]) {
    let out = Command::new("python3")
        .arg(script)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{} failed: {}",
        script.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn same_bytes(made: &Path, committed: &Path) {
    let (a, b) = (
        std::fs::read(made).unwrap(),
        std::fs::read(committed).unwrap(),
    );
    assert!(
        a == b,
        "{} differs from what its script makes ({} vs {} bytes): rerun the script",
        committed.display(),
        b.len(),
        a.len()
    );
}

#[test]
fn the_actor_knowledge_base_is_rebuilt_byte_for_byte() {
    let Some(data) = inputs() else { return };
    let dir = tempfile::tempdir().unwrap();
    let made = dir.path().join("people.tsv");
    let actors = repo().join("crates/dateline-nlp/resources/actors");
    run(
        &actors.join("build_kb.py"),
        &[data.as_os_str(), "--out".as_ref(), made.as_os_str()],
    );
    same_bytes(&made, &actors.join("people.tsv"));
}

#[test]
fn the_agents_table_is_rebuilt_byte_for_byte() {
    let Some(data) = inputs() else { return };
    let dir = tempfile::tempdir().unwrap();
    let agents = repo().join("crates/dateline-nlp/resources/agents");
    let phoenix = data.join("petrarch/Phoenix.agents.txt");
    run(
        &agents.join("build_agents.py"),
        &[
            phoenix.as_os_str(),
            "--out".as_ref(),
            dir.path().as_os_str(),
        ],
    );
    same_bytes(&dir.path().join("agents.tsv"), &agents.join("agents.tsv"));
}

#[test]
fn the_people_probes_are_rebuilt_byte_for_byte() {
    let Some(data) = inputs() else { return };
    let script = repo().join("crates/dateline-eval/resources/probes/build_people_probes.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(&data)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let committed =
        std::fs::read(repo().join("crates/dateline-eval/resources/probes/people.tsv")).unwrap();
    assert!(
        out.stdout == committed,
        "people.tsv differs from what its script makes"
    );
}
