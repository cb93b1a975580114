# Checks: queue.LifoQueue returns the most recent item first; qsize/empty/full with maxsize;
# get_nowait on an empty LifoQueue raises queue.Empty; task_done/join work as for Queue.
import queue

stack = queue.LifoQueue(maxsize=3)
for item in ["first", "second", "third"]:
    stack.put(item)
print(stack.qsize(), stack.full(), stack.empty())
print([stack.get() for _ in range(3)], stack.empty())
for _ in range(3):
    stack.task_done()
try:
    stack.get_nowait()
except queue.Empty:
    print("Empty")
for i in range(3):
    stack.put_nowait(i)
try:
    stack.put_nowait(99)
except queue.Full:
    print("Full")
while not stack.empty():
    print(stack.get(), end=" ")
    stack.task_done()
print()
stack.join()
print("joined", isinstance(stack, queue.Queue))
