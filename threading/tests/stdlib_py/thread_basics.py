# Thread names, identities and the registry of live threads, with every
# step ordered by joins and events so that the output never varies.
import threading

def greet(who, punctuation="!"):
    me = threading.current_thread()
    print(f"hello {who}{punctuation} from {me.name}, daemon={me.daemon}")

workers = [threading.Thread(target=greet, args=(n,)) for n in ("ada", "bob")]
workers.append(threading.Thread(target=greet, args=("cy",), kwargs={"punctuation": "?"},
                                name="custom"))
for w in workers:
    w.start()
    w.join()
print([w.name for w in workers])
print("alive after join:", [w.is_alive() for w in workers])
print("idents are ints:", all(isinstance(w.ident, int) for w in workers),
      all(isinstance(w.native_id, int) for w in workers))

main = threading.main_thread()
print(main.name, main is threading.current_thread(), threading.active_count())
print(repr(main).startswith("<_MainThread(MainThread, started "))

# A thread blocked on an event: alive, listed by enumerate(), and a join
# with a timeout returns while it is still alive.
release = threading.Event()
blocked = threading.Thread(target=release.wait, name="blocked")
print(repr(blocked))
blocked.start()
blocked.join(timeout=0.01)
print("still alive:", blocked.is_alive(), sorted(t.name for t in threading.enumerate()))
print(threading.active_count())
release.set()
blocked.join()
print("stopped:", repr(blocked).startswith("<Thread(blocked, stopped "), threading.active_count())

# Mistakes raise RuntimeError, as in CPython.
for mistake in (lambda: blocked.start(),
                lambda: threading.Thread(target=print).join(),
                lambda: threading.current_thread().join()):
    try:
        mistake()
    except RuntimeError as err:
        print("RuntimeError:", err)

# A subclass that overrides run() and passes its own arguments.
class Countdown(threading.Thread):
    def __init__(self, start_at):
        super().__init__()
        self.start_at = start_at
        self.seen = []

    def run(self):
        n = self.start_at
        while n:
            self.seen.append(n)
            n -= 1

c = Countdown(5)
c.start()
c.join()
print(c.name, c.seen)

# The deprecated Java-style accessors still work, and warn once per line.
c.setName("renamed")
print(c.getName(), c.isDaemon())

# Daemon status is inherited from the creating thread.
def spawn_child(box):
    child = threading.Thread(target=lambda: None)
    box.append(child.daemon)

box = []
parent = threading.Thread(target=spawn_child, args=(box,), daemon=True)
parent.start()
parent.join()
print("child of a daemon is a daemon:", box)
try:
    c.daemon = True
except RuntimeError as err:
    print("RuntimeError:", err)

# A thread not started by threading gets a dummy Thread object.
import _thread
done = threading.Event()
seen = []
def foreign():
    t = threading.current_thread()
    seen.append((t.name.startswith("Dummy-"), t.daemon, t.is_alive()))
    done.set()
_thread.start_new_thread(foreign, ())
done.wait()
print("dummy:", seen)
print(threading.get_ident() == main.ident, threading.get_native_id() == main.native_id)
print(threading.TIMEOUT_MAX > 1e6)
