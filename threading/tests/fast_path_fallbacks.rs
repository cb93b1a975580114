//! The fallbacks of issue 10's fast paths: each program drives a fast
//! path into the case where it must give up and take the plain path, and
//! checks that the answers are Python's (the expected text is what
//! `python3` 3.11 prints for the same program), under every GIL mode.
//!
//! - The type-lookup cache (`object/type_cache.rs`): a class whose
//!   attribute layout changes mid-loop (a base's method patched, a closer
//!   class shadowing, a data descriptor added over an instance attribute,
//!   `__init__` and `__eq__` replaced), and a class changed by another
//!   thread, whose cache is its own.
//! - The inline `float` arithmetic and comparisons, and the `int` ones of
//!   the fused ops: an int that overflows into a big int inside a fused
//!   op, a float with a huge int, division by zero (float and int zero),
//!   NaN comparisons.
//! - `UNPACK_SEQUENCE` straight from a tuple's or list's storage: a list
//!   resized between unpackings, wrong lengths (the plain path raises),
//!   strings and non-iterables, a list grown while a `for a, b in` loop
//!   walks it.
//! - `xs[i]` and `xs[i] = v` on an exact list with an int index
//!   (`vm/list_subscript.rs`) and the floats read in place by the fused
//!   ops (`**` from a positive base included): indexes out of range and
//!   negative, a float and a slice index, a list subclass with its own
//!   `__getitem__`/`__setitem__`, a list of lists updated in place, a list
//!   shrunk mid-loop, and `**` cases that must raise or give inf/nan.
//! - `xs[i] op= v` with its read half (`COPY 2; COPY 2; BINARY_SUBSCR`)
//!   and write half (`BINARY_OP; SWAP 3; SWAP 2; STORE_SUBSCR`) fused:
//!   str and list items, an int overflowing into a big int, float
//!   division by zero, an index out of range, a list cleared by the
//!   right-hand side between the halves, a dict, a tuple, a list subclass
//!   with its own `__getitem__`/`__setitem__`, `**=` and `//=` on a list
//!   of lists, an item with `__iadd__`.
//! - Slice assignment of as many items as it replaces, swapped in place
//!   (`vm/subscript.rs`): a list reversed into itself, `a[:] = a`, a
//!   string on the right, empty and shrinking and growing slices, a
//!   slice past the end, an extended slice.
//! - `for a, b in` read straight into two locals (`vm/iter_pairs.rs`):
//!   a list grown under `enumerate`, a count past 64 bits, a generator
//!   and a string inside `enumerate`, an enumerate resumed after `break`,
//!   a zip whose second iterator runs out first (the first still
//!   advanced), `strict=True`, `zip(it, it)`, three iterables, items that
//!   are lists, strings, 3-tuples, 1-tuples and ints, a list of pairs
//!   grown mid-loop, and `for k, k in`.
//! - The fused backward jump that runs the `while` test it lands on
//!   (`vm/eval.rs`, jump threading): a step that overflows, a float bound,
//!   a local that becomes a float or a str in the body, a big-int start.
//! - The frame arena (`vm/frame_arena.rs`): recursion deeper than the
//!   spare frames it keeps (fresh allocations, some freed), frames
//!   recycled while a generator is suspended, a generator dropped while
//!   suspended (its frame goes with it), frames released on an error in
//!   the generator, in argument binding and at the recursion limit.
//! - Positional calls and `C(a, b)` straight into the frame's slots
//!   (`vm/call.rs`): `__init__` with defaults, with cells (`super()`) and
//!   free variables, a class with its own `__new__`, `*args`/keywords,
//!   `__init__` replaced mid-run by one returning a value and by a
//!   generator function, then deleted; wrong argument counts.
//! - Generator resumption (`object/generator.rs`'s atomic frame slot,
//!   `yield from` out of the stack slot): `yield from` a list and an
//!   iterator class (the plain path), `send` through a delegation, a
//!   generator resuming itself (running), exhausted and closed generators
//!   and a reused coroutine (done), a non-None send into an unstarted
//!   generator (the frame put back), `close` and `throw` through
//!   `yield from`; a generator frame found through its consumer's stack
//!   slot when it raises (PEP 479's `StopIteration`, an exception caught
//!   by the delegating generator), is abandoned by `break`, or closes
//!   itself.
//! - Keyword calls bound straight from the stack (`vm/call.rs`) and names
//!   matched by pointer (`vm/args.rs`): more keywords than the inline
//!   buffer, names built at run time (`**{name: v}`), `*rest`/`**kw`,
//!   positional-only names going to `**kw`, and every binding error.
//! - `list(it)`, `tuple(it)`, `set(it)`, `frozenset(it)` built straight
//!   from the iterable (`vm/iter/consume.rs`, `construct_from`): a
//!   generator raising mid-consumption, `return value` in a generator,
//!   `StopIteration` raised inside one (PEP 479), a genexp over a list
//!   mutated while consumed, an exhausted generator, `frozenset(fs) is
//!   fs`, subclasses with their own `__init__` (the plain path), no
//!   argument, two arguments and a keyword (the plain path), and the
//!   errors for non-iterables and unhashable items.
//! - A yielding frame's stack moved into `saved_stack` value by value
//!   (`vm/frames.rs`, popped and put back in order): yields with two loop
//!   iterators, a half-built tuple display and a call's half-built
//!   arguments below them, `send` into each, a `yield from` inside a list
//!   display with a return value.

