//! Mentions in one document: named spans from the recogniser, refined by the gazetteers
//! (types, countries, actor codes), plus gazetteer names the recogniser missed.

use dateline_core::{ActorSource, Document, EntityType, Pos, Span};

use crate::gazetteer::{EntryKind, Gazetteer};
use crate::ner::{NerScratch, Recognizer};

/// How a mention refers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// A proper name (`Lloyd Austin`, `Reuters`, `North Korea`).
    Name,
    /// A demonym standing for its country (`North Korean`).
    Demonym,
    /// A capital standing for its government (`Pyongyang`).
    Capital,
}

/// One mention, before clustering.
#[derive(Debug, Clone)]
pub struct Mention {
    /// The name's span (titles stripped).
    pub span: Span,
    /// Token indices `[first, end)`.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    /// Sentence index.
    pub sentence: usize,
    /// How it refers.
    pub kind: MentionKind,
    /// Entity type.
    pub entity_type: EntityType,
    /// The name used for clustering and display.
    pub name: String,
    /// ISO3 country, when known.
    pub country: Option<String>,
    /// Actor code, when known.
    pub actor: Option<String>,
    /// Where the actor code came from.
    pub actor_source: Option<ActorSource>,
    /// Title or office from the text (`defense secretary`).
    pub role: Option<String>,
    /// Role code the title implies (`GOV`, `MIL`).
    pub role_code: Option<String>,
    /// Actor code of the body a person speaks or works for (`State Department` → `USAGOV`).
    pub organisation: Option<String>,
}

/// GMB types the document model keeps, as entity types (`geo` is refined by the gazetteer).
fn entity_type(gmb_type: &str) -> Option<EntityType> {
    match gmb_type {
        "per" => Some(EntityType::Person),
        "org" => Some(EntityType::Org),
        "geo" => Some(EntityType::Gpe),
        "gpe" => Some(EntityType::Norp),
        "tim" => Some(EntityType::Date),
        "eve" => Some(EntityType::Event),
        _ => None,
    }
}

fn title_case(word: &str) -> String {
    if word.chars().any(char::is_lowercase) {
        return word.to_owned();
    }
    let mut out = String::with_capacity(word.len());
    for part in word.split_inclusive(['-', ' ']) {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.extend(chars.flat_map(char::to_lowercase));
        }
    }
    out
}

/// A name with possessive and surrounding punctuation removed, and a possessive inside it joined
/// to its word as written ("Democratic People's Republic of Korea").
fn clean_name(words: &[&str]) -> String {
    let clitic = |w: &str| matches!(w, "'s" | "’s" | "'" | "’");
    let mut parts: Vec<&str> = words.to_vec();
    while parts
        .last()
        .is_some_and(|w| clitic(w) || matches!(*w, "." | ","))
    {
        parts.pop();
    }
    let mut name = String::new();
    for (k, part) in parts.iter().enumerate() {
        if k > 0 && !clitic(part) {
            name.push(' ');
        }
        name.push_str(part);
    }
    name
}

/// Whether a capital at `[first, end)` stands for its government: it acts ("Pyongyang would
/// learn", "Washington or its allies could take") or is acted upon ("prevent Pyongyang from"),
/// and does not follow a place preposition ("talks in Pyongyang", "between Damascus and Aleppo").
fn capital_acts(first: usize, end: usize, words: &[&str], tags: &[Pos], lexicon: &Lexicon) -> bool {
    if first > 0 && lexicon.is_locative(words[first - 1]) {
        return false;
    }
    let verb = |i: usize| tags.get(i).is_some_and(|p| p.is_verb() || *p == Pos::MD);
    let acts = (end..(end + 4).min(words.len()))
        .take_while(|&i| !matches!(tags[i], Pos::Period | Pos::Comma | Pos::Colon | Pos::IN))
        .any(verb);
    acts || (first > 0 && verb(first - 1))
}

