//! Quote scoring: coverage by token overlap, per group (direct+partial, indirect), then
//! speakers, kinds and cues of the quotes found.
//!
//! The overlap of two quotes is the length of the longest common subsequence of their
//! [normalised tokens](crate::normalize::tokens): words must appear in the same order, so the
//! scattered function words of an unrelated quote do not count as coverage. Quotes are not matched
//! one-to-one: one predicted quote may cover several gold quotes (a quote joined across its
//! attribution), and several predictions may cover one gold quote.

use std::cmp::Reverse;

use dateline_core::{Document, QuoteKind};
use serde::Serialize;

use crate::counts::{Accuracy, Counts};
use crate::gold::{GoldEntity, GoldQuote};
use crate::normalize::{norm, tokens};
use crate::speakers::{quote_speaker_names, GoldSpeaker};

/// Quote scores of one or more documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct QuoteScore {
    /// Direct and partial quotes.
    pub direct: Counts,
    /// Indirect quotes.
    pub indirect: Counts,
    /// Both groups, where a quote counts only with the right speaker.
    ///
    /// A gold quote counts when it is found and the prediction covering it best names its
    /// speaker. The best prediction shares the most tokens with it; ties go to the shorter
    /// prediction (the one that is this quote rather than a longer one containing it), then to a
    /// right speaker. Speaker, kind and cue are judged on that prediction too. The precision side is counted the same way rather than
    /// scaled: a predicted quote counts when it is correct for some gold quote of its group
    /// *and* names that quote's speaker. Both numerators stay whole numbers, and a prediction
    /// with the wrong speaker cannot count as attributed just because other quotes were right.
    pub attributed: Counts,
    /// `attributed`, for direct and partial quotes only.
    pub attributed_direct: Counts,
    /// `attributed`, for indirect quotes only.
    pub attributed_indirect: Counts,
    /// Speaker accuracy over the gold quotes found.
    pub speaker: Accuracy,
    /// Kind accuracy (direct or partial) over the direct and partial gold quotes found; indirect
    /// quotes are scored in their own group, so their kind cannot be wrong.
    pub kind: Accuracy,
    /// Cue accuracy over the gold quotes found: the normalised cue texts are equal.
    pub cue: Accuracy,
}

impl std::ops::AddAssign for QuoteScore {
    fn add_assign(&mut self, other: Self) {
        self.direct += other.direct;
        self.indirect += other.indirect;
        self.attributed += other.attributed;
        self.attributed_direct += other.attributed_direct;
        self.attributed_indirect += other.attributed_indirect;
        self.speaker += other.speaker;
        self.kind += other.kind;
        self.cue += other.cue;
    }
}

/// Whether `overlap` tokens are at least half of `len`; nothing covers an empty quote.
#[must_use]
pub fn covers(overlap: usize, len: usize) -> bool {
    len > 0 && 2 * overlap >= len
}

/// The length of the longest common subsequence of two token sequences.
#[must_use]
pub fn overlap(a: &[String], b: &[String]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Whether a quote kind belongs to the direct+partial group.
fn is_direct(kind: QuoteKind) -> bool {
    matches!(kind, QuoteKind::Direct | QuoteKind::Partial)
}

struct Predicted {
    kind: QuoteKind,
    tokens: Vec<String>,
    speaker: Vec<String>,
    cue: Option<String>,
}

struct Expected<'a> {
    quote: &'a GoldQuote,
    tokens: Vec<String>,
    speaker: Option<GoldSpeaker>,
}

impl Expected<'_> {
    /// Whether predicted speaker names are right; a gold quote without a speaker wants none.
    fn speaker_ok(&self, names: &[String]) -> bool {
        match &self.speaker {
            Some(speaker) => speaker.accepts(names),
            None => names.is_empty(),
        }
    }
}

/// Scores the quotes of `doc` against `gold`, resolving gold speakers against `entities`.
#[must_use]
pub fn score(doc: &Document, gold: &[GoldQuote], entities: &[GoldEntity]) -> QuoteScore {
    let predicted: Vec<Predicted> = doc
        .quotes
        .iter()
        .map(|q| Predicted {
            kind: q.kind,
            tokens: tokens(q.span.get(&doc.text).unwrap_or_default()),
            speaker: quote_speaker_names(doc, q),
            cue: q.cue.and_then(|c| c.get(&doc.text)).map(norm),
        })
        .collect();
    let expected: Vec<Expected> = gold
        .iter()
        .map(|q| Expected {
            quote: q,
            tokens: tokens(&q.text),
            speaker: q
                .speaker
                .as_deref()
                .map(|s| GoldSpeaker::resolve(s, entities)),
        })
        .collect();

    let mut score = QuoteScore::default();
    for direct in [true, false] {
        let preds: Vec<&Predicted> = predicted
            .iter()
            .filter(|p| is_direct(p.kind) == direct)
            .collect();
        let golds: Vec<&Expected> = expected
            .iter()
            .filter(|g| is_direct(g.quote.kind) == direct)
            .collect();
        let (group, attributed) = score_group(&preds, &golds, &mut score);
        score.attributed += attributed;
        if direct {
            score.direct = group;
            score.attributed_direct = attributed;
        } else {
            score.indirect = group;
            score.attributed_indirect = attributed;
        }
    }
    score
}

