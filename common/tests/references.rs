//! Property tests of the sequential references themselves: before any model
//! is checked against them, they are checked against independent oracles
//! (a sieve, CPython running the MiniPy source, the network-free digest).
//!
//! Bounded case counts keep `cargo test --workspace` fast; set
//! `PROPTEST_CASES` to run more.

use common::cpu::{self, CpuTask};
use common::io::{EchoServer, EchoSpec};
use common::measure::python;
use common::oracle::sieve_count;
use common::props;
use proptest::prelude::*;

proptest! {
    #![proptest_config(props::config(64))]

    #[test]
    fn count_primes_agrees_with_a_sieve(lo in 0u64..5_000, len in 0u64..5_000) {
        prop_assert_eq!(cpu::count_primes(lo, lo + len), sieve_count(lo, lo + len));
    }

    #[test]
    fn split_parts_sum_to_the_whole(task in props::cpu_task(), parts in 0usize..10) {
        let split = task.split(parts);
        prop_assert!(!split.is_empty() && split.len() <= parts.max(1));
        prop_assert_eq!(split.iter().map(CpuTask::run).sum::<u64>(), task.run());
    }

    #[test]
    fn echo_digest_does_not_depend_on_reply_order(spec in props::echo_spec()) {
        // Summing per-reply digests in reverse order gives the same total.
        let mut total = 0u64;
        for conn in (0..spec.connections).rev() {
            for req in (0..spec.requests).rev() {
                total = total.wrapping_add(EchoSpec::reply_digest(conn, req, &spec.payload_for(conn, req)));
            }
        }
        prop_assert_eq!(total, spec.expected_digest());
    }

    #[test]
    fn sleep_reference_returns_every_id_once(spec in props::sleep_spec()) {
        let spec = common::SleepSpec { latency: std::time::Duration::ZERO, ..spec };
        props::each_exactly_once(spec.tasks, &spec.run_sequential())?;
        props::matches_reference(&spec.expected(), &spec.run_sequential())?;
    }
}

#[test]
fn a_wrong_reply_changes_the_digest() {
    let spec = EchoSpec {
        connections: 2,
        requests: 2,
        payload: 8,
    };
    let mut total = 0u64;
    for conn in 0..2 {
        for req in 0..2 {
            // Swap the replies of requests 0 and 1: the digest must notice.
            let reply = spec.payload_for(conn, 1 - req);
            total = total.wrapping_add(EchoSpec::reply_digest(conn, req, &reply));
        }
    }
    assert_ne!(total, spec.expected_digest());
}

#[test]
fn echo_over_loopback_matches_the_digest() {
    let server = EchoServer::start().expect("bind loopback");
    let spec = EchoSpec {
        connections: 8,
        requests: 10,
        payload: 3000,
    };
    assert_eq!(
        spec.run_sequential(server.addr()).expect("echo"),
        spec.expected_digest()
    );
}

/// CPython runs the very MiniPy source each kernel ships and must print the
/// Rust reference's result. Skipped, with a note, when python3 is absent.
#[test]
fn minipy_sources_match_the_references_under_cpython() {
    let tasks = [
        CpuTask::Count { n: 12_345 },
        CpuTask::CountPrimes { lo: 0, hi: 2_000 },
        CpuTask::CountPrimes { lo: 17, hi: 18 },
        CpuTask::Collatz { lo: 1, hi: 300 },
        CpuTask::Collatz { lo: 27, hi: 28 },
    ];
    for task in tasks {
        let Some(out) = python::run_source(&task.minipy_program(), &[]) else {
            eprintln!("note: python3 absent; MiniPy sources not checked against CPython");
            return;
        };
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim(),
            task.run().to_string(),
            "{task:?}"
        );
    }
}
