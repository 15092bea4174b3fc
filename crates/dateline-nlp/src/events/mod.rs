//! The events stage (ARCHITECTURE.md layer 6): who did what to whom, coded in CAMEO and PLOVER.
//!
//! Each sentence is scanned for trigger verbs and nouns from the event lexicon
//! (`resources/events/triggers.tsv`); a trigger's source and target come from the entity layer
//! ([`arguments`]), its modality from the words before it and the quotes layer ([`modality`]),
//! and its Goldstein value, QuadClass and PLOVER type from the CAMEO tables ([`cameo`]). Dates and
//! places are added by the time/geo stage that follows.

mod actors;
mod arguments;
pub mod cameo;
pub(crate) mod function_words;
pub mod lexicon;
mod modality;
mod obligation;
mod sides;
mod timegeo;

use dateline_core::{Document, EntityType, Event, Modality, Participant, Plover, Stage};

use actors::{ActorMention, Actors};
use arguments::{Arguments, AtHome, Scope, TokenSpan};
pub use cameo::CameoCodes;
use function_words::Class;
use lexicon::{EventLexicon, Need, Trigger, TriggerPos};

/// How many tokens after a trigger an object word (`needs obj=…`) may appear.
const OBJECT_WORDS: usize = 12;
/// How many tokens before a trigger an object word may appear ("the treaty they signed").
const OBJECT_BEFORE: usize = 10;
/// How many tokens may separate the words of a verb phrase (`called repeatedly on`).
const PHRASE_GAP: usize = 3;

/// The events stage.
#[derive(Debug)]
pub struct EventStage {
    lexicon: &'static EventLexicon,
    codes: &'static CameoCodes,
    dating: timegeo::Dating,
}

impl Default for EventStage {
    fn default() -> Self {
        EventStage {
            lexicon: EventLexicon::embedded(),
            codes: CameoCodes::embedded(),
            dating: timegeo::Dating::embedded(),
        }
    }
}

impl EventStage {
    /// The resources argument finding reads.
    fn lookups(&self) -> arguments::Lookups<'static> {
        arguments::Lookups {
            lexicon: self.lexicon,
            geo: self.dating.geocoder(),
        }
    }
}

impl Stage for EventStage {
    fn name(&self) -> &'static str {
        "events"
    }

    fn run(&self, doc: &mut Document) {
        let actors = Actors::new(doc, self.lexicon.agents(), self.lexicon.org_references());
        let quotes = QuoteIndex::new(doc, &actors);
        let mut events = Vec::new();
        for (s, sentence) in doc.sentences.iter().enumerate() {
            let range = sentence.token_range();
            for i in range.clone() {
                if actors.at(i).is_none() {
                    self.code_trigger(doc, &actors, &quotes, i, range.clone(), s, &mut events);
                }
            }
            self.code_obligations(doc, &actors, &quotes, range, s, &mut events);
        }
        dedupe(&mut events);
        doc.events = events;
        self.dating.date_and_place(doc);
    }
}

/// Keeps the first of events with the same source state, target state and root: an article that
/// reports an event again ("North Korea's deployment", "North Korean troops deployed to Russia")
/// reports one event. It runs before dating and placing, whose cost grows with the number of
/// events times the number of place mentions (a run-on "sentence" of a million words repeats
/// thousands of events).
fn dedupe(events: &mut Vec<Event>) {
    // Actors compared by state ("North Korea" and "North Korean forces" are one), and by side
    // within it (the U.N. urging a government and urging its rebels are two events); by full
    // code when both sides are of one state (a government and its rebels).
    let state = |p: &Option<Participant>| {
        let code = p
            .as_ref()
            .and_then(|p| p.actor.as_deref())
            .unwrap_or_default();
        let opposing = matches!(code.get(3..6), Some("REB" | "OPP"));
        format!(
            "{}{}",
            dateline_core::actor_state(code),
            if opposing { "~" } else { "" }
        )
    };
    let key = |e: &Event| {
        let (s, t) = (state(&e.source), state(&e.target));
        if s == t {
            let full = |p: &Option<Participant>| {
                p.as_ref().and_then(|p| p.actor.clone()).unwrap_or_default()
            };
            (full(&e.source), full(&e.target), e.cameo_root.clone())
        } else {
            (s, t, e.cameo_root.clone())
        }
    };

    let mut seen = rustc_hash::FxHashSet::default();
    events.retain(|e| seen.insert(key(e)));
}

