# An exception raised by a task reaches the caller through map(): the
# results before it arrive in order, then the program ends with the task's
# traceback (through concurrent.futures' frames) and exit code 1.
from concurrent.futures import ThreadPoolExecutor

def check(n):
    if n == 3:
        raise ValueError(f"bad input {n}")
    return n * 10

with ThreadPoolExecutor(max_workers=2) as pool:
    for result in pool.map(check, range(5)):
        print(result)
