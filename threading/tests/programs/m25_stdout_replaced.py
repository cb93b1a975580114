# Checks: print() without file= writes to whatever sys.stdout is now, as CPython's looks it up
# on every call: a StringIO assigned to sys.stdout, contextlib.redirect_stdout (nested, and
# from a thread started inside it), sep/end/flush through the replacement, and the real
# stream back once sys.stdout is restored from sys.__stdout__; sys.stdout = None prints nothing;
# a thread's exception report follows a redirected sys.stderr.
import contextlib
import io
import sys
import threading

buffer = io.StringIO()
sys.stdout = buffer
print("into", "the", "buffer", sep="-", end="!\n", flush=True)
sys.stdout = sys.__stdout__
print("buffer held:", repr(buffer.getvalue()))

outer, inner = io.StringIO(), io.StringIO()
with contextlib.redirect_stdout(outer):
    print("outer 1")
    with contextlib.redirect_stdout(inner):
        print("inner")
    worker = threading.Thread(target=print, args=("from a thread",))
    worker.start()
    worker.join()
    print("outer 2")
print("outer:", repr(outer.getvalue()))
print("inner:", repr(inner.getvalue()))
print("restored:", sys.stdout is sys.__stdout__)


class Shout:
    """A file-like object with only write(): print needs nothing else."""

    def __init__(self):
        self.parts = []

    def write(self, text):
        self.parts.append(text.upper())
        return len(text)


shout = Shout()
sys.stdout = shout
print("quiet", 42)
sys.stdout = sys.__stdout__
print(shout.parts)

sys.stdout = None
print("nowhere")
sys.stdout = sys.__stdout__
print("after None")

errors = io.StringIO()
with contextlib.redirect_stderr(errors):
    print("to stderr", file=sys.stderr)
    failing = threading.Thread(target=lambda: 1 / 0, name="failing")
    failing.start()
    failing.join()
report = errors.getvalue().splitlines()
print(report[0], "|", report[1], "|", report[-1])