/// The quotes layer by token: which quote's content covers a token, which quote a cue token
/// introduces.
struct QuoteIndex {
    /// For each token, the quote whose content covers it (the innermost).
    content: Vec<Option<usize>>,
    /// For each token, the quote it is the cue of.
    cue: Vec<Option<usize>>,
    /// For each quote, its speaker as an actor mention.
    speakers: Vec<Option<ActorMention>>,
}

impl QuoteIndex {
    fn new(doc: &Document, actors: &Actors) -> QuoteIndex {
        let n = doc.tokens.len();
        let mut content = vec![None; n];
        let mut cue = vec![None; n];
        let mut order: Vec<usize> = (0..doc.quotes.len()).collect();
        // Wider quotes first, so that inner ones overwrite them.
        order.sort_by_key(|&q| std::cmp::Reverse(doc.quotes[q].span.len()));
        for q in order {
            let quote = &doc.quotes[q];
            for slot in content
                .get_mut(doc.token_range(quote.span))
                .into_iter()
                .flatten()
            {
                *slot = Some(q);
            }
            if let Some(c) = quote.cue {
                for slot in cue.get_mut(doc.token_range(c)).into_iter().flatten() {
                    *slot = Some(q);
                }
            }
        }
        let speakers = doc
            .quotes
            .iter()
            .map(|q| {
                let Some(entity) = q.speaker else {
                    return agent_speaker(doc, actors, q);
                };
                actors.code(doc, entity)?;
                let span = q
                    .speaker_mention
                    .or_else(|| doc.entities.get(entity as usize)?.mentions.first().copied())?;
                let range = doc.token_range(span);
                Some(ActorMention {
                    start: range.start,
                    end: range.end,
                    entity,
                    span,
                })
            })
            .collect();
        QuoteIndex {
            content,
            cue,
            speakers,
        }
    }
}

/// How many tokens around a quote's cue an unnamed speaker is looked for.
const SPEAKER_REACH: usize = 12;

/// The agent a quote's unnamed speaker is ("Chilean officials said", "said Syrian rebels"): the
/// agent mention near its cue whose words its description holds.
fn agent_speaker(
    doc: &Document,
    actors: &Actors,
    q: &dateline_core::Quote,
) -> Option<ActorMention> {
    let described = q.speaker_description.as_deref()?;
    let cue = doc.token_range(q.cue?);
    let lo = cue.start.saturating_sub(SPEAKER_REACH);
    actors
        .right_of(lo, cue.end + SPEAKER_REACH)
        .filter(|m| actors.entity(m.entity).is_none())
        .find(|m| described.contains(doc.slice(m.span)))
        .copied()
}

