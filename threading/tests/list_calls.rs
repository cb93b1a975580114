//! `xs.append(x)` and `xs.pop()` done in place by the instruction loop
//! (`vm/list_calls.rs`) and every way they fall back to the plain native
//! call, with Python's answers (the expected text is what `python3` 3.11
//! prints for the same program) under every GIL era: a loop mixing both,
//! a list subclass that keeps `list`'s methods (the fast path, receiver
//! an instance) and one that overrides them (never the fast path),
//! `list.append(xs, x)` unbound, a bound `a = xs.append`, a list
//! appended to itself, a temporary list, and the plain path's errors — a
//! wrong receiver, no argument, two, a keyword, `pop` of an empty list,
//! an index out of range or not an int. Threads: four appending 5,000
//! items each lose none (an append is atomic under every GIL, as in
//! CPython), and three draining the list by `pop` until `IndexError`
//! take every item exactly once.

mod eras;

const LIST_CALLS: &str = r#"import threading

def loop(n):
    xs = []
    total = 0
    for i in range(n):
        xs.append(i)
        if i % 3 == 0:
            total += xs.pop()
    return total, len(xs), xs[:3], xs[-2:]

print(loop(1000))

class Plain(list):
    pass

class Loud(list):
    def append(self, x):
        print("Loud.append", x)
        super().append(x * 10)
    def pop(self, *args):
        v = super().pop(*args)
        print("Loud.pop", v)
        return v

p = Plain([1])
p.append(2)
print(p, type(p).__name__, p.pop(), p)
q = Loud()
q.append(3)
q.append(4)
print(q, q.pop(), q.pop(0), q)

xs = [0]
list.append(xs, 1)
a = xs.append
a(2)
print(xs, list.pop(xs), xs.pop(0), xs.pop(-1), xs)
zs = [5]
cases = [
    ("list.append(3, 1)", lambda: list.append(3, 1)),
    ("xs.append()", lambda: xs.append()),
    ("xs.append(1, 2)", lambda: xs.append(1, 2)),
    ("[].pop()", lambda: [].pop()),
    ("zs.pop(5)", lambda: zs.pop(5)),
    ("list.pop(())", lambda: list.pop(())),
    ("zs.pop('a')", lambda: zs.pop('a')),
    ("xs.append(x=1)", lambda: xs.append(x=1)),
]
for text, f in cases:
    try:
        f()
    except Exception as e:
        print(text, "->", type(e).__name__, e)
print(zs)

ys = []
ys.append(ys)
print(ys, len(ys), ys.pop() is ys, ys)

print([].append(1), [7].pop())

out = []
def work(k):
    for i in range(5000):
        out.append(k)
ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(len(out), sorted(set(out)), [out.count(k) for k in range(4)])
took = []
def drain():
    while True:
        try:
            took.append(out.pop())
        except IndexError:
            return
ts = [threading.Thread(target=drain) for _ in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(len(out), len(took), sum(took))
"#;

const LIST_CALLS_WANT: &str = r#"(166833, 666, [1, 2, 4], [997, 998])
[1] Plain 2 [1]
Loud.append 3
Loud.append 4
Loud.pop 40
Loud.pop 30
[] 40 30 []
[] 2 0 1 []
list.append(3, 1) -> TypeError descriptor 'append' for 'list' objects doesn't apply to a 'int' object
xs.append() -> TypeError list.append() takes exactly one argument (0 given)
xs.append(1, 2) -> TypeError list.append() takes exactly one argument (2 given)
[].pop() -> IndexError pop from empty list
zs.pop(5) -> IndexError pop index out of range
list.pop(()) -> TypeError descriptor 'pop' for 'list' objects doesn't apply to a 'tuple' object
zs.pop('a') -> TypeError 'str' object cannot be interpreted as an integer
xs.append(x=1) -> TypeError list.append() takes no keyword arguments
[5]
[] 1 True []
None 7
20000 [0, 1, 2, 3] [5000, 5000, 5000, 5000]
0 20000 30000
"#;

#[test]
fn list_append_and_pop_in_place_fall_back_with_python_results() {
    eras::assert_prints("list_calls.py", LIST_CALLS, LIST_CALLS_WANT);
}
