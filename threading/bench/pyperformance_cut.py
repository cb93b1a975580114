#!/usr/bin/env python3
"""Cut the pyperf harness out of 13 pyperformance benchmark files.

MINIPY.md's yardstick is "the benchmark files of pyperformance (nbody,
spectral_norm, fannkuch, float, nqueens, richards, deltablue, raytrace, go,
hexiom, generators, coroutines, unpack_sequence — their code unmodified, the
pyperf harness aside)". Those files are not ours to commit, so this script
(the project's own code; it contains none of the benchmarks' code) turns
each ``bm_NAME/run_benchmark.py`` of an installed or unpacked pyperformance
into a standalone ``NAME.py`` that both CPython and MiniPy run as a plain
program.

What the cut does to a file, and nothing else:

1. ``import pyperf`` becomes ``import time as pyperf``: the only pyperf name
   the benchmark bodies use is ``pyperf.perf_counter()``, which is
   ``time.perf_counter``.
2. The ``add_cmdline_args`` hook (pyperf's argparse plumbing) is removed.
3. The ``if __name__ == "__main__":`` block (``Runner``, ``metadata``,
   ``argparser``, ``bench_func``/``bench_time_func``) is replaced by a driver
   that calls the benchmark function directly with a fixed work size, then
   prints one deterministic line that depends on the computation, so that
   "runs with CPython's output" means something. Where the benchmark returns
   or leaves a result the line shows it; where it discards its result, the
   driver observes it without copying benchmark code: it rebinds a module
   global the benchmark looks up at call time to a thin recording wrapper
   (spectral_norm's ``eval_AtA_times_u``, nqueens' ``n_queens``,
   raytrace's ``Canvas``, generators' ``tree``) or calls a benchmark
   function once more on a small input (coroutines' ``fibonacci(20)``).
   deltablue, hexiom and unpack_sequence check themselves (they print or
   raise on a wrong answer) or compute nothing observable; their line says
   that the run completed.

Every other line of the benchmark file is kept byte for byte.

Work sizes (loops = calls of the bench function; the benchmark's own
parameters keep their pyperformance defaults unless said otherwise), chosen
so CPython 3.11 takes roughly 0.2-1 s per program. CPython times are
whole-process wall times of two ``--verify`` runs on this 2-core machine
while other engineers compiled (load average about 11, so noisy: read them
as +-30 %):

    name             work size                                       CPython 3.11
    nbody            loops=1, iterations=20000 (default)             0.73-0.77 s
    spectral_norm    loops=1, DEFAULT_N=130 (default)                0.78-0.84 s
    fannkuch         loops=1, n=8 (default 9 takes about 2.5 s)      0.41 s
    float            loops=1, POINTS=100000 (default)                0.71-0.95 s
    nqueens          loops=1, queen_count=8 (default)                0.72-0.91 s
    richards         loops=2, Richards().run(1) per loop             0.84-0.88 s
    deltablue        loops=8, n=100 (default)                        about 0.5 s
    raytrace         loops=1, 50x50 (default 100x100 about 2.5 s)    0.65-0.68 s
    go               loops=1, versus_cpu() (GAMES=200, default)      1.07-1.12 s
    hexiom           loops=1, level 25 (default)                     0.28-0.31 s
    generators       loops=1, tree of 100000 (default)               2.28-2.31 s (*)
    coroutines       loops=2, fibonacci(25) per loop                 0.52-0.61 s
    unpack_sequence  loops=2500 (x 400 unpackings x 2 kinds)         0.40-0.51 s

(*) generators cannot go lower without changing the benchmark: one call
builds the 100000-node tree (most of the time) before walking it once, and
the driver's check walks it once more.

Usage:

    python3 threading/bench/pyperformance_cut.py OUTDIR [--benchmarks DIR] [--verify [--minipy BIN]] [NAME ...]

``--benchmarks DIR`` is pyperformance's ``data-files/benchmarks`` directory
(default: found through the installed ``pyperformance`` package, i.e. after
``pip install pyperformance``). ``--verify`` runs every cut program twice
under ``python3``, checks that the output is identical and non-empty, and
prints the wall time of each run; with ``--minipy BIN`` it also runs each
program once under that binary and reports whether its stdout and exit
status equal CPython's, with both times (a quick count of MINIPY.md's
"pyperformance files that run with CPython's output"; the crate's bench does
the careful median-of-3 timing). Exit status: 0 when every requested
benchmark was cut (and verified), 1 otherwise.

What the cut programs need of MiniPy beyond classes, generators and floats
(from reading them): generators imports ``collections.abc.Iterator`` (for
annotations only) and uses ``from __future__ import annotations``; raytrace
imports ``array`` (typecode ``'B'``); go needs ``random.seed(1)`` and
``random.randrange`` bit-exact with CPython (its answer depends on them);
hexiom uses ``io.StringIO``, ``print(..., file=)`` and ``%``-formatting; float uses ``__slots__``
and ``%s`` of floats; fannkuch uses slice assignment; coroutines drives
``async def``/``await`` with ``send``; nbody unpacks nested tuples and lists
in ``for`` targets; the drivers add a class subclassing a benchmark class
(raytrace), ``global`` rebinding (generators) and ``StopIteration.value``
(coroutines).

The threading crate's ``examples/bench.rs`` is meant to call this script,
then time ``minipy OUTDIR/NAME.py`` against ``python3 OUTDIR/NAME.py``.
"""

