# Checks: daemon threads do not delay exit: a daemon thread looping forever (with sleeps) is
# stopped when the main thread ends; the program exits 0 and the daemon's later output never
# appears after the main thread's last line.
import threading
import time

ticks = []

def heartbeat():
    while True:
        ticks.append(1)
        time.sleep(0.005)

threading.Thread(target=heartbeat, daemon=True).start()
while len(ticks) < 3:
    time.sleep(0.001)
print("heartbeat running:", len(ticks) >= 3)
print("main done")