/// The actor code of an international organisation that an organisation's name opens with
/// ("United Nations Assistance Mission for Iraq" → IGOUNO).
fn international_body_part(
    name_words: &[&str],
    entity_type: EntityType,
    resources: Resources<'_>,
) -> Option<String> {
    if entity_type != EntityType::Org {
        return None;
    }
    let gazetteer = resources.gazetteer;
    // The rest must read as a body's name ("… Mission *for* Iraq"), not a person's joined to
    // the organisation's by the recogniser ("United Nations Susan Rice").
    let connected = |rest: &[&str]| rest.iter().any(|w| w.starts_with(char::is_lowercase));
    (2..name_words.len()).rev().find_map(|n| {
        if !connected(&name_words[n..]) {
            return None;
        }
        gazetteer
            .lookup(&name_words[..n])
            .map(|id| gazetteer.entry(id))
            .find(|e| e.kind == EntryKind::Organisation)
            .and_then(|e| e.actor.clone())
            .filter(|a| a.starts_with("IGO"))
    })
}

/// The country of a place name made of a compass word and a country's name ("South Lebanon").
fn compass_part(name_words: &[&str], resources: Resources<'_>) -> Option<String> {
    let (first, rest) = name_words.split_first()?;
    if rest.is_empty() || !resources.lexicon.is_compass(first) {
        return None;
    }
    let gazetteer = resources.gazetteer;
    gazetteer
        .lookup(rest)
        .map(|id| gazetteer.entry(id))
        .find(|e| e.kind == EntryKind::Country)
        .and_then(|e| e.country.clone())
}

/// Applies what the gazetteer knows about `words[first..end]` to a mention.
fn refine(m: &mut Mention, words: &[&str], tags: &[Pos], resources: Resources<'_>) {
    let gazetteer = resources.gazetteer;
    let name_words: Vec<&str> = words[m.first..m.end].to_vec();
    let Some(entry) = gazetteer
        .lookup(&name_words)
        .map(|id| gazetteer.entry(id))
        .find(|e| e.kind != EntryKind::Title)
    else {
        if m.entity_type != EntityType::Person
            && name_words
                .iter()
                .any(|w| resources.lexicon.is_landform(&w.to_lowercase()))
        {
            m.entity_type = EntityType::Loc;
        } else if let Some(actor) = international_body_part(&name_words, m.entity_type, resources) {
            // "United Nations Assistance Mission for Iraq": a body of the organisation its name
            // opens with.
            m.actor = Some(actor);
            m.actor_source = Some(ActorSource::Gazetteer);
        } else if let Some(country) = compass_part(&name_words, resources) {
            // "South Lebanon", "Northern Syria": a part of a country the gazetteers lack.
            m.entity_type = EntityType::Gpe;
            m.country = Some(country);
        } else if m.entity_type == EntityType::Gpe {
            // A town the gazetteers lack: its country from GeoNames ("Kursk" → RUS).
            m.country = gazetteer.city(&m.name).map(|c| c.country.clone());
        }
        return;
    };
    m.country.clone_from(&entry.country);
    m.actor.clone_from(&entry.actor);
    m.actor_source = m.actor.as_ref().map(|_| ActorSource::Gazetteer);
    match entry.kind {
        EntryKind::Country => {
            m.entity_type = EntityType::Gpe;
            m.name.clone_from(&entry.canonical);
        }
        EntryKind::Demonym => {
            m.kind = MentionKind::Demonym;
            m.entity_type = EntityType::Gpe;
            m.name.clone_from(&entry.canonical);
        }
        EntryKind::Capital => {
            m.entity_type = EntityType::Gpe;
            m.name.clone_from(&entry.canonical);
            if capital_acts(m.first, m.end, words, tags, resources.lexicon) {
                m.kind = MentionKind::Capital;
            } else {
                // "talks in Pyongyang": the city itself, in its country.
                m.actor = None;
                m.actor_source = None;
            }
        }
        EntryKind::Institution | EntryKind::Organisation | EntryKind::Region => {
            m.entity_type = entry.entity_type;
            m.name.clone_from(&entry.canonical);
        }
        EntryKind::Title => {}
    }
}

