//! Titles and nationality around person names: "U.S. Defense Secretary Lloyd Austin", "Russian
//! President Vladimir Putin", "Kim Yong-hyun, South Korea's defence minister". They give the
//! person's role and country, and titles inside a name span are cut off the name.

use std::sync::LazyLock;

use dateline_core::{ActorSource, EntityType};

use super::mentions::Mention;
use crate::gazetteer::{EntryKind, Gazetteer};

/// How far from a name evidence is looked for, in tokens.
const WINDOW: usize = 7;

const TITLE_WORDS: &str = include_str!("../../resources/lexicon/title-words.tsv");

/// The word classes of `title-words.tsv`.
#[derive(Debug, Default)]
struct TitleWords {
    /// Words that may sit between a nationality and a title (`Russia's President`, `his former`).
    fillers: Vec<&'static str>,
    /// Courtesy titles: cut off a name, but they say nothing about the role.
    honorifics: Vec<&'static str>,
    /// Words that make the title a former one (CAMEO `ELI`).
    former: Vec<&'static str>,
    /// Prepositions that may follow a description before the comma (`at the Pentagon`).
    tail: Vec<&'static str>,
}

static WORDS: LazyLock<TitleWords> = LazyLock::new(|| {
    let mut words = TitleWords::default();
    for row in crate::data::rows(TITLE_WORDS) {
        let list = match row.get(1).copied() {
            Some("filler") => &mut words.fillers,
            Some("honorific") => &mut words.honorifics,
            Some("former") => &mut words.former,
            Some("tail") => &mut words.tail,
            _ => continue,
        };
        list.push(row[0]);
    }
    words
});

/// What a run of words says about a person.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Evidence {
    honorific: bool,
    country: Option<String>,
    organisation: Option<String>,
    title: Option<String>,
    role_code: Option<String>,
}

/// Parses `words` entirely as nationality, title and filler words; `None` when some word is none
/// of these or nothing useful was found.
fn parse(words: &[&str], gazetteer: &Gazetteer) -> Option<Evidence> {
    let mut ev = Evidence::default();
    let lists = &*WORDS;
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        let is = |list: &[&str], w: &str| list.iter().any(|l| l.eq_ignore_ascii_case(w));
        if is(&lists.former[..], word.trim_end_matches('-')) {
            ev.role_code = Some("ELI".into());
            i += 1;
            continue;
        }
        if is(&lists.honorifics[..], word) {
            ev.honorific = true;
            i += 1;
            continue;
        }
        if is(&lists.fillers[..], word) {
            i += 1;
            continue;
        }
        let (len, ids) = gazetteer.longest_at(words, i)?;
        // A capital stands for its state only as a possessive ("Moscow's envoy").
        let possessive = matches!(words.get(i + len), Some(&("'s" | "’s")));
        let entry = ids
            .iter()
            .map(|&id| gazetteer.entry(id))
            .find(|e| e.kind != EntryKind::Capital || possessive)?;
        match entry.kind {
            EntryKind::Title => {
                ev.title = Some(words[i..i + len].join(" ").to_lowercase());
                if ev.role_code.as_deref() != Some("ELI") {
                    ev.role_code.clone_from(&entry.actor);
                }
            }
            // "State Department spokeswoman", "U.N. Secretary-General": the body's code.
            EntryKind::Institution | EntryKind::Organisation => {
                ev.organisation.clone_from(&entry.actor);
                if ev.country.is_none() {
                    ev.country.clone_from(&entry.country);
                }
            }
            EntryKind::Region => return None,
            EntryKind::Country | EntryKind::Demonym | EntryKind::Capital => {
                ev.country.clone_from(&entry.country);
            }
        }
        i += len;
    }
    (ev.title.is_some() || ev.country.is_some() || ev.organisation.is_some() || ev.honorific)
        .then_some(ev)
}

fn apply(m: &mut Mention, ev: Evidence) {
    if ev.role_code.as_deref() == Some("ELI") {
        m.role_code = Some("ELI".into());
    }
    if m.organisation.is_none() {
        m.organisation = ev.organisation;
    }
    if m.country.is_none() {
        m.country = ev.country;
    }
    if m.role.is_none() {
        m.role = ev.title;
    }
    if m.role_code.is_none() {
        m.role_code = ev.role_code;
    }
}

