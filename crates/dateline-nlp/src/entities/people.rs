//! People the actor knowledge base knows: their names found in the text whatever the recogniser
//! said ("Putin" typed as an organisation, "Theresa May" missed), and each person entity linked
//! to one knowledge-base person and the role valid on the article's date.

use chrono::NaiveDate;
use dateline_core::{ActorSource, EntityType, Pos, Span};

use super::coref::Cluster;
use super::mentions::{Mention, MentionKind};
use crate::kb::Kb;

/// Whether a word can be part of a written name: capitalised, or a particle (`al`, `bin`, `de`).
fn name_word(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
        || (word.len() <= 3 && word.chars().all(char::is_lowercase))
}

/// Whether a tag is of an open class (nouns, verbs, adjectives), which a misread name can take;
/// closed classes ("In", "Some", "During", "Will") are never a name.
fn open_class(tag: Pos) -> bool {
    tag.is_verb() || matches!(tag, Pos::NNP | Pos::NNPS | Pos::NN | Pos::NNS | Pos::JJ)
}

/// Marks knowledge-base names among one sentence's `words` as people: a mention over exactly the
/// name (or inside it) that no gazetteer coded becomes a person and grows to the whole name; a
/// name no mention touches becomes a new person mention; a name inside a longer mention is left
/// alone.
pub fn find(
    mentions: &mut Vec<Mention>,
    words: &[&str],
    tags: &[Pos],
    spans: &[Span],
    sentence: usize,
    kb: &Kb,
) {
    let mut i = 0;
    while i < words.len() {
        let found = words[i]
            .starts_with(char::is_uppercase)
            .then(|| kb.longest_at(words, i))
            .flatten()
            .filter(|&(len, _)| {
                // An open-class tag will do for a capitalised word the tagger took for a verb
                // ("Saied met").
                let proper = |k: usize| tags.get(k).is_some_and(|t| open_class(*t));
                // A name that goes on ("Sok" of "Sok Piseth") is someone else's.
                let goes_on = words
                    .get(i + len)
                    .is_some_and(|w| w.starts_with(char::is_uppercase));
                words[i + len - 1].starts_with(char::is_uppercase)
                    && words[i..i + len].iter().all(|w| name_word(w))
                    && proper(i + len - 1)
                    && (len > 1 || proper(i))
                    && !goes_on
            });
        let Some((len, _)) = found else {
            i += 1;
            continue;
        };
        let end = i + len;
        let overlapping: Vec<usize> = (0..mentions.len())
            .filter(|&k| mentions[k].first < end && i < mentions[k].end)
            .collect();
        match overlapping.as_slice() {
            [] => mentions.push(Mention::new(
                spans,
                (i, end),
                sentence,
                MentionKind::Name,
                EntityType::Person,
                words[i..end].join(" "),
            )),
            // Mentions inside the name ("Alexander Van" + "Bellen") become the one person; a
            // name inside a longer mention ("York" of "New York") is no one's name.
            inside
                if inside.iter().all(|&k| {
                    let m = &mentions[k];
                    i <= m.first
                        && m.end <= end
                        && (m.actor.is_none() || m.entity_type == EntityType::Person)
                }) =>
            {
                let k = inside[0];
                for &other in inside[1..].iter().rev() {
                    mentions.remove(other);
                }
                let m = &mut mentions[k];
                m.entity_type = EntityType::Person;
                m.kind = MentionKind::Name;
                m.first = i;
                m.end = end;
                m.span = spans[i].cover(spans[end - 1]);
                m.name = words[i..end].join(" ");
            }
            // A full name closing a longer mention of another type that no gazetteer coded
            // ("Secretary-General Antonio Guterres" read as an organisation): the words before
            // it are titles (in a person's mention the title stage cuts them off itself).
            &[k] if len > 1
                && mentions[k].first < i
                && mentions[k].end == end
                && mentions[k].actor.is_none()
                && mentions[k].entity_type != EntityType::Person =>
            {
                let m = &mut mentions[k];
                m.entity_type = EntityType::Person;
                m.kind = MentionKind::Name;
                m.first = i;
                m.span = spans[i].cover(spans[end - 1]);
                m.name = words[i..end].join(" ");
            }
            _ => {}
        }
        i = end;
    }
}

