#!/usr/bin/env python3
"""Writes threading/src/modules/cpython_names.rs: the public names of CPython 3.11's
modules that MiniPy provides (partly), so that a program reaching for one MiniPy lacks is
told it is outside MiniPy rather than given a bare AttributeError.

Usage (from the repository root):

    python3 threading/tests/cpython_names/regen.py           # rewrite the table
    python3 threading/tests/cpython_names/regen.py --check   # exit 1 if it is out of date

Only names are taken (``dir(module)`` without ``_``-prefixed ones), nothing else; the
script refuses a python3 other than 3.11 (module contents differ between versions) and
needs ``rustfmt`` (the output is formatted as ``cargo fmt`` would leave it).
``tests/cpython_names.rs`` runs ``--check`` when python3 3.11 is on the PATH.
"""

import importlib
import os
import subprocess
import sys

# The modules MiniPy provides: MINIPY.md v2's library list and the helpers it embeds.
MODULES = sorted([
    "array", "bisect", "collections", "concurrent.futures", "contextlib", "dataclasses",
    "functools", "heapq", "io", "itertools", "logging", "math", "operator", "os", "queue",
    "random", "socket", "sys", "threading", "time", "unicodedata",
])

HEADER = '''//! # CPython 3.11's public names of the modules MiniPy provides
//!
//! MiniPy's `math`, `os`, `socket`, ... offer what MINIPY.md's library list
//! names, not everything CPython's modules have. A program that reaches
//! for one of the others (`math.cbrt`, `itertools.groupby`, `os.listdir`)
//! is told so: `AttributeError: module 'math' has no attribute 'cbrt'
//! (CPython's math.cbrt is outside MiniPy)`, where CPython's message alone
//! would read as a typo. A name CPython does not have either keeps
//! CPython's plain message.
//!
//! ```text
//!   module attribute lookup fails ─▶ outside_note(module, name)
//!       name in CPYTHON_NAMES[module] ─▶ " (CPython's module.name is outside MiniPy)"
//!       else                          ─▶ ""   (CPython's own message)
//! ```
//!
//! The table is generated: `python3 threading/tests/cpython_names/regen.py`
//! (CPython 3.11's `dir(module)`, `_`-names left out); `tests/cpython_names.rs`
//! checks it is current when python3 3.11 is present. It is consulted only
//! on the error path, so a plain scan of a space-separated string is enough
//! (the road not taken: a sorted array of `&str` per name, ~1,300 lines).
//!
//! Needs nothing (a leaf). Python equivalent: none; CPython has every name.

/// `(module, its public names separated by single spaces)`, sorted by module.
static CPYTHON_NAMES: &[(&str, &str)] = &[
'''

FOOTER = '''];

/// The note to append to "module 'M' has no attribute 'N'" when CPython's
/// module `M` has `N`: `" (CPython's M.N is outside MiniPy)"`, else `""`.
pub fn outside_note(module: &str, name: &str) -> String {
    let known = CPYTHON_NAMES
        .binary_search_by(|(m, _)| (*m).cmp(module))
        .is_ok_and(|i| CPYTHON_NAMES[i].1.split(' ').any(|n| n == name));
    if known {
        format!(" (CPython's {module}.{name} is outside MiniPy)")
    } else {
        String::new()
    }
}
'''


def render():
    lines = [HEADER]
    for name in MODULES:
        module = importlib.import_module(name)
        names = sorted(n for n in dir(module) if not n.startswith("_"))
        # Rust string continuation: a trailing backslash drops the newline and the next
        # line's indentation, so each module's names stay one space-separated string.
        chunks, line = [], ""
        for n in names:
            if line and len(line) + len(n) + 1 > 84:
                chunks.append(line + " \\")
                line = n
            else:
                line = f"{line} {n}" if line else n
        chunks.append(line)
        body = "\n        ".join(chunks)
        lines.append(f'    (\n        "{name}",\n        "{body}",\n    ),\n')
    lines.append(FOOTER)
    # Through rustfmt, so that `cargo fmt` leaves the file as written here.
    out = subprocess.run(["rustfmt", "--edition", "2021"], input="".join(lines),
                         capture_output=True, text=True, check=True)
    return out.stdout


def main():
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"regen: CPython 3.11 needed, this is {sys.version.split()[0]}")
    here = os.path.dirname(os.path.abspath(__file__))
    target = os.path.normpath(os.path.join(here, "..", "..", "src", "modules", "cpython_names.rs"))
    text = render()
    if "--check" in sys.argv[1:]:
        with open(target, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit(f"regen: {target} is out of date; run {sys.argv[0]}")
        print("regen: cpython_names.rs is current")
        return
    with open(target, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"regen: wrote {target}")


if __name__ == "__main__":
    main()
