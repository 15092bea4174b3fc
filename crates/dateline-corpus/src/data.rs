//! The embedded word lists and templates, parsed once and checked for consistency.

use std::collections::HashMap;
use std::sync::OnceLock;

const PLACES: &str = include_str!("../resources/places.tsv");
const ACTORS: &str = include_str!("../resources/actors.tsv");
const OUTLETS: &str = include_str!("../resources/outlets.tsv");
const REPORTERS: &str = include_str!("../resources/reporters.tsv");
const LEXICON: &str = include_str!("../resources/lexicon.txt");
const QUOTES: &str = include_str!("../resources/quotes.txt");
const TEMPLATES: &str = include_str!("../resources/templates.txt");

/// The kinds of story the generator writes; section suffixes in the template files.
pub(crate) const EVENT_TYPES: [&str; 8] = [
    "talks",
    "visit",
    "sanctions",
    "attack",
    "protest",
    "agreement",
    "deployment",
    "appeal",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EventType {
    Talks,
    Visit,
    Sanctions,
    Attack,
    Protest,
    Agreement,
    Deployment,
    Appeal,
}

impl EventType {
    pub(crate) const ALL: [EventType; 8] = [
        EventType::Talks,
        EventType::Visit,
        EventType::Sanctions,
        EventType::Attack,
        EventType::Protest,
        EventType::Agreement,
        EventType::Deployment,
        EventType::Appeal,
    ];

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

pub(crate) struct Place {
    pub city: &'static str,
    pub country: usize,
    pub dateline: &'static str,
}

pub(crate) struct Country {
    pub key: &'static str,
    pub text: &'static str,
    pub demonym: &'static str,
    /// Indexes into `Data::places`; the first is the capital.
    pub cities: Vec<usize>,
}

pub(crate) struct Actor {
    pub name: &'static str,
    pub surname: &'static str,
    pub title: &'static str,
    pub role: &'static str,
    pub country: usize,
    pub female: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DatelineStyle {
    Agency,
    AgencyDate,
    Plain,
    Mixed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Credits {
    Line,
    Contributed,
    None,
}

pub(crate) struct Outlet {
    pub name: &'static str,
    pub agency: Option<&'static str>,
    pub domain: &'static str,
    pub section: &'static str,
    pub dateline: DatelineStyle,
    pub dash: &'static str,
    pub straight_quotes: bool,
    pub credits: Credits,
    pub courtesy: bool,
}

/// What a slot is filled with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Speaker,
    Other,
    Principal,
    Counterpart,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Mention,
    MentionPossessive,
    Title,
    Pronoun,
    PossessivePronoun,
    Country,
    CountryPossessive,
    Demonym,
    Capital,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Builtin {
    Person(Role, Field),
    City,
    HostCountry,
    Outlet,
    Number,
    Count,
    Age,
    Money,
    Percent,
    Fraction,
    Weekday,
    Month,
    Date,
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    Builtin(Builtin),
    /// A section of the lexicon, quotes or templates, by index into `Data::sections`.
    Lexicon(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece {
    Text(&'static str),
    Slot {
        slot: Slot,
        /// Capitalize the first letter of the filler (`{^SLOT}`).
        capitalize: bool,
        /// Turn a final period into a comma (`{SLOT_C}`), for a quotation before its attribution.
        comma: bool,
    },
    /// A paragraph break inside one template (` ¶ `).
    Break,
}

pub(crate) struct Template {
    pub pieces: Vec<Piece>,
}

/// The lexicon's list of sections drawn once per story (not itself a section).
const ONCE_PER_STORY: &str = "ONCE_PER_STORY";
/// The section whose event-typed fillers only a story's principal says.
const VOICED: &str = "QUOTE";

/// One named section: fillers for every event type, and fillers for one type only.
#[derive(Default)]
pub(crate) struct Section {
    pub name: &'static str,
    /// Drawn once per story, then repeated.
    pub once: bool,
    pub any: Vec<Template>,
    pub typed: [Vec<Template>; 8],
}

impl Section {
    /// How many fillers a story of `ty` can draw from: its typed ones, then the untyped ones.
    pub(crate) fn len_for(&self, ty: EventType) -> usize {
        self.typed[ty.index()].len() + self.any.len()
    }

    /// The `i`-th filler for `ty`, and whether it is event-typed.
    pub(crate) fn get(&self, ty: EventType, i: usize) -> (&Template, bool) {
        let typed = &self.typed[ty.index()];
        match typed.get(i) {
            Some(t) => (t, true),
            None => (&self.any[i - typed.len()], false),
        }
    }
}

/// Indexes of the sections that give a story its shape.
pub(crate) struct Structure {
    pub headline: usize,
    pub lede: usize,
    pub body: usize,
    pub quote: usize,
    pub report: usize,
    pub background: usize,
    pub close: usize,
    /// Direct quotations: event-typed ones are in the principal's voice.
    pub voiced: usize,
}

pub(crate) struct Data {
    pub places: Vec<Place>,
    pub countries: Vec<Country>,
    pub actors: Vec<Actor>,
    pub outlets: Vec<Outlet>,
    pub reporters: Vec<&'static str>,
    pub editors: Vec<&'static str>,
    pub sections: Vec<Section>,
    pub structure: Structure,
}

/// The parsed resources. The embedded files are checked by this crate's tests, so a failure
/// here is a bug in a resource file, not in the caller's input.
pub(crate) fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(|| Data::load().expect("embedded corpus resources are valid"))
}

/// Data lines of a resource file: not blank, not a `#` comment, with their 1-based line number.
fn data_lines(text: &'static str) -> impl Iterator<Item = (usize, &'static str)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim_end()))
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
}

fn columns<const N: usize>(
    file: &str,
    number: usize,
    line: &'static str,
) -> Result<[&'static str; N], String> {
    let cols: Vec<&'static str> = line.split('\t').map(str::trim).collect();
    if cols.len() != N || cols.iter().any(|c| c.is_empty()) {
        return Err(format!(
            "{file}:{number}: expected {N} non-empty tab-separated columns"
        ));
    }
    let mut out = [""; N];
    out.copy_from_slice(&cols);
    Ok(out)
}

fn parse_places(data: &mut Data) -> Result<(), String> {
    for (number, line) in data_lines(PLACES) {
        let [city, key, text, demonym, dateline] = columns("places.tsv", number, line)?;
        let country = if let Some(i) = data.countries.iter().position(|c| c.key == key) {
            let c = &data.countries[i];
            if c.text != text || c.demonym != demonym {
                return Err(format!("places.tsv:{number}: {key} written differently"));
            }
            i
        } else {
            data.countries.push(Country {
                key,
                text,
                demonym,
                cities: Vec::new(),
            });
            data.countries.len() - 1
        };
        data.countries[country].cities.push(data.places.len());
        data.places.push(Place {
            city,
            country,
            dateline,
        });
    }
    Ok(())
}

fn parse_actors(data: &mut Data) -> Result<(), String> {
    for (number, line) in data_lines(ACTORS) {
        let [name, surname, title, role, key, sex] = columns("actors.tsv", number, line)?;
        let country = data
            .countries
            .iter()
            .position(|c| c.key == key)
            .ok_or_else(|| format!("actors.tsv:{number}: no places.tsv row for {key}"))?;
        let female = match sex {
            "f" => true,
            "m" => false,
            _ => return Err(format!("actors.tsv:{number}: sex must be f or m")),
        };
        if !name.contains(surname) {
            return Err(format!(
                "actors.tsv:{number}: {surname} is not part of {name}"
            ));
        }
        data.actors.push(Actor {
            name,
            surname,
            title,
            role,
            country,
            female,
        });
    }
    Ok(())
}

fn parse_outlets(data: &mut Data) -> Result<(), String> {
    for (number, line) in data_lines(OUTLETS) {
        let [name, agency, domain, section, dateline, dash, quotes, credits, courtesy] =
            columns("outlets.tsv", number, line)?;
        let bad = |what: &str| format!("outlets.tsv:{number}: unknown {what}");
        let dateline = match dateline {
            "agency" => DatelineStyle::Agency,
            "agency-date" => DatelineStyle::AgencyDate,
            "plain" => DatelineStyle::Plain,
            "mixed" => DatelineStyle::Mixed,
            _ => return Err(bad("dateline style")),
        };
        let agency = (agency != "-").then_some(agency);
        if agency.is_none() && matches!(dateline, DatelineStyle::Agency | DatelineStyle::AgencyDate)
        {
            return Err(format!(
                "outlets.tsv:{number}: agency datelines need an agency tag"
            ));
        }
        if !matches!(dash, "-" | "—" | "--") {
            return Err(bad("dateline dash"));
        }
        let straight_quotes = match quotes {
            "straight" => true,
            "curly" => false,
            _ => return Err(bad("quote style")),
        };
        let credits = match credits {
            "line" => Credits::Line,
            "contributed" => Credits::Contributed,
            "none" => Credits::None,
            _ => return Err(bad("credit style")),
        };
        let courtesy = match courtesy {
            "yes" => true,
            "no" => false,
            _ => return Err(bad("courtesy setting")),
        };
        data.outlets.push(Outlet {
            name,
            agency,
            domain,
            section,
            dateline,
            dash,
            straight_quotes,
            credits,
            courtesy,
        });
    }
    Ok(())
}

fn parse_reporters(data: &mut Data) -> Result<(), String> {
    for (number, line) in data_lines(REPORTERS) {
        let [name, role] = columns("reporters.tsv", number, line)?;
        match role {
            "reporter" => data.reporters.push(name),
            "editor" => data.editors.push(name),
            _ => {
                return Err(format!(
                    "reporters.tsv:{number}: role must be reporter or editor"
                ))
            }
        }
    }
    if data.reporters.len() < 3 || data.editors.len() < 2 {
        return Err("reporters.tsv: need at least three reporters and two editors".into());
    }
    Ok(())
}

/// A `[NAME]` or `[NAME.type]` header: the name and the event type, if any.
fn parse_header(
    file: &str,
    number: usize,
    line: &'static str,
) -> Result<Option<(&'static str, Option<EventType>)>, String> {
    let Some(inner) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) else {
        return Ok(None);
    };
    let (name, ty) = match inner.split_once('.') {
        Some((name, ty)) => {
            let i = EVENT_TYPES
                .iter()
                .position(|t| *t == ty)
                .ok_or_else(|| format!("{file}:{number}: unknown event type {ty}"))?;
            (name, Some(EventType::ALL[i]))
        }
        None => (inner, None),
    };
    if name.is_empty() {
        return Err(format!("{file}:{number}: empty section name"));
    }
    Ok(Some((name, ty)))
}

fn parse_builtin(name: &str) -> Option<Builtin> {
    fn field(rest: &str) -> Option<Field> {
        Some(match rest {
            "TITLE" => Field::Title,
            "PRONOUN" => Field::Pronoun,
            "POSS_PRONOUN" => Field::PossessivePronoun,
            "COUNTRY" => Field::Country,
            "COUNTRY_POSS" => Field::CountryPossessive,
            "DEMONYM" => Field::Demonym,
            "CAPITAL" => Field::Capital,
            _ => return None,
        })
    }
    Some(match name {
        "SPEAKER" => Builtin::Person(Role::Speaker, Field::Mention),
        "SPEAKER_POSS" => Builtin::Person(Role::Speaker, Field::MentionPossessive),
        "OTHER" => Builtin::Person(Role::Other, Field::Mention),
        "OTHER_POSS" => Builtin::Person(Role::Other, Field::MentionPossessive),
        "CITY" => Builtin::City,
        "HOST_COUNTRY" => Builtin::HostCountry,
        "OUTLET" => Builtin::Outlet,
        "NUMBER" => Builtin::Number,
        "COUNT" => Builtin::Count,
        "AGE" => Builtin::Age,
        "MONEY" => Builtin::Money,
        "PERCENT" => Builtin::Percent,
        "FRACTION" => Builtin::Fraction,
        "WEEKDAY" => Builtin::Weekday,
        "MONTH" => Builtin::Month,
        "DATE" => Builtin::Date,
        "YEAR" => Builtin::Year,
        _ => {
            let (role, rest) = if let Some(rest) = name.strip_prefix("OTHER_") {
                (Role::Other, rest)
            } else if let Some(rest) = name.strip_prefix("P_") {
                (Role::Principal, rest)
            } else if let Some(rest) = name.strip_prefix("C_") {
                (Role::Counterpart, rest)
            } else {
                (Role::Speaker, name)
            };
            Builtin::Person(role, field(rest)?)
        }
    })
}

fn resolve_slot(inner: &str, names: &HashMap<&'static str, usize>) -> Result<Piece, String> {
    let (capitalize, name) = match inner.strip_prefix('^') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let (slot, comma) = if let Some(&id) = names.get(name) {
        (Slot::Lexicon(id), false)
    } else if let Some(builtin) = parse_builtin(name) {
        (Slot::Builtin(builtin), false)
    } else if let Some(&id) = name.strip_suffix("_C").and_then(|base| names.get(base)) {
        (Slot::Lexicon(id), true)
    } else {
        return Err(format!("unknown slot {{{inner}}}"));
    };
    Ok(Piece::Slot {
        slot,
        capitalize,
        comma,
    })
}

fn parse_template(
    text: &'static str,
    names: &HashMap<&'static str, usize>,
) -> Result<Template, String> {
    let mut pieces = Vec::new();
    let mut rest = text;
    let push_text = |pieces: &mut Vec<Piece>, t: &'static str| {
        if !t.is_empty() {
            pieces.push(Piece::Text(t));
        }
    };
    while !rest.is_empty() {
        let next = rest.find(['{', '¶', '}']);
        let Some(at) = next else {
            push_text(&mut pieces, rest);
            break;
        };
        let (before, from) = rest.split_at(at);
        if from.starts_with('}') {
            return Err("unmatched }".into());
        }
        if let Some(after) = from.strip_prefix('¶') {
            push_text(&mut pieces, before.trim_end());
            pieces.push(Piece::Break);
            rest = after.trim_start();
            continue;
        }
        push_text(&mut pieces, before);
        let close = from.find('}').ok_or("unclosed {")?;
        pieces.push(resolve_slot(&from[1..close], names)?);
        rest = &from[close + 1..];
    }
    if pieces.is_empty() {
        return Err("empty template".into());
    }
    Ok(Template { pieces })
}

fn parse_sections(data: &mut Data) -> Result<(), String> {
    let files = [
        ("lexicon.txt", LEXICON),
        ("quotes.txt", QUOTES),
        ("templates.txt", TEMPLATES),
    ];
    // Names first, so that templates can refer to sections defined later or in another file.
    let mut names: HashMap<&'static str, usize> = HashMap::new();
    for (file, text) in files {
        for (number, line) in data_lines(text) {
            if let Some((name, _)) = parse_header(file, number, line)? {
                if name == ONCE_PER_STORY {
                    continue;
                }
                if parse_builtin(name).is_some() {
                    return Err(format!("{file}:{number}: {name} is a built-in slot"));
                }
                if !names.contains_key(name) {
                    names.insert(name, data.sections.len());
                    data.sections.push(Section {
                        name,
                        ..Section::default()
                    });
                }
            }
        }
    }
    for (file, text) in files {
        // `None` while reading the once-per-story list.
        let mut current: Option<Option<(usize, Option<EventType>)>> = None;
        for (number, line) in data_lines(text) {
            if let Some((name, ty)) = parse_header(file, number, line)? {
                current = Some(names.get(name).map(|&id| (id, ty)));
                continue;
            }
            let Some(current) = current else {
                return Err(format!("{file}:{number}: text before a section"));
            };
            let Some((id, ty)) = current else {
                let name = line.trim();
                let &id = names
                    .get(name)
                    .ok_or_else(|| format!("{file}:{number}: no section {name} to draw once"))?;
                data.sections[id].once = true;
                continue;
            };
            let template =
                parse_template(line.trim(), &names).map_err(|e| format!("{file}:{number}: {e}"))?;
            let section = &mut data.sections[id];
            match ty {
                Some(ty) => section.typed[ty.index()].push(template),
                None => section.any.push(template),
            }
        }
    }
    Ok(())
}

fn structure(sections: &[Section]) -> Result<Structure, String> {
    let find = |name: &str| {
        sections
            .iter()
            .position(|s| s.name == name)
            .ok_or_else(|| format!("templates.txt: no [{name}] section"))
    };
    Ok(Structure {
        headline: find("headline")?,
        lede: find("lede")?,
        body: find("body")?,
        quote: find("quote")?,
        report: find("report")?,
        background: find("background")?,
        close: find("close")?,
        voiced: find(VOICED)?,
    })
}

impl Data {
    pub(crate) fn load() -> Result<Data, String> {
        let mut data = Data {
            places: Vec::new(),
            countries: Vec::new(),
            actors: Vec::new(),
            outlets: Vec::new(),
            reporters: Vec::new(),
            editors: Vec::new(),
            sections: Vec::new(),
            structure: Structure {
                headline: 0,
                lede: 0,
                body: 0,
                quote: 0,
                report: 0,
                background: 0,
                close: 0,
                voiced: 0,
            },
        };
        parse_places(&mut data)?;
        parse_actors(&mut data)?;
        parse_outlets(&mut data)?;
        parse_reporters(&mut data)?;
        parse_sections(&mut data)?;
        data.structure = structure(&data.sections)?;
        data.check()?;
        Ok(data)
    }

    /// Every slot a story can reach has a filler for that story's event type, and no section
    /// fills itself; so rendering never meets an empty choice or loops.
    fn check(&self) -> Result<(), String> {
        let countries_with_actors = self
            .countries
            .iter()
            .enumerate()
            .filter(|(i, _)| self.actors.iter().any(|a| a.country == *i))
            .count();
        if countries_with_actors < 3 {
            return Err("actors.tsv: need officials from at least three countries".into());
        }
        if self.outlets.is_empty() {
            return Err("outlets.tsv: no outlets".into());
        }
        let s = &self.structure;
        if self.sections[s.voiced].any.is_empty() {
            return Err(format!("quotes.txt: [{VOICED}] needs untyped quotations"));
        }
        for ty in EventType::ALL {
            for id in [
                s.headline,
                s.lede,
                s.body,
                s.quote,
                s.report,
                s.background,
                s.close,
            ] {
                self.check_section(id, ty, &mut Vec::new())?;
            }
        }
        Ok(())
    }

    fn check_section(
        &self,
        id: usize,
        ty: EventType,
        stack: &mut Vec<usize>,
    ) -> Result<(), String> {
        let section = &self.sections[id];
        if section.len_for(ty) == 0 {
            let path: Vec<&str> = stack.iter().map(|&i| self.sections[i].name).collect();
            return Err(format!(
                "[{}] has nothing for {} stories (reached from {})",
                section.name,
                EVENT_TYPES[ty.index()],
                path.join(" > ")
            ));
        }
        if stack.contains(&id) {
            return Err(format!("[{}] refers to itself", section.name));
        }
        stack.push(id);
        for i in 0..section.len_for(ty) {
            for piece in &section.get(ty, i).0.pieces {
                if let Piece::Slot {
                    slot: Slot::Lexicon(child),
                    ..
                } = piece
                {
                    self.check_section(*child, ty, stack)?;
                }
            }
        }
        stack.pop();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_resources_load() {
        let data = Data::load().unwrap();
        assert!(data.places.len() > 40);
        assert!(data.actors.len() > 60);
        assert!(data.outlets.len() >= 8);
        for country in &data.countries {
            assert!(!country.cities.is_empty());
        }
    }

    #[test]
    fn templates_parse_slots_and_breaks() {
        let mut names = HashMap::new();
        names.insert("QUOTE", 0);
        let t = parse_template("“{QUOTE_C}” {SPEAKER} said. ¶ “{^QUOTE}”", &names).unwrap();
        assert_eq!(
            t.pieces[1],
            Piece::Slot {
                slot: Slot::Lexicon(0),
                capitalize: false,
                comma: true
            }
        );
        assert_eq!(
            t.pieces[3],
            Piece::Slot {
                slot: Slot::Builtin(Builtin::Person(Role::Speaker, Field::Mention)),
                capitalize: false,
                comma: false
            }
        );
        assert_eq!(t.pieces[4], Piece::Text(" said."));
        assert_eq!(t.pieces[5], Piece::Break);
        assert_eq!(t.pieces[6], Piece::Text("“"));
        assert!(parse_template("{NOPE}", &names).is_err());
        assert!(parse_template("{QUOTE", &names).is_err());
        assert_eq!(
            parse_builtin("OTHER_POSS_PRONOUN"),
            Some(Builtin::Person(Role::Other, Field::PossessivePronoun))
        );
        assert_eq!(
            parse_builtin("C_COUNTRY_POSS"),
            Some(Builtin::Person(Role::Counterpart, Field::CountryPossessive))
        );
    }
}