/// People a full name the knowledge base lacks may still mean: another spelling of a known
/// person ("Moammar Qaddafi" for Muammar Gaddafi) shares their surname variant and the first
/// letter of their first name ("Hunter Biden" is not Joe Biden).
fn respelled(kb: &Kb, words: &[&str]) -> Vec<u32> {
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return Vec::new();
    };
    if words.len() < 2 {
        return Vec::new();
    }
    let initial = |name: &str| {
        name.chars()
            .next()
            .map(|c| c.to_lowercase().collect::<String>())
    };
    kb.lookup(&[last])
        .iter()
        .copied()
        .filter(|&p| initial(&kb.person(p).name) == initial(first))
        .collect()
}

/// Links each person cluster to the knowledge-base person its name means on `date` and takes the
/// role valid that day: an office held that day beats the text's title (which may be a partial
/// one), the title beats the person's default code, and a "former" title stays. Without a date,
/// only an office still open counts.
pub fn link(clusters: &mut [Cluster], kb: &Kb, date: Option<NaiveDate>) {
    for c in clusters
        .iter_mut()
        .filter(|c| c.entity_type == EntityType::Person)
    {
        let words: Vec<&str> = c.name.split(' ').collect();
        // Another spelling is weaker evidence than the text's own title: used only without one.
        let spelled = if c.actor.is_none() {
            respelled(kb, &words)
        } else {
            Vec::new()
        };
        // "President Bush": a surname that is also a word is a name when a title goes with it.
        let titled_surname = match (words.as_slice(), &c.role_code) {
            ([word], Some(_)) => kb.by_surname(word),
            _ => &[],
        };
        let candidates = match (kb.lookup(&words), spelled.as_slice()) {
            ([], []) => titled_surname,
            ([], spelled) => spelled,
            (found, _) => found,
        };
        if candidates.is_empty() {
            continue;
        }
        let titled = c.actor_source == Some(ActorSource::Title);
        let country = c.country.as_deref().filter(|_| titled);
        let Some(chosen) = kb.choose(candidates, date, country) else {
            if candidates.len() > 1 {
                c.evidence = Some(format!(
                    "{}: {} people in the knowledge base carry this name and none is the only one in office on the article's date; not linked",
                    c.name,
                    candidates.len()
                ));
            }
            continue;
        };
        let person = kb.person(chosen);
        c.kb = person.wikidata().map(str::to_owned);
        if c.country.is_none() {
            c.country = person.country.as_deref().map(str::to_owned);
        }
        if candidates.len() > 1 {
            c.evidence = Some(format!(
                "{}: {} ({}) of {} people in the knowledge base with this name, the one in office on the article's date",
                c.name,
                person.name,
                person.id,
                candidates.len()
            ));
        }
        // "Former President Bush": the text says the office is over, whatever the date says.
        let former = c.role_code.as_deref() == Some("ELI");
        let office = person.in_office_on(date) && !former;
        // A current title in the text ("Chief Cabinet Secretary Suga") names an office the
        // knowledge base may lack; it beats the person's default code.
        let titled_role = c.role_code.as_deref().filter(|_| !office);
        let country = c.country.as_deref().or(person.country.as_deref());
        let code = match (former, titled_role, country) {
            (true, _, Some(country)) => Some(format!("{country}ELI")),
            (false, Some(role), Some(country)) => Some(format!("{country}{role}")),
            _ => person.code_on(date).map(str::to_owned),
        };
        let source = if former || titled_role.is_some() {
            ActorSource::Title
        } else {
            ActorSource::Kb
        };
        if office || c.actor.is_none() {
            if let Some(code) = code {
                c.actor = Some(code);
                c.actor_source = Some(source);
            }
        }
    }
}
