# Checks: async def functions awaiting other coroutines and user awaitables, driven by a tiny
# hand-written run loop (send/throw): exceptions thrown into a suspended coroutine propagate
# through `await` and can be caught inside it.
class Tick:
    def __await__(self):
        value = yield "tick"
        return value

async def fetch(name, fail=False):
    got = await Tick()
    if fail:
        raise ConnectionError(f"{name} failed after {got}")
    return f"{name}:{got}"

async def main():
    out = [await fetch("a"), await fetch("b")]
    try:
        await fetch("c", fail=True)
    except ConnectionError as e:
        out.append(f"handled {e}")
    try:
        await Tick()
    except TimeoutError as e:
        out.append(f"timeout {e}")
    return out

def run(coro):
    step = 0
    value = None
    while True:
        try:
            if step == 4:
                request = coro.throw(TimeoutError("injected"))
            else:
                request = coro.send(value)
        except StopIteration as stop:
            return stop.value
        step += 1
        value = step
        print("  loop saw", request, "at step", step)

print(run(main()))
