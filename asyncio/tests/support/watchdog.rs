//! A watchdog for tests that could hang: the body runs on its own thread
//! and the test fails, instead of hanging, when it takes longer than its
//! limit. Running on a fresh thread also gives the body a loop and
//! thread-local counters of its own.
//!
//! Include it with `#[path = "support/watchdog.rs"] mod watchdog;`.
//!
//! Needs: std only.

use std::sync::mpsc;
use std::time::Duration;

/// Runs `body` on its own thread and returns its value; panics, naming
/// `what`, if it panicked or did not finish within `limit`.
pub fn with_watchdog<T: Send + 'static>(
    what: &str,
    limit: Duration,
    body: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(body());
    });
    match rx.recv_timeout(limit) {
        Ok(value) => value,
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{what} failed (see above)"),
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("watchdog: {what} did not finish within {limit:?}")
        }
    }
}
