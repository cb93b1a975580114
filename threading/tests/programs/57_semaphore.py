# Checks: Semaphore counting (acquire non-blocking until exhausted, timeout), with-statement,
# and that at most 2 of 6 threads are ever inside a Semaphore(2) region (max tracked under a Lock).
import threading
import time

sem = threading.Semaphore(2)
print(sem.acquire(), sem.acquire(blocking=False), sem.acquire(blocking=False))
print(sem.acquire(timeout=0.01))
sem.release()
sem.release()
with sem:
    print("inside with")
slots = threading.Semaphore(2)
guard = threading.Lock()
inside = 0
peak = 0
entered = 0

def visit():
    global inside, peak, entered
    with slots:
        with guard:
            inside += 1
            entered += 1
            if inside > peak:
                peak = inside
        time.sleep(0.005)
        with guard:
            inside -= 1

ts = [threading.Thread(target=visit) for _ in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(entered, inside, peak <= 2, peak >= 1)
s0 = threading.Semaphore(0)
print(s0.acquire(blocking=False))
s0.release()
print(s0.acquire(blocking=False))
