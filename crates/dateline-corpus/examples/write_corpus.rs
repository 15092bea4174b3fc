//! Writes a generated corpus as article files.
//!
//! ```text
//! cargo run --release -p dateline-corpus --example write_corpus -- DIR [SEED] [WORDS]
//! ```
//!
//! Defaults: seed 42, 1,000,000 words. The same arguments always write the same bytes.

#![allow(clippy::print_stderr)]

use std::io::Write as _;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: write_corpus DIR [SEED] [WORDS]");
        return ExitCode::from(2);
    };
    let seed = match args.get(1).map(|s| s.parse::<u64>()) {
        None => 42,
        Some(Ok(seed)) => seed,
        Some(Err(e)) => {
            eprintln!("error: SEED: {e}");
            return ExitCode::from(2);
        }
    };
    let words = match args
        .get(2)
        .map(|s| s.replace(['_', ','], "").parse::<usize>())
    {
        None => 1_000_000,
        Some(Ok(words)) => words,
        Some(Err(e)) => {
            eprintln!("error: WORDS: {e}");
            return ExitCode::from(2);
        }
    };
    let start = Instant::now();
    match dateline_corpus::write_corpus(dir, seed, words) {
        Ok(n) => {
            let _ = writeln!(
                std::io::stdout(),
                "wrote {n} articles (seed {seed}, at least {words} words) to {dir} in {:.2?}",
                start.elapsed()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {dir}: {e}");
            ExitCode::FAILURE
        }
    }
}
