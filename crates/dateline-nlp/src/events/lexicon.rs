//! The event lexicon (`resources/events/`): trigger verbs and nouns with their CAMEO codes and
//! argument patterns, the codes of intentions, and the words that mark modality.

use std::sync::OnceLock;

use dateline_core::Modality;
use rustc_hash::FxHashMap;

use crate::data::{rows, words};

const TRIGGERS: &str = include_str!("../../resources/events/triggers.tsv");
const PETRARCH_VERBS: &str = include_str!("../../resources/events/petrarch-verbs.tsv");
const INTENT: &str = include_str!("../../resources/events/intent.tsv");
const MODALITY: &str = include_str!("../../resources/events/modality.tsv");
/// The name rows of `triggers.tsv` carry.
const TRIGGERS_FILE: &str = "triggers.tsv";
const REFUSAL: &str = include_str!("../../resources/events/refusal.tsv");
const GOVERNING_MODALITY: &str = include_str!("../../resources/events/governing-modality.tsv");
const SUPPORT_VERBS: &str = include_str!("../../resources/events/support-verbs.txt");
const AGENTS: &str = include_str!("../../resources/agents/agents.tsv");
const MUTUAL_ROOTS: &str = include_str!("../../resources/events/mutual-roots.txt");
const HOME_PLACE_ROOTS: &str = include_str!("../../resources/events/home-place-roots.txt");
const PLACE_ONLY_CODES: &str = include_str!("../../resources/events/place-only-codes.txt");
const ORG_REFERENCES: &str = include_str!("../../resources/events/org-references.txt");
const EVENT_REFERENCES: &str = include_str!("../../resources/events/event-references.txt");

/// What an event at home with no target named is directed at (`home-place-roots.txt`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HomeReach {
    /// The state of the place named in its clause.
    Place,
    /// That, or with no place named, the source's own state when the source is a part of it
    /// with one of these roles (any role when the list is empty).
    PlaceOrState(Vec<String>),
}

/// Whether a trigger is a verb (matched on its lemma) or a noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TriggerPos {
    /// A verb, matched on the lemma of its first word.
    Verb,
    /// A noun, matched on the singular of its first word.
    Noun,
}

/// When a trigger row applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Need {
    /// Always.
    Nothing,
    /// When a word starting with one of these stems follows the trigger closely.
    Words(Vec<String>),
    /// When a dependent of the trigger after it, by the parse, starts with one of these stems
    /// (PETRARCH's `- * WORD` patterns: "ordered the release" → 0841).
    Dependent(Vec<String>),
    /// Only when a target actor is found.
    Target,
    /// Only when none is found.
    NoTarget,
}

/// One row of `triggers.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trigger {
    /// The trigger's words; the first is a lemma (verbs) or a singular noun.
    pub words: Vec<String>,
    /// Verb or noun.
    pub pos: TriggerPos,
    /// The CAMEO code it means.
    pub cameo: String,
    /// A PLOVER type that overrides the code table's, if given.
    pub plover: Option<String>,
    /// A PLOVER mode, if given.
    pub mode: Option<String>,
    /// Prepositions that introduce the target.
    pub preps: Vec<String>,
    /// Whether the direct object is the target.
    pub object: bool,
    /// When the row applies.
    pub need: Need,
    /// The data file the row comes from (`triggers.tsv`, `petrarch-verbs.tsv`).
    pub file: &'static str,
}

impl Trigger {
    /// Whether the trigger takes a target at all.
    #[must_use]
    pub fn takes_target(&self) -> bool {
        self.object || !self.preps.is_empty()
    }

    /// Whether a place abroad is only where an event of this row happens, not its target (a
    /// meeting or talks: `place-only-codes.txt`).
    #[must_use]
    pub fn place_is_only_where(&self) -> bool {
        static CODES: OnceLock<Vec<String>> = OnceLock::new();
        CODES
            .get_or_init(|| crate::data::words(PLACE_ONLY_CODES))
            .iter()
            .any(|code| self.cameo.starts_with(code.as_str()))
    }

