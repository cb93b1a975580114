#!/usr/bin/env python3
"""Regenerate the CPython expectations of MiniPy v2's staging corpus.

This is ``threading/tests/programs/regen.py`` (the live corpus's script)
adapted to the staging directory; the file format is the same, so a program
and its expectation files can be moved into ``tests/programs/`` unchanged
once MiniPy runs it.

For every ``NAME.py`` in this directory run ``python3 NAME.py`` with the
working directory set to this directory, so tracebacks and syntax errors name
the file as ``File "NAME.py"``, and write:

* ``NAME.stdout`` -- the exact bytes CPython wrote to stdout;
* ``NAME.status`` -- the exit code as decimal text and a trailing newline;
* ``NAME.stderr`` -- the exact bytes written to stderr, but only when the exit
  code is non-zero or stderr is non-empty (a thread's uncaught exception or a
  ``logging`` call writes to stderr and still exits 0); otherwise a stale
  ``NAME.stderr`` is deleted.

Files that are not programs: this script, ``check_minipy.py``, and helper
modules whose name starts with ``_`` (``_shapes.py``): a program imports them
as a sibling ``.py`` module (MINIPY.md: "importing a ``.py`` module that sits
beside the program"); they have no expectation files of their own.

Path normalisation (the only change made to CPython's bytes): this
directory's absolute path plus ``/`` is removed (``File "NAME.py"``) and
CPython's standard-library directory plus ``/`` becomes ``<stdlib>/``.

Determinism: each program runs ``--runs N`` times (default 3; 30 s timeout
each). Half the runs (rounded down) use the oracle environment as it is
(stdout redirected, so block-buffered) and the other half add
``PYTHONUNBUFFERED=1`` (what these machines set: every ``print`` is two
writes, each of which may let another thread in). If stdout, stderr or the
exit status differ between any two runs the script stops with an error
instead of committing a flaky expectation. Before adding programs run
``regen.py --check --runs 20``.

Usage (from the repository root):

    python3 threading/tests/programs_v2/regen.py                 # rewrite all expectations
    python3 threading/tests/programs_v2/regen.py --check         # compare only, exit 1 on any difference
    python3 threading/tests/programs_v2/regen.py --runs 20 c10_class_basic g05_generator_send.py
    python3 threading/tests/programs_v2/regen.py --readme        # only rewrite README.md's table

``--readme`` (also done after every full regeneration) rewrites the table of
README.md between its ``<!-- table -->`` markers from each program's leading
``# Checks:`` comment, its area prefix and its committed exit status.

The oracle is CPython 3.11; another version is refused unless
``--any-version`` is given (float formatting, error messages and thread names
differ between versions).
"""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
NOT_PROGRAMS = {"regen.py", "check_minipy.py"}
DEFAULT_RUNS = 3
TIMEOUT_S = 30
ORACLE = "python3"


def is_program(fname):
    """A staged program: NAME.py, not a script of this directory, not a `_helper.py` module."""
    return fname.endswith(".py") and fname not in NOT_PROGRAMS and not fname.startswith("_")


