"""Validates MiniPy's pure-Python standard library against CPython 3.11.

MiniPy embeds its own `threading`, `queue`, `concurrent.futures`,
`logging`, `random`, ... written in Python (threading/src/modules/py/).
Each of them must run unchanged under CPython and behave as CPython's own
module does. This script checks that: every program runs twice under
python3,

    1. "cpython": with CPython's own modules (the oracle), and
    2. "ours":    with our modules found first on the import path,

and the two runs must agree byte for byte on stdout, stderr and the exit
code.

How "ours" shadows CPython's modules. Both runs go through this same file
in child mode (`python3 -S validate.py --child MODE TREE PROGRAM`), so they
differ only in where modules come from:
  - `-S` skips `site`, which would otherwise import threading, random,
    collections, functools ... before the program starts;
  - the child first imports CPython's Python-written "natives" (traceback,
    os: in both modes) so that they bind CPython's own helpers;
  - in "ours" mode it then forgets every module we provide and puts an
    import finder in front that serves our files from a temporary package
    tree (`concurrent.futures._base.py` becomes
    concurrent/futures/_base.py), `io` included, which CPython preloads.
    Our io module is given CPython's other io names (open ...), because
    the interpreter itself imports io to print source lines;
  - the program runs as `__main__` and a failing program's traceback is
    printed without the child's own frame, so it reads as under `python3
    PROGRAM`.

What is compared: stdout, stderr and the exit code, byte for byte, except
for one mask: in a traceback, a frame inside a standard-library module
differs by file path and line number by construction (and CPython splits
some modules into other files), so `File "...", line N,` of such frames is
masked on both sides. The function name and the source line printed under
it must still agree.

Usage:
    python3 validate.py                  # the programs in this directory
    python3 validate.py PROG.py ...      # chosen programs
    python3 validate.py --yardstick DIR  # someone else's examples: report only

The yardstick mode runs CPython several times (CPYTHON_RUNS): see
report_yardstick for how timing-dependent examples are compared.
Exit status: 0 when every program of this directory agrees, 1 otherwise.
Needs CPython 3.11 (other versions have other module behaviour): any other
version prints a note and exits 0.
"""

import sys

HERE_NAME = "validate.py"
TIMEOUT_S = 60
CPYTHON_RUNS = 4   # yardstick mode: how often CPython runs each example


# --- child mode: run one program with one set of modules ----------------------

def child(mode, tree, program, args):
    # Both modes preload CPython's Python-written "natives" first, so that
    # the two runs start from the same set of modules.
    import os, traceback  # noqa: F401
    if mode == "ours":
        _install_our_modules(tree)
    import builtins
    main = type(sys)("__main__")
    main.__file__ = program
    main.__builtins__ = builtins
    main.__cached__ = None
    sys.modules["__main__"] = main
    sys.argv = [program] + args
    sys.path[0] = _dirname(program)
    with open(program, "rb") as f:
        code = compile(f.read(), program, "exec")
    try:
        exec(code, main.__dict__)
    except SystemExit:
        raise
    except BaseException:
        exc_type, exc, tb = sys.exc_info()
        exc.__traceback__ = tb.tb_next  # hide this frame (the hook prints
        sys.excepthook(exc_type, exc, tb.tb_next)  # the exception's own)
        sys.exit(1)


def _dirname(path):
    head = path.rpartition("/")[0]
    return head or "."


def _install_our_modules(tree):
    import os
    import _frozen_importlib_external as external
    tops = set()
    for name in os.listdir(tree):
        tops.add(name[:-3] if name.endswith(".py") else name)
    real_io = sys.modules["io"]
    for name in list(sys.modules):
        if name.split(".")[0] in tops:
            del sys.modules[name]

    class OursFirst:
        """Finds our modules before the frozen and path finders do."""

        @classmethod
        def find_spec(cls, name, path=None, target=None):
            if name.split(".")[0] not in tops:
                return None
            return external.PathFinder.find_spec(name, path or [tree], target)

    sys.meta_path.insert(0, OursFirst)
    if "io" in tops:
        # The interpreter itself imports io (to show source lines in
        # tracebacks and warnings): our io.StringIO must not take away
        # CPython's io.open, so our io module gets CPython's other names.
        import io
        for name in dir(real_io):
            if not hasattr(io, name):
                setattr(io, name, getattr(real_io, name))


# --- parent mode ---------------------------------------------------------------

def build_tree(src_dir, dest):
    """Lays our `a.b.py` files out as the package tree a/b.py."""
    import os
    files = sorted(n for n in os.listdir(src_dir) if n.endswith(".py"))
    dotted = [n[:-3] for n in files]
    packages = {d.rsplit(".", 1)[0] for d in dotted if "." in d}
    for name in dotted:
        parts = name.split(".")
        if name in packages:
            target = os.path.join(dest, *parts, "__init__.py")
        else:
            target = os.path.join(dest, *parts[:-1], parts[-1] + ".py")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(os.path.join(src_dir, name + ".py"), "rb") as src:
            data = src.read()
        with open(target, "wb") as out:
            out.write(data)
    for package in packages:  # a package with no file of its own
        init = os.path.join(dest, *package.split("."), "__init__.py")
        if not os.path.exists(init):
            os.makedirs(os.path.dirname(init), exist_ok=True)
            open(init, "wb").close()


# A traceback line of a frame inside a standard-library module. Ours and
# CPython's modules differ there by path and line number by construction
# (and CPython splits some modules into several files); the function name
# and the source line printed below it must still agree.
STDLIB_FRAME = (rb'File "[^"]*(?:/lib/python3\.\d+|/minipy-stdlib-[^/"]+)/[^"]+", '
                rb'line \d+,')


