# Checks: CPython 3.10+ default thread names: "Thread-N (target)" for a target function,
# "(<lambda>)" for a lambda, the method name for a bound method, plain "Thread-N" for a
# subclass or a Timer; explicitly named threads do not use up a number.
import threading

def job():
    pass

class Job:
    def work(self):
        pass

class Custom(threading.Thread):
    pass

made = [
    threading.Thread(target=job),
    threading.Thread(target=lambda: None),
    threading.Thread(target=Job().work),
    threading.Thread(target=job, name="explicit"),
    Custom(),
    threading.Timer(1, job),
    threading.Thread(),
]
for t in made:
    print(t.name)
