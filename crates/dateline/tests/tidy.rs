//! Tidy checks over the workspace's sources, in the spirit of rust-analyzer's `tidy.rs`.
//!
//! - Word lists, gazetteers and code tables are data files under a crate's `resources/`, never
//!   Rust literals: the source of the run-time language crates (`dateline-core`, `dateline-nlp`,
//!   and `dateline-syntax` once it exists) holds no array or slice of five or more string
//!   literals.
//! - Library crates do not print: no `println!`, `eprintln!`, `print!`, `eprint!` or `dbg!` in the
//!   `src/` of any crate but the `dateline` binary.
//!
//! Test code is exempt: the body of an inline `#[cfg(test)] mod name { … }`, and the file (or
//! folder) of a `#[cfg(test)] mod name;`. The files are read by a small lexer, so comments, the
//! contents of string literals, char literals and lifetimes cannot fool the checks.

use std::fs;
use std::path::{Path, PathBuf};

/// The one crate allowed to print: the command-line binary.
const BINARY_CRATE: &str = "dateline";

/// How many string literals make an array a word list.
const LIST_MIN: usize = 5;

/// Tokens in `#[cfg(test)]`.
const CFG_TEST_LEN: usize = 7;

/// A token of Rust source, as far as the checks need one.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    /// A string literal of any kind (`"…"`, `r#"…"#`, `b"…"`).
    Str,
    /// An identifier or keyword.
    Ident(String),
    /// A punctuation character.
    Punct(char),
    /// A number, a char literal, a lifetime or a label.
    Other,
}

/// A token and the line it starts on (from 1).
#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    line: usize,
}

/// A cursor over the characters of a source file.
struct Lexer {
    chars: Vec<char>,
    at: usize,
    line: usize,
}

impl Lexer {
    fn peek(&self, ahead: usize) -> char {
        self.chars.get(self.at + ahead).copied().unwrap_or('\0')
    }

    fn done(&self) -> bool {
        self.at >= self.chars.len()
    }

    fn bump(&mut self) {
        if self.peek(0) == '\n' {
            self.line += 1;
        }
        self.at += 1;
    }

    fn bump_n(&mut self, n: usize) {
        for _ in 0..n {
            self.bump();
        }
    }

    /// Reads an identifier, keyword or number.
    fn word(&mut self) -> String {
        let start = self.at;
        while self.peek(0).is_alphanumeric() || self.peek(0) == '_' {
            self.bump();
        }
        self.chars[start..self.at].iter().collect()
    }

    /// Skips a `"…"` literal, the cursor on its opening quote.
    fn string(&mut self) {
        self.bump();
        while !self.done() {
            let c = self.peek(0);
            self.bump();
            if c == '\\' {
                self.bump();
            } else if c == '"' {
                break;
            }
        }
    }

    /// Skips a raw string after its `r`, `br` or `cr`; `false`, skipping nothing, when the
    /// prefix is not followed by one (`r#type` is a raw identifier).
    fn raw_string(&mut self) -> bool {
        let hashes = (0..=255).take_while(|&k| self.peek(k) == '#').count();
        if self.peek(hashes) != '"' {
            return false;
        }
        self.bump_n(hashes + 1);
        while !self.done() {
            let c = self.peek(0);
            self.bump();
            if c == '"' && (0..hashes).all(|k| self.peek(k) == '#') {
                self.bump_n(hashes);
                break;
            }
        }
        true
    }

    /// Skips a char literal (`'x'`, `'\n'`, `'\u{2019}'`) or a lifetime or label (`'a`).
    fn quote(&mut self) {
        if self.peek(1) == '\\' {
            self.bump_n(3);
            while !self.done() && self.peek(0) != '\'' {
                self.bump();
            }
            self.bump();
        } else if self.peek(2) == '\'' {
            self.bump_n(3);
        } else {
            self.bump();
            self.word();
        }
    }

    fn line_comment(&mut self) {
        while !self.done() && self.peek(0) != '\n' {
            self.bump();
        }
    }

    /// Skips a block comment, nested ones included.
    fn block_comment(&mut self) {
        self.bump_n(2);
        let mut depth = 1;
        while !self.done() && depth > 0 {
            if self.peek(0) == '/' && self.peek(1) == '*' {
                self.bump_n(2);
                depth += 1;
            } else if self.peek(0) == '*' && self.peek(1) == '/' {
                self.bump_n(2);
                depth -= 1;
            } else {
                self.bump();
            }
        }
    }

