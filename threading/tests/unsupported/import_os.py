# expect-line: 6
# construct: import os
# An import of a module other than threading, time, queue, sys.
import threading
import time
import os

print(os.sep)
