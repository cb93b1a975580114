# expect-line: 6
# construct: import math
# A from-import of a module outside the four MiniPy modules.
from threading import Thread, Lock

from math import sqrt

print(sqrt(16.0))
