//! # SHA-512 (and SHA-384), FIPS 180-4, std only
//!
//! `random.seed("some text")` in CPython 3.11 (version 2 seeding) seeds
//! the Mersenne Twister with `int.from_bytes(a + sha512(a).digest())`, so
//! reproducing CPython's `random` for str and bytes seeds needs SHA-512.
//! The threading crate has no dependencies, hence this file: the
//! counterpart of CPython's `Modules/sha512module.c` (the `_sha512`
//! module, which also provides SHA-384: the same compression function with
//! other initial values, the output cut to 48 bytes).
//!
//! ## The mechanism
//!
//! ```text
//!   message ─▶ 128-byte blocks ─▶ compress(state, block) ─▶ … ─▶ state ─▶ digest
//!              last block(s): message ‖ 0x80 ‖ zeros ‖ bit length (128 bits, big-endian)
//!
//!   compress: expand the block's 16 big-endian words into 80 (the message
//!   schedule), run 80 rounds over eight working words a..h, each round
//!   mixing in one schedule word and one constant K[t], then add a..h
//!   back into the state.
//! ```
//!
//! All arithmetic is modulo 2**64 (`wrapping_add`). The constants are the
//! first 64 bits of the fractional parts of the cube roots (K) and square
//! roots (initial values) of the first primes, as the standard defines them;
//! the NIST vectors in `tests/sha512.rs` pin every one.
//!
//! Needs only std; no sibling file.

/// Round constants: the fractional parts of the cube roots of the first 80
/// primes (FIPS 180-4 §4.2.3).
const K: [u64; 80] = [
    0x428a2f98d728ae22,
    0x7137449123ef65cd,
    0xb5c0fbcfec4d3b2f,
    0xe9b5dba58189dbbc,
    0x3956c25bf348b538,
    0x59f111f1b605d019,
    0x923f82a4af194f9b,
    0xab1c5ed5da6d8118,
    0xd807aa98a3030242,
    0x12835b0145706fbe,
    0x243185be4ee4b28c,
    0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f,
    0x80deb1fe3b1696b1,
    0x9bdc06a725c71235,
    0xc19bf174cf692694,
    0xe49b69c19ef14ad2,
    0xefbe4786384f25e3,
    0x0fc19dc68b8cd5b5,
    0x240ca1cc77ac9c65,
    0x2de92c6f592b0275,
    0x4a7484aa6ea6e483,
    0x5cb0a9dcbd41fbd4,
    0x76f988da831153b5,
    0x983e5152ee66dfab,
    0xa831c66d2db43210,
    0xb00327c898fb213f,
    0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2,
    0xd5a79147930aa725,
    0x06ca6351e003826f,
    0x142929670a0e6e70,
    0x27b70a8546d22ffc,
    0x2e1b21385c26c926,
    0x4d2c6dfc5ac42aed,
    0x53380d139d95b3df,
    0x650a73548baf63de,
    0x766a0abb3c77b2a8,
    0x81c2c92e47edaee6,
    0x92722c851482353b,
    0xa2bfe8a14cf10364,
    0xa81a664bbc423001,
    0xc24b8b70d0f89791,
    0xc76c51a30654be30,
    0xd192e819d6ef5218,
    0xd69906245565a910,
    0xf40e35855771202a,
    0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8,
    0x1e376c085141ab53,
    0x2748774cdf8eeb99,
    0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63,
    0x4ed8aa4ae3418acb,
    0x5b9cca4f7763e373,
    0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc,
    0x78a5636f43172f60,
    0x84c87814a1f0ab72,
    0x8cc702081a6439ec,
    0x90befffa23631e28,
    0xa4506cebde82bde9,
    0xbef9a3f7b2c67915,
    0xc67178f2e372532b,
    0xca273eceea26619c,
    0xd186b8c721c0c207,
    0xeada7dd6cde0eb1e,
    0xf57d4f7fee6ed178,
    0x06f067aa72176fba,
    0x0a637dc5a2c898a6,
    0x113f9804bef90dae,
    0x1b710b35131c471b,
    0x28db77f523047d84,
    0x32caab7b40c72493,
    0x3c9ebe0a15c9bebc,
    0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6,
    0x597f299cfc657e2a,
    0x5fcb6fab3ad6faec,
    0x6c44198c4a475817,
];

/// SHA-512's initial state: the fractional parts of the square roots of
/// the first 8 primes (§5.3.5).
const INITIAL_SHA512: [u64; 8] = [
    0x6a09e667f3bcc908,
    0xbb67ae8584caa73b,
    0x3c6ef372fe94f82b,
    0xa54ff53a5f1d36f1,
    0x510e527fade682d1,
    0x9b05688c2b3e6c1f,
    0x1f83d9abfb41bd6b,
    0x5be0cd19137e2179,
];

/// SHA-384's initial state: the same for the 9th to 16th primes (§5.3.4).
const INITIAL_SHA384: [u64; 8] = [
    0xcbbb9d5dc1059ed8,
    0x629a292a367cd507,
    0x9159015a3070dd17,
    0x152fecd8f70e5939,
    0x67332667ffc00b31,
    0x8eb44a8768581511,
    0xdb0c2e0d64f98fa7,
    0x47b5481dbefa4fa4,
];

/// Bytes per block.
const BLOCK_BYTES: usize = 128;

/// Which member of the family: they differ only in initial state and
/// output length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// SHA-512: 64-byte digest.
    Sha512,
    /// SHA-384: 48-byte digest.
    Sha384,
}

