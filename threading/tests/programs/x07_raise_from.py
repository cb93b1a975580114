# Checks: raise X from Y sets __cause__ (and __suppress_context__); raising inside except sets
# __context__ implicitly; raise ... from None hides the context; bare raise re-raises the
# active exception; re-raising outside except is a RuntimeError.
class ConfigError(Exception):
    pass

def load(text):
    try:
        return int(text)
    except ValueError as e:
        raise ConfigError(f"bad number {text!r}") from e

try:
    load("x1")
except ConfigError as e:
    print(repr(e), "| cause:", repr(e.__cause__), "| context is cause:", e.__context__ is e.__cause__)
    print(e.__suppress_context__)

try:
    try:
        {}["k"]
    except KeyError:
        raise IndexError("during handling")
except IndexError as e:
    print(repr(e.__context__), e.__cause__, e.__suppress_context__)

try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise RuntimeError("clean") from None
except RuntimeError as e:
    print(e.__cause__, repr(e.__context__), e.__suppress_context__)

def reraiser():
    try:
        [][0]
    except IndexError:
        print("  logging and re-raising")
        raise

try:
    reraiser()
except IndexError as e:
    print("re-raised:", e)
try:
    raise
except RuntimeError as e:
    print("RuntimeError:", e)
