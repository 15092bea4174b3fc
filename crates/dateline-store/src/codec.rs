//! Compressed columns. A document's text and its `dateline/1` JSON are kept as zstd frames; the
//! store trains one dictionary per column on its first large batch (news shares datelines,
//! bylines, boilerplate and, in the JSON, every key), keeps it in the `codecs` table, and each
//! frame names the dictionary it needs. SQL reads the text through the `dateline_unpack(blob)`
//! function registered on every connection, so full-text search and snippets work as before.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, PoisonError, RwLock};

use rusqlite::functions::FunctionFlags;
use rusqlite::{params, Connection, OpenFlags, Transaction};
use zstd::bulk::Compressor;
use zstd::dict::DecoderDictionary;

use crate::{Result, StoreError};

/// zstd level: its default, fast to write and to read.
const LEVEL: i32 = 3;
/// Largest dictionary, in bytes.
const DICT_BYTES: usize = 64 * 1024;
/// Fewest documents a dictionary is trained from: fewer teach it little.
pub(crate) const MIN_SAMPLES: usize = 64;

/// A compressed column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Column {
    /// The document's text.
    Text = 0,
    /// The `dateline/1` JSON.
    Json = 1,
}

impl Column {
    const ALL: [Column; 2] = [Column::Text, Column::Json];

    fn name(self) -> &'static str {
        match self {
            Column::Text => "text",
            Column::Json => "json",
        }
    }
}

/// The dictionaries a connection can read with; shared with its SQL function.
#[derive(Default)]
pub(crate) struct Dictionaries {
    /// The store file, to load a dictionary that another connection trained after this one
    /// opened; `None` in memory, where every dictionary is trained by this connection.
    path: Option<PathBuf>,
    decoders: RwLock<HashMap<u32, Arc<DecoderDictionary<'static>>>>,
}

impl Dictionaries {
    /// No dictionaries yet; `path` is the store file (`None` in memory).
    pub(crate) fn new(path: Option<PathBuf>) -> Arc<Dictionaries> {
        Arc::new(Dictionaries {
            path,
            decoders: RwLock::default(),
        })
    }

    fn add(&self, id: u32, dict: &[u8]) {
        self.decoders
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(id, Arc::new(DecoderDictionary::copy(dict)));
    }

    fn get(&self, id: u32) -> std::result::Result<Arc<DecoderDictionary<'static>>, String> {
        if let Some(d) = self
            .decoders
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&id)
        {
            return Ok(Arc::clone(d));
        }
        let path = self
            .path
            .as_ref()
            .ok_or_else(|| format!("no compression dictionary {id} in this store"))?;
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| e.to_string())?;
        let dict: Vec<u8> = conn
            .query_row(
                "SELECT dict FROM codecs WHERE id = ?1",
                [i64::from(id)],
                |r| r.get(0),
            )
            .map_err(|e| format!("compression dictionary {id}: {e}"))?;
        self.add(id, &dict);
        self.get(id)
    }

    /// The text of a compressed frame (a frame without a dictionary needs none), decompressed
    /// with this thread's context: a query reading a thousand rows does not create a thousand.
    pub(crate) fn unpack(&self, frame: &[u8]) -> std::result::Result<String, String> {
        let size = zstd::zstd_safe::get_frame_content_size(frame)
            .ok()
            .flatten()
            .ok_or("not a compressed Dateline column")?;
        let size = usize::try_from(size).map_err(|e| e.to_string())?;
        let dict = match zstd::zstd_safe::get_dict_id_from_frame(frame) {
            Some(id) => Some(self.get(id.get())?),
            None => None,
        };
        let mut bytes = Vec::with_capacity(size);
        DECOMPRESSOR
            .with_borrow_mut(|dctx| {
                let dctx = dctx.get_or_insert_with(zstd::zstd_safe::DCtx::create);
                match &dict {
                    Some(d) => dctx.decompress_using_ddict(&mut bytes, frame, d.as_ddict()),
                    None => dctx.decompress(&mut bytes, frame),
                }
            })
            .map_err(|code| zstd::zstd_safe::get_error_name(code).to_owned())?;
        String::from_utf8(bytes).map_err(|e| e.to_string())
    }
}

thread_local! {
    /// This thread's decompression context.
    static DECOMPRESSOR: std::cell::RefCell<Option<zstd::zstd_safe::DCtx<'static>>> =
        const { std::cell::RefCell::new(None) };
}

