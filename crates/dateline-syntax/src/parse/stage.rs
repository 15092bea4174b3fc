//! The parse stage: every sentence's tokens get a head and a relation (`doc.dependencies`),
//! which later stages read through the token view.
//!
//! Dateline's tokens keep contractions whole ("don't", "we'll"); UD, which the parser learned,
//! splits them ("do" + "n't"). The stage splits such a token into its UD words before parsing and
//! maps the tree back: the token takes the head and relation of its word whose head lies outside
//! the token (for "don't" in "I don't know", `do` → `aux` of "know"), and dependents of any of its
//! words depend on the token.

use std::borrow::Cow;
use std::sync::LazyLock;

use dateline_core::{Dependency, Document, Lemma, Pos, Stage};

use crate::pos::Lemmatizer;

use super::{Arc, ParseScratch, Parser};

/// The endings split off contractions, as data (`resources/lexicon/clitics.txt`).
static CLITICS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    include_str!("../../resources/lexicon/clitics.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// The UD words of one token: the token itself, or a contraction's host and clitic.
fn split(word: &str) -> (&str, Option<&str>) {
    for negation in ["n't", "n\u{2019}t"] {
        let at = word.len().saturating_sub(negation.len());
        if at > 0 && word.is_char_boundary(at) && word[at..].eq_ignore_ascii_case(negation) {
            return (&word[..at], Some(&word[at..]));
        }
    }
    let apostrophe = word
        .char_indices()
        .skip(1)
        .find(|&(_, c)| c == '\'' || c == '\u{2019}');
    if let Some((at, c)) = apostrophe {
        let ending = &word[at + c.len_utf8()..];
        if !ending.is_empty() && CLITICS.iter().any(|k| k.eq_ignore_ascii_case(ending)) {
            return (&word[..at], Some(&word[at..]));
        }
    }
    (word, None)
}

/// The parse stage.
#[derive(Debug)]
pub struct ParseStage {
    parser: &'static Parser,
}

impl Default for ParseStage {
    fn default() -> Self {
        ParseStage {
            parser: Parser::embedded(),
        }
    }
}

/// Words of one sentence and the token each came from.
#[derive(Debug, Default)]
struct Words<'d> {
    words: Vec<&'d str>,
    token: Vec<usize>,
}

impl Stage for ParseStage {
    fn name(&self) -> &'static str {
        "parse"
    }

    fn run(&self, doc: &mut Document) {
        let mut dependencies = vec![
            Dependency {
                head: None,
                relation: Cow::Borrowed("dep"),
            };
            doc.tokens.len()
        ];
        let mut scratch = ParseScratch::default();
        let mut arcs: Vec<Arc<'static>> = Vec::new();
        let mut words = Words::default();
        let mut assigned = vec![false; doc.tokens.len()];
        let mut tags = Vec::new();
        for sentence in &doc.sentences {
            let range = sentence.token_range();
            words.words.clear();
            words.token.clear();
            // The tag stage's tags are the parser's tagger's (one tagger): reused when every token
            // is one word and tagged; a split contraction's words are tagged afresh.
            tags.clear();
            tags.extend(doc.tokens[range.clone()].iter().map_while(|t| t.pos));
            for t in range.clone() {
                let (host, clitic) = split(doc.surface(t));
                words.words.push(host);
                words.token.push(t);
                if let Some(clitic) = clitic {
                    words.words.push(clitic);
                    words.token.push(t);
                }
            }
            if tags.len() == words.words.len() {
                self.parser
                    .parse_tagged_into(&words.words, &tags, &mut scratch, &mut arcs);
            } else {
                self.parser
                    .parse_into(&words.words, &mut scratch, &mut arcs);
            }
            for (w, arc) in arcs.iter().enumerate() {
                let token = words.token[w];
                let head = arc.head.map(|h| words.token[h as usize]);
                if head == Some(token) {
                    continue; // an arc inside a contraction
                }
                // The first of the token's words to reach outside it speaks for the token.
                if assigned.get(token).copied().unwrap_or(true) {
                    continue;
                }
                assigned[token] = true;
                dependencies[token] = Dependency {
                    head: head.map(|h| h as u32),
                    relation: Cow::Borrowed(arc.relation),
                };
            }
        }
        retag_verbs(doc, &dependencies);
        doc.dependencies = dependencies;
        doc.tokens_changed();
    }
}

