//! Python calls and returns that stay inside the instruction loop
//! (`vm/inline_call.rs`, CPython 3.11's inlined calls): each program runs
//! the fast path next to every case that must still go through the frame
//! loop, and checks exit code, stdout and stderr against what `python3`
//! 3.11 prints for the same program (file name `inloop.py`), under every
//! GIL mode.
//!
//! - The recursion limit, checked where the frame loop checked it: deep
//!   recursion stopping at exactly the depth CPython reaches under
//!   `sys.setrecursionlimit(120)`, recovering, and recursing again to the
//!   same depth; an `__init__` that recurses (`Resume::Init` frames);
//!   recursion inside a `key=` function (a nested frame loop).
//! - Exceptions through in-loop frames: raised six frames deep and caught
//!   three up (the traceback's line numbers walked with `tb_next`), caught
//!   and printed with `traceback.print_exc()`, and uncaught, with the full
//!   traceback and exit code 1.
//! - The plain paths beside the fast one: a callee that is a generator
//!   function (its frame resumed by `FOR_ITER`, calling in-loop inside),
//!   `sorted(key=lambda ...)` (the lambda is the bottom frame of a nested
//!   loop: its return goes back to Rust), `f(*args)` / `f(**kw)`
//!   (CALL_FUNCTION_EX), `__init__` and a bound method, `return` inside
//!   `try`/`finally`.
//! - The fused returns (`return x`, `return CONST`) from a plain call's
//!   frame beside the other kinds of frame they end: `__init__`, a binary
//!   operator's dunder (a value, `NotImplemented`), a generator; and a
//!   `return` inside a `for` loop.
//! - Two threads each making recursive function and method calls: each
//!   thread's totals and call counts.

mod eras;

/// Runs `src` as `inloop.py` under `preset`; (exit code, stdout, stderr).
fn run(preset: &str, src: &str) -> (i32, String, String) {
    eras::run("inloop.py", preset, src)
}

/// Asserts that `src` exits with `code` and prints `out` and `err` in
/// every mode.
fn assert_runs(src: &str, code: i32, out: &str, err: &str) {
    for preset in eras::PRESETS {
        let got = run(preset, src);
        assert_eq!(
            (got.0, got.1.as_str(), got.2.as_str()),
            (code, out, err),
            "{preset}"
        );
    }
}

const RECURSION: &str = r##"import sys
sys.setrecursionlimit(120)
deepest = 0


def down(n):
    global deepest
    deepest = n
    return down(n + 1)


try:
    down(1)
except RecursionError as e:
    print("RecursionError", e, deepest)
first = deepest
try:
    down(1)
except RecursionError:
    print("again", deepest == first)


def count(n):
    if n == 0:
        return 0
    return 1 + count(n - 1)


print(count(first - 5))


class Node:
    def __init__(self, depth):
        self.child = Node(depth + 1) if depth < 5000 else None


try:
    Node(0)
except RecursionError as e:
    print("init", e)
print(count(50))
print(sorted([2, 0, 1], key=lambda v: count(v * 10)))
try:
    sorted([1, 2], key=lambda v: down(v))
except RecursionError as e:
    print("nested", e, deepest > 100)
print(count(first - 5))
"##;

#[test]
fn recursion_limit_is_hit_at_python_depth_and_recovered() {
    assert_runs(
        RECURSION,
        0,
        r##"RecursionError maximum recursion depth exceeded 119
again True
114
init maximum recursion depth exceeded
50
[0, 1, 2]
nested maximum recursion depth exceeded True
114
"##,
        r##""##,
    );
}

const CALL_CHAINS: &str = r##"import sys
import traceback

def squares(n):
    for i in range(n):
        yield helper(i)


def helper(i):
    return i * i


def consume(n):
    g = squares(n)  # a call whose callee is a generator function
    return sum(g), type(g).__name__


def pair(a, b, c=3):
    return a + b + c


args = (1, 2)
print(consume(5), pair(*args), pair(*args, c=10), pair(**{"a": 1, "b": 1}))


def level(n, k):
    if n == 0:
        raise ValueError("bottom")
    if n == k:
        try:
            return level(n - 1, k)
        except ValueError as e:
            lines = []
            tb = sys.exc_info()[2]
            while tb is not None:
                lines.append(tb.tb_lineno)
                tb = tb.tb_next
            return n, str(e), lines
    return level(n - 1, k)


print(level(6, 3))


def deep(n):
    if n == 0:
        return {}["missing"]
    return deep(n - 1)


def catcher():
    try:
        deep(3)
    except KeyError:
        traceback.print_exc()
        return "recovered"


print(catcher())
"##;

