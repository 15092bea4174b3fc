//! A human-readable view of annotated documents for the terminal.
//!
//! [`render`] writes one document: its headline and metadata, then its events as sentences
//! (`North Korea (PRK) → Provide military aid [072] → Russia (RUS) · reported by Lloyd Austin ·
//! 2024-10-30 · Kursk`) with their evidence sentence, its quotes grouped by speaker, its entities
//! and its numeric claims. [`render_table_rows`] and [`render_table`] give one line per event over
//! many documents. Everything is rendered to a `String`, wrapped or shortened to a width counted
//! in characters, in ANSI colours only when [`Style::color`] is set: the caller prints.

use std::fmt::Write as _;

// `clap` re-exports `anstyle` here; the binary already depends on `clap`.
use clap::builder::styling::{Ansi256Color, AnsiColor, Color, Style as Paint};
use dateline_core::{
    Claim, ClaimValue, Document, Entity, Event, Meta, Modality, Participant, Quote, QuoteKind,
};
use dateline_nlp::events::CameoCodes;

/// How the view is drawn.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Style {
    /// ANSI colours and bold/dim text; plain text when `false`.
    pub color: bool,
}

impl Style {
    /// Colour when standard output is a terminal and `NO_COLOR` is unset or empty.
    pub fn auto() -> Self {
        use std::io::IsTerminal as _;
        let allowed = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        Style {
            color: allowed && std::io::stdout().is_terminal(),
        }
    }

    /// Appends `text`, painted when colour is on.
    fn paint_into(&self, out: &mut String, text: &str, paint: Paint) {
        if self.color && !paint.is_plain() && !text.is_empty() {
            let _ = write!(out, "{paint}{text}{paint:#}");
        } else {
            out.push_str(text);
        }
    }
}

/// The narrowest width drawn: narrower widths are treated as this.
pub const MIN_WIDTH: usize = 24;

/// Columns of the event table ([`render_table_rows`]).
pub const TABLE_COLUMNS: usize = 6;

/// Headings of the event table's columns.
pub const TABLE_HEADER: [&str; TABLE_COLUMNS] =
    ["document", "date", "source", "event", "target", "modality"];

/// How narrow each column of the event table gets before the event column is shortened.
const TABLE_FLOORS: [usize; TABLE_COLUMNS] = [10, 10, 8, 24, 8, 8];

/// The most characters of a document's name in the event table.
const DOCUMENT_MAX: usize = 48;

/// The least room a wrapped line gets after its indent.
const MIN_ROOM: usize = 8;

/// Width of the label column of the metadata lines.
const LABEL: usize = 11;

/// Spaces between table columns.
const GAP: usize = 2;

/// What an actor nobody names is called.
const UNKNOWN: &str = "unknown actor";

const PLAIN: Paint = Paint::new();
const BOLD: Paint = Paint::new().bold();
const DIM: Paint = Paint::new().dimmed();
const TRIGGER: Paint = Paint::new().dimmed().underline();
const SPOKEN: Paint = Paint::new().italic();

/// The colour of an event's arrow and label by GDELT `QuadClass`: cooperation blue (verbal) and
/// green (material), conflict orange (verbal) and red (material).
fn quad_paint(quad_class: u8) -> Paint {
    let color = match quad_class {
        1 => Color::Ansi(AnsiColor::Blue),
        2 => Color::Ansi(AnsiColor::Green),
        3 => Color::Ansi256(Ansi256Color(208)),
        4 => Color::Ansi(AnsiColor::Red),
        _ => return BOLD,
    };
    Paint::new().fg_color(Some(color)).bold()
}

/// The view of one document, wrapped to `width` characters (at least [`MIN_WIDTH`]).
pub fn render(doc: &Document, style: &Style, width: usize) -> String {
    let width = width.max(MIN_WIDTH);
    let mut out = String::new();
    header(&mut out, doc, style, width);
    events(&mut out, doc, style, width);
    quotes(&mut out, doc, style, width);
    entities(&mut out, doc, style, width);
    claims(&mut out, doc, style, width);
    out
}

