# expect-line: 7
# construct: pathlib
# kind: NotImplementedError | ModuleNotFoundError
# when: run
# A from-import from a standard-library module outside MINIPY.md's list.
print("before")
from pathlib import PurePosixPath
print(PurePosixPath("/a/b").name)
