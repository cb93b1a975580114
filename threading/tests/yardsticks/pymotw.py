#!/usr/bin/env python3
"""PyMOTW-3 yardstick: how many of PyMOTW-3's thread examples MiniPy runs as CPython does.

Given a PyMOTW-3 checkout's ``source/`` directory and a ``minipy`` binary, run
every example listed in EXAMPLES under ``python3`` (several times) and under
``minipy``, and classify each one:

* ``identical``  MiniPy's stdout, stderr and exit status equal those of one of
                 CPython's runs, byte for byte (after path normalisation);
* ``scheduling`` not identical, but the same exit status and, for stdout and
                 stderr separately, the same *multiset of lines* once
                 run-dependent values are masked (see "How the line is drawn"),
                 or, for stdout, the same *multiset of write() calls* (below);
                 the program's output depends on thread scheduling or on
                 timing, and MiniPy produced a legal variant of it;
* ``fails``      anything else: a different exit status, missing or extra
                 lines, an error MiniPy raised (a refused construct, a
                 traceback), a timeout or a crash.

How the line is drawn between "scheduling" and "fails". PyMOTW's examples are
written to *show* concurrency, so many print in an order that depends on which
thread runs first (``threading_simple.py`` prints ``WorkerWorker`` when
``PYTHONUNBUFFERED=1`` makes each ``print`` two writes), or print values that
change from run to run (thread idents, ``time.time()`` differences, random
sleeps, object addresses in reprs such as ``<Future at 0x7f... state=...>``).
A MiniPy output counts as a scheduling/timing variant when, after masking

  - hexadecimal addresses ``0x...`` as ``0xADDR``,
  - every run of decimal digits as ``N`` (idents, times, counters, random draws),

the sorted list of stdout lines and the sorted list of stderr lines equal those
of a CPython run. Reordering whole lines and changing numbers is what
scheduling and timing can do; changing the words, the number of lines, or the
exit status is not.

Unbuffered prints split lines. Under ``PYTHONUNBUFFERED=1`` each ``print`` is
several ``write()`` calls (the text, ``sep``, ``end``), each releasing the GIL,
so two threads can interleave *inside* a line (``Processing job:Processing
job: Low-level job``) — CPython's own runs do it (``queue_priority.py``: 5 of
12 runs here). The line rule cannot see that as scheduling, so when it fails
with the exit status and stderr agreeing, both interpreters run once more under
``strace -e trace=write`` and the example counts as ``scheduling`` (note "write
interleaving") when MiniPy's ``write(1, ...)`` payloads and CPython's are the
same multiset after masking, and MiniPy's untraced stdout holds the same bytes
(as a multiset) as its traced writes: the same writes, in another order. This
also checks that MiniPy splits prints into writes exactly where CPython does.
CPython runs from its real executable (``sys.executable``, not a pyenv shim,
whose own shell writes would be traced). Without ``strace`` the step is skipped.

Two honest caveats: masking digits also hides a wrong
number, and sorting lines hides a wrong order that a program guaranteed; so
``identical`` is the claim of fidelity, ``scheduling`` only says "nothing but
order and numbers differ". For each example the report also says whether
CPython's own runs differed from each other (``cpython-varies``), which is the
evidence that the program is scheduling- or timing-dependent at all.

Which examples count (33): every example of ``source/threading/`` (23),
``source/queue/`` (3) and the thread-based examples of
``source/concurrent.futures/`` (7). Left out: ``queue/fetch_podcasts.py``
(downloads RSS feeds over the network with the third-party ``feedparser``:
not offline, not stdlib-only) and ``concurrent.futures/
futures_process_pool_map.py`` / ``futures_process_pool_broken.py`` (process
pools: multiprocessing, out of MiniPy's scope).

Both interpreters run with this directory's environment (these machines set
``PYTHONUNBUFFERED=1``; CPython's output for ``threading_simple.py`` depends
on it), the example's own directory as the working directory, and a timeout
(default 60 s).

Usage:

    python3 threading/tests/yardsticks/pymotw.py /work/yard/pymotw/source target/x86_64-unknown-linux-gnu/release/minipy
    python3 threading/tests/yardsticks/pymotw.py SOURCE MINIPY [--cpython-runs 3] [--timeout 60] [--json] [NAME ...]

``--json`` prints one JSON object (counts and per-example verdicts) instead of
the table. The summary also counts failing examples whose stdout and exit status
do match CPython's (only stderr differs: e.g. CPython's ``DeprecationWarning``
for ``getName()`` in ``threading_names.py``), for comparison with stdout-only
figures. For a ``cpython-varies`` example an exact match needs MiniPy's run to
equal one of CPython's runs, so raise ``--cpython-runs`` to make that fair. The script only reads the checkout; it copies nothing from it.
"""

