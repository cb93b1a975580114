//! A worker's result ring: a single-producer, single-consumer byte stream in
//! shared memory, so a finished result is safe the moment it is written —
//! without a system call per result.
//!
//! ```text
//!   worker (producer)                    memfd, mapped by both          parent (consumer, handler thread)
//!   ─────────────────                    ─────────────────────          ────────────────────────────────
//!   copy frame bytes ──▶ data[tail..]     [ tail ][ head ]               copy data[head..tail] ──▶ FrameBuf
//!   tail += n  (store)                    [ consumer_sleeping ]          head += n (store)
//!   if consumer_sleeping: 1 byte ──link──▶[ producer_waiting  ]          if producer_waiting: futex_wake(head)
//!   if full: producer_waiting = 1,        [ data: CAPACITY bytes ]       before poll: consumer_sleeping = 1,
//!            futex_wait(head)                                                         then look at tail once more
//! ```
//!
//! ## Why
//! A worker must not keep a finished result in its own memory while it
//! starts the next task: if that task kills the worker (an `abort()`, a
//! `SIGKILL`), the result dies with it. Writing each result to the link
//! socket makes it safe but costs a `write` per result, and usually a
//! wake-up of the handler thread too — several times the cost of a trivial
//! task. Bytes stored in this ring are in memory the parent maps: once
//! `tail` is published they survive the worker, and the parent drains them
//! after the worker's sentinel fires. The handler is woken (one byte on the
//! link socket) only when it said it is about to sleep; while it is busy,
//! results flow with no system call at all.
//!
//! ## The wake-up protocol (an "eventcount")
//! Two flags, each a Dekker pair of `SeqCst` store-then-load:
//! - consumer: `consumer_sleeping = 1`, then load `tail`; sleeps in `poll`
//!   only if nothing new is there. Producer: store `tail`, then load
//!   `consumer_sleeping`; if set, clear it and send the wake byte. One of the
//!   two always sees the other's store, so no result is left unannounced.
//! - producer (ring full): `producer_waiting = 1`, then load `head`; waits on
//!   the futex only if nothing was consumed. Consumer: store `head`, then load
//!   `producer_waiting`; if set, clear it and `futex_wake`. The wait has a
//!   timeout so a worker whose parent is gone (link closed) notices and exits.
//!
//! ## Trust
//! A task runs arbitrary code in the worker and can scribble over this
//! memory. The consumer keeps its own `head` (never reading the shared copy
//! back), refuses a `tail` more than [`CAPACITY`] ahead of it, and hands the
//! bytes to [`FrameBuf`], whose frame checks apply as they would to socket
//! bytes. The bytes are copied out with raw pointer copies, never borrowed,
//! since the other process may write them at any time.
//!
//! Needs: `frame.rs` (`FrameBuf`), `sys.rs` (futex, poll), `error.rs`.
//!
//! Python equivalent: none — CPython's workers `send` each result on a
//! shared pipe under a lock (`SimpleQueue.put` in `pool.worker`).

use crate::error::{Error, Result};
use crate::frame::FrameBuf;
use crate::sys::{self, futex_wait, futex_wake};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};
use std::ptr::NonNull;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

/// Data bytes in a ring (a power of two, so positions wrap cleanly).
pub(crate) const CAPACITY: usize = 256 * 1024;
/// Bytes before the data: one page, the four words on separate cache lines.
const HEADER: usize = 4096;
/// Offset of `tail`: bytes ever written (wrapping), stored by the producer.
const TAIL: usize = 0;
/// Offset of `head`: bytes ever consumed (wrapping), stored by the consumer.
const HEAD: usize = 64;
/// Offset of `consumer_sleeping`: 1 while the consumer may be asleep in `poll`.
const CONSUMER_SLEEPING: usize = 128;
/// Offset of `producer_waiting`: 1 while the producer may wait for room.
const PRODUCER_WAITING: usize = 192;
/// How long a full producer waits before checking that its link still exists.
const ROOM_WAIT: Duration = Duration::from_millis(100);

/// One mapping of a ring's memfd; unmapped on drop.
#[derive(Debug)]
struct Mapping {
    /// Start of the mapping (page-aligned).
    base: NonNull<u8>,
}

