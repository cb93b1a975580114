# Checks: SystemExit is an exception: it can be caught (code attribute for int, str and no
# argument), is not caught by `except Exception`, and raise SystemExit(0) at the end exits 0
# after the finally clause.
import sys

for arg in [(), (0,), (2,), ("text",), (None,)]:
    try:
        sys.exit(*arg)
    except SystemExit as e:
        print("caught SystemExit, code =", repr(e.code), "args =", e.args)
print(issubclass(SystemExit, Exception), issubclass(SystemExit, BaseException))
try:
    try:
        raise SystemExit(5)
    except Exception:
        print("never: SystemExit is not an Exception")
except BaseException as e:
    print("BaseException caught", type(e).__name__, e.code)
try:
    print("leaving")
    raise SystemExit(0)
finally:
    print("finally on the way out")
