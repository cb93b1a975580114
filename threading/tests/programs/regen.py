#!/usr/bin/env python3
"""Regenerate the CPython expectations of the MiniPy differential corpus.

For every ``NAME.py`` in this directory (except this script) run
``python3 NAME.py`` with the working directory set to this directory, so
tracebacks and syntax errors name the file as ``File "NAME.py"``, and write:

* ``NAME.stdout`` -- the exact bytes CPython wrote to stdout;
* ``NAME.status`` -- the exit code as decimal text and a trailing newline;
* ``NAME.stderr`` -- the exact bytes written to stderr, but only when the exit
  code is non-zero or stderr is non-empty (an uncaught exception inside a
  thread prints to stderr and still exits 0); otherwise a stale
  ``NAME.stderr`` is deleted.

Path normalisation (the only change made to CPython's bytes): CPython 3.9+
makes the script path absolute, so tracebacks would say
``File "/checkout/.../programs/NAME.py"``. Every occurrence of this
directory's absolute path plus ``/`` is removed (giving ``File "NAME.py"``),
and CPython's standard-library directory plus ``/`` is replaced by
``<stdlib>/`` (the ``threading.py`` frames of a thread's exception report),
so the expectations do not depend on where the checkout or Python lives.

Each program runs three times (30 s timeout each); if stdout, stderr or the
exit status differ between runs the script stops with an error instead of
committing a flaky expectation.

Usage (from the repository root):

    python3 threading/tests/programs/regen.py           # rewrite all expectations
    python3 threading/tests/programs/regen.py --check   # compare only, exit 1 on any difference
    python3 threading/tests/programs/regen.py 12_conversions 50_threads_join.py   # just these

The oracle is CPython 3.11; another version is refused unless
``--any-version`` is given (float formatting, error messages and thread names
differ between versions).
"""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SELF = os.path.basename(os.path.abspath(__file__))
RUNS = 3
TIMEOUT_S = 30
ORACLE = "python3"


def oracle_env():
    """The environment for the oracle: ours minus every PYTHON* knob that could change output."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def oracle_version():
    out = subprocess.run(
        [ORACLE, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
        capture_output=True,
        check=True,
    )
    return out.stdout.decode().strip()


def oracle_stdlib():
    out = subprocess.run(
        [ORACLE, "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"],
        capture_output=True,
        check=True,
    )
    return out.stdout.decode().strip()


def normalise(data, stdlib):
    """Strip machine-specific path prefixes (see the module docstring)."""
    data = data.replace(os.fsencode(HERE + os.sep), b"")
    return data.replace(os.fsencode(stdlib + os.sep), b"<stdlib>/")


def run_once(name):
    """Run NAME.py once and return (stdout bytes, stderr bytes, exit code)."""
    try:
        proc = subprocess.run(
            [ORACLE, name],
            cwd=HERE,
            env=oracle_env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        sys.exit(f"regen: {name} did not finish within {TIMEOUT_S} s")
    stdlib = oracle_stdlib_cached()
    return normalise(proc.stdout, stdlib), normalise(proc.stderr, stdlib), proc.returncode


_STDLIB = []


def oracle_stdlib_cached():
    if not _STDLIB:
        _STDLIB.append(oracle_stdlib())
    return _STDLIB[0]


def expectation(name):
    """Run NAME.py RUNS times; return the agreed (stdout, stderr, status) or exit loudly."""
    first = run_once(name)
    for attempt in range(2, RUNS + 1):
        again = run_once(name)
        for label, a, b in zip(("stdout", "stderr", "exit status"), first, again):
            if a != b:
                sys.exit(
                    f"regen: {name} is not deterministic: {label} of run 1 and run {attempt} differ\n"
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


def main(argv):
    check = "--check" in argv
    any_version = "--any-version" in argv
    wanted = [a for a in argv if not a.startswith("--")]

    version = oracle_version()
    if version != "3.11" and not any_version:
        sys.exit(f"regen: the oracle must be CPython 3.11, found {version} (use --any-version to override)")

    programs = sorted(
        f for f in os.listdir(HERE) if f.endswith(".py") and f != SELF
    )
    if wanted:
        names = {w if w.endswith(".py") else w + ".py" for w in wanted}
        missing = names - set(programs)
        if missing:
            sys.exit(f"regen: no such program(s): {', '.join(sorted(missing))}")
        programs = [p for p in programs if p in names]

    mismatches = []
    for prog in programs:
        stem = prog[:-3]
        out, err, status = expectation(prog)
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
    print(f"regen: {len(programs)} programs {'checked' if check else 'regenerated'} with CPython {version}")


if __name__ == "__main__":
    main(sys.argv[1:])
