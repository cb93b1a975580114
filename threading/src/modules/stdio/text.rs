//! # The text layer: `io.TextIOWrapper`'s pending bytes
//!
//! `sys.stdout` is a `TextIOWrapper`. Its `write(text)` never makes a
//! system call itself: it encodes the text (UTF-8 here) and appends the
//! bytes to a *pending* list, handing the list down to the layer below
//! (`buffer.write(b)`) only at these points (CPython 3.11,
//! `_io_TextIOWrapper_write_impl` in `Modules/_io/textio.c`):
//!
//! ```text
//!   write(text):
//!     needflush = line_buffering and text has '\n' or '\r'
//!     if pending exists and pending + new > CHUNK (8192):
//!         hand pending down                       ("don't concatenate past a chunk")
//!     append the new bytes to pending               (even b'': pending now exists)
//!     if pending >= CHUNK or needflush or write_through:
//!         hand pending down
//!     if needflush:
//!         flush the layer below
//!
//!   flush():  hand pending down (if it exists), then flush the layer below
//! ```
//!
//! "Pending exists" matters for empty writes: under `write_through`
//! (`PYTHONUNBUFFERED`), `print('x', end='')` writes `'x'` and then
//! `''`, and the empty string becomes a real `write(1, "", 0)` system call
//! (strace shows it). So `pending` is an `Option`, not just a `Vec`.
//!
//! This layer is pure state, no I/O: [`TextLayer::write`] returns a
//! [`Handoff`], the calls to make on the layer below, in order. In the
//! interpreter it is ordinary GIL-protected object state, as CPython's
//! `TextIOWrapper` relies on the GIL and has no lock of its own.
//!
//! Needs std only.

/// `TextIOWrapper._CHUNK_SIZE`: how many pending bytes trigger a handoff.
pub const TEXT_CHUNK_SIZE: usize = 8192;

/// The two switches CPython's start-up sets on `sys.stdout`/`sys.stderr`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextPolicy {
    /// `line_buffering`: a text with `'\n'` or `'\r'` flushes everything
    /// to the OS (a terminal, and always `sys.stderr` when buffered).
    pub line_buffering: bool,
    /// `write_through`: every write is handed down at once
    /// (`PYTHONUNBUFFERED=1` / `-u`, where the layer below is the raw fd).
    pub write_through: bool,
}

/// What a text-layer call asks of the layer below, in order: each entry
/// of `writes` is one `buffer.write(bytes)`, then `buffer.flush()` if
/// `flush_below`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Handoff {
    /// The `buffer.write` calls (zero, one or two per text write).
    pub writes: Vec<Vec<u8>>,
    /// Whether `buffer.flush()` follows the writes.
    pub flush_below: bool,
}

/// `TextIOWrapper`'s write side.
#[derive(Clone, Debug)]
pub struct TextLayer {
    /// The switches, fixed at creation.
    policy: TextPolicy,
    /// Encoded bytes not yet handed down; `None` is CPython's
    /// `pending_bytes == NULL` ("nothing pending, not even b''").
    pending: Option<Vec<u8>>,
    /// The handoff threshold ([`TEXT_CHUNK_SIZE`] for std streams).
    chunk_size: usize,
}

impl TextLayer {
    /// A text layer with CPython's chunk size.
    pub fn new(policy: TextPolicy) -> TextLayer {
        TextLayer::with_chunk_size(policy, TEXT_CHUNK_SIZE)
    }

    /// A text layer with another chunk size (tests, `_CHUNK_SIZE` set by a
    /// program).
    pub fn with_chunk_size(policy: TextPolicy, chunk_size: usize) -> TextLayer {
        TextLayer {
            policy,
            pending: None,
            chunk_size,
        }
    }

    /// The switches.
    pub fn policy(&self) -> TextPolicy {
        self.policy
    }

    /// Bytes pending in this layer.
    pub fn pending_len(&self) -> usize {
        self.pending.as_ref().map_or(0, Vec::len)
    }

    /// `write(text)`: see the file header for the rules.
    pub fn write(&mut self, text: &str) -> Handoff {
        let needflush = self.policy.line_buffering && text.contains(['\n', '\r']);
        let bytes = text.as_bytes();
        let mut handoff = Handoff::default();
        if let Some(pending) = &self.pending {
            if pending.len() + bytes.len() > self.chunk_size {
                handoff.writes.extend(self.pending.take());
            }
        }
        let pending = self.pending.get_or_insert_with(Vec::new);
        pending.extend_from_slice(bytes);
        if pending.len() >= self.chunk_size || needflush || self.policy.write_through {
            handoff.writes.extend(self.pending.take());
        }
        handoff.flush_below = needflush;
        handoff
    }

    /// `flush()`: everything pending goes down, then the layer below flushes.
    pub fn flush(&mut self) -> Handoff {
        Handoff {
            writes: self.pending.take().into_iter().collect(),
            flush_below: true,
        }
    }
}