#[test]
fn exceptions_generators_and_star_calls_through_inlined_frames_match_python() {
    assert_runs(
        CALL_CHAINS,
        0,
        r##"(30, 'generator') 6 13 5
(3, 'bottom', [31, 39, 39, 28])
recovered
"##,
        r##"Traceback (most recent call last):
  File "inloop.py", line 53, in catcher
    deep(3)
  File "inloop.py", line 48, in deep
    return deep(n - 1)
           ^^^^^^^^^^^
  File "inloop.py", line 48, in deep
    return deep(n - 1)
           ^^^^^^^^^^^
  File "inloop.py", line 48, in deep
    return deep(n - 1)
           ^^^^^^^^^^^
  File "inloop.py", line 47, in deep
    return {}["missing"]
           ~~^^^^^^^^^^^
KeyError: 'missing'
"##,
    );
}

const UNCAUGHT: &str = r##"import sys


def level(n, k):
    if n == 0:
        raise ValueError("bottom")
    if n == k:
        try:
            return level(n - 1, k)
        except ValueError as e:
            return ("caught at", n, str(e))
    return level(n - 1, k)


print(level(6, 3))


def leaf(x):
    return 10 // x


def mid(x):
    y = x - 1
    return leaf(y) + 1


def top(x):
    total = 0
    for i in range(x, 0, -1):
        total += mid(i)
    return total


def gen(n):
    for i in range(n):
        yield mid(i + 2)


print(list(gen(3)))
print(sorted([3, 1, 2], key=lambda v: mid(v + 1)))


class Acc:
    def __init__(self, start):
        self.total = start

    def add(self, v):
        try:
            self.total = self.total + mid(v)
            return self.total
        finally:
            self.total += 1000


a = Acc(1)
print(a.add(3), a.total)
print(top(3))
"##;

#[test]
fn uncaught_error_prints_every_inlined_frame_and_natives_call_back() {
    assert_runs(
        UNCAUGHT,
        1,
        r##"('caught at', 3, 'bottom')
[11, 6, 4]
[3, 2, 1]
7 1007
"##,
        r##"Traceback (most recent call last):
  File "inloop.py", line 57, in <module>
    print(top(3))
          ^^^^^^
  File "inloop.py", line 30, in top
    total += mid(i)
             ^^^^^^
  File "inloop.py", line 24, in mid
    return leaf(y) + 1
           ^^^^^^^
  File "inloop.py", line 19, in leaf
    return 10 // x
           ~~~^^~~
ZeroDivisionError: integer division or modulo by zero
"##,
    );
}

const THREADS: &str = r##"import threading

results = {}


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


class Walker:
    def __init__(self, name):
        self.name = name
        self.calls = 0

    def depth(self, n):
        self.calls += 1
        if n == 0:
            return 0
        return 1 + self.depth(n - 1)


def work(name, n):
    w = Walker(name)
    total = 0
    for i in range(n):
        total += fib(12) + w.depth(i % 40)
    results[name] = (total, w.calls)


threads = [threading.Thread(target=work, args=("t%d" % i, 60)) for i in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results.items()))
"##;

#[test]
fn two_threads_recursing_keep_their_own_totals() {
    assert_runs(
        THREADS,
        0,
        r##"[('t0', (9610, 1030)), ('t1', (9610, 1030))]
"##,
        r##""##,
    );
}

/// `return x` and `return CONST` (the fused returns) from every kind of
/// frame `return_in_loop` meets: a plain call's value delivered in the
/// loop (stored by the caller's next instruction or pushed), an
/// `__init__`'s `return None` (the new instance already on the caller's
/// stack), a binary operator's dunder (its operands dropped under the
/// value; its `NotImplemented` goes on to the reflected method through
/// the frame loop), a generator's `return` (its `StopIteration.value`, by
/// the frame loop), and a `return` inside a `for` loop (the iterator
/// popped first, then `RETURN_VALUE`).
const RETURNS: &str = r##"class V:
    def __init__(self, x):
        self.x = x
        return None

    def __add__(self, other):
        if isinstance(other, V):
            total = self.x + other.x
            return V(total)
        return NotImplemented

    def __radd__(self, other):
        result = other + self.x
        return result

    def first_over(self, items, limit):
        for item in items:
            if item > limit:
                return item
        return -1

    def pair(self):
        k = self.x
        return k


def gen(n):
    for i in range(n):
        yield i
    last = n * 10
    return last


def outer(v):
    got = v.pair()
    found = v.first_over([1, 5, 9, 12], 6)
    return got, found


def collect():
    g = gen(3)
    out = []
    while True:
        try:
            out.append(next(g))
        except StopIteration as stop:
            out.append(stop.value)
            return out


a = V(2)
b = V(5)
c = a + b
print(c.x, 10 + a, outer(b), collect())
try:
    a + "s"
except TypeError as e:
    print("TypeError", e)
total = 0
for i in range(300):
    total += V(i).pair() + V(i).first_over([i, i + 1], i)
print(total)
"##;

#[test]
fn fused_returns_from_every_kind_of_frame_match_python() {
    assert_runs(
        RETURNS,
        0,
        r##"7 12 (5, 9) [0, 1, 2, 30]
TypeError unsupported operand type(s) for +: 'V' and 'str'
90000
"##,
        r##""##,
    );
}
