# Checks: closures as thread targets: each thread's closure captures its own values through
# a factory (not the loop variable), and nonlocal state shared by closures of one call is
# updated under a lock from several threads.
import threading

def make_task(ident, results):
    def task():
        results[ident] = f"task {ident} done"
    return task

results = {}
threads = [threading.Thread(target=make_task(i, results)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print([results[i] for i in sorted(results)])

def shared_counter():
    total = 0
    lock = threading.Lock()

    def add(n):
        nonlocal total
        for _ in range(n):
            with lock:
                total += 1

    def read():
        return total

    return add, read

add, read = shared_counter()
workers = [threading.Thread(target=add, args=(2500,)) for _ in range(4)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print(read())
