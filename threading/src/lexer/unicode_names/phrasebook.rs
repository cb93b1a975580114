//! The stored character names: 34,527 of them, 893 KB as text, kept in
//! 167 KB as a front-coded *phrasebook* over a word lexicon, and found by
//! binary search.
//!
//! ```text
//!   LEXICON   "LETTER SIGN SMALL WITH … LATIN … A …"     token i = i-th piece,
//!              (each token ends at its first ' ' or '-')  most frequent first
//!
//!   PHRASEBOOK, names sorted, BLOCK_LEN = 32 per block:
//!   block k ─▶ [0x04] LATIN  SMALL  LETTER  A    +0x61    "LATIN SMALL LETTER A"
//!              [0x42] WITH  ACUTE               +0x80    shares 4 tokens, 2 new
//!              …                                          (cp as a zigzag delta)
//!   block k+1 ▶ [0x0n] a whole name again, cp from 0
//!   BLOCK_STARTS[k] = byte offset of block k
//! ```
//!
//! A name is its tokens concatenated, minus the last character (every name
//! is tokenised with a space appended, so `"A "` serves as a last word and
//! as an inner one). A token index below `ONE_BYTE_TOKENS` takes one byte,
//! any other two. Each entry's header byte says how many leading tokens it
//! shares with the entry before it (high nibble) and how many follow (low
//! nibble); its code point follows as the difference from the previous
//! entry's, zigzag-encoded LEB128. Every block starts afresh (no shared
//! tokens, a code point from 0), so any block can be read on its own:
//! [`find`] binary-searches the blocks' first names, then reads one block
//! (at most 32 names of at most 88 characters: bounded work per lookup).
//!
//! This is the layout of CPython's `Tools/unicode/makeunicodedata.py`
//! (lexicon, phrasebook, one- and two-byte word codes), with one change:
//! CPython keeps its phrasebook in code point order and finds names
//! through an open-addressing hash of code points (fast both ways, at
//! the cost of the hash and a code point → offset index). The lexer only
//! needs name → code point, so MiniPy sorts by name, which makes
//! neighbours share their leading words (front coding) and makes a hash
//! unnecessary. The road not taken: a `HashMap<String, char>` built at
//! first use (megabytes of heap and milliseconds to build, for a few
//! escapes per program).
//!
//! The reverse direction, code point → name, is only for
//! `unicodedata.name`: [`name_of`] builds, on first use, a table of every
//! entry's code point and position sorted by code point (34,527 pairs,
//! 276 KB of heap), then reads one block.
//!
//! Python equivalent: `_getcode`'s hash probe and `_cmpname` in
//! `Modules/unicodedata.c`. Needs only `table.rs` (and `names.bin`).

use super::table::{BLOCK_LEN, BLOCK_STARTS, LEXICON, ONE_BYTE_TOKENS, PHRASEBOOK};
use std::sync::OnceLock;

/// The lexicon cut into its tokens, once, on first use.
fn tokens() -> &'static [&'static str] {
    static TOKENS: OnceLock<Vec<&'static str>> = OnceLock::new();
    TOKENS.get_or_init(|| {
        LEXICON
            .split_inclusive([' ', '-'])
            .collect::<Vec<&'static str>>()
    })
}

/// A reader walking the entries of the phrasebook in order from the start
/// of one block, each entry rebuilt in full.
pub struct Entries {
    /// Byte offset in `PHRASEBOOK` of the next entry.
    at: usize,
    /// Entries left in the current block before the next restart.
    left_in_block: usize,
    /// The current entry's token indices.
    tokens: Vec<usize>,
    /// The current entry's code point.
    code: u32,
    /// The current entry's name (its tokens joined, the final space gone).
    name: String,
}

impl Entries {
    /// A reader positioned before the first entry of block `block`.
    pub fn from_block(block: usize) -> Entries {
        Entries {
            at: BLOCK_STARTS[block] as usize,
            left_in_block: 0,
            tokens: Vec::new(),
            code: 0,
            name: String::new(),
        }
    }