/// Cuts titles and nationality off the front of a person mention (the corpus the recogniser
/// learnt from puts them inside the name) and takes them as evidence.
fn strip_inside(
    m: &mut Mention,
    words: &[&str],
    spans: &[dateline_core::Span],
    gazetteer: &Gazetteer,
) {
    let mut best = None;
    for cut in (m.first + 1..m.end).rev() {
        if let Some(ev) = parse(&words[m.first..cut], gazetteer) {
            best = Some((cut, ev));
            break;
        }
    }
    if let Some((cut, ev)) = best {
        m.first = cut;
        m.span = spans[cut].cover(spans[m.end - 1]);
        m.name = words[cut..m.end].join(" ");
        apply(m, ev);
    }
}

/// Evidence in the words right before the name (`U.S. Defense Secretary` Lloyd Austin).
fn before(m: &Mention, words: &[&str], gazetteer: &Gazetteer) -> Option<Evidence> {
    let lo = m.first.saturating_sub(WINDOW);
    (lo..m.first).find_map(|start| parse(&words[start..m.first], gazetteer))
}

/// Evidence in an apposition after the name (Kim Yong-hyun`, South Korea's defence minister`).
fn after(m: &Mention, words: &[&str], gazetteer: &Gazetteer) -> Option<Evidence> {
    if words.get(m.end) != Some(&",") {
        return None;
    }
    let start = m.end + 1;
    let hi = (start + WINDOW).min(words.len());
    (start + 1..=hi)
        .rev()
        .find_map(|end| parse(&words[start..end], gazetteer).filter(|ev| ev.title.is_some()))
}

/// Evidence in an `of` phrase after the name that is a country and nothing more
/// (Aram Khachatryan` of Armenia and` …): the person's country.
fn of_country(m: &Mention, words: &[&str], gazetteer: &Gazetteer) -> Option<Evidence> {
    if words.get(m.end) != Some(&"of") {
        return None;
    }
    let start = m.end + 1;
    (1..=3)
        .filter(|l| start + l <= words.len())
        .filter_map(|l| parse(&words[start..start + l], gazetteer))
        .find(|ev| ev.title.is_none() && ev.country.is_some() && ev.organisation.is_none())
}

/// Evidence in an apposition before the name (`his South Korean counterpart …,` Kim Yong-hyun):
/// a nationality and a title in the clause that ends with the comma before the name.
fn apposition_before(m: &Mention, words: &[&str], gazetteer: &Gazetteer) -> Option<Evidence> {
    if m.first == 0 || words[m.first - 1] != "," {
        return None;
    }
    let stop = m.first - 1;
    let lo = stop.saturating_sub(WINDOW + 2);
    // What may follow the description before the comma: nothing, or a place phrase
    // (`at the Pentagon`), never another clause or name.
    let tail_ok = |end: usize| {
        end == stop || (WORDS.tail.contains(&words[end]) && !words[end..stop].contains(&","))
    };
    (lo..stop).find_map(|start| {
        (start + 1..=stop)
            .rev()
            .filter(|&end| tail_ok(end))
            .find_map(|end| parse(&words[start..end], gazetteer))
            .filter(|ev| ev.title.is_some() && ev.country.is_some())
    })
}

/// Joins a person mention to the one right after it with no word between ("Mayor Ann" + "Lee",
/// once the first is known to be a person): the recogniser cut one name in two.
fn join_split_people(mentions: &mut Vec<Mention>, words: &[&str]) {
    let mut i = 0;
    while i + 1 < mentions.len() {
        let (a, b) = (&mentions[i], &mentions[i + 1]);
        let split = a.entity_type == EntityType::Person
            && b.entity_type == EntityType::Person
            && b.first == a.end
            && a.actor.is_none()
            && b.actor.is_none();
        if split {
            let b = mentions.remove(i + 1);
            let a = &mut mentions[i];
            a.span = a.span.cover(b.span);
            a.end = b.end;
            a.name = words[a.first..a.end].join(" ");
        } else {
            i += 1;
        }
    }
}

