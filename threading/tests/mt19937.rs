//! MT19937 from `src/modules/random/mt19937.rs`, compiled alone (which
//! proves the leaf needs nothing but std), on facts that need no CPython:
//! the reference implementation's published output, `getrandbits`' word
//! assembly, and `getstate`/`setstate`. The comparison with CPython's
//! `random` is `tests/mt19937_cpython.rs`.

#[allow(dead_code)]
#[path = "../src/modules/random/mt19937.rs"]
mod mt19937;

use mt19937::{Mt19937, MtState, N};

/// Matsumoto and Nishimura's `mt19937ar.c` test: `init_by_array({0x123,
/// 0x234, 0x345, 0x456})` then `genrand_int32()` (their `mt19937ar.out`).
/// CPython seeded with `0x456_00000345_00000234_00000123` gives the same.
#[test]
fn reference_output_of_init_by_array() {
    let mut mt = Mt19937::init_by_array(&[0x123, 0x234, 0x345, 0x456]);
    let first: Vec<u32> = (0..5).map(|_| mt.genrand_uint32()).collect();
    assert_eq!(
        first,
        [1067595299, 955945823, 477289528, 4107218783, 4228976476]
    );
}

/// Seed 0 is the key `[0]`, as CPython's `random.seed(0)`.
#[test]
fn empty_key_is_seed_zero() {
    assert_eq!(Mt19937::init_by_array(&[]), Mt19937::init_by_array(&[0]));
}

/// `getrandbits(k)` consumes one output per 32-bit word, least significant
/// word first, and keeps only the top bits of the last output.
#[test]
fn getrandbits_assembles_words_from_outputs() {
    for k in [1u32, 5, 31, 32, 33, 64, 65, 100, 128, 1000] {
        let mut bits = Mt19937::init_by_array(&[7, 8, 9]);
        let mut raw = bits.clone();
        let words = bits.getrandbits(k);
        assert_eq!(words.len(), (k as usize).div_ceil(32), "k = {k}");
        for (i, &word) in words.iter().enumerate() {
            let output = raw.genrand_uint32();
            let bits_in_word = (k - 32 * i as u32).min(32);
            assert_eq!(word, output >> (32 - bits_in_word), "k = {k}, word {i}");
        }
        assert_eq!(bits, raw, "k = {k}: exactly one output per word");
    }
    let mut mt = Mt19937::init_genrand(5489);
    let before = mt.clone();
    assert!(mt.getrandbits(0).is_empty());
    assert_eq!(mt, before, "getrandbits(0) consumes nothing");
}

/// `random()` uses two outputs: 27 bits then 26 bits.
#[test]
fn random_is_two_outputs_of_53_bits() {
    let mut mt = Mt19937::init_by_array(&[42]);
    let mut raw = mt.clone();
    for _ in 0..1000 {
        let x = mt.random();
        let (a, b) = (raw.genrand_uint32() >> 5, raw.genrand_uint32() >> 6);
        assert_eq!(
            (x * 9007199254740992.0) as u64,
            (u64::from(a) << 26) | u64::from(b)
        );
        assert!((0.0..1.0).contains(&x));
    }
}

/// A saved state replays the same outputs, across a twist, and the index
/// is checked as CPython's `setstate` checks it.
#[test]
fn getstate_and_setstate_replay() {
    let mut mt = Mt19937::init_by_array(&[1, 2, 3]);
    for _ in 0..600 {
        mt.genrand_uint32();
    }
    let saved = mt.get_state();
    assert_eq!(saved.index, 600);
    let first: Vec<u32> = (0..100).map(|_| mt.genrand_uint32()).collect();
    let mut other = Mt19937::init_genrand(0);
    other.set_state(&MtState::new(saved.words, saved.index as i64).expect("valid"));
    let replay: Vec<u32> = (0..100).map(|_| other.genrand_uint32()).collect();
    assert_eq!(first, replay);
    assert!(MtState::new([0; N], N as i64).is_ok());
    assert!(MtState::new([0; N], N as i64 + 1).is_err());
    assert!(MtState::new([0; N], -1).is_err());
    assert_eq!(
        MtState::new([0; N], -1).unwrap_err().to_string(),
        "invalid state"
    );
}

/// Unseeded generators differ (they read the OS's entropy).
#[test]
fn os_entropy_seeds_differ() {
    let (mut a, mut b) = (Mt19937::from_os_entropy(), Mt19937::from_os_entropy());
    let xs: Vec<u32> = (0..4).map(|_| a.genrand_uint32()).collect();
    let ys: Vec<u32> = (0..4).map(|_| b.genrand_uint32()).collect();
    assert_ne!(xs, ys);
}
