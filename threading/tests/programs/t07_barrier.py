# Checks: threading.Barrier: parties, wait() returning distinct indices 0..n-1 in each round,
# the action callable run exactly once per round, reuse for several rounds, and n_waiting /
# broken after a round.
import threading

rounds_done = []

def on_round():
    rounds_done.append(len(rounds_done) + 1)

barrier = threading.Barrier(3, action=on_round)
indices = []
lock = threading.Lock()

def runner():
    for _ in range(4):
        i = barrier.wait()
        with lock:
            indices.append(i)

threads = [threading.Thread(target=runner) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(barrier.parties, barrier.n_waiting, barrier.broken)
print(rounds_done, sorted(indices), len(indices))
print([sorted(indices).count(i) for i in range(3)])
