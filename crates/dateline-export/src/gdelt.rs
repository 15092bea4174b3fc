//! GDELT Events 2.0 export: 61 tab-separated columns, one row per aggregated event of a store.

use std::io::Write;

use std::collections::HashSet;

use dateline_store::Store;
use rusqlite::Row;

use crate::data::{fips, tone};
use crate::Result;

/// GDELT's text cells hold no tabs or newlines.
fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// `(code, country, known group, type1)` of a CAMEO-style actor code for GDELT's actor columns.
fn actor_parts(code: &str) -> [String; 4] {
    if code.is_empty() {
        return Default::default();
    }
    if dateline_core::is_international(code) {
        return [
            code.to_owned(),
            String::new(),
            code.get(3..6).unwrap_or_default().to_owned(),
            code.get(..3).unwrap_or_default().to_owned(),
        ];
    }
    [
        code.to_owned(),
        code.get(..3).unwrap_or_default().to_owned(),
        String::new(),
        code.get(3..6).unwrap_or_default().to_owned(),
    ]
}

/// One aggregated event with what GDELT's row needs.
struct Aggregate {
    id: i64,
    date: Option<String>,
    source: String,
    target: String,
    cameo: String,
    root: String,
    quad: i64,
    goldstein: f64,
    mentions: i64,
    sources: i64,
    articles: i64,
    /// When the first article reporting it was stored (GDELT's `DATEADDED`).
    added: String,
    source_name: Option<String>,
    target_name: Option<String>,
    place: Option<String>,
    place_country: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    url: Option<String>,
    /// Tone of the first article that reports it (GDELT averages over all of them).
    tone: f64,
}

impl Aggregate {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Aggregate> {
        Ok(Aggregate {
            id: r.get(0)?,
            date: r.get(1)?,
            source: r.get(2)?,
            target: r.get(3)?,
            cameo: r.get(4)?,
            root: r.get(5)?,
            quad: r.get(6)?,
            goldstein: r.get(7)?,
            mentions: r.get(8)?,
            sources: r.get(9)?,
            articles: r.get(10)?,
            added: r.get(11)?,
            source_name: r.get(12)?,
            target_name: r.get(13)?,
            place: r.get(14)?,
            place_country: r.get(15)?,
            lat: r.get(16)?,
            lon: r.get(17)?,
            url: r.get(18)?,
            tone: tone(&r.get::<_, String>(19)?).0,
        })
    }

    /// The 61 GDELT Events 2.0 columns.
    fn gdelt_row(&self) -> Vec<String> {
        let mut row = vec![self.id.to_string()];
        row.extend(date_columns(self.date.as_deref()));
        for (code, name) in [
            (&self.source, &self.source_name),
            (&self.target, &self.target_name),
        ] {
            let [c, country, group, type1] = actor_parts(code);
            row.extend([
                c,
                clean(name.as_deref().unwrap_or_default()).to_uppercase(),
                country,
                group,
                String::new(),
                String::new(),
                String::new(),
                type1,
                String::new(),
                String::new(),
            ]);
        }
        let base = self.cameo.get(..3).unwrap_or(&self.cameo).to_owned();
        row.extend([
            "1".to_owned(),
            self.cameo.clone(),
            base,
            self.root.clone(),
            self.quad.to_string(),
            format!("{:.1}", self.goldstein),
            self.mentions.to_string(),
            self.sources.to_string(),
            self.articles.to_string(),
            format!("{:.4}", self.tone),
        ]);
        let geo = self.geo();
        // Actor1Geo, Actor2Geo (not known separately: empty), ActionGeo.
        row.extend(std::iter::repeat_n(String::new(), 16));
        row.extend(geo);
        let added: String = self.added.chars().filter(char::is_ascii_digit).collect();
        row.push(format!("{:0<14}", added.get(..14).unwrap_or(&added)));
        row.push(self.url.clone().unwrap_or_default());
        row
    }

