# Checks: a class-based context manager: __enter__'s return value bound by `as`, __exit__ gets
# (type, value, traceback) or three Nones, returning True suppresses the exception, and
# exceptions not suppressed propagate after __exit__ runs.
class Tracer:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()

    def __exit__(self, exc_type, exc, tb):
        kind = exc_type.__name__ if exc_type else None
        print("exit", self.name, kind, exc, tb is None)
        return self.suppress

with Tracer("plain") as value:
    print("body got", value)

with Tracer("quiet", suppress=True):
    raise KeyError("swallowed")
print("after quiet")

try:
    with Tracer("loud"):
        raise ValueError("escapes")
except ValueError as e:
    print("caught", repr(e))

def early():
    with Tracer("return"):
        return "returned"
print(early())

for i in range(3):
    with Tracer(f"loop{i}"):
        if i == 1:
            continue
        if i == 2:
            break
        print("body", i)
