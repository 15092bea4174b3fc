//! The token view: what every stage reads about each token, computed once per document — the
//! lowercase and folded forms, part of speech, lemma, sentence and paragraph, and whether the
//! token is a preposition or a possessive marker. Stages read it through
//! [`crate::Document::view`]; it is built on first use after tagging and rebuilt only when the
//! tokens change (the segmenter and the tagger call [`crate::Document::tokens_changed`]). The
//! dependency parser will add heads and relations here.

use crate::{Document, Pos, Span};

/// Token flags.
mod flag {
    /// Tagged `IN` or `TO`.
    pub const PREPOSITION: u8 = 1;
    /// A possessive marker token: `'s`, `’s`, `'`, `’` (any case).
    pub const POSSESSIVE: u8 = 2;
}

/// No sentence, paragraph or lemma.
const NONE: u32 = u32::MAX;

/// What the view keeps of one token (one allocation for all tokens).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Facts {
    /// End of the token's lowercase form in `TokenView::lower`.
    lower_end: u32,
    lemma: u32,
    head: u32,
    relation: u8,
    sentence: u32,
    paragraph: u32,
    pos: Option<Pos>,
    flags: u8,
}

/// Per-token facts of one document, in token order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TokenView {
    /// Lowercase forms, concatenated.
    lower: String,
    /// Lowercase forms with the curly apostrophe folded to `'`, for tokens that have one.
    folded: Vec<(u32, Box<str>)>,
    facts: Vec<Facts>,
    /// The relation names the facts index.
    relations: Vec<std::borrow::Cow<'static, str>>,
}

/// Appends the lowercase form of `word` to `out`: the same text as `str::to_lowercase`, with no
/// allocation for ASCII words.
fn push_lowercase(word: &str, out: &mut String) {
    if word.is_ascii() {
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
    } else {
        out.push_str(&word.to_lowercase());
    }
}

impl TokenView {
    /// The view of `doc`'s tokens as they are now.
    #[must_use]
    pub fn build(doc: &Document) -> Self {
        let mut view = TokenView {
            lower: String::with_capacity(doc.text.len()),
            folded: Vec::new(),
            facts: Vec::with_capacity(doc.tokens.len()),
            relations: Vec::new(),
        };
        for (i, token) in doc.tokens.iter().enumerate() {
            let surface = token.span.get(&doc.text).unwrap_or_default();
            let start = view.lower.len();
            push_lowercase(surface, &mut view.lower);
            let lower = &view.lower[start..];
            if !surface.is_ascii() && lower.contains('\u{2019}') {
                view.folded
                    .push((i as u32, lower.replace('\u{2019}', "'").into_boxed_str()));
            }
            let mut flags = 0;
            if matches!(token.pos, Some(Pos::IN | Pos::TO)) {
                flags |= flag::PREPOSITION;
            }
            if matches!(lower, "'s" | "\u{2019}s" | "'" | "\u{2019}") {
                flags |= flag::POSSESSIVE;
            }
            view.facts.push(Facts {
                lower_end: view.lower.len() as u32,
                lemma: NONE,
                head: NONE,
                relation: u8::MAX,
                sentence: NONE,
                paragraph: NONE,
                pos: token.pos,
                flags,
            });
        }
        for (k, lemma) in doc.lemmas.iter().enumerate() {
            if let Some(facts) = view.facts.get_mut(lemma.token as usize) {
                facts.lemma = k as u32;
            }
        }
        for (facts, dep) in view.facts.iter_mut().zip(&doc.dependencies) {
            facts.head = dep.head.unwrap_or(NONE);
            let known = view.relations.iter().position(|r| *r == dep.relation);
            let id = known.unwrap_or_else(|| {
                view.relations.push(dep.relation.clone());
                view.relations.len() - 1
            });
            facts.relation = u8::try_from(id).unwrap_or(u8::MAX);
        }
        for (s, sentence) in doc.sentences.iter().enumerate() {
            let range = sentence.token_range();
            let end = range.end.min(view.facts.len());
            for facts in view
                .facts
                .get_mut(range.start.min(end)..end)
                .unwrap_or_default()
            {
                facts.sentence = s as u32;
                facts.paragraph = sentence.paragraph;
            }
        }
        view
    }

    /// The number of tokens.
    #[must_use]
    pub fn len(&self) -> usize {
        self.facts.len()
    }