    /// An identifier, or a string literal with a prefix (`r"…"`, `b"…"`).
    fn ident_or_string(&mut self) -> Tok {
        let word = self.word();
        if matches!(word.as_str(), "r" | "br" | "cr") && self.raw_string() {
            Tok::Str
        } else if matches!(word.as_str(), "b" | "c") && self.peek(0) == '"' {
            self.string();
            Tok::Str
        } else {
            Tok::Ident(word)
        }
    }

    /// The next token; `None` after skipping whitespace or a comment.
    fn next_token(&mut self) -> Option<Tok> {
        let c = self.peek(0);
        if c.is_whitespace() {
            self.bump();
            return None;
        }
        match (c, self.peek(1)) {
            ('/', '/') => {
                self.line_comment();
                None
            }
            ('/', '*') => {
                self.block_comment();
                None
            }
            ('"', _) => {
                self.string();
                Some(Tok::Str)
            }
            ('\'', _) => {
                self.quote();
                Some(Tok::Other)
            }
            _ if c.is_alphabetic() || c == '_' => Some(self.ident_or_string()),
            _ if c.is_ascii_digit() => {
                self.word();
                Some(Tok::Other)
            }
            _ => {
                self.bump();
                Some(Tok::Punct(c))
            }
        }
    }
}

/// The tokens of `src`, comments left out.
fn tokens(src: &str) -> Vec<Token> {
    let mut lexer = Lexer {
        chars: src.chars().collect(),
        at: 0,
        line: 1,
    };
    let mut out = Vec::new();
    while !lexer.done() {
        let line = lexer.line;
        if let Some(tok) = lexer.next_token() {
            out.push(Token { tok, line });
        }
    }
    out
}

fn ident_at(tokens: &[Token], k: usize) -> Option<&str> {
    match &tokens.get(k)?.tok {
        Tok::Ident(name) => Some(name.as_str()),
        _ => None,
    }
}

fn punct_at(tokens: &[Token], k: usize) -> Option<char> {
    match tokens.get(k)?.tok {
        Tok::Punct(c) => Some(c),
        _ => None,
    }
}

/// Whether the tokens from `k` spell `#[cfg(test)]`.
fn is_cfg_test(tokens: &[Token], k: usize) -> bool {
    punct_at(tokens, k) == Some('#')
        && punct_at(tokens, k + 1) == Some('[')
        && ident_at(tokens, k + 2) == Some("cfg")
        && punct_at(tokens, k + 3) == Some('(')
        && ident_at(tokens, k + 4) == Some("test")
        && punct_at(tokens, k + 5) == Some(')')
        && punct_at(tokens, k + 6) == Some(']')
}

/// What a `#[cfg(test)]` attribute marks.
enum TestItem {
    /// `mod name { … }`: the index of its closing brace.
    Inline(usize),
    /// `mod name;`: the module's name (its file is test code).
    File(String),
    /// Something else (a test-only function or import), checked like any code.
    Other,
}

/// The item that starts at token `k`, right after a `#[cfg(test)]`.
fn test_item(tokens: &[Token], mut k: usize) -> TestItem {
    if ident_at(tokens, k) == Some("pub") {
        k += 1;
        if punct_at(tokens, k) == Some('(') {
            k += 3;
        }
    }
    let (Some("mod"), Some(name)) = (ident_at(tokens, k), ident_at(tokens, k + 1)) else {
        return TestItem::Other;
    };
    match punct_at(tokens, k + 2) {
        Some('{') => TestItem::Inline(closing_brace(tokens, k + 2)),
        Some(';') => TestItem::File(name.to_owned()),
        _ => TestItem::Other,
    }
}

/// The index of the `}` that closes the `{` at `open` (the last token when none does).
fn closing_brace(tokens: &[Token], open: usize) -> usize {
    let mut depth = 0usize;
    for (k, token) in tokens.iter().enumerate().skip(open) {
        match token.tok {
            Tok::Punct('{') => depth += 1,
            Tok::Punct('}') => {
                depth -= 1;
                if depth == 0 {
                    return k;
                }
            }
            _ => {}
        }
    }
    tokens.len().saturating_sub(1)
}

/// A source file as the checks see it.
struct Source {
    /// Its tokens outside inline test modules.
    tokens: Vec<Token>,
    /// The test-only modules it declares in files of their own (`#[cfg(test)] mod tests;`).
    test_files: Vec<String>,
}

fn parse(src: &str) -> Source {
    let all = tokens(src);
    let mut source = Source {
        tokens: Vec::new(),
        test_files: Vec::new(),
    };
    let mut k = 0;
    while k < all.len() {
        if is_cfg_test(&all, k) {
            match test_item(&all, k + CFG_TEST_LEN) {
                TestItem::Inline(close) => {
                    k = close + 1;
                    continue;
                }
                TestItem::File(name) => source.test_files.push(name),
                TestItem::Other => {}
            }
        }
        source.tokens.push(all[k].clone());
        k += 1;
    }
    source
}