import ast
import os
import subprocess
import sys
import time

BENCHMARKS = [
    "nbody", "spectral_norm", "fannkuch", "float", "nqueens", "richards", "deltablue",
    "raytrace", "go", "hexiom", "generators", "coroutines", "unpack_sequence",
]

# The driver that replaces each file's `if __name__ == "__main__":` block. `{loops}` is the
# work size of WORK below. Each driver is the project's own code: it only calls functions
# and reads names the benchmark defines.
DRIVERS = {
    "nbody": """
bench_nbody({loops}, DEFAULT_REFERENCE, DEFAULT_ITERATIONS)
print("nbody: energy after the run", report_energy())
""",
    "spectral_norm": """
_last_product = []
_benchmark_eval_AtA_times_u = eval_AtA_times_u


def eval_AtA_times_u(u):
    # Recording wrapper: the benchmark discards its vectors, the driver keeps the last one.
    result = _benchmark_eval_AtA_times_u(u)
    _last_product.append(result)
    return result


bench_spectral_norm({loops})
print("spectral_norm: sum of the last A^T A u", sum(_last_product[-1]))
""",
    "fannkuch": """
# n = DEFAULT_ARG - 1 (8, not 9): one call at n = 9 takes CPython about 2.5 s.
for _ in range({loops}):
    flips = fannkuch(DEFAULT_ARG - 1)
print("fannkuch: max flips for n =", DEFAULT_ARG - 1, "is", flips)
""",
    "float": """
for _ in range({loops}):
    best = benchmark(POINTS)
print("float: maximum point", best)
""",
    "nqueens": """
_solutions = []
_benchmark_n_queens = n_queens


def n_queens(queen_count):
    # Recording wrapper around the benchmark's generator.
    _solutions.clear()
    for solution in _benchmark_n_queens(queen_count):
        _solutions.append(solution)
        yield solution


for _ in range({loops}):
    bench_n_queens(8)
print("nqueens: 8 queens have", len(_solutions), "solutions, the first is", _solutions[0])
""",
    "richards": """
richard = Richards()
for _ in range({loops}):
    ok = richard.run(1)
print("richards: self-check passed:", ok)
""",
    "deltablue": """
for _ in range({loops}):
    delta_blue(100)
print("deltablue: chain and projection tests ran for n = 100 (they print on failure)")
""",
    "raytrace": """
_canvases = []
_BenchmarkCanvas = Canvas


class Canvas(_BenchmarkCanvas):
    # Recording subclass: the benchmark renders into a local canvas and drops it.
    def __init__(self, width, height):
        super().__init__(width, height)
        _canvases.append(self)


# 50 x 50 (not the default 100 x 100, which takes CPython about 2.5 s).
bench_raytrace({loops}, DEFAULT_WIDTH // 2, DEFAULT_HEIGHT // 2, None)
_pixels = _canvases[-1].bytes
print("raytrace: pixel bytes", len(_pixels), "sum", sum(_pixels), "weighted", sum(i * b for i, b in enumerate(_pixels)) % 1000003)
""",
    "go": """
for _ in range({loops}):
    move = versus_cpu()
print("go: the computer plays", move)
""",
    "hexiom": """
main({loops}, DEFAULT_LEVEL)
print("hexiom: level", DEFAULT_LEVEL, "solved as expected (main() raises otherwise)")
""",
    "generators": """
_roots = []
_benchmark_tree = tree


def _recording_tree(input):
    # Recording wrapper for the outermost call only: while the benchmark's own tree()
    # recurses, the global name points back at it, so the build costs what it always did.
    global tree
    tree = _benchmark_tree
    try:
        root = _benchmark_tree(input)
    finally:
        tree = _recording_tree
    _roots.append(root)
    return root


tree = _recording_tree
bench_generators({loops})
print("generators: the in-order walk of the", len(range(100000)), "node tree sums to", sum(_roots[-1]))
""",
    "coroutines": """
bench_coroutines({loops})
_probe = fibonacci(20)
try:
    while True:
        _probe.send(None)
except StopIteration as _stop:
    print("coroutines: fibonacci(20) through awaits is", _stop.value)
""",
    "unpack_sequence": """
bench_all({loops})
print("unpack_sequence: {loops} loops of 400 tuple and 400 list unpackings ran")
""",
}

