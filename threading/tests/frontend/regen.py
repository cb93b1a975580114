#!/usr/bin/env python3
"""Writes CPython 3.11's answers into the front end's test data.

forms.txt:  each case's `--- ast` line becomes `ast.dump(ast.parse(source))`.
errors.txt: each case's `--- stderr` block becomes what `python3 NAME.py`
            writes to stderr for the source (the file path normalised to the
            case name, as the corpus does), `--- status` its exit code.

Run: python3 threading/tests/frontend/regen.py            (rewrite both files)
     python3 threading/tests/frontend/regen.py --check    (exit 1 if out of date)
     python3 threading/tests/frontend/regen.py --print forms.txt   (dumps, one per line)
"""
import ast
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def cases(text):
    """Yields (header_lines, name, source, sections) for each `=== name` case."""
    head, _, rest = text.partition("\n=== ")
    out = []
    for chunk in ("=== " + rest).split("\n=== ")[0:]:
        chunk = chunk[4:] if chunk.startswith("=== ") else chunk
        name, _, body = chunk.partition("\n")
        source, _, tail = body.partition("\n--- ")
        out.append((name, source + "\n", "--- " + tail))
    return head, out


def forms(text):
    head, items = cases(text)
    parts = [head]
    for name, source, _ in items:
        dump = ast.dump(ast.parse(source))
        parts.append(f"=== {name}\n{source}--- ast\n{dump}")
    return "\n".join(parts) + "\n"


def run_error(name, source):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, name + ".py")
        with open(path, "w", encoding="utf-8") as f:
            f.write(source)
        p = subprocess.run(["python3", name + ".py"], cwd=d, capture_output=True, timeout=60)
        err = p.stderr.decode("utf-8", "replace").replace(d + "/", "")
        return err, p.returncode


def errors(text):
    head, items = cases(text)
    parts = [head]
    for name, source, _ in items:
        err, status = run_error(name, source)
        parts.append(f"=== {name}\n{source}--- stderr\n{err}--- status\n{status}")
    return "\n".join(parts) + "\n"


def main():
    if sys.version_info[:2] != (3, 11) and "--any-version" not in sys.argv:
        sys.exit(f"regen.py needs CPython 3.11 (this is {sys.version.split()[0]})")
    if "--print" in sys.argv:
        name = sys.argv[sys.argv.index("--print") + 1]
        with open(os.path.join(HERE, name), encoding="utf-8") as f:
            _, items = cases(f.read())
        for _, source, _ in items:
            print(ast.dump(ast.parse(source)))
        return
    stale = []
    for name, make in (("forms.txt", forms), ("errors.txt", errors)):
        path = os.path.join(HERE, name)
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            old = f.read()
        new = make(old)
        if new != old:
            stale.append(name)
            if "--check" not in sys.argv:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(new)
    if "--check" in sys.argv and stale:
        sys.exit("out of date: " + ", ".join(stale))
    print("front-end expectations: " + ("rewritten " + ", ".join(stale) if stale else "up to date"))


main()
