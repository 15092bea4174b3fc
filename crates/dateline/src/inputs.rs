//! Which files `extract` and `ingest` read from a directory: the options they share, and the
//! walk (see `dateline_ingest::select`).

use std::path::PathBuf;

use clap::Args;
use dateline_ingest::select::{select_files, InputFiles, Selection};

/// Options choosing the files of directories, as ripgrep chooses.
#[derive(Debug, Clone, Args)]
pub struct SelectArgs {
    /// Only these file types from directories (repeatable): text, html, jsonl, feed, warc
    /// (default: all of them; other files are skipped and counted).
    #[arg(long = "type", short = 't', value_name = "TYPE")]
    pub types: Vec<String>,
    /// Take (or with `!`, skip) directory files whose path matches this glob, whatever their
    /// type (repeatable, as ripgrep's `--glob`).
    #[arg(long = "glob", short = 'g', value_name = "GLOB")]
    pub globs: Vec<String>,
    /// Read hidden files and directories too.
    #[arg(long)]
    pub hidden: bool,
    /// Also read files that `.gitignore`/`.ignore` files exclude.
    #[arg(long)]
    pub no_ignore: bool,
}

impl SelectArgs {
    /// The selection these options make.
    pub fn selection(&self) -> Selection {
        Selection {
            types: self.types.clone(),
            globs: self.globs.clone(),
            hidden: self.hidden,
            no_ignore: self.no_ignore,
        }
    }

    /// The files of `inputs`, with what was skipped and what could not be walked.
    pub fn files(&self, inputs: &[PathBuf]) -> anyhow::Result<InputFiles> {
        let matcher = self.selection().matcher()?;
        Ok(select_files(inputs, &matcher))
    }
}

/// The note on skipped files for a run's summary (empty when none were).
pub fn skipped_note(skipped: usize) -> String {
    match skipped {
        0 => String::new(),
        1 => "; 1 file skipped (not an article type: --type/--glob take it)".into(),
        n => format!("; {n} files skipped (not article types: --type/--glob take them)"),
    }
}