/// Cuts lowercase words and punctuation off both ends of a name (`and Kim` → `Kim`, `eastern
/// Ukraine` → `Ukraine`); `false` when nothing is left.
fn trim(first: &mut usize, end: &mut usize, words: &[&str], lexicon: &Lexicon) -> bool {
    let is_name_word = |w: &str| {
        let mut chars = w.chars();
        let starts_upper = chars
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric());
        // Particles joined to a name: al-Masri, el-Sisi, bin-Salman.
        let particle = w.split_once('-').is_some_and(|(p, rest)| {
            p.len() <= 3
                && p.chars().all(char::is_lowercase)
                && rest.starts_with(char::is_uppercase)
        });
        (starts_upper || particle) && !lexicon.is_time_word(w)
    };
    // Sentence-initial conjunctions the recogniser takes for part of a name ("And Hamas").
    let opener = |w: &str| lexicon.is_name_opener(w);
    while *first < *end
        && (!is_name_word(words[*first]) || (opener(words[*first]) && *end - *first > 1))
    {
        *first += 1;
    }
    // A figure glued to a name ("Ivory Coast 5.1 million") is not part of it; a plain number
    // may be ("Apollo 11").
    let figure = |w: &str| {
        w.starts_with(|c: char| c.is_ascii_digit())
            && w.contains(['.', ','])
            && w.chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    };
    while *end > *first && (!is_name_word(words[*end - 1]) || figure(words[*end - 1])) {
        *end -= 1;
    }
    // "the United Nations Assistance Mission for Iraq (UNAMI": a bracket opened inside the name
    // and not closed in it starts an aside (an acronym), not more of the name.
    if let Some(open) = (*first + 1..*end).find(|&k| words[k] == "(") {
        if !words[open..*end].contains(&")") {
            *end = open;
        }
    }
    *first < *end
}

/// Small word lists the mention finder consults.
#[derive(Debug)]
pub struct Lexicon {
    time_words: Vec<&'static str>,
    locative: Vec<&'static str>,
    landforms: Vec<&'static str>,
    openers: Vec<&'static str>,
    compass: Vec<&'static str>,
}

const TIME_WORDS: &str = include_str!("../../resources/lexicon/time-words.txt");
const LOCATIVE: &str = include_str!("../../resources/lexicon/locative-prepositions.txt");
const LANDFORMS: &str = include_str!("../../resources/lexicon/landforms.txt");
const NAME_OPENERS: &str = include_str!("../../resources/lexicon/name-openers.txt");
const PLACE_WORDS: &str = include_str!("../../resources/lexicon/place-words.tsv");

fn word_list(data: &'static str) -> Vec<&'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

impl Lexicon {
    /// The embedded lists.
    pub fn embedded() -> &'static Lexicon {
        static LEXICON: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        LEXICON.get_or_init(|| Lexicon {
            time_words: word_list(TIME_WORDS),
            locative: word_list(LOCATIVE),
            landforms: word_list(LANDFORMS),
            openers: word_list(NAME_OPENERS),
            compass: crate::data::rows(PLACE_WORDS)
                .filter_map(|row| match row[..] {
                    [w, "before", ..] => Some(w),
                    _ => None,
                })
                .collect(),
        })
    }

    fn is_time_word(&self, word: &str) -> bool {
        self.time_words.contains(&word)
    }

    /// Whether the lowercase `word` is a landform (`sea`, `peninsula`).
    fn is_landform(&self, word: &str) -> bool {
        self.landforms.contains(&word)
    }

    /// Whether `word` is a sentence-initial conjunction or article (`And`, `The`).
    fn is_name_opener(&self, word: &str) -> bool {
        self.openers.contains(&word)
    }

    /// Whether `word` names a part of a place by compass (`South`, `eastern`).
    fn is_compass(&self, word: &str) -> bool {
        self.compass.iter().any(|p| p.eq_ignore_ascii_case(word))
    }

    fn is_locative(&self, word: &str) -> bool {
        self.locative.iter().any(|p| p.eq_ignore_ascii_case(word))
    }
}

