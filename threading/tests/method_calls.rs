//! `l.m()` and `l.m(x)` bound from the method's lookup straight into its
//! frame (`vm/method_call.rs`, `LOAD_FAST_METHOD_CALL`) and every fallback,
//! under every GIL era (3.9 runs the unquickened ops), against what
//! `python3` 3.11 prints for the same programs: plain methods with no
//! argument and with a local or constant argument; a default to fill, a
//! generator method, a method with cells, an override in a subclass, a
//! native method, a classmethod on a class held in a local, a staticmethod
//! through an instance (each the plain path); a method shadowed by an
//! instance attribute and unshadowed mid-loop; a class's methods rebound
//! mid-loop (a default gained); receivers of two classes at one site; an
//! exception raised in the method, a `RecursionError` from a method
//! recursing, a `TypeError` in its body; unbound receiver and argument
//! locals; threads calling methods that take a lock; and an uncaught
//! error's traceback through two fused calls.

mod eras;

/// The fast paths and fallbacks, printed.
const PROGRAM: &str = r###"import threading

class Node:
    def __init__(self, v):
        self.v = v
        self.calls = 0
    def get(self):
        self.calls += 1
        return self.v
    def plus(self, x):
        return self.v + x
    def find(self, update=False):
        return (self.v, update)
    def gen(self):
        yield self.v
        yield self.v + 1
    def closure(self):
        def inner():
            return self.v * 10
        return inner()
    def deep(self, n):
        if n == 0:
            return 0
        return 1 + self.deep(n - 1)
    def boom(self):
        raise KeyError(self.v)
    @classmethod
    def make(cls):
        return cls(99)
    @staticmethod
    def static(x=5):
        return x * 3

class Sub(Node):
    def get(self):
        return -self.v

def plain_calls(n):
    out = []
    k = 3
    for i in range(n):
        out.append(n.get() if False else i)
    node = Node(4)
    total = 0
    for i in range(n):
        total += node.get()
        total += node.plus(i)
        total += node.plus(k)
        total += node.plus(100)
        node.get()
    return total, node.calls

print(plain_calls(5))

def fallbacks():
    out = []
    node = Node(2)
    sub = Sub(2)
    xs = [1, 2, 3]
    cls = Node
    for i in range(3):
        out.append(node.find())          # a default to fill
        out.append(node.find(i))         # exactly two: fast
        out.append(list(node.gen()))     # a generator
        out.append(node.closure())       # cells
        out.append(sub.get())            # an override
        out.append(xs.pop())             # a native method
        xs.append(i)
        out.append(cls.make().v)         # a classmethod on a class in a local
        out.append(node.static())        # a staticmethod through an instance
        out.append(node.static(i))
    return out
print(fallbacks())

def shadowing():
    node = Node(1)
    out = []
    for i in range(6):
        if i == 2:
            node.get = lambda: "shadowed"
        if i == 4:
            del node.get
        out.append(node.get())
    return out
print(shadowing())

def rebinding():
    node = Node(7)
    out = []
    for i in range(6):
        if i == 2:
            Node.get = lambda self: "new get"
        if i == 3:
            Node.plus = lambda self, x=1: ("new plus", x)
        if i == 4:
            Node.get = len.__call__ if False else (lambda self: ("again", self.v))
        out.append(node.get())
        out.append(node.plus(i))
    return out
saved = (Node.get, Node.plus)
print(rebinding())
Node.get, Node.plus = saved

def receivers():
    out = []
    for r in [Node(1), Sub(1), Node(2)]:
        out.append(r.get())
        out.append(r.plus(10))
    return out
print(receivers())

def errors():
    node = Node(3)
    out = []
    try:
        node.boom()
    except KeyError as e:
        out.append(("caught", e.args))
    try:
        node.deep(10000)
    except RecursionError:
        out.append("recursion")
    out.append(node.deep(50))
    try:
        node.plus("x")
    except TypeError as e:
        out.append(str(e))
    return out
print(errors())

def unbound_arg(flag):
    node = Node(1)
    if flag:
        z = 1
    try:
        return node.plus(z)
    except UnboundLocalError as e:
        return "caught " + str(e)
print(unbound_arg(False), unbound_arg(True))

def unbound_receiver(flag):
    if flag:
        node = Node(1)
    try:
        return node.get()
    except UnboundLocalError as e:
        return "caught " + str(e)
print(unbound_receiver(False), unbound_receiver(True))

# Threads calling methods on one object under the lock they share.
class Counter:
    def __init__(self):
        self.n = 0
        self.lock = threading.Lock()
    def bump(self):
        with self.lock:
            self.n += 1
    def bump_by(self, k):
        with self.lock:
            self.n += k

def worker(c, times):
    for i in range(times):
        c.bump()
        c.bump_by(2)

c = Counter()
ts = [threading.Thread(target=worker, args=(c, 2000)) for _ in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(c.n)
"###;

/// What `python3` 3.11 prints for [`PROGRAM`].
const PYTHON_SAYS: &str = r###"(605, 10)
[(2, False), (2, 0), [2, 3], 20, -2, 3, 99, 15, 0, (2, False), (2, 1), [2, 3], 20, -2, 0, 99, 15, 3, (2, False), (2, 2), [2, 3], 20, -2, 1, 99, 15, 6]
[1, 1, 'shadowed', 'shadowed', 1, 1]
[7, 7, 7, 8, 'new get', 9, 'new get', ('new plus', 3), ('again', 7), ('new plus', 4), ('again', 7), ('new plus', 5)]
[1, 11, -1, 11, 2, 12]
[('caught', (3,)), 'recursion', 50, "unsupported operand type(s) for +: 'int' and 'str'"]
caught cannot access local variable 'z' where it is not associated with a value 2
caught cannot access local variable 'node' where it is not associated with a value 1
18000
"###;

/// An error in a method called through the fused op, caught, then uncaught.
const ERROR: &str = r###"class A:
    def m(self, x):
        return 1 / x
    def n(self):
        return self.m(0)

def f():
    a = A()
    z = 0
    try:
        a.m(z)
    except ZeroDivisionError as e:
        print("caught", e)
    return a.n()

f()
"###;

/// What `python3` 3.11 prints for [`ERROR`] (run as `method_error.py`).
const ERROR_STDOUT: &str = r###"caught division by zero
"###;

/// Its traceback: each caller's line is its call's.
const ERROR_STDERR: &str = r###"Traceback (most recent call last):
  File "method_error.py", line 16, in <module>
    f()
  File "method_error.py", line 14, in f
    return a.n()
           ^^^^^
  File "method_error.py", line 5, in n
    return self.m(0)
           ^^^^^^^^^
  File "method_error.py", line 3, in m
    return 1 / x
           ~~^~~
ZeroDivisionError: division by zero
"###;

#[test]
fn local_method_calls_match_python_in_every_mode() {
    eras::assert_prints("method_calls.py", PROGRAM, PYTHON_SAYS);
}

#[test]
fn an_error_in_a_fused_method_call_is_reported_as_python_in_every_mode() {
    eras::assert_fails("method_error.py", ERROR, 1, ERROR_STDOUT, ERROR_STDERR);
}
