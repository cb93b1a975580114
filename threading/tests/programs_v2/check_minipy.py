#!/usr/bin/env python3
"""Count how much of MiniPy v2's staging corpus a given `minipy` binary passes.

Runs every staged program (``NAME.py`` with its ``NAME.stdout``,
``NAME.status`` and optional ``NAME.stderr``, written by ``regen.py``)
through ``MINIPY NAME.py`` with this directory as the working directory, and
prints one line per program plus a summary. A program's verdict:

* ``pass``       stdout, exit status and stderr byte-for-byte CPython's;
* ``pass-fair``  stdout and exit status exact; stderr equal once both sides
                 are reduced to the "fair" form the live corpus README
                 describes: keep ``Traceback ...``/``Exception in thread ...``/
                 ``During handling ...``/``The above exception ...`` lines,
                 the ``File "NAME.py", line N, in F`` frames of the program's
                 own files, and every other line that is not an echoed source
                 line or a ``^~`` marker line; drop ``<stdlib>`` frames (with
                 their echoed line) because MiniPy's library is its own code;
* ``fail``       stdout or exit status differ (the first differing line is shown);
* ``timeout``    no exit within ``--timeout`` seconds (default 60);
* ``crash``      killed by a signal, or stderr mentions a Rust panic.

It also checks the staged out-of-scope programs of ``../unsupported_v2``
(``--unsupported``): each must exit non-zero without crashing and write to
stderr one of the kinds, the construct and ``line N`` its header names; a
``when: compile`` program must also print nothing to stdout (the whole file
is compiled before it runs).

Usage (from the repository root, after ``cargo build --release -p threading``):

    python3 threading/tests/programs_v2/check_minipy.py target/x86_64-unknown-linux-gnu/release/minipy
    python3 threading/tests/programs_v2/check_minipy.py target/x86_64-unknown-linux-gnu/release/minipy c10 g05_generator_send
    python3 threading/tests/programs_v2/check_minipy.py target/x86_64-unknown-linux-gnu/release/minipy --as 3.9 --quiet
    python3 threading/tests/programs_v2/check_minipy.py target/x86_64-unknown-linux-gnu/release/minipy --unsupported

Name filters match a program when its name starts with the filter (``c1``
selects ``c10_...`` to ``c19_...``). ``--as PRESET`` is passed through to
minipy. ``--quiet`` prints only the failures and the summary. The exit code
is 0 when every selected program passes (exact or fair), 1 otherwise, so the
script can gate a CI step once the corpus is live.
"""

import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
UNSUPPORTED = os.path.join(os.path.dirname(HERE), "unsupported_v2")
NOT_PROGRAMS = {"regen.py", "check_minipy.py"}


def is_program(fname):
    return fname.endswith(".py") and fname not in NOT_PROGRAMS and not fname.startswith("_")


