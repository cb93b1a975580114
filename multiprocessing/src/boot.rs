//! What runs before `main`: if this process is a fresh `exec` of the
//! program made to be a forkserver or a spawned pool worker, become that and
//! never return; otherwise return at once.
//!
//! ```text
//!   loader ──▶ .init_array: boot() ──▶ MP_FORKSERVER set?    ──▶ forkserver::serve_if_asked (never returns)
//!                                  ──▶ MP_SPAWN_WORKER set?  ──▶ spawn::init                 (never returns)
//!                                  ──▶ neither: return ──▶ std's runtime ──▶ your main
//! ```
//!
//! Why before `main`: CPython re-executes the *interpreter* with `-c "from
//! multiprocessing.forkserver import main; main(...)"`; a Rust program has
//! no interpreter to point at, only its own `main`, which must not run in a
//! server or a worker. An ELF `.init_array` entry runs when the image is
//! loaded, before std calls `main`, so no line at the top of `main` is
//! needed, and it works the same in `cargo test` binaries (whose `main` is
//! the test harness). The check is two environment lookups.
//!
//! What this costs: the hook runs in every program linking this crate;
//! the server and spawned workers run without std's `main` set-up (see
//! `forkserver.rs`).
//!
//! Needs: `start/forkserver.rs`, `start/spawn.rs` (the top layer: nothing
//! depends on it).
//!
//! Python equivalent: `multiprocessing.forkserver.main` and
//! `multiprocessing.spawn.spawn_main`, reached through the interpreter's
//! command line.

/// The hook itself: becomes a server or a worker if asked to.
extern "C" fn boot() {
    crate::forkserver::serve_if_asked();
    crate::spawn::init();
}

/// The loader calls every `.init_array` entry before `main`; `#[used]`
/// keeps the entry even though nothing refers to it.
#[used]
#[link_section = ".init_array"]
static BOOT: extern "C" fn() = boot;
