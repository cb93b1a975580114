//! Keyword calls of plain Python functions bound in the instruction loop
//! (`vm/keyword_call.rs`) and every road off that fast path, under every
//! GIL mode, against what `python3` 3.11 prints: keywords in any order with
//! defaults filling the rest, in a loop, on methods (`sq.find(update=True)`),
//! through a bound method in a variable and a class; the `TypeError`s of a
//! missing argument, a keyword given twice, an unknown keyword and a
//! positional-only name; and the shapes it leaves to the general binder: a
//! closure, a generator function, keyword-only parameters, ten keywords,
//! `*args`/`**kwargs`.

mod eras;

const CALLS: &str = r#"def f(a, b=2, c=3):
    return (a, b, c)

print(f(1, c=9), f(a=5), f(c=1, a=2, b=3), f(1, 2, c=0))
for i in range(3):
    print(f(i, c=i * 2))

class Sq:
    def __init__(self, pos):
        self.pos = pos
    def find(self, update=False, depth=0):
        return (self.pos, update, depth)

s = Sq(7)
print(s.find(update=True), s.find(depth=2, update=1), s.find(True, depth=3))
m = s.find
print(m(update="bound"))
print(Sq(pos=4).pos)

def errors():
    for call in (lambda: f(b=1),
                 lambda: f(1, a=2),
                 lambda: f(1, d=4),
                 lambda: s.find(update=1, update2=2),
                 lambda: g(1, a=2)):
        try:
            call()
        except TypeError as e:
            print("TypeError:", e)

def g(a, /, b=0):
    return a, b
print(g(1, b=5))
errors()

def outer():
    k = 10
    def inner(x, y=1):
        return x + y + k
    return inner(1, y=5), inner(x=2)
print(outer())

def gen(n, step=1):
    i = 0
    while i < n:
        yield i
        i += step
print(list(gen(5, step=2)))

def kwonly(a, *, b=1):
    return a, b
print(kwonly(1, b=2))

def many(a=0, b=0, c=0, d=0, e=0, f=0, g=0, h=0, i=0, j=0):
    return a + b + c + d + e + f + g + h + i + j
print(many(a=1, b=2, c=3, d=4, e=5, f=6, g=7, h=8, i=9, j=10), many(j=1))

def star(*args, **kw):
    return args, sorted(kw.items())
print(star(1, x=2))
"#;

const SAY: &str = r#"(1, 2, 9) (5, 2, 3) (2, 3, 1) (1, 2, 0)
(0, 2, 0)
(1, 2, 2)
(2, 2, 4)
(7, True, 0) (7, 1, 2) (7, True, 3)
(7, 'bound', 0)
4
(1, 5)
TypeError: f() missing 1 required positional argument: 'a'
TypeError: f() got multiple values for argument 'a'
TypeError: f() got an unexpected keyword argument 'd'
TypeError: Sq.find() got an unexpected keyword argument 'update2'
TypeError: g() got some positional-only arguments passed as keyword arguments: 'a'
(16, 13)
[0, 2, 4]
(1, 2)
55 1
((1,), [('x', 2)])
"#;

#[test]
fn keyword_calls_match_cpython_on_and_off_the_fast_path() {
    eras::assert_prints("kwcalls.py", CALLS, SAY);
}
