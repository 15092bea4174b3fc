//! Writing one story: casting, placing and dating it, then filling templates.

use rand::rngs::ChaCha8Rng;
use rand::{Rng, RngExt, SeedableRng};

use crate::calendar::{Day, AP_MONTHS, MONTHS, WEEKDAYS};
use crate::data::{
    data, Builtin, Credits, Data, DatelineStyle, EventType, Field, Outlet, Piece, Role, Slot,
    Template,
};
use crate::Article;

/// How deep fillers may nest inside fillers; the resource check rules out cycles, so this is only
/// a guard.
const MAX_DEPTH: u8 = 8;
/// Content paragraphs a story aims for (the lede included, byline and credits not). A template
/// that runs a quotation over into further paragraphs may add two more, hence 23 and not 25.
const MIN_PARAGRAPHS: usize = 5;
const MAX_PARAGRAPHS: usize = 23;

/// An official in the story and whether the story has named them in full yet.
struct Cast {
    actor: usize,
    introduced: bool,
}

struct Story<'r> {
    data: &'static Data,
    rng: &'r mut ChaCha8Rng,
    ty: EventType,
    outlet: &'static Outlet,
    /// `cast[0]` is the principal, `cast[1]` the counterpart, `cast[2]` an optional third voice.
    cast: Vec<Cast>,
    speaker: usize,
    other: usize,
    /// The dateline city, an index into `Data::places`.
    city: usize,
    published: Day,
    event_day: Day,
    headline_mode: bool,
    /// Fillers already used in this story, as (section, index), so that quotes and templates
    /// rarely repeat within one story.
    used: Vec<(usize, usize)>,
    /// What once-per-story sections were filled with, as (section, text).
    fixed: Vec<(usize, String)>,
}

/// The `index`-th article of the corpus for `seed`.
pub(crate) fn write_article(seed: u64, index: u64) -> Article {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    // One ChaCha stream per article: any article can be written alone, in any order.
    rng.set_stream(index);
    let data = data();
    let ty = EventType::ALL[rng.random_range(0..EventType::ALL.len())];
    let outlet = &data.outlets[rng.random_range(0..data.outlets.len())];
    let cast = cast(data, &mut rng);
    let city = place(data, &mut rng, ty, &cast);
    let published = Day::random(&mut rng);
    let event_day = if rng.random_bool(0.6) {
        published
    } else {
        published.previous()
    };
    let mut story = Story {
        data,
        rng: &mut rng,
        ty,
        outlet,
        cast,
        speaker: 0,
        other: 1,
        city,
        published,
        event_day,
        headline_mode: false,
        used: Vec::with_capacity(128),
        fixed: Vec::new(),
    };
    let headline = story.headline();
    let body = story.body();
    let id = story.rng.next_u32();
    let (headline, body) = if outlet.straight_quotes {
        (straighten(&headline), straighten(&body))
    } else {
        (headline, body)
    };
    let (year, month, day) = published.ymd();
    let url = format!(
        "https://www.{}/{}/{year:04}/{month:02}/{day:02}/{}-{id:08x}",
        outlet.domain,
        outlet.section,
        slug(&headline)
    );
    Article {
        headline,
        outlet: outlet.name.to_owned(),
        url,
        published: format!("{year:04}-{month:02}-{day:02}"),
        body,
    }
}

/// Two or three officials from different countries.
fn cast(data: &Data, rng: &mut ChaCha8Rng) -> Vec<Cast> {
    let mut actors: Vec<usize> = Vec::with_capacity(3);
    let wanted = if rng.random_bool(0.4) { 3 } else { 2 };
    while actors.len() < wanted {
        let start = rng.random_range(0..data.actors.len());
        // Scan on from a random start for someone from a country not yet in the story; the
        // resource check guarantees three countries with officials.
        let found = (0..data.actors.len())
            .map(|k| (start + k) % data.actors.len())
            .find(|&a| {
                actors
                    .iter()
                    .all(|&b| data.actors[b].country != data.actors[a].country)
            });
        match found {
            Some(a) => actors.push(a),
            None => break,
        }
    }
    actors
        .into_iter()
        .map(|actor| Cast {
            actor,
            introduced: false,
        })
        .collect()
}

