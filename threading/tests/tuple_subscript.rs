//! `t[i]` on an exact tuple with an int index done in `BINARY_SUBSCR`
//! (`vm/list_subscript.rs`, beside the list case) and its fallbacks, and
//! item indexes past 64 bits, under every GIL mode, against what `python3`
//! 3.11 prints: negative and out-of-range indexes, a bool, an
//! `__index__` object, a str and a float (the plain path raises), a tuple
//! subclass's own `__getitem__`, a generator expression indexing a tuple
//! from its closure; `xs[2**70]` raises `IndexError: cannot fit 'int' into
//! an index-sized integer` for lists, strs, bytes, bytearrays and tuples
//! (get, set, del) while a range answers with its own out-of-range error
//! and slices clamp.

mod eras;

const TUPLES: &str = r#"t = (10, 20, 30)
print(t[0], t[2], t[-1], t[-3], t[True])
for bad in (3, -4, 2**70, "1", 1.0):
    try:
        t[bad]
    except (IndexError, TypeError) as e:
        print(type(e).__name__, e)
class T(tuple):
    def __getitem__(self, i):
        return ("own", i)
print(T((1, 2))[0], T((1, 2))[-5])
class I:
    def __index__(self):
        return 1
print(t[I()])
def gen_sum(vec, cols):
    return sum(vec[i] + i for i in cols)
print(gen_sum((3, 1, 2), range(3)))
nested = ((1, 2), (3, 4))
print(nested[1][0], nested[-1][-1])
big = tuple(range(1000))
acc = 0
for i in range(-1000, 1000):
    acc += big[i]
print(acc)
"#;

/// What python3 3.11 prints for [`TUPLES`].
const TUPLES_SAY: &str = "10 30 30 10 20\n\
IndexError tuple index out of range\n\
IndexError tuple index out of range\n\
IndexError cannot fit 'int' into an index-sized integer\n\
TypeError tuple indices must be integers or slices, not str\n\
TypeError tuple indices must be integers or slices, not float\n\
('own', 0) ('own', -5)\n\
20\n\
9\n\
3 4\n\
999000\n\
";

const BIG_INDEXES: &str = r#"for obj in ([1, 2], "ab", b"ab", bytearray(b"ab"), range(3), (1, 2)):
    for k in (2**70, -2**70):
        try:
            obj[k]
        except IndexError as e:
            print(type(obj).__name__, "IndexError", e)
for obj in ([1, 2], bytearray(b"ab")):
    try:
        obj[2**70] = 1
    except IndexError as e:
        print("set", type(obj).__name__, e)
    try:
        del obj[2**70]
    except IndexError as e:
        print("del", type(obj).__name__, e)
print([1, 2, 3][-2**70:2**70], "abc"[2**70:])
"#;

/// What python3 3.11 prints for [`BIG_INDEXES`].
const BIG_INDEXES_SAY: &str = "list IndexError cannot fit 'int' into an index-sized integer\n\
list IndexError cannot fit 'int' into an index-sized integer\n\
str IndexError cannot fit 'int' into an index-sized integer\n\
str IndexError cannot fit 'int' into an index-sized integer\n\
bytes IndexError cannot fit 'int' into an index-sized integer\n\
bytes IndexError cannot fit 'int' into an index-sized integer\n\
bytearray IndexError cannot fit 'int' into an index-sized integer\n\
bytearray IndexError cannot fit 'int' into an index-sized integer\n\
range IndexError range object index out of range\n\
range IndexError range object index out of range\n\
tuple IndexError cannot fit 'int' into an index-sized integer\n\
tuple IndexError cannot fit 'int' into an index-sized integer\n\
set list cannot fit 'int' into an index-sized integer\n\
del list cannot fit 'int' into an index-sized integer\n\
set bytearray cannot fit 'int' into an index-sized integer\n\
del bytearray cannot fit 'int' into an index-sized integer\n\
[1, 2, 3] \n\
";

#[test]
fn tuple_subscripts_match_python_in_every_mode() {
    eras::assert_prints("tuples.py", TUPLES, TUPLES_SAY);
}

#[test]
fn item_indexes_past_64_bits_raise_what_python_raises() {
    eras::assert_prints("big_indexes.py", BIG_INDEXES, BIG_INDEXES_SAY);
}
