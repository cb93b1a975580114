//! `list(g)`, `tuple(g)`, `set(g)`, `frozenset(g)` of a generator
//! collected in place by the instruction loop (`vm/iter/drain.rs`,
//! `collect_generator` / `fill_new_set_from_generator`, and
//! `vm/inline_call.rs`'s `yield_in_loop`: the frame is not suspended
//! between items) and the paths beside it, under every GIL mode, against
//! what `python3` 3.11 prints: `yield from` inside the collected
//! generator, an exception after some items, a set fed plain items and
//! then objects whose `__hash__`/`__eq__` print (the prints interleave
//! with the generator's as in CPython: from the first such object the set
//! is filled item by item), a generator resuming itself, PEP 479, a
//! partly consumed generator, nested collections, `gi_running` inside,
//! 100,000 items, set iteration order after growth.

mod eras;

const COLLECT: &str = r#"def g(n):
    for i in range(n):
        yield i * i
    return "ignored"
print(list(g(5)), tuple(g(3)), set(g(4)), sorted(frozenset(g(4))), list(g(0)))
def deleg():
    yield "a"
    yield from g(3)
    yield "z"
print(list(deleg()), tuple(x for x in deleg()))
def boom():
    yield 1
    yield 2
    raise KeyError("mid")
for make in (list, tuple, set, frozenset):
    try:
        make(boom())
    except KeyError as e:
        print(make.__name__, "KeyError", e)
class Loud:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        print("hash", self.v)
        return self.v
    def __eq__(self, other):
        print("eq", self.v)
        return isinstance(other, Loud) and self.v == other.v
def mixed():
    for x in (1, 2, Loud(3), 3, Loud(3), "s", Loud(1)):
        print("yield", x if not isinstance(x, Loud) else "Loud")
        yield x
s = set(mixed())
print(len(s), sorted(str(type(v).__name__) for v in s))
def selfish():
    yield 1
    yield next(me)
me = selfish()
try:
    list(me)
except ValueError as e:
    print("ValueError", e)
def p479():
    yield 1
    raise StopIteration
try:
    tuple(p479())
except RuntimeError as e:
    print("RuntimeError", e)
part = g(6)
next(part); next(part)
print(list(part), list(part))
print([list(x for x in range(i)) for i in range(4)], list(list(range(i)) for i in range(3)))
print(sorted(set(x % 7 - 3 for x in range(30))), list(set(g(12)))[:6])
def running():
    yield r.gi_running
r = running()
print(list(r))
big = list(x for x in range(100000))
print(len(big), big[-1], len(set(x // 3 for x in range(3000))))
print(set((i, -i) for i in range(3)) == {(0, 0), (1, -1), (2, -2)}, list(frozenset(str(i) for i in range(5)))[:0])
"#;

/// What python3 3.11 prints for [`COLLECT`].
const COLLECT_SAY: &str = "[0, 1, 4, 9, 16] (0, 1, 4) {0, 1, 4, 9} [0, 1, 4, 9] []\n\
['a', 0, 1, 4, 'z'] ('a', 0, 1, 4, 'z')\n\
list KeyError 'mid'\n\
tuple KeyError 'mid'\n\
set KeyError 'mid'\n\
frozenset KeyError 'mid'\n\
yield 1\n\
yield 2\n\
yield Loud\n\
hash 3\n\
yield 3\n\
eq 3\n\
yield Loud\n\
hash 3\n\
eq 3\n\
yield s\n\
yield Loud\n\
hash 1\n\
eq 1\n\
6 ['Loud', 'Loud', 'int', 'int', 'int', 'str']\n\
ValueError generator already executing\n\
RuntimeError generator raised StopIteration\n\
[4, 9, 16, 25] []\n\
[[], [0], [0, 1], [0, 1, 2]] [[], [0], [0, 1]]\n\
[-3, -2, -1, 0, 1, 2, 3] [0, 1, 64, 121, 4, 36]\n\
[True]\n\
100000 99999 1000\n\
True []\n\
";

#[test]
fn generators_collected_in_place_match_python_in_every_mode() {
    eras::assert_prints("collect.py", COLLECT, COLLECT_SAY);
}
