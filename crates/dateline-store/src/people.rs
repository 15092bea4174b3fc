//! People across documents: every person entity of an original document (not a wire copy) is
//! linked by its knowledge-base id, or by its normalised name and country when it has none, and
//! counted with the actor codes (roles) it carried over time. Summed per transaction and written
//! at commit, like the event aggregates.

use std::collections::BTreeMap;

use dateline_core::rows::EntityRow;
use rusqlite::{params, Transaction};

use crate::Result;

/// The key that links one person across documents: `kb:Q7747`, or `name:vladimir putin|RUS`.
/// `None` for entities that are no person named in the text (authors, editors, organisations).
#[must_use]
pub fn person_key(
    kind: &str,
    name: &str,
    country: Option<&str>,
    kb: Option<&str>,
) -> Option<String> {
    if kind != "PERSON" {
        return None;
    }
    if let Some(id) = kb {
        return Some(format!("kb:{id}"));
    }
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(format!(
        "name:{}|{}",
        name.to_lowercase(),
        country.unwrap_or_default()
    ))
}

/// First and last publication day seen, and a document count.
#[derive(Debug, Default)]
struct Seen {
    documents: i64,
    first: Option<String>,
    last: Option<String>,
}

impl Seen {
    fn add(&mut self, published: Option<&str>) {
        self.documents += 1;
        if let Some(day) = published {
            if self.first.as_deref().is_none_or(|f| day < f) {
                self.first = Some(day.to_owned());
            }
            if self.last.as_deref().is_none_or(|l| day > l) {
                self.last = Some(day.to_owned());
            }
        }
    }
}

#[derive(Debug, Default)]
struct Person {
    name: String,
    kb: Option<String>,
    country: Option<String>,
    mentions: i64,
    seen: Seen,
    roles: BTreeMap<String, Seen>,
}

/// People counted in one transaction.
#[derive(Debug, Default)]
pub struct People {
    people: BTreeMap<String, Person>,
}

impl People {
    /// Counts person entity `e` (with key `key`) of a document published on `published`.
    pub fn add(&mut self, key: &str, e: &EntityRow<'_>, published: Option<&str>) {
        let p = self.people.entry(key.to_owned()).or_insert_with(|| Person {
            name: e.name.to_owned(),
            kb: e.kb.map(str::to_owned),
            country: e.country.map(str::to_owned),
            ..Person::default()
        });
        p.mentions += e.mentions;
        p.seen.add(published);
        if let Some(actor) = e.actor {
            p.roles.entry(actor.to_owned()).or_default().add(published);
        }
    }

    /// Adds the counts to the `people` and `person_roles` tables.
    pub fn write(self, tx: &Transaction<'_>) -> Result<()> {
        let mut person = tx.prepare_cached(
            "INSERT INTO people (person, name, kb, country, documents, mentions, first_seen, last_seen)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (person) DO UPDATE SET documents = documents + ?5, mentions = mentions + ?6,
                 first_seen = CASE WHEN first_seen IS NULL OR ?7 < first_seen THEN ?7 ELSE first_seen END,
                 last_seen = CASE WHEN last_seen IS NULL OR ?8 > last_seen THEN ?8 ELSE last_seen END",
        )?;
        let mut role = tx.prepare_cached(
            "INSERT INTO person_roles (person, actor, documents, first_seen, last_seen)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (person, actor) DO UPDATE SET documents = documents + ?3,
                 first_seen = CASE WHEN first_seen IS NULL OR ?4 < first_seen THEN ?4 ELSE first_seen END,
                 last_seen = CASE WHEN last_seen IS NULL OR ?5 > last_seen THEN ?5 ELSE last_seen END",
        )?;
        for (key, p) in self.people {
            person.execute(params![
                key,
                p.name,
                p.kb,
                p.country,
                p.seen.documents,
                p.mentions,
                p.seen.first,
                p.seen.last
            ])?;
            for (actor, seen) in p.roles {
                role.execute(params![key, actor, seen.documents, seen.first, seen.last])?;
            }
        }
        Ok(())
    }
}
