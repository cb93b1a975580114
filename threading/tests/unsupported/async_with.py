# expect-line: 17
# construct: 'async with'
# kind: NotImplementedError
# when: compile
# `async with` needs an event loop's asynchronous context managers; MiniPy v2 has coroutine
# objects driven by send() only (MINIPY.md), so the statement is refused before anything runs.
class Gate:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return False


async def main():
    print("inside")
    async with Gate():
        print("entered")


print("before")
try:
    main().send(None)
except StopIteration:
    print("done")
