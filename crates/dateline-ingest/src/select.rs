//! Which files of a directory are articles, chosen as ripgrep chooses what to search: hidden
//! files and what `.gitignore`/`.ignore` files exclude are skipped, known article extensions are
//! taken by default, and `--type`/`--glob` change that. Files named on the command line are
//! always read. What is skipped is counted, so that a summary can say so.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::error::{walk_error, InputError};

/// File types by name, with the globs of their file names.
pub const TYPES: &[(&str, &[&str])] = &[
    ("text", &["*.txt", "*.text"]),
    ("html", &["*.html", "*.htm", "*.xhtml", "*.shtml"]),
    (
        "jsonl",
        &["*.jsonl", "*.ndjson", "*.jsonl.gz", "*.ndjson.gz"],
    ),
    ("feed", &["*.rss", "*.atom", "*.xml"]),
    ("warc", &["*.warc", "*.warc.gz", "*.arc.gz"]),
];

/// What a directory walk takes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// File types to take (names of [`TYPES`]); empty: all of them.
    pub types: Vec<String>,
    /// Globs over paths relative to the walked directory, as ripgrep's `--glob`: a file matching
    /// one is taken whatever its type, `!glob` skips matching files; when any glob without `!` is
    /// given, only files matching one are taken.
    pub globs: Vec<String>,
    /// Walk hidden files and directories too.
    pub hidden: bool,
    /// Do not honour `.gitignore`, `.ignore` and `.git/info/exclude`.
    pub no_ignore: bool,
}

/// Why a selection cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectionError {
    /// A `--type` that is not one of [`TYPES`].
    #[error("unknown file type {0:?}: choose from text, html, jsonl, feed, warc")]
    UnknownType(String),
    /// A `--glob` that does not parse.
    #[error("bad glob {glob:?}: {reason}")]
    BadGlob {
        /// The glob.
        glob: String,
        /// Why.
        reason: String,
    },
}

/// A [`Selection`] compiled for matching.
#[derive(Debug, Clone)]
pub struct Matcher {
    types: GlobSet,
    take: GlobSet,
    skip: GlobSet,
    any_take: bool,
    selection: Selection,
}

fn glob_set<'a>(globs: impl Iterator<Item = &'a str>) -> Result<GlobSet, SelectionError> {
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        let compiled = Glob::new(glob).map_err(|e| SelectionError::BadGlob {
            glob: glob.to_owned(),
            reason: e.kind().to_string(),
        })?;
        builder.add(compiled);
    }
    builder.build().map_err(|e| SelectionError::BadGlob {
        glob: String::new(),
        reason: e.to_string(),
    })
}

impl Selection {
    /// Compiles the selection.
    pub fn matcher(&self) -> Result<Matcher, SelectionError> {
        for t in &self.types {
            if !TYPES.iter().any(|(name, _)| name == t) {
                return Err(SelectionError::UnknownType(t.clone()));
            }
        }
        let wanted = |name: &str| self.types.is_empty() || self.types.iter().any(|t| t == name);
        let types = glob_set(
            TYPES
                .iter()
                .filter(|(name, _)| wanted(name))
                .flat_map(|(_, globs)| globs.iter().copied()),
        )?;
        let take = glob_set(
            self.globs
                .iter()
                .filter(|g| !g.starts_with('!'))
                .map(String::as_str),
        )?;
        let skip = glob_set(self.globs.iter().filter_map(|g| g.strip_prefix('!')))?;
        Ok(Matcher {
            types,
            take,
            skip,
            any_take: self.globs.iter().any(|g| !g.starts_with('!')),
            selection: self.clone(),
        })
    }
}

impl Matcher {
    /// Whether the file at `relative` (to the walked directory) is taken.
    #[must_use]
    pub fn takes(&self, relative: &Path) -> bool {
        let name = relative.file_name().map_or(relative, Path::new);
        let lower = PathBuf::from(name.to_string_lossy().to_lowercase());
        if self.skip.is_match(relative) || self.skip.is_match(name) {
            return false;
        }
        if self.any_take {
            return self.take.is_match(relative) || self.take.is_match(name);
        }
        self.types.is_match(&lower)
    }
}

