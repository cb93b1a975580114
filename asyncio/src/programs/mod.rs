//! The teaching programs, written on the hand-rolled loop. Each file has a
//! twin of the same name in [`crate::twin`], written on async-std, so the
//! two can be read side by side:
//!
//! | program | hand-rolled | async-std |
//! |---|---|---|
//! | many tasks sleeping at once | `programs/sleepers.rs` | `twin/sleepers.rs` |
//! | `gather` of two fetches (the seed's snippet) | `programs/fetch_data.rs` | `twin/fetch_data.rs` |
//! | producers and consumers on a bounded queue | `programs/producer_consumer.rs` | `twin/producer_consumer.rs` |
//! | TCP echo server and its load generator | `programs/echo.rs` | `twin/echo.rs` |
//! | C10K: many idle connections from another process | `programs/c10k.rs` | (the client drives any server) |
//!
//! Python equivalent: each file opens with the asyncio program it mirrors.
//!
//! Needs: the crate's public API only.

pub mod c10k;
pub mod echo;
pub mod fetch_data;
pub mod producer_consumer;
pub mod sleepers;
