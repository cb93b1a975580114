# A per-thread "connection" cache with threading.local: each thread sees
# only its own attributes, and a subclass's __init__ runs again in every
# thread that touches the object.
import threading

opened = []

class Connection:
    def __init__(self, owner):
        self.owner = owner
        opened.append(owner)

class ConnectionCache(threading.local):
    def __init__(self, dsn):
        super().__init__()
        self.dsn = dsn
        self.conn = None

    def get(self):
        if self.conn is None:
            self.conn = Connection(threading.current_thread().name)
        return self.conn

cache = ConnectionCache("db://local")

def work(results):
    first = cache.get()
    second = cache.get()
    results.append((threading.current_thread().name, cache.dsn, first is second,
                    first.owner))

results = []
for n in range(3):
    t = threading.Thread(target=work, args=(results,), name=f"worker-{n}")
    t.start()
    t.join()  # the next thread may get the same ident: it must not see our data
print(results)
print(opened)
print("main has its own:", cache.conn, cache.dsn)

# The plain local: attributes set in one thread are missing in another.
data = threading.local()
data.value = "main's"

def peek(out):
    out.append(hasattr(data, "value"))
    try:
        data.value
    except AttributeError as err:
        out.append(str(err))
    data.value = "worker's"
    out.append(data.value)
    out.append(sorted(data.__dict__))

out = []
t = threading.Thread(target=peek, args=(out,))
t.start()
t.join()
print(out)
print(data.value, data.__dict__)
del data.value
print(hasattr(data, "value"))
try:
    threading.local(1)
except TypeError as err:
    print("TypeError:", err)

# Many threads at once, each counting in its own attribute.
counter = threading.local()
start = threading.Barrier(4)
totals = []
totals_lock = threading.Lock()

def count(n):
    counter.total = 0
    start.wait()
    for i in range(n):
        counter.total += i
    with totals_lock:
        totals.append(counter.total)

threads = [threading.Thread(target=count, args=(n,)) for n in (10, 20, 30, 40)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(totals))