/// Appends one row per event of `doc` to `out`, in the columns of [`TABLE_HEADER`]: the
/// document (headline, else input name, shortened), the event's date (else the publication
/// date), source, CAMEO code and label, target and modality. A document without events gets
/// one row that says so, so that every document shows up.
pub fn render_table_rows(doc: &Document, out: &mut Vec<[String; TABLE_COLUMNS]>) {
    let name = fit(&document_name(doc), DOCUMENT_MAX);
    let published = published_day(&doc.meta);
    if doc.events.is_empty() {
        out.push([
            name,
            published.unwrap_or_default(),
            String::new(),
            "no events found".to_owned(),
            String::new(),
            String::new(),
        ]);
        return;
    }
    for event in &doc.events {
        let date = event
            .date
            .as_ref()
            .map(ToString::to_string)
            .or_else(|| published.clone())
            .unwrap_or_default();
        let target = event
            .target
            .as_ref()
            .map(|t| actor_label(doc, Some(t)))
            .unwrap_or_default();
        out.push([
            name.clone(),
            date,
            actor_label(doc, event.source.as_ref()),
            format!("{} {}", event.cameo, cameo_label(&event.cameo)),
            target,
            modality_text(doc, event),
        ]);
    }
}

/// The rows of [`render_table_rows`] under a header, in columns that fit `width` characters (at
/// least [`MIN_WIDTH`]): while the table is too wide, the widest column gives up a character
/// (the document, source, target and modality columns before the event's code and label) and
/// its cells end in `…`. Events are coloured by `QuadClass` when colour is on.
pub fn render_table(rows: &[[String; TABLE_COLUMNS]], style: &Style, width: usize) -> String {
    if rows.is_empty() {
        return "no events found\n".to_owned();
    }
    let event_paint = |column: usize, cell: &str| -> Paint {
        if column == 3 {
            cell.split_whitespace()
                .next()
                .and_then(CameoCodes::quad_class)
                .map_or(PLAIN, quad_paint)
        } else {
            PLAIN
        }
    };
    align(
        &TABLE_HEADER,
        &TABLE_FLOORS,
        rows,
        width.max(MIN_WIDTH),
        style,
        &event_paint,
    )
}

// ---------------------------------------------------------------------------------------------
// Sections

/// The headline and the metadata lines.
fn header(out: &mut String, doc: &Document, style: &Style, width: usize) {
    wrap(
        out,
        &Rich::of(&document_name(doc), BOLD),
        0,
        0,
        width,
        style,
    );
    let meta = &doc.meta;
    let dateline_agency = meta.dateline.as_ref().and_then(|d| d.agency.as_deref());
    let mut fields: Vec<(&str, String)> = Vec::new();
    if !meta.authors.is_empty() {
        fields.push(("By", meta.authors.join(", ")));
    }
    if let Some(dateline) = &meta.dateline {
        let place = match &dateline.agency {
            Some(agency) => format!("{} ({agency})", dateline.place),
            None => dateline.place.clone(),
        };
        fields.push(("Dateline", place));
    }
    if let Some(agency) = meta
        .agency
        .as_deref()
        .filter(|a| Some(*a) != dateline_agency)
    {
        fields.push(("Agency", agency.to_owned()));
    }
    if let Some(publisher) = &meta.publisher {
        fields.push(("Publisher", publisher.clone()));
    }
    let published = match (published_day(meta), meta.published_source) {
        (Some(day), Some(source)) => format!("{day} (from {})", source.as_str()),
        (Some(day), None) => day,
        (None, _) => "unknown".to_owned(),
    };
    fields.push(("Published", published));
    if let Some(url) = &doc.source.url {
        fields.push(("URL", url.clone()));
    }
    if doc.source.path.is_some() {
        fields.push(("Input", doc.input_name()));
    }
    if !meta.editors.is_empty() {
        fields.push(("Editors", meta.editors.join(", ")));
    }
    for (label, value) in &fields {
        field(out, label, value, width, style);
    }
}

/// A section heading with its count, after a blank line.
fn section(out: &mut String, title: &str, count: usize, style: &Style) {
    out.push('\n');
    style.paint_into(out, &format!("{title} ({count})"), BOLD);
    out.push('\n');
}

/// The line of an empty section.
fn nothing(out: &mut String, what: &str, style: &Style, width: usize) {
    wrap(out, &Rich::of(what, DIM), 2, 2, width, style);
}

