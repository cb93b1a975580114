# Checks: threading.local: each thread sees its own attributes (absent in other threads:
# AttributeError), the main thread's value survives, and a local subclass re-runs __init__
# in every thread that touches it (counted under a lock).
import threading

ctx = threading.local()
ctx.user = "main"
seen = {}

def handle(user):
    seen[user + "-before"] = getattr(ctx, "user", "<unset>")
    ctx.user = user
    ctx.requests = [user]
    seen[user + "-after"] = ctx.user

threads = [threading.Thread(target=handle, args=(u,)) for u in ["ann", "bob"]]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(seen.items()))
print(ctx.user, hasattr(ctx, "requests"))

init_calls = []
init_lock = threading.Lock()

class Session(threading.local):
    def __init__(self, prefix):
        with init_lock:
            init_calls.append(threading.current_thread().name)
        self.prefix = prefix
        self.count = 0

    def next_id(self):
        self.count += 1
        return f"{self.prefix}{self.count}"

session = Session("id-")
ids = {}

def use_session(name):
    ids[name] = [session.next_id() for _ in range(3)]

threads = [threading.Thread(target=use_session, args=(f"s{i}",), name=f"s{i}") for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(ids.items()))
print(sorted(init_calls), session.count)
