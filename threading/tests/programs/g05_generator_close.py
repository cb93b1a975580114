# Checks: generator.close(): GeneratorExit is raised at the paused yield, finally and
# except GeneratorExit run, close() on a finished or unstarted generator is a no-op, and a
# generator that yields after GeneratorExit makes close() raise RuntimeError.
def reader(name):
    print("  open", name)
    try:
        while True:
            yield name + "-line"
    except GeneratorExit:
        print("  GeneratorExit in", name)
        raise
    finally:
        print("  close", name)

r = reader("log")
print(next(r), next(r))
r.close()
r.close()
print(next(r, "closed"))

unstarted = reader("never")
unstarted.close()
print("unstarted closed quietly")

def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield "refuse"

s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)

def returns_on_exit():
    try:
        yield 1
    except GeneratorExit:
        return "ignored value"

q = returns_on_exit()
next(q)
print(q.close())
