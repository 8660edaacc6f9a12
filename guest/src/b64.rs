//! Canonical base64url without padding (RFC 4648 §5). Decoding is strict:
//! padding, other alphabets, whitespace and non-zero trailing bits are
//! rejected, so every byte string has exactly one accepted encoding and a
//! token cannot be altered without changing its text.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Why a string is not canonical base64url.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// A character outside `A-Z a-z 0-9 - _` (padding `=` included).
    InvalidChar(char),
    /// A length that no byte string encodes to (4n+1).
    InvalidLength,
    /// The last character carries bits that must be zero.
    NonCanonical,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::InvalidChar(c) => write!(f, "character {c:?} is not base64url"),
            DecodeError::InvalidLength => f.write_str("length is not a valid base64url length"),
            DecodeError::NonCanonical => f.write_str("non-canonical base64url (trailing bits set)"),
        }
    }
}

/// Encode bytes as base64url without padding.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// Encode bytes as standard base64 with padding (RFC 4648 §4), the form
/// HTTP Basic authentication takes.
pub fn encode_std(bytes: &[u8]) -> String {
    let mut out: String = encode(bytes)
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    while !out.len().is_multiple_of(4) {
        out.push('=');
    }
    out
}

fn value(c: u8) -> Option<u32> {
    match c {
        b'A'..=b'Z' => Some(u32::from(c - b'A')),
        b'a'..=b'z' => Some(u32::from(c - b'a') + 26),
        b'0'..=b'9' => Some(u32::from(c - b'0') + 52),
        b'-' => Some(62),
        b'_' => Some(63),
        _ => None,
    }
}

/// Decode canonical base64url without padding.
pub fn decode(s: &str) -> Result<Vec<u8>, DecodeError> {
    let bytes = s.as_bytes();
    if let Some(c) = s
        .chars()
        .find(|c| !c.is_ascii() || value(*c as u8).is_none())
    {
        return Err(DecodeError::InvalidChar(c));
    }
    if bytes.len() % 4 == 1 {
        return Err(DecodeError::InvalidLength);
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3 + 2);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c).unwrap_or(0) << (18 - 6 * i);
        }
        let produced = chunk.len() - 1;
        let full = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        // Bits below the last produced byte must be zero for a canonical encoding.
        let unused_mask = match produced {
            1 => 0xFFFF,
            2 => 0xFF,
            _ => 0,
        };
        if n & unused_mask != 0 {
            return Err(DecodeError::NonCanonical);
        }
        out.extend_from_slice(&full[..produced]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_length() {
        for len in 0..40 {
            let data: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            assert_eq!(decode(&encode(&data)).unwrap(), data);
        }
    }

    #[test]
    fn matches_rfc4648_examples_without_padding() {
        assert_eq!(encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(encode(b"fooba"), "Zm9vYmE");
        assert_eq!(encode(b"f"), "Zg");
        assert_eq!(encode(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn rejects_padding_standard_alphabet_and_whitespace() {
        assert!(matches!(decode("Zg=="), Err(DecodeError::InvalidChar('='))));
        assert!(matches!(decode("+/8"), Err(DecodeError::InvalidChar('+'))));
        assert!(matches!(
            decode("Zm9v YmFy"),
            Err(DecodeError::InvalidChar(' '))
        ));
        assert_eq!(decode("Zm9vY"), Err(DecodeError::InvalidLength));
    }

    #[test]
    fn rejects_non_zero_trailing_bits() {
        assert_eq!(decode("Zg").unwrap(), b"f");
        assert_eq!(decode("Zh"), Err(DecodeError::NonCanonical));
        assert_eq!(decode("Zm9"), Err(DecodeError::NonCanonical));
    }
}