/// Each event as a sentence, with its evidence sentence below it.
fn events(out: &mut String, doc: &Document, style: &Style, width: usize) {
    section(out, "Events", doc.events.len(), style);
    if doc.events.is_empty() {
        nothing(out, "no events found", style, width);
        return;
    }
    for event in &doc.events {
        wrap(out, &event_sentence(doc, event), 2, 4, width, style);
        if let Some(evidence) = evidence(doc, event) {
            wrap(out, &evidence, 6, 6, width, style);
        }
    }
}

/// Quotes under their speakers, speakers in order of their first quote.
fn quotes(out: &mut String, doc: &Document, style: &Style, width: usize) {
    section(out, "Quotes", doc.quotes.len(), style);
    if doc.quotes.is_empty() {
        nothing(out, "no quotes found", style, width);
        return;
    }
    let mut groups: Vec<(Speaker, Vec<&Quote>)> = Vec::new();
    for quote in &doc.quotes {
        let speaker = speaker_of(doc, quote);
        match groups.iter().position(|(s, _)| *s == speaker) {
            Some(at) => groups[at].1.push(quote),
            None => groups.push((speaker, vec![quote])),
        }
    }
    for (speaker, group) in &groups {
        let mut head = Rich::of(&speaker_label(doc, speaker), BOLD);
        head.push(" · ", DIM)
            .push(&count(group.len(), "quote", "quotes"), DIM);
        wrap(out, &head, 2, 4, width, style);
        for quote in group {
            wrap(out, &quote_line(doc, quote), 4, 6, width, style);
        }
    }
}

/// One aligned line per entity: name, type, actor code, country, mentions, role.
fn entities(out: &mut String, doc: &Document, style: &Style, width: usize) {
    section(out, "Entities", doc.entities.len(), style);
    if doc.entities.is_empty() {
        nothing(out, "no entities found", style, width);
        return;
    }
    let rows: Vec<Vec<String>> = doc
        .entities
        .iter()
        .map(|e| {
            vec![
                clean(&e.name),
                dateline_core::rows::label(e.kind),
                e.actor.as_deref().map(clean).unwrap_or_default(),
                e.country.as_deref().map(clean).unwrap_or_default(),
                e.mentions.len().to_string(),
                e.role.as_deref().map(clean).unwrap_or_default(),
            ]
        })
        .collect();
    let header = ["name", "type", "actor", "country", "mentions", "role"];
    let floors = [12, 6, 6, 3, 3, 8];
    let plain = |_: usize, _: &str| PLAIN;
    let table = align(
        &header,
        &floors,
        &rows,
        width.saturating_sub(2),
        style,
        &plain,
    );
    for line in table.lines() {
        if !line.is_empty() {
            out.push_str("  ");
            out.push_str(line);
        }
        out.push('\n');
    }
}

/// One line per numeric claim.
fn claims(out: &mut String, doc: &Document, style: &Style, width: usize) {
    section(out, "Claims", doc.claims.len(), style);
    if doc.claims.is_empty() {
        nothing(out, "no claims found", style, width);
        return;
    }
    for claim in &doc.claims {
        wrap(out, &claim_line(doc, claim), 2, 4, width, style);
    }
}

// ---------------------------------------------------------------------------------------------
// Lines

/// `North Korea (PRK) → Provide military aid [072] → Russia (RUS) · reported by Lloyd Austin ·
/// 2024-10-30 · Kursk`.
fn event_sentence(doc: &Document, event: &Event) -> Rich {
    let paint = quad_paint(event.quad_class);
    let mut line = Rich::of(&actor_label(doc, event.source.as_ref()), BOLD);
    line.push(" → ", paint).push(
        &format!("{} [{}]", cameo_label(&event.cameo), event.cameo),
        paint,
    );
    if let Some(target) = &event.target {
        line.push(" → ", paint)
            .push(&actor_label(doc, Some(target)), BOLD);
    }
    let mut details = Vec::new();
    if !matches!(event.modality, Modality::Asserted | Modality::Reported) {
        details.push(dateline_core::rows::label(event.modality));
    }
    match event.speaker.and_then(|id| entity_by_id(doc, id)) {
        Some(speaker) => details.push(format!("reported by {}", clean(&speaker.name))),
        None if event.modality == Modality::Reported => details.push("reported".to_owned()),
        None => {}
    }
    if let Some(date) = &event.date {
        details.push(date.to_string());
    }
    if let Some(place) = event
        .place
        .as_ref()
        .map(|p| clean(&p.name))
        .filter(|p| !p.is_empty())
    {
        details.push(place);
    }
    for detail in &details {
        line.push(" · ", DIM).push(detail, PLAIN);
    }
    line
}

