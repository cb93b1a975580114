#!/usr/bin/env python3
"""Check the out-of-scope corpus against CPython: every program here must run under
python3 with exit code 0 (it is valid Python), start with `# expect-line: N` and
`# construct: NAME`, and line N must exist. Run: python3 threading/tests/unsupported/check.py"""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
bad = []
names = sorted(f for f in os.listdir(HERE) if f.endswith(".py") and f != "check.py")
for name in names:
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        lines = f.read().split("\n")
    if not lines[0].startswith("# expect-line: ") or not lines[1].startswith("# construct: "):
        bad.append(f"{name}: missing `# expect-line:` / `# construct:` header")
        continue
    line = int(lines[0][len("# expect-line: "):])
    if not 1 <= line <= len(lines) or not lines[line - 1].strip():
        bad.append(f"{name}: expect-line {line} is not a non-empty line")
    proc = subprocess.run(["python3", name], cwd=HERE, capture_output=True, timeout=30)
    if proc.returncode != 0:
        bad.append(f"{name}: CPython exited {proc.returncode}: {proc.stderr.decode()!r}")
if bad:
    sys.exit("\n".join(bad))
print(f"unsupported: {len(names)} programs run under CPython and carry valid headers")
