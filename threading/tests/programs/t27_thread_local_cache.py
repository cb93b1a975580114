# Checks: a thread-local connection cache: each worker thread opens its "connection" once
# (on first use) and reuses it for every later request; the number of connections opened
# equals the number of threads, whatever the request count.
import threading

class Connection:
    opened = 0
    lock = threading.Lock()

    def __init__(self, owner):
        with Connection.lock:
            Connection.opened += 1
        self.owner = owner
        self.queries = 0

    def query(self, sql):
        self.queries += 1
        return f"{self.owner}:{sql}"

cache = threading.local()

def get_connection():
    conn = getattr(cache, "conn", None)
    if conn is None:
        conn = cache.conn = Connection(threading.current_thread().name)
    return conn

report = {}

def handle_requests(n):
    for i in range(n):
        get_connection().query(f"select {i}")
    conn = get_connection()
    report[conn.owner] = conn.queries

threads = [threading.Thread(target=handle_requests, args=(10 * (i + 1),), name=f"worker-{i}") for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(Connection.opened, sorted(report.items()), hasattr(cache, "conn"))