/// The event's sentence, dimmed, its trigger underlined.
fn evidence(doc: &Document, event: &Event) -> Option<Rich> {
    let sentence = doc.sentences.get(event.sentence as usize)?.span;
    let whole = sentence.get(&doc.text)?;
    let trigger = event.trigger;
    if !trigger.is_empty() && sentence.contains(trigger) {
        let before = doc.text.get(sentence.start()..trigger.start());
        let words = trigger.get(&doc.text);
        let after = doc.text.get(trigger.end()..sentence.end());
        if let (Some(before), Some(words), Some(after)) = (before, words, after) {
            let mut rich = Rich::of(before, DIM);
            rich.push(words, TRIGGER).push(after, DIM);
            return Some(rich);
        }
    }
    Some(Rich::of(whole, DIM))
}

/// `[direct · said] “We will respond,”`.
fn quote_line(doc: &Document, quote: &Quote) -> Rich {
    let kind = match quote.kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Partial => "partial",
        QuoteKind::Indirect => "indirect",
    };
    let cue = quote
        .cue
        .and_then(|c| c.get(&doc.text))
        .map(clean)
        .filter(|c| !c.is_empty());
    let marker = match cue {
        Some(cue) => format!("[{kind} · {cue}]"),
        None => format!("[{kind}]"),
    };
    let text = quote.span.get(&doc.text).map(clean).unwrap_or_default();
    let (shown, paint) = match quote.kind {
        QuoteKind::Indirect => (text, PLAIN),
        QuoteKind::Direct | QuoteKind::Partial => (format!("“{text}”"), SPOKEN),
    };
    let mut line = Rich::of(&marker, DIM);
    line.push(" ", PLAIN).push(&shown, paint);
    line
}

/// `more than 10,000 troops [troops] · according to two officials`, with the words as written
/// when they differ from the value (`“$1.2 billion”`).
fn claim_line(doc: &Document, claim: &Claim) -> Rich {
    let value = match &claim.value {
        ClaimValue::Number(v) => number(*v),
        ClaimValue::Word(w) => clean(w),
    };
    let amount = match claim.qualifier.as_deref().map(clean) {
        Some(q) if q == "exact" => format!("exactly {value}"),
        Some(q) if !q.is_empty() => format!("{q} {value}"),
        _ => value,
    };
    let mut line = Rich::of(&amount, BOLD);
    if let Some(counts) = claim.counts.as_deref().map(clean) {
        line.push(" ", PLAIN).push(&counts, PLAIN);
    }
    if let Some(written) = claim
        .span
        .get(&doc.text)
        .map(clean)
        .filter(|w| !w.is_empty() && *w != amount)
    {
        line.push(" ", PLAIN).push(&format!("(“{written}”)"), DIM);
    }
    if let Some(category) = claim
        .category
        .as_deref()
        .map(clean)
        .filter(|c| !c.is_empty())
    {
        line.push(" ", PLAIN).push(&format!("[{category}]"), DIM);
    }
    let speaker = claim
        .speaker
        .and_then(|id| entity_by_id(doc, id))
        .map(entity_label)
        .or_else(|| claim.speaker_text.and_then(|s| s.get(&doc.text)).map(clean))
        .filter(|s| !s.is_empty());
    if let Some(speaker) = speaker {
        line.push(" · ", DIM)
            .push(&format!("according to {speaker}"), PLAIN);
    }
    line
}

// ---------------------------------------------------------------------------------------------
// Names and labels

/// Who said a quote: an entity, the words that name or describe the speaker, or nobody.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Speaker {
    Entity(u32),
    Words(String),
    Nobody,
}