/// How many string literals the array whose tokens start at `tokens` (right after its `[`)
/// holds; 0 when it holds anything else.
fn string_list_len(tokens: &[Token]) -> usize {
    let mut strings = 0;
    for token in tokens {
        match token.tok {
            Tok::Str => strings += 1,
            Tok::Punct(',') => {}
            Tok::Punct(']') => return strings,
            _ => return 0,
        }
    }
    0
}

/// Lines where an array or slice of `LIST_MIN` or more string literals opens.
fn word_lists(tokens: &[Token]) -> Vec<usize> {
    tokens
        .iter()
        .enumerate()
        .filter(|&(k, token)| {
            token.tok == Tok::Punct('[') && string_list_len(&tokens[k + 1..]) >= LIST_MIN
        })
        .map(|(_, token)| token.line)
        .collect()
}

fn is_print_macro(name: &str) -> bool {
    matches!(name, "println" | "eprintln" | "print" | "eprint" | "dbg")
}

/// Lines where a printing macro is invoked.
fn prints(tokens: &[Token]) -> Vec<usize> {
    tokens
        .windows(2)
        .filter(|pair| {
            pair[1].tok == Tok::Punct('!')
                && matches!(&pair[0].tok, Tok::Ident(name) if is_print_macro(name))
        })
        .map(|pair| pair[0].line)
        .collect()
}

/// The `.rs` files under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let entries = fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Where the test-only modules `names` that `file` declares live: `name.rs` and `name/` in the
/// folder of `file`'s child modules.
fn test_paths(file: &Path, names: &[String]) -> Vec<PathBuf> {
    let stem = file
        .file_stem()
        .and_then(std::ffi::OsStr::to_str)
        .unwrap_or_default();
    let dir = if matches!(stem, "mod" | "lib" | "main") {
        file.parent().unwrap_or(file).to_path_buf()
    } else {
        file.with_extension("")
    };
    names
        .iter()
        .flat_map(|name| [dir.join(format!("{name}.rs")), dir.join(name)])
        .collect()
}

/// The `crates/` folder.
fn crates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the binary crate sits in crates/")
        .to_path_buf()
}

/// `path:line` of every offence `find` reports in the code outside test modules of the `src/`
/// of `crates`.
fn offences(crates: &[PathBuf], find: fn(&[Token]) -> Vec<usize>) -> Vec<String> {
    let crates_root = crates_dir();
    let root = crates_root.parent().unwrap_or(crates_root.as_path());
    let mut sources = Vec::new();
    for krate in crates {
        for file in rust_files(&krate.join("src")) {
            let text =
                fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let source = parse(&text);
            sources.push((file, source));
        }
    }
    let exempt: Vec<PathBuf> = sources
        .iter()
        .flat_map(|(file, source)| test_paths(file, &source.test_files))
        .collect();
    sources
        .iter()
        .filter(|(file, _)| !exempt.iter().any(|test| file.starts_with(test)))
        .flat_map(|(file, source)| {
            let shown = file
                .strip_prefix(root)
                .unwrap_or(file.as_path())
                .display()
                .to_string();
            find(&source.tokens)
                .into_iter()
                .map(move |line| format!("{shown}:{line}"))
        })
        .collect()
}

#[test]
fn word_lists_are_data_files() {
    let dir = crates_dir();
    let mut crates = vec![dir.join("dateline-core"), dir.join("dateline-nlp")];
    assert!(
        crates.iter().all(|c| c.join("src").is_dir()),
        "the language crates are not in {}",
        dir.display()
    );
    let syntax = dir.join("dateline-syntax");
    if syntax.join("src").is_dir() {
        crates.push(syntax);
    }
    let found = offences(&crates, word_lists);
    assert!(
        found.is_empty(),
        "arrays of {LIST_MIN} or more string literals: move the words to a data file under the \
         crate's resources/ (with a header saying what they are and where they come from) and \
         embed it with include_str!\n{}",
        found.join("\n")
    );
}

