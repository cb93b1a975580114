//! `s.add(k)` of a key already in the first slot of its probe path,
//! found by identity there (`object/set.rs`, `SetTable::add`'s fast
//! path), and every way past it, with Python's answers (the expected text
//! is what `python3` 3.11 prints for the same program) under every GIL
//! era: keys sharing a first slot re-added in turn (the first slot holds
//! another key), a key discarded and added back, equal keys that are not
//! the same object (`1`, `True`, `1.0`; strings built at run time), a key
//! with a Python `__eq__`, tuples, two keys of one hash that are not equal
//! (a class hashing to a constant; `-1` and `-2`: with any key of the same
//! hash taken as present the count is wrong), and re-adding across a
//! resize.

mod eras;

const PRESENT_KEYS: &str = r#"def adds():
    s = set()
    out = []
    # 0, 8, 16, 24 share a first slot in an 8-slot table; re-adding each
    # finds it by identity in the first slot or further along the path.
    for round in range(3):
        for k in (0, 8, 16, 24, 1, 9):
            s.add(k)
        out.append(len(s))
    s.discard(8)
    s.add(16)
    s.add(8)
    out.append(sorted(s))
    # Equal but not identical: 1, True and 1.0 are one key; the first one
    # added stays.
    t = set()
    for k in (1, True, 1.0, 2.0, 2, False, 0, 0.0):
        t.add(k)
    out.append(sorted(t, key=repr))
    out.append([type(x).__name__ for x in sorted(t, key=repr)])
    # Strings built at run time are equal to, not the same object as,
    # the ones already in.
    u = set()
    for i in range(3):
        for w in ("alpha", "beta"):
            u.add(w)
            u.add("".join([w[:2], w[2:]]))
            u.add(w + str(i))
    out.append(sorted(u))
    # A key whose __eq__ is Python code, and a tuple key.
    class Key:
        def __init__(self, v):
            self.v = v
        def __hash__(self):
            return hash(self.v)
        def __eq__(self, other):
            return isinstance(other, Key) and self.v == other.v
    v = set()
    a = Key(3)
    for k in (a, Key(3), a, Key(4), (1, 2), (1, 2), 3):
        v.add(k)
    out.append(len(v))
    # Same hash, different keys: in the first slot, not the key.
    class Same:
        def __hash__(self):
            return 7
    same = set()
    p, q = Same(), Same()
    for k in (p, q, p, q, -1, -2, -1, 7):
        same.add(k)
    out.append((len(same), hash(-1) == hash(-2), p in same, Same() in same))
    # Growing past a resize while re-adding.
    w = set()
    for i in range(200):
        w.add(i % 50)
        w.add(i)
    out.append((len(w), sum(w)))
    return out

for line in adds():
    print(line)
"#;

const PRESENT_KEYS_WANT: &str = r#"6
6
6
[0, 1, 8, 9, 16, 24]
[1, 2.0, False]
['int', 'float', 'bool']
['alpha', 'alpha0', 'alpha1', 'alpha2', 'beta', 'beta0', 'beta1', 'beta2']
4
(5, True, True, False)
(200, 19900)
"#;

#[test]
fn set_add_of_a_present_key_falls_back_with_python_results() {
    eras::assert_prints("set_present_keys.py", PRESENT_KEYS, PRESENT_KEYS_WANT);
}
