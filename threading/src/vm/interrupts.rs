//! # Blocking I/O that the interpreter's end must interrupt
//!
//! A daemon thread may sit in `accept()` or `recv()` when the program
//! ends. CPython simply exits the process and the kernel tears the socket
//! down; a library cannot leave OS threads behind (`lifecycle.rs` joins
//! every one), so a call blocked in the kernel must be woken instead.
//! Locks and sleeps are woken by the hub and the sleepers; this file is
//! the same service for I/O:
//!
//! ```text
//!   socket.recv ─▶ let _g = rt.interrupts.register(sock)   (GIL held)
//!                  vm.blocking(|| sock.recv(n))            ◀── finalize():
//!                  drop(_g)                                     sock.interrupt()
//!                  rt.is_finalizing()? → PyErr::Finalizing      = shutdown(SHUT_RDWR)
//! ```
//!
//! Only calls in progress are registered (not every open socket), so the
//! interrupt touches exactly the sockets some thread waits on, and a
//! registration costs one uncontended mutex and a map insert beside a
//! system call. A call registered after `finalize` ran would never be
//! woken, so [`Interrupts::register`] refuses once finalization began.
//!
//! Road not taken: polling a shared wake-up fd beside every socket
//! (CPython's own signal wake-up fd) would also interrupt `connect` and
//! DNS lookups, but costs a `poll` before every blocking call.
//!
//! Needs std only.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Something blocked in the kernel that can be woken from another thread.
pub trait Interrupt: Send + Sync {
    /// Wakes the blocked call (it then fails or returns early).
    fn interrupt(&self);
}

/// The blocking calls in progress.
#[derive(Default)]
pub struct Interrupts {
    /// Registered calls by ticket, and whether finalization began (then
    /// nothing more is registered). One mutex: `finalize` must see every
    /// call registered before it, and none after.
    state: Mutex<InterruptState>,
}

/// What [`Interrupts`] guards.
#[derive(Default)]
struct InterruptState {
    /// Calls in progress, by ticket.
    calls: HashMap<u64, Arc<dyn Interrupt>>,
    /// The next ticket.
    next_ticket: u64,
    /// Set by `interrupt_all`: the interpreter is finishing.
    finished: bool,
}

/// A registered call; dropping it unregisters the call.
pub struct Registration<'a> {
    /// Where it is registered.
    owner: &'a Interrupts,
    /// Its ticket.
    ticket: u64,
}

impl Interrupts {
    /// Registers a call about to block on `what`; `None` when the
    /// interpreter is already finishing (the caller must not block).
    pub fn register(&self, what: Arc<dyn Interrupt>) -> Option<Registration<'_>> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if state.finished {
            return None;
        }
        let ticket = state.next_ticket;
        state.next_ticket += 1;
        state.calls.insert(ticket, what);
        Some(Registration {
            owner: self,
            ticket,
        })
    }

    /// Wakes every registered call and refuses new ones (interpreter exit).
    pub fn interrupt_all(&self) {
        let calls: Vec<Arc<dyn Interrupt>> = {
            let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
            state.finished = true;
            state.calls.values().cloned().collect()
        };
        // Outside the lock: an interrupted call unregisters itself.
        for call in calls {
            call.interrupt();
        }
    }
}

impl Drop for Registration<'_> {
    fn drop(&mut self) {
        let mut state = self.owner.state.lock().unwrap_or_else(|e| e.into_inner());
        state.calls.remove(&self.ticket);
    }
}