mod eras;

/// Asserts that `src` prints `want` and exits 0 in every mode.
fn assert_prints(src: &str, want: &str) {
    eras::assert_prints("fallback.py", src, want)
}

const CLASS_CHANGES_MID_LOOP: &str = r#"class Base:
    kind = "base"

    def m(self):
        return "base.m"


class Mid(Base):
    pass


class Leaf(Mid):
    def __init__(self):
        self.x = 1

    def __eq__(self, other):
        return "eq1"


obj = Leaf()
seen = []
for i in range(8):
    made = Leaf()
    seen.append((obj.m(), obj.kind, obj.x, getattr(obj, "y", None), made.x, obj == 1))
    if i == 1:
        Base.m = lambda self: "patched"
    elif i == 2:
        Mid.kind = "mid"
    elif i == 3:
        Leaf.x = property(lambda self: "prop", lambda self, v: None)
    elif i == 4:
        del Mid.kind
        Base.y = "y"
    elif i == 5:
        obj.m = lambda: "instance"
        del Leaf.x
    elif i == 6:
        def init(self):
            self.x = 2
        Leaf.__init__ = init
        Leaf.__eq__ = lambda self, other: "eq2"
for row in seen:
    print(*row)
import threading


class Shared:
    def who(self):
        return "before"


shared = Shared()
print(shared.who())


def patch():
    # Another thread (with a cache of its own) changes the class.
    print(shared.who())
    Shared.who = lambda self: "after"


worker = threading.Thread(target=patch)
worker.start()
worker.join()
print(shared.who())
"#;

const CLASS_CHANGES_MID_LOOP_WANT: &str = "base.m base 1 None 1 eq1\n\
base.m base 1 None 1 eq1\n\
patched base 1 None 1 eq1\n\
patched mid 1 None 1 eq1\n\
patched mid prop None prop eq1\n\
patched base prop y prop eq1\n\
instance base 1 y 1 eq1\n\
instance base 1 y 2 eq2\n\
before\n\
before\n\
after\n\
";

#[test]
fn type_cache_sees_a_class_change_mid_loop_and_from_another_thread() {
    assert_prints(CLASS_CHANGES_MID_LOOP, CLASS_CHANGES_MID_LOOP_WANT);
}

const NUMBERS_AND_UNPACKING: &str = r#"def grow(n):
    x = 3
    for i in range(n):
        x = x * 3
        y = x + 1
    return x, y


print(*grow(50))