/// The dateline city: where a story of this type happens.
fn place(data: &Data, rng: &mut ChaCha8Rng, ty: EventType, cast: &[Cast]) -> usize {
    let country_of = |c: &Cast| data.actors[c.actor].country;
    let principal = country_of(&cast[0]);
    let counterpart = country_of(&cast[1]);
    let in_country = |rng: &mut ChaCha8Rng, country: usize, capital_odds: f64| {
        let cities = &data.countries[country].cities;
        if rng.random_bool(capital_odds) {
            cities[0]
        } else {
            cities[rng.random_range(0..cities.len())]
        }
    };
    let neutral = |rng: &mut ChaCha8Rng| {
        let start = rng.random_range(0..data.places.len());
        (0..data.places.len())
            .map(|k| (start + k) % data.places.len())
            .find(|&p| cast.iter().all(|c| country_of(c) != data.places[p].country))
            .unwrap_or(start)
    };
    match ty {
        EventType::Talks | EventType::Agreement if rng.random_bool(0.25) => neutral(rng),
        EventType::Talks | EventType::Agreement | EventType::Visit => {
            in_country(rng, counterpart, 0.8)
        }
        EventType::Appeal if rng.random_bool(0.3) => neutral(rng),
        EventType::Sanctions | EventType::Deployment | EventType::Appeal => {
            data.countries[principal].cities[0]
        }
        EventType::Attack | EventType::Protest => in_country(rng, principal, 0.5),
    }
}