/// Grows `[first, end)` by a word or two on either side when the longer phrase is a gazetteer
/// name (`South` + `Korean`, `North` + `Korea`).
fn extend(first: usize, end: usize, words: &[&str], gazetteer: &Gazetteer) -> (usize, usize) {
    let names = |a: usize, b: usize| {
        gazetteer
            .lookup(&words[a..b])
            .any(|id| gazetteer.entry(id).kind != EntryKind::Title)
    };
    let options = [(2, 0), (1, 0), (0, 1), (0, 2), (1, 1)];
    options
        .iter()
        .filter(|&&(l, r)| first >= l && end + r <= words.len())
        .map(|&(l, r)| (first - l, end + r))
        .find(|&(a, b)| words[a].chars().next().is_some_and(char::is_uppercase) && names(a, b))
        .unwrap_or((first, end))
}

/// The country named by `words[a..b]` (a country name or demonym), if any.
fn country_of(words: &[&str], a: usize, b: usize, gazetteer: &Gazetteer) -> Option<String> {
    gazetteer
        .lookup(&words[a..b])
        .map(|id| gazetteer.entry(id))
        .find(|e| matches!(e.kind, EntryKind::Country | EntryKind::Demonym))
        .and_then(|e| e.country.clone())
}

/// State institutions named with their nationality: "Ukraine's defense ministry", "Ethiopian
/// Foreign Ministry", "Israeli police" — organisations coded country + role.
fn institutions(
    words: &[&str],
    spans: &[Span],
    sentence: usize,
    scanned: &[Option<(usize, Vec<usize>)>],
    gazetteer: &Gazetteer,
) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut i = 1;
    while i < words.len() {
        let body = scanned[i].clone().and_then(|(len, ids)| {
            ids.into_iter()
                .map(|id| gazetteer.entry(id))
                .find(|e| e.body)
                .map(|e| (len, e))
        });
        let Some((len, entry)) = body else {
            i += 1;
            continue;
        };
        let possessive = matches!(words[i - 1], "'s" | "’s");
        let owner_end = if possessive { i - 1 } else { i };
        let owner = (1..=3.min(owner_end)).find_map(|l| {
            country_of(words, owner_end - l, owner_end, gazetteer).map(|c| (owner_end - l, c))
        });
        // Without a nationality, only a capitalised name ("the Defense Ministry") is an entity;
        // its country may come from the story later.
        let capitalised = words[i].starts_with(char::is_uppercase);
        if owner.is_some() || capitalised {
            let start = owner.as_ref().map_or(i, |(start, _)| *start);
            let country = owner.map(|(_, country)| country);
            let end = i + len;
            out.push(Mention {
                span: spans[start].cover(spans[end - 1]),
                first: start,
                end,
                sentence,
                kind: MentionKind::Name,
                entity_type: EntityType::Org,
                name: words[start..end]
                    .join(" ")
                    .replace(" 's", "'s")
                    .replace(" ’s", "’s"),
                actor: country
                    .as_ref()
                    .zip(entry.actor.as_ref())
                    .map(|(c, role)| format!("{c}{role}")),
                actor_source: Some(ActorSource::Agent),
                country,
                role: None,
                role_code: entry.actor.clone(),
                organisation: None,
            });
        }
        i += len;
    }
    out
}

/// One sentence as the mention finder reads it.
struct SentenceWords<'a> {
    index: usize,
    words: Vec<&'a str>,
    tags: Vec<Pos>,
    spans: Vec<Span>,
}

impl Mention {
    /// A mention of words `[first, end)` of sentence `sentence`, nothing known about it yet.
    pub fn new(
        spans: &[Span],
        (first, end): (usize, usize),
        sentence: usize,
        kind: MentionKind,
        entity_type: EntityType,
        name: String,
    ) -> Mention {
        Mention {
            span: spans[first].cover(spans[end - 1]),
            first,
            end,
            sentence,
            kind,
            entity_type,
            name,
            country: None,
            actor: None,
            actor_source: None,
            role: None,
            role_code: None,
            organisation: None,
        }
    }
}

