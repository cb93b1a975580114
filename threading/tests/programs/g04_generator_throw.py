# Checks: generator.throw(): the exception appears at the paused yield; a generator that
# catches it can yield again (throw returns that value); uncaught, it propagates to the
# caller and the generator is finished; finally blocks run.
def resilient():
    n = 0
    while True:
        try:
            yield n
            n += 1
        except ValueError as e:
            print("  recovered from", repr(e))
            n = 100

g = resilient()
print(next(g), next(g))
print(g.throw(ValueError("bad")))
print(next(g))
try:
    g.throw(KeyError("k"))
except KeyError as e:
    print("propagated", repr(e))
print(next(g, "finished"))

def guarded():
    try:
        yield "a"
        yield "b"
    finally:
        print("  cleanup")

h = guarded()
print(next(h))
try:
    h.throw(RuntimeError("stop"))
except RuntimeError as e:
    print("caught", e)

def not_started():
    print("  never printed")
    yield 1

try:
    not_started().throw(IndexError("early"))
except IndexError as e:
    print("thrown before start:", e)
