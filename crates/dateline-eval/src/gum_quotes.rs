//! Gold quotes from the GUM news treebank (`../shared/data/gum-news`): a held-out check of
//! quotes and speakers on openly licensed news nobody tuned the quote stage on.
//!
//! GUM's CoNLL-U files carry three layers this reads:
//! - `XML=<quote>` … `XML=</quote>` in MISC: quotations, made direct (or partial) gold quotes
//!   from the first to the last token inside the quotation marks;
//! - `Discourse=attribution-positive:A->C:…` eRST relations on the first token of each
//!   elementary discourse unit: unit `A` attributes unit `C`, with signals naming the cue
//!   (`lex-indwd`, `lex-indph`) and the source (`sem-atsrc`) by document token numbers. A
//!   relation whose content lies mostly outside quotation marks is an indirect gold quote (its
//!   content unit and the units below it in the same sentence); one whose content is quoted gives
//!   the quote its speaker and cue. Attributions inside a quotation are left out: a speaker is
//!   never taken from inside a quote;
//! - `Entity=` coreference: the source's mention chain becomes a gold entity whose name is its
//!   first mention with a proper noun and whose `also` forms are its other non-pronoun mentions,
//!   so "he" resolved to the right person counts.
//!
//! Quotes without an attribution of their own take the speaker of the quote before them in the
//! same or the previous paragraph, the convention of the evaluation set; unattributed quotations
//! of at most three words inside a sentence are titles or scare quotes, not quotes.

use std::collections::{BTreeMap, HashMap, HashSet};

use dateline_core::{Document, QuoteKind};
use serde::Serialize;

use crate::gold::{GoldEntity, GoldQuote};
use crate::quotes::QuoteScore;

/// A GUM document read into Dateline's gold format.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GumDocument {
    /// The text: sentences joined by a space, paragraphs by a blank line.
    pub text: String,
    /// Gold quotes, `text` exact substrings of [`GumDocument::text`].
    pub quotes: Vec<GoldQuote>,
    /// The entities speakers resolve against.
    pub entities: Vec<GoldEntity>,
}

/// The most words an unattributed quotation inside a sentence may have to count as a title or a
/// scare quote rather than a quote.
const SCARE_WORDS: usize = 3;

/// Quote scores summed over GUM documents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct GumQuoteScore {
    /// Documents scored.
    pub documents: usize,
    /// Gold quotes (direct, partial and indirect) in them.
    pub gold_quotes: usize,
    /// The scores, as for the evaluation set.
    pub quotes: QuoteScore,
}

impl GumQuoteScore {
    /// Adds the pipeline's output `doc` for the gold document `gold`.
    pub fn add(&mut self, doc: &Document, gold: &GumDocument) {
        self.documents += 1;
        self.gold_quotes += gold.quotes.len();
        self.quotes += crate::quotes::score(doc, &gold.quotes, &gold.entities);
    }
}

impl std::fmt::Display for GumQuoteScore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "GUM news documents: {}, gold quotes: {}",
            self.documents, self.gold_quotes
        )?;
        crate::report::write_rows(f, crate::report::quote_rows(&self.quotes))
    }
}

/// One word token of the document.
#[derive(Debug, Clone)]
struct Token {
    start: usize,
    end: usize,
    sentence: usize,
    paragraph: usize,
    upos: String,
    /// The syntactic head (a token index), `None` for a sentence's root.
    head: Option<usize>,
}

/// A mention of a coreference group: tokens `[first, last]`.
#[derive(Debug, Clone)]
struct Mention {
    group: String,
    etype: String,
    /// The Wikipedia identity (`Hamdullah_Mohib`), when annotated.
    identity: Option<String>,
    first: usize,
    last: usize,
}

/// An attribution relation between two discourse units.
#[derive(Debug, Clone)]
struct Attribution {
    unit: u32,
    content: u32,
    cue: Vec<usize>,
    source: Vec<usize>,
}

