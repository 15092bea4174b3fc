//! Sentence-boundary evaluation against CoNLL-U treebanks (such as the GUM news documents).
//!
//! A document's text is rebuilt from its `# text = …` lines: sentences of one paragraph are
//! joined by a single space, and a paragraph break (`# newpar`, `# newpar_block = …` or
//! `# newdoc`) becomes a blank line. The gold boundaries are the sentence end offsets of that text,
//! the predicted ones the end offsets of the sentences [`Segmenter`] finds in it. The end of the
//! document is left out of both, since every splitter gets it right. Boundaries at paragraph
//! breaks are counted, and a second figure leaves them out too, since the layout gives them away.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use dateline_core::Segmenter;
use serde::Serialize;

use crate::counts::Counts;
use crate::error::{Error, Result};

/// Characters of context shown on each side of a boundary error.
const CONTEXT_CHARS: usize = 40;

/// The text of a CoNLL-U document with its gold sentence and paragraph ends (byte offsets).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConlluText {
    /// Sentences joined by spaces, paragraphs by blank lines.
    pub text: String,
    /// The end offset of each sentence, in order.
    pub sentence_ends: Vec<usize>,
    /// The end offset of each paragraph's last sentence, in order.
    pub paragraph_ends: Vec<usize>,
}

/// A boundary one side has and the other lacks, with its surroundings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BoundaryContext {
    /// Byte offset of the boundary in the rebuilt text.
    pub offset: usize,
    /// Text just before the boundary.
    pub before: String,
    /// Text just after the boundary.
    pub after: String,
}

/// Sentence-boundary scores of one CoNLL-U file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FileSegmentation {
    /// The file name.
    pub name: String,
    /// Gold sentences in the file.
    pub sentences: usize,
    /// All boundaries but the end of the document.
    pub all: Counts,
    /// Boundaries that are not paragraph breaks.
    pub within_paragraph: Counts,
    /// Gold boundaries the segmenter missed.
    pub missed: Vec<BoundaryContext>,
    /// Predicted boundaries the gold does not have.
    pub spurious: Vec<BoundaryContext>,
}

/// Sentence-boundary scores of a directory of CoNLL-U files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SegmentationScore {
    /// Summed over files (micro-average).
    pub all: Counts,
    /// Summed over files, leaving out paragraph breaks.
    pub within_paragraph: Counts,
    /// Per file, sorted by name.
    pub files: Vec<FileSegmentation>,
}

/// Rebuilds the text of a CoNLL-U document from its `# text =` comments.
#[must_use]
pub fn conllu_text(conllu: &str) -> ConlluText {
    let mut out = ConlluText::default();
    let mut new_paragraph = false;
    for line in conllu.lines() {
        let line = line.trim();
        if is_paragraph_mark(line) {
            new_paragraph = true;
            continue;
        }
        let Some(sentence) = sentence_text(line) else {
            continue;
        };
        if sentence.is_empty() {
            continue;
        }
        if !out.text.is_empty() {
            if new_paragraph {
                out.paragraph_ends.push(out.text.len());
                out.text.push_str("\n\n");
            } else {
                out.text.push(' ');
            }
        }
        new_paragraph = false;
        out.text.push_str(sentence);
        out.sentence_ends.push(out.text.len());
    }
    if !out.text.is_empty() {
        out.paragraph_ends.push(out.text.len());
    }
    out
}

fn is_paragraph_mark(line: &str) -> bool {
    ["# newpar", "# newdoc"].iter().any(|mark| {
        line.strip_prefix(mark)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '=', '_', '\t']))
    })
}

/// The sentence of a `# text = …` comment line.
fn sentence_text(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("# text")?.trim_start();
    Some(rest.strip_prefix('=')?.trim())
}

/// Scores `segmenter` on one CoNLL-U document named `name`.
#[must_use]
pub fn evaluate_conllu(name: &str, conllu: &str, segmenter: &Segmenter) -> FileSegmentation {
    let doc = conllu_text(conllu);
    let end = doc.text.len();
    let gold: BTreeSet<usize> = doc
        .sentence_ends
        .iter()
        .copied()
        .filter(|&o| o != end)
        .collect();
    let paragraph_breaks: BTreeSet<usize> = doc.paragraph_ends.iter().copied().collect();
    let predicted: BTreeSet<usize> = segmenter
        .segment(&doc.text, None)
        .sentences
        .iter()
        .map(|s| s.span.end())
        .filter(|&o| o != end)
        .collect();

    let found = gold.intersection(&predicted).count();
    let inner_gold: BTreeSet<usize> = gold.difference(&paragraph_breaks).copied().collect();
    let inner_pred: BTreeSet<usize> = predicted.difference(&paragraph_breaks).copied().collect();
    let inner_found = inner_gold.intersection(&inner_pred).count();
    let context = |&offset: &usize| BoundaryContext {
        offset,
        before: tail(&doc.text[..offset], CONTEXT_CHARS),
        after: head(&doc.text[offset..], CONTEXT_CHARS),
    };
    FileSegmentation {
        name: name.to_owned(),
        sentences: doc.sentence_ends.len(),
        all: Counts::one_to_one(found, predicted.len(), gold.len()),
        within_paragraph: Counts::one_to_one(inner_found, inner_pred.len(), inner_gold.len()),
        missed: gold.difference(&predicted).map(context).collect(),
        spurious: predicted.difference(&gold).map(context).collect(),
    }
}