    /// Reads the next entry; `None` at the end of the phrasebook.
    pub fn next_entry(&mut self) -> Option<(&str, u32)> {
        if self.at >= PHRASEBOOK.len() {
            return None;
        }
        if self.left_in_block == 0 {
            // A block start: nothing shared, the code point absolute.
            self.left_in_block = BLOCK_LEN;
            self.tokens.clear();
            self.code = 0;
        }
        self.left_in_block -= 1;
        let header = self.byte();
        let shared = usize::from(header >> 4);
        let fresh = usize::from(header & 0x0f);
        self.tokens.truncate(shared);
        for _ in 0..fresh {
            let first = usize::from(self.byte());
            let token = if first < ONE_BYTE_TOKENS {
                first
            } else {
                let low = usize::from(self.byte());
                ONE_BYTE_TOKENS + (first - ONE_BYTE_TOKENS) * 256 + low
            };
            self.tokens.push(token);
        }
        self.code = self.code.wrapping_add_signed(self.zigzag_leb128());
        let lexicon = tokens();
        self.name.clear();
        for &token in &self.tokens {
            self.name.push_str(lexicon[token]);
        }
        self.name.pop();
        Some((&self.name, self.code))
    }

    /// One byte of the phrasebook (a truncated table is a build error, so
    /// running off its end is a broken invariant).
    fn byte(&mut self) -> u8 {
        let b = *PHRASEBOOK
            .get(self.at)
            .expect("names.bin: an entry runs past the end of the phrasebook");
        self.at += 1;
        b
    }

    /// A signed LEB128 number in zigzag form (0, -1, 1, -2, … as 0, 1, 2, 3, …).
    fn zigzag_leb128(&mut self) -> i32 {
        let mut zigzag = 0u32;
        let mut shift = 0;
        loop {
            let b = self.byte();
            zigzag |= u32::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                break;
            }
            shift += 7;
        }
        ((zigzag >> 1) as i32) ^ -((zigzag & 1) as i32)
    }
}

/// The first name of block `block`.
fn first_name(block: usize) -> String {
    let mut entries = Entries::from_block(block);
    entries
        .next_entry()
        .map(|(name, _)| name.to_string())
        .unwrap_or_default()
}

/// The code point of the stored name `upper` (already upper case).
pub fn find(upper: &[u8]) -> Option<u32> {
    // The block holding `upper`, if any: the last whose first name is not
    // after it. Invariant: blocks before `low` start at or before `upper`,
    // blocks from `high` on start after it.
    let (mut low, mut high) = (0, BLOCK_STARTS.len());
    while low < high {
        let middle = low + (high - low) / 2;
        if first_name(middle).as_bytes() <= upper {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    let block = low.checked_sub(1)?;
    let mut entries = Entries::from_block(block);
    for _ in 0..BLOCK_LEN {
        let (name, code) = entries.next_entry()?;
        match name.as_bytes().cmp(upper) {
            std::cmp::Ordering::Less => continue,
            std::cmp::Ordering::Equal => return Some(code),
            std::cmp::Ordering::Greater => return None,
        }
    }
    None
}

/// The stored name of code point `code`.
pub fn name_of(code: u32) -> Option<String> {
    let index = by_code_point();
    let at = index.binary_search_by_key(&code, |&(c, _)| c).ok()?;
    let ordinal = index[at].1 as usize;
    let mut entries = Entries::from_block(ordinal / BLOCK_LEN);
    for _ in 0..ordinal % BLOCK_LEN {
        entries.next_entry();
    }
    entries.next_entry().map(|(name, _)| name.to_string())
}

/// Every entry's (code point, ordinal in name order), sorted by code point;
/// built once, on the first [`name_of`].
fn by_code_point() -> &'static [(u32, u32)] {
    static INDEX: OnceLock<Vec<(u32, u32)>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut entries = Entries::from_block(0);
        let mut index = Vec::new();
        while let Some((_, code)) = entries.next_entry() {
            index.push((code, index.len() as u32));
        }
        index.sort_unstable();
        index
    })
}