// The mapping is shared memory reached only through atomics (the header
// words) and raw pointer copies (the data); no `&`/`&mut` to its bytes is
// ever formed.
// SAFETY: so moving the handle to another thread is sound.
unsafe impl Send for Mapping {}

impl Mapping {
    /// Maps the ring memfd `fd` (`HEADER + CAPACITY` bytes, shared).
    fn map(fd: BorrowedFd<'_>) -> Result<Mapping> {
        // SAFETY: maps a file we hold open, at an address of the kernel's
        // choosing; the result is checked for MAP_FAILED below.
        let ptr = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                HEADER + CAPACITY,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_SHARED,
                fd.as_raw_fd(),
                0,
            )
        };
        if ptr == libc::MAP_FAILED {
            return Err(Error::Io(std::io::Error::last_os_error()));
        }
        let base = NonNull::new(ptr.cast::<u8>()).ok_or(Error::State("mmap returned null"))?;
        Ok(Mapping { base })
    }

    /// The header word at `offset`.
    fn word(&self, offset: usize) -> &AtomicU32 {
        // SAFETY: `offset` is one of the header constants, 4-byte aligned
        // and inside the mapped header page, which lives as long as `self`;
        // the word is only ever accessed atomically, by both processes.
        unsafe { AtomicU32::from_ptr(self.base.as_ptr().add(offset).cast()) }
    }

    /// Pointer to data byte `index` (`index < CAPACITY`).
    fn data(&self, index: usize) -> *mut u8 {
        debug_assert!(index < CAPACITY);
        // SAFETY: HEADER + index is inside the HEADER + CAPACITY mapping.
        unsafe { self.base.as_ptr().add(HEADER + index) }
    }
}

impl Drop for Mapping {
    fn drop(&mut self) {
        // SAFETY: we mapped exactly HEADER + CAPACITY bytes at `base`, and no
        // reference into them outlives `self`.
        unsafe { libc::munmap(self.base.as_ptr().cast(), HEADER + CAPACITY) };
    }
}

/// Creates a ring: its memfd (handed to the worker) and the parent's reader.
pub(crate) fn create() -> Result<(OwnedFd, RingReader)> {
    let name = c"mp-results";
    // SAFETY: memfd_create takes a NUL-terminated name and flags.
    let fd = unsafe { libc::memfd_create(name.as_ptr(), libc::MFD_CLOEXEC) };
    if fd < 0 {
        return Err(Error::Io(std::io::Error::last_os_error()));
    }
    // SAFETY: a fresh fd the kernel just gave us.
    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
    // SAFETY: ftruncate on our own memfd; zero-filled pages, allocated lazily.
    if unsafe { libc::ftruncate(fd.as_raw_fd(), (HEADER + CAPACITY) as libc::off_t) } < 0 {
        return Err(Error::Io(std::io::Error::last_os_error()));
    }
    let map = Mapping::map(fd.as_fd())?;
    // Not inherited by later forks: a worker forked after this one must not
    // carry a mapping of its sibling's results (fds get the same treatment
    // from `close_fds_except`).
    // SAFETY: advises on exactly the range we just mapped.
    let advised = unsafe {
        libc::madvise(
            map.base.as_ptr().cast(),
            HEADER + CAPACITY,
            libc::MADV_DONTFORK,
        )
    };
    if advised < 0 {
        return Err(Error::Io(std::io::Error::last_os_error()));
    }
    Ok((fd, RingReader { map, head: 0 }))
}

/// The worker's end: appends result bytes.
#[derive(Debug)]
pub(crate) struct RingWriter {
    /// The worker's mapping.
    map: Mapping,
    /// Our `tail` (the shared copy is only ever stored, never trusted back).
    tail: u32,
}

impl RingWriter {
    /// Maps the ring memfd the parent made (then the fd may be closed).
    pub(crate) fn open(fd: &OwnedFd) -> Result<RingWriter> {
        let map = Mapping::map(fd.as_fd())?;
        let tail = map.word(TAIL).load(Ordering::Relaxed);
        Ok(RingWriter { map, tail })
    }