fn speaker_of(doc: &Document, quote: &Quote) -> Speaker {
    if let Some(id) = quote.speaker.filter(|&id| entity_by_id(doc, id).is_some()) {
        return Speaker::Entity(id);
    }
    quote
        .speaker_mention
        .and_then(|s| s.get(&doc.text))
        .or(quote.speaker_description.as_deref())
        .map(clean)
        .filter(|w| !w.is_empty())
        .map_or(Speaker::Nobody, Speaker::Words)
}

/// `Lloyd Austin (USAGOV), defense secretary`, `two officials`, `unattributed`.
fn speaker_label(doc: &Document, speaker: &Speaker) -> String {
    match speaker {
        Speaker::Entity(id) => entity_by_id(doc, *id).map_or_else(
            || UNKNOWN.to_owned(),
            |e| match e.role.as_deref().map(clean).filter(|r| !r.is_empty()) {
                Some(role) => format!("{}, {role}", entity_label(e)),
                None => entity_label(e),
            },
        ),
        Speaker::Words(words) => words.clone(),
        Speaker::Nobody => "unattributed".to_owned(),
    }
}

/// The entity with id `id`: usually the one at that index.
fn entity_by_id(doc: &Document, id: u32) -> Option<&Entity> {
    doc.entities
        .get(id as usize)
        .filter(|e| e.id == id)
        .or_else(|| doc.entities.iter().find(|e| e.id == id))
}

/// `Lloyd Austin (USAGOV)`.
fn entity_label(entity: &Entity) -> String {
    let name = Some(clean(&entity.name)).filter(|n| !n.is_empty());
    let code = entity.actor.as_deref().map(clean).filter(|c| !c.is_empty());
    named(name, code)
}

/// An event's actor: the resolved entity's canonical name, else the words that name it, with its
/// actor code (`North Korea (PRK)`).
fn actor_label(doc: &Document, participant: Option<&Participant>) -> String {
    let Some(participant) = participant else {
        return UNKNOWN.to_owned();
    };
    let entity = participant.entity.and_then(|id| entity_by_id(doc, id));
    let name = entity
        .map(|e| clean(&e.name))
        .filter(|n| !n.is_empty())
        .or_else(|| {
            participant
                .span
                .and_then(|s| s.get(&doc.text))
                .map(clean)
                .filter(|n| !n.is_empty())
        });
    let code = participant
        .actor
        .as_deref()
        .or_else(|| entity.and_then(|e| e.actor.as_deref()))
        .map(clean)
        .filter(|c| !c.is_empty());
    named(name, code)
}

fn named(name: Option<String>, code: Option<String>) -> String {
    match (name, code) {
        (Some(name), Some(code)) if name != code => format!("{name} ({code})"),
        (Some(name), _) => name,
        (None, Some(code)) => code,
        (None, None) => UNKNOWN.to_owned(),
    }
}

/// GDELT's label of a CAMEO code (of its root when the code has none), in sentence case and
/// without `, not specified below`: `Provide military aid`, `Make statement`.
fn cameo_label(code: &str) -> String {
    let codes = CameoCodes::embedded();
    let Some(raw) = codes
        .label(code)
        .or_else(|| code.get(..2).and_then(|root| codes.label(root)))
    else {
        return "unknown event".to_owned();
    };
    let label = clean(raw);
    let label = label
        .strip_suffix(", not specified below")
        .unwrap_or(&label);
    if label.chars().any(char::is_lowercase) {
        label.to_owned()
    } else {
        sentence_case(label)
    }
}

/// `MAKE PUBLIC STATEMENT` → `Make public statement`.
fn sentence_case(text: &str) -> String {
    let lower = text.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The modality column of the table: `asserted`, `reported by Lloyd Austin`, `negated`.
fn modality_text(doc: &Document, event: &Event) -> String {
    let name = dateline_core::rows::label(event.modality);
    match event.speaker.and_then(|id| entity_by_id(doc, id)) {
        Some(speaker) if event.modality == Modality::Reported => {
            format!("reported by {}", clean(&speaker.name))
        }
        Some(speaker) => format!("{name}, reported by {}", clean(&speaker.name)),
        None => name,
    }
}

/// The headline, else the input's name, else its address, else its id.
fn document_name(doc: &Document) -> String {
    doc.meta
        .headline
        .as_deref()
        .map(clean)
        .filter(|h| !h.is_empty())
        .or_else(|| doc.source.path.as_ref().map(|_| clean(&doc.input_name())))
        .or_else(|| doc.source.url.as_deref().map(clean))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| format!("document {}", doc.id.get(..12).unwrap_or(&doc.id)))
}

