//! # dateline-corpus
//!
//! A deterministic generator of realistic, entirely invented wire stories, for benchmarks that
//! need a fixed news corpus of any size that anyone can regenerate byte for byte from a seed.
//!
//! Each [`Article`] has a headline, an outlet, a URL, a publication date and a body laid out the
//! way wire copy arrives: an optional byline (`By A, B and C`), a dateline opening the first
//! paragraph (`WASHINGTON (Meridian) - `, `KYIV, Ukraine, Oct. 30 (CP) — `, `BEIJING — `), one
//! paragraph per line (or, in some stories, blank-line separated), and sometimes a closing
//! credit line (`(Reporting by …; Editing by …)`). The text is built to exercise segmentation
//! and extraction: direct quotes in curly or straight marks, quotes broken by attribution and
//! running over paragraphs, partial and indirect quotes, abbreviations (U.S., Gen., Lt. Col.,
//! Sept., St., No.), initials, numbers such as 10,000, 2-1/2, 3.5% and $1.2 billion, em dashes,
//! ellipses and possessives, across talks, visits, sanctions, attacks, protests, agreements,
//! troop deployments and appeals.
//!
//! Vocabulary and templates are data files under `resources/`, written for Dateline and placed
//! in the public domain (CC0); every person and outlet in them is invented.
//!
//! Article `i` of a seed is generated from its own `ChaCha8` stream, so [`generate`] for a smaller
//! word target returns a prefix of the articles for a larger one, and [`article`] gives any one
//! of them directly.
//!
//! ```
//! use dateline_corpus::{article, corpus_text, generate, word_count};
//!
//! let articles = generate(42, 2_000);
//! let words: usize = articles.iter().map(|a| word_count(&a.body)).sum();
//! assert!(words >= 2_000);
//! assert_eq!(articles, generate(42, 2_000));
//! assert_eq!(articles[1], article(42, 1));
//!
//! let file = articles[0].to_article_file();
//! let lines: Vec<&str> = file.lines().collect();
//! assert!(lines[0].starts_with("# source: https://"));
//! assert_eq!(lines[1], articles[0].headline);
//! assert_eq!(lines[2], articles[0].outlet);
//! assert_eq!(lines[3], "");
//!
//! assert!(corpus_text(42, 2_000).starts_with(&file));
//! ```

mod calendar;
mod data;
mod story;

use std::fs;
use std::io;
use std::path::Path;

/// One generated news story.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Article {
    /// The headline, in sentence case, without a final period.
    pub headline: String,
    /// The (invented) outlet that published it.
    pub outlet: String,
    /// A URL on the outlet's `.example` domain.
    pub url: String,
    /// Publication date, `YYYY-MM-DD`.
    pub published: String,
    /// Byline, paragraphs and credit line, separated by `\n` (wire layout) or `\n\n`; no
    /// trailing newline.
    pub body: String,
}

impl Article {
    /// The article-file layout that `dateline-ingest` reads: `# source: URL`, the headline, the
    /// outlet, a blank line, then the body, ending in a newline.
    #[must_use]
    pub fn to_article_file(&self) -> String {
        let mut out = String::with_capacity(
            self.url.len() + self.headline.len() + self.outlet.len() + self.body.len() + 16,
        );
        self.write_article_file(&mut out);
        out
    }

    fn write_article_file(&self, out: &mut String) {
        out.push_str("# source: ");
        out.push_str(&self.url);
        out.push('\n');
        out.push_str(&self.headline);
        out.push('\n');
        out.push_str(&self.outlet);
        out.push_str("\n\n");
        out.push_str(&self.body);
        out.push('\n');
    }
}

/// Article number `index` (from 0) of the corpus for `seed`: the same as `generate(seed, n)[index]`
/// for any `n` large enough to include it.
#[must_use]
pub fn article(seed: u64, index: usize) -> Article {
    story::write_article(seed, index as u64)
}

/// The articles for `seed` in order, until their bodies hold at least `target_words` words
/// (as counted by [`word_count`]); the last article is the one that reaches the target.
#[must_use]
pub fn generate(seed: u64, target_words: usize) -> Vec<Article> {
    Articles::new(seed, target_words).collect()
}

/// Every article file of [`generate`]`(seed, target_words)` in one string, with a blank line
/// between one file and the next (each body's last line is followed by `"\n\n"` and the next
/// `# source:` line). For throughput benchmarks.
#[must_use]
pub fn corpus_text(seed: u64, target_words: usize) -> String {
    // Bodies average a little over six bytes per word; headers add about 150 bytes a story.
    let mut out = String::with_capacity(target_words.saturating_mul(7));
    for (i, article) in Articles::new(seed, target_words).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        article.write_article_file(&mut out);
    }
    out
}

