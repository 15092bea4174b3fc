//! Obligations in reported speech: "Russia said Sudan must return the helicopter" reports a
//! demand by the speaker of the one who must act, as CAMEO coders code it (root 10), whatever
//! the obliged act is.

use dateline_core::Document;

use super::actors::ActorMention;
use super::arguments::{self, Arguments, Scope, TokenSpan};
use super::function_words::{self, Class};
use super::{Actors, QuoteIndex};

/// A demand found in reported speech: where it is stated and who demands what of whom.
pub struct Obligation {
    /// The modal and its verb.
    pub at: TokenSpan,
    /// The modal.
    pub modal: usize,
    /// The quote it is reported in.
    pub quote: usize,
    /// The speaker as the source, the obliged subject as the target.
    pub args: Arguments,
}

/// The obligations stated in sentence tokens `sentence`: a verb with an obligation modal
/// (`must`) inside a quote whose speaker is an actor, and whose subject is another actor.
pub fn find(
    doc: &Document,
    actors: &Actors,
    quotes: &QuoteIndex,
    sentence: std::ops::Range<usize>,
) -> Vec<Obligation> {
    let view = doc.view();
    let mut found = Vec::new();
    for modal in sentence.clone() {
        if view.relation(modal) != Some("aux")
            || !function_words::is(Class::Obligation, view.lower(modal))
        {
            continue;
        }
        let Some(verb) = view.head(modal).filter(|v| sentence.contains(v)) else {
            continue;
        };
        let Some(q) = quotes.content.get(verb).copied().flatten() else {
            continue;
        };
        let Some(speaker) = quotes.speakers.get(q).copied().flatten() else {
            continue;
        };
        let scope = Scope {
            lo: sentence.start,
            hi: sentence.end,
        };
        let Some(subject) = arguments::subject_of(doc, actors, verb, scope) else {
            continue;
        };
        if subject.entity == speaker.entity || covers(speaker, subject) {
            continue;
        }
        found.push(Obligation {
            at: TokenSpan {
                start: modal.min(verb),
                end: modal.max(verb) + 1,
            },
            modal,
            quote: q,
            args: Arguments {
                sources: vec![speaker],
                targets: vec![subject],
                mutual: false,
                rule: "obligation in reported speech: the speaker demands it of the subject"
                    .to_owned(),
                at_home: super::arguments::AtHome::No,
                possessive: false,
            },
        });
    }
    found
}

/// Whether mention `a` contains mention `b` (a speaker named inside the subject phrase).
fn covers(a: ActorMention, b: ActorMention) -> bool {
    a.start <= b.start && b.end <= a.end
}