def floats():
    a = 1.5
    b = 2
    big = 2**63 - 1
    print(a + b, b - a, a * b, a / b, b / a, 7.0 // 2, 7.5 % 2, 2.0 ** 3)
    print(big + 0.5, 2**70 * 1.0, big * 1.0 == 2.0**63, -0.0 * 1, 1e308 * 10)
    for zero in (0.0, 0, -0.0):
        try:
            print(a / zero)
        except ZeroDivisionError as e:
            print("ZeroDivisionError:", e)
    nan = float("nan")
    print(a < b, a < 2.5, 1.5 == a, nan == nan, nan != nan, nan < 1.0, a >= 1.5)
    total = 0.0
    for i in range(10):
        total += i * 0.1
        total -= 0.01
    print(total)


floats()


def unpack():
    xs = [1, 2, 3]
    for k in range(3):
        try:
            a, b, c = xs
            print("unpacked", a, b, c)
        except ValueError as e:
            print("ValueError:", e)
        xs.append(k)
    for bad in [(1, 2, 3), (1,), "xy", "xyz", [4, 5]]:
        try:
            a, b = bad
            print("unpacked", a, b)
        except ValueError as e:
            print("ValueError:", e)
    pairs = [(1, 2), (3, 4)]
    for a, b in pairs:
        if len(pairs) < 5:
            pairs.append((a * 10, b * 10))
        print(a, b)
    try:
        a, b = 5
    except TypeError as e:
        print("TypeError:", e)


unpack()
"#;

const NUMBERS_AND_UNPACKING_WANT: &str = "2153693963075557766310747 2153693963075557766310748\n\
3.5 0.5 3.0 0.75 1.3333333333333333 3.0 1.5 8.0\n\
9.223372036854776e+18 1.1805916207174113e+21 True -0.0 inf\n\
ZeroDivisionError: float division by zero\n\
ZeroDivisionError: float division by zero\n\
ZeroDivisionError: float division by zero\n\
True True True False True False True\n\
4.400000000000001\n\
unpacked 1 2 3\n\
ValueError: too many values to unpack (expected 3)\n\
ValueError: too many values to unpack (expected 3)\n\
ValueError: too many values to unpack (expected 2)\n\
ValueError: not enough values to unpack (expected 2, got 1)\n\
unpacked x y\n\
ValueError: too many values to unpack (expected 2)\n\
unpacked 4 5\n\
1 2\n\
3 4\n\
10 20\n\
30 40\n\
100 200\n\
TypeError: cannot unpack non-iterable int object\n\
";

#[test]
fn float_int_and_unpack_fast_paths_fall_back_with_python_results() {
    assert_prints(NUMBERS_AND_UNPACKING, NUMBERS_AND_UNPACKING_WANT);
}

const WHILE_TEST_THREADED: &str = r#"# A while loop whose test the backward jump runs inline: every way out of
# the fast path (overflow at the step, a float bound, a local that turns
# into a float or a str inside the body, a test on a non-int const).
def down(i):
    steps = 0
    while i > 0:
        steps += 1
        i -= 1
    return steps, i

def step_overflows():
    i = -9223372036854775807
    n = 0
    while i > -9223372036854775810:
        n += 1
        i -= 1
    return n, i

def float_bound(i):
    n = 0
    while i > 0.5:
        n += 1
        i -= 1
    return n, i

def turns_float(i):
    n = 0
    while i < 10:
        n += 1
        if n == 3:
            i = i + 0.5
        i += 1
    return n, i

def turns_str():
    i = 0
    out = []
    while i != "done":
        out.append(i)
        i += 1
        if i == 3:
            i = "done"
    return out

def big_start():
    i = 2 ** 64 + 3
    n = 0
    while i > 2 ** 64:
        n += 1
        i -= 1
    return n, i

print(down(5), down(0), down(-3))
print(step_overflows())
print(float_bound(4))
print(turns_float(0))
print(turns_str())
print(big_start())
"#;

const WHILE_TEST_THREADED_WANT: &str = "(5, 0) (0, 0) (0, -3)\n\
(3, -9223372036854775810)\n\
(4, 0)\n\
(10, 10.5)\n\
[0, 1, 2]\n\
(3, 18446744073709551616)\n\
";

#[test]
fn threaded_while_test_falls_back_with_python_results() {
    assert_prints(WHILE_TEST_THREADED, WHILE_TEST_THREADED_WANT);
}

const FRAME_ARENA: &str = r#"def depth(n):
    # Deeper than the arena keeps spare frames: fresh allocations on the
    # way down, some freed (not kept) on the way up.
    return 0 if n == 0 else 1 + depth(n - 1)


def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "done"


def relay(n):
    # yield from: the delegating frame leaves and rejoins the frame list
    # at every item, by pointer.
    r = yield from count(n)
    yield r


def boom(n):
    yield n
    raise ValueError(n)


def kw(a, b=2, *, c):
    return a + b + c


print(depth(300), depth(5))
g = count(10)
print(next(g), next(g))
# Frames recycled by other calls while g is suspended.
print([depth(k) for k in range(3)], next(g))
print(list(relay(4)))
# A generator dropped while suspended frees its frame with it.
for _ in range(3):
    h = count(5)
    next(h)
    del h
b = boom(7)
print(next(b))
try:
    next(b)
except ValueError as e:
    print("ValueError", e)
try:
    kw(1)
except TypeError as e:
    print("TypeError", e)
print(kw(1, c=3), kw(1, 5, c=3))


def forever(n):
    return forever(n + 1)


try:
    forever(0)
except RecursionError:
    print("RecursionError")
print(depth(50), list(g), sum(count(100)))
"#;

#[test]
fn frame_arena_recycles_frames_through_recursion_generators_and_errors() {
    assert_prints(
        FRAME_ARENA,
        "300 5\n0 1\n[0, 1, 2] 2\n[0, 1, 2, 3, 'done']\n7\nValueError 7\n\
         TypeError kw() missing 1 required keyword-only argument: 'c'\n6 9\n\
         RecursionError\n50 [3, 4, 5, 6, 7, 8, 9] 4950\n",
    );
}

const CLASS_CALLS: &str = r#"class P:
    def __init__(self, x, y=10):
        self.x = x
        self.y = y


class Q(P):
    def __init__(self, x):
        super().__init__(x, 2)  # a __class__ cell: the cells branch


def make(k):
    class R:
        def __init__(self, a):
            self.a = a + k  # a free variable

    return R


class N:
    def __new__(cls, *args):
        o = object.__new__(cls)
        o.made_by = "new"
        return o

    def __init__(self, a):
        self.a = a


class Star:
    def __init__(self, *args, **kw):
        self.n = (len(args), sorted(kw))


out = []
for i in range(3):
    p = P(i)
    q = Q(i)
    r = make(100)(i)
    out.append((p.x, p.y, q.x, q.y, r.a, N(i).made_by, Star(i, i).n, P(i, y=5).y))
print(out)


def bad(self, a):
    return a


P.__init__ = bad
try:
    P(1)
except TypeError as e:
    print("TypeError", e)


def gen_init(self):
    yield 1


P.__init__ = gen_init
try:
    P()
except TypeError as e:
    print("TypeError", e)


del P.__init__
try:
    P(4)
except TypeError as e:
    print("TypeError", e)
print(type(P()).__name__)
try:
    Q()
except TypeError as e:
    print("TypeError", e)
try:
    Q(1, 2, 3)
except TypeError as e:
    print("TypeError", e)
"#;

#[test]
fn positional_and_class_call_fast_paths_fall_back_with_python_results() {
    assert_prints(CLASS_CALLS, "[(0, 10, 0, 2, 100, 'new', (2, []), 5), (1, 10, 1, 2, 101, 'new', (2, []), 5), (2, 10, 2, 2, 102, 'new', (2, []), 5)]\nTypeError __init__() should return None, not 'int'\nTypeError __init__() should return None, not 'generator'\nTypeError P() takes no arguments\nP\nTypeError Q.__init__() missing 1 required positional argument: 'x'\nTypeError Q.__init__() takes 2 positional arguments but 4 were given\n");
}

const GENERATOR_RESUMPTION: &str = r#"class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == 0:
            raise StopIteration("countdown done")
        self.n -= 1
        return self.n


def inner():
    got = yield 1
    got2 = yield got
    return ("inner", got2)


def outer():
    # Sub-iterators of every kind: a generator (the fast path), a list and
    # an iterator class (the plain path).
    r = yield from inner()
    r2 = yield from [10, 11]
    r3 = yield from Countdown(2)
    yield (r, r2, r3)


g = outer()
print(next(g), g.send("a"), g.send("b"), list(g))


def me():
    yield gen.gi_running
    try:
        next(gen)
    except ValueError as e:
        yield str(e)


gen = me()
print(gen.gi_running, list(gen), gen.gi_running)
s = inner()
try:
    s.send(5)
except TypeError as e:
    print("TypeError", e)
print(next(s), s.send(7))
try:
    s.send(8)
except StopIteration as e:
    print("StopIteration", e.value)
print(next(s, "exhausted"))


def guarded():
    try:
        yield 1
        yield 2
    finally:
        print("closing")


def delegating():
    yield from guarded()


d = delegating()
print(next(d))
d.close()
unstarted = delegating()
unstarted.close()
print(next(unstarted, "closed"))
t = delegating()
next(t)
try:
    t.throw(KeyError("k"))
except KeyError as e:
    print("KeyError", e)


async def coro():
    return 3


c = coro()
try:
    c.send(None)
except StopIteration as e:
    print("StopIteration", e.value)
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError", e)
"#;

#[test]
fn generator_slot_and_yield_from_fast_paths_fall_back_with_python_results() {
    assert_prints(GENERATOR_RESUMPTION, "1 a 10 [11, 1, 0, (('inner', 'b'), None, 'countdown done')]\nFalse [True, 'generator already executing'] False\nTypeError can't send non-None value to a just-started generator\n1 7\nStopIteration ('inner', 8)\nexhausted\n1\nclosing\nclosed\nclosing\nKeyError 'k'\nStopIteration 3\nRuntimeError cannot reuse already awaited coroutine\n");
}

const KEYWORD_CALLS: &str = r#"def f(a, b=2, /, c=3, *rest, d, e=5, **kw):
    return (a, b, c, rest, d, e, sorted(kw.items()))


def g(x, y=1, *, z=2):
    return x + y + z


def many(a=0, b=0, c=0, d=0, e=0, f=0, g=0, h=0, i=0, j=0):
    return [a, b, c, d, e, f, g, h, i, j]


print(f(1, d=4), f(1, 2, 3, 4, d=0, z=9), g(1, z=10), g(x=1, y=2))
# More keywords than the inline buffer holds: the plain path.
print(many(a=1, b=2, c=3, d=4, e=5, f=6, g=7, h=8, i=9, j=10))
# Names built at run time: compared as text.
name = "".join(["z"])
print(g(1, **{name: 100}), g(**{"x": 5}))
for call in (
    lambda: g(1, w=2),
    lambda: g(1, x=2),
    lambda: f(1, 2, b=3, d=1),
    lambda: f(1),
    lambda: g(),
    lambda: g(1, 2, 3),
):
    try:
        print(call())
    except TypeError as e:
        print("TypeError", e)


def gen(a, *, step):
    yield a
    yield a + step


print(list(gen(1, step=2)), [g(i, z=i) for i in range(4)])
"#;

#[test]
fn keyword_call_fast_paths_fall_back_with_python_results() {
    assert_prints(KEYWORD_CALLS, "(1, 2, 3, (), 4, 5, []) (1, 2, 3, (4,), 0, 5, [('z', 9)]) 12 5\n[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n102 8\nTypeError g() got an unexpected keyword argument 'w'\nTypeError g() got multiple values for argument 'x'\n(1, 2, 3, (), 1, 5, [('b', 3)])\nTypeError f() missing 1 required keyword-only argument: 'd'\nTypeError g() missing 1 required positional argument: 'x'\nTypeError g() takes from 1 to 2 positional arguments but 3 were given\n[1, 3] [1, 3, 5, 7]\n");
}

const GENERATOR_ENDINGS: &str = r#"def stopper():
    yield 1
    raise StopIteration("inner")


try:
    for x in stopper():
        print("got", x)
except RuntimeError as e:
    print("RuntimeError", e, type(e.__cause__).__name__)


def boom():
    yield 1
    raise KeyError("b")


def deleg():
    try:
        yield from boom()
    except KeyError as e:
        yield "caught " + str(e)
    yield from [7, 8]


print(list(deleg()))
for x in deleg():
    print(x)
    break


def nested(n):
    for i in range(n):
        for j in (k * 10 for k in range(i)):
            yield i, j


print(list(nested(4)))


def selfclose():
    yield 1
    try:
        g.close()
    except ValueError as e:
        yield str(e)


g = selfclose()
print([v for v in g])


def fib(n):
    if n < 2:
        return n
    a = yield from fib_gen(n - 1)
    b = yield from fib_gen(n - 2)
    return a + b


def fib_gen(n):
    r = yield from fib(n) if False else iter(())
    return n if n < 2 else (yield from fib(n))


def collect(gen):
    try:
        while True:
            next(gen)
    except StopIteration as e:
        return e.value


print(collect(fib(12)))
it = iter([1, 2, 3])


def using_next():
    for x in it:
        yield x + next(it, 100)


print(list(using_next()))
"#;

#[test]
fn generators_resumed_by_for_and_yield_from_end_every_way_with_python_results() {
    assert_prints(GENERATOR_ENDINGS, "got 1\nRuntimeError generator raised StopIteration StopIteration\n[1, \"caught 'b'\", 7, 8]\n1\n[(1, 0), (2, 0), (2, 10), (3, 0), (3, 10), (3, 20)]\n[1, 'generator already executing']\n144\n[3, 103]\n");
}

const LIST_INDEX_AND_FLOATS: &str = r#"# The list-subscript fast path (exact list, int index) and the in-place
# float ops: every way out of each.
xs = [10, 20, 30]
print(xs[0], xs[-1], xs[-3], xs[True])
for i in (3, -4):
    try:
        print(xs[i])
    except IndexError as e:
        print("IndexError", e)
try:
    xs[1.0]
except TypeError as e:
    print("TypeError", e)
print(xs[0:2], xs[::-1])
xs[0] = "a"
xs[-1] += 5
xs[1] -= 1
print(xs)
for i in (3, -4):
    try:
        xs[i] = 0
    except IndexError as e:
        print("IndexError", e)
xs[0:1] = [1, 2]
print(xs)

class L(list):
    def __getitem__(self, i):
        return ("sub", list.__getitem__(self, i))
    def __setitem__(self, i, v):
        list.__setitem__(self, i, v * 2)

l = L([1, 2, 3])
l[0] = 5
print(l[0], l[-1], list(l))

grid = [[0.0] * 3 for _ in range(3)]
for i in range(3):
    for j in range(3):
        grid[i][j] += i * 1.5 + j
grid[2][2] = grid[1][1] * grid[0][2]
print(grid)

ys = [[1, 2]]
ys[0] = 1
print(ys)

def shrink(zs):
    out = []
    for k in range(4):
        if k == 2:
            zs.pop()
        try:
            out.append(zs[2])
        except IndexError:
            out.append("gone")
    return out
print(shrink([1, 2, 3]))

def floats(x, y):
    a = x * y
    b = x / y
    c = 2 * x
    d = x ** 2
    e = x ** -1.5
    f = (x + y) ** 0.5
    return a, b, c, d, e, f
print(floats(2.0, 3.0))
print(floats(4, 0.5))
for base, exp in ((0.0, -1.0), (10.0, 400.0), (2.0, 1e10)):
    try:
        print(base ** exp)
    except (ZeroDivisionError, OverflowError) as e:
        print(type(e).__name__, e)
    except ValueError as e:
        print("ValueError")
print((-8.0) ** 2.0, 0.0 ** 2.0, float("inf") ** 0.5, float("nan") ** 1.0, 1.0 ** float("nan"))
v = 1
v = 2.5
v = v * 2.0
w = "s"
w = 1.5
w = w + 1
print(v, w)
def turns(n):
    t = 0.5
    for _ in range(n):
        t = t * 2.0
    t = t * "ab" if False else t
    t = [t]
    return t
print(turns(3))
"#;

/// `python3` 3.11's output for `LIST_INDEX_AND_FLOATS`.
const LIST_INDEX_AND_FLOATS_WANT: &str = r#"10 30 10 20
IndexError list index out of range
IndexError list index out of range
TypeError list indices must be integers or slices, not float
[10, 20] [30, 20, 10]
['a', 19, 35]
IndexError list assignment index out of range
IndexError list assignment index out of range
[1, 2, 19, 35]
('sub', 10) ('sub', 3) [10, 2, 3]
[[0.0, 1.0, 2.0], [1.5, 2.5, 3.5], [3.0, 4.0, 5.0]]
[1]
[3, 3, 'gone', 'gone']
(6.0, 0.6666666666666666, 4.0, 4.0, 0.3535533905932738, 2.23606797749979)
(2.0, 8.0, 8, 16, 0.125, 2.1213203435596424)
ZeroDivisionError 0.0 cannot be raised to a negative power
OverflowError (34, 'Numerical result out of range')
OverflowError (34, 'Numerical result out of range')
64.0 0.0 inf nan 1.0
5.0 2.5
[4.0]
"#;

#[test]
fn list_index_and_in_place_float_fast_paths_fall_back_with_python_results() {
    assert_prints(LIST_INDEX_AND_FLOATS, LIST_INDEX_AND_FLOATS_WANT);
}

const PAIRS_INTO_LOCALS: &str = r#"# `for a, b in` over enumerate, zip and lists of pairs, read straight into
# the two locals: every way out of the fast path.
xs = [1, 2, 3]
out = []
for j, x in enumerate(xs):
    if j == 0:
        xs.append(4)
    out.append((j, x))
print(out)
print([(j, x) for j, x in enumerate("ab", 5)])
out = []
for j, x in enumerate((7, 8), 2 ** 63 - 1):
    out.append((j, x))
print(out)
def gen():
    yield 1
    yield 2
print([(j, x) for j, x in enumerate(gen())])
it = iter([1, 2, 3, 4, 5])
e = enumerate(it)
for j, x in e:
    if x == 2:
        break
print(next(it), list(e))
a = [1, 2, 3]
b = (4, 5)
ia = iter(a)
for x, y in zip(ia, b):
    print(x, y)
print(list(ia))
try:
    for x, y in zip([1, 2], [3], strict=True):
        print(x, y)
except ValueError as exc:
    print("ValueError", exc)
it = iter([1, 2, 3, 4, 5])
print([(x, y) for x, y in zip(it, it)])
try:
    for x, y in zip([1], [2], [3]):
        pass
except ValueError as exc:
    print("ValueError", exc)
pairs = [(1, 2), [3, 4], "ab", (5, 6)]
print([(p, q) for p, q in pairs])
for bad in ([(1, 2), (1, 2, 3)], [(1, 2), (1,)], [(1, 2), 7]):
    try:
        for p, q in bad:
            print(p, q)
    except (ValueError, TypeError) as exc:
        print(type(exc).__name__, exc)
grow = [(0, 0)]
for p, q in grow:
    if p < 3:
        grow.append((p + 1, q - 1))
print(grow)
d = {"a": 1, "b": 2}
print([(k, v) for k, v in d.items()])
for k, k in [(1, 2), (3, 4)]:
    pass
print(k)
def f():
    for i, (p, q) in enumerate([(1, 2), (3, 4)]):
        print(i, p, q)
    s = 0
    for u, v in zip(range(3), [1.5, 2.5, 3.5]):
        s += u * v
    return s
print(f())
"#;

/// `python3` 3.11's output for `PAIRS_INTO_LOCALS`.
const PAIRS_INTO_LOCALS_WANT: &str = r#"[(0, 1), (1, 2), (2, 3), (3, 4)]
[(5, 'a'), (6, 'b')]
[(9223372036854775807, 7), (9223372036854775808, 8)]
[(0, 1), (1, 2)]
3 [(2, 4), (3, 5)]
1 4
2 5
[]
1 3
ValueError zip() argument 2 is shorter than argument 1
[(1, 2), (3, 4)]
ValueError too many values to unpack (expected 2)
[(1, 2), (3, 4), ('a', 'b'), (5, 6)]
1 2
ValueError too many values to unpack (expected 2)
1 2
ValueError not enough values to unpack (expected 2, got 1)
1 2
TypeError cannot unpack non-iterable int object
[(0, 0), (1, -1), (2, -2), (3, -3)]
[('a', 1), ('b', 2)]
4
0 1 2
1 3 4
9.5
"#;

#[test]
fn for_pair_into_locals_falls_back_with_python_results() {
    assert_prints(PAIRS_INTO_LOCALS, PAIRS_INTO_LOCALS_WANT);
}

const AUGMENTED_SUBSCRIPT: &str = r#"# `xs[i] op= v` with its read and write halves fused: every way out.
xs = [1, 2.5, "a", [1]]
xs[0] += 1
xs[1] *= 2
xs[2] += "b"
xs[3] += [2]
xs[-4] -= 10
print(xs)
xs[0] += 2 ** 62
xs[0] += 2 ** 62
print(xs[0])
try:
    xs[1] /= 0.0
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    xs[9] += 1
except IndexError as e:
    print("IndexError", e)
ys = [1, 2, 3]
def shrink():
    ys.clear()
    return 1
try:
    ys[2] += shrink()
except IndexError as e:
    print("IndexError", e, ys)
d = {"k": 1}
d["k"] += 1
d["k"] *= 3.5
print(d)
t = (1, 2)
try:
    t[0] += 1
except TypeError as e:
    print("TypeError", e)
class L(list):
    def __getitem__(self, i):
        return list.__getitem__(self, i) * 10
    def __setitem__(self, i, v):
        list.__setitem__(self, i, -v)
l = L([1, 2])
l[0] += 1
print(list(l))
grid = [[1, 2], [3, 4]]
for i in range(2):
    for j in range(2):
        grid[i][j] **= 2
        grid[i][j] //= 3
print(grid)
class V:
    def __init__(self, v):
        self.v = v
    def __iadd__(self, o):
        self.v += o
        return self
vs = [V(1)]
vs[0] += 5
print(vs[0].v)
"#;

/// `python3` 3.11's output for `AUGMENTED_SUBSCRIPT`.
const AUGMENTED_SUBSCRIPT_WANT: &str = r#"[-8, 5.0, 'ab', [1, 2]]
9223372036854775800
ZeroDivisionError float division by zero
IndexError list index out of range
IndexError list assignment index out of range []
{'k': 7.0}
TypeError 'tuple' object does not support item assignment
[-11, 2]
[[0, 1], [3, 5]]
6
"#;

#[test]
fn augmented_list_subscript_falls_back_with_python_results() {
    assert_prints(AUGMENTED_SUBSCRIPT, AUGMENTED_SUBSCRIPT_WANT);
}

const SAME_LENGTH_SLICE_ASSIGNMENT: &str = r#"# Slice assignment with as many new items as old ones, swapped in place.
a = list(range(6))
a[:3] = a[2::-1]
print(a)
a[:] = a
print(a)
a[1:3] = "xy"
print(a)
a[4:2] = []
print(a)
a[2:4] = [9]
print(a)
a[-2:] = (7, 8)
print(a)
a[10:20] = [1]
print(a)
k = 3
while k:
    a[:k + 1] = a[k::-1]
    k -= 1
print(a)
a[::2] = [0] * len(a[::2])
print(a)
"#;

/// `python3` 3.11's output for `SAME_LENGTH_SLICE_ASSIGNMENT`.
const SAME_LENGTH_SLICE_ASSIGNMENT_WANT: &str = r#"[2, 1, 0, 3, 4, 5]
[2, 1, 0, 3, 4, 5]
[2, 'x', 'y', 3, 4, 5]
[2, 'x', 'y', 3, 4, 5]
[2, 'x', 9, 4, 5]
[2, 'x', 9, 7, 8]
[2, 'x', 9, 7, 8, 1]
[9, 'x', 7, 2, 8, 1]
[0, 'x', 0, 2, 0, 1]
"#;

#[test]
fn same_length_slice_assignment_matches_python() {
    assert_prints(
        SAME_LENGTH_SLICE_ASSIGNMENT,
        SAME_LENGTH_SLICE_ASSIGNMENT_WANT,
    );
}

const CONTAINER_FROM_ITERABLE: &str = r#"def boom(n):
    for i in range(n):
        if i == 2:
            raise KeyError(i)
        yield i


def returns():
    yield 1
    yield 2
    return "value"


def stop_inside():
    yield 1
    raise StopIteration("inner")


# A generator raising mid-consumption: the container is never built.
for make in (list, tuple, set, frozenset):
    try:
        print(make(boom(5)))
    except KeyError as e:
        print(make.__name__, "KeyError", e)
# `return value` ends each consumer without its value showing.
print(list(returns()), tuple(returns()), sorted(set(returns())), sorted(frozenset(returns())))
# StopIteration raised inside a generator: PEP 479's RuntimeError.
for make in (list, tuple, set):
    try:
        make(stop_inside())
    except RuntimeError as e:
        print(make.__name__, "RuntimeError", e, type(e.__cause__).__name__)
# A genexp over a list mutated while consumed.
xs = [1, 2, 3]
print(tuple(x for x in xs if len(xs) < 6 and xs.append(x * 10) is None), xs)
ys = [1, 2, 3, 4]
print(list(ys.pop() for _ in ys))
# Genexps as nqueens uses them, and a generator consumed twice.
cols = range(4)
vec = (1, 3, 0, 2)
print(4 == len(set(vec[i] + i for i in cols)) == len(set(vec[i] - i for i in cols)))
g = (i * i for i in range(3))
print(tuple(g), tuple(g), list(g))
# Identity, subclasses (their own __init__ runs) and the plain arities.
t = (1, 2)
fs = frozenset({1})
print(tuple(t) == t, frozenset(fs) is fs, set(fs) is fs, list(t))


class L(list):
    def __init__(self, it):
        super().__init__(x * 2 for x in it)


class S(set):
    pass


print(L(i for i in range(3)), type(S(i for i in "ab")).__name__, len(S("abca")))
print(list(), tuple(), set(), frozenset(), list([]), set({}))
for bad in (lambda: list(5), lambda: tuple(None), lambda: set(1.5), lambda: frozenset(3),
            lambda: list(1, 2), lambda: set([[1]])):
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)
try:
    list(x=[1])
