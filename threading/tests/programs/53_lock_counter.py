# Checks: a Lock (with-statement and explicit acquire/release) keeps shared counters exact
# across 4 threads; locked() reports state.
import threading

counter = 0
other = 0
lock = threading.Lock()

def work(n):
    global counter, other
    for _ in range(n):
        with lock:
            counter += 1
        lock.acquire()
        other = other + 2
        lock.release()

threads = [threading.Thread(target=work, args=(2000,)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter, other)
print(lock.locked())
with lock:
    print(lock.locked())
print(lock.locked())