impl Story<'_> {
    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p)
    }

    fn below(&mut self, n: usize) -> usize {
        self.rng.random_range(0..n)
    }

    /// Draws a filler of `section` for this story's type, avoiding ones already used when it can.
    fn pick(&mut self, section: usize) -> (&'static Template, bool) {
        let s = &self.data.sections[section];
        let n = s.len_for(self.ty);
        // Event-typed quotations are the principal's words; anyone else draws untyped ones.
        let skip = if section == self.data.structure.voiced && self.speaker != 0 {
            n - s.any.len()
        } else {
            0
        };
        let mut i = skip + self.below(n - skip);
        for _ in 0..6 {
            if !self.used.contains(&(section, i)) {
                break;
            }
            i = skip + self.below(n - skip);
        }
        self.used.push((section, i));
        s.get(self.ty, i)
    }

    /// Principal speaks, counterpart answers: the roles event-typed templates are written for.
    fn bind_fixed(&mut self) {
        self.speaker = 0;
        self.other = 1;
    }

    /// Any official speaks; the other voice is the principal, or the counterpart if the
    /// principal is the one speaking.
    fn bind_random(&mut self) {
        let roll = self.below(20);
        self.speaker = match roll {
            0..=9 => 0,
            10..=16 => 1,
            _ => self.cast.len() - 1,
        };
        self.other = usize::from(self.speaker == 0);
    }

    fn headline(&mut self) -> String {
        self.headline_mode = true;
        self.bind_fixed();
        let (template, _) = self.pick(self.data.structure.headline);
        let mut out = String::with_capacity(96);
        self.render(template, &mut out, 0);
        self.headline_mode = false;
        capitalize_at(&mut out, 0);
        out
    }

    /// Renders a structural template into paragraphs, binding voices by where it came from.
    fn paragraphs_from(&mut self, section: usize, paragraphs: &mut Vec<String>) {
        let (template, typed) = self.pick(section);
        if typed {
            self.bind_fixed();
        } else {
            self.bind_random();
        }
        let mut out = String::with_capacity(256);
        self.render(template, &mut out, 0);
        for part in out.split('\n') {
            let mut paragraph = part.to_owned();
            capitalize_at(&mut paragraph, 0);
            paragraphs.push(paragraph);
        }
    }

    fn body(&mut self) -> String {
        let structure = &self.data.structure;
        let target = MIN_PARAGRAPHS + self.below(MAX_PARAGRAPHS - MIN_PARAGRAPHS + 1);
        let mut paragraphs: Vec<String> = Vec::with_capacity(target + 4);

        self.paragraphs_from(structure.lede, &mut paragraphs);
        let dateline = self.dateline();
        paragraphs[0].insert_str(0, &dateline);

        let closes = self.chance(0.5);
        let content_target = target - usize::from(closes);
        // Event-typed paragraphs until the story has drawn as many as there are; then other kinds.
        let body_templates = self.data.sections[structure.body].len_for(self.ty);
        let mut body_used = 0;
        while paragraphs.len() < content_target {
            let mut section = match self.below(20) {
                0..=8 => structure.body,
                9..=14 => structure.quote,
                15..=17 => structure.report,
                _ => structure.background,
            };
            if section == structure.body {
                if body_used == body_templates {
                    section = structure.quote;
                } else {
                    body_used += 1;
                }
            }
            self.paragraphs_from(section, &mut paragraphs);
        }
        if closes {
            self.paragraphs_from(structure.close, &mut paragraphs);
        }

        let authors = self.reporters();
        if !authors.is_empty() && self.chance(0.65) {
            let by = if self.chance(0.05) { "BY " } else { "By " };
            paragraphs.insert(0, format!("{by}{}", join_names(&authors)));
        }
        if let Some(credit) = self.credits(&authors) {
            paragraphs.push(credit);
        }
        let separator = if self.chance(0.75) { "\n" } else { "\n\n" };
        paragraphs.join(separator)
    }

    fn dateline(&mut self) -> String {
        let outlet = self.outlet;
        let place = self.data.places[self.city].dateline;
        let dash = outlet.dash;
        let style = match outlet.dateline {
            DatelineStyle::Mixed => match (self.below(4), outlet.agency) {
                (0, _) => return String::new(),
                (1, Some(_)) => DatelineStyle::Agency,
                (2, Some(_)) => DatelineStyle::AgencyDate,
                _ => DatelineStyle::Plain,
            },
            style => style,
        };
        match (style, outlet.agency) {
            (DatelineStyle::Agency, Some(tag)) => format!("{place} ({tag}) {dash} "),
            (DatelineStyle::AgencyDate, Some(tag)) => {
                let (_, month, day) = self.published.ymd();
                let month = AP_MONTHS[month as usize - 1];
                format!("{place}, {month} {day} ({tag}) {dash} ")
            }
            _ => format!("{place} {dash} "),
        }
    }

    /// One to three distinct reporters.
    fn reporters(&mut self) -> Vec<&'static str> {
        let count = match self.below(20) {
            0..=9 => 1,
            10..=16 => 2,
            _ => 3,
        };
        self.distinct(&self.data.reporters, count)
    }

    fn distinct(&mut self, pool: &'static [&'static str], count: usize) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = Vec::with_capacity(count);
        for _ in 0..count * 8 {
            if names.len() == count {
                break;
            }
            let name = pool[self.below(pool.len())];
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
    }

    fn city_of(&mut self, cast: usize) -> &'static str {
        let country = self.data.actors[self.cast[cast].actor].country;
        let cities = &self.data.countries[country].cities;
        self.data.places[cities[self.below(cities.len())]].city
    }

    fn credits(&mut self, authors: &[&'static str]) -> Option<String> {
        match self.outlet.credits {
            Credits::None => None,
            Credits::Line => {
                let here = self.data.places[self.city].city;
                let mut line = String::from("(Reporting by ");
                for (i, name) in authors.iter().enumerate() {
                    if i > 0 {
                        line.push_str(if i + 1 == authors.len() {
                            " and "
                        } else {
                            ", "
                        });
                    }
                    line.push_str(name);
                    if i == 0 && self.chance(0.5) {
                        line.push_str(" in ");
                        line.push_str(here);
                    }
                }
                if self.chance(0.4) {
                    let count = 1 + self.below(2);
                    let extra = self.distinct(&self.data.reporters, count);
                    let there = self.city_of(1);
                    line.push_str("; Additional reporting by ");
                    line.push_str(&join_names(&extra));
                    line.push_str(" in ");
                    line.push_str(there);
                }
                if self.chance(0.25) {
                    let writer = self.distinct(&self.data.reporters, 1);
                    line.push_str("; Writing by ");
                    line.push_str(&join_names(&writer));
                }
                let count = 1 + self.below(2);
                let editors = self.distinct(&self.data.editors, count);
                line.push_str("; Editing by ");
                line.push_str(&join_names(&editors));
                line.push(')');
                Some(line)
            }
            Credits::Contributed => {
                if !self.chance(0.6) {
                    return None;
                }
                let count = 1 + self.below(2);
                let names = self.distinct(&self.data.reporters, count);
                let noun = if names.len() == 1 {
                    "writer"
                } else {
                    "writers"
                };
                let mut line = format!("{} {noun} ", self.outlet.name);
                for (i, name) in names.iter().enumerate() {
                    if i > 0 {
                        line.push_str(" and ");
                    }
                    let city = self.city_of(i);
                    line.push_str(name);
                    line.push_str(" in ");
                    line.push_str(city);
                }
                line.push_str(" contributed to this report.");
                Some(line)
            }
        }
    }

    fn render(&mut self, template: &'static Template, out: &mut String, depth: u8) {
        if depth > MAX_DEPTH {
            return;
        }
        for piece in &template.pieces {
            match *piece {
                Piece::Text(text) => {
                    // "… the U.S." + "." ends the sentence once, as in print.
                    let text = match text.strip_prefix('.') {
                        Some(rest) if out.ends_with('.') => rest,
                        _ => text,
                    };
                    out.push_str(text);
                }
                Piece::Break => out.push('\n'),
                Piece::Slot {
                    slot,
                    capitalize,
                    comma,
                } => {
                    let start = out.len();
                    match slot {
                        Slot::Builtin(builtin) => self.builtin(builtin, out),
                        Slot::Lexicon(section) => self.fill(section, out, depth),
                    }
                    if comma && out.ends_with('.') {
                        out.pop();
                        out.push(',');
                    }
                    if capitalize {
                        capitalize_at(out, start);
                    }
                }
            }
        }
    }

    fn fill(&mut self, section: usize, out: &mut String, depth: u8) {
        let once = self.data.sections[section].once;
        if once {
            if let Some((_, text)) = self.fixed.iter().find(|(s, _)| *s == section) {
                out.push_str(text);
                return;
            }
        }
        let start = out.len();
        let (filler, _) = self.pick(section);
        self.render(filler, out, depth + 1);
        if once {
            self.fixed.push((section, out[start..].to_owned()));
        }
    }

    fn cast_index(&self, role: Role) -> usize {
        match role {
            Role::Speaker => self.speaker,
            Role::Other => self.other,
            Role::Principal => 0,
            Role::Counterpart => 1,
        }
    }

    fn mention(&mut self, cast: usize, out: &mut String) {
        let actor = &self.data.actors[self.cast[cast].actor];
        if self.headline_mode {
            out.push_str(actor.surname);
            return;
        }
        if self.cast[cast].introduced {
            let military = actor.title.ends_with('.');
            if self.outlet.courtesy && !military {
                out.push_str(if actor.female { "Ms. " } else { "Mr. " });
            }
            out.push_str(actor.surname);
            return;
        }
        self.cast[cast].introduced = true;
        if self.chance(0.65) {
            out.push_str(self.data.countries[actor.country].demonym);
            out.push(' ');
        }
        out.push_str(actor.title);
        out.push(' ');
        out.push_str(actor.name);
    }

    fn person(&mut self, role: Role, field: Field, out: &mut String) {
        let cast = self.cast_index(role);
        let actor = &self.data.actors[self.cast[cast].actor];
        let country = &self.data.countries[actor.country];
        match field {
            Field::Mention => self.mention(cast, out),
            Field::MentionPossessive => {
                self.mention(cast, out);
                possessive(out);
            }
            Field::Title => out.push_str(actor.role),
            Field::Pronoun => out.push_str(if actor.female { "she" } else { "he" }),
            Field::PossessivePronoun => out.push_str(if actor.female { "her" } else { "his" }),
            Field::Country => out.push_str(country.text),
            Field::CountryPossessive => {
                out.push_str(country.text);
                possessive(out);
            }
            Field::Demonym => out.push_str(country.demonym),
            Field::Capital => out.push_str(self.data.places[country.cities[0]].city),
        }
    }

    fn builtin(&mut self, builtin: Builtin, out: &mut String) {
        use std::fmt::Write as _;
        match builtin {
            Builtin::Person(role, field) => self.person(role, field, out),
            Builtin::City => out.push_str(self.data.places[self.city].city),
            Builtin::HostCountry => {
                let country = self.data.places[self.city].country;
                out.push_str(self.data.countries[country].text);
            }
            Builtin::Outlet => out.push_str(self.outlet.name),
            Builtin::Number => {
                let n = match self.below(4) {
                    0 => 50 * (2 + self.below(18)),
                    1 => 100 * (10 + self.below(90)),
                    2 => 500 * (20 + self.below(180)),
                    _ => 10_000 * (10 + self.below(140)),
                };
                push_thousands(out, n);
            }
            Builtin::Count => {
                let _ = write!(out, "{}", 10 + self.below(81));
            }
            Builtin::Age => {
                let _ = write!(out, "{}", 42 + self.below(35));
            }
            Builtin::Money => self.money(out),
            Builtin::Percent => {
                let whole = self.below(40);
                let _ = match self.below(5) {
                    0 | 1 => write!(out, "{whole}.{}%", 1 + self.below(9)),
                    2 | 3 => write!(out, "{}%", whole + 1),
                    _ => write!(out, "{} percent", whole + 1),
                };
            }
            Builtin::Fraction => {
                let _ = write!(out, "{}-1/2", 1 + self.below(5));
            }
            Builtin::Weekday => {
                let day = if self.chance(0.85) {
                    self.event_day
                } else {
                    self.event_day.back(2 + self.below(4))
                };
                out.push_str(WEEKDAYS[day.weekday()]);
            }
            Builtin::Month => out.push_str(MONTHS[self.below(12)]),
            Builtin::Date => {
                let _ = write!(out, "{} {}", AP_MONTHS[self.below(12)], 1 + self.below(28));
            }
            Builtin::Year => {
                let (year, _, _) = self.published.ymd();
                let _ = write!(out, "{}", year - 1 - self.below(14) as u32);
            }
        }
    }

    fn money(&mut self, out: &mut String) {
        use std::fmt::Write as _;
        let currency = match self.below(20) {
            0..=13 => "$",
            14..=17 => "€",
            _ => "£",
        };
        out.push_str(currency);
        match self.below(20) {
            0..=10 => {
                let _ = write!(out, "{} million", 5 * (1 + self.below(190)));
            }
            11..=17 => {
                let whole = 1 + self.below(40);
                let tenth = self.below(10);
                let _ = if tenth == 0 {
                    write!(out, "{whole} billion")
                } else {
                    write!(out, "{whole}.{tenth} billion")
                };
            }
            _ => push_thousands(out, 5_000 * (2 + self.below(100))),
        }
    }
}

