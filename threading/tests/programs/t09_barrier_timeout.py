# Checks: Barrier.wait(timeout) with too few parties times out, breaks the barrier and raises
# BrokenBarrierError; a default timeout given to the constructor applies too; the barrier
# stays broken afterwards.
import threading

lonely = threading.Barrier(2)
try:
    lonely.wait(timeout=0.05)
except threading.BrokenBarrierError:
    print("timed out, broken:", lonely.broken)
default = threading.Barrier(3, timeout=0.05)
errors = []

def join_barrier():
    try:
        default.wait()
    except threading.BrokenBarrierError:
        errors.append("broken")

t = threading.Thread(target=join_barrier)
t.start()
t.join()
print(errors, default.broken)
try:
    default.wait()
except threading.BrokenBarrierError:
    print("still broken")