def read(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return None


FRAME = re.compile(r'^  File "([^"]*)", line \d+')
MARKER = re.compile(r"^\s*[\^~]+\s*$")
KEEP_HEADERS = (
    "Traceback (most recent call last):",
    "Exception in thread ",
    "During handling of the above exception",
    "The above exception was the direct cause",
)


def fair(stderr):
    """The fair form of a stderr text (see the module docstring)."""
    kept = []
    skip_echo = False
    for line in stderr.decode("utf-8", "replace").split("\n"):
        frame = FRAME.match(line)
        if frame:
            # A frame line: keep the program's own files, drop library frames.
            own = not frame.group(1).startswith("<")
            if own:
                kept.append(line)
            skip_echo = True
            continue
        if skip_echo and line.startswith("    "):
            # The source line echoed under a frame (and, next, its markers).
            continue
        skip_echo = False
        if MARKER.match(line):
            continue
        kept.append(line)
    return "\n".join(kept)


def first_difference(want, got):
    w = want.decode("utf-8", "replace").split("\n")
    g = got.decode("utf-8", "replace").split("\n")
    for i, (a, b) in enumerate(zip(w, g)):
        if a != b:
            return f"line {i + 1}: want {a!r}, got {b!r}"
    return f"want {len(w)} lines, got {len(g)} lines"


def run_minipy(minipy, prog, extra, timeout, cwd):
    try:
        proc = subprocess.run(
            [minipy, prog, *extra],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return None
    here = os.fsencode(cwd + os.sep)
    return proc.stdout.replace(here, b""), proc.stderr.replace(here, b""), proc.returncode


def verdict(minipy, prog, extra, timeout):
    """(verdict, detail) for one staged program."""
    stem = os.path.join(HERE, prog[:-3])
    want_out = read(stem + ".stdout")
    want_status = read(stem + ".status")
    if want_out is None or want_status is None:
        return "fail", "no expectation files: run regen.py"
    want_err = read(stem + ".stderr")
    got = run_minipy(minipy, prog, extra, timeout, HERE)
    if got is None:
        return "timeout", f"no exit within {timeout} s"
    out, err, status = got
    if status < 0 or b"panicked at" in err:
        return "crash", f"exit {status}: {err.decode('utf-8', 'replace')[-300:]!r}"
    if status != int(want_status):
        last = err.decode("utf-8", "replace").strip().split("\n")[-1:]
        return "fail", f"exit {status} (want {int(want_status)}); stderr ends {last!r}"
    if out != want_out:
        return "fail", "stdout " + first_difference(want_out, out)
    want_err = want_err or b""
    if err == want_err:
        return "pass", ""
    if fair(err) == fair(want_err):
        return "pass-fair", "stderr differs only in library frames, echo or markers"
    return "fail", "stderr " + first_difference(want_err, err)


def check_programs(minipy, filters, extra, timeout, quiet):
    programs = sorted(f for f in os.listdir(HERE) if is_program(f))
    if filters:
        programs = [p for p in programs if any(p.startswith(f) for f in filters)]
    counts = {}
    by_area = {}
    for prog in programs:
        kind, detail = verdict(minipy, prog, extra, timeout)
        counts[kind] = counts.get(kind, 0) + 1
        area = prog.split("_")[0].rstrip("0123456789") or "?"
        passed, total = by_area.get(area, (0, 0))
        by_area[area] = (passed + (kind.startswith("pass")), total + 1)
        if not (quiet and kind.startswith("pass")):
            print(f"{kind:9} {prog}" + (f"  -- {detail}" if detail else ""))
    passed = counts.get("pass", 0) + counts.get("pass-fair", 0)
    areas = ", ".join(f"{a} {p}/{t}" for a, (p, t) in sorted(by_area.items()))
    print(f"by area: {areas}")
    summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    print(f"check_minipy: {passed}/{len(programs)} pass ({summary})")
    return passed == len(programs)


def header(path):
    """The `# expect-line:`, `# construct:`, `# kind:` and `# when:` header of an out-of-scope program."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    fields = {}
    for line in lines[:4]:
        if line.startswith("# ") and ": " in line:
            key, value = line[2:].split(": ", 1)
            fields[key] = value.strip()
    return fields


def check_unsupported(minipy, timeout, quiet):
    names = sorted(f for f in os.listdir(UNSUPPORTED) if f.endswith(".py") and f != "check.py")
    good = 0
    for name in names:
        fields = header(os.path.join(UNSUPPORTED, name))
        got = run_minipy(minipy, name, [], timeout, UNSUPPORTED)
        problems = []
        if got is None:
            problems.append("timeout")
        else:
            out, err, status = got
            text = err.decode("utf-8", "replace")
            if status == 0:
                problems.append("accepted (exit 0)")
            if status < 0 or "panicked at" in text:
                problems.append(f"crashed (exit {status})")
            if out and fields.get("when") == "compile":
                problems.append(f"printed {out[:60]!r} before refusing")
            kinds = [k.strip() for k in fields.get("kind", "").split("|")]
            if not any(k and k in text for k in kinds):
                problems.append(f"stderr names none of {kinds}")
            if fields.get("construct", "?") not in text:
                problems.append(f"stderr does not name {fields.get('construct')!r}")
            if f"line {fields.get('expect-line', '?')}" not in text:
                problems.append(f"stderr does not name line {fields.get('expect-line')}")
        if problems:
            print(f"fail      {name}  -- {'; '.join(problems)}")
        else:
            good += 1
            if not quiet:
                print(f"refused   {name}")
    print(f"check_minipy --unsupported: {good}/{len(names)} refused clearly")
    return good == len(names)


def main(argv):
    if not argv or argv[0].startswith("-"):
        sys.exit(__doc__)
    minipy = os.path.abspath(argv[0])
    extra, filters = [], []
    timeout, quiet, unsupported = 60, False, False
    rest = iter(argv[1:])
    for arg in rest:
        if arg == "--as":
            extra += ["--as", next(rest, "3.12")]
        elif arg == "--timeout":
            timeout = float(next(rest, "60"))
        elif arg == "--quiet":
            quiet = True
        elif arg == "--unsupported":
            unsupported = True
        else:
            filters.append(arg[:-3] if arg.endswith(".py") else arg)
    ok = check_unsupported(minipy, timeout, quiet) if unsupported else check_programs(
        minipy, filters, extra, timeout, quiet
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main(sys.argv[1:])
