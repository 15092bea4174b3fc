//! Training and scoring the part-of-speech tagger of `dateline-syntax` on GMB sentences.

use dateline_core::Pos;
use dateline_syntax::model::{Features, ModelFile, Trainer};
use dateline_syntax::pos::{features, TagScratch, Tagger, START};
use dateline_syntax::words::SentenceView;

use crate::gmb::Sentence;

/// Trains a tagger of `2^bits` feature rows on `sentences` for `epochs` passes (deterministic
/// order, shuffled by `seed`).
#[must_use]
pub fn train(sentences: &[Sentence], epochs: usize, seed: u64, bits: u32) -> ModelFile {
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
                features(&view, &words, i, prev, prev2, &mut f);
                trainer.tick();
                let guess = trainer.predict(f.as_slice(), &mut scores, None);
                trainer.update(f.as_slice(), gold.id(), guess);
                prev2 = prev;
                prev = guess as u64;
            }
        }
    }
    ModelFile {
        name: "pos".into(),
        about: String::new(),
        classes: Pos::ALL.iter().map(|p| p.as_str().to_owned()).collect(),
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
