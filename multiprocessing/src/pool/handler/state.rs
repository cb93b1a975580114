//! The handler's picture of each worker: the chunks it holds ([`Held`],
//! [`ChunkRef`]) and where it is in its life ([`Life`], see the diagram in
//! `mod.rs`).
//!
//! Needs: `../result.rs` (delivering a chunk's outcome), `worker/` (the
//! link and the task frames), `start/` (the sentinel), `frame.rs`,
//! `error.rs`.

use super::super::result::{ChunkOutcome, JobState};
use crate::error::Error;
use crate::frame::FrameBuf;
use crate::start::Sentinel;
use crate::worker::task::TaskFrames;
use crate::worker::ParentLink;
use nix::unistd::Pid;
use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Instant;

/// One chunk of one job: the unit dispatch hands to a worker.
pub(super) struct ChunkRef {
    /// Where its results go.
    pub(super) job: Arc<JobState>,
    /// The job's frames (to send this chunk again if its worker dies first).
    pub(super) tasks: Arc<TaskFrames>,
    /// The job's id (checked against result frames).
    pub(super) job_id: u64,
    /// Chunk index.
    pub(super) chunk: u32,
}

/// A chunk a worker holds, and what of it has come back.
pub(super) struct Held {
    /// Which chunk.
    pub(super) chunk: ChunkRef,
    /// Items in the chunk.
    pub(super) len: u32,
    /// Items answered so far (a chunk's results may span several frames).
    pub(super) received: u32,
    /// The result frames received so far, in item order.
    pub(super) parts: Vec<Vec<u8>>,
}

impl Held {
    /// Hands over what arrived, failing the items that did not with `rest`.
    pub(super) fn deliver(self, rest: Option<Error>) {
        let outcome = ChunkOutcome {
            parts: self.parts,
            rest,
        };
        self.chunk.job.deliver(self.chunk.chunk, outcome);
    }
}

/// Where a worker is in its life (see the module diagram). `fault` is why
/// *we* killed it, when we did for bad bytes on its link: its chunk then
/// fails with [`Error::Protocol`] instead of [`Error::WorkerDied`].
#[derive(Debug)]
pub(super) enum Life {
    /// Alive, link open, taking work (up to maxtasksperchild).
    Serving,
    /// Alive, told to stop (stop frame queued): answers what it holds.
    Stopping,
    /// Alive, but its link ended at `since`; killed after the grace period.
    LinkLost {
        /// When the link ended.
        since: Instant,
    },
    /// We sent it `SIGKILL`; its sentinel will fire. Its link is not read.
    Killed {
        /// The protocol violation, if that was the reason.
        fault: Option<String>,
    },
    /// Its sentinel fired; results may still be in transit (ipc-channel).
    Exited {
        /// Carried over from `Killed`.
        fault: Option<String>,
    },
    /// Exited and drained: ready to be finalised and replaced.
    Gone {
        /// Carried over.
        fault: Option<String>,
    },
}

impl Life {
    /// Whether the process may still be running (its sentinel has not fired).
    pub(super) fn alive(&self) -> bool {
        matches!(
            self,
            Life::Serving | Life::Stopping | Life::LinkLost { .. } | Life::Killed { .. }
        )
    }

    /// Whether result bytes are still read from its link.
    pub(super) fn reads_link(&self) -> bool {
        matches!(
            self,
            Life::Serving | Life::Stopping | Life::Exited { fault: None }
        )
    }
}

/// The handler's view of one worker.
pub(super) struct Worker {
    /// Handler-local id (ipc events name workers by it).
    pub(super) id: u64,
    /// Process id.
    pub(super) pid: Pid,
    /// Fires when the process is gone; signals go through it.
    pub(super) sentinel: Sentinel,
    /// Parent end of the link.
    pub(super) link: ParentLink,
    /// Received, unparsed result bytes (checked against the message limit).
    pub(super) inbuf: FrameBuf,
    /// Task bytes not yet written (`out[out_pos..]`).
    pub(super) out: Vec<u8>,
    /// How much of `out` has been written.
    pub(super) out_pos: usize,
    /// Sent, not fully answered chunks in order (invariant 1).
    pub(super) held: VecDeque<Held>,
    /// Chunks sent in total (for maxtasksperchild).
    pub(super) sent: u64,
    /// Where it is in its life.
    pub(super) life: Life,
    /// The ipc reader thread, if any.
    pub(super) reader: Option<std::thread::JoinHandle<()>>,
}

impl Worker {
    /// Bytes queued but not yet written.
    pub(super) fn pending_out(&self) -> usize {
        self.out.len() - self.out_pos
    }
}
