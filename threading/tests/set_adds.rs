//! `set.add` in one walk of the probe path (`object/set.rs`, `SetTable::add`:
//! the search and the choice of slot together) and tables made without
//! cloning an empty slot per slot, under every GIL mode, against what
//! `python3` 3.11 prints — iteration order included, which shows where
//! each key landed: adds into tables with dummies (discarded keys), growth
//! past several resizes, `update`, strs, a set built from a generator, keys
//! with a Python `__hash__`/`__eq__` that collide, mixed numeric keys that
//! compare equal.

mod eras;

const SETS: &str = r#"s = set()
for i in range(20):
    s.add(i * 7 % 23)
print(list(s))
for i in range(0, 20, 3):
    s.discard(i * 7 % 23)
print(list(s))
for i in range(30, 45):
    s.add(i)
print(list(s), len(s))
t = {x * 8 for x in range(50)}
for x in range(0, 400, 16):
    t.discard(x)
t.update(range(1000, 1010))
print(sorted(t)[:5], list(t)[:12], len(t))
words = set()
for w in "the quick brown fox jumps over the lazy dog the end".split():
    words.add(w)
print(sorted(words), len(words))
print(len(set(v + i for i, v in enumerate([3, 1, 4, 1, 5, 9, 2, 6]))), set(range(5)) == {4, 3, 2, 1, 0})
class K:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return self.v % 3
    def __eq__(self, other):
        return isinstance(other, K) and self.v == other.v
ks = {K(1), K(4), K(1), K(7), K(4)}
print(len(ks), sorted(k.v for k in ks))
u = {-1, -2, 2**64, 2**64 + 1, 0.5, 1.0, 1, True}
print(len(u), sorted(u, key=float)[:3])
"#;

/// What python3 3.11 prints for [`SETS`].
const SETS_SAY: &str = "[0, 1, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 17, 18, 19, 20, 21, 22]\n\
[1, 3, 4, 5, 6, 7, 8, 10, 12, 14, 18, 20, 22]\n\
[1, 3, 4, 5, 6, 7, 8, 10, 12, 14, 18, 20, 22, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44] 28\n\
[8, 24, 40, 56, 72] [8, 136, 264, 392, 24, 152, 280, 40, 168, 296, 56, 184] 35\n\
['brown', 'dog', 'end', 'fox', 'jumps', 'lazy', 'over', 'quick', 'the'] 9\n\
8 True\n\
3 [1, 4, 7]\n\
6 [-2, -1, 0.5]\n\
";

#[test]
fn set_adds_land_where_python_puts_them_in_every_mode() {
    eras::assert_prints("sets.py", SETS, SETS_SAY);
}
