# Checks: `with a, b:` enters left to right and exits right to left; the parenthesised
# multi-line form; if the second __enter__ fails the first still exits; an exception in the
# body reaches both __exit__s (inner first); `as` targets can be tuples.
class Res:
    def __init__(self, name, fail_enter=False):
        self.name = name
        self.fail_enter = fail_enter

    def __enter__(self):
        if self.fail_enter:
            raise OSError(f"cannot open {self.name}")
        print("  enter", self.name)
        return self.name, len(self.name)

    def __exit__(self, kind, value, tb):
        print("  exit", self.name, kind.__name__ if kind else None)
        return False

with Res("a") as first, Res("bb") as (name, size):
    print("  body", first, name, size)

with (
    Res("x"),
    Res("y") as y,
):
    print("  parenthesised body", y)

try:
    with Res("ok"), Res("broken", fail_enter=True):
        print("never")
except OSError as e:
    print("OSError:", e)

try:
    with Res("outer"), Res("inner"):
        raise KeyError("body")
except KeyError as e:
    print("KeyError:", e)