/// Registers `dateline_unpack(blob)` on `conn`: the text of a compressed column (a text value
/// is returned as it is); and `dateline_slice(blob, start, end)`: bytes `start..end` of that
/// text (a quote's words), NULL off a character boundary. The last text unpacked is kept, so
/// the quotes of one document cost one decompression.
pub(crate) fn register(conn: &Connection, dicts: &Arc<Dictionaries>) -> Result<()> {
    let unpack_dicts = Arc::clone(dicts);
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("dateline_unpack", 1, flags, move |ctx| {
        use rusqlite::types::ValueRef;
        match ctx.get_raw(0) {
            ValueRef::Blob(b) => unpack_dicts
                .unpack(b)
                .map(Some)
                .map_err(|e| rusqlite::Error::UserFunctionError(e.into())),
            ValueRef::Text(t) => Ok(Some(String::from_utf8_lossy(t).into_owned())),
            _ => Ok(None),
        }
    })?;
    let slice_dicts = Arc::clone(dicts);
    let last: std::sync::Mutex<(Vec<u8>, String)> = std::sync::Mutex::default();
    conn.create_scalar_function("dateline_slice", 3, flags, move |ctx| {
        use rusqlite::types::ValueRef;
        let (start, end) = (ctx.get::<i64>(1)?, ctx.get::<i64>(2)?);
        let range = usize::try_from(start).ok().zip(usize::try_from(end).ok());
        let mut last = last.lock().unwrap_or_else(PoisonError::into_inner);
        let (ValueRef::Blob(frame) | ValueRef::Text(frame)) = ctx.get_raw(0) else {
            return Ok(None);
        };
        if last.0 != frame {
            let text = match ctx.get_raw(0) {
                ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                _ => slice_dicts
                    .unpack(frame)
                    .map_err(|e| rusqlite::Error::UserFunctionError(e.into()))?,
            };
            *last = (frame.to_vec(), text);
        }
        Ok(range.and_then(|(s, e)| last.1.get(s..e)).map(str::to_owned))
    })?;
    Ok(())
}

/// A column's dictionary for compressing: its id and bytes.
type Encoder = (u32, Arc<Vec<u8>>);

/// Compression for one store: the newest dictionary of each column (once trained) and the
/// dictionaries to read with. Shared by the writer and the threads that prepare documents
/// beside the pipeline; each thread keeps its own zstd contexts.
pub struct Codec {
    dicts: Arc<Dictionaries>,
    encoders: RwLock<[Option<Encoder>; 2]>,
}

impl std::fmt::Debug for Codec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Codec").finish_non_exhaustive()
    }
}

