# A future import after the future block (here: inside a function, after
# other statements) is refused where the compiler meets it, with the whole
# statement underlined; the earlier future block is fine.
from __future__ import annotations

print("never printed: the whole file fails to compile")


def late():
    from __future__ import division
    return 1 / 2
