# expect-line: 8
# construct: CPython's math.cbrt is outside MiniPy
# kind: AttributeError
# when: run
# A name of a listed module that MINIPY.md's list does not include: CPython's
# AttributeError, plus a note that the name exists in CPython but not in MiniPy.
import math
print(math.cbrt(27.0))
