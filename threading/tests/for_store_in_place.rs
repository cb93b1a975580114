//! Values stored where they are found, not returned first: a list or
//! tuple item cloned straight into the loop variable by the fused
//! `FOR_ITER; STORE_FAST` (`vm/iter/step.rs`, `step_sequence_into`), and
//! a global or builtin pushed from its slot (`vm/exceptions.rs`,
//! `push_global`). Their fallbacks, under every GIL mode, against what
//! `python3` 3.11 prints: a list grown and one shrunk under the loop, the
//! loop variable rebound over heap values and left at its last item (or
//! untouched by an empty tuple), `for xs in xs`, nested loops over
//! tuples, a slice assignment mid-loop, a global rebound, deleted (the
//! NameError) and restored mid-loop, a builtin shadowed and unshadowed.

mod eras;

const IN_PLACE: &str = r#"def walk(xs):
    out = []
    for x in xs:
        out.append(x)
        if len(xs) < 6:
            xs.append([len(xs)])
    return out

print(walk([[0], "a", 1.5]))

def shrink(xs):
    out = []
    for x in xs:
        out.append(x)
        del xs[:2]
    return out, xs

print(shrink(list(range(9))))

def rebinds(xs):
    x = "before"
    for x in xs:
        pass
    return x

print(rebinds(["p", ("q",), None]), rebinds(()), rebinds(("t", "u")))

def self_loop():
    xs = [[1, 2], [3]]
    for xs in xs:
        pass
    return xs

print(self_loop())

def nested():
    total = []
    rows = [(1, 2), (3, 4)]
    for row in rows:
        for v in row:
            total.append(v * 10)
    for row in rows:
        pass
    return total, row

print(nested())

def replaced_during():
    xs = ["a", "b", "c"]
    seen = []
    for x in xs:
        seen.append(x)
        xs[1:] = ["z"]
    return seen

print(replaced_during())

G = 1
def read_globals(n):
    global G
    got = []
    for i in range(n):
        got.append(G)
        if i == 1:
            G = [i]
        if i == 2:
            del G
            try:
                got.append(G)
            except NameError as e:
                got.append(str(e))
            G = "back"
    return got

print(read_globals(4))

def shadow():
    global len
    out = [len("ab")]
    len = lambda s: -1
    out.append(len("ab"))
    del len
    out.append(len("ab"))
    return out

print(shadow())
"#;

/// `python3` 3.11's output for `IN_PLACE`.
const IN_PLACE_SAY: &str = r#"[[0], 'a', 1.5, [3], [4], [5]]
([0, 3, 6], [6, 7, 8])
None before u
[3]
([10, 20, 30, 40], (3, 4))
['a', 'z']
[1, 1, [1], "name 'G' is not defined", 'back']
[2, -1, 2]
"#;

#[test]
fn loop_items_and_globals_stored_in_place_print_what_python_prints() {
    eras::assert_prints("for_store_in_place.py", IN_PLACE, IN_PLACE_SAY);
}
