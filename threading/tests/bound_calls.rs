//! Bound methods of Python functions called from Rust (`ThreadCtx::call`'s
//! fast path, `vm/invoke.rs`: the receiver first, then the arguments, bound
//! from the slice; a generator method's frame becomes its generator), under
//! every GIL mode, against what `python3` 3.11 prints: `__iter__` as a
//! generator method through `iter`, `for`, `list`, `sum` and `yield from`
//! (recursively), an `__iter__` returning an iterator object, bound methods
//! as `map` functions and `sorted` keys with defaults, `*args` and
//! keyword-only parameters (the plain path), and the argument-count errors;
//! `__iter__` of every kind (a plain function called unbound, descriptors
//! bound first).

mod eras;

const BOUND_CALLS: &str = r#"class Tree:
    def __init__(self, left, value, right):
        self.left, self.value, self.right = left, value, right
    def __iter__(self):
        if self.left:
            yield from self.left
        yield self.value
        if self.right:
            yield from self.right
t = Tree(Tree(None, 1, None), 2, Tree(Tree(None, 3, None), 4, None))
print(list(t), sum(t), [x * 2 for x in t])
class Counter:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return CountIter(self.n)
class CountIter:
    def __init__(self, n):
        self.i, self.n = 0, n
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i
print(list(Counter(3)), list(iter(Counter(2))))
class Scale:
    def __init__(self, k):
        self.k = k
    def times(self, x, extra=0):
        return x * self.k + extra
    def gen(self, n):
        for i in range(n):
            yield i * self.k
    def star(self, *xs):
        return len(xs)
    def kwonly(self, x, *, y=5):
        return x + y
s = Scale(3)
print(list(map(s.times, [1, 2, 3])), sorted([3, 1, 2], key=s.times))
print(list(map(s.star, [1, 2])), list(map(s.kwonly, [1, 2])))
print(list(s.gen(4)), max(map(s.times, range(5))))
try:
    list(map(s.times, [1], [2], [3]))
except TypeError as e:
    print("TypeError", e)
try:
    sorted([1, 2], key=Scale.times)
except TypeError as e:
    print("TypeError", e)
class BadIter:
    def __iter__(self, extra):
        return iter([])
try:
    for _ in BadIter():
        pass
except TypeError as e:
    print("TypeError", e)
def outer():
    yield from Counter(2)
    yield from t
print(list(outer()))
"#;

/// `python3` 3.11's output for `BOUND_CALLS`.
const BOUND_CALLS_SAY: &str = r#"[1, 2, 3, 4] 10 [2, 4, 6, 8]
[1, 2, 3] [1, 2]
[3, 6, 9] [1, 2, 3]
[1, 1] [6, 7]
[0, 3, 6, 9] 12
TypeError Scale.times() takes from 2 to 3 positional arguments but 4 were given
TypeError Scale.times() missing 1 required positional argument: 'x'
TypeError BadIter.__iter__() missing 1 required positional argument: 'extra'
[1, 2, 1, 2, 3, 4]
"#;

#[test]
fn bound_method_calls_from_rust_print_what_python_prints() {
    eras::assert_prints("bound_calls.py", BOUND_CALLS, BOUND_CALLS_SAY);
}

/// `iter(obj)` for every kind of class-level `__iter__`: a plain function
/// (`vm/iter/mod.rs` calls it with the instance first, no bound method),
/// and the descriptors the plain path binds — a classmethod, a
/// staticmethod, a callable instance — beside an instance attribute that
/// must be ignored, a method replaced on the class, a subclass, an
/// `__iter__` with no parameter, one returning a non-iterator, one raising.
const ITERS: &str = r#"class Plain:
    def __iter__(self):
        yield 1
        yield 2
print(list(Plain()), [x for x in Plain()], tuple(iter(Plain())))
def gen_outer():
    yield from Plain()
print(list(gen_outer()))
class Bad:
    def __iter__(self):
        return 5
try:
    iter(Bad())
except TypeError as e:
    print("TypeError", e)
class NoArgs:
    def __iter__():
        return iter([])
try:
    iter(NoArgs())
except TypeError as e:
    print("TypeError", e)
class Cm:
    @classmethod
    def __iter__(cls):
        return iter([cls.__name__])
print(list(Cm()))
class Sm:
    @staticmethod
    def __iter__():
        return iter("ab")
print(list(Sm()))
class CallableIter:
    def __call__(self):
        return iter([7])
class UsesCallable:
    __iter__ = CallableIter()
print(list(UsesCallable()))
class Inst:
    def __iter__(self):
        return iter([0])
o = Inst()
o.__iter__ = lambda: iter([99])
print(list(o))
Inst.__iter__ = lambda self: iter([self.__class__.__name__, 1])
print(list(o))
class Sub(Inst):
    pass
print(list(Sub()))
class Raises:
    def __iter__(self):
        raise KeyError("inside")
try:
    for x in Raises():
        pass
except KeyError as e:
    print("KeyError", e)
"#;

/// What python3 3.11 prints for [`ITERS`].
const ITERS_SAY: &str = "[1, 2] [1, 2] (1, 2)\n\
[1, 2]\n\
TypeError iter() returned non-iterator of type 'int'\n\
TypeError NoArgs.__iter__() takes 0 positional arguments but 1 was given\n\
['Cm']\n\
['a', 'b']\n\
[7]\n\
[0]\n\
['Inst', 1]\n\
['Sub', 1]\n\
KeyError 'inside'\n\
";

#[test]
fn every_kind_of_iter_method_prints_what_python_prints() {
    eras::assert_prints("iters.py", ITERS, ITERS_SAY);
}
