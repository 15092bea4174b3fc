//! Speaker resolution shared by quotes and claims.
//!
//! A prediction names its speaker by one or more strings (an entity's name and mention texts, a
//! mention, a description). It is right when one of them resolves to the gold speaker: for a gold
//! speaker that is a gold entity, a string must equal the entity's name or an `also` form; for a
//! descriptive gold speaker (`two U.S. officials`), one string must contain at least half of the
//! description's content words.

use std::collections::HashSet;

use dateline_core::{Document, Entity, Quote};

use crate::gold::GoldEntity;
use crate::normalize::{norm, tokens};

/// Words that carry no content in a speaker description.
const STOPWORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "with", "from", "and", "or",
    "its", "his", "her", "their", "our",
];

/// The share of a description's content words a prediction must contain.
const DESCRIPTION_COVERAGE: f64 = 0.5;

/// The entity with `id`: normally at index `id`, else found by its id.
pub(crate) fn entity_by_id(doc: &Document, id: u32) -> Option<&Entity> {
    doc.entities
        .get(id as usize)
        .filter(|e| e.id == id)
        .or_else(|| doc.entities.iter().find(|e| e.id == id))
}

/// The entity's name and the text of each of its mentions.
pub(crate) fn entity_names(doc: &Document, id: u32) -> Vec<String> {
    let Some(entity) = entity_by_id(doc, id) else {
        return Vec::new();
    };
    let mut names = vec![entity.name.clone()];
    names.extend(
        entity
            .mentions
            .iter()
            .filter_map(|m| m.get(&doc.text))
            .map(str::to_owned),
    );
    names
}

/// The strings a predicted quote names its speaker by: the speaker entity's name and mentions,
/// or else the speaker mention, or else the description.
pub(crate) fn quote_speaker_names(doc: &Document, quote: &Quote) -> Vec<String> {
    if let Some(id) = quote.speaker {
        let names = entity_names(doc, id);
        if !names.is_empty() {
            return names;
        }
    }
    if let Some(text) = quote.speaker_mention.and_then(|m| m.get(&doc.text)) {
        return vec![text.to_owned()];
    }
    quote.speaker_description.iter().cloned().collect()
}

/// A gold speaker, resolved against the gold entities once.
#[derive(Debug, Clone)]
pub(crate) enum GoldSpeaker {
    /// A gold entity: the normalised name and `also` forms that identify it.
    Entity(HashSet<String>),
    /// A description: its content words.
    Description(Vec<String>),
}

impl GoldSpeaker {
    /// Resolves `speaker`: a gold entity when it equals an entity's name (or, failing that, an
    /// `also` form), else a description.
    pub(crate) fn resolve(speaker: &str, entities: &[GoldEntity]) -> Self {
        let wanted = norm(speaker);
        let entity = entities
            .iter()
            .find(|e| norm(&e.name) == wanted)
            .or_else(|| {
                entities
                    .iter()
                    .find(|e| e.also.iter().any(|a| norm(a) == wanted))
            });
        if let Some(entity) = entity {
            let mut forms: HashSet<String> = entity.also.iter().map(|a| norm(a)).collect();
            forms.insert(norm(&entity.name));
            forms.remove("");
            return GoldSpeaker::Entity(forms);
        }
        let words = tokens(speaker);
        let content: Vec<String> = words
            .iter()
            .filter(|w| !STOPWORDS.contains(&w.as_str()))
            .cloned()
            .collect();
        GoldSpeaker::Description(if content.is_empty() { words } else { content })
    }

    /// Whether one of the predicted `names` resolves to this speaker.
    pub(crate) fn accepts(&self, names: &[String]) -> bool {
        match self {
            GoldSpeaker::Entity(forms) => names.iter().any(|n| forms.contains(&norm(n))),
            GoldSpeaker::Description(content) => {
                !content.is_empty()
                    && names.iter().any(|n| {
                        let have: HashSet<String> = tokens(n).into_iter().collect();
                        let covered = content.iter().filter(|w| have.contains(*w)).count();
                        covered as f64 >= DESCRIPTION_COVERAGE * content.len() as f64
                    })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|&n| n.to_owned()).collect()
    }

    fn entities() -> Vec<GoldEntity> {
        vec![GoldEntity {
            name: "Arseniy Yatsenyuk".into(),
            kind: "PERSON".into(),
            also: vec!["Yatsenyuk".into(), "Ukraine's prime minister".into()],
            ..GoldEntity::default()
        }]
    }

    #[test]
    fn entity_speaker_accepts_name_and_also_forms() {
        let gold = GoldSpeaker::resolve("Arseniy Yatsenyuk", &entities());
        assert!(gold.accepts(&names(&["Ukraine’s Prime Minister"])));
        assert!(gold.accepts(&names(&["he", "Yatsenyuk"])));
        assert!(!gold.accepts(&names(&["Arseniy"])));
        assert!(!gold.accepts(&[]));
    }

    #[test]
    fn descriptive_speaker_needs_half_the_content_words() {
        let gold = GoldSpeaker::resolve("two U.S. officials", &entities());
        assert!(matches!(gold, GoldSpeaker::Description(_)));
        assert!(
            gold.accepts(&names(&["U.S. officials"])),
            "2 of 3 content words"
        );
        assert!(!gold.accepts(&names(&["officials"])), "1 of 3 is too few");

        let gold = GoldSpeaker::resolve("a military spokesman", &entities());
        assert!(
            gold.accepts(&names(&["the spokesman"])),
            "1 of 2: `a` is a stopword"
        );
        assert!(!gold.accepts(&names(&["the military's statement"])));
    }
}
