//! A read-only view of a document's tokens for the claims stage: lowercase surfaces computed
//! once, and checked accessors that answer `None` or `false` past the end instead of panicking.

use dateline_core::{Document, EntityType, Pos, Span, TokenKind};

use super::lexicon::Phrase;

/// The tokens of a document with the entity mentions over them.
#[derive(Debug)]
pub struct View<'a> {
    doc: &'a Document,
    /// Every entity mention with its entity's type, by start.
    names: Vec<(Span, EntityType)>,
}

impl<'a> View<'a> {
    /// The view of `doc`'s tokens.
    #[must_use]
    pub fn new(doc: &'a Document) -> Self {
        let mut names: Vec<(Span, EntityType)> = doc
            .entities
            .iter()
            .flat_map(|e| e.mentions.iter().map(move |m| (*m, e.kind)))
            .collect();
        names.sort_by_key(|(m, _)| m.start());
        View { doc, names }
    }

    /// The types of the entity mentions that contain `span` (found by position: a document
    /// may hold hundreds of thousands of mentions).
    pub fn names_containing(&self, span: Span) -> impl Iterator<Item = EntityType> + '_ {
        let n = self
            .names
            .partition_point(|(m, _)| m.start() <= span.start());
        // Mentions do not nest deeply: the few starting last before `span` are the candidates.
        self.names[..n]
            .iter()
            .rev()
            .take(8)
            .filter(move |(m, _)| m.contains(span))
            .map(|(_, kind)| *kind)
    }

    /// The document.
    #[must_use]
    pub fn doc(&self) -> &'a Document {
        self.doc
    }

    /// The number of tokens.
    #[must_use]
    pub fn len(&self) -> usize {
        self.doc.tokens.len()
    }

    /// The lowercase form of token `i` with `’` folded to `'`, or `""` past the end.
    #[must_use]
    pub fn lower(&self, i: usize) -> &'a str {
        self.doc.view().folded(i)
    }

    /// The surface of token `i` as written, or `""` past the end.
    #[must_use]
    pub fn surface(&self, i: usize) -> &'a str {
        self.doc.surface(i)
    }

    /// The span of token `i`.
    #[must_use]
    pub fn span(&self, i: usize) -> Option<Span> {
        self.doc.tokens.get(i).map(|t| t.span)
    }

    /// The span from token `first` to token `last`, both included.
    #[must_use]
    pub fn cover(&self, first: usize, last: usize) -> Option<Span> {
        Some(self.span(first)?.cover(self.span(last)?))
    }

    /// The tag of token `i`.
    #[must_use]
    pub fn pos(&self, i: usize) -> Option<Pos> {
        self.doc.tokens.get(i).and_then(|t| t.pos)
    }

    /// The kind of token `i`.
    #[must_use]
    pub fn kind(&self, i: usize) -> Option<TokenKind> {
        self.doc.tokens.get(i).map(|t| t.kind)
    }

    /// Whether tokens `i` and `i + 1` touch, with no space between (`US$`).
    #[must_use]
    pub fn glued(&self, i: usize) -> bool {
        match (self.span(i), self.span(i + 1)) {
            (Some(a), Some(b)) => a.end() == b.start(),
            _ => false,
        }
    }

    /// Whether token `i` starts with a capital letter.
    #[must_use]
    pub fn capitalized(&self, i: usize) -> bool {
        self.surface(i).starts_with(char::is_uppercase)
    }

    /// Whether `words` are the tokens from `i`, all before `hi`.
    #[must_use]
    pub fn words_at(&self, i: usize, hi: usize, words: &[String]) -> bool {
        i + words.len() <= hi
            && words
                .iter()
                .enumerate()
                .all(|(k, w)| self.lower(i + k) == w)
    }

    /// The first of `phrases` (longest first) that starts at token `i` and ends by `hi`.
    #[must_use]
    pub fn phrase_at<'p, T>(
        &self,
        phrases: &'p [Phrase<T>],
        i: usize,
        hi: usize,
    ) -> Option<&'p Phrase<T>> {
        phrases.iter().find(|p| self.words_at(i, hi, &p.words))
    }

    /// The first of `phrases` (longest first) that ends right before token `end` and starts at or
    /// after `lo`.
    #[must_use]
    pub fn phrase_ending_at<'p, T>(
        &self,
        phrases: &'p [Phrase<T>],
        lo: usize,
        end: usize,
    ) -> Option<&'p Phrase<T>> {
        phrases.iter().find(|p| {
            end.checked_sub(p.words.len())
                .is_some_and(|start| start >= lo && self.words_at(start, end, &p.words))
        })
    }
}