/// Scores one group; fills the side accuracies of `score` and returns the group's coverage and
/// attributed counts.
fn score_group(
    preds: &[&Predicted],
    golds: &[&Expected],
    score: &mut QuoteScore,
) -> (Counts, Counts) {
    let overlaps: Vec<Vec<usize>> = preds
        .iter()
        .map(|p| {
            golds
                .iter()
                .map(|g| overlap(&p.tokens, &g.tokens))
                .collect()
        })
        .collect();
    let mut counts = Counts {
        n_pred: preds.len(),
        n_gold: golds.len(),
        ..Counts::default()
    };
    let mut attributed = Counts {
        n_pred: preds.len(),
        n_gold: golds.len(),
        ..Counts::default()
    };

    for (g, gold) in golds.iter().enumerate() {
        let best = preds
            .iter()
            .zip(&overlaps)
            .filter(|(_, row)| covers(row[g], gold.tokens.len()))
            .max_by_key(|(p, row)| (row[g], Reverse(p.tokens.len()), gold.speaker_ok(&p.speaker)));
        let Some((pred, _)) = best else {
            tracing::debug!(quote = %gold.quote.text, speaker = ?gold.quote.speaker, "gold quote missed");
            continue;
        };
        counts.tp_gold += 1;
        let speaker_ok = gold.speaker_ok(&pred.speaker);
        if !speaker_ok {
            tracing::debug!(
                quote = %gold.quote.text,
                gold = ?gold.quote.speaker,
                predicted = ?pred.speaker,
                "wrong speaker"
            );
        }
        score.speaker.record(speaker_ok);
        if speaker_ok {
            attributed.tp_gold += 1;
        }
        if is_direct(gold.quote.kind) {
            score.kind.record(pred.kind == gold.quote.kind);
        }
        let gold_cue = gold.quote.cue.as_deref().map(norm);
        score.cue.record(pred.cue == gold_cue);
    }

    for (pred, row) in preds.iter().zip(&overlaps) {
        let matched: Vec<&Expected> = golds
            .iter()
            .zip(row)
            .filter(|(gold, &o)| covers(o, gold.tokens.len()) || covers(o, pred.tokens.len()))
            .map(|(gold, _)| *gold)
            .collect();
        if matched.is_empty() {
            tracing::debug!(quote = %pred.tokens.join(" "), speaker = ?pred.speaker, "quote not in the gold");
        } else {
            counts.tp_pred += 1;
        }
        if matched.iter().any(|gold| gold.speaker_ok(&pred.speaker)) {
            attributed.tp_pred += 1;
        }
    }
    (counts, attributed)
}

#[cfg(test)]
mod tests {
    use dateline_core::EntityType;

    use super::*;
    use crate::test_doc::{quote, with_entities};

    fn words(s: &str) -> Vec<String> {
        tokens(s)
    }

    #[test]
    fn overlap_is_an_ordered_subsequence() {
        assert_eq!(overlap(&words("a b c d"), &words("b d")), 2);
        assert_eq!(overlap(&words("d c b a"), &words("a b c d")), 1);
        assert_eq!(overlap(&[], &words("a")), 0);
        assert!(covers(2, 4) && !covers(1, 3) && !covers(0, 0));
    }

    const TEXT: &str = "Yatsenyuk said the conflict in Crimea has entered a military phase. \
        \"Russian soldiers began shooting at Ukrainian servicemen,\" he said.";

    fn entities() -> Vec<GoldEntity> {
        vec![GoldEntity {
            name: "Arseniy Yatsenyuk".into(),
            kind: "PERSON".into(),
            also: vec!["Yatsenyuk".into()],
            ..GoldEntity::default()
        }]
    }

    /// The gold: one quote of `text` by Arseniy Yatsenyuk, cued by `said`.
    fn yatsenyuk_said(kind: QuoteKind, text: &str) -> [GoldQuote; 1] {
        [GoldQuote {
            kind,
            text: text.into(),
            speaker: Some("Arseniy Yatsenyuk".into()),
            cue: Some("said".into()),
        }]
    }

    /// Scores one predicted quote of `content` in `TEXT`, with no speaker and no cue.
    fn score_unattributed(gold: &[GoldQuote], kind: QuoteKind, content: &str) -> QuoteScore {
        let mut d = Document::from_text(TEXT);
        d.quotes = vec![quote(TEXT, kind, content, None, None)];
        score(&d, gold, &entities())
    }