# Work size per benchmark: loops of the direct call (see the docstring's table).
WORK = {
    "nbody": 1,
    "spectral_norm": 1,
    "fannkuch": 1,
    "float": 1,
    "nqueens": 1,
    "richards": 2,
    "deltablue": 8,
    "raytrace": 1,
    "go": 1,
    "hexiom": 1,
    "generators": 1,
    "coroutines": 2,
    "unpack_sequence": 2500,
}


def find_benchmarks_dir(explicit):
    if explicit:
        return explicit
    try:
        import pyperformance
    except ImportError:
        sys.exit("pyperformance_cut: pass --benchmarks DIR or `pip install pyperformance`")
    return os.path.join(os.path.dirname(pyperformance.__file__), "data-files", "benchmarks")


def harness_spans(source):
    """Line spans (1-based, inclusive) of the harness parts of a benchmark file.

    Returns (import_line, spans_to_delete): the line of the top-level `import pyperf`
    and the spans of `def add_cmdline_args` and of the top-level
    `if __name__ == "__main__":` block.
    """
    tree = ast.parse(source)
    import_line = None
    delete = []
    for node in tree.body:
        if isinstance(node, ast.Import) and [a.name for a in node.names] == ["pyperf"]:
            import_line = node.lineno
        elif isinstance(node, ast.FunctionDef) and node.name == "add_cmdline_args":
            delete.append((node.lineno, node.end_lineno))
        elif (isinstance(node, ast.If) and isinstance(node.test, ast.Compare)
              and isinstance(node.test.left, ast.Name) and node.test.left.id == "__name__"):
            delete.append((node.lineno, node.end_lineno))
    return import_line, delete


