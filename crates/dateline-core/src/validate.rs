//! The invariants every annotated document keeps, checked in one place: every span lies on
//! UTF-8 character boundaries inside the text, and every reference (a quote's speaker, an
//! event's actors, sentence and reporter, a claim's claimant) points at something that exists.
//! Property tests and the fuzz targets run it on arbitrary input; users may run it on output
//! they transform.

use crate::{Document, Span};

/// The first broken invariant of a document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what}: {problem}")]
pub struct InvariantError {
    /// The layer and item (`quotes[3].cue`).
    pub what: String,
    /// What is wrong.
    pub problem: String,
}

fn fail(what: impl Into<String>, problem: impl Into<String>) -> InvariantError {
    InvariantError {
        what: what.into(),
        problem: problem.into(),
    }
}

fn span(doc: &Document, what: impl FnOnce() -> String, s: Span) -> Result<(), InvariantError> {
    if s.get(&doc.text).is_some() {
        Ok(())
    } else {
        Err(fail(
            what(),
            format!(
                "span {}..{} is not on character boundaries of the {}-byte text",
                s.start(),
                s.end(),
                doc.text.len()
            ),
        ))
    }
}

fn entity(
    doc: &Document,
    what: impl FnOnce() -> String,
    id: Option<u32>,
) -> Result<(), InvariantError> {
    match id {
        Some(id) if id as usize >= doc.entities.len() => Err(fail(
            what(),
            format!(
                "entity {id} does not exist ({} entities)",
                doc.entities.len()
            ),
        )),
        _ => Ok(()),
    }
}

/// Checks every span and reference of `doc`.
pub fn validate(doc: &Document) -> Result<(), InvariantError> {
    for (i, p) in doc.paragraphs.iter().enumerate() {
        span(doc, || format!("paragraphs[{i}]"), *p)?;
    }
    for (i, t) in doc.tokens.iter().enumerate() {
        span(doc, || format!("tokens[{i}]"), t.span)?;
    }
    for (i, s) in doc.sentences.iter().enumerate() {
        span(doc, || format!("sentences[{i}]"), s.span)?;
        if s.token_range().end > doc.tokens.len() {
            return Err(fail(
                format!("sentences[{i}]"),
                "token range past the tokens",
            ));
        }
    }
    if !doc.dependencies.is_empty() && doc.dependencies.len() != doc.tokens.len() {
        return Err(fail(
            "dependencies",
            format!("{} for {} tokens", doc.dependencies.len(), doc.tokens.len()),
        ));
    }
    for (i, d) in doc.dependencies.iter().enumerate() {
        if d.head
            .is_some_and(|h| h as usize >= doc.tokens.len() || h as usize == i)
        {
            return Err(fail(
                format!("dependencies[{i}]"),
                "head out of range or itself",
            ));
        }
    }
    if let Some(s) = doc.meta.dateline.as_ref().and_then(|d| d.span) {
        span(doc, || "meta.dateline".into(), s)?;
    }
    for (i, e) in doc.entities.iter().enumerate() {
        if e.id as usize != i {
            return Err(fail(format!("entities[{i}]"), format!("has id {}", e.id)));
        }
        for (k, m) in e.mentions.iter().enumerate() {
            span(doc, || format!("entities[{i}].mentions[{k}]"), *m)?;
        }
    }
    for (i, q) in doc.quotes.iter().enumerate() {
        span(doc, || format!("quotes[{i}]"), q.span)?;
        for (name, s) in [("cue", q.cue), ("speaker_mention", q.speaker_mention)] {
            if let Some(s) = s {
                span(doc, || format!("quotes[{i}].{name}"), s)?;
            }
        }
        entity(doc, || format!("quotes[{i}].speaker"), q.speaker)?;
    }
    for (i, e) in doc.events.iter().enumerate() {
        span(doc, || format!("events[{i}].trigger"), e.trigger)?;
        if e.sentence as usize >= doc.sentences.len() {
            return Err(fail(
                format!("events[{i}].sentence"),
                format!("sentence {} does not exist", e.sentence),
            ));
        }
        for (name, p) in [("source", &e.source), ("target", &e.target)] {
            if let Some(p) = p {
                entity(doc, || format!("events[{i}].{name}"), p.entity)?;
                if let Some(s) = p.span {
                    span(doc, || format!("events[{i}].{name}"), s)?;
                }
            }
        }
        entity(doc, || format!("events[{i}].speaker"), e.speaker)?;
    }
    for (i, c) in doc.claims.iter().enumerate() {
        span(doc, || format!("claims[{i}]"), c.span)?;
        if let Some(s) = c.speaker_text {
            span(doc, || format!("claims[{i}].speaker_text"), s)?;
        }
        entity(doc, || format!("claims[{i}].speaker"), c.speaker)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_off_a_character_boundary_is_reported() {
        let mut doc = Document::from_text("Kyiv — talks");
        assert_eq!(validate(&doc), Ok(()));
        doc.paragraphs.push(Span::new(0, 6));
        let err = validate(&doc).unwrap_err();
        assert_eq!(err.what, "paragraphs[0]");
    }
}
