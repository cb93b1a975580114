# Checks: thread names: MainThread, explicit name=, and CPython 3.10+ default names
# "Thread-N (target)" where N counts only unnamed threads; current_thread().name inside a thread.
import threading

seen = {}

def who(key):
    seen[key] = threading.current_thread().name

print(threading.current_thread().name)
a = threading.Thread(target=who, args=("a",))
b = threading.Thread(target=who, args=("b",), name="worker-b")
c = threading.Thread(target=who, args=("c",))
print(a.name, "|", b.name, "|", c.name)
for t in [a, b, c]:
    t.start()
for t in [a, b, c]:
    t.join()
print(seen["a"], "|", seen["b"], "|", seen["c"])

def other():
    seen["other"] = threading.current_thread().name

d = threading.Thread(target=other)
d.start()
d.join()
print(d.name, seen["other"])
print(threading.current_thread().name)
