# Checks: contextlib.contextmanager: code before yield runs on enter (the yielded value is the
# `as` target), code after it on exit; an exception in the body is raised at the yield, so
# try/finally cleans up and try/except can suppress it; nested generator-based managers.
from contextlib import contextmanager

@contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    finally:
        print(f"</{name}>")

@contextmanager
def ignoring(*kinds):
    try:
        yield
    except kinds as e:
        print("  ignored", type(e).__name__, e)

with tag("div") as t:
    print("  inside", t)
    with tag("p"):
        print("  text")
with ignoring(KeyError, IndexError):
    [][1]
print("after ignoring")
try:
    with tag("broken"):
        raise ValueError("escapes")
except ValueError as e:
    print("caught", e)

@contextmanager
def lock_like(log):
    log.append("acquire")
    yield log
    log.append("release")

events = []
with lock_like(events) as held:
    held.append("work")
print(events)