except TypeError as e:
    print("TypeError", e)
print(list({"a": 1, "b": 2}), sorted(set({"a": 1})), tuple("hi"), list(range(3)))
"#;

#[test]
fn container_calls_built_straight_from_generators_fall_back_with_python_results() {
    assert_prints(CONTAINER_FROM_ITERABLE, "list KeyError 2\ntuple KeyError 2\nset KeyError 2\nfrozenset KeyError 2\n[1, 2] (1, 2) [1, 2] [1, 2]\nlist RuntimeError generator raised StopIteration StopIteration\ntuple RuntimeError generator raised StopIteration StopIteration\nset RuntimeError generator raised StopIteration StopIteration\n(1, 2, 3) [1, 2, 3, 10, 20, 30]\n[4, 3]\nTrue\n(0, 1, 4) () []\nTrue True False [1, 2]\n[0, 2, 4] S 3\n[] () set() frozenset() [] set()\nTypeError 'int' object is not iterable\nTypeError 'NoneType' object is not iterable\nTypeError 'float' object is not iterable\nTypeError 'int' object is not iterable\nTypeError list expected at most 1 argument, got 2\nTypeError unhashable type: 'list'\nTypeError list() takes no keyword arguments\n['a', 'b'] ['a'] ('h', 'i') [0, 1, 2]\n");
}

