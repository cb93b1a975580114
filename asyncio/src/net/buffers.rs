//! Where a stream's bytes wait: one loop-wide read buffer, and per-stream
//! queues that own memory only while they hold bytes.
//!
//! ```text
//!   kernel ──read(2)──▶ READ_SPACE (64 KiB, one per thread = one per loop)
//!                          │  handed to the caller in the same poll
//!                          ├──▶ the caller's slice / closure   (the usual case)
//!                          └──▶ stream.incoming: ByteQueue     (only the bytes a
//!                                                              read could not hand out)
//!   stream.write(data) ──▶ kernel, straight away
//!                          └──▶ stream.outgoing: ByteQueue     (only the bytes the
//!                                                              kernel refused)
//! ```
//!
//! **Why one read buffer per loop.** A connection that waits for bytes
//! needs no buffer at all; it needs one only for the instant between
//! `read(2)` and handing the bytes on. The loop runs one task at a time,
//! so one buffer serves them all — as long as nobody holds it across an
//! `await`, which the stream API guarantees by only lending it to
//! synchronous code. The road not taken: a buffer per connection (what
//! this crate's echo server did before: 16 KiB × 10,000 idle connections
//! = 160 MB doing nothing), or allocating one per readable event and
//! freeing it when the read would block (what CPython's `sock.recv(n)`
//! does; it costs a malloc per read).
//!
//! **Why queues that free themselves.** A [`ByteQueue`] frees its memory
//! the moment its last byte leaves, and an empty one is a null pointer, so
//! an idle stream's two queues are 16 bytes inside the stream and no heap
//! memory. Every change of capacity is counted in this
//! thread's [`BufferStats`], which tests read to prove a slow or hostile
//! client costs what an idle one does.
//!
//! Python equivalent: `StreamReader._buffer` (a `bytearray`) and the
//! transport's write buffer (`_SelectorSocketTransport._buffer`), whose
//! size `transport.get_write_buffer_size()` reports.
//!
//! Needs: nothing but std.

use std::cell::{Cell, RefCell};

/// Size of the loop-wide read buffer: the most one `read(2)` asks for.
pub const READ_BUFFER_SIZE: usize = 64 * 1024;

/// How much stream-buffer memory this thread's streams hold (one loop
/// runs per thread, so: how much this loop's streams hold).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BufferStats {
    /// Heap bytes owned by per-stream queues right now (capacity, not
    /// length: what malloc gave them).
    pub bytes_held: usize,
    /// The most `bytes_held` has been since the thread started.
    pub peak_bytes_held: usize,
    /// Queues owning any memory right now.
    pub queues_holding: usize,
}

thread_local! {
    /// The loop-wide read buffer; allocated at the first read.
    static READ_SPACE: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    /// This thread's counts.
    static STATS: Cell<BufferStats> = const {
        Cell::new(BufferStats { bytes_held: 0, peak_bytes_held: 0, queues_holding: 0 })
    };
}

/// This thread's stream-buffer counts (Python has no equivalent; the
/// nearest is summing `transport.get_write_buffer_size()` over every
/// connection).
pub fn buffer_stats() -> BufferStats {
    STATS.with(Cell::get)
}

/// Records a queue's capacity changing from `before` to `after`.
fn account(before: usize, after: usize) {
    if before == after {
        return;
    }
    STATS.with(|cell| {
        let mut stats = cell.get();
        stats.bytes_held = stats.bytes_held - before + after;
        stats.peak_bytes_held = stats.peak_bytes_held.max(stats.bytes_held);
        match (before, after) {
            (0, _) => stats.queues_holding += 1,
            (_, 0) => stats.queues_holding -= 1,
            _ => {}
        }
        cell.set(stats);
    });
}

/// Lends `f` a [`READ_BUFFER_SIZE`] scratch buffer for one synchronous
/// step (a `read(2)` and handing its bytes on).
///
/// Fast path: the loop-wide buffer. Plain path, when it is already lent
/// (only if `f` itself reads another stream synchronously — the stream API
/// never does): a fresh buffer for this call.
pub(crate) fn with_read_space<R>(f: impl FnOnce(&mut [u8]) -> R) -> R {
    READ_SPACE.with(|space| match space.try_borrow_mut() {
        Ok(mut shared) => {
            if shared.len() < READ_BUFFER_SIZE {
                shared.resize(READ_BUFFER_SIZE, 0);
            }
            f(&mut shared)
        }
        Err(_) => f(&mut vec![0u8; READ_BUFFER_SIZE]),
    })
}