    /// How an event of this row, with no target named, is directed at the state of a place in
    /// the source's own country (`home-place-roots.txt`: "Kurds demonstrated in Kirkuk"), if it
    /// is.
    #[must_use]
    pub fn targets_home_place(&self) -> Option<&'static HomeReach> {
        static ROOTS: OnceLock<Vec<(String, HomeReach)>> = OnceLock::new();
        let roots = ROOTS.get_or_init(|| {
            crate::data::rows(HOME_PLACE_ROOTS)
                .filter_map(|row| match row[..] {
                    [root, "place", ..] => Some((root.to_owned(), HomeReach::Place)),
                    [root, "place-or-state", ref roles @ ..] => Some((
                        root.to_owned(),
                        HomeReach::PlaceOrState(
                            roles
                                .iter()
                                .flat_map(|r| r.split('|'))
                                .filter(|r| !r.is_empty())
                                .map(str::to_owned)
                                .collect(),
                        ),
                    )),
                    _ => None,
                })
                .collect()
        });
        roots
            .iter()
            .find(|(r, _)| self.cameo.starts_with(r.as_str()))
            .map(|(_, reach)| reach)
    }

    /// Whether coordinated subjects act on each other when no target is named
    /// (`mutual-roots.txt`): "X and Y met", not "X and Y marched". Only Dateline's own rows:
    /// PETRARCH2's patterns name their target ("expected X and Y to take part" is no pact).
    #[must_use]
    pub fn is_mutual(&self) -> bool {
        static ROOTS: OnceLock<Vec<String>> = OnceLock::new();
        let roots = ROOTS.get_or_init(|| words(MUTUAL_ROOTS));
        self.file == TRIGGERS_FILE && roots.iter().any(|r| self.cameo.starts_with(r.as_str()))
    }
}

/// A role noun of `resources/agents/agents.tsv` ("police", "rebels", "envoy").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentNoun {
    /// CAMEO role code (`COP`, `REB`, `GOV`).
    pub role: String,
    /// Whether it names one person ("envoy"): such a noun is an actor only with its country in
    /// the text ("Moscow's envoy"), never by the story's default country.
    pub person: bool,
}

/// Trigger rows, intent codes and modality words.
#[derive(Debug, Clone, Default)]
pub struct EventLexicon {
    triggers: Vec<Trigger>,
    verbs: FxHashMap<String, Vec<usize>>,
    nouns: FxHashMap<String, Vec<usize>>,
    /// `(prefix, code)`, longest prefix first.
    intent: Vec<(String, String)>,
    /// `(prefix, code)` of refusals (`refusal.tsv`), longest prefix first.
    refusal: Vec<(String, String)>,
    modality: FxHashMap<String, Vec<(Vec<String>, Modality)>>,
    /// Verbs whose controlled infinitive is not asserted, by lemma (`governing-modality.tsv`).
    governing: FxHashMap<String, Modality>,
    support: Vec<String>,
    agents: FxHashMap<String, AgentNoun>,
    org_references: Vec<String>,
    event_references: Vec<String>,
}

fn dash(cell: &str) -> Option<String> {
    (cell != "-" && !cell.is_empty()).then(|| cell.to_owned())
}

fn trigger(cols: &[&str], file: &'static str) -> Option<Trigger> {
    let [words, pos, cameo, plover, mode, target, need, ..] = cols[..] else {
        return None;
    };
    let pos = match pos {
        "V" => TriggerPos::Verb,
        "N" => TriggerPos::Noun,
        _ => return None,
    };
    let mut preps = Vec::new();
    let mut object = false;
    for t in target.split('|').filter(|t| *t != "-" && !t.is_empty()) {
        if t == "obj" {
            object = true;
        } else {
            preps.push(t.to_owned());
        }
    }
    let need = match need {
        "target" => Need::Target,
        "notarget" => Need::NoTarget,
        n => match (n.strip_prefix("obj="), n.strip_prefix("dep=")) {
            (Some(stems), _) => Need::Words(stems.split('|').map(str::to_lowercase).collect()),
            (_, Some(stems)) => Need::Dependent(stems.split('|').map(str::to_lowercase).collect()),
            _ => Need::Nothing,
        },
    };
    Some(Trigger {
        words: words.split_whitespace().map(str::to_lowercase).collect(),
        pos,
        cameo: cameo.to_owned(),
        plover: dash(plover),
        mode: dash(mode),
        preps,
        object,
        need,
        file,
    })
}

/// `(code prefix, code)` rows, longest prefix first.
fn prefix_table(text: &str) -> Vec<(String, String)> {
    let mut table: Vec<(String, String)> = rows(text)
        .filter_map(|r| Some(((*r.first()?).to_owned(), (*r.get(1)?).to_owned())))
        .collect();
    table.sort_by_key(|(prefix, _)| std::cmp::Reverse(prefix.len()));
    table
}

/// The code the longest prefix of `code` in `table` maps to.
fn by_prefix<'a>(table: &'a [(String, String)], code: &str) -> Option<&'a str> {
    table
        .iter()
        .find(|(prefix, _)| code.starts_with(prefix.as_str()))
        .map(|(_, c)| c.as_str())
}

fn modality(name: &str) -> Option<Modality> {
    Some(match name {
        "conditional" => Modality::Conditional,
        "hypothetical" => Modality::Hypothetical,
        "intended" => Modality::Intended,
        "negated" => Modality::Negated,
        _ => return None,
    })
}

