//! The generator fast paths of issue 10 and their fallbacks, each program
//! checked against what `python3` 3.11 prints for it, under every GIL mode
//! (3.9, 3.12 and 3.13t presets):
//!
//! - The frame taken without a compare-exchange under a GIL
//!   (`object/generator.rs`, `FrameSlot::take_holding_gil`) and with one
//!   under `--gil none`: a generator resumed from a second thread while
//!   the first is inside it ("generator already executing" in every mode,
//!   through `next`, `send`, `list` and `set`), and two threads resuming
//!   one generator with no lock, by `next()` and by `for`, directly and
//!   through a `yield from` chain (every item taken exactly once; the
//!   only error is "already executing").
//! - `list(g)`, `tuple(g)`, `set(g)`, `frozenset(g)`, unpacking and `*g`
//!   drained from a stack slot (`vm/iter/drain.rs`): a genexp over a list
//!   mutated while consumed, a generator growing the list it walks, a
//!   `__hash__` that resumes the generator being drained (suspended
//!   between items, as in CPython), an unhashable item (the generator
//!   stays suspended after it), `return value`, PEP 479's `StopIteration`,
//!   an exception mid-drain (the generator is done), exhausted generators,
//!   late binding in genexps and closures, `sum(g)` (with a start, big
//!   ints, an error mid-drain, a bad item, a non-iterable), and a genexp
//!   raising inside `set(...)` with the traceback Python prints.
//! - `yield from` three deep with `send`, `throw` and `close`.
//! - Comprehensions and generator expressions called without a function
//!   object (`CALL_COMPREHENSION`, `vm/comprehension.rs`; the 3.9 preset
//!   runs the plain `MAKE_FUNCTION` + `CALL`): `__name__`, `__qualname__`
//!   and repr of genexps, nested ones and lambdas inside them, closures
//!   over a parameter and over a rebound local, cells inside the genexp
//!   (`lambda: x`), default-argument capture, class-body comprehensions,
//!   a comprehension inside a generator fed by `send`, and non-iterables.
//! - `FOR_ITER` stepping a list or tuple iterator borrowed from its slot
//!   (`vm/iter/step.rs`, `step_sequence`): a list grown and cleared inside
//!   its loop, one iterator shared by two loops and used after it ran
//!   out, list subclasses with and without their own `__iter__`, and the
//!   other built-in iterators (the plain path).

mod eras;

/// Runs `src` as `generator_paths.py` under `preset`; (exit code,
/// stdout, stderr).
fn run(preset: &str, src: &str) -> (i32, String, String) {
    eras::run("generator_paths.py", preset, src)
}

/// Asserts that `src` prints `want` and exits 0 in every mode.
fn assert_prints(src: &str, want: &str) {
    eras::assert_prints("generator_paths.py", src, want)
}

const RESUMED_WHILE_RUNNING: &str = r#"import threading

started = threading.Event()
proceed = threading.Event()


def slow():
    started.set()
    proceed.wait()
    yield "from the worker"
    yield "second"


g = slow()
got = []


def worker():
    got.append(next(g))


t = threading.Thread(target=worker)
t.start()
started.wait()
# The worker's thread is inside g's frame (waiting on `proceed`): resuming
# g from here must fail, whatever the GIL mode.
for attempt in (lambda: next(g), lambda: g.send(None), lambda: list(g), lambda: set(g)):
    try:
        attempt()
    except ValueError as e:
        print("ValueError", e, g.gi_running)
proceed.set()
t.join()
print(got, next(g), g.gi_running)
"#;

#[test]
fn a_generator_running_on_one_thread_is_already_executing_for_another() {
    assert_prints(RESUMED_WHILE_RUNNING, "ValueError generator already executing True\nValueError generator already executing True\nValueError generator already executing True\nValueError generator already executing True\n['from the worker'] second False\n");
}

const TWO_THREADS_NO_LOCK: &str = r#"import threading

# Two threads resume one generator with no lock: every item is taken
# exactly once, and a thread that finds the frame out is told so.
N = 3000


def numbers():
    for i in range(N):
        yield i


def chain3():
    yield from chain2()


def chain2():
    yield from numbers()