/// Joins a non-person mention to the person name right after it when together they start with a
/// title (`U.S. Defense` + `Secretary Lloyd Austin`): the recogniser sometimes splits them.
fn join_titles(mentions: &mut Vec<Mention>, words: &[&str], gazetteer: &Gazetteer) {
    let mut i = 0;
    while i + 1 < mentions.len() {
        let (left, right) = (&mentions[i], &mentions[i + 1]);
        let joins = left.entity_type != EntityType::Person
            && right.entity_type == EntityType::Person
            && left.end == right.first
            && (right.first + 1..right.end).any(|cut| {
                parse(&words[left.first..cut], gazetteer).is_some_and(|ev| ev.title.is_some())
            });
        if joins {
            let (first, span) = (left.first, left.span);
            let right = &mut mentions[i + 1];
            right.first = first;
            right.span = span.cover(right.span);
            mentions.remove(i);
        } else {
            i += 1;
        }
    }
}

/// Grows a person mention over capitalised title words the recogniser left outside it
/// ("Defense" + "Minister Kenji Sato"), so the whole title is read and cut off together.
fn absorb_title_words(
    mentions: &mut [Mention],
    words: &[&str],
    spans: &[dateline_core::Span],
    gazetteer: &Gazetteer,
) {
    let taken: Vec<(usize, usize)> = mentions.iter().map(|m| (m.first, m.end)).collect();
    let free = |i: usize| !taken.iter().any(|&(a, b)| a <= i && i < b);
    for m in mentions
        .iter_mut()
        .filter(|m| m.entity_type == EntityType::Person)
    {
        let mut first = m.first;
        while first > 0
            && free(first - 1)
            && words[first - 1].starts_with(char::is_uppercase)
            && first + 3 > m.first
        {
            first -= 1;
        }
        // Keep the growth only when the grown front reads as a title.
        let grown = (first < m.first)
            .then(|| {
                (m.first + 1..m.end).find(|&cut| {
                    parse(&words[first..cut], gazetteer).is_some_and(|ev| ev.title.is_some())
                })
            })
            .flatten();
        if grown.is_some() {
            m.first = first;
            m.span = spans[first].cover(spans[m.end - 1]);
        }
    }
}

/// Adds role and country evidence to every person mention of one sentence.
pub fn annotate(
    mentions: &mut Vec<Mention>,
    words: &[&str],
    spans: &[dateline_core::Span],
    gazetteer: &Gazetteer,
) {
    join_titles(mentions, words, gazetteer);
    absorb_title_words(mentions, words, spans, gazetteer);
    // A name the gazetteers do not know, right after a person's title, is a person ("ousted
    // leader Hosni Mubarak" tagged as a place).
    for m in mentions.iter_mut() {
        let unknown =
            m.entity_type != EntityType::Person && m.actor.is_none() && m.country.is_none();
        let titled = unknown
            && before(m, words, gazetteer).is_some_and(|ev| {
                ev.title.as_deref().is_some_and(|t| {
                    gazetteer
                        .lookup(&t.split(' ').collect::<Vec<_>>())
                        .any(|id| gazetteer.entry(id).person)
                })
            });
        // "Defence Minister Tomasz Wrzosek" tagged as an organisation: a person's title opens
        // the name and a name follows it.
        let opens_with_title = unknown
            && (m.first + 1..m.end).any(|split| {
                parse(&words[m.first..split], gazetteer).is_some_and(|ev| {
                    ev.organisation.is_none()
                        && ev.title.as_deref().is_some_and(|t| {
                            gazetteer
                                .lookup(&t.split(' ').collect::<Vec<_>>())
                                .any(|id| gazetteer.entry(id).person)
                        })
                })
            });
        if titled || opens_with_title {
            m.entity_type = EntityType::Person;
        }
    }
    join_split_people(mentions, words);
    for m in mentions
        .iter_mut()
        .filter(|m| m.entity_type == EntityType::Person)
    {
        strip_inside(m, words, spans, gazetteer);
        // The apposition before a name is read before the one after it: in "Mali's interim
        // president, Dioncounda Traore, the French leader said", the second belongs to the subject.
        for ev in [
            before(m, words, gazetteer),
            apposition_before(m, words, gazetteer),
            after(m, words, gazetteer),
            of_country(m, words, gazetteer),
        ]
        .into_iter()
        .flatten()
        {
            apply(m, ev);
        }
        m.actor = match (&m.organisation, &m.country) {
            (Some(org), _) if m.role_code.as_deref() != Some("ELI") => Some(org.clone()),
            (_, Some(country)) => {
                Some(format!("{country}{}", m.role_code.as_deref().unwrap_or("")))
            }
            _ => None,
        };
        m.actor_source = m.actor.as_ref().map(|_| ActorSource::Title);
    }
}
