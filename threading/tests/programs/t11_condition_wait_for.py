# Checks: Condition.wait_for(predicate): returns at once when the predicate already holds,
# waits for notify otherwise and returns the predicate's value; with a timeout and a
# predicate that never holds it returns False.
import threading

items = []
cond = threading.Condition()
got = []

def consumer():
    with cond:
        ok = cond.wait_for(lambda: len(items) >= 3)
        got.append((ok, list(items)))

c = threading.Thread(target=consumer)
c.start()
for i in range(3):
    with cond:
        items.append(i)
        cond.notify_all()
c.join()
print(got)
with cond:
    print(cond.wait_for(lambda: items))
    print(cond.wait_for(lambda: len(items) > 10, timeout=0.02))
    print(cond.wait_for(lambda: "truthy value", timeout=0))
