//! A class's attribute read through the global that names it
//! (`LOAD_GLOBAL_ATTR_CACHED`, `vm/global_jump.rs`: `Strength.REQUIRED`
//! with the class borrowed from its global slot) and every fallback, under
//! every GIL era (3.9 runs the unquickened ops), against what `python3`
//! 3.11 prints for the same programs: the cached class attribute, changed
//! and deleted (AttributeError); the global rebound to another class, to
//! classmethod/staticmethod attributes, to instances (a plain attribute and
//! a property), to a module, builtin types, an int and a function; a
//! subclass whose base changes; a jump landing on the covered
//! `LOAD_ATTR`; the global deleted (`NameError`). The two uncaught errors
//! must print python3's tracebacks, carets included: the `NameError` marks
//! the name, the `AttributeError` the whole attribute access.

mod eras;

/// The fast path and its fallbacks, printed.
const PROGRAM: &str = r###"import sys
import math

class Strength:
    REQUIRED = 0
    WEAK = 5
    def weaker(self):
        return "method"

class Other:
    REQUIRED = "other"
    WEAK = -1

class Descriptors:
    @classmethod
    def REQUIRED(cls):
        return "classmethod"
    @staticmethod
    def WEAK():
        return "staticmethod"

class Holder:
    def __init__(self):
        self.REQUIRED = "instance"
        self.WEAK = "instance weak"

class Prop:
    @property
    def REQUIRED(self):
        return "property on an instance"
    WEAK = 7

def read():
    return Strength.REQUIRED, Strength.WEAK

def loop(n):
    total = 0
    for i in range(n):
        total += Strength.WEAK
        if i == 2:
            Strength.WEAK = 100
    return total

print(read(), loop(5))
Strength.REQUIRED = 42
print(read())
del Strength.WEAK
try:
    read()
except AttributeError as e:
    print("AttributeError", e, sys.exc_info()[2].tb_next.tb_lineno)
Strength.WEAK = 6
saved = Strength
for v in [Other, Descriptors, Holder(), Prop(), saved, math, bool, int, 3]:
    Strength = v
    try:
        r = read()
        print(type(v).__name__, [x() if callable(x) else x for x in r])
    except AttributeError as e:
        print("AttributeError", e)
print(Strength.real, Strength.bit_length())

# Subclass attribute changed through its base.
class Base:
    REQUIRED = "base"
    WEAK = "base weak"
class Sub(Base):
    pass
Strength = Sub
print(read())
Base.REQUIRED = "changed base"
print(read())
Sub.REQUIRED = "own"
print(read())

# A function and a module as the global.
def fn():
    pass
fn.REQUIRED = "fn attr"
fn.WEAK = "fn weak"
Strength = fn
print(read())
print(math.pi > 3, math.floor(2.5))

# A jump landing on the covered LOAD_ATTR.
def middle(c, x):
    return (x if c else Base).REQUIRED

print(middle(True, Other), middle(False, Other))

del Strength
try:
    read()
except NameError as e:
    print("NameError", e, sys.exc_info()[2].tb_next.tb_lineno)
Strength = saved
print(read())
"###;

/// What python3 3.11 prints for [`PROGRAM`].
const PYTHON_SAYS: &str = r###"(0, 5) 215
(42, 100)
AttributeError type object 'Strength' has no attribute 'WEAK' 34
type ['other', -1]
type ['classmethod', 'staticmethod']
Holder ['instance', 'instance weak']
Prop ['property on an instance', 7]
type [42, 6]
AttributeError module 'math' has no attribute 'REQUIRED'
AttributeError type object 'bool' has no attribute 'REQUIRED'
AttributeError type object 'int' has no attribute 'REQUIRED'
AttributeError 'int' object has no attribute 'REQUIRED'
3 2
('base', 'base weak')
('changed base', 'base weak')
('own', 'base weak')
('fn attr', 'fn weak')
True 2
other changed base
NameError name 'Strength' is not defined 34
(42, 6)
"###;

/// An uncaught `NameError` from `Strength.REQUIRED` once `Strength` is
/// deleted.
const NAME_ERROR: &str = r###"class Strength:
    REQUIRED = 0

def read():
    return Strength.REQUIRED

print(read())
del Strength
read()
"###;

/// What python3 3.11 prints for [`NAME_ERROR`] on stdout.
const NAME_ERROR_STDOUT: &str = r###"0
"###;

/// What python3 3.11 prints for [`NAME_ERROR`] on stderr (run as
/// `attr_name_error.py`; python3 shows the path it was given).
const NAME_ERROR_STDERR: &str = r###"Traceback (most recent call last):
  File "attr_name_error.py", line 9, in <module>
    read()
  File "attr_name_error.py", line 5, in read
    return Strength.REQUIRED
           ^^^^^^^^
NameError: name 'Strength' is not defined
"###;

/// An uncaught `AttributeError` from `Strength.REQUIRED` once the class
/// attribute is deleted (the site's cached value is stale).
const ATTR_ERROR: &str = r###"class Strength:
    REQUIRED = 0

def read():
    return Strength.REQUIRED

print(read())
del Strength.REQUIRED
read()
"###;

/// What python3 3.11 prints for [`ATTR_ERROR`] on stdout.
const ATTR_ERROR_STDOUT: &str = r###"0
"###;

/// What python3 3.11 prints for [`ATTR_ERROR`] on stderr (run as
/// `attr_error.py`).
const ATTR_ERROR_STDERR: &str = r###"Traceback (most recent call last):
  File "attr_error.py", line 9, in <module>
    read()
  File "attr_error.py", line 5, in read
    return Strength.REQUIRED
           ^^^^^^^^^^^^^^^^^
AttributeError: type object 'Strength' has no attribute 'REQUIRED'
"###;

#[test]
fn global_class_attrs_match_python_in_every_mode() {
    eras::assert_prints("global_attr.py", PROGRAM, PYTHON_SAYS);
}

#[test]
fn deleted_class_global_raises_as_python_in_every_mode() {
    eras::assert_fails(
        "attr_name_error.py",
        NAME_ERROR,
        1,
        NAME_ERROR_STDOUT,
        NAME_ERROR_STDERR,
    );
}

#[test]
fn deleted_class_attribute_raises_as_python_in_every_mode() {
    eras::assert_fails(
        "attr_error.py",
        ATTR_ERROR,
        1,
        ATTR_ERROR_STDOUT,
        ATTR_ERROR_STDERR,
    );
}
