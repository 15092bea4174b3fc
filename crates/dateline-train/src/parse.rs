//! Training and scoring the dependency parser of `dateline-syntax` on UD treebanks: predicted
//! tags from the embedded tagger, projectivised gold trees, the arc-hybrid dynamic oracle with
//! error exploration (Goldberg and Nivre 2013), and averaged perceptrons for moves and labels.

use dateline_core::Pos;
use dateline_syntax::model::{Features, ModelFile, Trainer};
use dateline_syntax::parse::features::{label_features, moves, Sentence, WordIds};
use dateline_syntax::parse::state::{Move, State, NONE};
use dateline_syntax::parse::{arc_of, Parser, ROOT};
use dateline_syntax::pos::Tagger;
use dateline_syntax::words::SentenceView;

use crate::conllu::{self, Sentence as Tree};
use crate::SplitMix64;

/// The GUM genres licensed CC BY or CC BY-SA (see the file's header).
const GUM_GENRES: &str = include_str!("../resources/gum-genres.txt");

/// Whether a treebank sentence may be used for training: every EWT document, and GUM documents
/// of the genres in `resources/gum-genres.txt`.
#[must_use]
pub fn licensed(sentence: &Tree) -> bool {
    let Some(rest) = sentence.document.strip_prefix("GUM_") else {
        return true;
    };
    let genre = rest.split('_').next().unwrap_or_default();
    GUM_GENRES
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .any(|g| g == genre)
}

/// A training sentence: words, predicted tags, projective gold heads and label ids.
struct Example {
    words: Vec<String>,
    tags: Vec<Pos>,
    heads: Vec<u32>,
    labels: Vec<u32>,
}

/// The two perceptrons being trained and their buffers.
struct Models {
    moves: Trainer,
    labels: Trainer,
    move_scores: Vec<f32>,
    label_scores: Vec<f32>,
    features: Features,
}

impl Models {
    /// One decision: learns the best zero-cost move (and the label of a correct arc) and
    /// returns the move to follow, the model's own with probability `explore`, with its label.
    fn step(
        &mut self,
        sentence: &Sentence<'_>,
        state: &State,
        ex: &Example,
        random: &mut SplitMix64,
        explore: f64,
    ) -> (Move, u32) {
        let f = &mut self.features;
        moves(sentence, state, f);
        self.moves.tick();
        self.moves.scores(f.as_slice(), &mut self.move_scores);
        let costs = Move::ALL.map(|m| {
            if state.allows(m) {
                state.cost(m, &ex.heads)
            } else {
                usize::MAX
            }
        });
        let least = costs.iter().copied().min().unwrap_or(0);
        let scores = &self.move_scores;
        let best = |ok: &dyn Fn(usize) -> bool| {
            (0..Move::ALL.len())
                .filter(|&i| ok(i))
                .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))
                .unwrap_or(0)
        };
        let gold = best(&|i| costs[i] == least);
        let guess = best(&|i| costs[i] != usize::MAX);
        self.moves.update(f.as_slice(), gold, guess);
        let follow = if explore > 0.0 && random.chance(explore) {
            Move::ALL[guess]
        } else {
            Move::ALL[gold]
        };
        let label = match arc_of(state, follow) {
            Some((head, dep)) => {
                label_features(sentence, state, head, dep, f);
                self.labels.tick();
                let predicted = self
                    .labels
                    .predict(f.as_slice(), &mut self.label_scores, None)
                    as u32;
                let truth = ex.labels[dep as usize];
                if ex.heads[dep as usize] == head && truth != NONE {
                    self.labels
                        .update(f.as_slice(), truth as usize, predicted as usize);
                    truth
                } else {
                    predicted
                }
            }
            None => NONE,
        };
        (follow, label)
    }
}

/// How training goes.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    /// Passes over the data.
    pub epochs: usize,
    /// Shuffling and exploration seed.
    pub seed: u64,
    /// From this epoch on (0-based), follow the model's own move with probability `explore`.
    pub explore_from: usize,
    /// Probability of following the model's move when exploring.
    pub explore: f64,
    /// Feature rows of the move model, as a power of two.
    pub move_bits: u32,
    /// Feature rows of the label model, as a power of two.
    pub label_bits: u32,
}

/// The tagger of `2^bits` feature rows that the pipeline and the parser share: trained on every
/// tree (UD XPOS mapped to Penn tags) and on `news` (GMB sentences, for news vocabulary).
#[must_use]
pub fn tagger(
    trees: &[Tree],
    news: &[crate::gmb::Sentence],
    epochs: usize,
    seed: u64,
    bits: u32,
) -> ModelFile {
    let mut training: Vec<crate::gmb::Sentence> = trees.iter().filter_map(conllu::tagged).collect();
    training.extend_from_slice(news);
    let mut file = crate::pos::train(&training, epochs, seed, bits);
    file.name = "parse-tags".into();
    file.about = format!(
        r#"{{"data":"UD English EWT train + GUM train (CC BY/BY-SA genres), v2.16, XPOS as Penn tags; GMB ner_dataset.csv train split (first 80% of sentences)","treebank_sentences":{},"news_sentences":{},"epochs":{epochs},"seed":{seed},"lexicon_words":{}}}"#,
        training.len() - news.len(),
        news.len(),
        file.lexicon.len()
    );
    file
}

