# expect-line: 8
# construct: CPython's itertools.groupby is outside MiniPy
# kind: ImportError
# when: run
# A from-import of a name of a listed module that MINIPY.md's list does not
# include: CPython's ImportError message, plus the note.
print("before")
from itertools import groupby
print([k for k, _ in groupby("aabbbc")])
