# StopIteration.value carries what a generator or a coroutine returned, as
# pyperformance's coroutines benchmark reads it when it drives `async def`
# with send(None); SystemExit.code mirrors sys.exit's argument.


async def fibonacci(n):
    if n <= 1:
        return n
    return await fibonacci(n - 1) + await fibonacci(n - 2)


def drive(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as stop:
        return stop.value


print("fibonacci(15) =", drive(fibonacci(15)))


def countdown(n):
    while n > 0:
        yield n
        n -= 1
    return "liftoff"


g = countdown(3)
print(next(g), next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("returned", repr(e.value), e.args)


def bare():
    yield 1


g = bare()
next(g)
try:
    next(g)
except StopIteration as e:
    print("bare return:", e.value, e.args)

print(StopIteration().value, StopIteration(1, 2).value, StopIteration([3]).value)
e = StopIteration("x")
e.value = "changed"
print(e.value, e.args)


class Finished(StopIteration):
    pass


print(Finished(42).value)

for args in [(), (0,), ("bye",), (1, 2)]:
    try:
        raise SystemExit(*args)
    except SystemExit as e:
        print("SystemExit", args, "code", repr(e.code))
