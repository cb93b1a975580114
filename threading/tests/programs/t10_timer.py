# Checks: threading.Timer runs its function once after the interval (in its own thread, with
# args/kwargs); cancel() before it fires means the function never runs; a Timer is a Thread
# (name, is_alive, join).
import threading

fired = []

def alarm(label, *, times=1):
    fired.append((label, times, threading.current_thread() is not threading.main_thread()))

t = threading.Timer(0.01, alarm, args=("soon",), kwargs={"times": 2})
print(isinstance(t, threading.Thread), t.name)
t.start()
t.join()
print(fired, t.is_alive())
c = threading.Timer(60, alarm, args=("never",))
c.start()
c.cancel()
c.join()
print(fired, c.is_alive(), c.finished.is_set())
early = threading.Timer(60, alarm, args=("cancelled before start",))
early.cancel()
early.start()
early.join()
print(len(fired))
