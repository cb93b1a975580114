# Checks: RuntimeError from misusing Thread: starting twice, joining before start, joining the
# current thread; a thread that catches its own exception ends normally.
import threading

out = {}

def work():
    try:
        raise ValueError("inside worker")
    except ValueError as e:
        out["caught"] = str(e)
    try:
        threading.current_thread().join()
    except RuntimeError as e:
        out["self-join"] = str(e)

t = threading.Thread(target=work)
try:
    t.join()
except RuntimeError as e:
    print("caught", e)
t.start()
try:
    t.start()
except RuntimeError as e:
    print("caught", e)
t.join()
try:
    t.start()
except RuntimeError as e:
    print("caught", e)
print(out["caught"], "|", out["self-join"])
try:
    threading.current_thread().join()
except RuntimeError as e:
    print("caught", e)
print(t.is_alive())
