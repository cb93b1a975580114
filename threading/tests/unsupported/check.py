#!/usr/bin/env python3
"""Check the out-of-scope corpus against CPython: every program here must run under
python3 with exit code 0 (it is valid Python), start with the four header lines

    # expect-line: N
    # construct: NAME
    # kind: KIND [| KIND ...]
    # when: compile | run

and line N must exist and not be blank. Run: python3 threading/tests/unsupported/check.py
(see README.md for what MiniPy must do with each file)."""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = ["expect-line", "construct", "kind", "when"]
# AttributeError / ImportError: a name of a listed module beyond the list (CPython's own
# exception, plus "(CPython's M.N is outside MiniPy)").
KINDS = {"SyntaxError", "NotImplementedError", "ModuleNotFoundError", "AttributeError", "ImportError"}

bad = []
names = sorted(f for f in os.listdir(HERE) if f.endswith(".py") and f != "check.py")
for name in names:
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        lines = f.read().split("\n")
    fields = {}
    for key, line in zip(KEYS, lines):
        prefix = f"# {key}: "
        if line.startswith(prefix):
            fields[key] = line[len(prefix):].strip()
    if list(fields) != KEYS:
        bad.append(f"{name}: the first four lines must be the {', '.join(KEYS)} header")
        continue
    line = int(fields["expect-line"])
    if not 1 <= line <= len(lines) or not lines[line - 1].strip():
        bad.append(f"{name}: expect-line {line} is not a non-empty line")
    kinds = {k.strip() for k in fields["kind"].split("|")}
    if not kinds <= KINDS:
        bad.append(f"{name}: unknown kind(s) {sorted(kinds - KINDS)}")
    if fields["when"] not in ("compile", "run"):
        bad.append(f"{name}: `when` must be compile or run")
    proc = subprocess.run([sys.executable, name], cwd=HERE, capture_output=True, timeout=30)
    if proc.returncode != 0:
        bad.append(f"{name}: CPython exited {proc.returncode}: {proc.stderr.decode()!r}")
if bad:
    sys.exit("\n".join(bad))
print(f"unsupported_v2: {len(names)} programs run under CPython and carry valid headers")
