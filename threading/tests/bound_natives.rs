//! Bound native methods held in variables (`ins = xs.insert; ins(i, x)`)
//! called through `CALL`'s small-native fast path (`vm/call.rs`,
//! `call_native_small` / `native_bound`: the receiver first, then up to two
//! arguments), under every GIL mode, against what `python3` 3.11 prints:
//! list, dict, set and str methods with zero to two arguments, three or
//! more (the plain path), wrong argument counts and the errors natives
//! raise, and a bound Python method beside them (not native: plain path).

mod eras;

const BOUND: &str = r#"xs = [3, 1, 2]
ins = xs.insert
pop = xs.pop
app = xs.append
srt = xs.sort
clr = xs.clear
for i in range(4):
    ins(0, pop())
    app(i)
print(xs)
srt()
print(xs, pop(0), pop(), xs)
try:
    pop(1, 2)
except TypeError as e:
    print("TypeError", e)
try:
    ins(1)
except TypeError as e:
    print("TypeError", e)
try:
    pop(99)
except IndexError as e:
    print("IndexError", e)
d = {}
put = d.setdefault
get = d.get
for w in "a b a c b a".split():
    put(w, 0)
    d[w] += 1
print(d, get("a"), get("z"), get("z", -1))
s = set()
add = s.add
for i in range(10):
    add(i % 4)
print(sorted(s))
up = "abc".upper
print(up(), "x-y".split("-"), ", ".join(["p", "q"]))
class K:
    def m(self, a=1, b=2):
        return (self.__class__.__name__, a, b)
bound = K().m
print(bound(), bound(5), bound(5, 6))
rep = "aXbXc".replace
print(rep("X", "-"), rep("X", "-", 1))
clr()
print(xs, len(xs))
fmt = "{}+{}={}".format
print(fmt(1, 2, 3))
try:
    fmt(1)
except IndexError as e:
    print("IndexError", e)
"#;

/// `python3` 3.11's output for `BOUND`.
const BOUND_SAY: &str = r#"[2, 1, 0, 2, 3, 1, 3]
[1, 1, 2, 2, 3] 0 3 [1, 1, 2, 2, 3]
TypeError pop expected at most 1 argument, got 2
TypeError insert expected 2 arguments, got 1
IndexError pop index out of range
{'a': 3, 'b': 2, 'c': 1} 3 None -1
[0, 1, 2, 3]
ABC ['x', 'y'] p, q
('K', 1, 2) ('K', 5, 2) ('K', 5, 6)
a-b-c a-bXc
[] 0
1+2=3
IndexError Replacement index 1 out of range for positional args tuple
"#;

#[test]
fn bound_natives_print_what_python_prints() {
    eras::assert_prints("bound_natives.py", BOUND, BOUND_SAY);
}