/// Everything read from the CoNLL-U lines, before gold is derived.
#[derive(Debug, Default)]
struct Parsed {
    text: String,
    tokens: Vec<Token>,
    mentions: Vec<Mention>,
    /// Unit id → its first token and its parent unit.
    units: BTreeMap<u32, (usize, Option<u32>)>,
    attributions: Vec<Attribution>,
    /// Token ranges `[first, last]` of quotations: paired marks, and `<quote>` elements.
    quotes: Vec<(usize, usize)>,
}

/// Reads one GUM CoNLL-U document.
#[must_use]
pub fn read_document(conllu: &str) -> GumDocument {
    let parsed = parse(conllu);
    derive(&parsed)
}

fn misc_field<'a>(misc: &'a str, key: &str) -> Option<&'a str> {
    misc.split('|').find_map(|f| f.strip_prefix(key))
}

fn parse(conllu: &str) -> Parsed {
    let mut p = Parsed::default();
    let (mut sentence, mut paragraph) = (0usize, 0usize);
    let mut new_paragraph = false;
    let mut cursor = 0;
    let mut open_mentions: Vec<Mention> = Vec::new();
    let mut open_quote: Option<usize> = None;
    let mut elements = Vec::new();
    let mut marks = Marks::default();
    let mut sentence_first = 0;
    for line in conllu.lines() {
        let line = line.trim_end();
        if line.starts_with("# newpar") && !line.starts_with("# newpar_") {
            new_paragraph = true;
            continue;
        }
        if let Some(text) = line.strip_prefix("# text = ") {
            if !p.text.is_empty() {
                if new_paragraph {
                    marks.paragraph_end(p.tokens.len(), &mut p.quotes);
                    paragraph += 1;
                    p.text.push_str("\n\n");
                } else {
                    p.text.push(' ');
                }
                sentence += 1;
            }
            new_paragraph = false;
            cursor = p.text.len();
            p.text.push_str(text.trim());
            sentence_first = p.tokens.len();
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 || !cols[0].bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let (form, upos, xpos, misc) = (cols[1], cols[3], cols[4], cols[9]);
        let start = p.text[cursor..].find(form).map_or(cursor, |k| cursor + k);
        let end = if p.text[start..].starts_with(form) {
            start + form.len()
        } else {
            start
        };
        cursor = end;
        let index = p.tokens.len();
        p.tokens.push(Token {
            start,
            end,
            sentence,
            paragraph,
            upos: upos.to_owned(),
            head: cols[6]
                .parse::<usize>()
                .ok()
                .filter(|&h| h > 0)
                .map(|h| sentence_first + h - 1),
        });
        if let Some(entity) = misc_field(misc, "Entity=") {
            read_entities(entity, index, &mut open_mentions, &mut p.mentions);
        }
        if let Some(discourse) = misc_field(misc, "Discourse=") {
            read_discourse(discourse, index, &mut p);
        }
        let xml = misc_field(misc, "XML=").unwrap_or_default();
        marks.token(index, xpos, xml, &mut p.quotes);
        if xml.contains("<quote") {
            open_quote = Some(index);
        }
        if xml.contains("</quote>") {
            if let Some(first) = open_quote.take() {
                elements.push((first, index));
            }
        }
    }
    marks.paragraph_end(p.tokens.len(), &mut p.quotes);
    // `<quote>` elements the marks missed (a quote paragraph without its opening mark).
    for (first, last) in elements {
        if !p.quotes.iter().any(|&(f, l)| f <= last && first <= l) {
            p.quotes.push((first, last));
        }
    }
    p.quotes.sort_unstable();
    p
}

/// Quotation marks paired by their gold tags (``` `` ``` opens, `''` closes) within a paragraph;
/// a pair opened by a `<q>` element (a scare quote, a title, a word mentioned) is not a quote.
#[derive(Debug, Default)]
struct Marks {
    open: Option<usize>,
    scare: bool,
}

impl Marks {
    fn token(&mut self, index: usize, xpos: &str, xml: &str, out: &mut Vec<(usize, usize)>) {
        match xpos {
            "``" => {
                self.scare = xml.contains("<q>");
                self.open = Some(index);
            }
            "''" => {
                if let Some(first) = self.open.take().filter(|_| !self.scare) {
                    out.push((first, index));
                }
                self.scare = false;
            }
            _ => {}
        }
    }

    /// A quote left open runs to the end of its paragraph (the news convention); `end` is the
    /// first token of the next paragraph.
    fn paragraph_end(&mut self, end: usize, out: &mut Vec<(usize, usize)>) {
        if let Some(first) = self.open.take().filter(|_| !self.scare && end > 0) {
            out.push((first, end - 1));
        }
        self.scare = false;
    }
}

/// Reads an `Entity=` value: `(ID-type-…` opens a mention, `ID)` closes it.
fn read_entities(value: &str, token: usize, open: &mut Vec<Mention>, out: &mut Vec<Mention>) {
    let mut close = |group: &str, open: &mut Vec<Mention>| {
        if let Some(k) = open.iter().rposition(|m| m.group == group) {
            let mention = open.remove(k);
            out.push(Mention {
                last: token,
                ..mention
            });
        }
    };
    let mut rest = value;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('(') {
            let end = r.find(['(', ')']).unwrap_or(r.len());
            // GRP-etype-infstat-salience-centering-minspan-link-identity
            let fields: Vec<&str> = r[..end].splitn(8, '-').collect();
            let group = fields.first().copied().unwrap_or_default().to_owned();
            open.push(Mention {
                group: group.clone(),
                etype: fields.get(1).copied().unwrap_or_default().to_owned(),
                identity: fields.get(7).map(|i| i.replace('_', " ")),
                first: token,
                last: token,
            });
            rest = &r[end..];
            if let Some(r) = rest.strip_prefix(')') {
                close(&group, open);
                rest = r;
            }
        } else {
            let end = rest.find(['(', ')']).unwrap_or(rest.len());
            let group = &rest[..end];
            if rest[end..].starts_with(')') {
                close(group, open);
                rest = &rest[end + 1..];
            } else {
                rest = &rest[end..];
            }
        }
    }
}

