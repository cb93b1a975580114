//! # MT19937: the Mersenne Twister core of CPython's `random`
//!
//! CPython's `random` module is Python code (`Lib/random.py`: `randrange`,
//! `shuffle`, `gauss`, ...) over a C core, `_random.Random`
//! (`Modules/_randommodule.c`), which is Matsumoto and Nishimura's MT19937
//! plus the seeding and bit-assembly conventions that make a seed give the
//! same numbers everywhere. This file is that core, bit for bit, so MiniPy's
//! `random.seed(42); random.random()` prints CPython's `0.6394267984578837`.
//!
//! ## The generator
//!
//! ```text
//!   state: 624 words of 32 bits, plus an index into them
//!
//!   genrand_uint32:  if every word is used (index == 624), twist: each word
//!                    becomes a mix of itself, its successor and the word
//!                    397 ahead; then return the next word, tempered
//!                    (four shift-and-mask steps that spread its bits)
//! ```
//!
//! ## CPython's conventions on top (what makes it *CPython's* sequence)
//!
//! - **Seeding an int** (`random_seed`): `init_by_array` with the 32-bit
//!   words of `|n|`, least significant first; zero is the one word `[0]`
//!   (`BigInt::abs_u32_words_le` in `object/bigint` gives the words). A
//!   `str`/`bytes` seed is first turned into the int
//!   `int.from_bytes(s + sha512(s).digest())` by `Lib/random.py` (see
//!   `sha512.rs`), other objects into `hash(x)` as an unsigned 64-bit int.
//! - **`random()`**: 53 random bits from two outputs, `a = x >> 5`
//!   (27 bits) and `b = y >> 6` (26 bits), as `(a·2**26 + b) / 2**53`.
//! - **`getrandbits(k)`**: `k <= 32` is one output shifted right by
//!   `32 − k`; longer results take one output per 32-bit word, least
//!   significant word first, the last word shifted right to keep its top
//!   `k mod 32` bits.
//! - **`getstate()`/`setstate()`**: 624 words and the index (625 numbers,
//!   the middle element of `random.getstate()`); an index outside
//!   `0..=624` is `ValueError: invalid state`.
//!
//! Needs only std; no sibling file (the int and SHA-512 steps of seeding
//! are the caller's, through `object/bigint` and `sha512.rs`).

use std::fmt;
use std::io::Read;

/// Words of state.
pub const N: usize = 624;
/// The twist's offset: word `i` mixes with word `i + M`.
const M: usize = 397;
/// The twist matrix's last row (`MATRIX_A`).
const MATRIX_A: u32 = 0x9908_b0df;
/// The most significant bit of a word.
const UPPER_MASK: u32 = 0x8000_0000;
/// The 31 least significant bits.
const LOWER_MASK: u32 = 0x7fff_ffff;

/// `setstate()` with an index outside `0..=624`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidState;

impl fmt::Display for InvalidState {
    /// CPython's message (a `ValueError`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid state")
    }
}

impl std::error::Error for InvalidState {}

/// A generator's complete state: what `getstate()` returns and
/// `setstate()` takes (inside `random.getstate()`'s tuple, as 625 ints).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MtState {
    /// The 624 state words.
    pub words: [u32; N],
    /// How many words of the current batch are used, `0..=624`.
    pub index: usize,
}

impl MtState {
    /// Checks the index as `setstate()` does. (CPython also truncates each
    /// word to 32 bits: that conversion is the caller's.)
    pub fn new(words: [u32; N], index: i64) -> Result<MtState, InvalidState> {
        match usize::try_from(index) {
            Ok(index) if index <= N => Ok(MtState { words, index }),
            _ => Err(InvalidState),
        }
    }
}

/// One Mersenne Twister: the state of a `random.Random` instance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mt19937 {
    /// The state words (`mt[]` in the reference code).
    state: [u32; N],
    /// The next word to temper and return; `N` means "twist first".
    index: usize,
}

impl Mt19937 {
    /// `init_genrand(s)`: the reference seeding from one word (what
    /// `init_by_array` starts from).
    pub fn init_genrand(seed: u32) -> Mt19937 {
        let mut state = [0u32; N];
        state[0] = seed;
        for i in 1..N {
            let previous = state[i - 1];
            state[i] = 1_812_433_253u32
                .wrapping_mul(previous ^ (previous >> 30))
                .wrapping_add(i as u32);
        }
        Mt19937 { state, index: N }
    }

