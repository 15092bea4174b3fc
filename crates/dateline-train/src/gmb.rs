//! The GMB news NER corpus (`ner_dataset.csv` inside its zip): sentences of words with Penn POS
//! tags and IOB2 entity tags, and the fixed train/dev/test split every measurement uses.
//!
//! The split is contiguous, in file order: the first 80% of sentences train, the next 10% are
//! dev, the last 10% test (`docs/quality.md`). Contiguous blocks keep neighbouring sentences of
//! one story on the same side.

use std::io::Read;
use std::path::Path;

use dateline_core::Pos;

use crate::error::{Result, TrainError};

/// One GMB sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Words, as tokenised by the corpus (PTB style).
    pub words: Vec<String>,
    /// Penn POS tag per word.
    pub pos: Vec<Pos>,
    /// IOB2 entity tag per word (`B-geo`, `I-per`, `O`).
    pub ner: Vec<String>,
}

/// Which part of the corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// The first 80%.
    Train,
    /// The next 10%.
    Dev,
    /// The last 10%.
    Test,
}

impl std::str::FromStr for Split {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s {
            "train" => Ok(Split::Train),
            "dev" => Ok(Split::Dev),
            "test" => Ok(Split::Test),
            other => Err(format!("unknown split {other:?} (train, dev or test)")),
        }
    }
}

/// The sentence index range of `split` among `n` sentences.
#[must_use]
pub fn split_range(n: usize, split: Split) -> std::ops::Range<usize> {
    let train_end = n * 8 / 10;
    let dev_end = n * 9 / 10;
    match split {
        Split::Train => 0..train_end,
        Split::Dev => train_end..dev_end,
        Split::Test => dev_end..n,
    }
}

/// The sentences of `split`.
#[must_use]
pub fn split(sentences: &[Sentence], which: Split) -> &[Sentence] {
    &sentences[split_range(sentences.len(), which)]
}

/// Repairs the corpus's Latin-1 view of Windows-1252 quotes (`\x92s` → `'s`).
fn clean_word(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            '\u{91}' | '\u{92}' => '\'',
            '\u{93}' | '\u{94}' => '"',
            '\u{96}' | '\u{97}' => '-',
            other => other,
        })
        .collect()
}

/// Parses the CSV text of the corpus.
pub fn parse_csv(csv_text: &str, origin: &str) -> Result<Vec<Sentence>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(csv_text.as_bytes());
    let mut sentences: Vec<Sentence> = Vec::new();
    for (line, record) in reader.records().enumerate() {
        let record = record.map_err(|e| TrainError::Corpus {
            origin: origin.to_owned(),
            message: format!("row {}: {e}", line + 2),
        })?;
        let field = |i: usize| record.get(i).unwrap_or_default();
        let bad = |what: &str| TrainError::Corpus {
            origin: origin.to_owned(),
            message: format!("row {}: {what}", line + 2),
        };
        if field(0).starts_with("Sentence") || sentences.is_empty() {
            sentences.push(Sentence {
                words: Vec::new(),
                pos: Vec::new(),
                ner: Vec::new(),
            });
        }
        let pos = Pos::from_name(field(2))
            .ok_or_else(|| bad(&format!("unknown POS tag {:?}", field(2))))?;
        let Some(sentence) = sentences.last_mut() else {
            continue;
        };
        sentence.words.push(clean_word(field(1)));
        sentence.pos.push(pos);
        sentence.ner.push(field(3).to_owned());
    }
    Ok(sentences)
}

/// Reads the corpus from its zip (`ner_dataset.csv.zip`) or from the extracted CSV.
pub fn read_gmb(path: &Path) -> Result<Vec<Sentence>> {
    let origin = path.display().to_string();
    let io = |e: std::io::Error| TrainError::Io {
        path: origin.clone(),
        source: e,
    };
    let bytes = std::fs::read(path).map_err(io)?;
    let raw = if bytes.starts_with(b"PK") {
        let mut archive =
            zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| TrainError::Corpus {
                origin: origin.clone(),
                message: e.to_string(),
            })?;
        let mut file = archive.by_index(0).map_err(|e| TrainError::Corpus {
            origin: origin.clone(),
            message: e.to_string(),
        })?;
        let mut raw = Vec::new();
        file.read_to_end(&mut raw).map_err(io)?;
        raw
    } else {
        bytes
    };
    // The corpus is Latin-1: every byte is one char.
    let text: String = raw.iter().map(|&b| char::from(b)).collect();
    parse_csv(&text, &origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sentences_and_repairs_quotes() {
        let csv = "Sentence #,Word,POS,Tag\nSentence: 1,Kim,NNP,B-per\n,said,VBD,O\n,\",\",\",\",O\nSentence: 2,Seoul\u{92}s,NNP,B-geo\n";
        let s = parse_csv(csv, "t").unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].words, ["Kim", "said", ","]);
        assert_eq!(s[0].pos, [Pos::NNP, Pos::VBD, Pos::Comma]);
        assert_eq!(s[1].words, ["Seoul's"]);
        assert_eq!(s[1].ner, ["B-geo"]);
        assert!(parse_csv("Sentence #,Word,POS,Tag\nSentence: 1,x,BAD,O\n", "t").is_err());
    }

    #[test]
    fn split_is_80_10_10_and_contiguous() {
        assert_eq!(split_range(47_959, Split::Train), 0..38_367);
        assert_eq!(split_range(47_959, Split::Dev), 38_367..43_163);
        assert_eq!(split_range(47_959, Split::Test), 43_163..47_959);
    }
}
