//! Where each era lets a GIL switch land, counted per construct: the
//! check points of calls, method calls, `__init__`, property getters,
//! generator resumption (also through `yield from`), `with` exits and
//! raising, under the ≥ 3.10 policy (calls, RESUME, backward jumps) and the
//! ≤ 3.9 policy (every instruction, except after a FAST_DISPATCH one).
//!
//! How a check point is counted without touching the VM: the old GIL with
//! a check interval of 1 releases and re-takes the GIL at *every* check,
//! and each re-take adds one to the thread's `takes` (`GilStats`). So a
//! single-threaded program's MainThread `takes` is 1 (the first take) plus
//! its check points plus its blocking calls. Running a loop body `N` and
//! `3N` times and dividing the difference by `2N` leaves exactly the check
//! points of one iteration — start-up, imports and exit cancel out — and
//! subtracting the loop's own (the `pass` body) leaves the construct's.
//! Counts, not timings: nothing here can flake.
//!
//! The policy comes from each era's preset (`2.7`/`3.9` check every
//! instruction, `3.12`/`3.13t` check at calls and backward jumps); only the
//! GIL mode is swapped for the counting one. `3.13t` has no GIL to switch,
//! but its VM calls the same (empty) check at the same places.

use threading::gil::{CheckPolicy, GilConfig, GilMode};
use threading::{Config, Interpreter};

/// Definitions every construct below may use.
const SETUP: &str = "\
def f():
    pass
class E(Exception):
    pass
class C:
    def __init__(self):
        self.n = 0
    def m(self):
        pass
    @property
    def p(self):
        return 1
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return True
def forever():
    while True:
        yield 1
def delegating():
    yield from forever()
o = C()
g = forever()
g2 = delegating()
a = 1
b = 2
";

/// MainThread's GIL takes for `body` run `n` times in a function's loop,
/// under `preset`'s check policy and the counting GIL.
fn takes(preset: &str, setup: &str, body: &str, n: usize) -> u64 {
    let policy = GilConfig::preset(preset).expect("preset").policy;
    let gil = GilConfig {
        mode: GilMode::Old,
        old_check_interval: 1,
        policy,
        ..GilConfig::default()
    };
    let body = body.replace('\n', "\n        ");
    let src = format!("{setup}def run(k):\n    for _ in range(k):\n        {body}\nrun({n})\n");
    let out = Interpreter::new(Config { gil, capture: true }).run_source("t.py", &src);
    assert_eq!(out.exit_code, 0, "{preset} {body}: {}", out.stderr);
    out.stats
        .threads
        .iter()
        .find(|t| t.name == "MainThread")
        .expect("MainThread's stats")
        .takes
}

/// Check points one run of `body` adds to the loop's own.
fn check_points(preset: &str, setup: &str, body: &str) -> u64 {
    let per_iteration = |body: &str| {
        let (few, many) = (
            takes(preset, setup, body, 40),
            takes(preset, setup, body, 120),
        );
        assert_eq!((many - few) % 80, 0, "{preset} {body}: not a whole count");
        (many - few) / 80
    };
    per_iteration(body) - per_iteration("pass")
}

