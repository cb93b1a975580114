# expect-line: 22
# construct: 'async for'
# kind: NotImplementedError
# when: compile
# `async for` over an asynchronous iterator: outside MiniPy v2's coroutine objects (MINIPY.md),
# refused at compile time.
class Ticks:
    def __init__(self):
        self.n = 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        self.n += 1
        if self.n > 2:
            raise StopAsyncIteration
        return self.n


async def main():
    async for t in Ticks():
        print("tick", t)


print("before")
try:
    main().send(None)
except StopIteration:
    print("done")
