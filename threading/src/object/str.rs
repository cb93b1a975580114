//! `str`: immutable text that knows its length in characters and caches
//! its hash; and the interner that makes attribute names pointer-equal.
//!
//! ```text
//!   Value::Str(Arc<PyStr>)     PyStr { text: "héllo", chars: 5, hash: -1 → cached }
//!   intern("append")  ─▶ the same Arc<PyStr> every time (names, attributes)
//! ```
//!
//! Python indexes strings by code point. Rust strings are UTF-8, so
//! `s[i]` is O(1) only for ASCII text; [`PyStr::chars`] records the count
//! at creation, which makes `len(s)` O(1) and tells the ASCII fast path
//! (`chars == bytes`) from the general one. CPython picks a fixed-width
//! representation per string (PEP 393) instead; the road not taken here
//! because most MiniPy strings are ASCII and UTF-8 needs no conversion for
//! printing.
//!
//! Interning: the compiler interns every identifier (attribute, global and
//! keyword names), so an attribute lookup compares pointers first and text
//! only on a miss, and issue 10's inline caches can key on the pointer.
//! Strings built at run time are not interned (CPython does not intern
//! them either); a dict lookup still finds them by hash and text.
//!
//! Simplification: CPython randomises `hash(str)` per process (PEP 456,
//! SipHash); MiniPy uses a fixed FNV-1a-style hash. No deterministic
//! program can tell (CPython's values change every run), but a hostile
//! input could collide keys on purpose.
//!
//! Python equivalent: `Objects/unicodeobject.c` (`unicode_hash`,
//! `PyUnicode_InternInPlace`). Needs only std.

use crate::object::refcount::Arc;
use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering::Relaxed};
use std::sync::{Mutex, OnceLock};

/// "Hash not computed yet" (CPython uses -1 the same way: no object's hash
/// is ever -1).
const HASH_UNSET: i64 = -1;

/// A Python `str`.
pub struct PyStr {
    /// The text.
    text: Box<str>,
    /// Number of characters (code points); equals `text.len()` for ASCII.
    chars: usize,
    /// The cached hash, or [`HASH_UNSET`]. Relaxed: every thread computes
    /// the same value, so a racing second computation is harmless.
    hash: AtomicI64,
}

impl PyStr {
    /// A new string.
    pub fn new(text: impl Into<Box<str>>) -> PyStr {
        let text = text.into();
        let chars = if text.is_ascii() {
            text.len()
        } else {
            text.chars().count()
        };
        PyStr {
            text,
            chars,
            hash: AtomicI64::new(HASH_UNSET),
        }
    }

    /// The text.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// `len(s)`: the number of code points.
    #[inline]
    pub fn char_count(&self) -> usize {
        self.chars
    }

    /// Whether every character is ASCII (byte index == char index).
    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.chars == self.text.len()
    }

    /// `hash(s)`, computed once.
    #[inline]
    pub fn hash(&self) -> i64 {
        let h = self.hash.load(Relaxed);
        if h != HASH_UNSET {
            return h;
        }
        let h = str_hash(&self.text);
        self.hash.store(h, Relaxed);
        h
    }

    /// The character at code-point index `i` (0-based, in range).
    pub fn char_at(&self, i: usize) -> Option<char> {
        if self.is_ascii() {
            self.text.as_bytes().get(i).map(|&b| b as char)
        } else {
            self.text.chars().nth(i)
        }
    }
}

impl std::fmt::Debug for PyStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", &*self.text)
    }
}

impl std::ops::Deref for PyStr {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl PartialEq for PyStr {
    fn eq(&self, other: &PyStr) -> bool {
        std::ptr::eq(self, other) || self.text == other.text
    }
}

/// FNV-1a over the UTF-8 bytes, folded so it is never -1 (see the module
/// docs for why not CPython's SipHash).
pub fn str_hash(s: &str) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let h = h as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

/// The process-wide interner: text → the one shared `PyStr`.
fn interner() -> &'static Mutex<HashMap<Box<str>, Arc<PyStr>>> {
    static TABLE: OnceLock<Mutex<HashMap<Box<str>, Arc<PyStr>>>> = OnceLock::new();
    TABLE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// The interned `str` for `s`: the same `Arc` for the same text, for the
/// life of the process.
///
/// Simplification: interned strings are never freed (CPython frees an
/// interned string when its last other reference goes). Only identifiers
/// from source code and the runtime's own names are interned, so the table
/// is bounded by the programs run.
pub fn intern(s: &str) -> Arc<PyStr> {
    let mut table = interner().lock().unwrap_or_else(|e| e.into_inner());
    if let Some(found) = table.get(s) {
        return found.clone();
    }
    let new = Arc::new(PyStr::new(s));
    new.hash();
    table.insert(s.into(), new.clone());
    new
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_counts_code_points() {
        assert_eq!(PyStr::new("héllo").char_count(), 5);
        assert!(PyStr::new("hello").is_ascii());
        assert!(!PyStr::new("héllo").is_ascii());
        assert_eq!(PyStr::new("héllo").char_at(1), Some('é'));
    }

    #[test]
    fn interning_shares_one_object() {
        let a = intern("append");
        let b = intern("append");
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(a.hash(), PyStr::new("append").hash());
    }
}
