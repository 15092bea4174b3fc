//! Prints the gold quotes `dateline eval quotes` derives from one GUM CoNLL-U file, one per line
//! (kind, speaker, cue, text), to check the derivation on files of the development half.
//!
//! `cargo run -p dateline-eval --example gum_gold -- FILE.conllu [--text]` (`--text`: print the
//! rebuilt article text instead, to run `dateline extract` on).

#![allow(clippy::print_stdout, clippy::print_stderr)] // a command-line tool: it prints

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: gum_gold FILE.conllu");
        return ExitCode::from(2);
    };
    let conllu = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) => {
            eprintln!("error: cannot read {path}: {err}");
            return ExitCode::FAILURE;
        }
    };
    let doc = dateline_eval::gum_quotes::read_document(&conllu);
    if std::env::args().nth(2).as_deref() == Some("--text") {
        println!("{}", doc.text);
        return ExitCode::SUCCESS;
    }
    for q in &doc.quotes {
        println!(
            "{:?}\t{}\t{}\t{}",
            q.kind,
            q.speaker.as_deref().unwrap_or("-"),
            q.cue.as_deref().unwrap_or("-"),
            q.text
        );
    }
    for e in &doc.entities {
        println!("entity\t{}\t{}", e.name, e.also.join(" | "));
    }
    ExitCode::SUCCESS
}
