//! The fallbacks of issue 10's fast paths: each program drives a fast
//! path into the case where it must give up and take the plain path, and
//! checks that the answers are Python's (the expected text is what
//! `python3` 3.11 prints for the same program), under every GIL mode.
//!
//! - The type-lookup cache (`object/type_cache.rs`): a class whose
//!   attribute layout changes mid-loop (a base's method patched, a closer
//!   class shadowing, a data descriptor added over an instance attribute,
//!   `__init__` and `__eq__` replaced), and a class changed by another
//!   thread, whose cache is its own.

use threading::gil::GilConfig;
use threading::{Config, Interpreter};

/// Runs `src` under `preset`; (exit code, stdout, stderr).
fn run(preset: &str, src: &str) -> (i32, String, String) {
    let gil = GilConfig::preset(preset).expect("preset");
    let out = Interpreter::new(Config { gil, capture: true }).run_source("fallback.py", src);
    (out.exit_code, out.stdout, out.stderr)
}

/// Asserts that `src` prints `want` and exits 0 in every mode.
fn assert_prints(src: &str, want: &str) {
    for preset in ["3.9", "3.12", "3.13t"] {
        let (code, out, err) = run(preset, src);
        assert_eq!((code, out.as_str()), (0, want), "{preset}: {err}");
    }
}

const CLASS_CHANGES_MID_LOOP: &str = r#"class Base:
    kind = "base"

    def m(self):
        return "base.m"


class Mid(Base):
    pass


class Leaf(Mid):
    def __init__(self):
        self.x = 1

    def __eq__(self, other):
        return "eq1"


obj = Leaf()
seen = []
for i in range(8):
    made = Leaf()
    seen.append((obj.m(), obj.kind, obj.x, getattr(obj, "y", None), made.x, obj == 1))
    if i == 1:
        Base.m = lambda self: "patched"
    elif i == 2:
        Mid.kind = "mid"
    elif i == 3:
        Leaf.x = property(lambda self: "prop", lambda self, v: None)
    elif i == 4:
        del Mid.kind
        Base.y = "y"
    elif i == 5:
        obj.m = lambda: "instance"
        del Leaf.x
    elif i == 6:
        def init(self):
            self.x = 2
        Leaf.__init__ = init
        Leaf.__eq__ = lambda self, other: "eq2"
for row in seen:
    print(*row)
import threading


class Shared:
    def who(self):
        return "before"


shared = Shared()
print(shared.who())


def patch():
    # Another thread (with a cache of its own) changes the class.
    print(shared.who())
    Shared.who = lambda self: "after"


worker = threading.Thread(target=patch)
worker.start()
worker.join()
print(shared.who())
"#;

const CLASS_CHANGES_MID_LOOP_WANT: &str = "base.m base 1 None 1 eq1\n\
base.m base 1 None 1 eq1\n\
patched base 1 None 1 eq1\n\
patched mid 1 None 1 eq1\n\
patched mid prop None prop eq1\n\
patched base prop y prop eq1\n\
instance base 1 y 1 eq1\n\
instance base 1 y 2 eq2\n\
before\n\
before\n\
after\n\
";

#[test]
fn type_cache_sees_a_class_change_mid_loop_and_from_another_thread() {
    assert_prints(CLASS_CHANGES_MID_LOOP, CLASS_CHANGES_MID_LOOP_WANT);
}
