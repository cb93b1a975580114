# Checks: raise ValueError("msg") at top level after some normal work: a single-frame traceback
# "in <module>", exit code 1, and everything printed before the raise still reaches stdout.
import threading

total = 0
for i in range(5):
    total += i
print("before", total)
print(threading.current_thread().name)
if total == 10:
    raise ValueError("msg")
print("not reached")