impl SentenceWords<'_> {
    fn mention(
        &self,
        first: usize,
        end: usize,
        kind: MentionKind,
        entity_type: EntityType,
        name: String,
    ) -> Mention {
        Mention::new(
            &self.spans,
            (first, end),
            self.index,
            kind,
            entity_type,
            name,
        )
    }
}

/// Names the recogniser found, trimmed, grown to gazetteer names and refined.
fn recognised(
    sw: &SentenceWords<'_>,
    resources: Resources<'_>,
    scratch: &mut NerScratch,
) -> Vec<Mention> {
    let Resources {
        recognizer,
        gazetteer,
        lexicon,
        ..
    } = resources;
    let words = &sw.words;
    let spans = recognizer.recognize(words, &sw.tags, gazetteer.token_classes(), scratch);
    let mut named: Vec<(usize, usize, EntityType)> = Vec::new();
    for (mut first, mut end, ty) in spans {
        let Some(entity_type) = entity_type(crate::ner::labels::TYPES[ty]) else {
            continue;
        };
        if entity_type == EntityType::Date {
            // "Hamas 10 days ago": a name glued to a date is not part of it.
            while first < end
                && words[first].starts_with(char::is_uppercase)
                && !lexicon.is_time_word(words[first])
            {
                first += 1;
            }
            if first == end {
                continue;
            }
        } else if !trim(&mut first, &mut end, words, lexicon) {
            continue;
        }
        let (a, b) = extend(first, end, words, gazetteer);
        named.retain(|&(f, e, _)| e <= a || f >= b);
        named.push((a, b, entity_type));
    }
    let mut out = Vec::new();
    for (first, end, entity_type) in named {
        let mut m = sw.mention(
            first,
            end,
            MentionKind::Name,
            entity_type,
            clean_name(&words[first..end]),
        );
        refine(&mut m, words, &sw.tags, resources);
        // "in Sevare": a one-word "person" after a place preposition is a place.
        let after_locative = first > 0 && lexicon.is_locative(words[first - 1]);
        if m.entity_type == EntityType::Person && end == first + 1 && after_locative {
            m.entity_type = EntityType::Gpe;
        }
        match split_glued(&m, words, gazetteer) {
            Some(cut) => {
                let mut known = sw.mention(
                    first,
                    cut,
                    MentionKind::Name,
                    EntityType::Gpe,
                    clean_name(&words[first..cut]),
                );
                refine(&mut known, words, &sw.tags, resources);
                out.push(known);
                out.push(sw.mention(
                    cut,
                    end,
                    MentionKind::Name,
                    EntityType::Person,
                    clean_name(&words[cut..end]),
                ));
            }
            None => out.push(m),
        }
    }
    out
}

/// Where a recogniser span that glues a known name to a person's name should be cut
/// ("United Nations" + "Susan Rice", "Syria" + "Lakhdar Brahimi"): the span is not a name the
/// gazetteers know, it starts with one, and two or three capitalised unknown words follow.
fn split_glued(m: &Mention, words: &[&str], gazetteer: &Gazetteer) -> Option<usize> {
    let unknown = m.actor.is_none() && m.country.is_none() && m.entity_type != EntityType::Person;
    if !unknown || m.end - m.first < 3 {
        return None;
    }
    let known = |a: usize, b: usize| {
        gazetteer
            .lookup(&words[a..b])
            .any(|id| gazetteer.entry(id).kind != EntryKind::Title)
    };
    (1..=3)
        .map(|k| m.first + k)
        .filter(|&cut| cut < m.end)
        .find(|&cut| {
            let rest = &words[cut..m.end];
            (2..=3).contains(&rest.len())
                && rest.iter().all(|w| w.starts_with(char::is_uppercase))
                && known(m.first, cut)
                && !known(cut, m.end)
        })
}

