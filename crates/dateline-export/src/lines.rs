//! JSON Lines exports of a store: PLOVER records (one per event mention of an original article)
//! and the stored `dateline/1` documents.

use std::io::Write;

use dateline_store::Store;

use crate::{ExportError, Result};

/// Writes one PLOVER JSON record per event mention of an original article of `store`; returns
/// the number of records.
pub fn plover(store: &Store, out: &mut impl Write) -> Result<usize> {
    let mut stmt = store.connection().prepare(
            "SELECT e.id, e.date, e.plover, e.plover_mode, e.source_actor, e.source_name, e.target_actor,
                    e.target_name, e.cameo, e.trigger, e.evidence, e.modality, e.place, e.place_country, e.lat,
                    e.lon, d.hash, d.url, d.published, d.source_name, e.aggregate
             FROM events e JOIN documents d ON d.id = e.document
             WHERE d.duplicate_of IS NULL ORDER BY e.id",
        )?;
    let mut rows = stmt.query([])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let geo = r.get::<_, Option<String>>(12)?.map(|name| {
                serde_json::json!({"name": name, "country": r.get::<_, Option<String>>(13).ok().flatten(),
                    "lat": r.get::<_, Option<f64>>(14).ok().flatten(), "lon": r.get::<_, Option<f64>>(15).ok().flatten()})
            });
        let record = serde_json::json!({
            "id": format!("dateline-{}", r.get::<_, i64>(0)?),
            "date": r.get::<_, Option<String>>(1)?,
            "event": r.get::<_, Option<String>>(2)?,
            "mode": r.get::<_, Option<String>>(3)?,
            "actor": r.get::<_, Option<String>>(4)?,
            "actor_text": r.get::<_, Option<String>>(5)?,
            "recipient": r.get::<_, Option<String>>(6)?,
            "recipient_text": r.get::<_, Option<String>>(7)?,
            "cameo": r.get::<_, String>(8)?,
            "event_text": r.get::<_, String>(9)?,
            "sentence": r.get::<_, String>(10)?,
            "modality": r.get::<_, String>(11)?,
            "geolocation": geo,
            "story_id": r.get::<_, String>(16)?,
            "source_url": r.get::<_, Option<String>>(17)?,
            "story_date": r.get::<_, Option<String>>(18)?,
            "publisher": r.get::<_, Option<String>>(19)?,
            "aggregate": r.get::<_, Option<i64>>(20)?,
        });
        serde_json::to_writer(&mut *out, &record)
            .map_err(|e| ExportError::Format(e.to_string()))?;
        writeln!(out)?;
        n += 1;
    }
    Ok(n)
}

/// Writes every stored `dateline/1` document of `store`, one per line; returns the number of
/// documents.
pub fn documents(store: &Store, out: &mut impl Write) -> Result<usize> {
    let mut stmt = store
        .connection()
        .prepare("SELECT dateline_unpack(json_z) FROM documents ORDER BY id")?;
    let mut rows = stmt.query([])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        writeln!(out, "{}", r.get::<_, String>(0)?)?;
        n += 1;
    }
    Ok(n)
}
