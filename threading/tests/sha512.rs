//! SHA-512 (and SHA-384) from `src/modules/random/sha512.rs`, compiled
//! alone (which proves the leaf needs nothing but std).
//!
//! - FIPS 180-4's example vectors: "abc", the empty message, the 896-bit
//!   two-block message, and a million 'a's;
//! - feeding a message in arbitrary pieces gives the one-shot digest;
//! - random messages (lengths around the 111/112/128-byte padding edges)
//!   against python3's `hashlib`, in one process; skipped, with a note,
//!   when python3 is absent. Case counts: `PROPTEST_CASES` raises them.

#[allow(dead_code)]
#[path = "../src/modules/random/sha512.rs"]
mod sha512;

use common::props;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use sha512::{Sha512, Variant};
use std::io::Write;
use std::process::{Command, Stdio};

fn hex(data: &[u8], variant: Variant) -> String {
    let mut hasher = Sha512::with_variant(variant);
    hasher.update(data);
    hasher.hexdigest()
}

const TWO_BLOCKS: &[u8] = b"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

#[test]
fn nist_sha512_vectors() {
    assert_eq!(
        hex(b"abc", Variant::Sha512),
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a\
         2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
    );
    assert_eq!(
        hex(b"", Variant::Sha512),
        "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce\
         47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"
    );
    assert_eq!(
        hex(TWO_BLOCKS, Variant::Sha512),
        "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018\
         501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"
    );
    assert_eq!(
        hex(&vec![b'a'; 1_000_000], Variant::Sha512),
        "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb\
         de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b"
    );
    assert_eq!(sha512::sha512(b"abc").to_vec(), {
        let mut h = Sha512::new();
        h.update(b"abc");
        h.digest()
    });
}

#[test]
fn nist_sha384_vectors() {
    assert_eq!(
        hex(b"abc", Variant::Sha384),
        "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed\
         8086072ba1e7cc2358baeca134c825a7"
    );
    assert_eq!(
        hex(b"", Variant::Sha384),
        "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da\
         274edebfe76f65fbd51ad2f14898b95b"
    );
    assert_eq!(
        hex(TWO_BLOCKS, Variant::Sha384),
        "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712\
         fcc7c71a557e2db966c3e9fa91746039"
    );
}

/// `digest()` leaves the hasher usable, as Python's does.
#[test]
fn digest_does_not_end_the_message() {
    let mut hasher = Sha512::new();
    hasher.update(b"ab");
    let _ = hasher.digest();
    hasher.update(b"c");
    assert_eq!(hasher.hexdigest(), hex(b"abc", Variant::Sha512));
}

/// Message lengths that land on every padding case: the length field fits
/// in the last block (≤ 111 bytes left) or needs one more.
fn message() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..300),
        (100usize..140).prop_map(|n| (0..n).map(|i| i as u8).collect()),
        (230usize..270).prop_map(|n| vec![0xa5; n]),
    ]
}

proptest! {
    #![proptest_config(props::config(64))]

    #[test]
    fn pieces_give_the_one_shot_digest(data in message(), cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..6)) {
        let mut points: Vec<usize> = cuts.iter().map(|c| c.index(data.len() + 1)).collect();
        points.sort_unstable();
        let mut hasher = Sha512::new();
        let mut start = 0;
        for &point in &points {
            hasher.update(&data[start..point]);
            start = point;
        }
        hasher.update(&data[start..]);
        prop_assert_eq!(hasher.hexdigest(), hex(&data, Variant::Sha512));
    }
}

/// Random messages against `hashlib` in one python3 process.
#[test]
fn random_messages_match_hashlib() {
    let Some(python) = common::measure::python::python3() else {
        eprintln!("note: python3 not found: the hashlib comparison is skipped");
        return;
    };
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let messages: Vec<Vec<u8>> = (0..200)
        .map(|_| {
            message()
                .new_tree(&mut runner)
                .expect("a message")
                .current()
        })
        .collect();
    let script = "import sys, hashlib\n\
                  for line in sys.stdin:\n\
                  \x20   data = bytes.fromhex(line.strip())\n\
                  \x20   print(hashlib.sha512(data).hexdigest(), hashlib.sha384(data).hexdigest())\n";
    let mut child = Command::new(python)
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start python3");
    let input: String = messages
        .iter()
        .map(|m| m.iter().map(|b| format!("{b:02x}")).collect::<String>() + "\n")
        .collect();
    // Python answers while it reads: a writer thread feeds its stdin while
    // wait_with_output drains its stdout, so neither pipe can fill up.
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().expect("python3 output");
    writer
        .join()
        .expect("writer thread")
        .expect("write to python3");
    let text = String::from_utf8(output.stdout).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), messages.len(), "one answer per message");
    for (message, line) in messages.iter().zip(lines) {
        let expected = format!(
            "{} {}",
            hex(message, Variant::Sha512),
            hex(message, Variant::Sha384)
        );
        assert_eq!(expected, line, "message of {} bytes", message.len());
    }
}
