//! Who speaks, beyond the speaker itself: how the speaker is given (named, anonymous or
//! descriptive) and the entities coordinated with it ("Laos and Cambodia said").

use std::sync::LazyLock;

use dateline_core::{Document, SpeakerType};

use super::speaker::{MentionIndex, Speaker};

/// Words and phrases marking an anonymous source (`resources/lexicon/anonymous-sources.txt`).
static ANONYMOUS: LazyLock<Vec<String>> = LazyLock::new(|| {
    crate::data::words(include_str!(
        "../../resources/lexicon/anonymous-sources.txt"
    ))
});

/// Whether `text` (lowercase) holds `entry`: a single word as a whole word, a phrase anywhere.
fn holds(text: &str, entry: &str) -> bool {
    if entry.contains(' ') {
        return text.contains(entry);
    }
    text.split(|c: char| !c.is_alphanumeric())
        .any(|word| word == entry)
}

/// Whether `word` (lowercase) is a noun of an anonymous source ("officials", "diplomats").
#[must_use]
pub fn is_anonymous_noun(word: &str) -> bool {
    ANONYMOUS.iter().any(|entry| entry == word)
}

/// How `speaker` is given; `sentence` is the text of the quote's sentence (for "speaking on
/// condition of anonymity"). `None` when there is no speaker.
#[must_use]
pub fn speaker_type(speaker: &Speaker, sentence: &str) -> Option<SpeakerType> {
    let description = match (&speaker.description, speaker.entity) {
        (None, Some(_)) => return Some(SpeakerType::Named),
        (None, None) => return None,
        (Some(d), _) => d.to_lowercase(),
    };
    let sentence = sentence.to_lowercase();
    let anonymous = ANONYMOUS.iter().any(|entry| {
        holds(&description, entry) || (entry.contains(' ') && sentence.contains(entry))
    });
    Some(if anonymous {
        SpeakerType::Anonymous
    } else {
        SpeakerType::Descriptive
    })
}

/// The entities coordinated with the speaker's mention by the parse ("Laos and Cambodia said",
/// "Reps. A and B said"), in text order, without the speaker's own.
#[must_use]
pub fn co_speakers(doc: &Document, index: &MentionIndex, speaker: &Speaker) -> Vec<u32> {
    let (Some(own), Some(mention)) = (speaker.entity, speaker.mention) else {
        return Vec::new();
    };
    let view = doc.view();
    let std::ops::Range { start: first, end } = doc.token_range(mention);
    let Some(sentence) = view.sentence(first).and_then(|s| doc.sentences.get(s)) else {
        return Vec::new();
    };
    // Conjuncts lie near the name: the search is bounded like every search around a cue.
    let (lo, hi) = (
        (sentence.first_token as usize).max(first.saturating_sub(super::WINDOW)),
        (sentence.end_token as usize).min(end + super::WINDOW),
    );
    // The conjuncts of any token of the mention, and theirs in turn ("A, B and C").
    let mut heads: Vec<usize> = (first..end).collect();
    let mut out: Vec<u32> = Vec::new();
    let mut k = 0;
    while k < heads.len() && heads.len() < 64 {
        let h = heads[k];
        k += 1;
        for c in view
            .dependents(h, lo..hi)
            .filter(|&c| view.relation(c) == Some("conj"))
        {
            if let Some((entity, _)) = index.get(c) {
                if entity != own && !out.contains(&entity) {
                    out.push(entity);
                }
            }
            heads.push(c);
        }
    }
    out
}
