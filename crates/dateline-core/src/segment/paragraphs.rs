//! Paragraph detection.
//!
//! Blank lines always separate paragraphs. Inside a block of consecutive lines, each line is its
//! own paragraph (the layout of wire copy and of most article files), unless the block looks
//! hard-wrapped: lines of similar, medium length that mostly do not end a sentence.

use crate::Span;

const WRAP_MIN_CHARS: usize = 30;
const WRAP_MAX_CHARS: usize = 100;

/// One line of the text: its span without the line terminator.
fn lines(text: &str) -> impl Iterator<Item = Span> + '_ {
    let mut start = 0;
    text.split_inclusive('\n').map(move |line| {
        let span = Span::new(start, start + line.trim_end_matches(['\n', '\r']).len());
        start += line.len();
        span
    })
}

fn trimmed(text: &str, span: Span) -> Span {
    let s = span.of(text);
    let lead = s.len() - s.trim_start().len();
    let body = s.trim();
    Span::new(span.start() + lead, span.start() + lead + body.len())
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .ends_with(['.', '?', '!', '"', '\u{201d}', ':', ')'])
}

fn looks_hard_wrapped(text: &str, block: &[Span]) -> bool {
    let Some((_, body)) = block.split_last() else {
        return false;
    };
    if body.is_empty() {
        return false;
    }
    let medium = body.iter().all(|line| {
        let chars = line.of(text).chars().count();
        (WRAP_MIN_CHARS..=WRAP_MAX_CHARS).contains(&chars)
    });
    let ending = body.iter().filter(|l| ends_sentence(l.of(text))).count();
    medium && ending * 2 < body.len()
}

fn flush(text: &str, block: &mut Vec<Span>, out: &mut Vec<Span>) {
    if block.is_empty() {
        return;
    }
    if looks_hard_wrapped(text, block) {
        let whole = block[0].cover(block[block.len() - 1]);
        out.push(trimmed(text, whole));
    } else {
        out.extend(block.iter().map(|&line| trimmed(text, line)));
    }
    block.clear();
}

/// The paragraphs of `text`, in order, trimmed of surrounding whitespace; never empty spans.
#[must_use]
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut block = Vec::new();
    for line in lines(text) {
        if line.of(text).trim().is_empty() {
            flush(text, &mut block, &mut out);
        } else {
            block.push(line);
        }
    }
    flush(text, &mut block, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        paragraphs(text).iter().map(|p| p.of(text)).collect()
    }

    #[test]
    fn single_newlines_separate_long_lines() {
        let text = "First paragraph is long enough to be a paragraph of wire copy, ending here.\nSecond one.\r\n";
        assert_eq!(
            texts(text),
            [
                "First paragraph is long enough to be a paragraph of wire copy, ending here.",
                "Second one."
            ]
        );
    }

    #[test]
    fn blank_lines_separate_and_are_skipped() {
        assert_eq!(texts("\n\n  One.  \n\n\nTwo.\n"), ["One.", "Two."]);
    }

    #[test]
    fn hard_wrapped_block_is_one_paragraph() {
        let text = "The minister told reporters in the capital that the\n\
                    government would not accept any deal that left its\n\
                    troops exposed.\n\nNext paragraph.";
        let paras = texts(text);
        assert_eq!(paras.len(), 2);
        assert!(paras[0].starts_with("The minister") && paras[0].ends_with("exposed."));
    }

    #[test]
    fn empty_text_has_no_paragraphs() {
        assert!(paragraphs("").is_empty());
        assert!(paragraphs(" \n\t\n").is_empty());
    }
}
