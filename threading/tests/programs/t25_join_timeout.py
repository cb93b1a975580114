# Checks: join(timeout) on a thread that is still blocked returns after the timeout with the
# thread alive; after the thread is released, join() returns and is_alive() is False.
import threading

release = threading.Event()
t = threading.Thread(target=release.wait, name="blocked")
t.start()
print(t.join(timeout=0.02), t.is_alive())
t.join(0)
print(t.is_alive())
release.set()
t.join()
print(t.is_alive())