def oracle_env(unbuffered):
    """The environment for the oracle: ours minus every PYTHON* knob that could change output."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    return env


def oracle_query(code):
    out = subprocess.run([ORACLE, "-c", code], capture_output=True, check=True)
    return out.stdout.decode().strip()


_STDLIB = []


def oracle_stdlib():
    if not _STDLIB:
        _STDLIB.append(oracle_query("import sysconfig; print(sysconfig.get_paths()['stdlib'])"))
    return _STDLIB[0]


def normalise(data):
    """Strip machine-specific path prefixes (see the module docstring)."""
    data = data.replace(os.fsencode(HERE + os.sep), b"")
    return data.replace(os.fsencode(oracle_stdlib() + os.sep), b"<stdlib>/")


def run_once(name, unbuffered):
    """Run NAME.py once and return (stdout bytes, stderr bytes, exit code)."""
    try:
        proc = subprocess.run(
            [ORACLE, name],
            cwd=HERE,
            env=oracle_env(unbuffered),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        sys.exit(f"regen: {name} did not finish within {TIMEOUT_S} s")
    return normalise(proc.stdout), normalise(proc.stderr), proc.returncode


def expectation(name, runs):
    """Run NAME.py `runs` times (buffered, then unbuffered); return the agreed result or exit loudly."""
    first = run_once(name, unbuffered=False)
    for attempt in range(2, runs + 1):
        unbuffered = attempt > runs // 2
        again = run_once(name, unbuffered)
        for label, a, b in zip(("stdout", "stderr", "exit status"), first, again):
            if a != b:
                mode = "unbuffered" if unbuffered else "buffered"
                sys.exit(
                    f"regen: {name} is not deterministic: {label} of run 1 and run {attempt} ({mode}) differ\n"
                    f"run 1: {a!r}\nrun {attempt}: {b!r}"
                )
    return first


def read_or_none(path):
    if not os.path.exists(path):
        return None
    with open(path, "rb") as f:
        return f.read()


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


AREAS = {
    "l": "Source and lexing",
    "c": "Classes and the object model",
    "f": "Functions: closures, lambda, decorators, parameters",
    "g": "Generators, comprehensions, coroutines",
    "n": "Numbers: big ints, floats, hashing",
    "v": "Values and builtins",
    "x": "Statements",
    "e": "Errors, tracebacks, exit codes",
    "t": "threading",
    "q": "queue",
    "cf": "concurrent.futures",
    "r": "random",
    "lg": "logging",
    "m": "time, sys, os and the other modules",
    "net": "socket",
    "p": "Tutorial-style programs",
}


def area_of(fname):
    return fname.split("_")[0].rstrip("0123456789")


def checks_comment(path):
    """The leading `# Checks:` comment of a program, joined into one line."""
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    text = []
    for line in lines:
        if not line.startswith("#"):
            break
        body = line[1:].strip()
        if not text and not body.startswith("Checks"):
            continue
        text.append(body)
    joined = " ".join(text)
    for prefix in ("Checks:", "Checks"):
        if joined.startswith(prefix):
            joined = joined[len(prefix):].strip()
            break
    return joined.replace("|", "\\|")


def write_readme(programs):
    path = os.path.join(HERE, "README.md")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    start, end = "<!-- table -->", "<!-- /table -->"
    if start not in text or end not in text:
        sys.exit("regen: README.md lacks the <!-- table --> markers")
    rows = ["| file | area | exit | checks |", "|------|------|------|--------|"]
    for prog in programs:
        status = (read_or_none(os.path.join(HERE, prog[:-3] + ".status")) or b"?").decode().strip()
        area = AREAS.get(area_of(prog), "?")
        rows.append(f"| `{prog}` | {area} | {status} | {checks_comment(os.path.join(HERE, prog))} |")
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + start + "\n" + "\n".join(rows) + "\n" + end + tail)


def parse_args(argv):
    check = "--check" in argv
    any_version = "--any-version" in argv
    runs = DEFAULT_RUNS
    wanted = []
    rest = iter(argv)
    for arg in rest:
        if arg == "--runs":
            runs = int(next(rest, "0"))
        elif not arg.startswith("--"):
            wanted.append(arg)
    if runs < 1:
        sys.exit("regen: --runs needs a positive number")
    return check, any_version, runs, wanted


def main(argv):
    check, any_version, runs, wanted = parse_args(argv)
    if "--readme" in argv:
        write_readme(sorted(f for f in os.listdir(HERE) if is_program(f)))
        print("regen: README.md table rewritten")
        return

    version = oracle_query("import sys; print('%d.%d' % sys.version_info[:2])")
    if version != "3.11" and not any_version:
        sys.exit(f"regen: the oracle must be CPython 3.11, found {version} (use --any-version to override)")

    programs = sorted(f for f in os.listdir(HERE) if is_program(f))
    if wanted:
        names = {w if w.endswith(".py") else w + ".py" for w in wanted}
        missing = names - set(programs)
        if missing:
            sys.exit(f"regen: no such program(s): {', '.join(sorted(missing))}")
        programs = [p for p in programs if p in names]

    mismatches = []
    for prog in programs:
        stem = prog[:-3]
        out, err, status = expectation(prog, runs)
        want = {
            stem + ".stdout": out,
            stem + ".status": f"{status}\n".encode(),
            stem + ".stderr": err if (status != 0 or err) else None,
        }
        for fname, data in want.items():
            path = os.path.join(HERE, fname)
            have = read_or_none(path)
            if have == data:
                continue
            if check:
                mismatches.append(fname)
            elif data is None:
                os.remove(path)
            else:
                write(path, data)
        print(f"{prog}: exit {status}, {len(out)} bytes stdout, {len(err)} bytes stderr")

    if check and mismatches:
        sys.exit("regen --check: expectations out of date: " + ", ".join(mismatches))
    if not check and not wanted:
        write_readme(programs)
    verb = "checked" if check else "regenerated"
    print(f"regen: {len(programs)} programs {verb} with CPython {version}, {runs} runs each")


if __name__ == "__main__":
    main(sys.argv[1:])