#[test]
fn library_crates_do_not_print() {
    let dir = crates_dir();
    let mut crates: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|c| c.join("src").is_dir() && !c.ends_with(BINARY_CRATE))
        .collect();
    crates.sort();
    assert!(crates.len() > 1, "no library crates in {}", dir.display());
    let found = offences(&crates, prints);
    assert!(
        found.is_empty(),
        "library code prints (println!, eprintln!, print!, eprint!, dbg!): return the text or an \
         error and let the binary print it\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scanner_sees_lists_and_prints_only_in_code() {
    let sample = r##"
let x = ["a","b","c","d","e"];
let four = ["a", "b", "c", "d"];
let mixed = ["a", "b", c, "d", "e", "f"];
const W: &[&str] = &[
    "a", // "not", "counted"
    "b", "c",
    "d", /* ] */ "e",
];
let s = "[\"a\", \"b\", \"c\", \"d\", \"e\"]";
let r = r#"["a", "b", "c", "d", "e"]"#;
// ["a", "b", "c", "d", "e"] println!("x");
let q = '"'; let v = ["a", "b", "c", "d", "e"];
fn f<'a>(x: &'a str) { println!("{x}"); }
#[cfg(test)]
mod tests {
    const T: [&str; 5] = ["a", "b", "c", "d", "e"];
    fn g() { let brace = '{'; dbg!(brace); }
}
eprint!("after the tests");
#[cfg(test)]
mod data;
"##;
    let source = parse(sample);
    assert_eq!(word_lists(&source.tokens), [2, 5, 13]);
    assert_eq!(prints(&source.tokens), [14, 20]);
    assert_eq!(source.test_files, ["data"]);
    let names = ["tests".to_owned()];
    assert_eq!(
        test_paths(Path::new("src/events/mod.rs"), &names),
        [
            PathBuf::from("src/events/tests.rs"),
            PathBuf::from("src/events/tests")
        ]
    );
    assert_eq!(
        test_paths(Path::new("src/claims.rs"), &names)[0],
        PathBuf::from("src/claims/tests.rs")
    );
}

/// The layer of each workspace crate: a crate may depend only on crates of lower layers.
const LAYERS: &[(&str, u8)] = &[
    ("dateline-core", 0),
    ("dateline-corpus", 0),
    ("dateline-syntax", 1),
    ("dateline-ingest", 1),
    ("dateline-store", 1),
    ("dateline-eval", 1),
    ("dateline-nlp", 2),
    ("dateline-export", 2),
    ("dateline-train", 3),
    ("dateline-server", 3),
    ("dateline-py", 3),
    ("dateline-watch", 3),
    ("dateline", 4),
];

/// Crates a run-time crate must not link: training formats and SQLite.
const NOT_AT_RUN_TIME: &[(&str, &[&str])] = &[
    ("dateline-core", &["zip", "csv", "rusqlite"]),
    ("dateline-syntax", &["zip", "csv", "rusqlite"]),
    ("dateline-nlp", &["zip", "csv", "rusqlite"]),
    ("dateline-py", &["rusqlite", "dateline-store"]),
];

/// The `[dependencies]` table of a `Cargo.toml` (not dev- or build-dependencies): each
/// dependency's name and the rest of its line.
fn dependencies(manifest: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            inside = line == "[dependencies]";
            continue;
        }
        if !inside || line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some((name, rest)) = line.split_once('=') {
            out.push((
                name.trim().trim_end_matches(".workspace").to_owned(),
                rest.trim().to_owned(),
            ));
        }
    }
    out
}

fn layer(name: &str) -> Option<u8> {
    LAYERS.iter().find(|(n, _)| *n == name).map(|&(_, l)| l)
}

#[test]
fn crate_dependencies_point_down_the_layers() {
    let mut wrong = Vec::new();
    for dir in fs::read_dir(crates_dir()).expect("crates/").flatten() {
        let name = dir.file_name().to_string_lossy().into_owned();
        let Ok(manifest) = fs::read_to_string(dir.path().join("Cargo.toml")) else {
            continue;
        };
        let own = layer(&name).unwrap_or_else(|| panic!("{name} has no layer in LAYERS"));
        let deps = dependencies(&manifest);
        for (dep, rest) in &deps {
            if let Some(theirs) = layer(dep) {
                if theirs >= own {
                    wrong.push(format!(
                        "{name} (layer {own}) depends on {dep} (layer {theirs})"
                    ));
                }
            }
            if name == "dateline-py" && dep == "dateline-export" && rest.contains("store") {
                wrong.push("dateline-py enables dateline-export's store feature".to_owned());
            }
        }
        for (krate, banned) in NOT_AT_RUN_TIME {
            if *krate == name {
                for (dep, _) in deps.iter().filter(|(d, _)| banned.contains(&d.as_str())) {
                    wrong.push(format!("{name} links {dep}"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let sample = "[package]\nname = \"x\"\n[dependencies]\nzip = \"2\"\ndateline-core.workspace = true\n[dev-dependencies]\ncsv = \"1\"\n";
    let names: Vec<String> = dependencies(sample).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        ["zip", "dateline-core"],
        "the manifest reader sees only [dependencies]"
    );
}