/// Token numbers (1-based, document-wide) of a signal's list: `121-128` or `352,372`.
fn signal_tokens(list: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for item in list.split(',') {
        let (a, b) = item.split_once('-').unwrap_or((item, item));
        if let (Ok(a), Ok(b)) = (a.parse::<usize>(), b.parse::<usize>()) {
            out.extend((a.max(1)..=b.min(a + 200)).map(|n| n - 1));
        }
    }
    out
}

/// Reads a `Discourse=` value: `relation:UNIT->PARENT:depth:signals` (or `ROOT:UNIT:…`).
fn read_discourse(value: &str, token: usize, p: &mut Parsed) {
    for relation in value.split(';') {
        let mut parts = relation.split(':');
        let name = parts.next().unwrap_or_default();
        let edge = parts.next().unwrap_or_default();
        let signals = parts.nth(1).unwrap_or_default();
        let (unit, parent) = match edge.split_once("->") {
            Some((u, t)) => (u.parse::<u32>().ok(), t.parse::<u32>().ok()),
            None => (edge.parse::<u32>().ok(), None),
        };
        let Some(unit) = unit else { continue };
        p.units.entry(unit).or_insert((token, parent));
        if name != "attribution-positive" {
            continue;
        }
        let Some(content) = parent else { continue };
        let (mut cue, mut source) = (Vec::new(), Vec::new());
        for signal in signals.split('+') {
            let mut fields = signal.splitn(3, '-');
            let (kind, sub, list) = (
                fields.next().unwrap_or_default(),
                fields.next().unwrap_or_default(),
                fields.next().unwrap_or_default(),
            );
            match (kind, sub) {
                ("lex", "indwd" | "indph") => cue.extend(signal_tokens(list)),
                ("sem", "atsrc") => source.extend(signal_tokens(list)),
                _ => {}
            }
        }
        p.attributions.push(Attribution {
            unit,
            content,
            cue,
            source,
        });
    }
}

