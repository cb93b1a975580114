//! `for k, v in d.items()` with the pair read straight into the two
//! locals (`vm/iter_pairs.rs`, no tuple built) and every way it falls back
//! to the plain `FOR_ITER` and `UNPACK_SEQUENCE`, with Python's answers
//! (the expected text is what `python3` 3.11 prints for the same program)
//! under every GIL era: values replaced during the loop (seen, as the
//! plain path sees them), a key added or deleted mid-loop (the
//! RuntimeError), a dict with holes left by deletions, an empty dict, a
//! dict subclass, an items iterator resumed after `break` and then spent,
//! a nested target, a target of the wrong length, a one-name target (the
//! tuple is built), generator expressions over the pairs. All inside a
//! function: only a loop storing into locals is fused.

mod eras;

const DICT_ITEMS: &str = r#"def main():
    d = {"a": 1, "b": 2, "c": 3}
    total = 0
    for k, v in d.items():
        total += v
        d[k] = v * 10
    print(total, d)

    for k, v in d.items():
        if k == "a":
            d["b"] = -1
        print(k, v)

    try:
        for k, v in d.items():
            d["new"] = 0
    except RuntimeError as e:
        print("RuntimeError", e)
    print(sorted(d))

    try:
        for k, v in d.items():
            del d["new"]
    except RuntimeError as e:
        print("RuntimeError", e)

    e = {1: 2}
    del e[1]
    e[3] = 4
    e[5] = 6
    del e[3]
    print([(k, v) for k, v in e.items()])
    for k, v in {}.items():
        print("never")

    class D(dict):
        pass
    dd = D(x=1, y=2)
    for k, v in dd.items():
        print("D", k, v)

    it = iter({"p": 1, "q": 2}.items())
    for k, v in it:
        print("first", k, v)
        break
    for k, v in it:
        print("rest", k, v)
    print(next(it, "done"))

    nested = {"a": (1, 2), "b": (3, 4)}
    for k, (x, y) in nested.items():
        print(k, x + y)
    try:
        for a, b, c in {"k": 1}.items():
            pass
    except ValueError as e:
        print("ValueError", e)
    for kv in {"z": 26}.items():
        print(kv, type(kv).__name__)
    big = {i: i * i for i in range(1000)}
    print(sum(v for k, v in big.items()), sum(k * v for k, v in big.items()))
    s = 0
    for k, v in big.items():
        s += k - v
    print(s)

main()
"#;

const DICT_ITEMS_WANT: &str = r#"6 {'a': 10, 'b': 20, 'c': 30}
a 10
b -1
c 30
RuntimeError dictionary changed size during iteration
['a', 'b', 'c', 'new']
RuntimeError dictionary changed size during iteration
[(5, 6)]
D x 1
D y 2
first p 1
rest q 2
done
a 3
b 7
ValueError not enough values to unpack (expected 3, got 2)
('z', 26) tuple
332833500 249500250000
-332334000
"#;

#[test]
fn dict_items_pairs_fall_back_with_python_results() {
    eras::assert_prints("dict_items.py", DICT_ITEMS, DICT_ITEMS_WANT);
}