thread_local! {
    /// This thread's compression contexts, by column and dictionary id (0: none).
    static COMPRESSORS: std::cell::RefCell<Vec<((usize, u32), Compressor<'static>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

fn io(e: &std::io::Error) -> StoreError {
    StoreError::Compression(e.to_string())
}

impl Codec {
    /// The codec of the store `conn`, with the newest dictionary of each column; the
    /// dictionaries go to `dicts` too.
    pub(crate) fn open(conn: &Connection, dicts: &Arc<Dictionaries>) -> Result<Codec> {
        let codec = Codec {
            dicts: Arc::clone(dicts),
            encoders: RwLock::default(),
        };
        let mut stmt = conn.prepare("SELECT id, column_name, dict FROM codecs ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Vec<u8>>(2)?,
            ))
        })?;
        for row in rows {
            let (id, column, dict) = row?;
            let id = u32::try_from(id).map_err(|e| StoreError::Compression(e.to_string()))?;
            dicts.add(id, &dict);
            if let Some(c) = Column::ALL.into_iter().find(|c| c.name() == column) {
                codec.use_dictionary(c, id, dict);
            }
        }
        Ok(codec)
    }

    fn use_dictionary(&self, column: Column, id: u32, dict: Vec<u8>) {
        self.encoders
            .write()
            .unwrap_or_else(PoisonError::into_inner)[column as usize] = Some((id, Arc::new(dict)));
    }

    /// Whether every column has its dictionary: documents prepared before then are stored
    /// smaller when the writer packs them, after training on them.
    pub fn trained(&self) -> bool {
        !self.untrained(Column::Text) && !self.untrained(Column::Json)
    }

    /// Whether `column` still compresses without a dictionary.
    pub(crate) fn untrained(&self, column: Column) -> bool {
        self.encoders.read().unwrap_or_else(PoisonError::into_inner)[column as usize].is_none()
    }

    /// Trains a dictionary for `column` from `samples` and keeps it in the store (in `tx`); too
    /// few or too uniform samples leave the column without one.
    pub(crate) fn train(
        &self,
        tx: &Transaction<'_>,
        column: Column,
        samples: &[&[u8]],
    ) -> Result<()> {
        if samples.len() < MIN_SAMPLES {
            return Ok(());
        }
        let Ok(dict) = zstd::dict::from_samples(samples, DICT_BYTES) else {
            return Ok(());
        };
        let Some(id) = zstd::zstd_safe::get_dict_id(&dict) else {
            return Ok(());
        };
        tx.execute(
            "INSERT OR REPLACE INTO codecs (id, column_name, dict) VALUES (?1, ?2, ?3)",
            params![i64::from(id.get()), column.name(), dict],
        )?;
        self.dicts.add(id.get(), &dict);
        self.use_dictionary(column, id.get(), dict);
        Ok(())
    }

    /// A compressed frame of `text`, with the column's dictionary if it has one.
    pub(crate) fn pack(&self, column: Column, text: &str) -> Result<Vec<u8>> {
        let dict =
            self.encoders.read().unwrap_or_else(PoisonError::into_inner)[column as usize].clone();
        let key = (column as usize, dict.as_ref().map_or(0, |d| d.0));
        COMPRESSORS.with(|cell| {
            let mut compressors = cell.borrow_mut();
            let i = if let Some(i) = compressors.iter().position(|(k, _)| *k == key) {
                i
            } else {
                let c = match &dict {
                    Some((_, bytes)) => Compressor::with_dictionary(LEVEL, bytes),
                    None => Compressor::new(LEVEL),
                }
                .map_err(|e| io(&e))?;
                // A thread keeps the contexts of the dictionaries in use, not of old ones.
                compressors.retain(|((col, _), _)| *col != key.0);
                compressors.push((key, c));
                compressors.len() - 1
            };
            compressors[i]
                .1
                .compress(text.as_bytes())
                .map_err(|e| io(&e))
        })
    }

    /// The text of a compressed frame.
    pub(crate) fn unpack(&self, frame: &[u8]) -> std::result::Result<String, String> {
        self.dicts.unpack(frame)
    }
}

/// Compresses `text` without a dictionary (migrating an older store).
pub(crate) fn pack_plain(text: &str) -> std::result::Result<Vec<u8>, std::io::Error> {
    zstd::bulk::compress(text.as_bytes(), LEVEL)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_with_and_without_a_dictionary() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE codecs (id INTEGER PRIMARY KEY, column_name TEXT, dict BLOB)",
        )
        .unwrap();
        let dicts = Dictionaries::new(None);
        let packer = Codec::open(&conn, &dicts).unwrap();
        let plain = packer.pack(Column::Text, "Talks began in Geneva.").unwrap();
        assert_eq!(dicts.unpack(&plain).unwrap(), "Talks began in Geneva.");
        let texts: Vec<String> = (0..200)
            .map(|i| format!("GENEVA (Wire) — Envoys met for round {i} of talks on the ceasefire, officials said on day {}.", i * 7))
            .collect();
        let samples: Vec<&[u8]> = texts.iter().map(String::as_bytes).collect();
        let tx = conn.transaction().unwrap();
        packer.train(&tx, Column::Text, &samples).unwrap();
        tx.commit().unwrap();
        assert!(!packer.untrained(Column::Text));
        let text = "GENEVA (Wire) — Envoys met for round 901 of talks, officials said.";
        let frame = packer.pack(Column::Text, text).unwrap();
        assert!(zstd::zstd_safe::get_dict_id_from_frame(&frame).is_some());
        assert_eq!(dicts.unpack(&frame).unwrap(), text);
        // A connection opened afterwards reads the dictionary from the table.
        let fresh = Dictionaries::new(None);
        Codec::open(&conn, &fresh).unwrap();
        assert_eq!(fresh.unpack(&frame).unwrap(), text);
        assert_eq!(fresh.unpack(&plain).unwrap(), "Talks began in Geneva.");
        assert!(fresh.unpack(b"not a frame").is_err());
    }
}
