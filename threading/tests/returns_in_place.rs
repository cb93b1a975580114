//! `RETURN_VALUE` leaving the value where it lies when the returning
//! frame's part of the stack is just that value (`vm/inline_call.rs`,
//! `return_top_in_loop`), and the paths beside it, under every GIL mode,
//! against what `python3` 3.11 prints: fresh int, big int, str and list
//! results; a return from inside a `for` loop (its iterator still on the
//! stack), a `with` block, a `try` with `finally`; `__init__` returning
//! `None`; a generator's return value; deep recursion; returns into
//! natives (`sorted` calling `__lt__`, `map`, `max(key=)`). And a
//! returned value handed straight to the caller's next `STORE_FAST` or
//! `POP_TOP` (`deliver_to_next`): ints, strs, lists and big ints stored
//! over locals holding other kinds, calls as statements, recursion that
//! stores each level's result, methods in a loop.

mod eras;

const RETURNS: &str = r#"def add(a, b):
    return a + b

def first_over(xs, k):
    for x in xs:
        if x > k:
            return x * 2
    return None

def in_with(cm):
    with cm:
        return "inside"

class CM:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        print("exit")
        return False

class P:
    def __init__(self, v):
        self.v = v
        return None
    def get(self):
        return [self.v, self.v]
    def __lt__(self, other):
        return self.v < other.v

def gen(n):
    for i in range(n):
        yield add(i, i)
    return "done"

def deep(n):
    if n == 0:
        return 0
    return deep(n - 1) + 1

def in_try(x):
    try:
        return 10 // x
    except ZeroDivisionError:
        return "div"
    finally:
        print("finally", x)

total = 0
for i in range(1000):
    total = add(total, i)
print(total, add(2**62, 2**62), add("a", "b"), add([1], [2]))
print(first_over([1, 5, 9], 4), first_over([], 0), first_over(range(10), 7))
print(in_with(CM()))
ps = [P(3), P(1), P(2)]
print([p.v for p in sorted(ps)], ps[0].get())
g = gen(3)
print(list(g))
def caught():
    try:
        next(g)
    except StopIteration as e:
        return ("stop", e.value)
print(caught())
print(deep(200), in_try(2), in_try(0))
print(list(map(add, [1, 2], [3, 4])), max([P(5), P(7)], key=lambda p: p.get()[0]).v)
"#;

/// `python3` 3.11's output for `RETURNS`.
const RETURNS_SAY: &str = r#"499500 9223372036854775808 ab [1, 2]
10 None 16
exit
inside
[1, 2, 3] [3, 3]
[0, 2, 4]
('stop', None)
finally 2
finally 0
200 5 div
[4, 6] 7
"#;

#[test]
fn returns_in_place_print_what_python_prints() {
    eras::assert_prints("returns_in_place.py", RETURNS, RETURNS_SAY);
}

const TO_NEXT: &str = r#"def double(x):
    return x * 2

def nothing(log):
    log.append(len(log))

def same(xs):
    return xs

def big(n):
    return 2 ** n

def run():
    log = []
    y = [1, 2]
    for i in range(3):
        y = double(i)
        nothing(log)
        z = same([i])
        w = big(70 + i)
        y = double("ab")
    return y, z, w, log

print(run())

def fact(n):
    if n <= 1:
        return 1
    r = fact(n - 1)
    return n * r

print(fact(25))

class C:
    def __init__(self):
        self.v = 0
    def get(self):
        return self.v
    def bump(self):
        self.v += 1

def loop(c):
    total = 0
    for _ in range(5):
        c.bump()
        v = c.get()
        total += v
    return total

print(loop(C()))
"#;

const TO_NEXT_SAY: &str = r#"('abab', [2], 4722366482869645213696, [0, 1, 2])
15511210043330985984000000
15
"#;

#[test]
fn returns_into_the_next_store_or_pop_print_what_python_prints() {
    eras::assert_prints("returns_to_next.py", TO_NEXT, TO_NEXT_SAY);
}