/// `(construct, check points under ≥ 3.10, check points under ≤ 3.9)`.
///
/// ≥ 3.10: a call checks at its CALL and at the callee's RESUME; resuming
/// a generator is a RESUME, checked only where the frame stopped at a
/// plain `yield` (`RESUME 1`): a frame parked in `yield from` resumes
/// through `RESUME 2`, which CPython ≥ 3.11 does not check, so a
/// delegating chain checks once, at its innermost frame; a `with` checks
/// at its exit's call; `forever`'s loop adds its own
/// back edge; attribute, arithmetic and raising instructions never check.
///
/// ≤ 3.9 (the same bytecode, 3.9's dispatch rules): every instruction
/// (✓) except one after LOAD_FAST, LOAD_CONST, STORE_FAST, POP_TOP,
/// COPY/SWAP, NOP, FOR_ITER, GET_ITER, a comparison, a forward or
/// conditional jump, or RESUME, and never before SETUP_FINALLY,
/// BEFORE_WITH or YIELD_FROM (`vm/check_points.rs`). The loop's own
/// `FOR_ITER ✓ STORE_FAST JUMP_BACKWARD` is subtracted.
const CONSTRUCTS: &[(&str, u64, u64)] = &[
    // LOAD_GLOBAL · CALL ✓ · [RESUME ✓ LOAD_CONST RETURN] · POP_TOP ✓
    ("f()", 2, 3),
    // LOAD_GLOBAL · LOAD_METHOD ✓ · CALL_METHOD ✓ · [m] ✓ · POP_TOP ✓
    ("o.m()", 2, 4),
    // the class call ✓ and __init__'s RESUME ✓ (3.9 also checks its STORE_ATTR)
    ("C()", 2, 4),
    // the property getter's RESUME
    ("o.p", 1, 3),
    // next(): CALL ✓ and the generator's resumption ✓, then `forever`'s
    // loop: its back edge (≥ 3.10), its LOAD_CONSTs after jumps (3.9)
    ("next(g)", 3, 5),
    // the delegating frame's resumption adds none (its RESUME 2 is not a
    // check point); 3.9 never checks before its YIELD_FROM
    ("next(g2)", 3, 5),
    // __enter__'s RESUME, WITH_EXIT's call ✓, __exit__'s RESUME
    ("with o:\n    pass", 3, 6),
    // the exceptional exit: WITH_EXCEPT_START's call ✓ and __exit__'s RESUME
    ("with o:\n    raise E", 3, 9),
    // raising and catching: no call, no back edge
    ("try:\n    raise E\nexcept E:\n    pass", 0, 7),
    // the read-modify-write of an attribute: nothing under ≥ 3.10; under
    // 3.9 LOAD_GLOBAL · COPY ✓ LOAD_ATTR · LOAD_CONST ✓ BINARY_OP · SWAP ✓
    // STORE_ATTR · JUMP_BACKWARD ✓ — two check points between the read
    // (LOAD_ATTR) and the write (STORE_ATTR), where a switch loses updates
    ("o.n += 1", 0, 4),
    // LOAD_GLOBAL · LOAD_GLOBAL ✓ BINARY_OP ✓ STORE_FAST ✓
    ("x = a + b", 0, 3),
];

#[test]
fn calls_resumptions_and_with_exits_are_the_310_check_points() {
    for preset in ["3.12", "3.13t"] {
        assert_eq!(
            GilConfig::preset(preset).unwrap().policy,
            CheckPolicy::CallsAndBackwardJumps
        );
        for &(body, expected, _) in CONSTRUCTS {
            assert_eq!(
                check_points(preset, SETUP, body),
                expected,
                "{preset}: {body}"
            );
        }
    }
}

#[test]
fn every_instruction_but_fast_dispatch_ones_checks_under_39() {
    for preset in ["2.7", "3.9"] {
        assert_eq!(
            GilConfig::preset(preset).unwrap().policy,
            CheckPolicy::EveryInstruction
        );
        for &(body, _, expected) in CONSTRUCTS {
            assert_eq!(
                check_points(preset, SETUP, body),
                expected,
                "{preset}: {body}"
            );
        }
    }
}

#[test]
fn every_generator_resumption_is_a_check_point_under_310() {
    // A straight-line generator has no back edge of its own: each `yield`
    // resumed past is one RESUME.
    let setup = "def six():\n    yield 0\n    yield 1\n    yield 2\n    yield 3\n    yield 4\n    yield 5\n";
    // The CALL that makes the generator (its body does not run yet).
    assert_eq!(check_points("3.12", setup, "six()"), 1);
    // + list()'s CALL, the frame's first RESUME, six resumptions.
    assert_eq!(check_points("3.12", setup, "list(six())"), 1 + 1 + 1 + 6);
    // A Python `for` adds its own back edge per item.
    assert_eq!(
        check_points("3.12", setup, "for x in six():\n    pass"),
        1 + 1 + 6 + 6
    );
    // Through three levels of `yield from`, each item costs what it costs
    // straight from `six`: the delegating frames resume through `RESUME 2`,
    // not a check point in CPython ≥ 3.11; only their first starts (three
    // more RESUMEs, three more CALLs making the generators) are added.
    let chain = format!(
        "{setup}def d1():\n    yield from six()\ndef d2():\n    yield from d1()\ndef d3():\n    yield from d2()\n"
    );
    for preset in ["3.12", "3.13t"] {
        assert_eq!(
            check_points(preset, &chain, "list(d3())"),
            (1 + 1 + 1 + 6) + 3 + 3,
            "{preset}"
        );
        assert_eq!(
            check_points(preset, &chain, "for x in d3():\n    pass"),
            (1 + 1 + 6 + 6) + 3 + 3,
            "{preset} for"
        );
    }
}