/// A plural-noun tag the parse contradicts becomes a verb's: a word tagged NNS that governs a
/// nominal subject and no copula ("If Iran attacks Israel": the parser makes "attacks" the clause
/// head with subject "Iran") is the verb's third-person singular (VBZ), so later stages read it as
/// the verb the tree says it is.
fn retag_verbs(doc: &mut Document, dependencies: &[Dependency]) {
    let mut subject = vec![false; doc.tokens.len()];
    let mut copula = vec![false; doc.tokens.len()];
    for d in dependencies {
        if let Some(h) = d.head.and_then(|h| usize::try_from(h).ok()) {
            let marks = match d.relation.as_ref() {
                "nsubj" => &mut subject,
                "cop" => &mut copula,
                _ => continue,
            };
            if let Some(m) = marks.get_mut(h) {
                *m = true;
            }
        }
    }
    let lemmatizer = Lemmatizer::embedded();
    let lemmas = doc.lemmas.len();
    for (i, token) in doc.tokens.iter_mut().enumerate() {
        if token.pos == Some(Pos::NNS) && subject[i] && !copula[i] {
            token.pos = Some(Pos::VBZ);
            doc.lemmas.push(Lemma {
                token: i as u32,
                lemma: lemmatizer.lemma(token.span.of(&doc.text), Pos::VBZ),
            });
        }
    }
    if doc.lemmas.len() > lemmas {
        doc.lemmas.sort_by_key(|l| l.token);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contractions_split_as_ud_does() {
        assert_eq!(split("don't"), ("do", Some("n't")));
        assert_eq!(split("Can’t"), ("Ca", Some("n’t")));
        assert_eq!(split("won't"), ("wo", Some("n't")));
        assert_eq!(split("we'll"), ("we", Some("'ll")));
        assert_eq!(split("I'm"), ("I", Some("'m")));
        assert_eq!(split("O'Brien"), ("O'Brien", None));
        assert_eq!(split("rock'n'roll"), ("rock'n'roll", None));
        assert_eq!(split("n't"), ("n't", None));
        assert_eq!(split("Korea"), ("Korea", None));
    }

    /// A document of `words` with the given tags and (head, relation) per token.
    fn tagged(words: &str, tags: &[Pos], arcs: &[(Option<u32>, &'static str)]) -> Document {
        let mut doc = Document::from_text(words);
        dateline_core::Segmenter::default().run(&mut doc);
        assert_eq!(doc.tokens.len(), tags.len());
        for (token, &tag) in doc.tokens.iter_mut().zip(tags) {
            token.pos = Some(tag);
        }
        doc.dependencies = arcs
            .iter()
            .map(|&(head, relation)| Dependency {
                head,
                relation: Cow::Borrowed(relation),
            })
            .collect();
        doc
    }

    #[test]
    fn a_plural_noun_with_a_subject_is_retagged_as_a_verb() {
        use Pos::{NNP, NNS, VBZ};
        let arcs = [(Some(1), "nsubj"), (None, "root"), (Some(1), "obj")];
        let mut doc = tagged("Iran attacks Israel", &[NNP, NNS, NNP], &arcs);
        let deps = doc.dependencies.clone();
        retag_verbs(&mut doc, &deps);
        assert_eq!(doc.tokens[1].pos, Some(VBZ));
        assert_eq!(doc.lemma(1), Some("attack"));
        // A copula makes the noun the predicate: "Strikes are the answers" keeps its nouns.
        let arcs = [
            (Some(3), "nsubj"),
            (Some(3), "cop"),
            (Some(3), "det"),
            (None, "root"),
        ];
        let tags = [NNS, Pos::VBP, Pos::DT, NNS];
        let mut doc = tagged("Strikes are the answers", &tags, &arcs);
        let deps = doc.dependencies.clone();
        retag_verbs(&mut doc, &deps);
        assert_eq!(doc.tokens[3].pos, Some(NNS));
        assert_eq!(doc.tokens[0].pos, Some(NNS), "a subject is not a head");
        assert!(doc.lemmas.is_empty());
    }
}
