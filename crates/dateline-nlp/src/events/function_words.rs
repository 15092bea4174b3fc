//! Closed-class words the event stage tests tokens against, by class
//! (`resources/events/function-words.tsv`).

use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

const FUNCTION_WORDS: &str = include_str!("../../resources/events/function-words.tsv");

/// The classes of `function-words.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    /// A form of "be" (`was attacked`: passive).
    Be,
    /// A conjunction that opens a clause (`if`, `that`).
    Subordinator,
    /// A word or mark that ends the reach of a subject search (`;`, `but`).
    Boundary,
    /// What may join coordinated actors (`,`, `and`, `both`).
    Coordination,
    /// A temporal or locative preposition before a noun trigger's phrase (`during`, `amid`).
    Setting,
    /// A subject pronoun that may stand for a quote's speaker (`it`, `we`).
    Pronoun,
    /// A determiner that makes a noun refer back to an earlier event (`the`, `such`).
    Definite,
    /// A preposition whose object names the actor of the noun phrase it modifies (`of`, `by`,
    /// `with`: "the chief *of* Israel's army", "calls *by* Belarus", "an agreement *with* the EU").
    Phrase,
    /// The future of reported speech ("said they *would* boycott"): there an intention, not a
    /// hypothesis.
    Backshift,
    /// A modal of obligation ("Sudan *must* return …"): in reported speech, a demand.
    Obligation,
    /// A determiner that makes a noun refer to something already known ("called *the*
    /// deployment an escalation"), not a new act of the subject's.
    Referring,
    /// A noun of a frontier between states ("massed troops on its *border* with Guyana"): a
    /// show of force there is aimed at the state beyond it.
    Frontier,
    /// A preposition that makes the gerund after it a named act, not one done ("accused Croatia
    /// *of* forming an alliance", "its role *in* brokering the ceasefire").
    Naming,
    /// A preposition that introduces the one acted on ("cut gas exports *to* Georgia",
    /// "sanctions *against* Iran"), for a controlled verb whose own row is not known.
    Targeting,
    /// A reciprocal pronoun, as two words ("accused *each other*"): coordinated sources act on
    /// each other.
    Reciprocal,
}

impl Class {
    fn parse(name: &str) -> Option<Class> {
        Some(match name {
            "be" => Class::Be,
            "subordinator" => Class::Subordinator,
            "boundary" => Class::Boundary,
            "coordination" => Class::Coordination,
            "setting" => Class::Setting,
            "pronoun" => Class::Pronoun,
            "definite" => Class::Definite,
            "phrase" => Class::Phrase,
            "backshift" => Class::Backshift,
            "obligation" => Class::Obligation,
            "referring" => Class::Referring,
            "frontier" => Class::Frontier,
            "naming" => Class::Naming,
            "targeting" => Class::Targeting,
            "reciprocal" => Class::Reciprocal,
            _ => return None,
        })
    }
}

static WORDS: LazyLock<FxHashMap<Class, FxHashSet<&'static str>>> = LazyLock::new(|| {
    let mut words: FxHashMap<Class, FxHashSet<&'static str>> = FxHashMap::default();
    for row in crate::data::rows(FUNCTION_WORDS) {
        let (Some(&word), Some(class)) = (row.first(), row.get(1).and_then(|c| Class::parse(c)))
        else {
            continue;
        };
        words.entry(class).or_default().insert(word);
    }
    words
});

/// Whether `word` (a lowercase token, compared exactly) belongs to `class`.
pub fn is(class: Class, word: &str) -> bool {
    WORDS.get(&class).is_some_and(|words| words.contains(word))
}

#[cfg(test)]
mod tests {
    use super::{is, Class, FUNCTION_WORDS};

    #[test]
    fn every_row_has_a_known_class() {
        let rows: Vec<Vec<&str>> = crate::data::rows(FUNCTION_WORDS).collect();
        assert!(rows
            .iter()
            .all(|r| r.len() == 2 && Class::parse(r[1]).is_some()));
        let loaded: usize = super::WORDS.values().map(super::FxHashSet::len).sum();
        assert_eq!(loaded, rows.len(), "a duplicate row");
        assert!(is(Class::Be, "were") && is(Class::Boundary, "\"") && is(Class::Definite, "a"));
        assert!(
            !is(Class::Pronoun, "He"),
            "matching is exact; callers pass lowercase words"
        );
    }
}
