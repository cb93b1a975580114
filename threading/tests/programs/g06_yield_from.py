# Checks: yield from delegates iteration, send() and throw() to the subgenerator, works over
# any iterable (lists, ranges, strings), and nests several levels deep.
def inner():
    received = []
    try:
        while True:
            value = yield len(received)
            received.append(value)
    except KeyError:
        print("  inner caught KeyError")
        return received

def middle():
    result = yield from inner()
    print("  middle got", result)
    yield "middle done"

g = middle()
print(next(g), g.send("a"), g.send("b"))
print(g.throw(KeyError("stop")))

def chain(*iterables):
    for it in iterables:
        yield from it

print(list(chain([1, 2], range(3, 5), "xy", (n * n for n in range(2)))))

def tree(depth):
    if depth == 0:
        yield "leaf"
        return
    yield f"node{depth}"
    yield from tree(depth - 1)
    yield from tree(depth - 1)

print(list(tree(2)))
