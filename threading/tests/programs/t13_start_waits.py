# Checks: Thread.start() returns only once the new thread is running (CPython waits on an
# internal event), for plain threads and subclasses: right after start() the thread is
# alive and has an ident even though it has done nothing else yet.
import threading

go = threading.Event()

class Idle(threading.Thread):
    def run(self):
        go.wait()

plain = threading.Thread(target=go.wait)
sub = Idle()
for t in [plain, sub]:
    t.start()
    print(type(t).__name__, t.is_alive(), t.ident is not None, t.native_id is not None)
go.set()
plain.join()
sub.join()
print(plain.is_alive(), sub.is_alive())