/// The number of whitespace-separated words in `text`.
#[must_use]
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Writes the articles of [`generate`]`(seed, target_words)` to `dir` (created if missing) as
/// `000001.txt`, `000002.txt`, … in the article-file layout; returns how many it wrote.
pub fn write_corpus(dir: impl AsRef<Path>, seed: u64, target_words: usize) -> io::Result<usize> {
    let dir = dir.as_ref();
    fs::create_dir_all(dir)?;
    let mut written = 0;
    for (i, article) in Articles::new(seed, target_words).enumerate() {
        fs::write(
            dir.join(format!("{:06}.txt", i + 1)),
            article.to_article_file(),
        )?;
        written += 1;
    }
    Ok(written)
}

/// Articles one at a time until the word target is reached.
struct Articles {
    seed: u64,
    next: usize,
    words: usize,
    target: usize,
}

impl Articles {
    fn new(seed: u64, target: usize) -> Self {
        Articles {
            seed,
            next: 0,
            words: 0,
            target,
        }
    }
}

impl Iterator for Articles {
    type Item = Article;

    fn next(&mut self) -> Option<Article> {
        if self.words >= self.target {
            return None;
        }
        let article = article(self.seed, self.next);
        self.next += 1;
        self.words += word_count(&article.body);
        Some(article)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// FNV-1a, 64 bits: enough to tell two corpora apart in a test.
    fn checksum(text: &str) -> u64 {
        text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        })
    }

    #[test]
    fn same_seed_same_corpus() {
        assert_eq!(generate(7, 5_000), generate(7, 5_000));
        let a = corpus_text(42, 20_000);
        let b = corpus_text(42, 20_000);
        assert_eq!(checksum(&a), checksum(&b));
        assert_eq!(a, b);
    }

    #[test]
    fn different_seed_different_corpus() {
        assert_ne!(
            checksum(&corpus_text(1, 5_000)),
            checksum(&corpus_text(2, 5_000))
        );
        assert_ne!(article(1, 0), article(2, 0));
        assert_ne!(article(1, 0), article(1, 1));
    }

    #[test]
    fn smaller_target_is_a_prefix() {
        let small = generate(3, 2_000);
        let large = generate(3, 20_000);
        assert_eq!(small[..], large[..small.len()]);
    }

    #[test]
    fn word_target_reached_within_one_article() {
        for target in [1, 999, 10_000, 33_333] {
            let articles = generate(11, target);
            let counts: Vec<usize> = articles.iter().map(|a| word_count(&a.body)).collect();
            let total: usize = counts.iter().sum();
            let last = counts.last().copied().unwrap_or(0);
            assert!(total >= target, "{total} < {target}");
            assert!(total - last < target, "one article too many for {target}");
        }
        assert!(generate(11, 0).is_empty());
        assert!(corpus_text(11, 0).is_empty());
    }

    #[test]
    fn corpus_text_joins_article_files() {
        let articles = generate(5, 3_000);
        let files: Vec<String> = articles.iter().map(Article::to_article_file).collect();
        assert_eq!(corpus_text(5, 3_000), files.join("\n"));
        assert_eq!(
            word_count(&corpus_text(5, 3_000)),
            files.iter().map(|f| word_count(f)).sum::<usize>()
        );
    }

    #[test]
    fn articles_have_the_article_file_layout() {
        for article in generate(9, 30_000) {
            let file = article.to_article_file();
            let lines: Vec<&str> = file.lines().collect();
            assert!(
                lines[0].starts_with("# source: https://www."),
                "{}",
                lines[0]
            );
            assert!(!article.url.contains(char::is_whitespace));
            assert_eq!(lines[1], article.headline);
            assert!(!article.headline.is_empty() && article.headline.len() <= 300);
            assert!(!article.headline.ends_with('.'), "{}", article.headline);
            assert_eq!(lines[2], article.outlet);
            assert!(article.outlet.len() <= 80);
            assert!(lines[3].is_empty());
            assert!(!lines[4].trim().is_empty());
            assert!(file.ends_with('\n') && !file.ends_with("\n\n"));
            let (y, rest) = article.published.split_once('-').unwrap();
            assert_eq!((y.len(), rest.len()), (4, 5));
            assert!(!article.body.contains('{') && !article.body.contains('}'));
            assert!(!article.body.contains("  "), "{}", article.body);
            // Straight-quote outlets write ellipses as "..."; nothing else doubles a period.
            assert!(
                !article.body.replace("...", "").contains(".."),
                "{}",
                article.body
            );
            let paragraphs = article.body.lines().filter(|l| !l.is_empty()).count();
            assert!((5..=28).contains(&paragraphs), "{paragraphs} paragraphs");
        }
    }

    #[test]
    fn corpus_exercises_news_phenomena() {
        let text = corpus_text(42, 50_000);
        let must_contain = [
            // Abbreviations, initials and titles.
            "U.S.",
            "U.N.",
            "Gen. ",
            "Lt. Col. ",
            "Jan. ",
            "Sept. ",
            "St. ",
            "No. ",
            "Mr. ",
            "Ms. ",
            "Prof. ",
            "K. Mensah",
            "R.J. ",
            // Quotation marks of both kinds, nested, broken by attribution, questions.
            "“",
            "”",
            "‘",
            "\"",
            " said. “",
            " said. \"",
            "?” ",
            "?\" ",
            ",” said ",
            // Ellipses, dashes, possessives.
            " … ",
            " ... ",
            " — ",
            "’s ",
            "'s ",
            // Numbers and money.
            ",000",
            "-1/2 ",
            "$",
            "€",
            "£",
            " billion",
            " million",
            "%",
            " percent",
            // Indirect speech.
            " said on ",
            " that ",
            "according to ",
            "According to ",
            // Bylines, datelines and credits.
            "\nBy ",
            " and ",
            ") - ",
            ") -- ",
            ") — ",
            "(Reporting by ",
            "; Editing by ",
            "Additional reporting by ",
            "contributed to this report.",
        ];
        for needle in must_contain {
            assert!(text.contains(needle), "no {needle:?} in the corpus");
        }
        let articles = generate(42, 50_000);
        let bodies: Vec<&str> = articles.iter().map(|a| a.body.as_str()).collect();
        let any = |f: &dyn Fn(&str) -> bool| bodies.iter().any(|b| f(b));
        assert!(any(&|b| b.contains("\n\n")), "no blank-line layout");
        assert!(any(&|b| !b.contains("\n\n")), "no wire layout");
        assert!(any(&|b| b
            .lines()
            .any(|l| l.starts_with("By ") && l.contains(", "))));
        // Plain datelines: an upper-case place and a dash opening a paragraph.
        assert!(any(&|b| b.lines().any(|l| {
            l.split_once(" — ").is_some_and(|(place, _)| {
                place.len() > 3 && !place.contains('(') && place == place.to_uppercase()
            })
        })));
        // A quotation running on into the next paragraph: a paragraph opening a quote it does
        // not close, followed by one that opens another.
        assert!(any(&|b| {
            let lines: Vec<&str> = b.lines().filter(|l| !l.is_empty()).collect();
            lines.windows(2).any(|w| {
                w[0].matches('“').count() > w[0].matches('”').count() && w[1].starts_with('“')
            })
        }));
        // A quotation of several sentences.
        assert!(text.split('“').skip(1).any(|q| q
            .split('”')
            .next()
            .is_some_and(|inner| inner.contains(". "))));
        // Every kind of story.
        let headlines: String = articles
            .iter()
            .map(|a| a.headline.to_lowercase() + "\n")
            .collect();
        for kind in [
            "talks", "visit", "sanction", "attack", "protest", "deal", "troops", "appeals",
        ] {
            assert!(headlines.contains(kind), "no {kind} headline");
        }
        let lengths: Vec<usize> = articles
            .iter()
            .map(|a| a.body.lines().filter(|l| !l.is_empty()).count())
            .collect();
        assert!(lengths.iter().any(|&n| n <= 8) && lengths.iter().any(|&n| n >= 20));
    }

    /// Prints how long a million words take (`cargo test --release -p dateline-corpus --
    /// --nocapture million`); asserts only the word target.
    #[test]
    #[allow(clippy::print_stderr)]
    fn million_words() {
        let start = std::time::Instant::now();
        let articles = generate(42, 1_000_000);
        let elapsed = start.elapsed();
        let words: usize = articles.iter().map(|a| word_count(&a.body)).sum();
        let bytes: usize = articles.iter().map(|a| a.body.len()).sum();
        eprintln!(
            "generate(42, 1_000_000): {} articles, {words} words, {bytes} body bytes in {elapsed:.2?}",
            articles.len()
        );
        assert!(words >= 1_000_000);
    }

    #[test]
    fn write_corpus_writes_numbered_files() {
        let dir = tempfile::tempdir().unwrap();
        let n = write_corpus(dir.path(), 4, 2_500).unwrap();
        let articles = generate(4, 2_500);
        assert_eq!(n, articles.len());
        let first = fs::read_to_string(dir.path().join("000001.txt")).unwrap();
        assert_eq!(first, articles[0].to_article_file());
        assert!(dir.path().join(format!("{n:06}.txt")).exists());
        assert!(!dir.path().join(format!("{:06}.txt", n + 1)).exists());
    }
}