impl Parsed {
    /// Tokens `[first, end)` of each unit, in document order.
    fn unit_ranges(&self) -> HashMap<u32, (usize, usize)> {
        let mut starts: Vec<(usize, u32)> = self.units.iter().map(|(&u, &(t, _))| (t, u)).collect();
        starts.sort_unstable();
        let mut out = HashMap::new();
        for (k, &(first, unit)) in starts.iter().enumerate() {
            let end = starts.get(k + 1).map_or(self.tokens.len(), |&(t, _)| t);
            out.insert(unit, (first, end));
        }
        out
    }

    /// The text of tokens `[first, last]`.
    fn slice(&self, first: usize, last: usize) -> &str {
        &self.text[self.tokens[first].start..self.tokens[last].end]
    }

    fn is_punct(&self, i: usize) -> bool {
        self.tokens[i].upos == "PUNCT"
    }

    /// The content tokens of an attribution: its content unit and the units under it in the same
    /// sentence, without attributing units, the source or the cue.
    fn content_tokens(
        &self,
        a: &Attribution,
        ranges: &HashMap<u32, (usize, usize)>,
        attributing: &HashSet<u32>,
    ) -> Vec<usize> {
        let Some(&(first, end)) = ranges.get(&a.content) else {
            return Vec::new();
        };
        let sentence = self.tokens.get(first).map(|t| t.sentence);
        let under = |mut unit: u32| {
            for _ in 0..64 {
                if unit == a.unit {
                    return false;
                }
                if unit == a.content {
                    return true;
                }
                match self.units.get(&unit).and_then(|&(_, parent)| parent) {
                    Some(parent) => unit = parent,
                    None => return false,
                }
            }
            false
        };
        let mut out: Vec<usize> = (first..end).collect();
        for (&unit, &(f, e)) in ranges {
            let same = self.tokens.get(f).map(|t| t.sentence) == sentence;
            if unit != a.content && same && !attributing.contains(&unit) && under(unit) {
                out.extend(f..e);
            }
        }
        out.retain(|t| !a.source.contains(t) && !a.cue.contains(t));
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The speaker of an attribution as gold: a name resolved through its coreference chain (added
/// to `entities`), or its text as a description.
fn speaker(p: &Parsed, source: &[usize], entities: &mut Vec<GoldEntity>) -> Option<String> {
    let (&first, &last) = (source.iter().min()?, source.iter().max()?);
    if last >= p.tokens.len() {
        return None;
    }
    let text = p.slice(first, last).to_owned();
    // The source's syntactic head: its token whose head lies outside it ("Caitlin Boswell, of
    // the Joint Council …" → Boswell).
    let head = source.iter().copied().find(|&t| {
        p.tokens[t].upos != "PUNCT"
            && p.tokens[t]
                .head
                .is_none_or(|h| !(first..=last).contains(&h))
    });
    // The widest mention inside the source holding its head, else the widest inside it, else
    // the narrowest around it.
    let inside = p
        .mentions
        .iter()
        .filter(|m| m.first >= first && m.last <= last)
        .filter(|m| head.is_none_or(|h| (m.first..=m.last).contains(&h)))
        .max_by_key(|m| m.last - m.first)
        .or_else(|| {
            p.mentions
                .iter()
                .filter(|m| m.first >= first && m.last <= last)
                .max_by_key(|m| m.last - m.first)
        });
    let around = p
        .mentions
        .iter()
        .filter(|m| m.first <= first && m.last >= last)
        .min_by_key(|m| m.last - m.first);
    let Some(mention) = inside.or(around) else {
        return Some(text);
    };
    let mut chain: Vec<&Mention> = p
        .mentions
        .iter()
        .filter(|m| m.group == mention.group)
        .collect();
    chain.sort_by_key(|m| m.first);
    let proper = |m: &Mention| (m.first..=m.last).any(|i| p.tokens[i].upos == "PROPN");
    let Some(named) = chain.iter().find(|m| proper(m)) else {
        return Some(text);
    };
    let name = chain
        .iter()
        .find_map(|m| m.identity.clone())
        .unwrap_or_else(|| p.slice(named.first, named.last).to_owned());
    if entities.iter().any(|e| e.name == name) {
        return Some(name);
    }
    let mut also = vec![text];
    for m in chain
        .iter()
        .filter(|m| !(m.first..=m.last).all(|i| p.tokens[i].upos == "PRON"))
    {
        also.push(p.slice(m.first, m.last).to_owned());
        // The proper name a titled mention ends with ("Ambassador Mohib" → "Mohib").
        let mut start = m.last + 1;
        while start > m.first && p.tokens[start - 1].upos == "PROPN" {
            start -= 1;
        }
        if start <= m.last {
            also.push(p.slice(start, m.last).to_owned());
            // "Islamic Relations Alia Salem" → "Alia Salem" and "Salem".
            also.push(p.slice(m.last, m.last).to_owned());
            if m.last > start {
                also.push(p.slice(m.last - 1, m.last).to_owned());
            }
        }
        // "Devocht, who had told …" → "Devocht".
        let mut end = m.first;
        while end < m.last && p.tokens[end + 1].upos == "PROPN" {
            end += 1;
        }
        if p.tokens[m.first].upos == "PROPN" {
            also.push(p.slice(m.first, end).to_owned());
        }
    }
    also.retain(|a| *a != name);
    also.sort();
    also.dedup();
    let kind = match named.etype.as_str() {
        "person" => "PERSON",
        "place" => "GPE",
        _ => "ORG",
    };
    entities.push(GoldEntity {
        name: name.clone(),
        kind: kind.to_owned(),
        also,
        ..GoldEntity::default()
    });
    Some(name)
}

/// The first contiguous run of `tokens`, as text.
fn cue_text(p: &Parsed, tokens: &[usize]) -> Option<String> {
    let mut sorted: Vec<usize> = tokens
        .iter()
        .copied()
        .filter(|&t| t < p.tokens.len())
        .collect();
    sorted.sort_unstable();
    let &first = sorted.first()?;
    let mut last = first;
    for &t in &sorted[1..] {
        if t != last + 1 {
            break;
        }
        last = t;
    }
    Some(p.slice(first, last).to_owned())
}

/// Tokens `[first, last]` without punctuation at either end, as a span of the text.
fn trimmed(p: &Parsed, first: usize, last: usize) -> Option<String> {
    let (mut a, mut b) = (first, last);
    while a <= b && p.is_punct(a) {
        a += 1;
    }
    while b > a && p.is_punct(b) {
        b -= 1;
    }
    (a <= b && !p.is_punct(a)).then(|| p.slice(a, b).to_owned())
}

/// What the attribution relations give: indirect gold quotes (with their start offsets), and for
/// each quotation its speaker and cue and whether it is partial (inside a reported clause).
#[derive(Default)]
struct Attributed {
    indirect: Vec<(usize, GoldQuote)>,
    quotation: HashMap<usize, (Option<String>, Option<String>)>,
    partial: Vec<bool>,
}

fn attributed(p: &Parsed, entities: &mut Vec<GoldEntity>) -> Attributed {
    let ranges = p.unit_ranges();
    let attributing: HashSet<u32> = p.attributions.iter().map(|a| a.unit).collect();
    // "Memon said she believed …": attributions sharing a content are one report, the first's.
    let mut first_of_content: HashMap<u32, usize> = HashMap::new();
    for a in &p.attributions {
        let at = ranges.get(&a.unit).map_or(usize::MAX, |r| r.0);
        first_of_content
            .entry(a.content)
            .and_modify(|f| *f = (*f).min(at))
            .or_insert(at);
    }
    let in_quote = |i: usize| p.quotes.iter().any(|&(f, l)| f <= i && i <= l);
    let mut out = Attributed {
        partial: vec![false; p.quotes.len()],
        ..Attributed::default()
    };
    for a in &p.attributions {
        // No cue word (a caption, "via its account"), or a source inside a quotation.
        if a.cue.is_empty() || a.source.iter().chain(&a.cue).any(|&t| in_quote(t)) {
            continue;
        }
        let at = ranges.get(&a.unit).map_or(usize::MAX, |r| r.0);
        if first_of_content.get(&a.content) != Some(&at) {
            continue;
        }
        let others: HashSet<u32> = attributing
            .iter()
            .copied()
            .filter(|&u| {
                !p.attributions
                    .iter()
                    .any(|b| b.unit == u && b.content == a.content)
            })
            .collect();
        let content = p.content_tokens(a, &ranges, &others);
        let words: Vec<usize> = content
            .iter()
            .copied()
            .filter(|&t| !p.is_punct(t))
            .collect();
        if words.is_empty() {
            continue;
        }
        let speaker = speaker(p, &a.source, entities);
        let cue = cue_text(p, &a.cue);
        let within = words.iter().filter(|&&t| in_quote(t)).count();
        for (q, &(f, l)) in p.quotes.iter().enumerate() {
            if content.iter().any(|&t| f <= t && t <= l) {
                out.quotation
                    .entry(q)
                    .or_insert_with(|| (speaker.clone(), cue.clone()));
                out.partial[q] |= 2 * within < words.len();
            }
        }
        if 2 * within >= words.len() {
            continue;
        }
        let (first, last) = (content[0], content[content.len() - 1]);
        if let Some(text) = trimmed(p, first, last) {
            let quote = GoldQuote {
                kind: QuoteKind::Indirect,
                text,
                speaker,
                cue,
            };
            out.indirect.push((p.tokens[first].start, quote));
        }
    }
    out
}

fn derive(p: &Parsed) -> GumDocument {
    let mut entities = Vec::new();
    let Attributed {
        indirect: mut quotes,
        quotation: quote_speaker,
        partial,
    } = attributed(p, &mut entities);
    let mut last: Option<(Option<String>, usize)> = None;
    for (q, &(f, l)) in p.quotes.iter().enumerate() {
        let Some(text) = trimmed(p, f, l) else {
            continue;
        };
        // Words in quotation marks with no attribution, inside a sentence: a title, a name or a
        // scare quote ("the game's 'third map'"), not a quote (the evaluation set's convention).
        let words = (f..=l).filter(|&t| !p.is_punct(t)).count();
        let opens_sentence = f == 0 || p.tokens[f - 1].sentence != p.tokens[f].sentence;
        if !quote_speaker.contains_key(&q) && words <= SCARE_WORDS && !opens_sentence {
            continue;
        }
        let paragraph = p.tokens[f].paragraph;
        let (speaker, cue) = match quote_speaker.get(&q) {
            Some(found) => found.clone(),
            None => (
                last.as_ref()
                    .filter(|(_, para)| paragraph <= para + 1)
                    .and_then(|(s, _)| s.clone()),
                None,
            ),
        };
        if speaker.is_some() {
            last = Some((speaker.clone(), paragraph));
        }
        let kind = if partial[q] {
            QuoteKind::Partial
        } else {
            QuoteKind::Direct
        };
        quotes.push((
            p.tokens[f].start,
            GoldQuote {
                kind,
                text,
                speaker,
                cue,
            },
        ));
    }
    quotes.sort_by_key(|(start, _)| *start);
    GumDocument {
        text: p.text.clone(),
        quotes: quotes.into_iter().map(|(_, q)| q).collect(),
        entities,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A constructed document: a quote attributed after it, a pronoun speaker resolved through
    /// coreference, and an indirect report.
    const DOC: &str = "# newdoc id = test\n# newpar\n# text = \"We will win,\" Mayor Ann Lee said.\n\
1\t\"\t\"\tPUNCT\t``\t_\t4\tpunct\t_\tDiscourse=ROOT:1:0|XML=<quote>|SpaceAfter=No\n\
2\tWe\twe\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n\
3\twill\twill\tAUX\tMD\t_\t4\taux\t_\t_\n\
4\twin\twin\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n\
5\t,\t,\tPUNCT\t,\t_\t4\tpunct\t_\t_\n\
6\t\"\t\"\tPUNCT\t''\t_\t4\tpunct\t_\tXML=</quote>\n\
7\tMayor\tMayor\tPROPN\tNNP\t_\t8\tcompound\t_\tDiscourse=attribution-positive:2->1:0:lex-indwd-10+sem-atsrc-7-9\n\
8\tAnn\tAnn\tPROPN\tNNP\t_\t10\tnsubj\t_\tEntity=(1-person-new\n\
9\tLee\tLee\tPROPN\tNNP\t_\t8\tflat\t_\tEntity=1)\n\
10\tsaid\tsay\tVERB\tVBD\t_\t4\tparataxis\t_\tSpaceAfter=No\n\
11\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\
\n# newpar\n# text = She said the port would reopen.\n\
1\tShe\tshe\tPRON\tPRP\t_\t2\tnsubj\t_\tDiscourse=attribution-positive:3->4:0:lex-indwd-13+sem-atsrc-12|Entity=(1-person-giv)\n\
2\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_\n\
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\tDiscourse=elaboration:4->2:0\n\
4\tport\tport\tNOUN\tNN\t_\t6\tnsubj\t_\t_\n\
5\twould\twould\tAUX\tMD\t_\t6\taux\t_\t_\n\
6\treopen\treopen\tVERB\tVB\t_\t2\tccomp\t_\tSpaceAfter=No\n\
7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n";

    #[test]
    fn reads_quotes_speakers_and_indirect_reports() {
        let doc = read_document(DOC);
        assert_eq!(
            doc.text,
            "\"We will win,\" Mayor Ann Lee said.\n\nShe said the port would reopen."
        );
        assert_eq!(doc.quotes.len(), 2, "{:?}", doc.quotes);
        let direct = &doc.quotes[0];
        assert_eq!(direct.kind, QuoteKind::Direct);
        assert_eq!(direct.text, "We will win");
        assert_eq!(direct.speaker.as_deref(), Some("Ann Lee"));
        assert_eq!(direct.cue.as_deref(), Some("said"));
        let indirect = &doc.quotes[1];
        assert_eq!(indirect.kind, QuoteKind::Indirect);
        assert_eq!(indirect.text, "the port would reopen");
        assert_eq!(
            indirect.speaker.as_deref(),
            Some("Ann Lee"),
            "she → Ann Lee"
        );
        assert_eq!(doc.entities.len(), 1);
        assert!(doc.entities[0].also.iter().any(|a| a == "Mayor Ann Lee"));
        assert!(
            !doc.entities[0].also.iter().any(|a| a == "She"),
            "no pronouns"
        );
    }

    #[test]
    fn broken_input_gives_no_quotes_and_no_panic() {
        for input in ["", "1\tx", "# text = a\n1\tb\tb\tX\tX\t_\t0\troot\t_\tEntity=((1-)))|Discourse=:->:", "# text = é\n1\té\té\tX\tX\t_\t0\troot\t_\tDiscourse=attribution-positive:1->9:0:sem-atsrc-99999999999999999999\n"] {
            let doc = read_document(input);
            assert!(doc.quotes.is_empty());
        }
    }
}
