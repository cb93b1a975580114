# expect-line: 7
# construct: async
# An async function (async def / await).
import time

print("before")
async def fetch():
    return 42

coro = fetch()
coro.close()
print("after")
