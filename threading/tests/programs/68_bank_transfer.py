# Checks: two locks taken in a fixed global order (no deadlock); money is conserved and each
# account's balance is exact after 4 threads transfer concurrently.
import threading

balances = {"a": 1000, "b": 1000, "c": 1000}
locks = {"a": threading.Lock(), "b": threading.Lock(), "c": threading.Lock()}

def transfer(src, dst, amount, times):
    first, second = sorted([src, dst])
    for _ in range(times):
        with locks[first]:
            with locks[second]:
                balances[src] -= amount
                balances[dst] += amount

plan = [("a", "b", 3, 200), ("b", "c", 2, 200), ("c", "a", 1, 200), ("b", "a", 1, 100)]
ts = [threading.Thread(target=transfer, args=p) for p in plan]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(balances, sum(balances.values()))