/// Writes `n` with thousands separators: 12,500.
fn push_thousands(out: &mut String, n: usize) {
    let digits = n.to_string();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
}

/// Appends the possessive ending: `Reeves’`, `Ellison’s`.
fn possessive(out: &mut String) {
    out.push_str(if out.ends_with('s') { "’" } else { "’s" });
}

/// Upper-cases the letter at byte `at` if it is lower case.
fn capitalize_at(s: &mut String, at: usize) {
    let Some(c) = s.get(at..).and_then(|rest| rest.chars().next()) else {
        return;
    };
    if c.is_lowercase() {
        let upper: String = c.to_uppercase().collect();
        s.replace_range(at..at + c.len_utf8(), &upper);
    }
}

/// "A", "A and B", "A, B and C".
fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Typographic quotes and ellipses as a typewriter writes them.
fn straighten(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '“' | '”' => out.push('"'),
            '‘' | '’' => out.push('\''),
            '…' => out.push_str("..."),
            c => out.push(c),
        }
    }
    out
}

/// A URL slug from a headline: lower-case ASCII words joined by hyphens, at most 60 bytes.
fn slug(headline: &str) -> String {
    let mut out = String::with_capacity(64);
    for word in headline
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if out.len() + word.len() + 1 > 60 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    }
    if out.is_empty() {
        out.push_str("story");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        let mut s = String::new();
        push_thousands(&mut s, 1_250_000);
        assert_eq!(s, "1,250,000");
        let mut s = String::from("Reeves");
        possessive(&mut s);
        assert_eq!(s, "Reeves’");
        let mut s = String::from("x ébène");
        capitalize_at(&mut s, 2);
        assert_eq!(s, "x Ébène");
        assert_eq!(join_names(&["A", "B", "C"]), "A, B and C");
        assert_eq!(join_names(&["A", "B"]), "A and B");
        assert_eq!(straighten("“Yes … ‘no’”"), "\"Yes ... 'no'\"");
        assert_eq!(
            slug("U.S., China hold talks — ‘some progress’"),
            "u-s-china-hold-talks-some-progress"
        );
    }
}
