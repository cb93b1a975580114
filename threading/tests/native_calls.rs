//! Native calls with at most three arguments made by the instruction
//! loop's own fast path (`vm/call.rs`, `call_native_small`: builtins,
//! built-in types' methods through `LOAD_METHOD`, module functions with
//! `LOAD_METHOD`'s `NULL`) and the calls it leaves to `call_stack` (more
//! arguments, keywords), and the bitwise operators and shifts on two small
//! ints in `BINARY_OP`'s int fast path (`vm/superinstr.rs`, `int_arith`),
//! under every GIL mode, against what `python3` 3.11 prints: errors raised
//! by natives, a native calling Python (`__len__`, a `key=`), a native held
//! in a local or passed as an argument, shifts at and past 63 bits,
//! negative operands and counts, bools (not ints: `True & True` is `True`).

mod eras;

const NATIVES: &str = r#"import math, random
xs = [3, 1, 2]
s = set()
d = {}
print(len(xs), len("héllo"), abs(-3), min(4, 2), max(1, 9, 5), round(2.675, 2), divmod(7, 2))
xs.append(4); s.add(1); d.setdefault("k", []).append(5)
print(xs, s, d, xs.pop(), xs.index(1), "a,b".split(","), " x ".strip())
print(math.sqrt(2.0), math.floor(2.5), math.hypot(3, 4), isinstance(xs, list), getattr(xs, "count")(3))
random.seed(5)
print(random.random() < 1, random.randint(1, 1), sorted(xs, reverse=True), sorted(xs, key=lambda v: -v))
print(pow(2, 10), pow(2, 10, 7), max(1, 2, 3, 4, 5), "{}-{}".format(1, 2), "{:>4}|{}|{}|{}".format(1, 2, 3, 4))
class Sized:
    def __len__(self):
        return 42
print(len(Sized()), sum([1, 2, 3]), sum([1, 2], 10))
try:
    len(5)
except TypeError as e:
    print("TypeError", e)
try:
    xs.index(99)
except ValueError as e:
    print("ValueError", e)
try:
    math.sqrt(-1.0)
except ValueError as e:
    print("ValueError", e)
try:
    len()
except TypeError as e:
    print("TypeError", e)
try:
    [].pop()
except IndexError as e:
    print("IndexError", e)
f = len
print(f([1]), (lambda g: g("ab"))(len))
vals = []
for a, b in ((12, 10), (-12, 10), (-1, 63), (1, 62), (1, 63), (3, 0), (-5, 1), (7, 100), (-7, 100)):
    vals.append((a & b, a | b, a ^ b, a >> b, a << b if b < 70 else None))
print(vals)
try:
    1 << -1
except ValueError as e:
    print("ValueError", e)
try:
    1 >> -1
except ValueError as e:
    print("ValueError", e)
print(True & True, True | 0, 5 & True, 2**70 & 0xFF, (1 << 200) >> 199, -1 >> 5)
acc = 0
for i in range(1000):
    acc ^= (i << 3) & 0xFFF | i >> 2
print(acc)
"#;

/// What python3 3.11 prints for [`NATIVES`].
const NATIVES_SAY: &str = "3 5 3 2 9 2.67 (3, 1)\n\
[3, 1, 2] {1} {'k': [5]} 4 1 ['a', 'b'] x\n\
1.4142135623730951 2 5.0 True 1\n\
True 1 [3, 2, 1] [3, 2, 1]\n\
1024 2 5 1-2    1|2|3|4\n\
42 6 13\n\
TypeError object of type 'int' has no len()\n\
ValueError 99 is not in list\n\
ValueError math domain error\n\
TypeError len() takes exactly one argument (0 given)\n\
IndexError pop from empty list\n\
1 2\n\
[(8, 14, 6, 0, 12288), (0, -2, -2, -1, -12288), (63, -1, -64, -1, -9223372036854775808), (0, 63, 63, 0, 4611686018427387904), (1, 63, 62, 0, 9223372036854775808), (0, 3, 3, 3, 3), (1, -5, -6, -3, -10), (4, 103, 99, 0, None), (96, -3, -99, -1, None)]\n\
ValueError negative shift count\n\
ValueError negative shift count\n\
True 1 1 0 2 -1\n\
0\n\
";

#[test]
fn native_calls_and_bitwise_ops_match_python_in_every_mode() {
    eras::assert_prints("natives.py", NATIVES, NATIVES_SAY);
}