    /// Copies all of `bytes` into the ring, publishing as it goes, and wakes
    /// the consumer (one byte on `link`) if it is asleep. Waits for room when
    /// the ring is full; `Err` if the consumer is gone (`link` closed) or
    /// the shared words are corrupt.
    pub(crate) fn write(&mut self, mut bytes: &[u8], link: RawFd) -> Result<()> {
        while !bytes.is_empty() {
            // SeqCst: pairs with the consumer's store of `head` (room it made).
            let head = self.map.word(HEAD).load(Ordering::SeqCst);
            let used = self.tail.wrapping_sub(head) as usize;
            if used > CAPACITY {
                return Err(Error::State("result ring head out of range"));
            }
            let free = CAPACITY - used;
            if free == 0 {
                self.wait_for_room(head, link)?;
                continue;
            }
            let n = free.min(bytes.len());
            let at = self.tail as usize % CAPACITY;
            let first = n.min(CAPACITY - at);
            // SAFETY: `data(at)` has CAPACITY - at >= first bytes mapped and
            // `data(0)` has n - first more; the consumer does not read past
            // `tail`, which we have not published for these bytes yet.
            unsafe {
                std::ptr::copy_nonoverlapping(bytes.as_ptr(), self.map.data(at), first);
                std::ptr::copy_nonoverlapping(bytes[first..].as_ptr(), self.map.data(0), n - first);
            }
            self.tail = self.tail.wrapping_add(n as u32);
            // SeqCst: publishes the bytes (pairs with the consumer's load of
            // `tail`) and orders before our load of `consumer_sleeping`
            // (Dekker with the consumer's store of it, see the module doc).
            self.map.word(TAIL).store(self.tail, Ordering::SeqCst);
            bytes = &bytes[n..];
            self.wake_consumer(link);
        }
        Ok(())
    }

    /// Sends the wake byte if the consumer announced it is going to sleep.
    fn wake_consumer(&self, link: RawFd) {
        let sleeping = self.map.word(CONSUMER_SLEEPING);
        // SeqCst: the load half of the Dekker pair (after our store of `tail`).
        if sleeping.load(Ordering::SeqCst) == 1 && sleeping.swap(0, Ordering::SeqCst) == 1 {
            // Non-blocking: a full socket already holds a wake-up.
            // SAFETY: sends one byte from a live local.
            unsafe {
                libc::send(
                    link,
                    [1u8].as_ptr().cast(),
                    1,
                    libc::MSG_DONTWAIT | libc::MSG_NOSIGNAL,
                )
            };
        }
    }

    /// Waits until the consumer moves `head` past `seen`, a bounded while at
    /// a time; `Err` once the link has closed (nobody will ever read).
    fn wait_for_room(&self, seen: u32, link: RawFd) -> Result<()> {
        let waiting = self.map.word(PRODUCER_WAITING);
        // SeqCst: Dekker with the consumer's store of `head` then load of
        // `producer_waiting`.
        waiting.store(1, Ordering::SeqCst);
        let head = self.map.word(HEAD);
        if head.load(Ordering::SeqCst) == seen {
            futex_wait(head, seen, Some(ROOM_WAIT));
        }
        let mut pfd = [libc::pollfd {
            fd: link,
            events: libc::POLLIN,
            revents: 0,
        }];
        if sys::poll(&mut pfd, Some(Duration::ZERO))? > 0 && pfd[0].revents & libc::POLLHUP != 0 {
            return Err(Error::Closed);
        }
        Ok(())
    }
}

/// The parent's end: moves published bytes into a [`FrameBuf`].
#[derive(Debug)]
pub(crate) struct RingReader {
    /// The parent's mapping.
    map: Mapping,
    /// Our `head`: the only copy we trust.
    head: u32,
}

