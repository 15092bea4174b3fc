//! A bound on how much of a WARC stream one record may take. The `warc` crate reads a record's
//! header until a blank line and its body line by line into memory; on a malformed file (no
//! blank line, a newline-free gigabyte, a false `Content-Length`) that is the whole file. This
//! reader counts the bytes since the last line that starts a record (`WARC/`) and fails once
//! they pass the limit, so memory stays bounded whatever the input.

use std::io::{BufRead, Read};

/// The most bytes one WARC record (headers and body) may span.
pub const MAX_RECORD_BYTES: u64 = 128 * 1024 * 1024;

/// `inner` with at most `limit` bytes per WARC record.
pub struct RecordBound<R> {
    inner: R,
    limit: u64,
    since_record: u64,
    /// Whether the next byte starts a line.
    line_start: bool,
}

impl<R: BufRead> RecordBound<R> {
    pub fn new(inner: R, limit: u64) -> Self {
        RecordBound {
            inner,
            limit,
            since_record: 0,
            line_start: true,
        }
    }
}

impl<R: BufRead> Read for RecordBound<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for RecordBound<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.since_record > self.limit {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "a WARC record spans more than {} MiB (no blank line or a wrong Content-Length?)",
                    self.limit / (1024 * 1024)
                ),
            ));
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            let taken = &buf[..amt.min(buf.len())];
            let mut counted_from = 0;
            for (i, &b) in taken.iter().enumerate() {
                // A record starts at a line beginning with "WARC/" (checked within this buffer).
                if self.line_start && b == b'W' && taken.get(i..i + 5) == Some(b"WARC/") {
                    self.since_record = 0;
                    counted_from = i;
                }
                self.line_start = b == b'\n';
            }
            self.since_record += (taken.len() - counted_from) as u64;
        }
        self.inner.consume(amt);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_within_the_limit_pass_and_an_endless_header_fails() {
        let two = b"WARC/1.0\r\nA: b\r\n\r\nbody\r\n\r\nWARC/1.0\r\nA: c\r\n\r\nmore\r\n\r\n";
        let mut ok = Vec::new();
        RecordBound::new(&two[..], 40).read_to_end(&mut ok).unwrap();
        // (each record is under 40 bytes; both together are not)
        assert_eq!(ok, two);
        let endless = [b"WARC/1.0\r\n".as_slice(), &[b'x'; 10_000]].concat();
        let mut bounded =
            RecordBound::new(std::io::BufReader::with_capacity(64, &endless[..]), 100);
        let mut out = Vec::new();
        let err = loop {
            match bounded.read_until(b'\n', &mut out) {
                Ok(0) => panic!("read to the end without an error"),
                Ok(_) => {}
                Err(err) => break err,
            }
        };
        assert!(
            err.to_string().contains("WARC record spans more than"),
            "{err}"
        );
        assert!(out.len() < 200, "{}", out.len());
    }
}
