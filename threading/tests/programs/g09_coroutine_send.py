# Checks: `async def` creates coroutine objects; `await` on an object whose __await__ is a
# generator suspends the whole await chain; a trampoline drives coroutines with send(None)
# until StopIteration carries the return value (as pyperformance's coroutines bench does).
class Suspend:
    def __init__(self, label):
        self.label = label

    def __await__(self):
        reply = yield self.label
        return reply

async def leaf(n):
    got = await Suspend(f"leaf{n}")
    return n * 10 + got

async def branch():
    a = await leaf(1)
    b = await leaf(2)
    return a + b

coro = branch()
print(type(coro).__name__)
reply = 0
try:
    while True:
        label = coro.send(reply if reply else None)
        print("suspended at", label)
        reply += 1
except StopIteration as stop:
    print("result", stop.value)

async def plain():
    return "no suspension"

c = plain()
try:
    c.send(None)
except StopIteration as stop:
    print(stop.value)

async def depth(n):
    if n == 0:
        return 0
    return 1 + await depth(n - 1)

d = depth(50)
try:
    d.send(None)
except StopIteration as stop:
    print("depth", stop.value)

unused = plain()
unused.close()
print("closed without running")