    /// Whether the document has no tokens.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
    }

    /// The lowercase form of token `i` (as `str::to_lowercase` gives it), or `""` past the end.
    #[must_use]
    pub fn lower(&self, i: usize) -> &str {
        let Some(facts) = self.facts.get(i) else {
            return "";
        };
        let start = if i == 0 {
            0
        } else {
            self.facts[i - 1].lower_end
        };
        &self.lower[start as usize..facts.lower_end as usize]
    }

    /// The lowercase form of token `i` with `’` folded to `'`, or `""` past the end.
    #[must_use]
    pub fn folded(&self, i: usize) -> &str {
        if self.folded.is_empty() {
            return self.lower(i);
        }
        match self.folded.binary_search_by_key(&(i as u32), |(k, _)| *k) {
            Ok(k) => &self.folded[k].1,
            Err(_) => self.lower(i),
        }
    }

    /// The part of speech of token `i`, once tagged.
    #[must_use]
    pub fn pos(&self, i: usize) -> Option<Pos> {
        self.facts.get(i).and_then(|f| f.pos)
    }

    /// The index in `doc.lemmas` of token `i`'s lemma, if it has one (verbs).
    #[must_use]
    pub fn lemma_index(&self, i: usize) -> Option<usize> {
        self.index(i, |f| f.lemma)
    }

    /// The syntactic head of token `i` (a token index), once parsed; `None` for a root.
    #[must_use]
    pub fn head(&self, i: usize) -> Option<usize> {
        self.index(i, |f| f.head)
    }

    /// The relation of token `i` to its head (`nsubj`, `root`), once parsed.
    #[must_use]
    pub fn relation(&self, i: usize) -> Option<&str> {
        let id = self.facts.get(i)?.relation;
        self.relations.get(usize::from(id)).map(AsRef::as_ref)
    }

    /// The tokens in `range` whose syntactic head is token `head`, in order (its dependents
    /// there, once parsed).
    pub fn dependents(
        &self,
        head: usize,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = usize> + '_ {
        range.filter(move |&k| self.head(k) == Some(head))
    }

    /// The sentence token `i` is in.
    #[must_use]
    pub fn sentence(&self, i: usize) -> Option<usize> {
        self.index(i, |f| f.sentence)
    }

    /// The paragraph token `i` is in.
    #[must_use]
    pub fn paragraph(&self, i: usize) -> Option<usize> {
        self.index(i, |f| f.paragraph)
    }

    fn index(&self, i: usize, field: fn(&Facts) -> u32) -> Option<usize> {
        self.facts
            .get(i)
            .map(field)
            .filter(|&k| k != NONE)
            .map(|k| k as usize)
    }

    /// Whether token `i` is a preposition (`IN`, `TO`).
    #[must_use]
    pub fn is_preposition(&self, i: usize) -> bool {
        self.facts
            .get(i)
            .is_some_and(|f| f.flags & flag::PREPOSITION != 0)
    }

    /// Whether token `i` is a possessive marker (`'s`, `’s`, `'`, `’`, any case).
    #[must_use]
    pub fn is_possessive_marker(&self, i: usize) -> bool {
        self.facts
            .get(i)
            .is_some_and(|f| f.flags & flag::POSSESSIVE != 0)
    }
}

impl Document {
    /// The token view, built on first use since the tokens last changed.
    #[must_use]
    pub fn view(&self) -> &TokenView {
        self.view.get_or_init(|| TokenView::build(self))
    }

    /// Drops the token view: a stage that changes tokens, their tags or lemmas calls it, and
    /// the pipeline calls it when its last stage is done (the view is for stages, not output).
    pub fn tokens_changed(&mut self) {
        self.view = std::sync::OnceLock::new();
    }

    /// The surface of token `i` as written, or `""` past the end.
    #[must_use]
    pub fn surface(&self, i: usize) -> &str {
        self.tokens
            .get(i)
            .and_then(|t| t.span.get(&self.text))
            .unwrap_or_default()
    }

    /// The tokens `[start, end)` that `span` covers.
    #[must_use]
    pub fn token_range(&self, span: Span) -> std::ops::Range<usize> {
        let start = self
            .tokens
            .partition_point(|t| t.span.end() <= span.start());
        let end = self.tokens.partition_point(|t| t.span.start() < span.end());
        start..end.max(start)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Document, Pipeline, Pos, Segmenter};

    fn segmented(text: &str) -> Document {
        let mut doc = Document::from_text(text);
        Pipeline::new(vec![Box::new(Segmenter::default())]).run(&mut doc);
        doc
    }

    #[test]
    fn forms_sentences_and_paragraphs_per_token() {
        let doc = segmented("Seoul’s ÉLITE met Kim.\n\nThey left.");
        let view = doc.view();
        assert_eq!(view.len(), doc.tokens.len());
        let words: Vec<&str> = (0..view.len()).map(|i| view.lower(i)).collect();
        assert_eq!(words[0], "seoul");
        let marker = (0..view.len())
            .find(|&i| view.is_possessive_marker(i))
            .expect("a possessive marker");
        assert_eq!(view.lower(marker), "\u{2019}s");
        assert_eq!(view.folded(marker), "'s");
        assert!(words.contains(&"élite"), "{words:?}");
        let last = view.len() - 1;
        assert_eq!(view.sentence(0), Some(0));
        assert_eq!(view.sentence(last), Some(1));
        assert_eq!(view.paragraph(last), Some(1));
        assert_eq!(view.lower(last + 1), "");
        assert_eq!(doc.surface(2), doc.slice(doc.tokens[2].span));
        let span = doc.tokens[1].span.cover(doc.tokens[2].span);
        assert_eq!(doc.token_range(span), 1..3);
    }

    #[test]
    fn the_view_is_rebuilt_when_tokens_change() {
        let mut doc = segmented("Talks began in Geneva.");
        assert_eq!(doc.view().pos(2), None);
        doc.tokens[2].pos = Some(Pos::IN);
        assert!(!doc.view().is_preposition(2), "stale until told");
        doc.tokens_changed();
        assert!(doc.view().is_preposition(2));
        assert_eq!(doc.view().pos(2), Some(Pos::IN));
    }
}