impl EventStage {
    /// The rows that match at token `i`, each with the token after its last word.
    fn candidates(&self, doc: &Document, i: usize, hi: usize) -> Vec<(&'static Trigger, usize)> {
        let Some(pos) = doc.tokens.get(i).and_then(|t| t.pos) else {
            return Vec::new();
        };
        // "accused Croatia of forming an alliance": a named act, not one done.
        let named = pos == dateline_core::Pos::VBG
            && i.checked_sub(1)
                .is_some_and(|k| function_words::is(Class::Naming, doc.view().lower(k)));
        let rows: Vec<&'static Trigger> = if named {
            Vec::new()
        } else if pos.is_verb() {
            doc.lemma(i)
                .map(|l| {
                    let rows: Vec<&'static Trigger> = self.lexicon.verb_rows(l).collect();
                    if rows.is_empty() {
                        // An unknown verb's guessed lemma may lack its final e ("lodged" → lodg).
                        self.lexicon.verb_rows(&format!("{l}e")).collect()
                    } else {
                        rows
                    }
                })
                .unwrap_or_default()
        } else if matches!(pos, dateline_core::Pos::NN | dateline_core::Pos::NNS) {
            self.lexicon.noun_rows(doc.view().lower(i)).collect()
        } else {
            Vec::new()
        };
        // The verb's dependents after it, read once for all its `dep=` rows (a verb such as
        // "take" has hundreds).
        let mut dependents: Option<Vec<(usize, &str)>> = None;
        rows.into_iter()
            .filter_map(|row| {
                let end = phrase_end(doc, row, i, hi)?;
                let ok = match &row.need {
                    // After the trigger, or just before it ("the treaty they signed").
                    Need::Words(stems) => (i.saturating_sub(OBJECT_BEFORE)..i)
                        .chain(end..hi.min(end + OBJECT_WORDS))
                        .any(|k| {
                            let w = doc.view().lower(k);
                            stems.iter().any(|s| w.starts_with(s.as_str()))
                        }),
                    Need::Dependent(stems) => {
                        let words = dependents.get_or_insert_with(|| {
                            doc.view()
                                .dependents(i, i + 1..hi.min(i + 1 + OBJECT_WORDS + 2 * PHRASE_GAP))
                                .map(|k| (k, doc.view().lower(k)))
                                .collect()
                        });
                        words.iter().any(|&(k, w)| {
                            k >= end
                                && k < end + OBJECT_WORDS
                                && stems.iter().any(|s| w.starts_with(s.as_str()))
                        })
                    }
                    _ => true,
                };
                ok.then_some((row, end))
            })
            .collect()
    }

    #[allow(clippy::too_many_arguments)]
    fn code_trigger(
        &self,
        doc: &Document,
        actors: &Actors,
        quotes: &QuoteIndex,
        i: usize,
        sentence: std::ops::Range<usize>,
        s: usize,
        events: &mut Vec<Event>,
    ) {
        // "accused X of …, and called for …": a verb coordinated with a cue is the speaker's
        // own next act, not part of what the cue reports, whatever the quote's extent.
        let view = doc.view();
        // A coordinated predicate: joined by its own conjunction, with no subject of its own
        // ("…, and fishermen protested" is a clause of its own).
        let joined = || {
            view.dependents(i, i.saturating_sub(3)..i)
                .any(|k| view.relation(k) == Some("cc"))
                && !view
                    .dependents(i, i.saturating_sub(arguments::PARSE_REACH)..i)
                    .any(|k| view.relation(k) == Some("nsubj"))
        };
        let next_act_of = view
            .head(i)
            .filter(|_| view.relation(i) == Some("conj"))
            .and_then(|h| quotes.cue.get(h).copied().flatten())
            .filter(|&q| doc.quotes[q].kind == dateline_core::QuoteKind::Indirect)
            .filter(|_| joined());
        let cue_of = quotes.cue.get(i).copied().flatten().or(next_act_of);
        let inside = quotes
            .content
            .get(i)
            .copied()
            .flatten()
            .filter(|_| next_act_of.is_none());
        // Inside a quote, arguments come from the quote; a cue's source is its speaker.
        let scope = match inside {
            Some(q) => {
                let r = doc.token_range(doc.quotes[q].span);
                Scope {
                    lo: r.start.max(sentence.start),
                    hi: r.end.min(sentence.end),
                }
            }
            None => Scope {
                lo: sentence.start,
                hi: sentence.end,
            },
        };
        let speaker = cue_of.and_then(|q| quotes.speakers.get(q).copied().flatten());
        for (row, end) in self.candidates(doc, i, scope.hi) {
            let at = TokenSpan { start: i, end };
            let mut args = arguments::find(doc, self.lookups(), actors, row, at, scope, speaker);
            if let (true, Some(q)) = (args.sources.is_empty(), inside) {
                args = self.reported_arguments(doc, actors, quotes, row, at, &sentence, q);
            }
            if args.targets.is_empty() && row.object {
                // "called the deployment an escalation": the deployment's actor is the target.
                let context = (self.lexicon, actors, events.as_slice());
                args.targets
                    .extend(anaphoric_target(doc, context, &args, (end, scope.hi), s));
                let sources: Vec<u32> = args.sources.iter().map(|m| m.entity).collect();
                args.targets.retain(|t| !sources.contains(&t.entity));
            }
            let targeted =
                !args.targets.is_empty() || args.mutual || args.at_home == AtHome::OwnState;
            // `RUST_LOG=dateline_nlp::events=trace`: each row tried and what it found.
            tracing::trace!(
                trigger = doc.view().lower(i),
                cameo = row.cameo.as_str(),
                sources = ?args.sources.iter().map(|m| doc.slice(m.span)).collect::<Vec<_>>(),
                targets = ?args.targets.iter().map(|m| doc.slice(m.span)).collect::<Vec<_>>(),
                rule = args.rule.as_str(),
                "event row tried"
            );
            // A bare event noun ("the expected deployment") names no act on anyone; one a light
            // verb governs does ("students staged a protest"), as does one whose possessive or
            // adjective names its actor ("Egypt's release of the journalists"), unless a
            // determiner makes it refer back ("called the deployment …", "the North Korean
            // deployment").
            let acted = row.pos == TriggerPos::Verb
                || ((args.possessive
                    || arguments::support_verb(doc, self.lexicon, i, scope).is_some())
                    && !refers_back(doc, i, scope));
            if !targeted && !acted {
                continue;
            }
            let ok = match row.need {
                Need::Target => targeted,
                Need::NoTarget => !targeted,
                _ => targeted || !row.takes_target(),
            };
            if args.sources.is_empty() || !ok {
                continue;
            }
            // A noun's modality is marked around its support verb ("ordered … to call a meeting").
            let head = match row.pos {
                TriggerPos::Noun => {
                    arguments::support_verb(doc, self.lexicon, i, scope).unwrap_or(i)
                }
                TriggerPos::Verb => i,
            };
            let reported = inside.filter(|_| cue_of.is_none());
            let marked = match modality::marked(doc, self.lexicon, scope.lo, head) {
                Some(Modality::Hypothetical)
                    if reported.is_some() && modality::backshifted(doc, scope.lo, head) =>
                {
                    Some(Modality::Intended)
                }
                None => modality::governed(doc, self.lexicon, head),
                m => m,
            };
            let modality = marked.unwrap_or(if reported.is_some() {
                Modality::Reported
            } else {
                Modality::Asserted
            });
            let quoted_by = reported.and_then(|q| doc.quotes[q].speaker);
            self.emit(doc, actors, row, at, s, modality, quoted_by, &args, events);
            return;
        }
    }

    /// Demands stated as obligations in reported speech ([`obligation`]), coded by the row of
    /// the modal (`must`) in the lexicon.
    fn code_obligations(
        &self,
        doc: &Document,
        actors: &Actors,
        quotes: &QuoteIndex,
        sentence: std::ops::Range<usize>,
        s: usize,
        events: &mut Vec<Event>,
    ) {
        for found in obligation::find(doc, actors, quotes, sentence) {
            let modal = doc.view().lower(found.modal);
            let Some(row) = self.lexicon.verb_rows(modal).next() else {
                continue;
            };
            let speaker = doc.quotes.get(found.quote).and_then(|q| q.speaker);
            self.emit(
                doc,
                actors,
                row,
                found.at,
                s,
                Modality::Reported,
                speaker,
                &found.args,
                events,
            );
        }
    }

    /// Arguments of a trigger inside quote `q` that names no actor before it: those of the
    /// whole sentence (the quotes layer may end a clause early: "said that … and accused
    /// Russia"), else, when a pronoun stands for the speaker ("said it is considering
    /// sending …"), the speaker.
    #[allow(clippy::too_many_arguments)]
    fn reported_arguments(
        &self,
        doc: &Document,
        actors: &Actors,
        quotes: &QuoteIndex,
        row: &Trigger,
        at: TokenSpan,
        sentence: &std::ops::Range<usize>,
        q: usize,
    ) -> arguments::Arguments {
        let wide = Scope {
            lo: sentence.start,
            hi: sentence.end,
        };
        let args = arguments::find(doc, self.lookups(), actors, row, at, wide, None);
        if !args.sources.is_empty() {
            return args;
        }
        let start = doc.token_range(doc.quotes[q].span).start;
        let pronoun = (start.max(at.start.saturating_sub(3))..at.start)
            .any(|k| function_words::is(Class::Pronoun, doc.view().lower(k)));
        let speaker = quotes.speakers.get(q).copied().flatten();
        match speaker.filter(|_| pronoun) {
            Some(s) => arguments::find(doc, self.lookups(), actors, row, at, wide, Some(s)),
            None => args,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn emit(
        &self,
        doc: &Document,
        actors: &Actors,
        row: &Trigger,
        at: TokenSpan,
        sentence: usize,
        modality: Modality,
        speaker: Option<u32>,
        args: &Arguments,
        events: &mut Vec<Event>,
    ) {
        let code = match modality {
            Modality::Intended => self.lexicon.intent_code(&row.cameo).unwrap_or(&row.cameo),
            Modality::Negated => self.lexicon.refusal_code(&row.cameo).unwrap_or(&row.cameo),
            _ => &row.cameo,
        };
        let mut plover = self.codes.plover(code);
        if code == row.cameo {
            if let Some(p) = plover.as_mut() {
                if let Some(kind) = &row.plover {
                    p.kind.clone_from(kind);
                }
                if row.mode.is_some() {
                    p.mode.clone_from(&row.mode);
                }
            } else if let Some(kind) = &row.plover {
                plover = Some(Plover {
                    kind: kind.clone(),
                    mode: row.mode.clone(),
                    context: Vec::new(),
                });
            }
        }
        let (Some(first), Some(last)) = (doc.tokens.get(at.start), doc.tokens.get(at.end - 1))
        else {
            return;
        };
        let trigger = first.span.cover(last.span);
        let participant = |m: &ActorMention| Participant {
            entity: actors.entity(m.entity),
            actor: actors.code(doc, m.entity).map(str::to_owned),
            span: Some(m.span),
        };
        let targets: Vec<Option<&ActorMention>> = if args.targets.is_empty() {
            vec![None]
        } else {
            args.targets.iter().map(Some).collect()
        };
        let confidence = confidence(row, args, modality);
        let pos = match row.pos {
            TriggerPos::Verb => "verb",
            TriggerPos::Noun => "noun",
        };
        let rule = format!(
            "{pos} \"{}\" → {} ({}); {}",
            row.words.join(" "),
            row.cameo,
            row.file,
            args.rule
        );
        for source in &args.sources {
            let others: Vec<Option<&ActorMention>> = args
                .sources
                .iter()
                .filter(|o| o.entity != source.entity)
                .map(Some)
                .collect();
            let targets = if args.mutual { &others } else { &targets };
            // A protest or arrest at home with no target named: the source's own state.
            let own_state = (args.at_home == AtHome::OwnState).then(|| Participant {
                entity: None,
                actor: actors
                    .code(doc, source.entity)
                    .map(|c| dateline_core::actor_state(c).to_owned()),
                span: None,
            });
            for target in targets {
                let within = |t: &ActorMention| same_state(doc, actors, source.entity, t.entity);
                if args.at_home == AtHome::No && target.is_some_and(within) {
                    continue;
                }
                events.push(Event {
                    source: Some(participant(source)),
                    target: target.map(participant).or_else(|| own_state.clone()),
                    cameo: code.to_owned(),
                    cameo_root: code.get(..2).unwrap_or_default().to_owned(),
                    goldstein: self.codes.goldstein(code).unwrap_or_default(),
                    quad_class: CameoCodes::quad_class(code).unwrap_or_default(),
                    plover: plover.clone(),
                    date: None,
                    place: None,
                    modality,
                    sentence: sentence as u32,
                    speaker,
                    trigger,
                    confidence,
                    rule: Some(rule.clone()),
                });
            }
        }
    }
}

/// The actor of an earlier event that a definite object noun refers back to (`condemned the
/// attack`, `called the deployment an escalation`, `criticized the move`), or that the noun
/// before the subject refers to when the verb has no object after it ("…, a move the White
/// House immediately condemned").
fn anaphoric_target(
    doc: &Document,
    (lex, actors, events): (&EventLexicon, &Actors, &[Event]),
    args: &arguments::Arguments,
    (end, hi): (usize, usize),
    sentence: usize,
) -> Option<ActorMention> {
    let is_noun = |k: usize| {
        matches!(
            doc.tokens.get(k).and_then(|t| t.pos),
            Some(dateline_core::Pos::NN | dateline_core::Pos::NNS)
        )
    };
    let definite = |k: usize| {
        k.checked_sub(1)
            .is_some_and(|d| function_words::is(Class::Definite, doc.view().lower(d)))
    };
    let after = (end..hi.min(end + 4))
        .find(|&k| is_noun(k))
        .filter(|&k| definite(k));
    let before = || {
        let subject = args.sources.first()?;
        let next = doc.view().lower(end);
        let bare = end >= hi || matches!(next, "." | "," | ";");
        let lo = subject.start.saturating_sub(3);
        (lo..subject.start)
            .rev()
            .find(|&k| is_noun(k) && definite(k))
            .filter(|_| bare)
    };
    let noun = after.or_else(before)?;
    let w = doc.view().lower(noun);
    let generic = lex.is_event_reference(w);
    // A generic "the move" refers to an event of this sentence or the one before.
    let same = |e: &&Event| {
        (generic && e.sentence as usize + 1 >= sentence)
            || lexicon::same_noun(&doc.slice(e.trigger).to_lowercase(), w)
    };
    let Some(latest) = events.iter().rev().find(same) else {
        // No event was coded from it: an earlier mention of the same noun with its actor
        // ("a Turkish drone strike killed …" before "called the strike a violation").
        return (!generic)
            .then(|| earlier_mention(doc, actors, noun, w))
            .flatten();
    };
    // Of the events one trigger coded ("Putin and Crimean leaders signed"), the first source.
    let earlier = events.iter().find(|e| e.trigger == latest.trigger)?;
    let source = earlier.source.as_ref()?;
    let span = source.span?;
    let range = doc.token_range(span);
    Some(ActorMention {
        start: range.start,
        end: range.end,
        entity: source.entity?,
        span,
    })
}

/// The actor named by the possessive or adjective of the nearest earlier mention of the noun
/// `word` (singular or plural) before token `noun`, in its own sentence or an earlier one.
fn earlier_mention(
    doc: &Document,
    actors: &Actors,
    noun: usize,
    word: &str,
) -> Option<ActorMention> {
    let view = doc.view();
    let matches = |k: usize| lexicon::same_noun(view.lower(k), word);
    doc.sentences
        .iter()
        .map(dateline_core::Sentence::token_range)
        .filter(|r| r.start < noun)
        .rev()
        .find_map(|r| {
            let scope = arguments::Scope {
                lo: r.start,
                hi: r.end,
            };
            (r.start..r.end.min(noun))
                .rev()
                .filter(|&k| matches(k))
                .find_map(|k| arguments::modifier(doc, actors, k, scope))
        })
}

/// Whether the noun at token `noun` refers to something already known by the determiner that
/// opens its phrase ("the deployment", "their protest", "the expected North Korean deployment").
fn refers_back(doc: &Document, noun: usize, scope: arguments::Scope) -> bool {
    use dateline_core::Pos;
    let view = doc.view();
    for k in (scope.lo.max(noun.saturating_sub(6))..noun).rev() {
        match view.pos(k) {
            Some(Pos::DT | Pos::PRPS) => {
                return function_words::is(Class::Referring, view.lower(k));
            }
            Some(
                Pos::JJ
                | Pos::JJR
                | Pos::JJS
                | Pos::VBN
                | Pos::VBG
                | Pos::NN
                | Pos::NNS
                | Pos::NNP
                | Pos::CD,
            ) => {}
            _ => return false,
        }
    }
    false
}

/// Whether two actors are one state, both named as a whole as a place or nationality ("Sudan"
/// and "Sudanese"): an event between them is not one between two actors. A part of a state
/// acting on the whole is an event, as CAMEO coders code it (a president lifting a curfew in
/// his country: `SDNGOV` → `SDN`); so are sides within a state (`SSDGOV`, `SSDREB`).
fn same_state(doc: &Document, actors: &Actors, a: u32, b: u32) -> bool {
    let whole = |id: u32| {
        actors.code(doc, id).is_some_and(|c| c.len() == 3)
            && actors
                .entity(id)
                .and_then(|e| doc.entities.get(e as usize))
                .is_some_and(|e| matches!(e.kind, EntityType::Gpe | EntityType::Norp))
    };
    match (actors.code(doc, a), actors.code(doc, b)) {
        (Some(x), Some(y)) => x.get(..3) == y.get(..3) && whole(a) && whole(b),
        _ => false,
    }
}

/// A rough confidence: higher when the pattern is specific and both actors were found.
fn confidence(row: &Trigger, args: &Arguments, modality: Modality) -> f32 {
    let mut c: f32 = 0.6;
    if !args.targets.is_empty() {
        c += 0.2;
    }
    if matches!(row.need, Need::Words(_) | Need::Dependent(_)) || row.words.len() > 1 {
        c += 0.1;
    }
    if !matches!(modality, Modality::Asserted | Modality::Reported) {
        c -= 0.1;
    }
    c.clamp(0.0, 1.0)
}

/// The token after the last word of `row`'s phrase when it matches at `i`: a verb's particles
/// may follow within a few tokens; a noun phrase's words follow directly, the last one perhaps
/// plural.
fn phrase_end(doc: &Document, row: &Trigger, i: usize, hi: usize) -> Option<usize> {
    let mut end = i + 1;
    let rest = row.words.get(1..).unwrap_or_default();
    for (k, want) in rest.iter().enumerate() {
        let gap = match row.pos {
            TriggerPos::Verb => PHRASE_GAP,
            TriggerPos::Noun => 1,
        };
        let last = k + 1 == rest.len();
        let found = (end..hi.min(end + gap)).find(|&j| {
            let w = doc.view().lower(j);
            w == *want || (last && lexicon::singular(w).as_deref() == Some(want.as_str()))
        })?;
        end = found + 1;
    }
    if row.pos == TriggerPos::Noun && rest.is_empty() {
        // A single noun heads its phrase only when no noun follows it ("attack helicopter").
        let next = doc.tokens.get(end).and_then(|t| t.pos);
        if matches!(next, Some(dateline_core::Pos::NN | dateline_core::Pos::NNS)) {
            return None;
        }
    }
    Some(end)
}

#[cfg(test)]
mod tests;