/// Scores the default [`Segmenter`] on every `*.conllu` file in `dir`, in name order.
pub fn evaluate_conllu_dir(dir: &Path) -> Result<SegmentationScore> {
    let mut paths = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        if path.extension().is_some_and(|ext| ext == "conllu") && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    let segmenter = Segmenter::default();
    let mut score = SegmentationScore::default();
    for path in paths {
        let conllu = fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let file = evaluate_conllu(&name, &conllu, &segmenter);
        score.all += file.all;
        score.within_paragraph += file.within_paragraph;
        score.files.push(file);
    }
    Ok(score)
}

impl std::fmt::Display for SegmentationScore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sentences: usize = self.files.iter().map(|file| file.sentences).sum();
        writeln!(
            f,
            "sentence boundaries: {} files, {sentences} sentences",
            self.files.len()
        )?;
        for (label, c) in [
            ("all boundaries", &self.all),
            ("within paragraphs", &self.within_paragraph),
        ] {
            writeln!(
                f,
                "{label:<18} P {:.3}  R {:.3}  F1 {:.3}  (pred {}/{}, gold {}/{})",
                c.precision(),
                c.recall(),
                c.f1(),
                c.tp_pred,
                c.n_pred,
                c.tp_gold,
                c.n_gold
            )?;
        }
        Ok(())
    }
}

/// The last `n` characters of `s`.
fn tail(s: &str, n: usize) -> String {
    let start = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    s[start..].replace('\n', "⏎")
}

/// The first `n` characters of `s`.
fn head(s: &str, n: usize) -> String {
    s.chars()
        .take(n)
        .map(|c| if c == '\n' { '⏎' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONLLU: &str = "# newdoc id = tiny
# newpar
# newpar_block = head (1 s)
# sent_id = tiny-1
# text = Storm hits coast
1\tStorm\tstorm\tNOUN\tNN\t_\t2\tnsubj\t_\t_

# newpar
# newpar_block = p (2 s)
# sent_id = tiny-2
# text = Dr. Smith left at 5 p.m. on Monday.
1\tDr.\tDr.\tPROPN\tNNP\t_\t0\troot\t_\t_

# sent_id = tiny-3
# text = Roads closed.
1\tRoads\troad\tNOUN\tNNS\t_\t0\troot\t_\t_

# newpar
# text = It rained.
1\tIt\tit\tPRON\tPRP\t_\t0\troot\t_\t_
";

    #[test]
    fn rebuilds_text_with_paragraphs() {
        let doc = conllu_text(CONLLU);
        assert_eq!(
            doc.text,
            "Storm hits coast\n\nDr. Smith left at 5 p.m. on Monday. Roads closed.\n\nIt rained."
        );
        let ends: Vec<&str> = doc.sentence_ends.iter().map(|&e| &doc.text[..e]).collect();
        assert!(
            ends[0].ends_with("coast")
                && ends[1].ends_with("Monday.")
                && ends[2].ends_with("closed.")
        );
        assert_eq!(
            doc.paragraph_ends,
            [16, doc.sentence_ends[2], doc.text.len()]
        );
    }

    #[test]
    fn scores_boundaries_with_and_without_paragraph_breaks() {
        let file = evaluate_conllu("tiny", CONLLU, &Segmenter::default());
        assert_eq!(file.sentences, 4);
        assert_eq!(file.all.n_gold, 3, "the document end is left out");
        assert_eq!(
            file.within_paragraph.n_gold, 1,
            "only Monday. | Roads is inside a paragraph"
        );
        assert_eq!(file.all.tp_gold, 3, "{file:?}");
        assert_eq!(
            file.within_paragraph,
            Counts::one_to_one(1, 1, 1),
            "{file:?}"
        );
        assert!(file.missed.is_empty() && file.spurious.is_empty());
    }

    #[test]
    fn errors_carry_context() {
        let conllu = "# text = He said so.\n# text = no capital follows.\n";
        let file = evaluate_conllu("lower", conllu, &Segmenter::default());
        assert_eq!(file.all, Counts::one_to_one(0, 0, 1));
        assert_eq!(file.missed[0].before, "He said so.");
        assert_eq!(file.missed[0].after, " no capital follows.");
    }
}
