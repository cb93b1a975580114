//! `module.name` and `module.f()` through the attribute sites' module fact
//! (`vm/attr_cache.rs`, `cached_module_attr`; 3.11's `LOAD_ATTR_MODULE`,
//! `LOAD_METHOD_MODULE`) and its fallbacks, under every GIL mode, against
//! what `python3` 3.11 prints: `random.random()` rebound and restored,
//! a module global rebound, deleted (the plain path raises) and bound
//! again, a name set from outside (no slot: the plain path), one site
//! reading two modules and an instance in turn, special names.

mod eras;

const MODULES: &str = r#"import math, random, queue
def use(m):
    return m.random()
def read(m):
    return m.Empty
print(read(queue).__name__)
random.seed(3)
print([round(use(random), 6) for _ in range(3)])
saved = random.random
random.random = lambda: 0.5
print([use(random) for _ in range(2)])
random.random = saved
queue.Empty = 7
print(read(queue))
del queue.Empty
try:
    read(queue)
except AttributeError as e:
    print("AttributeError", "Empty" in str(e))
queue.Empty = 8
print(read(queue))
queue.brand_new = "new"
print(queue.brand_new)
class Fake:
    Empty = "fake"
    def random(self):
        return "fake.random"
for m in (queue, math, Fake(), queue):
    try:
        print(read(m))
    except AttributeError as e:
        print("AttributeError", e)
for m in (random, Fake(), random):
    print(type(use(m)).__name__)
print(math.sqrt(16.0), math.pi > 3, queue.__name__, random.__name__)
def other():
    return "other"
random.random = other
print(use(random))
"#;

/// What python3 3.11 prints for [`MODULES`].
const MODULES_SAY: &str = "Empty\n\
[0.237965, 0.544229, 0.369955]\n\
[0.5, 0.5]\n\
7\n\
AttributeError True\n\
8\n\
new\n\
8\n\
AttributeError module 'math' has no attribute 'Empty'\n\
fake\n\
8\n\
float\n\
str\n\
float\n\
4.0 True queue random\n\
other\n\
";

#[test]
fn module_attributes_match_python_in_every_mode() {
    eras::assert_prints("modules.py", MODULES, MODULES_SAY);
}
