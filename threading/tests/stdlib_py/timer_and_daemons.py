# Timers that fire and timers cancelled before they fire; daemon threads
# that are still blocked when the program ends (the interpreter does not
# wait for them) and a non-daemon thread that the interpreter does wait
# for: its last line is printed after the main thread's last line.
import threading

fired = []
t1 = threading.Timer(0.01, fired.append, args=["first"])
t2 = threading.Timer(60, fired.append, args=["never"])
t1.start()
t2.start()
t2.cancel()
t1.join()
t2.join()
print(fired, t1.is_alive(), t2.is_alive(), t2.finished.is_set())
print(t1.name.startswith("Thread-"), t1.daemon)

# A timer cancelled before start() never runs its function either.
t3 = threading.Timer(0, fired.append, kwargs={"object": "no"})
t3.cancel()
t3.start()
t3.join()
print(fired)

# Daemon threads blocked forever: the program still ends.
forever = threading.Event()
for n in range(3):
    threading.Thread(target=forever.wait, name=f"daemon-{n}", daemon=True).start()
print(sorted(t.name for t in threading.enumerate() if t.daemon))

# A non-daemon thread that outlives the main thread's code.
main_done = threading.Event()

def straggler():
    main_done.wait()
    print("straggler: the main thread finished, I still run")

threading.Thread(target=straggler).start()
print("main: last line")
main_done.set()