/// Gazetteer names the recogniser missed (institutions, organisations, countries), outside
/// `covered` words.
fn missed_names(
    sw: &SentenceWords<'_>,
    covered: &mut [bool],
    scanned: &[Option<(usize, Vec<usize>)>],
    resources: Resources<'_>,
) -> Vec<Mention> {
    let gazetteer = resources.gazetteer;
    let words = &sw.words;
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let found = (!covered[i]).then(|| scanned[i].clone()).flatten();
        let Some((len, ids)) = found else {
            i += 1;
            continue;
        };
        let entry = ids
            .iter()
            .map(|&id| gazetteer.entry(id))
            .find(|e| e.kind != EntryKind::Title);
        let capitalised = words[i].chars().next().is_some_and(char::is_uppercase);
        let free = !covered[i..i + len].iter().any(|&c| c);
        let Some(entry) = entry.filter(|_| capitalised && free) else {
            i += 1;
            continue;
        };
        let kind = match entry.kind {
            EntryKind::Demonym => MentionKind::Demonym,
            EntryKind::Capital if capital_acts(i, i + len, words, &sw.tags, resources.lexicon) => {
                MentionKind::Capital
            }
            _ => MentionKind::Name,
        };
        let entity_type = if kind == MentionKind::Name {
            entry.entity_type
        } else {
            EntityType::Gpe
        };
        let mut m = sw.mention(i, i + len, kind, entity_type, entry.canonical.clone());
        m.country.clone_from(&entry.country);
        // A capital named as a place is the city, not its government.
        if !(entry.kind == EntryKind::Capital && kind == MentionKind::Name) {
            m.actor.clone_from(&entry.actor);
            m.actor_source = m.actor.as_ref().map(|_| ActorSource::Gazetteer);
        }
        out.push(m);
        covered[i..i + len].iter_mut().for_each(|c| *c = true);
        i += len;
    }
    out
}

/// What finding mentions reads besides the document: the recogniser, the gazetteer and the
/// mention word lists.
#[derive(Debug, Clone, Copy)]
pub struct Resources<'a> {
    /// The entity recogniser.
    pub recognizer: &'a Recognizer,
    /// Countries, places, organisations and titles.
    pub gazetteer: &'a Gazetteer,
    /// Landforms, locative prepositions, time words and name openers.
    pub lexicon: &'a Lexicon,
    /// People with their name variants.
    pub kb: &'a crate::kb::Kb,
}

/// Finds the mentions of `doc` (tokens must carry POS tags).
pub fn find(doc: &Document, resources: Resources<'_>) -> Vec<Mention> {
    let gazetteer = resources.gazetteer;
    let mut out = Vec::new();
    let mut scratch = NerScratch::default();
    for (index, sentence) in doc.sentences.iter().enumerate() {
        let tokens = &doc.tokens[sentence.token_range()];
        let sw = SentenceWords {
            index,
            words: tokens.iter().map(|t| t.span.of(&doc.text)).collect(),
            tags: tokens.iter().map(|t| t.pos.unwrap_or(Pos::NN)).collect(),
            spans: tokens.iter().map(|t| t.span).collect(),
        };
        let mut here = recognised(&sw, resources, &mut scratch);
        let mut covered = vec![false; sw.words.len()];
        let scanned = gazetteer.scan(&sw.words);
        let bodies = institutions(&sw.words, &sw.spans, index, &scanned, gazetteer);
        for body in &bodies {
            // The recogniser's partial organisation ("Foreign Ministry") gives way.
            here.retain(|m| {
                !(m.entity_type == EntityType::Org && m.first < body.end && body.first < m.end)
            });
        }
        for m in here.iter().chain(&bodies) {
            covered[m.first..m.end].iter_mut().for_each(|c| *c = true);
        }
        here.extend(bodies);
        here.extend(missed_names(&sw, &mut covered, &scanned, resources));
        super::people::find(
            &mut here,
            &sw.words,
            &sw.tags,
            &sw.spans,
            index,
            resources.kb,
        );
        out.extend(here);
    }
    out.sort_by_key(|m| m.span.start());
    out
}

/// The dateline place as a mention-less name (`WASHINGTON` → `Washington`).
pub fn dateline_name(place: &str) -> String {
    place
        .split('/')
        .map(title_case)
        .collect::<Vec<_>>()
        .join("/")
}
