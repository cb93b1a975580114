# Checks: every import form of MINIPY.md v2: import a, b; import a.b (binds a); import a as b;
# import a.b as c; from a import b as c, d; from a import *; and that they name the same objects.
import threading, time
import concurrent.futures
import collections as coll
import concurrent.futures as cf
from math import sqrt as square_root, floor
from itertools import *
from queue import Queue as Q, Empty

print(threading.current_thread().name, type(time.time()).__name__)
print(concurrent.futures.ThreadPoolExecutor is cf.ThreadPoolExecutor)
print(coll.deque([1, 2]), square_root(16), floor(2.7))
print(list(islice(count(10), 3)), list(chain([1], [2])))
q = Q()
q.put("x")
print(q.get(), Empty.__name__)
import math
print(math.sqrt is square_root, math.floor is floor)
