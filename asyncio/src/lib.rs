//! # asyncio: one thread, thousands of waiting tasks
//!
//! A hand-rolled event loop (std + nix: epoll, eventfd) with Python's asyncio
//! API, next to the same programs written on async-std so the two read side
//! by side.
//!
//! ## Module plan
//! | module | mechanism | Python equivalent |
//! |---|---|---|
//! | `event_loop` | ready queue, one tick of `_run_once` | `asyncio.base_events` |
//! | `task` | spawned futures, wakers, cancellation | `asyncio.Task` |
//! | `timers` | binary heap with lazy cancellation | `loop.call_later` |
//! | `reactor` | epoll interest per fd, eventfd wake-ups | `selectors.EpollSelector` |
//! | `sync` | `Lock`, `Event`, `Semaphore`, `Condition`, `Queue` | `asyncio.locks`, `asyncio.queues` |
//! | `net` | non-blocking TCP | `asyncio.streams` |
//! | `twin` | the async-std programs | — |

#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]
#![warn(clippy::undocumented_unsafe_blocks)]
