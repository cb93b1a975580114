# expect-line: 7
# construct: asyncio
# kind: NotImplementedError | ModuleNotFoundError
# when: run
# The asyncio module (MINIPY.md: out of scope for now; coroutines driven by send() are in).
print("before")
import asyncio

async def main():
    return 1

print(asyncio.run(main()))