    /// The eight `ActionGeo` columns: type (1 country, 4 city), full name, FIPS country, ADM1,
    /// ADM2, latitude, longitude, feature id.
    fn geo(&self) -> [String; 8] {
        let Some(place) = self.place.as_deref().filter(|p| !p.is_empty()) else {
            return Default::default();
        };
        let country = self
            .place_country
            .as_deref()
            .and_then(fips)
            .unwrap_or_default();
        let coord = |v: Option<f64>| v.map(|v| format!("{v:.4}")).unwrap_or_default();
        [
            "4".to_owned(),
            clean(place),
            country.to_owned(),
            country.to_owned(),
            String::new(),
            coord(self.lat),
            coord(self.lon),
            String::new(),
        ]
    }
}

/// `SQLDATE`, `MonthYear`, `Year` and `FractionDate` of a `YYYY[-MM[-DD]]` date (a coarser date
/// fills the missing parts with zeros, as GDELT does); four empty columns when the event has no
/// date: it is left blank, never made up.
fn date_columns(date: Option<&str>) -> [String; 4] {
    let Some(date) = date else {
        return Default::default();
    };
    let digits: String = date.chars().filter(char::is_ascii_digit).collect();
    let day = format!("{digits:0<8}");
    let day = day.get(..8).unwrap_or("00000000").to_owned();
    let year = day.get(..4).unwrap_or_default().to_owned();
    let month: u32 = day
        .get(4..6)
        .and_then(|m| m.parse().ok())
        .unwrap_or(1)
        .max(1);
    let fraction = format!(
        "{:.4}",
        year.parse::<f64>().unwrap_or_default() + (f64::from(month) - 1.0) / 12.0
    );
    [
        day.clone(),
        day.get(..6).unwrap_or_default().to_owned(),
        year,
        fraction,
    ]
}

/// Writes GDELT Events 2.0 rows (tab-separated, no header, 61 columns), one per aggregated event
/// of `store`; returns the number of rows.
pub fn gdelt_events(store: &Store, out: &mut impl Write) -> Result<usize> {
    write_events(store, None, out)
}

/// Writes the GDELT Events 2.0 rows of the aggregated events first reported by one of
/// `documents` (store ids), as [`gdelt_events`] does for all: a poll's update file.
pub fn gdelt_events_for(store: &Store, documents: &[i64], out: &mut impl Write) -> Result<usize> {
    let only: HashSet<i64> = documents.iter().copied().collect();
    write_events(store, Some(&only), out)
}

fn write_events(store: &Store, only: Option<&HashSet<i64>>, out: &mut impl Write) -> Result<usize> {
    let mut stmt = store.connection().prepare(
            "SELECT a.id, a.date, a.source_actor, a.target_actor, a.cameo, a.root, a.quad_class, a.goldstein,
                    a.num_mentions, a.num_sources, a.num_articles, d.ingested_at,
                    e.source_name, e.target_name, e.place, e.place_country, e.lat, e.lon, d.url, dateline_unpack(d.text_z),
                    e.document
             FROM aggregates a
             JOIN events e ON e.id = (SELECT MIN(id) FROM events WHERE aggregate = a.id)
             JOIN documents d ON d.id = e.document
             ORDER BY a.id",
        )?;
    let mut rows = stmt.query([])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let document: i64 = r.get(20)?;
        if only.is_some_and(|only| !only.contains(&document)) {
            continue;
        }
        writeln!(out, "{}", Aggregate::from_row(r)?.gdelt_row().join("\t"))?;
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fips_codes_and_actor_parts() {
        assert_eq!(fips("DEU"), Some("GM"));
        assert_eq!(fips("UKR"), Some("UP"));
        assert_eq!(fips("XXX"), None);
        assert_eq!(actor_parts("USAGOV")[1], "USA");
        assert_eq!(actor_parts("USAGOV")[3], "GOV");
        assert_eq!(actor_parts("IGOUNO")[3], "IGO");
        assert_eq!(actor_parts(""), <[String; 4]>::default());
    }
}