import json
import os
import re
import subprocess
import sys
import tempfile

# (subdirectory of source/, example file): the 33 examples counted.
EXAMPLES = [
    ("threading", name + ".py") for name in [
        "threading_barrier", "threading_barrier_abort", "threading_condition",
        "threading_daemon", "threading_daemon_join", "threading_daemon_join_timeout",
        "threading_enumerate", "threading_event", "threading_local",
        "threading_local_defaults", "threading_lock", "threading_lock_noblock",
        "threading_lock_reacquire", "threading_lock_with", "threading_names",
        "threading_names_log", "threading_rlock", "threading_semaphore",
        "threading_simple", "threading_simpleargs", "threading_subclass",
        "threading_subclass_args", "threading_timer",
    ]
] + [
    ("queue", name + ".py") for name in ["queue_fifo", "queue_lifo", "queue_priority"]
] + [
    ("concurrent.futures", name + ".py") for name in [
        "futures_as_completed", "futures_context_manager", "futures_future_callback",
        "futures_future_callback_cancel", "futures_future_exception",
        "futures_thread_pool_map", "futures_thread_pool_submit",
    ]
]

# The examples deliberately not counted, with the reason (printed by --json for the record).
EXCLUDED = {
    "queue/fetch_podcasts.py": "network access and the third-party feedparser module",
    "concurrent.futures/futures_process_pool_map.py": "process pool (multiprocessing)",
    "concurrent.futures/futures_process_pool_broken.py": "process pool (multiprocessing)",
}

ADDRESS = re.compile(rb"0x[0-9a-fA-F]+")
DIGITS = re.compile(rb"[0-9]+")
# One write(2) on fd 1 in `strace -xx` output (every byte hex-escaped); a call cut by
# another thread's line ("<unfinished ...>") still shows its whole payload.
WRITE = re.compile(rb'write\(1, "((?:\\x[0-9a-f]{2})*)", \d+')


def stdlib_dir():
    out = subprocess.run(["python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"],
                         capture_output=True, check=True)
    return out.stdout.decode().strip()


def cpython_executable():
    out = subprocess.run(["python3", "-c", "import sys; print(sys.executable)"], capture_output=True, check=True)
    return out.stdout.decode().strip()