for make in (numbers, chain3):
    g = make()
    seen = [[], []]
    errors = set()

    def eat(k):
        while True:
            try:
                seen[k].append(next(g))
            except ValueError as e:
                errors.add(str(e))
            except StopIteration:
                return

    def loop(k):
        while True:
            try:
                for v in g:
                    seen[k].append(v)
                return
            except ValueError as e:
                errors.add(str(e))

    for body in (eat, loop):
        g = make()
        seen = [[], []]
        errors = set()
        ts = [threading.Thread(target=body, args=(k,)) for k in range(2)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        print(make.__name__, body.__name__, sorted(seen[0] + seen[1]) == list(range(N)),
              errors <= {"generator already executing"})
"#;

#[test]
fn two_threads_resuming_one_generator_take_every_item_once() {
    assert_prints(TWO_THREADS_NO_LOCK, "numbers eat True True\nnumbers loop True True\nchain3 eat True True\nchain3 loop True True\n");
}

const DRAINED: &str = r#"# list/tuple/set/frozenset of a generator, drained from a stack slot.
xs = [1, 2, 3]
g = (x * 10 for x in xs)
out = []
for v in [next(g)]:
    xs.append(4)
    out.append(v)
print(out, list(g), xs)

ys = [1, 2, 3]


def grow():
    for y in ys:
        if y < 6:
            ys.append(y + 3)
        yield y


print(set(grow()), tuple(x for x in ys if x % 2), sorted(frozenset(grow())))


class Hungry:
    # A sink running Python code that resumes the generator being drained:
    # between two items the generator is suspended, as in CPython.
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        if self.v == 1:
            print("hash resumes g:", next(g2))
        return hash(self.v)

    def __eq__(self, other):
        return isinstance(other, Hungry) and self.v == other.v

    def __repr__(self):
        return f"H{self.v}"


def hungry():
    for i in range(4):
        yield Hungry(i)


g2 = hungry()
print(sorted(set(g2), key=lambda h: h.v))


def mixed():
    yield 1
    yield [2]
    yield 3


m = mixed()
try:
    set(m)
except TypeError as e:
    print("TypeError", e, "then", next(m), list(m), list(m))


def returns():
    yield 1
    return "value"


print(list(returns()), tuple(returns()), set(returns()))
a, *b = (i for i in range(4))
print(a, b, [*(i * i for i in range(3))], {*(i % 2 for i in range(5))})


def stops():
    yield 1
    raise StopIteration("inner")


for build in (list, tuple, set, frozenset):
    try:
        build(stops())
    except RuntimeError as e:
        print(build.__name__, "RuntimeError", e, type(e.__cause__).__name__)


def raises():
    yield 1
    raise KeyError("k")


r = raises()
try:
    list(r)
except KeyError as e:
    print("KeyError", e, list(r), r.gi_running)

done = (i for i in range(2))
print(list(done), list(done), set(done), tuple(done))
fns = [lambda: i for i in range(3)]
late = (f() for f in fns)
print(list(late), list(lambda: j for j in range(2)).__len__())
gens = [(i * k for k in range(3)) for i in range(3)]
print([list(x) for x in gens])
i = 10
late2 = (i + k for k in range(3))
i = 20
print(list(late2))


def countdown(n):
    while n:
        got = yield n
        if got:
            n = got
        n -= 1


c = countdown(5)
print(next(c), c.send(3), list(c))
print(sum(i for i in range(5)), sum((x / 2 for x in range(3)), 10), sum(10**20 + i for i in range(2)))
try:
    sum(raises())
except KeyError as e:
    print("sum KeyError", e)
try:
    sum(5)
except TypeError as e:
    print("TypeError", e)
try:
    sum(x for x in [1, "a"])
except TypeError as e:
    print("TypeError", e)
print(sum([[1], [2]], []), sum(iter([1, 2])), sum(ys))
"#;

#[test]
fn containers_drained_from_generators_fall_back_with_python_results() {
    assert_prints(DRAINED, "[10] [20, 30, 40] [1, 2, 3, 4]\n{1, 2, 3, 4, 5, 6, 7, 8} (1, 3, 5, 7) [1, 2, 3, 4, 5, 6, 7, 8]\nhash resumes g: H2\n[H0, H1, H3]\nTypeError unhashable type: 'list' then 3 [] []\n[1] (1,) {1}\n0 [1, 2, 3] [0, 1, 4] {0, 1}\nlist RuntimeError generator raised StopIteration StopIteration\ntuple RuntimeError generator raised StopIteration StopIteration\nset RuntimeError generator raised StopIteration StopIteration\nfrozenset RuntimeError generator raised StopIteration StopIteration\nKeyError 'k' [] False\n[0, 1] [] set() ()\n[2, 2, 2] 2\n[[0, 2, 4], [0, 2, 4], [0, 2, 4]]\n[20, 21, 22]\n5 2 [1]\n10 11.5 200000000000000000001\nsum KeyError 'k'\nTypeError 'int' object is not iterable\nTypeError unsupported operand type(s) for +: 'int' and 'str'\n[1, 2] 3 81\n");
}

const RAISES_INSIDE_SET: &str = r#"def key(v):
    return {1: "a", 2: "b"}[v]


items = [1, 2, 3]
print(len(set(key(v) for v in items)))
"#;

#[test]
fn a_genexp_raising_inside_set_prints_pythons_traceback() {
    for preset in eras::PRESETS {
        let (code, out, err) = run(preset, RAISES_INSIDE_SET);
        assert_eq!((code, out.as_str()), (1, ""), "{preset}");
        assert_eq!(err, "Traceback (most recent call last):\n  File \"generator_paths.py\", line 6, in <module>\n    print(len(set(key(v) for v in items)))\n              ^^^^^^^^^^^^^^^^^^^^^^^^^^\n  File \"generator_paths.py\", line 6, in <genexpr>\n    print(len(set(key(v) for v in items)))\n                  ^^^^^^\n  File \"generator_paths.py\", line 2, in key\n    return {1: \"a\", 2: \"b\"}[v]\n           ~~~~~~~~~~~~~~~~^^^\nKeyError: 3\n", "{preset}");
    }
}

const YIELD_FROM_THREE_DEEP: &str = r#"# `yield from` three deep: send, throw and close reach the innermost
# generator and the return values come back up.
log = []


def inner():
    try:
        got = yield "i1"
        log.append(("inner got", got))
        try:
            yield "i2"
        except KeyError as e:
            log.append(("inner caught", str(e)))
            yield "i3"
        yield "i4"
    finally:
        log.append("inner finally")
    return "inner done"


def middle():
    r = yield from inner()
    log.append(("middle got", r))
    return r + " via middle"


def outer():
    try:
        r = yield from middle()
        log.append(("outer got", r))
        yield "o-last"
    except GeneratorExit:
        log.append("outer exit")
        raise


g = outer()
print(next(g), g.send("hello"), g.throw(KeyError("k")), next(g), next(g), list(g))
print(log)
log.clear()
g = outer()
print(next(g), next(g))
g.close()
print(log, g.gi_running)
log.clear()
g = outer()
print(next(g))
try:
    g.throw(ValueError("boom"))
except ValueError as e:
    print("ValueError", e, log)
print(list(outer()), set(outer()) == {"i1", "i2", "i4", "o-last"})
g = outer()
print(next(g), list(g))
"#;

#[test]
fn yield_from_three_deep_passes_send_throw_and_close_with_python_results() {
    assert_prints(YIELD_FROM_THREE_DEEP, "i1 i2 i3 i4 o-last []\n[('inner got', 'hello'), ('inner caught', \"'k'\"), 'inner finally', ('middle got', 'inner done'), ('outer got', 'inner done via middle')]\ni1 i2\n[('inner got', None), 'inner finally', 'outer exit'] False\ni1\nValueError boom ['inner finally']\n['i1', 'i2', 'i4', 'o-last'] True\ni1 ['i2', 'i4', 'o-last']\n");
}

const COMPREHENSIONS: &str = r#"# Comprehensions called without a function object (CALL_COMPREHENSION):
# names, reprs, closures, cells, class bodies, errors.
def head(g):
    return repr(g).split(" at ")[0]


g = (x for x in range(3))
print(g.__name__, g.__qualname__, head(g))


def outer(n):
    scale = 10
    inner = (x * scale for x in range(n))
    nested = ((y, (z for z in range(y))) for y in range(n))
    pairs = [(y, head(zs), zs.__qualname__, list(zs)) for y, zs in nested]
    return head(inner), inner.__qualname__, list(inner), pairs


print(outer(3))


class Board:
    size = 3
    cells = [(r, c) for r in range(size) for c in range(2)]
    rows = list(r * 2 for r in range(size))
    name = (n for n in "ab").__qualname__


print(Board.cells, Board.rows, Board.name)

fns = list(lambda: x for x in range(3))
print([f() for f in fns])
fns2 = [(lambda: x) for x in range(3)]
print([f() for f in fns2])
adders = list((lambda y, x=x: x + y) for x in range(3))
print([f(10) for f in adders])


def closure_over_param(k):
    return [sum(k * v for v in range(i)) for i in range(4)], {i: k for i in "xy"}, {k + i for i in range(2)}


print(closure_over_param(5))


def gen_in_gen():
    got = yield "ready"
    yield list(x * 2 for x in got)
    yield [y for y in (yield "again")]


gg = gen_in_gen()
print(next(gg), gg.send([1, 2]), next(gg), gg.send("hi"))

for bad in (5, None):
    try:
        (x for x in bad)
    except TypeError as e:
        print("TypeError", e)
    try:
        [x for x in bad]
    except TypeError as e:
        print("TypeError", e)


def rebinding():
    total = 0
    it = (total + i for i in range(3))
    total = 100
    return list(it)


print(rebinding())
print(sorted({x % 3: x for x in range(10)}.items()), {c for c in "hello"} == set("hello"))
print(sum(sum(j for j in range(i)) for i in range(6)), max((len(w), w) for w in "a bb ccc".split()))
print(next(lambda: 1 for _ in [0]).__qualname__, next(((lambda: 2) for y in "a") for _ in [0]).__next__().__qualname__)


class Grid:
    first = [(lambda: 1) for _ in [0]][0].__qualname__


def f():
    return (lambda: (q for q in "a"))().__qualname__, [[z.__qualname__ for z in [lambda: 0]] for _ in [0]]


print(Grid.first, f())
"#;

#[test]
fn comprehensions_called_without_a_function_object_match_python() {
    assert_prints(COMPREHENSIONS, "<genexpr> <genexpr> <generator object <genexpr>\n('<generator object outer.<locals>.<genexpr>', 'outer.<locals>.<genexpr>', [0, 10, 20], [(0, '<generator object outer.<locals>.<genexpr>.<genexpr>', 'outer.<locals>.<genexpr>.<genexpr>', []), (1, '<generator object outer.<locals>.<genexpr>.<genexpr>', 'outer.<locals>.<genexpr>.<genexpr>', [0]), (2, '<generator object outer.<locals>.<genexpr>.<genexpr>', 'outer.<locals>.<genexpr>.<genexpr>', [0, 1])])\n[(0, 0), (0, 1), (1, 0), (1, 1), (2, 0), (2, 1)] [0, 2, 4] Board.<genexpr>\n[2, 2, 2]\n[2, 2, 2]\n[10, 11, 12]\n([0, 0, 5, 15], {'x': 5, 'y': 5}, {5, 6})\nready [2, 4] again ['h', 'i']\nTypeError 'int' object is not iterable\nTypeError 'int' object is not iterable\nTypeError 'NoneType' object is not iterable\nTypeError 'NoneType' object is not iterable\n[100, 101, 102]\n[(0, 9), (1, 7), (2, 8)] True\n20 (3, 'ccc')\n<genexpr>.<lambda> <genexpr>.<genexpr>.<lambda>\nGrid.<listcomp>.<lambda> ('f.<locals>.<lambda>.<locals>.<genexpr>', [['f.<locals>.<listcomp>.<lambda>']])\n");
}

const SEQUENCE_ITERATORS: &str = r#"# FOR_ITER stepping a list or tuple iterator borrowed from its slot.
xs = [1, 2, 3]
out = []
for x in xs:
    out.append(x)
    if x < 5:
        xs.append(x + 3)
print(out, xs)
ys = [1, 2, 3, 4, 5]
for y in ys:
    if y == 2:
        ys.clear()
    print("y", y)
it = iter([1, 2, 3, 4, 5])
pairs = [(a, b) for a in it for b in it]
print(pairs, list(it), next(it, "done"))


class L(list):
    def __iter__(self):
        return iter(["custom"])


class Plain(list):
    pass


print([v for v in L([1, 2])], [v for v in Plain([7, 8])], [t for t in (4, 5)])
ti = iter((1, 2, 3))
for t in ti:
    print("t", t, list(ti))
print([c for c in "ab"], [k for k in {"p": 1}], [r for r in reversed([1, 2])], list(zip([1], (2,))))
nested = [[1, 2], [3]]
print([x for row in nested for x in row], sum(len(r) for r in nested))
"#;

#[test]
fn for_over_list_and_tuple_iterators_falls_back_with_python_results() {
    assert_prints(SEQUENCE_ITERATORS, "[1, 2, 3, 4, 5, 6, 7] [1, 2, 3, 4, 5, 6, 7]\ny 1\ny 2\n[(1, 2), (1, 3), (1, 4), (1, 5)] [] done\n['custom'] [7, 8] [4, 5]\nt 1 [2, 3]\n['a', 'b'] ['p'] [2, 1] [(1, 2)]\n[1, 2, 3] 3\n");
}
