//! A native module's attributes (`math.sqrt`, `random.random`) read
//! through the attribute site's module fact from the module's extra dict,
//! at a learnt position checked by key identity (`vm/attr_cache.rs`,
//! `cached_module_attr`, `ModulePlace::Extra`), under every GIL mode,
//! against what `python3` 3.11 prints: a module function rebound and
//! restored mid-loop, an attribute added and deleted mid-loop, one site
//! reading two modules in turn, a missing name, seeded `random` calls.

mod eras;

const MODULE_ATTRS: &str = r#"import math
import random
out = []
for i in range(6):
    if i == 2:
        real_sqrt = math.sqrt
        math.sqrt = lambda x: -x
    if i == 4:
        math.sqrt = real_sqrt
    out.append(math.sqrt(16.0))
print(out)
vals = []
for i in range(5):
    if i == 2:
        math.extra_name = 7
    if i == 3:
        del math.extra_name
    try:
        vals.append(math.extra_name)
    except AttributeError as e:
        vals.append(str(e))
print(vals)
hits = []
for m in (math, random, math, random):
    hits.append(callable(m.floor) if m is math else callable(m.random))
print(hits)
def pis():
    return [m.pi for m in (math, math)]
print(pis(), pis())
for i in range(3):
    try:
        print(math.nope)
    except AttributeError as e:
        print("AttributeError", e)
random.seed(3)
print([random.randint(1, 6) for _ in range(5)])
def f():
    return math.floor(2.5) + math.ceil(2.5)
print([f() for _ in range(3)])
"#;

/// `python3` 3.11's output for `MODULE_ATTRS`.
const MODULE_ATTRS_SAY: &str = r#"[4.0, 4.0, -16.0, -16.0, 4.0, 4.0]
["module 'math' has no attribute 'extra_name'", "module 'math' has no attribute 'extra_name'", 7, "module 'math' has no attribute 'extra_name'", "module 'math' has no attribute 'extra_name'"]
[True, True, True, True]
[3.141592653589793, 3.141592653589793] [3.141592653589793, 3.141592653589793]
AttributeError module 'math' has no attribute 'nope'
AttributeError module 'math' has no attribute 'nope'
AttributeError module 'math' has no attribute 'nope'
[2, 5, 5, 2, 3]
[5, 5, 5]
"#;

#[test]
fn native_module_attributes_print_what_python_prints() {
    eras::assert_prints("native_module_attrs.py", MODULE_ATTRS, MODULE_ATTRS_SAY);
}
