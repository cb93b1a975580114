//! The twin: the same programs as [`crate::programs`], written on
//! async-std, one file each with the same name, to read side by side.
//!
//! async-std 1.13 is discontinued upstream ("deprecated in favor of
//! smol"); it still builds and works, and it is kept here — and only here —
//! because it is the library the hand-rolled loop is compared with. A new
//! project would pick smol or tokio.
//!
//! Python equivalent: the asyncio program quoted at the top of each
//! file's hand-rolled twin in `programs/`.
//!
//! Needs: async-std only (nothing of the hand-rolled loop).

pub mod echo;

/// async-std's `block_on`, re-exported so callers (examples, tests, the
/// bench) reach async-std only through this module.
pub use async_std::task::block_on;
pub mod fetch_data;
pub mod producer_consumer;
pub mod sleepers;