const YIELD_WITH_A_DEEP_STACK: &str = r#"def deep(xs, ys):
    # Yields with several values on the frame's stack: two loop
    # iterators, then a tuple display and a call's arguments half built.
    for x in xs:
        for y in ys:
            got = (x, y, (yield x * y), "tail")
            yield list(zip(got, [(yield "a"), (yield "b")], ["k", "l", "m", "n"]))


def delegate(n):
    if n:
        total = [n, (yield from delegate(n - 1)), (yield n)]
        return sum(v or 0 for v in total)
    return 0


g = deep([1, 2], "pq")
out = [next(g)]
try:
    i = 0
    while True:
        i += 1
        out.append(g.send(i))
except StopIteration:
    pass
print(out)
d = delegate(4)
print(list(d))
d = delegate(3)
items = [next(d)]
try:
    while True:
        items.append(d.send(len(items) * 10))
except StopIteration as e:
    items.append(("returned", e.value))
print(items)
print(sum(x for x in deep([3], "r") if isinstance(x, int)))
"#;

#[test]
fn yields_with_several_values_on_the_stack_keep_their_order() {
    assert_prints(YIELD_WITH_A_DEEP_STACK, "['p', 'a', 'b', [(1, 2, 'k'), ('p', 3, 'l')], 'q', 'a', 'b', [(1, 6, 'k'), ('q', 7, 'l')], 'pp', 'a', 'b', [(2, 10, 'k'), ('p', 11, 'l')], 'qq', 'a', 'b', [(2, 14, 'k'), ('q', 15, 'l')]]\n[1, 2, 3, 4]\n[1, 2, 3, ('returned', 66)]\n0\n");
}
