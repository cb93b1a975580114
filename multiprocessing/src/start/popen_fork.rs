//! The fork start method: fork a worker from the pool's handler thread.
//!
//! ```text
//!   fork::locked ─▶ make the link ─▶ fork ─▶ child: die with the handler thread,
//!        │                                   close every fd but the link, open
//!        │                                   it (map the ring), worker_main
//!        └─ parent: close the worker's end (still under the lock), keep
//!           the pid and pidfd as the sentinel
//! ```
//!
//! The fastest start (one `fork` of the parent, nothing to `exec`), and the
//! worker inherits the parent's memory as it is at that instant — which is
//! what makes fork fragile in a threaded program (see `fork.rs`). Used for
//! the ipc-channel transport, and by programs that measure their children
//! (workers are our own children here).
//!
//! Needs: `fork.rs`, `child.rs`, `sys.rs`, `worker/` (link and loop),
//! `start/mod.rs` (the `Spawned` it returns).
//!
//! Python equivalent: `multiprocessing.popen_fork.Popen`.

use super::{Sentinel, Spawned};
use crate::child;
use crate::error::Result;
use crate::fork;
use crate::sys;
use crate::worker::{make_link, worker_main, LinkPair, WorkerSpec, EXIT_LINK_FAILED};
use std::cell::RefCell;

/// Forks a worker from this (the handler) thread. The link is made and its
/// worker end closed under the fork lock (see `fork.rs`).
pub(crate) fn spawn_worker(spec: &WorkerSpec) -> Result<Spawned> {
    let parent = nix::unistd::getpid();
    fork::locked(|permit| {
        let LinkPair {
            parent: link,
            child: child_end,
            results,
        } = make_link(spec.transport)?;
        // The parent's end, which the child must close (ipc-channel hides its
        // fds, so `close_fds_except` cannot do it for that transport).
        let parent_end = RefCell::new(Some((link, results)));
        let keep = child_end.keep_fds();
        let forked = permit.fork(|| {
            child::die_with_parent(parent);
            drop(parent_end.borrow_mut().take());
            if let Some(keep) = &keep {
                sys::close_fds_except(keep);
            }
            match child_end.open() {
                Ok(link) => worker_main(link, spec),
                Err(_) => EXIT_LINK_FAILED,
            }
        })?;
        let (link, results) = parent_end.take().expect("only the child takes it");
        Ok(Spawned {
            pid: forked.pid,
            sentinel: Sentinel::Pidfd(forked.pidfd),
            link,
            results,
        })
    })
}
