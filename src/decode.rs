//! Decoding: raw bytes to a `String`, saying what the bytes were.
//!
//! UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, and Windows-1252 when
//! the bytes are not valid UTF-8 (the usual export of older Windows tools).
//! Line ends are left alone here; the normaliser reads CRLF and CR as LF.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
use std::borrow::Cow;

/// Decoded text and the name of the encoding it was read from.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be` or `windows-1252`.
    pub encoding: &'static str,
    /// True when some bytes could not be decoded and were replaced by U+FFFD.
    pub had_errors: bool,
}

/// Decodes `bytes`, sniffing a BOM first, then trying strict UTF-8, then
/// falling back to Windows-1252 (which maps every byte).
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let (text, had_errors) = enc.decode_without_bom_handling(body);
        let encoding = if enc == UTF_8 {
            "utf-8-bom"
        } else if enc == UTF_16LE {
            "utf-16le"
        } else if enc == UTF_16BE {
            "utf-16be"
        } else {
            "unknown"
        };
        return Decoded {
            text,
            encoding,
            had_errors,
        };
    }
    // Validated with vector instructions: most files are UTF-8, and French
    // text has too many accents for the standard library's ASCII fast path.
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => Decoded {
            text: Cow::Borrowed(s),
            encoding: "utf-8",
            had_errors: false,
        },
        Err(_) if mostly_utf8(bytes) => Decoded {
            text: String::from_utf8_lossy(bytes),
            encoding: "utf-8",
            had_errors: true,
        },
        Err(_) => {
            let (text, had_errors) = WINDOWS_1252.decode_without_bom_handling(bytes);
            Decoded {
                text,
                encoding: "windows-1252",
                had_errors,
            }
        }
    }
}

/// True for UTF-8 damaged in places (a file cut in the middle of a
/// character, a few corrupted bytes): its valid multi-byte characters
/// outnumber its invalid sequences. Windows-1252 text almost never forms
/// valid multi-byte UTF-8, so it fails this test.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    valid > invalid
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_plain_and_bom() {
        let d = decode("Délibération".as_bytes());
        assert_eq!(d.encoding, "utf-8");
        assert_eq!(d.text, "Délibération");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("Vu le code".as_bytes());
        let d = decode(&b);
        assert_eq!(d.encoding, "utf-8-bom");
        assert_eq!(d.text, "Vu le code");
    }

    #[test]
    fn utf16_with_bom() {
        let mut b = vec![0xFF, 0xFE];
        for u in "Présents : M. X".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&b);
        assert_eq!(d.encoding, "utf-16le");
        assert_eq!(d.text, "Présents : M. X");
    }

    #[test]
    fn truncated_utf8_stays_utf8() {
        let text = "Délibération du Conseil – réunion".as_bytes();
        // Cut inside the three bytes of the dash.
        let cut = text.len() - "réunion".len() - 3;
        let d = decode(&text[..cut]);
        assert_eq!(d.encoding, "utf-8");
        assert!(d.had_errors);
        assert!(d.text.starts_with("Délibération du Conseil "));
    }

    #[test]
    fn windows_1252_fallback() {
        // "Réunion" in Windows-1252: é is 0xE9, invalid as UTF-8 here.
        let d = decode(b"R\xe9union du 20 novembre");
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.text, "Réunion du 20 novembre");
    }
}
