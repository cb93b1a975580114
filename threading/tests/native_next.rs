//! The generic `next()` that consuming natives use (`sum`, `str.join`,
//! `list(it)`, `max`, `zip`, `dict(it)`, ...) stepping a list or tuple
//! iterator in place (`vm/iter/mod.rs`, the `step_sequence` fast path
//! `FOR_ITER` already had) and falling back to the plain step for every
//! other iterator, with Python's answers (the expected text is what
//! `python3` 3.11 prints for the same program) under every GIL era: a
//! partly consumed iterator summed, then spent (`next(it, "done")`), a
//! list subclass's iterator, a spent iterator that stays spent after its
//! list grows, `map` over a list that its function appends to (the list
//! iterator sees the new items, as CPython's does), `zip(it, it)`, a
//! generator, `map` and `reversed` through the plain path, a TypeError
//! from inside `sum`.

mod eras;

const NATIVE_NEXT: &str = r#"def main():
    xs = [1, 2, 3, 4]
    it = iter(xs)
    next(it)
    print(sum(it), list(it), next(it, "done"))
    t = (1, 2, 3)
    it = iter(t)
    print(max(it), list(it))
    print(sum(x for x in xs), "-".join(map(str, xs)), sorted(reversed(xs)))

    class L(list):
        pass

    print(sum(iter(L([5, 6]))), min(iter([3, 1, 2])), "".join(iter(["a", "b"])))
    it = iter(xs)
    print(next(it), sum(it), sum(it))
    ys = [1]
    it = iter(ys)
    print(list(it))
    ys.append(2)
    print(list(it), ys)
    zs = [1, 2, 3]

    def f(x):
        if len(zs) < 6:
            zs.append(x * 10)
        return x

    print(list(map(f, zs)), sum(zs))
    it = iter(zs)
    print(next(it), next(it), list(zip(it, it)))
    try:
        sum(iter(["a"]))
    except TypeError as e:
        print("TypeError", e)
    print(dict(iter([("k", 1), ("j", 2)])), set(iter((3, 3, 4))), tuple(iter([])))


main()
"#;

const NATIVE_NEXT_WANT: &str = r#"9 [] done
3 []
10 1-2-3-4 [1, 2, 3, 4]
11 1 ab
1 9 0
[1]
[] [1, 2]
[1, 2, 3, 10, 20, 30] 66
1 2 [(3, 10), (20, 30)]
TypeError unsupported operand type(s) for +: 'int' and 'str'
{'k': 1, 'j': 2} {3, 4} ()
"#;

#[test]
fn natives_step_list_and_tuple_iterators_with_python_results() {
    eras::assert_prints("native_next.py", NATIVE_NEXT, NATIVE_NEXT_WANT);
}
