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

/// Text decoded from bytes, and how many invalid byte sequences were replaced by U+FFFD.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// Invalid UTF-8 sequences replaced by U+FFFD (0 for clean input and legacy encodings).
    pub replaced: usize,
}

impl Decoded {
    /// The diagnostic a document read from these bytes carries, when bytes were replaced.
    #[must_use]
    pub fn diagnostic(&self) -> Option<dateline_core::Diagnostic> {
        (self.replaced > 0).then(|| dateline_core::Diagnostic {
            stage: "decode".into(),
            message: format!(
                "{} invalid UTF-8 byte sequence{} replaced by U+FFFD",
                self.replaced,
                if self.replaced == 1 { "" } else { "s" }
            ),
        })
    }
}

/// Decodes `bytes` to text.
///
/// A BOM wins; then a `declared` charset (from HTTP or `<meta>`) when it names a known encoding
/// and the bytes decode without errors under it; then UTF-8 when the bytes are valid UTF-8, or
/// *mostly* valid UTF-8 (more well-formed multi-byte sequences than invalid ones: a few bad bytes
/// in a UTF-8 article), with U+FFFD for each invalid sequence; otherwise the legacy encoding
/// `chardetng` guesses (Windows-1252 for Western text), only when the bytes hold no UTF-8 at all.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Result<Decoded> {
    let clean = |text: String| non_empty(text).map(|text| Decoded { text, replaced: 0 });
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return clean(text.into_owned());
    }
    reject_binary(bytes)?;
    if let Some(encoding) = declared.and_then(|label| Encoding::for_label(label.trim().as_bytes()))
    {
        if encoding != UTF_8 {
            if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes)
            {
                return clean(text.into_owned());
            }
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return clean(text.to_owned());
    }
    let (multibyte, invalid) = utf8_census(bytes);
    if multibyte > invalid
        || declared.is_some_and(|l| Encoding::for_label(l.trim().as_bytes()) == Some(UTF_8))
    {
        let text = String::from_utf8_lossy(bytes).into_owned();
        return non_empty(text).map(|text| Decoded {
            text,
            replaced: invalid,
        });
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let encoding = detector.guess(None, true);
    let (text, _, _) = encoding.decode(bytes);
    clean(text.into_owned())
}

/// Well-formed multi-byte UTF-8 sequences and invalid sequences in `bytes`.
fn utf8_census(bytes: &[u8]) -> (usize, usize) {
    let (mut multibyte, mut invalid) = (0, 0);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    (multibyte, invalid)
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
        assert_eq!(decode("Zürich".as_bytes(), None).unwrap().text, "Zürich");
        assert_eq!(decode(b"\xef\xbb\xbfKyiv", None).unwrap().text, "Kyiv");
    }

    #[test]
    fn windows_1252_is_detected() {
        let bytes =
            b"\x93We will not retreat,\x94 said Jos\xe9 N\xfa\xf1ez in Z\xfcrich on Monday.";
        let decoded = decode(bytes, None).unwrap();
        assert_eq!(decoded.replaced, 0);
        let text = decoded.text;
        assert!(
            text.contains("“We will not retreat,” said José Núñez in Zürich"),
            "{text}"
        );
    }

    #[test]
    fn declared_charset_is_used_when_it_fits() {
        let text = decode(b"caf\xe9 cr\xe8me", Some("iso-8859-1"))
            .unwrap()
            .text;
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

    #[test]
    fn a_few_bad_bytes_in_utf8_stay_utf8_with_replacements() {
        let mut bytes = Vec::new();
        for k in 0..20 {
            bytes.extend_from_slice(
                format!("“Talks resume in Zürich,” the envoy said ({k}). ").as_bytes(),
            );
        }
        for (at, bad) in [(40, 0xff), (300, 0xfe), (600, 0xc3), (900, 0x80)] {
            bytes.insert(at, bad);
        }
        let decoded = decode(&bytes, None).unwrap();
        assert_eq!(decoded.replaced, 4);
        assert_eq!(decoded.text.matches('\u{fffd}').count(), 4);
        assert!(decoded.text.contains("“Talks resume in Zürich,”"));
        assert!(!decoded.text.contains("â€œ"), "not read as Windows-1252");
        let note = decoded.diagnostic().unwrap();
        assert_eq!(note.stage, "decode");
        assert!(note.message.starts_with("4 invalid UTF-8 byte sequences"));
    }
}