fn published_day(meta: &Meta) -> Option<String> {
    meta.published.map(|d| d.format("%Y-%m-%d").to_string())
}

/// `1 quote`, `3 quotes`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A whole number with thousands separators (`10,000`), any other as Rust writes it (`3.5`).
#[allow(clippy::cast_sign_loss)] // the absolute value of a whole number under 1e15
fn number(value: f64) -> String {
    if !(value.is_finite() && value.fract() == 0.0 && value.abs() < 1e15) {
        return format!("{value}");
    }
    let grouped = dateline_core::group_thousands(value.abs() as u64);
    if value < 0.0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

// ---------------------------------------------------------------------------------------------
// Text: cleaning, wrapping, tables

/// Characters that end a word: blanks, and control characters (never written out).
fn is_break(c: char) -> bool {
    c.is_whitespace() || c.is_control()
}

/// `text` with runs of blanks and control characters made one space, trimmed.
fn clean(text: &str) -> String {
    text.split(is_break)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn chars(text: &str) -> usize {
    text.chars().count()
}

/// `text` in at most `n` characters, ending in `…` when shortened.
fn fit(text: &str, n: usize) -> String {
    if chars(text) <= n {
        return text.to_owned();
    }
    if n == 0 {
        return String::new();
    }
    let kept: String = text.chars().take(n - 1).collect();
    let mut short = kept.trim_end().to_owned();
    short.push('…');
    short
}

/// A character and its paint.
type Cell = (char, Paint);

/// Text whose pieces have their own paints.
#[derive(Debug, Default)]
struct Rich {
    cells: Vec<Cell>,
}

impl Rich {
    fn of(text: &str, paint: Paint) -> Rich {
        let mut rich = Rich::default();
        rich.push(text, paint);
        rich
    }

    fn push(&mut self, text: &str, paint: Paint) -> &mut Self {
        self.cells.extend(text.chars().map(|c| (c, paint)));
        self
    }
}

/// Writes `text` word-wrapped: the first line indented by `indent`, the others by `hang`, none
/// longer than `width` characters (as long as `width` leaves [`MIN_ROOM`] after the indent).
/// Words longer than a line are cut.
fn wrap(out: &mut String, text: &Rich, indent: usize, hang: usize, width: usize, style: &Style) {
    let first = width.saturating_sub(indent).max(MIN_ROOM);
    let next = width.saturating_sub(hang).max(MIN_ROOM);
    for (n, line) in break_lines(text, first, next).iter().enumerate() {
        if !line.is_empty() {
            out.push_str(&" ".repeat(if n == 0 { indent } else { hang }));
            paint_cells(out, line, style);
        }
        out.push('\n');
    }
}

/// A metadata line: the dimmed label, then the value wrapped in the column after it.
fn field(out: &mut String, label: &str, value: &str, width: usize, style: &Style) {
    let value = clean(value);
    if value.is_empty() {
        return;
    }
    let room = width.saturating_sub(LABEL).max(MIN_ROOM);
    for (n, line) in break_lines(&Rich::of(&value, PLAIN), room, room)
        .iter()
        .enumerate()
    {
        if n == 0 {
            style.paint_into(out, label, DIM);
            out.push_str(&" ".repeat(LABEL.saturating_sub(chars(label)).max(1)));
        } else {
            out.push_str(&" ".repeat(LABEL));
        }
        paint_cells(out, line, style);
        out.push('\n');
    }
}

/// Splits `text` into lines of words: `first_room` characters for the first, `next_room` for
/// the others (both at least 1). Blanks between words become one space, painted like the words
/// when both have the same paint.
fn break_lines(text: &Rich, first_room: usize, next_room: usize) -> Vec<Vec<Cell>> {
    let first_room = first_room.max(1);
    let next_room = next_room.max(1);
    let mut lines: Vec<Vec<Cell>> = Vec::new();
    let mut line: Vec<Cell> = Vec::new();
    for word in text.cells.split(|&(c, _)| is_break(c)) {
        let (Some(&(_, word_paint)), Some(&(_, line_paint))) = (word.first(), line.last()) else {
            if line.is_empty() {
                place(&mut lines, &mut line, word, first_room, next_room);
            }
            continue;
        };
        let room = if lines.is_empty() {
            first_room
        } else {
            next_room
        };
        if line.len() + 1 + word.len() <= room {
            let paint = if word_paint == line_paint {
                line_paint
            } else {
                PLAIN
            };
            line.push((' ', paint));
            line.extend_from_slice(word);
        } else {
            lines.push(std::mem::take(&mut line));
            place(&mut lines, &mut line, word, first_room, next_room);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Puts `word` at the start of the empty `line`, cutting it over whole lines while it is longer
/// than the room.
fn place(
    lines: &mut Vec<Vec<Cell>>,
    line: &mut Vec<Cell>,
    word: &[Cell],
    first_room: usize,
    next_room: usize,
) {
    let mut rest = word;
    loop {
        let room = if lines.is_empty() {
            first_room
        } else {
            next_room
        };
        if rest.len() <= room {
            break;
        }
        let (head, tail) = rest.split_at(room);
        lines.push(head.to_vec());
        rest = tail;
    }
    line.extend_from_slice(rest);
}

/// Writes cells, each run of one paint painted once.
fn paint_cells(out: &mut String, cells: &[Cell], style: &Style) {
    for run in cells.chunk_by(|a, b| a.1 == b.1) {
        let Some(&(_, paint)) = run.first() else {
            continue;
        };
        let text: String = run.iter().map(|&(c, _)| c).collect();
        style.paint_into(out, &text, paint);
    }
}

/// Rows under a bold header in columns [`GAP`] apart, shortened to `width` characters: while
/// the table is too wide, the column furthest above its floor (`floors[i]` characters, the
/// leftmost of equals) loses a character; when all are down to their floors, the widest does.
/// Shortened cells end in `…`. Cells are painted by `paint(column, shown text)`.
fn align<R: AsRef<[String]>>(
    header: &[&str],
    floors: &[usize],
    rows: &[R],
    width: usize,
    style: &Style,
    paint: &dyn Fn(usize, &str) -> Paint,
) -> String {
    let header: Vec<String> = header.iter().copied().map(clean).collect();
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.as_ref().iter().map(String::as_str).map(clean).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(String::as_str).map(chars).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(chars(cell));
        }
    }
    shrink(&mut widths, floors, width);
    let mut out = String::new();
    let bold = |_: usize, _: &str| BOLD;
    table_line(&mut out, &header, &widths, style, &bold);
    for row in &rows {
        table_line(&mut out, row, &widths, style, paint);
    }
    out
}

/// Narrows columns until they and their gaps fit `width`: first down to their floors, the one
/// furthest above its floor first, then down to one character, the widest first.
fn shrink(widths: &mut [usize], floors: &[usize], width: usize) {
    let gaps = GAP * widths.len().saturating_sub(1);
    for floors in [Some(floors), None] {
        let floor = |i: usize| floors.and_then(|f| f.get(i)).copied().unwrap_or(1).max(1);
        while widths.iter().sum::<usize>() + gaps > width {
            let excess = widths
                .iter()
                .enumerate()
                .map(|(i, &w)| (w.saturating_sub(floor(i)), std::cmp::Reverse(i)))
                .max();
            match excess {
                Some((above, std::cmp::Reverse(i))) if above > 0 => widths[i] -= 1,
                _ => break,
            }
        }
    }
}

/// One table line; the cells after the last non-empty one are left out, so that no line ends
/// in blanks.
fn table_line(
    out: &mut String,
    row: &[String],
    widths: &[usize],
    style: &Style,
    paint: &dyn Fn(usize, &str) -> Paint,
) {
    let used = row.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1);
    for (column, (cell, &width)) in row.iter().zip(widths).enumerate().take(used) {
        if column > 0 {
            out.push_str(&" ".repeat(GAP));
        }
        let shown = fit(cell, width);
        style.paint_into(out, &shown, paint(column, &shown));
        if column + 1 < used {
            out.push_str(&" ".repeat(width.saturating_sub(chars(&shown))));
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests;
