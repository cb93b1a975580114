//! `hash()` of an instance of a native class that defines its own
//! `__hash__`: two equal `list[int]` aliases hash alike (`types.GenericAlias`
//! hashes `hash(origin) ^ hash(args)`), so one finds the other in a dict
//! and a set, under every GIL mode, against what `python3` 3.11 prints; a
//! lock (the native class inherits `object.__hash__`) and a tuple subclass
//! (a built-in base's hash) beside. `vm/hashing.rs` had taken the alias's
//! native `__hash__` for a built-in base's and hashed its address, which
//! `tests/programs/l15_annotations_generic.py` showed only when two
//! temporaries did not share an address.

mod eras;

const PROGRAM: &str = r#"import threading
a, b = list[int], list[int]
d = {a: 1}
print(hash(a) == hash(b), d[b], hash(dict[str, int]) == hash(dict[str, int]), list[int] in {list[int]})
l = threading.Lock()
print(hash(l) == hash(l), len({l, l}))
class T(tuple):
    pass
print(hash(T((1, 2))) == hash((1, 2)))
"#;

const SAYS: &str = "True 1 True True
True 1
True
";

#[test]
fn equal_aliases_hash_alike() {
    eras::assert_prints("alias_hash.py", PROGRAM, SAYS);
}
