# expect-line: 7
# construct: barry_as_FLUFL
# kind: NotImplementedError | SyntaxError
# when: compile
# The April-fool future that swaps `!=` for `<>`: a grammar switch MiniPy's
# front end does not have, so the directive itself is refused.
from __future__ import barry_as_FLUFL
print("equal" if 1 != 2 else "different")
