# Checks: Event set/is_set/clear, wait(timeout) returning False when unset and True when set,
# threads released by set(); output ordered by joins.
import threading

ev = threading.Event()
print(ev.is_set(), ev.wait(0.01), ev.wait(timeout=0.0))
ev.set()
print(ev.is_set(), ev.wait(), ev.wait(0.01))
ev.clear()
print(ev.is_set())
go = threading.Event()
done = []
lock = threading.Lock()

def runner(i):
    ok = go.wait(5)
    with lock:
        done.append((i, ok))

ts = [threading.Thread(target=runner, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
print(len(done))
go.set()
for t in ts:
    t.join()
print(sorted(done))
