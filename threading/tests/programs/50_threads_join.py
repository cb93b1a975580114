# Checks: Thread(target=, args=) start/join; every worker writes its own slot, main prints after join.
import threading

results = {}

def square(i):
    results[i] = i * i

threads = []
for i in range(8):
    t = threading.Thread(target=square, args=(i,))
    threads.append(t)
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results.items()))
print(sum(results.values()))

def add(a, b):
    results["sum"] = a + b

t = threading.Thread(target=add, args=(2, 40))
t.start()
t.join()
print(results["sum"])
t2 = threading.Thread(target=add, args=(1, 1))
t2.start()
t2.join()
t2.join()
print(results["sum"], t2.is_alive())