/// An incremental SHA-512/384 hasher, as `hashlib.sha512()`: `update` any
/// number of times, then `digest` (which does not consume the hasher, so
/// `update` may continue, as in Python).
#[derive(Clone, Debug)]
pub struct Sha512 {
    /// Which digest this computes.
    variant: Variant,
    /// The chaining state H0..H7.
    state: [u64; 8],
    /// Bytes of the current, not yet compressed block.
    block: [u8; BLOCK_BYTES],
    /// How many bytes of `block` are filled (always < 128 between calls).
    block_len: usize,
    /// Total message length so far, in bytes (the padding records it in
    /// bits, modulo 2**128).
    message_len: u128,
}

impl Default for Sha512 {
    fn default() -> Sha512 {
        Sha512::new()
    }
}

impl Sha512 {
    /// A SHA-512 hasher over the empty message.
    pub fn new() -> Sha512 {
        Sha512::with_variant(Variant::Sha512)
    }

    /// A hasher of either variant over the empty message.
    pub fn with_variant(variant: Variant) -> Sha512 {
        Sha512 {
            variant,
            state: match variant {
                Variant::Sha512 => INITIAL_SHA512,
                Variant::Sha384 => INITIAL_SHA384,
            },
            block: [0; BLOCK_BYTES],
            block_len: 0,
            message_len: 0,
        }
    }

    /// The digest length in bytes (`digest_size`): 64 or 48.
    pub fn digest_size(&self) -> usize {
        match self.variant {
            Variant::Sha512 => 64,
            Variant::Sha384 => 48,
        }
    }

    /// Appends `data` to the message.
    pub fn update(&mut self, mut data: &[u8]) {
        self.message_len = self.message_len.wrapping_add(data.len() as u128);
        // Top up a partly filled block first.
        if self.block_len > 0 {
            let take = data.len().min(BLOCK_BYTES - self.block_len);
            self.block[self.block_len..self.block_len + take].copy_from_slice(&data[..take]);
            self.block_len += take;
            data = &data[take..];
            if self.block_len < BLOCK_BYTES {
                return;
            }
            let block = self.block;
            compress(&mut self.state, &block);
            self.block_len = 0;
        }
        // Whole blocks straight from the input, no copy.
        let mut blocks = data.chunks_exact(BLOCK_BYTES);
        for block in &mut blocks {
            compress(&mut self.state, block.try_into().expect("a 128-byte chunk"));
        }
        let rest = blocks.remainder();
        self.block[..rest.len()].copy_from_slice(rest);
        self.block_len = rest.len();
    }

    /// The digest of the message so far (`digest()`), 64 or 48 bytes.
    pub fn digest(&self) -> Vec<u8> {
        // Pad a copy: 0x80, zeros, then the length in bits as a big-endian
        // 128-bit number ending the last block.
        let mut state = self.state;
        let mut tail = [0u8; 2 * BLOCK_BYTES];
        tail[..self.block_len].copy_from_slice(&self.block[..self.block_len]);
        tail[self.block_len] = 0x80;
        let blocks = if self.block_len + 1 + 16 <= BLOCK_BYTES {
            1
        } else {
            2
        };
        let end = blocks * BLOCK_BYTES;
        tail[end - 16..end].copy_from_slice(&self.message_len.wrapping_mul(8).to_be_bytes());
        for block in tail[..end].chunks_exact(BLOCK_BYTES) {
            compress(&mut state, block.try_into().expect("a 128-byte chunk"));
        }
        state
            .iter()
            .flat_map(|word| word.to_be_bytes())
            .take(self.digest_size())
            .collect()
    }

    /// `hexdigest()`.
    pub fn hexdigest(&self) -> String {
        self.digest()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }
}

/// `hashlib.sha512(data).digest()` in one call.
pub fn sha512(data: &[u8]) -> [u8; 64] {
    let mut hasher = Sha512::new();
    hasher.update(data);
    hasher
        .digest()
        .try_into()
        .expect("SHA-512 digests are 64 bytes")
}

/// The compression function: one 128-byte block into the state (§6.4.2).
fn compress(state: &mut [u64; 8], block: &[u8; BLOCK_BYTES]) {
    // The message schedule W[0..80].
    let mut w = [0u64; 80];
    for (t, word) in block.chunks_exact(8).enumerate() {
        w[t] = u64::from_be_bytes(word.try_into().expect("8 bytes"));
    }
    for t in 16..80 {
        let s0 = w[t - 15].rotate_right(1) ^ w[t - 15].rotate_right(8) ^ (w[t - 15] >> 7);
        let s1 = w[t - 2].rotate_right(19) ^ w[t - 2].rotate_right(61) ^ (w[t - 2] >> 6);
        w[t] = w[t - 16]
            .wrapping_add(s0)
            .wrapping_add(w[t - 7])
            .wrapping_add(s1);
    }

    let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
    for t in 0..80 {
        let sigma1 = e.rotate_right(14) ^ e.rotate_right(18) ^ e.rotate_right(41);
        let choose = (e & f) ^ (!e & g);
        let t1 = h
            .wrapping_add(sigma1)
            .wrapping_add(choose)
            .wrapping_add(K[t])
            .wrapping_add(w[t]);
        let sigma0 = a.rotate_right(28) ^ a.rotate_right(34) ^ a.rotate_right(39);
        let majority = (a & b) ^ (a & c) ^ (b & c);
        let t2 = sigma0.wrapping_add(majority);
        h = g;
        g = f;
        f = e;
        e = d.wrapping_add(t1);
        d = c;
        c = b;
        b = a;
        a = t1.wrapping_add(t2);
    }
    for (word, add) in state.iter_mut().zip([a, b, c, d, e, f, g, h]) {
        *word = word.wrapping_add(add);
    }
}
