# Checks: join(timeout) returns None while the thread still runs, is_alive() before start,
# while blocked, and after finish; active_count() counts the main thread plus live threads.
import threading

gate = threading.Event()

def waiter():
    gate.wait()

print(threading.active_count())
workers = [threading.Thread(target=waiter) for _ in range(3)]
print(workers[0].is_alive())
for w in workers:
    w.start()
print(threading.active_count())
r = workers[0].join(0.02)
print(r, workers[0].is_alive())
r = workers[1].join(timeout=0.01)
print(r, workers[1].is_alive())
gate.set()
for w in workers:
    w.join()
print([w.is_alive() for w in workers])
print(threading.active_count())
