# Checks: recursion inside threads: each thread has its own frames, deep-ish recursion works,
# and a RecursionError raised in a thread is caught there without affecting the others.
import threading

results = {}
lk = threading.Lock()

def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)

def runaway(n):
    return runaway(n + 1)

def deep_worker(i):
    r = depth(300 + i)
    with lk:
        results[i] = r

def bad_worker():
    try:
        runaway(0)
    except RecursionError as e:
        with lk:
            results["bad"] = str(e)

ts = [threading.Thread(target=deep_worker, args=(i,)) for i in range(3)]
ts.append(threading.Thread(target=bad_worker))
for t in ts:
    t.start()
for t in ts:
    t.join()
print(results[0], results[1], results[2])
print(results["bad"])
print(depth(10))
