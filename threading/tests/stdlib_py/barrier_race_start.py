# A race start: runners wait at a Barrier until all have arrived, then go.
# wait() hands each runner a distinct index; the action runs once per round
# in the last thread to arrive. Then abort(), reset() and a timeout.
import threading

RUNNERS = 4
log = []
log_lock = threading.Lock()

def fire_the_gun():
    with log_lock:
        log.append("bang")

barrier = threading.Barrier(RUNNERS, action=fire_the_gun)
indexes = []

def runner(n):
    index = barrier.wait()
    with log_lock:
        indexes.append(index)
        log.append("run")

threads = [threading.Thread(target=runner, args=(n,)) for n in range(RUNNERS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(log[0], log.count("run"), sorted(indexes))
print(barrier.parties, barrier.n_waiting, barrier.broken)

# The barrier is cyclic: a second round works the same way.
log.clear()
indexes.clear()
threads = [threading.Thread(target=runner, args=(n,)) for n in range(RUNNERS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(log[0], log.count("run"), sorted(indexes))

# abort() breaks the barrier for the threads waiting and for later ones.
arrived = threading.Semaphore(0)
outcomes = []

def doomed():
    arrived.release()
    try:
        barrier.wait()
        outcomes.append("passed")
    except threading.BrokenBarrierError:
        outcomes.append("broken")

waiting = [threading.Thread(target=doomed) for _ in range(2)]
for t in waiting:
    t.start()
for _ in waiting:
    arrived.acquire()
# Both have announced themselves; wait until both are inside wait().
while barrier.n_waiting < 2:
    threading.Event().wait(0.001)
barrier.abort()
for t in waiting:
    t.join()
print(outcomes, barrier.broken, barrier.n_waiting)
try:
    barrier.wait()
except threading.BrokenBarrierError as err:
    print("late arrival:", type(err).__name__, repr(err))

# reset() makes it usable again.
barrier.reset()
print("after reset:", barrier.broken)

# A timeout breaks the barrier for everyone.
pair = threading.Barrier(2)
try:
    pair.wait(timeout=0.05)
except threading.BrokenBarrierError:
    print("timed out alone; broken:", pair.broken)

# An action that raises breaks the barrier; the arriving thread gets the error.
def bad_action():
    raise ValueError("the gun jammed")

solo = threading.Barrier(1, action=bad_action)
try:
    solo.wait()
except ValueError as err:
    print("action failed:", err, solo.broken)
print(repr(pair).split(" at ")[0], repr(pair).endswith(": broken>"))
print(repr(threading.Barrier(3)).split(": ")[1])