/// Tags for every tree by `folds`-fold jackknifing: each fold tagged by a tagger trained on the
/// others and `news`, so the parser learns from tags as wrong as they will be on new text.
#[must_use]
pub fn jackknifed_tags(
    trees: &[Tree],
    news: &[crate::gmb::Sentence],
    folds: usize,
    epochs: usize,
    seed: u64,
    bits: u32,
) -> Vec<Vec<Pos>> {
    let folds = folds.max(2);
    let mut tags = vec![Vec::new(); trees.len()];
    for fold in 0..folds {
        let mut training: Vec<crate::gmb::Sentence> = trees
            .iter()
            .enumerate()
            .filter(|(k, _)| k % folds != fold)
            .filter_map(|(_, t)| conllu::tagged(t))
            .collect();
        training.extend_from_slice(news);
        let Ok(tagger) = Tagger::from_file(crate::pos::train(&training, epochs, seed, bits)) else {
            continue;
        };
        for (k, tree) in trees.iter().enumerate().filter(|(k, _)| k % folds == fold) {
            let words: Vec<&str> = tree.words.iter().map(String::as_str).collect();
            tags[k] = tagger.tag(&words);
        }
    }
    tags
}

/// Trains the parser on `trees` with `tags` (one list per tree, e.g. [`jackknifed_tags`]);
/// returns the move and label model files.
#[must_use]
pub fn train(trees: &[Tree], tags: &[Vec<Pos>], options: TrainOptions) -> (ModelFile, ModelFile) {
    let mut names: Vec<String> = trees
        .iter()
        .flat_map(|t| t.relations.iter().cloned())
        .filter(|r| r != ROOT)
        .collect();
    names.sort();
    names.dedup();
    let examples: Vec<Example> = trees
        .iter()
        .zip(tags)
        .filter(|(t, tags)| tags.len() == t.words.len())
        .map(|(t, tags)| Example {
            tags: tags.clone(),
            words: t.words.clone(),
            heads: conllu::projectivize(&t.heads)
                .into_iter()
                .map(|h| if h == conllu::ROOT { NONE } else { h })
                .collect(),
            labels: t
                .relations
                .iter()
                .map(|r| names.binary_search(r).map_or(NONE, |i| i as u32))
                .collect(),
        })
        .collect();
    let mut models = Models {
        moves: Trainer::new(options.move_bits, Move::ALL.len()),
        labels: Trainer::new(options.label_bits, names.len().max(1)),
        move_scores: vec![0.0; Move::ALL.len()],
        label_scores: vec![0.0; names.len().max(1)],
        features: Features::new(),
    };
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut random = SplitMix64(options.seed);
    let (mut view, mut state) = (SentenceView::default(), State::default());
    let mut ids = WordIds::default();
    for epoch in 0..options.epochs {
        crate::shuffle(&mut order, options.seed.wrapping_add(epoch as u64));
        let explore = if epoch >= options.explore_from {
            options.explore
        } else {
            0.0
        };
        for &k in &order {
            let ex = &examples[k];
            view.fill(&ex.words);
            ids.fill(&view);
            let sentence = Sentence {
                ids: &ids,
                tags: &ex.tags,
            };
            state.reset(ex.words.len());
            while !state.is_final() {
                let follow = models.step(&sentence, &state, ex, &mut random, explore);
                state.apply(follow.0, follow.1);
            }
        }
    }
    let (move_model, label_model) = (models.moves, models.labels);
    let about = format!(
        r#"{{"data":"UD English EWT train + GUM train (CC BY/BY-SA genres), v2.16","sentences":{},"epochs":{},"seed":{},"explore":{},"explore_from":{}}}"#,
        examples.len(),
        options.epochs,
        options.seed,
        options.explore,
        options.explore_from
    );
    (
        ModelFile {
            name: "parse-moves".into(),
            about: about.clone(),
            classes: ["shift", "left", "right"].map(String::from).to_vec(),
            lexicon: Vec::new(),
            model: move_model.finish(),
        },
        ModelFile {
            name: "parse-labels".into(),
            about,
            classes: names,
            lexicon: Vec::new(),
            model: label_model.finish(),
        },
    )
}

/// Attachment counts of `parser` on `trees` with tags from `tagger`: every word, punctuation
/// included; relations compared without subtypes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Attachment {
    /// Words with the right head.
    pub unlabelled: usize,
    /// Words with the right head and relation.
    pub labelled: usize,
    /// Words.
    pub words: usize,
}

impl Attachment {
    /// Unlabelled attachment score.
    #[must_use]
    pub fn uas(&self) -> f64 {
        self.unlabelled as f64 / self.words.max(1) as f64
    }

    /// Labelled attachment score.
    #[must_use]
    pub fn las(&self) -> f64 {
        self.labelled as f64 / self.words.max(1) as f64
    }
}

/// Scores `parser` (with its own tagger) against the gold trees.
#[must_use]
pub fn evaluate(parser: &Parser, trees: &[Tree]) -> Attachment {
    evaluate_with(parser, trees, |_, _| {})
}

/// Scores `parser` like [`evaluate`], handing each tree and its parse to `seen`.
pub fn evaluate_with(
    parser: &Parser,
    trees: &[Tree],
    mut seen: impl FnMut(&Tree, &[dateline_syntax::parse::Arc<'_>]),
) -> Attachment {
    let mut score = Attachment::default();
    let mut scratch = dateline_syntax::parse::ParseScratch::default();
    let mut arcs = Vec::new();
    for tree in trees {
        let words: Vec<&str> = tree.words.iter().map(String::as_str).collect();
        parser.parse_into(&words, &mut scratch, &mut arcs);
        seen(tree, &arcs);
        for (k, arc) in arcs.iter().enumerate() {
            let gold = tree.heads[k];
            let head_ok = match arc.head {
                None => gold == conllu::ROOT,
                Some(h) => h == gold,
            };
            score.words += 1;
            if head_ok {
                score.unlabelled += 1;
                if arc.relation == tree.relations[k] {
                    score.labelled += 1;
                }
            }
        }
    }
    score
}
