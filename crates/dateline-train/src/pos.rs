//! Training and scoring the part-of-speech tagger of `dateline-syntax` on GMB sentences.

use std::collections::HashMap;

use dateline_core::Pos;

use crate::lexicon::Thresholds;
use dateline_syntax::model::{Features, ModelFile, Trainer};
use dateline_syntax::pos::{features, TagScratch, Tagger, START};
use dateline_syntax::words::SentenceView;

use crate::gmb::Sentence;

/// A word enters the tagger's lexicon when seen at least 20 times with one tag at least 97 % of
/// the time (Honnibal's thresholds).
pub const LEXICON: Thresholds = Thresholds {
    min_count: 20,
    min_share: 0.97,
};

/// Frequent words of `sentences` that (nearly) always carry one tag, with that tag's class id,
/// sorted by word.
#[must_use]
pub fn lexicon(sentences: &[Sentence]) -> Vec<(String, u16)> {
    crate::lexicon::build(
        sentences.iter().flat_map(|s| {
            s.words
                .iter()
                .zip(&s.pos)
                .map(|(w, p)| (w.as_str(), p.id()))
        }),
        LEXICON,
    )
}

/// Trains a tagger of `2^bits` feature rows on `sentences` for `epochs` passes (deterministic
/// order, shuffled by `seed`). Words of its [`lexicon`] are tagged from it, without updates.
#[must_use]
pub fn train(sentences: &[Sentence], epochs: usize, seed: u64, bits: u32) -> ModelFile {
    let lexicon = lexicon(sentences);
    let fixed: HashMap<&str, usize> = lexicon
        .iter()
        .map(|(w, c)| (w.as_str(), usize::from(*c)))
        .collect();
    let classes = Pos::ALL.len();
    let mut trainer = Trainer::new(bits, classes);
    let mut view = SentenceView::default();
    let mut f = Features::new();
    let mut scores = vec![0.0f32; classes];
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    for epoch in 0..epochs {
        crate::shuffle(&mut order, seed.wrapping_add(epoch as u64));
        for &s in &order {
            let sentence = &sentences[s];
            let words: Vec<&str> = sentence.words.iter().map(String::as_str).collect();
            view.fill(&words);
            let (mut prev, mut prev2) = (START, START);
            for (i, gold) in sentence.pos.iter().enumerate() {
                let guess = if let Some(&class) = fixed.get(words[i]) {
                    class
                } else {
                    features(&view, &words, i, prev, prev2, &mut f);
                    trainer.tick();
                    let guess = trainer.predict(f.as_slice(), &mut scores, None);
                    trainer.update(f.as_slice(), gold.id(), guess);
                    guess
                };
                prev2 = prev;
                prev = guess as u64;
            }
        }
    }
    ModelFile {
        name: "pos".into(),
        about: String::new(),
        classes: Pos::ALL.iter().map(|p| p.as_str().to_owned()).collect(),
        lexicon,
        model: trainer.finish(),
    }
}

/// Tagging accuracy of `tagger` on `sentences`: (correct, total).
#[must_use]
pub fn accuracy(tagger: &Tagger, sentences: &[Sentence]) -> (usize, usize) {
    let mut scratch = TagScratch::default();
    let mut out = Vec::new();
    let (mut correct, mut total) = (0, 0);
    for sentence in sentences {
        let words: Vec<&str> = sentence.words.iter().map(String::as_str).collect();
        tagger.tag_into(&words, &mut scratch, &mut out);
        correct += out
            .iter()
            .zip(&sentence.pos)
            .filter(|(a, b)| a == b)
            .count();
        total += out.len();
    }
    (correct, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(pairs: &[(&str, Pos)]) -> Sentence {
        Sentence {
            words: pairs.iter().map(|(w, _)| (*w).to_owned()).collect(),
            pos: pairs.iter().map(|(_, p)| *p).collect(),
            ner: vec!["O".into(); pairs.len()],
        }
    }

    #[test]
    fn the_lexicon_keeps_frequent_unambiguous_words_only() {
        let mut sentences = Vec::new();
        for k in 0..40 {
            let that = if k % 3 == 0 { Pos::DT } else { Pos::IN };
            sentences.push(sentence(&[
                ("The", Pos::DT),
                ("talks", Pos::NNS),
                ("that", that),
                ("failed", Pos::VBD),
            ]));
        }
        // Seen 40 times as NNS and once as VBZ: still over 97 %.
        sentences.push(sentence(&[("talks", Pos::VBZ)]));
        for _ in 0..5 {
            sentences.push(sentence(&[("rarely", Pos::RB)]));
        }
        let lexicon = lexicon(&sentences);
        let words: Vec<&str> = lexicon.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(words, ["The", "failed", "talks"]);
        assert_eq!(lexicon[0].1 as usize, Pos::DT.id());
        assert_eq!(lexicon[2].1 as usize, Pos::NNS.id());

        let tagger = Tagger::from_file(train(&sentences, 2, 1, 10)).unwrap();
        assert_eq!(tagger.fixed("talks"), Some(Pos::NNS));
        assert_eq!(tagger.fixed("that"), None);
        assert_eq!(tagger.tag(&["The", "talks"]), [Pos::DT, Pos::NNS]);
    }
}
