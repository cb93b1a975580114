# Checks: os.getpid() is a positive int (same on every call, not printed), os.cpu_count() at
# least 1, os.environ.get with a default for a variable that is never set, os.environ is a
# mapping with `in`.
import os

pid = os.getpid()
print(type(pid).__name__, pid > 0, pid == os.getpid())
print(os.cpu_count() >= 1)
print(os.environ.get("MINIPY_CORPUS_NEVER_SET"), os.environ.get("MINIPY_CORPUS_NEVER_SET", "fallback"))
print("MINIPY_CORPUS_NEVER_SET" in os.environ)