    #[test]
    fn gold_found_when_half_its_tokens_are_covered() {
        let gold = yatsenyuk_said(
            QuoteKind::Indirect,
            "the conflict in Crimea has entered a military phase",
        );
        let mut d = with_entities(TEXT, &[("Yatsenyuk", EntityType::Person, None)]);
        // 5 of the gold quote's 9 tokens: found, and correct.
        d.quotes = vec![quote(
            TEXT,
            QuoteKind::Indirect,
            "has entered a military phase",
            Some(0),
            Some("said"),
        )];
        let s = score(&d, &gold, &entities());
        assert_eq!(
            s.indirect,
            Counts {
                tp_pred: 1,
                n_pred: 1,
                tp_gold: 1,
                n_gold: 1
            }
        );
        assert_eq!(
            s.speaker,
            Accuracy {
                correct: 1,
                total: 1
            }
        );
        assert_eq!(s.cue.correct, 1);
        assert_eq!(s.attributed, Counts::one_to_one(1, 1, 1));

        // 4 of 9 is not enough either way: the prediction's own 4 tokens are all in the gold
        // quote, so it is correct, but the gold quote is not found.
        d.quotes = vec![quote(
            TEXT,
            QuoteKind::Indirect,
            "entered a military phase",
            Some(0),
            None,
        )];
        let s = score(&d, &gold, &entities());
        assert_eq!(
            s.indirect,
            Counts {
                tp_pred: 1,
                n_pred: 1,
                tp_gold: 0,
                n_gold: 1
            }
        );
        assert_eq!(
            s.speaker.total, 0,
            "speakers are judged over found quotes only"
        );
    }

    #[test]
    fn prediction_correct_when_half_its_own_tokens_lie_in_one_gold_quote() {
        // 3 of its 9 tokens lie in the gold quote: the gold quote is found, the prediction is
        // correct because it covers the gold quote.
        let s = score_unattributed(
            &yatsenyuk_said(QuoteKind::Indirect, "a military phase"),
            QuoteKind::Indirect,
            "the conflict in Crimea has entered a military phase",
        );
        assert_eq!((s.indirect.tp_pred, s.indirect.tp_gold), (1, 1));
        assert_eq!(s.speaker.correct, 0, "no predicted speaker");
        assert_eq!(s.attributed.tp_gold, 0);

        // A long gold quote: a prediction with 3 of its 5 tokens inside it is correct, though it
        // covers too little of the gold quote (3 of 9) for the gold quote to be found.
        let gold = yatsenyuk_said(
            QuoteKind::Indirect,
            "the conflict in Crimea has entered a military phase",
        );
        let s = score_unattributed(
            &gold,
            QuoteKind::Indirect,
            "a military phase. \"Russian soldiers",
        );
        assert_eq!((s.indirect.tp_pred, s.indirect.tp_gold), (1, 0));

        // 1 of 4 own tokens inside: wrong.
        let s = score_unattributed(
            &gold,
            QuoteKind::Indirect,
            "phase. \"Russian soldiers began",
        );
        assert_eq!((s.indirect.tp_pred, s.indirect.tp_gold), (0, 0));
    }

    #[test]
    fn direct_and_indirect_are_separate_groups() {
        let gold = yatsenyuk_said(
            QuoteKind::Direct,
            "Russian soldiers began shooting at Ukrainian servicemen,",
        );
        let content = "Russian soldiers began shooting at Ukrainian servicemen";
        let s = score_unattributed(&gold, QuoteKind::Indirect, content);
        assert_eq!(
            s.direct,
            Counts {
                tp_pred: 0,
                n_pred: 0,
                tp_gold: 0,
                n_gold: 1
            }
        );
        assert_eq!(
            s.indirect,
            Counts {
                tp_pred: 0,
                n_pred: 1,
                tp_gold: 0,
                n_gold: 0
            }
        );

        let s = score_unattributed(&gold, QuoteKind::Partial, content);
        assert_eq!(s.direct.tp_gold, 1);
        assert_eq!(
            s.kind,
            Accuracy {
                correct: 0,
                total: 1
            },
            "partial for a direct quote"
        );
    }

    #[test]
    fn the_tightest_prediction_is_judged() {
        let text = "He said \"this is a war crime\" and \"war crime\" again.";
        let gold = yatsenyuk_said(QuoteKind::Partial, "war crime");
        let mut d = Document::from_text(text);
        d.quotes = vec![
            quote(
                text,
                QuoteKind::Direct,
                "this is a war crime",
                None,
                Some("said"),
            ),
            quote(
                text,
                QuoteKind::Partial,
                "war crime\" again",
                None,
                Some("again"),
            ),
        ];
        // Both cover the gold quote wholly; the shorter one, a partial, is judged.
        let s = score(&d, &gold, &entities());
        assert_eq!(
            s.direct,
            Counts {
                tp_pred: 2,
                n_pred: 2,
                tp_gold: 1,
                n_gold: 1
            }
        );
        assert_eq!(
            s.kind,
            Accuracy {
                correct: 1,
                total: 1
            }
        );
        assert_eq!(
            s.cue,
            Accuracy {
                correct: 0,
                total: 1
            },
            "`again` is not `said`"
        );
    }
}
