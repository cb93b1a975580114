# Checks: generator.send(): priming with next() or send(None), values flowing in and out,
# the TypeError for sending a non-None value into a just-started generator, and send after
# exhaustion raising StopIteration.
def running_total():
    total = 0
    while True:
        value = yield total
        if value is None:
            break
        total += value
    yield f"final {total}"

acc = running_total()
print(next(acc))
print(acc.send(5), acc.send(10), acc.send(-3))
print(acc.send(None))
try:
    acc.send(1)
except StopIteration:
    print("StopIteration after the end")

fresh = running_total()
try:
    fresh.send(3)
except TypeError as e:
    print("TypeError:", e)
print(fresh.send(None), fresh.send(7))

def grep(pattern):
    print("  looking for", repr(pattern))
    matches = []
    while True:
        line = yield len(matches)
        if pattern in line:
            matches.append(line)
            print("  match:", line)

g = grep("err")
g.send(None)
for line in ["ok", "error 1", "fine", "stderr"]:
    count = g.send(line)
print("matches:", count)
