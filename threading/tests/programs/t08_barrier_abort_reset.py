# Checks: Barrier.abort() breaks the barrier: a thread already waiting and every later wait()
# raise BrokenBarrierError; broken is True until reset(), after which the barrier works
# again; BrokenBarrierError is a RuntimeError.
import threading
import time

barrier = threading.Barrier(2)
outcome = []

def waiter():
    try:
        barrier.wait()
        outcome.append("passed")
    except threading.BrokenBarrierError:
        outcome.append("broken")

t = threading.Thread(target=waiter)
t.start()
while barrier.n_waiting < 1:
    time.sleep(0.001)
print("waiting:", barrier.n_waiting)
barrier.abort()
t.join()
print(outcome, barrier.broken)
try:
    barrier.wait()
except threading.BrokenBarrierError as e:
    print("later wait:", type(e).__name__, isinstance(e, RuntimeError))
barrier.reset()
print("after reset:", barrier.broken, barrier.n_waiting)
t = threading.Thread(target=waiter)
t.start()
while barrier.n_waiting < 1:
    time.sleep(0.001)
print("main arrives second, index", barrier.wait())
t.join()
print(outcome)