def mask_stdlib_frames(stderr):
    import re
    return re.sub(STDLIB_FRAME, b'File "<stdlib>", line ?,', stderr)


class Outcome:
    """What one run printed and how it ended (standard-library frames in
    stderr masked, see STDLIB_FRAME)."""

    def __init__(self, stdout, stderr, code):
        self.stdout = stdout
        self.stderr = mask_stdlib_frames(stderr)
        self.code = code

    def same_as(self, other):
        return (self.stdout, self.stderr, self.code) == (
            other.stdout, other.stderr, other.code)


def run_child(mode, tree, program, cwd):
    import os, subprocess
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = "0"      # set/dict orders of str keys repeatable
    env["PYTHONUNBUFFERED"] = "1"
    env.pop("PYTHONPATH", None)
    cmd = [sys.executable, "-S", os.path.abspath(__file__), "--child", mode,
           tree, program]
    try:
        done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True,
                              timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired as e:
        return Outcome(e.stdout or b"", (e.stderr or b"") + b"\n[timed out]\n", None)
    return Outcome(done.stdout, done.stderr, done.returncode)


def normalise(text):
    """Masks what legitimately varies between runs of a timing-dependent
    program (numbers, addresses, line order)."""
    import re
    text = text.decode("utf-8", "replace")
    text = re.sub(r"0x[0-9a-fA-F]+", "0x?", text)
    text = re.sub(r"\d+(\.\d+)?", "N", text)
    return sorted(text.splitlines())


def describe_difference(name, want, got):
    import difflib
    lines = [f"--- {name}: CPython's modules vs ours"]
    if want.code != got.code:
        lines.append(f"exit code: {want.code} vs {got.code}")
    for stream in ("stdout", "stderr"):
        a = getattr(want, stream).decode("utf-8", "replace").splitlines()
        b = getattr(got, stream).decode("utf-8", "replace").splitlines()
        if a != b:
            lines.append(f"{stream}:")
            lines.extend(difflib.unified_diff(a, b, "cpython", "ours", lineterm="", n=2))
    return "\n".join(lines)


def main(argv):
    import os, tempfile
    from concurrent.futures import ThreadPoolExecutor
    if sys.version_info[:2] != (3, 11):
        print(f"validate.py: skipped, needs CPython 3.11 (this is "
              f"{sys.version.split()[0]}): our modules mirror 3.11's behaviour")
        return 0
    here = os.path.dirname(os.path.abspath(__file__))
    src_dir = os.path.normpath(os.path.join(here, "..", "..", "src", "modules", "py"))
    yardstick = None
    if argv[:1] == ["--yardstick"]:
        yardstick = os.path.abspath(argv[1])
        programs = sorted(os.path.join(yardstick, n) for n in os.listdir(yardstick)
                          if n.endswith(".py"))
    elif argv:
        programs = [os.path.abspath(p) for p in argv]
    else:
        programs = sorted(os.path.join(here, n) for n in os.listdir(here)
                          if n.endswith(".py") and n != HERE_NAME)
    with tempfile.TemporaryDirectory(prefix="minipy-stdlib-") as tree:
        build_tree(src_dir, tree)

        def check(program):
            cwd = os.path.dirname(program)
            wants = [run_child("cpython", tree, program, cwd)
                     for _ in range(CPYTHON_RUNS if yardstick else 1)]
            got = run_child("ours", tree, program, cwd)
            return program, wants, got

        # A few at a time: most programs wait on events, not on the CPU.
        with ThreadPoolExecutor(max_workers=4) as pool:
            results = list(pool.map(check, programs))
    if yardstick:
        return report_yardstick(results)
    failures = [describe_difference(os.path.basename(p), wants[0], got)
                for p, wants, got in results if not wants[0].same_as(got)]
    for text in failures:
        print(text)
    print(f"validate.py: {len(results) - len(failures)} of {len(results)} "
          f"programs agree with CPython 3.11's modules")
    return 1 if failures else 0


def report_yardstick(results):
    """Sorts someone else's examples by how ours compares with CPython's.
    CPython runs each example CPYTHON_RUNS times: if ours printed what one
    of those runs printed, it matches. A program whose CPython runs differ
    among themselves is timing- or scheduling-dependent; if ours matches
    none of them it is compared on its sorted lines (numbers and addresses
    masked) and, failing that, on the characters it printed (unbuffered
    prints from threads interleave at different places from run to run)."""
    import os
    groups = {"identical": [], "matches one of CPython's varying runs": [],
              "varies, same lines": [], "varies, same characters": [],
              "varies, differs": [], "differs": [], "fails under CPython too": []}
    for program, wants, got in results:
        name = os.path.basename(program)
        varies = any(not w.same_as(wants[0]) for w in wants)
        if any(w.same_as(got) for w in wants):
            if wants[0].code not in (0, None):
                groups["fails under CPython too"].append(name)
            elif varies:
                groups["matches one of CPython's varying runs"].append(name)
            else:
                groups["identical"].append(name)
            continue
        if not varies:
            groups["differs"].append(name)
            print(describe_difference(name, wants[0], got))
            continue
        lines = lambda o: (normalise(o.stdout), normalise(o.stderr), o.code)
        chars = lambda o: (sorted("".join(normalise(o.stdout))),
                           sorted("".join(normalise(o.stderr))), o.code)
        if any(lines(w) == lines(got) for w in wants):
            groups["varies, same lines"].append(name)
        elif any(chars(w) == chars(got) for w in wants):
            groups["varies, same characters"].append(name)
        else:
            groups["varies, differs"].append(name)
            print(describe_difference(name, wants[0], got))
    for group, names in groups.items():
        print(f"{group}: {len(names)}  {' '.join(names)}")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:])
    else:
        sys.exit(main(sys.argv[1:]))