    /// `init_by_array(key)`: how CPython seeds from an int's 32-bit words.
    /// An empty key is treated as `[0]`, as CPython seeds `0`.
    pub fn init_by_array(key: &[u32]) -> Mt19937 {
        let key = if key.is_empty() { &[0][..] } else { key };
        let mut generator = Mt19937::init_genrand(19_650_218);
        let mt = &mut generator.state;
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            let previous = mt[i - 1];
            mt[i] = (mt[i] ^ (previous ^ (previous >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32); // non-linear
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let previous = mt[i - 1];
            mt[i] = (mt[i] ^ (previous ^ (previous >> 30)).wrapping_mul(1_566_083_941))
                .wrapping_sub(i as u32); // non-linear
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = UPPER_MASK; // MSB is 1, assuring a non-zero initial array
        generator
    }

    /// An unseeded generator (`random.Random()`, `seed(None)`): 624 words
    /// from `/dev/urandom`, as CPython's `random_seed_urandom`; if that
    /// fails, the time and process id (`random_seed_time_pid`).
    /// Simplification: CPython's fallback also mixes in the monotonic
    /// clock's raw value, which std does not expose; this uses the thread's
    /// id in its place.
    pub fn from_os_entropy() -> Mt19937 {
        let mut bytes = [0u8; 4 * N];
        let from_urandom = std::fs::File::open("/dev/urandom")
            .and_then(|mut file| file.read_exact(&mut bytes))
            .is_ok();
        if from_urandom {
            let key: Vec<u32> = bytes
                .chunks_exact(4)
                .map(|word| u32::from_ne_bytes(word.try_into().expect("4 bytes")))
                .collect();
            return Mt19937::init_by_array(&key);
        }
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_nanos() as u64);
        let thread = {
            use std::hash::{Hash, Hasher};
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            std::thread::current().id().hash(&mut hasher);
            hasher.finish()
        };
        Mt19937::init_by_array(&[
            now as u32,
            (now >> 32) as u32,
            std::process::id(),
            thread as u32,
            (thread >> 32) as u32,
        ])
    }

    /// Regenerates all 624 words (the "twist"). Word `k` becomes word
    /// `k + M` (wrapping, so the last `M` read words already twisted in this
    /// pass) xor a mix of `k`'s top bit and `k + 1`'s low 31 bits. Three
    /// loops, as the reference code, instead of `% N` on every index.
    fn twist(&mut self) {
        let mt = &mut self.state;
        let mix = |current: u32, next: u32| {
            let y = (current & UPPER_MASK) | (next & LOWER_MASK);
            (y >> 1) ^ if y & 1 == 1 { MATRIX_A } else { 0 }
        };
        for k in 0..N - M {
            mt[k] = mt[k + M] ^ mix(mt[k], mt[k + 1]);
        }
        for k in N - M..N - 1 {
            mt[k] = mt[k + M - N] ^ mix(mt[k], mt[k + 1]);
        }
        mt[N - 1] = mt[M - 1] ^ mix(mt[N - 1], mt[0]);
        self.index = 0;
    }

    /// `genrand_uint32()`: the next 32 random bits.
    pub fn genrand_uint32(&mut self) -> u32 {
        if self.index >= N {
            self.twist();
        }
        let mut y = self.state[self.index];
        self.index += 1;
        // Tempering.
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// `random()`: a float in `[0, 1)` with 53 random bits.
    pub fn random(&mut self) -> f64 {
        let a = self.genrand_uint32() >> 5; // 27 bits
        let b = self.genrand_uint32() >> 6; // 26 bits
        (f64::from(a) * 67_108_864.0 + f64::from(b)) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)`: `k` random bits as 32-bit words, least significant
    /// first (empty for `k == 0`; `BigInt::from_u32_words_le` makes the
    /// int). CPython's `k` is a C `int`, hence `u32` here; a negative `k`
    /// (`ValueError: number of bits must be non-negative`) is the caller's.
    pub fn getrandbits(&mut self, k: u32) -> Vec<u32> {
        if k == 0 {
            return Vec::new();
        }
        if k <= 32 {
            return vec![self.genrand_uint32() >> (32 - k)]; // fast path, as CPython
        }
        let word_count = (k as usize - 1) / 32 + 1;
        let mut remaining = k;
        (0..word_count)
            .map(|_| {
                let word = self.genrand_uint32();
                let kept = if remaining < 32 {
                    word >> (32 - remaining) // the last word keeps its top bits
                } else {
                    word
                };
                remaining = remaining.saturating_sub(32);
                kept
            })
            .collect()
    }

    /// `getstate()`: a copy of the words and the index.
    pub fn get_state(&self) -> MtState {
        MtState {
            words: self.state,
            index: self.index,
        }
    }

    /// `setstate()`: continue from a saved state.
    pub fn set_state(&mut self, state: &MtState) {
        self.state = state.words;
        self.index = state.index;
    }
}
