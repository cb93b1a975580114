//! `len(x)` and `isinstance(x, C)` answered in place by the instruction
//! loop (`vm/builtin_calls.rs`) and every way they fall back to the plain
//! native call, with Python's answers (the expected text is what `python3`
//! 3.11 prints for the same program) under every GIL era: `len` of each
//! built-in sized type (a non-ASCII `str` counts characters), of the types
//! the fast path leaves to the plain path (`bytearray`, `range`, dict
//! views), of user classes with and without `__len__` (a `list` subclass
//! overriding it), and the plain path's errors (unsized, arity, keyword,
//! a negative `__len__`); `len` of subclasses of `list`, `dict`, `tuple`
//! and `set` keeping the built-in `__len__` (read in place) or overriding
//! it, and a base gaining and losing a Python `__len__` mid-loop (the
//! class's cached answer must be dropped for its subclasses too);
//! `isinstance` of fifteen values against fourteen
//! classes (subclasses: `bool` of `int`, a user class of its base), of a
//! tuple and an empty tuple, and its errors; a local `len` that is not the
//! built-in; four threads appending and reading `len` together.

mod eras;

const BUILTIN_CALLS: &str = r#"import threading

def sizes():
    out = []
    things = [[1, 2, 3], (4, 5), "héllo", {"a": 1, "b": 2}, {1, 2, 3, 4},
              frozenset([1]), b"bytes", bytearray(b"ab"), range(2, 20, 3),
              {"k": 1}.keys(), {"k": 1, "j": 2}.values(), [], "", ()]
    for t in things:
        out.append(len(t))
    return out

print(sizes())

class Sized:
    def __len__(self):
        return 7

class Listy(list):
    pass

class LongListy(list):
    def __len__(self):
        return 99

class Bad:
    def __len__(self):
        return -1

def user_sizes():
    return [len(Sized()), len(Listy([1, 2])), len(LongListy([1])), len(Listy())]

print(user_sizes())

def len_errors():
    cases = [
        ("len(5)", lambda: len(5)),
        ("len(None)", lambda: len(None)),
        ("len()", lambda: len()),
        ("len(1, 2)", lambda: len([1], [2])),
        ("len(Bad())", lambda: len(Bad())),
        ("len(x=[])", lambda: len(x=[])),
        ("len(iter)", lambda: len(iter([1]))),
    ]
    for name, f in cases:
        try:
            f()
            print(name, "no error")
        except Exception as e:
            print(name, type(e).__name__, e)

len_errors()

class Base:
    pass

class Child(Base):
    pass

class Other:
    pass

def kinds():
    out = []
    values = [1, True, 1.5, "s", b"b", [1], (1,), {1: 2}, {1}, None, Child(), Base(), Other(), Base, len]
    classes = [int, bool, float, str, bytes, list, tuple, dict, set, object, Base, Child, Other, type]
    for v in values:
        row = []
        for c in classes:
            row.append(isinstance(v, c))
        out.append("".join("1" if b else "0" for b in row))
        out.append(isinstance(v, (str, Base)))
        out.append(isinstance(v, ()))
    return out

print(kinds())

def isinstance_errors():
    cases = [
        ("isinstance(1, 2)", lambda: isinstance(1, 2)),
        ("isinstance(1, (int, 2))", lambda: isinstance(1, (2, int))),
        ("isinstance(1)", lambda: isinstance(1)),
        ("isinstance(1, int, 3)", lambda: isinstance(1, int, 3)),
        ("isinstance(1, 'int')", lambda: isinstance(1, "int")),
    ]
    for name, f in cases:
        try:
            print(name, f())
        except Exception as e:
            print(name, type(e).__name__, e)

isinstance_errors()

def rebound():
    # A local named len and a global rebound: neither is the built-in.
    len = lambda x: "mine"
    return len([1, 2])

print(rebound())

def threads():
    shared = []
    seen = []
    def grow(k):
        for i in range(3000):
            shared.append(i)
            n = len(shared)
            if not isinstance(n, int):
                seen.append(n)
    ts = [threading.Thread(target=grow, args=(k,)) for k in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return len(shared), seen

print(threads())

class OC(list):
    pass

class D(dict):
    pass

class T(tuple):
    pass

class S(set):
    pass

class Counted(list):
    def __len__(self):
        return 100 + list.__len__(self)

class Deeper(OC):
    pass

def sizes():
    out = []
    todo = OC([1, 2, 3])
    while len(todo):
        out.append(todo.pop())
    out.append(len(OC()))
    out.append([len(D(a=1, b=2)), len(T((1, 2, 3))), len(S([1, 2, 2])), len(Counted([1])), len(Deeper([1, 2]))])
    return out

print(sizes())

def changing():
    out = []
    d = Deeper([1, 2, 3])
    for i in range(6):
        out.append(len(d))
        if i == 1:
            OC.__len__ = lambda self: -5 if False else 42
        if i == 3:
            del OC.__len__
        if i == 4:
            Deeper.__len__ = lambda self: 7
    return out

print(changing())

def raising():
    class Bad(list):
        def __len__(self):
            return "x"
    out = []
    for i in range(2):
        try:
            out.append(len(Bad()))
        except TypeError as e:
            out.append(str(e))
    class Plain:
        pass
    try:
        len(Plain())
    except TypeError as e:
        out.append(str(e))
    return out

print(raising())
"#;

const BUILTIN_CALLS_WANT: &str = r#"[3, 2, 5, 2, 4, 1, 5, 2, 6, 1, 2, 0, 0, 0]
[7, 2, 99, 0]
len(5) TypeError object of type 'int' has no len()
len(None) TypeError object of type 'NoneType' has no len()
len() TypeError len() takes exactly one argument (0 given)
len(1, 2) TypeError len() takes exactly one argument (2 given)
len(Bad()) ValueError __len__() should return >= 0
len(x=[]) TypeError len() takes no keyword arguments
len(iter) TypeError object of type 'list_iterator' has no len()
['10000000010000', False, False, '11000000010000', False, False, '00100000010000', False, False, '00010000010000', True, False, '00001000010000', False, False, '00000100010000', False, False, '00000010010000', False, False, '00000001010000', False, False, '00000000110000', False, False, '00000000010000', False, False, '00000000011100', True, False, '00000000011000', True, False, '00000000010010', False, False, '00000000010001', False, False, '00000000010000', False, False]
isinstance(1, 2) TypeError isinstance() arg 2 must be a type, a tuple of types, or a union
isinstance(1, (int, 2)) TypeError isinstance() arg 2 must be a type, a tuple of types, or a union
isinstance(1) TypeError isinstance expected 2 arguments, got 1
isinstance(1, int, 3) TypeError isinstance expected 2 arguments, got 3
isinstance(1, 'int') TypeError isinstance() arg 2 must be a type, a tuple of types, or a union
mine
(12000, [])
[3, 2, 1, 0, [2, 3, 2, 101, 2]]
[3, 3, 42, 42, 3, 7]
["'str' object cannot be interpreted as an integer", "'str' object cannot be interpreted as an integer", "object of type 'Plain' has no len()"]
"#;

#[test]
fn len_and_isinstance_in_place_fall_back_with_python_results() {
    eras::assert_prints("builtin_calls.py", BUILTIN_CALLS, BUILTIN_CALLS_WANT);
}