/// A FIFO of bytes that owns heap memory only while it holds bytes: an
/// empty queue is one null pointer (8 bytes inside its stream), so an
/// idle stream's two queues cost 16 bytes and no allocation.
#[derive(Default)]
pub(crate) struct ByteQueue {
    /// The bytes, boxed so the empty queue is a single word; `None`
    /// whenever the queue is empty.
    queued: Option<Box<Queued>>,
}

/// The inside of a non-empty [`ByteQueue`].
struct Queued {
    /// The bytes; `data[start..]` are the queued ones.
    data: Vec<u8>,
    /// How many bytes at the front were already taken.
    start: usize,
}

impl Queued {
    /// Heap bytes this holds: the box and the vector's capacity.
    fn footprint(&self) -> usize {
        std::mem::size_of::<Queued>() + self.data.capacity()
    }
}

impl ByteQueue {
    /// Queued bytes.
    pub(crate) fn len(&self) -> usize {
        self.queued.as_ref().map_or(0, |q| q.data.len() - q.start)
    }

    /// True when nothing is queued (and so no memory is held).
    pub(crate) fn is_empty(&self) -> bool {
        self.queued.is_none()
    }

    /// The queued bytes, front first.
    pub(crate) fn as_slice(&self) -> &[u8] {
        self.queued.as_ref().map_or(&[], |q| &q.data[q.start..])
    }

    /// Appends `bytes` at the back.
    pub(crate) fn extend(&mut self, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        let queued = self.queued.get_or_insert_with(|| {
            Box::new(Queued {
                data: Vec::new(),
                start: 0,
            })
        });
        let before = if queued.data.capacity() == 0 {
            0
        } else {
            queued.footprint()
        };
        // Slide the queued bytes to the front once the taken prefix is
        // at least half the vector: each byte moves at most once per
        // doubling, so appends stay amortised O(1).
        if queued.start > 0 && queued.start >= queued.data.len() / 2 {
            queued.data.drain(..queued.start);
            queued.start = 0;
        }
        queued.data.extend_from_slice(bytes);
        account(before, queued.footprint());
    }

    /// Drops `n` bytes from the front; frees the memory when empty.
    ///
    /// # Panics
    /// When `n` is more than is queued (a broken invariant of the caller).
    pub(crate) fn consume(&mut self, n: usize) {
        assert!(n <= self.len(), "ByteQueue::consume past the end");
        let Some(queued) = self.queued.as_mut() else {
            return;
        };
        queued.start += n;
        if queued.start == queued.data.len() {
            account(queued.footprint(), 0);
            self.queued = None;
        }
    }

    /// Copies queued bytes into `out`, front first, and drops them from
    /// the queue; returns how many.
    pub(crate) fn take_into(&mut self, out: &mut [u8]) -> usize {
        let n = out.len().min(self.len());
        out[..n].copy_from_slice(&self.as_slice()[..n]);
        self.consume(n);
        n
    }

    /// Takes every queued byte out as one `Vec`, leaving the queue empty
    /// (the memory leaves with the `Vec`, and is uncounted from now on).
    pub(crate) fn take_all(&mut self) -> Vec<u8> {
        match self.queued.take() {
            Some(queued) => {
                account(queued.footprint(), 0);
                let Queued { mut data, start } = *queued;
                data.drain(..start);
                data
            }
            None => Vec::new(),
        }
    }
}

impl Drop for ByteQueue {
    fn drop(&mut self) {
        if let Some(queued) = &self.queued {
            account(queued.footprint(), 0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_queue_holds_memory_only_while_it_holds_bytes() {
        let start = buffer_stats();
        let mut queue = ByteQueue::default();
        queue.extend(b"hello, ");
        queue.extend(b"world");
        assert!(buffer_stats().bytes_held >= start.bytes_held + 12);
        assert_eq!(
            std::mem::size_of::<ByteQueue>(),
            8,
            "an empty queue is one word"
        );
        assert_eq!(buffer_stats().queues_holding, start.queues_holding + 1);
        let mut out = [0u8; 5];
        assert_eq!(queue.take_into(&mut out), 5);
        assert_eq!(&out, b"hello");
        assert_eq!(queue.as_slice(), b", world");
        queue.consume(7);
        assert!(queue.is_empty());
        assert_eq!(buffer_stats().bytes_held, start.bytes_held);
        queue.extend(b"again");
        assert_eq!(queue.take_all(), b"again");
        drop(queue);
        assert_eq!(buffer_stats().bytes_held, start.bytes_held);
        assert_eq!(buffer_stats().queues_holding, start.queues_holding);
    }

    #[test]
    fn the_shared_read_space_is_lent_again_while_lent() {
        let inner_len = with_read_space(|outer| {
            outer[0] = 1;
            with_read_space(|inner| {
                inner[0] = 2;
                inner.len()
            })
        });
        assert_eq!(inner_len, READ_BUFFER_SIZE);
    }
}
