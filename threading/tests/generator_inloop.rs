//! Generators resumed and suspended inside the instruction loop
//! (`vm/inline_call.rs`, `yield_in_loop`; `FOR_ITER` and `YIELD_FROM`
//! entering the pushed generator frame in place) and the frame loop's
//! paths beside them, under every GIL mode, against what `python3` 3.11
//! prints: a `yield from` chain three deep with return values, an
//! exception out of a delegated generator, `send` and `throw` through a
//! delegating generator (resumed from Rust: the frame loop), one generator
//! stepped by two nested loops, a generator that resumes itself, PEP 479,
//! `close` running a `finally`, generators drained by natives (`sum`,
//! `max`, `list`), a chain past the recursion limit, nested loops over
//! generators inside a generator, and the traceback's line.

mod eras;

const GENERATORS: &str = r#"import sys
def leaf(n):
    for i in range(n):
        yield i
    return "leaf-done"
def mid(n):
    r = yield from leaf(n)
    yield r
def top(n):
    yield from mid(n)
    yield "top-end"
print(list(top(3)))
acc = []
for v in top(2):
    acc.append(v)
print(acc)
def boom():
    yield 1
    raise KeyError("inner")
def wrap():
    yield from boom()
try:
    for v in wrap():
        print("got", v)
except KeyError as e:
    print("KeyError", e)
def echo():
    got = None
    while True:
        got = yield got
def deleg():
    yield from echo()
d = deleg()
next(d)
print(d.send(5), d.send("x"))
def counter():
    n = 0
    while n < 6:
        yield n
        n += 1
g = counter()
pairs = []
for a in g:
    for b in g:
        pairs.append((a, b))
        if b % 2:
            break
print(pairs)
def selfref():
    yield next(me)
me = selfref()
try:
    for v in me:
        pass
except ValueError as e:
    print("ValueError", e)
def pep479():
    yield 1
    raise StopIteration
try:
    for v in pep479():
        pass
except RuntimeError as e:
    print("RuntimeError", e)
def tidy():
    try:
        yield 1
        yield 2
    finally:
        print("finally ran")
t = tidy()
for v in t:
    break
t.close()
def thrower():
    try:
        yield 1
    except ValueError as e:
        yield "caught " + str(e)
def outer_t():
    yield from thrower()
o = outer_t()
print(next(o), o.throw(ValueError("v")))
print(sum(x for x in top(4) if isinstance(x, int)), max(leaf(5)))
def nest(k):
    if k == 0:
        yield "bottom"
    else:
        yield from nest(k - 1)
print(list(nest(50)))
sys.setrecursionlimit(120)
try:
    print(len(list(nest(500))))
except RecursionError as e:
    print("RecursionError", e)
def gen_in_gen():
    for x in leaf(3):
        for y in leaf(x):
            yield (x, y)
print(list(gen_in_gen()))
def tb():
    yield 1
    1 / 0
try:
    for v in tb():
        pass
except ZeroDivisionError:
    import traceback
    lines = traceback.format_exc().splitlines()
    print([l.strip() for l in lines if l.strip().startswith("File")][-1].split(",")[1:])
"#;

/// What python3 3.11 prints for [`GENERATORS`].
const GENERATORS_SAY: &str = "[0, 1, 2, 'leaf-done', 'top-end']\n\
[0, 1, 'leaf-done', 'top-end']\n\
got 1\n\
KeyError 'inner'\n\
5 x\n\
[(0, 1), (2, 3), (4, 5)]\n\
ValueError generator already executing\n\
RuntimeError generator raised StopIteration\n\
finally ran\n\
1 caught v\n\
6 4\n\
['bottom']\n\
RecursionError maximum recursion depth exceeded\n\
[(1, 0), (2, 0), (2, 1)]\n\
[' line 103', ' in tb']\n\
";

#[test]
fn generators_in_the_instruction_loop_match_python_in_every_mode() {
    eras::assert_prints("generators.py", GENERATORS, GENERATORS_SAY);
}
