# Checks: timeouts are converted as CPython converts them (_PyTime_FromSecondsObject):
# Lock.acquire and time.sleep take ints, bools and floats; a float NaN is a ValueError, a
# value too large for 64-bit nanoseconds an OverflowError (different messages for floats
# and ints), other types a TypeError; acquire's `blocking` must be an int; negative
# timeouts other than -1 are refused. None of these may crash the interpreter.
import threading
import time


def attempt(label, call):
    try:
        outcome = call()
    except (TypeError, ValueError, OverflowError) as exc:
        outcome = f"{type(exc).__name__}: {exc}"
    print(f"{label:<28} {outcome}")


for timeout in [0, 0.001, True, -1, -1.0, -0.25, float("nan"), float("inf"),
                float("-inf"), 1e300, 10 ** 10, 2 ** 80, "soon", None]:
    lock = threading.Lock()
    attempt(f"acquire(timeout={timeout!r})", lambda: lock.acquire(timeout=timeout))

for blocking in [0, 1, False, 7, 1.5, "yes", None, [], 2 ** 40, 2 ** 80]:
    lock = threading.Lock()
    attempt(f"acquire(blocking={blocking!r})", lambda: lock.acquire(blocking=blocking))

held = threading.Lock()
held.acquire()
attempt("held, timeout=0.001", lambda: held.acquire(timeout=0.001))
attempt("held, blocking=False", lambda: held.acquire(False))
attempt("non-blocking with timeout", lambda: held.acquire(False, 1))

for seconds in [0, 0.0, -0.0, False, -1, -0.5, float("nan"), float("inf"), 1e300,
                2 ** 80, "1", None]:
    attempt(f"sleep({seconds!r})", lambda: time.sleep(seconds))

reentrant = threading.RLock()
attempt("RLock timeout=nan", lambda: reentrant.acquire(timeout=float("nan")))
attempt("Event.wait(0.001)", lambda: threading.Event().wait(0.001))
