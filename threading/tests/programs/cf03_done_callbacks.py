# Checks: Future.add_done_callback: a callback added before completion runs on the worker
# thread that completes the future; one added after completion runs at once on the calling
# thread; callbacks run in the order added and get the future itself.
import threading
from concurrent.futures import ThreadPoolExecutor

release = threading.Event()
calls = []

def note(label):
    def callback(fut):
        calls.append((label, fut.result(), threading.current_thread().name))
    return callback

with ThreadPoolExecutor(max_workers=1, thread_name_prefix="cb") as pool:
    fut = pool.submit(lambda: release.wait() and "value")
    fut.add_done_callback(note("first"))
    fut.add_done_callback(note("second"))
    print(calls, fut.done())
    release.set()
    fut.result()
print(calls)
fut.add_done_callback(note("late"))
print(calls[-1])
