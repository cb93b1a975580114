# Checks: Executor.map returns results in input order whatever order the workers finish in
# (later inputs finish first here), takes several iterables like map(), and re-raises a
# task's exception when its result is reached.
import threading
from concurrent.futures import ThreadPoolExecutor

gates = [threading.Event() for _ in range(4)]

def staged(i):
    if i + 1 < len(gates):
        gates[i + 1].wait()
    gates[i].set()
    return i * 10

with ThreadPoolExecutor(max_workers=4) as pool:
    print(list(pool.map(staged, range(4))))
    print(list(pool.map(pow, [2, 3, 4], [3, 2, 1])))
    results = pool.map(lambda x: 10 // x, [5, 2, 0, 1])
    try:
        for r in results:
            print("result", r)
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
