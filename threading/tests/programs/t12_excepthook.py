# Checks: threading.excepthook is settable: a custom hook receives args with exc_type,
# exc_value, exc_traceback and thread for an uncaught exception in a thread (nothing on
# stderr); restoring threading.__excepthook__ brings back the default report.
import threading

reports = []

def hook(args):
    reports.append((args.exc_type.__name__, str(args.exc_value), args.thread.name,
                    args.exc_traceback is not None))

def fail(message):
    raise ValueError(message)

threading.excepthook = hook
t = threading.Thread(target=fail, args=("custom hook",), name="hooked")
t.start()
t.join()
print(reports)
threading.excepthook = threading.__excepthook__
print(threading.excepthook is threading.__excepthook__)
t = threading.Thread(target=fail, args=("default report",), name="default")
t.start()
t.join()
print("main continues")
