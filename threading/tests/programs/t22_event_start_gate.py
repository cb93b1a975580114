# Checks: a start gate: workers block on one Event until the main thread opens it; nobody
# passes early (a list stays empty until set()); is_set/clear/wait(timeout) semantics.
import threading

gate = threading.Event()
passed = []
lock = threading.Lock()
ready = threading.Semaphore(0)

def runner(i):
    ready.release()
    gate.wait()
    with lock:
        passed.append(i)

threads = [threading.Thread(target=runner, args=(i,)) for i in range(5)]
for t in threads:
    t.start()
for _ in threads:
    ready.acquire()
print("before open:", passed, gate.is_set())
gate.set()
for t in threads:
    t.join()
print("after open:", sorted(passed), gate.is_set())
gate.clear()
print(gate.is_set(), gate.wait(0.01), gate.wait(timeout=0))
