//! Training and scoring the entity recogniser of `dateline-nlp` on GMB sentences.

use std::collections::HashSet;

use dateline_core::Pos;
use dateline_nlp::gazetteer::TokenClasses;
use dateline_nlp::ner::{features, labels, Context, NerScratch, Recognizer, NER_BITS};
use dateline_syntax::model::{Features, ModelFile, Trainer};
use dateline_syntax::pos::{TagScratch, Tagger};
use dateline_syntax::words::SentenceView;

use crate::gmb::Sentence;
use crate::lexicon::Thresholds;

/// A word enters the recogniser's lexicon (always outside an entity) when seen at least 20 times
/// and outside an entity at least 99.5 % of the time.
pub const LEXICON: Thresholds = Thresholds {
    min_count: 20,
    min_share: 0.995,
};

/// Frequent words of `sentences` that are (nearly) never part of an entity, sorted.
#[must_use]
pub fn lexicon(sentences: &[Sentence]) -> Vec<(String, u16)> {
    let outside = labels::class(labels::Part::Outside, 0);
    let mut words = crate::lexicon::build(
        sentences.iter().flat_map(|s| {
            s.words
                .iter()
                .zip(labels::from_iob(&s.ner))
                .map(|(w, class)| (w.as_str(), class))
        }),
        LEXICON,
    );
    words.retain(|(_, class)| usize::from(*class) == outside);
    words
}

/// Trains a recogniser on `sentences` for `epochs` passes, with the tags `tagger` gives them as
/// features (the tags it will read at run time, not the corpus's). Words of its [`lexicon`] are
/// outside an entity wherever the previous label allows it, without updates.
#[must_use]
pub fn train(
    sentences: &[Sentence],
    tagger: &Tagger,
    gazetteer: &TokenClasses,
    epochs: usize,
    seed: u64,
) -> ModelFile {
    let tags: Vec<Vec<Pos>> = sentences
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            tagger.tag(&words)
        })
        .collect();
    let lexicon = lexicon(sentences);
    let outside: HashSet<&str> = lexicon.iter().map(|(w, _)| w.as_str()).collect();
    let mut trainer = Trainer::new(NER_BITS, labels::CLASSES);
    let transitions = labels::transitions();
    let mut view = SentenceView::default();
    let mut f = Features::new();
    let mut scores = vec![0.0f32; labels::CLASSES];
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut gaz = Vec::new();
    for epoch in 0..epochs {
        crate::shuffle(&mut order, seed.wrapping_add(epoch as u64));
        for &s in &order {
            let sentence = &sentences[s];
            view.fill(&sentence.words);
            gaz.clear();
            gaz.extend((0..sentence.words.len()).map(|i| gazetteer.flags(view.norm(i as isize))));
            let gold = labels::from_iob(&sentence.ner);
            let cx = Context {
                view: &view,
                pos: &tags[s],
                gaz: &gaz,
            };
            let mut prev = 0;
            for (i, &truth) in gold.iter().enumerate() {
                if labels::outside_allowed(&transitions, prev)
                    && outside.contains(sentence.words[i].as_str())
                {
                    prev = labels::class(labels::Part::Outside, 0);
                    continue;
                }
                features(&cx, i, prev, &mut f);
                trainer.tick();
                let guess = trainer.predict(f.as_slice(), &mut scores, Some(&transitions[prev]));
                trainer.update(f.as_slice(), truth, guess);
                prev = guess;
            }
        }
    }
    ModelFile {
        name: "ner".into(),
        about: String::new(),
        classes: labels::names(),
        lexicon,
        model: trainer.finish(),
    }
}

/// Entity-level counts per GMB type: (correct, predicted, gold) for each of [`labels::TYPES`].
#[must_use]
pub fn evaluate(
    recognizer: &Recognizer,
    tagger: &Tagger,
    gazetteer: &TokenClasses,
    sentences: &[Sentence],
) -> Vec<(usize, usize, usize)> {
    let mut counts = vec![(0, 0, 0); labels::TYPES.len()];
    let mut scratch = NerScratch::default();
    let mut tag_scratch = TagScratch::default();
    let mut tags = Vec::new();
    for sentence in sentences {
        let words: Vec<&str> = sentence.words.iter().map(String::as_str).collect();
        tagger.tag_into(&words, &mut tag_scratch, &mut tags);
        let predicted = recognizer.recognize(&words, &tags, gazetteer, &mut scratch);
        let gold = labels::spans(&labels::from_iob(&sentence.ner));
        for &(_, _, ty) in &predicted {
            counts[ty].1 += 1;
        }
        for g in &gold {
            counts[g.2].2 += 1;
            if predicted.contains(g) {
                counts[g.2].0 += 1;
            }
        }
    }
    counts
}
