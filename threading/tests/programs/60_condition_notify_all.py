# Checks: Condition notify_all wakes every waiter, notify(n) wakes n, wait(timeout) returns False
# on timeout, and waiting without the lock raises RuntimeError.
import threading

cond = threading.Condition()
state = {"go": 0, "ready": 0}
woke = []

def waiter(i):
    with cond:
        state["ready"] += 1
        cond.notify_all()
        while state["go"] == 0:
            cond.wait()
        woke.append(i)

ts = [threading.Thread(target=waiter, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
with cond:
    while state["ready"] < 4:
        cond.wait()
    state["go"] = 1
    cond.notify_all()
for t in ts:
    t.join()
print(sorted(woke))
with cond:
    print(cond.wait(0.01))
    print(cond.wait(timeout=0.01))
    cond.notify()
    cond.notify(2)
try:
    cond.wait(0.01)
except RuntimeError as e:
    print("caught", e)
try:
    cond.notify()
except RuntimeError as e:
    print("caught", e)
lk = threading.Lock()
c2 = threading.Condition(lk)
with c2:
    print(lk.locked())
print(lk.locked())