impl RingReader {
    /// Moves every published byte into `buf` (as far as its growth rules
    /// allow per step); returns how many moved. A `tail` out of range is an
    /// error, as is a frame `buf` refuses.
    pub(crate) fn read_into(&mut self, buf: &mut FrameBuf) -> Result<usize> {
        let mut moved = 0;
        loop {
            // Acquire: pairs with the producer's SeqCst store of `tail`, so the
            // bytes before it are visible.
            let tail = self.map.word(TAIL).load(Ordering::Acquire);
            let used = tail.wrapping_sub(self.head) as usize;
            if used > CAPACITY {
                return Err(Error::Io(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("result ring tail {used} bytes ahead of a {CAPACITY}-byte ring"),
                )));
            }
            if used == 0 {
                return Ok(moved);
            }
            let head = self.head;
            let map = &self.map;
            let n = buf.fill_with(used, |dst| {
                let at = head as usize % CAPACITY;
                let first = dst.len().min(CAPACITY - at);
                // Raw copies, because the producer may write the shared
                // bytes at any time (its problem, not ours: the frame checks
                // judge what we copied).
                // SAFETY: reads `dst.len() <= used <= CAPACITY` published
                // bytes from inside the mapping (wrapping once at most) into
                // our own buffer.
                unsafe {
                    std::ptr::copy_nonoverlapping(map.data(at), dst.as_mut_ptr(), first);
                    std::ptr::copy_nonoverlapping(
                        map.data(0),
                        dst[first..].as_mut_ptr(),
                        dst.len() - first,
                    );
                }
                dst.len()
            })?;
            self.head = self.head.wrapping_add(n as u32);
            moved += n;
            // SeqCst: hands the room back (pairs with the producer's load of
            // `head`) and orders before our load of `producer_waiting`.
            self.map.word(HEAD).store(self.head, Ordering::SeqCst);
            let waiting = self.map.word(PRODUCER_WAITING);
            if waiting.load(Ordering::SeqCst) == 1 && waiting.swap(0, Ordering::SeqCst) == 1 {
                futex_wake(self.map.word(HEAD), 1);
            }
        }
    }

    /// Announces that the consumer is about to sleep; `false` (and no
    /// announcement) if bytes are already waiting, so it must not sleep.
    pub(crate) fn prepare_to_sleep(&self) -> bool {
        let sleeping = self.map.word(CONSUMER_SLEEPING);
        // SeqCst: the store half of the Dekker pair, before the load of `tail`.
        sleeping.store(1, Ordering::SeqCst);
        if self.map.word(TAIL).load(Ordering::SeqCst) != self.head {
            sleeping.store(0, Ordering::Relaxed);
            return false;
        }
        true
    }

    /// The consumer is awake again: producers need not send wake bytes.
    pub(crate) fn awake(&self) {
        self.map.word(CONSUMER_SLEEPING).store(0, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_arrive_in_order_across_wrap_and_full_waits() {
        let (fd, mut reader) = create().unwrap();
        let (link, peer) = crate::sys::stream_socketpair().unwrap();
        let mut writer = RingWriter::open(&fd).unwrap();
        let total = 3 * CAPACITY + 12_345;
        let sent: Vec<u8> = (0..total).map(|i| (i % 251) as u8).collect();
        let expected = sent.clone();
        std::thread::scope(|s| {
            s.spawn(move || {
                for piece in sent.chunks(10_007) {
                    writer.write(piece, link.as_raw_fd()).unwrap();
                }
            });
            // A frame buffer with a limit as large as the stream, read as
            // one big frame: prefix the expected bytes with a header.
            let mut buf = FrameBuf::new(usize::MAX);
            let mut header = Vec::new();
            crate::frame::push_header(&mut header, total);
            buf.fill_with(header.len(), |dst| {
                dst.copy_from_slice(&header[..dst.len()]);
                dst.len()
            })
            .unwrap();
            let mut got = 0;
            while got < total {
                if !reader.prepare_to_sleep() {
                    got += reader.read_into(&mut buf).unwrap();
                    continue;
                }
                if crate::sys::wait_readable(peer.as_raw_fd(), Some(Duration::from_millis(50)))
                    .unwrap()
                {
                    let mut wake = [0u8; 64];
                    crate::sys::read_some(peer.as_raw_fd(), &mut wake).unwrap();
                }
                reader.awake();
            }
            let span = buf.next_frame().unwrap().expect("whole stream");
            assert_eq!(buf.get(span), &expected[..]);
        });
    }
}
