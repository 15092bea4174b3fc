//! GDELT-style update files for the documents a poll stored first: `YYYYMMDDHHMMSS.export.CSV.zip`
//! (Events 2.0 rows, 61 tab-separated columns) and `YYYYMMDDHHMMSS.gkg.csv.zip` (GKG 2.1
//! records), each one zip entry named like the file without `.zip`, and `lastupdate.txt`, one
//! `SIZE MD5 URL` line per file as GDELT writes it. Every file is written to a temporary name
//! and renamed, so a reader never sees half a file.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeDelta, Utc};
use dateline_store::Store;
use md5::{Digest, Md5};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::WatchError;

/// The file `lastupdate.txt` is written to.
pub const LAST_UPDATE: &str = "lastupdate.txt";

/// One update file written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateFile {
    /// Where it is.
    pub path: PathBuf,
    /// Its size in bytes.
    pub size: u64,
    /// The MD5 of its bytes, lowercase hex.
    pub md5: String,
    /// Rows (events or GKG records) in it.
    pub rows: usize,
}

/// Writes the update files of `documents` (store ids) into `dir`, stamped `at` (a later second
/// if files of that second exist), and rewrites `lastupdate.txt` to list them, under
/// `url_prefix` when given.
pub fn write_updates(
    store: &Store,
    documents: &[i64],
    dir: &Path,
    at: DateTime<Utc>,
    url_prefix: Option<&str>,
) -> Result<Vec<UpdateFile>, WatchError> {
    std::fs::create_dir_all(dir).map_err(|e| WatchError::io(dir, e))?;
    let stamp = free_stamp(dir, at);
    let mut events = Vec::new();
    let event_rows = dateline_export::gdelt_events_for(store, documents, &mut events)?;
    let mut gkg = Vec::new();
    let gkg_rows = dateline_export::gkg_for(store, documents, &mut gkg)?;
    let files = vec![
        write_zip(dir, &format!("{stamp}.export.CSV"), &events, event_rows)?,
        write_zip(dir, &format!("{stamp}.gkg.csv"), &gkg, gkg_rows)?,
    ];
    let mut list = String::new();
    for file in &files {
        let name = file
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let address = match url_prefix {
            Some(prefix) => format!("{}/{name}", prefix.trim_end_matches('/')),
            None => name,
        };
        let _ = writeln!(list, "{} {} {address}", file.size, file.md5);
    }
    write_atomically(&dir.join(LAST_UPDATE), list.as_bytes())?;
    Ok(files)
}

/// `YYYYMMDDHHMMSS` of `at`, or of the first later second whose files do not exist yet.
fn free_stamp(dir: &Path, at: DateTime<Utc>) -> String {
    let stamp = |t: DateTime<Utc>| t.format("%Y%m%d%H%M%S").to_string();
    (0..3600)
        .map(|s| stamp(at + TimeDelta::seconds(s)))
        .find(|s| {
            !dir.join(format!("{s}.export.CSV.zip")).exists()
                && !dir.join(format!("{s}.gkg.csv.zip")).exists()
        })
        .unwrap_or_else(|| stamp(at))
}

/// Zips `bytes` as the one entry `entry` into `dir/entry.zip`.
fn write_zip(dir: &Path, entry: &str, bytes: &[u8], rows: usize) -> Result<UpdateFile, WatchError> {
    let path = dir.join(format!("{entry}.zip"));
    let zip_error = |e: zip::result::ZipError| WatchError::Zip {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    zip.start_file(entry, options).map_err(zip_error)?;
    zip.write_all(bytes).map_err(|e| WatchError::io(&path, e))?;
    let zipped = zip.finish().map_err(zip_error)?.into_inner();
    write_atomically(&path, &zipped)?;
    Ok(UpdateFile {
        size: zipped.len() as u64,
        md5: md5_hex(&zipped),
        rows,
        path,
    })
}

/// Lowercase hex MD5 of `bytes`.
pub fn md5_hex(bytes: &[u8]) -> String {
    let mut hex = String::with_capacity(32);
    for byte in &Md5::digest(bytes) {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// Writes `bytes` to `path` through a temporary file in the same directory and a rename.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), WatchError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.tmp"));
    let written = std::fs::File::create(&temporary).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    written.map_err(|e| WatchError::io(&temporary, e))?;
    std::fs::rename(&temporary, path).map_err(|e| WatchError::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn md5_of_known_inputs() {
        assert_eq!(md5_hex(b""), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(md5_hex(b"abc"), "900150983cd24fb0d6963f7d28e17f72");
    }

    #[test]
    fn stamps_move_on_when_files_exist() {
        let dir = tempfile::tempdir().unwrap();
        let at = DateTime::parse_from_rfc3339("2026-11-05T09:15:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(free_stamp(dir.path(), at), "20261105091500");
        std::fs::write(dir.path().join("20261105091500.gkg.csv.zip"), b"x").unwrap();
        assert_eq!(free_stamp(dir.path(), at), "20261105091501");
    }
}