/// The singular of a lowercase noun: `strikes` → `strike`, `talks` stays for the lookup's
/// second try, `casualties` → `casualty`.
pub fn singular(word: &str) -> Option<String> {
    if let Some(stem) = word.strip_suffix("ies") {
        return Some(format!("{stem}y"));
    }
    word.strip_suffix('s')
        .filter(|stem| stem.len() > 2 && !stem.ends_with('s'))
        .map(str::to_owned)
}

/// Whether the noun `a` is `b` or a plural of it (`strikes` for `strike`; `b` may be plural too).
pub fn same_noun(a: &str, b: &str) -> bool {
    a == b || singular(a).as_deref() == Some(singular(b).as_deref().unwrap_or(b))
}

impl EventLexicon {
    /// The embedded lexicon, parsed once.
    #[must_use]
    pub fn embedded() -> &'static EventLexicon {
        static LEXICON: OnceLock<EventLexicon> = OnceLock::new();
        LEXICON.get_or_init(|| {
            let mut lex = EventLexicon::parse(TRIGGERS, INTENT, MODALITY);
            // PETRARCH2's patterns after Dateline's own rows.
            lex.add_triggers(PETRARCH_VERBS, "petrarch-verbs.tsv");
            lex.support = words(SUPPORT_VERBS);
            lex.refusal = prefix_table(REFUSAL);
            lex.governing = rows(GOVERNING_MODALITY)
                .filter_map(|r| Some(((*r.first()?).to_owned(), modality(r.get(1)?)?)))
                .collect();
            lex.org_references = words(ORG_REFERENCES);
            lex.event_references = words(EVENT_REFERENCES);
            // One-word nouns: the actor finder reads a noun phrase by its head word.
            lex.agents = rows(AGENTS)
                .filter(|r| r.first().is_some_and(|n| !n.contains(' ')))
                .filter_map(|r| {
                    let noun = AgentNoun {
                        role: (*r.get(1)?).to_owned(),
                        person: r.get(2) == Some(&"person"),
                    };
                    Some((r.first()?.to_lowercase(), noun))
                })
                .collect();
            lex
        })
    }

    fn parse(triggers: &str, intent: &str, modality_words: &str) -> EventLexicon {
        let mut lex = EventLexicon::default();
        // Dateline's own rows first: for a word both list, they are tried first.
        lex.add_triggers(triggers, TRIGGERS_FILE);
        lex.intent = prefix_table(intent);
        for r in rows(modality_words) {
            let (Some(phrase), Some(kind)) = (r.first(), r.get(1).and_then(|m| modality(m))) else {
                continue;
            };
            let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
            if let Some(first) = words.first().cloned() {
                lex.modality.entry(first).or_default().push((words, kind));
            }
        }
        lex
    }

    /// Appends the trigger rows of `text`, read from the data file `file`; for a word that
    /// earlier rows also list, they are tried after those.
    fn add_triggers(&mut self, text: &str, file: &'static str) {
        for row in rows(text).filter_map(|cols| trigger(&cols, file)) {
            let Some(first) = row.words.first().cloned() else {
                continue;
            };
            let index = match row.pos {
                TriggerPos::Verb => &mut self.verbs,
                TriggerPos::Noun => &mut self.nouns,
            };
            index.entry(first).or_default().push(self.triggers.len());
            self.triggers.push(row);
        }
    }

    /// Number of trigger rows.
    #[must_use]
    pub fn len(&self) -> usize {
        self.triggers.len()
    }

    /// Whether there are no trigger rows.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.triggers.is_empty()
    }

    /// All trigger rows.
    #[must_use]
    pub fn triggers(&self) -> &[Trigger] {
        &self.triggers
    }

    /// Rows whose first word is the verb lemma `lemma`, in file order.
    pub fn verb_rows(&self, lemma: &str) -> impl Iterator<Item = &Trigger> {
        self.rows_of(&self.verbs, lemma)
    }

    /// Rows whose first word is the lowercase noun `word` or its singular, in file order.
    pub fn noun_rows(&self, word: &str) -> impl Iterator<Item = &Trigger> {
        let exact = self.nouns.get(word);
        let ids = match exact {
            Some(ids) => ids.as_slice(),
            None => singular(word)
                .and_then(|s| self.nouns.get(&s))
                .map_or(&[][..], Vec::as_slice),
        };
        ids.iter().filter_map(|&i| self.triggers.get(i))
    }

    fn rows_of<'a>(
        &'a self,
        index: &'a FxHashMap<String, Vec<usize>>,
        key: &str,
    ) -> impl Iterator<Item = &'a Trigger> {
        index
            .get(key)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter_map(|&i| self.triggers.get(i))
    }

    /// The code of an intention to do `code` (`072` → `0332`), if the act is one CAMEO codes
    /// intentions for.
    #[must_use]
    pub fn intent_code(&self, code: &str) -> Option<&str> {
        by_prefix(&self.intent, code)
    }

    /// The CAMEO code of refusing the act of `code` (`refusal.tsv`: "refused to release" →
    /// 1243), if refusing it is a rejection.
    #[must_use]
    pub fn refusal_code(&self, code: &str) -> Option<&str> {
        by_prefix(&self.refusal, code)
    }

    /// Generic nouns that refer back to the last event reported (`move`, `decision`).
    #[must_use]
    pub fn is_event_reference(&self, noun: &str) -> bool {
        self.event_references.iter().any(|n| n == noun)
    }

    /// Nouns that after "the" refer back to the last organisation named (`group`).
    #[must_use]
    pub fn org_references(&self) -> &[String] {
        &self.org_references
    }

    /// Agent nouns (`army`) and their role codes (`MIL`).
    #[must_use]
    pub fn agents(&self) -> &FxHashMap<String, AgentNoun> {
        &self.agents
    }

    /// Whether `lemma` is a support verb, whose object noun names the event (`staged an
    /// incursion`).
    #[must_use]
    pub fn is_support_verb(&self, lemma: &str) -> bool {
        self.support.iter().any(|v| v == lemma)
    }

    /// Modality phrases that start with `word` (lowercase surface or lemma), each with its
    /// words and modality.
    pub fn modality_phrases(&self, word: &str) -> impl Iterator<Item = &(Vec<String>, Modality)> {
        self.modality.get(word).into_iter().flatten()
    }

    /// The modality a verb of lemma `lemma` gives the infinitive it controls ("threatened to
    /// strike": intended), if it gives one.
    #[must_use]
    pub fn governing_modality(&self, lemma: &str) -> Option<Modality> {
        self.governing.get(lemma).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROWS: &str = "# comment\n\
        send\tV\t072\tAID\tmilitary\tto\tobj=troop|weapon\n\
        send\tV\t073\t-\t-\tto\tobj=aid\n\
        deploy\tV\t072\t-\t-\tto|in\ttarget\n\
        deploy\tV\t152\t-\t-\t-\tnotarget\n\
        air strike\tN\t195\t-\t-\ton|against\t-\n\
        call on\tV\t025\t-\t-\tobj\t-\n\
        broken row\n";

    #[test]
    fn parses_rows_in_file_order() {
        let lex = EventLexicon::parse(
            ROWS,
            "07\t033\n072\t0332\n",
            "if\tconditional\nset to\tintended\n",
        );
        assert_eq!(lex.len(), 6);
        let send: Vec<&str> = lex.verb_rows("send").map(|t| t.cameo.as_str()).collect();
        assert_eq!(send, ["072", "073"]);
        let first = lex.verb_rows("send").next().unwrap();
        assert_eq!(
            first.need,
            Need::Words(vec!["troop".into(), "weapon".into()])
        );
        assert_eq!(first.plover.as_deref(), Some("AID"));
        assert_eq!(first.mode.as_deref(), Some("military"));
        let deploy: Vec<&Need> = lex.verb_rows("deploy").map(|t| &t.need).collect();
        assert_eq!(deploy, [&Need::Target, &Need::NoTarget]);
        let call = lex.verb_rows("call").next().unwrap();
        assert!(call.object && call.takes_target());
        assert_eq!(call.words, ["call", "on"]);
        let strike = lex.noun_rows("air").next().unwrap();
        assert_eq!(strike.preps, ["on", "against"]);
        assert_eq!(lex.verb_rows("broken").count(), 0);
        assert_eq!(lex.intent_code("072"), Some("0332"));
        assert_eq!(lex.intent_code("073"), Some("033"));
        assert_eq!(lex.intent_code("190"), None);
        assert_eq!(
            lex.modality_phrases("set").next().unwrap().1,
            Modality::Intended
        );
    }

    #[test]
    fn nouns_match_their_plural() {
        let lex = EventLexicon::parse(
            "attack\tN\t190\t-\t-\ton\t-\ncasualty\tN\t180\t-\t-\t-\t-\n",
            "",
            "",
        );
        assert_eq!(lex.noun_rows("attacks").count(), 1);
        assert_eq!(lex.noun_rows("casualties").count(), 1);
        assert_eq!(lex.noun_rows("attack").count(), 1);
        assert_eq!(lex.noun_rows("class").count(), 0);
    }

    #[test]
    fn embedded_lexicon_is_valid() {
        let lex = EventLexicon::embedded();
        let codes = super::super::cameo::CameoCodes::embedded();
        assert!(lex.len() > 200, "{} rows", lex.len());
        for t in lex.triggers() {
            assert!(codes.contains(&t.cameo), "{:?} has unknown code", t.words);
        }
        for (_, code) in &lex.intent {
            assert!(codes.contains(code), "intent code {code}");
        }
    }
}