def run(argv, cwd, timeout, prefixes):
    """(stdout, stderr, status) with path prefixes normalised; status None on timeout."""
    try:
        proc = subprocess.run(argv, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        return e.stdout or b"", e.stderr or b"", None
    out, err = proc.stdout, proc.stderr
    for prefix, replacement in prefixes:
        out = out.replace(prefix, replacement)
        err = err.replace(prefix, replacement)
    return out, err, proc.returncode


def masked_lines(data):
    data = ADDRESS.sub(b"0xADDR", data)
    data = DIGITS.sub(b"N", data)
    return sorted(data.split(b"\n"))


def mask(data):
    return DIGITS.sub(b"N", ADDRESS.sub(b"0xADDR", data))


def traced_writes(argv, cwd, timeout, prefixes):
    """The payloads of the program's write(2) calls on fd 1 under strace, masked and sorted;
    None when strace is missing or the run times out."""
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "trace")
        try:
            subprocess.run(["strace", "-f", "-qq", "-e", "trace=write", "-e", "signal=none", "-xx",
                            "-s", "10000000", "-o", log] + argv,
                           cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
        except (FileNotFoundError, subprocess.TimeoutExpired):
            return None
        with open(log, "rb") as f:
            trace = f.read()
    writes = []
    for m in WRITE.finditer(trace):
        payload = bytes.fromhex(m.group(1).replace(b"\\x", b"").decode())
        for prefix, replacement in prefixes:
            payload = payload.replace(prefix, replacement)
        writes.append(mask(payload))
    return sorted(writes)


def same_writes_reordered(mini_stdout, minipy, cpython_exe, fname, cwd, timeout, prefixes):
    """True when MiniPy and CPython make the same write() calls on stdout (masked multiset)
    and MiniPy's untraced stdout holds the bytes of its traced writes (see the docstring)."""
    mine = traced_writes([minipy, fname], cwd, timeout, prefixes)
    theirs = traced_writes([cpython_exe, fname], cwd, timeout, prefixes)
    if mine is None or theirs is None or mine != theirs:
        return False
    return sorted(mask(mini_stdout)) == sorted(b"".join(mine))


def same_but_scheduling(a, b):
    """True when two runs differ only by line order and masked numbers (see the docstring)."""
    return a[2] == b[2] and masked_lines(a[0]) == masked_lines(b[0]) and masked_lines(a[1]) == masked_lines(b[1])


def first_difference(want, got):
    w, g = want.decode("utf-8", "replace").split("\n"), got.decode("utf-8", "replace").split("\n")
    for i, (a, b) in enumerate(zip(w, g)):
        if a != b:
            return f"line {i + 1}: CPython {a[:70]!r} / MiniPy {b[:70]!r}"
    return f"CPython {len(w)} lines / MiniPy {len(g)} lines"


def classify(source, minipy, subdir, fname, cpython_runs, timeout, stdlib, cpython_exe):
    cwd = os.path.join(source, subdir)
    prefixes = [(os.fsencode(cwd + os.sep), b""), (os.fsencode(stdlib + os.sep), b"<stdlib>/")]
    cpython = [run(["python3", fname], cwd, timeout, prefixes) for _ in range(cpython_runs)]
    varies = any(r != cpython[0] for r in cpython[1:])
    mini = run([minipy, fname], cwd, timeout, prefixes)
    stdout_exit = any((mini[0], mini[2]) == (r[0], r[2]) for r in cpython)
    record = {"example": f"{subdir}/{fname}", "cpython_varies": varies, "stdout_and_exit_match": stdout_exit}
    if mini[2] is None:
        return dict(record, verdict="fails", note=f"MiniPy timed out after {timeout} s")
    if mini in cpython:
        return dict(record, verdict="identical", note="")
    if any(same_but_scheduling(mini, r) for r in cpython):
        raw_same = any(sorted(mini[0].split(b"\n")) == sorted(r[0].split(b"\n"))
                       and sorted(mini[1].split(b"\n")) == sorted(r[1].split(b"\n")) for r in cpython)
        what = "line order only" if raw_same else "line order and/or run-dependent numbers"
        return dict(record, verdict="scheduling", note=what)
    ref = cpython[0]
    if (mini[2] == ref[2] and any(masked_lines(mini[1]) == masked_lines(r[1]) for r in cpython)
            and same_writes_reordered(mini[0], minipy, cpython_exe, fname, cwd, timeout, prefixes)):
        return dict(record, verdict="scheduling",
                    note="write interleaving: the same write() calls on stdout as CPython's (strace), "
                         "in another order")
    if mini[2] != ref[2]:
        tail = mini[1].decode("utf-8", "replace").strip().split("\n")[-1][:110]
        note = f"exit {mini[2]} (CPython {ref[2]}): {tail}"
    elif masked_lines(mini[0]) != masked_lines(ref[0]):
        note = "stdout " + first_difference(ref[0], mini[0])
    else:
        note = "stderr " + first_difference(ref[1], mini[1])
    return dict(record, verdict="fails", note=note)


def main(argv):
    args = list(argv)
    if len(args) < 2 or args[0].startswith("-"):
        sys.exit(__doc__)
    source, minipy = os.path.abspath(args.pop(0)), os.path.abspath(args.pop(0))
    cpython_runs, timeout, as_json, wanted = 3, 60.0, False, []
    while args:
        arg = args.pop(0)
        if arg == "--cpython-runs":
            cpython_runs = max(1, int(args.pop(0)))
        elif arg == "--timeout":
            timeout = float(args.pop(0))
        elif arg == "--json":
            as_json = True
        else:
            wanted.append(arg[:-3] if arg.endswith(".py") else arg)
    examples = [e for e in EXAMPLES if not wanted or e[1][:-3] in wanted]
    missing = [f"{d}/{f}" for d, f in examples if not os.path.exists(os.path.join(source, d, f))]
    if missing:
        sys.exit(f"pymotw: not in {source}: {', '.join(missing)}")
    stdlib = stdlib_dir()
    cpython_exe = cpython_executable()
    results = []
    for subdir, fname in examples:
        rec = classify(source, minipy, subdir, fname, cpython_runs, timeout, stdlib, cpython_exe)
        results.append(rec)
        if not as_json:
            flag = " (cpython-varies)" if rec["cpython_varies"] else ""
            print(f"{rec['verdict']:10} {rec['example']}{flag}" + (f"  -- {rec['note']}" if rec["note"] else ""),
                  flush=True)
    counts = {k: sum(r["verdict"] == k for r in results) for k in ("identical", "scheduling", "fails")}
    # Looser count, for comparison with figures that looked at stdout only: fails whose
    # stdout and exit status nevertheless equal a CPython run's (stderr differs).
    counts["fails_with_stdout_and_exit_match"] = sum(
        r["verdict"] == "fails" and r["stdout_and_exit_match"] for r in results)
    if as_json:
        print(json.dumps({"examples": len(results), **counts, "excluded": EXCLUDED, "results": results}, indent=1))
    else:
        print(f"pymotw: {len(results)} examples: {counts['identical']} identical, "
              f"{counts['scheduling']} differ only in scheduling/timing, {counts['fails']} fail "
              f"({counts['fails_with_stdout_and_exit_match']} of those match CPython's stdout and exit "
              f"status, differing on stderr)")


if __name__ == "__main__":
    main(sys.argv[1:])