def cut(name, source):
    """The standalone program for benchmark `name` (see the module docstring)."""
    import_line, delete = harness_spans(source)
    if import_line is None or not any(True for _ in delete):
        raise ValueError(f"{name}: no `import pyperf` or no `if __name__ == '__main__':` block found")
    lines = source.split("\n")
    out = []
    for number, line in enumerate(lines, start=1):
        if number == import_line:
            out.append("import time as pyperf  # cut: pyperf's harness removed, perf_counter kept")
        elif any(start <= number <= end for start, end in delete):
            continue
        else:
            out.append(line)
    while out and not out[-1].strip():
        out.pop()
    driver = DRIVERS[name].format(loops=WORK[name])
    header = (f"\n\n# --- cut by threading/bench/pyperformance_cut.py: direct call, "
              f"work size loops={WORK[name]} ---")
    program = "\n".join(out) + header + driver
    leftover = [w for w in ("Runner", "bench_func", "bench_time_func", "argparser", "metadata")
                if w in program.split(header)[0]]
    if leftover:
        raise ValueError(f"{name}: harness names left after the cut: {leftover}")
    return program


def run_program(interpreter, path):
    start = time.perf_counter()
    try:
        proc = subprocess.run([interpreter, os.path.basename(path)], cwd=os.path.dirname(path),
                              capture_output=True, timeout=600)
    except subprocess.TimeoutExpired:
        proc = None
    return proc, time.perf_counter() - start


def compare_minipy(minipy, path, cpython):
    """One MiniPy run of `path` against CPython's completed process: a short verdict."""
    proc, seconds = run_program(minipy, path)
    if proc is None:
        return f"minipy TIMEOUT after {seconds:.0f} s"
    if proc.returncode == cpython.returncode and proc.stdout == cpython.stdout:
        return f"minipy same output in {seconds:.2f} s"
    last = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip().split("\n")[-1][:100]
    return f"minipy DIFFERS (exit {proc.returncode}, {seconds:.2f} s): {last}"


def verify(path, minipy=None):
    """Run `path` twice under CPython (and once under `minipy`); return (ok, message)."""
    first, t1 = run_program(sys.executable, path)
    second, t2 = run_program(sys.executable, path)
    if first is None or second is None:
        return False, "CPython timed out"
    if first.returncode != 0:
        return False, f"exit {first.returncode}: {first.stderr.decode()[-400:]}"
    if not first.stdout.strip():
        return False, "printed nothing"
    if (first.stdout, first.stderr) != (second.stdout, second.stderr):
        return False, "output differs between two runs"
    last = first.stdout.decode().strip().split("\n")[-1]
    message = f"{t1:.2f} s, {t2:.2f} s | {last}"
    if minipy:
        message += "\n" + " " * 20 + compare_minipy(minipy, path, first)
    return True, message


def main(argv):
    args = list(argv)
    if not args or args[0].startswith("-"):
        sys.exit(__doc__)
    outdir = args.pop(0)
    explicit, do_verify, minipy, wanted = None, False, None, []
    while args:
        arg = args.pop(0)
        if arg == "--benchmarks":
            explicit = args.pop(0) if args else sys.exit("--benchmarks needs a directory")
        elif arg == "--verify":
            do_verify = True
        elif arg == "--minipy":
            minipy = os.path.abspath(args.pop(0)) if args else sys.exit("--minipy needs a binary")
        else:
            wanted.append(arg)
    unknown = [w for w in wanted if w not in BENCHMARKS]
    if unknown:
        sys.exit(f"pyperformance_cut: unknown benchmark(s) {unknown}; known: {BENCHMARKS}")
    bench_dir = find_benchmarks_dir(explicit)
    os.makedirs(outdir, exist_ok=True)
    failed = 0
    for name in wanted or BENCHMARKS:
        src_path = os.path.join(bench_dir, f"bm_{name}", "run_benchmark.py")
        try:
            with open(src_path, encoding="utf-8") as f:
                program = cut(name, f.read())
        except (OSError, ValueError, SyntaxError) as e:
            print(f"{name:16} FAILED to cut: {e}")
            failed += 1
            continue
        out_path = os.path.join(os.path.abspath(outdir), f"{name}.py")
        with open(out_path, "w", encoding="utf-8") as f:
            f.write(program)
        if do_verify:
            ok, message = verify(out_path, minipy)
            failed += not ok
            print(f"{name:16} {'ok' if ok else 'FAILED'}: {message}")
        else:
            print(f"{name:16} -> {out_path}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main(sys.argv[1:])
