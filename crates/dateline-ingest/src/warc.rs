//! WARC and WARC.gz files (news crawls): HTML response records, streamed one record at a time.

use std::io::{BufRead, Read};

use dateline_core::{Document, SourceFormat};
use flate2::read::{GzDecoder, MultiGzDecoder};
use warc::{RecordType, WarcHeader, WarcReader};

use crate::error::{IngestError, InputError, Result};
use crate::html::{read_html, HtmlOrigin};
use crate::warc_bound::{RecordBound, MAX_RECORD_BYTES};

/// The HTTP headers a response may carry; more than this is treated as malformed.
const MAX_HTTP_HEADERS: usize = 128;

/// An HTML payload of an HTTP response.
struct HtmlPayload {
    body: Vec<u8>,
    charset: Option<String>,
}

fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let line_end = body.windows(2).position(|w| w == b"\r\n")?;
        let size_field = std::str::from_utf8(&body[..line_end]).ok()?;
        let size = usize::from_str_radix(size_field.split(';').next()?.trim(), 16).ok()?;
        body = &body[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size + 2..).unwrap_or_default();
    }
}

/// Parses an HTTP response; `Ok(None)` when it is not a successful HTML response.
fn html_payload(block: &[u8]) -> Result<Option<HtmlPayload>> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HTTP_HEADERS];
    let mut response = httparse::Response::new(&mut headers);
    let header_len = match response.parse(block) {
        Ok(httparse::Status::Complete(len)) => len,
        Ok(httparse::Status::Partial) => {
            return Err(IngestError::Warc("truncated HTTP headers".into()))
        }
        Err(e) => return Err(IngestError::Warc(format!("bad HTTP response: {e}"))),
    };
    if response.code != Some(200) {
        return Ok(None);
    }
    let header = |name: &str| {
        response
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).to_ascii_lowercase())
    };
    let content_type = header("content-type").unwrap_or_default();
    if !(content_type.contains("html") || content_type.is_empty()) {
        return Ok(None);
    }
    let charset = content_type
        .split(';')
        .find_map(|p| p.trim().strip_prefix("charset="))
        .map(|c| c.trim_matches(['"', '\'']).to_owned());
    let mut body = block[header_len..].to_vec();
    if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        body = dechunk(&body).ok_or_else(|| IngestError::Warc("bad chunked HTTP body".into()))?;
    }
    if header("content-encoding").is_some_and(|e| e.contains("gzip")) {
        let mut plain = Vec::new();
        GzDecoder::new(body.as_slice())
            .read_to_end(&mut plain)
            .map_err(|e| IngestError::Gzip(e.to_string()))?;
        body = plain;
    }
    Ok(Some(HtmlPayload { body, charset }))
}

/// Documents from the HTML response records of a WARC stream. Other records (requests, metadata,
/// images) are skipped. A record that cannot be extracted is an error for that record; a WARC
/// that cannot be parsed further ends the stream with one error.
pub struct WarcDocuments<R: BufRead> {
    records: warc::RecordIter<RecordBound<R>>,
    path: String,
    done: bool,
}

impl<R: BufRead> WarcDocuments<R> {
    /// Documents of the WARC read from `reader`, named `path` in messages.
    pub fn new(reader: R, path: &str) -> Self {
        WarcDocuments {
            records: WarcReader::new(RecordBound::new(reader, MAX_RECORD_BYTES)).iter_records(),
            path: path.to_owned(),
            done: false,
        }
    }
}

/// Documents of a gzip-compressed WARC (one gzip member per record, or one for the whole file).
pub fn gzip_warc<R: Read>(
    reader: R,
    path: &str,
) -> WarcDocuments<std::io::BufReader<MultiGzDecoder<R>>> {
    WarcDocuments::new(std::io::BufReader::new(MultiGzDecoder::new(reader)), path)
}

fn warc_error(err: &warc::Error) -> IngestError {
    match err {
        warc::Error::ReadData(io) => match io.kind() {
            std::io::ErrorKind::InvalidInput
            | std::io::ErrorKind::InvalidData
            | std::io::ErrorKind::UnexpectedEof => IngestError::Gzip(io.to_string()),
            _ => IngestError::Warc(format!("read failed: {io}")),
        },
        warc::Error::UnexpectedEOB => {
            IngestError::Warc("record ends before its Content-Length (truncated file?)".into())
        }
        warc::Error::ReadOverflow => {
            IngestError::Warc("record body does not match its Content-Length".into())
        }
        other => IngestError::Warc(other.to_string().trim_end_matches('.').to_owned()),
    }
}

impl<R: BufRead> Iterator for WarcDocuments<R> {
    type Item = std::result::Result<Document, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let record = match self.records.next()? {
                Ok(record) => record,
                Err(err) => {
                    self.done = true;
                    return Some(Err(InputError::new(&self.path, None, warc_error(&err))));
                }
            };
            if *record.warc_type() != RecordType::Response {
                continue;
            }
            let id = record.warc_id().to_owned();
            // Raw header bytes: `Record::header` panics on a value that is not UTF-8.
            let (headers, body) = record.into_raw_parts();
            let url = headers
                .headers
                .get(&WarcHeader::TargetURI)
                .map(|v| String::from_utf8_lossy(v).into_owned());
            let payload = match html_payload(&body) {
                Ok(Some(payload)) => payload,
                Ok(None) => continue,
                Err(e) => return Some(Err(InputError::new(&self.path, Some(&id), e))),
            };
            let origin = HtmlOrigin {
                path: Some(&self.path),
                url: url.as_deref(),
                charset: payload.charset.as_deref(),
                format: Some(SourceFormat::Warc),
                record: Some(&id),
            };
            return Some(
                read_html(&payload.body, origin)
                    .map_err(|e| InputError::new(&self.path, Some(&id), e)),
            );
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_bodies_are_joined() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n").unwrap(),
            b"Wikipedia"
        );
        assert!(dechunk(b"zz\r\n").is_none());
        assert!(dechunk(b"10\r\nshort\r\n").is_none());
    }

    #[test]
    fn non_html_and_errors_are_skipped() {
        let png = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        assert!(html_payload(png).unwrap().is_none());
        let moved = b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n";
        assert!(html_payload(moved).unwrap().is_none());
        let html =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\r\n<p>x</p>";
        let payload = html_payload(html).unwrap().unwrap();
        assert_eq!(payload.charset.as_deref(), Some("iso-8859-1"));
        assert_eq!(payload.body, b"<p>x</p>");
        assert!(html_payload(b"garbage\0\0").is_err());
    }
}
