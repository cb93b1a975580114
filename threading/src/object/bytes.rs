//! `bytes` (immutable) and `bytearray` (mutable, in the one cell type),
//! and their `repr`.
//!
//! ```text
//!   b'ab\x00'   Bytes { data: [0x61, 0x62, 0x00] }          repr b'ab\x00'
//!   bytearray(b'x')  ByteArray { data: PyCell<Vec<u8>> }    repr bytearray(b'x')
//! ```
//!
//! Python equivalent: `Objects/bytesobject.c` (`PyBytes_Repr`),
//! `Objects/bytearrayobject.c`.

use super::cell::{PyCell, PyGuard};
use std::fmt::Write as _;

/// A `bytes` object.
pub struct Bytes {
    /// The bytes.
    pub data: Box<[u8]>,
}

impl Bytes {
    /// A `bytes` holding `data`.
    pub fn new(data: Vec<u8>) -> Bytes {
        Bytes {
            data: data.into_boxed_slice(),
        }
    }
}

/// A `bytearray` object.
#[derive(Default)]
pub struct ByteArray {
    /// The bytes; every access goes through the cell.
    pub data: PyCell<Vec<u8>>,
}

impl ByteArray {
    /// A `bytearray` holding `data`.
    pub fn new(data: Vec<u8>) -> ByteArray {
        ByteArray {
            data: PyCell::new(data),
        }
    }

    /// Exclusive access to the bytes.
    pub fn lock(&self) -> PyGuard<'_, Vec<u8>> {
        self.data.lock()
    }
}

/// CPython's `repr(bytes)`: `b'...'`, single quotes unless the data has a
/// `'` and no `"`, escapes for `\\ \t \n \r`, non-printables as `\xNN`.
pub fn bytes_repr(data: &[u8]) -> String {
    let quote = if data.contains(&b'\'') && !data.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(data.len() + 3);
    out.push('b');
    out.push(quote);
    for &b in data {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if b as char == quote => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7e => out.push(b as char),
            _ => {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_like_cpython() {
        assert_eq!(bytes_repr(b"ab\x00\xff"), "b'ab\\x00\\xff'");
        assert_eq!(bytes_repr(b"it's"), "b\"it's\"");
        assert_eq!(bytes_repr(b"a'\"b"), "b'a\\'\"b'");
    }
}
