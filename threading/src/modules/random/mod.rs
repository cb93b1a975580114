//! # `_random` and `_sha512`: the native floor of `random.py`
//!
//! ```text
//!   random.py (embedded, CPython's algorithms)   randrange, shuffle, gauss, ...
//!        │ subclasses
//!   _random.Random   seed / random / getrandbits / getstate / setstate
//!        │                     (natives.rs, state in the one cell type)
//!   mt19937.rs  the Mersenne Twister core     sha512.rs  str/bytes seeds
//! ```
//!
//! `mt19937.rs` and `sha512.rs` are std-only leaves (the leaves engineer's,
//! tested alone); `natives.rs` turns them into Python classes.
//!
//! Python equivalent: `Modules/_randommodule.c`, `Modules/sha512module.c`.

pub mod mt19937;
pub mod natives;
pub mod sha512;
