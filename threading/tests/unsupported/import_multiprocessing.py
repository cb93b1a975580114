# expect-line: 7
# construct: multiprocessing
# kind: NotImplementedError | ModuleNotFoundError
# when: run
# The multiprocessing module (out of scope: the workspace's own crate covers it).
print("before")
import multiprocessing
print(multiprocessing.cpu_count() > 0)
