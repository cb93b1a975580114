# Checks: a bounded two-stage pipeline (maxsize=2 forces put to block) keeps FIFO order end to end.
import queue
import threading

stage1 = queue.Queue(maxsize=2)
stage2 = queue.Queue(maxsize=2)
final = []

def doubler():
    while True:
        v = stage1.get()
        if v == -1:
            stage2.put(-1)
            return
        stage2.put(v * 2)

def collector():
    while True:
        v = stage2.get()
        if v == -1:
            return
        final.append(v)

a = threading.Thread(target=doubler)
b = threading.Thread(target=collector)
a.start()
b.start()
for i in range(25):
    stage1.put(i)
stage1.put(-1)
a.join()
b.join()
print(final == [i * 2 for i in range(25)], final[:6])
print(stage1.empty(), stage2.empty())
