# Checks: `return value` in a generator ends it with StopIteration(value); `yield from`
# evaluates to the subgenerator's return value; an empty generator; yield as an expression
# giving None under plain iteration.
def averager(values):
    total = 0
    for v in values:
        total += v
        yield total
    return total / len(values)

g = averager([2, 4, 6])
print(list(g))
g = averager([1, 2])
next(g), next(g)
try:
    next(g)
except StopIteration as stop:
    print("returned", stop.value, stop.args)

def outer():
    result = yield from averager([10, 20])
    print("  subgenerator returned", result)
    yield result * 2

print(list(outer()))

def empty():
    return
    yield

print(list(empty()))

def echo_none():
    got = yield 1
    print("  got", got)
    got = yield 2
    print("  got", got)

print(list(echo_none()))