/// The files of the inputs: directories walked and filtered, files and `-` as given.
#[derive(Debug, Default)]
pub struct InputFiles {
    /// Files to read, in order (directories' files sorted by name).
    pub files: Vec<PathBuf>,
    /// Files of walked directories that the selection left out.
    pub skipped: usize,
    /// Entries that could not be walked.
    pub errors: Vec<InputError>,
}

/// Walks the `inputs` with `matcher`.
#[must_use]
pub fn select_files(inputs: &[PathBuf], matcher: &Matcher) -> InputFiles {
    let mut out = InputFiles::default();
    for input in inputs {
        if input.as_os_str() == "-" || !input.is_dir() {
            out.files.push(input.clone());
            continue;
        }
        let walk = ignore::WalkBuilder::new(input)
            .hidden(!matcher.selection.hidden)
            .ignore(!matcher.selection.no_ignore)
            .git_ignore(!matcher.selection.no_ignore)
            .git_exclude(!matcher.selection.no_ignore)
            .git_global(false)
            .parents(!matcher.selection.no_ignore)
            .sort_by_file_name(std::cmp::Ord::cmp)
            .build();
        for entry in walk {
            match entry {
                Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                    let path = e.into_path();
                    let relative = path.strip_prefix(input).unwrap_or(&path);
                    if matcher.takes(relative) {
                        out.files.push(path);
                    } else {
                        out.skipped += 1;
                    }
                }
                Ok(_) => {}
                Err(err) => out.errors.push(walk_error(input, &err)),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn takes(selection: &Selection, path: &str) -> bool {
        selection.matcher().unwrap().takes(Path::new(path))
    }

    #[test]
    fn articles_by_default_and_types_and_globs_change_it() {
        let default = Selection::default();
        for path in ["a.txt", "b/c.HTML", "feed.xml", "crawl.warc.gz", "x.jsonl"] {
            assert!(takes(&default, path), "{path}");
        }
        for path in ["README.md", "run.py", "seed.gold.json", "data.csv", "noext"] {
            assert!(!takes(&default, path), "{path}");
        }
        let html = Selection {
            types: vec!["html".into()],
            ..Selection::default()
        };
        assert!(takes(&html, "a.htm") && !takes(&html, "a.txt"));
        let globbed = Selection {
            globs: vec!["*.md".into(), "!drafts/**".into()],
            ..Selection::default()
        };
        assert!(takes(&globbed, "notes/story.md"));
        assert!(!takes(&globbed, "drafts/story.md"));
        assert!(
            !takes(&globbed, "a.txt"),
            "a positive glob takes only what it matches"
        );
        let unknown = Selection {
            types: vec!["pdf".into()],
            ..Selection::default()
        };
        assert!(matches!(
            unknown.matcher(),
            Err(SelectionError::UnknownType(_))
        ));
        let bad = Selection {
            globs: vec!["a[".into()],
            ..Selection::default()
        };
        assert!(matches!(bad.matcher(), Err(SelectionError::BadGlob { .. })));
    }

    #[test]
    fn hidden_and_ignored_files_are_skipped_and_counted() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::create_dir_all(root.join("out")).unwrap();
        for (path, text) in [
            ("story.txt", "A story."),
            ("notes.md", "Notes."),
            (".hidden.txt", "Hidden."),
            ("out/generated.txt", "Generated."),
            (".gitignore", "out/\n"),
        ] {
            std::fs::write(root.join(path), text).unwrap();
        }
        let matcher = Selection::default().matcher().unwrap();
        let found = select_files(&[root.to_path_buf()], &matcher);
        assert_eq!(found.files, [root.join("story.txt")]);
        assert_eq!(
            found.skipped, 1,
            "notes.md; hidden and ignored files are not even seen"
        );
        let all = Selection {
            hidden: true,
            no_ignore: true,
            ..Selection::default()
        };
        let found = select_files(&[root.to_path_buf()], &all.matcher().unwrap());
        assert_eq!(found.files.len(), 3, "{:?}", found.files);
    }
}
