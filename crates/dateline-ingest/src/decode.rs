//! Bytes to text: BOMs, UTF-8, and legacy encodings detected with `chardetng`.

use encoding_rs::{Encoding, UTF_8};

use crate::error::{IngestError, Result};

/// How many leading bytes are checked for NUL bytes when deciding that an input is binary.
const BINARY_SNIFF: usize = 8 * 1024;

/// Fails with [`IngestError::Binary`] when the start of `bytes` holds NUL bytes (text never does;
/// UTF-16 text carries a BOM and is handled before this check).
pub(crate) fn reject_binary(bytes: &[u8]) -> Result<()> {
    let head = &bytes[..bytes.len().min(BINARY_SNIFF)];
    match head.iter().position(|&b| b == 0) {
        Some(offset) => Err(IngestError::Binary { offset }),
        None => Ok(()),
    }
}

/// Decodes `bytes` to a `String`.
///
/// A BOM wins; then a `declared` charset (from HTTP or `<meta>`) when it names a known encoding
/// and the bytes decode without errors under it; then UTF-8 when the bytes are valid UTF-8;
/// otherwise the encoding `chardetng` guesses (Windows-1252 for Western text).
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Result<String> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return non_empty(text.into_owned());
    }
    reject_binary(bytes)?;
    if let Some(encoding) = declared.and_then(|label| Encoding::for_label(label.trim().as_bytes()))
    {
        if encoding != UTF_8 {
            if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes)
            {
                return non_empty(text.into_owned());
            }
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return non_empty(text.to_owned());
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let encoding = detector.guess(None, true);
    let (text, _, _) = encoding.decode(bytes);
    non_empty(text.into_owned())
}

fn non_empty(text: String) -> Result<String> {
    if text.trim().is_empty() {
        Err(IngestError::Empty)
    } else {
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("Zürich".as_bytes(), None).unwrap(), "Zürich");
        assert_eq!(decode(b"\xef\xbb\xbfKyiv", None).unwrap(), "Kyiv");
    }

    #[test]
    fn windows_1252_is_detected() {
        let bytes =
            b"\x93We will not retreat,\x94 said Jos\xe9 N\xfa\xf1ez in Z\xfcrich on Monday.";
        let text = decode(bytes, None).unwrap();
        assert!(
            text.contains("“We will not retreat,” said José Núñez in Zürich"),
            "{text}"
        );
    }

    #[test]
    fn declared_charset_is_used_when_it_fits() {
        let text = decode(b"caf\xe9 cr\xe8me", Some("iso-8859-1")).unwrap();
        assert_eq!(text, "café crème");
    }

    #[test]
    fn empty_and_binary_are_errors() {
        assert!(matches!(decode(b"", None), Err(IngestError::Empty)));
        assert!(matches!(decode(b" \n\t ", None), Err(IngestError::Empty)));
        assert!(matches!(
            decode(b"PK\x03\x04\x00\x00", None),
            Err(IngestError::Binary { offset: 4 })
        ));
    }
}
